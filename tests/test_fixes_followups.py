"""Fixes of the review of rubric authoring (a methodologist writing a rubric from scratch) on
follow-ups and the conditions that read them.

* A rule ``{question: <follow-up>, answered: false}`` passed ``rubric validate``, although the docs
  say it is refused like ``not: {answered: true}``: "no biometrics" then raised a critical
  "biometric records may reach someone" and failed the gate at a score of 100.
* The guard the docs recommend beside a ``not`` over a follow-up, ``not: {any: [{question:
  biometrics, equals: "no"}]}``, was refused: only plain tests beside it were read as guards.
* A question whose ``when`` tested its own answer was told to "move" itself before itself.

Each expectation was written before its fix and seen to fail without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import civdata_in, problem_lines

BIO = """\
format: 1
id: bio
version: "1.0.0"
title: Bio
description: Biometrics.
license: CC-BY-4.0
authors: [Me]
roles:
  - {id: lead, label: Lead}
areas:
  - id: a
    title: A
    questions:
      - id: biometrics
        title: Biometrics
        prompt: Do you hold biometric records?
        type: yes_no
        options:
          - {value: "yes", score: 0}
          - {value: "no", score: 1}
          - {value: unsure, finding: {severity: high, title: Nobody knows about biometrics, recommendation: Check.}}
      - id: biometric-sharing
        title: Biometric sharing
        prompt: Are they shared?
        type: single_choice
        when: {question: biometrics, in: ["yes", unsure]}
        options:
          - {value: never-shared, label: Never shared, score: 1}
          - {value: shared, label: Shared, score: 0}
          - {value: dk, label: I don't know, unknown: true}
rules:
  - id: bio-reach
    when: WHEN
    finding: {severity: critical, title: Biometric records may reach someone, recommendation: Audit access now.}
verdicts:
  - {id: ok, label: OK, min_score: 50, max_severity: medium}
  - {id: bad, label: Bad}
"""

#: The rule's place: line 33, column 11 (its ``when``'s value).
RULE_LINE = 33

ANSWERS = 'format: 1\nrubric: {id: bio, version: "1.0.0"}\ninitiative: X\nrespondent: {name: A, role: lead}\nanswers:\n'

#: Conditions of the rule, short: ``B`` is ``question: biometrics``, ``S`` ``question: biometric-sharing``.
#: A guard the docs recommend, or an unguarded test; and whether ``rubric validate`` accepts it.
GUARDED = [
    '{all: [{not: {any: [{B, equals: "no"}]}}, {not: {S, in: [never-shared]}}]}',
    '{all: [{not: {B, equals: "no"}}, {not: {S, in: [never-shared]}}]}',
    '{all: [{all: [{B, in: ["yes", unsure]}]}, {not: {S, equals: never-shared}}]}',
    '{all: [{B, in: ["yes", unsure]}, {S, answered: false}]}',
    "{all: [{S, answered: true}, {not: {S, equals: never-shared}}]}",
    "{all: [{not: {S, answered: false}}, {not: {S, equals: dk}}]}",
    '{all: [{any: [{B, equals: "yes"}, {B, equals: unsure}]}, {S, answered: false}]}',
    "{all: [{any: [{S, equals: shared}, {S, equals: dk}]}, {not: {S, equals: shared}}]}",
]
UNGUARDED = [
    "{S, answered: false}",
    "{not: {S, answered: true}}",
    '{all: [{not: {any: [{B, equals: "yes"}]}}, {not: {S, equals: shared}}]}',
    '{all: [{any: [{B, equals: "yes"}, {B, equals: "no"}]}, {S, answered: false}]}',
    "{any: [{S, equals: shared}, {not: {S, in: [never-shared]}}]}",
    "{any: [{S, answered: true}, {S, answered: false}]}",
]


def _expanded(when: str) -> str:
    return when.replace("{B,", "{question: biometrics,").replace("{S,", "{question: biometric-sharing,")


def _write(folder: Path, when: str) -> None:
    (folder / "bio.yaml").write_text(BIO.replace("WHEN", _expanded(when)), encoding="utf-8")
    (folder / "no.yaml").write_text(ANSWERS + '  biometrics: "no"\n', encoding="utf-8")


@pytest.mark.parametrize("when", UNGUARDED)
def test_a_rule_reading_a_closed_follow_up_without_a_guard_is_refused(tmp_path: Path, when: str) -> None:
    """Each of these holds for "no biometrics", which closes the follow-up: the bare ``answered:
    false`` as the docs say, and a test on the follow-up outside a ``not`` that is no guard (beside
    it in an ``any``, or itself the unguarded test)."""
    _write(tmp_path, when)
    validated = civdata_in(tmp_path, "rubric", "validate", "bio.yaml")
    assert validated.returncode == 2, validated.stdout + validated.stderr
    lines = problem_lines(validated.stderr)
    assert len(lines) == 1, validated.stderr
    assert lines[0].startswith(f"bio.yaml:{RULE_LINE}:"), lines
    assert "rule 'bio-reach' tests" in lines[0] and "'biometric-sharing' is asked only if" in lines[0], lines


def test_the_bare_answered_false_is_told_as_the_not_form_is(tmp_path: Path) -> None:
    """The review: ``bio.yaml`` is refused at 33:17 with the same message as the ``not`` form."""
    messages = []
    for when in ("{S, answered: false}", "{not: {S, answered: true}}"):
        _write(tmp_path, when)
        validated = civdata_in(tmp_path, "rubric", "validate", "bio.yaml")
        assert validated.returncode == 2, validated.stdout
        messages.append(problem_lines(validated.stderr)[0].split(": ", 1)[1])
    assert messages[0] == messages[1]
    assert "tests whether 'biometric-sharing' was left unanswered" in messages[0]
    assert problem_lines(civdata_in(tmp_path, "report", "no.yaml", "--rubric", "bio.yaml").stderr)


@pytest.mark.parametrize("when", GUARDED)
def test_a_guard_the_docs_name_is_accepted_and_keeps_the_rule_to_those_asked(tmp_path: Path, when: str) -> None:
    """A guard in any of the documented forms is accepted (a ``not`` over the answers that close
    the follow-up, alone or in a ``not any``, or in an ``all`` beside), and the rule it guards
    raises nothing for "no biometrics", which closed the follow-up: what the docs promise."""
    _write(tmp_path, when)
    validated = civdata_in(tmp_path, "rubric", "validate", "bio.yaml")
    assert validated.returncode == 0, validated.stderr
    report = civdata_in(tmp_path, "report", "no.yaml", "--rubric", "bio.yaml", "--fail-on", "critical")
    assert report.returncode == 0, report.stdout + report.stderr
    assert "Biometric records may reach someone" not in report.stdout


@pytest.mark.parametrize("when", GUARDED[:3])
def test_a_guarded_rule_still_raises_its_finding_for_those_asked(tmp_path: Path, when: str) -> None:
    """The guard keeps the rule, it does not silence it: biometrics shared raises the finding."""
    _write(tmp_path, when)
    (tmp_path / "shared.yaml").write_text(
        ANSWERS + '  biometrics: "yes"\n  biometric-sharing: shared\n', encoding="utf-8"
    )
    report = civdata_in(tmp_path, "report", "shared.yaml", "--rubric", "bio.yaml", "--fail-on", "critical")
    assert report.returncode == 1, report.stdout + report.stderr
    assert "Biometric records may reach someone" in report.stdout


def test_a_when_testing_its_own_question_says_so(tmp_path: Path) -> None:
    """The review: a question whose ``when`` tests its own answer was told "move 'safeguards'
    before it", a move that cannot be made; it is told that a ``when`` cannot test its own answer."""
    text = BIO.replace("WHEN", '{question: biometrics, equals: "yes"}').replace(
        'when: {question: biometrics, in: ["yes", unsure]}', "when: {question: biometric-sharing, answered: true}"
    )
    (tmp_path / "self.yaml").write_text(text, encoding="utf-8")
    validated = civdata_in(tmp_path, "rubric", "validate", "self.yaml")
    assert validated.returncode == 2, validated.stdout
    lines = problem_lines(validated.stderr)
    assert len(lines) == 1, validated.stderr
    assert lines[0].startswith("self.yaml:26:26: "), lines
    assert "cannot test its own answer" in lines[0], lines
    assert "move 'biometric-sharing' before it" not in lines[0], lines


def test_a_not_over_an_opener_that_is_itself_a_follow_up_is_no_guard(tmp_path: Path) -> None:
    """A ``not`` over the answers that close the follow-up holds too where the question that opens
    it was itself closed, and the follow-up with it: "no records at all" raised "biometric records
    may reach someone". Such a guard is refused, at itself (a ``not`` over a follow-up); a test of
    the answers that open it is not. (Held before these fixes too: kept, as they widen what
    counts as a guard.)"""
    records = (
        "      - id: records\n        title: Records\n        prompt: Do you hold records on people?\n"
        "        type: yes_no\n        options:\n"
        '          - {value: "yes", score: 0}\n          - {value: "no", score: 1}\n'
    )
    holding = BIO.replace(
        "      - id: biometrics\n",
        records + '      - id: biometrics\n        when: {question: records, equals: "yes"}\n',
    )
    guard = "{not: {S, in: [never-shared]}}"
    for opener, refused in (('{not: {B, equals: "no"}}', True), ('{B, in: ["yes", unsure]}', False)):
        when = _expanded(f"{{all: [{opener}, {guard}]}}")
        (tmp_path / "bio.yaml").write_text(holding.replace("WHEN", when), encoding="utf-8")
        validated = civdata_in(tmp_path, "rubric", "validate", "bio.yaml")
        assert validated.returncode == (2 if refused else 0), validated.stdout + validated.stderr
        if refused:
            first = problem_lines(validated.stderr)[0]
            assert first.startswith("bio.yaml:41:24: rule 'bio-reach' tests 'biometrics' under"), first
        else:
            (tmp_path / "none.yaml").write_text(ANSWERS + '  records: "no"\n', encoding="utf-8")
            report = civdata_in(tmp_path, "report", "none.yaml", "--rubric", "bio.yaml", "--fail-on", "critical")
            assert report.returncode == 0, report.stdout + report.stderr
