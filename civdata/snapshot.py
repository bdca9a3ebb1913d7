"""What a comparison with an earlier assessment compares: one *snapshot* of each report.

A report built now and a JSON report written months ago are reduced to the same :class:`Snapshot`
(scores by area, verdict, findings and, where the report holds them, every respondent's answers
and dates), so that :func:`civdata.progress.compare` compares them by one function, whichever
each side was read from. Pure: a report or a JSON document in, a snapshot out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from civdata.model import ANONYMIZED_TEXT, Rubric, Severity, is_written
from civdata.plan import civdata_values
from civdata.records import record
from civdata.results import Assessment, Finding, FindingKind, Report, large_group, missing_voice_id

#: The id of the overall score among a snapshot's ranges and a comparison's scores.
OVERALL_ID = "overall"


@record
class FindingBrief:
    """A finding as a later report needs to recognise it: its id is stable from one report to the next."""

    id: str
    severity: Severity
    title: str
    #: The labels of the respondents whose answers raised it (none for a missing voice); None when
    #: the report does not say (a large group's report lists nobody). Not part of what it is.
    raised_by: tuple[str, ...] | None = field(default=None, compare=False)
    #: Raised only because questions were left blank (a blank could be the riskiest answer): a
    #: rule's that only possibly holds on them, or a question's own finding with nobody giving the
    #: answer that raises it. Gone since, it is not resolved (a blank is never progress); raised
    #: now and not then, it is new, as "I don't know" would make it, and only may hold (leaving an
    #: answer out must never look better than giving it: docs/scoring.md, section 2). Not part of
    #: what it is.
    on_blank: bool = field(default=False, compare=False)


@record
class AnswerBrief:
    """One answer as a report shows it: ``value`` for comparing (None when unanswered), ``text``
    for showing, and the respondent's note."""

    value: Any
    text: str | None
    note: str | None


@record
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
    findings: tuple[FindingBrief, ...]
    #: The findings a rule's finding states in context (``covers``): raised, though not listed on
    #: their own, so new or resolved as any other (each once, by id; none also listed on its own).
    covered: tuple[FindingBrief, ...] = ()
    #: Respondent label -> question id -> answer; None when the report does not hold the answers
    #: (a combined report written without ``--detail``).
    answers: Mapping[str, Mapping[str, AnswerBrief]] | None = None
    #: Respondent label -> who they are (their name, else their organisation; None for neither).
    #: A label is only for display: without a name or organisation it is a role and a place in the
    #: list ("Lead 1"), which is someone else's once a respondent leaves.
    identities: Mapping[str, str | None] = field(default_factory=dict)
    #: Respondent label -> the organisation they gave (those who gave one): what tells that someone
    #: only now may be someone only in the baseline who wrote their name otherwise.
    organisations: Mapping[str, str] = field(default_factory=dict)
    #: Respondents are shown by role only: a comparison must not name anyone either.
    anonymized: bool = False
    #: The action plan: action id -> the findings it answers.
    actions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Action id -> its ``act_by`` and ``owner`` as its plan file was written ("" for none): what
    #: tells the values a team set in a kept plan from those it left as civdata wrote them.
    action_values: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: How many respondents the report is on: one (a single report) or several (combined).
    respondents: int = 1
    #: Respondent label -> the share (0-100) of the required questions that applied which they
    #: answered: what a report without the answers still says of what was left blank.
    coverages: Mapping[str, float] = field(default_factory=dict)
    #: The language the report was written in (its rubric's text, ``--lang``).
    language: str | None = None
    #: Respondent label -> their role's id: what a large group's comparison counts people by.
    roles: Mapping[str, str] = field(default_factory=dict)
    #: Whether ``assessed_on`` is a date the answers carry (a respondent's ``date``), not only the
    #: day a JSON report was generated: only the answers' own date tells which came first.
    answers_dated: bool = True
    #: Area id (and ``overall``) -> the lowest and highest score once the questions left blank are
    #: answered, (score, score) for a score with no blank behind it; None when the report does not
    #: say (a JSON report written before civdata did). What tells a fall that is certain, whatever
    #: the blanks would be, from one they could account for (:func:`_beyond_blanks`).
    ranges: Mapping[str, tuple[float, float]] | None = None
    #: The SHA-256 of the rubric file the report was made with ("" when it does not say).
    rubric_sha256: str = ""
    #: The roles the rubric expects that the report did not hear from: a combined report's missing
    #: voices, a single report's other expected roles (it says "one voice" rather than raise them).
    #: A missing voice compared across the two kinds of report is the same fact both times.
    unheard: frozenset[str] = frozenset()
    #: Each finding stated in a rule's context -> the rules' findings that state it: one fact, so a
    #: finding that is new (or resolved) with every rule that states it is counted once, as the rule.
    stated_in: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Read from answers files: those left out (with why) and those with the same bytes as
    #: another that name nobody (:class:`civdata.inputs.AnswerStream`), for the command to say.
    left_out: tuple[tuple[Path, str], ...] = field(default=(), compare=False)
    alike: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    #: Respondent label -> the date their own answers carry (those that carry one): one person's
    #: answers compared with their later answers in the baseline read backwards (:class:`Backwards`).
    dates: Mapping[str, str] = field(default_factory=dict)
    #: Respondent label -> the answers file read in this run; empty for a JSON report, whose
    #: ``source`` is a file of the time it was written, not the file given.
    sources: Mapping[str, str] = field(default_factory=dict)
    #: Area id -> the ids of the questions it had, as the report records them (a JSON report on one
    #: person, or a combined one written with ``--detail``); None when it does not, as for answers
    #: scored in this run, whose rubric cannot say where a question it no longer has was.
    area_questions: Mapping[str, tuple[str, ...]] | None = None
    #: The rubric version answers made for an older PATCH version (:attr:`rubric_version`) were
    #: scored with in this run; "" when the snapshot's severities are those of its own version (a
    #: JSON report, or answers made for the rubric's version). A PATCH may change a finding's
    #: severity, and answers scored again carry the newer one: their severity then is not known.
    scored_with: str = ""
    #: What scoring a JSON report's answers again found, when its figures are not what they give
    #: (:func:`civdata.baseline_check.rescored`): the warning a comparison with it gives; "" for none.
    rescored_note: str = field(default="", compare=False)
    #: That a JSON report holds no seal (:mod:`civdata.report_seal`), so an edit since it was
    #: written cannot be told: the warning a comparison with it gives; "" for a sealed report.
    unsealed_note: str = field(default="", compare=False)
    #: The version of civdata that wrote the JSON report ("" for a report built in this run): one
    #: that scored the same answers otherwise tells its figures from a report edited by hand.
    made_by: str = field(default="", compare=False)
    #: The role of each respondent who answered no question while others did (label -> role id):
    #: counted in nothing, but what makes a report on several files combined (its missing voices).
    silent: Mapping[str, str] = field(default_factory=dict, compare=False)
    #: Area id -> its weight in the overall score, as the report's rubric weighed it; None when the
    #: report does not say. A rubric that weighs its areas otherwise since makes another overall
    #: score of the same area scores (:func:`civdata.progress.compare`).
    area_weights: Mapping[str, float] | None = field(default=None, compare=False)
    #: The share (0-100) of the required questions that applied which were answered, as the
    #: report's verdict read it; None when not known.
    coverage: float | None = field(default=None, compare=False)
    #: Respondent label -> question id -> the score (0-1) the report gave their answer, where it
    #: gave one; None when the report does not say. What tells an answer the rubric has come to
    #: score otherwise, or no longer offers, though its ``changes`` does not list the question.
    answer_scores: Mapping[str, Mapping[str, float]] | None = field(default=None, compare=False)

    @property
    def large(self) -> bool:
        """Whether the report is a large group's (:func:`civdata.results.large_group`): its
        comparison then counts people, per role, and names nobody."""
        return large_group(self.respondents)

    @property
    def listed(self) -> frozenset[str]:
        """The ids of the findings the report lists, those stated only in a rule's context aside."""
        return frozenset(finding.id for finding in self.findings)

    @property
    def present(self) -> frozenset[str]:
        """Every finding the report raised, those stated in a rule's context included, and the
        missing voice of each role it did not hear from (:attr:`unheard`)."""
        voices = (missing_voice_id(role) for role in self.unheard)
        return frozenset((*(finding.id for finding in (*self.findings, *self.covered)), *voices))


def snapshot_of(
    report: Report,
    generated_on: str | None = None,
    *,
    identities: Sequence[str | None] | None = None,
    given: Sequence[Mapping[str, AnswerBrief]] | None = None,
) -> Snapshot:
    """A report built in this run, as a snapshot: every respondent's answers when the report holds
    them (always for one respondent; for several, when it was built with ``detail``), or when
    they are ``given`` (:func:`answers_of` each respondent's assessment, in the report's order,
    as :class:`civdata.combine.Combiner` keeps them without keeping the assessments).

    ``identities`` are who each respondent is (in the report's order) when the report itself no
    longer says (``--anonymize``): the answers files read in this run still do, so the same people
    are recognised in a baseline. A report read back from its JSON file has only what it says."""
    dates = [row.date for row in report.respondents if row.date]
    who = identities if identities is not None else [row.name or row.organisation for row in report.respondents]
    if given is None and report.detail:
        given = [answers_of(assessment) for assessment in report.detail]
    answers = None
    if given is not None:
        answers = {row.label: kept for row, kept in zip(report.respondents, given, strict=False)}
    return Snapshot(
        rubric_id=report.rubric.id,
        rubric_version=report.rubric.version,
        initiative=report.initiative,
        assessed_on=max(dates) if dates else generated_on,
        verdict_id=report.verdict.id,
        verdict_label=report.verdict.label,
        overall=report.overall,
        areas={item.area.id: item.percent for item in report.areas},
        findings=tuple(_brief_of(report, finding) for finding in report.findings),
        covered=_covered_briefs(
            [
                _stated_brief(_brief_of(report, covered), _raised_by(report, finding))
                for finding in report.findings
                for covered in finding.covers
            ],
            {finding.id for finding in report.findings},
        ),
        answers=answers,
        identities=dict(zip((row.label for row in report.respondents), who, strict=True)),
        organisations={row.label: row.organisation for row in report.respondents if row.organisation},
        anonymized=report.anonymized,
        actions={action.id: action.findings for action in report.actions},
        action_values={action.id: civdata_values(action) for action in report.actions},
        respondents=len(report.respondents),
        coverages={row.label: row.coverage for row in report.respondents},
        language=report.rubric.lang,
        roles={row.label: row.role.id for row in report.respondents},
        answers_dated=bool(dates),
        dates={row.label: row.date for row in report.respondents if row.date},
        sources={row.label: row.source for row in report.respondents if row.source},
        rubric_sha256=report.rubric.sha256,
        area_weights={item.area.id: item.area.weight for item in report.areas},
        coverage=report.coverage,
        unheard=frozenset(role.id for role in (*report.missing_roles, *report.unheard_roles)),
        stated_in=_stated_in((finding.id, [covered.id for covered in finding.covers]) for finding in report.findings),
        ranges=_score_ranges(
            [(item.area.id, item.percent, item.open) for item in report.areas],
            report.overall,
            None if report.open_score is None else (report.open_score.low, report.open_score.high),
        ),
    )


def answers_of(assessment: Assessment) -> dict[str, AnswerBrief]:
    """One respondent's answers as a comparison reads them: those to the questions that apply to
    them, by question id."""
    return {
        result.question.id: AnswerBrief(_comparable(result.value), result.answer_text, result.note)
        for area in assessment.areas
        for result in area.questions
        if result.status.applies
    }


def _brief_of(report: Report, finding: Finding) -> FindingBrief:
    """A finding of a report built in this run, as a comparison recognises it."""
    source = finding.source
    return FindingBrief(
        finding.id,
        finding.severity,
        finding.title,
        _raised_by(report, finding),
        _on_blank(source.kind.value, source.answer, source.blank, source.possibly),
    )


def _stated_in(rules: Iterable[tuple[str, Sequence[str]]]) -> dict[str, tuple[str, ...]]:
    """:attr:`Snapshot.stated_in` from each finding's id and the ids it states in context."""
    found: dict[str, list[str]] = {}
    for rule_id, covered in rules:
        for covered_id in covered:
            found.setdefault(covered_id, []).append(rule_id)
    return {covered_id: tuple(rule_ids) for covered_id, rule_ids in found.items()}


def _stated_brief(covered: FindingBrief, rule_raised_by: tuple[str, ...] | None) -> FindingBrief:
    """A finding stated in a rule's context, raised by those it names (a combined report names
    whose rules took it in), else, in a report written before it said so, by the rule's raisers."""
    return covered if covered.raised_by else replace(covered, raised_by=rule_raised_by)


def _covered_briefs(covered: Sequence[FindingBrief], listed: set[str]) -> tuple[FindingBrief, ...]:
    """:attr:`Snapshot.covered`: each finding the rules' findings state in context once, by id,
    with everyone who raised it under any rule (two rules may state one finding, in a combined
    report for different respondents); none listed on its own as well, which is the one compared.

    Who raised it is whom the report names for it (:func:`_stated_brief`: a report written before
    civdata named them gives the rule's raisers instead). Named by nobody, it would rest on nobody,
    as a missing voice does, and be resolved when the respondent who raised it left."""
    by_id: dict[str, FindingBrief] = {}
    for brief in covered:
        if brief.id in listed:
            continue
        kept = by_id.get(brief.id)
        if kept is not None and kept.raised_by is not None and brief.raised_by is not None:
            brief = replace(kept, raised_by=tuple(dict.fromkeys((*kept.raised_by, *brief.raised_by))))
        elif kept is not None:
            brief = replace(kept, raised_by=None)  # who raised it under one rule cannot be told
        by_id[brief.id] = brief
    return tuple(by_id.values())


def _score_ranges(
    areas: Sequence[tuple[str, float | None, tuple[float, float] | None]],
    overall: float | None,
    overall_open: tuple[float, float] | None,
) -> dict[str, tuple[float, float]]:
    """:attr:`Snapshot.ranges` from each area's (id, score, range its blanks leave open) and the overall's."""
    ranges = {}
    for area_id, percent, bounds in (*areas, (OVERALL_ID, overall, overall_open)):
        if bounds is not None:
            ranges[area_id] = bounds
        elif percent is not None:
            ranges[area_id] = (percent, percent)
    return ranges


def _raised_by(report: Report, finding: Finding) -> tuple[str, ...] | None:
    """The labels of the respondents whose answers raised ``finding``: the one respondent of a
    single report; in a combined one, those the finding names (none for a missing voice). None
    for a large group's disagreement, which names nobody (as its JSON report, :func:`_json_raised_by`):
    who disagreed cannot be told, which is not "nobody", as a missing voice's none is."""
    if not report.multiple:
        return () if finding.source.kind is FindingKind.ROLE else tuple(row.label for row in report.respondents)
    if finding.source.kind is FindingKind.DIVERGENCE and not finding.source.respondents:
        return None
    return tuple(report.respondents[position].label for position in finding.source.respondents)


def _on_blank(kind: str, answer: str | None, blank: Sequence[str], possibly: bool) -> bool:
    """Whether a finding rests on questions left blank alone (:attr:`FindingBrief.on_blank`): a
    rule's that only possibly holds (``possibly``) with questions left blank (``source.blank``),
    an answer's when nobody who raised it gave an answer. A rule the answers show for certain
    does not rest on the blanks among the questions it reads: it holds whatever they are, and
    counting it neither new nor resolved would let one blank hide it from
    ``--fail-on-regression``."""
    if not blank:
        return False
    return possibly if kind == FindingKind.RULE.value else not answer


def snapshot_from_json(data: Mapping[str, Any]) -> Snapshot:
    """A JSON report (already checked against the report schema) as a snapshot."""
    by_id = {finding["id"]: finding for finding in data["covered_findings"]}
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
        findings=tuple(_json_brief(data, finding) for finding in data["findings"]),
        covered=_covered_briefs(
            [
                _stated_brief(_json_brief(data, by_id[covered]), _json_raised_by(data, finding))
                for finding in data["findings"]
                for covered in finding["covers"]
                if covered in by_id
            ],
            {finding["id"] for finding in data["findings"]},
        ),
        answers=_json_answers(data),
        identities={row["label"]: row["name"] or row["organisation"] for row in data["respondents"]},
        organisations={row["label"]: row["organisation"] for row in data["respondents"] if row["organisation"]},
        anonymized=data["anonymized"],
        actions={action["id"]: tuple(action["findings"]) for action in data["actions"]},
        action_values={action["id"]: (action["act_by"] or "", action["owner"] or "") for action in data["actions"]},
        respondents=len(data["respondents"]),
        coverages={row["label"]: row["coverage"] for row in data["respondents"]},
        language=data["rubric"]["language"],
        roles={row["label"]: row["role"] for row in data["respondents"]},
        answers_dated=bool(dates),
        dates={row["label"]: row["answered_on"] for row in data["respondents"] if row.get("answered_on")},
        area_questions=_json_area_questions(data),
        ranges=_json_ranges(data),
        rubric_sha256=data["rubric"].get("sha256") or "",
        made_by=data["tool"]["version"],
        silent={row["label"]: row["role"] for row in data.get("silent_respondents", ())},
        area_weights={area["id"]: area["weight"] for area in data["areas"]},
        coverage=data["coverage"]["percent"],
        answer_scores=_json_answer_scores(data),
        unheard=frozenset([role["id"] for role in data.get("missing_roles", ())] + list(data.get("unheard_roles", ()))),
        stated_in=_stated_in((finding["id"], finding["covers"]) for finding in data["findings"]),
    )


def _json_brief(data: Mapping[str, Any], finding: Mapping[str, Any]) -> FindingBrief:
    """A finding of a JSON report (listed or covered), as a comparison recognises it."""
    source = finding["source"]
    return FindingBrief(
        finding["id"],
        Severity(finding["severity"]),
        finding["title"],
        _json_raised_by(data, finding),
        _on_blank(
            source["kind"],
            source["answer"],
            source.get("blank", ()),
            source.get("possibly", True),  # a report from before civdata said it
        ),
    )


def _json_ranges(data: Mapping[str, Any]) -> dict[str, tuple[float, float]] | None:
    """:attr:`Snapshot.ranges` of a JSON report; None when it was written before civdata said them,
    or when one of them does not hold its own score (:func:`_json_range`)."""
    areas, overall = data["areas"], data["overall"]
    if "open" not in overall or any("open" not in area for area in areas):
        return None
    try:
        given = [(area["id"], area["percent"], _json_range(area["percent"], area["open"])) for area in areas]
        return _score_ranges(given, overall["percent"], _json_range(overall["percent"], overall["open"]))
    except ValueError:
        return None


def _json_range(percent: float | None, given: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """One range of a JSON report, or None for none. A range its own score does not lie in (or
    upside down) is not one civdata wrote: the file was edited, and a gate must not be steered by
    it (ValueError, and the report's ranges are taken as unknown, as in an old report)."""
    if given is None:
        return None
    low, high = given["low"], given["high"]
    if low > high or (percent is not None and not low - 0.05 <= percent <= high + 0.05):
        raise ValueError("a range that does not hold its score")
    return low, high


def _json_raised_by(data: Mapping[str, Any], finding: Mapping[str, Any]) -> tuple[str, ...] | None:
    """Who raised a finding of a JSON report (see :func:`_raised_by`); None when a large group's
    report names nobody: it lists respondents only while they are few."""
    source = finding["source"]
    if source["kind"] == FindingKind.ROLE.value:
        return ()
    if data["kind"] == "single":
        return tuple(row["label"] for row in data["respondents"])
    return tuple(source["respondents"]) or None


def _json_people(data: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]] | None:
    """Each respondent of a JSON report whose answers it holds, by label, with the part of the
    report that holds them: a report on one person, or a combined one's ``detail`` (``--detail``);
    None for a combined report without it."""
    if data["kind"] == "single":
        return [(data["respondents"][0]["label"] if data["respondents"] else "", data)]
    if "detail" in data:
        return [(item["label"], item) for item in data["detail"]]
    return None


def _json_answers(data: Mapping[str, Any]) -> dict[str, dict[str, AnswerBrief]] | None:
    people = _json_people(data)
    if people is None:
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


def _json_answer_scores(data: Mapping[str, Any]) -> dict[str, dict[str, float]] | None:
    """:attr:`Snapshot.answer_scores` of a JSON report: each scored answer's score, by respondent."""
    people = _json_people(data)
    if people is None:
        return None
    return {
        label: {
            question["id"]: question["score"]
            for area in item["areas"]
            for question in area["questions"]
            if question["status"] == "answered" and isinstance(question["score"], int | float)
        }
        for label, item in people
    }


def _json_area_questions(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]] | None:
    """:attr:`Snapshot.area_questions` of a JSON report: a report on one person lists each area's
    questions, a combined one in each respondent's ``detail`` (when written with ``--detail``)."""
    if data["kind"] == "single":
        areas = data["areas"]
    elif data.get("detail"):
        areas = data["detail"][0]["areas"]
    else:
        return None
    return {area["id"]: tuple(question["id"] for question in area["questions"]) for area in areas}


def _comparable(value: Any) -> Any:
    """An answer value in one form whether it came from the model (tuples) or from JSON (lists)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def snapshot_without_own_words(rubric: Rubric, snapshot: Snapshot) -> Snapshot:
    """A baseline as an anonymized report compares with it: its answers as
    :func:`civdata.model.without_own_words` leaves those of the report, so no note or written
    answer of then is shown, and a written answer is not said to have changed."""
    if snapshot.answers is None:
        return snapshot
    answers = {
        label: {question_id: _without_own_words(rubric, question_id, brief) for question_id, brief in given.items()}
        for label, given in snapshot.answers.items()
    }
    return replace(snapshot, answers=answers)


def _without_own_words(rubric: Rubric, question_id: str, brief: AnswerBrief) -> AnswerBrief:
    if is_written(rubric, question_id, brief.value):
        return AnswerBrief(ANONYMIZED_TEXT, ANONYMIZED_TEXT, None)
    return replace(brief, note=None)
