"""Fixes of the review "formats" (the same facts in every medium): each test was written before its
fix and seen to fail."""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest
import yaml

from civdata.inputs import load_rubric_spec
from tests.conftest import ROOT, civdata_in
from tests.report_schema import report_document

RUBRIC_ID = "civil-society-data-readiness"
#: The lines of a Markdown report's first screen (docs/progress.md, tests/test_scale.py).
FIRST_SCREEN = 60


def _rounds(folder: Path, then_count: int) -> None:
    """An ordinary re-assessment of a large group (the review's): ``then`` is an earlier round of
    ``then_count`` respondents; ``now`` is 500 generated respondents, but the expected community
    role has not answered yet and 40 people skipped their first ten questions."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_combine import synthetic_answers

    rubric = load_rubric_spec(RUBRIC_ID)
    for name, count, seed, date in (("then", then_count, 5, "2026-11-05"), ("now", 500, 7, "2027-02-01")):
        chooser, side, blanked = random.Random(seed), folder / name, 0
        side.mkdir(parents=True)
        for index in range(count):
            answers = synthetic_answers(rubric, index, chooser)
            answers["date"] = date
            if name == "now":
                if answers["respondent"]["role"] == "community":
                    continue
                if blanked < 40:
                    for key in list(answers["answers"])[:10]:
                        del answers["answers"][key]
                    blanked += 1
            text = yaml.safe_dump(answers, sort_keys=False, allow_unicode=True)
            (side / f"respondent-{index + 1:04d}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("then_count", [50, 500])
def test_the_first_screen_of_a_re_assessment_holds_the_verdict_the_scores_and_the_first_action(
    tmp_path: Path, then_count: int
) -> None:
    """With --baseline, the line of what changed under the verdict took eleven lines (the bounds of
    the blanks, the rule-finding counts, the whole "Not the same group" sentence), and "What to do
    first" came at line 61 (the review "formats"). The line under the verdict says what changed and
    names what to read before any change; the explanations are in "Since the last assessment"."""
    _rounds(tmp_path, then_count)
    made = civdata_in(tmp_path, "report", "then", "-o", "then.json", "-q")
    assert made.returncode == 0, made.stderr
    for output in ("now.md", "now.html"):
        compared = civdata_in(tmp_path, "report", "now", "--baseline", "then.json", "-o", output, "-q")
        assert compared.returncode == 0, compared.stderr
    markdown = (tmp_path / "now.md").read_text(encoding="utf-8")
    lines = markdown.splitlines()
    first_screen = "\n".join(lines[:FIRST_SCREEN])
    for heading in ("## Verdict: ", "## Scores by area", "## What to do first"):
        assert heading in first_screen, (heading, first_screen)
    assert "Missing voices: nobody answered as Community" in " ".join(first_screen.split())
    scores = first_screen.split("## Scores by area")[1]
    for area in load_rubric_spec(RUBRIC_ID).areas:
        assert re.search(rf"^\| {re.escape(area.title)} \|", scores, re.MULTILINE), area.title
    # The first action starts on the first screen, with room to spare: most of it is read there.
    start = lines.index(next(line for line in lines if line.startswith("1. **")))
    assert start < FIRST_SCREEN - 3, "\n".join(lines[: start + 1])
    # Under the verdict: what changed, and that the groups differ; the why in full further down.
    verdict = markdown.split("## Scores by area")[0]
    since_line = verdict[verdict.index("- Since the last assessment") :].split("\n- ")[0]
    assert len(since_line.splitlines()) <= 4, since_line
    said = " ".join(verdict.split())
    assert "Since the last assessment (2026-11-05): verdict unchanged" in said, said
    assert "not the same group" in said.lower(), said
    assert "the baseline is on" not in said, said
    since = " ".join(markdown.split("## Since the last assessment")[1].split())
    assert "Not the same group: the baseline is on" in since, since[:1500]
    if then_count == 50:  # the change holds whatever the blanks would be: the bounds are said in full below
        assert "whatever the questions left blank would be); " in said, said
        assert "whatever the questions left blank would be: at least" in since, since[:1500]
    # The HTML report shares the structure: the same short line under its verdict.
    html = (tmp_path / "now.html").read_text(encoding="utf-8")
    html_verdict = html.split('<section id="verdict">')[1].split("</section>")[0]
    assert "not the same group" in html_verdict.lower() and "the baseline is on" not in html_verdict, html_verdict
    html_since = html.split('<section id="since">')[1].split("</section>")[0]
    assert "Not the same group: the baseline is on" in html_since, html_since[:1500]


# --- 4. The warning that a score rests on too few answers, in JSON and SARIF too ------------------

MINI_RUBRIC = ROOT / "tests" / "fixtures" / "mini-rubric.yaml"
THIN = "too few answers for this score to be relied on"


def _answers_leaving_out(folder: Path, *left_out: str) -> Path:
    """The mini rubric's example answers without ``left_out`` (the rubric's "ready" band asks for
    a coverage of 90%, its only ``min_coverage``)."""
    data = yaml.safe_load((ROOT / "tests" / "fixtures" / "mini-answers.yaml").read_text(encoding="utf-8"))
    data["answers"] = {key: value for key, value in data["answers"].items() if key not in left_out}
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("left_out", "thin"), [(("voice", "months"), True), ((), False)])
def test_json_and_sarif_say_when_the_score_rests_on_too_few_answers(
    tmp_path: Path, left_out: tuple[str, ...], thin: bool
) -> None:
    """Markdown, HTML, the terminal and the job summary said "too few answers for this score to be
    relied on" beside a score whose coverage is below every band's min_coverage; the JSON report
    and SARIF gave the score alone, and a dashboard fed from them could not tell (the review
    "formats": the JSON has neither the bands nor their min_coverage). The report model decides it
    once, every format reads it: ``overall.thin_coverage`` in JSON, ``thin_coverage`` beside
    ``overall`` in SARIF's run properties."""
    answers = _answers_leaving_out(tmp_path, *left_out)
    for output in ("r.md", "r.json", "r.sarif"):
        done = civdata_in(tmp_path, "report", answers, "-r", MINI_RUBRIC, "-o", output, "-q")
        assert done.returncode == 0, done.stderr
    markdown = " ".join((tmp_path / "r.md").read_text(encoding="utf-8").split())
    assert (THIN in markdown) is thin, markdown[:1500]
    document = report_document((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert document["overall"]["thin_coverage"] is thin, document["overall"]
    assert (document["coverage"]["percent"] < 90) is thin
    run = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert run["properties"]["overall"] == document["overall"]["percent"]
    assert run["properties"]["thin_coverage"] is thin, run["properties"]


def test_a_report_without_a_score_is_not_flagged_as_resting_on_too_few_answers(tmp_path: Path) -> None:
    """Nothing answered: there is no score to rely on or not, and no format says it of one."""
    answers = _answers_leaving_out(
        tmp_path, "sensitive", "threat-model", "voice", "safeguards", "confidence", "months", "comments"
    )
    done = civdata_in(tmp_path, "report", answers, "-r", MINI_RUBRIC, "-f", "json", "-q")
    assert done.returncode == 0, done.stderr
    document = report_document(done.stdout)
    assert document["overall"]["percent"] is None
    assert document["overall"]["thin_coverage"] is False
