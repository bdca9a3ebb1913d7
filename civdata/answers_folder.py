"""Write many answers files into one folder, all or nothing.

``civdata import`` writes one file per submission, but may only find a problem in the last row:
then nothing may be written. So the files go first into a private staging folder next to the
target (``.NAME.XXXXXXXX.civdata-tmp``, readable by the owner only), and only when every row was
read without a problem are they moved into place: the staging folder is renamed to the target
when the target does not exist yet, else each file is moved in. On any problem, interruption or
signal the staging folder is removed. Each final name is checked like every civdata output
(:func:`civdata.files.output_target`): never a file this run read; and a name it replaces must be
a regular file of the folder: a link, a device or a named pipe there is refused, all of them at
once, with nothing written (an output named on the command line is written through a link or into
a device; a name in the folder is nobody's choice of output). A file system that refuses a
write (a full disk) is an :class:`~civdata.files.OutputError` naming the folder, and what was
moved into place is taken back (:class:`~civdata.files.Placement`), with the other outputs of
the command (its report) when they share the placement.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from civdata.files import (
    STDOUT_NAMES,
    TEMP_SUFFIX,
    OutputError,
    Placement,
    folder_not_writable,
    output_target,
    writable_folder,
    write_private,
)
from civdata.problems import InputError, Problem
from civdata.safe_read import kind_of


class AnswersFolder:
    """A target folder for answers files; ``force`` allows one that already holds files."""

    def __init__(self, folder: Path, *, force: bool = False) -> None:
        self.folder = folder
        if str(folder) in STDOUT_NAMES:  # `-` means standard output everywhere; files never go there
            raise OutputError(
                f"-o {folder}: answers files are written into a folder, never to standard output; give a folder "
                "name (the report goes to standard output with --report -)"
            )
        try:
            folder.lstat()
        except FileNotFoundError:
            pass  # a new folder
        except (OSError, ValueError) as error:
            # A name too long, a folder one may not enter: said as any output that cannot be
            # written is, where Path.exists raised and import stopped with exit 3 (an outside review).
            raise OutputError(f"cannot write -o {folder}: {getattr(error, 'strerror', None) or error}") from None
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"-o {folder} is not a folder; give a folder to write the answers files into")
        if folder.is_symlink():
            raise OutputError(f"-o {folder} is a link; give the folder's own name")
        parent = folder.parent if str(folder.parent) else Path()
        if not parent.is_dir():
            raise OutputError(f"cannot write -o {folder}: the folder {parent} does not exist")
        # The files are made in a folder beside it, then moved into it.
        exists = folder.is_dir()
        for needed in (parent, folder) if exists else (parent,):
            if not writable_folder(needed):
                beside = needed is parent and exists
                raise OutputError(folder_not_writable("-o", str(folder), needed, made_beside=beside))
        #: The names in the folder before anything is written: which files a name would replace.
        self.existing = frozenset(path.name for path in folder.iterdir()) if folder.is_dir() else frozenset()
        if self.existing and not force:
            raise OutputError(
                f"-o {folder} is not empty; choose a new or empty folder, or add --force to add the files to it "
                "(files of the same names are replaced)"
            )
        self._staging: Path | None = None
        self.names: list[str] = []
        #: Files of the folder to take out when the staged ones are moved in, each with the name of
        #: the file that replaces it under another name (:meth:`retire`); once committed, those
        #: that were taken out.
        self.retired: dict[str, str] = {}
        self.removed: dict[str, str] = {}

    def __enter__(self) -> AnswersFolder:
        parent = self.folder.parent if str(self.folder.parent) else Path()
        try:
            self._staging = Path(tempfile.mkdtemp(prefix=f".{self.folder.name[:200]}.", suffix=TEMP_SUFFIX, dir=parent))
        except OSError as error:
            raise self._cannot(error) from None
        return self

    def _cannot(self, error: OSError) -> OutputError:
        return OutputError(f"cannot write -o {self.folder}: {error.strerror or error}")

    def __exit__(self, *exc: object) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def write(self, name: str, text: str) -> None:
        """Stage one file (``name`` is a plain file name civdata made)."""
        assert self._staging is not None and "/" not in name and not name.startswith(".")
        if name in self.names:
            raise ValueError(f"{name} is written twice")
        try:
            write_private(self._staging / name, text)
        except OSError as error:
            raise self._cannot(error) from None
        self.names.append(name)

    def retire(self, name: str, replacement: str) -> None:
        """Take the file ``name`` of the folder out when ``replacement`` is moved in: the same
        content under another name (the caller decides that it is, and that civdata wrote it). A
        name written in this run is never taken out."""
        assert "/" not in name and name in self.existing
        self.retired[name] = replacement

    def commit(self, placement: Placement) -> None:
        """Move every staged file into the target folder, through ``placement``, and take out the
        files they replace under another name (:meth:`retire`): all are taken back, or given
        back, if anything the command writes after them fails."""
        assert self._staging is not None
        if not self.folder.exists():  # a new folder holds nothing this run read
            try:
                placement.place(self._staging, self.folder, folder=True)
            except OSError as error:
                raise self._cannot(error) from None
            self._staging = None
            return
        problems = [problem for name in self.names if (problem := self._not_replaceable(name)) is not None]
        if problems:
            raise InputError(problems)
        retired = {name: new for name, new in self.retired.items() if name not in self.names}
        for name in [*self.names, *retired]:  # replaced or taken out is written over: never a file this run read
            output_target(self.folder / name, "-o", purpose=f"answers file {name}")
        for name in self.names:
            try:  # renamed over the name itself: a link put there since is replaced, never followed
                placement.place(self._staging / name, self.folder / name)
            except OSError as error:
                raise self._cannot(error) from None
        for name, replacement in retired.items():
            try:
                placement.remove(self.folder / name)
            except OSError as error:
                raise self._cannot(error) from None
            self.removed[name] = replacement

    def _not_replaceable(self, name: str) -> Problem | None:
        """Why the name ``name`` of the folder may not be replaced: it is a link (written through,
        it would put a submission's names and notes wherever it leads, or throw the submission
        away into ``/dev/null``), or a device, a named pipe or a folder, none of them an answers
        file. None for a regular file, or a name the folder does not hold."""
        path = self.folder / name
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._cannot(error) from None
        if stat.S_ISREG(mode):
            return None
        what = f"a link to {path.readlink()}" if stat.S_ISLNK(mode) else kind_of(mode)
        return Problem(
            str(path),
            0,
            0,
            f"{what}, not a regular file: an import replaces only regular files in its folder, never what a link "
            "leads to, a device or a named pipe; remove it, or import into a new folder",
        )
