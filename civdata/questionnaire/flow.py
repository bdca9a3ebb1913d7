"""The questionnaire loop: ask, save, move on, until the person finishes the review.

The answers file is saved (atomically, owner-only) after every change, so Ctrl-C or a closed
terminal at any moment leaves a valid file that ``civdata assess --resume`` continues. A resumed
file is edited in place (``civdata.answers_editor``), so its comments and layout survive. Scores are
never computed here: which questions apply comes from the session (and so from
``civdata.scoring``), and whether an answer needs a note from ``civdata.scoring.answer_findings``.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from questionary import Choice
from rich.console import Console
from rich.text import Text

from civdata.answers_editor import AnswersText
from civdata.answers_writer import dump_answers
from civdata.files import write_private
from civdata.model import AnswerSet, AnswerValue, Question, Respondent, Rubric, Severity
from civdata.questionnaire import display
from civdata.questionnaire.prompts import (
    Action,
    detail_prompt,
    menu_prompt,
    note_prompt,
    question_prompt,
    role_prompt,
)
from civdata.questionnaire.session import Session
from civdata.scoring import answer_findings

#: Findings this severe make the questionnaire ask for a note.
NOTE_NEEDED_AT = Severity.HIGH


class TerminalClosed(Exception):
    """The terminal went away (SIGHUP) or the process was told to stop (SIGTERM). The answers
    saved so far stay as they are."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class SaveError(Exception):
    """The answers file could not be written; the last saved version is still intact."""


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
        io: dict[str, Any] | None = None,
    ) -> None:
        self.rubric = rubric
        self.path = path
        self.date = date
        self.console = console
        self.session = session
        #: The resumed file's text, which every save edits; None for a new file.
        self.original = original
        self.io = io or {}
        #: Whether ``path`` holds the answers so far (a resumed file does before any change).
        self.saved = path.exists()
        self._last_area: str | None = None
        #: Whether the person was told the file is rewritten rather than edited (said once).
        self._said_rewritten = False

    # --- The whole run ------------------------------------------------------------------------

    def run(self) -> AnswerSet:
        """Ask everything, let the person review and edit, and return the final answers."""
        if self.session is None:
            self.console.print(display.welcome(self.rubric, self.path))
            self.session = self._new_session()
            self.save()
        else:
            self.console.print(display.resume_summary(self.session, self.path, self.original))
            if not self.session.initiative or not self.session.respondent.role:
                # A template filled in by hand may leave these blank; the role decides the questions.
                self.session.set_details(*self._ask_details(self.session.initiative, self.session.respondent))
                self.session.restart()
                self.save()
        self.ask_questions()
        self.review()
        self.save()
        return self.session.answer_set()

    def save(self) -> None:
        assert self.session is not None
        answers = self.session.answer_set()
        if self.original is not None:
            edited = self.original.render(answers, self.rubric)
            text = edited.text
            if edited.rewritten and self.original.reason is None and not self._said_rewritten:
                self.console.print(display.rewritten(edited.rewritten))
                self._said_rewritten = True
        else:
            text = dump_answers(answers, self.rubric)
        try:
            write_private(self.path, text)
        except OSError as error:
            raise SaveError(f"cannot save the answers to {self.path}: {error.strerror or error}") from None
        self.saved = True

    # --- Who answers ----------------------------------------------------------------------------

    def _new_session(self) -> Session:
        initiative, respondent = self._ask_details(None, None)
        return Session(self.rubric, initiative, respondent, self.date)

    def _ask_details(self, initiative: str | None, respondent: Respondent | None) -> tuple[str, Respondent]:
        name_of_initiative = detail_prompt(
            "Which initiative are you assessing?",
            initiative,
            required=True,
            instruction="(its name, the same for every respondent)",
            **self.io,
        ).ask()
        name = detail_prompt(
            "Your name:",
            respondent.name if respondent else None,
            required=False,
            instruction="(optional · Enter alone skips)",
            **self.io,
        ).ask()
        organisation = detail_prompt(
            "Your organisation:",
            respondent.organisation if respondent else None,
            required=False,
            instruction="(optional · Enter alone skips)",
            **self.io,
        ).ask()
        role = role_prompt(self.rubric.roles, respondent.role if respondent else None, **self.io).ask()
        return name_of_initiative, Respondent(role=role, name=name, organisation=organisation)

    # --- Questions --------------------------------------------------------------------------------

    def ask_questions(self, *, reviewing: bool = False) -> None:
        """Ask from the current question on. While reviewing, "back" returns to the review list,
        and the loop ends once the follow-ups the edit revealed have been asked."""
        session = self.session
        assert session is not None
        while (question := session.question) is not None:
            self._show_header(question)
            reply = question_prompt(
                question, display.prompt_message(question, self.console.width), self._default(question), **self.io
            ).ask()
            if reply is Action.HELP:
                self.console.print(display.help_text(question))
                continue
            if reply is Action.BACK:
                if reviewing:
                    return
                if not session.back():
                    self.console.print(Text("This is the first question.", style="yellow"))
                continue
            value = None if reply is Action.SKIP else reply
            session.set_value(question.id, value)
            self.save()
            if value is None and question.required:
                self.console.print(display.skipped_required())
            if self._ask_note(question) is Action.BACK:
                continue
            if reviewing:
                if not session.next_revealed():
                    return
            else:
                session.advance()

    def _default(self, question: Question) -> AnswerValue | None:
        """The answer to preselect: the current one, else (after an upgrade) the previous answer
        when it still fits, which is shown above the prompt either way."""
        session = self.session
        assert session is not None
        previous = session.previous(question.id)
        if previous is None or session.upgrade is None:
            return session.value(question.id)
        self.console.print(display.previously(question, previous, session.upgrade))
        current = session.value(question.id)
        return current if current is not None else previous.value

    def _ask_note(self, question: Question) -> Action | None:
        session = self.session
        assert session is not None
        value = session.value(question.id)
        serious = [
            finding
            for finding in (answer_findings(question, value) if value is not None else ())
            if finding.severity.rank >= NOTE_NEEDED_AT.rank
        ]
        if serious:
            self.console.print(display.note_needed(serious))
        chosen = value if isinstance(value, tuple) else (value,)
        other = any(option.other for item in chosen if (option := question.option(item)) is not None)
        reply = note_prompt(session.note(question.id), required=bool(serious), other=other, **self.io).ask()
        if reply is Action.BACK:
            return Action.BACK
        session.set_note(question.id, reply)
        self.save()
        return None

    def _show_header(self, question: Question) -> None:
        session = self.session
        assert session is not None
        if question.area_id != self._last_area:
            self.console.print(display.area_banner(self.rubric, question.area_id))
            self._last_area = question.area_id
        number, total = session.position()
        answered = sum(1 for q in session.applicable() if session.value(q.id) is not None)
        self.console.print(display.question_header(question, number, total, answered))

    # --- Review -------------------------------------------------------------------------------------

    def review(self) -> None:
        """Show every answer; the person edits any of them, or finishes."""
        session = self.session
        assert session is not None
        pointer: Any = display.FINISH
        while True:
            self.console.print(display.review_intro(session))
            choices = display.review_choices(session, self.console.width - 4)
            reply = menu_prompt("Choose an answer to change it, or finish:", choices, pointer, **self.io).ask()
            pointer = reply
            if reply == display.FINISH:
                if self._confirm_finish():
                    return
                continue
            if reply == display.DETAILS:
                initiative, respondent = self._ask_details(session.initiative, session.respondent)
                session.set_details(initiative, respondent)
                self.save()
                if session.next_revealed():
                    self.ask_questions(reviewing=True)
                continue
            self._last_area = None
            session.edit(reply)
            self.ask_questions(reviewing=True)
            if reply not in {q.id for q in session.applicable()}:
                pointer = display.FINISH

    def _confirm_finish(self) -> bool:
        session = self.session
        assert session is not None
        missing = session.unanswered_required()
        if not missing:
            return True
        choices = [Choice("Go back to the review", "review"), Choice("Finish anyway", "finish")]
        self.console.print(display.missing_required(missing))
        reply = menu_prompt("Finish with required questions unanswered?", choices, "review", **self.io).ask()
        return bool(reply == "finish")
