"""The typed model of a rubric and of one respondent's answers.

Loaders turn YAML into these objects only after every check has passed, so the scoring,
the questionnaire and the renderers can trust them without checking again.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Union


class Severity(enum.Enum):
    """How bad a finding is. Ordered: ``Severity.CRITICAL.rank`` is the highest."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def most_severe_first(cls) -> list[Severity]:
        return sorted(cls, key=lambda severity: -severity.rank)


_SEVERITY_RANK = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}


class QuestionType(enum.Enum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    SCALE = "scale"
    NUMBER = "number"
    TEXT = "text"

    @property
    def has_options(self) -> bool:
        return self in _OPTION_TYPES


_OPTION_TYPES = {
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.YES_NO,
    QuestionType.SCALE,
}

#: The standard values of a yes/no question and how they read when the rubric gives no label.
YES_NO_LABELS = {"yes": "Yes", "no": "No", "unsure": "Unsure", "na": "Not applicable"}

#: An answer value after loading: option value(s), a number, or text.
AnswerValue = Union[str, int, float, tuple[Union[str, int], ...]]  # noqa: UP007 (a runtime alias on 3.10)


# --- Conditions: declarative tests on answers, never code ---------------------------------------


@dataclass(frozen=True)
class Compare:
    """``question`` tested with ``operator`` against ``operand`` (see ``conditions.py``)."""

    question: str
    operator: str
    operand: Any


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    condition: Condition


Condition = Union[Compare, AllOf, AnyOf, Not]  # noqa: UP007 (a runtime alias on 3.10)


def referenced_questions(condition: Condition | None) -> Iterator[str]:
    """Every question id a condition looks at, in the order written."""
    if condition is None:
        return
    if isinstance(condition, Compare):
        yield condition.question
    elif isinstance(condition, Not):
        yield from referenced_questions(condition.condition)
    else:
        for part in condition.conditions:
            yield from referenced_questions(part)


# --- The rubric ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingSpec:
    """A finding as the rubric defines it, before any answer raises it."""

    severity: Severity
    title: str
    recommendation: str
    explanation: str | None = None


@dataclass(frozen=True)
class Option:
    value: str | int
    label: str
    score: float | None
    description: str | None = None
    not_applicable: bool = False
    exclusive: bool = False
    finding: FindingSpec | None = None


@dataclass(frozen=True)
class Band:
    """Numeric answers from ``minimum`` (included) to ``maximum`` (excluded); None is open."""

    minimum: float | None
    maximum: float | None
    score: float | None
    label: str | None = None
    finding: FindingSpec | None = None

    def contains(self, number: float) -> bool:
        above = self.minimum is None or number >= self.minimum
        below = self.maximum is None or number < self.maximum
        return above and below

    def describe(self) -> str:
        if self.label:
            return self.label
        if self.minimum is None and self.maximum is None:
            return "any value"
        if self.minimum is None:
            return f"below {self.maximum:g}"
        if self.maximum is None:
            return f"{self.minimum:g} or more"
        return f"{self.minimum:g} to under {self.maximum:g}"


@dataclass(frozen=True)
class Question:
    id: str
    area_id: str
    title: str
    prompt: str
    type: QuestionType
    help: str | None = None
    weight: float = 1.0
    required: bool = True
    roles: tuple[str, ...] | None = None
    when: Condition | None = None
    options: tuple[Option, ...] = ()
    scoring: str = "sum"
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str | None = None
    bands: tuple[Band, ...] = ()
    text_score: float | None = None

    def option(self, value: object) -> Option | None:
        """The option whose value is ``value``, or None."""
        try:
            return self._options_by_value.get(value)  # type: ignore[arg-type]
        except TypeError:  # an unhashable value (a list) is no option's value
            return None

    @cached_property
    def _options_by_value(self) -> dict[object, Option]:
        # Scoring looks options up for every answer of every respondent; a dict keeps that flat.
        return {option.value: option for option in self.options}

    @property
    def scored(self) -> bool:
        """Whether an answer to this question can change the score at all."""
        if self.weight == 0:
            return False
        if self.type is QuestionType.NUMBER:
            return any(band.score is not None for band in self.bands)
        if self.type is QuestionType.TEXT:
            return self.text_score is not None
        return any(option.score is not None for option in self.options)

    def asked_of(self, role: str) -> bool:
        """Whether a respondent in ``role`` is asked this question; a blank role is asked all."""
        return self.roles is None or not role or role in self.roles


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    questions: tuple[Question, ...]
    description: str | None = None
    weight: float = 1.0


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    description: str | None = None
    expected: bool = False
    missing_severity: Severity = Severity.HIGH
    weight: float = 1.0


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    finding: FindingSpec
    description: str | None = None


@dataclass(frozen=True)
class Verdict:
    id: str
    label: str
    description: str | None = None
    min_score: float | None = None
    max_severity: Severity | None = None
    min_coverage: float | None = None


@dataclass(frozen=True)
class Change:
    version: str
    summary: str
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    id: str
    version: str
    title: str
    description: str
    license: str
    authors: tuple[str, ...]
    roles: tuple[Role, ...]
    areas: tuple[Area, ...]
    verdicts: tuple[Verdict, ...]
    rules: tuple[Rule, ...] = ()
    changes: tuple[Change, ...] = ()
    divergence_threshold: float = 0.4
    combine: str = "role_weighted_mean"
    #: The file the rubric was read from, as reports name it: ``bundled: NAME.yaml`` for a
    #: bundled rubric, else the path as given.
    source: str = ""
    #: SHA-256 of the rubric file's bytes, so a report says exactly which rubric text it applied.
    sha256: str = ""
    _questions: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._questions.update({q.id: q for area in self.areas for q in area.questions})

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order they are asked."""
        return tuple(self._questions.values())

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    def role(self, role_id: str) -> Role | None:
        return next((role for role in self.roles if role.id == role_id), None)

    def area(self, area_id: str) -> Area:
        return next(area for area in self.areas if area.id == area_id)


# --- Answers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One answer: ``value`` is None when the question was left blank (a note may still exist)."""

    value: AnswerValue | None
    note: str | None = None

    @property
    def answered(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Respondent:
    role: str
    name: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class AnswerSet:
    """One respondent's answers about one initiative, for one rubric version."""

    rubric_id: str
    rubric_version: str
    initiative: str
    respondent: Respondent
    answers: dict[str, Answer]
    date: str | None = None
    source: str = ""

    def value(self, question_id: str) -> AnswerValue | None:
        answer = self.answers.get(question_id)
        return answer.value if answer else None

    def note(self, question_id: str) -> str | None:
        answer = self.answers.get(question_id)
        return answer.note if answer else None
