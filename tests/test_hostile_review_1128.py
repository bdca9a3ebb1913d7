"""From an outside review of hostile inputs (2026-11-28, evening): the CSV action plan wrote a
rubric's ``##[group]`` as it was, so ``cat plan.csv`` in a GitHub Actions job handed the runner a
command; every other output (YAML, text, Markdown, HTML, JSON) broke it up. Seen to fail before
the fix."""

from __future__ import annotations

from pathlib import Path

from tests.test_ci_outputs import ROOT, run

RUBRIC = ROOT / "tests" / "cases" / "rubric.yaml"
ANSWERS = """format: 1
rubric: {id: mini, version: "1.2.0"}
initiative: x
respondent: {role: lead}
answers:
  sensitive: "yes"
  threat-model: "no"
  voice: none
  safeguards: [encryption]
"""


def test_a_plan_csv_breaks_up_workflow_commands_and_reads_back(tmp_path: Path) -> None:
    text = RUBRIC.read_text(encoding="utf-8")
    hostile = text.replace(
        "recommendation: Invite representatives to the steering group.",
        'recommendation: "##[group]Invite representatives :: now"',
    )
    assert hostile != text
    (tmp_path / "rubric.yaml").write_text(hostile, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(ANSWERS, encoding="utf-8")
    run("report", "a.yaml", "-r", "rubric.yaml", "-o", "base.json", "--plan", "plan.csv", cwd=tmp_path)
    plan = (tmp_path / "plan.csv").read_text(encoding="utf-8")
    assert "#\\x23[group]Invite representatives :\\x3a now" in plan
    assert "##[" not in plan and " ::" not in plan
    # Read back as the kept plan, marked done: its actions are still found by id.
    (tmp_path / "plan.csv").write_text(plan.replace(",false\n", ",true\n"), encoding="utf-8")
    result = run(
        "report",
        "a.yaml",
        "-r",
        "rubric.yaml",
        "-o",
        "r.md",
        "--baseline",
        "base.json",
        "--baseline-plan",
        "plan.csv",
        cwd=tmp_path,
    )
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "question:voice: **marked done, but the finding is still there**" in report, result.stderr
