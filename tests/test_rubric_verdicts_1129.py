"""The bundled rubric's verdicts, from the outside review of verdicts of 2026-11-29 (rubric 1.2.3):
one ticked option no longer stands for the safeguards that matter. Its expectations were written
before civdata was run on them (the review), and each was seen to fail with rubric 1.2.2.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import ROOT
from tests.test_ci_review_1129 import run

PERFECT = ROOT / "tests" / "fixtures" / "verdicts" / "perfect-lead.yaml"


def _verdict_of(tmp_path: Path, name: str, **answers: object) -> tuple[str, list[str], int]:
    """The verdict, the ids of the critical and high findings, and the exit code of ``--fail-on
    high``, for the perfect lead's file with ``answers`` changed."""
    data = yaml.safe_load(PERFECT.read_text(encoding="utf-8"))
    data["answers"].update(answers)
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    done = run("report", f"{name}.yaml", "--fail-on", "high", "-o", f"{name}.json", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    serious = [finding["id"] for finding in report["findings"] if finding["severity"] in ("critical", "high")]
    return report["verdict"]["id"], serious, done.returncode


AT_RISK = {"people-at-risk": "yes", "threat-model": "written-reviewed"}


def test_one_token_safeguard_no_longer_clears_a_critical_rule_of_the_bundled_rubric(tmp_path: Path) -> None:
    """The review of verdicts, its expectations written before running civdata: record-level and
    open data about migrants whose only release check is consent for case stories, and data
    about migrants protected only by tested backups, were "Ready" with no finding above info,
    where ticking "none" was "Not ready". The rules now test the safeguards that matter."""
    migrants = {**AT_RISK, "people-described": ["service-users", "migrants"]}
    released = {**migrants, "outputs-shared": ["record-level", "open-data"]}
    # Written rules and a second person's check were expected "Not ready" here, without a test of
    # recognition; the practitioner's refugee-services scenario, written before civdata was ever
    # run, judges such a pseudonymised export "ready with conditions", and it came first: written
    # rules are a check that matters, as the combination test is (below).
    for check in (["story-consent"], ["other"], ["second-person"], ["none"]):
        assert _verdict_of(tmp_path, "released", **released, **{"disclosure-control": check}) == (
            "not-ready",
            ["rule:at-risk-records-released"],
            1,
        ), check
    for check in (["combination-test"], ["written-rules", "second-person"]):
        assert _verdict_of(tmp_path, "tested", **released, **{"disclosure-control": check})[0] == "ready", check
    for measures in (["tested-backups"], ["other"], ["none"]):
        verdict, serious, code = _verdict_of(tmp_path, "secured", **migrants, **{"security-measures": measures})
        assert (verdict, "rule:at-risk-weak-security" in serious, code) == ("not-ready", True, 1), measures
    assert _verdict_of(tmp_path, "encrypted", **migrants, **{"security-measures": ["encryption"]})[0] == "ready"


def test_more_safeguards_on_automated_decisions_never_give_a_better_verdict_to_fewer(tmp_path: Path) -> None:
    """The review of verdicts: a tool deciding about people at risk with nobody involved, whose
    only safeguard was a check of error rates by group, was "Ready" and passed --fail-on high,
    while explanation, human review, a way to challenge and a switch-off (no check by group)
    failed it. With nobody reviewing and no way to challenge, it is high too."""
    deciding = {**AT_RISK, "automated-decisions": "decides"}
    only_tested = _verdict_of(tmp_path, "a1", **deciding, **{"automation-safeguards": ["tested-groups"]})
    four = ["explained", "human-review", "challenge", "switch-off"]
    four_others = _verdict_of(tmp_path, "a2", **deciding, **{"automation-safeguards": four})
    assert only_tested == ("ready-with-conditions", ["rule:automated-deciding-unreviewed"], 1)
    assert four_others == ("ready-with-conditions", ["rule:automated-untested-for-groups"], 1)
    everything = _verdict_of(tmp_path, "a3", **deciding, **{"automation-safeguards": [*four, "tested-groups"]})
    assert everything[:2] == ("ready", [])
    # A person decides every case: a check by group alone raises nothing more than before.
    assisted = _verdict_of(
        tmp_path, "a4", **AT_RISK, **{"automated-decisions": "assists", "automation-safeguards": ["tested-groups"]}
    )
    assert assisted[:2] == ("ready", [])
