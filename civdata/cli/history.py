"""`civdata history`: several dated JSON reports of one initiative as scores by area over time.

No ``from __future__ import annotations`` here: typer reads the parameters' annotations at every
run (docs/performance.md).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civdata import __version__
from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    Annotations,
    annotations_option,
    claim_output,
    command_app,
    companion_base,
    emit_rendered,
    guarded,
    is_stdout,
    lang_option,
    output_option,
    quiet_option,
    report_date,
    rubric_option,
    usage_error,
    warn,
)

if TYPE_CHECKING:
    from civdata.model import Rubric
    from civdata.problems import Problem
    from civdata.snapshot import Snapshot
    from civdata.yamlsource import DataPath

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
    lang: Annotated[
        str | None, lang_option("the language the reports were written in, when they agree; else the rubric's own")
    ] = None,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Show several dated reports of one initiative as scores by area over time, a table and a picture.

    Reports are put in the order of the date their answers were given. Scores that rest on questions
    the rubric changed between versions are marked and left out of the picture. Give the report files,
    not a folder of them.

    Examples:

      civdata history 2026-03.json 2026-06.json 2026-09.json            (a table in the terminal)

      civdata history reports/*.json -o history.md                    (Markdown, and history.history.svg beside it)
    """
    from civdata.history import build_history
    from civdata.render.common import ReportMeta
    from civdata.render.history import render_history
    from civdata.safe_read import display_name

    guarded(lambda: _no_folders(reports))
    if len(reports) < 2:
        raise usage_error("a history needs at least two reports of the same initiative")
    format_name = _format(output)
    date = report_date()
    snapshots = guarded(lambda: _read_all(reports))
    loaded = guarded(lambda: _rubric(rubric, lang, [snapshot for _, snapshot in snapshots]))
    by_source = {display_name(path): path for path in reports}
    built = guarded(lambda: build_history(loaded, snapshots, locate=lambda *told: _located(by_source, *told)))
    for warning in built.warnings():
        warn(warning)
    target = claim_output(output, "-o", report=True)
    meta = ReportMeta(__version__, date, output_name=companion_base(target))
    rendered = render_history(format_name, built, meta)
    emit_rendered(rendered, target)


#: What a history calls each file it reads, in what it says of them.
ROLE = "a report of the history"


def _no_folders(reports: list[Path]) -> None:
    """Refuse folders, alone or among files, with one problem each: a history lines up the report
    files it is given (docs/progress.md), and a folder may hold other files (the history itself)."""
    import shlex

    from civdata.commands import file_word, on_terminal
    from civdata.problems import InputError, Problem
    from civdata.safe_read import display_name, is_folder

    problems = []
    for path in reports:
        if is_folder(path):
            shown = display_name(path).rstrip("/") or "/"
            # Quoted as a shell word (civdata.commands.file_word, shlex), the glob after the quotes,
            # where the shell still expands it: the command runs as printed. A name the terminal
            # would print as another (a line break, a control character) is FOLDER, as for a
            # workshop (civdata.commands.on_terminal).
            folder = shlex.quote(file_word(shown)) if shown != "/" else ""
            stand_in = not on_terminal(folder)
            message = "this is a folder; a history takes JSON report files: give those in it "
            message += f"(civdata history {'FOLDER' if stand_in else folder}/*.json"
            message += ", FOLDER being this folder, whose name cannot be printed here)" if stand_in else ")"
            problems.append(Problem(display_name(path), 0, 0, message))
    if problems:
        raise InputError(problems)


def _read_all(reports: list[Path]) -> "list[tuple[str, Snapshot]]":
    """Every report as a snapshot, or every problem of every file at once."""
    from civdata.baseline import read_report_snapshot
    from civdata.problems import InputError, Problem
    from civdata.safe_read import display_name

    problems: list[Problem] = []
    read: list[tuple[str, Snapshot]] = []
    for path in reports:
        try:
            read.append((display_name(path), read_report_snapshot(path, role=ROLE)))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return read


def _rubric(spec: str | None, lang: str | None, snapshots: "list[Snapshot]") -> "Rubric":
    """The rubric the reports are lined up against (by default the bundled one the newest names),
    in one language: ``lang``, else the one the reports were written in when they agree (and the
    rubric has it), else the rubric's own. Labels are then all taken from it, never some in one
    language and some in another."""
    from civdata.inputs import load_rubric_spec
    from civdata.problems import InputError

    newest = max(snapshots, key=lambda item: item.assessed_on or "")
    chosen = spec or newest.rubric_id
    if lang is not None:
        return load_rubric_spec(chosen, lang=lang)
    written = {snapshot.language for snapshot in snapshots}
    if len(written) == 1 and None not in written:
        try:
            return load_rubric_spec(chosen, lang=written.pop())
        except InputError:
            pass  # the rubric given has no text in the reports' language: its own, as said below
    return load_rubric_spec(chosen)


def _located(by_source: "dict[str, Path]", source: str, where: "DataPath", message: str) -> "Problem":
    """``message`` at ``where`` in the report ``source`` names (read again only to say where)."""
    from civdata.baseline import problem_at
    from civdata.problems import Problem

    path = by_source.get(source)
    found = problem_at(path, where, message, role=ROLE) if path is not None else None
    return found or Problem(source, 0, 0, message)


def _format(output: Path | None) -> str:
    from civdata.cli.app import is_device_or_pipe, stdout_is_terminal
    from civdata.render.history import HISTORY_FORMATS

    if is_stdout(output):
        return "text" if stdout_is_terminal() else "markdown"
    assert output is not None
    suffix = output.suffix.lower()
    for name, suffixes in HISTORY_FORMATS.items():
        if suffix in suffixes:
            return name
    if is_device_or_pipe(output):
        return "markdown"
    known = ", ".join(suffix for suffixes in HISTORY_FORMATS.values() for suffix in suffixes)
    raise usage_error(f"cannot tell the history's format from '{output.name}'; give a file ending in {known}")
