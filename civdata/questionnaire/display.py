"""What the questionnaire shows between prompts: headers, progress, help, the review list.

Everything here is built from the rubric model and the session, as rich renderables (or
questionary choices for the review list), so the loop in ``flow.py`` only decides *when* to show
them. Text from the rubric and from answers is never read as rich markup, and always goes
through :func:`one_line` (:func:`civdata.escape.terminal_text`), so no control or bidi character
in it reaches the terminal raw.
"""

from __future__ import annotations

import enum
import textwrap
from pathlib import Path

from questionary import Choice, Separator
from rich.console import Group, RenderableType
from rich.text import Text

from civdata.answers_editor import AnswersText
from civdata.answers_loader import PreviousAnswer, UpgradePlan
from civdata.answers_writer import scalar
from civdata.model import Question, QuestionType, Rubric
from civdata.questionnaire.prompts import BACK_KEY, HELP_KEY, option_title, shown
from civdata.questionnaire.session import Session
from civdata.render.common import initiative_name, respondent_label
from civdata.results import Finding
from civdata.scoring import answer_text
from civdata.values import range_words


class ReviewChoice(enum.Enum):
    """Rows of the review list that are not questions."""

    FINISH = "finish"
    DETAILS = "details"


FINISH = ReviewChoice.FINISH
DETAILS = ReviewChoice.DETAILS

PROGRESS_WIDTH = 10
REVIEW_TITLE_WIDTH = 38


#: Text from a file folded onto one line (prompts are often written as YAML folded blocks), with
#: every control, bidi and invisible character shown as an escape.
one_line = shown


def shorten(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def keys_line() -> Text:
    return Text(
        f"Keys: ↑↓ and Enter to choose · {HELP_KEY} help · {BACK_KEY} back to the previous question · "
        "Ctrl-C to stop (your answers are kept)",
        style="dim",
    )


def welcome(rubric: Rubric, path: Path) -> RenderableType:
    return Group(
        Text(one_line(rubric.title), style="bold"),
        Text(f"{len(rubric.questions)} questions in {len(rubric.areas)} areas; some only follow certain answers."),
        Text(f"Your answers are saved to {one_line(path)} after every answer (readable by you only)."),
        keys_line(),
        Text(""),
    )


def resume_summary(session: Session, path: Path, original: AnswersText | None = None) -> RenderableType:
    """What is already answered, per area, what an upgrade changes, and where the session continues."""
    answers = session.answer_set()
    lines: list[RenderableType] = [
        Text(f"Continuing {one_line(path)}", style="bold"),
        Text(one_line(f"{initiative_name(answers)} · {respondent_label(answers, session.rubric)}")),
    ]
    if session.upgrade is not None:
        lines.extend(upgrade_summary(session.upgrade))
    for progress in session.area_progress():
        mark = "✓" if progress.answered == progress.applicable else " "
        counts = f"{progress.answered} of {progress.applicable} answered"
        lines.append(Text(f"  {mark} {one_line(progress.area.title)}: {counts}"))
    hidden = session.hidden_answers()
    if hidden:
        lines.append(
            Text(
                f"{len(hidden)} answer(s) in the file are to questions that do not apply now; they stay in the "
                "file but are not scored: " + one_line(", ".join(hidden)),
                style="yellow",
            )
        )
    if original is not None and original.reason is not None:
        lines.append(rewritten(original.reason))
    if session.question is not None:
        number, total = session.position()
        lines.append(Text(f"Continuing at question {number} of {total}."))
    else:
        lines.append(Text("Every question that applies has been reached; here is the review."))
    lines.append(keys_line())
    return Group(*lines)


def rewritten(reason: str) -> Text:
    """Why the answers file is saved in civdata's own layout rather than edited in place."""
    return Text(
        f"This file will be saved in civdata's own layout, because {reason}; the comments it has are kept at its top.",
        style="yellow",
    )


def upgrade_summary(plan: UpgradePlan) -> list[Text]:
    """What carrying answers from an older version of the rubric does, in a few lines."""
    lines = [
        Text(
            f"Upgrading from version {plan.from_version} to {plan.to_version} of the rubric: "
            f"{len(plan.kept)} answer(s) kept; asked (where they apply to you): "
            f"{len(plan.changed)} changed question(s), {len(plan.new)} new one(s).",
            style="bold",
        )
    ]
    if plan.changed:
        lines.append(Text("Changed, your previous answer is shown: " + ", ".join(plan.changed)))
    if plan.new:
        lines.append(Text("New: " + ", ".join(plan.new)))
    if plan.removed:
        lines.append(
            Text(
                "Set aside, kept as comments in the file (their questions were removed): "
                + ", ".join(scalar(question_id) for question_id in plan.removed),
                style="yellow",
            )
        )
    return lines


def previously(question: Question, previous: PreviousAnswer, plan: UpgradePlan) -> Text:
    """``Previously (1.0.0): Informally — this question changed in 1.1.0``, above a question asked again."""
    if previous.value is not None:
        shown = one_line(answer_text(question, previous.value))
    else:
        shown = previous.written or "no answer"
    fits = "" if previous.value is not None or not previous.written else " (not one of the answers now)"
    return Text(f"Previously ({plan.from_version}): {shown}{fits} — {previous.reason}", style="cyan")


def area_banner(rubric: Rubric, area_id: str) -> RenderableType:
    index = next(number for number, area in enumerate(rubric.areas, start=1) if area.id == area_id)
    area = rubric.area(area_id)
    parts: list[RenderableType] = [
        Text(""),
        Text(f"━━ {one_line(area.title)} ━━ area {index} of {len(rubric.areas)}", style="bold cyan"),
    ]
    if area.description:
        parts.append(Text(one_line(area.description), style="dim"))
    return Group(*parts)


def progress_bar(done: int, total: int, width: int = PROGRESS_WIDTH) -> str:
    filled = round(width * done / total) if total else width
    return "▰" * filled + "▱" * (width - filled)


def question_header(question: Question, number: int, total: int, answered: int) -> Text:
    """``Question 3 of 12  ▰▰▱▱…  2 answered`` over the question's title and id. The count is of
    the questions that apply now, so it changes when an answer reveals or hides a follow-up; the
    id is how reports and the answers file name the question."""
    header = Text("\n")
    header.append(f"Question {number} of {total}", style="bold")
    header.append(f"   {progress_bar(answered, total)} {answered} answered\n", style="dim")
    header.append(one_line(question.title), style="bold")
    header.append(f" [{question.id}]", style="dim")
    return header


def prompt_message(question: Question, width: int) -> str:
    """The question's prompt wrapped at word boundaries to ``width`` (prompt_toolkit would break
    words), indented under the ``? `` that starts it, with "(optional)" when it is."""
    text = one_line(question.prompt) + ("" if question.required else " (optional)")
    return wrap(text, width)


def wrap(text: str, width: int) -> str:
    wrapped = textwrap.fill(text, width=max(width - 2, 20), initial_indent="  ", subsequent_indent="  ")
    return wrapped[2:]


def help_text(question: Question) -> RenderableType:
    """The question's help, and what each option means where the rubric says."""
    parts: list[RenderableType] = []
    if question.help:
        parts.append(Text(one_line(question.help)))
    else:
        parts.append(Text("This question has no extra help.", style="dim"))
    described = [option for option in question.options if option.description]
    for option in described:
        parts.append(Text(f"  • {one_line(option_title(question, option))}: {one_line(option.description or '')}"))
    if question.type is QuestionType.NUMBER:
        facts = [
            fact for fact in (question.unit, range_words(question), "whole number" if question.integer else "") if fact
        ]
        if facts:
            parts.append(Text("Answer with a number: " + ", ".join(facts) + "."))
    if question.type is QuestionType.MULTIPLE_CHOICE:
        parts.append(Text("Tick every option that is true with Space, then press Enter."))
    if not question.required:
        parts.append(Text("This question is optional."))
    parts.append(keys_line())
    return Group(Text(""), Text("Help", style="bold"), *parts)


def skipped_required() -> Text:
    return Text(
        "Skipped. This question is required: leaving it unanswered lowers the coverage of the "
        "assessment. You can answer it in the review at the end.",
        style="yellow",
    )


def note_needed(findings: list[Finding]) -> RenderableType:
    lines = [
        Text.assemble((f" {finding.severity.value.upper()} ", "bold red"), f" {one_line(finding.title)}")
        for finding in findings
    ]
    lines.append(Text("This answer raises a serious finding. Add a note: why, and what is planned."))
    return Group(*lines)


def review_intro(session: Session) -> RenderableType:
    applicable = session.applicable()
    answered = sum(1 for question in applicable if session.value(question.id) is not None)
    missing = len(session.unanswered_required())
    line = Text("\n")
    line.append("Review", style="bold")
    line.append(f": {answered} of {len(applicable)} questions answered")
    if missing:
        line.append(f", {missing} required unanswered", style="yellow")
    return line


def review_row(session: Session, question: Question, number: int, width: int) -> str:
    """``12. Title: answer ✎`` cut to fit ``width``: a list row is clipped, not wrapped."""
    value = session.value(question.id)
    if value is None:
        answer = "— not answered" + (" (required)" if question.required else "")
    else:
        answer = one_line(answer_text(question, value))
    note = " ✎" if session.note(question.id) else ""
    prefix = f"{number:>2}. "
    room = max(width - len(prefix) - len(note) - 2, 20)
    title = shorten(question.title, min(REVIEW_TITLE_WIDTH, room // 2))
    return f"{prefix}{title}: {shorten(answer, max(room - len(title), 8))}{note}"


def review_choices(session: Session, width: int) -> list[Choice | Separator]:
    """Finish first (so Enter finishes), then who answers, then every question that applies,
    grouped by area. ``width`` is the room a row has (the terminal's width less the pointer)."""
    details = f"{initiative_name(session.answer_set())} · {respondent_label(session.answer_set(), session.rubric)}"
    choices: list[Choice | Separator] = [
        Choice("✓ Finish and see the summary", FINISH),
        Choice(shorten(f"Initiative and respondent: {details}", width), DETAILS),
    ]
    applicable = {question.id for question in session.applicable()}
    number = 0
    for area in session.rubric.areas:
        asked = [question for question in area.questions if question.id in applicable]
        if not asked:
            continue
        choices.append(Separator(shorten(f"── {area.title}", width)))
        for question in asked:
            number += 1
            choices.append(Choice(review_row(session, question, number, width), question.id))
    return choices


def missing_required(questions: list[Question]) -> Text:
    titles = ", ".join(one_line(question.title) for question in questions)
    return Text(
        f"{len(questions)} required question(s) are unanswered: {titles}. They count against coverage.",
        style="yellow",
    )
