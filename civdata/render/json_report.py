"""The JSON report: the same content as the Markdown report, for other tools.

The structure is versioned by ``report_format`` and documented in ``docs/json-report.md``; fields
are only ever added within a version.
"""

from __future__ import annotations

import json
from typing import Any

from civdata.model import AnswerValue
from civdata.render.common import ReportMeta
from civdata.results import Assessment, Finding, QuestionResult, Score

REPORT_FORMAT = 1


def score_json(score: Score) -> dict[str, Any]:
    return {"points": score.points, "max_points": score.maximum, "percent": score.percent}


def value_json(value: AnswerValue | None) -> Any:
    return list(value) if isinstance(value, tuple) else value


def finding_json(finding: Finding) -> dict[str, Any]:
    source = finding.source
    return {
        "id": finding.id,
        "severity": finding.severity.value,
        "title": finding.title,
        "recommendation": finding.recommendation,
        "explanation": finding.explanation,
        "source": {
            "kind": source.kind,
            "question": source.question_id,
            "answer": source.answer,
            "rule": source.rule_id,
            "respondents": list(source.respondents),
        },
        "notes": [
            {"question": note.question_id, "text": note.text, "respondent": note.respondent} for note in finding.notes
        ],
    }


def question_json(result: QuestionResult) -> dict[str, Any]:
    return {
        "id": result.question.id,
        "title": result.question.title,
        "status": result.status.value,
        "value": value_json(result.value),
        "answer": result.answer_text,
        "score": result.score,
        "counted": result.counted,
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
        "overall": {"percent": assessment.overall},
        "coverage": {
            "answered": assessment.coverage.answered,
            "expected": assessment.coverage.expected,
            "percent": assessment.coverage.percent,
            "unanswered_required": list(assessment.coverage.unanswered_required),
            "unanswered_optional": list(assessment.coverage.unanswered_optional),
        },
        "areas": [
            {
                "id": area.area.id,
                "title": area.area.title,
                "weight": area.area.weight,
                "score": score_json(area.score),
                "questions": [question_json(result) for result in area.questions],
            }
            for area in assessment.areas
        ],
        "findings": [finding_json(finding) for finding in assessment.findings],
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
            "file": rubric.source,
            "sha256": rubric.sha256,
        },
    }


def render_json(assessment: Assessment, meta: ReportMeta, **_: object) -> str:
    document = envelope("single", assessment.rubric, meta) | assessment_json(assessment)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
