"""Every JSON report the tests produce is read through :func:`report_document`, which checks it
against the report schema (``civdata schema report``) before a test looks inside.

The check is stricter than the shipped schema: the schema lets a consumer meet fields added later
in the same format version, but a field civdata writes today and the schema does not describe is
a gap in the schema, so here every object allows only the fields it describes.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from civdata.schemacheck import load_schema, strict_validator


def _closed(node: Any) -> Any:
    """``node`` with every object that lists its ``properties`` closed to others."""
    if isinstance(node, dict):
        closed = {key: _closed(value) for key, value in node.items()}
        if "properties" in closed and "additionalProperties" not in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@cache
def closed_report_schema() -> dict[str, Any]:
    """The report schema with no room for undescribed fields. The top level is closed with
    ``unevaluatedProperties``, since its fields for one kind of report are given in ``allOf``."""
    schema = copy.deepcopy(load_schema("report"))
    top = {key: value for key, value in schema.items() if key not in ("properties", "allOf", "$defs")}
    top["properties"] = {name: _closed(value) for name, value in schema["properties"].items()}
    top["allOf"] = [_closed_branches(branch) for branch in schema["allOf"]]
    top["$defs"] = _closed(schema["$defs"])
    top["unevaluatedProperties"] = False
    return top


def _closed_branches(branch: dict[str, Any]) -> dict[str, Any]:
    result = dict(branch)
    for key in ("then", "else"):
        result[key] = {**branch[key], "properties": {k: _closed(v) for k, v in branch[key]["properties"].items()}}
    return result


@cache
def _validator() -> Any:
    return strict_validator(closed_report_schema(), check_formats=True)


def check_report(document: Any) -> Any:
    """``document`` if it is valid against the (closed) report schema; else the test fails with
    every error."""
    errors = sorted(_validator().iter_errors(document), key=lambda error: list(error.absolute_path))
    assert not errors, "the JSON report does not match the report schema:\n" + "\n".join(
        f"  {'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message[:300]}" for error in errors[:20]
    )
    return document


def report_document(text: str) -> Any:
    """A JSON report's text, parsed and checked against the report schema."""
    return check_report(json.loads(text))


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a JSON document (its values, not its keys)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
