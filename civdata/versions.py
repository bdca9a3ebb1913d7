"""Rubric versions: ``MAJOR.MINOR.PATCH``, compared as numbers (``1.10.0`` is after ``1.9.0``)."""

from __future__ import annotations

import re
from functools import cache


def is_version(text: str) -> bool:
    """Whether ``text`` is a version, ``MAJOR.MINOR.PATCH``, as the answers schema says one is."""
    return _version_pattern().fullmatch(text) is not None  # fullmatch: `$` in Python allows a last "\n"


@cache
def _version_pattern() -> re.Pattern[str]:
    """The schema's own pattern for a version: the format has one home, its schemas."""
    from civdata.schemacheck import load_schema

    return re.compile(load_schema("answers")["properties"]["rubric"]["properties"]["version"]["pattern"])


_VERSION_LIKE = re.compile(r"[vV]?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?")


def meant_version(written: str) -> str | None:
    """The version text that is not one stands for, when it is plain numbers in the wrong shape
    (``01.2.2``, ``v1.2.2``, ``1.2``): ``1.2.2``, ``1.2.2``, ``1.2.0``; None for anything else. Said
    in a problem's fix, so a person copies a version that is valid."""
    match = _VERSION_LIKE.fullmatch(written.strip())
    if match is None:
        return None
    return ".".join(str(int(part or "0")) for part in match.groups())


def version_key(version: str) -> tuple[int, ...]:
    """The parts of a version as numbers, for comparing; ``(0,)`` for text that is not a version
    (the schema reports it; the comparisons that follow must not fail on it)."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


def same_questions(version: str, other: str) -> bool:
    """Whether two versions of a rubric ask the same questions: the same MAJOR.MINOR, since a PATCH
    release changes wording only (docs/rubric-format.md). Text that is not a version is the same
    only as itself."""
    key, other_key = version_key(version), version_key(other)
    if len(key) < 2 or len(other_key) < 2:
        return version == other
    return key[:2] == other_key[:2]
