"""A report on a consultation of hundreds still reads as a summary, and grows with what there is to say.

Generated respondents of the bundled rubric (every role, random answers) are combined in memory at
50 and at 500; the reports are compared. The Markdown report's list of respondents (its last
section, an appendix) grows by a row per person by design and is left out of the comparison.
Each group is made four times: without notes, with the same short note on eight answers of each
person (a meeting everybody mentions), with a different note on each of those answers, and with a
page of one's own on three answers in ten.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace

import pytest
from rubric_properties import random_answers

from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.combine import combine
from civdata.model import AnswerSet, QuestionType, Respondent, Rubric
from civdata.note_text import note_length
from civdata.render import render
from civdata.render.common import NOTE_EXCERPT, ReportMeta
from civdata.results import Assessment, Report
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess
from tests.conftest import ROOT
from tests.report_schema import report_document, strings_in

META = ReportMeta("test", "2026-11-05")
SAME_NOTE = "We talked about this at the Tuesday meeting; see minutes."


def with_notes(answers: AnswerSet, rng: random.Random, note: str) -> AnswerSet:
    """The same answers with ``note`` on eight of them."""
    chosen = rng.sample(sorted(answers.answers), 8)
    noted = {qid: replace(answer, note=note) if qid in chosen else answer for qid, answer in answers.answers.items()}
    return replace(answers, answers=noted)


def people(rubric: Rubric, notes: str | None) -> list[AnswerSet]:
    rng = random.Random(17)
    roles = [role.id for role in rubric.roles]
    found = []
    for index in range(500):
        answers = random_answers(rubric, rng, roles[index % len(roles)])
        answers = replace(answers, respondent=Respondent(answers.respondent.role, f"Person {index + 1:04d}"))
        if notes == "same":
            answers = with_notes(answers, rng, SAME_NOTE)
        elif notes == "long":
            # An outside review's consultation: a page of one's own (about 1,800 characters) on
            # three answers in ten, which made the default JSON 4 MB.
            page = " ".join(["Person", f"{index + 1:04d}", "wrote at length about {}:"] + ["why it matters"] * 120)
            noted = {
                qid: replace(answer, note=page.format(qid)) if rng.random() < 0.3 else answer
                for qid, answer in answers.answers.items()
            }
            answers = replace(answers, answers=noted)
        elif notes == "different":
            answers = with_notes(answers, rng, f"Person {index + 1:04d} wrote this note, in their own words, {{}}.")
            answers = replace(
                answers,
                answers={
                    qid: replace(answer, note=answer.note.format(qid)) if answer.note else answer
                    for qid, answer in answers.answers.items()
                },
            )
        found.append(answers)
    return found


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(find_rubric(DEFAULT_RUBRIC_ID))


_SCORED: dict[str | None, list[Assessment]] = {}


def scored_people(rubric: Rubric, notes: str | None) -> list[Assessment]:
    """The 500 people's assessments, made once per kind of notes in a test process."""
    if notes not in _SCORED:
        _SCORED[notes] = [assess(rubric, answers) for answers in people(rubric, notes)]
    return _SCORED[notes]


def groups(rubric: Rubric, notes: str | None) -> dict[int, Report]:
    scored = scored_people(rubric, notes)
    return {count: combine(rubric, scored[:count]) for count in (50, 500)}


@pytest.fixture(scope="module")
def reports(rubric):
    return groups(rubric, None)


@pytest.fixture(scope="module", params=["same", "different", "long"])
def noted_reports(rubric, request):
    return groups(rubric, request.param)


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
def test_the_size_promises_hold_when_people_write_notes(noted_reports) -> None:
    """docs/multi-respondent.md, "Large groups": within twice the size at 50, and JSON under 2 MB,
    whether everybody writes the same note, each their own, or a page of their own on many answers."""
    small, large = (len(without_appendix(render("markdown", noted_reports[n], META)).encode()) for n in (50, 500))
    assert large <= 2 * small, (small, large)
    text = render("json", noted_reports[500], META)
    assert len(text.encode()) < 2_000_000, len(text.encode())
    report_document(text)


@pytest.mark.slow
def test_identical_notes_are_counted_once_with_how_many_wrote_them(rubric) -> None:
    report = groups(rubric, "same")[500]
    document = json.loads(render("json", report, META))
    for finding in document["findings"]:
        keys = [(note["question"], note["text"]) for note in finding["notes"]]
        assert len(keys) == len(set(keys)), finding["id"]
        for note in finding["notes"]:
            assert note["respondent"] is None and note["count"] == sum(note["by_role"].values())
    for finding in document["findings"]:
        merged = next(f for f in report.findings if f.id == finding["id"])
        for note in finding["notes"]:
            wrote = [n for n in merged.notes if (n.question_id, n.text) == (note["question"], note["text"])]
            assert note["count"] == len(wrote), finding["id"]
    markdown = without_appendix(render("markdown", report, META))
    # Under the findings, and once more in "What people wrote" where a note is on a question that
    # raised nothing (that section came in the fifth session of 2026-11-29).
    written = sum(entry["text"] == SAME_NOTE for entry in document.get("written", ()))
    assert markdown.count(SAME_NOTE) <= sum(len(finding["notes"]) for finding in document["findings"]) + written


@pytest.mark.slow
def test_a_finding_shows_a_few_notes_and_says_how_many_more(rubric) -> None:
    report = groups(rubric, "different")[500]
    document = json.loads(render("json", report, META))
    crowded = [finding for finding in document["findings"] if finding.get("notes_left_out")]
    assert crowded, "with a note of their own from hundreds of people, some finding has more notes than it shows"
    markdown = without_appendix(render("markdown", report, META))
    assert re.search(r"\d+ more notes? on the questions behind it", " ".join(markdown.split()))
    for finding in crowded:
        assert 0 < len(finding["notes"]) <= 5
        merged = next(f for f in report.findings if f.id == finding["id"])
        written = len({(note.question_id, note.text) for note in merged.notes})
        assert len(finding["notes"]) + finding["notes_left_out"] == written


@pytest.mark.slow
def test_the_first_screen_says_the_verdict_the_scores_and_what_to_do_first(reports) -> None:
    for report in reports.values():
        assert_first_screen(render("markdown", report, META), report)


def assert_first_screen(markdown: str, report: Report) -> None:
    """The verdict, every area's score row and the first action are in the first 60 lines."""
    first_screen = "\n".join(markdown.splitlines()[:60])
    for heading in ("## Verdict: ", "## Scores by area", "## What to do first"):
        assert heading in first_screen, heading
    scores = first_screen.split("## Scores by area")[1]
    for item in report.areas:
        assert re.search(rf"^\| {re.escape(item.area.title)}[ (|]", scores, re.MULTILINE), item.area.title
    assert "| **Overall** |" in scores
    assert "1. **" in first_screen.split("## What to do first")[1], "an action is listed on the first screen"


def test_the_terminal_report_on_a_large_group_says_what_to_do_first_before_naming_anyone(reports) -> None:
    """An outside reviewer: the terminal summary of 500 people opened with twelve of them, in file
    order, and its first action came at line 140. The verdict, the scores and what to do first come
    first, as in the Markdown report; the list of people comes last."""
    from civdata.render.common import first_actions

    for report in reports.values():
        lines = render("text", report, META).splitlines()
        first_screen = "\n".join(lines[:60])
        assert "What to do first" in first_screen
        action = first_actions(report)[0]
        assert action.text.split()[0] in first_screen.split("What to do first")[1], action.text
        text = "\n".join(lines)
        # The findings section's "Findings:" starts a line; the box's own count (since 2026-11-28) does not.
    assert text.index("What to do first") < text.index("\nFindings:") < text.index("Person 0001"), text[:3000]


def test_the_first_screen_of_every_example_and_small_group_shows_the_area_scores(rubric) -> None:
    from civdata.inputs import load_answer_sets

    examples = [
        ["examples/county-justice/lead.yaml"],
        [
            "examples/county-justice/lead.yaml",
            "examples/county-justice/community.yaml",
            "examples/county-justice/funder.yaml",
        ],
        ["examples/refugee-services/answers.yaml"],
        ["examples/newsroom-leak/answers.yaml"],
    ]
    generated = people(rubric, None)
    sets = [load_answer_sets([ROOT / path for path in paths], None)[1] for paths in examples]
    sets += [generated[:1], generated[:12], generated[:13]]
    reports = [combine(rubric, [assess(rubric, answers) for answers in answer_sets]) for answer_sets in sets]
    reports.append(_report_since_a_baseline())
    for report in reports:
        assert_first_screen(render("markdown", report, META), report)


def _report_since_a_baseline() -> Report:
    """examples/county-justice-three-months-later/progress-report.md, as tools/regenerate.py makes
    it: its 'Since the last assessment' once came first and pushed the scores to line 79."""
    from civdata.baseline import Baseline, read_baseline, read_plan
    from civdata.inputs import load_answer_sets
    from civdata.reporting import build_report

    later = ROOT / "examples" / "county-justice-three-months-later"
    before = [ROOT / "examples" / "county-justice" / "lead.yaml"]
    rubric, answer_sets = load_answer_sets([later / "lead.yaml"], None)
    snapshot = read_baseline(before, rubric, None, lang=None)
    baseline = Baseline(snapshot, "examples/county-justice/lead.yaml", read_plan(later / "lead-plan-ticked.csv"))
    return build_report(rubric, answer_sets, baseline=baseline).model


@pytest.mark.slow
def test_people_are_counted_not_listed_once_many_gave_an_answer(reports) -> None:
    markdown = without_appendix(render("markdown", reports[500], META))
    assert "Person 0" not in markdown, "nobody is named in the body of a large group's report"
    assert all(tally.people == () for d in reports[500].divergences for tally in d.tallies)
    assert "Person 0" in markdown + render("markdown", reports[500], META).split("\n## Respondents\n")[1]


@pytest.mark.slow
def test_the_json_of_a_large_group_names_people_only_in_its_list_of_respondents(reports) -> None:
    document = json.loads(render("json", reports[500], META))
    listed = document.pop("respondents")
    assert len(listed) == 500
    assert "Person 0" not in json.dumps(document)


@pytest.mark.slow
def test_a_multiple_choice_question_is_tallied_by_option_in_a_large_group(reports) -> None:
    """How many ticked each option, per role: one row per option, not per combination of options,
    so the table does not grow with the number of people."""
    multiple = [d for d in reports[500].divergences if d.question.type is QuestionType.MULTIPLE_CHOICE]
    assert multiple, "the generated group disputes a multiple-choice question"
    for divergence in multiple:
        labels = [option.label for option in divergence.question.options]
        assert [tally.answer for tally in divergence.tallies] == [
            label for label in labels if label in {tally.answer for tally in divergence.tallies}
        ]
        assert all(tally.count == sum(count for _, count in tally.by_role) for tally in divergence.tallies)
    for report in reports.values():
        for divergence in report.divergences:
            question = divergence.question
            # One row per option or band, and one for the blanks read as "I don't know" (a row more
            # since the fifth session of 2026-11-29: tests/test_session_1129e.py); never per person.
            assert len(divergence.tallies) <= max(len(question.options), len(question.bands)) + 1, question.id
    markdown = without_appendix(render("markdown", reports[500], META))
    assert "| Option | Its score ticked alone | How many ticked it | By role |" in markdown


def test_roles_are_in_rubric_order_in_every_disagreement(reports) -> None:
    rubric_order = [role.id for role in reports[50].rubric.roles]
    for report in reports.values():
        for divergence in report.divergences:
            medians = [role.id for role, _ in divergence.role_medians]
            assert medians == [role for role in rubric_order if role in medians], divergence.question.id
            for tally in divergence.tallies:
                ids = [role.id for role, _ in tally.by_role]
                assert ids == [role for role in rubric_order if role in ids], divergence.question.id
        document = json.loads(render("json", report, META))
        for question in document["divergence"]["questions"]:
            assert list(question["role_medians"]) == [r for r in rubric_order if r in question["role_medians"]]
        labels = [role.label for role in report.rubric.roles]
        for finding in report.findings:
            for named in re.findall(r"(?:lowest|highest) \(([^)]*)\)", finding.recommendation):
                listed = named.split(", ")
                assert listed == [label for label in labels if label in listed], finding.recommendation
        markdown = render("markdown", report, META)
        for line in re.findall(r"Median score by role: ([^.]*)\.", markdown.replace("\n", " ")):
            named = [label for label in sorted(labels, key=line.find) if label in line]
            assert named == [label for label in labels if label in line], line


def test_the_disagreement_section_speaks_in_shares_of_each_range_in_points_out_of_100(reports) -> None:
    """Never the rubric's 0-1: a spread is a percentage of the question's own range, and the range
    is in points out of 100 like every score (a spread in points would be wrong on a question that
    scores from 30 to 100, where its whole range is 70 points)."""
    markdown = render("markdown", reports[50], META)
    section = markdown.split("## Where respondents disagree")[1].split("\n## ")[0]
    assert "0-1" not in section
    assert re.search(r"lie 40% or more of the question's range apart", " ".join(section.split()))
    spreads = re.findall(r"^Spread (\S+)% of the question's range \((\S+) to (\S+)\),", section, re.MULTILINE)
    assert spreads
    assert all(float(spread) >= 40 and 0 <= float(low) < float(high) <= 100 for spread, low, high in spreads), spreads


@pytest.mark.slow
def test_a_long_note_is_quoted_in_part_and_says_how_much_is_left_out(rubric) -> None:
    """In a large group a note of a page is quoted up to a word near 280 characters, ending in
    " …"; the JSON says how many characters are left out, which with the quote make the note, and
    the Markdown and HTML reports say so under it; --detail keeps every note whole."""
    report = groups(rubric, "long")[500]
    document = json.loads(render("json", report, META))
    quoted = [note for finding in document["findings"] for note in finding["notes"]]
    assert quoted and all("characters_left_out" in note for note in quoted)
    # The model keeps of a large group's note its first NOTE_EXCERPT characters and its length
    # (civdata.note_text, since the first session of 2026-11-30): what it quotes, and what it
    # says is left out, are checked against those.
    whole = {(note.text, note_length(note)) for finding in report.findings for note in finding.notes}
    by_start: dict[str, list[tuple[str, int]]] = {}
    for text, length in whole:
        by_start.setdefault(text[:100], []).append((text, length))
    for note in quoted:
        kept = note["text"].removesuffix(" …")
        assert note["text"].endswith(" …") and len(note["text"]) <= NOTE_EXCERPT + 2
        [(text, length)] = [(text, length) for text, length in by_start[kept[:100]] if text.startswith(kept)]
        assert length == len(kept) + note["characters_left_out"]
        assert not kept.endswith(" ") and text[len(kept)] == " ", "cut at a word"
    markdown = " ".join(without_appendix(render("markdown", report, META)).split())
    # Under the findings, and in "What people wrote" (since the fifth session of 2026-11-29).
    shortened = [entry for entry in document.get("written", ()) if entry["shortened_by"]]
    assert all(len(entry["text"]) <= NOTE_EXCERPT + 2 for entry in shortened)
    assert markdown.count("Shortened here:") == len(quoted) + len(shortened)
    assert "Shortened here:" in render("html", report, META)
    thirteen = combine(rubric, scored_people(rubric, "long")[:13], keep_detail=True)
    assert thirteen.large and "characters_left_out" in render("json", thirteen, META)
    detailed = json.loads(render("json", thirteen, META))
    in_detail = set(strings_in(detailed["detail"]))
    kept = [note for finding in thirteen.findings for note in finding.notes]
    assert {note.text for note in kept if note.cut is None} <= in_detail
    # The thirteenth's notes are kept as quoted; --detail has them whole.
    cut = [note for note in kept if note.cut is not None]
    assert cut and all(
        any(len(text) == note_length(note) and text.startswith(note.text) for text in in_detail) for note in cut
    )


def test_the_length_a_note_is_quoted_to_is_the_one_the_schema_and_docs_give() -> None:
    """The schema and docs/multi-respondent.md name the length in words; they say the code's."""
    said = f"{NOTE_EXCERPT} characters"
    schema = (ROOT / "civdata" / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert schema.count(said) == 3  # notes, their excerpt, and what people wrote (written)
    assert said in " ".join((ROOT / "docs" / "multi-respondent.md").read_text(encoding="utf-8").split())
