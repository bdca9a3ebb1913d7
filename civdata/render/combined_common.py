"""Wording shared by the combined (multi-respondent) renderers: who raised what, who answered what.

The Markdown and terminal reports say these things the same way; each escapes or styles the plain
text returned here itself. Lists of people are shortened to counts per role past a limit, because
a report about 500 respondents must still be readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from civdata.combine import DIVERGENCE_SEVERITY, CombinedReport, Divergence, RespondentEntry
from civdata.results import Finding

#: Up to this many respondents are named one by one; more are counted per role.
NAMED_LIMIT = 12

#: Up to this many respondents get a column of their own in side-by-side score tables.
COLUMN_LIMIT = 8


def entry_text(entry: RespondentEntry, anonymized: bool) -> str:
    """``Name (Role)``, or just the label when anonymized: the label is then the role already."""
    return entry.label if anonymized else f"{entry.label} ({entry.role.label})"


def label_of(report: CombinedReport, respondent: int) -> str:
    """The display label of the respondent at position ``respondent``."""
    return report.respondents[respondent].label


def people_text(report: CombinedReport, people: tuple[int, ...], *, limit: int = NAMED_LIMIT) -> str:
    """Who (positions in the report), by label with their role, up to ``limit`` people; past that,
    how many per role."""
    if len(people) > limit:
        return f"{len(people)} respondents ({role_breakdown(report, people)})"
    return ", ".join(entry_text(report.respondents[person], report.anonymized) for person in people)


def role_breakdown(report: CombinedReport, people: tuple[int, ...]) -> str:
    """``Funder: 2 of 3; Partner organisation: 40 of 97``: how many of each role's respondents."""
    chosen = set(people)
    parts = []
    for role in report.roles:
        count = sum(1 for person in role.respondents if person in chosen)
        if count:
            parts.append(f"{role.role.label}: {count} of {len(role.respondents)}")
    return "; ".join(parts)


def raised_by_count(report: CombinedReport, finding: Finding) -> str:
    """``2 of 5 respondents``: how widely a finding is shared."""
    return f"{len(finding.source.respondents)} of {len(report.respondents)} respondents"


@dataclass(frozen=True)
class AnswerGroup:
    """Everyone who gave the same answer to a question, with the score it earns (0-1)."""

    answer: str
    score: float
    respondents: tuple[int, ...]


def answer_groups(divergence: Divergence) -> list[AnswerGroup]:
    """The answers to a disputed question, highest score first, each with who gave it."""
    groups: dict[tuple[str, float], list[int]] = {}
    for given in divergence.answers:
        groups.setdefault((given.answer, given.score), []).append(given.respondent)
    ordered = sorted(groups.items(), key=lambda item: -item[0][1])
    return [AnswerGroup(answer, score, tuple(people)) for (answer, score), people in ordered]


def role_count_text(report: CombinedReport) -> str:
    """``5 respondents in 3 roles``."""
    people, roles = len(report.respondents), len(report.roles)
    return f"{people} respondent{'s' if people != 1 else ''} in {roles} role{'s' if roles != 1 else ''}"


def severity_floors_text() -> str:
    """``high from 1.5, medium from 0.75, low below that``: the alignment severity table in words."""
    parts = [f"{severity.value} from {floor:g}" for floor, severity in DIVERGENCE_SEVERITY[:-1]]
    parts.append(f"{DIVERGENCE_SEVERITY[-1][1].value} below that")
    return ", ".join(parts)
