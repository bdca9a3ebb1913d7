"""Follow-ups opened by better answers, judged on the built model.

A follow-up that is not asked counts as met (full marks; docs/scoring.md), which is fair only
when the answers that skip it are the safer ones: "Is the data sensitive? No" needs no threat
model. A follow-up opened by a *better* answer turns that round: "How involved is the community?
Co-decides" opens a question that "Not at all" skips, so "Not at all" keeps its full marks and
can score above "Co-decides" with a poor answer to the follow-up. The rubric's verdict would then
reward the worse answer, so the rubric is refused with the way to fix it.

Judged where it can be told from the rubric alone: a follow-up that is scored, opened by one test
(or ``any`` of tests) on a question of one answer whose options are scored. Tests under ``not``
or ``all``, and tests on a multiple choice, are left to the property tests of civdata's own
rubrics (tests/rubric_properties.py), which judge whole answer sets.
"""

from __future__ import annotations

from collections.abc import Iterator

from civdata.conditions import matches
from civdata.model import AnyOf, Compare, Condition, Option, Question, QuestionType, Rubric
from civdata.problems import Problem
from civdata.rubric_checks.index import items
from civdata.yamlsource import DataPath, YamlDocument


def follow_up_order_problems(document: YamlDocument, rubric: Rubric) -> list[Problem]:
    """A problem at the ``when`` of each scored follow-up that a better answer opens and a worse
    one skips (see the module docstring)."""
    problems = []
    for area_index, area in items(document.data.get("areas")):
        for index, entry in items(area.get("questions")):
            question_id = entry.get("id")
            if not isinstance(question_id, str) or not rubric.has_question(question_id):
                continue
            follow_up = rubric.question(question_id)
            if follow_up.when is None or not follow_up.scored or not follow_up.weight:
                continue
            path: DataPath = ("areas", area_index, "questions", index, "when")
            for test in _opening_tests(follow_up.when):
                message = _better_opens(rubric, follow_up, test)
                if message is not None:
                    problems.append(document.problem(path, message))
                    break
    return problems


def _opening_tests(condition: Condition) -> Iterator[Compare]:
    """The tests that open a follow-up each on its own: the condition itself, or the parts of an ``any``."""
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, AnyOf):
        for part in condition.conditions:
            if isinstance(part, Compare):
                yield part


def _better_opens(rubric: Rubric, follow_up: Question, test: Compare) -> str | None:
    """The message when an answer that opens ``follow_up`` is better than one that skips it."""
    if test.operator == "answered" or not rubric.has_question(test.question):
        return None
    opener = rubric.question(test.question)
    if not opener.type.has_options or opener.type is QuestionType.MULTIPLE_CHOICE:
        return None
    scored = [option for option in opener.options if _judged(option)]
    opening = [option for option in scored if matches(test, option.value)]
    skipping = [option for option in scored if not matches(test, option.value)]
    if not opening or not skipping:
        return None
    best = max(opening, key=lambda option: opener.goodness(option.score or 0.0))
    worst = min(skipping, key=lambda option: opener.goodness(option.score or 0.0))
    if opener.goodness(best.score or 0.0) <= opener.goodness(worst.score or 0.0):
        return None
    return (
        f"'{follow_up.id}' is asked after “{best.label}” to '{opener.id}' but not after the worse “{worst.label}”: "
        "a follow-up not asked counts as met, so the worse answer keeps full marks for it and can score better; "
        f"open '{follow_up.id}' on the riskier answers of '{opener.id}', or ask it of everyone"
    )


def _judged(option: Option) -> bool:
    """An option whose score says how good it is: scored, and neither "I don't know" nor "not applicable"."""
    return option.score is not None and not option.unknown and not option.not_applicable
