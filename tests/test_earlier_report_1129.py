"""A JSON report written by an earlier civdata is told as such, in one line, not as a broken file.

Found by an outside review: a report made by civdata 0.1.0 before its action plan existed (commit
33e648f) has the same ``report_format: 2``, and given to ``--baseline`` it was refused with 28
(one person) or 90 (three) lines of "item '...' is missing 'act_by'". A team keeping its last
report in the repository read that its baseline was broken, when it was only older than the
civdata reading it. The earlier report is made here from today's by taking out what was added
since (the action plan, each finding's date to act by, the count of each role), as 33e648f wrote it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, civdata_in

COUNTY = ROOT / "examples" / "county-justice"


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


def as_written_before_the_action_plan(report: dict[str, Any]) -> dict[str, Any]:
    earlier = {key: value for key, value in report.items() if key != "actions"}
    for finding in (*earlier["findings"], *earlier["covered_findings"]):
        finding.pop("act_by", None)
    for role in earlier.get("roles", ()):
        role.pop("count", None)
    return earlier


@pytest.mark.parametrize(
    ("files", "keys"),
    [([COUNTY / "lead.yaml"], "'act_by' and 'actions'"), ([COUNTY], "'act_by', 'actions' and 'count'")],
    ids=["one person", "three people"],
)
def test_an_earlier_report_is_one_problem_saying_what_to_give_instead(
    tmp_path: Path, files: list[Path], keys: str
) -> None:
    today = json.loads(run("report", *files, "-f", "json", cwd=tmp_path).stdout)
    earlier = tmp_path / "baseline.json"
    earlier.write_text(json.dumps(as_written_before_the_action_plan(today), indent=2), encoding="utf-8")
    version = today["tool"]["version"]
    expected = (
        f"baseline.json:1:1: this report was written by civdata {version} before its JSON reports held {keys}, "
        "which this civdata reads; write it again with this civdata from the answers files of that time (civdata "
        "report FILES -o report.json), which --baseline also takes as they are"
    )
    (tmp_path / "later.json").write_text(json.dumps(today), encoding="utf-8")
    for command in (["report", *files, "--baseline", earlier.name], ["history", earlier.name, "later.json"]):
        done = run(*command, cwd=tmp_path)
        assert done.returncode == 2, done.stdout
        assert done.stderr.splitlines()[0] == expected, command
        assert "missing 'act_by'" not in done.stderr


def test_a_report_missing_anything_else_is_told_each_problem(tmp_path: Path) -> None:
    """A title taken out, besides the action plan, is a report gone wrong, not an older one."""
    today = json.loads(run("report", COUNTY / "lead.yaml", "-f", "json", cwd=tmp_path).stdout)
    broken = as_written_before_the_action_plan(today)
    del broken["findings"][0]["title"]
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    done = run("report", COUNTY / "lead.yaml", "--baseline", path, cwd=tmp_path)
    assert done.returncode == 2
    assert "earlier civdata" not in done.stderr
    assert "is missing 'title'" in done.stderr and "the file is missing 'actions'" in done.stderr


def test_a_version_that_is_no_version_is_not_repeated(tmp_path: Path) -> None:
    today = json.loads(run("report", COUNTY / "lead.yaml", "-f", "json", cwd=tmp_path).stdout)
    earlier = as_written_before_the_action_plan(today)
    earlier["tool"]["version"] = "0.1 ::error::planted\u202e" + "x" * 5000
    (tmp_path / "baseline.json").write_text(json.dumps(earlier), encoding="utf-8")
    done = run("report", COUNTY / "lead.yaml", "--baseline", "baseline.json", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("baseline.json:1:1: this report was written by civdata before its JSON")
    assert "planted" not in done.stderr
