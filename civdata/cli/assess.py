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
from civdata.cli.app import EXIT_INVALID, app, err, guarded, report_date, terminal_width, usage_error, wants_color
from civdata.model import AnswerSet, Rubric

if TYPE_CHECKING:
    from civdata.answers_editor import AnswersText
    from civdata.answers_loader import UpgradePlan

DEFAULT_ANSWERS = Path("answers.yaml")
EXIT_INTERRUPTED = 130


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


@app.command()
def assess(
    rubric: Annotated[
        str | None,
        typer.Option(
            "--rubric",
            "-r",
            help="Rubric file, or the id of a bundled rubric. Default: the bundled one, or the one the --resume file "
            "names.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Answers file to write, saved after every answer (readable by you only). "
            "Default: answers.yaml, or the --resume file.",
            show_default=False,
        ),
    ] = None,
    report_path: Annotated[
        Path | None,
        typer.Option("--report", help="Also write the Markdown report to this file at the end.", show_default=False),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume", help="Continue an answers file where it stopped (after Ctrl-C, say).", show_default=False
        ),
    ] = None,
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
    if not stdin_is_terminal():
        raise usage_error(
            "assess asks questions in a terminal, and this input is not one. Without a terminal, "
            "write a fillable answers file with `civdata template -o answers.yaml`, fill it in, "
            "then run `civdata report answers.yaml`"
        )
    if resume is not None:
        loaded_rubric, resumed = guarded(lambda: _load_resumed(resume, rubric))
        target = output if output is not None else resume
    else:
        from civdata.inputs import load_rubric_spec

        loaded_rubric, resumed = guarded(lambda: load_rubric_spec(rubric)), None
        target = output if output is not None else DEFAULT_ANSWERS
    _check_answers_target(target, resume)
    if report_path is not None:
        _check_report_target(report_path, target)
    answers = _run_questionnaire(loaded_rubric, target, resumed)
    _finish(loaded_rubric, answers, target, report_path)


@dataclass(frozen=True)
class Resumed:
    """An answers file to continue: its answers, how they are upgraded (if they are), its text."""

    answers: AnswerSet
    upgrade: UpgradePlan | None
    original: AnswersText


def _load_resumed(path: Path, rubric_spec: str | None) -> tuple[Rubric, Resumed]:
    """The answers file to continue, checked by the same loaders as ``civdata report`` (or
    upgraded, when it was made for an older MINOR version of the rubric)."""
    from civdata.answers_editor import AnswersText
    from civdata.inputs import load_answers_to_continue

    rubric, document, answers, upgrade = load_answers_to_continue(path, rubric_spec)
    return rubric, Resumed(answers, upgrade, AnswersText.read(path, document, answers, upgrade))


def _check_answers_target(target: Path, resume: Path | None) -> None:
    """Never overwrite answers this run did not start: that could be a colleague's hour of work."""
    from civdata.files import same_file

    if target.is_dir():
        raise usage_error(f"{target} is a folder; give a file name with -o, such as -o answers.yaml")
    continuing = resume is not None and same_file(target, resume)
    if target.exists() and not continuing:
        raise usage_error(
            f"{target} already exists, and assess does not overwrite answers. To continue it: "
            f"civdata assess --resume {target}. To start afresh, choose another file with -o"
        )
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise usage_error(f"cannot write {target}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise usage_error(f"cannot write {target}: the folder {folder} is not writable")


def _check_report_target(report_path: Path, answers: Path) -> None:
    from civdata.files import same_file

    if report_path.is_dir():
        raise usage_error(f"--report {report_path} is a folder; give a file name such as report.md")
    if same_file(report_path, answers):
        raise usage_error(f"--report {report_path} is the answers file; give the report another name")
    folder = report_path.parent if str(report_path.parent) else Path()
    if not folder.is_dir():
        raise usage_error(f"cannot write --report {report_path}: the folder {folder} does not exist")


def _run_questionnaire(rubric: Rubric, target: Path, resumed: Resumed | None) -> AnswerSet:
    """Run the questionnaire. Stopping (Ctrl-C, end of input, closed terminal) keeps the file."""
    from rich.console import Console

    from civdata.questionnaire.flow import Questionnaire, SaveError, TerminalClosed, hangup_stops
    from civdata.questionnaire.session import Session

    session, original = None, None
    if resumed is not None:
        session = Session.resumed(rubric, resumed.answers, report_date(), upgrade=resumed.upgrade)
        original = resumed.original
    console = Console(highlight=False, emoji=False)
    questionnaire = Questionnaire(
        rubric, target, date=report_date(), console=console, session=session, original=original
    )
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
    if saved:
        err("")
        err(f"Stopped. Your answers so far are saved in {target}.")
        err(f"Continue where you stopped with: civdata assess --resume {target}")
    else:
        err("")
        err("Stopped before the first answer; nothing was saved.")


def _finish(rubric: Rubric, answers: AnswerSet, target: Path, report_path: Path | None) -> None:
    """The terminal summary, and the Markdown report if asked for."""
    from civdata.files import write_private
    from civdata.render import render
    from civdata.render.common import ReportMeta
    from civdata.scoring import assess as score

    assessment = score(rubric, answers)
    meta = ReportMeta(__version__, report_date())
    print()
    sys.stdout.write(render("text", assessment, meta, color=wants_color(), width=terminal_width()))
    err(f"Answers saved in {target}.")
    if report_path is not None:
        try:
            write_private(report_path, render("markdown", assessment, meta))
        except OSError as error:
            err(f"civdata: cannot write {report_path}: {error.strerror or error}")
            raise typer.Exit(EXIT_INVALID) from None
        err(f"Wrote the report to {report_path}.")
    else:
        err(f"Make the full report with: civdata report {target} -o report.md")
