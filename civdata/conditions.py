"""Evaluate the declarative conditions of a rubric (``when`` on questions, rules and verdicts).

Conditions are data, not code: a small, closed set of operators over answers that were given and
apply, and over computed scores. Nothing read from a file is ever evaluated as an expression.

Three truth values, because "I don't know" is an answer. A test on a question answered "I don't
know" is *possibly* true unless the test names that answer itself: the respondent could not rule
out any answer. Parts combine as in three-valued (Kleene) logic. Callers decide what "possibly"
means for them, always the cautious way: a rule that possibly holds raises its finding, a
follow-up that possibly applies is asked, a verdict that only possibly holds is not given. So an
"I don't know" can never hide a risk that a known answer would reveal.

A question that applies and was left blank could be any answer too, so a test on it is possibly
true wherever it is, ``answered: true`` included (any answer is an answer; so is ``not:
{answered: false}``), except ``answered: false`` read plainly, which is true: it states the blank.
A follow-up it could open is asked, a rule it could make hold raises its finding, and a band it
could deny is not given (not even under ``not``). So leaving a question blank can never hide a risk
that "I don't know" would reveal, not even from a rule guarded by ``answered: true``. A follow-up
that an earlier answer made unnecessary is in no answer state at all: a test on it is false
(``answered: false`` true), so that guard still keeps a rule to those who were asked it.

A question the respondent's role is not asked has nothing to read: a test on it is false, and so
is the same test under a ``not`` (``answered: false`` too). A rule on a question some roles are
not asked is so read on the answers of those who are: ``not: {question: encrypted, equals: "yes"}``
raises no finding for the community, who are never asked whether the data is encrypted. To tell
a test read under ``not`` from one that is not, a ``not`` is carried down to the tests when a
condition is compiled (``not all`` is ``any not``, ``not any`` is ``all not``: this holds in three
values), so this is worked out once for each condition, not for each respondent.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import field
from typing import Any

from civdata.model import (
    AllOf,
    AnswerValue,
    AnyOf,
    Compare,
    Condition,
    Not,
    Rubric,
    ScoreTest,
    answer_tests,
    referenced_questions,
)
from civdata.problems import quoted_list
from civdata.records import record

#: Every operator a ``question`` condition may use.
OPERATORS = ("equals", "in", "includes", "answered", "gt", "gte", "lt", "lte")
NUMERIC_OPERATORS = ("gt", "gte", "lt", "lte")
#: The word in a condition that names a score test, and the target that means the overall score.
SCORE_KEY = "score"
OVERALL = "overall"
#: The words that combine conditions.
COMBINATORS = ("all", "any", "not")


def shape_problem(condition: Mapping[str, Any]) -> str | None:
    """What is wrong with the keys of a condition as a rubric writes it, or None when they go
    together: a question with one test, a score with one comparison, or one of ``all``, ``any``
    and ``not`` alone. The rubric's JSON Schema refuses the same shapes (its ``anyOf`` on a
    condition); this says which one was meant, for :mod:`civdata.schemacheck` to report. Keys the
    schema does not know are its own problem ("unknown key"), not counted here."""
    combinators = [key for key in COMBINATORS if key in condition]
    if combinators:
        if len(combinators) > 1 or len(condition) > 1:
            return "a condition with 'all', 'any' or 'not' must contain nothing else; nest the other tests inside it"
        return None
    operators = [key for key in OPERATORS if key in condition]
    if SCORE_KEY in condition:
        if "question" in condition or len(operators) != 1 or operators[0] not in NUMERIC_OPERATORS:
            return f"a score test needs exactly one of {quoted_list(NUMERIC_OPERATORS)}, and nothing else"
        return None
    if condition.get("question") is None:
        return "a condition needs 'question' (with a test such as 'equals'), or 'all', 'any' or 'not'"
    if not operators:
        return f"the condition on '{condition['question']}' needs one test: {quoted_list(OPERATORS)}"
    if len(operators) > 1:
        tests = quoted_list(operators)
        return (
            f"the condition on '{condition['question']}' has {len(operators)} tests ({tests}); combine them with 'all'"
        )
    return None


def keys_that_fit(condition: Mapping[str, Any]) -> list[str]:
    """The keys a condition could still take beside the known keys it has, as :func:`shape_problem`
    reads them: a question test's one test, a score test's one comparison, ``question`` or
    ``score`` beside a lone test, anything in a condition with no known key yet, and nothing
    beside ``all``, ``any`` or ``not``, or beside a test that is complete. What a mistyped key
    may be taken for: any other key would make the condition a shape civdata refuses."""
    known = [key for key in condition if key in (*COMBINATORS, *OPERATORS, "question", SCORE_KEY)]
    operators = [key for key in known if key in OPERATORS]
    if not known:
        return ["question", SCORE_KEY, *OPERATORS, *COMBINATORS]
    if any(key in COMBINATORS for key in known) or len(operators) > 1:
        return []
    if SCORE_KEY in known:
        return [] if operators else list(NUMERIC_OPERATORS)
    if "question" in known:
        return [] if operators else list(OPERATORS)
    return ["question", SCORE_KEY] if operators[0] in NUMERIC_OPERATORS else ["question"]


class Truth(enum.Enum):
    FALSE = 0
    POSSIBLE = 1
    TRUE = 2

    @property
    def possible(self) -> bool:
        """True or possibly true: what rules and follow-ups act on."""
        return self is not Truth.FALSE


@record
class AnswerState:
    """What conditions are evaluated against.

    ``answers``: the answered questions that apply (id -> value). ``blank``: questions that apply
    and were left blank, each test on which is possibly true (see the module docstring). ``scores``:
    computed 0-100 scores by area id and ``overall`` (rules and verdicts only); ``score_ranges``:
    for a score its blanks leave open, the lowest and highest it could be once they are answered
    (the score shown included), over which a score test is true, false or possibly true, as a test
    on a blank is. ``answers_known`` is False where there is no single set of answers to test (a
    report on several respondents): every test on an answer is then possibly true, whatever it
    tests, so a ``not`` over it cannot turn "nobody's answer" into a certainty. ``not_asked``: the
    questions the respondent's role is not asked, on which every test is false, under a ``not`` too.
    """

    rubric: Rubric
    answers: Mapping[str, AnswerValue]
    blank: AbstractSet[str] = frozenset()
    scores: Mapping[str, float | None] = field(default_factory=dict)
    score_ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    answers_known: bool = True
    not_asked: AbstractSet[str] = frozenset()
    #: Where ``answers_known`` is False (several respondents): each answer test's truth over all of
    #: them, by :func:`answer_test_key` (true for everyone, false for everyone, else possibly true), so a
    #: verdict's ``when`` that holds for every respondent holds for the group (:func:`agreed_truths`).
    agreed: Mapping[tuple[int, bool], Truth] = field(default_factory=dict)


#: A compiled condition: the truth of one condition for any answer state.
Evaluator = Callable[[AnswerState], Truth]

#: Compiled conditions by identity, and whether each is read under a ``not``. A rubric's
#: conditions are immutable and live as long as the rubric, and a consultation evaluates the same
#: few dozen of them for every respondent, so each is turned once into nested closures rather than
#: dispatched on its type at every evaluation. The condition itself is kept beside its evaluator,
#: so an id is never reused while it is listed.
_COMPILED: dict[tuple[int, bool], tuple[Condition, Evaluator]] = {}


def evaluate(condition: Condition, state: AnswerState) -> Truth:
    """The truth of ``condition`` for ``state``, in three values."""
    return evaluator(condition)(state)


def evaluator(condition: Condition, *, negated: bool = False) -> Evaluator:
    """The compiled form of ``condition``, or with ``negated`` of ``not condition`` (made on first
    use, then reused)."""
    key = (id(condition), negated)
    known = _COMPILED.get(key)
    if known is not None and known[0] is condition:
        return known[1]
    compiled = _compile(condition, negated)
    _COMPILED[key] = (condition, compiled)
    return compiled


def _compile(condition: Condition, negated: bool) -> Evaluator:
    """``condition`` (or its negation) as closures, each ``not`` carried down to the tests (see the
    module docstring): ``not all`` is ``any`` of the parts negated, ``not any`` is ``all`` of them."""
    if isinstance(condition, Not):
        return evaluator(condition.condition, negated=not negated)
    if isinstance(condition, (AllOf, AnyOf)):
        parts = tuple(evaluator(part, negated=negated) for part in condition.conditions)
        return _all_of(parts) if isinstance(condition, AllOf) is not negated else _any_of(parts)
    if isinstance(condition, ScoreTest):
        test = condition
        if negated:
            return lambda state: _NEGATION[_score_test(test, state)]
        return lambda state: _score_test(test, state)
    return _compare(condition, negated)


def _all_of(parts: tuple[Evaluator, ...]) -> Evaluator:
    def all_of(state: AnswerState) -> Truth:
        result = Truth.TRUE
        for part in parts:
            truth = part(state)
            if truth is Truth.FALSE:
                return Truth.FALSE
            if truth is Truth.POSSIBLE:
                result = Truth.POSSIBLE
        return result

    return all_of


def _any_of(parts: tuple[Evaluator, ...]) -> Evaluator:
    def any_of(state: AnswerState) -> Truth:
        result = Truth.FALSE
        for part in parts:
            truth = part(state)
            if truth is Truth.TRUE:
                return Truth.TRUE
            if truth is Truth.POSSIBLE:
                result = Truth.POSSIBLE
        return result

    return any_of


_NEGATION = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE, Truth.POSSIBLE: Truth.POSSIBLE}


def _score_test(test: ScoreTest, state: AnswerState) -> Truth:
    """A score test: on the score shown, or, when blanks leave the score open, over all it could
    be: a blank could be any answer, so a rule on a score it could bring under the line may hold,
    as a rule on the blank itself would, and leaving the answer out never clears it. Each test is
    a threshold, so it holds over the whole range when it holds at both ends, and nowhere in it
    when at neither."""
    open_range = state.score_ranges.get(test.target)
    if open_range is not None:
        at_low = _numeric(test.operator, open_range[0], test.operand)
        if at_low is _numeric(test.operator, open_range[1], test.operand):
            return Truth.TRUE if at_low else Truth.FALSE
        return Truth.POSSIBLE
    score = state.scores.get(test.target)
    if score is None or not math.isfinite(score):
        return Truth.FALSE
    return Truth.TRUE if _numeric(test.operator, score, test.operand) else Truth.FALSE


def answer_test_key(condition: Compare, negated: bool) -> tuple[int, bool]:
    """An answer test (or its negation) as :attr:`AnswerState.agreed` holds it: the condition is
    immutable and lives as long as its rubric, so its identity names it."""
    return (id(condition), negated)


def agreed_truths(
    condition: Condition | None, states: Iterable[AnswerState], agreed: dict[tuple[int, bool], Truth]
) -> None:
    """Fold into ``agreed`` the truth of each answer test of ``condition`` (under the negation it
    is read with) for each of ``states``, one respondent's each: true when true for all so far,
    false when false for all, else possibly true. Sound for a group: a condition that holds on
    these truths holds on every respondent's own (three-valued logic never turns a possibly true
    part into a certainty)."""
    for test, negated in _answer_tests(condition, negated=False):
        key = answer_test_key(test, negated)
        read = evaluator(test, negated=negated)
        for state in states:
            truth = read(state)
            known = agreed.get(key)
            agreed[key] = truth if known is None or known is truth else Truth.POSSIBLE


def _answer_tests(condition: Condition | None, *, negated: bool) -> Iterator[tuple[Compare, bool]]:
    if isinstance(condition, Not):
        yield from _answer_tests(condition.condition, negated=not negated)
    elif isinstance(condition, (AllOf, AnyOf)):
        for part in condition.conditions:
            yield from _answer_tests(part, negated=negated)
    elif isinstance(condition, Compare):
        yield condition, negated


def _compare(condition: Compare, negated: bool) -> Evaluator:
    """A test on an answer, or its negation: false, either way, for a respondent whose role is not
    asked the question. Only ``answered: false`` and a negated test need to look: any other test
    finds neither an answer nor a blank there, and is false already. A negated test on a blank is
    possibly true, whatever it tests: ``not: {answered: false}`` as ``answered: true`` is, since
    the blank could be an answer; the plain test being true there states only the blank."""
    question = condition.question
    test = _answered(condition) if condition.operator == "answered" else _answer_test(condition)
    if not negated and not (condition.operator == "answered" and not condition.operand):
        return test
    key = answer_test_key(condition, negated)

    def read_where_asked(state: AnswerState) -> Truth:
        if not state.answers_known:
            return state.agreed.get(key, Truth.POSSIBLE)
        if question in state.not_asked:
            return Truth.FALSE
        if negated and question in state.blank:
            return Truth.POSSIBLE
        truth = test(state)
        return _NEGATION.get(truth, Truth.POSSIBLE) if negated else truth

    return read_where_asked


def _answered(condition: Compare) -> Evaluator:
    """Whether there is an answer: on a blank, ``answered: false`` is true (it states the blank)
    and ``answered: true`` possibly true, since the blank could be any answer, and so an answer.
    Were it false, a rule guarded by it would be raised by "I don't know" and never by a blank,
    and leaving the question blank would pass a gate that "I don't know" fails (the second review
    of verdicts)."""
    question, wanted = condition.question, bool(condition.operand)
    key = answer_test_key(condition, False)

    def answered(state: AnswerState) -> Truth:
        if not state.answers_known:
            return state.agreed.get(key, Truth.POSSIBLE)
        if wanted and question in state.blank:
            return Truth.POSSIBLE
        return Truth.TRUE if (state.answers.get(question) is not None) is wanted else Truth.FALSE

    return answered


def _answer_test(condition: Compare) -> Evaluator:
    question = condition.question
    test = _matcher(condition)
    key = answer_test_key(condition, False)

    def compare(state: AnswerState) -> Truth:
        if not state.answers_known:
            return state.agreed.get(key, Truth.POSSIBLE)
        value = state.answers.get(question)
        if value is None:
            return Truth.POSSIBLE if question in state.blank else Truth.FALSE
        if test(value):
            return Truth.TRUE
        unknown = state.rubric.question(question).unknown_values
        if not unknown:
            return Truth.FALSE
        chosen = value if isinstance(value, tuple) else (value,)
        return Truth.POSSIBLE if any(item in unknown for item in chosen) else Truth.FALSE

    return compare


def tested_only_negated(condition: Condition) -> frozenset[str]:
    """The questions ``condition`` tests only under a ``not`` (an odd number of them): a rule's
    scope, "whatever the answer is, as long as it is not this", never the fact the rule states.
    The short-funding rule reads "Access by authorities" only to know that the initiative holds
    identifying data; a finding of that answer ("whether the authorities could get the data is
    not known") is another fact, and stays a finding of its own (:func:`civdata.scoring._covered`)."""
    negated: set[str] = set()
    plain: set[str] = set()

    def walk(part: Condition, under_not: bool) -> None:
        if isinstance(part, Compare):
            (negated if under_not else plain).add(part.question)
        elif isinstance(part, Not):
            walk(part.condition, not under_not)
        elif isinstance(part, (AllOf, AnyOf)):
            for inner in part.conditions:
                walk(inner, under_not)

    walk(condition, False)
    return frozenset(negated - plain)


def tested_for_an_answer(condition: Condition) -> frozenset[str]:
    """The questions ``condition`` has a test on that a blank makes possibly true, as it could be
    any answer: every test but a plain ``answered: false``, which a blank makes simply true (it
    states the blank, not an answer it could be)."""
    return frozenset(
        test.question
        for test, negated in _answer_tests(condition, negated=False)
        if negated or test.operator != "answered" or test.operand
    )


def matches(condition: Compare, value: AnswerValue) -> bool:
    """Whether a given answer passes a test, taking the answer at its word."""
    return _matcher(condition)(value)


def _matcher(condition: Compare) -> Callable[[AnswerValue], bool]:
    """The test of ``condition`` on one given answer, with its operator decided once."""
    operator, operand = condition.operator, condition.operand
    if operator == "equals":
        return lambda value: bool(value == operand)
    if operator == "in":
        return lambda value: value in operand
    if operator == "includes":
        wanted = _included(operand)
        return lambda value: any(item in (value if isinstance(value, tuple) else (value,)) for item in wanted)

    def numeric(value: AnswerValue) -> bool:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        return _numeric(operator, value, operand)

    return numeric


def tested_options(rubric: Rubric) -> dict[str, frozenset[object]]:
    """Per multiple-choice question, the options an ``includes`` test somewhere in the rubric names
    (a follow-up's ``when``, a rule, a verdict): ticking one of them or not changes which questions
    are asked, which rules can hold or which verdict is given."""
    conditions = [question.when for question in rubric.questions]
    conditions += [rule.when for rule in rubric.rules] + [verdict.when for verdict in rubric.verdicts]
    found: dict[str, set[object]] = {}
    for condition in conditions:
        for test in answer_tests(condition):
            if test.operator == "includes":
                found.setdefault(test.question, set()).update(_included(test.operand))
    return {question_id: frozenset(options) for question_id, options in found.items()}


def _included(operand: object) -> tuple[object, ...]:
    """The options an ``includes`` test names: one, or a list of them."""
    return tuple(operand) if isinstance(operand, (list, tuple)) else (operand,)


def _numeric(operator: str, value: float, operand: float) -> bool:
    if operator == "gt":
        return value > operand
    if operator == "gte":
        return value >= operand
    if operator == "lt":
        return value < operand
    if operator == "lte":
        return value <= operand
    raise ValueError(f"unknown condition operator {operator!r}")


#: An answer that makes a condition hold: its question, and the ticked option that did when only
#: some of a multiple choice's options did (an ``includes`` test); None for the answer as a whole.
Contribution = tuple[str, "str | int | None"]


def contributing_answers(condition: Condition, state: AnswerState) -> set[Contribution]:
    """The answers, down to the ticked option where that is what counts, that make ``condition``
    (possibly) hold.

    A rule's finding takes the place of the findings those answers raise by themselves: it states
    the same fact in its context, so the report says it once. Parts of an ``any`` that do not
    hold contribute nothing; under a ``not``, the answers tested (and the questions tested that
    were left blank) are what made it hold; for ``includes``, only the ticked options it names (or
    an "I don't know" ticked), not the others ticked beside them, which raise findings of their own.
    """
    return _contributing(condition, state)[1]


def _contributing(condition: Condition, state: AnswerState) -> tuple[Truth, set[Contribution]]:
    """The truth of ``condition`` and, when it is possible, the answers that make it so: one
    walk over the condition, each part evaluated once."""
    if isinstance(condition, (AllOf, AnyOf)):
        parts = [_contributing(part, state) for part in condition.conditions]
        truth = _combine(condition, [part_truth for part_truth, _ in parts])
        found: set[Contribution] = set()
        if truth.possible:
            for part_truth, part_answers in parts:
                if part_truth.possible:
                    found |= part_answers
        return truth, found
    truth = evaluate(condition, state)
    if not truth.possible or isinstance(condition, ScoreTest):
        return truth, set()
    if isinstance(condition, Not):
        return truth, {
            (question, None)
            for question in referenced_questions(condition.condition)
            if question in state.answers or question in state.blank
        }
    return truth, _answer_parts(condition, state)


def _answer_parts(condition: Compare, state: AnswerState) -> set[Contribution]:
    """What of one answer makes a test hold: the options an ``includes`` names (and an "I don't
    know" ticked), else the whole answer."""
    value = state.answers.get(condition.question)
    if condition.operator != "includes" or not isinstance(value, tuple):
        return {(condition.question, None)}
    wanted = _included(condition.operand)
    unknown = state.rubric.question(condition.question).unknown_values
    return {(condition.question, item) for item in value if item in wanted or item in unknown}


def _combine(condition: AllOf | AnyOf, truths: list[Truth]) -> Truth:
    """The three-valued ``all`` or ``any`` of truths already known."""
    if isinstance(condition, AllOf):
        return min(truths, key=_rank, default=Truth.TRUE)
    return max(truths, key=_rank, default=Truth.FALSE)


def _rank(truth: Truth) -> int:
    return int(truth.value)
