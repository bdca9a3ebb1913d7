"""Load one respondent's answers file and check it against the rubric it was made for.

An answers file is written by hand, by ``civdata template`` or by ``civdata assess``. Whatever
wrote it, every answer is checked against its question: the option exists (with a "did you mean"
when it does not), the number is in range, the list holds no option twice. Blank answers are
simply unanswered, so a half-filled template loads and reports what is left to do.

Nothing is coerced silently. A text answer or a note is kept exactly as written, even when YAML
reads it as a number or a boolean (``1e3``, ``true``); a boolean is never a scale point or a
number; a scale point is a whole number in ASCII digits; a number written as text must be the
number alone, with no spaces or line breaks around it; a date must be a real day written ``YYYY-MM-DD``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from civdata.answers_writer import any_value_text, entry_text, one_line
from civdata.dates import ISO_DATE, date_problem
from civdata.model import Answer, AnswerSet, AnswerValue, Question, QuestionType, Respondent, Rubric
from civdata.problems import InputError, Problem, did_you_mean, quoted_list
from civdata.records import record
from civdata.safe_read import STDIN_LABEL
from civdata.schemacheck import located_schema_problems
from civdata.values import (
    NUMBER_TEXT,
    exclusive_conflict,
    number_from_text,
    number_hint,
    number_rewritten,
    out_of_bounds,
    wanted_number,
)
from civdata.versions import same_questions, version_key
from civdata.wording import plural, quoted_and_list
from civdata.yamlsource import DataPath, YamlDocument, number_problem, read_yaml_file, worth_checking

#: The questions whose answer, when it is text, is one of their options exactly as written (a
#: scale point may be written as text, ``"3"``, and a multiple choice answer is a list). A tuple:
#: ``in`` compares members by identity first, where a set would call the enum's ``__hash__``.
_CHOICES_AS_WRITTEN = (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO)
#: A scale point written as text: ASCII digits only (``str.isdigit`` would accept "²").
_SCALE_POINT = re.compile(r"[-+]?[0-9]{1,15}")


def read_answers_document(path: Path, source: str | None = None, *, role: str = "an answers file") -> YamlDocument:
    """Read an answers file and check its shape, before the rubric is known. ``role`` is what the
    file is to this run (see :func:`civdata.safe_read.read_regular_file`)."""
    document, found = read_yaml_file(path, source, role=role)
    problems, _ = shape_after_reading(document, found)
    if problems:
        raise InputError(problems)
    return document


def answers_shape_problems(document: YamlDocument) -> list[Problem]:
    return check_answers_shape(document).problems


@record
class ShapeCheck:
    """The schema's verdict on an answers document, before the rubric is known.

    ``usable`` says whether the parts the rubric checks rely on (rubric, respondent, answers) are
    sound, so those checks can still run and report everything at once; ``reported`` names the
    answers whose value the schema has already complained about, which those checks then leave
    alone (a problem with only the note or a key beside the value does not count).
    """

    problems: list[Problem]
    usable: bool
    reported: frozenset[str] = frozenset()


#: The keys every answers file has (the answers schema's ``required``).
REQUIRED_KEYS = frozenset({"format", "rubric", "initiative", "respondent", "answers"})


def check_answers_shape(document: YamlDocument) -> ShapeCheck:
    data = document.data
    if not isinstance(data, dict):
        empty = "the file is empty (nothing but blanks or comments); " if data is None else ""
        message = (
            f"{empty}an answers file must be a YAML mapping with 'rubric', 'initiative', 'respondent' and 'answers'; "
            "`civdata template` writes one to start from"
        )
        return ShapeCheck([document.problem((), message)], usable=False)
    located = located_schema_problems(document, "answers")
    blocking = {"format", "rubric", "respondent", "initiative"}
    # A required key that is missing stops the checks against the rubric, which read it. It is
    # usually a problem of its own, but not when an unknown key is it misspelt ('respondents:'):
    # that key's problem says the fix, and the answers cannot be read without it either.
    usable = data.keys() >= REQUIRED_KEYS and not any(
        (not path) or path[0] in blocking or (path[0] == "answers" and len(path) == 1) for path, _ in located
    )
    reported = frozenset(str(path[1]) for path, _ in located if _about_value(path))
    # A number refused while reading is already reported; what the schema says of the blank it
    # leaves is not news (though a blank where the rubric must be named still stops the checks).
    return ShapeCheck(document.without_consequences(problem for _, problem in located), usable, reported)


def _about_value(path: DataPath) -> bool:
    """Whether a schema problem at ``path`` is about an answer's value: the whole answer, or its
    ``value``. A note that is not text or an unknown key beside the value leaves the value to be
    checked against the rubric, so that its problems are reported at the same time."""
    return len(path) >= 2 and path[0] == "answers" and (len(path) == 2 or path[2] == "value")


def shape_after_reading(document: YamlDocument, found: list[Problem]) -> tuple[list[Problem], frozenset[str] | None]:
    """Every problem of an answers document before its rubric is known: ``found`` while reading it,
    then the schema's, when the file was read well enough to check. With them, the answers the
    schema already complained about (see :class:`ShapeCheck`), or None when the checks against the
    rubric cannot run."""
    if not worth_checking(document) and found:
        return found, None
    shape = check_answers_shape(document)
    return [*found, *shape.problems], (shape.reported if shape.usable else None)


def rubric_reference(document: YamlDocument) -> tuple[str, str]:
    """The rubric id and version an answers document names (its shape is already checked)."""
    return document.data["rubric"]["id"], document.data["rubric"]["version"]


def load_answers(path: Path, rubric: Rubric, source: str | None = None) -> AnswerSet:
    """Read ``path`` and check every answer against ``rubric``; raise with every problem."""
    return answers_from_document(read_answers_document(path, source), rubric)


def answers_from_document(
    document: YamlDocument, rubric: Rubric, already_reported: frozenset[str] = frozenset()
) -> AnswerSet:
    """Check every answer of a shape-checked document against ``rubric``; raise with all problems.

    Answers in ``already_reported`` had their values refused by the schema and are not checked again.
    """
    checker = _AnswersChecker(document, rubric, already_reported)
    answer_set = checker.check()
    problems = document.without_consequences(checker.problems)
    if problems:
        raise InputError(problems)
    return answer_set


def dated_later(document: YamlDocument, answers: AnswerSet) -> Problem | None:
    """A warning at the file's ``date`` when it is more than a year after today
    (:func:`civdata.dates.future_date_warning`), or before 2000, likely of another calendar
    (:func:`civdata.dates.long_ago_warning`)."""
    from civdata.dates import beyond_next_year, future_date_warning, long_ago, long_ago_warning

    date = answers.date
    if not isinstance(date, str) or not answers.source:  # not text: the checks said so
        return None
    today = beyond_next_year(date)
    if today is None and not long_ago(date):  # nearly always: nothing to place
        return None
    at = document.position(("date",))
    if today is not None:
        return future_date_warning(answers.source, date, today, (at.line, at.column))
    return long_ago_warning(answers.source, date, (at.line, at.column))


def unasked_answers(rubric: Rubric, answers: AnswerSet) -> Problem | None:
    """A warning at the first answer to a question the respondent's role is not asked, naming
    each such question; None when there is none.

    Such an answer is valid, and not counted: a report scores each role on what it is asked. The
    person should know, since the answer was given for a reason, or the role is the mistake (a
    valid role chosen for another drops every answer only the right one is asked).
    """
    role = answers.respondent.role
    unasked = [
        question_id
        for question_id, answer in answers.answers.items()
        if answer.value is not None
        and rubric.has_question(question_id)
        and not rubric.question(question_id).asked_of(role)
    ]
    if not unasked or not answers.source:
        return None
    line, column = answers.positions.get(unasked[0], answers.answers_at)
    count = len(unasked)
    its, their = ("its answer is", "it") if count == 1 else ("their answers are", "them")
    message = (
        f"warning: role '{role}' is not asked {plural(count, 'question')} answered here "
        f"({quoted_and_list(unasked)}), so {its} not counted: if the role is right, delete {their}; "
        "if not, correct the role"
    )
    return Problem(answers.source, line, column, message)


def changed_since(rubric: Rubric, version: str) -> list[str]:
    """Questions the rubric's changelog says changed after ``version``, in rubric order."""
    since = version_key(version)
    changed: list[str] = []
    for change in rubric.changes:
        if version_key(change.version) > since:
            changed.extend(qid for qid in change.questions if qid not in changed)
    return changed


def rules_changed_since(rubric: Rubric, version: str) -> frozenset[str]:
    """Rules the rubric's changelog says were added, removed or changed after ``version``."""
    since = version_key(version)
    return frozenset(rule for change in rubric.changes if version_key(change.version) > since for rule in change.rules)


def changed_in(rubric: Rubric, version: str) -> dict[str, str]:
    """For each question the changelog lists after ``version``: the newest version that changed it
    (what a person is told: "this question changed in 1.1.0", not the rubric's own version, which
    may be a later release that left the question alone)."""
    since = version_key(version)
    newest: dict[str, str] = {}
    for change in sorted(rubric.changes, key=lambda change: version_key(change.version)):
        if version_key(change.version) > since:
            newest.update(dict.fromkeys(change.questions, change.version))
    return newest


def changes_recorded(rubric: Rubric, version: str) -> bool:
    """Whether the changelog has an entry for any version after ``version`` (if not, nothing is
    known about what changed, and every answer must be reviewed)."""
    since = version_key(version)
    return any(version_key(change.version) > since for change in rubric.changes)


def _to_ask_since(rubric: Rubric, version: str) -> list[str]:
    """The rubric's questions that changed or were added after ``version``, in rubric order."""
    changed = set(changed_since(rubric, version))
    return [question.id for question in rubric.questions if question.id in changed]


def upgradable(version: str, rubric_version: str) -> bool:
    """Whether answers made for ``version`` can be carried to ``rubric_version``: an older MINOR
    version of the same MAJOR one (a new MAJOR version may mean anything)."""
    old, new = version_key(version), version_key(rubric_version)
    return old[0] == new[0] and old[:2] < new[:2]


# --- Upgrading answers made for an older version -------------------------------------------------


@record
class PreviousAnswer:
    """An answer made for an older version to a question that is asked again now."""

    question_id: str
    #: The old value as YAML on one line ("" when it was blank).
    written: str
    #: The old value when it is still a valid answer to the question, offered as the default.
    value: AnswerValue | None
    note: str | None
    #: Why it is asked again: ``this question changed in 1.1.0``.
    reason: str


@record
class SetAside:
    """An answer that cannot be carried over (its question was removed): it is kept in the file as a
    comment, never dropped."""

    question_id: str
    #: The entry as YAML on one line: ``id: value`` or ``id: {value: ..., note: ...}``.
    written: str
    #: ``question removed in 1.1.0``.
    reason: str

    def comment(self) -> str:
        return f"previous answer ({self.reason}): {self.written}"


@record
class UpgradePlan:
    """What happens to answers made for an older MINOR version of the rubric.

    ``kept`` answers (to questions unchanged since) are checked against the new version and kept;
    ``changed`` questions (listed in the rubric's ``changes``, or whose answer no longer fits) are
    asked again with the previous answer in ``previous``; ``new`` questions are asked; answers to
    ``removed`` questions are ``set_aside`` as comments.
    """

    from_version: str
    to_version: str
    kept: tuple[str, ...]
    changed: tuple[str, ...]
    new: tuple[str, ...]
    removed: tuple[str, ...]
    previous: dict[str, PreviousAnswer]
    set_aside: tuple[SetAside, ...]

    @property
    def to_ask(self) -> tuple[str, ...]:
        """The questions to ask again or for the first time (those that apply are asked)."""
        return (*self.changed, *self.new)

    def remark(self, question_id: str) -> str:
        """The comment written above a question asked again: what was answered before, and why."""
        previous = self.previous[question_id]
        return f"Previously ({self.from_version}): {previous.written or 'no answer'} — {previous.reason}: review it"

    def remarks(self) -> dict[str, str]:
        return {question_id: self.remark(question_id) for question_id in self.changed}


def load_to_continue(
    document: YamlDocument, rubric: Rubric, already_reported: frozenset[str] = frozenset()
) -> tuple[AnswerSet, UpgradePlan | None]:
    """Answers to continue (``assess --resume``, ``template --from``): upgraded when they were made
    for an older MINOR version of ``rubric``, checked exactly as ``civdata report`` checks them
    otherwise. Raise with every problem."""
    rubric_id, version = rubric_reference(document)
    if rubric_id == rubric.id and upgradable(version, rubric.version):
        return load_for_upgrade(document, rubric)
    return answers_from_document(document, rubric, already_reported), None


def load_for_upgrade(document: YamlDocument, rubric: Rubric) -> tuple[AnswerSet, UpgradePlan]:
    """Carry answers made for an older MINOR version over to ``rubric`` (see :class:`UpgradePlan`).

    The answers returned are for the new version: the kept ones, and the notes of the changed
    ones (their values are left blank until the person answers again). Only a problem that stops
    the whole file raises: a role the rubric does not have. :func:`load_to_continue` decides
    whether answers are upgraded at all.
    """
    rubric_id, version = rubric_reference(document)
    if rubric_id != rubric.id or not upgradable(version, rubric.version):
        raise ValueError(f"answers for {rubric_id} {version} are not for an older MINOR version of {rubric.id}")
    checker = _AnswersChecker(document, rubric, frozenset())
    recorded = changes_recorded(rubric, version)
    listed = (
        changed_in(rubric, version)
        if recorded
        else dict.fromkeys((question.id for question in rubric.questions), rubric.version)
    )
    upgrade = _Upgrade(checker, version, listed)
    for question_id, raw in (document.data.get("answers") or {}).items():
        upgrade.carry(question_id, raw)
    answer_set = checker.answer_set(upgrade.answers, rubric.version)
    if checker.problems:
        raise InputError(checker.problems)
    return answer_set, upgrade.plan(rubric)


class _Upgrade:
    """Sorts the answers of an older version into kept, changed and set aside, one by one."""

    def __init__(self, checker: _AnswersChecker, version: str, listed: dict[str, str]) -> None:
        """``listed``: the questions to ask again, each with the version that changed it."""
        self.checker = checker
        self.version = version
        self.listed = listed
        self.answers: dict[str, Answer] = {}
        self.previous: dict[str, PreviousAnswer] = {}
        self.set_aside: list[SetAside] = []

    def carry(self, question_id: str, raw: Any) -> None:
        rubric = self.checker.rubric
        value, note, value_path = _split_answer(raw, ("answers", question_id))
        note = self.checker._text(note, ("answers", question_id, "note"))
        if not rubric.has_question(question_id):
            why = (
                f"question removed in {self.listed[question_id]}"
                if question_id in self.listed
                else (f"no question '{question_id}' in {rubric.id} {rubric.version}")
            )
            self.set_aside.append(SetAside(question_id, entry_text(question_id, value, note), one_line(why)))
            return
        question = rubric.question(question_id)
        checked, problems = self.checker.checked_quietly(question, value, value_path)
        if question_id in self.listed:
            reason = f"this question changed in {self.listed[question_id]}"
        elif problems:
            reason = f"not a valid answer in {rubric.version}"
        else:
            self.answers[question_id] = Answer(checked, note)
            return
        if value is None and note is None:
            return
        written = "" if value is None else any_value_text(value)
        self.previous[question_id] = PreviousAnswer(question_id, written, checked, note, reason)
        if note is not None:
            self.answers[question_id] = Answer(None, note)

    def plan(self, rubric: Rubric) -> UpgradePlan:
        changed = tuple(q.id for q in rubric.questions if q.id in self.previous)
        asked = set(changed) | set(self.answers)
        return UpgradePlan(
            from_version=self.version,
            to_version=rubric.version,
            kept=tuple(q.id for q in rubric.questions if q.id in self.answers and q.id not in self.previous),
            changed=changed,
            new=tuple(q.id for q in rubric.questions if q.id in self.listed and q.id not in asked),
            removed=tuple(entry.question_id for entry in self.set_aside),
            previous=self.previous,
            set_aside=tuple(self.set_aside),
        )


def _split_answer(raw: Any, path: DataPath) -> tuple[Any, Any, DataPath]:
    """An entry's value, note and the path of its value: ``id: value`` or ``id: {value, note}``."""
    if isinstance(raw, dict):
        return raw.get("value"), raw.get("note"), (*path, "value")
    return raw, None, path


class _AnswersChecker:
    def __init__(self, document: YamlDocument, rubric: Rubric, already_reported: frozenset[str]) -> None:
        self.document = document
        self.rubric = rubric
        self.already_reported = already_reported
        self.problems: list[Problem] = []

    def problem(self, path: DataPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.document.problem(path, message, key=key))

    def check(self) -> AnswerSet:
        data = self.document.data
        if data["rubric"]["id"] != self.rubric.id:
            # Made for another rubric: which one to pass is the one thing to say, since every role
            # and question would differ too (as an id no bundled rubric has is one line).
            self.problem(
                ("rubric", "id"),
                f"these answers are for rubric '{data['rubric']['id']}', but the rubric given is "
                f"'{self.rubric.id}'; pass the right one with --rubric",
            )
            return self._answer_set({}, data["rubric"]["version"])
        if not self._check_rubric_version(data["rubric"]["id"], data["rubric"]["version"]):
            # Made for an older version: how to upgrade is the one thing to say, since every other
            # mismatch follows from it and the upgrade sorts it out.
            return self.answer_set({}, data["rubric"]["version"])
        answers: dict[str, Answer] = {}
        for question_id, raw in (data.get("answers") or {}).items():
            path = ("answers", question_id)
            if not self.rubric.has_question(question_id):
                meant = did_you_mean(question_id, [q.id for q in self.rubric.questions])
                self.problem(
                    path,
                    f"there is no question '{question_id}' in rubric '{self.rubric.id}' {self.rubric.version}"
                    + (
                        meant
                        or "; remove this answer, or, if the rubric dropped the question since the answers were "
                        "written, the rubric's author should raise its version and list the question in its "
                        "'changes', so that these answers are read with the questions that changed"
                    ),
                    key=True,
                )
                continue
            if question_id in self.already_reported:
                continue
            answers[question_id] = self._answer(self.rubric.question(question_id), raw, path)
        return self.answer_set(answers, data["rubric"]["version"])

    def _answer(self, question: Question, raw: Any, path: DataPath) -> Answer:
        """One entry of the answers, checked: ``raw`` is the value, or a mapping with the value and a note.

        Nearly every entry is an option of a single choice written as it is, with no note: that one
        is taken at once, for what :meth:`_choice` would find too (text is matched as written, and
        it is text already; a blank one is no answer, and not an option either), as the answer the
        question keeps for it: an :class:`Answer` is immutable and says nothing of where it was
        written (positions come from each document's own keys). So is a multiple choice answer
        that :meth:`_choices` would take as it is (see :func:`_options_as_written`). Anything else
        is checked in full, with the problems and positions of this document.
        """
        if type(raw) is str and question.type in _CHOICES_AS_WRITTEN and raw.strip():
            chosen = question.option_answers.get(raw)
            if chosen is not None:
                return chosen
        if type(raw) is list and question.type is QuestionType.MULTIPLE_CHOICE and _options_as_written(question, raw):
            return Answer(tuple(raw))
        value, note, value_path = _split_answer(raw, path)
        return Answer(self._value(question, value, value_path), self._text(note, (*path, "note")))

    def answer_set(self, answers: dict[str, Answer], version: str) -> AnswerSet:
        """The checked answers with who gave them (the role is checked here)."""
        role = (self.document.data["respondent"].get("role") or "").strip()
        if role and self.rubric.role(role) is None:
            role_ids = [known.id for known in self.rubric.roles]
            self.problem(
                ("respondent", "role"),
                f"role '{role}' is not one of the rubric's roles {quoted_list(role_ids)}"
                + did_you_mean(role, role_ids, self.rubric.role_labels),
            )
        return self._answer_set(answers, version)

    def _answer_set(self, answers: dict[str, Answer], version: str) -> AnswerSet:
        """The answers with who gave them, as written (the role unchecked)."""
        data = self.document.data
        respondent = data["respondent"]
        role = (respondent.get("role") or "").strip()
        return AnswerSet(
            rubric_id=data["rubric"]["id"],
            rubric_version=version,
            initiative=(data.get("initiative") or "").strip(),
            respondent=Respondent(
                role=role,
                name=_clean_note(respondent.get("name")),
                organisation=_clean_note(respondent.get("organisation")),
            ),
            answers=answers,
            date=self._date(data.get("date")),
            source=self.document.source,
            positions=self.document.key_positions(("answers",)),
            answers_at=self._answers_at(),
        )

    def _answers_at(self) -> tuple[int, int]:
        """Where the answers are written: the ``answers:`` key; a submission's row."""
        at = self.document.position(("answers",), key=True)
        return at.line, at.column

    def _text(self, value: Any, path: DataPath) -> str | None:
        """Free text (a note) exactly as written, without the spaces around it; None when blank."""
        if value is None:
            return None
        text = self.document.text_as_written(path, value).strip()
        return text or None

    def _date(self, date: Any) -> str | None:
        """The date, when it is a day that exists. Its form (YYYY-MM-DD) is the schema's to check."""
        if isinstance(date, str) and ISO_DATE.fullmatch(date):
            message = date_problem("date", date)
            if message is not None:
                self.problem(("date",), message)
                return None
        return date

    def checked_quietly(
        self, question: Question, value: Any, path: DataPath
    ) -> tuple[AnswerValue | None, list[Problem]]:
        """The answer checked like any other, with the problems it has returned instead of kept."""
        before = len(self.problems)
        normalised = self._value(question, value, path)
        found = self.problems[before:]
        del self.problems[before:]
        return normalised, found

    def _check_rubric_version(self, rubric_id: str, version: str) -> bool:
        """Check the version of the rubric the answers name; False when they were made for an older
        version (and their answers are not worth checking one by one)."""
        if same_questions(version, self.rubric.version):
            return True
        if version_key(version) > version_key(self.rubric.version):
            # The bundled rubric is used when none is given: an adapted one that keeps its id is the
            # likelier source of a newer version than a newer civdata (an outside review).
            how = (
                f"newer than the rubric bundled with this civdata ({self.rubric.version}): if they were made with a "
                "rubric of your own that keeps this id, give its file with --rubric FILE; else use a newer civdata"
                if self.rubric.bundled
                else f"newer than the rubric given ({self.rubric.version}); give the rubric they were made with"
            )
            self.problem(("rubric", "version"), f"these answers are for version {version} of '{rubric_id}', {how}")
            return True
        self.problem(("rubric", "version"), self._older_version_message(rubric_id, version))
        return False

    def _older_version_message(self, rubric_id: str, version: str) -> str:
        """Why answers for an older version are refused, and how to bring them up to date."""
        start = (
            f"these answers were made for version {version} of '{rubric_id}', but the rubric is {self.rubric.version}"
        )
        if not upgradable(version, self.rubric.version):
            return (
                f"{start}, a new MAJOR version that cannot take answers made for another one: start a new "
                "answers file with `civdata assess` or `civdata template`"
            )
        changed = changed_since(self.rubric, version)
        recorded = changes_recorded(self.rubric, version)
        if changed:
            what = f"questions changed since then: {quoted_and_list(changed, limit=30)}"
        elif recorded:
            what = "the rubric records no question changed since then"
        else:
            what = "the rubric does not record which questions changed, so review every answer"
        from civdata.commands import civdata_command, terminal_commands  # only on this refusal

        source = self.document.source

        def template_from(named: str | Path, rubric: Rubric) -> str:
            return civdata_command("template", "--from", named, "-o", "new.yaml", rubric=rubric)

        def resume_from(named: str | Path, rubric: Rubric) -> str:
            return civdata_command("assess", "--resume", named, rubric=rubric)

        if source == STDIN_LABEL:  # assess resumes a file it saves to; template reads standard input as -
            return (
                f"{start}; {what}. To upgrade: `{template_from('-', self.rubric)}`, with these answers on standard "
                "input, writes a new file to review by hand"
            )
        asked = len(_to_ask_since(self.rubric, version)) if recorded else len(self.rubric.questions)
        # With nothing listed that the rubric still asks, resuming still moves the answers to the new
        # version, asking again those that no longer fit: "asks only the 0 questions" would say it
        # does nothing, and that nothing needs reviewing.
        resume = (
            f"asks only the {plural(asked, 'changed or new question')} and keeps your other answers"
            if 0 < asked < len(self.rubric.questions)
            else "asks every question again, each answer offered as it was"
            if asked
            else f"keeps your answers and asks again only those that no longer fit {self.rubric.version} (the "
            "rubric lists no question it asks as changed or new)"
        )
        # A problem is printed on a terminal line: the names in its commands follow that rule.
        (resume_command, template), notes = terminal_commands(
            Path(source), self.rubric, resume_from, template_from, file_is="the name of this answers file"
        )
        said = "".join(f". {note}" for note in notes).removesuffix(".")  # a problem ends without a full stop
        return (
            f"{start}; {what}. To upgrade: `{resume_command}` {resume}, or `{template}` writes a new file to "
            f"review by hand{said}"
        )

    def _value(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        """The answer in its checked, normal form, or None when blank or wrong (and reported)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kind = question.type
        if kind is QuestionType.TEXT:
            if isinstance(value, (list, dict)):
                return self._wrong(question, path, "text")
            return self._text(value, path)
        if kind is QuestionType.NUMBER:
            return self._number(question, value, path)
        if kind is QuestionType.MULTIPLE_CHOICE:
            return self._choices(question, value, path)
        return self._choice(question, value, path)

    def _wrong(self, question: Question, path: DataPath, expected: str) -> AnswerValue | None:
        """Report that the answer is not what the question takes; the answer is then blank."""
        self.problem(path, f"the answer to '{question.id}' must be {expected}")
        return None

    def _option_values(self, question: Question) -> list[str | int]:
        return [option.value for option in question.options]

    def _choice(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        if isinstance(value, (list, dict)):
            return self._wrong(question, path, f"one of {quoted_list(self._option_values(question))}")
        if question.type is QuestionType.YES_NO and isinstance(value, bool):
            value = "yes" if value else "no"
        elif question.type is QuestionType.SCALE and _is_whole_number(value):
            pass
        elif question.type is QuestionType.SCALE and isinstance(value, str) and _SCALE_POINT.fullmatch(value):
            value = int(value)
        else:
            # As written: `true` is not scale point 1, and `1e3` is not the option "1000.0".
            value = self.document.text_as_written(path, value)
        option = question.option(value)
        if option is None:
            choices = self._option_values(question)
            hint = choice_hint(question, value, choices)
            if question.type is QuestionType.YES_NO and value in ("unsure", "na"):
                hint = f"; this question does not offer '{value}'"
            self.problem(
                path,
                f"'{value}' is not an answer to '{question.id}'; choose {quoted_list(choices)}{hint}",
            )
            return None
        return option.value  # as the rubric writes it, though written in another Unicode form

    def _choices(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, (list, dict)) for item in items):
            return self._wrong(question, path, "a list of option values")
        chosen: list[str | int] = []
        valid = True
        for index, item in enumerate(items):
            item_path = (*path, index) if isinstance(value, list) else path
            option = question.option(self.document.text_as_written(item_path, item))
            if option is None:
                choices = self._option_values(question)
                self.problem(
                    item_path,
                    f"'{item}' is not an option of '{question.id}'; choose from {quoted_list(choices)}"
                    + choice_hint(question, item, choices),
                )
                valid = False
            elif option.value in chosen:
                self.problem(item_path, f"'{item}' is listed twice in the answer to '{question.id}'")
                valid = False
            else:
                chosen.append(option.value)  # as the rubric writes it (see _choice)
        alone = exclusive_conflict(question, chosen)
        if alone is not None:
            self.problem(
                path,
                f"'{alone.value}' ({alone.label}) cannot be chosen together with other options of '{question.id}'",
            )
            valid = False
        if not valid:
            return None
        return tuple(chosen) if chosen else None

    def _number(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        number = number_from_text(value) if isinstance(value, str) else value
        if isinstance(value, str) and number is None and NUMBER_TEXT.fullmatch(value):
            number = float(value)  # a number too small to be told from 0: said so just below
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            expected = "a number" + (f" of {question.unit}" if question.unit else "")
            if isinstance(value, str) and NUMBER_TEXT.fullmatch(value.strip()):
                expected += _without_spaces(value)
            elif isinstance(value, str):
                expected += f", not '{value}'" + _rewritten(question, value)
            return self._wrong(question, path, expected)
        problem = number_problem(number, value if isinstance(value, str) else None)  # YAML numbers: read_yaml_file
        if problem is not None:
            return self._wrong(question, path, f"a number of a sensible size; {value} {problem}")
        wrong = out_of_bounds(question, number)
        if wrong is not None:
            return self._wrong(question, path, wrong)
        return int(number) if question.integer else number


def _rewritten(question: Question, written: str) -> str:
    """How to fix a number written another way (:func:`civdata.values.number_hint`): the number to
    write, or, when there is none to suggest, what the question takes; first, when it would be
    outside the range, what it would be (the prompt of ``civdata assess`` says the same)."""
    hint = number_hint(question, written)
    if hint is None:
        return ""
    if hint.beyond is not None:
        return f"; {hint.how} it would be {hint.read_as}, {hint.beyond}: write {wanted_number(question)}"
    if hint.fixed is not None:
        return f"; write {hint.fixed} {hint.how}"
    return f"; write {wanted_number(question)}" + (f" {hint.how}" if hint.how else "")


def _without_spaces(written: str) -> str:
    """How to fix an answer that is right but for the spaces or line breaks around it."""
    return f"; write '{written.strip()}' without the spaces or line breaks around it"


def choice_hint(
    question: Question,
    written: object,
    choices: list[str | int],
    *,
    read: Callable[[str], object] | None = None,
    column: bool = False,
) -> str:
    """How to fix a choice that is no option: without the spaces around it, when that is the only
    mistake (``"yes "``, or ``yes`` and a no-break space pasted from a word processor, which YAML
    keeps), else the closest option. Choices are matched as written, so either is refused; the
    message says which, and the quoted value shows the space (see :class:`Problem`).

    A line of several words given to a multiple choice question, one of them an option
    (``service-users, migrants``), is never offered one option: following that would drop the
    others, and dropping a group of people can open fewer questions and score better. It is told
    how several choices are written instead (:func:`_several_choices_hint`). ``read`` turns a word
    into the option value it stands for (an export's choice name); ``column`` says the line is a
    cell of an export's column of choices, which parts them by spaces, rather than an answers file."""
    if question.type is QuestionType.MULTIPLE_CHOICE and isinstance(written, str):
        words = choice_words(written)
        values = [read(word) if read else word for word in words]
        if len(words) > 1 and any(question.option(value) is not None for value in values):
            return _several_choices_hint(question, words, values, column=column)
    if isinstance(written, str) and written.strip() != written and question.option(written.strip()) is not None:
        return _without_spaces(written)
    if question.type is QuestionType.SCALE and isinstance(written, str):
        # A scale point in another script's digits ('٣'), as number answers are told (a review in
        # Arabic and Farsi): "choose '1', '2' or '3'" asked for what its writer saw written.
        rewritten = number_rewritten(written)
        if rewritten is not None and _SCALE_POINT.fullmatch(rewritten[0]) and question.option(int(rewritten[0])):
            return f"; write {rewritten[0]} {rewritten[1]}"
    # An option's label typed for its value ("I don't know" for unsure): every report shows labels.
    labels = {str(option.value): option.label for option in question.options if option.label}
    return did_you_mean(written, choices, labels, noun="value")


#: What a person types between several choices on one line: a comma, a semicolon, a slash, a
#: vertical bar, an ampersand, a plus or the word "and" (spaces around any of them or not), or
#: spaces alone, as KoboToolbox and ODK part them in a column of choices.
_CHOICE_SEPARATOR = r"\s*(?:[,;/|&+]|(?<![\w-])and(?![\w-]))\s*|\s+"  # compiled on first need, by re


def choice_words(written: str) -> list[str]:
    """The words of a line that may name several choices: ``['a', 'b']`` for ``a, b``, ``a;b``,
    ``a and b`` or ``a b``."""
    return [word for word in re.split(_CHOICE_SEPARATOR, written.strip()) if word]


def _several_choices_hint(question: Question, words: list[str], values: list[object], *, column: bool) -> str:
    """How several choices are written, with the choices ``words`` names when they are a list the
    check takes: every word an option, each once, and none that must stand alone among others."""
    takes = (
        all(question.option(value) is not None for value in values)
        and len(set(values)) == len(values)
        and exclusive_conflict(question, values) is None
    )
    if column:
        return "; several choices are parted by spaces in this column" + (f": {' '.join(words)}" if takes else "")
    return "; several choices are written as a list" + (f": [{', '.join(words)}]" if takes else ", in square brackets")


def _options_as_written(question: Question, items: list[Any]) -> bool:
    """Whether a multiple choice answer is options written as text exactly as the rubric writes
    them, each once, and no option that must stand alone beside others: one
    :meth:`_AnswersChecker._choices` takes as it is, with nothing to say (an option written in
    another Unicode form is checked in full, which keeps the rubric's form). An empty list is
    not: it is no answer."""
    return (
        bool(items)
        and all(type(item) is str and item in question.option_answers for item in items)
        and len(set(items)) == len(items)
        and exclusive_conflict(question, items) is None
    )


def _clean_note(note: Any) -> str | None:
    if note is None:
        return None
    text = str(note).strip()
    return text or None


def _is_whole_number(value: Any) -> bool:
    """An int, and not a boolean (``True == 1`` in Python, so ``true`` would be scale point 1)."""
    return isinstance(value, int) and not isinstance(value, bool)
