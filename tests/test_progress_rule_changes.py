"""A finding of a rule added since the baseline's rubric version is not taken for a new risk.

Found by a review on 2026-11-27: a baseline report made with rubric 1.1.1 (which had no rule
``no-identifying-data-contradiction``) compared with the same answers under 1.2.x listed that
rule's finding as new, and ``--fail-on-regression high`` failed, though no answer it rests on
changed. The rubric's ``changes`` recorded only the questions each version changed; a change now
also lists its ``rules``, and what a rule added, removed or changed since the baseline's version
raises is listed under "not compared" (docs/progress.md), as for changed questions.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from civdata.inputs import load_rubric_spec
from tests.conftest import ROOT, civdata_command, resealed

RULE = "rule:no-identifying-data-contradiction"
THEN = ROOT / "examples" / "county-justice" / "lead.yaml"
NOW = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
SAYS_NOTHING_IDENTIFIES = "  authority-access:\n    value: no-identifying-data"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    """Answers then and now that both say nothing identifies anyone while matching by names (the
    rule's case), and a baseline report of them as rubric 1.1.1 wrote it: without the rule."""
    for source, name in ((THEN, "then.yaml"), (NOW, "now.yaml")):
        text = source.read_text(encoding="utf-8")
        assert "  authority-access:\n    value: partner-access" in text
        (tmp_path / name).write_text(
            text.replace("  authority-access:\n    value: partner-access", SAYS_NOTHING_IDENTIFIES), encoding="utf-8"
        )
    assert run("report", tmp_path / "then.yaml", "-o", tmp_path / "then.json", "-q").returncode == 0
    data = json.loads((tmp_path / "then.json").read_text(encoding="utf-8"))
    assert RULE in [finding["id"] for finding in data["findings"]]
    data["rubric"]["version"] = "1.1.1"
    data["findings"] = [finding for finding in data["findings"] if finding["id"] != RULE]
    data["actions"] = [action for action in data["actions"] if RULE not in action["findings"]]
    # Sealed as rubric 1.1.1's civdata sealed it.
    (tmp_path / "then-1.1.1.json").write_text(json.dumps(resealed(data)), encoding="utf-8")
    return tmp_path / "now.yaml", tmp_path / "then-1.1.1.json"


def test_the_bundled_rubric_records_the_rule_it_added_in_1_2_0() -> None:
    rubric = load_rubric_spec(None)
    change = next(change for change in rubric.changes if change.version == "1.2.0")
    assert change.rules == ("no-identifying-data-contradiction",)
    assert {rule.id for rule in rubric.rules} >= set(change.rules)


def test_a_rule_added_since_the_baseline_is_not_a_new_finding(reports: tuple[Path, Path], tmp_path: Path) -> None:
    now, baseline = reports
    out = tmp_path / "now.json"
    result = run("report", now, "--baseline", baseline, "-o", out)
    assert result.returncode == 0, result.stderr
    progress = json.loads(out.read_text(encoding="utf-8"))["progress"]
    assert RULE not in [finding["id"] for finding in progress["findings"]["new"]]
    assert (
        f"1 finding of rules added or changed since version 1.1.1 is not compared: {RULE}" in (progress["not_compared"])
    )
    # 4 rules since 1.1.1 where it was 1: rubric 1.2.3 changed two rules and added one.
    assert progress["not_compared"][0].startswith(
        "the baseline used version 1.1.1 of the rubric and this report 1.2.3; 1 question and 4 rules changed"
    )
    gate = run("report", now, "--baseline", baseline, "--fail-on-regression", "high", "-o", tmp_path / "g.md")
    assert "no-identifying" not in gate.stderr and "nothing identifies anyone" not in gate.stderr


def test_within_the_same_minor_version_the_rules_finding_is_compared(tmp_path: Path) -> None:
    """A PATCH changes no rule's conditions, so a baseline of 1.2.0 compares the rule in full."""
    then = tmp_path / "then.yaml"
    then.write_text(THEN.read_text(encoding="utf-8").replace('version: "1.2.3"', 'version: "1.2.0"'), encoding="utf-8")
    now = tmp_path / "now.yaml"
    now.write_text(
        NOW.read_text(encoding="utf-8").replace(
            "  authority-access:\n    value: partner-access", SAYS_NOTHING_IDENTIFIES
        ),
        encoding="utf-8",
    )
    out = tmp_path / "now.json"
    result = run("report", now, "--baseline", then, "-o", out)
    assert result.returncode == 0, result.stderr
    progress = json.loads(out.read_text(encoding="utf-8"))["progress"]
    assert RULE in [finding["id"] for finding in progress["findings"]["new"]]
