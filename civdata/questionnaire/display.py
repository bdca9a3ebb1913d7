"""What the questionnaire shows between prompts: headers, progress, help, the review list.

Everything here is built from the rubric model and the session, as rich renderables (printed
between prompts, wrapped by rich), prompt_toolkit fragments (the header above a prompt, wrapped by
:mod:`civdata.questionnaire.screen`) or questionary choices (the review list), so the loop in
``flow.py`` only decides *when* to show them. Styles are names (``area``, ``warn``, ``class:title``)
that :class:`civdata.questionnaire.screen.Look` defines for colour, plain and high contrast.

Text from the rubric and from answers is never read as rich markup, and always goes through
:func:`one_line` (:func:`civdata.escape.terminal_text`), so no control or bidi character in it
reaches the terminal raw.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from pathlib import Path

from prompt_toolkit.formatted_text import StyleAndTextTuples
from questionary import Choice, Separator
from rich.console import Console, Group, RenderableType
from rich.text import Text

from civdata.answers_editor import AnswersText
from civdata.answers_loader import PreviousAnswer, UpgradePlan
from civdata.answers_writer import scalar
from civdata.commands import civdata_command, terminal_command
from civdata.escape import terminal_text
from civdata.model import AnswerValue, Question, QuestionType, Rubric, Severity
from civdata.questionnaire.prompts import BACK_KEY, HELP_KEY, NOTE_KEY, blank_cost, option_title, shown
from civdata.questionnaire.session import Progress, Reviewed, Session
from civdata.render.common import initiative_name, number, respondent_label, score_name
from civdata.results import Finding, Report
from civdata.scoring import answer_text
from civdata.values import range_words
from civdata.wording import and_list, plural, verb


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
    """``text`` on one line of at most ``width`` characters, cut at a word boundary with "…"."""
    text = one_line(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:·—-") + "…"


def keys_line() -> Text:
    return Text(
        f"Keys: ↑↓ and Enter to choose · {NOTE_KEY} to add a note · {HELP_KEY} help · {BACK_KEY} back to the "
        f"previous question (in a typed answer: {BACK_KEY} then Enter) · Ctrl-C to stop (your answers are kept)",
        style="keys",
    )


def welcome(rubric: Rubric, path: Path) -> RenderableType:
    return Group(
        Text(one_line(rubric.title), style="title"),
        Text(
            f"Up to {plural(len(rubric.questions), 'question')} in {plural(len(rubric.areas), 'area')}: your role and "
            "your answers "
            "decide which are asked. Progress shows what you answered of what applies or may still follow."
        ),
        Text(f"Your answers are saved to {_file_name(path)} after every answer (readable by you only)."),
        keys_line(),
        Text(""),
    )


def resume_summary(session: Session, path: Path, original: AnswersText | None = None) -> RenderableType:
    """What is already answered, per area, what an upgrade changes, and where the session continues."""
    answers = session.answer_set()
    lines: list[RenderableType] = [
        Text(f"Continuing {_file_name(path)}", style="bold"),
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
                f"{plural(len(hidden), 'answer')} in the file {verb(len(hidden), 'is', 'are')} to questions that "
                f"do not apply now; {verb(len(hidden), 'it stays', 'they stay')} in the file but "
                f"{verb(len(hidden), 'is', 'are')} not scored: " + one_line(", ".join(hidden)),
                style="warn",
            )
        )
    if original is not None and original.reason is not None:
        lines.append(rewritten(original.reason))
    without_note = session.missing_notes()
    if without_note:
        lines.append(missing_notes(without_note, resuming=True))
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
        style="warn",
    )


def upgrade_summary(plan: UpgradePlan) -> list[Text]:
    """What carrying answers from an older version of the rubric does, in a few lines."""
    lines = [
        Text(
            f"Upgrading from version {plan.from_version} to {plan.to_version} of the rubric: "
            f"{plural(len(plan.kept), 'answer')} kept; asked (where they apply to you): "
            f"{plural(len(plan.changed), 'changed question')}, {plural(len(plan.new), 'new one')}.",
            style="title",
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
                style="warn",
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
    return Text(f"Previously ({plan.from_version}): {shown}{fits} — {previous.reason}", style="area")


def area_banner(rubric: Rubric, area_id: str) -> RenderableType:
    index = next(number for number, area in enumerate(rubric.areas, start=1) if area.id == area_id)
    area = rubric.area(area_id)
    parts: list[RenderableType] = [
        Text(""),
        Text(f"━━ {one_line(area.title)} ━━ area {index} of {len(rubric.areas)}", style="area"),
    ]
    if area.description:
        parts.append(Text(one_line(area.description)))
    return Group(*parts)


def progress_bar(done: int, total: int, width: int = PROGRESS_WIDTH) -> str:
    filled = round(width * done / total) if total else width
    return "▰" * filled + "▱" * (width - filled)


def question_header(question: Question, progress: Progress, keys: str) -> StyleAndTextTuples:
    """What stands above a question's prompt: the area and how far the respondent (in a workshop,
    the room) is in it and in all (answered of what applies or may still follow, so the figures
    never jump backwards), the question's title and id (how reports and the answers file name
    it), its prompt, the keys."""
    area = f"Area {progress.area_number} of {progress.area_count}"
    title = one_line(progress.area.title) if progress.area is not None else ""
    return [
        ("class:header", f"{area} · {title} · {progress.area_answered} of {progress.area_total} answered here\n"),
        ("class:header", f"{progress_bar(progress.answered, progress.total)} "),
        ("class:header", f"{progress.answered} of {progress.total} answered in all\n"),
        ("class:title", one_line(question.title)),
        ("class:header", f" [{question.id}]\n"),
        ("class:question", one_line(question.prompt) + ("" if question.required else " (optional)") + "\n"),
        ("class:keys", keys),
    ]


def help_lines(question: Question) -> StyleAndTextTuples:
    """The question's help, and what each option means where the rubric says: shown in the
    header of the question asked again, so it stays on screen while the person answers."""
    parts: StyleAndTextTuples = [("class:title", "Help: ")]
    parts.append(("", one_line(question.help) + "\n" if question.help else "This question has no extra help.\n"))
    for option in question.options:
        if option.description:
            parts.append(("", f"• {one_line(option_title(question, option))}: {one_line(option.description)}\n"))
    if question.type is QuestionType.NUMBER:
        facts = [
            fact for fact in (question.unit, range_words(question), "whole number" if question.integer else "") if fact
        ]
        if facts:
            parts.append(("", "Answer with a number: " + ", ".join(facts) + ".\n"))
    if question.type is QuestionType.MULTIPLE_CHOICE:
        parts.append(("", "Tick every option that is true with Space, then press Enter.\n"))
    if not question.required:
        parts.append(("", "This question is optional.\n"))
    return parts


def skipped_required(question: Question) -> Text:
    return Text(
        f"Skipped. This question is required: {blank_cost(question)}. You can answer it in the review at the end.",
        style="warn",
    )


def replaced(question: Question, before: AnswerValue | None) -> Text:
    """Under an answer given again (after going back, or in the review): the other answer it
    replaces, still on screen above, so that the old line does not read as the current answer."""
    said = one_line(answer_text(question, before)) if before is not None else "skipped"
    return Text(f"  ↺ replaces the answer above: {said}", style="warn")


def echo(question: Question, value: AnswerValue | None, note: str | None) -> Text:
    """What stays on screen once a question is answered: its title and the answer in full (every
    option ticked), and the note if one was written. Wrapped by rich at word boundaries."""
    line = Text("✓ " if value is not None else "– ", style="good" if value is not None else "warn")
    line.append(one_line(question.title) + ": ", style="echo")
    line.append(one_line(answer_text(question, value)) if value is not None else "skipped")
    if note:
        line.append(f"\n  ✎ {one_line(note)}")
    return line


def note_needed(findings: list[Finding]) -> StyleAndTextTuples:
    """Above a needed note: the serious findings the answer raises, and why a note is asked."""
    lines: StyleAndTextTuples = []
    for finding in findings:
        lines.append(("class:warning", f"{finding.severity.value.upper()}: "))
        lines.append(("", one_line(finding.title) + "\n"))
    lines.append(("", "This answer raises a serious finding. Add a note: why, and what is planned.\n"))
    return lines


def review_header(view: Reviewed, *, rows_above: int = 2) -> StyleAndTextTuples:
    """Above the review list: how much is answered, what the marks mean, and that it scrolls
    (``rows_above``: the rows before the questions, Finish and who answers)."""
    applicable = view.applicable()
    answered = sum(1 for question in applicable if view.value(question.id) is not None)
    missing = len(view.unanswered_required())
    without_note = len(view.missing_notes())
    parts: StyleAndTextTuples = [
        ("class:title", f"Review: {answered} of {plural(len(applicable), 'question')} answered")
    ]
    if missing:
        parts.append(("class:warning", f", {missing} required unanswered"))
    if without_note:
        parts.append(("class:warning", f", {plural(without_note, 'note')} needed"))
    parts.append(("class:keys", f"\n{NOTE_MARK} has a note · “— not answered (required)” lowers coverage"))
    rows = plural(len(applicable) + rows_above, "row")
    parts.append(("class:keys", f"\n↑↓ move (the list scrolls: {rows}) · Enter choose"))
    return parts


NOTE_MARK = "✎"


def review_row(view: Reviewed, question: Question, number: int, width: int, aside: str = "") -> str:
    """``12. Title: answer ✎``. The row wraps at word boundaries; only an answer longer than about
    two rows (many ticks) is shortened, at a word boundary, so one question cannot fill the list.
    ``aside`` follows the answer (in a workshop: who answered otherwise)."""
    value = view.value(question.id)
    if value is None:
        answer = "— not answered" + (" (required)" if question.required else "")
    else:
        answer = one_line(answer_text(question, value))
    note = f" {NOTE_MARK}" if view.note(question.id) else ""
    if view.needs_note(question.id):
        note = " (note needed)"
    title = shorten(question.title, REVIEW_TITLE_WIDTH)
    return f"{number:>2}. {title}: {shorten(answer + aside, max(2 * width, 80))}{note}"


FINISH_ROW = "✓ Finish and see the summary"


def review_choices(session: Session, width: int) -> list[Choice | Separator]:
    """Finish first (so Enter finishes), then who answers, then every question that applies,
    grouped by area. ``width`` is the room a row has (the terminal's width less the pointer)."""
    details = f"{initiative_name(session.answer_set())} · {respondent_label(session.answer_set(), session.rubric)}"
    return [
        Choice(FINISH_ROW, FINISH),
        Choice(one_line(f"Initiative and respondent: {details}"), DETAILS),
        *review_rows(session, width),
    ]


def review_rows(view: Reviewed, width: int, aside: Callable[[Question], str] | None = None) -> list[Choice | Separator]:
    """Every question that applies, numbered and grouped by area (see :func:`review_row`)."""
    applicable = {question.id for question in view.applicable()}
    choices: list[Choice | Separator] = []
    number = 0
    for area in view.rubric.areas:
        asked = [question for question in area.questions if question.id in applicable]
        if not asked:
            continue
        choices.append(Separator(shorten(f"── {area.title}", max(width, 40))))
        for question in asked:
            number += 1
            row = review_row(view, question, number, width, aside(question) if aside is not None else "")
            choices.append(Choice(row, question.id))
    return choices


def missing_required(questions: list[Question]) -> Text:
    titles = ", ".join(one_line(question.title) for question in questions)
    count = len(questions)
    raising = sum(1 for question in questions if question.blank_reading is not None)
    # Left blank, a required question raises the finding of its riskiest answer, where one has any.
    findings = ""
    if raising == count:
        findings = f"; {verb(count, 'it raises', 'each raises')} the finding of its riskiest answer"
    elif raising:
        findings = f"; {raising} of them {verb(raising, 'raises', 'raise')} the finding of its riskiest answer"
    return Text(
        f"{plural(count, 'required question')} {verb(count, 'is', 'are')} unanswered: {titles}. "
        f"{verb(count, 'It counts', 'They count')} against coverage{findings}.",
        style="warn",
    )


def missing_notes(questions: list[Question], *, resuming: bool) -> Text:
    """Serious answers without the note they need (stopped at the note, or gone back from it),
    and what happens next: resuming asks them again; the review lets the person choose them."""
    titles = ", ".join(one_line(question.title) for question in questions)
    count = len(questions)
    if resuming:
        then = verb(count, "It is asked again, for its note.", "They are asked again, for their notes.")
    else:
        then = verb(count, "Choose it to add the note.", "Choose each to add its note.")
    return Text(
        f"{plural(count, 'answer')} {verb(count, 'raises', 'raise')} a serious finding and "
        f"{verb(count, 'has', 'have')} no note yet: {titles}. {then}",
        style="warn",
    )


def finish_anyway(missing: list[Question], without_note: list[Question]) -> str:
    """The question before finishing with something missing, naming what is."""
    if missing and without_note:
        return "Finish with required questions unanswered and notes missing?"
    if missing:
        return "Finish with required questions unanswered?"
    return "Finish without the notes needed?"


def first_question() -> Text:
    return Text("This is the first question.", style="warn")


def workshop_welcome(rubric: Rubric, folder: Path, *, in_turn: bool) -> RenderableType:
    how = (
        "Each participant answers each question in turn; the previous answer is preselected, so agreeing is Enter."
        if in_turn
        else "The room agrees one answer per question (Enter). If someone disagrees, press ! instead of Enter: "
        "tick who, and record their own answer and why."
    )
    combine, notes = terminal_command(
        _report_command, folder, rubric, file_is="the name of the folder above", stand_in="FOLDER"
    )
    # The command as it runs: one_line would fold spaces in a quoted name into another name.
    return Group(
        Text(f"Workshop: {one_line(rubric.title)}", style="title"),
        Text(how),
        Text(
            f"Each participant's answers are saved in their own file in {_file_name(folder)}; `{combine}` combines "
            "them and shows where people disagree."
        ),
        *(Text(note) for note in notes),
        keys_line(),
        Text(""),
    )


def _report_command(named: str | Path, rubric: Rubric, *words: str) -> str:
    return civdata_command("report", named, *words, rubric=rubric)


def _file_name(path: str | Path) -> str:
    """A file's name on one line, every line break and invisible character shown as an escape:
    folded as :func:`one_line` folds rubric text, ``Ana\\nLima.yaml`` would read as a colleague's
    ``Ana Lima.yaml``."""
    return terminal_text(str(path), multiline=False)


def name_taken(wanted: Path, path: Path, name: str) -> Text:
    """A participant's file name taken since the workshop started: theirs is the next free one."""
    return Text(
        f"{_file_name(wanted)} appeared in the folder after this workshop started (another workshop on the same "
        f"folder, or a file put there), so it is left as it is: {one_line(name)}'s answers are saved in "
        f"{_file_name(path)}.",
        style="warn",
    )


def nobody_yet() -> Text:
    return Text("Name at least one participant (a person, or the group answering as one).", style="warn")


def dissent_echo(label: str, question: Question, value: AnswerValue | None, *, agreed: bool = False) -> Text:
    """``  Ben: No`` under the group's answer (a disagreement), or after each answer in turn."""
    line = Text("  " if agreed else "  ≠ ", style="warn")
    line.append(f"{one_line(label)}: ", style="echo")
    line.append(one_line(answer_text(question, value)) if value is not None else "skipped")
    return line


def standing_dissent(label: str, question: Question, value: AnswerValue | None, note: str | None) -> str:
    """Above a question the room comes back to: who disagreed with the group's answer, and how."""
    said = one_line(answer_text(question, value)) if value is not None else "skipped"
    return one_line(f"≠ {label}: {said} · {note or ''}")


def answered_before(label: str, question: Question, value: AnswerValue) -> str:
    """Above a question asked again of some of the room (a disagreement left unrecorded when the
    workshop was stopped): what the others, who answered it before, said."""
    return one_line(f"= {label}, answered before: {answer_text(question, value)}")


def standing_keys(*, dissent: bool) -> str:
    """Under the disagreements shown above a question the room comes back to: what Enter does to
    them, and ``!`` only where it works (``dissent``: the question is asked of more than one
    participant), as every prompt names only the keys that work there."""
    keys = "The same answer + Enter: the disagreement stands · another + Enter: everyone agrees"
    return keys + (" · ! who disagrees" if dissent else "")


def room_review_choices(room: Reviewed, width: int, aside: Callable[[Question], str]) -> list[Choice | Separator]:
    """A workshop's review: Finish, then every question that applies to someone in the room, with
    the group's answer and who answered otherwise (``aside``)."""
    return [Choice(FINISH_ROW, FINISH), *review_rows(room, width, aside)]


def differing(label: str, question: Question, value: AnswerValue | None) -> str:
    """`` · ≠ Sam: No`` after the group's answer in a workshop's review row."""
    said = one_line(answer_text(question, value)) if value is not None else "skipped"
    return f" · ≠ {one_line(label)}: {said}"


def same_as_group(label: str, question: Question, group: AnswerValue | None) -> str:
    """Under a dissenter's own answer given as the group's: it is not a disagreement."""
    said = one_line(answer_text(question, group)) if group is not None else "Leaving it unanswered"
    name = one_line(label)
    return f"{said} is the group's answer: choose another for {name}, or < to leave {name} agreeing with the group"


def dissent_withdrawn(label: str) -> Text:
    """Under a changed group answer: someone recorded as disagreeing before no longer is."""
    line = Text("  = ", style="warn")
    line.append(f"{one_line(label)} now agrees with the group's answer; the note saying they disagreed is removed")
    return line


def dissent_unsettled(question: Question, asked_again: Sequence[str], unexplained: Sequence[str]) -> Text:
    """Stopped while a disagreement was being recorded (see ``Workshop._unsettled``): for whom the
    question is asked again, and whose own answer is kept without the reason they were giving.
    ``asked_again`` and ``unexplained`` are labels, already escaped for one line."""
    title = one_line(question.title)
    parts = []
    if asked_again:
        parts.append(
            f"the group's answer is not kept for {and_list(list(asked_again))}, and the question is asked of "
            "them again when you continue"
        )
    if unexplained:
        parts.append(
            f"{and_list(list(unexplained))}'s own answer is kept, without why they see it differently: add "
            "the reason to the note of this question in their answers file, or it is not in the report"
        )
    line = Text("  ! ", style="warn")
    line.append(f"Stopped before every disagreement on {title} was recorded: {'; '.join(parts) or 'nothing was lost'}")
    return line


def resume_pause() -> str:
    return "Press Enter to continue"


# --- The last screen ---------------------------------------------------------------------------------


def final_screen(
    report: Report,
    answers: str | Path,
    console: Console,
    rows: int,
    width: int,
    *,
    full_report: str | None,
    folder: bool = False,
) -> RenderableType:
    """The screen a person is left with: the verdict first, then the most serious findings, as
    many as fit in ``rows`` lines at ``width`` columns, and where the rest is. Everything comes
    from the report model; ``answers`` is the answers file, or a workshop's ``folder``."""
    for limit in range(8, -1, -1):
        screen = _final_lines(report, Path(answers), limit, full_report=full_report, folder=folder)
        if limit == 0 or len(console.render_lines(screen, console.options.update(width=width))) < rows:
            return screen
    raise AssertionError("unreachable")


def _final_lines(report: Report, answers: Path, limit: int, *, full_report: str | None, folder: bool) -> RenderableType:
    rubric = report.rubric
    verdict = report.verdict
    style = "good" if verdict.id == rubric.verdicts[0].id else "bad" if verdict.id == rubric.verdicts[-1].id else "warn"
    heading = Text("Verdict: ", style="title")
    heading.append(one_line(verdict.label), style=style)
    figures = []
    if rubric.scored and report.overall is not None:
        figures.append(f"{score_name(rubric)} {number(report.overall)} / 100")
    figures.append(f"coverage {number(report.coverage)}%")
    lines: list[RenderableType] = [heading, Text(one_line(" · ".join([initiative_name_of(report), *figures])))]
    if verdict.description:
        lines.append(Text(one_line(verdict.description)))
    # The findings themselves, most severe first (report.findings' order), not the action plan:
    # the person who just answered sees what their answers mean before what to do about it.
    worst = [finding for finding in report.findings if finding.severity is not Severity.INFO]
    findings = worst[:limit]
    if findings:
        lines.append(Text(f"Most serious of {plural(len(worst), 'finding')}:", style="title"))
        lines.extend(_finding_line(finding) for finding in findings)
    elif not worst:
        lines.append(Text("No findings above info.", style="good"))
    where, notes = _where_the_report_is(rubric, answers, full_report, folder=folder)
    lines.append(Text(f"Answers saved in {_file_name(answers)}. {where}", style="keys"))
    lines.extend(Text(note, style="keys") for note in notes)
    return Group(*lines)


def _where_the_report_is(
    rubric: Rubric, answers: Path, full_report: str | None, *, folder: bool
) -> tuple[str, tuple[str, ...]]:
    """Where the full report was written, or the command that writes it, as it runs, and the
    lines that say what a stand-in in it stands for."""
    if full_report:
        return f"The full report, with what to do: written to {_file_name(full_report)}", ()
    make, notes = terminal_command(
        lambda named, rubric: _report_command(named, rubric, "-o", "report.md"),
        answers,
        rubric,
        file_is=f"the name of the {'folder' if folder else 'file'} above",
        stand_in="FOLDER" if folder else "FILE",
    )
    return f"The full report, with what to do: {make}", notes


def initiative_name_of(report: Report) -> str:
    return one_line(report.initiative or "initiative not named")


def _finding_line(finding: Finding) -> Text:
    line = Text(
        f" {finding.severity.value.upper()} ", style="bad" if finding.severity.rank >= Severity.HIGH.rank else "warn"
    )
    line.append(" " + one_line(finding.title))
    return line
