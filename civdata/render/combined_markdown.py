"""The combined Markdown report: several respondents' views of one initiative, side by side.

It is what a facilitator brings to the meeting where the funder, the lead organisation, partners
and the people described by the data compare notes, so disagreement and absent voices come
before the merged findings. GitHub-flavoured Markdown; every string that came from a file goes
through :func:`md_text` or :func:`md_block`.
"""

from __future__ import annotations

from civdata.combine import CombinedReport
from civdata.render.combined_common import (
    COLUMN_LIMIT,
    NAMED_LIMIT,
    answer_groups,
    label_of,
    people_text,
    raised_by_count,
    role_breakdown,
    role_count_text,
    severity_floors_text,
)
from civdata.render.common import ReportMeta, md_block, md_text, number
from civdata.render.markdown import (
    finding_extras,
    findings_overview,
    gates_line,
    rubric_file_cell,
    score_line,
    severity_counts,
    strengths_section,
    verdict_table,
)
from civdata.results import Finding


def render_combined_markdown(report: CombinedReport, meta: ReportMeta, **_: object) -> str:
    parts = [
        _header(report, meta),
        _respondents(report),
        _verdict(report, meta),
        _scores(report) if report.rubric.scored else "",
        _disagreement(report),
        _missing_voices(report),
        _findings(report),
        _strengths(report),
        _method(report),
    ]
    return "\n\n".join(part for part in parts if part).rstrip() + "\n"


def _header(report: CombinedReport, meta: ReportMeta) -> str:
    rubric = report.rubric
    rows = [
        ("Initiative", md_text(report.initiative)),
        ("Respondents", role_count_text(report)),
        ("Rubric", f"{md_text(rubric.title)} (`{rubric.id}` {rubric.version})"),
        ("Rubric file", rubric_file_cell(rubric)),
        ("Report", f"civdata {meta.tool_version}, {meta.generated_on}"),
    ]
    if report.anonymized:
        rows.append(("Names", "hidden: respondents are shown by role (`--anonymize`)"))
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    title = f"# Combined readiness and risk report: {md_text(report.initiative)}"
    return f"{title}\n\n| | |\n|---|---|\n{table}"


def _respondents(report: CombinedReport) -> str:
    with_organisation = not report.anonymized
    head = "| Respondent | Role |" + (" Organisation |" if with_organisation else "")
    head += " Answered on | Coverage | Overall | Verdict |"
    rule = "|---|---|" + ("---|" if with_organisation else "") + "---|---:|---:|---|"
    lines = ["## Respondents", "", head, rule]
    for entry in report.respondents:
        assessment = entry.assessment
        cells = [md_text(entry.label), md_text(entry.role.label)]
        if with_organisation:
            cells.append(md_text(entry.organisation or ""))
        cells += [
            md_text(assessment.answers.date) if assessment.answers.date else "not stated",
            f"{number(assessment.coverage.percent)}%",
            number(assessment.overall),
            md_text(assessment.verdict.label),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _verdict(report: CombinedReport, meta: ReportMeta) -> str:
    verdict = report.verdict
    alignment = sum(1 for finding in report.findings if finding.source.kind == "divergence")
    lines = [f"## Combined verdict: {md_text(verdict.label)}"]
    if verdict.description:
        lines += ["", md_block(verdict.description)]
    coverage = (
        f"{number(report.coverage)}% of the required questions that apply (the mean of the respondents' coverage)"
    )
    lines += [
        "",
        score_line(report.rubric, report.overall, coverage, report.coverage, "Combined"),
        f"- Findings: {severity_counts(report.findings)}; {alignment} from disagreement between respondents, "
        f"{len(report.missing_roles)} from missing voices",
        *gates_line(meta),
    ]
    if report.rubric.scored:
        lines.append(f"- Combined by {report.method_description}")
    return "\n".join(lines)


def _strengths(report: CombinedReport) -> str:
    return strengths_section(
        report.rubric, report.strengths, lambda strength: people_text(report, strength.respondents)
    )


def _scores(report: CombinedReport) -> str:
    """Areas as rows; a column per respondent (when few enough), per role, and combined."""
    columns = list(report.respondents) if len(report.respondents) <= COLUMN_LIMIT else []
    lines = [
        "## Scores side by side",
        "",
        ("Each respondent, then each role (the mean of its respondents), then the combined score. " if columns else "")
        + "Scores are 0-100; – means no answer counted in that area.",
        "",
        "| Area | Weight | "
        + "".join(f"{md_text(entry.label)} | " for entry in columns)
        + "".join(f"*{md_text(role.role.label)}* ({len(role.respondents)}) | " for role in report.roles)
        + "**Combined** |",
        "|---|---:|" + "---:|" * (len(columns) + len(report.roles) + 1),
    ]
    for index, combined in enumerate(report.areas):
        area = combined.area
        cells = [md_text(area.title), number(area.weight)]
        cells += [_score(entry.assessment.areas[index].score.percent) for entry in columns]
        cells += [_score(role.areas[area.id]) for role in report.roles]
        cells.append(f"**{_score(combined.percent)}**")
        lines.append("| " + " | ".join(cells) + " |")
    overall = ["**Overall**", ""]
    overall += [f"**{_score(entry.assessment.overall)}**" for entry in columns]
    overall += [f"**{_score(role.overall)}**" for role in report.roles]
    overall.append(f"**{_score(report.overall)}**")
    lines.append("| " + " | ".join(overall) + " |")
    if not columns:
        lines += ["", _by_respondent(report)]
    return "\n".join(lines)


def _by_respondent(report: CombinedReport) -> str:
    """Too many respondents for a column each: one row each instead, areas as columns."""
    areas = [combined.area for combined in report.areas]
    lines = [
        "### Area scores by respondent",
        "",
        "| Respondent | Role | " + "".join(f"{md_text(area.title)} | " for area in areas) + "Overall |",
        "|---|---|" + "---:|" * (len(areas) + 1),
    ]
    for entry in report.respondents:
        cells = [md_text(entry.label), md_text(entry.role.label)]
        cells += [_score(result.score.percent) for result in entry.assessment.areas]
        cells.append(_score(entry.assessment.overall))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _score(value: float | None) -> str:
    return "–" if value is None else number(value)


def _disagreement(report: CombinedReport) -> str:
    threshold = report.rubric.divergence_threshold
    lines = [
        "## Where respondents disagree",
        "",
        f"Questions whose scores differ by {threshold:g} or more (on a 0-1 scale) between respondents who "
        "answered them. Each raises an alignment finding: people who see the initiative this differently "
        "should talk before anyone acts on either answer.",
    ]
    if not report.divergences:
        lines += ["", f"No question's scores differ by {threshold:g} or more between respondents."]
    for index, divergence in enumerate(report.divergences, start=1):
        question = divergence.question
        lines += [
            "",
            f"### {index}. {divergence.severity.value.upper()}: {md_text(question.title)} (`{question.id}`)",
            "",
            f"Spread {divergence.spread:g}, question weight {number(question.weight)}.",
            "",
            "| Answer | Score | Who answered it |",
            "|---|---:|---|",
        ]
        for group in answer_groups(divergence):
            who = people_text(report, group.respondents)
            lines.append(f"| {md_text(group.answer)} | {number(100 * group.score)} | {md_text(who)} |")
    lines += ["", "### Areas where roles disagree most", ""]
    if not report.area_disagreements:
        lines.append("Fewer than two roles have a score in any area, so there is nothing to compare.")
        return "\n".join(lines)
    lines += [
        "Each role's score is the mean of its respondents. Spread is the highest role score minus the lowest.",
        "",
        "| Area | Spread | Highest | Lowest |",
        "|---|---:|---|---|",
    ]
    for item in report.area_disagreements:
        (high_role, high), (low_role, low) = item.highest, item.lowest
        lines.append(
            f"| {md_text(item.area.title)} | {number(item.spread)} | {md_text(high_role.label)}: {number(high)} "
            f"| {md_text(low_role.label)}: {number(low)} |"
        )
    return "\n".join(lines)


def _missing_voices(report: CombinedReport) -> str:
    lines = ["## Missing voices", ""]
    expected = [role for role in report.rubric.roles if role.expected]
    if not expected:
        return "\n".join([*lines, "The rubric marks no role as expected."])
    if not report.missing_roles:
        names = ", ".join(md_text(role.label) for role in expected)
        return "\n".join([*lines, f"Every role the rubric expects has a respondent: {names}."])
    lines.append("The rubric expects these roles, and nobody answered as them:")
    lines.append("")
    for role in report.missing_roles:
        about = f": {md_text(role.description)}" if role.description else ""
        lines.append(f"- **{md_text(role.label)}** ({role.missing_severity.value}){about}")
    lines += ["", "Every score above is computed without their view; the others cannot stand in for it."]
    return "\n".join(lines)


def _finding_source(report: CombinedReport, finding: Finding) -> str:
    source = finding.source
    who = md_text(people_text(report, source.respondents))
    count = raised_by_count(report, finding)
    raised = f"Raised by {count}: {who}"
    if len(source.respondents) > NAMED_LIMIT:
        raised = f"Raised by {count} ({md_text(role_breakdown(report, source.respondents))})"
    if source.kind == "answer" and source.question_id:
        question = report.rubric.question(source.question_id)
        return f"{raised}, answering “{md_text(source.answer)}” to *{md_text(question.title)}* (`{question.id}`)."
    if source.kind == "rule" and source.rule_id:
        return f"{raised}, by a combination of answers (rule `{source.rule_id}`)."
    if source.kind == "divergence" and source.question_id:
        return (
            f"Raised by the spread of answers to `{source.question_id}` from {who}; "
            "who answered what is under “Where respondents disagree”."
        )
    if source.kind == "role":
        return "Raised because no respondent answered in a role the rubric expects."
    return f"Raised by {md_text(source.kind)}."


def _findings(report: CombinedReport) -> str:
    lines = [f"## Findings ({len(report.findings)})"]
    if not report.findings:
        return "\n".join([*lines, "", "No respondent's answers raised a finding, and nobody disagreed widely."])
    lines += ["", "Findings that several respondents raised are listed once, with who raised them."]
    lines += findings_overview(report.findings)
    for index, finding in enumerate(report.findings, start=1):
        lines += [
            "",
            f"### {index}. {finding.severity.value.upper()}: {md_text(finding.title)}",
            "",
            f"- {_finding_source(report, finding)}",
        ]
        if finding.explanation:
            lines.append(f"- Why it matters: {md_text(finding.explanation)}")
        lines.append(f"- **Recommendation:** {md_text(finding.recommendation)}")
        lines += finding_extras(report.rubric, finding)
        for note in finding.notes:
            author = md_text(label_of(report, note.respondent)) if note.respondent is not None else "a respondent"
            lines += ["", f"Note by {author} on `{note.question_id}`:", "", md_block(note.text, "> ")]
    return "\n".join(lines)


def _method(report: CombinedReport) -> str:
    rubric = report.rubric
    floors = severity_floors_text()
    lines = [
        "## How the combined report was computed",
        "",
        "- Each respondent's answers are scored on their own, exactly as in a single-respondent report.",
        "- A role's score in an area is the mean of its respondents' scores there.",
        f"- The combined score of an area is the {report.method_description}.",
        "- Each overall score (a respondent's, a role's, the combined one) is the mean of its area scores "
        "weighted by area weight, over the areas with a score.",
        "- Coverage is the mean of the respondents' coverage (required questions that apply, answered).",
        "- A finding raised by several respondents is listed once, with everyone who raised it and their notes.",
        f"- A question whose scores (0-1) differ by at least {rubric.divergence_threshold:g} between the "
        "respondents whose answers count raises an alignment finding. Its severity comes from the spread "
        f"times the question's weight: {floors}.",
        "- A role the rubric expects, with no respondent, raises a missing-voice finding of the severity "
        "the rubric sets for it.",
        "- The combined verdict is the first band below whose conditions all hold, for the combined score, "
        "the worst finding above (alignment and missing voices included) and the coverage.",
    ]
    if report.method == "role_weighted_mean":
        lines += ["", "| Role | Weight | Respondents |", "|---|---:|---:|"]
        counts = {role.role.id: len(role.respondents) for role in report.roles}
        for role in rubric.roles:
            lines.append(f"| {md_text(role.label)} | {number(role.weight)} | {counts.get(role.id, 0)} |")
    return "\n".join([*lines, "", *verdict_table(report.verdict.id, rubric)])
