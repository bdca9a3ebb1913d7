"""The plan file says what to find out before acting on an action that only may hold.

The closing note of 2026-11-27's sixth session left this open: a report marks an action "May
hold: … find out first" (its findings rest only on "I don't know" or blank answers), or "… find
out who is right first" (and other respondents' answers rule them out), but the plan a team keeps
and ticks off (``--plan plan.csv``) dropped the mark: a team working through the file could not
tell the actions to take from those to check first. The plan now has a ``find_out_first`` column
(empty, "whether it holds", "who is right"); plans kept in the earlier layout, without it, are
still read back. Every expectation here was written before the column existed.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, civdata_command, unwrapped

HERE = FIXTURES / "ruled-out"
RUBRIC = HERE / "rubric.yaml"
MODEL_ACTION = "finding:rule:unchecked-model"
COUNTY = ROOT / "examples" / "county-justice" / "lead.yaml"
LATER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False)


def plan_rows(tmp_path: Path, *names: str, ending: str = "csv") -> list[dict[str, str | None]]:
    """The rows of the plan ``civdata report`` writes for the ruled-out fixture's ``names``."""
    plan = tmp_path / f"plan.{ending}"
    files = [HERE / f"{name}.yaml" for name in names]
    result = run("report", "-r", RUBRIC, *files, "-o", tmp_path / "report.md", "--plan", plan)
    assert result.returncode == 0, result.stderr
    text = plan.read_text(encoding="utf-8")
    if ending == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return yaml.safe_load(text)["actions"]


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_an_action_others_rule_out_says_find_out_who_is_right(tmp_path: Path, ending: str) -> None:
    rows = {row["id"]: row for row in plan_rows(tmp_path, "lead", "community-unsure", "community-none", ending=ending)}
    assert rows[MODEL_ACTION]["find_out_first"] == "who is right"


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_an_action_on_i_dont_know_alone_says_find_out_whether_it_holds(tmp_path: Path, ending: str) -> None:
    rows = {row["id"]: row for row in plan_rows(tmp_path, "community-unsure", ending=ending)}
    assert rows[MODEL_ACTION]["find_out_first"] == "whether it holds"


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_an_action_the_answers_show_has_nothing_to_find_out_first(tmp_path: Path, ending: str) -> None:
    """Lina's answers show the model rule (a model assists staff, nobody can overrule it)."""
    rows = {row["id"]: row for row in plan_rows(tmp_path, "lead-assists", "community-none", ending=ending)}
    assert rows[MODEL_ACTION]["find_out_first"] in ("", None)


def test_every_row_says_what_the_reports_action_says(tmp_path: Path) -> None:
    """On the county example's three respondents (two actions others' answers rule out) and on
    its lead alone: the column agrees with the JSON report's ``possibly`` and ``ruled_out`` for
    every action, and the rows are the report's actions in its order."""
    county = ROOT / "examples" / "county-justice"
    for files in ([county / "lead.yaml", county / "community.yaml", county / "funder.yaml"], [COUNTY]):
        plan = tmp_path / "plan.csv"
        report = tmp_path / "report.json"
        result = run("report", *files, "-o", report, "--plan", plan)
        assert result.returncode == 0, result.stderr
        actions = json.loads(report.read_text(encoding="utf-8"))["actions"]
        rows = list(csv.DictReader(io.StringIO(plan.read_text(encoding="utf-8"))))
        assert [row["id"] for row in rows] == [action["id"] for action in actions]
        expected = [
            ("who is right" if action["ruled_out"] else "whether it holds") if action["possibly"] else ""
            for action in actions
        ]
        assert [row["find_out_first"] for row in rows] == expected
        if len(files) == 3:
            assert expected.count("who is right") >= 2, expected
        plan.unlink()
        report.unlink()


def test_a_plan_kept_in_the_earlier_layout_is_still_read_back(tmp_path: Path) -> None:
    """A team's plan written before the column: ticked off, it is read with --baseline-plan as
    before, and given as a baseline by mistake it is still told for a plan."""
    plan = tmp_path / "plan.csv"
    assert run("report", COUNTY, "-o", tmp_path / "first.md", "--plan", plan).returncode == 0
    rows = list(csv.reader(io.StringIO(plan.read_text(encoding="utf-8"))))
    assert rows[0][3] == "find_out_first"
    earlier = [row[:3] + row[4:] for row in rows]
    assert earlier[0] == ["id", "text", "severity", "act_by", "owner", "findings", "done"]
    ticked = next(row for row in earlier[1:] if row[0] == "question:sharing-agreement")
    ticked[-1] = "x"
    kept = tmp_path / "kept.csv"
    with kept.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(earlier)
    out = tmp_path / "again.json"
    result = run("report", LATER, "--baseline", COUNTY, "--baseline-plan", kept, "-o", out)
    assert result.returncode == 0, result.stderr
    checks = json.loads(out.read_text(encoding="utf-8"))["progress"]["plan"]
    assert [(item["id"], item["state"]) for item in checks] == [("question:sharing-agreement", "done")]
    for given in (kept, plan):
        mistaken = run("report", LATER, "--baseline", given, "-o", tmp_path / "mistaken.json")
        assert mistaken.returncode == 2
        assert "this is an action plan (--plan), not a JSON report" in mistaken.stderr, given


def test_the_plans_introduction_says_where_what_others_rule_out_goes() -> None:
    """The report's action plan says how it is ordered: what others' answers rule out comes last
    within a severity; a report with no such action does not mention it."""
    ruled = [HERE / f"{name}.yaml" for name in ("lead", "community-unsure", "community-none")]
    for fmt in ("markdown", "html"):
        text = unwrapped(run("report", "-r", RUBRIC, *ruled, "-f", fmt, "-o", "-").stdout)
        assert "and that before what only may hold while others' answers rule it out (marked so)" in text, fmt
        alone = unwrapped(run("report", "-r", RUBRIC, HERE / "community-unsure.yaml", "-f", fmt, "-o", "-").stdout)
        assert "what answers show before what only may hold" in alone, fmt
        assert "rule it out" not in alone, fmt
