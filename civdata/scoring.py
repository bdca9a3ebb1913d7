"""Score one respondent's answers against a rubric. Pure functions: no I/O, no clock.

The method, in short (``docs/scoring.md`` says it at length):

1. Walk the questions in order. A question applies when the respondent's role is asked it and
   its ``when`` condition holds on the answers to earlier questions that apply.
2. A question's score is 0-1: the chosen option's score; for several choices the rubric's
   rule (sum capped at 1, max, min or mean); a number's band; a text answer's fixed score.
   "Not applicable" answers, unscored questions and questions that do not apply drop out of
   both the score and its maximum. Unanswered questions drop out too, and count against coverage.
3. An area's score is the weighted mean of its counted questions (points out of maximum points).
   The overall score is the weighted mean of the area scores, over areas with any counted answer.
4. Findings come from chosen options, number bands and rules; the verdict is the first band
   whose minimum score, worst allowed finding and minimum coverage all hold.
"""

from __future__ import annotations

import math
from statistics import mean

from civdata.conditions import holds
from civdata.model import (
    AnswerSet,
    AnswerValue,
    FindingSpec,
    Question,
    QuestionType,
    Rubric,
    Severity,
    Verdict,
    referenced_questions,
)
from civdata.results import (
    AreaResult,
    Assessment,
    Coverage,
    Finding,
    FindingSource,
    Note,
    QuestionResult,
    QuestionStatus,
    Score,
)


def applicable_answers(rubric: Rubric, answers: AnswerSet) -> dict[str, AnswerValue]:
    """Answers to the questions that apply, in asking order (question id -> value).

    This is the state conditions are evaluated against. It is shared with the questionnaire,
    which calls it after every answer to know which follow-up questions now apply.
    """
    return _walk(rubric, answers.respondent.role, answers)[1]


def question_statuses(rubric: Rubric, answers: AnswerSet) -> dict[str, QuestionStatus]:
    """Whether each question applies to this respondent and, if so, whether it was answered."""
    return _walk(rubric, answers.respondent.role, answers)[0]


def _walk(rubric: Rubric, role: str, answers: AnswerSet) -> tuple[dict[str, QuestionStatus], dict[str, AnswerValue]]:
    statuses: dict[str, QuestionStatus] = {}
    applicable: dict[str, AnswerValue] = {}
    for question in rubric.questions:
        if not question.asked_of(role):
            statuses[question.id] = QuestionStatus.SKIPPED_ROLE
            continue
        if question.when is not None and not holds(question.when, applicable):
            statuses[question.id] = QuestionStatus.SKIPPED_CONDITION
            continue
        value = answers.value(question.id)
        if value is None:
            statuses[question.id] = QuestionStatus.UNANSWERED
            continue
        applicable[question.id] = value
        statuses[question.id] = (
            QuestionStatus.NOT_APPLICABLE if _is_not_applicable(question, value) else QuestionStatus.ANSWERED
        )
    return statuses, applicable


def _chosen(value: AnswerValue) -> tuple[str | int, ...]:
    return value if isinstance(value, tuple) else (value,)  # type: ignore[return-value]


def _is_not_applicable(question: Question, value: AnswerValue) -> bool:
    if not question.type.has_options:
        return False
    options = [question.option(item) for item in _chosen(value)]
    return bool(options) and all(option is not None and option.not_applicable for option in options)


def score_answer(question: Question, value: AnswerValue) -> float | None:
    """The 0-1 score of one answer, or None when the answer is not scored."""
    if question.type is QuestionType.TEXT:
        return question.text_score
    if question.type is QuestionType.NUMBER:
        band = next((band for band in question.bands if band.contains(float(value))), None)  # type: ignore[arg-type]
        return band.score if band else None
    scores = [
        option.score
        for item in _chosen(value)
        if (option := question.option(item)) is not None and option.score is not None
    ]
    if not scores:
        return None
    if question.type is not QuestionType.MULTIPLE_CHOICE:
        return scores[0]
    combined = {
        "sum": lambda: min(1.0, sum(scores)),
        "max": lambda: max(scores),
        "min": lambda: min(scores),
        "mean": lambda: mean(scores),
    }[question.scoring]()
    return round(combined, 6)


def answer_text(question: Question, value: AnswerValue) -> str:
    """How an answer reads in a report: option labels, a number with its unit, or the text."""
    if question.type is QuestionType.TEXT:
        return str(value)
    if question.type is QuestionType.NUMBER:
        unit = f" {question.unit}" if question.unit else ""
        return f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"
    labels = []
    for item in _chosen(value):
        option = question.option(item)
        labels.append(option.label if option else str(item))
    return "; ".join(labels)


def _finding(spec: FindingSpec, finding_id: str, source: FindingSource, notes: tuple[Note, ...]) -> Finding:
    return Finding(
        id=finding_id,
        severity=spec.severity,
        title=spec.title,
        recommendation=spec.recommendation,
        explanation=spec.explanation,
        source=source,
        notes=notes,
    )


def answer_findings(question: Question, value: AnswerValue, note: str | None = None) -> tuple[Finding, ...]:
    """The findings one answer raises by itself (options and number bands, not rules).

    The questionnaire asks for a note when an answer raises a high or critical finding.
    """
    return _answer_findings(question, value, note, answer_text(question, value))


def _answer_findings(question: Question, value: AnswerValue, note: str | None, text: str) -> tuple[Finding, ...]:
    raising: list[tuple[FindingSpec, str]] = []
    if question.type is QuestionType.NUMBER:
        raising = [
            (band.finding, f"{question.id}:band-{index + 1}")
            for index, band in enumerate(question.bands)
            if band.finding and band.contains(float(value))  # type: ignore[arg-type]
        ]
    elif question.type.has_options:
        for item in _chosen(value):
            option = question.option(item)
            if option is not None and option.finding is not None:
                raising.append((option.finding, f"{question.id}:{item}"))
    if not raising:
        return ()
    notes = (Note(question.id, note),) if note else ()
    source = FindingSource("answer", question.id, text)
    return tuple(_finding(spec, finding_id, source, notes) for spec, finding_id in raising)


def _question_result(question: Question, status: QuestionStatus, answers: AnswerSet) -> QuestionResult:
    answer = answers.answers.get(question.id)
    note = answer.note if answer else None
    if status not in (QuestionStatus.ANSWERED, QuestionStatus.NOT_APPLICABLE):
        return QuestionResult(question, status, note=note if status.applies else None)
    assert answer is not None and answer.value is not None
    value = answer.value
    text = answer_text(question, value)
    return QuestionResult(
        question=question,
        status=status,
        value=value,
        answer_text=text,
        score=None if status is QuestionStatus.NOT_APPLICABLE else score_answer(question, value),
        note=note,
        findings=_answer_findings(question, value, note, text),
    )


def _area_score(results: tuple[QuestionResult, ...]) -> Score:
    counted = [result for result in results if result.counted]
    points = sum(result.question.weight * (result.score or 0.0) for result in counted)
    maximum = sum(result.question.weight for result in counted)
    return Score(round(points, 6), round(maximum, 6))


def overall_score(areas: tuple[AreaResult, ...]) -> float | None:
    """Weighted mean of the area percentages, over areas with any counted answer."""
    weighted = [
        (area.area.weight, area.score.points / area.score.maximum)
        for area in areas
        if area.score.maximum > 0 and area.area.weight > 0
    ]
    total_weight = sum(weight for weight, _ in weighted)
    if not weighted or total_weight == 0:
        return None
    return round(100 * sum(weight * share for weight, share in weighted) / total_weight, 1)


def _rule_findings(rubric: Rubric, applicable: dict[str, AnswerValue], answers: AnswerSet) -> list[Finding]:
    found = []
    for rule in rubric.rules:
        if not holds(rule.when, applicable):
            continue
        notes = tuple(
            Note(question_id, note)
            for question_id in dict.fromkeys(referenced_questions(rule.when))
            if question_id in applicable and (note := answers.note(question_id))
        )
        source = FindingSource("rule", rule_id=rule.id)
        found.append(_finding(rule.finding, f"rule:{rule.id}", source, notes))
    return found


def sort_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    """Most severe first; equally severe ones keep the order they were raised in."""
    return tuple(sorted(findings, key=lambda finding: -finding.severity.rank))


def choose_verdict(
    verdicts: tuple[Verdict, ...], overall: float | None, worst: Severity | None, coverage: float
) -> Verdict:
    """The first verdict band whose conditions all hold; the last band has none.

    A score that is not a finite number counts as no score: NaN compares false with every
    threshold, so it would otherwise reach the best band.
    """
    if overall is not None and not math.isfinite(overall):
        overall = None
    for verdict in verdicts:
        if verdict.min_score is not None and (overall is None or overall < verdict.min_score):
            continue
        if verdict.max_severity is not None and worst is not None and worst.rank > verdict.max_severity.rank:
            continue
        if verdict.min_coverage is not None and coverage < verdict.min_coverage:
            continue
        return verdict
    return verdicts[-1]


def assess(rubric: Rubric, answers: AnswerSet) -> Assessment:
    """Score ``answers`` against ``rubric``: the whole report model for one respondent."""
    statuses, applicable = _walk(rubric, answers.respondent.role, answers)
    areas = []
    for area in rubric.areas:
        results = tuple(_question_result(q, statuses[q.id], answers) for q in area.questions)
        areas.append(AreaResult(area, results, _area_score(results)))
    area_results = tuple(areas)

    findings = [finding for area in area_results for result in area.questions for finding in result.findings]
    findings.extend(_rule_findings(rubric, applicable, answers))
    sorted_findings = sort_findings(findings)

    required = [q for q in rubric.questions if q.required and statuses[q.id].applies]
    unanswered = [q.id for q in required if statuses[q.id] is QuestionStatus.UNANSWERED]
    optional = [q.id for q in rubric.questions if not q.required and statuses[q.id] is QuestionStatus.UNANSWERED]
    coverage = Coverage(len(required) - len(unanswered), len(required), tuple(unanswered), tuple(optional))

    overall = overall_score(area_results)
    worst = sorted_findings[0].severity if sorted_findings else None
    verdict = choose_verdict(rubric.verdicts, overall, worst, coverage.percent)
    return Assessment(rubric, answers, area_results, overall, sorted_findings, coverage, verdict)
