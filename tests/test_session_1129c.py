"""Defects found in the third session of 2026-11-29, by outside reviews and from the last
session's list, each as a user meets it. Every expectation was written before its fix (or its
corrected documentation) and seen to fail without it.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_ci_review_1129 import run
from tests.test_lines_review_1127 import HEADER, write


def test_line_breaks_only_yaml_counts_inside_quotes_are_read_as_the_docs_say(tmp_path: Path) -> None:
    """docs/answers-format.md: inside quotes U+2028 and U+2029 stay in the text, and a NEXT LINE or
    a lone carriage return becomes a space (YAML folds a line break inside quotes). The docs said
    all four were kept as text."""
    write(
        tmp_path / "a.yaml",
        f'{HEADER}answers:\n  people-at-risk:\n    value: "yes"\n    note: "a\u2028b\x85c\rd\u2029e"\n'
        "  stakeholder-map: {value: not-done, note: 'x\x85y\u2028z'}\n",
    )
    done = run("report", "a.yaml", "-o", "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    notes = {
        note["question"]: note["text"]
        for finding in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]
        for note in finding.get("notes", [])
    }
    assert notes == {"people-at-risk": "a\u2028b c d\u2029e", "stakeholder-map": "x y\u2028z"}, notes
