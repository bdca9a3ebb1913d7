"""`civdata rubric ...`: list, validate and print rubrics, for methodologists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    COMMANDS,
    EXIT_INVALID,
    Annotations,
    annotations_option,
    claim_output,
    command_app,
    emit,
    guarded,
    lang_option,
    output_option,
    quiet,
    quiet_option,
    report_problems,
    rubric_option,
)
from civdata.escape import terminal_text
from civdata.problems import InputError, Problem
from civdata.safe_read import display_name

command = command_app(
    name="rubric",
    help=COMMANDS["rubric"].summary,
    epilog="Example: civdata rubric validate my-rubric.yaml",
    no_args_is_help=True,
)


@command.command("list")
def rubric_list() -> None:
    """List the bundled rubrics: id, version and title.

    Example:

      civdata rubric list
    """
    from civdata.catalog import DEFAULT_RUBRIC_ID, bundled_rubrics

    for entry in bundled_rubrics():
        default = "  (default)" if entry.id == DEFAULT_RUBRIC_ID else ""
        print(f"{entry.id}\t{entry.version}\t{terminal_text(entry.title, multiline=False)}{default}")


@command.command("validate")
def rubric_validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES...", help="Rubric files (YAML) to check; - is standard input.", show_default=False
        ),
    ],
    lang: Annotated[
        list[str] | None,
        lang_option(
            help_text="Also check that every text of the rubric is given in this language (repeat for several)."
        ),
    ] = None,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Check rubric files: the schema and every consistency rule. Exit 2 on any problem.

    Each valid file is named with "ok" on standard output (not with --quiet); problems go to
    standard error as file:line:col: message.

    A text may be translated in part (what is missing shows in the rubric's own language), so only
    with --lang is every text checked to be given in that language. A language code that a few
    texts give in place of one the others give (ra for ar) is refused as a likely typo.

    Examples:

      civdata rubric validate my-rubric.yaml

      civdata rubric validate my-rubric.yaml --lang fr --lang ar
    """
    from civdata.catalog import rubric_file_label
    from civdata.rubric_loader import load_rubric_to_publish
    from civdata.wording import plural

    problems: list[Problem] = []
    valid: list[str] = []
    for given in files:
        path = _bundled_by_id(given)
        try:
            loaded = load_rubric_to_publish(path, lang or [])
        except InputError as error:
            problems.extend(error.problems)
            continue
        counts = f"{plural(len(loaded.areas), 'area')}, {plural(len(loaded.questions), 'question')}"
        shown = display_name(path) if path is given else rubric_file_label(path)
        valid.append(f"{shown}: ok ({loaded.id} {loaded.version}, {counts})")
    # Printed once every file is read: standard output pointed at the last of them (1<>r2.yaml)
    # is then known to be an input and refused, where the first file's line was written into it.
    if not quiet():
        for line in valid:
            print(terminal_text(line, multiline=False))
    if problems:
        report_problems(problems)
        raise typer.Exit(EXIT_INVALID)


def _bundled_by_id(path: Path) -> Path:
    """A bundled rubric's file when ``path`` is no file but the id of one (``rubric validate
    civil-society-data-readiness`` said "no such file or folder", where every other command takes
    the id: the review of rubric authoring); else ``path`` as given."""
    from civdata.catalog import bundled_rubrics, find_rubric
    from civdata.safe_read import exists

    text = str(path)
    if exists(path) or not any(entry.id == text for entry in bundled_rubrics()):
        return path
    return find_rubric(text)


@command.command("docs")
def rubric_docs(
    rubric: Annotated[str | None, rubric_option("the bundled rubric")] = None,
    output: Annotated[Path | None, output_option("Write the document to this file (- is standard output).")] = None,
    lang: Annotated[str | None, lang_option()] = None,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Print a rubric as a readable Markdown document, for review and for workshops on paper.

    Examples:

      civdata rubric docs -o rubric.md

      civdata rubric docs -r my-rubric.yaml --lang fr -o rubric.fr.md
    """
    from civdata.inputs import load_rubric_spec
    from civdata.rubric_docs import render_rubric_docs

    loaded = guarded(lambda: load_rubric_spec(rubric, lang=lang))
    target = claim_output(output, report=True)
    emit(render_rubric_docs(loaded), target)
