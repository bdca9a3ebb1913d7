#!/usr/bin/env bash
# Prove the dependency versions pyproject.toml allows, each time in a fresh virtual environment:
#   lowest: every runtime dependency at exactly its declared lowest version
#           (tools/lowest-constraints.txt), on the oldest supported Python found (3.10): the tests
#           of where civdata meets each pinned library (run in CI beside the README's suite);
#   latest: the newest versions the package index offers, on the newest Python found: the whole
#           test suite (a release check).
# A floor that is declared but broken (an old typer that makes every command print the version
# and exit 0, say) fails here instead of in someone's CI gate.
#
# Usage: tools/test-dependency-bounds.sh [lowest|latest]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/civdata-bounds.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A Python of version 3.MINOR: on PATH, or installed by pyenv (whose shims refuse versions that
# are not selected). Prints nothing when there is none.
python_of() {
  local minor=$1 candidate
  for candidate in "python3.$minor" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3."$minor".*/bin/python3."$minor"; do
    if "$candidate" -c 'import sys, venv' >/dev/null 2>&1; then
      command -v "$candidate" || echo "$candidate"
      return
    fi
  done
}

first_python() {
  local minor found
  for minor in "$@"; do
    found=$(python_of "$minor")
    if [ -n "$found" ]; then echo "$found"; return; fi
  done
  command -v python3
}

run_suite() {  # name python all|pinned pip-arguments...
  local name=$1 python=$2 scope=$3
  shift 3
  echo "== dependency bounds, $name: $("$python" --version 2>&1) =="
  "$python" -m venv "$work/$name"
  "$work/$name/bin/python" -m pip install --quiet --disable-pip-version-check "$@" "$root[test]"
  "$work/$name/bin/python" -m pip freeze --disable-pip-version-check \
    | grep -iE '^(typer|click|rich|pyyaml|jsonschema|questionary|prompt[-_]toolkit)==' | tr '\n' ' '
  echo
  # Run here: the tests of where civdata meets each pinned library, named file by file (a new
  # test file is not run here until it is named): the command line (typer, click), the terminal
  # (rich), reading and writing YAML (PyYAML), checking against the schemas (jsonschema), the
  # questionnaire in a real terminal (questionary, prompt_toolkit), and the core's scenarios and
  # properties, which every library above takes part in. The rest of the suite (the outside
  # reviews, imports of platform exports, comparisons over time, the other output formats, the
  # checks of the repository's own files) runs in the README's suite on the newest versions: run
  # here too, it took CI past its 15 minutes.
  local pinned=(
    cli cli_conventions commands exit_codes gate_spelling        # typer, click
    render                                                       # rich
    reading yamlsource yaml_tags answers_writer robustness       # PyYAML
    answers_schema schema_subset report_schema check cases       # jsonschema
    assess_pty resume_pty questionnaire_prompts questionnaire_session  # questionary, prompt_toolkit
    scenarios properties scoring combine startup                 # the core, and what it imports
  ) selected=() file
  for file in "${pinned[@]}"; do selected+=("tests/test_$file.py"); done
  [ "$scope" = pinned ] || selected=(tests)
  (cd "$root" && "$work/$name/bin/python" -m pytest -q -p no:cacheprovider "${selected[@]}")
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lowest latest)
for target in "${targets[@]}"; do
  case "$target" in
    lowest) run_suite lowest "$(first_python 10 11 12 13 14)" pinned --constraint tools/lowest-constraints.txt ;;
    latest) run_suite latest "$(first_python 14 13 12 11 10)" all --upgrade ;;
    *) echo "unknown target '$target' (lowest or latest)" >&2; exit 2 ;;
  esac
done
