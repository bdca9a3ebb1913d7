#!/usr/bin/env bash
# Prove the dependency versions pyproject.toml allows: the whole test suite, twice, each time in a
# fresh virtual environment:
#   lowest: every runtime dependency at exactly its declared lowest version
#           (tools/lowest-constraints.txt), on the oldest supported Python found (3.10);
#   latest: the newest versions the package index offers, on the newest Python found.
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

run_suite() {  # name python pip-arguments...
  local name=$1 python=$2
  shift 2
  echo "== dependency bounds, $name: $("$python" --version 2>&1) =="
  "$python" -m venv "$work/$name"
  "$work/$name/bin/python" -m pip install --quiet --disable-pip-version-check "$@" "$root[test]"
  "$work/$name/bin/python" -m pip freeze --disable-pip-version-check \
    | grep -iE '^(typer|click|rich|pyyaml|jsonschema|questionary|prompt[-_]toolkit)==' | tr '\n' ' '
  echo
  # Left out here, to keep CI within its 15 minutes, and run in the README's suite on the newest
  # versions: the checks of the repository's own files (type check and lint of the code, generated
  # files, Markdown lint, the pre-commit hooks), which do not depend on the library versions; and
  # the tests of what civdata reasons out of files already read: imports of platform exports
  # (whose readers, openpyxl and civdata's own CSV reading, are not pinned here), combined reports,
  # comparisons over time and action plans, HTML and CI outputs, the safety of the files civdata
  # writes, the bundled rubrics' content and the reviews of it, the docs' examples and the
  # benchmark. What is run here is where civdata meets each pinned library: the command line
  # (typer, click), the terminal (rich), reading and writing YAML (PyYAML), checking against the
  # schemas (jsonschema) and the questionnaire (questionary, prompt_toolkit).
  local left_out=(project generated lint precommit
    form_import form_import_rows import_review_state import_combined form_export
    report_multi history json_role_counts strengths_agreed blank_answers actions
    progress progress_anonymized progress_comparable progress_large progress_replaced progress_review4
    progress_severity plan_carried plan_merged html_report charts ci_outputs format_features
    output_safety outputs write_failures rubric_content rubric_advice rubric_review rubric_review3
    frameworks first_time_user newcomer_review outside_review docs_examples bench scale) ignore=() file
  for file in "${left_out[@]}"; do ignore+=("--ignore=tests/test_$file.py"); done
  (cd "$root" && "$work/$name/bin/python" -m pytest -q -p no:cacheprovider "${ignore[@]}")
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lowest latest)
for target in "${targets[@]}"; do
  case "$target" in
    lowest) run_suite lowest "$(first_python 10 11 12 13 14)" --constraint tools/lowest-constraints.txt ;;
    latest) run_suite latest "$(first_python 14 13 12 11 10)" --upgrade ;;
    *) echo "unknown target '$target' (lowest or latest)" >&2; exit 2 ;;
  esac
done
