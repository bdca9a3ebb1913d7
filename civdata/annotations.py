"""What a CI platform shows of a report: findings at the answers that raised them, and input problems.

GitHub annotations (workflow commands), SARIF for code scanning and GitLab Code Quality all show
the same things, so they are chosen here once, from the one report model:

* every finding of the report, at the answer that raised it (:attr:`civdata.results.Finding.location`:
  a rule's first contributing answer, a disagreement's first answer; a question left out at the
  ``answers:`` line or a submission's row, :attr:`civdata.model.AnswerSet.answers_at`; a missing
  voice, which no answer raised, at the first line of the first answers file);
* every required question left unanswered, at its entry in the answers file, or where the answers
  are when it is not there, so a failed coverage floor points at what to fill in.

Each platform has its own words for how serious a thing is, mapped from civdata's severities in
one table per platform (docs/ci.md shows them). When a ``--fail-on`` gate is given, what fails it is
an error everywhere and nothing below it is, so code scanning and annotations fail exactly when
civdata's own gate does.

Everything from a file reaches a workflow command only through :func:`civdata.escape.workflow_data`,
:func:`civdata.escape.workflow_property` and, for ``file=``, :func:`civdata.escape.workflow_path`: a
value can never form a command of its own.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path, PurePath

from civdata.escape import workflow_data, workflow_path, workflow_property
from civdata.gates import GateOutcome
from civdata.initiatives import initiative_key
from civdata.model import Location, Rubric, Severity
from civdata.problems import Problem
from civdata.records import record
from civdata.render.common import (
    blank_answer_reason,
    blank_reading_words,
    left_blank_by,
    people_count,
    raised_by_words,
    rule_basis_clause,
)
from civdata.results import Finding, Report

#: GitHub annotation levels (workflow commands).
ANNOTATION_LEVELS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
    Severity.INFO: "notice",
}
#: SARIF ``level``.
SARIF_LEVELS: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
#: GitLab Code Quality ``severity``: one step each, in the same order.
CODE_QUALITY_SEVERITIES: dict[Severity, str] = {
    Severity.CRITICAL: "blocker",
    Severity.HIGH: "critical",
    Severity.MEDIUM: "major",
    Severity.LOW: "minor",
    Severity.INFO: "info",
}

#: The key of civdata's own fingerprint in SARIF ``partialFingerprints``; the version changes if
#: what goes into it ever does, so code scanning does not take old alerts for new ones.
FINGERPRINT_KEY = "civdataFinding/v1"


@record
class CiItem:
    """One thing to show at a place in a file: a finding, or a required question left unanswered.

    ``rule_id`` names the kind of thing (a finding's id, ``unanswered:QUESTION``), the same in
    every run and every file; ``fingerprint`` tells this one apart from the same kind elsewhere,
    and stays the same when lines move.
    """

    rule_id: str
    severity: Severity
    title: str
    message: str
    help: str
    location: Location | None
    fingerprint: str
    #: Whether it fails the ``--fail-on`` gate of this run.
    fails_gate: bool = False
    #: Rubric's explanation, for a rule's full description.
    explanation: str | None = None
    #: Whether it only may hold: it rests on "I don't know" answers or questions left blank
    #: (:attr:`civdata.results.FindingSource.possibly`), as every other format says of it.
    possibly: bool = False

    def annotation_level(self, gates: GateOutcome | None) -> str:
        return _gated(ANNOTATION_LEVELS[self.severity], self.fails_gate, gates, "warning")

    def sarif_level(self, gates: GateOutcome | None) -> str:
        return _gated(SARIF_LEVELS[self.severity], self.fails_gate, gates, "warning")

    @property
    def code_quality_severity(self) -> str:
        return CODE_QUALITY_SEVERITIES[self.severity]


def _gated(level: str, fails_gate: bool, gates: GateOutcome | None, below: str) -> str:
    """``level``, made ``error`` for what fails ``--fail-on`` and at most ``below`` for the rest."""
    if fail_on_threshold(gates) is None:
        return level
    if fails_gate:
        return "error"
    return below if level == "error" else level


def fail_on_threshold(gates: GateOutcome | None) -> Severity | None:
    """The severity ``--fail-on`` was given in this run, if it was."""
    if gates is None:
        return None
    check = next((check for check in gates.checks if check.gate == "--fail-on"), None)
    return Severity(check.threshold) if check is not None else None


def ci_items(report: Report, gates: GateOutcome | None = None) -> list[CiItem]:
    """Everything CI shows of ``report``, most severe first (findings before unanswered questions)."""
    threshold = fail_on_threshold(gates)
    fallback = _first_file(report)
    scope = _findings_scope(report)
    items = [_finding_item(report, finding, fallback, scope, threshold) for finding in report.findings]
    items.extend(_unanswered_items(report))
    return items


def _findings_scope(report: Report) -> str:
    """What the findings of ``report`` are about, for their fingerprints (see :func:`fingerprint`).

    In a report on one respondent, that respondent's file, by its path in the repository
    (:func:`repository_path`: the same whether it was given absolute or not). A combined report has one finding per
    id, whichever respondents raised it, so its findings are the initiative's: the files a finding
    is shown at depend on the order they were given in and on who else answered, and neither may
    make it another finding. The initiative's name is taken as respondents are matched on it, so
    the first file's spelling does not count either.
    """
    if report.multiple:
        return f"initiative\x1f{initiative_key(report.initiative)}"
    return repository_path(next((row.source for row in report.respondents if row.source), ""))


def _first_file(report: Report) -> Location | None:
    """The first line of the first answers file: where a finding no answer raised is shown."""
    source = next((row.source for row in report.respondents if row.source), "")
    return Location(source, 1, 1) if source else None


def _finding_item(
    report: Report, finding: Finding, fallback: Location | None, scope: str, threshold: Severity | None
) -> CiItem:
    """A finding as CI shows it: its title, who raised it and whose answers rule it out counted
    as the reports count them (``raised by 1 of 22 respondents``, ``raised by the spread of 4
    answers``: :func:`civdata.render.common.raised_by_words`), what blank it rests on, and the
    recommendation on the next line."""
    location = finding.location or fallback
    count = len(finding.source.respondents)
    who = raised_by_words(report, finding)
    raised = f" (raised by {who})" if who else ""
    if finding.source.ruled_out:
        raised += f" (ruled out by the answers of {people_count(report, finding.source.ruled_out)})"
    blank = _left_blank(report.rubric, finding, count)
    if blank:
        raised += f" ({blank})"
    return CiItem(
        rule_id=finding.id,
        severity=finding.severity,
        title=f"{finding.severity.value}: {finding.title}",
        message=f"{finding.title}{raised}\n{finding.recommendation}",
        help=finding.recommendation,
        location=location,
        fingerprint=fingerprint(finding.id, scope, finding.source.question_id),
        fails_gate=threshold is not None and finding.severity.rank >= threshold.rank,
        explanation=finding.explanation,
        possibly=finding.source.possibly,
    )


def _left_blank(rubric: Rubric, finding: Finding, count: int) -> str:
    """``threat-model left blank: a blank could be any answer, …``: what a finding resting on a
    blank says in CI (a rule's, or the question's own), with questions named by id."""
    read_as = blank_reading_words(rubric, finding)
    if read_as is None:  # a rule's: on its blanks, or else on "I don't know" answers (rule_basis_clause)
        return rule_basis_clause(finding, list(finding.source.blank), count).removeprefix(", ")
    return f"{finding.source.question_id} left blank{left_blank_by(count)}: {blank_answer_reason(read_as)}"


def _unanswered_items(report: Report) -> list[CiItem]:
    items = []
    for assessment in report.detail:
        answers = assessment.answers
        for question_id in assessment.coverage.unanswered_required:
            question = assessment.rubric.question(question_id)
            location = answers.location(question_id)
            items.append(
                CiItem(
                    rule_id=f"unanswered:{question_id}",
                    severity=Severity.INFO,
                    title=f"unanswered: {question.title}",
                    message=f"The required question '{question_id}' ({question.title}) is not answered.\n"
                    "Answer it, or answer that it does not apply; a report on too few answers cannot be relied on.",
                    help=question.help or question.prompt or question.title,
                    location=location,
                    fingerprint=fingerprint(f"unanswered:{question_id}", repository_path(answers.source), question_id),
                )
            )
    return items


def fingerprint(rule_id: str, scope: str, question_id: str | None) -> str:
    """A stable identity for one item: what it is and what it is about (``scope``: the answers
    file it was found in, or in a combined report the initiative), never the line (lines move)."""
    key = "\x1f".join((rule_id, scope, question_id or ""))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


# --- GitHub Actions workflow commands ------------------------------------------------------------


def workflow_command(command: str, message: str, properties: Mapping[str, object] | None = None) -> str:
    """``::command key=value,...::message``, every value and the message encoded for the runner:
    ``file`` as the exact path the runner is to find (:func:`workflow_path`), every other property
    as text people read (:func:`workflow_property`)."""
    listed = ",".join(
        f"{key}={workflow_path(value) if key == 'file' else workflow_property(value)}"
        for key, value in (properties or {}).items()
    )
    return f"::{command}{' ' + listed if listed else ''}::{workflow_data(message)}"


def _where(source: str, line: int, column: int) -> dict[str, object]:
    """The ``file``/``line``/``col`` properties of a place in a file. ``source`` is always a file
    here, whatever it starts with (``-bob.yaml`` is a file's name): a problem that names a
    command-line option instead is marked :attr:`Problem.in_file` False and never comes here."""
    if not source:
        return {}
    where: dict[str, object] = {"file": repository_path(source)}
    if line > 0:
        where |= {"line": line, "col": column}
    return where


def misplaced_paths(given: Iterable[object], cwd: Path, workspace: str | None) -> str | None:
    """Why annotations, SARIF and Code Quality would point at the wrong files, or None.

    They name files by their paths from the folder civdata runs in (:func:`repository_path`), and
    GitHub and GitLab read those from the repository root (docs/ci.md). Run from a subfolder (a
    step's ``working-directory``: ``cwd`` is not ``GITHUB_WORKSPACE``), or given a file outside
    the folder it runs in (``../x.yaml``, ``/tmp/x.yaml``), every location would silently point
    elsewhere: worth one warning line. A path inside it, absolute (``${{ github.workspace }}/…``)
    or with ``..`` steps, points at its file and is no reason for one.
    """
    if workspace and Path(workspace).resolve() != cwd.resolve():
        return (
            f"CI locations name files by the paths given, which GitHub reads from the repository root "
            f"({workspace}), but civdata runs in {cwd}: run it from the repository root"
        )
    outside = next((str(path) for path in given if _inside(str(path), str(cwd)) is None), None)
    if outside is not None:
        return (
            f"CI locations name files by their paths from the folder civdata runs in ({cwd}), which GitHub and "
            f"GitLab read from the repository root, and {outside} is outside that folder: run civdata from the "
            "repository root on files inside it"
        )
    return None


def repository_path(source: str) -> str:
    """A file's path as CI locations give it: from the folder civdata runs in, with ``/``
    separators, for a file inside that folder however it was given (``${{ github.workspace
    }}/assessment/lead.yaml``, absolute; ``assessment/../assessment/lead.yaml``, with ``..``
    steps). GitLab matches a Code Quality path with a merge request's files as text, and GitHub a
    SARIF uri or an annotation's file, so an absolute path or the steps would point at no file of
    the repository. A path outside the folder is given as it was, and warned of instead
    (:func:`misplaced_paths`)."""
    if not source:  # an anonymized report's findings name no file
        return source
    inside = _inside(source, str(Path.cwd()))
    return (inside or PurePath(source)).as_posix()


@lru_cache(maxsize=1024)
def _inside(source: str, cwd: str) -> PurePath | None:
    """``source``'s path from ``cwd`` when the file is inside that folder, else None.

    The file a link leads to, not the link: git keeps ``latest/lead.yaml`` (``latest`` a link to
    ``assessment/``) as no file with lines, so a location there pointed at nothing and its
    fingerprint changed with the link's name; a link out of the folder is outside it, and warned
    of (an outside review). Both sides are resolved (``/tmp`` is ``/private/tmp`` on macOS, where
    the working folder is the real one). Cached: it is asked once per finding, of the same few files.
    """
    folder = Path(cwd)
    try:
        return Path(os.path.realpath(folder / source)).relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        return None


def stdin_located() -> str:
    """Why answers read from standard input point at no file a CI service knows: their findings'
    annotations, SARIF results and Code Quality issues name ``<stdin>``."""
    return (
        "answers read from standard input (-) are in no file of the repository, so CI locations (annotations, "
        "SARIF, Code Quality) point at <stdin>: give the answers file's path instead"
    )


def anonymized_unlocated(format_name: str) -> str:
    """Why an ``--anonymize``d SARIF or Code Quality report is of no use to a CI service: it names
    no file (a file's name is often a person's), and GitHub code scanning refuses a SARIF result
    without a location, the whole upload with it; GitLab shows no Code Quality issue without one."""
    if format_name == "sarif":
        return (
            "an --anonymize'd SARIF report names no file, so its results have no location, and GitHub code "
            "scanning refuses the whole upload for that; leave out --anonymize for code scanning"
        )
    return (
        "an --anonymize'd report names no file, so its Code Quality report is empty (GitLab shows no issue "
        "without a file); leave out --anonymize for Code Quality"
    )


def problem_command(problem: Problem, level: str = "error") -> str:
    """An input problem (or, with ``level`` ``warning``, a warning) as an annotation at its file,
    line and column; the message is the very line civdata prints without annotations
    (``str(problem)``, one line with the values in it escaped), so a line break in a value is
    ``\\n`` there too, never a line of the annotation."""
    where = _where(problem.source, problem.line, problem.column) if problem.in_file else {}
    return workflow_command(level, str(problem), where)


def report_commands(report: Report, gates: GateOutcome | None) -> list[str]:
    """An error for each failed gate, then an annotation for every item of ``report``, most severe
    first: GitHub shows only the first ten of each level per step, and a failed gate, the reason
    the job is red, must never be crowded out by the findings' own errors."""
    lines = [
        workflow_command("error", failure.reason, {"title": f"civdata gate failed: {failure.gate} {failure.threshold}"})
        for failure in (gates.failures if gates is not None else ())
    ]
    lines += [
        workflow_command(
            "warning", check.reason, {"title": f"civdata gate judged nothing: {check.gate} {check.threshold}"}
        )
        for check in (gates.unjudged if gates is not None else ())
    ]
    lines += [
        workflow_command(
            "warning",
            f"passed without judging {check.not_judged}",
            {"title": f"civdata gate judged only part: {check.gate} {check.threshold}"},
        )
        for check in (gates.partly_judged if gates is not None else ())
    ]
    for item in ci_items(report, gates):
        where = _where(item.location.source, item.location.line, item.location.column) if item.location else {}
        lines.append(workflow_command(item.annotation_level(gates), item.message, {**where, "title": item.title}))
    return lines
