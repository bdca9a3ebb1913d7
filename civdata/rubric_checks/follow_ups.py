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
from civdata.describe import describe_condition
from civdata.model import AllOf, AnyOf, Compare, Condition, Not, Option, Question, QuestionType, Rubric, answer_tests
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


def negated_follow_up_problems(document: YamlDocument, rubric: Rubric) -> list[Problem]:
    """A problem at each test of a follow-up's answer that a rule reads under a ``not`` without
    a guard: where an earlier answer closes the follow-up, every test on it is false, so the
    ``not`` holds, and the rule raises its finding for the reassuring answer that closed it
    ("no biometrics" raised "biometric records may reach someone", a methodologist's review of
    2026-11-29). Likewise a test that holds where the follow-up has no answer (``answered: false``).
    Guarded, and not refused: a part beside it in an ``all`` that fails where the follow-up was
    closed (``answered: true``, the usual guard, or a test of its answer outside a ``not``), or
    that holds only where the follow-up is asked (a test on the answers that open it, or under a
    ``not`` on the others). A guard may be nested: the docs' own ``not: {any: [...]}`` was refused
    when only plain tests beside it counted. A test of the follow-up elsewhere in the rule is no
    guard: ``answered: false`` counted as its own, and one beside it in an ``any`` leaves it to
    hold alone (the review of rubric authoring).
    Verdicts too: a band on ``answered: false`` of a follow-up gave "no biometrics" at 100/100 the
    band meant for those who left it blank (the review of the fix). A question's ``when`` only asks.
    """
    problems = []
    owners = (
        ("rules", "rule", "raises its finding", {rule.id: rule.when for rule in rubric.rules}),
        ("verdicts", "verdict", "gives its band", {verdict.id: verdict.when for verdict in rubric.verdicts}),
    )
    for key, owner, does, whens in owners:
        for position, entry in items(document.data.get(key)):
            when = whens.get(str(entry.get("id")))
            if when is None or not isinstance(entry.get("when"), dict):
                continue
            for test, guards, path in _unanswered_tests(when, (key, position, "when")):
                follow_up = rubric.question(test.question) if rubric.has_question(test.question) else None
                if follow_up is None or follow_up.when is None or _kept_to_asked(rubric, follow_up, guards):
                    continue
                named = f"{owner} '{entry.get('id')}'"
                problems.append(
                    document.problem(path, _negated_follow_up_message(rubric, named, follow_up, test, does))
                )
    return problems


#: A part of a condition that must hold beside a test for the condition to hold, and whether it
#: is read under a ``not``.
Guard = tuple[Condition, bool]


def _unanswered_tests(
    condition: Condition, path: DataPath, negated: bool = False, guards: tuple[Guard, ...] = ()
) -> Iterator[tuple[Compare, tuple[Guard, ...], DataPath]]:
    """Each test that holds where its question has no answer (:func:`_holds_unanswered`: a test
    of which answer it has under an odd number of ``not``s, or ``answered: false``), with its place
    and the parts that must hold beside it for the condition to hold (its guards: the other parts
    of every ``all`` it is in, and of every ``not any``, read as ``all`` of the ``not``s). A guard
    may be any condition (``not: {any: [...]}`` is one the docs name), not only a test."""
    if isinstance(condition, Not):
        yield from _unanswered_tests(condition.condition, (*path, "not"), not negated, guards)
    elif isinstance(condition, (AllOf, AnyOf)):
        key = "all" if isinstance(condition, AllOf) else "any"
        together = _together(condition, negated)
        for index, part in enumerate(condition.conditions):
            beside = tuple((other, negated) for other in condition.conditions if other is not part) if together else ()
            yield from _unanswered_tests(part, (*path, key, index), negated, guards + beside)
    elif isinstance(condition, Compare) and _holds_unanswered(condition, negated):
        yield condition, guards, path


def _together(condition: AllOf | AnyOf, negated: bool) -> bool:
    """Whether every part of ``condition`` must hold for it to hold: an ``all``, or a ``not any``
    (an ``all`` of the ``not``s); otherwise one part is enough."""
    return isinstance(condition, AllOf) is not negated


def _holds_unanswered(test: Compare, negated: bool) -> bool:
    """Whether ``test`` (under a ``not`` if ``negated``) holds for a question nobody answered: a
    closed follow-up makes every test on it false except ``answered: false``, so ``answered:
    false``, and under a ``not`` any other test, holds for everyone whose earlier answer closed it
    (the review of verdicts); the rest fail for them, and so keep a rule to those who were asked."""
    unanswered = test.operator == "answered" and not test.operand
    return unanswered is not negated


def _kept_to_asked(rubric: Rubric, follow_up: Question, guards: tuple[Guard, ...]) -> bool:
    """Whether parts that must all hold keep a rule to those who were asked ``follow_up``: one of
    them fails where it was closed (:func:`_fails_closed`), or makes its ``when`` hold."""
    assert follow_up.when is not None
    if any(_fails_closed(guard, negated, follow_up.id) for guard, negated in guards):
        return True
    return _implies(rubric, guards, follow_up.when)


def _fails_closed(guard: Condition, negated: bool, follow_up_id: str) -> bool:
    """Whether ``guard`` (under a ``not`` if ``negated``) is false for everyone whose earlier answer
    closed ``follow_up_id``, whatever their other answers: a test of it that fails without an
    answer (``answered: true``, a test of its answer outside a ``not``), or parts that do so."""
    if isinstance(guard, Compare):
        return guard.question == follow_up_id and not _holds_unanswered(guard, negated)
    if isinstance(guard, Not):
        return _fails_closed(guard.condition, not negated, follow_up_id)
    if isinstance(guard, (AllOf, AnyOf)):
        failing = (_fails_closed(part, negated, follow_up_id) for part in guard.conditions)
        return any(failing) if _together(guard, negated) else all(failing)
    return False  # a test of a score


def _implies(rubric: Rubric, guards: tuple[Guard, ...], opening: Condition) -> bool:
    """Whether parts that all hold make ``opening`` (a follow-up's ``when``) hold: each part of an
    ``all`` by one of them, anything else by one of them alone (:func:`_guard_implies`)."""
    if isinstance(opening, AllOf):
        return all(_implies(rubric, guards, part) for part in opening.conditions)
    return any(_guard_implies(rubric, guard, negated, opening) for guard, negated in guards)


def _guard_implies(rubric: Rubric, guard: Condition, negated: bool, opening: Condition) -> bool:
    """Whether ``opening`` holds wherever ``guard`` (under a ``not`` if ``negated``) does: an
    ``all`` by one of its parts, an ``any`` by each; in the end a test that leaves, of the question
    ``opening`` tests, only answers it opens on, each answer judged by
    :func:`civdata.conditions.matches` as the scorer judges it. Anything else (a test of whether
    there is an answer, a number, a score) is not taken to imply it."""
    if isinstance(opening, AllOf):
        return all(_guard_implies(rubric, guard, negated, part) for part in opening.conditions)
    if isinstance(guard, Not):
        return _guard_implies(rubric, guard.condition, not negated, opening)
    if isinstance(guard, (AllOf, AnyOf)):
        implying = (_guard_implies(rubric, part, negated, opening) for part in guard.conditions)
        return any(implying) if _together(guard, negated) else all(implying)
    if isinstance(opening, AnyOf):
        return any(_guard_implies(rubric, guard, negated, part) for part in opening.conditions)
    if not isinstance(guard, Compare) or not isinstance(opening, Compare) or opening.operator == "answered":
        return False
    left = _answers_left(rubric, guard, negated) if guard.question == opening.question else None
    return left is not None and all(matches(opening, value) for value in left)


def _answers_left(rubric: Rubric, test: Compare, negated: bool) -> list[str | int] | None:
    """The options a guard lets through (under a ``not``, those it does not name); None where
    that cannot be told: a test of whether there is an answer, a question without options, and a
    multiple choice under a ``not`` (not ticking one option says nothing of the others). A ``not``
    over a question that is itself a follow-up holds too where it was closed, and the follow-up it
    opens with it; that guard is refused as a test of a follow-up under a ``not`` in its own right."""
    if test.operator == "answered" or not rubric.has_question(test.question):
        return None
    question = rubric.question(test.question)
    if not question.type.has_options or (negated and question.type is QuestionType.MULTIPLE_CHOICE):
        return None
    return [option.value for option in question.options if matches(test, option.value) is not negated]


def _negated_follow_up_message(
    rubric: Rubric, named: str, follow_up: Question, test: Compare | None = None, does: str = "raises its finding"
) -> str:
    """What a rule (or a verdict: ``named`` says which, ``does`` what it then does) reading a
    closed follow-up as unanswered is told."""
    assert follow_up.when is not None
    owner = named.split(" ", 1)[0]
    if test is not None and test.operator == "answered":
        return (
            f"{named} tests whether '{follow_up.id}' was left unanswered, and '{follow_up.id}' is asked only "
            f"if {describe_condition(follow_up.when, rubric)}: an answer that closes it leaves it unanswered, so the "
            f"{owner} {does} for that answer too, about a question nobody was asked; beside it in an 'all', "
            f"test the answers of the question that opens '{follow_up.id}' (the {owner} then reads those asked it)"
        )
    return (
        f"{named} tests '{follow_up.id}' under a 'not', and '{follow_up.id}' is asked only if "
        f"{describe_condition(follow_up.when, rubric)}: for an answer that closes it, every test on it is false, "
        f"so the 'not' holds and the {owner} {does} for that answer too; put "
        f"{{question: {follow_up.id}, answered: true}} beside the 'not' in an 'all' (the {owner} then reads those "
        f"who were asked '{follow_up.id}'), or test the answers of '{follow_up.id}' that raise the risk without 'not'"
    )
