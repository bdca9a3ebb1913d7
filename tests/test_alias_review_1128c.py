"""Found by an outside reviewer on 2026-11-28 (third round), on where problems reached through YAML
aliases are reported; each checked to fail before its fix. Expected lines were written before
civdata was run.

The rule (docs/answers-format.md): a problem reached through aliases that is said in the same words
of the same anchored value at several places is one problem, at the anchor, where the value is
written; a problem at one alias only (its words depend on where the value is used) stays at the
alias. A problem about a key is where the key is written, unless the key itself is an alias.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from civdata.rubric_checks import MAX_CONDITION_DEPTH
from tests.conftest import MINI_RUBRIC, civdata_in, problem_lines

ANSWERS_HEAD = (
    "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\n"
    'respondent: {name: Lena, role: lead}\ndate: "2026-11-01"\nanswers:\n'
)
#: The words of the mini rubric's problems these tests expect.
NOT_VOICE = "'bogus' is not an answer to 'voice'; choose 'none', 'consulted' or 'decide'"
NOT_SAFEGUARD = "'bogus' is not an option of 'safeguards'; choose from 'encryption', 'access-log', 'dpia' or 'none'"
#: Aliases of one value in one run: thousands of problems before the fix, which the person would
#: have to read as one mistake.
MANY = 20_000


def _check(tmp_path: Path, answers: str, *args: object) -> subprocess.CompletedProcess[str]:
    (tmp_path / "a.yaml").write_text(ANSWERS_HEAD + answers, encoding="utf-8")
    result = civdata_in(tmp_path, "check", "a.yaml", "-r", MINI_RUBRIC, *args)
    assert result.returncode == 2, result.stderr
    return result


def _validate(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "rubric.yaml").write_text(text, encoding="utf-8")
    result = civdata_in(tmp_path, "rubric", "validate", "rubric.yaml")
    assert result.returncode == 2, result.stderr
    return problem_lines(result.stderr)


def _where(text: str, written: str) -> str:
    """``line:column`` of the first ``written`` in ``text``, as civdata counts them."""
    before = text[: text.index(written)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


# --- 1. One mistake in an anchored value is one problem, however many aliases use it --------------


def test_one_wrong_value_used_by_20000_aliases_is_one_problem_at_the_anchor(tmp_path: Path) -> None:
    # Line 7 writes the wrong value once; 20,000 list items repeat it by alias. It is wrong for
    # voice (said once, where it stands) and, in the same words 20,000 times, for safeguards: one
    # problem, at the anchor, where the value is written and changed. Before: 20,001 problems.
    result = _check(tmp_path, "  voice: &b bogus\n  safeguards:\n" + "    - *b\n" * MANY)
    assert problem_lines(result.stderr) == [f"a.yaml:7:10: {NOT_VOICE}", f"a.yaml:7:10: {NOT_SAFEGUARD}"]
    assert result.stderr.splitlines()[-1] == "civdata: 2 problems in 1 of 2 files checked", result.stderr


def test_aliases_of_a_wrong_value_give_one_annotation(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        ANSWERS_HEAD + "  voice: &b bogus\n  safeguards:\n" + "    - *b\n" * MANY, encoding="utf-8"
    )
    result = civdata_in(tmp_path, "report", "a.yaml", "-r", MINI_RUBRIC, "--annotations", "github", "-q", "-o", "r.md")
    assert result.returncode == 2, result.stderr
    commands = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    assert commands == [
        f"::error file=a.yaml,line=7,col=10::a.yaml:7:10: {NOT_VOICE}",
        f"::error file=a.yaml,line=7,col=10::a.yaml:7:10: {NOT_SAFEGUARD}",
    ]


def test_a_value_right_where_it_is_written_but_wrong_at_every_alias_is_one_problem(tmp_path: Path) -> None:
    # Any text is a comment; as an option of safeguards, each of the three aliases is wrong in the
    # same words: one problem, where 'bogus' is written.
    result = _check(tmp_path, "  comments: &b bogus\n  safeguards: [*b, *b, *b]\n")
    assert problem_lines(result.stderr) == [f"a.yaml:7:13: {NOT_SAFEGUARD}"]


def test_a_typo_in_an_anchored_rubric_condition_is_one_problem(tmp_path: Path) -> None:
    # The reviewer's case, on the mini rubric: a typo inside an anchored condition used by two
    # aliases gave three problems, at the anchor and at each alias.
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    text = text.replace(
        'when: {question: sensitive, in: ["yes", unsure]}', 'when: &c {question: sensitive, in: ["yes", unsur]}', 1
    )
    text = text.replace("        type: single_choice\n", "        type: single_choice\n        when: *c\n", 1)
    text = text.replace("        scoring: sum\n", "        scoring: sum\n        when: *c\n", 1)
    assert _validate(tmp_path, text) == [
        f"rubric.yaml:{_where(text, 'unsur]')}: 'sensitive' has no option 'unsur'; its options are 'yes', 'no' or "
        "'unsure'; did you mean 'unsure'?"
    ]


def test_a_consequence_of_a_refused_number_given_by_an_alias_is_left_out(tmp_path: Path) -> None:
    # The refused number is reported where it is written; that its alias reads as blank is only a
    # consequence of it ("'weight' ... must be a number, not blank" at the alias, before).
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    text = text.replace("    weight: 2\n  - id: partner", "    weight: &m 1e309\n  - id: partner", 1)
    text = text.replace(
        "        type: single_choice\n        weight: 2\n", "        type: single_choice\n        weight: *m\n", 1
    )
    assert _validate(tmp_path, text) == [
        f"rubric.yaml:{_where(text, '&m 1e309')}: the number 1e309 is infinite or too large; civdata accepts "
        "numbers up to 10^15 in size; if it is meant as text, put it in quotes"
    ]


# --- 2. A problem about a key is where the key is written -----------------------------------------


def test_an_unknown_key_inside_an_aliased_answer_is_where_the_key_is_written(tmp_path: Path) -> None:
    # No 'nte' is written on line 9; it is on line 8, in the anchored mapping. The value 'no' is
    # wrong only for voice, so that problem stays at voice's alias.
    answers = '  sensitive: "yes"\n  threat-model: &n {value: "no", nte: x}\n  voice: *n\n  safeguards: [dpia]\n'
    result = _check(tmp_path, answers)
    assert problem_lines(result.stderr) == [
        "a.yaml:8:34: unknown key 'nte' in the answer to 'threat-model'; did you mean 'note'?",
        "a.yaml:8:34: unknown key 'nte' in the answer to 'voice'; did you mean 'note'?",
        "a.yaml:9:10: 'no' is not an answer to 'voice'; choose 'none', 'consulted' or 'decide'; did you mean 'none'?",
    ]


def test_an_unknown_key_inside_an_aliased_rubric_condition_is_where_the_key_is_written(tmp_path: Path) -> None:
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    text = text.replace(
        'when: {question: sensitive, in: ["yes", unsure]}',
        'when: &c {question: sensitive, in: ["yes", unsure], extra: 1}',
        1,
    )
    text = text.replace("        type: single_choice\n", "        type: single_choice\n        when: *c\n", 1)
    at = _where(text, "extra")
    fix = "the condition is complete without it: remove it, or combine tests with 'all' or 'any'"
    assert _validate(tmp_path, text) == [
        f"rubric.yaml:{at}: unknown key 'extra' in the condition of question 'threat-model'; {fix}",
        f"rubric.yaml:{at}: unknown key 'extra' in the condition of question 'voice'; {fix}",
    ]


# --- 3. An alias used as a key is where the alias is ----------------------------------------------


def test_an_alias_used_as_a_key_is_reported_at_the_alias(tmp_path: Path) -> None:
    # The reviewer's case: line 9 uses the mapping anchored on line 7 as a key.
    answers = (
        '  sensitive: &x {value: "yes", nte: wrong key}\n  voice: consulted\n  ? *x\n  : "yes"\n  safeguards: [dpia]\n'
    )
    result = _check(tmp_path, answers)
    assert problem_lines(result.stderr) == [
        "a.yaml:7:32: unknown key 'nte' in the answer to 'sensitive'; did you mean 'note'?",
        "a.yaml:9:5: a key must be plain text, not a list or mapping",
    ]


def test_a_key_written_again_by_an_alias_is_a_duplicate_where_the_alias_is(tmp_path: Path) -> None:
    result = _check(tmp_path, '  &k sensitive: "yes"\n  *k : "no"\n  safeguards: [dpia]\n')
    assert problem_lines(result.stderr) == [
        "a.yaml:8:3: duplicate key 'sensitive' (first written on line 7); YAML would silently keep only the last "
        "one, so remove or rename one of them"
    ]


def test_an_anchored_condition_nested_too_deep_is_one_problem(tmp_path: Path) -> None:
    # Left by the first fix: the depth check's problems did not pass where aliases are merged, so a
    # condition nested too deep, anchored and used by two aliases, was three problems.
    deep = '{question: sensitive, in: ["yes", unsure]}'
    for _ in range(MAX_CONDITION_DEPTH + 1):
        deep = "{not: " + deep + "}"
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    text = text.replace('when: {question: sensitive, in: ["yes", unsure]}', f"when: &c {deep}", 1)
    text = text.replace("        type: single_choice\n", "        type: single_choice\n        when: *c\n", 1)
    text = text.replace("        scoring: sum\n", "        scoring: sum\n        when: *c\n", 1)
    problems = _validate(tmp_path, text)
    assert len(problems) == 1, problems
    anchor_line = text[: text.index("&c")].count("\n") + 1
    assert problems[0].startswith(f"rubric.yaml:{anchor_line}:"), problems
