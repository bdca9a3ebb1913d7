"""A report on a consultation of hundreds still reads as a summary, and grows with what there is to say.

Generated respondents of the bundled rubric (every role, random answers) are combined in memory at
50 and at 500; the reports are compared. The Markdown report's list of respondents (its last
section, an appendix) grows by a row per person by design and is left out of the comparison.
"""

from __future__ import annotations

import random

import pytest
from rubric_properties import random_answers

from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.combine import combine
from civdata.render import render
from civdata.render.common import ReportMeta
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess
from tests.report_schema import report_document

META = ReportMeta("test", "2026-11-05")


@pytest.fixture(scope="module")
def reports():
    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    rng = random.Random(17)
    roles = [role.id for role in rubric.roles]
    people = [random_answers(rubric, rng, roles[index % len(roles)]) for index in range(500)]
    scored = [assess(rubric, answers) for answers in people]
    return {count: combine(rubric, scored[:count]) for count in (50, 500)}


def without_appendix(markdown: str) -> str:
    return markdown.split("\n## Respondents\n")[0]


@pytest.mark.slow
def test_markdown_at_500_is_within_twice_its_size_at_50(reports) -> None:
    small, large = (len(without_appendix(render("markdown", reports[n], META))) for n in (50, 500))
    assert large <= 2 * small, (small, large)


@pytest.mark.slow
def test_json_at_500_is_under_2_mb_by_default(reports) -> None:
    text = render("json", reports[500], META)
    assert len(text.encode()) < 2_000_000
    assert "detail" not in report_document(text)


@pytest.mark.slow
def test_the_first_screen_says_the_verdict_the_scores_and_what_to_do_first(reports) -> None:
    for report in reports.values():
        first_screen = "\n".join(render("markdown", report, META).splitlines()[:60])
        for heading in ("## Verdict: ", "## Scores by area", "## What to do first"):
            assert heading in first_screen, heading
        assert "1. **" in first_screen.split("## What to do first")[1], "an action is listed on the first screen"


@pytest.mark.slow
def test_people_are_counted_not_listed_once_many_gave_an_answer(reports) -> None:
    markdown = without_appendix(render("markdown", reports[500], META))
    assert "Respondent 1 " not in markdown
    assert all(tally.people == () or tally.count <= 12 for d in reports[500].divergences for tally in d.tallies)
