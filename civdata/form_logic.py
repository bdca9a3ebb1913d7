"""A rubric's conditions as XLSForm ``relevant`` expressions (XPath 1.0 with ODK's ``selected()``).

The form must ask a follow-up exactly when civdata would: when the respondent's role is asked the
question and its ``when`` is true *or possibly true* (see :mod:`civdata.conditions`). XPath has
two truth values, so each condition is translated twice: :meth:`Relevance.possible` (true or
possibly true: what a ``when`` acts on) and :meth:`Relevance.certain` (true), which a ``not``
needs, since ``not`` of a possible is possible. The parts follow Kleene's logic:

* ``all``: possible when every part is possible, certain when every part is certain; ``any``
  likewise with "some part";
* ``not C``: possible when C is not certain, certain when C is not possible;
* a test on question Q is certain when Q applies (its own relevance, below) and its answer
  passes the test; possible also when the answer is an "I don't know" option, or when Q applies
  and was left blank (a blank in a ``when`` asks the follow-up rather than passing it over);
  ``answered: true`` is certain when Q is answered and possible when Q applies, blank or not (a
  blank could be any answer, and so an answer); ``answered: false`` is certain or false (it
  states the blank), except that under a ``not`` it is certain only where Q does not apply, so
  that ``not: {answered: false}`` is possible on a blank, as ``answered: true`` is.

Which options pass a test is decided by civdata's own :func:`civdata.conditions.matches` on each
option value, so the form cannot read an operator differently from a report.

"Q applies" is written out in full (Q's role test and the relevance of its own ``when``) in
every test on Q, rather than trusting the value of a question that is no longer relevant: ODK
Collect ignores such a value, but Enketo (KoboToolbox's web forms) keeps it until the form is
finalised, so a person who answers a follow-up and then changes the answer that opened it would
otherwise open further questions. A rubric's ``when`` may only look at earlier questions, so
this always ends.

Every name and value in an expression is a form name or a choice name from
:mod:`civdata.form_layout` (tokens without quotes or spaces), or a number written in plain
decimals; nothing from a rubric's text reaches an expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from civdata.answers_writer import float_text
from civdata.conditions import matches
from civdata.form_layout import ROLE_FIELD, FormLayout
from civdata.model import AllOf, AnyOf, Compare, Condition, Not, Question, QuestionType, ScoreTest

TRUE = "true()"
FALSE = "false()"


def all_of(parts: Iterable[str]) -> str:
    """``a and b``, simplified: ``true()`` parts dropped, any ``false()`` makes it ``false()``."""
    kept: list[str] = []
    for part in parts:
        if part == FALSE:
            return FALSE
        if part != TRUE and part not in kept:
            kept.append(part)
    if not kept:
        return TRUE
    return kept[0] if len(kept) == 1 else " and ".join(_grouped(part) for part in kept)


def any_of(parts: Iterable[str]) -> str:
    """``a or b``, simplified likewise."""
    kept: list[str] = []
    for part in parts:
        if part == TRUE:
            return TRUE
        if part != FALSE and part not in kept:
            kept.append(part)
    if not kept:
        return FALSE
    # ``and`` binds more tightly than ``or`` in XPath, and ``or`` is associative: no parentheses.
    return kept[0] if len(kept) == 1 else " or ".join(kept)


def negation(part: str) -> str:
    if part == TRUE:
        return FALSE
    if part == FALSE:
        return TRUE
    return f"not({part})"


def _grouped(part: str) -> str:
    """``part`` in parentheses when it is an ``or`` outside any parentheses (``and`` binds more
    tightly). Literals never hold a parenthesis or a quote unescaped (see :func:`literal`)."""
    depth = 0
    quote = ""
    for index, character in enumerate(part):
        if quote:
            quote = "" if character == quote else quote
        elif character in "'\"":
            quote = character
        else:
            depth += {"(": 1, ")": -1}.get(character, 0)
            if depth == 0 and part.startswith(" or ", index):
                return f"({part})"
    return part


def literal(value: str) -> str:
    """``value`` as an XPath 1.0 string literal, whatever it holds.

    XPath 1.0 has no escapes, so a quote is a literal of its own in a ``concat()``; so is every
    ``$``, because pyxform reads ``${name}`` as a reference to a field wherever it stands.
    """
    if "'" not in value and "$" not in value:
        return f"'{value}'"
    pieces = [piece for piece in re.split(r"(['$])", value) if piece]
    quoted = [f'"{piece}"' if piece == "'" else f"'{piece}'" for piece in pieces]
    return quoted[0] if len(quoted) == 1 else f"concat({', '.join(quoted)})"


class Relevance:
    """The ``relevant`` expression of every question of a form (see the module docstring)."""

    def __init__(self, layout: FormLayout) -> None:
        self.layout = layout
        self.rubric = layout.rubric
        self._applies: dict[str, str] = {}

    def applies(self, question: Question) -> str:
        """When civdata asks ``question``: its role is asked it, and its ``when`` possibly holds."""
        known = self._applies.get(question.id)
        if known is None:
            known = all_of([self._role_test(question), self.possible(question.when) if question.when else TRUE])
            self._applies[question.id] = known
        return known

    def _role_test(self, question: Question) -> str:
        if not self.layout.on_form(question):
            return FALSE
        if question.roles is None or self.layout.role is not None:
            return TRUE
        role = "${" + ROLE_FIELD + "}"
        # A blank role is asked every question, as in civdata.
        return any_of([f"{role} = ''", *(f"{role} = {literal(name)}" for name in question.roles)])

    def possible(self, condition: Condition, negated: bool = False) -> str:
        """True when ``condition`` is true or possibly true (``negated``: under an odd number of
        ``not``s, which only ``answered: false`` needs to know: see :meth:`_compare`)."""
        if isinstance(condition, AllOf):
            return all_of(self.possible(part, negated) for part in condition.conditions)
        if isinstance(condition, AnyOf):
            return any_of(self.possible(part, negated) for part in condition.conditions)
        if isinstance(condition, Not):
            return negation(self.certain(condition.condition, not negated))
        return self._compare(_question_test(condition), possible=True)

    def certain(self, condition: Condition, negated: bool = False) -> str:
        """True when ``condition`` is certainly true (``negated`` as for :meth:`possible`)."""
        if isinstance(condition, AllOf):
            return all_of(self.certain(part, negated) for part in condition.conditions)
        if isinstance(condition, AnyOf):
            return any_of(self.certain(part, negated) for part in condition.conditions)
        if isinstance(condition, Not):
            return negation(self.possible(condition.condition, not negated))
        return self._compare(_question_test(condition), possible=False, negated=negated)

    def _compare(self, condition: Compare, *, possible: bool, negated: bool = False) -> str:
        """A test on one question, possibly or certainly true. ``answered: false`` certainly holds
        on a blank (it states the blank), but under a ``not`` civdata reads the blank as any
        answer it could be, and so an answer (:mod:`civdata.conditions`): there it is certain only
        where the question does not apply, so that its ``not`` is possible on a blank."""
        question = self.rubric.question(condition.question)
        applies = self.applies(question)
        if applies == FALSE:
            return FALSE  # the field is not on the form: never refer to it
        ref = self.layout.ref(question.id)
        if condition.operator == "answered":
            answered = all_of([applies, f"{ref} != ''"])
            if condition.operand:
                return applies if possible else answered
            return negation(applies if negated and not possible else answered)
        passing = self._test(question, condition, with_unknown=possible)
        if possible:
            passing = any_of([passing, f"{ref} = ''"])
        # Every test below implies an answer (a choice, or a number compared), so "answered" is implied.
        return all_of([applies, passing])

    def _test(self, question: Question, condition: Compare, *, with_unknown: bool) -> str:
        """The XPath for "the answer passes the test" (or is an "I don't know", ``with_unknown``)."""
        ref = self.layout.ref(question.id)
        if question.type.has_options:
            names = self.layout.choice_names(question)
            multiple = question.type is QuestionType.MULTIPLE_CHOICE
            passing = [
                names[option.value]
                for option in question.options
                if matches(condition, (option.value,) if multiple else option.value)
                or (with_unknown and option.unknown)
            ]
            if multiple:
                return any_of(f"selected({ref}, {literal(name)})" for name in passing)
            return any_of(f"{ref} = {literal(name)}" for name in passing)
        if question.type is QuestionType.NUMBER:
            return _number_test(ref, condition)
        return _text_test(ref, condition)


_COMPARISON = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "equals": "=", "in": "="}


def _question_test(condition: Condition) -> Compare:
    if isinstance(condition, ScoreTest):
        raise ValueError("a question's 'when' never tests a score (the rubric checks refuse it)")
    assert isinstance(condition, Compare)
    return condition


def _numbers(operand: object) -> list[float]:
    values = operand if isinstance(operand, tuple | list) else (operand,)
    return [value for value in values if isinstance(value, int | float) and not isinstance(value, bool)]


def number_literal(number: float) -> str:
    return str(number) if isinstance(number, int) else float_text(number)


def _number_test(ref: str, condition: Compare) -> str:
    """A number compared: an empty answer is NaN in XPath, which no comparison passes."""
    symbol = _COMPARISON[condition.operator]
    return any_of(f"{ref} {symbol} {number_literal(number)}" for number in _numbers(condition.operand))


def _text_test(ref: str, condition: Compare) -> str:
    """A text answer equal to some text (a blank is never an answer, so an empty operand is none)."""
    values = condition.operand if isinstance(condition.operand, tuple | list) else (condition.operand,)
    return any_of(f"{ref} = {literal(value)}" for value in values if isinstance(value, str) and value)
