"""A condition compares a question with values its answers can take, or the rubric is refused.

The outside review of 2026-11-26 found a critical rule that tested a number question against the
text "12": it was accepted, and never fired, so the report gave no finding and a better verdict.
Run as a user runs it: the rubric is refused at the value, with the fix, and no report is made
from it. The exact messages for every question type and operator are in
tests/cases/rubrics/bad/condition-values.yaml and conditions-never-hold.yaml.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import civdata_command

RUBRIC = """\
format: 1
id: funded
version: 1.0.0
title: Funding and threat model
description: A critical rule on a number answer and a yes/no answer.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: Lead}
areas:
  - id: lifecycle
    title: Lifecycle
    questions:
      - id: funded-months
        title: Funded months
        prompt: How many months are funded?
        type: number
        min: 0
        max: 120
        integer: true
        bands:
          - {max: 24, score: 0}
          - {min: 24, score: 1}
      - id: threat-model
        title: Threat model
        prompt: Is there a threat model?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
rules:
  - id: short-and-unprotected
    when:
      all:
        - {question: funded-months, equals: TWELVE}
        - {question: threat-model, equals: "no"}
    finding: {severity: critical, title: A year of money and no threat model, recommendation: Write one now.}
verdicts:
  - {id: ready, label: Ready, max_severity: high}
  - {id: not-ready, label: Not ready}
"""

ANSWERS = """\
format: 1
rubric: {id: funded, version: 1.0.0}
initiative: Tenants
respondent: {role: lead}
answers:
  funded-months: 12
  threat-model: "no"
"""


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *args], capture_output=True, text=True, cwd=folder, timeout=60, check=False
    )


def _write(folder: Path, equals: str) -> None:
    (folder / "rubric.yaml").write_text(RUBRIC.replace("TWELVE", equals), encoding="utf-8")
    (folder / "answers.yaml").write_text(ANSWERS, encoding="utf-8")


def test_a_critical_rule_on_a_number_written_as_text_is_refused_not_silently_never_raised(tmp_path: Path) -> None:
    _write(tmp_path, '"12"')
    validated = _run(tmp_path, "rubric", "validate", "rubric.yaml")
    assert validated.returncode == 2, validated.stdout
    assert (
        "rubric.yaml:35:45: 'funded-months' is a number question: its answers are whole numbers from 0 to 120, "
        "never text; write it 12, without quotes"
    ) in validated.stderr.splitlines()
    reported = _run(tmp_path, "report", "--rubric", "rubric.yaml", "answers.yaml")
    assert reported.returncode == 2
    assert reported.stdout == ""


def test_the_same_rule_written_with_a_number_raises_its_finding(tmp_path: Path) -> None:
    _write(tmp_path, "12")
    assert _run(tmp_path, "rubric", "validate", "rubric.yaml").returncode == 0
    reported = _run(tmp_path, "report", "--rubric", "rubric.yaml", "answers.yaml", "-f", "json", "-o", "-")
    assert reported.returncode == 0, reported.stderr
    assert '"short-and-unprotected"' in reported.stdout
    assert '"not-ready"' in reported.stdout
