"""Gates written as people write them (from an outside review of a team gating CI, 2026-11-28).

``--fail-under 80%`` got typer's "'80%' is not a valid float range" and ``--fail-on CRITICAL``
was refused: a threshold with its percent sign, and a severity or format in capitals, mean one
thing only, so they are taken. What cannot be taken (a decimal comma, a word, a number out of
range, nan) is told on one line naming the option and what to write, exit 2, nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_ci_outputs import EXAMPLE, run

# The county-justice example's combined score, from its committed JSON report.
OVERALL = json.loads((EXAMPLE / "combined-report.json").read_text(encoding="utf-8"))["overall"]["percent"]


def test_the_example_score_the_gates_below_are_set_around() -> None:
    assert 40 < OVERALL < 60


@pytest.mark.parametrize("written", ["60%", "60 %", " 60%", "60.0%"])
def test_a_threshold_with_its_percent_sign_gates_as_the_number(tmp_path: Path, written: str) -> None:
    result = run("report", EXAMPLE, "--fail-under", written, "-o", tmp_path / "r.md", expect=1)
    assert "gate failed: --fail-under 60: overall score" in result.stderr


@pytest.mark.parametrize("written", ["40%", "0%", "0.5%"])
def test_a_threshold_the_score_meets_passes(tmp_path: Path, written: str) -> None:
    # 0.5% is a percentage said to be one; 0.5 alone is refused as a share (test_ci_review_1128).
    run("report", EXAMPLE, "--fail-under", written, "-o", tmp_path / "r.md")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("80,5", "--fail-under 80,5: write a decimal point, as in --fail-under 80.5"),
        (",8", "--fail-under ,8: write a decimal point, as in --fail-under 0.8"),
        ("eighty", "--fail-under 'eighty' is not a number: give a percentage from 0 to 100, such as --fail-under 80"),
        ("%", "--fail-under '%' is not a number: give a percentage from 0 to 100, such as --fail-under 80"),
        ("101", "--fail-under must be a number from 0 to 100, not 101"),
        ("120%", "--fail-under must be a number from 0 to 100, not 120%"),
        ("-3", "--fail-under must be a number from 0 to 100, not -3"),
        ("nan", "--fail-under must be a number from 0 to 100, not nan"),
        ("inf%", "--fail-under must be a number from 0 to 100, not inf%"),
        # Read as an answers file reads a number, not as Python's float() does.
        ("8_0", "--fail-under '8_0' is not a number: give a percentage from 0 to 100, such as --fail-under 80"),
        ("٨٠", "--fail-under ٨٠: write it with the digits 0-9, as in --fail-under 80"),
        ("٧٢٫٥%", "--fail-under ٧٢٫٥%: write it with the digits 0-9, as in --fail-under 72.5"),
        ("١٢٠", "--fail-under must be a number from 0 to 100, not ١٢٠"),
        ("Infinity", "--fail-under must be a number from 0 to 100, not Infinity"),
    ],
)
def test_a_threshold_that_is_no_percentage_is_told_on_one_line(tmp_path: Path, written: str, message: str) -> None:
    result = run("report", EXAMPLE, f"--fail-under={written}", "-o", tmp_path / "r.md", expect=2)
    assert result.stderr.splitlines() == [f"civdata: {message}"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["--min-coverage", "--fail-over"])
def test_every_percentage_option_reads_the_same_way(tmp_path: Path, option: str) -> None:
    result = run("report", EXAMPLE, option, "7,5", "-o", tmp_path / "r.md", expect=2)
    assert result.stderr.splitlines() == [f"civdata: {option} 7,5: write a decimal point, as in {option} 7.5"]


def test_min_coverage_with_a_percent_sign_sets_the_floor(tmp_path: Path) -> None:
    # Every example answer is given, so even a floor of 100% passes.
    run("report", EXAMPLE, "--min-coverage", "100%", "-o", tmp_path / "r.md")


@pytest.mark.parametrize("written", ["CRITICAL", "Critical", "critical"])
def test_a_severity_in_capitals_is_the_severity(tmp_path: Path, written: str) -> None:
    result = run("report", EXAMPLE, "--fail-on", written, "-o", tmp_path / "r.md", expect=1)
    assert "gate failed: --fail-on critical: " in result.stderr


def test_a_regression_gate_in_capitals_is_the_gate(tmp_path: Path) -> None:
    baseline = EXAMPLE / "combined-report.json"
    result = run("report", EXAMPLE, "--baseline", baseline, "--fail-on-regression", "SCORES", "-o", tmp_path / "r.md")
    assert "is neither" not in result.stderr


def test_a_format_in_capitals_is_the_format(tmp_path: Path) -> None:
    result = run("report", EXAMPLE, "--format", "JSON")
    assert json.loads(result.stdout)["overall"]["percent"] == OVERALL


def test_a_severity_that_is_none_is_still_refused(tmp_path: Path) -> None:
    result = run("report", EXAMPLE, "--fail-on", "severe", "-o", tmp_path / "r.md", expect=2)
    assert "'severe' is not one of 'critical', 'high', 'medium', 'low', 'info'" in result.stderr
    assert list(tmp_path.iterdir()) == []
