"""A baseline JSON report's figures, scored again from the answers it holds.

A JSON report civdata wrote holds every answer behind its figures (a combined one, when written
with ``--detail``). Compared as written, its verdict, scores and findings are whatever the file
says: a pull request could lower them by hand, next to answers made worse, and the regression
gate would see no fall. When the report was made with the very rubric file of this report (the
same SHA-256), its answers are scored again here, as ``civdata report`` scores answers files, and
its figures must be those its answers give. Written by this civdata, a report whose figures are
not was edited after civdata wrote it: it is refused (exit 2), as is one with an answer the
rubric does not have. Written by another civdata, which may have scored the same answers
otherwise, what this civdata makes of its answers is compared, with a warning that says what
differs: only the answers that changed then show as changes.

Answers edited together with every figure they move are not told from a report civdata wrote:
only the review of a change to the baseline tells them (docs/progress.md says where to keep one).

A report made with another rubric file (another version, or the same version edited) keeps its
written figures: scored again with this rubric, its answers would say what this rubric makes of
them, not what the team was told then, and ``--baseline`` says so already (``progress``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from civdata import __version__
from civdata.answers_loader import answers_from_document, shape_after_reading
from civdata.model import AnswerSet, Rubric, Severity
from civdata.problems import InputError, Problem
from civdata.snapshot import AnswerBrief, Snapshot
from civdata.yamlsource import YamlDocument

#: How many differences a warning names before it says how many more there are.
_NAMED = 4


def rescored(written: Snapshot, rubric: Rubric, source: str) -> Snapshot:
    """The baseline to compare with: ``written`` (as its JSON report says), or what its answers give.

    When the report holds its answers and was made with ``rubric``'s own file, the answers are
    scored again. If what they give is not what the report says, it replaces it (the report's
    people, dates and plan are kept as written), and :attr:`~Snapshot.rescored_note` says so.
    """
    if written.answers is None or not written.rubric_sha256 or written.rubric_sha256 != rubric.sha256:
        return written
    if written.rubric_id != rubric.id or written.rubric_version != rubric.version:
        return written
    answer_sets = []
    problems: list[Problem] = []
    for label, answers in written.answers.items():
        try:
            answer_sets.append(_answer_set(written, label, answers, rubric))
        except InputError as error:
            problems += [
                Problem(
                    source,
                    0,
                    0,
                    f"{label}'s answers are not answers to the rubric file the report says it was made with "
                    f"({problem.message}): it was edited after civdata wrote it; {_REMAKE}",
                )
                for problem in error.problems
            ]
    if problems:
        raise InputError(problems)
    # Those who answered nothing count in no figure, but make a report on several files combined.
    answer_sets += [_answer_set(written, label, {}, rubric, role=role) for label, role in written.silent.items()]
    from civdata.reporting import answers_snapshot

    scored = answers_snapshot(rubric, answer_sets, anonymize=written.anonymized)
    differences = figure_differences(written, scored)
    if not differences:
        return written
    named = "; ".join(differences[:_NAMED])
    more = f"; and {len(differences) - _NAMED} more" if len(differences) > _NAMED else ""
    if written.made_by == __version__:
        message = (
            f"its figures are not what its own answers give, scored again with the rubric file it was made with: "
            f"{named}{more}; it was edited after civdata wrote it, and is not compared; {_REMAKE}"
        )
        raise InputError([Problem(source, 0, 0, message)])
    return replace(
        written,
        verdict_id=scored.verdict_id,
        verdict_label=scored.verdict_label,
        overall=scored.overall,
        areas=scored.areas,
        findings=scored.findings,
        covered=scored.covered,
        ranges=scored.ranges,
        unheard=scored.unheard,
        stated_in=scored.stated_in,
        coverages=scored.coverages if scored.coverages.keys() == written.coverages.keys() else written.coverages,
        rescored_note=(
            f"{source} was written by civdata {written.made_by}, which scored its answers otherwise than this civdata "
            f"{__version__} does with the same rubric file: {named}{more}. What this civdata makes of them is "
            "compared, so that only changed answers show"
        ),
    )


#: How to make a baseline whose figures are its answers'.
_REMAKE = (
    "give the report civdata wrote then, or write one from the answers of that time: civdata report ANSWERS -o "
    "baseline.json"
)


def figure_differences(written: Snapshot, scored: Snapshot) -> list[str]:
    """What a report says that its answers, scored again, do not: the verdict, the overall and
    area scores, and the findings (by id and severity), each as one short clause."""
    differences = []
    if written.verdict_id != scored.verdict_id:
        differences.append(f"verdict '{written.verdict_label}', its answers '{scored.verdict_label}'")
    for name, said_score, given_score in [("overall", written.overall, scored.overall)] + [
        (f"area '{area}'", written.areas.get(area), scored.areas.get(area))
        for area in dict.fromkeys([*written.areas, *scored.areas])
    ]:
        if said_score != given_score:
            differences.append(f"{name} {_score(said_score)}, its answers {_score(given_score)}")
    said_findings = {finding.id: finding.severity for finding in (*written.findings, *written.covered)}
    given_findings = {finding.id: finding.severity for finding in (*scored.findings, *scored.covered)}
    for finding_id in dict.fromkeys([*given_findings, *said_findings]):
        said, given = said_findings.get(finding_id), given_findings.get(finding_id)
        if said != given:
            differences.append(f"finding '{finding_id}' {_severity(said)}, its answers {_severity(given)}")
    return differences


def _severity(severity: Severity | None) -> str:
    return "not raised" if severity is None else severity.value


def _score(value: float | None) -> str:
    return "not scored" if value is None else f"{value:g}"


def _answer_set(
    snapshot: Snapshot, label: str, answers: Mapping[str, AnswerBrief], rubric: Rubric, *, role: str | None = None
) -> AnswerSet:
    """One respondent's answers in a baseline report, read as ``civdata report`` reads an answers
    file: every value checked against its question by the one reader of answers."""
    name = snapshot.identities.get(label)
    organisation = snapshot.organisations.get(label)
    respondent: dict[str, Any] = {"role": role if role is not None else snapshot.roles.get(label, "")}
    if name and name != organisation:
        respondent["name"] = name
    if organisation:
        respondent["organisation"] = organisation
    document: dict[str, Any] = {
        "format": 1,
        "rubric": {"id": snapshot.rubric_id, "version": snapshot.rubric_version},
        "initiative": snapshot.initiative,
        "respondent": respondent,
        "answers": {
            question_id: {"value": _as_written(answer.value), "note": answer.note}
            for question_id, answer in answers.items()
        },
    }
    if label in snapshot.dates:
        document["date"] = snapshot.dates[label]
    # As the rows of an export are read (civdata.submissions): the values, with no text to parse
    # again, which a report may hold though YAML may not (a noncharacter in a name).
    read = YamlDocument(f"{label} in the baseline", document)
    problems, reported = shape_after_reading(read, [])
    if problems or reported is None:
        raise InputError(problems)
    return answers_from_document(read, rubric, reported)


def _as_written(value: Any) -> Any:
    """An answer value as an answers file writes it: a list for several options."""
    return list(value) if isinstance(value, tuple) else value
