"""Scoring, by hand-computed examples on the mini rubric (tests/fixtures/mini-rubric.yaml)."""

from __future__ import annotations

import pytest

from civdata.conditions import holds
from civdata.gates import gate_failures
from civdata.model import AllOf, Answer, AnswerSet, AnyOf, Compare, Not, Respondent, Severity
from civdata.results import QuestionStatus
from civdata.scoring import applicable_answers, assess, choose_verdict, question_statuses


def answer_set(role: str = "lead", **values: object) -> AnswerSet:
    answers = {key.replace("_", "-"): Answer(value) for key, value in values.items()}  # type: ignore[arg-type]
    return AnswerSet("mini", "1.2.0", "Test", Respondent(role), answers)


def test_condition_operators() -> None:
    answers = {"a": "yes", "m": ("x", "y"), "n": 5}
    assert holds(Compare("a", "equals", "yes"), answers)
    assert holds(Compare("a", "in", ("no", "yes")), answers)
    assert holds(Compare("m", "includes", "y"), answers)
    assert holds(Compare("m", "includes", ("z", "x")), answers)
    assert not holds(Compare("m", "includes", "z"), answers)
    assert holds(Compare("n", "gt", 4), answers)
    assert holds(Compare("n", "gte", 5), answers) and not holds(Compare("n", "lt", 5), answers)
    assert holds(Compare("n", "lte", 5), answers)
    assert holds(Compare("missing", "answered", False), answers)
    assert not holds(Compare("missing", "equals", "yes"), answers)
    assert not holds(Compare("a", "gt", 1), answers), "text is never compared as a number"
    assert holds(AllOf((Compare("a", "equals", "yes"), Not(Compare("n", "lt", 3)))), answers)
    assert holds(AnyOf((Compare("a", "equals", "no"), Compare("n", "equals", 5))), answers)


def test_hand_computed_scores(mini_rubric) -> None:
    result = assess(
        mini_rubric,
        answer_set(
            sensitive="yes",
            threat_model="unsure",
            voice="consulted",
            safeguards=("encryption", "dpia"),
            confidence=3,
            months=24,
            deletion_plan="Archive with the county.",
        ),
    )
    people, lifecycle = result.areas
    # threat-model 0.25 x1, voice 0.5 x2, safeguards min(1, 0.4+0.5)=0.9 x1; sensitive has weight 0
    assert people.score.points == pytest.approx(0.25 + 1.0 + 0.9)
    assert people.score.maximum == 4
    assert people.score.percent == 53.8
    # confidence 0.67, months band 12-36 -> 0.6, deletion plan text -> 1; comments unscored
    assert lifecycle.score.points == pytest.approx(0.67 + 0.6 + 1.0)
    assert lifecycle.score.percent == 75.7
    # areas weighted 2:1
    assert result.overall == round((2 * 2.15 / 4 + 1 * 2.27 / 3) / 3 * 100, 1)
    assert result.coverage.percent == 100.0
    assert result.findings == ()
    assert result.verdict.id == "conditional"


def test_hidden_questions_and_not_applicable_leave_score_and_maximum(mini_rubric) -> None:
    result = assess(mini_rubric, answer_set(sensitive="no", threat_model="no", voice="decide"))
    statuses = {r.question.id: r.status for r in result.areas[0].questions}
    assert statuses["threat-model"] is QuestionStatus.SKIPPED_CONDITION
    assert result.areas[0].score.maximum == 2, "only voice counts; the hidden 'no' raises nothing"
    assert not any(f.id.startswith("threat-model") for f in result.findings)

    na = assess(mini_rubric, answer_set(sensitive="yes", threat_model="na", voice="decide"))
    threat = na.question_results()["threat-model"]
    assert threat.status is QuestionStatus.NOT_APPLICABLE and not threat.counted
    assert na.areas[0].score.maximum == 2


def test_changing_an_answer_reevaluates_follow_ups(mini_rubric) -> None:
    before = applicable_answers(mini_rubric, answer_set(sensitive="yes", threat_model="no"))
    after = applicable_answers(mini_rubric, answer_set(sensitive="no", threat_model="no"))
    assert "threat-model" in before and "threat-model" not in after


def test_role_restricted_questions_are_skipped(mini_rubric) -> None:
    statuses = question_statuses(mini_rubric, answer_set(role="community", confidence=2))
    assert statuses["confidence"] is QuestionStatus.SKIPPED_ROLE
    assert question_statuses(mini_rubric, answer_set(role="", confidence=2))["confidence"] is QuestionStatus.ANSWERED


def test_findings_from_options_bands_and_rules_most_severe_first(mini_rubric) -> None:
    result = assess(mini_rubric, answer_set(sensitive="yes", threat_model="no", voice="none", months=6))
    assert [(f.severity.value, f.id) for f in result.findings] == [
        ("critical", "rule:sensitive-no-threat-model"),
        ("high", "threat-model:no"),
        ("high", "voice:none"),
        ("high", "rule:short-funding-no-plan"),
        ("medium", "months:band-1"),
    ]
    assert result.verdict.id == "not-ready", "a critical finding caps the verdict"


def test_rule_findings_carry_the_notes_of_the_answers_they_read(mini_rubric) -> None:
    answers = answer_set(sensitive="yes", voice="none")
    answers.answers["threat-model"] = Answer("no", "Planned for March.")
    rule = next(f for f in assess(mini_rubric, answers).findings if f.id == "rule:sensitive-no-threat-model")
    assert [(n.question_id, n.text) for n in rule.notes] == [("threat-model", "Planned for March.")]


def test_multiple_choice_rules(mini_rubric) -> None:
    from dataclasses import replace

    question = mini_rubric.question("safeguards")
    from civdata.scoring import score_answer

    chosen = ("encryption", "access-log", "dpia")
    assert score_answer(question, chosen) == 1.0, "sum is capped at 1"
    assert score_answer(replace(question, scoring="max"), chosen) == 0.5
    assert score_answer(replace(question, scoring="min"), chosen) == 0.3
    assert score_answer(replace(question, scoring="mean"), chosen) == 0.4


def test_unanswered_required_questions_lower_coverage_and_the_verdict(mini_rubric) -> None:
    result = assess(
        mini_rubric, answer_set(sensitive="no", voice="decide", safeguards=("encryption", "dpia", "access-log"))
    )
    assert result.coverage.unanswered_required == ("confidence", "months")
    assert result.coverage.percent == 60.0
    assert result.overall == 100.0
    assert result.verdict.id == "conditional", "100 points but 60% coverage is not 'ready'"


def test_verdict_bands(mini_rubric) -> None:
    verdicts = mini_rubric.verdicts
    assert choose_verdict(verdicts, 80, Severity.LOW, 95).id == "ready"
    assert choose_verdict(verdicts, 80, Severity.MEDIUM, 95).id == "conditional"
    assert choose_verdict(verdicts, 80, None, 80).id == "conditional"
    assert choose_verdict(verdicts, 49.9, None, 100).id == "not-ready"
    assert choose_verdict(verdicts, None, None, 100).id == "not-ready"


def test_gates(mini_rubric) -> None:
    findings = assess(mini_rubric, answer_set(sensitive="yes", threat_model="no", voice="decide")).findings
    assert gate_failures(findings, 90, fail_on=Severity.CRITICAL, fail_under=None)
    assert gate_failures(findings, 90, fail_on=None, fail_under=90.1)
    assert not gate_failures(findings, 90, fail_on=None, fail_under=90)
    assert not gate_failures((), None, fail_on=Severity.INFO, fail_under=None)
    assert gate_failures((), None, fail_on=None, fail_under=10), "nothing scored cannot pass a score gate"
