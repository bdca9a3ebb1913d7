"""Comparisons over time, as the fourth outside review met them (written before the fixes ran).

* A baseline that does not hold the answers (a combined JSON report written without ``--detail``),
  or one written with ``--anonymize``, says "answers not compared" where the counts are, in every
  format, never "0 answers changed"; the JSON report's ``progress.answers_compared`` is false.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command, unwrapped
from tests.report_schema import report_document

EXAMPLE = ROOT / "examples" / "county-justice"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=180
    )


def _earlier(text: str) -> str:
    changed, count = re.subn(r'(?m)^date: "2026-10-', 'date: "2026-05-', text)
    assert count == 1
    return changed


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """then/ (the example, answered in May), now/ (the same three; the funder's data custodian now
    undecided: one answer changed), and JSON reports of then/."""
    folder = tmp_path_factory.mktemp("review4")
    for side in ("then", "now"):
        (folder / side).mkdir()
    for path in sorted(EXAMPLE.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        (folder / "then" / path.name).write_text(_earlier(text), encoding="utf-8")
        if path.name == "funder.yaml":
            text, count = re.subn(r"(?m)^  data-custodian: partner-with-mandate$", "  data-custodian: undecided", text)
            assert count == 1
        (folder / "now" / path.name).write_text(text, encoding="utf-8")
    for name, options in {
        "plain.json": (),
        "detail.json": ("--detail",),
        "anonymized.json": ("--anonymize", "--detail"),
    }.items():
        written = run("report", "then", *options, "-q", "-o", name, cwd=folder)
        assert written.returncode == 0, written.stderr
    return folder


def _in_every_format(folder: Path, baseline: str) -> dict[str, str]:
    """The report on now/ against ``baseline`` in every format that shows a comparison, as text."""
    shown = {}
    for fmt in ("markdown", "html", "text", "summary", "json"):
        result = run("report", "now", "--baseline", baseline, "-f", fmt, "--min-coverage", "0", cwd=folder)
        assert result.returncode == 0, result.stderr
        shown[fmt] = unwrapped(result.stdout)
    return shown


@pytest.mark.parametrize("baseline", ["plain.json", "anonymized.json"])
def test_answers_not_compared_is_said_not_zero_changed(rounds: Path, baseline: str) -> None:
    shown = _in_every_format(rounds, baseline)
    for fmt in ("markdown", "html", "text", "summary"):
        assert "0 answers changed" not in shown[fmt], fmt
        assert "still open; answers not compared" in shown[fmt], fmt
    progress = report_document(shown["json"])["progress"]
    assert progress["answers"] == []
    assert progress["answers_compared"] is False


def test_answers_compared_are_counted(rounds: Path) -> None:
    shown = _in_every_format(rounds, "detail.json")
    for fmt in ("markdown", "html", "text", "summary"):
        assert "still open; 1 answer changed" in shown[fmt], fmt
    progress = report_document(shown["json"])["progress"]
    assert progress["answers_compared"] is True
    assert [change["question"] for change in progress["answers"]] == ["data-custodian"]
