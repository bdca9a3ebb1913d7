"""The typer application and what every command shares.

The command line is a thin adapter from typer to the core. It never computes a score.

Exit codes: 0 ok, 1 a gate failed (``--fail-on``, ``--fail-under``), 2 invalid input or usage,
or an output that cannot be written, 3 a bug in civdata (see :func:`civdata.cli.main`).
Problems in input files are printed as ``file:line:col: message`` on standard error, all at once.
Heavy modules (jsonschema, questionary) are imported inside the commands that need them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from civdata import __version__
from civdata.escape import log_line
from civdata.model import Severity
from civdata.problems import InputError, Problem
from civdata.render import FORMATS
from civdata.schemas import NAMES as SCHEMA_NAMES

if TYPE_CHECKING:
    from civdata.files import Target

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_INVALID = 2

app = typer.Typer(
    name="civdata",
    help=(
        "Assess how ready a civil-society data initiative is, and what could hurt the people in "
        "its data, before it builds anything.\n\n"
        "Exit codes: 0 ok, 1 a gate failed (--fail-on, --fail-under), 2 invalid input or usage, or an output "
        "that cannot be written, 3 a bug in civdata."
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


# The command line's choices, made from where each is defined, so a format, a severity or a schema
# added there is a choice here with nothing to copy.
OutputFormat = Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
SeverityOption = Enum("SeverityOption", {severity.value: severity.value for severity in Severity}, type=str)  # type: ignore[misc]
SchemaName = Enum("SchemaName", {name: name for name in SCHEMA_NAMES}, type=str)  # type: ignore[misc]


def err(message: str) -> None:
    """One line for the person on standard error (never mixed into a report on stdout).

    Always exactly one line: values in ``message`` (file names, answers, titles) are escaped by
    :func:`civdata.escape.log_line`, so none can add a line or a CI workflow command. A closed or
    broken standard error loses the message, never the exit code.
    """
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(log_line(message), file=sys.stderr, flush=True)


def report_problems(problems: list[Problem]) -> None:
    if not problems:
        # Exit 2 always shows what to fix; refusing without a reason is a bug, reported as one.
        raise RuntimeError("an input was refused without a problem to show")
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
    """Today, or the date in SOURCE_DATE_EPOCH (see :mod:`civdata.dates`); a bad value is a usage problem."""
    from civdata.dates import report_date as dated

    try:
        return dated(os.environ)
    except ValueError as error:
        raise usage_error(str(error)) from None


def stdout_is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def wants_color() -> bool:
    return stdout_is_terminal() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if stdout_is_terminal() else 100


def is_stdout(output: Path | None) -> bool:
    """Whether ``-o`` means standard output: not given, ``-`` or ``/dev/stdout``."""
    from civdata.files import STDOUT_NAMES

    return output is None or str(output) in STDOUT_NAMES


def choose_format(explicit: OutputFormat | None, output: Path | None) -> str:
    """``--format`` if given; else what ``-o``'s extension says; else text on a terminal,
    Markdown when piped."""
    from civdata.render import FORMATS, format_for_path

    if explicit is not None:
        return explicit.value
    if not is_stdout(output):
        assert output is not None
        inferred = format_for_path(output)
        if inferred is None and output.exists() and not output.is_file():
            return "markdown"  # a device or pipe (-o /dev/null): as when standard output is piped
        if inferred is None:
            known = ", ".join(ext for _, _, exts in FORMATS.values() for ext in exts)
            raise usage_error(
                f"cannot tell the report format from '{output.name}' (known extensions: {known}); "
                "add --format markdown, json or text"
            )
        return inferred
    return "text" if stdout_is_terminal() else "markdown"


def claim_output(output: Path | None, option: str = "-o", **rules: Any) -> Target | None:
    """Check ``option``'s file before the work is done (see :func:`civdata.files.output_target`):
    never an input of this run, never a folder, never replacing a device. None when no file was
    given (the text goes to standard output)."""
    from civdata.files import OutputError, output_target

    if output is None:
        return None
    try:
        return output_target(output, option, **rules)
    except OutputError as error:
        raise usage_error(str(error)) from None


def emit(text: str, target: Target | None) -> None:
    """Print ``text``, or write it to a target claimed by :func:`claim_output`."""
    from civdata.files import OutputError, StdoutError, write_output, write_stdout

    if target is None:
        write_stdout(text)
        return
    try:
        write_output(target, text)
    except StdoutError:
        raise
    except OutputError as error:
        raise usage_error(str(error)) from None
    if not target.is_stdout:
        err(f"Wrote {target.given}")


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
    from civdata.files import start_run

    start_run()
