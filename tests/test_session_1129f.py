"""Fixes of the session of 2026-11-29 (sixth): each test was written before its fix and seen to fail."""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from civdata.baseline import Baseline, read_baseline
from civdata.inputs import AnswerStream, load_rubric_spec
from civdata.reporting import build_report
from tests.conftest import ROOT

RUBRIC_ID = "civil-society-data-readiness"


def _write_people(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` synthetic answers files, as the benchmark writes them."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_combine import write_answers

    write_answers(load_rubric_spec(RUBRIC_ID), folder, count, seed)
    return sorted(folder.glob("*.yaml"))


def _peak(call: Callable[[], object]) -> int:
    """The most memory Python held while ``call`` ran, in bytes (allocations traced, not timed)."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def now_and_then(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[Path]]:
    folder = tmp_path_factory.mktemp("consultation")
    return _write_people(folder / "now", 100, 7), _write_people(folder / "then", 100, 8)


def test_comparing_with_a_baseline_of_answers_keeps_what_it_compares_not_every_assessment(now_and_then) -> None:
    """`--baseline` on a large consultation kept every whole assessment of both sides, and every
    baseline file parsed with the place of each value: 193 MiB at 500 respondents where the report
    alone takes 40, and 512 MiB at 5,000 (the review of issue 10). The comparison needs each
    person's answers, so its memory is the report's and a share more, not a multiple of it."""
    now, then = now_and_then
    rubric = load_rubric_spec(RUBRIC_ID)

    def plain() -> object:
        return build_report(rubric, AnswerStream(now, None))

    def compared() -> object:
        snapshot = read_baseline(then, rubric, None, lang=None)
        baseline = Baseline(snapshot, "then", paths=tuple(then))
        built = build_report(rubric, AnswerStream(now, None), baseline=baseline)
        assert built.model.progress is not None and not built.model.detail
        return built

    alone, with_baseline = _peak(plain), _peak(compared)
    assert with_baseline < 1.8 * alone, (with_baseline >> 20, alone >> 20)
