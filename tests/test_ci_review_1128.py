"""From an outside review of a team gating its pipeline on answers kept in a repo (2026-11-28).

* ``--min-coverage 0.75`` (a share, where civdata reads percentages) set the coverage floor at
  0.75% and let a half-filled file pass the gate the README promises fails it. A percentage below
  one is refused, saying what was likely meant.
* An earlier assessment left beside the new one (``lead.yaml`` and ``lead-2027.yaml``, the same
  person) was counted twice, weighing that person's answers twice, with nothing said. Both are
  still counted (two people may share a name), and the report says so on standard error, when the
  two files give the same name, organisation and role (two community members called Nasra, with
  no organisation, are two people).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.test_ci_outputs import EXAMPLE, run

#: Since 2026-11-29 the run's warning is the sentence the report says beside its verdict
#: (render.common.same_person_text), from the report's own record of who is the same person, not
#: a second detection in civdata.inputs: the two had drifted ("weigh twice" of three files).
WEIGH_MORE_THAN_ONCE = (
    "are one respondent by role, name and organisation. All are counted, so if one is an earlier assessment, that "
    "person's answers weigh more than once: move it out of what is reported on (and compare with it: --baseline)"
)


@pytest.mark.parametrize("option", ["--min-coverage", "--fail-under", "--fail-over"])
def test_a_share_written_for_a_percentage_is_refused(tmp_path: Path, option: str) -> None:
    result = run("report", EXAMPLE, option, "0.75", "-o", tmp_path / "r.md", expect=2)
    assert result.stderr.splitlines() == [
        f"civdata: {option} 0.75 is a percentage from 0 to 100, not a share: did you mean {option} 75?"
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["0", "1", "75"])
def test_percentages_of_zero_one_and_more_are_taken(tmp_path: Path, value: str) -> None:
    result = run("report", EXAMPLE, "--min-coverage", value, "-o", tmp_path / "r.md")
    assert "not a share" not in result.stderr


def _folder_with_an_earlier_assessment(tmp_path: Path) -> Path:
    folder = tmp_path / "assessment"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("*.md", "*.json", "*.svg", "*.csv", "*.html"))
    text = (folder / "lead.yaml").read_text(encoding="utf-8")
    (folder / "lead-2027.yaml").write_text(re.sub(r"(?m)^date: .*$", 'date: "2027-02-01"', text), encoding="utf-8")
    return folder


def test_the_same_person_in_two_files_is_said(tmp_path: Path) -> None:
    folder = _folder_with_an_earlier_assessment(tmp_path)
    result = run("report", "assessment", "-o", "r.md", cwd=tmp_path)
    warned = [line for line in result.stderr.splitlines() if "one respondent by role" in line]
    # Folders are read in name order, a file's name before its extension: lead.yaml first.
    assert warned == [
        f"civdata: warning: Same person in several files: Dana Okafor and Dana Okafor (2) (in {folder.name}/lead.yaml "
        f"and {folder.name}/lead-2027.yaml) {WEIGH_MORE_THAN_ONCE}"
    ]
    anonymized = run("report", "assessment", "--anonymize", "-o", "a.md", cwd=tmp_path)
    assert (
        "civdata: warning: Same person in several files: Lead organisation 1 and Lead organisation 2 "
        + WEIGH_MORE_THAN_ONCE
    ) in anonymized.stderr.splitlines()
    assert "Dana" not in anonymized.stderr


def test_files_that_name_nobody_or_different_people_are_not_said(tmp_path: Path) -> None:
    result = run("report", EXAMPLE, "-o", tmp_path / "r.md")
    assert "one respondent by role" not in result.stderr
    folder = _folder_with_an_earlier_assessment(tmp_path)
    text = (folder / "lead-2027.yaml").read_text(encoding="utf-8")
    (folder / "lead-2027.yaml").write_text(text.replace("Dana Okafor", "Dana Okafor-Reyes"), encoding="utf-8")
    assert "one respondent by role" not in run("report", folder, "-o", tmp_path / "s.md").stderr
    # A name without an organisation: two community members called Nasra are two people (the
    # consultation example's imported files, tests/test_terminal_facilitator_review.py).
    for name in ("lead", "lead-2027"):
        path = folder / f"{name}.yaml"
        text = path.read_text(encoding="utf-8").replace("Dana Okafor-Reyes", "Dana Okafor")
        path.write_text(re.sub(r"(?m)^  organisation: .*\n", "", text), encoding="utf-8")
    assert "\n  organisation: " not in (folder / "lead.yaml").read_text(encoding="utf-8")
    assert "one respondent by role" not in run("report", folder, "-o", tmp_path / "t.md").stderr


def test_a_mistyped_folder_is_told_with_the_closest_name(tmp_path: Path) -> None:
    """ "assesment: file not found" said "file" of a folder and nothing of the one a letter away."""
    _folder_with_an_earlier_assessment(tmp_path)
    result = run("report", "assesment/", "--fail-on", "critical", cwd=tmp_path, expect=2)
    assert result.stderr.splitlines()[0] == "assesment: no such file or folder; did you mean 'assessment'?"
    far = run("check", "elsewhere/", cwd=tmp_path, expect=2)
    assert far.stderr.splitlines()[0] == "elsewhere: no such file or folder"


def test_check_run_from_a_subfolder_in_github_actions_warns_as_report_does(tmp_path: Path) -> None:
    """Its annotations name files by the paths given, which the runner reads from the repository
    root: run from a subfolder, they point at files that are not there. `report` warned; `check`
    did not."""
    folder = _folder_with_an_earlier_assessment(tmp_path)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    result = run("check", ".", cwd=folder, env=env)
    assert result.stderr.splitlines() == [
        f"::warning::civdata: CI locations name files by the paths given, which GitHub reads from the repository "
        f"root ({tmp_path}), but civdata runs in {folder}: run it from the repository root"
    ]
    assert run("check", "assessment", cwd=tmp_path, env=env).stderr == ""
