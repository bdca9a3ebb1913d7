"""Check answers files and rubrics one by one, each against its own rubric: ``civdata check``.

A repository may hold several initiatives, each a folder of answers files, some made for a bundled
rubric and some for a rubric of the team's own. ``civdata report`` combines the files it is given
into one report, so it refuses files about different initiatives or rubrics. ``check`` combines
nothing: every file is checked on its own, as ``report`` and ``rubric validate`` check it, and
every problem of every file is collected, so a pre-commit hook or a CI job shows all of them in
one run (docs/in-a-repository.md).

What a file is, is told by its content, never by its name (see :func:`kind_of`): teams name their
files after people, roles and dates. A YAML file that is neither (a workflow, a site's config) is
left out and named, never refused, so a hook can be given every YAML file of a repository.

Which rubric an answers file is checked against: answers name their rubric by id
(``rubric: {id: ..., version: ...}``), never by path, because a data file must not make civdata
read whatever it names (:func:`civdata.inputs.rubric_file`). A rubric of the team's own is found
among the rubric files of the same run, those among the paths checked and those named with
``--rubric`` (see :class:`RubricShelf`); else the bundled rubric with that id is used.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from civdata.answers_loader import (
    answers_from_document,
    dated_later,
    rubric_reference,
    shape_after_reading,
    unasked_answers,
)
from civdata.catalog import bundled_rubric_file, find_rubric, verified_content
from civdata.model import Rubric
from civdata.problems import InputError, Problem
from civdata.records import record
from civdata.rubric_loader import load_rubric, rubric_from_document
from civdata.safe_read import (
    Identity,
    ReadRefused,
    answers_files_in,
    display_name,
    exists,
    identity_of,
    is_folder,
    is_json_name,
    is_stdin,
    name_skip_reason,
    read_regular_file,
    yaml_files_under,
)
from civdata.versions import is_version, same_questions
from civdata.yamlsource import YamlDocument, read_yaml_file, yaml_encoding

#: What every file read here is to the run (see :func:`civdata.safe_read.read_regular_file`).
ROLE = "a file to check"

#: Keys at the top of a file that only an answers file has (its schema requires the first three).
ANSWERS_KEYS = frozenset({"rubric", "respondent", "initiative", "answers"})
#: Keys at the top of a file that only a rubric has; ``id`` counts only beside ``format``.
RUBRIC_KEYS = frozenset({"areas", "verdicts"})

#: A key written first on its line, after its indentation: a key of the top-level mapping when
#: the indentation is that of the mapping's first key (see :func:`top_level_keys`).
_KEY_LINE = re.compile(r"""^([ \t]*)["']?([A-Za-z_][A-Za-z0-9_-]*)["']?[ \t]*:(?:[ \t]+(.*)|$)""", re.MULTILINE)

#: The indentation of the first line that holds content: not blank, a comment, a ``%`` directive
#: or the ``---`` that starts a document (with a comment after it, or nothing).
_FIRST_CONTENT = re.compile(r"^(?![ \t]*(?:#|$)|%|---[ \t]*(?:#|$))([ \t]*)", re.MULTILINE)

#: A rubric's id as written after its ``id:``: ``x``, ``"x"`` or ``'x'``, then perhaps a comment.
_RUBRIC_ID = re.compile(r"""(["']?)([A-Za-z0-9_.-]+)\1[ \t]*(?:#.*)?""")

#: The ``---`` that starts a YAML document, and the spaces after it.
_DOCUMENT_START = re.compile(r"\A---(?:\s+|\Z)")

#: The tokens of YAML's flow style (``{key: value, ...}``, JSON too), as far as telling the keys of
#: the outer braces apart needs: a text in quotes, a comment, an indicator, the ``:`` after a key,
#: a plain word or words, and anything else, where a broken file is no longer followed.
_FLOW_TOKEN = re.compile(
    r"""
      (?P<quoted>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')
    | (?P<comment>(?<!\S)\#[^\n]*)
    | (?P<indicator>[{}\[\],])
    | (?P<colon>:(?=[\s,\[\]{}]|\Z)|(?<=["']):)
    | (?P<plain>(?:[^\s,\[\]{}:#"']|:(?=[^\s,\[\]{}]))(?:[^\n,\[\]{}:#]+|:(?=[^\s,\[\]{}])|(?<=\S)\#)*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

#: Why a YAML file was left out: the keys that would have made it an answers file or a rubric.
NOT_CIVDATA = (
    "neither an answers file nor a rubric (no 'rubric', 'respondent', 'initiative' or 'answers' key, "
    "and no 'areas' or 'verdicts'), so not checked"
)


#: Why an empty file (nothing but blanks or comments) was left out: nothing in it says what it is.
EMPTY_SKIPPED = "empty (nothing but blanks or comments), so not checked"


class Kind(Enum):
    ANSWERS = "answers file"
    RUBRIC = "rubric"
    OTHER = "other"


#: A folder named to ``check`` with no answers file or rubric in it, at any depth: a CI job that
#: checks an empty or misspelt folder must not pass as if every file were valid. (Files named one
#: by one, as pre-commit gives them, may all be other tools' files: they are skipped, not refused.)
NOTHING_IN_FOLDER = (
    "no answers file or rubric in this folder or its subfolders, so nothing was checked; "
    "name the folder that holds them"
)


def kind_of(keys: Iterable[object]) -> Kind:
    """What a file is, from the keys at its top: an answers file if it has any of
    :data:`ANSWERS_KEYS`; else a rubric if it has any of :data:`RUBRIC_KEYS`, or both ``format``
    and ``id``; else something else. An answers file never has a rubric's keys (its schema allows
    no others), so a file with keys of both is an answers file gone wrong and is checked as one."""
    names = {str(key) for key in keys}
    if names & ANSWERS_KEYS:
        return Kind.ANSWERS
    if names & RUBRIC_KEYS or {"format", "id"} <= names:
        return Kind.RUBRIC
    return Kind.OTHER


@dataclass
class Outcome:
    """What one run of ``civdata check`` found.

    ``checked`` are the files checked as answers or rubrics (files named on the command line that
    cannot be read included, but not paths where there is no file: reading them says "file not
    found", and nothing was checked); ``skipped`` the files left out, each with the reason, in the
    order met.
    """

    checked: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    #: The warning of each valid file that answers questions its role is not asked
    #: (:func:`~civdata.answers_loader.unasked_answers`), one per file.
    unasked: list[Problem] = field(default_factory=list)
    #: The warning of each valid file dated more than a year after today (:func:`~civdata.answers_loader.dated_later`).
    dated_later: list[Problem] = field(default_factory=list)

    def count(self, path: Path) -> None:
        """Count ``path`` among the files checked, unless no file is there (what reading it calls
        "no such file or folder", or standard input closed; a file that is there but cannot be read is
        checked, and says why)."""
        if is_stdin(path):
            try:
                os.fstat(0)
            except OSError:
                return  # closed: it holds no file either
        else:
            try:
                path.stat()
            except FileNotFoundError:
                return
            except (OSError, ValueError):
                pass
        self.checked.append(path)

    @property
    def files_with_problems(self) -> int:
        """How many of the files checked have problems. A problem of no file checked (a folder with
        nothing to check, a path where there is no file, a ``--rubric`` id no rubric has) is not
        one: the count is always of the files checked."""
        checked = {display_name(path) for path in self.checked}
        return len({problem.source for problem in self.problems} & checked)


@record
class _Read:
    path: Path
    document: YamlDocument
    found: list[Problem]


@dataclass
class _ShelvedRubric:
    """A rubric file of this run: where it is, its id, and its model (None when it has problems)."""

    path: Path
    folder: Path
    rubric_id: str
    sha256: str
    rubric: Rubric | None
    #: The version the file gives ("" when it gives none a version can be): what chooses among
    #: files of one id in the nearest folder (:func:`_of_version`).
    version: str = ""


class RubricShelf:
    """The rubrics answers files may name by id in this run: the run's own rubric files, then the
    bundled ones.

    When several files of the run have the id an answers file names and their contents differ,
    the one in the nearest folder above the answers file is taken (``initiative-b/rubric.yaml``
    for ``initiative-b/answers/lead.yaml``); when that does not settle it, the answers file is not
    checked and says why. A file of the run with the id of a bundled rubric is used instead of the
    bundled one, as it would be with ``civdata report --rubric FILE``.
    """

    def __init__(self) -> None:
        self._shelved: list[_ShelvedRubric] = []
        self._bundled: dict[Path, Rubric | None] = {}

    def add(self, read: _Read) -> list[Problem]:
        """Check a rubric file, keep it for the answers that name its id; return its problems."""
        try:
            rubric: Rubric | None = rubric_from_document(read.document, read.found, label=str(read.path))
            problems: list[Problem] = []
        except InputError as error:
            rubric, problems = None, error.problems
        data = read.document.data
        rubric_id = data.get("id") if isinstance(data, dict) else _id_written_in(read.path)
        if isinstance(rubric_id, str):
            folder = Path(os.path.realpath(read.path)).parent
            version = data.get("version") if isinstance(data, dict) else None
            version = version if isinstance(version, str) and is_version(version) else ""
            shelved = _ShelvedRubric(read.path, folder, rubric_id, read.document.sha256 or "", rubric, version)
            self._shelved.append(shelved)
        return problems

    def has(self, rubric_id: str) -> bool:
        """Whether answers naming ``rubric_id`` have a rubric here: a file of the run, or a bundled one."""
        if any(shelved.rubric_id == rubric_id for shelved in self._shelved):
            return True
        try:
            bundled_rubric_file(rubric_id, lambda message: Problem("", 0, 0, message))
        except InputError:
            return False
        return True

    def rubric_for(self, document: YamlDocument, path: Path) -> Rubric:
        """The rubric the answers in ``document`` (read from ``path``) are to be checked against;
        raise a problem at their ``rubric.id`` when there is none to use."""
        rubric_id, version = rubric_reference(document)
        candidates = [shelved for shelved in self._shelved if shelved.rubric_id == rubric_id]
        if not candidates:
            return self._bundled_rubric(document, rubric_id)
        answers = Path(os.path.realpath(path))
        chosen = _nearest(candidates, answers, version)
        above = [shelved for shelved in candidates if answers.is_relative_to(shelved.folder)]
        if chosen is None and len({shelved.version for shelved in above}) > 1:
            # Versions of one rubric kept side by side, none of the one these answers name.
            names = ", ".join(f"'{shelved.path}' ({shelved.version or 'no version'})" for shelved in above[:4])
            raise InputError(
                [
                    document.problem(
                        ("rubric", "version"),
                        f"these answers are for version {version} of '{rubric_id}', and no rubric file checked here "
                        f"is of that version, nor asks the same questions ({names}); add the rubric file of version "
                        f"{version} beside the others, which keeps these answers checked as they were given",
                    )
                ]
            )
        if chosen is None:
            names = ", ".join(f"'{shelved.path}'" for shelved in candidates[:3])
            raise InputError(
                [
                    document.problem(
                        ("rubric", "id"),
                        f"several different rubric files checked here have the id '{rubric_id}' ({names}) and none "
                        "is in a folder nearer to these answers; give the rubrics different ids, or check each "
                        "initiative in a run of its own",
                    )
                ]
            )
        if chosen.rubric is None:
            raise InputError(
                [
                    document.problem(
                        ("rubric", "id"),
                        f"these answers are for rubric '{rubric_id}', whose file '{chosen.path}' has problems of its "
                        "own (listed with it); once they are fixed, these answers are checked against it",
                    )
                ]
            )
        return chosen.rubric

    def _bundled_rubric(self, document: YamlDocument, rubric_id: str) -> Rubric:
        path = bundled_rubric_file(rubric_id, lambda message: document.problem(("rubric", "id"), message))
        if path not in self._bundled:
            try:
                self._bundled[path] = load_rubric(path)
            except InputError:
                self._bundled[path] = None
        rubric = self._bundled[path]
        if rubric is None:  # only a damaged installation gets here: the tests check every bundled rubric
            raise RuntimeError(f"the bundled rubric {path} does not load; reinstall civdata")
        return rubric


def _of_version(candidates: list[_ShelvedRubric], version: object) -> list[_ShelvedRubric]:
    """The rubric files of one id that answers made for ``version`` are to be checked against:
    those of that very version, else those that ask the same questions (the same MAJOR.MINOR), else
    all of them. A repository keeps the rubric of each round beside the newer one, so that its
    earlier rounds stay checked against the version they were answered for (the review of a rubric
    kept over two years: check chose by folder only, and refused every earlier round)."""
    if not isinstance(version, str) or not is_version(version):
        return candidates
    exact = [shelved for shelved in candidates if shelved.version == version]
    if exact:
        return exact
    alike = [shelved for shelved in candidates if shelved.version and same_questions(shelved.version, version)]
    return alike or candidates


def _nearest(candidates: list[_ShelvedRubric], answers: Path, version: object) -> _ShelvedRubric | None:
    """The candidate to use for the answers file at ``answers`` (a real path), made for
    ``version``, or None if unsure: the one in the nearest folder above it (an initiative's own
    adaptation), and among several there, the one of that version (:func:`_of_version`)."""
    if len({shelved.sha256 for shelved in candidates}) == 1:
        return candidates[0]
    above = [shelved for shelved in candidates if answers.is_relative_to(shelved.folder)]
    if not above:
        return None
    deepest = max(len(shelved.folder.parts) for shelved in above)
    nearest = _of_version([shelved for shelved in above if len(shelved.folder.parts) == deepest], version)
    return nearest[0] if len({shelved.sha256 for shelved in nearest}) == 1 else None


def check_paths(paths: Sequence[Path], rubrics: Sequence[str] = ()) -> Outcome:
    """Check every answers file and rubric in ``paths`` (files, and folders walked recursively),
    and the rubric files ``rubrics`` names (paths, or ids of bundled rubrics, as ``--rubric``).

    Every problem is collected in the outcome; nothing is raised for a problem in a file.
    """
    outcome = Outcome()
    shelf = RubricShelf()
    seen: dict[Identity, Path] = {}
    all_read = True  # whether every --rubric given was read
    for spec in rubrics:
        try:
            path = find_rubric(spec)
        except InputError as error:
            outcome.problems.extend(error.problems)
            all_read = False
            continue
        if is_folder(path):
            outcome.problems.append(Problem(spec, 0, 0, _folder_as_rubric(path), in_file=False))
            all_read = False
            continue
        if not exists(path):
            all_read = False  # reading it says "no such file or folder"
        if _first_time(path, seen, outcome):
            outcome.count(path)
            outcome.problems.extend(shelf.add(_read(path)))
    answers: list[Path | _Read] = []
    for given in paths:
        found = False
        for path in _files_in([given], outcome):
            if not _first_time(path, seen, outcome):
                found = True  # checked under another name given earlier in this run
                continue
            kind, read, why = _kind_to_check(path)
            if why is not None:
                outcome.skipped.append((path, why))
                continue
            found = True
            outcome.count(path)
            if kind is Kind.RUBRIC:
                outcome.problems.extend(shelf.add(read or _read(path)))
            else:
                answers.append(read or path)
        if not found and is_folder(given):
            outcome.problems.append(Problem(str(given), 0, 0, NOTHING_IN_FOLDER, in_file=False))
    # Once every rubric of the run is known, answers files are read one at a time: a repository
    # of thousands of them is never held in memory at once (standard input, read once, is kept).
    for item in answers:
        read = item if isinstance(item, _Read) else _read(item)
        rubric_id = _rubric_id_named(read.document)
        if not all_read and rubric_id is not None and not shelf.has(rubric_id):
            # The --rubric problem says what to fix; "no rubric has this id" here would say it again.
            outcome.checked.remove(read.path)
            outcome.skipped.append((read.path, _WAITING_FOR_RUBRIC.format(rubric_id=rubric_id)))
            continue
        outcome.problems.extend(_answers_problems(read, shelf, outcome))
    outcome.problems = InputError(outcome.problems).problems  # sorted, each once
    return outcome


#: Why answers are not checked when a ``--rubric`` could not be read and no rubric of the run has their id.
_WAITING_FOR_RUBRIC = (
    "not checked: these answers are for rubric '{rubric_id}', and the --rubric that would give it could not be read"
)


def _folder_as_rubric(folder: Path) -> str:
    """What to do when ``--rubric`` names a folder: name a rubric file in it (the first there is,
    by name), or give the folder among the paths, where rubrics are told by their content."""
    try:
        names = sorted(entry.name for entry in folder.iterdir() if name_skip_reason(entry.name) is None)
    except OSError:
        names = []
    candidates = (folder / name for name in names)
    example = next((path for path in candidates if path.is_file() and _kind_of_file(path)[0] is Kind.RUBRIC), None)
    named = f"--rubric {example}" if example is not None else "--rubric FOLDER/NAME.yaml"
    return (
        f"--rubric takes a rubric file, not a folder; name the file ({named}), or give the folder as a path to "
        "check, where rubrics are found by their content"
    )


def _rubric_id_named(document: YamlDocument) -> str | None:
    """The rubric id an answers document names, when it names one as text; None otherwise (its
    checks then say what is wrong)."""
    data = document.data
    reference = data.get("rubric") if isinstance(data, dict) else None
    rubric_id = reference.get("id") if isinstance(reference, dict) else None
    return rubric_id if isinstance(rubric_id, str) else None


def _files_in(paths: Sequence[Path], outcome: Outcome) -> Iterable[Path]:
    """The candidate files of ``paths``: files named (unless their name rules them out) and the
    files in folders, recursively; what is left out is added to ``outcome.skipped``."""
    for path in paths:
        if is_folder(path):
            listing = yaml_files_under(path)
            outcome.skipped.extend(listing.skipped)
            # Every file's own name before any link to it from another folder of the tree: the name
            # checked is the one annotations point at (GitHub shows no line of a link).
            yield from sorted(listing.files, key=Path.is_symlink)
            continue
        reason = name_skip_reason(path.name) if exists(path) else None
        if reason is not None and is_json_name(path.name) and not path.name.startswith("."):
            reason = None  # answers saved as JSON, named one by one, as `civdata report` reads them
        if reason is not None:
            outcome.skipped.append((path, reason))
            continue
        yield path


def _kind_to_check(path: Path) -> tuple[Kind, _Read | None, str | None]:
    """What ``path`` is, the file as parsed if it had to be, and why it is left out (None when it
    is checked, as answers or as a rubric)."""
    read: _Read | None
    if is_stdin(path):
        kind, read = _kind_of_stdin(path)
    elif is_json_name(path.name):
        return _json_kind(path)
    else:
        kind, read = _kind_of_file(path)
    if kind is Kind.OTHER and _empty(read) and _beside_answers(path):
        kind = Kind.ANSWERS  # an answers file emptied, which a report on its folder refuses
    if kind is Kind.OTHER:
        return kind, read, EMPTY_SKIPPED if _empty(read) else NOT_CIVDATA
    return kind, read, None


#: Why a JSON file named to ``check`` is left out: only answers saved as JSON are checked.
JSON_REPORT_SKIPPED = "a JSON report civdata wrote, not answers, so not checked"
JSON_OTHER_SKIPPED = "a JSON file that is neither answers nor a rubric, so not checked"


def _json_kind(path: Path) -> tuple[Kind, _Read | None, str | None]:
    """What a ``.json`` file named to ``check`` is, read as ``civdata report`` reads answers saved
    as JSON (an outside review: ``check bad.json`` said "no problems" of a file ``report`` refused):
    answers are checked; a JSON report (``report_format``) or another tool's JSON is left out,
    with why. A file that cannot be read is checked, so that reading it says what is wrong."""
    text = _text_of(path)
    if text is None:
        return Kind.ANSWERS, None, None
    read = _read(path)
    if _empty(read):
        return Kind.ANSWERS, read, None  # named to be checked, and empty: `report` refuses it so (a review)
    data = read.document.data
    keys = data if isinstance(data, dict) else keys_in_braces(text)
    if "report_format" in keys:
        return Kind.OTHER, read, JSON_REPORT_SKIPPED
    kind = kind_of(keys)
    return kind, read, (JSON_OTHER_SKIPPED if kind is Kind.OTHER else None)


def _first_time(path: Path, seen: dict[Identity, Path], outcome: Outcome) -> bool:
    """Whether ``path`` is a file not met before in this run (under any name): each is checked once."""
    try:
        identity = identity_of(path.stat())
    except (OSError, ValueError):
        return True  # reading it says what is wrong
    earlier = seen.get(identity)
    if earlier is None:
        seen[identity] = path
        return True
    if str(earlier) != str(path):
        outcome.skipped.append((path, f"the same file as {earlier}, which is checked once"))
    return False


def _read(path: Path) -> _Read:
    document, found = read_yaml_file(path, role=ROLE, known=verified_content)
    return _Read(path, document, found)


def _kind_of_file(path: Path) -> tuple[Kind, _Read | None]:
    """What the file at ``path`` is (see :func:`kind_of`), and the file as parsed if it had to be.

    The keys at the top are first looked for where they are usually written, at the start of a
    line, without parsing: a broken answers file is still an answers file then, and a broken file
    of another tool (a template, ``{{ .Values }}``) is left out. Only when no line tells (a mapping
    written ``{...}``, a list, an empty file) is the file parsed and its mapping's keys read; when
    YAML cannot parse it, the keys of the braces it opens with are read as written (see
    :func:`keys_in_braces`), so that a broken answers file in braces, JSON-like, is still checked
    and its mistake located rather than passed over as another tool's file. A file that cannot be
    read at all (missing, a device, too large) is checked, so that the answers loader says what is
    wrong with it.
    """
    text = _text_of(path)
    if text is None:
        return Kind.ANSWERS, None
    kind = kind_of(top_level_keys(text))
    if kind is not Kind.OTHER:
        return kind, None
    read = _read(path)
    data = read.document.data
    if isinstance(data, dict):
        return kind_of(data), read
    # YAML could not parse it (or it is no mapping): the keys of the braces it opens with, as
    # written, still tell a broken answers file in braces (JSON-like) from another tool's file.
    return kind_of(keys_in_braces(text)), read


def _kind_of_stdin(path: Path) -> tuple[Kind, _Read]:
    """What standard input holds, told from the keys of its mapping. It can be read only once, so
    it is parsed at once and kept; what YAML cannot read is checked as answers, so that its
    problems are said, and so is nothing at all: what was piped in was meant to be checked."""
    read = _read(path)
    data = read.document.data
    if isinstance(data, dict):
        return kind_of(data), read
    return (Kind.ANSWERS if read.found or _empty(read) else Kind.OTHER), read


def _empty(read: _Read | None) -> bool:
    """Whether a file was read, and held nothing but blanks or comments."""
    return read is not None and read.document.data is None and not read.found


def _beside_answers(path: Path) -> bool:
    """Whether another file in ``path``'s folder is an answers file: then an empty ``path`` is
    one emptied (a bad merge, an editor's crash), which ``civdata report`` on the folder refuses,
    and ``check`` must not pass. Looked at only for an empty file, and only until one is found;
    pre-commit names the emptied file alone, so its folder is looked at, not the files named."""
    from civdata.files import same_file

    return any(
        not same_file(other, path) and _kind_of_file(other)[0] is Kind.ANSWERS
        for other in answers_files_in(path.parent).files
    )


def _text_of(path: Path) -> str | None:
    """The text of a file, to tell what it is; None when it cannot be read."""
    try:
        raw = read_regular_file(path, ROLE)
    except ReadRefused:
        return None
    # Windows editors save "Unicode" text as UTF-16: such an answers file is still one, told by
    # its keys, and the loader says to save it as UTF-8. Read as UTF-8, its keys were unreadable
    # and the file was skipped as not civdata's, so `check` passed without checking it.
    return raw.decode(yaml_encoding(raw), errors="replace").removeprefix("\ufeff")


def top_level_keys(text: str) -> dict[str, str]:
    """The keys of the top-level mapping of ``text`` as written at the start of lines, without
    parsing (the file may be broken), each with the rest of its line.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (Windows editors, old Mac editors). A key is the
    top's when it is indented as the first line that holds content, or not at all: a file indented
    as a whole (pasted from a document) is still told by its keys, and so is one whose first key
    has a stray space before it; a key indented under another (a workflow's ``with: rubric:``) is
    not the top's."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = _FIRST_CONTENT.search(text)
    top = first.group(1) if first else ""
    found: dict[str, str] = {}
    for match in _KEY_LINE.finditer(text):
        if match.group(1) in ("", top):
            found.setdefault(match.group(2), match.group(3) or "")
    return found


def _id_written_in(path: Path) -> str | None:
    """The id a rubric that YAML could not parse gives itself, as written at the start of a line
    or in the braces it opens with, so that answers naming it are told their rubric has problems
    rather than that it is missing."""
    text = _text_of(path)
    if text is None:
        return None
    found = _RUBRIC_ID.fullmatch(top_level_keys(text).get("id", "").rstrip())
    return found.group(2) if found else keys_in_braces(text).get("id")


def keys_in_braces(text: str) -> dict[str, str | None]:
    """The keys of the mapping ``text`` opens with ``{`` (after comments, directives and ``---``),
    as written, each with its value when that is a single word or quoted text, else None.

    Meant for a file YAML could not parse, so it reads up to the first thing it cannot follow (the
    outer braces closed, or a character no flow style has) and keeps what it found before: keys
    inside a value (``{"survey": {"answers": ...}}``), in a text or in a comment are not the top's.
    """
    start = _flow_start(text)
    found: dict[str, str | None] = {}
    if start is None:
        return found
    depth, entry_start, key, pending = 1, True, None, None
    for token in _FLOW_TOKEN.finditer(text, start):
        kind, written = token.lastgroup, token.group()
        if kind in ("space", "comment"):
            continue
        if kind == "other" or (kind == "indicator" and written in "}]" and depth == 1):
            break
        if key is not None:  # the token after a key's ':' is its value
            found[key] = _unquoted(written) if kind in ("quoted", "plain") else None
            key = None
        if kind == "indicator":
            depth += {"{": 1, "[": 1, "}": -1, "]": -1}.get(written, 0)
            entry_start, pending = written == "," and depth == 1, None
        elif kind == "colon":
            key, pending = pending, None
        else:
            pending = _unquoted(written) if entry_start and depth == 1 else None
            entry_start = False
    if key is not None:
        found[key] = None
    return found


def _flow_start(text: str) -> int | None:
    """Where, after the first ``{`` of ``text``, its top-level mapping's content starts, when the
    first thing written (comments, ``%`` directives and ``---`` aside) is that brace; else None."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = _DOCUMENT_START.sub("", line.strip(), count=1)
        if stripped.startswith("{"):
            return offset + line.index("{") + 1
        if stripped and not stripped.startswith(("#", "%")):
            return None
        offset += len(line)
    return None


def _unquoted(written: str) -> str:
    """A key or word as YAML reads it, near enough to compare with civdata's keys."""
    if written[:1] == '"':
        return written[1:-1]
    if written[:1] == "'":
        return written[1:-1].replace("''", "'")
    return written.rstrip()  # a plain word ends before the spaces that follow it


def _answers_problems(read: _Read, shelf: RubricShelf, outcome: Outcome) -> list[Problem]:
    """Every problem of one answers file, checked against the rubric it names; the warnings of a
    valid one (questions its role is not asked, a date later than today) are added to ``outcome``."""
    problems, reported = shape_after_reading(read.document, read.found)
    if reported is None:
        return problems
    try:
        rubric = shelf.rubric_for(read.document, read.path)
        answer_set = answers_from_document(read.document, rubric, reported)
    except InputError as error:
        problems.extend(error.problems)
        return problems
    if (warning := unasked_answers(rubric, answer_set)) is not None:
        outcome.unasked.append(warning)
    if (later := dated_later(read.document, answer_set)) is not None:
        outcome.dated_later.append(later)
    return problems
