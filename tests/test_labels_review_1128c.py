"""Review 1128c of `civdata import`: an export of labels in another language of the form.

Found by an outside review on 2026-11-28, each reproduced and each test seen to fail before its
fix: an export downloaded from KoboToolbox with the options' labels instead of their values was
told as one problem only when its labels were those of the language the rubric was loaded in. A
form made from a rubric with translations has a label per language, and KoboToolbox lets you
choose the language of an export's labels: one in another language gave a problem per cell, and
one per word of a multiple choice (345 for 4 submissions), none saying what happened. And a yes/no
answer the rubric gives no label for, which the form says in civdata's words of its language
(``Oui``), was not counted as a label.
"""

from __future__ import annotations

from pathlib import Path

from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import ROOT
from tests.kobo_layout import Submission, csv_text, kobo_rows, xlsx_data
from tests.test_ci_outputs import run
from tests.test_form_import import generated

AIA = ROOT / "examples" / "rubrics" / "aia-style-impact.yaml"

#: A rubric in English (its own language), French and Spanish, with a role, a yes/no question
#: whose answers have civdata's words as labels, a single and a multiple choice.
THREE_LANGUAGES = """\
format: 1
id: three-languages
version: 1.0.0
language: en
title: {en: Three languages, fr: Trois langues, es: Tres idiomas}
description: {en: Test., fr: Test., es: Prueba.}
license: CC0-1.0
authors: [tests]
roles:
  - {id: lead, label: {en: Lead, fr: Chef de file, es: Líder}}
  - {id: community, label: {en: Community member, fr: Membre de la communauté, es: Miembro de la comunidad}}
areas:
  - id: data
    title: {en: Data, fr: Données, es: Datos}
    questions:
      - id: backup
        title: {en: Backups, fr: Sauvegardes, es: Copias}
        prompt: {en: Is the data backed up?, fr: Les données sont-elles sauvegardées ?, es: ¿Hay copias?}
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
      - id: storage
        title: {en: Storage, fr: Stockage, es: Almacenamiento}
        prompt: {en: Where is it kept?, fr: Où est-elle gardée ?, es: ¿Dónde se guarda?}
        type: single_choice
        options:
          - {value: cloud, label: {en: In the cloud, fr: Dans le nuage, es: En la nube}, score: 0.5}
          - {value: office, label: {en: In the office, fr: Au bureau, es: En la oficina}, score: 1}
      - id: safeguards
        title: {en: Safeguards, fr: Garanties, es: Garantías}
        prompt: {en: Which safeguards?, fr: Quelles garanties ?, es: ¿Qué garantías?}
        type: multiple_choice
        scoring: sum
        options:
          - {value: encryption, label: {en: Encryption, fr: Chiffrement, es: Cifrado}, score: 1}
          - {value: passwords, label: {en: Strong passwords, fr: Mots de passe forts, es: Contraseñas}, score: 1}
          - {value: none, label: {en: None of these, fr: Aucune, es: Ninguna}, score: 0, exclusive: true}
verdicts:
  - {id: ready, label: Ready, min_score: 75}
  - {id: not-ready, label: Not ready}
"""

#: A rubric in French only whose yes/no answers have no label of the rubric's: the form says them
#: in civdata's French words (``Oui``, ``Non``).
FRENCH_YES_NO = """\
format: 1
id: french-yes-no
version: 1.0.0
language: fr
title: Oui ou non
description: Test.
license: CC0-1.0
authors: [tests]
roles:
  - {id: lead, label: Organisation principale}
areas:
  - id: data
    title: Données
    questions:
      - id: backup
        title: Sauvegardes
        prompt: Les données sont-elles sauvegardées ?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
      - id: encryption
        title: Chiffrement
        prompt: Les données sont-elles chiffrées ?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
verdicts:
  - {id: ready, label: Prête, min_score: 75}
  - {id: not-ready, label: Pas prête}
"""

FIX = "download it again with 'XML values and headers' (KoboToolbox: Data, Downloads)"
LAST = "civdata: 1 problem found; nothing was written"


def _export_of_labels(rubric_file: Path, lang: str, count: int = 4) -> tuple[list[list[str]], int]:
    """A KoboToolbox export of ``count`` submissions to the rubric, downloaded with its labels in
    ``lang`` (headers as XML names, every role and option by its label in that language, the 1/0
    columns of a multiple choice as they are), and how many of its cells hold a label."""
    rubric = load_rubric(rubric_file)
    translated = load_rubric(rubric_file, lang=lang)
    layout = FormLayout(rubric)
    rows = kobo_rows(layout, [Submission(answers) for answers in generated(rubric, count, seed=11)])
    header = rows[0]
    labels = {header.index("civdata__role"): {role.id: role.label for role in translated.roles}}
    for question in translated.questions:
        name = f"{layout.group(question.area_id)}/{layout.field(question.id)}"
        if question.type.has_options:
            names = layout.choice_names(rubric.question(question.id))
            labels[header.index(name)] = {names[option.value]: option.label_in(lang) for option in question.options}
    written = [header]
    cells = 0
    for row in rows[1:]:
        written.append(
            [
                " ".join(labels[index][part] for part in cell.split()) if index in labels else cell
                for index, cell in enumerate(row)
            ]
        )
        cells += sum(1 for index in labels if row[index])
    return written, cells


def _problem(name: str, column: int, lang: str, label: str, value: str, cells: int) -> str:
    return (
        f"{name}:2:{column}: this export holds the labels of the options in '{lang}' ('{label}', where the form "
        f"writes '{value}'), not their values, in {cells} cells: it was downloaded with 'Labels' or the language "
        f"'{lang}' as its value and header format; {FIX}"
    )


def test_an_export_of_labels_in_the_second_language_is_one_problem_naming_that_language(tmp_path: Path) -> None:
    rubric = tmp_path / "three.yaml"
    rubric.write_text(THREE_LANGUAGES, encoding="utf-8")
    rows, cells = _export_of_labels(rubric, "fr")
    (tmp_path / "fr.csv").write_text(csv_text(rows), encoding="utf-8")
    result = run("import", "fr.csv", "-r", rubric, "-o", "out", expect=2, cwd=tmp_path)
    role = rows[0].index("civdata__role") + 1
    assert result.stderr.splitlines() == [_problem("fr.csv", role, "fr", "Chef de file", "lead", cells), LAST]
    assert not (tmp_path / "out").exists()


def test_an_export_of_labels_in_the_third_language_is_told_too(tmp_path: Path) -> None:
    rubric = tmp_path / "three.yaml"
    rubric.write_text(THREE_LANGUAGES, encoding="utf-8")
    rows, cells = _export_of_labels(rubric, "es")
    (tmp_path / "es.csv").write_text(csv_text(rows), encoding="utf-8")
    result = run("import", "es.csv", "-r", rubric, "--report", "r.md", expect=2, cwd=tmp_path)
    role = rows[0].index("civdata__role") + 1
    assert result.stderr.splitlines() == [_problem("es.csv", role, "es", "Líder", "lead", cells), LAST]


def test_the_reviewers_case_french_labels_of_the_aia_rubric_in_a_workbook(tmp_path: Path) -> None:
    """The outside review's case (345 problems for 4 submissions), as KoboToolbox's XLSX export."""
    rows, cells = _export_of_labels(AIA, "fr")
    (tmp_path / "fr.xlsx").write_bytes(xlsx_data(rows))
    result = run("import", "fr.xlsx", "-r", AIA, "-o", "out", expect=2, cwd=tmp_path)
    role = rows[0].index("civdata__role") + 1
    expected = _problem("fr.xlsx", role, "fr", "Équipe de projet", "project", cells)
    where = f"fr.xlsx:2:{role}: "
    in_sheet = f"{where}sheet 'consultation', cell {chr(ord('A') + role - 1)}2: "
    assert result.stderr.splitlines() == [expected.replace(where, in_sheet, 1), LAST]


def test_english_labels_are_told_when_the_rubric_is_loaded_in_french(tmp_path: Path) -> None:
    """``--lang fr`` loads the rubric in French; the export was downloaded with its English labels."""
    rows, cells = _export_of_labels(AIA, "en")
    (tmp_path / "en.csv").write_text(csv_text(rows), encoding="utf-8")
    result = run("import", "en.csv", "-r", AIA, "--lang", "fr", "-o", "out", expect=2, cwd=tmp_path)
    role = rows[0].index("civdata__role") + 1
    assert result.stderr.splitlines() == [_problem("en.csv", role, "en", "Project team", "project", cells), LAST]


def test_yes_no_answers_in_civdatas_words_of_the_rubrics_language_are_counted_as_labels(tmp_path: Path) -> None:
    """A rubric in French only: its yes/no answers read ``Oui`` and ``Non`` in the form, and in an
    export of labels; every cell that holds a label is counted (it said 4, the roles only). A
    rubric in one language does not name it: 'Labels' is the only choice KoboToolbox offers."""
    rubric = tmp_path / "french.yaml"
    rubric.write_text(FRENCH_YES_NO, encoding="utf-8")
    rows, cells = _export_of_labels(rubric, "fr")
    assert any(cell in ("Oui", "Non") for cell in rows[1])
    (tmp_path / "labels.csv").write_text(csv_text(rows), encoding="utf-8")
    result = run("import", "labels.csv", "-r", rubric, "-o", "out", expect=2, cwd=tmp_path)
    role = rows[0].index("civdata__role") + 1
    assert result.stderr.splitlines() == [
        f"labels.csv:2:{role}: this export holds the labels of the options ('Organisation principale', where the "
        f"form writes 'lead'), not their values, in {cells} cells: it was downloaded with 'Labels' as its value and "
        f"header format; {FIX}",
        LAST,
    ]
    assert cells > 4


def test_a_yes_no_label_civdata_gives_is_english_in_a_language_it_has_no_words_in(tmp_path: Path) -> None:
    """In a French-only rubric an unlabelled yes/no answer reads ``Oui``; said in a language
    civdata has no words in, it is English, as docs/field-collection.md promises, not the French
    the rubric was loaded in; a label the rubric gives stays its own."""
    rubric_file = tmp_path / "french.yaml"
    rubric_file.write_text(
        FRENCH_YES_NO.replace('{value: "no", score: 0}', '{value: "no", label: Pas du tout, score: 0}'),
        encoding="utf-8",
    )
    question = load_rubric(rubric_file).question("backup")
    yes, no = question.option("yes"), question.option("no")
    assert yes is not None and no is not None
    assert (yes.label, yes.label_is_civdatas) == ("Oui", True)
    assert [yes.label_in(code) for code in ("sw", "es", "pt", "en")] == ["Yes", "Sí", "Sim", "Yes"]
    assert (no.label_is_civdatas, no.label_in("es")) == (False, "Pas du tout")
