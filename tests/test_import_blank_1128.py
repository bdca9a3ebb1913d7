"""A submission that answers no question is said at import, where it is (2026-11-28, night).

Since the evening, such a submission is no voice of its role in a report, which is right: but
``civdata import`` said nothing of it. A facilitator whose only community submission was sent
empty read "read 2 submissions" and then a report saying no community member answered, with no
row to look at. Now each is a located warning (the first ten, then one line naming the rest's
rows), and the import still writes what was sent. Seen to fail before the fix.
"""

from __future__ import annotations

from pathlib import Path

from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import MINI_RUBRIC, problem_lines
from tests.kobo_layout import Submission, csv_text, kobo_rows
from tests.test_ci_outputs import run
from tests.test_form_import import generated

# Widened on purpose on 2026-11-29: a report now lists such a respondent apart and counts nothing
# of theirs, not only no voice of their role (tests/test_blank_form_counts_nothing_1129.py).
WARNING = (
    "warning: this submission answers no question (was the form sent before it was filled in?): a report lists "
    "it apart and counts nothing of it, not even a voice of its role; if it was a mistake, reject it on the "
    "platform and export again"
)


def _export(folder: Path, blanks: int) -> Path:
    """An export of the mini rubric: one lead who answered, then ``blanks`` community members'
    submissions with every question's cell empty."""
    rubric = load_rubric(MINI_RUBRIC)
    layout = FormLayout(rubric)
    lead = next(answers for answers in generated(rubric, 30, seed=3) if answers.respondent.role == "lead")
    header, answered = kobo_rows(layout, [Submission(lead, instance="uuid:lead")])
    fixed = {"civdata__rubric", "civdata__rubric_version", "civdata__initiative", "_uuid", "meta/instanceID"}
    rows = [header, answered]
    for number in range(blanks):
        row = kobo_rows(layout, [Submission(lead, instance=f"uuid:blank-{number}")])[1]
        row = [cell if name in fixed or name.startswith("_") else "" for name, cell in zip(header, row, strict=True)]
        row[header.index("civdata__role")] = "community"
        rows.append(row)
    export = folder / "export.csv"
    export.write_text(csv_text(rows), encoding="utf-8")
    return export


def test_a_blank_submission_is_a_warning_at_its_row_and_is_still_written(tmp_path: Path) -> None:
    export = _export(tmp_path, 1)
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", cwd=tmp_path)
    assert problem_lines(result.stderr) == [f"export.csv:3:1: {WARNING}"]
    assert len(list((tmp_path / "out").iterdir())) == 2
    # The answered submission alone is no warning.
    (tmp_path / "one").mkdir()
    _export(tmp_path / "one", 0)
    alone = run("import", "export.csv", "-r", MINI_RUBRIC, "-o", "out", cwd=tmp_path / "one")
    assert "answers no question" not in alone.stderr


def test_many_blank_submissions_are_ten_warnings_and_one_line_for_the_rest(tmp_path: Path) -> None:
    export = _export(tmp_path, 13)
    result = run("import", export.name, "-r", MINI_RUBRIC, "--report", "r.md", cwd=tmp_path)
    lines = problem_lines(result.stderr)
    assert lines[:10] == [f"export.csv:{row}:1: {WARNING}" for row in range(3, 13)]
    assert lines[10:] == [
        "export.csv:13:1: warning: 3 more submissions answer no question, in rows 13, 14 and 15: counted in "
        "nothing either"
    ]
