"""What the JSON report says about who raised what, per role, and with which role weights: defects
an outside review found on 2026-11-27, reading the JSON report as a data analyst would.

Every expected outcome here was written from the documentation before the fix was made, and each
test failed on the code before it: the JSON report had no per-role counts for findings and
strengths (docs/multi-respondent.md, "Large groups": "for each finding and each strength, how many
raised it, per role"; docs/json-report.md: it "carries the same content as the Markdown report"),
and ``method.role_weights`` left out the weight of respondents who state no role, so the combined
score could not be recomputed from the JSON report alone.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command
from tests.report_schema import report_document

#: Three roles, one question: "no" raises a finding, "yes" is a strength.
RUBRIC = """\
format: 1
id: counted
version: 1.0.0
title: Counted
description: One question whose answers raise a finding or show a strength.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: Lead organisation}
  - {id: community, label: Community, weight: 1.5}
  - {id: funder, label: Funder, weight: 0.5}
areas:
  - id: people
    title: People
    questions:
      - id: heard
        title: Heard
        prompt: Have the people in the data been heard?
        type: yes_no
        options:
          - {value: "yes", score: 1, strength: The people in the data have been heard.}
          - value: "no"
            score: 0
            finding: {severity: high, title: Nobody was heard, recommendation: Hear them.}
verdicts:
  - {id: done, label: Done}
"""


def write_group(folder: Path, people: list[tuple[str, str]]) -> Path:
    """One answers file per (role, answer) in ``folder``, and the rubric beside it."""
    folder.mkdir()
    rubric = folder.parent / "counted.yaml"
    rubric.write_text(RUBRIC, encoding="utf-8")
    for index, (role, answer) in enumerate(people, 1):
        (folder / f"p{index:03d}.yaml").write_text(
            "format: 1\nrubric: {id: counted, version: 1.0.0}\ninitiative: Test\n"
            f"respondent: {{name: Person {index}, role: {json.dumps(role)}}}\ndate: '2026-01-01'\n"
            f'answers:\n  heard: "{answer}"\n',
            encoding="utf-8",
        )
    return rubric


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False)


def report(*args: str | Path, fmt: str = "json") -> str:
    result = run("report", *args, "-f", fmt, "-o", "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


#: 20 respondents, a large group: 6 community members (4 say "no"), 10 lead staff (3 say "no"),
#: 4 funders (none says "no").
LARGE = [("community", "no")] * 4 + [("community", "yes")] * 2 + [("lead", "no")] * 3 + [("lead", "yes")] * 7
LARGE += [("funder", "yes")] * 4


def test_a_large_groups_json_counts_who_raised_each_finding_and_strength_per_role(tmp_path: Path) -> None:
    """The Markdown says "Raised by 7 of 20 respondents (Lead organisation: 3 of 10; Community: 4 of
    6)"; the JSON report gives the same counts, by role id, in the rubric's order of roles."""
    rubric = write_group(tmp_path / "group", LARGE)
    document = report_document(report(tmp_path / "group", "--rubric", rubric))
    finding = next(item for item in document["findings"] if item["id"] == "heard:no")
    assert finding["source"]["count"] == 7
    assert finding["source"]["respondents"] == []
    assert list(finding["source"]["by_role"].items()) == [("lead", 3), ("community", 4)]
    disagreement = next(item for item in document["findings"] if item["id"] == "divergence:heard")
    assert disagreement["source"]["count"] == 20
    assert list(disagreement["source"]["by_role"].items()) == [("lead", 10), ("community", 6), ("funder", 4)]
    (strength,) = document["strengths"]
    assert strength["count"] == 13
    assert list(strength["by_role"].items()) == [("lead", 7), ("community", 2), ("funder", 4)]
    markdown = report(tmp_path / "group", "--rubric", rubric, fmt="markdown")
    assert "(Lead organisation: 3 of 10; Community: 4 of 6)" in re.sub(r"\s+", " ", markdown)


def test_a_small_groups_json_counts_per_role_too_so_a_reader_need_not_branch(tmp_path: Path) -> None:
    """In every report, not only in a large group: a consumer reads ``by_role`` whatever the size."""
    rubric = write_group(tmp_path / "group", [("community", "no"), ("lead", "no"), ("lead", "yes")])
    document = report_document(report(tmp_path / "group", "--rubric", rubric))
    finding = next(item for item in document["findings"] if item["id"] == "heard:no")
    assert finding["source"]["by_role"] == {"lead": 1, "community": 1}
    assert finding["source"]["respondents"] == ["Person 1", "Person 2"]
    disagreement = next(item for item in document["findings"] if item["id"] == "divergence:heard")
    assert (
        disagreement["source"]["by_role"]
        == {"lead": 2, "community": 1}
        == {
            role: sum(answer["by_role"].get(role, 0) for answer in document["divergence"]["questions"][0]["answers"])
            for role in ("lead", "community")
        }
    )
    (strength,) = document["strengths"]
    assert strength["by_role"] == {"lead": 1}


@pytest.mark.parametrize("answer", ["no", "yes"])
def test_a_single_reports_findings_and_strengths_have_an_empty_count_per_role(tmp_path: Path, answer: str) -> None:
    """A single report counts nobody (``respondents`` empty, ``count`` null or 0): so does ``by_role``."""
    rubric = write_group(tmp_path / "group", [("lead", answer)])
    document = report_document(report(tmp_path / "group" / "p001.yaml", "--rubric", rubric))
    assert document["kind"] == "single"
    for item in [finding["source"] for finding in document["findings"]] + document["strengths"]:
        assert item["by_role"] == {}


def test_the_schema_describes_by_role_once_for_every_place_it_appears() -> None:
    """One definition of "how many in each role", referred to wherever a report counts by role."""
    result = run("schema", "report")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    definitions = schema["$defs"]
    assert definitions["by_role"]["additionalProperties"] == {"type": "integer", "minimum": 1}
    assert definitions["finding"]["properties"]["source"]["properties"]["by_role"]["$ref"] == "#/$defs/by_role"
    assert definitions["strength"]["properties"]["by_role"]["$ref"] == "#/$defs/by_role"
    elsewhere = schema | {"$defs": {key: value for key, value in definitions.items() if key != "by_role"}}
    assert '"additionalProperties": {"type": "integer", "minimum": 1}' not in json.dumps(elsewhere)


@pytest.mark.parametrize("blank", ['""', "null"])
def test_the_weight_of_respondents_without_a_role_is_in_the_json_so_the_score_can_be_recomputed(
    tmp_path: Path, blank: str
) -> None:
    """A blank role is allowed (docs/answers-format.md: "Leaving ... respondent.role blank is
    allowed"; an import without the role field writes it so). Those respondents are combined as
    one role of their own, id "", of weight 1 (docs/multi-respondent.md, step 3), and
    ``method.role_weights``, "the rubric's role weights" used, lists it: from the JSON alone the
    combined score is the role scores averaged with those weights."""
    rubric = write_group(tmp_path / "group", [("lead", "yes"), ("community", "no"), ("funder", "yes")])
    (tmp_path / "group" / "p004.yaml").write_text(
        "format: 1\nrubric: {id: counted, version: 1.0.0}\ninitiative: Test\n"
        f"respondent: {{name: No role person, role: {blank}}}\ndate: '2026-01-01'\nanswers:\n  heard: \"no\"\n",
        encoding="utf-8",
    )
    document = report_document(report(tmp_path / "group", "--rubric", rubric))
    weights = document["method"]["role_weights"]
    assert weights == {"lead": 1.0, "community": 1.5, "funder": 0.5, "": 1.0}
    roles = {role["id"]: role for role in document["roles"]}
    assert roles[""]["weight"] == weights[""]
    scores = [(weights[role_id], role["areas"][0]["percent"]) for role_id, role in roles.items()]
    recomputed = sum(weight * percent for weight, percent in scores) / sum(weight for weight, _ in scores)
    assert document["areas"][0]["percent"] == pytest.approx(recomputed, abs=0.05)
    assert document["areas"][0]["percent"] == pytest.approx(100 * (1 + 0 + 0.5 + 0) / 4, abs=0.05)


def test_respondents_without_a_role_are_counted_apart_from_the_roles_in_every_header(tmp_path: Path) -> None:
    """An outside facilitator: "2 respondents in 2 roles" for one community member and one person
    whose role was blank, who is in no role of the rubric. The header counts roles, then those
    without one."""
    rubric = write_group(tmp_path / "group", [("community", "yes"), ("lead", "no"), ("lead", "yes"), ("", "no")])
    expected = "4 respondents in 2 roles and 1 without one"
    for fmt in ("markdown", "html", "text"):
        assert expected in " ".join(report(tmp_path / "group", "--rubric", rubric, fmt=fmt).split()), fmt
    alone = write_group(tmp_path / "alone", [("", "no"), ("", "yes")])
    assert "2 respondents without a role" in report(tmp_path / "alone", "--rubric", alone, fmt="markdown")
