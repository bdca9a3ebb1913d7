"""Since the last assessment: the wording of a comparison with a baseline every format shares.

Plain text, as :mod:`civdata.render.common` is: each renderer escapes or styles it for its medium.
Only a report with ``--baseline`` needs it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from civdata.model import Rubric
from civdata.render.common import chart_scale, number, score_name
from civdata.results import (
    PlanState,
    Report,
    Trend,
)
from civdata.wording import and_list, plural, respondents_per_role, verb

if TYPE_CHECKING:
    from civdata.progress import (
        AnswerChange,
        AnswerCount,
        CarriedAction,
        FindingReplacement,
        Progress,
        ScoreChange,
        SeverityChange,
    )
    from civdata.snapshot import AnswerBrief


TREND_WORDS = {
    Trend.BETTER: "better",
    Trend.WORSE: "worse",
    Trend.SAME: "unchanged",
    Trend.NOT_COMPARED: "not compared",
}
#: A sign beside the word, so a reader who cannot see colour still sees the direction at a glance.
TREND_MARKS = {Trend.BETTER: "▲", Trend.WORSE: "▼", Trend.SAME: "=", Trend.NOT_COMPARED: "–"}
PLAN_STATE_WORDS = {
    PlanState.DONE: "done: its findings are gone",
    PlanState.STILL_THERE: "marked done, but the finding is still there",
}


#: How a finding raised in place of another compares with it (:attr:`FindingReplacement.trend`).
REPLACEMENT_WORDS = {Trend.WORSE: "more severe", Trend.BETTER: "milder", Trend.SAME: "as severe"}
#: ``by a more severe one`` (one replacement) or ``by more severe ones`` (several): the counts say
#: the worst first, then those as severe, then the milder.
_REPLACED_BY = {
    Trend.WORSE: ("by a more severe one", "by more severe ones"),
    Trend.SAME: ("by another as severe", "by others as severe"),
    Trend.BETTER: ("by a milder one", "by milder ones"),
}
#: Under the list of replaced findings (Markdown and HTML): why they are not resolved.
REPLACED_NOTE = (
    "Each was raised then and is not now, but the same respondents' answer to its question now raises the finding "
    "after the arrow in its place: the matter is still there, so it is not counted as resolved."
)


def replacement_trend(item: FindingReplacement | SeverityChange) -> str:
    """``▼ more severe``: how the finding raised in place of another, or under the same id, now
    compares with the one then (plain text)."""
    return f"{TREND_MARKS[item.trend]} {REPLACEMENT_WORDS[item.trend]}"


#: Over the findings still open whose severity changed (:attr:`Progress.severity_changed`).
SEVERITY_CHANGED_HEADING = "Findings whose severity changed"
#: Under that heading (Markdown and HTML): why a finding still open is rated otherwise.
SEVERITY_CHANGED_NOTE = (
    "Each was raised then and still is, and is rated otherwise now: a disagreement among respondents by how far "
    "apart their answers are, any other finding by the rubric version of each report."
)
#: ``1 more severe than then``: the findings still open whose severity rose, or fell, as the counts say them.
_SEVERITY_CHANGED_BY = {Trend.WORSE: "more severe than then", Trend.BETTER: "milder than then"}


def still_open_count(progress: Progress, *, in_full: bool = True) -> str:
    """``32 still open (1 more severe than then, 2 now stated inside a rule's finding)``: how
    many findings were raised then and still are, and, in brackets when there are any, those whose
    severity rose or fell (a disagreement gone from medium to high is still open, and the counts,
    where a board reads them, say that it got worse) and, ``in_full``, those that moved into a
    rule's finding or out of one, which is why the counts need not add up to either report's number
    of findings listed (32 listed then, 1 new, 32 still open, 31 listed now): the comparison in
    full says it, the line under the verdict need not."""
    counts = Counter(item.trend for item in progress.severity_changed)
    parts = [f"{count} {words}" for trend, words in _SEVERITY_CHANGED_BY.items() if (count := counts[trend])]
    if progress.stated_now and in_full:
        parts.append(f"{len(progress.stated_now)} now stated inside a rule's finding")
    if progress.stated_then and in_full:
        parts.append(f"{len(progress.stated_then)} stated inside a rule's finding then")
    brackets = f" ({', '.join(parts)})" if parts else ""
    return f"{len(progress.still_open)} still open{brackets}"


def replaced_count(replaced: Iterable[FindingReplacement]) -> str:
    """``1 replaced by a more severe one``, or ``3 replaced (1 by a more severe one, 2 by milder
    ones)``: a worsening is said in the counts, where a board reads them."""
    counts = Counter(item.trend for item in replaced)
    parts = [(count, words[count != 1]) for trend, words in _REPLACED_BY.items() if (count := counts[trend])]
    if len(parts) == 1:
        return f"{parts[0][0]} replaced {parts[0][1]}"
    return f"{counts.total()} replaced (" + ", ".join(f"{count} {words}" for count, words in parts) + ")"


#: Said, in place of its recommendation, of a finding a rule's finding states in context that the
#: report lists on its own too (in a combined report, for respondents the rule does not hold for):
#: the finding and its advice are read once, where it is listed.
LISTED_TOO = "Listed on its own too, with everyone who raised it."


def change_text(item: ScoreChange, *, in_full: bool = True) -> str:
    """``+6.8 better``, ``unchanged``, or ``not compared: why`` (its mark, from :data:`TREND_MARKS`,
    goes before it, outside any escaping). A change that holds whatever the questions left blank
    would be says so; ``in_full``, with the bounds then and now and which blanks, which the table
    of the comparison in full gives and the line under the verdict leaves to it."""
    word = TREND_WORDS[item.trend]
    if item.trend is Trend.NOT_COMPARED:
        return word + (f": {item.reason}" if item.reason else "")
    change = item.change
    signed = f"{'+' if change and change > 0 else ''}{number(change)} " if change else ""
    despite = item.despite_blanks
    if despite is None:
        return f"{signed}{word}"
    if not in_full:
        return f"{signed}{word} {WHATEVER_THE_BLANKS}"
    # The score went down (worse for readiness, better for risk): its highest now is below its
    # lowest then; else its lowest now is above its highest then.
    falls = despite.after[1] < despite.before[0]
    now, then = (despite.after[1], despite.before[0]) if falls else (despite.after[0], despite.before[1])
    most, least = ("at most", "at least") if falls else ("at least", "at most")
    return (
        f"{signed}{word} {WHATEVER_THE_BLANKS}: {most} {number(now)} now, {least} {number(then)} then; {despite.blanks}"
    )


#: After a change of score that the questions left blank, then or now, could not undo.
WHATEVER_THE_BLANKS = "whatever the questions left blank would be"


def trend_text(trend: Trend) -> str:
    return f"{TREND_MARKS[trend]} {TREND_WORDS[trend]}"


def since_text(progress: Progress) -> str:
    """``Compared with the assessment of 2026-08-01 (old.json, rubric version 1.1.0)``; ``rubric
    version 1.2.2, scored with 1.2.3`` for answers of then made for an older PATCH version."""
    when = f"of {progress.baseline_on}" if progress.baseline_on else "given as the baseline"
    version = progress.baseline_version
    if progress.baseline_scored_with:
        version += f", scored with {progress.baseline_scored_with}"
    return (
        f"Compared with the assessment {when} ({progress.baseline_source}, rubric version {version})"
        + warnings_text(progress)
    )


def warnings_text(progress: Progress) -> str:
    """``. Not the same group: ...``: what to know before reading any change (not the same group,
    the same day), said after the first line of every comparison; empty when there is nothing."""
    return "".join(f". {caution.text}" for caution in progress.warnings)


def since_summary(progress: Progress, rubric: Rubric) -> str:
    """``Since the last assessment (2026-10-14): verdict unchanged (Ready with conditions); overall
    score 55.5 → 58 (▲ +2.5 better); 4 findings resolved, ... Read with care: not the same
    group``: what changed, in one line under the verdict of a Markdown or HTML report (and under
    the terminal's box), then, by their few words, what to know before reading any change. The
    comparison in full, with each of those in a sentence, comes after what to do first, so that
    the first screen still holds the verdict, the scores and the first actions: the sentences here
    took eleven lines of a large group's Markdown report and pushed them off it (the review
    "formats")."""
    if progress.verdict_trend is Trend.SAME:
        parts = [f"verdict unchanged ({progress.verdict_after})"]
    else:
        changed = f"{progress.verdict_before} → {progress.verdict_after}"
        parts = [f"verdict {changed} ({trend_text(progress.verdict_trend)})"]
    if rubric.scored:
        overall = progress.overall
        scores = " → ".join("–" if value is None else number(value) for value in (overall.before, overall.after))
        change = change_text(overall, in_full=False)
        parts.append(f"overall {score_name(rubric)} {scores} ({TREND_MARKS[overall.trend]} {change})")
    parts.append(progress_counts(progress, in_full=False))
    if progress.plan:
        parts.append(plan_count(progress))
    when = f" ({progress.baseline_on})" if progress.baseline_on else ""
    cautions = and_list([caution.headline for caution in progress.warnings])
    return (
        f"Since the last assessment{when}: "
        + "; ".join(parts)
        + (f". {READ_WITH_CARE}: {cautions}" if cautions else "")
    )


#: Before the few words of each :class:`~civdata.progress.Caution` in :func:`since_summary`.
READ_WITH_CARE = "Read with care"
#: After :func:`since_summary` in a report whose comparison in full comes after what to do first.
SINCE_IN_FULL = "In full below, after what to do first."


#: Over the owners and dates a team set in its kept plan (:attr:`Progress.carried`), and what they are.
CARRIED_HEADING = "Owners and dates the team set"
CARRIED_NOTE = (
    "Set in the plan given with --baseline-plan, for actions still to do; a plan written with --plan keeps them. "
    "Every other owner and date is the rubric's."
)


#: After the id an action has in this report's plan, or had in the kept one, when the two differ
#: (:attr:`civdata.progress.PlanCheck.now`, :attr:`civdata.progress.CarriedAction.was`).
IN_THIS_PLAN = "in this plan"
IN_THE_KEPT_PLAN = "in the kept plan"


def carried_values(item: CarriedAction) -> list[tuple[str, str]]:
    """What the team set for one action, as (what, value) pairs: each format escapes the value its own way."""
    pairs = [("owner", item.owner)] if item.owner is not None else []
    return pairs + ([("act by", item.act_by)] if item.act_by is not None else [])


def plan_count(progress: Progress) -> str:
    """``3 actions marked done: 1 done, 2 with their findings still there``: what became of the
    actions the team ticked in its kept plan, in the lines a CI job's summary and a report's first
    screen show. "The team thinks it is done, the answers say it is not" was said only in the
    report's full comparison (an outside review)."""
    count = len(progress.plan)
    still = sum(1 for check in progress.plan if check.state is PlanState.STILL_THERE)
    done = count - still
    parts = [f"{done} done"] if done else []
    if still:
        parts.append(f"{still} with {'its finding' if still == 1 else 'their findings'} still there")
    return f"{plural(count, 'action')} marked done: {', '.join(parts)}"


def carried_count(progress: Progress) -> str:
    """``2 actions keep the owner or date the team set in the kept plan``: the summary's line."""
    count = len(progress.carried)
    return f"{plural(count, 'action')} {verb(count, 'keeps', 'keep')} the owner or date the team set in the kept plan"


def progress_counts(progress: Progress, *, in_full: bool = True) -> str:
    """``3 findings resolved, 1 replaced by a more severe one, 1 new, 30 still open (1 more severe
    than then); 7 answers changed`` (replaced, and more severe, only when any was), or ``answers
    not compared`` when nobody's could be (:attr:`Progress.answers_compared`): "0 answers changed"
    would say that they were looked at and found the same. Not ``in_full`` (the line under the
    verdict), it leaves out what was not compared, and what :func:`still_open_count` leaves out."""
    counts = [f"{plural(len(progress.resolved), 'finding')} resolved"]
    counts += [replaced_count(progress.replaced)] if progress.replaced else []
    counts += [f"{len(progress.new)} new", still_open_count(progress, in_full=in_full)]
    text = ", ".join(counts)
    if not progress.answers_compared:
        return text + "; answers not compared" if in_full else text
    return text + f"; {plural(progress.answers_changed, 'answer')} changed"


#: Under a large group's changed answers, counted: where each person's are.
COUNTED_CHANGES_NOTE = (
    "Counted, as everything about people in a large group's report: who changed which answer, and their "
    "notes, are in the JSON reports made with --detail (each respondent's answers then and now)."
)


def answer_count_who(report: Report, item: AnswerCount) -> str:
    """``2 respondents (Funder: 1 of 3; Partner organisation: 1 of 10)``: how many of a large
    group changed an answer that way, per role, out of those of the role whose answers were
    compared (:attr:`~civdata.progress.Progress.answers_compared_by_role`, in both reports), as
    :func:`role_breakdown` counts people: nobody who is in one report only could have changed it."""
    compared = report.progress.answers_compared_by_role if report.progress is not None else ()
    return respondents_per_role(report.rubric, item.by_role, of=dict(compared))


def answer_then_now(change: AnswerChange | AnswerCount) -> tuple[str, str]:
    """An answer then and now, in words (``not answered`` when there was none). One whose answer
    is the same then and now changed only its note (a large group's count leaves the notes out),
    and says so, rather than showing the same words on both sides of an arrow."""

    def shown(brief: AnswerBrief | None) -> str:
        if brief is None:
            return "not asked"
        return brief.text if brief.text is not None and brief.value is not None else "not answered"

    before, after = change.before, change.after
    same = before is not None and after is not None and (before.value, before.text) == (after.value, after.text)
    return shown(before), f"{shown(after)} (only the note changed)" if same else shown(after)


PROGRESS_CHART_ALT = "Line chart of the scores then and now"


def progress_chart_svg(report: Report, *, id_prefix: str = "progress") -> str | None:
    """The scores then and now as a picture over time; None when no score could be compared."""
    progress = report.progress
    if progress is None or not progress.history:
        return None
    from civdata.charts import time_chart

    return time_chart(
        progress.history, title="Scores then and now", scale=chart_scale(report.rubric), id_prefix=id_prefix
    )
