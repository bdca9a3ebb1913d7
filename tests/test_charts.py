"""The pictures (``civdata.charts``): golden SVG files, and what makes them accessible, safe and stable.

Each picture is parsed as XML, as a browser or GitHub's image proxy would: it must be well formed,
name itself with its title and description, label every bar and point with its value in text,
reach for nothing outside itself, and keep its structure whatever text it is given.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from civdata.charts import Series, area_chart, shorten, time_chart
from civdata.combine import combine
from civdata.inputs import load_answer_sets
from civdata.render.common import area_chart_svg
from civdata.reporting import build_report
from tests.conftest import ROOT, assert_golden, unwrapped
from tests.payloads import PAYLOADS, benign, raw_invisible, shown_in_html

GOLDEN = ROOT / "tests" / "golden" / "charts"
SVG = "{http://www.w3.org/2000/svg}"

AREAS = ["Stakeholders and power", "The role of data", "Funding, sustainability and lifecycle", "Overall"]
ROLES = [
    Series("Lead organisation (2)", (61.0, 68.8, 46.1, 58.6)),
    Series("Community / data-subject representative (1)", (26.8, None, 13.3, 20.1)),
    Series("Funder (1)", (100.0, 0.0, 95.7, 65.2)),
    Series("Combined", (49.1, 60.5, 46.2, 52.0), combined=True),
]
HISTORY = [
    ("2026-02-01", {"Stakeholders and power": 30.0, "The role of data": 41.5, "Overall": 35.0}),
    ("2026-05-01", {"Stakeholders and power": 45.0, "The role of data": None, "Overall": 44.2}),
    (
        "2026-11-05",
        {"Stakeholders and power": 61.0, "The role of data": 68.8, "Overall": 58.6, "Protecting people": 20.0},
    ),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def assert_accessible_and_self_contained(svg: str) -> ET.Element:
    """Well formed; ``role="img"`` named by its own title and description; nothing from outside."""
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and title.text and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert 0 < int(root.get("width")) <= 800 and 0 < float(root.get("height")) < 2000
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {
        "svg",
        "title",
        "desc",
        "rect",
        "text",
        "tspan",
        "g",
        "line",
        "defs",
        "pattern",
        "polyline",
        "circle",
        "polygon",
    }
    # No attribute reaches outside: no link, no source, no address; the only reference is to its
    # own hatching. (Text may say anything: it is text.)
    prefix = root.get("aria-labelledby").split("-title")[0]
    for element in root.iter():
        assert not {
            name for name in element.attrib if "href" in name or (name in {"src", "style"} and element is not root)
        }
        for value in element.attrib.values():
            assert "//" not in value and "@import" not in value
            assert "url(" not in value or value == f"url(#{prefix}-hatch)", value
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert svg.count("http") == 1 + sum(element.text.count("http") for element in root.iter() if element.text)
    assert not raw_invisible(svg)
    return root


# --- Golden files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make"),
    [
        (
            "areas-roles",
            lambda: area_chart(AREAS, ROLES, title="Scores by area, by role and combined", overall_last=True),
        ),
        ("areas-one", lambda: area_chart(AREAS[:3], [Series("Score", (61.0, 68.8, None))], title="Scores by area")),
        ("time", lambda: time_chart(HISTORY, title="Scores over time")),
    ],
)
def test_golden_pictures(name: str, make) -> None:
    svg = make()
    assert_accessible_and_self_contained(svg)
    assert_golden(svg, GOLDEN / f"{name}.svg")


def test_the_same_data_gives_the_same_bytes_in_another_process() -> None:
    code = (
        "import sys; from tests.test_charts import AREAS, ROLES, HISTORY; from civdata.charts import area_chart, "
        "time_chart; sys.stdout.write(area_chart(AREAS, ROLES, title='t') + time_chart(HISTORY, title='t'))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    assert runs == {area_chart(AREAS, ROLES, title="t") + time_chart(HISTORY, title="t")}


# --- Area scores -----------------------------------------------------------------------------------


def test_every_bar_is_labelled_with_its_series_and_value_and_the_combined_is_marked_apart() -> None:
    root = assert_accessible_and_self_contained(area_chart(AREAS, ROLES, title="t", overall_last=True))
    labels = texts(root)
    for series in ROLES:
        for value in series.values:
            shown = "no answer counted" if value is None else f"{value:g}"
            assert any(label.endswith(f": {shown}") for label in labels), (series.label, shown)
    assert "Funder (1): 0" in labels and "Funder (1): 100" in labels
    assert f"{shorten(ROLES[1].label, 26)}: no answer counted" in labels  # shortened name, full in desc
    assert shorten(ROLES[1].label, 26).endswith("…")
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") == "14"]
    assert len(bars) == sum(value is not None for series in ROLES for value in series.values)
    combined = [rect for rect in bars if rect.get("fill", "").startswith("url(#")]
    assert len(combined) == 4 and all(rect.get("stroke-width") == "2" for rect in combined)
    assert {rect.get("stroke-width") for rect in bars if rect not in combined} == {"0.75"}
    bold = [text for text in root.iter(f"{SVG}text") if text.get("font-weight") == "bold"]
    assert {"Combined", "Combined: 52", "Overall"} <= {"".join(text.itertext()) for text in bold}
    # The legend names every series beside its swatch; the description gives every value in words.
    assert {"Lead organisation (2)", "Funder (1)", "Combined"} <= set(labels)
    desc = root.find(f"{SVG}desc").text
    assert "Community / data-subject representative (1) no answer counted" in desc
    assert "Overall: Lead organisation (2) 58.6, Community / data-subject representative (1) 20.1" in desc


def test_bars_are_as_long_as_their_score() -> None:
    root = parse(area_chart(["A"], [Series("s", (25.0,)), Series("t", (100.0,))], title="t"))
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect") if rect.get("height") == "14"]
    assert widths[1] == pytest.approx(4 * widths[0])


def test_one_respondent_has_no_legend_and_bare_values() -> None:
    root = assert_accessible_and_self_contained(area_chart(["A", "B"], [Series("Score", (40.0, 72.5))], title="t"))
    assert {"40", "72.5"} <= set(texts(root)) and "Score" not in texts(root)
    assert "hatch" not in ET.tostring(root, encoding="unicode")


def test_series_with_a_value_missing_for_an_area_are_refused() -> None:
    with pytest.raises(ValueError, match="one value per area"):
        area_chart(["A", "B"], [Series("s", (1.0,))], title="t")


def test_ids_carry_the_prefix_so_two_pictures_on_one_page_do_not_clash() -> None:
    svg = area_chart(["A"], [Series("s", (1.0,)), Series("c", (1.0,), combined=True)], title="t", id_prefix="second")
    assert set(re.findall(r'id="([^"]+)"', svg)) == {"second-title", "second-desc", "second-hatch"}
    assert "url(#second-hatch)" in svg


def report_for(*paths: str, rubric: str | None = None, lang: str | None = None):
    rubric_model, answers = load_answer_sets([ROOT / path for path in paths], rubric and str(ROOT / rubric), lang=lang)
    return build_report(rubric_model, answers).model


def test_a_report_on_several_roles_draws_each_role_and_the_combined() -> None:
    report = report_for(
        "examples/county-justice/lead.yaml",
        "examples/county-justice/community.yaml",
        "examples/county-justice/funder.yaml",
    )
    root = assert_accessible_and_self_contained(area_chart_svg(report))
    labels = texts(root)
    for role in report.roles:
        assert f"{role.role.label} ({len(role.respondents)})"[:20] in " ".join(labels)
    assert f"Combined: {report.overall:g}" in labels
    assert [area.area.title for area in report.areas] + ["Overall"] == [
        group.find(f"{SVG}title").text for group in root.iter(f"{SVG}g")
    ]


def test_a_risk_rubric_says_that_higher_means_more_risk() -> None:
    report = report_for(
        "examples/rubrics/answers/aia-high-impact.yaml", rubric="examples/rubrics/aia-style-impact.yaml"
    )
    root = assert_accessible_and_self_contained(area_chart_svg(report))
    assert "Risk score, 0-100 (higher means more risk)" in texts(root)


def test_a_checklist_rubric_has_no_scores_and_so_no_picture() -> None:
    report = report_for("examples/rubrics/answers/deon-with-gaps.yaml", rubric="examples/rubrics/deon-checklist.yaml")
    assert area_chart_svg(report) is None


def test_a_single_respondent_report_draws_one_bar_per_area_and_overall(mini_rubric) -> None:
    from civdata.answers_loader import load_answers
    from civdata.scoring import assess
    from tests.conftest import FIXTURES

    report = combine(mini_rubric, [assess(mini_rubric, load_answers(FIXTURES / "mini-answers.yaml", mini_rubric))])
    root = assert_accessible_and_self_contained(area_chart_svg(report))
    values = [f"{item.percent:g}" for item in report.areas] + [f"{report.overall:g}"]
    assert [label for label in texts(root) if label in values] == values


# --- Scores over time ------------------------------------------------------------------------------


def test_lines_have_a_marker_shape_each_a_label_at_their_end_and_a_value_on_every_point() -> None:
    root = assert_accessible_and_self_contained(time_chart(HISTORY, title="Scores over time"))
    labels = texts(root)
    assert {"Stakeholders and power", "The role of data", "Protecting people", "Overall"} <= set(labels)
    values = [value for _, scores in HISTORY for value in scores.values() if value is not None]
    assert sorted(
        label for label in labels if re.fullmatch(r"[0-9.]+", label) and label not in {"0", "25", "50", "75", "100"}
    ) == sorted(f"{value:g}" for value in values if f"{value:g}" not in {"0", "25", "50", "75", "100"})
    groups = {group.find(f"{SVG}title").text: group for group in root.iter(f"{SVG}g")}
    shapes = {
        name: sorted({child.tag for child in group if child.tag != f"{SVG}title" and child.tag != f"{SVG}polyline"})
        for name, group in groups.items()
    }
    assert shapes["Overall"] == [f"{SVG}circle"]
    assert len({tuple(shape) for shape in shapes.values()}) >= 3  # circles, squares, triangles...
    # "The role of data" has no value in May: its line is broken there, not drawn through.
    assert groups["The role of data"].find(f"{SVG}polyline") is None
    assert len(groups["Stakeholders and power"].findall(f"{SVG}polyline")) == 1
    overall_line = groups["Overall"].find(f"{SVG}polyline")
    assert overall_line.get("stroke") == "#1a1a1a" and overall_line.get("stroke-width") == "3"
    assert (
        "The role of data: 41.5 on 2026-02-01, no answer counted on 2026-05-01, 68.8 on 2026-11-05"
        in root.find(f"{SVG}desc").text
    )


def test_iso_dates_are_placed_by_the_days_between_them_and_others_evenly() -> None:
    def xs(dates: list[str]) -> list[float]:
        root = parse(time_chart([(date, {"Overall": 50.0}) for date in dates], title="t"))
        return [float(circle.get("cx")) for circle in root.iter(f"{SVG}circle")]

    dated = xs(["2026-01-01", "2026-01-11", "2026-04-11"])
    assert (dated[1] - dated[0]) * 9 == pytest.approx(dated[2] - dated[1], abs=1)
    even = xs(["before", "during", "after"])
    assert even[1] - even[0] == pytest.approx(even[2] - even[1])
    assert xs(["2026-03-01", "2026-01-01", "2026-02-01"]) == even  # not in order: evenly, as given
    assert len(xs(["2026-03-01"])) == 1


def test_an_empty_history_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        time_chart([], title="t")


# --- Hostile text ----------------------------------------------------------------------------------


def _structure(root: ET.Element) -> list[tuple[str, tuple[str, ...]]]:
    return [(element.tag, tuple(sorted(element.attrib))) for element in root.iter()]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_names_stay_text_in_both_pictures(payload: str) -> None:
    def pictures(text: str) -> list[str]:
        series = [Series(text, (10.0, 20.0)), Series("Combined", (30.0, 40.0), combined=True)]
        return [
            area_chart([text, f"{text} two"], series, title=text, scale=text, id_prefix="p"),
            time_chart(
                [(text, {text: 10.0, "Overall": 20.0}), ("2026-01-01", {text: 30.0})], title=text, id_prefix="q"
            ),
        ]

    for hostile, plain in zip(pictures(payload), pictures(benign(payload)), strict=True):
        root = assert_accessible_and_self_contained(hostile)
        assert _structure(root) == _structure(parse(plain))
        # The parsed text is the payload itself, invisible characters spelled out: never markup.
        assert root.find(f"{SVG}title").text == shown_in_html(payload)


def test_text_is_escaped_for_xml_and_invisible_characters_are_spelled_out() -> None:
    svg = area_chart(['<b a="1">&amp;\u202e\x1b\uffff'], [Series("s'\"", (1.0,))], title="x<y", id_prefix='a"b')
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "x<y"
    assert root.find(f"{SVG}g").find(f"{SVG}title").text == '<b a="1">&amp;\\u202e\\x1b\\uffff'
    assert root.get("aria-labelledby") == 'a"b-title a"b-desc'


# --- What a screen reader or an image's alt text says: the direction of a risk score -------------

RISK_ANSWERS = ROOT / "examples/rubrics/answers/aia-high-impact.yaml"
RISK_RUBRIC = ROOT / "examples/rubrics/aia-style-impact.yaml"
RISK_SCALE = "Risk score, 0-100 (higher means more risk)"


def risk_reports(tmp_path) -> dict[str, str]:
    """A report on a risk rubric, with a baseline three months earlier, in Markdown and HTML: the
    files written, by name."""
    baseline = tmp_path / "before.yaml"
    text = RISK_ANSWERS.read_text(encoding="utf-8")
    baseline.write_text(text.replace('date: "2026-10-27"', 'date: "2026-07-27"'), encoding="utf-8")
    for name in ("aia.md", "aia.html"):
        arguments = ["--rubric", str(RISK_RUBRIC), "--baseline", str(baseline), "-o", str(tmp_path / name)]
        result = subprocess.run(
            [sys.executable, "-m", "civdata", "report", str(RISK_ANSWERS), *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    return {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir() if path.name.startswith("aia")}


def test_a_risk_pictures_description_says_that_higher_means_more_risk(tmp_path) -> None:
    """A screen reader reads a picture's title and description, not the line under its title: the
    description starts with that line, in a picture beside a Markdown report and inline in HTML."""
    files = risk_reports(tmp_path)
    pictures = [files["aia.areas.svg"], files["aia.progress.svg"]]
    html = files["aia.html"]
    pictures += re.findall(r"<svg .*?</svg>", html, flags=re.DOTALL)
    assert len(pictures) == 4
    for svg in pictures:
        root = assert_accessible_and_self_contained(svg)
        assert root.find(f"{SVG}desc").text.startswith(f"{RISK_SCALE}. "), root.find(f"{SVG}desc").text


def test_a_risk_pictures_alt_text_in_markdown_says_that_higher_means_more_risk(tmp_path) -> None:
    """A picture shown by a Markdown viewer is an image: only its alt text is read out."""
    markdown = unwrapped(risk_reports(tmp_path)["aia.md"])
    alts = re.findall(r"!\[([^\]]*)\]\(aia\.(?:areas|progress)\.svg\)", markdown)
    assert len(alts) == 2, alts
    assert all(alt.endswith("(higher means more risk)") for alt in alts), alts


def test_a_risk_historys_picture_says_that_higher_means_more_risk(tmp_path) -> None:
    baseline = tmp_path / "before.yaml"
    text = RISK_ANSWERS.read_text(encoding="utf-8")
    baseline.write_text(text.replace('date: "2026-10-27"', 'date: "2026-07-27"'), encoding="utf-8")
    civdata = [sys.executable, "-m", "civdata"]
    for answers, name in ((baseline, "r1.json"), (RISK_ANSWERS, "r2.json")):
        command = [*civdata, "report", str(answers), "--rubric", str(RISK_RUBRIC), "-o", str(tmp_path / name)]
        assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    history = [*civdata, "history", str(tmp_path / "r1.json"), str(tmp_path / "r2.json"), "--rubric", str(RISK_RUBRIC)]
    assert subprocess.run([*history, "-o", str(tmp_path / "h.md")], capture_output=True, check=False).returncode == 0
    markdown = unwrapped((tmp_path / "h.md").read_text(encoding="utf-8"))
    assert "![Line chart of the scores by area over time (higher means more risk)](h.history.svg)" in markdown
    root = assert_accessible_and_self_contained((tmp_path / "h.history.svg").read_text(encoding="utf-8"))
    assert root.find(f"{SVG}desc").text.startswith(f"{RISK_SCALE}. ")
