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

from tests.conftest import ROOT, civdata_command, civdata_in, unwrapped
from tests.test_ci_review_1129 import COUNTY, LATER, PINNED, run  # "today" pinned at 2026-11-18


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
    from civdata.describe import _each_test_alone, asked_if_text
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
        assert sentence is not None
        role = next(role.id for role in rubric.roles if question.asked_of(role.id))
        cases: list[dict[str, Answer]] = [{}]
        if "unless the rest of the condition rules it out" in sentence:  # under `all`, or beside `answered`
            assert not _each_test_alone(question.when)
            if any(test.operator == "answered" for test in answer_tests(question.when)):
                continue  # a blank fails `answered: true`: the rest of the condition rules it out
            tested = set()  # with everything blank, nothing rules it out: asked
        else:
            assert _each_test_alone(question.when)
            assert "left blank (it could then be one that asks this)." in sentence
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


# --- From a security review (2026-11-29) -----------------------------------------------------------


def test_a_long_name_never_starts_a_line_of_the_text_report_with_a_workflow_command(tmp_path: Path) -> None:
    """The terminal report's tables cut a word too long for its column at any character, so a
    ``::`` inside a long name could start a line, which GitHub Actions runs as a command."""
    team = tmp_path / "team"
    team.mkdir()
    (team / "lead.yaml").write_bytes((COUNTY / "lead.yaml").read_bytes())
    community = (COUNTY / "community.yaml").read_text(encoding="utf-8")
    hostile = "x" * 85 + "::error title=civdata::all gates passed"
    (team / "community.yaml").write_text(community.replace("name: Marcus Bell", f'name: "{hostile}"'), encoding="utf-8")
    done = run("report", "team", "-o", "report.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    printed = run("report", "team", "-f", "text", "-o", "-", cwd=tmp_path)
    for text in ((tmp_path / "report.txt").read_text(encoding="utf-8"), printed.stdout):
        assert "all gates passed" in text
        assert [line for line in text.splitlines() if line.lstrip().startswith("::")] == []
        assert "::" not in text


@pytest.mark.parametrize("mode", ["r+b", "ab"])
def test_standard_output_that_is_the_answers_file_read_is_never_written(tmp_path: Path, mode: str) -> None:
    """``report lead.yaml -o - >> lead.yaml`` (or ``1<>lead.yaml``) wrote the report into the
    answers it was made from, exit 0; ``-o lead.yaml`` was refused."""
    answers = tmp_path / "lead.yaml"
    answers.write_bytes((COUNTY / "lead.yaml").read_bytes())
    before = answers.read_bytes()
    for args in (
        ("report", "lead.yaml", "-o", "-"),
        ("report", "lead.yaml", "-f", "json"),
        ("template", "--from", "lead.yaml"),
    ):
        with answers.open(mode) as stdout:
            done = subprocess.run(
                [*civdata_command(), *args], cwd=tmp_path, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False
            )
        assert done.returncode == 2, (args, done.stderr)
        assert answers.read_bytes() == before, args
        role = "the file --from reads" if args[0] == "template" else "an answers file"
        said = f"standard output is {role}, read by this command (as lead.yaml); refusing to write over it"
        assert said in done.stderr, done.stderr


@pytest.mark.parametrize("value", ["20260101", "1.5", "true", "[a]"])
def test_a_date_that_is_not_text_is_a_located_problem_not_an_internal_error(tmp_path: Path, value: str) -> None:
    head = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    assert 'date: "2026-10-14"\n' in head
    (tmp_path / "d.yaml").write_text(head.replace('date: "2026-10-14"\n', f"date: {value}\n"), encoding="utf-8")
    for args in (("check", "d.yaml"), ("report", "d.yaml", "-o", "r.md")):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stderr)
        assert "internal error" not in done.stderr
        assert done.stderr.startswith("d.yaml:11:7: "), done.stderr


def test_the_latest_pinned_date_warns_of_no_date_written_in_four_digits(tmp_path: Path) -> None:
    done = civdata_in(tmp_path, "check", COUNTY / "lead.yaml", env={"SOURCE_DATE_EPOCH": "253402300799"})
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr


# --- From a review of the formats a dashboard and a board read (2026-11-29) --------------------------

LATER_LEAD = LATER / "lead.yaml"


@pytest.fixture(scope="module")
def unsure_threat_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unsure")
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    threat_model = "  threat-model:\n    value: written-internal\n"
    assert text.count(threat_model) == 1
    unsure = text.replace(threat_model, "  threat-model:\n    value: unsure\n")
    (folder / "lead.yaml").write_text(unsure, encoding="utf-8")
    return folder


def test_ci_formats_say_a_rule_resting_on_i_dont_know_only_may_hold(unsure_threat_model: Path) -> None:
    """Markdown said "the rule may hold"; SARIF, Code Quality and the annotations stated it as fact."""
    qualifier = "(on answers of “I don't know”, which could be any answer: the rule may hold)"
    sarif = json.loads(run("report", "lead.yaml", "-f", "sarif", "-o", "-", cwd=unsure_threat_model).stdout)
    results = {result["ruleId"]: result for result in sarif["runs"][0]["results"]}
    rule = results["rule:at-risk-without-threat-model"]
    assert rule["properties"]["possibly"] is True
    assert qualifier in rule["message"]["text"]
    assert all("possibly" not in result["properties"] for key, result in results.items() if key.startswith("people"))
    quality = json.loads(run("report", "lead.yaml", "-f", "codequality", "-o", "-", cwd=unsure_threat_model).stdout)
    described = {issue["check_name"]: issue["description"] for issue in quality}
    assert qualifier in described["rule:at-risk-without-threat-model"]
    # The title and the recommendation are two sentences, not one run together.
    assert described["use-against-community:plausible-no-safeguards"].startswith(
        "The data could be turned against the community it describes. For each harmful use"
    )
    env = {**PINNED, "GITHUB_ACTIONS": "true"}
    annotated = civdata_in(unsure_threat_model, "report", "lead.yaml", "-o", "r.md", env=env)
    lines = [*annotated.stdout.splitlines(), *annotated.stderr.splitlines()]
    line = next(line for line in lines if "no threat model is known" in line and line.startswith("::"))
    assert "the rule may hold" in line


def test_a_combined_report_with_nothing_blank_leaves_nothing_open(tmp_path: Path) -> None:
    report = json.loads(run("report", COUNTY, "-f", "json", cwd=tmp_path).stdout)
    assert report["coverage"]["percent"] == 100
    assert report["overall"]["open"] is None
    assert all(area["open"] is None for area in report["areas"])


def test_no_number_in_a_json_report_carries_binary_noise() -> None:
    import re

    text = (ROOT / "examples" / "community-consultation" / "report.json").read_text(encoding="utf-8")
    assert re.findall(r"\d\.\d{7,}", text) == []


def test_strengths_do_not_follow_the_order_the_files_were_given_in(tmp_path: Path) -> None:
    forward, backward = tmp_path / "forward", tmp_path / "backward"
    forward.mkdir()
    backward.mkdir()
    names = ["lead.yaml", "community.yaml", "funder.yaml"]
    for index, name in enumerate(names):
        (forward / f"{index}-{name}").write_bytes((COUNTY / name).read_bytes())
        (backward / f"{len(names) - index}-{name}").write_bytes((COUNTY / name).read_bytes())

    def strengths(folder: Path) -> list[tuple[str, str, int]]:
        report = json.loads(run("report", folder, "-f", "json", cwd=tmp_path).stdout)
        return [(item["question"], item["text"], len(item["respondents"])) for item in report["strengths"]]

    assert strengths(forward) == strengths(backward)


def test_a_comparison_gives_the_verdicts_ids_beside_their_labels(tmp_path: Path) -> None:
    done = run("report", LATER_LEAD, "--baseline", COUNTY / "lead.yaml", "-f", "json", "-o", "-", cwd=tmp_path)
    report = json.loads(done.stdout)
    verdict = report["progress"]["verdict"]
    assert verdict["after_id"] == report["verdict"]["id"]
    assert verdict["after"] == report["verdict"]["label"]
    assert (
        verdict["before_id"] == json.loads((COUNTY / "lead-report.json").read_text(encoding="utf-8"))["verdict"]["id"]
    )


def test_an_ascii_terminal_gets_the_report_not_a_false_error(tmp_path: Path) -> None:
    """Under an ASCII-only locale the text report stopped with "standard output is closed"."""
    env = {**PINNED, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    done = civdata_in(tmp_path, "report", COUNTY, "-f", "text", "-o", "-", env=env)
    assert done.returncode == 0, done.stderr
    assert "Not ready" in done.stdout


def test_a_resumed_session_keeps_its_date_until_an_answer_changes() -> None:
    from civdata.answers_loader import load_answers
    from civdata.questionnaire.session import Session
    from civdata.rubric_loader import load_rubric

    rubric = load_rubric(ROOT / "rubrics" / "civil-society-data-readiness.yaml")
    answers = load_answers(COUNTY / "lead.yaml", rubric)
    session = Session.resumed(rubric, answers, "2026-11-18")
    assert session.date == "2026-10-14"
    session.set_value("people-at-risk", answers.answers["people-at-risk"].value)
    session.set_note("people-at-risk", answers.answers["people-at-risk"].note)
    assert session.answer_set().date == "2026-10-14"
    # The same ticks in another order (the prompt gives the rubric's order) are no change.
    ticks = answers.answers["people-described"].value
    assert isinstance(ticks, tuple) and len(ticks) > 1
    session.set_value("people-described", tuple(reversed(ticks)))
    assert session.answer_set().date == "2026-10-14"
    session.set_value("people-at-risk", "no")
    assert session.answer_set().date == "2026-11-18"


def test_the_range_blanks_leave_open_is_said_in_every_format_a_person_reads(tmp_path: Path) -> None:
    """Only the JSON gave it: a board read the score shown as settled."""
    text = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    assert "  retention: written-schedule\n" in text
    (tmp_path / "lead.yaml").write_text(text.replace("  retention: written-schedule\n", ""), encoding="utf-8")
    report = json.loads(run("report", "lead.yaml", "-f", "json", cwd=tmp_path).stdout)
    low, high = report["overall"]["open"]["low"], report["overall"]["open"]["high"]
    assert low < report["overall"]["percent"] < high
    said = f"the questions you left blank leave the score between {low:g} and {high:g} until they are answered"
    markdown = run("report", "lead.yaml", "-f", "markdown", cwd=tmp_path).stdout
    assert f"- Left open: {said}." in unwrapped(markdown)
    terminal = run("report", "lead.yaml", "-f", "text", cwd=tmp_path).stdout
    assert said in " ".join(terminal.replace("│", " ").split())
    page = run("report", "lead.yaml", "-f", "html", cwd=tmp_path).stdout
    assert said in " ".join(page.split())
    # Nothing blank, nothing said.
    assert "Left open" not in run("report", COUNTY / "lead.yaml", "-f", "markdown", cwd=tmp_path).stdout


# --- From a facilitator's review (2026-11-29): one person's worse answer and the regression gate -----


def test_one_persons_move_to_a_riskier_answer_fails_the_regression_gate(tmp_path: Path) -> None:
    """The community said "trust" both times (high), the funder "agreement only" both times
    (medium); the lead moved from "agreement only" to "trust". By finding id both findings were
    still open, and --fail-on-regression high passed on the lead's worse answer."""
    assert run("report", COUNTY, "-f", "json", "--detail", "-o", "then.json", cwd=tmp_path).returncode == 0
    now = tmp_path / "now"
    now.mkdir()
    for name in ("community.yaml", "funder.yaml"):
        (now / name).write_bytes((COUNTY / name).read_bytes())
    lead = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    moved = "  enforcement-partner-limits:\n    value: agreement-only\n"
    assert moved in lead and 'date: "2026-10-14"' in lead
    lead = lead.replace(moved, "  enforcement-partner-limits:\n    value: trust\n")
    (now / "lead.yaml").write_text(lead.replace('date: "2026-10-14"', 'date: "2026-11-10"'), encoding="utf-8")
    done = run("report", "now", "--baseline", "then.json", "--fail-on-regression", "high", "-o", "r.json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    reason = (
        "1 answer now raising a finding at or above 'high' more severe than the same respondent's answer then: "
        "Dana Okafor, Limits on enforcement partners: high: Nothing stops an enforcement partner from using pooled "
        "data against individuals (medium then)"
    )
    assert f"gate failed: --fail-on-regression high: {reason}" in done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["progress"]["findings"]["new"] == []
    # A gate at 'medium' fails on the same answer too.
    medium = run(
        "report", "now", "--baseline", "then.json", "--fail-on-regression", "medium", "-o", "m.md", cwd=tmp_path
    )
    assert medium.returncode == 1
    # With --anonymize answers are not compared: the gate cannot judge the move, and says so.
    hidden = run(
        "report",
        "now",
        "--baseline",
        "then.json",
        "--fail-on-regression",
        "high",
        "--anonymize",
        "-f",
        "json",
        cwd=tmp_path,
    )
    check = next(
        check for check in json.loads(hidden.stdout)["gates"]["checks"] if check["gate"] == "--fail-on-regression"
    )
    assert hidden.returncode == 0 and check["reason"].endswith(
        "; answers were not compared, so no one's move to a riskier answer was judged"
    )
    # The same files again: nobody's answer is worse.
    again = run("report", COUNTY, "--baseline", "then.json", "--fail-on-regression", "high", "-o", "s.md", cwd=tmp_path)
    assert "1 answer now raising" not in again.stderr


def test_two_people_of_one_role_who_disagree_are_not_told_apart_by_that_role(tmp_path: Path) -> None:
    """ "bring the respondents who scored it lowest (Lead) and highest (Lead) together" named no one apart."""
    team = tmp_path / "team"
    team.mkdir()
    lead = (COUNTY / "lead.yaml").read_text(encoding="utf-8")
    (team / "lead.yaml").write_text(lead, encoding="utf-8")
    moved = "  enforcement-partner-limits:\n    value: agreement-only\n"
    other = lead.replace(moved, "  enforcement-partner-limits:\n    value: trust\n").replace("Dana Okafor", "Sam Ortiz")
    (team / "lead-2.yaml").write_text(other, encoding="utf-8")
    report = json.loads(run("report", "team", "-f", "json", cwd=tmp_path).stdout)
    finding = next(f for f in report["findings"] if f["id"] == "divergence:enforcement-partner-limits")
    assert (
        "bring the respondents who scored it lowest and highest together (all Lead organisation: they disagree "
        in (finding["recommendation"])
    )


def test_a_device_on_standard_input_that_never_ends_is_named_as_one(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [*civdata_command(), "report", "-"], cwd=tmp_path, stdin=zero, capture_output=True, text=True, check=False
        )
    assert done.returncode == 2
    assert done.stderr.startswith("<stdin>: standard input is a device that does not end, not a file")


def test_the_scores_table_says_what_the_number_after_a_role_is(tmp_path: Path) -> None:
    markdown = unwrapped(run("report", COUNTY, "-f", "markdown", cwd=tmp_path).stdout)
    assert "*Funder* (1) |" in markdown
    assert "The number after a role is how many respondents answered for it." in markdown


@pytest.mark.parametrize(("written", "meant"), [("EN", "en"), ("pt_br", "pt-BR"), ("Fr-ca", "fr-CA")])
def test_a_language_code_in_the_wrong_case_is_told_how_to_write_it(tmp_path: Path, written: str, meant: str) -> None:
    mini = (ROOT / "tests" / "fixtures" / "mini-rubric.yaml").read_text(encoding="utf-8")
    assert "\nid: mini\n" in mini and "\nlanguage:" not in mini
    (tmp_path / "r.yaml").write_text(
        mini.replace("\nid: mini\n", f"\nid: mini\nlanguage: {written}\n"), encoding="utf-8"
    )
    done = run("rubric", "validate", "r.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert f"'language' is not valid ('{written}'): write it '{meant}'" in done.stderr


def test_a_misspelt_required_key_is_one_problem_not_three(tmp_path: Path) -> None:
    mini = (ROOT / "tests" / "fixtures" / "mini-rubric.yaml").read_text(encoding="utf-8")
    voice = mini.index("id: voice")
    at = mini.index("        options:\n", voice)
    (tmp_path / "r.yaml").write_text(
        mini[:at] + "        optoins:\n" + mini[at + len("        options:\n") :], encoding="utf-8"
    )
    done = run("rubric", "validate", "r.yaml", cwd=tmp_path)
    assert done.returncode == 2
    problems = [line for line in done.stderr.splitlines() if line.startswith("r.yaml:")]
    assert len(problems) == 1, problems
    assert problems[0].endswith("unknown key 'optoins' in question 'voice'; did you mean 'options'?")


def test_a_follow_up_under_all_is_not_said_to_be_asked_whenever_one_answer_is_unknown(tmp_path: Path) -> None:
    """With `all: [qa is yes, qb is yes]`, qa "no" and qb "I don't know" ask nothing: the sentence
    said "or if an answer it tests is “I don't know”" (a review of this session's changes)."""
    mini = (ROOT / "tests" / "fixtures" / "mini-rubric.yaml").read_text(encoding="utf-8")
    old = 'when: {question: sensitive, in: ["yes", unsure]}'
    assert old in mini
    both = 'when: {all: [{question: sensitive, in: ["yes", unsure]}, {question: sensitive, answered: true}]}'
    (tmp_path / "r.yaml").write_text(mini.replace(old, both), encoding="utf-8")
    done = run("template", "-r", "r.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = " ".join(line.strip().lstrip("#").strip() for line in done.stdout.splitlines())
    assert "could be any answer: the question is asked then too, unless the rest of the condition rules it out." in text
    assert "(it could then be one that asks this)" not in text


def test_categories_and_checklists_that_others_depend_on_need_no_scores(tmp_path: Path) -> None:
    """A checklist scores nothing on purpose, and a weight-0 choice with no score on any option is
    a category (no answer is riskier): a rule or follow-up on them was refused."""
    deon = (ROOT / "examples" / "rubrics" / "deon-checklist.yaml").read_text(encoding="utf-8")
    rule = (
        "rules:\n  - id: no-consent-no-security\n"
        '    when: {all: [{question: A.1, equals: "no"}, {question: A.2, equals: "no"}]}\n'
        "    finding: {severity: medium, title: Neither consent nor security discussed, recommendation: Talk.}\n"
    )
    assert "\nverdicts:" in deon and "\nrules:" not in deon
    (tmp_path / "deon.yaml").write_text(deon.replace("\nverdicts:", "\n" + rule + "verdicts:", 1), encoding="utf-8")
    assert run("rubric", "validate", "deon.yaml", cwd=tmp_path).returncode == 0
    mini = (ROOT / "tests" / "fixtures" / "mini-rubric.yaml").read_text(encoding="utf-8")
    region = (
        "      - id: region\n        title: Region\n        prompt: Where do you work?\n        type: single_choice\n"
        "        weight: 0\n        options:\n          - {value: north, label: North}\n"
        "          - {value: south, label: South}\n"
    )
    at = mini.index("      - id: threat-model")
    follow_up = 'when: {question: sensitive, in: ["yes", unsure]}'
    text = mini[:at] + region + mini[at:]
    text = text.replace(
        follow_up, 'when: {any: [{question: sensitive, in: ["yes", unsure]}, {question: region, equals: north}]}'
    )
    (tmp_path / "mini.yaml").write_text(text, encoding="utf-8")
    done = run("rubric", "validate", "mini.yaml", cwd=tmp_path)
    assert "region" not in done.stderr, done.stderr


def test_a_follow_up_that_cannot_turn_the_scores_round_is_not_refused(tmp_path: Path) -> None:
    """ "Reviewed yearly?" (weight 0.5) opened by "Yes, internal" (0.6) and skipped by "No" (0): "No"
    scores 33.3 at best, "Yes, internal" and not reviewed 56.7. The refusal said it "can score
    better" of it (a review of this session's changes); it judges the weights now."""
    mini = (ROOT / "tests" / "fixtures" / "mini-rubric.yaml").read_text(encoding="utf-8")
    policy = (
        "      - id: policy\n        title: Policy\n        prompt: Do you have a data policy?\n"
        "        type: single_choice\n        options:\n"
        "          - {value: published, label: Yes published, score: 1}\n"
        "          - {value: internal, label: Yes internal, score: 0.6}\n"
        "          - {value: none, label: 'No', score: 0}\n"
        "      - id: reviewed\n        title: Reviewed\n        prompt: Is the policy reviewed yearly?\n"
        "        type: yes_no\n        weight: WEIGHT\n        when: {question: policy, in: [published, internal]}\n"
        "        options:\n          - {value: 'yes', score: 1}\n          - {value: 'no', score: 0.5}\n"
    )
    at = mini.index("      - id: voice")
    for weight, refused in (("0.5", False), ("3", True)):
        (tmp_path / "r.yaml").write_text(mini[:at] + policy.replace("WEIGHT", weight) + mini[at:], encoding="utf-8")
        done = run("rubric", "validate", "r.yaml", cwd=tmp_path)
        assert (done.returncode == 2) is refused, (weight, done.stderr)
        assert ("'reviewed' is asked after “Yes published” to 'policy'" in done.stderr) is refused
