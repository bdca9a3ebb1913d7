"""Fixes of the review of rubric authoring (a methodologist writing a rubric from scratch): option
values and verdict bands the validator let through. Each test was written before its fix and seen
to fail."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from tests.conftest import civdata_in, problem_lines

HEAD = """format: 1
id: opts
version: "1.0.0"
title: Options
description: Options and bands.
license: CC-BY-4.0
authors: [Me]
roles:
  - {id: lead, label: Lead}
areas:
  - id: a
    title: A
    questions:
"""

STEPS = "".join(
    f"""      - id: q{number}
        title: Q{number}
        prompt: Is step {number} done?
        type: yes_no
        options:
          - {{value: "yes", score: 1}}
          - {{value: "no", score: 0}}
"""
    for number in range(1, 5)
)

PLACE = """      - id: place
        title: Place
        prompt: Where are records kept?
        type: single_choice
        options:
OPTIONS
          - {value: office, label: Office, score: 0.5}
"""

VERDICTS = """verdicts:
  - {id: ok, label: OK, min_score: 50, max_severity: high}
  - {id: bad, label: Bad}
"""

NFC = unicodedata.normalize("NFC", "café")
NFD = unicodedata.normalize("NFD", "café")


def _answers(folder: Path, name: str, answers: dict[str, object]) -> str:
    data = {
        "format": 1,
        "rubric": {"id": "opts", "version": "1.0.0"},
        "initiative": "X",
        "respondent": {"name": "A", "role": "lead"},
        "answers": answers,
    }
    (folder / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return name


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


# -- finding 2: a verdict band's bound written as a share ------------------------------------------


def _bands_rubric(folder: Path, bands: str) -> str:
    text = HEAD + STEPS + "verdicts:\n" + bands + "  - {id: not-ready, label: Not ready}\n"
    (folder / "bands.yaml").write_text(text, encoding="utf-8")
    return text


def test_a_band_bound_written_as_a_share_is_refused_with_the_percentage_it_means(tmp_path: Path) -> None:
    """``min_coverage: 0.9`` set the CI coverage floor at 0.9% (a file with a quarter answered
    passed --fail-on high), and ``min_score: 0.75`` gave "Ready" at 25/100. The CLI refuses such a
    share for its own options; the rubric refuses it too, in the same words, at the number."""
    text = _bands_rubric(
        tmp_path,
        "  - {id: ready, label: Ready, min_score: 0.75, min_coverage: 0.9}\n"
        "  - {id: started, label: Started, min_score: 1.0, when: {question: q1, equals: 'yes'}}\n"
        "  - {id: some, label: Some, min_coverage: 1, when: {question: q2, equals: 'yes'}}\n",
    )
    done = civdata_in(tmp_path, "rubric", "validate", "bands.yaml")
    assert done.returncode == 2, done.stderr
    ready, started, some = (_line_of(text, f"id: {name},") for name in ("ready", "started", "some"))
    lines = problem_lines(done.stderr)
    col = text.splitlines()[ready - 1].index("0.75") + 1
    assert (
        f"bands.yaml:{ready}:{col}: verdict 'ready': min_score: 0.75 is a percentage from 0 to 100, not a share: "
        "did you mean min_score: 75?"
    ) in lines, lines
    col = text.splitlines()[ready - 1].index("0.9") + 1
    assert any(
        line.startswith(f"bands.yaml:{ready}:{col}: verdict 'ready': min_coverage: 0.9 is a percentage from 0 to 100")
        and line.endswith("did you mean min_coverage: 90?")
        for line in lines
    ), lines
    # 1, with a point or without, reads as all of it beside scores from 0 to 1: refused, and said why.
    for line_number, key, written in ((started, "min_score", "1.0"), (some, "min_coverage", "1")):
        found = [line for line in lines if line.startswith(f"bands.yaml:{line_number}:")]
        assert len(found) == 1, (found, lines)
        assert f"{key}: {written} is a percentage from 0 to 100, not a share: did you mean {key}: 100?" in found[0]
    # The CLI says the same of its own option, in the same words: one home for the rule.
    cli = civdata_in(tmp_path, "report", "x.yaml", "--min-coverage", "0.9")
    assert "--min-coverage 0.9 is a percentage from 0 to 100, not a share: did you mean --min-coverage 90?" in (
        cli.stderr
    ), cli.stderr


def test_a_band_bound_of_0_or_above_1_is_accepted(tmp_path: Path) -> None:
    """0 is 0 whether read as a share or as a percentage, and 1.5 is no share: both are kept."""
    _bands_rubric(
        tmp_path,
        "  - {id: ready, label: Ready, min_score: 75, min_coverage: 90}\n"
        "  - {id: started, label: Started, min_score: 1.5, min_coverage: 0, when: {question: q1, equals: 'yes'}}\n",
    )
    done = civdata_in(tmp_path, "rubric", "validate", "bands.yaml")
    assert done.returncode == 0, done.stderr


# -- finding 3: an option value that is empty or has spaces around it -------------------------------


def test_an_empty_option_value_or_one_with_spaces_around_it_is_refused_at_it(tmp_path: Path) -> None:
    """``value: ""`` was accepted, and an answer of "" is a blank, so the option could never be
    given (an import turned a respondent's pick of it into no answer); ``" partial"`` was accepted,
    and the answer ``partial`` refused. Both are refused where they are written."""
    options = (
        '          - {value: "", label: Nothing in place, score: 0}\n'
        '          - {value: " partial", label: Partial, score: 0.5}\n'
        '          - {value: "full\\u00a0", label: Full, score: 1}\n'
    )
    text = HEAD + PLACE.replace("OPTIONS\n", options) + VERDICTS
    (tmp_path / "ev.yaml").write_text(text, encoding="utf-8")
    done = civdata_in(tmp_path, "rubric", "validate", "ev.yaml")
    assert done.returncode == 2, done.stderr
    lines = problem_lines(done.stderr)
    empty, partial, full = (_line_of(text, label) for label in ("Nothing in place", "Partial", "label: Full"))
    column = text.splitlines()[empty - 1].index('""') + 1
    assert any(line.startswith(f"ev.yaml:{empty}:{column}: ") and "empty" in line for line in lines), lines
    column = text.splitlines()[partial - 1].index('" partial"') + 1
    assert any(line.startswith(f"ev.yaml:{partial}:{column}: ") and "write 'partial'" in line for line in lines), lines
    assert any(line.startswith(f"ev.yaml:{full}:") and "write 'full'" in line for line in lines), lines
