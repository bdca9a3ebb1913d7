"""From an outside review of a methodologist adapting the bundled rubric (2026-11-28).

* Two options of one value, or a score out of its range, were reported, and then blamed again in
  the check that a worse answer never raises a milder finding: "option 'draft' scores worse than
  option 'draft'", or another option named for a mistake that is not there. Only the real problem.
* An option value or a question id that differs from another only in letter case (``Draft`` and
  ``draft``) was accepted: an answer written one way would score as the other.
* Two ``changes`` entries of one version passed: the older version's record was lost.
* A comparison with a baseline wrote the rubric's `changes` with backticks, escaped in Markdown
  and shown with backslashes on a terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINI_RUBRIC
from tests.test_ci_outputs import run

TEXT = MINI_RUBRIC.read_text(encoding="utf-8")
DECIDE = "{value: decide, label: They share decisions, score: 1,"
CONSULTED = "{value: consulted, label: They are consulted once, score: 0.5}"


def _validate(tmp_path: Path, text: str) -> list[str]:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(text, encoding="utf-8")
    return run("rubric", "validate", rubric, expect=2).stderr.splitlines()


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_duplicated_option_is_reported_once_not_ranked_against_itself(tmp_path: Path) -> None:
    # "They do not" becomes a second 'consulted', scoring better than the first and raising a
    # finding the first does not: "option 'consulted' scores worse than option 'consulted'".
    none = "{value: none, label: They do not, score: 0,"
    assert none in TEXT
    text = TEXT.replace(none, "{value: consulted, label: They do not, score: 0.6,")
    lines = _validate(tmp_path, text)
    first = _line_of(text, "{value: consulted")
    assert any(f"question 'voice' already has an option 'consulted' (line {first})" in line for line in lines), lines
    assert not any("scores worse than" in line for line in lines), lines


@pytest.mark.parametrize("score", ["-0.5"])
def test_a_score_out_of_range_blames_no_other_option(tmp_path: Path, score: str) -> None:
    lines = _validate(tmp_path, TEXT.replace(CONSULTED, CONSULTED.replace("score: 0.5", f"score: {score}")))
    assert not any("scores worse than" in line for line in lines), lines
    assert any(score in line for line in lines), lines


def test_an_option_value_differing_only_in_case_is_refused(tmp_path: Path) -> None:
    text = TEXT.replace(DECIDE, DECIDE.replace("decide", "Consulted"))
    lines = _validate(tmp_path, text)
    first = _line_of(text, "{value: consulted")
    assert any(
        f"question 'voice' already has an option 'consulted' (line {first}), which 'Consulted' differs from only in "
        "letter case" in line
        for line in lines
    ), lines


def test_a_question_id_differing_only_in_case_is_refused(tmp_path: Path) -> None:
    text = TEXT.replace("      - id: voice\n", "      - id: Sensitive\n", 1)
    lines = _validate(tmp_path, text)
    first = _line_of(text, "      - id: sensitive")
    assert any(
        f"question id 'Sensitive' differs from 'sensitive' (line {first}) only in letter case" in line for line in lines
    ), lines


def test_two_changes_of_one_version_are_refused(tmp_path: Path) -> None:
    text = TEXT.replace("  - version: 1.1.0\n", "  - version: 1.2.0\n", 1)
    lines = _validate(tmp_path, text)
    first = _line_of(text, "  - version: 1.2.0")
    assert any(
        f"change 1.2.0 is already listed (line {first}): each version has one entry" in line for line in lines
    ), lines


@pytest.mark.parametrize(("written", "usual"), [("FR", "fr"), ("pt_br", "pt-BR"), ("EN-gb", "en-GB")])
def test_a_language_code_in_another_case_is_told_the_code_to_write_once(
    tmp_path: Path, written: str, usual: str
) -> None:
    """'FR' was "not a language code", and was also blamed as a rare language that might mean
    'fr': two messages for one slip, neither saying what to write."""
    assert "    label: Ready\n" in TEXT
    lines = _validate(tmp_path, TEXT.replace("    label: Ready\n", f"    label: {{en: Ready, {written}: Prêt}}\n", 1))
    assert [line.split(": ", 1)[1] for line in lines[:-1]] == [
        f"'{written}' in 'label' in verdict 'ready' is written '{usual}' in a rubric (a language in lower case, "
        "a region in capitals: en, fr, pt-BR)"
    ]
