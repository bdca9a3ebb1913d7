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

#: The line length of markdownlint's and pymarkdown's default rules (MD013).
WIDTH = 80

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DELIMITER_ROW = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_EMPTY_CELL = re.compile(r"(?<!\\)\|( {2,})(?=\|)")
#: The start of a line: quote markers, indentation, and a list marker.
_LINE_PREFIX = re.compile(r"^((?:> ?)*)( *)((?:[-*+]|\d{1,9}[.)]) )?")
#: Text that would start a block (or end a paragraph) at the beginning of a line.
_BLOCK_START = re.compile(r"(?:[-+*](?: |$)|\d{1,9}[.)](?: |$)|[#>|<=]|-{2,}|_{3,}|`{3,}|~{3,})")


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
    match = _LINE_PREFIX.match(line)
    assert match is not None  # every part of the pattern may be empty
    quote, indent, marker = match.group(1), match.group(2), match.group(3) or ""
    prefix = match.group()
    text = line[len(prefix) :]
    if _length(line) <= width:
        return [line]
    continuation = quote + indent + " " * len(marker)
    sums = [0]
    for character in text:
        sums.append(sums[-1] + (2 if ord(character) > 0xFFFF else 1))
    breaks = _break_points(text)
    lines: list[str] = []
    start, lead, first = 0, prefix, 0  # breaks[first] is the first break point after start
    while _length(lead) + sums[-1] - sums[start] > width:
        while first < len(breaks) and breaks[first] <= start:
            first += 1
        room = width - _length(lead)
        fits = first
        while fits < len(breaks) and sums[breaks[fits]] - sums[start] <= room:
            fits += 1
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


def _break_points(text: str) -> list[int]:
    """Positions of the spaces in ``text`` where a line may end: outside code spans, not after a
    backslash (a hard line break), not before text that would start a block."""
    in_code = _code_spans(text)
    points = []
    for index, character in enumerate(text):
        if character != " " or in_code[index] or index == 0:
            continue
        before, after = text[index - 1], text[index + 1 : index + 2]
        if before in " \\" or after in (" ", ""):
            continue
        if _BLOCK_START.match(text, index + 1):
            continue
        points.append(index)
    return points


def _code_spans(text: str) -> list[bool]:
    """For each character of ``text``, whether it is inside a code span (CommonMark's rule: a run
    of backticks opens one, closed by the next run of the same length)."""
    inside = [False] * len(text)
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\":
            index += 2
            continue
        if character != "`":
            index += 1
            continue
        run = next(i for i in range(index, len(text) + 1) if i == len(text) or text[i] != "`") - index
        closing = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, index + run)
        if closing is None:
            index += run
            continue
        for position in range(index, closing.end()):
            inside[position] = True
        index = closing.end()
    return inside


def _length(text: str) -> int:
    """Length as markdownlint counts it: in UTF-16 code units, so a character beyond the BMP is 2."""
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)
