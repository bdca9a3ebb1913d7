"""Evaluate the declarative conditions of a rubric (``when`` on questions, rules and verdicts).

Conditions are data, not code: a small, closed set of operators over answers that were given and
apply, and over computed scores. Nothing read from a file is ever evaluated as an expression.

Three truth values, because "I don't know" is an answer. A test on a question answered "I don't
know" is *possibly* true unless the test names that answer itself: the respondent could not rule
out any answer. Parts combine as in three-valued (Kleene) logic. Callers decide what "possibly"
means for them, always the cautious way: a rule that possibly holds raises its finding, a
follow-up that possibly applies is asked, a verdict that only possibly holds is not given. So an
"I don't know" can never hide a risk that a known answer would reveal.

A blank (unanswered) question is no answer at all. In a rule or a verdict a test on it is false,
except ``answered: false``. In a question's ``when`` it is possibly true, so the follow-up is
asked rather than passed over as if it were not needed.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from civdata.model import AllOf, AnswerValue, AnyOf, Compare, Condition, Not, Rubric, ScoreTest

#: Every operator a ``question`` condition may use.
OPERATORS = ("equals", "in", "includes", "answered", "gt", "gte", "lt", "lte")
NUMERIC_OPERATORS = ("gt", "gte", "lt", "lte")
#: The word in a condition that names a score test, and the target that means the overall score.
SCORE_KEY = "score"
OVERALL = "overall"


class Truth(enum.Enum):
    FALSE = 0
    POSSIBLE = 1
    TRUE = 2

    @property
    def possible(self) -> bool:
        """True or possibly true: what rules and follow-ups act on."""
        return self is not Truth.FALSE


@dataclass(frozen=True)
class AnswerState:
    """What conditions are evaluated against.

    ``answers``: the answered questions that apply (id -> value). ``blank``: questions that apply
    and were left blank. ``scores``: computed 0-100 scores by area id and ``overall`` (rules and
    verdicts only). ``blank_is_possible`` says how a blank reads (see the module docstring).
    """

    rubric: Rubric
    answers: Mapping[str, AnswerValue]
    blank: AbstractSet[str] = frozenset()
    scores: Mapping[str, float | None] = field(default_factory=dict)
    blank_is_possible: bool = False


def evaluate(condition: Condition, state: AnswerState) -> Truth:
    """The truth of ``condition`` for ``state``, in three values."""
    if isinstance(condition, AllOf):
        return _all(evaluate(part, state) for part in condition.conditions)
    if isinstance(condition, AnyOf):
        return _any(evaluate(part, state) for part in condition.conditions)
    if isinstance(condition, Not):
        return _not(evaluate(condition.condition, state))
    if isinstance(condition, ScoreTest):
        return _score_test(condition, state.scores.get(condition.target))
    return _compare_answer(condition, state)


def _all(truths: Iterator[Truth]) -> Truth:
    result = Truth.TRUE
    for truth in truths:
        if truth is Truth.FALSE:
            return Truth.FALSE
        if truth is Truth.POSSIBLE:
            result = Truth.POSSIBLE
    return result


def _any(truths: Iterator[Truth]) -> Truth:
    result = Truth.FALSE
    for truth in truths:
        if truth is Truth.TRUE:
            return Truth.TRUE
        if truth is Truth.POSSIBLE:
            result = Truth.POSSIBLE
    return result


_NEGATION = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}


def _not(truth: Truth) -> Truth:
    return _NEGATION.get(truth, Truth.POSSIBLE)


def _score_test(test: ScoreTest, score: float | None) -> Truth:
    if score is None or not math.isfinite(score):
        return Truth.FALSE
    return Truth.TRUE if _numeric(test.operator, score, test.operand) else Truth.FALSE


def _compare_answer(condition: Compare, state: AnswerState) -> Truth:
    value = state.answers.get(condition.question)
    if condition.operator == "answered":
        return Truth.TRUE if (value is not None) is bool(condition.operand) else Truth.FALSE
    if value is None:
        blank_possible = state.blank_is_possible and condition.question in state.blank
        return Truth.POSSIBLE if blank_possible else Truth.FALSE
    if matches(condition, value):
        return Truth.TRUE
    unknown = state.rubric.question(condition.question).unknown_values
    if not unknown:
        return Truth.FALSE
    chosen = value if isinstance(value, tuple) else (value,)
    return Truth.POSSIBLE if any(item in unknown for item in chosen) else Truth.FALSE


def matches(condition: Compare, value: AnswerValue) -> bool:
    """Whether a given answer passes a test, taking the answer at its word."""
    operator, operand = condition.operator, condition.operand
    if operator == "equals":
        return value == operand
    if operator == "in":
        return value in operand
    if operator == "includes":
        chosen = value if isinstance(value, tuple) else (value,)
        wanted = operand if isinstance(operand, (list, tuple)) else (operand,)
        return any(item in chosen for item in wanted)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    return _numeric(operator, value, operand)


def _numeric(operator: str, value: float, operand: float) -> bool:
    if operator == "gt":
        return value > operand
    if operator == "gte":
        return value >= operand
    if operator == "lt":
        return value < operand
    if operator == "lte":
        return value <= operand
    raise ValueError(f"unknown condition operator {operator!r}")


def contributing_questions(condition: Condition, state: AnswerState) -> set[str]:
    """The questions whose answers make ``condition`` (possibly) hold.

    A rule's finding takes the place of the findings those answers raise by themselves: it states
    the same fact in its context, so the report says it once. Parts of an ``any`` that do not
    hold contribute nothing; under a ``not``, the answers tested are what made it hold.
    """
    if isinstance(condition, (AllOf, AnyOf)):
        if not evaluate(condition, state).possible:
            return set()
        found: set[str] = set()
        for part in condition.conditions:
            if evaluate(part, state).possible:
                found |= contributing_questions(part, state)
        return found
    if isinstance(condition, Not):
        if not evaluate(condition, state).possible:
            return set()
        return {question for question in _tested(condition.condition) if question in state.answers}
    if isinstance(condition, ScoreTest):
        return set()
    return {condition.question} if evaluate(condition, state).possible else set()


def _tested(condition: Condition) -> Iterator[str]:
    if isinstance(condition, Compare):
        yield condition.question
    elif isinstance(condition, Not):
        yield from _tested(condition.condition)
    elif isinstance(condition, (AllOf, AnyOf)):
        for part in condition.conditions:
            yield from _tested(part)
