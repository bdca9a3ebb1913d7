"""Facts read from a rubric's data as written, before it is a model: shared by the checks
(:mod:`civdata.rubric_checks`) and the builder (:mod:`civdata.rubric_loader`).

Kept apart from the checks so that loading a bundled rubric, whose checks the tests ran and
whose content hash is trusted at run time, does not import them.
"""

from __future__ import annotations

from typing import Any


def is_unknown_option(option: dict[str, Any], kind: str | None) -> bool:
    """Whether an option is the "I don't know" answer: flagged, or ``unsure`` of a yes/no."""
    return option.get("unknown") is True or (kind == "yes_no" and option.get("value") == "unsure")


def yes_no_word(value: Any) -> Any:
    """A yes/no operand written as a boolean means its word: ``true`` is ``yes``."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value
