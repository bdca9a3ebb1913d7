"""Fixes of the session of 2026-11-29 (sixth): each test was written before its fix and seen to fail."""

from __future__ import annotations

import re
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from civdata.baseline import Baseline, read_baseline
from civdata.inputs import AnswerStream, load_rubric_spec
from civdata.render.common import number
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


def test_the_text_report_gives_each_large_role_its_median_and_middle_half(tmp_path: Path) -> None:
    """The Markdown, HTML and JSON reports give a role of more than a handful of people the spread
    of its scores; the text report gave only each role's mean (the review of issue 10)."""
    from tests.test_ci_review_1129 import run

    _write_people(tmp_path / "many", 42, 3)  # seven in each of the six roles
    _write_people(tmp_path / "few", 12, 3)  # two in each
    many = run("report", "many", "-f", "text", cwd=tmp_path)
    assert many.returncode == 0, many.stderr
    built = build_report(load_rubric_spec(RUBRIC_ID), AnswerStream(sorted((tmp_path / "many").glob("*.yaml")), None))
    lines = many.stdout.splitlines()
    assert any("Median (middle half)" in line for line in lines), many.stdout
    for role in built.model.roles:
        spread = role.distributions["stakeholders-and-power"]
        assert spread is not None
        # median (lower quartile-upper quartile), on the role's line under the area
        shown = f"{number(spread.median)} ({number(spread.lower_quartile)}-{number(spread.upper_quartile)})"
        assert any(line.strip().startswith(f"{role.role.label} (7)") and shown in line for line in lines), shown
    assert "the middle half of the role's scores" in re.sub(r"\s+", " ", many.stdout)
    few = run("report", "few", "-f", "text", cwd=tmp_path)
    assert few.returncode == 0 and "Median (middle half)" not in few.stdout, few.stdout


@pytest.mark.parametrize("rubric_file", sorted((ROOT / "rubrics").glob("*.yaml")), ids=lambda path: path.stem)
def test_every_finding_id_a_rubric_can_raise_is_read_back_as_what_raised_it(rubric_file: Path) -> None:
    """A comparison with an earlier report has its findings' ids only; they were read by splitting
    at ':' and comparing with bare strings in nine places of progress.py (the review of issue 10).
    One function reads them now, and reads every id that the functions writing them give."""
    from civdata.model import option_finding_id, rule_finding_id
    from civdata.results import FindingKind, divergence_finding_id, finding_subject, missing_voice_id
    from civdata.rubric_loader import load_rubric

    rubric = load_rubric(rubric_file)
    for question in rubric.questions:
        assert finding_subject(divergence_finding_id(question.id)) == (FindingKind.DIVERGENCE, question.id)
        for option in question.options:
            found = finding_subject(option_finding_id(question.id, option.value))
            assert found == (FindingKind.ANSWER, question.id)
    for rule in rubric.rules:
        assert finding_subject(rule_finding_id(rule.id)) == (FindingKind.RULE, rule.id)
    for role in rubric.roles:
        assert finding_subject(missing_voice_id(role.id)) == (FindingKind.ROLE, role.id)
    # A question may be named after a kind that no finding's id starts with: its findings are its own.
    assert finding_subject(option_finding_id("answer", "yes")) == (FindingKind.ANSWER, "answer")
