"""A re-assessment compared with the last one, from an outside review of 2026-11-28 (a team that
re-assesses its initiative every few months).

Each expectation here was written from the rubric and the answers changed, before civdata was run.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command

EXAMPLE = ROOT / "examples" / "county-justice"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=180
    )


def _dated(text: str) -> str:
    return re.sub(r"(?m)^date: .*$", 'date: "2027-01-14"', text)


@pytest.fixture
def rounds(tmp_path: Path) -> Path:
    """then/: the example's three respondents, and then.json, its report with every answer kept;
    now/: the same three answering again, the lead's retention gone from a written schedule
    (score 1) to keeping everything indefinitely (a worse answer)."""
    for side in ("then", "now"):
        (tmp_path / side).mkdir()
    for name in ("lead", "community", "funder"):
        text = (EXAMPLE / f"{name}.yaml").read_text(encoding="utf-8")
        (tmp_path / "then" / f"{name}.yaml").write_text(text, encoding="utf-8")
        if name == "lead":
            text, count = re.subn(r"(?m)^  retention: written-schedule$", "  retention: indefinite", text)
            assert count == 1
        (tmp_path / "now" / f"{name}.yaml").write_text(_dated(text), encoding="utf-8")
    written = run("report", "then", "--detail", "-o", "then.json", "-q", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    return tmp_path


def _gate(folder: Path) -> subprocess.CompletedProcess[str]:
    args = ("--baseline", "then.json", "--fail-on-regression", "scores", "-f", "json", "-o", "now.json")
    return run("report", "now", *args, cwd=folder)


def test_the_leads_worse_answer_fails_the_scores_gate(rounds: Path) -> None:
    result = _gate(rounds)
    assert result.returncode == 1, result.stderr
    assert "Protecting people" in next(line for line in result.stderr.splitlines() if line.startswith("gate failed"))


def test_one_respondents_role_edited_in_one_file_hides_no_one_elses_regression(rounds: Path) -> None:
    """The funder answering as a partner now is asked five questions of Protecting people she was
    not asked then, and leaves them blank: answered on neither side, they left the area, and the
    overall score, out of the gate, and the lead's worse answer passed (docs/progress.md: a role
    change must not hide anyone else's regression)."""
    funder = rounds / "now" / "funder.yaml"
    text, count = re.subn(r"(?m)^  role: funder$", "  role: partner", funder.read_text(encoding="utf-8"))
    assert count == 1
    funder.write_text(text, encoding="utf-8")
    result = _gate(rounds)
    assert result.returncode == 1, result.stderr
    assert "was Funder then and Partner organisation now" in result.stderr  # the group warning, still said
    progress = json.loads((rounds / "now.json").read_text(encoding="utf-8"))["progress"]
    areas = {area["id"]: area for area in progress["areas"]}
    assert areas["protecting-people"]["trend"] == "worse", areas["protecting-people"]
    assert not any((area.get("reason") or "").endswith("left blank now") for area in areas.values()), areas


def test_a_named_report_on_an_anonymized_baseline_says_the_baseline_names_nobody(rounds: Path) -> None:
    """It said "in a report by role only (--anonymize), a label such as 'Funder 1' does not say
    which person it is" of a report written without --anonymize: only its baseline was."""
    written = run("report", "then", "--anonymize", "--detail", "-o", "anon.json", "-q", cwd=rounds)
    assert written.returncode == 0, written.stderr
    result = run("report", "now", "--baseline", "anon.json", "-f", "json", "-o", "now.json", cwd=rounds)
    assert result.returncode == 0, result.stderr
    not_compared = json.loads((rounds / "now.json").read_text(encoding="utf-8"))["progress"]["not_compared"]
    answers = [sentence for sentence in not_compared if sentence.startswith("answers are not compared")]
    assert answers == [
        "answers are not compared: the baseline names nobody (it was written with --anonymize), so nobody's "
        "answers can be paired"
    ], not_compared


def test_baseline_answers_for_another_rubric_are_told_so_at_its_id(rounds: Path) -> None:
    """They were told "no bundled rubric has the id 'deon-checklist' ... pass the path to its file with
    --rubric PATH", which then refused the report's own answers, made for the bundled rubric."""
    other = ROOT / "examples" / "rubrics" / "answers" / "deon-with-gaps.yaml"
    line = other.read_text(encoding="utf-8").splitlines().index("rubric: {id: deon-checklist, version: 1.0.0}") + 1
    result = run("report", "now", "--baseline", other, "-o", "now.md", cwd=rounds)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{other}:{line}:14: these baseline answers are for rubric 'deon-checklist', but this report is on "
        "'civil-society-data-readiness'; a baseline must be an earlier assessment against the same rubric",
        "civdata: 1 problem found; nothing was written",
    ]
