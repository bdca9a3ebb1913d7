"""Defects found in the fourth session of 2026-11-29, by outside reviews, each as a user meets it.
Every expectation was written before its fix (or its corrected documentation) and seen to fail
without it.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_ci_review_1129 import COUNTY, run

# --- Re-assessing over time ----------------------------------------------------------------------


def _answered(text: str, **values: str) -> str:
    """The answers file ``text`` with each question's value replaced (``question=value``)."""
    for question, value in values.items():
        text, count = re.subn(rf"(\n  {question}:\n    value: )\S+", rf"\g<1>{value}", text)
        assert count == 1, question
    return text


def test_the_scores_gate_fails_when_the_verdict_got_worse_though_every_score_rose(tmp_path: Path) -> None:
    """A new critical finding took the verdict down a band while the scores rose: the report showed
    the verdict "worse" a few lines above "CI gates: passed" (the review of re-assessments)."""
    then = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    (tmp_path / "then.yaml").write_text(then, encoding="utf-8")
    now = _answered(
        then.replace('date: "2026-10-14"', 'date: "2027-01-14"'),
        **{
            "stakeholder-map": "written-and-shared",
            "partner-power": "written-supported",
            "community-voice": "share-decisions",
            "conflicting-interests": "written-with-boundaries",
            "sharing-agreement": "signed-by-all",
            "threat-model": "not-considered",
        },
    )
    (tmp_path / "now.yaml").write_text(now, encoding="utf-8")
    done = run(
        "report", "now.yaml", "--baseline", "then.yaml", "--fail-on-regression", "scores", "-o", "r.md", cwd=tmp_path
    )
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Ready with conditions → Not" in report and "(▲ +" in report, report[:1500]
    assert done.returncode == 1, done.stderr
    assert "the verdict is worse than the baseline's: Ready with conditions to Not ready" in done.stderr
