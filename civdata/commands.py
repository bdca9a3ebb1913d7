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
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from civdata.catalog import looks_like_path
from civdata.escape import log_line
from civdata.model import Rubric
from civdata.records import record


def civdata_command(*words: str | Path, rubric: Rubric | None = None) -> str:
    """``civdata`` then ``words``, then the options that name ``rubric`` again, quoted for a shell.

    A :class:`~pathlib.Path` is a file name: one that starts with ``-`` gets ``./`` before it, so
    it is not read as an option."""
    parts = ["civdata", *(file_word(word) if isinstance(word, Path) else word for word in words)]
    if rubric is not None:
        parts += rubric_arguments(rubric)
    return shlex.join(parts)


#: What a command says for a rubric file of one's own whose name cannot be printed where the
#: command is (an answers file's header, :func:`civdata.answers_writer.header_file`; the
#: terminal): a word that reads as a file name, as the one it stands for does.
RUBRIC_STAND_IN = "RUBRIC.yaml"
#: What a command says for the file it is about when its name cannot be printed there.
FILE_STAND_IN = "FILE"
#: Why a name is not printed, on a terminal: what :func:`on_terminal` refuses. In words, since
#: the two colons themselves would be broken up on the line that says so (a CI log command).
TERMINAL_REASON = "a line break, an invisible character or a double colon in it"

#: A command built from the word for a file and the rubric it names (see :func:`named_for_print`).
CommandFor = Callable[[str | Path, Rubric], str]


@record
class Naming:
    """The file and the rubric as the commands printed for a person name them, and the sentences
    that say what a stand-in stands for (see :func:`named_for_print`)."""

    file: str | Path
    rubric: Rubric
    notes: tuple[str, ...]


def on_terminal(name: str) -> bool:
    """Whether ``name`` is printed on a terminal line as it is: civdata's lines on a terminal are
    escaped (:func:`civdata.escape.log_line`), so a name with a line break, a control or bidi
    character, or ``::``, would be printed as another name, one a shell reads as another file."""
    return log_line(name) == name


def named_for_print(
    file: Path | None,
    rubric: Rubric,
    *commands: CommandFor,
    prints: Callable[[str], bool],
    fits: Callable[[str], bool],
    file_is: str,
    reason: str,
    stand_in: str = FILE_STAND_IN,
) -> Naming:
    """How the ``commands`` printed for a person name ``file`` and ``rubric``: as given where each
    command runs as printed, else a stand-in and a sentence saying what it stands for.

    A command is printed only as it runs (docs/assess.md): ``prints`` says whether a name prints
    unchanged where the commands are printed (a comment, a terminal line), ``fits`` whether a
    whole command does (within a comment's width). A rubric file of one's own whose name does
    not print is written :data:`RUBRIC_STAND_IN`; a file whose name does not, or whose commands
    do not fit, is written ``stand_in`` (``FILE``; ``FOLDER`` for a workshop), and the rubric too
    if that is not enough. ``file`` None (not known) is the stand-in, without a note. ``file_is``
    says what the stand-in is ("this file's own name"), ``reason`` why it cannot be printed.
    """

    def fit(named: str | Path, rubric: Rubric) -> bool:
        return all(fits(build(named, rubric)) for build in commands)

    if file is None:
        return Naming(stand_in, rubric, ())
    own_rubric = bool(rubric.source) and not rubric.bundled
    shown = replace(rubric, source=RUBRIC_STAND_IN)
    # The rubric's name first: one that cannot be printed would otherwise make every command misfit.
    stood_in = own_rubric and not prints(rubric.source)
    kept = prints(str(file)) and fit(file, shown if stood_in else rubric)
    named: str | Path = file if kept else stand_in
    stood_in = stood_in or (own_rubric and not fit(named, rubric))
    notes: list[str] = []
    if not kept:
        notes.append(f"{stand_in} is {file_is}, which cannot be printed here as words a shell reads back ({reason}).")
    if stood_in:
        notes.append(rubric_stand_in_note())
    return Naming(named, shown if stood_in else rubric, tuple(notes))


def rubric_stand_in_note() -> str:
    """The sentence printed with a command that names :data:`RUBRIC_STAND_IN`."""
    return (
        f"{RUBRIC_STAND_IN} is the rubric file given to --rubric, whose name cannot be printed here as words a "
        "shell reads back."
    )


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


def terminal_commands(
    file: Path, rubric: Rubric, *builds: CommandFor, file_is: str, stand_in: str = FILE_STAND_IN
) -> tuple[list[str], tuple[str, ...]]:
    """The commands ``builds`` make about ``file``, as printed on a terminal, and the sentences to
    print with them: the answers file's header's rule (:func:`named_for_print`), since a name
    escaped on the way to the terminal (``Ana\\nLima.yaml``) or folded onto one line (``Ana
    Lima.yaml``) would name another file. ``file_is`` says which file a stand-in is ("the name of
    the file above")."""
    naming = named_for_print(
        file,
        rubric,
        *builds,
        prints=on_terminal,
        fits=on_terminal,
        file_is=file_is,
        reason=TERMINAL_REASON,
        stand_in=stand_in,
    )
    return [build(naming.file, naming.rubric) for build in builds], naming.notes


def terminal_command(
    build: CommandFor, file: Path, rubric: Rubric, *, file_is: str, stand_in: str = FILE_STAND_IN
) -> tuple[str, tuple[str, ...]]:
    """One command about ``file`` as printed on a terminal (see :func:`terminal_commands`)."""
    [command], notes = terminal_commands(file, rubric, build, file_is=file_is, stand_in=stand_in)
    return command, notes
