"""A report on one respondent says that its verdict rests on one voice, and whose it does not weigh.

An evaluator's review found a lead organisation's answers alone getting "Ready": nothing in the
report said that the community the rubric expects to hear from (``expected: true``) had not been
asked. A combined report raises a missing-voice finding for each such role; a report on one person
raises none, by design (one person's file is often a first draft), so it now says beside its
verdict which expected roles it has not heard. The expected outcomes were written before running.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, MINI_RUBRIC, civdata_command

LEAD = FIXTURES / "multi" / "lead-amara.yaml"


def _as(tmp_path: Path, role: str) -> Path:
    path = tmp_path / f"{role or 'no-role'}.yaml"
    path.write_text(LEAD.read_text(encoding="utf-8").replace("  role: lead\n", f"  role: {role}\n"), encoding="utf-8")
    return path


def _json(*args: str | Path) -> dict[str, Any]:
    command = [*civdata_command(), "report", "-r", str(MINI_RUBRIC), *map(str, args), "-f", "json"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    ("role", "unheard"),
    [
        ("lead", ["community"]),  # the mini rubric expects the lead and the community
        ("community", ["lead"]),
        ("partner", ["lead", "community"]),  # not an expected role: both expected ones are unheard
    ],
)
def test_a_single_report_names_the_expected_roles_it_has_not_heard(
    tmp_path: Path, role: str, unheard: list[str]
) -> None:
    assert _json(_as(tmp_path, role))["unheard_roles"] == unheard


def test_every_format_says_it_beside_the_verdict(tmp_path: Path) -> None:
    partner = _as(tmp_path, "partner")
    said = (
        "this verdict rests on one respondent's answers (in the role Partner organisation); the rubric also "
        # "views" since 2026-11-28 (the accuracy review): two roles are named, each with a view.
        "expects to hear from Lead organisation and Community representative, whose views it does not weigh."
    )
    for ending in ("md", "html", "txt"):
        output = tmp_path / f"r.{ending}"
        command = [*civdata_command(), "report", "-r", str(MINI_RUBRIC), str(partner), "-o", str(output)]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
        assert result.returncode == 0, result.stderr
        text = output.read_text(encoding="utf-8")
        if ending == "html":
            text = text.replace("<bdi>", "").replace("</bdi>", "")
        if ending == "txt":
            text = " ".join(line.strip("│ ") for line in text.splitlines())
        flat = " ".join(text.split())
        assert f"One voice: {said}" in flat, ending
        # Beside the verdict: before the scores by area and the first actions.
        assert flat.index("One voice") < flat.index("Lifecycle"), ending


def test_a_combined_report_and_a_rubric_expecting_no_one_say_nothing_of_it(tmp_path: Path) -> None:
    combined = _json(LEAD, FIXTURES / "multi" / "community-dara.yaml")
    assert "unheard_roles" not in combined
    rubric = tmp_path / "no-expected.yaml"
    rubric.write_text(MINI_RUBRIC.read_text(encoding="utf-8").replace("    expected: true\n", ""), encoding="utf-8")
    command = [*civdata_command(), "report", "-r", str(rubric), str(LEAD), "-o", str(tmp_path / "r.md")]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "One voice" not in (tmp_path / "r.md").read_text(encoding="utf-8")
    command[-1] = str(tmp_path / "r.json")
    subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["unheard_roles"] == []
