"""Write one respondent's answers as the YAML file that ``civdata report`` reads.

The file is read by civdata (YAML 1.2 core schema), but also by people, editors, spreadsheets
and other YAML tools, many of which follow YAML 1.1, where ``no``, ``on`` or ``y`` are booleans
and ``1:20`` is a number. So every scalar is written in a form that means the same thing under
both: a string stays plain only when it is a simple word that no YAML version could read as
anything else; everything else is double-quoted with escapes, and floats are written in plain
decimal notation. The output is deterministic, so an interrupted and resumed questionnaire
writes exactly the same file as an uninterrupted one.
"""

from __future__ import annotations

import re
from decimal import Decimal

from civdata import __version__
from civdata.escape import escaped, is_invisible, yaml_comment
from civdata.model import Answer, AnswerSet, AnswerValue, Rubric

ANSWERS_FORMAT = 1

#: A word that is a string under every YAML version: a letter first, then letters, digits, - and _.
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

#: Words that YAML 1.1 or 1.2 resolve to booleans or null; they must be quoted to stay text.
_RESERVED_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def dump_answers(answer_set: AnswerSet, rubric: Rubric, *, written_by: str = "civdata assess") -> str:
    """The answers file for ``answer_set``: a header comment, then the answers in rubric order.

    Answers to questions the rubric does not have are left out; a blank answer without a note is
    left out too, since a missing key already means "unanswered". ``written_by`` names the command
    in the header comment.
    """
    lines = [
        f"# Answers to '{yaml_comment(rubric.title)}' ({yaml_comment(rubric.id)} {yaml_comment(rubric.version)}),",
        f"# written by `{yaml_comment(written_by)}` (civdata {__version__}). "
        "Continue with `civdata assess --resume FILE`,",
        "# make a report with `civdata report FILE`.",
        "# It may hold sensitive notes about people and partners: keep it private, and do not",
        "# commit it to a public repository.",
        f"format: {ANSWERS_FORMAT}",
        f"rubric: {{id: {scalar(rubric.id)}, version: {scalar(rubric.version)}}}",
        f"initiative: {scalar(answer_set.initiative)}",
        "respondent:",
    ]
    respondent = answer_set.respondent
    if respondent.name is not None:
        lines.append(f"  name: {scalar(respondent.name)}")
    lines.append(f"  role: {scalar(respondent.role)}")
    if respondent.organisation is not None:
        lines.append(f"  organisation: {scalar(respondent.organisation)}")
    if answer_set.date is not None:
        lines.append(f"date: {quoted(answer_set.date)}")
    entries = [
        line
        for question in rubric.questions
        if (answer := answer_set.answers.get(question.id)) is not None
        for line in _answer_lines(question.id, answer)
    ]
    lines.append("answers:" if entries else "answers: {}")
    lines.extend(entries)
    return "\n".join(lines) + "\n"


def one_line(text: str) -> str:
    """Text made safe for a comment line, on one line, its spacing folded."""
    return " ".join(yaml_comment(text).split())


def comment_text(text: str) -> str:
    """``text`` made safe to follow ``#`` on one line (see :func:`civdata.escape.yaml_comment`),
    with its tabs and spacing kept: comments are often aligned by hand."""
    return "\t".join(yaml_comment(part) for part in text.split("\t"))


def _answer_lines(question_id: str, answer: Answer) -> list[str]:
    return answer_entry_lines(question_id, answer) if answer.value is not None or answer.note is not None else []


def answer_entry_lines(question_id: str, answer: Answer, indent: str = "  ", blank: str = "null") -> list[str]:
    """One answer as the lines of its entry under ``answers:``: ``id: value`` without a note,
    the ``value``/``note`` mapping with one. A blank value is written as ``blank``: ``null``, or
    nothing at all for a person to fill in."""
    key = scalar(question_id)
    value = value_text(answer.value) if answer.value is not None else blank
    if answer.note is None:
        return [f"{indent}{key}: {value}".rstrip()]
    return [f"{indent}{key}:", f"{indent}  value: {value}".rstrip(), f"{indent}  note: {scalar(answer.note)}"]


def any_value_text(value: object) -> str:
    """Any value read from an answers file as YAML on one line, for the comment that keeps an
    answer civdata had to set aside (it may be of a form no question takes now)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(any_value_text(item) for item in value) + "]"
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return quoted(repr(value))
    if value is None or isinstance(value, int | float):
        return value_text(value)
    return scalar(str(value))


def value_text(value: AnswerValue | None) -> str:
    """An answer value as YAML: ``null``, a number, a string, or a flow list of option values."""
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return "[" + ", ".join(value_text(item) for item in value) + "]"
    if isinstance(value, bool):
        raise TypeError("an answer value is never a boolean; yes/no answers are the text 'yes' and 'no'")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_text(value)
    return scalar(value)


def float_text(number: float) -> str:
    """A finite float in plain decimal notation with a point, which YAML 1.1 and 1.2 both read
    as the same float (``1e-05`` is a string in YAML 1.1; ``0.00001`` is a float everywhere)."""
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"an answer cannot be {number}")
    text = format(Decimal(repr(number)), "f")
    return text if "." in text else f"{text}.0"


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly this string under any YAML version."""
    if _PLAIN_WORD.fullmatch(text) and text.lower() not in _RESERVED_WORDS:
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """A double-quoted YAML scalar. Characters YAML does not allow raw (controls, line and
    paragraph separators, non-characters, lone surrogates) are escaped, so no parser folds or
    refuses them; so are the invisible ones it allows (bidi overrides, zero-width characters),
    so that a person reading the file in an editor sees what it holds."""
    return '"' + "".join(_escape(character) for character in text) + '"'


def _escape(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    printable = not is_invisible(character) and (
        0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )
    return character if printable else escaped(character)
