"""Answer values: one home for how a number is read and bounded, and for the exclusive rule.

The answers loader (a file), the questionnaire (a terminal), the template and the rubric document
all say what a question accepts; they say it with these functions, so a number the questionnaire
accepts is one the loader accepts, in the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from civdata.answer_words import limits_text
from civdata.model import Option, Question
from civdata.records import record
from civdata.wording import number_words
from civdata.yamlsource import underflows

#: A number written as text: ASCII only, no spaces, underscores, thousands separators or other digits.
NUMBER_TEXT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
#: Longer digit strings are read as a float (Python will not convert thousands of digits to an int).
LONGEST_WHOLE = 1000


def number_from_text(text: str) -> int | float | None:
    """The number ``text`` writes (a whole number when it has no point or exponent), or None.

    ``text`` must be the number alone: nothing around it, not even spaces or a line break, as
    docs/answers-format.md says of a number written as text in an answers file. Callers whose
    input legitimately carries spaces around it normalise it first, each in one place: the
    questionnaire strips what was typed, ``civdata import`` strips every spreadsheet cell.

    None too for a number other than 0 too small to be told from 0 (``1e-400``), which would
    silently count as 0: callers keep such text as written, and the answers loader explains it.
    """
    written = text
    if not NUMBER_TEXT.fullmatch(written):
        return None
    whole = not any(character in written for character in ".eE") and len(written) <= LONGEST_WHOLE
    number = int(written) if whole else float(written)
    return None if underflows(written, number) else number


#: Digits in groups of three parted by a space of any kind (``1 000``, ``12\u00a0500``), as a
#: French or Polish spreadsheet writes a number: the spaces are a thousands separator. A comma or a
#: full stop is not taken for one: ``1,5`` is one and a half in much of Europe.
_GROUPED_DIGITS = re.compile(r"[0-9]{1,3}(?:[^\S\n][0-9]{3})+")
#: The Arabic decimal separator (``١٢٫٥``), written as a point once the digits are 0-9, and its
#: thousands separator (``١٬٢٥٠``), left out as spaces between groups of digits are.
_ARABIC_DECIMAL_SEPARATOR = "\u066b"
_ARABIC_THOUSANDS_SEPARATOR = "\u066c"


def ascii_digits(text: str) -> str | None:
    """``text`` with every digit of another script (``٣``, ``۳``, ``३``) written 0-9; None when it
    has none. The one way civdata reads such digits, to tell how to write a number, a scale
    point or a date: never to take them as written."""
    if text.isascii() or not any(character.isdecimal() for character in text):
        return None
    return "".join(str(unicodedata.decimal(character)) if character.isdecimal() else character for character in text)


def number_rewritten(written: str) -> tuple[str, str] | None:
    """A number written another way than civdata reads one, as civdata reads it, and what differs:
    ``("1250", "without the spaces between its digits")`` for ``1 250``, ``("120", "with the
    digits 0-9")`` for ``١٢٠`` (the digits an Arabic, Persian or Hindi keyboard types by default).
    None when ``written`` is no such number. Such text is refused, never read as the number (see
    docs/answers-format.md): this only says how to write it, in a file or at the prompt."""
    text = written.strip()
    if _GROUPED_DIGITS.fullmatch(text):
        return "".join(text.split()), "without the spaces between its digits"
    ascii_text = ascii_digits(text.replace(_ARABIC_DECIMAL_SEPARATOR, "."))
    if ascii_text is None:
        return None
    grouped = _GROUPED_DIGITS.fullmatch(ascii_text) or _ARABIC_THOUSANDS_SEPARATOR in ascii_text
    if grouped:
        ascii_text = "".join(ascii_text.replace(_ARABIC_THOUSANDS_SEPARATOR, " ").split())
    why = "with the digits 0-9" + (", without separators between them" if grouped else "")
    return (ascii_text, why) if NUMBER_TEXT.fullmatch(ascii_text) else None


def share_for_percentage(name: str, written: str, number: float, *, one: bool = False) -> str | None:
    """Why a percentage from 0 to 100, written ``written`` after ``name`` (``--min-coverage``,
    ``min_coverage:``), is refused as a share of 1, or None when it is not one.

    Scores are shares from 0 to 1 everywhere else, so ``0.75`` for 75% and ``1.0`` for all of it
    are a natural slip, and read as percentages they are almost nothing: a coverage floor of 0.9%
    passed a file with a quarter of it answered (the reviews of CI and of rubric authoring). So a
    number between 0 and 1, and 1 written as a fraction (``1.0``), is refused with the percentage
    it means. 0 is 0 either way, and kept. A whole 1 may be meant as 1%: it is refused only when
    ``one`` is set (in a rubric, where scores from 0 to 1 sit beside it and no warning can be
    given); the command line keeps it, and warns. The one rule for both, in the same words.
    """
    if 0 < number < 1 or (number == 1 and (one or isinstance(number, float))):
        return f"{name} {written} is a percentage from 0 to 100, not a share: did you mean {name} {number * 100:g}?"
    return None


#: Numbers written with commas, as patterns compiled on first need (by :mod:`re`, which keeps them):
#: a hint for a mistake should cost nothing when there is none.
#: Digits in several groups of three parted by commas (``1,000,000``): only thousands separators.
_COMMA_GROUPS = r"[-+]?[0-9]{1,3}(?:,[0-9]{3}){2,}"
#: One comma with three digits after it (``1,500``): a thousand and a half in English, one and a
#: half in much of Europe. No number is suggested for it.
_ONE_COMMA_GROUP = r"[-+]?[0-9]{1,3},[0-9]{3}"
#: Any other comma between digits (``1,5``, ``12,50``): a decimal comma.
_DECIMAL_COMMA = r"[-+]?[0-9]+,[0-9]+"
_WITH_A_POINT = "with a point for decimals"


@record
class NumberHint:
    """How to write a number written another way than civdata reads one (:func:`number_hint`).

    ``how`` is what to change (``without a comma``), said only when doing so can answer the
    question; ``fixed`` is the number to write, when it is certain and answers the question. When
    the number it would be is outside the question's range, ``read_as`` is that number and
    ``beyond`` how it is outside (``more than 120``): callers say that first, with the range, since
    no way of writing it would make it an answer."""

    how: str
    fixed: str | None = None
    read_as: str | None = None
    beyond: str | None = None


def number_hint(question: Question, written: str) -> NumberHint | None:
    """How to write ``written``, a number written another way than civdata reads one, as an answer
    to ``question``: the number to write when it is one (``1.5``, ``with a point for decimals``
    for ``1,5``), else what to do besides keeping to the question's range (callers say the range:
    :func:`wanted_number`), or what it would be and that it is outside the range (``1,000`` for a
    question of 0 to 120: 1000, more than 120). None when ``written`` is no such number.

    The answers loader and the questionnaire word their hints from this, so each is true for the
    question: a point for decimals is not suggested for a whole-number question, a number is never
    suggested that the question would refuse next (``1000`` for one of 0 to 120), nor one that was
    not typed, nor a reading of a comma that is a guess (``1,500``); and a way of writing it is not
    suggested when following it gives a number the question refuses (``without a comma`` for
    ``1,000`` on a question of 0 to 120 only led to 1000, refused in turn)."""
    text = written.strip()
    if re.fullmatch(_ONE_COMMA_GROUP, text):
        return _one_comma_hint(question, text)
    if re.fullmatch(_COMMA_GROUPS, text):
        found: tuple[str, str] | None = (text.replace(",", ""), "without the commas between its digits")
    elif re.fullmatch(_DECIMAL_COMMA, text):
        if question.integer:
            return NumberHint("")  # no point would make it an answer either
        found = (text.replace(",", "."), _WITH_A_POINT)
    else:
        found = number_rewritten(text)
    if found is None:
        return None
    fixed, how = found
    if answers_question(question, fixed):
        return NumberHint(how, fixed)
    return _outside(question, fixed, how) or NumberHint(how)


def _one_comma_hint(question: Question, text: str) -> NumberHint:
    """``1,500``: a thousand and a half, or one and a half. No number is suggested; of the two
    readings, only those the question takes are hinted at. On a whole-number question it is read
    as thousands (one and a half is no whole number), so one outside the range is said to be."""
    thousands = text.replace(",", "")
    if question.integer:
        return _outside(question, thousands, "without a comma") or NumberHint("without a comma")
    as_thousands, as_decimal = answers_question(question, thousands), answers_question(question, text.replace(",", "."))
    if as_thousands and as_decimal:
        return NumberHint(f"{_WITH_A_POINT} and nothing between thousands")
    if as_decimal:
        return NumberHint(_WITH_A_POINT)
    return NumberHint("with nothing between thousands" if as_thousands else "")


def _outside(question: Question, fixed: str, how: str) -> NumberHint | None:
    """The hint for ``fixed`` (``written`` rewritten ``how``) when it is outside the range."""
    number = number_from_text(fixed)
    beyond = None if number is None else beyond_range(question, number)
    return None if beyond is None else NumberHint(how, read_as=fixed, beyond=beyond)


def beyond_range(question: Question, number: float) -> str | None:
    """``more than 120``, ``less than 0``: how ``number`` is outside ``question``'s range, said
    before the range itself; None within it (a number that is not whole is not outside it: the
    range's words say "whole number")."""
    if question.maximum is not None and number > question.maximum:
        return f"more than {number_words(question.maximum)}"
    if question.minimum is not None and number < question.minimum:
        return f"less than {number_words(question.minimum)}"
    return None


def wanted_number(question: Question) -> str:
    """``a whole number from 0 to 120``, ``a number of at least 1``, ``a number``: what a number
    question takes, in a hint's words."""
    kind = "a whole number" if question.integer else "a number"
    bounds = range_words(question)
    if not bounds:
        return kind
    return f"{kind} {bounds}" if bounds.startswith("from") else f"{kind} of {bounds}"


def answers_question(question: Question, text: str) -> bool:
    """Whether the number ``text`` writes is an answer to ``question``: a number written another way
    (:func:`number_rewritten`) is suggested only then, since suggesting ``1200000`` for a question of
    0 to 100,000 would only be refused next; callers say the range instead."""
    number = number_from_text(text)
    return number is not None and out_of_bounds(question, number) is None


def range_words(question: Question, lang: str = "en") -> str:
    """``from 0 to 120``, ``at least 1``, ``at most 5``, or nothing: the bounds of a number question,
    in ``lang`` (see :func:`civdata.answer_words.limits_text`; English everywhere but in forms)."""
    return limits_text(question.minimum, question.maximum, lang)


def out_of_bounds(question: Question, number: float) -> str | None:
    """Why ``number`` is not an answer to ``question`` (``at least 1, not 0``, ``a whole number``),
    or None when it is one."""
    if question.integer and number != int(number):
        return f"a whole number, not {number_words(number)}"
    if question.minimum is not None and number < question.minimum:
        return f"at least {number_words(question.minimum)}, not {number_words(number)}"
    if question.maximum is not None and number > question.maximum:
        return f"at most {number_words(question.maximum)}, not {number_words(number)}"
    return None


def exclusive_conflict(question: Question, chosen: Iterable[object]) -> Option | None:
    """The option chosen that must stand alone ("none of these") when others are chosen with it."""
    values = list(chosen)
    if len(values) < 2:
        return None
    return next(
        (option for value in values if (option := question.option(value)) is not None and option.exclusive), None
    )
