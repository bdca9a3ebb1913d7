"""Fixes of the review of rubric authoring (a methodologist writing a rubric from scratch): option
values and verdict bands the validator let through. Each test was written before its fix and seen
to fail."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from tests.conftest import ROOT, civdata_in, problem_lines

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


# -- finding 4: option values that are the same text in Unicode -------------------------------------


def test_option_values_equal_in_unicode_nfc_are_refused_as_one_option(tmp_path: Path) -> None:
    """'café' written as one character and as 'e' with a combining accent were two options, which
    look identical everywhere: a typed answer scored 100 or 0 depending on bytes nobody sees."""
    options = (
        f'          - {{value: "{NFC}", label: "Café (good)", score: 1}}\n'
        f'          - {{value: "{NFD}", label: "Café (bad)", score: 0}}\n'
    )
    text = HEAD + PLACE.replace("OPTIONS\n", options) + VERDICTS
    (tmp_path / "uni.yaml").write_text(text, encoding="utf-8")
    done = civdata_in(tmp_path, "rubric", "validate", "uni.yaml")
    assert done.returncode == 2, done.stderr
    good, bad = _line_of(text, "(good)"), _line_of(text, "(bad)")
    lines = problem_lines(done.stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"uni.yaml:{bad}:"), lines
    assert f"already has an option '{NFC}' (line {good})" in unicodedata.normalize("NFC", lines[0]), lines
    assert "U+0301 COMBINING ACUTE ACCENT" in lines[0], lines


def test_an_answer_canonically_equal_to_an_option_is_that_option(tmp_path: Path) -> None:
    """With only the decomposed 'café' in the rubric (pasted from a macOS file name), the typed,
    composed 'café' was refused with "did you mean 'café'?". Answers are matched to options after
    NFC, in an answers file, a multiple choice and an import alike, and are the option's value."""
    finding = "{severity: high, title: In a café, recommendation: Move this month.}"
    options = f'          - {{value: "{NFD}", label: "Café", score: 0, finding: {finding}}}\n'
    several = f"""      - id: where
        title: Where
        prompt: Where else?
        type: multiple_choice
        options:
          - {{value: "{NFD}", label: Café, score: 0}}
          - {{value: home, label: Home, score: 1}}
"""
    text = HEAD + PLACE.replace("OPTIONS\n", options) + several + VERDICTS
    (tmp_path / "uni.yaml").write_text(text, encoding="utf-8")
    assert civdata_in(tmp_path, "rubric", "validate", "uni.yaml").returncode == 0
    name = _answers(tmp_path, "a.yaml", {"place": NFC, "where": [NFC, "home"]})
    done = civdata_in(tmp_path, "report", name, "--rubric", "uni.yaml", "-o", "r.json")
    assert done.returncode == 0, done.stderr
    report = (tmp_path / "r.json").read_text(encoding="utf-8")
    assert "In a café" in unicodedata.normalize("NFC", report), report[:2000]
    # An export's column holding the option's text, composed, as a spreadsheet edit writes it.
    header = "civdata__rubric,civdata__rubric_version,civdata__initiative,civdata__role,civdata__name,a/place,_id\n"
    (tmp_path / "sub.csv").write_text(header + f"opts,1.0.0,X,lead,Ana,{NFC},1\n", encoding="utf-8")
    imported = civdata_in(tmp_path, "import", "sub.csv", "--rubric", "uni.yaml", "-o", "out/")
    assert imported.returncode == 0, imported.stderr
    written = [path.read_text(encoding="utf-8") for path in (tmp_path / "out").glob("*.yaml")]
    assert len(written) == 1
    assert yaml.safe_load(written[0])["answers"]["place"] == NFD, written[0]


def test_a_condition_naming_an_option_in_another_unicode_form_says_how_it_differs(tmp_path: Path) -> None:
    """A rule testing the composed 'café' of an option written decomposed was told "did you mean
    'café'?", showing the same text twice. Answers are kept in the option's form, which a
    condition is compared with, so it is refused with the characters that differ."""
    options = f'          - {{value: "{NFD}", label: "Café", score: 0}}\n'
    rule = f"""rules:
  - id: r
    when: {{question: place, equals: "{NFC}"}}
    finding: {{severity: high, title: In a café, recommendation: Move this month.}}
"""
    text = HEAD + PLACE.replace("OPTIONS\n", options) + rule + VERDICTS
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    done = civdata_in(tmp_path, "rubric", "validate", "c.yaml")
    assert done.returncode == 2, done.stderr
    lines = problem_lines(done.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"c.yaml:{_line_of(text, 'equals:')}:"), lines
    assert "U+00E9 LATIN SMALL LETTER E WITH ACUTE here" in lines[0] and "did you mean" not in lines[0], lines


# -- finding 5: "not applicable" and "I don't know" ticked beside other options ---------------------


NOBODY_KNOWS = "{severity: high, title: Nobody knows, recommendation: Find out this week.}"


def _multiple_choice(folder: Path, scoring: str, na: str, dk: str) -> str:
    question = f"""      - id: q
        title: Q
        prompt: Which?
        type: multiple_choice
{scoring}        options:
          - {{value: x, label: X, score: 1}}
          - {{value: y, label: Y, score: 0.2}}
          - {{value: na, label: Not applicable, not_applicable: true{na}}}
          - {{value: dk, label: I don't know, unknown: true{dk}, finding: {NOBODY_KNOWS}}}
"""
    text = HEAD + question + STEPS + VERDICTS
    (folder / "mc.yaml").write_text(text, encoding="utf-8")
    return text


def test_not_applicable_and_i_dont_know_must_stand_alone_where_ticked_beside_others_they_would_not_mean_it(
    tmp_path: Path,
) -> None:
    """``[y, na]`` kept the question in the score, and ``[x, dk]`` scored 100 while raising
    "Nobody knows", against the docs' meaning of either. "Not applicable" of a multiple choice
    must be exclusive; "I don't know" too, unless the question scores its worst option ticked
    (``scoring: min``), where ticking it beside others does score as the worst answer."""
    text = _multiple_choice(tmp_path, "", "", "")
    done = civdata_in(tmp_path, "rubric", "validate", "mc.yaml")
    assert done.returncode == 2, done.stderr
    lines = problem_lines(done.stderr)
    na, dk = _line_of(text, "value: na,"), _line_of(text, "value: dk,")
    assert any(line.startswith(f"mc.yaml:{na}:") and "exclusive: true" in line for line in lines), lines
    assert any(
        # Only 'exclusive: true' is offered: 'scoring: min' would halve a checklist's full answers (the review
        # of the fix), so the message no longer names it.
        line.startswith(f"mc.yaml:{dk}:") and "exclusive: true" in line and "scoring: min" not in line
        for line in lines
    ), lines
    assert len(lines) == 2, lines
    _multiple_choice(tmp_path, "        scoring: min\n", ", exclusive: true", "")
    done = civdata_in(tmp_path, "rubric", "validate", "mc.yaml")
    assert done.returncode == 0, done.stderr
    _multiple_choice(tmp_path, "", ", exclusive: true", ", exclusive: true")
    done = civdata_in(tmp_path, "rubric", "validate", "mc.yaml")
    assert done.returncode == 0, done.stderr
    name = _answers(tmp_path, "a.yaml", {"q": ["y", "na"], "q1": "yes"})
    refused = civdata_in(tmp_path, "report", name, "--rubric", "mc.yaml")
    assert refused.returncode == 2 and "cannot be chosen together" in refused.stderr, refused.stderr


# -- finding 6: what the check of unreachable bands catches, as the docs say it ---------------------


def test_the_docs_say_which_unreachable_bands_are_caught_and_which_are_not() -> None:
    """The docs promised that "a band no answers can reach is refused", but a band ruled out by
    severity, or by a score between the real best and the check's bound, passes. They now say
    what is caught: a bound beyond the per-question bounds, not a band severity rules out."""
    docs = " ".join((ROOT / "docs" / "rubric-format.md").read_text(encoding="utf-8").split())
    assert "A band no answers can reach is refused too" not in docs
    assert "`max_severity`" in docs.split("## Roles")[0].split("`verdicts` are bands")[1]
    assert "is not caught" in docs.split("## Roles")[0].split("`verdicts` are bands")[1]


# -- finding 8: an id with a letter outside ASCII -------------------------------------------------


def test_an_id_with_a_letter_outside_ascii_names_the_letter(tmp_path: Path) -> None:
    """``voіce`` with a Cyrillic і was told "use letters and digits", showing an id that looks
    valid. Ids are ASCII letters and digits, and the message names the character."""
    text = (HEAD + STEPS + VERDICTS).replace("id: q2\n", "id: vo\u0456ce\n").replace("id: q3\n", "id: sécurité\n")
    (tmp_path / "ids.yaml").write_text(text, encoding="utf-8")
    done = civdata_in(tmp_path, "rubric", "validate", "ids.yaml")
    assert done.returncode == 2, done.stderr
    lines = problem_lines(done.stderr)
    voice, securite = _line_of(text, "vo\u0456ce"), _line_of(text, "sécurité")
    first = next(line for line in lines if line.startswith(f"ids.yaml:{voice}:"))
    assert "ASCII letters" in first and "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I" in first, first
    second = next(line for line in lines if line.startswith(f"ids.yaml:{securite}:"))
    assert "U+00E9 LATIN SMALL LETTER E WITH ACUTE" in second, second
    docs = (ROOT / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    ids = " ".join(docs.split("### Ids")[1].split("\n\n")[1].split())
    assert "the ASCII letters" in ids and "names the first such character" in ids, ids
