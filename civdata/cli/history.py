"""`civdata history`: several dated JSON reports of one initiative as scores by area over time.

No ``from __future__ import annotations`` here: typer reads the parameters' annotations at every
run (docs/performance.md).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civdata import __version__
from civdata.cli.app import (
    claim_companions,
    claim_output,
    command_app,
    companion_base,
    emit,
    err,
    guarded,
    is_stdout,
    output_option,
    report_date,
    rubric_option,
    usage_error,
)

if TYPE_CHECKING:
    from civdata.progress import Snapshot

command = command_app()


@command.command()
def history(
    reports: Annotated[
        list[Path],
        typer.Argument(
            help="JSON reports of one initiative (civdata report ... -o report.json), in any order; at least two.",
            show_default=False,
            metavar="REPORTS...",
        ),
    ],
    rubric: Annotated[str | None, rubric_option("the bundled rubric the reports name")] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Write the history to this file: .md (with its picture beside it), .html, .json or .txt. Default: "
            "text on a terminal, Markdown when piped."
        ),
    ] = None,
) -> None:
    """Show several dated reports of one initiative as scores by area over time, a table and a picture.

    Reports are put in the order of the date their answers were given. Scores that rest on questions
    the rubric changed between versions are marked and left out of the picture.

    Examples:

      civdata history 2026-03.json 2026-06.json 2026-09.json            (a table in the terminal)

      civdata history reports/*.json -o history.md                    (Markdown, and history.history.svg beside it)
    """
    from civdata.baseline import read_report_snapshot
    from civdata.history import build_history
    from civdata.inputs import load_rubric_spec
    from civdata.problems import InputError, Problem
    from civdata.render.common import ReportMeta
    from civdata.render.history import render_history
    from civdata.safe_read import display_name

    if len(reports) < 2:
        raise usage_error("a history needs at least two reports of the same initiative")
    format_name = _format(output)
    date = report_date()

    def read_all() -> "list[tuple[str, Snapshot]]":
        problems: list[Problem] = []
        read: list[tuple[str, Snapshot]] = []
        for path in reports:
            try:
                read.append((display_name(path), read_report_snapshot(path, role="a report of the history")))
            except InputError as error:
                problems += error.problems
        if problems:
            raise InputError(problems)
        return read

    snapshots = guarded(read_all)
    newest = max((snapshot for _, snapshot in snapshots), key=lambda item: item.assessed_on or "")
    loaded = guarded(lambda: load_rubric_spec(rubric or newest.rubric_id))
    built = guarded(lambda: build_history(loaded, snapshots))
    mixed = built.mixed_groups()
    if mixed:
        err(f"civdata: warning: {mixed}")
    target = claim_output(output, "-o", report=True)
    meta = ReportMeta(__version__, date, output_name=companion_base(target))
    rendered = render_history(format_name, built, meta)
    for companion_target, companion in claim_companions(target, rendered.companions):
        emit(companion.text, companion_target)
    emit(rendered.text, target)


def _format(output: Path | None) -> str:
    from civdata.cli.app import stdout_is_terminal
    from civdata.render.history import HISTORY_FORMATS

    if is_stdout(output):
        return "text" if stdout_is_terminal() else "markdown"
    assert output is not None
    suffix = output.suffix.lower()
    for name, suffixes in HISTORY_FORMATS.items():
        if suffix in suffixes:
            return name
    known = ", ".join(suffix for suffixes in HISTORY_FORMATS.values() for suffix in suffixes)
    raise usage_error(f"cannot tell the history's format from '{output.name}'; give a file ending in {known}")
