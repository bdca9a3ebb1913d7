"""A history (``civdata history``) as Markdown, text, JSON or HTML: a table of the scores by area
at each date, and the same as a picture over time.

Text from the reports (initiative, titles, verdicts, file names) is escaped for each medium as in
the report renderers. A score that cannot be set beside the others (the rubric changed a question
of it, or an overall score averages fewer areas) is shown with a mark and the reason, and left out
of the picture.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from civdata.escape import html_text, json_document, terminal_text
from civdata.history import History, HistoryCell, HistoryPoint
from civdata.mdlayout import lay_out
from civdata.records import record
from civdata.render import TERMINAL_FORMAT, Companion, Rendered
from civdata.render.common import ReportMeta, chart_alt, chart_scale, companion_name, md_text, number

#: How a history starts, in Markdown and as text: what tells one given back for a JSON report
#: (:func:`civdata.baseline.read_report_snapshot`).
TEXT_HEADING = "History: "
MARKDOWN_HEADING = f"# {TEXT_HEADING}"

HISTORY_CHART_ALT = "Line chart of the scores by area over time"
#: The formats a history is written in, and the file endings that choose them.
HISTORY_FORMATS = {"markdown": (".md", ".markdown"), "json": (".json",), "text": (".txt",), "html": (".html", ".htm")}


def history_chart(history: History, *, id_prefix: str = "history") -> str | None:
    if not history.rubric.scored:
        return None
    from civdata.charts import time_chart

    return time_chart(
        history.series(),
        title="Scores by area over time",
        scale=chart_scale(history.rubric),
        id_prefix=id_prefix,
        marked=history.marked(),
    )


def _cell_text(cell: HistoryCell | None) -> str:
    if cell is None or cell.value is None:
        return "–"
    return f"{number(cell.value)}*" if cell.reason else number(cell.value)


def _group_text(point: HistoryPoint) -> str:
    """How many respondents a report is on, and so its kind: ``1 (single)``, ``3 (combined)``."""
    return f"{point.respondents} ({point.kind})"


@record
class _Row:
    """One row of a history's table, the same in every format: its name and a cell per report,
    as text; each renderer escapes them for its medium."""

    name: str
    cells: list[str]
    #: The cells are civdata's own words and numbers (``33``, ``61*``, ``1 (single)``), which
    #: Markdown shows as written; the others come from a file.
    own: bool = False
    #: The overall score, shown in bold where the medium has it.
    overall: bool = False


def _rows(history: History) -> list[_Row]:
    """The rows of a history's table, in order: verdict, findings, respondents, each area's score
    and the overall one, the rubric version and the report file of each date. Every format shows
    these, from here (docs/progress.md)."""
    points = history.points
    rows = [
        _Row("Verdict", [point.verdict for point in points]),
        _Row("Findings", [str(point.findings) for point in points], own=True),
        _Row("Respondents", [_group_text(point) for point in points], own=True),
    ]
    if history.rubric.scored:
        rows += [
            _Row(title, [_cell_text(point.scores.get(key)) for point in points], own=True, overall=key == "overall")
            for key, title in history.lines
        ]
    rows.append(_Row("Rubric version", [point.rubric_version for point in points]))
    rows.append(_Row("Report", [point.source for point in points]))
    return rows


def _intro(history: History, meta: ReportMeta, text: Callable[[str], str], code: Callable[[str], str]) -> str:
    """The sentence under a history's heading: how many reports, against which rubric (its title
    by ``text``, its id by ``code``, as each medium writes them), and what wrote it."""
    rubric = history.rubric
    return (
        f"{len(history.points)} assessments against {text(rubric.title)} ({code(rubric.id)} {text(rubric.version)}), "
        f"oldest first. civdata {text(meta.tool_version)}, {text(meta.generated_on)}."
    )


def _notes(history: History) -> list[str]:
    """What to know before reading the table: that the reports are on different groups, then why
    some scores are marked (one sentence per report and reason)."""
    notes = history.warnings()
    for point in history.points:
        reasons = sorted({cell.reason for cell in point.scores.values() if cell.reason and not cell.incomplete})
        if reasons:
            notes.append(
                f"{point.assessed_on} (rubric {point.rubric_version}): scores marked * cannot be set beside those of "
                f"rubric {history.rubric.version}: " + "; ".join(reasons)
            )
        overall = point.scores.get("overall")
        if overall is not None and overall.incomplete:
            notes.append(
                f"{point.assessed_on}: the overall score marked * {overall.reason}, so it is not set beside the others"
            )
    return notes


def render_history(format_name: str, history: History, meta: ReportMeta) -> Rendered:
    if format_name == "json":
        return Rendered(_json(history, meta))
    if format_name == TERMINAL_FORMAT:
        return Rendered(_text(history, meta), for_terminal=True)
    if format_name == "html":
        return Rendered(_html(history, meta))
    return _markdown(history, meta)


def _markdown(history: History, meta: ReportMeta) -> Rendered:
    lines = [
        f"{MARKDOWN_HEADING}{md_text(history.initiative or 'initiative not named')}",
        "",
        _intro(history, meta, md_text, lambda ident: f"`{ident}`"),
        "",
    ]
    head = "| | " + " | ".join(md_text(point.assessed_on) for point in history.points) + " |"
    lines += [head, "|---|" + "---:|" * len(history.points)]
    for row in _rows(history):
        name = f"**{md_text(row.name)}**" if row.overall else md_text(row.name)
        cells = row.cells if row.own else [md_text(cell) for cell in row.cells]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    notes = _notes(history)
    if notes:
        lines += ["", *(f"- {md_text(note)}" for note in notes)]
    picture = companion_name(meta, "history.svg")
    svg = history_chart(history) if picture else None
    companions: tuple[Companion, ...] = ()
    if picture and svg:
        from urllib.parse import quote

        alt = chart_alt(history.rubric, HISTORY_CHART_ALT)
        lines += ["", f"![{alt}]({quote(picture, errors='surrogateescape')})"]
        companions = (Companion(picture, svg, "picture of the scores over time"),)
    return Rendered(lay_out("\n".join(lines)), companions)


def _text(history: History, meta: ReportMeta) -> str:
    def line(text: object) -> str:
        return terminal_text(text, multiline=False)

    rows = [(line(row.name), [line(cell) for cell in row.cells]) for row in _rows(history)]
    dates = [line(point.assessed_on) for point in history.points]
    width = max([len(name) for name, _ in rows] + [14])
    # Every column as wide as its widest cell: a verdict ("Ready with conditions") or a report's
    # file name is never cut.
    columns = [max([12, len(date)] + [len(cells[index]) for _, cells in rows]) for index, date in enumerate(dates)]

    def row(name: str, cells: list[str]) -> str:
        return f"{name:<{width}}" + "".join(f"  {cell:>{column}}" for cell, column in zip(cells, columns, strict=True))

    lines = [f"{TEXT_HEADING}{line(history.initiative or 'initiative not named')}", ""]
    lines += [_intro(history, meta, line, line), "", row("", dates)]
    lines += [row(name, cells) for name, cells in rows]
    lines += ["", *(line(note) for note in _notes(history))]
    return "\n".join(lines).rstrip() + "\n"


def _json(history: History, meta: ReportMeta) -> str:
    document: dict[str, Any] = {
        "history_format": 1,
        "tool": {"name": "civdata", "version": meta.tool_version},
        "generated_on": meta.generated_on,
        "initiative": history.initiative,
        "rubric": {"id": history.rubric.id, "version": history.rubric.version},
        "lines": [{"id": key, "title": title} for key, title in history.lines],
        "warnings": history.warnings(),
        "points": [
            {
                "assessed_on": point.assessed_on,
                "report": point.source,
                "rubric_version": point.rubric_version,
                "verdict": point.verdict,
                "findings": point.findings,
                "kind": point.kind,
                "respondents": point.respondents,
                "scores": {
                    key: {"percent": cell.value, "comparable": cell.reason is None, "reason": cell.reason}
                    for key, cell in point.scores.items()
                },
            }
            for point in history.points
        ],
    }
    return json_document(json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def _html(history: History, meta: ReportMeta) -> str:
    from civdata.render.html import page

    t = html_text
    title = f"History: {history.initiative or 'initiative not named'}"
    head = "".join(f'<th scope="col" class="num">{t(point.assessed_on)}</th>' for point in history.points)
    table_rows = "\n".join(
        f'<tr><th scope="row">{t(row.name)}</th>'
        + "".join(f'<td class="num">{t(cell)}</td>' for cell in row.cells)
        + "</tr>"
        for row in _rows(history)
    )
    table = f'<table>\n<thead><tr><th scope="col"></th>{head}</tr></thead>\n<tbody>\n{table_rows}\n</tbody>\n</table>'
    notes = "".join(f"<li>{t(note)}</li>" for note in _notes(history))
    svg = history_chart(history, id_prefix="history-chart")
    figure = (
        f"<figure>\n{svg}<figcaption>{HISTORY_CHART_ALT}: the scores in the table.</figcaption>\n</figure>"
        if svg
        else ""
    )
    body = (
        f"<h1>{t(title)}</h1>\n<p>{_intro(history, meta, t, t)}</p>\n"
        f'<section id="history">\n<h2>Scores by area over time</h2>\n{table}\n'
        + (f'<ul class="points">{notes}</ul>\n' if notes else "")
        + f"{figure}\n</section>"
    )
    return page(title, body, meta)
