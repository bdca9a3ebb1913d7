"""A kept plan, as a spreadsheet leaves it: told for a plan, its problems where the cells are,
nothing hidden carried into the next plan.

Found by a review on 2026-11-27, each reproduced before the fix:
- a CSV plan with a column the team added (or its columns moved), given by mistake as
  ``--baseline``, was read as YAML and refused as "invalid YAML" at some colon, though
  ``--baseline-plan`` reads it;
- a problem in a row with a cell written over several lines (Alt+Enter) pointed at the row's
  last line, not at the cell;
- an owner holding a right-to-left override and terminal escapes was carried raw into the next
  CSV plan, where ``cat`` or a CI log would act on them.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command

BEFORE = ROOT / "examples" / "county-justice" / "lead.yaml"
AFTER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
TICKED = ROOT / "examples" / "county-justice-three-months-later" / "lead-plan-ticked.csv"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False)


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize("change", ["a column added", "columns moved"])
def test_a_plan_the_team_reshaped_is_told_for_a_plan_when_given_as_a_baseline(tmp_path: Path, change: str) -> None:
    rows = rows_of(TICKED)
    if change == "a column added":
        rows = [[*row, "notes" if index == 0 else ""] for index, row in enumerate(rows)]
    else:
        rows = [[row[-1], *row[:-1]] for row in rows]
    plan = write_rows(tmp_path / "plan.csv", rows)
    kept = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "-o", tmp_path / "ok.json")
    assert kept.returncode == 0, kept.stderr
    mistaken = run("report", AFTER, "--baseline", plan, "-o", tmp_path / "r.md")
    assert mistaken.returncode == 2
    assert f"{plan}:1:1: this is an action plan (--plan), not a JSON report" in mistaken.stderr


def test_a_problem_points_at_the_cell_not_at_the_end_of_its_row(tmp_path: Path) -> None:
    plan = tmp_path / "kept.csv"
    plan.write_text(
        "done,id,text,owner,act_by,findings\n"
        'maybe,question:retention,"Run the first scheduled deletion\n(Sam: check with the vendor)\nand record it",'
        "technical,this-quarter,retention:written-schedule\n"
        'false,question:partner-power,"Two\nlines",technical,someday,partner-power:x\n',
        encoding="utf-8",
    )
    result = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "-o", tmp_path / "r.md")
    assert result.returncode == 2
    assert f"{plan}:2:1: `done` is 'maybe'" in result.stderr
    # act_by comes after a cell of two lines: it is on the row's second line.
    assert f"{plan}:6:5: `act_by` is 'someday'" in result.stderr
    assert not (tmp_path / "r.md").exists()


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_an_owner_with_hidden_or_terminal_characters_is_refused_where_it_is(tmp_path: Path, ending: str) -> None:
    hostile = "\u202eDana\x1b]0;pwned\x07"
    if ending == "csv":
        rows = rows_of(TICKED)
        at = rows[0].index("owner")
        line = next(index for index, row in enumerate(rows, start=1) if row[0] == "question:retention")
        rows[line - 1][at] = hostile
        plan = write_rows(tmp_path / "kept.csv", rows)
        where = f"{plan}:{line}:{at + 1}"
    else:
        plan = tmp_path / "kept.yaml"
        assert run("report", BEFORE, "-o", tmp_path / "first.md", "--plan", plan).returncode == 0
        text = plan.read_text(encoding="utf-8")
        block = text.index('id: "question:retention"')
        owner = text.index("owner:", block)
        end = text.index("\n", owner)
        plan.write_text(text[:owner] + 'owner: "\\u202eDana\\e]0;pwned\\a"' + text[end:], encoding="utf-8")
        line = text[:owner].count("\n") + 1
        where = f"{plan}:{line}:12"
    new = tmp_path / "new.csv"
    result = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "-o", tmp_path / "r.md", "--plan", new)
    assert result.returncode == 2, result.stderr
    assert (
        f"{where}: `owner` holds U+202E RIGHT-TO-LEFT OVERRIDE and U+001B control character and U+0007 control "
        "character, which a reader cannot see or which acts on a terminal; remove it" in result.stderr
    )
    assert not new.exists()


def test_a_row_the_team_wrote_in_by_hand_is_said_to_be_left_out_of_the_new_plan(tmp_path: Path) -> None:
    """Found by the same review: a row the team added to its kept plan, not ticked, was dropped
    from the next plan without a word."""
    rows = rows_of(TICKED)
    header = rows[0]
    own = dict.fromkeys(header, "")
    own |= {"id": "team:call-funder", "text": "Ask the funder for a no-cost extension", "done": "false"}
    plan = write_rows(tmp_path / "kept.csv", [*rows, [own[column] for column in header]])
    out = tmp_path / "r.json"
    result = run(
        "report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "-o", out, "--plan", tmp_path / "n.csv"
    )
    assert result.returncode == 0, result.stderr
    said = json.loads(out.read_text(encoding="utf-8"))["progress"]["not_compared"]
    assert any("written in by hand" in sentence and sentence.endswith(": team:call-funder") for sentence in said), said
    # Ticked rows of the baseline's plan are not listed with it.
    assert not any("written in by hand" in sentence and "question:" in sentence for sentence in said)
