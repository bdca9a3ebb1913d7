"""The JSON Schema of the answers to one rubric: ``civdata schema answers --rubric ID``.

The generic answers schema (``civdata/schemas/answers.schema.json``) knows the shape of every
answers file but no rubric: any key is a question, any value an answer. An editor given it can
neither complete a question id nor warn about an option that does not exist. This module writes
the schema of the answers to one rubric, derived from the generic schema and the rubric (never a
copy of either): each question id a property titled and described from the rubric, each option
an enum value, each number bounded, each role and the rubric's id and version fixed.

The schema says what :mod:`civdata.answers_loader` says, as far as JSON Schema can: a file the
loader refuses is refused, a file it accepts is accepted, and ``tests/test_answers_schema.py``
proves it on generated files for every rubric in the repository. Where JSON Schema cannot say
what the loader checks, the schema is more lenient, never stricter; docs/editors.md lists each
case (:data:`DIFFERENCES`).

Rubric text is written into ``description`` as it is, and into ``markdownDescription`` (which
VS Code's YAML extension renders) escaped, like every other text from a file in Markdown.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from civdata.describe import accepted_answer, asked_if_text, roles_text
from civdata.escape import md_code, md_inline
from civdata.model import Option, Question, QuestionType, Rubric
from civdata.schemacheck import load_schema
from civdata.values import NUMBER_TEXT
from civdata.versions import version_key
from civdata.yamlsource import NUMBER_LIMIT, number_problem, plain_scalar

#: What JSON Schema cannot check, where the schema is therefore more lenient than civdata.
DIFFERENCES = (
    'A number answer written as text (`"250"`) is checked to look like a number, not against the '
    "question's range or the size limit.",
    "A scale point written with a decimal point (`3.0`) is refused by civdata, but JSON Schema "
    "treats 3.0 and 3 as the same number.",
    "An answer that YAML reads as a number or `true`/`false` is compared by civdata as written: "
    "`1.50` is not the option `1.5`, `+3` is not `3`. JSON Schema compares the numbers.",
    'The same option twice in a list, once quoted and once not (`[1, "1"]`), is refused by '
    "civdata; JSON Schema sees two different values.",
    "A date that does not exist (`2026-02-31`) is refused only by validators that check "
    "`format: date` (check-jsonschema does).",
)


@cache
def _space_class() -> str:
    """The characters ``str.strip()`` removes, as a regular-expression class that means the same
    in ECMA-262 (editors) and Python: derived from Python, since the loader strips with it."""
    runs: list[list[int]] = []
    # Every space Unicode has is in its first plane (a test checks it): 17 times fewer to look at.
    for code in range(0x10000):
        if chr(code).isspace():
            if runs and runs[-1][1] == code - 1:
                runs[-1][1] = code
            else:
                runs.append([code, code])
    spans = (f"\\u{low:04x}" + (f"-\\u{high:04x}" if high > low else "") for low, high in runs)
    return "[" + "".join(spans) + "]"


def _blank() -> list[dict[str, Any]]:
    """A blank answer (unanswered): nothing, or only spaces (see ``$defs/blank``)."""
    return [{"$ref": "#/$defs/blank"}]


def _blank_definition() -> dict[str, Any]:
    return {
        "description": "Blank: unanswered.",
        "anyOf": [{"type": "null"}, {"type": "string", "pattern": f"^{_space_class()}*$"}],
    }


def _padded(regex: str) -> str:
    """``regex`` as the whole text, with spaces allowed around it (the loader strips them)."""
    space = _space_class()
    return f"^{space}*(?:{regex}){space}*$"


def _readings(value: str | int) -> list[Any]:
    """The values an answer can have in the parsed file and still be ``value`` as written: the
    text itself, and what YAML reads it as when it is written unquoted (``10``, ``true``)."""
    if not isinstance(value, str):
        return [value]
    read = plain_scalar(value)
    if isinstance(read, str) or read is None or number_problem(read) is not None:
        return [value]
    return [value, read]


def _option_enum(question: Question) -> dict[str, Any]:
    values: list[Any] = []
    plain: list[str] = []
    markdown: list[str] = []
    for option in question.options:
        for reading in _readings(option.value):
            values.append(reading)
            plain.append(option.label)
            markdown.append(_option_markdown(option))
    if question.type is QuestionType.YES_NO:
        # The loader reads true and false as yes and no, for the words a question offers.
        for word, boolean in (("yes", True), ("no", False)):
            offered = question.option(word)
            if offered is not None:
                values.append(boolean)
                plain.append(offered.label)
                markdown.append(_option_markdown(offered))
    return {"enum": values, "enumDescriptions": plain, "markdownEnumDescriptions": markdown}


def _option_markdown(option: Option) -> str:
    text = f"{md_code(option.value)}: {md_inline(option.label)}"
    if option.description:
        text += f" — {md_inline(option.description)}"
    return text


def _scale_text(question: Question) -> dict[str, Any]:
    """A scale point written as text: ASCII digits, at most 15 of them, and nothing around them (as
    a number written as text), as the loader reads it."""
    alternatives = []
    for option in question.options:
        point = int(option.value)
        digits = str(abs(point))
        zeros = f"0{{0,{15 - len(digits)}}}"
        if point == 0:
            alternatives.append("[-+]?0{1,15}")
        else:
            alternatives.append(("-" if point < 0 else "\\+?") + zeros + digits)
    return {"type": "string", "pattern": f"^(?:{'|'.join(alternatives)})$"}


def _number(question: Question) -> list[dict[str, Any]]:
    low = -NUMBER_LIMIT if question.minimum is None else max(question.minimum, -NUMBER_LIMIT)
    high = NUMBER_LIMIT if question.maximum is None else min(question.maximum, NUMBER_LIMIT)
    number = {"type": "integer" if question.integer else "number", "minimum": low, "maximum": high}
    # The number alone: the loader does not strip the text (see civdata.values.number_from_text).
    as_text = {"type": "string", "pattern": f"^(?:{NUMBER_TEXT.pattern})$"}
    return [number, as_text]


def _exclusive_rules(question: Question) -> list[dict[str, Any]]:
    """An option that must stand alone ("none of these"): a list holding it holds nothing else."""
    return [
        {"if": {"contains": {"enum": _readings(option.value)}}, "then": {"maxItems": 1}}
        for option in question.options
        if option.exclusive
    ]


def value_schema(question: Question) -> dict[str, Any]:
    """What an answers file may write as the value of ``question`` (blank included)."""
    kind = question.type
    typed: list[dict[str, Any]]
    if kind is QuestionType.TEXT:
        typed = [{"type": ["string", "boolean"]}, {"type": "number", "minimum": -NUMBER_LIMIT, "maximum": NUMBER_LIMIT}]
    elif kind is QuestionType.NUMBER:
        typed = _number(question)
    elif kind is QuestionType.SCALE:
        typed = [_option_enum(question), _scale_text(question)]
    elif kind is QuestionType.MULTIPLE_CHOICE:
        items = {"type": "array", "items": _option_enum(question), "uniqueItems": True}
        rules = _exclusive_rules(question)
        typed = [{**items, "allOf": rules} if rules else items, _option_enum(question)]
    else:
        typed = [_option_enum(question)]
    return {"anyOf": [*_blank(), *typed]}


def _question_text(question: Question, rubric: Rubric) -> tuple[str, str]:
    """The description of a question's key, as plain text and as escaped Markdown."""
    plain = [question.prompt]
    markdown = [f"**{md_inline(question.title)}**", md_inline(question.prompt)]
    if question.help:
        plain.append(f"Why it matters: {question.help}")
        markdown.append(f"*Why it matters:* {md_inline(question.help)}")
    asked = roles_text(question, rubric)
    if asked:
        plain.append(f"Asked of: {asked}.")
        markdown.append(f"Asked of: {md_inline(asked)}.")
    asked_if = asked_if_text(question, rubric)
    if asked_if is not None:
        plain.append(asked_if)
        markdown.append(md_inline(asked_if))
    answer = accepted_answer(question)
    plain.append(f"Answer: {answer}" + (":" if question.options else "."))
    markdown.append(f"Answer: {md_inline(answer)}" + (":" if question.options else "."))
    if question.options:
        plain.extend(f"- {option.value}: {option.label}" for option in question.options)
        markdown.append("\n".join(f"- {_option_markdown(option)}" for option in question.options))
    plain.append("Blank: unanswered. With a note: a mapping with `value` and `note`.")
    markdown.append("Blank: unanswered. With a note: a mapping with `value` and `note`.")
    return "\n\n".join(plain), "\n\n".join(markdown)


def answers_schema(rubric: Rubric) -> dict[str, Any]:
    """The JSON Schema of an answers file for ``rubric`` (its version, its questions, its roles)."""
    generic = load_schema("answers")
    schema = copy.deepcopy(generic)
    schema.pop("$id", None)
    schema["title"] = f"civdata answers to {rubric.title} ({rubric.id} {rubric.version})"
    properties = schema["properties"]
    reference = properties["rubric"]["properties"]
    reference["id"]["const"] = rubric.id
    major, minor, _ = version_key(rubric.version)
    reference["version"]["pattern"] = f"^{major}\\.{minor}\\.(0|[1-9][0-9]*)$"
    reference["version"]["description"] += f" Answers for {major}.{minor}.x are scored with {rubric.version}."
    role = properties["respondent"]["properties"]["role"]
    roles = [known.id for known in rubric.roles]
    role["anyOf"] = [
        *_blank(),
        {"enum": roles, "enumDescriptions": [known.label for known in rubric.roles]},
        # The loader strips the spaces around a role; ids hold letters, digits, -, _ and ".".
        {"type": "string", "pattern": _padded("|".join(known.replace(".", "\\.") for known in roles))},
    ]
    role["description"] += " This rubric's roles: " + ", ".join(f"{r.id} ({r.label})" for r in rubric.roles) + "."
    properties["date"]["format"] = "date"
    answers = properties["answers"]
    answers["additionalProperties"] = False
    answers["description"] += " Only the rubric's question ids: any other key is an error."
    note = generic["$defs"]["answer"]["anyOf"][1]["properties"]["note"]
    answers["properties"] = {question.id: _answer_property(question, rubric, note) for question in rubric.questions}
    schema["$defs"] = {"blank": _blank_definition()}
    schema["$defs"].update({f"value-of-{question.id}": value_schema(question) for question in rubric.questions})
    return schema


def _answer_property(question: Question, rubric: Rubric, note: dict[str, Any]) -> dict[str, Any]:
    plain, markdown = _question_text(question, rubric)
    value = {"$ref": f"#/$defs/value-of-{question.id}"}
    with_note = {"type": "object", "additionalProperties": False, "properties": {"value": value, "note": note}}
    return {
        "title": question.title,
        "description": plain,
        "markdownDescription": markdown,
        "anyOf": [value, with_note],
    }
