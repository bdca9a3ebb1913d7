"""Found by an outside review of re-assessing every quarter (2026-11-28), each checked to fail
before its fix. The county's lead (``examples/county-justice/lead.yaml``), assessed again:

- An action ticked done whose question was only renamed in a new rubric version was "done: its
  findings are gone", while the report raised the same finding under the new name.
- One person's older answers in the new folder were compared, backwards, with their newer answers
  in the baseline, and failed the gate on "new" findings.
- One renamed question stopped every area being compared, though the baseline's JSON report says
  which area it was in; a history marked every score with "perhaps from this area".
- A PATCH release that raised a finding's severity: the JSON report of then failed the gate, the
  answers of then passed it silently, and the report named the wrong version for them.
- The picture civdata writes beside a Markdown report was told as broken YAML.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, civdata_in, problem_lines

COUNTY = ROOT / "examples" / "county-justice"
RUBRIC = ROOT / "rubrics" / "civil-society-data-readiness.yaml"


def report(cwd: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, "report", "-q", *args)


def answers(
    target: Path, date: str, *, source: Path = COUNTY / "lead.yaml", version: str | None = None, **given: Any
) -> Path:
    """An example answers file dated ``date`` with ``given`` answers (id with - as _: a value; None
    removes it; ``rename_X="Y"`` moves the answer to X under Y), made for rubric ``version``."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["date"] = date
    if version is not None:
        data["rubric"]["version"] = version
    for key, value in given.items():
        if key.startswith("rename_"):
            old = key.removeprefix("rename_").replace("_", "-")
            data["answers"][value] = data["answers"].pop(old)
        elif value is None:
            data["answers"].pop(key.replace("_", "-"), None)
        else:
            data["answers"][key.replace("_", "-")] = {"value": value}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def renamed_rubric(target: Path) -> Path:
    """The bundled rubric as version 1.3.0, with `threat-model` renamed `threat-assessment` (area
    Stakeholders and power) and `retention` (Protecting people) rescored, both in its `changes`."""
    text = RUBRIC.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^version: 1\.2\.\d+$", "version: 1.3.0", text)
    assert count == 1
    text, count = re.subn(r"(?m)^(\s+- id: )threat-model$", r"\1threat-assessment", text)
    assert count == 1
    text, count = re.subn(r"question: threat-model\b", "question: threat-assessment", text)
    assert count >= 1
    entry = (
        "changes:\n  - version: 1.3.0\n    summary: Threat model is now threat-assessment; retention rescored.\n"
        "    questions: [threat-model, threat-assessment, retention]\n    rules: [at-risk-without-threat-model]\n"
    )
    text = text.replace("changes:\n", entry, 1)
    target.write_text(text, encoding="utf-8")
    return target


def ticked(plan: Path, target: Path, action: str) -> Path:
    """The YAML plan ``plan`` with the action ``action`` marked done."""
    text = plan.read_text(encoding="utf-8")
    start = text.index(f'"{action}"')
    at = text.index("done: false", start)
    target.write_text(text[:at] + "done: true" + text[at + len("done: false") :], encoding="utf-8")
    return target


def progress_json(cwd: Path, *args: object) -> dict[str, Any]:
    result = report(cwd, *args, "-f", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["progress"]


# --- 1. An action whose question was renamed is not compared, never "done" ----------------------


def test_an_action_ticked_done_on_a_renamed_question_is_not_compared(tmp_path: Path) -> None:
    """The lead answers the threat model "written by our own team" then and now (a low finding);
    the new rubric only renames the question. Its ticked action was "done: its findings are gone",
    while the same report raised the finding under the new name."""
    answers(tmp_path / "then.yaml", "2026-10-14")
    answers(tmp_path / "now.yaml", "2027-04-01", version="1.3.0", rename_threat_model="threat-assessment")
    renamed_rubric(tmp_path / "rubric-1.3.0.yaml")
    assert report(tmp_path, "then.yaml", "-f", "json", "-o", "then.json", "--plan", "plan.yaml").returncode == 0
    ticked(tmp_path / "plan.yaml", tmp_path / "ticked.yaml", "question:threat-model")
    args = ("now.yaml", "-r", "rubric-1.3.0.yaml", "--baseline", "then.json", "--baseline-plan", "ticked.yaml")
    progress = progress_json(tmp_path, *args)
    assert [item["id"] for item in progress["plan"] if item["id"] == "question:threat-model"] == []
    said = [sentence for sentence in progress["not_compared"] if "question:threat-model" in sentence]
    assert len(said) == 1 and "changed since version 1.2.3" in said[0] and "cannot be told done" in said[0], said
    markdown = report(tmp_path, *args, "-o", "-").stdout
    assert "done: its findings are gone" not in markdown


def test_a_disagreement_ticked_done_on_a_renamed_question_is_not_compared(tmp_path: Path) -> None:
    """The lead and the community disagree on the threat model then and now (renamed since)."""
    for side, date, community in (("then", "2026-10-14", "2026-10-15"), ("now", "2027-04-01", "2027-04-02")):
        rename = {} if side == "then" else {"rename_threat_model": "threat-assessment", "version": "1.3.0"}
        answers(tmp_path / side / "lead.yaml", date, threat_model="written-reviewed", **rename)
        answers(tmp_path / side / "community.yaml", community, source=COUNTY / "community.yaml", **rename)
    renamed_rubric(tmp_path / "rubric-1.3.0.yaml")
    assert report(tmp_path, "then", "--detail", "-f", "json", "-o", "then.json", "--plan", "plan.yaml").returncode == 0
    ticked(tmp_path / "plan.yaml", tmp_path / "ticked.yaml", "finding:divergence:threat-model")
    args = ("now", "-r", "rubric-1.3.0.yaml", "--baseline", "then.json", "--baseline-plan", "ticked.yaml")
    progress = progress_json(tmp_path, *args)
    assert "finding:divergence:threat-model" not in [item["id"] for item in progress["plan"]]
    assert any(
        "finding:divergence:threat-model" in sentence and "cannot be told done" in sentence
        for sentence in progress["not_compared"]
    ), progress["not_compared"]


# --- 2. One person's answers older than theirs in the baseline are refused ------------------------


def _stale_folder(tmp_path: Path) -> None:
    """then/: Dana (lead) 2027-01-14, Marcus (community) 2027-01-18; now/: Marcus again 2027-04-01,
    and Dana's file of 2026-10-14, older than her answers in the baseline, copied in by mistake."""
    answers(tmp_path / "then" / "lead.yaml", "2027-01-14", threat_model="written-reviewed")
    answers(tmp_path / "then" / "community.yaml", "2027-01-18", source=COUNTY / "community.yaml")
    answers(tmp_path / "now" / "lead.yaml", "2026-10-14")
    answers(tmp_path / "now" / "community.yaml", "2027-04-01", source=COUNTY / "community.yaml")


def test_one_persons_answers_older_than_their_baseline_are_refused(tmp_path: Path) -> None:
    """Only the latest date was checked: Dana's answers were compared backwards, "changed", and
    the gate failed on findings "new" since her later answers."""
    _stale_folder(tmp_path)
    assert report(tmp_path, "then", "--detail", "-f", "json", "-o", "then.json").returncode == 0
    for baseline, then_file in (("then", "then/lead.yaml"), ("then.json", "then.json")):
        result = report(tmp_path, "now", "--baseline", baseline, "--fail-on-regression", "low", "-o", "now.md")
        assert result.returncode == 2, (baseline, result.stderr)
        problems = problem_lines(result.stderr)
        assert len(problems) == 1, problems
        lines = (tmp_path / "now" / "lead.yaml").read_text(encoding="utf-8").splitlines()
        line = next(number for number, text in enumerate(lines, 1) if text.startswith("date:"))
        assert problems[0].startswith(f"now/lead.yaml:{line}:7: "), problems
        for told in ("Dana Okafor", "2026-10-14", "2027-01-14", then_file, "now/lead.yaml"):
            assert told in problems[0], (told, problems[0])
        assert not (tmp_path / "now.md").exists()


def test_a_persons_older_answers_never_read_as_progress(tmp_path: Path) -> None:
    """The other way round too: Dana's stale file would make her later regression look resolved."""
    answers(tmp_path / "then" / "lead.yaml", "2027-01-14", threat_model="not-considered")
    answers(tmp_path / "then" / "community.yaml", "2027-01-18", source=COUNTY / "community.yaml")
    answers(tmp_path / "now" / "lead.yaml", "2026-10-14", threat_model="written-reviewed")
    answers(tmp_path / "now" / "community.yaml", "2027-04-01", source=COUNTY / "community.yaml")
    result = report(tmp_path, "now", "--baseline", "then", "-o", "now.md")
    assert result.returncode == 2, result.stderr
    assert "Dana Okafor" in result.stderr and "then/lead.yaml" in result.stderr


# --- 3. A renamed question stops only its own area being compared ---------------------------------


def _renamed_round(tmp_path: Path) -> tuple[str, ...]:
    """The lead then (1.2.3, JSON report) and now (1.3.0: threat model renamed), two answers worse
    now in The role of data and Data and reality, on questions no version changed."""
    answers(tmp_path / "then.yaml", "2026-10-14")
    answers(
        tmp_path / "now.yaml", "2027-04-01", version="1.3.0", rename_threat_model="threat-assessment",
        decision_specificity="decision-only", data_accuracy="sample-checked",
    )  # fmt: skip
    renamed_rubric(tmp_path / "rubric-1.3.0.yaml")
    assert report(tmp_path, "then.yaml", "-f", "json", "-o", "then.json").returncode == 0
    return ("now.yaml", "-r", "rubric-1.3.0.yaml", "--baseline", "then.json")


def test_areas_the_renamed_question_was_not_in_are_compared_and_judged(tmp_path: Path) -> None:
    """The baseline's JSON report says threat-model was in Stakeholders and power only: the other
    areas were "not compared: ... perhaps from this area", and --fail-on-regression scores passed
    though two of them fell on questions no version changed."""
    args = _renamed_round(tmp_path)
    areas = {area["id"]: area for area in progress_json(tmp_path, *args)["areas"]}
    assert areas["stakeholders-and-power"]["trend"] == "not-compared"
    assert areas["protecting-people"]["trend"] == "not-compared"  # retention was rescored
    assert areas["role-of-data"]["trend"] == "worse", areas["role-of-data"]
    assert areas["data-and-reality"]["trend"] == "worse", areas["data-and-reality"]
    assert areas["funding-and-lifecycle"]["trend"] == "same", areas["funding-and-lifecycle"]
    assert not any("perhaps" in (area.get("reason") or "") for area in areas.values())
    gate = report(tmp_path, *args, "-o", "now.md", "--fail-on-regression", "scores")
    assert gate.returncode == 1, gate.stderr
    assert "The role of data" in gate.stderr and "Data and reality" in gate.stderr


def test_a_history_names_the_area_of_each_marked_score(tmp_path: Path) -> None:
    """A history marked every earlier score `*`, its note saying "perhaps from this area"."""
    _renamed_round(tmp_path)
    assert report(tmp_path, "now.yaml", "-r", "rubric-1.3.0.yaml", "-f", "json", "-o", "now.json").returncode == 0
    result = civdata_in(tmp_path, "history", "-q", "then.json", "now.json", "-r", "rubric-1.3.0.yaml", "-o", "h.json")
    assert result.returncode == 0, result.stderr
    first = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))["points"][0]["scores"]
    assert first["role-of-data"]["comparable"] and first["funding-and-lifecycle"]["comparable"]
    assert first["stakeholders-and-power"]["reason"].startswith("Stakeholders and power: "), first
    assert first["overall"]["reason"].startswith("Overall: "), first
    text = civdata_in(tmp_path, "history", "-q", "then.json", "now.json", "-r", "rubric-1.3.0.yaml", "-o", "-")
    assert "perhaps from this area" not in text.stdout
    assert "Protecting people: 1 of its questions changed since version 1.2.3" in " ".join(text.stdout.split())


# --- 5. A picture civdata writes is told for what it is -------------------------------------------


def test_a_picture_beside_a_report_is_told_as_a_picture(tmp_path: Path) -> None:
    """`civdata history reports/*` picks up the `.svg` civdata writes beside a Markdown report; it
    was told as invalid YAML (`reports/2026-10.areas.svg:3:59: invalid YAML: ...`)."""
    answers(tmp_path / "lead.yaml", "2026-10-14")
    reports = tmp_path / "reports"
    reports.mkdir()
    assert report(tmp_path, "lead.yaml", "-o", "reports/2026-10.md").returncode == 0
    assert report(tmp_path, "lead.yaml", "-f", "json", "-o", "reports/2026-10.json").returncode == 0
    pictures = sorted(path.name for path in reports.glob("*.svg"))
    assert pictures, "civdata wrote no picture beside the Markdown report"
    given = (*(f"reports/{name}" for name in pictures), "reports/2026-10.json")
    result = civdata_in(tmp_path, "history", "-q", *given, "-o", "h.md")
    assert result.returncode == 2, result.stderr
    problems = problem_lines(result.stderr)
    assert len(problems) == len(pictures), problems
    for problem in problems:
        assert "invalid YAML" not in problem, problem
        assert re.match(r"reports/2026-10\.[a-z]+\.svg:1:1: this is a picture \(SVG\)", problem), problem
        assert "`civdata report ANSWERS -f json -o report.json`" in problem
    baseline = report(tmp_path, "lead.yaml", "--baseline", f"reports/{pictures[0]}", "-o", "now.md")
    assert baseline.returncode == 2
    assert problem_lines(baseline.stderr) == [problem_lines(result.stderr)[0]], baseline.stderr


# --- 4. Answers of an older PATCH version say which version they were for --------------------------


def patched_rubric(target: Path, *, listed: str = "") -> Path:
    """The bundled rubric as version 1.2.4, a PATCH raising `retention:written-schedule` from low to
    high; its `changes` entry lists ``listed`` (``questions: [retention]``), or nothing."""
    text = RUBRIC.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^version: 1\.2\.\d+$", "version: 1.2.4", text)
    assert count == 1
    start = text.index("- value: written-schedule")
    at = text.index("severity: low", start)
    text = text[:at] + "severity: high" + text[at + len("severity: low") :]
    entry = "changes:\n  - version: 1.2.4\n    summary: A retention schedule not carried out is high.\n"
    text = text.replace("changes:\n", entry + (f"    {listed}\n" if listed else ""), 1)
    target.write_text(text, encoding="utf-8")
    return target


def _patched_round(tmp_path: Path, listed: str = "") -> None:
    answers(tmp_path / "then.yaml", "2026-10-14")
    answers(tmp_path / "now.yaml", "2026-12-01", version="1.2.4")
    patched_rubric(tmp_path / "rubric-1.2.4.yaml", listed=listed)
    assert report(tmp_path, "then.yaml", "-f", "json", "-o", "then.json").returncode == 0


def test_answers_of_an_older_patch_say_their_version_and_that_severities_were_not_compared(tmp_path: Path) -> None:
    """The JSON report of then failed the gate ("more severe than then"); the answers file of then
    passed it without a word, and the report called them answers of 1.2.4."""
    _patched_round(tmp_path)
    args = ("now.yaml", "-r", "rubric-1.2.4.yaml", "-o", "now.md", "--fail-on-regression", "high")
    assert report(tmp_path, *args, "--baseline", "then.json").returncode == 1
    result = report(tmp_path, *args, "--baseline", "then.yaml")
    markdown = " ".join((tmp_path / "now.md").read_text(encoding="utf-8").split())
    assert "(then.yaml, rubric version 1.2.3, scored with 1.2.4)" in markdown
    warning = "answers were written for version 1.2.3 of the rubric and are scored here with 1.2.4"
    assert warning in " ".join(result.stderr.split()), result.stderr
    assert warning in markdown


def test_findings_a_patch_lists_are_not_compared_with_answers_scored_again(tmp_path: Path) -> None:
    """The PATCH lists the question whose finding it made more severe: with the answers of then,
    scored with it, its severity then is unknown, so the finding is not compared (the JSON report
    of then knows it, and its gate fails)."""
    _patched_round(tmp_path, listed="questions: [retention]")
    progress = progress_json(tmp_path, "now.yaml", "-r", "rubric-1.2.4.yaml", "--baseline", "then.yaml")
    still = [finding["id"] for finding in progress["findings"]["still_open"]]
    assert "retention:written-schedule" not in still
    said = [sentence for sentence in progress["not_compared"] if "retention:written-schedule" in sentence]
    assert len(said) == 1 and "1.2.3" in said[0] and "1.2.4" in said[0], progress["not_compared"]
    gate = report(
        tmp_path, "now.yaml", "-r", "rubric-1.2.4.yaml", "--baseline", "then.yaml", "-o", "now.md",
        "--fail-on-regression", "high",
    )  # fmt: skip
    assert gate.returncode == 0
    assert "not compared" in (tmp_path / "now.md").read_text(encoding="utf-8")
    compared = progress_json(tmp_path, "now.yaml", "-r", "rubric-1.2.4.yaml", "--baseline", "then.json")
    assert [item["after"]["id"] for item in compared["findings"]["severity_changed"]] == ["retention:written-schedule"]
