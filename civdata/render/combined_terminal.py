"""The combined terminal summary: the combined verdict, every view of each area side by side, the
findings that matter most with who raised them, and where respondents disagree most.

Same conventions as the single-respondent summary (``terminal.py``): rich, colour only when
asked for, the same layout in plain text otherwise.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from civdata.combine import CombinedReport
from civdata.render.combined_common import answer_groups, people_text, role_count_text
from civdata.render.common import ReportMeta, number, rubric_file
from civdata.render.terminal import (
    gates_text,
    recommendation_text,
    score_notes,
    severity_text,
    shown,
    shown_line,
    strengths_text,
    to_text,
    verdict_heading,
)
from civdata.results import Finding

#: How many disagreements and areas the summary shows; the Markdown report has them all.
TOP_DISAGREEMENTS = 5
TOP_AREAS = 3
RESPONDENT_ROWS = 12


def render_combined_text(
    report: CombinedReport, meta: ReportMeta, *, color: bool = False, width: int = 100, limit: int | None = 10
) -> str:
    notes = [part for part in (score_notes(report.rubric, report.coverage), gates_text(meta)) if part is not None]
    parts: list[RenderableType] = [_summary(report, meta), *notes, *_respondents(report)]
    if report.rubric.scored:
        parts.append(_scores(report))
    parts.extend(_findings(report, limit))
    parts.extend(strengths_text(report.strengths))
    parts.extend(_disagreements(report))
    if report.missing_roles:
        missing = ", ".join(f"{shown(role.label)} ({role.missing_severity.value})" for role in report.missing_roles)
        parts.append(Text(f"Missing voices: nobody answered as {missing}", style="bold red"))
    return to_text(Group(*parts), color=color, width=width)


def _summary(report: CombinedReport, meta: ReportMeta) -> Panel:
    rubric = report.rubric
    heading = verdict_heading(report.verdict, rubric, "combined", report.overall, report.coverage)
    summary = Text()
    summary.append(f"{shown_line(report.initiative)}\n", style="bold")
    names = " (names hidden)" if report.anonymized else ""
    summary.append(f"{role_count_text(report)}{names}; combined by {report.method_name}\n")
    summary.append(f"{shown_line(rubric.title)} ({rubric.id} {rubric.version}) · civdata {meta.tool_version}\n")
    summary.append("rubric file: {} · sha256 {}".format(*(shown_line(part) for part in rubric_file(rubric))))
    if report.verdict.description:
        summary.append(f"\n\n{shown(report.verdict.description)}")
    return Panel(summary, title=heading, title_align="left", box=box.ROUNDED)


def _respondents(report: CombinedReport) -> list[RenderableType]:
    """One row per respondent, up to :data:`RESPONDENT_ROWS`; a terminal is no place for 500 rows."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Respondent")
    table.add_column("Role")
    scored = report.rubric.scored
    if scored:
        table.add_column("Overall", justify="right")
    table.add_column("Coverage", justify="right")
    table.add_column("Verdict")
    for entry in report.respondents[:RESPONDENT_ROWS]:
        assessment = entry.assessment
        score = [_score(assessment.overall)] if scored else []
        table.add_row(
            Text(shown(entry.label)),
            Text(shown(entry.role.label)),
            *score,
            f"{number(assessment.coverage.percent)}%",
            Text(shown(assessment.verdict.label)),
        )
    hidden = len(report.respondents) - RESPONDENT_ROWS
    if hidden <= 0:
        return [table]
    return [table, Text(f"... and {hidden} more respondents: the Markdown and JSON reports list them all", style="dim")]


def _scores(report: CombinedReport) -> Table:
    """Areas as rows; a column per role and the combined score: the views side by side."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Area")
    for role in report.roles:
        table.add_column(f"{shown(role.role.label)} ({len(role.respondents)})", justify="right")
    table.add_column("Combined", justify="right", style="bold")
    for combined in report.areas:
        row = [shown(combined.area.title)]
        row += [_score(role.areas[combined.area.id]) for role in report.roles]
        row.append(_score(combined.percent))
        table.add_row(*row)
    overall = [
        "Overall",
        *(_score(role.overall) for role in report.roles),
        _score(report.overall),
    ]
    table.add_row(*overall, style="bold")
    return table


def _score(value: float | None) -> str:
    return "–" if value is None else number(value)


def _findings(report: CombinedReport, limit: int | None) -> list[RenderableType]:
    if not report.findings:
        return [Text("No findings.", style="bold")]
    listed = report.findings[:limit]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Finding", ratio=2)
    table.add_column("Recommendation", ratio=3)
    table.add_column("Raised by", ratio=2)
    for finding in listed:
        table.add_row(
            severity_text(finding.severity),
            Text(shown(finding.title)),
            recommendation_text(report.rubric, finding),
            Text(shown(_who(report, finding))),
        )
    title = f"Findings: {len(listed)} of {len(report.findings)}, most severe first"
    return [Text(title, style="bold"), table]


def _who(report: CombinedReport, finding: Finding) -> str:
    source = finding.source
    if source.kind == "role":
        return "nobody: a missing voice"
    if source.kind == "divergence":
        return f"a disagreement among {len(source.respondents)} respondents"
    return people_text(report, source.respondents, limit=4)


def _disagreements(report: CombinedReport) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if report.divergences:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
        table.add_column("Severity", no_wrap=True)
        table.add_column("Question", ratio=2)
        table.add_column("Spread", justify="right")
        table.add_column("Who answered what", ratio=4)
        for divergence in report.divergences[:TOP_DISAGREEMENTS]:
            answers = "; ".join(
                f"{shown(group.answer)}: {shown(people_text(report, group.respondents, limit=3))}"
                for group in answer_groups(divergence)
            )
            table.add_row(
                severity_text(divergence.severity),
                Text(shown(divergence.question.title)),
                f"{divergence.spread:g}",
                Text(answers),
            )
        top = min(TOP_DISAGREEMENTS, len(report.divergences))
        parts += [Text(f"Top disagreements: {top} of {len(report.divergences)}", style="bold"), table]
    if report.area_disagreements:
        lines = Text("Areas where roles disagree most:", style="bold")
        for item in report.area_disagreements[:TOP_AREAS]:
            (high_role, high), (low_role, low) = item.highest, item.lowest
            lines.append(
                f"\n  {shown_line(item.area.title)}: {number(item.spread)} points "
                f"({shown(high_role.label)} {number(high)}, {shown(low_role.label)} {number(low)})",
                style="",
            )
        parts.append(lines)
    return parts
