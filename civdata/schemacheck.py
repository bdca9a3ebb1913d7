"""Check a YAML document against one of our JSON Schemas and explain each failure in words.

jsonschema's own messages speak of instances and properties. A methodologist or a programme lead
needs to read which question is wrong, what is wrong with it and what would be right, at the line
where it is written. jsonschema is imported here only, and only for a document that is not
valid: the verdict on a valid one comes from :mod:`civdata.schema_subset`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from civdata.dates import iso_date_hint
from civdata.problems import Problem, did_you_mean, quoted_list
from civdata.schema_subset import Check, compile_schema, ecma_pattern
from civdata.versions import meant_version
from civdata.wording import plural
from civdata.yamlsource import YAML11_BOOLEAN_WORDS, DataPath, YamlDocument

_JSON_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "blank",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``name`` (``rubric`` or ``answers``) shipped inside the package.

    Read as a file next to this module, as the bundled rubrics are (:func:`civdata.catalog.bundled_dir`):
    ``importlib.resources`` would cost more than reading it.
    """
    text = (Path(__file__).parent / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator(schema_name: str) -> Any:
    """One compiled jsonschema validator per schema, reused for every file that is not valid."""
    return strict_validator(load_schema(schema_name))


def strict_validator(schema: dict[str, Any], *, check_formats: bool = False) -> Any:
    """A jsonschema validator for ``schema`` that reads ``pattern`` as JSON Schema means it (see
    :func:`civdata.schema_subset.ecma_pattern`), as editors and check-jsonschema do; with
    ``check_formats``, ``format`` (such as ``date``) is checked too, as check-jsonschema does."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    def pattern(validator: Any, regex: str, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not ecma_pattern(regex).search(instance):
            yield ValidationError(f"{instance!r} does not match {regex!r}")

    strict = validators.extend(Draft202012Validator, {"pattern": pattern})
    checker = Draft202012Validator.FORMAT_CHECKER if check_formats else None
    return strict(schema, format_checker=checker)


@cache
def _quick_check(schema_name: str) -> Check | None:
    """The fast verdict for a schema (see :mod:`civdata.schema_subset`), or None to use jsonschema."""
    return compile_schema(load_schema(schema_name))


def is_valid(data: Any, schema_name: str) -> bool:
    """Whether ``data`` is valid against the schema: the fast check, or jsonschema where it cannot tell."""
    check = _quick_check(schema_name)
    if check is not None:
        return check(data)
    return bool(_validator(schema_name).is_valid(data))


def missing_keys_only(data: Any, schema_name: str) -> frozenset[str] | None:
    """The keys ``data`` lacks where the schema requires them, when that is all that is wrong with
    it (None when anything else is): what tells a file written by an earlier civdata, before it
    wrote those keys, from a file gone wrong."""
    missing: set[str] = set()
    for error in _validator(schema_name).iter_errors(data):
        if error.validator != "required" or not isinstance(error.instance, dict):
            return None
        missing.update(key for key in error.validator_value if key not in error.instance)
    return frozenset(missing)


def schema_problems(document: YamlDocument, schema_name: str) -> list[Problem]:
    """Every way ``document`` breaks the schema, as located, readable problems."""
    return [problem for _, problem in located_schema_problems(document, schema_name)]


#: One explained problem and the data path of the value it is about.
_Located = tuple[DataPath, Problem]


def _at(document: YamlDocument, path: DataPath, message: str, *, key: bool = False) -> _Located:
    return path, document.problem(path, message, key=key)


def located_schema_problems(document: YamlDocument, schema_name: str) -> list[tuple[DataPath, Problem]]:
    """Like :func:`schema_problems`, with the data path of each problem, so that later checks can
    leave alone what the schema has already reported.

    Each path is that of the value the problem is about, which may lie deeper than the schema
    error it explains: a note that is not text, in an answer that matches neither form of answer,
    is located at the note, so the answer's value is still checked.

    A valid document (nearly all of them) is recognised without jsonschema; only a document that
    is not valid is walked by jsonschema, whose errors carry the paths the explanations need.
    """
    if is_valid(document.data, schema_name):
        return []
    found: list[tuple[DataPath, Problem]] = []
    errors = list(_validator(schema_name).iter_errors(document.data))
    unknown = _unknown_key_places(errors)
    for error in errors:
        found.extend(_explain(document, error, unknown))
    return found


def _unknown_key_places(errors: list[Any]) -> set[tuple[DataPath, str]]:
    """Each key called unknown (``additionalProperties``) with the path of its mapping: a missing
    key that one of them misspells is said by that key's "did you mean" (:func:`_misspelt_here`)."""
    return {
        (tuple(error.absolute_path), key)
        for error in errors
        if error.validator == "additionalProperties" and isinstance(error.instance, dict)
        for key in _not_allowed(error)
        if isinstance(key, str)
    }


def _not_allowed(error: Any) -> list[Any]:
    """The keys of an ``additionalProperties`` error's mapping its schema does not name."""
    allowed = error.schema.get("properties", {})
    return [key for key in error.instance if key not in allowed]


def _type_name(value: Any) -> str:
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _expected(types: str | list[str]) -> str:
    names = [_JSON_TYPE_NAMES.get(name, name) for name in ([types] if isinstance(types, str) else types)]
    return " or ".join(names)


def describe(document: YamlDocument, path: DataPath) -> str:
    """Name the thing at ``path`` the way a person would: ``option 'no' of question 'x'``."""
    labels: list[str] = []
    node: Any = document.data
    parent_key: Any = None
    for step in path:
        if isinstance(node, list) and isinstance(step, int) and step < len(node):
            item = node[step]
            ident = item.get("id", item.get("value")) if isinstance(item, dict) else None
            kind = {
                "areas": "area",
                "questions": "question",
                "options": "option",
                "rules": "rule",
                "verdicts": "verdict",
                "roles": "role",
                "bands": "band",
                "changes": "change",
                "authors": "author",
            }.get(parent_key, "item")
            labels.append(f"{kind} '{ident}'" if ident is not None else f"{kind} {step + 1}")
        elif isinstance(node, dict) and parent_key == "answers" and path[0] == "answers":
            labels.append(f"the answer to '{step}'")
        elif step in _PARTS:
            labels.append(_PARTS[step])
        node = node[step] if _can_index(node, step) else None
        parent_key = step
    if not labels:
        return "the file"
    # Innermost first, up to the first thing with an id of its own: question ids are unique in
    # a rubric, so "option 'no' of question 'x'" needs no area.
    inner: list[str] = []
    for label in reversed(labels):
        if label in _PARTS.values():
            continue
        inner.append(label)
        if label.split(" ")[0] in ("question", "rule", "verdict", "role", "area", "the"):
            break
    text = " of ".join(inner) if inner else "the file"
    for part in _PARTS.values():
        if part in labels:
            text = f"{part} of {text}" if inner else part
    return text


#: Parts of a question, option, band or rule named by what they are: "the finding of option 'no'
#: of question 'x'" sends the reader into the finding, where "option 'no' of question 'x' is
#: missing 'severity'" would send them to write it beside the option's own keys.
_PARTS = {"when": "the condition", "finding": "the finding"}


def _can_index(node: Any, step: Any) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and step < len(node)


def _explain(
    document: YamlDocument,
    error: Any,
    unknown: set[tuple[DataPath, str]] | frozenset[tuple[DataPath, str]] = frozenset(),
) -> Iterator[_Located]:
    """Every problem one schema error stands for, in words, at its place in the file; ``unknown``
    holds the keys other errors call unknown, with their mapping's path."""
    path: DataPath = tuple(error.absolute_path)
    where = describe(document, path)
    kind = error.validator
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        yield from _unknown_keys(document, error, path, _mapping(where, path))
    elif kind == "required" and isinstance(error.instance, dict):
        called_unknown = {key for place, key in unknown if place == path}
        for key in error.validator_value:
            if key not in error.instance and not _misspelt_here(key, called_unknown):
                yield _at(document, path, f"{_mapping(where, path)} is missing '{key}'")
    elif kind == "anyOf" and _is_condition_schema(error.schema):
        yield from _explain_condition(document, error, path)
    elif kind == "anyOf":
        yield from _explain_any_of(document, error, path, where)
    else:
        yield _at(document, path, _value_message(error, path, where, document.text_as_written(path, error.instance)))


def _misspelt_here(key: str, called_unknown: set[str]) -> bool:
    """Whether one of the keys the schema calls unknown in this mapping (``called_unknown``) is
    ``key`` misspelt (``optoins``): its message says "did you mean 'options'?", which tells the fix,
    and "is missing 'options'" beside it would be a second problem for one typo. Only a key called
    unknown: a schema that takes any key (a JSON report read back) says nothing of the misspelt
    one, and the missing key is then the only problem to say (without it, a baseline missing
    'findings' was read as if it had them, and stopped as a bug in civdata)."""
    return any(other != key and bool(did_you_mean(other, [key])) for other in called_unknown)


def _mapping(where: str, path: DataPath) -> str:
    """The mapping at ``path`` by name: :func:`describe` names things with an id and otherwise
    says "the file", which for a mapping nested under plain keys (``respondent:``, ``rubric:``)
    would send the reader to the top level; name it by its keys instead (``'respondent'``)."""
    if where != "the file" or not path:
        return where
    return "'" + ".".join(str(step) for step in path) + "'"


#: The hint on an unknown key in a condition that takes nothing more beside its known keys.
_COMPLETE_CONDITION = "; the condition is complete without it: remove it, or combine tests with 'all' or 'any'"


def _unknown_keys(document: YamlDocument, error: Any, path: DataPath, where: str) -> Iterator[_Located]:
    value = error.instance
    allowed = list(error.schema.get("properties", {}))
    fitting = allowed
    if _is_condition_schema(error.schema):
        # Only a key that can go beside the others is suggested: any other would be refused too.
        from civdata.conditions import keys_that_fit

        fitting = keys_that_fit(value)
    for key in _not_allowed(error):
        if not fitting:
            hint = _COMPLETE_CONDITION
        else:
            hint = did_you_mean(key, fitting) or f"; allowed keys are {quoted_list(allowed)}" + _answer_hint(
                key, path, allowed
            )
        if value[key] is None and " " in key.strip():
            hint += "; if this is part of a text with a comma, put the whole text in quotes"
        elif value[key] is None:
            hint += "; a comma inside { } starts a new key: put text with commas in quotes"
        place = "at the top level" if where == "the file" else f"in {where}"
        yield _at(document, (*path, key), f"unknown key '{key}' {place}{hint}", key=True)


def _answer_hint(key: object, path: DataPath, allowed: list[str]) -> str:
    """At the top of an answers file, where a question's answer is often written by mistake when
    the lines under ``answers:`` lose their indentation: where it goes. (The rubric is not known
    yet, so whether the key is a question's id is not either.)"""
    if path or not {"answers", "respondent"} <= set(allowed):
        return ""
    return f"; if '{key}' is a question, indent it under 'answers:'"


def _value_message(error: Any, path: DataPath, where: str, written: str) -> str:
    """What is wrong with one value, for the validators that judge a single value; ``written`` is
    the value as the file writes it."""
    field_name = path[-1] if path and isinstance(path[-1], str) else None
    subject = where
    if field_name and not (path[0] == "answers" and len(path) == 2):
        subject = f"'{field_name}'" if where == "the file" else f"'{field_name}' in {where}"
    if field_name == "version" and error.validator == "type" and _type_name(error.instance) == "a number":
        return _version_number_message(subject, written)
    explain = _VALUE_MESSAGES.get(error.validator)
    if explain is None:
        return f"{subject}: {error.message}"
    message = explain(subject, error.instance, error, field_name)
    if error.validator == "type" and error.validator_value == "array" and not isinstance(error.instance, (list, dict)):
        # One value where a list goes ('in: yes', 'roles: lead'): the list it was likely meant to be,
        # written so that YAML reads it back as written ("yes" in quotes, which is not true).
        from civdata.answers_writer import scalar

        item = scalar(error.instance) if isinstance(error.instance, str) else written
        message += f": write it as a list, [{item}]"
        if field_name == "in":
            message += ", or test one answer with 'equals'"
    return message


def _type_message(subject: str, value: Any, error: Any, _: str | None) -> str:
    message = f"{subject} must be {_expected(error.validator_value)}, not {_type_name(value)}"
    wants_boolean = "boolean" in str(error.validator_value)
    if wants_boolean and isinstance(value, str) and value in YAML11_BOOLEAN_WORDS:
        message += f": write true or false instead of '{value}'"
    return message


def _enum_message(subject: str, value: Any, error: Any, _: str | None) -> str:
    choices = error.validator_value
    return f"{subject} is '{value}', which is not one of {quoted_list(choices)}" + did_you_mean(value, choices)


@cache
def _visible() -> re.Pattern[str]:
    """What rubric text must hold, as the schema says it (``$defs/plain_text``, the one definition
    every text of a rubric refers to): a character that is neither a space nor invisible."""
    return ecma_pattern(load_schema("rubric")["$defs"]["plain_text"]["pattern"])


def _blank_message(subject: str, value: Any) -> str | None:
    """Text that shows nothing (empty, or spaces and invisible characters alone): what is wrong, or
    None for text that shows something. A heading would read ``## Verdict:`` and nothing after."""
    if not isinstance(value, str) or _visible().search(value) is not None:
        return None
    if not value:
        return f"{subject} must not be empty"
    return f"{subject} must not be blank: it holds only spaces or invisible characters"


def _not_ascii(value: str) -> str:
    """``; 'і' (U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I) is not one``: the first
    character of an id outside ASCII (a letter of another alphabet that looks like a Latin one, an
    accented letter, a combining accent), named, since the id shown beside it may look valid (the
    review of rubric authoring); nothing when the id breaks the rule otherwise (a space, ``a--b``)."""
    from civdata.initiatives import described

    odd = next((character for character in value if not character.isascii()), None)
    return f"; '{odd}' ({described(odd)}) is not one" if odd else ""


def _pattern_message(subject: str, value: Any, error: Any, field_name: str | None) -> str:
    if error.validator_value == _visible().pattern:  # no "$" in it, so ecma_pattern left it as written
        blank = _blank_message(subject, value)
        if blank is not None:
            return blank
    rule = error.schema.get("description") or f"it must match {error.validator_value}"
    if error.schema is load_schema("rubric")["$defs"]["id"] and isinstance(value, str):
        rule += _not_ascii(value)
    if field_name == "version":
        meant = meant_version(value) if isinstance(value, str) else None
        rule = f"write it as {meant}" if meant else "write it as MAJOR.MINOR.PATCH, such as 1.2.0"
    elif field_name == "date":
        rule = "write it as YYYY-MM-DD" + (iso_date_hint(value) if isinstance(value, str) else "")
    elif field_name == "language" and isinstance(value, str):
        from civdata.i18n import usual_case

        meant = usual_case(value.strip())
        rule = f"write it '{meant}' (a language code, such as en, fr or pt-BR)" if meant else rule
    return f"{subject} is not valid ('{value}'): {rule}"


def _version_number_message(subject: str, written: str) -> str:
    """A version YAML read as a number (``1.2``): quoting it would still not be a version, so say
    the version it stands for, ``"1.2.0"``, when its parts are plain digits."""
    meant = meant_version(written)
    fix = f'write it "{meant}"' if meant else 'write it as text such as "1.0.0"'
    return f"{subject} must be a version, MAJOR.MINOR.PATCH, not the number {written}: {fix}"


def _bound_message(subject: str, value: Any, error: Any, _: str | None) -> str:
    bound = "at least" if "inimum" in error.validator else "at most"
    return f"{subject} is {value}; it must be {bound} {error.validator_value}"


_VALUE_MESSAGES: dict[str, Callable[[str, Any, Any, str | None], str]] = {
    "type": _type_message,
    "enum": _enum_message,
    "const": lambda subject, value, error, _: f"{subject} must be {error.validator_value!r}, not {value!r}",
    "pattern": _pattern_message,
    "minimum": _bound_message,
    "maximum": _bound_message,
    "exclusiveMinimum": _bound_message,
    "exclusiveMaximum": _bound_message,
    "minItems": lambda subject, _, error, __: f"{subject} must list at least {plural(error.validator_value, 'item')}",
    "minLength": lambda subject, *_: f"{subject} must not be empty",
    "minProperties": lambda subject, *_: f"{subject} is empty",
}


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _explain_text(document: YamlDocument, error: Any, path: DataPath, where: str) -> Iterator[_Located]:
    """Rubric text is a string, or the same text by language code: say which part is wrong."""
    value = error.instance
    field_name = path[-1] if path and isinstance(path[-1], str) else "this text"
    subject = f"'{field_name}'" if where == "the file" else f"'{field_name}' in {where}"
    blank = _blank_message(subject, value)
    if blank is not None:
        yield _at(document, path, blank)
        return
    if not isinstance(value, dict):
        yield _at(
            document,
            path,
            f"{subject} must be text, or the same text in several languages such as {{en: ..., fr: ...}}, "
            f"not {_type_name(value)}",
        )
        return
    if not value:
        yield _at(document, path, f"{subject} gives no text in any language")
    for code, text in value.items():
        if not _LANGUAGE_CODE.match(str(code)):
            from civdata.i18n import usual_case

            usual = usual_case(str(code))
            message = (
                f"'{code}' in {subject} is written '{usual}' in a rubric (a language in lower case, a region in "
                "capitals: en, fr, pt-BR)"
                if usual
                else f"'{code}' in {subject} is not a language code such as en, fr or pt-BR"
            )
            if text is None:
                # {en: Ready, for now, fr: ...}: YAML read 'for now' as a key of its own.
                message += (
                    "; if it is the end of the text before it, a comma inside { } started a new key: put that "
                    "whole text in quotes"
                )
            yield _at(document, (*path, code), message, key=True)
        elif not isinstance(text, str) or not text:
            yield _at(document, (*path, code), f"the '{code}' text of {subject} must be non-empty text")
        elif (blank := _blank_message(f"the '{code}' text of {subject}", text)) is not None:
            yield _at(document, (*path, code), blank)


def _is_condition_schema(schema: Any) -> bool:
    """Whether ``schema`` is a rubric's condition, whose ``anyOf`` says which keys go together."""
    return {"question", "score", "all", "any", "not"} <= schema.get("properties", {}).keys()


def _explain_condition(document: YamlDocument, error: Any, path: DataPath) -> Iterator[_Located]:
    """A condition whose keys fit no form of condition: say which form was meant and what it lacks
    or has too many of (:func:`civdata.conditions.shape_problem`). When its known keys would fit,
    or a key no condition has is a typo of one that would make them fit, what is wrong is that
    key, which ``additionalProperties`` reports at its place."""
    from civdata.conditions import keys_that_fit, shape_problem

    condition = error.instance
    if not isinstance(condition, dict):
        return
    known = error.schema.get("properties", {})
    fitting = keys_that_fit(condition)
    if any(key not in known and did_you_mean(key, fitting) for key in condition):
        # A mistyped key ('equal', 'alll') is the one mistake, and its own message names the key
        # meant; that the condition then lacks its test is the same fact told again.
        return
    message = shape_problem(condition)
    if message is not None:
        yield _at(document, path, message)


def _is_text_schema(schema: Any) -> bool:
    return any("patternProperties" in branch for branch in schema.get("anyOf", []) if isinstance(branch, dict))


def _inside_mapping(branch_error: Any, error: Any) -> bool:
    """Whether an error of one ``anyOf`` branch comes from the branch that takes a mapping: the
    mapping's keys, or something inside it."""
    return (
        branch_error.validator == "additionalProperties"
        or "object" in str(branch_error.schema.get("type", ""))
        or len(branch_error.absolute_path) > len(error.absolute_path)
    )


def _explain_any_of(document: YamlDocument, error: Any, path: DataPath, where: str) -> Iterator[_Located]:
    """An answer is either a bare value or a ``{value, note}`` mapping: explain the branch meant.
    Rubric text is a string or a mapping of languages (see :func:`_explain_text`).

    A mapping means the ``{value, note}`` form: every problem inside it is explained (an unknown
    key, a value of the wrong type, a note that is not text), each at its own place, so that all
    are reported at once and later checks know which part was wrong."""
    if _is_text_schema(error.schema):
        yield from _explain_text(document, error, path, where)
        return
    if isinstance(error.instance, dict):
        meant = next((branch for branch in error.context if _inside_mapping(branch, error)), None)
        if meant is not None:
            # Every error of the branch that takes a mapping: all of them, not only the first.
            branch_index = meant.relative_schema_path[0]
            for branch_error in error.context:
                if branch_error.relative_schema_path[0] == branch_index:
                    yield from _explain(document, branch_error)
            return
    yield _at(
        document,
        path,
        f"{where} must be an answer value, a list of values, or a mapping with 'value' and 'note'",
    )
