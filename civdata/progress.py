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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from civdata.escape import is_invisible
from civdata.initiatives import invisible_difference, name_key
from civdata.model import Direction, Rubric, Severity, referenced_questions
from civdata.plan import PlanRow
from civdata.results import PlanState, Report, Trend
from civdata.versions import same_questions, version_key

# --- What is compared: one snapshot of a report --------------------------------------------------


@dataclass(frozen=True)
class FindingBrief:
    """A finding as a later report needs to recognise it: its id is stable from one report to the next."""

    id: str
    severity: Severity
    title: str


@dataclass(frozen=True)
class AnswerBrief:
    """One answer as a report shows it: ``value`` for comparing (None when unanswered), ``text``
    for showing, and the respondent's note."""

    value: Any
    text: str | None
    note: str | None


@dataclass(frozen=True)
class Snapshot:
    """What a report says, reduced to what can be compared with another report on the initiative."""

    rubric_id: str
    rubric_version: str
    initiative: str
    #: When the answers were given (the latest respondent's date), else when the report was made.
    assessed_on: str | None
    verdict_id: str
    verdict_label: str
    overall: float | None
    #: Area id -> 0-100 score (None when nothing counted), in the report's order.
    areas: Mapping[str, float | None]
    area_titles: Mapping[str, str]
    findings: tuple[FindingBrief, ...]
    #: Ids of the findings a rule's finding states in context (present, though not listed on their own).
    covered: frozenset[str] = frozenset()
    #: Respondent label -> question id -> answer; None when the report does not hold the answers
    #: (a combined report written without ``--detail``).
    answers: Mapping[str, Mapping[str, AnswerBrief]] | None = None
    #: Respondent label -> who they are (their name, else their organisation; None for neither).
    #: A label is only for display: without a name or organisation it is a role and a place in the
    #: list ("Lead 1"), which is someone else's once a respondent leaves.
    identities: Mapping[str, str | None] = field(default_factory=dict)
    #: Respondents are shown by role only: a comparison must not name anyone either.
    anonymized: bool = False
    #: The action plan: action id -> the findings it answers.
    actions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: How many respondents the report is on: one (a single report) or several (combined).
    respondents: int = 1

    @property
    def present(self) -> frozenset[str]:
        """Every finding the report raised, those stated in a rule's context included."""
        return frozenset(finding.id for finding in self.findings) | self.covered


def snapshot_of(report: Report, generated_on: str | None = None) -> Snapshot:
    """A report built in this run, as a snapshot: every respondent's answers when the report holds
    them (always for one respondent; for several, when it was built with ``detail``)."""
    dates = [row.date for row in report.respondents if row.date]
    answers: dict[str, dict[str, AnswerBrief]] | None = None
    if report.detail:
        answers = {}
        for row, assessment in zip(report.respondents, report.detail, strict=False):
            answers[row.label] = {
                result.question.id: AnswerBrief(_comparable(result.value), result.answer_text, result.note)
                for area in assessment.areas
                for result in area.questions
                if result.status.applies
            }
    return Snapshot(
        rubric_id=report.rubric.id,
        rubric_version=report.rubric.version,
        initiative=report.initiative,
        assessed_on=max(dates) if dates else generated_on,
        verdict_id=report.verdict.id,
        verdict_label=report.verdict.label,
        overall=report.overall,
        areas={item.area.id: item.percent for item in report.areas},
        area_titles={item.area.id: item.area.title for item in report.areas},
        findings=tuple(FindingBrief(finding.id, finding.severity, finding.title) for finding in report.findings),
        covered=frozenset(covered.id for finding in report.findings for covered in finding.covers),
        answers=answers,
        identities={row.label: row.name or row.organisation for row in report.respondents},
        anonymized=report.anonymized,
        actions={action.id: action.findings for action in report.actions},
        respondents=len(report.respondents),
    )


def snapshot_from_json(data: Mapping[str, Any]) -> Snapshot:
    """A JSON report (already checked against the report schema) as a snapshot."""
    dates = [row["answered_on"] for row in data["respondents"] if row.get("answered_on")]
    return Snapshot(
        rubric_id=data["rubric"]["id"],
        rubric_version=data["rubric"]["version"],
        initiative=data["initiative"],
        assessed_on=max(dates) if dates else data["generated_on"],
        verdict_id=data["verdict"]["id"],
        verdict_label=data["verdict"]["label"],
        overall=data["overall"]["percent"],
        areas={area["id"]: area["percent"] for area in data["areas"]},
        area_titles={area["id"]: area["title"] for area in data["areas"]},
        findings=tuple(
            FindingBrief(finding["id"], Severity(finding["severity"]), finding["title"]) for finding in data["findings"]
        ),
        covered=frozenset(finding["id"] for finding in data["covered_findings"]),
        answers=_json_answers(data),
        identities={row["label"]: row["name"] or row["organisation"] for row in data["respondents"]},
        anonymized=data["anonymized"],
        actions={action["id"]: tuple(action["findings"]) for action in data["actions"]},
        respondents=len(data["respondents"]),
    )


def _json_answers(data: Mapping[str, Any]) -> dict[str, dict[str, AnswerBrief]] | None:
    if data["kind"] == "single":
        people = [(data["respondents"][0]["label"] if data["respondents"] else "", data)]
    elif "detail" in data:
        people = [(item["label"], item) for item in data["detail"]]
    else:
        return None
    applies = {"answered", "not_applicable", "unanswered"}
    return {
        label: {
            question["id"]: AnswerBrief(_comparable(question["value"]), question["answer"], question["note"])
            for area in item["areas"]
            for question in area["questions"]
            if question["status"] in applies
        }
        for label, item in people
    }


def _comparable(value: Any) -> Any:
    """An answer value in one form whether it came from the model (tuples) or from JSON (lists)."""
    return tuple(value) if isinstance(value, list | tuple) else value


# --- The comparison ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreChange:
    """An area's (or the overall) score then and now; ``reason`` says why it was not compared."""

    id: str
    title: str
    before: float | None
    after: float | None
    trend: Trend
    reason: str | None = None

    @property
    def change(self) -> float | None:
        if self.trend is Trend.NOT_COMPARED or self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class AnswerChange:
    """An answer that is not what it was: ``respondent`` is the label, None in a report on one person."""

    respondent: str | None
    question_id: str
    title: str
    before: AnswerBrief | None
    after: AnswerBrief | None


@dataclass(frozen=True)
class PlanCheck:
    """An action the team marked done, and what this report says of it."""

    id: str
    text: str
    state: PlanState
    #: The findings it answers that are still raised.
    open_findings: tuple[str, ...] = ()


@dataclass(frozen=True)
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
    resolved: tuple[FindingBrief, ...]
    new: tuple[FindingBrief, ...]
    still_open: tuple[FindingBrief, ...]
    answers: tuple[AnswerChange, ...]
    #: What could not be compared, one sentence each.
    not_compared: tuple[str, ...] = ()
    #: How many findings (of either report) rest on questions that changed, so are none of
    #: resolved, new or still open.
    findings_not_compared: int = 0
    plan: tuple[PlanCheck, ...] = ()
    #: The scores then and now, for the picture over time: (date, {area title or "Overall": score}).
    history: tuple[tuple[str, Mapping[str, float | None]], ...] = field(default=(), compare=False)

    @property
    def scores_compared(self) -> bool:
        """Whether any area's score, or the overall score, was compared with the baseline's."""
        return any(item.trend is not Trend.NOT_COMPARED for item in (*self.areas, self.overall))

    @property
    def findings_compared(self) -> int:
        """How many findings were matched with the baseline's: resolved, new or still open."""
        return len(self.resolved) + len(self.new) + len(self.still_open)

    @property
    def worse(self) -> tuple[ScoreChange, ...]:
        """The scores that went the wrong way, the overall score included."""
        return tuple(item for item in (*self.areas, self.overall) if item.trend is Trend.WORSE)

    def new_at_or_above(self, severity: Severity) -> tuple[FindingBrief, ...]:
        return tuple(finding for finding in self.new if finding.severity.rank >= severity.rank)


def baseline_problems(rubric: Rubric, baseline: Snapshot) -> list[str]:
    """Why a baseline cannot be compared with a report on this rubric at all (empty when it can)."""
    if baseline.rubric_id != rubric.id:
        return [
            f"the baseline is a report on rubric '{baseline.rubric_id}', but this report is on '{rubric.id}'; "
            "a baseline must be an earlier assessment against the same rubric"
        ]
    if version_key(baseline.rubric_version) > version_key(rubric.version):
        return [
            f"the baseline is for version {baseline.rubric_version} of rubric '{rubric.id}', newer than the "
            f"{rubric.version} this report uses; report on the new answers with the newer rubric (--rubric)"
        ]
    return []


@dataclass(frozen=True)
class _Matcher:
    """Which questions changed between the baseline's rubric version and this one."""

    rubric: Rubric
    #: The two versions ask the same questions (the same MAJOR.MINOR): everything is compared.
    same_questions: bool
    changed: frozenset[str]
    #: The rubric records no change since the baseline's version, so nothing can be matched.
    unknown: bool

    @classmethod
    def of(cls, rubric: Rubric, version: str) -> _Matcher:
        if same_questions(version, rubric.version):
            # A PATCH release rewords, it changes no question: what it records (if anything) is
            # not a reason to leave anything out, as answers of either version are read as they are.
            return cls(rubric, True, frozenset(), False)
        from civdata.answers_loader import changed_since  # only when versions differ

        since = version_key(version)
        recorded = any(version_key(change.version) > since for change in rubric.changes)
        return cls(rubric, False, frozenset(changed_since(rubric, version)), not recorded)

    def questions_of_finding(self, finding_id: str) -> tuple[str, ...] | None:
        """The questions a finding rests on (none for a missing voice); None when unknown."""
        kind, _, rest = finding_id.partition(":")
        if kind == "role":
            return ()
        if kind == "rule":
            rule = next((rule for rule in self.rubric.rules if rule.id == rest), None)
            return tuple(referenced_questions(rule.when)) if rule is not None else None
        if kind == "divergence":
            return (rest,)
        return (kind,)

    def finding_comparable(self, finding_id: str) -> bool:
        if self.same_questions:
            return True
        questions = self.questions_of_finding(finding_id)
        if questions is None or (self.unknown and questions):
            return False
        return not self.changed.intersection(questions)

    def question_comparable(self, question_id: str) -> bool:
        return self.same_questions or (not self.unknown and question_id not in self.changed)


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
    matcher = _Matcher.of(rubric, baseline.rubric_version)
    not_compared: list[str] = []
    if not matcher.same_questions and (matcher.unknown or matcher.changed):
        not_compared.append(_version_sentence(rubric, baseline.rubric_version, matcher))
    areas = tuple(_area_change(rubric, matcher, baseline, current, area.id) for area in rubric.areas)
    overall = _overall_change(rubric, baseline, current, areas)
    resolved, new, still_open, skipped = _finding_changes(matcher, baseline, current)
    if skipped:
        findings = f"{skipped} finding{'s' if skipped != 1 else ''} about questions"
        verb = "are" if skipped != 1 else "is"
        not_compared.append(_skipped_sentence(findings, verb, matcher, baseline.rubric_version))
    answers = _answer_changes(rubric, matcher, baseline, current, not_compared)
    checks = plan_checks(plan or (), baseline, current, not_compared)
    return Progress(
        baseline_source=baseline_source,
        baseline_on=baseline.assessed_on,
        baseline_version=baseline.rubric_version,
        current_on=current.assessed_on,
        overall=overall,
        areas=areas,
        verdict_before=baseline.verdict_label,
        verdict_after=current.verdict_label,
        verdict_trend=_verdict_trend(rubric, baseline.verdict_id, current.verdict_id),
        resolved=resolved,
        new=new,
        still_open=still_open,
        answers=answers,
        not_compared=tuple(not_compared),
        findings_not_compared=skipped,
        plan=checks,
        history=_history(rubric, baseline, current, (*areas, overall)),
    )


def _version_sentence(rubric: Rubric, version: str, matcher: _Matcher) -> str:
    if matcher.unknown:
        return (
            f"the baseline used version {version} of the rubric and this report {rubric.version}, and the rubric "
            f"records no changes since {version}: no score, finding or answer can be matched, only the verdict"
        )
    return (
        f"the baseline used version {version} of the rubric and this report {rubric.version}; "
        f"{len(matcher.changed)} question{'s' if len(matcher.changed) != 1 else ''} changed, were added or were "
        "removed since (the rubric's `changes`), and what rests on them is not compared"
    )


def _unrecorded(version: str) -> str:
    """Why nothing that rests on a question is compared: nothing says which questions changed."""
    return f"the rubric records no changes since version {version}"


def _skipped_sentence(subject: str, verb: str, matcher: _Matcher, version: str) -> str:
    """``subject`` (answers to 3 questions) is not compared, and why: its questions changed, or
    nothing says which did (then they are not said to have changed)."""
    if matcher.unknown:
        return f"{subject} {verb} not compared: {_unrecorded(version)}"
    return f"{subject} that changed since version {version} {verb} not compared"


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


def _area_change(rubric: Rubric, matcher: _Matcher, baseline: Snapshot, current: Snapshot, area_id: str) -> ScoreChange:
    area = rubric.area(area_id)
    before, after = baseline.areas.get(area_id), current.areas.get(area_id)
    reason = None
    if not rubric.scored:
        reason = CHECKLIST
    elif area_id not in baseline.areas:
        reason = f"not in the rubric version {baseline.rubric_version} the baseline used"
    elif not matcher.same_questions and matcher.unknown:
        reason = _unrecorded(baseline.rubric_version)
    elif not matcher.same_questions:
        changed = [question.id for question in area.questions if question.id in matcher.changed]
        removed = [qid for qid in matcher.changed if not rubric.has_question(qid)]
        if changed:
            reason = f"{len(changed)} of its questions changed since version {baseline.rubric_version}"
        elif removed:
            reason = f"questions were removed since version {baseline.rubric_version}, perhaps from this area"
    elif before is None or after is None:
        reason = f"{NO_SCORE} " + ("then" if before is None else "now")
    if reason is not None:
        return ScoreChange(area_id, area.title, before, after, Trend.NOT_COMPARED, reason)
    return ScoreChange(area_id, area.title, before, after, _trend(before, after, area.direction))


def _overall_change(
    rubric: Rubric, baseline: Snapshot, current: Snapshot, areas: tuple[ScoreChange, ...]
) -> ScoreChange:
    before, after = baseline.overall, current.overall
    if not rubric.scored:
        return ScoreChange("overall", "Overall", before, after, Trend.NOT_COMPARED, CHECKLIST)
    # An area scored on one side only changes which areas the overall score averages, so the two
    # overall scores no longer measure the same thing; one blank on both sides changes nothing.
    uncompared = [
        item
        for item in areas
        if item.reason is not None
        and (
            not item.reason.startswith(NO_SCORE)
            or ((item.before is None) != (item.after is None) and rubric.area(item.id).weight > 0)
        )
    ]
    if uncompared:
        reason = f"{len(uncompared)} area{'s' if len(uncompared) != 1 else ''} could not be compared"
        return ScoreChange("overall", "Overall", before, after, Trend.NOT_COMPARED, reason)
    if before is None or after is None:
        return ScoreChange("overall", "Overall", before, after, Trend.NOT_COMPARED, "no answer could be scored")
    return ScoreChange("overall", "Overall", before, after, _trend(before, after, rubric.direction))


def _verdict_trend(rubric: Rubric, before: str, after: str) -> Trend:
    ids = [verdict.id for verdict in rubric.verdicts]
    if before not in ids or after not in ids:
        return Trend.NOT_COMPARED
    if before == after:
        return Trend.SAME
    return Trend.BETTER if rubric.verdict_rank(after) < rubric.verdict_rank(before) else Trend.WORSE


def _finding_changes(
    matcher: _Matcher, baseline: Snapshot, current: Snapshot
) -> tuple[tuple[FindingBrief, ...], tuple[FindingBrief, ...], tuple[FindingBrief, ...], int]:
    before, after = baseline.present, current.present
    resolved = [f for f in baseline.findings if f.id not in after and matcher.finding_comparable(f.id)]
    new = [f for f in current.findings if f.id not in before and matcher.finding_comparable(f.id)]
    still_open = [f for f in current.findings if f.id in before and matcher.finding_comparable(f.id)]
    skipped = {f.id for f in (*baseline.findings, *current.findings) if not matcher.finding_comparable(f.id)}
    return tuple(resolved), tuple(new), tuple(still_open), len(skipped)


def _answer_changes(
    rubric: Rubric, matcher: _Matcher, baseline: Snapshot, current: Snapshot, not_compared: list[str]
) -> tuple[AnswerChange, ...]:
    if baseline.answers is None:
        not_compared.append(
            "answers are not compared: the baseline report does not hold them (a combined report holds every "
            "answer only when written with --detail; or give the answers files of that time as the baseline)"
        )
        return ()
    if current.answers is None:
        return ()
    single = len(baseline.answers) == 1 and len(current.answers) == 1
    if not single and (baseline.anonymized or current.anonymized):
        not_compared.append(
            "answers are not compared: in a report by role only (--anonymize), a label such as 'Funder 1' does "
            "not say which person it is, so the same label then and now may be two different people"
        )
        return ()
    pairs = _pair_respondents(baseline, current, not_compared)
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
        answers = f"answers to {len(skipped)} question{'s' if len(skipped) != 1 else ''}"
        not_compared.append(_skipped_sentence(answers, "are", matcher, baseline.rubric_version))
    return tuple(changes)


def _same(was: AnswerBrief | None, now: AnswerBrief | None) -> bool:
    was_value, now_value = (was.value if was else None), (now.value if now else None)
    return was_value == now_value and (was.note if was else None) == (now.note if now else None)


def _pair_respondents(
    baseline: Snapshot, current: Snapshot, not_compared: list[str]
) -> list[tuple[str, Mapping[str, AnswerBrief], Mapping[str, AnswerBrief]]]:
    """The respondents of both reports who are the same person, with the label this report gives
    them (a report on one person each: those two).

    People are matched by who they are, their name else their organisation (compared as
    :func:`civdata.initiatives.name_key` compares names), never by their label:
    someone who gave neither is labelled by role and place ("Lead 1"), and once one of three such
    leads leaves, "Lead 1" is another person. Those who cannot be told apart (neither given, or the
    same as another respondent's, then or now) are listed as not compared person by person; those in
    one report only are named, unless this report shows people by role only."""
    old, new = baseline.answers or {}, current.answers or {}
    if len(old) == 1 and len(new) == 1:
        (only, was), (_, is_now) = next(iter(old.items())), next(iter(new.items()))
        return [(only, was, is_now)]
    who_then, who_now = _who(old, baseline.identities), _who(new, current.identities)
    shared = {who for people in (who_then, who_now) for who, count in Counter(people.values()).items() if count > 1}
    then = {who: label for label, who in who_then.items() if who is not None and who not in shared}
    now = {who: label for label, who in who_now.items() if who is not None and who not in shared}
    named = not current.anonymized
    only_then = [label for who, label in then.items() if who not in now]
    only_now = [label for who, label in now.items() if who not in then]
    unlike = _look_alikes(
        {label: baseline.identities.get(label) or "" for label in only_then},
        {label: current.identities.get(label) or "" for label in only_now},
    )
    for people, where in ((only_then, "only in the baseline"), (only_now, "new since the baseline")):
        if people:
            listed = ", ".join(f"{label}{unlike.get(label, '')}" for label in people) if named else f"{len(people)}"
            not_compared.append(f"answers of respondents {where} are not compared: {listed}")
    untold_then = [label for label in old if label not in then.values()]
    untold_now = [label for label in new if label not in now.values()]
    if untold_then or untold_now:
        not_compared.append(_untold_sentence(untold_then, untold_now, named=named))
    return [(label, old[then[who]], new[label]) for who, label in now.items() if who in then]


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


def _who(
    answers: Mapping[str, Mapping[str, AnswerBrief]], identities: Mapping[str, str | None]
) -> dict[str, str | None]:
    """Label -> who the respondent is: their name, else their organisation, as
    :func:`civdata.initiatives.name_key` compares names (Unicode NFC, case and spacing aside, as
    for an initiative's name: the same person types her name on another keyboard); None when they
    gave neither."""
    evened = {label: name_key(identities.get(label)) for label in answers}
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
    plan: Sequence[PlanRow], baseline: Snapshot, current: Snapshot, not_compared: list[str]
) -> tuple[PlanCheck, ...]:
    """What the report says of each action the team marked done in its plan file: done when none
    of its findings is raised any more, else marked done while a finding is still there. The
    action itself still being in the plan counts as its finding still being there: a question
    whose answer now raises another finding is still to act on.

    Only the actions of the baseline's own plan are judged: one it did not have (from a plan of
    another report, or written in by hand) was nothing to do then, and its findings being absent
    now says nothing of whether it was done; those are listed in ``not_compared``."""
    unknown = [row.id for row in plan if row.done and row.id not in baseline.actions]
    if unknown:
        listed = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
        not_compared.append(
            "actions marked done in the plan that the baseline's action plan did not have are not judged (the "
            f"plan given with --baseline-plan is the one written with the baseline's report): {listed}"
        )
    present = current.present
    checks = []
    for row in plan:
        if not row.done or row.id not in baseline.actions:
            continue
        still = tuple(finding for finding in row.findings if finding in present)
        still += tuple(finding for finding in current.actions.get(row.id, ()) if finding not in still)
        if not row.findings and row.id.startswith("finding:") and row.id.removeprefix("finding:") in present:
            still = tuple(dict.fromkeys((*still, row.id.removeprefix("finding:"))))
        state = PlanState.STILL_THERE if still else PlanState.DONE
        checks.append(PlanCheck(row.id, row.text, state, still))
    return tuple(checks)


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
