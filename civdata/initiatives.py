"""When two names people type are the same name: the one home for that question.

Respondents type the name of the initiative they answer about, and their own name and
organisation, on different keyboards and systems. A combined report
(:func:`civdata.inputs.disagreement_problems`), a history and a baseline each check that their
files are about one initiative, and a baseline pairs each respondent then with the same person
now (:mod:`civdata.progress`); they must agree on what "the same name" means, so they all compare
:func:`name_key` (for initiatives, :func:`initiative_key` and :func:`same_initiative`), and say how
two names that look alike differ with :func:`difference_note`.

Two names are the same when they are the same after:

* Unicode NFC normalisation (canonical equivalence): ``á`` typed as one character or as ``a``
  and a combining accent, as macOS file names and some keyboards give it, is one letter;
* folding case (``Riverside Data Hub`` and ``riverside data hub``) as Unicode's full case
  folding does (canonical caseless matching, Unicode section 3.13; Python's ``str.casefold``).
  This is what people expect of "case aside" where a letter's capital is more than one letter:
  ``Straße`` written in capitals is ``STRASSE``. So it also equates ``ß`` and ``ẞ`` with ``ss``,
  the Latin ligatures ``ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ`` and the Armenian ones with their letters, the long
  ``ſ`` with ``s``, the micro sign ``µ`` with ``μ``, and Greek letter variants (final ``ς``, the
  symbols ``ϐ ϑ ϕ ϖ ϰ ϱ ϵ``, an iota subscript) with the plain letters: Unicode folds them, and
  leaving them out would be a second, home-made definition of case;
* treating every run of white space as one space, and ignoring it at either end (a no-break
  space, or two spaces, are not another name).

Nothing further is equated, on purpose: other compatibility forms (those of NFKC that case
folding leaves: full-width letters, superscripts, circled letters) and characters that draw
nothing (a zero-width space, a variation selector) may be deliberate, and look-alike letters of
other scripts (Cyrillic ``е`` and Latin ``e``) are other text. Such names stay different, and
:func:`invisible_difference` spells out how, so a message about them does not show two
identical-looking strings.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate

#: A difference of at most this many characters on either side, at one place, is spelled out.
_SMALL_DIFFERENCE = 2


def name_key(name: object) -> str:
    """What two spellings of one name have in common (see the module's description): equal keys
    are the same name, of an initiative, a person or an organisation. A blank or missing name, or
    a value that is not text (every value from a file is hostile), is the empty text."""
    if not isinstance(name, str):
        return ""
    # Canonical caseless matching (Unicode, section 3.13): decompose, fold case, then compose.
    return evened_text(unicodedata.normalize("NFD", name).casefold())


def initiative_key(name: object) -> str:
    """What two names of one initiative have in common: equal keys are the same initiative. An
    initiative's name is a name like any other (:func:`name_key`); this says which is compared."""
    return name_key(name)


def same_initiative(name: str | None, other: str | None) -> bool:
    """Whether two initiative names name the same initiative."""
    return initiative_key(name) == initiative_key(other)


def invisible_difference(name: str, other: str, *, here: str = "here", there: str = "there") -> str | None:
    """How two names that are not the same initiative differ, when a reader could not see it:
    ``U+200B ZERO WIDTH SPACE here, nothing there`` (``here`` is ``name``; a message may say where
    each is, ``now`` and ``in the baseline``). None when they differ in plain visible text (``hb``
    and ``hub``), which the names themselves show, or a lot.

    Only a small difference at one place is spelled out, and only when it involves a character
    other than printable ASCII: a zero-width or other invisible character, a letter of another
    script that looks like a Latin one, a variation selector. The characters are named as they are
    written (in NFC, spacing evened out), a capital as a capital, so the reader finds them in the
    file; the place is found ignoring what the names are the same despite (case, NFC, spacing).
    """
    if name_key(name) == name_key(other):
        return None
    typed_here, typed_there = evened_text(name), evened_text(other)
    start_here, start_there = _alike_start([_folded(c) for c in typed_here], [_folded(c) for c in typed_there])
    rest_here, rest_there = typed_here[start_here:], typed_there[start_there:]
    end_here, end_there = _alike_start(
        [_folded(c)[::-1] for c in reversed(rest_here)], [_folded(c)[::-1] for c in reversed(rest_there)]
    )
    these, those = rest_here[: len(rest_here) - end_here], rest_there[: len(rest_there) - end_there]
    if len(these) > _SMALL_DIFFERENCE or len(those) > _SMALL_DIFFERENCE:
        return None
    if all(" " < character <= "~" for character in these + those):
        return None
    return f"{described(these)} {here}, {described(those)} {there}"


def form_difference(text: str, other: str) -> str:
    """How two texts that are one text in Unicode NFC are written differently, which nobody can
    see: ``U+0065 LATIN SMALL LETTER E and U+0301 COMBINING ACUTE ACCENT here, U+00E9 LATIN SMALL
    LETTER E WITH ACUTE there`` (``text`` is here). The characters between their common start and
    common end, each named (:func:`described`)."""
    start = _common_start(text, other)
    end = _common_start(text[start:][::-1], other[start:][::-1])
    return f"{described(text[start : len(text) - end])} here, {described(other[start : len(other) - end])} there"


def evened_text(text: str) -> str:
    """Text as written, in NFC with spacing evened out: what a message shows of a name, and what two
    notes people typed have in common when they are one note (:func:`civdata.render.common.note_groups`:
    a note keeps its case, which is no typing accident there)."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _folded(character: str) -> str:
    """One character with its case folded (decomposed, as canonical caseless matching compares):
    ``ß`` is ``ss``, ``Ã`` is ``a`` and a combining tilde."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", character).casefold())


def _alike_start(here: list[str], there: list[str]) -> tuple[int, int]:
    """How many characters at the start of two names are alike, on each side, given each
    character case-folded (:func:`_folded`): the most whose folded texts are the same text.
    Folding may give one character as several (``ß`` is ``ss``), so the two sides may line up
    again only much later, or never (``ßß…`` and ``sßß…s``).

    The names come from files, so may be very long: the work grows with their length, not its
    square (reading both again at every character took minutes on a million characters). The
    folded texts' common start is found first; the answer is the last place within it where
    characters end on both sides at once."""
    common = _common_start("".join(here), "".join(there))
    ends_there = enumerate(accumulate(map(len, there), initial=0))
    count_there, end_there = next(ends_there)
    alike = (0, 0)
    for count_here, end_here in enumerate(accumulate(map(len, here), initial=0)):
        if end_here > common:
            break
        while end_there < end_here:
            count_there, end_there = next(ends_there, (count_there, common + 1))
        if end_there == end_here:
            alike = (count_here, count_there)
    return alike


def _common_start(text: str, other: str) -> int:
    """How many characters two texts have in common at their start."""
    low, high = 0, min(len(text), len(other))
    while low < high:  # halving: each comparison of slices runs in C, not character by character in Python
        middle = (low + high + 1) // 2
        if text[:middle] == other[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def difference_note(name: str, other: str) -> str:
    """`` (the names differ in U+200B ZERO WIDTH SPACE here, nothing there)``, to follow a message
    that shows both names, when they look alike (:func:`invisible_difference`); else nothing."""
    difference = invisible_difference(name, other)
    return f" (the names differ in {difference})" if difference else ""


def described(characters: str) -> str:
    """``U+0435 CYRILLIC SMALL LETTER IE``: characters by code point and Unicode name, which show
    what they are whatever they look like; ``nothing`` for none."""
    if not characters:
        return "nothing"
    return " and ".join(f"U+{ord(character):04X} {_name(character)}" for character in characters)


def _name(character: str) -> str:
    """A character's Unicode name; ``control character`` for those Unicode names nothing (ESC, BEL)."""
    if unicodedata.category(character) == "Cc":
        return "control character"
    return unicodedata.name(character, "unnamed character")


def another_initiative(this: str, name: str | None, other: str, other_name: str | None, rule: str) -> str:
    """Why two assessments of two initiatives cannot be set side by side, as a baseline and a
    history both say it: ``this`` (``the baseline``) is about ``name``, ``other`` (``these answers
    are``) about ``other_name``, how look-alike names differ, the ``rule``, and the way out when the
    initiative was only renamed."""
    return (
        f"{this} is about {named_initiative(name)}, but {other} about {named_initiative(other_name)}"
        f"{difference_note(name or '', other_name or '')}; {rule} "
        "(or, if the initiative was renamed, correct its name where it is wrong)"
    )


def named_initiative(name: object) -> str:
    """An initiative's name as a message quotes it, or that it is blank: runs of ordinary spaces,
    tabs and line breaks evened out to one space, every other character as written, so that a
    no-break space is spelled out where the message is printed (:func:`civdata.escape.spaces_spelled`)
    rather than shown as the ordinary space it looks like."""
    evened = " ".join(_ORDINARY_SPACES.split(name.strip(" \t\r\n"))) if isinstance(name, str) else ""
    return f"'{evened}'" if evened else "no initiative (it is blank)"


#: What :func:`named_initiative` evens out: the spaces a keyboard types and line breaks.
_ORDINARY_SPACES = re.compile(r"[ \t\r\n]+")
