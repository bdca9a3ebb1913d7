"""check-jsonschema in the tests: its command line on our own schemas, and the GitHub and GitLab
schemas it vendors, applied offline.

Shared by the answers-schema and rubric-schema tests (the command line, as an editor's user runs
it), the CI-output tests (the Action) and the docs-example tests (the documented workflow and
GitLab job).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jsonschema.validators import validator_for

from civdata.yamlsource import parse_yaml

#: The check-jsonschema installed beside the Python running the tests (the test extra has it).
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def run_check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema's command line on ``files`` with ``--schemafile schema``, as a user runs it."""
    assert CHECK_JSONSCHEMA.exists(), "check-jsonschema is part of the test extra: pip install -e '.[test]'"
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def check_jsonschema(builtin: str, text: str) -> None:
    """``text`` (YAML) valid against one of the platform schemas check-jsonschema vendors
    (``vendor.github-actions``...), read from the package and applied with jsonschema, as its
    ``--builtin-schema`` does. Its command line is not run: the versions pip pairs with the
    lowest jsonschema civdata allows (tools/lowest-constraints.txt) crash on start."""
    from importlib.resources import files

    name = builtin.removeprefix("vendor.")
    published = json.loads(files("check_jsonschema.builtin_schemas.vendor").joinpath(f"{name}.json").read_text("utf-8"))
    # Read as YAML 1.2, as GitHub and GitLab do: YAML 1.1 would read a workflow's `on:` as true.
    document, problems = parse_yaml(text, builtin)
    assert not problems, problems
    errors = [error.message for error in validator_for(published)(published).iter_errors(document.data)]
    assert not errors, errors[:5]
