"""Rubric versions: ``MAJOR.MINOR.PATCH``, compared as numbers (``1.10.0`` is after ``1.9.0``)."""

from __future__ import annotations


def version_key(version: str) -> tuple[int, ...]:
    """The parts of a version as numbers, for comparing; ``(0,)`` for text that is not a version
    (the schema reports it; the comparisons that follow must not fail on it)."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)
