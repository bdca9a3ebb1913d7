"""Found by a second outside review of the comparison (2026-11-27), after the day's first fixes;
each checked to fail before its fix. Expected verdicts written before civdata was run.

- A missing voice compared between a report on one person and a combined report: the community
  unheard on both sides was "new" (and failed the gate), or "resolved" (and a ticked action done).
- A change of role the other way (community then, lead now): findings resting on questions not
  asked of the community were "new".
- A rule's finding raised now whose question was left blank then (and not raised then, so ruled
  out by the answers given) was "not compared", where "I don't know" both times made it new.
- One answer that made a rule hold counted as "2 new": the rule and the finding it states.
- A finding stated in a rule's context was credited to every respondent of the rule: a newcomer's
  finding failed the gate as new.
- SARIF marked nothing new for a gate failed on a finding new inside a rule still open.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, civdata_in

COUNTY = ROOT / "examples" / "county-justice"


def edited(source: Path, target: Path, *, date: str | None = None, **changes: Any) -> Path:
    """An example answers file with ``changes`` (answer id with - as _; None removes; respondent
    fields as ``respondent_name`` and the like)."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if date is not None:
        data["date"] = date
    for key, value in changes.items():
        if key.startswith("respondent_"):
            data["respondent"][key.removeprefix("respondent_")] = value
        elif value is None:
            data["answers"].pop(key.replace("_", "-"), None)
        else:
            data["answers"][key.replace("_", "-")] = value
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def report(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, "report", "-q", *args)


def progress(*args: object, cwd: Path) -> dict[str, Any]:
    result = report(*args, "-f", "json", "-o", "-", cwd=cwd)
    return json.loads(result.stdout)["progress"]


def ids(findings: list[dict[str, Any]]) -> set[str]:
    return {finding["id"] for finding in findings}


def test_the_community_unheard_then_and_now_is_neither_new_nor_resolved(tmp_path: Path) -> None:
    lead = COUNTY / "lead.yaml"
    edited(lead, tmp_path / "now" / "lead.yaml", date="2027-01-14")
    edited(COUNTY / "funder.yaml", tmp_path / "now" / "funder.yaml", date="2027-01-14")
    # The lead alone then ("one voice": the community unheard), lead and funder now (its missing voice).
    result = report("now", "--baseline", lead, "--fail-on-regression", "high", "-f", "json", "-o", "-", cwd=tmp_path)
    found = json.loads(result.stdout)["progress"]["findings"]
    assert "role:community" not in ids(found["new"]) and "role:community" in ids(found["still_open"])
    # And back: both then, the lead alone now.
    back = progress(
        edited(lead, tmp_path / "lead-now.yaml", date="2027-01-14"), "--baseline", COUNTY / "lead.yaml", cwd=tmp_path
    )
    assert "role:community" not in ids(back["findings"]["resolved"])
    combined_then = progress(tmp_path / "lead-now.yaml", "--baseline", tmp_path / "now", cwd=tmp_path)
    assert "role:community" not in ids(combined_then["findings"]["resolved"])


def test_findings_on_questions_not_asked_of_the_role_then_are_not_new(tmp_path: Path) -> None:
    then = edited(COUNTY / "lead.yaml", tmp_path / "then.yaml", respondent_role="community")
    now = edited(COUNTY / "lead.yaml", tmp_path / "now.yaml", date="2027-01-14")
    result = report(now, "--baseline", then, "--fail-on-regression", "medium", "-f", "json", "-o", "-", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert document["progress"]["findings"]["new"] == [], document["progress"]["findings"]["new"]
    assert any("not asked then of the role" in sentence for sentence in document["progress"]["not_compared"])


def test_a_rule_raised_now_though_its_question_was_blank_then_is_new(tmp_path: Path) -> None:
    described = ["service-users", "organisations"]
    then = edited(
        COUNTY / "lead.yaml",
        tmp_path / "then.yaml",
        people_described=described,
        people_at_risk="no",
        ethics_review=None,
    )
    now = edited(then, tmp_path / "now.yaml", date="2027-01-14", people_at_risk="yes")
    result = report(now, "--baseline", then, "--fail-on-regression", "high", "-o", "r.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "rule" not in " ".join(progress(now, "--baseline", then, cwd=tmp_path)["not_compared"])


def test_one_answer_that_makes_a_rule_hold_is_one_new_finding(tmp_path: Path) -> None:
    then = edited(COUNTY / "lead.yaml", tmp_path / "then.yaml", threat_model="written-reviewed")
    now = edited(COUNTY / "lead.yaml", tmp_path / "now.yaml", date="2027-01-14", threat_model="not-considered")
    found = progress(now, "--baseline", then, cwd=tmp_path)["findings"]
    assert [finding["id"] for finding in found["new"]] == ["rule:at-risk-without-threat-model"], found["new"]


def test_a_newcomer_s_finding_stated_in_a_rule_is_not_new(tmp_path: Path) -> None:
    lead = COUNTY / "lead.yaml"
    described = ["service-users", "health", "organisations"]
    pat = {"respondent_name": "Pat Lee", "respondent_role": "partner", "respondent_organisation": "Eastside"}
    then = edited(
        lead,
        tmp_path / "then" / "pat.yaml",
        people_described=described,
        people_at_risk="no",
        ethics_review="none",
        **pat,
    )
    edited(then, tmp_path / "now" / "pat.yaml", date="2027-01-14")
    edited(
        lead,
        tmp_path / "now" / "dana.yaml",
        date="2027-01-14",
        people_described=described[::2],
        people_at_risk="unsure",
        ethics_review="none",
    )
    found = progress("now", "--baseline", then, cwd=tmp_path)["findings"]
    assert "people-at-risk:unsure" not in ids(found["new"]), found["new"]


def test_sarif_marks_a_rule_still_open_that_states_a_new_finding_as_updated(tmp_path: Path) -> None:
    then = edited(COUNTY / "lead.yaml", tmp_path / "then.yaml", end_of_life="written-plan")
    now = edited(COUNTY / "lead.yaml", tmp_path / "now.yaml", date="2027-01-14", end_of_life="not-discussed")
    result = report(now, "--baseline", then, "--fail-on-regression", "high", "-f", "sarif", "-o", "-", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    states = {item["ruleId"]: item.get("baselineState") for item in json.loads(result.stdout)["runs"][0]["results"]}
    assert states["rule:short-funding-no-end-plan"] == "updated"
