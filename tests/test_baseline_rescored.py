"""A baseline JSON report made with the very rubric file of the report is scored again from its
answers: what a pull request writes into its figures by hand does not pass a regression gate.

Found by the review of re-assessments (2026-11-29): a baseline was trusted as written, and twelve
changed lines (the new critical finding added to the baseline's list, its verdict and score
lowered) made ``--fail-on-regression high`` pass on answers that had got worse. Every expectation
here was written before the change and seen to fail without it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from civdata.baseline import read_report_snapshot
from civdata.baseline_check import rescored
from civdata.inputs import load_rubric_spec
from tests.conftest import ROOT, resealed
from tests.test_ci_review_1129 import COUNTY, run

sys.path.insert(0, str(ROOT / "bench"))
from bench_combine import write_answers

#: The words of the refusal when a report's figures are not what its answers give.
NOT_WHAT = "its figures are not what its own answers give"


def _then_and_now(tmp_path: Path) -> tuple[Path, Path]:
    """The county lead's answers in October, and in January with no threat model any more (a new
    critical finding), each written as a file."""
    then = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    now = then.replace('date: "2026-10-14"', 'date: "2027-01-14"')
    now, count = re.subn(r"(\n  threat-model:\n    value: )\S+", r"\g<1>not-considered", now)
    assert count == 1
    (tmp_path / "then.yaml").write_text(then, encoding="utf-8")
    (tmp_path / "now.yaml").write_text(now, encoding="utf-8")
    return tmp_path / "then.yaml", tmp_path / "now.yaml"


def _doctored_baseline(tmp_path: Path) -> Path:
    """The October report, edited by hand to say what January's says: its findings, verdict and
    scores, its answers left as they were; and sealed again, as someone who knows the seal's rule
    can (civdata.report_seal): what scoring its answers again must still catch."""
    then, now = _then_and_now(tmp_path)
    assert run("report", then, "-o", "base.json", cwd=tmp_path).returncode == 0
    assert run("report", now, "-o", "now.json", cwd=tmp_path).returncode == 0
    base = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    later = json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))
    listed = {finding["id"] for finding in base["findings"]}
    assert any(f["severity"] == "critical" and f["id"] not in listed for f in later["findings"])
    base["findings"], base["covered_findings"] = later["findings"], later["covered_findings"]
    base["verdict"] = later["verdict"]
    base["overall"] = later["overall"]
    doctored = tmp_path / "doctored.json"
    doctored.write_text(json.dumps(resealed(base)), encoding="utf-8")
    return doctored


def test_a_finding_written_into_the_baseline_by_hand_is_refused(tmp_path: Path) -> None:
    doctored = _doctored_baseline(tmp_path)
    done = run(
        "report", "now.yaml", "--baseline", doctored.name, "--fail-on-regression", "high", "-o", "r.md", cwd=tmp_path
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(
        "doctored.json: its figures are not what its own answers give, scored again with the rubric file it was made "
        "with: verdict 'Not ready', its answers 'Ready with conditions'; overall "
    ), done.stderr
    assert "; it was edited after civdata wrote it, and is not compared; give the report civdata wrote then" in (
        done.stderr
    )
    assert not (tmp_path / "r.md").exists()


def test_the_review_s_twelve_line_edit_is_refused(tmp_path: Path) -> None:
    """The outside review's edit, as it made it: the answer to ``retention`` and its finding made
    what they are now, an area's score and the overall lowered. The gates passed (exit 0)."""
    assert run("report", COUNTY / "lead.yaml", "-o", "then.json", "-q", cwd=tmp_path).returncode == 0
    data = json.loads((tmp_path / "then.json").read_text(encoding="utf-8"))
    for area in data["areas"]:
        if area["id"] == "protecting-people":
            area["percent"] = 40.0
        for question in area["questions"]:
            if question["id"] == "retention":
                question.update(value="indefinite", findings=["retention:indefinite"])
    data["overall"]["percent"] = 53.0
    for finding in data["findings"]:
        if finding["id"] == "retention:written-schedule":
            finding.update(id="retention:indefinite", severity="high")
    (tmp_path / "edited.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    later = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
    gated = ("--fail-on-regression", "high", "--fail-on-regression", "scores", "-q")
    done = run("report", later, "--baseline", "edited.json", *gated, cwd=tmp_path)
    # As the review made it, the edit breaks the report's seal (since 2026-11-29) ...
    assert done.returncode == 2, done.stderr
    assert "edited.json:" in done.stderr and "(content_sha256, its seal, no longer matches it)" in done.stderr
    # ... and sealed again, its figures are still not what its answers give.
    (tmp_path / "edited.json").write_text(json.dumps(resealed(data), indent=1), encoding="utf-8")
    done = run("report", later, "--baseline", "edited.json", *gated, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "edited.json: its figures are not what its own answers give" in done.stderr
    assert "area 'protecting-people' 40, its answers " in done.stderr and "overall 53, its answers " in done.stderr


def test_a_report_of_another_civdata_is_compared_as_this_civdata_scores_its_answers(tmp_path: Path) -> None:
    """Another civdata may have scored the same answers otherwise: what this one makes of them is
    compared (only changed answers then show), and a warning says what differed. Its figures as
    written would have passed the gate; its answers do not."""
    doctored = _doctored_baseline(tmp_path)
    data = json.loads(doctored.read_text(encoding="utf-8"))
    data["tool"]["version"] = "0.0.9"
    doctored.write_text(json.dumps(resealed(data)), encoding="utf-8")
    done = run(
        "report", "now.yaml", "--baseline", doctored.name, "--fail-on-regression", "scores", "-o", "r.md", cwd=tmp_path
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert (
        "civdata: warning: doctored.json was written by civdata 0.0.9, which scored its answers otherwise than this "
        "civdata "
    ) in done.stderr
    assert "What this civdata makes of them is compared, so that only changed answers show" in done.stderr
    assert "verdict 'Not ready', its answers 'Ready with conditions'; overall " in done.stderr
    assert "and the verdict is worse than the baseline's: Ready with conditions to Not ready" in done.stderr


def test_a_baseline_as_civdata_wrote_it_is_compared_without_a_word(tmp_path: Path) -> None:
    then, now = _then_and_now(tmp_path)
    assert run("report", then, "-o", "base.json", cwd=tmp_path).returncode == 0
    done = run("report", now, "--baseline", "base.json", "--fail-on-regression", "high", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert NOT_WHAT not in done.stderr
    same = run("report", then, "--baseline", "base.json", "--fail-on-regression", "high", "-o", "s.md", cwd=tmp_path)
    assert same.returncode == 0, same.stderr
    assert NOT_WHAT not in same.stderr


def test_an_answer_the_rubric_does_not_have_is_a_problem_and_nothing_is_written(tmp_path: Path) -> None:
    then, now = _then_and_now(tmp_path)
    assert run("report", then, "-o", "base.json", cwd=tmp_path).returncode == 0
    base = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    question = next(q for area in base["areas"] for q in area["questions"] if q["id"] == "threat-model")
    question["value"] = "all-sorted"
    (tmp_path / "base.json").write_text(json.dumps(resealed(base)), encoding="utf-8")
    done = run("report", now, "--baseline", "base.json", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(
        "base.json: Dana Okafor's answers are not answers to the rubric file the report says it was made with "
        "('all-sorted' is not an answer to 'threat-model'; choose "
    ), done.stderr
    assert "): it was edited after civdata wrote it; give the report civdata wrote then, or write one from the " in (
        done.stderr
    )
    assert not (tmp_path / "r.md").exists()


def test_a_baseline_made_with_another_rubric_file_keeps_its_figures_and_says_so(tmp_path: Path) -> None:
    """Scored again with another rubric file, a baseline's answers would say what that file makes
    of them, not what the team was told then: its figures are compared as written, and the
    comparison says the two files differ (as it did before)."""
    doctored = _doctored_baseline(tmp_path)
    base = json.loads(doctored.read_text(encoding="utf-8"))
    base["rubric"]["sha256"] = "0" * 64
    doctored.write_text(json.dumps(resealed(base)), encoding="utf-8")
    done = run("report", "now.yaml", "--baseline", doctored.name, "--fail-on-regression", "high", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the answer compared with the same person's then
    assert NOT_WHAT not in done.stderr
    assert "is not the rubric file the baseline was made with, though both are version" in done.stderr


def test_a_history_refuses_a_report_edited_by_hand_and_draws_what_another_civdata_s_answers_give(
    tmp_path: Path,
) -> None:
    doctored = _doctored_baseline(tmp_path)
    done = run("history", doctored.name, "now.json", "-o", "h.json", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("doctored.json: " + NOT_WHAT), done.stderr
    data = json.loads(doctored.read_text(encoding="utf-8"))
    data["tool"]["version"] = "0.0.9"
    doctored.write_text(json.dumps(resealed(data)), encoding="utf-8")
    done = run("history", doctored.name, "now.json", "-o", "h.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    history = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    base = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert any("doctored.json was written by civdata 0.0.9" in warning for warning in history["warnings"])
    overall = [point["scores"]["overall"]["percent"] for point in history["points"]]
    assert overall[0] == base["overall"]["percent"] != data["overall"]["percent"]


@pytest.mark.parametrize("anonymize", [False, True])
def test_every_report_civdata_writes_is_what_its_answers_give(tmp_path: Path, anonymize: bool) -> None:
    """The property the check rests on: scored again, the answers of a report civdata wrote give
    exactly its figures, for people on their own and together (--detail), named or not, with
    answers at random (blanks and "I don't know" among them). A change to how a report writes its
    answers that the check does not follow makes every baseline warn; this fails first."""
    rubric = load_rubric_spec("civil-society-data-readiness")
    write_answers(rubric, tmp_path / "people", 9, 11)
    people = sorted((tmp_path / "people").glob("*.yaml"))
    # Someone who gave no role, and someone who answered nothing (counted in nothing, but there).
    text = people[-1].read_text(encoding="utf-8")
    people[-1].write_text(re.sub(r"(?m)^  role: .*$", '  role: ""', text, count=1), encoding="utf-8")
    blank = re.sub(r"(?ms)^answers:.*", "answers:\n", people[0].read_text(encoding="utf-8"))
    blank = re.sub(r"(?m)^  name: .*$", "  name: Someone who answered nothing", blank, count=1)
    (tmp_path / "people" / "zz-blank.yaml").write_text(blank, encoding="utf-8")
    extra = ["--anonymize"] if anonymize else []
    reports = []
    for index, person in enumerate(people[:4]):
        assert run("report", person, "-o", f"one-{index}.json", "-q", *extra, cwd=tmp_path).returncode == 0
        reports.append(tmp_path / f"one-{index}.json")
    assert run("report", "people", "--detail", "-o", "all.json", "-q", *extra, cwd=tmp_path).returncode == 0
    reports.append(tmp_path / "all.json")
    # One who answered and one of an expected role who answered nothing: a combined report, whose
    # missing voice only the blank file makes.
    (tmp_path / "pair").mkdir()
    (tmp_path / "pair" / "one.yaml").write_text(people[1].read_text(encoding="utf-8"), encoding="utf-8")
    pair_blank = re.sub(r"(?m)^  role: .*$", "  role: community", blank, count=1)
    (tmp_path / "pair" / "blank.yaml").write_text(pair_blank, encoding="utf-8")
    assert run("report", "pair", "--detail", "-o", "pair.json", "-q", *extra, cwd=tmp_path).returncode == 0
    assert json.loads((tmp_path / "pair.json").read_text(encoding="utf-8"))["missing_roles"]
    reports.append(tmp_path / "pair.json")
    for path in reports:
        written = read_report_snapshot(path)
        assert written.answers is not None and written.rubric_sha256 == rubric.sha256
        assert rescored(written, rubric, path.name) is written, path.name
