"""The questionnaire loop: ask, save, move on, until the person finishes the review.

A question takes one key press (two with a note, asked for with Tab; a serious answer or an
"Other" option asks for its note anyway). Help and back leave the pointer and the ticks where the
person left them. The answers file is saved (atomically, owner-only) after every change, so Ctrl-C or a closed
terminal at any moment leaves a valid file that ``civdata assess --resume`` continues. A resumed
file is edited in place (``civdata.answers_editor``), so its comments and layout survive. Scores are
never computed here: which questions apply comes from the session (and so from
``civdata.scoring``), and whether an answer needs a note too (:func:`civdata.questionnaire.session.serious_findings`).
A serious answer is saved before its note is asked, so stopping at the note loses nothing; until
the note is given the session counts the question as still to ask, and the review says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from prompt_toolkit.formatted_text import StyleAndTextTuples
from questionary import Choice, Separator
from rich.console import Console, RenderableType

from civdata.answers_editor import AnswersText
from civdata.answers_writer import dump_answers
from civdata.files import create_private, write_private
from civdata.model import AnswerSet, AnswerValue, Question, QuestionType, Respondent, Rubric
from civdata.questionnaire import display
from civdata.questionnaire.prompts import (
    Action,
    Draft,
    Prompt,
    checkbox_instruction,
    detail_prompt,
    menu_prompt,
    note_prompt,
    number_instruction,
    question_prompt,
    role_prompt,
    select_instruction,
    typed_instruction,
)
from civdata.questionnaire.screen import Look
from civdata.questionnaire.session import Progress, Reviewed, Session, serious_findings
from civdata.scoring import as_reported


class TerminalClosed(Exception):
    """The terminal went away (SIGHUP) or the process was told to stop (SIGTERM). The answers
    saved so far stay as they are."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class SaveError(Exception):
    """The answers file could not be written; the last saved version is still intact."""


class ChangedOnDisk(SaveError):
    """The answers file holds something this session neither read nor wrote (a second session on
    the same file, an editor's save): it is not written over. The message says what the file holds
    then, and nothing more: the command to go on is the caller's, which knows how the session was
    started (a file, a workshop's folder, the rubric and language given)."""

    def __init__(self, path: Path, message: str | None = None) -> None:
        super().__init__(
            message
            or f"{path} was changed by something else since this session last saved it (another civdata assess on "
            "the same file, or an editor): it was not written over, so it holds what was saved there, without the "
            "last change made here"
        )
        self.path = path


class MadeMeanwhile(ChangedOnDisk):
    """A new answers file was made by something else before this session first saved it (a
    second session given the same name, a copy dropped in): it is not written over, and nothing
    of this session is in it. A workshop takes the next free name instead (see
    :meth:`civdata.questionnaire.workshop.Workshop.start`)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"{path} was made by something else after this session started (another civdata assess, or an editor): "
            "it was not written over, and nothing given in this session is in it",
        )


def _digest(path: Path) -> str | None:
    """A digest of what ``path`` holds, or None when nothing (readable) is there."""
    try:
        return _digest_of(path.read_bytes())
    except OSError:
        return None


def _digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@contextlib.contextmanager
def hangup_stops() -> Iterator[None]:
    """Turn SIGHUP and SIGTERM into an exception, so a save in progress removes its temporary
    file instead of the process dying halfway."""
    wanted = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]

    def stop(signum: int, frame: Any) -> None:
        raise TerminalClosed(signum)

    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def drawn_as_the_terminal_shows() -> Iterator[None]:
    """Draw the questions with ASCII stand-ins for the symbols a terminal cannot show (see
    :data:`civdata.files.ASCII_STAND_INS`), as everything else printed is. prompt_toolkit would
    write each as ``?``: in an ASCII-only terminal the key legend read ``?? and Enter to choose ?
    Tab ...`` (the review of the environments)."""
    import sys

    from civdata.files import ASCII_STAND_INS, TextOnlyStdout, shows

    if shows(sys.stdout, "".join(ASCII_STAND_INS)):
        yield
        return
    from prompt_toolkit.application.current import create_app_session
    from prompt_toolkit.output import create_output

    stdout: Any = TextOnlyStdout(sys.stdout)  # a text stream, as prompt_toolkit reads one
    with create_app_session(output=create_output(stdout=stdout)):
        yield


def keys_for(question: Question) -> str:
    """The keys line of a question's prompt, by its type."""
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return checkbox_instruction()
    if question.type.has_options:
        return select_instruction()
    if question.type is QuestionType.NUMBER:
        return number_instruction(question)
    return typed_instruction()


def chose_other(question: Question, value: AnswerValue | None) -> bool:
    """Whether the answer is (or ticks) an "Other" option, whose note says which."""
    chosen = value if isinstance(value, tuple) else (value,)
    return any(option.other for item in chosen if (option := question.option(item)) is not None)


class Questionnaire:
    """Ask one respondent the rubric's questions, saving to ``path`` after every answer."""

    def __init__(
        self,
        rubric: Rubric,
        path: Path,
        *,
        date: str | None,
        console: Console,
        session: Session | None = None,
        original: AnswersText | None = None,
        look: Look | None = None,
        io: dict[str, Any] | None = None,
    ) -> None:
        self.rubric = rubric
        self.path = path
        self.date = date
        self.console = console
        self.session = session
        #: The resumed file's text, which every save edits; None for a new file.
        self.original = original
        self.look = look or Look()
        self.io = io or {}
        #: Whether ``path`` holds the answers so far (a resumed file does before any change). A
        #: new file (no ``original``, or a resumed file's answers saved under another name) is made
        #: by the first save, never over a file that is there by then (:func:`create_private`).
        self.saved = original is not None and path.exists()
        #: What ``path`` held when this session last read or wrote it: a save that finds anything
        #: else there stops rather than write over it. Two sessions on one file, or a note added
        #: in an editor during a break, were written over by the next save without a word (an
        #: outside review of a workshop).
        self._on_disk = _digest(path) if self.saved else None
        self._last_area: str | None = None
        #: Whether the person was told the file is rewritten rather than edited (said once).
        self._said_rewritten = False
        #: Where the pointer and ticks were when help or back left a question.
        self._drafts: dict[str, Draft] = {}
        #: Questions whose help the person asked for: it stays in their header.
        self._helped: set[str] = set()
        #: The answer last shown under each question (see :meth:`mark_replaced`).
        self._echoed: dict[str, AnswerValue | None] = {}

    def show(self, renderable: RenderableType) -> None:
        """Print between prompts, wrapped one column short of the edge (nothing touches it)."""
        self.console.print(renderable, width=max(self.console.width - 1, 20))

    # --- The whole run ------------------------------------------------------------------------

    def run(self) -> AnswerSet:
        """Ask everything, let the person review and edit, and return the final answers."""
        if self.session is None:
            self.show(display.welcome(self.rubric, self.path))
            self.session = self._new_session()
            self.save()
        else:
            self.show(display.resume_summary(self.session, self.path, self.original))
            self.pause()
            if not self.session.initiative or not self.session.respondent.role:
                # A template filled in by hand may leave these blank; the role decides the questions.
                self.session.set_details(*self._ask_details(self.session.initiative, self.session.respondent))
                self.session.restart()
                self.save()
        self.ask_questions()
        self.review()
        self.save()
        return self.session.answer_set()

    def pause(self) -> None:
        """Keep the resume summary on screen until the person has read it."""
        session = self.session
        assert session is not None
        if session.question is not None:
            number, total = session.position()
            title = f"Continue at question {number} of {total}"
        else:
            title = "Continue to the review"
        menu_prompt(display.resume_pause(), [Choice(title, "go")], look=self.look, **self.io).ask()

    def save(self) -> None:
        assert self.session is not None
        answers = self.session.answer_set()
        if self.original is not None:
            edited = self.original.render(answers, self.rubric, file=self.path)
            text = edited.text
            if edited.rewritten and self.original.reason is None and not self._said_rewritten:
                self.show(display.rewritten(edited.rewritten))
                self._said_rewritten = True
        else:
            text = dump_answers(answers, self.rubric, file=self.path)
        if self.saved and _digest(self.path) != self._on_disk:
            raise ChangedOnDisk(self.path)
        try:
            if self.saved:
                write_private(self.path, text)
            else:
                create_private(self.path, text)
        except FileExistsError:
            raise MadeMeanwhile(self.path) from None
        except OSError as error:
            raise SaveError(f"cannot save the answers to {self.path}: {error.strerror or error}") from None
        # What was just written, as write_private writes text (UTF-8): not read back from the disk.
        self._on_disk = _digest_of(text.encode("utf-8"))
        self.saved = True

    # --- Who answers ----------------------------------------------------------------------------

    def _new_session(self) -> Session:
        initiative, respondent = self._ask_details(None, None)
        return Session(self.rubric, initiative, respondent, self.date)

    def ask_initiative(self, initiative: str | None) -> str:
        return detail_prompt(
            "Which initiative are you assessing?",
            initiative,
            required=True,
            instruction="Its name, the same for every respondent",
            look=self.look,
            **self.io,
        ).ask()

    def ask_person(self, respondent: Respondent | None, *, who: str = "Your") -> Respondent | None:
        """Name, organisation and role; with ``who`` other than "Your", an empty name means
        there is nobody more (a workshop's list of participants)."""
        listing = who != "Your"
        name = detail_prompt(
            f"{who} name:",
            respondent.name if respondent else None,
            required=False,
            instruction="Enter alone: nobody more" if listing else "Optional · Enter alone skips",
            look=self.look,
            **self.io,
        ).ask()
        if listing and name is None:
            return None
        organisation = detail_prompt(
            f"{name if listing else 'Your'} organisation:" if not listing else f"{name}'s organisation:",
            respondent.organisation if respondent else None,
            required=False,
            instruction="Optional · Enter alone skips",
            look=self.look,
            **self.io,
        ).ask()
        role = role_prompt(self.rubric.roles, respondent.role if respondent else None, look=self.look, **self.io).ask()
        return Respondent(role=role, name=name, organisation=organisation)

    def _ask_details(self, initiative: str | None, respondent: Respondent | None) -> tuple[str, Respondent]:
        name_of_initiative = self.ask_initiative(initiative)
        person = self.ask_person(respondent)
        assert person is not None
        return name_of_initiative, person

    # --- Questions --------------------------------------------------------------------------------

    def ask_questions(self, *, reviewing: bool = False) -> None:
        """Ask from the current question on. While reviewing, "back" returns to the review list,
        and the loop ends once the follow-ups the edit revealed have been asked."""
        session = self.session
        assert session is not None
        while (question := session.question) is not None:
            prompt = self.question_prompt(session, question)
            reply = prompt.ask()
            if self.left_question(question, prompt, reply):
                if reply is Action.BACK:
                    if reviewing:
                        return
                    if not session.back():
                        self.show(display.first_question())
                continue
            self.record(question.id, None if reply is Action.SKIP else reply)
            if self.ask_note(session, question, wanted=prompt.wants_note) is Action.BACK:
                continue
            self.save()
            self.after_answer(session, question)
            if reviewing:
                if not session.next_revealed():
                    return
            else:
                session.advance()

    def record(self, question_id: str, value: AnswerValue | None) -> None:
        """Answer ``question_id`` and save at once, before any note is asked: stopping at the note
        (Ctrl-C, a closed terminal) keeps the answer, and the session still asks for a needed note.
        A workshop records each participant's answer through their own questionnaire so too."""
        assert self.session is not None
        self.session.set_value(question_id, value)
        self.save()

    def question_prompt(
        self,
        session: Session,
        question: Question,
        *,
        who: str = "",
        dissent: bool = False,
        progress: Progress | None = None,
    ) -> Prompt:
        """The prompt for ``question``, as this respondent left it (help shown, pointer kept).
        Above it, ``progress``: the respondent's own unless given (a workshop gives the room's)."""
        if question.area_id != self._last_area:
            self.show(display.area_banner(self.rubric, question.area_id))
            self._last_area = question.area_id
        default, before = self._default(session, question)
        fragments: StyleAndTextTuples = [*before]
        if who:
            fragments.append(("class:warning", who + "\n"))
        shown = progress if progress is not None else session.progress()
        fragments += display.question_header(question, shown, keys_for(question))
        if question.id in self._helped:
            fragments += [("", "\n"), *display.help_lines(question)]
        return question_prompt(
            question,
            lambda: fragments,
            default,
            look=self.look,
            draft=self._drafts.get(question.id),
            dissent=dissent,
            **self.io,
        )

    def preselect(self, question_id: str, draft: Draft) -> None:
        """Point at (and tick) ``draft``'s answer when the question is next asked, unless the
        person already left it somewhere (a workshop in turn: the previous person's answer)."""
        self._drafts.setdefault(question_id, draft)

    def forget_draft(self, question_id: str) -> None:
        """Drop what was preselected for ``question_id`` (a dissenter who kept the group's answer)."""
        self._drafts.pop(question_id, None)

    def left_question(self, question: Question, prompt: Prompt, reply: Any) -> bool:
        """Whether the person left the question by help or back (its pointer kept for when it is
        asked again); otherwise they answered it, and what was kept for it is dropped."""
        if reply in (Action.HELP, Action.BACK):
            if prompt.left is not None:
                self._drafts[question.id] = prompt.left
            if reply is Action.HELP:
                self._helped.add(question.id)
            return True
        self._drafts.pop(question.id, None)
        self._helped.discard(question.id)
        return False

    def after_answer(self, session: Session, question: Question) -> None:
        """The echo that stays on screen: the answer in full, its note, a warning for a skip."""
        self.echo(question, session.value(question.id), session.note(question.id))

    def echo(self, question: Question, value: AnswerValue | None, note: str | None) -> None:
        """:meth:`after_answer` for an answer given for several people (a workshop's group)."""
        self.show(display.echo(question, value, note))
        self.mark_replaced(question, question.id, value)
        if value is None and question.required:
            self.show(display.skipped_required(question))

    def mark_replaced(self, question: Question, key: str, value: AnswerValue | None) -> None:
        """Under an answer just shown: the other answer it replaces, shown earlier under the same
        ``key`` (the question, or in a workshop in turn the question and the person) and still on
        screen above, where it would otherwise read as current."""
        if key in self._echoed and self._echoed[key] != value:
            self.show(display.replaced(question, self._echoed[key]))
        self._echoed[key] = value

    def _default(self, session: Session, question: Question) -> tuple[AnswerValue | None, StyleAndTextTuples]:
        """The answer to preselect: the current one, else (after an upgrade) the previous answer
        when it still fits, which is shown above the prompt either way."""
        previous = session.previous(question.id)
        if previous is None or session.upgrade is None:
            return session.value(question.id), []
        shown = display.previously(question, previous, session.upgrade)
        current = session.value(question.id)
        return (current if current is not None else previous.value), [("class:marker", shown.plain + "\n")]

    def ask_note(self, session: Session, question: Question, *, wanted: bool) -> Action | None:
        """Ask for a note when the person pressed Tab, or when the answer needs one (the caller
        saves it)."""
        value = session.value(question.id)
        reply = self.note_for(question, value, session.note(question.id), wanted=wanted, answers=session.answer_set())
        if isinstance(reply, Action):
            return Action.BACK
        session.set_note(question.id, reply)
        return None

    def note_for(
        self, question: Question, value: AnswerValue | None, note: str | None, *, wanted: bool, answers: AnswerSet
    ) -> str | Action | None:
        """The note for ``value``: asked (``note`` as its start) when the person pressed Tab, or
        when the answer needs one; else ``note`` as it is. ``Action.BACK`` when they went back.
        Above a needed note, the findings that make it needed as the report on ``answers`` (with
        ``value``) shows them: a rule's finding where one replaces the answer's own."""
        serious = serious_findings(question, value)
        other = chose_other(question, value)
        if not (wanted or serious or other):
            return note
        above = []
        if serious:
            assert value is not None
            above = display.note_needed(as_reported(self.rubric, answers, question, value, serious))
        reply = note_prompt(note, required=bool(serious), other=other, look=self.look, above=above, **self.io).ask()
        return reply if reply is Action.BACK or reply is None else str(reply)

    def ask_reason(self, label: str) -> str | None:
        """Why someone disagrees with the group (a workshop), for their note."""
        return detail_prompt(
            f"Why does {label} see it differently?",
            None,
            required=False,
            instruction="For the report · Enter alone: no reason given",
            look=self.look,
            **self.io,
        ).ask()

    # --- Review -------------------------------------------------------------------------------------

    def review(self) -> None:
        """Show every answer; the person edits any of them, or finishes (see :meth:`review_loop`)."""
        session = self.session
        assert session is not None
        self.review_loop(session, lambda width: display.review_choices(session, width), self._change)

    def review_loop(
        self,
        view: Reviewed,
        rows: Callable[[int], list[Choice | Separator]],
        change: Callable[[Any], None],
        *,
        rows_above: int = 2,
    ) -> None:
        """The review, for one respondent or a workshop's room: every answer on one list (``rows``,
        for a width), ``change`` asking the chosen one again, until the person finishes. After an
        edit the pointer is back on Finish, where most people go next."""
        while True:
            reply = menu_prompt(
                "Choose an answer to change it, or finish:",
                rows(self.console.width - 6),
                display.FINISH,
                look=self.look,
                header=lambda: [("", "\n"), *display.review_header(view, rows_above=rows_above)],
                **self.io,
            ).ask()
            if reply == display.FINISH:
                if self._confirm_finish(view):
                    return
                continue
            self._last_area = None
            change(reply)

    def _change(self, reply: Any) -> None:
        """One respondent's review: change who answers, or an answer (and ask what it reveals)."""
        session = self.session
        assert session is not None
        if reply == display.DETAILS:
            initiative, respondent = self._ask_details(session.initiative, session.respondent)
            session.set_details(initiative, respondent)
            self.save()
            if session.next_revealed():
                self.ask_questions(reviewing=True)
            return
        session.edit(reply)
        self.ask_questions(reviewing=True)

    def _confirm_finish(self, view: Reviewed) -> bool:
        """Finish at once when nothing is missing; else say what is (required questions
        unanswered, serious answers without their note) and let the person go back to it."""
        missing, without_note = view.unanswered_required(), view.missing_notes()
        if not missing and not without_note:
            return True
        choices = [Choice("Go back to the review", "review"), Choice("Finish anyway", "finish")]
        if missing:
            self.show(display.missing_required(missing))
        if without_note:
            self.show(display.missing_notes(without_note, resuming=False))
        reply = menu_prompt(display.finish_anyway(missing, without_note), choices, "review", look=self.look, **self.io)
        return bool(reply.ask() == "finish")
