"""A large group's comparison with its baseline counts people, as the rest of its report does.

docs/multi-respondent.md, "Large groups": a group of more than twelve respondents "shows
distributions, not lists of people, and names nobody outside its list of respondents"; every
note, with who wrote it, is only in the JSON report made with ``--detail``; and a report grows
with what there is to say, not with the number of people. So "Since the last assessment" of such
a group says how many respondents changed each answer the same way (per role), never who, and
never their notes; and "not compared" says how many respondents are in one report only, per
role, not their names (someone who left is not even in the list of respondents).

The scenario (written before the fix): thirteen members of a community organisation answered in
October; in January Person 3 has left, Newcomer 14 has joined, and Person 7 now says the
stakeholder map is written down and shared, with a note of their own.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command
from tests.report_schema import report_document

COMMUNITY = ROOT / "examples" / "county-justice" / "community.yaml"
NOTE_7 = "Only the steering committee was shown the map, at the March meeting."
NAMES = ("Person 3", "Person 7", "Newcomer 14")
ROLE = "Community / data-subject representative"

#: Answers a respondent of the size test changes, the same way: the example's answer -> a better one.
CHANGES = {
    "stakeholder-map": ("not-done", "written-and-shared"),
    "conflicting-interests": ("discussed", "written-with-boundaries"),
    "partner-power": ("largest-decide", "written-supported"),
    "community-voice": ("not-involved", "share-decisions"),
}


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=180
    )


def person(name: str, *, date: str | None = None) -> str:
    text = re.sub(r"(?m)^  name: .*$", f"  name: {name}", COMMUNITY.read_text(encoding="utf-8"))
    return re.sub(r"(?m)^date: .*$", f'date: "{date}"', text) if date else text


def changed(text: str, question: str, note: str) -> str:
    """``text`` with the answer to ``question`` changed as :data:`CHANGES` says, and a note of its own."""
    before, after = CHANGES[question]
    pattern = re.compile(
        rf"(?m)^  {re.escape(question)}:\n    value: {re.escape(before)}\n(    note: .*\n(?:      .*\n)*)?"
    )
    found, count = pattern.subn(f"  {question}:\n    value: {after}\n    note: {note}\n", text)
    assert count == 1, question
    return found


@pytest.fixture(scope="module")
def repro(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folders of the defect's reproduction: then/ (13 people), now/ (Person 3 gone, Newcomer 14
    new, Person 7's stakeholder map written down and shared, with a note)."""
    folder = tmp_path_factory.mktemp("large-progress")
    (folder / "then").mkdir()
    (folder / "now").mkdir()
    for index in range(1, 14):
        (folder / "then" / f"p{index}.yaml").write_text(person(f"Person {index}"), encoding="utf-8")
        if index != 3:
            text = person(f"Person {index}", date="2027-01-21")
            if index == 7:
                text = changed(text, "stakeholder-map", NOTE_7)
            (folder / "now" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    (folder / "now" / "p14.yaml").write_text(person("Newcomer 14", date="2027-01-21"), encoding="utf-8")
    return folder


def report(folder: Path, fmt: str, *extra: str) -> tuple[str, str]:
    result = run("report", "now", "--baseline", "then", "--format", fmt, "-o", "-", *extra, cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def since_markdown(document: str) -> str:
    return document.split("## Since the last assessment", 1)[1].split("\n## ", 1)[0]


def since_html(document: str) -> str:
    return document.split('<section id="since">', 1)[1].split("</section>", 1)[0]


def since_text(document: str) -> str:
    """The terminal's comparison: from its heading to the list of respondents, which follows it."""
    since = document[document.index("Since the last assessment:") :]
    return re.split(r"(?m)^Respondent +Role", since, maxsplit=1)[0]


def assert_counted(section: str) -> None:
    """The comparison says how many changed the answer, and how many are in one report only, per role."""
    flat = " ".join(section.split())
    assert "Stakeholder map" in flat and "Not done" in flat and "Written down, and shared" in flat
    # Out of the 12 in both reports (13 then and now, Person 3 gone, Newcomer 14 new): nobody in
    # one report only could have changed an answer.
    assert re.search(rf"1 respondent \({re.escape(ROLE)}: 1 of 12\)", flat), flat
    assert_not_compared_counted(flat)


def assert_not_compared_counted(flat: str) -> None:
    """How many respondents are in one report only, per role: never who."""
    assert re.search(rf"only in the baseline are not compared: 1 respondent \({re.escape(ROLE)}: 1\)", flat), flat
    assert re.search(rf"new since the baseline are not compared: 1 respondent \({re.escape(ROLE)}: 1\)", flat), flat


@pytest.mark.parametrize(
    ("fmt", "section"),
    [("markdown", since_markdown), ("html", since_html), ("text", since_text)],
)
def test_the_comparison_names_nobody_and_counts(repro: Path, fmt: str, section) -> None:
    document, stderr = report(repro, fmt)
    since = section(document)
    for name in NAMES:
        assert name not in since, (name, since)
    assert "Person 3" not in document  # not a respondent now: named nowhere
    # Person 7's note is in no comparison; since the fifth session of 2026-11-29 a combined report
    # gives what people wrote on questions that raised nothing ("What people wrote"), and a large
    # group's, as under its findings, counted by role and naming nobody (tests/test_session_1129e.py).
    assert NOTE_7 not in " ".join(since.split()) and "March meeting" not in since
    assert not any(name in stderr for name in NAMES)
    assert_counted(since)


def test_the_summary_names_nobody(repro: Path) -> None:
    document, _ = report(repro, "summary")
    assert not any(name in document for name in NAMES)
    assert "March meeting" not in document
    assert "1 answer changed" in " ".join(document.split())


def test_the_json_report_counts_without_detail(repro: Path) -> None:
    document, _ = report(repro, "json")
    data = report_document(document)
    progress = json.dumps(data["progress"], ensure_ascii=False)
    assert not any(name in progress for name in NAMES)
    assert "Person 3" not in document and "March meeting" not in progress
    # In what people wrote (as above), counted and named nowhere.
    assert [entry["respondents"] for entry in data["written"] if entry["text"] == NOTE_7] == [[]]
    assert data["progress"]["answers"] == [
        {
            "respondent": None,
            "question": "stakeholder-map",
            "title": "Stakeholder map",
            "before": {"value": "not-done", "answer": "Not done", "note": None},
            "after": {
                "value": "written-and-shared",
                "answer": data["progress"]["answers"][0]["after"]["answer"],
                "note": None,
            },
            "count": 1,
            "by_role": {"community": 1},
        }
    ]
    assert data["progress"]["answers"][0]["after"]["answer"].startswith("Written down, and shared")
    assert_not_compared_counted(" ".join(data["progress"]["not_compared"]))


def test_with_detail_notes_are_only_in_the_detail(repro: Path) -> None:
    document, _ = report(repro, "json", "--detail")
    data = report_document(document)
    progress = json.dumps(data["progress"], ensure_ascii=False)
    assert not any(name in progress for name in NAMES) and "March meeting" not in progress
    assert data["progress"]["answers"][0]["count"] == 1
    assert "March meeting" in json.dumps(data["detail"], ensure_ascii=False)


def test_a_small_group_is_still_named(tmp_path: Path) -> None:
    """Twelve or fewer: every changed answer with who gave it and their note, as before."""
    (tmp_path / "then").mkdir()
    (tmp_path / "now").mkdir()
    for index in range(1, 5):
        (tmp_path / "then" / f"p{index}.yaml").write_text(person(f"Person {index}"), encoding="utf-8")
        text = person(f"Person {index}", date="2027-01-21")
        if index == 3:
            text = changed(text, "stakeholder-map", NOTE_7)
        (tmp_path / "now" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    document, _ = report(tmp_path, "markdown")
    since = " ".join(since_markdown(document).split())
    assert "| Person 3 | Stakeholder map" in since and NOTE_7 in since


def size_group(folder: Path, changers: int) -> Path:
    """Thirteen people then and now; ``changers`` of them change the four answers of :data:`CHANGES`
    the same way, each with a note of their own."""
    for side in ("then", "now"):
        (folder / side).mkdir(parents=True)
    for index in range(1, 14):
        (folder / "then" / f"p{index}.yaml").write_text(person(f"Person {index}"), encoding="utf-8")
        text = person(f"Person {index}", date="2027-01-21")
        if index <= changers:
            for question in CHANGES:
                text = changed(text, question, f"Person {index}'s own reason about {question}.")
        (folder / "now" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    return folder


def answers_section(document: str) -> str:
    since = since_markdown(document)
    return since.split("### Answers that changed", 1)[1].split("\n### ", 1)[0]


def test_the_changes_do_not_grow_with_the_people_who_made_them(tmp_path: Path) -> None:
    few = size_group(tmp_path / "few", 2)
    many = size_group(tmp_path / "many", 10)
    few_md, _ = report(few, "markdown")
    many_md, _ = report(many, "markdown")
    many_json = report_document(report(many, "json")[0])
    assert sum(item["count"] for item in many_json["progress"]["answers"]) == 40
    assert len(many_json["progress"]["answers"]) == len(CHANGES)
    assert "40 answers changed" in " ".join(many_md.split())
    few_rows, many_rows = answers_section(few_md).strip().splitlines(), answers_section(many_md).strip().splitlines()
    assert len(many_rows) == len(few_rows)
    assert abs(len(answers_section(many_md)) - len(answers_section(few_md))) <= 2 * len(CHANGES) * 2
    # Their notes are a large group's notes wherever else the report shows notes; never in the comparison.
    assert "own reason" not in since_markdown(many_md) and "Person 1 " not in since_markdown(many_md)
    for fmt, section in (("html", since_html), ("text", since_text)):
        few_since, many_since = section(report(few, fmt)[0]), section(report(many, fmt)[0])
        assert len(many_since.splitlines()) == len(few_since.splitlines()), fmt
        assert "own reason" not in many_since


def test_a_small_group_compared_with_a_large_baseline_names_nobody_of_the_baseline(tmp_path: Path) -> None:
    """Fifteen answered then, five now: the ten who left are in no list of respondents of this
    report, and the baseline was a large group's, which names nobody: they are counted, not named.
    The five, in this report's own list, are compared person by person as in any small group."""
    (tmp_path / "then").mkdir()
    (tmp_path / "now").mkdir()
    for index in range(1, 16):
        (tmp_path / "then" / f"p{index}.yaml").write_text(person(f"Person {index}"), encoding="utf-8")
    for index in range(1, 6):
        text = person(f"Person {index}", date="2027-01-21")
        if index == 2:
            text = changed(text, "stakeholder-map", NOTE_7)
        (tmp_path / "now" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    result = run("report", "now", "--baseline", "then", "-o", "r.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    for index in range(6, 16):
        assert f"Person {index}" not in markdown + result.stderr, index
    assert re.search(r"only in the baseline are not compared: 10 respondents", " ".join(markdown.split()))


@pytest.fixture(scope="module")
def leavers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/progress.md, "When answers were left blank, or the group changed": thirteen answered
    in October, Person 0 to 2 with the stakeholder map written down and shared, the ten others
    with none (so the ten raise stakeholder-map:not-done, and the thirteen disagree); in January
    only Person 0 to 2 answer. The baseline's plan ticks both findings' actions done, as a
    coordinator might who sees them gone. Nobody dealt with them: the ten who raised them left."""
    folder = tmp_path_factory.mktemp("leavers")
    (folder / "then").mkdir()
    (folder / "now").mkdir()
    for index in range(13):
        text = person(f"Person {index}")
        if index < 3:
            text = changed(text, "stakeholder-map", "Shared at the partners' meeting.")
            later = re.sub(r"(?m)^date: .*$", 'date: "2027-01-21"', text)
            (folder / "now" / f"p{index}.yaml").write_text(later, encoding="utf-8")
        (folder / "then" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    result = run("report", "then", "-f", "json", "-o", "then.json", "--plan", "plan.csv", cwd=folder)
    assert result.returncode == 0, result.stderr
    rows = (folder / "plan.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    ticked = [
        re.sub(r",false(\r?\n?)$", r",true\1", row)
        if row.startswith(("question:stakeholder-map,", "finding:divergence:stakeholder-map,"))
        else row
        for row in rows
    ]
    assert sum(row.rstrip().endswith(",true") for row in ticked) == 2
    (folder / "plan-ticked.csv").write_text("".join(ticked), encoding="utf-8")
    return folder


@pytest.mark.parametrize("baseline", ["then.json", "then"])
def test_findings_raised_only_by_people_who_left_are_not_resolved(leavers: Path, baseline: str) -> None:
    """A large group's JSON report names nobody, and its disagreements name nobody in either form
    of baseline: who raised them cannot be told, so with people of the baseline missing now they
    are "not compared", and their actions cannot be told done, whichever form the baseline has."""
    result = run(
        "report", "now", "--baseline", baseline, "--baseline-plan", "plan-ticked.csv", "-f", "markdown", "-o", "-",
        cwd=leavers,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    since = " ".join(since_markdown(result.stdout).split())
    assert "0 findings resolved" in since, since
    assert "Resolved findings" not in since and "done: its findings are gone" not in since, since
    not_compared = since.split("### Not compared", 1)[1]
    for finding in ("stakeholder-map:not-done", "divergence:stakeholder-map"):
        assert finding in not_compared, (finding, not_compared)
    undone = not_compared.split("cannot be told done:", 1)[1]
    assert "question:stakeholder-map" in undone and "finding:divergence:stakeholder-map" in undone, undone


def test_one_finding_not_compared_is_said_in_the_singular(leavers: Path) -> None:
    """docs/progress.md's sentences of "not compared" follow a count: "1 finding ... is", never "are"."""
    result = run("report", "now", "--baseline", "then", "-f", "markdown", "-o", "-", cwd=leavers)
    assert result.returncode == 0, result.stderr
    flat = " ".join(since_markdown(result.stdout).split())
    sentences = re.findall(r"1 finding raised [^:]*?(?:is|are) not counted", flat)
    assert sentences, flat
    assert all(sentence.endswith("is not counted") for sentence in sentences), sentences


@pytest.fixture(scope="module")
def roleless(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reproduction's group, with Person 3 (who leaves) and Person 7 (who changes an answer)
    leaving their role blank, as docs/answers-format.md allows."""
    folder = tmp_path_factory.mktemp("roleless-progress")
    (folder / "then").mkdir()
    (folder / "now").mkdir()

    def without_role(text: str) -> str:
        return re.sub(r"(?m)^  role: community$", "  role:", text)

    for index in range(1, 14):
        then = person(f"Person {index}")
        (folder / "then" / f"p{index}.yaml").write_text(without_role(then) if index in (3, 7) else then, "utf-8")
        if index != 3:
            now = person(f"Person {index}", date="2027-01-21")
            if index == 7:
                now = without_role(changed(now, "stakeholder-map", NOTE_7))
            (folder / "now" / f"p{index}.yaml").write_text(now, encoding="utf-8")
    (folder / "now" / "p14.yaml").write_text(person("Newcomer 14", date="2027-01-21"), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("fmt", "section"),
    [("markdown", since_markdown), ("html", since_html), ("text", since_text)],
)
def test_people_without_a_role_are_counted_under_the_name_the_report_gives_them(
    roleless: Path, fmt: str, section
) -> None:
    """A count per role names a blank role as the rest of the report does ("Role not stated", as in
    its table of roles), in the changed answers and in who is not compared alike: not as an empty
    name (": 1 of 1") nor as another name ("no role")."""
    document, _ = report(roleless, fmt)
    flat = " ".join(section(document).split())
    assert re.search(r"1 respondent \(Role not stated: 1 of 1\)", flat), flat
    assert re.search(r"only in the baseline are not compared: 1 respondent \(Role not stated: 1\)", flat), flat
    assert "(: 1" not in flat and "; : 1" not in flat and "no role" not in flat


def test_the_terminal_lists_a_few_changed_answers_then_the_scores_and_the_first_actions(tmp_path: Path) -> None:
    """A large group compared with its baseline: the terminal showed every changed answer (150 in
    the reviewer's 500, lines 38-596) before the scores and "What to do first". It lists a few, as
    it lists a few findings, says how many more there are and where, and keeps the documented
    order: the comparison under the box, the scores, then what to do first."""
    folder = size_group(tmp_path / "eight", 1)
    # Person 2 makes the four changes the other way round: eight changes in all, each made by one.
    then_2 = folder / "then" / "p2.yaml"
    now_2 = folder / "now" / "p2.yaml"
    reversed_text = person("Person 2")
    for question in CHANGES:
        reversed_text = changed(reversed_text, question, "Changed back.")
    then_2.write_text(reversed_text, encoding="utf-8")
    now_2.write_text(person("Person 2", date="2027-01-21"), encoding="utf-8")
    text, _ = report(folder, "text")
    json_answers = report_document(report(folder, "json")[0])["progress"]["answers"]
    assert len(json_answers) == 8
    assert text.count("Answer changed:") == 5, text
    flat = " ".join(text.split())
    assert "The other 3 answer changes are in the Markdown, HTML and JSON reports." in flat
    # Changed from ("Since the last assessment:", "Area: ", "What to do first", "Findings:"): the
    # comparison in full under the box put "What to do first" at line 85 of a 100-column terminal
    # (a facilitator's review). As in the Markdown report, one line on what changed comes under
    # the box, and the comparison in full after what to do first, still before the findings (a line
    # of their own: the box counts them too, in the Markdown verdict's words, "│ Findings: ...").
    headings = (
        "Since the last assessment (",
        "Area: ",
        "What to do first",
        "Since the last assessment:",
        "\nFindings:",
    )
    order = [text.index(heading) for heading in headings]
    assert order == sorted(order), order


def test_a_small_group_lists_a_few_changed_answers_on_the_terminal_too(tmp_path: Path) -> None:
    """Person by person, as many lines as answers changed: capped the same way."""
    for side in ("then", "now"):
        (tmp_path / side).mkdir()
    for index in (1, 2):
        (tmp_path / "then" / f"p{index}.yaml").write_text(person(f"Person {index}"), encoding="utf-8")
        text = person(f"Person {index}", date="2027-01-21")
        for question in CHANGES:
            text = changed(text, question, "Done.")
        (tmp_path / "now" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    text, _ = report(tmp_path, "text")
    assert text.count("Answer changed (") == 5, text
    assert "The other 3 answer changes are in the Markdown, HTML and JSON reports." in " ".join(text.split())


def test_changed_answers_are_counted_out_of_the_people_in_both_reports(tmp_path: Path) -> None:
    """A baseline of 4 and a report of 14 (the reviewer's: 20 then, 500 now, "Funder: 4 of 84"
    where the 4 funders in both all changed): the "of" counts those whose answers were compared,
    the respondents in both reports, not the role's size today."""
    for side in ("then", "now"):
        (tmp_path / side).mkdir()
    for index in range(1, 15):
        text = person(f"Person {index}", date="2027-01-21")
        if index <= 4:
            (tmp_path / "then" / f"p{index}.yaml").write_text(person(f"Person {index}"), encoding="utf-8")
            if index <= 2:
                text = changed(text, "stakeholder-map", "Shared at last.")
        (tmp_path / "now" / f"p{index}.yaml").write_text(text, encoding="utf-8")
    expected = f"2 respondents ({ROLE}: 2 of 4)"
    for fmt, section in (("markdown", since_markdown), ("html", since_html), ("text", since_text)):
        flat = " ".join(section(report(tmp_path, fmt)[0]).split())
        assert expected in flat, (fmt, flat)
        assert "of 14" not in flat, fmt
