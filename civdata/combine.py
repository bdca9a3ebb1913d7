"""Fold respondents' assessments of one initiative into one report. Pure: no I/O.

A report on one respondent is the case n = 1 of a report on many; both come out of the same fold
(:class:`Combiner`), one assessment at a time, so a consultation of thousands is read as a stream:
each answers file is loaded, scored, folded into the running totals and dropped. What is kept
grows with what there is to say (one summary row per respondent, counts per answer and role, the
findings and their notes), not with the size of every assessment.

The funder, the lead organisation, its partners and the people described by the data see the
same initiative differently, and with unequal power. So the report keeps every role's view beside
the combined one and turns disagreement and absence into findings of their own:

- **alignment** findings (kind ``divergence``) for questions that respondents score far apart,
  each on its own range of scores, or that some say do not apply where others answer them,
  measured so that one outlier among many does not count but two roles that differ always do;
  gate questions (weight 0) included, since they decide what else applies;
- **missing voice** findings (kind ``role``) for roles the rubric expects but nobody answered as.

Scoring itself is never redone here: every number starts from :func:`civdata.scoring.assess`, and
overall scores are computed from area scores by :func:`civdata.scoring.overall_score`, the same way
as for one respondent. ``docs/multi-respondent.md`` explains the method for readers of a report.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from statistics import mean, median
from typing import TYPE_CHECKING, TypeVar

from civdata.actions import action_plan
from civdata.conditions import OVERALL, AnswerState, Truth, agreed_truths, tested_options
from civdata.initiatives import name_key
from civdata.model import (
    ANONYMIZED_TEXT,
    ROLE_NOT_STATED,
    ActBy,
    AnswerSet,
    Area,
    Direction,
    Location,
    Option,
    Question,
    QuestionType,
    Respondent,
    Role,
    Rubric,
    Severity,
    answer_tests,
)
from civdata.note_text import kept_note
from civdata.problems import quoted_list
from civdata.results import (
    NAMED_LIMIT,
    AnswerTally,
    AreaDisagreement,
    AreaResult,
    AreaScore,
    Assessment,
    Distribution,
    Divergence,
    Finding,
    FindingKind,
    FindingSource,
    Note,
    QuestionResult,
    QuestionStatus,
    Report,
    RespondentRow,
    RoleScore,
    Score,
    SpreadOf,
    Strength,
    divergence_finding_id,
    large_group,
    missing_voice_id,
)
from civdata.scoring import (
    choose_verdict,
    held_back,
    open_score_of,
    open_scores,
    overall_score,
    score_answer,
    sort_findings,
    walk,
)
from civdata.wording import and_list, plural

if TYPE_CHECKING:
    from civdata.snapshot import AnswerBrief

#: Each ``divergence.combine`` method: its name and what it does, in words for reports.
COMBINE_METHODS: dict[str, tuple[str, str]] = {
    "role_weighted_mean": (
        "role-weighted mean",
        "the mean of the respondents in each role, then the mean of those role scores weighted by the "
        "rubric's role weights, over the roles that answered",
    ),
    "median": ("median", "the middle of the respondents' scores, each respondent counting once"),
    "mean": ("mean", "the mean of the respondents' scores, each respondent counting once"),
    "min": (
        "the most cautious score",
        "in each area, the score of the respondent whose answers read worst there: the lowest readiness, the "
        "highest risk",
    ),
}

#: Alignment severity from ``spread × question weight``: the first row whose floor is reached.
#: Spread is 0-1 on the question's own range of scores, so with the default weight of 1 a complete
#: disagreement (two respondents at the question's lowest and highest score) is medium, and on a
#: question weighted 1.5 or more it is high. Never critical: a disagreement is a reason to talk
#: before acting, not proof of harm.
DIVERGENCE_SEVERITY: tuple[tuple[float, Severity], ...] = (
    (1.5, Severity.HIGH),
    (0.75, Severity.MEDIUM),
    (0.0, Severity.LOW),
)

#: The weight a gate question (weight 0, with scored answers) counts as for an alignment finding's
#: severity. Its weight is 0 because it is not scored, not because it matters less: which other
#: questions are asked and which rules can hold depend on it, and the follow-ups it opens weigh
#: 1.5 in the bundled rubric. So a complete disagreement on it is high, half its range medium.
GATE_WEIGHT = 1.5

#: Up to this many respondents answering a question, every one of them counts in its spread;
#: from this many on, the highest and lowest tenth are left out, so one outlier does not count.
SMALL_GROUP = 10


def divergence_severity(spread: float, weight: float) -> Severity:
    """The alignment finding's severity for a question's spread (0-1) and weight."""
    impact = spread * weight
    return next(severity for floor, severity in DIVERGENCE_SEVERITY if impact >= floor)


def severity_weight(question: Question) -> float:
    """The weight a question's disagreement is measured with: its own, or :data:`GATE_WEIGHT` for
    a gate question (weight 0), whose weight says it is not scored, not that it matters less."""
    return question.weight if question.weight > 0 else GATE_WEIGHT


def compared(result: QuestionResult) -> bool:
    """Whether an answer is compared with other respondents': it applies, was answered, and is
    scored (not "not applicable"), whether it counts in a score or is a gate question's. A
    follow-up an earlier answer closed is not compared: that person gave no answer to it, and
    the gate that closed it is compared instead."""
    return result.status is QuestionStatus.ANSWERED and result.score is not None


def respondent_labels(rubric: Rubric, respondents: Sequence[Respondent], *, anonymize: bool) -> list[str]:
    """A distinct display label per respondent, in the order given.

    Anonymized labels are the role label and a number within the role ("Funder 1"), so a reader
    still sees whose perspective an answer is. Otherwise the name is used, then the organisation,
    then the same role label. A label already given gets " (2)", " (3)", skipping any that is
    someone else's label as well (a person may be called "Sam (2)" or "Funder 1"), so no two
    people ever share a label. Labels are only for display: the report refers to people by their
    position, so who raised what never depends on them.
    """
    per_role: dict[str, int] = {}
    wanted: list[str] = []
    for respondent in respondents:
        per_role[respondent.role] = per_role.get(respondent.role, 0) + 1
        role = rubric.role(respondent.role) or ROLE_NOT_STATED
        role_label = f"{role.label} {per_role[respondent.role]}"
        wanted.append(role_label if anonymize else respondent.name or respondent.organisation or role_label)
    reserved = set(wanted)
    given: set[str] = set()
    labels = []
    for label in wanted:
        if label in given:
            number = 2
            while f"{label} ({number})" in given or f"{label} ({number})" in reserved:
                number += 1
            label = f"{label} ({number})"
        given.add(label)
        labels.append(label)
    return labels


def anonymize_assessment(assessment: Assessment, label: str) -> Assessment:
    """The same assessment with the respondent's name replaced by ``label``, and nothing else that
    could name them: no organisation and no file path (file names are often people's names)."""
    answers = assessment.answers
    hidden = replace(answers, respondent=Respondent(role=answers.respondent.role, name=label), source="")
    return replace(assessment, answers=hidden, findings=unlocated(assessment.findings))


def located(finding: Finding, answers: AnswerSet) -> Location | None:
    """Where a finding points in the answers that raised it: a rule where scoring placed it (its
    first contributing answer), an answer's finding at that answer. Found only for the first
    respondent who raises each finding, since a report points at one answer per finding."""
    if finding.location is not None or finding.source.question_id is None:
        return finding.location
    return answers.location(finding.source.question_id)


def unlocated(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings without the file and line they point at: an anonymized report names no file."""
    return tuple(replace(finding, location=None) for finding in findings)


#: A tally's score: a float, or None for "not applicable" (:meth:`Combiner._not_applicable`).
_S = TypeVar("_S", float, None)


# --- The fold ------------------------------------------------------------------------------------


@dataclass
class _Tally:
    """Everyone who gave one answer (same text, same score) to one question, in one role."""

    count: int = 0
    people: list[int] = field(default_factory=list)


@dataclass
class _Raised:
    """A finding as first raised, and everyone who raised it since."""

    finding: Finding
    #: Where the first respondent who raised it wrote the answer that did (see :func:`located`).
    location: Location | None = None
    people: list[int] = field(default_factory=list)
    answers: dict[str, None] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    covers: dict[str, Finding] = field(default_factory=dict)
    #: The questions any of them left blank that it read (see ``FindingSource.blank``).
    blank: dict[str, None] = field(default_factory=dict)
    #: Whether someone's answers show it, not only make it possible (``FindingSource.possibly``).
    shown: bool = False
    #: Whether any of them rests it on an "I don't know" besides blanks (``FindingSource.unknown``).
    unknown: bool = False


class Combiner:
    """Folds assessments of one initiative, one at a time, into one :class:`Report`.

    ``keep_detail`` keeps every respondent's whole assessment for the report (``--detail``);
    without it only a report on one respondent keeps its assessment, since it shows every answer.
    ``keep_answers`` reduces each assessment to what a later step needs of it and keeps that
    alone (:meth:`kept`): a comparison with a baseline needs each person's answers, not their
    whole assessment, and 500 whole assessments held for it took 193 MiB where the report
    itself takes 40 (the review of issue 10).
    """

    def __init__(
        self,
        rubric: Rubric,
        *,
        anonymize: bool = False,
        keep_detail: bool = False,
        keep_answers: Callable[[Assessment], Mapping[str, AnswerBrief]] | None = None,
    ) -> None:
        self.rubric = rubric
        self.anonymize = anonymize
        self.keep_detail = keep_detail
        self.keep_answers = keep_answers
        self._assessments: list[Assessment] = []
        self._kept: list[Mapping[str, AnswerBrief]] = []
        self._respondents: list[Respondent] = []
        self._rows: list[RespondentRow] = []
        self._shares: list[list[float | None]] = []
        #: Each respondent's area ranges left open by their blanks (``Assessment.area_ranges``).
        self._ranges: list[tuple[tuple[float, float] | None, ...]] = []
        self._raised: dict[str, _Raised] = {}
        #: Per finding a rule's finding took in, who raised it so and as what (position, finding).
        self._stated: dict[str, list[tuple[int, Finding]]] = {}
        self._strengths: dict[tuple[str, str], tuple[Strength, list[int]]] = {}
        self._tallies: dict[str, dict[tuple[str, str, float], _Tally]] = {q.id: {} for q in rubric.questions}
        #: The same of the questions left blank by someone who answered others, as "I don't know"
        #: (:meth:`_blank_as_unknown`): read where a disagreement is measured, and nowhere else.
        self._blank_tallies: dict[str, dict[tuple[str, str, float], _Tally]] = {q.id: {} for q in rubric.questions}
        #: The same of the answers of "not applicable", which have no score (:meth:`_not_applicable`):
        #: read where a disagreement is measured, and nowhere else.
        self._na_tallies: dict[str, dict[tuple[str, str, None], _Tally]] = {q.id: {} for q in rubric.questions}
        #: Per question, how many were asked it and left it blank: what a strength is "in place" out
        #: of, with those who answered (:meth:`_merged_strengths`).
        self._left_blank: Counter[str] = Counter()
        #: Per multiple-choice question, how many in each role ticked each option: (role, option) -> count.
        self._ticks: dict[str, Counter[tuple[str, str | int]]] = {
            q.id: Counter() for q in rubric.questions if q.type is QuestionType.MULTIPLE_CHOICE
        }
        #: Per multiple-choice gate question, its options that a condition tests, in the rubric's order.
        tested = tested_options(rubric)
        self._tested: dict[str, tuple[Option, ...]] = {
            q.id: tuple(option for option in q.options if option.value in tested.get(q.id, ()))
            for q in rubric.questions
            if q.type is QuestionType.MULTIPLE_CHOICE and q.gate
        }
        self._answer_notes: dict[str, list[Note]] = {q.id: [] for q in rubric.questions}
        #: The current respondent's notes as kept (:meth:`_kept_note`), by question, text and kind:
        #: a note under its answer and under the findings it explains is one record, not one each.
        self._notes_now: dict[tuple[str, str, bool], Note] = {}
        #: Per text question, the answers written to it (:attr:`Report.written`).
        self._written: dict[str, list[Note]] = {q.id: [] for q in rubric.questions if q.type is QuestionType.TEXT}
        #: Per rule, everyone whose answers rule it out (positions; ``Assessment.ruled_out``).
        self._ruled_out: dict[str, list[int]] = {rule.id: [] for rule in rubric.rules}
        #: Per question, where the first respondent who answered it wrote the answer.
        self._first_answers: dict[str, Location | None] = {}
        self._unknown = 0
        #: Per question coverage counts, how many it was counted for (asked, or settled by an earlier
        #: answer) and how many of them left it blank: the combined coverage (:meth:`_coverage`),
        #: counted while streaming, so that memory does not grow with the respondents.
        self._covered: Counter[str] = Counter()
        self._uncovered: Counter[str] = Counter()
        self._settled = 0
        self._initiative: str | None = None
        #: Who answered no question at all (a form sent back blank, an answers file with nothing
        #: under ``answers:``), in the order read: their headline, and their assessment while nobody
        #: else has answered (see :meth:`add`).
        self._silent: list[tuple[RespondentRow, Respondent, Assessment | None]] = []
        #: The truth of each answer test of the verdict bands' ``when``, over everyone folded in
        #: (:func:`civdata.conditions.agreed_truths`); empty for a rubric whose bands test no answer.
        self._agreed: dict[tuple[int, bool], Truth] = {}
        self._band_tests = any(
            any(True for _ in answer_tests(verdict.when)) for verdict in rubric.verdicts if verdict.when is not None
        )
        #: Who gave both a name and an organisation, by (role, name, organisation): their positions.
        self._people: dict[tuple[str, str, str], list[int]] = {}

    def add(self, assessment: Assessment) -> None:
        """Fold one respondent's assessment in; it is not kept unless details are.

        Someone who answered no question is listed apart (:attr:`Report.silent`) and counted in
        nothing: every blank of theirs would raise its finding as "may hold", count them among those
        who raised each ("1 of 1" of their role, 43 times over in a consultation), lower the
        coverage and widen every open score, all on a form nobody filled in. Only when nobody else
        answered are they the report, as they are then all there is."""
        if self._initiative is None:
            self._initiative = assessment.answers.initiative
        if not assessment.answers.answers:
            # Their blanks raise findings "that may hold" in their own assessment; here they raise none.
            row = replace(_row(assessment, [_area_share(area) for area in assessment.areas]), worst=None)
            self._silent.append((row, assessment.answers.respondent, None if self._rows else assessment))
            return
        if not self._rows:  # the first who answered: the blank ones before are listed apart after all
            self._silent = [(row, respondent, None) for row, respondent, _ in self._silent]
        self._fold(assessment)

    def _fold(self, assessment: Assessment) -> None:
        position = len(self._rows)
        self._notes_now.clear()
        answers = assessment.answers
        self._respondents.append(answers.respondent)
        respondent = answers.respondent
        if respondent.name and respondent.organisation:
            # One person whatever the case or spacing, as a baseline matches people (name_key).
            person = (respondent.role, name_key(respondent.name), name_key(respondent.organisation))
            self._people.setdefault(person, []).append(position)
        if position == 0 or self.keep_detail:
            self._assessments.append(assessment)
        elif len(self._assessments) == 1 and not self.keep_detail:
            self._assessments.clear()  # a second respondent: the first one's detail is no longer shown
        if self.keep_answers is not None:
            self._kept.append(self.keep_answers(assessment))
        if self._band_tests:
            state = walk(self.rubric, answers).state
            for verdict in self.rubric.verdicts:
                agreed_truths(verdict.when, (state,), self._agreed)
        shares = [_area_share(area) for area in assessment.areas]
        self._shares.append(shares)
        self._ranges.append(assessment.area_ranges)
        self._rows.append(_row(assessment, shares))
        coverage = assessment.coverage
        self._unknown += len(coverage.unknown)
        self._covered.update(coverage.counted)
        self._uncovered.update(coverage.left_blank)
        self._settled += len(coverage.settled)
        for finding in assessment.findings:
            self._raise(finding, position, answers)
        for rule_id in assessment.ruled_out:
            self._ruled_out[rule_id].append(position)
        for strength in assessment.strengths:
            key = (strength.question_id, strength.text)
            kept = self._strengths.get(key)
            if kept is None:
                kept = self._strengths[key] = (strength, [])
            kept[1].append(position)
        self._tally(assessment, position)

    def _raise(self, finding: Finding, position: int, answers: AnswerSet) -> None:
        raised = self._raised.get(finding.id)
        if raised is None:
            raised = self._raised[finding.id] = _Raised(finding, located(finding, answers))
        raised.people.append(position)
        if finding.source.answer:
            raised.answers[finding.source.answer] = None
        if finding.notes:
            raised.notes.extend(self._kept_note(note, position) for note in finding.notes)
        for covered in finding.covers:
            if covered.notes:  # kept as its notes are kept, with their author
                covered = replace(covered, notes=tuple(self._kept_note(note, position) for note in covered.notes))
            self._stated.setdefault(covered.id, []).append((position, covered))
            kept = raised.covers.get(covered.id)
            # The first given answer that raises it, rather than someone's blank read as it.
            if kept is None or (kept.source.answer is None and covered.source.answer is not None):
                raised.covers[covered.id] = covered
        for question_id in finding.source.blank:
            raised.blank[question_id] = None
        # A rule that possibly holds with no blank rests on an "I don't know" (FindingSource.unknown).
        source = finding.source
        raised.unknown = raised.unknown or source.unknown or (source.possibly and not source.blank)
        if not finding.source.possibly:
            raised.shown = True

    def _tally(self, assessment: Assessment, position: int) -> None:
        role = assessment.answers.respondent.role
        for area in assessment.areas:
            for result in area.questions:
                if result.note or result.question.id in self._written:  # nearly always neither
                    self._words(result, position)
                score = result.score
                if score is None or not compared(result):
                    if result.status is QuestionStatus.UNANSWERED:
                        self._left_blank[result.question.id] += 1
                        self._blank_as_unknown(result.question, role, position)
                    elif result.status is QuestionStatus.NOT_APPLICABLE:
                        self._not_applicable(result, role, position, assessment.answers)
                    continue
                question = result.question
                if question.id not in self._first_answers:
                    self._first_answers[question.id] = assessment.answers.location(question.id)
                _count_in(self._tallies[question.id], (role, result.answer_text or "", score), position)
                ticks = self._ticks.get(question.id)
                if ticks is not None and isinstance(result.value, tuple):
                    ticks.update((role, value) for value in result.value)

    def _words(self, result: QuestionResult, position: int) -> None:
        """Keep what a respondent wrote on a question that applies to them: their note (on any
        answer, "not applicable" and a blank included, a text question's too) and their written
        answer to a text question. Nothing of theirs is kept with --anonymize, whose answers hold
        no words of their own (:func:`civdata.model.without_own_words`)."""
        if not result.status.applies:
            return
        question_id = result.question.id
        if result.note:
            self._answer_notes[question_id].append(self._kept_note(Note(question_id, result.note), position))
        written = self._written.get(question_id)
        if written is not None and isinstance(result.value, str) and result.value and result.value != ANONYMIZED_TEXT:
            written.append(self._kept_note(Note(question_id, result.value, answer=True), position))

    def _kept_note(self, note: Note, position: int) -> Note:
        """``note``, by the respondent at ``position``, as the report keeps it: whole while the
        group is small enough to name everyone, who see every note whole; past that, as a large
        group's report quotes it (:func:`civdata.note_text.kept_note`), so that what is kept of
        what people wrote does not grow with how much they wrote. One record per note of the
        respondent, however many findings it explains."""
        key = (note.question_id, note.text, note.answer)
        kept = self._notes_now.get(key)
        if kept is None:
            kept = replace(note, respondent=position)
            if large_group(position + 1):
                kept = kept_note(kept)
            self._notes_now[key] = kept
        return kept

    def _blank_as_unknown(self, question: Question, role: str, position: int) -> None:
        """Count a question left blank, by someone who answered others, as "I don't know" where a
        disagreement is measured: a blank could be any answer, and leaving the answer out must never
        look better than saying one does not know it (docs/scoring.md, section 2). "I don't know"
        beside a known answer is a disagreement; a blank there raised none, and passed a gate that
        "I don't know" failed (the review of combined verdicts). A question with no "I don't know"
        to read it as is left out, as before. Kept apart from the answers given, which the scores
        by role and area rest on."""
        score = _unknown_score(question)
        if score is None:
            return
        _count_in(self._blank_tallies[question.id], (role, BLANK_READ_AS_UNKNOWN, score), position)

    def _not_applicable(self, result: QuestionResult, role: str, position: int, answers: AnswerSet) -> None:
        """Count an answer of "not applicable" where a disagreement is measured: beside an answer
        that applies, it is a disagreement on whether the question applies. A lead's "not
        applicable: no decisions are made with the data" beside a community member's "no route to
        redress" raised no finding where the lead's "a route exists" raised a high one, so saying
        the question does not apply made the verdict kinder (the review "verdicts2"). It has no
        score, so it counts in no score, role column or comparison of areas."""
        question_id = result.question.id
        if question_id not in self._first_answers:
            self._first_answers[question_id] = answers.location(question_id)
        _count_in(self._na_tallies[question_id], (role, result.answer_text or "", None), position)

    # --- Finishing ---------------------------------------------------------------------------------

    def identities(self) -> tuple[str | None, ...]:
        """Who each respondent folded in is (:attr:`civdata.model.Respondent.who`), in the report's
        order, whether or not the report hides it: a comparison with a baseline matches the same
        people by it even in a report by role only (``--anonymize``), and shows none of it."""
        return tuple(respondent.who for respondent in self._respondents)

    def kept(self) -> tuple[Mapping[str, AnswerBrief], ...]:
        """What ``keep_answers`` kept of each respondent who answered, in the report's order (that
        of :attr:`Report.respondents`); ask after :meth:`finish`, which may fold in the blank
        forms of a report nobody else answered."""
        return tuple(self._kept)

    def finish(self) -> Report:
        """The report on everyone folded in so far, with its action plan."""
        report = self._finish()
        if not report.multiple:
            return report
        return replace(report, actions=action_plan(self.rubric, report.findings))

    def _finish(self) -> Report:
        if not self._rows:  # nobody answered anything: the blank ones are all there is
            for _, _, assessment in self._silent:
                if assessment is not None:
                    self._fold(assessment)
            self._silent = []
        if not self._rows:
            raise ValueError("a report needs at least one respondent")
        report = self._finish_heard()
        twice = tuple(tuple(people) for people in self._people.values() if len(people) > 1)
        if twice:
            report = replace(report, same_person=twice)
        if not self._silent:
            return report
        everyone = [*self._respondents, *(respondent for _, respondent, _ in self._silent)]
        labels = respondent_labels(self.rubric, everyone, anonymize=self.anonymize)[len(self._rows) :]
        return replace(report, silent=self._labelled([row for row, _, _ in self._silent], labels))

    def _labelled(self, rows: Sequence[RespondentRow], labels: Sequence[str]) -> tuple[RespondentRow, ...]:
        """``rows`` with their ``labels``, and nothing that names them in a report by role only."""
        return tuple(
            replace(row, label=label, name=None, organisation=None, source="")
            if self.anonymize
            else replace(row, label=label)
            for row, label in zip(rows, labels, strict=True)
        )

    def _finish_heard(self) -> Report:
        """The report on those folded in (:meth:`_fold`): a single report, or a combined one."""
        rubric = self.rubric
        labels = respondent_labels(rubric, self._respondents, anonymize=self.anonymize)
        rows = self._labelled(self._rows, labels)
        detail = tuple(
            anonymize_assessment(assessment, labels[index]) if self.anonymize else assessment
            for index, assessment in enumerate(self._assessments)
        )
        if len(rows) == 1 and not self._silent:
            single = detail[0]
            if not self.anonymize:
                findings = tuple(replace(item, location=self._raised[item.id].location) for item in single.findings)
                single = replace(single, findings=findings)
            return single_report(rubric, rows[0], single, anonymize=self.anonymize)
        return self._combined_report(rows, detail)

    def _combined_report(self, rows: tuple[RespondentRow, ...], detail: tuple[Assessment, ...]) -> Report:
        rubric = self.rubric
        role_ids = [role.id for role in (*rubric.roles, ROLE_NOT_STATED) if any(row.role_id == role.id for row in rows)]
        members = {role_id: [index for index, row in enumerate(rows) if row.role_id == role_id] for role_id in role_ids}
        role_means = {role_id: self._role_means(people) for role_id, people in members.items()}
        area_percents = _combined_areas(rubric, self._shares, role_means)
        roles = tuple(
            RoleScore(
                _role(rubric, role_id),
                tuple(members[role_id]),
                _rounded(role_means[role_id]),
                _overall(rubric, role_means[role_id]),
                self._role_distributions(members[role_id]),
            )
            for role_id in role_ids
        )
        overall = _overall(rubric, area_percents)
        shown = _rounded(area_percents)
        ends = self._open_ends(members)
        areas = tuple(
            AreaScore(area, shown[area.id], open=_open_area(ends, area.id, index, self._ranges))
            for index, area in enumerate(rubric.areas)
        )
        coverage = self._coverage()
        disputed = self._divergences(rows)
        divergences = tuple(divergence for divergence, _ in disputed)
        # A role is heard when someone in it answered something: a blank submission in a role does
        # not make the report say the role had its say (an outside review of a consultation).
        missing = rubric.unheard({row.role_id for row in rows if not row.silent})
        findings = sort_findings(
            [
                *(_missing_voice_finding(role) for role in missing),
                *self._merged_findings(),
                *(
                    replace(finding, location=self._first_answers.get(divergence.question.id))
                    for divergence, finding in disputed
                ),
            ]
        )
        if self.anonymize:
            findings = unlocated(findings)
        worst = findings[0].severity if findings else None
        # A verdict's `when` sees the combined scores; a test on answers is true when it is true for
        # every respondent, false when false for every one, else only possibly true, even under a
        # `not`, and a band that needs it to hold is not given (the cautious reading).
        scores: dict[str, float | None] = {item.area.id: item.percent for item in areas}
        scores[OVERALL] = overall
        possible = _open_overall(rubric, ends) if overall is not None else None
        # A score test holds over what everyone's blanks leave open, as for one respondent: two
        # people who leave the same question blank must not earn a band that one alone is denied.
        opened = open_scores(((item.area.id, item.open, item.percent) for item in areas), overall, possible)
        state = AnswerState(
            rubric, {}, scores=scores, score_ranges=opened, answers_known=False, agreed=dict(self._agreed)
        )
        verdict = choose_verdict(rubric, overall, worst, coverage, state, possible)
        return Report(
            rubric=rubric,
            initiative=self._initiative or "",
            method=rubric.combine,
            anonymized=self.anonymize,
            respondents=rows,
            roles=roles,
            areas=areas,
            overall=overall,
            coverage=coverage,
            unknown_answers=self._unknown,
            findings=findings,
            strengths=self._merged_strengths({divergence.question.id for divergence in divergences}),
            divergences=divergences,
            area_disagreements=_area_disagreements(rubric, roles, self._tallies),
            missing_roles=missing,
            verdict=verdict,
            detail=detail,
            open_score=open_score_of(rubric, overall, worst, coverage, state, possible, verdict),
            held_back=held_back(rubric, overall, worst, coverage, state, verdict),
            written=self._unquoted(findings, divergences),
            settled=self._settled,
        )

    def _coverage(self) -> float:
        """The group's coverage (docs/multi-respondent.md, step 5): the mean over the questions
        coverage counts of the share of the respondents asked each who answered it (one an earlier
        answer settled counting as answered). Not the mean of the respondents' coverage, where
        someone not asked the questions another left blank diluted those blanks, and a group that
        nobody had answered five required questions for was "Ready" (the review "verdicts2"): a
        question only the lead is asked, left blank, counts fully as unknown to the group. With one
        respondent it is their own coverage."""
        if not self._covered:
            return 100.0  # as one respondent's coverage of nothing counted is
        shares = [(asked - self._uncovered[question_id]) / asked for question_id, asked in self._covered.items()]
        return round(100 * mean(shares), 1)

    def _unquoted(self, findings: Sequence[Finding], divergences: Sequence[Divergence]) -> tuple[Note, ...]:
        """What people wrote that no finding or disagreement quotes (:attr:`Report.written`): each
        question's written answers, then its notes that are under none of them, in asking order."""
        # The notes themselves, not a tuple made for each: a record hashes and compares as its values.
        quoted = {*(note for item in findings for note in item.notes), *(n for d in divergences for n in d.notes)}
        asked = self.rubric.asking_order
        return tuple(
            note
            for question in sorted(self.rubric.questions, key=lambda question: asked.get(question.id, len(asked)))
            for note in (
                *self._written.get(question.id, ()),
                *(n for n in self._answer_notes[question.id] if n not in quoted),
            )
        )

    def _role_means(self, people: list[int], shares: list[list[float | None]] | None = None) -> dict[str, float | None]:
        """A role's mean score per area (0-100, unrounded), over its respondents scored there (in
        ``shares``, each respondent's area shares; by default those of their answers)."""
        every = self._shares if shares is None else shares
        means: dict[str, float | None] = {}
        for index, area in enumerate(self.rubric.areas):
            scored = [share for person in people if (share := every[person][index]) is not None]
            means[area.id] = 100 * mean(scored) if scored else None
        return means

    def _open_ends(self, members: dict[str, list[int]]) -> tuple[dict[str, float | None], ...]:
        """The combined area scores (0-100, unrounded) with every respondent's areas at the lowest,
        then at the highest, their blanks allow, combined as their scores are
        (:func:`_combined_areas`); empty when nobody left blank a question that scores. Every way
        of combining is monotonic in each score, so these are the lowest and highest combined
        scores the blanks leave open."""
        # Each respondent's ranges are a tuple per area, of Nones where nothing was left blank: a
        # tuple of Nones is no blank (any() of the tuples read it as one, and a report with no
        # blank gave an open range of the score itself).
        if not any(bounds is not None for person in self._ranges for bounds in person):
            return ()
        ends = []
        for end in (0, 1):
            shares = [_at_end(row, ranges, end) for row, ranges in zip(self._shares, self._ranges, strict=True)]
            means = {role_id: self._role_means(people, shares) for role_id, people in members.items()}
            ends.append(_combined_areas(self.rubric, shares, means))
        return tuple(ends)

    def _role_distributions(self, people: list[int]) -> dict[str, Distribution | None]:
        """A role's spread of scores per area: what a reader of a large consultation needs instead
        of a column per person."""
        found: dict[str, Distribution | None] = {}
        for index, area in enumerate(self.rubric.areas):
            shares = sorted(100 * share for person in people if (share := self._shares[person][index]) is not None)
            found[area.id] = _distribution(shares) if shares else None
        return found

    def _merged_findings(self) -> list[Finding]:
        """One finding per id, listing who raised it and keeping every note with its author.

        Who is a respondent's position, so a finding and its note are credited to the person whose
        answers raised them even when two people share a name. Findings raised by more respondents
        come first among equally severe ones: a problem many see is likelier to be real, and the
        stable severity sort keeps this order. Among those raised by as many, the rubric's order:
        not the order the files were read in, which their names decide, and which would decide
        the wording and the deadline of an action two findings share (the first one listed).
        """
        order = self.rubric.finding_order
        last = len(order)
        merged = []
        for raised in self._raised.values():
            first = raised.finding
            people, answers, shown = raised.people, raised.answers, raised.shown
            stated = self._stated.get(first.id)
            if stated:
                # Listed on its own for some, and taken into a rule's finding for others: it was
                # raised by all of them, and the count says so.
                people = sorted({*people, *(position for position, _ in stated)})
                answers = {**answers, **{covered.source.answer: None for _, covered in stated if covered.source.answer}}
                shown = shown or any(not covered.source.possibly for _, covered in stated)
            source = replace(
                first.source,
                answer=" / ".join(answers) if answers else None,
                respondents=tuple(people),
                blank=tuple(sorted(raised.blank, key=self.rubric.asking_order.__getitem__)),
                unknown=raised.unknown,
                possibly=not shown,
                ruled_out=tuple(self._ruled_out[first.source.rule_id]) if first.source.rule_id else (),
            )
            merged.append(
                replace(
                    first,
                    source=source,
                    notes=tuple(raised.notes),
                    covers=tuple(
                        self._stated_by(covered)
                        for covered in sorted(raised.covers.values(), key=lambda covered: order.get(covered.id, last))
                    ),
                    location=raised.location,
                )
            )
        merged.sort(key=lambda finding: (-len(finding.source.respondents), order.get(finding.id, last)))
        return merged

    def _stated_by(self, covered: Finding) -> Finding:
        """A finding a rule's finding states in context, naming whose rules took it in (everyone's
        whose answers raised it so, under any rule): who raised it, as a finding listed on its own
        names, so a comparison tells a newcomer's or a leaver's from the others'."""
        stated = self._stated.get(covered.id, ())
        people = tuple(sorted({position for position, _ in stated}))
        # Each note with its author, as a finding listed on its own gives them (kept with its
        # author as it was folded in: _raise): once each, though two rules of one person state it.
        notes = dict.fromkeys(note for _, each in stated for note in each.notes)
        return replace(covered, notes=tuple(notes), source=replace(covered.source, respondents=people))

    def _merged_strengths(self, disputed: set[str]) -> tuple[Strength, ...]:
        """Each strength once, with everyone whose answers show it, most widely seen first; in
        place only when more than half of those asked its question show it, those who left it
        blank included, on a question they do not disagree on (``disputed``: the questions of the
        report's divergences).

        A combined report said "in place" of whatever anyone's answers showed: a pool's funder
        alone made twenty strengths, one of them beside the critical finding the community's
        answer raised on the same question. What one of several says is kept, apart, with how
        many of those who answered say it. Counted of those who answered only, one answer among
        120 people, 119 of whom left the question blank, was "in place" beside the high finding
        their blanks raised that nobody knows (an outside review, 2026-11-28)."""
        merged = []
        for strength, people in self._strengths.values():
            by_role = self._answered_by_role(strength.question_id, people)
            count = sum(answered for _, answered in by_role)
            asked = count + self._left_blank[strength.question_id]
            in_place = 2 * len(people) > asked and strength.question_id not in disputed
            shown = replace(strength, respondents=tuple(people), in_place=in_place)
            merged.append(replace(shown, answered=count, answered_by_role=by_role))
        # Ties in the rubric's order, then by text: never in the order the files were given, which a
        # dashboard comparing two runs would read as a change (an outside review, 2026-11-29).
        order = self.rubric.asking_order
        merged.sort(key=lambda item: (-len(item.respondents), order.get(item.question_id, len(order)), item.text))
        return tuple(merged)

    def _answered_by_role(self, question_id: str, people: list[int]) -> tuple[tuple[str, int], ...]:
        """How many in each role gave ``question_id`` an answer that is compared, in the rubric's
        order, roles with none left out; never fewer than the ``people`` of that role who show a
        strength on it (one whose answer is not compared may still show it)."""
        answered: Counter[str] = Counter()
        for (role, _, _), tally in self._tallies[question_id].items():
            answered[role] += tally.count
        showing = Counter(self._rows[person].role.id for person in people)
        counts = {role: max(answered[role], showing[role]) for role in answered | showing}
        roles = (*self.rubric.roles, ROLE_NOT_STATED)
        return tuple((role.id, counts[role.id]) for role in roles if counts.get(role.id))

    def _divergences(self, rows: tuple[RespondentRow, ...]) -> list[tuple[Divergence, Finding]]:
        """Questions respondents score far apart, most serious first (see :func:`disagreement`),
        each with its alignment finding.

        Answers that are compared (:func:`compared`) count by their scores; a blank as "I don't know"
        (:meth:`_blank_as_unknown`); "not applicable" beside them as a disagreement on whether the
        question applies (:meth:`_not_applicable`). A question not asked of someone says nothing
        about how they see it. Each question is measured on its own range of scores, the work done
        once per question.
        """
        large = len(rows) > NAMED_LIMIT
        found = [
            disputed
            for question in self.rubric.questions
            if (disputed := self._divergence(question, len(rows), large=large)) is not None
        ]
        found.sort(key=lambda pair: -pair[0].spread * severity_weight(pair[0].question))
        return found

    def _divergence(self, question: Question, respondents: int, *, large: bool) -> tuple[Divergence, Finding] | None:
        """A question's divergence and its alignment finding, or None when its answers are close.

        In a large group nobody is named, and a multiple-choice question is shown by option ticked:
        its combinations of options would grow with the number of people, not with what there is
        to say."""
        rubric = self.rubric
        threshold = rubric.divergence_threshold
        tallies = self._tallies[question.id]
        if self._blank_tallies[question.id]:
            tallies = {**tallies, **self._blank_tallies[question.id]}
        if not tallies:
            return None
        low, high = question.score_range
        # A question whose answers all score alike (high <= low) has no spread of scores, but may
        # still be one some say does not apply.
        spread, role_medians = disagreement(
            [(role, score, tally.count) for (role, _, score), tally in tallies.items()],
            high - low if high > low else 1.0,
            threshold,
        )
        apart = self._options_apart(question, tallies)
        not_applicable = self._na_tallies[question.id]
        applies = _applies_spread(tallies, not_applicable, threshold)
        widest = max([spread, applies, *(option_spread for _, option_spread in apart)])
        if widest <= 0 or widest < threshold:
            return None
        answers = _answer_tallies(rubric, [*tallies.items(), *not_applicable.items()], named=not large)
        ticks = self._ticks.get(question.id)
        by_option = large and ticks is not None
        shown = answers
        if by_option and ticks is not None:
            shown = (*_option_tallies(rubric, question, ticks), *(a for a in answers if a.score is None))
        divergence = Divergence(
            question=question,
            spread=widest,
            severity=divergence_severity(widest, severity_weight(question)),
            finding_id=divergence_finding_id(question.id),
            tallies=shown,
            role_medians=tuple(
                (_role(rubric, role_id), value) for role_id, value in rubric.in_role_order(role_medians)
            ),
            notes=tuple(self._answer_notes[question.id]),
            respondents=respondents,
            by_option=by_option,
            options_apart=tuple(option for option, _ in apart),
            spread_of=_spread_of(spread, applies, apart, threshold),
            applies_apart=applies > 0 and applies >= threshold,
        )
        return divergence, _alignment_finding(rubric, divergence, answers, by_median=large)

    def _options_apart(
        self, question: Question, tallies: dict[tuple[str, str, float], _Tally]
    ) -> list[tuple[Option, float]]:
        """For a multiple-choice gate question, each option a condition tests that some respondents
        ticked and others did not, far enough apart to be a disagreement, with its spread.

        Its score alone would hide them: in the bundled rubric every option that raises the stakes
        scores 0, so a respondent who ticks children and one who ticks children and migrants score
        the same, though only the second opens the rule on authorities' demands. Each option is
        measured as a yes/no answer by :func:`disagreement`, so one outlier among many does not count.
        """
        options = self._tested.get(question.id, ())
        ticks = self._ticks.get(question.id)
        if not options or ticks is None:
            return []
        answered: Counter[str] = Counter()
        for (role, _, _), tally in tallies.items():
            answered[role] += tally.count
        found = []
        for option in options:
            ticked = [(role, 1.0, ticks[(role, option.value)]) for role in answered]
            unticked = [(role, 0.0, count - ticks[(role, option.value)]) for role, count in answered.items()]
            entries = [entry for entry in (*ticked, *unticked) if entry[2] > 0]
            spread, _ = disagreement(entries, threshold=self.rubric.divergence_threshold)
            if spread > 0 and spread >= self.rubric.divergence_threshold:
                found.append((option, spread))
        return found


def combine(
    rubric: Rubric, assessments: Iterable[Assessment], *, anonymize: bool = False, keep_detail: bool = False
) -> Report:
    """The report on these assessments, all of one initiative and ``rubric``: for tests and
    benchmarks that hold assessments already. With ``anonymize``, the report is built from their
    answers by :func:`civdata.reporting.build_report`, the one way every report is built, which
    orders respondents by content and leaves out their own words first (an architecture review:
    a test of the anonymized report's safety checked a model that still held people's notes)."""
    if anonymize:
        from civdata.reporting import build_report

        answer_sets = [assessment.answers for assessment in assessments]
        return build_report(rubric, answer_sets, anonymize=True, detail=keep_detail).model
    combiner = Combiner(rubric, keep_detail=keep_detail)
    for assessment in assessments:
        combiner.add(assessment)
    return combiner.finish()


def single_report(rubric: Rubric, row: RespondentRow, assessment: Assessment, *, anonymize: bool) -> Report:
    """A report on one respondent: their own assessment, as it is, with its action plan; no
    disagreement, no missing voice. ``row`` is their headline as the report lists it (labelled,
    and anonymized with ``anonymize``). The one home of a single report, whether it is the whole
    report or one respondent's part of a combined report's ``--detail``."""
    report = Report(
        rubric=rubric,
        initiative=assessment.answers.initiative,
        method=rubric.combine,
        anonymized=anonymize,
        respondents=(row,),
        roles=(),
        areas=tuple(
            AreaScore(area.area, area.score.percent, area.score, bounds)
            for area, bounds in zip(assessment.areas, assessment.area_open, strict=True)
        ),
        overall=assessment.overall,
        coverage=assessment.coverage.percent,
        unknown_answers=len(assessment.coverage.unknown),
        settled=len(assessment.coverage.settled),
        findings=assessment.findings,
        strengths=assessment.strengths,
        divergences=(),
        area_disagreements=(),
        missing_roles=(),
        verdict=row.verdict,
        detail=(assessment,),
        open_score=assessment.open_score,
        held_back=assessment.held_back,
    )
    return replace(report, actions=action_plan(rubric, report.findings))


def _row(assessment: Assessment, shares: list[float | None]) -> RespondentRow:
    answers = assessment.answers
    respondent = answers.respondent
    return RespondentRow(
        label="",
        role=assessment.rubric.role(respondent.role) or ROLE_NOT_STATED,
        name=respondent.name,
        organisation=respondent.organisation,
        date=answers.date,
        source=answers.source,
        coverage=assessment.coverage.percent,
        overall=assessment.overall,
        verdict=assessment.verdict,
        areas=tuple(None if share is None else round(100 * share, 1) for share in shares),
        worst=assessment.findings[0].severity if assessment.findings else None,
        silent=not answers.answers,
    )


def _at_end(shares: list[float | None], ranges: tuple[tuple[float, float] | None, ...], end: int) -> list[float | None]:
    """One respondent's area shares with each area that has blanks at one ``end`` of its range
    (0 the lowest, 1 the highest); the others as they are."""
    if not ranges:
        return shares
    return [share if bound is None else bound[end] for share, bound in zip(shares, ranges, strict=True)]


def _open_overall(rubric: Rubric, ends: tuple[dict[str, float | None], ...]) -> tuple[float, float] | None:
    """The overall score the blanks leave open, from :meth:`Combiner._open_ends`."""
    if not ends:
        return None
    low, high = (_overall(rubric, areas) for areas in ends)
    return None if low is None or high is None else (low, high)


def _open_area(
    ends: tuple[dict[str, float | None], ...],
    area_id: str,
    index: int,
    ranges: list[tuple[tuple[float, float] | None, ...]],
) -> tuple[float, float] | None:
    """An area's combined range (0-100, rounded), when anyone left one of its scored questions blank."""
    if not ends or not any(person and person[index] is not None for person in ranges):
        return None
    low, high = ends[0][area_id], ends[1][area_id]
    return None if low is None or high is None else (round(low, 1), round(high, 1))


def _role(rubric: Rubric, role_id: str) -> Role:
    return rubric.role(role_id) or ROLE_NOT_STATED


# --- Scores ----------------------------------------------------------------------------------


def _area_share(result: AreaResult) -> float | None:
    """An area's score as a 0-1 share, unrounded, or None when nothing in it counted."""
    return result.score.points / result.score.maximum if result.score.maximum > 0 else None


def _overall(rubric: Rubric, percents: dict[str, float | None]) -> float | None:
    """Overall 0-100 from per-area 0-100 scores, weighted by area exactly as for one respondent."""
    areas = []
    for area in rubric.areas:
        percent = percents.get(area.id)
        areas.append(AreaResult(area, (), Score(0.0, 0.0) if percent is None else Score(percent, 100.0)))
    return overall_score(tuple(areas))


def _rounded(percents: dict[str, float | None]) -> dict[str, float | None]:
    return {key: None if value is None else round(value, 1) for key, value in percents.items()}


def _combined_areas(
    rubric: Rubric, shares: list[list[float | None]], roles: dict[str, dict[str, float | None]]
) -> dict[str, float | None]:
    """Each area's combined score (0-100, unrounded) by the rubric's ``divergence.combine`` method."""
    combined: dict[str, float | None] = {}
    for index, area in enumerate(rubric.areas):
        if rubric.combine == "role_weighted_mean":
            weighted = [
                (weight, value)
                for role_id, areas in roles.items()
                if (value := areas[area.id]) is not None and (weight := _role(rubric, role_id).weight) > 0
            ]
            total = sum(weight for weight, _ in weighted)
            combined[area.id] = sum(weight * value for weight, value in weighted) / total if total > 0 else None
        else:
            scored = [share for person in shares if (share := person[index]) is not None]
            combine = _COMBINE_FUNCTIONS[rubric.combine]
            if rubric.combine == "min" and area.direction is Direction.RISK:
                combine = max  # the most cautious view of a risk is the highest one anyone gave
            combined[area.id] = 100 * combine(scored) if scored else None
    return combined


#: How the respondents' area shares are combined, by ``divergence.combine`` (``min`` on an area
#: that scores risk takes the highest: the most cautious view, whatever the area's direction).
_COMBINE_FUNCTIONS: dict[str, Callable[[list[float]], float]] = {"median": median, "mean": mean, "min": min}


def _distribution(ordered: list[float]) -> Distribution:
    """Lowest, lower quartile, median, upper quartile and highest of sorted scores."""

    def at(fraction: float) -> float:
        position = fraction * (len(ordered) - 1)
        low = math.floor(position)
        high = min(low + 1, len(ordered) - 1)
        return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)

    return Distribution(len(ordered), round(ordered[0], 1), at(0.25), at(0.5), at(0.75), round(ordered[-1], 1))


# --- Disagreement --------------------------------------------------------------------------------


def disagreement(
    scores: Sequence[tuple[str, float, int]], width: float = 1.0, threshold: float = 0.4
) -> tuple[float, list[tuple[str, float]]]:
    """How far apart respondents score one question, from (role, score, how many) counts, as a
    share (0-1) of ``width``: the question's own range of scores (:attr:`Question.score_range`),
    so that two people at its lowest and highest score are a spread of 1 whatever those scores are
    (an "I don't know" of 0.3 and a best answer of 1 disagree as much as people can).

    Two measures, the larger of which is the spread:

    - the range of the scores, leaving out the highest and lowest tenth once ten or more people
      answered: in a small group every voice counts, in a large one a single outlier does not;
    - the widest gap between two roles apart (:func:`_roles_apart`), at the rubric's
      ``threshold`` (0.4, the format's default, unless given): two roles that really differ always
      show, however many people each has and whoever answers between them, and a respondent alone
      in their role (the one funder among fifty community members) is a role. Those who stated no
      role are in the first measure only: they are no role of the rubric.

    Also returns each role's median score (as scored, not as a share of ``width``), for the report.
    """
    ordered = sorted((score, count) for _, score, count in scores)
    total = sum(count for _, count in ordered)
    trim = total // 10 if total >= SMALL_GROUP else 0
    spread = _value_at(ordered, total - 1 - trim) - _value_at(ordered, trim)
    by_role: dict[str, Counter[float]] = {}
    for role, score, count in scores:
        by_role.setdefault(role, Counter())[score] += count
    medians = {role: _median(counts) for role, counts in by_role.items()}
    spread = max(spread, _roles_apart(by_role, medians, width, threshold))
    return round(spread / width, 6), list(medians.items())


def _roles_apart(
    by_role: dict[str, Counter[float]], medians: dict[str, float], width: float, threshold: float
) -> float:
    """The widest gap between the medians of two roles apart: most of each role's respondents
    score at least ``threshold`` of the question's range (``width``) from the other role's median.
    0 when no two roles are apart.

    Each role is measured against each other role, not against everyone else: the median of
    everyone else is the answer of whoever sits between them, so three leads at 0 and three funders
    at 1 were half the range from the forty-four community members at 0.5 between them, and the
    trimmed range left both groups out as outliers. Both roles must be mostly far from the other's
    median, because a role split down the middle (one of two partners at 0, the other at 1 with
    everyone else) has a median nobody in it gave: that is one outlier, not a role apart.
    """
    widest = 0.0
    # Those who stated no role are no role of the rubric, and no group that sees things otherwise:
    # one of them among forty-nine leads is an outlier, not a role apart (the review of issue 10).
    for first, second in combinations([role for role in by_role if role != ROLE_NOT_STATED.id], 2):
        gap = abs(medians[first] - medians[second])
        if (
            gap > widest
            and _mostly_far(by_role[first], medians[second], width, threshold)
            and _mostly_far(by_role[second], medians[first], width, threshold)
        ):
            widest = gap
    return widest


def _applies_spread(
    tallies: Mapping[tuple[str, str, float], _Tally],
    not_applicable: Mapping[tuple[str, str, None], _Tally],
    threshold: float,
) -> float:
    """How far apart respondents are on whether a question applies (0-1): "not applicable" read
    as 0, an answer that applies (a blank read as "I don't know" included: a blank could be any
    answer) as 1, measured by :func:`disagreement` as an option ticked or not is, so one outlier
    among many does not count and two roles apart always do. 0 when nobody, or everybody, said
    it does not apply: those who all say so agree."""
    if not not_applicable or not tallies:
        return 0.0
    entries = [(role, 1.0, tally.count) for (role, _, _), tally in tallies.items()]
    entries += [(role, 0.0, tally.count) for (role, _, _), tally in not_applicable.items()]
    return disagreement(entries, threshold=threshold)[0]


def _spread_of(spread: float, applies: float, apart: list[tuple[Option, float]], threshold: float) -> SpreadOf:
    """What ``spread`` measures for a disputed question: whether it applies where that sets people
    further apart than their scores and the options they ticked; else their scores when those are
    far enough apart; else the options ticked."""
    options = max((option_spread for _, option_spread in apart), default=0.0)
    if applies >= threshold and applies > spread and applies >= options:
        return SpreadOf.APPLICABILITY
    return SpreadOf.SCORES if spread >= threshold else SpreadOf.OPTIONS


def _count_in(tallies: dict[tuple[str, str, _S], _Tally], key: tuple[str, str, _S], position: int) -> None:
    """Count one more respondent (at ``position``) who gave the answer ``key`` (role, answer, score)."""
    tally = tallies.get(key)
    if tally is None:  # not setdefault: it would build a tally for every answer folded in
        tally = tallies[key] = _Tally()
    tally.count += 1
    if len(tally.people) < NAMED_LIMIT + 1:
        tally.people.append(position)


def _mostly_far(counts: Counter[float], center: float, width: float, threshold: float) -> bool:
    """Whether more than half of these scores are at least ``threshold`` of ``width`` from
    ``center``. Rounded as the spread is: 0.6 - 0.2 is 0.39999999999999997, and a role 40 points
    from another is far however its options' scores are written."""
    apart = sum(count for score, count in counts.items() if round(abs(score - center) / width, 6) >= threshold)
    return apart * 2 > sum(counts.values())


def _value_at(ordered: list[tuple[float, int]], index: int) -> float:
    """The score at ``index`` of the scores listed with multiplicity."""
    seen = 0
    for score, count in ordered:
        seen += count
        if index < seen:
            return score
    return ordered[-1][0]


def _median(counts: Counter[float]) -> float:
    ordered = sorted(counts.items())
    total = sum(counts.values())
    middle = (total - 1) / 2
    return (_value_at(ordered, math.floor(middle)) + _value_at(ordered, math.ceil(middle))) / 2


def _counted_by_role(rubric: Rubric, counts: Counter[str]) -> tuple[tuple[Role, int], ...]:
    """How many in each role (``counts`` by role id), roles in the rubric's order as every table of
    roles lists them, roles with none left out."""
    return tuple((_role(rubric, role_id), n) for role_id, n in rubric.in_role_order(counts.items()) if n)


#: How a question left blank reads among the answers to a disputed question: as "I don't know".
BLANK_READ_AS_UNKNOWN = "left blank (read as “I don't know”)"


def _unknown_score(question: Question) -> float | None:
    """The score of the question's "I don't know" (its worst), or None when it has none."""
    scores = [option.score for option in question.options if option.unknown and option.score is not None]
    return round(min(scores) / question.max_points, 6) if scores and question.max_points else None


def _answer_tallies(
    rubric: Rubric, tallies: Iterable[tuple[tuple[str, str, float | None], _Tally]], *, named: bool
) -> tuple[AnswerTally, ...]:
    """The answers to a disputed question, highest score first and "not applicable" (no score)
    last, each with how many gave it, per role, and who by name while they are few (and the group
    is not ``named=False``, a large one)."""
    grouped: dict[tuple[str, float | None], list[tuple[str, _Tally]]] = {}
    for (role, answer, score), tally in tallies:
        grouped.setdefault((answer, score), []).append((role, tally))
    found = []
    for (answer, score), parts in grouped.items():
        count = sum(tally.count for _, tally in parts)
        people = sorted(person for _, tally in parts for person in tally.people)
        counts: Counter[str] = Counter()
        for role, tally in parts:
            counts[role] += tally.count
        named_people = tuple(people) if named and count <= NAMED_LIMIT else ()
        found.append(AnswerTally(answer, score, count, _counted_by_role(rubric, counts), named_people))
    found.sort(key=lambda tally: (tally.score is None, -(tally.score or 0.0), -tally.count))
    return tuple(found)


def _option_tallies(
    rubric: Rubric, question: Question, ticks: Counter[tuple[str, str | int]]
) -> tuple[AnswerTally, ...]:
    """How many ticked each option of a multiple-choice question, per role, in the rubric's order
    of options; each with the score of that option ticked alone, so a reader sees which options
    the question rewards. Options nobody ticked, and any without a score of their own, are left out."""
    found = []
    for option in question.options:
        counts = Counter({role: count for (role, value), count in ticks.items() if value == option.value})
        points = score_answer(question, (option.value,))
        if not counts or points is None or not question.max_points:
            continue
        score = round(points / question.max_points, 6)
        found.append(AnswerTally(option.label, score, sum(counts.values()), _counted_by_role(rubric, counts)))
    return tuple(found)


def _area_disagreements(
    rubric: Rubric, roles: tuple[RoleScore, ...], tallies: dict[str, dict[tuple[str, str, float], _Tally]]
) -> tuple[AreaDisagreement, ...]:
    """Areas ranked by the widest gap between two roles, each pair compared on the questions of
    the area both answered, weighted as the area weighs them.

    Compared by their area scores, two roles asked different questions of one area (the
    community its own, the funder others) were "40 points apart" on things neither was asked of
    the other: a gap of question sets, not of views (an outside review of reports at scale)."""
    found = []
    present = [score.role for score in roles]
    for area in rubric.areas:
        means = _role_means(area, tallies)
        widest: AreaDisagreement | None = None
        for first, second in combinations([role for role in present if role.id in means], 2):
            shared = [q for q in area.questions if q.id in means[first.id] and q.id in means[second.id]]
            if not shared:
                continue
            ends = [(role, _score_on(shared, means[role.id])) for role in (first, second)]
            high, low = ends if ends[0][1] >= ends[1][1] else ends[::-1]
            spread = round(high[1] - low[1], 1)
            if widest is None or spread > widest.spread:
                widest = AreaDisagreement(area, spread, high, low, len(shared))
        if widest is not None:
            found.append(widest)
    found.sort(key=lambda disagreement: -disagreement.spread)
    return tuple(found)


def compared_in_area(area: Area) -> list[Question]:
    """The questions of an area two roles are compared on where both answered them: those scored,
    with weight in its score."""
    return [question for question in area.questions if question.scored and question.weight * question.max_points > 0]


def _role_means(area: Area, tallies: dict[str, dict[tuple[str, str, float], _Tally]]) -> dict[str, dict[str, float]]:
    """Per role id, the mean score (0-1) of its compared answers to each scored question of the
    area that has weight in its score."""
    means: dict[str, dict[str, float]] = {}
    for question in compared_in_area(area):
        totals: dict[str, list[float]] = {}
        for (role, _, score), tally in tallies[question.id].items():
            total = totals.setdefault(role, [0.0, 0.0])
            total[0] += score * tally.count
            total[1] += tally.count
        for role, (points, count) in totals.items():
            means.setdefault(role, {})[question.id] = points / count
    return means


def _score_on(questions: list[Question], means: dict[str, float]) -> float:
    """A role's score (0-100, to a tenth) on ``questions``, each weighted as its area weighs it."""
    weights = [question.weight * question.max_points for question in questions]
    points = sum(weight * means[question.id] for weight, question in zip(weights, questions, strict=True))
    return round(100 * points / sum(weights), 1)


# --- Findings of the combination ---------------------------------------------------------------


def _alignment_finding(
    rubric: Rubric,
    divergence: Divergence,
    answers: tuple[AnswerTally, ...],
    *,
    by_median: bool = False,
) -> Finding:
    """The finding a disputed question raises, from the answers people gave (``answers``: by
    answer, even where the report shows a multiple-choice question by option). Where only the
    options some ticked and others did not set people apart, not their scores, it asks those who
    ticked them and those who did not to meet."""
    question = divergence.question
    answered: Counter[str] = Counter()
    for tally in answers:
        answered.update({role.id: count for role, count in tally.by_role})
    return Finding(
        id=divergence.finding_id,
        severity=divergence.severity,
        title=_disagree_on(divergence),
        recommendation=_who_should_meet(rubric, divergence, answers, by_median=by_median),
        explanation=_how_far_apart(divergence, answers),
        source=FindingSource(
            FindingKind.DIVERGENCE,
            question_id=question.id,
            respondents=tuple(sorted({person for tally in answers for person in tally.people})),
            count=sum(tally.count for tally in answers),
            by_role=_counted_by_role(rubric, answered),
        ),
        notes=divergence.notes,
        owner=question.owner,
        act_by=ActBy.BEFORE_DECIDING,
    )


def _disagree_on(divergence: Divergence) -> str:
    """An alignment finding's title: what respondents disagree on, saying so where it is whether
    the question applies at all, which no spread of scores shows."""
    title = divergence.question.title
    if divergence.spread_of_applicability:
        return f"Respondents disagree on whether this applies: {title}"
    if divergence.applies_apart:
        return f"Respondents disagree on: {title}, and on whether it applies"
    return f"Respondents disagree on: {title}"


def _who_should_meet(
    rubric: Rubric, divergence: Divergence, answers: tuple[AnswerTally, ...], *, by_median: bool
) -> str:
    """An alignment finding's recommendation, by what sets people apart (:class:`SpreadOf`)."""
    if divergence.spread_of_applicability:
        return _who_disagree_on_applying(rubric, divergence.question, answers)
    if divergence.spread_of_options:
        return _who_ticked_them(divergence.question, divergence.options_apart)
    return _who_to_bring_together(rubric, divergence, answers, by_median=by_median)


def _scored(answers: tuple[AnswerTally, ...]) -> list[float]:
    """The scores of the answers given, "not applicable" (which has none) left out."""
    return [tally.score for tally in answers if tally.score is not None]


def _does_not_apply(answers: tuple[AnswerTally, ...]) -> str:
    """The sentence of an alignment finding's explanation on answers of "not applicable" beside
    answers that apply: how many said each, and what it weighs."""
    said = sum(tally.count for tally in answers if tally.score is None)
    applies = sum(tally.count for tally in answers if tally.score is not None)
    labels = and_list([_quoted_answer(tally.answer) for tally in answers if tally.score is None])
    return (
        f" {plural(said, 'respondent')} answered {labels}, saying the question does not apply, and "
        f"{plural(applies, 'respondent')} gave an answer that says it does: they disagree on whether it applies at "
        "all, which counts as the whole of its range"
    )


def _quoted_answer(text: str) -> str:
    return f"“{text}”"


def _how_far_apart(divergence: Divergence, answers: tuple[AnswerTally, ...]) -> str:
    """An alignment finding's explanation: the scores given, on the question's own range, or the
    options ticked, or the answers of "not applicable", that set people apart, and, for a gate
    question, why its weight of 0 does not make the disagreement matter less."""
    question = divergence.question
    low, high = question.score_range
    scores = _scored(answers)
    lowest, highest = (100 * min(scores), 100 * max(scores))
    given = (
        f"Every answer that applies scores {lowest:g} out of 100"
        if divergence.applies_apart and lowest == highest
        else f"Every answer scores {lowest:g} out of 100"
        if lowest == highest
        else f"Answers score from {lowest:g} to {highest:g} out of 100"
    )
    options = "".join(
        f" {_quoted(option)} was ticked by some respondents and not by others, and the rubric's conditions test it."
        for option in divergence.options_apart
    )
    weight = "." if question.gate else f" (question weight {question.weight:g})."
    if divergence.spread_of_options:
        given += f", but the options they ticked set them apart:{options}"
        options = ""
    elif not divergence.spread_of_applicability:
        given += f"; this question's answers can score from {100 * low:g} to {100 * high:g}"
        if not divergence.applies_apart:  # else the spread is that of whether it applies, said next
            given += f", so the spread is {round(100 * divergence.spread, 1):g}% of its range{weight}"
    if divergence.applies_apart:
        given += f"{'' if given.endswith('.') else '.'}{_does_not_apply(answers)}{weight}"
    if not question.gate:
        return f"{given} People who see the initiative this differently are likely to act on different assumptions."
    return (
        f"{given} It is a gate question (weight 0): it is not scored, but which other questions and rules apply "
        f"depends on it, so its severity is that of a question of weight {GATE_WEIGHT:g}.{options} People who "
        "answer it differently are assessing different initiatives."
    )


def _quoted(option: Option) -> str:
    return f"“{option.label}”"


def _before_acting(question: Question) -> str:
    """How an alignment finding's recommendation starts: naming its question, by its title, as the
    action plan shows this text alone, one row per disputed question (civdata.actions)."""
    return f"Before acting on the answers to “{question.title}”"


def _who_disagree_on_applying(rubric: Rubric, question: Question, answers: tuple[AnswerTally, ...]) -> str:
    """Whom an alignment finding asks to meet when only whether the question applies sets people
    apart: the roles of those who said it does not apply, and of those who answered it."""
    said = _role_list(rubric, [role for tally in answers if tally.score is None for role, _ in tally.by_role])
    answered = _role_list(rubric, [role for tally in answers if tally.score is not None for role, _ in tally.by_role])
    return (
        f"{_before_acting(question)}, bring the respondents who said it does not apply ({said}) and those who "
        f"answered it ({answered}) together to agree whether it applies, compare what each knows and record why "
        "they differed."
    )


def _who_ticked_them(question: Question, options: tuple[Option, ...]) -> str:
    """Whom an alignment finding asks to meet when only the options people ticked set them apart:
    their scores are the same, so there is no lowest and highest to name."""
    ticked = quoted_list([_quoted(option) for option in options], quote="")
    return (
        f"{_before_acting(question)}, bring the respondents who ticked {ticked} and those who did not together "
        "to compare what each knows, agree on the facts and record why they differed."
    )


def _who_to_bring_together(
    rubric: Rubric, divergence: Divergence, answers: tuple[AnswerTally, ...], *, by_median: bool
) -> str:
    """Whom an alignment finding asks to meet (:func:`_before_acting` names the question). In a small
    group, the roles of the people who gave the lowest and the highest answer. In a large one
    (``by_median``) someone in nearly every role gives each, which would put every role on both
    sides: there it is the roles whose median score is lowest and highest, and when every role's
    median is the same, people within each role."""
    before = _before_acting(divergence.question)
    if by_median:
        medians = [value for _, value in divergence.role_medians]
        if not medians or min(medians) == max(medians):
            return (
                f"{before}, bring the respondents who scored it lowest and highest together: every role's median "
                "score is the same, so people disagree within their roles. Compare what each knows, agree on the "
                "facts and record why they differed."
            )
        lowest = [role for role, value in divergence.role_medians if value == min(medians)]
        highest = [role for role, value in divergence.role_medians if value == max(medians)]
        return (
            f"{before}, bring the roles whose median score for it is lowest ({_role_list(rubric, lowest)}) and "
            f"highest ({_role_list(rubric, highest)}) together to compare what each knows, agree on the facts and "
            "record why they differed."
        )
    low, high = min(_scored(answers)), max(_scored(answers))
    lowest_roles = _role_list(rubric, [role for tally in answers if tally.score == low for role, _ in tally.by_role])
    highest_roles = _role_list(rubric, [role for tally in answers if tally.score == high for role, _ in tally.by_role])
    if lowest_roles == highest_roles:  # "lowest (Lead) and highest (Lead)" named no one apart
        return (
            f"{before}, bring the respondents who scored it lowest and highest together (all {lowest_roles}: "
            "they disagree within their role) to compare what each knows, agree on the facts and record why they "
            "differed."
        )
    return (
        f"{before}, bring the respondents who scored it lowest ({lowest_roles}) and highest ({highest_roles}) "
        "together to compare what each knows, agree on the facts and record why they differed."
    )


def _role_list(rubric: Rubric, roles: list[Role]) -> str:
    """The roles' labels, each once, in the rubric's order: the same roles always read the same."""
    ids = dict.fromkeys(role.id for role in roles)
    return ", ".join(_role(rubric, role_id).label for role_id, _ in rubric.in_role_order((i, None) for i in ids))


def _missing_voice_finding(role: Role) -> Finding:
    return Finding(
        id=missing_voice_id(role.id),
        severity=role.missing_severity,
        title=f"Missing voice: nobody answered as {role.label}",
        recommendation=(
            f"Ask someone in the role “{role.label}” to answer the same rubric before decisions rest on "
            "this report; the rubric expects their view, and the others cannot stand in for it."
        ),
        explanation=role.description,
        source=FindingSource(FindingKind.ROLE),
        act_by=ActBy.BEFORE_DECIDING,
    )
