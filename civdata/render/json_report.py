"""The JSON report: the same content as the Markdown report, for other tools.

The structure is versioned by ``report_format`` and documented in ``docs/json-report.md``; fields
are only ever added within a version. Text is written exactly as it was read (JSON escapes what
it must), and a number that is not finite is an error, never a bare ``NaN`` that JSON parsers refuse.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from civdata.escape import json_document
from civdata.model import AnswerValue
from civdata.render.common import ReportMeta
from civdata.results import Assessment, Finding, QuestionResult, Score, Strength

REPORT_FORMAT = 1


def gates_json(meta: ReportMeta) -> dict[str, Any] | None:
    """The CI gates checked in this run and their outcome; None when no gate was asked for."""
    if meta.gates is None:
        return None
    return {
        "passed": meta.gates.passed,
        "checks": [
            {"gate": check.gate, "threshold": check.threshold, "passed": check.passed, "reason": check.reason}
            for check in meta.gates.checks
        ],
    }


def strength_json(strength: Strength, labels: Sequence[str] = ()) -> dict[str, Any]:
    """A strength; ``labels`` name the respondents of a combined report, whom it refers to by position."""
    return {
        "question": strength.question_id,
        "text": strength.text,
        "answer": strength.answer,
        "respondents": [labels[person] for person in strength.respondents],
    }


def score_json(score: Score) -> dict[str, Any]:
    return {"points": score.points, "max_points": score.maximum, "percent": score.percent}


def value_json(value: AnswerValue | None) -> Any:
    return list(value) if isinstance(value, tuple) else value


def finding_json(finding: Finding, labels: Sequence[str] = ()) -> dict[str, Any]:
    """A finding; ``labels`` name the respondents of a combined report, whom the finding refers to
    by position."""
    source = finding.source
    return {
        "id": finding.id,
        "severity": finding.severity.value,
        "title": finding.title,
        "recommendation": finding.recommendation,
        "explanation": finding.explanation,
        "owner": finding.owner,
        "covers": [covered.id for covered in finding.covers],
        "source": {
            "kind": source.kind,
            "question": source.question_id,
            "answer": source.answer,
            "rule": source.rule_id,
            "respondents": [labels[person] for person in source.respondents],
        },
        "notes": [
            {
                "question": note.question_id,
                "text": note.text,
                "respondent": labels[note.respondent] if note.respondent is not None else None,
            }
            for note in finding.notes
        ],
    }


def question_json(result: QuestionResult) -> dict[str, Any]:
    return {
        "id": result.question.id,
        "title": result.question.title,
        "status": result.status.value,
        "value": value_json(result.value),
        "answer": result.answer_text,
        "unknown": result.unknown,
        "score": result.score,
        "points": result.points,
        "max_points": result.question.max_points,
        "counted": result.counted or (result.met and result.points is not None),
        "met": result.met,
        "weight": result.question.weight,
        "note": result.note,
        "findings": [finding.id for finding in result.findings],
    }


def assessment_json(assessment: Assessment) -> dict[str, Any]:
    """The scored content of one assessment, shared with the combined report."""
    answers = assessment.answers
    return {
        "initiative": answers.initiative,
        "respondent": {
            "name": answers.respondent.name,
            "role": answers.respondent.role,
            "organisation": answers.respondent.organisation,
        },
        "answered_on": answers.date,
        "source": answers.source,
        "verdict": {
            "id": assessment.verdict.id,
            "label": assessment.verdict.label,
            "description": assessment.verdict.description,
        },
        "overall": {"percent": assessment.overall, "direction": assessment.rubric.direction.value},
        "coverage": {
            "answered": assessment.coverage.answered,
            "expected": assessment.coverage.expected,
            "percent": assessment.coverage.percent,
            "unanswered_required": list(assessment.coverage.unanswered_required),
            "unanswered_optional": list(assessment.coverage.unanswered_optional),
            "unknown": list(assessment.coverage.unknown),
        },
        "areas": [
            {
                "id": area.area.id,
                "title": area.area.title,
                "weight": area.area.weight,
                "direction": area.area.direction.value,
                "score": score_json(area.score),
                "questions": [question_json(result) for result in area.questions],
            }
            for area in assessment.areas
        ],
        "findings": [finding_json(finding) for finding in assessment.findings],
        "covered_findings": [finding_json(covered) for finding in assessment.findings for covered in finding.covers],
        "strengths": [strength_json(strength) for strength in assessment.strengths],
    }


def envelope(kind: str, rubric: Any, meta: ReportMeta) -> dict[str, Any]:
    return {
        "report_format": REPORT_FORMAT,
        "kind": kind,
        "tool": {"name": "civdata", "version": meta.tool_version},
        "generated_on": meta.generated_on,
        "rubric": {
            "id": rubric.id,
            "version": rubric.version,
            "title": rubric.title,
            "language": rubric.lang,
            "direction": rubric.direction.value,
            "scored": rubric.scored,
            "file": rubric.source,
            "sha256": rubric.sha256,
        },
        "gates": gates_json(meta),
    }


def render_json(assessment: Assessment, meta: ReportMeta, **_: object) -> str:
    document = envelope("single", assessment.rubric, meta) | assessment_json(assessment)
    return json_document(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"
