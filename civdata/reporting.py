"""Build a report: the one core function the command line, ``tools/`` and the tests all call.

From loaded answers to the report model and the outcome of the CI gates, with nothing read or
written here; the callers do the I/O and choose the renderer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from civdata.combine import CombinedReport, anonymize_assessment, combine, respondent_labels
from civdata.gates import GateOutcome, GateSettings, evaluate_gates
from civdata.model import AnswerSet, Rubric
from civdata.results import Assessment
from civdata.scoring import assess

Report = Assessment | CombinedReport


@dataclass(frozen=True)
class BuiltReport:
    """The report model, and the gates' outcome when any gate was asked for."""

    model: Report
    gates: GateOutcome | None


def build_report(
    rubric: Rubric,
    answer_sets: Sequence[AnswerSet],
    *,
    anonymize: bool = False,
    gates: GateSettings | None = None,
) -> BuiltReport:
    """One respondent's assessment, or, for several, their combined report, and the gates.

    One respondent keeps the single-respondent report, with the name replaced by a role label when
    anonymized, so adding ``--anonymize`` never changes which report a person gets.
    """
    assessments = [assess(rubric, answer_set) for answer_set in answer_sets]
    model: Report
    if len(assessments) > 1:
        model = combine(rubric, assessments, anonymize=anonymize)
    elif anonymize:
        label = respondent_labels(rubric, [answer_sets[0].respondent], anonymize=True)[0]
        model = anonymize_assessment(assessments[0], label)
    else:
        model = assessments[0]
    outcome = None
    if gates is not None and gates.requested:
        coverage = model.coverage if isinstance(model, CombinedReport) else model.coverage.percent
        outcome = evaluate_gates(
            rubric, gates, findings=model.findings, overall=model.overall, coverage=coverage, verdict=model.verdict
        )
    return BuiltReport(model, outcome)
