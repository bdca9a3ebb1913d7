"""Fixes of the review of the formats ("the same facts in every medium"), each test written before
its fix and seen to fail without it.

* The job summary (``-f summary``, ``$GITHUB_STEP_SUMMARY``) gave an area that reads the other
  way on a risk rubric as a bare number under "Overall risk score … (higher means more risk)":
  "Safeguards 0" (no safeguards at all) read as no risk. SARIF gave ``overall`` without which way
  it reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import civdata_in
from tests.test_ci_outputs import valid_sarif

PINNED = {"SOURCE_DATE_EPOCH": "1795000000"}  # 2026-11-18

RISK_RUBRIC = """\
format: 1
id: mini-risk
version: 1.0.0
title: Mini risk check
description: A risk rubric with one mitigation area.
license: CC-BY-4.0
authors: [Reviewers]
direction: risk
roles:
  - {id: lead, label: Lead organisation, expected: true}
areas:
  - id: harms
    title: Harms
    questions:
      - id: sensitive
        title: Sensitive data
        prompt: Does it hold sensitive data?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
  - id: safeguards
    title: Safeguards
    direction: readiness
    weight: 0
    questions:
      - id: encrypted
        title: Encrypted
        prompt: Is it encrypted?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - value: "no"
            score: 0
            finding: {severity: high, title: Not encrypted, recommendation: Encrypt it.}
verdicts:
  - {id: low, label: Low risk, max_score: 50}
  - {id: high, label: High risk}
"""

RISK_ANSWERS = """\
format: 1
rubric: {id: mini-risk, version: 1.0.0}
initiative: Shelter referrals
respondent: {name: Ana, role: lead}
date: 2026-10-01
answers:
  sensitive: "yes"
  encrypted: "no"
"""

NOTE = "(higher is better; not in the overall score)"


@pytest.fixture
def risk(tmp_path: Path) -> Path:
    (tmp_path / "rubric.yaml").write_text(RISK_RUBRIC, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(RISK_ANSWERS, encoding="utf-8")
    return tmp_path


def _area_cells(markdown: str) -> dict[str, str]:
    """The first two cells of each row of a Markdown table that starts with an area's title."""
    rows = [line.strip("|").split("|") for line in markdown.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): cells[1].strip() for cells in rows if len(cells) > 1}


def test_the_job_summary_says_an_area_reads_the_other_way_as_the_markdown_report_does(risk: Path) -> None:
    summary = civdata_in(risk, "report", "answers.yaml", "-r", "rubric.yaml", "-f", "summary", env=PINNED)
    assert summary.returncode == 0, summary.stderr
    assert "- Overall risk score: 100 / 100 (higher means more risk)" in summary.stdout
    rows = _area_cells(summary.stdout)
    assert rows[f"Safeguards {NOTE}"] == "0", summary.stdout
    assert rows["Harms"] == "100", summary.stdout  # an area that reads as the rubric does: no note
    markdown = civdata_in(risk, "report", "answers.yaml", "-r", "rubric.yaml", "-f", "markdown", env=PINNED)
    assert f"| Safeguards {NOTE} | 0 |" in markdown.stdout  # the same words in both
    # As GitHub Actions writes it to the job's page.
    page = risk / "step-summary.md"
    env = {**PINNED, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(page)}
    ran = civdata_in(risk, "report", "answers.yaml", "-r", "rubric.yaml", "-o", "r.md", env=env)
    assert ran.returncode == 0, ran.stderr
    assert _area_cells(page.read_text(encoding="utf-8"))[f"Safeguards {NOTE}"] == "0"


def test_sarif_says_which_way_the_overall_score_reads(risk: Path) -> None:
    ran = civdata_in(risk, "report", "answers.yaml", "-r", "rubric.yaml", "-f", "sarif", env=PINNED)
    assert ran.returncode == 0, ran.stderr
    properties = valid_sarif(ran.stdout)["runs"][0]["properties"]
    assert properties["overall"] == 100 and properties["direction"] == "risk", properties
    readiness = RISK_RUBRIC.replace("direction: risk\n", "").replace("    direction: readiness\n", "")
    readiness = readiness.replace("max_score: 50", "min_score: 50")
    (risk / "rubric.yaml").write_text(readiness, encoding="utf-8")
    ran = civdata_in(risk, "report", "answers.yaml", "-r", "rubric.yaml", "-f", "sarif", env=PINNED)
    assert ran.returncode == 0, ran.stderr
    assert valid_sarif(ran.stdout)["runs"][0]["properties"]["direction"] == "readiness"
