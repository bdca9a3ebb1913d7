"""The Markdown report: what a facilitator reads, edits, shares with partners and hands to a board.

One renderer for one respondent or many: sections that only mean something for several people
(disagreement, missing voices, the spread within roles) appear when there are several, and the
answers one by one when there is one. The first screen always says the verdict, the scores by area
and the few things to do first, in that order: the scores table is as long as the list of areas,
the actions are long sentences, so the scores come first to stay on the first screen (about 60
lines). The detail follows, and per-respondent tables come last.

GitHub-flavoured Markdown. Everything that came from a file (names, notes, free text, and the
rubric's own words) goes through :func:`md_text` or :func:`md_block`, so it cannot break a
table, start a heading or inject HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote

from civdata.mdlayout import lay_out
from civdata.model import Question, Rubric
from civdata.render import Companion, Rendered
from civdata.render.common import (
    AREA_CHART_ALT,
    AREAS_APART_NOTE,
    NO_ACTION,
    NOTHING_IN_PLACE,
    OPTIONS_APART,
    SAID_BY_SOME,
    SAID_BY_SOME_TITLE,
    SPREAD_NOTE,
    WRITTEN_SHOWN,
    NoteGroup,
    ReportMeta,
    SourceMarkup,
    act_by_text,
    action_lead,
    area_chart_svg,
    areas_agreed_text,
    areas_apart,
    bar,
    beside_verdict,
    chart_alt,
    combined_method_points,
    companion_name,
    direction_note,
    divergence_intro,
    divergence_scale_text,
    finding_source_text,
    findings_count_text,
    first_actions,
    gap_sections,
    gate_summary,
    may_hold_words,
    md_area_title,
    md_block,
    md_code,
    md_heading,
    md_text,
    method_description,
    method_points,
    names_row_text,
    names_strengths,
    note_author_text,
    note_groups,
    note_shortened_text,
    notes_left_out_text,
    nothing_first_text,
    number,
    owner_text,
    people_text,
    plan_mark_words,
    plan_order_words,
    plural,
    question_weight,
    report_coverage_text,
    respondent_columns,
    respondent_label,
    role_count_text,
    role_weights_text,
    rubric_file,
    score_name,
    scores_table_note,
    spread_text,
    strength_people,
    tally_by_role,
    tally_score,
    tally_who,
    thin_coverage_note,
    unscored_words,
    verb,
    verdict_conditions,
    written_by_question,
    written_intro,
    written_left_out_text,
    written_title,
)
from civdata.render.since import (
    CARRIED_HEADING,
    CARRIED_NOTE,
    COUNTED_CHANGES_NOTE,
    IN_THE_KEPT_PLAN,
    IN_THIS_PLAN,
    LISTED_TOO,
    PLAN_STATE_WORDS,
    PROGRESS_CHART_ALT,
    REPLACED_NOTE,
    SEVERITY_CHANGED_HEADING,
    SEVERITY_CHANGED_NOTE,
    SINCE_IN_FULL,
    TREND_MARKS,
    answer_count_who,
    answer_then_now,
    carried_values,
    change_text,
    progress_chart_svg,
    progress_counts,
    replacement_trend,
    since_summary,
    since_text,
    trend_text,
)
from civdata.results import (
    Action,
    Assessment,
    Divergence,
    Finding,
    QuestionResult,
    QuestionStatus,
    Report,
    Strength,
)
from civdata.wording import ON_BLANK_NOW

if TYPE_CHECKING:
    from civdata.progress import FindingReplacement, Progress, SeverityChange
    from civdata.snapshot import FindingBrief


def render_markdown(report: Report, meta: ReportMeta, **_: object) -> Rendered:
    picture = _area_picture(report, meta)
    chart = _progress_picture(report, meta)
    # The first screen: the verdict (with a line of what changed since a baseline), the scores and
    # what to do first; the comparison in full after them (before the verdict it took 65 lines).
    sections: list[Callable[[Report], str]] = [
        lambda report: _verdict(report, meta),
        lambda report: (
            _scores(report)
            + (
                f"\n\n![{chart_alt(report.rubric, AREA_CHART_ALT)}]({quote(picture.name, errors='surrogateescape')})"
                if picture
                else ""
            )
        ),
        _first_actions,
        lambda report: _since(report, chart),
        _role_spread,
        _disagreement,
        _missing_voices,
        _findings,
        _action_plan,
        _strengths,
        _written,
        _answers,
        _gaps,
        _respondents,
        _method,
    ]
    parts = [_header(report, meta), *(section(report) for section in sections)]
    text = lay_out("\n\n".join(part for part in parts if part))
    return Rendered(text, tuple(companion for companion in (picture, chart) if companion))


def _progress_picture(report: Report, meta: ReportMeta) -> Companion | None:
    """The scores then and now, as a file beside the report, when there is a baseline to draw."""
    name = companion_name(meta, "progress.svg")
    svg = progress_chart_svg(report) if name else None
    return Companion(name, svg, "picture of the scores then and now") if name and svg else None


def _area_picture(report: Report, meta: ReportMeta) -> Companion | None:
    """The picture of the scores by area, as a file beside the report, when the report is a file
    and has scores; standard output has nowhere beside it, so it gets no picture and no link."""
    name = companion_name(meta, "areas.svg")
    svg = area_chart_svg(report) if name else None
    return Companion(name, svg, "picture of the scores by area") if name and svg else None


# --- First screen: who and what, the verdict, the scores, what to do first ------------------------


def _header(report: Report, meta: ReportMeta) -> str:
    rubric = report.rubric
    initiative = report.initiative or "initiative not named"
    single = report.single
    rows = [("Initiative", md_text(initiative))]
    if single is not None:
        rows += [
            ("Respondent", md_text(respondent_label(single.answers, rubric))),
            ("Answered on", md_text(single.answers.date) if single.answers.date else "not stated"),
        ]
    else:
        rows.append(("Respondents", role_count_text(report)))
    rows += [
        ("Rubric", f"{md_text(rubric.title)} (`{rubric.id}` {rubric.version})"),
        ("Rubric file", rubric_file_cell(rubric)),
        ("Report", f"civdata {meta.tool_version}, {meta.generated_on}"),
    ]
    if report.anonymized and report.multiple:
        rows.append(("Names", names_row_text(report, md_text, lambda option: f"`{option}`")))
    title = "Combined readiness and risk report" if report.multiple else "Readiness and risk report"
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    return f"# {title}: {md_heading(initiative)}\n\n| | |\n|---|---|\n{table}"


def rubric_file_cell(rubric: Rubric) -> str:
    """The header's rubric file: its name as the loader gave it, and the start of its SHA-256."""
    name, digest = rubric_file(rubric)
    return f"{md_text(name)}, sha256 `{digest}`"


def _verdict(report: Report, meta: ReportMeta) -> str:
    verdict, rubric = report.verdict, report.rubric
    lines = [f"## Verdict: {md_heading(verdict.label)}"]
    if verdict.description:
        lines += ["", md_block(verdict.description)]
    lines += ["", _score_line(report)]
    if report.progress is not None:
        summary = since_summary(report.progress, rubric)
        lines.append(f"- {md_text(summary)}. {SINCE_IN_FULL}")
    lines.append(f"- Findings: {findings_count_text(report)}")
    lines += [f"- {said}" for said in beside_verdict(report, md_text)]
    if report.multiple and rubric.scored:
        weights = role_weights_text(report, md_text)
        lines.append(f"- Combined by {method_description(report)}" + (f"; {weights}" if weights else ""))
    if meta.gates is not None:
        lines.append(f"- CI gates: {md_text(gate_summary(meta.gates))}")
    return "\n".join(lines)


def _score_line(report: Report) -> str:
    """The score and the coverage it rests on, in one line: a score never stands without it."""
    rubric = report.rubric
    coverage = report_coverage_text(report)
    if not rubric.scored:
        return f"- Coverage: {coverage}"
    label = "Combined" if report.multiple else "Overall"
    unscored = unscored_words(report)
    if unscored:
        return f"- {label} {score_name(rubric)}: {md_text(unscored)}; the answers cover {coverage}"
    warning = thin_coverage_note(report)
    score = f"**{number(report.overall)} / 100**{direction_note(rubric)}"
    return f"- {label} {score_name(rubric)}: {score}, from {coverage}{warning}"


def _scores(report: Report) -> str:
    if not report.rubric.scored:
        return ""
    if not report.multiple:
        return _single_scores(report)
    return _combined_scores(report)


def _single_scores(report: Report) -> str:
    lines = ["## Scores by area", "", "| Area | Score | | Points | Weight |", "|---|---:|---|---:|---:|"]
    for index, item in enumerate(report.areas):
        score = item.score
        points = f"{number(score.points)} / {number(score.maximum)}" if score is not None and score.maximum else "–"
        lines.append(
            f"| {md_area_title(report, index)} | {number(item.percent)} | `{bar(item.percent)}` | {points} "
            f"| {number(item.area.weight)} |"
        )
    lines.append(f"| **Overall** | **{number(report.overall)}** | `{bar(report.overall)}` | | |")
    return "\n".join(lines)


def _combined_scores(report: Report) -> str:
    """Areas as rows; the combined score first, then each role, then each person while they are
    few, as in the HTML report and the terminal: a wide table scrolls, and what scrolls out of
    sight is the least important column, never the combined score."""
    columns = respondent_columns(report)
    lines = [
        "## Scores by area",
        "",
        scores_table_note(report, columns),
        "",
        "| Area | **Combined** | Weight | "
        + "".join(f"*{md_text(role.role.label)}* ({len(role.respondents)}) | " for role in report.roles)
        + "".join(f"{md_text(report.respondents[person].label)} | " for person in columns),
        "|---|---:|---:|" + "---:|" * (len(report.roles) + len(columns)),
    ]
    for index, combined in enumerate(report.areas):
        cells = [md_area_title(report, index), f"**{_score(combined.percent)}**", number(combined.area.weight)]
        cells += [_score(role.areas[combined.area.id]) for role in report.roles]
        cells += [_score(report.respondents[person].areas[index]) for person in columns]
        lines.append("| " + " | ".join(cells) + " |")
    overall = ["**Overall**", f"**{_score(report.overall)}**", ""]
    overall += [f"**{_score(role.overall)}**" for role in report.roles]
    overall += [f"**{_score(report.respondents[person].overall)}**" for person in columns]
    lines.append("| " + " | ".join(overall) + " |")
    return "\n".join(lines)


def _role_spread(report: Report) -> str:
    """For roles of more than a handful of people: the spread of their scores, not a list of them.
    Areas as rows and roles as columns, as in the scores table above it: a rubric has more areas
    than a group has large roles, and a row per area keeps the table as wide as the list of roles.
    After what to do first, so that the first screen holds the verdict, the scores and the first
    actions."""
    large = report.spread_roles
    if not large:
        return ""
    lines = [
        "## Spread of scores within each role",
        "",
        SPREAD_NOTE,
        "",
        "| Area | " + "".join(f"*{md_text(role.role.label)}* ({len(role.respondents)}) | " for role in large),
        "|---|" + "---:|" * len(large),
    ]
    for index, item in enumerate(report.areas):
        cells = [md_area_title(report, index)] + [spread_text(role, item.area.id) for role in large]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _score(value: float | None) -> str:
    return "–" if value is None else number(value)


def _first_actions(report: Report) -> str:
    actions = first_actions(report)
    lines = ["## What to do first", ""]
    if not actions:
        return "\n".join([*lines, nothing_first_text(report)])
    role = report.single.answers.respondent.role if report.single is not None else None
    for index, action in enumerate(actions, start=1):
        lines.append(f"{index}. {_action_line(report, action, role)}")
    rest = len(report.actions) - len(actions)
    if rest > 0:
        lines += [
            "",
            f"The other {plural(rest, 'action')} {verb(rest, 'is', 'are')} in the action plan below, after every "
            "finding's detail.",
        ]
    return "\n".join(lines)


def _action_line(report: Report, action: Action, role: str | None) -> str:
    """``**HIGH**: title. What to do. *For: Lead. By: this week.*``"""
    lead = action_lead(report, action)
    title = f"{md_text(lead.title)}. " if lead is not None else ""
    owner = owner_text(report.rubric, action.owner, role)
    when = act_by_text(action)
    extras = [
        may_hold_words(action),
        f"For: {md_text(owner)}." if owner else "",
        f"By: {md_text(when)}." if when else "",
    ]
    extra = " ".join(part for part in extras if part)
    return f"**{action.severity.value.upper()}**: {title}{md_text(action.text)}" + (f" *{extra}*" if extra else "")


def _plan_mark(action: Action) -> str:
    """`` *(may hold)*`` after the text of an action that only may hold, in the plan's table."""
    mark = plan_mark_words(action)
    return f" *{mark}*" if mark else ""


def _action_plan(report: Report) -> str:
    """Every action, most pressing first, with its id: the plan a team keeps (``--plan``) has the same rows."""
    lines = [f"## Action plan ({len(report.actions)})", ""]
    if not report.actions:
        return "\n".join([*lines, NO_ACTION])
    lines += [
        f"{plan_order_words(report)} `--plan plan.yaml` (or `.csv`) writes these rows to a file to keep and tick off.",
        "",
        "| # | Severity | Action | By | For | Id |",
        "|---:|---|---|---|---|---|",
    ]
    for index, action in enumerate(report.actions, start=1):
        owner = owner_text(report.rubric, action.owner) or ""
        lines.append(
            f"| {index} | {action.severity.value} | {md_text(action.text)}{_plan_mark(action)} "
            f"| {md_text(act_by_text(action) or '')} "
            f"| {md_text(owner)} | {md_code(action.id)} |"
        )
    return "\n".join(lines)


# --- Since the last assessment ---------------------------------------------------------------------


def _since(report: Report, chart: Companion | None) -> str:
    progress = report.progress
    if progress is None:
        return ""
    lines = ["## Since the last assessment", "", md_text(since_text(progress)) + ".", ""]
    lines += ["| | Then | Now | Change |", "|---|---:|---:|---|"]
    lines.append(
        f"| Verdict | {md_text(progress.verdict_before)} | {md_text(progress.verdict_after)} "
        f"| {trend_text(progress.verdict_trend)} |"
    )
    if report.rubric.scored:
        for item in (*progress.areas, progress.overall):
            title = f"**{md_text(item.title)}**" if item is progress.overall else md_text(item.title)
            lines.append(
                f"| {title} | {_score(item.before)} | {_score(item.after)} "
                f"| {TREND_MARKS[item.trend]} {md_text(change_text(item))} |"
            )
    if chart is not None:
        alt = chart_alt(report.rubric, PROGRESS_CHART_ALT)
        lines += ["", f"![{alt}]({quote(chart.name, errors='surrogateescape')})"]
    lines += ["", f"- {progress_counts(progress)}."]
    lines += _finding_list("Resolved", progress.resolved)
    lines += _replaced_list(progress.replaced)
    lines += _finding_list("New", progress.new)
    lines += _severity_changed_list(progress.severity_changed)
    lines += _answer_changes(progress) + _answer_counts(report, progress)
    lines += _plan_checks(progress) + _carried(progress)
    if progress.not_compared:
        lines += ["", "### Not compared", ""]
        lines += [f"- {md_text(sentence[0].upper() + sentence[1:])}." for sentence in progress.not_compared]
    return "\n".join(lines)


def _finding_list(kind: str, findings: tuple[FindingBrief, ...]) -> list[str]:
    if not findings:
        return []
    lines = ["", f"### {kind} findings ({len(findings)})", ""]
    return lines + [f"- {_brief(finding)}" for finding in findings]


def _replaced_list(replaced: tuple[FindingReplacement, ...]) -> list[str]:
    """``- **MEDIUM**: then (`id`) → **HIGH**: now (`id`) (▼ more severe)``, one per replacement."""
    if not replaced:
        return []
    lines = ["", f"### Replaced findings ({len(replaced)})", "", md_text(REPLACED_NOTE), ""]
    return lines + [f"- {_brief(item.before)} → {_brief(item.after)} ({replacement_trend(item)})" for item in replaced]


def _severity_changed_list(changed: tuple[SeverityChange, ...]) -> list[str]:
    """``- **MEDIUM** → **HIGH**: title (`id`) (▼ more severe)``, one per finding still open whose
    severity changed."""
    if not changed:
        return []
    lines = ["", f"### {SEVERITY_CHANGED_HEADING} ({len(changed)})", "", md_text(SEVERITY_CHANGED_NOTE), ""]
    return lines + [
        f"- **{item.before.severity.value.upper()}** → {_brief(item.after)} ({replacement_trend(item)})"
        for item in changed
    ]


def _brief(finding: FindingBrief) -> str:
    """``**HIGH**: title (`id`)``: a finding as the comparison lists it."""
    brief = f"**{finding.severity.value.upper()}**: {md_text(finding.title)} ({md_code(finding.id)})"
    return brief + (f" ({md_text(ON_BLANK_NOW)})" if finding.on_blank else "")


def _answer_changes(progress: Progress) -> list[str]:
    if not progress.answers:
        return []
    with_who = any(change.respondent is not None for change in progress.answers)
    lines = ["", f"### Answers that changed ({len(progress.answers)})", ""]
    lines.append("| " + ("Respondent | " if with_who else "") + "Question | Then | Now | Note now |")
    lines.append("|" + ("---|" if with_who else "") + "---|---|---|---|")
    for change in progress.answers:
        then, now = answer_then_now(change)
        note = change.after.note if change.after is not None and change.after.note else ""
        who = f"{md_text(change.respondent or '')} | " if with_who else ""
        lines.append(
            f"| {who}{md_text(change.title)} ({md_code(change.question_id)}) | {md_text(then)} | {md_text(now)} "
            f"| {md_text(note)} |"
        )
    return lines


def _answer_counts(report: Report, progress: Progress) -> list[str]:
    """A large group's changed answers: a row per question and answer then and now, with how many
    made that change, per role; never who, nor their notes."""
    if not progress.answer_counts:
        return []
    lines = ["", f"### Answers that changed ({progress.answers_changed})", "", md_text(COUNTED_CHANGES_NOTE), ""]
    lines += ["| Question | Then | Now | Respondents |", "|---|---|---|---|"]
    for item in progress.answer_counts:
        then, now = answer_then_now(item)
        lines.append(
            f"| {md_text(item.title)} ({md_code(item.question_id)}) | {md_text(then)} | {md_text(now)} "
            f"| {md_text(answer_count_who(report, item))} |"
        )
    return lines


def _plan_checks(progress: Progress) -> list[str]:
    if not progress.plan:
        return []
    lines = ["", f"### Actions marked done in the plan ({len(progress.plan)})", ""]
    for check in progress.plan:
        still = f" ({', '.join(md_code(finding) for finding in check.open_findings)})" if check.open_findings else ""
        still += f"; {md_code(check.now)} {IN_THIS_PLAN}" if check.now else ""
        lines.append(
            f"- {md_code(check.id)}: **{PLAN_STATE_WORDS[check.state]}**{still}. {md_text(check.text)}".rstrip()
        )
    return lines


def _carried(progress: Progress) -> list[str]:
    if not progress.carried:
        return []
    lines = ["", f"### {CARRIED_HEADING} ({len(progress.carried)})", "", md_text(CARRIED_NOTE), ""]
    for item in progress.carried:
        values = "; ".join(f"{what} {md_text(value)}" for what, value in carried_values(item))
        was = f" ({md_code(item.was)} {IN_THE_KEPT_PLAN})" if item.was else ""
        lines.append(f"- {md_code(item.id)}{was}: {values}.")
    return lines


# --- Several respondents: where they disagree, who is missing ----------------------------------


def _disagreement(report: Report) -> str:
    if not report.multiple:
        return ""
    intro, none_apart = divergence_intro(report.rubric.divergence_threshold)
    lines = ["## Where respondents disagree", "", intro]
    if not report.divergences:
        lines += ["", none_apart]
    for index, divergence in enumerate(report.divergences, start=1):
        question = divergence.question
        medians = ", ".join(f"{md_text(role.label)} {number(100 * value)}" for role, value in divergence.role_medians)
        options = "; ".join(md_text(option.label) for option in divergence.options_apart)
        lines += [
            "",
            f"### {index}. {divergence.severity.value.upper()}: {md_text(question.title)} (`{question.id}`)",
            "",
            f"{divergence_scale_text(divergence)}. Median score by role: {medians}."
            + (f" {OPTIONS_APART} {options}." if options else ""),
            "",
            *_tally_table(report, divergence),
        ]
    lines += ["", "### Areas where roles disagree most", ""]
    if not report.area_disagreements:
        lines.append("Fewer than two roles have a score in any area, so there is nothing to compare.")
        return "\n".join(lines)
    lines.append(AREAS_APART_NOTE)
    if apart := areas_apart(report):
        lines += ["", "| Area | Spread | Highest | Lowest | Questions compared |", "|---|---:|---|---|---:|"]
    for item in apart:
        (high_role, high), (low_role, low) = item.highest, item.lowest
        lines.append(
            f"| {md_text(item.area.title)} | {number(item.spread)} | {md_text(high_role.label)}: {number(high)} "
            f"| {md_text(low_role.label)}: {number(low)} | {item.questions} |"
        )
    if agreed := areas_agreed_text(report, md_text):
        lines += ["", agreed]
    return "\n".join(lines)


def _tally_table(report: Report, divergence: Divergence) -> list[str]:
    """Who gave which answer: by name while few; in a large group by count per role, and for a
    multiple-choice question by option ticked, so the table has a row per option, not per person."""
    if divergence.by_option:
        lines = [
            "How many ticked each option (a person may tick several):",
            "",
            "| Option | Its score ticked alone | How many ticked it | By role |",
            "|---|---:|---:|---|",
        ]
        for tally in divergence.tallies:
            by_role = tally_by_role(report, tally, shown=md_text)
            lines.append(f"| {md_text(tally.answer)} | {tally_score(tally)} | {tally.count} | {by_role} |")
        return lines
    lines = ["| Answer | Score | How many | Who answered it |", "|---|---:|---:|---|"]
    for tally in divergence.tallies:
        who = md_text(tally_who(report, tally))
        lines.append(f"| {md_text(tally.answer)} | {tally_score(tally)} | {tally.count} | {who} |")
    return lines


def _missing_voices(report: Report) -> str:
    if not report.multiple:
        return ""
    lines = ["## Missing voices", ""]
    expected = [role for role in report.rubric.roles if role.expected]
    if not expected:
        return "\n".join([*lines, "The rubric marks no role as expected."])
    if not report.missing_roles:
        names = ", ".join(md_text(role.label) for role in expected)
        return "\n".join([*lines, f"Every role the rubric expects has a respondent: {names}."])
    lines += ["The rubric expects these roles, and nobody answered as them:", ""]
    for role in report.missing_roles:
        about = f": {md_text(role.description)}" if role.description else ""
        lines.append(f"- **{md_text(role.label)}** ({role.missing_severity.value}){about}")
    lines += ["", "Every score above is computed without their view; the others cannot stand in for it."]
    return "\n".join(lines)


# --- Findings and strengths ----------------------------------------------------------------------


def _finding_source(report: Report, finding: Finding) -> str:
    return finding_source_text(report, finding, _SOURCE_MARKUP)


def _question_ref(question: Question) -> str:
    """A question as a finding's source names it: *Title* (`id`)."""
    return f"*{md_text(question.title)}* (`{question.id}`)"


#: How a finding's source line is written in Markdown (:func:`~civdata.render.common.finding_source_text`).
_SOURCE_MARKUP = SourceMarkup(
    text=md_text,
    code=lambda identifier: f"`{identifier}`",
    question=_question_ref,
    people=lambda report, people: md_text(people_text(report, people)),
)


def findings_overview(findings: tuple[Finding, ...]) -> list[str]:
    """A one-line-per-finding table, so a reader sees every risk before the detail of each."""
    lines = ["", "| # | Severity | Finding |", "|---:|---|---|"]
    lines += [
        f"| {index} | {finding.severity.value} | {md_text(finding.title)} |"
        for index, finding in enumerate(findings, start=1)
    ]
    return lines


def _findings(report: Report) -> str:
    lines = [f"## Findings ({len(report.findings)})"]
    if not report.findings:
        nobody = "No respondent's answers raised a finding, and nobody disagreed widely."
        return "\n".join([*lines, "", nobody if report.multiple else "No answer raised a finding."])
    if report.multiple:
        lines += ["", "Findings that several respondents raised are listed once, with who raised them."]
    lines += findings_overview(report.findings)
    role = report.single.answers.respondent.role if report.single is not None else None
    listed = frozenset(finding.id for finding in report.findings)
    for index, finding in enumerate(report.findings, start=1):
        lines += [
            "",
            f"### {index}. {finding.severity.value.upper()}: {md_heading(finding.title)}",
            "",
            f"- {_finding_source(report, finding)}",
        ]
        if finding.explanation:
            lines.append(f"- Why it matters: {md_text(finding.explanation)}")
        lines.append(f"- **Recommendation:** {md_text(finding.recommendation)}")
        lines += finding_extras(report.rubric, finding, role, listed)
        lines += _notes(report, finding)
    return "\n".join(lines)


def _notes(report: Report, finding: Finding) -> list[str]:
    """The notes on the answers behind a finding: each with its author, or in a large group the
    ones written most, with how many wrote each (see :func:`note_groups`)."""
    groups, left_out = note_groups(report, finding.notes)
    lines = _quoted(report, groups)
    if left_out:
        lines += ["", notes_left_out_text(left_out)]
    return lines


def _quoted(report: Report, groups: list[NoteGroup], *, answer: bool = False) -> list[str]:
    """Each note (or, with ``answer``, written answer) with who wrote it, quoted as a block: under
    a finding, and in what people wrote."""
    lines = []
    for group in groups:
        author = md_text(note_author_text(report, group, answer=answer))
        lines += ["", f"{author} on `{group.question_id}`:", "", md_block(group.text, "> ")]
        if group.shortened_by:
            lines += ["", md_text(note_shortened_text(group.shortened_by, answer=answer))]
    return lines


def finding_extras(
    rubric: Rubric, finding: Finding, respondent_role: str | None = None, listed: frozenset[str] = frozenset()
) -> list[str]:
    """Who should act on a finding, and which single-answer findings a rule's finding states in
    context; of those ``listed`` on their own too, that they are, not their advice again."""
    lines = []
    owner = owner_text(rubric, finding.owner, respondent_role)
    if owner:
        lines.append(f"- For: {md_text(owner)}")
    if finding.covers:
        lines.append("- This also states, in context, what these answers raise on their own:")
        for covered in finding.covers:
            said = LISTED_TOO if covered.id in listed else md_text(covered.recommendation)
            lines.append(
                f"  - {covered.severity.value}: {md_text(covered.title)} (`{covered.source.question_id}`). {said}"
            )
    return lines


def _written(report: Report) -> str:
    """What people wrote that nothing above quotes, by question (a combined report's; a report on
    one person gives every answer and note under "Answers by area")."""
    title = written_title(report)
    if title is None:
        return ""
    lines = [f"## {title}", "", md_text(written_intro(report))]
    for question_id, answers, notes in written_by_question(report):
        question = report.rubric.question(question_id)
        lines += ["", f"### {md_heading(question.title)} (`{question_id}`)"]
        for texts, answer in ((answers, True), (notes, False)):
            groups, left_out = note_groups(report, texts, WRITTEN_SHOWN)
            lines += _quoted(report, groups, answer=answer)
            if left_out:
                lines += ["", md_text(written_left_out_text(left_out, answer=answer))]
    return "\n".join(lines)


def _strengths(report: Report) -> str:
    if not names_strengths(report.rubric):
        return ""
    lines = [f"## What is in place ({len(report.in_place)})", ""]
    if not report.strengths:
        return "\n".join([*lines, "No answer showed a strength the rubric names."])
    if not report.in_place:
        lines.append(NOTHING_IN_PLACE)
    lines += [_strength_line(report, strength) for strength in report.in_place]
    if report.said_by_some:
        lines += ["", f"### {SAID_BY_SOME_TITLE} ({len(report.said_by_some)})", "", SAID_BY_SOME, ""]
        lines += [_strength_line(report, strength) for strength in report.said_by_some]
    return "\n".join(lines)


def _strength_line(report: Report, strength: Strength) -> str:
    question = report.rubric.question(strength.question_id)
    line = f"- {md_text(strength.text)} (“{md_text(strength.answer)}” to *{md_text(question.title)}*"
    if report.multiple:
        line += f"; {md_text(strength_people(report, strength))}"
    return line + ")"


# --- One respondent: every answer, and what was left out ----------------------------------------

_STATUS_TEXT = {QuestionStatus.UNANSWERED: "*unanswered*"}


def _answer_cell(result: QuestionResult) -> str:
    if result.status in _STATUS_TEXT:
        return _STATUS_TEXT[result.status]
    text = md_text(result.answer_text or "")
    if result.status is QuestionStatus.NOT_APPLICABLE:
        return text if "applicable" in text.lower() else f"{text} (not applicable)"
    return text


def _score_cell(result: QuestionResult) -> str:
    if not result.counted:
        return "–"
    if result.question.uses_points:
        return f"{number(result.points)} / {number(result.question.max_points)}"
    return number(result.score * 100 if result.score is not None else None)


def _answers(report: Report) -> str:
    assessment = report.single
    if assessment is None:
        return ""
    scored = report.rubric.scored
    lines = ["## Answers by area"]
    for area in assessment.areas:
        heading = f"{md_text(area.area.title)}: {number(area.score.percent)}" if scored else md_heading(area.area.title)
        lines += ["", f"### {heading}"]
        if area.area.description:
            lines += ["", md_block(area.area.description)]
        if scored:
            lines += ["", "| Question | Answer | Score | Weight | Note |", "|---|---|---:|---:|---|"]
        else:
            lines += ["", "| Question | Answer | Note |", "|---|---|---|"]
        asked = [result for result in area.questions if result.status.applies]
        for result in asked:
            question = result.question
            cells = [f"{md_text(question.title)} (`{question.id}`)", _answer_cell(result)]
            if scored:
                cells += [_score_cell(result), question_weight(question)]
            cells.append(md_text(result.note or ""))
            lines.append("| " + " | ".join(cells) + " |")
        if not asked:
            lines.append("| *no question in this area applied* |" + " |" * (4 if scored else 2))
    return "\n".join(lines)


def _gaps(report: Report) -> str:
    assessment = report.single
    if assessment is None:
        return ""
    return _gaps_of(assessment)


def _gaps_of(assessment: Assessment) -> str:
    rubric = assessment.rubric

    def listing(ids: list[str]) -> list[str]:
        return [f"- {md_text(rubric.question(qid).title)} (`{qid}`)" for qid in ids]

    sections = gap_sections(assessment)
    lines = ["## Unanswered and skipped questions"]
    if not any(ids for _, ids in sections):
        return "\n".join([*lines, "", "Every question that applies was answered."])
    for title, ids in sections:
        if ids:
            lines += ["", f"{title} ({len(ids)}):", "", *listing(ids)]
    return "\n".join(lines)


def _respondents(report: Report) -> str:
    """Every respondent, one row each: at the end, where a long list does not push the summary away."""
    if not report.multiple:
        return ""
    with_organisation = not report.anonymized
    scored = report.rubric.scored
    head = "| Respondent | Role |" + (" Organisation |" if with_organisation else "")
    head += " Answered on | Coverage |" + (" Overall |" if scored else "") + " Verdict |"
    rule = "|---|---|" + ("---|" if with_organisation else "") + "---|---:|" + ("---:|" if scored else "") + "---|"
    lines = ["## Respondents", "", head, rule]
    for row in report.respondents:
        cells = [md_text(row.label), md_text(row.role.label)]
        if with_organisation:
            cells.append(md_text(row.organisation or ""))
        cells += [md_text(row.date) if row.date else "not stated", f"{number(row.coverage)}%"]
        if scored:
            cells.append(_score(row.overall))
        cells.append(md_text(row.verdict.label))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# --- How the report was made -------------------------------------------------------------------


def verdict_table(given: str, rubric: Rubric) -> list[str]:
    """The rubric's verdict bands with their conditions, the one given marked."""
    lines = ["| Verdict | Conditions |", "|---|---|"]
    for verdict in rubric.verdicts:
        marker = " ◀" if verdict.id == given else ""
        conditions = "; ".join(verdict_conditions(verdict, rubric)) or "none: every other case"
        lines.append(f"| {md_text(verdict.label)}{marker} | {md_text(conditions)} |")
    return lines


def _combined_method(report: Report) -> list[str]:
    rubric = report.rubric
    lines = ["", "With several respondents:", "", *(f"- {point}" for point in combined_method_points(report))]
    if report.method == "role_weighted_mean":
        lines += ["", "| Role | Weight | Respondents |", "|---|---:|---:|"]
        counts = {role.role.id: len(role.respondents) for role in report.roles}
        for role in rubric.roles:
            lines.append(f"| {md_text(role.label)} | {number(role.weight)} | {counts.get(role.id, 0)} |")
    return lines


def _method(report: Report) -> str:
    rubric = report.rubric
    lines = ["## How the report was made", "", *(f"- {point}" for point in method_points(rubric))]
    if report.multiple:
        lines += _combined_method(report)
    return "\n".join([*lines, "", *verdict_table(report.verdict.id, rubric)])
