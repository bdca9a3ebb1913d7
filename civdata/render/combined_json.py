"""The combined JSON report: everything the combined Markdown report says, for other tools.

Same envelope and ``report_format`` as the single-respondent report, with ``kind: "combined"``;
each respondent is a full single-respondent assessment, so a tool that reads one reads all.
The structure is documented in ``docs/multi-respondent.md``.
"""

from __future__ import annotations

import json
from typing import Any

from civdata.combine import COMBINE_METHODS, DIVERGENCE_SEVERITY, CombinedReport, Divergence
from civdata.escape import json_document
from civdata.render.common import ReportMeta
from civdata.render.json_report import assessment_json, envelope, finding_json, strength_json

#: Lists whose items (one per respondent) are written one per line rather than indented.
ONE_LINE_ITEMS = frozenset({"respondents", "answers"})


def render_combined_json(report: CombinedReport, meta: ReportMeta, **_: object) -> str:
    document = envelope("combined", report.rubric, meta) | combined_json(report)
    return json_document(layout(document)) + "\n"


def layout(value: Any, level: int = 0, key: str | None = None) -> str:
    """Indented JSON, except that per-respondent items and lists of plain values take one line each.

    The standard library indents in pure Python but writes compact JSON in C, and a report on
    hundreds of respondents is mostly per-respondent detail: laying that out one line per
    respondent keeps a 500-respondent report fast to write, and makes a diff show which respondent
    changed. The parsed content is exactly what ``json.dumps`` would give.
    """
    pad, end = "  " * (level + 1), "  " * level
    if isinstance(value, dict) and value:
        members = [f"{pad}{_compact(name)}: {layout(item, level + 1, name)}" for name, item in value.items()]
        return "{\n" + ",\n".join(members) + f"\n{end}}}"
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        one_line = key in ONE_LINE_ITEMS
        items = [pad + (_compact(item) if one_line else layout(item, level + 1)) for item in value]
        return "[\n" + ",\n".join(items) + f"\n{end}]"
    return _compact(value)


#: One encoder for every value: ``json.dumps`` with options builds a new encoder on each call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def _compact(value: Any) -> str:
    return _COMPACT.encode(value)


def combined_json(report: CombinedReport) -> dict[str, Any]:
    verdict = report.verdict
    labels = [entry.label for entry in report.respondents]
    return {
        "initiative": report.initiative,
        "anonymized": report.anonymized,
        "method": {
            "combine": report.method,
            "name": report.method_name,
            "description": COMBINE_METHODS[report.method][1],
            "role_weights": {role.id: role.weight for role in report.rubric.roles},
            "coverage": "mean of the respondents' coverage",
        },
        "verdict": {"id": verdict.id, "label": verdict.label, "description": verdict.description},
        "overall": {"percent": report.overall, "direction": report.rubric.direction.value},
        "coverage": {"percent": report.coverage},
        "areas": [
            {"id": item.area.id, "title": item.area.title, "weight": item.area.weight, "percent": item.percent}
            for item in report.areas
        ],
        "respondents": [{"label": entry.label} | assessment_json(entry.assessment) for entry in report.respondents],
        "roles": [
            {
                "id": role.role.id,
                "label": role.role.label,
                "weight": role.role.weight,
                "expected": role.role.expected,
                "respondents": [labels[person] for person in role.respondents],
                "overall": {"percent": role.overall},
                "areas": [{"id": area_id, "percent": percent} for area_id, percent in role.areas.items()],
            }
            for role in report.roles
        ],
        "missing_roles": [
            {
                "id": role.id,
                "label": role.label,
                "severity": role.missing_severity.value,
                "finding": f"role:{role.id}",
            }
            for role in report.missing_roles
        ],
        "divergence": {
            "threshold": report.rubric.divergence_threshold,
            "severity_floors": [
                {"severity": severity.value, "min_spread_times_weight": floor}
                for floor, severity in DIVERGENCE_SEVERITY
            ],
            "questions": [_divergence_json(divergence, labels) for divergence in report.divergences],
            "areas": [
                {
                    "id": item.area.id,
                    "title": item.area.title,
                    "spread": item.spread,
                    "highest": {"role": item.highest[0].id, "percent": item.highest[1]},
                    "lowest": {"role": item.lowest[0].id, "percent": item.lowest[1]},
                }
                for item in report.area_disagreements
            ],
        },
        "findings": [finding_json(finding, labels) for finding in report.findings],
        "covered_findings": [
            finding_json(covered, labels) for finding in report.findings for covered in finding.covers
        ],
        "strengths": [strength_json(strength, labels) for strength in report.strengths],
    }


def _divergence_json(divergence: Divergence, labels: list[str]) -> dict[str, Any]:
    question = divergence.question
    return {
        "question": question.id,
        "title": question.title,
        "area": question.area_id,
        "weight": question.weight,
        "spread": divergence.spread,
        "severity": divergence.severity.value,
        "finding": divergence.finding_id,
        "answers": [
            {
                "respondent": labels[given.respondent],
                "role": given.role.id,
                "answer": given.answer,
                "score": given.score,
                "note": given.note,
            }
            for given in divergence.answers
        ],
    }
