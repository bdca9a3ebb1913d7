"""Reports: golden files for every format, and Markdown that text from a file cannot break."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from civdata.answers_loader import load_answers
from civdata.combine import combine
from civdata.render import render
from civdata.render.common import ReportMeta, md_block, md_text
from civdata.scoring import assess
from tests.conftest import FIXTURES, assert_golden
from tests.report_schema import report_document

GOLDEN = Path(__file__).parent / "golden"

UNESCAPED_HTML = re.compile(r"(?<!\\)<(?!br>)")
META = ReportMeta("0.0.0-test", "2026-11-05")


@pytest.fixture
def mini_assessment(mini_rubric):
    source = "tests/fixtures/mini-answers.yaml"  # as a user would type it, the same on every machine
    return combine(
        mini_rubric, [assess(mini_rubric, load_answers(FIXTURES / "mini-answers.yaml", mini_rubric, source))]
    )


@pytest.mark.parametrize(("format_name", "suffix"), [("markdown", "md"), ("json", "json"), ("text", "txt")])
def test_golden_reports(mini_assessment, format_name: str, suffix: str) -> None:
    assert_golden(render(format_name, mini_assessment, META), GOLDEN / f"mini-report.{suffix}")


def test_colour_only_when_asked(mini_assessment) -> None:
    plain = render("text", mini_assessment, META, color=False)
    coloured = render("text", mini_assessment, META, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured


def test_json_report_has_the_same_content_as_markdown(mini_assessment) -> None:
    document = report_document(render("json", mini_assessment, META))
    assert document["report_format"] == 2 and document["kind"] == "single"
    assert document["verdict"]["id"] == mini_assessment.verdict.id
    assert document["overall"]["percent"] == mini_assessment.overall
    assert [f["id"] for f in document["findings"]] == [f.id for f in mini_assessment.findings]
    assert document["areas"][0]["questions"][1]["note"].startswith("We ran out of time.")


@pytest.mark.parametrize(
    "hostile",
    [
        "| a | b |",
        "# Heading",
        "<script>alert(1)</script>",
        "[link](javascript:alert(1))",
        "![img](http://x)",
        "line one\n- list\n# heading",
        "1. ordered",
        "`code` *bold* _it_ ~~strike~~",
        "&lt;b&gt;",
    ],
)
def test_markdown_escaping_keeps_text_literal(hostile: str) -> None:
    cell = md_text(hostile)
    assert "\n" not in cell
    assert "|" not in cell.replace("\\|", "")
    assert "<" not in cell.replace("\\<", "").replace("<br>", "")
    assert "[" not in cell.replace("\\[", "")
    assert not cell.startswith(("#", "-", "1.")), cell
    block = md_block(hostile, "> ")
    assert all(line.startswith(">") for line in block.splitlines())
    assert not UNESCAPED_HTML.search(block)


def test_markdown_report_of_hostile_answers_stays_one_table_row_per_question(mini_rubric, tmp_path: Path) -> None:
    answers = tmp_path / "hostile.yaml"
    answers.write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: '# Not a heading | <b>x</b>'\n"
        "respondent: {name: '<img src=x onerror=alert(1)>', role: lead}\n"
        'answers:\n  comments: "a | b\\n# c\\n<script>"\n  voice: {value: none, note: "| broken | table |"}\n',
        encoding="utf-8",
    )
    text = render("markdown", combine(mini_rubric, [assess(mini_rubric, load_answers(answers, mini_rubric))]), META)
    assert not UNESCAPED_HTML.search(text)
    assert text.splitlines()[0] == "# Readiness and risk report: \\# Not a heading \\| \\<b\\>x\\</b\\>"
    rows = [line for line in text.splitlines() if line.startswith("| Other comments")]
    assert rows == ["| Other comments (`comments`) | a \\| b \\# c \\<script\\> | – | not scored | |"]


def _tokens(text: str):
    from markdown_it import MarkdownIt  # a dependency of rich, so always present

    def walk(tokens):
        for token in tokens:
            yield token
            if token.children:
                yield from walk(token.children)

    return list(walk(MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)))


@pytest.mark.parametrize(
    "report",
    [
        "tests/golden/mini-report.md",
        "examples/county-justice/combined-report.md",
        "examples/refugee-services/report.md",
    ],
)
def test_reports_parse_as_gfm_with_no_html_but_line_breaks(report: str) -> None:
    from tests.conftest import ROOT

    tokens = _tokens((ROOT / report).read_text(encoding="utf-8"))
    html = [token.content for token in tokens if token.type in ("html_inline", "html_block")]
    assert set(html) <= {"<br>"}, html
    assert sum(1 for token in tokens if token.type == "heading_open" and token.tag == "h1") == 1


def test_hostile_answers_cannot_add_headings_html_or_table_cells(mini_rubric, tmp_path: Path) -> None:
    answers = tmp_path / "hostile.yaml"
    answers.write_text(
        'format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: "# T | <i>x</i>"\n'
        'respondent: {name: "</td><script>", role: lead, organisation: "[a](javascript:x)"}\n'
        'answers:\n  comments: "x\\n\\n# Injected heading\\n\\n<div>block</div>\\n| a | b |"\n'
        '  voice: {value: none, note: "1. list\\n> quote\\n---\\n<img src=x>"}\n',
        encoding="utf-8",
    )
    text = render("markdown", combine(mini_rubric, [assess(mini_rubric, load_answers(answers, mini_rubric))]), META)
    tokens = _tokens(text)
    assert {token.content for token in tokens if token.type.startswith("html")} <= {"<br>"}
    headings = [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "heading_open"]
    assert "Injected heading" not in headings
    assert not [token for token in tokens if token.type == "link_open"]
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            widths = []
            for row in tokens[index:]:
                if row.type == "table_close":
                    break
                if row.type == "tr_open":
                    widths.append(0)
                if row.type in ("td_open", "th_open"):
                    widths[-1] += 1
            assert len(set(widths)) == 1, widths


# --- Bars in the terminal ----------------------------------------------------------------------------


def _county_report():
    from civdata.inputs import load_answer_sets
    from civdata.reporting import build_report
    from tests.conftest import ROOT

    paths = [ROOT / "examples" / "county-justice" / name for name in ("lead.yaml", "community.yaml", "funder.yaml")]
    return build_report(*load_answer_sets(paths, None)).model


def test_terminal_scores_show_each_role_and_the_combined_as_bars_at_60_columns_without_colour() -> None:
    report = _county_report()
    text = render("text", report, META, color=False, width=60)
    assert "\x1b[" not in text and max(len(line) for line in text.splitlines()) <= 60
    lines = text.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("Area: combined score, then each role's"))
    # A row's first line ends in its bar; a long role label goes on under it, wrapped.
    rows = [line for line in lines[start + 2 :] if re.search(r"[█░·]$", line)]
    block = rows[: (len(report.roles) + 1) * (len(report.areas) + 1)]
    for index, item in enumerate(report.areas):
        group = block[index * (len(report.roles) + 1) : (index + 1) * (len(report.roles) + 1)]
        assert group[0].startswith(item.area.title[:20]) and group[0].endswith(
            f"{item.percent:g} " + "█" * round(item.percent / 100 * 12) + "░" * (12 - round(item.percent / 100 * 12))
        )
        for line, role in zip(group[1:], report.roles, strict=True):
            assert line.startswith(f"  {role.role.label}"[:20]) and f"{role.areas[item.area.id]:g} █" in line
    assert (
        block[-len(report.roles) - 1].startswith("Overall") and f"{report.overall:g} █" in block[-len(report.roles) - 1]
    )


@pytest.mark.slow
def test_a_real_terminal_with_no_color_shows_the_bars_in_60_columns() -> None:
    import os

    import pexpect

    from tests.conftest import ROOT, civdata_command

    command = civdata_command()
    env = {**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1793836800", "TERM": "xterm"}
    # The terminal's size is the pseudo-terminal's: pytest-xdist's workers set COLUMNS=80 and LINES=24.
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    child = pexpect.spawn(
        command[0],
        [*command[1:], "report", "examples/county-justice/"],
        cwd=str(ROOT),
        env=env,
        dimensions=(60, 60),
        encoding="utf-8",
        timeout=60,
    )
    child.expect(pexpect.EOF)
    output = child.before.replace("\r\n", "\n")
    assert "\x1b[" not in output and max(len(line) for line in output.splitlines()) <= 60
    assert "Area: combined score, then each role's" in output
    assert re.search(r"\n  Funder \(1\) +70\.6 █+░+\n", output)


# --- A narrow terminal: nothing is cut -------------------------------------------------------------

NARROW_INPUTS = {
    "one respondent": ("examples/county-justice/community.yaml",),
    "three roles": (
        "examples/county-justice/lead.yaml",
        "examples/county-justice/community.yaml",
        "examples/county-justice/funder.yaml",
    ),
}


@functools.cache
def _report_on_a_terminal(paths: tuple[str, ...], columns: int) -> str:
    """``civdata report`` on a real pseudo-terminal of ``columns`` columns, without colour."""
    import os

    import pexpect

    from tests.conftest import ROOT, civdata_command

    command = civdata_command()
    env = {**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1793836800", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    child = pexpect.spawn(
        command[0],
        [*command[1:], "report", *paths],
        cwd=str(ROOT),
        env=env,
        dimensions=(200, columns),
        encoding="utf-8",
        timeout=60,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None
    output = child.before.replace("\r\n", "\n")
    assert "\x1b[" not in output and max(len(line) for line in output.splitlines()) <= columns, output
    return output


def _built(paths: tuple[str, ...]):
    from civdata.inputs import load_answer_sets
    from civdata.reporting import build_report
    from tests.conftest import ROOT

    return build_report(*load_answer_sets([ROOT / path for path in paths], None)).model


@pytest.mark.slow
@pytest.mark.parametrize("columns", [30, 40, 54, 55, 60, 80, 120])
@pytest.mark.parametrize("who", list(NARROW_INPUTS))
def test_the_summary_box_shows_verdict_score_and_coverage_whole_at_every_width(who: str, columns: int) -> None:
    """The box's title once lost the end of the heading at its right edge, so ``26.2 / 100``
    read ``26.2 / 10`` and the coverage ``1``: whatever does not fit the title goes inside."""
    from civdata.render.common import number

    paths = NARROW_INPUTS[who]
    report = _built(paths)
    output = _report_on_a_terminal(paths, columns)
    lines = output.splitlines()
    box = lines[: next(index for index, line in enumerate(lines) if line.startswith("╰")) + 1]
    # The box's text, read line after line as a person reads it: borders and rules dropped.
    text = " ".join(re.sub(r"^[╭│]─?|─*[╮│]$", "", line).strip(" ─") for line in box)
    text = re.sub(r"\s+", " ", text)
    label = "combined" if report.multiple else "overall"
    assert report.verdict.label in text
    assert f"{label} score {number(report.overall)} / 100" in text, text
    assert f"coverage {number(report.coverage)}%" in text, text
    # The title line never ends in the middle of a number or a word.
    assert re.search(r"[\w%/.]─╮$", box[0]) is None, box[0]


@pytest.mark.slow
@pytest.mark.parametrize("columns", [30, 40, 60, 80])
@pytest.mark.parametrize("who", list(NARROW_INPUTS))
def test_action_owners_deadlines_and_role_counts_are_wrapped_not_cut(who: str, columns: int) -> None:
    """``n…``, ``Le…``, ``colle…``, ``Community / data-subject representati…`` without its
    ``(1)``: the action plan's By and For and each role's line under an area are wrapped, whole."""
    from civdata.render.common import act_by_text, first_actions, owner_text

    paths = NARROW_INPUTS[who]
    report = _built(paths)
    output = _report_on_a_terminal(paths, columns)
    words = set(output.split())
    role = report.single.answers.respondent.role if report.single is not None else None
    for action in first_actions(report):
        for text in (act_by_text(action) or "", owner_text(report.rubric, action.owner, role) or ""):
            assert set(text.split()) <= words, (text, output)
    for score in report.roles if report.multiple else ():
        assert set(f"{score.role.label} ({len(score.respondents)})".split()) <= words, output
    plan = output[output.index("What to do first") : output.index("Findings")]
    assert "…" not in plan, plan
    scores = output[output.index("Score") : output.index("What to do first")] if report.rubric.scored else ""
    assert "…" not in scores, scores


def test_questions_that_are_never_scored_show_no_weight() -> None:
    """Text, a number without bands and a question of weight 0 are never scored (rubric-format.md):
    "Answers by area" says so where a scored question shows its weight, as ``rubric docs`` does,
    and the JSON report says which questions are scored."""
    import json
    import subprocess

    from tests.conftest import MINI_RUBRIC, civdata_command

    def report(format_name: str) -> str:
        result = subprocess.run(
            [
                *civdata_command(),
                "report",
                "--rubric",
                str(MINI_RUBRIC),
                "-f",
                format_name,
                str(FIXTURES / "mini-answers.yaml"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    markdown = report("markdown")
    assert "| Other comments (`comments`) | Nothing \\| more | – | not scored | |" in markdown  # text
    assert "| Sensitive data (`sensitive`) | Yes | – | not scored | |" in markdown  # weight 0
    assert "| Voice of data subjects (`voice`) | They are consulted once | 50 | 2 | |" in markdown
    html = report("html")
    # A cell of text from a file keeps its own direction (<bdi>); the weight is civdata's own.
    cell = r"<td[^>]*>(?:<bdi>)?[^<]*(?:</bdi>)?</td>"
    assert re.search(rf"<code>comments</code>\)(?:</bdi>)?</t[hd]>({cell}){{2}}<td[^>]*>not scored</td>", html)
    assert re.search(rf"<code>voice</code>\)(?:</bdi>)?</t[hd]>({cell}){{2}}<td[^>]*>2</td>", html)
    scored = {
        question["id"]: question["scored"]
        for area in json.loads(report("json"))["areas"]
        for question in area["questions"]
    }
    assert scored["comments"] is False and scored["deletion-plan"] is False and scored["sensitive"] is False
    assert scored["voice"] is True and scored["months"] is True


#: The inputs of the narrow-terminal tests, and a report since a baseline (its then/now table).
NUMBER_INPUTS = {
    **NARROW_INPUTS,
    "since a baseline": (
        "examples/county-justice-three-months-later/lead.yaml",
        "--baseline",
        "examples/county-justice/lead-report.json",
    ),
}


def _whole(token: str, text: str) -> bool:
    """Whether ``token`` is on one line of ``text``, not part of a longer number or word."""
    return re.search(rf"(?<![\w.+-]){re.escape(token)}(?![\w.%])", text) is not None


@pytest.mark.slow
@pytest.mark.parametrize("columns", [30, 40, 60, 80])
@pytest.mark.parametrize("who", list(NUMBER_INPUTS))
def test_scores_coverage_and_changes_are_never_split_across_lines(who: str, columns: int) -> None:
    """At 30 columns the respondents table read ``26.`` over ``2``, ``100`` over ``%`` and its
    heading ``Ove`` / ``ral`` / ``l``: ``26.`` alone reads as 26. Every respondent's overall score
    and coverage, and every score then and now, as the JSON report has them, is whole on a line
    of its own table (side by side, or each row's fields stacked where the columns do not fit)."""
    import json
    import subprocess

    from civdata.render.common import number
    from tests.conftest import ROOT, civdata_command

    args = NUMBER_INPUTS[who]
    result = subprocess.run(
        [*civdata_command(), "report", *args, "-f", "json"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    document = json.loads(result.stdout)
    output = _report_on_a_terminal(args, columns)
    lines = output.splitlines()
    # Changed from the lines between the box and the scores: the comparison in full came there and
    # put "What to do first" at line 85 of a 100-column terminal (a facilitator's review). One line
    # on what changed is under the box now; the comparison in full, which this reads, comes after
    # what to do first and before the findings. The list of respondents comes last.
    start = next((index for index, line in enumerate(lines) if line.startswith("Since the last assessment:")), 0)
    end = next(index for index, line in enumerate(lines) if line.startswith("Findings"))
    since = "\n".join(lines[start:end]) if start else ""
    respondents = document["respondents"]
    if len(respondents) > 1:
        start = max(index for index, line in enumerate(lines) if line.startswith("Respondent"))
        where = "\n".join(lines[start:])
        assert {"overall", "coverage"} <= set(re.findall(r"[a-z]+", where.lower())), where
    else:
        # One respondent has no table of respondents: the numbers are in the box at the top.
        where = output
    for respondent in respondents:
        for token in (number(respondent["overall"]), f"{number(respondent['coverage'])}%"):
            assert _whole(token, where), (token, where)
    progress = document.get("progress")
    for item in (*progress["areas"], progress["overall"]) if progress else ():
        for value in (item["before"], item["after"]):
            assert _whole(number(value), since), (value, since)
        if item["change"]:
            assert _whole(f"{'+' if item['change'] > 0 else ''}{number(item['change'])}", since), (item, since)


def test_a_fitted_table_with_shared_columns_keeps_every_word_whole_at_every_width() -> None:
    """The disagreements and action-plan tables share the width by ratio, each column at least as
    wide as its longest word. rich hands out the ratio shares first come, first served: when a
    later column's longest word is wider than its share, the columns add up to more than the
    terminal; rich then shrinks them back to their least widths, and a word was cut to
    ``organisati…`` in a table half the terminal wide. Every word stays whole, at every width, and
    a table that fits side by side fills the width it was given."""
    import random

    from rich.text import Text

    from civdata.render.terminal import Field, fitted_table, to_text

    chooser = random.Random(11)
    layouts = (
        [Field("Severity", whole=True), Field("Action", ratio=4), Field("By", ratio=1), Field("For", ratio=1)],
        [Field("Severity", whole=True), Field("Question", ratio=2), Field("Spread", whole=True), Field("Who", ratio=4)],
    )
    for layout in layouts:
        for width in range(30, 121, 7):
            for _ in range(6):
                rows = [
                    [
                        Text(" CRITICAL ")
                        if field.whole and index == 0
                        else Text(str(chooser.randint(1, 999)))
                        if field.whole
                        else Text(" ".join("x" * chooser.randint(1, 14) for _ in range(chooser.randint(1, 12))))
                        for index, field in enumerate(layout)
                    ]
                    for _ in range(3)
                ]
                shown = to_text(fitted_table(layout, rows, width, expand=True, kept=1), color=False, width=width)
                assert "…" not in shown, (width, shown)
                drawn = {word for line in shown.splitlines() for word in line.replace(":", " ").split()}
                for row in rows:
                    for cell in row:
                        assert set(cell.plain.split()) <= drawn, (cell.plain, width, shown)
                if ":" in shown.splitlines()[0]:
                    continue  # stacked: "Action: by, for"
                assert len(shown.splitlines()[1]) >= width - 1, (width, shown)  # the rule under the headings


def _report_output(*args: str) -> str:
    import subprocess

    from tests.conftest import ROOT, civdata_command

    result = subprocess.run(
        [*civdata_command(), "report", *args, "-o", "-"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_format_warns_beside_a_score_resting_on_too_few_answers(tmp_path: Path) -> None:
    """docs/scoring.md: coverage is stated on every score line, and a score from too few answers is
    said not to be relied on. The job summary (the page a reviewer opens in CI) showed "Overall
    score: 100 / 100" from 3 of 66 answers with no warning, where Markdown, HTML and text had one."""
    few = tmp_path / "few.yaml"
    few.write_text(
        "format: 1\nrubric: {id: civil-society-data-readiness, version: 1.2.2}\ninitiative: X\n"
        "respondent: {role: lead}\nanswers:\n  stakeholder-map: written-and-shared\n"
        "  community-voice: share-decisions\n  objectives-agreed: written-agreed\n",
        encoding="utf-8",
    )
    for output_format in ("summary", "markdown", "html", "text"):
        output = _report_output(str(few), "-f", output_format)
        assert "too few answers for this score to be relied on" in output, (output_format, output)
    summary = _report_output(str(few), "-f", "summary")
    score_line = next(line for line in summary.splitlines() if line.startswith("- Overall score"))
    assert "too few answers for this score to be relied on" in score_line, summary


@pytest.mark.parametrize(
    ("paths", "count"),
    [(("examples/refugee-services/answers.yaml",), 2), (("examples/county-justice/",), 24)],
)
def test_the_text_report_says_how_many_answers_were_i_dont_know(paths: tuple[str, ...], count: int) -> None:
    """docs/scoring.md: coverage counts "I don't know" as answered, and "the report also says how
    many answers were 'I don't know'". Markdown, HTML and the summary did; the text report, the
    default on a terminal, said "coverage 100%" and nothing else."""
    import json

    document = json.loads(_report_output(*paths, "-f", "json"))
    assert document["coverage"]["unknown_answers"] == count
    text = _report_output(*paths, "-f", "text")
    assert f"{count} answers “I don't know”" in " ".join(text.split()), text


def test_what_to_do_first_says_alike_in_every_format_when_the_plan_holds_only_actions_for_information(
    tmp_path: Path,
) -> None:
    """A code review: with only actions for information, the terminal said "nothing above info" and
    Markdown, HTML and the job summary "No finding calls for action", which was untrue."""
    import subprocess

    from tests.conftest import civdata_command
    from tests.test_json_role_counts import RUBRIC

    rubric = tmp_path / "info.yaml"
    rubric.write_text(RUBRIC.replace("severity: high", "severity: info"), encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "format: 1\nrubric: {id: counted, version: 1.0.0}\ninitiative: Test\nrespondent: {role: lead}\n"
        'answers:\n  heard: "no"\n',
        encoding="utf-8",
    )
    said = "Nothing above info: the 1 action of the action plan is for information."
    for fmt in ("markdown", "html", "summary", "text"):
        result = subprocess.run(
            [*civdata_command(), "report", answers, "-r", rubric, "-f", fmt], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert said in " ".join(result.stdout.split()), (fmt, result.stdout)
        assert "No finding calls for action" not in result.stdout, fmt
