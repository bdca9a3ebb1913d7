"""``--detail`` adds every respondent's answers to a JSON report only. A Markdown, HTML or text
report made with it was the same as without it, and said nothing (an outside review of reports at
scale): someone keeping the report "with every answer, for the record" kept no answer. It is
refused before any file is read, saying how to get what was asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_ci_outputs import EXAMPLE, run

REFUSED = (
    "civdata: --detail adds every respondent's answers, one by one, to a JSON report only, not to the {} format: "
    "add -f json (or -o a .json file), or leave --detail out"
)


@pytest.mark.parametrize(("how", "named"), [(("-f", "markdown"), "markdown"), (("-f", "html"), "html")])
def test_detail_in_a_format_that_cannot_hold_it_is_refused(how: tuple[str, ...], named: str) -> None:
    result = run("report", EXAMPLE, "--detail", *how, expect=2)
    assert result.stderr.splitlines() == [REFUSED.format(named)]
    assert result.stdout == ""


def test_detail_refused_for_an_output_file_named_as_markdown_writes_nothing(tmp_path: Path) -> None:
    result = run("report", EXAMPLE, "--detail", "-o", tmp_path / "combined.md", expect=2)
    assert result.stderr.splitlines() == [REFUSED.format("markdown")]
    assert list(tmp_path.iterdir()) == []


def test_detail_in_json_gives_every_respondent(tmp_path: Path) -> None:
    run("report", EXAMPLE, "--detail", "-o", tmp_path / "combined.json")
    document = json.loads((tmp_path / "combined.json").read_text(encoding="utf-8"))
    assert [item["label"] for item in document["detail"]] == [row["label"] for row in document["respondents"]]
