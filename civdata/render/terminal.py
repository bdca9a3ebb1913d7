"""The terminal summary: verdict, scores and the findings that matter most, at a glance.

One renderer for one respondent or many, built with rich: colour only when writing to a terminal
that wants it (``NO_COLOR`` unset); otherwise the same layout in plain text, which is also what
``--format text -o FILE`` writes. With several respondents it adds who answered, each role's view
of each area, who raised each finding, and where people disagree most; the Markdown report has
everything in full.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from civdata.escape import terminal_text
from civdata.model import Rubric, Severity, Verdict
from civdata.records import record
from civdata.render.common import (
    SPREAD_NOTE,
    THIN_COVERAGE_WARNING,
    ReportMeta,
    act_by_text,
    answers_held_back_text,
    areas_apart,
    bar,
    blank_findings_text,
    direction_note,
    findings_count_text,
    first_actions,
    gate_summary,
    held_back_text,
    left_open_text,
    lone_roles_text,
    may_hold_words,
    method_description,
    missing_voices_text,
    nothing_first_text,
    number,
    one_voice_text,
    owner_text,
    people_text,
    plural,
    range_share_text,
    respondent_label,
    role_count_text,
    role_weights_text,
    rubric_file,
    same_person_text,
    score_name,
    silent_text,
    spread_text,
    tally_who,
    unscored_words,
    verb,
)
from civdata.render.since import (
    IN_THE_KEPT_PLAN,
    IN_THIS_PLAN,
    PLAN_STATE_WORDS,
    SINCE_IN_FULL,
    TREND_MARKS,
    answer_count_who,
    answer_then_now,
    carried_values,
    change_text,
    progress_counts,
    replacement_trend,
    since_summary,
    since_text,
    trend_text,
)
from civdata.results import Finding, FindingKind, Report, RoleScore, Strength, Trend
from civdata.wording import ON_BLANK_NOW

if TYPE_CHECKING:
    from civdata.progress import Progress
    from civdata.snapshot import FindingBrief

#: Text from a file, as it may be shown on a terminal (escaped; see :mod:`civdata.escape`).
shown = terminal_text

SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}

#: How many rows of each list the summary shows; the Markdown report has them all.
RESPONDENT_ROWS = 12
TOP_DISAGREEMENTS = 5
TOP_AREAS = 3
#: Lines of each list under "Since the last assessment" (findings new, replaced, resolved and
#: whose severity changed, changed answers, actions marked done and kept, what was not compared),
#: then how many more (:func:`_first_lines`): a large group's comparison has one line per change
#: (150 at 500 respondents), a small group's one per person and answer, and listed whole they
#: pushed the scores and "What to do first" off the first screen.
COMPARISON_LINES = 5


def shown_line(text: object) -> str:
    """Text from a file on one line of the terminal: line breaks are escaped too."""
    return terminal_text(text, multiline=False)


def render_text(
    report: Report, meta: ReportMeta, *, color: bool = False, width: int = 100, limit: int | None = 10
) -> str:
    rubric = report.rubric
    parts: list[RenderableType] = [_summary(report, meta, width)]
    notes = (score_notes(report), unknown_note(report), blank_note(report), gates_text(meta))
    parts += [part for part in notes if part is not None]
    # What to do first, then why: the first screen (about 60 lines at 100 columns) holds what the
    # Markdown report's does: the verdict, one line on what changed since the baseline, each
    # area's score and the first actions. Each role's scores and the comparison in full come after
    # them (four roles' rows and a comparison before them once put "What to do first" at line 85),
    # and the list of people last, where 500 of them do not push the rest away.
    parts += _since_line(report)
    if rubric.scored:
        parts.append(_scores(report, width, roles=False))
    parts += _first_actions(report, width)
    parts += _since(report, width)
    if rubric.scored and report.multiple:
        parts.append(_scores(report, width, roles=True))
        if report.spread_roles:
            parts.append(Text(SPREAD_NOTE if width >= SPREAD_COLUMNS else SPREAD_ELSEWHERE, style="dim"))
    parts += _findings(report, limit, width)
    parts += strengths_text(report.in_place, len(report.said_by_some))
    if report.multiple:
        parts += _disagreements(report, width)
        parts += _respondents(report, width)
    single = report.single
    if single is not None and single.coverage.unanswered_required:
        unanswered = single.coverage.unanswered_required
        parts.append(
            Text(f"{plural(len(unanswered), 'required question')} unanswered: " + ", ".join(unanswered), style="yellow")
        )
    for part in parts:
        if isinstance(part, Table):
            # A word wider than its column is folded onto the next line, whole in its characters,
            # never cut to "…": on a narrow terminal a cut name, count or number reads as another.
            for column in part.columns:
                column.overflow = "fold"
    return to_text(Group(*parts), color=color, width=width)


def summary_table(*, expand: bool = False) -> Table:
    """A table of the summary: a rule under the headings, no outer border."""
    return Table(box=box.SIMPLE_HEAD, show_edge=False, expand=expand, pad_edge=False)


@record
class Field:
    """A column of a :func:`fitted_table`. A ``whole`` column holds numbers (a score, a coverage,
    a count): its cells are never wrapped, so ``26.2`` never reads ``26.`` over ``2``. A column
    with a ``ratio`` shares the width of an expanded table."""

    header: str
    justify: JustifyMethod = "left"
    whole: bool = False
    ratio: int | None = None


#: Cells between two columns of a summary table: a space of padding each side of a blank rule.
COLUMN_GAP = 3


def _widest_line(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.splitlines()), default=0)


def _least_width(field: Field, cells: list[Text]) -> int:
    """The narrowest ``field``'s column can be with nothing in it folded: its widest cell where it
    is whole, else its longest word; its heading wraps at spaces only."""
    if field.whole:
        return max([_widest_line(Text(field.header)), *(_widest_line(cell) for cell in cells)])
    return longest_word([field.header, *(cell.plain for cell in cells)])


def _shared_widths(least: list[int], natural: list[int], room: int) -> list[int]:
    """Widths for columns that cannot all have their natural width in ``room`` cells, at least
    ``least`` each: the widest columns are narrowed first, a cell at a time, as rich does, but
    never below their least width (rich would narrow one below the longest word in it)."""
    widths = list(natural)
    excess = sum(widths) - room
    while excess > 0:
        narrowable = [index for index, width in enumerate(widths) if width > least[index]]
        widest = max(widths[index] for index in narrowable)
        for index in [index for index in narrowable if widths[index] == widest][:excess]:
            widths[index] -= 1
            excess -= 1
    return widths


def fitted_table(
    fields: list[Field], rows: list[list[Text]], width: int, *, expand: bool = False, kept: int = 0, stacked: str = ""
) -> Table:
    """A summary table ``width`` columns wide in which no number is split and no word folded.

    Where its columns cannot all hold their longest word (their widest number, for a whole
    column), each row's fields are stacked instead, as the action plan does: the first ``kept``
    columns (a severity) as they are, then one column headed ``stacked`` (by default the first
    other heading and, after it, the rest) with the row's first other field and, under it, each
    of the rest on a line of its own as ``Heading: value``."""
    columns = [[row[index] for row in rows] for index in range(len(fields))]
    natural = [
        max([_widest_line(Text(field.header)), *map(_widest_line, cells)])
        for field, cells in zip(fields, columns, strict=True)
    ]
    least = [
        natural[index] if expand and field.ratio is None else _least_width(field, columns[index])
        for index, field in enumerate(fields)
    ]
    # One cell spare: rich 13.7 lays out a table that fills the width to the last cell one cell
    # differently from later versions, and took it from a number column ("Overal").
    room = width - COLUMN_GAP * (len(fields) - 1) - 1
    if sum(least) > room:
        return _stacked_table(fields, rows, kept=kept, header=stacked)
    held = _held_at_least(least, [field.ratio or 0 for field in fields], room) if expand else set()
    table = summary_table(expand=expand)
    shrunk = not expand and sum(natural) > room
    widths = _shared_widths(least, natural, room) if shrunk else natural
    for index, field in enumerate(fields):
        # A table that fits is left to rich, which lays it out alike in every version we support;
        # a column that its ratio share would squeeze below its longest word is held at it.
        fixed = least[index] if index in held else widths[index] if shrunk else None
        ratio = None if index in held else field.ratio
        table.add_column(field.header, justify=field.justify, no_wrap=field.whole, ratio=ratio, width=fixed)
    for row in rows:
        table.add_row(*row)
    return table


#: Cells a column's ratio share may fall short of the share worked out here: rich shares the
#: width with each column's padding included, rounding up column by column.
_SHARE_SLACK = 2


def _held_at_least(least: list[int], ratios: list[int], room: int) -> set[int]:
    """The columns with a ratio whose share of ``room`` would be narrower than their longest word.

    rich hands out ratio shares column by column and only then raises a column to its least
    width: a later column with a long word made the columns overflow, and rich cut words back to
    fit (``organisati…``). Each such column is held at its least width instead, and the others
    share what is left, again and again until every share holds its column's longest word."""
    held = {index for index, ratio in enumerate(ratios) if not ratio}
    while True:
        sharing = [index for index in range(len(ratios)) if index not in held]
        left = room - sum(least[index] for index in held)
        total = sum(ratios[index] for index in sharing)
        short = {index for index in sharing if (least[index] + _SHARE_SLACK) * total > ratios[index] * left}
        if not short:
            return {index for index in held if ratios[index]}
        held |= short


def _stacked_table(fields: list[Field], rows: list[list[Text]], *, kept: int, header: str) -> Table:
    lead, rest = fields[kept], fields[kept + 1 :]
    table = summary_table(expand=True)
    for field in fields[:kept]:
        table.add_column(field.header, justify=field.justify, no_wrap=field.whole)
    table.add_column(header or f"{lead.header}: {', '.join(field.header.lower() for field in rest)}", ratio=1)
    for row in rows:
        lines: list[RenderableType] = [row[kept]]
        for field, value in zip(rest, row[kept + 1 :], strict=True):
            if value.plain:  # indented under the row's first field, and so is its wrapped text
                lines.append(Padding(Text.assemble((f"{field.header}: ", "dim"), value), (0, 0, 0, 2)))
        cell = Group(*lines)
        table.add_row(*row[:kept], cell)
    return table


def heading_facts(verdict: Verdict, rubric: Rubric, label: str, overall: float | None, coverage: float) -> list[Text]:
    """The summary's headline facts: the verdict (green for the best band, red for the catch-all),
    and the score with, always beside it, the coverage it rests on. Each is kept whole wherever it
    goes (a fact too long for a line of the body wraps there between words, never in a number)."""
    verdicts = rubric.verdicts
    style = "bold yellow"
    if verdict.id == verdicts[0].id:
        style = "bold green"
    elif verdict.id == verdicts[-1].id:
        style = "bold red"
    covered = f"coverage {number(coverage)}%"
    if rubric.scored:  # one fact: a score is never shown without the coverage it rests on
        # "n/a / 100" read as a score out of 100 that happens to be unreadable; none is none.
        shown = "none" if overall is None else f"{number(overall)} / 100"
        covered = f"{label} {score_name(rubric)} {shown}{FACT_GAP}{covered}"
    return [Text(shown_line(verdict.label), style=style), Text(covered)]


#: Between two headline facts on one line.
FACT_GAP = "   "


def fit_heading(facts: list[Text], width: int) -> tuple[Text | None, list[Text]]:
    """The panel's title and the lines that open its body, for a panel ``width`` columns wide.

    rich cuts a title at the panel's edge without a mark, so a score of ``26.2 / 100`` once read
    ``26.2 / 10`` on a narrow terminal. The title takes the leading facts that fit whole (a title
    has ``width - 6`` columns: two corners, two rules, a space each side); the others are packed,
    whole, onto lines of the body (``width - 4`` columns inside the borders and padding)."""
    in_title = 0
    while in_title < len(facts) and Text(FACT_GAP).join(facts[: in_title + 1]).cell_len <= width - 6:
        in_title += 1
    title = Text(FACT_GAP).join(facts[:in_title]) if in_title else None
    lines: list[Text] = []
    for fact in facts[in_title:]:
        if lines and lines[-1].cell_len + len(FACT_GAP) + fact.cell_len <= width - 4:
            lines[-1] = Text(FACT_GAP).join([lines[-1], fact])
        else:
            lines.append(fact)
    return title, lines


def _summary(report: Report, meta: ReportMeta, width: int) -> Panel:
    rubric = report.rubric
    label = "combined" if report.multiple else "overall"
    title, opening = fit_heading(heading_facts(report.verdict, rubric, label, report.overall, report.coverage), width)
    summary = Text()
    for line in opening:
        summary.append_text(line)
        summary.append("\n")
    summary.append(f"{shown_line(report.initiative or 'initiative not named')}\n", style="bold")
    for held_back in (held_back_text(report, shown_line), answers_held_back_text(report, shown_line)):
        if held_back is not None:
            summary.append(f"Held back: {held_back}.\n", style="yellow")
    left_open = left_open_text(report, shown_line)
    if left_open is not None:
        summary.append(f"Left open: {left_open}.\n", style="yellow")
    if report.multiple:
        # The facts the Markdown and HTML verdicts give, in their words, beside the verdict: a
        # missing voice was said only far down, and the disagreements not at all.
        summary.append(f"Findings: {shown_line(findings_count_text(report))}\n")
        missing = missing_voices_text(report, shown_line)
        if missing is not None:
            summary.append(f"Missing voices: {missing}.\n", style="yellow")
    silent = silent_text(report, shown_line)
    if silent is not None:
        summary.append(f"Answered nothing: {silent}.\n", style="yellow")
    twice = same_person_text(report, shown_line)
    if twice is not None:
        summary.append(f"Same person in several files: {twice}.\n", style="yellow")
    if report.single is not None:
        summary.append(f"{shown_line(respondent_label(report.single.answers, rubric))}\n")
        one_voice = one_voice_text(report, shown_line)
        if one_voice is not None:
            summary.append(f"{one_voice[0]}: {one_voice[1]}.\n", style="yellow")
    else:
        names = " (names, notes and written answers hidden)" if report.anonymized else ""
        weights = role_weights_text(report, shown_line)
        method = f"; combined by {method_description(report).split(' (')[0]}" if rubric.scored else ""
        method += f" ({weights})" if method and weights else ""
        summary.append(f"{role_count_text(report)}{names}{method}\n")
        lone = lone_roles_text(report)
        if lone:
            summary.append(f"{shown_line(lone)}\n")
    summary.append(f"{shown_line(rubric.title)} ({rubric.id} {rubric.version}) · civdata {meta.tool_version}\n")
    summary.append("rubric file: {} · sha256 {}".format(*(shown_line(part) for part in rubric_file(rubric))))
    if report.verdict.description:
        summary.append(f"\n\n{shown(report.verdict.description)}")
    return Panel(summary, title=title, title_align="left", box=box.ROUNDED)


def score_notes(report: Report) -> Text | None:
    """A line under the heading where the score needs a caveat: why there is none, its
    direction, or thin coverage."""
    rubric = report.rubric
    unscored = unscored_words(report)
    if unscored:
        return Text(f"Score: {shown(unscored)}", style="yellow")
    notes = []
    if rubric.scored and direction_note(rubric):
        notes.append(direction_note(rubric).strip(" ()"))
    if report.thin_coverage:
        notes.append(THIN_COVERAGE_WARNING)
    return Text("Score: " + "; ".join(notes), style="yellow") if notes else None


def unknown_note(report: Report) -> Text | None:
    """How many answers were "I don't know", which coverage counts as answered (docs/scoring.md):
    a coverage of 100% says nothing of how many of them there are."""
    if not report.unknown_answers:
        return None
    counted = "each scored as its question's worst answer" if report.rubric.scored else "each counted as answered"
    return Text(f"{plural(report.unknown_answers, 'answer')} “I don't know”: {counted}", style="yellow")


def blank_note(report: Report) -> Text | None:
    """Which findings rest on questions left blank: the findings table shows no finding's source,
    and a rule raised by a blank has no "I don't know" answer's finding beside it to tell why."""
    text = blank_findings_text(report)
    return Text(shown(text), style="yellow") if text else None


def gates_text(meta: ReportMeta) -> Text | None:
    if meta.gates is None:
        return None
    style = "bold green" if meta.gates.passed else "bold red"
    return Text(f"CI gates {shown_line(gate_summary(meta.gates))}", style=style)


def severity_text(severity: Severity) -> Text:
    return Text(f" {severity.value.upper()} ", style=SEVERITY_STYLE[severity])


def _respondents(report: Report, width: int) -> list[RenderableType]:
    """One row per respondent, up to :data:`RESPONDENT_ROWS`; a terminal is no place for 500 rows."""
    scored = report.rubric.scored
    fields = [Field("Respondent"), Field("Role")]
    if scored:
        fields.append(Field("Overall", justify="right", whole=True))
    fields += [Field("Coverage", justify="right", whole=True), Field("Verdict")]
    rows = [
        [
            Text(shown(row.label)),
            Text(shown(row.role.label)),
            *([Text(_score(row.overall))] if scored else []),
            Text(f"{number(row.coverage)}%"),
            Text(shown(row.verdict.label)),
        ]
        for row in report.respondents[:RESPONDENT_ROWS]
    ]
    table = fitted_table(fields, rows, width)
    hidden = len(report.respondents) - RESPONDENT_ROWS
    if hidden <= 0:
        return [table]
    more = f"... and {plural(hidden, 'more respondent')}: the Markdown and JSON reports list them all"
    return [table, Text(more, style="dim")]


#: The narrowest terminal whose table of each role's scores has room for their spread beside them:
#: narrower, a role's name would be cut in pieces to make room, and the reports that give it are named.
SPREAD_COLUMNS = 60
SPREAD_ELSEWHERE = (
    "The spread of the scores of each role of more than a few respondents (the median and middle half) is in the "
    f"Markdown, HTML and JSON reports, and here on a terminal of {SPREAD_COLUMNS} columns or more."
)


def _scores(report: Report, width: int, *, roles: bool) -> Table:
    """Each area's score with a bar; with ``roles`` (a combined report's second table, after what
    to do first), the combined score on the area's line and each role's score on a line of its
    own below it. The bars are characters, so they read the same without colour, and they narrow
    with the terminal (12 characters at 60 columns)."""
    table = summary_table()
    heading = "Area"
    if report.multiple:
        heading = "Area: combined score, then each role's" if roles else "Area: combined score"
    table.add_column(heading, ratio=1)
    table.add_column("Score", justify="right", no_wrap=True)
    # A role of more than a handful of people: its median and middle half beside its mean, as the
    # Markdown, HTML and JSON reports give them (the review of issue 10: the text report had none).
    spread = {id(role) for role in report.spread_roles} if roles and width >= SPREAD_COLUMNS else set()
    if spread:
        table.add_column("Median (middle half)", justify="right", no_wrap=True)
    bar_width = max(5, min(20, (width - (56 if spread else 36)) // 2))
    for item in report.areas:
        title = shown(item.area.title)
        if item.area.direction is not report.rubric.direction:
            title += " (reads the other way; not in the overall)"
        table.add_row(Text(title, style="bold" if roles else ""), _scored_bar(item.percent, bar_width))
        for role in report.roles if roles else ():
            score = _scored_bar(role.areas[item.area.id], bar_width, style="dim")
            cells: list[RenderableType] = [_role_label(role), score]
            if id(role) in spread:
                cells.append(Text(spread_text(role, item.area.id), style="dim"))
            table.add_row(*cells)
    if report.multiple:
        table.add_row(Text("Overall", style="bold" if roles else ""), _scored_bar(report.overall, bar_width))
        for role in report.roles if roles else ():
            table.add_row(_role_label(role), _scored_bar(role.overall, bar_width, style="dim"))
    return table


def _role_label(role: RoleScore) -> Padding:
    """``  Funder (1)``, indented under its area: wrapped like the area's title where the terminal
    is narrow (a long label cut to ``representati…`` lost its count)."""
    return Padding(Text(f"{shown_line(role.role.label)} ({len(role.respondents)})"), (0, 0, 0, 2))


def _scored_bar(value: float | None, width: int, *, style: str = "") -> Text:
    """``62.5 ██████░░░░``: a score and its bar in one cell (``–`` and a dotted bar for none)."""
    return Text(f"{_score(value)} {bar(value, width)}", style=style)


def _score(value: float | None) -> str:
    return "–" if value is None else number(value)


def recommendation_text(rubric: Rubric, finding: Finding, respondent_role: str | None = None) -> Text:
    """The recommendation, led by the role it is for when the rubric names one."""
    owner = owner_text(rubric, finding.owner, respondent_role)
    recommendation = shown(finding.recommendation)
    return Text(f"For {shown_line(owner)}: {recommendation}" if owner else recommendation)


def _findings(report: Report, limit: int | None, width: int) -> list[RenderableType]:
    """The first findings, most severe first: what, what to do, and who raised them. Where the
    terminal cannot hold every column's longest word side by side (60 columns read
    ``organisatio`` over ``n``), each finding's recommendation and who raised it go on lines of
    their own under its title, as the other tables' rows do (:func:`fitted_table`)."""
    if not report.findings:
        return [Text("No findings.", style="bold")]
    listed = report.findings[:limit]
    fields = [Field("Severity", whole=True), Field("Finding", ratio=2), Field("Recommendation", ratio=3)]
    if report.multiple:
        fields.append(Field("Raised by", ratio=2))
    role = report.single.answers.respondent.role if report.single is not None else None
    rows = [
        [
            severity_text(finding.severity),
            Text(shown(finding.title)),
            recommendation_text(report.rubric, finding, role),
            *([Text(shown(_who(report, finding)))] if report.multiple else []),
        ]
        for finding in listed
    ]
    table = fitted_table(fields, rows, width, expand=True, kept=1)
    title = f"Findings: {len(listed)} of {len(report.findings)}, most severe first"
    return [Text(title, style="bold"), table]


def longest_word(texts: list[str]) -> int:
    """The widest word of ``texts`` in terminal cells: the narrowest a column can be without
    cutting one."""
    return max((cell_len(word) for text in texts for word in text.split()), default=1)


def _first_actions(report: Report, width: int) -> list[RenderableType]:
    """What to do first (:func:`~civdata.render.common.first_actions`, as the Markdown and HTML
    reports give it): what to do, by when, by whom; the rest of the plan is in the other formats.

    By and For are columns as wide as their longest word, so a deadline or an owner is wrapped,
    never cut to ``n…`` or ``Le…``; where the terminal is too narrow for four such columns, each
    action's deadline and owner go on lines of their own under it (:func:`fitted_table`)."""
    listed = first_actions(report)
    if not listed:
        # Only actions for information, or none: a line, not an empty table.
        return [Text(f"What to do first: {nothing_first_text(report)}")]
    role = report.single.answers.respondent.role if report.single is not None else None
    fields = [Field("Severity", whole=True), Field("Action", ratio=4), Field("By", ratio=1), Field("For", ratio=1)]
    rows = [
        [
            severity_text(action.severity),
            Text(shown(action.text) + (f" {words}" if (words := may_hold_words(action)) else "")),
            Text(act_by_text(action) or ""),
            Text(shown(owner_text(report.rubric, action.owner, role) or "")),
        ]
        for action in listed
    ]
    table = fitted_table(fields, rows, width, expand=True, kept=1, stacked="Action: by when, for whom")
    parts: list[RenderableType] = [Text("What to do first", style="bold"), table]
    rest = len(report.actions) - len(listed)
    if rest > 0:
        parts.append(
            Text(
                f"The other {plural(rest, 'action')} {verb(rest, 'is', 'are')} in the action plan of the Markdown, "
                "HTML and JSON reports."
            )
        )
    return parts


TREND_STYLE = {Trend.BETTER: "green", Trend.WORSE: "bold red", Trend.SAME: "", Trend.NOT_COMPARED: "dim"}


def _since_line(report: Report) -> list[RenderableType]:
    """What changed since the baseline, in the line the Markdown and HTML verdicts give it
    (:func:`~civdata.render.since.since_summary`), on the first screen; the comparison in full
    (:func:`_since`) comes after what to do first."""
    progress = report.progress
    if progress is None:
        return []
    return [Text(f"{shown_line(since_summary(progress, report.rubric))}. {SINCE_IN_FULL}")]


def _since(report: Report, width: int) -> list[RenderableType]:
    """Since the last assessment: the verdict and every score then and now, the findings, the answers."""
    progress = report.progress
    if progress is None:
        return []
    # Cells are Text, never str: rich reads markup such as [link=...] in a str, and these come from files.
    rows = [
        [
            Text("Verdict"),
            Text(shown_line(progress.verdict_before)),
            Text(shown_line(progress.verdict_after)),
            Text(trend_text(progress.verdict_trend), style=TREND_STYLE[progress.verdict_trend]),
        ]
    ]
    if report.rubric.scored:
        for item in (*progress.areas, progress.overall):
            moved = Text(f"{TREND_MARKS[item.trend]} {shown_line(change_text(item))}", style=TREND_STYLE[item.trend])
            rows.append([Text(shown_line(item.title)), Text(_score(item.before)), Text(_score(item.after)), moved])
    fields = [Field(""), Field("Then", justify="right"), Field("Now", justify="right"), Field("Change")]
    table = fitted_table(fields, rows, width, stacked="Then, now, change")
    parts: list[RenderableType] = [
        Text(f"Since the last assessment: {shown_line(since_text(progress))}", style="bold"),
        table,
    ]
    lines = [f"{progress_counts(progress)}."]
    lines += _first_lines([f"New: {_brief(finding)}" for finding in progress.new], "new finding")
    replaced = [
        f"Replaced: {_brief(item.before)} → {_brief(item.after)} ({replacement_trend(item)})"
        for item in progress.replaced
    ]
    lines += _first_lines(replaced, "replaced finding")
    lines += _first_lines([f"Resolved: {_brief(finding)}" for finding in progress.resolved], "resolved finding")
    rated = [
        f"Severity changed: {item.before.severity.value} → {item.after.severity.value}: "
        f"{shown_line(item.after.title)} ({replacement_trend(item)})"
        for item in progress.severity_changed
    ]
    lines += _first_lines(rated, "finding whose severity changed", "findings whose severity changed")
    lines += _answer_changes(report, progress)
    checks = [
        f"Plan: {shown_line(check.id)}: {PLAN_STATE_WORDS[check.state]}"
        + (f"; {shown_line(check.now)} {IN_THIS_PLAN}" if check.now else "")
        for check in progress.plan
    ]
    lines += _first_lines(checks, "action marked done", "actions marked done")
    kept = [
        f"Kept: {shown_line(item.id)}"
        + (f" ({shown_line(item.was)} {IN_THE_KEPT_PLAN})" if item.was else "")
        + ": "
        + "; ".join(f"{what} {shown_line(value)}" for what, value in carried_values(item))
        for item in progress.carried
    ]
    lines += _first_lines(
        kept, "action that keeps the owner or date the team set", "actions that keep the owner or date the team set"
    )
    not_compared = [f"Not compared: {shown_line(sentence)}" for sentence in progress.not_compared]
    lines += _first_lines(not_compared, "note on what was not compared", "notes on what was not compared")
    parts.append(Text("\n".join(lines)))
    return parts


def _brief(finding: FindingBrief) -> str:
    """``high Records are kept indefinitely``: a finding as the comparison lists it."""
    return f"{finding.severity.value} {shown_line(finding.title)}" + (f" ({ON_BLANK_NOW})" if finding.on_blank else "")


def _first_lines(lines: list[str], what: str, whats: str | None = None) -> list[str]:
    """The first :data:`COMPARISON_LINES` of ``lines``, in the order the other formats list them
    all, then how many more ``what`` (``whats`` when adding an "s" is wrong) there are and where:
    the comparison stays under the box, and the scores and the first actions on the first screen,
    as docs/progress.md says."""
    rest = len(lines) - COMPARISON_LINES
    if rest <= 0:
        return lines
    return [
        *lines[:COMPARISON_LINES],
        f"The other {plural(rest, what, whats)} {verb(rest, 'is', 'are')} in the Markdown, HTML and JSON reports.",
    ]


def _answer_changes(report: Report, progress: Progress) -> list[str]:
    """The first changed answers (:func:`_first_lines`), person by person or counted."""
    lines: list[str] = []
    for change in progress.answers:
        then, now = answer_then_now(change)
        who = f"{shown_line(change.respondent)}, " if change.respondent else ""
        lines.append(f"Answer changed ({who}{change.question_id}): {shown_line(then)} → {shown_line(now)}")
    for counted in progress.answer_counts:
        then, now = answer_then_now(counted)
        who = shown_line(answer_count_who(report, counted))
        question = f"{shown_line(counted.title)} ({counted.question_id})"
        lines.append(f"Answer changed: {question}: {shown_line(then)} → {shown_line(now)}: {who}")
    return _first_lines(lines, "answer change")


def _who(report: Report, finding: Finding) -> str:
    source = finding.source
    if source.kind is FindingKind.ROLE:
        return "nobody: a missing voice"
    if source.kind is FindingKind.DIVERGENCE:
        return f"a disagreement among {plural(source.count or len(source.respondents), 'respondent')}"
    raised = people_text(report, source.respondents, limit=4)
    if source.ruled_out:
        return f"{raised}; ruled out by the answers of {people_text(report, source.ruled_out, limit=4)}"
    return raised


def strengths_text(strengths: tuple[Strength, ...], said_by_some: int = 0, limit: int = 3) -> list[RenderableType]:
    """The first few things in place, so the summary is not only deficits; and how many more some
    respondents' answers show without most of those asked agreeing (not counted as in place)."""
    if not strengths and not said_by_some:
        return []
    lines = Text(f"In place ({len(strengths)}):", style="bold green")
    for strength in strengths[:limit]:
        lines.append(f"\n  ✓ {shown_line(strength.text)}", style="")
    if len(strengths) > limit:
        lines.append(f"\n  … and {len(strengths) - limit} more in the Markdown report", style="dim")
    if said_by_some:
        more = " more" if strengths else ""
        lines.append(f"\n  {said_by_some}{more} said by some, not agreed: see the Markdown report", style="dim")
    return [lines]


def _disagreements(report: Report, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if report.divergences:
        fields = [
            Field("Severity", whole=True),
            Field("Question", ratio=2),
            Field("Spread", justify="right", whole=True),  # a percentage of the question's own range
            Field("Who answered what", ratio=4),
        ]
        rows = [
            [
                severity_text(divergence.severity),
                Text(shown(divergence.question.title)),
                Text(range_share_text(divergence.spread)),
                Text(shown("; ".join(f"{tally.answer}: {tally_who(report, tally)}" for tally in divergence.tallies))),
            ]
            for divergence in report.divergences[:TOP_DISAGREEMENTS]
        ]
        table = fitted_table(fields, rows, width, expand=True, kept=1)
        listed = min(TOP_DISAGREEMENTS, len(report.divergences))
        parts += [Text(f"Top disagreements: {listed} of {len(report.divergences)}", style="bold"), table]
    if apart := areas_apart(report):
        lines = Text("Areas where roles disagree most:", style="bold")
        for item in apart[:TOP_AREAS]:
            (high_role, high), (low_role, low) = item.highest, item.lowest
            lines.append(
                f"\n  {shown_line(item.area.title)}: {number(item.spread)} points "
                f"({shown_line(high_role.label)} {number(high)}, {shown_line(low_role.label)} {number(low)}, "
                f"on {plural(item.questions, 'question')} both answered)",
                style="",
            )
        parts.append(lines)
    return parts


def to_text(renderable: RenderableType, *, color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return buffer.getvalue()
