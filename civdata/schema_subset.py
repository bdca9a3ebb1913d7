"""A fast yes or no: is a document valid against one of our JSON Schemas?

Almost every file civdata reads is valid, and for a valid file the only question is "valid?".
jsonschema answers it, but importing it and walking a rubric with it costs more than the rest of
a report (docs/performance.md). This module compiles a schema into plain Python checks, once,
for the subset of JSON Schema (draft 2020-12) that our two schemas use. It answers only valid or
not valid: on "not valid", :mod:`civdata.schemacheck` runs jsonschema for the located, explained
problems, so every message still comes from one place.

The schema files stay the one source of truth: nothing here knows a field of the formats. A
schema that uses a keyword this module does not implement is not compiled at all
(:func:`compile_schema` returns None), and jsonschema does all the work. ``tests/
test_schema_subset.py`` proves the verdicts equal jsonschema's over the good and bad corpora,
mutated files and generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: A compiled check: True when the value is valid.
Check = Callable[[Any], bool]

#: Keywords that only describe (annotations) or hold definitions: nothing to check.
_IGNORED = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"})

#: A ``$`` that ends a pattern (not an escaped ``\\$``): the end of the text, ``\\Z`` in Python.
END_OF_TEXT = re.compile(r"(?<!\\)\$$")


def ecma_pattern(regex: str) -> re.Pattern[str]:
    """``pattern`` as JSON Schema means it (ECMA-262, where ``$`` is the end of the text), not as
    Python's ``re`` reads it, where ``$`` also matches before a final newline: otherwise a date
    written ``"2026-02-01\\n"`` would pass ``^[0-9]{4}-[0-9]{2}-[0-9]{2}$``."""
    return re.compile(END_OF_TEXT.sub(r"\\Z", regex))


class Unsupported(Exception):
    """The schema uses something this module does not implement: leave it to jsonschema."""


def compile_schema(schema: dict[str, Any]) -> Check | None:
    """A check for ``schema``, or None when it uses a keyword this module does not know."""
    try:
        return _Compiler(schema).compile(schema)
    except Unsupported:
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


#: JSON Schema's types as jsonschema reads Python values (a bool is never a number; 1.0 is an integer).
_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    "integer": _is_integer,
}


def equal(one: Any, two: Any) -> bool:
    """Equality as JSON Schema means it for ``const`` and ``enum``: true is not 1, 1.0 is 1."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(equal(one[key], two[key]) for key in one)
    if isinstance(one, (list, dict)) or isinstance(two, (list, dict)):
        return False
    return bool(one == two)


class _Compiler:
    """Turns each schema object into one function that runs its keywords' checks in turn."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.references: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema must be an object or a boolean, not {schema!r}")
        checks = [check for keyword in schema if (check := self._keyword(keyword, schema)) is not None]
        if schema.keys() <= _SCALARS_BY_TYPE_ALONE:
            return _by_scalar_type(_all_of_checks(checks))
        return _all_of_checks(checks)

    def _keyword(self, keyword: str, schema: dict[str, Any]) -> Check | None:
        if keyword in _IGNORED or keyword in ("then", "else"):  # then and else belong to if
            return None
        build = _KEYWORDS.get(keyword)
        if build is None:
            raise Unsupported(f"keyword {keyword!r}")
        return build(self, schema[keyword], schema)

    def reference(self, target: str) -> Check:
        """A ``$ref`` inside the same document (``#/$defs/NAME``); references may be recursive."""
        if not target.startswith("#/"):
            raise Unsupported(f"$ref {target!r}")
        if target not in self.references:
            self.references[target] = lambda value: compiled(value)  # a recursive reference finds itself
            node: Any = self.root
            for part in target[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, dict) or part not in node:
                    raise Unsupported(f"$ref {target!r} points nowhere")
                node = node[part]
            compiled = self.compile(node)
            self.references[target] = compiled
        return self.references[target]


#: Keywords that judge a scalar (text, a whole number, a boolean, null) by its type alone: the
#: others look only inside a mapping or a list. Not ``$ref``, ``anyOf`` and the like, which may
#: lead to any keyword, nor a float, which "integer" judges by its value (1.0 is one, 1.5 not).
_SCALARS_BY_TYPE_ALONE = _IGNORED | {
    "type",
    "items",
    "properties",
    "patternProperties",
    "additionalProperties",
    "required",
    "minItems",
    "minProperties",
    "maxProperties",
    "propertyNames",
}
#: One value of each type of scalar :data:`_SCALARS_BY_TYPE_ALONE` judges by its type.
_SCALAR_SAMPLES: dict[type, Any] = {str: "", int: 0, bool: False, type(None): None}


def _by_scalar_type(check: Check) -> Check:
    """``check``, with its verdict on each type of scalar worked out once, when the schema is
    compiled: an answer's value is a scalar nearly always, thousands in a file. Memoized by the
    exact type (``type(True)`` is bool, not int); a list, a mapping or a float is checked."""
    verdicts = {kind: check(sample) for kind, sample in _SCALAR_SAMPLES.items()}

    def by_type(value: Any) -> bool:
        verdict = verdicts.get(type(value))
        return check(value) if verdict is None else verdict

    return by_type


def _all_of_checks(checks: list[Check]) -> Check:
    """One check that passes when every one of ``checks`` does (the common sizes without a loop:
    an answers file has thousands of values, each checked this way)."""
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)

    return lambda value: all(each(value) for each in checks)


def _type(compiler: _Compiler, types: Any, schema: dict[str, Any]) -> Check:
    names = {types} if isinstance(types, str) else set(types)
    if not names <= _TYPES.keys():
        raise Unsupported(f"type {types!r}")
    if len(names) == 1:
        return _TYPES[next(iter(names))]
    null, boolean = "null" in names, "boolean" in names
    whole_floats = "integer" in names and "number" not in names
    classes = tuple(
        kind
        for name, kinds in (("object", (dict,)), ("array", (list,)), ("string", (str,)), ("number", (int, float)))
        if name in names
        for kind in kinds
    ) + ((int,) if whole_floats else ())

    def check(value: Any) -> bool:
        if value is None:
            return null
        if isinstance(value, bool):
            return boolean
        return isinstance(value, classes) or (whole_floats and isinstance(value, float) and value.is_integer())

    return check


def _properties(compiler: _Compiler, properties: dict[str, Any], schema: dict[str, Any]) -> Check:
    compiled = [(name, compiler.compile(subschema)) for name, subschema in properties.items()]

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(valid(value[name]) for name, valid in compiled if name in value)

    return check


def _pattern_properties(compiler: _Compiler, patterns: dict[str, Any], schema: dict[str, Any]) -> Check:
    compiled = [(re.compile(pattern), compiler.compile(subschema)) for pattern, subschema in patterns.items()]

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(
            valid(item) for regex, valid in compiled for key, item in value.items() if regex.search(key) is not None
        )

    return check


def _additional_properties(compiler: _Compiler, additional: Any, schema: dict[str, Any]) -> Check:
    """Keys neither in ``properties`` nor matching a ``patternProperties`` pattern, as jsonschema finds them."""
    named = frozenset(schema.get("properties", {}))
    patterns = "|".join(schema.get("patternProperties", {}))
    matcher = re.compile(patterns) if patterns else None

    def extra(key: str) -> bool:
        return key not in named and (matcher is None or matcher.search(key) is None)

    if additional is False:
        return lambda value: not isinstance(value, dict) or not any(extra(key) for key in value)
    if not isinstance(additional, dict):
        return lambda value: True
    each = compiler.compile(additional)
    if not named and matcher is None:
        # Every key is extra (the answers of an answers file, keyed by question): each value is
        # checked without asking of each key.
        return lambda value: not isinstance(value, dict) or all(map(each, value.values()))

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(each(item) for key, item in value.items() if extra(key))

    return check


def _required(compiler: _Compiler, names: list[str], schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


def _items(compiler: _Compiler, items: Any, schema: dict[str, Any]) -> Check:
    each = compiler.compile(items)
    return lambda value: not isinstance(value, list) or all(map(each, value))


def _any_of(compiler: _Compiler, branches: list[Any], schema: dict[str, Any]) -> Check:
    compiled = [compiler.compile(branch) for branch in branches]
    if len(compiled) == 2:  # an answer is its value or a mapping with it: the usual size, without a loop
        first, second = compiled
        return lambda value: first(value) or second(value)
    return lambda value: any(check(value) for check in compiled)


def _all_of(compiler: _Compiler, branches: list[Any], schema: dict[str, Any]) -> Check:
    return _all_of_checks([compiler.compile(branch) for branch in branches])


def _if(compiler: _Compiler, condition: Any, schema: dict[str, Any]) -> Check:
    test = compiler.compile(condition)
    then = compiler.compile(schema.get("then", True))
    otherwise = compiler.compile(schema.get("else", True))
    return lambda value: then(value) if test(value) else otherwise(value)


def _ref(compiler: _Compiler, target: str, schema: dict[str, Any]) -> Check:
    return compiler.reference(target)


def _const(compiler: _Compiler, expected: Any, schema: dict[str, Any]) -> Check:
    return lambda value: equal(value, expected)


def _enum(compiler: _Compiler, choices: list[Any], schema: dict[str, Any]) -> Check:
    return lambda value: any(equal(value, choice) for choice in choices)


def _pattern(compiler: _Compiler, regex: str, schema: dict[str, Any]) -> Check:
    compiled = ecma_pattern(regex)
    return lambda value: not isinstance(value, str) or compiled.search(value) is not None


def _min_length(compiler: _Compiler, least: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, str) or len(value) >= least


def _min_items(compiler: _Compiler, least: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, list) or len(value) >= least


def _min_properties(compiler: _Compiler, least: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, dict) or len(value) >= least


def _max_properties(compiler: _Compiler, most: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, dict) or len(value) <= most


def _property_names(compiler: _Compiler, names: Any, schema: dict[str, Any]) -> Check:
    """Every key of a mapping is valid against ``names`` (a key is always text in our files)."""
    each = compiler.compile(names)
    return lambda value: not isinstance(value, dict) or all(each(key) for key in value)


def _minimum(compiler: _Compiler, bound: float, schema: dict[str, Any]) -> Check:
    return lambda value: not _is_number(value) or not value < bound


def _maximum(compiler: _Compiler, bound: float, schema: dict[str, Any]) -> Check:
    return lambda value: not _is_number(value) or not value > bound


_KEYWORDS: dict[str, Callable[[_Compiler, Any, dict[str, Any]], Check]] = {
    "type": _type,
    "properties": _properties,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
    "required": _required,
    "items": _items,
    "anyOf": _any_of,
    "allOf": _all_of,
    "if": _if,
    "$ref": _ref,
    "const": _const,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _min_length,
    "minItems": _min_items,
    "minProperties": _min_properties,
    "maxProperties": _max_properties,
    "propertyNames": _property_names,
    "minimum": _minimum,
    "maximum": _maximum,
}
