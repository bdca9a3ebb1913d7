"""Defects a methodologist writing rubrics found in ``civdata rubric docs``, the document a review
board reads: each pinned by a rubric run through civdata as they run it (the checks' own defects
are pinned in the bad-rubric corpus, tests/cases/rubrics/bad).

Expected outcomes were written from what the report says before the fix was made:

- an area that scores the other way from a risk rubric reads, in a report, "(higher is better;
  not in the overall score)": the review document says so too;
- a number band's label is a name, not its range: the document shows both, so a label that does
  not fit its range (``{max: 6, label: under a year}``) can be seen.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import civdata_in, unwrapped

_RISK = """format: 1
id: sharing-risk
version: 1.0.0
title: Sharing risk
description: Risk of sharing records, with a mitigation area.
license: CC0-1.0
authors: [civdata maintainers]
direction: risk
roles:
  - {id: lead, label: Lead}
areas:
  - id: exposure
    title: Exposure
    questions:
      - id: shared
        title: Shared widely
        prompt: Are records shared beyond the partners?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
  - id: mitigation
    title: Mitigation
    direction: readiness
    weight: 0
    questions:
      - id: dpia
        title: DPIA
        prompt: Is there a DPIA?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
verdicts:
  - {id: low, label: Low risk, max_score: 30}
  - {id: high, label: High risk}
"""

_BANDS = """format: 1
id: funding-bands
version: 1.0.0
title: Funding bands
description: A number question with labelled bands.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: Lead}
areas:
  - id: funding
    title: Funding
    questions:
      - id: months
        title: Months funded
        prompt: For how many more months is the work funded?
        type: number
        min: 0
        unit: months
        bands:
          - max: 6
            score: 0
            label: under a year
            finding: {severity: high, title: Funding ends soon, recommendation: Find money.}
          - {min: 6, max: 24, score: 0.6}
          - {min: 24, score: 1, label: two years or more, strength: Funded for years}
verdicts:
  - {id: ok, label: OK, min_score: 75}
  - {id: not-ok, label: Not OK}
"""


def _docs(tmp_path: Path, text: str) -> str:
    (tmp_path / "rubric.yaml").write_text(text, encoding="utf-8")
    result = civdata_in(tmp_path, "rubric", "docs", "-r", "rubric.yaml", "-o", "-")
    assert result.returncode == 0, result.stderr
    return unwrapped(result.stdout)  # lines joined as a reader reads them, wherever they were wrapped


def test_an_area_scoring_the_other_way_says_so_in_the_rubric_docs(tmp_path: Path) -> None:
    """Before: the mitigation area of a risk rubric showed 'yes' at 100 under "Risk scores are
    shown from 0 (no risk found) to 100", with nothing saying that 100 is its best here."""
    docs = _docs(tmp_path, _RISK)
    mitigation = docs[docs.index("## 2. Mitigation") :]
    assert "Weight in the overall score: 0." in mitigation
    assert "Scores in this area read the other way: higher is better; not in the overall score." in mitigation
    assert "2. Mitigation (1 question, weight 0; higher is better)" in docs
    exposure = docs[docs.index("## 1. Exposure") : docs.index("## 2. Mitigation")]
    assert "other way" not in exposure


def test_a_labelled_band_shows_its_range_beside_its_label(tmp_path: Path) -> None:
    """Before: the band {max: 6} showed only "under a year", its label, so a label that does not
    fit the range could not be seen; a band without a label shows its range, as before."""
    docs = _docs(tmp_path, _BANDS)
    assert "| under a year (below 6) | 0 | **high**: Funding ends soon |" in docs
    assert "| 6 to under 24 | 60 | |" in docs
    assert "| two years or more (24 or more) | 100 | |" in docs
    assert "under a year (below 6)" in docs[docs.index("| 6 to under 24") :]  # its finding, below the table
    assert "two years or more (24 or more)" in docs[docs.index("| 6 to under 24") :]  # its strength
