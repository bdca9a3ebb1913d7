"""CI gates: decide pass or fail from a report. Pure; the CLI maps a failure to exit code 1.

A gate must never pass on an assessment that says too little. So whenever any gate is asked
for, a coverage floor applies too: the ``--min-coverage`` given, or else the lowest coverage the
rubric's verdicts ask for, or :data:`DEFAULT_COVERAGE_FLOOR` when they ask for none. A nearly
empty answers file fails its gates instead of passing them with a score computed from three
answers, whoever wrote the rubric.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from civdata.model import Direction, Rubric, Severity, Verdict
from civdata.problems import InputError, Problem, did_you_mean, option_problem, quoted_list
from civdata.records import record
from civdata.results import MISSING_VOICE, NO_ANSWER_SCORED, Finding, OpenScore, Trend, scored_apart
from civdata.wording import ON_BLANK_NOW, first_listed, number_words, plural

if TYPE_CHECKING:
    from civdata.progress import Progress, SeverityChange, WorseAnswer
    from civdata.snapshot import FindingBrief

#: The value of ``--fail-on-regression`` that fails on any score gone the wrong way; the others
#: are severities, failing on any finding at or above one raised now and not then (new, or in
#: place of another: :meth:`civdata.progress.Progress.raised_since`), or more severe than then
#: (:meth:`civdata.progress.Progress.risen_to`).
REGRESSION_SCORES = "scores"
#: The coverage floor of a gated run when neither ``--min-coverage`` nor any of the rubric's
#: verdicts sets one: the bundled rubric's own floor, so a custom rubric that forgets it does not
#: let a nearly empty answers file pass.
DEFAULT_COVERAGE_FLOOR = 75.0


@record
class GateSettings:
    """The gates a run asks for; None means that gate is not used."""

    fail_on: Severity | None = None
    fail_under: float | None = None
    fail_over: float | None = None
    fail_on_verdict: str | None = None
    min_coverage: float | None = None
    #: ``scores`` and/or severities (see :data:`REGRESSION_SCORES`); needs a baseline.
    fail_on_regression: tuple[str, ...] = ()

    @property
    def requested(self) -> bool:
        return bool(self.fail_on_regression) or any(
            value is not None
            for value in (self.fail_on, self.fail_under, self.fail_over, self.fail_on_verdict, self.min_coverage)
        )


@record
class GateCheck:
    """One gate: its option, the threshold given, whether it passed, and why, in one sentence."""

    gate: str
    threshold: str
    passed: bool
    reason: str
    #: False when it passed only because nothing it tests could be judged: a regression gate when
    #: no score, or no finding, could be compared with the baseline's. Said as a warning, so that
    #: a pipeline never takes a gate that looked at nothing for one that found nothing worse.
    judged: bool = True
    #: What a gate that passed and judged something did not judge, in words (``1 finding at or
    #: above 'high' raised now, not compared ...``); "" when it judged all it tests. Said as a
    #: warning too.
    not_judged: str = ""


@record
class GateOutcome:
    """Every gate asked for in a run, each passed or failed: the exit code and the gate lines come from it."""

    checks: tuple[GateCheck, ...]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> tuple[GateCheck, ...]:
        return tuple(check for check in self.checks if not check.passed)

    @property
    def unjudged(self) -> tuple[GateCheck, ...]:
        """The gates that passed having judged nothing (:attr:`GateCheck.judged`)."""
        return tuple(check for check in self.checks if check.passed and not check.judged)

    @property
    def partly_judged(self) -> tuple[GateCheck, ...]:
        """The gates that passed having left some of what they test unjudged (:attr:`GateCheck.not_judged`)."""
        return tuple(check for check in self.checks if check.passed and check.judged and check.not_judged)


def check_settings(rubric: Rubric, settings: GateSettings) -> None:
    """Refuse gates that cannot mean anything for this rubric, before any report is written."""
    problems: list[Problem] = []
    verdict_ids = [verdict.id for verdict in rubric.verdicts]
    if settings.fail_on_verdict is not None and settings.fail_on_verdict not in verdict_ids:
        message = (
            f"'{settings.fail_on_verdict}' is not a verdict of rubric '{rubric.id}'; choose "
            f"{quoted_list(verdict_ids)}" + did_you_mean(settings.fail_on_verdict, verdict_ids)
        )
        problems.append(option_problem("--fail-on-verdict", message))
    score_gates = (
        ("--fail-under", settings.fail_under, Direction.READINESS),
        ("--fail-over", settings.fail_over, Direction.RISK),
    )
    for option, value, direction in score_gates:
        if value is None:
            continue
        if not rubric.scored:
            message = f"rubric '{rubric.id}' scores nothing (a checklist); gate on its verdict or findings"
            problems.append(option_problem(option, message))
        elif rubric.direction is not direction:
            other = "--fail-over" if option == "--fail-under" else "--fail-under"
            message = (
                f"rubric '{rubric.id}' scores {rubric.direction.value}, where a higher score is "
                f"{'worse' if rubric.direction is Direction.RISK else 'better'}; use {other}"
            )
            problems.append(option_problem(option, message))
    problems += _regression_problems(settings.fail_on_regression)
    if REGRESSION_SCORES in settings.fail_on_regression and not rubric.scored:
        message = f"rubric '{rubric.id}' scores nothing (a checklist); gate on new findings with a severity instead"
        problems.append(option_problem("--fail-on-regression", message))
    if problems:
        raise InputError(problems)


def _regression_problems(values: tuple[str, ...]) -> list[Problem]:
    choices = [REGRESSION_SCORES, *(severity.value for severity in Severity)]
    return [
        option_problem(
            "--fail-on-regression",
            f"'{value}' is neither {REGRESSION_SCORES} (any score gone the wrong way) nor a severity (any new finding "
            f"at or above it); choose {quoted_list(choices)}" + _regression_hint(value, choices),
        )
        for value in values
        if value not in choices
    ]


def _regression_hint(value: str, choices: list[str]) -> str:
    """How to give several gates at once (``scores,high``, as the GitHub Action's input takes them):
    the option once for each. The closest single choice would drop the others without a word."""
    words = [word for word in re.split(r"[\s,;]+", value) if word]
    if len(words) > 1 and all(word in choices for word in words):
        again = " ".join(f"--fail-on-regression {word}" for word in words)
        return f"; give the option once for each gate: {again}"
    return did_you_mean(value, choices)


def coverage_floor(rubric: Rubric, settings: GateSettings) -> float | None:
    """The coverage every gated run must reach: ``--min-coverage``, else the rubric's lowest, else
    :data:`DEFAULT_COVERAGE_FLOOR`."""
    if settings.min_coverage is not None:
        return settings.min_coverage
    if not settings.requested:
        return None
    floors = [verdict.min_coverage for verdict in rubric.verdicts if verdict.min_coverage is not None]
    return min(floors) if floors else DEFAULT_COVERAGE_FLOOR


def evaluate_gates(
    rubric: Rubric,
    settings: GateSettings,
    *,
    findings: Sequence[Finding],
    overall: float | None,
    coverage: float,
    verdict: Verdict,
    progress: Progress | None = None,
    unscored: str | None = None,
    open_score: OpenScore | None = None,
) -> GateOutcome:
    """Every gate asked for, passed or not, with the reason in words. The regression gate needs
    ``progress`` (the command line refuses it without a baseline)."""
    checks: list[GateCheck] = []
    floor = coverage_floor(rubric, settings)
    if floor is not None:
        given = "--min-coverage" if settings.min_coverage is not None else "coverage floor"
        passed = coverage >= floor
        floor_at = number_words(floor)
        reason = (
            f"coverage {coverage:g}% reaches {floor_at}%"
            if passed
            else f"coverage {coverage:g}% is below {floor_at}%: too few questions were answered to rely on this report"
        )
        checks.append(GateCheck(given, floor_at, passed, reason))
    if settings.fail_on is not None:
        checks.append(_severity_gate(findings, settings.fail_on))
    if settings.fail_under is not None:
        gate = _score_gate(
            "--fail-under", overall, settings.fail_under, below=True, unscored=unscored, open_score=open_score
        )
        checks.append(gate)
    if settings.fail_over is not None:
        gate = _score_gate(
            "--fail-over", overall, settings.fail_over, below=False, unscored=unscored, open_score=open_score
        )
        checks.append(gate)
    if settings.fail_on_verdict is not None:
        failing = rubric.verdict_rank(verdict.id) >= rubric.verdict_rank(settings.fail_on_verdict)
        reason = f"the verdict is '{verdict.label}'" + (
            f", at or below '{settings.fail_on_verdict}'" if failing else f", better than '{settings.fail_on_verdict}'"
        )
        checks.append(GateCheck("--fail-on-verdict", settings.fail_on_verdict, not failing, reason))
    if progress is not None:
        checks += [_regression_gate(progress, value, findings) for value in settings.fail_on_regression]
    return GateOutcome(tuple(checks))


def _regression_gate(progress: Progress, value: str, findings: Sequence[Finding]) -> GateCheck:
    """Any score or the verdict worse than the baseline's (``scores``), or any finding at or above a
    severity raised now and not then (new, or in place of another) or more severe than then.
    It judges only what was compared: when nothing could be (the rubric records no change since the
    baseline's version, say), it passes, and its reason says so rather than "none is worse"."""
    if value == REGRESSION_SCORES:
        return _scores_regression(progress)
    severity = Severity(value)
    raised, risen = progress.raised_since(severity), progress.risen_to(severity)
    worse = progress.worse_to(severity)
    if not raised and not risen and not worse:
        skipped = progress.findings_not_compared
        if skipped and not progress.findings_compared:
            reason = (
                f"no finding could be compared with the baseline's ({plural(skipped, 'finding')} not compared), "
                "so none is known to be new or more severe"
            )
            return GateCheck("--fail-on-regression", value, True, reason, judged=False)
        reason = f"no finding at or above '{value}' new or more severe than then"
        reason += f" ({plural(skipped, 'finding')} not compared)" if skipped else ""
        if not progress.answers_compared:  # --anonymize, or a baseline that does not hold the answers
            reason += "; answers were not compared, so no one's move to a riskier answer was judged"
        left = _not_compared_at(progress, severity, findings)
        reason += f"; not judged: {left}" if left else ""
        return GateCheck("--fail-on-regression", value, True, reason, judged=True, not_judged=left)
    found = [(finding.severity, _raised_text(finding, before)) for finding, before in raised]
    found += [(item.after.severity, _risen_text(item)) for item in risen]
    found += [(item.severity, _worse_text(item)) for item in worse]
    found.sort(key=lambda pair: -pair[0].rank)
    listed = first_listed([text for _, text in found], 3)
    counted = [_regression_count(raised, risen, value)] if raised or risen else []
    if worse:
        counted.append(
            f"{plural(len(worse), 'answer')} now raising a finding at or above '{value}' more severe than the same "
            "respondent's answer then"
        )
    return GateCheck("--fail-on-regression", value, False, f"{'; '.join(counted)}: {listed}")


def _not_compared_at(progress: Progress, severity: Severity, findings: Sequence[Finding]) -> str:
    """``1 finding at or above 'high' raised now, not compared with the baseline's: critical: ...
    (the report says why)``: the findings
    raised now at or above the gate's severity that were not compared with the baseline's (raised
    only by someone new since, say, or resting on a question the rubric changed); "" for none.
    A critical finding of someone who wrote their name otherwise than then read "0 new" above a
    gate that passed (an outside review): a pass must say what it did not look at."""
    uncompared = set(progress.uncompared)
    left = [finding for finding in findings if finding.id in uncompared and finding.severity.rank >= severity.rank]
    if not left:
        return ""
    listed = first_listed([f"{finding.severity.value}: {finding.title}" for finding in left], 3)
    return (
        f"{plural(len(left), 'finding')} at or above '{severity.value}' raised now, not compared with the "
        f"baseline's: {listed} (the report says why)"
    )


def _regression_count(
    raised: Sequence[tuple[FindingBrief, FindingBrief | None]], risen: Sequence[SeverityChange], value: str
) -> str:
    """``2 new findings at or above 'high'``, ``... raised now and not then`` when one is raised in
    place of another (the comparison calls it "replaced", not "new"), ``... more severe than then``
    for a finding still open that rose (or ``new or more severe than then``, for both)."""
    count = plural(len(raised) + len(risen), "finding")
    in_place = any(before is not None for _, before in raised)
    if not risen:
        if in_place:
            return f"{count} at or above '{value}' raised now and not then"
        return f"{plural(len(raised), 'new finding')} at or above '{value}'"
    if not raised:
        return f"{count} at or above '{value}' more severe than then"
    return f"{count} at or above '{value}' " + (
        "raised now and not then, or more severe than then" if in_place else "new or more severe than then"
    )


def _raised_text(finding: FindingBrief, before: FindingBrief | None) -> str:
    """``high: Records are kept indefinitely (in place of low: ...)``: a finding the gate fails on."""
    text = f"{finding.severity.value}: {finding.title}" + (f" ({ON_BLANK_NOW})" if finding.on_blank else "")
    return text + (f" (in place of {before.severity.value}: {before.title})" if before is not None else "")


def _worse_text(item: WorseAnswer) -> str:
    """``Lead organisation 1, Community voice: high: ... (medium then)``: an answer the gate fails on."""
    who = f"{item.change.respondent}, " if item.change.respondent else ""
    then = item.severity_then.value if item.severity_then is not None else "no finding"
    return f"{who}{item.change.title}: {item.severity.value}: {item.finding_title} ({then} then)"


def _risen_text(item: SeverityChange) -> str:
    """``high: Respondents disagree on: Threat model (medium then)``: a finding more severe than then."""
    return f"{item.after.severity.value}: {item.after.title} ({item.before.severity.value} then)"


def _scores_regression(progress: Progress) -> GateCheck:
    """Any compared score, or the verdict, worse than then, or a voice the baseline had missing now.

    A team gating on scores alone passed when the community's respondents dropped out: without
    their answers, often the lowest, every score rose (an outside review). A score that lost a
    voice the rubric expects is not known to be better; the gate fails and says whose."""
    worse = progress.worse
    lost = [finding.title for finding in progress.new if finding.id.startswith(MISSING_VOICE)]
    reasons = []
    if worse:
        listed = first_listed([f"{item.title} {item.before:g} to {item.after:g}" for item in worse], 3)
        reasons.append(f"{plural(len(worse), 'score')} worse than the baseline's: {listed}")
    if progress.verdict_trend is Trend.WORSE:
        # The verdict is the headline score: a new critical finding can move it down a band while
        # every score rises, and the report shows it worse a few lines above "gates: passed".
        reasons.append(
            f"the verdict is worse than the baseline's: {progress.verdict_before} to {progress.verdict_after}"
        )
    if lost:
        reasons.append(
            f"{plural(len(lost), 'voice')} the baseline had {'is' if len(lost) == 1 else 'are'} missing now, "
            f"so the scores no longer hold {'its' if len(lost) == 1 else 'their'} view: {'; '.join(lost)}"
        )
    if reasons:
        return GateCheck("--fail-on-regression", REGRESSION_SCORES, False, "; and ".join(reasons))
    if not progress.scores_compared:
        reason = "no score could be compared with the baseline's (the report says why), so none is known to be worse"
        return GateCheck("--fail-on-regression", REGRESSION_SCORES, True, reason, judged=False)
    reason = "no compared score is worse than the baseline's"
    unknown = [item.title for item in (*progress.areas, progress.overall) if item.trend is Trend.NOT_COMPARED]
    if progress.verdict_trend is Trend.NOT_COMPARED:
        unknown.append("the verdict")
    if unknown:
        # A pass must not read as "nothing fell" when some scores could not be judged at all.
        reason += f"; not compared, so not judged: {first_listed(unknown, 10)} (the report says why)"
    return GateCheck("--fail-on-regression", REGRESSION_SCORES, True, reason)


def _severity_gate(findings: Iterable[Finding], fail_on: Severity) -> GateCheck:
    hits = [finding for finding in findings if finding.severity.rank >= fail_on.rank]
    if not hits:
        return GateCheck("--fail-on", fail_on.value, True, f"no finding at or above '{fail_on.value}'")
    worst = first_listed([f"{finding.severity.value}: {finding.title}" for finding in hits], 3)
    count = plural(len(hits), "finding")
    return GateCheck("--fail-on", fail_on.value, False, f"{count} at or above '{fail_on.value}': {worst}")


def _score_gate(
    option: str,
    overall: float | None,
    threshold: float,
    *,
    below: bool,
    unscored: str | None,
    open_score: OpenScore | None = None,
) -> GateCheck:
    """``unscored``: why there is no score (:attr:`~civdata.results.Report.unscored_reason`).
    ``open_score``: what the questions left blank leave open; the gate holds over all of it, as a
    verdict band does, so that leaving a question blank never passes a gate "I don't know" fails."""
    given = number_words(threshold)  # as given: a threshold rounded to 55.5 read "55.5 is below 55.5"
    shown = overall if overall is not None and math.isfinite(overall) else None
    if open_score is not None and scored_apart(shown, open_score):
        return _scored_apart_gate(option, shown, given, threshold, below=below, open_score=open_score)
    if shown is None:
        reason = unscored or NO_ANSWER_SCORED
        return GateCheck(option, given, False, f"{reason}, so the score cannot pass {given}")
    failing = shown < threshold if below else shown > threshold
    relation = _relation(failing, below=below)
    if not failing and open_score is not None:
        bound = open_score.low if below else open_score.high
        if bound < threshold if below else bound > threshold:
            reason = (
                f"overall score {shown:g}, but {bound:g} with the questions left blank answered at their worst (as "
                f'"I don\'t know" scores), {"is below" if below else "is above"} {given}'
            )
            return GateCheck(option, given, False, reason)
    return GateCheck(option, given, not failing, f"overall score {shown:g} {relation} {given}")


def _relation(failing: bool, *, below: bool) -> str:
    """How a score stands to a gate's threshold, in the words of every score gate's reason."""
    return ("is below" if below else "is above") if failing else ("reaches" if below else "stays within")


def _scored_apart_gate(
    option: str, overall: float | None, given: str, threshold: float, *, below: bool, open_score: OpenScore
) -> GateCheck:
    """A score gate on a score shown that no answers give, or on none where any answers to the
    questions left blank would give one (:func:`civdata.results.scored_apart`): it holds over what
    the blanks leave open, as a verdict band does."""
    low, high = open_score.low, open_score.high
    bound = low if below else high
    failing = bound < threshold if below else bound > threshold
    relation = _relation(failing, below=below)
    if overall is None:
        shown = "no answer given could be scored, but any answers to the questions left blank would be"
    else:
        shown = (
            f"overall score {overall:g} leaves out an area whose scored questions were all left blank, which any "
            "answers would score"
        )
    reason = f"{shown}: {low:g} to {high:g} with them answered, and {bound:g} {relation} {given}"
    return GateCheck(option, given, not failing, reason)
