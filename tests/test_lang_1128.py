"""`--lang` read as language tags are (an outside review of 2026-11-28, a methodologist's).

`--lang FR` and `--lang pt-br` were refused, with "did you mean 'fr'?" for the code civdata had
just guessed; `--lang fr-CA` on a rubric in French was refused with no hint at all. Language tags
are case-insensitive (RFC 5646), and a regional tag reads the language it varies (RFC 4647's
lookup), as a person asking for Canadian French would rather read French than be refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civdata.i18n import matching_language
from tests.conftest import ROOT
from tests.test_ci_outputs import run

RUBRICS = ROOT / "examples" / "rubrics"
AIA = RUBRICS / "aia-style-impact.yaml"  # in en and fr
DEON = RUBRICS / "deon-checklist.yaml"  # in en and pt-BR


@pytest.mark.parametrize(
    ("asked", "languages", "fallback", "found"),
    [
        ("fr", ("en", "fr"), True, "fr"),
        ("FR", ("en", "fr"), True, "fr"),
        ("pt-br", ("en", "pt-BR"), True, "pt-BR"),
        ("pt_BR", ("en", "pt-BR"), True, "pt-BR"),
        ("fr_CA", ("en", "fr"), True, "fr"),
        ("fr-CA", ("en", "fr"), True, "fr"),
        ("FR-ca", ("en", "fr"), True, "fr"),
        ("zh-Hant-TW", ("en", "zh-Hant", "zh"), True, "zh-Hant"),
        ("zh-Hans-CN", ("en", "zh-Hant", "zh"), True, "zh"),
        ("fr-CA", ("en", "fr-CA", "fr"), True, "fr-CA"),
        ("fr", ("en", "fr-CA"), True, None),  # a variant is not read for the language it varies
        ("fr-CA", ("en", "fr"), False, None),  # rubric validate --lang checks the language named
        ("FR", ("en", "fr"), False, "fr"),
        ("de", ("en", "fr"), True, None),
        ("", ("en", "fr"), True, None),
    ],
)
def test_a_language_tag_finds_the_rubrics_language(
    asked: str, languages: tuple[str, ...], fallback: bool, found: str | None
) -> None:
    assert matching_language(asked, languages, fallback=fallback) == found


def _language(tmp_path: Path, *args: str) -> str:
    run("report", *args, "-o", "r.json", "-q", cwd=tmp_path)
    return json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["rubric"]["language"]


@pytest.mark.parametrize(("asked", "shown"), [("FR", "fr"), ("fr-CA", "fr"), ("fr-ca", "fr")])
def test_report_reads_a_tag_in_any_case_and_a_regional_one_as_its_language(
    tmp_path: Path, asked: str, shown: str
) -> None:
    answers = RUBRICS / "answers" / "aia-high-impact.yaml"
    assert _language(tmp_path, str(answers), "-r", str(AIA), "--lang", asked) == shown
    assert (tmp_path / "r.json").read_bytes() == _same_as(tmp_path, answers, shown)


def _same_as(tmp_path: Path, answers: Path, code: str) -> bytes:
    """The report with ``--lang code`` as the rubric spells it, for comparison."""
    other = tmp_path / "plain"
    other.mkdir(exist_ok=True)
    run("report", str(answers), "-r", str(AIA), "--lang", code, "-o", "r.json", "-q", cwd=other)
    return (other / "r.json").read_bytes()


def test_a_language_the_rubric_has_only_a_variant_of_is_refused_naming_it(tmp_path: Path) -> None:
    rubric = tmp_path / "deon.yaml"
    rubric.write_text(DEON.read_text(encoding="utf-8"), encoding="utf-8")
    answers = RUBRICS / "answers" / "deon-with-gaps.yaml"
    refused = run("report", str(answers), "-r", str(rubric), "--lang", "pt", "-o", "r.json", expect=2, cwd=tmp_path)
    assert refused.stderr.splitlines()[0] == (
        f"{rubric}: this rubric has no text in 'pt'; it is written in 'en' or 'pt-BR': choose one with --lang; "
        "did you mean 'pt-BR'?"
    )
    assert _language(tmp_path, str(answers), "-r", str(rubric), "--lang", "PT-BR") == "pt-BR"


def test_rubric_validate_checks_the_language_named_in_any_case_without_falling_back(tmp_path: Path) -> None:
    # deon's Brazilian Portuguese is partial: the texts it lacks are named, as for --lang pt-BR.
    upper = run("rubric", "validate", str(DEON), "--lang", "PT-br", expect=2, cwd=tmp_path)
    exact = run("rubric", "validate", str(DEON), "--lang", "pt-BR", expect=2, cwd=tmp_path)
    assert upper.stderr == exact.stderr
    assert "the title of question 'A.4' has no 'pt-BR' text" in upper.stderr
    regional = run("rubric", "validate", str(AIA), "--lang", "fr-CA", expect=2, cwd=tmp_path)
    assert "this rubric has no text in 'fr-CA' yet, so there is nothing to check" in regional.stderr


# --- The upgrade messages the same review read ---------------------------------------------------

BUNDLED = ROOT / "rubrics" / "civil-society-data-readiness.yaml"
REFUGEE = ROOT / "examples" / "refugee-services" / "answers.yaml"


def _bumped(text: str, version: str) -> str:
    current = next(line for line in text.splitlines() if line.startswith("version: "))
    return text.replace(f"\n{current}\n", f"\nversion: {version}\n", 1)


def test_answers_newer_than_the_bundled_rubric_are_told_to_name_their_rubric(tmp_path: Path) -> None:
    """'newer than the rubric given; use a newer rubric or civdata', when no rubric was given: the
    likelier cause is a rubric of one's own that keeps the bundled id, so the fix is --rubric."""
    answers = REFUGEE.read_text(encoding="utf-8")
    assert 'version: "1.2.3"' in answers
    (tmp_path / "a.yaml").write_text(answers.replace('version: "1.2.3"', 'version: "1.3.0"', 1), encoding="utf-8")
    refused = run("check", "a.yaml", expect=2, cwd=tmp_path)
    assert "these answers are for version 1.3.0 of 'civil-society-data-readiness', newer than the rubric bundled " in (
        refused.stdout + refused.stderr
    )
    assert "give its file with --rubric FILE; else use a newer civdata" in refused.stdout + refused.stderr


def test_an_upgrade_that_asks_every_question_does_not_promise_to_keep_other_answers(tmp_path: Path) -> None:
    """A new version that records no changes asks every question again: 'asks only the 67 changed
    or new questions and keeps your other answers' promised answers there were none of."""
    rubric = tmp_path / "r.yaml"
    rubric.write_text(_bumped(BUNDLED.read_text(encoding="utf-8"), "1.9.0"), encoding="utf-8")
    refused = run("check", "-r", rubric.name, str(REFUGEE), expect=2, cwd=tmp_path)
    said = refused.stdout + refused.stderr
    assert "the rubric does not record which questions changed, so review every answer" in said
    assert "asks every question again, each answer offered as it was" in said
    assert "keeps your other answers" not in said


# --- Invisible characters in a rubric's own text (the same review) -----------------------------


def test_a_mark_or_an_invisible_character_in_a_rubrics_text_is_refused_where_it_is(tmp_path: Path) -> None:
    """A right-to-left mark typed after Arabic punctuation passed `rubric validate`, then showed as
    `\\u200f` in the rubric's docs, the HTML report and the template; a zero-width space made
    'discussed' and 'discussed\\u200b' two options no one could tell apart."""
    text = BUNDLED.read_text(encoding="utf-8")
    title = "        title: People at risk in the data\n"
    option = "          - value: written-internal\n"
    assert text.count(title) == 1 and text.count(option) == 2  # the first is the stakeholder map's
    text = text.replace(title, '        title: {en: People at risk in the data, ar: "أشخاص معرضون للخطر\u200f"}\n')
    text = text.replace(option, '          - value: "discussed\\u200b"\n', 1)
    text = text.replace("Stakeholder map", "Stake\u00adholder map", 1)
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    at = {
        "mark": next(number for number, line in enumerate(lines, 1) if "\u200f" in line),
        "soft": next(number for number, line in enumerate(lines, 1) if "\u00ad" in line),
        "value": next(number for number, line in enumerate(lines, 1) if "discussed\\u200b" in line),
    }
    refused = run("rubric", "validate", "r.yaml", expect=2, cwd=tmp_path)
    assert refused.stderr.splitlines() == [
        f"r.yaml:{at['mark']}:53: this text holds right-to-left mark (\\u200f), which every report, form and "
        "terminal shows spelled out, not as the character: delete it (the HTML report sets the direction of "
        "right-to-left text itself)",
        f"r.yaml:{at['soft']}:16: this text holds soft hyphen (\\xad), which every report, form and terminal shows "
        "spelled out, not as the character: delete it",
        f"r.yaml:{at['value']}:20: this option value holds zero width space (\\u200b), which no respondent can see or "
        "type, and every output spells out: write the value without it",
        "civdata: 3 problems found; nothing was written",
    ]
    # A joiner that spells a Persian word is written as it is, and is no problem.
    persian = BUNDLED.read_text(encoding="utf-8").replace(
        title, '        title: {en: People at risk in the data, fa: "افراد در معرض خطر می\u200cشوند"}\n'
    )
    (tmp_path / "fa.yaml").write_text(persian, encoding="utf-8")
    assert run("rubric", "validate", "fa.yaml", cwd=tmp_path).returncode == 0


def test_a_language_in_capitals_is_one_problem_not_one_per_translated_text(tmp_path: Path) -> None:
    """`language: EN` was refused at `language`, and then each translated text was a problem of its
    own: 'given in en, fr but not in 'EN'; add 'EN'', which would itself be refused."""
    text = BUNDLED.read_text(encoding="utf-8")
    title = "        title: People at risk in the data\n"
    text = text.replace(title, "        title: {en: People at risk in the data, fr: Personnes à risque}\n")
    assert "\nlanguage: en\n" in text
    (tmp_path / "r.yaml").write_text(text.replace("\nlanguage: en\n", "\nlanguage: EN\n"), encoding="utf-8")
    refused = run("rubric", "validate", "r.yaml", expect=2, cwd=tmp_path)
    problems = refused.stderr.splitlines()[:-1]
    assert len(problems) == 1 and "'language' is not valid ('EN')" in problems[0], problems
