"""The HTML report: one page to look at, share and print, with the same sections as the Markdown.

One self-contained file: its stylesheet and its picture (SVG) are inline, it loads nothing from
anywhere (no fonts, images, scripts or links out), and it needs no JavaScript. The sections and
their order are the Markdown report's (header, verdict, scores by area with their picture, what
to do first, the spread within large roles, disagreement and missing voices, findings, what is in place, answers,
unanswered questions, respondents, method), chosen by the same helpers in
:mod:`civdata.render.common`; only how they look differs.

Accessible: one ``h1``, headings in order, tables with ``<th scope>``, a ``lang`` attribute (the
rubric's language, which ``--lang`` chooses), text contrast of at least 4.5:1, and severity always
written as a word beside its colour. Printable on A4 and Letter: a print stylesheet sets the page
margins, keeps table rows, notes and the picture from being cut across pages, and repeats table
headers.

Every value from a file goes through :func:`civdata.escape.html_text`, so it cannot add a tag,
an attribute or an entity; ``tests/test_html_report.py`` checks that against the payload corpus.
It is also isolated (:func:`ft`, ``<bdi>``; :func:`block` and notes, ``dir="auto"``), so text
written right to left keeps its own direction in the page, which civdata's English runs left to
right (``dir="ltr"``).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

from civdata.escape import html_text
from civdata.model import Question, Severity
from civdata.render.common import (
    AREA_CHART_ALT,
    AREAS_APART_NOTE,
    NO_ACTION,
    NOTHING_IN_PLACE,
    OPTIONS_APART,
    PAGE_COLUMN_LIMIT,
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
    area_title_text,
    areas_agreed_text,
    areas_apart,
    beside_verdict,
    combined_method_points,
    direction_note,
    divergence_intro,
    divergence_scale_text,
    finding_source_text,
    findings_count_text,
    first_actions,
    gap_sections,
    gate_summary,
    may_hold_words,
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
    people_items,
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
    strength_people_items,
    tally_by_role,
    tally_score,
    tally_who_items,
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
from civdata.results import Action, Divergence, Finding, QuestionResult, QuestionStatus, Report, Strength
from civdata.wording import ON_BLANK_NOW

if TYPE_CHECKING:
    from civdata.progress import Progress
    from civdata.snapshot import FindingBrief

#: Text from a file on one line of HTML; :func:`block` keeps its line breaks.
t = html_text


#: The language of the text from files on the page being written: its rubric's, as ``--lang``
#: chose it. The page is in English, civdata's own words; each text from a file says it is in the
#: rubric's language, so that a screen reader speaks an Arabic title with an Arabic voice and the
#: English headings around it with an English one (a review by screen-reader users: the whole page
#: was ``lang="ar"``, English read by an Arabic voice). Set for the page by :func:`render_html`.
_TEXT_LANG: ContextVar[str] = ContextVar("civdata_html_text_lang", default="en")


def _lang() -> str:
    """`` lang="ar"`` for an element holding text from a file, when that is not English."""
    lang = _TEXT_LANG.get()
    return "" if lang.split("-")[0].lower() == "en" else f' lang="{html_text(lang)}"'


def ft(text: object) -> str:
    """Text from a file (or words around one) on one line, isolated in ``<bdi>``: it keeps its own
    direction, so right-to-left text reads right in the left-to-right page of civdata's own words,
    and says its language (:data:`_TEXT_LANG`)."""
    escaped = html_text(text)
    return f"<bdi{_lang()}>{escaped}</bdi>" if escaped else ""


def ft_each(items: list[str]) -> str:
    """A list of texts from files (people's names), each isolated on its own (:func:`ft`): isolated
    as a whole, the list would take the direction of its first item, and one right-to-left name
    first would reorder every name, comma and role after it."""
    return ", ".join(ft(item) for item in items)


def _note_author(report: Report, group: NoteGroup, *, answer: bool = False) -> str:
    """Who wrote a note (or, with ``answer``, a written answer): several people named, each
    isolated on their own, as :func:`ft_each` lists them; anything else isolated as a whole."""
    if report.multiple and not report.large and len(group.people) > 1:
        return note_author_text(report, group, name=ft, answer=answer)
    return ft(note_author_text(report, group, answer=answer))


def block(text: object) -> str:
    """Text from a file that may span lines, in an element that shows its line breaks and takes its
    direction from the text (``dir="auto"``), like :func:`ft`."""
    return f'<div class="lines" dir="auto"{_lang()}>{html_text(text, multiline=True)}</div>'


STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.5;
  color: #1a1a1a; background: #ffffff; max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.08rem; margin: 1.6rem 0 0.4rem; }
table { border-collapse: collapse; margin: 0.75rem 0; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; }
th, td { border: 1px solid #8c8c8c; padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
td { overflow-wrap: anywhere; }
th { overflow-wrap: break-word; }
.name { overflow-wrap: anywhere; display: inline-block; min-width: 4.5em; }
thead th { background: #ededed; }
th[scope="row"] { font-weight: normal; background: #f6f6f6; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { overflow-wrap: normal; white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; }
.muted { color: #595959; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em;
  background: #f2f2f2; padding: 0 0.2em; border-radius: 3px; }
.lines { white-space: pre-line; }
p, li, h1, h2, h3, blockquote { overflow-wrap: anywhere; }
.sev { display: inline-block; font-weight: bold; font-size: 0.85em; letter-spacing: 0.03em; padding: 0 0.35em;
  border: 1px solid currentColor; border-radius: 3px; }
.sev-critical { background: #8b0000; color: #ffffff; border-color: #8b0000; }
.sev-high { background: #fde2e1; color: #8b0000; }
.sev-medium { background: #fff3cd; color: #5c4400; }
.sev-low { background: #e3f1fb; color: #0b4f71; }
.sev-info { background: #f0f0f0; color: #404040; }
.verdict { font-size: 1.05rem; }
blockquote { white-space: pre-line; margin: 0.5rem 0; padding: 0.3rem 0.8rem; border-inline-start: 4px solid #8c8c8c;
  background: #f7f7f7; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #595959; font-size: 0.9rem; }
ol.actions li, ul.points li { margin: 0.3rem 0; }
@media print {
  @page { margin: 16mm 14mm 18mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  table { font-size: 9pt; }
  th, td { padding: 0.15rem 0.3rem; }
  h2 { break-before: auto; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  tr, figure, blockquote, li, .sev { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .sev, thead th, th[scope="row"], code, blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
""".strip()


def render_html(report: Report, meta: ReportMeta, **_: object) -> str:
    language = _TEXT_LANG.set(report.rubric.lang)
    try:
        return _page_of(report, meta)
    finally:
        _TEXT_LANG.reset(language)


def _page_of(report: Report, meta: ReportMeta) -> str:
    sections = [
        _header(report, meta),
        # As in the Markdown: the verdict, the scores and what to do first, then the comparison in full.
        _verdict(report, meta),
        _scores(report),
        _first_actions(report),
        _since(report),
        _role_spread(report),
        _disagreement(report),
        _missing_voices(report),
        _findings(report),
        _action_plan(report),
        _strengths(report),
        _written(report),
        _answers(report),
        _gaps(report),
        _respondents(report),
        _method(report),
    ]
    title = f"{_title(report)}: {report.initiative or 'initiative not named'}"
    return page(title, "\n".join(section for section in sections if section), meta)


def page(title: str, body: str, meta: ReportMeta) -> str:
    """One self-contained page: ``body`` (HTML) under the shared head and stylesheet; ``title`` is
    text, escaped here. The page's language is English, civdata's own words' (see :data:`_TEXT_LANG`)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="civdata {t(meta.tool_version)}">\n'
        f"<title>{t(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
        "</body>\n</html>\n"
    )


def _title(report: Report) -> str:
    return "Combined readiness and risk report" if report.multiple else "Readiness and risk report"


def _severity(severity: Severity) -> str:
    """The severity as a word, in a badge whose colour repeats it (never replaces it)."""
    value = severity.value
    return f'<span class="sev sev-{t(value)}">{t(value.upper())}</span>'


NUMBER_CLASS = ' class="num"'


def _table(head: list[str], rows: list[list[str]], *, numeric: set[int] | frozenset[int] = frozenset()) -> str:
    """A table whose first cell in each row names the row (``<th scope="row">``); cells are HTML."""

    def kind(index: int) -> str:
        return NUMBER_CLASS if index in numeric else ""

    header = "".join(f'<th scope="col"{kind(index)}>{cell}</th>' for index, cell in enumerate(head))
    body = []
    for row in rows:
        cells = [f'<th scope="row"{kind(0)}>{row[0]}</th>']
        cells += [f"<td{kind(index)}>{cell}</td>" for index, cell in enumerate(row) if index]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


def _score(value: float | None) -> str:
    return "–" if value is None else number(value)


# --- First screen: who and what, the verdict, the scores, what to do first ------------------------


def _header(report: Report, meta: ReportMeta) -> str:
    rubric = report.rubric
    initiative = ft(report.initiative or "initiative not named")
    rows = [("Initiative", initiative)]
    single = report.single
    if single is not None:
        rows += [
            ("Respondent", ft(respondent_label(single.answers, rubric))),
            ("Answered on", t(single.answers.date) if single.answers.date else "not stated"),
        ]
    else:
        rows.append(("Respondents", t(role_count_text(report))))
    name, digest = rubric_file(rubric)
    rows += [
        ("Rubric", f"{ft(rubric.title)} (<code>{t(rubric.id)}</code> {t(rubric.version)})"),
        ("Rubric file", f"{ft(name)}, sha256 <code>{t(digest)}</code>"),
        ("Report", f"civdata {t(meta.tool_version)}, {t(meta.generated_on)}"),
    ]
    if report.anonymized and report.multiple:
        rows.append(("Names", names_row_text(report, ft, lambda option: f"<code>{option}</code>")))
    table = "\n".join(f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in rows)
    return (
        f"<header>\n<h1>{_title(report)}: {initiative}</h1>\n"
        f'<table class="facts">\n<tbody>\n{table}\n</tbody>\n</table>\n</header>'
    )


def _verdict(report: Report, meta: ReportMeta) -> str:
    verdict, rubric = report.verdict, report.rubric
    parts = [f'<section id="verdict">\n<h2>Verdict: {ft(verdict.label)}</h2>']
    if verdict.description:
        parts.append(f'<div class="verdict">{block(verdict.description)}</div>')
    points = [_score_line(report)]
    if report.progress is not None:
        summary = ft(since_summary(report.progress, rubric))
        points.append(f"{summary}. {SINCE_IN_FULL}")
    points.append(f"Findings: {t(findings_count_text(report))}")
    points += beside_verdict(report, ft)
    if report.multiple and rubric.scored:
        weights = role_weights_text(report, ft)
        points.append(f"Combined by {t(method_description(report))}" + (f"; {weights}" if weights else ""))
    if meta.gates is not None:
        points.append(f"CI gates: {t(gate_summary(meta.gates))}")
    parts.append("<ul>" + "".join(f"<li>{point}</li>" for point in points) + "</ul>\n</section>")
    return "\n".join(parts)


def _score_line(report: Report) -> str:
    rubric = report.rubric
    coverage = t(report_coverage_text(report))
    if not rubric.scored:
        return f"Coverage: {coverage}"
    label = "Combined" if report.multiple else "Overall"
    unscored = unscored_words(report)
    if unscored:
        return f"{label} {score_name(rubric)}: {t(unscored)}; the answers cover {coverage}"
    warning = thin_coverage_note(report)
    score = f"<strong>{number(report.overall)} / 100</strong>{t(direction_note(rubric))}"
    return f"{label} {score_name(rubric)}: {score}, from {coverage}{warning}"


def _first_actions(report: Report) -> str:
    actions = first_actions(report)
    head = '<section id="first">\n<h2>What to do first</h2>'
    if not actions:
        return f"{head}\n<p>{t(nothing_first_text(report))}</p>\n</section>"
    role = report.single.answers.respondent.role if report.single is not None else None
    items = [f"<li>{_action_item(report, action, role)}</li>" for action in actions]
    rest = len(report.actions) - len(actions)
    more = (
        f"\n<p>The other {plural(rest, 'action')} {verb(rest, 'is', 'are')} in the action plan below, after every "
        "finding's detail.</p>"
        if rest > 0
        else ""
    )
    return f'{head}\n<ol class="actions">\n' + "\n".join(items) + f"\n</ol>{more}\n</section>"


def _action_item(report: Report, action: Action, role: str | None) -> str:
    lead = action_lead(report, action)
    title = f"{ft(lead.title)}. " if lead is not None else ""
    owner = owner_text(report.rubric, action.owner, role)
    when = act_by_text(action)
    parts = (
        may_hold_words(action),
        f"For: {ft(owner)}." if owner else "",
        f"By: {t(when)}." if when else "",
    )
    extras = " ".join(part for part in parts if part)
    return f"{_severity(action.severity)} {title}{ft(action.text)}" + (f" <em>{extras}</em>" if extras else "")


def _action_plan(report: Report) -> str:
    head = f'<section id="plan">\n<h2>Action plan ({len(report.actions)})</h2>'
    if not report.actions:
        return f"{head}\n<p>{NO_ACTION}</p>\n</section>"
    intro = (
        f"<p>{plan_order_words(report)} <code>--plan plan.yaml</code> (or <code>.csv</code>) writes these "
        "rows to a file to keep and tick off.</p>"
    )
    rows = [
        [
            str(index),
            _severity(action.severity),
            ft(action.text) + (f" <em>{mark}</em>" if (mark := plan_mark_words(action)) else ""),
            t(act_by_text(action) or ""),
            ft(owner_text(report.rubric, action.owner) or ""),
            f"<code>{t(action.id)}</code>",
        ]
        for index, action in enumerate(report.actions, start=1)
    ]
    table = _table(["#", "Severity", "Action", "By", "For", "Id"], rows, numeric={0})
    return f"{head}\n{intro}\n{table}\n</section>"


def _since(report: Report) -> str:
    """Since the last assessment: scores then and now, findings resolved and new, changed answers."""
    progress = report.progress
    if progress is None:
        return ""
    parts = ['<section id="since">\n<h2>Since the last assessment</h2>', f"<p>{t(since_text(progress))}.</p>"]
    rows = [["Verdict", ft(progress.verdict_before), ft(progress.verdict_after), t(trend_text(progress.verdict_trend))]]
    if report.rubric.scored:
        rows += [
            [
                f"<strong>{ft(item.title)}</strong>" if item is progress.overall else ft(item.title),
                _score(item.before),
                _score(item.after),
                f"{TREND_MARKS[item.trend]} {t(change_text(item))}",
            ]
            for item in (*progress.areas, progress.overall)
        ]
    parts.append(_table(["", "Then", "Now", "Change"], rows, numeric={1, 2}))
    svg = progress_chart_svg(report, id_prefix="since-chart")
    if svg is not None:
        parts.append(
            f"<figure>\n{svg}<figcaption>{PROGRESS_CHART_ALT}: the scores compared above.</figcaption>\n</figure>"
        )
    parts.append(f"<p>{t(progress_counts(progress))}.</p>")
    parts += _finding_lists(progress)
    parts.append(_answer_changes(progress))
    parts.append(_answer_counts(report, progress))
    if progress.plan:
        items = "".join(
            f"<li><code>{t(check.id)}</code>: <strong>{t(PLAN_STATE_WORDS[check.state])}</strong>"
            + (f"; <code>{t(check.now)}</code> {IN_THIS_PLAN}" if check.now else "")
            + ". "
            f"{ft(check.text)}</li>"
            for check in progress.plan
        )
        parts.append(
            f'<h3>Actions marked done in the plan ({len(progress.plan)})</h3>\n<ul class="points">{items}</ul>'
        )
    if progress.carried:
        items = "".join(
            f"<li><code>{t(item.id)}</code>"
            + (f" (<code>{t(item.was)}</code> {IN_THE_KEPT_PLAN})" if item.was else "")
            + ": "
            + "; ".join(f"{what} {ft(value)}" for what, value in carried_values(item))
            + ".</li>"
            for item in progress.carried
        )
        parts.append(
            f"<h3>{CARRIED_HEADING} ({len(progress.carried)})</h3>\n<p>{t(CARRIED_NOTE)}</p>\n"
            f'<ul class="points">{items}</ul>'
        )
    if progress.not_compared:
        items = "".join(f"<li>{t(sentence[0].upper() + sentence[1:])}.</li>" for sentence in progress.not_compared)
        parts.append(f'<h3>Not compared</h3>\n<ul class="points">{items}</ul>')
    return "\n".join(part for part in parts if part) + "\n</section>"


def _finding_lists(progress: Progress) -> list[str]:
    """The findings resolved, replaced (``then → now``, with why they are not resolved), new, and
    still open with another severity (``then → now``), each listed under its heading when there are any."""
    replaced = [
        f"{_brief(item.before)} → {_brief(item.after)} ({t(replacement_trend(item))})" for item in progress.replaced
    ]
    rated = [
        f"{_severity(item.before.severity)} → {_brief(item.after)} ({t(replacement_trend(item))})"
        for item in progress.severity_changed
    ]
    lists = (
        ("Resolved findings", [_brief(finding) for finding in progress.resolved], ""),
        ("Replaced findings", replaced, f"<p>{t(REPLACED_NOTE)}</p>\n"),
        ("New findings", [_brief(finding) for finding in progress.new], ""),
        (SEVERITY_CHANGED_HEADING, rated, f"<p>{t(SEVERITY_CHANGED_NOTE)}</p>\n"),
    )
    return [
        f'<h3>{heading} ({len(items)})</h3>\n{note}<ul class="points">'
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul>"
        for heading, items, note in lists
        if items
    ]


def _brief(finding: FindingBrief) -> str:
    """A finding as the comparison lists it: its severity, its title and its id."""
    brief = f"{_severity(finding.severity)} {ft(finding.title)} (<code>{t(finding.id)}</code>)"
    return brief + (f" ({t(ON_BLANK_NOW)})" if finding.on_blank else "")


def _answer_changes(progress: Progress) -> str:
    if not progress.answers:
        return ""
    with_who = any(change.respondent is not None for change in progress.answers)
    rows = []
    for change in progress.answers:
        then, now = answer_then_now(change)
        note = change.after.note if change.after is not None and change.after.note else ""
        cells = [
            f"{ft(change.title)} (<code>{t(change.question_id)}</code>)",
            ft(then),
            ft(now),
            block(note) if note else "",
        ]
        rows.append(([ft(change.respondent or "")] if with_who else []) + cells)
    head = (["Respondent"] if with_who else []) + ["Question", "Then", "Now", "Note now"]
    return f"<h3>Answers that changed ({len(progress.answers)})</h3>\n" + _table(head, rows)


def _answer_counts(report: Report, progress: Progress) -> str:
    """A large group's changed answers, counted (as :func:`civdata.render.markdown._answer_counts`)."""
    if not progress.answer_counts:
        return ""
    rows = []
    for item in progress.answer_counts:
        then, now = answer_then_now(item)
        question = f"{t(item.title)} (<code>{t(item.question_id)}</code>)"
        rows.append([question, t(then), t(now), t(answer_count_who(report, item))])
    return f"<h3>Answers that changed ({progress.answers_changed})</h3>\n<p>{t(COUNTED_CHANGES_NOTE)}</p>\n" + _table(
        ["Question", "Then", "Now", "Respondents"], rows
    )


def _scores(report: Report) -> str:
    if not report.rubric.scored:
        return ""
    parts = ['<section id="scores">\n<h2>Scores by area</h2>']
    parts.append(_combined_scores(report) if report.multiple else _single_scores(report))
    svg = area_chart_svg(report, id_prefix="area-scores")
    if svg is not None:
        parts.append(
            f"<figure>\n{svg}<figcaption>{AREA_CHART_ALT}: the same scores as the table"
            + (", each role's and the combined (hatched)" if report.multiple else "")
            + ".</figcaption>\n</figure>"
        )
    return "\n".join(part for part in parts if part) + "\n</section>"


def _single_scores(report: Report) -> str:
    rows = []
    for index, item in enumerate(report.areas):
        score = item.score
        points = f"{number(score.points)} / {number(score.maximum)}" if score is not None and score.maximum else "–"
        rows.append([ft(area_title_text(report, index)), _score(item.percent), points, number(item.area.weight)])
    rows.append(["<strong>Overall</strong>", f"<strong>{_score(report.overall)}</strong>", "", ""])
    return _table(["Area", "Score", "Points", "Weight"], rows, numeric={1, 2, 3})


def _combined_scores(report: Report) -> str:
    """Areas as rows; the combined score first, then each role, then each person while they are
    few: a table too wide for a narrow screen or a page loses the least important columns."""
    columns = respondent_columns(report, PAGE_COLUMN_LIMIT)
    note = scores_table_note(report, columns)
    head = ["Area", "Combined", "Weight"]
    head += [f"<em>{ft(role.role.label)}</em> ({len(role.respondents)})" for role in report.roles]
    # A name may be an e-mail address, or long: it wraps anywhere rather than widen the table.
    head += [
        f'<span class="name" dir="auto"{_lang()}>{t(report.respondents[person].label)}</span>' for person in columns
    ]
    rows = []
    for index, combined in enumerate(report.areas):
        cells = [ft(area_title_text(report, index)), f"<strong>{_score(combined.percent)}</strong>"]
        cells.append(number(combined.area.weight))
        cells += [_score(role.areas[combined.area.id]) for role in report.roles]
        cells += [_score(report.respondents[person].areas[index]) for person in columns]
        rows.append(cells)
    overall = ["<strong>Overall</strong>", f"<strong>{_score(report.overall)}</strong>", ""]
    overall += [f"<strong>{_score(role.overall)}</strong>" for role in report.roles]
    overall += [f"<strong>{_score(report.respondents[person].overall)}</strong>" for person in columns]
    rows.append(overall)
    return f"<p>{note}</p>\n" + _table(head, rows, numeric=set(range(1, len(head))))


def _role_spread(report: Report) -> str:
    """For roles of more than a handful of people, the spread of their scores: a section of its own
    after what to do first, areas as rows as in the Markdown report, so that a rubric of many
    areas makes the table longer, not wider than a printed page."""
    large = report.spread_roles
    if not large:
        return ""
    head = ["Area"] + [f"<em>{ft(role.role.label)}</em> ({len(role.respondents)})" for role in large]
    rows = [
        [ft(area_title_text(report, index))] + [spread_text(role, item.area.id) for role in large]
        for index, item in enumerate(report.areas)
    ]
    return (
        '<section id="role-spread">\n<h2>Spread of scores within each role</h2>\n'
        f"<p>{SPREAD_NOTE}</p>\n" + _table(head, rows, numeric=set(range(1, len(head)))) + "\n</section>"
    )


# --- Several respondents: where they disagree, who is missing ----------------------------------


def _disagreement(report: Report) -> str:
    if not report.multiple:
        return ""
    intro, none_apart = divergence_intro(report.rubric.divergence_threshold)
    parts = ['<section id="disagreement">\n<h2>Where respondents disagree</h2>', f"<p>{intro}</p>"]
    if not report.divergences:
        parts.append(f"<p>{none_apart}</p>")
    for index, divergence in enumerate(report.divergences, start=1):
        question = divergence.question
        medians = ", ".join(f"{ft(role.label)} {number(100 * value)}" for role, value in divergence.role_medians)
        options = "; ".join(ft(option.label) for option in divergence.options_apart)
        parts += [
            f"<h3>{index}. {_severity(divergence.severity)} {ft(question.title)} (<code>{t(question.id)}</code>)</h3>",
            f"<p>{t(divergence_scale_text(divergence))}. Median score by role: {medians}."
            + (f" {OPTIONS_APART} {options}." if options else "")
            + "</p>",
            _tally_table(report, divergence),
        ]
    parts.append("<h3>Areas where roles disagree most</h3>")
    if not report.area_disagreements:
        parts.append("<p>Fewer than two roles have a score in any area, so there is nothing to compare.</p>")
        return "\n".join(parts) + "\n</section>"
    rows = [
        [
            ft(item.area.title),
            number(item.spread),
            f"{ft(item.highest[0].label)}: {number(item.highest[1])}",
            f"{ft(item.lowest[0].label)}: {number(item.lowest[1])}",
            str(item.questions),
        ]
        for item in areas_apart(report)
    ]
    parts.append(f"<p>{t(AREAS_APART_NOTE)}</p>")
    if rows:
        parts.append(_table(["Area", "Spread", "Highest", "Lowest", "Questions compared"], rows, numeric={1, 4}))
    if agreed := areas_agreed_text(report, ft):
        parts.append(f"<p>{agreed}</p>")
    return "\n".join(parts) + "\n</section>"


def _tally_table(report: Report, divergence: Divergence) -> str:
    """Who gave which answer; in a large group, for a multiple-choice question, by option ticked."""
    if divergence.by_option:
        rows = [
            [
                ft(tally.answer),
                tally_score(tally),
                str(tally.count),
                ft(tally_by_role(report, tally)),
            ]
            for tally in divergence.tallies
        ]
        return "<p>How many ticked each option (a person may tick several):</p>\n" + _table(
            ["Option", "Its score ticked alone", "How many ticked it", "By role"], rows, numeric={1, 2}
        )
    rows = [
        [ft(tally.answer), tally_score(tally), str(tally.count), ft_each(tally_who_items(report, tally))]
        for tally in divergence.tallies
    ]
    return _table(["Answer", "Score", "How many", "Who answered it"], rows, numeric={1, 2})


def _missing_voices(report: Report) -> str:
    if not report.multiple:
        return ""
    head = '<section id="missing">\n<h2>Missing voices</h2>'
    expected = [role for role in report.rubric.roles if role.expected]
    if not expected:
        return f"{head}\n<p>The rubric marks no role as expected.</p>\n</section>"
    if not report.missing_roles:
        names = ", ".join(ft(role.label) for role in expected)
        return f"{head}\n<p>Every role the rubric expects has a respondent: {names}.</p>\n</section>"
    items = []
    for role in report.missing_roles:
        about = f": {ft(role.description)}" if role.description else ""
        items.append(f"<li><strong>{ft(role.label)}</strong> ({_severity(role.missing_severity)}){about}</li>")
    return (
        f"{head}\n<p>The rubric expects these roles, and nobody answered as them:</p>\n<ul>\n"
        + "\n".join(items)
        + "\n</ul>\n<p>Every score above is computed without their view; the others cannot stand in for it.</p>"
        "\n</section>"
    )


# --- Findings and strengths ----------------------------------------------------------------------


def _question_ref(report: Report, question_id: str) -> str:
    return _question_words(report.rubric.question(question_id))


def _question_words(question: Question) -> str:
    return f"<em>{ft(question.title)}</em> (<code>{t(question.id)}</code>)"


#: How a finding's source line is written in HTML (:func:`~civdata.render.common.finding_source_text`).
_SOURCE_MARKUP = SourceMarkup(
    text=ft,
    code=lambda identifier: f"<code>{t(identifier)}</code>",
    question=_question_words,
    people=lambda report, people: ft_each(people_items(report, people)),
)


def _finding_source(report: Report, finding: Finding) -> str:
    """What raised a finding, in words: the same cases as the Markdown report."""
    return finding_source_text(report, finding, _SOURCE_MARKUP)


def _findings(report: Report) -> str:
    parts = [f'<section id="findings">\n<h2>Findings ({len(report.findings)})</h2>']
    if not report.findings:
        nobody = "No respondent's answers raised a finding, and nobody disagreed widely."
        parts.append(f"<p>{nobody if report.multiple else 'No answer raised a finding.'}</p>")
        return "\n".join(parts) + "\n</section>"
    if report.multiple:
        parts.append("<p>Findings that several respondents raised are listed once, with who raised them.</p>")
    rows = [
        [str(index), _severity(finding.severity), f'<a href="#finding-{index}">{ft(finding.title)}</a>']
        for index, finding in enumerate(report.findings, start=1)
    ]
    parts.append(_table(["#", "Severity", "Finding"], rows, numeric={0}))
    role = report.single.answers.respondent.role if report.single is not None else None
    listed = frozenset(finding.id for finding in report.findings)
    for index, finding in enumerate(report.findings, start=1):
        parts.append(_finding(report, index, finding, role, listed))
    return "\n".join(parts) + "\n</section>"


def _finding(report: Report, index: int, finding: Finding, role: str | None, listed: frozenset[str]) -> str:
    """One finding in full; of the findings a rule's finding states in context, those ``listed``
    on their own too are said to be, their advice not repeated."""
    points = [_finding_source(report, finding)]
    if finding.explanation:
        points.append(f"Why it matters: {ft(finding.explanation)}")
    points.append(f"<strong>Recommendation:</strong> {ft(finding.recommendation)}")
    owner = owner_text(report.rubric, finding.owner, role)
    if owner:
        points.append(f"For: {ft(owner)}")
    if finding.covers:
        covered = "".join(
            f"<li>{_severity(item.severity)} {ft(item.title)} (<code>{t(item.source.question_id)}</code>). "
            f"{LISTED_TOO if item.id in listed else ft(item.recommendation)}</li>"
            for item in finding.covers
        )
        points.append(f"This also states, in context, what these answers raise on their own:<ul>{covered}</ul>")
    parts = [
        f'<article id="finding-{index}">',
        f"<h3>{index}. {_severity(finding.severity)} {ft(finding.title)}</h3>",
        "<ul>" + "".join(f"<li>{point}</li>" for point in points) + "</ul>",
    ]
    groups, left_out = note_groups(report, finding.notes)
    parts += _quoted(report, groups)
    if left_out:
        parts.append(f"<p>{t(notes_left_out_text(left_out))}</p>")
    return "\n".join(parts) + "\n</article>"


def _written(report: Report) -> str:
    """What people wrote that nothing above quotes, by question (as the Markdown report gives it)."""
    title = written_title(report)
    if title is None:
        return ""
    parts = [
        f'<section id="written">\n<h2>{t(title)}</h2>',
        f"<p>{t(written_intro(report))}</p>",
    ]
    for question_id, answers, notes in written_by_question(report):
        question = report.rubric.question(question_id)
        parts.append(f"<h3>{ft(question.title)} (<code>{t(question_id)}</code>)</h3>")
        for texts, answer in ((answers, True), (notes, False)):
            groups, left_out = note_groups(report, texts, WRITTEN_SHOWN)
            parts += _quoted(report, groups, answer=answer)
            if left_out:
                parts.append(f"<p>{t(written_left_out_text(left_out, answer=answer))}</p>")
    return "\n".join([*parts, "</section>"])


def _quoted(report: Report, groups: list[NoteGroup], *, answer: bool = False) -> list[str]:
    """Each note (or, with ``answer``, written answer) with who wrote it, quoted as a block: under
    a finding, and in what people wrote."""
    parts = []
    for group in groups:
        parts.append(
            f"<p>{_note_author(report, group, answer=answer)} on <code>{t(group.question_id)}</code>:</p>\n"
            f'<blockquote dir="auto"{_lang()}>{html_text(group.text, multiline=True)}</blockquote>'
        )
        if group.shortened_by:
            parts.append(f"<p>{t(note_shortened_text(group.shortened_by, answer=answer))}</p>")
    return parts


def _strengths(report: Report) -> str:
    if not names_strengths(report.rubric):
        return ""
    head = f'<section id="strengths">\n<h2>What is in place ({len(report.in_place)})</h2>'
    if not report.strengths:
        return f"{head}\n<p>No answer showed a strength the rubric names.</p>\n</section>"
    parts = [head]
    if report.in_place:
        parts.append(_strength_list(report, report.in_place))
    else:
        parts.append(f"<p>{ft(NOTHING_IN_PLACE)}</p>")
    if report.said_by_some:
        parts.append(f"<h3>{ft(SAID_BY_SOME_TITLE)} ({len(report.said_by_some)})</h3>\n<p>{ft(SAID_BY_SOME)}</p>")
        parts.append(_strength_list(report, report.said_by_some))
    return "\n".join([*parts, "</section>"])


def _strength_list(report: Report, strengths: tuple[Strength, ...]) -> str:
    items = []
    for strength in strengths:
        question = report.rubric.question(strength.question_id)
        line = f"<li>{ft(strength.text)} (“{ft(strength.answer)}” to <em>{ft(question.title)}</em>"
        if report.multiple:
            line += f"; {ft_each(strength_people_items(report, strength))}"
        items.append(line + ")</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


# --- One respondent: every answer, and what was left out ----------------------------------------


def _answer_cell(result: QuestionResult) -> str:
    if result.status is QuestionStatus.UNANSWERED:
        return "<em>unanswered</em>"
    text = ft(result.answer_text or "")
    if result.status is QuestionStatus.NOT_APPLICABLE and "applicable" not in text.lower():
        return f"{text} (not applicable)"
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
    parts = ['<section id="answers">\n<h2>Answers by area</h2>']
    for area in assessment.areas:
        heading = f"{ft(area.area.title)}: {number(area.score.percent)}" if scored else ft(area.area.title)
        parts.append(f"<h3>{heading}</h3>")
        if area.area.description:
            parts.append(block(area.area.description))
        head = ["Question", "Answer", *(["Score", "Weight"] if scored else []), "Note"]
        rows = []
        for result in (result for result in area.questions if result.status.applies):
            question = result.question
            cells = [f"{ft(question.title)} (<code>{t(question.id)}</code>)", _answer_cell(result)]
            if scored:
                cells += [_score_cell(result), question_weight(question)]
            cells.append(block(result.note) if result.note else "")
            rows.append(cells)
        if not rows:
            rows.append(["<em>no question in this area applied</em>", *([""] * (len(head) - 1))])
        parts.append(_table(head, rows, numeric={2, 3} if scored else set()))
    return "\n".join(parts) + "\n</section>"


def _gaps(report: Report) -> str:
    assessment = report.single
    if assessment is None:
        return ""
    sections = gap_sections(assessment)
    parts = ['<section id="gaps">\n<h2>Unanswered and skipped questions</h2>']
    if not any(ids for _, ids in sections):
        parts.append("<p>Every question that applies was answered.</p>")
    for title, ids in sections:
        if ids:
            items = "".join(f"<li>{_question_ref(report, qid)}</li>" for qid in ids)
            parts.append(f"<p>{title} ({len(ids)}):</p>\n<ul>{items}</ul>")
    return "\n".join(parts) + "\n</section>"


def _respondents(report: Report) -> str:
    if not report.multiple:
        return ""
    with_organisation = not report.anonymized
    scored = report.rubric.scored
    head = ["Respondent", "Role", *(["Organisation"] if with_organisation else []), "Answered on", "Coverage"]
    head += [*(["Overall"] if scored else []), "Verdict"]
    rows = []
    for row in report.respondents:
        cells = [ft(row.label), ft(row.role.label)]
        if with_organisation:
            cells.append(ft(row.organisation or ""))
        cells += [t(row.date) if row.date else "not stated", f"{number(row.coverage)}%"]
        if scored:
            cells.append(_score(row.overall))
        cells.append(ft(row.verdict.label))
        rows.append(cells)
    numeric = {head.index("Coverage")} | ({head.index("Overall")} if scored else set())
    return '<section id="respondents">\n<h2>Respondents</h2>\n' + _table(head, rows, numeric=numeric) + "\n</section>"


# --- How the report was made -------------------------------------------------------------------


def _method(report: Report) -> str:
    rubric = report.rubric
    parts = ['<section id="method">\n<h2>How the report was made</h2>']
    parts.append('<ul class="points">' + "".join(f"<li>{t(point)}</li>" for point in method_points(rubric)) + "</ul>")
    if report.multiple:
        points = "".join(f"<li>{t(point)}</li>" for point in combined_method_points(report))
        parts.append(f'<p>With several respondents:</p>\n<ul class="points">{points}</ul>')
        if report.method == "role_weighted_mean":
            counts = {role.role.id: len(role.respondents) for role in report.roles}
            rows = [[ft(role.label), number(role.weight), str(counts.get(role.id, 0))] for role in rubric.roles]
            parts.append(_table(["Role", "Weight", "Respondents"], rows, numeric={1, 2}))
    rows = []
    for verdict in rubric.verdicts:
        given = " <strong>(this report)</strong>" if verdict.id == report.verdict.id else ""
        conditions = "; ".join(verdict_conditions(verdict, rubric)) or "none: every other case"
        rows.append([f"{ft(verdict.label)}{given}", ft(conditions)])
    parts.append(_table(["Verdict", "Conditions"], rows))
    return "\n".join(parts) + "\n</section>"
