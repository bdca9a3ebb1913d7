"""Every example file in tests/cases is accepted or refused exactly as its .expected file says."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civdata.cli import app
from tests.conftest import civdata_command

CASES = Path(__file__).parent / "cases"


def _cases(kind: str, verdict: str) -> list[Path]:
    return sorted((CASES / kind / verdict).glob("*.yaml"))


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("civdata: ")]


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CASES)
    return CliRunner().invoke(app, args)


def test_there_are_cases_of_every_kind() -> None:
    for kind in ("rubrics", "answers"):
        for verdict in ("good", "bad"):
            assert _cases(kind, verdict), f"no {kind}/{verdict} cases"


@pytest.mark.parametrize("case", _cases("rubrics", "good"), ids=lambda path: path.stem)
def test_good_rubric_validates(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(["rubric", "validate", str(case.relative_to(CASES))], monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert ": ok (" in result.stdout


@pytest.mark.parametrize("case", _cases("rubrics", "bad"), ids=lambda path: path.stem)
def test_bad_rubric_gives_exact_problems(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(["rubric", "validate", str(case.relative_to(CASES))], monkeypatch)
    assert result.exit_code == 2
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert _problem_lines(result.stderr) == expected
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", _cases("answers", "good"), ids=lambda path: path.stem)
def test_good_answers_report(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(["report", "--rubric", "rubric.yaml", "--format", "json", str(case.relative_to(CASES))], monkeypatch)
    assert result.exit_code == 0, result.stderr
    assert '"report_format": 2' in result.stdout


@pytest.mark.parametrize("case", _cases("answers", "bad"), ids=lambda path: path.stem)
def test_bad_answers_give_exact_problems(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(["report", "--rubric", "rubric.yaml", str(case.relative_to(CASES))], monkeypatch)
    assert result.exit_code == 2
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert _problem_lines(result.stderr) == expected
    assert result.stdout == "", "nothing may be reported from invalid answers"


@pytest.mark.slow
@pytest.mark.parametrize("case", _cases("answers", "bad"), ids=lambda path: path.stem)
def test_bad_answers_from_standard_input_give_the_same_problems(case: Path) -> None:
    """``civdata report -`` reads through the same reader as a file: same limits, same YAML rules
    (no ``yes`` read as true), the same problems, named ``<stdin>``."""
    name = str(case.relative_to(CASES))
    result = subprocess.run(
        [*civdata_command(), "report", "--rubric", "rubric.yaml", "-"],
        input=case.read_bytes(),
        cwd=CASES,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    expected = [
        f"<stdin>{line[len(name) :]}" if line.startswith(f"{name}:") else line
        for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    ]
    actual = _problem_lines(result.stderr.decode("utf-8"))
    # How to upgrade answers too old for the rubric: standard input cannot be resumed, only carried over.
    upgrade = "To upgrade: "
    assert [line.split(upgrade)[0] for line in actual] == [line.split(upgrade)[0] for line in expected]
    for line in actual:
        # The rubric is a file of the corpus's own, named as it was given (since 2026-11-26).
        assert upgrade not in line or f"{upgrade}`civdata template --from - -o new.yaml --rubric rubric.yaml`" in line
    assert result.stdout == b""
