"""Find rubrics: the bundled ones by id, or a file a methodologist wrote.

Bundled rubrics live in ``rubrics/`` at the top of the repository and are copied into the wheel
as ``civdata/rubrics``, so an installed civdata finds them from any folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from civdata.problems import InputError, Problem, did_you_mean, option_problem, quoted_list
from civdata.records import record
from civdata.safe_read import is_plain_file, is_yaml_name
from civdata.yamlsource import read_yaml_file

DEFAULT_RUBRIC_ID = "civil-society-data-readiness"


def bundled_dir() -> Path:
    """Where the bundled rubrics are: inside the installed package, else the source checkout."""
    packaged = Path(__file__).parent / "rubrics"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "rubrics"


@record
class RubricEntry:
    """A bundled rubric as listed: enough to name it and find its file, without loading it."""

    id: str
    version: str
    title: str
    path: Path


def bundled_rubrics() -> list[RubricEntry]:
    """Every bundled rubric, by id. Files that do not read as a rubric are left out here;
    ``civdata rubric validate`` is the place that explains them."""
    entries = []
    for path in sorted(bundled_dir().glob("*.yaml")):
        document, problems = read_yaml_file(path, role="a bundled rubric")
        data = document.data
        if problems or not isinstance(data, dict):
            continue
        entries.append(RubricEntry(str(data.get("id")), str(data.get("version")), str(data.get("title")), path))
    return entries


def is_verified(sha256: str | None) -> bool:
    """Whether a rubric file with this SHA-256 is one the tests checked in full and found valid.

    The bundled rubrics are checked against the schema and every consistency rule by
    ``tools/regenerate.py``, which lists the hashes of those that pass in
    :mod:`civdata.verified_rubrics`; ``tests/test_generated.py`` fails when that list is not
    current. The same bytes give the same verdict, so the loader skips those checks for them
    (they take a third of a one-file report's time, docs/performance.md). Any other file is
    fully checked.
    """
    from civdata.verified_rubrics import VERIFIED

    return sha256 in VERIFIED


#: Where :func:`verified_content` finds the parsed bundled rubrics.
VERIFIED_CONTENT = Path(__file__).parent / "verified"


def verified_content(sha256: str) -> Any:
    """The content of the verified bundled rubric with this SHA-256 as parsed from its YAML, or None.

    ``tools/regenerate.py`` writes it next to the list of hashes, as JSON, which reads in a
    fraction of the time the YAML takes; the tests keep it equal to the YAML's. A missing or
    damaged copy only means the YAML is parsed.
    """
    from civdata.verified_rubrics import VERIFIED

    name = VERIFIED.get(sha256)
    if name is None:
        return None
    try:
        saved = json.loads((VERIFIED_CONTENT / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return saved.get("content") if isinstance(saved, dict) and saved.get("sha256") == sha256 else None


def looks_like_path(spec: str) -> bool:
    """Whether ``--rubric`` names a file rather than a bundled rubric.

    A path has a folder separator or ends in ``.yaml``/``.yml``, in any case (so a file in the
    current folder is ``./mine.yaml``, ``mine.yaml`` or ``Mine.YAML``); anything else is the id of
    a bundled rubric. Whether a file of that name happens to exist never matters: a file named like
    a bundled rubric must not silently replace it, which could turn a failing CI gate into a passing
    one.
    """
    return "/" in spec or "\\" in spec or is_yaml_name(spec)


#: How a bundled rubric's file is named in reports (``bundled: NAME.yaml``), not by its path.
BUNDLED_LABEL = "bundled: "


def is_bundled_file(path: Path) -> bool:
    """Whether ``path`` is a file in the bundled rubrics' folder: told by where it is, never by
    its name."""
    try:
        return path.resolve().parent == bundled_dir().resolve()
    except (OSError, RuntimeError):  # Python 3.10-3.12 raise RuntimeError for a symlink loop
        return False


def rubric_file_label(path: Path) -> str:
    """How reports name a rubric file: ``bundled: NAME.yaml`` for a bundled one, else the path,
    as ``./bundled: NAME.yaml`` when a file of one's own is named so (it must not read as bundled)."""
    if is_bundled_file(path):
        return f"{BUNDLED_LABEL}{path.name}"
    text = str(path)
    return f"./{text}" if text.startswith(BUNDLED_LABEL) else text


def find_rubric(spec: str, *, source: str = "--rubric") -> Path:
    """The file for ``spec`` given on the command line: a path to a rubric file, or the id of a
    bundled rubric. An id that names none is a problem with the option (``source``), in no file."""
    if looks_like_path(spec):
        return Path(spec)
    return bundled_rubric_file(spec, lambda message: option_problem(source, message))


def bundled_rubric_file(rubric_id: str, problem: Callable[[str], Problem]) -> Path:
    """The bundled rubric with the id ``rubric_id``; else raise ``problem`` saying what exists.

    This is the only lookup for the id an answers file names (``rubric: {id: ...}``): that id is
    never opened as a path, whatever it contains.
    """
    if not any(character in rubric_id for character in "/\\\0"):
        by_name = bundled_dir() / f"{rubric_id}.yaml"  # bundled rubrics are named after their id
        if is_plain_file(by_name):  # a name too long for the file system is no file
            return by_name
    entries = bundled_rubrics()
    for entry in entries:
        if entry.id == rubric_id:
            return entry.path
    ids = [entry.id for entry in entries]
    # The suggestion last, as a question of its own: "did you mean 'x'?; bundled:" read as a slip.
    named = f"no bundled rubric has the id '{rubric_id}'" if rubric_id.strip() else "the rubric id is blank"
    hint = did_you_mean(rubric_id, ids) if rubric_id.strip() else ""
    raise InputError(
        [
            problem(
                f"{named} (bundled: {quoted_list(ids)}){hint or '.'} To use your own rubric, pass the path to its "
                "file with --rubric PATH"
            )
        ]
    )
