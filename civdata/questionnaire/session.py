"""Where a person is in the questionnaire, as a pure state machine over the rubric model.

No terminal, no files: the prompts and the save-after-every-answer loop live in ``flow.py``. Which
questions apply is never decided here but asked of :func:`civdata.scoring.question_statuses`
after every change, so the questionnaire and the report can never disagree about it.

Moving forward follows one rule: the next question that applies, in rubric order, that is either
one the person has already reached (so stepping back and forward again walks through what they
answered, showing any follow-up a changed answer revealed) or still to ask. A question is still
to ask when it is unanswered (so a resumed session does not ask again what the file already
answers), or when its answer raises a high or critical finding and has no note (the note is
needed; the answer is saved before the note is asked, so stopping there keeps it, and a resumed
session asks the question again, answer preselected, and then the note). When a session upgrades
answers made for an older rubric version, a question is still to ask when it is one of the
changed or new questions (or a follow-up an answer to one of them reveals) and has not been
answered yet with the note it needs.

Answers to questions that stop applying are kept, in memory and in the saved file: flipping an
answer back restores them, and what a person wrote is never lost. They are simply not scored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from civdata.answers_loader import PreviousAnswer, UpgradePlan
from civdata.model import (
    Answer,
    AnswerSet,
    AnswerValue,
    Area,
    Question,
    Respondent,
    Rubric,
    Severity,
    referenced_questions,
)
from civdata.records import record
from civdata.results import Finding, QuestionStatus
from civdata.scoring import answer_findings, question_statuses

#: Findings this severe make the questionnaire ask for a note.
NOTE_NEEDED_AT = Severity.HIGH


def serious_findings(question: Question, value: AnswerValue | None) -> list[Finding]:
    """The findings of this answer severe enough that a note is needed."""
    if value is None:
        return []
    return [finding for finding in answer_findings(question, value) if finding.severity.rank >= NOTE_NEEDED_AT.rank]


class Reviewed(Protocol):
    """What the review shows and checks before finishing: one respondent's :class:`Session`, or a
    workshop's room (``civdata.questionnaire.workshop.Room``), so both have the one review."""

    @property
    def rubric(self) -> Rubric: ...

    def applicable(self) -> list[Question]: ...

    def value(self, question_id: str) -> AnswerValue | None: ...

    def note(self, question_id: str) -> str | None: ...

    def needs_note(self, question_id: str) -> bool: ...

    def unanswered_required(self) -> list[Question]: ...

    def missing_notes(self) -> list[Question]: ...


@record
class AreaProgress:
    """How far one area is: answered questions out of those that apply to this respondent."""

    area: Area
    answered: int
    applicable: int


@record
class Progress:
    """How far the respondent (or a workshop's room) is, in numbers that never go backwards while
    they go forward: questions answered, of those that apply or may still follow (see
    :meth:`Session.progress`), in all and in the current question's area."""

    answered: int
    total: int
    area_number: int
    area_count: int
    area: Area | None
    area_answered: int
    area_total: int


def progress_at(rubric: Rubric, possible: list[Question], answered: set[str], question: Question | None) -> Progress:
    """The figures above ``question``: the ``answered`` ones of the ``possible`` questions (those
    that apply or may still follow), in all and in its area. One home for a single respondent's
    count (:meth:`Session.progress`) and a workshop room's, so both read the same way."""
    done = [candidate for candidate in possible if candidate.id in answered]
    if question is None:
        return Progress(len(done), len(possible), 0, len(rubric.areas), None, 0, 0)
    number = next(index for index, area in enumerate(rubric.areas, start=1) if area.id == question.area_id)
    in_area = [candidate for candidate in possible if candidate.area_id == question.area_id]
    area_done = sum(1 for candidate in in_area if candidate.id in answered)
    area = rubric.area(question.area_id)
    return Progress(len(done), len(possible), number, len(rubric.areas), area, area_done, len(in_area))


class Session:
    """One respondent going through one rubric: the answers so far and the current question."""

    def __init__(
        self,
        rubric: Rubric,
        initiative: str,
        respondent: Respondent,
        date: str | None,
        answers: dict[str, Answer] | None = None,
        *,
        upgrade: UpgradePlan | None = None,
    ) -> None:
        self.rubric = rubric
        self.initiative = initiative
        self.respondent = respondent
        self.date = date
        #: The date an answer changed today gives the file (:meth:`resumed`): a file resumed on a
        #: later day to re-assess says when its answers were last given, not when they were first.
        self._today = date
        self._answers: dict[str, Answer] = dict(answers or {})
        #: How answers made for an older version of the rubric are carried over, if they are.
        self.upgrade = upgrade
        #: The questions still to ask when only some are (an upgrade); None: every unanswered one.
        self._asking: set[str] | None = set(upgrade.to_ask) if upgrade is not None else None
        self._order = rubric.asking_order
        self._seen_before_edit: set[str] | None = None
        self.current: str | None = None
        self._frontier = -1
        self.restart()

    @classmethod
    def resumed(
        cls,
        rubric: Rubric,
        answer_set: AnswerSet,
        today: str | None,
        *,
        upgrade: UpgradePlan | None = None,
    ) -> Session:
        """Continue from a saved answers file: at the first question that applies and is still to
        ask. The file's date is kept until an answer or a note is changed; it is then ``today``:
        a lead who resumes last round's file three months later to re-assess made a file dated
        the same day as the baseline, which a comparison then could not order (a facilitator's
        review)."""
        session = cls(
            rubric,
            answer_set.initiative,
            answer_set.respondent,
            answer_set.date or today,
            answer_set.answers,
            upgrade=upgrade,
        )
        session._today = today or session.date
        return session

    def _answered(self, question_id: str, answer: Answer) -> None:
        """Keep ``answer``; a change dates the answers today (see :meth:`resumed`). The same ticks
        in another order are no change: the prompt gives them in the rubric's order, a file
        written by hand in any."""
        if _comparable(self._answers.get(question_id, Answer(None))) != _comparable(answer):
            self.date = self._today
        self._answers[question_id] = answer

    # --- What applies -----------------------------------------------------------------------

    def _all_answers(self) -> AnswerSet:
        return AnswerSet(
            rubric_id=self.rubric.id,
            rubric_version=self.rubric.version,
            initiative=self.initiative,
            respondent=self.respondent,
            answers=self._answers,
            date=self.date,
        )

    def statuses(self) -> dict[str, QuestionStatus]:
        return question_statuses(self.rubric, self._all_answers())

    def applicable(self) -> list[Question]:
        """The questions asked of this respondent, given the answers so far, in rubric order."""
        statuses = self.statuses()
        return [question for question in self.rubric.questions if statuses[question.id].applies]

    def answer_set(self) -> AnswerSet:
        """The answers to save and score: every answer or note given, including those to questions
        that do not apply now (scoring leaves them out)."""
        kept = {qid: answer for qid, answer in self._answers.items() if answer.answered or answer.note is not None}
        return AnswerSet(
            rubric_id=self.rubric.id,
            rubric_version=self.rubric.version,
            initiative=self.initiative,
            respondent=self.respondent,
            answers=kept,
            date=self.date,
        )

    def hidden_answers(self) -> list[str]:
        """Questions that have an answer but do not apply (their condition or role rules them out)."""
        statuses = self.statuses()
        return [
            question.id
            for question in self.rubric.questions
            if question.id in self._answers
            and self._answers[question.id].answered
            and not statuses[question.id].applies
        ]

    def unanswered_required(self) -> list[Question]:
        return [q for q in self.applicable() if q.required and self.value(q.id) is None]

    def needs_note(self, question_id: str) -> bool:
        """Whether the answer raises a high or critical finding and has no note: it is not
        complete, since the note is needed (the reader of the report needs the why)."""
        if self.note(question_id) is not None:
            return False
        return bool(serious_findings(self.rubric.question(question_id), self.value(question_id)))

    def missing_notes(self) -> list[Question]:
        """The questions that apply whose answer needs a note it does not have."""
        return [question for question in self.applicable() if self.needs_note(question.id)]

    def may_apply(self) -> list[Question]:
        """The questions that apply now, and the follow-ups that may still: a question its
        condition rules out for now, while the condition looks at a question not answered yet
        that itself may apply. Answering can only shrink this list, so counts made of it never
        jump backwards as follow-ups appear (going back and changing an answer can grow it)."""
        statuses = self.statuses()
        possible = {question.id for question in self.rubric.questions if statuses[question.id].applies}
        waiting = [
            question for question in self.rubric.questions if statuses[question.id] is QuestionStatus.SKIPPED_CONDITION
        ]
        changed = True
        while changed:
            changed = False
            for question in waiting:
                if question.id in possible:
                    continue
                refs = list(referenced_questions(question.when))
                if any(ref in possible and self.value(ref) is None for ref in refs):
                    possible.add(question.id)
                    changed = True
        return [question for question in self.rubric.questions if question.id in possible]

    def progress(self) -> Progress:
        """Answered of those that apply or may (:meth:`may_apply`), in all and in the area of the
        current question."""
        possible = self.may_apply()
        answered = {question.id for question in possible if self.value(question.id) is not None}
        return progress_at(self.rubric, possible, answered, self.question)

    def area_progress(self) -> list[AreaProgress]:
        applicable = {question.id for question in self.applicable()}
        progress = []
        for area in self.rubric.areas:
            asked = [q for q in area.questions if q.id in applicable]
            answered = sum(1 for q in asked if self.value(q.id) is not None)
            progress.append(AreaProgress(area, answered, len(asked)))
        return progress

    # --- Answers ----------------------------------------------------------------------------

    def value(self, question_id: str) -> AnswerValue | None:
        answer = self._answers.get(question_id)
        return answer.value if answer else None

    def previous(self, question_id: str) -> PreviousAnswer | None:
        """The answer given to ``question_id`` for the older version being upgraded from, if any."""
        return self.upgrade.previous.get(question_id) if self.upgrade is not None else None

    def note(self, question_id: str) -> str | None:
        answer = self._answers.get(question_id)
        return answer.note if answer else None

    def set_value(self, question_id: str, value: AnswerValue | None) -> None:
        """Answer a question (None leaves it unanswered), keeping any note it already has. When only
        some questions are asked, an unanswered follow-up that applies after this answer is asked
        too: one the answer revealed, or one that depends on it and was waiting for it."""
        if self._asking is None:
            self._answered(question_id, Answer(value, self.note(question_id)))
            return
        before = {question.id for question in self.applicable()}
        self._answered(question_id, Answer(value, self.note(question_id)))
        if not self.needs_note(question_id):
            self._asking.discard(question_id)
        self._asking.update(
            question.id
            for question in self.applicable()
            if self.value(question.id) is None
            and (question.id not in before or question_id in referenced_questions(question.when))
        )

    def set_note(self, question_id: str, note: str | None) -> None:
        self._answered(question_id, Answer(self.value(question_id), (note or "").strip() or None))
        if self._asking is not None and not self.needs_note(question_id):
            self._asking.discard(question_id)

    def set_details(self, initiative: str, respondent: Respondent) -> None:
        """Change the initiative or who answers; a new role can reveal questions (see :meth:`next_revealed`)."""
        self._seen_before_edit = {question.id for question in self.applicable()}
        self.initiative = initiative
        self.respondent = respondent
        if self.current is not None and self.current not in {q.id for q in self.applicable()}:
            self.current = None

    # --- Moving -----------------------------------------------------------------------------

    def to_ask(self, question: Question) -> bool:
        """Whether ``question`` is still to ask (see the module docstring)."""
        if self._asking is not None:
            return question.id in self._asking
        return self.value(question.id) is None or self.needs_note(question.id)

    def restart(self) -> None:
        """Go to the first question that applies and is still to ask (None when there is none)."""
        first = self._first(self.to_ask)
        self.current = first.id if first else None
        self._frontier = self._order[first.id] if first else len(self._order)

    @property
    def question(self) -> Question | None:
        """The question to ask now; None once every question has been reached."""
        return self.rubric.question(self.current) if self.current is not None else None

    def position(self) -> tuple[int, int]:
        """The current question's number among the questions that apply, and how many apply."""
        applicable = [question.id for question in self.applicable()]
        number = applicable.index(self.current) + 1 if self.current in applicable else 0
        return number, len(applicable)

    def advance(self) -> None:
        """Move to the next question (see the module docstring for the rule)."""
        here = self._order[self.current] if self.current is not None else -1
        following = self._first(
            lambda question: (
                self._order[question.id] > here
                and (self._order[question.id] <= self._frontier or self.to_ask(question))
            )
        )
        self.current = following.id if following else None
        if following is not None:
            self._frontier = max(self._frontier, self._order[following.id])

    def earlier(self) -> Question | None:
        """The question before the current one that applies (where back goes); None at the first."""
        if self.current is None:
            return None
        here = self._order[self.current]
        before = [question for question in self.applicable() if self._order[question.id] < here]
        return before[-1] if before else None

    def back(self) -> bool:
        """Move to the previous question that applies; False when this is the first one."""
        earlier = self.earlier()
        if earlier is None:
            return False
        self.current = earlier.id
        return True

    def return_to(self, question_id: str) -> bool:
        """Go back to ``question_id`` when it applies and the walk is past it (a workshop's room
        going back together); False otherwise. Forward again walks through what was answered."""
        if question_id not in {question.id for question in self.applicable()}:
            return False
        if self.current is not None and self._order[self.current] <= self._order[question_id]:
            return False
        self.current = question_id
        return True

    def stop_editing(self) -> None:
        """Leave the question being edited without answering it (back to the review list)."""
        self.current = None

    def edit(self, question_id: str) -> None:
        """Go to any question that applies (from the review screen), remembering which questions
        applied before, so that follow-ups the new answer reveals can be asked next."""
        applicable = {question.id for question in self.applicable()}
        if question_id not in applicable:
            raise ValueError(f"question '{question_id}' does not apply, so it cannot be edited")
        self.current = question_id
        self._seen_before_edit = applicable

    def next_revealed(self) -> bool:
        """Go to the first question that applies now but did not before the edit began (a
        follow-up the changed answer revealed, with any earlier answer kept as the default);
        False when there is none. Each is offered once per edit."""
        seen = self._seen_before_edit if self._seen_before_edit is not None else set()
        revealed = self._first(lambda question: question.id not in seen)
        if revealed is None:
            self.current = None
            return False
        seen.add(revealed.id)
        self._seen_before_edit = seen
        self.current = revealed.id
        return True

    def _first(self, wanted: Callable[[Question], bool]) -> Question | None:
        return next((question for question in self.applicable() if wanted(question)), None)


def _comparable(answer: Answer) -> tuple[object, str | None]:
    """An answer as a change of it is told: several choices as a set, whatever their order."""
    value = answer.value
    return (frozenset(value) if isinstance(value, tuple) else value, answer.note)
