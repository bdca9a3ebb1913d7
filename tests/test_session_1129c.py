"""Defects found in the third session of 2026-11-29, by outside reviews and from the last
session's list, each as a user meets it. Every expectation was written before its fix (or its
corrected documentation) and seen to fail without it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.kobo_layout import csv_text
from tests.test_ci_review_1129 import COUNTY, run
from tests.test_lines_review_1127 import HEADER, write


def test_line_breaks_only_yaml_counts_inside_quotes_are_read_as_the_docs_say(tmp_path: Path) -> None:
    """docs/answers-format.md: inside quotes U+2028 and U+2029 stay in the text, and a NEXT LINE or
    a lone carriage return becomes a space (YAML folds a line break inside quotes). The docs said
    all four were kept as text."""
    write(
        tmp_path / "a.yaml",
        f'{HEADER}answers:\n  people-at-risk:\n    value: "yes"\n    note: "a\u2028b\x85c\rd\u2029e"\n'
        "  stakeholder-map: {value: not-done, note: 'x\x85y\u2028z'}\n",
    )
    done = run("report", "a.yaml", "-o", "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    notes = {
        note["question"]: note["text"]
        for finding in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]
        for note in finding.get("notes", [])
    }
    assert notes == {"people-at-risk": "a\u2028b c d\u2029e", "stakeholder-map": "x y\u2028z"}, notes


# --- Field collection review ---------------------------------------------------------------------


def _central_export(tmp_path: Path, statuses: list[str]) -> tuple[Path, int]:
    """An ODK Central download of an encrypted form: a row it could not decrypt has its Status and
    the platform's own cells (date, KEY, submitter, review, version), every cell of the form blank,
    as Central writes it. Also the Status column's number (1-based)."""
    from civdata.form_layout import FormLayout
    from civdata.rubric_loader import load_rubric
    from tests.conftest import MINI_RUBRIC
    from tests.kobo_layout import Submission, odk_central_rows
    from tests.test_form_import import generated

    rubric = load_rubric(MINI_RUBRIC)
    rows = odk_central_rows(FormLayout(rubric), [Submission(a) for a in generated(rubric, len(statuses), seed=5)])
    status = rows[0].index("Status")
    kept = {rows[0].index(name) for name in ("SubmissionDate", "KEY", "SubmitterID", "SubmitterName", "Status")}
    for row, value in zip(rows[1:], statuses, strict=True):
        if value:
            row[:] = [cell if index in kept else "" for index, cell in enumerate(row)]
            row[status] = value
    export = tmp_path / "central.csv"
    export.write_text(csv_text(rows, ","), encoding="utf-8")
    return export, status + 1


def _refused_import(tmp_path: Path, export: Path) -> list[str]:
    """The problems of an import of ``export`` with the mini rubric into a folder, which exits 2
    and writes nothing."""
    from tests.conftest import MINI_RUBRIC

    done = run("import", export, "-r", MINI_RUBRIC, "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert not (tmp_path / "out").exists()
    return [line for line in done.stderr.splitlines() if not line.startswith("civdata: ")]


def test_a_submission_odk_central_could_not_decrypt_is_a_problem_at_its_status(tmp_path: Path) -> None:
    """The reviewer's refugee-services export, downloaded without the passphrase: two of four
    people's answers were imported as submissions that answered nothing and had no role, exit 0,
    and the warnings asked whether the export had been edited."""

    export, column = _central_export(tmp_path, ["", "not decrypted", "", "missing encrypted form data"])
    problems = _refused_import(tmp_path, export)
    assert problems == [
        f"{export}:3:{column}: this submission is encrypted and was downloaded without the form's passphrase "
        "(ODK Central: 'not decrypted'), so none of its answers are in the export; download the submissions "
        "again with the passphrase",
        f"{export}:5:{column}: ODK Central holds no data for this encrypted submission ('missing encrypted form "
        "data': it arrived incomplete), so none of its answers are in the export; have it sent again from ODK "
        "Collect, or reject it in ODK Central",
    ], problems


def test_a_blank_rubric_cell_is_a_problem_at_its_cell_as_a_blank_version_is(tmp_path: Path) -> None:
    """The form fills in its rubric's id in every submission; a blank cell was read as the rubric's
    without a word, while a blank version cell beside it is a problem."""

    export, _ = _central_export(tmp_path, ["", "", ""])
    rows = list(csv.reader(io.StringIO(export.read_text(encoding="utf-8"))))
    column = rows[0].index("civdata__rubric")
    assert rows[2][column] == "mini"
    rows[2][column] = ""
    export.write_text(csv_text(rows, ","), encoding="utf-8")
    problems = _refused_import(tmp_path, export)
    assert problems == [
        f"{export}:3:{column + 1}: the rubric is missing: the form writes its rubric's id here, 'mini'; "
        "export the submissions again"
    ], problems


# --- CI review: a misspelt required key ----------------------------------------------------------

REQUIRED = ["format", "rubric", "initiative", "respondent", "answers"]


@pytest.mark.parametrize("key", REQUIRED)
def test_a_misspelt_required_key_is_one_located_problem_in_every_command(tmp_path: Path, key: str) -> None:
    """The reviewer's hand edit: 'respondents:' for 'respondent:' (or 'rubricx:') stopped check,
    report, a folder and a baseline with "internal error (KeyError: 'respondent')", exit 3, and
    hid every other file's problems: the unknown key's "did you mean" had replaced the "missing"
    problem that kept the checks against the rubric from reading the key."""
    lead = COUNTY / "lead.yaml"
    text = lead.read_text(encoding="utf-8")
    assert f"\n{key}:" in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(f"\n{key}:", f"\n{key}s:", 1), encoding="utf-8")
    line = text[: text.index(f"\n{key}:")].count("\n") + 2
    expected = f"bad.yaml:{line}:1: unknown key '{key}s' at the top level; did you mean '{key}'?"
    other = tmp_path / "other.yaml"
    other.write_text(text.replace("role: lead", "role: leed", 1), encoding="utf-8")
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "bad.yaml").write_bytes(bad.read_bytes())
    (folder / "funder.yaml").write_bytes((COUNTY / "funder.yaml").read_bytes())
    for args in (
        ["check", "bad.yaml", "other.yaml"],
        ["report", "bad.yaml", "-o", "r.md"],
        ["report", "team", "-o", "r.md"],
        ["report", lead, "--baseline", "bad.yaml", "-o", "r.md"],
        ["template", "--from", "bad.yaml", "-o", "t.yaml"],
    ):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        problems = [line for line in done.stderr.splitlines() if not line.startswith("civdata: ")]
        assert any(problem.endswith(expected.removeprefix("bad.yaml")) for problem in problems), (args, done.stderr)
        if args[0] == "check":  # the other file's problem is said too
            assert any(problem.startswith("other.yaml:") for problem in problems), done.stderr


@pytest.mark.parametrize("key", ["findings", "respondents", "verdict", "overall", "rubric", "initiative", "areas"])
def test_a_json_baseline_with_a_key_misspelt_is_missing_it_not_a_bug(tmp_path: Path, key: str) -> None:
    """A JSON report read back takes keys it does not know (a newer civdata's), so nothing calls
    'findingss' unknown; the same change had dropped "missing 'findings'" as a second problem of
    one typo, and the baseline was read without it: internal error, exit 3."""
    report = json.loads((COUNTY / "lead-report.json").read_text(encoding="utf-8"))
    report[f"{key}s"] = report.pop(key)
    (tmp_path / "base.json").write_text(json.dumps(report), encoding="utf-8")
    for args in (
        ["report", COUNTY / "lead.yaml", "--baseline", "base.json", "-o", "r.md"],
        ["history", "base.json", ROOT / "examples" / "county-justice-three-months-later" / "progress-report.json"],
    ):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith(f"base.json:1:1: the file is missing '{key}'\n"), (args, done.stderr)


# --- Field review: a form never makes someone guess ----------------------------------------------

SHELTER = """\
format: 1
id: shelter
version: 1.0.0
title: Shelter data
description: Funding and consent.
license: CC0-1.0
authors: [civdata maintainers]
language: en
roles:
  - {id: community, label: Community member}
areas:
  - id: reach
    title: Reach
    questions:
      - id: months
        title: Funded months
        prompt: {en: How many months of funding are left?, fr: Combien de mois de financement restent ?}
        type: number
        integer: true
        min: 0
        max: 120
        bands:
          - {max: 12, score: 0, finding: {severity: high, title: Short funding, recommendation: Plan the end.}}
          - {min: 12, score: 1}
      - id: consent
        title: Consent
        prompt: Was consent asked?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
          - {value: unsure}
verdicts:
  - {id: ready, label: Ready, min_score: 75, max_severity: medium}
  - {id: not-ready, label: Not ready}
"""


def test_a_required_number_is_optional_on_the_phone_and_its_blank_is_read_cautiously(tmp_path: Path) -> None:
    """The reviewer's shelter rubric: the form made 'months' required with only a range check, so
    a community member who did not know typed a guess (24: "Ready"); left blank, as the terminal
    allows, it reads "Not ready" with the short-funding finding. The form leaves a question that
    cannot be answered "I don't know" optional, says so in its hint, and keeps the others required."""
    import openpyxl
    from lxml import etree

    from civdata.form_layout import FormLayout
    from civdata.model import Answer, AnswerSet, Respondent
    from civdata.rubric_loader import load_rubric
    from tests.kobo_layout import Submission, kobo_rows
    from tests.test_form_export import XF, converted

    rubric_file = tmp_path / "shelter.yaml"
    rubric_file.write_text(SHELTER, encoding="utf-8")
    done = run("export", "xlsform", "-r", rubric_file, "--lang", "en", "--lang", "fr", "-o", "form.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "form.xlsx")["survey"].values)
    survey = {row[rows[0].index("name")]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert (survey["months"]["required"] or "", survey["consent"]["required"]) == ("", "yes")
    assert survey["months"]["hint::English (en)"] == "If you do not know, leave it empty."
    assert survey["months"]["hint::Français (fr)"] == "Si vous ne savez pas, laissez vide."
    xform = etree.fromstring(converted((tmp_path / "form.xlsx").read_bytes()).encode("utf-8"))
    binds = {bind.get("nodeset").rsplit("/", 1)[1]: bind for bind in xform.iter(f"{XF}bind")}
    assert (binds["months"].get("required"), binds["consent"].get("required")) == (None, "true()")

    rubric = load_rubric(rubric_file)
    answers = AnswerSet(
        "shelter", "1.0.0", "Shelter", Respondent(role="community"), {"consent": Answer("yes")}, date="2026-10-12"
    )
    export = tmp_path / "export.csv"
    export.write_text(csv_text(kobo_rows(FormLayout(rubric), [Submission(answers)]), ";"), encoding="utf-8")
    done = run("import", export, "-r", rubric_file, "--report", "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["verdict"]["id"] == "not-ready"
    assert [finding["title"] for finding in report["findings"]] == ["Short funding"]


def test_no_form_of_any_rubric_requires_an_answer_that_cannot_be_i_dont_know() -> None:
    """Over every bundled, example and test rubric with a form: a field the form requires is a
    written answer or a choice with an "I don't know" option (or civdata's own: initiative, role);
    every question the rubric requires is required in the form or has the hint that it may be empty."""
    from civdata.form_layout import FormLayout
    from civdata.rubric_loader import load_rubric
    from civdata.xlsform import FormOptions, build_sheets
    from tests.test_form_export import RUBRICS

    for path in RUBRICS:
        rubric = load_rubric(path)
        layout = FormLayout(rubric)
        by_field = {layout.field(question.id): question for question in rubric.questions}
        sheets = build_sheets({rubric.language: rubric}, FormOptions())
        header, *rows = sheets.survey
        for row in (dict(zip(header, row, strict=False)) for row in rows):
            question = by_field.get(row.get("name", ""))
            if question is None:
                continue
            can_say_unknown = question.type.value == "text" or bool(question.unknown_values)
            assert (row.get("required") == "yes") == (question.required and can_say_unknown), (path, row)
            if question.required and not can_say_unknown:
                assert "If you do not know, leave it empty." in row.get("hint", ""), (path, row)


def test_another_forms_export_is_refused_with_the_rubric_given_too(tmp_path: Path) -> None:
    """The reviewer's household-intake export: refused without --rubric ("pass the rubric with
    --rubric"); with it, its one column named like a question ('retention') was enough to import
    two role-less respondents, read as the rubric's current version, exit 0."""
    export = tmp_path / "intake.csv"
    export.write_text(
        "start;end;consent;retention;household/size;village;_id;_uuid;_submission_time;_validation_status;"
        "__version__;_index\n"
        "2026-10-01T09:00;2026-10-01T09:20;yes;indefinite;4;Lakeside;1;aa-1;2026-10-01T09:21:00;;v1;1\n"
        "2026-10-02T09:00;2026-10-02T09:20;yes;unsure;2;Hillside;2;aa-2;2026-10-02T09:21:00;;v1;2\n",
        encoding="utf-8",
    )
    done = run("import", export, "-r", "civil-society-data-readiness", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(
        f"{export}:1:1: this export has none of the columns every civdata form writes ('civdata__rubric', "
        "'civdata__rubric_version', 'civdata__role'), and 1 of the 67 questions of rubric "
        "'civil-society-data-readiness' ('retention'): it looks like the export of another form; import the "
        "submissions of the form `civdata export xlsform` made from this rubric\n"
    ), done.stderr
    assert not (tmp_path / "out").exists()


# --- Fuzzing review: standard error pointed at an input ------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["report", "a.yaml", "-o", "r.md"],
        ["report", "-", "-o", "r.md"],
        ["check", "a.yaml"],
        ["check", "."],
        ["template", "--from", "a.yaml", "-o", "t.yaml"],
        ["history", "a.json", "b.json"],
        ["report", "a.yaml", "--baseline", "a.json", "-o", "r.md"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_standard_error_pointed_at_an_input_writes_nothing_into_it(tmp_path: Path, args: list[str]) -> None:
    """``civdata report a.yaml -o x.md 2>> a.yaml`` appended "Wrote ..." lines to the answers,
    leaving them invalid YAML, exit 0 (and check wrote its problems into the file it checked).
    Standard error is checked like any output: nothing is written into it, exit 2."""
    import subprocess

    from tests.conftest import civdata_command

    (tmp_path / "a.yaml").write_bytes((COUNTY / "lead.yaml").read_bytes())
    for name in ("a.json", "b.json"):  # two reports of one initiative, for history and a baseline
        source = "lead-report.json" if name == "a.json" else "../county-justice-three-months-later/progress-report.json"
        (tmp_path / name).write_bytes((COUNTY / source).read_bytes())
    target = tmp_path / ("a.json" if "a.json" in args else "a.yaml")
    before = target.read_bytes()
    with target.open("ab") as error_output, (tmp_path / "a.yaml").open("rb") as answers:
        done = subprocess.run(
            [*civdata_command(), *args],
            cwd=tmp_path,
            stdin=answers,
            stdout=subprocess.PIPE,
            stderr=error_output,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2, done.stdout
    assert target.read_bytes() == before
    assert b"no problems" not in done.stdout


# --- Review by a refugee-services coalition (ar, fa, uk, fr) ---------------------------------------


def test_a_date_of_another_calendar_is_warned_of_at_its_place(tmp_path: Path) -> None:
    """12 Shahrivar 1405 (Solar Hijri), written 1405-06-12, is a valid day to every check, and was
    taken silently for a date 600 years ago: first in every history and comparison."""
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    (tmp_path / "h.yaml").write_text(text.replace('date: "2026-10-14"', 'date: "1405-06-12"'), encoding="utf-8")
    line = text[: text.index('date: "2026-10-14"')].count("\n") + 1
    warning = (
        f"h.yaml:{line}:7: warning: the answers are dated 1405-06-12, before 2000; if it is a date of another "
        "calendar (the Solar Hijri year 1405 began in March 2026, the Islamic year 1448 in June 2026), write the "
        "Gregorian date: a history or comparison would take this assessment for the earliest"
    )
    for args in (["check", "h.yaml"], ["report", "h.yaml", "-o", "r.md"]):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert warning in done.stderr.splitlines(), done.stderr
    (tmp_path / "ok.yaml").write_text(text.replace('date: "2026-10-14"', 'date: "2000-01-01"'), encoding="utf-8")
    assert "warning" not in run("check", "ok.yaml", cwd=tmp_path).stderr


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("٢٠٢٦-٠٩-٠٣", ", with the digits 0-9: 2026-09-03"),
        ("۲۰۲۶-۰۹-۰۳", ", with the digits 0-9: 2026-09-03"),
        ("٣/٩/٢٠٢٦", ", with the digits 0-9: 2026-09-03 or 2026-03-09, whichever it is"),
        ("٢٠٢٦", ", with the digits 0-9"),
    ],
)
def test_a_date_in_other_digits_is_told_to_use_the_digits_0_to_9(tmp_path: Path, written: str, hint: str) -> None:
    """It was refused with "write it as YYYY-MM-DD", which it is, to the eye of whoever wrote it."""
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    (tmp_path / "d.yaml").write_text(text.replace('date: "2026-10-14"', f'date: "{written}"'), encoding="utf-8")
    done = run("check", "d.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert f"'date' is not valid ('{written}'): write it as YYYY-MM-DD{hint}\n" in done.stderr, done.stderr


@pytest.mark.parametrize(("written", "point"), [("٣", "3"), ("۳", "3"), ("३", "3")])
def test_a_scale_point_in_other_digits_is_told_to_use_the_digits_0_to_9(
    tmp_path: Path, written: str, point: str
) -> None:
    """'٣' on a scale was told "choose '1', '2', '3' or '4'": to its writer, the answer written."""
    from tests.conftest import FIXTURES, MINI_RUBRIC

    text = (FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text.replace("confidence: 2", f'confidence: "{written}"'), encoding="utf-8")
    done = run("check", "-r", MINI_RUBRIC, "a.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        f"'{written}' is not an answer to 'confidence'; choose '1', '2', '3' or '4'; "
        f"write {point} with the digits 0-9\n" in done.stderr
    ), done.stderr


def test_a_forms_languages_are_named_in_their_own_words_and_told_apart(tmp_path: Path) -> None:
    """The language menu showed 'fa (fa)', 'prs (prs)' and 'fr-CA (fr)'; a rubric in both fa and
    fa-AF gave two languages named by their codes. Converted by pyxform without a warning."""
    import openpyxl

    from tests.test_form_export import converted

    persian = "چند ماه بودجه باقی مانده است؟"
    rubric = SHELTER.replace(
        "prompt: {en: How many months of funding are left?, fr: Combien de mois de financement restent ?}",
        f'prompt: {{en: How many months of funding are left?, fa: "{persian}", fa-AF: "{persian}", prs: "{persian}", '
        "fr-CA: Combien de mois de financement restent ?}",
    ).replace(
        "prompt: Was consent asked?",
        'prompt: {en: Was consent asked?, fa: "آیا رضایت پرسیده شد؟", fa-AF: "آیا رضایت پرسیده شد؟", '
        'prs: "آیا رضایت پرسیده شد؟", fr-CA: Le consentement a-t-il été demandé ?}',
    )
    (tmp_path / "shelter.yaml").write_text(rubric, encoding="utf-8")
    languages = ["--lang", "en", "--lang", "fa", "--lang", "fa-AF", "--lang", "prs", "--lang", "fr-CA"]
    done = run("export", "xlsform", "-r", "shelter.yaml", *languages, "-o", "form.xlsx", cwd=tmp_path)
    assert done.returncode == 0 and "pyxform says" not in done.stderr, done.stderr
    header = next(openpyxl.load_workbook(tmp_path / "form.xlsx")["survey"].values)
    assert [column for column in header if column and column.startswith("label::")] == [
        "label::English (en)",
        "label::فارسی (fa)",
        "label::دری (fa)",
        "label::دری (prs)",
        "label::Français fr-CA (fr)",
    ]
    converted((tmp_path / "form.xlsx").read_bytes())  # no warning


def test_answers_of_a_newer_patch_are_a_warning_even_with_quiet(tmp_path: Path) -> None:
    """A CI job pinned to an older civdata judged answers stamped 1.2.9 with 1.2.3's severities,
    with the same information line as for an older PATCH, which -q hid."""
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    (tmp_path / "new.yaml").write_text(text.replace('version: "1.2.3"', 'version: "1.2.9"'), encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text.replace('version: "1.2.3"', 'version: "1.2.0"'), encoding="utf-8")
    newer = run("report", "-q", "new.yaml", "-o", "r.md", cwd=tmp_path)
    assert newer.returncode == 0
    assert newer.stderr == (
        "civdata: warning: 1 answers file was made with version 1.2.9 of the rubric, not 1.2.3: a PATCH release "
        "changes no question, so its answers are read as they are, with the severities, owners and dates of "
        "findings of 1.2.3, which 1.2.9 may have changed: to judge them as 1.2.9 does, use the civdata (or the "
        "rubric) of 1.2.9\n"
    )
    older = run("report", "-q", "old.yaml", "-o", "r.md", cwd=tmp_path)
    assert (older.returncode, older.stderr) == (0, "")


# --- CI review: a baseline gone wrong ------------------------------------------------------------


@pytest.mark.parametrize("cut_at", [40, 3000, -2])
def test_a_json_baseline_cut_short_is_said_to_be(tmp_path: Path, cut_at: int) -> None:
    """A baseline artefact whose download stopped part way was "invalid YAML: did not find
    expected ',' or '}'", which sent the team to their answers files."""
    whole = (COUNTY / "lead-report.json").read_text(encoding="utf-8")
    (tmp_path / "base.json").write_text(whole[:cut_at], encoding="utf-8")
    done = run("report", COUNTY / "lead.yaml", "--baseline", "base.json", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 2
    problem = done.stderr.splitlines()[0]
    assert problem.startswith("base.json:") and problem.endswith(
        ": invalid JSON: the file ends before the report does (cut short? a download or a copy that stopped part "
        "way); write or download the report again"
    ), done.stderr


def test_json_that_is_not_a_report_is_one_problem(tmp_path: Path) -> None:
    """'{}' as a baseline was 21 lines of "the file is missing ...", some of keys only a combined
    report has."""
    (tmp_path / "base.json").write_text('{"name": "x", "values": [1, 2]}\n', encoding="utf-8")
    done = run("report", COUNTY / "lead.yaml", "--baseline", "base.json", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "base.json:1:1: this is not a JSON report written by civdata (it has none of 'findings', 'kind', "
        "'report_format' or 'verdict'); give the JSON report: `civdata report ANSWERS -f json -o report.json`\n"
        "civdata: 1 problem found; nothing was written\n"
    )


def test_a_missing_file_is_not_answered_with_another_persons_file(tmp_path: Path) -> None:
    """'lead.yaml', missing, was answered "did you mean 'funder.yaml'?": the '.yaml' they share
    made them close. Names are compared without an ending they share."""
    (tmp_path / "funder.yaml").write_bytes((COUNTY / "funder.yaml").read_bytes())
    (tmp_path / "vernum.yaml").write_bytes((COUNTY / "funder.yaml").read_bytes())
    for missing, said in (
        ("lead.yaml", "lead.yaml: no such file or folder\n"),
        ("nosuch.yaml", "nosuch.yaml: no such file or folder\n"),
        ("fundr.yaml", "fundr.yaml: no such file or folder; did you mean 'funder.yaml'?\n"),
    ):
        done = run("report", missing, cwd=tmp_path)
        assert done.returncode == 2
        assert done.stderr.startswith(said), done.stderr


@pytest.mark.parametrize("lang", ["prs", "pes", "PRS", "prs-AF"])
def test_dari_reads_a_rubric_written_in_persian(tmp_path: Path, lang: str) -> None:
    """--lang prs (Dari, as some Afghan systems name it) on a rubric written in 'fa' was refused
    with no suggestion; Dari and Iranian Persian are languages of the Persian macrolanguage."""
    rubric = SHELTER.replace(
        "prompt: Was consent asked?", 'prompt: {en: Was consent asked?, fa: "آیا رضایت پرسیده شد؟"}'
    )
    (tmp_path / "fa.yaml").write_text(rubric, encoding="utf-8")
    done = run("rubric", "docs", "-r", "fa.yaml", "--lang", lang, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "> آیا رضایت پرسیده شد؟" in done.stdout
    assert run("rubric", "docs", "-r", "fa.yaml", "--lang", "ps", cwd=tmp_path).returncode == 2  # Pashto is not


def test_a_percentage_of_one_is_said_to_be_one_percent(tmp_path: Path) -> None:
    """--min-coverage 1 (a share of 1, to someone used to 0-1) was taken as 1% without a word and
    replaced the default floor, so a nearly empty file passed; 0.8 was refused as a share."""
    (tmp_path / "a.yaml").write_bytes((COUNTY / "lead.yaml").read_bytes())
    one = run("report", "-q", "a.yaml", "--min-coverage", "1", "-o", "r.md", cwd=tmp_path)
    assert one.returncode == 0
    assert one.stderr == (
        "civdata: warning: --min-coverage 1 is read as 1%; for all of it (a share of 1), write --min-coverage 100\n"
    )
    share = run("report", "-q", "a.yaml", "--fail-under", "1.0", "-o", "r.md", cwd=tmp_path)
    assert share.returncode == 2
    assert "--fail-under 1.0 is a percentage from 0 to 100, not a share: did you mean --fail-under 100?" in share.stderr
    assert run("report", "-q", "a.yaml", "--min-coverage", "1%", "-o", "r.md", cwd=tmp_path).stderr == ""
