"""`rubric validate` and a version raised with no entry in `changes` (left from a methodologist's
review of 2026-11-28).

A rubric that records its versions in `changes` and is published at a version it does not record
passed `rubric validate`, and respondents paid for the slip: answers made for the version before
were asked every question again by `assess --resume` and `template --from`, since nothing said
which questions had changed. The other commands use such a rubric as it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_ci_outputs import run

BUNDLED = ROOT / "rubrics" / "civil-society-data-readiness.yaml"
VERSION = "\nversion: 1.2.3\n"


def _with_version(tmp_path: Path, version: str, text: str | None = None) -> tuple[Path, int]:
    text = BUNDLED.read_text(encoding="utf-8") if text is None else text
    assert text.count(VERSION) == 1
    path = tmp_path / "r.yaml"
    path.write_text(text.replace(VERSION, f"\nversion: {version}\n"), encoding="utf-8")
    line = text.splitlines().index(VERSION.strip()) + 1  # the top-level key, not a change's
    return path, line


def test_a_minor_version_with_no_entry_is_refused_saying_every_answer_would_be_asked_again(tmp_path: Path) -> None:
    _, line = _with_version(tmp_path, "1.3.0")
    refused = run("rubric", "validate", "r.yaml", expect=2, cwd=tmp_path)
    assert refused.stderr.splitlines() == [
        f"r.yaml:{line}:10: version 1.3.0 has no entry in 'changes' (the newest is 1.2.3): answers made for 1.2.3 "
        "or earlier would be asked every question again (assess --resume, template --from), as nothing says which "
        "questions changed; add an entry for 1.3.0 that says what changed and lists the questions and rules it "
        "changed",
        "civdata: 1 problem found; nothing was written",
    ]


def test_a_patch_version_with_no_entry_is_refused_for_what_it_leaves_unsaid(tmp_path: Path) -> None:
    _, line = _with_version(tmp_path, "1.2.4")
    refused = run("rubric", "validate", "r.yaml", expect=2, cwd=tmp_path)
    assert refused.stderr.splitlines()[0] == (
        f"r.yaml:{line}:10: version 1.2.4 has no entry in 'changes' (the newest is 1.2.3): answers made for 1.2.3 "
        "are read as they are, but a report names version 1.2.4 and nothing says what it changed; add an entry for "
        "1.2.4 that says what changed and lists the questions and rules it changed"
    )


def test_the_same_rubric_is_used_as_it_is_by_the_other_commands(tmp_path: Path) -> None:
    _with_version(tmp_path, "1.3.0")
    answers = (ROOT / "examples" / "county-justice" / "lead.yaml").read_text(encoding="utf-8")
    (tmp_path / "lead.yaml").write_text(answers.replace('version: "1.2.3"', 'version: "1.3.0"'), encoding="utf-8")
    assert run("report", "lead.yaml", "-r", "r.yaml", "-o", "r.md", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("version", "why"),
    [
        ("1.2.3", "the version has its entry"),
        ("1.2.0", "an older version with an entry of its own (as a rubric republished from its history is)"),
    ],
)
def test_a_recorded_version_passes(tmp_path: Path, version: str, why: str) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    if version != "1.2.3":  # the entries newer than it are removed, as they would not exist yet
        start = text.index("  - version: 1.2.3\n")
        text = text[:start] + text[text.index(f"  - version: {version}\n") :]
    _with_version(tmp_path, version, text)
    assert run("rubric", "validate", "r.yaml", cwd=tmp_path).returncode == 0, why


def test_a_rubric_that_records_no_change_is_left_alone(tmp_path: Path) -> None:
    """A first version, or a rubric that does not keep a record: nothing to keep up to date."""
    text = BUNDLED.read_text(encoding="utf-8")
    _with_version(tmp_path, "1.3.0", text[: text.index("\nchanges:\n") + 1])
    assert run("rubric", "validate", "r.yaml", cwd=tmp_path).returncode == 0
