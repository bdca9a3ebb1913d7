"""The typer application and what every command shares.

The command line is a thin adapter from typer to the core. It never computes a score.

Exit codes: 0 ok, 1 a gate failed (``--fail-on``, ``--fail-under``), 2 invalid input or usage.
Problems in input files are printed as ``file:line:col: message`` on standard error, all at once.
Heavy modules (jsonschema, questionary) are imported inside the commands that need them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from civdata import __version__
from civdata.escape import log_line
from civdata.problems import InputError, Problem

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_INVALID = 2

app = typer.Typer(
    name="civdata",
    help=(
        "Assess how ready a civil-society data initiative is, and what could hurt the people in "
        "its data, before it builds anything.\n\n"
        "Exit codes: 0 ok, 1 a gate failed (--fail-on, --fail-under), 2 invalid input or usage."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
rubric_app = typer.Typer(
    help="Work with rubrics: list the bundled ones, validate, and print as a document.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(rubric_app, name="rubric")

T = TypeVar("T")


class OutputFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    text = "text"


class SeverityOption(str, Enum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class SchemaName(str, Enum):
    rubric = "rubric"
    answers = "answers"


def err(message: str) -> None:
    """One line for the person on standard error (never mixed into a report on stdout).

    Always exactly one line: values in ``message`` (file names, answers, titles) are escaped by
    :func:`civdata.escape.log_line`, so none can add a line or a CI workflow command.
    """
    print(log_line(message), file=sys.stderr)


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        err(str(problem))
    count = len(problems)
    err(f"civdata: {count} problem{'s' if count != 1 else ''} found; nothing was written")


def guarded(action: Callable[[], T]) -> T:
    """Run ``action``; input problems end the command with all of them listed and exit code 2."""
    try:
        return action()
    except InputError as error:
        report_problems(error.problems)
        raise typer.Exit(EXIT_INVALID) from None


def usage_error(message: str) -> typer.Exit:
    err(f"civdata: {message}")
    return typer.Exit(EXIT_INVALID)


def report_date() -> str:
    """Today, or the date in SOURCE_DATE_EPOCH, so committed reports can be made reproducibly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def wants_color() -> bool:
    return stdout_is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if stdout_is_terminal() else 100


def choose_format(explicit: OutputFormat | None, output: Path | None) -> str:
    """``--format`` if given; else what ``-o``'s extension says; else text on a terminal,
    Markdown when piped."""
    from civdata.render import FORMATS, format_for_path

    if explicit is not None:
        return explicit.value
    if output is not None:
        inferred = format_for_path(output)
        if inferred is None:
            known = ", ".join(ext for _, _, exts in FORMATS.values() for ext in exts)
            raise usage_error(
                f"cannot tell the report format from '{output.name}' (known extensions: {known}); "
                "add --format markdown, json or text"
            )
        return inferred
    return "text" if stdout_is_terminal() else "markdown"


def emit(text: str, output: Path | None, inputs: list[Path]) -> None:
    """Print ``text``, or write it to ``output`` (owner-only, atomically), never over an input."""
    from civdata.files import same_file, write_private

    if output is None:
        sys.stdout.write(text)
        return
    for path in inputs:
        if same_file(output, path):
            raise usage_error(f"-o {output} is one of the input files; refusing to overwrite it")
    if output.is_dir():
        raise usage_error(f"-o {output} is a folder; give a file name such as report.md")
    try:
        write_private(output, text)
    except OSError as error:
        raise usage_error(f"cannot write {output}: {error.strerror}") from None
    err(f"Wrote {output}")


def version_callback(value: bool) -> None:
    if value:
        print(f"civdata {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Assess a civil-society data initiative against a rubric."""
