"""The answers files ``civdata import`` writes: their names, the same in every export of a
submission, and their text, which says where each submission came from.

A file is named by its respondent's role and a one-way hash of the submission's id, so a newer
export of the same submissions writes the same files, and the name holds nothing of the id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from civdata.answers_loader import UpgradePlan
from civdata.answers_writer import comment_lines, comment_text, dump_answers
from civdata.model import Rubric
from civdata.problems import SHEET_NAME_LIMIT, within_limit

if TYPE_CHECKING:
    from civdata.submissions import Imported

#: The key of the hash an answers file is named by: the name is the same in every export of a
#: submission, and holds nothing of the id itself (see :func:`submission_key`).
_NAME_KEY = b"civdata import: answers file of a submission"
#: How many hex digits of the key name a file (48 bits: no two of a million submissions share one
#: but about once in half a million imports; a clash takes more digits, see :func:`answers_file_name`).
NAME_DIGITS = 12


def submission_key(instance: str) -> str:
    """A one-way hash of a submission's id, in hex: the same in every export, and not the id. The
    key is no secret; it keeps the hash apart from any other hash of the same id. Ids are random
    UUIDs (122 bits), so the id cannot be found from the hash either."""
    return hashlib.blake2b(instance.encode("utf-8"), key=_NAME_KEY, digest_size=32).hexdigest()


def answers_file_name(imported: Imported, digits: int = NAME_DIGITS) -> str:
    """The name of a submission's answers file: its role, then ``digits`` of its key
    (``community-3f9a1c2e4b5d.yaml``), so that a newer export names it the same; without an id,
    its row (``row-0007-community.yaml``), which another export may give another submission."""
    role = imported.answers.respondent.role or "no-role"
    if imported.key:
        return f"{role}-{imported.key[:digits]}.yaml"
    return f"row-{imported.row:04d}-{role}.yaml"


#: How many more digits of its key a name takes when a shorter one is another submission's.
MORE_NAME_DIGITS = 4


def answers_file_names(imported: Imported) -> Iterator[str]:
    """The names a submission's answers file may be given, the one to use first first (see
    :func:`answers_file_name`): when two submissions of one import share the first digits of
    their keys, a name takes :data:`MORE_NAME_DIGITS` more, up to the whole key. A submission
    without an id has its row's name alone."""
    if not imported.key:
        yield answers_file_name(imported)
        return
    for digits in _name_lengths(imported.key):
        yield answers_file_name(imported, digits)


def files_of_submission(key: str, names: Iterable[str]) -> list[str]:
    """Which of ``names`` (the files in a folder) an import gave the submission of ``key``, in
    their order: a name :func:`answers_file_names` gives it, under any role (it may have been
    edited since). A file named by its row is no submission's in particular, and never one."""
    ends = {key[:digits] for digits in _name_lengths(key)}
    return [name for name in names if name.endswith(".yaml") and name.removesuffix(".yaml").rpartition("-")[2] in ends]


#: The name of an answers file an import named by the hash of a submission's id: its role, then
#: as many of the key's 64 digits as :func:`answers_file_names` may give it.
_NAMED_BY_KEY = re.compile(r".+-((?:[0-9a-f]{4}){3,16})\.yaml", re.DOTALL)


def files_of_others(keys: Iterable[str], names: Iterable[str]) -> list[str]:
    """Which of ``names`` (the files in a folder) an import named by the hash of the id of a
    submission none of ``keys`` is, sorted: an earlier import's file of a submission this export
    does not have (deleted on the platform since, or left out of the download). Files named by
    their row, or otherwise, are none."""
    ends = {key[:digits] for key in keys for digits in _name_lengths(key)}
    found = []
    for name in names:
        named = _NAMED_BY_KEY.fullmatch(name)
        if named is not None and named.group(1) not in ends:
            found.append(name)
    return sorted(found)


#: How every answers file civdata import writes starts (:func:`answers_text`), with or without
#: ``--anonymize``, followed by a space or, when a long export name wrapped the comment, a line
#: break: what tells its own file from one named like it.
IMPORTED_FILE_START = b"# Submission in"


def written_by_import(path: Path) -> bool:
    """Whether ``path`` is a regular file (not a link) that starts as every answers file an import
    writes does: a file named like one, but that civdata did not write, is never taken out."""
    import os
    import stat

    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            start = handle.read(len(_BOM) + len(IMPORTED_FILE_START) + 1).removeprefix(_BOM)
    except OSError:
        return False
    after = start[len(IMPORTED_FILE_START) : len(IMPORTED_FILE_START) + 1]
    return start.startswith(IMPORTED_FILE_START) and after in (b" ", b"\n", b"\r")


#: What an editor that saves "UTF-8 with BOM" (Windows Notepad) puts before the first line of a
#: file it saves, as it may turn line ends into CR LF: the file is still the one civdata wrote.
_BOM = b"\xef\xbb\xbf"


def named_by_row(name: str) -> bool:
    """Whether ``name`` is that of the answers file of a submission without an id, named by its row
    (:func:`answers_file_name`): another export may give another submission that name."""
    return _NAMED_BY_ROW.fullmatch(name) is not None


_NAMED_BY_ROW = re.compile(r"row-[0-9]{4,}-.*\.yaml")


def _name_lengths(key: str) -> range:
    """How many digits of ``key`` the names of its answers file may take."""
    return range(NAME_DIGITS, len(key) + 1, MORE_NAME_DIGITS)


def _in_sheet(sheet: str | None) -> str:
    """``sheet 'Round 2', `` for a row of a workbook, as a comment can hold it; nothing for a CSV file."""
    return f"sheet '{comment_text(within_limit(sheet, SHEET_NAME_LIMIT))}', " if sheet else ""


def answers_text(
    imported: Imported, rubric: Rubric, source: str | None, *, sheet: str | None = None, file: Path | None = None
) -> str:
    """The answers file of one submission, as ``civdata report`` reads it; ``file`` is where it is
    written, as given, which the commands in its header name (see :func:`dump_answers`).

    Its first comment says which row of which export it came from: ``source`` is the export as it
    was named on the command line (as every report names the files it read), or None with
    ``--anonymize``, whose files hold no name: an export's file or folder name is often a person's.
    ``sheet`` is the sheet of a workbook the row is on (:attr:`SubmissionStream.sheet`), named as a
    problem with that row names it; with ``--anonymize`` it is left out too, as a sheet may be named
    after a person as well.
    A submission made with an older version of the rubric is written for the current one; above
    its answers, comments say which version it was made with and what each changed question was
    answered then, so nothing the person said is lost (see :class:`civdata.answers_loader.UpgradePlan`).
    """
    where = (
        f"row {imported.row} of the export (its name left out: --anonymize)"
        if source is None
        else f"{comment_text(source)}, {_in_sheet(sheet)}row {imported.row}"
    )
    lines = comment_lines(f"Submission in {where}.")
    plan = imported.upgrade
    if plan is not None:
        lines += comment_lines(_upgrade_comment(plan))
        for qid, remark in plan.remarks().items():
            lines += comment_lines(f"{comment_text(qid)}: {comment_text(remark)}", hang=2)
        for entry in plan.set_aside:
            lines += comment_lines(comment_text(entry.comment()), hang=2)
    return "\n".join([*lines, dump_answers(imported.answers, rubric, written_by="civdata import", file=file)])


def _upgrade_comment(plan: UpgradePlan) -> str:
    """The comment above the answers of a submission made with an older version of the form: what
    became of its answers, followed by what was answered then to each question left blank, and to
    each question no longer asked. Never "left blank here" with nothing after it: a submission that
    answered no question changed since had all its answers kept."""
    made = f"Made with version {comment_text(plan.from_version)} of the form; "
    if plan.changed:
        return made + "the questions changed since are left blank here, with what was answered then:"
    if plan.set_aside:
        return made + (
            "no question it answered changed since, so its answers were kept; its answers to questions no longer "
            "in the form are kept here:"
        )
    return made + "no question it answered changed since, so its answers were kept."
