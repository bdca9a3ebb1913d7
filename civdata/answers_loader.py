"""Load one respondent's answers file and check it against the rubric it was made for.

An answers file is written by hand, by ``civdata template`` or by ``civdata assess``. Whatever
wrote it, every answer is checked against its question: the option exists (with a "did you mean"
when it does not), the number is in range, the list holds no option twice. Blank answers are
simply unanswered, so a half-filled template loads and reports what is left to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civdata.model import Answer, AnswerSet, AnswerValue, Question, QuestionType, Respondent, Rubric
from civdata.problems import InputError, Problem, did_you_mean, quoted_list
from civdata.schemacheck import located_schema_problems
from civdata.yamlsource import DataPath, YamlDocument, read_yaml_file, worth_checking


def read_answers_document(path: Path, source: str | None = None, *, role: str = "an answers file") -> YamlDocument:
    """Read an answers file and check its shape, before the rubric is known. ``role`` is what the
    file is to this run (see :func:`civdata.safe_read.read_regular_file`)."""
    document, problems = read_yaml_file(path, source, role=role)
    if worth_checking(document) or not problems:
        problems.extend(answers_shape_problems(document))
    if problems:
        raise InputError(problems)
    return document


def answers_shape_problems(document: YamlDocument) -> list[Problem]:
    return check_answers_shape(document).problems


@dataclass(frozen=True)
class ShapeCheck:
    """The schema's verdict on an answers document, before the rubric is known.

    ``usable`` says whether the parts the rubric checks rely on (rubric, respondent, answers) are
    sound, so those checks can still run and report everything at once; ``reported`` names the
    answers the schema has already complained about, which those checks then leave alone.
    """

    problems: list[Problem]
    usable: bool
    reported: frozenset[str] = frozenset()


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
    usable = not any(
        (not path) or path[0] in blocking or (path[0] == "answers" and len(path) == 1) for path, _ in located
    )
    reported = frozenset(str(path[1]) for path, _ in located if len(path) >= 2 and path[0] == "answers")
    return ShapeCheck([problem for _, problem in located], usable, reported)


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

    Answers in ``already_reported`` had schema problems and are not checked again.
    """
    checker = _AnswersChecker(document, rubric, already_reported)
    answer_set = checker.check()
    if checker.problems:
        raise InputError(checker.problems)
    return answer_set


def _version_parts(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def changed_since(rubric: Rubric, version: str) -> list[str]:
    """Questions the rubric's changelog says changed after ``version``, in rubric order."""
    since = _version_parts(version)
    changed: list[str] = []
    for change in rubric.changes:
        if _version_parts(change.version) > since:
            changed.extend(qid for qid in change.questions if qid not in changed)
    return changed


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
        self._check_rubric_reference(data["rubric"]["id"], data["rubric"]["version"])
        respondent = data["respondent"]
        role = (respondent.get("role") or "").strip()
        if role and self.rubric.role(role) is None:
            role_ids = [known.id for known in self.rubric.roles]
            self.problem(
                ("respondent", "role"),
                f"role '{role}' is not one of the rubric's roles {quoted_list(role_ids)}"
                + did_you_mean(role, role_ids),
            )
        answers: dict[str, Answer] = {}
        for question_id, raw in (data.get("answers") or {}).items():
            path = ("answers", question_id)
            if not self.rubric.has_question(question_id):
                self.problem(
                    path,
                    f"there is no question '{question_id}' in rubric '{self.rubric.id}' "
                    f"{self.rubric.version}" + did_you_mean(question_id, [q.id for q in self.rubric.questions]),
                    key=True,
                )
                continue
            if question_id in self.already_reported:
                continue
            if isinstance(raw, dict):
                value, note, value_path = raw.get("value"), raw.get("note"), (*path, "value")
            else:
                value, note, value_path = raw, None, path
            question = self.rubric.question(question_id)
            normalised = self._value(question, value, value_path)
            answers[question_id] = Answer(normalised, _clean_note(note))
        return AnswerSet(
            rubric_id=data["rubric"]["id"],
            rubric_version=data["rubric"]["version"],
            initiative=(data.get("initiative") or "").strip(),
            respondent=Respondent(
                role=role,
                name=_clean_note(respondent.get("name")),
                organisation=_clean_note(respondent.get("organisation")),
            ),
            answers=answers,
            date=data.get("date"),
            source=self.document.source,
        )

    def _check_rubric_reference(self, rubric_id: str, version: str) -> None:
        if rubric_id != self.rubric.id:
            self.problem(
                ("rubric", "id"),
                f"these answers are for rubric '{rubric_id}', but the rubric given is "
                f"'{self.rubric.id}'; pass the right one with --rubric",
            )
            return
        if _version_parts(version)[:2] == _version_parts(self.rubric.version)[:2]:
            return
        if _version_parts(version) > _version_parts(self.rubric.version):
            self.problem(
                ("rubric", "version"),
                f"these answers are for version {version} of '{rubric_id}', which is newer than the "
                f"rubric given ({self.rubric.version}); use a newer rubric or civdata",
            )
            return
        changed = changed_since(self.rubric, version)
        what = (
            f"questions changed since then: {quoted_list(changed, limit=30)}"
            if changed
            else "the rubric does not record which questions changed, so review every answer"
        )
        self.problem(
            ("rubric", "version"),
            f"these answers were made for version {version} of '{rubric_id}', but the rubric is "
            f"{self.rubric.version}; {what}. Review those answers, then set the version to "
            f"{self.rubric.version}",
        )

    def _value(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        """The answer in its checked, normal form, or None when blank or wrong (and reported)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kind = question.type
        if kind is QuestionType.TEXT:
            return str(value).strip() if not isinstance(value, (list, dict)) else self._wrong(question, path, "text")
        if kind is QuestionType.NUMBER:
            return self._number(question, value, path)
        if kind is QuestionType.MULTIPLE_CHOICE:
            return self._choices(question, value, path)
        return self._choice(question, value, path)

    def _wrong(self, question: Question, path: DataPath, expected: str) -> None:
        self.problem(path, f"the answer to '{question.id}' must be {expected}")
        return None

    def _option_values(self, question: Question) -> list[str | int]:
        return [option.value for option in question.options]

    def _choice(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        if isinstance(value, (list, dict)):
            return self._wrong(question, path, f"one of {quoted_list(self._option_values(question))}")
        if question.type is QuestionType.YES_NO and isinstance(value, bool):
            value = "yes" if value else "no"
        if question.type is QuestionType.SCALE:
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                value = int(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if question.option(value) is None:
            choices = self._option_values(question)
            hint = did_you_mean(value, choices)
            if question.type is QuestionType.YES_NO and value in ("unsure", "na"):
                hint = f"; this question does not offer '{value}'"
            self.problem(
                path,
                f"'{value}' is not an answer to '{question.id}'; choose {quoted_list(choices)}{hint}",
            )
            return None
        return value

    def _choices(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, (list, dict)) for item in items):
            return self._wrong(question, path, "a list of option values")
        chosen: list[str] = []
        valid = True
        for index, item in enumerate(items):
            item_path = (*path, index) if isinstance(value, list) else path
            text = str(item) if not isinstance(item, bool) else item
            if question.option(text) is None:
                choices = self._option_values(question)
                self.problem(
                    item_path,
                    f"'{item}' is not an option of '{question.id}'; choose from {quoted_list(choices)}"
                    + did_you_mean(item, choices),
                )
                valid = False
            elif text in chosen:
                self.problem(item_path, f"'{item}' is listed twice in the answer to '{question.id}'")
                valid = False
            else:
                chosen.append(text)  # type: ignore[arg-type]
        exclusive = [item for item in chosen if question.option(item).exclusive]  # type: ignore[union-attr]
        if exclusive and len(chosen) > 1:
            label = question.option(exclusive[0]).label  # type: ignore[union-attr]
            self.problem(
                path,
                f"'{exclusive[0]}' ({label}) cannot be chosen together with other options of '{question.id}'",
            )
            valid = False
        if not valid:
            return None
        return tuple(chosen) if chosen else None

    def _number(self, question: Question, value: Any, path: DataPath) -> AnswerValue | None:
        number = value
        if isinstance(value, str):
            try:
                number = float(value) if any(c in value for c in ".eE") else int(value)
            except ValueError:
                number = None
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            return self._wrong(question, path, "a number" + (f" of {question.unit}" if question.unit else ""))
        if number != number or number in (float("inf"), float("-inf")):
            return self._wrong(question, path, "a finite number")
        if question.integer and number != int(number):
            return self._wrong(question, path, "a whole number")
        if question.integer:
            number = int(number)
        if question.minimum is not None and number < question.minimum:
            return self._wrong(question, path, f"at least {question.minimum:g}, not {number:g}")
        if question.maximum is not None and number > question.maximum:
            return self._wrong(question, path, f"at most {question.maximum:g}, not {number:g}")
        return number


def _clean_note(note: Any) -> str | None:
    if note is None:
        return None
    text = str(note).strip()
    return text or None
