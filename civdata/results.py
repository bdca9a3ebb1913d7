"""What an assessment found: the report model that every renderer reads.

Scoring fills these in and nothing else computes them, so the Markdown, JSON and terminal
reports, the questionnaire's summary and the combined multi-respondent report always agree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from civdata.model import AnswerSet, AnswerValue, Area, Question, Rubric, Severity, Verdict


class QuestionStatus(enum.Enum):
    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"
    SKIPPED_CONDITION = "skipped_condition"
    SKIPPED_ROLE = "skipped_role"

    @property
    def applies(self) -> bool:
        """Whether the question was asked of this respondent at all."""
        return self in (QuestionStatus.ANSWERED, QuestionStatus.NOT_APPLICABLE, QuestionStatus.UNANSWERED)


@dataclass(frozen=True)
class Note:
    """A respondent's note, kept beside the finding or answer it explains. In a combined report,
    ``respondent`` is the author's position in the report's respondents."""

    question_id: str
    text: str
    respondent: int | None = None


@dataclass(frozen=True)
class FindingSource:
    """What raised a finding: an answer, a rule, a missing role or a disagreement. In a combined
    report, ``respondents`` are positions in the report's respondents (never labels, which are
    only for display)."""

    kind: str
    question_id: str | None = None
    answer: str | None = None
    rule_id: str | None = None
    respondents: tuple[int, ...] = ()


@dataclass(frozen=True)
class Finding:
    id: str
    severity: Severity
    title: str
    recommendation: str
    source: FindingSource
    explanation: str | None = None
    notes: tuple[Note, ...] = ()
    #: The role that should act on it (a role id), when the rubric names one.
    owner: str | None = None
    #: Findings of single answers that this rule's finding states in context, and so replaces.
    covers: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Strength:
    """Something the answers show the initiative does well, and the answer that shows it."""

    question_id: str
    text: str
    answer: str
    #: In a combined report, who showed it: positions in its respondents.
    respondents: tuple[int, ...] = ()


@dataclass(frozen=True)
class Score:
    """Weighted points out of a weighted maximum; ``percent`` is None when nothing was scored."""

    points: float
    maximum: float

    @property
    def percent(self) -> float | None:
        if self.maximum <= 0:
            return None
        return round(100 * self.points / self.maximum, 1)


@dataclass(frozen=True)
class QuestionResult:
    """One question for one respondent. ``points`` is what the answer earns (a 0-1 score, or raw
    points), out of the question's ``max_points``; ``score`` is the same as a 0-1 share."""

    question: Question
    status: QuestionStatus
    value: AnswerValue | None = None
    answer_text: str | None = None
    points: float | None = None
    note: str | None = None
    findings: tuple[Finding, ...] = ()
    strength: str | None = None
    #: Skipped because an earlier answer made it unnecessary, and counted as met.
    met: bool = False

    @property
    def score(self) -> float | None:
        if self.points is None or not self.question.max_points:
            return None
        return round(self.points / self.question.max_points, 6)

    @property
    def counted(self) -> bool:
        """Whether this answer is part of its area's score and maximum."""
        return self.status is QuestionStatus.ANSWERED and self.points is not None and self.question.scored

    @property
    def unknown(self) -> bool:
        """Whether the answer is (or includes) "I don't know"."""
        chosen = self.value if isinstance(self.value, tuple) else (self.value,)
        return self.value is not None and any(item in self.question.unknown_values for item in chosen)


@dataclass(frozen=True)
class AreaResult:
    area: Area
    questions: tuple[QuestionResult, ...]
    score: Score


@dataclass(frozen=True)
class Coverage:
    """How many of the required questions that apply were answered, and how many of the answers
    were "I don't know" (answered, but saying the respondent cannot tell)."""

    answered: int
    expected: int
    unanswered_required: tuple[str, ...]
    unanswered_optional: tuple[str, ...]
    unknown: tuple[str, ...] = ()

    @property
    def percent(self) -> float:
        if self.expected == 0:
            return 100.0
        return round(100 * self.answered / self.expected, 1)


@dataclass(frozen=True)
class Assessment:
    """One respondent's answers, scored against one rubric."""

    rubric: Rubric
    answers: AnswerSet
    areas: tuple[AreaResult, ...]
    overall: float | None
    findings: tuple[Finding, ...]
    coverage: Coverage
    verdict: Verdict
    strengths: tuple[Strength, ...] = ()

    def question_results(self) -> dict[str, QuestionResult]:
        return {result.question.id: result for area in self.areas for result in area.questions}
