"""Tests that never hold together: an ``all`` whose tests no answers satisfy at once."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from civdata.conditions import NUMERIC_OPERATORS, OPERATORS
from civdata.describe import COMPARISONS
from civdata.possible_answers import (
    NUMBER_TYPES,
    NumberAnswers,
    is_number,
    number_answers,
    tested_interval,
)
from civdata.problems import Problem, quoted_list
from civdata.records import record
from civdata.rubric_checks.index import QuestionEntry, RubricIndex, items
from civdata.rubric_data import yes_no_word
from civdata.wording import number_words
from civdata.yamlsource import DataPath

_TOGETHER = "so these tests never hold together in one 'all'; keep one of them, or join them with 'any'"


def check_contradictions(index: RubricIndex) -> Iterator[Problem]:
    """Tests of one question joined by ``all`` that no one answer passes together, though each
    can hold alone (a test that never holds alone is refused by :func:`check_conditions`, and left
    out here): ``equals: yes`` beside ``equals: no``, ``includes`` an exclusive option beside
    another option, two number ranges that do not meet. Such an ``all`` never holds, so its rule
    never fires and its follow-up is never asked (and counts as met), as a single test that never
    holds; said at the test that leaves no answer, naming the tests before it.

    Only tests of the same question side by side in one ``all`` are compared: what any answer can
    be is known per question (its options, its range), so this is exact for them. Whether a whole
    condition can hold (tests nested under ``any`` or ``not``, several questions that rule each
    other out) is not judged: that is general satisfiability, and a rubric rarely needs it."""
    roots = [(entry.data.get("when"), (*entry.path, "when")) for entry in index.every_question()]
    roots += [
        (item.get("when"), (key, position, "when"))
        for key in ("rules", "verdicts")
        for position, item in items(index.data.get(key))
    ]
    for condition, path in roots:
        for parts in _all_lists(condition, path):
            yield from _contradictions(index, parts)


def _all_lists(condition: Any, path: DataPath) -> Iterator[list[tuple[dict[str, Any], DataPath]]]:
    """The tests directly under each ``all`` of a condition, with their places, however deep (the
    depth is bounded by :func:`condition_depth_problems`)."""
    if not isinstance(condition, dict):
        return
    for key in ("all", "any"):
        parts = condition.get(key)
        if not isinstance(parts, list):
            continue
        places = [(part, (*path, key, position)) for position, part in enumerate(parts)]
        if key == "all":
            yield [(part, where) for part, where in places if isinstance(part, dict) and "question" in part]
        for part, where in places:
            yield from _all_lists(part, where)
    if "not" in condition:
        yield from _all_lists(condition["not"], (*path, "not"))


def _contradictions(index: RubricIndex, tests: list[tuple[dict[str, Any], DataPath]]) -> Iterator[Problem]:
    """The first test of each question in one ``all`` after which no answer passes them all."""
    seen: dict[str, list[tuple[str, Any]]] = {}
    said: set[str] = set()
    for test, path in tests:
        question_id = test.get("question")
        operators = [key for key in OPERATORS if key in test]
        if not isinstance(question_id, str) or question_id not in index.questions or len(operators) != 1:
            continue  # refused by the schema or check_conditions
        entry, (operator,) = index.questions[question_id], operators
        answers = _Answers.of(entry)
        tested = (operator, test[operator])
        if answers is None or operator == "answered" or question_id in said or not answers.passing([tested]):
            continue  # not judged, said once already, or never true alone (refused as such)
        tried = [*seen.setdefault(question_id, []), tested]
        if answers.passing(tried):
            seen[question_id] = tried
        else:
            said.add(question_id)  # once per question and 'all'
            yield index.problem((*path, operator), answers.message(question_id, tried))


@record
class _Answers:
    """The answers a question can have, for telling whether tests can hold together: each choice
    of a single answer, or the answers of a multiple choice that matter (an exclusive option
    alone, and every other option ticked at once: ``includes`` holds of more ticks whenever it
    holds of fewer), or a range of numbers."""

    kind: str
    choices: tuple[frozenset[Any], ...] = ()
    numbers: NumberAnswers | None = None
    exclusive: tuple[str, ...] = ()

    @staticmethod
    def of(entry: QuestionEntry) -> _Answers | None:
        kind = entry.type
        if kind is None:
            return None
        values = [option.get("value") for _, option in items(entry.data.get("options"))]
        if kind in ("yes_no", "single_choice"):
            return _Answers(kind, tuple(frozenset({value}) for value in values if isinstance(value, str)))
        if kind == "multiple_choice":
            alone = [
                option["value"]
                for _, option in items(entry.data.get("options"))
                if option.get("exclusive") is True and isinstance(option.get("value"), str)
            ]
            others = frozenset(value for value in values if isinstance(value, str) and value not in alone)
            choices = tuple(frozenset({value}) for value in alone) + ((others,) if others else ())
            return _Answers(kind, choices, exclusive=tuple(alone))
        numbers = number_answers(entry.data) if kind in NUMBER_TYPES else None
        return None if numbers is None else _Answers(kind, numbers=numbers)

    def passing(self, tests: list[tuple[str, Any]]) -> bool:
        """Whether some answer passes every test; a test of an operator this kind of question is
        not tested with is refused by :func:`check_conditions` and taken as met here."""
        if self.numbers is not None:
            return self._numbers_pass(tests)
        return any(
            all(self._passes(choice, operator, operand) for operator, operand in tests) for choice in self.choices
        )

    def _passes(self, choice: frozenset[Any], operator: str, operand: Any) -> bool:
        wanted = operand if isinstance(operand, list) else [operand]
        if self.kind == "yes_no":
            wanted = [yes_no_word(value) for value in wanted]
        if operator == "includes" and self.kind == "multiple_choice":
            return any(value in choice for value in wanted)
        if operator in ("equals", "in") and self.kind != "multiple_choice":
            return any(value in choice for value in wanted) if operator == "in" else wanted == [*choice]
        return True

    def _numbers_pass(self, tests: list[tuple[str, Any]]) -> bool:
        numbers = self.numbers
        assert numbers is not None
        low, low_in, high, high_in = -math.inf, False, math.inf, False
        allowed: set[float] | None = None
        for operator, operand in tests:
            if operator == "in" and isinstance(operand, list):
                listed = {value for value in operand if is_number(value)}
                allowed = listed if allowed is None else allowed & listed
            elif operator in NUMERIC_OPERATORS or operator == "equals":
                if not is_number(operand):
                    continue
                t_low, t_low_in, t_high, t_high_in = tested_interval(operator, operand)
                if (t_low, not t_low_in) > (low, not low_in):
                    low, low_in = t_low, t_low_in
                if (t_high, t_high_in) < (high, high_in):
                    high, high_in = t_high, t_high_in
        interval = (low, low_in, high, high_in)
        if allowed is not None:
            return any(numbers.admits((value, True, value, True)) and _within(value, interval) for value in allowed)
        return (low < high or (low == high and low_in and high_in)) and numbers.admits(interval)

    def message(self, question_id: str, tests: list[tuple[str, Any]]) -> str:
        said = " and ".join(_test_words(operator, operand, self.kind) for operator, operand in tests)
        if self.numbers is not None:
            why = f"its answers are {self.numbers.words}"
        elif self.kind == "multiple_choice":
            named = [
                value for operator, operand in tests for value in (operand if isinstance(operand, list) else [operand])
            ]
            alone = [value for value in self.exclusive if value in named]
            why = f"{quoted_list(alone)} {'is' if len(alone) == 1 else 'are'} exclusive, ticked alone"
        else:
            why = "it has one answer"
        return f"no answer to '{question_id}' {said}: {why}, {_TOGETHER}"


def _within(number: float, interval: tuple[float, bool, float, bool]) -> bool:
    low, low_in, high, high_in = interval
    return (number > low or (low_in and number == low)) and (number < high or (high_in and number == high))


def _test_words(operator: str, operand: Any, kind: str) -> str:
    """A test as the messages about it say it: ``is 'yes'``, ``includes 'none'``, ``is at least 12``."""
    if operator in COMPARISONS:
        return f"{COMPARISONS[operator]} {number_words(operand)}"
    values = operand if isinstance(operand, list) else [operand]
    if kind == "yes_no":
        values = [yes_no_word(value) for value in values]
    shown = " or ".join(number_words(value) if is_number(value) else f"'{value}'" for value in values)
    return f"includes {shown}" if operator == "includes" else f"is {shown}"
