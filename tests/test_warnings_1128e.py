"""Warnings where the person, or the CI run, will see them (left for later until 2026-11-28).

1. `civdata template --from FILE --role ROLE` copied the answers to questions ROLE is not asked
   as answers, right under "Not asked of your role: leave it blank": the file then warned at
   every check, and a report left them out. They are now kept as comments above blank keys, and
   the command says which.
2. In GitHub Actions, the warnings were plain lines in the log, while every problem was an
   annotation at its line: a warning at a place in a file is now a warning annotation there, and
   a warning about no one place a warning annotation of the run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from civdata.answers_loader import load_answers
from civdata.rubric_loader import load_rubric
from tests.conftest import MINI_RUBRIC, ROOT, comment_prose
from tests.kobo_layout import csv_text
from tests.test_ci_outputs import run
from tests.test_import_unread_1128d import _rows, _with_columns
from tests.test_upgrade import NEW_RUBRIC, UPGRADE

COUNTY = ROOT / "examples" / "county-justice"
UNASKED_WARNING = (
    "lead.yaml:81:3: warning: role 'lead' is not asked 1 question answered here ('community-voice'), so its "
    "answer is not counted: if the role is right, delete it; if not, correct the role"
)


def test_a_template_for_another_role_keeps_the_answers_it_is_not_asked_as_comments(tmp_path: Path) -> None:
    shutil.copy(COUNTY / "lead.yaml", tmp_path / "lead.yaml")
    made = run("template", "--from", "lead.yaml", "--role", "community", "-o", "community.yaml", cwd=tmp_path)
    rubric = load_rubric(ROOT / "rubrics" / "civil-society-data-readiness.yaml")
    lead = load_answers(tmp_path / "lead.yaml", rubric)
    unasked = [
        question.id
        for question in rubric.questions
        if question.id in lead.answers and lead.answers[question.id].value is not None
        if not question.asked_of("community")
    ]
    assert len(unasked) == 10  # the county example's lead answers ten questions the community is not asked
    listed = ", ".join(f"'{question_id}'" for question_id in unasked[:-1]) + f" and '{unasked[-1]}'"
    assert made.stderr.splitlines() == [
        "Wrote community.yaml",
        f"civdata: warning: role 'community' is not asked 10 questions lead.yaml answers ({listed}): the "
        "template keeps those answers as comments above blank keys, not counted; if the role is wrong, correct "
        "it and write them back",
    ]
    text = comment_prose((tmp_path / "community.yaml").read_text(encoding="utf-8"))
    assert text.count("— kept as a comment, not counted: role 'community' is not asked this question") == 10
    assert " In lead.yaml: in-house-skills: {value: 2, note:" in text
    # The file checks without a word, and carries every answer the community is asked.
    checked = run("check", "community.yaml", cwd=tmp_path)
    assert (checked.stdout, checked.stderr) == ("1 file checked, no problems\n", "")
    written = load_answers(tmp_path / "community.yaml", rubric)
    assert written.respondent.role == "community"
    assert not set(unasked) & {question_id for question_id, answer in written.answers.items() if answer.value}
    for question in rubric.questions:
        if question.asked_of("community") and question.id in lead.answers:
            assert written.answers[question.id] == lead.answers[question.id], question.id


def test_a_template_from_a_file_answering_what_its_own_role_is_not_asked(tmp_path: Path) -> None:
    """No --role: the file's own (lead) is not asked community-voice, which the file answers."""
    shutil.copy(UPGRADE / "lead-1.1.0-partial.yaml", tmp_path / "lead.yaml")
    made = run("template", "--from", "lead.yaml", "-r", NEW_RUBRIC, "-o", "again.yaml", "-q", cwd=tmp_path)
    assert made.stderr == (
        "civdata: warning: role 'lead' is not asked 1 question lead.yaml answers ('community-voice'): the template "
        "keeps that answer as a comment above a blank key, not counted; if the role is wrong, correct it and write "
        "it back\n"
    )
    text = comment_prose((tmp_path / "again.yaml").read_text(encoding="utf-8"))
    assert " In lead.yaml: community-voice: \"yes\" — kept as a comment, not counted: role 'lead'" in text
    assert "\n  community-voice:\n" in text
    checked = run("check", "-r", NEW_RUBRIC, "again.yaml", cwd=tmp_path)
    assert checked.stderr == ""


def test_a_warning_at_a_place_is_an_annotation_there_in_github_actions(tmp_path: Path) -> None:
    shutil.copy(UPGRADE / "lead-1.1.0-partial.yaml", tmp_path / "lead.yaml")
    annotation = f"::warning file=lead.yaml,line=81,col=3::{UNASKED_WARNING}"
    actions = {"GITHUB_ACTIONS": "true"}
    checked = run("check", "-r", NEW_RUBRIC, "lead.yaml", env=actions, cwd=tmp_path)
    assert checked.stderr.splitlines() == [annotation]
    reported = run("report", "-r", NEW_RUBRIC, "lead.yaml", "-o", "r.json", "-q", env=actions, cwd=tmp_path)
    assert annotation in reported.stderr.splitlines()
    assert UNASKED_WARNING not in reported.stderr.splitlines()
    # A warning of no one place: an annotation of the run, naming no file.
    anonymous = run(
        "report", "-r", NEW_RUBRIC, "lead.yaml", "-o", "a.json", "-q", "--anonymize", env=actions, cwd=tmp_path
    )
    assert (
        "::warning::civdata: 1 answers file answers questions its role is not asked, and those answers are not "
        "counted; run `civdata check` on the files to see which"
    ) in anonymous.stderr.splitlines()
    # --annotations none: the lines as ever.
    plain = run("check", "-r", NEW_RUBRIC, "lead.yaml", "--annotations", "none", env=actions, cwd=tmp_path)
    assert plain.stderr.splitlines() == [UNASKED_WARNING]


def test_an_imports_warnings_are_annotations_at_their_cells(tmp_path: Path) -> None:
    rows = _with_columns(_rows(), {"consent": "no"})
    column = rows[0].index("consent") + 1
    (tmp_path / "consultation.csv").write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    result = run(
        "import", "consultation.csv", "-r", MINI_RUBRIC, "-o", "out", "-q", "--annotations", "github", cwd=tmp_path
    )
    assert result.stderr.splitlines() == [
        f"::warning file=consultation.csv,line=1,col={column}::consultation.csv:1:{column}: warning: 1 column of "
        "this export is not in the form civdata made for rubric 'mini', and is not read: 'consent' (column "
        f"{column}). If what it says should leave a submission out (consent refused, a test), reject that "
        "submission on the platform, or delete its row, and import again"
    ]


# --- The outside reviews of the afternoon ------------------------------------------------------


def _annotations(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("::")]


def test_a_reports_findings_come_before_the_warnings_about_its_files(tmp_path: Path) -> None:
    """GitHub shows ten annotations of each level per step. Eleven files answering a question
    their role is not asked gave eleven warnings, written as found, before the report's own: every
    finding at the warning level was crowded out. They now come after the failed gates and the
    findings (each of which has a title), and before problems, as without annotations."""
    funder = (COUNTY / "funder.yaml").read_text(encoding="utf-8")
    answered = funder.replace(
        "  data-custodian: partner-with-mandate\n",
        "  data-custodian: partner-with-mandate\n  record-linkage: fuzzy-matching\n",
        1,
    )
    assert answered != funder
    for number in range(11):
        (tmp_path / f"f{number:02}.yaml").write_text(
            answered.replace("name: Priya Raman", f"name: Person {number}"), encoding="utf-8"
        )
    reported = run(
        "report", ".", "--fail-on", "critical", "-o", "r.md", "--annotations", "github", expect=1, cwd=tmp_path
    )
    lines = _annotations(reported.stderr)
    titled = [number for number, line in enumerate(lines) if "title=" in line.split("::")[1]]
    untitled = [number for number, line in enumerate(lines) if number not in titled]
    assert lines[0].startswith("::error title=civdata gate failed%3A --fail-on critical::"), lines[0]
    assert len(titled) > 10 and len(untitled) == 11, lines
    assert max(titled) < min(untitled), lines
    assert lines[untitled[0]].startswith("::warning file=f00.yaml,line=")
    assert lines[-1].startswith("::warning::civdata: 1 more answers file answers questions")

    # An output that cannot be written, once the warnings are held: they come before its error,
    # as without annotations (an outside review found them after it).
    refused = run("report", ".", "-o", "nowhere/r.md", "--annotations", "github", expect=2, cwd=tmp_path)
    lines = _annotations(refused.stderr)
    assert len(lines) == 12 and lines[-1].startswith("::error::civdata: cannot write -o nowhere/r.md"), lines
    assert all(line.startswith("::warning") for line in lines[:-1]), lines


def _flagged_export(tmp_path: Path, flagged: int, *, bad_cell: bool = False) -> tuple[Path, int]:
    """A KoboToolbox export of 14 submissions, the first ``flagged`` on hold; with ``bad_cell``,
    one answer that is not an option (a problem, exit 2)."""
    rows = _rows(14)
    column = rows[0].index("_validation_status")
    for index, row in enumerate(rows[1:], start=1):
        row[column] = "validation_status_on_hold" if index <= flagged else ""
    if bad_cell:
        voice = rows[0].index("people/voice")
        answering = next(row for row in reversed(rows[1:]) if row[voice])
        answering[voice] = "perhaps"
    export = tmp_path / "kobo.csv"
    export.write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    return export, column + 1


def test_rows_flagged_on_the_platform_are_told_with_the_exports_problems(tmp_path: Path) -> None:
    """docs/field-collection.md: the warnings are told with the problems, before them, so that one
    run shows everything to look at in the export. The rows flagged on the platform were told only
    once the export had no problem left: the next run brought them up for the first time."""
    export, column = _flagged_export(tmp_path, 1, bad_cell=True)
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", expect=2, cwd=tmp_path)
    lines = result.stderr.splitlines()
    flagged = f"kobo.csv:2:{column}: warning: counted, but on hold in KoboToolbox"
    assert [line for line in lines if line.startswith(flagged)], lines
    problem = next(number for number, line in enumerate(lines) if "'perhaps' is not an answer to 'voice'" in line)
    assert next(number for number, line in enumerate(lines) if line.startswith(flagged)) < problem
    assert lines[-1] == "civdata: 1 problem found; nothing was written"
    assert not (tmp_path / "out").exists()


def test_with_annotations_the_flagged_rows_come_before_the_exports_problems(tmp_path: Path) -> None:
    export, column = _flagged_export(tmp_path, 1, bad_cell=True)
    result = run(
        "import", export.name, "-r", MINI_RUBRIC, "-o", "out", "--annotations", "github", expect=2, cwd=tmp_path
    )
    lines = _annotations(result.stderr)
    assert lines[0].startswith(f"::warning file=kobo.csv,line=2,col={column}::kobo.csv:2:{column}: warning: counted")
    assert len(lines) == 2 and lines[1].startswith("::error file=kobo.csv,"), lines
    assert "'perhaps' is not an answer to 'voice'" in lines[1]


def test_the_rest_of_the_flagged_rows_is_a_warning_annotation_too(tmp_path: Path) -> None:
    export, column = _flagged_export(tmp_path, 12)
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", "--annotations", "github", cwd=tmp_path)
    lines = _annotations(result.stderr)
    assert [line.split("::")[1] for line in lines[:10]] == [
        f"warning file=kobo.csv,line={row},col={column}" for row in range(2, 12)
    ]
    assert lines[10:] == ["::warning::civdata: and 2 more rows counted with a warning, for the reasons above"]


@pytest.mark.parametrize("header", ["_validation_status", "_uuid"])
def test_a_platform_column_civdata_reads_given_twice_is_a_problem(tmp_path: Path, header: str) -> None:
    """Only the first was read: a second review column saying a submission was not approved (an
    export put together by hand) let it count without a word (an outside review)."""
    rows = _rows(3)
    first = rows[0].index(header)
    rows = [[*rows[0], header]] + [[*row, ""] for row in rows[1:]]
    rows[2][-1] = "validation_status_not_approved" if header == "_validation_status" else "x"
    (tmp_path / "kobo.csv").write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    result = run("import", "kobo.csv", "-r", MINI_RUBRIC, "-o", "out", expect=2, cwd=tmp_path)
    assert result.stderr.splitlines() == [
        f"kobo.csv:1:{len(rows[0])}: column '{header}' repeats column {first + 1}, the platform's '{header}', which "
        "civdata reads: one submission would have two; keep the column the platform wrote, and delete the other",
        "civdata: 1 problem found; nothing was written",
    ]
    assert not (tmp_path / "out").exists()


def test_a_form_column_given_twice_is_said_to_be_the_same_column_not_the_same_values(tmp_path: Path) -> None:
    """'holds the same as column 6; keep one of them' was said of two columns holding different
    values, and a facilitator told so may delete the one that holds the answers."""
    rows = _rows(3)
    role = rows[0].index("civdata__role")
    rows = [[*rows[0], "civdata__role"]] + [[*row, "lead"] for row in rows[1:]]
    (tmp_path / "kobo.csv").write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    result = run("import", "kobo.csv", "-r", MINI_RUBRIC, "-o", "out", expect=2, cwd=tmp_path)
    assert result.stderr.splitlines()[0] == (
        f"kobo.csv:1:{len(rows[0])}: column 'civdata__role' is column {role + 1} of the form again (the same "
        "header, whatever each holds); keep the one that holds the answers, and delete the other"
    )


def test_a_copy_of_a_submission_with_other_answers_is_warned_of(tmp_path: Path) -> None:
    """A row with the instance id of an earlier one is a copy (two downloads pasted together) and is
    counted once. One whose answers differ is an export edited by hand: it was left out without a
    word, which answers were right never asked (an outside review). A true copy stays quiet."""
    rows = _rows(3)
    header = rows[0]
    assert "_uuid" in header and "meta/instanceID" not in header and "meta/rootUuid" not in header
    copy = list(rows[1])
    copy[header.index("_index")] = "99"  # the platform's row number differs in a copy
    rows.append(copy)
    (tmp_path / "copy.csv").write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    quiet = run("import", "copy.csv", "-r", MINI_RUBRIC, "-o", "out", cwd=tmp_path)
    assert "warning" not in quiet.stderr, quiet.stderr
    assert "row 5 (as row 2)" in quiet.stderr

    # A copy a spreadsheet saved writes a chosen choice 1.0: the same answer, nothing said.
    choice = next(
        index for index, text in enumerate(header) if text.startswith("people/safeguards/") and copy[index] == "1"
    )
    respelled = list(copy)
    respelled[choice] = "1.0"
    rows[-1] = respelled
    (tmp_path / "respelled.csv").write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    assert "warning" not in run("import", "respelled.csv", "-r", MINI_RUBRIC, "-o", "out1", cwd=tmp_path).stderr

    edited = list(copy)
    months = header.index("lifecycle/months")
    edited[months] = str(int(edited[months] or 0) + 1)
    rows[-1] = edited
    (tmp_path / "edited.csv").write_text(csv_text(rows, delimiter=";"), encoding="utf-8")
    warned = run("import", "edited.csv", "-r", MINI_RUBRIC, "-o", "out2", cwd=tmp_path)
    assert (
        f"edited.csv:5:{header.index('_uuid') + 1}: warning: this row repeats the submission of row 2 (the same "
        "instance id), but its answers differ from that row's (was the export edited?); row 2 is read, this one "
        "is not: check which is right, and delete the other row"
    ) in warned.stderr.splitlines()
    assert len(list((tmp_path / "out2").iterdir())) == 3
