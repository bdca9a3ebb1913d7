"""Pieces every renderer shares: bars, numbers, labels, and the Markdown escaping of text from files.

The escaping itself lives in :mod:`civdata.escape`, one function per medium; ``md_text`` is the
name the Markdown renderers know it by.
"""

from __future__ import annotations

from dataclasses import dataclass

from civdata.escape import md_block, md_code, md_inline
from civdata.model import AnswerSet, Rubric, Severity


@dataclass(frozen=True)
class ReportMeta:
    """Facts about the run that the report states: the tool version and the report date."""

    tool_version: str
    generated_on: str


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

SEVERITY_ORDER = Severity.most_severe_first()


def initiative_name(answers: AnswerSet) -> str:
    """The initiative's name as written, or a plain statement that the answers file gives none."""
    return answers.initiative or "initiative not named"
