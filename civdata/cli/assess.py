"""`civdata assess`: answer the rubric interactively in a terminal.

This module only checks the command's inputs and wires the questionnaire to files and the
terminal. questionary (and prompt_toolkit) are imported inside the command, after the check that
there is a terminal at all, so ``civdata --version`` and the other commands never load them.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from civdata import __version__
from civdata.cli.app import (
    claim_output,
    command_app,
    emit,
    err,
    guarded,
    info,
    lang_option,
    output_option,
    quiet_option,
    report_date,
    rubric_option,
    terminal_width,
    usage_error,
    wants_color,
)
from civdata.model import AnswerSet, Rubric
from civdata.safe_read import is_stdin

if TYPE_CHECKING:
    from civdata.answers_editor import AnswersText
    from civdata.answers_loader import UpgradePlan
    from civdata.files import Target

DEFAULT_ANSWERS = Path("answers.yaml")
EXIT_INTERRUPTED = 130


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


command = command_app()


@command.command()
def assess(
    rubric: Annotated[str | None, rubric_option("the bundled one, or the one the --resume file names")] = None,
    output: Annotated[
        Path | None,
        output_option(
            "Answers file to write, saved after every answer (readable by you only). "
            "Default: answers.yaml, or the --resume file."
        ),
    ] = None,
    report_path: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="PATH",
            help="Also write the Markdown report to this file at the end.",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            metavar="PATH",
            help="Continue an answers file where it stopped (after Ctrl-C, say). A file made for an older version "
            "of the rubric is upgraded: only the changed and new questions are asked.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[str | None, lang_option()] = None,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Answer the rubric interactively: question by question, saved after every answer.

    Keys: arrows and Enter to choose, Space to tick, ? for help, < to go back. Ctrl-C stops;
    continue later with --resume. Needs a terminal: elsewhere, use `civdata template` and
    `civdata report`.

    Examples:

      civdata assess                                   (writes answers.yaml)

      civdata assess -o lead.yaml --report report.md

      civdata assess --resume lead.yaml
    """
    if resume is not None and is_stdin(resume):
        raise usage_error(
            "--resume - : assess saves the answers back to the file it resumes, so it needs a file, "
            "not standard input; give its name, such as --resume answers.yaml"
        )
    if not stdin_is_terminal():
        raise usage_error(
            "assess asks questions in a terminal, and this input is not one. Without a terminal, "
            "write a fillable answers file with `civdata template -o answers.yaml`, fill it in, "
            "then run `civdata report answers.yaml`"
        )
    date = report_date()
    if resume is not None:
        loaded_rubric, resumed = guarded(lambda: _load_resumed(resume, rubric, lang))
        target = output if output is not None else resume
    else:
        from civdata.inputs import load_rubric_spec

        loaded_rubric, resumed = guarded(lambda: load_rubric_spec(rubric, lang=lang)), None
        target = output if output is not None else DEFAULT_ANSWERS
    answers_file = _check_answers_target(target, resume)
    report_target = claim_output(report_path, "--report", report=True)
    answers = _run_questionnaire(loaded_rubric, answers_file, resumed, date)
    _finish(loaded_rubric, answers, target, report_target, date)


@dataclass(frozen=True)
class Resumed:
    """An answers file to continue: its answers, how they are upgraded (if they are), its text."""

    answers: AnswerSet
    upgrade: UpgradePlan | None
    original: AnswersText


def _load_resumed(path: Path, rubric_spec: str | None, lang: str | None) -> tuple[Rubric, Resumed]:
    """The answers file to continue, checked by the same loaders as ``civdata report`` (or
    upgraded, when it was made for an older MINOR version of the rubric)."""
    from civdata.answers_editor import AnswersText
    from civdata.inputs import load_answers_to_continue

    rubric, document, answers, upgrade = load_answers_to_continue(path, rubric_spec, lang=lang)
    return rubric, Resumed(answers, upgrade, AnswersText.read(path, document, answers, upgrade))


def _check_answers_target(target: Path, resume: Path | None) -> Path:
    """The file the questionnaire saves to (links resolved), checked before the first question.

    Never overwrite answers this run did not start: that could be a colleague's hour of work.
    The answers are saved after every answer and resumed from the file, so it must be a
    regular file: not standard output, not a device or a pipe.
    """
    claimed = claim_output(target, "-o", may_replace=resume, purpose="answers file")
    assert claimed is not None
    if claimed.path is None or claimed.special:
        raise usage_error(
            f"-o {target}: assess saves the answers to a file after every answer, so that it can be resumed; "
            "give a file name such as -o answers.yaml"
        )
    from civdata.files import same_file

    continuing = resume is not None and same_file(claimed.path, resume)
    if claimed.path.exists() and not continuing:
        raise usage_error(
            f"{target} already exists, and assess does not overwrite answers. To continue it: "
            f"civdata assess --resume {target}. To start afresh, choose another file with -o"
        )
    folder = claimed.path.parent
    if not os.access(folder, os.W_OK):
        raise usage_error(f"cannot write {target}: the folder {folder} is not writable")
    return claimed.path


def _run_questionnaire(rubric: Rubric, target: Path, resumed: Resumed | None, date: str) -> AnswerSet:
    """Run the questionnaire. Stopping (Ctrl-C, end of input, closed terminal) keeps the file."""
    from rich.console import Console

    from civdata.questionnaire.flow import Questionnaire, SaveError, TerminalClosed, hangup_stops
    from civdata.questionnaire.session import Session

    session, original = None, None
    if resumed is not None:
        session = Session.resumed(rubric, resumed.answers, date, upgrade=resumed.upgrade)
        original = resumed.original
    console = Console(highlight=False, emoji=False)
    questionnaire = Questionnaire(rubric, target, date=date, console=console, session=session, original=original)
    try:
        with hangup_stops():
            return questionnaire.run()
    except (KeyboardInterrupt, EOFError):
        _say_stopped(questionnaire.saved, target)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except TerminalClosed as closed:
        # Nobody may be there to read a message; the exit code says which signal stopped it.
        raise typer.Exit(128 + closed.signum) from None
    except SaveError as error:
        raise usage_error(f"{error}. The last saved answers are intact") from None


def _say_stopped(saved: bool, target: Path) -> None:
    err("")
    if saved:
        err(f"Stopped. Your answers so far are saved in {target}.")
        err(f"Continue where you stopped with: civdata assess --resume {target}")
    else:
        err("Stopped before the first answer; nothing was saved.")


def _finish(rubric: Rubric, answers: AnswerSet, target: Path, report_target: Target | None, date: str) -> None:
    """The terminal summary, and the Markdown report if asked for."""
    from civdata.render import render
    from civdata.render.common import ReportMeta
    from civdata.reporting import build_report

    report = build_report(rubric, [answers]).model
    meta = ReportMeta(__version__, date)
    print()
    sys.stdout.write(render("text", report, meta, color=wants_color(), width=terminal_width()))
    info(f"Answers saved in {target}.")
    if report_target is not None:
        emit(render("markdown", report, meta), report_target)
    else:
        info(f"Make the full report with: civdata report {target} -o report.md")
