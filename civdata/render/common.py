"""Pieces every renderer shares: bars, numbers, labels, and the Markdown escaping of text from files.

The escaping itself lives in :mod:`civdata.escape`, one function per medium; ``md_text`` is the
name the Markdown renderers know it by.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from civdata.escape import md_block, md_code, md_inline
from civdata.model import AnswerSet, Direction, Rubric, Severity, Verdict
from civdata.results import AnswerTally, Coverage, Finding, Report
from civdata.wording import plural

if TYPE_CHECKING:
    from civdata.gates import GateOutcome


@dataclass(frozen=True)
class ReportMeta:
    """Facts about the run that the report states: the tool version and the report date."""

    tool_version: str
    generated_on: str
    #: The CI gates checked in this run, when any were asked for.
    gates: GateOutcome | None = None


def bar(percent: float | None, width: int = 10) -> str:
    """A text bar for a 0-100 score: ``███████░░░``."""
    if percent is None:
        return "·" * width
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled)


def number(value: float | None, unit: str = "") -> str:
    """A score or weight without trailing zeros: 62.5, 3, n/a."""
    if value is None:
        return "n/a"
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return f"{text}{unit}"


def respondent_label(answers: AnswerSet, rubric: Rubric) -> str:
    """``Name (Role label, Organisation)``, leaving out what the answers file does not give."""
    role = rubric.role(answers.respondent.role)
    role_label = role.label if role else (answers.respondent.role or "role not stated")
    details = ", ".join(part for part in (role_label, answers.respondent.organisation) if part)
    name = answers.respondent.name
    return f"{name} ({details})" if name else details


#: Text from a file, safe for one line of Markdown (see :func:`civdata.escape.md_inline`).
md_text = md_inline

__all__ = ["ReportMeta", "bar", "initiative_name", "md_block", "md_code", "md_text", "number", "respondent_label"]


def initiative_name(answers: AnswerSet) -> str:
    """The initiative's name as written, or a plain statement that the answers file gives none."""
    return answers.initiative or "initiative not named"


# --- Wording shared by every format (plain text; each renderer escapes or styles it) ----------


def score_name(rubric: Rubric) -> str:
    """``score``, or ``risk score`` for a rubric where a higher score means more risk."""
    return "risk score" if rubric.direction is Direction.RISK else "score"


def direction_note(rubric: Rubric) -> str:
    """What a high score means, said where a reader could take it the wrong way round."""
    return " (higher means more risk)" if rubric.direction is Direction.RISK else ""


def coverage_text(coverage: Coverage) -> str:
    """``48 of 55 required questions that apply (87%); 3 answered “I don't know”``."""
    wanted = "required question that applies" if coverage.expected == 1 else "required questions that apply"
    text = f"{coverage.answered} of {coverage.expected} {wanted} ({number(coverage.percent)}%)"
    if coverage.unknown:
        count = len(coverage.unknown)
        text += f"; {count} answered “I don't know”"
    return text


def thin_coverage(rubric: Rubric, coverage: float) -> bool:
    """Whether too few questions were answered for any verdict band that asks for coverage."""
    floors = [verdict.min_coverage for verdict in rubric.verdicts if verdict.min_coverage is not None]
    return bool(floors) and coverage < min(floors)


THIN_COVERAGE_WARNING = "too few answers for this score to be relied on"


def owner_text(rubric: Rubric, owner: str | None, respondent_role: str | None = None) -> str | None:
    """``Lead organisation (you)``: who should act on a finding, marked when it is the reader."""
    if owner is None:
        return None
    role = rubric.role(owner)
    label = role.label if role else owner
    return f"{label} (you)" if respondent_role and respondent_role == owner else label


def gate_summary(outcome: GateOutcome) -> str:
    """``passed`` or ``failed: reason; reason``: the CI gates in one line."""
    if outcome.passed:
        return "passed (" + "; ".join(check.reason for check in outcome.checks) + ")"
    return "failed: " + "; ".join(f"{check.gate} {check.threshold}: {check.reason}" for check in outcome.failures)


def verdict_conditions(verdict: Verdict, rubric: Rubric) -> list[str]:
    """A verdict band's conditions in words, for the method tables."""
    from civdata.describe import describe_condition

    parts = []
    if verdict.min_score is not None:
        parts.append(f"{score_name(rubric)} at least {number(verdict.min_score)}")
    if verdict.max_score is not None:
        parts.append(f"{score_name(rubric)} at most {number(verdict.max_score)}")
    if verdict.max_severity is not None:
        parts.append(f"no finding worse than {verdict.max_severity.value}")
    if verdict.min_coverage is not None:
        parts.append(f"coverage at least {number(verdict.min_coverage)}%")
    if verdict.when is not None:
        parts.append(describe_condition(verdict.when, rubric))
    return parts


def rubric_file(rubric: Rubric) -> tuple[str, str]:
    """The rubric file a report applied, as the loader named it (``bundled: NAME.yaml`` or the
    path as given), and the first 12 hex digits of its SHA-256, so a reader can tell exactly
    which rubric text produced the report."""
    return rubric.source or "not recorded", rubric.sha256[:12] if rubric.sha256 else "not recorded"


# --- Who: people and roles, named while few and counted past that -------------------------------

#: Up to this many respondents are named one by one; more are counted per role.
NAMED_LIMIT = 12
#: Up to this many respondents get a column of their own in side-by-side score tables.
COLUMN_LIMIT = 8
#: Past this many respondents in a role, reports show the spread of its scores.
HANDFUL = 5


def person_text(report: Report, person: int) -> str:
    """``Name (Role)``, or just the label when anonymized: the label is then the role already."""
    row = report.respondents[person]
    return row.label if report.anonymized else f"{row.label} ({row.role.label})"


def people_text(report: Report, people: tuple[int, ...], *, limit: int = NAMED_LIMIT) -> str:
    """Who (positions in the report), by label with their role, up to ``limit`` people; past that,
    how many per role."""
    if len(people) > limit:
        return f"{len(people)} respondents ({role_breakdown(report, people)})"
    return ", ".join(person_text(report, person) for person in people)


def role_breakdown(report: Report, people: tuple[int, ...]) -> str:
    """``Funder: 2 of 3; Partner organisation: 40 of 97``: how many of each role's respondents."""
    chosen = set(people)
    parts = []
    for role in report.roles:
        count = sum(1 for person in role.respondents if person in chosen)
        if count:
            parts.append(f"{role.role.label}: {count} of {len(role.respondents)}")
    return "; ".join(parts)


def tally_who(report: Report, tally: AnswerTally) -> str:
    """Who gave an answer: by name while they are few, else how many in each role."""
    if tally.people and len(tally.people) == tally.count:
        return people_text(report, tally.people)
    return (
        f"{plural(tally.count, 'respondent')} ("
        + "; ".join(f"{role.label}: {count}" for role, count in tally.by_role)
        + ")"
    )


def raised_by_count(report: Report, finding: Finding) -> str:
    """``2 of 5 respondents``: how widely a finding is shared."""
    return f"{len(finding.source.respondents)} of {len(report.respondents)} respondents"


def role_count_text(report: Report) -> str:
    """``5 respondents in 3 roles``."""
    people, roles = len(report.respondents), len(report.roles)
    return f"{plural(people, 'respondent')} in {plural(roles, 'role')}"


def severity_floors_text() -> str:
    """``high from 1.5, medium from 0.75, low below that``: the alignment severity table in words."""
    from civdata.combine import DIVERGENCE_SEVERITY

    parts = [f"{severity.value} from {floor:g}" for floor, severity in DIVERGENCE_SEVERITY[:-1]]
    parts.append(f"{DIVERGENCE_SEVERITY[-1][1].value} below that")
    return ", ".join(parts)


def method_description(report: Report) -> str:
    """``role-weighted mean (the mean of ...)``: how the combined score was made, in words."""
    from civdata.combine import COMBINE_METHODS

    name, description = COMBINE_METHODS[report.method]
    return f"{name} ({description})"


def report_coverage_text(report: Report) -> str:
    """The coverage a report's score rests on, in words, for one respondent or many."""
    if report.single is not None:
        return coverage_text(report.single.coverage)
    people = plural(len(report.respondents), "respondent")
    text = f"{number(report.coverage)}% of the required questions that apply, on average over {people}"
    if report.unknown_answers:
        text += f"; {plural(report.unknown_answers, 'answer')} “I don't know”"
    return text


def first_actions(report: Report, limit: int = 5) -> list[Finding]:
    """The few findings to act on first: the most severe, above info."""
    return [finding for finding in report.findings if finding.severity is not Severity.INFO][:limit]
