"""Smaller things two outside reviews of the reports' accuracy found (2026-11-28), each shown as a
user reads it.

* The terminal's box wrote a score there is none of as ``overall score n/a / 100``.
* Points of 10.725 (a JSON report's figure) were written 10.72: the float is 10.72499..., and
  two-decimal formatting rounds it down. A person rounds a half up.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from civdata.render.common import number
from tests.conftest import ROOT, civdata_in

LEAD = ROOT / "examples" / "county-justice" / "lead.yaml"


def run(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


def test_the_terminal_says_none_for_a_score_there_is_none_of(tmp_path: Path) -> None:
    text = LEAD.read_text(encoding="utf-8")
    blank = tmp_path / "lead.yaml"
    blank.write_text(text[: text.index("\nanswers:")] + "\nanswers: {}\n", encoding="utf-8")
    box = run("report", blank, "-f", "text", cwd=tmp_path).stdout.splitlines()[0]
    assert "overall score none   coverage 0%" in box
    assert "n/a / 100" not in box


def test_points_round_a_half_up_as_the_json_report_reads() -> None:
    report = json.loads(run("report", LEAD, "-f", "json").stdout)
    protecting = next(area for area in report["areas"] if area["id"] == "protecting-people")
    assert protecting["score"]["points"] == 10.725
    markdown = run("report", LEAD, "-f", "markdown").stdout
    assert "| Protecting people | 49.9 | `█████░░░░░` | 10.73 / 21.5 | 1.5 |" in markdown


def test_two_decimals_round_halves_away_from_zero_and_nothing_else() -> None:
    assert [number(value) for value in (10.725, 2.675, -10.725, 62.5, 48.0, 33.333333, 0.004)] == [
        "10.73",
        "2.68",
        "-10.73",
        "62.5",
        "48",
        "33.33",
        "0",
    ]
