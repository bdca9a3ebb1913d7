"""The one way civdata reads a file: only regular files, under a size limit, remembered per run.

A rubric or answers file names other files (``rubric: {id: ...}``), people pass paths on the
command line, and folders hold whatever a shared drive put there. So every file any command reads
comes through :func:`read_regular_file`, which

* opens without blocking and checks what was opened, not what the name pointed at a moment
  before: a named pipe, a device (``/dev/zero``, ``/dev/stdin``), a socket or a folder is refused
  at once, never read, so nothing hangs and nothing exhausts memory;
* reads at most :data:`MAX_INPUT_BYTES` (a rubric, answers), or the larger limit of its kind
  (:data:`REPORT_LIMIT` for a JSON report, a submissions export's), whatever size the file claims;
* records the identity (device and inode) of every file read in this run, with its role, so that
  :mod:`civdata.files` can refuse to write over any of them, whatever name, link or hard link
  the output is given.

The name ``-`` is standard input (``civdata report -``), read by the same rules: within the
limit of its kind, once per run, never a folder, and named ``<stdin>`` in problems and
reports. When it is a regular file (``civdata report - < answers.yaml``), its identity is
remembered like any other input's.

Folder mode (``civdata report team/``) lists its files through :func:`answers_files_in`, which
says what it skipped and why; ``civdata check`` walks a tree of folders through
:func:`yaml_files_under`, by the same rules at every level.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from civdata.records import record

if TYPE_CHECKING:
    from collections.abc import Callable

#: The largest rubric or answers file civdata reads. The bundled 60-question rubric is about
#: 60 KiB; a file over 10 MiB is not something a person wrote.
MAX_INPUT_BYTES = 10 * 1024 * 1024

#: The largest JSON report civdata reads back (``--baseline``, ``civdata history``). civdata writes
#: it, and must read any it writes: the ``--detail`` report of the 5,000 respondents
#: docs/performance.md measures is 306 MiB (about 64 KiB a respondent of the bundled rubric), and
#: reading it back took 1.6 GB of memory (about five times its size), so the limit leaves room
#: above that and still bounds what a file can make civdata read.
MAX_REPORT_BYTES = 512 * 1024 * 1024


@record
class SizeLimit:
    """The most bytes civdata reads of one kind of file, and the words that say so.

    Each kind of file has its own limit and its own reason for it, and the message that refuses a
    file must be true of the kind it was read as: "far more than any rubric or answers file
    needs" is no reason to refuse a submissions export, and no limit at all for a JSON report.
    """

    most: int
    #: Follows "civdata reads ": what is read of this size, and why that is enough.
    words: str


#: Rubrics, answers, plans and anything else a person writes.
INPUT_LIMIT = SizeLimit(
    MAX_INPUT_BYTES,
    f"files of at most {MAX_INPUT_BYTES >> 20} MiB, which is far more than any rubric or answers file needs",
)
#: A file read as a JSON report (a baseline, a history's reports); it may turn out to be answers,
#: which then keep :data:`INPUT_LIMIT` (:func:`civdata.baseline.read_report_snapshot`).
REPORT_LIMIT = SizeLimit(
    MAX_REPORT_BYTES,
    f"a JSON report of at most {MAX_REPORT_BYTES >> 20} MiB, more than the --detail report of 5,000 "
    f"respondents needs, and other files (answers, rubrics) of at most {MAX_INPUT_BYTES >> 20} MiB",
)

#: (st_dev, st_ino): what makes two names the same file.
Identity = tuple[int, int]


class ReadRefused(Exception):
    """A file was not read; ``reason`` says why, in words that follow the file name."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@record
class InputRecord:
    """A file read in this run: what it was to the command, and the name it was read by."""

    role: str
    path: str


#: The input name that means standard input.
STDIN_NAME = "-"
#: How standard input is named in problems and reports.
STDIN_LABEL = "<stdin>"


def is_stdin(path: Path | str) -> bool:
    """Whether an input given as ``path`` means standard input (``-``; ``./-`` is a file)."""
    return str(path) == STDIN_NAME


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; False when it cannot be looked at (a folder one may not
    enter, a name too long for the file system), so that reading it says why, exit 2. Before
    Python 3.14 ``Path.is_dir`` raised there, and civdata stopped as if it had a bug (exit 3:
    outside reviews, with a colleague's locked folder and a rubric id of 251 bytes)."""
    return _looked_at(path.is_dir)


def is_plain_file(path: Path) -> bool:
    """Whether ``path`` is a file (following links); False when it cannot be looked at, as :func:`is_folder`."""
    return _looked_at(path.is_file)


def exists(path: Path) -> bool:
    """Whether anything is at ``path``; False when it cannot be looked at, as :func:`is_folder`."""
    return _looked_at(path.exists)


def _looked_at(test: Callable[[], bool]) -> bool:
    try:
        return test()
    except (OSError, ValueError):
        return False


def display_name(path: Path | str) -> str:
    """How an input is named in problems and reports: as given, or ``<stdin>``."""
    return STDIN_LABEL if is_stdin(path) else str(path)


@dataclass
class _Run:
    """What this run has read so far, so that no output of the same run is written over it."""

    inputs: dict[Identity, InputRecord] = field(default_factory=dict)
    stdin_read: bool = False
    #: What standard error is, looked at once per run (:func:`_stderr_identity`): a regular
    #: file's identity, None for anything else; unset before it is first needed.
    stderr: tuple[Identity | None] | None = None
    #: Standard error was found to be a file read (:func:`_remember`): the run cannot succeed.
    stderr_was_input: bool = False


_run = _Run()


def start_run() -> None:
    """Forget the files of an earlier run (tests run many commands in one process)."""
    _run.inputs.clear()
    _run.stdin_read = False
    _run.stderr = None
    _run.stderr_was_input = False


def stderr_was_input() -> bool:
    """Whether standard error was a file this run read (then silenced, and the run exits 2 even
    where a command takes an unreadable file as one to skip, as ``check`` does)."""
    return _run.stderr_was_input


def input_read_as(identity: Identity) -> InputRecord | None:
    """The input of this run with ``identity``, if any."""
    return _run.inputs.get(identity)


#: What a file of a folder of answers is to the run once it was left out as an action plan kept
#: with the answers: not an input of the report, so ``--plan`` may write it again (the plan's own
#: guard then keeps what the team set in it). Read for anything else, it is an input again.
SET_ASIDE_PLAN = "an action plan kept with the answers, left out of them"


def set_aside_as_plan(path: Path, role: str) -> None:
    """Note that ``path``, read as ``role`` among the answers, was left out of them as an action
    plan: a team keeping its plan beside its answers could write it once, then was told it was "an
    answers file, read by this command" (the review of the fixes)."""
    if is_stdin(path):
        return
    try:
        identity = identity_of(path.stat())
    except (OSError, ValueError):
        return
    record = _run.inputs.get(identity)
    if record is not None and record.role == role:
        _run.inputs[identity] = InputRecord(SET_ASIDE_PLAN, record.path)


def only_set_aside(path: Path) -> bool:
    """Whether ``path`` was read by this run only to be left out as an action plan."""
    try:
        record = _run.inputs.get(identity_of(path.stat()))
    except (OSError, ValueError):
        return False
    return record is not None and record.role == SET_ASIDE_PLAN


def identity_of(status: os.stat_result) -> Identity:
    return (status.st_dev, status.st_ino)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a disk device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISREG, "a regular file"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def not_found(path: Path) -> str:
    """What a path that names nothing is told: ``no such file or folder``, and the closest name in
    its folder (``; did you mean 'assessment'?``), as a mistyped option value is. A folder given
    as ``assesment/`` read "assesment: file not found", though it was meant as a folder and one
    letter from one (an outside review)."""
    from itertools import islice

    from civdata.problems import did_you_mean

    if path.is_symlink():
        # A link whose file is gone: "did you mean" named the link itself (a CI review).
        return f"a link to {path.readlink()}, where there is no file; give the file's own name, or mend the link"
    try:
        with os.scandir(path.parent) as entries:
            names = [entry.name for entry in islice(entries, 2000) if not entry.name.startswith(".")]
    except OSError:
        names = []
    suffix = path.suffix
    alike = {name.removesuffix(suffix): name for name in sorted(names) if suffix and name.endswith(suffix)}
    if alike and path.stem:
        # Names that end alike are compared without the ending: '.yaml' in common made 'funder.yaml'
        # the suggestion for 'lead.yaml' (a CI review), another person's answers.
        return "no such file or folder" + did_you_mean(path.stem, list(alike), named_as=alike)
    return "no such file or folder" + (did_you_mean(path.name, sorted(names)) if names else "")


def read_regular_file(path: Path, role: str, limit: SizeLimit = INPUT_LIMIT) -> bytes:
    """The bytes of ``path`` if it is a regular file within ``limit``; raise
    :class:`ReadRefused` otherwise. ``role`` (``"the rubric"``, ``"an answers file"``) is
    remembered with the file's identity for the rest of the run. ``-`` is standard input."""
    if is_stdin(path):
        return _read_stdin(role, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise ReadRefused(not_found(path)) from None
    except ValueError:
        raise ReadRefused("is not a file name civdata can open (it contains a NUL character)") from None
    except OSError as error:
        raise _open_refused(path, error) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise _not_regular(status.st_mode)
        if status.st_size > limit.most:
            raise ReadRefused(_too_large(status.st_size, limit))
        data = _read_at_most(descriptor, limit.most + 1)
    except OSError as error:
        raise ReadRefused(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(data) > limit.most:
        raise ReadRefused(_too_large(len(data), limit))
    _remember(status, InputRecord(role, str(path)))
    return data


def _remember(status: os.stat_result, record: InputRecord) -> None:
    """Note an input read, so that no output of the run is written over it. Standard output is
    checked as it is written (:func:`civdata.files.refuse_stdout_over_input`); standard error is
    checked here, since what would be said of it would be written into it: ``report a.yaml
    2>> a.yaml`` appended "Wrote ..." lines to the answers (a fuzzing review). Standard error is
    then silenced (it is that file) and the run stops, exit 2, with the file as it was."""
    identity = identity_of(status)
    earlier = _run.inputs.get(identity)
    if earlier is None or earlier.role == SET_ASIDE_PLAN:
        _run.inputs[identity] = record
    if _stderr_identity() == identity:
        _run.stderr_was_input = True
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
        raise ReadRefused("is standard error too (2> it): civdata's messages would be written into it")


def _stderr_identity() -> Identity | None:
    """The identity of standard error when it is a regular file, looked at once per run rather
    than once for each of 500 files read."""
    if _run.stderr is None:
        try:
            error_output = os.fstat(2)
        except OSError:
            _run.stderr = (None,)
        else:
            _run.stderr = (identity_of(error_output) if stat.S_ISREG(error_output.st_mode) else None,)
    return _run.stderr[0]


def _read_stdin(role: str, limit: SizeLimit) -> bytes:
    """Standard input, by the rules of a file: within ``limit``, once, and never a folder.

    A pipe or a terminal is read until it ends (Ctrl-D on a terminal); a device such as
    ``/dev/zero`` is read no further than the limit.
    """
    if _run.stdin_read:
        raise ReadRefused("standard input is given more than once; it can be read only once")
    _run.stdin_read = True
    try:
        status = os.fstat(0)
    except OSError:
        raise ReadRefused("standard input is closed; pipe a file into it, or give the file's name") from None
    if stat.S_ISDIR(status.st_mode):
        raise ReadRefused("standard input is a folder, not a file")
    if stat.S_ISREG(status.st_mode) and status.st_size > limit.most:
        raise ReadRefused(_too_large(status.st_size, limit))
    try:
        data = _read_at_most(0, limit.most + 1)
    except OSError as error:
        raise ReadRefused(f"cannot read standard input: {error.strerror or error}") from None
    if len(data) > limit.most:
        if stat.S_ISCHR(status.st_mode) and not os.isatty(0):  # /dev/zero: "is 10.0 MiB" said nothing useful
            raise ReadRefused("standard input is a device that does not end, not a file; pipe a file into it")
        raise ReadRefused(_too_large(len(data), limit))
    if stat.S_ISREG(status.st_mode):
        _remember(status, InputRecord(role, STDIN_LABEL))
    return data


def _not_regular(mode: int) -> ReadRefused:
    kind = kind_of(mode)
    if kind == "a folder":
        return ReadRefused("is a folder, not a file")
    return ReadRefused(f"is {kind}, not a regular file; civdata reads only regular files")


def _open_refused(path: Path, error: OSError) -> ReadRefused:
    """Why opening failed; a socket, say, cannot be opened at all, and is named for what it is."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):
        return _not_regular(mode)
    return ReadRefused(f"cannot read: {error.strerror or error}")


def _read_at_most(descriptor: int, count: int) -> bytes:
    chunks: list[bytes] = []
    remaining = count
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: SizeLimit) -> str:
    return f"is {size / 1048576:.1f} MiB; civdata reads {limit.words}"


# --- Folders ----------------------------------------------------------------------------------

_YAML_SUFFIXES = (".yaml", ".yml")


def is_json_name(name: str) -> bool:
    """Whether ``name`` ends in ``.json``, in any case: a JSON report, or answers saved as JSON."""
    return name.lower().endswith(".json")


def is_yaml_name(name: str) -> bool:
    """Whether ``name`` ends as the names of answers files and rubrics do: ``.yaml`` or ``.yml``, in
    any case, since Windows and macOS save ``Lead.YAML``. The one test of a YAML name: folders,
    ``check``, ``--rubric`` (a path or an id) and the outputs never written to such a name all use
    it, so no file one of them reads can be one another drops unnoticed (a gate passing without it).
    """
    return name.lower().endswith(_YAML_SUFFIXES)


@record
class FolderListing:
    """The answers files of a folder, every candidate left out with the reason, and its subfolders.

    ``folders`` are the subfolders that are folders themselves (not links), and ``linked_folders``
    the links to folders; hidden ones (``.git``, ``.venv``) are in neither. Whether to enter them is
    the caller's choice: ``report`` does not, ``check`` enters ``folders`` and never follows a link.
    """

    files: list[Path]
    skipped: list[tuple[Path, str]]
    folders: list[Path] = field(default_factory=list)
    linked_folders: list[Path] = field(default_factory=list)


def answers_files_in(folder: Path) -> FolderListing:
    """The regular ``.yaml``/``.yml`` files directly in ``folder`` (any case: :func:`is_yaml_name`),
    sorted by name.

    Left out, each with a reason: hidden files (``.x.yaml``, and macOS's ``._x.yaml`` resource
    forks, which are not answers), links that lead out of the folder, anything that is not a
    regular file, and a second name (hard link or link) for a file already listed, which would
    count one respondent twice. Subfolders are not entered, only listed (a subfolder named
    ``*.yaml`` is left out as not a regular file). Files with other endings (``README.md``,
    ``lead.yaml.bak``) are not candidates and are not mentioned: a folder of answers usually holds
    reports and notes beside them, and naming each would bury the lines that matter.
    """
    inside = Path(os.path.realpath(folder))
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    folders: list[Path] = []
    linked_folders: list[Path] = []
    seen: dict[Identity, Path] = {}
    # A file's own name before any link to it, whatever the names: the name kept is the one a
    # person opens, and the one annotations and SARIF point at (GitHub shows no line of a link).
    for entry in sorted(os.scandir(folder), key=lambda item: (_is_link(item), name_order(item.name))):
        if not is_yaml_name(entry.name):
            if not entry.name.startswith(".") and _is_folder(entry):
                (linked_folders if entry.is_symlink() else folders).append(folder / entry.name)
            continue
        path = folder / entry.name
        reason = _skip_reason(entry, inside, seen)
        if reason is not None:
            skipped.append((path, reason))
            continue
        seen[identity_of(path.stat())] = path
        files.append(path)
    files.sort(key=lambda path: name_order(path.name))
    skipped.sort(key=lambda pair: name_order(pair[0].name))
    return FolderListing(files, skipped, folders, linked_folders)


def name_order(name: str) -> tuple[str, str]:
    """The order files are read in: by name before its ending, so that ``ana.yaml`` comes before
    the copy a browser saves as ``ana (1).yaml`` (by the whole name, the space sorts before the
    dot): of two files with the same bytes, the one kept is the original, and the one said to be
    left out is the copy."""
    stem, dot, ending = name.rpartition(".")
    return (stem, ending) if dot else (name, "")


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


#: Why a link to a folder is not followed when walking a tree of folders.
LINKED_FOLDER = "a link to a folder, which is not followed (it could lead out of the folder, or round in a circle)"


def yaml_files_under(folder: Path) -> FolderListing:
    """The ``.yaml``/``.yml`` files in ``folder`` and in every subfolder below it, by the rules of
    :func:`answers_files_in` at each level, folder by folder in name order.

    Hidden subfolders (``.git``, ``.venv``, ``.github``) are not entered and not mentioned, as
    hidden files elsewhere would be noise; links to folders are not followed, and are named in
    ``skipped`` (a link could lead out of the tree or into a circle). A second name for one file
    in two folders is the caller's to notice, as it is for files named on the command line.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    pending = [folder]
    while pending:
        listing = answers_files_in(pending.pop())
        files.extend(listing.files)
        skipped.extend(listing.skipped)
        skipped.extend((path, LINKED_FOLDER) for path in listing.linked_folders)
        pending.extend(reversed(listing.folders))
    return FolderListing(files, skipped)


def name_skip_reason(name: str) -> str | None:
    """Why a file of this name is never an answers file or a rubric in a folder: it does not end in
    ``.yaml``/``.yml``, or it is hidden. ``civdata check`` applies the same to files named to it."""
    if not is_yaml_name(name):
        return "not a .yaml or .yml file"
    if name.startswith("._"):
        return "a hidden file (a macOS resource fork, which a copy from a Mac leaves beside each file)"
    if name.startswith("."):
        return "a hidden file (such as another tool's settings)"
    return None


def _skip_reason(entry: os.DirEntry[str], inside: Path, seen: dict[Identity, Path]) -> str | None:
    by_name = name_skip_reason(entry.name)
    if by_name is not None:
        return by_name
    try:
        status = Path(entry.path).stat()
    except OSError:
        return "a link that leads to no file"
    if entry.is_symlink() and not Path(os.path.realpath(entry.path)).is_relative_to(inside):
        return "a link to a file outside the folder"
    if not stat.S_ISREG(status.st_mode):
        return f"{kind_of(status.st_mode)}, not a regular file"
    earlier = seen.get(identity_of(status))
    if earlier is not None:
        return NamingReason(
            f"the same file as {earlier.name} (a link), which is read once",
            "a second name (a link) for a file read once",
        )
    return None


class NamingReason(str):
    """Why a file was left out, in words that name another file, and ``nameless``: the same
    without that name, for a run that names nobody (``--anonymize``): file names are often
    people's names."""

    nameless: str

    def __new__(cls, text: str, nameless: str) -> NamingReason:
        reason = super().__new__(cls, text)
        reason.nameless = nameless
        return reason
