"""From two outside reviews of the reports' accuracy (a funder's analyst, a community
representative; 2026-11-28, night). Each reproduced, and each test seen to fail before its fix:

* An answer whose note alone changed since the baseline was listed under "Answers that changed"
  as the same words on both sides (``X | X``, ``X → X``), with nothing to say what changed; a
  large group's count already said "only the note changed".
* A report on one respondent whose rubric expects two other roles said "whose view it does not
  weigh" of both.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, civdata_in

EXAMPLE = ROOT / "examples" / "county-justice"


def test_an_answer_whose_note_alone_changed_says_so_in_every_format(tmp_path: Path) -> None:
    text = (EXAMPLE / "lead.yaml").read_text(encoding="utf-8")
    note = "    note: Written by our analyst and County IT; it focuses on external breaches.\n"
    assert note in text
    later = re.sub(r'(?m)^date: "2026-10-14"', 'date: "2027-02-01"', text.replace(note, ""))
    (tmp_path / "later.yaml").write_text(later, encoding="utf-8")
    baseline = EXAMPLE / "lead-report.json"
    answer = "Written by our own team; nobody outside it has reviewed it"
    markdown = civdata_in(tmp_path, "report", "later.yaml", "--baseline", baseline, "-q", "-f", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    row = next(line for line in markdown.stdout.splitlines() if "(`threat-model`)" in line and line.startswith("| "))
    assert f"| {answer} | {answer} (only the note changed) |" in row, row
    terminal = civdata_in(tmp_path, "report", "later.yaml", "--baseline", baseline, "-q", "-f", "text")
    assert f"Answer changed (threat-model): {answer} → {answer} (only the note changed)" in " ".join(
        terminal.stdout.split()
    ), terminal.stdout
    html = civdata_in(tmp_path, "report", "later.yaml", "--baseline", baseline, "-q", "-f", "html")
    assert f"{answer} (only the note changed)" in html.stdout


def test_an_answer_that_changed_says_nothing_of_its_note() -> None:
    # The county lead three months later: answers that changed, none of them note-only.
    result = civdata_in(
        ROOT,
        "report",
        ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml",
        "--baseline",
        EXAMPLE / "lead-report.json",
        "-q",
        "-f",
        "markdown",
    )
    assert "### Answers that changed" in result.stdout
    assert "only the note changed" not in result.stdout


def test_one_voice_names_the_views_of_two_unheard_roles_in_the_plural() -> None:
    result = civdata_in(ROOT, "report", EXAMPLE / "funder.yaml", "-q", "-f", "markdown")
    prose = " ".join(result.stdout.split())
    assert (
        "expects to hear from Lead organisation and Community / data-subject representative, whose views it "
        "does not weigh" in prose
    ), prose
    lead = " ".join(civdata_in(ROOT, "report", EXAMPLE / "lead.yaml", "-q", "-f", "markdown").stdout.split())
    assert "Community / data-subject representative, whose view it does not weigh" in lead
