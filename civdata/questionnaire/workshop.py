"""A workshop: a facilitator records the answers of several people in a room, question by question.

Each participant (a person, or a group answering as one) has an ordinary answers file in the
workshop's folder, so ``civdata report FOLDER/`` combines them like files answered separately:
where they differ, the combined report shows the disagreement (alignment findings, who answered
what). Two ways to record:

* **consensus** (the default): the room agrees one answer, recorded for everyone it applies to.
  Pressing ``!`` instead of Enter records that someone disagrees: the facilitator ticks who, and
  gives each their own answer, saved in their file with a note saying they disagreed with the
  group's answer and why;
* **in turn**: each participant answers each question, the previous person's answer preselected,
  so agreeing takes one key press.

Going back (``<``) goes back for the whole room: to the previous round's question, for everyone it
applies to who is past it, so a question is always decided by everyone it applies to, never by
whoever happened to be left at it. A disagreement recorded at a question is shown when the room
comes back to it. It stands while the group's answer does (walking forward again with Enter
keeps it); once the group's answer changes, Enter means the room agrees on the new answer, so the
note saying someone disagreed with the old one goes (``!`` records who disagrees now).

The group's own answer given as someone's "own answer" is not a disagreement: it is refused, and
back leaves them agreeing, so the room's note stays in their file. After the last round, the room
has single mode's review (:meth:`civdata.questionnaire.flow.Questionnaire.review_loop`, over a
:class:`Room`): a chosen question is a round again, for everyone it applies to, followed by the
follow-ups the new answer reveals; a workshop folder continued after it finished opens there.

Each participant walks the rubric by their own role and answers (a :class:`Session` each): a
question is asked of those whose walk is at it, in rubric order, so a follow-up one person's
answer reveals is asked of that person only. The progress above each question is the room's
(:meth:`Room.progress`), whoever's turn it is: the figures of whoever gives the group's answer
would jump between people's counts as questions for one role follow another. Nothing here
scores: the summary at the end is the combined report's, built by ``civdata.reporting``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from questionary import Choice

from civdata.combine import respondent_labels
from civdata.escape import is_invisible
from civdata.model import Answer, AnswerSet, AnswerValue, Question, Rubric
from civdata.questionnaire import display
from civdata.questionnaire.flow import MadeMeanwhile, Questionnaire, TerminalClosed
from civdata.questionnaire.prompts import Action, Draft, pick_prompt
from civdata.questionnaire.session import Progress, Session, progress_at
from civdata.scoring import answer_text


@dataclass
class Participant:
    """One voice in the room: their questionnaire (session, file, save after every change)."""

    questionnaire: Questionnaire
    #: How every screen of the workshop names them: the label ``civdata report`` gives them,
    #: escaped for one line (set by :func:`label_room`).
    label: str = ""

    @property
    def session(self) -> Session:
        assert self.questionnaire.session is not None
        return self.questionnaire.session


def in_folder_order(participants: list[Participant]) -> list[Participant]:
    """The participants in the order of their files' names: the order ``civdata report FOLDER``
    and a continued workshop read them in (:func:`civdata.safe_read.answers_files_in`), so a new
    workshop asks, labels and reports everyone in the same order as it will once continued."""
    from civdata.safe_read import name_order

    return sorted(participants, key=lambda participant: name_order(participant.questionnaire.path.name))


def label_room(rubric: Rubric, participants: list[Participant]) -> None:
    """Name each participant as the report will (:func:`civdata.combine.respondent_labels`, in
    the folder's order): two people called Ana are ``Ana`` and ``Ana (2)`` on the screen and in
    the report alike, each the same person in both."""
    ordered = in_folder_order(participants)
    labels = respondent_labels(rubric, [participant.session.respondent for participant in ordered], anonymize=False)
    for participant, label in zip(ordered, labels, strict=True):
        participant.label = display.one_line(label)


class Room:
    """The room as the review sees it (a :class:`civdata.questionnaire.session.Reviewed`): every
    question that applies to someone, with the group's answer, which is the answer of those it
    applies to who did not disagree; a question is missing an answer, or a needed note, when it is
    for anyone it applies to. Who each question applies to is worked out once per change of the
    answers (:meth:`refresh`), not on every redraw of the list."""

    def __init__(self, rubric: Rubric, participants: list[Participant]) -> None:
        self.rubric = rubric
        self.participants = participants
        self._answering: dict[str, list[Participant]] = {}
        label_room(rubric, participants)
        self.refresh()

    def refresh(self) -> None:
        """Work out again who each question applies to (after the room changed an answer)."""
        applying = [{question.id for question in person.session.applicable()} for person in self.participants]
        self._answering = {
            question.id: [person for person, ids in zip(self.participants, applying, strict=True) if question.id in ids]
            for question in self.rubric.questions
        }

    def applicable(self) -> list[Question]:
        return [question for question in self.rubric.questions if self._answering[question.id]]

    def answering(self, question_id: str) -> list[Participant]:
        """Those ``question_id`` applies to."""
        return self._answering.get(question_id, [])

    def _group(self, question_id: str) -> Session | None:
        people = self.answering(question_id)
        agreeing = [person for person in people if not is_dissent_note(person.session.note(question_id))]
        chosen = (agreeing or people)[:1]
        return chosen[0].session if chosen else None

    def value(self, question_id: str) -> AnswerValue | None:
        group = self._group(question_id)
        return group.value(question_id) if group is not None else None

    def note(self, question_id: str) -> str | None:
        group = self._group(question_id)
        return group.note(question_id) if group is not None else None

    def needs_note(self, question_id: str) -> bool:
        return any(person.session.needs_note(question_id) for person in self.answering(question_id))

    def unanswered_required(self) -> list[Question]:
        return [
            question
            for question in self.applicable()
            if question.required
            and any(person.session.value(question.id) is None for person in self.answering(question.id))
        ]

    def missing_notes(self) -> list[Question]:
        return [question for question in self.applicable() if self.needs_note(question.id)]

    def progress(self, question: Question) -> Progress:
        """The room's figures above ``question``, the same whoever's turn it is: of the questions
        that apply to someone in the room or may still follow for someone, those the room has
        answered, that is, answered by everyone they apply to (the review, too, counts a question
        unanswered when it is for anyone), so a question asked in turn counts once the last person
        has answered it. Not the figures of whoever gives the group's answer: their questions
        differ by role, so the line would jump between people's counts."""
        possible: set[str] = set()
        applying: set[str] = set()
        unanswered: set[str] = set()
        for person in self.participants:
            session = person.session
            possible.update(candidate.id for candidate in session.may_apply())
            for asked in session.applicable():
                applying.add(asked.id)
                if session.value(asked.id) is None:
                    unanswered.add(asked.id)
        in_all = [candidate for candidate in self.rubric.questions if candidate.id in possible]
        return progress_at(self.rubric, in_all, applying - unanswered, question)

    def aside(self, question: Question) -> str:
        """After the group's answer in the review: who answered otherwise, and what."""
        group = self.value(question.id)
        return "".join(
            display.differing(person.label, question, value)
            for person in self.answering(question.id)
            if (value := person.session.value(question.id)) != group
        )


#: The most characters of a name a file name keeps (at most 160 bytes in UTF-8, well under the
#: 255 every file system allows, with room for ``-2`` and ``.yaml``).
STEM_LENGTH = 40
#: Names Windows reserves for devices whatever their ending (``con.yaml`` cannot be created there).
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))})


def name_stem(name: str) -> str:
    """A person's name as the stem of their file's name, findable by that name months later and
    safe on every file system and in a shell: ``Aïcha Benali-Ñúñez`` → ``aicha-benali-nunez``,
    ``محمد الأحمد`` → ``محمد-الأحمد``. Letters and digits of any script are kept, in lower case and
    NFC (macOS compares names so); an accent on a Latin letter is stripped (NFKD), a mark another
    script is spelled with stays. Everything else (spaces, punctuation, ``/``, ``\\``, dots,
    control and bidi characters, letters that draw nothing: :func:`civdata.escape.is_invisible`)
    becomes one ``-``, never first or last, so no name starts with a dot or a dash. Empty when the
    name has no letter or digit."""
    kept: list[str] = []
    for character in unicodedata.normalize("NFKD", name.lower()):
        category = unicodedata.category(character)
        if is_invisible(character) or unicodedata.name(character, "").startswith("VARIATION SELECTOR"):
            kept.append("-")
        elif category.startswith("M"):
            if kept and not kept[-1].isascii():  # on a Latin letter it is an accent: it goes
                kept.append(character)
        elif category.startswith("L") or category == "Nd":
            kept.append(character)
        else:
            kept.append("-")
    stem = re.sub("-+", "-", unicodedata.normalize("NFC", "".join(kept))).strip("-")
    stem = stem[:STEM_LENGTH].rstrip("-")
    return f"{stem}-participant" if stem in WINDOWS_DEVICES else stem


def file_name(name: str, taken: set[str]) -> str:
    """``Ada Lovelace`` → ``ada-lovelace.yaml`` (see :func:`name_stem`; ``participant.yaml`` for a
    name with no letter), unique in the folder: ``taken`` holds the names there, case-folded, as
    Windows and macOS compare them (``Ana`` and ``ANA`` are ``ana.yaml``, ``ana-2.yaml``). The one
    place a file name is made from a person's name."""
    stem = name_stem(name) or "participant"
    candidate, number = f"{stem}.yaml", 2
    while candidate.casefold() in taken:
        candidate, number = f"{stem}-{number}.yaml", number + 1
    taken.add(candidate.casefold())
    return candidate


def _first_save(lead: Questionnaire, questionnaire: Questionnaire, name: str, taken: set[str]) -> None:
    """Make the participant's file, under the next free name (:func:`file_name`) when something
    made theirs since the folder was looked at (another facilitator on the same folder who named an
    Ana too, a late arrival's file dropped in), and say so: that file is left as it is. The names
    were taken from one listing at the start, and a file that appeared since was written over."""
    wanted = questionnaire.path
    while True:
        try:
            questionnaire.save()  # made afresh, never over a file (Questionnaire.save)
            break
        except MadeMeanwhile:
            questionnaire.path = questionnaire.path.with_name(file_name(name, taken))
    if questionnaire.path != wanted:
        lead.show(display.name_taken(wanted, questionnaire.path, name))


class Workshop:
    """Rounds of questions for everyone in the room, saved to one answers file each."""

    def __init__(self, lead: Questionnaire, participants: list[Participant], *, in_turn: bool) -> None:
        #: The facilitator's screen: styles, prompts, what was last shown.
        self.lead = lead
        self.participants = participants
        self.in_turn = in_turn
        self.order = lead.rubric.asking_order
        #: Whether the room is changing an answer chosen in the review (then a round ends at the
        #: follow-ups the change revealed, and back returns to the review list).
        self.reviewing = False
        #: The room as the review shows it, once the rounds are done.
        self.room = Room(lead.rubric, participants)

    @classmethod
    def start(cls, lead: Questionnaire, folder: Path, *, in_turn: bool, date: str | None) -> Workshop:
        """A new workshop: the initiative, then everyone in the room, each with a file in ``folder``."""
        lead.show(display.workshop_welcome(lead.rubric, folder, in_turn=in_turn))
        initiative = lead.ask_initiative(None)
        participants: list[Participant] = []
        taken = {entry.name.casefold() for entry in folder.iterdir()}  # its rubric or plan stays as it is
        while True:
            person = lead.ask_person(None, who=f"Participant {len(participants) + 1}:")
            if person is None:
                if participants:
                    break
                lead.show(display.nobody_yet())
                continue
            path = folder / file_name(person.name or "participant", taken)
            session = Session(lead.rubric, initiative, person, date)
            questionnaire = Questionnaire(
                lead.rubric, path, date=date, console=lead.console, session=session, look=lead.look, io=lead.io
            )
            _first_save(lead, questionnaire, person.name or "participant", taken)
            participants.append(Participant(questionnaire))
        return cls(lead, in_folder_order(participants), in_turn=in_turn)

    def run(self) -> list[AnswerSet]:
        """Every round, then the review (single mode's, for the room) until the room finishes."""
        self._rounds()
        room = self.room
        room.refresh()
        self.lead.review_loop(
            room, lambda width: display.room_review_choices(room, width, room.aside), self._change, rows_above=1
        )
        return [participant.session.answer_set() for participant in self.participants]

    def _rounds(self) -> None:
        while (here := self._next_round()) is not None:
            question, people = here
            progress = self.room.progress(question)  # once a round: the same on every turn in it
            if self.in_turn:
                self._in_turn(question, people, progress)
            else:
                self._consensus(question, people, progress)

    def _change(self, question_id: str) -> None:
        """The room changes an answer chosen in the review: the question is asked again of
        everyone it applies to, then the follow-ups the new answer reveals."""
        for participant in self.room.answering(question_id):
            participant.session.edit(question_id)
        self.reviewing = True
        try:
            self._rounds()
        finally:
            self.reviewing = False
            self.room.refresh()

    def _move_on(self, people: list[Participant]) -> None:
        """After a round: on to the next question; in the review, to a follow-up the change revealed."""
        for participant in people:
            if self.reviewing:
                participant.session.next_revealed()
            else:
                participant.session.advance()

    def _next_round(self) -> tuple[Question, list[Participant]] | None:
        """The earliest question any participant's walk is at, and everyone at it."""
        waiting = [participant for participant in self.participants if participant.session.question is not None]
        if not waiting:
            return None
        first = min(waiting, key=lambda participant: self.order[participant.session.current or ""])
        question = first.session.question
        assert question is not None
        return question, [participant for participant in waiting if participant.session.current == question.id]

    def _back(self, people: list[Participant]) -> None:
        """Back to the previous round's question (the latest that applies to someone at this
        one), for everyone in the room it applies to who is past it; in the review, back to its list."""
        if self.reviewing:
            for participant in self.participants:
                participant.session.stop_editing()
            return
        earlier = [question for participant in people if (question := participant.session.earlier()) is not None]
        if not earlier:
            self.lead.show(display.first_question())
            return
        target = max(earlier, key=lambda question: self.order[question.id])
        for participant in self.participants:
            participant.session.return_to(target.id)

    # --- Consensus ------------------------------------------------------------------------------

    def _consensus(self, question: Question, people: list[Participant], progress: Progress) -> None:
        lead = self.lead
        standing = [participant for participant in people if is_dissent_note(participant.session.note(question.id))]
        agreeing = [participant for participant in people if participant not in standing]
        group = (agreeing or people)[0]  # whose answer is the group's: its note is not a dissent
        names = ", ".join(participant.label for participant in people)
        can_dissent = len(people) > 1  # "!" is a key only where someone could disagree with someone
        who = f"The group's answer, for {names}" + (" · ! instead of Enter: someone disagrees" if can_dissent else "")
        for participant in standing:
            session = participant.session
            who += "\n" + display.standing_dissent(
                participant.label, question, session.value(question.id), session.note(question.id)
            )
        if standing:
            who += "\n" + display.standing_keys(dissent=can_dissent)
        for participant in self.participants:  # the room's answer, when only some are asked again
            value = participant.session.value(question.id) if participant not in people else None
            if value is not None and participant.session.statuses()[question.id].applies:
                who += "\n" + display.answered_before(participant.label, question, value)
        prompt = lead.question_prompt(group.session, question, who=who, dissent=can_dissent, progress=progress)
        reply = prompt.ask()
        if lead.left_question(question, prompt, reply):
            if reply is Action.BACK:
                self._back(people)
            return
        value = None if reply is Action.SKIP else reply
        unchanged = bool(agreeing) and value == group.session.value(question.id)
        kept = standing if unchanged and not prompt.dissent else []
        before = {id(participant): participant.session.value(question.id) for participant in standing}
        group_note = None if is_dissent_note(group.session.note(question.id)) else group.session.note(question.id)
        # The group's answer is saved before its note is asked, as a single run's is: all but a
        # disagreement that stands, and, after "!", those who disagreed before (ticked again or not).
        taking = [person for person in people if person not in kept and not (prompt.dissent and person in standing)]
        previous = {
            id(person): Answer(person.session.value(question.id), person.session.note(question.id)) for person in taking
        }
        for participant in taking:
            _agree(participant, question, value, group_note)
        # Whose other answers a rule reads, for how the report shows the answer's findings: the
        # first who take the group's answer (a disagreement that stands keeps its own).
        answers = (taking or [group])[0].session.answer_set()
        ticked: list[Participant] | None = None
        try:
            note = lead.note_for(question, value, group_note, wanted=prompt.wants_note, answers=answers)
            if isinstance(note, Action):
                return  # back from the note: the answer is kept (as in a single run), the question asked again
            for participant in taking:
                _agree(participant, question, value, note)
            ticked = self._dissenters(people, standing) if prompt.dissent else []
            dissenters = [
                participant
                for participant in ticked
                if self._own_answer(question, participant, value, before.get(id(participant)), progress)
            ]
        except (KeyboardInterrupt, EOFError, TerminalClosed) as stopped:
            if prompt.dissent:
                # Before anyone was ticked, any of them may have been about to disagree. A closed
                # terminal (SIGHUP) or a shut-down laptop (SIGTERM) stops a workshop as Ctrl-C does:
                # the room's answer kept for someone ticked as disagreeing was the opposite of
                # theirs (an outside review); nobody may be there to read the screen then.
                unsettled = taking if ticked is None else ticked
                self._unsettled(question, unsettled, previous, say=not isinstance(stopped, TerminalClosed))
            raise
        for participant in standing:
            if prompt.dissent and participant not in dissenters:
                _agree(participant, question, value, note)
        self._move_on(people)
        lead.echo(question, value, note)
        self._say_dissent(question, people, standing, [*kept, *dissenters])

    def _say_dissent(
        self, question: Question, people: list[Participant], standing: list[Participant], disagree: list[Participant]
    ) -> None:
        """Under the group's answer: who disagrees with it, and who no longer does."""
        for participant in people:
            if participant in disagree:
                value = participant.session.value(question.id)
                self.lead.show(display.dissent_echo(participant.label, question, value))
            elif participant in standing:
                self.lead.show(display.dissent_withdrawn(participant.label))

    def _unsettled(
        self, question: Question, unsettled: list[Participant], previous: dict[int, Answer], *, say: bool
    ) -> None:
        """Stopped (Ctrl-C, end of input, a closed terminal) after "!" and before each disagreement
        was recorded: the group's answer, saved for everyone to keep it as a single run keeps an
        answer, would stand for those about to disagree, and their disagreement would be lost
        without a word. Each of ``unsettled`` (those ticked as disagreeing, or everyone who took
        the group's answer when nobody was ticked yet) whose own answer is not recorded gets back
        the answer and note they had, and the question is asked again of them when the workshop
        continues. With ``say``, the screen says so, and names whose own answer is recorded without
        the reason they were being asked for: the question is not asked of them again."""
        asked_again, unexplained = [], []
        for participant in unsettled:
            note = participant.session.note(question.id)
            if id(participant) not in previous:
                continue  # a disagreement that stood before
            if is_dissent_note(note):
                if without_reason(note):
                    unexplained.append(participant.label)  # their own answer, saved before why
                continue
            answer = previous[id(participant)]
            _agree(participant, question, answer.value, answer.note)
            asked_again.append(participant.label)
        if say:
            self.lead.show(display.dissent_unsettled(question, asked_again, unexplained))

    def _dissenters(self, people: list[Participant], standing: list[Participant]) -> list[Participant]:
        """Who disagrees, ticked by the facilitator; those recorded as disagreeing before are ticked."""
        choices = [
            Choice(participant.label, index, checked=participant in standing)
            for index, participant in enumerate(people)
        ]
        picked = pick_prompt("Who disagrees with the group's answer?", choices, look=self.lead.look, **self.lead.io)
        return [people[index] for index in picked.ask()]

    def _own_answer(
        self,
        question: Question,
        participant: Participant,
        group: AnswerValue | None,
        before: AnswerValue | None,
        progress: Progress,
    ) -> bool:
        """A dissenter's own answer (their answer when they disagreed before, else the group's,
        preselected), and why, with the group's answer recorded in their note. The group's own
        answer is not a disagreement: it is refused, saying so, and back (``<``) leaves them
        agreeing, with the group's answer and the room's note. Whether they disagree."""
        lead = self.lead
        if before is not None:
            lead.preselect(question.id, _draft_of(before))
        who = f"{participant.label}'s own answer (disagrees with the group)"
        while True:
            prompt = lead.question_prompt(participant.session, question, who=who, progress=progress)
            reply = prompt.ask()
            if reply is Action.BACK:
                lead.forget_draft(question.id)
                return False  # keeps the group's answer for them
            if lead.left_question(question, prompt, reply):
                continue
            value = None if reply is Action.SKIP else reply
            if value != group:
                break
            who = display.same_as_group(participant.label, question, group)
        # Kept as the words are, on one line: the note is saved to a file, which escapes what it
        # must (civdata.answers_writer); escaped for a terminal here, "Std::Yes" was saved as
        # "Std:\x3aYes" (a review of this session's changes).
        said = " ".join((answer_text(question, group) if group is not None else "no answer").split())
        # Their answer is saved before the reason is asked, already marked as a disagreement, so
        # stopping there keeps both and a continued workshop still shows who disagreed.
        participant.session.set_note(question.id, dissent_note(said, None))
        participant.questionnaire.record(question.id, value)
        participant.session.set_note(question.id, dissent_note(said, lead.ask_reason(participant.label)))
        participant.questionnaire.save()
        return True

    # --- In turn --------------------------------------------------------------------------------

    def _in_turn(self, question: Question, people: list[Participant], progress: Progress) -> None:
        lead = self.lead
        previous: AnswerValue | None = None
        index = 0
        while index < len(people):
            participant = people[index]
            session = participant.session
            who = f"{participant.label} answers ({index + 1} of {len(people)})"
            if previous is not None and session.value(question.id) is None:
                lead.preselect(question.id, _draft_of(previous))
            prompt = lead.question_prompt(session, question, who=who, progress=progress)
            reply = prompt.ask()
            if lead.left_question(question, prompt, reply):
                if reply is Action.BACK:
                    if index == 0:
                        self._back(people)
                        return
                    index -= 1
                continue
            participant.questionnaire.record(question.id, None if reply is Action.SKIP else reply)
            if lead.ask_note(session, question, wanted=prompt.wants_note) is Action.BACK:
                continue
            participant.questionnaire.save()
            lead.show(display.dissent_echo(participant.label, question, session.value(question.id), agreed=True))
            lead.mark_replaced(question, f"{question.id} {participant.label}", session.value(question.id))
            previous = session.value(question.id)
            index += 1
        self._move_on(people)


#: How the note of someone who disagreed with the group's answer begins (then the group's
#: answer, in brackets, and why): the one mark by which a disagreement is known again, in a
#: workshop resumed from its files too.
DISSENT_NOTE = "Disagreed with the group's answer"


def dissent_note(group_said: str, reason: str | None) -> str:
    """The note of someone who disagreed with the group's answer (``group_said``), and why."""
    return f"{DISSENT_NOTE} ({group_said})" + (f": {reason}" if reason else ".")


def is_dissent_note(note: str | None) -> bool:
    """Whether a note records a disagreement with the group's answer (see :func:`dissent_note`)."""
    return note is not None and note.startswith(f"{DISSENT_NOTE} (")


def without_reason(note: str | None) -> bool:
    """Whether a disagreement's note says no reason (:func:`dissent_note` with none)."""
    return is_dissent_note(note) and note is not None and note.endswith(").")


def _agree(participant: Participant, question: Question, value: AnswerValue | None, note: str | None) -> None:
    """Record the group's answer and note for ``participant`` and save their file at once (see
    :meth:`civdata.questionnaire.flow.Questionnaire.record`); a note saying they disagreed goes."""
    participant.session.set_note(question.id, note)
    participant.questionnaire.record(question.id, value)


def _draft_of(value: AnswerValue) -> Draft:
    """The previous person's answer, preselected for the next (for a list: the pointer, the ticks)."""
    if isinstance(value, tuple):
        return Draft(None, value)
    return Draft(value, ())


def resumed_participants(lead: Questionnaire, loaded: list[tuple[Path, Any]]) -> list[Participant]:
    """Participants from the files of a workshop folder (each loaded like ``--resume`` loads one)."""
    return [
        Participant(
            Questionnaire(
                lead.rubric,
                path,
                date=lead.date,
                console=lead.console,
                session=session,
                original=original,
                look=lead.look,
                io=lead.io,
            )
        )
        for path, (session, original) in loaded
    ]
