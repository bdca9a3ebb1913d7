"""Rubric text in several languages.

Any text field of a rubric may be a string or a mapping from a language code to a string, as the
bilingual frameworks civil-society groups adapt are written (`{en: Impact level, fr: Niveau
d'incidence}`). Which fields are text is read from the rubric's JSON Schema, the one definition of
the format, so this module never needs a list of its own. A rubric is resolved into one language
when it is loaded; everything after that sees plain strings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from civdata.problems import Problem, one_slip_from
from civdata.wording import plural, quoted_and_list
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


@cache
def _language_code() -> re.Pattern[str]:
    """What the rubric's JSON Schema accepts as its ``language``, the one definition of it."""
    from civdata.schemacheck import load_schema

    return re.compile(load_schema("rubric")["properties"]["language"]["pattern"])


def usual_case(code: str) -> str | None:
    """``code`` written as a rubric writes language codes (``FR`` -> ``fr``, ``pt_br`` ->
    ``pt-BR``, ``zh-hant`` -> ``zh-Hant``), or None when it is no language code in any case."""
    first, *rest = code.replace("_", "-").split("-")
    parts = [first.lower()] + [
        part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower() for part in rest
    ]
    written = "-".join(parts)
    return written if written != code and is_language_code(written) else None


def is_language_code(value: object) -> bool:
    """Whether ``value`` is a language a rubric may be written in: a text given in several
    languages is checked against it only then, as ``EN`` (refused at ``language`` itself) would
    otherwise make every translated text a problem of its own, with advice that cannot work."""
    return isinstance(value, str) and _language_code().search(value) is not None


def _translations(data: Any) -> list[tuple[DataPath, dict[str, Any]]]:
    """Every translated text in ``data`` (a text field whose value is a mapping), with its path, in
    the document's order (:func:`text_fields`, less those given as one plain string)."""
    return [(path, value) for path, value in text_fields(data) if isinstance(value, dict)]


def text_fields(data: Any) -> list[tuple[DataPath, Any]]:
    """Every text of ``data``, translated or not (a plain string is in the rubric's own language),
    with its path, in the document's order. One plain walk, the names of the text fields looked up
    once: a rubric has thousands of values, and loading one walks them all (this is on every
    command's way)."""
    keys = text_keys()
    found: list[tuple[DataPath, Any]] = []

    def walk(node: Any, path: DataPath) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in keys and isinstance(value, (str, dict)):
                    found.append(((*path, key), value))
                elif isinstance(value, (dict, list)):
                    walk(value, (*path, key))
        elif isinstance(node, list):
            for position, item in enumerate(node):
                if isinstance(item, (dict, list)):
                    walk(item, (*path, position))

    walk(data, ())
    return found


def matching_language(lang: str, languages: Iterable[str], *, fallback: bool = True) -> str | None:
    """The language of ``languages`` that ``--lang lang`` asks for, or None when there is none: the
    same code, in any letter case (language tags are case-insensitive, RFC 5646: ``FR`` is ``fr``,
    ``pt-br`` and ``pt_BR``, as a system's locale is named, are ``pt-BR``); with ``fallback``, else
    the language ``lang`` is a variant of, its last subtag dropped until one is found (RFC 4647's
    lookup: ``fr-CA`` reads a rubric in ``fr``, ``zh-Hant-TW`` one in ``zh-Hant``, then ``zh``),
    as a person asking for Canadian French would rather read French than be refused. ``rubric
    validate --lang`` checks a translation itself, without fallback: ``fr-CA`` may be the one
    being written."""
    known = {code.lower(): code for code in languages}
    wanted = lang.lower().replace("_", "-")  # fr_CA as a system's locale names it
    while wanted not in known:
        if not fallback:
            return None
        if "-" not in wanted:
            # A language of a macrolanguage (ISO 639-3): Dari, 'prs', reads a rubric in Persian, 'fa'.
            wider = MACROLANGUAGES.get(wanted)
            return known.get(wider) if wider else None
        wanted = wanted.rsplit("-", 1)[0]
    return known[wanted]


#: The macrolanguage (ISO 639-3) of individual languages civil-society teams work in, each written
#: under its macrolanguage's code in most rubrics: Dari and Iranian Persian are Persian (``fa``),
#: Egyptian, Levantine, Moroccan and Mesopotamian Arabic and Standard Arabic are Arabic, Sorani and
#: Kurmanji are Kurdish, Mandarin and Cantonese are Chinese, Coastal and Congo Swahili are Swahili.
MACROLANGUAGES = {
    "prs": "fa",
    "pes": "fa",
    "arb": "ar",
    "arz": "ar",
    "apc": "ar",
    "ary": "ar",
    "acm": "ar",
    "ckb": "ku",
    "kmr": "ku",
    "cmn": "zh",
    "yue": "zh",
    "swh": "sw",
    "swc": "sw",
}


def languages_in(data: Any, default: str) -> tuple[str, ...]:
    """The rubric's language first, then every other language some of its text is given in."""
    return _languages_of(_translations(data), default)


def _languages_of(translated: list[tuple[DataPath, dict[str, Any]]], default: str) -> tuple[str, ...]:
    found = {code for _, mapping in translated for code in mapping}
    return (default, *sorted(found - {default}))


def language_lists(data: Any, default: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`languages_in` and :func:`widely_used_languages` together, from one walk of ``data``:
    loading a rubric needs both, and walking its thousands of values is a good part of a one-file
    report's own time."""
    translated = _translations(data)
    languages = _languages_of(translated, default)
    rare = _rare_of(translated, default)
    return languages, tuple(code for code in languages if code not in rare)


def missing_language_problems(document: YamlDocument, language: str) -> Iterator[Problem]:
    """A translated text must include the rubric's own language, the one every reader can fall back
    to (unless it does, written in another case, which the schema check tells)."""
    for path, mapping in _translations(document.data):
        if language not in mapping and not any(usual_case(str(code)) == language for code in mapping):
            # 'EN' for 'en' is told at that key, with the code to write: one mistake, one message.
            given = ", ".join(sorted(str(code) for code in mapping))
            yield document.problem(
                path,
                f"this text is given in {given} but not in '{language}', the rubric's language; add '{language}' "
                "(or set 'language' to the language the rubric is written in)",
            )


#: A language no more texts than this give, where most translated texts give others, is likelier a
#: typo of a language code (``ra`` for ``ar``) than a translation: see :func:`rare_languages`.
RARE_TEXTS = 3


def rare_languages(data: Any, default: str) -> dict[str, int]:
    """The languages, with how many texts give them, that look like a misspelt code rather than a
    translation: given by at most :data:`RARE_TEXTS` texts and by fewer than half of the texts
    translated at all. Text falls back to the rubric's language field by field, so a misspelt code
    silently leaves its text untranslated and adds a language that is all fallback; a translation
    begun in earnest gives more texts than a slip of the keys does. The rubric's own language is
    never rare (every translated text must give it)."""
    return _rare_of(_translations(data), default)


def _rare_of(translated: list[tuple[DataPath, dict[str, Any]]], default: str) -> dict[str, int]:
    uses = Counter(str(code) for _, mapping in translated for code in mapping)
    return {
        code: count
        for code, count in uses.items()
        if code != default and count <= RARE_TEXTS and count * 2 < len(translated)
    }


def widely_used_languages(data: Any, default: str) -> tuple[str, ...]:
    """The rubric's languages but the rare ones (:func:`rare_languages`): its own first."""
    rare = rare_languages(data, default)
    return tuple(code for code in languages_in(data, default) if code not in rare)


def rare_language_problems(document: YamlDocument, language: str) -> Iterator[Problem]:
    """A language code only a few texts give (:func:`rare_languages`), at each text that gives it
    in place of a language the rubric's other texts give, one slip of the keys from it: likely a
    typo (``{fr: ..., ra: ...}`` where the others read ``{fr: ..., ar: ...}``). A text that gives
    every such language and one more, or a code no slip from any it lacks, is a translation begun
    (a rubric may translate only its title, or begin a language where another is partial): it is
    allowed, as any partial translation is, and only left out of a form's default languages."""
    rare = rare_languages(document.data, language)
    if not rare:
        return
    wide = widely_used_languages(document.data, language)
    for path, mapping in _translations(document.data):
        lacking = [code for code in wide if code not in mapping]
        for code in (str(code) for code in mapping if is_language_code(code)):
            # A code that is none (FR) is refused as such by the schema check, once.
            # Only a slip of the keys from a language this text lacks: a German begun where the
            # Spanish is itself partial ('de' beside a text without 'es') replaces nothing.
            meant = one_slip_from(code, lacking) if code in rare else None
            if meant is None:
                continue
            yield document.problem(
                (*path, code),
                f"'{code}' is in {plural(rare[code], 'text')} only, where the rubric's translated texts are "
                f"in {quoted_and_list(wide)}; did you mean '{meant}'? Otherwise, a translation into '{code}' is "
                f"taken for a typo until more than {RARE_TEXTS} texts, or half of the translated ones, give it",
                key=True,
            )


def missing_translation_problems(document: YamlDocument, lang: str, language: str) -> Iterator[Problem]:
    """Every text of the rubric not given in ``lang``, for ``civdata rubric validate --lang``: a
    partial translation is allowed (the missing texts fall back to the rubric's ``language``), but
    a methodologist finishing one needs to know which texts are left, and where."""
    from civdata.schemacheck import describe

    for path, value in text_fields(document.data):
        given = [str(code) for code in value] if isinstance(value, dict) else [language]
        if lang in given:
            continue
        field = str(path[-1])
        where = describe(document, path[:-1])
        subject = f"the rubric's {field}" if where == "the file" else f"the {field} of {where}"
        has = f"'{given[0]}' only" if len(given) == 1 else quoted_and_list(given)
        yield document.problem(
            path,
            f"{subject} has no '{lang}' text (it has {has}); add it, or the report and the form show it "
            f"in '{language}'",
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
