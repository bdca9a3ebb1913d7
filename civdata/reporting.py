"""Build a report: the one core function the command line, ``tools/`` and the tests all call.

From answers to the report model and the outcome of the CI gates, with nothing read or written
here; the callers do the I/O and choose the renderer. Answers are taken one at a time and each
respondent's assessment is folded in and dropped, so a caller that reads files as a stream keeps
memory flat however many people answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from civdata.combine import Combiner
from civdata.gates import GateOutcome, GateSettings, evaluate_gates
from civdata.model import AnswerSet, Rubric, without_own_words
from civdata.results import Report
from civdata.scoring import assess

if TYPE_CHECKING:
    from civdata.baseline import Baseline


@dataclass(frozen=True)
class BuiltReport:
    """The report model, and the gates' outcome when any gate was asked for."""

    model: Report
    gates: GateOutcome | None


def build_report(
    rubric: Rubric,
    answer_sets: Iterable[AnswerSet],
    *,
    anonymize: bool = False,
    detail: bool = False,
    gates: GateSettings | None = None,
    baseline: Baseline | None = None,
) -> BuiltReport:
    """The report on these respondents (one or many) and, when asked for, the gates' outcome.

    ``detail`` keeps every respondent's whole assessment in a report on several people (a report
    on one always has it). With a ``baseline``, the report says what changed since (its
    ``progress``): every answer is kept while it is compared, and dropped after unless ``detail``.
    """
    combiner = Combiner(rubric, anonymize=anonymize, keep_detail=detail or baseline is not None)
    for answer_set in answer_sets:
        # --anonymize leaves out the respondents' own words, as import's does: notes and written
        # answers are never in the report, nor compared with a baseline's (below).
        combiner.add(assess(rubric, without_own_words(rubric, answer_set) if anonymize else answer_set))
    model = combiner.finish()
    if baseline is not None:
        # Only with a baseline: a plain report never needs it.
        from civdata.progress import compare, snapshot_of, snapshot_without_own_words

        # An anonymized report names no file, and answers files are often named after people.
        source = "the baseline (file names hidden: --anonymize)" if anonymize else baseline.source
        progress = compare(
            rubric,
            snapshot_without_own_words(rubric, baseline.snapshot) if anonymize else baseline.snapshot,
            # Who is who from the answers read now, also when the report shows them by role only:
            # the baseline's people are matched by it; the report names none of them.
            snapshot_of(model, identities=combiner.identities()),
            baseline_source=source,
            plan=baseline.plan.rows if baseline.plan else None,
        )
        model = replace(model, progress=progress, detail=model.detail if detail or not model.multiple else ())
    outcome = None
    if gates is not None and gates.requested:
        outcome = evaluate_gates(
            rubric,
            gates,
            findings=model.findings,
            overall=model.overall,
            unscored=model.unscored_reason,
            coverage=model.coverage,
            verdict=model.verdict,
            progress=model.progress,
        )
    return BuiltReport(model, outcome)
