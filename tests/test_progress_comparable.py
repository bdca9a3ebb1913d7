"""What a comparison with a baseline may call progress, as docs/progress.md says it: nothing is
guessed, what cannot be compared is listed under "not compared" with why, and a blank answer is
never progress.

* answers blanked since the baseline resolve nothing, mark no action done and move no score;
* a group compared with one of its members: the others' findings are not resolved, and the report
  warns that it is not the same group, as a history does;
* a baseline must be earlier than the answers: a later one is refused, one of the same day warned of;
* answers for an older rubric version given as the baseline are refused with the advice for a
  baseline (its JSON report written then), never the advice to upgrade them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import ROOT, civdata_command
from tests.report_schema import report_document

EXAMPLE = ROOT / "examples" / "county-justice"
LATER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
UPGRADE = ROOT / "tests" / "fixtures" / "upgrade"

USE_AGAINST = """  use-against-community:
    value: plausible-no-safeguards
    note: >-
      The Sheriff has asked whether the linked file could flag "frequent returners" for
      outreach. That would be individual targeting. Safeguards are being drafted.
"""
RETENTION = """  retention:
    value: indefinite
    note: The new case-management vendor keeps every record with no end date; the old schedule no longer applies.
"""
BLANKED = {"use-against-community:plausible-no-safeguards", "retention:indefinite"}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, check=False, timeout=120
    )


def _blanked(folder: Path, date: str) -> Path:
    """The later answers with two answers left blank, given on ``date``."""
    text = LATER.read_text(encoding="utf-8")
    assert USE_AGAINST in text and RETENTION in text
    text = text.replace(USE_AGAINST, "  use-against-community:\n").replace(RETENTION, "  retention:\n")
    text = text.replace('date: "2027-01-14"', f'date: "{date}"')
    path = folder / "lead.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _ticked(plan: Path, ids: set[str]) -> Path:
    text = plan.read_text(encoding="utf-8")
    lines = text.splitlines()
    current = None
    for index, line in enumerate(lines):
        if line.strip().startswith("- id:"):
            current = line.split(":", 1)[1].strip().strip('"')
        if line.strip() == "done: false" and current in ids:
            lines[index] = line.replace("false", "true")
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plan


def _progress(path: Path) -> dict:
    return report_document(path.read_text(encoding="utf-8"))["progress"]


def test_answers_left_blank_since_are_not_progress(tmp_path: Path) -> None:
    baseline, plan = tmp_path / "then.json", tmp_path / "plan.yaml"
    assert run("report", LATER, "-o", baseline, "--plan", plan).returncode == 0
    actions = {f"question:{finding.split(':')[0]}" for finding in BLANKED}
    _ticked(plan, actions)
    later = _blanked(tmp_path / "later", "2027-10-10")
    out = tmp_path / "now.json"
    result = run(
        "report", later, "--baseline", baseline, "--baseline-plan", plan, "--fail-on-regression", "scores", "-o", out
    )
    assert result.returncode == 0, result.stderr
    progress = _progress(out)
    assert not BLANKED & {finding["id"] for finding in progress["findings"]["resolved"]}
    said = " ".join(progress["not_compared"])
    assert "left blank now" in said
    for finding in BLANKED:
        assert finding in said
    areas = {item["id"]: item for item in progress["areas"]}
    for area in ("role-of-data", "protecting-people"):
        assert areas[area]["trend"] == "not-compared"
        assert "1 question answered then and not now" in areas[area]["reason"]
    assert progress["overall"]["trend"] == "not-compared"
    assert areas["stakeholders-and-power"]["trend"] == "same"
    assert not [check for check in progress["plan"] if check["id"] in actions and check["state"] == "done"]
    assert "cannot be told" in said and all(action in said for action in actions)
    # The two questions left blank now raise their "I don't know" findings (a blank is read as the
    # riskiest answer it could be: tests/test_blank_own_finding.py). They do not keep the ticked
    # actions open: nobody said the matter is still there.
    blank_now = {f"{finding.split(':')[0]}:unsure" for finding in BLANKED}
    assert blank_now <= {finding["id"] for finding in report_document(out.read_text())["findings"]}
    # This said they were not new ("raised now only on questions left blank now ... not counted as
    # new"), which let a blank pass --fail-on-regression where "I don't know" failed it. Leaving out
    # the answer that raises a finding must never look better than giving it (docs/scoring.md,
    # section 2; found by review 2026-11-27): they are new, and say that they only may hold.
    new = {finding["id"]: finding for finding in progress["findings"]["new"]}
    assert blank_now <= new.keys() and all(new[finding]["on_blank"] for finding in blank_now)
    assert "raised now only on questions left blank now" not in said
    gate = report_document(out.read_text(encoding="utf-8"))["gates"]["checks"][0]
    assert gate["passed"] and "better" not in gate["reason"]

    # The other way round: blank then, answered now, is not getting worse either.
    earlier = _blanked(tmp_path / "earlier", "2026-12-01")
    back = tmp_path / "back.json"
    assert run("report", LATER, "--baseline", earlier, "--fail-on-regression", "scores", "-o", back).returncode == 0
    progress = _progress(back)
    assert not BLANKED & {finding["id"] for finding in progress["findings"]["new"]}
    assert "left blank then" in " ".join(progress["not_compared"])
    areas = {item["id"]: item for item in progress["areas"]}
    assert "1 question answered now and not then" in areas["protecting-people"]["reason"]
    assert progress["overall"]["trend"] == "not-compared"


def test_a_whole_area_left_blank_marks_none_of_its_actions_done(tmp_path: Path) -> None:
    baseline, plan = tmp_path / "then.json", tmp_path / "plan.yaml"
    assert run("report", LATER, "-o", baseline, "--plan", plan).returncode == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    area = next(item for item in data["areas"] if item["id"] == "protecting-people")
    asked = [question["id"] for question in area["questions"]]
    raised = {finding for question in area["questions"] for finding in question["findings"]}
    ticked = {action["id"] for action in data["actions"] if set(action["findings"]) & raised}
    assert ticked
    _ticked(plan, ticked)
    text = LATER.read_text(encoding="utf-8").replace('date: "2027-01-14"', 'date: "2027-10-10"')
    lines, keep, skipping = text.splitlines(), [], False
    for line in lines:
        key = line.strip().split(":", 1)[0]
        if line.startswith("  ") and not line.startswith("   ") and key in asked:
            keep.append(f"  {key}:")
            skipping = True
            continue
        if skipping and line.startswith("    "):
            continue
        skipping = False
        keep.append(line)
    later = tmp_path / "lead.yaml"
    later.write_text("\n".join(keep) + "\n", encoding="utf-8")
    out = tmp_path / "now.json"
    assert run("report", later, "--baseline", baseline, "--baseline-plan", plan, "-o", out).returncode == 0
    progress = _progress(out)
    assert not [check for check in progress["plan"] if check["state"] == "done"]
    assert not raised & {finding["id"] for finding in progress["findings"]["resolved"]}
    areas = {item["id"]: item for item in progress["areas"]}
    assert areas["protecting-people"]["trend"] == "not-compared"


def test_one_person_compared_with_the_group_she_was_in(tmp_path: Path) -> None:
    out = tmp_path / "now.json"
    result = run("report", LATER, "--baseline", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    progress = _progress(out)
    resolved = {finding["id"] for finding in progress["findings"]["resolved"]}
    assert not [finding for finding in resolved if finding.startswith(("divergence:", "role:"))]
    # The lead's own findings then that are gone now are the only ones resolved.
    alone = tmp_path / "alone.json"
    assert run("report", LATER, "--baseline", EXAMPLE / "lead.yaml", "-o", alone).returncode == 0
    assert resolved <= {finding["id"] for finding in _progress(alone)["findings"]["resolved"]}
    said = " ".join(progress["not_compared"])
    assert "only by respondents not in this assessment" in said
    warning = "Not the same group"
    assert progress["warnings"] and progress["warnings"][0].startswith(warning)
    assert _progress(alone)["warnings"] == []
    for form in ("markdown", "html", "text", "summary"):
        shown = run("report", LATER, "--baseline", EXAMPLE, "-f", form)
        assert shown.returncode == 0, shown.stderr
        text = " ".join(shown.stdout.split())
        at = text.find(warning)
        assert at >= 0, form
        assert "this report on one respondent" in text[at:], form
        # Said in full at the top of the comparison in full; the line under the verdict (Markdown,
        # HTML) names it in a few words, to keep the first screen's first actions on it (the review
        # "formats"): it came at the end of that line before.
        assert text.index("Since the last assessment") < at, form
        if form in {"markdown", "html"}:
            assert text.index("Read with care: not the same group") < text.index("What to do first"), form


def test_a_baseline_later_than_the_answers_is_refused(tmp_path: Path) -> None:
    later = tmp_path / "later.json"
    assert run("report", LATER, "-o", later).returncode == 0
    result = run("report", EXAMPLE / "lead.yaml", "--baseline", later, "--fail-on-regression", "scores")
    assert result.returncode == 2
    lines = later.read_text(encoding="utf-8").splitlines()
    number, line = next((n, text) for n, text in enumerate(lines, 1) if text.startswith('  "answered_on": '))
    # At the report's date of the answers, the value itself: never at its generated_on.
    column = line.index('"2027-01-14"') + 1
    assert f"{later}:{number}:{column}: the baseline's answers are dated" in result.stderr
    assert "2027-01-14" in result.stderr and "2026-10-14" in result.stderr and "swap" in result.stderr
    answers = run("report", EXAMPLE / "lead.yaml", "--baseline", LATER)
    assert answers.returncode == 2 and f"{LATER}:13:" in answers.stderr


def test_a_baseline_of_the_same_day_is_warned_of(tmp_path: Path) -> None:
    out = tmp_path / "now.json"
    # A copy: the answers as their own baseline are refused since 2026-11-28 (tests/test_review_1128.py).
    (tmp_path / "then.yaml").write_bytes(LATER.read_bytes())
    assert run("report", LATER, "--baseline", tmp_path / "then.yaml", "-o", out).returncode == 0
    warnings = _progress(out)["warnings"]
    assert any("same day" in warning and "2027-01-14" in warning for warning in warnings)


def test_answers_for_an_older_rubric_as_baseline_get_the_advice_for_a_baseline(tmp_path: Path) -> None:
    now = tmp_path / "lead.yaml"
    now.write_text((UPGRADE / "lead-1.1.0-partial.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("report", now, "-r", UPGRADE / "rubric-1.1.0.yaml", "--baseline", UPGRADE / "lead-1.0.0.yaml")
    assert result.returncode == 2
    assert "assess --resume" not in result.stderr and "template --from" not in result.stderr
    assert f"{UPGRADE / 'lead-1.0.0.yaml'}:17:12: these answers were made for version 1.0.0" in result.stderr
    assert "JSON report written then" in result.stderr


def _undated_lead() -> str:
    """The example lead's answers without their `date` line."""
    lines = (EXAMPLE / "lead.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("date:"))


def test_a_report_of_undated_answers_is_compared_with_a_warning_not_refused(tmp_path: Path) -> None:
    """A JSON report of answers without a `date` carries no date of the answers, only when it was
    generated (today): it is no "later" baseline, but which came first cannot be told (as for the
    same answers given as the baseline)."""
    old = tmp_path / "old.yaml"
    old.write_text(_undated_lead(), encoding="utf-8")
    old_report = tmp_path / "old.json"
    assert run("report", old, "-o", old_report, "-q").returncode == 0
    new = tmp_path / "new.yaml"
    new.write_text(
        LATER.read_text(encoding="utf-8").replace('date: "2027-01-14"', 'date: "2001-02-03"'), encoding="utf-8"
    )
    for baseline in (old_report, old):
        out = tmp_path / f"from-{baseline.suffix[1:]}.json"
        result = run("report", new, "--baseline", baseline, "-o", out)
        assert result.returncode == 0, result.stderr
        warnings = _progress(out)["warnings"]
        undated = [warning for warning in warnings if "not dated" in warning]
        assert len(undated) == 1, warnings
        assert "cannot be told from the dates" in undated[0]
        assert "answers are dated" not in undated[0]
        assert "cannot be told from the dates" in result.stderr


def test_undated_answers_compared_with_a_dated_baseline_are_warned_of(tmp_path: Path) -> None:
    """Answers without a `date` cannot be told later than a dated baseline: a baseline dated later
    (here 2027-01-14, compared with the answers of 2026-10-14 whose date was left out) would be
    refused if they were dated, and is compared the wrong way round without a word otherwise. So
    they are warned of as an undated baseline is (docs/progress.md), in every format that shows the
    baseline's warnings, and on standard error."""
    now = tmp_path / "lead.yaml"
    now.write_text(_undated_lead(), encoding="utf-8")
    expected = (
        "These answers are not dated, the baseline's are (2027-01-14): which came first cannot be told from the "
        "dates; add the date they were given to the answers (date: YYYY-MM-DD)"
    )
    for suffix in ("json", "md", "txt", "html"):
        out = tmp_path / f"report.{suffix}"
        result = run("report", now, "--baseline", LATER, "-o", out)
        assert result.returncode == 0, result.stderr
        assert f"civdata: warning: {expected}" in result.stderr
        written = out.read_text(encoding="utf-8")
        if suffix == "json":
            assert expected in _progress(out)["warnings"]
        else:
            assert "which came first cannot be told" in " ".join(written.split()), suffix
