"""Combine several respondents' assessments of one initiative into one report. Pure: no I/O.

The funder, the lead organisation, its partners and the people described by the data see the same
initiative differently, and with unequal power. One respondent's answers hide that, so this module
keeps every respondent's view beside the combined one and turns disagreement and absence into
findings of their own:

- **alignment** findings (kind ``divergence``) for questions whose scores differ widely between
  respondents, more severe as the spread and the question's weight grow;
- **missing voice** findings (kind ``role``) for roles the rubric expects but nobody answered as.

Scoring itself is never redone here: every number starts from :func:`civdata.scoring.assess`, and
overall scores are computed from area scores by :func:`civdata.scoring.overall_score`, the same way
as for one respondent. ``docs/multi-respondent.md`` explains the method for readers of a report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from statistics import mean, median

from civdata.conditions import OVERALL, AnswerState
from civdata.model import Area, Question, Respondent, Role, Rubric, Severity, Verdict
from civdata.results import AreaResult, Assessment, Finding, FindingSource, Note, Score, Strength
from civdata.scoring import choose_verdict, overall_score, sort_findings

#: Each ``divergence.combine`` method: its name and what it does, in words for reports.
COMBINE_METHODS: dict[str, tuple[str, str]] = {
    "role_weighted_mean": (
        "role-weighted mean",
        "the mean of the respondents in each role, then the mean of those role scores weighted by the "
        "rubric's role weights, over the roles that answered",
    ),
    "median": ("median", "the middle of the respondents' scores, each respondent counting once"),
    "mean": ("mean", "the mean of the respondents' scores, each respondent counting once"),
    "min": ("minimum", "the lowest score any respondent gave, the most cautious view"),
}

#: Alignment severity from ``spread × question weight``: the first row whose floor is reached.
#: Spread is 0-1 (highest minus lowest question score), so with the default weight of 1 a complete
#: disagreement (one respondent scores 0, another 1) is medium, and on a question weighted 2 it is
#: high. Never critical: a disagreement is a reason to talk before acting, not proof of harm.
DIVERGENCE_SEVERITY: tuple[tuple[float, Severity], ...] = (
    (1.5, Severity.HIGH),
    (0.75, Severity.MEDIUM),
    (0.0, Severity.LOW),
)


@dataclass(frozen=True)
class RespondentEntry:
    """One respondent as the combined report shows them: a display label and their assessment.

    When the report is anonymized the assessment's answers carry the label as the name and no
    organisation or file path, so a renderer cannot leak them even by accident.
    """

    label: str
    role: Role
    assessment: Assessment

    @property
    def organisation(self) -> str | None:
        return self.assessment.answers.respondent.organisation


@dataclass(frozen=True)
class RoleScore:
    """The scores of everyone who answered in one role: per area (by area id) and overall.

    ``respondents`` are positions in :attr:`CombinedReport.respondents`, as everywhere in this
    model: people are referred to by who they are, never by a label that could be shared.
    """

    role: Role
    respondents: tuple[int, ...]
    areas: dict[str, float | None]
    overall: float | None


@dataclass(frozen=True)
class AreaCombined:
    """One area's combined score (0-100), or None when no respondent's answers counted in it."""

    area: Area
    percent: float | None


@dataclass(frozen=True)
class AnswerGiven:
    """What one respondent (a position in the report's respondents) answered to a question, and
    the 0-1 score the rubric gives it."""

    respondent: int
    role: Role
    answer: str
    score: float
    note: str | None = None


@dataclass(frozen=True)
class Divergence:
    """A question respondents scored far apart; ``finding_id`` names its alignment finding."""

    question: Question
    spread: float
    severity: Severity
    answers: tuple[AnswerGiven, ...]
    finding_id: str


@dataclass(frozen=True)
class AreaDisagreement:
    """An area where roles disagree: the highest and lowest role scores, and the points between."""

    area: Area
    spread: float
    highest: tuple[Role, float]
    lowest: tuple[Role, float]


@dataclass(frozen=True)
class CombinedReport:
    """Several respondents' assessments of one initiative: the model the combined renderers read."""

    rubric: Rubric
    initiative: str
    method: str
    anonymized: bool
    respondents: tuple[RespondentEntry, ...]
    roles: tuple[RoleScore, ...]
    areas: tuple[AreaCombined, ...]
    overall: float | None
    coverage: float
    findings: tuple[Finding, ...]
    divergences: tuple[Divergence, ...]
    area_disagreements: tuple[AreaDisagreement, ...]
    missing_roles: tuple[Role, ...]
    verdict: Verdict
    strengths: tuple[Strength, ...] = ()

    @property
    def method_name(self) -> str:
        return COMBINE_METHODS[self.method][0]

    @property
    def method_description(self) -> str:
        """``role-weighted mean (the mean of ...)``: the method and what it does."""
        name, description = COMBINE_METHODS[self.method]
        return f"{name} ({description})"


def divergence_severity(spread: float, weight: float) -> Severity:
    """The alignment finding's severity for a question's spread (0-1) and weight."""
    impact = spread * weight
    return next(severity for floor, severity in DIVERGENCE_SEVERITY if impact >= floor)


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
        role = rubric.role(respondent.role)
        role_label = f"{role.label if role else respondent.role} {per_role[respondent.role]}"
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
    return replace(assessment, answers=hidden)


def combine(rubric: Rubric, assessments: Sequence[Assessment], *, anonymize: bool = False) -> CombinedReport:
    """Combine one assessment per respondent, all of one initiative and ``rubric``, into one report."""
    if not assessments:
        raise ValueError("combining needs at least one assessment")
    labels = respondent_labels(rubric, [a.answers.respondent for a in assessments], anonymize=anonymize)
    entries = tuple(
        RespondentEntry(
            label,
            _role(rubric, assessment.answers.respondent.role),
            anonymize_assessment(assessment, label) if anonymize else assessment,
        )
        for label, assessment in zip(labels, assessments, strict=True)
    )
    role_percents = _role_scores(rubric, entries)
    area_percents = _combined_areas(rubric, entries, role_percents)
    roles = tuple(
        RoleScore(
            _role(rubric, role_id),
            tuple(index for index, entry in enumerate(entries) if entry.role.id == role_id),
            _rounded(percents),
            _overall(rubric, percents),
        )
        for role_id, percents in role_percents.items()
    )
    overall = _overall(rubric, area_percents)
    shown = _rounded(area_percents)
    areas = tuple(AreaCombined(area, shown[area.id]) for area in rubric.areas)
    coverage = round(mean(entry.assessment.coverage.percent for entry in entries), 1)

    divergences = _divergences(rubric, entries)
    missing = tuple(role for role in rubric.roles if role.expected and role.id not in role_percents)
    findings = sort_findings(
        [
            *(_missing_voice_finding(role) for role in missing),
            *_merged_findings(entries),
            *(_alignment_finding(divergence) for divergence in divergences),
        ]
    )
    worst = findings[0].severity if findings else None
    # A verdict's `when` sees the combined scores; tests on answers have no single answer to look
    # at here, so they do not hold and such a band is not given (the cautious reading).
    scores: dict[str, float | None] = {area.id: percent for area, percent in ((a.area, a.percent) for a in areas)}
    scores[OVERALL] = overall
    state = AnswerState(rubric, {}, scores=scores)
    return CombinedReport(
        rubric=rubric,
        initiative=assessments[0].answers.initiative,
        method=rubric.combine,
        anonymized=anonymize,
        respondents=entries,
        roles=roles,
        areas=areas,
        overall=overall,
        coverage=coverage,
        findings=findings,
        divergences=divergences,
        area_disagreements=_area_disagreements(rubric, role_percents),
        missing_roles=missing,
        verdict=choose_verdict(rubric, overall, worst, coverage, state),
        strengths=_merged_strengths(entries),
    )


def _role(rubric: Rubric, role_id: str) -> Role:
    role = rubric.role(role_id)
    if role is None:
        raise ValueError(f"role '{role_id}' is not in rubric '{rubric.id}'; answers are checked before combining")
    return role


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


def _role_scores(rubric: Rubric, entries: tuple[RespondentEntry, ...]) -> dict[str, dict[str, float | None]]:
    """Each role that answered, in rubric order: the mean of its respondents' area scores (0-100).

    Unrounded, so combined and overall scores are computed before any rounding for display.
    """
    scores: dict[str, dict[str, float | None]] = {}
    for role in rubric.roles:
        members = [entry for entry in entries if entry.role.id == role.id]
        if not members:
            continue
        areas: dict[str, float | None] = {}
        for index, area in enumerate(rubric.areas):
            shares = [share for entry in members if (share := _area_share(entry.assessment.areas[index])) is not None]
            areas[area.id] = 100 * mean(shares) if shares else None
        scores[role.id] = areas
    return scores


def _combined_areas(
    rubric: Rubric, entries: tuple[RespondentEntry, ...], roles: dict[str, dict[str, float | None]]
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
            shares = [share for entry in entries if (share := _area_share(entry.assessment.areas[index])) is not None]
            combined[area.id] = 100 * _COMBINE_FUNCTIONS[rubric.combine](shares) if shares else None
    return combined


_COMBINE_FUNCTIONS: dict[str, Callable[[list[float]], float]] = {"median": median, "mean": mean, "min": min}


# --- Disagreement --------------------------------------------------------------------------------


def _divergences(rubric: Rubric, entries: tuple[RespondentEntry, ...]) -> tuple[Divergence, ...]:
    """Questions whose counted scores spread at least the rubric's threshold, most serious first.

    Only answers that count in a score are compared: a question that does not apply to someone,
    that they left blank or answered "not applicable" says nothing about how they see it.
    """
    results = [entry.assessment.question_results() for entry in entries]
    found = []
    for question in rubric.questions:
        given = [
            AnswerGiven(index, entry.role, result.answer_text or "", result.score, result.note)
            for index, (entry, by_id) in enumerate(zip(entries, results, strict=True))
            if (result := by_id[question.id]).counted and result.score is not None
        ]
        if len(given) < 2:
            continue
        spread = round(max(a.score for a in given) - min(a.score for a in given), 6)
        if spread <= 0 or spread < rubric.divergence_threshold:
            continue
        severity = divergence_severity(spread, question.weight)
        found.append(Divergence(question, spread, severity, tuple(given), f"divergence:{question.id}"))
    found.sort(key=lambda divergence: -divergence.spread * divergence.question.weight)
    return tuple(found)


def _area_disagreements(
    rubric: Rubric, role_percents: dict[str, dict[str, float | None]]
) -> tuple[AreaDisagreement, ...]:
    """Areas ranked by the gap between the highest and lowest role score, over roles scored there."""
    found = []
    for area in rubric.areas:
        scored = [
            (_role(rubric, role_id), round(value, 1))
            for role_id, percents in role_percents.items()
            if (value := percents[area.id]) is not None
        ]
        if len(scored) < 2:
            continue
        highest = max(scored, key=lambda pair: pair[1])
        lowest = min(scored, key=lambda pair: pair[1])
        found.append(AreaDisagreement(area, round(highest[1] - lowest[1], 1), highest, lowest))
    found.sort(key=lambda disagreement: -disagreement.spread)
    return tuple(found)


# --- Findings --------------------------------------------------------------------------------


def _merged_findings(entries: tuple[RespondentEntry, ...]) -> list[Finding]:
    """One finding per id, listing who raised it and keeping every note with its author.

    Who is a respondent's position in ``entries``, so a finding and its note are credited to the
    person whose answers raised them even when two people share a name.
    Findings raised by more respondents come first among equally severe ones: a problem many see
    is likelier to be real, and the stable severity sort keeps this order.
    """
    raised: dict[str, list[tuple[int, Finding]]] = {}
    for index, entry in enumerate(entries):
        for finding in entry.assessment.findings:
            raised.setdefault(finding.id, []).append((index, finding))
    merged = []
    for raisers in raised.values():
        first = raisers[0][1]
        answers = list(dict.fromkeys(f.source.answer for _, f in raisers if f.source.answer))
        source = replace(
            first.source,
            answer=" / ".join(answers) if answers else None,
            respondents=tuple(index for index, _ in raisers),
        )
        notes = tuple(replace(note, respondent=index) for index, finding in raisers for note in finding.notes)
        covers = {covered.id: covered for _, finding in raisers for covered in finding.covers}
        merged.append(replace(first, source=source, notes=notes, covers=tuple(covers.values())))
    merged.sort(key=lambda finding: -len(finding.source.respondents))
    return merged


def _merged_strengths(entries: tuple[RespondentEntry, ...]) -> tuple[Strength, ...]:
    """Each strength once, with everyone whose answers show it, most widely seen first."""
    seen: dict[tuple[str, str], list[tuple[int, Strength]]] = {}
    for index, entry in enumerate(entries):
        for strength in entry.assessment.strengths:
            seen.setdefault((strength.question_id, strength.text), []).append((index, strength))
    merged = [replace(raisers[0][1], respondents=tuple(index for index, _ in raisers)) for raisers in seen.values()]
    merged.sort(key=lambda strength: -len(strength.respondents))
    return tuple(merged)


def _alignment_finding(divergence: Divergence) -> Finding:
    question = divergence.question
    low = min(answer.score for answer in divergence.answers)
    high = max(answer.score for answer in divergence.answers)
    lowest_roles = _role_list([a.role for a in divergence.answers if a.score == low])
    highest_roles = _role_list([a.role for a in divergence.answers if a.score == high])
    return Finding(
        id=divergence.finding_id,
        severity=divergence.severity,
        title=f"Respondents disagree on: {question.title}",
        recommendation=(
            f"Before acting on this answer, bring the respondents who scored it lowest ({lowest_roles}) "
            f"and highest ({highest_roles}) together to compare what each knows, agree on the facts and "
            "record why they differed."
        ),
        explanation=(
            f"Answers score from {100 * low:g} to {100 * high:g} out of 100 (spread {divergence.spread:g}, "
            f"question weight {question.weight:g}). People who see the initiative this differently are "
            "likely to act on different assumptions."
        ),
        source=FindingSource(
            "divergence",
            question_id=question.id,
            respondents=tuple(answer.respondent for answer in divergence.answers),
        ),
        notes=tuple(Note(question.id, a.note, a.respondent) for a in divergence.answers if a.note),
    )


def _role_list(roles: list[Role]) -> str:
    return ", ".join(dict.fromkeys(role.label for role in roles))


def _missing_voice_finding(role: Role) -> Finding:
    return Finding(
        id=f"role:{role.id}",
        severity=role.missing_severity,
        title=f"Missing voice: nobody answered as {role.label}",
        recommendation=(
            f"Ask someone in the role “{role.label}” to answer the same rubric before decisions rest on "
            "this report; the rubric expects their view, and the others cannot stand in for it."
        ),
        explanation=role.description,
        source=FindingSource("role"),
    )
