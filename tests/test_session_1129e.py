"""Defects found in the fifth session of 2026-11-29, by outside reviews, each as a user meets it.
Every expectation was written before its fix and seen to fail without it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT
from tests.test_ci_review_1129 import run

RUBRICS = ROOT / "examples" / "rubrics"

# --- Combined reports (the review of combined verdicts) -------------------------------------------


def test_the_most_cautious_combination_takes_the_highest_risk_and_the_lowest_readiness(tmp_path: Path) -> None:
    """``combine: min``, "the most cautious view", took the lowest score whatever the area's
    direction: on the AIA example, one person's answers at impact level IV and another's at I gave
    level I, and --fail-over 50 passed (the review of combined verdicts)."""
    rubric = (RUBRICS / "aia-style-impact.yaml").read_text(encoding="utf-8")
    assert "\ndivergence:" not in rubric
    (tmp_path / "aia.yaml").write_text(rubric + "\ndivergence:\n  combine: min\n", encoding="utf-8")
    high = (RUBRICS / "answers" / "aia-high-impact.yaml").read_text(encoding="utf-8")
    low = (RUBRICS / "answers" / "aia-low-impact.yaml").read_text(encoding="utf-8")
    low = low.replace("Lakeview parks permit scheduling assistant", "Emergency housing benefit eligibility engine")
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "marc.yaml").write_text(high, encoding="utf-8")
    (tmp_path / "team" / "priya.yaml").write_text(low, encoding="utf-8")
    alone = {}
    for name in ("marc", "priya"):
        done = run("report", f"team/{name}.yaml", "-r", "aia.yaml", "-o", f"{name}.json", "-q", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        alone[name] = {
            area["id"]: area["percent"] for area in json.loads((tmp_path / f"{name}.json").read_text())["areas"]
        }
    done = run("report", "team", "-r", "aia.yaml", "--fail-over", "50", "-o", "both.json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    both = json.loads((tmp_path / "both.json").read_text(encoding="utf-8"))
    combined = {area["id"]: area["percent"] for area in both["areas"]}
    assert combined["impact"] == max(alone["marc"]["impact"], alone["priya"]["impact"])  # risk: the highest
    assert combined["mitigation"] == min(alone["marc"]["mitigation"], alone["priya"]["mitigation"])  # readiness
    assert both["method"]["combine"] == "min"
    text = run("report", "team", "-r", "aia.yaml", "-f", "markdown", cwd=tmp_path).stdout
    assert "Combined by the most cautious score (in each area, the score of the respondent whose answers read" in (
        re.sub(r"\s+", " ", text)
    )
