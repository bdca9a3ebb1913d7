"""An action of findings that read alike keeps its id, and what the team set in its kept plan.

Findings whose recommendations read alike are one action. Its id was the key of whichever of
them came first in the report: once that one was resolved while another was still raised, the
same work had another id, and the next plan lost the tick, the owner and the date the team had
set. The id is now that of the first finding of its words in the rubric's order
(tests/fixtures/merged-actions.yaml: `storage: laptops` and `transfer: usb` read alike, and so
do `storage: paper` and the rule `unencrypted`). A plan kept from a civdata that named such an
action otherwise is matched to this plan's action by its findings, and the report says so.
Expected values were written from the fixture before civdata ran.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command, resealed_text, unwrapped
from tests.report_schema import report_document
from tests.test_plan_carried import keep, read_plan

RUBRIC = ROOT / "tests" / "fixtures" / "merged-actions.yaml"
OWNER = "Sam Reyes (IT)"


def answers(storage: list[str], transfer: list[str], encryption: str, date: str) -> str:
    return (
        "format: 1\nrubric: {id: merged-actions, version: 1.0.0}\ninitiative: Records\n"
        f"respondent: {{name: Ana Diaz, role: lead}}\ndate: '{date}'\nanswers:\n"
        f"  storage: {json.dumps(storage)}\n  transfer: {json.dumps(transfer)}\n  encryption: '{encryption}'\n"
    )


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args), "-r", str(RUBRIC)],
        capture_output=True, text=True, cwd=cwd, check=False, timeout=180,
    )  # fmt: skip


def next_round(folder: Path, kept: Path, ending: str) -> tuple[dict[str, dict[str, str]], dict, str]:
    """The report on now.yaml against then.json and the kept plan: the new plan's rows, the JSON
    report's progress, and the Markdown report."""
    new = folder / f"new.{ending}"
    result = run(
        "report", "now.yaml", "--baseline", "then.json", "--baseline-plan", kept, "-q", "-o", "now.json",
        "--plan", new, cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    markdown = run("report", "now.yaml", "--baseline", "then.json", "--baseline-plan", kept, cwd=folder)
    assert markdown.returncode == 0, markdown.stderr
    progress = report_document((folder / "now.json").read_text(encoding="utf-8"))["progress"]
    return read_plan(new), progress, unwrapped(markdown.stdout)


def first_round(folder: Path, then: str, now: str, ending: str) -> Path:
    (folder / "then.yaml").write_text(then, encoding="utf-8")
    (folder / "now.yaml").write_text(now, encoding="utf-8")
    written = run("report", "then.yaml", "-q", "-o", "then.json", "--plan", f"plan.{ending}", cwd=folder)
    assert written.returncode == 0, written.stderr
    return folder / f"plan.{ending}"


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_a_ticked_action_keeps_its_id_and_owner_when_its_first_finding_is_resolved(tmp_path: Path, ending: str) -> None:
    plan = first_round(
        tmp_path,
        answers(["laptops"], ["usb"], "yes", "2026-10-01"),
        answers(["server"], ["usb"], "yes", "2027-01-10"),  # the laptops are done with, not the sticks
        ending,
    )
    assert list(read_plan(plan)) == ["finding:storage:laptops"]
    assert read_plan(plan)["finding:storage:laptops"]["findings"] in (
        "storage:laptops transfer:usb",
        ["storage:laptops", "transfer:usb"],
    )
    kept = tmp_path / f"kept.{ending}"
    changes = {"finding:storage:laptops": {"owner": OWNER, "act_by": "2027-02-28"}}
    kept.write_text(keep(plan, changes, done=("finding:storage:laptops",)), encoding="utf-8")

    written, progress, markdown = next_round(tmp_path, kept, ending)

    assert list(written) == ["finding:storage:laptops"]
    row = written["finding:storage:laptops"]
    assert (row["owner"], row["act_by"], row["done"]) == (OWNER, "2027-02-28", "false")
    assert progress["plan"] == [
        {
            "id": "finding:storage:laptops",
            "text": "Move the records to the encrypted server this month.",
            "state": "marked-done-still-there",
            "open_findings": ["transfer:usb"],
        }
    ]
    assert progress["carried"] == [{"id": "finding:storage:laptops", "owner": OWNER, "act_by": "2027-02-28"}]
    assert f"- finding:storage:laptops: owner {OWNER}; act by 2027-02-28." in markdown


@pytest.mark.parametrize("ending", ["csv", "yaml"])
def test_a_plan_kept_from_before_is_matched_to_the_action_by_its_findings(tmp_path: Path, ending: str) -> None:
    """Then, the rule came first in the report (more severe), and the civdata of then named the
    action after it; this one names it after `storage: paper`, the rubric's first of its words."""
    plan = first_round(
        tmp_path,
        answers(["paper"], ["portal"], "no", "2026-10-01"),
        answers(["server"], ["portal"], "no", "2027-01-10"),  # the paper is gone, the records not encrypted
        ending,
    )
    assert list(read_plan(plan)) == ["finding:storage:paper"]
    for path in (plan, tmp_path / "then.json"):
        edited = path.read_text(encoding="utf-8").replace("finding:storage:paper", "finding:rule:unencrypted")
        path.write_text(resealed_text(edited) if path.suffix == ".json" else edited, encoding="utf-8")
    then = json.loads((tmp_path / "then.json").read_text(encoding="utf-8"))
    assert [action["id"] for action in then["actions"]] == ["finding:rule:unencrypted"]
    kept = tmp_path / f"kept.{ending}"
    changes = {"finding:rule:unencrypted": {"owner": OWNER, "act_by": "2027-02-28"}}
    kept.write_text(keep(plan, changes, done=("finding:rule:unencrypted",)), encoding="utf-8")

    written, progress, markdown = next_round(tmp_path, kept, ending)

    assert list(written) == ["finding:storage:paper"]
    row = written["finding:storage:paper"]
    assert (row["owner"], row["act_by"], row["done"]) == (OWNER, "2027-02-28", "false")
    assert progress["plan"] == [
        {
            "id": "finding:rule:unencrypted",
            "text": "Keep the records where only the team can open them.",
            "state": "marked-done-still-there",
            "open_findings": ["rule:unencrypted"],
            "now": "finding:storage:paper",
        }
    ]
    assert progress["carried"] == [
        {"id": "finding:storage:paper", "owner": OWNER, "act_by": "2027-02-28", "was": "finding:rule:unencrypted"}
    ]
    assert (
        "- finding:rule:unencrypted: **marked done, but the finding is still there** (rule:unencrypted); "
        "finding:storage:paper in this plan. Keep the records where only the team can open them."
    ) in markdown
    assert (
        f"- finding:storage:paper (finding:rule:unencrypted in the kept plan): owner {OWNER}; act by 2027-02-28."
        in markdown
    )
