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


def test_a_submission_odk_central_could_not_decrypt_is_a_problem_at_its_status(tmp_path: Path) -> None:
    """The reviewer's refugee-services export, downloaded without the passphrase: two of four
    people's answers were imported as submissions that answered nothing and had no role, exit 0,
    and the warnings asked whether the export had been edited."""
    from tests.conftest import MINI_RUBRIC

    export, column = _central_export(tmp_path, ["", "not decrypted", "", "missing encrypted form data"])
    done = run("import", export, "-r", MINI_RUBRIC, "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    problems = [line for line in done.stderr.splitlines() if not line.startswith("civdata: ")]
    assert problems == [
        f"{export}:3:{column}: this submission is encrypted and was downloaded without the form's passphrase "
        "(ODK Central: 'not decrypted'), so none of its answers are in the export; download the submissions "
        "again with the passphrase",
        f"{export}:5:{column}: ODK Central holds no data for this encrypted submission ('missing encrypted form "
        "data': it arrived incomplete), so none of its answers are in the export; have it sent again from ODK "
        "Collect, or reject it in ODK Central",
    ], done.stderr
    assert not (tmp_path / "out").exists()


def test_a_blank_rubric_cell_is_a_problem_at_its_cell_as_a_blank_version_is(tmp_path: Path) -> None:
    """The form fills in its rubric's id in every submission; a blank cell was read as the rubric's
    without a word, while a blank version cell beside it is a problem."""
    from tests.conftest import MINI_RUBRIC

    export, _ = _central_export(tmp_path, ["", "", ""])
    rows = list(csv.reader(io.StringIO(export.read_text(encoding="utf-8"))))
    column = rows[0].index("civdata__rubric")
    assert rows[2][column] == "mini"
    rows[2][column] = ""
    export.write_text(csv_text(rows, ","), encoding="utf-8")
    done = run("import", export, "-r", MINI_RUBRIC, "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    problems = [line for line in done.stderr.splitlines() if not line.startswith("civdata: ")]
    assert problems == [
        f"{export}:3:{column + 1}: the rubric is missing: the form writes its rubric's id here, 'mini'; "
        "export the submissions again"
    ], done.stderr
    assert not (tmp_path / "out").exists()


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
