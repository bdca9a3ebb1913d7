"""A rubric's languages: a missing translation is found on request, a misspelt language code is
refused, and a language only a few texts give is no language of a form by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from civdata.cli import app
from civdata.i18n import rare_language_problems
from civdata.rubric_loader import load_rubric
from civdata.yamlsource import read_yaml_file
from tests.conftest import FIXTURES, ROOT

ARABIC = FIXTURES / "translations" / "arabic.yaml"
PARTIAL = FIXTURES / "translations" / "partial.yaml"


def _validate(tmp_path: Path, text: str, *args: str) -> tuple[int, str, str]:
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["rubric", "validate", "r.yaml", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _without_ar_in_count(text: str) -> str:
    changed = text.replace('title: {fr: "Nombre", ar: "العدد"}', 'title: {fr: "Nombre"}')
    assert changed != text
    return changed


MISSING_AR = [
    "r.yaml:26:105: the recommendation of the finding of option 'unsure' of question 'sensitive' has no 'ar' "
    "text (it has 'fr' and 'es'); add it, or the report and the form show it in 'fr'",
    "r.yaml:36:16: the title of question 'count' has no 'ar' text (it has 'fr' only); add it, or the report "
    "and the form show it in 'fr'",
]


def test_validate_lang_locates_every_text_missing_the_language(tmp_path: Path) -> None:
    text = _without_ar_in_count(ARABIC.read_text(encoding="utf-8"))
    assert _validate(tmp_path, text)[0] == 0  # a partial translation is allowed
    code, _, stderr = _validate(tmp_path, text, "--lang", "ar")
    assert code == 2
    lines = [line for line in stderr.splitlines() if not line.startswith("civdata: ")]
    assert lines == MISSING_AR


def test_validate_lang_lists_the_missing_texts_beside_the_rubrics_other_problems(tmp_path: Path) -> None:
    """The texts without 'ar' (and a language no text is in) were listed only once the rubric had no
    other problem: a methodologist fixing a typo then learnt of a second round of problems. All are
    listed at once, in file order."""
    text = _without_ar_in_count(ARABIC.read_text(encoding="utf-8"))
    text = text.replace("max: 100000", "max: lots").replace("owner: lead}", "owner: nobody}")
    code, stdout, stderr = _validate(tmp_path, text, "--lang", "ar", "--lang", "de")
    assert (code, stdout) == (2, "")
    assert stderr.splitlines() == [
        # A translation not started (see test_validate_lang_of_a_translation_not_started_says_how_to_start_it).
        "r.yaml: this rubric has no text in 'de' yet, so there is nothing to check: to start a translation, write "
        "one text as a mapping with 'de' beside 'fr' (docs/rubric-format.md, \"Text in several languages\"); this "
        "command then names each text still to translate",
        "r.yaml:23:234: the finding's owner 'nobody' is not a role of this rubric ('community' or 'lead')",
        *MISSING_AR,
        "r.yaml:40:14: 'max' in question 'count' must be a number, not text",
        "civdata: 5 problems found; nothing was written",
    ]


def test_validate_lang_lists_the_missing_texts_beside_a_verdict_no_answers_reach(tmp_path: Path) -> None:
    """The scores no answers reach are judged on the model built from a rubric with no other
    problem; the texts without 'ar' are listed with them."""
    text = _without_ar_in_count(ARABIC.read_text(encoding="utf-8")).replace("score: 1}", "score: 0.1}")
    code, _, stderr = _validate(tmp_path, text, "--lang", "ar")
    assert code == 2
    assert stderr.splitlines()[:3] == [
        *MISSING_AR,
        "r.yaml:43:74: verdict 'ready' asks for a score of at least 75, but no answers give an overall score above "
        "50: each question's worst and best answers, and follow-ups counted as met, keep it from 0 to 50, so it is "
        "never given; lower 'min_score', or the options' scores are too low to reach it",
    ]


def test_validate_lang_says_the_texts_are_not_listed_while_the_rubrics_language_is_no_text(tmp_path: Path) -> None:
    """A text written as one string is in the rubric's language: with none, which texts lack 'ar'
    cannot be told, and the silence must not read as a complete translation."""
    text = _without_ar_in_count(ARABIC.read_text(encoding="utf-8")).replace("language: fr", "language: [fr]")
    code, _, stderr = _validate(tmp_path, text, "--lang", "ar")
    assert code == 2
    assert stderr.splitlines() == [
        "r.yaml:6:11: 'language' must be text, not a list",
        "r.yaml:6:11: the texts not given in 'ar' are not listed: a text written as one string is in the rubric's "
        "language, and this is no language code; write one, such as 'en', and validate again",
        "civdata: 2 problems found; nothing was written",
    ]


def test_validate_lang_names_plain_text_and_the_rubrics_own_fields(tmp_path: Path) -> None:
    text = ARABIC.read_text(encoding="utf-8").replace(
        'description: {fr: "Avant de mettre en commun.", ar: "قبل تجميع السجلات.", es: "Antes de juntar registros."}',
        "description: Avant de mettre en commun.",
    )
    code, _, stderr = _validate(tmp_path, text, "--lang", "ar")
    assert code == 2
    assert "r.yaml:8:14: the rubric's description has no 'ar' text (it has 'fr' only)" in stderr


def test_validate_lang_accepts_a_complete_translation_and_the_rubrics_own_language(tmp_path: Path) -> None:
    text = (FIXTURES / "translations" / "full.yaml").read_text(encoding="utf-8")
    code, stdout, stderr = _validate(tmp_path, text, "--lang", "fr", "--lang", "ar", "--lang", "ar")
    assert (code, stderr) == (0, "")
    assert "r.yaml: ok (" in stdout


def test_validate_lang_of_a_translation_not_started_says_how_to_start_it(tmp_path: Path) -> None:
    # It said "choose one with --lang", as every command does, to a person who had chosen one: the
    # translation they meant to check (a reviewer following docs/rubric-format.md, 2026-11-27).
    code, _, stderr = _validate(tmp_path, ARABIC.read_text(encoding="utf-8"), "--lang", "de")
    assert code == 2
    assert stderr.splitlines()[0] == (
        "r.yaml: this rubric has no text in 'de' yet, so there is nothing to check: to start a translation, write "
        "one text as a mapping with 'de' beside 'fr' (docs/rubric-format.md, \"Text in several languages\"); this "
        "command then names each text still to translate"
    )
    # A slip for a language it has is said as every command says it. (Changed on 2026-11-28,
    # afternoon: the slip was 'FR', which is now read as 'fr', language tags being case-insensitive.)
    code, _, stderr = _validate(tmp_path, ARABIC.read_text(encoding="utf-8"), "--lang", "frr")
    assert stderr.splitlines()[0] == (
        "r.yaml: this rubric has no text in 'frr'; it is written in 'fr', 'ar' or 'es': choose one with --lang; "
        "did you mean 'fr'?"
    )


def test_a_misspelt_language_code_is_refused_and_never_a_language(tmp_path: Path) -> None:
    """The reviewer's case: ``ra`` for ``ar`` in one title, and ``ar`` missing from another."""
    text = _without_ar_in_count(ARABIC.read_text(encoding="utf-8")).replace(
        'title: {fr: "Stockage", ar: "التخزين"}', 'title: {fr: "Stockage", ra: "التخزين"}'
    )
    code, stdout, stderr = _validate(tmp_path, text)
    assert (code, stdout) == (2, "")
    assert stderr.startswith(
        "r.yaml:28:33: 'ra' is in 1 text only, where the rubric's translated texts are in 'fr', 'ar' and 'es'; "
        "did you mean 'ar'?"
    )
    for command in (["rubric", "docs"], ["template", "-o", "-"]):
        result = CliRunner().invoke(app, [*command, "-r", "r.yaml", "--lang", "ra"])
        assert result.exit_code == 2, command
        assert "'ra' is in 1 text only" in result.stderr


def test_a_language_added_to_a_few_texts_is_allowed_but_no_default_language_of_a_form() -> None:
    """partial.yaml gives its title in Spanish too, beside every language the others give: a
    translation begun, not a slip. It is allowed, and a form offers it only when asked."""
    rubric = load_rubric(PARTIAL)
    assert rubric.languages == ("fr", "ar", "es")
    assert rubric.main_languages == ("fr", "ar")
    assert load_rubric(ARABIC).main_languages == ("fr", "ar", "es")


def test_a_translation_begun_where_another_is_partial_is_no_typo(tmp_path: Path) -> None:
    """A hostile review: German added to two texts of arabic.yaml that lack Spanish (itself partial)
    was refused as a typo, and the rubric could not be used at all. 'de' is no slip of 'es'."""
    text = ARABIC.read_text(encoding="utf-8")
    for before, german in (
        ('title: {fr: "Personnes à risque", ar: "أشخاص معرضون للخطر"}', "Gefährdete Personen"),
        ('ar: "هل تصف السجلات أشخاصاً في خطر؟"}', "Beschreiben die Akten gefährdete Menschen?"),
    ):
        assert before in text
        text = text.replace(before, f'{before[:-1]}, de: "{german}"}}')
    rubric = tmp_path / "begun.yaml"
    rubric.write_text(text, encoding="utf-8")
    document, _ = read_yaml_file(rubric)
    assert list(rare_language_problems(document, "fr")) == []
    assert "de" in load_rubric(rubric).languages


def _repository_rubrics() -> list[Path]:
    found = []
    for folder in ("rubrics", "civdata", "examples", "tests/fixtures", "tests/cases/rubrics/good"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "\nareas:" in text and "\nverdicts:" in text:
                found.append(path)
    return found


def test_no_rubric_of_the_repository_is_taken_for_a_language_typo() -> None:
    """The heuristic is checked against every rubric the project has: none trips it."""
    rubrics = _repository_rubrics()
    assert len(rubrics) > 20
    for path in rubrics:
        document, _ = read_yaml_file(path)
        if isinstance(document.data, dict) and isinstance(document.data.get("language", "en"), str):
            assert list(rare_language_problems(document, document.data.get("language", "en"))) == [], path


def test_export_leaves_a_language_few_texts_give_out_of_the_form_unless_asked(tmp_path: Path) -> None:
    pytest.importorskip("pyxform")
    result = CliRunner().invoke(app, ["export", "xlsform", "-r", str(PARTIAL), "-o", "form.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert "in fr, ar\n" in result.stderr
    assert "Left out es, which too few of the rubric's texts are given in" in result.stderr
    asked = CliRunner().invoke(app, ["export", "xlsform", "-r", str(PARTIAL), "-o", "es.xlsx", "--lang", "es"])
    assert asked.exit_code == 0, asked.stderr
    assert "in es\n" in asked.stderr


@pytest.mark.parametrize("lang", ["de", ""])
@pytest.mark.parametrize(
    "command",
    [
        ["rubric", "docs", "-r", "arabic.yaml"],
        ["template", "-r", "arabic.yaml", "-o", "-"],
        ["report", "answers.yaml", "-r", "arabic.yaml", "--format", "json"],
        ["export", "xlsform", "-r", "arabic.yaml", "-o", "form.xlsx"],
        ["assess", "-r", "arabic.yaml"],  # without a terminal, as here
    ],
    ids=lambda command: command[0],
)
def test_every_command_refuses_a_language_the_rubric_lacks_in_the_same_words(
    command: list[str], lang: str, tmp_path: Path
) -> None:
    """export used to word it its own way (`--lang de: the rubric is written in fr, ar, es`), and an
    empty --lang was taken for none: `report --lang ''` wrote a report in the rubric's language.
    assess without a terminal suggested `civdata template ... --lang de` instead, refused in turn."""
    if command[0] == "export":
        pytest.importorskip("openpyxl")
    (tmp_path / "arabic.yaml").write_text(ARABIC.read_text(encoding="utf-8"), encoding="utf-8")
    answers = "format: 1\ninitiative: Test\nrubric: {id: small-lang, version: 1.0.0}\nrespondent: {role: lead}\n"
    (tmp_path / "answers.yaml").write_text(answers + "answers: {how: local}\n", encoding="utf-8")
    result = CliRunner().invoke(app, [*command, "--lang", lang])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0] == (
        f"arabic.yaml: this rubric has no text in '{lang}'; it is written in 'fr', 'ar' or 'es': choose one with --lang"
    )
    assert not (tmp_path / "form.xlsx").exists()
