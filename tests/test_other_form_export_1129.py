"""The export of another form is said to be one, the first time.

Found by an outside review of field collection (2026-11-29): a KoboToolbox export of a household
survey was told "no column 'civdata__rubric' ...; pass the rubric with --rubric, or export the
submissions with XML values and headers", neither of which applies; passing --rubric only then
brought the right diagnosis. An export whose columns name no question of the bundled rubric (under
a group or not, by name or by label) is now said to look like another form's. An export of a
civdata form whose rubric field was lost keeps the old advice.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import civdata_in

OTHER = (
    '"start";"end";"household/village";"household/size";"_id";"_uuid";"_submission_time"\n'
    '"2026-10-01T09:00:00";"2026-10-01T09:10:00";"Kibera";"5";"1";"a-1";"2026-10-01T09:11:00"\n'
)


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


def test_another_forms_export_is_said_to_be_one(tmp_path: Path) -> None:
    (tmp_path / "household.csv").write_text(OTHER, encoding="utf-8")
    done = run("import", "household.csv", "-o", "answers", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "household.csv:1:1: no column 'civdata__rubric', nor any named after a question of civdata's bundled "
        "rubric: this looks like the export of another form. Import the submissions of the form `civdata export "
        "xlsform` made (if it was made from a rubric of your own, pass that rubric with --rubric)"
    )
    assert not (tmp_path / "answers").exists()


def test_a_civdata_forms_export_without_its_rubric_field_keeps_the_advice(tmp_path: Path) -> None:
    header = '"start";"group_stakeholders/people-at-risk";"_uuid"\n"2026-10-01T09:00:00";"yes";"a-1"\n'
    (tmp_path / "ours.csv").write_text(header, encoding="utf-8")
    done = run("import", "ours.csv", "-o", "answers", cwd=tmp_path)
    assert done.returncode == 2
    assert "which every form made by `civdata export xlsform` has; pass the rubric with --rubric" in done.stderr
