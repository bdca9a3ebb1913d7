"""Defects an adversarial review found in the day's own fixes (2026-11-28, third round).

Each test failed on the code before its fix.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, problem_lines
from tests.test_progress_review_1128b import COUNTY, _stale_folder, answers, report

# --- A stale copy of someone's answers beside their new file ------------------------------------


def test_a_stale_copy_beside_the_persons_new_file_is_refused(tmp_path: Path) -> None:
    """Dana's stale file (2026-10-14) beside her new one (2027-04-02), her answers in the baseline of
    2027-01-14: her name given twice now, she could not be paired, so the check of each person's
    date passed her by; the stale file's answers counted and failed --fail-on-regression on
    findings "new" since (exit 1)."""
    _stale_folder(tmp_path)
    (tmp_path / "now" / "lead.yaml").rename(tmp_path / "now" / "lead-copied.yaml")
    answers(tmp_path / "now" / "lead.yaml", "2027-04-02", threat_model="written-reviewed")
    result = report(tmp_path, "now", "--baseline", "then", "--fail-on-regression", "low", "-o", "now.md")
    assert result.returncode == 2, result.stderr
    problems = problem_lines(result.stderr)
    assert len(problems) == 1, problems
    assert problems[0].startswith("now/lead-copied.yaml:"), problems
    assert "dated 2026-10-14, earlier than Dana Okafor's answers in the baseline (then/lead.yaml" in problems[0]
    assert not (tmp_path / "now.md").exists()


def test_a_file_between_two_of_the_same_names_answers_in_the_baseline_is_not_refused(tmp_path: Path) -> None:
    """Two answers of one name in the baseline (2026-10-14 and 2027-01-14): a file of 2026-12-01 now
    may be the earlier one's next, so it is not refused as older than the person's answers."""
    answers(tmp_path / "then" / "lead.yaml", "2027-01-14")
    answers(tmp_path / "then" / "lead-early.yaml", "2026-10-14")
    answers(tmp_path / "then" / "community.yaml", "2027-01-18", source=COUNTY / "community.yaml")
    answers(tmp_path / "now" / "lead.yaml", "2026-12-01")
    answers(tmp_path / "now" / "community.yaml", "2027-04-01", source=COUNTY / "community.yaml")
    result = report(tmp_path, "now", "--baseline", "then", "-o", "now.md")
    assert "earlier than" not in result.stderr, result.stderr


# --- Messages ---------------------------------------------------------------------------------------


def test_nan_in_a_json_reports_text_field_is_not_told_to_become_a_number(tmp_path: Path) -> None:
    """'write a finite number, or null' where the field holds text: following it gave a second problem."""
    assert report(tmp_path, str(COUNTY / "lead.yaml"), "-f", "json", "-o", "then.json").returncode == 0
    data = json.loads((tmp_path / "then.json").read_text(encoding="utf-8"))
    data["initiative"] = float("nan")
    (tmp_path / "then-nan.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    later = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
    result = report(tmp_path, str(later), "--baseline", "then-nan.json", "-o", "now.md")
    assert result.returncode == 2, result.stderr
    problems = problem_lines(result.stderr)
    assert len(problems) == 1 and "NaN is not a number JSON allows" in problems[0], problems
    assert problems[0].endswith("write what the field holds: a finite number, null, or text in double quotes")


def test_an_anonymized_stale_file_is_named_by_the_respondents_label_once(tmp_path: Path) -> None:
    """'the answers: the answers of Lead organisation 1 are dated ...': no place, said twice."""
    _stale_folder(tmp_path)
    result = report(tmp_path, "now", "--baseline", "then", "--anonymize", "-o", "now.md")
    assert result.returncode == 2, result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("Lead organisation 1: these answers are dated 2026-10-14, earlier than the same "), first
    assert "lead.yaml" not in result.stderr and "Dana" not in result.stderr
