"""Fixes of the review "verdicts2", finding 4: "not applicable" beside another respondent's scored
answer is a disagreement on whether the question applies. Each test was written before its fix
and seen to fail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, civdata_in, unwrapped
from tests.report_schema import report_document

#: The reviewer's rubric: a redress question (weight 2) whose options include "not applicable",
#: and a training question both roles answer alike.
NA_RUBRIC = """\
format: 1
id: na
version: 1.0.0
title: Redress check
description: Repro.
license: CC-BY-4.0
authors: [Reviewer]
roles:
  - {id: lead, label: Lead, expected: true}
  - {id: community, label: Community, expected: true, weight: 1.5}
areas:
  - id: a
    title: Protection
    questions:
      - id: redress
        title: Redress
        prompt: Can people harmed by a decision made with the data get it corrected?
        type: single_choice
        weight: 2
        options:
          - value: none
            label: No route
            score: 0
            finding: {severity: medium, title: No route to redress, recommendation: Set one up.}
          - {value: route, label: A route for the data, score: 1}
          - {value: no-decisions, label: "Not applicable: no decisions are made with the data", not_applicable: true}
          - value: unsure
            label: I don't know
            unknown: true
            finding: {severity: medium, title: Nobody knows whether there is redress, recommendation: Find out.}
      - id: training
        title: Training
        prompt: Are staff trained?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0, finding: {severity: medium, title: No training, recommendation: Train.}}
          - {value: unsure, finding: {severity: medium, title: Training not known, recommendation: Find out.}}
verdicts:
  - {id: ok, label: Acceptable, min_score: 50, max_severity: medium, min_coverage: 75}
  - {id: bad, label: Not acceptable}
"""

NA_LABEL = "Not applicable: no decisions are made with the data"


def _team(folder: Path, lead: str, community: str) -> Path:
    """A lead and a community member answering the reviewer's rubric, in ``folder``."""
    folder.mkdir(parents=True)
    for name, role, redress in (("Dana", "lead", lead), ("Marcus", "community", community)):
        (folder / f"{role}.yaml").write_text(
            "format: 1\nrubric: {id: na, version: 1.0.0}\ninitiative: X\n"
            f'respondent: {{name: {name}, role: {role}}}\nanswers:\n  redress: {redress}\n  training: "yes"\n',
            encoding="utf-8",
        )
    return folder


def _json_report(cwd: Path, *args: object) -> tuple[int, Any]:
    done = civdata_in(cwd, "report", *args, "--format", "json", "-o", "-", "--fail-on", "high")
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, report_document(done.stdout)


def test_not_applicable_beside_the_worst_answer_is_a_disagreement_on_whether_it_applies(tmp_path: Path) -> None:
    """The lead says redress does not apply (no decisions are made with the data), the community
    member that there is no route to redress: no alignment finding was raised, the verdict was
    kinder than where the lead says a route exists, and the report said "Every role scored the
    same in Protection (100)" of a community whose area score is 33.3."""
    (tmp_path / "na.yaml").write_text(NA_RUBRIC, encoding="utf-8")
    _team(tmp_path / "t-route", "route", "none")
    _team(tmp_path / "t-na", "no-decisions", "none")
    best_exit, best = _json_report(tmp_path, "t-route", "--rubric", "na.yaml")
    na_exit, document = _json_report(tmp_path, "t-na", "--rubric", "na.yaml")
    order = [verdict["id"] for verdict in yaml.safe_load(NA_RUBRIC)["verdicts"]]
    assert order.index(document["verdict"]["id"]) >= order.index(best["verdict"]["id"]), "kinder for NA"
    assert na_exit >= best_exit == 1
    finding = next(item for item in document["findings"] if item["id"] == "divergence:redress")
    assert finding["severity"] == "high", finding  # a complete disagreement, at the question's weight of 2
    assert "whether" in finding["title"] and "applies" in finding["title"], finding["title"]
    [question] = document["divergence"]["questions"]
    assert (question["spread"], question["spread_of"]) == (1.0, "applicability"), question
    answers = {item["answer"]: item for item in question["answers"]}
    assert answers[NA_LABEL]["score"] is None and answers[NA_LABEL]["by_role"] == {"lead": 1}
    assert answers["No route"]["score"] == 0.0
    [area] = document["divergence"]["areas"]
    assert area["questions"] == 1, "the roles' area comparison rests on training alone"

    markdown = civdata_in(tmp_path, "report", "t-na", "--rubric", "na.yaml", "-o", "r.md")
    assert markdown.returncode == 0, markdown.stderr
    text = unwrapped((tmp_path / "r.md").read_text(encoding="utf-8"))
    assert "No question's answers lie" not in text
    assert "Every role scored the same in Protection (100)" not in text
    section = text[text.index("### Areas where roles disagree most") :].split("\n## ")[0]
    assert "Lead and Community: 100 on 1 of its 2 scored questions" in section, section
    disagreement = text[text.index("## Where respondents disagree") :]
    assert "disagree on whether the question applies" in disagreement.split("### Areas")[0], disagreement[:2000]
    assert f"| {NA_LABEL} | not applicable | 1 | Dana (Lead) |" in text, text


def test_everyone_answering_not_applicable_agrees(tmp_path: Path) -> None:
    """Two respondents who both say the question does not apply agree: no alignment finding."""
    (tmp_path / "na.yaml").write_text(NA_RUBRIC, encoding="utf-8")
    _team(tmp_path / "t", "no-decisions", "no-decisions")
    code, document = _json_report(tmp_path, "t", "--rubric", "na.yaml")
    assert code == 0
    assert document["divergence"]["questions"] == []
    assert not [item for item in document["findings"] if item["id"].startswith("divergence:")]


def test_the_bundled_rubric_compares_not_applicable_with_a_known_answer(tmp_path: Path) -> None:
    """The bundled rubric's case: a lead who says no decision reaches anyone outside the data
    (``affected-outside-data: no-decisions``) beside a community member who says nobody has
    considered them (``not-considered``) raised no alignment finding, where the lead's "heard"
    raised a medium one."""
    example = ROOT / "examples" / "county-justice"
    severities = {}
    for lead_says in ("heard", "no-decisions"):
        folder = tmp_path / lead_says
        folder.mkdir()
        for role in ("lead", "community"):
            data = yaml.safe_load((example / f"{role}.yaml").read_text(encoding="utf-8"))
            data["answers"]["affected-outside-data"] = lead_says if role == "lead" else "not-considered"
            (folder / f"{role}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        _, document = _json_report(tmp_path, lead_says)
        found = {item["id"]: item for item in document["findings"]}
        severities[lead_says] = found["divergence:affected-outside-data"]["severity"]
        if lead_says == "no-decisions":
            assert "applies" in found["divergence:affected-outside-data"]["title"]
            assert json.dumps(document["verdict"])  # a verdict is given
    assert severities == {"heard": "medium", "no-decisions": "medium"}
