"""What an outside review of a team gating CI on civdata found (2026-11-29), as that team meets it.

* A date typed 2207 for 2027 passed ``check`` and ``report``; the next run refused the report as a
  baseline "dated later" and advised swapping the files.
* Two answers files of the same person in one folder were both counted, said only on standard
  error: the kept report did not say that one person's answers weighed twice.
* "I don't know", the label every report shows, typed for the value ``unsure`` got no hint.
* ``--fail-on-regression scores,high`` (the GitHub Action's form) was told "did you mean
  'scores'?", which drops the other gate.

Each expectation was written before the fix and seen to fail without it. "Today" is pinned with
SOURCE_DATE_EPOCH (2026-11-18), as a reproducible CI run pins it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_in, unwrapped

COUNTY = ROOT / "examples" / "county-justice"
LATER = ROOT / "examples" / "county-justice-three-months-later"
PINNED = {"SOURCE_DATE_EPOCH": "1795000000"}  # 2026-11-18


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args, env=PINNED)


@pytest.fixture(scope="module")
def typo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("typo")
    text = (LATER / "lead.yaml").read_text(encoding="utf-8")
    assert 'date: "2027-01-14"' in text
    (folder / "lead.yaml").write_text(text.replace('date: "2027-01-14"', 'date: "2207-01-14"'), encoding="utf-8")
    return folder


WARNING = (
    "lead.yaml:13:7: warning: the answers are dated 2207-01-14, more than a year after today (2026-11-18); if it is "
    "a typo, correct it: a later assessment compared with this one would be taken for the earlier"
)


def test_check_and_report_warn_of_a_date_more_than_a_year_ahead(typo: Path) -> None:
    checked = run("check", "lead.yaml", cwd=typo)
    assert checked.returncode == 0
    assert WARNING in checked.stderr.splitlines()
    reported = run("report", "lead.yaml", "-o", "typo.json", cwd=typo)
    assert reported.returncode == 0
    assert WARNING in reported.stderr.splitlines()
    # Months ahead (the fictional example, dated 2027-01-14) is no typo to warn of.
    assert "warning" not in run("check", LATER / "lead.yaml", cwd=typo).stderr


def test_the_baseline_dated_by_the_typo_is_refused_with_the_typo_named(typo: Path) -> None:
    assert run("report", "lead.yaml", "-o", "typo.json", cwd=typo).returncode == 0
    done = run("report", LATER / "lead.yaml", "--baseline", "typo.json", "-o", "x.md", cwd=typo)
    assert done.returncode == 2
    assert (
        "the baseline's answers are dated 2207-01-14, later than these answers (2027-01-14) and more than a year "
        "after today (2026-11-18): if that date is a typo, correct it in the baseline (and write the report again "
        "from its answers); if not, a baseline is an earlier assessment: swap them"
    ) in done.stderr


def test_the_same_person_twice_is_said_in_every_report_kept(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    shutil.copy(COUNTY / "lead.yaml", team / "lead-2026-10.yaml")
    shutil.copy(LATER / "lead.yaml", team / "lead.yaml")
    for name in ("community.yaml", "funder.yaml"):
        shutil.copy(COUNTY / name, team / name)
    said = (
        "Same person in several files: Dana Okafor and Dana Okafor (2) (in team/lead.yaml and team/lead-2026-10.yaml) "
        "are one respondent by role, name and organisation. All are counted, so if one is an earlier assessment, "
        "that person's answers weigh more than once: move it out of what is reported on (and compare with it: "
        "--baseline)."
    )
    markdown = run("report", "team", "-f", "markdown", cwd=tmp_path)
    assert markdown.returncode == 0, markdown.stderr
    assert f"- {said}\n" in unwrapped(markdown.stdout)
    text = run("report", "team", "-f", "text", cwd=tmp_path).stdout
    assert said in " ".join(text.replace("│", " ").split())
    document = json.loads(run("report", "team", "-f", "json", cwd=tmp_path).stdout)
    assert document["same_person"] == [["Dana Okafor", "Dana Okafor (2)"]]
    # Two community members of the same name, without an organisation, are two people.
    assert "same_person" not in json.loads(run("report", COUNTY, "-f", "json", cwd=tmp_path).stdout)


def test_the_label_i_dont_know_typed_for_its_value_is_told_the_value(tmp_path: Path) -> None:
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    assert "  retention: written-schedule\n" in text
    (tmp_path / "a.yaml").write_text(
        text.replace("  retention: written-schedule\n", '  retention: "I don\'t know"\n'), encoding="utf-8"
    )
    done = run("check", "a.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        "a.yaml:190:14: 'I don't know' is not an answer to 'retention'; choose 'indefinite', 'written-schedule', "
        "'enforced-schedule' or 'unsure'; did you mean 'unsure', the value of 'I don't know'?"
    ) in done.stderr.splitlines()


def test_several_regression_gates_in_one_value_are_told_to_be_given_one_by_one(tmp_path: Path) -> None:
    done = run("report", COUNTY / "lead.yaml", "--baseline", COUNTY / "lead.yaml", "--fail-on-regression",
               "scores,high", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].endswith(
        "; give the option once for each gate: --fail-on-regression scores --fail-on-regression high"
    )
    assert "did you mean" not in done.stderr


def test_a_blank_file_of_the_same_person_is_no_second_count(tmp_path: Path) -> None:
    """From the review of this session's changes: a blank file beside the person's own was warned
    of as counted twice, while the report (rightly) listed it apart and counted nothing of it."""
    team = tmp_path / "team"
    shutil.copytree(COUNTY, team, ignore=shutil.ignore_patterns("*.json", "*.md", "*.svg", "*.html", "*.csv"))
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    (team / "lead-blank.yaml").write_text(text[: text.index("\nanswers:")] + "\nanswers: {}\n", encoding="utf-8")
    done = run("report", "team", "-f", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "weigh" not in done.stderr
    report = json.loads(done.stdout)
    assert "same_person" not in report and len(report["silent_respondents"]) == 1


def test_a_group_of_blank_files_gives_no_weights_of_roles_nobody_answered(tmp_path: Path) -> None:
    head = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    head = head[: head.index("\nanswers:")] + "\nanswers: {}\n"
    (tmp_path / "a.yaml").write_text(head, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(head.replace("role: lead", "role: community"), encoding="utf-8")
    markdown = unwrapped(run("report", "a.yaml", "b.yaml", "-f", "markdown", cwd=tmp_path).stdout)
    assert "Missing voices: nobody answered as Lead organisation" in markdown
    assert "role weights:" not in markdown
