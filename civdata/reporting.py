"""Build a report: the one core function the command line, ``tools/`` and the tests all call.

From answers to the report model and the outcome of the CI gates, with nothing read or written
here; the callers do the I/O and choose the renderer. Answers are taken one at a time and each
respondent's assessment is folded in and dropped, so a caller that reads files as a stream keeps
memory flat however many people answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from civdata.actions import action_plan
from civdata.combine import Combiner
from civdata.gates import GateOutcome, GateSettings, evaluate_gates
from civdata.model import AnswerSet, Rubric
from civdata.results import Report
from civdata.scoring import assess


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
) -> BuiltReport:
    """The report on these respondents (one or many) and, when asked for, the gates' outcome.

    ``detail`` keeps every respondent's whole assessment in a report on several people (a report
    on one always has it).
    """
    combiner = Combiner(rubric, anonymize=anonymize, keep_detail=detail)
    for answer_set in answer_sets:
        combiner.add(assess(rubric, answer_set))
    model = combiner.finish()
    model = replace(model, actions=action_plan(rubric, model.findings))
    outcome = None
    if gates is not None and gates.requested:
        outcome = evaluate_gates(
            rubric,
            gates,
            findings=model.findings,
            overall=model.overall,
            coverage=model.coverage,
            verdict=model.verdict,
        )
    return BuiltReport(model, outcome)
