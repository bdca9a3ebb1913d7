"""The field reference of a file format, written from its JSON Schema.

``docs/rubric-format.md`` and ``docs/answers-format.md`` embed this output between markers, and a
test fails when they differ from it, so the documented format is always the validated one.
"""

from __future__ import annotations

import json
from typing import Any

from civdata.escape import md_with_code
from civdata.mdlayout import lay_out
from civdata.yamlsource import NUMBER_LIMIT

#: The objects of each schema worth a table of their own, in reading order: (title, JSON pointer).
SECTIONS = {
    "rubric": [
        ("The rubric file", ""),
        ("Role (`roles[]`)", "/$defs/role"),
        ("Area (`areas[]`)", "/$defs/area"),
        ("Question (`areas[].questions[]`)", "/$defs/question"),
        ("Option (`options[]`)", "/$defs/option"),
        ("Number band (`bands[]`)", "/$defs/band"),
        ("Finding (`finding`)", "/$defs/finding"),
        ("Rule (`rules[]`)", "/$defs/rule"),
        ("Verdict (`verdicts[]`)", "/$defs/verdict"),
        ("Divergence (`divergence`)", "/$defs/divergence"),
        ("Change (`changes[]`)", "/$defs/change"),
        ("Condition (`when`)", "/$defs/condition"),
    ],
    "answers": [
        ("The answers file", ""),
        ("Rubric reference (`rubric`)", "/properties/rubric"),
        ("Respondent (`respondent`)", "/properties/respondent"),
        ("Answer (`answers.<question-id>` as a mapping)", "/$defs/answer/anyOf/1"),
    ],
    "report": [
        ("The JSON report", ""),
        ('A single respondent\'s report (`"kind": "single"`)', "/allOf/0/then"),
        ('A combined report (`"kind": "combined"`)', "/allOf/0/else"),
        ("Rubric (`rubric`)", "/properties/rubric"),
        ("Gate (`gates.checks[]`)", "/$defs/gate"),
        ("Verdict (`verdict`)", "/properties/verdict"),
        ("Coverage (`coverage`)", "/properties/coverage"),
        ("Finding (`findings[]`, `covered_findings[]`)", "/$defs/finding"),
        ("Source of a finding (`findings[].source`)", "/$defs/finding/properties/source"),
        ("Strength (`strengths[]`)", "/$defs/strength"),
        ("Respondent (`respondents[]`)", "/$defs/respondent"),
        ("Area of a single report (`areas[]`)", "/$defs/assessed_area"),
        ("Question (`areas[].questions[]`)", "/$defs/question"),
        ("Score (`areas[].score`)", "/$defs/score"),
        ("Method (`method`)", "/$defs/method"),
        ("Area of a combined report (`areas[]`)", "/$defs/combined_area"),
        ("Role (`roles[]`)", "/$defs/role"),
        ("Missing role (`missing_roles[]`)", "/$defs/missing_role"),
        ("Divergence (`divergence`)", "/$defs/divergence"),
        ("One respondent's assessment (`detail[]`)", "/$defs/detail"),
    ],
}


def _resolve(schema: dict[str, Any], pointer: str) -> dict[str, Any]:
    node: Any = schema
    for part in [p for p in pointer.split("/") if p]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _follow(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A property's own schema merged over the definition it refers to."""
    if "$ref" in node:
        return {
            **_follow(schema, _resolve(schema, node["$ref"].lstrip("#"))),
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def _literal(value: Any) -> str:
    """A value a schema fixes, as JSON writes it (``true``, ``null``), a text as itself."""
    return value if isinstance(value, str) else json.dumps(value)


def _type(schema: dict[str, Any], node: dict[str, Any]) -> str:
    node = _follow(schema, node)
    if "const" in node:
        return f"`{_literal(node['const'])}`"
    if "enum" in node:
        return " \\| ".join(f"`{_literal(value)}`" for value in node["enum"])
    kinds = node.get("type")
    branches = node.get("anyOf", [])
    if kinds is None and {"type": "null"} in branches and len(branches) == 2:
        return f"{_type(schema, next(b for b in branches if b != {'type': 'null'}))} or blank"
    if kinds is None and branches:
        return "value or mapping"
    names = kinds if isinstance(kinds, list) else [kinds]
    words = {"object": "mapping", "array": "list", "string": "text", "integer": "whole number", "null": "blank"}
    listed = f"list of {_type(schema, node['items'])}" if "items" in node else "list"
    text = " or ".join(listed if name == "array" else words.get(name, name) for name in names if name)
    # The limit on every number (10^15 either way) is civdata's, said once in the docs, not a range.
    low = node["minimum"] if node.get("minimum", -NUMBER_LIMIT) > -NUMBER_LIMIT else None
    high = node["maximum"] if node.get("maximum", NUMBER_LIMIT) < NUMBER_LIMIT else None
    if low is not None and high is not None:
        text += f" ({low:g}-{high:g})"
    elif low is not None:
        text += f" (≥ {low:g})"
    return text or "value"


def render_schema_reference(name: str, schema: dict[str, Any], *, level: int = 3) -> str:
    """Markdown tables of every key of every object in the schema ``name``, each under a heading
    of ``level`` (3 where the docs embed it, under their own headings): the sections of
    :data:`SECTIONS` in their reading order, then every other object the schema defines, however
    deeply nested, titled by where it is (so a new object cannot go undocumented)."""
    lines: list[str] = []
    shown = {id(_resolve(schema, pointer)) for _, pointer in SECTIONS[name]}
    sections = [(title, _resolve(schema, pointer)) for title, pointer in SECTIONS[name]]
    for path, node in _nested_objects(schema, schema, "", set()):
        if id(node) not in shown:
            shown.add(id(node))
            sections.append((f"`{path}`", node))
    for title, section in sections:
        node = _follow(schema, section)
        required = set(node.get("required", []))
        lines += [f"{'#' * level} {title}", ""]
        if node.get("description"):
            lines += [md_with_code(node["description"]), ""]
        lines += ["| Key | Type | Required | Default | Meaning |", "|---|---|---|---|---|"]
        for key, prop in node.get("properties", {}).items():
            followed = _follow(schema, prop)
            default = f"`{json.dumps(followed['default'])}`" if "default" in followed else ""
            meaning = prop.get("description") or followed.get("description", "")
            lines.append(
                f"| `{key}` | {_type(schema, prop)} | {'yes' if key in required else ''} | {default} "
                f"| {md_with_code(meaning)} |"
            )
        lines.append("")
    return lay_out("\n".join(lines))


def _nested_objects(schema: dict[str, Any], node: Any, path: str, followed: set[str]) -> list[tuple[str, Any]]:
    """Every object with ``properties`` reachable from ``node``, each with its place in a document
    (``actions[]``, ``roles[].areas[].spread``), depth first; each reference followed once."""
    if not isinstance(node, dict):
        return []
    found: list[tuple[str, Any]] = []
    reference = node.get("$ref")
    if isinstance(reference, str) and reference not in followed:
        followed.add(reference)
        found += _nested_objects(schema, _resolve(schema, reference.lstrip("#")), path, followed)
    if "properties" in node:
        found.append((path or "(top level)", node))
        for key, prop in node["properties"].items():
            found += _nested_objects(schema, prop, f"{path}.{key}" if path else key, followed)
    if isinstance(node.get("items"), dict):
        found += _nested_objects(schema, node["items"], f"{path}[]", followed)
    for branches in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(branches, []):
            found += _nested_objects(schema, branch, path, followed)
    for key in ("then", "else"):
        found += _nested_objects(schema, node.get(key), path, followed)
    return found


def schema_reference_document(name: str, schema: dict[str, Any]) -> str:
    """The field reference as a document of its own (``civdata schema NAME -f markdown``)."""
    return lay_out(f"# The {name} file format\n\n{render_schema_reference(name, schema, level=2)}")


BEGIN = "<!-- BEGIN GENERATED by `civdata schema {name} --format markdown`; do not edit by hand -->"
END = "<!-- END GENERATED -->"


def replace_generated_block(document: str, name: str, block: str) -> str:
    """``document`` with the text between its generated markers replaced by ``block``."""
    begin = BEGIN.format(name=name)
    start = document.index(begin) + len(begin)
    end = document.index(END, start)
    return document[:start] + "\n\n" + block + "\n" + document[end:]
