"""Review 1128b of field collection, by a field-collection coordinator.

Found by a review on 2026-11-28, each reproduced and each test seen to fail before its fix:
`import --report` wrote no annotations and no job summary in GitHub Actions, and no warning that an
``--anonymize``d SARIF or Code Quality report is of no use there; two exports pasted together were
not told apart when the second was saved with a byte order mark; a question with two exclusive
options had a constraint message naming the first only; a submission of an older form version was
told its answers were "left blank" when none were; an export downloaded with labels instead of XML
values gave hundreds of problems and no diagnosis; and a text question had a second free-text box
after it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from civdata.answers_loader import load_answers
from civdata.form_layout import FormLayout
from civdata.model import Answer
from civdata.rubric_loader import load_rubric
from tests.conftest import MINI_RUBRIC
from tests.kobo_layout import Submission, csv_text, kobo_rows, odk_central_rows
from tests.test_ci_outputs import GITHUB, commands_in, run
from tests.test_form_import import _comment_text, by_row, generated


def _export_text(count: int = 4, *, seed: int = 5, layout: str = "kobo") -> str:
    """A KoboToolbox (or ODK Central) CSV export of ``count`` submissions to the mini rubric,
    every role among them, with ids of their own (``seed``)."""
    rubric = load_rubric(MINI_RUBRIC)
    submissions = [
        Submission(answers, instance=f"uuid:{seed}-{index}")
        for index, answers in enumerate(generated(rubric, count, seed=seed))
    ]
    if layout == "odk":
        return csv_text(odk_central_rows(FormLayout(rubric), submissions), delimiter=",")
    return csv_text(kobo_rows(FormLayout(rubric), submissions))


def _export(tmp_path: Path, count: int = 4, *, seed: int = 5, name: str = "consultation.csv") -> Path:
    export = tmp_path / name
    export.write_text(_export_text(count, seed=seed), encoding="utf-8")
    return export


def _rows(export: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(export.read_text(encoding="utf-8-sig")), delimiter=";"))


# --- 1. import --report in GitHub Actions: annotations and the job summary ----------------------


def test_import_report_annotates_findings_at_their_row_and_cell_and_writes_the_summary(tmp_path: Path) -> None:
    export = _export(tmp_path)
    summary = tmp_path / "summary.md"
    env = GITHUB | {"GITHUB_STEP_SUMMARY": str(summary)}
    imported = run("import", export.name, "-r", MINI_RUBRIC, "--report", "r.md", env=env, cwd=tmp_path)
    commands = commands_in(imported.stderr)
    # As many as `civdata report` gives on the files import writes of the same submissions.
    run("import", export.name, "-r", MINI_RUBRIC, "-o", "answers", "-q", env={}, cwd=tmp_path)
    reported = commands_in(run("report", "answers", "-r", MINI_RUBRIC, "-o", "r2.md", env=GITHUB, cwd=tmp_path).stderr)
    assert commands and len(commands) == len(reported), imported.stderr
    rows = _rows(export)
    header = rows[0]
    for command in commands:
        assert command.properties["file"] == export.name, command
        line, column = int(command.properties["line"]), int(command.properties["col"])
        assert line > 1 and column >= 1, command  # a submission's row, not the header
        assert rows[line - 1][column - 1] or header[column - 1].startswith("civdata__"), command
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("#") and "Verdict" in text, text


def test_import_report_writes_no_annotations_without_github_actions(tmp_path: Path) -> None:
    export = _export(tmp_path)
    result = run("import", export.name, "-r", MINI_RUBRIC, "--report", "r.md", env={}, cwd=tmp_path)
    assert not commands_in(result.stderr)
    assert not (tmp_path / "summary.md").exists()


# --- 3. import --anonymize into SARIF or Code Quality: the report command's warning --------------


def test_import_anonymized_sarif_and_code_quality_warn_as_report_does(tmp_path: Path) -> None:
    export = _export(tmp_path)
    run("import", export.name, "-r", MINI_RUBRIC, "-o", "answers", "-q", env={}, cwd=tmp_path)
    for name, extra in (("a.sarif", ()), ("a.json", ("-f", "codequality"))):
        imported = run("import", export.name, "-r", MINI_RUBRIC, "--anonymize", "--report", name, *extra, cwd=tmp_path)
        reported = run("report", "answers", "-r", MINI_RUBRIC, "--anonymize", "-o", "b" + name, *extra, cwd=tmp_path)
        warning = [line for line in reported.stderr.splitlines() if "--anonymize'd" in line]
        assert len(warning) == 1, reported.stderr
        assert warning[0] in imported.stderr.splitlines(), imported.stderr
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == []


# --- 2. Two exports pasted together, the second saved with a byte order mark ---------------------


@pytest.mark.parametrize("layout", ["kobo", "odk"])
def test_a_pasted_export_saved_with_a_bom_is_the_one_repeated_header_problem(tmp_path: Path, layout: str) -> None:
    """Excel's "CSV UTF-8" starts a file with a byte order mark; ``cat first.csv second.csv``
    puts it at the start of the second header, which was then read as a submission (92 problems)."""
    first, second = _export_text(2, seed=1, layout=layout), _export_text(2, seed=2, layout=layout)
    export = tmp_path / "both.csv"
    export.write_bytes(first.encode("utf-8") + b"\xef\xbb\xbf" + second.encode("utf-8"))
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", expect=2, cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "both.csv:4:1: this row repeats the header row (two exports pasted together?): delete it; a submission in "
        "both exports is counted once",
        "civdata: 1 problem found; nothing was written",
    ], result.stderr
    assert not (tmp_path / "out").exists()
    # Once it is deleted, both exports' submissions are read.
    rows = export.read_bytes().split(b"\n")
    export.write_bytes(b"\n".join(rows[:3] + rows[4:]))
    assert "read 4 submissions" in run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", cwd=tmp_path).stderr


# --- 4. The constraint message of a question with two exclusive options ---------------------------

#: A rubric in English, French, Spanish and Swahili (civdata has no words of its own in Swahili)
#: whose multiple choice has two exclusive options.
TWO_ALONE_RUBRIC = """\
format: 1
id: two-alone
version: 1.0.0
language: en
title: {en: Two alone, fr: Deux seules, es: Dos solas, sw: Mbili}
description: {en: Test., fr: Test., es: Prueba., sw: Jaribio.}
license: CC0-1.0
authors: [tests]
roles:
  - {id: lead, label: {en: Lead, fr: Chef de file, es: Líder, sw: Kiongozi}}
areas:
  - id: people
    title: {en: People, fr: Personnes, es: Personas, sw: Watu}
    questions:
      - id: safeguards
        title: {en: Safeguards, fr: Garanties, es: Garantías, sw: Kinga}
        prompt: {en: Which safeguards?, fr: Quelles garanties ?, es: ¿Qué garantías?, sw: Kinga zipi?}
        type: multiple_choice
        scoring: sum
        options:
          - {value: encryption, label: {en: Encryption, fr: Chiffrement, es: Cifrado, sw: Usimbaji}, score: 1}
          - {value: none, label: {en: None of these, fr: Aucune, es: Ninguna, sw: Hakuna}, score: 0, exclusive: true}
          - value: unsure
            label: {en: "I don't know", fr: Je ne sais pas, es: No lo sé, sw: Sijui}
            unknown: true
            exclusive: true
verdicts:
  - {id: ready, label: Ready, min_score: 75}
  - {id: not-ready, label: Not ready}
"""


def test_a_question_with_two_exclusive_options_names_both_in_every_language(tmp_path: Path) -> None:
    """Someone who ticks "I don't know" beside another answer was told that "None of these"
    cannot be chosen with others. The message, as the phone shows it (the XForm pyxform makes of
    the export), names both, and only them, in each language of the form."""
    import xml.etree.ElementTree as ElementTree

    from pyxform import xls2xform

    rubric = tmp_path / "two-alone.yaml"
    rubric.write_text(TWO_ALONE_RUBRIC, encoding="utf-8")
    form = tmp_path / "form.xlsx"
    run("export", "xlsform", "-r", rubric, "-o", form, "-q", cwd=tmp_path)
    warnings: list[str] = []
    xform = xls2xform.convert(xlsform=form.read_bytes(), warnings=warnings, file_type=".xlsx").xform
    assert warnings == []
    root = ElementTree.fromstring(xform)
    forms = "{http://www.w3.org/2002/xforms}"
    messages = {
        translation.get("lang", "")[-3:-1]: "".join(text.itertext())
        for translation in root.iter(f"{forms}translation")
        for text in translation
        if text.get("id") == "/data/people/safeguards:jr:constraintMsg"
    }
    assert sorted(messages) == ["en", "es", "fr", "sw"], messages
    expected = {
        "en": ("None of these", "I don't know", "Encryption", "or with each other"),
        "fr": ("Aucune", "Je ne sais pas", "Chiffrement", "ne peuvent pas"),
        "es": ("Ninguna", "No lo sé", "Cifrado", "no pueden"),
        "sw": ("Hakuna", "Sijui", "Usimbaji", "or with each other"),  # civdata's words in English
    }
    for code, (first, second, other, words) in expected.items():
        message = messages[code]
        assert first in message and second in message and words in message, (code, message)
        assert other not in message, (code, message)


# --- 5. Submissions of an older form version that answered no question changed since -------------


def _older_export(tmp_path: Path, *, answered: bool) -> Path:
    """Two submissions made with version 1.1.0 of the mini rubric, of which 1.2.0 changed 'months'
    only: left blank by both (``answered`` False), or answered by the second."""
    rubric = load_rubric(MINI_RUBRIC)
    originals = [replace(answers, rubric_version="1.1.0") for answers in generated(rubric, 2, seed=36)]
    for answers in originals:
        answers.answers.pop("months", None)
    if answered:
        originals[1].answers["months"] = Answer(12)
    rows = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in originals])
    export = tmp_path / "older.csv"
    export.write_text(csv_text(rows), encoding="utf-8")
    return export


def test_older_submissions_that_answered_no_changed_question_are_told_their_answers_were_kept(
    tmp_path: Path,
) -> None:
    export = _older_export(tmp_path, answered=False)
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "answers", cwd=tmp_path)
    [line] = [line for line in result.stderr.splitlines() if "version 1.1.0" in line]
    assert line == (
        "civdata: 2 submissions were made with version 1.1.0 of the form, not 1.2.0; questions changed since: "
        "'months', which none of them answered, so their answers were kept"
    ), result.stderr
    for path in (tmp_path / "answers").iterdir():
        comments = _comment_text(path.read_text(encoding="utf-8"))
        assert "left blank" not in comments, comments
        assert (
            "Made with version 1.1.0 of the form; no question it answered changed since, so its answers were kept."
            in (comments)
        )


def test_older_submissions_name_only_what_was_left_blank_and_only_in_the_files_that_had_it(tmp_path: Path) -> None:
    export = _older_export(tmp_path, answered=True)
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "answers", cwd=tmp_path)
    assert (
        "civdata: 2 submissions were made with version 1.1.0 of the form, not 1.2.0; questions changed since: "
        "'months'. Their answers to those are left blank, with what was answered then as comments in their files"
    ) in result.stderr.splitlines()
    first, second = by_row(tmp_path / "answers")
    assert "left blank" not in _comment_text(first.read_text(encoding="utf-8"))
    assert "months: Previously (1.1.0): 12 — this question changed in 1.2.0: review it" in _comment_text(
        second.read_text(encoding="utf-8")
    )


# --- 6. A KoboToolbox export downloaded with "Labels" instead of "XML values and headers" ---------


def _as_labels(rows: list[list[str]]) -> list[list[str]]:
    """The rows as KoboToolbox writes them with "Labels": each role and option by its label."""
    rubric = load_rubric(MINI_RUBRIC)
    header = rows[0]
    labels: dict[int, dict[str, str]] = {header.index("civdata__role"): {role.id: role.label for role in rubric.roles}}
    for question in rubric.questions:
        name = f"{question.area_id}/{question.id}"
        if question.type.has_options and name in header:
            labels[header.index(name)] = {str(option.value): option.label for option in question.options}
    return [header] + [
        [
            " ".join(labels[index].get(part, part) for part in cell.split()) if index in labels else cell
            for index, cell in enumerate(row)
        ]
        for row in rows[1:]
    ]


def test_an_export_of_labels_is_one_problem_that_says_to_download_xml_values(tmp_path: Path) -> None:
    rubric = load_rubric(MINI_RUBRIC)
    rows = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in generated(rubric, 4, seed=8)])
    export = tmp_path / "labels.csv"
    export.write_text(csv_text(_as_labels(rows)), encoding="utf-8")
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", expect=2, cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert lines[-1] == "civdata: 1 problem found; nothing was written", result.stderr
    [problem] = lines[:-1]
    role = rows[0].index("civdata__role") + 1
    assert problem.startswith(f"labels.csv:2:{role}: this export holds the labels of the options"), problem
    assert "'XML values and headers'" in problem, problem
    assert not (tmp_path / "out").exists()


def test_a_label_typed_into_one_cell_of_an_export_of_values_is_the_problem_of_that_cell(tmp_path: Path) -> None:
    rubric = load_rubric(MINI_RUBRIC)
    rows = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in generated(rubric, 4, seed=8)])
    rows[2] = _as_labels([rows[0], rows[2]])[1]
    export = tmp_path / "edited.csv"
    export.write_text(csv_text(rows), encoding="utf-8")
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", expect=2, cwd=tmp_path)
    assert "XML values" not in result.stderr
    # The generated rows answer every question whatever the role; since the import came to warn of
    # answers a role is not asked (a row of its own, 4 here), the problems are the lines that are
    # not such warnings: this test is about where the problems of the edited row are.
    problems = [line for line in result.stderr.splitlines()[:-1] if ": warning: " not in line]
    assert problems, result.stderr
    assert all(line.startswith("edited.csv:3:") for line in problems), result.stderr


# --- 7. No second free-text box after a text question ---------------------------------------------


def test_the_form_asks_no_note_after_a_text_question_and_both_forms_exports_are_read(tmp_path: Path) -> None:
    """A text question is already in the respondent's own words; the form followed it with
    "Anything to add, in your own words?" all the same. Exports of the form before (with that
    column) and after (without it) are both read."""
    import openpyxl

    rubric = load_rubric(MINI_RUBRIC)
    form = tmp_path / "form.xlsx"
    run("export", "xlsform", "-r", MINI_RUBRIC, "-o", form, "-q", cwd=tmp_path)
    names = [row[1] for row in openpyxl.load_workbook(form)["survey"].iter_rows(min_row=2, values_only=True)]
    texts = [question for question in rubric.questions if question.type.value == "text"]
    assert texts
    for question in rubric.questions:
        assert (f"{question.id}__note" in names) is (question not in texts), question.id
    originals = generated(rubric, 3, seed=12)
    old = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in originals])
    dropped = {old[0].index(f"{question.area_id}/{question.id}__note") for question in texts}
    new = [[cell for index, cell in enumerate(row) if index not in dropped] for row in old]
    for name, rows in (("old.csv", old), ("new.csv", new)):
        (tmp_path / name).write_text(csv_text(rows), encoding="utf-8")
        run("import", name, "-r", MINI_RUBRIC, "-o", name + ".out", "-q", cwd=tmp_path)
    for old_file, new_file in zip(by_row(tmp_path / "old.csv.out"), by_row(tmp_path / "new.csv.out"), strict=True):
        before, after = (load_answers(path, rubric) for path in (old_file, new_file))
        for question in rubric.questions:
            assert after.value(question.id) == before.value(question.id), question.id
            if question not in texts:
                assert after.note(question.id) == before.note(question.id), question.id


# --- Also: -q silences the lines that say a repeated row was counted once ----------------------


def test_quiet_import_says_nothing_of_a_row_counted_once_which_it_says_without_quiet(tmp_path: Path) -> None:
    """-q promises "no progress or information lines": that a row repeating a submission was
    counted once is what the import is documented to do, information, not a warning."""
    rows = _rows(_export(tmp_path, 3))
    (tmp_path / "twice.csv").write_text(csv_text([*rows, rows[1]]), encoding="utf-8")
    said = run("import", "twice.csv", "-r", MINI_RUBRIC, "-o", "a", cwd=tmp_path).stderr
    assert "1 row repeats a submission already read" in said, said
    assert run("import", "twice.csv", "-r", MINI_RUBRIC, "-o", "b", "-q", cwd=tmp_path).stderr == ""
