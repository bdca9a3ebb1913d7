"""Defects noticed and left at the end of the first session of 2026-11-29, fixed in the second,
each as a user meets it. Every expectation was written before its fix and seen to fail without it.

* A comparison with a baseline that answered nothing said "80 findings raised then only on
  questions left blank then" where the baseline report lists 53: the count takes in the findings
  a rule's finding states in context, which the report does not list on their own.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_in, unwrapped

COUNTY = ROOT / "examples" / "county-justice"
PINNED = {"SOURCE_DATE_EPOCH": "1795000000"}  # 2026-11-18


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args, env=PINNED)


@pytest.fixture(scope="module")
def empty_baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county lead's file with no answers, dated July, reported as JSON: a baseline of nothing."""
    folder = tmp_path_factory.mktemp("empty")
    head = (COUNTY / "lead.yaml").read_text(encoding="utf-8").split("\nanswers:")[0]
    (folder / "empty.yaml").write_text(head.replace("2026-10-14", "2026-07-01") + "\nanswers: {}\n", encoding="utf-8")
    assert run("report", "empty.yaml", "-o", "base.json", cwd=folder).returncode == 0
    return folder


def test_findings_not_compared_say_how_many_a_rule_states_inside_its_own(empty_baseline: Path) -> None:
    base = json.loads((empty_baseline / "base.json").read_text(encoding="utf-8"))
    listed_then, inside_then = len(base["findings"]), len(base["covered_findings"])
    done = run("report", COUNTY / "lead.yaml", "--baseline", "base.json", "-o", "now.json", cwd=empty_baseline)
    assert done.returncode == 0, done.stderr
    now = json.loads((empty_baseline / "now.json").read_text(encoding="utf-8"))
    counts = now["progress"]["findings"]
    assert (counts["resolved"], counts["new"]) == ([], [])
    still_open = len(counts["still_open"])
    # Every finding the baseline raised is either still open or not compared; those not compared
    # are the listed ones not still open plus those stated inside a rule's finding.
    untold_then = listed_then - still_open + inside_then
    sentences = now["progress"]["not_compared"]
    expected = (
        f"{untold_then} findings ({inside_then} of them stated inside a rule's finding) raised then only on "
        "questions left blank then"
    )
    assert any(sentence.startswith(expected) for sentence in sentences), sentences
    done = run("report", COUNTY / "lead.yaml", "--baseline", "base.json", "-o", "now.md", cwd=empty_baseline)
    assert expected in unwrapped((empty_baseline / "now.md").read_text(encoding="utf-8"))


LATER = ROOT / "examples" / "county-justice-three-months-later"


def test_two_files_of_one_person_in_a_role_leave_them_identifiable_by_role(tmp_path: Path) -> None:
    """With ``--anonymize``, a role whose only person answered twice (an earlier file left beside
    the new one) has one respondent to identify, as a role of one file has."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "lead-2026-10.yaml").write_bytes((COUNTY / "lead.yaml").read_bytes())
    (team / "lead.yaml").write_bytes((LATER / "lead.yaml").read_bytes())
    (team / "funder.yaml").write_bytes((COUNTY / "funder.yaml").read_bytes())
    community = (COUNTY / "community.yaml").read_text(encoding="utf-8")
    (team / "community.yaml").write_text(community, encoding="utf-8")
    assert "name: Marcus Bell" in community
    (team / "community-2.yaml").write_text(community.replace("name: Marcus Bell", "name: Rosa Diaz"), encoding="utf-8")
    done = run("report", "team", "--anonymize", "-o", "report.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    said = (
        "Funder and Lead organisation have one respondent each, identifiable with all their answers by anyone "
        "who knows who answered in those roles"
    )
    assert f"warning: --anonymize hides names, but {said}" in " ".join(done.stderr.split())
    assert said in unwrapped((tmp_path / "report.md").read_text(encoding="utf-8"))


# --- From a methodologist's review (2026-11-29): what the template says of a follow-up --------------

RUBRICS = sorted(
    [
        *ROOT.glob("rubrics/*.yaml"),
        *ROOT.glob("examples/rubrics/*.yaml"),
        ROOT / "tests" / "fixtures" / "mini-rubric.yaml",
    ]
)


@pytest.mark.parametrize("path", RUBRICS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_a_follow_up_is_asked_whenever_its_sentence_says_so(path: Path) -> None:
    """``Asked only if ... or if that answer is “I don't know” or left blank``: for every
    follow-up of every rubric, the scorer asks it (a report counts it) with the answers it tests
    left blank, and with each "I don't know" the sentence names. The template once said only
    "Asked only if partner-count is Two to four or Five or more", and five questions skipped on
    its word after an "I don't know" made the county lead's report 2 critical, 7 high."""
    from civdata.describe import asked_if_text
    from civdata.model import Answer, AnswerSet, Respondent, answer_tests
    from civdata.results import QuestionStatus
    from civdata.rubric_loader import load_rubric
    from civdata.scoring import walk

    rubric = load_rubric(path)
    for question in rubric.questions:
        tested = {test.question for test in answer_tests(question.when) if test.operator != "answered"}
        if not tested:
            continue
        sentence = asked_if_text(question, rubric)
        assert sentence is not None and "left blank (it could then be one that asks this)." in sentence
        role = next(role.id for role in rubric.roles if question.asked_of(role.id))
        cases: list[dict[str, Answer]] = [{}]
        for question_id in tested:
            for option in rubric.question(question_id).options:
                if option.unknown and f"“{option.label}”" in sentence:
                    cases.append({question_id: Answer(option.value)})
        for answers in cases:
            answer_set = AnswerSet(rubric.id, rubric.version, "x", Respondent(role), answers)
            status = walk(rubric, answer_set).statuses[question.id]
            assert status is QuestionStatus.UNANSWERED, (question.id, answers, sentence)


def test_the_template_says_a_follow_up_is_asked_after_i_dont_know_and_marks_options_to_choose_alone(
    tmp_path: Path,
) -> None:
    done = run("template", "-o", "answers.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = " ".join(
        line.strip().lstrip("#").strip()
        for line in (tmp_path / "answers.yaml").read_text(encoding="utf-8").splitlines()
    )
    assert (
        "Asked only if “Organisations contributing data” (partner-count) is “Two to four organisations” or “Five or "
        "more organisations”, or if that answer is “I don't know” or left blank (it could then be one that asks this)."
    ) in text
    assert "no person or organisation named (only on its own)" in text
    assert "Other people (say which in a note)" in text
    assert "I don't know (“I don't know”)" not in text
