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
import textwrap
from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from civdata import __version__
from civdata.escape import commands_broken, escaped, is_invisible, yaml_comment, yaml_comment_lines
from civdata.model import Answer, AnswerSet, AnswerValue, Rubric

ANSWERS_FORMAT = 1

#: A word that is a string under every YAML version: a letter first, then letters, digits, - and _.
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

#: Words that YAML 1.1 or 1.2 resolve to booleans or null; they must be quoted to stay text.
_RESERVED_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}

#: yamllint's default line length: the answers files civdata writes pass its default rules.
LINE_WIDTH = 80
#: Where a long double-quoted scalar may be broken: after a space between two other characters,
#: and before two spaces or more (so that a word is never joined to the next by them).
_QUOTED_BREAK = re.compile(r"(?<=[^ ] )(?=[^ ])|(?<=[^ ])(?=  )")


def dump_answers(
    answer_set: AnswerSet, rubric: Rubric, *, written_by: str = "civdata assess", file: Path | None = None
) -> str:
    """The answers file for ``answer_set``: a header comment, then the answers in rubric order.

    Answers to questions the rubric does not have are left out; a blank answer without a note is
    left out too, since a missing key already means "unanswered". ``written_by`` names the command
    in the header comment. ``file`` is the name the file is written to, as given (``FILE`` when
    not known): the header's commands to continue it and to make a report name it, and the rubric
    when it is one of one's own, each on a line of its own, so that it runs as printed.
    """
    lines = [
        *comment_lines(
            f"Answers to '{rubric.title}' ({rubric.id} {rubric.version}), written by `{written_by}` "
            f"(civdata {__version__})."
        ),
        *header_commands(file, rubric),
        *comment_lines(
            "It may hold sensitive notes about people and partners: keep it private, and do not commit it "
            "to a public repository."
        ),
        "---",
        f"format: {ANSWERS_FORMAT}",
        f"rubric: {{id: {scalar(rubric.id)}, version: {scalar(rubric.version)}}}",
        *fitted("initiative: ", scalar(answer_set.initiative), "  "),
        "respondent:",
    ]
    respondent = answer_set.respondent
    if respondent.name is not None:
        lines += fitted("  name: ", scalar(respondent.name), "    ")
    lines.append(f"  role: {scalar(respondent.role)}")
    if respondent.organisation is not None:
        lines += fitted("  organisation: ", scalar(respondent.organisation), "    ")
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


def header_commands(file: Path | None, rubric: Rubric) -> list[str]:
    """The header's comment lines that say how to continue the file named ``file`` (as given) and
    make a report from it, with the lines that say what a stand-in name stands for. One home:
    :func:`dump_answers` writes them, and :mod:`civdata.answers_editor` finds them again to name
    another file when a resumed file is saved under a new name."""
    from civdata.commands import civdata_command  # here: a report reads answers, it never writes them

    def resume(named: str | Path, rubric: Rubric) -> str:
        return civdata_command("assess", "--resume", named, rubric=rubric)

    def report(named: str | Path, rubric: Rubric) -> str:
        return civdata_command("report", named, rubric=rubric)

    named, named_rubric, which = header_file(file, rubric, resume, report)
    return [
        "# To continue answering:",
        *command_comment(resume(named, named_rubric)),
        "# To make a report:",
        *command_comment(report(named, named_rubric)),
        *which,
    ]


def comment_lines(text: str, indent: str = "", prefix: str = "", hang: int = 0) -> list[str]:
    """``text`` as YAML comment lines wrapped at :data:`LINE_WIDTH`, continuation lines under the
    text after ``prefix`` and ``hang`` spaces further in; no line break or control character in
    ``text`` can end a comment early (see :func:`civdata.escape.yaml_comment_lines`). A word
    longer than a line (a web address) is left whole, which yamllint's default rules allow."""
    lines: list[str] = []
    for paragraph in yaml_comment_lines(str(text).strip()):
        wrapped = textwrap.wrap(
            paragraph,
            width=LINE_WIDTH - len(indent) - 2,
            initial_indent=prefix,
            subsequent_indent=" " * (len(prefix) + hang),
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(_comment_line(indent, line) for line in (wrapped or [""]))
    return lines


def _comment_line(indent: str, line: str) -> str:
    """One wrapped line as a comment. A word longer than the line (a web address) is written one
    space after the ``#``, without the hanging indent: yamllint's default rules let a line overrun
    only when, after ``# ``, it holds one word and no space."""
    if len(indent) + 2 + len(line) > LINE_WIDTH and " " not in line.strip():
        line = line.strip()
    return f"{indent}# {line}".rstrip()


def command_comment(command: str) -> list[str]:
    """A command for a person to run, as comment lines of its own: never wrapped into the prose
    around it, and broken, when it does not fit, as a shell continues a command (see
    :func:`civdata.commands.command_lines`)."""
    from civdata.commands import command_lines

    return [f"# {comment_text(line)}" for line in command_lines(command, LINE_WIDTH - len("# "), indent="  ")]


def header_file(
    file: Path | None, rubric: Rubric, *commands: Callable[[str | Path, Rubric], str]
) -> tuple[str | Path, Rubric, list[str]]:
    """The name the header's ``commands`` give the file written (``file``, as given), the rubric
    they name, and the comment lines that say what a stand-in stands for.

    A command is printed only as it runs: with the names as given when every command prints as
    words a shell reads back, each line within :data:`LINE_WIDTH` or one word alone (yamllint
    allows that). A name with a line break or an invisible character cannot be printed in a
    comment as it is (folded, it would name another file), and a quoted name with spaces longer
    than a line cannot be broken inside its quotes: then ``FILE`` for the file, and ``RUBRIC.yaml`` for
    a rubric file of one's own if that is not enough, each with a line saying so (docs/assess.md).
    The rule is :func:`civdata.commands.named_for_print`'s, which the terminal follows too.
    """
    from civdata.commands import named_for_print

    naming = named_for_print(
        file,
        rubric,
        *commands,
        prints=_printable,
        fits=_prints_whole,
        file_is="this file's own name",
        reason="a line break or invisible character in it, or too long for a line",
    )
    return naming.file, naming.rubric, [line for note in naming.notes for line in comment_lines(note)]


def _printable(name: str) -> bool:
    """Whether ``name`` is printed in a comment as it is (see :func:`yaml_comment`)."""
    return yaml_comment(name) == name


def _prints_whole(command: str) -> bool:
    """Whether ``command`` prints as comment lines that keep to :data:`LINE_WIDTH`, a longer line
    being one word alone (see :func:`command_comment`)."""
    from civdata.commands import command_lines

    width = LINE_WIDTH - len("# ")
    return all(len(line) <= width or " " not in line for line in command_lines(command, width, indent="  "))


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
        return fitted(f"{indent}{key}: ", value, indent + "  ")
    return [
        f"{indent}{key}:",
        *fitted(f"{indent}  value: ", value, indent + "    "),
        *fitted(f"{indent}  note: ", scalar(answer.note), indent + "    "),
    ]


def fitted(lead: str, text: str, indent: str) -> list[str]:
    """``lead`` followed by ``text`` (a scalar or flow list as :func:`value_text` writes it), on
    lines of at most :data:`LINE_WIDTH` characters where ``text`` can be broken without changing
    what it means: a double-quoted scalar after a space (see :func:`_folded_quoted`); a flow list
    after a comma. Continuation lines start with ``indent``. A word longer than a line stays
    whole."""
    if len(lead) + len(text) <= LINE_WIDTH or not text.startswith(('"', "[")):
        return [f"{lead}{text}".rstrip()]
    if text.startswith('"'):
        cuts = [0, *(match.start() for match in _QUOTED_BREAK.finditer(text)), len(text)]
        return _folded_quoted(lead, [text[a:b] for a, b in pairwise(cuts)], indent)
    items = text.split(", ")
    pieces = [f"{item}," for item in items[:-1]] + [items[-1]]
    indent = " " * (len(lead) + 1)  # under the first item, as yamllint's indentation rule wants
    lines: list[str] = []
    line = lead + pieces[0]
    for piece in pieces[1:]:
        if len(line) + len(" ") + len(piece) > LINE_WIDTH:
            lines.append(line)
            line = indent + piece
        else:
            line += " " + piece
    lines.append(line)
    return lines


def _folded_quoted(lead: str, pieces: list[str], indent: str) -> list[str]:
    """A double-quoted scalar cut into ``pieces`` (see :data:`_QUOTED_BREAK`), on lines of
    :data:`LINE_WIDTH`, each ending with an escaped line break (a backslash): what is before it is
    kept, and the next line's indentation is not read, so a piece that starts with spaces starts
    its line with them escaped (:func:`_continuation`).

    A word too long for a line gets a line of its own, for yamllint lets a line overrun only when
    it holds no space: the opening quote ends the first line, and where the word is followed by
    its one space, the line ends without it and without the backslash, a line break in a quoted
    scalar being read as one space."""
    lines: list[str] = []
    rest = 1 if len(pieces) > 1 else 0  # room for the backslash
    if lead.strip() and len(lead) + len(pieces[0]) + rest > LINE_WIDTH:
        lines.append(lead + '"\\')
        pieces = [pieces[0][1:], *pieces[1:]]
        line = _continuation(indent, pieces[0])
    else:
        line = lead + pieces[0]
    alone = not lead.strip() or len(lines) > 0
    for piece in pieces[1:]:
        if len(line) + len(piece) + 1 > LINE_WIDTH:
            lines.append(_line_end(line, alone))
            line, alone = _continuation(indent, piece), True
        else:
            line, alone = line + piece, False
    lines.append(line)
    return lines


def _continuation(indent: str, piece: str) -> str:
    """A piece at the start of a line after an escaped line break, which drops the line's leading
    spaces: the spaces of the text there are written ``\\x20``, which leaves the line without a
    space when a long word follows them."""
    word = piece.lstrip(" ")
    return indent + "\\x20" * (len(piece) - len(word)) + word


def _line_end(line: str, alone: bool) -> str:
    """The end of a line of a double-quoted scalar: an escaped line break; or, for one word that
    leaves no room for it, followed by its one space, no space and no backslash (see
    :func:`_folded_quoted`)."""
    if alone and len(line) + 1 > LINE_WIDTH and line.endswith(" ") and not line.endswith("  "):
        return line[:-1]
    return line + "\\"


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


def entry_text(question_id: str, value: object, note: str | None) -> str:
    """An answers entry as YAML on one line, to keep in a comment: ``id: value``, or
    ``id: {value: ..., note: ...}`` with a note."""
    key = scalar(question_id)
    if note is None:
        return f"{key}: {any_value_text(value)}"
    return f"{key}: {{value: {any_value_text(value)}, note: {scalar(note)}}}"


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
    so that a person reading the file in an editor sees what it holds. A file civdata writes may
    be printed in a CI job (``template -o -``, a ``git diff``), and a long value is folded at its
    spaces: ``##[`` and a ``::`` that could start a line are escaped too (``#\\x23[``,
    ``:\\x3a``), so no line of it is a workflow command (:func:`civdata.escape.commands_broken`)."""
    return '"' + commands_broken("".join(_escape(character) for character in text)) + '"'


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
