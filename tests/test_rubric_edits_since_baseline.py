"""Found by an outside review of progress over time (2026-11-27), each checked to fail before its fix.

- A rubric copy that removes a question without recording it in ``changes``: the finding of that
  question was "resolved" and its area "better", though the question was no longer asked. The
  baseline itself says which questions it had: one this rubric does not have is a question that
  changed, recorded or not.
- A rubric edited without a new version (a score changed, 1.2.0 kept): every score compared as
  if nothing changed, without a word, though the baseline's report records its rubric's SHA-256.

Expected verdicts were written before civdata was run.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import MINI_RUBRIC, civdata_in

RUBRIC = MINI_RUBRIC.read_text(encoding="utf-8")
HEADER = "format: 1\ninitiative: Clinic\nrespondent: {name: Ada, role: lead}\n"
GIVEN = '  sensitive: "no"\n  voice: consulted\n  safeguards: [encryption]\n  confidence: 2\n'


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, "report", "-q", *args)


def baseline(tmp_path: Path, given: str) -> None:
    (tmp_path / "then.yaml").write_text(
        f"{HEADER}rubric: {{id: mini, version: 1.2.0}}\ndate: '2026-06-01'\nanswers:\n{given}", encoding="utf-8"
    )
    run("then.yaml", "-r", MINI_RUBRIC, "-o", "then.json", cwd=tmp_path)
    assert (tmp_path / "then.json").exists()


def test_a_question_removed_without_a_record_leaves_its_finding_and_area_not_compared(tmp_path: Path) -> None:
    baseline(tmp_path, GIVEN + "  months: 6\n")  # under a year: "Less than a year of funding"
    then = json.loads((tmp_path / "then.json").read_text(encoding="utf-8"))
    # Its finding is stated in the rule's context (short funding, no deletion plan).
    raised = [*then["findings"], *then["covered_findings"]]
    months_findings = [finding["id"] for finding in raised if finding["id"].startswith("months:")]
    assert months_findings and "rule:short-funding-no-plan" in {finding["id"] for finding in raised}
    # Version 1.3.0 drops the months question (and the rule that reads it), and records nothing.
    edited = RUBRIC.replace("version: 1.2.0\ntitle:", "version: 1.3.0\ntitle:", 1)
    start, end = edited.index("      - id: months\n"), edited.index("      - id: deletion-plan\n")
    edited = edited[:start] + edited[end:]
    start, end = edited.index("  - id: short-funding-no-plan\n"), edited.index("verdicts:\n")
    edited = edited[:start] + edited[end:]
    edited += "  - version: 1.3.0\n    summary: Nothing that changes an answer.\n    questions: []\n"
    (tmp_path / "rubric.yaml").write_text(edited, encoding="utf-8")
    (tmp_path / "now.yaml").write_text(
        f"{HEADER}rubric: {{id: mini, version: 1.3.0}}\ndate: '2026-11-01'\nanswers:\n{GIVEN}", encoding="utf-8"
    )
    result = run("now.yaml", "-r", "rubric.yaml", "--baseline", "then.json", "-f", "json", "-o", "-", cwd=tmp_path)
    progress = json.loads(result.stdout)["progress"]
    resolved = [finding["id"] for finding in progress["findings"]["resolved"]]
    assert not {*months_findings, "rule:short-funding-no-plan"} & set(resolved), resolved
    trends = {item["id"]: item["trend"] for item in (progress["overall"], *progress["areas"])}
    assert trends["lifecycle"] == "not-compared" and trends["overall"] == "not-compared", trends
    assert progress["not_compared"][0] == (
        "the baseline used version 1.2.0 of the rubric and this report 1.3.0; the baseline has months and "
        "rule:short-funding-no-plan, which this rubric does not have, though its 'changes' does not record their "
        "removal: what rests on them is not compared (record it in 'changes')"
    ), progress["not_compared"]


def test_a_rubric_edited_without_a_new_version_is_said(tmp_path: Path) -> None:
    baseline(tmp_path, GIVEN + "  months: 18\n")
    edited = RUBRIC.replace(
        "{value: consulted, label: They are consulted once, score: 0.5}",
        "{value: consulted, label: They are consulted once, score: 0.9}",
    )
    assert edited != RUBRIC
    (tmp_path / "rubric.yaml").write_text(edited, encoding="utf-8")
    (tmp_path / "now.yaml").write_text(
        f"{HEADER}rubric: {{id: mini, version: 1.2.0}}\ndate: '2026-11-01'\nanswers:\n{GIVEN}  months: 18\n",
        encoding="utf-8",
    )
    result = run("now.yaml", "-r", "rubric.yaml", "--baseline", "then.json", "-f", "json", "-o", "-", cwd=tmp_path)
    warnings = json.loads(result.stdout)["progress"]["warnings"]
    assert any(
        "rubric.yaml is not the rubric file the baseline was made with, though both are version 1.2.0" in warning
        for warning in warnings
    ), warnings
