"""`civdata report`: score answers files and write a report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from civdata import __version__
from civdata.cli.app import (
    EXIT_GATE_FAILED,
    OutputFormat,
    SeverityOption,
    app,
    choose_format,
    emit,
    err,
    guarded,
    report_date,
    terminal_width,
    usage_error,
    wants_color,
)

# --- civdata report ---------------------------------------------------------------------------


@app.command()
def report(
    answers: Annotated[
        list[Path],
        typer.Argument(
            help="Answers file(s) (YAML), or folders of them. Several respondents about one "
            "initiative are combined into one report.",
            show_default=False,
        ),
    ],
    rubric: Annotated[
        str | None,
        typer.Option(
            "--rubric", "-r", help="Rubric file, or the id of a bundled rubric. Default: the one the answers name."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown, json or text. Default: from -o's extension; else text on a terminal, Markdown when piped.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (readable by you only) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        SeverityOption | None,
        typer.Option("--fail-on", help="Exit 1 if any finding is at or above this severity.", show_default=False),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            help="Exit 1 if the overall score (0-100) is below this.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score answers files and write a readiness and risk report.

    Examples:

      civdata report answers.yaml                      (summary in the terminal)

      civdata report answers.yaml -o report.md         (Markdown report)

      civdata report answers.yaml --fail-on critical   (CI gate: exit 1 on a critical finding)
    """
    from civdata.gates import gate_failures
    from civdata.inputs import load_answer_sets
    from civdata.model import Severity
    from civdata.render import render
    from civdata.render.common import ReportMeta
    from civdata.scoring import assess

    paths = expand_answer_paths(answers)
    format_name = choose_format(output_format, output)
    loaded_rubric, answer_sets = guarded(lambda: load_answer_sets(paths, rubric))
    if len(answer_sets) > 1:
        raise usage_error("combining several respondents is not available yet; pass one answers file")
    assessment = assess(loaded_rubric, answer_sets[0])
    meta = ReportMeta(__version__, report_date())
    color = output is None and format_name == "text" and wants_color()
    text = render(format_name, assessment, meta, color=color, width=terminal_width() if output is None else 100)
    emit(text, output, paths)
    failures = gate_failures(
        assessment.findings,
        assessment.overall,
        fail_on=Severity(fail_on.value) if fail_on else None,
        fail_under=fail_under,
    )
    for failure in failures:
        err(f"gate failed: {failure}")
    if failures:
        raise typer.Exit(EXIT_GATE_FAILED)


def expand_answer_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the ``*.yaml`` and ``*.yml`` files directly in it."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not found:
                raise usage_error(f"the folder {path} has no .yaml answers files")
            expanded.extend(found)
        else:
            expanded.append(path)
    return expanded
