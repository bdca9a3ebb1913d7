"""Scores no answers reach, judged on the built model: a verdict never given, a score test
that never holds."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from civdata.conditions import NUMERIC_OPERATORS, OVERALL, SCORE_KEY
from civdata.describe import COMPARISONS
from civdata.model import (
    Area,
    Direction,
    Rubric,
)
from civdata.possible_answers import (
    SCORES,
    NumberAnswers,
    is_number,
    tested_interval,
)
from civdata.problems import Problem
from civdata.rubric_checks.conditions import condition_tests
from civdata.rubric_checks.index import items
from civdata.rubric_checks.verdicts import risk_bands_worst_first
from civdata.scoring import score_bounds
from civdata.wording import number_words
from civdata.yamlsource import DataPath, YamlDocument

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
                for test, path in condition_tests(item["when"], (key, position, "when")):
                    problems.extend(_score_test_out_of_reach(document, test, path, bounds))
    if rubric.direction is Direction.RISK:
        # A readiness rubric may list a band for the lowest scores before its catch-all (a
        # 'stalled' below 'started'): its gates read that order as written, and the bundled and
        # example rubrics do not; a risk rubric listing its worst band first is the likely slip.
        problems.extend(risk_bands_worst_first(document))
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
