"""Counted words: the one place civdata says "1 finding" and "2 findings".

Every message, report and questionnaire screen that puts a number before a noun goes through
:func:`plural` (or :func:`quantity` for a rubric's unit), so "1 organisations" or "1 required
question(s) are unanswered" cannot come back in one corner while fixed in another.
"""

from __future__ import annotations

#: Plurals the simple rules below get wrong, and words that are the same in both numbers.
_SINGULAR = {
    "people": "person",
    "children": "child",
    "women": "woman",
    "men": "man",
    "series": "series",
    "species": "species",
    "staff": "staff",
    "data": "data",
}
#: Endings that are not a plural "s" ("status", "analysis", "bus", "class").
_NOT_PLURAL_ENDINGS = ("ss", "us", "is")
#: Plurals in "-es" after a hissing sound ("boxes", "batches", "addresses").
_ES_PLURALS = ("sses", "shes", "ches", "xes", "zes")


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 finding``, ``2 findings``; ``words`` where adding an "s" is wrong (``1 person``, ``2 people``)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def verb(count: int, singular: str, plural_form: str) -> str:
    """The verb that agrees with ``count``: ``is`` for 1, ``are`` otherwise."""
    return singular if count == 1 else plural_form


def singular(word: str) -> str:
    """The singular of an English plural noun, as rubric units are written (``months``,
    ``organisations``, ``people``); a word that is not a plural is returned as it is."""
    if not word:
        return word
    head, _, last = word.rpartition(" ")
    lower = last.lower()
    if lower in _SINGULAR:
        one = _SINGULAR[lower]
        one = one if last.islower() else one.capitalize() if last[:1].isupper() else one
    elif lower.endswith("ies") and len(lower) > 4:
        one = last[:-3] + "y"
    elif lower.endswith(_ES_PLURALS):
        one = last[:-2]
    elif lower.endswith("s") and not lower.endswith(_NOT_PLURAL_ENDINGS) and len(lower) > 2:
        one = last[:-1]
    else:
        one = last
    return f"{head} {one}" if head else one


def number_words(value: float) -> str:
    """A number as a person writes it: every digit it has, and no exponent (``1234567``, ``0.5``,
    ``0.000015``). A rounded ``1.23457e+06`` in a message about a limit would misstate the limit."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    from decimal import Decimal  # only for numbers with decimals: most runs never need it

    return format(Decimal(repr(value)), "f")


def quantity(value: float, unit: str | None) -> str:
    """A number with the rubric's unit (written in the plural), singular for exactly one:
    ``1 month``, ``1.5 months``, ``0 organisations``."""
    shown = number_words(value)
    if not unit:
        return shown
    return f"{shown} {singular(unit) if value == 1 else unit}"
