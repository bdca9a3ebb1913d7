"""Load a rubric file: YAML -> JSON Schema -> consistency checks -> one language -> the model.

The schema settles the shape; ``rubric_checks`` checks what only the whole rubric can tell. Every
problem is collected; the model is built only from a rubric with none, so everything after the
loader can trust it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from civdata.catalog import is_bundled_file, is_verified, rubric_file_label, verified_content
from civdata.conditions import OPERATORS, SCORE_KEY
from civdata.i18n import (
    language_lists,
    languages_in,
    localize,
    matching_language,
    missing_translation_problems,
)
from civdata.model import (
    YES_NO_LABELS,
    ActBy,
    AllOf,
    AnyOf,
    Area,
    Band,
    Change,
    Compare,
    Condition,
    Direction,
    FindingSpec,
    Not,
    Option,
    Question,
    QuestionType,
    Role,
    Rubric,
    Rule,
    ScoreTest,
    Severity,
    Verdict,
    yes_no_label,
)
from civdata.problems import InputError, Problem, did_you_mean, quoted_list
from civdata.rubric_data import is_unknown_option, yes_no_word
from civdata.schemacheck import schema_problems
from civdata.yamlsource import YamlDocument, read_yaml_file, worth_checking


def load_rubric(path: Path, source: str | None = None, *, lang: str | None = None) -> Rubric:
    """Read, check and build the rubric at ``path`` in language ``lang`` (default: its own);
    raise :class:`InputError` with every problem.

    The model names the file as reports show it (``source`` if given, else ``bundled: NAME.yaml``
    or the path as given) and carries the SHA-256 of the bytes read. The bytes of a bundled rubric
    the tests checked are not parsed again (see :func:`civdata.catalog.verified_content`).
    """
    document, problems = read_yaml_file(path, source, role="the rubric", known=verified_content)
    rubric = rubric_from_document(document, problems, lang=lang, label=source or rubric_file_label(path))
    return replace(rubric, bundled=is_bundled_file(path))


def rubric_from_document(
    document: YamlDocument,
    problems: list[Problem] | None = None,
    *,
    lang: str | None = None,
    label: str | None = None,
) -> Rubric:
    """Check a parsed rubric and build its model. ``problems`` are those found while parsing;
    when the YAML was readable at all, the remaining checks still run so that every mistake is
    reported in one go. A file whose bytes are those of a bundled rubric the tests checked in full
    is not checked again (see :func:`civdata.catalog.is_verified`)."""
    problems = list(problems or [])
    trusted = not problems and is_verified(document.sha256)  # a bundled rubric's bytes, checked by the tests
    checked = not trusted and (worth_checking(document) or not problems)
    if checked:
        problems.extend(problems_before_building(document))
    if problems:
        raise InputError(problems)
    language = document.data.get("language", "en")
    languages = language_lists(document.data, language)
    # An empty --lang is refused as any unknown one is.
    chosen = language if lang is None else (matching_language(lang, languages[0]) or lang)
    source = label or document.source
    # Built once, in the language asked for (or its own, when it has no text in that one, to judge
    # its scores before saying so): the scores no answers reach are judged on this same model.
    shown = chosen if chosen in languages[0] else language
    rubric = _built(document, shown, source, languages)
    if checked:
        problems = _unreachable_score_problems(document, rubric)
        if problems:
            raise InputError(problems)
    if chosen not in languages[0]:
        raise InputError([unknown_language_problem(source, chosen, languages[0])])
    return rubric


def unknown_language_problem(source: str, lang: str, languages: tuple[str, ...]) -> Problem:
    """``--lang`` naming a language the rubric ``source`` has no text in: one message, whichever
    command is given it, so a reader learns it once."""
    return Problem(
        source,  # named as every other message names it (bundled: NAME.yaml)
        0,
        0,
        f"this rubric has no text in '{lang}'; it is written in {quoted_list(languages)}: choose one with --lang"
        + (did_you_mean(lang, languages) or _variants_hint(lang, languages)),
    )


def _variants_hint(lang: str, languages: tuple[str, ...]) -> str:
    """``; did you mean 'fr-CA'?`` for ``--lang fr`` on a rubric written in Canadian French only:
    a variant is not read for the language it varies (``fr-CA`` text may not suit all French
    readers), but it may be the one meant."""
    variants = [code for code in languages if code.lower().startswith(f"{lang.lower()}-")]
    return f"; did you mean {' or '.join(repr(code) for code in variants)}?" if lang and variants else ""


def load_rubric_to_publish(path: Path, langs: list[str]) -> Rubric:
    """:func:`load_rubric`, and what a methodologist settles before publishing a rubric, for
    ``civdata rubric validate``: every text of it given in each of ``langs``
    (:func:`translation_problems`), no invisible character in its text or option values that
    every output would spell out (:mod:`civdata.rubric_checks.texts`), and its version recorded in
    its ``changes`` when it keeps them (:func:`~civdata.rubric_checks.verdicts.check_version_recorded`).
    Raise :class:`InputError` with every problem at once, these beside the rubric's other problems
    where they can be told.

    None stops a rubric from being used: a partial translation falls back to the rubric's own
    language, and an invisible character is shown spelled out, as any text from a file is. The
    file is parsed even when its bytes are a bundled rubric's, so that each is located; it is read
    once, as standard input can be.
    """
    document, problems = read_yaml_file(path, role="the rubric")
    label = rubric_file_label(path)
    try:
        rubric = rubric_from_document(document, problems, label=label)
    except InputError as error:
        raise InputError([*error.problems, *_publishing_problems(document, langs, label)]) from None
    found = _publishing_problems(document, langs, label)
    if found:
        raise InputError(found)
    return replace(rubric, bundled=is_bundled_file(path))


def _publishing_problems(document: YamlDocument, langs: list[str], source: str) -> list[Problem]:
    from civdata.rubric_checks.index import index_rubric
    from civdata.rubric_checks.texts import check_invisible_characters
    from civdata.rubric_checks.verdicts import check_patch_questions, check_version_recorded

    found = translation_problems(document, langs, source) if langs else []
    if worth_checking(document) and isinstance(document.data, dict):
        index = index_rubric(document)
        found += [*check_invisible_characters(index), *check_version_recorded(index), *check_patch_questions(index)]
    return found


def translation_problems(document: YamlDocument, langs: list[str], source: str) -> list[Problem]:
    """Every text of a rubric document not given in each of ``langs``, and each of ``langs`` no
    text is given in (named ``source``), whatever else is wrong with the rubric: only the texts and
    the rubric's ``language`` are read, so a rubric the schema refuses is walked as safely. A file
    not read (or not as written) has nothing checked in it, this with the rest. A ``language`` that
    is not text leaves no language for the plain texts: the check is not run, and a problem at it
    says so, so that no one takes the silence for a complete translation."""
    data = document.data
    if not worth_checking(document) or not isinstance(data, dict):
        return []
    language = data.get("language", "en")
    codes = list(dict.fromkeys(langs))
    if not isinstance(language, str):
        return [
            document.problem(
                ("language",),
                f"the texts not given in {quoted_list(codes)} are not listed: a text written as one string is "
                "in the rubric's language, and this is no language code; write one, such as 'en', and validate again",
            )
        ]
    languages = languages_in(data, language)
    found: list[Problem] = []
    for code in (matching_language(given, languages, fallback=False) or given for given in codes):
        if code not in languages:
            found.append(_untranslated_problem(source, code, language, languages))
        else:
            found.extend(missing_translation_problems(document, code, language))
    return found


def _untranslated_problem(source: str, code: str, language: str, languages: tuple[str, ...]) -> Problem:
    """``rubric validate --lang CODE`` for a language the rubric has no text in: a slip for one it
    has (``FR``) is said as every command says it; else it is a translation not started, which
    the person means to start, so say how, rather than "choose one with --lang"."""
    if did_you_mean(code, languages):
        return unknown_language_problem(source, code, languages)
    return Problem(
        source,
        0,
        0,
        f"this rubric has no text in '{code}' yet, so there is nothing to check: to start a translation, write "
        f"one text as a mapping with '{code}' beside '{language}' (docs/rubric-format.md, \"Text in several "
        f'languages"); this command then names each text still to translate',
    )


def _built(
    document: YamlDocument, lang: str, source: str, languages: tuple[tuple[str, ...], tuple[str, ...]]
) -> Rubric:
    """The model of a checked rubric document, its text in ``lang``; ``languages`` are its
    languages and those widely used in it (:func:`civdata.i18n.language_lists`), ``lang`` one of
    the first."""
    language = document.data.get("language", "en")
    data = localize(document.data, lang, language)
    # The rubric's own words beside the chosen language's: which findings call for the same thing is
    # decided on them, so an action plan and its ids never change with --lang (civdata.actions).
    own = data if lang == language else localize(document.data, language, language)
    return _build_rubric(data, own, source, document.sha256 or "", language=language, lang=lang, languages=languages)


def check_rubric_document(document: YamlDocument) -> list[Problem]:
    """All schema and consistency problems of a parsed rubric document (none about a number
    already refused while reading it), for a caller that does not use the model (loading a rubric
    judges the scores no answers reach on the model it builds: :func:`rubric_from_document`)."""
    problems = problems_before_building(document)
    if problems or not isinstance(document.data, dict):
        return problems
    language = document.data.get("language", "en")
    return _unreachable_score_problems(
        document, _built(document, language, document.source, language_lists(document.data, language))
    )


def problems_before_building(document: YamlDocument) -> list[Problem]:
    """The schema and consistency problems of a parsed rubric document that need no model: all
    but the scores no answers reach, which only a rubric with none of these can be built to judge."""
    # Here, not at the top: a bundled rubric, trusted by its content hash, is never checked again.
    from civdata.rubric_checks import condition_depth_problems, consistency_problems

    if not isinstance(document.data, dict):
        return [document.problem((), "a rubric must be a YAML mapping with 'id', 'areas' and so on")]
    too_deep = condition_depth_problems(document)
    if too_deep:  # one problem per anchored condition, not per alias of it (without_consequences)
        return document.without_consequences(too_deep)
    return document.without_consequences([*schema_problems(document, "rubric"), *consistency_problems(document)])


def _unreachable_score_problems(document: YamlDocument, rubric: Rubric) -> list[Problem]:
    """The verdicts and score tests no answers reach, judged on ``rubric``, built from ``document``
    once it has no other problem. What scores answers can reach is worked out by scoring itself, on
    the built model, so these are reported once the others are fixed; a rubric with a value refused
    while reading it (or an incomplete one) is not judged: its model lacks what was refused."""
    if document.refused or not document.complete:
        return []
    from civdata.rubric_checks import unreachable_score_problems
    from civdata.rubric_checks.follow_ups import (
        follow_up_order_problems,
        negated_follow_up_problems,
        unscored_gate_problems,
    )

    problems = [
        *unreachable_score_problems(document, rubric),
        *unscored_gate_problems(document, rubric),
        *follow_up_order_problems(document, rubric),
        *negated_follow_up_problems(document, rubric),
    ]
    return document.without_consequences(problems)


# --- Building the model from checked data ------------------------------------------------------


def _finding(data: dict[str, Any] | None, own: dict[str, Any] | None) -> FindingSpec | None:
    """A finding from its text in the language shown (``data``) and in the rubric's own (``own``)."""
    if data is None or own is None:
        return None
    return FindingSpec(
        severity=Severity(data["severity"]),
        title=data["title"],
        recommendation=data["recommendation"],
        own_recommendation=own["recommendation"],
        explanation=data.get("explanation"),
        owner=data.get("owner"),
        act_by=ActBy(data["act_by"]) if "act_by" in data else None,
    )


def _condition(data: dict[str, Any] | None, types: dict[str, str]) -> Condition | None:
    if data is None:
        return None
    if "all" in data:
        return AllOf(tuple(_condition(part, types) for part in data["all"]))  # type: ignore[misc]
    if "any" in data:
        return AnyOf(tuple(_condition(part, types) for part in data["any"]))  # type: ignore[misc]
    if "not" in data:
        return Not(_condition(data["not"], types))  # type: ignore[arg-type]
    operator = next(key for key in OPERATORS if key in data)
    operand = data[operator]
    if SCORE_KEY in data:
        return ScoreTest(data[SCORE_KEY], operator, float(operand))
    question_id = data["question"]
    if types.get(question_id) == "yes_no" and operator != "answered":
        operand = [yes_no_word(v) for v in operand] if isinstance(operand, list) else yes_no_word(operand)
    if isinstance(operand, list):
        operand = tuple(operand)
    return Compare(question_id, operator, operand)


def _raw_score(data: dict[str, Any]) -> float | None:
    raw = data.get("score", data.get("points"))
    return None if raw is None else float(raw)


def _option(data: dict[str, Any], own: dict[str, Any], kind: str, worst: float | None, lang: str) -> Option:
    """An option, its label in ``lang``: the rubric's, or for a yes/no answer it gives none for,
    civdata's word in that language (English where civdata has none): a Spanish session offered
    "Yes / No / Unsure", and "no sé" typed to jump landed on "No"."""
    value = data["value"]
    given = data.get("label")
    civdatas = not given and kind == "yes_no" and value in YES_NO_LABELS
    label = yes_no_label(value, lang) if civdatas else given or str(value)
    unknown = is_unknown_option(data, kind)
    if unknown:
        score = worst
    elif data.get("not_applicable"):
        score = None
    else:
        score = _raw_score(data)
    return Option(
        value=value,
        label=label,
        score=score,
        description=data.get("description"),
        not_applicable=bool(data.get("not_applicable", False)),
        exclusive=bool(data.get("exclusive", False)),
        finding=_finding(data.get("finding"), own.get("finding")),
        unknown=unknown,
        other=bool(data.get("other", False)),
        strength=data.get("strength"),
        label_is_civdatas=civdatas,
    )


def _band(data: dict[str, Any], own: dict[str, Any]) -> Band:
    return Band(
        minimum=data.get("min"),
        maximum=data.get("max"),
        score=_raw_score(data),
        label=data.get("label"),
        finding=_finding(data.get("finding"), own.get("finding")),
        strength=data.get("strength"),
    )


def _worst_known(question: dict[str, Any], kind: str, direction: Direction) -> float | None:
    """The score "I don't know" takes: the worst any known answer can come to.

    That is the lowest known score, or the most risk points. On a risk scale, a multiple choice
    whose scores are summed comes to more than its heaviest option: ticking every option that can
    be ticked together comes to their sum (capped, as scoring caps it, at 1 for 0-1 scores), so not
    knowing counts as that, unless one option that must stand alone weighs more.
    """
    known = [
        (raw, bool(option.get("exclusive")))
        for option in question.get("options", [])
        if not is_unknown_option(option, kind)
        and not option.get("not_applicable")
        and (raw := _raw_score(option)) is not None
    ]
    if not known:
        return None
    scores = [raw for raw, _ in known]
    if direction is Direction.READINESS:
        return min(scores)
    worst = max(scores)
    if kind == QuestionType.MULTIPLE_CHOICE.value and question.get("scoring", "sum") == "sum":
        together = sum(raw for raw, alone in known if not alone and raw > 0)
        uses_points = any("points" in option for option in question.get("options", []))
        worst = max(worst, together if uses_points else min(1.0, together))
    return worst


def _question(
    question: dict[str, Any], own: dict[str, Any], area_id: str, direction: Direction, types: dict[str, str], lang: str
) -> Question:
    """A question from its text in the language shown (``question``) and in the rubric's own (``own``)."""
    kind = question["type"]
    options = question.get("options", [])
    uses_points = any("points" in item for item in (*options, *question.get("bands", [])))
    worst = _worst_known(question, kind, direction)
    return Question(
        id=question["id"],
        area_id=area_id,
        title=question["title"],
        prompt=question["prompt"],
        type=QuestionType(kind),
        help=question.get("help"),
        weight=float(question.get("weight", 1)),
        required=bool(question.get("required", True)),
        roles=tuple(question["roles"]) if question.get("roles") else None,
        when=_condition(question.get("when"), types),
        options=tuple(
            _option(option, own_option, kind, worst, lang)
            for option, own_option in zip(options, own.get("options", []), strict=True)
        ),
        scoring=question.get("scoring", "sum"),
        minimum=question.get("min"),
        maximum=question.get("max"),
        integer=bool(question.get("integer", False)),
        unit=question.get("unit"),
        bands=tuple(
            _band(band, own_band)
            for band, own_band in zip(question.get("bands", []), own.get("bands", []), strict=True)
        ),
        uses_points=uses_points,
        direction=direction,
    )


def _area(
    area: dict[str, Any], own: dict[str, Any], rubric_direction: Direction, types: dict[str, str], lang: str
) -> Area:
    direction = Direction(area.get("direction", rubric_direction.value))
    return Area(
        id=area["id"],
        title=area["title"],
        description=area.get("description"),
        weight=float(area.get("weight", 1)),
        direction=direction,
        questions=tuple(
            _question(question, own_question, area["id"], direction, types, lang)
            for question, own_question in zip(area["questions"], own["questions"], strict=True)
        ),
    )


def _role(role: dict[str, Any]) -> Role:
    return Role(
        id=role["id"],
        label=role["label"],
        description=role.get("description"),
        expected=bool(role.get("expected", False)),
        missing_severity=Severity(role.get("missing_severity", "high")),
        weight=float(role.get("weight", 1)),
    )


def _verdict(verdict: dict[str, Any], types: dict[str, str]) -> Verdict:
    return Verdict(
        id=verdict["id"],
        label=verdict["label"],
        description=verdict.get("description"),
        min_score=verdict.get("min_score"),
        max_score=verdict.get("max_score"),
        max_severity=Severity(verdict["max_severity"]) if "max_severity" in verdict else None,
        min_coverage=verdict.get("min_coverage"),
        when=_condition(verdict.get("when"), types),
    )


def _build_rubric(
    data: dict[str, Any],
    own: dict[str, Any],
    source: str,
    sha256: str,
    *,
    language: str,
    lang: str,
    languages: tuple[tuple[str, ...], tuple[str, ...]],
) -> Rubric:
    """The model of a rubric from its data in the language shown (``data``) and the same data in the
    rubric's own language (``own``), which findings keep to tell which call for the same thing;
    ``languages`` as :func:`_built` has them."""
    types = {question["id"]: question["type"] for area in data["areas"] for question in area["questions"]}
    direction = Direction(data.get("direction", "readiness"))
    divergence = data.get("divergence", {})
    return Rubric(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data["description"],
        license=data["license"],
        authors=tuple(data["authors"]),
        roles=tuple(_role(role) for role in data["roles"]),
        areas=tuple(
            _area(area, own_area, direction, types, lang)
            for area, own_area in zip(data["areas"], own["areas"], strict=True)
        ),
        rules=tuple(
            Rule(
                id=rule["id"],
                when=_condition(rule["when"], types),  # type: ignore[arg-type]
                finding=_finding(rule["finding"], own_rule["finding"]),  # type: ignore[arg-type]
                description=rule.get("description"),
            )
            for rule, own_rule in zip(data.get("rules", []), own.get("rules", []), strict=True)
        ),
        verdicts=tuple(_verdict(verdict, types) for verdict in data["verdicts"]),
        changes=tuple(
            Change(
                change["version"], change["summary"], tuple(change.get("questions", [])), tuple(change.get("rules", []))
            )
            for change in data.get("changes", [])
        ),
        divergence_threshold=float(divergence.get("threshold", 0.4)),
        combine=divergence.get("combine", "role_weighted_mean"),
        source=source,
        sha256=sha256,
        direction=direction,
        language=language,
        lang=lang,
        languages=languages[0],
        main_languages=languages[1],
    )
