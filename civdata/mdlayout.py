"""The last step of every Markdown civdata writes: lay it out as the usual Markdown linters expect.

Teams keep reports and rubric documents in repositories that run markdownlint (markdownlint-cli2)
or pymarkdown with their default rules. The renderers write each paragraph, list item and quoted
line as one line, and tables as rows; :func:`lay_out` then

* wraps prose at 80 characters (the linters' line length), continuing a list item under its
  text and a quote with its ``>``; tables and headings stay one line each, as they must;
* writes the delimiter row of a table as ``| --- | --: |`` and an empty cell as ``| |`` (the
  "compact" table style, MD055/MD060);
* leaves one blank line between blocks (MD012).

A line is broken only at a space where the text that follows cannot start a block of its own (a
list item, a heading, a quote, a fence, a table row or HTML) and only outside code spans, so the
Markdown means exactly what it meant on one line. Text from files is escaped before it gets here
(:mod:`civdata.escape`), so it cannot start a block at the beginning of a line either.

The committed linter configurations (``.markdownlint-cli2.jsonc``, ``.pymarkdown.json``) differ
from the defaults in one way: tables may be longer than 80 characters, since a table row cannot
be wrapped.
"""

from __future__ import annotations

import re
from bisect import bisect_right

#: The line length of markdownlint's and pymarkdown's default rules (MD013).
WIDTH = 80

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DELIMITER_ROW = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_EMPTY_CELL = re.compile(r"(?<!\\)\|( {2,})(?=\|)")
#: The start of a line: quote markers, indentation, and a list marker.
_LINE_PREFIX = re.compile(r"^((?:> ?)*)( *)((?:[-*+]|\d{1,9}[.)]) )?")
#: Text that would start a block (or end a paragraph) at the beginning of a line.
_BLOCK_START = r"(?:[-+*](?: |$)|\d{1,9}[.)](?: |$)|[#>|<=]|-{2,}|_{3,}|`{3,}|~{3,})"
#: A space where a line may end, code spans aside (see :func:`_break_points`).
_BREAK = re.compile(rf"(?<=[^ \\]) (?! |$|{_BLOCK_START})")
#: A run of backticks, or a backslash with the character it escapes.
_BACKTICKS_OR_ESCAPE = re.compile(r"\\.|`+", re.DOTALL)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def lay_out(markdown: str, width: int = WIDTH) -> str:
    """``markdown`` with prose wrapped at ``width``, tables in the compact style, single blank lines."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        line = line.rstrip()
        opening = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
        elif not line:
            if out and out[-1] != "":
                out.append("")
        elif line.startswith("|"):
            out.append(_table_row(line))
        elif line.startswith(("#", "<!--")):
            out.append(line)
        else:
            out.extend(_wrapped(line, width))
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _table_row(line: str) -> str:
    if _DELIMITER_ROW.match(line):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        return "| " + " | ".join(_delimiter(cell) for cell in cells) + " |"
    return _EMPTY_CELL.sub("| ", line)


def _delimiter(cell: str) -> str:
    """``---``, ``:--``, ``--:`` or ``:-:``: three characters, as pymarkdown's compact style wants."""
    left, right = cell.startswith(":"), cell.endswith(":")
    return (":" if left else "-") + "-" + (":" if right else "-")


def _wrapped(line: str, width: int) -> list[str]:
    """One line of prose as lines of at most ``width`` characters where it can be broken safely.

    Each line ends at the last break point that fits (or, when none does, the first one after);
    lengths come from running sums, so a paragraph of any length is laid out in linear time (a
    combined report on hundreds of respondents has very long ones).
    """
    if _length(line) <= width:
        return [line]
    match = _LINE_PREFIX.match(line)
    assert match is not None  # every part of the pattern may be empty
    quote, indent, marker = match.group(1), match.group(2), match.group(3) or ""
    prefix = match.group()
    text = line[len(prefix) :]
    continuation = quote + indent + " " * len(marker)
    sums = _running_lengths(text)
    breaks = _break_points(text)
    ends = [sums[point] for point in breaks]  # the length of the text up to each break point
    lines: list[str] = []
    start, lead, first = 0, prefix, 0  # breaks[first] is the first break point after start
    while _length(lead) + sums[-1] - sums[start] > width:
        first = bisect_right(breaks, start, first)
        fits = bisect_right(ends, sums[start] + width - _length(lead), first)
        if fits > first:
            point = breaks[fits - 1]
        elif first < len(breaks):
            point = breaks[first]
        else:
            break
        lines.append(lead + text[start:point])
        start, lead = point + 1, continuation
    lines.append(lead + text[start:])
    return lines


def _running_lengths(text: str) -> range | list[int]:
    """``sums[i]``: the length (as :func:`_length` counts it) of ``text[:i]``, for i up to len(text)."""
    if _ASTRAL.search(text) is None:
        return range(len(text) + 1)  # the usual case: one unit per character
    sums = [0]
    for character in text:
        sums.append(sums[-1] + (2 if ord(character) > 0xFFFF else 1))
    return sums


def _break_points(text: str) -> list[int]:
    """Positions of the spaces in ``text`` where a line may end: outside code spans, not after a
    space or a backslash (a hard line break), not before a space, the end, or text that would start
    a block."""
    points = [match.start() for match in _BREAK.finditer(text)]
    spans = _code_spans(text) if "`" in text else []
    if not spans:
        return points
    kept = []
    span = 0
    for point in points:
        while span < len(spans) and spans[span][1] <= point:
            span += 1
        if span == len(spans) or point < spans[span][0]:
            kept.append(point)
    return kept


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The code spans of ``text`` as (start, end) pairs in order (CommonMark's rule: a run of
    backticks opens one, closed by the next run of the same length; a backslash escapes one)."""
    spans: list[tuple[int, int]] = []
    index = 0
    while True:
        opening = _BACKTICKS_OR_ESCAPE.search(text, index)
        if opening is None:
            return spans
        if opening.group().startswith("\\"):
            index = opening.end()
            continue
        run = opening.end() - opening.start()
        closing = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, opening.end())
        if closing is None:
            index = opening.end()
            continue
        spans.append((opening.start(), closing.end()))
        index = closing.end()


def _length(text: str) -> int:
    """Length as markdownlint counts it: in UTF-16 code units, so a character beyond the BMP is 2."""
    return len(text) if text.isascii() else len(text) + len(_ASTRAL.findall(text))
