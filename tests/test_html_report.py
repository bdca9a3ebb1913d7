"""The HTML report (``-o report.html``) and the picture beside a Markdown report, as a user meets them.

The page is parsed with the standard library's HTML parser and checked as a reader (and a screen
reader) would meet it: one ``h1``, headings in order and the same sections as the Markdown report,
tables with headers, the picture inline, nothing loaded from anywhere and no script. (Hostile text
in every field is in ``test_output_safety.py``.) Where a headless browser is installed, it renders
and prints the page, and lays out the widest tables at the printable width of A4 and Letter.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import stat
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from civdata.render import render, render_files
from civdata.render.common import ReportMeta, number
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT, assert_golden, civdata_command
from tests.payloads import HtmlReader, raw_invisible, read_html

MULTI = Path("tests/fixtures/multi")
RUBRIC = str(MINI_RUBRIC.relative_to(ROOT))
COUNTY = [
    "examples/county-justice/lead.yaml",
    "examples/county-justice/community.yaml",
    "examples/county-justice/funder.yaml",
]
META = ReportMeta("0.0.0-test", "2026-11-05")


def read(html: str) -> HtmlReader:
    return read_html(html)


def run(*args: object, cwd: Path = ROOT, expect: int = 0, env: dict[str, str] | None = None):
    result = subprocess.run(
        [*civdata_command(), *(str(arg) for arg in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1793836800", **(env or {})},
        timeout=120,
        check=False,
    )
    assert result.returncode == expect, result.stderr
    return result


def assert_well_made(html: str) -> HtmlReader:
    """The structure every HTML report has, whatever it says."""
    page = read(html)
    assert html.startswith("<!DOCTYPE html>\n<html lang=")
    tags = [tag for tag, _ in page.tags]
    head = tags[: tags.index("body")]
    assert tags.count("h1") == 1 and tags.count("main") == 1 and head.count("title") == 1
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))
    # Nothing to run and nothing from elsewhere: no script, frame, object, link, image or form, and
    # no attribute that points outside the page.
    assert not set(tags) & {"script", "iframe", "object", "embed", "link", "img", "form", "base", "meta http-equiv"}
    for tag, attributes in page.tags:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        assert "src" not in attributes and "srcset" not in attributes
        if "href" in attributes:
            assert tag == "a" and re.fullmatch(r"#finding-\d+", attributes["href"] or ""), attributes
        assert "http-equiv" not in attributes
    targets = {attributes["id"] for _, attributes in page.tags if "id" in attributes}
    assert {attributes["href"][1:] for tag, attributes in page.tags if tag == "a"} <= targets
    style = html[html.index("<style>") : html.index("</style>")]
    assert "@import" not in style and "url(" not in style and "//" not in style
    assert "url(" not in html.replace("url(#area-scores-hatch)", "")
    # Every table has column headers, and every row a header cell that names it.
    for table in re.findall(r"<table[^>]*>.*?</table>", html, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        assert rows and all(row.startswith("<th scope=") for row in rows), table[:200]
        if "<thead>" in table:
            assert re.search(r'<thead><tr>(<th scope="col"[^>]*>.*?</th>)+</tr></thead>', table, flags=re.S)
    assert not raw_invisible(html)
    return page


def markdown_headings(markdown: str) -> list[tuple[int, str]]:
    """The Markdown report's headings, as text: what the HTML page must have in the same order."""
    headings = []
    for line in markdown.splitlines():
        match = re.match(r"(#{1,6}) (.*)", line)
        if match:
            text = re.sub(r"\\(.)", r"\1", match.group(2)).replace("`", "").replace("&#8203;", "\u200b")
            headings.append((len(match.group(1)), text))
    return headings


def heading_text(text: str) -> str:
    """A heading as the HTML page shows it, compared without the Markdown's emphasis and the
    severity badge's spacing (``HIGH: title`` in Markdown, a badge then the title in HTML)."""
    return re.sub(r"\b(CRITICAL|HIGH|MEDIUM|LOW|INFO):? ", r"\1 ", text.replace("\u200b", ""))


# --- Structure -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["tests/fixtures/mini-answers.yaml", "-r", RUBRIC],
        [MULTI, "-r", RUBRIC],
        [MULTI, "-r", RUBRIC, "--anonymize"],
        COUNTY,
        ["examples/county-justice/lead.yaml"],
        ["examples/rubrics/answers/aia-high-impact.yaml", "-r", "examples/rubrics/aia-style-impact.yaml"],
        ["examples/rubrics/answers/deon-with-gaps.yaml", "-r", "examples/rubrics/deon-checklist.yaml"],
    ],
    ids=["mini", "multi", "anonymized", "county", "county-lead", "risk", "checklist"],
)
def test_the_page_has_the_markdown_reports_sections_in_order_with_tables_and_the_picture(args: list[object]) -> None:
    html = run("report", *args, "-f", "html").stdout
    page = assert_well_made(html)
    markdown = run("report", *args, "-f", "markdown").stdout
    assert [(level, heading_text(text)) for level, text in page.headings] == [
        (level, heading_text(text)) for level, text in markdown_headings(markdown)
    ]
    svgs = [attributes for tag, attributes in page.tags if tag == "svg"]
    scored = "## Scores by area" in markdown
    assert len(svgs) == (1 if scored else 0)
    if scored:
        assert svgs[0]["role"] == "img" and svgs[0]["aria-labelledby"] == "area-scores-title area-scores-desc"
        assert "figcaption" in [tag for tag, _ in page.tags]
    # Severity is a word beside its colour, everywhere it is shown.
    for badge in re.findall(r'<span class="sev sev-([a-z]+)">([A-Z]+)</span>', html):
        assert badge[0].upper() == badge[1]


def test_the_page_is_english_and_each_text_from_a_file_in_the_language_chosen_with_lang() -> None:
    """Changed on purpose (2026-11-29, a review by screen-reader users): the page was lang="pt-BR"
    as a whole, and civdata's English headings were read by a Portuguese voice. The page is in
    English, civdata's words; every text from a file says it is in the rubric's language."""
    args = ["examples/rubrics/answers/deon-with-gaps.yaml", "-r", "examples/rubrics/deon-checklist.yaml", "-f", "html"]
    english = run("report", *args).stdout
    assert english.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')
    assert " lang=" not in english[english.index("<body>") :]
    portuguese = run("report", *args, "--lang", "pt-BR").stdout
    assert portuguese.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')
    body = portuguese[portuguese.index("<body>") :]
    isolated = re.findall(r"<bdi( lang=\"[^\"]*\")?>", body)
    assert isolated and set(isolated) == {' lang="pt-BR"'}, set(isolated)


def test_the_print_stylesheet_keeps_rows_whole_and_sets_page_margins() -> None:
    html = run("report", "examples/county-justice/lead.yaml", "-f", "html").stdout
    printing = html[html.index("@media print") : html.index("</style>")]
    assert "@page { margin:" in printing
    assert re.search(r"tr, figure, blockquote[^{]*\{ break-inside: avoid; page-break-inside: avoid; \}", printing)
    assert "thead { display: table-header-group; }" in printing
    assert 'a[href^="http"]::after { content: " (" attr(href) ")"' in printing


# --- Golden files ----------------------------------------------------------------------------------


def test_golden_single_report(mini_rubric) -> None:
    from civdata.answers_loader import load_answers
    from civdata.combine import combine
    from civdata.scoring import assess

    answers = load_answers(FIXTURES / "mini-answers.yaml", mini_rubric, "tests/fixtures/mini-answers.yaml")
    report = combine(mini_rubric, [assess(mini_rubric, answers)])
    assert_golden(render("html", report, META), ROOT / "tests" / "golden" / "mini-report.html")


def test_golden_combined_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    html = run("report", MULTI, "-r", RUBRIC, "-f", "html").stdout
    assert_golden(html, ROOT / "tests" / "golden" / "multi" / "combined.html")


# --- Files: the HTML page, and the picture beside a Markdown report -----------------------------------


def test_an_html_report_is_one_private_file(tmp_path: Path) -> None:
    result = run("report", *COUNTY, "-o", tmp_path / "report.html")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.html"]
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o600
    assert result.stderr == f"Wrote {tmp_path / 'report.html'}\n"


def test_a_markdown_report_links_its_picture_written_beside_it(tmp_path: Path) -> None:
    result = run("report", *COUNTY, "-o", tmp_path / "my report (v2).md")
    picture = tmp_path / "my report (v2).areas.svg"
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([picture.name, "my report (v2).md"])
    assert stat.S_IMODE(picture.stat().st_mode) == 0o600  # as private as the report it belongs to
    markdown = (tmp_path / "my report (v2).md").read_text(encoding="utf-8")
    assert "![Bar chart of the scores by area](my%20report%20%28v2%29.areas.svg)" in markdown
    section = markdown[markdown.index("## Scores by area") : markdown.index("## What to do first")]
    assert section.rstrip().endswith(".areas.svg)")
    assert picture.read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert result.stderr.splitlines() == [f"Wrote {picture}", f"Wrote {tmp_path / 'my report (v2).md'}"]


def test_a_markdown_report_on_standard_output_has_no_picture_and_no_link(tmp_path: Path) -> None:
    result = run("report", *COUNTY, "-o", "-", cwd=ROOT)
    assert "![" not in result.stdout and ".svg" not in result.stdout
    assert result.stdout == run("report", *COUNTY, "-f", "markdown").stdout
    assert result.stderr == ""


def test_a_checklist_report_has_no_picture(tmp_path: Path) -> None:
    args = ["examples/rubrics/answers/deon-with-gaps.yaml", "-r", "examples/rubrics/deon-checklist.yaml"]
    run("report", *args, "-o", tmp_path / "report.md")
    assert [path.name for path in tmp_path.iterdir()] == ["report.md"]
    assert "![" not in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_the_picture_is_never_written_over_an_input_and_then_nothing_is_written(tmp_path: Path) -> None:
    rubric = tmp_path / "report.areas.svg"  # a rubric file can have any name
    rubric.write_bytes(MINI_RUBRIC.read_bytes())
    result = run("report", FIXTURES / "mini-answers.yaml", "-r", rubric, "-o", tmp_path / "report.md", expect=2)
    assert "report.areas.svg is the rubric, read by this command" in result.stderr
    assert "refusing to overwrite it" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.areas.svg"]
    assert rubric.read_bytes() == MINI_RUBRIC.read_bytes()


def test_a_folder_where_the_picture_would_go_stops_the_report_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "report.areas.svg").mkdir()
    result = run("report", *COUNTY, "-o", tmp_path / "report.md", expect=2)
    assert "report.areas.svg is a folder" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.areas.svg"]


def test_a_renderer_given_no_file_name_asks_for_no_companion(mini_rubric) -> None:
    from civdata.answers_loader import load_answers
    from civdata.combine import combine
    from civdata.scoring import assess

    report = combine(mini_rubric, [assess(mini_rubric, load_answers(FIXTURES / "mini-answers.yaml", mini_rubric))])
    assert render_files("markdown", report, META).companions == ()
    named = render_files("markdown", report, ReportMeta("0", "2026-11-05", output_name=".hidden.report.md"))
    assert [companion.name for companion in named.companions] == [".hidden.report.areas.svg"]
    assert render_files("html", report, ReportMeta("0", "2026-11-05", output_name="r.html")).companions == ()


# --- In a real browser ----------------------------------------------------------------------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "firefox")


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    cache = Path.home() / ".cache" / "ms-playwright"
    for candidate in sorted(cache.glob("chromium*/chrome-linux*/chrome")) if cache.is_dir() else []:
        return str(candidate)
    return None


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and raw scanlines (after un-filtering) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride, rows, previous = width * channels, [], bytearray(width * channels)
    for row in range(height):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up, corner = previous[index], previous[index - channels] if index >= channels else 0
            if kind == 1:
                line[index] = (line[index] + left) & 0xFF
            elif kind == 2:
                line[index] = (line[index] + up) & 0xFF
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                best = min(
                    (abs(estimate - left), 0, left), (abs(estimate - up), 1, up), (abs(estimate - corner), 2, corner)
                )
                line[index] = (line[index] + best[2]) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


@pytest.mark.slow
def test_a_headless_browser_shows_the_page_and_prints_it(tmp_path: Path) -> None:
    browser = find_browser()
    if browser is None:
        pytest.skip(
            "no headless browser installed (looked for " + ", ".join(BROWSERS) + " and playwright's chromium); "
            "install one, such as Debian's chromium package, to run this test"
        )
    page = tmp_path / "report.html"
    run("report", *COUNTY, "-o", page)
    screenshot, pdf = tmp_path / "shot.png", tmp_path / "report.pdf"
    window = (900, 3000)
    size = f"--window-size={window[0]},{window[1]}"
    common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    if "firefox" in Path(browser).name:
        shot = [browser, "--headless", "--screenshot", str(screenshot), size, page.as_uri()]
        printing = None
    else:
        shot = [browser, *common, f"--screenshot={screenshot}", size, page.as_uri()]
        printing = [browser, *common, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()]
    subprocess.run(shot, cwd=tmp_path, capture_output=True, timeout=120, check=True)
    width, height, rows = png_pixels(screenshot.read_bytes())
    assert (width, height) == window
    # Not blank: many pixels differ from the white page, and some are dark (text) and some coloured (the
    # chart's bars and the severity badges). The window is tall enough that the chart is on it whatever the
    # fonts of the machine: with 1,400 pixels the chart began at pixel 1,271 on one machine and below the
    # window on another, whose fonts set the tables taller.
    channels = len(rows[0]) // width
    pixels = [row[index : index + 3] for row in rows[::4] for index in range(0, len(row), channels * 4)]
    dark = sum(1 for pixel in pixels if max(pixel) < 90)
    coloured = sum(1 for pixel in pixels if max(pixel) - min(pixel) > 80)
    assert dark > len(pixels) // 100 and coloured > 20, (dark, coloured, len(pixels))
    if printing is not None:
        subprocess.run(printing, cwd=tmp_path, capture_output=True, timeout=120, check=True)
        document = pdf.read_bytes()
        assert document.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", document)) > 3


# --- Wide combined tables: the combined score is never off the page --------------------------------


def team_folder(tmp_path: Path, extra: dict[str, tuple[str, str]]) -> Path:
    """The county's three respondents and, for each file name in ``extra``, a copy of the lead's
    answers from another person (name, role): a team of ordinary size to print."""
    folder = tmp_path / "team"
    folder.mkdir()
    for name in COUNTY:
        shutil.copy(ROOT / name, folder / Path(name).name)
    lead = (ROOT / COUNTY[0]).read_text(encoding="utf-8")
    for file_name, (person, role) in extra.items():
        text = lead.replace("name: Dana Okafor", f"name: {person}").replace("role: lead", f"role: {role}")
        (folder / file_name).write_text(text, encoding="utf-8")
    return folder


FIVE = {"partner.yaml": ("Jordan Lee", "partner"), "tech.yaml": ("Sam Ortiz", "technical")}


def scores_table(html: str) -> tuple[list[str], list[list[str]]]:
    """The column headers and the rows (as text) of the "Scores by area" table."""
    section = html[html.index('<section id="scores">') : html.index("</table>", html.index('<section id="scores">'))]

    def text(cell: str) -> str:
        return re.sub(r"<[^>]+>", "", cell).strip()

    head = [text(cell) for cell in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", section)]
    rows = [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", section.split("<tbody>")[1])
    ]
    return head, rows


def test_the_combined_score_comes_right_after_the_area_in_the_html_table(tmp_path: Path) -> None:
    """The combined score is what the report is about: it is the first score in each row, so a
    table too wide for a narrow screen or a page loses the least important columns, never it."""
    out, team = tmp_path / "team.html", team_folder(tmp_path, FIVE)
    run("report", team, "-o", out)
    head, rows = scores_table(out.read_text(encoding="utf-8"))
    assert head[:2] == ["Area", "Combined"], head
    document = json.loads(run("report", team, "-f", "json").stdout)
    overall = next(row for row in rows if row[0] == "Overall")
    assert overall[1] == number(document["overall"]["percent"]), overall
    for row, area in zip(rows, document["areas"], strict=False):
        assert row[:2] == [area["title"], number(area["percent"])], row


def test_five_respondents_are_shown_by_role_in_the_html_scores_table(tmp_path: Path) -> None:
    """Past a few respondents a column per person and one per role do not fit a printed page: the
    table shows the roles (each person's scores are in the respondents' table and the JSON)."""
    out = tmp_path / "team.html"
    run("report", team_folder(tmp_path, FIVE), "-o", out)
    head, _ = scores_table(out.read_text(encoding="utf-8"))
    for person in ("Dana Okafor", "Jordan Lee", "Sam Ortiz"):
        assert not any(person in cell for cell in head), head
    assert any(cell.startswith("Technical team") for cell in head), head


def test_a_name_heading_a_column_may_wrap_anywhere_so_it_cannot_widen_the_table(tmp_path: Path) -> None:
    # Since 2026-11-28 only a respondent of a role several answered for has a column (one alone in
    # a role repeated the role's): a second community member gives the community's two theirs.
    second = (ROOT / COUNTY[1]).read_text(encoding="utf-8").replace("name: Marcus Bell", "name: Ana Ruiz")
    (tmp_path / "ana.yaml").write_text(second, encoding="utf-8")
    html = run("report", *COUNTY, tmp_path / "ana.yaml", "-f", "html").stdout
    style = html[html.index("<style>") : html.index("</style>")]
    assert re.search(r"\n\.name \{[^}]*overflow-wrap: anywhere", style), style
    head, _ = scores_table(html)
    # Two people in one role: each has a column, after the roles'.
    assert sorted(head[-2:]) == ["Ana Ruiz", "Marcus Bell"], head
    assert '<th scope="col" class="num"><span class="name" dir="auto">Marcus Bell</span></th>' in html


def print_width_overflow(browser: str, page: Path, width: int, tmp_path: Path) -> list[str]:
    """The tables of ``page`` that reach past ``width`` CSS pixels when laid out with its print
    stylesheet: the page is opened in the headless browser at the printable width of a sheet, with
    ``@media print`` applied to the screen, and a script added to this copy measures every cell."""
    script = (
        "<script>addEventListener('load', () => { const width = document.documentElement.clientWidth; "
        "const over = []; for (const table of document.querySelectorAll('table')) { "
        "const right = Math.max(...[...table.querySelectorAll('th, td')].map(c => c.getBoundingClientRect().right)); "
        "if (right > width + 0.5) "
        "over.push((table.closest('section') || {id: 'page'}).id + ' ' + Math.round(right)); } "
        "const pre = document.createElement('pre'); "
        "pre.textContent = 'MEASURED ' + width + ' [' + over.join(', ') + ']'; "
        "document.body.append(pre); });</script>"
    )
    html = (
        page.read_text(encoding="utf-8")
        .replace("@media print {", "@media all {")
        .replace("</body>", script + "</body>")
    )
    measured = tmp_path / f"measured-{width}.html"
    measured.write_text(html, encoding="utf-8")
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},1200",
            "--dump-dom",
            measured.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = re.search(r"MEASURED (\d+) \[(.*?)\]", result.stdout)
    assert found is not None, result.stdout[-2000:]
    assert int(found.group(1)) == width
    return [item for item in found.group(2).split(", ") if item]


#: The printable width, in CSS pixels (96 to the inch), of A4 (210 mm) and Letter (8.5 in) less
#: the print stylesheet's side margins (14 mm each).
PRINTABLE = {"A4": round((210 - 28) / 25.4 * 96), "Letter": round((8.5 * 25.4 - 28) / 25.4 * 96)}


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra",
    [FIVE, {"lead.yaml": ("dana.okafor@marlow-county-office-of-research-and-planning.example.org", "lead")}],
    ids=["five-respondents", "an-e-mail-address-as-a-name"],
)
def test_a_printed_combined_report_keeps_every_table_on_the_page(tmp_path: Path, extra) -> None:
    browser = find_browser()
    if browser is None or "firefox" in Path(browser).name:
        pytest.skip("no headless Chromium installed; install one, such as Debian's chromium package, to run this test")
    page = tmp_path / "team.html"
    run("report", team_folder(tmp_path, extra), "-o", page)
    for paper, width in PRINTABLE.items():
        assert print_width_overflow(browser, page, width, tmp_path) == [], paper


@pytest.mark.slow
def test_a_printed_report_on_a_large_consultation_keeps_the_spread_of_scores_on_the_page(tmp_path: Path) -> None:
    """The spread of scores within each role has a row per area and a column per large role, as
    the scores table: with a row per role and a column per area, its five wide cells reached past
    the printable width of A4."""
    browser = find_browser()
    if browser is None or "firefox" in Path(browser).name:
        pytest.skip("no headless Chromium installed; install one, such as Debian's chromium package, to run this test")
    page = tmp_path / "consultation.html"
    run("import", "examples/community-consultation/submissions.csv", "--report", page)
    assert '<section id="role-spread">' in page.read_text(encoding="utf-8")
    for paper, width in PRINTABLE.items():
        assert print_width_overflow(browser, page, width, tmp_path) == [], paper


# --- Right-to-left text from files ------------------------------------------------------------------
# docs/html-and-pictures.md: the page's own words are English, laid out left to right; every text
# from a file keeps its own direction, isolated from the page's (`dir="auto"` or `<bdi>`).

ARABIC = ROOT / "tests" / "fixtures" / "translations"
RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Isolation(HTMLParser):
    """Every run of right-to-left text in the page's body that no element isolates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []
        self.loose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            given = dict(attrs)
            isolated = given.get("dir") == "auto" or given.get("unicode-bidi") == "plaintext"
            self.open.append((tag, tag == "bdi" or isolated))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = [tag for tag, _ in self.open]
        # Not laid out: the page's title, its stylesheet, and a picture's name and description.
        if {"title", "style", "desc"} & set(tags) or not RIGHT_TO_LEFT.search(data):
            return
        if not any(isolated for _, isolated in self.open):
            self.loose.append(f"{'/'.join(tags[-3:])}: {data.strip()}")


def loose_right_to_left(html: str) -> list[str]:
    reader = _Isolation()
    reader.feed(html)
    return reader.loose


@pytest.mark.parametrize("people", [["arabic-answers.yaml"], ["arabic-answers.yaml", "arabic-lead-answers.yaml"]])
def test_every_text_from_a_file_keeps_its_own_direction_in_a_left_to_right_page(people: list[str]) -> None:
    args = [*(ARABIC / name for name in people), "-r", ARABIC / "arabic.yaml", "--lang", "ar", "-f", "html"]
    html = run("report", *args).stdout
    assert html.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">')  # "ar" before 2026-11-29, on purpose
    assert '<bdi lang="ar">' in html
    assert RIGHT_TO_LEFT.search(html[html.index("<body>") :])
    assert loose_right_to_left(html) == []


def test_each_name_in_a_list_of_people_keeps_its_own_direction(tmp_path: Path) -> None:
    """An outside reviewer's workshop: the first of the people who raised a finding had an Arabic
    name, and the whole list, isolated in one <bdi>, was laid out right to left, names, roles and
    commas attached to the wrong person. Each person is now isolated on their own."""
    source = (FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8")
    for file_name, name in (("0-arabic.yaml", "محمد الأحمد"), ("1-latin.yaml", "Aïcha Benali")):
        (tmp_path / file_name).write_text(source.replace("Ada <b>Lovelace</b>", name), encoding="utf-8")
    html = run("report", tmp_path / "0-arabic.yaml", tmp_path / "1-latin.yaml", "-r", MINI_RUBRIC, "-f", "html").stdout
    isolated = re.findall(r"<bdi>(.*?)</bdi>", html)
    both = [text for text in isolated if "محمد" in text and "Aïcha" in text]
    assert both == [], "two people in one isolate"
    listed = re.findall(r"<bdi>محمد الأحمد \([^<]*\)</bdi>, <bdi>Aïcha Benali \([^<]*\)</bdi>", html)
    assert len(listed) >= 2, "the lists of who raised a finding and who gave an answer name each person apart"
    assert loose_right_to_left(html) == []


def test_a_browser_lays_out_a_right_to_left_note_right_to_left(tmp_path: Path) -> None:
    """The reviewer's case: the note "نعم، هناك لاجئون في السجلات." in a left-to-right page. Read right
    to left, as it is written, the full stop that ends it is at its left end, not its right."""
    browser = find_browser()
    if browser is None or "firefox" in Path(browser).name:
        pytest.skip("no headless Chromium installed; install one, such as Debian's chromium package, to run this test")
    args = [ARABIC / "arabic-answers.yaml", "-r", ARABIC / "arabic.yaml", "--lang", "ar", "-f", "html"]
    html = run("report", *args).stdout
    script = (
        "<script>addEventListener('load', () => { const walker = document.createTreeWalker("
        "document.querySelector('#finding-1 blockquote'), NodeFilter.SHOW_TEXT); let node = walker.nextNode(); "
        "while (!node.data.includes('.')) node = walker.nextNode(); const text = node.data; "
        "const start = text.search(/[\\u0600-\\u06ff]/); const at = (i) => { const range = "
        "document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1); "
        "return Math.round(range.getBoundingClientRect().left); }; const pre = document.createElement('pre'); "
        "pre.textContent = 'MEASURED ' + at(start) + ' ' + at(text.lastIndexOf('.')); "
        "document.body.append(pre); });</script>"
    )
    page = tmp_path / "arabic.html"
    page.write_text(html.replace("</body>", script + "</body>"), encoding="utf-8")
    result = subprocess.run(
        [
            browser,
            *("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars"),
            *(f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1200", "--dump-dom", page.as_uri()),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = re.search(r"MEASURED (-?\d+) (-?\d+)", result.stdout)
    assert found is not None, result.stdout[-2000:]
    first_letter, full_stop = int(found.group(1)), int(found.group(2))
    assert full_stop < first_letter
