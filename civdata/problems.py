"""Problems found in what a person wrote, and how they are reported.

A problem is always tied to a place in a file, so editors and CI annotations can jump to it. The
loaders collect every problem they find and raise :class:`InputError` once, so a person fixes all
their mistakes in one pass instead of one per run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from civdata.escape import log_line, spaces_spelled


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in an input file. ``line`` and ``column`` are 1-based; 0 means the whole file.

    Its text is always exactly one line, safe for a terminal and a CI log: the file name and the
    values quoted in the message come from files and the command line, so :func:`log_line`
    escapes line breaks, control characters and workflow commands in them. In the message, a space
    other than the ordinary one (a no-break space pasted from a word processor) is spelled out
    too (:func:`spaces_spelled`): ``'yes\\xa0' is not an answer`` must not read ``'yes '``.

    ``sheet`` names the sheet of a workbook the line and column are in (``civdata import`` of an
    ``.xlsx`` export). A workbook has several (a "Read me", one per repeat group of a KoboToolbox
    form), and a person opening it in a spreadsheet needs to know which one the row is on. The
    text still starts ``file:line:column:``, the form editors and CI log matchers read, with a path
    they can open; the sheet, and the cell as a spreadsheet names it (``F3``), start the message.
    """

    source: str
    line: int
    column: int
    message: str
    sheet: str = ""
    #: False when ``source`` is not a file at all (a folder with nothing to check in it, an option
    #: given a value the rubric does not know: :func:`option_problem`): CI annotations then name
    #: no file, as for every problem that has no place in one.
    in_file: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", within_limit(self.message))
        object.__setattr__(self, "sheet", within_limit(self.sheet, SHEET_NAME_LIMIT))

    def __str__(self) -> str:
        if self.line <= 0:
            return log_line(f"{self.source}: {spaces_spelled(self.message)}")
        return log_line(f"{self.source}:{self.line}:{self.column}: {spaces_spelled(self._cell() + self.message)}")

    def _cell(self) -> str:
        """``sheet 'Round 2', cell F3: `` in a workbook; nothing in any other file."""
        if not self.sheet:
            return ""
        cell = f", cell {column_letters(self.column)}{self.line}" if self.column > 0 else ""
        return f"{sheet_named(self.sheet)}{cell}: "


def sheet_named(title: str) -> str:
    """``sheet 'Round 2'``: a workbook's sheet as every message names it, its name cut to
    :data:`SHEET_NAME_LIMIT` (a workbook made otherwise than by a spreadsheet holds any length)."""
    return f"sheet '{within_limit(title, SHEET_NAME_LIMIT)}'"


def option_problem(option: str, message: str) -> Problem:
    """A problem with the value given to a command-line option (``--fail-on-verdict``): named by
    the option as a file's problem is named by the file, but in no file, so a CI annotation names
    no file for it. Marked as such, never told by its leading dash: a file may be named
    ``-bob.yaml`` too."""
    return Problem(option, 0, 0, message, in_file=False)


def not_utf8(source: str, error: UnicodeDecodeError, what: str = "the file") -> Problem:
    """The problem of a file that is not UTF-8 text, at its first byte that is not, counted as an
    editor counts: lines by line feed, columns in characters. ``error.object`` is what was decoded
    (without the byte order mark ``utf-8-sig`` takes off), which its offsets count in."""
    raw = bytes(error.object)
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    column = len(raw[line_start : error.start].decode("utf-8")) + 1
    line = raw.count(b"\n", 0, error.start) + 1
    return Problem(source, line, column, f"{what} is not UTF-8 text; save it as UTF-8")


def column_letters(column: int) -> str:
    """``A`` for column 1, ``Z`` for 26, ``AA`` for 27: a column as spreadsheets name it."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


#: The longest message a problem keeps, in characters. A value quoted from a file can be as long as
#: the readers allow (megabytes); repeated whole, it would flood a terminal, a CI log or an editor's
#: list of problems. Messages say what is wrong at their start and how to fix it at their end, so
#: it is the middle that is left out.
MESSAGE_LIMIT = 1000
#: The longest sheet name a problem shows. A spreadsheet allows 31 characters; a workbook made
#: otherwise can hold any number.
SHEET_NAME_LIMIT = 100


def within_limit(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """``message``, or its start and end with the middle left out (and counted) when it is longer
    than ``limit`` characters."""
    if len(message) <= limit:
        return message
    keep = (limit - 60) // 2
    return f"{message[:keep]}... ({len(message) - 2 * keep:,} characters left out) ...{message[-keep:]}"


class InputError(Exception):
    """Raised with every problem found in the inputs of one command."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.source, p.line, p.column, p.message))
        super().__init__("\n".join(str(problem) for problem in self.problems))


def did_you_mean(
    word: object,
    choices: Iterable[object],
    labels: Mapping[str, str] | None = None,
    *,
    noun: str = "id",
    named_as: Mapping[str, str] | None = None,
) -> str:
    """A ``; did you mean 'x'?`` suffix naming the closest choice, or nothing when none is close.

    Every choice as close as the closest is named, in the order of ``choices`` (``'written-internal'
    or 'written-reviewed'`` for ``written``): picking one of a tie would choose for the person, and
    a hint must never talk an answer up or down. ``labels`` gives the label a choice is shown with
    (a role's ``Lead organisation``): a label written where the id belongs, ignoring case and
    spacing, is answered with its id when no id is close (``noun`` names what the choice is: a
    role's id, an option's value). ``named_as`` gives the name a choice is suggested by, when the
    words compared are not it (file names compared without the ending they share)."""
    options = list(dict.fromkeys(str(choice) for choice in choices))
    close = _closest(str(word), options)
    if not close:
        lowered = {option.lower(): option for option in options}
        if str(word).lower() in lowered:
            close = [lowered[str(word).lower()]]
    if close:
        return f"; did you mean {quoted_list([(named_as or {}).get(choice, choice) for choice in close])}?"
    return _label_meant(str(word), labels or {}, noun)


def _label_meant(word: str, labels: Mapping[str, str], noun: str = "id") -> str:
    """``; did you mean 'lead', the id of 'Lead organisation'?`` for a label written for its id."""
    by_label: dict[str, list[str]] = {}
    for choice, label in labels.items():
        by_label.setdefault(" ".join(label.split()).casefold(), []).append(choice)
    named = _closest(" ".join(word.split()).casefold(), list(by_label))
    ids = [choice for label in named for choice in by_label[label]]
    if not ids:
        return ""
    of = f"the {noun} of" if len(ids) == 1 else f"the {noun}s of"
    return f"; did you mean {quoted_list(ids)}, {of} {quoted_list(labels[choice] for choice in ids)}?"


def _closest(word: str, options: list[str], cutoff: float = 0.6) -> list[str]:
    """The options of the highest similarity to ``word`` (as :func:`difflib.get_close_matches`
    measures it), all of them on a tie, or none when none reaches ``cutoff``."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    ratios = {}
    for option in options:
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff and matcher.ratio() >= cutoff:
            ratios[option] = matcher.ratio()
    best = max(ratios.values(), default=None)
    return [option for option, ratio in ratios.items() if ratio == best]


def one_slip_from(word: str, choices: Iterable[str]) -> str | None:
    """The first of ``choices`` that ``word`` is one slip of the keys away from: a character added,
    dropped or changed, two neighbours swapped, or letters in another case; None when none is.

    Tighter than :func:`did_you_mean`, for where a near name is refused rather than suggested: two
    ids that differ by a digit (``impact6`` and ``impact7``, ``q1`` and ``q12``) are items of a
    numbered series, not a typo of each other, and so are two that differ by a letter standing
    alone between separators (``A.4`` and ``C.4``: sections of a checklist).
    """
    for choice in choices:
        if choice != word and _one_slip(word.casefold(), choice.casefold()):
            return choice
    return None


def _one_slip(word: str, other: str) -> bool:
    if word == other:
        return True
    if abs(len(word) - len(other)) > 1:
        return False
    start = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), min(len(word), len(other)))
    if len(word) != len(other):
        longer, shorter = (word, other) if len(word) > len(other) else (other, word)
        return longer[start + 1 :] == shorter[start:] and not longer[start].isdigit()
    if word[start + 1 :] == other[start + 1 :]:
        return not (word[start].isdigit() or other[start].isdigit() or _stands_alone(word, start))
    pair = word[start : start + 2]
    swapped = pair == other[start : start + 2][::-1] and word[start + 2 :] == other[start + 2 :]
    return swapped and not any(character.isdigit() for character in pair)


def _stands_alone(word: str, index: int) -> bool:
    """Whether the character at ``index`` is a part of ``word`` on its own: no letter or digit on
    either side (``A`` in ``A.4``, ``b`` in ``part-b-2``)."""
    before = word[index - 1] if index > 0 else ""
    after = word[index + 1] if index + 1 < len(word) else ""
    return not before.isalnum() and not after.isalnum()


def quoted_list(values: Iterable[object], limit: int = 12, *, quote: str = "'") -> str:
    """``'a', 'b' or 'c'``: the values a person may choose from, in their order. ``quote=""`` lists
    numbers as they are written (``1, 2 or 3``), where quotes would make them text."""
    items = [f"{quote}{value}{quote}" for value in values]
    if len(items) > limit:
        items = [*items[:limit], f"... ({len(items) - limit} more)"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
