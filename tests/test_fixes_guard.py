"""Fixes of the review "verdicts2", finding 3: the guard ``{question: X, answered: true}`` on a
question that applies and was left blank.

The guard the docs call the usual one was simply false on a blank, so a rule it guards was never
raised by a blank, while "I don't know" raised it: leaving the follow-up blank escaped a critical
rule and passed ``--fail-on critical``. A blank could be any answer, and so an answer: on a blank,
``answered: true`` (and ``not: {answered: false}``) is now possibly true, as every other test on a
blank is; ``answered: false`` is still true there (it states the blank). Nothing changes for a
follow-up an earlier answer closed or a question the role is not asked.

Each test was written before its fix and seen to fail, except those marked as keeping what held
before (they fail if the fix reaches too far).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import civdata_in, comment_prose, unwrapped

#: The reviewer's ``bio.yaml``, built on the docs' own example; ``ROLES`` and ``ASKED_OF`` let a
#: test ask the biometrics questions of one role only, ``FOLLOW_UP`` add a question after them,
#: ``WHEN`` is the rule's condition.
BIO = """\
format: 1
id: bio
version: 1.0.0
title: Biometrics check
description: Repro.
license: CC-BY-4.0
authors: [Reviewer]
roles:
  - {id: lead, label: Lead}ROLES
areas:
  - id: a
    title: Records
    questions:
      - id: biometrics
        title: Biometrics
        prompt: Do the records hold biometric data?
        type: yes_no
        weight: 0ASKED_OF
        options:
          - {value: "yes", score: 0}
          - {value: "no", score: 1}
          - {value: unsure, finding: {severity: high, title: Nobody knows whether the records hold biometrics, \
recommendation: Find out.}}
      - id: biometric-sharing
        title: Biometric sharing
        prompt: Who receives the biometric records?
        type: single_choice
        when: {question: biometrics, in: ["yes", unsure]}ASKED_OF
        options:
          - {value: never-shared, label: Nobody outside, score: 1}
          - {value: partners, label: Partners, score: 0.3, finding: {severity: high, title: Biometric records go \
to partners, recommendation: Stop sharing them.}}
          - {value: unsure, label: I don't know, unknown: true, finding: {severity: high, title: Nobody knows who \
receives the biometric records, recommendation: Find out.}}FOLLOW_UP
      - id: training
        title: Training
        prompt: Are staff trained?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0, finding: {severity: medium, title: No training, recommendation: Train.}}
          - {value: unsure, finding: {severity: medium, title: Training not known, recommendation: Find out.}}
      - id: retention
        title: Retention
        prompt: Is there a retention schedule?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0, finding: {severity: medium, title: No retention schedule, recommendation: \
Write one.}}
          - {value: unsure, finding: {severity: medium, title: Retention not known, recommendation: Find out.}}
      - id: consent
        title: Consent
        prompt: Did people consent?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0, finding: {severity: medium, title: No consent, recommendation: Ask.}}
          - {value: unsure, finding: {severity: medium, title: Consent not known, recommendation: Find out.}}
rules:
  - id: biometrics-may-reach-someone
    when: WHEN
    finding: {severity: critical, title: Biometric records may reach someone outside, recommendation: Stop every \
transfer of biometric records now.}
verdicts:
  - {id: ok, label: Acceptable, min_score: 50, max_severity: high, min_coverage: 75}
  - {id: bad, label: Not acceptable}
"""

#: The reviewer's rule: the docs' guard beside a ``not`` over the follow-up.
REVIEWED = (
    '{all: [{question: biometrics, equals: "yes"}, {question: biometric-sharing, answered: true}, '
    "{not: {question: biometric-sharing, in: [never-shared]}}]}"
)
RULE = "rule:biometrics-may-reach-someone"

#: A follow-up asked of whoever answered who receives the records (a ``when`` on ``answered``).
SHARING_LOG = """
      - id: sharing-log
        title: Sharing log
        prompt: Is every transfer of biometric records logged?
        type: yes_no
        when: {question: biometric-sharing, answered: true}
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0, finding: {severity: medium, title: Transfers are not logged, recommendation: \
Log them.}}
          - {value: unsure, finding: {severity: medium, title: Nobody knows whether transfers are logged, \
recommendation: Find out.}}"""


def _rubric(folder: Path, when: str = REVIEWED, *, follow_up: str = "", lead_only: bool = False) -> None:
    text = BIO.replace("WHEN", when).replace("FOLLOW_UP", follow_up)
    text = text.replace("ROLES", "\n  - {id: community, label: Community}" if lead_only else "")
    text = text.replace("ASKED_OF", "\n        roles: [lead]" if lead_only else "")
    (folder / "bio.yaml").write_text(text, encoding="utf-8")
    validated = civdata_in(folder, "rubric", "validate", "bio.yaml")
    assert validated.returncode == 0, validated.stdout + validated.stderr


def _answers(folder: Path, name: str, answers: dict[str, str], role: str = "lead") -> str:
    lines = [f'  {question}: "{value}"' for question, value in answers.items()]
    text = (
        "format: 1\nrubric: {id: bio, version: 1.0.0}\ninitiative: X\n"
        f"respondent: {{name: A, role: {role}}}\nanswers:\n" + "\n".join(lines) + "\n"
    )
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return f"{name}.yaml"


#: Everything answered at its best but the biometrics, which ``biometrics: yes`` opens.
REST = {"training": "yes", "retention": "yes", "consent": "yes"}


def _report(folder: Path, answers: str, *gate: str) -> tuple[int, dict]:
    """The exit code of ``report`` with ``gate``, and the JSON report it writes."""
    done = civdata_in(folder, "report", answers, "--rubric", "bio.yaml", "-f", "json", "-o", "r.json", *gate)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done.returncode, json.loads((folder / "r.json").read_text(encoding="utf-8"))


def _finding(report: dict, finding_id: str) -> dict | None:
    return next((finding for finding in report["findings"] if finding["id"] == finding_id), None)


def test_a_blank_follow_up_raises_a_guarded_rule_and_fails_the_gate_as_i_dont_know_does(tmp_path: Path) -> None:
    """The review's repro: "I don't know" and "partners" raised the critical rule and failed
    ``--fail-on critical``; left blank, the rule was not raised, the verdict was "Acceptable" and
    the gate passed. Now the blank fails it too, the rule only may hold, and says it rests on the
    question left blank."""
    _rubric(tmp_path)
    for value in ("unsure", "partners", None):
        given = {"biometrics": "yes", **REST, **({"biometric-sharing": value} if value else {})}
        name = _answers(tmp_path, value or "blank", given)
        code, report = _report(tmp_path, name, "--fail-on", "critical")
        assert code == 1, (value, report["findings"])
        assert report["verdict"]["id"] == "bad", (value, report["verdict"])
        assert _finding(report, RULE) is not None, (value, report["findings"])
    rule = _finding(report, RULE)
    assert rule is not None and rule["source"]["possibly"] is True, rule
    assert rule["source"]["blank"] == ["biometric-sharing"], rule["source"]
    done = civdata_in(tmp_path, "report", "blank.yaml", "--rubric", "bio.yaml", "-o", "r.md")
    assert done.returncode == 0, done.stderr
    markdown = unwrapped((tmp_path / "r.md").read_text(encoding="utf-8"))
    block = markdown.split("### 1. CRITICAL: Biometric records may reach someone outside", 1)[1].split("\n## ", 1)[0]
    said = "with *Biometric sharing* (`biometric-sharing`) left blank: a blank could be any answer, so the rule may"
    assert said in block, block


NOT_SHARED = "{not: {question: biometric-sharing, in: [never-shared]}}"


@pytest.mark.parametrize(
    ("tests", "possibly"),
    [
        # not over ``answered: false`` reads as ``answered: true``: possibly true on a blank.
        (f"{{not: {{question: biometric-sharing, answered: false}}}}, {NOT_SHARED}", True),
        # ``answered: false`` states the blank itself: true (unchanged).
        ("{question: biometric-sharing, answered: false}", False),
        # not over ``answered: true``: the negation of "possibly" is "possibly" (it held for certain before).
        ("{not: {question: biometric-sharing, answered: true}}", True),
    ],
)
def test_the_negated_and_plain_forms_on_a_blank(tmp_path: Path, tests: str, possibly: bool) -> None:
    """Each form of the test on a blank follow-up, beside ``biometrics: yes``: the rule is raised
    either way, for certain only where the test states the blank itself (``answered: false``)."""
    _rubric(tmp_path, f'{{all: [{{question: biometrics, equals: "yes"}}, {tests}]}}')
    blank = _answers(tmp_path, "blank", {"biometrics": "yes", **REST})
    code, report = _report(tmp_path, blank, "--fail-on", "critical")
    assert code == 1, report["findings"]
    rule = _finding(report, RULE)
    assert rule is not None, report["findings"]
    assert rule["source"]["possibly"] is possibly, rule["source"]
    assert rule["source"]["blank"] == (["biometric-sharing"] if possibly else []), rule["source"]


def test_a_follow_up_opened_by_answered_true_is_asked_when_its_opener_is_blank(tmp_path: Path) -> None:
    """A follow-up whose ``when`` is ``answered: true`` on a question left blank is possibly asked,
    as for any other test on a blank (the blank could be an answer): it counts as unanswered, not
    as met. Where an earlier answer closed the question it tests, it is still not asked."""
    _rubric(tmp_path, follow_up=SHARING_LOG)
    _, report = _report(tmp_path, _answers(tmp_path, "blank", {"biometrics": "yes", **REST}))
    statuses = {question["id"]: question["status"] for question in report["areas"][0]["questions"]}
    assert statuses["biometric-sharing"] == "unanswered", statuses
    assert statuses["sharing-log"] == "unanswered", statuses
    _, closed = _report(tmp_path, _answers(tmp_path, "no", {"biometrics": "no", **REST}))
    statuses = {question["id"]: question["status"] for question in closed["areas"][0]["questions"]}
    assert statuses["sharing-log"] == statuses["biometric-sharing"] != "unanswered", statuses
    # The template tells whoever fills it in by hand so, as it does for any other test on a blank.
    written = civdata_in(tmp_path, "template", "--rubric", "bio.yaml", "-o", "t.yaml")
    assert written.returncode == 0, written.stderr
    prose = comment_prose((tmp_path / "t.yaml").read_text(encoding="utf-8"))
    assert "Asked only if “Biometric sharing” (biometric-sharing) is answered, or if that answer is left blank" in (
        prose
    ), prose


def test_a_follow_up_closed_by_an_earlier_answer_still_keeps_the_guarded_rule_away(tmp_path: Path) -> None:
    """Keeps what held before: "no biometrics" closes the follow-up, the guard is false there, and
    the rule is not raised; ``rubric validate`` still accepts the guard (``_rubric`` checks it)."""
    _rubric(tmp_path)
    code, report = _report(tmp_path, _answers(tmp_path, "no", {"biometrics": "no", **REST}), "--fail-on", "critical")
    assert code == 0 and _finding(report, RULE) is None, report["findings"]


@pytest.mark.parametrize(
    "guard",
    ["{question: biometric-sharing, answered: true}", "{not: {question: biometric-sharing, answered: false}}"],
)
def test_a_role_not_asked_the_follow_up_is_still_not_raised_the_rule(tmp_path: Path, guard: str) -> None:
    """Keeps what held before: for a community member, who is not asked about biometrics, the
    guard is false (not "possibly": there is nothing blank to be any answer), so the rule guarded
    by it alone is not raised for them; the lead who left it blank raises it."""
    _rubric(tmp_path, f"{{all: [{guard}, {NOT_SHARED}]}}", lead_only=True)
    code, report = _report(tmp_path, _answers(tmp_path, "community", REST, role="community"), "--fail-on", "critical")
    assert code == 0 and _finding(report, RULE) is None, report["findings"]
    code, report = _report(tmp_path, _answers(tmp_path, "lead", {"biometrics": "yes", **REST}), "--fail-on", "critical")
    assert code == 1 and _finding(report, RULE) is not None, report["findings"]
