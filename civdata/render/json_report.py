"""The JSON report: the same content as the Markdown report, for other tools.

One structure for one respondent or many (``kind`` says which). The structure is versioned by
``report_format`` and documented in ``docs/json-report.md``; fields are only ever added within a
version. Text is written exactly as it was read (JSON escapes what it must), and a number that is
not finite is an error, never a bare ``NaN`` that JSON parsers refuse. A report on many people
lists each respondent's headline; their whole assessments are added only with ``--detail``, so
the file grows with what there is to say rather than with every answer of every person.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from civdata.combine import COMBINE_METHODS, DIVERGENCE_SEVERITY, severity_weight, single_report
from civdata.escape import json_document
from civdata.model import AnswerValue, Rubric
from civdata.render.common import (
    GROUP_COVERAGE_METHOD,
    NAMED_LIMIT,
    WRITTEN_SHOWN,
    ReportMeta,
    note_groups,
    role_counts,
    written_by_question,
)
from civdata.report_seal import sealed
from civdata.results import (
    Action,
    Assessment,
    Divergence,
    Finding,
    FindingKind,
    Note,
    QuestionResult,
    Report,
    RespondentRow,
    Score,
    Strength,
    missing_voice_id,
    scored_apart,
)

if TYPE_CHECKING:
    from civdata.progress import AnswerCount, DespiteBlanks, FindingReplacement, Progress, ScoreChange, SeverityChange
    from civdata.snapshot import AnswerBrief, FindingBrief

#: 2: one structure for one respondent or many; a combined report lists respondents' headlines
#: (``respondents``) and their whole assessments only with ``--detail`` (``detail``).
REPORT_FORMAT = 2

#: Lists whose items are written one per line rather than indented.
ONE_LINE_ITEMS = frozenset({"respondents", "answers", "questions", "detail"})


def render_json(report: Report, meta: ReportMeta, **_: object) -> str:
    # Sealed (civdata.report_seal), so that a report edited since is told when it is read back.
    return json_document(layout(sealed(envelope(report, meta) | report_body(report)))) + "\n"


def envelope(report: Report, meta: ReportMeta) -> dict[str, Any]:
    rubric = report.rubric
    return {
        "report_format": REPORT_FORMAT,
        "kind": "combined" if report.multiple else "single",
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


def report_body(report: Report) -> dict[str, Any]:
    """Everything of a report but its envelope: the one home of a report's content, so that a
    combined report's ``--detail`` holds, per respondent, exactly what a report on them alone
    holds (multi-respondent.md)."""
    labels = [row.label for row in report.respondents]
    body = _common(report, labels)
    body |= _single(report) if report.single is not None else _combined(report, labels)
    if report.same_person:  # only when there are any, as below
        body["same_person"] = [[labels[position] for position in group] for group in report.same_person]
    if report.silent:  # only when there are any: a report on each respondent (--detail) has none
        body["silent_respondents"] = [respondent_json(report.rubric, row) for row in report.silent]
    if report.multiple and report.written:
        body["written"], body["written_not_shown"] = _written_json(report, labels)
    if report.progress is not None:
        body["progress"] = progress_json(report.progress)
    return body


def _written_json(report: Report, labels: Sequence[str]) -> tuple[list[dict[str, Any]], int]:
    """What people wrote that no finding or disagreement quotes, as the Markdown report gives it:
    each text once per question, with how many wrote it and who (while the group is not large);
    and how many texts a large group's report leaves out (every one is in ``detail``)."""
    entries: list[dict[str, Any]] = []
    not_shown = 0
    for question_id, answers, notes in written_by_question(report):
        for texts, kind in ((answers, "answer"), (notes, "note")):
            groups, left_out = note_groups(report, texts, WRITTEN_SHOWN)
            not_shown += left_out
            entries += [
                {
                    "question": question_id,
                    "kind": kind,
                    "text": group.text,
                    "count": group.count,
                    "respondents": [] if report.large else [labels[person] for person in group.people],
                    "shortened_by": group.shortened_by,
                }
                for group in groups
            ]
    return entries, not_shown


def _open_score(report: Report) -> dict[str, Any] | None:
    """What the questions left blank leave open of the overall score (``overall.open``), and
    whether the score shown lies outside it (:func:`civdata.results.scored_apart`)."""
    open_score = report.open_score
    if open_score is None:
        return None
    held = open_score.held.id if open_score.held is not None else None
    shown = {"low": open_score.low, "high": open_score.high, "held_back": held}
    # Only when it happens, as ``silent_respondents``: a score shown no answers give.
    return shown | ({"shown_outside": True} if scored_apart(report.overall, open_score) else {})


def _common(report: Report, labels: Sequence[str]) -> dict[str, Any]:
    verdict, held = report.verdict, report.held_back
    return {
        "initiative": report.initiative,
        "anonymized": report.anonymized,
        "verdict": {
            "id": verdict.id,
            "label": verdict.label,
            "description": verdict.description,
            "held_back_by_answers": held.band.id if held is not None and held.by_answers else None,
            "held_back_by_coverage": held.band.id if held is not None and held.by_coverage else None,
        },
        "overall": {
            "percent": report.overall,
            "direction": report.rubric.direction.value,
            "unscored_reason": report.unscored_reason,
            "thin_coverage": report.thin_coverage,
            "open": _open_score(report),
        },
        "coverage": {"percent": report.coverage, "unknown_answers": report.unknown_answers, "settled": report.settled},
        "findings": [finding_json(finding, labels, report) for finding in report.findings],
        "covered_findings": [finding_json(covered, labels, report) for covered in _covered_once(report)],
        "strengths": [strength_json(strength, labels, report) for strength in report.strengths],
        "actions": [action_json(action) for action in report.actions],
        "respondents": [respondent_json(report.rubric, row) for row in report.respondents],
    }


def _covered_once(report: Report) -> list[Finding]:
    """Every finding the rules' findings state in context, each once (as the first rule states it):
    two rules may state one finding, as for two respondents of a combined report."""
    found: dict[str, Finding] = {}
    for finding in report.findings:
        for covered in finding.covers:
            found.setdefault(covered.id, covered)
    return list(found.values())


def action_json(action: Action) -> dict[str, Any]:
    """One row of the action plan."""
    return {
        "id": action.id,
        "text": action.text,
        "severity": action.severity.value,
        "act_by": action.act_by.value if action.act_by else None,
        "owner": action.owner,
        "findings": list(action.findings),
        "raised_by": action.raised_by,
        "possibly": action.possibly,
        "ruled_out": action.ruled_out,
    }


def progress_json(progress: Progress) -> dict[str, Any]:
    """What changed since the baseline (``--baseline``), and what could not be compared."""

    def score(item: ScoreChange) -> dict[str, Any]:
        return {
            "id": item.id,
            "title": item.title,
            "before": item.before,
            "after": item.after,
            "change": item.change,
            "trend": item.trend.value,
            "reason": item.reason,
            "despite_blanks": _despite_json(item.despite_blanks),
        }

    def brief(finding: FindingBrief) -> dict[str, Any]:
        shown = {"id": finding.id, "severity": finding.severity.value, "title": finding.title}
        # Said only where it holds: what tells a finding that may hold from one the answers show.
        return shown | ({"on_blank": True} if finding.on_blank else {})

    def pair(item: FindingReplacement | SeverityChange) -> dict[str, Any]:
        return {"before": brief(item.before), "after": brief(item.after), "trend": item.trend.value}

    return {
        "baseline": {
            "source": progress.baseline_source,
            "assessed_on": progress.baseline_on,
            "rubric_version": progress.baseline_version,
        },
        "assessed_on": progress.current_on,
        "verdict": {
            "before": progress.verdict_before,
            "after": progress.verdict_after,
            "before_id": progress.verdict_before_id,
            "after_id": progress.verdict_after_id,
            "trend": progress.verdict_trend.value,
        },
        "overall": score(progress.overall),
        "areas": [score(item) for item in progress.areas],
        "findings": {
            "resolved": [brief(finding) for finding in progress.resolved],
            "replaced": [pair(item) for item in progress.replaced],
            "new": [brief(finding) for finding in progress.new],
            "still_open": [brief(finding) for finding in progress.still_open],
            "stated_now": list(progress.stated_now),
            "stated_then": list(progress.stated_then),
            "not_compared": list(progress.uncompared),
            "severity_changed": [pair(item) for item in progress.severity_changed],
        },
        "answers": [
            {
                "respondent": change.respondent,
                "question": change.question_id,
                "title": change.title,
                "before": _answer(change.before),
                "after": _answer(change.after),
            }
            for change in progress.answers
        ]
        + [_answer_count(item) for item in progress.answer_counts],
        "answers_compared": progress.answers_compared,
        "plan": [
            {"id": check.id, "text": check.text, "state": check.state.value, "open_findings": list(check.open_findings)}
            | ({"now": check.now} if check.now else {})
            for check in progress.plan
        ],
        "carried": [
            {"id": item.id, "owner": item.owner, "act_by": item.act_by} | ({"was": item.was} if item.was else {})
            for item in progress.carried
        ],
        "not_compared": list(progress.not_compared),
        "warnings": [caution.text for caution in progress.warnings],
    }


def _answer(value: AnswerBrief | None) -> dict[str, Any] | None:
    """An answer then or now, as ``progress.answers[]`` gives it (null when not asked)."""
    if value is None:
        return None
    return {"value": value_json(value.value), "answer": value.text, "note": value.note}


def _answer_count(item: AnswerCount) -> dict[str, Any]:
    """A large group's changed answer, counted: how many made that change, per role; nobody named and
    no note (``respondent`` and ``note`` null), as its notes elsewhere (docs/multi-respondent.md)."""
    return {
        "respondent": None,
        "question": item.question_id,
        "title": item.title,
        "before": _answer(item.before),
        "after": _answer(item.after),
        "count": item.count,
        "by_role": dict(item.by_role),
    }


def _single(report: Report) -> dict[str, Any]:
    """A report on one respondent: every answer, as before combined reports existed."""
    assessment = report.single
    assert assessment is not None
    single = assessment_json(assessment, anonymized=report.anonymized)
    single["coverage"] |= {"unknown_answers": report.unknown_answers, "settled": report.settled}
    single["unheard_roles"] = [role.id for role in report.unheard_roles]
    return single


def _combined(report: Report, labels: Sequence[str]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "method": {
            "combine": report.method,
            "name": COMBINE_METHODS[report.method][0],
            "description": COMBINE_METHODS[report.method][1],
            "role_weights": _role_weights(report),
            "coverage": GROUP_COVERAGE_METHOD,
        },
        "areas": [
            {
                "id": item.area.id,
                "title": item.area.title,
                "weight": item.area.weight,
                "direction": item.area.direction.value,
                "percent": item.percent,
                "open": range_json(item.open),
            }
            for item in report.areas
        ],
        "roles": [_role_json(report, role, labels) for role in report.roles],
        "missing_roles": [
            {
                "id": role.id,
                "label": role.label,
                "severity": role.missing_severity.value,
                "finding": missing_voice_id(role.id),
            }
            for role in report.missing_roles
        ],
        "divergence": {
            "threshold": report.rubric.divergence_threshold,
            "severity_floors": [
                {"severity": severity.value, "min_spread_times_weight": floor}
                for floor, severity in DIVERGENCE_SEVERITY
            ],
            "questions": [_divergence_json(report, divergence, labels) for divergence in report.divergences],
            "areas": [
                {
                    "id": item.area.id,
                    "title": item.area.title,
                    "spread": item.spread,
                    "highest": {"role": item.highest[0].id, "percent": item.highest[1]},
                    "lowest": {"role": item.lowest[0].id, "percent": item.lowest[1]},
                    "questions": item.questions,
                }
                for item in report.area_disagreements
            ],
        },
    }
    if report.detail:
        document["detail"] = [
            {"label": row.label} | report_body(single_report(report.rubric, row, item, anonymize=report.anonymized))
            for row, item in zip(report.respondents, report.detail, strict=True)
        ]
    return document


def _role_weights(report: Report) -> dict[str, float]:
    """Each role's weight in the combined score, by role id: the rubric's roles, then any role of the
    report the rubric does not name (respondents who state no role, id ``""``, with the weight the
    combination gave them), so the combined score can be recomputed from the report alone."""
    weights = {role.id: role.weight for role in report.rubric.roles}
    return weights | {item.role.id: item.role.weight for item in report.roles if item.role.id not in weights}


def _role_json(report: Report, role: Any, labels: Sequence[str]) -> dict[str, Any]:
    return {
        "id": role.role.id,
        "label": role.role.label,
        "weight": role.role.weight,
        "expected": role.role.expected,
        "count": len(role.respondents),
        "respondents": _named(labels, role.respondents),
        "overall": {"percent": role.overall},
        "areas": [
            {"id": area_id, "percent": percent, "spread": _distribution_json(role.distributions.get(area_id))}
            for area_id, percent in role.areas.items()
        ],
    }


def _distribution_json(distribution: Any) -> dict[str, Any] | None:
    if distribution is None:
        return None
    return {
        "count": distribution.count,
        "low": distribution.low,
        "lower_quartile": distribution.lower_quartile,
        "median": distribution.median,
        "upper_quartile": distribution.upper_quartile,
        "high": distribution.high,
    }


def _divergence_json(report: Report, divergence: Divergence, labels: Sequence[str]) -> dict[str, Any]:
    question = divergence.question
    low, high = question.score_range
    found: dict[str, Any] = {
        "question": question.id,
        "title": question.title,
        "area": question.area_id,
        "weight": question.weight,
        "severity_weight": severity_weight(question),
        "range": {"low": low, "high": high},
        # Medians and spreads are means and differences of option scores: rounded, so that a
        # program reads 0.45, not 0.44999999999999996 (no score is written with more places).
        "spread": round(divergence.spread, 6),
        "severity": divergence.severity.value,
        "finding": divergence.finding_id,
        "role_medians": {role.id: round(value, 6) for role, value in divergence.role_medians},
        "options_apart": [option.value for option in divergence.options_apart],
        "spread_of": divergence.spread_of.value,
    }
    if divergence.by_option:
        found["tallied_by"] = "option"
    found["answers"] = [
        {
            "answer": tally.answer,
            "score": tally.score,
            "count": tally.count,
            "by_role": {role.id: count for role, count in tally.by_role},
            "respondents": [labels[person] for person in tally.people],
        }
        for tally in divergence.tallies
    ]
    notes, left_out = _notes_json(report, divergence.notes, labels, with_question=False)
    found["notes"] = notes
    if report.large:
        found["notes_left_out"] = left_out
    return found


def _notes_json(
    report: Report | None, notes: tuple[Note, ...], labels: Sequence[str], *, with_question: bool = True
) -> tuple[list[dict[str, Any]], int]:
    """Notes as a report shows them (:func:`note_groups`): each with its author; in a large group
    each text once, with how many wrote it, per role, and how many notes are left out."""
    if report is None or not report.large:
        return [
            ({"question": note.question_id} if with_question else {})
            | {"text": note.text, "respondent": _label(labels, note.respondent)}
            for note in notes
        ], 0
    groups, left_out = note_groups(report, notes)
    return [
        ({"question": group.question_id} if with_question else {})
        | {
            "text": group.text,
            "respondent": None,
            "count": group.count,
            "by_role": by_role_json(report, group.people),
        }
        | ({"characters_left_out": group.shortened_by} if group.shortened_by else {})
        for group in groups
    ], left_out


def by_role_json(report: Report, people: Sequence[int]) -> dict[str, int]:
    """How many of ``people`` (positions in the report) are in each role, by role id, roles in the
    rubric's order and roles with none left out: the counts the Markdown report gives as
    "Funder: 2 of 3; ...". Empty in a single report, which counts nobody."""
    return {role.id: count for role, count in role_counts(report, tuple(people))}


def respondent_json(rubric: Rubric, row: RespondentRow) -> dict[str, Any]:
    return {
        "label": row.label,
        "role": row.role.id,
        "name": row.name,
        "organisation": row.organisation,
        "answered_on": row.date,
        "source": row.source,
        "coverage": row.coverage,
        "overall": row.overall,
        "verdict": row.verdict.id,
        "worst_finding": row.worst.value if row.worst else None,
        "areas": {area.id: percent for area, percent in zip(rubric.areas, row.areas, strict=True)},
    }


def strength_json(strength: Strength, labels: Sequence[str], report: Report) -> dict[str, Any]:
    """A strength; ``labels`` name the respondents of ``report``, whom it refers to by position.
    ``by_role`` counts them per role in every report, as the Markdown report does in a large group,
    so a reader has the counts without ``--detail`` and reads them the same at any size."""
    return {
        "question": strength.question_id,
        "text": strength.text,
        "answer": strength.answer,
        "count": len(strength.respondents),
        "respondents": _named(labels, strength.respondents),
        "by_role": by_role_json(report, strength.respondents),
        "in_place": strength.in_place,
        "answered": strength.answered if report.multiple else None,
        "answered_by_role": dict(strength.answered_by_role) if report.multiple else None,
    }


def score_json(score: Score) -> dict[str, Any]:
    return {"points": score.points, "max_points": score.maximum, "percent": score.percent}


def value_json(value: AnswerValue | None) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _named(labels: Sequence[str], people: Sequence[int]) -> list[str]:
    """Who, by label, while they are few (:data:`NAMED_LIMIT`) in a group that is not large; past
    that the count says how many, each respondent's row says their role, and ``--detail`` gives
    what each one answered. So the report grows with what there is to say, not with the number of
    people, and a large group's report names people only in its list of respondents."""
    if len(people) > NAMED_LIMIT or len(labels) > NAMED_LIMIT:
        return []
    return [labels[person] for person in people if person < len(labels)]


def _label(labels: Sequence[str], person: int | None) -> str | None:
    return labels[person] if person is not None and person < len(labels) else None


def finding_json(finding: Finding, labels: Sequence[str], report: Report) -> dict[str, Any]:
    """A finding; ``labels`` name the respondents of ``report``, whom the finding refers to by
    position. In a large group its notes are summarised (:func:`note_groups`). ``source.by_role``
    counts who raised it per role in every report, as the Markdown report says "Raised by 13 of 50
    respondents (Community: 13 of 15)", so a reader has the counts without ``--detail`` and reads
    them the same at any size."""
    source = finding.source
    notes, left_out = _notes_json(report, finding.notes, labels)
    found: dict[str, Any] = {
        "id": finding.id,
        "severity": finding.severity.value,
        "title": finding.title,
        "recommendation": finding.recommendation,
        "explanation": finding.explanation,
        "owner": finding.owner,
        "act_by": finding.act_by.value if finding.act_by else None,
        "covers": [covered.id for covered in finding.covers],
        "source": {
            "kind": source.kind.value,
            "question": source.question_id,
            "answer": source.answer,
            "rule": source.rule_id,
            "blank": list(source.blank),
            "respondents": _named(labels, source.respondents),
            "count": source.count if source.count is not None else len(source.respondents) or None,
            "by_role": _source_by_role(report, finding),
            "possibly": source.possibly,
            "ruled_out": {
                "count": len(source.ruled_out),
                "respondents": _named(labels, source.ruled_out),
                "by_role": by_role_json(report, source.ruled_out),
            },
        },
        "notes": notes,
    }
    if report.large:
        found["notes_left_out"] = left_out
    return found


def _source_by_role(report: Report, finding: Finding) -> dict[str, int]:
    """Who raised a finding, per role: those whose answers raised it; for a disagreement, those
    whose answers were compared (``source.count``); nobody for a missing voice."""
    source = finding.source
    if source.kind is FindingKind.DIVERGENCE:
        return {role.id: count for role, count in source.by_role}
    return by_role_json(report, source.respondents)


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
        "scored": result.question.scored,
        "note": result.note,
        "findings": [finding.id for finding in result.findings],
    }


def assessment_json(assessment: Assessment, *, anonymized: bool) -> dict[str, Any]:
    """The scored content of one assessment: who answered, when, and every answer. Anonymized,
    the respondent has no name (its role label is the report's ``respondents[].label``), as every
    ``name`` in an anonymized JSON report is null."""
    answers = assessment.answers
    return {
        "respondent": {
            "name": None if anonymized else answers.respondent.name,
            "role": answers.respondent.role,
            "organisation": None if anonymized else answers.respondent.organisation,
        },
        "answered_on": answers.date,
        "source": answers.source,
        "coverage": {
            "answered": assessment.coverage.answered,
            "expected": assessment.coverage.expected,
            "percent": assessment.coverage.percent,
            "unanswered_required": list(assessment.coverage.unanswered_required),
            "unanswered_optional": list(assessment.coverage.unanswered_optional),
            "unknown": list(assessment.coverage.unknown),
        }
        | ({"of_every_question": True} if assessment.coverage.of_every_question else {}),
        "areas": [
            {
                "id": area.area.id,
                "title": area.area.title,
                "weight": area.area.weight,
                "direction": area.area.direction.value,
                "percent": area.score.percent,
                "open": range_json(bounds),
                "score": score_json(area.score),
                "questions": [question_json(result) for result in area.questions],
            }
            for area, bounds in zip(assessment.areas, assessment.area_open, strict=True)
        ],
    }


def _despite_json(despite: DespiteBlanks | None) -> dict[str, Any] | None:
    if despite is None:
        return None
    return {"blanks": despite.blanks, "before": range_json(despite.before), "after": range_json(despite.after)}


def range_json(bounds: tuple[float, float] | None) -> dict[str, float] | None:
    """A range of scores, ``{"low": 62.5, "high": 87.5}``, or None."""
    return None if bounds is None else {"low": bounds[0], "high": bounds[1]}


def layout(value: Any, level: int = 0, key: str | None = None) -> str:
    """Indented JSON, except that items of long lists (respondents, answers) and lists of plain
    values take one line each.

    The standard library indents in pure Python but writes compact JSON in C, and a report on
    hundreds of respondents is mostly per-respondent rows: laying those out one line each keeps a
    large report fast to write, and makes a diff show which respondent changed. The parsed
    content is exactly what ``json.dumps`` would give.
    """
    pad, end = "  " * (level + 1), "  " * level
    if isinstance(value, dict) and value:
        members = [f"{pad}{json.dumps(name)}: {layout(item, level + 1, name)}" for name, item in value.items()]
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
