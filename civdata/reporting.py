"""Build a report: the one core function the command line, ``tools/`` and the tests all call.

From answers to the report model and the outcome of the CI gates, with nothing read or written
here; the callers do the I/O and choose the renderer. Answers are taken one at a time and each
respondent's assessment is folded in and dropped, so a caller that reads files as a stream keeps
memory flat however many people answered.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from civdata.combine import Combiner
from civdata.gates import GateOutcome, GateSettings, evaluate_gates
from civdata.model import AnswerSet, Rubric, without_own_words
from civdata.records import record
from civdata.results import NAMED_LIMIT, Report
from civdata.scoring import assess

if TYPE_CHECKING:
    from civdata.baseline import Baseline
    from civdata.snapshot import Snapshot


@record
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
    ``progress``): every answer is kept while it is compared (the answers alone, not whole
    assessments, unless ``detail``).
    """
    # With a baseline, each person's answers are kept while the report is compared with it.
    combiner = _combined(rubric, answer_sets, anonymize=anonymize, detail=detail, keep_answers=baseline is not None)
    model = combiner.finish()
    if baseline is not None:
        # Only with a baseline: a plain report never needs it.
        from civdata.progress import compare
        from civdata.snapshot import snapshot_of, snapshot_without_own_words

        # An anonymized report names no file, and answers files are often named after people.
        source = "the baseline (file names hidden: --anonymize)" if anonymize else baseline.source
        progress = compare(
            rubric,
            snapshot_without_own_words(rubric, baseline.snapshot) if anonymize else baseline.snapshot,
            # Who is who from the answers read now, also when the report shows them by role only:
            # the baseline's people are matched by it; the report names none of them.
            snapshot_of(model, identities=combiner.identities(), given=combiner.kept()),
            baseline_source=source,
            plan=baseline.plan.rows if baseline.plan else None,
        )
        model = replace(model, progress=progress)
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
            open_score=model.open_score,
        )
    return BuiltReport(model, outcome)


def answers_snapshot(rubric: Rubric, answer_sets: Iterable[AnswerSet], *, anonymize: bool = False) -> Snapshot:
    """The snapshot of these answers scored now, with every respondent's answers (what a baseline
    of answers files, or a JSON report's answers scored again, is compared by): the report of
    :func:`build_report`, holding each person's answers and not their whole assessment."""
    from civdata.snapshot import snapshot_of

    combiner = _combined(rubric, answer_sets, anonymize=anonymize, detail=False, keep_answers=True)
    return snapshot_of(combiner.finish(), given=combiner.kept())


def _combined(
    rubric: Rubric, answer_sets: Iterable[AnswerSet], *, anonymize: bool, detail: bool, keep_answers: bool
) -> Combiner:
    """Every respondent's assessment folded into a combiner, ready to finish; with
    ``keep_answers``, each one's answers kept as a comparison reads them."""
    keeper = None
    if keep_answers:
        from civdata.snapshot import answers_of

        keeper = answers_of
    combiner = Combiner(rubric, anonymize=anonymize, keep_detail=detail, keep_answers=keeper)
    for answer_set in in_content_order(rubric, answer_sets) if anonymize else answer_sets:
        # --anonymize leaves out the respondents' own words, as import's does: notes and written
        # answers are never in the report, nor compared with a baseline's (below).
        combiner.add(assess(rubric, without_own_words(rubric, answer_set) if anonymize else answer_set))
    return combiner


def in_content_order(rubric: Rubric, answer_sets: Iterable[AnswerSet]) -> Iterator[AnswerSet]:
    """The answers of a group small enough to be listed person by person (:data:`NAMED_LIMIT` or
    fewer) by role, in the rubric's order, and within a role in the order of a hash of each one's
    content: the same every time for the same answers.

    An anonymized report numbers respondents within a role in the order it reads them
    ("Community representative 1", "2", ...) and lists them so. Read in file order, that was the
    order of the file names, and a workshop names its files after people (ana.yaml, leila.yaml):
    anyone in the room could tell who each label was. A comparison with a baseline matches people
    by who they are, never by label, so it does not depend on the order. A large group is read
    as it comes: its report lists nobody but in its appendix, and memory stays flat however many
    people answered; at most :data:`NAMED_LIMIT` + 1 answer sets are held.
    """
    stream = iter(answer_sets)
    first = list(itertools.islice(stream, NAMED_LIMIT + 1))
    if len(first) > NAMED_LIMIT:
        yield from first
        yield from stream
        return
    roles = rubric.role_positions
    yield from sorted(
        first, key=lambda answers: (roles.get(answers.respondent.role, len(roles)), _content_digest(answers))
    )


def _content_digest(answers: AnswerSet) -> str:
    """A hash of everything an answers file says (who, when, every answer and note): what orders
    respondents in an anonymized report, which neither a name nor a file name decides alone."""
    content = (
        answers.rubric_id,
        answers.rubric_version,
        answers.initiative,
        answers.respondent,
        answers.date,
        sorted(answers.answers.items()),
    )
    return hashlib.blake2b(repr(content).encode("utf-8"), digest_size=16).hexdigest()
