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


def test_every_verified_rubric_is_a_bundled_one_and_nothing_else_is_kept() -> None:
    """Each verified hash is a bundled rubric's, with its parsed content; no other content lingers."""
    from civdata.catalog import VERIFIED_CONTENT, bundled_dir
    from civdata.verified_rubrics import VERIFIED

    expected = expected_files()
    assert set(VERIFIED.values()) == {path.stem for path in bundled_dir().glob("*.yaml")}
    assert set(VERIFIED_CONTENT.iterdir()) == {path for path in expected if path.parent == VERIFIED_CONTENT}


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
