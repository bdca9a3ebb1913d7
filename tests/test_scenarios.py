"""civdata's verdicts and top findings checked against a practitioner's judgement.

Each scenario in ``tests/scenarios/`` is an answers file (``NAME.yaml``) and the judgement an
experienced practitioner made of it (``NAME.expected.yaml``), committed before civdata was ever
run on it (the commit "Scenario expectations, written before running civdata"). Every report
here comes from a real ``civdata report NAME.yaml -f json`` process, as a user would run it.

"Top findings" means among the most severe. The report lists findings most severe first and,
within one severity, in rubric order, which ranks nothing. So an expected finding is "top" when
it is among the first ``TOP_N`` = 5 findings, or as severe as the fifth: five is about what a
reader of a report acts on first, and a finding tied in severity with the fifth is as much among
the most severe as the fifth is, whatever its place in the rubric. The check still fails when an
expected finding is missing, or milder than the five most severe.

Where civdata and the judgement disagree, the expectation is not edited to match: see
``tests/scenarios/DISAGREEMENTS.md`` and the ``revised`` field of an expectation file.
"""

from __future__ import annotations

import functools
import subprocess
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, civdata_command
from tests.report_schema import report_document

SCENARIOS = ROOT / "tests" / "scenarios"

RUBRIC = ROOT / "rubrics" / "civil-society-data-readiness.yaml"
NAMES = (
    "newsroom-leak",
    "refugee-services",
    "food-bank-network",
    "tenant-organising",
    "county-collaborative",
    "social-media-scraping",
    "single-org-survey",
    "open-data-release",
)
TOP_N = 5
SEVERITIES = ("critical", "high", "medium", "low", "info")  # most severe first


def top_findings(findings: list[dict[str, Any]], n: int = TOP_N) -> list[dict[str, Any]]:
    """The report's first ``n`` findings, and every later one as severe as the ``n``-th.

    ``findings`` are in report order (most severe first), so the result is a prefix of it."""
    if len(findings) <= n:
        return list(findings)
    floor = SEVERITIES.index(findings[n - 1]["severity"])
    return [finding for finding in findings if SEVERITIES.index(finding["severity"]) <= floor]


@functools.cache
def report(name: str) -> dict[str, Any]:
    """The JSON report civdata writes for scenario ``name``, from a real process."""
    done = subprocess.run(
        [*civdata_command(), "report", str(SCENARIOS / f"{name}.yaml"), "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = report_document(done.stdout)
    return result


def expectation(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SCENARIOS / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    return data


def slots(expected: dict[str, Any]) -> list[list[str]]:
    """Each expected top finding as its list of acceptable ids (one id, or alternatives)."""
    return [[slot] if isinstance(slot, str) else list(slot) for slot in expected["top_findings"]]


@functools.cache
def rubric_ids() -> tuple[frozenset[str], frozenset[str]]:
    """The rubric's verdict ids and every finding id it can raise (options, bands, rules)."""
    rubric = yaml.safe_load(RUBRIC.read_text(encoding="utf-8"))
    findings = {f"rule:{rule['id']}" for rule in rubric["rules"]}
    for area in rubric["areas"]:
        for question in area["questions"]:
            findings.update(
                f"{question['id']}:{option['value']}" for option in question.get("options", []) if "finding" in option
            )
            findings.update(
                f"{question['id']}:band-{index}"
                for index, band in enumerate(question.get("bands", []))
                if "finding" in band
            )
    return frozenset(verdict["id"] for verdict in rubric["verdicts"]), frozenset(findings)


def describe(found: dict[str, Any]) -> str:
    """What a failure message needs to show: verdict, score, coverage and the ranked findings."""
    lines = [
        f"verdict {found['verdict']['id']}, overall {found['overall']['percent']}, "
        f"coverage {found['coverage']['percent']}%",
    ]
    lines += [f"  {rank}. {each['severity']:8} {each['id']}" for rank, each in enumerate(found["findings"], 1)]
    return "\n".join(lines)


def test_every_scenario_has_its_answers_and_its_expectation() -> None:
    on_disk = {path.name for path in SCENARIOS.glob("*.yaml")}
    expected = {f"{name}.yaml" for name in NAMES} | {f"{name}.expected.yaml" for name in NAMES}
    assert on_disk == expected


@pytest.mark.parametrize("name", NAMES)
def test_the_expectation_names_a_verdict_and_findings_the_rubric_has(name: str) -> None:
    """A misspelt id would make a slot impossible to meet; say so plainly instead."""
    expected = expectation(name)
    verdicts, findings = rubric_ids()
    assert expected["verdict"] in verdicts
    assert len(expected["top_findings"]) == 3
    assert all(finding in findings for slot in slots(expected) for finding in slot)
    assert isinstance(expected["rationale"], str) and len(expected["rationale"].split()) >= 60


@pytest.mark.parametrize("name", NAMES)
def test_a_revised_expectation_keeps_the_original_and_says_why(name: str) -> None:
    expected = expectation(name)
    for revision in expected.get("revised", []):
        assert set(revision) == {"original", "new", "reason"}
        assert revision["original"] != revision["new"]
        assert len(revision["reason"].split()) >= 15
    if expected.get("revised"):
        latest = expected["revised"][-1]["new"]
        assert latest == {key: expected[key] for key in latest}


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_the_lead_answered_every_question_that_applies(name: str) -> None:
    found = report(name)
    assert found["respondent"]["role"] == "lead"
    assert found["coverage"]["unanswered_required"] == []
    assert found["coverage"]["percent"] == 100.0


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_the_verdict_is_the_practitioners(name: str) -> None:
    found = report(name)
    assert found["verdict"]["id"] == expectation(name)["verdict"], describe(found)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_the_expected_findings_are_among_the_most_severe(name: str) -> None:
    found = report(name)
    top = {finding["id"] for finding in top_findings(found["findings"])}
    missing = [slot for slot in slots(expectation(name)) if not top.intersection(slot)]
    assert missing == [], describe(found)


def finding(severity: str, number: int) -> dict[str, Any]:
    return {"id": f"q{number}:x", "severity": severity}


def test_top_means_the_first_five_and_any_as_severe_as_the_fifth() -> None:
    severities = ["critical", "high", "high", "medium", "medium", "medium", "low"]
    ranked = [finding(severity, number) for number, severity in enumerate(severities)]
    assert top_findings(ranked) == ranked[:6]
    all_high = [finding("high", number) for number in range(9)]
    assert top_findings(all_high) == all_high
    few = [finding("low", 0), finding("info", 1)]
    assert top_findings(few) == few
    mixed = [finding(severity, number) for number, severity in enumerate(["critical"] * 5 + ["high"] * 3)]
    assert top_findings(mixed) == mixed[:5]
