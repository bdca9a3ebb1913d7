"""Renderers turn the report model into text. Each format is registered once, here.

A renderer is a function ``(report, meta, *, color, width) -> str`` over one
:class:`~civdata.results.Report`, for one respondent or many; it never scores anything.
Modules are imported only when their format is asked for, so ``civdata --version`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from civdata.render.common import ReportMeta
    from civdata.results import Report

#: format name -> (module, function, file extensions that select it)
FORMATS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "markdown": ("civdata.render.markdown", "render_markdown", (".md", ".markdown")),
    "json": ("civdata.render.json_report", "render_json", (".json",)),
    "text": ("civdata.render.terminal", "render_text", (".txt",)),
    "sarif": ("civdata.render.sarif", "render_sarif", (".sarif",)),
    # GitLab Code Quality shares .json with the JSON report: chosen by --format only.
    "codequality": ("civdata.render.codequality", "render_codequality", ()),
    "summary": ("civdata.render.summary", "render_summary", ()),
}


def renderer(format_name: str) -> Callable[..., str]:
    module_name, function_name, _ = FORMATS[format_name]
    function: Callable[..., str] = getattr(import_module(module_name), function_name)
    return function


def format_for_path(path: Path) -> str | None:
    """The format a file name asks for by its extension, or None when it says nothing."""
    suffix = path.suffix.lower()
    for name, (_, _, suffixes) in FORMATS.items():
        if suffix in suffixes:
            return name
    return None


def render(format_name: str, report: Report, meta: ReportMeta, *, color: bool = False, width: int = 100) -> str:
    """Render a report, on one respondent or many, in one format."""
    return renderer(format_name)(report, meta, color=color, width=width)
