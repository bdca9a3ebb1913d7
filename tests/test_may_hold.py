"""A finding that only may hold says so, and comes after those that answers show, within its severity.

The closing note of 2026-11-27's fourth session: in the county example's combined report, the
first thing to do was "Stop using the results until a trained person reviews each one", raised by
a rule on automated decisions that only the community representative's "I don't know" made
possibly hold, while the lead and the funder, who run the initiative, answered that nothing is
automated. "I don't know" could be any answer, so the rule is raised (docs/scoring.md, section 3)
and keeps its severity, and the gates read it as before; but a report must not present what may
hold as what the answers show.

Now a finding that rests only on answers that could be anything ("I don't know", or a question
left blank) is marked: in JSON `source.possibly` (in a combined report, when everyone who raised
it did so only possibly) and `possibly` on an action all of whose findings are such; in words,
"May hold: ..." beside the action and the finding. Among actions of one severity, those that
answers show come first, then those that only may hold, each group by how soon to act as before.

Every expectation below was written before the change, from that rule and the example files.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, unwrapped
from tests.test_blank_answers import BLANKS, json_report, run

COUNTY = ROOT / "examples" / "county-justice"
AUTOMATED = "rule:automated-without-safeguards"
AUTHORITIES = "rule:authority-access-without-procedure"
THREAT = "rule:at-risk-without-threat-model"
STOP_USING = "Stop using the results until a trained person reviews each one"
NO_THREAT_MODEL = "Collect or pool no identifying data until you, the technical lead"
# Marcus Bell's "I don't know" raises both rules, and nothing they read was left blank: the words
# say "I don't know" alone (they said "or left blank" too until an outside review of 2026-11-28).
MAY_HOLD = "May hold: it rests on answers of “I don't know”, which could be any answer"
#: A rule that reads a question left blank (an "I don't know" elsewhere in it may be open too).
MAY_HOLD_EITHER = "May hold: it rests on answers of “I don't know”, or left blank, which could be any answer"
#: A question's own finding raised by its blank.
MAY_HOLD_BLANK = "May hold: it rests on questions left blank, which could be any answer"


def county(*args: str) -> dict:
    return json_report(COUNTY / "lead.yaml", COUNTY / "community.yaml", COUNTY / "funder.yaml", *args)


def test_the_county_rules_that_only_one_persons_i_dont_know_raises_are_marked() -> None:
    findings = {finding["id"]: finding for finding in county()["findings"]}
    # Marcus Bell (community) answered "I don't know" to automated decisions and to the procedure
    # for authorities' demands; nobody gave an answer that makes either rule hold.
    assert findings[AUTOMATED]["source"]["possibly"] is True
    assert findings[AUTHORITIES]["source"]["possibly"] is True
    # He answered that a threat model was "not considered": that rule is shown by an answer.
    assert findings[THREAT]["source"]["possibly"] is False
    # A finding of an answer given (the lead's "No" on minimising what authorities could demand).
    assert findings["demand-minimisation:no"]["source"]["possibly"] is False


def test_what_answers_show_comes_first_among_the_critical_actions() -> None:
    actions = county()["actions"]
    critical = [(action["findings"], action["possibly"]) for action in actions if action["severity"] == "critical"]
    assert critical == [([THREAT], False), ([AUTOMATED], True), ([AUTHORITIES], True)]


def test_the_first_screen_says_which_actions_only_may_hold() -> None:
    paths = [COUNTY / name for name in ("lead.yaml", "community.yaml", "funder.yaml")]
    markdown = unwrapped(run("report", *paths, "-f", "markdown", "-o", "-").stdout)
    first = markdown.split("## What to do first", 1)[1].split("\n## ", 1)[0]
    items = [item for item in first.split("\n") if item[:2] in ("1.", "2.", "3.")]
    assert NO_THREAT_MODEL in items[0] and MAY_HOLD not in items[0]
    assert STOP_USING in items[1] and MAY_HOLD in items[1]
    assert "tell all staff and volunteers to pass any request for data to one named person" in items[2]
    assert MAY_HOLD in items[2]


def test_a_rule_raised_by_i_dont_know_in_a_report_on_one_person_may_hold_too() -> None:
    """The reviewer's honest-unsure file answers the threat model "I don't know": its critical rule
    only may hold; silent-blank leaves it blank, which is the same."""
    # honest-unsure also leaves record-linkage and linkage-errors blank: the rule on unchecked links
    # rests on blanks alone, and record-linkage's own finding is its blank's. silent-blank leaves the
    # threat model blank instead of "I don't know": every action of it rests on blanks alone. (Both
    # said "or left blank" of rules on blanks alone until a review of 2026-11-29 found it untrue.)
    for name, said in (("honest-unsure", [MAY_HOLD, MAY_HOLD_BLANK]), ("silent-blank", [MAY_HOLD_BLANK])):
        findings = {finding["id"]: finding for finding in json_report(BLANKS / f"{name}.yaml")["findings"]}
        assert findings[THREAT]["source"]["possibly"] is True, name
        markdown = unwrapped(run("report", BLANKS / f"{name}.yaml", "-f", "markdown", "-o", "-").stdout)
        marked = {
            line.split("May hold: ", 1)[1].split(";")[0] for line in markdown.splitlines() if "*May hold: " in line
        }
        assert sorted(marked) == sorted(words.removeprefix("May hold: ") for words in said), name


def test_an_i_dont_know_answers_own_finding_is_what_the_answer_shows() -> None:
    """Not knowing is a fact about the initiative: "Whether the authorities could get the data is
    not known" is shown by the answer "I don't know" itself; left blank, it only may hold."""
    unsure = {f["id"]: f for f in json_report(BLANKS / "authority-unsure.yaml")["findings"]}
    blank = {f["id"]: f for f in json_report(BLANKS / "authority-blank.yaml")["findings"]}
    assert unsure["authority-access:unsure"]["source"]["possibly"] is False
    assert blank["authority-access:unsure"]["source"]["possibly"] is True


def test_the_json_report_with_may_hold_is_valid_against_its_schema(tmp_path: Path) -> None:
    from tests.report_schema import report_document

    out = tmp_path / "r.json"
    paths = [COUNTY / name for name in ("lead.yaml", "community.yaml", "funder.yaml")]
    assert run("report", *paths, "-f", "json", "-o", out).returncode == 0
    report_document(out.read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8"))["actions"][0]["possibly"] is False


def test_the_job_summary_marks_the_actions_that_only_may_hold() -> None:
    paths = [COUNTY / name for name in ("lead.yaml", "community.yaml", "funder.yaml")]
    summary = unwrapped(run("report", *paths, "-f", "summary", "-o", "-").stdout)
    items = [line for line in summary.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert NO_THREAT_MODEL in items[0] and MAY_HOLD not in items[0]
    assert STOP_USING in items[1] and MAY_HOLD in items[1]


def test_what_an_action_rests_on_is_each_of_its_findings_together() -> None:
    """A rule on blanks alone rests on blanks; on an "I don't know" and a blank, on either; one
    person's "I don't know" and another's blank under one finding, on either too."""
    from civdata.results import FindingKind, FindingSource, MayHoldOn

    rule = FindingKind.RULE
    on_unknown = FindingSource(rule, rule_id="r", possibly=True)
    on_blank = FindingSource(rule, rule_id="r", possibly=True, blank=("q",))
    on_both = FindingSource(rule, rule_id="r", possibly=True, blank=("q",), unknown=True)
    own_blank = FindingSource(FindingKind.ANSWER, "q", blank=("q",), possibly=True)
    assert MayHoldOn.of([on_unknown]) is MayHoldOn.UNKNOWN
    assert MayHoldOn.of([on_blank]) is MayHoldOn.BLANK
    assert MayHoldOn.of([on_both]) is MayHoldOn.EITHER
    assert MayHoldOn.of([own_blank, on_blank]) is MayHoldOn.BLANK
    assert MayHoldOn.of([on_unknown, own_blank]) is MayHoldOn.EITHER


def test_a_rule_on_a_question_left_blank_alone_says_blank(tmp_path: Path) -> None:
    """The county lead's file without its threat model: the critical rule rests on that blank."""
    import re

    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    (tmp_path / "lead.yaml").write_text(re.sub(r"\n  threat-model:\n(    .*\n)+", "\n", text), encoding="utf-8")
    markdown = unwrapped(run("report", tmp_path / "lead.yaml", "-f", "markdown", "-o", "-").stdout)
    marked = {line.split("May hold: ", 1)[1].split(";")[0] for line in markdown.splitlines() if "*May hold: " in line}
    assert marked == {MAY_HOLD_BLANK.removeprefix("May hold: ")}
