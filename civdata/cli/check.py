"""`civdata check`: check answers files and rubrics, each on its own, for pre-commit and CI.

The checking is :func:`civdata.checking.check_paths`; this module only says what it found. No
``from __future__ import annotations`` here: typer reads the parameters' annotations at every run
(docs/performance.md).
"""

from pathlib import Path
from typing import Annotated

import typer

from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    EXIT_INVALID,
    Annotations,
    annotations_option,
    command_app,
    err,
    quiet,
    quiet_option,
    say_dated_later,
    say_skipped,
    say_unasked_answers,
    show_problems,
    warn_of_ci_locations,
)
from civdata.wording import plural

command = command_app()


@command.command()
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Answers files and rubric files (YAML), or folders, whose subfolders are checked too.",
            show_default=False,
            metavar="PATHS...",
        ),
    ],
    rubric: Annotated[
        list[str] | None,
        typer.Option(
            "--rubric",
            "-r",
            metavar="RUBRIC",
            help="A rubric file of your own that answers may name by its id, checked too; repeat it for several. "
            "Rubric files among PATHS count as well, and the bundled rubrics always do.",
            show_default=False,
        ),
    ] = None,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Check answers files and rubrics, each on its own against its own rubric, and list every problem.

    Folders are checked with all their subfolders. Whether a file is an answers file or a rubric is
    told by its content; other YAML files are skipped and named. Exit 0 when every file is valid,
    2 when any problem is found (each printed as file:line:col: message).

    Examples:

      civdata check assessment/                     (every answers file and rubric below it)

      civdata check -r rubrics/ours.yaml team-b/    (answers for a rubric of your own)
    """
    from civdata.checking import check_paths
    from civdata.safe_read import stderr_was_input

    # Its annotations point by the paths given, as a report's do: run from a subfolder, they would
    # name files the runner cannot find (an outside review), so it warns as `report` does.
    warn_of_ci_locations(paths, "text", anonymize=False)
    outcome = check_paths(paths, rubric or [])
    say_skipped(outcome.skipped)
    say_unasked_answers(outcome.unasked, shown=None)
    say_dated_later(outcome.dated_later)
    count = len(outcome.checked)
    files = plural(count, "file")
    if not outcome.problems:
        if not quiet() and not stderr_was_input():  # a file it could not read is no file checked
            print(f"{files} checked, no problems")
        return
    show_problems(outcome.problems)
    found = len(outcome.problems)
    problems = plural(found, "problem")
    if count == 0:
        err(f"civdata: {problems}; no file was checked")
    else:
        err(f"civdata: {problems} in {outcome.files_with_problems} of {files} checked")
    raise typer.Exit(EXIT_INVALID)
