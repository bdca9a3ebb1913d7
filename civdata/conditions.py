"""Evaluate the declarative conditions of a rubric (``when`` on questions and rules).

Conditions are data, not code: a small, closed set of operators over answers that were given and
apply. Nothing read from a file is ever evaluated as an expression.
"""

from __future__ import annotations

from collections.abc import Mapping

from civdata.model import AllOf, AnswerValue, AnyOf, Compare, Condition, Not

#: Every operator a ``question`` condition may use.
OPERATORS = ("equals", "in", "includes", "answered", "gt", "gte", "lt", "lte")
NUMERIC_OPERATORS = ("gt", "gte", "lt", "lte")


def holds(condition: Condition, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether ``condition`` is true for ``answers`` (question id -> value, answered ones only).

    A question that is unanswered, or does not apply, makes every test on it false except
    ``answered: false``.
    """
    if isinstance(condition, AllOf):
        return all(holds(part, answers) for part in condition.conditions)
    if isinstance(condition, AnyOf):
        return any(holds(part, answers) for part in condition.conditions)
    if isinstance(condition, Not):
        return not holds(condition.condition, answers)
    return _compare(condition, answers.get(condition.question))


def _compare(condition: Compare, value: AnswerValue | None) -> bool:
    operator, operand = condition.operator, condition.operand
    if operator == "answered":
        return (value is not None) is bool(operand)
    if value is None:
        return False
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
    if operator == "gt":
        return value > operand
    if operator == "gte":
        return value >= operand
    if operator == "lt":
        return value < operand
    if operator == "lte":
        return value <= operand
    raise ValueError(f"unknown condition operator {operator!r}")
