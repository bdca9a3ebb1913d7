"""Rubric authoring: ids that would mislead, and YAML merge keys said as such.

Found by a review on 2026-11-27, each reproduced and each test seen to fail before its fix:
- an area with the id ``overall`` was accepted, and ``{score: overall}`` then read the overall
  score, not the area's (a rule meant for a governance area scoring 0 never fired);
- a typo in a change's ``rules`` (added this session) was accepted, so a comparison with an
  earlier baseline took the rule's first finding for a new risk; question ids had that check;
- a merge key (``<<: *anchor``) gave "missing 'title'", "unknown key '<<'" and the like: the
  loader resolves no merge key, so the message written for it never ran.
"""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

from tests.conftest import ROOT, civdata_command

HEAD = """\
format: 1
id: t
version: 1.1.0
title: T
description: D
license: CC0-1.0
authors: [me]
roles: [{id: lead, label: Lead}]
"""
AREAS = """\
areas:
  - id: a
    title: Area A
    questions:
      - {id: q1, title: Shared, prompt: Is the data shared?, type: yes_no,
         options: [{value: "yes", score: 0}, {value: "no", score: 1}]}
      - {id: q2, title: Consent, prompt: Is there consent?, type: yes_no,
         options: [{value: "yes", score: 1}, {value: "no", score: 0}]}
"""
RULES = """\
rules:
  - id: shared-without-consent
    when: {all: [{question: q1, equals: "yes"}, {question: q2, equals: "no"}]}
    finding: {severity: high, title: Shared without consent, recommendation: Stop sharing.}
"""
VERDICTS = """\
verdicts:
  - {id: ready, label: Ready, min_score: 50, max_severity: medium}
  - {id: not-ready, label: Not ready}
"""


def validate(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(text, encoding="utf-8")
    return subprocess.run(
        [*civdata_command(), "rubric", "validate", str(rubric)], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_an_area_named_overall_is_refused_where_its_id_is(tmp_path: Path) -> None:
    result = validate(tmp_path, HEAD + AREAS.replace("id: a\n", "id: overall\n") + VERDICTS)
    assert result.returncode == 2
    assert (
        f"{tmp_path / 'rubric.yaml'}:10:9: area id 'overall' is reserved: a score test such as "
        "{score: overall, lt: 50} reads the overall score; give the area another id, such as 'overall-area'"
    ) in result.stderr


def test_a_rule_a_change_lists_one_slip_from_a_rule_is_a_likely_typo(tmp_path: Path) -> None:
    changes = "changes:\n  - version: 1.1.0\n    summary: Added a rule.\n    rules: [shared-without-concent]\n"
    result = validate(tmp_path, HEAD + AREAS + RULES + VERDICTS + changes)
    assert result.returncode == 2
    line = (HEAD + AREAS + RULES + VERDICTS + changes).count("\n")
    assert (
        f"{tmp_path / 'rubric.yaml'}:{line}:13: change 1.1.0 lists rule 'shared-without-concent', which is not a "
        "rule of this rubric; did you mean 'shared-without-consent'?"
    ) in result.stderr
    spelled = validate(tmp_path, HEAD + AREAS + RULES + VERDICTS + changes.replace("concent", "consent"))
    assert spelled.returncode == 0, spelled.stderr
    removed = validate(tmp_path, HEAD + AREAS + RULES + VERDICTS + changes.replace("shared-without-concent", "gone"))
    assert removed.returncode == 0, removed.stderr  # a rule removed since is listed as it was


def test_a_merge_key_is_said_to_be_one(tmp_path: Path) -> None:
    rules = """\
rules:
  - id: r1
    when: {question: q1, equals: "yes"}
    finding: &f {severity: high, title: Shared, recommendation: Stop.}
  - id: r2
    when: {question: q2, equals: "no"}
    finding:
      <<: *f
      severity: critical
"""
    result = validate(tmp_path, HEAD + AREAS + rules + VERDICTS)
    assert result.returncode == 2
    line = (HEAD + AREAS + rules).index("<<:")
    line_number = (HEAD + AREAS + rules)[:line].count("\n") + 1
    assert (
        f"{tmp_path / 'rubric.yaml'}:{line_number}:7: merge keys (<<) are not supported; write the keys out"
    ) in result.stderr
    assert "unknown key '<<'" not in result.stderr


# --- Markdown from a rubric's own words passes the linters -------------------------------------------

SENTENCES = """\
areas:
  - id: a
    title: "Governance:"
    questions:
      - id: q1
        title: Consent.
        prompt: |
          First paragraph.


          Second paragraph.
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - value: "no"
            score: 0
            finding: {severity: high, title: No consent was recorded., recommendation: Record it.}
verdicts: [{id: ok, label: OK., min_score: 50}, {id: no, label: Not OK.}]
"""


def test_titles_written_as_sentences_end_no_heading_with_punctuation(tmp_path: Path) -> None:
    """MD026 (trailing punctuation in a heading) and MD012 (blank lines in a row, two blank quote
    lines among them) failed on `civdata rubric docs` and the report of such a rubric."""
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(HEAD.replace("title: T\n", "title: Our rubric.\n") + SENTENCES, encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "format: 1\nrubric: {id: t, version: 1.1.0}\ninitiative: Acme Inc.\nrespondent: {name: A, role: lead}\n"
        'date: "2026-01-01"\nanswers: {q1: "no"}\n',
        encoding="utf-8",
    )
    run = [*civdata_command()]
    docs = subprocess.run([*run, "rubric", "docs", "-r", rubric, "-o", "-"], capture_output=True, text=True, cwd=ROOT)
    report = subprocess.run(
        [*run, "report", answers, "-r", rubric, "-f", "markdown", "-o", "-"], capture_output=True, text=True, cwd=ROOT
    )
    for text in (docs.stdout, report.stdout):
        headings = [line for line in text.splitlines() if line.startswith("#")]
        assert headings and not [line for line in headings if line.rstrip()[-1] in ".,;:!"], headings
        lines = text.splitlines()
        assert not [pair for pair in itertools.pairwise(lines) if pair[0].strip() == pair[1].strip() == ">"]
    assert "### 1.1 Consent\n" in docs.stdout and "## 1. Governance\n" in docs.stdout
    assert "> First paragraph.\n>\n> Second paragraph." in docs.stdout
    assert ": No consent was recorded\n" in report.stdout and "## Verdict: Not OK\n" in report.stdout
    assert "| Initiative | Acme Inc. |" in report.stdout  # a table cell keeps it


# --- Verdicts listed against the rubric's direction --------------------------------------------------

RISK_AREAS = """\
direction: risk
areas:
  - id: a
    title: Impact
    questions:
      - id: q1
        title: Q one
        prompt: Does it touch people?
        type: yes_no
        options:
          - {value: "yes", points: 3, finding: {severity: high, title: Touches people, recommendation: Review.}}
          - {value: "no", points: 0}
"""


def test_a_risk_rubric_listing_its_worst_verdict_first_is_refused(tmp_path: Path) -> None:
    """Found by the same review: with first-match bands and only min_score, a risk rubric listed
    'high' before 'low'; it validated, and --fail-on-verdict high then failed on 'Low risk' and
    --fail-on-verdict low passed on 'High risk'."""
    worst_first = "verdicts:\n  - {id: high, label: High risk, min_score: 60}\n  - {id: low, label: Low risk}\n"
    result = validate(tmp_path, HEAD + RISK_AREAS + worst_first)
    assert result.returncode == 2
    line = (HEAD + RISK_AREAS + worst_first).count("\n")
    assert (
        f"{tmp_path / 'rubric.yaml'}:{line - 1}:5: verdict 'high' is given only scores of at least 60, so the last "
        "verdict, 'low', gets the lower ones, in a risk rubric, where lower is better: verdicts are read best first "
        "(--fail-on-verdict X fails on X and every verdict after it), so list them from the lowest risk to the "
        "highest, with max_score on each but the last"
    ) in result.stderr
    best_first = "verdicts:\n  - {id: low, label: Low risk, max_score: 59.9}\n  - {id: high, label: High risk}\n"
    assert validate(tmp_path, HEAD + RISK_AREAS + best_first).returncode == 0


def test_a_risk_band_for_lower_scores_after_one_for_higher_scores_is_refused(tmp_path: Path) -> None:
    verdicts = (
        "verdicts:\n  - {id: medium, label: Medium, min_score: 30, max_score: 60}\n"
        "  - {id: low, label: Low, max_score: 29.9}\n  - {id: high, label: High}\n"
    )
    result = validate(tmp_path, HEAD + RISK_AREAS + verdicts)
    assert result.returncode == 2
    assert "verdict 'low' can be given lower scores than 'medium', listed before it, in a risk rubric" in result.stderr
    # Listed worst first, 'medium' needs its min_score to leave the lower scores to 'low': the order
    # is the mistake, and its min_score is not refused too ("remove 'min_score'" would give 'medium'
    # the lower scores). Listed from the lowest risk, as advised, the min_score is then refused.
    assert "(min_score)" not in result.stderr
    lowest_first = (
        "verdicts:\n  - {id: low, label: Low, max_score: 29.9}\n"
        "  - {id: medium, label: Medium, min_score: 30, max_score: 60}\n  - {id: high, label: High}\n"
    )
    result = validate(tmp_path, HEAD + RISK_AREAS + lowest_first)
    assert result.returncode == 2
    assert "verdict 'medium' is given no score below 30 (min_score) in a risk rubric" in result.stderr
    assert "listed before it" not in result.stderr
