"""`civdata assess`: answer the rubric interactively in a terminal.

This module only checks the command's inputs and wires the questionnaire to files and the
terminal. questionary (and prompt_toolkit) are imported inside the command, after the check that
there is a terminal at all, so ``civdata --version`` and the other commands never load them.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from civdata import __version__
from civdata.cli.app import (
    ANNOTATIONS_DEFAULT,
    EXIT_INTERRUPTED,
    Annotations,
    annotations_option,
    choose_format,
    claim_output,
    command_app,
    err,
    guarded,
    lang_option,
    output_option,
    quiet_option,
    report_date,
    rubric_option,
    say_skipped,
    usage_error,
    wants_color,
)
from civdata.commands import RUBRIC_STAND_IN, civdata_command, on_terminal, rubric_stand_in_note, terminal_command
from civdata.model import AnswerSet, Rubric
from civdata.records import record
from civdata.safe_read import is_stdin

if TYPE_CHECKING:
    from rich.console import Console

    from civdata.answers_editor import AnswersText
    from civdata.answers_loader import UpgradePlan
    from civdata.files import Target
    from civdata.inputs import Copies
    from civdata.questionnaire.screen import Look
    from civdata.yamlsource import YamlDocument

DEFAULT_ANSWERS = Path("answers.yaml")


def not_a_terminal() -> str | None:
    """Which end of assess is not a terminal: "input", "output", or None when both are. With its
    output redirected (``> session.log``), assess drew every question into the file and waited
    for keys on a blank screen (an outside review)."""
    if not _is_terminal(sys.stdin):  # None when standard input was closed (``0<&-``)
        return "input"
    if not _is_terminal(sys.stdout):
        return "output"
    return None


def _is_terminal(stream: Any) -> bool:
    """Whether ``stream`` is an open terminal: False for a stream closed before Python started
    (None), as a job runner or service can start a process, where assess exited 3 (the review of
    environments), or one closed since."""
    try:
        return stream is not None and bool(stream.isatty())
    except (OSError, ValueError):
        return False


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
            help="At the end, also write the report to this file, as `civdata report -o` writes it: the format "
            "from its extension (.md, .html, .json, ...), with its pictures beside it. With --workshop: the combined "
            "report.",
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
    workshop: Annotated[
        Path | None,
        typer.Option(
            "--workshop",
            metavar="FOLDER",
            help="Record a workshop in this folder: the answers of everyone in the room, one file each, question by "
            "question. A folder that has answers files is continued. `civdata report FOLDER` combines them.",
            show_default=False,
        ),
    ] = None,
    in_turn: Annotated[
        bool,
        typer.Option(
            "--in-turn",
            help="With --workshop: each participant answers each question in turn, instead of the room agreeing "
            "one answer (and ! recording who disagrees).",
        ),
    ] = False,
    high_contrast: Annotated[
        bool,
        typer.Option(
            "--high-contrast",
            help="No colour, bold text and a reverse-video pointer: for projectors and low vision. NO_COLOR is "
            "honoured too.",
        ),
    ] = False,
    _annotations: Annotated[Annotations, annotations_option()] = ANNOTATIONS_DEFAULT,
    _quiet: Annotated[bool, quiet_option()] = False,
) -> None:
    """Answer the rubric interactively: question by question, saved after every answer.

    Keys: arrows and Enter to choose, Space to tick, Tab to answer and add a note, ? for help,
    < to go back. Ctrl-C stops; continue later with --resume. Needs a terminal: elsewhere, use `civdata template` and
    `civdata report`.

    Examples:

      civdata assess                                   (writes answers.yaml)

      civdata assess -o lead.yaml --report report.md

      civdata assess --resume lead.yaml

      civdata assess --workshop workshop/              (several people in a room)
    """
    if resume is not None and is_stdin(resume):
        raise usage_error(
            "--resume - : assess saves the answers back to the file it resumes, so it needs a file, "
            "not standard input; give its name, such as --resume answers.yaml"
        )
    missing = not_a_terminal()
    if missing == "output":
        raise usage_error(
            "assess draws its questions on standard output, and that is not a terminal here (redirected to a "
            "file or a pipe?): run it without redirecting its output; the answers are saved in their file as you go"
        )
    if missing == "input":
        if lang is not None:
            _judge_language(rubric, lang)
        # The rubric as given (not loaded yet): the commands must name it, or they find another.
        # A name that would not print as it runs stands in as the answers file's header's does.
        named = rubric if rubric is None or on_terminal(rubric) else RUBRIC_STAND_IN
        given = [*(["--rubric", named] if named else []), *(["--lang", lang] if lang else [])]
        # The file named with -o, when it prints as it runs: the person chose that name.
        file = str(output) if output is not None and on_terminal(str(output)) else "answers.yaml"
        started = resume if resume is not None else workshop
        if started is not None and on_terminal(str(started)):
            # Someone with a half-answered file (or a workshop's folder) was told to start a new
            # template (an outside review): what they have is filled in the same way.
            what = "the rest of its files" if resume is None else "the rest of it"
            advice = (
                f"fill in {what} in an editor (`{civdata_command('check', Path(started), *given)}` says what is "
                f"wrong), then run `{civdata_command('report', Path(started), *given)}`"
            )
        else:
            advice = (
                f"write a fillable answers file with `{civdata_command('template', '-o', file, *given)}`, "
                f"fill it in, then run `{civdata_command('report', file, *given)}`"
            )
        raise usage_error(
            "assess asks questions in a terminal, and this input is not one. Without a terminal, "
            + advice
            + ("" if named == rubric else f". {rubric_stand_in_note()}")
        )
    date = report_date()
    look = _look(high_contrast)
    if workshop is not None:
        ending = _ending(report_path, date, look)
        _run_workshop(workshop, rubric, lang, ending, in_turn=in_turn, others=(output, resume))
        return
    if in_turn:
        raise usage_error("--in-turn goes with --workshop FOLDER: it says how the people in the room answer")
    if resume is not None:
        loaded_rubric, resumed = guarded(lambda: _load_resumed(resume, rubric, lang))
        target = output if output is not None else resume
    else:
        from civdata.inputs import load_rubric_spec

        loaded_rubric, resumed = guarded(lambda: load_rubric_spec(rubric, lang=lang)), None
        target = output if output is not None else DEFAULT_ANSWERS
    # Named by the option that gave it: "cannot write -o ..." of a --resume file (the review of the fix).
    option = "--resume" if output is None and resume is not None else "-o"
    answers_file = _check_answers_target(target, resume, loaded_rubric, option)
    ending = _ending(report_path, date, look)
    answers = _run_questionnaire(loaded_rubric, answers_file, resumed, date, look)
    _finish(loaded_rubric, [answers], target, ending)


def _judge_language(rubric_spec: str | None, lang: str) -> None:
    """Refuse an empty ``--lang``, or one the rubric has no text in, as every command refuses it,
    before the commands that replace assess without a terminal are suggested with it: they would
    only be refused in turn. The language is judged on the rubric they name: --rubric, or the
    bundled one."""
    from civdata.inputs import load_rubric_spec

    guarded(lambda: load_rubric_spec(rubric_spec, lang=lang))


@record
class Ending:
    """What the end of a run writes and shows: the ``--report`` file (claimed, its format known)
    and the look of the last screen."""

    path: Path | None
    target: Target | None
    format_name: str | None
    date: str
    look: Look


@record
class Resumed:
    """An answers file to continue: its answers, how they are upgraded (if they are), its text."""

    answers: AnswerSet
    upgrade: UpgradePlan | None
    original: AnswersText


def _ending(report_path: Path | None, date: str, look: Look) -> Ending:
    """The ``--report`` file claimed and its format known before the first question, so that an
    hour of answers never ends in a refused file name."""
    target = claim_output(report_path, "--report", report=True)
    format_name = None if report_path is None else choose_format(None, report_path, option="--report", has_format=False)
    return Ending(report_path, target, format_name, date, look)


def _load_resumed(path: Path, rubric_spec: str | None, lang: str | None) -> tuple[Rubric, Resumed]:
    """The answers file to continue, checked by the same loaders as ``civdata report`` (or
    upgraded, when it was made for an older MINOR version of the rubric)."""
    from civdata.inputs import load_answers_to_continue

    return _resumed(path, *load_answers_to_continue(path, rubric_spec, lang=lang))


def _load_participant(
    path: Path, rubric_spec: str | None, lang: str | None, copies: Copies
) -> tuple[Rubric, Resumed] | str:
    """A workshop participant's answers file, loaded as ``--resume`` loads one; or why it is left
    out: an action plan or the ``--rubric`` file kept in the folder, or a copy of another
    participant's file (``lena (1).yaml``), which report leaves out too."""
    from civdata.inputs import continue_document, read_answers_or_plan

    document, left_out = read_answers_or_plan(path, role="the answers file being resumed", rubric_spec=rubric_spec)
    if document is None:
        return left_out
    copy = copies.left_out(document)
    if copy is not None:
        return copy
    return _resumed(path, *continue_document(document, rubric_spec, lang=lang))


def _load_participants(
    paths: list[Path], rubric_spec: str | None, lang: str | None
) -> list[tuple[Path, tuple[Rubric, Resumed] | str]]:
    """Every participant's file of a workshop being continued (see :func:`_load_participant`);
    raise with the problems of all of them at once, so one run shows everything to fix."""
    from civdata.inputs import Copies
    from civdata.problems import InputError

    loaded: list[tuple[Path, tuple[Rubric, Resumed] | str]] = []
    problems = []
    copies = Copies()
    for path in paths:
        try:
            loaded.append((path, _load_participant(path, rubric_spec, lang, copies)))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return loaded


def _resumed(
    path: Path, rubric: Rubric, document: YamlDocument, answers: AnswerSet, upgrade: UpgradePlan | None
) -> tuple[Rubric, Resumed]:
    """The loaded file with its text, which every save edits in place."""
    from civdata.answers_editor import AnswersText

    return rubric, Resumed(answers, upgrade, AnswersText.read(path, document, answers, upgrade))


def _check_answers_target(target: Path, resume: Path | None, rubric: Rubric, option: str = "-o") -> Path:
    """The file the questionnaire saves to (links resolved), checked before the first question.

    Never overwrite answers this run did not start: that could be a colleague's hour of work.
    The answers are saved after every answer and resumed from the file, so it must be a
    regular file: not standard output, not a device or a pipe.
    """
    claimed = claim_output(target, option, may_replace=resume, purpose="answers file", example="answers.yaml")
    assert claimed is not None
    if claimed.path is None or claimed.special:
        raise usage_error(
            f"-o {target}: assess saves the answers to a file after every answer, so that it can be resumed; "
            "give a file name such as -o answers.yaml"
        )
    from civdata.files import same_file

    continuing = resume is not None and same_file(claimed.path, resume)
    if claimed.path.exists() and not continuing:
        command, notes = terminal_command(_resume_command, target, rubric, file_is="that file's name")
        raise usage_error(
            f"{target} already exists, and assess does not overwrite answers. To continue it: {command}. "
            f"{''.join(f'{note} ' for note in notes)}To start afresh, choose another file with -o"
        )
    return claimed.path  # in a folder it can write in (checked by claim_output)


def _look(high_contrast: bool) -> Look:
    """Colour as every command decides it (``NO_COLOR``, a dumb terminal), or high contrast."""
    from civdata.questionnaire.screen import Look

    return Look(color=wants_color(), contrast=high_contrast)


def _console(look: Look) -> Console:
    from rich.console import Console

    return Console(highlight=False, emoji=False, theme=look.theme(), no_color=not look.colored or None)


def _run_questionnaire(rubric: Rubric, target: Path, resumed: Resumed | None, date: str, look: Look) -> AnswerSet:
    """Run the questionnaire. Stopping (Ctrl-C, end of input, closed terminal) keeps the file."""
    from civdata.questionnaire.flow import (
        Questionnaire,
        SaveError,
        TerminalClosed,
        drawn_as_the_terminal_shows,
        hangup_stops,
    )
    from civdata.questionnaire.session import Session

    session, original = None, None
    if resumed is not None:
        session = Session.resumed(rubric, resumed.answers, date, upgrade=resumed.upgrade)
        original = resumed.original
    questionnaire = Questionnaire(
        rubric, target, date=date, console=_console(look), session=session, original=original, look=look
    )
    try:
        with hangup_stops(), drawn_as_the_terminal_shows():
            return questionnaire.run()
    except (KeyboardInterrupt, EOFError):
        _say_stopped(questionnaire.saved, target, rubric)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except TerminalClosed as closed:
        # Nobody may be there to read a message; the exit code says which signal stopped it.
        raise typer.Exit(128 + closed.signum) from None
    except SaveError as error:
        how = terminal_command(_resume_command, target, rubric, file_is="that file's name")
        raise usage_error(_save_failed(error, how)) from None


def _run_workshop(
    folder: Path,
    rubric_spec: str | None,
    lang: str | None,
    ending: Ending,
    *,
    in_turn: bool,
    others: tuple[Path | None, Path | None],
) -> None:
    """A workshop in ``folder``: new (created, people named) or continued (its answers files)."""
    date, look = ending.date, ending.look
    from civdata.questionnaire.flow import (
        Questionnaire,
        SaveError,
        TerminalClosed,
        drawn_as_the_terminal_shows,
        hangup_stops,
    )
    from civdata.questionnaire.session import Session
    from civdata.questionnaire.workshop import Workshop, resumed_participants
    from civdata.safe_read import answers_files_in

    if any(option is not None for option in others):
        raise usage_error("--workshop FOLDER names every file itself; leave out -o and --resume")
    if folder.exists() and not folder.is_dir():
        raise usage_error(f"--workshop {folder}: not a folder; give a folder for the participants' answers files")
    existing = answers_files_in(folder).files if folder.is_dir() else []
    loaded = []
    for path, found in guarded(lambda: _load_participants(existing, rubric_spec, lang)):
        if isinstance(found, str):
            say_skipped([(path, found)])
            continue
        rubric, resumed = found
        session = Session.resumed(rubric, resumed.answers, date, upgrade=resumed.upgrade)
        loaded.append((path, (session, resumed.original)))
    created = False
    if not loaded:
        from civdata.inputs import load_rubric_spec

        rubric = guarded(lambda: load_rubric_spec(rubric_spec, lang=lang))
        if not folder.parent.is_dir():
            raise usage_error(f"--workshop {folder}: the folder {folder.parent} does not exist")
        created = not folder.exists()
        from civdata.files import folder_not_writable, writable_folder

        # Said as every command says it ("Permission denied" here alone: the review of the fix).
        needed = folder if folder.is_dir() else folder.parent
        if not writable_folder(needed):
            raise usage_error(folder_not_writable("--workshop", str(folder), needed))
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            raise usage_error(f"cannot write --workshop {folder}: {error.strerror or error}") from None
    lead = Questionnaire(rubric, folder, date=date, console=_console(look), look=look)
    try:
        with hangup_stops(), drawn_as_the_terminal_shows():
            if loaded:
                lead.show(_continuing(folder, [path for path, _ in loaded], in_turn=in_turn))
                workshop = Workshop(lead, resumed_participants(lead, loaded), in_turn=in_turn)
            else:
                workshop = Workshop.start(lead, folder, in_turn=in_turn, date=date)
            answer_sets = workshop.run()
    except (KeyboardInterrupt, EOFError):
        kept = bool(loaded) or _recorded_since(folder, existing)
        _say_workshop_stopped(kept, folder, rubric, created=created, in_turn=in_turn)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except TerminalClosed as closed:
        raise typer.Exit(128 + closed.signum) from None
    except SaveError as error:
        command = _workshop_in_turn_command if in_turn else _workshop_command
        how = terminal_command(command, folder, rubric, file_is="the name of the workshop's folder", stand_in="FOLDER")
        raise usage_error(_save_failed(error, how)) from None
    _finish(rubric, answer_sets, folder, ending, folder=True)


def _save_failed(error: Exception, how: tuple[str, tuple[str, ...]]) -> str:
    """Why the answers could not be saved. A file changed (or made) by something else is not
    written over: the message says what it holds, then gives ``how`` to go on (the command, as
    :func:`civdata.commands.terminal_command` prints it, and its notes): the file's own
    ``--resume``, or the workshop's folder, with the rubric and language given. It said a bare
    ``civdata assess --resume``, which works for no file (the review of assess in a terminal)."""
    from civdata.questionnaire.flow import ChangedOnDisk, MadeMeanwhile

    if not isinstance(error, ChangedOnDisk):
        return f"{error}. The last saved answers are intact"
    command, notes = how
    said = "".join(f" {note}" for note in notes)
    if isinstance(error, MadeMeanwhile):
        return f"{error}. To continue it: {command}.{said} To start afresh, choose another file with -o"
    return f"{error}. Look at the file, then continue it with: {command}" + (f".{said}" if notes else "")


def _continuing(folder: Path, paths: list[Path], *, in_turn: bool) -> str:
    """Which workshop goes on, and how: the files do not say whether it was answered in turn, and
    a workshop of partners taking turns went on as one answer for the room without a word."""
    from civdata.escape import terminal_text

    names = ", ".join(path.name for path in paths)
    how = "each in turn (--in-turn)" if in_turn else "one answer for the group (without --in-turn)"
    return terminal_text(f"Continuing the workshop in {folder}, {how}: {names}", multiline=False)


def _say_stopped(saved: bool, target: Path, rubric: Rubric) -> None:
    err("")
    if saved:
        err(f"Stopped. Your answers so far are saved in {target}.")
        _say_how_to_continue(*terminal_command(_resume_command, target, rubric, file_is="the name of the file above"))
    else:
        err("Stopped before the first answer; nothing was saved.")


def _recorded_since(folder: Path, existing: list[Path]) -> bool:
    """Whether this run wrote a participant's answers file into ``folder``: a new workshop writes
    each participant's file once their name and role are given, so a room stopped before that has
    nothing in the folder to continue."""
    from civdata.safe_read import answers_files_in

    try:
        return bool(set(answers_files_in(folder).files) - set(existing))
    except OSError:
        return False


def _say_workshop_stopped(kept: bool, folder: Path, rubric: Rubric, *, created: bool, in_turn: bool) -> None:
    """What a stopped workshop left: the files to continue and how, or that nothing was saved.

    Saying the answers were saved, and offering to continue, when no participant's file was
    written yet, sent a facilitator back to a folder that asks everything again. An empty folder
    this run made is removed, so nothing is left that looks like a workshop."""
    err("")
    if not kept:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        err(f"Stopped before the first participant was recorded; nothing was saved in {folder}.")
        return
    err(f"Stopped. The answers so far are saved in {folder}.")
    command = _workshop_in_turn_command if in_turn else _workshop_command
    _say_how_to_continue(
        *terminal_command(command, folder, rubric, file_is="the name of the folder above", stand_in="FOLDER")
    )


def _say_how_to_continue(command: str, notes: tuple[str, ...]) -> None:
    err(f"Continue where you stopped with: {command}")
    for note in notes:
        err(note)


def _resume_command(named: str | Path, rubric: Rubric) -> str:
    return civdata_command("assess", "--resume", named, rubric=rubric)


def _workshop_command(named: str | Path, rubric: Rubric) -> str:
    return civdata_command("assess", "--workshop", named, rubric=rubric)


def _workshop_in_turn_command(named: str | Path, rubric: Rubric) -> str:
    """A workshop answered in turn goes on in turn: without ``--in-turn`` the room would give one
    answer for every organisation after the break (an outside review)."""
    return civdata_command("assess", "--workshop", named, "--in-turn", rubric=rubric)


def _finish(
    rubric: Rubric, answer_sets: list[AnswerSet], answers: Path, ending: Ending, *, folder: bool = False
) -> None:
    """The ``--report`` file if asked for, written as ``civdata report -o`` writes it, then the
    last screen: the verdict and the most serious findings, fitting the terminal. ``answers`` is
    the answers file, or a workshop's ``folder``."""
    import shutil

    from civdata.cli.app import write_report
    from civdata.questionnaire.display import final_screen
    from civdata.render.common import ReportMeta
    from civdata.reporting import build_report

    report = build_report(rubric, answer_sets).model
    if ending.format_name is not None:
        # Written first, so that its "Wrote" lines scroll away above the last screen, not under it.
        write_report(ending.format_name, report, ReportMeta(__version__, ending.date), ending.path, ending.target)
    console = _console(ending.look)
    rows = shutil.get_terminal_size((80, 24)).lines
    full = ending.target.given if ending.target is not None and not ending.target.is_stdout else None
    width = max(console.width - 1, 20)
    console.print(final_screen(report, answers, console, rows, width, full_report=full, folder=folder), width=width)
