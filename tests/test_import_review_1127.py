"""Found by an outside review of field collection (2026-11-27), each checked to fail before its fix.

- A question's column spelled without its group, in an export whose columns have their group,
  was dropped unread: exit 0, every answer to it blank, the report's coverage and findings
  changed. Every other spelling of a question's column that an export does not use is a problem
  at its cell; this one is too.
- Two downloads pasted together (``cat a.csv b.csv``) repeat the header row: its every cell was
  a problem of its own (93 of them, none saying what was wrong). It is one problem now, that says so.

Expected messages were written before civdata was run.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import MINI_RUBRIC, civdata_in
from tests.kobo_layout import Submission, csv_text, kobo_rows
from tests.test_form_import import generated


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return civdata_in(Path.cwd(), "import", *args)


def rows(count: int) -> list[list[str]]:
    rubric = load_rubric(MINI_RUBRIC)
    return kobo_rows(FormLayout(rubric), [Submission(answers) for answers in generated(rubric, count, seed=5)])


def test_a_question_column_without_its_group_in_an_export_with_groups_is_a_problem(tmp_path: Path) -> None:
    table = rows(3)
    grouped = table[0].index("lifecycle/months")
    table[0].append("months")
    for row in table[1:]:
        row.append(row[grouped])
        row[grouped] = ""
    export = tmp_path / "moved.csv"
    export.write_text(csv_text(table), encoding="utf-8")
    result = run(export, "-r", MINI_RUBRIC, "-o", tmp_path / "answers")
    assert result.returncode == 2, result.stderr
    assert (
        f"{export}:1:{len(table[0])}: column 'months' is the answer to 'months' spelled without its group, "
        "but this export's columns have their group ('lifecycle/months'): an answer in it would be dropped "
        "unread; move its answers into column 'lifecycle/months', or export again with the same header settings"
    ) in result.stderr
    assert not (tmp_path / "answers").exists()


@pytest.mark.parametrize("trailing", [0, 2], ids=["as-is", "trailing-blank-cells"])
def test_a_header_row_repeated_by_pasting_two_exports_together_is_one_problem(trailing: int, tmp_path: Path) -> None:
    # With blank cells after it (a spreadsheet's), it was a row "of 40 cells where the header has 38".
    table = rows(3)
    export = tmp_path / "twice.csv"
    export.write_text(csv_text([*table, table[0] + [""] * trailing, *table[1:]]), encoding="utf-8")
    result = run(export, "-r", MINI_RUBRIC, "-o", tmp_path / "answers")
    assert result.returncode == 2, result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith(f"{export}:")]
    assert problems == [
        f"{export}:5:1: this row repeats the header row (two exports pasted together?): delete it; a "
        "submission in both exports is counted once"
    ], result.stderr


# --- From the review of combined reports (2026-11-27) -------------------------------------------

ANSWERS = "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\n"


def report(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, "report", "-r", MINI_RUBRIC, *args)


def test_a_byte_for_byte_copy_of_an_answers_file_counts_its_person_once(tmp_path: Path) -> None:
    # A browser saves a download twice as "ana (1).yaml": Ana was counted twice, her role had two
    # respondents, and a disagreement could appear or vanish with the copy.
    team = tmp_path / "team"
    team.mkdir()
    ana = ANSWERS + "respondent: {name: Ana Silva, role: community}\nanswers:\n  voice: none\n"
    (team / "ana.yaml").write_text(ana, encoding="utf-8")
    (team / "ana (1).yaml").write_text(ana, encoding="utf-8")
    lead = ANSWERS + "respondent: {name: Lena, role: lead}\nanswers:\n  voice: decide\n"
    (team / "lena.yaml").write_text(lead, encoding="utf-8")
    result = report("team", "-f", "json", "-o", "-", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert [row["label"] for row in document["respondents"]] == ["Ana Silva", "Lena"], result.stderr
    # Changed on 2026-11-28: files were read by whole name, and "ana (1).yaml" sorted before
    # "ana.yaml" (a space before a dot), so the original was said to be the copy. They are read by
    # the name before the ending now (tests/test_review_1128.py).
    assert (
        "civdata: skipped team/ana (1).yaml: the same bytes as team/ana.yaml, so one person counted once (if two "
        "people did give these answers, give each file a respondent name of its own, such as “Member 2”)"
    ) in result.stderr
    anonymized = report("team", "--anonymize", "-f", "json", "-o", "-", cwd=tmp_path)
    assert len(json.loads(anonymized.stdout)["respondents"]) == 2
    assert "ana" not in anonymized.stderr.lower(), anonymized.stderr
    assert (
        "civdata: skipped 1 file (not named: --anonymize): the same bytes as another answers file, so one person "
        "counted once"
    ) in anonymized.stderr


def test_with_anonymize_the_files_left_out_of_a_folder_are_counted_not_named(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    lead = ANSWERS + "respondent: {name: Lena, role: lead}\nanswers:\n  voice: decide\n"
    (team / "lena.yaml").write_text(lead, encoding="utf-8")
    (team / ".erin-draft.yaml").write_text(lead.replace("Lena", "Erin"), encoding="utf-8")
    (team / "frank.yaml").symlink_to(team / "lena.yaml")
    (team / "erin-drafts").mkdir()  # a subfolder, not entered: once named too (hostile review 2026-11-27)
    result = report("team", "--anonymize", "-o", "r.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    for name in ("erin", "frank", "lena"):
        assert name not in result.stderr.lower(), result.stderr
    assert "civdata: skipped 1 file (not named: --anonymize): a second name (a link) for a file read once" in (
        result.stderr
    )


def test_files_alike_that_name_nobody_are_counted_both_and_said(tmp_path: Path) -> None:
    # Two community members, unnamed, gave the same answers to a short rubric on the same day:
    # nothing tells them from a copy, so both count, and the report says so.
    team = tmp_path / "team"
    team.mkdir()
    member = ANSWERS + "respondent: {role: community}\nanswers:\n  voice: none\n"
    for name in ("m1.yaml", "m2.yaml"):
        (team / name).write_text(member, encoding="utf-8")
    result = report("team", "-f", "json", "-o", "-", cwd=tmp_path)
    assert len(json.loads(result.stdout)["respondents"]) == 2
    assert (
        "civdata: team/m2.yaml holds the same bytes as team/m1.yaml; they name no respondent, so both are "
        "counted: if one is a copy, delete it"
    ) in result.stderr


def test_a_file_of_ones_own_replaced_by_force_is_not_called_an_earlier_import(tmp_path: Path) -> None:
    table = rows(2)
    export = tmp_path / "export.csv"
    export.write_text(csv_text(table), encoding="utf-8")
    assert run(export, "-r", MINI_RUBRIC, "-o", tmp_path / "first").returncode == 0
    name = sorted(path.name for path in (tmp_path / "first").iterdir())[0]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / name).write_text("my own notes\n", encoding="utf-8")
    result = run(export, "-r", MINI_RUBRIC, "-o", tmp_path / "mine", "--force")
    assert result.returncode == 0, result.stderr
    assert "from an earlier import" not in result.stderr
    assert (
        f"civdata: {tmp_path / 'mine' / name} had the name of this export's file of a submission, but no import "
        "wrote it; it was replaced (--force)"
    ) in result.stderr


def test_a_copy_in_a_baseline_folder_is_said_as_in_the_answers(tmp_path: Path) -> None:
    # Left out in silence before (hostile review 2026-11-27): the baseline's reader said nothing.
    for folder, date in (("old", "2026-06-01"), ("new", "2026-11-01")):
        (tmp_path / folder).mkdir()
        text = ANSWERS + f"respondent: {{name: Lena, role: lead}}\ndate: '{date}'\nanswers:\n  voice: decide\n"
        (tmp_path / folder / "lena.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "old" / "lena (1).yaml").write_text((tmp_path / "old" / "lena.yaml").read_text("utf-8"), "utf-8")
    result = report("new", "--baseline", "old", "-o", "r.md", cwd=tmp_path)
    # "lena (1).yaml" is the copy since 2026-11-28 (read by the name before its ending).
    assert "civdata: skipped old/lena (1).yaml: the same bytes as old/lena.yaml" in result.stderr, result.stderr
