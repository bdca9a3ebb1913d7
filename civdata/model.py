"""The typed model of a rubric and of one respondent's answers.

Loaders turn YAML into these objects only after every check has passed, so the scoring,
the questionnaire and the renderers can trust them without checking again.
"""

from __future__ import annotations

import enum
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import field, replace
from functools import cached_property
from typing import Any, TypeVar, Union

from civdata.answer_words import YES_NO_WORDS, yes_no_word
from civdata.records import record
from civdata.rubric_data import option_key
from civdata.wording import number_words


class Severity(enum.Enum):
    """How bad a finding is. Ordered: ``Severity.CRITICAL.rank`` is the highest."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        # Looked up by the value, a string, whose hash Python keeps: sorting and merging findings
        # ask for thousands of ranks, and an enum member's own hash is worked out at every call.
        return SEVERITY_RANK[self._value_]


#: Each severity's rank by its name in a rubric (``critical`` is 4, ``info`` 0).
SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}


class ActBy(enum.Enum):
    """How soon a finding's recommendation should be acted on, as the rubric says: a date, or a
    stage of the project that should not be passed before the action is done. ``label`` is how a
    report words it.

    Listed as the rubric format lists them (dates from the nearest, then stages); an action plan
    takes them (after severity) in the order of :attr:`rank`: ``now``, then the stages the project
    takes, the first it reaches first, then the dates from the nearest, then the end of the project.
    A stage is the project's own step (collecting, analysing, deciding, publishing), which may be
    ahead or already under way: "before results inform a decision" is now when the results are
    used already, and most such recommendations say "before the next transfer, result, release".
    Nothing in the answers says which, in every rubric, so a stage is taken as near: it is a gate
    (the step waits until the action is done), and done early it costs a dated action a little
    time, while done late it lets the harm happen at the very next step. The end of the project is
    not a step the team takes: it comes by the calendar, when the funding or contract ends, and is
    usually the furthest off, so it comes last.
    """

    NOW = "now"
    THIS_WEEK = "this-week"
    NEXT_MEETING = "next-meeting"
    THIS_MONTH = "this-month"
    THIS_QUARTER = "this-quarter"
    THIS_HALF_YEAR = "this-half-year"
    AT_NEXT_REVIEW = "at-next-review"
    BEFORE_COLLECTING = "before-collecting"
    BEFORE_ANALYSIS = "before-analysis"
    BEFORE_DECIDING = "before-deciding"
    BEFORE_PUBLISHING = "before-publishing"
    BEFORE_THE_END = "before-the-end"

    @property
    def rank(self) -> int:
        """0 for the most urgent (see the class's docstring)."""
        return _ACT_BY_ORDER.index(self)

    @property
    def label(self) -> str:
        return _ACT_BY_LABELS[self]


#: The order of :attr:`ActBy.rank`, the most urgent first.
_ACT_BY_ORDER = (
    ActBy.NOW,
    ActBy.BEFORE_COLLECTING,
    ActBy.BEFORE_ANALYSIS,
    ActBy.BEFORE_DECIDING,
    ActBy.BEFORE_PUBLISHING,
    ActBy.THIS_WEEK,
    ActBy.NEXT_MEETING,
    ActBy.THIS_MONTH,
    ActBy.THIS_QUARTER,
    ActBy.THIS_HALF_YEAR,
    ActBy.AT_NEXT_REVIEW,
    ActBy.BEFORE_THE_END,
)

_ACT_BY_LABELS = {
    ActBy.NOW: "now: stop or pause until it is done",
    ActBy.THIS_WEEK: "this week",
    ActBy.NEXT_MEETING: "at the next meeting",
    ActBy.THIS_MONTH: "this month",
    ActBy.THIS_QUARTER: "this quarter",
    ActBy.THIS_HALF_YEAR: "within six months",
    ActBy.AT_NEXT_REVIEW: "at the next review",
    ActBy.BEFORE_COLLECTING: "before any data is collected or moved",
    ActBy.BEFORE_ANALYSIS: "before analysis",
    ActBy.BEFORE_DECIDING: "before results inform a decision",
    ActBy.BEFORE_PUBLISHING: "before anything is published",
    ActBy.BEFORE_THE_END: "before the project or its funding ends",
}


class Direction(enum.Enum):
    """Which way a score reads: more readiness is better, more risk is worse."""

    READINESS = "readiness"
    RISK = "risk"


class QuestionType(enum.Enum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    SCALE = "scale"
    NUMBER = "number"
    TEXT = "text"

    @property
    def has_options(self) -> bool:
        return self in _OPTION_TYPES

    @property
    def one_answer(self) -> bool:
        """Whether an answer is one value (a yes/no, one choice, a scale, a number, a text): two
        findings of such a question are two answers of which a respondent gives only one."""
        return self is not QuestionType.MULTIPLE_CHOICE


_OPTION_TYPES = {
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.YES_NO,
    QuestionType.SCALE,
}

#: The standard values of a yes/no question and how they read when the rubric gives no label.
YES_NO_LABELS = YES_NO_WORDS["en"]


def yes_no_label(value: str | int, lang: str) -> str:
    """How a standard yes/no answer reads in ``lang`` when the rubric gives it no label:
    civdata's word in that language, English where civdata has none."""
    return yes_no_word(value, lang) or YES_NO_LABELS[str(value)]


#: An answer value after loading: option value(s), a number, or text.
AnswerValue = Union[str, int, float, tuple[Union[str, int], ...]]  # noqa: UP007 (a runtime alias on 3.10)


# --- Conditions: declarative tests on answers, never code ---------------------------------------


@record
class Compare:
    """``question`` tested with ``operator`` against ``operand`` (see ``conditions.py``)."""

    question: str
    operator: str
    operand: Any


@record
class ScoreTest:
    """A computed score (an area's, by id, or ``overall``) compared with a number, 0-100.

    Only rules and verdicts use these: scores exist once every answer is in.
    """

    target: str
    operator: str
    operand: float


@record
class AllOf:
    """``all:`` in a rubric: holds when every part holds (three-valued, see :mod:`civdata.conditions`)."""

    conditions: tuple[Condition, ...]


@record
class AnyOf:
    """``any:`` in a rubric: holds when one part holds (three-valued, see :mod:`civdata.conditions`)."""

    conditions: tuple[Condition, ...]


@record
class Not:
    """``not:`` in a rubric: holds when its part does not; "possibly" stays "possibly"."""

    condition: Condition


Condition = Union[Compare, ScoreTest, AllOf, AnyOf, Not]  # noqa: UP007 (a runtime alias on 3.10)


def referenced_questions(condition: Condition | None) -> Iterator[str]:
    """Every question id a condition looks at, in the order written."""
    return (test.question for test in answer_tests(condition))


def score_tests(condition: Condition | None) -> Iterator[ScoreTest]:
    """Every test on a computed score in a condition, in the order written."""
    return (test for test in _tests(condition) if isinstance(test, ScoreTest))


def answer_tests(condition: Condition | None) -> Iterator[Compare]:
    """Every test on an answer in a condition, in the order written."""
    return (test for test in _tests(condition) if isinstance(test, Compare))


def _tests(condition: Condition | None) -> Iterator[Compare | ScoreTest]:
    """Every test in a condition, on an answer or a score, in the order written."""
    if isinstance(condition, (Compare, ScoreTest)):
        yield condition
    elif isinstance(condition, Not):
        yield from _tests(condition.condition)
    elif isinstance(condition, (AllOf, AnyOf)):
        for part in condition.conditions:
            yield from _tests(part)


# --- The rubric ---------------------------------------------------------------------------------


@record
class FindingSpec:
    """A finding as the rubric defines it, before any answer raises it."""

    severity: Severity
    title: str
    recommendation: str
    explanation: str | None = None
    #: The role that should act on it; the recommendation is written as an instruction to that role.
    owner: str | None = None
    #: How soon to act, when the rubric says.
    act_by: ActBy | None = None
    #: The recommendation in the rubric's own language (its ``language``), whatever language it is
    #: shown in: findings that call for the same thing are told by these words, so an action plan and
    #: its ids are the same in every language (:mod:`civdata.actions`). None: ``recommendation``.
    own_recommendation: str | None = None


@record
class Option:
    """One answer option. ``score`` is the option's points: a 0-1 share, or raw points for a
    question whose options carry ``points``. An "I don't know" option (``unknown``) is given the
    question's worst score when the rubric is built, so scoring needs no special case for it."""

    value: str | int
    label: str
    score: float | None
    description: str | None = None
    not_applicable: bool = False
    exclusive: bool = False
    finding: FindingSpec | None = None
    unknown: bool = False
    other: bool = False
    strength: str | None = None
    #: The rubric gives no label: ``label`` is civdata's word for a yes/no answer in the language
    #: the rubric was loaded in, which a form in another language says in that language.
    label_is_civdatas: bool = False

    def label_in(self, lang: str) -> str:
        """The label in language ``lang``: the rubric's, or, where it gives none for a yes/no
        answer, civdata's word in that language, English where civdata has none (``label`` is
        then in the language the rubric was loaded in, which a form's other columns are not)."""
        if not self.label_is_civdatas:
            return self.label
        return yes_no_label(self.value, lang)


@record
class Band:
    """Numeric answers from ``minimum`` (included) to ``maximum`` (excluded); None is open."""

    minimum: float | None
    maximum: float | None
    score: float | None
    label: str | None = None
    finding: FindingSpec | None = None
    strength: str | None = None

    def contains(self, number: float) -> bool:
        above = self.minimum is None or number >= self.minimum
        below = self.maximum is None or number < self.maximum
        return above and below

    def describe(self) -> str:
        if self.label:
            return self.label
        if self.minimum is None:
            return "any value" if self.maximum is None else f"below {number_words(self.maximum)}"
        if self.maximum is None:
            return f"{number_words(self.minimum)} or more"
        return f"{number_words(self.minimum)} to under {number_words(self.maximum)}"


@record
class BlankReading:
    """What a required question left blank raises of its own findings: a blank could be any
    answer, so it raises the finding of the riskiest one (see :attr:`Question.blank_reading`)."""

    finding: FindingSpec
    #: The id the finding has when that answer raises it, so a blank and the answer are one fact.
    finding_id: str
    #: The words of that answer, as a report names it: the option's label, or the band's range.
    answer: str


@record
class Question:
    """One question of a rubric, as the rubric file writes it (docs/rubric-format.md), checked."""

    id: str
    area_id: str
    title: str
    prompt: str
    type: QuestionType
    help: str | None = None
    weight: float = 1.0
    required: bool = True
    roles: tuple[str, ...] | None = None
    when: Condition | None = None
    options: tuple[Option, ...] = ()
    scoring: str = "sum"
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str | None = None
    bands: tuple[Band, ...] = ()
    #: Options and bands carry raw ``points`` rather than 0-1 scores.
    uses_points: bool = False
    direction: Direction = Direction.READINESS

    def option(self, value: object) -> Option | None:
        """The option whose value is ``value``, or None: text is that option's value in another
        Unicode form too (:func:`civdata.rubric_data.option_key`). Callers that keep an answer keep
        the option's own value, as the rubric writes it, which conditions compare with."""
        try:
            found = self._options_by_value.get(value)
        except TypeError:  # an unhashable value (a list) is no option's value
            return None
        if found is None and isinstance(value, str):
            found = self._options_by_value.get(option_key(value))
        return found

    @cached_property
    def _options_by_value(self) -> dict[object, Option]:
        # Scoring looks options up for every answer of every respondent; a dict keeps that flat.
        # Each value as written, and in NFC; the value as written wins in a rubric not yet checked.
        by_key = {option_key(option.value): option for option in self.options}
        return {**by_key, **{option.value: option for option in self.options}}

    @cached_property
    def option_answers(self) -> Mapping[object, Answer]:
        """The answer that is an option's value alone (no note), by that value: one object for
        every respondent who gives it, instead of one each (an :class:`Answer` is immutable)."""
        return {option.value: Answer(option.value) for option in self.options}

    @cached_property
    def scored(self) -> bool:
        """Whether an answer to this question can change the score at all (asked of every answer of
        every respondent, so worked out once)."""
        return self.weight > 0 and self.max_points > 0

    @cached_property
    def gate(self) -> bool:
        """Whether this is a gate question: weight 0 (asked for context, not scored), but with
        scores that order its answers, so people's answers to it can be compared."""
        return self.weight == 0 and self.max_points > 0

    @cached_property
    def max_points(self) -> float:
        """The most an answer can earn: 1 for 0-1 scores; for points, the highest option's points,
        or all options' points together for a multiple choice summed without a cap. 0 when the
        question is not scored at all (text, or no option has a score)."""
        scores = [option.score for option in self.options if option.score is not None]
        scores += [band.score for band in self.bands if band.score is not None]
        if not scores:
            return 0.0
        if not self.uses_points:
            return 1.0
        if self.type is QuestionType.MULTIPLE_CHOICE and self.scoring == "sum":
            return float(sum(option.score for option in self.options if option.score and not option.unknown))
        return float(max(scores))

    @cached_property
    def score_range(self) -> tuple[float, float]:
        """The lowest and the highest score (0-1 shares of :attr:`max_points`) an answer can come
        to, as the rubric defines them: its options' (or bands') lowest and highest score; for a
        multiple choice whose scores are summed, the highest is every option that can be ticked
        with others ticked together (capped as scoring caps it). (0, 0) when nothing is scored.
        "Not applicable" has no score; "I don't know" has the worst, so it is inside the range."""
        scores = [option.score for option in self.options if option.score is not None]
        scores += [band.score for band in self.bands if band.score is not None]
        if not scores or not self.max_points:
            return (0.0, 0.0)
        highest = max(scores)
        if self.type is QuestionType.MULTIPLE_CHOICE and self.scoring == "sum":
            together = sum(
                option.score for option in self.options if option.score and not option.exclusive and not option.unknown
            )
            highest = max(highest, min(self.max_points, together))
        return (round(min(scores) / self.max_points, 6), round(highest / self.max_points, 6))

    @cached_property
    def scoring_cache(self) -> dict[object, object]:
        """Scoring's memory of what each distinct answer to this question comes to (see
        ``civdata.scoring``): the model is immutable, so an answer always comes to the same."""
        return {}

    @cached_property
    def owner(self) -> str | None:
        """The role the rubric names to act on this question (a role id): the ``owner`` of the first
        of its findings, options' as listed then bands', that names one; None when none does. A
        disagreement on the question is that role's to settle (:mod:`civdata.combine`)."""
        specs = [option.finding for option in self.options] + [band.finding for band in self.bands]
        return next((spec.owner for spec in specs if spec is not None and spec.owner), None)

    @cached_property
    def blank_reading(self) -> BlankReading | None:
        """The finding this question raises when it is required, applies and is left blank.

        A blank could be any answer: conditions read it so (docs/scoring.md, section 3), and so do
        the question's own findings, or leaving out the answer that raises one would look better
        than giving it. It raises the finding of its "I don't know" option (the rubric checks make
        it at least as serious as any other answer's); where there is none, the first, in the
        rubric's order, of the most serious findings one option or band raises. None for an
        optional question (a blank there is allowed), and where no answer raises a finding.
        """
        if not self.required:
            return None
        for option in self.options:
            if option.unknown and option.finding is not None:
                return BlankReading(option.finding, option_finding_id(self.id, option.value), option.label)
        candidates = [
            BlankReading(option.finding, option_finding_id(self.id, option.value), option.label)
            for option in self.options
            if option.finding is not None
        ]
        candidates += [
            BlankReading(band.finding, band_finding_id(self.id, index), band.describe())
            for index, band in enumerate(self.bands)
            if band.finding is not None
        ]
        return max(candidates, key=lambda reading: reading.finding.severity.rank, default=None)

    @cached_property
    def unknown_values(self) -> frozenset[str | int]:
        """The values of this question's "I don't know" options."""
        return frozenset(option.value for option in self.options if option.unknown)

    def goodness(self, points: float) -> float:
        """How good ``points`` are, 0 (worst) to 1 (best), whichever way this question scores."""
        share = points / self.max_points if self.max_points else 0.0
        return share if self.direction is Direction.READINESS else 1.0 - share

    def asked_of(self, role: str) -> bool:
        """Whether a respondent in ``role`` is asked this question; a blank role is asked all."""
        return self.roles is None or not role or role in self.roles


@record
class Area:
    """A part of the rubric with a score of its own (stakeholders and power, the role of data, ...)."""

    id: str
    title: str
    questions: tuple[Question, ...]
    description: str | None = None
    weight: float = 1.0
    direction: Direction = Direction.READINESS


@record
class Role:
    """Who a respondent is to the initiative; whether the report misses them, and how much their answers weigh."""

    id: str
    label: str
    description: str | None = None
    expected: bool = False
    missing_severity: Severity = Severity.HIGH
    weight: float = 1.0


#: A role that nobody named: respondents whose files leave the role blank (every question asked).
ROLE_NOT_STATED = Role(id="", label="Role not stated")

_T = TypeVar("_T")


@record
class Rule:
    """A finding raised by answers taken together, which no single answer raises alone."""

    id: str
    when: Condition
    finding: FindingSpec
    description: str | None = None

    @cached_property
    def questions(self) -> tuple[str, ...]:
        """The questions the rule looks at, each once, in the order written (their notes go with
        the rule's finding)."""
        return tuple(dict.fromkeys(referenced_questions(self.when)))


def option_finding_id(question_id: str, value: str | int) -> str:
    """The id reports give the finding of an option: ``QUESTION:VALUE``."""
    return f"{question_id}:{value}"


def band_finding_id(question_id: str, position: int) -> str:
    """The id reports give the finding of a question's band (``position`` from 0): ``QUESTION:band-N``, N from 1."""
    return f"{question_id}:band-{position + 1}"


def rule_finding_id(rule_id: str) -> str:
    """The id reports give a rule's finding: ``rule:ID``."""
    return f"rule:{rule_id}"


#: Question ids a rubric may not use, each with whose ids its findings would have: a question's
#: findings are ``QUESTION:VALUE`` (:func:`option_finding_id`), so a question ``role`` with an option
#: ``community`` would raise ``role:community``, the missing voice of the community, and an action
#: plan, a kept plan and a CI report tell findings apart by their ids. The rubric checker refuses
#: them where they are written (civdata.rubric_checks).
RESERVED_QUESTION_IDS: Mapping[str, str] = {
    "rule": "civdata gives the findings of rules ('rule:ID')",
    "role": "civdata gives missing voices ('role:ROLE')",
    "divergence": "civdata gives disagreements ('divergence:QUESTION')",
    "unanswered": "CI reports give required questions left blank ('unanswered:QUESTION')",
}


@record
class RaisableFinding:
    """A finding the rubric defines (an option's, a band's or a rule's), with the id a report gives
    it once answers raise it."""

    id: str
    spec: FindingSpec
    #: The question whose answer raises it; None for a rule's.
    question: Question | None = None


@record
class Verdict:
    """One verdict band: the first whose every test holds, best first, is the report's verdict."""

    id: str
    label: str
    description: str | None = None
    min_score: float | None = None
    max_severity: Severity | None = None
    min_coverage: float | None = None
    max_score: float | None = None
    when: Condition | None = None


@record
class Change:
    """One entry of a rubric's changelog: which questions a version changed, so older answers can be
    upgraded, and which rules, so a finding a rule raises only since is not taken for a new one."""

    version: str
    summary: str
    questions: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


@record
class Rubric:
    """A rubric as loaded and checked: roles, areas of questions, rules and verdicts."""

    id: str
    version: str
    title: str
    description: str
    license: str
    authors: tuple[str, ...]
    roles: tuple[Role, ...]
    areas: tuple[Area, ...]
    verdicts: tuple[Verdict, ...]
    rules: tuple[Rule, ...] = ()
    changes: tuple[Change, ...] = ()
    divergence_threshold: float = 0.4
    combine: str = "role_weighted_mean"
    #: The file the rubric was read from, as reports name it: ``bundled: NAME.yaml`` for a
    #: bundled rubric, else the path as given.
    source: str = ""
    #: Whether the file read is one of civdata's bundled rubrics, as the loader found it (its
    #: folder), never told from ``source``, text a person's path can spell (``./bundled: x.yaml``).
    bundled: bool = False
    direction: Direction = Direction.READINESS
    #: The language the rubric is written in, the one its text is shown in, and every language
    #: that some of its text is given in.
    language: str = "en"
    lang: str = "en"
    languages: tuple[str, ...] = ("en",)
    #: Its languages but those only a few texts give (:func:`civdata.i18n.rare_languages`): a form
    #: offers these by default, not a language that would read almost all in the rubric's own.
    main_languages: tuple[str, ...] = ("en",)
    #: SHA-256 of the rubric file's bytes, so a report says exactly which rubric text it applied.
    sha256: str = ""
    _questions: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._questions.update({q.id: q for area in self.areas for q in area.questions})

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order they are asked."""
        return tuple(self._questions.values())

    @cached_property
    def asking_order(self) -> Mapping[str, int]:
        """Each question's place in the order they are asked (question id -> 0, 1, ...); shared by
        every caller, so typed read-only."""
        return {question_id: index for index, question_id in enumerate(self._questions)}

    @cached_property
    def scoring_cache(self) -> dict[object, object]:
        """Scoring's tables for this rubric, made on first use (see ``civdata.scoring``): the rubric
        is immutable, so they hold for as long as it lives, and no longer."""
        return {}

    @cached_property
    def raisable_findings(self) -> tuple[RaisableFinding, ...]:
        """Every finding the rubric defines, in its own order: each question's in the order they are
        asked (its options', then its bands'), then the rules' as written. A missing voice and a
        disagreement are not here: civdata words those from who answered what (civdata.combine)."""
        found: list[RaisableFinding] = []
        for question in self.questions:
            found += [
                RaisableFinding(option_finding_id(question.id, option.value), option.finding, question)
                for option in question.options
                if option.finding is not None
            ]
            found += [
                RaisableFinding(band_finding_id(question.id, position), band.finding, question)
                for position, band in enumerate(question.bands)
                if band.finding is not None
            ]
        found += [RaisableFinding(rule_finding_id(rule.id), rule.finding) for rule in self.rules]
        return tuple(found)

    @cached_property
    def finding_order(self) -> Mapping[str, int]:
        """Each finding the rubric defines by its place in :attr:`raisable_findings` (finding id ->
        0, 1, ...): the order that breaks ties between findings, wherever they come from."""
        return {finding.id: index for index, finding in enumerate(self.raisable_findings)}

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    @cached_property
    def _roles_by_id(self) -> Mapping[str, Role]:
        """Each role by its id (the first, should a rubric not yet checked repeat one): a report
        on hundreds of respondents looks a role up for each of them many times."""
        return {role.id: role for role in reversed(self.roles)}

    @cached_property
    def role_positions(self) -> Mapping[str, int]:
        """Each role's place in the rubric's order of roles, by id (see :meth:`in_role_order`)."""
        return {role.id: index for index, role in enumerate(self.roles)}

    def role(self, role_id: str) -> Role | None:
        return self._roles_by_id.get(role_id)

    def unheard(self, heard: Container[str]) -> tuple[Role, ...]:
        """The roles the rubric expects to hear from (``expected``) whose ids are not in ``heard``,
        in the rubric's order: a combined report's missing voices, a single report's unheard roles."""
        return tuple(role for role in self.roles if role.expected and role.id not in heard)

    @property
    def role_labels(self) -> dict[str, str]:
        """Each role's label by its id: what a person may write where the id belongs (a "did you
        mean" then names the id, see :func:`civdata.problems.did_you_mean`)."""
        return {role.id: role.label for role in self.roles}

    def role_label(self, role_id: str) -> str:
        """How every report names a role by its id: the rubric's label; :data:`ROLE_NOT_STATED`'s
        for respondents who left it blank; the id itself for a role this rubric does not have (a
        baseline's, read from a report made with another version), which has no other name."""
        role = self.role(role_id)
        if role is not None:
            return role.label
        return role_id or ROLE_NOT_STATED.label

    def in_role_order(self, pairs: Iterable[tuple[str, _T]]) -> list[tuple[str, _T]]:
        """(role id, value) pairs in the rubric's order of roles, as every list of roles is shown;
        roles it does not name (the role not stated, a baseline's) after them, by id, so two runs
        list them alike."""
        order = self.role_positions
        return sorted(pairs, key=lambda pair: (order.get(pair[0], len(order)), "" if pair[0] in order else pair[0]))

    def area(self, area_id: str) -> Area:
        return next(area for area in self.areas if area.id == area_id)

    @property
    def scored(self) -> bool:
        """Whether any answer can change a score: False for a checklist, whose reports show none."""
        return any(question.scored for question in self.questions)

    def verdict_label(self, verdict_id: str, written: str) -> str:
        """A verdict's label in this rubric's language, as every label beside it is, whatever
        language the report that holds it was written in; ``written`` (as that report says it) for
        a verdict this rubric does not have."""
        return next((verdict.label for verdict in self.verdicts if verdict.id == verdict_id), written)

    def verdict_rank(self, verdict_id: str) -> int:
        """A verdict's position, best first: a gate fails on a verdict at or after a given one."""
        return next(index for index, verdict in enumerate(self.verdicts) if verdict.id == verdict_id)


# --- Answers ------------------------------------------------------------------------------------


@record
class Answer:
    """One answer: ``value`` is None when the question was left blank (a note may still exist)."""

    value: AnswerValue | None
    note: str | None = None

    @property
    def answered(self) -> bool:
        return self.value is not None


@record
class Respondent:
    """Who gave one set of answers, as their answers file says: a role, and a name or organisation if given."""

    role: str
    name: str | None = None
    organisation: str | None = None

    @property
    def who(self) -> str | None:
        """Who the respondent is, as reports tell the same person apart from one assessment to the
        next: their name, else their organisation; None when they gave neither."""
        return self.name or self.organisation


@record
class Location:
    """A place in an input file (1-based line and column): where a finding points in CI annotations,
    SARIF and Code Quality reports, so a reviewer lands on the answer that raised it."""

    source: str
    line: int
    column: int = 1


@record
class AnswerSet:
    """One respondent's answers about one initiative, for one rubric version."""

    rubric_id: str
    rubric_version: str
    initiative: str
    respondent: Respondent
    answers: dict[str, Answer]
    date: str | None = None
    source: str = ""
    #: Where each question's entry is written in ``source`` (line, column), when it was read from
    #: a file: found in one pass over the answers when they are checked.
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    #: Where the answers as a whole are written (line, column): the ``answers:`` key of a file, the
    #: row of a submission. Where a finding on a question left out points, and a notice that a
    #: required question is unanswered: the place to add it, not the file's first line.
    answers_at: tuple[int, int] = field(default=(1, 1), compare=False, repr=False)

    def location(self, question_id: str) -> Location | None:
        """Where the answer to ``question_id`` is written; where the answers are (``answers_at``)
        when it is not there (a question left out); None for answers not read from a file."""
        if not self.source:
            return None
        line, column = self.positions.get(question_id, self.answers_at)
        return Location(self.source, line, column)

    def value(self, question_id: str) -> AnswerValue | None:
        answer = self.answers.get(question_id)
        return answer.value if answer else None

    def note(self, question_id: str) -> str | None:
        answer = self.answers.get(question_id)
        return answer.note if answer else None


#: What ``--anonymize`` keeps of a written answer to a text question: that it was written.
ANONYMIZED_TEXT = "(written answer left out: --anonymize)"


def without_own_words(rubric: Rubric, answers: AnswerSet) -> AnswerSet:
    """``answers`` as ``--anonymize`` leaves them: no note, and a written answer to a text
    question only as :data:`ANONYMIZED_TEXT`, so it still counts as answered. The options chosen,
    numbers and scales stay, since the report is made of them. What ``civdata report`` drops of
    the answers files it reads; ``civdata import`` drops the same cells as it reads each row."""
    kept = {
        question_id: Answer(ANONYMIZED_TEXT if is_written(rubric, question_id, answer.value) else answer.value)
        for question_id, answer in answers.answers.items()
    }
    return replace(answers, answers=kept)


def is_written(rubric: Rubric, question_id: str, value: object) -> bool:
    """Whether ``value`` is a written answer to a text question of ``rubric``: the respondent's
    own words, which ``--anonymize`` leaves out."""
    return (
        value is not None
        and rubric.has_question(question_id)
        and rubric.question(question_id).type is QuestionType.TEXT
    )
