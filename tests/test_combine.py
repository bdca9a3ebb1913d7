"""Combining several respondents: merged findings, disagreement, missing voices, methods, anonymity.

Pure: the answers files under tests/fixtures/multi are loaded and scored, then combined in memory.
The five respondents (two leads, two partners, one community representative) disagree on purpose:
the leads see a threat model and shared decisions, the community representative sees neither.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from statistics import mean, median

import pytest

from civdata.combine import (
    DIVERGENCE_SEVERITY,
    anonymize_assessment,
    combine,
    disagreement,
    divergence_severity,
    respondent_labels,
)
from civdata.inputs import load_answer_sets
from civdata.model import Answer, AnswerSet, Respondent, Rubric, Severity
from civdata.render import render
from civdata.render.common import ReportMeta, number
from civdata.results import Assessment, Report
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT, unwrapped
from tests.report_schema import report_document

MULTI = FIXTURES / "multi"

EVERYONE = sorted(MULTI.glob("*.yaml"))
WITHOUT_COMMUNITY = [path for path in EVERYONE if not path.name.startswith("community")]


def assessments(paths: list[Path], rubric: Rubric | None = None) -> tuple[Rubric, list[Assessment]]:
    loaded, answer_sets = load_answer_sets(paths, str(MINI_RUBRIC))
    rubric = rubric or loaded
    return rubric, [assess(rubric, answer_set) for answer_set in answer_sets]


def combined(
    paths: list[Path] = EVERYONE, *, anonymize: bool = False, keep_detail: bool = False, **rubric_changes: object
) -> Report:
    rubric, scored = assessments(paths)
    if rubric_changes:
        rubric = dataclasses.replace(rubric, **rubric_changes)
        scored = [assess(rubric, assessment.answers) for assessment in scored]
    return combine(rubric, scored, anonymize=anonymize, keep_detail=keep_detail)


def finding(report: Report, finding_id: str):
    return next(item for item in report.findings if item.id == finding_id)


def names(report: Report, people) -> tuple[str, ...]:
    """The labels of respondents the report refers to by position."""
    return tuple(report.respondents[person].label for person in people)


# --- Merging findings --------------------------------------------------------------------------


def test_a_finding_raised_by_several_respondents_is_listed_once_with_who_raised_it() -> None:
    report = combined()
    merged = [item for item in report.findings if item.id == "rule:sensitive-no-threat-model"]
    assert len(merged) == 1
    # Dara: sensitive, no threat model. Chen: sensitive, "I don't know" whether there is one.
    # Eastside: "I don't know" whether the data is sensitive, no threat model. Both unknowns can
    # hide the risk, so the rule is raised for all three, and it states their answers' findings.
    assert names(report, merged[0].source.respondents) == ("Dara Flores", "Chen <i>Wei</i>", "Eastside Food Bank")
    assert {covered.id for covered in merged[0].covers} == {
        "threat-model:no",
        "threat-model:unsure",
        "sensitive:unsure",
    }
    # Eastside's own "no" is also listed by itself: for Eastside the rule only may hold, and what
    # an answer shows is not folded into what may hold (changed on purpose,
    # tests/test_verdict_review_1127.py). Listed, it names everyone who answered so, Dara too,
    # whose rule's finding states it.
    own = [item for item in report.findings if item.id.startswith("threat-model:")]
    assert [(item.id, names(report, item.source.respondents)) for item in own] == [
        ("threat-model:no", ("Dara Flores", "Eastside Food Bank"))
    ]


def test_notes_keep_the_label_of_who_wrote_them() -> None:
    report = combined()
    notes = finding(report, "voice:none").notes
    assert [(names(report, [note.respondent])[0], note.text) for note in notes] == [
        ("Dara Flores", "We heard about the project from a flyer at the clinic.")
    ]


def test_different_answers_that_raise_the_same_finding_are_all_named(mini_rubric) -> None:
    def short_funding(name: str, months: int) -> Assessment:
        # With a deletion plan, short funding raises only the band's own finding (no rule).
        given = {"months": Answer(months), "deletion-plan": Answer("Archive with the county")}
        answers = AnswerSet("mini", "1.2.0", "X", Respondent("partner", name), given)
        return assess(mini_rubric, answers)

    report = combine(mini_rubric, [short_funding("A", 8), short_funding("B", 10), short_funding("C", 8)])
    merged = finding(report, "months:band-1")
    assert names(report, merged.source.respondents) == ("A", "B", "C")
    assert merged.source.answer == "8 months / 10 months"


def test_findings_are_most_severe_first_and_shared_ones_lead_within_a_severity() -> None:
    report = combined()
    ranks = [item.severity.rank for item in report.findings]
    assert ranks == sorted(ranks, reverse=True)
    high = [item for item in report.findings if item.severity is Severity.HIGH]
    counts = [len(item.source.respondents) for item in high if item.source.kind == "answer"]
    assert counts == sorted(counts, reverse=True)


# --- Divergence --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spread", "weight", "expected"),
    [
        (0.4, 1, Severity.LOW),
        (0.74, 1, Severity.LOW),
        (0.75, 1, Severity.MEDIUM),
        (1.0, 1, Severity.MEDIUM),
        (0.5, 2, Severity.MEDIUM),
        (0.75, 2, Severity.HIGH),
        (1.0, 1.5, Severity.HIGH),
        (1.0, 0.5, Severity.LOW),
        (1.0, 3, Severity.HIGH),
    ],
)
def test_alignment_severity_grows_with_spread_and_weight(spread: float, weight: float, expected: Severity) -> None:
    assert divergence_severity(spread, weight) is expected


def test_the_severity_table_is_ordered_and_never_critical() -> None:
    floors = [floor for floor, _ in DIVERGENCE_SEVERITY]
    assert floors == sorted(floors, reverse=True)
    assert floors[-1] == 0
    assert Severity.CRITICAL not in {severity for _, severity in DIVERGENCE_SEVERITY}


def test_wide_disagreement_becomes_an_alignment_finding_listing_who_answered_what() -> None:
    report = combined()
    by_question = {divergence.question.id: divergence for divergence in report.divergences}
    voice = by_question["voice"]
    assert voice.spread == 1.0
    assert voice.severity is Severity.HIGH  # spread 1 x weight 2
    assert {(names(report, tally.people), tally.answer, tally.score, tally.count) for tally in voice.tallies} == {
        (("Dara Flores",), "They do not", 0.0, 1),
        (("Amara Okafor",), "They share decisions", 1.0, 1),
        (("Bo Lindqvist", "Chen <i>Wei</i>", "Eastside Food Bank"), "They are consulted once", 0.5, 3),
    }
    assert [tally.answer for tally in voice.tallies] == [
        "They share decisions",
        "They are consulted once",
        "They do not",
    ]
    assert {role.id: median for role, median in voice.role_medians} == {"community": 0.0, "lead": 0.75, "partner": 0.5}
    alignment = finding(report, "divergence:voice")
    assert alignment.source.kind == "divergence"
    assert alignment.severity is Severity.HIGH
    assert "Community representative" in alignment.recommendation
    assert names(report, [note.respondent for note in alignment.notes]) == ("Dara Flores",)
    assert by_question["threat-model"].severity is Severity.MEDIUM
    assert by_question["confidence"].severity is Severity.LOW


def test_the_most_serious_disagreement_comes_first() -> None:
    impacts = [d.spread * d.question.weight for d in combined().divergences]
    assert impacts == sorted(impacts, reverse=True)


def test_only_answers_that_count_are_compared() -> None:
    report = combined()
    by_question = {divergence.question.id: divergence for divergence in report.divergences}

    # Dara left the funded months blank, and the community is not asked about confidence.
    def answered(question_id: str) -> tuple[str, ...]:
        return names(report, [person for tally in by_question[question_id].tallies for person in tally.people])

    assert "Amara Okafor" in answered("months")
    assert "Dara Flores" not in answered("months")
    assert "Dara Flores" not in answered("confidence")
    # Everyone who answered the gate question `sensitive` (weight 0) said yes or "I don't know",
    # which score the same; a question one respondent answered cannot diverge.
    assert "sensitive" not in by_question
    assert "deletion-plan" not in by_question


def test_the_rubric_threshold_decides_what_is_a_disagreement() -> None:
    assert "confidence" in {d.question.id for d in combined().divergences}  # spread 0.67
    stricter = combined(divergence_threshold=0.7)
    assert "confidence" not in {d.question.id for d in stricter.divergences}
    assert "divergence:confidence" not in {item.id for item in stricter.findings}
    assert {d.question.id for d in combined(divergence_threshold=0).divergences} >= {"confidence", "voice"}


def test_areas_are_ranked_by_how_far_apart_the_roles_are() -> None:
    report = combined()
    spreads = [item.spread for item in report.area_disagreements]
    assert spreads == sorted(spreads, reverse=True)
    people = next(item for item in report.area_disagreements if item.area.id == "people")
    assert (people.highest[0].id, people.lowest[0].id) == ("lead", "community")
    assert people.spread == pytest.approx(people.highest[1] - people.lowest[1], abs=0.1)


def test_no_area_table_with_a_single_role() -> None:
    leads = [path for path in EVERYONE if path.name.startswith("lead")]
    assert combined(leads).area_disagreements == ()


def test_areas_where_every_role_scores_the_same_are_said_not_ranked(tmp_path: Path) -> None:
    """An outside reviewer's workshop: where the roles scored the same, "Areas where roles disagree
    most" had a row naming one role as both highest and lowest, spread 0. Such areas are said in a
    sentence after the table instead, with their score, in every human format."""
    lead = (MULTI / "lead-amara.yaml").read_text(encoding="utf-8")
    (tmp_path / "lead.yaml").write_text(lead, encoding="utf-8")
    (tmp_path / "partner.yaml").write_text(lead.replace("role: lead", "role: partner"), encoding="utf-8")
    report = combined([tmp_path / "lead.yaml", tmp_path / "partner.yaml"])
    assert [item.spread for item in report.area_disagreements] == [0, 0], "the JSON keeps every area"
    people, lifecycle = (item.highest[1] for item in report.area_disagreements)
    meta = ReportMeta("test", "2026-11-01")
    markdown = unwrapped(render("markdown", report, meta))
    section = markdown[markdown.index("### Areas where roles disagree most") :]
    assert "| Area | Spread |" not in section
    # Changed on purpose (the review "verdicts2"): the sentence names the two roles compared and the
    # questions their score is on; "Every role scored the same in Money (100)" was said of a role
    # whose area score was 50, compared on one question of two.
    both = (
        "People and power",
        f"Lead organisation and Partner organisation: {number(people)} on its 3 scored questions",
        "Lifecycle",
        f"Lead organisation and Partner organisation: {number(lifecycle)} on its 2 scored questions",
    )
    said = "Roles scored the same on the questions both answered in"
    assert f"{said} {both[0]} ({both[1]}) and {both[2]} ({both[3]})." in section
    html = render("html", report, meta)
    roles = "<bdi>Lead organisation</bdi> and <bdi>Partner organisation</bdi>"
    assert f"{said} <bdi>{both[0]}</bdi> ({roles}: {number(people)} on its 3 scored questions) and" in html
    assert "Areas where roles disagree most" not in render("text", report, meta)


# --- Missing voices ----------------------------------------------------------------------------


def test_an_expected_role_nobody_answered_as_raises_its_own_finding() -> None:
    report = combined(WITHOUT_COMMUNITY)
    assert [role.id for role in report.missing_roles] == ["community"]
    missing = finding(report, "role:community")
    assert missing.severity is Severity.CRITICAL  # the mini rubric's missing_severity for it
    assert missing.source.kind == "role"
    assert missing.source.respondents == ()
    assert report.findings[0] is missing
    assert report.verdict.id == "not-ready"


def test_no_missing_voice_when_every_expected_role_answered() -> None:
    report = combined()
    assert report.missing_roles == ()
    assert not [item for item in report.findings if item.source.kind == "role"]


def test_roles_not_marked_expected_are_never_missing() -> None:
    leads_and_community = [path for path in EVERYONE if not path.name.startswith("partner")]
    assert combined(leads_and_community).missing_roles == ()


# --- Scores --------------------------------------------------------------------------------------


def test_role_scores_are_the_mean_of_their_respondents() -> None:
    report = combined()
    lead = next(role for role in report.roles if role.role.id == "lead")
    assert names(report, lead.respondents) == ("Amara Okafor", "Bo Lindqvist")
    assert lead.areas["people"] == pytest.approx(mean([100, 67.5]), abs=0.05)
    community = next(role for role in report.roles if role.role.id == "community")
    assert community.areas["lifecycle"] is None  # Dara's only lifecycle answer was left blank
    assert [role.role.id for role in report.roles] == ["lead", "partner", "community"]  # rubric order


def test_role_weighted_mean_by_hand() -> None:
    # People: leads (100 + 67.5) / 2 = 83.75 with weight 2, partners (35 + 32.5) / 2 = 33.75 and
    # community 0 with weight 1 each: (2 x 83.75 + 33.75 + 0) / 4 = 50.31. Chen's "I don't know"
    # about the threat model counts as its worst answer, 0: (0 + 2 x 0.5 + 0.4) / 4 = 35.
    report = combined()
    assert report.method == "role_weighted_mean"
    assert {area.area.id: area.percent for area in report.areas}["people"] == 50.3


def area_shares(scored: list[Assessment]) -> dict[str, list[float]]:
    """Each area's respondent scores (0-100), from their own assessments, for an independent check."""
    shares: dict[str, list[float]] = {}
    for assessment in scored:
        for result in assessment.areas:
            if result.score.maximum > 0:
                shares.setdefault(result.area.id, []).append(100 * result.score.points / result.score.maximum)
    return shares


@pytest.mark.parametrize(("method", "function"), [("median", median), ("mean", mean), ("min", min)])
def test_combined_score_follows_the_rubric_method(method: str, function) -> None:
    report = combined(combine=method)
    assert report.method == method
    _rubric, scored = assessments(EVERYONE)
    expected = {area_id: function(values) for area_id, values in area_shares(scored).items()}
    for area in report.areas:
        assert area.percent == pytest.approx(expected[area.area.id], abs=0.05)
    weights = {area.area.id: area.area.weight for area in report.areas}
    overall = sum(weights[a] * v for a, v in expected.items()) / sum(weights[a] for a in expected)
    assert report.overall == pytest.approx(overall, abs=0.05)


def test_methods_give_different_answers_on_the_same_respondents() -> None:
    overall = {method: combined(combine=method).overall for method in ("role_weighted_mean", "median", "mean", "min")}
    assert overall["min"] < overall["median"] < overall["mean"] < overall["role_weighted_mean"]
    assert overall["min"] == 5.5  # people 0 (Dara), lifecycle 16.5 (Chen): (2 x 0 + 16.5) / 3


def test_a_role_of_weight_zero_does_not_count_in_the_role_weighted_mean(mini_rubric) -> None:
    roles = tuple(dataclasses.replace(role, weight=0) if role.id == "lead" else role for role in mini_rubric.roles)
    report = combined(roles=roles)
    partner = next(role for role in report.roles if role.role.id == "partner").areas["people"]
    community = next(role for role in report.roles if role.role.id == "community").areas["people"]
    assert report.areas[0].percent == pytest.approx((partner + community) / 2, abs=0.1)


def test_coverage_is_counted_question_by_question_and_the_verdict_uses_the_combined_result() -> None:
    # Changed on purpose (the review "verdicts2", tests/test_fixes_coverage.py): coverage was the
    # mean of the respondents' (96.0 here), where someone not asked a question another left blank
    # diluted that blank. Now it is the mean over the questions of the share of those asked each
    # who answered it: Dara left 'months' blank, which 4 of the 5 asked answered (0.8), and every
    # one of the other 5 required questions was answered by all asked it.
    report = combined()
    assert report.coverage == round(100 * (5 + 0.8) / 6, 1) == 96.7
    assert report.verdict.id == "not-ready"  # critical findings raised by the community representative


def test_one_respondent_combines_to_their_own_scores(mini_rubric) -> None:
    rubric, scored = assessments([MULTI / "lead-amara.yaml"])
    report = combine(rubric, scored)
    assert report.overall == scored[0].overall
    assert report.divergences == ()


def test_nothing_to_combine_is_an_error(mini_rubric) -> None:
    with pytest.raises(ValueError, match="at least one"):
        combine(mini_rubric, [])


# --- Labels and anonymity ------------------------------------------------------------------------


def test_labels_use_the_name_then_the_organisation_then_the_role(mini_rubric) -> None:
    people = [
        Respondent("lead", "Ana", "Org A"),
        Respondent("partner", None, "Org B"),
        Respondent("partner", None, None),
        Respondent("lead", "Ana", "Org C"),
    ]
    assert respondent_labels(mini_rubric, people, anonymize=False) == [
        "Ana",
        "Org B",
        "Partner organisation 2",
        "Ana (2)",
    ]
    assert respondent_labels(mini_rubric, people, anonymize=True) == [
        "Lead organisation 1",
        "Partner organisation 1",
        "Partner organisation 2",
        "Lead organisation 2",
    ]


def test_anonymize_replaces_names_organisations_and_file_paths_everywhere() -> None:
    report = combined(anonymize=True)
    assert report.anonymized
    labels = [entry.label for entry in report.respondents]
    # In the rubric's order of roles, as a report made by the command lists them (changed on
    # purpose, 2026-11-29: combine() built an anonymized report another way than the command did).
    assert labels == [
        "Lead organisation 1",
        "Lead organisation 2",
        "Partner organisation 1",
        "Partner organisation 2",
        "Community representative 1",
    ]
    for row in report.respondents:
        assert (row.name, row.organisation, row.source) == (None, None, "")
    detailed = combined(anonymize=True, keep_detail=True)
    for row, assessment in zip(detailed.respondents, detailed.detail, strict=True):
        answers = assessment.answers
        assert (answers.respondent.name, answers.respondent.organisation, answers.source) == (row.label, None, "")
    document = report_document(render("json", report, ReportMeta("0", "2026-01-01")))
    mentioned = {label for item in document["findings"] for label in item["source"]["respondents"]}
    mentioned |= {note["respondent"] for item in document["findings"] for note in item["notes"]}
    mentioned |= {
        person for d in document["divergence"]["questions"] for given in d["answers"] for person in given["respondents"]
    }
    mentioned |= {label for role in document["roles"] for label in role["respondents"]}
    assert mentioned and mentioned <= set(labels)
    assert not {"Amara Okafor", "Dara Flores", "Eastside Food Bank"} & set(json.dumps(document).split('"'))


def test_anonymizing_one_assessment_keeps_its_scores(mini_rubric) -> None:
    _, (scored,) = assessments([MULTI / "partner-chen.yaml"])
    hidden = anonymize_assessment(scored, "Partner organisation 1")
    assert hidden.answers.respondent == Respondent("partner", "Partner organisation 1", None)
    assert (hidden.overall, hidden.findings, hidden.areas) == (scored.overall, scored.findings, scored.areas)


def test_labels_stay_distinct_when_names_collide_with_each_other_and_with_generated_labels(mini_rubric) -> None:
    people = [
        Respondent("lead", "Sam"),
        Respondent("partner", "Sam"),
        Respondent("community", "Sam (2)"),
        Respondent("partner", "Partner organisation 1"),
        Respondent("partner", None, None),
        Respondent("lead", "Sam"),
    ]
    labels = respondent_labels(mini_rubric, people, anonymize=False)
    assert labels == ["Sam", "Sam (3)", "Sam (2)", "Partner organisation 1", "Partner organisation 3", "Sam (4)"]
    assert len(set(labels)) == len(labels)


def test_a_finding_and_its_note_are_credited_to_who_raised_them_when_names_collide(mini_rubric) -> None:
    def answering(role: str, name: str, voice: str, note: str | None) -> Assessment:
        answers = AnswerSet("mini", "1.2.0", "X", Respondent(role, name), {"voice": Answer(voice, note)})
        return assess(mini_rubric, answers)

    report = combine(
        mini_rubric,
        [
            answering("lead", "Sam", "none", "first Sam's note"),
            answering("partner", "Sam", "decide", None),
            answering("community", "Sam (2)", "none", "third person's note"),
        ],
    )
    silenced = finding(report, "voice:none")
    assert silenced.source.respondents == (0, 2)
    assert [(note.respondent, note.text) for note in silenced.notes] == [
        (0, "first Sam's note"),
        (2, "third person's note"),
    ]
    markdown = render("markdown", report, ReportMeta("0", "2026-01-01"))
    assert "Note by Sam (2) on `voice`:\n\n> third person's note" in markdown
    assert "Note by Sam on `voice`:\n\n> first Sam's note" in markdown
    document = report_document(render("json", report, ReportMeta("0", "2026-01-01")))
    merged = next(item for item in document["findings"] if item["id"] == "voice:none")
    assert merged["source"]["respondents"] == ["Sam", "Sam (2)"]
    assert [note["respondent"] for note in merged["notes"]] == ["Sam", "Sam (2)"]
    assert "Sam (3)" in {entry["label"] for entry in document["respondents"]}


# --- Disagreement at scale ---------------------------------------------------------------------


def voices(mini_rubric, groups: list[tuple[str, str, int]]) -> Report:
    """A report on many respondents answering `voice` (weight 2): (role, answer, how many)."""
    scored = []
    for role, value, count in groups:
        for index in range(count):
            answers = AnswerSet(
                "mini", "1.2.0", "X", Respondent(role, f"{role} {value} {index}"), {"voice": Answer(value)}
            )
            scored.append(assess(mini_rubric, answers))
    return combine(mini_rubric, scored)


def voice_disagrees(report: Report) -> bool:
    return "voice" in {divergence.question.id for divergence in report.divergences}


def test_one_outlier_among_fifty_never_raises_a_disagreement(mini_rubric) -> None:
    # In the largest role, and in a smaller role whose other members agree with everyone else.
    assert not voice_disagrees(voices(mini_rubric, [("community", "decide", 49), ("community", "none", 1)]))
    partners = [("community", "decide", 47), ("partner", "decide", 2), ("partner", "none", 1)]
    assert not voice_disagrees(voices(mini_rubric, partners))


def test_a_respondent_alone_in_their_role_is_a_role(mini_rubric) -> None:
    # The one lead among 49 community members sees no voice at all: that is two roles differing.
    report = voices(mini_rubric, [("community", "decide", 49), ("lead", "none", 1)])
    assert voice_disagrees(report)


@pytest.mark.parametrize(("minority", "majority"), [(2, 48), (5, 45), (25, 25), (45, 5)])
def test_two_roles_that_really_differ_always_raise_a_disagreement(mini_rubric, minority: int, majority: int) -> None:
    report = voices(mini_rubric, [("community", "none", minority), ("lead", "decide", majority)])
    assert voice_disagrees(report)
    divergence = next(d for d in report.divergences if d.question.id == "voice")
    assert divergence.spread == 1.0 and divergence.severity is Severity.HIGH
    tallies = {tally.answer: tally for tally in divergence.tallies}
    assert tallies["They do not"].count == minority and tallies["They share decisions"].count == majority
    assert {role.id: count for role, count in tallies["They do not"].by_role} == {"community": minority}


@pytest.mark.parametrize("tenths", [(6, 2), (7, 3), (10, 6), (4, 0), (9, 5), (8, 4)])
@pytest.mark.parametrize(("minority", "majority"), [(5, 45), (1, 49), (20, 30)])
def test_a_role_four_tenths_from_the_others_is_far_whatever_the_scores(
    tenths: tuple[int, int], minority: int, majority: int
) -> None:
    """Scores of options are written in tenths, and 0.6 - 0.2 is 0.39999999999999997 in floating
    point: a role 40 points from the others is far however the two scores are written (docs/
    multi-respondent.md: the rubric's threshold "or more", 0.4 by default), as it is in a small
    group, where the range decides."""
    high, low = (tenth / 10 for tenth in tenths)
    spread, _ = disagreement([("lead", high, majority), ("community", low, minority)])
    assert spread == 0.4


def test_two_roles_apart_are_measured_against_each_other_not_against_whoever_is_in_between() -> None:
    """Three leads at 0 and three funders at 1 are the whole range apart whether one or forty-four
    community members answer 0.5 between them: the gap between two roles' medians is the spread
    (an outside review: beside forty-four, each role was 0.5 from everyone else's median, and the
    trimmed range left both out as outliers)."""
    for middle in (1, 44):
        spread, medians = disagreement([("lead", 0.0, 3), ("community", 0.5, middle), ("funder", 1.0, 3)])
        assert spread == 1.0
        assert dict(medians) == {"lead": 0.0, "community": 0.5, "funder": 1.0}


def test_a_role_split_down_the_middle_is_not_a_role_apart(mini_rubric) -> None:
    # Two partners, one of whom sees no voice where everyone else sees shared decisions: their
    # median (0.5) is nobody's answer, and one outlier among fifty raises nothing.
    split = [("community", "decide", 48), ("partner", "decide", 1), ("partner", "none", 1)]
    assert not voice_disagrees(voices(mini_rubric, split))


@pytest.mark.parametrize(("minority", "majority"), [(1, 49), (5, 45), (25, 25)])
def test_the_rubrics_threshold_is_how_far_apart_a_role_must_be(minority: int, majority: int) -> None:
    scores = [("lead", 0.3, minority), ("community", 0.6, majority)]
    assert disagreement(scores, threshold=0.3)[0] == 0.3
    assert disagreement(scores, threshold=0.4)[0] < 0.4


def test_in_a_small_group_every_voice_counts(mini_rubric) -> None:
    # Fewer than ten answered: one person who sees it differently is a disagreement to talk about.
    assert voice_disagrees(voices(mini_rubric, [("community", "decide", 8), ("community", "none", 1)]))
    assert not voice_disagrees(voices(mini_rubric, [("community", "decide", 9), ("community", "none", 1)]))


def test_a_large_group_names_who_answered_by_count_per_role(mini_rubric) -> None:
    report = voices(mini_rubric, [("community", "none", 30), ("lead", "decide", 30)])
    divergence = next(d for d in report.divergences if d.question.id == "voice")
    assert all(tally.people == () for tally in divergence.tallies), "thirty people are counted, not listed"
    markdown = render("markdown", report, ReportMeta("0", "2026-01-01"))
    assert "| They do not | 0 | 30 | 30 respondents (Community representative: 30) |" in markdown


def ticking(mini_rubric, groups: list[tuple[str, tuple[str, ...], int]]) -> Report:
    """A report on people answering the multiple-choice `safeguards`: (role, ticked, how many)."""
    scored = []
    for role, ticked, count in groups:
        for index in range(count):
            answers = AnswerSet(
                "mini", "1.2.0", "X", Respondent(role, f"{role} {index} {ticked}"), {"safeguards": Answer(ticked)}
            )
            scored.append(assess(mini_rubric, answers))
    return combine(mini_rubric, scored)


def test_the_same_options_ticked_in_another_order_are_the_same_answer(mini_rubric) -> None:
    # A hand-written file may list ticked options in any order; the people still gave one answer.
    # Twelve people: a group small enough to be shown answer by answer, with names.
    report = ticking(
        mini_rubric,
        [
            ("community", ("access-log", "encryption"), 3),
            ("community", ("encryption", "access-log"), 3),
            ("lead", ("none",), 6),
        ],
    )
    divergence = next(d for d in report.divergences if d.question.id == "safeguards")
    assert not divergence.by_option
    assert {tally.answer: tally.count for tally in divergence.tallies} == {
        "Encryption at rest; An access log": 6,
        "None of these": 6,
    }


def test_a_large_group_tallies_a_multiple_choice_question_by_option_ticked(mini_rubric) -> None:
    # More than twelve people: how many ticked each option, per role, not each combination.
    report = ticking(
        mini_rubric,
        [
            ("lead", ("none",), 10),
            ("community", ("access-log", "encryption"), 5),
            ("community", ("encryption",), 5),
        ],
    )
    divergence = next(d for d in report.divergences if d.question.id == "safeguards")
    assert divergence.by_option
    tallies = {tally.answer: (tally.count, [(role.id, n) for role, n in tally.by_role]) for tally in divergence.tallies}
    assert tallies == {
        "Encryption at rest": (10, [("community", 10)]),
        "An access log": (5, [("community", 5)]),
        "None of these": (10, [("lead", 10)]),
    }
    assert all(tally.people == () for tally in divergence.tallies)
    # The finding still names who scored it lowest and highest from the answers people gave.
    alignment = finding(report, "divergence:safeguards")
    assert "lowest (Lead organisation) and highest (Community representative)" in alignment.recommendation
    assert alignment.source.count == 20


# --- Gate questions and each question's own range -----------------------------------------------

BUNDLED = load_rubric(ROOT / "rubrics" / "civil-society-data-readiness.yaml")
DIVERGENCE = FIXTURES / "divergence"


def answering(rubric: Rubric, groups: list[tuple[str, dict[str, object], int]]) -> Report:
    """A report on people who each answer only the given questions: (role, answers, how many)."""
    scored = []
    for role, given, count in groups:
        for index in range(count):
            answers = {question_id: Answer(value) for question_id, value in given.items()}
            answer_set = AnswerSet(rubric.id, rubric.version, "X", Respondent(role, f"{role} {index} {given}"), answers)
            scored.append(assess(rubric, answer_set))
    return combine(rubric, scored)


def reviewed(folder: str) -> Report:
    """The combined report on one of the outside reviewer's cases, with the rubric its files name."""
    rubric, answer_sets = load_answer_sets(sorted((DIVERGENCE / folder).glob("*.yaml")), None)
    return combine(rubric, [assess(rubric, answer_set) for answer_set in answer_sets])


def divergences(report: Report) -> dict[str, tuple[float, Severity]]:
    return {d.question.id: (d.spread, d.severity) for d in report.divergences}


def test_a_gate_question_is_compared_by_its_scores_whatever_its_weight(mini_rubric) -> None:
    """`sensitive` has weight 0: it is not scored, but whether a threat model is asked and the
    critical rule can hold depend on it. People who answer it differently assess different projects."""
    report = answering(mini_rubric, [("lead", {"sensitive": "no"}, 1), ("community", {"sensitive": "yes"}, 1)])
    assert divergences(report) == {"sensitive": (1.0, Severity.HIGH)}
    alignment = finding(report, "divergence:sensitive")
    assert alignment.severity is Severity.HIGH
    assert alignment.explanation == (
        "Answers score from 0 to 100 out of 100; this question's answers can score from 0 to 100, so the spread "
        "is 100% of its range. It is a gate question (weight 0): it is not scored, but which other questions and "
        "rules apply depends on it, so its severity is that of a question of weight 1.5. People who answer it "
        "differently are assessing different initiatives."
    )


def test_the_gate_questions_of_the_reviewers_case_raise_high_disagreements() -> None:
    """An outside reviewer: the lead says one organisation, nothing automated, totals only; the
    technical team says five or more organisations, a tool that decides without a person, and
    record-level releases. No disagreement was reported at all."""
    report = reviewed("gate-disagree")
    assert divergences(report) == {
        "partner-count": (1.0, Severity.HIGH),
        "automated-decisions": (1.0, Severity.HIGH),
        "outputs-shared": (1.0, Severity.HIGH),
    }
    shared = next(d for d in report.divergences if d.question.id == "outputs-shared")
    assert [option.value for option in shared.options_apart] == ["record-level"]


def test_a_follow_up_one_answer_closed_is_not_compared() -> None:
    # The lead's "nothing automated" closed the safeguards question, which the technical team
    # answered: the lead gave no answer to compare. The gate that closed it is compared instead.
    compared = {d.question.id for d in reviewed("gate-disagree").divergences}
    assert "automated-decisions" in compared
    assert not compared & {"automation-safeguards", "disclosure-control", "partner-power", "sharing-agreement"}


def test_one_outlier_among_thirty_never_raises_a_disagreement_on_a_gate_question() -> None:
    many = [("lead", {"partner-count": "one"}, 10), ("partner", {"partner-count": "one"}, 19)]
    assert "partner-count" not in divergences(
        answering(BUNDLED, [*many, ("partner", {"partner-count": "five-or-more"}, 1)])
    )
    # Alone in their role, the same person is a role whose view is heard (docs/multi-respondent.md).
    alone = answering(BUNDLED, [*many, ("funder", {"partner-count": "five-or-more"}, 1)])
    assert divergences(alone)["partner-count"] == (1.0, Severity.HIGH)


def test_the_reviewers_split_on_how_many_organisations_is_high_with_people_in_between() -> None:
    middle = [("community", {"partner-count": "two-to-four"}, 44)]
    leads = [("lead", {"partner-count": "five-or-more"}, 3)]
    funders = [("funder", {"partner-count": "one"}, 3)]
    report = answering(BUNDLED, [*leads, *middle, *funders])
    assert divergences(report)["partner-count"] == (1.0, Severity.HIGH)


def test_a_multiple_choice_gate_is_compared_option_by_option_where_conditions_test_the_option() -> None:
    # Children and migrants both score 0 (people at risk), but only migrants opens the rule on
    # authorities' demands: one respondent sees migrants in the data, the other does not.
    report = answering(
        BUNDLED,
        [
            ("lead", {"people-described": ("children",)}, 1),
            ("partner", {"people-described": ("children", "migrants")}, 1),
        ],
    )
    assert divergences(report) == {"people-described": (1.0, Severity.HIGH)}
    described = report.divergences[0]
    assert [option.value for option in described.options_apart] == ["migrants"]
    assert described.spread_of_options
    assert finding(report, "divergence:people-described").explanation == (
        "Every answer scores 0 out of 100, but the options they ticked set them apart: “Refugees, asylum seekers "
        "or people whose immigration status is insecure” was ticked by some respondents and not by others, and "
        "the rubric's conditions test it. It is a gate question (weight 0): it is not scored, but which other "
        "questions and rules apply depends on it, so its severity is that of a question of weight 1.5. People who "
        "answer it differently are assessing different initiatives."
    )
    markdown = unwrapped(render("markdown", report, ReportMeta("0", "2026-01-01")))
    assert (
        "Spread 100% between ticking an option the rubric's conditions test and not ticking it, question weight 0: "
        "a gate question, counted as weight 1.5 for severity. Median score by role: Lead organisation 0, Partner "
        "organisation 0. Ticked by some respondents and not by others: Refugees, asylum seekers or people whose "
        "immigration status is insecure.\n"
    ) in markdown
    assert finding(report, "divergence:people-described").recommendation == (
        "Before acting on the answers to “Whose data”, bring the respondents who ticked “Refugees, asylum seekers "
        "or people whose immigration status is insecure” and those who did not together to compare what each "
        "knows, agree on the facts and record why they differed."
    )
    # Service users and staff: no condition tests either, and both score the same.
    same = answering(
        BUNDLED,
        [("lead", {"people-described": ("service-users",)}, 1), ("partner", {"people-described": ("staff",)}, 1)],
    )
    assert "people-described" not in divergences(same)


@pytest.mark.parametrize(
    ("low", "high", "spread", "severity"),
    [
        ("partner-access", "no-route-advised", 1.0, Severity.HIGH),  # the whole range: 30 to 100
        ("legal-demand", "no-route-advised", 0.714286, Severity.MEDIUM),  # 50 points of 70
        ("partner-access", "legal-demand", 0.285714, None),  # 20 points of 70: below the threshold
    ],
)
def test_the_spread_is_measured_on_the_questions_own_range(
    low: str, high: str, spread: float, severity: Severity | None
) -> None:
    """`authority-access` scores from 0.3 to 1: two people at its two ends disagree completely,
    and on a question of weight 2 that is high (it was capped at medium, a spread of 0.7)."""
    report = answering(BUNDLED, [("partner", {"authority-access": low}, 1), ("funder", {"authority-access": high}, 1)])
    expected = {} if severity is None else {"authority-access": (spread, severity)}
    assert divergences(report) == expected


def test_the_reviewers_authority_access_dispute_is_high() -> None:
    report = reviewed("authority-access")
    assert divergences(report) == {"authority-access": (1.0, Severity.HIGH)}
    assert finding(report, "divergence:authority-access").explanation == (
        "Answers score from 30 to 100 out of 100; this question's answers can score from 30 to 100, so the spread "
        "is 100% of its range (question weight 2). People who see the initiative this differently are likely to "
        "act on different assumptions."
    )


#: One area, a question both roles are asked and one each is asked alone.
QUESTION_SETS = (
    """\
format: 1
id: question-sets
version: 1.0.0
language: en
title: Question sets
description: Test.
license: CC0-1.0
authors: [tests]
roles:
  - {id: funder, label: Funder}
  - {id: community, label: Community}
areas:
  - id: money
    title: Money
    questions:
"""
    + "".join(
        f"""      - id: {qid}
        title: {qid}
        prompt: {qid}?
        type: yes_no
{roles}        options:
          - {{value: "yes", score: 1}}
          - {{value: "no", score: 0}}
"""
        for qid, roles in (
            ("shared", ""),
            ("funder-only", "        roles: [funder]\n"),
            ("community-only", "        roles: [community]\n"),
        )
    )
    + """verdicts:
  - {id: ready, label: Ready, min_score: 75}
  - {id: not-ready, label: Not ready}
"""
)


@pytest.mark.parametrize(("community_shared", "expected"), [("yes", (0, 100, 100)), ("no", (100, 100, 0))])
def test_roles_are_compared_on_the_questions_both_answered(
    tmp_path: Path, community_shared: str, expected: tuple[float, float, float]
) -> None:
    """An outside review: a funder and a community asked different questions of one area were
    "50 points apart" though they gave the same answer to the one question both were asked. Written
    before running: the funder says yes to both of its questions (area score 100), the community
    says no to its own (area score 50 when it says yes to the shared one): compared on the shared
    question alone, they agree (spread 0) or are 100 points apart, on one question."""
    rubric_file = tmp_path / "rubric.yaml"
    rubric_file.write_text(QUESTION_SETS, encoding="utf-8")
    rubric = load_rubric(rubric_file)
    people = {
        "funder": {"shared": "yes", "funder-only": "yes"},
        "community": {"shared": community_shared, "community-only": "no"},
    }
    assessments = [
        assess(
            rubric,
            AnswerSet("question-sets", "1.0.0", "X", Respondent(role), {q: Answer(v) for q, v in answers.items()}),
        )
        for role, answers in people.items()
    ]
    report = combine(rubric, assessments)
    [money] = report.area_disagreements
    assert (money.spread, money.highest[1], money.lowest[1], money.questions) == (*expected, 1)
    assert [role.areas["money"] for role in report.roles] == [100, 50 if community_shared == "yes" else 0]
    markdown = unwrapped(render("markdown", report, ReportMeta("test", "2026-11-01")))
    if community_shared == "yes":
        # Changed on purpose (the review "verdicts2"): "Every role scored the same in Money (100)"
        # gave 100 as the community's score, whose area score is 50; it names the questions compared.
        said = "Roles scored the same on the questions both answered in Money"
        assert f"{said} (Funder and Community: 100 on 1 of its 3 scored questions)." in markdown
    else:
        assert "| Money | 100 | Funder: 100 | Community: 0 | 1 |" in markdown
    document = report_document(render("json", report, ReportMeta("test", "2026-11-01")))
    assert document["divergence"]["areas"][0]["questions"] == 1
