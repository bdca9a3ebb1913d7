"""`civdata import --report` combines submissions exactly as `civdata report` combines answers files.

docs/multi-respondent.md: every file combined in one report must be about the same initiative
(names compared ignoring case and spacing) and answer the same rubric version; the odd ones out are
reported at the place to fix. An export's submissions are combined by `import --report`, so the
same rule holds there, at the row and column of the initiative's cell; and `civdata report` on the
files `import -o` wrote must give the same answer as `import --report` on the export.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import MINI_RUBRIC
from tests.kobo_layout import Submission, csv_text, kobo_rows
from tests.test_form_import import generated, run


def _export(tmp_path: Path, initiatives: list[str], versions: list[str] | None = None) -> tuple[Path, int]:
    """A KoboToolbox export whose submissions name these initiatives (and rubric versions), and
    the initiative's column (1-based)."""
    rubric = load_rubric(MINI_RUBRIC)
    answer_sets = generated(rubric, len(initiatives), seed=21)
    versions = versions or [rubric.version] * len(initiatives)
    submissions = [
        Submission(replace(answers, initiative=name, rubric_version=version))
        for answers, name, version in zip(answer_sets, initiatives, versions, strict=True)
    ]
    rows = kobo_rows(FormLayout(rubric), submissions)
    export = tmp_path / "consultation.csv"
    export.write_text(csv_text(rows), encoding="utf-8")
    return export, rows[0].index("civdata__initiative") + 1


TYPED = ["Riverside Food Network", "riverside food network ", "RFN"]


def test_import_report_refuses_submissions_that_name_different_initiatives_where_the_odd_one_is(
    tmp_path: Path,
) -> None:
    export, column = _export(tmp_path, TYPED)
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.md", "-o", tmp_path / "answers")
    assert result.returncode == 2, result.stderr
    assert (
        f"{export}:4:{column}: these answers are about the initiative 'RFN', but 2 other submissions (rows 2 and "
        "3) name 'Riverside Food Network'; respondents combined in one report must name the same initiative: "
        "correct the name where it is wrong, give every submission one name with --initiative NAME, or report on "
        "them separately"
    ) in result.stderr
    assert result.stderr.splitlines()[-1] == "civdata: 1 problem found; nothing was written"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["consultation.csv"]


def test_report_on_the_files_import_wrote_refuses_them_as_import_report_does(tmp_path: Path) -> None:
    """Without --report, import combines nothing and writes the files, warning that a report on
    them will refuse them; `civdata report` on them then says so at the file's initiative."""
    export, column = _export(tmp_path, TYPED)
    folder = tmp_path / "answers"
    result = run("import", export, "-r", MINI_RUBRIC, "-o", folder)
    assert result.returncode == 0, result.stderr
    assert (
        f"{export}:4:{column}: warning: these answers are about the initiative 'RFN', but 2 other submissions "
        "(rows 2 and 3) name 'Riverside Food Network'"
    ) in result.stderr
    assert len(list(folder.iterdir())) == 3
    report = run("report", folder, "-r", MINI_RUBRIC, "-o", tmp_path / "r.md")
    assert report.returncode == 2
    assert "these answers are about the initiative 'RFN', but 2 other files" in report.stderr


def test_one_initiative_given_for_every_submission_combines_them(tmp_path: Path) -> None:
    export, _ = _export(tmp_path, TYPED)
    result = run(
        "import", export, "-r", MINI_RUBRIC, "--initiative", "Riverside Food Network", "--report", tmp_path / "r.json"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(report["respondents"]) == 3


def test_names_that_differ_only_in_case_and_spacing_are_one_initiative(tmp_path: Path) -> None:
    export, _ = _export(tmp_path, TYPED[:2])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["initiative"] == "Riverside Food Network"


def test_a_difference_that_does_not_show_is_spelled_out_as_report_does(tmp_path: Path) -> None:
    export, column = _export(tmp_path, ["Riverside Food Network"] * 2 + ["Riverside Food\u200bNetwork"])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.md")
    assert result.returncode == 2
    assert f"{export}:4:{column}: " in result.stderr
    assert "U+200B ZERO WIDTH SPACE" in result.stderr


def test_submissions_of_an_older_minor_version_are_combined_after_their_upgrade(tmp_path: Path) -> None:
    """The rubric version must be the same in every file combined; import brings older MINOR
    versions to the current one first, so a mix of versions in one export is no disagreement."""
    export, _ = _export(tmp_path, ["Riverside"] * 3, versions=["1.1.0", "1.2.0", "1.2.0"])
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["respondents"]) == 3


def test_a_submission_with_a_wrong_answer_still_counts_towards_the_name_most_give(tmp_path: Path) -> None:
    """Rows 2 and 4 name the initiative in full, row 3 'RFN', and row 2 also has an answer that is
    not an option. The name most submissions give is taken as right (docs/field-collection.md), so
    row 3 is the one pointed at, as `civdata report` does with answers files: a mistake elsewhere in
    row 2 does not take its name out of the count."""
    full = "Riverside Food Network: shared client records"
    export, column = _export(tmp_path, [full, "RFN", full])
    rows = list(csv.reader(export.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    sensitive = next(index for index, name in enumerate(rows[0]) if name.endswith("/sensitive"))
    rows[1][sensitive] = "perhaps"
    export.write_text(csv_text(rows), encoding="utf-8")
    result = run("import", export, "-r", MINI_RUBRIC, "--report", tmp_path / "r.md")
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"{export}:2:{sensitive + 1}: 'perhaps' is not an answer to 'sensitive'; choose 'yes', 'no' or 'unsure'",
        f"{export}:3:{column}: these answers are about the initiative 'RFN', but 2 other submissions (rows 2 and "
        f"4) name '{full}'; respondents combined in one report must name the same initiative: correct the name "
        "where it is wrong, give every submission one name with --initiative NAME, or report on them separately",
        "civdata: 2 problems found; nothing was written",
    ]
