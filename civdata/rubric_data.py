"""Facts read from a rubric's data as written, before it is a model: shared by the checks
(:mod:`civdata.rubric_checks`) and the builder (:mod:`civdata.rubric_loader`).

Kept apart from the checks so that loading a bundled rubric, whose checks the tests ran and
whose content hash is trusted at run time, does not import them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any, overload


def is_id(text: object) -> bool:
    """Whether ``text`` is an id as the rubric schema says one is (``threat-model``, ``A.1``): a
    name written otherwise is refused where it is defined, so it is never offered as a fix."""
    return isinstance(text, str) and _id_pattern().fullmatch(text) is not None  # fullmatch: no last "\n"


@cache
def _id_pattern() -> re.Pattern[str]:
    """The schema's own pattern for an id: the format has one home, its schemas."""
    from civdata.schemacheck import load_schema

    return re.compile(load_schema("rubric")["$defs"]["id"]["pattern"])


@overload
def option_key(value: str) -> str: ...
@overload
def option_key(value: object) -> object: ...
def option_key(value: object) -> object:
    """What two writings of one option value have in common: text in Unicode NFC, anything else
    as it is. ``café`` typed with an accented letter and ``café`` written as ``e`` and a combining
    accent (as macOS file names give it) look the same everywhere, so they are one value: two
    options of one key are refused as one option written twice (:mod:`civdata.rubric_checks`), and
    an answer is matched to the option of its key (:meth:`civdata.model.Question.option`), in an
    answers file, the questionnaire and an import alike, as initiative names are compared after
    NFC (:mod:`civdata.initiatives`). Nothing else is equated: case, spaces and look-alike letters
    of other scripts are other text, which the checks and the answers loader name."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


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
