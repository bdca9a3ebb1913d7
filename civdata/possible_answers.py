"""What the answers to a rubric's question can be, read from the rubric's own data: one home for it.

A condition compares an answer with a value. If no answer can ever be that value (the text "12"
for a number question, whose answers are numbers; 500 for a question whose ``max`` is 120; a score
below 0), the test never holds: a rule, even a critical one, never fires, and a follow-up is never
asked and counts as met. Nothing in the report would show it. So the rubric checks ask here,
for every value a condition compares with and every number band, whether an answer could be it,
and refuse the rubric with the reason and the fix when none could.

What an answer can be is what :mod:`civdata.answers_loader` keeps after reading one: option values
(text) for choices and yes/no, the option's whole number for a scale, a number within ``min`` and
``max`` (whole when ``integer``) for a number question, text without the spaces around it (a blank
is no answer) for a text question. Scores are 0 to 100. These functions read the rubric's data
before it is built into a model, so they take what is malformed in their stride (the schema and the
other checks report it) and never raise.
"""

from __future__ import annotations

import math
from typing import Any, TypeGuard

from civdata.answer_words import limits_text
from civdata.describe import COMPARISONS
from civdata.initiatives import form_difference
from civdata.model import YES_NO_LABELS
from civdata.problems import did_you_mean, quoted_list
from civdata.records import record
from civdata.rubric_data import option_key
from civdata.values import number_from_text
from civdata.wording import number_words

#: A range of numbers: its lowest, whether that is included, its highest, whether that is included.
Interval = tuple[float, bool, float, bool]

#: The question types whose answers are numbers; the others' answers are text.
NUMBER_TYPES = ("number", "scale")


def is_number(value: Any) -> TypeGuard[int | float]:
    """A number written as one: not ``true``/``false``, which Python counts as 1 and 0."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def tested_interval(operator: str, number: float) -> Interval:
    """The numbers that pass ``operator`` (``equals``, ``gt``, ``gte``, ``lt``, ``lte``) with ``number``."""
    return {
        "equals": (number, True, number, True),
        "gt": (number, False, math.inf, False),
        "gte": (number, True, math.inf, False),
        "lt": (-math.inf, False, number, False),
        "lte": (-math.inf, False, number, True),
    }[operator]


@record
class NumberAnswers:
    """The numbers that can be answers: a scale's points, or a range (whole numbers only when
    ``integer``); ``words`` says which, for messages (``whole numbers from 0 to 120``, ``1, 2 or 3``)."""

    words: str
    points: tuple[int, ...] | None = None
    low: float = -math.inf
    high: float = math.inf
    integer: bool = False

    def admits(self, interval: Interval) -> bool:
        """Whether some answer lies in ``interval``."""
        low, low_in, high, high_in = interval
        if self.points is not None:
            return any(_inside(point, interval) for point in self.points)
        if self.low > low:
            low, low_in = self.low, True
        if self.high < high:
            high, high_in = self.high, True
        if self.integer and math.isfinite(low) and math.isfinite(high):
            first = math.ceil(low) + (1 if low == math.ceil(low) and not low_in else 0)
            return first < high or (first == high and high_in)
        return low < high or (low == high and low_in and high_in)


def _inside(number: float, interval: Interval) -> bool:
    low, low_in, high, high_in = interval
    above = number > low or (low_in and number == low)
    below = number < high or (high_in and number == high)
    return above and below


#: Every score, an area's or the overall one, is from 0 to 100.
SCORES = NumberAnswers("from 0 to 100", low=0, high=100)


def number_answers(question: dict[str, Any]) -> NumberAnswers | None:
    """The numbers that can answer a ``number`` or ``scale`` question, or None when the question is
    of another type or too malformed to say (no points, ``min`` above ``max``: reported elsewhere)."""
    kind = question.get("type")
    if kind == "scale":
        options = question.get("options")
        points = tuple(
            option["value"]
            for option in (options if isinstance(options, list) else [])
            if isinstance(option, dict) and is_number(option.get("value")) and isinstance(option["value"], int)
        )
        return NumberAnswers(quoted_list(points, quote=""), points=points) if points else None
    if kind != "number":
        return None
    low, high = question.get("min"), question.get("max")
    low = low if is_number(low) else None
    high = high if is_number(high) else None
    if low is not None and high is not None and low > high:
        return None
    integer = question.get("integer") is True
    words = " ".join(part for part in ("whole numbers" if integer else "numbers", limits_text(low, high)) if part)
    return NumberAnswers(
        words,
        low=-math.inf if low is None else low,
        high=math.inf if high is None else high,
        integer=integer,
    )


def never_holds(subject: str, operator: str, number: float, answers: NumberAnswers) -> str | None:
    """Why a test of ``subject`` (``answer to 'months'``, ``score``) with ``operator`` and ``number``
    can never hold, or None when some answer passes it."""
    if answers.admits(tested_interval(operator, number)):
        return None
    comparison = COMPARISONS.get(operator, "is")
    those = "scores are" if answers is SCORES else "its answers are"
    return f"no {subject} {comparison} {number_words(number)}: {those} {answers.words}, so this test never holds"


def not_an_answer(question_id: str, question: dict[str, Any], value: Any, written: str) -> str | None:
    """Why ``value`` (as ``written`` in the file) can never be an answer to the question, with how
    to write what was meant, or None when it can be one. ``value`` is what ``equals`` or an item of
    ``in`` or ``includes`` compares with; a yes/no question's ``true`` is already ``yes``."""
    kind = question.get("type")
    if kind in NUMBER_TYPES:
        return _not_a_number_answer(question_id, question, value)
    options = question.get("options")
    choices = (
        [option["value"] for option in options if isinstance(option, dict) and isinstance(option.get("value"), str)]
        if isinstance(options, list) and kind != "text"
        else None
    )
    if isinstance(value, str):
        if kind == "text":
            return _not_a_text_answer(question_id, value)
        if choices is None or value in choices:
            return None
        return _no_option(question_id, kind, value, choices)
    if choices is None or written in choices:
        what = "true or false" if isinstance(value, bool) else "numbers"
        start = f"'{question_id}' is a {kind} question: its answers are text, never {what}"
        return f'{start}; write it "{written}", in quotes'
    return _no_option(question_id, kind, written, choices)


def _not_a_text_answer(question_id: str, value: str) -> str | None:
    """Free text is read without the spaces around it, and a blank is no answer at all."""
    start = f"'{question_id}' is a text question"
    if not value.strip():
        return f"{start}: a blank answer is no answer, never '{value}'; test it with 'answered: false'"
    if value != value.strip():
        around = f"{start}: its answers are read without the spaces around them, never '{value}'"
        return f'{around}; write it "{value.strip()}"'
    return None


def _no_option(question_id: str, kind: Any, value: str, choices: list[str]) -> str:
    """The options are listed as written; only those the rubric may offer are suggested: a yes/no
    option other than ``yes``, ``no``, ``unsure`` or ``na`` is refused where it is written, so it
    is no fix."""
    listed = quoted_list(dict.fromkeys(choices))
    same = next((choice for choice in choices if option_key(choice) == option_key(value)), None)
    if same is not None:
        # Answers are matched to options whatever their Unicode form, and kept in the option's;
        # a condition is compared with them as written, so it writes the option as the option does.
        return (
            f"'{question_id}' has no option '{value}' written so: its option '{same}' is the same text written "
            f"with other characters ({form_difference(value, same)}); write it as the option is written"
        )
    offered = [choice for choice in choices if kind != "yes_no" or choice in YES_NO_LABELS]
    return f"'{question_id}' has no option '{value}'; its options are {listed}" + did_you_mean(value, offered)


def _not_a_number_answer(question_id: str, question: dict[str, Any], value: Any) -> str | None:
    answers = number_answers(question)
    if answers is None:
        return None
    start = f"'{question_id}' is a {question.get('type')} question: its answers are {answers.words}"
    if isinstance(value, bool):
        return f"{start}, never true or false"
    if isinstance(value, str):
        number = number_from_text(value)
        if number is not None and answers.admits(tested_interval("equals", number)):
            return f"{start}, never text; write it {number_words(number)}, without quotes"
        return f"{start}, never text such as '{value}'"
    if not is_number(value):
        return None  # a list or mapping: the schema has reported it
    if answers.points is not None and isinstance(value, float):
        if answers.admits(tested_interval("equals", value)):
            return f"{start}, never written with a decimal point; write it {number_words(value)}"
    elif answers.admits(tested_interval("equals", value)):
        return None
    if answers.points is not None:
        return f"'{question_id}' has no option {number_words(value)}; its options are {answers.words}"
    return never_holds(f"answer to '{question_id}'", "equals", value, answers)
