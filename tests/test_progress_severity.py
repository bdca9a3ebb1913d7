"""A finding still open whose severity changed since the baseline is said to be more severe, or
milder, in every format, and ``--fail-on-regression`` fails on one that rose (docs/progress.md).

The defect (written before the fix): an outside reviewer reported the county-justice example's
three answers files again, the lead's threat model now reviewed by others ("written-reviewed",
score 1) where it was written internally (0.6). The community and the funder still score it 0, so
the disagreement on the threat model (a question of weight 2) went from a spread of 60 points
(medium) to 100 (high). Findings were compared by id only: every format said "0 new, 97 still
open", nothing mentioned that a disagreement got worse, and ``--fail-on-regression medium`` passed.
Now:

* the counts say ``97 still open (1 more severe than then)``, and a list gives each finding whose
  severity changed, ``MEDIUM → HIGH``, in Markdown, HTML, JSON, SARIF, the job summary and on the
  terminal; the other way round, ``milder than then``;
* ``--fail-on-regression SEVERITY`` fails on a finding that rose to a severity at or above
  SEVERITY, as on one raised now and not then: a gate never passes on what the report shows as
  worse;
* a disagreement whose severity changed only because of who answered (a respondent in one report
  only) is not said to be more severe, as a disagreement among respondents not all in the
  baseline is not said to be new: it is under "not compared", with why;
* a JSON report written before civdata said it (no ``severity_changed``) is still a baseline.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, answered_in_may, civdata_command, unsealed, unwrapped
from tests.report_schema import report_document

EXAMPLE = ROOT / "examples" / "county-justice"
ID, TITLE = "divergence:threat-model", "Respondents disagree on: Threat model"
NEW_ID, NEW_TITLE = (
    "data-minimisation:send-everything",
    "Everything the sources hold would be taken, to be filtered later",
)
WHERE = "in the Markdown, HTML and JSON reports."


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=180
    )


def answered(text: str, question: str, value: str) -> str:
    """An answers file's ``text`` with ``question`` answered ``value`` (its note dropped)."""
    pattern = re.compile(rf"(?m)^  {re.escape(question)}:(?: .*\n|\n(?:    .*\n)+)")
    found, count = pattern.subn(f"  {question}: {value}\n", text)
    assert count == 1, question
    return found


def named(text: str, name: str) -> str:
    changed, count = re.subn(r"(?m)^  name: .*$", f"  name: {name}", text)
    assert count == 1
    return changed


def county(folder: Path, lead_then: dict[str, str], lead_now: dict[str, str]) -> Path:
    """``folder``/then: the county-justice example answered in May, the lead's answers ``lead_then``;
    ``folder``/now: the same three in October, the lead's answers ``lead_now``."""
    for side in ("then", "now"):
        (folder / side).mkdir(parents=True)
    for path in sorted(EXAMPLE.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        before, after = answered_in_may(text), text
        if path.name == "lead.yaml":
            for question, value in lead_then.items():
                before = answered(before, question, value)
            for question, value in lead_now.items():
                after = answered(after, question, value)
        (folder / "then" / path.name).write_text(before, encoding="utf-8")
        (folder / "now" / path.name).write_text(after, encoding="utf-8")
    return folder


def report(folder: Path, fmt: str, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    return run("report", "now", "--baseline", "then", "--format", fmt, "-o", "-", *extra, cwd=folder)


def since_markdown(document: str) -> str:
    return document.split("## Since the last assessment", 1)[1].split("\n## ", 1)[0]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def worse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lead's threat model written internally then (the example), reviewed by others now: the
    disagreement with the community and the funder (who score it 0) goes from medium to high."""
    return county(tmp_path_factory.mktemp("worse"), {}, {"threat-model": "written-reviewed"})


@pytest.fixture(scope="module")
def better(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The other way round: reviewed by others then, written internally now (high to medium)."""
    return county(tmp_path_factory.mktemp("better"), {"threat-model": "written-reviewed"}, {})


def still_open(folder: Path) -> int:
    findings = report_document(report(folder, "json").stdout)["progress"]["findings"]
    return len(findings["still_open"])


NOTE = (
    "Each was raised then and still is, and is rated otherwise now: a disagreement among respondents by how far "
    "apart their answers are, any other finding by the rubric version of each report."
)
WORSE_LINE = f"- **MEDIUM** → **HIGH**: {TITLE} ({ID}) (▼ more severe)"
BETTER_LINE = f"- **HIGH** → **MEDIUM**: {TITLE} ({ID}) (▲ milder)"


def test_markdown_says_a_disagreement_got_more_severe(worse: Path) -> None:
    result = report(worse, "markdown")
    assert result.returncode == 0, result.stderr
    counts = f"0 new, {still_open(worse)} still open (1 more severe than then); "
    # The one line under the verdict, and the section in full.
    assert counts in unwrapped(result.stdout).split("## Since the last assessment", 1)[0]
    since = since_markdown(result.stdout)
    assert counts in unwrapped(since)
    section = since.split("### Findings whose severity changed (1)\n\n", 1)[1].split("\n### ", 1)[0]
    assert unwrapped(section).strip().splitlines() == [NOTE, "", WORSE_LINE]


def test_markdown_says_a_disagreement_got_milder(better: Path) -> None:
    since = unwrapped(since_markdown(report(better, "markdown").stdout))
    assert " still open (1 milder than then); " in since
    assert f"\n{BETTER_LINE}\n" in since + "\n"


def test_json_lists_the_change_of_severity(worse: Path) -> None:
    result = report(worse, "json")
    assert result.returncode == 0, result.stderr
    findings = report_document(result.stdout)["progress"]["findings"]
    assert findings["severity_changed"] == [
        {
            "before": {"id": ID, "severity": "medium", "title": TITLE},
            "after": {"id": ID, "severity": "high", "title": TITLE},
            "trend": "worse",
        }
    ]
    # Still open too, at its severity now: nothing else about it changed.
    assert {"id": ID, "severity": "high", "title": TITLE} in findings["still_open"]
    assert findings["new"] == [] and findings["replaced"] == []


def test_json_says_a_milder_one_is_better(better: Path) -> None:
    findings = report_document(report(better, "json").stdout)["progress"]["findings"]
    assert [
        (item["after"]["id"], item["before"]["severity"], item["trend"]) for item in findings["severity_changed"]
    ] == [(ID, "high", "better")]


def test_the_terminal_says_it_in_the_same_words(worse: Path) -> None:
    result = report(worse, "text")
    assert result.returncode == 0, result.stderr
    text = flat(result.stdout)
    assert " still open (1 more severe than then); " in text
    assert f"Severity changed: medium → high: {TITLE} (▼ more severe)" in text


def test_html_sarif_and_the_job_summary_say_it_too(worse: Path) -> None:
    page = report(worse, "html").stdout
    section = page.split('<section id="since">', 1)[1].split("</section>", 1)[0]
    assert "still open (1 more severe than then);" in flat(section)
    assert "<h3>Findings whose severity changed (1)</h3>" in section
    assert (
        '<span class="sev sev-medium">MEDIUM</span> → <span class="sev sev-high">HIGH</span> '
        f"<bdi>{TITLE}</bdi> (<code>{ID}</code>) (▼ more severe)</li>"
    ) in section
    sarif = json.loads(report(worse, "sarif").stdout)["runs"][0]
    assert sarif["properties"]["progress"]["severity_changed"] == [
        {"id": ID, "before": "medium", "after": "high", "trend": "worse"}
    ]
    # The same result as in the baseline's run, different in its level: SARIF's "updated".
    assert next(item for item in sarif["results"] if item["ruleId"] == ID)["baselineState"] == "updated"
    assert "still open (1 more severe than then);" in flat(report(worse, "summary").stdout)


@pytest.mark.parametrize(
    ("side", "gate", "code", "reason"),
    [
        ("worse", "high", 1, f"1 finding at or above 'high' more severe than then: high: {TITLE} (medium then)"),
        # Medium then, and at or above medium: more severe now all the same. A gate never passes on
        # a finding the report shows as worse.
        ("worse", "medium", 1, f"1 finding at or above 'medium' more severe than then: high: {TITLE} (medium then)"),
        ("worse", "critical", 0, "no finding at or above 'critical' new or more severe than then"),
        ("better", "medium", 0, "no finding at or above 'medium' new or more severe than then"),
    ],
)
def test_the_regression_gate_fails_on_a_finding_more_severe_than_then(
    request: pytest.FixtureRequest, side: str, gate: str, code: int, reason: str, tmp_path: Path
) -> None:
    folder = request.getfixturevalue(side)
    result = run(
        "report", "now", "--baseline", "then", "--fail-on-regression", gate, "-o", tmp_path / "r.json", cwd=folder
    )
    assert result.returncode == code, result.stderr
    gates = report_document((tmp_path / "r.json").read_text(encoding="utf-8"))["gates"]
    check = next(item for item in gates["checks"] if item["gate"] == "--fail-on-regression")
    assert check["reason"] == reason


def test_the_gate_names_new_findings_and_more_severe_ones_together(tmp_path: Path) -> None:
    """The lead now also takes everything the sources hold (a high finding nobody raised then)."""
    folder = county(tmp_path / "both", {}, {"threat-model": "written-reviewed", "data-minimisation": "send-everything"})
    result = run("report", "now", "--baseline", "then", "--fail-on-regression", "high", "-o", "r.json", cwd=folder)
    assert result.returncode == 1, result.stderr
    document = report_document((folder / "r.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in document["progress"]["findings"]["new"]] == [NEW_ID]
    check = next(item for item in document["gates"]["checks"] if item["gate"] == "--fail-on-regression")
    assert check["reason"] == (
        f"2 findings at or above 'high' new or more severe than then: high: {NEW_TITLE} and high: {TITLE} (medium then)"
    )


def test_the_baseline_written_as_a_json_report_says_it_too(worse: Path, tmp_path: Path) -> None:
    """The reviewer's own case: the baseline is the combined JSON report of then (without --detail)."""
    assert run("report", "then", "-o", tmp_path / "then.json", cwd=worse).returncode == 0
    result = run("report", "now", "--baseline", tmp_path / "then.json", "--fail-on-regression", "medium", "-o",
                 tmp_path / "now.json", cwd=worse)  # fmt: skip
    assert result.returncode == 1, result.stderr
    findings = report_document((tmp_path / "now.json").read_text(encoding="utf-8"))["progress"]["findings"]
    assert [(item["after"]["id"], item["trend"]) for item in findings["severity_changed"]] == [(ID, "worse")]


def test_a_disagreement_that_changed_with_who_answered_is_not_compared(tmp_path: Path) -> None:
    """The three then; now the same three and a newcomer, a second lead whose threat model is reviewed
    by others: the disagreement is high now only because she answered. Not "more severe" (as a
    disagreement among respondents not all in the baseline is not "new"), and the gate passes."""
    folder = county(tmp_path / "joined", {}, {})
    newcomer = answered(named((EXAMPLE / "lead.yaml").read_text(encoding="utf-8"), "Ama Mensah"), "threat-model",
                        "written-reviewed")  # fmt: skip
    (folder / "now" / "newcomer.yaml").write_text(newcomer, encoding="utf-8")
    result = run("report", "now", "--baseline", "then", "--fail-on-regression", "high", "-o", "r.json", cwd=folder)
    assert result.returncode == 0, result.stderr
    progress = report_document((folder / "r.json").read_text(encoding="utf-8"))["progress"]
    assert progress["findings"]["severity_changed"] == []
    assert {"id": ID, "severity": "high", "title": TITLE} in progress["findings"]["still_open"]
    assert (
        "1 finding whose severity changed, raised by respondents not all in both assessments, is not counted as more "
        f"severe or milder (a disagreement's severity changes with who answered): {ID}"
    ) in progress["not_compared"]


def test_a_baseline_written_before_severity_changes_still_loads(worse: Path, tmp_path: Path) -> None:
    """A JSON report with a comparison written by an earlier civdata has no ``severity_changed``: it
    is still a baseline (the field is not required by the report schema)."""
    old = tmp_path / "old.json"
    assert run("report", "now", "--baseline", "then", "-o", old, cwd=worse).returncode == 0
    data = json.loads(old.read_text(encoding="utf-8"))
    del data["progress"]["findings"]["severity_changed"]
    old.write_text(json.dumps(unsealed(data)), encoding="utf-8")  # nor, then, a seal
    newer = tmp_path / "newer"
    newer.mkdir()
    for path in (worse / "now").iterdir():
        text = re.sub(r'(?m)^date: "2026-10-', 'date: "2027-01-', path.read_text(encoding="utf-8"))
        (newer / path.name).write_text(text, encoding="utf-8")
    result = run("report", newer, "--baseline", old, "-f", "json")
    assert result.returncode == 0, result.stderr
    assert report_document(result.stdout)["progress"]["findings"]["severity_changed"] == []
