"""The civdata commands that civdata's own messages tell a person to run, built in one place so
that each works as printed.

"Continue with `civdata assess --resume lead.yaml`" is copied into a terminal as it stands. For a
rubric of one's own, that needs ``--rubric`` and the file's path, since ``--resume`` and ``report``
find only a bundled rubric by the id an answers file names; and ``--lang`` when the rubric was
shown in another language than its own, or the report would be in that one. Paths are as the
person gave them, relative to the folder civdata was run in, like the answers file's own name
beside them (and like the rubric's path in a report), never made absolute: an answers file's
header should not carry the name of someone's home folder. Every word is quoted for a POSIX shell.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from civdata.catalog import looks_like_path
from civdata.model import Rubric


def civdata_command(*words: str | Path, rubric: Rubric | None = None) -> str:
    """``civdata`` then ``words``, then the options that name ``rubric`` again, quoted for a shell.

    A :class:`~pathlib.Path` is a file name: one that starts with ``-`` gets ``./`` before it, so
    it is not read as an option."""
    parts = ["civdata", *(file_word(word) if isinstance(word, Path) else word for word in words)]
    if rubric is not None:
        parts += rubric_arguments(rubric)
    return shlex.join(parts)


#: What a command says for a rubric file of one's own whose name cannot be printed where the
#: command is (an answers file's header, :func:`civdata.answers_writer.header_file`): a word that
#: reads as a file name, as the one it stands for does.
RUBRIC_STAND_IN = "RUBRIC.yaml"


def rubric_arguments(rubric: Rubric) -> list[str]:
    """``--rubric PATH`` when ``rubric`` was read from a file of one's own (not a bundled one), and
    ``--lang LANG`` when it is shown in another language than its own."""
    arguments: list[str] = []
    if rubric.source and not rubric.bundled:
        path = file_word(rubric.source)
        # A file named like a bundled rubric's id ("mine") would be taken for that id.
        arguments += ["--rubric", path if looks_like_path(path) else f"./{path}"]
    if rubric.lang != rubric.language:
        arguments += ["--lang", rubric.lang]
    return arguments


def file_word(path: str | Path) -> str:
    """A file name as a command's word: ``./-x.yaml`` for ``-x.yaml``, which is not an option."""
    text = str(path)
    return f"./{text}" if text.startswith("-") else text


def command_lines(command: str, width: int, indent: str = "") -> list[str]:
    """``command`` (as :func:`civdata_command` gives it) as lines of at most ``width`` characters
    after ``indent``, where it can be: whole when it fits, else broken between words as a shell
    continues a command (a line ending in ``\\``), the next lines two spaces further in. A word
    too long for any line (a long path) stands alone at the start of its line, its ``\\`` right
    after it: a file civdata writes keeps to yamllint's line length, which allows a line of one
    long word (docs/in-a-repository.md). A command broken inside the prose around it, or inside a
    quoted word, would not run as printed."""
    if len(indent) + len(command) <= width:
        return [indent + command]
    words = [shlex.quote(word) for word in shlex.split(command)]
    lines, alone = [indent + words[0]], False
    for word in words[1:]:
        if not alone and len(lines[-1]) + len(f" {word} \\") <= width:
            lines[-1] += f" {word}"
            continue
        alone = len(f"{indent}  {word} \\") > width
        lines.append(word if alone else f"{indent}  {word}")
    # A line of one long word ends in the backslash: a space would make it a line of two words.
    return [f"{line}\\" if " " not in line else f"{line} \\" for line in lines[:-1]] + [lines[-1]]
