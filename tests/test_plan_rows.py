"""Rows of an action plan a board can act on (an outside evaluator's review, written before the fix).

The review's county risk-score partnership (tests/fixtures/p1-county: a lead, the vendor's
technical team and the funder, with the model already setting supervision levels) had a plan in
which:

- nine disagreements on unrelated questions (shared definitions, the threat model, the safeguards
  around the automated results, ...) were one row, "Before acting on this answer, bring the
  respondents who scored it lowest (Technical team) and highest (Funder) together ...", that named
  no question and had no owner: their words named only the roles, and words alike were merged;
- a row's text came from its most severe finding and its date from its most urgent one: "Before
  analysis, interview ..." was due "this month", and "This month, draft a one-page stakeholder map
  ..." "at the next meeting" (the date of an info finding);
- "before results inform a decision" came after every calendar date, so comparing the tool's
  errors by group, hand-checking the matches and the missing community voice ranked behind "This
  quarter, set a retention period", though the tool's results are used now.

Expected (docs/progress.md, "The action plan"): one action per disputed question, naming it and
owned by the role the rubric names for that question's findings; an action's text, severity and
date from one finding, its lead; a deadline before a stage the project takes ahead of calendar
dates of the same severity.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, civdata_in, unwrapped

P1 = FIXTURES / "p1-county"

#: The documented order of deadlines: now, the stages a project takes (the first it reaches
#: first), the calendar from the nearest, then the end of the project.
ORDER = [
    "now",
    "before-collecting",
    "before-analysis",
    "before-deciding",
    "before-publishing",
    "this-week",
    "next-meeting",
    "this-month",
    "this-quarter",
    "this-half-year",
    "at-next-review",
    "before-the-end",
]


@pytest.fixture(scope="module")
def p1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Markdown report, JSON report and CSV plan of the three respondents."""
    folder = tmp_path_factory.mktemp("p1")
    for args in (["-o", "report.md", "--plan", "plan.csv"], ["-f", "json", "-o", "report.json"]):
        result = civdata_in(folder, "report", P1, *args, timeout=180)
        assert result.returncode == 0, result.stderr
    return folder


def plan_rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "plan.csv").read_text(encoding="utf-8"))))


def test_each_disagreement_is_an_action_of_its_own(p1: Path) -> None:
    rows = [row for row in plan_rows(p1) if row["id"].startswith("finding:divergence:")]
    assert len(rows) > 10  # the three disagree on many questions
    for row in rows:
        assert row["findings"] == row["id"].removeprefix("finding:"), row
    findings = json.loads((p1 / "report.json").read_text(encoding="utf-8"))["findings"]
    disputed = [finding["id"] for finding in findings if finding["source"]["kind"] == "divergence"]
    assert sorted(row["findings"] for row in rows) == sorted(disputed)


def test_a_disagreements_action_names_its_question_and_the_role_that_acts_on_it(p1: Path) -> None:
    rows = {row["id"]: row for row in plan_rows(p1)}
    shared = rows["finding:divergence:shared-definitions"]
    text = (
        "Before acting on the answers to “Shared definitions”, bring the respondents who scored it lowest "
        "(Technical team) and highest (Funder) together to compare what each knows, agree on the facts and "
        "record why they differed."
    )
    assert (shared["text"], shared["owner"], shared["act_by"]) == (text, "lead", "before-deciding")
    # Known accuracy: the rubric gives its findings to the technical team.
    accuracy = rows["finding:divergence:data-accuracy"]
    assert accuracy["text"].startswith("Before acting on the answers to “Known accuracy”, ")
    assert accuracy["owner"] == "technical"
    # In the report's table, "For" names the role.
    markdown = unwrapped((p1 / "report.md").read_text(encoding="utf-8"))
    row = f"| {text} | before results inform a decision | Lead organisation | finding:divergence:shared-definitions |"
    assert row in markdown


def test_an_actions_text_and_date_come_from_the_same_finding(p1: Path) -> None:
    rows = {row["id"]: row for row in plan_rows(p1)}
    # The vendor does not know how most of the data was collected (high, before analysis); the others
    # know their own only (medium, this month): the action is the high one's, worded and dated.
    collection = rows["question:collection-context"]
    assert collection["text"].startswith("Before analysis, interview the person who records each source")
    assert (collection["severity"], collection["act_by"]) == ("high", "before-analysis")
    # Not done (medium, this month), discussed (low, this month), written internally (info, next meeting).
    stakeholders = rows["question:stakeholder-map"]
    assert stakeholders["text"].startswith("This month, draft a one-page stakeholder map")
    assert (stakeholders["severity"], stakeholders["act_by"]) == ("medium", "this-month")


def test_a_deadline_before_a_stage_comes_before_calendar_dates_of_the_same_severity(p1: Path) -> None:
    rows = plan_rows(p1)
    severities = ["critical", "high", "medium", "low", "info"]
    # Within a severity, actions that answers show come before those that only may hold (on "I
    # don't know" or blank answers: tests/test_may_hold.py); each group by how soon to act.
    actions = json.loads((p1 / "report.json").read_text(encoding="utf-8"))["actions"]
    may_hold = {action["id"]: action["possibly"] for action in actions}
    ranks = [(severities.index(row["severity"]), may_hold[row["id"]], ORDER.index(row["act_by"])) for row in rows]
    assert ranks == sorted(ranks)
    high = [row["id"] for row in rows if row["severity"] == "high"]
    gates = [
        "finding:rule:automated-untested-for-groups",
        "finding:rule:decisions-on-unchecked-links",
        "finding:role:community",
        "finding:rule:decisions-without-community",
    ]
    dated = [row["id"] for row in rows if row["severity"] == "high" and row["act_by"] in ORDER[5:11]]
    assert "question:retention" in dated and "question:missing-people" in dated
    assert max(high.index(action) for action in gates) < min(high.index(action) for action in dated)
    # The end of the project comes by the calendar, usually last: training someone before the
    # vendor's contract ends stays after this quarter's retention period.
    assert high.index("question:in-house-skills") > high.index("question:retention")
