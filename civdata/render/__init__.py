"""Renderers turn the report model into text. Each format is registered once, here.

A renderer is a function ``(report, meta, *, color, width) -> str | Rendered`` over one
:class:`~civdata.results.Report`, for one respondent or many; it never scores anything, and it
reads and writes nothing. A renderer that wants files written beside the report (the picture a
Markdown report links to) returns a :class:`Rendered`: the report's text and those companion
files, named from ``meta.output_name``; the command line checks and writes them with the report.
Modules are imported only when their format is asked for, so ``civdata --version`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from civdata.records import record

if TYPE_CHECKING:
    from civdata.render.common import ReportMeta
    from civdata.results import Report

#: format name -> (module, function, file extensions that select it)
FORMATS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "markdown": ("civdata.render.markdown", "render_markdown", (".md", ".markdown")),
    "json": ("civdata.render.json_report", "render_json", (".json",)),
    "text": ("civdata.render.terminal", "render_text", (".txt",)),
    "html": ("civdata.render.html", "render_html", (".html", ".htm")),
    "sarif": ("civdata.render.sarif", "render_sarif", (".sarif",)),
    # GitLab Code Quality shares .json with the JSON report: chosen by --format only.
    "codequality": ("civdata.render.codequality", "render_codequality", ()),
    "summary": ("civdata.render.summary", "render_summary", ()),
}

#: The format for a person at a terminal rather than a file: on standard output it is written as
#: standard output's encoding can show it, where every other format is the UTF-8 of its file
#: (:func:`civdata.files.write_stdout`).
TERMINAL_FORMAT = "text"


def report_endings() -> tuple[str, ...]:
    """The file endings that choose a report's format (the first of each format's), in the order
    of :data:`FORMATS`: what a message suggests as a report's name, from the one registry."""
    return tuple(suffixes[0] for _, _, suffixes in FORMATS.values() if suffixes)


@record
class Companion:
    """A file a report wants written beside it: ``name`` is a bare file name (no folder), in the
    report's own folder, which the report's text links to; ``what`` names it in messages."""

    name: str
    text: str
    what: str


@record
class Rendered:
    """A report's text, and the companion files to write beside it (none when it goes to
    standard output, where there is nowhere beside it)."""

    text: str
    companions: tuple[Companion, ...] = ()
    #: Text for a person at a terminal (:data:`TERMINAL_FORMAT`), not a file format.
    for_terminal: bool = False


def renderer(format_name: str) -> Callable[..., str | Rendered]:
    module_name, function_name, _ = FORMATS[format_name]
    function: Callable[..., str | Rendered] = getattr(import_module(module_name), function_name)
    return function


def format_for_path(path: Path) -> str | None:
    """The format a file name asks for by its extension, or None when it says nothing."""
    suffix = path.suffix.lower()
    for name, (_, _, suffixes) in FORMATS.items():
        if suffix in suffixes:
            return name
    return None


def render_files(
    format_name: str, report: Report, meta: ReportMeta, *, color: bool = False, width: int = 100
) -> Rendered:
    """Render a report, on one respondent or many, in one format: its text and companion files."""
    result = renderer(format_name)(report, meta, color=color, width=width)
    return result if isinstance(result, Rendered) else Rendered(result, for_terminal=format_name == TERMINAL_FORMAT)


def render(format_name: str, report: Report, meta: ReportMeta, *, color: bool = False, width: int = 100) -> str:
    """Render a report, on one respondent or many, in one format: the report's text alone."""
    return render_files(format_name, report, meta, color=color, width=width).text
