"""Defects a methodologist's outside review of rubric checking found (round 2), each pinned by a
rubric run through `civdata rubric validate` as a methodologist runs it.

Every expected outcome was written from docs/rubric-format.md before the fix was made:

- a question of ``weight: 0``, a text question and a number question without ``bands`` are never
  scored, so the advice for a rubric that scores nothing names the cause this rubric has;
- "did you mean" never suggests an id (or option) that the same run refuses;
- the JSON Schema (``civdata schema rubric``) refuses the shapes civdata refuses.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from civdata.yamlsource import read_yaml_file
from tests.conftest import FIXTURES, ROOT, civdata_command
from tests.platform_schemas import run_check_jsonschema

REVIEW = FIXTURES / "rubric-review"


def validate(rubric: Path) -> subprocess.CompletedProcess[str]:
    """`civdata rubric validate RUBRIC`, run from the rubric's folder so problems name it alone."""
    return subprocess.run(
        [*civdata_command(), "rubric", "validate", rubric.name],
        cwd=rubric.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def problem_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if not line.startswith("civdata: ")]


# --- A rubric that scores nothing: the advice names the cause it has -------------------------------

#: A one-question rubric whose verdict tests the overall score; QUESTION is the question.
_ONE_AREA = """\
format: 1
id: small-check
version: 1.0.0
title: Small check
description: Tiny.
license: CC-BY-4.0
authors: [Me]
roles:
  - {id: lead, label: Lead}
areas:
  - id: a
    title: A
    questions:
QUESTIONS
verdicts:
  - {id: ready, label: Ready, min_score: 75}
  - {id: not-ready, label: Not ready}
"""

_SCORED_OPTIONS = """\
        options:
          - {value: none, label: None, score: 0}
          - {value: adopted, label: Adopted, score: 1}
"""
_UNSCORED_OPTIONS = """\
        options:
          - {value: none, label: None}
          - {value: adopted, label: Adopted}
"""

_YES_NO_OPTIONS = """\
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
"""
_SCALE_OPTIONS = """\
        options:
          - {value: 1, label: One, score: 0}
          - {value: 2, label: Two, score: 1}
"""


def _question(ident: str, kind: str, extra: str = "", body: str = "") -> str:
    return (
        f"      - id: {ident}\n        title: T\n        prompt: P?\n        type: {kind}\n"
        + (f"        {extra}\n" if extra else "")
        + body
    )


def _no_score_line(rubric: Path, reason: str, fix: str) -> str:
    line = rubric.read_text(encoding="utf-8").splitlines().index("  - {id: ready, label: Ready, min_score: 75}") + 1
    return (
        f"{rubric.name}:{line}:31: verdict 'ready' tests the overall score, but nothing in this rubric is scored "
        f"({reason}), so there is no overall score and it is never given; test answers instead, or {fix}"
    )


def test_the_reviewers_rubric_is_told_its_question_has_weight_0() -> None:
    """qw0.yaml: the only question's options have scores; its ``weight: 0`` is why nothing is
    scored, so the advice is a weight, not the scores it already has. (Before: "give the options
    scores".)"""
    result = validate(REVIEW / "qw0.yaml")
    assert result.returncode == 2
    assert problem_lines(result) == [
        "qw0.yaml:24:31: verdict 'ready' tests the overall score, but nothing in this rubric is scored "
        "('q1' has 'weight: 0'), so there is no overall score and it is never given; test answers instead, "
        "or give a question a weight above 0"
    ]


@pytest.mark.parametrize(
    ("questions", "reason", "fix"),
    [
        (
            _question("q1", "single_choice", body=_UNSCORED_OPTIONS),
            "'q1' has options without scores",
            "give the options scores",
        ),
        (
            _question("q1", "single_choice", "weight: 0", _UNSCORED_OPTIONS),
            "'q1' has 'weight: 0' and options without scores",
            "give a question a weight above 0 and its options scores",
        ),
        (
            _question("notes", "text"),
            "'notes' is text, which is never scored",
            "ask a question as a choice with scored options",
        ),
        (
            _question("months", "number"),
            "'months' is a number question without 'bands'",
            "give a number question 'bands' with scores",
        ),
        (
            _question("q1", "single_choice", "weight: 0", _SCORED_OPTIONS)
            + _question("q2", "yes_no", "weight: 0", _YES_NO_OPTIONS)
            + _question("q3", "scale", "weight: 0", _SCALE_OPTIONS)
            + _question("notes", "text"),
            "'q1' and 2 other questions have 'weight: 0'; 'notes' is text, which is never scored",
            "give a question a weight above 0, or ask a question as a choice with scored options",
        ),
    ],
    ids=["options-without-scores", "weight-0-and-no-scores", "text", "number-without-bands", "mixed"],
)
def test_a_rubric_that_scores_nothing_is_told_why(questions: str, reason: str, fix: str, tmp_path: Path) -> None:
    rubric = tmp_path / "nothing-scored.yaml"
    rubric.write_text(_ONE_AREA.replace("QUESTIONS\n", questions), encoding="utf-8")
    result = validate(rubric)
    assert result.returncode == 2, result.stdout
    # Options without scores on a question of weight above 0 are refused where they are written too.
    assert _no_score_line(rubric, reason, fix) in problem_lines(result)


# --- "Did you mean" never suggests what the same run refuses -----------------------------------------


def test_an_invalid_area_id_is_not_suggested() -> None:
    """e3.yaml: area 'life cycle' is refused as an id, so the rule's 'lifecycle' is not told to
    become it. (Before: "did you mean 'life cycle'?".) The valid question id is still suggested."""
    result = validate(REVIEW / "e3.yaml")
    assert result.returncode == 2
    lines = problem_lines(result)
    assert "e3.yaml:71:9: 'id' in area 'life cycle' is not valid ('life cycle')" in lines[0]
    assert "e3.yaml:107:19: there is no area 'lifecycle' to test the score of; use an area id or 'overall'" in lines, (
        lines
    )
    assert (
        "e3.yaml:103:22: the condition refers to question 'sensitiv', which does not exist; did you mean 'sensitive'?"
        in lines
    )
    assert not any("did you mean 'life cycle'" in line for line in lines), lines


_NEAR_MISSES = """\
format: 1
id: near-misses
version: 1.0.0
title: Near misses
description: Every reference is one slip from an id or option the same run refuses.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: Lead}
  - {id: tech lead, label: Technical lead}
areas:
  - id: data
    title: Data
    questions:
      - id: threat model
        title: Threat model
        prompt: Is there a threat model?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
      - id: shared
        title: Shared
        prompt: Is the data shared?
        type: yes_no
        roles: [techlead]
        options:
          - {value: "yse", score: 1}
          - {value: "no", score: 0}
rules:
  - id: no-model
    when: {question: threat-model, equals: "no"}
    finding: {severity: high, title: No threat model, recommendation: Write one., owner: techlead}
  - id: shared-data
    when: {question: shared, equals: "yes"}
    finding: {severity: low, title: Shared, recommendation: Check the agreement.}
verdicts:
  - {id: ok, label: OK}
changes:
  - {version: 1.0.0, summary: Asks about the threat model., questions: [threat-model]}
"""


def test_no_suggestion_is_an_id_or_option_the_run_refuses(tmp_path: Path) -> None:
    """A role, a question and a yes/no option written so that the same run refuses them are not
    offered as the fix of a reference one slip away (each would be another refused name), nor is
    the question taken for the one a change meant to list."""
    rubric = tmp_path / "near-misses.yaml"
    rubric.write_text(_NEAR_MISSES, encoding="utf-8")
    result = validate(rubric)
    assert result.returncode == 2
    lines = problem_lines(result)
    refused = {"'tech lead' is not valid", "'threat model' is not valid", "can only offer"}
    assert all(any(part in line for line in lines) for part in refused), lines
    for name in ("tech lead", "threat model", "yse"):
        assert not any(f"did you mean '{name}'" in line for line in lines), lines
    references = ("'techlead'", "'threat-model'", "no option 'yes'")
    assert all(any(part in line for line in lines) for part in references), lines


# --- The JSON Schema refuses the shapes civdata refuses ------------------------------------------

CASES = Path(__file__).parent / "cases" / "rubrics"

#: civdata's messages for shape rules: what a value, a mapping's keys or a condition's keys must be,
#: and how large a number may be. Every other problem of the bad corpus is a consistency rule (ids,
#: references, bands, verdicts...: docs/rubric-format.md lists them) or one of how a file is read
#: (YAML syntax, duplicate keys, tags, control characters, a number NaN or too small to be told from
#: 0), which a JSON Schema cannot express.
SHAPE_MESSAGES = re.compile(
    "|".join(
        [
            r"^unknown key '",
            r" is missing '",
            r" must be (?:text|true or false|a mapping|a list|a number|a whole number|a version|blank)\b.*, not ",
            r", which is not one of ",
            r" is not valid \('",
            r" is \S+; it must be at (?:least|most) ",
            r" must list at least ",
            r" must not be empty$",
            r" must not be blank: it holds only spaces or invisible characters$",
            r" is empty$",
            r"^the number \S+ is (?:infinite or )?too large; civdata accepts numbers up to 10\^15",
            r"^the condition on '.*' needs one test: ",
            r"^the condition on '.*' has \d+ tests ",
            r"^a condition needs 'question' ",
            r"^a score test needs exactly one of ",
            r"^a condition with 'all', 'any' or 'not' must contain nothing else",
        ]
    )
)


def _shape_problems(case: Path) -> list[str]:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    messages = [line.split(": ", 1)[1] for line in expected]
    return [message for message in messages if SHAPE_MESSAGES.search(message)]


@pytest.fixture(scope="module")
def rubric_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The schema as `civdata schema rubric -o` writes it for an editor."""
    schema = tmp_path_factory.mktemp("schema") / "rubric.schema.json"
    result = subprocess.run(
        [*civdata_command(), "schema", "rubric", "-o", str(schema)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return schema


def test_the_shape_corpus_has_the_reviewers_shapes() -> None:
    """The cases below cover what the review found the schema let through: conditions without a
    test, with two, without a question, a score compared twice, and a weight of 1e16."""
    shapes = [message for case in sorted((CASES / "bad").glob("*.yaml")) for message in _shape_problems(case)]
    for start in ("the condition on", "a condition needs", "a score test", "a condition with", "the number 1e16"):
        assert any(message.startswith(start) for message in shapes), start


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [case for case in sorted((CASES / "bad").glob("*.yaml")) if _shape_problems(case)],
    ids=lambda path: path.stem,
)
def test_the_schema_refuses_a_rubric_civdata_refuses_for_its_shape(case: Path, rubric_schema: Path) -> None:
    """rubric-format.md: the format is the JSON Schema plus the consistency rules. So a rubric that
    civdata refuses for a shape rule fails check-jsonschema, as an editor would show it. (Before:
    conditions of a wrong shape and numbers beyond 10^15 passed the schema.)"""
    result = run_check_jsonschema(rubric_schema, case)
    assert result.returncode == 1, (_shape_problems(case), result.stdout, result.stderr)
    if "Failed to parse" in result.stdout:
        # A duplicate key, which YAML forbids and check-jsonschema will not read: the data as
        # civdata reads it (the first of the two kept) fails the schema with the jsonschema library.
        document, _ = read_yaml_file(case)
        validator = Draft202012Validator(json.loads(rubric_schema.read_text(encoding="utf-8")))
        assert not validator.is_valid(document.data)
    else:
        assert "Schema validation errors were encountered" in result.stdout, result.stdout


@pytest.mark.slow
def test_the_schema_still_accepts_every_good_rubric(rubric_schema: Path) -> None:
    good = [
        *sorted((CASES / "good").glob("*.yaml")),
        *sorted((ROOT / "rubrics").glob("*.yaml")),
        *sorted((ROOT / "examples" / "rubrics").glob("*.yaml")),
        ROOT / "tests" / "cases" / "rubric.yaml",
    ]
    result = run_check_jsonschema(rubric_schema, *good)
    assert result.returncode == 0, result.stdout + result.stderr
