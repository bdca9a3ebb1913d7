"""Found on 2026-11-28, from the notes of earlier sessions and the day's outside reviews; each
checked to fail before its fix. Expected messages were written before civdata was run.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.form_layout import RUBRIC_FIELD, FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import civdata_in
from tests.kobo_layout import Submission, csv_text, kobo_rows
from tests.test_form_import import generated


def run(cwd: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


def test_an_import_whose_rubric_came_from_its_first_row_names_that_row(tmp_path: Path) -> None:
    # It said "but the rubric given is ...; pass the right one with --rubric" when no rubric was
    # given: the first submission's rubric cell chose it, and --rubric cannot read two forms at once.
    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    table = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in generated(rubric, 3, seed=3)])
    column = table[0].index(RUBRIC_FIELD)
    table[3][column] = "deon-checklist"
    export = tmp_path / "two-forms.csv"
    export.write_text(csv_text(table), encoding="utf-8")
    result = run(tmp_path, "import", export, "-o", tmp_path / "answers")
    assert result.returncode == 2, result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith(f"{export}:")]
    assert problems == [
        f"{export}:4:{column + 1}: this submission is for rubric 'deon-checklist', but the first submission "
        f"(row 2) is for '{DEFAULT_RUBRIC_ID}', and one import reads the submissions of one rubric's form: "
        "download each form's submissions on their own and import each"
    ], result.stderr
    assert not (tmp_path / "answers").exists()


def test_a_historys_mixed_group_warning_reads_in_time_order(tmp_path: Path) -> None:
    # It grouped the dates by the number of respondents, smallest first: "2026-04-10 is a report on
    # one respondent, 2026-01-10 and 2026-07-10 are reports on 2", which reads back to front.
    from tests.test_progress import BEFORE, EXAMPLE, _dated

    lead, community = BEFORE.read_text(encoding="utf-8"), (EXAMPLE / "community.yaml").read_text(encoding="utf-8")
    reports = []
    for name, date, files in (
        ("r1", "2026-01-10", {"lead.yaml": lead, "community.yaml": community}),
        ("r2", "2026-04-10", {"lead.yaml": lead}),
        ("r3", "2026-07-10", {"lead.yaml": lead, "community.yaml": community}),
    ):
        folder = tmp_path / name
        folder.mkdir()
        for file_name, text in files.items():
            (folder / file_name).write_text(_dated(text, date), encoding="utf-8")
        reports.append(tmp_path / f"{name}.json")
        made = run(tmp_path, "report", folder if len(files) > 1 else folder / "lead.yaml", "-o", reports[-1])
        assert made.returncode == 0, made.stderr
    history = run(tmp_path, "history", *reports, "-o", tmp_path / "h.md")
    assert history.returncode == 0, history.stderr
    assert (
        "Not the same group throughout: 2026-01-10 and 2026-07-10 are reports on 2 respondents, "
        "2026-04-10 is a report on one respondent;"
    ) in " ".join(history.stderr.split()), history.stderr
