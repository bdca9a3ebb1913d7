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
  # The checks of the repository's own files (type check and lint of the code, generated files,
  # Markdown lint, the pre-commit hooks) do not depend on the library versions and run in the
  # README's suite; left out here, they keep CI within its 15 minutes.
  (cd "$root" && "$work/$name/bin/python" -m pytest -q -p no:cacheprovider \
    --ignore=tests/test_project.py --ignore=tests/test_generated.py \
    --ignore=tests/test_lint.py --ignore=tests/test_precommit.py)
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
