"""Committed files derived from the rubric, schemas and examples are current."""

from __future__ import annotations

from tools.regenerate import ROOT, expected_files


def test_generated_files_are_current() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, text in expected_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert not stale, f"out of date (run `python tools/regenerate.py`): {', '.join(stale)}"


def test_every_bundled_rubric_has_its_document() -> None:
    documents = {path.name for path in expected_files() if path.parent.name == "rubrics"}
    assert documents == {f"{path.stem}.md" for path in (ROOT / "rubrics").glob("*.yaml")}


def test_example_verdicts_differ() -> None:
    import json

    verdicts = {
        name: json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))["verdict"]["id"]
        for name in ("county-justice/lead-report.json", "refugee-services/report.json", "newsroom-leak/report.json")
    }
    assert len(set(verdicts.values())) == 3, verdicts
