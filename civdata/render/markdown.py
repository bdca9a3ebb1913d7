"""The Markdown report: what a facilitator reads, edits and shares with partners.

GitHub-flavoured Markdown. Everything that came from a file (names, notes, free text, and the
rubric's own words) goes through :func:`md_text` or :func:`md_block`, so it cannot break a
table, start a heading or inject HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from civdata.model import QuestionType, Rubric
from civdata.render.common import (
    THIN_COVERAGE_WARNING,
    ReportMeta,
    bar,
    coverage_text,
    direction_note,
    gate_summary,
    initiative_name,
    md_block,
    md_text,
    number,
    owner_text,
    respondent_label,
    rubric_file,
    score_name,
    thin_coverage,
    verdict_conditions,
)
from civdata.results import Assessment, Finding, QuestionResult, QuestionStatus, Strength

_STATUS_TEXT = {
    QuestionStatus.NOT_APPLICABLE: "not applicable",
    QuestionStatus.UNANSWERED: "*unanswered*",
}


def render_markdown(assessment: Assessment, meta: ReportMeta, **_: object) -> str:
    parts = [
        _header(assessment, meta),
        _verdict(assessment, meta),
        _profile(assessment),
        _findings(assessment),
        strengths_section(assessment.rubric, assessment.strengths),
        _details(assessment),
        _gaps(assessment),
        _method(assessment),
    ]
    return "\n\n".join(part for part in parts if part).rstrip() + "\n"


def _header(assessment: Assessment, meta: ReportMeta) -> str:
    rubric, answers = assessment.rubric, assessment.answers
    rows = [
        ("Initiative", md_text(initiative_name(answers))),
        ("Respondent", md_text(respondent_label(answers, rubric))),
        ("Answered on", md_text(answers.date) if answers.date else "not stated"),
        ("Rubric", f"{md_text(rubric.title)} (`{rubric.id}` {rubric.version})"),
        ("Rubric file", rubric_file_cell(rubric)),
        ("Report", f"civdata {meta.tool_version}, {meta.generated_on}"),
    ]
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    return f"# Readiness and risk report: {md_text(initiative_name(answers))}\n\n| | |\n|---|---|\n{table}"


def rubric_file_cell(rubric: Rubric) -> str:
    """The header's rubric file: its name as the loader gave it, and the start of its SHA-256."""
    name, digest = rubric_file(rubric)
    return f"{md_text(name)}, sha256 `{digest}`"


def severity_counts(findings: tuple[Finding, ...]) -> str:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
    if not counts:
        return "no findings"
    return ", ".join(f"{count} {severity}" for severity, count in counts.items())


def score_line(rubric: Rubric, overall: float | None, coverage_words: str, coverage: float, label: str) -> str:
    """The score and the coverage it rests on, in one line: a score never stands without it."""
    if not rubric.scored:
        return f"- Coverage: {coverage_words}"
    warning = f" ({THIN_COVERAGE_WARNING})" if thin_coverage(rubric, coverage) else ""
    return (
        f"- {label} {score_name(rubric)}: **{number(overall)} / 100**{direction_note(rubric)}, "
        f"from {coverage_words}{warning}"
    )


def gates_line(meta: ReportMeta) -> list[str]:
    """The CI gates' outcome, when the run checked any."""
    if meta.gates is None:
        return []
    return [f"- CI gates: {md_text(gate_summary(meta.gates))}"]


def _verdict(assessment: Assessment, meta: ReportMeta) -> str:
    verdict = assessment.verdict
    coverage = assessment.coverage
    lines = [f"## Verdict: {md_text(verdict.label)}"]
    if verdict.description:
        lines += ["", md_block(verdict.description)]
    lines += [
        "",
        score_line(assessment.rubric, assessment.overall, coverage_text(coverage), coverage.percent, "Overall"),
        f"- Findings: {severity_counts(assessment.findings)}",
        *gates_line(meta),
    ]
    return "\n".join(lines)


def strengths_section(
    rubric: Rubric, strengths: tuple[Strength, ...], who: Callable[[Strength], str] | None = None
) -> str:
    """What the answers show is in place: a report is not only a list of deficits."""
    if not any(item.strength for question in rubric.questions for item in (*question.options, *question.bands)):
        return ""
    lines = [f"## What is in place ({len(strengths)})", ""]
    if not strengths:
        return "\n".join([*lines, "No answer showed a strength the rubric names."])
    for strength in strengths:
        question = rubric.question(strength.question_id)
        line = f"- {md_text(strength.text)} (“{md_text(strength.answer)}” to *{md_text(question.title)}*"
        if who is not None:
            line += f"; {md_text(who(strength))}"
        lines.append(line + ")")
    return "\n".join(lines)


def finding_extras(rubric: Rubric, finding: Finding, respondent_role: str | None = None) -> list[str]:
    """Who should act on a finding, and which single-answer findings a rule's finding states in context."""
    lines = []
    owner = owner_text(rubric, finding.owner, respondent_role)
    if owner:
        lines.append(f"- For: {md_text(owner)}")
    if finding.covers:
        lines.append("- This also states, in context, what these answers raise on their own:")
        for covered in finding.covers:
            lines.append(
                f"  - {covered.severity.value}: {md_text(covered.title)} (`{covered.source.question_id}`). "
                f"{md_text(covered.recommendation)}"
            )
    return lines


def _profile(assessment: Assessment) -> str:
    if not assessment.rubric.scored:
        return ""
    lines = [
        "## Scores by area",
        "",
        "| Area | Score | | Points | Weight |",
        "|---|---:|---|---:|---:|",
    ]
    for area in assessment.areas:
        percent = area.score.percent
        points = f"{number(area.score.points)} / {number(area.score.maximum)}" if area.score.maximum else "–"
        lines.append(
            f"| {md_text(area.area.title)} | {number(percent)} | `{bar(percent)}` | {points} "
            f"| {number(area.area.weight)} |"
        )
    lines.append(f"| **Overall** | **{number(assessment.overall)}** | `{bar(assessment.overall)}` | | |")
    return "\n".join(lines)


def finding_source(finding: Finding, assessment: Assessment) -> str:
    source = finding.source
    if source.kind == "answer" and source.question_id:
        question = assessment.rubric.question(source.question_id)
        return f"the answer “{md_text(source.answer)}” to *{md_text(question.title)}* (`{question.id}`)"
    if source.kind == "rule" and source.rule_id:
        return f"a combination of answers (rule `{source.rule_id}`)"
    return md_text(source.kind)


def findings_overview(findings: tuple[Finding, ...]) -> list[str]:
    """A one-line-per-finding table, so a reader sees every risk before the detail of each."""
    lines = ["", "| # | Severity | Finding |", "|---:|---|---|"]
    lines += [
        f"| {index} | {finding.severity.value} | {md_text(finding.title)} |"
        for index, finding in enumerate(findings, start=1)
    ]
    return lines


def _findings(assessment: Assessment) -> str:
    lines = [f"## Findings ({len(assessment.findings)})"]
    if not assessment.findings:
        return "\n".join([*lines, "", "No answer raised a finding."])
    lines += findings_overview(assessment.findings)
    for index, finding in enumerate(assessment.findings, start=1):
        lines += [
            "",
            f"### {index}. {finding.severity.value.upper()}: {md_text(finding.title)}",
            "",
            f"- Raised by {finding_source(finding, assessment)}.",
        ]
        if finding.explanation:
            lines.append(f"- Why it matters: {md_text(finding.explanation)}")
        lines.append(f"- **Recommendation:** {md_text(finding.recommendation)}")
        lines += finding_extras(assessment.rubric, finding, assessment.answers.respondent.role)
        for note in finding.notes:
            lines += ["", f"Respondent's note on `{note.question_id}`:", "", md_block(note.text, "> ")]
    return "\n".join(lines)


def _answer_cell(result: QuestionResult) -> str:
    if result.status in _STATUS_TEXT and result.status is not QuestionStatus.NOT_APPLICABLE:
        return _STATUS_TEXT[result.status]
    text = md_text(result.answer_text or "")
    if result.status is QuestionStatus.NOT_APPLICABLE:
        return f"{text} (not applicable)"
    return text


def _score_cell(result: QuestionResult) -> str:
    if not result.counted:
        return "–"
    if result.question.uses_points:
        return f"{number(result.points)} / {number(result.question.max_points)}"
    return number(result.score * 100 if result.score is not None else None)


def _details(assessment: Assessment) -> str:
    scored = assessment.rubric.scored
    lines = ["## Answers by area"]
    for area in assessment.areas:
        heading = f"{md_text(area.area.title)}: {number(area.score.percent)}" if scored else md_text(area.area.title)
        lines += ["", f"### {heading}"]
        if area.area.description:
            lines += ["", md_block(area.area.description)]
        if scored:
            lines += ["", "| Question | Answer | Score | Weight | Note |", "|---|---|---:|---:|---|"]
        else:
            lines += ["", "| Question | Answer | Note |", "|---|---|---|"]
        asked = [result for result in area.questions if result.status.applies]
        for result in asked:
            question = result.question
            cells = [f"{md_text(question.title)} (`{question.id}`)", _answer_cell(result)]
            if scored:
                cells += [_score_cell(result), number(question.weight)]
            cells.append(md_text(result.note or ""))
            lines.append("| " + " | ".join(cells) + " |")
        if not asked:
            lines.append("| *no question in this area applied* |" + " |" * (4 if scored else 2))
    return "\n".join(lines)


def _gaps(assessment: Assessment) -> str:
    rubric = assessment.rubric
    results = assessment.question_results()

    def listing(ids: list[str]) -> list[str]:
        return [f"- {md_text(rubric.question(qid).title)} (`{qid}`)" for qid in ids]

    sections = [
        ("Required questions not answered", list(assessment.coverage.unanswered_required)),
        ("Optional questions not answered", list(assessment.coverage.unanswered_optional)),
        (
            "Skipped because an earlier answer made them unnecessary (counted as met)",
            [qid for qid, r in results.items() if r.status is QuestionStatus.SKIPPED_CONDITION],
        ),
        (
            "Not asked of this respondent's role",
            [qid for qid, r in results.items() if r.status is QuestionStatus.SKIPPED_ROLE],
        ),
    ]
    lines = ["## Unanswered and skipped questions"]
    if not any(ids for _, ids in sections):
        return "\n".join([*lines, "", "Every question that applies was answered."])
    for title, ids in sections:
        if ids:
            lines += ["", f"{title} ({len(ids)}):", "", *listing(ids)]
    return "\n".join(lines)


SCORING_METHOD = (
    "- Each answered question earns the score the rubric sets for the option chosen or the range a number "
    "falls in (from 0, a serious gap, to 1, ready; or points, for a points-based rubric). Text is never scored.",
    "- “I don't know” counts as the question's worst answer, raises a finding at least as serious as the worst "
    "answer's, and opens every follow-up question and rule that any answer could open.",
    "- Where several options can be chosen, their scores combine by the question's rule (sum, highest, lowest "
    "or mean).",
    "- An area's score is its points (question weight × score) out of the most it could earn, as a percentage. "
    "Answers of “not applicable”, unanswered questions and questions not asked of the role are left out of both. "
    "A follow-up that an earlier answer made unnecessary counts as met.",
    "- The overall score is the mean of the area scores weighted by area weight, over the areas with any counted "
    "answer. Coverage is the share of the required questions that apply which were answered.",
    "- Findings come from the options chosen and from rules that look at several answers together; a rule's "
    "finding replaces the findings of the answers that made it hold. The verdict is the first band below "
    "whose conditions all hold.",
)
CHECKLIST_METHOD = (
    "- This rubric is a checklist: nothing is scored. Findings come from the answers given and from rules "
    "that look at several answers together; “I don't know” raises a finding at least as serious as the worst "
    "answer's.",
    "- Coverage is the share of the required questions that apply which were answered. The verdict is the "
    "first band below whose conditions all hold.",
)


def verdict_table(assessment_verdict: str, rubric: Rubric) -> list[str]:
    """The rubric's verdict bands with their conditions, the one given marked."""
    lines = ["| Verdict | Conditions |", "|---|---|"]
    for verdict in rubric.verdicts:
        marker = " ◀" if verdict.id == assessment_verdict else ""
        conditions = "; ".join(verdict_conditions(verdict, rubric)) or "none: every other case"
        lines.append(f"| {md_text(verdict.label)}{marker} | {md_text(conditions)} |")
    return lines


def _method(assessment: Assessment) -> str:
    rubric = assessment.rubric
    has_multiple = any(q.type is QuestionType.MULTIPLE_CHOICE for q in rubric.questions)
    method = SCORING_METHOD if rubric.scored else CHECKLIST_METHOD
    lines = [
        "## How the report was made",
        "",
        *(line for line in method if has_multiple or "several options" not in line),
    ]
    return "\n".join([*lines, "", *verdict_table(assessment.verdict.id, rubric)])
