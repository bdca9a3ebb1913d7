"""`civdata export xlsform`: the forms convert cleanly, and ask exactly what civdata would ask.

Every form is converted by pyxform, the library KoboToolbox and ODK Central convert XLSForms with;
the bundled and example rubrics' forms are also checked by ODK Validate (JavaRosa, shipped with
pyxform; Java is on every machine this project runs on). The follow-up logic is checked on the
XForm pyxform produced: each ``relevant`` expression is evaluated by a real XPath 1.0 engine
(libxml2, through lxml, with ODK's ``selected()`` and ``count-selected()`` added) over instances
filled with generated answers, and compared with civdata's own walk of the same answers.
"""

from __future__ import annotations

import random
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from pyxform import xls2xform

from civdata.catalog import find_rubric
from civdata.form_layout import ROLE_FIELD, FormLayout
from civdata.model import Answer, AnswerSet, Respondent, Rubric
from civdata.results import QuestionStatus
from civdata.rubric_loader import load_rubric
from civdata.scoring import walk
from civdata.spreadsheet import xlsx_bytes
from civdata.xlsform import FormOptions, build_sheets, form_text
from tests.conftest import MINI_RUBRIC, ROOT, civdata_command
from tests.kobo_layout import cell
from tests.rubric_properties import random_answers, random_value

LOGIC = ROOT / "tests" / "fixtures" / "forms" / "logic-rubric.yaml"
RUBRICS = [
    find_rubric("civil-society-data-readiness"),
    ROOT / "examples" / "rubrics" / "deon-checklist.yaml",
    ROOT / "examples" / "rubrics" / "aia-style-impact.yaml",
    MINI_RUBRIC,
    LOGIC,
]
XF = "{http://www.w3.org/2002/xforms}"


def form_bytes(path: Path, options: FormOptions | None = None, languages: list[str] | None = None) -> bytes:
    options = options or FormOptions()
    base = load_rubric(path)
    rubrics = {code: load_rubric(path, lang=code) for code in (languages or base.languages)}
    sheets = build_sheets(rubrics, options)
    return xlsx_bytes({"survey": sheets.survey, "choices": sheets.choices, "settings": sheets.settings})


def converted(data: bytes, *, validate: bool = False) -> str:
    warnings: list[str] = []
    result = xls2xform.convert(xlsform=data, warnings=warnings, file_type=".xlsx", validate=validate)
    assert warnings == []
    return result.xform


@pytest.mark.slow
@pytest.mark.parametrize("path", RUBRICS[:3], ids=lambda path: path.stem)
def test_the_bundled_and_example_forms_pass_odk_validate(path: Path, tmp_path: Path) -> None:
    """Through the command a facilitator runs; ODK Validate runs JavaRosa on the XForm."""
    form = tmp_path / "form.xlsx"
    result = subprocess.run(
        [*civdata_command(), "export", "xlsform", "-r", str(path), "-o", str(form)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "pyxform says" not in result.stderr
    assert form.stat().st_mode & 0o777 == 0o600
    converted(form.read_bytes(), validate=True)


@pytest.mark.parametrize("path", RUBRICS, ids=lambda path: path.stem)
def test_every_variant_converts_without_errors_or_warnings(path: Path) -> None:
    rubric = load_rubric(path)
    converted(form_bytes(path))
    converted(form_bytes(path, FormOptions(initiative='Eastside\'s ${data} "project"', ask_names=False)))
    for role in rubric.roles:
        converted(form_bytes(path, FormOptions(role=role.id)))
    for code in rubric.languages:
        converted(form_bytes(path, languages=[code]))


def test_translations_become_label_columns_in_each_language() -> None:
    xform = converted(form_bytes(ROOT / "examples" / "rubrics" / "aia-style-impact.yaml"))
    assert 'lang="English (en)" default="true()"' in xform
    assert 'lang="Français (fr)"' in xform
    rubric_fr = load_rubric(ROOT / "examples" / "rubrics" / "aia-style-impact.yaml", lang="fr")
    assert (
        form_text(rubric_fr.questions[0].prompt).replace("'", "&apos;") in xform
        or rubric_fr.questions[0].prompt in xform
    )
    pt = converted(form_bytes(ROOT / "examples" / "rubrics" / "deon-checklist.yaml", languages=["pt-BR", "en"]))
    assert 'lang="Português do Brasil (pt)" default="true()"' in pt


# --- The follow-up logic, evaluated ------------------------------------------------------------------


def _selected(context: object, haystack: object, needle: object) -> bool:
    return str(needle) in _string(haystack).split()


def _count_selected(context: object, haystack: object) -> float:
    return float(len(_string(haystack).split()))


def _string(value: object) -> str:
    if isinstance(value, list):
        return (value[0].text or "") if value else ""
    return str(value)


_functions = etree.FunctionNamespace(None)
_functions["selected"] = _selected
_functions["count-selected"] = _count_selected


class XForm:
    """The instance template and the ``relevant`` of every field, from pyxform's XForm."""

    def __init__(self, xform: str) -> None:
        root = etree.fromstring(xform.encode())
        model = root.find(f".//{XF}model")
        assert model is not None
        instance = model.find(f"{XF}instance")
        assert instance is not None
        self.template = _plain(instance[0])
        self.relevant = {
            bind.get("nodeset"): bind.get("relevant") for bind in model.findall(f"{XF}bind") if bind.get("relevant")
        }

    def filled(self, values: dict[str, str]) -> etree._Element:
        """A copy of the instance with ``values`` by field name (every other field empty)."""
        copy = etree.fromstring(etree.tostring(self.template))
        for element in copy.iter():
            element.text = values.get(element.tag, "") if len(element) == 0 else None
        return copy

    def relevant_fields(self, instance: etree._Element) -> set[str]:
        """The fields whose ``relevant`` holds (a field without one always does)."""
        tree = etree.ElementTree(instance)
        found = {element.tag for element in instance.iter() if len(element) == 0}
        for nodeset, expression in self.relevant.items():
            if not bool(tree.xpath(expression)):
                found.discard(nodeset.rsplit("/", 1)[-1])
        return found


def _plain(element: etree._Element) -> etree._Element:
    """The instance without namespaces, as JavaRosa reads names in expressions."""
    copy = etree.Element(etree.QName(element).localname)
    for child in element:
        copy.append(_plain(child))
    return copy


def _answer_combinations(rubric: Rubric, count: int, seed: int) -> list[AnswerSet]:
    """Generated answers in every role, with blanks, "I don't know" and the riskier options often."""
    rng = random.Random(seed)
    combinations = []
    roles = [role.id for role in rubric.roles] + [""]
    for index in range(count):
        answers = random_answers(rubric, rng, roles[index % len(roles)])
        for question in rubric.questions:
            unknown = [option.value for option in question.options if option.unknown]
            if unknown and rng.random() < 0.2:
                value = (unknown[0],) if question.type.value == "multiple_choice" else unknown[0]
                answers = replace(answers, answers={**answers.answers, question.id: Answer(value)})
            elif rng.random() < 0.15:
                answers = replace(answers, answers={k: v for k, v in answers.answers.items() if k != question.id})
        combinations.append(answers)
    return combinations


def _values(layout: FormLayout, answers: AnswerSet, asked: set[str], rng: random.Random) -> dict[str, str]:
    """The instance a form holds for ``answers``: answers to the questions asked; a question not
    asked keeps a stale answer half the time (Enketo keeps the value of a question that stopped
    being relevant until the form is finalised)."""
    values = {ROLE_FIELD: answers.respondent.role}
    for question in layout.questions:
        value = answers.value(question.id)
        if question.id not in asked and rng.random() < 0.5:
            value = random_value(question, rng)
        values[layout.field(question.id)] = cell(question, layout, value)
    return values


@pytest.mark.parametrize("path", RUBRICS, ids=lambda path: path.stem)
def test_the_form_asks_a_question_exactly_when_civdata_would(path: Path) -> None:
    rubric = load_rubric(path)
    rng = random.Random(11)
    for options in [FormOptions(), *(FormOptions(role=role.id) for role in rubric.roles)]:
        layout = FormLayout(rubric, options.role)
        form = XForm(converted(form_bytes(path, options)))
        for answers in _answer_combinations(rubric, 150 if options.role is None else 40, seed=len(layout.questions)):
            if options.role is not None:
                answers = replace(answers, respondent=Respondent(options.role))
            statuses = walk(rubric, answers).statuses
            skipped = (QuestionStatus.SKIPPED_ROLE, QuestionStatus.SKIPPED_CONDITION)
            asked = {qid for qid, status in statuses.items() if status not in skipped}
            relevant = form.relevant_fields(form.filled(_values(layout, answers, asked, rng)))
            on_form = {question.id for question in layout.questions}
            assert {q for q in on_form if layout.field(q) in relevant} == asked & on_form, answers
            # No note field after a text question since review 1128b: its answer is free text already.
            noted = {q for q in asked & on_form if layout.asks_note(rubric.question(q))}
            assert {q for q in on_form if layout.note_field(q) in relevant} == noted


def test_the_evaluator_would_catch_a_wrong_expression() -> None:
    """The comparison above fails when a relevant expression is wrong (here: "I don't know" left out)."""
    rubric = load_rubric(LOGIC)
    layout = FormLayout(rubric)
    form = XForm(converted(form_bytes(LOGIC)))
    threat = next(nodeset for nodeset in form.relevant if nodeset.endswith("/threat"))
    form.relevant[threat] = "/data/first/sensitive = 'yes'"
    answers = AnswerSet(rubric.id, rubric.version, "x", Respondent("lead"), {"sensitive": Answer("unsure")})
    values = _values(layout, answers, {question.id for question in rubric.questions}, random.Random(1))
    assert "threat" not in form.relevant_fields(form.filled(values))
    assert walk(rubric, answers).statuses["threat"] is not QuestionStatus.SKIPPED_CONDITION


# --- Text from the rubric stays text ---------------------------------------------------------------


def test_spreadsheet_formulas_in_a_rubric_stay_text_in_the_xlsx(tmp_path: Path) -> None:
    import openpyxl

    data = form_bytes(LOGIC)
    (tmp_path / "form.xlsx").write_bytes(data)
    workbook = openpyxl.load_workbook(tmp_path / "form.xlsx")
    cells = [item for sheet in workbook for row in sheet.iter_rows() for item in row if item.value is not None]
    starting = [item for item in cells if str(item.value)[:1] in "=+-@"]
    assert {str(item.value) for item in starting} >= {"=cmd|' /C calc'!A0", "-Funder", "+Community @SUM(1)"}
    assert all(item.data_type == "s" for item in cells), [item.coordinate for item in cells if item.data_type != "s"]
    xform = converted(data)
    assert "=cmd|&apos; /C calc&apos;!A0" in xform or "=cmd|' /C calc'!A0" in xform


def test_markup_and_references_in_rubric_text_are_inert() -> None:
    assert form_text("${secret} *bold* _it_ # heading \\") == "$ {secret} \\*bold\\* \\_it\\_ \\# heading \\\\"
    assert form_text("[click](http://x) <span>") == "&#91;click](http://x) &lt;span>"
    xform = converted(form_bytes(LOGIC))
    assert "$ {secret}" in xform
    assert "<output" not in xform  # no ${...} in a label became a reference to a field
    assert "&amp;lt;span" in xform and "<span" not in xform  # the label text holds &lt;, shown as <


def test_the_form_title_is_plain_text_with_invisible_characters_spelled_once(tmp_path: Path) -> None:
    """The title is no label: ODK Collect lists it and Enketo heads the page with it as plain text
    (enketo-transformer copies ``h:title`` with ``xsl:value-of``), so a Markdown escape would show
    as written. Before: ``Vérification \\*pilote\\* \\#2 C:\\\\dossiers`` and ``\\\\u200f``.
    `civdata rubric validate` names the mark, for its author to delete before publishing (since
    2026-11-28, afternoon); the form is made from the rubric as it is."""
    source = (ROOT / "tests" / "fixtures" / "translations" / "arabic.yaml").read_text(encoding="utf-8")
    old_title = 'title: {fr: "Vérification des données", ar: "التحقق من البيانات (نسخة ٢)"'
    assert old_title in source
    rubric = tmp_path / "title.yaml"
    new_title = 'title: {fr: "Vérification *pilote* #2 C:\\\\dossiers <b>${x}</b>", ar: "التحقق \u200f(٢)"'
    rubric.write_text(source.replace(old_title, new_title), encoding="utf-8")
    titles = {}
    for code in ("fr", "ar"):
        xform = etree.fromstring(converted(form_bytes(rubric, languages=[code])).encode("utf-8"))
        titles[code] = xform.findtext("{http://www.w3.org/1999/xhtml}head/{http://www.w3.org/1999/xhtml}title")
    assert titles == {"fr": "Vérification *pilote* #2 C:\\dossiers <b>$ {x}</b>", "ar": "التحقق \\u200f(٢)"}
    result = subprocess.run(
        [*civdata_command(), "rubric", "validate", str(rubric)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert f"{rubric}:7:" in result.stderr and "this text holds right-to-left mark (\\u200f)" in result.stderr


def test_a_form_for_one_role_names_the_role_in_its_title() -> None:
    """Found by a review (2026-11-27): every role's form had the rubric's title alone, so a
    collector with a form per role saw identical names in ODK Collect's list."""
    titles = {}
    for role in (None, "community"):
        xform = etree.fromstring(converted(form_bytes(MINI_RUBRIC, FormOptions(role=role))).encode("utf-8"))
        titles[role] = xform.findtext("{http://www.w3.org/1999/xhtml}head/{http://www.w3.org/1999/xhtml}title")
    assert titles == {None: "Mini rubric for tests", "community": "Mini rubric for tests (Community representative)"}


def test_a_missing_forms_extra_is_explained(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "openpyxl.py").write_text("raise ImportError('blocked for the test')\n")
    result = subprocess.run(
        [*civdata_command(), "export", "xlsform", "-o", str(tmp_path / "form.xlsx")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": f"{blocked}:{ROOT}", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    # The fix for each way the README installs civdata (a name alone would ask the package index).
    assert "in a clone of civdata, pip install '.[forms]'" in result.stderr
    assert "'civdata[forms] @ git+https://" in result.stderr
    assert not (tmp_path / "form.xlsx").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/form.csv"], "an XLSForm is an .xlsx file"),
        (["-o", "{tmp}/form.xlsx", "--role", "leed"], "--role 'leed' is not a role of this rubric"),
        (  # worded as every command words it (before: "--lang de: the rubric is written in en")
            ["-o", "{tmp}/form.xlsx", "--lang", "de"],
            "bundled: civil-society-data-readiness.yaml: this rubric has no text in 'de'; it is written in 'en': "
            "choose one with --lang",
        ),
    ],
)
def test_export_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    command = [*civdata_command(), "export", "xlsform", *(arg.replace("{tmp}", str(tmp_path)) for arg in args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- civdata's own words in each language of the form ---------------------------------------------

#: A rubric in English, French and Swahili (a language civdata has no words of its own in), with a
#: number in a range, a whole number with a minimum only, and yes/no questions with and without labels.
THREE_LANGUAGES = """\
format: 1
id: trilingual
version: 1.0.0
language: en
title: {en: Reach, fr: Portée, sw: Ufikiaji}
description: {en: How far the data reaches., fr: Jusqu'où vont les données., sw: Data zinafika wapi.}
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: {en: Lead, fr: Responsable, sw: Kiongozi}}
areas:
  - id: reach
    title: {en: Reach, fr: Portée, sw: Ufikiaji}
    questions:
      - id: share
        title: {en: Share, fr: Part, sw: Sehemu}
        prompt: {en: What share is covered?, fr: Quelle part est couverte ?, sw: Sehemu gani imefunikwa?}
        type: number
        min: 0.5
        max: 1234567
        bands: [{score: 1}]
      - id: sites
        title: {en: Sites, fr: Sites, sw: Maeneo}
        prompt: {en: How many sites?, fr: Combien de sites ?, sw: Maeneo mangapi?}
        type: number
        integer: true
        min: 1
        unit: {en: sites, fr: sites, sw: maeneo}
        bands: [{score: 1}]
      - id: consent
        title: {en: Consent, fr: Consentement, sw: Ridhaa}
        prompt: {en: Was consent asked?, fr: Le consentement a-t-il été demandé ?, sw: "Je, ridhaa iliombwa?"}
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", label: {en: Not yet, fr: Pas encore, sw: Bado}, score: 0}
          - {value: unsure, finding: {severity: medium, title: Nobody knows, recommendation: Find out.}}
verdicts:
  - {id: done, label: Done}
"""


def _sheet(workbook: object, name: str) -> list[dict[str, str]]:
    rows = [[cell.value or "" for cell in row] for row in workbook[name].iter_rows()]  # type: ignore[index]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_every_language_column_of_a_form_is_in_that_language(tmp_path: Path) -> None:
    """docs/field-collection.md: civdata's own words are in each language it has them in; a number's
    limits in any other language are given as numbers only. Before: the limits were English in
    every column ("Un nombre from 0.5 to 1234567") and yes/no options without labels were "Yes" and
    "No" in the French column."""
    import openpyxl

    rubric = tmp_path / "trilingual.yaml"
    rubric.write_text(THREE_LANGUAGES, encoding="utf-8")
    form = tmp_path / "form.xlsx"
    command = [*civdata_command(), "export", "xlsform", "-r", str(rubric), "-o", str(form)]
    result = subprocess.run([*command, "--lang", "en", "--lang", "fr", "--lang", "sw"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    converted(form.read_bytes())  # pyxform converts it, without a warning
    workbook = openpyxl.load_workbook(form)
    survey = {row["name"]: row for row in _sheet(workbook, "survey")}
    en, fr, sw = "English (en)", "Français (fr)", "Kiswahili (sw)"
    messages = {
        name: [survey[name][f"constraint_message::{language}"] for language in (en, fr, sw)]
        for name in ("share", "sites")
    }
    assert messages == {
        "share": ["A number from 0.5 to 1234567", "Un nombre de 0.5 à 1234567", "0.5 – 1234567"],
        "sites": ["A whole number at least 1", "Un nombre entier supérieur ou égal à 1", "≥ 1"],
    }
    # The unit's hint: civdata's word "Unit" where it has one, else the rubric's word alone. Then
    # (changed on purpose, 2026-11-29: a required number is optional in the form, so that nobody
    # must guess) that it may be left empty: a sentence of civdata's own, in English where it has
    # no words, as the role and note questions are (pyxform wants a hint in every language).
    assert [survey["sites"][f"hint::{language}"] for language in (en, fr, sw)] == [
        "Unit: sites\n\nIf you do not know, leave it empty.",
        "Unité : sites\n\nSi vous ne savez pas, laissez vide.",
        "maeneo\n\nIf you do not know, leave it empty.",
    ]
    choices = {
        row["name"]: [row[f"label::{language}"] for language in (en, fr, sw)]
        for row in _sheet(workbook, "choices")
        if row["list_name"] == "consent"
    }
    assert choices == {
        "yes": ["Yes", "Oui", "Yes"],
        "no": ["Not yet", "Pas encore", "Bado"],
        "unsure": ["Unsure", "Ne sait pas", "Unsure"],
    }


def test_a_regional_or_plain_language_code_gets_the_words_of_its_language(tmp_path: Path) -> None:
    """A rubric translated to ``pt`` (or ``pt-PT``, ``fr-CA``) is in a language civdata has words
    in, under another code: its form had the limits as numbers only, English yes/no labels and
    English questions about the respondent, because only ``pt-BR`` and ``fr`` were looked up."""
    import openpyxl

    rubric = tmp_path / "regional.yaml"
    rubric.write_text(THREE_LANGUAGES.replace("fr:", "fr-CA:").replace("sw:", "pt:"), encoding="utf-8")
    form = tmp_path / "form.xlsx"
    command = [*civdata_command(), "export", "xlsform", "-r", str(rubric), "-o", str(form)]
    result = subprocess.run([*command, "--lang", "fr-CA", "--lang", "pt"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    converted(form.read_bytes())
    workbook = openpyxl.load_workbook(form)
    survey = {row["name"]: row for row in _sheet(workbook, "survey")}
    fr, pt = "Français fr-CA (fr)", "Português (pt)"  # named by its language since 2026-11-29, on purpose
    assert [survey["sites"][f"constraint_message::{language}"] for language in (fr, pt)] == [
        "Un nombre entier supérieur ou égal à 1",
        "Um número inteiro maior ou igual a 1",
    ]
    consent = {
        row["name"]: [row[f"label::{language}"] for language in (fr, pt)]
        for row in _sheet(workbook, "choices")
        if row["list_name"] == "consent"
    }
    assert consent["yes"] == ["Oui", "Sim"] and consent["unsure"] == ["Ne sait pas", "Não sei"]
    name = next(row for row in survey.values() if row["name"].endswith("name") and row["type"] == "text")
    assert [name[f"label::{language}"] for language in (fr, pt)] == ["Votre nom (facultatif)", "Seu nome (opcional)"]


def test_a_language_with_words_for_limits_has_the_sentences_they_fit_in() -> None:
    """A form's number message puts :mod:`civdata.answer_words`' limits into the form's sentence:
    both must exist for the same languages, or a column would mix languages again."""
    from civdata.answer_words import LIMIT_WORDS, YES_NO_WORDS
    from civdata.xlsform import WORDS

    assert set(WORDS["number"]) == set(WORDS["whole"]) == set(LIMIT_WORDS) == set(YES_NO_WORDS)
    # Every sentence of a form is in every language that has words, or a column would mix languages.
    assert all(set(sentences) == set(LIMIT_WORDS) for sentences in WORDS.values())


def test_a_note_required_when_other_is_chosen_is_not_labelled_optional() -> None:
    """A reviewer following docs/field-collection.md: the note after a question with "Other" is
    required once Other is chosen, yet its label said "(optional)" on the phone."""
    rubric = load_rubric(find_rubric("civil-society-data-readiness"))
    sheets = build_sheets({"en": rubric}, FormOptions())
    header = sheets.survey[0]
    rows = [dict(zip(header, row, strict=True)) for row in sheets.survey[1:]]
    layout = FormLayout(rubric)
    with_other = {q.id for q in rubric.questions if any(option.other for option in q.options)}
    assert with_other
    notes = {row["name"]: row for row in rows if row["name"].endswith("__note")}
    for question in rubric.questions:
        if question.type.has_options:
            row = notes[layout.note_field(question.id)]
            label = row[next(column for column in header if column.startswith("label"))]
            assert ("(optional)" in label) is (question.id not in with_other), (question.id, label)
            assert bool(row["required"]) is (question.id in with_other), question.id
