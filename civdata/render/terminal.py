"""The terminal summary: verdict, area scores and the findings that matter most, at a glance.

Built with rich. Colour only when writing to a terminal that wants it (``NO_COLOR`` unset);
otherwise the same layout in plain text, which is also what ``--format text -o FILE`` writes.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from civdata.model import Severity, Verdict
from civdata.render.common import ReportMeta, bar, initiative_name, number, respondent_label, rubric_file
from civdata.results import Assessment, Finding

SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def verdict_heading(verdict: Verdict, verdicts: tuple[Verdict, ...], score_text: str, coverage: float) -> Text:
    """The summary panel's title: the verdict, green for the best band, red for the catch-all."""
    style = "bold yellow"
    if verdict.id == verdicts[0].id:
        style = "bold green"
    elif verdict.id == verdicts[-1].id:
        style = "bold red"
    return Text.assemble((verdict.label, style), f"   {score_text} / 100   coverage {number(coverage)}%")


def severity_text(severity: Severity) -> Text:
    return Text(f" {severity.value.upper()} ", style=SEVERITY_STYLE[severity])


def findings_table(findings: tuple[Finding, ...], limit: int | None, *, who: bool = False) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Finding", ratio=2)
    table.add_column("Recommendation", ratio=3)
    if who:
        table.add_column("Raised by", ratio=1)
    for finding in findings[:limit]:
        row: list[RenderableType] = [severity_text(finding.severity), Text(finding.title), Text(finding.recommendation)]
        if who:
            row.append(Text(", ".join(finding.source.respondents)))
        table.add_row(*row)
    return table


def to_text(renderable: RenderableType, *, color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return buffer.getvalue()


def render_text(
    assessment: Assessment, meta: ReportMeta, *, color: bool = False, width: int = 100, limit: int | None = 10
) -> str:
    rubric, answers = assessment.rubric, assessment.answers
    heading = verdict_heading(
        assessment.verdict, rubric.verdicts, f"overall {number(assessment.overall)}", assessment.coverage.percent
    )
    summary = Text()
    summary.append(f"{initiative_name(answers)}\n", style="bold")
    summary.append(f"{respondent_label(answers, rubric)}\n")
    summary.append(f"{rubric.title} ({rubric.id} {rubric.version}) · civdata {meta.tool_version}\n")
    summary.append("rubric file: {} · sha256 {}".format(*rubric_file(rubric)))
    if assessment.verdict.description:
        summary.append(f"\n\n{assessment.verdict.description}")

    areas = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    areas.add_column("Area")
    areas.add_column("Score", justify="right")
    areas.add_column("", no_wrap=True)
    for area in assessment.areas:
        areas.add_row(area.area.title, number(area.score.percent), bar(area.score.percent, 20))

    parts: list[RenderableType] = [Panel(summary, title=heading, title_align="left", box=box.ROUNDED), areas]
    shown = len(assessment.findings) if limit is None else min(limit, len(assessment.findings))
    if assessment.findings:
        parts.append(Text(f"Findings: {shown} of {len(assessment.findings)}, most severe first", style="bold"))
        parts.append(findings_table(assessment.findings, limit))
    else:
        parts.append(Text("No findings.", style="bold"))
    if assessment.coverage.unanswered_required:
        parts.append(
            Text(
                f"{len(assessment.coverage.unanswered_required)} required question(s) unanswered: "
                + ", ".join(assessment.coverage.unanswered_required),
                style="yellow",
            )
        )
    return to_text(Group(*parts), color=color, width=width)
