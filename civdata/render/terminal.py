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

from civdata.escape import terminal_text
from civdata.model import Rubric, Severity, Verdict
from civdata.render.common import (
    THIN_COVERAGE_WARNING,
    ReportMeta,
    bar,
    direction_note,
    gate_summary,
    initiative_name,
    number,
    owner_text,
    respondent_label,
    rubric_file,
    score_name,
    thin_coverage,
)
from civdata.results import Assessment, Finding, Strength

#: Text from a file, as it may be shown on a terminal (escaped; see :mod:`civdata.escape`).
shown = terminal_text


def shown_line(text: object) -> str:
    """Text from a file on one line of the terminal: line breaks are escaped too."""
    return terminal_text(text, multiline=False)


SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def verdict_heading(verdict: Verdict, rubric: Rubric, label: str, overall: float | None, coverage: float) -> Text:
    """The summary panel's title: the verdict (green for the best band, red for the catch-all),
    the score and, always beside it, the coverage it rests on."""
    verdicts = rubric.verdicts
    style = "bold yellow"
    if verdict.id == verdicts[0].id:
        style = "bold green"
    elif verdict.id == verdicts[-1].id:
        style = "bold red"
    score = f"   {label} {score_name(rubric)} {number(overall)} / 100" if rubric.scored else ""
    return Text.assemble((shown_line(verdict.label), style), f"{score}   coverage {number(coverage)}%")


def score_notes(rubric: Rubric, coverage: float) -> Text | None:
    """A line under the heading where the score needs a caveat: its direction, or thin coverage."""
    notes = []
    if rubric.scored and direction_note(rubric):
        notes.append(direction_note(rubric).strip(" ()"))
    if rubric.scored and thin_coverage(rubric, coverage):
        notes.append(THIN_COVERAGE_WARNING)
    return Text("Score: " + "; ".join(notes), style="yellow") if notes else None


def gates_text(meta: ReportMeta) -> Text | None:
    if meta.gates is None:
        return None
    style = "bold green" if meta.gates.passed else "bold red"
    return Text(f"CI gates {shown_line(gate_summary(meta.gates))}", style=style)


def severity_text(severity: Severity) -> Text:
    return Text(f" {severity.value.upper()} ", style=SEVERITY_STYLE[severity])


def strengths_text(strengths: tuple[Strength, ...], limit: int = 3) -> list[RenderableType]:
    """The first few things in place, so the summary is not only deficits."""
    if not strengths:
        return []
    lines = Text(f"In place ({len(strengths)}):", style="bold green")
    for strength in strengths[:limit]:
        lines.append(f"\n  ✓ {shown_line(strength.text)}", style="")
    if len(strengths) > limit:
        lines.append(f"\n  … and {len(strengths) - limit} more in the Markdown report", style="dim")
    return [lines]


def recommendation_text(rubric: Rubric, finding: Finding, respondent_role: str | None = None) -> Text:
    """The recommendation, led by the role it is for when the rubric names one."""
    owner = owner_text(rubric, finding.owner, respondent_role)
    recommendation = shown(finding.recommendation)
    return Text(f"For {shown_line(owner)}: {recommendation}" if owner else recommendation)


def findings_table(
    rubric: Rubric, findings: tuple[Finding, ...], limit: int | None, *, respondent_role: str | None = None
) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Finding", ratio=2)
    table.add_column("Recommendation", ratio=3)
    for finding in findings[:limit]:
        table.add_row(
            severity_text(finding.severity),
            Text(shown(finding.title)),
            recommendation_text(rubric, finding, respondent_role),
        )
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
    coverage = assessment.coverage.percent
    heading = verdict_heading(assessment.verdict, rubric, "overall", assessment.overall, coverage)
    summary = Text()
    summary.append(f"{shown_line(initiative_name(answers))}\n", style="bold")
    summary.append(f"{shown_line(respondent_label(answers, rubric))}\n")
    summary.append(f"{shown_line(rubric.title)} ({rubric.id} {rubric.version}) · civdata {meta.tool_version}\n")
    summary.append("rubric file: {} · sha256 {}".format(*(shown_line(part) for part in rubric_file(rubric))))
    if assessment.verdict.description:
        summary.append(f"\n\n{shown(assessment.verdict.description)}")

    areas = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    areas.add_column("Area")
    areas.add_column("Score", justify="right")
    areas.add_column("", no_wrap=True)
    for area in assessment.areas:
        areas.add_row(Text(shown(area.area.title)), number(area.score.percent), bar(area.score.percent, 20))

    parts: list[RenderableType] = [Panel(summary, title=heading, title_align="left", box=box.ROUNDED)]
    parts += [part for part in (score_notes(rubric, coverage), gates_text(meta)) if part is not None]
    if rubric.scored:
        parts.append(areas)
    listed = len(assessment.findings) if limit is None else min(limit, len(assessment.findings))
    if assessment.findings:
        parts.append(Text(f"Findings: {listed} of {len(assessment.findings)}, most severe first", style="bold"))
        parts.append(findings_table(rubric, assessment.findings, limit, respondent_role=answers.respondent.role))
    else:
        parts.append(Text("No findings.", style="bold"))
    parts += strengths_text(assessment.strengths)
    unanswered = assessment.coverage.unanswered_required
    if unanswered:
        count = f"{len(unanswered)} required question{'s' if len(unanswered) != 1 else ''}"
        parts.append(Text(f"{count} unanswered: " + ", ".join(unanswered), style="yellow"))
    return to_text(Group(*parts), color=color, width=width)
