"""What an assessment found: the report model that every renderer reads.

Scoring fills these in and nothing else computes them, so the Markdown, JSON and terminal
reports, the questionnaire's summary and the combined multi-respondent report always agree.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING

from civdata.model import (
    ActBy,
    AnswerSet,
    AnswerValue,
    Area,
    Location,
    Option,
    Question,
    Role,
    Rubric,
    Severity,
    Verdict,
)
from civdata.records import record

if TYPE_CHECKING:
    from civdata.progress import Progress


#: Up to this many respondents are named one by one. A report on more is a large group's: it shows
#: distributions (how many, per role), never lists of people, outside its list of respondents.
NAMED_LIMIT = 12
#: In a large group, a note longer than this many characters is quoted up to a word near it: five
#: notes of a page each under each of 270 findings made the JSON report of 500 respondents 4 MB and
#: its Markdown 3 MB, where a board reads what people keep saying, not all of it. Nothing past it is
#: kept of a note in a large group (:mod:`civdata.note_text`).
NOTE_EXCERPT = 280


#: Past this many respondents in a role, a report on several people shows the spread of the
#: role's scores (:attr:`Report.spread_roles`), not only their mean.
HANDFUL = 5


def large_group(respondents: int) -> bool:
    """Whether a report on this many respondents is a large group's (more than :data:`NAMED_LIMIT`):
    the one test of it, for a report and for the comparison with its baseline alike."""
    return respondents > NAMED_LIMIT


# --- The comparison with an earlier assessment (built in civdata.progress) ----------------------
# These two live here, with the rest of the report model, so that a renderer can name them without
# importing the comparison itself, which a report with no baseline never needs.


class Trend(str, enum.Enum):
    """Which way a score or the verdict moved since the baseline."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    NOT_COMPARED = "not-compared"


class PlanState(str, enum.Enum):
    """What became of an action the team marked done in its plan file."""

    #: Marked done, and none of its findings is raised any more.
    DONE = "done"
    #: Marked done, but a finding it answers is still raised.
    STILL_THERE = "marked-done-still-there"


class QuestionStatus(enum.Enum):
    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"
    SKIPPED_CONDITION = "skipped_condition"
    SKIPPED_ROLE = "skipped_role"

    @property
    def applies(self) -> bool:
        """Whether the question was asked of this respondent at all."""
        return self in _ASKED

    @property
    def covered(self) -> bool:
        """Whether coverage counts the question: asked of this respondent, or a follow-up an earlier
        answer of theirs settled (its ``when`` false), which counts as answered there as it counts
        as met in the score (docs/scoring.md, section 7). Left out, it let a riskier answer that
        opens follow-ups raise coverage by answering them (the review "verdicts2")."""
        return self in _COVERED


#: The statuses of a question that was asked, looked up once: scoring asks ``applies`` of every
#: question of every respondent, and naming an enum's member is itself a lookup.
_ASKED = (QuestionStatus.ANSWERED, QuestionStatus.NOT_APPLICABLE, QuestionStatus.UNANSWERED)
_COVERED = (*_ASKED, QuestionStatus.SKIPPED_CONDITION)


@record
class NoteCut:
    """What a large group's report keeps of a note longer than it quotes, beside its first
    characters (:func:`civdata.note_text.kept_note`): the whole text's length and a digest of
    it, and the key of its words (:func:`civdata.note_text.words_key`)."""

    length: int
    spelling: str
    words: tuple[str, str]


@record
class Note:
    """A respondent's note, kept beside the finding or answer it explains. In a combined report,
    ``respondent`` is the author's position in the report's respondents."""

    question_id: str
    #: The note as written; in a large group's report, its first :data:`NOTE_EXCERPT` characters
    #: when ``cut`` says what else it was.
    text: str
    respondent: int | None = None
    #: A written answer to a text question, not a note on an answer (a combined report's
    #: :attr:`Report.written`, which gives both).
    answer: bool = False
    cut: NoteCut | None = None


class FindingKind(str, enum.Enum):
    """What raised a finding."""

    ANSWER = "answer"
    RULE = "rule"
    DIVERGENCE = "divergence"
    ROLE = "role"


@record
class FindingSource:
    """What raised a finding: an answer, a rule, a missing role or a disagreement. In a combined
    report, ``respondents`` are positions in the report's respondents (never labels, which are
    only for display)."""

    kind: FindingKind
    question_id: str | None = None
    answer: str | None = None
    rule_id: str | None = None
    respondents: tuple[int, ...] = ()
    #: For a disagreement: how many respondents answered (``respondents`` names them while few).
    count: int | None = None
    #: For a disagreement: how many of those who answered are in each role, roles in the rubric's
    #: order (``respondents`` may be empty in a large group, so they cannot be counted from it).
    by_role: tuple[tuple[Role, int], ...] = ()
    #: For a rule that only possibly holds: the questions it reads that were left blank, in asking
    #: order. A blank could be any answer, so it raises the rule as "I don't know" does, and the
    #: report says so, as no answer's own finding does. In a combined report, those left blank by
    #: any of the respondents who raised it.
    blank: tuple[str, ...] = ()
    #: For a rule that only possibly holds: whether an "I don't know" answer is among the answers
    #: that make it hold (besides the blanks in :attr:`blank`). A rule with no blank rests on one.
    unknown: bool = False
    #: Raised only on answers that could be any answer: a rule that only possibly holds (on "I
    #: don't know" or blank answers), or a question's own finding raised by a blank. It may hold;
    #: no answer shows it. In a combined report, when everyone who raised it did so only possibly.
    #: (An "I don't know" answer's own finding is shown by that answer: not knowing is the fact.)
    possibly: bool = False
    #: For a rule's finding in a combined report: the respondents whose answers rule it out, as
    #: positions (:attr:`Assessment.ruled_out`). Nobody both raises a rule and rules it out; when
    #: people on both sides are sure, they disagree about a fact, and a reader needs to know.
    ruled_out: tuple[int, ...] = ()

    @property
    def doubt(self) -> int:
        """How far the answers leave it in doubt, for ordering among equally severe findings: 0
        when answers show it, 1 when it only may hold, 2 when it only may hold and other
        respondents' answers rule it out."""
        if not self.possibly:
            return 0
        return 2 if self.ruled_out else 1


@record
class Finding:
    """A risk found in the answers, with what to do about it; one per fact (see :mod:`civdata.scoring`)."""

    id: str
    severity: Severity
    title: str
    recommendation: str
    source: FindingSource
    explanation: str | None = None
    notes: tuple[Note, ...] = ()
    #: The role that should act on it (a role id), when the rubric names one.
    owner: str | None = None
    #: Findings of single answers that this rule's finding states in context, and so replaces.
    covers: tuple[Finding, ...] = ()
    #: How soon to act, when the rubric says.
    act_by: ActBy | None = None
    #: The recommendation in the rubric's own language, whatever language the report is in (see
    #: :attr:`civdata.model.FindingSpec.own_recommendation`); None for a finding civdata words itself.
    own_recommendation: str | None = None
    #: The answer that raised it, in its file, in a report (set as the report is built, for the first
    #: respondent who raised it; scoring sets it for rules only): for a rule, the first answer that
    #: makes it hold; for a disagreement, the first respondent's answer. None when no file holds it
    #: (a missing voice, answers not read from a file, an anonymized report). Not part of what the
    #: finding is: two findings that differ only here are equal.
    location: Location | None = field(default=None, compare=False)


@record
class Strength:
    """Something the answers show the initiative does well, and the answer that shows it."""

    question_id: str
    text: str
    answer: str
    #: In a combined report, who showed it: positions in its respondents.
    respondents: tuple[int, ...] = ()
    #: In a combined report, how many gave an answer to its question that is compared (see
    #: ``civdata.combine.compared``): those who could have shown it.
    answered: int = 0
    #: In a combined report, ``answered`` per role (role id, how many), in the rubric's order: what
    #: each role's count of those who show it is out of, rather than everyone in the role.
    answered_by_role: tuple[tuple[str, int], ...] = ()
    #: Whether the report counts it as in place: always in a report on one respondent; in a combined
    #: report, only when more than half of those asked its question (who answered it or left it
    #: blank) show it and they do not disagree on the question (``civdata.combine``).
    in_place: bool = True


@record
class Score:
    """Weighted points out of a weighted maximum; ``percent`` is None when nothing was scored."""

    points: float
    maximum: float

    @property
    def percent(self) -> float | None:
        if self.maximum <= 0:
            return None
        return round(100 * self.points / self.maximum, 1)


@record
class QuestionResult:
    """One question for one respondent. ``points`` is what the answer earns (a 0-1 score, or raw
    points), out of the question's ``max_points``; ``score`` is the same as a 0-1 share."""

    question: Question
    status: QuestionStatus
    value: AnswerValue | None = None
    answer_text: str | None = None
    points: float | None = None
    note: str | None = None
    findings: tuple[Finding, ...] = ()
    #: Each strength the answer shows, with the words of the answer that show it (see
    #: ``civdata.scoring``): one per ticked option of a multiple choice.
    strengths: tuple[tuple[str, str], ...] = ()
    #: Skipped because an earlier answer made it unnecessary, and counted as met.
    met: bool = False

    # Computed once per result: results without a note are shared by every respondent who gave
    # the same answer (see ``civdata.scoring``), and a consultation reads them many times.
    @cached_property
    def score(self) -> float | None:
        if self.points is None or not self.question.max_points:
            return None
        return round(self.points / self.question.max_points, 6)

    @cached_property
    def counted(self) -> bool:
        """Whether this answer is part of its area's score and maximum."""
        return self.status is QuestionStatus.ANSWERED and self.points is not None and self.question.scored

    @cached_property
    def unknown(self) -> bool:
        """Whether the answer is (or includes) "I don't know"."""
        chosen = self.value if isinstance(self.value, tuple) else (self.value,)
        return self.value is not None and any(item in self.question.unknown_values for item in chosen)


@record
class AreaResult:
    """One respondent's results in one area: each question's, and the area's score."""

    area: Area
    questions: tuple[QuestionResult, ...]
    score: Score


@record
class Coverage:
    """How many of the required questions that apply were answered, and how many of the answers
    were "I don't know" (answered, but saying the respondent cannot tell).

    A required follow-up an earlier answer settled (``settled``: its ``when`` is false) is counted
    as answered, in ``answered`` and in ``expected``, as it counts as met in the score: so the same
    blanks give the same coverage whichever answer the gate has, and revealing more risk (which
    opens follow-ups to answer) never makes the bar "enough is known to judge" easier.

    When the rubric requires none of the questions that apply, every question that applies is
    counted instead (``of_every_question``): "0 of 0 required questions (100%)" would pass a
    coverage floor with nothing answered at all.
    """

    answered: int
    expected: int
    unanswered_required: tuple[str, ...]
    unanswered_optional: tuple[str, ...]
    unknown: tuple[str, ...] = ()
    of_every_question: bool = False
    #: The follow-ups counted as answered because an earlier answer settled them.
    settled: tuple[str, ...] = ()
    #: Every question counted, ``expected`` of them: what a combined report counts per question.
    counted: tuple[str, ...] = ()

    @property
    def left_blank(self) -> tuple[str, ...]:
        """The questions counted that were left blank (the required ones, or with
        ``of_every_question`` the others)."""
        return self.unanswered_optional if self.of_every_question else self.unanswered_required

    @property
    def percent(self) -> float:
        if self.expected == 0:
            return 100.0
        return round(100 * self.answered / self.expected, 1)


@record
class OpenScore:
    """What the questions left blank leave open: the lowest and highest overall score (0-100)
    once they are answered, each at the fewest and at the most points it can earn; and ``held``,
    the verdict band the score shown would give that is not given because a blank could take the
    score out of it (None when the blanks change no band). A blank could be any answer, and
    "I don't know" scores as the worst: leaving a question blank must never earn a better band.
    """

    low: float
    high: float
    held: Verdict | None = None


def scored_apart(overall: float | None, open_score: OpenScore | None) -> bool:
    """Whether the score shown lies outside what the blanks leave open: an area whose scored
    questions were all left blank, and whose follow-up an answer closed, is left out of it, where
    any answers would score it; or there is no score shown at all (nothing answered is scored:
    only gates closing follow-ups) where any answers would give one (:func:`civdata.scoring._score_span`).
    The verdict and the gates then read the range alone, and a report says why."""
    if open_score is None:
        return False
    return overall is None or not open_score.low <= overall <= open_score.high


@record
class HeldBack:
    """A better verdict band the answers given would earn (their score shown and their findings
    meet its conditions) but for ``by_answers``, its ``when``, which only possibly holds on them,
    or ``by_coverage``, its ``min_coverage``, which the required questions left blank keep them
    from; either or both."""

    band: Verdict
    by_answers: bool
    by_coverage: bool


def range_as_scores(bounds: tuple[float, float] | None) -> tuple[float, float] | None:
    """An area's range of shares (0-1) as scores (0-100, rounded as scores are); None for none."""
    return None if bounds is None else (round(100 * bounds[0], 1), round(100 * bounds[1], 1))


@record
class Assessment:
    """One respondent's answers, scored against one rubric."""

    rubric: Rubric
    answers: AnswerSet
    areas: tuple[AreaResult, ...]
    overall: float | None
    findings: tuple[Finding, ...]
    coverage: Coverage
    verdict: Verdict
    strengths: tuple[Strength, ...] = ()
    #: The rules that this respondent's answers rule out: false on the answers given, and false
    #: still whatever they would answer to the questions of the rule not put to them (read as
    #: left blank). A rule false only because its questions were not asked is not among them.
    ruled_out: frozenset[str] = frozenset()
    #: The overall score the questions left blank leave open (None when none that scores is blank).
    open_score: OpenScore | None = None
    #: Each area's lowest and highest share (0-1) once its blanks are answered; None for an area
    #: with none (it keeps its score). Empty when nothing is blank. Combined reports combine them.
    area_ranges: tuple[tuple[float, float] | None, ...] = ()
    #: The better band the answers given would earn but for an answer its ``when`` tests that is
    #: "I don't know" or blank, or for the questions left blank: :func:`civdata.scoring.held_back`.
    held_back: HeldBack | None = None

    @property
    def area_open(self) -> tuple[tuple[float, float] | None, ...]:
        """Each area's range left open by its blanks as scores (0-100, rounded as scores are),
        None for an area without: what reports say (``areas[].open``)."""
        ranges = self.area_ranges or (None,) * len(self.areas)
        return tuple(range_as_scores(bounds) for bounds in ranges)

    def question_results(self) -> dict[str, QuestionResult]:
        return {result.question.id: result for area in self.areas for result in area.questions}


# --- The report: one respondent or many ------------------------------------------------------------


@record
class RespondentRow:
    """One respondent as every report lists them: who, and the headline of their own assessment.

    A report keeps one of these per respondent, not their whole assessment, so that a report on
    thousands of people costs what there is to say. ``areas`` are 0-100 scores in rubric order.
    """

    label: str
    role: Role
    name: str | None
    organisation: str | None
    date: str | None
    source: str
    coverage: float
    overall: float | None
    verdict: Verdict
    areas: tuple[float | None, ...]
    worst: Severity | None = None
    #: Answered no question at all (an answers file with nothing under ``answers:``, a form sent
    #: back blank): counted among the respondents, but no voice of their role.
    silent: bool = False

    @property
    def role_id(self) -> str:
        return self.role.id


@record
class Distribution:
    """How a group's scores (0-100) spread: count, lowest, quartiles, median, highest."""

    count: int
    low: float
    lower_quartile: float
    median: float
    upper_quartile: float
    high: float


@record
class RoleScore:
    """Everyone who answered in one role: per area (by id) the mean and the spread, and overall.

    ``respondents`` are positions in :attr:`Report.respondents`, as everywhere in this model:
    people are referred to by who they are, never by a label that could be shared.
    """

    role: Role
    respondents: tuple[int, ...]
    areas: dict[str, float | None]
    overall: float | None
    distributions: dict[str, Distribution | None] = field(default_factory=dict)


@record
class AreaScore:
    """One area's score (0-100), or None when nothing counted in it; ``score`` holds the points
    when the report is on one respondent."""

    area: Area
    percent: float | None
    score: Score | None = None
    #: The lowest and highest score (0-100) once the questions left blank in it are answered
    #: (everyone's, in a combined report); None when none of its scored questions is blank.
    open: tuple[float, float] | None = None


class SpreadOf(str, enum.Enum):
    """What sets the answers to a disputed question apart, as the JSON report's ``spread_of`` says:
    their scores on the question's range; where those are close, the options of a multiple-choice
    gate question some ticked and others did not; or answers of "not applicable" beside answers
    that apply. A lead who says a question does not apply, beside a community member who gives it
    the worst answer, disagree on whether it applies, the starkest disagreement there is; their
    scores cannot say so, as "not applicable" has none (the review "verdicts2")."""

    SCORES = "scores"
    OPTIONS = "options"
    APPLICABILITY = "applicability"


@record
class AnswerTally:
    """Everyone who gave one answer to a question: how many, per role, and who while they are few.

    In a large group a multiple-choice question is tallied by option instead (see
    :attr:`Divergence.by_option`): ``answer`` is one option, ``count`` how many ticked it and
    ``score`` the score of that option ticked alone. ``score`` is None for an answer of "not
    applicable", which has none: beside answers that apply, it is a disagreement on whether the
    question applies (:attr:`Divergence.applies_apart`).
    """

    answer: str
    score: float | None
    count: int
    by_role: tuple[tuple[Role, int], ...]
    people: tuple[int, ...] = ()


@record
class Divergence:
    """A question respondents scored far apart; ``finding_id`` names its alignment finding.
    ``spread`` is a share (0-1) of the question's own range of scores (``Question.score_range``)."""

    question: Question
    spread: float
    severity: Severity
    finding_id: str
    tallies: tuple[AnswerTally, ...]
    role_medians: tuple[tuple[Role, float], ...] = ()
    notes: tuple[Note, ...] = ()
    respondents: int = 0
    #: The tallies are per option ticked, not per combination of options: a multiple-choice
    #: question in a large group, where combinations would grow with the number of people.
    by_option: bool = False
    #: A multiple-choice gate question's options, tested by the rubric's conditions, that some
    #: respondents ticked and others did not (see ``civdata.combine``), in the rubric's order.
    options_apart: tuple[Option, ...] = ()
    #: What set people apart (:class:`SpreadOf`): their scores, unless those are close.
    spread_of: SpreadOf = SpreadOf.SCORES
    #: Some answered "not applicable" and others gave an answer that applies, far enough apart to
    #: be a disagreement on whether the question applies, whatever else sets them apart.
    applies_apart: bool = False

    @property
    def spread_of_options(self) -> bool:
        """Only options ticked set people apart, not their scores: ``spread`` is then the widest
        of the options', each measured as ticked (1) or not (0)."""
        return self.spread_of is SpreadOf.OPTIONS

    @property
    def spread_of_applicability(self) -> bool:
        """Whether the question applies sets people apart more than their scores: ``spread`` is then
        measured between "not applicable" (0) and an answer that applies (1)."""
        return self.spread_of is SpreadOf.APPLICABILITY


@record
class AreaDisagreement:
    """An area where roles disagree: the two roles furthest apart on the questions of the area
    both answered, their scores on those questions (0-100), and the points between."""

    area: Area
    spread: float
    highest: tuple[Role, float]
    lowest: tuple[Role, float]
    #: How many of the area's scored questions the two roles are compared on (both answered them).
    questions: int = 0


class MayHoldOn(str, enum.Enum):
    """What an action that only may hold rests on, as its "May hold: ..." says: a rule that holds
    on "I don't know" (no question it reads left blank), questions left blank (a question's own
    finding raised by its blank, or a rule on blanks alone), or both (a rule on an "I don't know"
    and a blank: :attr:`FindingSource.unknown`). A report that says "or left blank" where nothing was left blank sends a
    team looking for blanks that are not there."""

    UNKNOWN = "unknown"
    BLANK = "blank"
    EITHER = "either"

    @classmethod
    def of(cls, sources: Iterable[FindingSource]) -> MayHoldOn:
        """What findings raised only possibly rest on, together."""
        kinds = {cls._of_one(source) for source in sources}
        return kinds.pop() if len(kinds) == 1 else cls.EITHER

    @classmethod
    def _of_one(cls, source: FindingSource) -> MayHoldOn:
        if source.kind is not FindingKind.RULE:  # a question's own finding, raised by its blank
            return cls.BLANK
        if not source.blank:
            return cls.UNKNOWN
        return cls.EITHER if source.unknown else cls.BLANK


@record
class Action:
    """One thing to do: the recommendation of one finding, or of several that call for the same.

    ``id`` stays the same from one report to the next while the same thing is to be done, whichever
    of its findings are raised (see :mod:`civdata.actions`), so a team can tick actions off in a
    file and a later report can tell which are done.
    """

    id: str
    text: str
    severity: Severity
    act_by: ActBy | None
    #: The role that should act (a role id), when the rubric names one.
    owner: str | None
    #: The findings this action answers, most severe first.
    findings: tuple[str, ...]
    #: How many respondents' answers call for it (none for a missing voice).
    raised_by: int = 0
    #: Every finding it answers only may hold (:attr:`FindingSource.possibly`): find out first.
    possibly: bool = False
    #: It only may hold, and other respondents' answers rule out every finding it answers
    #: (:attr:`FindingSource.ruled_out`): find out who is right first.
    ruled_out: bool = False
    #: What it rests on when it only may hold: "I don't know", questions left blank, or either.
    may_hold_on: MayHoldOn | None = None


#: How the id of a missing voice's finding starts (``role:community``): one id per role, the same
#: in every report, so a comparison knows a voice the baseline had is missing now.
MISSING_VOICE = f"{FindingKind.ROLE.value}:"


def missing_voice_id(role_id: str) -> str:
    """The id of the finding raised when nobody answered as the role ``role_id``."""
    return f"{MISSING_VOICE}{role_id}"


def divergence_finding_id(question_id: str) -> str:
    """The id of the finding raised when respondents disagree on the question ``question_id``."""
    return f"{FindingKind.DIVERGENCE.value}:{question_id}"


#: The kinds whose findings' ids start with the kind (``rule:ID``, ``role:ROLE``,
#: ``divergence:QUESTION``); a question's own start with the question (``QUESTION:VALUE``).
_PREFIXED_KINDS = {kind.value: kind for kind in (FindingKind.RULE, FindingKind.ROLE, FindingKind.DIVERGENCE)}


def finding_subject(finding_id: str) -> tuple[FindingKind, str]:
    """What a finding's id says raised it, and what about: (RULE, the rule's id), (ROLE, the role's
    id), (DIVERGENCE, the question's id), or (ANSWER, the question's id) for a question's own
    finding (``QUESTION:VALUE``, ``QUESTION:band-N``). The one reading of the ids the functions
    above and :func:`civdata.model.rule_finding_id` write: a comparison with an earlier report
    has its findings' ids only (a rubric may not name a question after a kind:
    :data:`civdata.model.RESERVED_QUESTION_IDS`)."""
    prefix, _, rest = finding_id.partition(":")
    kind = _PREFIXED_KINDS.get(prefix)
    return (FindingKind.ANSWER, prefix) if kind is None else (kind, rest)


#: Why a report has no overall score when no answer counted (:attr:`Report.unscored_reason`).
NO_ANSWER_SCORED = "no answer could be scored"


@record
class Report:
    """The report model every renderer reads, for one respondent or many.

    A report on one respondent is the case n = 1: its scores, findings and verdict are that
    respondent's assessment, which ``detail`` holds so every answer can be shown. With several,
    the scores are combined, disagreement and missing voices are findings too, and ``detail``
    holds every assessment only when asked for (``--detail``).
    """

    rubric: Rubric
    initiative: str
    method: str
    anonymized: bool
    respondents: tuple[RespondentRow, ...]
    roles: tuple[RoleScore, ...]
    areas: tuple[AreaScore, ...]
    overall: float | None
    coverage: float
    unknown_answers: int
    findings: tuple[Finding, ...]
    strengths: tuple[Strength, ...]
    divergences: tuple[Divergence, ...]
    area_disagreements: tuple[AreaDisagreement, ...]
    missing_roles: tuple[Role, ...]
    verdict: Verdict
    detail: tuple[Assessment, ...] = ()
    #: The action plan: what to do about the findings, most pressing first.
    actions: tuple[Action, ...] = ()
    #: What changed since an earlier assessment (``--baseline``), when one was given.
    progress: Progress | None = None
    #: The overall score the questions left blank leave open, and the band they hold back.
    open_score: OpenScore | None = None
    #: The better band the answers given would earn but for its ``when``, which only possibly holds
    #: (an answer it tests is "I don't know" or blank, or, in a group, not the same for every
    #: respondent), or its ``min_coverage`` (:func:`civdata.scoring.held_back`); None otherwise.
    held_back: HeldBack | None = None
    #: Those who answered no question, while others did: listed apart and counted in nothing (no
    #: score, finding, coverage, role or count of respondents), for a blank form is no view.
    silent: tuple[RespondentRow, ...] = ()
    #: Respondents (positions) who are the same person by role, name and organisation, a group per
    #: person: an earlier assessment left beside the new one counts that person twice, and the
    #: report must say so where it is kept, not only in the run's messages. Only people who gave
    #: both a name and an organisation: two community members called Nasra are two people.
    same_person: tuple[tuple[int, ...], ...] = ()
    #: What people wrote that no finding or disagreement of a combined report quotes: their written
    #: answers to text questions, and their notes on questions that raised nothing, in the order the
    #: questions are asked. A report on one person shows every answer and note in full instead.
    written: tuple[Note, ...] = ()
    #: How many required follow-ups an earlier answer settled, counted as answered in ``coverage``
    #: (:attr:`Coverage.settled`): in a combined report, over every respondent.
    settled: int = 0

    @property
    def unheard_roles(self) -> tuple[Role, ...]:
        """In a report on one respondent, the roles the rubric expects to hear from (``expected``)
        other than theirs: its verdict rests on one voice, and a lead's answers alone can make an
        initiative look ready. A respondent who answered nothing is no voice of their own role
        either, as in a combined report. A combined report raises a finding for each expected role
        nobody answered as (:attr:`missing_roles`) instead."""
        if self.multiple or len(self.respondents) != 1:
            return ()
        row = self.respondents[0]
        return self.rubric.unheard(set() if row.silent else {row.role.id})

    @property
    def in_place(self) -> tuple[Strength, ...]:
        """The strengths the report counts as in place (see :attr:`Strength.in_place`)."""
        return tuple(strength for strength in self.strengths if strength.in_place)

    @property
    def said_by_some(self) -> tuple[Strength, ...]:
        """The strengths some respondents' answers show but that are not counted as in place: too
        few of those who answered say so, or they disagree on the question."""
        return tuple(strength for strength in self.strengths if not strength.in_place)

    @property
    def multiple(self) -> bool:
        """Whether the report is on several respondents (and so shows how they differ), or on
        several answers files of which only one answers anything: the roles of those who left
        theirs blank are then missing voices, as when others answered (a blank form is no view)."""
        return len(self.respondents) > 1 or bool(self.silent)

    @property
    def large(self) -> bool:
        """Whether the report is on more people than it names (:data:`NAMED_LIMIT`): it then counts
        them, per role, wherever a smaller group's report lists them."""
        return large_group(len(self.respondents))

    @property
    def spread_roles(self) -> tuple[RoleScore, ...]:
        """The roles whose spread of scores the report shows: those of more than a handful of
        people (:data:`HANDFUL`), in a scored report on several respondents; none otherwise."""
        if not self.multiple or not self.rubric.scored:
            return ()
        return tuple(role for role in self.roles if len(role.respondents) > HANDFUL)

    @property
    def lone_roles(self) -> tuple[Role, ...]:
        """The roles with one respondent in an anonymized report on several: ``--anonymize``
        hides names, but the only respondent of a role is known, with every answer and note, to
        anyone who knows who answered in it; the report says so. Empty when names are shown.
        Two files of the same person (:attr:`same_person`) are one respondent here: hiding the
        name of one person who answered twice hides no more than hiding it once."""
        if not (self.anonymized and self.multiple):
            return ()
        person = {position: group[0] for group in self.same_person for position in group}
        return tuple(
            role.role for role in self.roles if len({person.get(index, index) for index in role.respondents}) == 1
        )

    @property
    def single(self) -> Assessment | None:
        """The one respondent's assessment, when the report is on one."""
        return self.detail[0] if not self.multiple and self.detail else None

    @property
    def thin_coverage(self) -> bool:
        """Whether the overall score rests on too few answers to be relied on: the answers cover
        less than the lowest ``min_coverage`` of the rubric's verdict bands, so no band that asks
        for coverage could be given. Decided here, once: every human format says so beside the
        score, and the JSON report (``overall.thin_coverage``) and SARIF carry it, for a dashboard
        has neither the bands nor their ``min_coverage`` to tell it from (the review "formats").
        False when there is no score."""
        floors = [verdict.min_coverage for verdict in self.rubric.verdicts if verdict.min_coverage is not None]
        return self.rubric.scored and self.overall is not None and bool(floors) and self.coverage < min(floors)

    @property
    def unscored_reason(self) -> str | None:
        """Why the report has no overall score, in words for a gate and a score line; None when
        it has one. Every answer may be scored and the combined score still be empty: each role
        that answered weighs 0 in the rubric, and such roles do not count (multi-respondent.md)."""
        if self.overall is not None or not self.rubric.scored:
            return None
        weightless = [role.role.label for role in self.roles if role.overall is not None and role.role.weight == 0]
        answered = sum(role.overall is not None for role in self.roles)
        if self.multiple and self.rubric.combine == "role_weighted_mean" and weightless and len(weightless) == answered:
            return (
                f"every role that answered ({', '.join(weightless)}) weighs 0 in the rubric, and a role of "
                "weight 0 does not count toward the combined score"
            )
        return NO_ANSWER_SCORED
