"""Outputs that the file system refuses part way: a full disk, a file size limit, a full device.

docs/files-and-safety.md: exit code 2 is "an output that cannot be written", with the sentence
`civdata: cannot write OPTION NAME: REASON`, and then nothing is written: no answers file, no
picture without its report, no report without its plan, and no temporary file left behind.

A full disk is made portably with a file size limit (``RLIMIT_FSIZE``): every write past it fails
with "File too large" (EFBIG), as a full disk fails with ENOSPC, on any Unix and without root.
Python ignores the signal (SIGXFSZ) that would otherwise stop the process. A failure after some
files are already in place is made with ``/dev/full``, a device civdata writes through and which
refuses every write with ENOSPC.
"""

from __future__ import annotations

import random
import resource
import subprocess
from pathlib import Path

import pytest

from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import FIXTURES, MINI_RUBRIC, civdata_command
from tests.kobo_layout import Submission, csv_text, kobo_rows
from tests.rubric_properties import random_answers

ANSWERS = FIXTURES / "mini-answers.yaml"


def run(args: list[str], cwd: Path, *, file_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """civdata as a user runs it, where no file may grow past ``file_limit`` bytes (a full disk)."""

    def limit() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [*civdata_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
        preexec_fn=limit,
    )


def everything_in(folder: Path) -> dict[str, bytes]:
    """Every file and folder under ``folder`` (temporary files included), with its content."""
    return {str(path.relative_to(folder)): path.read_bytes() if path.is_file() else b"" for path in folder.rglob("*")}


def export_text(count: int) -> str:
    """A KoboToolbox export of ``count`` submissions to the mini rubric."""
    rubric = load_rubric(MINI_RUBRIC)
    rng = random.Random(count)
    return csv_text(kobo_rows(FormLayout(rubric), [Submission(random_answers(rubric, rng)) for _ in range(count)]))


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with the inputs, and an empty `out` folder beside them for the outputs."""
    (tmp_path / "rubric.yaml").write_bytes(MINI_RUBRIC.read_bytes())
    (tmp_path / "export.csv").write_text(export_text(5), encoding="utf-8")
    team = tmp_path / "team"
    team.mkdir()
    (team / "lead.yaml").write_bytes(ANSWERS.read_bytes())
    other = ANSWERS.read_text(encoding="utf-8").replace("name: Ada <b>Lovelace</b>", "name: Colleague")
    (team / "colleague.yaml").write_text(other, encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


@pytest.mark.parametrize("anonymize", [[], ["--anonymize"]], ids=["named", "anonymized"])
def test_import_on_a_full_disk_writes_nothing_and_says_which_output(inputs: Path, anonymize: list[str]) -> None:
    result = run(["import", "export.csv", "-r", "rubric.yaml", *anonymize, "-o", "out/answers"], inputs, file_limit=200)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "civdata: cannot write -o out/answers: File too large"
    assert "internal error" not in result.stderr
    assert everything_in(inputs / "out") == {}


def test_import_into_a_folder_with_files_on_a_full_disk_leaves_it_as_it_was(inputs: Path) -> None:
    made = run(["import", "export.csv", "-r", "rubric.yaml", "-o", "out/answers"], inputs)
    assert made.returncode == 0, made.stderr
    (inputs / "export.csv").write_text(export_text(7), encoding="utf-8")
    before = everything_in(inputs / "out")
    result = run(["import", "export.csv", "-r", "rubric.yaml", "--force", "-o", "out/answers"], inputs, file_limit=200)
    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        2,
        "civdata: cannot write -o out/answers: File too large",
    )
    assert everything_in(inputs / "out") == before


def test_a_markdown_report_whose_picture_fits_but_not_the_report_leaves_neither(inputs: Path) -> None:
    """The reviewer's case: the picture was written, then the report failed, and the picture
    (each role's scores) stayed on disk with exit code 2."""
    whole = run(["report", "team", "-r", "rubric.yaml", "-o", "out/r.md"], inputs)
    assert whole.returncode == 0, whole.stderr
    picture, report = (inputs / "out/r.areas.svg").stat().st_size, (inputs / "out/r.md").stat().st_size
    assert picture < report, "the test needs a report larger than its picture"
    for path in (inputs / "out").iterdir():
        path.unlink()
    result = run(["report", "team", "-r", "rubric.yaml", "-o", "out/r.md"], inputs, file_limit=picture)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == ["civdata: cannot write -o out/r.md: File too large"]
    assert everything_in(inputs / "out") == {}


@pytest.mark.parametrize("existing", [False, True], ids=["new", "replacing"])
def test_a_plan_that_cannot_be_written_takes_back_the_report_and_picture_already_in_place(
    inputs: Path, existing: bool
) -> None:
    """/dev/full (through a link named like a plan) is written through after the files are in
    place; its failure must put them back as they were."""
    (inputs / "full-plan.csv").symlink_to("/dev/full")
    if existing:
        for name in ("r.md", "r.areas.svg"):
            (inputs / "out" / name).write_text(f"the {name} of last month\n", encoding="utf-8")
    before = everything_in(inputs / "out")
    result = run(["report", "team", "-r", "rubric.yaml", "-o", "out/r.md", "--plan", "full-plan.csv"], inputs)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == ["civdata: cannot write --plan full-plan.csv: No space left on device"]
    assert everything_in(inputs / "out") == before


def test_import_whose_report_cannot_be_written_writes_no_answers_files(inputs: Path) -> None:
    result = run(
        ["import", "export.csv", "-r", "rubric.yaml", "-o", "out/answers", "--report", "/dev/full", "-f", "json"],
        inputs,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "civdata: cannot write --report /dev/full: No space left on device"
    assert "Wrote" not in result.stderr
    assert everything_in(inputs / "out") == {}


@pytest.mark.parametrize(
    "command",
    [
        ["template", "-r", "rubric.yaml", "-o", "out/t.yaml"],
        ["rubric", "docs", "-r", "rubric.yaml", "-o", "out/d.md"],
        ["report", "team/lead.yaml", "-r", "rubric.yaml", "-o", "out/r.json", "--plan", "out/plan.csv"],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_other_outputs_on_a_full_disk_are_a_problem_and_nothing_is_written(inputs: Path, command: list[str]) -> None:
    result = run(command, inputs, file_limit=100)
    assert result.returncode == 2, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("civdata: cannot write ") and last.endswith(": File too large"), last
    assert everything_in(inputs / "out") == {}


def test_a_form_whose_temporary_files_find_no_room_says_where_and_writes_nothing(inputs: Path) -> None:
    """openpyxl writes each sheet to a temporary file (in TMPDIR) before the workbook is made: a
    full temporary folder is an output that cannot be written, not a bug in civdata."""
    pytest.importorskip("openpyxl")
    result = run(["export", "xlsform", "-r", "rubric.yaml", "-o", "out/form.xlsx"], inputs, file_limit=100)
    assert result.returncode == 2, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("civdata: cannot write -o out/form.xlsx: ") and "TMPDIR" in last, last
    assert everything_in(inputs / "out") == {}


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, where no folder can be made")
def test_a_workshop_folder_that_cannot_be_made_is_a_problem_not_a_bug(
    inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is made before the first question; the system's refusal is said in our words."""
    from typer.testing import CliRunner

    from civdata.cli import app
    from civdata.cli import assess as assess_command

    monkeypatch.setattr(assess_command, "not_a_terminal", lambda: None)
    monkeypatch.chdir(inputs)
    result = CliRunner().invoke(app, ["assess", "-r", "rubric.yaml", "--workshop", "/proc/civdata-workshop"])
    assert result.exit_code == 2, result.output
    assert (
        result.stderr.strip().splitlines()[-1].startswith("civdata: cannot write --workshop /proc/civdata-workshop: ")
    )
