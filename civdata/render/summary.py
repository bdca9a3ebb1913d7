"""The short summary (``--format summary``): what a CI job's summary page shows of a report.

In GitHub Actions civdata appends it to ``$GITHUB_STEP_SUMMARY`` (see ``--annotations``): the
verdict and the gates' outcome, the scores by area, and the few things to do first, each with the
file and line of the answer that raised it. It is a section of a page other steps write to too,
so it starts with a second-level heading. Text from files is escaped as in the Markdown report,
and it is laid out for the Markdown linters as the report is (:func:`civdata.mdlayout.lay_out`).
"""

from __future__ import annotations

from civdata.mdlayout import lay_out
from civdata.render.common import (
    ReportMeta,
    bar,
    first_actions,
    gate_summary,
    md_text,
    number,
    plural,
    report_coverage_text,
    score_name,
)
from civdata.results import Finding, Report


def render_summary(report: Report, meta: ReportMeta, **_: object) -> str:
    rubric = report.rubric
    initiative = md_text(report.initiative or "initiative not named")
    lines = [f"## civdata: {initiative}", "", f"Verdict: **{md_text(report.verdict.label)}**", ""]
    if rubric.scored:
        lines.append(f"- Overall {score_name(rubric)}: {number(report.overall)} / 100")
    lines.append(f"- Coverage: {report_coverage_text(report)}")
    lines.append(f"- Respondents: {len(report.respondents)}; findings: {len(report.findings)}")
    if meta.gates is not None:
        lines.append(f"- CI gates: {md_text(gate_summary(meta.gates))}")
    lines.append(f"- Rubric: {md_text(rubric.title)} (`{rubric.id}` {rubric.version}); civdata {meta.tool_version}")
    if rubric.scored:
        lines += ["", "### Scores by area", "", "| Area | Score | |", "| --- | ---: | --- |"]
        lines += [
            f"| {md_text(item.area.title)} | {number(item.percent)} | `{bar(item.percent)}` |" for item in report.areas
        ]
    lines += ["", "### What to do first", ""]
    actions = first_actions(report)
    if not actions:
        lines.append("No finding calls for action.")
    lines += [_action(index, finding) for index, finding in enumerate(actions, start=1)]
    rest = len(report.findings) - len(actions)
    if rest > 0:
        lines += ["", f"{plural(rest, 'more finding')} in the full report."]
    return lay_out("\n".join(lines))


def _action(index: int, finding: Finding) -> str:
    where = ""
    if finding.location is not None:
        where = f" (at {md_text(finding.location.source)} line {finding.location.line})"
    severity = finding.severity.value.upper()
    return f"{index}. **{severity}**: {md_text(finding.title)}{where}. {md_text(finding.recommendation)}"
