"""`civdata import`: which rows are submissions, and which submission each row is.

Exports as a facilitator downloads them (KoboToolbox CSV and XLSX, ODK Central CSV), imported by
the real command: a submission's id read row by row (docs/field-collection.md, "The same
submission twice"), an empty row anywhere, and a submission whose role was left blank.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.kobo_layout import Submission, csv_text, kobo_rows, xlsx_data
from tests.test_form_import import BUNDLED, _comment_text, generated, import_folder, run


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _empty_row_after_header(rows: list[list[str]]) -> list[list[str]]:
    return [rows[0], [""] * len(rows[0]), *rows[1:]]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_empty_row_right_after_the_header_is_skipped_as_anywhere_else(tmp_path: Path, kind: str) -> None:
    # The rubric was read from the first row after the header, empty or not: "no bundled rubric has
    # the id ''", while the same empty row anywhere else was skipped.
    rubric = load_rubric(BUNDLED)
    rows = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in generated(rubric, 2, seed=64)])
    export = tmp_path / f"kobo.{kind}"
    if kind == "csv":
        export.write_text(csv_text(_empty_row_after_header(rows)), encoding="utf-8")
    else:
        import openpyxl

        export.write_bytes(xlsx_data(rows))
        workbook = openpyxl.load_workbook(export)
        workbook.active.insert_rows(2)
        workbook.save(export)
    folder = tmp_path / "answers"
    result = import_folder(export, folder)
    assert "read 2 submissions" in result.stderr
    comments = sorted(_comment_text((folder / name).read_text(encoding="utf-8")) for name in _names(folder))
    assert [comment.partition(". ")[0] for comment in comments] == [
        f"Submission in {export}, row 3",
        f"Submission in {export}, row 4",
    ], comments


def test_an_export_whose_rows_are_all_empty_has_no_submissions(tmp_path: Path) -> None:
    rubric = load_rubric(BUNDLED)
    rows = kobo_rows(FormLayout(rubric), [])
    export = tmp_path / "kobo.csv"
    export.write_text(csv_text([rows[0], [""] * len(rows[0]), [" "] * len(rows[0])]), encoding="utf-8")
    result = run("import", export, "-o", tmp_path / "answers")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"{export}:1:1: the export has no submissions, only its header row"
    assert not (tmp_path / "answers").exists()
