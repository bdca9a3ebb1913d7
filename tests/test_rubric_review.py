"""Rubric defects a methodologist's review found, each pinned by the command a rubric's author runs.

Every rubric here validated before the fix and then scored in a way the documentation rules out:
a follow-up nobody could open counted as met, a higher score got a worse verdict, a best verdict
no answers could reach. The expected outcomes are written from docs/rubric-format.md and
docs/scoring.md; the exact messages of every case are in tests/cases/rubrics/bad.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import ROOT, civdata_command

HEAD = """\
format: 1
id: review
version: 1.0.0
title: Review
description: A rubric from a methodologist's review.
license: CC0-1.0
authors: [civdata maintainers]
"""

#: The example of docs/rubric-format.md, with the question that opens the threat model asked of the
#: technical team only: the follow-up is still asked of every role.
SENSITIVE_FOR_TECH_ONLY = (
    HEAD
    + """\
roles:
  - {id: lead, label: Lead organisation}
  - {id: tech, label: Technical team}
areas:
  - id: power
    title: Power
    questions:
      - id: sensitive
        title: People at risk
        prompt: Could people be harmed?
        type: yes_no
        roles: [tech]
        weight: 0
        options:
          - {value: "yes", score: 0}
          - {value: "no", score: 1}
      - id: threat-model
        title: Threat model
        prompt: Is there a threat model?
        type: yes_no
        when: {question: sensitive, in: ["yes"]}
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
rules:
  - id: sensitive-no-model
    when: {all: [{question: sensitive, equals: "yes"}, {question: threat-model, equals: "no"}]}
    finding: {severity: critical, title: People at risk and no threat model, recommendation: Write one.}
verdicts:
  - {id: ready, label: Ready, min_score: 75, max_severity: medium}
  - {id: not-ready, label: Not ready}
"""
)

ANSWERS = """\
format: 1
rubric: {id: review, version: 1.0.0}
initiative: Tenants union
respondent: {name: A, role: lead}
date: '2026-01-01'
answers:
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120
    )


def problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("civdata: ")]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_follow_up_opened_by_a_question_its_roles_are_not_asked_is_refused(tmp_path: Path) -> None:
    """Before: validate said ok, and the lead's report was Ready with full marks for a threat model
    the lead said did not exist: `sensitive` is never asked of the lead, so its test was false and
    the follow-up, never asked of anyone but the technical team, counted as met."""
    rubric = write(tmp_path, "rubric.yaml", SENSITIVE_FOR_TECH_ONLY)
    answers = write(tmp_path, "a1.yaml", ANSWERS + '  threat-model: "no"\n')

    validated = run("rubric", "validate", rubric)
    reported = run("report", answers, "-r", rubric, "-f", "summary", "-o", "-")

    for result in (validated, reported):
        assert result.returncode == 2, result.stdout
        assert result.stdout == ""
        [problem] = problems(result)
        assert problem.startswith(
            f"{rubric}:28:26: question 'threat-model' tests 'sensitive', which is not asked of 'lead'"
        )
        assert (
            "ask 'sensitive' of them too, or ask 'threat-model' only of the roles asked 'sensitive' (roles: [tech])"
            in problem
        )


def test_the_follow_up_limited_to_the_roles_that_open_it_is_scored_from_their_answers(tmp_path: Path) -> None:
    """The fix the message gives: ask the threat model only of the technical team. The rubric is
    accepted, and a technical team that says the data is sensitive and has no threat model gets
    the critical finding and no Ready."""
    rubric = write(
        tmp_path,
        "rubric.yaml",
        SENSITIVE_FOR_TECH_ONLY.replace(
            "type: yes_no\n        when:", "type: yes_no\n        roles: [tech]\n        when:"
        ),
    )
    answers = write(
        tmp_path,
        "a1.yaml",
        (ANSWERS + '  sensitive: "yes"\n  threat-model: "no"\n').replace("role: lead", "role: tech"),
    )

    assert run("rubric", "validate", rubric).returncode == 0
    reported = run("report", answers, "-r", rubric, "-f", "summary", "-o", "-")

    assert reported.returncode == 0, reported.stderr
    assert "Not ready" in reported.stdout
    assert "People at risk and no threat model" in reported.stdout


def one_question_rubric(scores: tuple[float, float, float], verdicts: str, direction: str = "readiness") -> str:
    """A rubric of one question whose three options score ``scores``, with the ``verdicts`` given."""
    return (
        HEAD
        + f"direction: {direction}\n"
        + """\
roles:
  - {id: lead, label: Lead}
areas:
  - id: policy
    title: Policy
    questions:
      - id: policy
        title: Policy
        prompt: Is there a data policy?
        type: single_choice
        options:
"""
        + "".join(
            f"          - {{value: {value}, label: {value}, score: {score}}}\n"
            for value, score in zip(("none", "draft", "adopted"), scores, strict=True)
        )
        + "verdicts:\n"
        + verdicts
    )


def test_a_score_between_two_verdict_bands_is_refused_before_it_gets_the_worst_verdict(tmp_path: Path) -> None:
    """Before: validate said ok, and a draft policy (74.5) was Not ready while a score of 74 would be
    Ready with conditions: the bands were written as if scores were whole numbers."""
    rubric = write(
        tmp_path,
        "gap.yaml",
        one_question_rubric(
            (0, 0.745, 1),
            "  - {id: ready, label: Ready, min_score: 75}\n"
            "  - {id: conditional, label: Ready with conditions, min_score: 50, max_score: 74}\n"
            "  - {id: not-ready, label: Not ready}\n",
        ),
    )
    answers = write(tmp_path, "a.yaml", ANSWERS + "  policy: draft\n")

    for result in (run("rubric", "validate", rubric), run("report", answers, "-r", rubric, "-o", "-")):
        assert result.returncode == 2, result.stdout
        [problem] = problems(result)
        assert problem.startswith(f"{rubric}:25:79:")
        # Was refused as a gap, with "write 'max_score: 75'"; a readiness band without a 'when' may no
        # longer have a max_score at all (a higher score could get a worse verdict), which is what is
        # said now, at the same place, and the fix that closes the gap is to remove it.
        assert "verdict 'conditional' is given no score above 74 (max_score) in a readiness rubric" in problem
        assert "remove 'max_score'" in problem

    fixed = write(tmp_path, "gap.yaml", rubric.read_text(encoding="utf-8").replace(", max_score: 74", ""))
    reported = run("report", answers, "-r", fixed, "-f", "summary", "-o", "-")
    assert reported.returncode == 0, reported.stderr
    assert "Ready with conditions" in reported.stdout


def test_a_risk_score_between_two_verdict_bands_is_refused(tmp_path: Path) -> None:
    """Before: a risk of 30.5 was in no band but the last, the worst, while 30 was low and 31 medium."""
    # 'medium' has a 'when' that every answer meets, so that it is still the gap that is refused: a
    # risk band without a 'when' may no longer have a min_score at all (a lower score could get a
    # worse verdict), which is then said instead, once, at the same place (removing it closes the gap).
    rubric = write(
        tmp_path,
        "gap3.yaml",
        one_question_rubric(
            (0, 0.305, 1),
            "  - {id: low, label: Low risk, max_score: 30}\n"
            "  - {id: medium, label: Medium, min_score: 31, max_score: 70, when: {question: policy, answered: true}}\n"
            "  - {id: high, label: High risk}\n",
            direction="risk",
        ),
    )

    result = run("rubric", "validate", rubric)

    assert result.returncode == 2, result.stdout
    [problem] = problems(result)
    assert problem.startswith(f"{rubric}:25:44:")
    assert "verdict 'medium' starts at 'min_score: 31'" in problem
    assert "write 'min_score: 30' (a score of 30 still gets 'low', listed first)" in problem

    without_when = write(
        tmp_path,
        "gap3.yaml",
        rubric.read_text(encoding="utf-8").replace(", when: {question: policy, answered: true}", ""),
    )
    result = run("rubric", "validate", without_when)
    assert result.returncode == 2, result.stdout
    [problem] = problems(result)
    assert problem.startswith(f"{rubric}:25:44:")
    assert "verdict 'medium' is given no score below 31 (min_score) in a risk rubric" in problem
    assert "remove 'min_score'" in problem


def test_a_best_verdict_no_answers_can_reach_is_refused(tmp_path: Path) -> None:
    """Before: validate said ok, and the best answer (0.5) gave Not ready at 50/100: Ready, at 75,
    could never be given, and nothing said so."""
    rubric = write(
        tmp_path,
        "imp.yaml",
        one_question_rubric(
            (0, 0.25, 0.5), "  - {id: ready, label: Ready, min_score: 75}\n  - {id: not-ready, label: Not ready}\n"
        ),
    )
    answers = write(tmp_path, "a.yaml", ANSWERS + "  policy: adopted\n")

    for result in (run("rubric", "validate", rubric), run("report", answers, "-r", rubric, "-o", "-")):
        assert result.returncode == 2, result.stdout
        assert result.stdout == ""
        [problem] = problems(result)
        assert problem.startswith(
            f"{rubric}:24:42: verdict 'ready' asks for a score of at least 75, but no answers give an overall "
            "score above 50:"
        )


def test_a_best_verdict_reached_only_through_a_follow_up_counted_as_met_is_accepted(tmp_path: Path) -> None:
    """No false alarm: the best answer scores 0.5, but it makes the follow-up (opened by the riskier
    answers) unnecessary, and a follow-up not needed counts as met, so the area reaches 75 (0.5 and
    1, out of 2), and so does the report."""
    text = one_question_rubric(
        (0, 0.25, 0.5), "  - {id: ready, label: Ready, min_score: 75}\n  - {id: not-ready, label: Not ready}\n"
    ).replace(
        "verdicts:\n",
        """\
      - id: review
        title: Review
        prompt: Is the draft reviewed?
        type: yes_no
        when: {question: policy, in: [none, draft]}
        options:
          - {value: "yes", score: 0.5}
          - {value: "no", score: 0}
verdicts:
""",
    )
    rubric = write(tmp_path, "follow.yaml", text)
    answers = write(tmp_path, "a.yaml", ANSWERS + "  policy: adopted\n")

    assert run("rubric", "validate", rubric).returncode == 0
    reported = run("report", answers, "-r", rubric, "-f", "summary", "-o", "-")
    assert reported.returncode == 0, reported.stderr
    assert "Ready" in reported.stdout and "Not ready" not in reported.stdout
