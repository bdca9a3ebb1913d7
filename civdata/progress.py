"""Progress since an earlier assessment: what got better, what got worse, and what is still to do.

A report is compared with a *baseline*: an earlier report on the same initiative, read from its
JSON file or built again from the answers files of that time. Both sides are first reduced to a
:class:`Snapshot` (scores by area, verdict, findings and, where the report holds them, every
respondent's answers), so a JSON report written months ago and a report built now are compared
by one function, :func:`compare`.

The rubric may have changed in between. Its ``changes`` list the questions added, changed or
removed in each version; anything that rests on one of those questions is *not compared*, and the
report says so, rather than guessing: an area whose questions changed, the overall score when any
area could not be compared, a finding about a changed question, an answer to one. When the rubric
records no change since the baseline's version, nothing that rests on questions can be matched.
Versions of the same MAJOR.MINOR ask the same questions (a PATCH release changes wording only), so
they are compared in full.

Pure: snapshots and a rubric in, a :class:`Progress` out; nothing is read or written here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from typing import Any

from civdata.escape import is_invisible
from civdata.initiatives import invisible_difference, name_key
from civdata.model import (
    Direction,
    Question,
    Rubric,
    Severity,
    option_finding_id,
    referenced_questions,
    rule_finding_id,
)
from civdata.plan import KeptCell, PlanRow
from civdata.records import record
from civdata.results import Finding, FindingKind, PlanState, Trend, finding_subject
from civdata.snapshot import OVERALL_ID, AnswerBrief, FindingBrief, Snapshot
from civdata.versions import same_questions, version_key
from civdata.wording import first_listed, plural, respondents, respondents_per_role, verb

# --- The comparison ------------------------------------------------------------------------------


def _once(findings: tuple[FindingBrief, ...], snapshot: Snapshot) -> tuple[FindingBrief, ...]:
    """``findings`` (new, or resolved) without those stated in the context of rules' findings that
    are all among them too: the rule's finding says the same fact, and counting both would count
    it twice ("2 new" for one answer that made a rule hold; docs/scoring.md, one finding per fact)."""
    ids = {finding.id for finding in findings}
    return tuple(
        finding
        for finding in findings
        if not (rules := snapshot.stated_in.get(finding.id)) or not all(rule in ids for rule in rules)
    )


@record
class DespiteBlanks:
    """Why a score is compared though some of its questions were answered on one side only: the
    lowest and highest scores their blanks leave open, then and now, do not meet, so whatever the
    blanks would be, the score went the one way (:func:`_beyond_blanks`)."""

    blanks: str
    before: tuple[float, float]
    after: tuple[float, float]


@record
class ScoreChange:
    """An area's (or the overall) score then and now; ``reason`` says why it was not compared."""

    id: str
    title: str
    before: float | None
    after: float | None
    trend: Trend
    reason: str | None = None
    #: The reason is the rubric's (a question changed since the baseline's version, or nothing is
    #: scored), not the answers': a history marks only such scores, since each of its points is
    #: a whole report of its own, blanks and all.
    by_rubric: bool = False
    #: A trend that holds whatever the questions answered on one side only would be: which those
    #: are (``blanks``, as ``reason`` would have said it) and the ranges they leave open, then and now.
    despite_blanks: DespiteBlanks | None = None

    @property
    def change(self) -> float | None:
        if self.trend is Trend.NOT_COMPARED or self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    @property
    def blank_difference(self) -> str | None:
        """Which questions were answered on one side only, when only that keeps the score from
        being compared as it stands (judged by its ranges, or not compared); None otherwise (the
        rubric changed, a side has no score, or nothing was answered on one side only)."""
        if self.despite_blanks is not None:
            return self.despite_blanks.blanks
        reason = self.reason or NO_SCORE
        if self.trend is Trend.NOT_COMPARED and not self.by_rubric and not reason.startswith(NO_SCORE):
            return reason
        return None


@record
class AnswerChange:
    """An answer that is not what it was: ``respondent`` is the label, None in a report on one person."""

    respondent: str | None
    question_id: str
    title: str
    before: AnswerBrief | None
    after: AnswerBrief | None


@record
class WorseAnswer:
    """A respondent's answer now whose own finding is more severe than the one their answer to the
    same question raised then (or raises one where it raised none): one person's move to a riskier
    answer. Findings are compared by id across everyone, so when someone else had raised the same
    findings then, the move was "still open" twice and ``--fail-on-regression`` passed on it (a
    facilitator's review, 2026-11-29); these are what the gate judges besides the findings."""

    change: AnswerChange
    finding_id: str
    finding_title: str
    severity: Severity
    #: The most severe finding the answer then raised, None when it raised none.
    severity_then: Severity | None


@record
class AnswerCount:
    """How many respondents of a large group changed one answer the same way (``before`` to
    ``after``, their notes left out), per role: a large group's report counts people, so its list of
    changed answers grows with the answers that changed, not with the people who changed them."""

    question_id: str
    title: str
    before: AnswerBrief | None
    after: AnswerBrief | None
    count: int
    #: (role id, how many), roles in the rubric's order, roles with none left out.
    by_role: tuple[tuple[str, int], ...]


@record
class PlanCheck:
    """An action the team marked done, and what this report says of it."""

    id: str
    text: str
    state: PlanState
    #: The findings it answers that are still raised.
    open_findings: tuple[str, ...] = ()
    #: The id this report's plan gives it, when that is not the id the team ticked (:func:`_in_this_plan`).
    now: str | None = None


@record
class FindingReplacement:
    """A finding raised then and not now (``before``) in whose place the same respondents' answer to
    its question now raises another (``after``): the matter is still there in another form, so
    ``before`` is not resolved, nor ``after`` new to the question (:func:`_replacements` says when).
    Either may be in several: two respondents may each give another answer."""

    before: FindingBrief
    after: FindingBrief
    #: Nobody raised ``after`` then (else another respondent did, and it is still open too): a
    #: finding raised now and not then, which ``--fail-on-regression`` judges (:meth:`Progress.raised_since`).
    after_new: bool = True

    @property
    def trend(self) -> Trend:
        """WORSE when ``after`` is more severe than ``before``, BETTER when milder, SAME when as severe."""
        return severity_trend(self.before, self.after)


@record
class SeverityChange:
    """A finding raised then and now (the same id, so still open) that is rated otherwise now
    (:func:`_severity_changes` says when). Within one rubric version only a disagreement among
    respondents can be: it is rated by how far apart their answers are (docs/multi-respondent.md),
    so one whose people moved apart is more severe, which "still open" alone would hide. Across
    rubric versions, any finding the newer version rates otherwise. A severity is a band (of the
    spread, for a disagreement), so a change within a band is none."""

    before: FindingBrief
    after: FindingBrief

    @property
    def trend(self) -> Trend:
        """WORSE when it is more severe now, BETTER when milder (never SAME: it would be no change)."""
        return severity_trend(self.before, self.after)


def severity_trend(before: FindingBrief, after: FindingBrief) -> Trend:
    """WORSE when ``after`` is more severe than ``before``, BETTER when milder, SAME when as severe:
    how a finding now compares with one then, in place of it or under the same id."""
    change = after.severity.rank - before.severity.rank
    return Trend.SAME if change == 0 else Trend.WORSE if change > 0 else Trend.BETTER


@record
class CarriedAction:
    """An action of this report's plan whose owner or date the team set in the kept plan
    (``--baseline-plan``): the next plan (``--plan``) writes them again, and the comparison says
    so. None where the team left civdata's value, which follows the rubric."""

    id: str
    owner: str | None
    act_by: str | None
    #: The id the kept plan gave the action, when it is not this one (:func:`_in_this_plan`).
    was: str | None = None


@record
class Backwards:
    """One person whose answers now are dated before their own answers in the baseline (a stale
    file copied into this round's folder): compared, each of their changes would read backwards
    and ``--fail-on-regression`` would judge their later answers by the earlier, so the command
    refuses it (:func:`civdata.baseline.check_belongs`), as it refuses a whole baseline dated later."""

    #: Who they are (their name, else their organisation), and their label in this report.
    who: str | None
    label: str
    on: str
    #: Their date in the baseline, and the answers file it was read from ("" for a JSON report).
    then_on: str
    then_source: str


@record
class Caution:
    """What a reader must know before reading any change (not the same group, answers of the same
    day, a baseline scored otherwise): the sentence in full, said with the comparison in full, in
    the JSON report and on standard error, and its few words, which the line under a report's
    verdict names. The sentence there pushed the scores and the first actions off the first
    screen of a large group's Markdown report (the review "formats")."""

    #: ``not the same group``: a few words, lower case, to stand in a list.
    headline: str
    text: str


@record
class Progress:
    """What changed since the baseline, and what could not be compared and why."""

    baseline_source: str
    baseline_on: str | None
    baseline_version: str
    current_on: str | None
    overall: ScoreChange
    areas: tuple[ScoreChange, ...]
    verdict_before: str
    verdict_after: str
    verdict_trend: Trend
    #: Raised then, not now, and nothing raised in their place (:attr:`replaced`): gone.
    resolved: tuple[FindingBrief, ...]
    #: Raised now, not then, and not in place of a finding of the baseline (:attr:`replaced`).
    new: tuple[FindingBrief, ...]
    #: Raised then and now: listed now, or listed then and raised now without being listed (stated
    #: in a rule's context, or a missing voice a report on one person names among the unheard).
    still_open: tuple[FindingBrief, ...]
    #: Each answer that changed, with whose it is; none in a large group's, which counts them instead.
    answers: tuple[AnswerChange, ...]
    #: What could not be compared, one sentence each.
    not_compared: tuple[str, ...] = ()
    #: The findings (of either report, by id, sorted) that are none of resolved, replaced, new or
    #: still open, and why is in :attr:`not_compared`: their questions or rules changed since the
    #: baseline's version, or they rest on a blank answer or a respondent on one side only.
    uncompared: tuple[str, ...] = ()
    plan: tuple[PlanCheck, ...] = ()
    #: The owners and dates the team set in the kept plan, for the actions still to do (in this
    #: report's plan), in the plan's order.
    carried: tuple[CarriedAction, ...] = ()
    #: What a reader must know before reading any change: not the same group, or the same day.
    warnings: tuple[Caution, ...] = ()
    #: The scores then and now, for the picture over time: (date, {area title or "Overall": score}).
    history: tuple[tuple[str, Mapping[str, float | None]], ...] = field(default=(), compare=False)
    #: A large group's changed answers, counted (:class:`AnswerCount`); empty for a smaller group.
    answer_counts: tuple[AnswerCount, ...] = ()
    #: Whether anyone's answers were compared at all: not when the baseline does not hold them (a
    #: combined report written without ``--detail``), nor in a report by role only, nor when nobody
    #: can be paired. "0 answers changed" would then claim what was never looked at.
    answers_compared: bool = True
    #: What :attr:`answer_counts` are out of: how many respondents of each role had their answers
    #: compared, those in both reports (role id, how many; roles in the rubric's order). Not the
    #: role's size now: with a baseline of 20 and a report of 500, "Funder: 4 of 84" read as 4
    #: funders of 84 changing, when only the 4 in both could, and all did.
    answers_compared_by_role: tuple[tuple[str, int], ...] = ()
    #: Findings raised then and not now with another raised in their place: neither resolved nor new.
    replaced: tuple[FindingReplacement, ...] = ()
    #: Findings still open (in :attr:`still_open` too) whose severity is not what it was.
    severity_changed: tuple[SeverityChange, ...] = ()
    #: People whose answers now are dated before theirs in the baseline: never shown, refused.
    backwards: tuple[Backwards, ...] = ()
    #: The findings of :attr:`still_open` listed then that a rule's finding states in its context
    #: now (a rule that holds now and did not then), and those listed now that only a rule's
    #: finding stated then (a rule that held then and does not now), by id. Either report's count
    #: of findings is then told apart from the counts of the comparison (32 listed then: 0
    #: resolved, 1 new, 32 still open, 2 now inside a rule's finding).
    stated_now: tuple[str, ...] = ()
    stated_then: tuple[str, ...] = ()
    #: The verdicts' ids then and now (:attr:`verdict_before` and :attr:`verdict_after` are the
    #: labels a reader sees, in the report's language): what a program matches against
    #: ``verdict.id`` and ``--fail-on-verdict``.
    verdict_before_id: str = ""
    verdict_after_id: str = ""
    #: Answers of respondents in both reports whose own finding is more severe now (:class:`WorseAnswer`).
    worse_answers: tuple[WorseAnswer, ...] = ()
    #: The rubric version the baseline's answers were scored with, when not the one they were made
    #: for (:attr:`Snapshot.scored_with`); "" otherwise.
    baseline_scored_with: str = ""

    @property
    def answers_changed(self) -> int:
        """How many answers changed, whether listed one by one or counted."""
        return len(self.answers) + sum(item.count for item in self.answer_counts)

    @property
    def scores_compared(self) -> bool:
        """Whether any area's score, or the overall score, was compared with the baseline's."""
        return any(item.trend is not Trend.NOT_COMPARED for item in (*self.areas, self.overall))

    @property
    def findings_not_compared(self) -> int:
        """How many findings are none of resolved, replaced, new or still open (:attr:`uncompared`)."""
        return len(self.uncompared)

    @property
    def findings_compared(self) -> int:
        """How many findings were matched with the baseline's: resolved, replaced, new or still open."""
        return len(self.resolved) + len(self.replaced) + len(self.new) + len(self.still_open)

    @property
    def worse(self) -> tuple[ScoreChange, ...]:
        """The scores that went the wrong way, the overall score included."""
        return tuple(item for item in (*self.areas, self.overall) if item.trend is Trend.WORSE)

    def raised_since(self, severity: Severity) -> tuple[tuple[FindingBrief, FindingBrief | None], ...]:
        """The findings at or above ``severity`` raised now and not then, most severe first, each with
        the finding of the baseline it was raised in place of (None for a new one): what
        ``--fail-on-regression SEVERITY`` judges. One raised in place of another counts, even a milder
        one: it is a finding the answers raise now that they did not then, and telling replacements
        apart must never let the gate pass on a finding it exists to stop."""
        found: dict[str, tuple[FindingBrief, FindingBrief | None]] = {
            finding.id: (finding, None) for finding in self.new if finding.severity.rank >= severity.rank
        }
        for item in self.replaced:
            if item.after_new and item.after.severity.rank >= severity.rank:
                found.setdefault(item.after.id, (item.after, item.before))
        return tuple(sorted(found.values(), key=lambda pair: -pair[0].severity.rank))

    def worse_to(self, severity: Severity) -> tuple[WorseAnswer, ...]:
        """The answers whose own finding is at or above ``severity`` and more severe than their
        answer's then (:class:`WorseAnswer`), leaving out those whose finding is new (counted by
        :meth:`raised_since` already): what ``--fail-on-regression SEVERITY`` judges besides."""
        new = {finding.id for finding, _ in self.raised_since(severity)}
        return tuple(
            item for item in self.worse_answers if item.severity.rank >= severity.rank and item.finding_id not in new
        )

    def risen_to(self, severity: Severity) -> tuple[SeverityChange, ...]:
        """The findings still open that are more severe than then and at or above ``severity`` now,
        most severe first: what ``--fail-on-regression SEVERITY`` judges besides :meth:`raised_since`.
        One already at or above ``severity`` then counts too: the report shows it as worse, and a
        gate must never pass on what the report shows as worse."""
        risen = [
            item
            for item in self.severity_changed
            if item.trend is Trend.WORSE and item.after.severity.rank >= severity.rank
        ]
        return tuple(sorted(risen, key=lambda item: -item.after.severity.rank))


#: What a baseline on another rubric is told, a report or answers files (civdata.baseline).
SAME_RUBRIC = "a baseline must be an earlier assessment against the same rubric"


def baseline_problems(rubric: Rubric, baseline: Snapshot) -> list[str]:
    """Why a baseline cannot be compared with a report on this rubric at all (empty when it can)."""
    if baseline.rubric_id != rubric.id:
        return [
            f"the baseline is a report on rubric '{baseline.rubric_id}', but this report is on '{rubric.id}'; "
            + SAME_RUBRIC
        ]
    if version_key(baseline.rubric_version) > version_key(rubric.version):
        return [
            f"the baseline is for version {baseline.rubric_version} of rubric '{rubric.id}', newer than the "
            f"{rubric.version} this report uses; report on the new answers with the newer rubric (--rubric)"
        ]
    return []


@record
class _Matcher:
    """Which questions and rules changed between the baseline's rubric version and this one."""

    rubric: Rubric
    #: The two versions ask the same questions (the same MAJOR.MINOR): everything is compared.
    same_questions: bool
    changed: frozenset[str]
    #: The rubric records no change since the baseline's version, so nothing can be matched.
    unknown: bool
    #: Rules added, removed or changed since the baseline's version: a finding of one raised now
    #: and not then may be only the rubric's doing, so it is neither new nor resolved.
    changed_rules: frozenset[str] = frozenset()
    #: Questions and rules (``rule:id``) the baseline had that this rubric does not, though its
    #: ``changes`` does not record their removal (:meth:`with_gone`).
    unrecorded: tuple[str, ...] = ()
    #: Questions and rules the rubric's ``changes`` lists since the version the baseline's answers
    #: were made for, when they were scored again with this rubric (:meth:`with_rescored`).
    rescored: frozenset[str] = frozenset()
    rescored_rules: frozenset[str] = frozenset()
    #: Questions whose answers in the baseline this rubric scores otherwise, or no longer offers,
    #: though its ``changes`` does not list them (:meth:`with_unlisted`): counted as changed.
    unlisted: tuple[str, ...] = ()

    @classmethod
    def of(cls, rubric: Rubric, version: str) -> _Matcher:
        if same_questions(version, rubric.version):
            # A PATCH release rewords, it changes no question: what it records (if anything) is
            # not a reason to leave anything out, as answers of either version are read as they are.
            return cls(rubric, True, frozenset(), False)
        # Only when versions differ.
        from civdata.answers_loader import changed_since, changes_recorded, rules_changed_since

        changed = frozenset(changed_since(rubric, version))
        return cls(rubric, False, changed, not changes_recorded(rubric, version), rules_changed_since(rubric, version))

    def with_gone(self, questions: frozenset[str], rules: frozenset[str]) -> _Matcher:
        """The same, with the questions and rules the baseline had that this rubric does not
        (:func:`_gone_since`) counted as changed, whatever the rubric records: a rubric that removed
        a question without a word in ``changes`` would let its finding read as resolved."""
        if not questions and not rules:
            return self
        unrecorded = sorted(questions - self.changed)
        unrecorded += sorted(rule_finding_id(rule) for rule in rules - self.changed_rules)
        return replace(
            self,
            same_questions=False,
            changed=self.changed | questions,
            changed_rules=self.changed_rules | rules,
            unrecorded=tuple(unrecorded),
        )

    def with_unlisted(self, baseline: Snapshot) -> _Matcher:
        """The same, with the questions whose answers in the baseline this rubric scores
        otherwise or no longer offers counted as changed, though ``changes`` does not list them
        (:func:`_unlisted_since`): the same answer then read as a fall or a rise nobody made."""
        questions = _unlisted_since(self.rubric, baseline, self.changed)
        if not questions:
            return self
        return replace(self, same_questions=False, changed=self.changed | questions, unlisted=tuple(sorted(questions)))

    def with_rescored(self, baseline: Snapshot) -> _Matcher:
        """The same, with the questions and rules ``changes`` lists since the version the
        baseline's answers were made for, when they were scored with this rubric
        (:attr:`Snapshot.scored_with`): a PATCH among them may have changed what their findings
        ask, their severity too, and the answers scored again carry this version's severity, so
        their findings are not compared (a JSON report written then records the severity then)."""
        if not baseline.scored_with:
            return self
        from civdata.answers_loader import changed_since, rules_changed_since

        questions = frozenset(changed_since(self.rubric, baseline.rubric_version))
        return replace(
            self, rescored=questions, rescored_rules=rules_changed_since(self.rubric, baseline.rubric_version)
        )

    def rescored_finding(self, finding_id: str) -> bool:
        """Whether ``finding_id`` rests on a question or rule listed in :attr:`rescored`."""
        if not self.rescored and not self.rescored_rules:
            return False
        kind, subject = finding_subject(finding_id)
        if kind is FindingKind.RULE and subject in self.rescored_rules:
            return True
        return bool(self.rescored.intersection(self.questions_of_finding(finding_id) or ()))

    def rule_changed(self, finding_id: str) -> bool:
        """Whether ``finding_id`` is the finding of a rule added or changed since the baseline's version."""
        kind, subject = finding_subject(finding_id)
        return kind is FindingKind.RULE and subject in self.changed_rules

    def questions_of_finding(self, finding_id: str) -> tuple[str, ...] | None:
        """The questions a finding rests on (none for a missing voice); None when unknown."""
        kind, subject = finding_subject(finding_id)
        if kind is FindingKind.ROLE:
            return ()
        if kind is FindingKind.RULE:
            rule = next((rule for rule in self.rubric.rules if rule.id == subject), None)
            return tuple(referenced_questions(rule.when)) if rule is not None else None
        return (subject,)

    def finding_comparable(self, finding_id: str) -> bool:
        if self.rescored_finding(finding_id):
            return False
        if self.same_questions:
            return True
        if self.rule_changed(finding_id):
            return False
        questions = self.questions_of_finding(finding_id)
        if questions is None or (self.unknown and questions):
            return False
        return not self.changed.intersection(questions)

    def question_comparable(self, question_id: str) -> bool:
        return self.same_questions or (not self.unknown and question_id not in self.changed)

    def replaces(self, before_id: str, after_id: str) -> bool:
        """Whether findings ``before_id`` and ``after_id`` are raised by two answers to one question
        that a respondent could not give together (:func:`_replacements`): the question takes one
        answer, or one of the two options is exclusive ("None of these", "I don't know")."""
        question = self._answer_question(before_id)
        if question is None or before_id == after_id or finding_subject(after_id) != (FindingKind.ANSWER, question.id):
            return False
        if question.type.one_answer:
            return True
        exclusive = {option_finding_id(question.id, option.value) for option in question.options if option.exclusive}
        return before_id in exclusive or after_id in exclusive

    def _answer_question(self, finding_id: str) -> Question | None:
        """The question whose answer alone raises a finding; None for a rule's finding, a
        disagreement, a missing voice, or a question this rubric no longer has."""
        kind, subject = finding_subject(finding_id)
        if kind is not FindingKind.ANSWER or not self.rubric.has_question(subject):
            return None
        return self.rubric.question(subject)


def compare(
    rubric: Rubric,
    baseline: Snapshot,
    current: Snapshot,
    *,
    baseline_source: str,
    plan: Sequence[PlanRow] | None = None,
) -> Progress:
    """What changed from ``baseline`` to ``current`` (a report on ``rubric``); what could not be
    compared is listed, never guessed. ``plan`` is the plan file the team kept, when given."""
    matcher = (
        _Matcher.of(rubric, baseline.rubric_version)
        .with_gone(*_gone_since(rubric, baseline))
        .with_unlisted(baseline)
        .with_rescored(baseline)
    )
    not_compared: list[str] = []
    if not matcher.same_questions and (matcher.unknown or matcher.changed or matcher.changed_rules):
        not_compared.append(_version_sentence(rubric, baseline.rubric_version, matcher))
    sides = _Sides.of(rubric, baseline, current)
    areas = tuple(_area_change(rubric, matcher, sides, area.id) for area in rubric.areas)
    reweighed = _reweighed(rubric, baseline)
    overall = _overall_change(rubric, baseline, current, areas, sides)
    if reweighed and overall.trend is not Trend.NOT_COMPARED:
        reason = f"the areas weigh otherwise now ({reweighed})"
        overall = replace(overall, trend=Trend.NOT_COMPARED, reason=reason, by_rubric=True, despite_blanks=None)
    verdict_reason = _verdict_not_compared(rubric, baseline, reweighed)
    if verdict_reason is not None:
        not_compared.append(verdict_reason)
    resolved, new, still_open, skipped = _finding_changes(matcher, baseline, current)
    not_compared += _skipped_sentences(matcher, skipped, baseline)
    untold = _untold_findings(matcher, sides, resolved, new)
    resolved = tuple(finding for finding in resolved if finding.id not in untold)
    new = tuple(finding for finding in new if finding.id not in untold)
    not_compared += _untold_sentences(untold, baseline, current)
    counted = {finding.id for finding in still_open}
    covered_open = tuple(finding for finding in _covered_open(matcher, baseline, current) if finding.id not in counted)
    replaced = _replacements(matcher, sides, resolved, new, (*still_open, *covered_open))
    gone, in_place = {item.before.id for item in replaced}, {item.after.id for item in replaced}
    resolved = _once(tuple(finding for finding in resolved if finding.id not in gone), baseline)
    new = _once(tuple(finding for finding in new if finding.id not in in_place), current)
    severity_changed, unrated = _severity_changes(matcher, sides, still_open)
    not_compared += _unrated_sentences(unrated)
    answers_compared = _answers_comparable(sides, not_compared)
    answers, compared = _answer_changes(rubric, matcher, sides, not_compared) if answers_compared else ((), ())
    # Nobody of one report is anybody of the other (everyone renamed, or a new group): no answer
    # was compared, which "0 answers changed" would hide (the reason is in not_compared already).
    answers_compared = answers_compared and bool(compared)
    counts = _counted_changes(rubric, current, answers) if current.large else ()
    checks = plan_checks(plan or (), baseline, current, not_compared, untold=untold, replaced=replaced, matcher=matcher)
    carried = carried_over(plan or (), baseline, current)
    return Progress(
        baseline_source=baseline_source,
        baseline_on=baseline.assessed_on,
        baseline_version=baseline.rubric_version,
        baseline_scored_with=baseline.scored_with,
        current_on=current.assessed_on,
        overall=overall,
        areas=areas,
        verdict_before=rubric.verdict_label(baseline.verdict_id, baseline.verdict_label),
        verdict_after=rubric.verdict_label(current.verdict_id, current.verdict_label),
        verdict_trend=(
            Trend.NOT_COMPARED
            if verdict_reason is not None
            else _verdict_trend(rubric, baseline.verdict_id, current.verdict_id)
        ),
        verdict_before_id=baseline.verdict_id,
        verdict_after_id=current.verdict_id,
        worse_answers=_worse_answers(rubric, answers),
        resolved=resolved,
        new=new,
        still_open=still_open,
        stated_now=_stated_only(still_open, current),
        stated_then=_stated_only(still_open, baseline),
        replaced=replaced,
        severity_changed=severity_changed,
        answers=() if current.large else answers,
        answer_counts=counts,
        answers_compared=answers_compared,
        answers_compared_by_role=_by_role(rubric, compared, current) if counts else (),
        not_compared=tuple(not_compared),
        uncompared=tuple(sorted({*skipped, *untold})),
        plan=checks,
        carried=carried,
        warnings=(*_rubric_warnings(rubric, baseline), *_rescored(baseline), *sides.warnings()),
        history=_history(rubric, baseline, current, (*areas, overall)),
        backwards=sides.backwards(),
    )


def _skipped_sentences(matcher: _Matcher, skipped: set[str], baseline: Snapshot) -> list[str]:
    """Why the findings in ``skipped`` are not compared: their questions or rules changed since the
    baseline's version, or, for answers scored again with this rubric, a release since the version
    they were made for lists them, so their severity then is not known."""
    version = baseline.rubric_version
    rescored = sorted(finding_id for finding_id in skipped if matcher.rescored_finding(finding_id))
    of_rules = sorted(f for f in skipped if matcher.rule_changed(f) and f not in rescored)
    sentences = []
    if len(skipped) > len(of_rules) + len(rescored):
        count = len(skipped) - len(of_rules) - len(rescored)
        findings = f"{plural(count, 'finding')} about questions"
        sentences.append(_skipped_sentence(findings, verb(count, "is", "are"), matcher, version))
    if of_rules:
        sentences.append(
            f"{plural(len(of_rules), 'finding')} of rules added or changed since version {version} "
            f"{verb(len(of_rules), 'is', 'are')} not compared: {_listed(of_rules)}"
        )
    if rescored:
        sentences.append(
            f"{plural(len(rescored), 'finding')} of questions and rules the rubric's 'changes' lists since version "
            f"{version} {verb(len(rescored), 'is', 'are')} not compared: the baseline's answers, made for version "
            f"{version}, are scored here with {baseline.scored_with}, so what {verb(len(rescored), 'it', 'they')} "
            f"asked then (its severity) is not known; the JSON report written then records it: {_listed(rescored)}"
        )
    return sentences


def _gone_since(rubric: Rubric, baseline: Snapshot) -> tuple[frozenset[str], frozenset[str]]:
    """The questions and rules the baseline answered or raised findings of that this rubric does
    not have: the baseline itself is the record of what its version asked."""
    questions = {question for answers in (baseline.answers or {}).values() for question in answers}
    rules = set()
    for finding_id in baseline.present:
        kind, subject = finding_subject(finding_id)
        if kind is FindingKind.RULE:
            rules.add(subject)
        elif kind is not FindingKind.ROLE:
            questions.add(subject)
    known_rules = {rule.id for rule in rubric.rules}
    return (
        frozenset(question for question in questions if not rubric.has_question(question)),
        frozenset(rule for rule in rules if rule not in known_rules),
    )


def _unlisted_since(rubric: Rubric, baseline: Snapshot, changed: frozenset[str]) -> frozenset[str]:
    """The questions ``changes`` does not list whose answers in the baseline (a JSON report, which
    records each answer's score) this rubric would score otherwise, or does not offer any more (an
    option renamed or removed). Only for a baseline made with another rubric file: the same file
    scores the same answer the same."""
    from civdata.scoring import score_answer

    if not baseline.answers or baseline.answer_scores is None or baseline.rubric_sha256 == rubric.sha256 != "":
        return frozenset()
    found: set[str] = set()
    for label, scores in baseline.answer_scores.items():
        answers = baseline.answers.get(label, {})
        for question_id, then in scores.items():
            brief = answers.get(question_id)
            if question_id in changed or question_id in found or brief is None or not rubric.has_question(question_id):
                continue
            question = rubric.question(question_id)
            chosen = brief.value if isinstance(brief.value, tuple) else (brief.value,)
            if question.options and any(question.option(value) is None for value in chosen):
                found.add(question_id)
                continue
            points = score_answer(question, brief.value)
            now = round(points / question.max_points, 6) if points is not None and question.max_points else None
            if now is None or abs(now - then) > 1e-6:
                found.add(question_id)
    return frozenset(found)


def _rubric_warnings(rubric: Rubric, baseline: Snapshot) -> list[Caution]:
    """That the rubric file is not the one the baseline was made with though both give one
    version: an edit made without a new version, whose scores the comparison cannot tell apart.
    And that the baseline's answers, made for an older PATCH version, were scored with this one:
    their findings carry its severities, so a severity a release since changed is not seen."""
    if baseline.scored_with:
        version, scored_with = baseline.rubric_version, baseline.scored_with
        return [
            Caution(
                f"the baseline's answers scored with rubric version {scored_with}",
                f"The baseline's answers were written for version {version} of the rubric and are scored here with "
                f"{scored_with}: their findings carry the severities of {scored_with}, so a finding whose severity "
                f"a release since {version} changed is not shown as more severe or milder, nor judged so by "
                "--fail-on-regression; to compare severities, give the JSON report written then as the baseline",
            )
        ]
    other_file = bool(baseline.rubric_sha256 and rubric.sha256 and baseline.rubric_sha256 != rubric.sha256)
    warnings = []
    if other_file and baseline.rubric_version == rubric.version:
        warnings.append(
            Caution(
                "another rubric file of the same version",
                f"{rubric.source or rubric.id} is not the rubric file the baseline was made with, though both are "
                f"version {rubric.version} (their SHA-256 differ): {EDITED_RUBRIC_ADVICE}",
            )
        )
    if other_file and baseline.answers is None:
        warnings.append(
            Caution(
                "a baseline without answers, made with another rubric file",
                "The baseline is a combined report written without --detail, made with another rubric file: it "
                "holds no answers, so an answer this rubric scores otherwise, or no longer offers, though its "
                "'changes' does not list the question, cannot be told from a change of answer; keep baselines "
                "written with --detail",
            )
        )
    return warnings


def _rescored(baseline: Snapshot) -> tuple[Caution, ...]:
    """That a JSON report's figures are not what its answers give (:mod:`civdata.baseline_check`)."""
    notes = (("the baseline not sealed", baseline.unsealed_note), ("the baseline scored again", baseline.rescored_note))
    return tuple(Caution(headline, note) for headline, note in notes if note)


#: What to do about a rubric edited without a new version: a baseline's warning and a history's.
EDITED_RUBRIC_ADVICE = (
    "if a question, option or score changed, the rubric needs a new MINOR version and a 'changes' entry, or these "
    "scores are compared as if nothing changed; a change of wording alone needs a new PATCH version"
)


def _version_sentence(rubric: Rubric, version: str, matcher: _Matcher) -> str:
    if matcher.unknown:
        return (
            f"the baseline used version {version} of the rubric and this report {rubric.version}, and the rubric "
            f"records no changes since {version}: no score, finding or answer can be matched, only the verdict"
        )
    unrecorded = set(matcher.unrecorded)
    questions = len(matcher.changed - unrecorded - set(matcher.unlisted))
    rules = len({rule_finding_id(rule) for rule in matcher.changed_rules} - unrecorded)
    changed = [plural(questions, "question")] if questions else []
    changed += [plural(rules, "rule")] if rules else []
    sentence = f"the baseline used version {version} of the rubric and this report {rubric.version}"
    if changed:
        sentence += (
            f"; {' and '.join(changed)} changed, were added or were removed since (the rubric's 'changes'), and what "
            "rests on them is not compared"
        )
    if matcher.unlisted:
        unlisted = _listed([f"'{question}'" for question in matcher.unlisted])
        sentence += (
            f"; this rubric scores the baseline's answers to {unlisted} otherwise, or no longer offers them, "
            "though its 'changes' does not list the question: what rests on them is not compared (list each "
            "question whose options or scores changed in 'changes')"
        )
    if matcher.unrecorded:
        fix = (
            "give the rubric a new MINOR version and record the removal in 'changes'"
            if version == rubric.version
            else "record it in 'changes'"
        )
        sentence += (
            f"; the baseline has {_listed(list(matcher.unrecorded))}, which this rubric does not have, though its "
            f"'changes' does not record their removal: what rests on them is not compared ({fix})"
        )
    return sentence


def _unrecorded(version: str) -> str:
    """Why nothing that rests on a question is compared: nothing says which questions changed."""
    return f"the rubric records no changes since version {version}"


def _skipped_sentence(subject: str, verb: str, matcher: _Matcher, version: str) -> str:
    """``subject`` (answers to 3 questions) is not compared, and why: its questions changed, or
    nothing says which did (then they are not said to have changed)."""
    if matcher.unknown:
        return f"{subject} {verb} not compared: {_unrecorded(version)}"
    return f"{subject} that changed since version {version} {verb} not compared"


#: The key of the one respondent of a report on one person, compared with the one of another.
_THE_ONE = "\x00the respondent"
#: The key of respondents who cannot be told apart (no name or organisation, or the same as
#: another's): their blanks are counted together, as they cannot be paired person by person.
_UNTOLD = "\x00untold"


@record
class _Sides:
    """The two reports as people: which respondent of one is which of the other, and what each
    left blank, so that nothing a blank answer changed is shown as a change anyone made.

    Every respondent has a key: the same on both sides for one person (their name, else their
    organisation, as :func:`_pair_respondents` pairs them; in a report on one person each, those
    two), :data:`_UNTOLD` for those who cannot be told apart, else one of their side alone."""

    rubric: Rubric
    baseline: Snapshot
    current: Snapshot
    then: Mapping[str, str]
    now: Mapping[str, str]
    #: Why the respondents cannot be matched person by person at all, when they cannot: only how
    #: many there are in each role is then compared (:attr:`unmatched`).
    unmatched_because: str | None = None

    @classmethod
    def of(cls, rubric: Rubric, baseline: Snapshot, current: Snapshot) -> _Sides:
        old, new = list(baseline.identities), list(current.identities)
        if len(old) == 1 and len(new) == 1:
            return cls(rubric, baseline, current, {old[0]: _THE_ONE}, {new[0]: _THE_ONE})
        then, now = _told_apart(old, new, baseline, current)
        because = _unmatched_because(baseline, current)
        if because is not None:
            # No one of one side can be told from another, nor matched with anyone of the other.
            # Each side's respondents of one role are counted together, as one: a finding raised
            # now by a role none of whose respondents raised it then is new, whoever gave names.
            then_by_role = {label: f"{_UNTOLD} {baseline.roles.get(label, '')}" for label in old}
            now_by_role = {label: f"{_UNTOLD} {current.roles.get(label, '')}" for label in new}
            return cls(rubric, baseline, current, then_by_role, now_by_role, because)
        keys_then = {label: _UNTOLD if label not in then.values() else f"then {label}" for label in old}
        keys_now = {label: _UNTOLD if label not in now.values() else f"now {label}" for label in new}
        for who, label in now.items():
            if who in then:
                keys_then[then[who]] = keys_now[label] = who
        return cls(rubric, baseline, current, keys_then, keys_now)

    def in_both(self, key: str) -> bool:
        return key in self.now.values() and key in self.then.values()

    def backwards(self) -> tuple[Backwards, ...]:
        """The respondents now whose answers are dated before those of the same person in the
        baseline (:class:`Backwards`): the same name, else organisation (:func:`_who`), even when
        it is given more than once on a side and so cannot be paired: a stale copy of someone's
        file beside their new one is the likeliest way for a person's older answers to come back,
        and its answers would count, raise "new" findings and fail a regression gate. Only dates
        before every answer of that person in the baseline: when the baseline has two answers of
        one name, a file between them may be either's. People who gave neither name nor
        organisation are no one person, and a report on one person each is dated as a whole (a
        baseline dated later is refused as such)."""
        then_who, now_who = (
            _who(self.baseline.identities, self.baseline.identities),
            _who(self.current.identities, self.current.identities),
        )
        earliest: dict[str, tuple[str, str]] = {}  # who -> (earliest date in the baseline, its label)
        for label, who in then_who.items():
            then_on = self.baseline.dates.get(label)
            if who is not None and then_on is not None and (who not in earliest or then_on < earliest[who][0]):
                earliest[who] = (then_on, label)
        found = []
        for label, who in now_who.items():
            on = self.current.dates.get(label)
            if who is None or on is None or who not in earliest or on >= earliest[who][0]:
                continue
            then_on, then_label = earliest[who]
            source = self.baseline.sources.get(then_label, "")
            found.append(Backwards(self.current.identities.get(label), label, on, then_on, source))
        return tuple(found)

    @property
    def unmatched(self) -> bool:
        """Whether the respondents cannot be matched person by person at all (the baseline names
        nobody, or one side gave no names), so only how many there are in each role can be compared."""
        return self.unmatched_because is not None

    def blanks(self, questions: Sequence[str], *, now: bool) -> Counter[tuple[str, str]] | None:
        """How many respondents in both reports left each of ``questions`` blank, by (key,
        question); None when the report does not say (it holds neither the answers nor, for a
        required question, a coverage of 100%)."""
        snapshot, keys = (self.current, self.now) if now else (self.baseline, self.then)
        required = {
            question
            for question in questions
            if self.rubric.has_question(question) and self.rubric.question(question).required
        }
        counts: Counter[tuple[str, str]] = Counter()
        for label, key in keys.items():
            if not self.in_both(key):
                continue
            for question in questions:
                blank = _left_blank(snapshot, label, question, question in required)
                if blank is None:
                    return None
                counts[(key, question)] += blank
        return counts

    def unasked(self, questions: Sequence[str], *, now: bool) -> Counter[tuple[str, str]]:
        """How many respondents in both reports were not asked each of ``questions`` (it did not
        apply to their role, or to their answers), by (key, question); none counted when the report
        does not hold the answers."""
        snapshot, keys = (self.current, self.now) if now else (self.baseline, self.then)
        counts: Counter[tuple[str, str]] = Counter()
        if snapshot.answers is None:
            return counts
        for label, key in keys.items():
            if self.in_both(key):
                for question in questions:
                    counts[(key, question)] += question not in snapshot.answers.get(label, {})
        return counts

    def blank_difference(self, questions: Sequence[str]) -> str | None:
        """Why scores resting on ``questions`` are not compared: some were answered on one side
        and left blank on the other (by the same respondents); None when the same were answered.

        A question left blank on one side that was not asked on the other (it did not apply to
        the respondent's role, or answers, then) was answered on neither: the scores are of the
        same answers, and compared. It kept them from being compared until an outside review
        (2026-11-28) showed what that cost: one respondent's role edited in one file (funder to
        partner, five questions asked now and left blank) took three areas and the overall score
        out of ``--fail-on-regression scores``, and hid another respondent's regression, which
        docs/progress.md says a role change must not do. Its blank lowers coverage now, which the
        report says and ``--min-coverage`` gates."""
        then, now = self.blanks(questions, now=False), self.blanks(questions, now=True)
        if then is None or now is None:
            return (
                "which of its questions were answered then cannot be told: the baseline report does not hold "
                "the answers (a combined report holds them only when written with --detail)"
            )
        unasked_then, unasked_now = self.unasked(questions, now=False), self.unasked(questions, now=True)
        found: dict[str, set[str]] = {"answered then and not now": set(), "answered now and not then": set()}
        for key, question in now - then:
            if unasked_then[(key, question)] <= unasked_now[(key, question)]:  # else not asked then
                found["answered then and not now"].add(question)
        for key, question in then - now:
            if unasked_now[(key, question)] <= unasked_then[(key, question)]:  # else not asked now
                found["answered now and not then"].add(question)
        return "; ".join(f"{_questions(len(ids))} {when}" for when, ids in found.items() if ids) or None

    def finding_reason(self, finding: FindingBrief, questions: Sequence[str], *, resolved: bool) -> str | None:
        """Why a finding raised on one side only is neither resolved (``resolved``: raised then)
        nor new (raised now), or None when it is: its respondents are on the other side too, and
        answered there the questions it rests on (:data:`FINDING_REASONS` by key)."""
        keys, other = (self.then, self.now) if resolved else (self.now, self.then)
        raisers = _raisers(finding, keys)
        if not raisers:
            return None  # a missing voice: it rests on who answered, which both reports say
        present = {keys[label] for label in raisers if self.in_both(keys[label])}
        side = "now" if resolved else "then"
        if not present:
            return f"absent {side}"
        if finding.on_blank and resolved:
            return "blank own then"  # a blank then is no progress now; raised on one now, it is new
        if len(present) < len(set(map(keys.get, raisers))):
            # Some who raised it (or, when who raised it cannot be told, some of the group) are on
            # this side only: the finding being gone, or new, may be only who answered.
            if finding_subject(finding.id)[0] is FindingKind.DIVERGENCE:
                return f"split {side}"
            if finding.raised_by is None:
                return f"untold {side}"
        # A rule raised now and not then was false then whatever its questions left blank were:
        # one that could hold on a blank is raised, as may hold (docs/scoring.md), so only the
        # answers given ruled it out, and a blank then is no reason to doubt that it is new.
        blanks_count = resolved or finding_subject(finding.id)[0] is not FindingKind.RULE
        for label, key in other.items():
            for question in questions if key in present else ():
                reason = self._unanswered(label, question, side, blanks=blanks_count)
                if reason is not None:
                    return reason
        return None

    def _unanswered(self, label: str, question: str, side: str, *, blanks: bool = True) -> str | None:
        """Why respondent ``label`` of the ``side`` the finding was not raised on did not answer
        ``question`` there (a key of :data:`FINDING_REASONS`), or None when they did, or were not
        asked it because of their answers (or left it blank, unless ``blanks``). Not asked there of
        the role they answered for there (the same person, lead then, community now, or the other
        way round) is not answered there: a finding resting on it is neither resolved nor new, as
        nobody said anything about it."""
        answered = self.current if side == "now" else self.baseline
        known = self.rubric.has_question(question)
        if known and not self.rubric.question(question).asked_of(answered.roles.get(label, "")):
            return f"unasked {side}"
        if not blanks:
            return None
        blank = _left_blank(answered, label, question, known and self.rubric.question(question).required)
        if blank is None:
            return "unknown then"
        return f"blank {side}" if blank else None

    def raised_by_one(self, before: FindingBrief, after: FindingBrief) -> bool:
        """Whether a respondent in both reports raised ``before`` then and ``after`` now, by their
        keys: one person where the reports say who raised each; where a report does not (a large
        group's names nobody), its whole side, and respondents who cannot be told apart (or, when
        nobody can be matched, each role's) together, as :meth:`finding_reason` takes them."""
        then = {self.then[label] for label in _raisers(before, self.then)}
        now = {self.now[label] for label in _raisers(after, self.now)}
        # A key of both sides is a respondent in both reports (:class:`_Sides`).
        return not then.isdisjoint(now)

    def role_changes(self) -> list[tuple[str, str, str, str]]:
        """(label then, label now, role then, role now) of each respondent in both reports, matched
        person by person, whose role is not the same: the same person answering for another role
        is asked other questions and weighs otherwise in a combined score, so the group is not
        the same one though nobody left. None when nobody can be matched (role by role, a change of
        role is a change in how many answered in each: :func:`_role_difference`)."""
        if self.unmatched:
            return []
        labels_now = {key: label for label, key in self.now.items() if not key.startswith(_UNTOLD)}
        changes = []
        for label, key in self.then.items():
            if key.startswith(_UNTOLD) or key not in labels_now:
                continue
            if key == _THE_ONE and not self._one_person():
                continue  # two people, compared as a report on one person each: no one changed role
            role_then = self.baseline.roles.get(label, "")
            role_now = self.current.roles.get(labels_now[key], "")
            if role_then != role_now:
                changes.append((label, labels_now[key], role_then, role_now))
        return changes

    def _one_person(self) -> bool:
        """In a report on one person each, whether those two are one person by name, else
        organisation (as :func:`_told_apart` tells people apart), not only the one of each report."""
        then, now = _told_apart(
            list(self.baseline.identities), list(self.current.identities), self.baseline, self.current
        )
        return any(who in then for who in now)

    def _another_person(self) -> tuple[str, ...] | None:
        """In a report on one person each, compared as one (:data:`_THE_ONE`), whether they are two
        people: told apart by name, else organisation, or answering for different roles. Then
        who each is (``Dana Okafor (Lead organisation) then and Priya Raman (Funder) now``; by role
        alone where this report names nobody); None when they may be one person. A baseline of
        another person is a likely mistake in a repository (the funder's file for the lead's), and
        what they answer differently is not what changed."""
        if set(self.then.values()) != {_THE_ONE} or self._one_person():
            return None
        (label_then,), (label_now,) = self.then, self.now
        role_then, role_now = self.baseline.roles.get(label_then, ""), self.current.roles.get(label_now, "")
        named_then = _who([label_then], self.baseline.identities)[label_then] is not None
        named_now = _who([label_now], self.current.identities)[label_now] is not None
        if role_then == role_now and not (named_then and named_now):
            return None
        roles = (self.rubric.role_label(role_then), self.rubric.role_label(role_now))
        if self.current.anonymized or self.counted:
            return (f"the respondent then answered as {roles[0]}, the one now as {roles[1]}",)
        return (f"{label_then} ({roles[0]}) then and {label_now} ({roles[1]}) now are not the same person",)

    def group_change(self) -> GroupChange:
        """How the group of respondents changed from the baseline to this report (:func:`group_change`)."""
        only_then = [label for label, key in self.then.items() if not key.startswith(_UNTOLD) and not self.in_both(key)]
        only_now = [label for label, key in self.now.items() if not key.startswith(_UNTOLD) and not self.in_both(key)]
        roles = _role_difference(self.rubric, self.baseline, self.current) if self.unmatched else []
        another = self._another_person()
        if another is not None:
            return GroupChange(1, 1, moved=another)
        return GroupChange(
            self.baseline.respondents,
            self.current.respondents,
            len(only_then),
            len(only_now),
            tuple(roles),
            _moved(self.rubric, self.role_changes(), named=self.named),
            self._perhaps_same(only_then, only_now) if self.named else (),
            _unmatched_because(
                self.baseline,
                self.current,
                then="the earlier report",
                now="the later report's",
                now_people="the later report's respondents",
            )
            or "",
        )

    @property
    def named(self) -> bool:
        """Whether the comparison may name people: neither a report by role only nor a large group's."""
        return not self.current.anonymized and not self.counted

    def _perhaps_same(self, only_then: Sequence[str], only_now: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """(label then, label now) for each respondent on one side only whose organisation and role
        are those of exactly one respondent on the other side only, and of no one else on theirs
        (:attr:`GroupChange.perhaps_same`). Someone who wrote "Marcus J. Bell" where they wrote
        "Marcus Bell" is two people to the comparison: a critical finding of theirs was "0 new",
        and a regression gate passed on it (an outside review)."""

        def places(snapshot: Snapshot, labels: Sequence[str]) -> dict[tuple[str, str], list[str]]:
            found: dict[tuple[str, str], list[str]] = {}
            for label in labels:
                organisation = name_key(snapshot.organisations.get(label))
                if organisation:
                    found.setdefault((snapshot.roles.get(label, ""), organisation), []).append(label)
            return found

        then_at, now_at = places(self.baseline, only_then), places(self.current, only_now)
        return tuple(
            (then_at[place][0], labels[0])
            for place, labels in now_at.items()
            if len(labels) == 1 and len(then_at.get(place, ())) == 1
        )

    @property
    def counted(self) -> bool:
        """Whether people are counted, never named: either report is a large group's."""
        return self.current.large or self.baseline.large

    def warnings(self) -> tuple[Caution, ...]:
        """Not the same group (as a history warns), or a baseline of the same day, or either side's
        answers undated: then which came first cannot be told."""
        found = []
        if self.unmatched:
            found.append(
                Caution(
                    "who is who cannot be told",
                    f"Who is who cannot be told: {self.unmatched_because}, so the baseline's respondents cannot be "
                    "matched with these person by person; findings are compared for each role's "
                    "respondents together (a finding is new when none of them raised it then), and their answers "
                    "are not compared",
                )
            )
        group = self.group_change()
        if not group.same:
            parts = [f"the baseline is on {_people(self.baseline)}, this report on {_people(self.current)}"]
            parts += group.differences(then="in the baseline", now="now")
            found.append(
                Caution(
                    "not the same group",
                    f"Not the same group: {', '.join(parts)}; scores and findings change with who answered, not "
                    "only with what changed",
                )
            )
        found += self._date_cautions()
        return tuple(found)

    def _date_cautions(self) -> list[Caution]:
        """Either side's answers undated, or both of the same day: which came first cannot be told."""
        if not self.baseline.answers_dated:
            made = f" (its report was generated on {self.baseline.assessed_on})" if self.baseline.assessed_on else ""
            return [
                Caution(
                    "the baseline's answers not dated",
                    f"The baseline's answers are not dated{made}: which came first cannot be told from the dates (if "
                    "it is the same assessment, nothing changed)",
                )
            ]
        if not self.current.answers_dated:
            # Undated answers are never refused as later than the baseline (civdata.baseline's
            # _later_problems): a baseline dated after them would be compared the wrong way round.
            dated = f" ({self.baseline.assessed_on})" if self.baseline.assessed_on else ""
            return [
                Caution(
                    "these answers not dated",
                    f"These answers are not dated, the baseline's are{dated}: which came first cannot be told from "
                    "the dates; add the date they were given to the answers (date: YYYY-MM-DD)",
                )
            ]
        if self.baseline.assessed_on and self.baseline.assessed_on == self.current.assessed_on:
            return [
                Caution(
                    "answers of the same day",
                    f"The baseline's answers are dated the same day as these ({self.current.assessed_on}): which "
                    "came first cannot be told from the dates (if it is the same assessment, nothing changed)",
                )
            ]
        return []


@record
class GroupChange:
    """How the respondents of two reports differ: how many each is on, how many of them are in one
    only (matched person by person as their answers are), and, when nobody can be matched, how
    many answered in each role. What both ``--baseline`` and a history warn of, so that they warn
    alike: the same headcount is not the same group when one person left and another came."""

    then: int
    now: int
    only_then: int = 0
    only_now: int = 0
    #: ``Funder: 1 then, 2 now`` per role, when the respondents cannot be matched one by one.
    roles: tuple[str, ...] = ()
    #: ``Marcus Bell was Community then and Partner organisation now``: respondents in both whose
    #: role changed (counted, not named, in a report by role only or a large group's).
    moved: tuple[str, ...] = ()
    #: (label then, label now) of someone only in the earlier report and someone only in the later
    #: one who gave the same organisation for the same role, the only two who did: likely one
    #: person who wrote their name otherwise (``Marcus Bell``, ``Marcus J. Bell``), and whose
    #: answers are not compared until it is written alike. Named reports only.
    perhaps_same: tuple[tuple[str, str], ...] = ()
    #: Why the respondents of the two reports cannot be matched person by person at all, worded
    #: for two reports of a history (:func:`_unmatched_because`); "" when they can.
    unmatched: str = ""

    @property
    def same(self) -> bool:
        return self.then == self.now and not (self.only_then or self.only_now or self.roles or self.moved)

    def differences(self, *, then: str, now: str) -> list[str]:
        """``1 respondent only in the baseline``, ``1 respondent only now``, ``by role: ...``: who is
        on one side only, the sides worded ``then`` and ``now``; not how many each report is on."""
        parts = [
            f"{plural(count, 'respondent')} only {where}"
            for count, where in ((self.only_then, then), (self.only_now, now))
            if count
        ]
        if self.roles:
            parts.append(f"by role: {'; '.join(self.roles)}")
        perhaps = [
            f"{label_now} {now} may be {label_then} {then} (the same organisation and role): if they are one "
            "person, write the name as it was written then, and their answers are compared"
            for label_then, label_now in self.perhaps_same
        ]
        return parts + list(self.moved) + perhaps


def _moved(rubric: Rubric, changes: Sequence[tuple[str, str, str, str]], *, named: bool) -> tuple[str, ...]:
    """``Marcus Bell was Community / data-subject representative then and Partner organisation
    now``, one per respondent whose role changed (:meth:`_Sides.role_changes`), by the label this
    report gives them; where the report names nobody, how many moved from one role to another."""
    if named:
        return tuple(
            f"{label} was {rubric.role_label(then)} then and {rubric.role_label(now)} now"
            for _, label, then, now in changes
        )
    counts = Counter((then, now) for _, _, then, now in changes)
    return tuple(
        f"{plural(count, 'respondent')} {verb(count, 'was', 'were')} {rubric.role_label(then)} then and "
        f"{rubric.role_label(now)} now"
        for (then, now), count in counts.items()
    )


def group_change(rubric: Rubric, earlier: Snapshot, later: Snapshot) -> GroupChange:
    """How the group of respondents changed from ``earlier`` to ``later``: the one comparison of
    groups that a baseline's warning and a history's make."""
    return _Sides.of(rubric, earlier, later).group_change()


def _role_difference(rubric: Rubric, baseline: Snapshot, current: Snapshot) -> list[str]:
    """``Funder: 1 then, 2 now`` for each role not answered by as many respondents then and now,
    roles in the rubric's order: what tells that a group changed when its people cannot be matched
    one by one (:attr:`_Sides.unmatched`)."""
    then, now = _by_role(rubric, list(baseline.roles), baseline), _by_role(rubric, list(current.roles), current)
    counts_then, counts_now = dict(then), dict(now)
    roles = dict.fromkeys(role for role, _ in rubric.in_role_order((*then, *now)))
    return [
        f"{rubric.role_label(role)}: {counts_then.get(role, 0)} then, {counts_now.get(role, 0)} now"
        for role in roles
        if counts_then.get(role, 0) != counts_now.get(role, 0)
    ]


#: Why a finding raised on one side only is neither resolved nor new, by the key
#: :meth:`_Sides.finding_reason` gives; each follows "3 findings", its ``{be}`` the verb that agrees.
FINDING_REASONS = {
    "blank now": "raised then, whose question was left blank now, {be} not counted as resolved",
    "unasked now": "raised then, resting on questions not asked now of the role their respondents answer for now, "
    "{be} not counted as resolved",
    "blank own then": "raised then only on questions left blank then (a blank could be any answer) {be} not counted "
    "as resolved",
    "absent now": "raised then only by respondents not in this assessment {be} not counted as resolved",
    "split now": "raised then as a disagreement among respondents not all in this assessment {be} not counted as "
    "resolved",
    "untold now": "raised then {be} not counted as resolved: the baseline report does not say who raised them (a "
    "large group's report names nobody), and not all its respondents are in this assessment",
    "blank then": "raised now, whose question was left blank then, {be} not counted as new",
    "unasked then": "raised now, resting on questions not asked then of the role their respondents answered for then, "
    "{be} not counted as new",
    "absent then": "raised now only by respondents not in the baseline {be} not counted as new",
    "split then": "raised now as a disagreement among respondents not all in the baseline {be} not counted as new",
    "untold then": "raised now {be} not counted as new: this report does not say who raised them (a large group's "
    "report names nobody), and not all its respondents were in the baseline",
    "unknown then": "raised now {be} not counted as new: the baseline report does not hold the answers (a combined "
    "report holds them only when written with --detail), so whether their question was answered then cannot be "
    "told",
}


def _raisers(finding: FindingBrief, keys: Mapping[str, str]) -> list[str]:
    """The labels (of the side ``keys`` are of) of the respondents who raised ``finding``: those it
    names, or everyone on that side when the report does not say (:attr:`FindingBrief.raised_by`)."""
    return list(keys) if finding.raised_by is None else [label for label in finding.raised_by if label in keys]


def _replacements(
    matcher: _Matcher,
    sides: _Sides,
    resolved: Sequence[FindingBrief],
    new: Sequence[FindingBrief],
    still_open: Sequence[FindingBrief],
) -> tuple[FindingReplacement, ...]:
    """Each finding of ``resolved`` (raised then and not now) paired with each finding raised now
    (``new`` or ``still_open``) in its place: a matter that changed form is not gone, and a board
    reading "1 resolved" would be told that it is.

    ``after`` is raised in place of ``before`` when

    * both are raised by answers to one question that one respondent could not give together
      (:meth:`_Matcher.replaces`): a question of one answer (a yes/no, a choice, a scale, a number),
      or of several where one of the two options is exclusive. Two options that can be ticked
      together are two matters: one going and another coming is one resolved, one new;
    * a respondent who raised ``before`` then raises ``after`` now (:meth:`_Sides.raised_by_one`):
      where the reports say who raised each, the same person; one person's finding resolved while
      another's is new on the same question is just that.

    A rule's finding is never replaced and never replaces one: it rests on several answers together
    and may go because of any of them (nobody is said to be at risk now, or a threat model now
    exists), so another finding of one of its questions does not tell that its matter is still
    there; for a rule, resolved means that its combination no longer holds. Nor is a disagreement,
    which is about respondents differing, or a missing voice. A finding a rule's finding states in
    its context (:attr:`Snapshot.covered`) is a question's finding like any other: "not considered"
    then, stated in a critical rule, and "discussed" now is replaced, not resolved. Only findings compared with the
    baseline's are paired (``resolved``, ``new`` and ``still_open`` are those), so a finding gone
    because its question was left blank, or its respondent left, is never said to be replaced."""
    by_question: dict[tuple[FindingKind, str], list[FindingBrief]] = {}
    for finding in (*new, *still_open):
        by_question.setdefault(finding_subject(finding.id), []).append(finding)
    fresh = {finding.id for finding in new}
    return tuple(
        FindingReplacement(before, after, after.id in fresh)
        for before in resolved
        for after in by_question.get(finding_subject(before.id), ())
        if matcher.replaces(before.id, after.id) and sides.raised_by_one(before, after)
    )


def _severity_changes(
    matcher: _Matcher, sides: _Sides, still_open: Sequence[FindingBrief]
) -> tuple[tuple[SeverityChange, ...], dict[str, str]]:
    """The findings of ``still_open`` whose severity then (as the baseline listed them) is not their
    severity now, and, kept out of them, finding id -> why one cannot be said to have changed (a
    key of :data:`SEVERITY_REASONS`).

    A disagreement's severity changes with who answered as much as with what they answered: a
    newcomer whose answer is far from the others' widens it, and in a large group every change of
    who answered moves its spread. So a change counts only when it rests on the same people's
    answers, by the rules a finding is new or resolved by (:meth:`_Sides.finding_reason`, on both
    sides): everyone behind it then and now is in both reports, and answered its question on
    both; else it is "not compared", as a disagreement among respondents not all in the baseline
    is not new. A finding only stated in a rule's context then has no severity of its own there."""
    then = {finding.id: finding for finding in sides.baseline.findings}
    changes, unrated = [], {}
    for finding in still_open:
        before = then.get(finding.id)
        if before is None or before.severity is finding.severity:
            continue
        questions = matcher.questions_of_finding(finding.id) or ()
        reason = sides.finding_reason(before, questions, resolved=True) or sides.finding_reason(
            finding, questions, resolved=False
        )
        if reason is None:
            changes.append(SeverityChange(before, finding))
        else:
            unrated[finding.id] = reason.split()[0]
    return tuple(changes), unrated


#: A finding raised by people not all in both reports (or, where a report names nobody, while not
#: all its respondents are): its severity changed with who answered.
_OTHER_PEOPLE = (
    ", raised by respondents not all in both assessments, {be} not counted as more severe or milder (a "
    "disagreement's severity changes with who answered)"
)
#: Why a finding whose severity changed is not said to be more severe or milder, by the first word
#: of the key :meth:`_Sides.finding_reason` gives; each follows "1 finding whose severity changed".
SEVERITY_REASONS = {
    "blank": ", and whose question a respondent in both assessments left blank then or now, {be} not counted as "
    "more severe or milder",
    "unasked": ", and whose question was not asked then, or is not asked now, of the role a respondent in both "
    "assessments answered for, {be} not counted as more severe or milder",
    "absent": _OTHER_PEOPLE,
    "split": _OTHER_PEOPLE,
    "untold": _OTHER_PEOPLE,
    "unknown": " {be} not counted as more severe or milder: the baseline report does not hold the answers (a "
    "combined report holds them only when written with --detail), so whether their question was answered then "
    "cannot be told",
}


def _unrated_sentences(unrated: Mapping[str, str]) -> list[str]:
    """One sentence per reason (:data:`SEVERITY_REASONS`), listing the findings it keeps out of
    those whose severity changed."""
    by_text: dict[str, list[str]] = {}
    for finding, reason in unrated.items():
        by_text.setdefault(SEVERITY_REASONS[reason], []).append(finding)
    return [
        f"{plural(len(ids), 'finding')} whose severity changed{text.format(be=verb(len(ids), 'is', 'are'))}: "
        f"{_listed(ids)}"
        for text, ids in by_text.items()
    ]


def _untold_findings(
    matcher: _Matcher, sides: _Sides, resolved: Sequence[FindingBrief], new: Sequence[FindingBrief]
) -> dict[str, str]:
    """Finding id -> why it is neither resolved nor new (a key of :data:`FINDING_REASONS`): a
    blank answer, or a respondent on one side only, is not something anyone did about it."""
    untold = {}
    for findings, was_raised_then in ((resolved, True), (new, False)):
        for finding in findings:
            questions = matcher.questions_of_finding(finding.id) or ()
            reason = sides.finding_reason(finding, questions, resolved=was_raised_then)
            if reason is not None:
                untold[finding.id] = reason
    return untold


def _untold_sentences(untold: Mapping[str, str], baseline: Snapshot, current: Snapshot) -> list[str]:
    """One sentence per reason, listing the findings it keeps out of resolved and new. Those among
    them that their report states inside a rule's finding, not on their own, are counted apart: a
    board comparing "80 findings raised then" with the 53 the baseline lists is told where the
    other 27 are."""
    stated = {side: {f.id for f in snapshot.covered} for side, snapshot in (("then", baseline), ("now", current))}
    sentences = []
    for reason, text in FINDING_REASONS.items():
        ids = [finding for finding, why in untold.items() if why == reason]
        if ids:
            inside = sum(1 for finding in ids if finding in stated["then" if text.startswith("raised then") else "now"])
            of_them = f" ({inside} of them stated inside a rule's finding)" if inside else ""
            be = verb(len(ids), "is", "are")
            sentences.append(f"{plural(len(ids), 'finding')}{of_them} {text.format(be=be)}: {_listed(ids)}")
    return sentences


def _listed(ids: Sequence[str]) -> str:
    """Ids, the first ten, then how many more."""
    return first_listed(ids, 10)


def _people(snapshot: Snapshot) -> str:
    """``one respondent`` or ``3 respondents``: whom a report is on, as a history says it."""
    return respondents(snapshot.respondents)


def _questions(count: int) -> str:
    return plural(count, "question")


def _left_blank(snapshot: Snapshot, label: str, question_id: str, required: bool) -> int | None:
    """1 when the respondent left the question blank, 0 when they answered it or were not asked
    it; None when the report does not say: without the answers, only a coverage of 100% says
    that no required question was left blank."""
    if snapshot.answers is not None:
        answer = snapshot.answers.get(label, {}).get(question_id)
        return int(answer is not None and answer.value is None)
    if required and snapshot.coverages.get(label) == 100.0:
        return 0
    return None


#: Why an area's score is not compared when the rubric did not change: it had none, then or now.
NO_SCORE = "no answer counted in it"
#: Why no score is compared on a checklist rubric.
CHECKLIST = "the rubric is a checklist: nothing is scored"


def _trend(before: float | None, after: float | None, direction: Direction) -> Trend:
    if before is None or after is None:
        return Trend.NOT_COMPARED
    change = round(after - before, 1)
    if change == 0:
        return Trend.SAME
    better = change > 0 if direction is Direction.READINESS else change < 0
    return Trend.BETTER if better else Trend.WORSE


def _area_change(rubric: Rubric, matcher: _Matcher, sides: _Sides, area_id: str) -> ScoreChange:
    area = rubric.area(area_id)
    baseline, current = sides.baseline, sides.current
    before, after = baseline.areas.get(area_id), current.areas.get(area_id)
    reason = _version_reason(rubric, matcher, baseline, area_id)
    if reason is not None:
        return ScoreChange(area_id, area.title, before, after, Trend.NOT_COMPARED, reason, by_rubric=True)
    scored = [question.id for question in area.questions if question.scored]
    # A question answered on one side only: the two scores are not of the same answers.
    reason = sides.blank_difference(scored)
    if reason is None and (before is None or after is None):
        reason = f"{NO_SCORE} " + ("then" if before is None else "now")
    if reason is not None:
        return _blanks_change(area_id, area.title, before, after, reason, area.direction, sides)
    return ScoreChange(area_id, area.title, before, after, _trend(before, after, area.direction))


def _blanks_change(
    score_id: str,
    title: str,
    before: float | None,
    after: float | None,
    reason: str,
    direction: Direction,
    sides: _Sides,
    blanks: str | None = None,
) -> ScoreChange:
    """A score whose questions were not answered alike then and now (``reason``, or ``blanks``
    when that says which): worse or better when the ranges its blanks leave open do not meet,
    else not compared."""
    compared = before is not None and after is not None and not reason.startswith(NO_SCORE)
    despite = _beyond_blanks(sides, score_id, blanks or reason) if compared else None
    trend = Trend.NOT_COMPARED if despite is None else _range_trend(despite, direction)
    if trend is Trend.NOT_COMPARED:
        return ScoreChange(score_id, title, before, after, Trend.NOT_COMPARED, reason)
    return ScoreChange(score_id, title, before, after, trend, despite_blanks=despite)


def _beyond_blanks(sides: _Sides, score_id: str, blanks: str) -> DespiteBlanks | None:
    """The ranges a score's blanks leave open then and now, when both reports say them."""
    then, now = sides.baseline.ranges, sides.current.ranges
    if then is None or now is None or score_id not in then or score_id not in now:
        return None
    return DespiteBlanks(blanks, then[score_id], now[score_id])


def _range_trend(despite: DespiteBlanks, direction: Direction) -> Trend:
    """WORSE when every score the blanks leave open now is worse than every one they left open
    then, BETTER when every one is better, else NOT_COMPARED: the blanks could account for it."""
    (low_then, high_then), (low_now, high_now) = despite.before, despite.after
    if high_now < low_then:
        return Trend.WORSE if direction is Direction.READINESS else Trend.BETTER
    if low_now > high_then:
        return Trend.BETTER if direction is Direction.READINESS else Trend.WORSE
    return Trend.NOT_COMPARED


def _version_reason(rubric: Rubric, matcher: _Matcher, baseline: Snapshot, area_id: str) -> str | None:
    """Why an area's scores cannot be compared across rubric versions; None when they can."""
    if not rubric.scored:
        return CHECKLIST
    if area_id not in baseline.areas:
        return f"not in the rubric version {baseline.rubric_version} the baseline used"
    if matcher.same_questions:
        return None
    if matcher.unknown:
        return _unrecorded(baseline.rubric_version)
    now = [question.id for question in rubric.area(area_id).questions]
    changed = [question_id for question_id in now if question_id in matcher.changed]
    if changed:
        return f"{len(changed)} of its questions changed since version {baseline.rubric_version}"
    removed = sorted(question_id for question_id in matcher.changed if not rubric.has_question(question_id))
    if baseline.area_questions is not None:
        # The baseline records where each question was: only the areas that had one are touched.
        # One that changed and is in another area now was scored here then, so it counts here too.
        gone = [question_id for question_id in baseline.area_questions.get(area_id, ()) if question_id in removed]
        moved = [
            question_id
            for question_id in baseline.area_questions.get(area_id, ())
            if question_id in matcher.changed and question_id not in now and question_id not in removed
        ]
        return _gone_reason(gone, moved, baseline.rubric_version, same=baseline.rubric_version == rubric.version)
    if removed:
        if baseline.rubric_version == rubric.version:
            return "questions the baseline had are not in this rubric, perhaps from this area"
        return f"questions were removed since version {baseline.rubric_version}, perhaps from this area"
    return None


def _gone_reason(gone: Sequence[str], moved: Sequence[str], version: str, *, same: bool) -> str | None:
    """Why an area is not compared when questions it had then are gone from it (``gone``: not in
    this rubric; ``moved``: changed, and in another area now), as the baseline records; None when none is."""
    parts = []
    if gone:
        where = (
            f"{verb(len(gone), 'is', 'are')} not in this rubric"
            if same
            else f"{verb(len(gone), 'was', 'were')} removed since version {version}"
        )
        parts.append(f"{_listed(gone)}, {verb(len(gone), 'a question', 'questions')} it had then, {where}")
    if moved:
        parts.append(
            f"{_listed(list(moved))}, {verb(len(moved), 'a question', 'questions')} it had then, changed since "
            f"version {version} and {verb(len(moved), 'is', 'are')} in another area now"
        )
    return "; ".join(parts) or None


def _overall_change(
    rubric: Rubric, baseline: Snapshot, current: Snapshot, areas: tuple[ScoreChange, ...], sides: _Sides
) -> ScoreChange:
    before, after = baseline.overall, current.overall
    if not rubric.scored:
        return ScoreChange(OVERALL_ID, "Overall", before, after, Trend.NOT_COMPARED, CHECKLIST)
    # An area scored on one side only changes which areas the overall score averages, so the two
    # overall scores no longer measure the same thing; one blank on both sides changes nothing.
    # An area of weight 0 is reported but not in the overall score: it changes nothing there.
    counted = [item for item in areas if rubric.area(item.id).weight > 0]
    uncompared = [
        item
        for item in counted
        if item.reason is not None
        and (not item.reason.startswith(NO_SCORE) or (item.before is None) != (item.after is None))
    ]
    # Questions answered on one side only: the overall scores are not of the same answers either,
    # though the ranges their blanks leave open may still tell which way it went.
    blanks = [item for item in counted if item.blank_difference is not None]
    reason = f"{plural(len(uncompared), 'area')} could not be compared" if uncompared else None
    if blanks and all(item.blank_difference is not None for item in uncompared):
        which = "; ".join(f"{item.title}: {item.blank_difference}" for item in blanks)
        return _blanks_change(OVERALL_ID, "Overall", before, after, reason or which, rubric.direction, sides, which)
    if reason is not None:
        return ScoreChange(OVERALL_ID, "Overall", before, after, Trend.NOT_COMPARED, reason)
    if before is None or after is None:
        return ScoreChange(OVERALL_ID, "Overall", before, after, Trend.NOT_COMPARED, "no answer could be scored")
    return ScoreChange(OVERALL_ID, "Overall", before, after, _trend(before, after, rubric.direction))


def _reweighed(rubric: Rubric, baseline: Snapshot) -> str:
    """The areas of the overall score that this rubric weighs otherwise than the baseline's did
    ("Power 1 then, 3 now"); "" when none, or when the baseline does not say. The same area
    scores then make another overall score: a change of weight alone read as the team's progress
    or fall, and failed --fail-on-regression scores (the review of a rubric kept over two years)."""
    if baseline.area_weights is None or baseline.rubric_sha256 == rubric.sha256 != "":
        return ""
    changed = [
        f"{area.title} {_weight(then)} then, {_weight(area.weight)} now"
        for area in rubric.areas
        if (then := baseline.area_weights.get(area.id)) is not None and then != area.weight
    ]
    return "; ".join(changed)


def _weight(weight: float) -> str:
    return f"{weight:g}"


def _verdict_not_compared(rubric: Rubric, baseline: Snapshot, reweighed: str) -> str | None:
    """Why the verdicts are not compared, or None when they are: the overall score they rest on
    weighs the areas otherwise now, or this rubric's verdict bands give the baseline's own figures
    another verdict than it was given (the bands changed since). A rubric made with the same file
    as the baseline's changed nothing; a band that tests answers cannot be judged again from a
    report's figures, and is left to compare as before."""
    from civdata.scoring import choose_verdict

    if reweighed:
        return (
            "The verdicts are not compared: the overall score they rest on weighs the areas otherwise now "
            f"({reweighed})"
        )
    if baseline.rubric_sha256 == rubric.sha256 != "" or baseline.coverage is None:
        return None
    if any(verdict.when is not None for verdict in rubric.verdicts):
        return None
    known = {verdict.id for verdict in rubric.verdicts}
    if baseline.verdict_id not in known:
        return None  # a verdict this rubric does not have: not compared already (_verdict_trend)
    severities = [finding.severity for finding in baseline.findings]
    worst = max(severities, key=lambda severity: severity.rank) if severities else None
    possible = baseline.ranges.get(OVERALL_ID) if baseline.ranges else None
    again = choose_verdict(rubric, baseline.overall, worst, baseline.coverage, None, possible)
    if again.id == baseline.verdict_id:
        return None
    then = rubric.verdict_label(baseline.verdict_id, baseline.verdict_label)
    return (
        f"The verdicts are not compared: this rubric's verdict bands give the baseline's own figures “{again.label}”, "
        f"not the “{then}” it was given, so the bands changed since version {baseline.rubric_version}"
    )


def _verdict_trend(rubric: Rubric, before: str, after: str) -> Trend:
    ids = [verdict.id for verdict in rubric.verdicts]
    if before not in ids or after not in ids:
        return Trend.NOT_COMPARED
    if before == after:
        return Trend.SAME
    return Trend.BETTER if rubric.verdict_rank(after) < rubric.verdict_rank(before) else Trend.WORSE


def _finding_changes(
    matcher: _Matcher, baseline: Snapshot, current: Snapshot
) -> tuple[tuple[FindingBrief, ...], tuple[FindingBrief, ...], tuple[FindingBrief, ...], set[str]]:
    """Resolved, new and still open, and the ids of the findings not compared (the rubric changed).
    A finding a rule's finding states in context (:attr:`Snapshot.covered`) is raised as much as
    one listed on its own: one raised now and not then is new, and ``--fail-on-regression`` judges
    it, though the report shows it inside a rule's finding that was already open; one raised then
    and not now is resolved unless another is raised in its place (:func:`_replacements`).

    Still open are the findings listed now that were raised then (listed or stated in context),
    and those listed then that are raised now without being listed (stated in a rule's context,
    or a missing voice that a report on one person names among the roles not heard from): every
    finding either report lists is in one count (:attr:`Progress.stated_now` and
    :attr:`Progress.stated_then` say which moved into or out of a rule's finding). One stated in
    context both times is part of its rule's finding both times and not counted on its own, but
    it is raised all the same, which :func:`_replacements` must see (:func:`_covered_open`)."""
    before, after = baseline.present, current.present
    resolved = [
        f for f in (*baseline.findings, *baseline.covered) if f.id not in after and matcher.finding_comparable(f.id)
    ]
    new = [f for f in (*current.findings, *current.covered) if f.id not in before and matcher.finding_comparable(f.id)]
    still_open = [f for f in current.findings if f.id in before and matcher.finding_comparable(f.id)]
    # Listed then and raised now without being listed: stated in a rule's context, or (a report on
    # one person after one on several) a missing voice said among the roles not heard from.
    counted, covered_now = {f.id for f in still_open}, {f.id: f for f in current.covered}
    still_open += [
        covered_now.get(f.id, f)
        for f in baseline.findings
        if f.id in after and f.id not in counted and matcher.finding_comparable(f.id)
    ]
    raised = (*baseline.findings, *baseline.covered, *current.findings, *current.covered)
    skipped = {f.id for f in raised if not matcher.finding_comparable(f.id)}
    return tuple(resolved), tuple(new), tuple(still_open), skipped


def _stated_only(findings: Sequence[FindingBrief], snapshot: Snapshot) -> tuple[str, ...]:
    """The ids of ``findings`` that ``snapshot`` does not list and states in a rule's context only."""
    listed, covered = snapshot.listed, {finding.id for finding in snapshot.covered}
    return tuple(finding.id for finding in findings if finding.id in covered and finding.id not in listed)


def _covered_open(matcher: _Matcher, baseline: Snapshot, current: Snapshot) -> tuple[FindingBrief, ...]:
    """The findings a rule's finding states in context now that were raised then too: not listed
    as still open, but raised in place of another as much as one listed on its own."""
    before = baseline.present
    return tuple(f for f in current.covered if f.id in before and matcher.finding_comparable(f.id))


def _answers_comparable(sides: _Sides, not_compared: list[str]) -> bool:
    """Whether anyone's answers can be compared at all; when not, why is added to ``not_compared``.
    One decision, which every format's count of changed answers follows (:attr:`Progress.answers_compared`)."""
    baseline, current = sides.baseline, sides.current
    if baseline.answers is None:
        not_compared.append(
            "answers are not compared: the baseline report does not hold them (a combined report holds every "
            "answer only when written with --detail; or give the answers files of that time as the baseline)"
        )
        return False
    if current.answers is None:
        return False
    single = len(baseline.answers) == 1 and len(current.answers) == 1
    if not single and current.anonymized:  # a baseline written so alone is said below, as such
        not_compared.append(
            "answers are not compared: in a report by role only (--anonymize), a label such as 'Funder 1' does "
            "not say which person it is, so the same label then and now may be two different people"
        )
        return False
    if not single and sides.unmatched:
        not_compared.append(f"answers are not compared: {sides.unmatched_because}, so nobody's answers can be paired")
        return False
    return True


def _answer_changes(
    rubric: Rubric, matcher: _Matcher, sides: _Sides, not_compared: list[str]
) -> tuple[tuple[AnswerChange, ...], tuple[str, ...]]:
    """The answers that changed, and the labels (this report's) of the respondents whose answers
    were compared: those in both reports, what a large group's counts are out of (only once
    :func:`_answers_comparable` said that answers can be compared)."""
    baseline, current = sides.baseline, sides.current
    single = len(baseline.answers or {}) == 1 and len(current.answers or {}) == 1
    pairs = _pair_respondents(rubric, baseline, current, not_compared)
    order = rubric.asking_order
    changes: list[AnswerChange] = []
    skipped: set[str] = set()
    for label, old, new in pairs:
        for question_id in sorted(set(old) | set(new), key=lambda qid: (order.get(qid, len(order)), qid)):
            if not matcher.question_comparable(question_id) or not rubric.has_question(question_id):
                skipped.add(question_id)
                continue
            was, now = old.get(question_id), new.get(question_id)
            if _same(was, now):
                continue
            title = rubric.question(question_id).title
            changes.append(AnswerChange(None if single else label, question_id, title, was, now))
    if skipped:
        answers = f"answers to {plural(len(skipped), 'question')}"
        not_compared.append(_skipped_sentence(answers, "are", matcher, baseline.rubric_version))
    return tuple(changes), tuple(label for label, _, _ in pairs)


def _worse_answers(rubric: Rubric, changes: Sequence[AnswerChange]) -> tuple[WorseAnswer, ...]:
    """The changed answers (of the same respondent, both given) whose own finding is more severe
    than the one the answer then raised (:class:`WorseAnswer`). A blank is neither: a blank now is
    no progress and no change anyone made (the findings it raises are compared as findings)."""
    from civdata.scoring import answer_findings

    worse = []
    for change in changes:
        if change.before is None or change.after is None or change.before.value is None or change.after.value is None:
            continue
        question = rubric.question(change.question_id)
        now = _worst(answer_findings(question, change.after.value))
        if now is None:
            continue
        then = _worst(answer_findings(question, change.before.value))
        if then is None or now.severity.rank > then.severity.rank:
            worse.append(WorseAnswer(change, now.id, now.title, now.severity, then.severity if then else None))
    return tuple(worse)


def _worst(findings: Sequence[Finding]) -> Finding | None:
    """The most severe of ``findings`` (the first among equals), None when there is none."""
    return max(findings, key=lambda finding: finding.severity.rank, default=None)


def _counted_changes(rubric: Rubric, current: Snapshot, changes: Sequence[AnswerChange]) -> tuple[AnswerCount, ...]:
    """A large group's changed answers (:func:`_answer_changes`), counted: one per question and
    answer then and now, with how many respondents made that change, per role (docs/multi-respondent.md,
    "Large groups": distributions, not lists of people, and notes only in the JSON report's
    ``--detail``). Questions in the order asked, the change made by the most people first."""
    grouped: dict[tuple[str, Any, Any], list[AnswerChange]] = {}
    for change in changes:
        grouped.setdefault((change.question_id, _shown(change.before), _shown(change.after)), []).append(change)
    order = rubric.asking_order
    counted = []
    for same in grouped.values():
        first = same[0]
        by_role = _by_role(rubric, [change.respondent or "" for change in same], current)
        counted.append(
            AnswerCount(
                first.question_id, first.title, _unnoted(first.before), _unnoted(first.after), len(same), by_role
            )
        )
    counted.sort(key=lambda item: (order.get(item.question_id, len(order)), item.question_id, -item.count))
    return tuple(counted)


def _shown(brief: AnswerBrief | None) -> tuple[str, str | None] | None:
    """An answer as a count groups it: by its value and its words, never by its note (a value from
    a file is compared by its ``repr``, so that no value, however odd, fails to be grouped)."""
    return None if brief is None else (repr(brief.value), brief.text)


def _unnoted(brief: AnswerBrief | None) -> AnswerBrief | None:
    return None if brief is None else AnswerBrief(brief.value, brief.text, None)


def _same(was: AnswerBrief | None, now: AnswerBrief | None) -> bool:
    was_value, now_value = (was.value if was else None), (now.value if now else None)
    return was_value == now_value and (was.note if was else None) == (now.note if now else None)


def _pair_respondents(
    rubric: Rubric, baseline: Snapshot, current: Snapshot, not_compared: list[str]
) -> list[tuple[str, Mapping[str, AnswerBrief], Mapping[str, AnswerBrief]]]:
    """The respondents of both reports who are the same person, with the label this report gives
    them (a report on one person each: those two).

    People are matched by who they are, their name else their organisation (compared as
    :func:`civdata.initiatives.name_key` compares names), never by their label:
    someone who gave neither is labelled by role and place ("Lead 1"), and once one of three such
    leads leaves, "Lead 1" is another person. Those who cannot be told apart (neither given, or the
    same as another respondent's, then or now) are listed as not compared person by person; those in
    one report only are named, unless this report shows people by role only (then counted) or is a
    large group's (then counted per role: it names nobody outside its list of respondents, and
    someone only in the baseline is not even in that list)."""
    old, new = baseline.answers or {}, current.answers or {}
    if len(old) == 1 and len(new) == 1:
        (only, was), (_, is_now) = next(iter(old.items())), next(iter(new.items()))
        return [(only, was, is_now)]
    then, now = _told_apart(old, new, baseline, current)
    # Counted where either report is a large group's: someone only in a large baseline was never
    # named by it, and is in no list of respondents of this report.
    counted = current.large or baseline.large
    named = not current.anonymized and not counted
    only_then = [label for who, label in then.items() if who not in now]
    only_now = [label for who, label in now.items() if who not in then]
    unlike = (
        _look_alikes(
            {label: baseline.identities.get(label) or "" for label in only_then},
            {label: current.identities.get(label) or "" for label in only_now},
        )
        if named
        else {}
    )
    sides = ((only_then, baseline, "only in the baseline"), (only_now, current, "new since the baseline"))
    for people, snapshot, where in sides:
        if not people:
            continue
        listed = ", ".join(f"{label}{unlike.get(label, '')}" for label in people) if named else f"{len(people)}"
        if counted:
            listed = _counted_people(rubric, people, snapshot)
        not_compared.append(f"answers of respondents {where} are not compared: {listed}")
    untold_then = [label for label in old if label not in then.values()]
    untold_now = [label for label in new if label not in now.values()]
    if untold_then or untold_now:
        not_compared.append(_untold_sentence(untold_then, untold_now, named=named))
    return [(label, old[then[who]], new[label]) for who, label in now.items() if who in then]


def _counted_people(rubric: Rubric, labels: Sequence[str], snapshot: Snapshot) -> str:
    """``2 respondents (Funder: 1; Partner organisation: 1)``: how many of ``labels`` (respondents of
    ``snapshot``) there are in each role. Not "of" how many: the people counted are on one side of
    the comparison, and the roles' sizes on the other would not be theirs."""
    return respondents_per_role(rubric, _by_role(rubric, labels, snapshot))


def _by_role(rubric: Rubric, labels: Sequence[str], snapshot: Snapshot) -> tuple[tuple[str, int], ...]:
    """(role id, how many of ``labels``, respondents of ``snapshot``), roles in the rubric's order
    (:meth:`Rubric.in_role_order`), roles with none left out."""
    return tuple(rubric.in_role_order(Counter(snapshot.roles.get(label, "") for label in labels).items()))


def _unmatched_because(
    baseline: Snapshot,
    current: Snapshot,
    *,
    then: str = "the baseline",
    now: str = "these",
    now_people: str = "these respondents",
) -> str | None:
    """Why the respondents of two reports on several people cannot be matched person by person at
    all; None when some can (people who share a name are another matter: :func:`_told_apart`).

    One side whose respondents all gave no name or organisation (an export imported with
    ``--anonymize``, a workshop where names were left out) and another whose respondents gave
    theirs: every one of them would be "only in the baseline" or "only now", and a finding raised
    now would be new by nobody, so never counted, and a gate on new findings would pass. ``then``,
    ``now`` and ``now_people`` name the two sides (a history says "the earlier report", "the later
    report's" and "the later report's respondents")."""
    if baseline.anonymized:
        return f"{then} names nobody (it was written with --anonymize)"
    named_then = any(_who(baseline.identities, baseline.identities).values())
    named_now = any(_who(current.identities, current.identities).values())
    if named_now and not named_then:
        return f"{then}'s respondents gave no name or organisation, and {now} did"
    if named_then and not named_now:
        return f"{now_people} gave no name or organisation, and {then}'s did"
    return None


def _told_apart(
    old: Iterable[str], new: Iterable[str], baseline: Snapshot, current: Snapshot
) -> tuple[dict[str, str], dict[str, str]]:
    """Who -> label, then and now, of the respondents (labels ``old`` and ``new``) who can be told
    apart: by their name, else their organisation (:func:`_who`), given by no other respondent
    then or now. The others are only a place in the list."""
    who_then, who_now = _who(old, baseline.identities), _who(new, current.identities)
    shared = {who for people in (who_then, who_now) for who, count in Counter(people.values()).items() if count > 1}
    then = {who: label for label, who in who_then.items() if who is not None and who not in shared}
    now = {who: label for label, who in who_now.items() if who is not None and who not in shared}
    return then, now


#: Pairs of names compared character by character for a look-alike, at most (a hundred renamed
#: respondents on each side); among any number, a name is compared with the one that draws the same.
_LOOK_ALIKE_PAIRS = 10_000


def _look_alikes(then: Mapping[str, str], now: Mapping[str, str]) -> dict[str, str]:
    """Label -> `` (not Марк Белл of the baseline: the names differ in ...)`` for each respondent new
    since the baseline whose name looks like that of one only in the baseline (names by label).

    Such names are not the same name (:mod:`civdata.initiatives`: a zero-width joiner or a
    Cyrillic letter may be deliberate, and pairing two people as one would show one person's
    answers as another's changes), so the two are not paired; but the two names, listed side by
    side, would look the same, so the difference is spelled out, as every message about
    look-alike names does. Names that differ only in characters that draw nothing are found among
    any number of respondents; other look-alikes (a Cyrillic letter) when few were renamed, as
    comparing every pair costs the product of their numbers."""
    drawing: dict[str, str] = {}
    for label, name in then.items():
        drawing.setdefault(_drawn(name), label)
    notes: dict[str, str] = {}
    for label, name in now.items():
        same_drawing = drawing.get(_drawn(name))
        others = list(then) if len(then) * len(now) <= _LOOK_ALIKE_PAIRS else [same_drawing] if same_drawing else []
        for other in others:
            difference = invisible_difference(name, then[other], here="now", there="in the baseline")
            if difference is None and other == same_drawing:
                difference = "characters that draw nothing"
            if difference:
                notes[label] = f" (not {other} of the baseline: the names differ in {difference})"
                break
    return notes


def _drawn(name: str) -> str:
    """A name as compared (:func:`civdata.initiatives.name_key`) without the characters that draw
    nothing (:func:`civdata.escape.is_invisible`): what a reader sees of it."""
    return "".join(character for character in name_key(name) if not is_invisible(character))


def _who(labels: Iterable[str], identities: Mapping[str, str | None]) -> dict[str, str | None]:
    """Label -> who the respondent is: their name, else their organisation, as
    :func:`civdata.initiatives.name_key` compares names (Unicode NFC, case and spacing aside, as
    for an initiative's name: the same person types her name on another keyboard); None when they
    gave neither."""
    evened = {label: name_key(identities.get(label)) for label in labels}
    return {label: who or None for label, who in evened.items()}


def _untold_sentence(then: Sequence[str], now: Sequence[str], *, named: bool) -> str:
    """Why the answers of respondents who cannot be told apart are not compared, and whose."""
    groups = [(people, where) for people, where in ((then, "in the baseline"), (now, "now")) if people]
    listed = "; ".join(f"{', '.join(people) if named else len(people)} {where}" for people, where in groups)
    return (
        "answers of respondents who gave no name or organisation, or the same as another respondent, are not "
        "compared person by person (a label such as 'Lead 1' is only a place in the list, another person's once "
        f"someone leaves); they still count in the combined scores and findings: {listed}"
    )


def plan_checks(
    plan: Sequence[PlanRow],
    baseline: Snapshot,
    current: Snapshot,
    not_compared: list[str],
    *,
    untold: Mapping[str, str] | None = None,
    replaced: Sequence[FindingReplacement] = (),
    matcher: _Matcher | None = None,
) -> tuple[PlanCheck, ...]:
    """What the report says of each action the team marked done in its plan file: done when none
    of its findings is raised any more, else marked done while a finding is still there. The
    action itself still being in the plan counts as its finding still being there: a question
    whose answer now raises another finding is still to act on. So does a finding of the action
    being replaced (:class:`FindingReplacement`, whatever the action's id): the finding raised in
    its place is listed as still there.

    Only the actions of the baseline's own plan are judged: one it did not have (from a plan of
    another report, or written in by hand) was nothing to do then, and its findings being absent
    now says nothing of whether it was done; those are listed in ``not_compared``. Nor is an
    action whose findings are gone only because a question they rest on was left blank now, or
    because only respondents not in this report raised them (``untold``, finding id -> why): it
    cannot be told done, and is listed there too. A finding its question raises now only because
    it was left blank, and not raised then, does not make it still there: nobody said it is (it is
    new all the same, for ``--fail-on-regression``). Nor is one whose findings are gone while one
    of them rests on a question or rule changed since the baseline's rubric version (``matcher``,
    :meth:`_Matcher.finding_comparable`): a question only renamed raises the same finding under
    another id, and its action would read done while the report still raises it. One still there
    under another id in this plan says which (:func:`_in_this_plan`)."""
    unknown = [row.id for row in plan if row.done and row.id not in baseline.actions]
    if unknown:
        not_compared.append(
            "actions marked done in the plan that the baseline's action plan did not have are not judged (the "
            f"plan given with --baseline-plan is the one written with the baseline's report): {_listed(unknown)}"
        )
    own_rows = [
        row.id
        for row in plan
        if not row.done
        and row.id not in baseline.actions
        and row.id not in current.actions
        and _in_this_plan(row, baseline, current) is None
    ]
    if own_rows:
        # A row the team wrote in by hand is in no plan civdata writes: say so, or it is lost
        # when the team moves to the new plan.
        not_compared.append(
            "rows of the kept plan that are no action of the baseline's report or of this one (written in by hand, "
            "or from another report's plan) are not in the plan civdata writes now; carry over by hand those still "
            f"to do: {_listed(own_rows)}"
        )
    present = current.present
    on_blank = {f.id for f in (*current.findings, *current.covered) if f.on_blank and f.id not in baseline.present}
    checks, untellable, changed = [], [], []
    for row in plan:
        if not row.done or row.id not in baseline.actions:
            continue
        own = _own_findings(row, baseline)
        still = tuple(finding for finding in own if finding in present)
        in_place = [item.after.id for item in replaced if item.before.id in own]
        # A finding raised now only on a blank is not the matter still being there: nobody said so.
        again = (finding for finding in (*_raised_again(row.id, current), *in_place) if finding not in still)
        still += tuple(dict.fromkeys(finding for finding in again if finding not in on_blank))
        if not still and untold and {*own, row.id.removeprefix("finding:")} & untold.keys():
            untellable.append(row.id)
            continue
        if not still and matcher is not None and not all(map(matcher.finding_comparable, own)):
            changed.append(row.id)
            continue
        state = PlanState.STILL_THERE if still else PlanState.DONE
        now = _in_this_plan(row, baseline, current) if still else None
        checks.append(PlanCheck(row.id, row.text, state, still, now))
    if changed:
        not_compared.append(_changed_actions_sentence(changed, baseline.rubric_version, matcher))
    if untellable:
        not_compared.append(
            "actions marked done whose findings are gone only because a question they rest on was left blank now "
            "(or is not asked now of the role its respondent answers for), or because only respondents not in this "
            "assessment raised them (or because who raised them cannot be told, and not all the baseline's "
            "respondents are in this assessment), cannot be told done: "
            f"{_listed(untellable)}"
        )
    return tuple(checks)


def _changed_actions_sentence(action_ids: Sequence[str], version: str, matcher: _Matcher | None) -> str:
    """Why actions marked done whose findings rest on what the rubric changed are not judged: their
    findings are not compared (a renamed question raises the same finding under another id)."""
    their = verb(len(action_ids), "its", "their")
    if matcher is not None and matcher.unknown:
        why = f"{_unrecorded(version)}, so {their} findings are not compared"
    else:
        why = (
            f"{their} findings rest on questions or rules that changed since version {version} (the rubric's "
            "'changes'), and are not compared: a question renamed raises the same finding under another id"
        )
    return f"{plural(len(action_ids), 'action')} marked done cannot be told done: {why}: {_listed(action_ids)}"


def carried_over(plan: Sequence[PlanRow], baseline: Snapshot, current: Snapshot) -> tuple[CarriedAction, ...]:
    """The owner and date the team set in its kept plan for each action still to do (in this
    report's plan), to write again in the next plan: every plan is a file to keep and tick off,
    and a team must not copy its owners and dates back by hand each round.

    A kept value is the team's when it differs from what civdata wrote in that plan (the baseline's
    action; for an action the baseline did not have, what civdata writes now). One left as civdata
    wrote it follows the rubric, so a rubric's new default comes through; so does an empty one (the
    plan reader has refused one emptied where civdata wrote a value: :func:`civdata.plan.kept_problems`).
    ``done`` is never carried: an action ticked done whose findings are gone is not in this plan,
    and one whose findings are still there is to do again (the comparison says "marked done, but
    the finding is still there").

    A kept action whose id this plan does not have is still the team's when one action of this plan
    answers its findings (:func:`_in_this_plan`): what the team set goes to that action, and the
    comparison says which id the kept plan gave it."""
    kept = _kept_rows(plan, baseline, current)
    carried = []
    for action_id, now in current.action_values.items():
        row = kept.get(action_id)
        if row is None:
            continue
        then = baseline.action_values.get(row.id, now)
        act_by, owner = _kept(row.act_by, then[0]), _kept(row.owner, then[1])
        if act_by is not None or owner is not None:
            carried.append(CarriedAction(action_id, owner, act_by, None if row.id == action_id else row.id))
    return tuple(carried)


def _kept_rows(plan: Sequence[PlanRow], baseline: Snapshot, current: Snapshot) -> dict[str, PlanRow]:
    """The kept plan's row of each action of this plan, by this plan's id: the row of that id, else
    the one row under another id whose action this is now (:func:`_in_this_plan`); none when two are."""
    rows = {row.id: row for row in plan}
    moved: dict[str, list[PlanRow]] = {}
    for row in plan:
        action_id = _in_this_plan(row, baseline, current)
        if action_id is not None and action_id not in rows:
            moved.setdefault(action_id, []).append(row)
    return rows | {action_id: found[0] for action_id, found in moved.items() if len(found) == 1}


def _in_this_plan(row: PlanRow, baseline: Snapshot, current: Snapshot) -> str | None:
    """The id this report's plan gives the action of a kept row whose id it does not have: the one
    action that answers any of the row's findings now. The same work under another id: in a plan
    kept from a civdata that named an action of findings worded alike after the first the report
    listed (it names it after the first in the rubric now), or that made disagreements worded alike
    one action (each disputed question is one now). None when this plan has the row's id, or when
    no action, or more than one, answers its findings."""
    if row.id in current.actions:
        return None
    own = set(_own_findings(row, baseline))
    answering = [action_id for action_id, findings in current.actions.items() if own.intersection(findings)]
    return answering[0] if len(answering) == 1 else None


def _kept(cell: KeptCell | None, written: str) -> str | None:
    """The team's value of one cell; None where it left civdata's (``written``), left it empty, or
    the plan has no such column."""
    return cell.value if cell is not None and cell.value and cell.value != written else None


def _own_findings(row: PlanRow, baseline: Snapshot) -> tuple[str, ...]:
    """The findings an action marked done answered when it was ticked: as the kept plan lists
    them, else as the baseline's action plan did, else the one its ``finding:`` id names. Never
    the findings the action of the same id answers now: findings whose recommendations read alike
    are one action, so that action may now also hold findings another action answered then (done
    or not), which say nothing of whether this one was done."""
    if row.findings:
        return row.findings
    own = baseline.actions.get(row.id, ())
    if not own and row.id.startswith("finding:"):
        return (row.id.removeprefix("finding:"),)
    return own


def _raised_again(action_id: str, current: Snapshot) -> tuple[str, ...]:
    """The findings the answer to an action's question raises now (``question:ID`` actions only):
    a question whose answer now raises another finding (retention kept indefinitely, where a
    schedule was written) is still to act on, whatever the ticked action listed then."""
    if not action_id.startswith("question:"):
        return ()
    question = action_id.removeprefix("question:")
    raised = current.actions.get(action_id, ())
    return tuple(finding for finding in raised if finding_subject(finding) == (FindingKind.ANSWER, question))


def _history(
    rubric: Rubric, baseline: Snapshot, current: Snapshot, changes: tuple[ScoreChange, ...]
) -> tuple[tuple[str, Mapping[str, float | None]], ...]:
    """The compared scores then and now, for a picture over time (nothing when none was compared)."""
    compared = [item for item in changes if item.trend is not Trend.NOT_COMPARED]
    if not rubric.scored or not compared:
        return ()
    then = {item.title: item.before for item in compared}
    now = {item.title: item.after for item in compared}
    return ((baseline.assessed_on or "baseline", then), (current.assessed_on or "now", now))
