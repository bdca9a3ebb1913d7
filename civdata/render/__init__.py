"""Renderers turn the report model into text. Each format is registered once, here.

A renderer is a function ``(report, meta, *, color) -> str``; it never scores anything.
Modules are imported only when their format is asked for, so ``civdata --version`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

#: format name -> (module, function, file extensions that select it)
FORMATS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "markdown": ("civdata.render.markdown", "render_markdown", (".md", ".markdown")),
    "json": ("civdata.render.json_report", "render_json", (".json",)),
    "text": ("civdata.render.terminal", "render_text", (".txt",)),
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


#: format name -> (module, function) for a combined multi-respondent report. The formats and their
#: extensions are the same as above; only the report model differs, so ``render`` picks by type.
COMBINED_FORMATS: dict[str, tuple[str, str]] = {
    "markdown": ("civdata.render.combined_markdown", "render_combined_markdown"),
    "json": ("civdata.render.combined_json", "render_combined_json"),
    "text": ("civdata.render.combined_terminal", "render_combined_text"),
}


def combined_renderer(format_name: str) -> Callable[..., str]:
    module_name, function_name = COMBINED_FORMATS[format_name]
    function: Callable[..., str] = getattr(import_module(module_name), function_name)
    return function


def render(format_name: str, report: Any, meta: Any, *, color: bool = False, width: int = 100) -> str:
    """Render a single assessment or, for a ``CombinedReport``, the combined report, in one format."""
    from civdata.combine import CombinedReport

    chosen = combined_renderer(format_name) if isinstance(report, CombinedReport) else renderer(format_name)
    return chosen(report, meta, color=color, width=width)
