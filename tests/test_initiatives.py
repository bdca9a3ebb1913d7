"""Which initiative names are one initiative: what combined reports, histories and baselines share."""

from __future__ import annotations

import random
import unicodedata

import pytest

from civdata.initiatives import (
    _alike_start,
    _folded,
    difference_note,
    initiative_key,
    invisible_difference,
    name_key,
    same_initiative,
)

NAME = "Rede Comunitária São João"


@pytest.mark.parametrize(
    "other",
    [
        unicodedata.normalize("NFD", NAME),
        NAME.upper(),
        f"  {NAME.replace(' ', '   ')}\t",
        NAME.replace(" ", "\u00a0"),
        unicodedata.normalize("NFD", NAME.upper()),
    ],
)
def test_names_equal_after_nfc_case_and_spacing_are_one_initiative(other: str) -> None:
    assert same_initiative(NAME, other)
    assert invisible_difference(NAME, other) is None and difference_note(NAME, other) == ""


@pytest.mark.parametrize(
    "other",
    [
        "Rede Comunitária São Joãо",  # Cyrillic о
        "Rede\u200bComunitária São João",
        "Ｒede Comunitária São João",  # full-width R: NFKC would equate it, NFC does not
        "Rede Comunitaria Sao Joao",  # accents are part of the name
        "Rede Comunitária São João 2",
    ],
)
def test_names_that_differ_in_more_than_form_are_other_initiatives(other: str) -> None:
    assert not same_initiative(NAME, other)


def test_a_persons_name_is_compared_as_an_initiatives_name() -> None:
    """One home: a baseline pairs respondents by :func:`name_key`, the key of initiative names."""
    typed = unicodedata.normalize("NFD", " dána  OKAFOR")
    assert name_key("Dána Okafor") == name_key(typed) == initiative_key(typed) == "dána okafor"
    assert name_key("Dána Okafor") != name_key("Dana Okafor")


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        # What Unicode's full case folding folds (the module's description lists them).
        ("Data O\ufb03ce", "DATA OFFICE", True),  # the ligature ﬃ
        ("Stra\u00dfe", "STRASSE", True),
        ("STRA\u1e9eE", "strasse", True),  # capital sharp s
        ("Ma\u017fter", "Master", True),  # long s
        ("5 \u00b5g", "5 \u03bcg", True),  # micro sign, Greek mu
        ("\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2", True),  # final sigma
        # Compatibility forms case folding leaves are other names (NFKC would equate them).
        ("Data \uff2fffice", "Data Office", False),  # full-width O
        ("Data Office\u00b2", "Data Office2", False),  # superscript two
        ("\u24b9ata Office", "Data Office", False),  # circled D
    ],
)
def test_case_is_folded_as_unicode_folds_it_and_nothing_more(name: str, other: str, same: bool) -> None:
    assert same_initiative(name, other) is same


def test_blank_and_missing_names_are_the_same_empty_name() -> None:
    assert initiative_key(None) == initiative_key("  ") == ""
    assert same_initiative(None, "")


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ("Rede\u200b Comunitária São João", "nothing here, U+200B ZERO WIDTH SPACE there"),
        ("Rede Comunitária São Joãо", "U+006F LATIN SMALL LETTER O here, U+043E CYRILLIC SMALL LETTER O there"),
        ("Rede Comunitária São João\ufe0f", "nothing here, U+FE0F VARIATION SELECTOR-16 there"),
        ("Rede Comunitária São Joãa", None),  # plain letters show for themselves
        ("Rede Comunitária Santo Antônio", None),  # too different to be a slip
        (NAME.lower(), None),  # the same initiative
    ],
)
def test_a_difference_that_does_not_show_is_spelled_out(other: str, expected: str | None) -> None:
    assert invisible_difference(NAME, other) == expected
    assert difference_note(NAME, other) == (f" (the names differ in {expected})" if expected else "")


@pytest.mark.parametrize(
    ("name", "other", "expected"),
    [
        # The characters as typed, not as case folding writes them (before: "U+0441 CYRILLIC SMALL
        # LETTER ES here, U+0063 LATIN SMALL LETTER C there", in neither name).
        (
            "Marlow \u0421ounty Reentry",
            "Marlow County Reentry",
            "U+0421 CYRILLIC CAPITAL LETTER ES here, U+0043 LATIN CAPITAL LETTER C there",
        ),
        (
            "MARLOW COUNTY R\u0415\u0415NTRY",
            "Marlow County Reentry",
            "U+0415 CYRILLIC CAPITAL LETTER IE and U+0415 CYRILLIC CAPITAL LETTER IE here, "
            "U+0065 LATIN SMALL LETTER E and U+0065 LATIN SMALL LETTER E there",
        ),
        # In NFC, with spacing evened: the combining tilde is not named, it is part of the letter.
        (unicodedata.normalize("NFD", "São  João\u200b"), "SÃO JOÃO", "U+200B ZERO WIDTH SPACE here, nothing there"),
        # Folding case may change the length (ß is ss): the spot is still found where it is.
        ("Straße Hub\u200b", "STRASSE HUB", "U+200B ZERO WIDTH SPACE here, nothing there"),
        ("\u200bStraße Hub", "STRASSE HUB", "U+200B ZERO WIDTH SPACE here, nothing there"),
    ],
)
def test_the_difference_is_told_in_the_characters_as_typed(name: str, other: str, expected: str) -> None:
    assert invisible_difference(name, other) == expected


def alike_start_by_its_rule(here: list[str], there: list[str]) -> tuple[int, int]:
    """The rule, read literally (quadratic; for short names only): the most characters at the start
    of each name whose case-folded texts are the same text."""
    return max(
        (count_here, count_there)
        for count_here in range(len(here) + 1)
        for count_there in range(len(there) + 1)
        if "".join(here[:count_here]) == "".join(there[:count_there])
    )


@pytest.mark.parametrize("seed", range(10))
def test_the_alike_start_follows_its_rule_on_generated_names(seed: int) -> None:
    """Letters that fold to several (``ß``, ``ﬃ``), to one another (``ſ``, capitals), a combining
    accent and a zero-width space, mixed at random, so the folded texts line up and part anywhere."""
    chooser = random.Random(seed)
    letters = ["s", "S", "ß", "ẞ", "ſ", "f", "i", "ﬃ", "a", "\u0301", "\u200b"]
    for _ in range(300):
        here = [_folded(chooser.choice(letters)) for _ in range(chooser.randrange(0, 9))]
        there = [_folded(chooser.choice(letters)) for _ in range(chooser.randrange(0, 9))]
        assert _alike_start(here, there) == alike_start_by_its_rule(here, there), (here, there)


@pytest.mark.timeout(60)
def test_long_names_whose_folded_letters_never_line_up_are_compared_in_one_reading() -> None:
    """``ß`` folds to ``ss``: against ``s`` and then ``ß`` after ``ß``, the two names fold to the same
    text but their letters never end at the same place until the last. Reading them again from the
    start at every letter took about a minute and a quarter on 1,200,000 letters (quadratic time);
    reading once takes a second or two, so the guard above fails only on the quadratic reading."""
    count = 1_000_000
    assert invisible_difference("ß" * count + "x", "s" + "ß" * (count - 1) + "s" + "y") is None
    spelled = invisible_difference("ß" * count + "\u200b", "s" + "ß" * (count - 1) + "s")
    assert spelled == "U+200B ZERO WIDTH SPACE here, nothing there"
