"""Fixes of the session of 2026-11-29 (eighth): each test was written before its fix and seen to fail."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT
from tests.test_ci_review_1129 import run

COUNTY = ROOT / "examples" / "county-justice"


def _answers_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    for path in COUNTY.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def test_a_plan_kept_in_the_answers_folder_is_written_again(tmp_path: Path) -> None:
    """A team keeping its plan beside its answers (docs/progress.md) could write it once: the next
    run said "skipped answers/plan.yaml: an action plan (--plan), not answers", then refused
    "--plan answers/plan.yaml is an answers file, read by this command" (the review of the fixes).
    A plan the folder's reading left out is not an input of the report; the guard for what the
    team set in it still holds."""
    _answers_folder(tmp_path)
    first = run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "skipped answers/plan.yaml: an action plan" in again.stderr, again.stderr
    assert "kind: civdata-action-plan" in (tmp_path / "answers" / "plan.yaml").read_text(encoding="utf-8")


def test_a_plan_in_the_answers_folder_marked_done_is_still_kept(tmp_path: Path) -> None:
    """Writing the plan kept with the answers again still refuses to throw away an action the team
    marked done."""
    _answers_folder(tmp_path)
    assert run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path).returncode == 0
    plan = tmp_path / "answers" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    marked = text.replace("done: false", "done: true", 1)
    assert marked != text
    plan.write_text(marked, encoding="utf-8")
    again = run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path)
    assert again.returncode == 2 and "1 action in this plan is marked done" in again.stderr, again.stderr
    assert plan.read_text(encoding="utf-8") == marked


def test_a_plan_in_the_answers_folder_read_as_the_baseline_plan_is_not_written_over(tmp_path: Path) -> None:
    """The plan left out of the folder of answers, but also read as ``--baseline-plan``, is an
    input of the run: never written over."""
    _answers_folder(tmp_path)
    assert run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path).returncode == 0
    plan = tmp_path / "answers" / "plan.yaml"
    before = plan.read_bytes()
    again = run(
        "report",
        "answers",
        "-o",
        "r.md",
        "--baseline",
        str(COUNTY),
        "--baseline-plan",
        "answers/plan.yaml",
        "--plan",
        "answers/plan.yaml",
        cwd=tmp_path,
    )
    assert again.returncode == 2, again.stderr
    assert "read by this command" in again.stderr, again.stderr
    assert plan.read_bytes() == before
