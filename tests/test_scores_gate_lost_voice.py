"""``--fail-on-regression scores`` and a voice the baseline had.

An outside review of a team re-assessing: gating on scores alone, the pipeline passed when the
community's respondent dropped out, since without their answers (the lowest) every score rose. A
score that lost a voice the rubric expects is not known to be better. Written before running: the
county-justice example's three respondents as the baseline, the lead and the funder alone now;
the scores gate fails, naming the missing voice, and a report with everyone again passes it.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_ci_outputs import EXAMPLE, run

LOST = (
    "gate failed: --fail-on-regression scores: 1 voice the baseline had is missing now, so the scores no "
    "longer hold its view: Missing voice: nobody answered as Community / data-subject representative"
)


def test_a_voice_the_baseline_had_fails_the_scores_gate(tmp_path: Path) -> None:
    baseline = tmp_path / "then.json"
    run("report", EXAMPLE, "-o", baseline)
    later = tmp_path / "later"
    later.mkdir()
    for name in ("lead", "funder", "community"):
        text = (EXAMPLE / f"{name}.yaml").read_text(encoding="utf-8")
        (later / f"{name}.yaml").write_text(re.sub(r"(?m)^date: .*$", "date: 2026-12-01", text), encoding="utf-8")
    now = [later / "lead.yaml", later / "funder.yaml"]
    result = run(
        "report", *now, "--baseline", baseline, "--fail-on-regression", "scores", "-o", tmp_path / "now.md", expect=1
    )
    assert LOST in result.stderr.splitlines()
    everyone = run(
        "report", EXAMPLE, "--baseline", baseline, "--fail-on-regression", "scores", "-o", tmp_path / "all.md"
    )
    assert "gate failed" not in everyone.stderr
