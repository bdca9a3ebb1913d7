"""Defects an outside review found on 2026-11-26, each pinned by a scenario run as a user runs it.

Every expected outcome here was written from the documentation before the fix was made, and each
test fails on the code before it (noted per test). The rubrics are small on purpose: one fact each.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from civdata.escape import log_line, md_inline, terminal_text
from civdata.mdlayout import lay_out
from tests.conftest import FIXTURES, ROOT, civdata_command

#: A rubric whose best verdict asks, through `not`, that the data is not sensitive, and a rule that
#: names one of three options of a multiple choice.
SENSITIVE_RUBRIC = """\
format: 1
id: sem
version: 1.0.0
title: Sensitive data
description: Two questions, a rule and a verdict that tests an answer through not.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: Lead}
  - {id: community, label: Community}
areas:
  - id: people
    title: People
    questions:
      - id: sensitive
        title: Sensitive
        prompt: Does the data describe people at risk?
        type: yes_no
        options:
          - {value: "yes", score: 0}
          - {value: "no", score: 1}
          - {value: unsure, finding: {severity: medium, title: Nobody knows, recommendation: Find out.}}
      - id: risks
        title: Risks
        prompt: What could happen to the data?
        type: multiple_choice
        required: false
        options:
          - value: leak
            label: Leak
            score: 0
            finding: {severity: medium, title: Leak possible, recommendation: Encrypt.}
          - value: sale
            label: Sale
            score: 0
            finding: {severity: medium, title: Data may be sold, recommendation: Ban sale in the agreement.}
          - {value: none, label: None, score: 1, exclusive: true}
rules:
  - id: sensitive-leak
    when:
      all:
        - {question: sensitive, equals: "yes"}
        - {question: risks, includes: leak}
    finding: {severity: high, title: Sensitive data could leak, recommendation: Encrypt now.}
verdicts:
  - {id: safe, label: Safe, when: {not: {question: sensitive, equals: "yes"}}}
  - {id: unsafe, label: Unsafe}
"""

#: A risk-scored multiple choice whose points are summed, with an "I don't know" option.
RISK_RUBRIC = """\
format: 1
id: exposure
version: 1.0.0
title: Exposure
description: One risk question whose points add up.
license: CC0-1.0
authors: [civdata maintainers]
direction: risk
roles:
  - {id: lead, label: Lead}
areas:
  - id: exposure
    title: Exposure
    questions:
      - id: exposures
        title: Exposures
        prompt: What could expose the people in the data?
        type: multiple_choice
        options:
          - {value: leak, label: A leak, points: 4}
          - {value: sale, label: A sale, points: 5}
          - {value: nothing, label: Nothing, points: 0, exclusive: true}
          - value: dunno
            label: I do not know
            unknown: true
            exclusive: true
            finding: {severity: high, title: Nobody knows the exposures, recommendation: Find out.}
verdicts:
  - {id: low, label: Low risk, max_score: 30}
  - {id: high, label: High risk}
"""


def answers_file(folder: Path, name: str, rubric_id: str, role: str, answers: str, version: str = "1.0.0") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(
        f"format: 1\nrubric: {{id: {rubric_id}, version: {version}}}\ninitiative: Test\n"
        f"respondent: {{name: {name}, role: {role}}}\ndate: '2026-01-01'\nanswers:\n{answers}",
        encoding="utf-8",
    )
    return path


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*civdata_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=None if env is None else os.environ | env,
        check=False,
    )


def json_report(*args: str | Path) -> dict:
    result = run("report", *args, "-f", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def sensitive(tmp_path: Path) -> Path:
    rubric = tmp_path / "sem.yaml"
    rubric.write_text(SENSITIVE_RUBRIC, encoding="utf-8")
    return rubric


# --- Verdicts ------------------------------------------------------------------------------------


def test_a_combined_report_never_gives_a_band_through_not_on_answers(tmp_path: Path, sensitive: Path) -> None:
    """Before: the combined report tested `not` against no answers at all, so it gave `safe`
    although every respondent said the data is sensitive."""
    team = tmp_path / "team"
    team.mkdir()
    for name, role in (("ana", "lead"), ("ben", "community")):
        answers_file(team, name, "sem", role, '  sensitive: "yes"\n  risks: [leak]\n')
    assert json_report(team / "ana.yaml", "-r", sensitive)["verdict"]["id"] == "unsafe"
    assert json_report(team, "-r", sensitive)["verdict"]["id"] == "unsafe"


@pytest.mark.parametrize(("sensitive_answer", "verdict"), [('"no"', "safe"), ('"yes"', "unsafe"), ("unsure", "unsafe")])
def test_a_known_answer_decides_a_band_that_tests_it_through_not(
    tmp_path: Path, sensitive: Path, sensitive_answer: str, verdict: str
) -> None:
    path = answers_file(tmp_path, "ana", "sem", "lead", f"  sensitive: {sensitive_answer}\n  risks: [none]\n")
    assert json_report(path, "-r", sensitive)["verdict"]["id"] == verdict


def test_leaving_the_question_blank_never_earns_a_band_that_yes_or_unsure_would_not(
    tmp_path: Path, sensitive: Path
) -> None:
    """Before: a blank was false in a verdict, so `not` made it true and the blank file was `safe`."""
    path = answers_file(tmp_path, "ana", "sem", "lead", "  risks: [none]\n")
    assert json_report(path, "-r", sensitive)["verdict"]["id"] == "unsafe"


def test_a_gate_has_a_coverage_floor_even_when_the_rubric_sets_none(tmp_path: Path, sensitive: Path) -> None:
    """Before: no verdict of this rubric sets min_coverage, so an empty file passed --fail-on."""
    empty = answers_file(tmp_path, "ana", "sem", "lead", "  {}\n")
    result = run("report", empty, "-r", sensitive, "--fail-on", "critical", "-f", "json", "-o", "-")
    assert result.returncode == 1, result.stderr
    floor = next(check for check in json.loads(result.stdout)["gates"]["checks"] if check["gate"] == "coverage floor")
    assert (floor["threshold"], floor["passed"]) == ("75", False)


# --- Scoring -------------------------------------------------------------------------------------


def test_i_dont_know_scores_as_the_worst_sum_of_a_risk_multiple_choice(tmp_path: Path) -> None:
    """Before: "I don't know" took the heaviest single option (5 of 9 points, 55.6) while ticking
    the leak and the sale came to 9 of 9: not knowing looked better than a known answer."""
    rubric = tmp_path / "exposure.yaml"
    rubric.write_text(RISK_RUBRIC, encoding="utf-8")
    known = answers_file(tmp_path, "known", "exposure", "lead", "  exposures: [leak, sale]\n")
    unknown = answers_file(tmp_path, "unknown", "exposure", "lead", "  exposures: [dunno]\n")
    worst_known = json_report(known, "-r", rubric)["overall"]["percent"]
    assert worst_known == 100
    assert json_report(unknown, "-r", rubric)["overall"]["percent"] == worst_known


def test_a_rule_replaces_the_findings_of_the_options_it_names_not_of_those_ticked_beside(
    tmp_path: Path, sensitive: Path
) -> None:
    """Before: the rule on `includes: leak` swallowed the finding of `sale` too, and its advice
    ("Ban sale in the agreement.") was in no action."""
    path = answers_file(tmp_path, "ana", "sem", "lead", '  sensitive: "yes"\n  risks: [leak, sale]\n')
    report = json_report(path, "-r", sensitive)
    ids = [finding["id"] for finding in report["findings"]]
    assert "rule:sensitive-leak" in ids
    assert "risks:sale" in ids
    assert "risks:leak" not in ids
    rule = next(finding for finding in report["findings"] if finding["id"] == "rule:sensitive-leak")
    assert rule["covers"] == ["risks:leak"]


# --- Progress --------------------------------------------------------------------------------------


def test_an_area_answered_for_the_first_time_does_not_fail_the_score_regression_gate(tmp_path: Path) -> None:
    """Before: the overall score fell from 100 to 94.5 only because it now averaged one more area,
    and --fail-on-regression scores failed although no compared score was worse."""
    before = answers_file(tmp_path, "before", "mini", "lead", SAME_PEOPLE, version="1.2.0")
    after = answers_file(
        tmp_path, "after", "mini", "lead", SAME_PEOPLE + "  confidence: 3\n  months: 40\n", version="1.2.0"
    )
    rubric = FIXTURES / "mini-rubric.yaml"
    result = run(
        "report", after, "-r", rubric, "--baseline", before, "--fail-on-regression", "scores",
        "--min-coverage", "0", "-f", "json", "-o", "-",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    overall = json.loads(result.stdout)["progress"]["overall"]
    assert overall["trend"] == "not-compared"


SAME_PEOPLE = '  sensitive: "no"\n  voice: decide\n  safeguards: [encryption, access-log, dpia]\n'


# --- Field collection ----------------------------------------------------------------------------

CONSULTATION = ROOT / "examples" / "community-consultation" / "submissions.csv"


def test_anonymizing_an_import_changes_no_score_finding_or_coverage(tmp_path: Path) -> None:
    """Before: written text answers were dropped before scoring, so required text questions counted
    as unanswered (coverage 98.1 instead of 99.0) and rules on `answered` changed."""

    def summary(*flags: str) -> tuple:
        result = run("import", CONSULTATION, "--report", "-", "-f", "json", *flags)
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        raised = [(finding["id"], len(finding["source"]["respondents"])) for finding in report["findings"]]
        return report["coverage"], report["overall"], raised

    assert summary("--anonymize") == summary()


def test_an_unusable_report_path_leaves_no_answers_folder(tmp_path: Path) -> None:
    """Before: the folder was committed, then --report was found unwritable (exit 2, files left)."""
    folder = tmp_path / "answers"
    result = run("import", CONSULTATION, "-o", folder, "--report", tmp_path / "missing" / "r.md")
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert not folder.exists()


# --- Hostile values ------------------------------------------------------------------------------


def test_no_wrapped_markdown_line_starts_a_workflow_command() -> None:
    """Before: the wrapper broke a long line just before `::error`, which GitHub runs as a command
    when the report is printed in a job."""
    words = "word " * 14
    text = lay_out(f"Note by {md_inline(words + '::error title=Gate::civdata gate failed')}: a note.")
    assert all(not line.lstrip().startswith("::") for line in text.splitlines())
    assert "\\::error" in text  # still reads `::error` once rendered


@pytest.mark.parametrize("text", ["::error::x", "a ::warning::y", "##[error]z", "line\n  ::stop-commands::t"])
def test_terminal_text_never_holds_a_workflow_command_where_a_line_could_start(text: str) -> None:
    shown = terminal_text(text)
    assert "##[" not in shown
    for start in range(len(shown)):
        if start == 0 or shown[start - 1].isspace():
            assert not shown.startswith("::", start), shown
    assert log_line(text).count("::") == 0


def test_terminal_text_breaks_a_colon_pair_inside_a_word_too(text: str = "fe80::1 and std::vector") -> None:
    # This kept a "::" inside a word as written, until a security review (2026-11-29) showed the
    # terminal report's tables cutting a word too long for its column at any character: a "::" in
    # the middle of a long name then started a line, a workflow command in a CI log. Every "::" is
    # now broken up in terminal text; a person reads ":\x3a" as the same text.
    assert terminal_text(text) == "fe80:\\x3a1 and std:\\x3avector"


def test_a_symlink_loop_given_as_the_rubric_is_a_located_problem(tmp_path: Path) -> None:
    """Before: resolving the path to name it raised RuntimeError: exit 3, an internal error."""
    (tmp_path / "loop1.yaml").symlink_to("loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to("loop1.yaml")
    for args in (["rubric", "validate", "loop1.yaml"], ["template", "-r", "./loop1.yaml", "-o", "t.yaml"]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert "loop1.yaml: cannot read" in result.stderr


def test_a_limit_is_stated_with_every_digit(tmp_path: Path) -> None:
    """Before: `must be at most 1.23457e+06, not 1.23457e+06`."""
    rubric = tmp_path / "limit.yaml"
    rubric.write_text(
        RISK_RUBRIC.replace("id: exposure\n", "id: limit\n", 1).replace(
            "verdicts:",
            "      - {id: people, title: People, prompt: How many?, type: number, min: 0.5, max: 1234567,"
            " weight: 0}\nverdicts:",
        ),
        encoding="utf-8",
    )
    path = answers_file(tmp_path, "ana", "limit", "lead", "  exposures: [leak]\n  people: 1234568\n")
    result = run("report", path, "-r", rubric, "-o", tmp_path / "r.md")
    assert result.returncode == 2
    assert "must be at most 1234567, not 1234568" in result.stderr


# --- Numbers written as text ---------------------------------------------------------------------


@pytest.mark.parametrize("written", ['"7\\n"', '"  7"', '"7 "', "|\n    7"])
def test_a_number_written_as_text_is_the_number_alone(tmp_path: Path, written: str) -> None:
    """docs/answers-format.md: a number written as text "must be plain ASCII digits, with an
    optional sign, decimal point and exponent". Before: spaces and line breaks around it were
    dropped, so `months: "7\\n"` was 7 (while a date with a line break after it was refused)."""
    path = answers_file(tmp_path, "ana", "mini", "lead", f"  months: {written}\n", version="1.2.0")
    result = run("report", path, "-r", ROOT / "tests" / "fixtures" / "mini-rubric.yaml", "-o", tmp_path / "r.md")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{path}:7:11: the answer to 'months' must be a number of months; "
        "write '7' without the spaces or line breaks around it"
    )


def test_a_number_written_as_plain_text_is_read(tmp_path: Path) -> None:
    """The number alone, quoted, is still a number: 7 months falls in the band under a year."""
    path = answers_file(tmp_path, "ana", "mini", "lead", '  months: "7"\n', version="1.2.0")
    report = json_report(path, "-r", ROOT / "tests" / "fixtures" / "mini-rubric.yaml")
    assert "months:band-1" in [finding["id"] for finding in report["covered_findings"]]


# --- An area left blank (second outside review, 2026-11-26) --------------------------------------

#: Two areas: the follow-up in "protect" is opened only by a "yes" in "collect".
BLANK_AREA_RUBRIC = """\
format: 1
id: blank-area
version: 1.0.0
title: Blank area
description: A follow-up in one area that an answer in another closes.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - {id: lead, label: Lead}
  - {id: community, label: Community}
areas:
  - id: collect
    title: Collection
    questions:
      - id: collects-ids
        title: Identity documents
        prompt: Do you collect identity documents?
        type: yes_no
        options:
          - {value: "yes", score: 0.5}
          - {value: "no", score: 1}
          - {value: unsure, finding: {severity: medium, title: Nobody knows, recommendation: Find out.}}
      - id: purpose
        title: Purpose
        prompt: Is the purpose written down?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
          - {value: unsure, finding: {severity: medium, title: Nobody knows the purpose, recommendation: Ask.}}
  - id: protect
    title: Protection
    weight: 2
    questions:
      - id: id-safeguard
        title: Safeguard for documents
        prompt: Are the documents kept apart?
        type: yes_no
        when: {question: collects-ids, equals: "yes"}
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
          - {value: unsure, finding: {severity: high, title: Nobody knows, recommendation: Check.}}
      - id: encryption
        title: Encryption
        prompt: Is the data encrypted?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
          - {value: unsure, finding: {severity: high, title: Nobody knows about encryption, recommendation: Check.}}
      - id: deletion
        title: Deletion
        prompt: Is there a deletion date?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
          - {value: unsure, finding: {severity: high, title: Nobody knows about deletion, recommendation: Check.}}
verdicts:
  - {id: done, label: Done}
"""


def _areas(report: dict) -> dict[str, float | None]:
    return {area["id"]: area["percent"] for area in report["areas"]}


def test_an_area_left_blank_has_no_score_even_beside_a_follow_up_counted_as_met(tmp_path: Path) -> None:
    """scoring.md: an area's score is none when there is nothing to count, and unanswered
    questions lower coverage, never the score. Before: a person who stopped before "protect" got
    100 there from the one follow-up that "no" in another area closed, and an overall of 100."""
    rubric = tmp_path / "blank-area.yaml"
    rubric.write_text(BLANK_AREA_RUBRIC, encoding="utf-8")
    stopped = answers_file(tmp_path, "stopped", "blank-area", "lead", '  collects-ids: "no"\n  purpose: "no"\n')
    report = json_report(stopped, "-r", rubric)
    assert _areas(report) == {"collect": 50.0, "protect": None}
    assert report["overall"]["percent"] == 50.0
    # Closing the follow-up still counts where the person answered the area: it is met.
    answered = answers_file(
        tmp_path, "answered", "blank-area", "lead", '  collects-ids: "no"\n  purpose: "no"\n  encryption: "no"\n'
    )
    assert _areas(json_report(answered, "-r", rubric))["protect"] == 50.0
    # And an area where every question was closed is met in full, blank or not.
    closed = BLANK_AREA_RUBRIC.replace(
        "      - id: encryption", '      - id: encryption\n        when: {question: collects-ids, equals: "yes"}'
    ).replace("      - id: deletion", '      - id: deletion\n        when: {question: collects-ids, equals: "yes"}')
    rubric.write_text(closed, encoding="utf-8")
    assert _areas(json_report(stopped, "-r", rubric))["protect"] == 100.0


def test_a_respondent_who_left_an_area_blank_is_left_out_of_its_combined_score(tmp_path: Path) -> None:
    """multi-respondent.md: a role's area score is the mean of its respondents with any counted
    answer there. Before: the blank area's 100 raised the community's, and the combined, score."""
    rubric = tmp_path / "blank-area.yaml"
    rubric.write_text(BLANK_AREA_RUBRIC, encoding="utf-8")
    folder = tmp_path / "team"
    folder.mkdir()
    worst = '  collects-ids: "no"\n  purpose: "no"\n  encryption: "no"\n  deletion: "no"\n'
    answers_file(folder, "lead", "blank-area", "lead", worst)
    answers_file(folder, "community", "blank-area", "community", '  collects-ids: "no"\n  purpose: "no"\n')
    combined = json_report(folder, "-r", rubric)
    assert _areas(combined)["protect"] == round(100 / 3, 1)  # the lead's alone: the met follow-up of 3


def test_a_blank_comment_beside_closed_follow_ups_leaves_them_met(tmp_path: Path) -> None:
    """Only questions that score make an area blank: an optional text box left empty beside the
    follow-ups an answer closed leaves the area met in full, as before."""
    closed = (
        BLANK_AREA_RUBRIC.replace(
            "      - id: encryption", '      - id: encryption\n        when: {question: collects-ids, equals: "yes"}'
        )
        .replace("      - id: deletion", '      - id: deletion\n        when: {question: collects-ids, equals: "yes"}')
        .replace(
            "verdicts:",
            "      - {id: remarks, title: Remarks, prompt: Anything to add?, type: text, required: false}\nverdicts:",
        )
    )
    rubric = tmp_path / "blank-area.yaml"
    rubric.write_text(closed, encoding="utf-8")
    stopped = answers_file(tmp_path, "stopped", "blank-area", "lead", '  collects-ids: "no"\n  purpose: "no"\n')
    assert _areas(json_report(stopped, "-r", rubric))["protect"] == 100.0
