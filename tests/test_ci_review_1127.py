"""CI outputs that would be lost or point nowhere say so, or stay within what GitHub takes.

Found by a review on 2026-11-27, each reproduced before the fix:
- a job summary of 2 MB (an initiative's name of two million characters) was written whole;
  GitHub drops a step summary over 1 MiB, so the job page would show nothing;
- a path with ``..`` steps inside the repository (``a/../a/lead.yaml``) went unchanged into
  SARIF, Code Quality and annotations, which GitHub and GitLab match as text;
- answers read from standard input were located at ``<stdin>``, with no warning;
- ``--anonymize -f sarif`` wrote results without a location, which GitHub code scanning refuses
  (the whole upload), and ``-f codequality`` an empty list, both without a word.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from civdata.render.summary import SUMMARY_CUT, SUMMARY_LIMIT, fitted_to_step_summary
from tests.conftest import ROOT, civdata_command

LEAD = "examples/county-justice/lead.yaml"


def run(*args: str | Path, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*civdata_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        input=stdin,
        env={**os.environ, **(env or {})},
    )


def test_a_summary_too_large_for_github_is_cut_and_says_so(tmp_path: Path) -> None:
    text = (ROOT / LEAD).read_text(encoding="utf-8")
    name = "initiative: Marlow County Reentry Data Collaborative"
    assert name in text
    big = tmp_path / "big.yaml"
    big.write_text(text.replace(name, "initiative: " + "A" * 2_000_000), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.touch()
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(ROOT)}
    result = run("report", big, "--annotations", "github", "-o", tmp_path / "r.md", env=env)
    assert result.returncode == 0, result.stderr[-500:]
    written = summary.read_bytes()
    assert len(written) <= 1024 * 1024
    assert written.decode("utf-8").rstrip("\n").endswith(SUMMARY_CUT)


def test_a_summary_that_fits_is_unchanged_and_a_cut_keeps_whole_lines() -> None:
    text = "## civdata: x\n\nVerdict: **Ready**\n"
    assert fitted_to_step_summary(text) is text
    lines = "\n".join(f"- line {index} é" for index in range(100_000))
    cut = fitted_to_step_summary(lines, limit=10_000)
    assert len(cut.encode("utf-8")) <= 10_000
    kept = cut.split("\n\n" + SUMMARY_CUT)[0].split("\n")
    assert kept == [f"- line {index} é" for index in range(len(kept))]
    assert SUMMARY_LIMIT < 1024 * 1024


def test_a_path_with_dot_dot_steps_inside_the_repository_is_given_without_them() -> None:
    """SARIF, Code Quality and annotations name the file as the repository does; no warning, since
    the path stays inside (tests/test_ci_outputs.py: "a path that climbs back in stays inside")."""
    climbing = "examples/county-justice/../county-justice/lead.yaml"
    sarif = run("report", climbing, "-f", "sarif", "-o", "-")
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(sarif.stdout)["runs"][0]["results"]
        for location in result.get("locations", [])
    }
    assert uris == {LEAD}
    quality = run("report", climbing, "-f", "codequality", "-o", "-")
    assert {issue["location"]["path"] for issue in json.loads(quality.stdout)} == {LEAD}
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(ROOT), "GITHUB_STEP_SUMMARY": ""}
    annotated = run("report", climbing, "--annotations", "github", "-o", os.devnull, env=env)
    files = set(re.findall(r"::(?:error|warning|notice) file=([^,]*),", annotated.stderr))
    assert files == {LEAD}
    assert "warning" not in sarif.stderr + quality.stderr


def test_answers_from_standard_input_are_warned_of_in_ci_formats() -> None:
    answers = (ROOT / LEAD).read_text(encoding="utf-8")
    result = run("report", "-", "-f", "sarif", "-o", os.devnull, stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "civdata: warning: answers read from standard input (-) are in no file of the repository" in result.stderr
    plain = run("report", "-", "-f", "markdown", "-o", os.devnull, stdin=answers)
    assert "warning" not in plain.stderr


@pytest.mark.parametrize(
    ("fmt", "words"),
    [
        ("sarif", "GitHub code scanning refuses the whole upload for that; leave out --anonymize for code scanning"),
        ("codequality", "its Code Quality report is empty (GitLab shows no issue without a file)"),
    ],
)
def test_an_anonymized_ci_format_says_it_points_nowhere(fmt: str, words: str) -> None:
    result = run("report", LEAD, "--anonymize", "-f", fmt, "-o", os.devnull)
    assert result.returncode == 0, result.stderr
    assert words in result.stderr
    assert "lead.yaml" not in result.stderr  # a file's name is often a person's


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--fail-on", "low", "--fail-on", "critical"), "--fail-on is given 2 times ('low', then 'critical')"),
        (("--fail-under=50", "--fail-under", "70"), "--fail-under is given 2 times ('50', then '70')"),
        (("--min-coverage", "90", "--min-coverage=0"), "--min-coverage is given 2 times ('90', then '0')"),
    ],
)
def test_a_gate_given_twice_with_two_values_is_refused(args: tuple[str, ...], said: str) -> None:
    """Found by the same review: click kept the last value without a word, so a job whose gates
    are put together from a default and a project's setting ran with the weaker one as readily."""
    result = run("report", LEAD, *args, "-o", os.devnull)
    assert result.returncode == 2
    assert result.stderr == f"civdata: {said}; give it once\n"


def test_the_same_gate_twice_and_a_repeatable_option_are_let_through(tmp_path: Path) -> None:
    same = run("report", LEAD, "--fail-on", "low", "--fail-on=low", "-o", os.devnull)
    assert same.returncode == 1, same.stderr  # the gate ran: the lead's answers raise findings at low and above
    twice = run(
        "report", LEAD, "--baseline", LEAD, "--fail-on-regression", "high", "--fail-on-regression", "critical",
        "-o", tmp_path / "r.md",
    )  # fmt: skip
    assert "given 2 times" not in twice.stderr


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (("template", "-o", "{folder}"), "answers.yaml"),
        (("report", LEAD, "-o", "{folder}"), "report.md"),
        (("schema", "answers", "-o", "{folder}"), "answers.schema.json"),
    ],
)
def test_a_folder_given_for_a_file_is_answered_with_a_name_of_its_kind(
    tmp_path: Path, args: tuple[str, ...], example: str
) -> None:
    """Found by a review on 2026-11-27: `civdata template -o sub` (and `assess -o sub`) said 'give
    a file name such as report.md', which would save answers under a report's name."""
    result = run(*(arg.format(folder=tmp_path) for arg in args))
    assert result.returncode == 2
    assert result.stderr == f"civdata: -o {tmp_path} is a folder; give a file name such as {example}\n"
