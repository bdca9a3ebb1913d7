"""Score one respondent's answers against a rubric. Pure functions: no I/O, no clock.

The method, in short (``docs/scoring.md`` says it at length):

1. Walk the questions in order. A question applies when the respondent's role is asked it and
   its ``when`` condition holds, or possibly holds, on the earlier answers (see ``conditions``).
2. A question earns points: the chosen option's score (a 0-1 share, or raw points); for several
   choices the rubric's rule (sum, max, min or mean); a number's band. "I don't know" earns the
   question's worst score. Text is never scored.
3. An area's score is its points out of its maximum, as a percentage. Answers of "not
   applicable", unanswered questions and questions not asked of the role are left out of both; a
   follow-up that an earlier answer made unnecessary counts as met (full marks, or no risk
   points), so an answer that closes a line of questions never scores better than answering them.
   The overall score is the weighted mean of the area scores.
4. Findings come from chosen options, number bands and rules; a rule's finding replaces the
   findings of the answers that made it hold. The verdict is the first band, best first, whose
   conditions all hold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from statistics import mean

from civdata.conditions import (
    OVERALL,
    AnswerState,
    Contribution,
    Evaluator,
    Truth,
    contributing_answers,
    evaluate,
    evaluator,
    tested_for_an_answer,
    tested_only_negated,
)
from civdata.model import (
    Answer,
    AnswerSet,
    AnswerValue,
    Area,
    Condition,
    Direction,
    FindingSpec,
    Location,
    Question,
    QuestionType,
    Rubric,
    Severity,
    Verdict,
    band_finding_id,
    option_finding_id,
    rule_finding_id,
    score_tests,
)
from civdata.records import record
from civdata.results import (
    AreaResult,
    Assessment,
    Coverage,
    Finding,
    FindingKind,
    FindingSource,
    HeldBack,
    Note,
    OpenScore,
    QuestionResult,
    QuestionStatus,
    Score,
    Strength,
    range_as_scores,
)
from civdata.wording import quantity


@record
class Walk:
    """Which questions apply to one respondent, and the answers conditions are evaluated on."""

    statuses: dict[str, QuestionStatus]
    state: AnswerState


@record
class _RoleWalk:
    """Where a walk starts for one role: every question's status in asking order, those not asked
    of the role already skipped (the others are all decided by the walk), and the questions asked,
    each with its compiled ``when`` and whether it has a "not applicable" option to be told from."""

    statuses: dict[str, QuestionStatus]
    asked: tuple[tuple[Question, Evaluator | None, bool], ...]
    #: The questions the role is not asked, on which no test holds, not even under a ``not``.
    not_asked: frozenset[str]


def _role_walk(rubric: Rubric, role: str) -> _RoleWalk:
    asked = tuple(
        (
            question,
            evaluator(question.when) if question.when is not None else None,
            any(option.not_applicable for option in question.options),
        )
        for question in rubric.questions
        if question.asked_of(role)
    )
    statuses = {
        question.id: QuestionStatus.UNANSWERED if question.asked_of(role) else QuestionStatus.SKIPPED_ROLE
        for question in rubric.questions
    }
    not_asked = frozenset(qid for qid, status in statuses.items() if status is QuestionStatus.SKIPPED_ROLE)
    return _RoleWalk(statuses, asked, not_asked)


def walk(rubric: Rubric, answers: AnswerSet) -> Walk:
    """Walk the questions in asking order and decide, for each, whether it applies.

    Shared with the questionnaire, which walks again after every answer to know which follow-up
    questions now apply.
    """
    start = _tables(rubric).role_walk(rubric, answers.respondent.role)
    statuses = dict(start.statuses)
    applicable: dict[str, AnswerValue] = {}
    blank: set[str] = set()
    # One view of the answers so far, filled in as the walk goes.
    so_far = AnswerState(rubric, applicable, blank, not_asked=start.not_asked)
    for question, when, may_be_not_applicable in start.asked:
        if when is not None and not when(so_far).possible:
            statuses[question.id] = QuestionStatus.SKIPPED_CONDITION
            continue
        value = answers.value(question.id)
        if value is None:
            statuses[question.id] = QuestionStatus.UNANSWERED
            blank.add(question.id)
            continue
        applicable[question.id] = value
        not_applicable = may_be_not_applicable and _scored(question, value).not_applicable
        statuses[question.id] = QuestionStatus.NOT_APPLICABLE if not_applicable else QuestionStatus.ANSWERED
    return Walk(statuses, AnswerState(rubric, applicable, frozenset(blank), not_asked=start.not_asked))


def applicable_answers(rubric: Rubric, answers: AnswerSet) -> dict[str, AnswerValue]:
    """Answers to the questions that apply, in asking order (question id -> value)."""
    return dict(walk(rubric, answers).state.answers)


def question_statuses(rubric: Rubric, answers: AnswerSet) -> dict[str, QuestionStatus]:
    """Whether each question applies to this respondent and, if so, whether it was answered."""
    return walk(rubric, answers).statuses


def _chosen(value: AnswerValue) -> tuple[str | int, ...]:
    return value if isinstance(value, tuple) else (value,)  # type: ignore[return-value]


def _is_not_applicable(question: Question, value: AnswerValue) -> bool:
    if not question.type.has_options:
        return False
    options = [question.option(item) for item in _chosen(value)]
    return bool(options) and all(option is not None and option.not_applicable for option in options)


def score_answer(question: Question, value: AnswerValue) -> float | None:
    """The points one answer earns (a 0-1 share, or raw points), or None when it is not scored."""
    if question.type is QuestionType.TEXT:
        return None
    if question.type is QuestionType.NUMBER:
        band = next((band for band in question.bands if band.contains(float(value))), None)  # type: ignore[arg-type]
        return band.score if band else None
    scores = [
        option.score
        for item in _chosen(value)
        if (option := question.option(item)) is not None and option.score is not None
    ]
    if not scores:
        return None
    if question.type is not QuestionType.MULTIPLE_CHOICE:
        return scores[0]
    combined = {
        "sum": lambda: min(question.max_points or 1.0, sum(scores)),
        "max": lambda: max(scores),
        "min": lambda: min(scores),
        "mean": lambda: mean(scores),
    }[question.scoring]()
    return round(combined, 6)


def answer_text(question: Question, value: AnswerValue) -> str:
    """How an answer reads in a report: option labels, a number with its unit, or the text.

    Ticked options read in the rubric's order, whatever order the file lists them in, so that two
    people who ticked the same options are counted as giving the same answer.
    """
    if question.type is QuestionType.TEXT:
        return str(value)
    if question.type is QuestionType.NUMBER:
        return quantity(value, question.unit)  # type: ignore[arg-type]
    chosen = _chosen(value)
    labels = [option.label for option in question.options if option.value in chosen]
    labels += [str(item) for item in chosen if question.option(item) is None]
    return "; ".join(labels)


def _finding(
    spec: FindingSpec,
    finding_id: str,
    source: FindingSource,
    notes: tuple[Note, ...],
    location: Location | None = None,
    covers: tuple[Finding, ...] = (),
) -> Finding:
    return Finding(
        id=finding_id,
        severity=spec.severity,
        title=spec.title,
        recommendation=spec.recommendation,
        explanation=spec.explanation,
        source=source,
        notes=notes,
        owner=spec.owner,
        act_by=spec.act_by,
        own_recommendation=spec.own_recommendation,
        location=location,
        covers=covers,
    )


def answer_findings(question: Question, value: AnswerValue, note: str | None = None) -> tuple[Finding, ...]:
    """The findings one answer raises by itself (options and number bands, not rules).

    The questionnaire asks for a note when an answer raises a high or critical finding.
    """
    return _answer_findings(question, value, note, answer_text(question, value))


def as_reported(
    rubric: Rubric, answers: AnswerSet, question: Question, value: AnswerValue, findings: Iterable[Finding]
) -> list[Finding]:
    """Each of ``findings``, raised by answering ``value`` to ``question``, as a report on
    ``answers`` with that answer would show it: itself, or the rule's finding that states it in
    context and so replaces it (once, however many of them it covers).

    The questionnaire asked for a note under "HIGH: No threat model" where the report gave that
    answer as part of a critical finding, "Sensitive data and no threat model"."""
    findings = list(findings)
    if not findings:
        return []
    answered = {**answers.answers, question.id: Answer(value, answers.answers.get(question.id, Answer(None)).note)}
    covering: dict[str, Finding] = {}
    for finding in assess(rubric, replace(answers, answers=answered)).findings:
        for covered in finding.covers:
            if covered.source.question_id == question.id:
                covering.setdefault(covered.id, finding)
    shown: dict[str, Finding] = {}
    for finding in findings:
        reported = covering.get(finding.id, finding)
        shown.setdefault(reported.id, reported)
    return list(shown.values())


def _raising(question: Question, value: AnswerValue) -> list[tuple[FindingSpec | None, str | None, str]]:
    """The finding, strength and finding id of each option (or the band) an answer chose."""
    if question.type is QuestionType.NUMBER:
        return [
            (band.finding, band.strength, band_finding_id(question.id, index))
            for index, band in enumerate(question.bands)
            if band.contains(float(value))  # type: ignore[arg-type]
        ]
    if not question.type.has_options:
        return []
    return [
        (option.finding, option.strength, option_finding_id(question.id, item))
        for item in _chosen(value)
        if (option := question.option(item)) is not None
    ]


def _answer_findings(question: Question, value: AnswerValue, note: str | None, text: str) -> tuple[Finding, ...]:
    raising = [(spec, finding_id) for spec, _, finding_id in _raising(question, value) if spec is not None]
    if not raising:
        return ()
    notes = (Note(question.id, note),) if note else ()
    source = FindingSource(FindingKind.ANSWER, question.id, text)
    return tuple(_finding(spec, finding_id, source, notes) for spec, finding_id in raising)


def _strengths(question: Question, value: AnswerValue, text: str) -> tuple[tuple[str, str], ...]:
    """Each strength an answer shows, with the words of the answer that show it (``text``, the
    whole answer's): one for each ticked option of a multiple choice that names one, with that
    option's label, so that a combined report counts who shows each; they were joined into one,
    and two people who ticked different options shared none."""
    if question.type is QuestionType.MULTIPLE_CHOICE:
        chosen = set(_chosen(value))
        return tuple(
            (option.strength, option.label) for option in question.options if option.value in chosen and option.strength
        )
    return tuple((strength, text) for _, strength, _ in _raising(question, value) if strength)


@record
class _Scored:
    """What one answer to one question comes to, whoever gave it: worked out once per answer."""

    text: str
    points: float | None
    findings: tuple[Finding, ...]
    strengths: tuple[tuple[str, str], ...]
    not_applicable: bool


def _scored(question: Question, value: AnswerValue) -> _Scored:
    """The text, points, findings (without notes) and strength of an answer, from a cache kept per
    question: a consultation's files repeat the same few answers thousands of times."""
    cache = question.scoring_cache
    known = cache.get(value)
    if isinstance(known, _Scored):
        return known
    text = answer_text(question, value)
    scored = _Scored(
        text,
        score_answer(question, value),
        _answer_findings(question, value, None, text),
        _strengths(question, value, text),
        _is_not_applicable(question, value),
    )
    if len(cache) < _CACHE_LIMIT:
        cache[value] = scored
    return scored


#: Distinct answers remembered per question (numbers and text can be all different), and distinct
#: roles (any text a file gives) per rubric.
_CACHE_LIMIT = 2_000


class _Tables:
    """What scoring works out once per rubric rather than once per respondent: where a walk starts
    for each role, the questions coverage counts, and what raised each rule's finding. Kept on the
    rubric (``Rubric.scoring_cache``): the rubric is immutable, so they hold as long as it lives.
    They do not point back to the rubric, so a rubric no longer used is freed at once."""

    def __init__(self, rubric: Rubric) -> None:
        self.required = tuple(question.id for question in rubric.questions if question.required)
        self.optional = tuple(question.id for question in rubric.questions if not question.required)
        #: The optional questions that are not text (never scored; a note left blank says nothing of
        #: how complete the answers are): what coverage counts when none that apply is required.
        self.optional_scored = tuple(
            question.id
            for question in rubric.questions
            if not question.required and question.type is not QuestionType.TEXT
        )
        #: What raised each rule's finding, one object for every respondent it is raised for: when
        #: it holds, and when it only possibly holds (on "I don't know" answers).
        self.rule_sources = tuple(FindingSource(FindingKind.RULE, rule_id=rule.id) for rule in rubric.rules)
        self.possible_sources = tuple(
            FindingSource(FindingKind.RULE, rule_id=rule.id, possibly=True) for rule in rubric.rules
        )
        #: The questions each rule has a test on that a blank makes possibly true: a blank one could make it hold.
        self.rule_answers = tuple(tested_for_an_answer(rule.when) for rule in rubric.rules)
        #: The questions each rule tests only under a ``not``: its scope, whose findings it never states.
        self.rule_scopes = tuple(tested_only_negated(rule.when) for rule in rubric.rules)
        #: Every question's id, and the questions each rule reads at all (none for a rule on scores alone).
        self.questions = frozenset(question.id for question in rubric.questions)
        self.rule_questions = tuple(frozenset(rule.questions) for rule in rubric.rules)
        #: The scored questions whose blanks leave each score open (an area's; the overall's, over
        #: the areas in it): what a rule on that score may rest on (see :func:`_open_score_blanks`).
        self.score_questions = _score_questions(rubric)
        self._blank_sources: dict[tuple[str | None, tuple[str, ...], bool], FindingSource] = {}
        self._roles: dict[str, _RoleWalk] = {}
        self._points: dict[str, tuple[float, float]] = {}

    def may_not_apply(self, question: Question) -> bool:
        """Whether ``question`` offers "not applicable", which takes it out of its area's score."""
        return any(option.not_applicable for option in question.options)

    def point_range(self, question: Question) -> tuple[float, float]:
        """The fewest and the most points an answer to ``question`` earns (a blank could be any)."""
        known = self._points.get(question.id)
        if known is None:
            points = _answer_points(question) or [0.0]
            known = self._points[question.id] = (min(points), max(points))
        return known

    def blank_source(self, source: FindingSource, blank: tuple[str, ...], unknown: bool) -> FindingSource:
        """What raised a rule's finding that questions left blank may make hold (and an "I don't
        know" too, with ``unknown``): one object for every respondent who left the same ones blank."""
        key = (source.rule_id, blank, unknown)
        known = self._blank_sources.get(key)
        if known is None:
            known = FindingSource(FindingKind.RULE, rule_id=source.rule_id, blank=blank, possibly=True, unknown=unknown)
            if len(self._blank_sources) < _CACHE_LIMIT:
                self._blank_sources[key] = known
        return known

    def role_walk(self, rubric: Rubric, role: str) -> _RoleWalk:
        """Where a walk starts for a respondent in ``role`` (any text a file gives)."""
        known = self._roles.get(role)
        if known is None:
            known = _role_walk(rubric, role)
            if len(self._roles) < _CACHE_LIMIT:
                self._roles[role] = known
        return known


def _score_questions(rubric: Rubric) -> dict[str, frozenset[str]]:
    """Each score's scored questions, by the target a score test names: an area's own, and for
    the overall score those of the areas it is made of (weight above 0, read the rubric's way)."""
    found = {area.id: frozenset(question.id for question in area.questions if question.scored) for area in rubric.areas}
    found[OVERALL] = frozenset().union(
        *(found[area.id] for area in rubric.areas if area.weight > 0 and area.direction is rubric.direction)
    )
    return found


def _tables(rubric: Rubric) -> _Tables:
    """The rubric's scoring tables, made on first use."""
    cache = rubric.scoring_cache
    tables = cache.get(_Tables)
    if not isinstance(tables, _Tables):
        tables = _Tables(rubric)
        cache[_Tables] = tables
    return tables


def _question_result(question: Question, status: QuestionStatus, answers: AnswerSet) -> QuestionResult:
    answer = answers.answers.get(question.id)
    note = answer.note if answer else None
    if note is None or not status.applies:
        # Without a note, the result is the same for everyone who gave this answer: one object,
        # made once per question and answer, however many respondents share it.
        value = answer.value if answer else None
        key = (status, type(value), value)
        cache = question.scoring_cache
        known = cache.get(key)
        if isinstance(known, QuestionResult):
            return known
        result = _new_question_result(question, status, value, None)
        if len(cache) < _CACHE_LIMIT:
            cache[key] = result
        return result
    return _new_question_result(question, status, answer.value if answer else None, note)


def _new_question_result(
    question: Question, status: QuestionStatus, value: AnswerValue | None, note: str | None
) -> QuestionResult:
    if status is QuestionStatus.SKIPPED_CONDITION:
        return QuestionResult(question, status, points=_best(question) if question.scored else None, met=True)
    if status is QuestionStatus.UNANSWERED:
        return QuestionResult(question, status, note=note, findings=_blank_findings(question, note))
    if status is not QuestionStatus.ANSWERED and status is not QuestionStatus.NOT_APPLICABLE:
        return QuestionResult(question, status)
    assert value is not None
    scored = _scored(question, value)
    findings = scored.findings
    if note and findings:
        findings = tuple(replace(finding, notes=(Note(question.id, note),)) for finding in findings)
    answered = status is QuestionStatus.ANSWERED
    return QuestionResult(
        question=question,
        status=status,
        value=value,
        answer_text=scored.text,
        points=scored.points if answered else None,
        note=note,
        findings=findings,
        strengths=scored.strengths if answered else (),
    )


def _blank_findings(question: Question, note: str | None) -> tuple[Finding, ...]:
    """What a question that applies raises when it is left blank: the finding of the riskiest
    answer it could be (:attr:`civdata.model.Question.blank_reading`), marked as resting on the
    blank, so no answer that raises a finding looks worse than leaving it out. Nothing for an
    optional question. Made once per question and note (see :func:`_question_result`)."""
    reading = question.blank_reading
    if reading is None:
        return ()
    source = FindingSource(FindingKind.ANSWER, question.id, blank=(question.id,), possibly=True)
    notes = (Note(question.id, note),) if note else ()
    return (_finding(reading.finding, reading.finding_id, source, notes),)


def _best(question: Question) -> float:
    """What a follow-up that is not needed counts as: full marks, or no risk points."""
    return question.max_points if question.direction is Direction.READINESS else 0.0


def _area_score(results: tuple[QuestionResult, ...]) -> Score:
    """Points out of the maximum, over the counted answers and the follow-ups counted as met.

    A follow-up an answer made unnecessary counts as met: leaving it out would let an answer that
    closes a line of questions score better than answering them. It counts beside what the person
    answered in the area, or where the area asked nothing else; but an area whose questions were
    all left blank has no score (nothing to count), not the full marks of its closed follow-ups:
    a person who stopped before an area must not raise its score, or the overall. Coverage, shown
    beside every score, says how much was actually answered.
    """
    if _left_blank(results):
        return Score(0.0, 0.0)
    points, maximum = _counted_points(results)
    return Score(round(points, 6), round(maximum, 6))


def _counted_points(results: tuple[QuestionResult, ...]) -> tuple[float, float]:
    """Weighted points and maximum over the counted answers and the follow-ups counted as met."""
    points = maximum = 0.0
    for result in results:
        if result.counted or (result.met and result.points is not None):
            question = result.question
            points += question.weight * (result.points or 0.0)
            maximum += question.weight * question.max_points
    return points, maximum


def _left_blank(results: tuple[QuestionResult, ...]) -> bool:
    """Whether the area asked this person something that scores and they answered none of it (a
    blank comment box beside closed follow-ups is not a blank area)."""
    # A list, not a set: its members are found by identity, without hashing each status.
    statuses = [result.status for result in results if result.question.scored]
    answered = QuestionStatus.ANSWERED in statuses or QuestionStatus.NOT_APPLICABLE in statuses
    return QuestionStatus.UNANSWERED in statuses and not answered


def _area_range(results: tuple[QuestionResult, ...], tables: _Tables) -> tuple[float, float] | None:
    """The lowest and highest share (0-1) an area could have once its scored questions left blank
    are answered, each at the fewest and at the most points it can earn, or, where the question
    offers "not applicable", taken out of the area (its points and its maximum both); None when
    none is blank. Counted as :func:`_area_score` counts, with each blank counted too (and, in an
    area left all blank, the follow-ups it counts as met, as it would once anything in it is
    answered). Leaving out a question that could be "not applicable" moves the share either way:
    a low-scoring answer beside it weighs more once it is out."""
    blanks = [result for result in results if result.status is QuestionStatus.UNANSWERED and result.question.scored]
    if not blanks:
        return None
    points, maximum = _counted_points(results)
    fewest = most = points
    lows: list[tuple[float, float]] = []
    highs: list[tuple[float, float]] = []
    for result in blanks:
        question = result.question
        low, high = tables.point_range(question)
        weight, top = question.weight, question.weight * question.max_points
        if tables.may_not_apply(question):
            lows.append((weight * low, top))
            highs.append((weight * high, top))
        else:
            fewest += weight * low
            most += weight * high
            maximum += top
    lowest = _extreme_share(fewest, maximum, lows, lowest=True)
    highest = _extreme_share(most, maximum, highs, lowest=False)
    if lowest is None or highest is None:
        return None
    return lowest, highest


def _extreme_share(points: float, maximum: float, optional: list[tuple[float, float]], *, lowest: bool) -> float | None:
    """The lowest (or highest) share of ``points`` out of ``maximum`` over every choice of the
    ``optional`` answers, each counted (its points, its maximum) or taken out: those whose own
    share is below (above) the share so far lower (raise) it, and the best of them first, so the
    ones counted are always those past a threshold, taken in order. None when nothing is counted."""
    ordered = sorted((item for item in optional if item[1] > 0), key=lambda item: item[0] / item[1])
    for part, top in ordered if lowest else reversed(ordered):
        share = part / top
        if maximum > 0 and (share >= points / maximum if lowest else share <= points / maximum):
            break
        points += part
        maximum += top
    return points / maximum if maximum > 0 else None


def open_range(
    areas: tuple[AreaResult, ...], ranges: tuple[tuple[float, float] | None, ...]
) -> tuple[float, float] | None:
    """The lowest and highest overall score (0-100, rounded) the questions left blank leave open,
    each area at the bound of ``ranges`` (shares 0-1; None for an area with nothing left blank,
    which keeps its score); None when nothing left blank is scored."""
    if all(bound is None for bound in ranges):
        return None
    ends = []
    for end in (0, 1):
        bounded = tuple(
            area if bound is None else replace(area, score=Score(bound[end], 1.0))
            for area, bound in zip(areas, ranges, strict=True)
        )
        ends.append(overall_score(bounded))
    low, high = ends
    return None if low is None or high is None else (low, high)


def overall_score(areas: tuple[AreaResult, ...]) -> float | None:
    """Weighted mean of the area percentages, over areas with any counted answer."""
    weighted = [
        (area.area.weight, area.score.points / area.score.maximum)
        for area in areas
        if area.score.maximum > 0 and area.area.weight > 0
    ]
    total_weight = sum(weight for weight, _ in weighted)
    if not weighted or total_weight == 0:
        return None
    overall = 100 * sum(weight * share for weight, share in weighted) / total_weight
    return round(overall, 1) if math.isfinite(overall) else None


def score_state(
    state: AnswerState,
    areas: tuple[AreaResult, ...],
    overall: float | None,
    ranges: tuple[tuple[float, float] | None, ...] = (),
    possible: tuple[float, float] | None = None,
) -> AnswerState:
    """The answer state with computed scores added, for rules and verdicts that test them, and
    the range each score its blanks leave open could take (``ranges``, shares 0-1 by area, and
    ``possible``, the overall's: see :func:`open_range`), the score shown included."""
    scores: dict[str, float | None] = {area.area.id: area.score.percent for area in areas}
    scores[OVERALL] = overall
    # No ranges when nothing is blank: every area then has none.
    opened = (
        (area.area.id, range_as_scores(bounds), area.score.percent)
        for area, bounds in zip(areas, ranges or (None,) * len(areas), strict=True)
    )
    return replace(state, scores=scores, score_ranges=open_scores(opened, overall, possible))


def open_scores(
    areas: Iterable[tuple[str, tuple[float, float] | None, float | None]],
    overall: float | None,
    possible: tuple[float, float] | None,
) -> dict[str, tuple[float, float]]:
    """The ranges score tests hold over (:attr:`civdata.conditions.AnswerState.score_ranges`), for
    one respondent or a group alike: each area's left open by its blanks (area id, range as scores,
    score shown) and the overall's (``possible``). Not widened to the score shown: it lies in the
    range, but where an area's scored questions were all left blank (:func:`_score_span`), and a
    score no answers give must not hold a test the answers cannot."""
    found = {area_id: bounds for area_id, bounds, _shown in areas if bounds is not None}
    if possible is not None:
        found[OVERALL] = possible
    return found


def _rule_findings(
    rubric: Rubric, state: AnswerState, answers: AnswerSet, answer_level: list[Finding]
) -> tuple[list[Finding], frozenset[str]]:
    """Each rule that (possibly) holds: its finding, with the notes of the answers it reads, where
    the first answer that made it hold is written, and the findings of ``answer_level`` it covers.
    Notes and places are this respondent's own, so the finding is made for each respondent.
    Second, the rules the answers rule out (:attr:`civdata.results.Assessment.ruled_out`)."""
    found = []
    ruled_out = []
    tables = _tables(rubric)
    ruling_out = _RulingOut(state, tables.questions)
    rules = zip(
        rubric.rules,
        tables.rule_sources,
        tables.possible_sources,
        tables.rule_answers,
        tables.rule_questions,
        tables.rule_scopes,
        strict=True,
    )
    for rule, holds, possible, tested, reads, scope in rules:
        truth = evaluate(rule.when, state)
        if not truth.possible:
            if ruling_out.rules_out(rule.when, reads, tested):
                ruled_out.append(rule.id)
            continue
        source = holds if truth is Truth.TRUE else possible
        made_by = contributing_answers(rule.when, state)
        blank = _blanks(rubric, truth, made_by, state.blank, tested) if state.blank else ()
        if truth is Truth.POSSIBLE and state.score_ranges:
            # On a score its blanks leave open: they may be what raises it (not "I don't know").
            open_blanks = _open_score_blanks(rule.when, state, tables.score_questions)
            if open_blanks:
                blank = tuple(sorted({*blank, *open_blanks}, key=rubric.asking_order.__getitem__))
        if blank:
            source = tables.blank_source(source, blank, _rests_on_unknown(rubric, made_by, state))
        notes = tuple(
            Note(question_id, note)
            for question_id in rule.questions
            if (question_id in state.answers or question_id in blank) and (note := answers.note(question_id))
        )
        first = _first_answer(rubric, made_by, state)
        shown = None if truth is Truth.TRUE else state.answers
        covering = {(question_id, option) for question_id, option in made_by if question_id not in scope}
        covers = _covered(rubric, rule.finding.severity, covering, answer_level, shown)
        found.append(_finding(rule.finding, rule_finding_id(rule.id), source, notes, answers.location(first), covers))
    return found, frozenset(ruled_out)


def _rests_on_unknown(rubric: Rubric, made_by: set[Contribution], state: AnswerState) -> bool:
    """Whether an "I don't know" answer is among those that make a rule hold: the options named,
    or the whole answer's options."""
    return any(
        _chose_unknown(rubric, question_id, option if option is not None else value)
        for question_id, option in made_by
        if (value := state.answers.get(question_id)) is not None
    )


def _open_score_blanks(
    condition: Condition, state: AnswerState, score_questions: Mapping[str, frozenset[str]]
) -> frozenset[str]:
    """The questions left blank that leave open a score ``condition`` tests, for the tests that
    only possibly hold because of them: a rule on an area that holds whatever its blanks are does
    not rest on them (an "I don't know" elsewhere in the rule may be what is open)."""
    found: set[str] = set()
    for test in score_tests(condition):
        if evaluate(test, state) is Truth.POSSIBLE:
            found |= score_questions.get(test.target, frozenset()) & state.blank
    return frozenset(found)


class _RulingOut:
    """Whether answers on which a rule is false rule it out (``Assessment.ruled_out``): it stays
    false when each question it reads that was not put to the respondent (not asked of their
    role, or skipped by a condition) is read as left blank, that is as any answer. A rule on
    scores alone is not ruled out by answers; nor is one that asks whether an unasked question was
    left unanswered (``answered: false``: a blank makes that test true, not "any answer").

    One respondent's answers with every question not put to them read as blank serve every rule:
    a condition reads only its own questions, so the others' being blank changes nothing for it.
    Made once, on first need, rather than once per rule."""

    def __init__(self, state: AnswerState, questions: frozenset[str]) -> None:
        self.state = state
        self.questions = questions
        self._as_blank: AnswerState | None = None

    def rules_out(self, when: Condition, reads: frozenset[str], tested: frozenset[str]) -> bool:
        if not reads:
            return False
        state = self.state
        # Put to them: answered (not applicable included) or left blank; the rest was not.
        unput = reads.difference(state.answers, state.blank)
        if not unput:
            return True
        if not unput <= tested:
            return False
        if self._as_blank is None:
            self._as_blank = replace(state, blank=self.questions.difference(state.answers), not_asked=frozenset())
        return not evaluate(when, self._as_blank).possible


def _blanks(
    rubric: Rubric, truth: Truth, made_by: set[Contribution], blank: AbstractSet[str], tested: AbstractSet[str]
) -> tuple[str, ...]:
    """The questions left blank that make a rule possibly hold, in asking order: a blank could be
    any answer, so they may be all that raises it. Only those with a test a blank makes possibly
    true (``tested``: ``answered: false`` it makes simply true). None when the rule holds for
    certain, whatever they would have said."""
    if truth is Truth.TRUE:
        return ()
    found = {question_id for question_id, _ in made_by if question_id in blank and question_id in tested}
    return tuple(sorted(found, key=rubric.asking_order.__getitem__))


def _first_answer(rubric: Rubric, made_by: set[Contribution], state: AnswerState) -> str:
    """Where a rule's finding points: the first answer, in asking order, that makes it hold; the
    first question left blank that does when no answer given does ("" when none does)."""
    pool = {question_id for question_id, _ in made_by}
    if state.blank:
        pool = {question_id for question_id in pool if question_id in state.answers} or pool
    return min(pool, key=rubric.asking_order.__getitem__, default="")


def _covered(
    rubric: Rubric,
    severity: Severity,
    made_by: set[Contribution],
    answer_level: list[Finding],
    answered: Mapping[str, AnswerValue] | None,
) -> tuple[Finding, ...]:
    """The findings a rule's finding replaces: those the answers that made it hold raise by
    themselves, when they are no more severe (a more severe one stays, so the worst finding never
    drops). An option ticked beside the ones a rule names is not what made it hold: its finding
    stays. Worked out before the rule's finding is made, which then holds them from the start.

    ``made_by`` leaves out the questions the rule tests only under a ``not``: its scope, not its
    fact (:func:`civdata.conditions.tested_only_negated`).

    A rule that only possibly holds (``answered`` is then the answers) replaces only what may hold
    as it does: a blank's finding, or an "I don't know" answer's. A finding a known answer shows
    stays a finding of its own: folded into one that says "find out first", the safeguards a
    person said are missing would read as something to look into rather than to fix."""
    whole = {question_id for question_id, option in made_by if option is None}
    options = {option_finding_id(question_id, option) for question_id, option in made_by if option is not None}
    return tuple(
        finding
        for finding in answer_level
        if (finding.source.question_id in whole or finding.id in options)
        and finding.severity.rank <= severity.rank
        and (answered is None or _may_only_hold(rubric, finding, answered))
    )


def _may_only_hold(rubric: Rubric, finding: Finding, answered: Mapping[str, AnswerValue]) -> bool:
    """Whether an answer's finding only may hold: raised by a blank, or by an answer that is (or
    includes) "I don't know"."""
    question_id = finding.source.question_id
    if finding.source.possibly or question_id is None or question_id not in answered:
        return True
    return _chose_unknown(rubric, question_id, answered[question_id])


def _chose_unknown(rubric: Rubric, question_id: str, value: AnswerValue) -> bool:
    """Whether an answer is, or includes, "I don't know"."""
    unknown = rubric.question(question_id).unknown_values
    return any(item in unknown for item in _chosen(value))


def replace_covered(answer_level: list[Finding], rule_level: list[Finding]) -> list[Finding]:
    """One finding per fact: a rule's finding replaces the findings that the answers making it
    hold raise by themselves (those it ``covers``, see :func:`_covered`), and lists them."""
    covered_ids = {finding.id for rule in rule_level for finding in rule.covers}
    return [finding for finding in answer_level if finding.id not in covered_ids] + rule_level


def sort_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    """Most severe first; among equally severe ones, those that answers show, then those that only
    may hold (:attr:`civdata.results.FindingSource.possibly`), then those that only may hold and
    others' answers rule out (:attr:`~civdata.results.FindingSource.doubt`), each in the order
    they were raised."""
    return tuple(sorted(findings, key=lambda finding: (-finding.severity.rank, finding.source.doubt)))


def choose_verdict(
    rubric: Rubric,
    overall: float | None,
    worst: Severity | None,
    coverage: float,
    state: AnswerState | None = None,
    possible: tuple[float, float] | None = None,
) -> Verdict:
    """The first verdict band, best first, whose conditions all hold; the last band has none.

    A score that is not a finite number never satisfies a score condition, and a ``when`` that
    only possibly holds (an "I don't know" answer) does not give the band. ``possible`` is the
    range of scores the questions left blank leave open (:func:`open_range`): a score condition
    must hold over all of it (the score shown is in it, or is a score no answers give:
    :func:`_score_span`), so that a blank, which could be any answer, never earns a band that
    "I don't know" (the worst answer) would not.
    """
    low, high = _score_span(overall, possible)
    for verdict in rubric.verdicts:
        if not _band_allows(verdict, low, high, worst, coverage):
            continue
        if verdict.when is not None and (state is None or evaluate(verdict.when, state) is not Truth.TRUE):
            continue
        return verdict
    return rubric.verdicts[-1]


def _score_span(overall: float | None, possible: tuple[float, float] | None) -> tuple[float | None, float | None]:
    """The lowest and highest score a band's score conditions must hold for: every score the blanks
    leave open (``possible``), else the score shown; None for a score that is not a finite number.

    The score shown lies in that range, but in one case: an area whose scored questions were all
    left blank has no score, and the score shown leaves it out, while an answer elsewhere closed
    one of its follow-ups, which any answers to the others would count as met (docs/scoring.md,
    section 5). That is a score no answers give, and it was below every score left open:
    answering that nobody in the data could be harmed, which closes the threat model, failed a
    band and ``--fail-under`` that the riskier answer with a threat model passed, on the same
    blanks (the review of verdicts). :func:`civdata.results.scored_apart` tells a report when."""
    if possible is not None:
        return possible  # also where nothing answered is scored: any answers to the blanks would be
    score = overall if overall is not None and math.isfinite(overall) else None
    return score, score


def _band_allows(
    verdict: Verdict, low: float | None, high: float | None, worst: Severity | None, coverage: float
) -> bool:
    """Whether every condition of a verdict band but its ``when`` holds."""
    if verdict.min_score is not None and (low is None or low < verdict.min_score):
        return False
    if verdict.max_score is not None and (high is None or high > verdict.max_score):
        return False
    if verdict.max_severity is not None and worst is not None and worst.rank > verdict.max_severity.rank:
        return False
    return verdict.min_coverage is None or coverage >= verdict.min_coverage


def held_back(
    rubric: Rubric,
    overall: float | None,
    worst: Severity | None,
    coverage: float,
    state: AnswerState | None,
    verdict: Verdict,
) -> HeldBack | None:
    """The first band better than ``verdict`` that the answers given would earn but for its
    ``when``, which only possibly holds on them (an answer it tests is "I don't know" or left
    blank, or, in a group, not the same for every respondent: :func:`civdata.conditions.agreed_truths`),
    or its ``min_coverage``, which the required questions left blank keep it from: what holds it
    back, or None.

    A report says which beside its verdict, as it says what blanks in a score hold back: a
    combined report on a rubric whose "Ready" tests an answer gave "Ready with conditions" to two
    people who did not answer alike, and nothing in it said why (the review of combined verdicts);
    nor did a report whose coverage was short of a band's (the review of the day's changes). Its
    score conditions are read on the score shown: what the blanks leave open of a score is
    :attr:`~civdata.results.OpenScore.held`'s to say, and a blank both tested by the ``when`` and
    leaving the score open must not leave each explanation to the other."""
    low, high = _score_span(overall, None)
    shown = replace(state, score_ranges={}) if state is not None else None
    for band in rubric.verdicts:
        if band.id == verdict.id:
            return None
        if not _band_allows(band, low, high, worst, 100.0):
            continue  # its score or its findings stand in the way: the report shows both
        truth = Truth.TRUE if band.when is None else evaluate(band.when, shown) if shown is not None else Truth.FALSE
        if truth is Truth.FALSE:
            continue
        by_coverage = band.min_coverage is not None and coverage < band.min_coverage
        if truth is Truth.POSSIBLE or by_coverage:
            return HeldBack(band, by_answers=truth is Truth.POSSIBLE, by_coverage=by_coverage)
        return None  # earned on the score shown: the range its blanks leave open holds it back
    return None


def _coverage(rubric: Rubric, statuses: dict[str, QuestionStatus], results: dict[str, QuestionResult]) -> Coverage:
    """What the answers cover (docs/scoring.md, section 7): the required questions that apply, and
    those an earlier answer settled, counted as answered."""
    tables = _tables(rubric)
    required = [question_id for question_id in tables.required if statuses[question_id].covered]
    unanswered = [question_id for question_id in required if statuses[question_id] is QuestionStatus.UNANSWERED]
    optional = [question_id for question_id in tables.optional if statuses[question_id] is QuestionStatus.UNANSWERED]
    unknown = [qid for qid, result in results.items() if result.unknown and result.status.applies]
    if not required:
        # Text is never scored, and a note left blank says nothing of how complete the answers are.
        counted = [qid for qid in tables.optional_scored if statuses[qid].covered]
        if counted:
            optional = [qid for qid in optional if qid in counted]
            answered = len(counted) - len(optional)
            return Coverage(
                answered,
                len(counted),
                (),
                tuple(optional),
                tuple(unknown),
                of_every_question=True,
                settled=_settled(counted, statuses),
                counted=tuple(counted),
            )
    return Coverage(
        len(required) - len(unanswered),
        len(required),
        tuple(unanswered),
        tuple(optional),
        tuple(unknown),
        settled=_settled(required, statuses),
        counted=tuple(required),
    )


def _settled(question_ids: list[str], statuses: dict[str, QuestionStatus]) -> tuple[str, ...]:
    """The follow-ups among ``question_ids`` that an earlier answer settled (their ``when`` false)."""
    return tuple(qid for qid in question_ids if statuses[qid] is QuestionStatus.SKIPPED_CONDITION)


def _shown_strength(question: Question, strength: str, answer: str) -> Strength:
    """The strength an answer shows, one object for everyone who shows it, from the question's
    cache: the question, the strength and the answer's text are all it holds. (The key starts with
    the class, which no answer's value can hold, so it is never taken for one.)"""
    key = (Strength, strength, answer)
    cache = question.scoring_cache
    known = cache.get(key)
    if isinstance(known, Strength):
        return known
    shown = Strength(question.id, strength, answer)
    if len(cache) < _CACHE_LIMIT:
        cache[key] = shown
    return shown


def _area_result(area: Area, statuses: dict[str, QuestionStatus], answers: AnswerSet) -> AreaResult:
    results = tuple(_question_result(q, statuses[q.id], answers) for q in area.questions)
    return AreaResult(area, results, _area_score(results))


def assess(rubric: Rubric, answers: AnswerSet) -> Assessment:
    """Score ``answers`` against ``rubric``: the whole report model for one respondent."""
    walked = walk(rubric, answers)
    area_results = tuple(_area_result(area, walked.statuses, answers) for area in rubric.areas)
    overall = overall_score(area_results)
    # What the blanks leave open: a blank could be any answer, so a score test holds over every
    # score they could give (rules and a verdict's `when`), and so do the verdict's score conditions.
    ranges: tuple[tuple[float, float] | None, ...] = ()
    possible = None
    if walked.state.blank:
        tables = _tables(rubric)
        ranges = tuple(_area_range(area.questions, tables) for area in area_results)
        possible = open_range(area_results, ranges)
    state = score_state(walked.state, area_results, overall, ranges, possible)

    by_question = {result.question.id: result for area in area_results for result in area.questions}
    answer_level = [finding for result in by_question.values() for finding in result.findings]
    rule_level, ruled_out = _rule_findings(rubric, state, answers, answer_level)
    findings = sort_findings(replace_covered(answer_level, rule_level))
    strengths = tuple(
        _shown_strength(result.question, strength, answer)
        for result in by_question.values()
        for strength, answer in result.strengths
    )
    coverage = _coverage(rubric, walked.statuses, by_question)
    worst = findings[0].severity if findings else None
    # In a verdict's `when`, as everywhere, a blank reads as possibly true: a band a known answer
    # would deny is not given because the question was left blank (not even under a `not`); and
    # its score conditions hold over every score the blanks leave open.
    verdict = choose_verdict(rubric, overall, worst, coverage.percent, state, possible)
    open_score = open_score_of(rubric, overall, worst, coverage.percent, state, possible, verdict)
    held = held_back(rubric, overall, worst, coverage.percent, state, verdict)
    return Assessment(
        rubric,
        answers,
        area_results,
        overall,
        findings,
        coverage,
        verdict,
        strengths,
        ruled_out,
        open_score,
        ranges,
        held_back=held,
    )


def open_score_of(
    rubric: Rubric,
    overall: float | None,
    worst: Severity | None,
    coverage: float,
    state: AnswerState | None,
    possible: tuple[float, float] | None,
    verdict: Verdict,
) -> OpenScore | None:
    """What the blanks leave open (:class:`~civdata.results.OpenScore`), with the band the score
    shown would give when it is not ``verdict``; None when no blank is scored."""
    if possible is None:
        return None
    # The score shown alone: its tests too, not the range the blanks leave open (a `when` on a
    # score held the band back, and the report said nothing of it).
    alone = choose_verdict(rubric, overall, worst, coverage, replace(state, score_ranges={}) if state else None)
    # Only a better band is held back: a score shown below every score left open gives a worse one.
    better = rubric.verdicts.index(alone) < rubric.verdicts.index(verdict)
    return OpenScore(possible[0], possible[1], alone if better else None)


def _answer_points(question: Question) -> list[float]:
    """The points of answers that between them earn the fewest and the most a question can:
    each option alone, and, for a multiple choice, every option that can be ticked together (no
    option scores below 0, so ticking more never earns less by ``sum``, and ``max``, ``min`` and
    ``mean`` never leave the range of the options alone). A number earns its band's points."""
    if question.type is QuestionType.NUMBER:
        return [band.score for band in question.bands if band.score is not None]
    answers: list[AnswerValue] = [option.value for option in question.options]
    if question.type is QuestionType.MULTIPLE_CHOICE:
        answers = [(value,) for value in answers]  # type: ignore[misc]
        answers.append(tuple(option.value for option in question.options if not option.exclusive))
    return [points for answer in answers if (points := score_answer(question, answer)) is not None]


def score_bounds(rubric: Rubric) -> dict[str, tuple[float, float]]:
    """The lowest and highest score (0-100, as reports round it) that any answers can give each
    area with something scored, and ``overall``: bounds the true scores never leave, for the
    rubric checks to tell a verdict or a score test that no answers reach.

    An area's score is a weighted mean of the shares (points out of the maximum) of the questions
    it counts, so it lies between the lowest and the highest share any of them can have: an
    answer's, or, for a question with a ``when``, what a follow-up counted as met earns. Which
    questions a respondent is asked, and which they leave blank, only choose among those shares.
    The overall score, and a combined score of several respondents, is a mean of area scores, so
    it lies between the lowest and the highest of the areas of weight above 0. The bounds may be
    wider than what answers really reach (a follow-up whose ``when`` can never be false), never
    narrower.
    """
    bounds: dict[str, tuple[float, float]] = {}
    for area in rubric.areas:
        shares = []
        for question in area.questions:
            if not question.scored:
                continue
            points = _answer_points(question)
            if question.when is not None:
                points.append(_best(question))
            shares += [share / question.max_points for share in points]
        if shares:
            bounds[area.id] = (
                max(0.0, round(100 * min(shares) - 1e-6, 1)),
                min(100.0, round(100 * max(shares) + 1e-6, 1)),
            )
    counted = [bounds[area.id] for area in rubric.areas if area.weight > 0 and area.id in bounds]
    if counted:
        bounds[OVERALL] = (min(low for low, _ in counted), max(high for _, high in counted))
    return bounds
