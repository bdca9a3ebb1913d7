"""Progress over time, as a facilitator meets it: assess, keep the report and the plan, assess again
three months later with ``--baseline``, and see in every format what got better, what got worse
and what is still to do.

The scenario (written before the feature ran): the county's lead organisation answered again on
2027-01-14 (examples/county-justice-three-months-later/lead.yaml). Three answers improved (the
agreement is now signed by all, the ethics board reviewed the study, the community panel reviewed
the threat model), one got worse (records are now kept indefinitely). So:

* "Stakeholders and power" (all three improvements) is better; "Protecting people" (retention) is
  worse; every other area is unchanged; the overall score is better;
* the findings of the three improved answers are resolved; the low finding of the old retention
  answer is replaced by the high one of the new answer (not resolved: the question is still a
  matter, and worse), so nothing is new;
* exactly those four answers changed, each with its new note;
* ``--fail-on-regression scores`` fails (an area is down), ``--fail-on-regression high`` fails
  (the finding raised in place of the old one is high), ``--fail-on-regression critical`` passes;
* in the plan file kept since, the sharing-agreement action marked done is done (its finding is
  gone); the partner-power action marked done is "marked done, but the finding is still there"
  (nothing changed there), and so is the retention action: its old finding is gone, but the new
  answer raises a worse one on the same question.
"""

from __future__ import annotations

import csv
import html.parser
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from civdata.progress import _look_alikes
from tests.conftest import ROOT, assert_golden, civdata_command, resealed, unwrapped
from tests.report_schema import report_document

EXAMPLE = ROOT / "examples" / "county-justice"
BEFORE = EXAMPLE / "lead.yaml"
AFTER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
GOLDEN = ROOT / "tests" / "golden" / "progress"

EXPECTED_BETTER = {"stakeholders-and-power"}
EXPECTED_WORSE = {"protecting-people"}
# The three improved answers' findings. The low finding of the old retention answer is gone too, but
# a high one of the new answer is raised in its place: replaced, not resolved, and not new.
EXPECTED_RESOLVED = {
    "sharing-agreement:signed-by-some",
    "ethics-review:planned",
    "threat-model:written-internal",
}
EXPECTED_REPLACED = [("retention:written-schedule", "retention:indefinite", "worse")]
EXPECTED_RAISED = {"retention:indefinite"}
EXPECTED_CHANGED_ANSWERS = ["sharing-agreement", "ethics-review", "threat-model", "retention"]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=120
    )


@pytest.fixture(scope="module")
def progress_json(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("progress")
    result = run("report", AFTER, "--baseline", BEFORE, "-o", folder / "report.json")
    assert result.returncode == 0, result.stderr
    return report_document((folder / "report.json").read_text(encoding="utf-8"))


def test_areas_that_improved_and_the_one_that_got_worse(progress_json: dict) -> None:
    areas = {item["id"]: item for item in progress_json["progress"]["areas"]}
    assert {key for key, item in areas.items() if item["trend"] == "better"} == EXPECTED_BETTER
    assert {key for key, item in areas.items() if item["trend"] == "worse"} == EXPECTED_WORSE
    assert {key for key, item in areas.items() if item["trend"] == "same"} == set(
        areas
    ) - EXPECTED_BETTER - EXPECTED_WORSE
    for item in areas.values():
        assert item["change"] == round(item["after"] - item["before"], 1)
    overall = progress_json["progress"]["overall"]
    assert overall["trend"] == "better" and overall["after"] > overall["before"]


def test_findings_resolved_new_and_still_open(progress_json: dict) -> None:
    findings = progress_json["progress"]["findings"]
    assert {item["id"] for item in findings["resolved"]} == EXPECTED_RESOLVED
    assert findings["new"] == []
    replaced = [(item["before"]["id"], item["after"]["id"], item["trend"]) for item in findings["replaced"]]
    assert replaced == EXPECTED_REPLACED
    current = {item["id"] for item in progress_json["findings"]}
    assert {item["id"] for item in findings["still_open"]} == current - EXPECTED_RAISED
    assert progress_json["progress"]["not_compared"] == []


def test_answers_that_changed_with_their_notes(progress_json: dict) -> None:
    answers = progress_json["progress"]["answers"]
    assert [item["question"] for item in answers] == EXPECTED_CHANGED_ANSWERS
    retention = answers[-1]
    assert retention["before"]["value"] == "written-schedule" and retention["after"]["value"] == "indefinite"
    assert retention["after"]["note"].startswith("The new case-management vendor")
    assert all(item["respondent"] is None for item in answers)


@pytest.mark.parametrize(
    ("gate", "code", "says"),
    [
        ("scores", 1, "Protecting people"),
        ("high", 1, "kept indefinitely"),
        ("critical", 0, "no finding at or above 'critical' new or more severe than then"),
    ],
)
def test_fail_on_regression(tmp_path: Path, gate: str, code: int, says: str) -> None:
    result = run("report", AFTER, "--baseline", BEFORE, "--fail-on-regression", gate, "-o", tmp_path / "r.json")
    assert result.returncode == code, result.stderr
    gates = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["gates"]
    check = next(item for item in gates["checks"] if item["gate"] == "--fail-on-regression")
    assert check["passed"] is (code == 0)
    assert says.lower() in check["reason"].lower()
    if code:
        assert "gate failed: --fail-on-regression" in result.stderr


def test_both_regression_gates_at_once(tmp_path: Path) -> None:
    result = run(
        "report", AFTER, "--baseline", BEFORE, "--fail-on-regression", "scores", "--fail-on-regression", "critical"
    )
    assert result.returncode == 1
    assert result.stderr.count("gate failed: --fail-on-regression") == 1


def test_regression_gate_needs_a_baseline_and_a_known_value() -> None:
    without = run("report", AFTER, "--fail-on-regression", "scores")
    assert without.returncode == 2 and "needs --baseline" in without.stderr
    wrong = run("report", AFTER, "--baseline", BEFORE, "--fail-on-regression", "score")
    assert wrong.returncode == 2 and "did you mean 'scores'" in wrong.stderr.lower()


TICKED = ("question:sharing-agreement", "question:partner-power", "question:retention")


def _ticked_plan(tmp_path: Path, kind: str) -> Path:
    """The plan of the first assessment, as a team would keep it: two actions ticked off."""
    plan = tmp_path / f"plan.{kind}"
    result = run("report", BEFORE, "-o", tmp_path / "first.md", "--plan", plan)
    assert result.returncode == 0, result.stderr
    if kind == "yaml":
        text = plan.read_text(encoding="utf-8")
        for action in TICKED:
            start = text.index(f"id: {action}\n") if f"id: {action}\n" in text else text.index(f'id: "{action}"')
            at = text.index("done: false", start)
            text = text[:at] + "done: true" + text[at + len("done: false") :]
        plan.write_text(text, encoding="utf-8")
    else:
        rows = list(csv.reader(plan.read_text(encoding="utf-8").splitlines()))
        for row in rows[1:]:
            if row[0] in TICKED:
                row[-1] = "x"
        with plan.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    return plan


@pytest.mark.parametrize("kind", ["yaml", "csv"])
def test_actions_ticked_off_in_the_plan(tmp_path: Path, kind: str) -> None:
    plan = _ticked_plan(tmp_path, kind)
    result = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "-o", tmp_path / "again.json")
    assert result.returncode == 0, result.stderr
    checks = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))["progress"]["plan"]
    assert {item["id"]: item["state"] for item in checks} == {
        "question:sharing-agreement": "done",
        "question:partner-power": "marked-done-still-there",
        "question:retention": "marked-done-still-there",
    }
    retention = next(item for item in checks if item["id"] == "question:retention")
    assert retention["open_findings"] == ["retention:indefinite"]
    markdown = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "-f", "markdown").stdout
    assert "marked done, but the finding is still there" in markdown


def test_the_plan_file_is_never_written_over_an_input(tmp_path: Path) -> None:
    answers = tmp_path / "lead.yaml"
    answers.write_bytes(BEFORE.read_bytes())
    result = run("report", answers, "--plan", answers)
    assert result.returncode == 2
    assert answers.read_bytes() == BEFORE.read_bytes()
    other = tmp_path / "other.yaml"
    other.write_bytes(AFTER.read_bytes())
    refused = run("report", answers, "--plan", other)
    assert refused.returncode == 2 and "not an action plan" in refused.stderr
    assert other.read_bytes() == AFTER.read_bytes()
    plan = _ticked_plan(tmp_path, "yaml")
    kept = plan.read_bytes()
    again = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "--plan", plan)
    assert again.returncode == 2 and plan.read_bytes() == kept


def test_a_plan_beside_the_answers_is_left_out_of_a_folder_report(tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "lead.yaml").write_bytes(BEFORE.read_bytes())
    first = run("report", folder, "--plan", folder / "plan.yaml", "-o", tmp_path / "first.md")
    assert first.returncode == 0, first.stderr
    again = run("report", folder, "-f", "json")
    assert again.returncode == 0, again.stderr
    assert "skipped" in again.stderr and "an action plan" in again.stderr
    checked = run("check", folder)
    assert checked.returncode == 0, checked.stderr


def test_hostile_plan_text_stays_text(tmp_path: Path) -> None:
    """A recommendation that looks like a formula or YAML stays text in both plan files."""
    from dataclasses import replace

    from civdata.answers_loader import load_answers
    from civdata.inputs import load_rubric_spec
    from civdata.plan import plan_csv, plan_rows_from_csv, plan_rows_from_yaml, plan_yaml
    from civdata.reporting import build_report
    from civdata.yamlsource import read_yaml_file

    rubric = load_rubric_spec(None)
    report = build_report(rubric, [load_answers(BEFORE, rubric)]).model
    hostile = '=HYPERLINK("http://x")\n- id: evil\n  done: true # "\u202e'
    report = replace(report, actions=(replace(report.actions[0], text=hostile),))
    csv_file, yaml_file = tmp_path / "p.csv", tmp_path / "p.yaml"
    csv_file.write_text(plan_csv(report), encoding="utf-8")
    yaml_file.write_text(plan_yaml(report, tool_version="t", generated_on="d"), encoding="utf-8")
    cells = list(csv.reader(csv_file.read_text(encoding="utf-8").splitlines()))
    assert cells[1][1].startswith("'=") and len(cells) == 2
    assert [row.id for row in plan_rows_from_csv(csv_file.read_bytes(), "p.csv")] == [report.actions[0].id]
    document, problems = read_yaml_file(yaml_file)
    assert problems == []
    rows = plan_rows_from_yaml(document)
    assert [(row.id, row.text, row.done) for row in rows] == [(report.actions[0].id, hostile, False)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "format: 1\nkind: civdata-action-plan\nactions:\n  - id: question:a\n    done: yes\n",
            ":5:11: `done` must be true or false",
        ),
        ("format: 1\nkind: civdata-action-plan\nactions:\n  - done: true\n", ":4:5: `id` must be"),
        (
            "format: 1\nkind: civdata-action-plan\nactions:\n  - {id: a, done: true}\n  - {id: a, done: false}\n",
            ":5:10: the action 'a' is listed twice",
        ),
        (
            "format: 1\nkind: civdata-action-plan\nabout: {initiative: [x], rubric: 3}\nactions: []\n",
            ":3:1: `about` must name the plan's `initiative` and `rubric`",
        ),
    ],
)
def test_a_broken_plan_file_is_refused_at_its_line(tmp_path: Path, content: str, message: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(content, encoding="utf-8")
    result = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan)
    assert result.returncode == 2
    assert f"{plan}{message}" in result.stderr


def test_a_broken_csv_plan_is_refused_at_its_cell(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text("id,text,done\nquestion:a,x,false\nquestion:b,y,maybe\n", encoding="utf-8")
    result = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan)
    assert result.returncode == 2
    assert f"{plan}:3:3: `done` is 'maybe'" in result.stderr


def test_every_format_says_the_progress_near_the_top(tmp_path: Path) -> None:
    """The terminal summary shows the scores then and now under its box. The Markdown and HTML
    reports open with the verdict (and a line of what changed), the scores by area and what to do
    first, as every report does, then the whole comparison: before the verdict it took ~65 lines
    and pushed the scores past the first screen."""
    text = run("report", AFTER, "--baseline", BEFORE, "-f", "text").stdout
    assert text.index("Since the last assessment") < text.index("Area")
    markdown = run("report", AFTER, "--baseline", BEFORE, "-f", "markdown").stdout
    order = ["## Verdict", "- Since the last assessment", "## Scores by area", "## What to do first"]
    order.append("## Since the last assessment")
    assert [markdown.index(heading) for heading in order] == sorted(markdown.index(heading) for heading in order)
    assert "overall score 55.5 → 58 (▲ +2.5 better)" in unwrapped(markdown), markdown[:3000]
    summary = run("report", AFTER, "--baseline", BEFORE, "-f", "summary").stdout
    assert "### Since the last assessment" in summary and "▼" in summary
    sarif = json.loads(run("report", AFTER, "--baseline", BEFORE, "-f", "sarif").stdout)
    states = {item["ruleId"]: item.get("baselineState") for item in sarif["runs"][0]["results"]}
    assert states["retention:indefinite"] == "new"
    assert {states[key] for key in states if key != "retention:indefinite" and not key.startswith("unanswered")} <= {
        "unchanged"
    }
    page = run("report", AFTER, "--baseline", BEFORE, "-f", "html").stdout
    sections = re.findall(r'<section id="([\w-]+)">', page)
    assert sections[:4] == ["verdict", "scores", "first", "since"], sections
    assert "overall score 55.5 → 58 (▲ +2.5 better)" in page
    _parse_html(page)


def _parse_html(page: str) -> None:
    class Parser(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in {"meta", "br", "img", "input", "link", "hr", "col"} and not tag.startswith(("path", "rect")):
                self.stack.append(tag)

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            pass

        def handle_endtag(self, tag: str) -> None:
            if tag in {"meta", "br", "img"}:
                return
            assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
            self.stack.pop()

    parser = Parser()
    parser.feed(page)
    assert parser.stack == []


def test_baseline_of_a_combined_report_without_answers_says_so(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    assert run("report", EXAMPLE, "-o", old).returncode == 0
    result = run("report", EXAMPLE, "--baseline", old, "-f", "json")
    progress = json.loads(result.stdout)["progress"]
    assert progress["answers"] == []
    assert any("does not hold them" in sentence for sentence in progress["not_compared"])
    detailed = tmp_path / "detailed.json"
    assert run("report", EXAMPLE, "--detail", "-o", detailed).returncode == 0
    same = json.loads(run("report", EXAMPLE, "--baseline", detailed, "-f", "json").stdout)["progress"]
    assert same["not_compared"] == [] and same["answers"] == []
    assert {item["trend"] for item in same["areas"]} == {"same"}


def test_an_older_rubric_version_is_matched_through_its_changes(tmp_path: Path) -> None:
    """A baseline report written for 1.0.0: everything that rests on a question changed in 1.1.0 or
    1.2.0 is not compared and said so; what rests on unchanged questions is compared."""
    old = tmp_path / "old.json"
    assert run("report", BEFORE, "-o", old).returncode == 0
    data = json.loads(old.read_text(encoding="utf-8"))
    data["rubric"]["version"] = "1.0.0"
    old.write_text(json.dumps(resealed(data)), encoding="utf-8")
    progress = json.loads(run("report", AFTER, "--baseline", old, "-f", "json").stdout)["progress"]
    assert progress["baseline"]["rubric_version"] == "1.0.0"
    changed_areas = [item for item in progress["areas"] if item["trend"] == "not-compared"]
    assert changed_areas and all("changed since version 1.0.0" in item["reason"] for item in changed_areas)
    assert progress["overall"]["trend"] == "not-compared"
    assert any("changed, were added or were removed since" in sentence for sentence in progress["not_compared"])
    # Only two questions are unchanged since 1.0.0, both text, and the lead answered them the same way.
    assert progress["answers"] == []
    assert any(re.match(r"answers to \d+ questions that changed", sentence) for sentence in progress["not_compared"])
    # in-house-skills, the last question with a finding unchanged since 1.0.0, changed in 1.2.0 (an
    # "I don't know" added): no finding is left to compare.
    # (Expectation widened on purpose when the JSON began to list the findings not compared: every
    # finding of either report is there now, and in none of the other lists.)
    findings = progress["findings"]
    compared = ("resolved", "replaced", "new", "still_open", "severity_changed", "stated_now", "stated_then")
    assert {key: findings[key] for key in compared} == {key: [] for key in compared}
    listed_now = json.loads(run("report", AFTER, "-f", "json").stdout)["findings"]
    listed = {finding["id"] for finding in (*data["findings"], *listed_now)}
    assert listed <= set(findings["not_compared"])


def test_a_version_that_changed_no_question_adds_nothing_to_what_is_not_compared(tmp_path: Path) -> None:
    """1.1.1 only added act_by to findings; its changes list no question, so a 1.1.0 report is
    compared as a 1.1.1 one is: all but what rests on in-house-skills, the one question 1.2.0
    changed (its area, the overall score, its finding and its answer)."""
    old = tmp_path / "old.json"
    assert run("report", BEFORE, "-o", old).returncode == 0
    data = json.loads(old.read_text(encoding="utf-8"))
    progress_by_version = {}
    for version in ("1.1.0", "1.1.1"):
        data["rubric"]["version"] = version
        old.write_text(json.dumps(resealed(data)), encoding="utf-8")
        progress = json.loads(run("report", AFTER, "--baseline", old, "-f", "json").stdout)["progress"]
        assert progress["baseline"]["rubric_version"] == version
        not_compared = [item["id"] for item in progress["areas"] if item["trend"] == "not-compared"]
        assert not_compared == ["funding-and-lifecycle"]
        assert progress["overall"]["trend"] == "not-compared"
        assert progress["not_compared"][1:] == [
            f"1 finding about questions that changed since version {version} is not compared",
            f"answers to 1 question that changed since version {version} are not compared",
        ]
        assert progress["findings"]["new"] == []
        assert [item["after"]["id"] for item in progress["findings"]["replaced"]] == list(EXPECTED_RAISED)
        findings = progress["findings"]
        listed = {item["id"] for key in ("resolved", "new", "still_open") for item in findings[key]}
        listed |= {side["id"] for item in findings["replaced"] for side in (item["before"], item["after"])}
        assert "in-house-skills:2" not in listed
        assert [item["question"] for item in progress["answers"]] == EXPECTED_CHANGED_ANSWERS
        progress_by_version[version] = {key: value for key, value in progress.items() if key != "baseline"}
    first, second = progress_by_version.values()
    assert json.dumps(first).replace("1.1.0", "1.1.1") == json.dumps(second)


def test_a_baseline_that_cannot_be_compared_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    assert run("report", BEFORE, "-o", old).returncode == 0
    data = json.loads(old.read_text(encoding="utf-8"))
    newer = dict(data, rubric=dict(data["rubric"], version="9.0.0"))
    other = dict(data, rubric=dict(data["rubric"], id="another-rubric"))
    for name, content, says in (("newer.json", newer, "newer than"), ("other.json", other, "same rubric")):
        (tmp_path / name).write_text(json.dumps(resealed(content)), encoding="utf-8")
        result = run("report", AFTER, "--baseline", tmp_path / name)
        assert result.returncode == 2 and says in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"report_format": 2, "kind": "single", "kind": "combined"}', encoding="utf-8")
    result = run("report", AFTER, "--baseline", broken)
    assert result.returncode == 2 and f"{broken}:1:" in result.stderr


def test_markdown_progress_golden(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    relative = [path.relative_to(ROOT) for path in (AFTER, BEFORE)]
    assert run("report", relative[0], "--baseline", relative[1], "-o", out, cwd=ROOT).returncode == 0
    text = out.read_text(encoding="utf-8")
    start = text.index("## Since the last assessment")
    end = text.index("\n## ", start + 1)
    # The section alone, under the report's title, as a page the Markdown linters can read too.
    assert_golden(text[: text.index("\n")] + "\n\n" + text[start:end].rstrip() + "\n", GOLDEN / "since.md")
    assert (tmp_path / "report.progress.svg").read_text(encoding="utf-8").startswith("<svg")


def test_history_of_three_reports(tmp_path: Path) -> None:
    """Three dated reports in the wrong order: a table in date order, and a picture."""
    first, second = tmp_path / "2026-10.json", tmp_path / "2027-01.json"
    assert run("report", BEFORE, "-o", first).returncode == 0
    assert run("report", AFTER, "-o", second).returncode == 0
    third = tmp_path / "2027-04.json"
    data = json.loads(second.read_text(encoding="utf-8"))
    data["respondents"][0]["answered_on"] = "2027-04-20"
    third.write_text(json.dumps(resealed(data)), encoding="utf-8")
    out = tmp_path / "history.md"
    result = run("history", third, first, second, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("| |"))
    assert header == "| | 2026-10-14 | 2027-01-14 | 2027-04-20 |"
    assert "![Line chart of the scores by area over time](history.history.svg)" in text
    svg = (tmp_path / "history.history.svg").read_text(encoding="utf-8")
    assert "Protecting people" in svg and "2027-04-20" in svg
    page = run("history", first, second, third, "-o", tmp_path / "history.html")
    assert page.returncode == 0
    _parse_html((tmp_path / "history.html").read_text(encoding="utf-8"))
    assert run("history", first, second, third, "-o", tmp_path / "h.json").returncode == 0
    document = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert [point["assessed_on"] for point in document["points"]] == ["2026-10-14", "2027-01-14", "2027-04-20"]


def test_history_refuses_reports_that_do_not_belong_together(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    assert run("report", BEFORE, "-o", first).returncode == 0
    twice = run("history", first, first)
    assert twice.returncode == 2 and "both dated" in twice.stderr
    one = run("history", first)
    assert one.returncode == 2 and "at least two" in one.stderr


def test_history_takes_names_that_are_the_same_in_unicode_as_one_initiative(tmp_path: Path) -> None:
    """Two reports naming the initiative with composed and decomposed accents are of one
    initiative, as in a combined report; a name that is really another is still refused."""
    first, second = tmp_path / "2026-10.json", tmp_path / "2027-01.json"
    assert run("report", BEFORE, "-o", first).returncode == 0
    assert run("report", AFTER, "-o", second).returncode == 0
    name = "Rede Comunitária São João"
    for path, written in ((first, unicodedata.normalize("NFC", name)), (second, unicodedata.normalize("NFD", name))):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["initiative"] = written
        path.write_text(json.dumps(resealed(data)), encoding="utf-8")
    result = run("history", first, second)
    assert result.returncode == 0, result.stderr
    data = json.loads(second.read_text(encoding="utf-8"))
    data["initiative"] = "Rede Comunitária São Jorge"
    second.write_text(json.dumps(resealed(data)), encoding="utf-8")
    other = run("history", first, second)
    assert other.returncode == 2 and "a history is of one initiative" in other.stderr


#: What to give instead of a file that is not a JSON report, as every such problem ends.
MAKE_A_REPORT = "`civdata report ANSWERS -f json -o report.json`"


def _other_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Files a history or a baseline may be given by mistake, made by civdata, each with the one
    problem it must give, from the top of the file."""
    made = {"sarif": "report.sarif.json", "codequality": "report.cq.json"}
    for kind, name in made.items():
        assert run("report", BEFORE, "-f", kind, "-o", tmp_path / name).returncode == 0
    for plan in ("plan.yaml", "plan.csv"):
        assert run("report", BEFORE, "-o", tmp_path / "r.md", "--plan", tmp_path / plan).returncode == 0
    answers = tmp_path / "a-2026-01-15.yaml"
    answers.write_bytes(BEFORE.read_bytes())
    rubric = ROOT / "rubrics" / "civil-society-data-readiness.yaml"
    return {
        "answers": (
            answers,
            f"{answers}:{_top(answers)}:1: this is an answers file, not a JSON report; write its JSON report with "
            f"`civdata report {answers} -f json -o report.json` and give that",
        ),
        "rubric": (
            rubric,
            f"{rubric}:{_top(rubric)}:1: this is a rubric, not a JSON report; a rubric is given with --rubric, "
            f"and here a JSON report: {MAKE_A_REPORT}",
        ),
        "sarif": (
            tmp_path / made["sarif"],
            f"{tmp_path / made['sarif']}:1:1: this is a SARIF report (-f sarif), which holds no scores; "
            f"give the JSON report: {MAKE_A_REPORT}",
        ),
        "codequality": (
            tmp_path / made["codequality"],
            f"{tmp_path / made['codequality']}:1:1: this is a GitLab Code Quality report (-f codequality), which "
            f"holds no scores; give the JSON report: {MAKE_A_REPORT}",
        ),
        "plan": (
            tmp_path / "plan.yaml",
            f"{tmp_path / 'plan.yaml'}:{_top(tmp_path / 'plan.yaml')}:1: this is an action plan (--plan), not a "
            f"JSON report; give the JSON report: {MAKE_A_REPORT} (a plan kept since a baseline goes with "
            "--baseline-plan)",
        ),
        "plan.csv": (
            tmp_path / "plan.csv",
            f"{tmp_path / 'plan.csv'}:1:1: this is an action plan (--plan), not a JSON report; give the JSON report: "
            f"{MAKE_A_REPORT} (a plan kept since a baseline goes with --baseline-plan)",
        ),
    }


def _top(path: Path) -> int:
    """The line a YAML file's mapping starts on, after its comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line and not line.startswith(("#", "---")))


def test_history_says_what_a_file_is_when_it_is_not_a_json_report(tmp_path: Path) -> None:
    """`--baseline` takes answers files, so giving them to history is the obvious mistake; it was
    told as twenty-five 'missing' keys of the report schema, and a SARIF file as twenty-one."""
    report = tmp_path / "r-2025-12-01.json"
    assert run("report", BEFORE, "-o", report).returncode == 0
    others = _other_files(tmp_path)
    for kind, (path, problem) in others.items():
        result = run("history", report, path)
        assert result.returncode == 2, kind
        assert result.stderr.splitlines() == [problem, "civdata: 1 problem found; nothing was written"], kind
    every = run("history", *(path for path, _ in others.values()))
    assert every.returncode == 2
    assert every.stderr.splitlines()[:-1] == sorted(problem for _, problem in others.values())


def test_a_broken_json_report_still_gives_its_schema_problems(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    assert run("report", BEFORE, "-o", report).returncode == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    del data["report_format"], data["verdict"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = run("history", report, broken)
    assert result.returncode == 2
    assert result.stderr.splitlines()[:-1] == [
        f"{broken}:1:1: the file is missing 'report_format'",
        f"{broken}:1:1: the file is missing 'verdict'",
    ]


def test_a_baseline_says_what_a_file_is_and_takes_answers_saved_as_json(tmp_path: Path) -> None:
    """--baseline reads one .json file as a report, else answers: answers saved as JSON, which
    `civdata report` reads, are read as answers there too; SARIF and Code Quality are told as such."""
    others = _other_files(tmp_path)
    for kind in ("sarif", "codequality"):
        path, problem = others[kind]
        result = run("report", AFTER, "--baseline", path, "-f", "json")
        assert result.returncode == 2, kind
        assert result.stderr.splitlines() == [problem, "civdata: 1 problem found; nothing was written"], kind
    as_json = tmp_path / "lead.json"
    as_json.write_text(json.dumps(yaml_data(BEFORE)), encoding="utf-8")
    assert run("report", as_json, "-f", "json").returncode == 0  # report reads answers saved as JSON
    result = run("report", AFTER, "--baseline", as_json, "-f", "json")
    assert result.returncode == 0, result.stderr
    from_json = json.loads(result.stdout)["progress"]
    from_yaml = json.loads(run("report", AFTER, "--baseline", BEFORE, "-f", "json").stdout)["progress"]
    assert (from_json["baseline"].pop("source"), from_yaml["baseline"].pop("source")) == (str(as_json), str(BEFORE))
    assert from_json == from_yaml


def yaml_data(path: Path) -> object:
    from civdata.yamlsource import read_yaml_file

    document, problems = read_yaml_file(path)
    assert problems == []
    return document.data


def test_what_to_do_first_is_the_top_of_the_action_plan(progress_json: dict, tmp_path: Path) -> None:
    """One home: the first actions every format shows are the action plan's first rows above info."""
    from civdata.answers_loader import load_answers
    from civdata.inputs import load_rubric_spec
    from civdata.render.common import first_actions
    from civdata.reporting import build_report

    rubric = load_rubric_spec(None)
    report = build_report(rubric, [load_answers(AFTER, rubric)]).model
    assert first_actions(report) == [action for action in report.actions if action.severity.value != "info"][:5]
    markdown = unwrapped(run("report", AFTER, "-f", "markdown").stdout)
    start = markdown.index("## What to do first")
    first = markdown[start : markdown.index("\n## ", start)]
    for action in first_actions(report):
        assert action.text.split(".")[0] in first
    plan = markdown[markdown.index("## Action plan") :]
    assert all(action.id in plan for action in report.actions)


HOSTILE = "<script>alert(1)</script> [link=https://evil.example]x[/link] \x1b[31m# Heading\n| cell | @everyone \u202e"


def test_hostile_text_in_a_baseline_is_escaped_in_every_format(tmp_path: Path) -> None:
    """A baseline report is a file from elsewhere: its titles, verdict and notes are escaped like any."""
    old = tmp_path / "old.json"
    assert run("report", BEFORE, "-o", old).returncode == 0
    data = json.loads(old.read_text(encoding="utf-8"))
    data["findings"][0]["title"] = HOSTILE
    data["verdict"]["label"] = HOSTILE
    # A verdict the rubric has is shown with the rubric's label (in the report's language); one it
    # does not have (of an older version) as the baseline wrote it, which is what is tested here.
    data["verdict"]["id"] = "withdrawn-since"
    data["areas"][-1]["questions"][-1]["note"] = HOSTILE
    data["areas"][-1]["questions"][-1]["value"] = "something else"
    # Made with another rubric file, so its figures are shown as written: one made with this very
    # file is scored again from its answers, and refused when edited (test_baseline_rescored.py).
    data["rubric"]["sha256"] = "0" * 64
    old.write_text(json.dumps(resealed(data)), encoding="utf-8")  # sealed again, as anyone can
    markdown = run("report", AFTER, "--baseline", old, "-f", "markdown").stdout
    # The verdict then is in the line under the verdict and in the section in full; neither lets it
    # out (this read the text before "## Verdict", which was the section until it moved below).
    assert markdown.count("script") >= 2, markdown
    assert "<script>" not in markdown and "\x1b" not in markdown and "\u202e" not in markdown
    assert "\n# Heading" not in markdown and "| cell |" not in markdown
    page = run("report", AFTER, "--baseline", old, "-f", "html").stdout
    assert "<script>" not in page and "&lt;script&gt;" in page
    _parse_html(page)
    text = run("report", AFTER, "--baseline", old, "-f", "text").stdout
    assert "\x1b" not in text and "\u202e" not in text
    assert "[link=https://evil.example" in text  # the verdict then, shown as typed, never read as markup
    summary = run("report", AFTER, "--baseline", old, "-f", "summary").stdout
    assert "<script>" not in summary and "\x1b" not in summary


def test_an_anonymized_report_names_nobody_from_its_baseline(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    assert run("report", EXAMPLE, "--detail", "-o", old).returncode == 0
    folder = tmp_path / "now"
    folder.mkdir()
    (folder / "lead.yaml").write_bytes(AFTER.read_bytes())
    (folder / "funder.yaml").write_bytes((EXAMPLE / "funder.yaml").read_bytes())
    result = run("report", folder, "--baseline", old, "--anonymize", "-f", "json")
    assert result.returncode == 0, result.stderr
    for name in ("Dana Okafor", "Priya Raman", "Marcus Bell"):
        assert name not in result.stdout
    progress = json.loads(result.stdout)["progress"]
    assert any("by role only (--anonymize)" in sentence for sentence in progress["not_compared"])
    assert progress["answers"] == []
    assert str(old) not in result.stdout and progress["baseline"]["source"].startswith("the baseline")


def test_history_marks_scores_of_an_older_rubric_version(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("report", BEFORE, "-o", first).returncode == 0
    assert run("report", AFTER, "-o", second).returncode == 0
    data = json.loads(first.read_text(encoding="utf-8"))
    data["rubric"]["version"] = "1.0.0"
    first.write_text(json.dumps(resealed(data)), encoding="utf-8")
    out = tmp_path / "h.json"
    assert run("history", second, first, "-o", out).returncode == 0
    points = json.loads(out.read_text(encoding="utf-8"))["points"]
    assert [point["rubric_version"] for point in points] == [
        "1.0.0",
        json.loads(second.read_text())["rubric"]["version"],
    ]
    old = points[0]["scores"]
    assert not old["overall"]["comparable"] and "could not be compared" in old["overall"]["reason"]
    assert all(cell["comparable"] for cell in points[1]["scores"].values())
    text = run("history", first, second, "-f", "x").stderr
    assert "No such option" in text or "no such option" in text.lower()
    markdown = unwrapped(run("history", first, second).stdout)
    assert "55.5*" in markdown and "cannot be set beside those of rubric 1.2" in markdown


def test_a_checklist_compares_findings_and_answers_but_no_score(tmp_path: Path) -> None:
    rubric = ROOT / "examples" / "rubrics" / "deon-checklist.yaml"
    after = ROOT / "examples" / "rubrics" / "answers" / "deon-mostly-done.yaml"
    # The two examples are of two initiatives: the answers with gaps, as the same food bank's earlier ones
    # (dated before the others: a baseline dated later is refused).
    text = (ROOT / "examples" / "rubrics" / "answers" / "deon-with-gaps.yaml").read_text(encoding="utf-8")
    before = tmp_path / "food-bank-earlier.yaml"
    before.write_text(
        text.replace("Eastside Tenants Union eviction-risk map", "Harbour Food Bank Network demand forecast").replace(
            'date: "2026-11-01"', 'date: "2026-09-01"'
        ),
        encoding="utf-8",
    )
    assert before.read_text(encoding="utf-8") != text
    result = run("report", after, "-r", rubric, "--baseline", before, "-f", "json")
    assert result.returncode == 0, result.stderr
    progress = json.loads(result.stdout)["progress"]
    assert {item["trend"] for item in (*progress["areas"], progress["overall"])} == {"not-compared"}
    assert progress["overall"]["reason"] == "the rubric is a checklist: nothing is scored"
    assert progress["findings"]["resolved"] and progress["answers"]
    gate = run("report", after, "-r", rubric, "--baseline", before, "--fail-on-regression", "scores")
    assert gate.returncode == 2 and "checklist" in gate.stderr
    markdown = run("report", after, "-r", rubric, "--baseline", before, "-f", "markdown").stdout
    start = markdown.index("## Since the last assessment")
    since = markdown[start : markdown.index("\n## ", start)]
    assert "| Verdict |" in since and "Overall" not in since


@pytest.mark.slow
def test_the_progress_page_in_a_headless_browser(tmp_path: Path) -> None:
    """The HTML report with its progress section and the picture then and now is not blank in a real
    browser, and prints."""
    from tests.test_html_report import find_browser, png_pixels

    browser = find_browser()
    if browser is None or "firefox" in Path(browser).name:
        pytest.skip("no headless Chromium installed; install Debian's chromium package to run this test")
    page = tmp_path / "progress.html"
    assert run("report", AFTER, "--baseline", BEFORE, "-o", page).returncode == 0
    common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}"]
    screenshot, pdf = tmp_path / "shot.png", tmp_path / "progress.pdf"
    subprocess.run(
        [browser, *common, f"--screenshot={screenshot}", "--window-size=900,1400", page.as_uri()],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=True,
    )
    width, _, rows = png_pixels(screenshot.read_bytes())
    channels = len(rows[0]) // width
    pixels = [row[index : index + 3] for row in rows[::4] for index in range(0, len(row), channels * 4)]
    assert sum(1 for pixel in pixels if max(pixel) < 90) > len(pixels) // 100
    assert sum(1 for pixel in pixels if max(pixel) - min(pixel) > 80) > 20  # the lines of the picture, the badges
    subprocess.run(
        [browser, *common, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert pdf.read_bytes().startswith(b"%PDF")


# --- A wording-only PATCH release (outside review, 2026-12) ---------------------------------------

MINI_ANSWERS = ROOT / "tests" / "fixtures" / "mini-answers.yaml"
MINI_RUBRIC = ROOT / "tests" / "fixtures" / "mini-rubric.yaml"


def _mini_release(tmp_path: Path, version: str, *, keep_changes: bool = True) -> Path:
    """The mini rubric (1.2.0) released again as ``version`` with a new title and nothing else
    changed; ``keep_changes=False`` also drops its whole changelog."""
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    text = text.replace(
        "version: 1.2.0\ntitle: Mini rubric for tests", f"version: {version}\ntitle: Mini rubric, reworded"
    )
    if not keep_changes:
        text = text[: text.index("\nchanges:")] + "\n"
    path = tmp_path / f"mini-{version}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _mini_answers(tmp_path: Path, name: str, *, version: str = "1.2.0", voice: str = "consulted") -> Path:
    text = MINI_ANSWERS.read_text(encoding="utf-8")
    text = text.replace("version: 1.2.0}", f"version: {version}}}").replace("voice: consulted", f"voice: {voice}")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wording_only_patch_release_compares_everything(tmp_path: Path) -> None:
    """rubric-format.md: PATCH is for wording only, so 1.2.0 and 1.2.1 ask the same questions and a
    1.2.0 baseline is compared in full. Before the fix nothing was compared ("the rubric records no
    changes since 1.2.0"; "answers to 8 questions that changed") and both gates passed."""
    base = tmp_path / "base.json"
    assert run("report", MINI_ANSWERS, "-r", MINI_RUBRIC, "-f", "json", "-o", base).returncode == 0
    reworded = _mini_release(tmp_path, "1.2.1")
    same = json.loads(run("report", MINI_ANSWERS, "-r", reworded, "--baseline", base, "-f", "json").stdout)
    progress = same["progress"]
    assert progress["not_compared"] == [] and progress["answers"] == []
    assert {item["trend"] for item in (*progress["areas"], progress["overall"])} == {"same"}
    assert {item["id"] for item in progress["findings"]["still_open"]} == {
        "rule:sensitive-no-threat-model",
        "rule:short-funding-no-plan",
    }
    # The same baseline, and answers whose voice of data subjects got worse: both gates see it.
    worse = _mini_answers(tmp_path, "worse.yaml", voice="none")
    args = ("--fail-on-regression", "scores", "--fail-on-regression", "high")
    result = run("report", worse, "-r", reworded, "--baseline", base, *args, "-o", tmp_path / "worse.json")
    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "worse.json").read_text(encoding="utf-8"))
    assert [item["question"] for item in report["progress"]["answers"]] == ["voice"]
    assert [item["id"] for item in report["progress"]["findings"]["new"]] == ["voice:none"]
    assert [check["passed"] for check in report["gates"]["checks"] if check["gate"] == "--fail-on-regression"] == [
        False,
        False,
    ]


def test_a_gate_that_could_compare_nothing_says_so(tmp_path: Path) -> None:
    """progress.md: with no change recorded since the baseline's version only the verdict is
    compared. The regression gates then have nothing to judge: they pass, as documented (they fail
    on a compared score gone worse, a new finding), but their reason says that nothing could be
    compared, not "no compared score is worse"."""
    base = tmp_path / "base.json"
    assert run("report", MINI_ANSWERS, "-r", MINI_RUBRIC, "-f", "json", "-o", base).returncode == 0
    unrecorded = _mini_release(tmp_path, "1.3.0", keep_changes=False)
    answers = _mini_answers(tmp_path, "now.yaml", version="1.3.0")
    args = ("--fail-on-regression", "scores", "--fail-on-regression", "low")
    result = run("report", answers, "-r", unrecorded, "--baseline", base, *args, "-o", tmp_path / "now.json")
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))
    assert any("records no changes since 1.2.0" in sentence for sentence in report["progress"]["not_compared"])
    assert not any("questions that changed" in sentence for sentence in report["progress"]["not_compared"])
    reasons = [check["reason"] for check in report["gates"]["checks"] if check["gate"] == "--fail-on-regression"]
    assert reasons[0].startswith("no score could be compared with the baseline's")
    assert reasons[1].startswith("no finding could be compared with the baseline's")
    # A pass that judged nothing is said on standard error, not only in the report (2026-11-28):
    # a pipeline's log must not take a gate that looked at nothing for one that found nothing worse.
    said = [line for line in result.stderr.splitlines() if "without judging anything" in line]
    assert said == [
        f"civdata: warning: --fail-on-regression scores passed without judging anything: {reasons[0]}",
        f"civdata: warning: --fail-on-regression low passed without judging anything: {reasons[1]}",
    ]
    annotated = run(
        "report",
        answers,
        "-r",
        unrecorded,
        "--baseline",
        base,
        *args,
        "--annotations",
        "github",
        "-o",
        tmp_path / "a.md",
    )
    assert annotated.returncode == 0, annotated.stderr
    assert [line for line in annotated.stderr.splitlines() if "judged nothing" in line] == [
        "::warning title=civdata gate judged nothing%3A --fail-on-regression scores::" + reasons[0],
        "::warning title=civdata gate judged nothing%3A --fail-on-regression low::" + reasons[1],
    ]
    # Said once: the annotation is what the log shows, as for every other warning (2026-11-28).
    assert "without judging anything" not in annotated.stderr


# --- Respondents who cannot be told apart (outside review, 2026-12) -------------------------------


def _lead(folder: Path, file: str, sensitive: str, *, name: str = "", organisation: str = "") -> None:
    folder.mkdir(exist_ok=True)
    who = "".join(f"\n  {key}: {value}" for key, value in (("name", name), ("organisation", organisation)) if value)
    (folder / file).write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Unnamed leads\n"
        f"respondent:\n  role: lead{who}\ndate: '2026-11-01'\nanswers:\n  sensitive: '{sensitive}'\n",
        encoding="utf-8",
    )


def test_respondents_without_a_name_are_not_paired_by_their_place(tmp_path: Path) -> None:
    """Three leads gave no name or organisation, so the reports call them "Lead organisation 1", 2
    and 3 by their place. Then x (sensitive: yes) left; y and z changed nothing. Before the fix the
    comparison paired the labels and said "Lead organisation 1: yes → no", an answer nobody changed.
    Expected (progress.md): people are paired only by name, else organisation; the others are not
    compared person by person, and the report says so; the named and the organisation still are."""
    then, now = tmp_path / "then", tmp_path / "now"
    for folder, files in ((then, ("x", "y", "z")), (now, ("y", "z"))):
        for file in files:
            _lead(folder, f"{file}.yaml", "yes" if file == "x" else "no")
        _lead(folder, "sam.yaml", "no" if folder == then else "yes", name="Sam Ortiz")
        _lead(folder, "org.yaml", "no", organisation="Harbour Trust")
    result = run("report", now, "-r", MINI_RUBRIC, "--baseline", then, "-f", "json")
    assert result.returncode == 0, result.stderr
    progress = json.loads(result.stdout)["progress"]
    assert [(item["respondent"], item["question"]) for item in progress["answers"]] == [("Sam Ortiz", "sensitive")]
    unpaired = [sentence for sentence in progress["not_compared"] if "not compared person by person" in sentence]
    assert len(unpaired) == 1, progress["not_compared"]
    # Labels number every lead, named or not: x, y and z were leads 3 to 5 then, y and z 3 and 4 now.
    assert unpaired[0].endswith(
        ": Lead organisation 3, Lead organisation 4, Lead organisation 5 in the baseline; "
        "Lead organisation 3, Lead organisation 4 now"
    )
    # The combined comparison is not affected: its findings are still matched. One lead of five
    # answers the gate question `sensitive` apart from the others, then (x) and now (Sam). (Every
    # file leaves the threat model and the funding blank, which could be any answer: both rules
    # are raised then and now. Since blanks raise the finding of the riskiest answer they could be
    # (tests/test_blank_own_finding.py), so do the safeguards and the voice of data subjects left
    # blank in every file, then and now: still open, as the rules are. Among equally severe
    # findings, what answers show comes before what only may hold: the disagreement before the
    # findings that rest on blanks, tests/test_may_hold.py.)
    assert [item["id"] for item in progress["findings"]["still_open"]] == [
        "role:community",
        "safeguards:none",
        "rule:sensitive-no-threat-model",
        "divergence:sensitive",
        "voice:none",
        "rule:short-funding-no-plan",
    ]


def test_respondents_who_share_a_name_are_not_paired_by_their_place(tmp_path: Path) -> None:
    """Two leads both named Sam Ortiz then ("Sam Ortiz" and "Sam Ortiz (2)"), one now: which Sam
    is it? Neither pairing can be known, so none is made (before the fix, the first Sam's "yes"
    was shown as changed to the remaining Sam's "no"), and the one now is not called new."""
    then, now = tmp_path / "then", tmp_path / "now"
    _lead(then, "a.yaml", "yes", name="Sam Ortiz")
    _lead(then, "b.yaml", "no", name="Sam  ortiz")
    _lead(now, "b.yaml", "no", name="Sam Ortiz")
    _lead(now, "c.yaml", "no", organisation="Harbour Trust")
    progress = json.loads(run("report", now, "-r", MINI_RUBRIC, "--baseline", then, "-f", "json").stdout)["progress"]
    assert progress["answers"] == []
    # The critical rule was raised then on the first Sam's "yes" and a threat model left blank: not
    # resolved now, since it rested on a blank (a blank is never progress; this sentence came with
    # blanks raising findings as the riskiest answer would, tests/test_blank_own_finding.py).
    # This listed the rule alone: the blank's own finding it stated in its context (threat-model:unsure)
    # was left out of the comparison. A finding stated in a rule's context is raised as much as one
    # listed on its own (review 2026-11-27), and it too rested on the blank only. Since 2026-11-29
    # the sentence says how many of them the baseline states inside a rule's finding, not listed
    # on their own (a board counting the baseline's list of findings found fewer than said).
    assert progress["not_compared"] == [
        "2 findings (1 of them stated inside a rule's finding) raised then only on questions left blank then (a "
        "blank could be any answer) are not counted as resolved: rule:sensitive-no-threat-model and "
        "threat-model:unsure",
        "answers of respondents new since the baseline are not compared: Harbour Trust",
        next(sentence for sentence in progress["not_compared"] if "person by person" in sentence),
    ]
    assert progress["not_compared"][2].endswith(": Sam Ortiz, Sam  ortiz in the baseline; Sam Ortiz now")


# --- A baseline or a plan that is not of this initiative (outside review, 2027-01) ------------------

NEWSROOM = ROOT / "examples" / "newsroom-leak" / "answers.yaml"
DEON_ANSWERS = ROOT / "examples" / "rubrics" / "answers" / "deon-with-gaps.yaml"
DEON_RUBRIC = ROOT / "examples" / "rubrics" / "deon-checklist.yaml"


def _where(path: Path, text: str, *, value: bool = False) -> str:
    """``path:line:column`` of the first ``text`` in the file, or of the value written after it
    and one space (``text`` being a key and its colon)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            column = line.index(text) + 1
            return f"{path}:{number}:{column + len(text) + 1 if value else column}"
    raise AssertionError(f"{text!r} is not in {path}")


def _one_problem(result: subprocess.CompletedProcess[str]) -> str:
    """The one problem a refused run gives, after checking that it gave only that one."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[1:] == ["civdata: 1 problem found; nothing was written"], result.stderr
    return lines[0]


def test_a_baseline_of_another_kind_is_one_problem_whatever_its_ending(tmp_path: Path) -> None:
    """progress.md: a SARIF or Code Quality report, a rubric or a plan given as the baseline is
    refused with one problem that says what the file is. Before, only a file ending in .json was
    looked at: `lead.sarif` gave 8 problems of an answers file, a rubric 14 (18 for the bundled
    one), a CSV plan a YAML error, and a YAML plan "no answers file here"."""
    others = _other_files(tmp_path)
    sarif = tmp_path / "lead.sarif"
    sarif.write_bytes(others["sarif"][0].read_bytes())
    rubric = tmp_path / "rubric-copy.yaml"
    rubric.write_bytes(others["rubric"][0].read_bytes())
    cases = {
        "sarif": (sarif, others["sarif"][1].replace(str(others["sarif"][0]), str(sarif))),
        "rubric": (rubric, others["rubric"][1].replace(str(others["rubric"][0]), str(rubric))),
        "plan": others["plan"],
        "plan.csv": others["plan.csv"],
    }
    out = tmp_path / "out.md"
    for kind, (path, problem) in cases.items():
        assert _one_problem(run("report", AFTER, "--baseline", path, "-o", out)) == problem, kind
    # Among the answers files of a baseline, the file that is not one is told the same way.
    mixed = run("report", AFTER, "--baseline", BEFORE, "--baseline", sarif, "-o", out)
    assert _one_problem(mixed) == cases["sarif"][1]
    assert not out.exists()


def test_a_baseline_of_another_initiative_is_refused(tmp_path: Path) -> None:
    """Before: the newsroom's answers were taken as the county's baseline without a word, and
    --fail-on-regression scores failed (exit 1) on the difference between two initiatives.
    `civdata history` refuses another initiative; so does --baseline, at the baseline's name."""
    newsroom_report = tmp_path / "newsroom.json"
    assert run("report", NEWSROOM, "-o", newsroom_report).returncode == 0
    out = tmp_path / "out.json"
    county, portside = "'Marlow County Reentry Data Collaborative'", "'Portside Payroll Files investigation'"
    cases = [
        # (answers, baseline, where the baseline names its initiative, the baseline's name, the answers')
        (BEFORE, NEWSROOM, _where(NEWSROOM, "initiative:", value=True), portside, county),
        (BEFORE, newsroom_report, _where(newsroom_report, '"initiative":', value=True), portside, county),
        # Combined answers, and a combined baseline: a folder, and its combined JSON report.
        (EXAMPLE, newsroom_report, _where(newsroom_report, '"initiative":', value=True), portside, county),
        (NEWSROOM, EXAMPLE, _where(EXAMPLE / "community.yaml", "initiative:", value=True), county, portside),
        (
            NEWSROOM,
            EXAMPLE / "combined-report.json",
            _where(EXAMPLE / "combined-report.json", '"initiative":', value=True),
            county,
            portside,
        ),
    ]
    for answers, baseline, where, then, now in cases:
        result = run("report", answers, "--baseline", baseline, "--fail-on-regression", "scores", "-o", out)
        problem = _one_problem(result)
        expected = f"{where}: the baseline is about {then}, but these answers are about {now}"
        assert problem.startswith(expected), problem
        assert "the same initiative" in problem
        assert not out.exists()
    # The same name typed with other spacing and case is the same initiative, as in a history.
    retyped = tmp_path / "lead-then.yaml"
    text = BEFORE.read_text(encoding="utf-8")
    retyped.write_text(
        text.replace("initiative: Marlow County Reentry", "initiative: marlow county   REENTRY"), encoding="utf-8"
    )
    assert retyped.read_text(encoding="utf-8") != text
    assert run("report", AFTER, "--baseline", retyped, "-o", out).returncode == 0
    # A baseline read from standard input cannot be read again to point at a line: it is named as such.
    piped = subprocess.run(
        [*civdata_command(), "report", AFTER, "--baseline", "-", "-f", "json"],
        input=NEWSROOM.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert _one_problem(piped).startswith(f"<stdin>: the baseline is about {portside}")


def _deon_plan(tmp_path: Path) -> Path:
    """The action plan of another initiative, on another rubric, with its first action ticked off."""
    plan = tmp_path / "deon-plan.yaml"
    made = run("report", DEON_ANSWERS, "-r", DEON_RUBRIC, "-o", tmp_path / "deon.md", "--plan", plan)
    assert made.returncode == 0, made.stderr
    plan.write_text(plan.read_text(encoding="utf-8").replace("done: false", "done: true", 1), encoding="utf-8")
    return plan


def test_a_plan_of_another_initiative_or_rubric_is_refused(tmp_path: Path) -> None:
    """Before: the deon plan of a tenants' union was read as the county's kept plan, and its ticked
    action `question:A.1` was reported "done: its findings are gone" in the county's report."""
    out = tmp_path / "out.json"
    deon = _deon_plan(tmp_path)
    problem = _one_problem(run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", deon, "-o", out))
    assert problem.startswith(f"{_where(deon, 'about:')}: this plan is about ")
    for words in ("'Eastside Tenants Union eviction-risk map'", "'deon-checklist'", "'Marlow County Reentry"):
        assert words in problem
    assert "--baseline-plan" in problem
    assert not out.exists()
    # The county's own plan, its `about` edited: another rubric, another initiative; then retyped.
    kept = _ticked_plan(tmp_path, "yaml")
    text = kept.read_text(encoding="utf-8")
    for old, new, refused in (
        ("  rubric: civil-society-data-readiness", "  rubric: deon-checklist", True),
        ('initiative: "Marlow County Reentry', 'initiative: "Harbour Food Bank Network', True),
        ('initiative: "Marlow County Reentry', 'initiative: "marlow  COUNTY reentry', False),
    ):
        assert old in text
        kept.write_text(text.replace(old, new, 1), encoding="utf-8")
        result = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", kept, "-o", out)
        if refused:
            assert _one_problem(result).startswith(f"{_where(kept, 'about:')}: this plan is about "), new
        else:
            assert result.returncode == 0, result.stderr


def test_an_action_the_baseline_did_not_have_is_never_reported_done(tmp_path: Path) -> None:
    """A CSV plan says nothing of what it is about, so only its actions can tell. Before: an action
    the baseline's report never had (another rubric's `question:A.1`, or a question of this rubric
    that raised nothing then) ticked off was reported "done: its findings are gone"."""
    plan = _ticked_plan(tmp_path, "csv")
    with plan.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        # In the plan's columns: id, text, severity, find_out_first, act_by, owner, findings, done.
        writer.writerow(["question:A.1", "Discuss deon item A.1.", "low", "", "", "", "A.1:no", "x"])
        writer.writerow(["question:data-custodian", "Name a custodian.", "high", "", "", "", "", "x"])
    out = tmp_path / "out.json"
    result = run("report", AFTER, "--baseline", BEFORE, "--baseline-plan", plan, "-o", out)
    assert result.returncode == 0, result.stderr
    progress = json.loads(out.read_text(encoding="utf-8"))["progress"]
    assert {item["id"] for item in progress["plan"]} == set(TICKED)
    told = [sentence for sentence in progress["not_compared"] if "question:A.1" in sentence]
    assert len(told) == 1 and "question:data-custodian" in told[0], progress["not_compared"]


def test_a_respondent_whose_name_is_typed_in_another_unicode_form_is_one_person(tmp_path: Path) -> None:
    """The lead's name `Dána Okafor` typed with the accent as one character then and as `a` and a
    combining acute now (macOS, some keyboards). Before: she was listed as only in the baseline and
    as new, and her changed answer was not compared. Expected (progress.md): people are matched by
    who they are, compared as initiative names are (Unicode NFC, case and spacing aside)."""
    then, now = tmp_path / "then", tmp_path / "now"
    for folder, form, answer in ((then, "NFC", "written-internal"), (now, "NFD", "written-and-shared")):
        folder.mkdir()
        for file in ("lead.yaml", "community.yaml", "funder.yaml"):
            text = (EXAMPLE / file).read_text(encoding="utf-8")
            if file == "lead.yaml":
                name = unicodedata.normalize(form, "Dána  OKAFOR" if form == "NFD" else "Dána Okafor")
                text = text.replace("name: Dana Okafor", f"name: {name}")
                text = text.replace("value: written-internal", f"value: {answer}", 1)
            (folder / file).write_text(text, encoding="utf-8")
    assert "Da\u0301na" in (now / "lead.yaml").read_text(encoding="utf-8")
    result = run("report", now, "--baseline", then, "-f", "json")
    assert result.returncode == 0, result.stderr
    progress = json.loads(result.stdout)["progress"]
    assert not any("Okafor" in sentence for sentence in progress["not_compared"]), progress["not_compared"]
    changed = [(item["respondent"], item["question"]) for item in progress["answers"]]
    assert changed == [(unicodedata.normalize("NFD", "Dána  OKAFOR"), "stakeholder-map")]


def test_a_look_alike_name_is_told_in_the_characters_of_the_files(tmp_path: Path) -> None:
    """The baseline names its initiative with a Cyrillic capital Es for the C of County. Before, the
    note named U+0441 CYRILLIC SMALL LETTER ES and U+0063 LATIN SMALL LETTER C: case-folded
    characters, in neither file. Expected: the characters as they are written in each file."""
    baseline = tmp_path / "old.yaml"
    baseline.write_text(
        BEFORE.read_text(encoding="utf-8").replace("initiative: Marlow County", "initiative: Marlow \u0421ounty"),
        encoding="utf-8",
    )
    problem = _one_problem(run("report", AFTER, "--baseline", baseline, "-o", tmp_path / "out.md"))
    assert (
        "(the names differ in U+0421 CYRILLIC CAPITAL LETTER ES here, U+0043 LATIN CAPITAL LETTER C there)"
    ) in problem, problem


def _piped(*args: str | Path, stdin: Path) -> subprocess.CompletedProcess[str]:
    """civdata with the file ``stdin`` piped into its standard input, as `... < file` does."""
    return subprocess.run(
        [*civdata_command(), *map(str, args)],
        input=stdin.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_a_baseline_on_standard_input_is_told_by_what_it_holds(tmp_path: Path) -> None:
    """progress.md: every file of a baseline is told by what it holds, whatever its name. Before,
    standard input was always read as answers: a JSON report piped in (`--baseline - < report.json`)
    gave 25 problems of an answers file, a SARIF report 8 and a rubric 18. Expected: the report is
    the baseline, as when named; the others are the one problem that says what they are."""
    report = EXAMPLE / "lead-report.json"
    named = run("report", AFTER, "--baseline", report, "-f", "json")
    piped = _piped("report", AFTER, "--baseline", "-", "-f", "json", stdin=report)
    assert piped.returncode == 0, piped.stderr
    by_name, by_pipe = (json.loads(result.stdout)["progress"] for result in (named, piped))
    assert by_pipe["baseline"]["source"] == "<stdin>"
    assert {**by_pipe, "baseline": None} == {**by_name, "baseline": None}
    assert len(by_pipe["answers"]) == len(EXPECTED_CHANGED_ANSWERS)
    others = _other_files(tmp_path)
    for kind in ("sarif", "codequality", "rubric", "plan"):
        path, problem = others[kind]
        result = _piped("report", AFTER, "--baseline", "-", "-o", tmp_path / "out.md", stdin=path)
        assert _one_problem(result) == problem.replace(str(path), "<stdin>", 1), kind
    # Answers piped in are still the answers of that time.
    answers = _piped("report", AFTER, "--baseline", "-", "-f", "json", stdin=BEFORE)
    assert answers.returncode == 0, answers.stderr
    changed = [item["question"] for item in json.loads(answers.stdout)["progress"]["answers"]]
    assert changed == EXPECTED_CHANGED_ANSWERS
    assert not (tmp_path / "out.md").exists()


def test_an_empty_baseline_or_history_report_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """An empty file, named or piped in, where a JSON report may be. Before: an empty `.json` or
    `.yaml` baseline, and an empty report in a history, stopped civdata with an internal error (the
    report schema's check walked a document that has nothing in it). Piped in, it is read as
    answers, whose reader says it is empty, as it did before standard input was told by its content."""
    empty = tmp_path / "old.json"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    named = _one_problem(run("report", AFTER, "--baseline", empty, "-o", tmp_path / "out.md"))
    assert named.startswith(f"{empty}:1:1: the file is empty (nothing but blanks or comments); a JSON report"), named
    assert MAKE_A_REPORT in named
    other = tmp_path / "old.yaml"
    other.write_text("", encoding="utf-8")
    assert "the file is empty" in _one_problem(run("report", AFTER, "--baseline", other, "-o", tmp_path / "o.md"))
    history = run("history", empty, EXAMPLE / "lead-report.json", "-o", tmp_path / "history.md")
    assert _one_problem(history).startswith(f"{empty}:1:1: the file is empty"), history.stderr
    piped = _piped("report", AFTER, "--baseline", "-", "-o", tmp_path / "out.md", stdin=other)
    assert _one_problem(piped).startswith("<stdin>:1:1: the file is empty (nothing but blanks or comments); an answers")
    assert not list(tmp_path.glob("*.md"))


def test_history_tells_what_standard_input_holds_and_names_it_stdin(tmp_path: Path) -> None:
    """docs/progress.md: an answers file given to history is one problem that says what it is. On
    standard input it was 'standard input is given more than once' (the reader read it twice), and
    two reports of one date named it '-'."""
    report = tmp_path / "old.json"
    made = run("report", ROOT / "examples" / "county-justice" / "lead.yaml", "-o", report)
    assert made.returncode == 0, made.stderr
    answers = (ROOT / "examples" / "county-justice" / "lead.yaml").read_text(encoding="utf-8")
    told = subprocess.run(
        [*civdata_command(), "history", str(report), "-"], input=answers, capture_output=True, text=True, check=False
    )
    assert told.returncode == 2
    assert told.stderr.splitlines()[0] == (
        "<stdin>:4:1: this is an answers file, not a JSON report; write its JSON report with "
        "`civdata report - -f json -o report.json` and give that"
    )
    twice = subprocess.run(
        [*civdata_command(), "history", "-", str(report)],
        input=report.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert twice.returncode == 2
    assert "this report and <stdin> are both dated" in twice.stderr, twice.stderr


# --- A history of one person's reports and a group's: said, never silently mixed ------------------


def _dated(text: str, date: str) -> str:
    return re.sub(r'(?m)^date: "[^"]*"', f'date: "{date}"', text)


def mixed_history(tmp_path: Path, together: tuple[bool, ...] = (False, False, True)) -> list[Path]:
    """The lead alone in January and April, then the lead and the community together in July (or
    together in the months ``together`` says)."""
    lead, community = BEFORE.read_text(encoding="utf-8"), (EXAMPLE / "community.yaml").read_text(encoding="utf-8")
    reports = []
    for (name, date), both in zip(
        (("r1", "2026-01-10"), ("r2", "2026-04-10"), ("r3", "2026-07-10")), together, strict=True
    ):
        files = {"lead.yaml": lead, "community.yaml": community} if both else {"lead.yaml": lead}
        folder = tmp_path / name
        folder.mkdir()
        for file_name, text in files.items():
            (folder / file_name).write_text(_dated(text, date), encoding="utf-8")
        target = tmp_path / f"{name}.json"
        result = run("report", folder if len(files) > 1 else folder / "lead.yaml", "-o", target)
        assert result.returncode == 0, result.stderr
        reports.append(target)
    return reports


MIXED_NOTE = (
    "Not the same group throughout: 2026-01-10 and 2026-04-10 are reports on one respondent, "
    "2026-07-10 is a report on 2 respondents"
)


def test_a_history_says_which_points_are_one_persons_and_which_a_groups(tmp_path: Path) -> None:
    """Scores and findings change with who answered: a history that mixes a report on one person
    with a combined report says so at each date, and warns, in every format."""
    reports = mixed_history(tmp_path)
    markdown = run("history", *reports, "-o", tmp_path / "h.md")
    assert markdown.returncode == 0, markdown.stderr
    assert MIXED_NOTE in markdown.stderr
    text = unwrapped((tmp_path / "h.md").read_text(encoding="utf-8"))
    assert "| Respondents | 1 (single) | 1 (single) | 2 (combined) |" in text
    assert MIXED_NOTE in text
    assert run("history", *reports, "-o", tmp_path / "h.json").returncode == 0
    document = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert [(point["kind"], point["respondents"]) for point in document["points"]] == [
        ("single", 1),
        ("single", 1),
        ("combined", 2),
    ]
    assert any(MIXED_NOTE in warning for warning in document["warnings"])
    assert run("history", *reports, "-o", tmp_path / "h.html").returncode == 0
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    _parse_html(page)
    assert '<th scope="row">Respondents</th><td class="num">1 (single)</td>' in page
    assert MIXED_NOTE in page
    assert run("history", *reports, "-o", tmp_path / "h.txt").returncode == 0
    assert MIXED_NOTE in (tmp_path / "h.txt").read_text(encoding="utf-8").replace("\n", " ")


def test_a_history_and_a_comparison_say_whom_a_report_is_on_in_the_same_words(tmp_path: Path) -> None:
    """How many respondents a report is on is worded once: the history's warning, a comparison's
    warning and a report's own "Respondents" line say "one respondent" and "2 respondents" alike,
    not "combines 2 respondents" in one and "2 respondents (combined)" in another."""
    first, _, last = mixed_history(tmp_path)
    history = run("history", first, last, "-o", tmp_path / "h.md")
    assert history.returncode == 0, history.stderr
    assert "2026-01-10 is a report on one respondent, 2026-07-10 is a report on 2 respondents" in history.stderr
    compared = run("report", tmp_path / "r3", "--baseline", first, "-o", tmp_path / "r.md")
    assert compared.returncode == 0, compared.stderr
    assert "the baseline is on one respondent, this report on 2 respondents," in compared.stderr
    document = unwrapped((tmp_path / "r.md").read_text(encoding="utf-8"))
    assert "the baseline is on one respondent, this report on 2 respondents," in document
    assert "| Respondents | 2 respondents in 2 roles |" in document
    for text in (history.stderr, compared.stderr, document):
        assert "(combined)" not in text and "combines" not in text, text


def test_a_history_of_the_same_group_throughout_has_no_warning(tmp_path: Path) -> None:
    first, second, _ = mixed_history(tmp_path)
    result = run("history", first, second, "-o", tmp_path / "h.json")
    assert result.returncode == 0 and "Not the same group" not in result.stderr
    assert json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))["warnings"] == []


def test_an_html_history_says_which_report_each_date_came_from(tmp_path: Path) -> None:
    """The Markdown history has a row naming each date's report; so has the HTML."""
    reports = mixed_history(tmp_path)
    assert run("history", *reports, "-o", tmp_path / "h.html").returncode == 0
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    row = re.search(r'<tr><th scope="row">Report</th>(.*?)</tr>', page)
    assert row is not None
    assert re.findall(r"<td[^>]*>(.*?)</td>", row.group(1)) == [str(path) for path in reports]


def test_a_new_name_that_looks_like_one_of_the_baseline_says_how_it_differs(tmp_path: Path) -> None:
    """Марк Белл then, and now Ма<U+200D>рк Белл (a zero-width joiner, written as it is between
    Cyrillic letters: output-safety.md) who changed an answer. Characters that draw nothing make
    another name (initiatives.py), so they are not paired as one person; before, the report then
    said "only in the baseline: Марк Белл" and "new since the baseline: Ма‍рк Белл", the same name
    to the eye. Expected (multi-respondent.md, progress.md): the not-compared sentence spells out
    the difference, as every message about look-alike names does, in every format."""
    then, now = tmp_path / "then", tmp_path / "now"
    for folder, name, sensitive in ((then, "Марк Белл", "yes"), (now, "Ма\u200dрк Белл", "no")):
        _lead(folder, "mark.yaml", sensitive, name=name)
        _lead(folder, "org.yaml", "no", organisation="Harbour Trust")
    expected = (
        "answers of respondents new since the baseline are not compared: Ма\u200dрк Белл (not Марк Белл of the "
        "baseline: the names differ in U+200D ZERO WIDTH JOINER now, nothing in the baseline)"
    )
    result = run("report", now, "-r", MINI_RUBRIC, "--baseline", then, "-f", "json")
    assert result.returncode == 0, result.stderr
    progress = json.loads(result.stdout)["progress"]
    assert progress["answers"] == []
    assert expected in progress["not_compared"]
    assert "answers of respondents only in the baseline are not compared: Марк Белл" in progress["not_compared"]
    spelled = "the names differ in U+200D ZERO WIDTH JOINER now, nothing in the baseline"
    for form in ("text", "markdown", "html"):
        shown = run("report", now, "-r", MINI_RUBRIC, "--baseline", then, "-f", form).stdout
        assert spelled in " ".join(unwrapped(shown).split()), form


def test_look_alike_names_are_found_by_letter_few_and_by_what_they_draw_among_many() -> None:
    """A Cyrillic М among a few renamed people; joiners at two places (too many to spell out one by
    one); and, among 5,000 renamed on each side (too many to compare every pair), a zero-width
    joiner all the same."""
    found = _look_alikes(
        {"Mark Bell": "Mark Bell", "xyz": "xyz"}, {"Мark Bell": "Мark Bell", "x\u200dy\u200dz": "x\u200dy\u200dz"}
    )
    assert found == {
        "Мark Bell": " (not Mark Bell of the baseline: the names differ in U+041C CYRILLIC CAPITAL LETTER EM now, "
        "U+004D LATIN CAPITAL LETTER M in the baseline)",
        "x\u200dy\u200dz": " (not xyz of the baseline: the names differ in characters that draw nothing)",
    }
    then = {f"Person {number}": f"Person {number}" for number in range(5000)}
    now = {f"Persona {number}": f"Persona {number}" for number in range(4999)} | {"Pe\u200drson 7": "Pe\u200drson 7"}
    assert _look_alikes(then, now) == {
        "Pe\u200drson 7": " (not Person 7 of the baseline: the names differ in U+200D ZERO WIDTH JOINER now, "
        "nothing in the baseline)"
    }
