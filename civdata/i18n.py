"""Rubric text in several languages.

Any text field of a rubric may be a string or a mapping from a language code to a string, as the
bilingual frameworks civil-society groups adapt are written (`{en: Impact level, fr: Niveau
d'incidence}`). Which fields are text is read from the rubric's JSON Schema, the one definition of
the format, so this module never needs a list of its own. A rubric is resolved into one language
when it is loaded; everything after that sees plain strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from civdata.problems import Problem
from civdata.yamlsource import DataPath, YamlDocument

_TEXT_REF = "#/$defs/text"


@cache
def text_keys() -> frozenset[str]:
    """The names of every rubric field whose value is text (and so may be translated)."""
    from civdata.schemacheck import load_schema

    schema = load_schema("rubric")
    keys: set[str] = set()
    objects = [schema, *schema["$defs"].values()]
    for definition in objects:
        for name, field_schema in definition.get("properties", {}).items():
            if field_schema.get("$ref") == _TEXT_REF:
                keys.add(name)
    return frozenset(keys)


def _translations(data: Any) -> list[tuple[DataPath, dict[str, Any]]]:
    """Every translated text in ``data`` (a text field whose value is a mapping), with its path, in
    the document's order. One plain walk, the names of the text fields looked up once: a rubric
    has thousands of values, and loading one walks them all (this is on every command's way)."""
    keys = text_keys()
    found: list[tuple[DataPath, dict[str, Any]]] = []

    def walk(node: Any, path: DataPath) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in keys and isinstance(value, dict):
                    found.append(((*path, key), value))
                elif isinstance(value, (dict, list)):
                    walk(value, (*path, key))
        elif isinstance(node, list):
            for position, item in enumerate(node):
                if isinstance(item, (dict, list)):
                    walk(item, (*path, position))

    walk(data, ())
    return found


def languages_in(data: Any, default: str) -> tuple[str, ...]:
    """The rubric's language first, then every other language some of its text is given in."""
    found = {code for _, mapping in _translations(data) for code in mapping}
    return (default, *sorted(found - {default}))


def missing_language_problems(document: YamlDocument, language: str) -> Iterator[Problem]:
    """A translated text must include the rubric's own language, the one every reader can fall back to."""
    for path, mapping in _translations(document.data):
        if language not in mapping:
            given = ", ".join(sorted(str(code) for code in mapping))
            yield document.problem(
                path,
                f"this text is given in {given} but not in '{language}', the rubric's language; add '{language}' "
                "(or set 'language' to the language the rubric is written in)",
            )


def localize(data: Any, lang: str, default: str) -> Any:
    """``data`` with every translated text replaced by its ``lang`` text, or the default language's."""
    keys = text_keys()

    def resolved(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    value.get(lang, value.get(default)) if key in keys and isinstance(value, dict) else resolved(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [resolved(item) for item in node]
        return node

    return resolved(data)
