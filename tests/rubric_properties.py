"""Properties every rubric's verdicts must have, checked over generated answers.

Used by ``tests/test_properties.py`` on every bundled and example rubric, and on rubrics built to
break them (so the checks are shown to catch what they look for). Each check returns the
violations it found, in words a methodologist can act on, rather than failing at the first.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace

from civdata.conditions import evaluate
from civdata.model import (
    Answer,
    AnswerSet,
    AnswerValue,
    Direction,
    Question,
    QuestionType,
    Respondent,
    Rubric,
    Severity,
    answer_tests,
    referenced_questions,
)
from civdata.results import Assessment, FindingKind, QuestionStatus
from civdata.scoring import assess, score_state, walk


def random_value(question: Question, rng: random.Random) -> AnswerValue | None:
    """A valid answer to ``question``, or None (blank) now and then."""
    if rng.random() < 0.1:
        return None
    if question.type is QuestionType.TEXT:
        return rng.choice(["Written down in March.", "Not yet", "x"])
    if question.type is QuestionType.NUMBER:
        low = question.minimum if question.minimum is not None else 0
        high = question.maximum if question.maximum is not None else low + 100
        number = rng.uniform(low, high)
        return int(number) if question.integer else round(number, 2)
    options = list(question.options)
    if question.type is QuestionType.MULTIPLE_CHOICE:
        exclusive = [option for option in options if option.exclusive]
        if exclusive and rng.random() < 0.2:
            return (rng.choice(exclusive).value,)
        pool = [option.value for option in options if not option.exclusive]
        return tuple(rng.sample(pool, rng.randint(1, min(3, len(pool)))))
    return rng.choice(options).value


def random_answers(rubric: Rubric, rng: random.Random, role: str = "") -> AnswerSet:
    answers = {
        question.id: Answer(value)
        for question in rubric.questions
        if (value := random_value(question, rng)) is not None
    }
    return AnswerSet(rubric.id, rubric.version, "Generated", Respondent(role), answers)


def with_answer(answers: AnswerSet, question_id: str, value: AnswerValue) -> AnswerSet:
    return replace(answers, answers={**answers.answers, question_id: Answer(value)})


@dataclass(frozen=True)
class Move:
    """One answer to one question, and how good it is (higher is better), for ordering moves."""

    value: AnswerValue
    goodness: float
    unknown: bool
    label: str


def moves(question: Question) -> list[Move]:
    """The single answers to ``question`` whose order is known: scored options (and "I don't
    know", the worst), or a number in each scored band. Not-applicable options have no order."""
    risk = question.direction is Direction.RISK
    found: list[Move] = []
    if question.type is QuestionType.NUMBER:
        for band in question.bands:
            if band.score is None:
                continue
            number = band.minimum if band.minimum is not None else (band.maximum - 1 if band.maximum is not None else 0)
            if question.minimum is not None:
                number = max(number, question.minimum)
            if question.maximum is not None:
                number = min(number, question.maximum)
            if band.contains(number):
                value = int(number) if question.integer else number
                found.append(Move(value, -band.score if risk else band.score, False, f"{number:g}"))
        return found
    for option in question.options:
        if option.score is None or option.not_applicable:
            continue
        value: AnswerValue = (option.value,) if question.type is QuestionType.MULTIPLE_CHOICE else option.value
        goodness = -option.score if risk else option.score
        found.append(Move(value, goodness, option.unknown, str(option.value)))
    return found


def _goodness(rubric: Rubric, percent: float | None, direction: Direction) -> float | None:
    if percent is None:
        return None
    return percent if direction is Direction.READINESS else -percent


def _worst_rank(assessment: Assessment) -> int:
    return assessment.findings[0].severity.rank if assessment.findings else -1


def monotonicity_violations(rubric: Rubric, bases: list[AnswerSet], limit: int = 20) -> list[str]:
    """Moving one answer to a worse one (a lower score, or "I don't know") must never raise an area
    or the overall score, nor lower the worst finding's severity."""
    violations: list[str] = []
    for base in bases:
        for question in rubric.questions:
            options = moves(question)
            if len(options) < 2:
                continue
            results = {
                index: assess(rubric, with_answer(base, question.id, move.value)) for index, move in enumerate(options)
            }
            for better_index, better in enumerate(options):
                for worse_index, worse in enumerate(options):
                    if not _worse(worse, better):
                        continue
                    violations.extend(
                        _compare(rubric, question, better, worse, results[better_index], results[worse_index])
                    )
                    if len(violations) >= limit:
                        return violations
    return violations


def _worse(candidate: Move, than: Move) -> bool:
    if candidate.unknown and not than.unknown:
        return True
    return not than.unknown and candidate.goodness < than.goodness


def _compare(
    rubric: Rubric, question: Question, better: Move, worse: Move, high: Assessment, low: Assessment
) -> Iterator[str]:
    move = f"'{question.id}': {better.label} -> {worse.label}"
    for area_high, area_low in zip(high.areas, low.areas, strict=True):
        good_high = _goodness(rubric, area_high.score.percent, area_high.area.direction)
        good_low = _goodness(rubric, area_low.score.percent, area_low.area.direction)
        if good_high is not None and good_low is not None and good_low > good_high + 1e-9:
            yield f"{move} raises area '{area_high.area.id}' from {area_high.score.percent} to {area_low.score.percent}"
        if good_high is None and good_low is not None:
            yield f"{move} gives area '{area_high.area.id}' a score ({area_low.score.percent}) it did not have"
    overall_high = _goodness(rubric, high.overall, rubric.direction)
    overall_low = _goodness(rubric, low.overall, rubric.direction)
    if overall_high is not None and overall_low is not None and overall_low > overall_high + 1e-9:
        yield f"{move} raises the overall score from {high.overall} to {low.overall}"
    if _worst_rank(low) < _worst_rank(high):
        worst = high.findings[0]
        yield f"{move} lowers the worst finding from {worst.severity.value} ('{worst.id}')"


def one_finding_per_fact_violations(assessment: Assessment) -> list[str]:
    """A rule's finding states the facts of the answers that made it hold: none of their own
    findings, no more severe than the rule's, may stand beside it."""
    violations = []
    listed = {finding.id for finding in assessment.findings}
    for finding in assessment.findings:
        for covered in finding.covers:
            if covered.id in listed:
                violations.append(f"'{covered.id}' is listed beside the rule finding '{finding.id}' that covers it")
            if covered.severity.rank > finding.severity.rank:
                violations.append(f"'{finding.id}' covers '{covered.id}', which is more severe")
    ids = [finding.id for finding in assessment.findings]
    violations += [f"'{finding_id}' is listed twice" for finding_id in set(ids) if ids.count(finding_id) > 1]
    return violations


def best_answers(rubric: Rubric, *, risky_context: bool = False) -> AnswerSet:
    """Every question answered with its best single answer (blank where none is ordered): from
    here, moving one answer down shows its findings alone, with nothing more severe elsewhere to
    hide a milder finding on a worse answer. With ``risky_context``, the questions asked for
    context (weight 0: who is in the data, are they at risk) take their riskiest answer instead,
    so the follow-ups and rules that only open for people at risk are open too."""
    answers = {}
    for question in rubric.questions:
        ordered = [move for move in moves(question) if not move.unknown]
        if not ordered:
            continue
        riskiest = risky_context and not question.scored
        pick = min if riskiest else max
        answers[question.id] = Answer(pick(ordered, key=lambda move: move.goodness).value)
    return AnswerSet(rubric.id, rubric.version, "Best", Respondent(""), answers)


def generated_bases(rubric: Rubric, count: int, seed: int) -> list[AnswerSet]:
    """The best answers, then complete-ish random answer sets: blank role (every question asked),
    then one per role."""
    rng = random.Random(seed)
    roles = ["", *(role.id for role in rubric.roles)]
    return [best_answers(rubric), best_answers(rubric, risky_context=True)] + [
        random_answers(rubric, rng, roles[index % len(roles)] if index >= count // 2 else "") for index in range(count)
    ]


def without_answer(answers: AnswerSet, question_id: str) -> AnswerSet:
    return replace(answers, answers={key: answer for key, answer in answers.answers.items() if key != question_id})


def _unknown_answer(question: Question) -> AnswerValue | None:
    """The question's "I don't know", as an answer; None when it offers none."""
    value = next((option.value for option in question.options if option.unknown), None)
    if value is None or question.type is not QuestionType.MULTIPLE_CHOICE:
        return value
    return (value,)


def _critical(assessment: Assessment) -> int:
    return sum(1 for finding in assessment.findings if finding.severity.rank >= Severity.CRITICAL.rank)


def blank_versus_unknown_violations(
    rubric: Rubric, bases: list[AnswerSet], limit: int = 20
) -> tuple[list[str], set[str]]:
    """Leaving a question blank must never look better than answering it "I don't know"
    (docs/scoring.md section 2) where "I don't know" raises a rule: for every rule, every question
    it reads that offers "I don't know", and every base set of answers in which that answer raises
    the rule, the question left blank gives no better verdict and no fewer findings at or above
    critical. Also returns the rules so checked (some no "I don't know" can raise)."""
    rank = {verdict.id: index for index, verdict in enumerate(rubric.verdicts)}
    violations: list[str] = []
    checked: set[str] = set()
    known: dict[tuple[int, str, bool], Assessment] = {}

    def assessed(index: int, question_id: str, unknown: AnswerValue | None) -> Assessment:
        key = (index, question_id, unknown is None)
        if key not in known:
            base = bases[index]
            answers = without_answer(base, question_id) if unknown is None else with_answer(base, question_id, unknown)
            known[key] = assess(rubric, answers)
        return known[key]

    for rule in rubric.rules:
        for question_id in rule.questions:
            unknown = _unknown_answer(rubric.question(question_id))
            if unknown is None:
                continue
            for index in range(len(bases)):
                unsure = assessed(index, question_id, unknown)
                if f"rule:{rule.id}" not in {finding.id for finding in unsure.findings}:
                    continue
                checked.add(rule.id)
                blank = assessed(index, question_id, None)
                move = f"rule '{rule.id}', '{question_id}' left blank"
                if rank[blank.verdict.id] < rank[unsure.verdict.id]:
                    violations.append(f"{move} gives '{blank.verdict.id}', 'I don't know' '{unsure.verdict.id}'")
                if _critical(blank) < _critical(unsure):
                    violations.append(
                        f"{move}: critical findings {_critical(blank)}, 'I don't know' {_critical(unsure)}"
                    )
                if len(violations) >= limit:
                    return violations, checked
    return violations, checked


def blank_verdict_violations(rubric: Rubric, bases: list[AnswerSet], limit: int = 20) -> list[str]:
    """Leaving a question blank never earns a better verdict than answering it "I don't know",
    nor passes a score gate (``--fail-under``, ``--fail-over`` for a risk rubric) that "I don't
    know" fails (docs/scoring.md section 2): for every question that offers "I don't know" and is
    asked in a base set of answers. A blank is not scored (it lowers coverage), so the score shown
    may be higher; the verdict and the gates read every score the blank leaves open."""
    from civdata.gates import GateSettings, evaluate_gates

    rank = {verdict.id: index for index, verdict in enumerate(rubric.verdicts)}
    risk = rubric.direction is Direction.RISK
    violations: list[str] = []
    for index, base in enumerate(bases):
        for question in rubric.questions:
            unknown = _unknown_answer(question)
            if unknown is None or not walk(rubric, base).statuses[question.id].applies:
                continue
            unsure = assess(rubric, with_answer(base, question.id, unknown))
            blank = assess(rubric, without_answer(base, question.id))
            move = f"base {index}, '{question.id}' left blank"
            if rank[blank.verdict.id] < rank[unsure.verdict.id]:
                violations.append(f"{move} gives '{blank.verdict.id}', 'I don't know' '{unsure.verdict.id}'")
            if unsure.overall is None or blank.overall is None:
                continue
            threshold = unsure.overall - 0.05 if risk else unsure.overall + 0.05
            settings = GateSettings(fail_over=threshold) if risk else GateSettings(fail_under=threshold)
            passed = [
                evaluate_gates(
                    rubric,
                    settings,
                    findings=assessment.findings,
                    overall=assessment.overall,
                    coverage=100.0,
                    verdict=assessment.verdict,
                    open_score=assessment.open_score,
                ).passed
                for assessment in (unsure, blank)
            ]
            if passed == [False, True]:
                violations.append(f"{move} passes a score gate at {threshold:g} that 'I don't know' fails")
            if len(violations) >= limit:
                return violations
    return violations


def _answers_to(question: Question) -> list[AnswerValue]:
    """Answers to ``question`` that between them raise every finding one of its answers can: each
    option alone, every option that can be ticked together, a number in each band."""
    if question.type is QuestionType.NUMBER:
        return [move.value for move in moves(question)]
    if question.type is QuestionType.MULTIPLE_CHOICE:
        together = tuple(option.value for option in question.options if not option.exclusive)
        return [(option.value,) for option in question.options] + ([together] if together else [])
    return [option.value for option in question.options]


def blank_versus_answers_violations(rubric: Rubric, bases: list[AnswerSet], limit: int = 20) -> list[str]:
    """A required question left blank raises the finding of the riskiest answer it could be
    (docs/scoring.md section 2): no answer to it, in any base set of answers where it is asked,
    raises a more severe finding than leaving it blank does. (An optional question may be left
    blank: it raises nothing.)"""
    violations: list[str] = []
    for index, base in enumerate(bases):
        for question in rubric.questions:
            if question.type is QuestionType.TEXT or not question.required:
                continue
            blank = assess(rubric, without_answer(base, question.id))
            asked = next(
                result for area in blank.areas for result in area.questions if result.question.id == question.id
            )
            if not asked.status.applies:
                continue
            for value in _answers_to(question):
                answered = assess(rubric, with_answer(base, question.id, value))
                if _worst_rank(answered) > _worst_rank(blank):
                    violations.append(
                        f"base {index}: '{question.id}' answered {value!r} raises a more severe finding than left blank"
                    )
                if len(violations) >= limit:
                    return violations
    return violations


def _candidate_answers(rubric: Rubric, question: Question) -> list[AnswerValue | None]:
    """What someone might answer to ``question``, for checking that a rule stays false whatever
    they would: None (left blank), each answer of :func:`_answers_to`, every set of options for
    a multiple choice of up to eight, and for a number every value a rule compares it with, and
    one either side."""
    found: list[AnswerValue | None] = [None, *_answers_to(question)]
    if question.type is QuestionType.MULTIPLE_CHOICE and len(question.options) <= 8:
        values = [option.value for option in question.options]
        found += [
            tuple(value for bit, value in enumerate(values) if mask >> bit & 1) for mask in range(1, 2 ** len(values))
        ]
    if question.type is QuestionType.NUMBER:
        for rule in rubric.rules:
            for test in answer_tests(rule.when):
                if test.question == question.id and isinstance(test.operand, (int, float)):
                    found += [test.operand - 1, test.operand - 0.5, test.operand, test.operand + 0.5, test.operand + 1]
    return found


def ruled_out_violations(rubric: Rubric, bases: list[AnswerSet], limit: int = 20, samples: int = 400) -> list[str]:
    """A rule a respondent's answers rule out (``Assessment.ruled_out``, docs/scoring.md section 8)
    is never raised for them; reads a question they were asked; and stays false, evaluated on
    their answers, whatever they would answer to its questions not put to them: checked over
    every combination of :func:`_candidate_answers` to those questions (a random ``samples`` of
    them when there are more), each given as an answer to a question asked."""
    rng = random.Random(43)
    violations: list[str] = []
    for index, base in enumerate(bases):
        assessment = assess(rubric, base)
        walked = walk(rubric, base)
        state = score_state(walked.state, assessment.areas, assessment.overall)
        raised = {finding.source.rule_id for finding in assessment.findings if finding.source.kind is FindingKind.RULE}
        for rule in rubric.rules:
            if rule.id not in assessment.ruled_out:
                continue
            where = f"base {index} ({base.respondent.role or 'no role'}), rule '{rule.id}'"
            reads = sorted(set(referenced_questions(rule.when)))
            unput = [question_id for question_id in reads if not walked.statuses[question_id].applies]
            if rule.id in raised:
                violations.append(f"{where}: raised and ruled out by the same answers")
            if len(unput) == len(reads):
                violations.append(f"{where}: ruled out by someone asked none of its questions")
            choices = [_candidate_answers(rubric, rubric.question(question_id)) for question_id in unput]
            if math.prod(len(choice) for choice in choices) <= samples:
                combinations = list(itertools.product(*choices))
            else:
                combinations = [tuple(rng.choice(choice) for choice in choices) for _ in range(samples)]
            for combination in combinations:
                answers = dict(state.answers)
                blank = set(state.blank)
                for question_id, value in zip(unput, combination, strict=True):
                    if value is None:
                        blank.add(question_id)
                    else:
                        answers[question_id] = value
                completed = replace(
                    state, answers=answers, blank=frozenset(blank), not_asked=state.not_asked - set(unput)
                )
                if evaluate(rule.when, completed).possible:
                    violations.append(f"{where}: holds when {dict(zip(unput, combination, strict=True))!r}")
                    break
            if len(violations) >= limit:
                return violations
    return violations


def _best_or_any(question: Question) -> AnswerValue | None:
    """The best answer to ``question`` (of :func:`moves`, "I don't know" aside); for a question
    whose answers have no order, any answer it takes; None for one that takes none."""
    ordered = [move for move in moves(question) if not move.unknown]
    if ordered:
        return max(ordered, key=lambda move: move.goodness).value
    if question.type is QuestionType.TEXT:
        return "Written down."
    if question.options:
        value = question.options[0].value
        return (value,) if question.type is QuestionType.MULTIPLE_CHOICE else value
    return None


def _opened_at_best(rubric: Rubric, answers: AnswerSet, closed: set[str]) -> AnswerSet | None:
    """``answers`` with every question of ``closed`` that they open answered at its best, and the
    follow-ups those answers open in turn; None when they close a question ``closed`` leaves open
    (the move is then no riskier reading of the gate alone)."""
    done: set[str] = set()
    while True:
        statuses = walk(rubric, answers).statuses
        skipped = {qid for qid, status in statuses.items() if status is QuestionStatus.SKIPPED_CONDITION}
        if not skipped <= closed:
            return None
        opened = [qid for qid in closed - skipped - done if statuses[qid].applies]
        if not opened:
            return answers
        for question_id in opened:
            done.add(question_id)
            value = _best_or_any(rubric.question(question_id))
            if value is not None:
                answers = with_answer(answers, question_id, value)


def riskier_gate_violations(rubric: Rubric, bases: list[AnswerSet], limit: int = 20) -> tuple[list[str], int]:
    """Moving a gate's answer to a riskier one (a lower score, or "I don't know") that opens
    follow-ups, with those follow-ups answered at their best and every other blank the same, never
    raises coverage nor gives a better verdict (docs/scoring.md, section 7): revealing more risk
    must not make the bar "enough is known to judge" easier. Also returns how many moves opened a
    follow-up, so the check is seen not to be empty."""
    from civdata.model import referenced_questions as read_by

    rank = {verdict.id: index for index, verdict in enumerate(rubric.verdicts)}
    gates = {qid for question in rubric.questions if question.when is not None for qid in read_by(question.when)}
    violations: list[str] = []
    opening = 0
    for index, base in enumerate(bases):
        for question in rubric.questions:
            if question.id not in gates:
                continue
            options = moves(question)
            for better in options:
                safe_answers = with_answer(base, question.id, better.value)
                safe_walk = walk(rubric, safe_answers).statuses
                closed = {qid for qid, status in safe_walk.items() if status is QuestionStatus.SKIPPED_CONDITION}
                safe = None
                for worse in options:
                    if not _worse(worse, better):
                        continue
                    risky_answers = _opened_at_best(rubric, with_answer(base, question.id, worse.value), closed)
                    if risky_answers is None or walk(rubric, risky_answers).statuses == safe_walk:
                        continue
                    opening += 1
                    safe = safe or assess(rubric, safe_answers)
                    risky = assess(rubric, risky_answers)
                    move = f"base {index}, '{question.id}': {better.label} -> {worse.label}"
                    if risky.coverage.percent > safe.coverage.percent:
                        violations.append(
                            f"{move} raises coverage from {safe.coverage.percent}% to {risky.coverage.percent}%"
                        )
                    if rank[risky.verdict.id] < rank[safe.verdict.id]:
                        violations.append(f"{move} gives '{risky.verdict.id}' where it was '{safe.verdict.id}'")
                    if len(violations) >= limit:
                        return violations, opening
    return violations, opening


def with_blanks(answers: AnswerSet, rng: random.Random, share: float) -> AnswerSet:
    """``answers`` with about ``share`` of them left blank, at random."""
    kept = {key: answer for key, answer in answers.answers.items() if rng.random() >= share}
    return replace(answers, answers=kept)


def area_blank_bases(rubric: Rubric, bases: list[AnswerSet]) -> list[AnswerSet]:
    """Each base once per area, with that area's questions that are not follow-ups left blank:
    where a follow-up an answer closes is all an area would score (the review of verdicts)."""
    found = []
    for area in rubric.areas:
        blank = {question.id for question in area.questions if question.when is None}
        found += [replace(base, answers={k: v for k, v in base.answers.items() if k not in blank}) for base in bases]
    return found


def verdict_monotonicity_violations(rubric: Rubric, bases: list[AnswerSet], limit: int = 20) -> list[str]:
    """Moving one answer to a worse one (a lower score, or "I don't know"), with the same other
    answers and blanks, never earns a better verdict band, nor a better score to judge (the
    lowest the blanks leave open, else the score shown: what verdict bands and score gates read)
    or a higher coverage (what ``min_coverage`` and every gate's coverage floor read).

    The score property above (:func:`monotonicity_violations`) reads the score shown; an outside
    review (2026-11-30) moved the verdict the other way through what the verdict reads instead: a
    safer answer closing an area's only follow-up, its other question blank, judged on a score no
    answers give; a riskier gate answer opening follow-ups that raised coverage."""
    rank = {verdict.id: index for index, verdict in enumerate(rubric.verdicts)}
    violations: list[str] = []
    for index, base in enumerate(bases):
        for question in rubric.questions:
            options = moves(question)
            if len(options) < 2:
                continue
            results = [assess(rubric, with_answer(base, question.id, move.value)) for move in options]
            for (better, high), (worse, low) in itertools.permutations(zip(options, results, strict=True), 2):
                if not _worse(worse, better):
                    continue
                move = f"base {index}, '{question.id}': {better.label} -> {worse.label}"
                violations.extend(_verdict_moves(rubric, rank, move, high, low))
                if len(violations) >= limit:
                    return violations
    return violations


def _judged(rubric: Rubric, assessment: Assessment) -> float | None:
    """The score a verdict band or a score gate reads, as goodness (higher is better)."""
    if assessment.open_score is not None:
        bound = assessment.open_score.high if rubric.direction is Direction.RISK else assessment.open_score.low
        return _goodness(rubric, bound, rubric.direction)
    return _goodness(rubric, assessment.overall, rubric.direction)


def _verdict_moves(rubric: Rubric, rank: dict[str, int], move: str, high: Assessment, low: Assessment) -> Iterator[str]:
    if rank[low.verdict.id] < rank[high.verdict.id]:
        yield f"{move} gives '{low.verdict.id}' where the better answer gives '{high.verdict.id}'"
    judged_high, judged_low = _judged(rubric, high), _judged(rubric, low)
    if judged_high is not None and judged_low is not None and judged_low > judged_high + 1e-9:
        yield f"{move} raises the score judged from {judged_high:g} to {judged_low:g}"
    if low.coverage.percent > high.coverage.percent + 1e-9:
        yield f"{move} raises coverage from {high.coverage.percent:g}% to {low.coverage.percent:g}%"
