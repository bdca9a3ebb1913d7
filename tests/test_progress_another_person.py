"""A baseline on another person is said to be one, in every report that compares and in a history.

Found by a review on 2026-11-27: a report on the funder's answers given the lead's file as its
baseline (a likely slip in a repository holding both) was compared as one person's progress,
with no warning: "19 findings resolved, 2 new", and ``--fail-on-regression high`` failed on what
are only two people's different views. A report on one person each is still compared (a new
lead may take over the file), but when the two are told apart by name or organisation, or
answer for different roles, every format and the history say it is not the same person.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import ROOT, civdata_command

COUNTY = ROOT / "examples" / "county-justice"
LATER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
WARNING = "Dana Okafor (Lead organisation) then and Priya Raman (Funder) now are not the same person"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False)


def later_copy(tmp_path: Path, name: str, **replace: str) -> Path:
    text = (COUNTY / f"{name}.yaml").read_text(encoding="utf-8").replace("date: 2026-10-14", "date: 2027-02-01")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}-later.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def warnings(now: Path, then: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "r.json"
    result = run("report", now, "--baseline", then, "-o", out, "-q")
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))["progress"]["warnings"]


def test_the_funders_answers_against_the_leads_are_not_the_same_person(tmp_path: Path) -> None:
    funder = later_copy(tmp_path, "funder")
    assert any(WARNING in warning for warning in warnings(funder, COUNTY / "lead.yaml", tmp_path))
    text = run("report", funder, "--baseline", COUNTY / "lead.yaml", "-f", "text", "-o", "-")
    assert WARNING in " ".join((text.stdout + text.stderr).split())
    markdown = run("report", funder, "--baseline", COUNTY / "lead.yaml", "-f", "markdown", "-o", "-").stdout
    # Read as one line: the sentence is said in full under "Since the last assessment" only (the
    # review "formats"), where the report's lines wrap it.
    markdown = " ".join(markdown.split())
    assert "Not the same group" in markdown and "not the same person" in markdown


def test_the_history_says_it_too(tmp_path: Path) -> None:
    funder = later_copy(tmp_path, "funder")
    for answers, out in ((COUNTY / "lead.yaml", "lead.json"), (funder, "funder.json")):
        assert run("report", answers, "-o", tmp_path / out, "-q").returncode == 0
    history = run("history", tmp_path / "lead.json", tmp_path / "funder.json")
    assert history.returncode == 0, history.stderr
    assert WARNING in " ".join((history.stdout + history.stderr).split())


def test_the_same_person_three_months_later_has_no_such_warning(tmp_path: Path) -> None:
    assert not any("not the same person" in warning for warning in warnings(LATER, COUNTY / "lead.yaml", tmp_path))


def test_one_person_by_organisation_or_without_a_name_in_the_same_role_is_not_warned_of(tmp_path: Path) -> None:
    """A new person at the same organisation is told apart by name; the same role without any
    name cannot be told apart, and is compared as before."""
    renamed = later_copy(tmp_path, "lead", **{"name: Dana Okafor": "name: Sam Lee"})
    said = warnings(renamed, COUNTY / "lead.yaml", tmp_path)
    assert any("Dana Okafor (Lead organisation) then and Sam Lee (Lead organisation) now" in item for item in said)
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    nameless_then = tmp_path / "then.yaml"
    nameless_then.write_text(_without_identity(text), encoding="utf-8")
    nameless_now = tmp_path / "now.yaml"
    nameless_now.write_text(_without_identity(LATER.read_text(encoding="utf-8")), encoding="utf-8")
    assert not any("not the same" in item for item in warnings(nameless_now, nameless_then, tmp_path))


def _without_identity(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.strip().startswith(("name:", "organisation:"))]
    return "\n".join(lines) + "\n"
