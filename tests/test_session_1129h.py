"""Fixes of the session of 2026-11-29 (eighth): each test was written before its fix and seen to fail."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_in
from tests.test_ci_review_1129 import PINNED

COUNTY = ROOT / "examples" / "county-justice"


def run(*args: object, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args, env={**PINNED, **(env or {})})


def _answers_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    for path in COUNTY.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def test_a_plan_kept_in_the_answers_folder_is_written_again(tmp_path: Path) -> None:
    """A team keeping its plan beside its answers (docs/progress.md) could write it once: the next
    run said "skipped answers/plan.yaml: an action plan (--plan), not answers", then refused
    "--plan answers/plan.yaml is an answers file, read by this command" (the review of the fixes).
    A plan the folder's reading left out is not an input of the report; the guard for what the
    team set in it still holds."""
    _answers_folder(tmp_path)
    first = run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "skipped answers/plan.yaml: an action plan" in again.stderr, again.stderr
    assert "kind: civdata-action-plan" in (tmp_path / "answers" / "plan.yaml").read_text(encoding="utf-8")


def test_a_plan_in_the_answers_folder_marked_done_is_still_kept(tmp_path: Path) -> None:
    """Writing the plan kept with the answers again still refuses to throw away an action the team
    marked done."""
    _answers_folder(tmp_path)
    assert run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path).returncode == 0
    plan = tmp_path / "answers" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    marked = text.replace("done: false", "done: true", 1)
    assert marked != text
    plan.write_text(marked, encoding="utf-8")
    again = run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path)
    assert again.returncode == 2 and "1 action in this plan is marked done" in again.stderr, again.stderr
    assert plan.read_text(encoding="utf-8") == marked


def test_a_plan_in_the_answers_folder_read_as_the_baseline_plan_is_not_written_over(tmp_path: Path) -> None:
    """The plan left out of the folder of answers, but also read as ``--baseline-plan``, is an
    input of the run: never written over."""
    _answers_folder(tmp_path)
    assert run("report", "answers", "-o", "r.md", "--plan", "answers/plan.yaml", cwd=tmp_path).returncode == 0
    plan = tmp_path / "answers" / "plan.yaml"
    before = plan.read_bytes()
    again = run(
        "report",
        "answers",
        "-o",
        "r.md",
        "--baseline",
        str(COUNTY),
        "--baseline-plan",
        "answers/plan.yaml",
        "--plan",
        "answers/plan.yaml",
        cwd=tmp_path,
    )
    assert again.returncode == 2, again.stderr
    assert "read by this command" in again.stderr, again.stderr
    assert plan.read_bytes() == before


LEAD = COUNTY / "lead.yaml"
GITHUB = {"GITHUB_ACTIONS": "true"}


def test_a_mistake_the_option_parser_finds_is_an_error_annotation_in_github_actions(tmp_path: Path) -> None:
    """``--fail-on critica`` in a workflow printed click's plain "Error: ..." where every other
    mistake is an ``::error::`` annotation, shown with the job (noticed and left last session).
    The usage lines stay plain; the error line is the annotation, its values escaped."""
    done = run("report", LEAD, "--fail-on", "critica", cwd=tmp_path, env=GITHUB)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("Usage: civdata report"), done.stderr
    error = next(line for line in lines if "critica" in line)
    assert error.startswith("::error::Error: Invalid value for '--fail-on'"), done.stderr
    plain = run("report", LEAD, "--fail-on", "critica", "--annotations", "none", cwd=tmp_path, env=GITHUB)
    assert plain.returncode == 2 and "::" not in plain.stderr, plain.stderr
    assert "Error: Invalid value for '--fail-on'" in plain.stderr, plain.stderr
    off = run("report", LEAD, "--fail-on", "critica", cwd=tmp_path)
    assert off.returncode == 2 and "::" not in off.stderr, off.stderr
    asked = run("report", LEAD, "--annotations", "github", "--fail-on", "critica", cwd=tmp_path)
    assert any(line.startswith("::error::Error: Invalid value") for line in asked.stderr.splitlines()), asked.stderr


def test_a_misspelt_command_or_option_is_an_annotation_and_cannot_form_a_workflow_command(tmp_path: Path) -> None:
    """Before any command is chosen, GitHub Actions (GITHUB_ACTIONS=true) decides; an unknown option
    whose name carries a line break and a workflow command stays on the annotation's one line."""
    misspelt = run("reprot", LEAD, cwd=tmp_path, env=GITHUB)
    assert misspelt.returncode == 2, misspelt.stderr
    assert any(line.startswith("::error::Error: No such command 'reprot'") for line in misspelt.stderr.splitlines())
    hostile = run("report", LEAD, "--x\n::stop-commands::abc", cwd=tmp_path, env=GITHUB)
    assert hostile.returncode == 2, hostile.stderr
    assert not any(line.startswith("::stop-commands") for line in hostile.stderr.splitlines()), hostile.stderr
    assert sum(line.startswith("::error::") for line in hostile.stderr.splitlines()) == 1, hostile.stderr


def _civdata_with(
    tmp_path: Path, *args: str, preexec: object = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    return subprocess.run(
        [sys.executable, "-m", "civdata", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=preexec,  # type: ignore[arg-type]
        env={**os.environ, **PINNED, **(env or {})},
    )


def test_assess_with_standard_input_closed_says_it_needs_a_terminal(tmp_path: Path) -> None:
    """A job runner or service can start a process with standard input closed (``0<&-``): assess
    exited 3, "a bug" (``sys.stdin`` is None), where docs/assess.md promises exit 2 without a
    terminal, as every other command gives for a closed standard input (the review of environments)."""
    import os

    for args in (("assess", "-o", "p.yaml"), ("assess", "--workshop", "room")):
        done = _civdata_with(tmp_path, *args, preexec=lambda: os.close(0))
        assert done.returncode == 2, done.stderr
        assert "assess asks questions in a terminal, and this input is not one" in done.stderr, done.stderr
        assert not (tmp_path / "p.yaml").exists()


def test_a_folder_deleted_under_the_shell_is_said_where_it_matters_and_exits_2(tmp_path: Path) -> None:
    """Started in a folder deleted after the shell entered it, SARIF, Code Quality, annotations
    and a relative ``-o`` exited 3 while a report to the terminal exited 0 (the review of
    environments). What needs the folder says it is gone, exit 2; what does not (files named in
    full, help, the rubrics) works as before (the review of the fix: every command was refused)."""
    import os

    gone = tmp_path / "gone"

    def enter_then_delete() -> None:
        os.mkdir(gone)
        os.chdir(gone)
        os.rmdir(gone)

    for args in (("report", str(LEAD), "-f", "sarif", "-o", "-"), ("report", str(LEAD), "-o", "rel.md")):
        done = _civdata_with(tmp_path, *args, preexec=enter_then_delete)
        assert done.returncode == 2, (args, done.stderr)
        assert "the folder civdata was started in no longer exists" in done.stderr, done.stderr
        assert "internal error" not in done.stderr
    annotated = _civdata_with(tmp_path, "report", str(LEAD), preexec=enter_then_delete, env=GITHUB)
    assert annotated.returncode == 2, annotated.stderr
    assert "::error::civdata: the places of findings in files are given from" in annotated.stderr, annotated.stderr
    for args in (("report", str(LEAD)), ("check", str(LEAD)), ("report", "--help"), ("rubric", "list"), ("--version",)):
        done = _civdata_with(tmp_path, *args, preexec=enter_then_delete)
        assert done.returncode == 0, (args, done.stderr)


def test_a_shell_completion_that_fails_is_a_usage_problem_not_a_failed_gate(tmp_path: Path) -> None:
    """typer's ``--show-completion`` in a shell it has no script for (``sh``, as in many
    containers) exited 1, the code civdata keeps for a failed gate (the review of environments)."""
    import os
    import shlex
    import sys

    environment = {key: value for key, value in os.environ.items() if key != "SHELL"}
    for option in ("--show-completion", "--install-completion"):
        command = f"{shlex.quote(sys.executable)} -m civdata {option}"
        # Started by sh, which typer finds as the shell: it has no completion script for it.
        done = subprocess.run(["sh", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=environment)
        assert done.returncode == 2, (option, done.returncode, done.stderr)
        assert "not supported" in done.stderr + done.stdout, done  # typer says it on either
    # The shell given, not found from the processes above the test (which differ between runs).
    shown = _civdata_with(
        tmp_path, "--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert shown.returncode == 0 and "_civdata_completion" in shown.stdout, shown.stderr


def test_a_file_named_like_a_completion_option_leaves_a_failed_gate_at_exit_1(tmp_path: Path) -> None:
    """Only civdata's own options, before a command, are the shell completion's: an answers file
    named ``--show-completion`` given after ``--`` made a failed gate exit 2 (the review of the fix)."""
    (tmp_path / "--show-completion").write_bytes(LEAD.read_bytes())
    done = run("report", "--fail-on", "high", "-o", "r.md", "--", "--show-completion", cwd=tmp_path)
    assert done.returncode == 1 and "gate failed" in done.stderr, done.stderr


def test_a_resumed_file_that_cannot_be_written_is_named_by_its_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``assess --resume ro/lead.yaml`` in a read-only folder said "cannot write -o ...", an option
    the person never gave (the review of the fix). The folder is made read-only for root here by
    saying so where civdata asks, and a terminal by saying there is one."""
    from civdata import cli, files
    from civdata.cli import assess

    (tmp_path / "lead.yaml").write_bytes(LEAD.read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files, "writable_folder", lambda folder: False)
    monkeypatch.setattr(assess, "not_a_terminal", lambda: None)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["assess", "--resume", "lead.yaml"])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "cannot write --resume lead.yaml: the folder . is not writable" in said, said


def test_a_mistaken_annotations_value_is_itself_an_annotation_in_github_actions(tmp_path: Path) -> None:
    """``--annotations gith``, or ``--annotations`` with no value, stayed plain text in GitHub
    Actions (the review of the fix): the mistake is told as auto would tell it; any case is taken."""
    for words in (("--annotations", "gith"), ("--annotations",), ("--annotations", "GitHub", "--fail-on", "critica")):
        done = run("report", LEAD, *words, cwd=tmp_path, env=GITHUB)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines()[-1].startswith("::error::Error: "), (words, done.stderr)
    plain = run("report", LEAD, "--annotations", "NONE", "--fail-on", "critica", cwd=tmp_path, env=GITHUB)
    assert plain.returncode == 2 and "::" not in plain.stderr, plain.stderr


def test_a_folder_holding_its_plan_is_a_baseline_and_the_plan_kept_there_is_carried(tmp_path: Path) -> None:
    """A team writing its plan beside its answers (now written again, above) was then refused the
    folder as a baseline: "base/plan.yaml: this is an action plan (--plan), not a JSON report",
    with --baseline-plan too (the review of the fix). The plan is left out of the baseline's
    answers, said so, and read as the plan kept when given; never written over while it is one."""
    base, now = tmp_path / "base", tmp_path / "now"
    base.mkdir()
    now.mkdir()
    (base / "lead.yaml").write_bytes(LEAD.read_bytes())
    (now / "lead.yaml").write_bytes(
        (ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml").read_bytes()
    )
    assert run("report", "base", "-o", "base.md", "--plan", "base/plan.yaml", cwd=tmp_path).returncode == 0
    compared = run("report", "now", "--baseline", "base", "-o", "now.md", cwd=tmp_path)
    assert compared.returncode == 0, compared.stderr
    assert "skipped base/plan.yaml: an action plan" in compared.stderr, compared.stderr
    carried = run(
        "report", "now", "--baseline", "base", "--baseline-plan", "base/plan.yaml", "-o", "now.md", cwd=tmp_path
    )
    assert carried.returncode == 0, carried.stderr
    before = (base / "plan.yaml").read_bytes()
    over = run(
        "report",
        "now",
        "--baseline",
        "base",
        "--baseline-plan",
        "base/plan.yaml",
        "--plan",
        "base/plan.yaml",
        cwd=tmp_path,
    )
    assert over.returncode == 2 and "--plan base/plan.yaml is a plan file, read by this command" in over.stderr
    assert (base / "plan.yaml").read_bytes() == before
    alone = run("report", "now", "--baseline", "base/plan.yaml", cwd=tmp_path)
    assert alone.returncode == 2 and "this is an action plan (--plan), not a JSON report" in alone.stderr


def test_a_workshop_folder_that_cannot_be_made_is_said_as_every_command_says_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``assess --workshop ro/ws`` alone said "Permission denied" in words of its own (the review
    of the fix); the folder is made read-only for root here by saying so where civdata asks."""
    from civdata import cli, files
    from civdata.cli import assess

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files, "writable_folder", lambda folder: False)
    monkeypatch.setattr(assess, "not_a_terminal", lambda: None)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["assess", "--workshop", "ws"])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert f"civdata: {files.folder_not_writable('--workshop', 'ws', Path('.'))}" in said, said
    assert not (tmp_path / "ws").exists()


def test_an_import_into_a_folder_whose_parent_cannot_be_written_says_why_the_parent_matters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import -o ro/answers``, ``answers/`` writable but ``ro/`` not, named ``ro`` "not writable"
    and nothing more, to a person who can write in the folder they named (the review of the fix):
    the files are made beside it, then moved in, and that is said."""
    from civdata import answers_folder, cli

    (tmp_path / "ro" / "answers").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(answers_folder, "writable_folder", lambda folder: Path(folder).name != "ro")
    submissions = ROOT / "examples" / "community-consultation" / "submissions.csv"
    with pytest.raises(SystemExit) as stopped:
        cli.main(["import", str(submissions), "-o", "ro/answers"])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert (
        "cannot write -o ro/answers: the folder ro is not writable (the files are made in it first, beside "
        "ro/answers, then moved in)" in said
    ), said
