"""Compiled conditions against the rules they implement, on generated conditions and answers.

``civdata.conditions`` turns each condition into closures once, for speed. This test keeps a
plain reading of the rules written out here (three-valued logic as in the module docstring: a
question left blank is possibly true in every test but a plain ``answered: false``, which is true
(the second review of verdicts: ``answered: true`` was false there); an "I don't know" answer is
possibly true unless the test names it; a test on a question the role is not asked is false, under
any number of ``not``) and checks that the compiled form agrees with it on thousands of random
condition trees and answer states over the mini rubric, including the same condition object
evaluated against many states (the compiled form keeps nothing of a state).
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from civdata.conditions import AnswerState, Truth, contributing_answers, evaluate
from civdata.model import AllOf, AnyOf, Compare, Condition, Not, QuestionType, Rubric, ScoreTest

CASES = 3000


def reference(condition: Condition, state: AnswerState, nots: int = 0) -> Truth:
    """The truth of a condition, read straight from the rules, without any compilation. ``nots``:
    how many ``not`` the condition is under, so that a test on a question not asked is read as
    whatever makes it false where it is written."""
    if isinstance(condition, AllOf):
        truths = [reference(part, state, nots) for part in condition.conditions]
        return Truth.FALSE if Truth.FALSE in truths else Truth.POSSIBLE if Truth.POSSIBLE in truths else Truth.TRUE
    if isinstance(condition, AnyOf):
        truths = [reference(part, state, nots) for part in condition.conditions]
        return Truth.TRUE if Truth.TRUE in truths else Truth.POSSIBLE if Truth.POSSIBLE in truths else Truth.FALSE
    if isinstance(condition, Not):
        inner = reference(condition.condition, state, nots + 1)
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(inner, Truth.POSSIBLE)
    if isinstance(condition, ScoreTest):
        score = state.scores.get(condition.target)
        return Truth.TRUE if score is not None and _holds(condition.operator, score, condition.operand) else Truth.FALSE
    assert isinstance(condition, Compare)
    if condition.question in state.not_asked:
        return Truth.TRUE if nots % 2 else Truth.FALSE  # false once the nots above are read
    value = state.answers.get(condition.question)
    if condition.operator == "answered":
        if condition.question in state.blank:
            # It could be any answer, and so an answer; ``answered: false`` states the blank itself.
            return Truth.TRUE if not condition.operand and not nots % 2 else Truth.POSSIBLE
        return Truth.TRUE if (value is not None) == bool(condition.operand) else Truth.FALSE
    if value is None:
        return Truth.POSSIBLE if condition.question in state.blank else Truth.FALSE
    if _passes(condition, value):
        return Truth.TRUE
    chosen = value if isinstance(value, tuple) else (value,)
    unknown = state.rubric.question(condition.question).unknown_values
    return Truth.POSSIBLE if any(item in unknown for item in chosen) else Truth.FALSE


def reference_contributing(condition: Condition, state: AnswerState) -> set[str]:
    if not reference(condition, state).possible or isinstance(condition, ScoreTest):
        return set()
    if isinstance(condition, (AllOf, AnyOf)):
        found: set[str] = set()
        for part in condition.conditions:
            found |= reference_contributing(part, state)
        return found
    if isinstance(condition, Not):
        return {
            question
            for question in _tested(condition.condition)
            if question in state.answers or question in state.blank
        }
    assert isinstance(condition, Compare)
    return {condition.question}


def _tested(condition: Condition) -> list[str]:
    if isinstance(condition, Compare):
        return [condition.question]
    if isinstance(condition, Not):
        return _tested(condition.condition)
    if isinstance(condition, (AllOf, AnyOf)):
        return [question for part in condition.conditions for question in _tested(part)]
    return []


def _passes(condition: Compare, value: object) -> bool:
    operand = condition.operand
    if condition.operator == "equals":
        return value == operand
    if condition.operator == "in":
        return value in operand
    if condition.operator == "includes":
        chosen = value if isinstance(value, tuple) else (value,)
        wanted = operand if isinstance(operand, (list, tuple)) else (operand,)
        return any(item in chosen for item in wanted)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return _holds(condition.operator, value, operand)


def _holds(operator: str, value: float, operand: float) -> bool:
    return {"gt": value > operand, "gte": value >= operand, "lt": value < operand, "lte": value <= operand}[operator]


def random_value(rubric: Rubric, question_id: str, chooser: random.Random) -> object:
    question = rubric.question(question_id)
    values = [option.value for option in question.options]
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return tuple(chooser.sample(values, chooser.randint(1, min(3, len(values)))))
    if question.type is QuestionType.NUMBER:
        return chooser.choice([0, 3, 6, 12, 24.5, 100])
    if question.type is QuestionType.TEXT:
        return "some text"
    return chooser.choice(values)


def random_compare(rubric: Rubric, chooser: random.Random) -> Compare:
    question = chooser.choice(rubric.questions)
    operator = chooser.choice(["equals", "in", "includes", "answered", "gt", "gte", "lt", "lte"])
    if operator == "answered":
        return Compare(question.id, operator, chooser.random() < 0.5)
    if operator in ("gt", "gte", "lt", "lte"):
        return Compare(question.id, operator, chooser.choice([0, 5, 12, 50]))
    sample = random_value(rubric, question.id, chooser)
    if operator == "in":
        return Compare(question.id, operator, [sample, random_value(rubric, question.id, chooser)])
    return Compare(question.id, operator, sample)


def random_condition(rubric: Rubric, chooser: random.Random, depth: int = 0) -> Condition:
    pick = chooser.random()
    if depth >= 3 or pick < 0.4:
        if chooser.random() < 0.15:
            return ScoreTest(chooser.choice(["overall", rubric.areas[0].id]), "gte", chooser.choice([0, 50, 80]))
        return random_compare(rubric, chooser)
    if pick < 0.55:
        return Not(random_condition(rubric, chooser, depth + 1))
    parts = tuple(random_condition(rubric, chooser, depth + 1) for _ in range(chooser.randint(1, 4)))
    return AllOf(parts) if pick < 0.8 else AnyOf(parts)


def random_state(rubric: Rubric, chooser: random.Random) -> AnswerState:
    answers: dict[str, object] = {}
    blank: set[str] = set()
    not_asked: set[str] = set()
    for question in rubric.questions:
        draw = chooser.random()
        if draw < 0.6:
            answers[question.id] = random_value(rubric, question.id, chooser)
        elif draw < 0.8:
            blank.add(question.id)
        elif draw < 0.9:
            not_asked.add(question.id)  # else skipped by its own `when`
    scores: Mapping[str, float | None] = {
        "overall": chooser.choice([None, 10.0, 55.0, 90.0]),
        rubric.areas[0].id: chooser.choice([None, 40.0, 85.0]),
    }
    return AnswerState(
        rubric,
        answers,  # type: ignore[arg-type]
        frozenset(blank),
        scores=scores,
        not_asked=frozenset(not_asked),
    )


def test_compiled_conditions_agree_with_the_rules(mini_rubric) -> None:
    chooser = random.Random(20261126)
    conditions = [random_condition(mini_rubric, chooser) for _ in range(CASES // 10)]
    checked = set()
    for index in range(CASES):
        condition = conditions[index % len(conditions)]  # each condition meets about ten states
        state = random_state(mini_rubric, chooser)
        expected = reference(condition, state)
        assert evaluate(condition, state) is expected, (condition, state.answers, state.blank)
        questions = {question for question, _ in contributing_answers(condition, state)}
        assert questions == reference_contributing(condition, state), condition
        checked.add(expected)
    assert checked == set(Truth), "the generated cases should reach all three truth values"


def test_equal_conditions_written_twice_are_evaluated_separately(mini_rubric) -> None:
    first = Compare("sensitive", "equals", "yes")
    second = Compare("sensitive", "equals", "yes")
    state = AnswerState(mini_rubric, {"sensitive": "yes"})
    other = AnswerState(mini_rubric, {"sensitive": "no"})
    assert evaluate(first, state) is Truth.TRUE
    assert evaluate(second, other) is Truth.FALSE
    assert evaluate(first, other) is Truth.FALSE
