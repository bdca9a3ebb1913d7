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
