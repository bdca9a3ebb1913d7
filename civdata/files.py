"""The one way civdata writes a file: never over an input, never replacing a device, no debris.

Answers and reports can hold sensitive notes about people, so every output goes through
:func:`output_target` (checked before any work is done) and :func:`write_output`:

* ``-`` (and ``/dev/stdout``) is standard output, which gets the UTF-8 bytes a file would hold
  (:func:`write_stdout`).
* A target that is any file read in this run, by any name, link or hard link, is refused, naming
  which input it is (:mod:`civdata.safe_read` remembers their identities).
* An existing device or named pipe (``/dev/null``, a FIFO) is written through, never replaced; a
  disk device or a folder is refused.
* A regular file, or a link to one, is replaced atomically: the text goes to a temporary file in
  the same folder, then is renamed over the final target, so a link stays a link and a crash
  never leaves half a file. New files are readable by their owner only (0600).
* Temporary files are named ``.NAME.XXXXXXXX.civdata-tmp`` and removed on every exit path the
  process lives through (errors, Ctrl-C, SIGTERM, SIGHUP, and at exit); only a kill that cannot
  be caught leaves one behind, and one ``.gitignore`` line, ``*.civdata-tmp``, keeps it out of a
  repository.
"""

from __future__ import annotations

import atexit
import codecs
import contextlib
import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civdata import safe_read
from civdata.records import record
from civdata.safe_read import identity_of, input_read_as, is_yaml_name, kind_of

PRIVATE_MODE = 0o600
#: The write bits of a file's mode (owner, group, others): a file with none is read-only.
WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
TEMP_SUFFIX = ".civdata-tmp"

#: Output names that mean this process's standard output.
STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


class OutputError(Exception):
    """An output that cannot, or must not, be written; the message is the sentence to print."""


class StdoutError(OutputError):
    """Standard output is closed, full, or its reader went away (``errno`` says which)."""

    def __init__(self, message: str, code: int | None) -> None:
        super().__init__(message)
        self.errno = code


@record
class Target:
    """A checked output: standard output (``path`` is None), a special file written through, or
    a regular file (``path`` is the final target, links resolved) replaced atomically."""

    option: str
    given: str
    path: Path | None
    special: bool = False
    #: Standard output carrying text for a person at a terminal (the ``text`` report), not a file
    #: format: see :func:`write_stdout`.
    for_terminal: bool = False

    @property
    def is_stdout(self) -> bool:
        return self.path is None


_claimed: dict[str, str] = {}
_temporaries: set[str] = set()


def start_run() -> None:
    """Forget the inputs and outputs of an earlier run (tests run many commands in one process)."""
    safe_read.start_run()
    _claimed.clear()


def output_target(
    given: Path | str,
    option: str,
    *,
    may_replace: Path | None = None,
    report: bool | str = False,
    purpose: str = "",
    example: str = "report.md",
    appends: bool = False,
) -> Target:
    """Check that ``given`` (the value of ``option``) may be written, before any work is done.

    ``may_replace`` is the one input this output may replace (the answers file being resumed).
    A ``report`` is never written to a ``.yaml``/``.yml`` file (by its name or the name a link
    leads to): that name is for answers and rubrics, and a report there would be someone's lost
    answers, or read as answers next time. ``report`` may name what is written ("a schema").
    ``purpose`` names the output when another output of the command is given the same name;
    ``example`` is a file name of its kind, to say in place of a folder given (``answers.yaml``).
    A file is replaced by way of a temporary file beside it, so its folder must be writable; one
    that ``appends`` (a CI job's summary page) is written in place once it exists.
    """
    text = str(given)
    if text in STDOUT_NAMES:
        return Target(option, text, None)
    path = Path(given)
    if not path.is_absolute() and working_folder() is None:  # exited 3 (the review of environments)
        raise OutputError(f"cannot write {option} {text}: {FOLDER_GONE}")
    status = _status(path, option, text)
    special = False
    if status is not None:
        _refuse_inputs(status, option, text, may_replace)
        special = _check_kind(status, option, text, example)
    resolved = os.path.realpath(path)
    if report and not special and (is_yaml_name(text) or is_yaml_name(resolved)):
        raise OutputError(yaml_name_refused(option, text, report))
    earlier = _claimed.get(resolved)
    if earlier is not None:
        raise OutputError(f"{option} {text} is also the {earlier} of this command; give each output its own name")
    _claimed[resolved] = purpose or f"{option} file"
    # Replacing a link would replace the link itself: write to the file it leads to instead.
    final = Path(resolved) if path.is_symlink() and not special else path
    if not special and not (appends and status is not None) and not writable_folder(final.parent):
        raise OutputError(folder_not_writable(option, text, final.parent))
    return Target(option, text, final, special)


#: Why nothing is placed, nor located, from the folder civdata runs in: it was deleted.
FOLDER_GONE = (
    "the folder civdata was started in no longer exists (it was deleted or moved after the shell entered it); "
    "change to a folder that exists (cd) and run the command again"
)


def working_folder() -> Path | None:
    """The folder civdata runs in, or None when it was deleted after the shell entered it (a
    workspace cleaned by an earlier step, a worktree removed): a relative output, and the places
    SARIF, Code Quality and annotations give, were "a bug" there, exit 3, while a report on
    files named in full works (the review of environments)."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        return None


def writable_folder(folder: Path) -> bool:
    """Whether files can be made in ``folder`` (for root, only a read-only file system says no)."""
    return os.access(folder, os.W_OK | os.X_OK)


def folder_not_writable(option: str, given: str, folder: Path, *, made_beside: bool = False) -> str:
    """The one sentence for an output whose folder cannot be written in (read-only, or another
    user's), said before any work is done and naming the output asked for: a report in such a
    folder named only its picture (``Permission denied``), and report, template, import and
    assess each said it in other words (the review of the environments). ``made_beside``: the
    folder is the one around the folder given, where files are made before they are moved in,
    which a person who can write in the folder given would not otherwise guess (the review of the
    fix)."""
    why = f" (the files are made in it first, beside {given}, then moved in)" if made_beside else ""
    return (
        f"cannot write {option} {given}: the folder {folder} is not writable{why}; choose a folder you can write "
        "in, or make this one writable"
    )


def yaml_name_refused(option: str, text: str, report: bool | str = True) -> str:
    """Why a report (or what ``report`` names, such as "a schema") is not written to ``text``, a
    name ending in ``.yaml`` or ``.yml``: said as soon as the name is seen, whatever else the
    command would have to say about it (the format it cannot tell from the ending)."""
    from civdata.render import report_endings

    endings = report_endings()
    named = f"write it to a {', '.join(endings[:-1])} or {endings[-1]} file"
    what, instead = (report, "choose another name") if isinstance(report, str) else ("a report", named)
    return (
        f"{option} {text}: {what} is never written to a .yaml or .yml file, the names of answers files and "
        f"rubrics; {instead}"
    )


def _status(path: Path, option: str, text: str) -> os.stat_result | None:
    """The status of what ``path`` finally names, or None for a new file in an existing folder."""
    try:
        return path.stat()
    except FileNotFoundError:
        pass
    except ValueError:
        raise OutputError(f"{option} {text!r} is not a file name (it contains a NUL character)") from None
    except OSError as error:
        raise OutputError(f"cannot write {option} {text}: {error.strerror or error}") from None
    if path.is_symlink():
        raise OutputError(f"{option} {text} is a link to a file that does not exist; give the file's own name")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {option} {text}: the folder {folder} does not exist")
    return None


def _refuse_inputs(status: os.stat_result, option: str, text: str, may_replace: Path | None) -> None:
    record = input_read_as(identity_of(status))
    if record is None:
        return
    if may_replace is not None:
        with contextlib.suppress(OSError):
            if identity_of(may_replace.stat()) == identity_of(status):
                return
    also = "" if record.path == text else f" (as {record.path})"
    raise OutputError(
        f"{option} {text} is {record.role}, read by this command{also}; refusing to overwrite it "
        "(civdata never writes over a file it read): choose another name"
    )


def _check_kind(status: os.stat_result, option: str, text: str, example: str) -> bool:
    """Whether the existing target is a special file to write through; raise for ones never written."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise OutputError(f"{option} {text} is a folder; give a file name such as {example}")
    if stat.S_ISREG(mode):
        # No write bit for anyone is read-only, also for root (a CI job in a container), whom the
        # system lets write anything; os.access alone says yes to root.
        if not mode & WRITE_BITS or not os.access(text, os.W_OK):
            raise OutputError(
                f"cannot write {option} {text}: it is read-only; make it writable, or choose another name"
            )
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    raise OutputError(
        f"{option} {text} is {kind_of(mode)}; civdata writes to files, to devices such as /dev/null, "
        "to named pipes, or to standard output (-o -)"
    )


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name the same existing file (by any name, link or hard link)."""
    try:
        return first.samefile(second)
    except OSError:
        return False


def write_output(target: Target, text: str | bytes) -> None:
    """Write ``text`` (or bytes, such as a workbook) to a target checked by :func:`output_target`;
    raise :class:`OutputError`."""
    if target.path is None:
        write_stdout(text, for_terminal=target.for_terminal)
        return
    try:
        if target.special:
            _write_through(target.path, text)
        else:
            write_private(target.path, text)
    except OSError as error:
        raise cannot_write(target, error) from None


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode
    except OSError:
        return 0


#: Why a named pipe cannot be written to: opening it does not wait for a reader (see below).
NO_READER = "no program is reading from it"


def _write_through(path: Path, text: str | bytes) -> None:
    """Write into an existing device or named pipe without replacing it. Opening does not wait
    for a reader: a pipe nobody reads is an error (ENXIO), not a hang."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO and stat.S_ISFIFO(_mode(path)):
            raise OSError(errno.ENXIO, NO_READER) from None
        raise
    try:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EEXIST, "it became a regular file while civdata ran; run the command again")
        os.set_blocking(descriptor, True)
        _write_descriptor(descriptor, text)
    finally:
        os.close(descriptor)


def _write_descriptor(descriptor: int, text: str | bytes) -> None:
    data = memoryview(text.encode("utf-8") if isinstance(text, str) else text)
    while data:
        data = data[os.write(descriptor, data) :]


def append_output(target: Target, text: str) -> None:
    """Add ``text`` at the end of a target checked by :func:`output_target`, for a file that other
    programs write to as well (a CI job's summary page): the one output civdata does not replace.
    A new file is created readable by its owner only; anything but a regular file, a device or a
    named pipe is refused, as for every output."""
    if target.path is None:
        write_stdout(text)
        return
    try:
        if target.special:
            _write_through(target.path, text)
            return
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(target.path, flags, PRIVATE_MODE)
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise OSError(errno.EEXIST, "it stopped being a regular file while civdata ran; run the command again")
            _write_descriptor(descriptor, text)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise OutputError(f"cannot write {target.option} {target.given}: {error.strerror or error}") from None


def write_private(path: Path, text: str | bytes) -> None:
    """Atomically replace the regular file ``path`` with ``text`` (or bytes), readable by the owner only."""
    temporary = _staged(path, text)
    try:
        temporary.replace(path)
    finally:
        _forget(temporary)


def create_private(path: Path, text: str | bytes) -> None:
    """Make the new file ``path`` holding ``text`` whole, readable by the owner only; raise
    FileExistsError, having changed nothing, when anything is at ``path`` by then.

    For a file no one else may have made in the meantime (a workshop participant's, an answers
    file begun with ``-o``): a name found free a while ago, then replaced, wrote over a colleague's
    file that appeared since (a second facilitator on the same folder). The complete text is
    linked to its name, which fails if the name is taken, with no moment where another process
    could slip in between the check and the write. Where the file system has no hard links (FAT),
    the name is claimed with ``O_EXCL`` first, then the complete text is renamed over the claim."""
    temporary = _staged(path, text)
    try:
        try:
            os.link(temporary, path, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError:
            claim = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), PRIVATE_MODE)
            os.close(claim)
            temporary.replace(path)
    finally:
        _forget(temporary)


def _staged(path: Path, text: str | bytes) -> Path:
    """A complete private copy of ``text`` in a temporary file beside ``path``, to be renamed over
    it; removed again (and OSError raised) when the file system refuses any of it."""
    import tempfile  # here, not at the top: it imports random, which nothing else on the start-up path needs

    folder = path.parent if str(path.parent) else Path()
    # A name near the file system's limit must not make the temporary name too long.
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=TEMP_SUFFIX, dir=folder)
    temporary = Path(name)
    _temporaries.add(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(PRIVATE_MODE)
    except BaseException:
        _forget(temporary)
        raise
    return temporary


def _forget(temporary: Path) -> None:
    """Remove a temporary file, if it is still there."""
    with contextlib.suppress(OSError):
        temporary.unlink()
    _temporaries.discard(str(temporary))


def cannot_write(target: Target, error: OSError) -> OutputError:
    """The one sentence for an output the system refused: ``cannot write -o NAME: REASON``."""
    return OutputError(f"cannot write {target.option} {target.given}: {error.strerror or error}")


@dataclass
class _Placed:
    """One file or folder a :class:`Placement` moved into place, and how to undo that."""

    final: Path
    backup: Path | None  # a second name for the file ``final`` named before, to put back
    existed: bool
    folder: bool = False


class Placement:
    """Files and folders moved into place by one command, kept only if all of them are.

    A command that writes several outputs (a report and its pictures and plan, a folder of
    answers files and a report) writes each completely to a temporary name first; then they are
    renamed into place here. If anything fails before the command is done, every one already
    placed is taken back: a new one removed, a replaced one given back its old content (kept
    under a second name, a hard link, until the end). Used as ``with Placement() as placed:``.
    On a file system without hard links (FAT, on some memory sticks) a replaced file cannot be
    given back; it then keeps its new, complete content.
    """

    def __init__(self) -> None:
        self._placed: list[_Placed] = []

    def __enter__(self) -> Placement:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is None:
            self._keep()
        else:
            self.undo()

    def place(self, staged: Path, final: Path, *, folder: bool = False) -> None:
        """Rename ``staged`` to ``final`` (a new folder when ``folder``), remembering what was there."""
        existed = os.path.lexists(final)
        backup = None if folder or not existed else _second_name(final)
        try:
            if folder:
                staged.rename(final)  # never over a folder: it did not exist
            else:
                staged.replace(final)
        except BaseException:
            if backup is not None:
                _forget(backup)
            raise
        self._placed.append(_Placed(final, backup, existed, folder))

    def remove(self, final: Path) -> None:
        """Take the file ``final`` out of its folder, to be given back if anything else fails: it
        is renamed to a hidden name beside it, removed only once every output is in place. That
        name is not a temporary to clean up on exit: a run stopped in between leaves the old file
        under it, never loses it."""
        hidden = final.with_name(f".{final.name[:200]}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
        final.rename(hidden)
        self._placed.append(_Placed(final, hidden, existed=True))

    def undo(self) -> None:
        """Take back everything placed, last first."""
        import shutil

        for placed in reversed(self._placed):
            with contextlib.suppress(OSError):
                if placed.backup is not None:
                    placed.backup.replace(placed.final)
                elif placed.folder:
                    shutil.rmtree(placed.final, ignore_errors=True)
                elif not placed.existed:
                    placed.final.unlink()
        self._placed.clear()

    def _keep(self) -> None:
        for placed in self._placed:
            if placed.backup is not None:
                _forget(placed.backup)
        self._placed.clear()


def _second_name(path: Path) -> Path | None:
    """A hidden hard link to ``path``, so its content can be given back; None where the file
    system has no hard links."""
    backup = path.with_name(f".{path.name[:200]}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        return None
    _temporaries.add(str(backup))
    return backup


def write_together(outputs: list[tuple[Target, str | bytes]], placement: Placement | None = None) -> None:
    """Write several outputs of one command all or nothing; raise :class:`OutputError` naming the
    first that cannot be written, with none of them written.

    Every file is first written in full to a temporary file beside it: a full disk fails there,
    before anything is in place. Then they are renamed into place, and last the devices, named
    pipes and standard output, which cannot be taken back, are written through. If anything
    fails, whatever was placed is taken back (see :class:`Placement`). ``placement`` joins
    them to other outputs of the command placed in one, which then decides what is kept.
    """
    staged: list[tuple[Target, Path]] = []
    try:
        for target, text in outputs:
            if target.path is not None and not target.special:
                try:
                    staged.append((target, _staged(target.path, text)))
                except OSError as error:
                    raise cannot_write(target, error) from None
        with contextlib.ExitStack() as stack:
            placed = placement if placement is not None else stack.enter_context(Placement())
            for target, temporary in staged:
                assert target.path is not None
                try:
                    placed.place(temporary, target.path)
                except OSError as error:
                    raise cannot_write(target, error) from None
            for target, text in outputs:
                if target.path is None or target.special:
                    write_output(target, text)
    finally:
        for _, temporary in staged:
            _forget(temporary)


def remove_temporaries() -> None:
    """Remove temporary files a write left when the process was stopped in the middle of it."""
    for temporary in list(_temporaries):
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        _temporaries.discard(temporary)


atexit.register(remove_temporaries)


# --- Standard output ---------------------------------------------------------------------------


def stdout_error(error: BaseException | None) -> StdoutError:
    """The one sentence for standard output that cannot be written."""
    if isinstance(error, UnicodeError):  # a ValueError, and no sign that the stream is closed
        return StdoutError(f"cannot write to standard output: {error}", None)
    if error is None or isinstance(error, ValueError):
        return StdoutError("cannot write to standard output: it is closed", errno.EBADF)
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return StdoutError(f"cannot write to standard output: {reason}", getattr(error, "errno", None))


def refuse_stdout_over_input(stream: Any) -> None:
    """Raise :class:`StdoutError` when standard output is a file this run read: ``report
    lead.yaml -o - >> lead.yaml`` (or ``1<>lead.yaml``) would write the report into the answers
    it was made from, which no ``-o`` name may do. A pipe, a terminal or a device is never an
    input (only regular files are read)."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return
    if not stat.S_ISREG(status.st_mode):
        return
    record = input_read_as(identity_of(status))
    if record is not None:
        raise StdoutError(
            f"standard output is {record.role}, read by this command (as {record.path}); refusing to write over it "
            "(civdata never writes over a file it read): send the output to another file",
            None,
        )


def write_stdout(text: str | bytes, *, for_terminal: bool = False) -> None:
    """Write ``text`` to standard output and flush it, so a failure is known before exiting.

    This is the one place that decides how: an output in a file format (JSON, SARIF, Code Quality,
    HTML, YAML, Markdown: everything but ``for_terminal``) is the UTF-8 bytes its file would hold,
    whatever standard output's encoding. ``-o - > report.json`` is how a file is made, and on
    Windows redirected output is in the ANSI code page: that wrote cp1252 and ``?`` for every
    letter it lacks, which no JSON reader takes (the review of the environments). Text for a
    person at a terminal, and every line civdata prints, is encoded as standard output can show
    it (:func:`write_all`).
    """
    stream = sys.stdout
    if stream is None:
        raise stdout_error(None)
    refuse_stdout_over_input(stream)
    try:
        if for_terminal:
            write_all(stream, text if isinstance(text, str) else text.decode("utf-8", "replace"))
        else:
            write_bytes(stream, text.encode("utf-8") if isinstance(text, str) else text)
        stream.flush()
    except (OSError, ValueError) as error:
        raise stdout_error(error) from None


#: The encoding error handlers that write something for every character, and never raise.
_NEVER_FAILING = frozenset({"backslashreplace", "xmlcharrefreplace", "namereplace", "ignore"})

#: What stands in for a symbol of civdata's screens where the terminal cannot show it (an
#: ASCII-only locale, ``PYTHONIOENCODING=ascii``): one character for one, so that what was laid
#: out to fit still fits. Every ``·`` and ``↑↓`` of the key legend was a ``?``, which the real
#: ``?`` key could not be told from (the review of the environments). Anything else is ``?``.
ASCII_STAND_INS = {
    **dict.fromkeys("·•", "|"),
    **dict.fromkeys("–—━─", "-"),
    **dict.fromkeys("“”„", '"'),
    **dict.fromkeys("‘’", "'"),
    **dict.fromkeys("█▰", "#"),
    **dict.fromkeys("░▱", "."),
    **dict.fromkeys("»›→", ">"),
    **dict.fromkeys("↑▲", "^"),
    **dict.fromkeys("↓▼", "v"),
    **dict.fromkeys("✓●", "*"),
    "○": "o",
    "←": "<",
    "✎": "+",
    "≠": "!",
    "↺": "~",
    "…": "~",
}
STAND_IN_ERRORS = "civdata-stand-in"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler :data:`STAND_IN_ERRORS`: ASCII for the symbols it knows, the box
    drawing of a table as ``-``, ``|`` and ``+``, and ``?`` for the rest."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_stand_in_for(character) for character in error.object[error.start : error.end]), error.end


def _stand_in_for(character: str) -> str:
    import unicodedata

    if character in ASCII_STAND_INS:
        return ASCII_STAND_INS[character]
    name = unicodedata.name(character, "")
    if name.startswith("BOX DRAWINGS"):
        lines = ("HORIZONTAL" in name, "VERTICAL" in name)
        return {(True, False): "-", (False, True): "|"}.get(lines, "+")
    return "?"


codecs.register_error(STAND_IN_ERRORS, _stand_in)


def write_all(stream: Any, text: str) -> None:
    """Write all of ``text`` to a text stream in its own encoding, or raise. A character the
    stream cannot encode is written as :func:`_stand_in` says, rather than an error."""
    if getattr(stream, "buffer", None) is None:  # an in-memory stream (tests)
        stream.write(text)
        return
    # Only a handler that never fails is kept: under an ASCII locale Python's standard output has
    # "surrogateescape", which fails on "·" as "strict" does, and the report stopped with "standard
    # output is closed" (a facilitator's review, LC_ALL=C).
    errors = stream.errors if stream.errors in _NEVER_FAILING else STAND_IN_ERRORS
    write_bytes(stream, text.encode(stream.encoding or "utf-8", errors))
    if getattr(stream, "line_buffering", False) and "\n" in text:
        stream.buffer.flush()


def write_bytes(stream: Any, data: bytes) -> None:
    """Write all of ``data`` to the binary layer of a text stream, after the text already
    written to it, or raise.

    When the reader of a pipe goes away in the middle of a large write, the system takes part of
    it, the binary layer returns that count, and the text layer drops the rest without a word: the
    command would end with exit 0 and half a report. So the bytes are written here, in a loop,
    until all are taken or the system says why not.
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # an in-memory stream (tests), which holds text
        stream.write(data.decode("utf-8", "replace"))
        return
    stream.flush()  # what was printed before comes first
    view = memoryview(data)
    while view:
        count = buffer.write(view)
        if not count:
            raise OSError(errno.EAGAIN, "standard output takes nothing more")
        view = view[count:]


class GuardedStdout:
    """Standard output whose failures are :class:`StdoutError`, for everything that prints.

    ``print`` into a closed, full or abandoned standard output raises an ``OSError`` wherever it
    happens (or prints nothing at all when it was closed before start); the command line installs
    this wrapper so every such failure ends the same way, with one sentence and exit code 2.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            raise stdout_error(None)
        refuse_stdout_over_input(self._stream)
        try:
            write_all(self._stream, text)
        except (OSError, ValueError) as error:
            raise stdout_error(error) from None
        return len(text)

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as error:
            raise stdout_error(error) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


class TextOnlyStdout(GuardedStdout):
    """Standard output for a library that would encode its text itself, with ``?`` for what the
    terminal cannot show (prompt_toolkit, which draws assess's questions, does when it finds a
    binary layer): with none to find, it hands its text to :func:`write_all` and its stand-ins."""

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return super().__getattr__(name)


def shows(stream: Any, text: str) -> bool:
    """Whether ``stream``'s encoding can show every character of ``text``."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeError, LookupError):
        return False
    return True
