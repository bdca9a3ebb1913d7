"""`civdata import` and the review state a facilitator gives submissions on the platform.

ODK Central's CSV download has a ``ReviewState`` column (blank, ``received``, ``hasIssues``,
``edited``, ``approved``, ``rejected``), and includes rejected submissions by default; a
KoboToolbox export has ``_validation_status`` (blank, ``validation_status_approved``,
``validation_status_not_approved``, ``validation_status_on_hold``, or their labels ``Approved``,
``Not Approved``, ``On Hold`` in an export with labels). A facilitator rejects a submission so that
it does not count: docs/field-collection.md says such rows are skipped and named, and rows marked
as having issues or on hold are counted with a warning naming them.
"""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civdata.form_layout import FormLayout
from civdata.imported_files import answers_file_names, files_of_submission, named_by_row, submission_key
from civdata.rubric_loader import load_rubric
from civdata.submissions import Imported
from tests.conftest import MINI_RUBRIC, ROOT, comment_prose
from tests.kobo_layout import Submission, csv_text, kobo_rows, odk_central_rows, xlsx_data
from tests.test_form_import import generated, run


def _odk_export(tmp_path: Path, states: list[str], name: str = "odk.csv") -> tuple[Path, int]:
    """An ODK Central export of ``len(states)`` submissions, each with its ReviewState; and that
    column's number (1-based), as a message names it."""
    return _export(tmp_path / name, states, odk_central_rows, "ReviewState", ",", seed=11)


def _kobo_export(tmp_path: Path, states: list[str], name: str = "kobo.csv") -> tuple[Path, int]:
    """A KoboToolbox export whose rows have these ``_validation_status`` cells, and that column."""
    return _export(tmp_path / name, states, kobo_rows, "_validation_status", ";", seed=12)


def _export(
    export: Path, states: list[str], layout: Callable[..., list[list[str]]], header: str, separator: str, *, seed: int
) -> tuple[Path, int]:
    """``len(states)`` generated submissions in a platform's ``layout``, each with its review cell
    (column ``header``) set to its state; and that column's number (1-based)."""
    rubric = load_rubric(MINI_RUBRIC)
    submissions = [Submission(answers) for answers in generated(rubric, len(states), seed=seed)]
    rows = layout(FormLayout(rubric), submissions)
    column = rows[0].index(header)
    for row, state in zip(rows[1:], states, strict=True):
        row[column] = state
    export.write_text(csv_text(rows, separator), encoding="utf-8")
    return export, column + 1


def _odk_with_edit(tmp_path: Path, edit_state: str) -> tuple[Path, int]:
    """An ODK Central export of two submissions, the second rejected, then an edit of it (another
    instance id; ODK Central's KEY stays the original's) whose ReviewState is ``edit_state``; and
    that column's index (0-based)."""
    rubric = load_rubric(MINI_RUBRIC)
    rows = odk_central_rows(FormLayout(rubric), [Submission(a) for a in generated(rubric, 2, seed=11)])
    state, instance = rows[0].index("ReviewState"), rows[0].index("meta-instanceID")
    rows[2][state] = "rejected"
    edit = list(rows[2])
    edit[state], edit[instance] = edit_state, "uuid:" + str(uuid.UUID(int=99))
    rows.append(edit)
    export = tmp_path / "odk.csv"
    export.write_text(csv_text(rows, ","), encoding="utf-8")
    return export, state


def _respondents(report: Path) -> int:
    return len(json.loads(report.read_text(encoding="utf-8"))["respondents"])


def test_a_submission_rejected_in_odk_central_is_skipped_and_named(tmp_path: Path) -> None:
    export, column = _odk_export(tmp_path, ["", "rejected", "approved", "edited", "received"])
    result = run("import", export, "-r", MINI_RUBRIC, "-o", tmp_path / "answers", "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert f"civdata: read 5 rows from {export}: 4 submissions, 1 rejected in ODK Central, skipped" in result.stderr
    assert f"{export}:3:{column}: skipped: rejected in ODK Central (ReviewState 'rejected')" in result.stderr
    assert _respondents(tmp_path / "r.json") == 4
    assert len(list((tmp_path / "answers").iterdir())) == 4
    texts = [comment_prose(path.read_text(encoding="utf-8")) for path in (tmp_path / "answers").iterdir()]
    assert sorted(re.search(r", row ([0-9]+)\.", text).group(1) for text in texts) == ["2", "4", "5", "6"]  # type: ignore[union-attr]


@pytest.mark.parametrize("state", ["validation_status_not_approved", "Not Approved", "Not approved"])
def test_a_submission_not_approved_in_kobotoolbox_is_skipped_and_named(tmp_path: Path, state: str) -> None:
    export, column = _kobo_export(tmp_path, ["validation_status_approved", state, ""])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert f"civdata: read 3 rows from {export}: 2 submissions, 1 not approved in KoboToolbox, skipped" in result.stderr
    assert f"{export}:3:{column}: skipped: not approved in KoboToolbox (_validation_status '{state}')" in (
        result.stderr
    )
    assert _respondents(tmp_path / "r.json") == 2


def test_submissions_with_issues_or_on_hold_are_counted_with_a_warning_naming_them(tmp_path: Path) -> None:
    export, column = _odk_export(tmp_path, ["hasIssues", "", "hasIssues"])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert f"civdata: read 3 submissions from {export}" in result.stderr
    for row in (2, 4):
        assert f"{export}:{row}:{column}: warning: counted, but marked as having issues in ODK Central" in (
            result.stderr
        )
    assert _respondents(tmp_path / "r.json") == 3

    export, column = _kobo_export(tmp_path, ["validation_status_on_hold", "On Hold"], name="hold.csv")
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "hold.json")
    assert result.returncode == 0, result.stderr
    for row in (2, 3):
        assert f"{export}:{row}:{column}: warning: counted, but on hold in KoboToolbox" in result.stderr
    assert _respondents(tmp_path / "hold.json") == 2


def test_a_review_state_civdata_does_not_know_is_counted_with_a_warning(tmp_path: Path) -> None:
    export, column = _odk_export(tmp_path, ["", "thrown out"])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert f"{export}:3:{column}: warning: counted, but its ReviewState 'thrown out' is not one ODK Central writes" in (
        result.stderr
    )
    assert _respondents(tmp_path / "r.json") == 2


def test_with_anonymize_a_review_cell_of_someones_words_is_not_quoted(tmp_path: Path) -> None:
    """A review column is free text on the platform's side: a note typed into it (here a name and
    why) was quoted whole on the terminal and in the CI log, also with --anonymize, which quotes no
    other cell. The platform's own words stay, so the facilitator still reads what each row says;
    the warning, its place and its fix are unchanged."""
    words = "Amina K. asked to withdraw"
    export, column = _odk_export(tmp_path, ["rejected", words, "hasIssues"])
    plain = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "plain.json")
    assert f"{export}:3:{column}: warning: counted, but its ReviewState '{words}' is not one" in plain.stderr
    said = _imported_anonymized(export, tmp_path, words)
    assert (
        f"{export}:3:{column}: warning: counted, but its ReviewState [value left out: --anonymize] is not one ODK "
        "Central writes ('received', 'hasIssues', 'edited', 'approved' or 'rejected'); if it was meant to be thrown "
        "out, reject it in ODK Central and download the submissions again"
    ) in said
    assert f"{export}:2:{column}: skipped: rejected in ODK Central (ReviewState 'rejected')" in said
    assert f"{export}:4:{column}: warning: counted, but marked as having issues in ODK Central (ReviewState " in said


def test_with_anonymize_the_review_cell_of_a_row_skipped_for_another_is_not_quoted(tmp_path: Path) -> None:
    """A row skipped because another version of its submission was rejected says what its own
    review cell holds: with --anonymize, not a person's words typed there."""
    export, state = _odk_with_edit(tmp_path, "Yusuf D. says keep")
    assert (
        f"{export}:4:{state + 1}: skipped: row 3 (another version of this submission) is rejected in ODK Central, "
        "though this row says otherwise (ReviewState [value left out: --anonymize])"
    ) in _imported_anonymized(export, tmp_path, "Yusuf D. says keep")


def _imported_anonymized(export: Path, tmp_path: Path, words: str) -> str:
    """What `civdata import --anonymize --report` says of ``export``, which must not quote ``words``
    (someone's, typed into a review cell), nor name whose they are (their first word)."""
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json", "--anonymize")
    assert result.returncode == 0, result.stderr
    assert words not in result.stderr and words.split()[0] not in result.stderr, result.stderr
    return result.stderr


def test_a_rejected_row_is_not_checked_and_its_mistakes_stop_nothing(tmp_path: Path) -> None:
    """A facilitator rejects a test submission or a wrong one: what it holds is not read."""
    export, _ = _odk_export(tmp_path, ["", "rejected"])
    with export.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[2][rows[0].index("civdata__role")] = "leed"
    export.write_text(csv_text(rows, ","), encoding="utf-8")
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert _respondents(tmp_path / "r.json") == 1


def test_an_export_whose_every_submission_was_rejected_is_a_problem(tmp_path: Path) -> None:
    export, _ = _odk_export(tmp_path, ["rejected", "rejected"])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 2
    assert f"{export}: every submission of the export (2) was rejected in ODK Central" in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_the_file_of_a_submission_rejected_since_an_earlier_import_is_named(tmp_path: Path) -> None:
    """Importing a newer export into the same folder (--force) replaces each submission's file; one
    rejected since is not in the new import, but its earlier file would still be counted."""
    export, _ = _odk_export(tmp_path, ["", "", ""])
    folder = tmp_path / "answers"
    assert run("import", export, "-r", MINI_RUBRIC, "-o", folder).returncode == 0
    key = submission_key(str(uuid.UUID(int=2)))  # the second submission's id, as odk_central_rows gives it
    rejected_file = next(path.name for path in folder.iterdir() if path.name.endswith(f"-{key[:12]}.yaml"))
    newer, _ = _odk_export(tmp_path, ["", "rejected", ""], name="newer.csv")
    result = run("import", newer, "-r", MINI_RUBRIC, "-o", folder, "--force")
    assert result.returncode == 0, result.stderr
    assert (
        f"civdata: {folder / rejected_file} is an earlier import of a submission now rejected in ODK Central "
        f"(row 3 of this export): remove it, or a report on {folder} still counts it"
    ) in result.stderr
    assert (folder / rejected_file).exists()


def test_the_files_of_a_submission_are_told_by_the_names_an_import_gives_it() -> None:
    """An earlier import named a submission's file by its role and the first digits of its key, or
    more of them when two submissions shared those (docs/field-collection.md): whichever it took,
    and whatever role it had then, the file is that submission's; no other file is."""
    (answers,) = generated(load_rubric(MINI_RUBRIC), 1, seed=83)
    key, other = submission_key("uuid:one"), submission_key("uuid:two")
    names = list(answers_file_names(Imported(2, answers, key=key)))
    assert names[0].endswith(f"-{key[:12]}.yaml") and names[-1].endswith(f"-{key}.yaml"), names
    assert len(names) == (len(key) - 12) // 4 + 1
    folder = [
        *names,
        f"no-role-{key[:16]}.yaml",
        f"lead-{other[:12]}.yaml",
        f"lead-{key[:12]}.yaml.bak",
        f"lead-{key[:13]}.yaml",
        "row-0002-lead.yaml",
        "notes.txt",
    ]
    assert files_of_submission(key, folder) == [*names, f"no-role-{key[:16]}.yaml"]
    assert files_of_submission(other, folder) == [f"lead-{other[:12]}.yaml"]
    assert list(answers_file_names(Imported(7, answers))) == [f"row-0007-{answers.respondent.role or 'no-role'}.yaml"]
    assert [name for name in folder if named_by_row(name)] == ["row-0002-lead.yaml"]


def test_every_warning_about_a_row_of_a_workbook_names_its_sheet(tmp_path: Path) -> None:
    """A row skipped, a row flagged and a submission about another initiative are each said at
    their cell, and in a workbook with the sheet that cell is in (the Problem's own wording)."""
    from civdata.submissions import INITIATIVE_FIELD

    rubric = load_rubric(MINI_RUBRIC)
    submissions = [Submission(answers) for answers in generated(rubric, 4, seed=13)]
    rows = kobo_rows(FormLayout(rubric), submissions)
    status, initiative = rows[0].index("_validation_status"), rows[0].index(INITIATIVE_FIELD)
    rows[2][status] = "validation_status_not_approved"
    rows[3][status] = "validation_status_on_hold"
    rows[4][initiative] = "Another initiative"
    export = tmp_path / "kobo.xlsx"
    export.write_bytes(xlsx_data(rows))
    result = run("import", export, "-r", MINI_RUBRIC, "-o", tmp_path / "answers")
    assert result.returncode == 0, result.stderr
    at_rows = [line for line in result.stderr.splitlines() if line.startswith(f"{export}:")]
    assert [line.split(": ", 2)[:2] for line in at_rows] == [
        [f"{export}:3:{status + 1}", f"sheet 'consultation', cell {_column_name(status + 1)}3"],
        [f"{export}:4:{status + 1}", f"sheet 'consultation', cell {_column_name(status + 1)}4"],
        [f"{export}:5:{initiative + 1}", f"sheet 'consultation', cell {_column_name(initiative + 1)}5"],
    ], result.stderr


def _column_name(number: int) -> str:
    """``A`` for column 1, ``AA`` for 27, as a spreadsheet names a column."""
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _read_from(export: Path) -> str:
    """The export as the first line of an import names it: a workbook with the sheet it read
    (tests.kobo_layout.xlsx_data names it 'consultation'), where the rows named after it are."""
    return f"{export}, sheet 'consultation'" if export.suffix == ".xlsx" else str(export)


def _write(export: Path, rows: list[list[str]]) -> None:
    """The rows as KoboToolbox writes them: a CSV file, or a workbook for a ``.xlsx`` name."""
    if export.suffix == ".xlsx":
        pytest.importorskip("openpyxl")
        from tests.kobo_layout import xlsx_data

        export.write_bytes(xlsx_data(rows))
    else:
        export.write_text(csv_text(rows), encoding="utf-8")


def _kobo_with_copy(tmp_path: Path, name: str, states: list[str], copied: int, copy_state: str) -> tuple[Path, int]:
    """A KoboToolbox export whose rows have these ``_validation_status`` cells, with spreadsheet row
    ``copied`` repeated at the end (the same ``_uuid``: two downloads pasted together) with
    ``copy_state``; and the column of ``_validation_status``."""
    rubric = load_rubric(MINI_RUBRIC)
    rows = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in generated(rubric, len(states), seed=12)])
    column = rows[0].index("_validation_status")
    for row, state in zip(rows[1:], states, strict=True):
        row[column] = state
    copy = list(rows[copied - 1])
    copy[column] = copy_state
    rows.append(copy)
    export = tmp_path / name
    _write(export, rows)
    return export, column + 1


NOT_APPROVED = "validation_status_not_approved"


@pytest.mark.parametrize("name", ["kobo.csv", "kobo.xlsx"])
@pytest.mark.parametrize(
    ("first", "second"), [("validation_status_approved", NOT_APPROVED), (NOT_APPROVED, "validation_status_approved")]
)
def test_a_submission_one_copy_of_which_is_not_approved_is_not_counted_whatever_the_order(
    tmp_path: Path, name: str, first: str, second: str
) -> None:
    """Two downloads pasted together, one of which rejects a submission the other approves: the
    facilitator rejected it, so it must not count (docs/field-collection.md: a facilitator "rejects
    one that must not count"), whichever copy comes first; and it is never "counted once"."""
    export, column = _kobo_with_copy(tmp_path, name, ["", first, ""], copied=3, copy_state=second)
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert _respondents(tmp_path / "r.json") == 2
    # 4 rows: 2 submissions counted, and the 2 rows of the one not approved.
    assert (
        f"civdata: read 4 rows from {_read_from(export)}: 2 submissions, 1 not approved in KoboToolbox (2 rows), "
        "skipped\n" in result.stderr
    )
    assert "counted once" not in result.stderr
    for row, other in ((3, 5), (5, 3)):
        line = next(line for line in result.stderr.splitlines() if line.startswith(f"{export}:{row}:{column}: "))
        assert "skipped" in line
        assert f"row {other} (a copy of this row)" in line
        assert "disagree" in line  # one copy approved, the other not: the facilitator decides on the platform


def test_a_submission_whose_every_copy_is_not_approved_is_skipped_once_and_never_counted_once(tmp_path: Path) -> None:
    export, column = _kobo_with_copy(tmp_path, "kobo.csv", ["", NOT_APPROVED], copied=3, copy_state=NOT_APPROVED)
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert _respondents(tmp_path / "r.json") == 1
    assert (
        f"read 3 rows from {export}: 1 submission, 1 not approved in KoboToolbox (2 rows), skipped\n" in result.stderr
    )
    assert "counted once" not in result.stderr
    assert "disagree" not in result.stderr
    assert f"{export}:3:{column}: skipped: not approved in KoboToolbox" in result.stderr
    assert f"{export}:4:{column}: skipped: not approved in KoboToolbox" in result.stderr


def test_a_submission_whose_earlier_version_was_rejected_is_not_counted_from_its_edit(tmp_path: Path) -> None:
    """An edit is the same submission as its original (ODK Central's KEY): rejected in one of its
    rows, the submission is skipped, and both rows are named."""
    export, state = _odk_with_edit(tmp_path, "approved")
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert _respondents(tmp_path / "r.json") == 1
    assert f"read 3 rows from {export}: 1 submission, 1 rejected in ODK Central (2 rows), skipped\n" in result.stderr
    assert "left out" not in result.stderr
    assert f"{export}:3:{state + 1}: skipped: rejected in ODK Central" in result.stderr
    assert f"{export}:4:{state + 1}: skipped: row 3 (another version of this submission) is rejected" in result.stderr


@pytest.mark.parametrize("name", ["subs.csv", "subs.xlsx"])
def test_a_rejected_first_row_naming_a_rubric_not_bundled_stops_nothing(tmp_path: Path, name: str) -> None:
    """docs/field-collection.md: "A skipped row is not read at all, so a rejected test submission
    with a role the rubric does not have stops nothing": nor one of a form replaced since, whose
    rubric id is no bundled rubric's. The rubric is the one the first row read names."""
    with (ROOT / "examples" / "community-consultation" / "submissions.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    header = rows[0]
    rows[1][header.index("_validation_status")] = NOT_APPROVED
    rows[1][header.index("civdata__rubric")] = "test-form"
    export = tmp_path / name
    _write(export, rows)
    result = run("import", export, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    submissions = len({row[header.index("_uuid")] for row in rows[1:]}) - 1  # the example repeats one
    read = f"read {len(rows) - 1} rows from {_read_from(export)}: {submissions} submissions, 1 not approved in"
    assert read in result.stderr
    at = f"{export}:2:{header.index('_validation_status') + 1}: "  # in a workbook, the sheet and cell follow
    assert "skipped: not approved" in next(line for line in result.stderr.splitlines() if line.startswith(at))


@pytest.mark.parametrize(("make", "words"), [(_kobo_export, "validation status"), (_odk_export, "review state")])
def test_an_export_whose_every_submission_was_rejected_names_the_platforms_own_word(
    tmp_path: Path, make: Any, words: str
) -> None:
    """KoboToolbox calls it the validation status, ODK Central the review state; the message that
    nothing is left to import says it as the platform does, as each row's message does."""
    rejected = NOT_APPROVED if make is _kobo_export else "rejected"
    export, _ = make(tmp_path, [rejected, rejected])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 2
    assert f"if some should count, change their {words} on the platform" in result.stderr
    other = "review state" if words == "validation status" else "validation status"
    assert other not in result.stderr


#: What an import says of a file an earlier import wrote, of a submission this export does not have.
NOT_IN_EXPORT = "is not in this export (deleted or rejected on the platform?): remove it if it was, or a report on"
# Added after a review (2026-11-27): a facilitator with a form for staff and one for a single role
# imports both into one folder, and each import named the other's files for removal.
ANOTHER_FORM = "; keep it if it came from the export of another form, such as a form for one role"
NOT_ANONYMIZED = "; this import did not anonymize it: it keeps whatever names and notes an earlier import wrote in it"


@pytest.mark.parametrize("anonymize", [False, True], ids=["named", "anonymized"])
def test_the_file_of_a_submission_deleted_since_an_earlier_import_is_named(tmp_path: Path, anonymize: bool) -> None:
    """A submission deleted on the platform is not in a newer export at all: its earlier file,
    names and notes included, stayed in the folder without a word, and was counted, also by an
    import with --anonymize. Its name ends in the hash of its id, which no row of the export has."""
    export, _ = _odk_export(tmp_path, ["", "", ""])
    folder = tmp_path / "answers"
    assert run("import", export, "-r", MINI_RUBRIC, "-o", folder).returncode == 0
    key = submission_key(str(uuid.UUID(int=2)))  # the second submission's id, as odk_central_rows gives it
    deleted = next(path.name for path in folder.iterdir() if path.name.endswith(f"-{key[:12]}.yaml"))
    hostile = "lead\x1b[2J-0123456789ab.yaml"  # named like an import's file, and written like one
    (folder / hostile).write_text("# Submission in old.csv, row 9.\nformat: 1\n", encoding="utf-8")
    (folder / "lead-ba9876543210.yaml").write_text("format: 1\n", encoding="utf-8")  # yours, named like one
    with export.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    newer = tmp_path / "newer.csv"
    newer.write_text(csv_text([rows[0], rows[1], rows[3]], ","), encoding="utf-8")
    result = run("import", newer, "-r", MINI_RUBRIC, "-o", folder, "--force", *(["--anonymize"] if anonymize else []))
    assert result.returncode == 0, result.stderr
    after = f" {folder} still counts it{ANOTHER_FORM}" + (NOT_ANONYMIZED if anonymize else "")
    named = [line for line in result.stderr.splitlines() if NOT_IN_EXPORT in line]
    shown = {deleted: str(folder / deleted), hostile: f"{folder}/lead\\x1b[2J-0123456789ab.yaml"}  # by name
    assert named == [f"civdata: {shown[name]} {NOT_IN_EXPORT}{after}" for name in sorted(shown)]
    assert (folder / deleted).exists() and (folder / hostile).exists()


def test_files_of_many_submissions_not_in_the_export_are_named_ten_then_counted(tmp_path: Path) -> None:
    export, _ = _odk_export(tmp_path, ["", ""])
    folder = tmp_path / "answers"
    assert run("import", export, "-r", MINI_RUBRIC, "-o", folder).returncode == 0
    earlier = [f"lead-{index:012x}.yaml" for index in range(12)]
    for name in earlier:
        (folder / name).write_text("# Submission in old.csv, row 2.\nformat: 1\n", encoding="utf-8")
    result = run("import", export, "-r", MINI_RUBRIC, "-o", folder, "--force")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    named = [line for line in lines if NOT_IN_EXPORT in line]
    assert named == [
        f"civdata: {folder / name} {NOT_IN_EXPORT} {folder} still counts it{ANOTHER_FORM}" for name in earlier[:10]
    ]
    assert f"civdata: and 2 more files in {folder} are not in this export, for the same reason" in lines
