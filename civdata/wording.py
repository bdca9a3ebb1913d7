"""Counted words: the one place civdata says "1 finding" and "2 findings".

Every message, report and questionnaire screen that puts a number before a noun goes through
:func:`plural` (or :func:`quantity` for a rubric's unit), so "1 organisations" or "1 required
question(s) are unanswered" cannot come back in one corner while fixed in another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module: a rubric is only read here, never built
    from civdata.model import Rubric

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


def and_list(items: Sequence[str], *, more: int = 0) -> str:
    """``3, 5 and 7``: items said in a sentence, each as given (quoted or not); ``more`` left out
    are counted at the end (``a, b, c and 2 more``). The one place such a list is joined, so rows,
    sheets and folders are listed alike (:func:`civdata.problems.quoted_list` lists choices, with
    "or")."""
    said = [*items, f"{more} more"] if more else list(items)
    if len(said) <= 1:
        return "".join(said)
    return f"{', '.join(said[:-1])} and {said[-1]}"


def first_listed(items: Sequence[str], limit: int) -> str:
    """``a, b, c and 2 more``: the first ``limit`` of ``items`` in a sentence, then how many are
    left out: what a message that cannot list everything (rows, findings, columns) says."""
    return and_list(items[:limit], more=max(len(items) - limit, 0))


def quoted_and_list(values: Sequence[object], limit: int = 12) -> str:
    """``'a', 'b' and 'c'``: values that all hold (the questions that changed), quoted, the first
    ``limit`` of them and then how many more; :func:`civdata.problems.quoted_list` lists choices."""
    return first_listed([f"'{value}'" for value in values], limit)


#: Whole numbers up to this size are exact as floats; past it, the float's binary digits are
#: noise (1.000002e21 is 1000001999999999934464 in binary), so its shortest decimal is said.
_EXACT_WHOLE = 2**53


def number_words(value: float) -> str:
    """A number as a person writes it: every digit it has, and no exponent (``1234567``, ``0.5``,
    ``0.000015``). A rounded ``1.23457e+06`` in a message about a limit would misstate the limit."""
    if isinstance(value, int) or (value.is_integer() and abs(value) < _EXACT_WHOLE):
        return str(int(value))
    from decimal import Decimal  # only for numbers with decimals: most runs never need it

    return format(Decimal(repr(value)).normalize(), "f")


def quantity(value: float, unit: str | None) -> str:
    """A number with the rubric's unit (written in the plural), singular for exactly one:
    ``1 month``, ``1.5 months``, ``0 organisations``."""
    shown = number_words(value)
    if not unit:
        return shown
    return f"{shown} {singular(unit) if value == 1 else unit}"


def per_role(
    rubric: Rubric,
    counts: Iterable[tuple[str, int]],
    *,
    of: Mapping[str, int] | None = None,
    shown: Callable[[str], str] = str,
) -> str:
    """``Funder: 1; Partner organisation: 2``: how many people, per role (role id, how many),
    roles in the rubric's order and named as every report names them (:meth:`Rubric.role_label`),
    roles with none left out. With ``of`` (each role's size, by id): ``Funder: 1 of 3``, where the
    group the count is out of is the report's own; without, where it is not (respondents of a
    baseline, or counts that add up across a table's rows). ``shown`` escapes each label for its
    medium when the caller cannot escape the whole text at once.

    The one place a count of people per role is worded: the progress section, findings, notes,
    disagreements and changed answers all go through it, so they cannot drift apart.
    """
    parts = []
    for role_id, count in rubric.in_role_order(counts):
        if count:
            size = f" of {of.get(role_id, count)}" if of is not None else ""
            parts.append(f"{shown(rubric.role_label(role_id))}: {count}{size}")
    return "; ".join(parts)


def respondents_per_role(
    rubric: Rubric, counts: Iterable[tuple[str, int]], *, of: Mapping[str, int] | None = None
) -> str:
    """``3 respondents (Funder: 1; Partner organisation: 2)``: how many people in all, then
    :func:`per_role` (``of`` as there)."""
    counted = list(counts)
    return f"{plural(sum(count for _, count in counted), 'respondent')} ({per_role(rubric, counted, of=of)})"


def respondents(count: int, *, roles: int | None = None, unstated: int = 0) -> str:
    """Whom a report is on, as every report, comparison and history says it: ``one respondent``,
    ``3 respondents``, with ``roles`` ``5 respondents in 3 roles``. ``unstated`` respondents gave
    no role, which is not a role of the rubric: ``15 respondents in 2 roles and 1 without one``."""
    people = "one respondent" if count == 1 else plural(count, "respondent")
    if roles is None:
        return people
    if not roles:
        return f"{people} without a role"
    return f"{people} in {plural(roles, 'role')}" + (f" and {unstated} without one" if unstated else "")


#: What every format and the regression gate say after a finding of a comparison raised only on
#: questions left blank now (:attr:`civdata.snapshot.FindingBrief.on_blank`): new all the same, as
#: "I don't know" would make it (docs/scoring.md, section 2).
ON_BLANK_NOW = "may hold: raised only on questions left blank now, as “I don't know” would raise it"
