"""Properties over whole rubrics: a verdict that cannot be talked down.

For every bundled rubric, every example rubric and the test rubric, over generated answers:

- monotonic: moving one answer to a worse option (a lower score, or "I don't know") never raises
  an area or the overall score, nor lowers the worst finding's severity; gate questions included;
- one finding per fact: a rule's finding replaces the findings of the answers that made it hold;
- coverage beside every score: no report states a score without the coverage it rests on;
- a gate never passes a file answered below the coverage it requires;
- an area whose scored questions were all left blank has no score, whatever was answered elsewhere;
- a question a rule reads, left blank, never gives a better verdict or fewer critical findings than
  answering it "I don't know";
- no answer to a required question raises a more severe finding than leaving it blank;
- a riskier gate answer, its follow-ups answered at their best, never raises coverage nor gives a
  better verdict;
- monotonic verdicts: moving one answer to a worse one, with the same blanks, never earns a better
  band, a better score to judge (the lowest the blanks leave open) or a higher coverage.

Each property is also run on a rubric built to break it, to show the check catches it.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rubric_properties import (
    area_blank_bases,
    blank_verdict_violations,
    blank_versus_answers_violations,
    blank_versus_unknown_violations,
    generated_bases,
    monotonicity_violations,
    one_finding_per_fact_violations,
    random_answers,
    riskier_gate_violations,
    ruled_out_violations,
    verdict_monotonicity_violations,
    with_blanks,
)

from civdata.combine import combine
from civdata.gates import GateSettings, coverage_floor, evaluate_gates
from civdata.model import Answer, AnswerSet, AnswerValue, Compare, Question, QuestionType, Respondent, Rubric, Severity
from civdata.render import render
from civdata.render.common import ReportMeta
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess, score_answer
from tests.conftest import unwrapped
from tests.report_schema import report_document

ROOT = Path(__file__).resolve().parent.parent

RUBRICS = sorted(
    [
        *ROOT.glob("rubrics/*.yaml"),
        *ROOT.glob("examples/rubrics/*.yaml"),
        ROOT / "tests" / "fixtures" / "mini-rubric.yaml",
    ]
)
BUNDLED = sorted(ROOT.glob("rubrics/*.yaml"))
#: A rubric built to show the verdict property catches a score shown that no answers give.
CLOSED_FOLLOW_UP = ROOT / "tests" / "fixtures" / "verdicts" / "closed-follow-up.yaml"


def rubric_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture(scope="module", params=RUBRICS, ids=rubric_id)
def rubric(request: pytest.FixtureRequest) -> Rubric:
    return load_rubric(request.param)


def test_worse_answers_never_score_better_or_look_less_serious(rubric: Rubric) -> None:
    violations = monotonicity_violations(rubric, generated_bases(rubric, 8, seed=11))
    assert not violations, "\n".join(violations)


def test_no_fact_raises_two_findings(rubric: Rubric) -> None:
    rng = random.Random(5)
    for _ in range(60):
        violations = one_finding_per_fact_violations(assess(rubric, random_answers(rubric, rng)))
        assert not violations, "\n".join(violations)


def test_every_score_line_states_its_coverage(rubric: Rubric) -> None:
    rng = random.Random(7)
    meta = ReportMeta("test", "2026-11-05")
    for _ in range(5):
        assessment = combine(rubric, [assess(rubric, random_answers(rubric, rng))])
        markdown = unwrapped(render("markdown", assessment, meta))
        score_lines = [line for line in markdown.splitlines() if re.search(r"score: \*\*", line)]
        assert len(score_lines) == (1 if rubric.scored else 0)
        assert all("required questions that apply" in line for line in score_lines)
        if not rubric.scored:
            assert "/ 100" not in markdown, "a checklist shows no score at all"
        text = render("text", assessment, meta)
        # The headline: in the box's title, or opening its body when the title has no room.
        headline = [line for line in text.splitlines()[:4] if "coverage" in line]
        assert len(headline) == 1, text
        assert ("/ 100" in headline[0]) == rubric.scored
        assert ("/ 100" in text) == rubric.scored
        document = report_document(render("json", assessment, meta))
        assert document["coverage"]["percent"] == assessment.coverage


def test_a_gate_never_passes_below_its_coverage(rubric: Rubric) -> None:
    rng = random.Random(3)
    for _ in range(40):
        sparse = random_answers(rubric, rng)
        kept = dict(list(sparse.answers.items())[: rng.randint(0, 6)])
        assessment = assess(rubric, replace(sparse, answers=kept))
        for verdict in rubric.verdicts:
            settings = GateSettings(fail_on_verdict=verdict.id)
            outcome = evaluate_gates(
                rubric,
                settings,
                findings=assessment.findings,
                overall=assessment.overall,
                coverage=assessment.coverage.percent,
                verdict=assessment.verdict,
            )
            floor = coverage_floor(rubric, settings)
            if outcome.passed and floor is not None:
                assert assessment.coverage.percent >= floor
            given = assessment.verdict
            assert given.min_coverage is None or assessment.coverage.percent >= given.min_coverage


def test_an_area_left_blank_never_has_a_score(rubric: Rubric) -> None:
    """A person who stops before an area gives it no score (and so no weight in the overall or the
    group's), however their other answers close its follow-ups."""
    rng = random.Random(5)
    for _ in range(20):
        answers = random_answers(rubric, rng)
        for area in rubric.areas:
            blank = {question.id for question in area.questions if question.scored}
            kept = {qid: answer for qid, answer in answers.answers.items() if qid not in blank}
            assessment = assess(rubric, replace(answers, answers=kept))
            (result,) = [result for result in assessment.areas if result.area.id == area.id]
            asked = any(question.status.applies for question in result.questions if question.question.scored)
            assert not asked or result.score.maximum == 0, (area.id, result.score)


def possible_answers(question: Question) -> list[AnswerValue]:
    """Answers that reach every score the question can give: each option alone, every option that
    may be ticked with others ticked together, a number in each band."""
    if question.type is QuestionType.NUMBER:
        return [band.minimum if band.minimum is not None else (band.maximum or 0) - 1 for band in question.bands]
    options = [option for option in question.options if not option.not_applicable]
    if question.type is not QuestionType.MULTIPLE_CHOICE:
        return [option.value for option in options]
    together = tuple(option.value for option in options if not option.exclusive and not option.unknown)
    return [(option.value,) for option in options] + [together]


def extremes(question: Question) -> tuple[AnswerValue, AnswerValue]:
    """An answer with the question's lowest score, and one with its highest, as scoring scores them."""
    scored = [
        (points, value) for value in possible_answers(question) if (points := score_answer(question, value)) is not None
    ]
    return min(scored, key=lambda pair: pair[0])[1], max(scored, key=lambda pair: pair[0])[1]


def test_two_people_at_a_heavy_or_gate_questions_two_ends_disagree_at_the_top_severity(rubric: Rubric) -> None:
    """The whole range of a question is a spread of 1 (docs/multi-respondent.md), so two people at
    its two ends disagree as much as two people can: on a question of weight 1.5 or more, and on a
    gate question (weight 0, scored answers: it decides what else applies), that is high. It was
    once capped at medium wherever the worst option scores above 0 ("nothing done" at 0.1)."""
    heavy = [
        question
        for question in rubric.questions
        if question.max_points > 0 and (question.weight >= 1.5 or question.weight == 0)
    ]
    failures = []
    for question in heavy:
        role = question.roles[0] if question.roles else ""
        people = [
            AnswerSet(rubric.id, rubric.version, "X", Respondent(role, name), {question.id: Answer(value)})
            for name, value in zip(("Low", "High"), extremes(question), strict=True)
        ]
        report = combine(rubric, [assess(rubric, person) for person in people])
        found = {divergence.question.id: divergence.severity for divergence in report.divergences}
        if found.get(question.id) is not Severity.HIGH:
            failures.append(f"{question.id} (weight {question.weight:g}): {found.get(question.id)}")
    assert not failures, "\n".join(failures)


#: The rules no "I don't know" answer can raise, by rubric: the bundled rubric's contradiction
#: rule excludes "I don't know" on purpose, the impact assessment's tests a score, and the mini
#: rubric's funding rule reads a number and a text, which offer no "I don't know".
NOT_RAISED_BY_UNKNOWN = {
    "civil-society-data-readiness": {"people-at-risk-contradiction"},
    "aia-style-impact": {"mitigation-below-80"},
    "mini": {"short-funding-no-plan"},
}


def test_leaving_a_question_blank_never_looks_better_than_i_dont_know(rubric: Rubric) -> None:
    """Before the outside review of 2026-11-27, a blank raised no rule's finding: the bundled
    rubric's near-ideal answers with the threat model left blank were 'ready', and with it answered
    "I don't know" 'not-ready'. Checked wherever "I don't know" raises a rule, on the best answers
    (with the riskiest context, so the rules on people at risk can hold) and random ones, one
    question a rule reads blank or unsure at a time, for every rule an "I don't know" can raise."""
    violations, checked = blank_versus_unknown_violations(rubric, generated_bases(rubric, 8, seed=13))
    assert not violations, "\n".join(violations)
    assert {rule.id for rule in rubric.rules} - checked == NOT_RAISED_BY_UNKNOWN.get(rubric.id, set())


def test_leaving_a_question_blank_never_earns_a_better_verdict_or_passes_a_score_gate(rubric: Rubric) -> None:
    """An outside review (2026-11-27) found a blank scoring 76.3 and "Ready" where "I don't know"
    scored 74.9 and "Ready with conditions", and passing `--fail-under 75`: the blank is not
    scored, and the check above looked only at questions a rule reads. Now a band's score
    conditions and the score gates hold over every score the blanks leave open; checked for
    every question that offers "I don't know", on the best answers and random ones."""
    violations = blank_verdict_violations(rubric, generated_bases(rubric, 6, seed=31))
    assert not violations, "\n".join(violations)


def test_no_answer_raises_a_more_severe_finding_than_leaving_the_question_blank(rubric: Rubric) -> None:
    """Before 2026-11-27's fifth session, a blank raised none of its question's own findings: a
    lead who left "Could the authorities get the data?" blank passed `--fail-on high`, where "I
    don't know" failed it (tests/test_blank_own_finding.py). Now a blank raises the finding of the
    riskiest answer it could be; checked for every required question and every answer to it, on
    the best answers (with the riskiest context too) and random ones."""
    violations = blank_versus_answers_violations(rubric, generated_bases(rubric, 4, seed=29))
    assert not violations, "\n".join(violations)


def test_a_riskier_gate_answer_never_raises_coverage_or_the_verdict(rubric: Rubric) -> None:
    """The review "verdicts2" (its finding 1): "five or more organisations pool the data", its five
    follow-ups answered, was 48 of 53 required questions (90.6%) and "Ready", where "one
    organisation" with the same blanks was 43 of 48 (89.6%) and "Ready with conditions": each
    follow-up answered added 1 to both counts. A follow-up an earlier answer settled now counts as
    answered, so coverage is the same whatever the gate. Checked for every question a ``when``
    reads, every move of its answer to a riskier one that opens a follow-up, on the best answers
    (with the riskiest context too) and random ones, each follow-up opened answered at its best."""
    violations, opening = riskier_gate_violations(rubric, generated_bases(rubric, 8, seed=41))
    assert not violations, "\n".join(violations)
    if any(question.when is not None and question.scored for question in rubric.questions):
        assert opening, "no riskier answer opened a follow-up: the check is empty"


@pytest.mark.parametrize("path", BUNDLED, ids=rubric_id)
def test_i_dont_know_is_offered_and_worded_as_not_knowing(path: Path) -> None:
    """Every finding an "I don't know" answer raises says that nobody knows; titles of rules that
    an unknown answer can raise do not claim as fact what is only possible."""
    rubric = load_rubric(path)
    for question in rubric.questions:
        for option in question.options:
            if option.unknown and option.finding:
                assert re.search(
                    r"know|unsure|unclear|not sure|uncertain|unknown|whether|cannot (tell|say)",
                    option.finding.title,
                    re.I,
                ), f"{question.id}: '{option.finding.title}'"


@pytest.mark.parametrize("path", BUNDLED, ids=rubric_id)
def test_every_choice_offers_i_dont_know(path: Path) -> None:
    """The bundled rubric's own rule: offer "I don't know" wherever a respondent could plausibly not
    know. Every question with options can be answered by someone who does not know; only text,
    which is never scored, has none."""
    rubric = load_rubric(path)
    without = [question.id for question in rubric.questions if question.options and not question.unknown_values]
    assert without == []


# --- The checks catch what they look for -------------------------------------------------------


def test_the_monotonicity_check_catches_a_follow_up_asked_only_after_a_good_answer(mini_rubric: Rubric) -> None:
    # Ask the threat model only when the data is NOT sensitive: the risky answer then skips a
    # follow-up that counts as met, and scores better than the safe one.
    threat = mini_rubric.question("threat-model")
    broken_question = replace(threat, when=Compare("sensitive", "equals", "no"))
    areas = tuple(
        replace(area, questions=tuple(broken_question if q.id == "threat-model" else q for q in area.questions))
        for area in mini_rubric.areas
    )
    broken = replace(mini_rubric, areas=areas, _questions={})
    violations = monotonicity_violations(broken, generated_bases(broken, 8, seed=11))
    assert any("'sensitive'" in violation for violation in violations)


def test_the_monotonicity_check_catches_a_milder_finding_for_a_worse_answer(mini_rubric: Rubric) -> None:
    voice = mini_rubric.question("voice")
    none, consulted, decide = voice.options
    consulted_finding = replace(
        consulted, finding=replace(none.finding, severity=none.finding.severity.__class__("critical"))
    )
    broken_question = replace(voice, options=(none, consulted_finding, decide))
    areas = tuple(
        replace(area, questions=tuple(broken_question if q.id == "voice" else q for q in area.questions))
        for area in mini_rubric.areas
    )
    broken = replace(mini_rubric, areas=areas, _questions={})
    violations = monotonicity_violations(broken, generated_bases(broken, 4, seed=1))
    assert any("'voice': consulted -> none lowers the worst finding" in violation for violation in violations)


@pytest.mark.parametrize("path", BUNDLED, ids=rubric_id)
def test_options_are_not_ordered_best_first(path: Path) -> None:
    """Options run in the order of what they describe, not of their score: a list that always
    starts with the best answer invites it."""
    rubric = load_rubric(path)
    best_first = []
    for question in rubric.questions:
        scored = [option for option in question.options if option.score is not None and not option.unknown]
        if question.type.value != "single_choice" or not question.scored or len(scored) < 2:
            continue
        if question.options[0].score == max(option.score for option in scored):  # type: ignore[type-var]
            best_first.append(question.id)
    assert not best_first


@pytest.mark.parametrize("path", BUNDLED, ids=rubric_id)
def test_every_finding_names_who_acts_and_speaks_to_them(path: Path) -> None:
    """Advice that reads right for whoever answered: each finding names its owner role, and no
    recommendation tells the reader to get someone else (possibly themselves) to act."""
    rubric = load_rubric(path)
    specs = [option.finding for question in rubric.questions for option in question.options if option.finding]
    specs += [band.finding for question in rubric.questions for band in question.bands if band.finding]
    specs += [rule.finding for rule in rubric.rules]
    assert specs
    for spec in specs:
        assert spec.owner is not None, spec.title
        roles = "|".join(re.escape(word) for role in rubric.roles for word in (role.id, role.label.split()[0]))
        assert not re.search(rf"\b(ask|have|get) the ({roles})\b", spec.recommendation, re.I), spec.recommendation


@pytest.mark.parametrize("path", [*RUBRICS, ROOT / "tests" / "fixtures" / "ruled-out" / "rubric.yaml"], ids=rubric_id)
def test_answers_that_rule_a_rule_out_leave_it_false_whatever_else_was_answered(path: Path) -> None:
    """Since 2026-11-27's sixth session, a combined report says whose answers rule a rule out
    (tests/test_ruled_out.py). That must never claim more than the answers say: checked on the
    best answers (with the riskiest context too) and random ones in every role, against every
    answer (or none) to the rule's questions that were not put to the respondent. The check must
    not be empty: some respondent rules some rule out in every rubric with rules on answers."""
    rubric = load_rubric(path)
    bases = generated_bases(rubric, 12, seed=37)
    violations = ruled_out_violations(rubric, bases)
    assert not violations, "\n".join(violations)
    if any(rule.questions for rule in rubric.rules):  # a rule on scores alone is never ruled out
        assert any(assess(rubric, base).ruled_out for base in bases)


@pytest.mark.parametrize("path", [*RUBRICS, CLOSED_FOLLOW_UP], ids=rubric_id)
def test_worse_answers_never_earn_a_better_verdict_score_judged_or_coverage(path: Path) -> None:
    """An outside review (2026-11-30) moved the verdict the wrong way through what it reads beside
    the score shown: a safer gate answer closing an area's only follow-up, the area's other
    question blank, was judged on a score no answers give (40, below the 57.5 to 70 left open); a
    riskier gate answer opening follow-ups raised coverage, and "five or more organisations" was
    "Ready" where "one" was not. Checked with blanks at random, and with each area's questions
    that are not follow-ups left blank (many bases for a small rubric, where the one answer that
    crosses a band is rarer; the closed-follow-up rubric fails this with the code before the fix)."""
    rubric = load_rubric(path)
    rng = random.Random(41)
    bases = [with_blanks(base, rng, 0.2) for base in generated_bases(rubric, 8, seed=43)]
    bases += area_blank_bases(rubric, generated_bases(rubric, 30 if len(rubric.questions) < 20 else 3, seed=47))
    violations = verdict_monotonicity_violations(rubric, bases)
    assert not violations, "\n".join(violations)
