"""What a rubric shows people: nothing in it that every output would spell out, not show.

Every report, form, template and terminal writes an invisible character (a bidi mark, a
zero-width space, a soft hyphen) as its escape (``\\u200f``), so that no text can hide a
difference or turn the text after it around (:mod:`civdata.escape`). In a rubric's own text such
a character is an author's slip, often a translator's habit (a right-to-left mark typed after
Arabic punctuation), and would be published as ``\\u200f`` in every copy: ``civdata rubric
validate`` names it where it is written, before anything is published
(:func:`civdata.rubric_loader.load_rubric_to_publish`); every other command uses the rubric as it
is, each such character spelled out. An option value holding one could not be told apart from the
value without it, nor typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from civdata.escape import escaped, hidden_in
from civdata.i18n import text_fields
from civdata.problems import Problem
from civdata.rubric_checks.index import RubricIndex, items
from civdata.wording import and_list

#: Layout, not a hidden character: help and descriptions may run over several lines.
_LAYOUT = frozenset("\n\r\t")
#: The marks that set the direction of text, which reports set themselves.
_DIRECTION_MARKS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_invisible_characters(index: RubricIndex) -> Iterator[Problem]:
    """Each text (in each language) and each option value holding a character every output spells
    out, at the text."""
    for path, value in text_fields(index.data):
        texts = value.items() if isinstance(value, dict) else [(None, value)]
        for code, text in texts:
            if isinstance(text, str) and (hidden := _hidden(text)):
                where = path if code is None else (*path, code)
                yield index.problem(where, f"this text holds {_named(hidden)}, {_why(hidden)}")
    for entry in index.every_question():
        for position, option in items(entry.data.get("options")):
            value = option.get("value")
            if isinstance(value, str) and (hidden := _hidden(value)):
                yield index.problem(
                    (*entry.path, "options", position, "value"),
                    f"this option value holds {_named(hidden)}, which no respondent can see or type, and every "
                    "output spells out: write the value without it",
                )


def _hidden(text: str) -> list[str]:
    return list(dict.fromkeys(character for character in hidden_in(text) if character not in _LAYOUT))


def _named(hidden: list[str]) -> str:
    """``right-to-left mark (\\u200f) and a control character (\\x1b)``: Unicode's name where it
    has one (controls have none)."""
    return and_list([f"{unicodedata.name(c, '').lower() or 'a control character'} ({escaped(c)})" for c in hidden])


def _why(hidden: list[str]) -> str:
    shown = "which every report, form and terminal shows spelled out, not as the character: delete it"
    if any(character in _DIRECTION_MARKS for character in hidden):
        return f"{shown} (the HTML report sets the direction of right-to-left text itself)"
    return shown
