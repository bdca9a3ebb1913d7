"""Found on 2026-11-28, from the notes of earlier sessions and the day's outside reviews; each
checked to fail before its fix. Expected messages were written before civdata was run.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.form_layout import RUBRIC_FIELD, FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import civdata_command, civdata_in
from tests.kobo_layout import Submission, csv_text, kobo_rows
from tests.test_form_import import generated


def run(cwd: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


def test_an_import_whose_rubric_came_from_its_first_row_names_that_row(tmp_path: Path) -> None:
    # It said "but the rubric given is ...; pass the right one with --rubric" when no rubric was
    # given: the first submission's rubric cell chose it, and --rubric cannot read two forms at once.
    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    table = kobo_rows(FormLayout(rubric), [Submission(answers) for answers in generated(rubric, 3, seed=3)])
    column = table[0].index(RUBRIC_FIELD)
    table[3][column] = "deon-checklist"
    export = tmp_path / "two-forms.csv"
    export.write_text(csv_text(table), encoding="utf-8")
    result = run(tmp_path, "import", export, "-o", tmp_path / "answers")
    assert result.returncode == 2, result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith(f"{export}:")]
    assert problems == [
        f"{export}:4:{column + 1}: this submission is for rubric 'deon-checklist', but the first submission "
        f"(row 2) is for '{DEFAULT_RUBRIC_ID}', and one import reads the submissions of one rubric's form: "
        "download each form's submissions on their own and import each"
    ], result.stderr
    assert not (tmp_path / "answers").exists()


def test_a_historys_mixed_group_warning_reads_in_time_order(tmp_path: Path) -> None:
    # It grouped the dates by the number of respondents, smallest first: "2026-04-10 is a report on
    # one respondent, 2026-01-10 and 2026-07-10 are reports on 2", which reads back to front.
    from tests.test_progress import mixed_history

    reports = mixed_history(tmp_path, together=(True, False, True))
    history = run(tmp_path, "history", *reports, "-o", tmp_path / "h.md")
    assert history.returncode == 0, history.stderr
    assert (
        "Not the same group throughout: 2026-01-10 and 2026-07-10 are reports on 2 respondents, "
        "2026-04-10 is a report on one respondent;"
    ) in " ".join(history.stderr.split()), history.stderr


# --- From the review of a team gating its pipeline (2026-11-28) -----------------------------------

LEAD = (
    "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\nrespondent: {name: Lena, role: lead}\n"
    'date: "2026-11-01"\nanswers:\n  sensitive: "yes"\n  threat-model: "no"\n'
)


def test_a_baseline_that_is_the_answers_reported_on_is_refused(tmp_path: Path) -> None:
    # `--baseline answers/` typed for `--baseline last.json`: compared with itself nothing was worse
    # or new, and --fail-on-regression passed whatever the answers said (exit 0).
    from tests.conftest import MINI_RUBRIC

    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "lena.yaml").write_text(LEAD, encoding="utf-8")
    fix = (
        "is also one of the answers reported on, and compared with itself nothing changed, so no regression gate "
        "could fail; give the earlier assessment (the report's .json kept from then, or the answers files of then)"
    )
    for answers, baseline, named in (
        # Named as given, less the "./" a path drops (written "./team/lena.yaml" before running).
        ("team/lena.yaml", "./team/lena.yaml", "team/lena.yaml"),
        ("team", "team", "team/lena.yaml"),
        ("team", "team/lena.yaml", "team/lena.yaml"),
    ):
        result = run(
            tmp_path, "report", answers, "-r", MINI_RUBRIC, "--baseline", baseline, "--fail-on-regression", "info",
            "-o", "r.md",
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert f"civdata: --baseline: {named} {fix}" in result.stderr
        assert not (tmp_path / "r.md").exists()
    hidden = run(tmp_path, "report", "team", "-r", MINI_RUBRIC, "--baseline", "team", "--anonymize", "-o", "r.md")
    assert hidden.returncode == 2
    assert f"civdata: --baseline: one of its files {fix}" in hidden.stderr
    assert "lena" not in hidden.stderr


def test_check_refuses_an_emptied_answers_file_as_report_does(tmp_path: Path) -> None:
    # An answers file emptied by accident was skipped as "neither an answers file nor a rubric (no
    # 'rubric' ... key)", exit 0, while `civdata report` on its folder refused it (exit 2); and an
    # empty standard input gave "0 files checked, no problems".
    from tests.conftest import MINI_RUBRIC

    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "lena.yaml").write_text(LEAD, encoding="utf-8")
    (tmp_path / "team" / "sam.yaml").write_text("# Sam's answers, to come\n", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    empty = (
        "the file is empty (nothing but blanks or comments); an answers file must be a YAML mapping with 'rubric', "
        "'initiative', 'respondent' and 'answers'; `civdata template` writes one to start from"
    )
    for named in (".", "team/sam.yaml"):  # a folder, or the one file pre-commit names
        result = run(tmp_path, "check", named, "-r", MINI_RUBRIC)
        assert result.returncode == 2, result.stderr
        assert f"team/sam.yaml:1:1: {empty}" in result.stderr
        assert "team/lena.yaml:" not in result.stderr
    folder = run(tmp_path, "check", ".", "-r", MINI_RUBRIC)
    # Not beside any answers file, an empty file says nothing of what it is: skipped, and said why.
    assert "civdata: skipped empty.yaml: empty (nothing but blanks or comments), so not checked" in folder.stderr
    report = run(tmp_path, "report", "team", "-r", MINI_RUBRIC, "-o", "r.md")
    assert report.returncode == 2 and f"team/sam.yaml:1:1: {empty}" in report.stderr
    piped = subprocess.run(
        [*civdata_command(), "check", "-", "-r", str(MINI_RUBRIC)], cwd=tmp_path, input="", capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert piped.returncode == 2, piped.stderr
    assert f"<stdin>:1:1: {empty}" in piped.stderr


def test_coverage_of_a_rubric_that_requires_nothing_counts_every_question(tmp_path: Path) -> None:
    # With no required question, coverage was "0 of 0 required questions that apply (100%)": an
    # answers file with nothing answered passed `--min-coverage 100` (and the default floor).
    from tests.conftest import MINI_RUBRIC

    text = re.sub(r"(?m)^        required: (true|false)\n", "", MINI_RUBRIC.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^(      - id: [a-z-]+\n)", r"\1        required: false\n", text)
    (tmp_path / "optional.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "empty.yaml").write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\nrespondent: {role: partner}\nanswers: {}\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "report", "empty.yaml", "-r", "optional.yaml", "--min-coverage", "100", "-o", "r.md")
    assert result.returncode == 1, result.stderr
    assert "gate failed: --min-coverage 100: coverage 0% is below 100%" in result.stderr
    document = " ".join((tmp_path / "r.md").read_text(encoding="utf-8").split())
    # sensitive, voice, safeguards, confidence and months apply; threat-model is asked when
    # sensitive is "yes" or unsure, and a blank could be either; deletion-plan and comments are text.
    # (Written as 7 before running: deletion-plan was taken for a choice; it is text.)
    assert (
        "the answers cover 0 of 6 questions that apply (0%; the rubric requires none of them, so every one is counted)"
    ) in document
    floor = run(tmp_path, "report", "empty.yaml", "-r", "optional.yaml", "--fail-on", "critical", "-o", "r.json")
    assert floor.returncode == 1, floor.stderr  # the default coverage floor fails it too
    coverage = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["coverage"]
    assert (coverage["answered"], coverage["expected"], coverage["of_every_question"]) == (0, 6, True)


# --- From the review of a methodologist writing rubrics (2026-11-28) ------------------------------

SCORE_RUBRIC = """\
format: 1
id: score-rule-blank
version: 1.0.0
title: Score rule and blanks
description: A rule and a verdict on an area score.
license: CC-BY-4.0
authors: [Test]
roles:
  - {id: lead, label: Lead}
areas:
  - id: protection
    title: Protection
    questions:
"""
for _question in ("encrypted", "logged", "pseudonymised", "retention"):
    SCORE_RUBRIC += (
        f"      - id: {_question}\n        title: {_question.title()}\n        prompt: Is it in place?\n"
        '        type: yes_no\n        options:\n          - {value: "yes", score: 1}\n'
        '          - {value: "no", score: 0}\n'
    )
SCORE_RULE = """\
rules:
  - id: weak-protection
    when: {score: protection, lt: 80}
    finding: {severity: critical, title: Protection is weak, recommendation: Put every safeguard in place.}
verdicts:
  - {id: ok, label: OK, max_severity: high}
  - {id: not-ok, label: Not OK}
"""
SCORE_VERDICT = """\
verdicts:
  - {id: ok, label: OK, when: {score: protection, gte: 80}}
  - {id: not-ok, label: Not OK}
"""


def test_a_rule_or_verdict_on_a_score_holds_over_what_the_blanks_leave_open(tmp_path: Path) -> None:
    # A rule {score: protection, lt: 80} was raised for "no" to one of four questions (75) and
    # not when that question was left blank (100 on the other three): --fail-on critical passed
    # on the blank and failed on the answer. A verdict `when: {score: ..., gte: 80}` likewise.
    (tmp_path / "rule.yaml").write_text(SCORE_RUBRIC + SCORE_RULE, encoding="utf-8")
    (tmp_path / "verdict.yaml").write_text(SCORE_RUBRIC + SCORE_VERDICT, encoding="utf-8")
    head = "format: 1\nrubric: {id: score-rule-blank, version: 1.0.0}\ninitiative: X\nrespondent: {role: lead}\n"
    answers = 'answers:\n  encrypted: "yes"\n  logged: "yes"\n  pseudonymised: "yes"\n'
    (tmp_path / "no.yaml").write_text(head + answers + '  retention: "no"\n', encoding="utf-8")
    (tmp_path / "blank.yaml").write_text(head + answers + "  retention:\n", encoding="utf-8")
    (tmp_path / "yes.yaml").write_text(head + answers + '  retention: "yes"\n', encoding="utf-8")
    gate = ("--fail-on", "critical", "--min-coverage", "0")
    outcomes = {
        name: run(tmp_path, "report", f"{name}.yaml", "-r", "rule.yaml", *gate, "-o", f"{name}.md").returncode
        for name in ("no", "blank", "yes")
    }
    assert outcomes == {"no": 1, "blank": 1, "yes": 0}
    text = " ".join((tmp_path / "blank.md").read_text(encoding="utf-8").split())
    assert (
        "Raised by the scores (rule `weak-protection`), with *Retention* (`retention`) left blank: a blank could be "
        "any answer, so the rule may hold."
    ) in text
    verdicts = {}
    for name in ("no", "blank", "yes"):
        made = run(tmp_path, "report", f"{name}.yaml", "-r", "verdict.yaml", "-f", "json", "-o", "-")
        verdicts[name] = json.loads(made.stdout)["verdict"]["id"]
    assert verdicts == {"no": "not-ok", "blank": "not-ok", "yes": "ok"}


def test_the_summary_says_what_held_the_verdict_back_as_every_report_does(tmp_path: Path) -> None:
    # --format summary and the GitHub job summary showed "Verdict: Not ready" beside "Overall score:
    # 100 / 100" with no reason; the Markdown, text and HTML reports say "Held back: ...".
    verdicts = "verdicts:\n  - {id: ready, label: Ready, min_score: 80}\n  - {id: not-ready, label: Not ready}\n"
    (tmp_path / "rubric.yaml").write_text(SCORE_RUBRIC + verdicts, encoding="utf-8")
    (tmp_path / "blank.yaml").write_text(
        "format: 1\nrubric: {id: score-rule-blank, version: 1.0.0}\ninitiative: X\nrespondent: {role: lead}\n"
        'answers:\n  encrypted: "yes"\n  logged: "yes"\n  pseudonymised: "yes"\n  retention:\n',
        encoding="utf-8",
    )
    summary = run(tmp_path, "report", "blank.yaml", "-r", "rubric.yaml", "-f", "summary", "-o", "-")
    markdown = run(tmp_path, "report", "blank.yaml", "-r", "rubric.yaml", "-f", "markdown", "-o", "-")
    held = [line for line in " ".join(markdown.stdout.split("\n  ")).splitlines() if line.startswith("- Held back:")]
    assert len(held) == 1 and "not “Ready”, which the score shown alone would give" in held[0], markdown.stdout
    assert held[0] in " ".join(summary.stdout.split("\n  ")).splitlines(), summary.stdout


def test_a_combined_reports_findings_and_actions_do_not_depend_on_file_names(tmp_path: Path) -> None:
    # Two equally severe findings of one question, one person each: the one in the file read first
    # was listed first, and so gave the shared action its words and deadline. Renaming a file
    # changed the action plan. Among findings raised by as many people, the rubric's order decides.
    rubric = (
        "format: 1\nid: names\nversion: 1.0.0\ntitle: Names\ndescription: Ties.\nlicense: CC0-1.0\nauthors: [Us]\n"
        "roles:\n  - {id: lead, label: Lead}\n  - {id: partner, label: Partner}\nareas:\n  - id: law\n    title: Law\n"
        "    questions:\n      - id: requests\n        title: Requests\n        prompt: Is there a procedure?\n"
        '        type: yes_no\n        options:\n          - {value: "yes", score: 1}\n'
        '          - {value: "no", score: 0, finding: {severity: high, title: No procedure, '
        "recommendation: Write a procedure., act_by: before-collecting}}\n"
        "          - {value: unsure, finding: {severity: high, title: Nobody knows, recommendation: Ask counsel.}}\n"
        "verdicts:\n  - {id: ok, label: OK, max_severity: medium}\n  - {id: not-ok, label: Not OK}\n"
    )
    (tmp_path / "rubric.yaml").write_text(rubric, encoding="utf-8")
    head = "format: 1\nrubric: {id: names, version: 1.0.0}\ninitiative: Clinic\n"
    people = (
        head + "respondent: {name: Ana, role: lead}\nanswers:\n  requests: unsure\n",
        head + 'respondent: {name: Ben, role: partner}\nanswers:\n  requests: "no"\n',
    )
    plans = []
    for folder, names in (("one", ("a", "b")), ("two", ("b", "a"))):
        (tmp_path / folder).mkdir()
        for name, person in zip(names, people, strict=True):
            (tmp_path / folder / f"{name}.yaml").write_text(person, encoding="utf-8")
        made = run(tmp_path, "report", folder, "-r", "rubric.yaml", "-f", "json", "-o", "-")
        document = json.loads(made.stdout)
        plans.append(
            (
                [finding["id"] for finding in document["findings"]],
                [(action["id"], action["text"], action["act_by"]) for action in document["actions"]],
            )
        )
    assert plans[0] == plans[1]
    assert plans[0] == (
        ["requests:no", "requests:unsure"],
        [("question:requests", "Write a procedure.", "before-collecting")],
    )


def test_a_report_named_like_answers_is_told_every_ending_a_report_may_have(tmp_path: Path) -> None:
    # The advice listed .md, .html, .json and .txt, not .sarif, which -o chooses by its ending too.
    from civdata.render import FORMATS
    from tests.conftest import MINI_RUBRIC

    (tmp_path / "lena.yaml").write_text(LEAD, encoding="utf-8")
    result = run(tmp_path, "report", "lena.yaml", "-r", MINI_RUBRIC, "-o", "report.yaml")
    assert result.returncode == 2
    advice = result.stderr.split("; write it to a ")[1]
    endings = [suffixes[0] for _, _, suffixes in FORMATS.values() if suffixes]
    assert ".sarif" in endings and all(ending in advice for ending in endings), result.stderr


def test_a_closed_standard_input_is_not_counted_as_a_file_checked(tmp_path: Path) -> None:
    # `civdata check - -r R <&-` said "1 problem in 1 of 2 files checked": the closed standard input
    # was counted, though docs/in-a-repository.md says a path with no file is not.
    import os

    from tests.conftest import MINI_RUBRIC

    result = subprocess.run(
        [*civdata_command(), "check", "-", "-r", str(MINI_RUBRIC)], cwd=tmp_path, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, check=False, preexec_fn=lambda: os.close(0),
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "<stdin>: standard input is closed; pipe a file into it, or give the file's name",
        "civdata: 1 problem in 0 of 1 file checked",
    ]


# --- From the review of a facilitator's workshop (2026-11-28) -------------------------------------


def test_a_note_the_room_agreed_on_is_shown_once_with_everyone_who_wrote_it(tmp_path: Path) -> None:
    # In a workshop that answers together, the note the facilitator types once is saved in each
    # participant's file; the report showed it once per person, as each one's own words.
    from tests.conftest import MINI_RUBRIC

    head = "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\n"
    note = "Discussed in the workshop; Dana to follow up by June."
    for name, role in (("Dana", "lead"), ("Marcus", "partner"), ("Ama", "community")):
        (tmp_path / f"{name.lower()}.yaml").write_text(
            head + f"respondent: {{name: {name}, role: {role}}}\nanswers:\n  voice: {{value: none, note: '{note}'}}\n",
            encoding="utf-8",
        )
    (tmp_path / "sam.yaml").write_text(
        head + "respondent: {name: Sam, role: partner}\nanswers:\n  voice: {value: none, note: My own words.}\n",
        encoding="utf-8",
    )
    for ending in ("md", "html"):  # the terminal's text shows no notes
        made = run(tmp_path, "report", ".", "-r", MINI_RUBRIC, "-o", f"r.{ending}")
        assert made.returncode == 0, made.stderr
        text = " ".join((tmp_path / f"r.{ending}").read_text(encoding="utf-8").split())
        text = re.sub(r"<[^>]+>", "", text)  # HTML's isolating tags around a name
        assert text.count(note) == 1, ending
        assert "Note by Ama, Dana and Marcus on" in text or "Note by Dana, Marcus and Ama on" in text, ending
        assert "Note by Sam on" in text, ending


def test_a_respondent_alone_in_a_role_has_no_column_repeating_the_roles(tmp_path: Path) -> None:
    # Five partners in five roles made a scores table of thirteen columns: each person's column
    # repeated their role's, number for number. A person gets a column only in a role of several.
    from tests.conftest import MINI_RUBRIC

    head = "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\n"
    for name, role, voice in (("Ada", "lead", "none"), ("Bo", "lead", "decide"), ("Cy", "partner", "consulted")):
        (tmp_path / f"{name.lower()}.yaml").write_text(
            head + f"respondent: {{name: {name}, role: {role}}}\nanswers:\n  voice: {voice}\n", encoding="utf-8"
        )
    for ending in ("md", "html"):
        made = run(tmp_path, "report", ".", "-r", MINI_RUBRIC, "-o", f"r.{ending}")
        assert made.returncode == 0, made.stderr
    lines = (tmp_path / "r.md").read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if "| **Combined**" in line)
    assert header == (
        "| Area | **Combined** | Weight | *Lead organisation* (2) | *Partner organisation* (1) | Ada | Bo |"
    )
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<span class="name" dir="auto">Bo</span>' in page
    assert '<span class="name" dir="auto">Cy</span>' not in page
    text = " ".join((tmp_path / "r.md").read_text(encoding="utf-8").split())
    assert (
        "then each respondent of a role that several answered for (one alone in a role has the role's scores)"
    ) in text


def test_a_combined_reports_counts_of_disagreements_stay_on_its_findings_line(tmp_path: Path) -> None:
    # They were added to whatever line came last: "Held back: ...; 0 from disagreement between
    # respondents, ..." when the verdict was held back. And a missing voice is said beside the
    # verdict in Markdown and HTML, as in the terminal's box.
    verdicts = "verdicts:\n  - {id: ready, label: Ready, min_score: 80}\n  - {id: not-ready, label: Not ready}\n"
    rubric = SCORE_RUBRIC.replace("  - {id: lead, label: Lead}\n", "  - {id: lead, label: Lead}\n"
                                  "  - {id: community, label: Community, expected: true}\n")  # fmt: skip
    (tmp_path / "rubric.yaml").write_text(rubric + verdicts, encoding="utf-8")
    for name in ("ana", "bo"):
        (tmp_path / f"{name}.yaml").write_text(
            "format: 1\nrubric: {id: score-rule-blank, version: 1.0.0}\ninitiative: X\n"
            f"respondent: {{name: {name}, role: lead}}\n"
            'answers:\n  encrypted: "yes"\n  logged: "yes"\n  pseudonymised: "yes"\n  retention:\n',
            encoding="utf-8",
        )
    for ending in ("md", "html"):
        made = run(tmp_path, "report", "ana.yaml", "bo.yaml", "-r", "rubric.yaml", "-o", f"r.{ending}")
        assert made.returncode == 0, made.stderr
        text = re.sub(r"<[^>]+>", "\n", (tmp_path / f"r.{ending}").read_text(encoding="utf-8"))
        points = [" ".join(point.split()) for point in re.split(r"\n(?:- |\n)", text)]
        held = [point for point in points if point.startswith("Held back:")]
        findings = [point for point in points if point.startswith("Findings:")]
        assert held and "from disagreement" not in held[0], ending
        assert findings and findings[0].endswith("0 from disagreement between respondents, 1 from missing voices")
        assert any(point.startswith("Missing voices: nobody answered as Community (high)") for point in points)


# --- From the adversarial review of the day's fixes (2026-11-28) ----------------------------------

CASES = Path(__file__).parent / "data" / "review_1128"


def report_json(folder: Path, rubric: str, *files: str) -> dict[str, object]:
    made = run(folder, "report", "-r", rubric, *files, "-f", "json", "-o", "-")
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout)  # type: ignore[no-any-return]


def test_a_combined_verdicts_when_on_a_score_holds_over_what_everyones_blanks_leave_open() -> None:
    # One respondent with q2 blank: 'not-ready' (area a open 50-100 against `when: {score: a,
    # gte: 80}`); two such respondents together got 'ready', and --fail-on-verdict passed.
    folder = CASES / "01-combined-when-score"
    assert report_json(folder, "rubric.yaml", "ana.yaml")["verdict"]["id"] == "not-ready"  # type: ignore[index]
    both = report_json(folder, "rubric.yaml", "ana.yaml", "bob.yaml")
    assert both["verdict"]["id"] == "not-ready"  # type: ignore[index]
    assert both["overall"]["open"]["held_back"] == "ready"  # type: ignore[index]


def test_a_blank_that_could_be_not_applicable_widens_the_range_a_score_rule_holds_over() -> None:
    # q1 no, q4 yes, q2 (which offers "not applicable") and q3 blank: the range left out q2's
    # "not applicable", which with q3 "no" gives 1 of 3 (33.3), under the critical rule's 35: the
    # blanks cleared a rule the answers raise, and earned 'ready'.
    folder = CASES / "04-range-ignores-not-applicable"
    blanks = report_json(folder, "rubric.yaml", "blanks.yaml")
    assert blanks["areas"][0]["open"] == {"low": 33.3, "high": 75.0}  # type: ignore[index]
    assert blanks["verdict"]["id"] == "not-ready"  # type: ignore[index]
    assert [finding["id"] for finding in blanks["findings"]] == ["rule:a-low"]  # type: ignore[index]
    answered = report_json(folder, "rubric.yaml", "answered.yaml")
    assert [finding["id"] for finding in answered["findings"]] == ["rule:a-low"]  # type: ignore[index]


def test_a_verdict_held_back_by_a_score_in_its_when_is_said_so() -> None:
    folder = CASES / "06-when-score-held-back-unexplained"
    made = run(folder, "report", "-r", "when.yaml", "ana.yaml", "-f", "markdown", "-o", "-")
    text = " ".join(made.stdout.split())
    assert (
        "Held back: not “Ready”, which the score shown alone would give: the questions you left blank, answered at "
        "their worst (as “I don't know” scores), would give scores its conditions do not allow."
    ) in text
    assert report_json(folder, "when.yaml", "ana.yaml")["overall"]["open"]["held_back"] == "ready"  # type: ignore[index]


def test_a_score_rule_names_only_the_blanks_that_leave_its_score_open() -> None:
    # (a) c1 is in a weight-0 area, not in the overall score; (b) the area's score test holds
    # whatever q2 is, and the rule is open only on x's "I don't know".
    folder = CASES / "03-overall-rule-names-weight0-blanks"
    overall = report_json(folder, "rubric.yaml", "ana.yaml")
    (low,) = [finding for finding in overall["findings"] if finding["id"] == "rule:low-overall"]  # type: ignore[union-attr]
    assert low["source"]["blank"] == ["q2"]
    unknown = report_json(folder, "rubric2.yaml", "bob.yaml")
    (rule,) = [finding for finding in unknown["findings"] if finding["id"] == "rule:low-a-without-x"]  # type: ignore[union-attr]
    assert not rule["source"].get("blank")


def test_a_combined_reports_coverage_says_what_it_counts() -> None:
    folder = CASES / "02-coverage-every-question-wording"
    for ending, files in (
        ("markdown", ("ana.yaml",)),
        ("markdown", ("ana.yaml", "bob.yaml")),
        ("summary", ("ana.yaml", "bob.yaml")),
    ):
        made = run(folder, "report", "-r", "rubric.yaml", *files, "-f", ending, "-o", "-")
        text = " ".join(made.stdout.split())
        assert "required questions that apply, on average" not in text, ending
        assert "% of the required questions that apply" not in text.split("How the report was made")[0], ending
    combined = " ".join(run(folder, "report", "-r", "rubric.yaml", "ana.yaml", "bob.yaml", "-o", "-").stdout.split())
    # Counted question by question since the review "verdicts2" (tests/test_fixes_coverage.py), not
    # "on average over 2 respondents": the words say how, and still what is counted.
    assert (
        "from 50% of the questions that apply (the rubric requires none of them), each over those asked it"
    ) in combined


def test_a_baseline_on_standard_input_that_is_the_answers_is_refused(tmp_path: Path) -> None:
    from tests.conftest import MINI_RUBRIC

    (tmp_path / "lena.yaml").write_text(LEAD, encoding="utf-8")
    for args in (("-", "--baseline", "lena.yaml"), ("lena.yaml", "--baseline", "-")):
        with (tmp_path / "lena.yaml").open(encoding="utf-8") as stdin:
            result = subprocess.run(
                [*civdata_command(), "report", *args, "-r", str(MINI_RUBRIC), "--fail-on-regression", "scores",
                 "-o", "r.md"], cwd=tmp_path, stdin=stdin, capture_output=True, text=True, check=False,
            )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert "is also one of the answers reported on" in result.stderr
