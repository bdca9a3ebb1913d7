"""A combined report says whose answers rule a rule out, and what only may hold while others' answers
rule it out comes last within its severity.

The closing note of 2026-11-27's fifth session left this open: the county example's combined report
marks "Stop using the results until a trained person reviews each one" as only possibly holding
(the community representative answered "I don't know" about automated decisions), but did not
say that the lead and the funder answered that nothing is automated. For a facilitator the
question is then not "is there a model?" but "who is right?", and the report must say so.

Whose answers rule a rule out (docs/scoring.md, section 8): the rule is false on their answers,
and stays false whatever they would answer to its questions not put to them (not asked of their
role, or skipped by a condition), each read as any answer. Someone not asked rules nothing out.

The rubric and answers in ``tests/fixtures/ruled-out`` were written for this, and every
expectation below was written before the code that computes it was run on them.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from civdata.actions import action_plan
from civdata.answers_loader import load_answers
from civdata.model import Severity
from civdata.render.common import ReportMeta
from civdata.render.terminal import render_text
from civdata.reporting import build_report
from civdata.results import Finding, FindingKind, FindingSource
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess, sort_findings
from tests.conftest import FIXTURES, ROOT, civdata_command, unwrapped

HERE = FIXTURES / "ruled-out"
RUBRIC = HERE / "rubric.yaml"
MODEL = "rule:unchecked-model"
# The community's "I don't know" alone (no question of the rule is left blank): said so on purpose
# since an outside review found "or left blank" where nothing was.
RULED_OUT_ACTION = (
    "May hold: it rests on answers of “I don't know”, which could be any answer, "
    "and other respondents' answers rule it out; find out who is right first."
)


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False, env=env
    )


def report(*names: str, fmt: str = "json", extra: tuple[str, ...] = ()) -> str:
    result = run("report", "-r", RUBRIC, *(HERE / f"{name}.yaml" for name in names), "-f", fmt, "-o", "-", *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout


def findings(*names: str) -> dict[str, dict]:
    return {finding["id"]: finding for finding in json.loads(report(*names))["findings"]}


def ruled_out(name: str) -> set[str]:
    rubric = load_rubric(RUBRIC)
    return set(assess(rubric, load_answers(HERE / f"{name}.yaml", rubric)).ruled_out)


# --- Whose answers rule a rule out -----------------------------------------------------------------


def test_answers_that_make_a_rule_false_rule_it_out() -> None:
    """The lead answered that nothing is automated and that there is a budget: every rule is
    false on those answers. The follow-up on safeguards was skipped by that answer; read as any
    answer, the model rule stays false."""
    assert ruled_out("lead") == {"unchecked-model", "model-without-budget", "no-budget", "budget-unanswered"}


def test_someone_not_asked_rules_nothing_out() -> None:
    """The community is not asked about the budget: the budget rules are false for them, but only
    because nobody asked. "I don't know" on automation makes the model rule possibly hold (raised,
    so not ruled out)."""
    assert ruled_out("community-unsure") == set()


def test_an_answer_rules_out_a_rule_whose_other_question_was_not_asked() -> None:
    """Kofi (community) was not asked about the budget, but his "No" on automation makes the rule
    on a model without a budget false whatever the budget is."""
    assert ruled_out("community-none") == {"unchecked-model", "model-without-budget"}


def test_a_rule_raised_is_not_ruled_out_by_the_same_person() -> None:
    assert ruled_out("lead-assists") == {"model-without-budget", "no-budget", "budget-unanswered"}


def test_an_answered_test_on_a_question_not_asked_is_never_ruled_out() -> None:
    """`not budget answered` is false for someone not asked; read as a blank, as any answer they
    could have given, it possibly holds (so since the second review of verdicts, not true for
    certain, as it was), so their answers cannot rule it out."""
    assert "budget-unanswered" not in ruled_out("community-none")


# --- The combined report ---------------------------------------------------------------------------


def test_a_rule_that_may_hold_says_whose_answers_rule_it_out() -> None:
    found = findings("lead", "community-unsure", "community-none")[MODEL]
    assert found["source"]["possibly"] is True
    assert found["source"]["respondents"] == ["Ama"]
    assert found["source"]["ruled_out"] == {
        "count": 2,
        "respondents": ["Lena", "Kofi"],
        "by_role": {"lead": 1, "community": 1},
    }
    action = next(item for item in json.loads(report("lead", "community-unsure", "community-none"))["actions"])
    assert action["findings"] == [MODEL]
    assert action["possibly"] is True and action["ruled_out"] is True


def test_the_markdown_report_names_them_and_says_to_find_out_who_is_right() -> None:
    markdown = unwrapped(report("lead", "community-unsure", "community-none", fmt="markdown"))
    assert (
        "The answers of 2 of 3 respondents rule it out: Lena (Lead organisation), Kofi (Community representative)."
        in markdown
    )
    first = markdown.split("## What to do first", 1)[1].split("\n## ", 1)[0]
    assert RULED_OUT_ACTION in first
    assert "*(may hold; others' answers rule it out)*" in markdown


def test_a_rule_someones_answers_show_and_anothers_rule_out_is_a_disagreement_shown() -> None:
    """Lina (lead) says a model assists staff and nobody can overrule it; Kofi says nothing is
    automated. The finding holds (someone's answers show it) and the line says who rules it out;
    its action is not marked as only possibly holding."""
    found = findings("lead-assists", "community-none")[MODEL]
    assert found["source"]["possibly"] is False
    assert found["source"]["ruled_out"]["respondents"] == ["Kofi"]
    markdown = unwrapped(report("lead-assists", "community-none", fmt="markdown"))
    assert "The answers of 1 of 2 respondents rule it out: Kofi (Community representative)." in markdown
    assert "find out who is right" not in markdown
    html = report("lead-assists", "community-none", fmt="html")
    assert "The answers of 1 of 2 respondents rule it out: <bdi>Kofi (Community representative)</bdi>." in html


def test_a_report_on_one_person_says_nothing_about_ruling_out() -> None:
    for name in ("lead", "community-unsure"):
        document = json.loads(report(name))
        assert all(finding["source"]["ruled_out"]["count"] == 0 for finding in document["findings"]), name
        assert all(action["ruled_out"] is False for action in document["actions"]), name
        assert "rule it out" not in report(name, fmt="markdown"), name


def test_the_terminal_and_ci_annotations_say_it_too() -> None:
    files = [HERE / f"{name}.yaml" for name in ("lead", "community-unsure", "community-none")]
    rubric = load_rubric(RUBRIC)
    built = build_report(rubric, [load_answers(path, rubric) for path in files]).model
    text = render_text(built, ReportMeta("0", "2026-11-27"), width=400)  # no cell of the table wrapped
    assert "Ama (Community representative); ruled out by the answers of Lena (Lead organisation), Kofi" in text
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": ""}
    result = run("report", "-r", RUBRIC, *files, "-f", "json", "-o", "-", "--annotations", "github", env=env)
    assert result.returncode == 0, result.stderr
    annotation = next(line for line in result.stderr.splitlines() if "nobody able to overrule" in line)
    # Out of how many, as the Markdown says "The answers of 2 of 3 respondents rule it out" (the
    # review of the formats: CI messages counted people without saying of how many).
    assert "(raised by 1 of 3 respondents) (ruled out by the answers of 2 of 3 respondents)" in annotation


def test_anonymized_the_roles_are_counted_and_nobody_named() -> None:
    found = json.loads(report("lead", "community-unsure", "community-none", extra=("--anonymize",)))
    model = next(finding for finding in found["findings"] if finding["id"] == MODEL)
    assert model["source"]["ruled_out"]["count"] == 2
    assert "Lena" not in json.dumps(found) and "Kofi" not in json.dumps(found)


def test_the_json_report_with_ruled_out_is_valid_against_its_schema() -> None:
    from tests.report_schema import report_document

    report_document(report("lead", "community-unsure", "community-none"))
    report_document(report("lead"))


# --- Order ------------------------------------------------------------------------------------------


def _finding(name: str, *, possibly: bool = False, ruled_out: tuple[int, ...] = ()) -> Finding:
    source = FindingSource(FindingKind.RULE, rule_id=name, respondents=(0,), possibly=possibly, ruled_out=ruled_out)
    return Finding(f"rule:{name}", Severity.CRITICAL, name, f"Do {name}.", source)


def test_what_others_rule_out_comes_after_what_only_may_hold() -> None:
    """Within a severity: what answers show, then what may hold, then what may hold and others'
    answers rule out; given here in the opposite order."""
    rubric = load_rubric(RUBRIC)
    given = [
        _finding("contested", possibly=True, ruled_out=(1,)),
        _finding("unknown", possibly=True),
        _finding("shown", ruled_out=(1,)),
    ]
    assert [finding.title for finding in sort_findings(given)] == ["shown", "unknown", "contested"]
    plan = action_plan(rubric, given)
    assert [action.text for action in plan] == ["Do shown.", "Do unknown.", "Do contested."]
    assert [(action.possibly, action.ruled_out) for action in plan] == [(False, False), (True, False), (True, True)]


# --- The county example ------------------------------------------------------------------------------


def test_the_county_lead_and_funder_rule_out_the_automation_rule() -> None:
    """The note's case: Marcus Bell answered "I don't know" about automated decisions; Dana Okafor
    (lead) and Priya Raman (funder) answered that none are made."""
    county = ROOT / "examples" / "county-justice"
    result = run(
        "report", *(county / f"{name}.yaml" for name in ("lead", "community", "funder")), "-f", "json", "-o", "-"
    )
    document = json.loads(result.stdout)
    found = next(finding for finding in document["findings"] if finding["id"] == "rule:automated-without-safeguards")
    assert found["source"]["ruled_out"]["respondents"] == ["Dana Okafor", "Priya Raman"]
    action = next(item for item in document["actions"] if item["findings"] == ["rule:automated-without-safeguards"])
    assert action["ruled_out"] is True
