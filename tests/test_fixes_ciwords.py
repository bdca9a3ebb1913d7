"""Fixes of the review of the formats ("the same facts in every medium"), each test written before
its fix and seen to fail without it.

* The job summary (``-f summary``, ``$GITHUB_STEP_SUMMARY``) gave an area that reads the other
  way on a risk rubric as a bare number under "Overall risk score … (higher means more risk)":
  "Safeguards 0" (no safeguards at all) read as no risk. SARIF gave ``overall`` without which way
  it reads.
* SARIF, GitLab Code Quality and GitHub annotations said "(raised by N respondents)" only for
  N > 1 and never out of how many, and called the answers a disagreement compared "respondents"
  who raised it, or gave no count at all in a large group.
"""

from __future__ import annotations

import json
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


# --- Who raised a finding, in every CI format -----------------------------------------------------

POOLED_RUBRIC = """\
format: 1
id: pooled-check
version: 1.0.0
title: Pooled data check
description: Before several organisations pool records about the same people.
license: CC-BY-4.0
authors: [Reviewers]
roles:
  - {id: lead, label: Lead organisation, expected: true}
  - {id: tech, label: Technical team, expected: true}
areas:
  - id: security
    title: Security
    questions:
      - id: encryption
        title: Encryption
        prompt: Is the data encrypted?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - value: "no"
            score: 0
            finding: {severity: critical, title: Data not encrypted, recommendation: Encrypt it.}
verdicts:
  - {id: ready, label: Ready, min_score: 75, max_severity: medium}
  - {id: not-ready, label: Not ready}
"""


def _answers(folder: Path, name: str, role: str, encryption: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(
        "format: 1\nrubric: {id: pooled-check, version: 1.0.0}\ninitiative: Riverside hub\n"
        f'respondent: {{name: "{name}", role: {role}}}\ndate: 2026-10-01\nanswers:\n  encryption: "{encryption}"\n',
        encoding="utf-8",
    )


@pytest.fixture
def pooled(tmp_path: Path) -> Path:
    """``big``: 21 leads who say the data is encrypted and one technical person who says it is not
    (more than a report names); ``team``: two leads and that person; ``one``: that person alone."""
    (tmp_path / "rubric.yaml").write_text(POOLED_RUBRIC, encoding="utf-8")
    for index in range(1, 22):
        _answers(tmp_path / "big", f"lead-{index:02d}", "lead", "yes")
    for folder in ("big", "team", "one"):
        _answers(tmp_path / folder, "tess", "tech", "no")
    for index in (1, 2):
        _answers(tmp_path / "team", f"lead-{index}", "lead", "yes")
    return tmp_path


def _ci_messages(folder: Path, given: str) -> dict[str, dict[str, str]]:
    """The first line of each finding's message in SARIF, Code Quality and the annotations, by rule id."""
    args = ("report", given, "-r", "rubric.yaml", "-q")
    sarif = civdata_in(folder, *args, "-f", "sarif", env=PINNED)
    quality = civdata_in(folder, *args, "-f", "codequality", env=PINNED)
    annotated = civdata_in(folder, *args, "-o", "r.json", "--annotations", "github", env=PINNED)
    assert sarif.returncode == quality.returncode == annotated.returncode == 0, annotated.stderr
    said: dict[str, dict[str, str]] = {"sarif": {}, "codequality": {}, "annotations": {}}
    for result in valid_sarif(sarif.stdout)["runs"][0]["results"]:
        said["sarif"][result["ruleId"]] = result["message"]["text"].splitlines()[0]
    for issue in json.loads(quality.stdout):
        said["codequality"][issue["check_name"]] = issue["description"]
    for line in annotated.stderr.splitlines():
        if line.startswith("::") and "title=" in line:
            said["annotations"][line.split("title=", 1)[1].split("::", 1)[0]] = line.split("::", 2)[2]
    return said


def _markdown(folder: Path, given: str) -> str:
    ran = civdata_in(folder, "report", given, "-r", "rubric.yaml", "-q", "-f", "markdown", env=PINNED)
    assert ran.returncode == 0, ran.stderr
    return " ".join(ran.stdout.split())  # unwrapped


@pytest.mark.parametrize(
    ("group", "raised", "spread"),
    [
        ("big", "1 of 22 respondents", "the spread of 22 answers"),
        ("team", "1 of 3 respondents", "the spread of 3 answers"),
    ],
)
def test_ci_formats_count_who_raised_a_finding_as_the_markdown_report_does(
    pooled: Path, group: str, raised: str, spread: str
) -> None:
    """Out of how many, whatever the group's size; and a disagreement by the answers compared,
    in a large group too (where it had no count) and in a small one (where they were
    "respondents" who raised it)."""
    markdown = _markdown(pooled, group)
    assert f"Raised by {raised}" in markdown and f"Raised by {spread} to `encryption`" in markdown
    said = _ci_messages(pooled, group)
    assert said["sarif"]["encryption:no"] == f"Data not encrypted (raised by {raised})"
    assert said["codequality"]["encryption:no"] == f"Data not encrypted (raised by {raised}). Encrypt it."
    assert said["sarif"]["divergence:encryption"] == f"Respondents disagree on: Encryption (raised by {spread})"
    assert said["codequality"]["divergence:encryption"].startswith(
        f"Respondents disagree on: Encryption (raised by {spread}). Before acting"
    )
    annotations = said["annotations"]
    assert annotations["critical%3A Data not encrypted"].startswith(f"Data not encrypted (raised by {raised})%0A")
    disagree = next(message for title, message in annotations.items() if "disagree" in title)
    assert disagree.startswith(f"Respondents disagree on: Encryption (raised by {spread})%0A")


def test_ci_formats_give_no_count_in_a_report_on_one_person(pooled: Path) -> None:
    """As the Markdown report, which says "Raised by the answer …", not "1 of 1"."""
    markdown = _markdown(pooled, "one/tess.yaml")
    assert "Raised by the answer “No” to *Encryption*" in markdown and "Raised by 1" not in markdown
    said = _ci_messages(pooled, "one/tess.yaml")
    assert said["sarif"]["encryption:no"] == "Data not encrypted"
    assert said["codequality"]["encryption:no"] == "Data not encrypted. Encrypt it."
    assert said["annotations"]["critical%3A Data not encrypted"] == "Data not encrypted%0AEncrypt it."
