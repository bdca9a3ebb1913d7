"""Pieces every renderer shares: escaping text that came from a file, bars, labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from civdata.model import AnswerSet, Rubric, Severity

# Characters that can start Markdown or HTML syntax anywhere in a line. CommonMark lets any ASCII
# punctuation be escaped with a backslash, so escaping them keeps the text literal.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")


@dataclass(frozen=True)
class ReportMeta:
    """Facts about the run that the report states: the tool version and the report date."""

    tool_version: str
    generated_on: str


def md_text(text: object) -> str:
    """Text from a file, made safe for one line of Markdown (a table cell, a heading, a list item).

    It can neither break a table, start a heading or a list, nor inject HTML or a link.
    """
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [_LINE_START_SPECIAL.sub(r"\1\\\2", _INLINE_SPECIAL.sub(r"\\\1", line)) for line in lines]
    return "<br>".join(line.strip() for line in escaped if line.strip()) or ""


def md_block(text: object, prefix: str = "") -> str:
    """Text from a file as a Markdown block of its own lines, each prefixed (e.g. ``> `` quotes)."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        safe = _LINE_START_SPECIAL.sub(r"\1\\\2", _INLINE_SPECIAL.sub(r"\\\1", line.rstrip()))
        out.append(f"{prefix}{safe}".rstrip())
    return "\n".join(out)


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


SEVERITY_ORDER = Severity.most_severe_first()


def initiative_name(answers: AnswerSet) -> str:
    """The initiative's name as written, or a plain statement that the answers file gives none."""
    return answers.initiative or "initiative not named"


def rubric_file(rubric: Rubric) -> tuple[str, str]:
    """The rubric file a report applied, as the loader named it (``bundled: NAME.yaml`` or the
    path as given), and the first 12 hex digits of its SHA-256, so a reader can tell exactly
    which rubric text produced the report."""
    return rubric.source or "not recorded", rubric.sha256[:12] if rubric.sha256 else "not recorded"
