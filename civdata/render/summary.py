"""The short summary (``--format summary``): what a CI job's summary page shows of a report.

In GitHub Actions civdata appends it to ``$GITHUB_STEP_SUMMARY`` (see ``--annotations``): the
verdict and the gates' outcome, the scores by area, and the few things to do first, each with the
file and line of the answer that raised it. It is a section of a page other steps write to too,
so it starts with a second-level heading. Text from files is escaped as in the Markdown report,
and it is laid out for the Markdown linters as the report is (:func:`civdata.mdlayout.lay_out`).
"""

from __future__ import annotations

from civdata.mdlayout import lay_out
from civdata.problems import within_limit
from civdata.render.common import (
    ReportMeta,
    action_lead,
    bar,
    beside_verdict,
    blank_count_text,
    direction_note,
    first_actions,
    gate_summary,
    may_hold_words,
    md_area_title,
    md_heading,
    md_text,
    nothing_first_text,
    number,
    plural,
    report_coverage_text,
    score_name,
    thin_coverage_note,
    unscored_words,
)
from civdata.render.since import (
    TREND_MARKS,
    carried_count,
    change_text,
    plan_count,
    progress_counts,
    since_text,
    trend_text,
)
from civdata.results import Action, Report, Trend

#: How a job summary starts: what tells one given back for a JSON report
#: (:func:`civdata.baseline.read_report_snapshot`).
SUMMARY_HEADING = "## civdata: "
#: The most a summary may take, in bytes of UTF-8: GitHub shows at most 1 MiB of what a step
#: writes to ``$GITHUB_STEP_SUMMARY`` and drops a larger summary whole; some room is left for the
#: note that says it was cut.
SUMMARY_LIMIT = 1024 * 1024 - 1024
#: The last line of a summary cut to :data:`SUMMARY_LIMIT`.
SUMMARY_CUT = (
    "*The summary is cut here: GitHub shows at most 1 MiB of a step's summary, and a text in these answers is "
    "very long. The full report has everything.*"
)


def render_summary(report: Report, meta: ReportMeta, **_: object) -> str:
    rubric = report.rubric
    initiative = md_heading(report.initiative or "initiative not named")
    lines = [f"{SUMMARY_HEADING}{initiative}", "", f"Verdict: **{md_text(report.verdict.label)}**", ""]
    if rubric.scored:
        unscored = unscored_words(report)
        if unscored:
            lines.append(f"- Overall {score_name(rubric)}: {md_text(unscored)}")
        else:
            warning = thin_coverage_note(report)
            lines.append(
                f"- Overall {score_name(rubric)}: {number(report.overall)} / 100{direction_note(rubric)}{warning}"
            )
    lines.append(f"- Coverage: {report_coverage_text(report)}")
    # Beside the verdict as in every report: a summary is where a CI job's reader sees it first.
    lines += [f"- {said}" for said in beside_verdict(report, md_text)]
    findings = f"{len(report.findings)}{blank_count_text(report)}"
    lines.append(f"- Respondents: {len(report.respondents)}; findings: {findings}")
    if meta.gates is not None:
        lines.append(f"- CI gates: {md_text(gate_summary(meta.gates))}")
    lines.append(f"- Rubric: {md_text(rubric.title)} (`{rubric.id}` {rubric.version}); civdata {meta.tool_version}")
    if rubric.scored:
        lines += ["", "### Scores by area", "", "| Area | Score | |", "| --- | ---: | --- |"]
        # An area that reads the other way says so, as in the report: "Safeguards 0" under a risk
        # score would be read as no risk.
        lines += [
            f"| {md_area_title(report, index)} | {number(item.percent)} | `{bar(item.percent)}` |"
            for index, item in enumerate(report.areas)
        ]
    lines += _since(report)
    lines += ["", "### What to do first", ""]
    actions = first_actions(report)
    if not actions:
        lines.append(nothing_first_text(report))
    lines += [_action(report, index, action) for index, action in enumerate(actions, start=1)]
    rest = len(report.actions) - len(actions)
    if rest > 0:
        lines += ["", f"{plural(rest, 'more action')} in the full report's action plan."]
    return fitted_to_step_summary(lay_out("\n".join(lines)))


def fitted_to_step_summary(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """``text`` as it is when it fits in ``limit`` bytes of UTF-8; else cut at the last whole
    line that fits (or, for a line longer than all of it, that line with its middle left out, as
    :func:`civdata.problems.within_limit` shortens a message), then :data:`SUMMARY_CUT`. A summary
    GitHub drops whole for its size would leave the job page silent, and its size comes from the
    answers files (an initiative's name of two million characters), so it is cut rather than lost."""
    if len(text.encode("utf-8")) <= limit:
        return text
    kept: list[str] = []
    room = whole = limit - len(SUMMARY_CUT.encode("utf-8")) - 8
    for line in text.split("\n"):
        size = len(line.encode("utf-8")) + 1
        if size > room:
            if size > whole:  # a line that could never fit: its two ends are better than nothing
                kept.append(within_limit(line, room // 4))  # UTF-8 takes at most 4 bytes a character
            break
        kept.append(line)
        room -= size
    return "\n".join([*kept, "", SUMMARY_CUT]) + "\n"


def _since(report: Report) -> list[str]:
    """Since the last assessment, in a few lines: the verdict, the scores that moved, the findings."""
    progress = report.progress
    if progress is None:
        return []
    lines = ["", "### Since the last assessment", "", f"{md_text(since_text(progress))}.", ""]
    lines.append(
        f"- Verdict: {md_text(progress.verdict_before)} → {md_text(progress.verdict_after)} "
        f"({trend_text(progress.verdict_trend)})"
    )
    if report.rubric.scored:
        overall = progress.overall
        lines.append(
            f"- Overall {score_name(report.rubric)}: {number(overall.before)} → {number(overall.after)} "
            f"({TREND_MARKS[overall.trend]} {md_text(change_text(overall))})"
        )
        worse = [item for item in progress.areas if item.trend is Trend.WORSE]
        if worse:
            lines.append(
                "- Worse: " + ", ".join(f"{md_text(item.title)} (▼ {md_text(change_text(item))})" for item in worse)
            )
    lines.append(f"- {progress_counts(progress)}")
    if progress.plan:
        lines.append(f"- {md_text(plan_count(progress))}")
    if progress.carried:
        lines.append(f"- {carried_count(progress)}")
    return lines


def _action(report: Report, index: int, action: Action) -> str:
    lead = action_lead(report, action)
    where = ""
    if lead is not None and lead.location is not None:
        where = f" (at {md_text(lead.location.source)} line {lead.location.line})"
    title = f"{md_text(lead.title)}{where}. " if lead is not None else ""
    marked = f" *{words}*" if (words := may_hold_words(action)) else ""
    return f"{index}. **{action.severity.value.upper()}**: {title}{md_text(action.text)}{marked}"
