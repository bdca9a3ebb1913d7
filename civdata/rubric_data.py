"""Facts read from a rubric's data as written, before it is a model: shared by the checks
(:mod:`civdata.rubric_checks`) and the builder (:mod:`civdata.rubric_loader`).

Kept apart from the checks so that loading a bundled rubric, whose checks the tests ran and
whose content hash is trusted at run time, does not import them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any


def is_id(text: object) -> bool:
    """Whether ``text`` is an id as the rubric schema says one is (``threat-model``, ``A.1``): a
    name written otherwise is refused where it is defined, so it is never offered as a fix."""
    return isinstance(text, str) and _id_pattern().fullmatch(text) is not None  # fullmatch: no last "\n"


@cache
def _id_pattern() -> re.Pattern[str]:
    """The schema's own pattern for an id: the format has one home, its schemas."""
    from civdata.schemacheck import load_schema

    return re.compile(load_schema("rubric")["$defs"]["id"]["pattern"])


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
