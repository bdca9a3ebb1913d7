"""Checks of conditions (``when``, ``ask_if``): their depth, that they refer to questions asked
before them with values their answers can be, and that a follow-up is asked of the roles its
condition reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from civdata.conditions import NUMERIC_OPERATORS, OPERATORS, OVERALL, SCORE_KEY
from civdata.possible_answers import (
    NUMBER_TYPES,
    SCORES,
    is_number,
    never_holds,
    not_an_answer,
    number_answers,
)
from civdata.problems import Problem, quoted_list
from civdata.rubric_checks.index import MAX_CONDITION_DEPTH, QuestionEntry, RubricIndex, items
from civdata.rubric_data import yes_no_word
from civdata.values import share_for_percentage
from civdata.yamlsource import DataPath, YamlDocument


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


def condition_tests(condition: dict[str, Any], path: DataPath) -> Iterator[tuple[dict[str, Any], DataPath]]:
    """Each test in a condition (a mapping that is not 'all', 'any' or 'not'), with its place,
    however deeply nested (the depth is bounded by :func:`condition_depth_problems`, which runs
    before any check)."""
    for key in ("all", "any"):
        parts = condition.get(key)
        for position, part in enumerate(parts if isinstance(parts, list) else []):
            if isinstance(part, dict):
                yield from condition_tests(part, (*path, key, position))
    if isinstance(condition.get("not"), dict):
        yield from condition_tests(condition["not"], (*path, "not"))
    if not any(key in condition for key in ("all", "any", "not")):
        yield condition, path


def _tested_questions(condition: dict[str, Any], path: DataPath) -> Iterator[tuple[str, DataPath]]:
    """Each question a condition tests, with the place of its test."""
    for test, where in condition_tests(condition, path):
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
        yield from _score_share(index, operators[0], condition[operators[0]], (*path, operators[0]))
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
            (*path, SCORE_KEY), no_score_message(owner, target, missing, "the test is never true"), key=True
        )


def _score_share(index: RubricIndex, operator: str, operand: float, path: DataPath) -> Iterator[Problem]:
    """A score test's number written as a share (``{score: lifecycle, lt: 0.4}``), where scores
    run from 0 to 100: the rule would hold only below 0.4% and never raise its finding, a risk the
    rubric means to name gone without a word (the review of today's fixes found band bounds were
    checked and tests were not). The rule and words of :func:`civdata.values.share_for_percentage`."""
    share = share_for_percentage(f"{operator}:", index.document.text_as_written(path, operand), operand)
    if share is not None:
        yield index.problem(path, f"a score test's {share}")


def _suggest_score(index: RubricIndex, target: str) -> str:
    """``; did you mean 'x'?`` among the scores a test may name: an area with something scored in
    it, and ``overall`` when the rubric has an overall score. Any other is refused as a score that
    never exists, so it would be no fix."""
    overall = [OVERALL] if index.missing_score(OVERALL) is None else []
    return index.suggest(target, "areas", *overall, fits=lambda area: index.missing_score(area) is None)


def no_score_message(owner: str, target: str, missing: tuple[str, str], consequence: str) -> str:
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
            + (
                index.suggest(question_id, "questions", fits=_asked_before(index, before))
                or _removed_hint(index, question_id)
            ),
        )
        return
    target = index.questions[question_id]
    if before is not None and target.order >= before:
        yield index.problem((*path, "question"), _not_earlier_message(question_id, target.order == before))
    operator = operators[0]
    yield from _operand(index, question_id, target, operator, condition[operator], (*path, operator))


def _not_earlier_message(question_id: str, itself: bool) -> str:
    """What a question's ``when`` naming a question not asked before it is told. Naming itself, it
    was told to "move 'X' before it", a move that cannot be made (the review of rubric
    authoring): whether a question is asked is decided before it has an answer."""
    if itself:
        return (
            f"the condition refers to question '{question_id}' itself: a question's 'when' cannot test its own "
            "answer, since it decides whether the question is asked before there is one; test an earlier "
            f"question, or test '{question_id}' in a rule, which may name any question"
        )
    return (
        f"the condition refers to question '{question_id}', which is not asked before this one; "
        f"a question can only depend on earlier answers: move '{question_id}' before it, or test both in a "
        "rule, which may name any question"
    )


def _removed_hint(index: RubricIndex, question_id: str) -> str:
    """Where a question no longer in the rubric is named by its record of ``changes``: a condition
    kept from before tests an answer no one is asked any more. A change does not say whether it
    added, changed or removed a question (a review read "lists it, as removed" of a question that
    version had added, and that was deleted since, not then), so the hint says only that the
    rubric asked it once."""
    for _, entry in items(index.data.get("changes")):
        listed = entry.get("questions")
        if isinstance(listed, list) and question_id in listed:
            return (
                f"; 'changes' of version {entry.get('version')} names it, a question the rubric no longer asks: "
                "test a question the rubric still asks, or remove this test"
            )
    return ""


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
