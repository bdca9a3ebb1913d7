"""What an outside evaluator of civil-society data projects found in the bundled rubric's content,
each pinned by answers run through `civdata report` as a user runs it.

The answers in tests/fixtures/rubric-content are the evaluator's (made for rubric 1.1.1, upgraded
by raising `rubric.version` only: 1.2.0 changed no question they answer). Every expected outcome was
written from the rubric's own rules before the rubric was changed:

- "No: the initiative holds nothing that identifies anyone" is the one answer to `authority-access`
  that closes the questions and rules about demands from authorities and the rule on short funding.
  Like "nobody in the data could be harmed", it is checked against the other answers: an answer that
  plainly says identifying data is held (records matched by names, dates of birth or addresses;
  names or details of identifiable people released) raises a finding as severe as not knowing
  whether the authorities could get the data (high). An answer to a question that presupposes
  identifying data (who can see it, how long it is kept) is no such sign, and nor is a use or a
  release that can be made without names;
- the rubric's header: offer "I don't know" wherever a respondent could plausibly not know, with a
  finding at least as severe as any other answer's: `in-house-skills` had none;
- a verdict's text is read by every initiative that gets it: "Ready with conditions" told a single
  organisation holding no identifying data not to move identifying data between organisations.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, civdata_command

CONTENT = FIXTURES / "rubric-content"
RULE = "rule:no-identifying-data-contradiction"
CONTRADICTION = {
    "severity": "high",
    "title": "The answers say nothing identifies anyone, yet other answers say identifying data may be held",
    "owner": "lead",
    "act_by": "this-month",
}


def civdata(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def json_report(path: Path) -> dict[str, Any]:
    result = civdata("report", path.name, "-f", "json", "-o", "-", cwd=path.parent)
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def answered(tmp_path: Path, fixture: str, **answers: Any) -> Path:
    """The evaluator's answers file ``fixture`` with ``answers`` (question id, with ``_`` for ``-``)
    given instead, written where civdata reads it."""
    data = yaml.safe_load((CONTENT / fixture).read_text(encoding="utf-8"))
    data["answers"].update({question.replace("_", "-"): value for question, value in answers.items()})
    path = tmp_path / fixture
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def contradiction(report: dict[str, Any]) -> dict[str, Any] | None:
    """The contradiction finding of ``report``, as the fields that say it, and what it covers."""
    found = [finding for finding in report["findings"] if finding["id"] == RULE]
    if not found:
        return None
    (finding,) = found
    return {key: finding[key] for key in (*CONTRADICTION, "covers")}


# --- "Nothing identifies anyone", checked against the other answers -------------------------------


@pytest.mark.parametrize(
    ("fixture", "answers", "covers"),
    [
        # Records matched by comparing names (and release of records, "I don't know" what else).
        ("partner-no-identifying.yaml", {}, ["outputs-shared:unsure"]),
        # Names or details of identifiable people released. The file leaves record linkage blank,
        # which the rule reads: the blank raises the finding of "I don't know" (as the riskiest
        # answer it could be), and the rule, which holds anyway, covers it.
        ("contradictory.yaml", {}, ["record-linkage:unsure"]),
        ("escape-no-identifying.yaml", {"outputs_shared": ["totals", "named-people"]}, []),
        ("escape-no-identifying.yaml", {"record_linkage": "fuzzy-matching", "linkage_errors": "measured-by-group"}, []),
        # Not knowing whether records are matched by name, or what is released, may contradict it too.
        ("escape-no-identifying.yaml", {"record_linkage": "unsure"}, ["record-linkage:unsure"]),
        ("escape-no-identifying.yaml", {"outputs_shared": ["totals", "unsure"]}, ["outputs-shared:unsure"]),
    ],
    ids=[
        "partner-matches-by-name",
        "contradictory-names-released",
        "names-released",
        "matched-by-name",
        "matching-not-known",
        "releases-not-known",
    ],
)
def test_an_answer_that_says_identifying_data_is_held_contradicts_nothing_identifies_anyone(
    tmp_path: Path, fixture: str, answers: dict[str, Any], covers: list[str]
) -> None:
    report = json_report(answered(tmp_path, fixture, **answers))
    assert contradiction(report) == {**CONTRADICTION, "covers": covers}


@pytest.mark.parametrize(
    "answers",
    [
        {},  # totals only, nothing matched: the claim may be true, and is taken at its word
        # Questions that presuppose identifying data, answered about the data held.
        {"access_control": "any-partner"},
        {"retention": "indefinite"},
        {"security_measures": ["none"]},
        # Uses and releases that can be made without names.
        {"outputs_shared": ["record-level"], "disclosure_control": ["written-rules", "second-person"]},
        {"record_linkage": "shared-id", "linkage_errors": "measured-by-group"},
        {"data_purposes": ["individual-decisions"]},
        # "I don't know" whether the authorities could get the data is its own high finding.
        {"authority_access": "unsure", "outputs_shared": ["totals", "named-people"]},
    ],
    ids=[
        "consistent",
        "anyone-can-see",
        "kept-indefinitely",
        "no-safeguards",
        "record-level-release",
        "shared-identifier",
        "individual-decisions",
        "authorities-not-known",
    ],
)
def test_no_answer_short_of_saying_so_contradicts_it(tmp_path: Path, answers: dict[str, Any]) -> None:
    report = json_report(answered(tmp_path, "escape-no-identifying.yaml", **answers))
    assert contradiction(report) is None


def test_one_organisation_whose_analysis_holds_no_names_raises_no_contradiction() -> None:
    """The evaluator's food bank: three respondents, each saying nothing identifies anyone, with
    totals only and no matching."""
    assert contradiction(json_report(CONTENT / "food-bank-hours")) is None


def test_a_contradicted_claim_no_longer_reaches_ready(tmp_path: Path) -> None:
    """The evaluator's escape hatch: with "legal demand" the answers are not ready (two critical
    findings); with "nothing identifies anyone" they were ready at 97.8, even beside a release of
    names. Contradicted, the claim counts as not knowing: ready with conditions at most."""
    consistent = json_report(CONTENT / "escape-no-identifying.yaml")
    assert (consistent["verdict"]["id"], consistent["overall"]["percent"]) == ("ready", 97.8)
    # Releasing named people opens the follow-up on bystanders, answered here as the best practice:
    # left blank, it would raise its own high finding (the riskiest answer it could be).
    names = json_report(
        answered(
            tmp_path,
            "escape-no-identifying.yaml",
            outputs_shared=["totals", "named-people"],
            bystander_naming="written-test",
        )
    )
    assert names["verdict"]["id"] == "ready-with-conditions"
    assert [finding["id"] for finding in names["findings"] if finding["severity"] in ("critical", "high")] == [RULE]


# --- "I don't know" wherever a respondent could plausibly not know -------------------------------


def test_skills_inside_the_organisation_can_be_answered_i_dont_know(tmp_path: Path) -> None:
    report = json_report(answered(tmp_path, "escape-no-identifying.yaml", in_house_skills=0))
    (finding,) = [finding for finding in report["findings"] if finding["id"] == "in-house-skills:0"]
    assert {key: finding[key] for key in ("severity", "title", "owner", "act_by")} == {
        "severity": "high",
        "title": "Whether staff could use the data without outside help is not known",
        "owner": "technical",
        "act_by": "this-month",
    }
    questions = {question["id"]: question for area in report["areas"] for question in area["questions"]}
    assert (questions["in-house-skills"]["answer"], questions["in-house-skills"]["score"]) == ("I don't know", 0)


# --- The verdict's words, true for every initiative that gets it ----------------------------------


def test_ready_with_conditions_asks_nothing_of_a_single_organisation_that_does_not_apply_to_it() -> None:
    report = json_report(CONTENT / "food-bank-hours")
    assert report["verdict"]["id"] == "ready-with-conditions"
    assert report["verdict"]["description"] == (
        "The initiative can proceed only once each high-severity finding has a named owner and a date. Where a "
        "finding is to be resolved before a step (collecting, analysing, deciding, publishing), do not take that "
        "step until it is; then assess again."
    )


# --- Answers made for 1.1 are told what changed ---------------------------------------------------


def test_answers_made_for_1_1_are_refused_with_the_question_that_changed(tmp_path: Path) -> None:
    shutil.copy(CONTENT / "food-bank-hours" / "lead.yaml", tmp_path / "lead.yaml")
    text = (tmp_path / "lead.yaml").read_text(encoding="utf-8")
    (tmp_path / "lead.yaml").write_text(text.replace('version: "1.2.3"', 'version: "1.1.1"'), encoding="utf-8")
    result = civdata("report", "lead.yaml", "-o", "report.md", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "lead.yaml:2:53: these answers were made for version 1.1.1 of 'civil-society-data-readiness', but the "
        "rubric is 1.2.3; questions changed since then: 'in-house-skills'. To upgrade: `civdata assess --resume "
        "lead.yaml` asks only the 1 changed or new question and keeps your other answers, or `civdata template "
        "--from lead.yaml -o new.yaml` writes a new file to review by hand",
        "civdata: 1 problem found; nothing was written",
    ]


def test_an_initiative_holding_data_about_people_at_risk_can_pass_a_gate_at_medium(tmp_path: Path) -> None:
    """Until 1.2.1, "yes, people in the data could be harmed" raised a medium finding whatever
    else was in place ("Not a failing but the stakes", said its own explanation), so no such
    initiative could ever pass `--fail-on medium`: with the best answer to every other question,
    it still failed. The stakes are now a finding for information; not knowing stays medium."""
    from rubric_properties import best_answers

    from civdata.inputs import load_rubric_spec

    rubric = load_rubric_spec(None)
    best = best_answers(rubric)
    answers = {qid: list(a.value) if isinstance(a.value, tuple) else a.value for qid, a in best.answers.items()}
    document = {
        "format": 1,
        "rubric": {"id": rubric.id, "version": rubric.version},
        "initiative": "At-risk but careful",
        "respondent": {"role": "lead"},
    }
    for at_risk, expected in (("yes", 0), ("unsure", 1)):
        path = tmp_path / f"{at_risk}.yaml"
        path.write_text(yaml.safe_dump({**document, "answers": {**answers, "people-at-risk": at_risk}}), "utf-8")
        result = civdata("report", path.name, "-f", "json", "-o", "-", "--fail-on", "medium", cwd=tmp_path)
        assert result.returncode == expected, (at_risk, result.stderr)
        stakes = next(f for f in json.loads(result.stdout)["findings"] if f["id"] == f"people-at-risk:{at_risk}")
        assert stakes["severity"] == ("info" if at_risk == "yes" else "medium")
