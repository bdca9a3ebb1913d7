"""What every check reads: an index of a rubric document's questions and areas, built once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from civdata.conditions import OVERALL
from civdata.model import (
    QuestionType,
)
from civdata.possible_answers import (
    is_number,
)
from civdata.problems import Problem, did_you_mean
from civdata.records import record
from civdata.rubric_data import is_id
from civdata.wording import plural
from civdata.yamlsource import DataPath, YamlDocument

#: How deep 'all', 'any' and 'not' may nest in one condition. Real rubrics use two or three
#: levels; the limit keeps every check and evaluation of a condition far from Python's
#: recursion limit (JSON Schema validation recurses several frames per level).
MAX_CONDITION_DEPTH = 20

CHOICE_TYPES = ("single_choice", "multiple_choice", "yes_no", "scale")
_TYPES = {kind.value for kind in QuestionType}


def items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mapping items of a list, with their index; anything malformed is skipped (the schema
    has already reported it)."""
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


@record
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
    folded: dict[str, str] = {}
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
                other = folded.get(ident.casefold())
                if other is not None:
                    first = document.position((*index.questions[other].path, "id")).line
                    index.problems.append(
                        index.problem(
                            (*path, "id"),
                            f"question id '{ident}' differs from '{other}' (line {first}) only in letter case: an "
                            "answer given under one would be read as the other's by anyone who mistypes it; make "
                            "them different ids",
                        )
                    )
                folded.setdefault(ident.casefold(), ident)
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
