"""civdata.mdlayout.lay_out, against a plain reference written from its rule.

The rule: a line of prose is broken at the last break point that fits in the width (or, when
none fits, the first one after), continuing under its list marker or quote. The layout itself
finds lines with running sums so that a very long paragraph costs linear time; the reference
below measures every candidate again, as the rule reads, and must agree on thousands of lines.
"""

from __future__ import annotations

import random

import pytest

from civdata.mdlayout import _break_points, _length, _wrapped, lay_out

WORDS = ["a", "word", "longer-words", "`code span`", "``two`` ticks", "1.", "-", "#", "> q", "🙂🙂", "é", "x" * 90]


def reference(line: str, width: int) -> list[str]:
    """The rule, read literally (quadratic; for short lines only)."""
    import re

    match = re.match(r"^((?:> ?)*)( *)((?:[-*+]|\d{1,9}[.)]) )?", line)
    assert match is not None
    prefix = match.group()
    continuation = match.group(1) + match.group(2) + " " * len(match.group(3) or "")
    text = line[len(prefix) :]
    breaks = _break_points(text)
    lines, start, lead = [], 0, prefix
    while _length(lead) + _length(text[start:]) > width:
        room = width - _length(lead)
        fitting = [point for point in breaks if start < point and _length(text[start:point]) <= room]
        later = [point for point in breaks if point > start]
        point = fitting[-1] if fitting else (later[0] if later else None)
        if point is None:
            break
        lines.append(lead + text[start:point])
        start, lead = point + 1, continuation
    lines.append(lead + text[start:])
    return lines


@pytest.mark.parametrize("seed", range(20))
def test_wrapping_follows_the_rule_on_generated_lines(seed: int) -> None:
    chooser = random.Random(seed)
    for _ in range(200):
        lead = chooser.choice(["", "- ", "1. ", "> ", "> - ", "   "])
        line = lead + " ".join(chooser.choice(WORDS) for _ in range(chooser.randrange(0, 60)))
        width = chooser.choice([20, 40, 80])
        assert _wrapped(line, width) == reference(line, width), line


def test_a_paragraph_of_a_thousand_names_is_wrapped_whole() -> None:
    names = ", ".join(f"Person {number}" for number in range(1000))
    laid = lay_out(f"- Said by {names}.")
    lines = laid.splitlines()
    assert all(_length(line) <= 80 for line in lines)
    assert " ".join(line.strip() for line in lines).removeprefix("- ") == f"Said by {names}."
