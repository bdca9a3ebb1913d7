"""Find rubrics: the bundled ones by id, or a file a methodologist wrote.

Bundled rubrics live in ``rubrics/`` at the top of the repository and are copied into the wheel
as ``civdata/rubrics``, so an installed civdata finds them from any folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from civdata.problems import InputError, Problem, did_you_mean, quoted_list
from civdata.yamlsource import read_yaml_file

DEFAULT_RUBRIC_ID = "civil-society-data-readiness"


def bundled_dir() -> Path:
    """Where the bundled rubrics are: inside the installed package, else the source checkout."""
    packaged = Path(__file__).parent / "rubrics"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "rubrics"


@dataclass(frozen=True)
class RubricEntry:
    id: str
    version: str
    title: str
    path: Path


def bundled_rubrics() -> list[RubricEntry]:
    """Every bundled rubric, by id. Files that do not read as a rubric are left out here;
    ``civdata rubric validate`` is the place that explains them."""
    entries = []
    for path in sorted(bundled_dir().glob("*.yaml")):
        document, problems = read_yaml_file(path)
        data = document.data
        if problems or not isinstance(data, dict):
            continue
        entries.append(RubricEntry(str(data.get("id")), str(data.get("version")), str(data.get("title")), path))
    return entries


def looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml")) or Path(spec).exists()


def find_rubric(spec: str, *, source: str = "--rubric") -> Path:
    """The file for ``spec``: a path to a rubric file, or the id of a bundled rubric."""
    if looks_like_path(spec):
        return Path(spec)
    by_name = bundled_dir() / f"{spec}.yaml"  # bundled rubrics are named after their id
    if by_name.is_file():
        return by_name
    entries = bundled_rubrics()
    for entry in entries:
        if entry.id == spec:
            return entry.path
    ids = [entry.id for entry in entries]
    raise InputError(
        [
            Problem(
                source,
                0,
                0,
                f"no bundled rubric has the id '{spec}'{did_you_mean(spec, ids)}; bundled: "
                f"{quoted_list(ids)}. To use your own rubric, pass the path to its file",
            )
        ]
    )
