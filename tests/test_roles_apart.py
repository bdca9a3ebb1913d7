"""Two roles that really differ always raise a disagreement, at the severity of their gap, and the
rubric's threshold decides how far apart is far: defects an outside review found (2026-11-28).

Every expected outcome here was written from docs/multi-respondent.md and docs/rubric-format.md
before the fix, and each test failed on the code before it:

- three leads who say "five or more organisations" and three funders who say "only one" were a
  high disagreement beside one community member who says "two to four", and a medium one beside
  forty-four who do: each role was measured only against the median of everyone else (the middle
  answer), and the trimmed range left out both three-person groups as outliers. The verdict became
  "Ready" and ``--fail-on high`` passed, while the report itself gave the two roles' medians as
  0 and 100;
- a role counted as apart from the others only at 0.4 of the question's range, whatever the
  rubric's ``divergence.threshold`` ("smallest spread reported as a disagreement"): with a
  threshold of 0.3, one lead 0.3 from forty-nine community members raised nothing, while
  twenty-five against twenty-five did.

civdata runs as a real subprocess, on answers files written to a folder, as a person runs it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command
from tests.report_schema import report_document

#: Three roles; a gate question (weight 0) with three answers, and a question whose answers score
#: in tenths. Ready while no finding is above medium.
RUBRIC = """\
format: 1
id: apart
version: 1.0.0
title: Apart
description: A gate question and a scored one, to compare roles on.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: Lead organisation}
  - {id: funder, label: Funder}
  - {id: community, label: Community}
areas:
  - id: people
    title: People
    questions:
      - id: partners
        title: Organisations contributing data
        prompt: How many organisations contribute data?
        type: single_choice
        weight: 0
        options:
          - {value: one, label: Only one organisation, score: 1}
          - {value: few, label: Two to four organisations, score: 0.5}
          - {value: many, label: Five or more organisations, score: 0}
      - id: voice
        title: Voice
        prompt: How do the people in the data take part in decisions?
        type: single_choice
        options:
          - {value: none, label: They do not, score: 0}
          - {value: once, label: Consulted once, score: 0.3}
          - {value: advise, label: They advise, score: 0.6}
          - {value: share, label: They share decisions, score: 1}
verdicts:
  - {id: ready, label: Ready, max_severity: medium}
  - {id: not-ready, label: Not ready}
divergence:
  threshold: THRESHOLD
"""


def write_group(folder: Path, people: list[tuple[str, dict[str, str]]], *, threshold: float = 0.4) -> Path:
    """One answers file per (role, answers) in ``folder``, and the rubric (at ``threshold``) beside it."""
    folder.mkdir()
    rubric = folder.parent / "apart.yaml"
    rubric.write_text(RUBRIC.replace("THRESHOLD", str(threshold)), encoding="utf-8")
    for index, (role, answers) in enumerate(people, 1):
        lines = "".join(f"  {question}: {value}\n" for question, value in answers.items())
        (folder / f"p{index:03d}.yaml").write_text(
            "format: 1\nrubric: {id: apart, version: 1.0.0}\ninitiative: Test\n"
            f"respondent: {{name: Person {index}, role: {role}}}\ndate: '2026-01-01'\nanswers:\n{lines}",
            encoding="utf-8",
        )
    return rubric


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False)


def json_report(folder: Path, rubric: Path) -> dict:
    result = run("report", folder, "--rubric", rubric, "-f", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    document: dict = report_document(result.stdout)
    return document


def disputed(document: dict) -> dict[str, tuple[float, str]]:
    return {item["question"]: (item["spread"], item["severity"]) for item in document["divergence"]["questions"]}


def split(middle: int) -> list[tuple[str, dict[str, str]]]:
    """Three leads who say five or more organisations, three funders who say only one, and
    ``middle`` community members who say two to four; everyone shares decisions with the people
    in the data."""
    return (
        [("lead", {"partners": "many", "voice": "share"})] * 3
        + [("funder", {"partners": "one", "voice": "share"})] * 3
        + [("community", {"partners": "few", "voice": "share"})] * middle
    )


@pytest.mark.parametrize("middle", [1, 44])
def test_two_roles_completely_apart_stay_a_high_disagreement_whoever_answers_in_between(
    tmp_path: Path, middle: int
) -> None:
    folder = tmp_path / "team"
    rubric = write_group(folder, split(middle))
    document = json_report(folder, rubric)
    # The leads' median is 0 and the funders' 1: the whole of the question's range, on a gate
    # question (counted as weight 1.5), is high, and the verdict cannot be "Ready".
    assert disputed(document) == {"partners": (1.0, "high")}
    (partners,) = document["divergence"]["questions"]
    assert partners["role_medians"] == {"lead": 0.0, "funder": 1.0, "community": 0.5}
    assert document["verdict"]["id"] == "not-ready"
    gate = run("report", folder, "--rubric", rubric, "-q", "-o", tmp_path / "report.md", "--fail-on", "high")
    assert gate.returncode == 1, gate.stderr
    assert "high: Respondents disagree on: Organisations contributing data" in gate.stderr
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Spread 100% of the question's range" in markdown


def test_one_outlier_among_fifty_still_raises_nothing_beside_two_roles_that_agree(tmp_path: Path) -> None:
    # Forty-six community members and three leads say two to four; one lead says five or more.
    folder = tmp_path / "team"
    people = [("lead", {"partners": "many", "voice": "share"})]
    people += [("lead", {"partners": "few", "voice": "share"})] * 3
    people += [("community", {"partners": "few", "voice": "share"})] * 46
    rubric = write_group(folder, people)
    assert disputed(json_report(folder, rubric)) == {}


@pytest.mark.parametrize(("leads", "community"), [(1, 49), (5, 45), (25, 25)])
def test_the_rubrics_threshold_decides_how_far_apart_a_role_is(tmp_path: Path, leads: int, community: int) -> None:
    """Leads who say the people in the data were consulted once (0.3) and community members who
    say they advise (0.6) are 0.3 of the question's range apart: a disagreement at a threshold of
    0.3, however many are in each role (one lead alone in their role is a role), and low on a
    question of weight 1; none at the threshold of 0.4."""
    people = [("lead", {"partners": "one", "voice": "once"})] * leads
    people += [("community", {"partners": "one", "voice": "advise"})] * community
    at_03 = write_group(tmp_path / "at-03", people, threshold=0.3)
    assert disputed(json_report(tmp_path / "at-03", at_03)) == {"voice": (0.3, "low")}
    (tmp_path / "apart.yaml").unlink()
    at_04 = write_group(tmp_path / "at-04", people, threshold=0.4)
    assert disputed(json_report(tmp_path / "at-04", at_04)) == {}
