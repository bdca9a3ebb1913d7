"""Follow-ups opened by better answers, and unscored questions others depend on, judged on the
built model.

A follow-up that is not asked counts as met (full marks; docs/scoring.md), which is fair only
when the answers that skip it are the safer ones: "Is the data sensitive? No" needs no threat
model. A follow-up opened by a *better* answer turns that round: "How involved is the community?
Co-decides" opens a question that "Not at all" skips, so "Not at all" keeps its full marks and
can score above "Co-decides" with a poor answer to the follow-up. The rubric's verdict would then
reward the worse answer, so the rubric is refused with the way to fix it.

Judged where it can be told from the rubric alone: a follow-up that is scored, opened by one test
(or ``any`` of tests) on a choice, yes/no or scale question in its own area whose options are
scored 0 to 1, and that weighs more than the gap between the two answers can make up. Tests under
``not`` or ``all``, tests on a multiple choice or a number, and follow-ups in another area are
left to the property tests of civdata's own rubrics (tests/rubric_properties.py), which judge
whole answer sets.
"""

from __future__ import annotations

from collections.abc import Iterator

from civdata.conditions import matches
from civdata.model import AnyOf, Compare, Condition, Option, Question, QuestionType, Rubric, answer_tests
from civdata.problems import Problem
from civdata.rubric_checks.index import items
from civdata.yamlsource import DataPath, YamlDocument


def follow_up_order_problems(document: YamlDocument, rubric: Rubric) -> list[Problem]:
    """A problem at the ``when`` of each scored follow-up that a better answer opens and a worse
    one skips (see the module docstring)."""
    problems = []
    for follow_up, path in _placed_questions(document, rubric):
        if follow_up.when is None or not follow_up.scored:
            continue
        messages = [said for test in _opening_tests(follow_up.when) if (said := _better_opens(rubric, follow_up, test))]
        if messages:  # one problem per follow-up, at its `when`
            problems.append(document.problem((*path, "when"), messages[0]))
    return problems


def _placed_questions(document: YamlDocument, rubric: Rubric) -> Iterator[tuple[Question, DataPath]]:
    """Each question of the built rubric with its place in the document (where a problem of it is
    said), in the document's order."""
    for area_index, area in items(document.data.get("areas")):
        for index, entry in items(area.get("questions")):
            question_id = entry.get("id")
            if isinstance(question_id, str) and rubric.has_question(question_id):
                yield rubric.question(question_id), ("areas", area_index, "questions", index)


def _opening_tests(condition: Condition) -> Iterator[Compare]:
    """The tests that open a follow-up each on its own: the condition itself, or the parts of an ``any``."""
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, AnyOf):
        for part in condition.conditions:
            if isinstance(part, Compare):
                yield part


def _better_opens(rubric: Rubric, follow_up: Question, test: Compare) -> str | None:
    """The message when an answer that opens ``follow_up`` is better than one that skips it by
    less than the follow-up can lose: the worse answer, keeping the follow-up's full marks, can
    then score above the better one with the follow-up's worst answer. Judged within one area (an
    area's score weighs its questions by their weights alone) and for 0-1 scores, not points."""
    if test.operator == "answered" or not rubric.has_question(test.question):
        return None
    opener = rubric.question(test.question)
    if not opener.type.has_options or opener.type is QuestionType.MULTIPLE_CHOICE:
        return None
    if opener.area_id != follow_up.area_id or opener.uses_points or follow_up.uses_points:
        return None
    scored = [option for option in opener.options if _judged(option)]
    opening = [option for option in scored if matches(test, option.value)]
    skipping = [option for option in scored if not matches(test, option.value)]
    lowest = _lowest_goodness(follow_up)
    if not opening or not skipping or lowest is None:
        return None
    best = max(opening, key=lambda option: opener.goodness(option.score or 0.0))
    worst = min(skipping, key=lambda option: opener.goodness(option.score or 0.0))
    gap = opener.goodness(best.score or 0.0) - opener.goodness(worst.score or 0.0)
    if gap <= 0 or follow_up.weight * (1 - lowest) <= opener.weight * gap:
        return None
    return (
        f"'{follow_up.id}' is asked after “{best.label}” to '{opener.id}' but not after the worse “{worst.label}”: "
        "a follow-up not asked counts as met, so the worse answer keeps full marks for it and can score better; "
        f"open '{follow_up.id}' on the riskier answers of '{opener.id}', or ask it of everyone"
    )


def _judged(option: Option) -> bool:
    """An option whose score says how good it is: scored, and neither "I don't know" nor "not applicable"."""
    return option.score is not None and not option.unknown and not option.not_applicable


def unscored_gate_problems(document: YamlDocument, rubric: Rubric) -> list[Problem]:
    """A problem at the options of each question of ``weight: 0`` that others depend on (a
    question's ``when`` or a rule tests which answer it has) and whose answers are ordered but
    not all scored: a yes/no, a scale, or a choice some of whose options have scores. A choice
    none of whose options has a score is a category (a region, the kinds of data held): no answer
    is riskier than another, and nothing is refused. A checklist, which scores nothing, neither.

    Such a question scores nothing, and the rubric format lets its options go without scores;
    but a report on several respondents compares their answers to it by those scores, so two
    people who disagree on it ("is the data about people at risk?") raised no disagreement at all,
    the one that matters most (a methodologist's review, 2026-11-29); and without them, which of
    its answers is the riskier, that a follow-up should open on, cannot be told."""
    if not rubric.scored:  # a checklist scores nothing, on purpose, and compares no scores
        return []
    conditions = [(f"question '{question.id}'", question.when) for question in rubric.questions]
    conditions += [(f"rule '{rule.id}'", rule.when) for rule in rubric.rules]
    depending: dict[str, str] = {}
    for owner, condition in conditions:
        for test in answer_tests(condition):
            if test.operator != "answered":  # whether it was answered, not which answer
                depending.setdefault(test.question, owner)
    problems = []
    for question, path in _placed_questions(document, rubric):
        unscored = [
            option.value
            for option in question.options
            if option.score is None and not option.unknown and not option.not_applicable
        ]
        if question.id not in depending or question.weight or not unscored or not _ordered(question):
            continue
        listed = ", ".join(f"'{value}'" for value in unscored)
        problems.append(
            document.problem(
                (*path, "options"),
                f"'{question.id}' has options without a score ({listed}) and {depending[question.id]} depends on "
                "it: respondents who disagree on it would raise no disagreement, and which answer is the riskier "
                "cannot be told; give each option a score (with weight: 0 the question still counts in no score)",
            )
        )
    return problems


def _ordered(question: Question) -> bool:
    """Whether a question's answers run from worse to better: a yes/no or a scale, or a choice the
    rubric scores in part (so it meant them ordered, and left some out)."""
    if question.type in (QuestionType.YES_NO, QuestionType.SCALE):
        return True
    return any(option.score is not None for option in question.options if not option.unknown)


def _lowest_goodness(question: Question) -> float | None:
    """The worst a scored answer to ``question`` is, 0 (worst) to 1: its lowest option or band
    ("I don't know" scores as the worst); None when nothing in it is scored."""
    scores = [option.score for option in question.options if option.score is not None]
    scores += [band.score for band in question.bands if band.score is not None]
    return min((question.goodness(score) for score in scores), default=None)
