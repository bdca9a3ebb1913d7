"""The seal of a JSON report: the SHA-256 of its content, written in it, so that a report edited
after civdata wrote it is told when it is read back (a baseline, a history).

A baseline decides what a comparison calls new, resolved or worse, and so whether a regression
gate passes. A report that holds its answers (on one person, or combined with ``--detail``) is
scored again from them (:mod:`civdata.baseline_check`); a combined report without ``--detail``
holds only its figures, and one whose overall score was lowered by hand was compared as written
(an outside review of re-assessments). The seal covers every figure, finding and name in the
report: edited, it no longer matches, and the report is refused.

It tells an edit, not a forgery: the rule is written here and in the report schema, and whoever
computes it again can write any report they like, as whoever edits answers files can. Keep
baselines where changes are reviewed (docs/progress.md).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

#: The key of a JSON report that holds its seal.
SEAL_KEY = "content_sha256"


def seal(document: Mapping[str, Any]) -> str:
    """The SHA-256 of ``document`` without its seal, written as canonical JSON: keys sorted, no
    spaces, UTF-8, numbers as Python's ``json`` writes them, a whole number without ``.0``.
    Laying the file out otherwise (its indentation, the order of its keys, ``100`` for ``100.0``
    as jq writes it) keeps the seal; changing a value does not."""
    content = {key: value for key, value in document.items() if key != SEAL_KEY}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(_WHOLE.sub(r"\1", text).encode("utf-8", "surrogatepass")).hexdigest()


#: A whole number written with ``.0`` where canonical JSON has a number (after ``:``, ``[`` or ``,``,
#: before ``,``, ``]`` or ``}``). The same characters inside a text are shortened alike on both
#: sides, so what is compared is the same either way.
_WHOLE = re.compile(r"(?<=[:\[,])(-?[0-9]+)\.0(?=[,\]}])")


def sealed(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its seal, as the last key."""
    return {**document, SEAL_KEY: seal(document)}


def seal_broken(document: Mapping[str, Any]) -> bool:
    """Whether ``document`` holds a seal that its content no longer matches (edited since)."""
    written = document.get(SEAL_KEY)
    return written is not None and written != seal(document)
