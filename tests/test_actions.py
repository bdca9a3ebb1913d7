"""The action plan (civdata/actions.py) and the rubric's ``act_by``.

Expected plans below were worked out by hand from the findings given, before the code ran.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from rubric_properties import random_answers

from civdata.actions import action_plan
from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.combine import combine
from civdata.model import ActBy, Answer, AnswerSet, AnswerValue, Respondent, Rubric, Severity
from civdata.results import Finding, FindingKind, FindingSource
from civdata.rubric_loader import load_rubric
from civdata.schemacheck import load_schema
from civdata.scoring import assess
from tests.conftest import MINI_RUBRIC, ROOT
from tests.test_cli import run
from tests.test_plan_rows import ORDER as DEADLINE_ORDER


def finding(
    finding_id: str,
    severity: str,
    recommendation: str,
    *,
    question: str | None = None,
    act_by: ActBy | None = None,
    kind: FindingKind = FindingKind.ANSWER,
    people: tuple[int, ...] = (),
    owner: str | None = None,
) -> Finding:
    return Finding(
        id=finding_id,
        severity=Severity(severity),
        title=finding_id,
        recommendation=recommendation,
        source=FindingSource(kind, question_id=question, respondents=people),
        owner=owner,
        act_by=act_by,
    )


def test_findings_on_one_single_answer_question_make_one_action_worded_by_the_worse(mini_rubric) -> None:
    # `voice` takes one answer: two people answering it differently is one matter to act on.
    plan = action_plan(
        mini_rubric,
        [
            finding("voice:none", "high", "Invite them.", question="voice", people=(0, 2), act_by=ActBy.THIS_MONTH),
            finding("voice:consulted", "low", "Ask again.", question="voice", people=(1,), act_by=ActBy.THIS_WEEK),
        ],
    )
    assert len(plan) == 1
    (action,) = plan
    assert (action.id, action.text, action.severity) == ("question:voice", "Invite them.", Severity.HIGH)
    # Dated as worded, by the lead finding: "this week" was the date of "Ask again.", not of the text.
    assert action.act_by is ActBy.THIS_MONTH
    assert action.findings == ("voice:none", "voice:consulted")
    assert action.raised_by == 3


def test_options_of_a_multiple_choice_question_stay_separate_actions(mini_rubric) -> None:
    # `safeguards` takes several answers: each chosen option can call for something different.
    plan = action_plan(
        mini_rubric,
        [
            finding("safeguards:none", "critical", "Put safeguards in place.", question="safeguards"),
            finding("safeguards:other", "low", "Describe the others.", question="safeguards"),
        ],
    )
    assert [action.id for action in plan] == ["finding:safeguards:none", "finding:safeguards:other"]


def test_the_same_words_make_one_action_under_the_first_id(mini_rubric) -> None:
    plan = action_plan(
        mini_rubric,
        [
            finding("rule:a", "medium", "Write  the plan.", kind=FindingKind.RULE),
            finding("rule:b", "high", "write the PLAN.", kind=FindingKind.RULE),
        ],
    )
    assert [(action.id, action.severity, action.findings) for action in plan] == [
        ("finding:rule:a", Severity.HIGH, ("rule:b", "rule:a"))
    ]


def test_order_is_severity_then_urgency_then_report_order(mini_rubric) -> None:
    plan = action_plan(
        mini_rubric,
        [
            finding("a", "high", "A.", kind=FindingKind.RULE),  # no date: after dated ones of its severity
            finding("b", "high", "B.", kind=FindingKind.RULE, act_by=ActBy.BEFORE_COLLECTING),
            finding("c", "high", "C.", kind=FindingKind.RULE, act_by=ActBy.THIS_MONTH),
            finding("d", "critical", "D.", kind=FindingKind.RULE, act_by=ActBy.BEFORE_THE_END),
            finding("e", "high", "E.", kind=FindingKind.RULE, act_by=ActBy.THIS_MONTH),
            finding("f", "high", "F.", kind=FindingKind.RULE, act_by=ActBy.BEFORE_THE_END),
        ],
    )
    # A stage the project takes (collecting) before the calendar; the end of the project after it.
    assert [action.text for action in plan] == ["D.", "B.", "C.", "E.", "F.", "A."]


def test_deadlines_rank_now_then_the_stages_a_project_takes_then_the_calendar_then_its_end() -> None:
    ranked = sorted(ActBy, key=lambda act_by: act_by.rank)
    assert [act_by.value for act_by in ranked] == DEADLINE_ORDER
    assert sorted(act_by.rank for act_by in ActBy) == list(range(len(ActBy)))


def test_disagreements_on_different_questions_are_never_one_action(mini_rubric) -> None:
    # The roles to bring together are the same, and so were the words; the questions are not.
    words = "Before acting on this answer, bring Lead organisation and Partner organisation together."
    plan = action_plan(
        mini_rubric,
        [
            finding("divergence:voice", "high", words, question="voice", kind=FindingKind.DIVERGENCE),
            finding("divergence:months", "medium", words, question="months", kind=FindingKind.DIVERGENCE),
            finding("divergence:threat-model", "medium", words, question="threat-model", kind=FindingKind.DIVERGENCE),
        ],
    )
    assert [(action.id, action.findings) for action in plan] == [
        ("finding:divergence:voice", ("divergence:voice",)),
        ("finding:divergence:months", ("divergence:months",)),
        ("finding:divergence:threat-model", ("divergence:threat-model",)),
    ]


def test_a_disagreement_worded_like_a_finding_of_the_rubric_is_an_action_of_its_own(mini_rubric) -> None:
    # Settling what people disagree on is other work than what an answer calls for.
    words = "Invite representatives to the steering group."
    plan = action_plan(
        mini_rubric,
        [
            finding("voice:none", "high", words, question="voice"),
            finding("divergence:voice", "high", words, question="voice", kind=FindingKind.DIVERGENCE),
        ],
    )
    assert [action.id for action in plan] == ["question:voice", "finding:divergence:voice"]


def test_a_missing_voice_is_raised_by_nobody(mini_rubric) -> None:
    (action,) = action_plan(mini_rubric, [finding("role:community", "critical", "Ask.", kind=FindingKind.ROLE)])
    assert action.raised_by == 0


def test_act_by_values_are_the_schemas_in_the_documented_order() -> None:
    listed = load_schema("rubric")["$defs"]["finding"]["properties"]["act_by"]["enum"]
    assert listed == [item.value for item in ActBy]
    assert load_schema("report")["$defs"]["act_by"]["enum"] == [*listed, None]


def test_severities_are_the_schemas_ranked_from_critical_down() -> None:
    listed = load_schema("rubric")["$defs"]["severity"]["enum"]
    assert listed == [item.value for item in Severity]
    assert [Severity(name).rank for name in listed] == [4, 3, 2, 1, 0]


def test_every_finding_of_the_bundled_rubric_says_how_soon_to_act() -> None:
    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    specs = [
        *(option.finding for question in rubric.questions for option in question.options if option.finding),
        *(band.finding for question in rubric.questions for band in question.bands if band.finding),
        *(rule.finding for rule in rubric.rules),
    ]
    assert len(specs) > 150
    assert [spec.title for spec in specs if spec.act_by is None] == []


def test_a_wrong_act_by_is_a_located_problem(tmp_path: Path) -> None:
    source = (ROOT / "tests/fixtures/mini-rubric.yaml").read_text(encoding="utf-8")
    assert "owner: lead}}" in source
    changed = source.replace("owner: lead}}", "owner: lead, act_by: someday}}", 1)
    where = changed.index("someday")
    line = changed[:where].count("\n") + 1
    column = where - changed.rfind("\n", 0, where)
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(changed, encoding="utf-8")
    result = run("rubric", "validate", str(rubric))
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{rubric}:{line}:{column}: 'act_by' in the finding of option 'unsure'"), first
    assert "'this-week'" in first and "someday" in first


@pytest.mark.parametrize("example", ["examples/county-justice", "examples/refugee-services/answers.yaml"])
def test_every_finding_is_answered_by_exactly_one_action(example: str) -> None:
    result = run("report", str(ROOT / example), "-f", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    answered = [finding_id for action in document["actions"] for finding_id in action["findings"]]
    assert sorted(answered) == sorted(finding["id"] for finding in document["findings"])
    ranks = [(-Severity(action["severity"]).rank) for action in document["actions"]]
    assert ranks == sorted(ranks)


# --- The same plan in every language -------------------------------------------------------------
# docs/frameworks.md: --lang "translates what the rubric says"; an action's id is what a team ticks
# off, so which findings make one action is decided on the rubric's own words, never a translation's.

TRANSLATIONS = ROOT / "tests" / "fixtures" / "translations"

#: Worked out by hand from the French, the rubric's own language, of each fixture.
SAME_PLAN = {
    "partial": [("question:backup", ["backup:no", "encryption:no"])],
    "full": [("question:backup", ["backup:no", "encryption:no"]), ("question:access", ["access:no"])],
}


@pytest.mark.parametrize("lang", ["fr", "ar", "es"])
@pytest.mark.parametrize("translation", sorted(SAME_PLAN))
def test_the_action_plan_is_the_same_in_every_language(translation: str, lang: str) -> None:
    result = run(
        "report",
        str(TRANSLATIONS / f"{translation}-answers.yaml"),
        "-r",
        str(TRANSLATIONS / f"{translation}.yaml"),
        "--lang",
        lang,
        "-f",
        "json",
    )
    assert result.returncode == 0, result.stderr
    actions = json.loads(result.stdout)["actions"]
    assert [(action["id"], action["findings"]) for action in actions] == SAME_PLAN[translation]


LANGUAGE_RUBRICS = sorted(
    [
        *ROOT.glob("rubrics/*.yaml"),
        *ROOT.glob("examples/rubrics/*.yaml"),
        *(path for path in TRANSLATIONS.glob("*.yaml") if not path.name.endswith("answers.yaml")),
    ]
)


@pytest.mark.parametrize("path", LANGUAGE_RUBRICS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_action_ids_and_their_findings_never_depend_on_the_language(path: Path) -> None:
    own = load_rubric(path)
    shown = {code: load_rubric(path, lang=code) for code in own.languages}
    roles = [role.id for role in own.roles] or [""]
    rng = random.Random(3)
    for _ in range(6):
        people = [random_answers(own, rng, rng.choice(roles)) for _ in range(rng.randint(1, 3))]
        plans = {
            code: [
                (action.id, action.findings)
                for action in combine(rubric, [assess(rubric, answers) for answers in people]).actions
            ]
            for code, rubric in shown.items()
        }
        assert all(plan == plans[own.language] for plan in plans.values()), plans


# --- An action keeps its id whichever of its findings are raised ---------------------------------
# An action of findings that read alike was named after whichever came first in the report: once
# that one was resolved (or not raised by these respondents), the same work had another id, and a
# kept plan lost its tick, owner and date. It is named after the first finding of its words in the
# rubric's order now (tests/fixtures/merged-actions.yaml says which pairs read alike).

MERGED = ROOT / "tests" / "fixtures" / "merged-actions.yaml"


def merged_plan(answers: dict[str, AnswerValue]) -> list[tuple[str, tuple[str, ...]]]:
    """The action plan (id, findings) of one respondent's ``answers`` to the merged-actions rubric."""
    rubric = load_rubric(MERGED)
    people = AnswerSet(
        rubric.id, rubric.version, "Records", Respondent("lead"), {q: Answer(v) for q, v in answers.items()}
    )
    return [(action.id, action.findings) for action in combine(rubric, [assess(rubric, people)]).actions]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # Both raised, the rubric's first first in the report too.
        (
            {"storage": ("laptops",), "transfer": ("usb",), "encryption": "yes"},
            [("finding:storage:laptops", ("storage:laptops", "transfer:usb"))],
        ),
        # Only the second raised: the same action, the same id.
        (
            {"storage": ("server",), "transfer": ("usb",), "encryption": "yes"},
            [("finding:storage:laptops", ("transfer:usb",))],
        ),
        # Both raised, the rubric's first later in the report (less severe): still its id.
        (
            {"storage": ("paper",), "transfer": ("portal",), "encryption": "no"},
            [("finding:storage:paper", ("rule:unencrypted", "storage:paper"))],
        ),
        # Only the rule raised.
        (
            {"storage": ("server",), "transfer": ("portal",), "encryption": "no"},
            [("finding:storage:paper", ("rule:unencrypted",))],
        ),
        # All four: two actions, most severe first, as before.
        (
            {"storage": ("laptops", "paper"), "transfer": ("usb",), "encryption": "no"},
            [
                ("finding:storage:paper", ("rule:unencrypted", "storage:paper")),
                ("finding:storage:laptops", ("storage:laptops", "transfer:usb")),
            ],
        ),
    ],
)
def test_an_action_of_findings_worded_alike_has_the_id_of_the_rubrics_first(
    answers: dict[str, AnswerValue], expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert merged_plan(answers) == expected


RETENTION = """\
      - id: retention
        title: Retention
        prompt: How long are the records kept?
        type: single_choice
        options:
          - {value: year, label: A year, score: 1}
          - value: forever
            label: For ever
            score: 0
            finding:
              severity: high
              title: Kept for ever
              recommendation: Move the records to the encrypted server this month.
          - value: unknown
            label: Nobody knows
            score: 0
            finding:
              severity: high
              title: Nobody knows
              recommendation: Keep the records where only the team can open them.
"""


def test_findings_linked_through_a_question_that_takes_one_answer_are_one_action(tmp_path: Path) -> None:
    # `retention` takes one answer, and its two findings read like the two pairs of the fixture: the
    # rubric makes all six one action, named after its first (`storage: laptops`), even in a report
    # whose findings are not worded alike and whose `retention` raises none.
    source = MERGED.read_text(encoding="utf-8").replace("rules:\n", RETENTION + "rules:\n", 1)
    path = tmp_path / "linked.yaml"
    path.write_text(source, encoding="utf-8")
    rubric = load_rubric(path)
    answers = {"storage": ("paper",), "transfer": ("usb",), "encryption": "yes", "retention": "year"}
    people = AnswerSet(rubric.id, rubric.version, "x", Respondent("lead"), {q: Answer(v) for q, v in answers.items()})
    plan = combine(rubric, [assess(rubric, people)]).actions
    assert [(action.id, action.findings) for action in plan] == [
        ("finding:storage:laptops", ("transfer:usb", "storage:paper"))
    ]


def every_finding(rubric: Rubric) -> list[Finding]:
    """Each finding the rubric can raise, as a report has it (once each, nobody named)."""
    found = []
    for raisable in rubric.raisable_findings:
        spec, question = raisable.spec, raisable.question
        source = (
            FindingSource(FindingKind.ANSWER, question_id=question.id)
            if question is not None
            else FindingSource(FindingKind.RULE, rule_id=raisable.id.removeprefix("rule:"))
        )
        found.append(
            Finding(
                id=raisable.id,
                severity=spec.severity,
                title=spec.title,
                recommendation=spec.recommendation,
                source=source,
                owner=spec.owner,
                act_by=spec.act_by,
                own_recommendation=spec.own_recommendation,
            )
        )
    return found


PLAN_RUBRICS = sorted([*ROOT.glob("rubrics/*.yaml"), *ROOT.glob("examples/rubrics/*.yaml"), MERGED, MINI_RUBRIC])


@pytest.mark.parametrize("path", PLAN_RUBRICS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_an_action_has_the_same_id_whichever_of_the_rubrics_findings_are_raised(path: Path) -> None:
    rubric = load_rubric(path)
    every = every_finding(rubric)
    assert every, path
    whole = {finding_id: action.id for action in action_plan(rubric, every) for finding_id in action.findings}
    rng = random.Random(11)
    for _ in range(300):
        some = rng.sample(every, rng.randint(1, min(len(every), 8)))  # in any order a report may list them
        for action in action_plan(rubric, some):
            assert {whole[finding_id] for finding_id in action.findings} == {action.id}, (
                [finding.id for finding in some],
                action,
            )
