"""A report on one respondent who answered no question hears nobody, not their role.

Found by two outside reviews of the reports' accuracy: an answers file with nothing under
``answers:`` made the report say "this verdict rests on one respondent's answers (in the role Lead
organisation)" and leave the lead out of the roles not heard from, while the combined report on
the same file (with others) counted no voice of the lead in it. Every format now says "No voice",
names the respondent's own role among those the rubric expects to hear from, and the JSON's
``unheard_roles`` (what a later comparison reads) has it too.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_in, unwrapped

LEAD = ROOT / "examples" / "county-justice" / "lead.yaml"
NO_VOICE = (
    "No voice: the respondent (in the role Lead organisation) answered no question, so this verdict rests on "
    "nobody's answers; the rubric expects to hear from Lead organisation and Community / data-subject "
    "representative. Answer the questions (civdata assess --resume FILE continues the file) and report again."
)


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county lead's answers file with everything under ``answers:`` taken out."""
    text = LEAD.read_text(encoding="utf-8")
    head = text[: text.index("\nanswers:")]
    path = tmp_path_factory.mktemp("blank") / "lead.yaml"
    path.write_text(head + "\nanswers: {}\n", encoding="utf-8")
    return path


def test_markdown_says_no_voice_and_names_the_respondents_own_role(blank: Path) -> None:
    done = run("report", blank, "-f", "markdown", cwd=blank.parent)
    assert done.returncode == 0, done.stderr
    text = unwrapped(done.stdout)
    assert f"- {NO_VOICE}" in text
    assert "rests on one respondent's answers" not in text


def test_the_terminal_and_the_ci_summary_say_it_in_the_same_words(blank: Path) -> None:
    terminal = run("report", blank, "-f", "text", cwd=blank.parent)
    assert terminal.returncode == 0, terminal.stderr
    assert NO_VOICE in " ".join(terminal.stdout.replace("│", " ").split())  # the box's sides aside
    summary = run("report", blank, "-f", "summary", cwd=blank.parent)
    assert NO_VOICE in " ".join(summary.stdout.split())


def test_json_lists_the_own_role_as_unheard_as_a_combined_report_counts_it_missing(blank: Path) -> None:
    single = json.loads(run("report", blank, "-f", "json", cwd=blank.parent).stdout)
    assert single["unheard_roles"] == ["lead", "community"]
    county = ROOT / "examples" / "county-justice"
    combined = json.loads(
        run("report", blank, county / "community.yaml", county / "funder.yaml", "-f", "json", cwd=blank.parent).stdout
    )
    assert "lead" in [role["id"] for role in combined["missing_roles"]]


def test_one_who_answered_still_rests_the_verdict_on_one_voice() -> None:
    done = run("report", LEAD, "-f", "markdown", cwd=ROOT)
    text = unwrapped(done.stdout)
    assert "One voice: this verdict rests on one respondent's answers (in the role Lead organisation)" in text
    assert "No voice" not in text
