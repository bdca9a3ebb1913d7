"""A question left blank raises the finding of the riskiest answer it could be, as a rule does.

The closing note of 2026-11-27's fourth session left this open: a blank was read as "could be any
answer" in conditions (follow-ups, rules, verdict bands) but raised none of its question's own
findings. So a lead who did not know whether the authorities could get the data, and said so,
got "Ready with conditions" and failed ``--fail-on high``, while leaving the question out got
"Ready" and passed: the blank looked better than the honest answer (docs/scoring.md, section 2,
says it never may).

Now a required question that applies and is left blank raises the finding its "I don't know"
raises (the rubric checks make that the most serious any answer to it raises), or, where the
question offers no "I don't know", the first of the most serious findings one answer to it
raises; the report says the question was left blank. Every expectation below was written before
the change, from that rule. Each test of what a blank now raises failed on the code before it (the
verdicts and exit codes of the blank files, the findings, the words); the tests of what it does
not raise (an optional question, one whose answers raise nothing, the coverage and score) guard
against raising too much.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, unwrapped
from tests.test_blank_answers import BLANKS, json_report, run

AUTHORITY = "authority-access"
AUTHORITY_FINDING = "authority-access:unsure"
AUTHORITY_TITLE = "Whether the authorities could get the data is not known"
AUTHORITY_REF = "*Access by authorities* (`authority-access`)"
#: What a finding says when its question was left blank, after the question.
BLANK_ANSWER_REASON = "a blank could be any answer, and “{answer}” raises this"


def findings_of(*args: str | Path) -> dict[str, dict]:
    return {finding["id"]: finding for finding in json_report(*args)["findings"]}


def mini_without(tmp_path: Path, question_id: str) -> Path:
    """The tests' mini answers file with one answer taken out (its note too)."""
    lines = (FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith(f"  {question_id}:"):
            skipping = True
            continue
        if skipping and line.startswith("    "):
            continue
        skipping = False
        kept.append(line)
    path = tmp_path / f"without-{question_id}.yaml"
    path.write_text("".join(kept), encoding="utf-8")
    return path


MINI = ("-r", str(FIXTURES / "mini-rubric.yaml"))


# --- The gap the note described ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["authority-unsure", "authority-blank"])
def test_leaving_the_authorities_question_blank_fails_fail_on_high_as_i_dont_know_does(name: str) -> None:
    """Before: "I don't know" gave Ready with conditions and exit 1; the blank gave Ready and exit 0."""
    result = run("report", BLANKS / f"{name}.yaml", "-f", "markdown", "-o", "-", "--fail-on", "high")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "\n## Verdict: Ready with conditions\n" in result.stdout
    assert f"| high | {AUTHORITY_TITLE} |" in result.stdout
    assert "--fail-on high: 1 finding at or above 'high'" in unwrapped(result.stdout)


def test_the_blank_and_i_dont_know_raise_the_same_findings() -> None:
    unsure = findings_of(BLANKS / "authority-unsure.yaml")
    blank = findings_of(BLANKS / "authority-blank.yaml")
    assert {key: value["severity"] for key, value in blank.items()} == {
        key: value["severity"] for key, value in unsure.items()
    }
    assert unsure[AUTHORITY_FINDING]["source"] == {
        "kind": "answer",
        "question": AUTHORITY,
        "answer": "I don't know",
        "rule": None,
        "blank": [],
        "respondents": [],
        "count": None,
        "by_role": {},
        "possibly": False,  # not knowing is what the answer shows (tests/test_may_hold.py)
        # Added in the sixth session of 2026-11-27 (tests/test_ruled_out.py): nobody rules out an
        # answer's finding, and nobody anything in a report on one person.
        "ruled_out": {"count": 0, "respondents": [], "by_role": {}},
    }
    assert blank[AUTHORITY_FINDING]["source"] == {
        "kind": "answer",
        "question": AUTHORITY,
        "answer": None,
        "rule": None,
        "blank": [AUTHORITY],
        "respondents": [],
        "count": None,
        "by_role": {},
        "possibly": True,  # a blank could be any answer: it may hold
        # Added in the sixth session of 2026-11-27 (tests/test_ruled_out.py): nobody rules out an
        # answer's finding, and nobody anything in a report on one person.
        "ruled_out": {"count": 0, "respondents": [], "by_role": {}},
    }


def test_the_blank_still_lowers_coverage_and_is_still_not_scored() -> None:
    unsure = json_report(BLANKS / "authority-unsure.yaml")
    blank = json_report(BLANKS / "authority-blank.yaml")
    assert blank["coverage"]["unanswered_required"] == [AUTHORITY]
    assert unsure["coverage"]["unanswered_required"] == []
    assert blank["coverage"]["answered"] == unsure["coverage"]["answered"] - 1
    # Not scored (never as 0): the blank file's score is its other answers', above the honest one's.
    assert blank["overall"]["percent"] > unsure["overall"]["percent"]


# --- Every format says the question was left blank -----------------------------------------------


def test_markdown_says_the_question_was_left_blank_and_which_answer_raises_the_finding() -> None:
    markdown = unwrapped(run("report", BLANKS / "authority-blank.yaml", "-f", "markdown", "-o", "-").stdout)
    reason = BLANK_ANSWER_REASON.format(answer="I don't know")
    assert f"- Raised by {AUTHORITY_REF} left blank: {reason}.\n" in markdown
    honest = unwrapped(run("report", BLANKS / "authority-unsure.yaml", "-f", "markdown", "-o", "-").stdout)
    assert f"- Raised by the answer “I don't know” to {AUTHORITY_REF}.\n" in honest


def test_html_says_the_question_was_left_blank() -> None:
    html = run("report", BLANKS / "authority-blank.yaml", "-f", "html", "-o", "-").stdout
    reason = BLANK_ANSWER_REASON.format(answer="<bdi>I don&#39;t know</bdi>")
    assert (
        f"Raised by <em><bdi>Access by authorities</bdi></em> (<code>authority-access</code>) left blank: {reason}."
    ) in html


def test_the_text_report_counts_the_finding_among_those_resting_on_blanks() -> None:
    lines = run("report", BLANKS / "authority-blank.yaml", "-f", "text", "-o", "-").stdout.splitlines()
    assert "1 finding raised by questions left blank: a blank is read as the riskiest answer it could be" in lines


def test_code_scanning_says_the_question_was_left_blank() -> None:
    sarif = json.loads(run("report", BLANKS / "authority-blank.yaml", "-f", "sarif", "-o", "-").stdout)
    (result,) = [item for item in sarif["runs"][0]["results"] if item["ruleId"] == AUTHORITY_FINDING]
    reason = BLANK_ANSWER_REASON.format(answer="I don't know")
    assert result["message"]["text"].splitlines()[0] == f"{AUTHORITY_TITLE} ({AUTHORITY} left blank: {reason})"


# --- A combined report ---------------------------------------------------------------------------


def _team(tmp_path: Path, *names: str) -> Path:
    team = tmp_path / "team"
    team.mkdir()
    for index, name in enumerate(names):
        person = ("Ana Diaz", "Ben Osei", "Chloe Ng")[index]
        text = (BLANKS / f"{name}.yaml").read_text(encoding="utf-8").replace("Sam Okoro", person)
        (team / f"{index}-{name}.yaml").write_text(text, encoding="utf-8")
    return team


def test_a_combined_report_says_some_answered_i_dont_know_and_some_left_it_blank(tmp_path: Path) -> None:
    team = _team(tmp_path, "authority-unsure", "authority-blank")
    markdown = unwrapped(run("report", team, "-f", "markdown", "-o", "-").stdout)
    assert (
        "- Raised by 2 of 2 respondents: Ana Diaz (Lead organisation), Ben Osei (Lead organisation), "
        f"answering “I don't know” to {AUTHORITY_REF}, or leaving it blank.\n"
    ) in markdown
    source = findings_of(team)[AUTHORITY_FINDING]["source"]
    assert (source["answer"], source["blank"], source["count"]) == ("I don't know", [AUTHORITY], 2)


def test_a_combined_report_on_blanks_alone_says_which_answer_raises_the_finding(tmp_path: Path) -> None:
    team = _team(tmp_path, "authority-blank", "authority-blank")
    markdown = unwrapped(run("report", team, "-f", "markdown", "-o", "-").stdout)
    reason = BLANK_ANSWER_REASON.format(answer="I don't know")
    assert (
        "- Raised by 2 of 2 respondents: Ana Diaz (Lead organisation), Ben Osei (Lead organisation), "
        f"leaving {AUTHORITY_REF} blank: {reason}.\n"
    ) in markdown


# --- A rubric whose questions offer no "I don't know" (the tests' mini rubric) --------------------


@pytest.mark.parametrize(
    ("question_id", "finding_id", "severity", "answer"),
    [
        ("voice", "voice:none", "high", "They do not"),
        ("safeguards", "safeguards:none", "critical", "None of these"),
    ],
)
def test_without_i_dont_know_a_blank_raises_the_most_serious_finding_of_one_answer(
    tmp_path: Path, question_id: str, finding_id: str, severity: str, answer: str
) -> None:
    before = findings_of(FIXTURES / "mini-answers.yaml", *MINI)
    after = findings_of(mini_without(tmp_path, question_id), *MINI)
    assert finding_id not in before
    assert set(after) - set(before) == {finding_id}
    assert after[finding_id]["severity"] == severity
    assert (after[finding_id]["source"]["answer"], after[finding_id]["source"]["blank"]) == (None, [question_id])
    markdown = unwrapped(run("report", mini_without(tmp_path, question_id), *MINI, "-o", "-").stdout)
    assert f"left blank: {BLANK_ANSWER_REASON.format(answer=answer)}.\n" in markdown


@pytest.mark.parametrize("question_id", ["confidence", "comments"])
def test_a_blank_raises_nothing_where_no_answer_does_or_the_question_is_optional(
    tmp_path: Path, question_id: str
) -> None:
    """`confidence` is a required scale none of whose answers raises a finding; `comments` is optional."""
    before = findings_of(FIXTURES / "mini-answers.yaml", *MINI)
    after = findings_of(mini_without(tmp_path, question_id), *MINI)
    assert set(after) == set(before)


def test_a_number_left_blank_raises_its_riskiest_band_which_the_rule_on_it_covers(tmp_path: Path) -> None:
    """`months` below 12 raises a medium finding, and, with no deletion plan, the rule
    short-funding-no-plan (high), which covers it: one finding per fact, as for an answer of 8."""
    answered = findings_of(FIXTURES / "mini-answers.yaml", *MINI)
    blank = findings_of(mini_without(tmp_path, "months"), *MINI)
    rule = "rule:short-funding-no-plan"
    assert answered[rule]["covers"] == ["months:band-1"]
    assert blank[rule]["covers"] == ["months:band-1"]
    assert blank[rule]["source"]["blank"] == ["months"]
    assert "months:band-1" not in blank
