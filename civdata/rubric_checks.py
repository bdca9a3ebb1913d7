"""The checks a rubric's JSON Schema cannot express, each a small generator of located problems.

The schema settles the shape. These checks need the whole rubric: ids that must be unique,
conditions that must refer to earlier questions and compare with values their answers can be
(:mod:`civdata.possible_answers`), number bands that must cover every accepted answer and each be
reachable, verdict bands that must always give a verdict, and the rules that keep a
verdict honest: one meaning for "I don't know", findings that never get milder as answers get
worse. They run on a rubric that may still be malformed, so every one of them skips what the schema
has already reported and never raises.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from civdata.conditions import NUMERIC_OPERATORS, OPERATORS, OVERALL, SCORE_KEY
from civdata.describe import COMPARISONS
from civdata.i18n import missing_language_problems, rare_language_problems
from civdata.model import (
    RESERVED_QUESTION_IDS,
    SEVERITY_RANK,
    YES_NO_LABELS,
    Area,
    Direction,
    QuestionType,
    Rubric,
)
from civdata.possible_answers import (
    NUMBER_TYPES,
    SCORES,
    NumberAnswers,
    is_number,
    never_holds,
    not_an_answer,
    number_answers,
    tested_interval,
)
from civdata.problems import Problem, did_you_mean, one_slip_from, quoted_list
from civdata.rubric_data import is_id, is_unknown_option, yes_no_word
from civdata.scoring import score_bounds
from civdata.versions import is_version, version_key
from civdata.wording import number_words, plural
from civdata.yamlsource import DataPath, YamlDocument

#: How deep 'all', 'any' and 'not' may nest in one condition. Real rubrics use two or three
#: levels; the limit keeps every check and evaluation of a condition far from Python's
#: recursion limit (JSON Schema validation recurses several frames per level).
MAX_CONDITION_DEPTH = 20

_CHOICE_TYPES = ("single_choice", "multiple_choice", "yes_no", "scale")
_TYPES = {kind.value for kind in QuestionType}


def items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mapping items of a list, with their index; anything malformed is skipped (the schema
    has already reported it)."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


@dataclass(frozen=True)
class QuestionEntry:
    data: dict[str, Any]
    path: DataPath
    order: int

    @property
    def type(self) -> str | None:
        kind = self.data.get("type")
        return kind if isinstance(kind, str) and kind in _TYPES else None

    @property
    def where(self) -> str:
        return f"question '{self.data['id']}'"


@dataclass
class RubricIndex:
    """The rubric document with its ids collected once, for every check to look things up in."""

    document: YamlDocument
    questions: dict[str, QuestionEntry] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Questions whose id an earlier question already has: a reference by id names the first, but
    #: each is still checked on its own (see :meth:`every_question`).
    duplicates: list[QuestionEntry] = field(default_factory=list)

    def every_question(self) -> list[QuestionEntry]:
        """Every question, those with a duplicate id too, in asking order: what is checked of a
        question alone (its keys, options, bands, findings and ``when``). A duplicate id is one
        problem; the question's own are reported beside it, at once, not after it is renamed."""
        return sorted([*self.questions.values(), *self.duplicates], key=lambda entry: entry.order)

    def suggest(self, word: object, kind: str, *also: str, fits: Callable[[str], bool] | None = None) -> str:
        """``; did you mean 'x'?`` among the ids of ``kind`` (``roles``, ``areas``, ``questions``...)
        that are valid ids and that ``fits`` accepts, and ``also``. A suggestion the same run would
        refuse is no fix, but another problem: an id the schema refuses where it is defined (a
        reference to it is refused too, as not an id), or one the reference may not name where it is
        written (a later question in a question's ``when``, an area without a score)."""
        known = self.questions if kind == "questions" else self.ids[kind]
        fitting = (ident for ident in known if is_id(ident) and (fits is None or fits(ident)))
        return did_you_mean(word, [*fitting, *also])

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    def problem(self, path: DataPath, message: str, *, key: bool = False) -> Problem:
        return self.document.problem(path, message, key=key)

    @property
    def rubric_direction(self) -> str:
        direction = self.data.get("direction")
        return direction if direction in ("readiness", "risk") else "readiness"

    def area_direction(self, area: dict[str, Any]) -> str:
        direction = area.get("direction")
        return direction if direction in ("readiness", "risk") else self.rubric_direction

    def question_direction(self, entry: QuestionEntry) -> str:
        area = self.data["areas"][entry.path[1]]
        return self.area_direction(area)

    @property
    def scored(self) -> bool:
        """Whether any answer can change a score: False for a checklist."""
        return any(area_scored(area) for _, area in items(self.data.get("areas")))

    def missing_score(self, target: str) -> tuple[str, str] | None:
        """Why the score ``target`` (an area id, or ``overall``) never exists, whatever the answers,
        and how to fix that; None when some answer gives it one. A test of a score that never
        exists is never true: a verdict needing it is never given, and under ``not`` it always holds."""
        areas = [area for _, area in items(self.data.get("areas"))]
        if target != OVERALL:
            area = next((area for area in areas if area.get("id") == target), None)
            if area is None or area_scored(area):
                return None
            return _nothing_scored([question for _, question in items(area.get("questions"))], "it", "test its answers")
        counted = [area for area in areas if area.get("weight", 1) != 0]
        if not self.scored:
            questions = [question for area in areas for _, question in items(area.get("questions"))]
            return _nothing_scored(questions, "this rubric", "test answers")
        if not counted:
            return "every area has 'weight: 0'", "give an area a weight"
        if not any(area_scored(area) for area in counted):
            return (
                "no area of weight above 0 has a scored question",
                "give a scored area a weight, or score a question in an area that has one",
            )
        return None


def question_scored(question: dict[str, Any]) -> bool:
    """Whether an answer to ``question`` can change its area's score, read from the rubric as
    written: what :attr:`civdata.model.Question.scored` says of the built model (a weight above 0,
    and an option or band worth something). A weight the schema refuses counts, so that its one
    problem is not followed by others."""
    return question.get("weight", 1) != 0 and _worth_something(question)


def _worth_something(question: dict[str, Any]) -> bool:
    """Whether some option or band of ``question`` has a score, or points above 0."""
    for _, item in [*items(question.get("options")), *items(question.get("bands"))]:
        if "score" in item or ("points" in item and not (is_number(item["points"]) and item["points"] <= 0)):
            return True
    return False


def _why_unscored(question: dict[str, Any]) -> tuple[str, str, str]:
    """Why ``question`` is never scored, said of one question and of several, and what would score
    it: the methodologist is told the cause the rubric has, not a fix it has already made."""
    kind = question.get("type")
    if kind == "text":
        return (
            "is text, which is never scored",
            "are text, which is never scored",
            ("ask a question as a choice with scored options"),
        )
    if kind == "number" and not question.get("bands"):
        return (
            "is a number question without 'bands'",
            "are number questions without 'bands'",
            ("give a number question 'bands' with scores"),
        )
    weighted = question.get("weight", 1) != 0
    if not weighted and _worth_something(question):
        return "has 'weight: 0'", "have 'weight: 0'", "give a question a weight above 0"
    state, fix = _unscored_items(question, weighted)
    return f"has {state}", f"have {state}", fix


def _unscored_items(question: dict[str, Any], weighted: bool) -> tuple[str, str]:
    """What is wrong with the options (or bands) of a question none of which is worth anything, and
    the fix: they have no scores, or they carry points that are all 0. A question's maximum is its
    highest option's points (docs/scoring.md), so with every option at 0 points there is nothing to
    score against, and civdata counts the question as not scored, like one without scores. A
    question of ``weight: 0`` (not ``weighted``) needs a weight too."""
    things = "bands" if question.get("type") == "number" else "options"
    if any("points" in item for _, item in [*items(question.get("options")), *items(question.get("bands"))]):
        state, one = f"{things} all worth 0 points", "a band" if things == "bands" else "an option"
        fix, fix_weighting = f"give {one} points above 0", f"one of its {things} points above 0"
    else:
        state, fix, fix_weighting = f"{things} without scores", f"give the {things} scores", f"its {things} scores"
    if weighted:
        return state, fix
    return f"'weight: 0' and {state}", f"give a question a weight above 0 and {fix_weighting}"


def _nothing_scored(questions: list[dict[str, Any]], whole: str, instead: str) -> tuple[str, str]:
    """Why nothing in ``whole`` (``this rubric``, or ``it``: an area) with these ``questions`` is
    scored, each cause it has naming the first question with it, and the fixes after ``instead``
    (``test answers``): what :meth:`RubricIndex.missing_score` says of a score that never exists,
    the overall score of a checklist or the score of an area, so both name the causes they have."""
    causes: dict[tuple[str, str, str], list[str]] = {}
    for question in questions:
        causes.setdefault(_why_unscored(question), []).append(str(question.get("id")))
    said = []
    for (one, several, _), ids in causes.items():
        if len(ids) == 1:
            said.append(f"'{ids[0]}' {one}")
        else:
            said.append(f"'{ids[0]}' and {plural(len(ids) - 1, 'other question')} {several}")
    reason = f"nothing in {whole} is scored" + (f" ({'; '.join(said)})" if said else "")
    fixes = ", or ".join(dict.fromkeys(fix for _, _, fix in causes))
    return reason, f"{instead} instead" + (f", or {fixes}" if fixes else "")


def area_scored(area: dict[str, Any]) -> bool:
    """Whether an area can have a score: some question in it is scored."""
    return any(question_scored(question) for _, question in items(area.get("questions")))


def index_rubric(document: YamlDocument) -> RubricIndex:
    """Collect ids (reporting duplicates) so the checks can refer to them."""
    index = RubricIndex(document)
    for key, kind in (("roles", "role"), ("areas", "area"), ("rules", "rule"), ("verdicts", "verdict")):
        index.ids[key] = _unique_ids(index, key, kind)
    order = 0
    for area_index, area in items(index.data.get("areas")):
        for position, question in items(area.get("questions")):
            ident = question.get("id")
            path = ("areas", area_index, "questions", position)
            if not isinstance(ident, str):
                continue
            if ident in index.questions:
                first = document.position((*index.questions[ident].path, "id")).line
                index.problems.append(
                    index.problem((*path, "id"), f"question id '{ident}' is already used on line {first}")
                )
                index.duplicates.append(QuestionEntry(question, path, order))
            else:
                index.questions[ident] = QuestionEntry(question, path, order)
            order += 1
    return index


def _unique_ids(index: RubricIndex, key: str, kind: str) -> set[str]:
    seen: dict[str, int] = {}
    for position, item in items(index.data.get(key)):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            first = index.document.position((key, seen[ident], "id")).line
            index.problems.append(
                index.problem((key, position, "id"), f"{kind} id '{ident}' is already used on line {first}")
            )
        else:
            seen[ident] = position
    return set(seen)


# --- Questions ------------------------------------------------------------------------------------

_ONLY_FOR = {
    "scoring": ("multiple_choice",),
    "min": ("number",),
    "max": ("number",),
    "integer": ("number",),
    "unit": ("number",),
    "bands": ("number",),
    "options": _CHOICE_TYPES,
}


def check_question_ids(index: RubricIndex) -> Iterator[Problem]:
    """No question id that would give its findings the ids of findings civdata words itself
    (:data:`civdata.model.RESERVED_QUESTION_IDS`)."""
    for ident, entry in index.questions.items():
        if ident in RESERVED_QUESTION_IDS:
            yield index.problem(
                (*entry.path, "id"),
                f"question id '{ident}' is reserved: its findings would have the ids "
                f"{RESERVED_QUESTION_IDS[ident]}; give the question another id, such as '{ident}-question', "
                "wherever it is named",
            )


def check_area_ids(index: RubricIndex) -> Iterator[Problem]:
    """No area id ``overall``: a score test ``{score: overall}`` reads the overall score, so a rule
    or verdict meant for that area would silently read another score, and the JSON report would
    hold two scores of that name."""
    for position, area in items(index.data.get("areas")):
        if area.get("id") == OVERALL:
            yield index.problem(
                ("areas", position, "id"),
                f"area id '{OVERALL}' is reserved: a score test such as {{score: {OVERALL}, lt: 50}} reads the overall "
                f"score; give the area another id, such as '{OVERALL}-area', wherever it is named",
            )


def check_question_keys(index: RubricIndex) -> Iterator[Problem]:
    """Keys that fit the question's type, roles that exist, and no score on text."""
    for entry in index.every_question():
        question, path = entry.data, entry.path
        roles = question.get("roles")
        for position, role in enumerate(roles if isinstance(roles, list) else []):
            if isinstance(role, str) and role not in index.ids["roles"]:
                yield index.problem(
                    (*path, "roles", position),
                    f"{entry.where} names role '{role}', which the rubric does not define"
                    + index.suggest(role, "roles"),
                )
        for key, types in _ONLY_FOR.items():
            if key in question and entry.type and entry.type not in types:
                message = (
                    f"{entry.where} is a {entry.type} question; '{key}' is only for {quoted_list(types)} questions"
                )
                yield index.problem((*path, key), message, key=True)
        if "score" in question:
            yield index.problem(
                (*path, "score"),
                f"{entry.where}: text is never scored by its mere presence, so remove 'score'; to count an "
                "answer, ask it as a choice (for example written down / not written down / I don't know)",
                key=True,
            )


def check_options(index: RubricIndex) -> Iterator[Problem]:
    """Option values, labels and scores that fit the question type."""
    for entry in index.every_question():
        if entry.type in _CHOICE_TYPES:
            yield from _option_values(index, entry)
            yield from _option_scores(index, entry)
            yield from _option_set(index, entry)


def _option_values(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    kind, where = entry.type, entry.where
    seen: dict[Any, int] = {}
    for position, option in items(entry.data.get("options")):
        option_path = (*entry.path, "options", position)
        value = option.get("value")
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            continue  # missing, or a list or mapping: the schema has reported it
        written = index.document.text_as_written((*option_path, "value"), value)
        yield from _value_kind(index, entry, (*option_path, "value"), value, written)
        if value in seen:
            first = index.document.position((*entry.path, "options", seen[value], "value")).line
            yield index.problem((*option_path, "value"), f"{where} already has an option '{value}' (line {first})")
        seen[value] = position
        if kind != "yes_no" and "label" not in option:
            yield index.problem(option_path, f"option '{value}' of {where} needs a 'label' for respondents")
        if kind == "yes_no" and value == "na" and option.get("not_applicable") is not True:
            yield index.problem(option_path, f"option 'na' of {where} must have 'not_applicable: true'")
        for flag in ("exclusive",):
            if option.get(flag) and kind != "multiple_choice":
                yield index.problem(
                    (*option_path, flag),
                    f"'{flag}' only applies to multiple_choice options, and {where} is {kind}",
                    key=True,
                )


#: The word a yes/no option written as a number was most likely meant as (``0`` for no).
_YES_NO_NUMBERS = {0: "no", 1: "yes"}


def _value_kind(
    index: RubricIndex, entry: QuestionEntry, path: DataPath, value: Any, written: str
) -> Iterator[Problem]:
    """An option value of the kind its question takes, one problem per value. A scale's points are
    whole numbers: ``3.0`` is read as a number by the schema (JSON Schema counts it an integer),
    but answers, templates and rules would each write it otherwise, so it is refused with the
    number to write. A yes/no option takes only its words: a number there is told which word to
    write, once (quoting ``0`` would make it text, still no yes/no word)."""
    kind, where = entry.type, entry.where
    if kind == "scale":
        if not isinstance(value, int) or isinstance(value, bool):
            whole = f"; write {int(value)}" if isinstance(value, float) and value.is_integer() else ""
            yield index.problem(path, f"the points of scale {where} must be whole numbers, not '{written}'{whole}")
    elif kind == "yes_no":
        if value not in YES_NO_LABELS:
            yield index.problem(
                path,
                f"yes/no {where} can only offer {quoted_list(YES_NO_LABELS)}, "
                + (
                    f"not '{value}'" + did_you_mean(value, YES_NO_LABELS)
                    if isinstance(value, str)
                    else f"not the number {written}" + _yes_no_for_number(value)
                ),
            )
    elif not isinstance(value, str):
        yield index.problem(path, f"option values of {where} must be text; write '{written}' in quotes")


def _yes_no_for_number(value: float) -> str:
    """What to write for a yes/no option written as a number: its word, in quotes, when the
    number is one of the two that stand for one (0 and 1); else the words to choose from."""
    word = _YES_NO_NUMBERS.get(int(value)) if float(value).is_integer() else None
    if word is None:
        return "; write the word it stands for, in quotes"
    return f'; write "{word}"'


def _option_scores(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    where = entry.where
    unscored = entry.data.get("weight") == 0  # asked for context only: its options need no score
    keys_used: set[str] = set()
    for position, option in items(entry.data.get("options")):
        option_path = (*entry.path, "options", position)
        value = option.get("value")
        given = [key for key in ("score", "points") if key in option]
        keys_used.update(given)
        if len(given) == 2:
            yield index.problem(option_path, f"option '{value}' of {where} has both 'score' and 'points'; keep one")
        if is_unknown_option(option, entry.type):
            if option.get("not_applicable") is True:
                yield index.problem(
                    option_path, f"option '{value}' of {where} cannot be both \"I don't know\" and 'not applicable'"
                )
            for key in given:
                yield index.problem(
                    (*option_path, key),
                    f"option '{value}' of {where} is \"I don't know\", so it takes no {key}: civdata scores it as "
                    "the question's worst answer; remove it",
                    key=True,
                )
        elif option.get("not_applicable") is True:
            for key in given:
                yield index.problem(
                    (*option_path, key),
                    f"option '{value}' of {where} is 'not applicable', so it takes no {key}",
                    key=True,
                )
        elif not given and not unscored:
            yield index.problem(
                option_path,
                f"option '{value}' of {where} needs a 'score' from 0 to 1 (or 'points'), or 'not_applicable: true' "
                "(questions with 'weight: 0' need no scores)",
            )
    if keys_used == {"score", "points"}:
        yield index.problem((*entry.path, "options"), f"the options of {where} mix 'score' and 'points'; use one kind")


def _option_set(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    where, kind = entry.where, entry.type
    options = items(entry.data.get("options"))
    values = [option.get("value") for _, option in options if isinstance(option.get("value"), (str, int))]
    if kind == "yes_no":
        # A word an option written as a number stands for (0 for no) is told there, once.
        meant = {_YES_NO_NUMBERS.get(value) for value in values if isinstance(value, int)}
        missing = [value for value in ("yes", "no") if value not in values and value not in meant]
        if missing:
            yield index.problem((*entry.path, "options"), f"yes/no {where} must offer {quoted_list(missing)}")
    if kind == "scale":
        points = [
            option["value"]
            for _, option in options
            if isinstance(option.get("value"), int) and not is_unknown_option(option, kind)
        ]
        if len(points) < 2:
            yield index.problem((*entry.path, "options"), f"scale {where} needs at least two points")
        elif points != sorted(points):
            yield index.problem((*entry.path, "options"), f"the points of scale {where} must be in ascending order")
    if kind in ("single_choice", "multiple_choice") and len(set(values)) < 2:
        yield index.problem((*entry.path, "options"), f"{where} needs at least two options to choose from")
    if sum(1 for _, option in options if is_unknown_option(option, kind)) > 1:
        yield index.problem((*entry.path, "options"), f'{where} has more than one "I don\'t know" option; keep one')


def check_findings_follow_scores(index: RubricIndex) -> Iterator[Problem]:
    """A worse answer never raises a milder finding than a better one, and "I don't know", which
    counts as the worst answer, raises a finding at least as severe as any other answer's."""
    for entry in index.every_question():
        risk = index.question_direction(entry) == "risk"
        for key in ("options", "bands"):
            ranked = []
            unknown: list[tuple[int, dict[str, Any]]] = []
            for position, item in items(entry.data.get(key)):
                if is_unknown_option(item, entry.type) and key == "options":
                    unknown.append((position, item))
                    continue
                raw = item.get("score", item.get("points"))
                if is_number(raw) and item.get("not_applicable") is not True:
                    ranked.append((-raw if risk else raw, position, item))
            yield from _severity_order(index, entry, key, ranked)
            yield from _unknown_severity(index, entry, unknown)


def _severity(item: dict[str, Any]) -> int:
    finding = item.get("finding")
    severity = finding.get("severity") if isinstance(finding, dict) else None
    return SEVERITY_RANK.get(severity, -1) if isinstance(severity, str) else -1


def _name(item: dict[str, Any], key: str, position: int) -> str:
    return f"option '{item.get('value')}'" if key == "options" else f"band {position + 1}"


def _severity_order(
    index: RubricIndex, entry: QuestionEntry, key: str, ranked: list[tuple[float, int, dict[str, Any]]]
) -> Iterator[Problem]:
    for goodness, position, item in ranked:
        better_and_worse = [
            (other_position, other)
            for other_goodness, other_position, other in ranked
            if other_goodness > goodness and _severity(other) > _severity(item)
        ]
        if better_and_worse:
            other_position, other = better_and_worse[0]
            yield index.problem(
                (*entry.path, key, position),
                f"{_name(item, key, position)} of {entry.where} scores worse than {_name(other, key, other_position)} "
                "but raises a milder finding (or none); a worse answer must never look less serious",
            )


def _unknown_severity(
    index: RubricIndex, entry: QuestionEntry, unknown: list[tuple[int, dict[str, Any]]]
) -> Iterator[Problem]:
    if not unknown:
        return
    worst = max(
        (_severity(item) for _, item in items(entry.data.get("options")) if not is_unknown_option(item, entry.type)),
        default=-1,
    )
    for position, item in unknown:
        if _severity(item) < worst:
            needed = next(name for name, rank in SEVERITY_RANK.items() if rank == worst)
            yield index.problem(
                (*entry.path, "options", position),
                f"option '{item.get('value')}' of {entry.where} is \"I don't know\", which counts as the worst answer, "
                f"so it needs a finding at least '{needed}' (another answer raises one that severe); word its title "
                "for not knowing",
            )


def check_number_bands(index: RubricIndex) -> Iterator[Problem]:
    """Number bands that cover every accepted answer exactly once."""
    for entry in index.every_question():
        if entry.type == "number":
            yield from _number_bands(index, entry)
            yield from _unreachable_bands(index, entry)
            yield from _band_score_kinds(index, entry)


#: A bound that is written but is not a number: the schema (or the reader, for a number it
#: refused) has reported it, and the bands next to it cannot be judged.
_UNREADABLE = "unreadable"


def _bound(mapping: dict[str, Any], key: str) -> float | str | None:
    """A ``min`` or ``max``: the number, None when it is not written, or :data:`_UNREADABLE`."""
    if key not in mapping:
        return None
    value = mapping[key]
    return value if is_number(value) else _UNREADABLE


def _number_bands(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    question, path, where = entry.data, entry.path, entry.where
    low, high = _bound(question, "min"), _bound(question, "max")
    if is_number(low) and is_number(high) and low > high:
        yield index.problem((*path, "max"), f"{where} has 'max' {high} below 'min' {low}")
    bands = items(question.get("bands"))
    previous_max: Any = "start"
    for position, (band_index, band) in enumerate(bands):
        band_path = (*path, "bands", band_index)
        if "score" not in band and "points" not in band and question.get("weight") != 0:
            yield index.problem(
                band_path, f"band {band_index + 1} of {where} needs a 'score' (questions with 'weight: 0' need none)"
            )
        band_min, band_max = _bound(band, "min"), _bound(band, "max")
        if is_number(band_min) and is_number(band_max) and band_min >= band_max:
            yield index.problem(band_path, f"band {band_index + 1} of {where} is empty: 'min' must be below 'max'")
        if position == 0:
            if is_number(band_min) and (low is None or (is_number(low) and low < band_min)):
                start = f"{low:g}" if is_number(low) else "any number"
                yield index.problem(
                    (*band_path, "min"),
                    f"answers from {start} up to {band_min:g} to {where} fall in no band; "
                    "remove the first band's 'min' or set the question's 'min'",
                )
        elif previous_max is None:
            yield index.problem(
                band_path, f"band {band_index} of {where} has no 'max', so band {band_index + 1} is never reached"
            )
        elif _UNREADABLE not in (previous_max, band_min) and band_min != previous_max:
            yield index.problem(
                (*band_path, "min"),
                f"band {band_index + 1} of {where} must start where band {band_index} ends ({previous_max}), "
                f"so that every answer falls in exactly one band",
            )
        previous_max = band_max
    if bands and is_number(previous_max) and (high is None or (is_number(high) and high >= previous_max)):
        yield index.problem(
            (*path, "bands", bands[-1][0], "max"),
            f"answers of {previous_max:g} or more to {where} fall in no band; remove the last "
            "band's 'max' or set the question's 'max' below it",
        )


def _unreachable_bands(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    """Bands no accepted answer falls in (above the question's ``max``, below its ``min``, or with
    no whole number in them when answers are whole): their scores and findings are never given."""
    answers = number_answers(entry.data)
    if answers is None:
        return
    for band_index, band in items(entry.data.get("bands")):
        low, high = band.get("min", -math.inf), band.get("max", math.inf)
        if not is_number(low) or not is_number(high) or low >= high:
            continue  # malformed or empty: reported by the schema or _number_bands
        if not answers.admits((low, True, high, False)):
            yield index.problem(
                (*entry.path, "bands", band_index),
                f"no answer to {entry.where} falls in band {band_index + 1}: its answers are {answers.words}; "
                "remove the band, or change the question's 'min' or 'max'",
            )


def _band_score_kinds(index: RubricIndex, entry: QuestionEntry) -> Iterator[Problem]:
    """A question's bands score one way, as its options must: a 0-1 ``score`` is a share of the
    question and ``points`` are raw, so in a mix one band's full marks would count as one point."""
    keys_used: set[str] = set()
    for band_index, band in items(entry.data.get("bands")):
        given = [key for key in ("score", "points") if key in band]
        if len(given) == 1:
            keys_used.update(given)
        elif len(given) == 2:  # said of this band alone, and not again as a mix
            yield index.problem(
                (*entry.path, "bands", band_index),
                f"band {band_index + 1} of {entry.where} has both 'score' and 'points'; keep one",
            )
    if keys_used == {"score", "points"}:
        message = f"the bands of {entry.where} mix 'score' and 'points'; use one kind"
        yield index.problem((*entry.path, "bands"), message)


# --- Conditions ------------------------------------------------------------------------------------


def condition_depth_problems(document: YamlDocument) -> list[Problem]:
    """A problem for each condition that nests deeper than :data:`MAX_CONDITION_DEPTH`.

    Checked before anything else looks at conditions, and without recursion, so that no later
    check (the schema's included) can run out of stack on a hostile rubric.
    """
    data = document.data
    roots: list[tuple[Any, DataPath]] = [
        (item.get("when"), (key, index, "when"))
        for key in ("rules", "verdicts")
        for index, item in items(data.get(key))
    ]
    for area_index, area in items(data.get("areas")):
        for index, question in items(area.get("questions")):
            roots.append((question.get("when"), ("areas", area_index, "questions", index, "when")))
    problems = []
    for condition, path in roots:
        deepest = _deepest_condition(condition, path)
        if deepest is not None:
            problems.append(
                document.problem(
                    deepest,
                    f"this condition nests 'all', 'any' and 'not' more than {MAX_CONDITION_DEPTH} levels deep; "
                    "write it with fewer levels",
                )
            )
    return problems


def _deepest_condition(condition: Any, path: DataPath) -> DataPath | None:
    """The path of the first part nested deeper than the limit, or None."""
    stack: list[tuple[Any, DataPath, int]] = [(condition, path, 0)]
    while stack:
        part, where, depth = stack.pop()
        if not isinstance(part, dict):
            continue
        if depth > MAX_CONDITION_DEPTH:
            return where
        for key in ("all", "any"):
            if isinstance(part.get(key), list):
                stack.extend((item, (*where, key, index), depth + 1) for index, item in enumerate(part[key]))
        if "not" in part:
            stack.append((part["not"], (*where, "not"), depth + 1))
    return None


def check_conditions(index: RubricIndex) -> Iterator[Problem]:
    """Every condition: on questions, only earlier answers; in rules and verdicts, any answer or score."""
    for entry in index.every_question():
        if isinstance(entry.data.get("when"), dict):
            yield from _condition(index, entry.data["when"], (*entry.path, "when"), entry.order, 1)
    for key in ("rules", "verdicts"):
        for position, item in items(index.data.get(key)):
            if isinstance(item.get("when"), dict):
                yield from _condition(index, item["when"], (key, position, "when"), None, 1)


def _condition(
    index: RubricIndex, condition: dict[str, Any], path: DataPath, before: int | None, depth: int
) -> Iterator[Problem]:
    if depth > MAX_CONDITION_DEPTH:
        return  # reported by condition_depth_problems, which runs first
    combinators = [key for key in ("all", "any", "not") if key in condition]
    if combinators:
        yield from _combinator(index, condition, combinators, path, before, depth)
        return
    if SCORE_KEY in condition:
        yield from _score_test(index, condition, path, before)
        return
    yield from _question_test(index, condition, path, before)


def check_follow_up_roles(index: RubricIndex) -> Iterator[Problem]:
    """A question's ``when`` tests only questions asked of every role the question is asked of.

    For a role that is not asked the question tested, the test never depends on an answer (a
    question that does not apply makes every test on it false, and ``answered: false`` true), so
    no answer of that role decides whether the follow-up is asked: it is never asked of them and
    counts as met (full marks), or always asked, whatever they know. Refused whatever the test is
    nested in, since under ``any``, ``all`` or ``not`` the test still means nothing for them. Rules
    and verdicts may test such a question: they are read on the answers of whoever was asked it.
    """
    for entry in index.questions.values():
        condition = entry.data.get("when")
        if not isinstance(condition, dict):
            continue
        asked = _roles_asked(index, entry)
        reported: set[str] = set()
        for question_id, path in _tested_questions(condition, (*entry.path, "when")):
            if asked is None or question_id in reported or question_id not in index.questions:
                continue
            opener = _roles_asked(index, index.questions[question_id])
            left_out = [role for role in asked if opener is not None and role not in opener]
            if left_out:
                reported.add(question_id)
                yield index.problem((*path, "question"), _left_out_message(entry, question_id, left_out, asked, opener))


def _roles_asked(index: RubricIndex, entry: QuestionEntry) -> list[str] | None:
    """The roles a question is asked of, in the rubric's order: all of them when it names none.
    None when it names a role the rubric does not define: :func:`check_question_keys` reports
    that, and which role was meant cannot be told."""
    roles = [role.get("id") for _, role in items(index.data.get("roles"))]
    defined = list(dict.fromkeys(role for role in roles if isinstance(role, str)))
    named = entry.data.get("roles")
    if not isinstance(named, list) or not named:
        return defined
    if any(not isinstance(role, str) or role not in defined for role in named):
        return None
    return [role for role in defined if role in named]


def _tests(condition: dict[str, Any], path: DataPath) -> Iterator[tuple[dict[str, Any], DataPath]]:
    """Each test in a condition (a mapping that is not 'all', 'any' or 'not'), with its place,
    however deeply nested (the depth is bounded by :func:`condition_depth_problems`, which runs
    before any check)."""
    for key in ("all", "any"):
        parts = condition.get(key)
        for position, part in enumerate(parts if isinstance(parts, list) else []):
            if isinstance(part, dict):
                yield from _tests(part, (*path, key, position))
    if isinstance(condition.get("not"), dict):
        yield from _tests(condition["not"], (*path, "not"))
    if not any(key in condition for key in ("all", "any", "not")):
        yield condition, path


def _tested_questions(condition: dict[str, Any], path: DataPath) -> Iterator[tuple[str, DataPath]]:
    """Each question a condition tests, with the place of its test."""
    for test, where in _tests(condition, path):
        if isinstance(test.get("question"), str):
            yield test["question"], where


def _left_out_message(
    entry: QuestionEntry, question_id: str, left_out: list[str], asked: list[str], opener: list[str] | None
) -> str:
    follow_up = entry.data["id"]
    shared = [role for role in asked if opener is not None and role in opener]
    limit = (
        f"ask '{follow_up}' only of the roles asked '{question_id}' (roles: [{', '.join(shared)}])"
        if shared
        else "test a question they are asked"
    )
    return (
        f"question '{follow_up}' tests '{question_id}', which is not asked of {quoted_list(left_out)}: for them "
        f"the test can never depend on an answer, so none decides whether '{follow_up}' is asked (a follow-up "
        f"not asked counts as met); ask '{question_id}' of them too, or {limit}"
    )


def _combinator(
    index: RubricIndex,
    condition: dict[str, Any],
    combinators: Sequence[str],
    path: DataPath,
    before: int | None,
    depth: int,
) -> Iterator[Problem]:
    for key in combinators:  # a condition with more beside them: the schema has reported it
        parts = condition[key] if key != "not" else [condition[key]]
        for position, part in enumerate(parts if isinstance(parts, list) else []):
            if isinstance(part, dict):
                sub_path = (*path, key, position) if key != "not" else (*path, key)
                yield from _condition(index, part, sub_path, before, depth + 1)


def _score_test(index: RubricIndex, condition: dict[str, Any], path: DataPath, before: int | None) -> Iterator[Problem]:
    target = condition.get(SCORE_KEY)
    operators = [key for key in OPERATORS if key in condition]
    if before is not None:
        yield index.problem(
            (*path, SCORE_KEY),
            "a question's 'when' cannot test a score: scores exist only once every answer is in; test answers instead",
            key=True,
        )
        return
    # A score test of another shape (two comparisons, a question beside it): the schema has reported it.
    if len(operators) == 1 and operators[0] in NUMERIC_OPERATORS and is_number(condition[operators[0]]):
        never = never_holds("score", operators[0], condition[operators[0]], SCORES)
        if never is not None:
            yield index.problem((*path, operators[0]), never)
    known = [*sorted(index.ids["areas"]), OVERALL]
    if isinstance(target, str) and target not in known:
        # A checklist has no score to name: saying 'overall' would only lead to the next refusal.
        instead = f"use an area id or '{OVERALL}'" if index.scored else "nothing in this rubric is scored: test answers"
        yield index.problem(
            (*path, SCORE_KEY),
            f"there is no area '{target}' to test the score of; {instead}" + _suggest_score(index, target),
        )
    elif isinstance(target, str) and (missing := index.missing_score(target)) is not None:
        owner = f"{path[0][:-1]} '{index.data[path[0]][path[1]].get('id')}'"  # ("rules", 2, ...): rule '...'
        yield index.problem(
            (*path, SCORE_KEY), _no_score_message(owner, target, missing, "the test is never true"), key=True
        )


def _suggest_score(index: RubricIndex, target: str) -> str:
    """``; did you mean 'x'?`` among the scores a test may name: an area with something scored in
    it, and ``overall`` when the rubric has an overall score. Any other is refused as a score that
    never exists, so it would be no fix."""
    overall = [OVERALL] if index.missing_score(OVERALL) is None else []
    return index.suggest(target, "areas", *overall, fits=lambda area: index.missing_score(area) is None)


def _no_score_message(owner: str, target: str, missing: tuple[str, str], consequence: str) -> str:
    """What a test of a score that never exists says: ``owner`` (``verdict 'ready'``) tests
    ``target``, which is missing for the reason and with the fix of ``missing``."""
    reason, fix = missing
    if target == OVERALL:
        return f"{owner} tests the overall score, but {reason}, so there is no overall score and {consequence}; {fix}"
    return f"{owner} tests the score of area '{target}', but {reason}, so it has no score and {consequence}; {fix}"


def _question_test(
    index: RubricIndex, condition: dict[str, Any], path: DataPath, before: int | None
) -> Iterator[Problem]:
    operators = [key for key in OPERATORS if key in condition]
    question_id = condition.get("question")
    if len(operators) != 1 or not isinstance(question_id, str):
        return  # no question, or not one test: a shape the schema has reported
    if question_id not in index.questions:
        yield index.problem(
            (*path, "question"),
            f"the condition refers to question '{question_id}', which does not exist"
            + index.suggest(question_id, "questions", fits=_asked_before(index, before)),
        )
        return
    target = index.questions[question_id]
    if before is not None and target.order >= before:
        yield index.problem(
            (*path, "question"),
            f"the condition refers to question '{question_id}', which is not asked before this one; "
            "a question can only depend on earlier answers",
        )
    operator = operators[0]
    yield from _operand(index, question_id, target, operator, condition[operator], (*path, operator))


def _asked_before(index: RubricIndex, before: int | None) -> Callable[[str], bool] | None:
    """Which questions a condition may name: in a question's ``when`` (``before`` is its place in
    the order), only those asked before it, never itself; in rules and verdicts (None), any."""
    if before is None:
        return None
    return lambda question_id: index.questions[question_id].order < before


def _operand(
    index: RubricIndex, question_id: str, target: QuestionEntry, operator: str, operand: Any, path: DataPath
) -> Iterator[Problem]:
    kind = target.type
    if operator == "answered" or kind is None or (kind == "scale" and _decimal_points(target)):
        return  # a scale point written 3.0 is refused where it is written; judged here it would repeat that
    if operator in NUMERIC_OPERATORS:
        if kind not in NUMBER_TYPES:
            yield index.problem(path, f"'{operator}' compares numbers, but '{question_id}' is a {kind} question")
            return
        answers = number_answers(target.data)
        if answers is not None and is_number(operand):
            never = never_holds(f"answer to '{question_id}'", operator, operand, answers)
            if never is not None:
                yield index.problem(path, never)
        return
    if operator == "includes" and kind != "multiple_choice":
        yield index.problem(
            path, f"'includes' is for multiple_choice questions; '{question_id}' is {kind}: use 'equals' or 'in'"
        )
        return
    if operator in ("equals", "in") and kind == "multiple_choice":
        yield index.problem(path, f"'{question_id}' allows several answers: test it with 'includes', not '{operator}'")
        return
    for value, value_path in _compared_values(operator, operand, path):
        if kind == "yes_no":
            value = yes_no_word(value)
        written = index.document.text_as_written(value_path, value)
        message = not_an_answer(question_id, target.data, value, written)
        if message is not None:
            yield index.problem(value_path, message)


def _decimal_points(entry: QuestionEntry) -> bool:
    """Whether a scale question has a point written with a decimal point (refused by :func:`_value_kind`)."""
    return any(isinstance(option.get("value"), float) for _, option in items(entry.data.get("options")))


#: The values each operator may compare with, as the schema allows them (it reports the others).
_COMPARED_TYPES: dict[str, tuple[type, ...]] = {
    "equals": (str, int, float, bool),
    "in": (str, int, float),
    "includes": (str,),
}


def _compared_values(operator: str, operand: Any, path: DataPath) -> list[tuple[Any, DataPath]]:
    """The values a test compares with, each with its own place: a list's items one by one."""
    allowed = _COMPARED_TYPES[operator]
    if isinstance(operand, list) and operator != "equals":
        found = [(value, (*path, position)) for position, value in enumerate(operand)]
    elif operator != "in":
        found = [(operand, path)]
    else:
        found = []
    return [
        (value, where)
        for value, where in found
        if isinstance(value, allowed) and (bool in allowed or not isinstance(value, bool))
    ]


# --- Tests that never hold together ----------------------------------------------------------------

_TOGETHER = "so these tests never hold together in one 'all'; keep one of them, or join them with 'any'"


def check_contradictions(index: RubricIndex) -> Iterator[Problem]:
    """Tests of one question joined by ``all`` that no one answer passes together, though each
    can hold alone (a test that never holds alone is refused by :func:`check_conditions`, and left
    out here): ``equals: yes`` beside ``equals: no``, ``includes`` an exclusive option beside
    another option, two number ranges that do not meet. Such an ``all`` never holds, so its rule
    never fires and its follow-up is never asked (and counts as met), as a single test that never
    holds; said at the test that leaves no answer, naming the tests before it.

    Only tests of the same question side by side in one ``all`` are compared: what any answer can
    be is known per question (its options, its range), so this is exact for them. Whether a whole
    condition can hold (tests nested under ``any`` or ``not``, several questions that rule each
    other out) is not judged: that is general satisfiability, and a rubric rarely needs it."""
    roots = [(entry.data.get("when"), (*entry.path, "when")) for entry in index.every_question()]
    roots += [
        (item.get("when"), (key, position, "when"))
        for key in ("rules", "verdicts")
        for position, item in items(index.data.get(key))
    ]
    for condition, path in roots:
        for parts in _all_lists(condition, path):
            yield from _contradictions(index, parts)


def _all_lists(condition: Any, path: DataPath) -> Iterator[list[tuple[dict[str, Any], DataPath]]]:
    """The tests directly under each ``all`` of a condition, with their places, however deep (the
    depth is bounded by :func:`condition_depth_problems`)."""
    if not isinstance(condition, dict):
        return
    for key in ("all", "any"):
        parts = condition.get(key)
        if not isinstance(parts, list):
            continue
        places = [(part, (*path, key, position)) for position, part in enumerate(parts)]
        if key == "all":
            yield [(part, where) for part, where in places if isinstance(part, dict) and "question" in part]
        for part, where in places:
            yield from _all_lists(part, where)
    if "not" in condition:
        yield from _all_lists(condition["not"], (*path, "not"))


def _contradictions(index: RubricIndex, tests: list[tuple[dict[str, Any], DataPath]]) -> Iterator[Problem]:
    """The first test of each question in one ``all`` after which no answer passes them all."""
    seen: dict[str, list[tuple[str, Any]]] = {}
    said: set[str] = set()
    for test, path in tests:
        question_id = test.get("question")
        operators = [key for key in OPERATORS if key in test]
        if not isinstance(question_id, str) or question_id not in index.questions or len(operators) != 1:
            continue  # refused by the schema or check_conditions
        entry, (operator,) = index.questions[question_id], operators
        answers = _Answers.of(entry)
        tested = (operator, test[operator])
        if answers is None or operator == "answered" or question_id in said or not answers.passing([tested]):
            continue  # not judged, said once already, or never true alone (refused as such)
        tried = [*seen.setdefault(question_id, []), tested]
        if answers.passing(tried):
            seen[question_id] = tried
        else:
            said.add(question_id)  # once per question and 'all'
            yield index.problem((*path, operator), answers.message(question_id, tried))


@dataclass(frozen=True)
class _Answers:
    """The answers a question can have, for telling whether tests can hold together: each choice
    of a single answer, or the answers of a multiple choice that matter (an exclusive option
    alone, and every other option ticked at once: ``includes`` holds of more ticks whenever it
    holds of fewer), or a range of numbers."""

    kind: str
    choices: tuple[frozenset[Any], ...] = ()
    numbers: NumberAnswers | None = None
    exclusive: tuple[str, ...] = ()

    @staticmethod
    def of(entry: QuestionEntry) -> _Answers | None:
        kind = entry.type
        if kind is None:
            return None
        values = [option.get("value") for _, option in items(entry.data.get("options"))]
        if kind in ("yes_no", "single_choice"):
            return _Answers(kind, tuple(frozenset({value}) for value in values if isinstance(value, str)))
        if kind == "multiple_choice":
            alone = [
                option["value"]
                for _, option in items(entry.data.get("options"))
                if option.get("exclusive") is True and isinstance(option.get("value"), str)
            ]
            others = frozenset(value for value in values if isinstance(value, str) and value not in alone)
            choices = tuple(frozenset({value}) for value in alone) + ((others,) if others else ())
            return _Answers(kind, choices, exclusive=tuple(alone))
        numbers = number_answers(entry.data) if kind in NUMBER_TYPES else None
        return None if numbers is None else _Answers(kind, numbers=numbers)

    def passing(self, tests: list[tuple[str, Any]]) -> bool:
        """Whether some answer passes every test; a test of an operator this kind of question is
        not tested with is refused by :func:`check_conditions` and taken as met here."""
        if self.numbers is not None:
            return self._numbers_pass(tests)
        return any(
            all(self._passes(choice, operator, operand) for operator, operand in tests) for choice in self.choices
        )

    def _passes(self, choice: frozenset[Any], operator: str, operand: Any) -> bool:
        wanted = operand if isinstance(operand, list) else [operand]
        if self.kind == "yes_no":
            wanted = [yes_no_word(value) for value in wanted]
        if operator == "includes" and self.kind == "multiple_choice":
            return any(value in choice for value in wanted)
        if operator in ("equals", "in") and self.kind != "multiple_choice":
            return any(value in choice for value in wanted) if operator == "in" else wanted == [*choice]
        return True

    def _numbers_pass(self, tests: list[tuple[str, Any]]) -> bool:
        numbers = self.numbers
        assert numbers is not None
        low, low_in, high, high_in = -math.inf, False, math.inf, False
        allowed: set[float] | None = None
        for operator, operand in tests:
            if operator == "in" and isinstance(operand, list):
                listed = {value for value in operand if is_number(value)}
                allowed = listed if allowed is None else allowed & listed
            elif operator in NUMERIC_OPERATORS or operator == "equals":
                if not is_number(operand):
                    continue
                t_low, t_low_in, t_high, t_high_in = tested_interval(operator, operand)
                if (t_low, not t_low_in) > (low, not low_in):
                    low, low_in = t_low, t_low_in
                if (t_high, t_high_in) < (high, high_in):
                    high, high_in = t_high, t_high_in
        interval = (low, low_in, high, high_in)
        if allowed is not None:
            return any(numbers.admits((value, True, value, True)) and _within(value, interval) for value in allowed)
        return (low < high or (low == high and low_in and high_in)) and numbers.admits(interval)

    def message(self, question_id: str, tests: list[tuple[str, Any]]) -> str:
        said = " and ".join(_test_words(operator, operand, self.kind) for operator, operand in tests)
        if self.numbers is not None:
            why = f"its answers are {self.numbers.words}"
        elif self.kind == "multiple_choice":
            named = [
                value for operator, operand in tests for value in (operand if isinstance(operand, list) else [operand])
            ]
            alone = [value for value in self.exclusive if value in named]
            why = f"{quoted_list(alone)} {'is' if len(alone) == 1 else 'are'} exclusive, ticked alone"
        else:
            why = "it has one answer"
        return f"no answer to '{question_id}' {said}: {why}, {_TOGETHER}"


def _within(number: float, interval: tuple[float, bool, float, bool]) -> bool:
    low, low_in, high, high_in = interval
    return (number > low or (low_in and number == low)) and (number < high or (high_in and number == high))


def _test_words(operator: str, operand: Any, kind: str) -> str:
    """A test as the messages about it say it: ``is 'yes'``, ``includes 'none'``, ``is at least 12``."""
    if operator in COMPARISONS:
        return f"{COMPARISONS[operator]} {number_words(operand)}"
    values = operand if isinstance(operand, list) else [operand]
    if kind == "yes_no":
        values = [yes_no_word(value) for value in values]
    shown = " or ".join(number_words(value) if is_number(value) else f"'{value}'" for value in values)
    return f"includes {shown}" if operator == "includes" else f"is {shown}"


# --- Verdicts, directions, owners, changes, languages ------------------------------------------------

_VERDICT_CONDITIONS = ("min_score", "max_score", "max_severity", "min_coverage", "when")


def check_verdicts(index: RubricIndex) -> Iterator[Problem]:
    """Bands, best first, that always give a verdict; no score conditions on a score that never exists."""
    verdicts = items(index.data.get("verdicts"))
    missing = index.missing_score(OVERALL)
    for position, (verdict_index, verdict) in enumerate(verdicts):
        has_condition = any(key in verdict for key in _VERDICT_CONDITIONS)
        last = position == len(verdicts) - 1
        if last and has_condition:
            yield index.problem(
                ("verdicts", verdict_index),
                f"the last verdict ('{verdict.get('id')}') must have no conditions, so that every "
                "assessment gets a verdict; add a final catch-all verdict",
            )
        if not last and not has_condition:
            yield index.problem(
                ("verdicts", verdict_index),
                f"verdict '{verdict.get('id')}' has no conditions, so the verdicts after it are never used",
            )
        for key in ("min_score", "max_score"):
            if key in verdict and missing is not None:
                yield index.problem(
                    ("verdicts", verdict_index, key),
                    _no_score_message(f"verdict '{verdict.get('id')}'", OVERALL, missing, "it is never given"),
                    key=True,
                )
    # A risk rubric's bands listed out of order are said as such (_risk_bands_worst_first), and
    # neither their min_scores nor the gaps between them: listing them from the lowest risk, the
    # fix, changes both, and they are judged then.
    in_order = index.rubric_direction != "risk" or _risk_band_out_of_order(verdicts[:-1]) is None
    against = _bounds_against_direction(index, verdicts[:-1]) if in_order else {}
    yield from _direction_bound_problems(index, against)
    yield from _unreachable_verdicts(index, verdicts, against)
    if missing is None and in_order:
        yield from _score_gaps(index, verdicts[:-1], against)


def _bounds_against_direction(index: RubricIndex, verdicts: list[tuple[int, dict[str, Any]]]) -> dict[int, str]:
    """The bands (of ``verdicts``, those before the last) whose score bound goes against the
    rubric's direction, by position, with that bound: a readiness band's ``max_score``, a risk
    band's ``min_score``, on a band without a ``when``. Refused by :func:`_direction_bound_problems`;
    the gaps (:func:`_score_gaps`) and empty ranges (:func:`_unreachable_verdicts`) are judged as if
    it were removed, so that one mistake is said once.

    Bands are read best first. In a readiness rubric (higher is better), with only ``min_score``
    bounds a higher score meets every band a lower one meets, so it gets the same verdict or a
    better one. A ``max_score`` breaks that: a score above it that misses a band listed before it
    (its ``max_severity``, ``min_coverage``) falls to a later, worse band (83 with a high finding
    'not ready' while 75 is 'ready with conditions'), and questions left blank that could raise the
    score deny the band too. When the bands before it take every higher score, it is not needed. A
    risk rubric (lower is better) is the mirror: bands from the lowest risk, each with a
    ``max_score``, and a ``min_score`` lets a lower score that misses the bands before it fall to a
    later, worse one (20 with a high finding 'high' while 40 is 'moderate').

    A band with a ``when`` is a special case (a draft policy, an impact level), given whatever its
    place, and may have either bound; so may the last band, which has no conditions (refused as
    such). In a risk rubric, a band with only a ``min_score`` is one listed worst first (it leaves
    the lower scores to the last verdict), said as such (:func:`_risk_band_out_of_order`). The
    caller asks only of a risk rubric whose bands are in order: listed worst first, a
    ``min_score`` is how the lower scores reach the bands after it, and removing it would give
    them to the band; listed from the lowest risk, as advised, the bands before it take them."""
    risk = index.rubric_direction == "risk"
    key, other = ("min_score", "max_score") if risk else ("max_score", "min_score")
    return {
        position: key
        for position, verdict in verdicts
        if "when" not in verdict and is_number(verdict.get(key)) and (not risk or other in verdict)
    }


def _direction_bound_problems(index: RubricIndex, against: dict[int, str]) -> Iterator[Problem]:
    """A band's score bound that goes against the rubric's direction (see
    :func:`_bounds_against_direction`), said at the bound with the fix: remove it (the bands before
    it take those scores), give the band a ``when`` if it is a special case, or turn the direction
    if the rubric was written the other way round."""
    for position, key in against.items():
        verdict = index.data["verdicts"][position]  # a band found there (_bounds_against_direction)
        if key == "max_score":
            better, told = "higher", "no score above"
            direction, other = "readiness", "'direction: risk' if higher scores are worse"
        else:
            better, told = "lower", "no score below"
            direction, other = "risk", "'direction: readiness' if higher scores are better"
        yield index.problem(
            ("verdicts", position, key),
            f"verdict '{verdict.get('id')}' is given {told} {number_words(verdict[key])} ({key}) in a {direction} "
            f"rubric, where {better} is better: a {better} score that misses the verdicts before it (their "
            f"max_severity or min_coverage) gets a later, worse one; remove '{key}' (the verdicts before it take "
            f"the {better} scores), or give the verdict a 'when' if it is a special case, or write {other}",
        )


@dataclass(frozen=True)
class _Band:
    """The overall scores a verdict band can be given at: from ``low`` to ``high``, both included."""

    position: int
    verdict: dict[str, Any]
    low: float
    high: float


def _score_gaps(
    index: RubricIndex, verdicts: list[tuple[int, dict[str, Any]]], against: dict[int, str]
) -> Iterator[Problem]:
    """Scores between two bands that no band can give: they fall to the last verdict, the worst,
    while the scores on either side can get a better one, so a better score gets a worse verdict.

    Only the score bounds are compared. A band's other conditions (``max_severity``,
    ``min_coverage``, ``when``) are taken as met: a score in a gap gets the last verdict whatever
    they are, and a band with a ``when`` counts as covering its scores, so no gap is reported that
    some band could fill. Scores have one decimal, so a gap with no such number in it (between
    74.95 and 75) is no gap. ``verdicts`` are the bands before the last; ``against``, the bounds
    refused as going against the rubric's direction (:func:`_bounds_against_direction`), which are
    judged as removed: removing one is the fix, and it leaves no gap.
    """
    bands = []
    for position, verdict in verdicts:
        low, high = verdict.get("min_score", 0), verdict.get("max_score", 100)
        if against.get(position) == "max_score":
            high = 100  # a readiness band's refused max_score: without it, it reaches 100
        elif against.get(position) == "min_score":
            low = 0  # a risk band's refused min_score: without it, it starts at 0
        if not is_number(low) or not is_number(high):
            return  # refused by the schema or when read: the gaps cannot be judged
        if low <= high:
            bands.append(_Band(position, verdict, low, high))
    bands.sort(key=lambda band: (band.low, band.high))
    reach: _Band | None = None  # the band that reaches highest among those starting lower
    for band in bands:
        if reach is not None and _one_decimal_between(reach.high, band.low) is not None:
            yield _gap_problem(index, reach, band)
        if reach is None or band.high > reach.high:
            reach = band


def _risk_bands_worst_first(document: YamlDocument) -> Iterator[Problem]:
    """A risk rubric's band for lower risk listed after one for higher risk: bands are read best
    first (a report ranks them so, and ``--fail-on-verdict X`` fails on X and every band after it),
    so a risk rubric listing its worst band first (``high`` with only a ``min_score``, before the
    catch-all ``low``) would pass the gate on the worst verdict and fail it on the best. Said once,
    at the first band out of order (:func:`_risk_band_out_of_order`); judged with the scores no
    answers reach (:func:`unreachable_score_problems`), on a rubric with no other problem, so it
    hides none of those."""
    verdicts = items(document.data.get("verdicts"))
    out_of_order = _risk_band_out_of_order(verdicts[:-1])
    if out_of_order is None:
        return
    position, earlier = out_of_order
    verdict = document.data["verdicts"][position]
    if earlier is not None:
        told = f"can be given lower scores than '{earlier.get('id')}', listed before it"
    else:
        told = (
            f"is given only scores of at least {number_words(verdict['min_score'])}, so the last verdict, "
            f"'{verdicts[-1][1].get('id')}', gets the lower ones"
        )
    yield document.problem(
        ("verdicts", position),
        f"verdict '{verdict.get('id')}' {told}, in a risk rubric, where lower is better: verdicts are read best "
        "first (--fail-on-verdict X fails on X and every verdict after it), so list them from the lowest risk to "
        "the highest, with max_score on each but the last",
    )


def _risk_band_out_of_order(
    verdicts: list[tuple[int, dict[str, Any]]],
) -> tuple[int, dict[str, Any] | None] | None:
    """The first of a risk rubric's bands (``verdicts``, those before the last) listed out of order,
    by position, with the band before it for higher scores (None: it has only a ``min_score``,
    which leaves the lower scores to the last verdict); None when they are in order, from the
    lowest risk.

    Only bands whose scores their bounds alone decide are compared (a band with a ``when`` may be
    a special case, such as an impact level, whatever its place): one that needs a lower score than
    a band before it (a lower ``max_score``), and one with only a ``min_score``."""
    seen: list[tuple[dict[str, Any], float]] = []
    for position, verdict in verdicts:
        low, high = verdict.get("min_score", 0), verdict.get("max_score", 100)
        if "when" in verdict or not is_number(low) or not is_number(high):
            continue
        earlier = next((band for band, band_high in seen if high < band_high), None)
        if earlier is not None or ("min_score" in verdict and "max_score" not in verdict):
            return position, earlier
        seen.append((verdict, high))
    return None


def _one_decimal_between(low: float, high: float) -> float | None:
    """A score with one decimal above ``low`` and below ``high``, near the middle; None if none is."""
    first, last = math.floor(round(low * 10, 6)) + 1, math.ceil(round(high * 10, 6)) - 1
    if first > last:
        return None
    return round(min(max(round((low + high) * 5), first), last) / 10, 1)


def _gap_problem(index: RubricIndex, below: _Band, above: _Band) -> Problem:
    """The gap between ``below`` (ending at its ``max_score``) and ``above`` (starting at its
    ``min_score``), reported at the bound of the one listed later: moving it to meet the other
    closes the gap, and the shared score still goes to the one listed first, as before."""
    example = _one_decimal_between(below.high, above.low)
    assert example is not None
    edge, other = (number_words(below.high), number_words(above.low))
    if below.position > above.position:
        moved, key, told = below, "max_score", f"ends at 'max_score: {edge}' and the band above it starts at {other}"
        kept, fix = above, _meeting_bound(above.low, "max_score", "below")
    else:
        moved, key, told = above, "min_score", f"starts at 'min_score: {other}' and the band below it ends at {edge}"
        kept, fix = below, _meeting_bound(below.high, "min_score", "above")
    last = items(index.data.get("verdicts"))[-1][1].get("id")
    return index.problem(
        ("verdicts", moved.position, key),
        f"verdict '{moved.verdict.get('id')}' {told} (verdict '{kept.verdict.get('id')}'): a score above {edge} "
        f"and below {other} (such as {number_words(example)}: scores have one decimal) gets neither, but the last "
        f"verdict, '{last}', though the scores on either side can get a better one; both bounds are included, "
        f"so write {fix.format(kept=kept.verdict.get('id'))}",
    )


def _meeting_bound(bound: float, key: str, side: str) -> str:
    """The advice that closes a gap: write ``key`` (of the band listed later) at ``bound``, where
    the band listed first ends (``side`` is where the written bound lies from it: ``below`` for a
    ``max_score``). Scores have one decimal, so a bound with more (66.75) is a score no assessment
    gets: the advice is then the nearest one-decimal score on that side (66.7), which leaves
    nothing between the bands, and says which scores go to the other band. ``{kept}`` is left for
    the other band's id."""
    tenths = round(bound * 10, 6)
    if tenths == math.floor(tenths):
        written = number_words(bound)
        return f"'{key}: {written}' (a score of {written} still gets '{{kept}}', listed first)"
    nearest, beyond = (
        (math.floor(tenths), math.ceil(tenths)) if side == "below" else (math.ceil(tenths), math.floor(tenths))
    )
    more = "and above" if side == "below" else "and below"
    return (
        f"'{key}: {number_words(nearest / 10)}', the {'highest' if side == 'below' else 'lowest'} score {side} "
        f"{number_words(bound)} ({number_words(beyond / 10)} {more} get '{{kept}}')"
    )


def _unreachable_verdicts(
    index: RubricIndex, verdicts: list[tuple[int, dict[str, Any]]], against: dict[int, str]
) -> Iterator[Problem]:
    """Verdicts that can never be given: a score range that is empty, or a band that an earlier,
    more lenient one always takes. (One that tests a score that never exists: see
    :meth:`RubricIndex.missing_score`.) A range whose bound is refused as going against the
    rubric's direction (``against``, :func:`_bounds_against_direction`) is not judged again:
    removing that bound is the fix."""
    for position, (verdict_index, verdict) in enumerate(verdicts):
        name = verdict.get("id")
        low, high = verdict.get("min_score"), verdict.get("max_score")
        if is_number(low) and is_number(high) and low > high and verdict_index not in against:
            yield index.problem(
                ("verdicts", verdict_index, "max_score"),
                f"verdict '{name}' asks for a score of at least {low:g} and at most {high:g}, so it is never given; "
                "swap them if they were written the wrong way round, or lower 'min_score' or raise 'max_score'",
            )
        earlier = next((other for _, other in verdicts[:position] if _always_before(other, verdict)), None)
        if earlier is not None and position < len(verdicts) - 1:
            yield index.problem(
                ("verdicts", verdict_index),
                f"verdict '{name}' is never given: every assessment that meets its conditions meets those of "
                f"'{earlier.get('id')}' before it; make it stricter, or move it up",
            )


def _always_before(earlier: dict[str, Any], later: dict[str, Any]) -> bool:
    """Whether ``earlier`` holds whenever ``later`` does, judged on the plain conditions only
    (neither has a ``when``, and each condition of ``earlier`` is one that ``later`` is stricter on)."""
    if "when" in earlier or "when" in later or not any(key in earlier for key in _VERDICT_CONDITIONS):
        return False

    def at_most(key: str, stricter_is_lower: bool) -> bool:
        if key not in earlier:
            return True
        mine, theirs = earlier[key], later.get(key)  # a number refused while reading is None: no judging
        if theirs is None or not is_number(mine) or not is_number(theirs):
            return False
        return theirs <= mine if stricter_is_lower else theirs >= mine

    severity_ok = earlier.get("max_severity") is None or (
        later.get("max_severity") in SEVERITY_RANK
        and earlier.get("max_severity") in SEVERITY_RANK
        and SEVERITY_RANK[later["max_severity"]] <= SEVERITY_RANK[earlier["max_severity"]]
    )
    return (
        at_most("min_score", stricter_is_lower=False)
        and at_most("max_score", stricter_is_lower=True)
        and at_most("min_coverage", stricter_is_lower=False)
        and severity_ok
    )


def check_directions(index: RubricIndex) -> Iterator[Problem]:
    """An area that scores the other way from the rubric stays out of the overall score."""
    for position, area in items(index.data.get("areas")):
        if "direction" in area and index.area_direction(area) != index.rubric_direction and area.get("weight") != 0:
            yield index.problem(
                ("areas", position, "direction"),
                f"area '{area.get('id')}' scores {index.area_direction(area)} while the rubric scores "
                f"{index.rubric_direction}; give it 'weight: 0' so it is reported beside the overall score, "
                "not mixed into it",
                key=True,
            )


def check_role_weights(index: RubricIndex) -> Iterator[Problem]:
    """Some role counts when respondents are combined by the role-weighted mean (the default).

    A role of weight 0 is shown but does not count; when every role has weight 0 only respondents
    who state no role count, and a combined report of the others has no score at all, as if no
    answer could be scored. The other ways of combining count every respondent once, whatever
    their role's weight.
    """
    divergence = index.data.get("divergence")
    combine = divergence.get("combine", "role_weighted_mean") if isinstance(divergence, dict) else "role_weighted_mean"
    roles = items(index.data.get("roles"))
    if combine != "role_weighted_mean" or not roles or not index.scored:
        return
    if all(role.get("weight", 1) == 0 for _, role in roles):
        yield index.problem(
            ("roles",),
            "every role has 'weight: 0', so when respondents are combined by the role-weighted mean no one who "
            "answers in a role counts, and a combined report of them has no score; give a role a weight above 0, "
            "or choose another 'combine' under 'divergence'",
            key=True,
        )


def check_owners(index: RubricIndex) -> Iterator[Problem]:
    """Every finding's ``owner`` is a role of the rubric."""
    roles = index.ids["roles"]
    for path, finding in _findings(index):
        owner = finding.get("owner")
        if isinstance(owner, str) and owner not in roles:
            yield index.problem(
                (*path, "owner"),
                f"the finding's owner '{owner}' is not a role of this rubric ({quoted_list(sorted(roles))})"
                + index.suggest(owner, "roles"),
            )


def _findings(index: RubricIndex) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    for entry in index.every_question():
        for key in ("options", "bands"):
            for position, item in items(entry.data.get(key)):
                if isinstance(item.get("finding"), dict):
                    yield (*entry.path, key, position, "finding"), item["finding"]
    for position, rule in items(index.data.get("rules")):
        if isinstance(rule.get("finding"), dict):
            yield ("rules", position, "finding"), rule["finding"]


def check_changes(index: RubricIndex) -> Iterator[Problem]:
    """Change entries no newer than the rubric (when its version is one: a version the schema
    refuses is neither older nor newer than theirs), and no likely typo in the ids they list."""
    version = index.data.get("version")
    version = version if isinstance(version, str) and is_version(version) else None
    for position, change in items(index.data.get("changes")):
        changed = change.get("version")
        if version is not None and isinstance(changed, str) and version_key(changed) > version_key(version):
            yield index.problem(
                ("changes", position, "version"),
                f"change {changed} is newer than the rubric's version {version}: a change records what a version "
                f"changed, so raise the rubric's 'version' to {changed} if this is its newest change, or correct "
                "the change's version",
            )
        yield from _mistyped_changes(index, position, change)


#: For each list a change may hold: how a listed id is named, what the rubric's ids of that kind
#: are called, and what a typo costs (see :func:`_mistyped_changes`).
_CHANGE_LISTS = {
    "questions": (
        "",
        "question",
        " and earlier answers to it are kept (list a removed question this close to one still asked only "
        "beside it, as a rename)",
    ),
    "rules": ("rule ", "rule", ", so a comparison with an earlier baseline takes its findings for new ones"),
}


def _mistyped_changes(index: RubricIndex, position: int, change: dict[str, Any]) -> Iterator[Problem]:
    """Ids a change lists (``questions``, ``rules``) that are one slip from one of the rubric's,
    which it does not list.

    A change may list a question (or rule) the rubric no longer has: a removed one. But an id one
    slip from a current one (``risk`` for ``risks``) is far likelier a typo, and a costly one: the
    question it meant then counts as unchanged, so ``--baseline`` compares answers to it across
    the change and ``assess --resume`` keeps them unasked; a rule meant counts as unchanged, so its
    first finding reads as a new risk. A rename lists both ids, so a removed id is taken as such
    when the one it is close to is listed beside it. Near names of another kind (``data-sharing``
    and ``data-storage``, numbered ``impact6`` and ``impact7``) are left alone: those are as likely
    two as one typo.
    """
    for key, (named, kind, cost) in _CHANGE_LISTS.items():
        listed = change.get(key)
        if not isinstance(listed, list):
            continue
        known = index.questions.keys() if key == "questions" else index.ids.get("rules", set())
        names = [name for name in listed if isinstance(name, str)]
        renamed_to = [name for name in names if name in known]
        for place, name in enumerate(listed):
            if not isinstance(name, str) or name in known or one_slip_from(name, renamed_to) is not None:
                continue  # one the rubric has, or a removed one listed beside its new id (a rename)
            meant = one_slip_from(name, (other for other in known if other not in names and is_id(other)))
            if meant is not None:
                yield index.problem(
                    ("changes", position, key, place),
                    f"change {change.get('version')} lists {named}'{name}', which is not a {kind} of this rubric; "
                    f"did you mean '{meant}'? As written, '{meant}' counts as unchanged in {change.get('version')}"
                    f"{cost}",
                )


def check_languages(index: RubricIndex) -> Iterator[Problem]:
    """Text given in several languages includes the rubric's own, and no language code is given by
    so few texts that it is likelier a typo than a translation (``ra`` for ``ar``)."""
    language = index.data.get("language", "en")
    if isinstance(language, str):
        yield from missing_language_problems(index.document, language)
        yield from rare_language_problems(index.document, language)


# --- Scores no answers reach (on the built model) --------------------------------------------------

#: What bounds the scores, said in every message about one no answers reach.
_BOUNDED_BY = "each question's worst and best answers, and follow-ups counted as met, keep it"


def unreachable_score_problems(document: YamlDocument, rubric: Rubric) -> list[Problem]:
    """Verdicts and score tests that no answers reach, judged on the rubric built from ``document``
    (which has no other problem): a verdict that asks for more than the highest overall score any
    answers give (or, with ``max_score``, less than the lowest) is never given, and a test of a
    score outside its bounds never holds, however critical its rule.

    The bounds come from :func:`civdata.scoring.score_bounds`: never narrower than the truth, so
    nothing is refused that some answers reach; a band or test that only an impossible answer set
    would reach may pass unnoticed. A test no score at all can pass (below 0, above 100) has
    been refused by :func:`check_conditions` already and is not reported again.
    """
    bounds = score_bounds(rubric)
    overall = _overall_bounds(rubric, bounds)
    if overall is not None:
        bounds = {**bounds, OVERALL: overall}
    problems = []
    for position, verdict in items(document.data.get("verdicts")):
        problem = _verdict_out_of_reach(document, position, verdict, overall)
        if problem is not None:
            problems.append(problem)
    for key in ("rules", "verdicts"):
        for position, item in items(document.data.get(key)):
            if isinstance(item.get("when"), dict):
                for test, path in _tests(item["when"], (key, position, "when")):
                    problems.extend(_score_test_out_of_reach(document, test, path, bounds))
    if rubric.direction is Direction.RISK:
        # A readiness rubric may list a band for the lowest scores before its catch-all (a
        # 'stalled' below 'started'): its gates read that order as written, and the bundled and
        # example rubrics do not; a risk rubric listing its worst band first is the likely slip.
        problems.extend(_risk_bands_worst_first(document))
    return problems


def _overall_bounds(rubric: Rubric, bounds: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    """The lowest and highest overall score any answers give, from the bounds of the areas'
    scores: the overall score is the weighted mean (area weights; weight-0 areas out) of the areas
    that have a score, so at best it is the weighted mean of their best scores, not the best of
    any one area, when every area counts.

    An area counts for every respondent when each role (and so a respondent who states none, who
    is asked everything) is asked a scored question in it that cannot be answered "not applicable":
    that question is answered, or counted as met when its ``when`` leaves it out, and one left
    blank holds back the verdict at its worst (:func:`civdata.scoring.choose_verdict`). Any other
    area may be left out (a role asked nothing in it, answers all "not applicable"), so the best is
    the highest weighted mean over the areas that always count and any of the others; taking the
    others best first finds it. A combined report of several respondents counts the areas any of
    them has, each at most its best, so it stays within the same bounds. The areas' own bounds
    (:func:`civdata.scoring.score_bounds`) and the role-blind choice of areas may be wider than the
    truth, never narrower: no band that some answers reach is refused. Rounded outwards to one
    decimal, as reports round the overall score."""
    counted = [area for area in rubric.areas if area.weight > 0 and area.id in bounds]
    if not counted:
        return None
    roles = [role.id for role in rubric.roles] or [""]
    always = [area for area in counted if all(_always_scored(area, role) for role in roles)]
    others = [area for area in counted if area not in always]
    low = _extreme_mean(
        [(area.weight, bounds[area.id][0]) for area in always],
        [(area.weight, bounds[area.id][0]) for area in others],
        -1,
    )
    high = _extreme_mean(
        [(area.weight, bounds[area.id][1]) for area in always],
        [(area.weight, bounds[area.id][1]) for area in others],
        1,
    )
    return math.floor(round(low * 10, 6)) / 10, math.ceil(round(high * 10, 6)) / 10


def _always_scored(area: Area, role: str) -> bool:
    """Whether every respondent in ``role`` has a score in ``area``: see :func:`_overall_bounds`."""
    return any(
        question.scored and question.asked_of(role) and not any(option.not_applicable for option in question.options)
        for question in area.questions
    )


def _extreme_mean(always: list[tuple[float, float]], others: list[tuple[float, float]], sign: int) -> float:
    """The highest (``sign`` 1) or lowest (-1) weighted mean of the (weight, score) pairs of
    ``always`` and any of ``others``: adding the others from the best down, the best mean is one
    of those on the way (one that lowers the mean is never worth adding before a better one)."""
    weight = sum(area_weight for area_weight, _ in always)
    total = sum(area_weight * score for area_weight, score in always)
    best = total / weight if weight else None
    for area_weight, score in sorted(others, key=lambda pair: -sign * pair[1]):
        weight += area_weight
        total += area_weight * score
        best = total / weight if best is None or sign * total / weight > sign * best else best
    assert best is not None  # called with at least one area
    return best


def _verdict_out_of_reach(
    document: YamlDocument, position: int, verdict: dict[str, Any], overall: tuple[float, float] | None
) -> Problem | None:
    if overall is None:
        return None
    low, high = overall
    reach = f"{_BOUNDED_BY} from {number_words(low)} to {number_words(high)}"
    least, most = verdict.get("min_score"), verdict.get("max_score")
    name = f"verdict '{verdict.get('id')}'"
    if is_number(least) and least > high:
        return document.problem(
            ("verdicts", position, "min_score"),
            f"{name} asks for a score of at least {number_words(least)}, but no answers give an overall score "
            f"above {number_words(high)}: {reach}, so it is never given; lower 'min_score', or the options' "
            "scores are too low to reach it",
        )
    if is_number(most) and most < low:
        return document.problem(
            ("verdicts", position, "max_score"),
            f"{name} asks for a score of at most {number_words(most)}, but no answers give an overall score "
            f"below {number_words(low)}: {reach}, so it is never given; raise 'max_score', or the options' "
            "scores are too high to reach it",
        )
    return None


def _score_test_out_of_reach(
    document: YamlDocument, test: dict[str, Any], path: DataPath, bounds: dict[str, tuple[float, float]]
) -> Iterator[Problem]:
    target = test.get(SCORE_KEY)
    operators = [key for key in NUMERIC_OPERATORS if key in test]
    if not isinstance(target, str) or target not in bounds or len(operators) != 1:
        return
    operator, number = operators[0], test[operators[0]]
    tested = tested_interval(operator, number) if is_number(number) else None
    if tested is None or not SCORES.admits(tested):
        return  # not a number, or no score at all passes it: reported by check_conditions
    low, high = bounds[target]
    if NumberAnswers("", low=low, high=high).admits(tested):
        return
    subject = "an overall score" if target == OVERALL else f"a score of area '{target}'"
    yield document.problem(
        (*path, operator),
        f"no answers give {subject} that {COMPARISONS[operator]} {number_words(number)}: {_BOUNDED_BY} from "
        f"{number_words(low)} to {number_words(high)}, so this test never holds; change the number, or the "
        "options' scores",
    )


#: Every check, in the order their problems are most useful to read.
CHECKS: tuple[Callable[[RubricIndex], Iterator[Problem]], ...] = (
    check_question_ids,
    check_area_ids,
    check_question_keys,
    check_options,
    check_findings_follow_scores,
    check_number_bands,
    check_conditions,
    check_contradictions,
    check_follow_up_roles,
    check_verdicts,
    check_directions,
    check_role_weights,
    check_owners,
    check_changes,
    check_languages,
)


def consistency_problems(document: YamlDocument) -> list[Problem]:
    """Every problem the checks find in a rubric document that is a mapping."""
    index = index_rubric(document)
    problems = list(index.problems)
    for check in CHECKS:
        problems.extend(check(index))
    return problems
