"""The command line as a user meets it: through typer's runner and through a real process."""

from __future__ import annotations

import importlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civdata import __version__
from civdata.cli import app
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT
from tests.report_schema import report_document

ANSWERS = FIXTURES / "mini-answers.yaml"

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(arg) for arg in args])


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civdata", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def test_version_in_a_real_process() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"civdata {__version__}"


def test_no_arguments_shows_help_and_exit_codes() -> None:
    result = run()
    assert result.returncode in (0, 2)
    assert "report" in result.stdout + result.stderr
    assert "Exit codes" in run("--help").stdout


def test_version_does_not_import_heavy_libraries() -> None:
    result = run("--version", env={"PYTHONPROFILEIMPORTTIME": "1"})
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    for heavy in ("jsonschema", "questionary", "prompt_toolkit"):
        assert heavy not in imported, f"{heavy} is imported at start-up"


def test_piped_report_is_markdown_and_exit_0() -> None:
    result = run("report", str(ANSWERS), "--rubric", str(MINI_RUBRIC))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Readiness and risk report:")
    assert result.stderr == ""


def test_output_format_follows_the_extension_and_file_is_private(tmp_path: Path) -> None:
    for name, check in (
        ("r.md", lambda t: t.startswith("# ")),
        ("r.json", lambda t: report_document(t)["report_format"] == 2),
    ):
        target = tmp_path / name
        result = invoke("report", ANSWERS, "-r", MINI_RUBRIC, "-o", target)
        assert result.exit_code == 0, result.stderr
        assert check(target.read_text(encoding="utf-8"))
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert f"Wrote {target}" in result.stderr


def test_unknown_output_extension_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("report", ANSWERS, "-r", MINI_RUBRIC, "-o", tmp_path / "r.pdf")
    assert result.exit_code == 2
    assert f"-o {tmp_path / 'r.pdf'}: cannot tell the report format from 'r.pdf'" in result.stderr
    assert "known extensions: .md, .markdown, .json, .txt, .html, .htm, .sarif; or add --format with one of " in (
        result.stderr
    )
    assert not (tmp_path / "r.pdf").exists()


def test_explicit_format_wins_over_extension(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    assert invoke("report", ANSWERS, "-r", MINI_RUBRIC, "-o", target, "--format", "json").exit_code == 0
    assert report_document(target.read_text(encoding="utf-8"))["kind"] == "single"


def test_refuses_to_write_the_report_over_its_input(tmp_path: Path) -> None:
    answers = tmp_path / "answers.md"
    answers.write_bytes(ANSWERS.read_bytes())
    result = invoke("report", answers, "-r", MINI_RUBRIC, "-o", answers)
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.stderr
    assert answers.read_bytes() == ANSWERS.read_bytes()


def test_failed_run_leaves_an_earlier_report_untouched(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("my edited report\n", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: x\nrespondent: {role: lead}\n"
        "answers:\n  voice: nobody\n",
        encoding="utf-8",
    )
    result = invoke("report", broken, "-r", MINI_RUBRIC, "-o", report)
    assert result.exit_code == 2
    assert f"{broken}:6:10: 'nobody' is not an answer to 'voice'" in result.stderr
    assert report.read_text(encoding="utf-8") == "my edited report\n"


@pytest.mark.parametrize(
    ("gate", "expected_exit", "message"),
    [
        (["--fail-on", "critical"], 1, "gate failed: --fail-on critical: 1 finding at or above 'critical'"),
        # The rule on short funding states the "under a year" band's finding, so it is one finding, not two.
        (["--fail-on", "high"], 1, "gate failed: --fail-on high: 2 findings at or above 'high'"),
        (["--fail-under", "30"], 0, ""),
        (["--fail-under", "40"], 1, "gate failed: --fail-under 40: overall score 33.8 is below 40"),
        (["--fail-on-verdict", "conditional"], 1, "gate failed: --fail-on-verdict conditional: the verdict is"),
        (["--fail-on-verdict", "not-ready"], 1, "at or below 'not-ready'"),
        (["--min-coverage", "100"], 0, ""),
    ],
)
def test_gates_exit_codes(gate: list[str], expected_exit: int, message: str, tmp_path: Path) -> None:
    result = run("report", str(ANSWERS), "-r", str(MINI_RUBRIC), "-o", str(tmp_path / "r.json"), *gate)
    assert result.returncode == expected_exit, result.stderr
    assert message in result.stderr
    assert (tmp_path / "r.json").exists(), "the report is written even when a gate fails"


def test_fail_on_info_counts_every_finding() -> None:
    result = invoke("report", ANSWERS, "-r", MINI_RUBRIC, "--fail-on", "info")
    assert result.exit_code == 1
    assert "2 findings at or above 'info'" in result.stderr


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    for args in (
        ["report"],
        ["report", str(ANSWERS), "--format", "pdf"],
        ["report", str(ANSWERS), "--fail-under", "150"],
        ["report", str(tmp_path / "missing.yaml")],
        ["report", str(ANSWERS), "--rubric", "no-such-rubric"],
        ["schema", "questions"],
        ["frobnicate"],
    ):
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_missing_answers_file_message(tmp_path: Path) -> None:
    result = invoke("report", tmp_path / "missing.yaml")
    assert result.stderr.splitlines()[0] == f"{tmp_path / 'missing.yaml'}: no such file or folder"


def test_unknown_bundled_rubric_suggests_the_closest() -> None:
    result = invoke("report", ANSWERS, "--rubric", "civil-society-data-readines")
    assert result.exit_code == 2
    assert "did you mean 'civil-society-data-readiness'?" in result.stderr


def test_colour_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    # The package re-exports the typer object as `civdata.cli.app`, so fetch the module itself.
    cli_app = importlib.import_module("civdata.cli.app")

    monkeypatch.setattr(cli_app, "stdout_is_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert cli_app.wants_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli_app.wants_color()
    monkeypatch.setattr(cli_app, "stdout_is_terminal", lambda: False)
    monkeypatch.delenv("NO_COLOR")
    assert not cli_app.wants_color()
    assert cli_app.choose_format(None, None) == "markdown"


def test_folder_of_one_answers_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(ANSWERS.read_bytes())
    result = invoke("report", tmp_path, "-r", MINI_RUBRIC, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert report_document(result.stdout)["initiative"] == "Test initiative | with a pipe"


def test_schema_command_prints_the_packaged_schemas() -> None:
    for name in ("rubric", "answers", "report"):
        result = invoke("schema", name)
        assert result.exit_code == 0
        shipped = json.loads((ROOT / "civdata" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert json.loads(result.stdout) == shipped


def test_rubric_list_names_the_default() -> None:
    result = invoke("rubric", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("civil-society-data-readiness\t") and line.endswith("(default)") for line in lines)


def test_rubric_validate_reports_every_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 2\n", encoding="utf-8")
    result = invoke("rubric", "validate", MINI_RUBRIC, bad)
    assert result.exit_code == 2
    assert f"{MINI_RUBRIC}: ok (mini 1.2.0, 2 areas, 8 questions)" in result.stdout
    assert f"{bad}:1:9: 'format' must be 1, not 2" in result.stderr
