"""`civdata report` with several respondents, as a user meets it: typer's runner and a real process.

Golden files under tests/golden/multi pin the combined report in every format; rewrite them with
CIVDATA_UPDATE_GOLDEN=1 after an intended change, and read the diff.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from civdata import __version__
from civdata.cli import app
from civdata.combine import combine
from civdata.inputs import load_answer_sets
from civdata.render import render
from civdata.render.common import ReportMeta, md_text
from civdata.scoring import assess
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT, assert_golden, civdata_command, unwrapped
from tests.report_schema import report_document

GOLDEN = ROOT / "tests" / "golden" / "multi"

MULTI = Path("tests/fixtures/multi")  # relative: reports name their files as a user typed them
RUBRIC = str(MINI_RUBRIC.relative_to(ROOT))
runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def invoke(*args: object):
    return runner.invoke(app, ["report", *(str(arg) for arg in args)])


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), "report", *(str(arg) for arg in args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1793836800"},
        timeout=60,
        check=False,
    )


def fixture(name: str) -> Path:
    return MULTI / name


ONE_ROLE_ASKED = """\
format: 1
id: one-role-asked
version: 1.0.0
title: A rule on a question one role is asked
description: The technical team is asked about encryption; the community is not.
license: CC0-1.0
authors: [civdata tests]
roles:
  - {id: tech, label: Technical team, expected: true}
  - {id: community, label: Community, expected: true}
areas:
  - id: main
    title: Main
    questions:
      - id: encrypted
        title: Encryption
        prompt: Is the data encrypted at rest?
        type: yes_no
        roles: [tech]
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
      - id: heard
        title: Heard
        prompt: Are the people described heard?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
rules:
  - id: not-encrypted
    when: {not: {question: encrypted, equals: "yes"}}
    finding: {severity: high, title: The data is not known to be encrypted, recommendation: Encrypt it.}
verdicts:
  - {id: done, label: Done}
"""


@pytest.mark.parametrize(("encrypted", "raised_by"), [("yes", None), ("no", ["Tess"])])
def test_a_rule_on_a_question_one_role_is_asked_is_raised_by_that_role_only(
    tmp_path: Path, encrypted: str, raised_by: list[str] | None
) -> None:
    """The community, never asked whether the data is encrypted, raised `not: {encrypted: yes}`:
    the combined report said "Raised by 1 of 2 respondents: Cat (Community)" though the technical
    team had answered yes. The rule is read on the answers of those asked, in every report."""
    (tmp_path / "rubric.yaml").write_text(ONE_ROLE_ASKED, encoding="utf-8")
    head = "format: 1\ninitiative: Test\nrubric: {id: one-role-asked, version: 1.0.0}\n"
    (tmp_path / "tech.yaml").write_text(
        head + f'respondent: {{role: tech, name: Tess}}\nanswers: {{encrypted: "{encrypted}", heard: "yes"}}\n',
        encoding="utf-8",
    )
    (tmp_path / "community.yaml").write_text(
        head + 'respondent: {role: community, name: Cat}\nanswers: {heard: "yes"}\n', encoding="utf-8"
    )
    rubric = tmp_path / "rubric.yaml"
    combined = run(tmp_path / "tech.yaml", tmp_path / "community.yaml", "-r", rubric, "-f", "json")
    assert combined.returncode == 0, combined.stderr
    findings = json.loads(combined.stdout)["findings"]
    if raised_by is None:
        assert findings == []
    else:
        assert [(f["id"], f["source"]["respondents"], f["source"]["by_role"]) for f in findings] == [
            ("rule:not-encrypted", raised_by, {"tech": 1})
        ]
    alone = run(tmp_path / "community.yaml", "-r", rubric, "-f", "json")
    assert alone.returncode == 0, alone.stderr
    assert json.loads(alone.stdout)["findings"] == []


# --- Golden reports --------------------------------------------------------------------------------


@pytest.mark.parametrize(("format_name", "suffix"), [("markdown", "md"), ("json", "json"), ("text", "txt")])
def test_combined_report_of_a_folder(format_name: str, suffix: str) -> None:
    result = invoke(MULTI, "-r", RUBRIC, "-f", format_name)
    assert result.exit_code == 0, result.stderr
    assert_golden(result.stdout, GOLDEN / f"combined.{suffix}")


def test_combined_report_anonymized() -> None:
    result = invoke(MULTI, "-r", RUBRIC, "-f", "markdown", "--anonymize")
    assert result.exit_code == 0, result.stderr
    assert_golden(result.stdout, GOLDEN / "combined-anonymized.md")


def test_anonymized_labels_follow_the_answers_not_the_file_names(tmp_path: Path) -> None:
    # A workshop names its files after people (ana.yaml, leila.yaml, zoe.yaml), and anonymized
    # labels were numbered in file order: anyone in the room could tell that "Community
    # representative 1" was Ana. The same answers now get the same label whatever the files are
    # called, and a report on the same files is the same every time.
    community = (FIXTURES / "multi" / "community-dara.yaml").read_text(encoding="utf-8")
    people = {"ana": ("Ana", "2026-10-01"), "leila": ("Leila", "2026-10-02"), "zoe": ("Zoe", "2026-10-03")}

    def labels(names: dict[str, str]) -> dict[str, str]:
        """Each person's label (by the date they answered) when their file is ``names[person]``."""
        folder = tmp_path / "-".join(names.values())
        folder.mkdir()
        for person, (name, date) in people.items():
            text = community.replace("Dara Flores", name).replace("2026-10-09", date)
            (folder / f"{names[person]}.yaml").write_text(text, encoding="utf-8")
        result = run(folder, "-r", RUBRIC, "-f", "json", "--anonymize")
        assert result.returncode in (0, 1), result.stderr
        return {entry["answered_on"]: entry["label"] for entry in json.loads(result.stdout)["respondents"]}

    as_named = labels({"ana": "ana", "leila": "leila", "zoe": "zoe"})
    assert sorted(as_named.values()) == [f"Community representative {number}" for number in (1, 2, 3)]
    for renamed in ({"ana": "zoe", "leila": "ana", "zoe": "leila"}, {"ana": "leila", "leila": "zoe", "zoe": "ana"}):
        assert labels(renamed) == as_named
    assert labels({"ana": "ana2", "leila": "leila2", "zoe": "zoe2"}) == as_named


#: What an anonymized report on tests/fixtures/multi says of its one community representative.
LONE = (
    "Community representative has one respondent, identifiable with all their answers by anyone who knows who "
    "answered in that role"
)
LONE_EACH = (
    "Lead organisation and Community representative have one respondent each, identifiable with all their answers "
    "by anyone who knows who answered in those roles"
)


def _panel(text: str) -> str:
    """The text report's first panel as one line, however it was wrapped."""
    return " ".join(line.strip("│ ") for line in text.split("╰")[0].splitlines()[1:])


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ([MULTI], LONE),
        (
            [
                fixture("lead-amara.yaml"),
                fixture("partner-chen.yaml"),
                fixture("partner-eastside.yaml"),
                fixture("community-dara.yaml"),
            ],
            LONE_EACH,
        ),
        (
            [
                fixture("lead-amara.yaml"),
                fixture("lead-bo.yaml"),
                fixture("partner-chen.yaml"),
                fixture("partner-eastside.yaml"),
            ],
            "",
        ),
    ],
    ids=["one role", "two roles", "none"],
)
def test_an_anonymized_report_says_which_roles_have_one_respondent(files: list[Path], said: str) -> None:
    # "Names hidden" read as a promise: the only respondent of a role is known to anyone who knows
    # who answered in it, with all their answers.
    hidden = (
        "hidden: respondents are shown by role, with the options they chose, and without their names, organisations, "
        "answers files, notes or written answers"
    )
    but = f"; but {said}" if said else ""
    markdown = run(*files, "-r", RUBRIC, "-f", "markdown", "--anonymize")
    assert markdown.returncode in (0, 1), markdown.stderr
    assert f"| Names | {hidden} (`--anonymize`){but} |" in markdown.stdout.splitlines()
    html = run(*files, "-r", RUBRIC, "-f", "html", "--anonymize")
    isolated = but.replace("Community representative", "<bdi>Community representative</bdi>")
    isolated = isolated.replace("Lead organisation", "<bdi>Lead organisation</bdi>")
    assert f'<tr><th scope="row">Names</th><td>{hidden} (<code>--anonymize</code>){isolated}</td></tr>' in html.stdout
    text = run(*files, "-r", RUBRIC, "-f", "text", "--anonymize")
    assert (
        "(names, notes and written answers hidden); combined by role-weighted mean "
        # The roles' weights follow the method (added on purpose, when every format began to give them).
        + "(role weights: Lead organisation 2, Partner organisation 1"
        + (", Community representative 1) " if said else ") ")
        + (f"{said} " if said else "")
        + "Mini rubric"
    ) in (_panel(text.stdout))
    for result in (markdown, html, text):
        warnings = [line for line in result.stderr.splitlines() if "--anonymize hides names" in line]
        assert warnings == ([f"civdata: warning: --anonymize hides names, but {said}"] if said else [])
    named = run(*files, "-r", RUBRIC, "-f", "markdown")
    assert "| Names |" not in named.stdout and "hides names" not in named.stderr


#: What people wrote in tests/fixtures/multi, in their own words: notes and a written answer.
OWN_WORDS = [
    "We heard about the project from a flyer at the clinic.",
    "Written in March and reviewed with our board.",
    "We have never been shown one.",
    "Case records are deleted twelve months after the project ends.",
]


@pytest.mark.parametrize(("format_name", "extra"), [("markdown", []), ("html", []), ("json", ["--detail"])])
def test_an_anonymized_report_holds_no_note_and_no_written_answer(format_name: str, extra: list[str]) -> None:
    # `report --anonymize` printed every note as written under "Names hidden", and --detail JSON
    # kept written answers, where `import --anonymize` drops both: one option, one meaning.
    result = run(MULTI, "-r", RUBRIC, "-f", format_name, "--anonymize", *extra)
    assert result.returncode == 0, result.stderr
    flat = " ".join(line.strip("│ ") for line in result.stdout.splitlines())
    assert [words for words in OWN_WORDS if words in flat] == []
    if format_name == "json":
        (lead,) = [item for item in json.loads(result.stdout)["detail"] if item["label"] == "Lead organisation 1"]
        answers = {question["id"]: question for area in lead["areas"] for question in area["questions"]}
        assert answers["deletion-plan"]["answer"] == "(written answer left out: --anonymize)"
        assert answers["voice"]["note"] is None
    named = run(MULTI, "-r", RUBRIC, "-f", format_name, *extra)
    flat = " ".join(line.strip("│ ") for line in named.stdout.splitlines())
    assert [words for words in OWN_WORDS if words in flat] != []


def test_the_names_row_and_help_say_what_anonymize_hides_and_shows() -> None:
    result = run(MULTI, "-r", RUBRIC, "-f", "markdown", "--anonymize")
    row = (
        "| Names | hidden: respondents are shown by role, with the options they chose, and without their names, "
        "organisations, answers files, notes or written answers (`--anonymize`); but Community representative has "
        "one respondent, identifiable with all their answers by anyone who knows who answered in that role |"
    )
    assert row in result.stdout.splitlines()
    text = run(MULTI, "-r", RUBRIC, "-f", "text", "--anonymize")
    assert "5 respondents in 3 roles (names, notes and written answers hidden); combined by" in _panel(text.stdout)
    helped = subprocess.run(
        [*civdata_command(), "report", "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"}
    )
    assert (
        "Show respondents by role (Funder 1, Partner organisation 2, ...) with the options they chose, and leave out "
        "their names, organisations, answers file names, notes and written answers (the respondents' own words), in "
        "every format, as import --anonymize does."
    ) in " ".join(helped.stdout.split())


def test_combined_report_with_a_missing_voice() -> None:
    files = [path for path in sorted(MULTI.glob("*.yaml")) if not path.name.startswith("community")]
    result = invoke(*files, "-r", RUBRIC, "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "Missing voice: nobody answered as Community representative" in result.stdout
    assert_golden(result.stdout, GOLDEN / "missing-voice.md")


def test_json_is_the_combined_kind_with_every_part() -> None:
    document = report_document(invoke(MULTI, "-r", RUBRIC, "-f", "json").stdout)
    assert (document["report_format"], document["kind"]) == (2, "combined")
    assert document["tool"] == {"name": "civdata", "version": __version__}
    assert document["method"]["combine"] == "role_weighted_mean"
    assert [entry["label"] for entry in document["respondents"]][:2] == ["Dara Flores", "Amara Okafor"]
    # Each respondent's headline; their every answer only with --detail.
    assert all({"areas", "coverage", "overall", "verdict"} <= set(entry) for entry in document["respondents"])
    assert "detail" not in document
    detailed = report_document(invoke(MULTI, "-r", RUBRIC, "-f", "json", "--detail").stdout)
    assert [entry["label"] for entry in detailed["detail"]] == [entry["label"] for entry in document["respondents"]]
    assert all("findings" in entry and "areas" in entry for entry in detailed["detail"])
    assert [role["id"] for role in document["roles"]] == ["lead", "partner", "community"]
    assert document["divergence"]["questions"][0]["question"] == "voice"
    assert document["divergence"]["areas"][0]["id"] == "people"
    assert document["missing_roles"] == []
    ids = [finding["id"] for finding in document["findings"]]
    assert "divergence:voice" in ids
    assert ids.count("rule:sensitive-no-threat-model") == 1
    # Dara's "no" threat model is stated by the rule's finding, which her answers show. Eastside's
    # is listed on its own: for Eastside the rule only may hold ("I don't know" whether the data is
    # sensitive), and a known answer is not folded into what may hold (changed on purpose, see
    # tests/test_verdict_review_1127.py: it read "find out first"). Listed, it names both.
    [own] = [finding for finding in document["findings"] if finding["id"] == "threat-model:no"]
    assert own["source"]["respondents"] == ["Dara Flores", "Eastside Food Bank"]
    assert "threat-model:no" in {finding["id"] for finding in document["covered_findings"]}


# --- Single respondent unchanged ---------------------------------------------------------------


@pytest.mark.parametrize("format_name", ["markdown", "json", "text"])
def test_one_file_still_gives_the_single_respondent_report(format_name: str) -> None:
    path = fixture("lead-amara.yaml")
    rubric, (answers,) = load_answer_sets([path], RUBRIC)
    expected = render(format_name, combine(rubric, [assess(rubric, answers)]), ReportMeta(__version__, "2026-11-05"))
    result = invoke(path, "-r", RUBRIC, "-f", format_name)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_one_file_anonymized_shows_the_role_label() -> None:
    result = invoke(fixture("partner-chen.yaml"), "-r", RUBRIC, "-f", "json", "--anonymize")
    assert result.exit_code == 0, result.stderr
    document = report_document(result.stdout)
    assert document["kind"] == "single"
    # The role label is the respondent's label; their name is null, as every name is anonymized.
    assert document["respondents"][0]["label"] == "Partner organisation 1"
    assert document["respondent"] == {"name": None, "role": "partner", "organisation": None}
    assert document["source"] == ""


# --- Anonymity -------------------------------------------------------------------------------------


def leaked(output: str) -> list[str]:
    """The identifying strings found in ``output`` as whole words ("Wei" is not in "Weight")."""
    return sorted(text for text in identifying_strings() if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", output))


def identifying_strings() -> set[str]:
    """Every name, name part, organisation and file name in the fixtures, read from the files."""
    found: set[str] = set()
    for path in MULTI.glob("*.yaml"):
        respondent = yaml.safe_load(path.read_text(encoding="utf-8"))["respondent"]
        name, organisation = respondent.get("name"), respondent.get("organisation")
        if name:
            found |= {name, md_text(name), *re.findall(r"[A-Z][a-z]+", name)}
        if organisation:
            found |= {organisation, md_text(organisation)}
        found |= {path.name, path.stem}
    return found


@pytest.mark.parametrize("format_name", ["markdown", "json", "text"])
@pytest.mark.parametrize("several", [True, False])
def test_anonymize_leaves_no_name_in_any_format(format_name: str, several: bool) -> None:
    inputs = [MULTI] if several else [fixture("partner-chen.yaml")]
    result = invoke(*inputs, "-r", RUBRIC, "-f", format_name, "--anonymize")
    assert result.exit_code == 0, result.stderr
    assert leaked(result.stdout) == []
    assert "Partner organisation 1" in result.stdout


def test_names_are_shown_without_anonymize() -> None:
    result = invoke(MULTI, "-r", RUBRIC, "-f", "text")
    assert "Amara Okafor" in result.stdout
    assert "Eastside Food Bank" in result.stdout


# --- Gates on the combined result --------------------------------------------------------------


def test_fail_on_counts_a_missing_voice_that_no_single_file_raises() -> None:
    leads = [fixture("lead-amara.yaml"), fixture("lead-bo.yaml")]
    for path in leads:
        assert invoke(path, "-r", RUBRIC, "-f", "json", "--fail-on", "critical").exit_code == 0
    result = invoke(*leads, "-r", RUBRIC, "-f", "json", "--fail-on", "critical")
    assert result.exit_code == 1
    assert "gate failed: --fail-on critical: 1 finding at or above 'critical': critical: Missing voice" in result.stderr


def test_fail_under_uses_the_combined_score() -> None:
    pair = [fixture("lead-amara.yaml"), fixture("partner-chen.yaml")]
    assert invoke(pair[1], "-r", RUBRIC, "-f", "json", "--fail-under", "75").exit_code == 1
    combined = report_document(invoke(*pair, "-r", RUBRIC, "-f", "json").stdout)["overall"]["percent"]
    assert 75 <= combined < 80  # the lead organisation weighs twice the partner in the mini rubric
    assert invoke(*pair, "-r", RUBRIC, "-f", "json", "--fail-under", "75").exit_code == 0
    result = invoke(*pair, "-r", RUBRIC, "-f", "json", "--fail-under", "80")
    assert result.exit_code == 1
    assert f"gate failed: --fail-under 80: overall score {combined:g} is below 80" in result.stderr


def test_a_disagreement_alone_can_fail_the_gate() -> None:
    # Both leads answer without any finding of their own; they disagree on the voice of data
    # subjects (spread 0.5 x weight 2 = medium), and the community's absence is critical.
    leads = [fixture("lead-amara.yaml"), fixture("lead-bo.yaml")]
    document = report_document(invoke(*leads, "-r", RUBRIC, "-f", "json").stdout)
    assert {finding["source"]["kind"] for finding in document["findings"]} == {"divergence", "role"}
    assert invoke(*leads, "-r", RUBRIC, "-f", "json", "--fail-on", "medium").exit_code == 1


# --- Wrong inputs ---------------------------------------------------------------------------------


def test_files_about_another_initiative_are_refused_with_their_location() -> None:
    other = fixture("mismatch/other-initiative.yaml")
    result = invoke(MULTI, other, "-r", RUBRIC)
    assert result.exit_code == 2
    assert f"{other}:3:13: these answers are about the initiative 'Hillside housing survey', but 5 other files (" in (
        result.stderr
    )
    assert "name 'Riverside legal aid data hub'" in result.stderr
    assert "report on them separately" in result.stderr
    # Five others: three named, the last two counted, joined as any list is.
    assert re.search(r"5 other files \('[^']+', '[^']+', '[^']+' and 2 more\) name", result.stderr), result.stderr
    assert "nothing was written" in result.stderr
    assert result.stdout == ""


def test_initiative_names_differing_only_in_case_and_spacing_are_the_same() -> None:
    result = invoke(fixture("lead-amara.yaml"), fixture("lead-bo.yaml"), "-r", RUBRIC, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert report_document(result.stdout)["initiative"] == "Riverside legal aid data hub"  # the first file's spelling


COUNTY = ROOT / "examples" / "county-justice"
COUNTY_NAME = "initiative: Marlow County Reentry Data Collaborative"


def _county_team(folder: Path, lead_name: str, community_name: str) -> Path:
    """The county example's lead and community answers, each naming the initiative as given."""
    folder.mkdir()
    for role, name in (("lead", lead_name), ("community", community_name)):
        text = (COUNTY / f"{role}.yaml").read_text(encoding="utf-8")
        assert COUNTY_NAME in text
        (folder / f"{role}.yaml").write_text(text.replace(COUNTY_NAME, f"initiative: {name}"), encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(
    "other",
    [
        unicodedata.normalize("NFD", "Rede Comunitária São João"),  # decomposed accents (macOS, some keyboards)
        "REDE COMUNITÁRIA  SÃO JOÃO",  # case and spacing, as before
        "Rede\u00a0Comunitária São João",  # a no-break space is a space
    ],
)
def test_initiative_names_that_are_the_same_text_in_unicode_are_one_initiative(tmp_path: Path, other: str) -> None:
    """Names equal after Unicode NFC normalisation (and ignoring case and spacing) are one
    initiative: accents typed decomposed look and are the same name."""
    name = unicodedata.normalize("NFC", "Rede Comunitária São João")
    team = _county_team(tmp_path / "team", name, other)
    result = subprocess.run(
        [*civdata_command(), "report", team, "-f", "json"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert report_document(result.stdout)["initiative"] in (name, other)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("other", "shown", "difference"),
    [
        ("Rede Comu\u200bnitária São João", "Comu\\u200bnitária", "U+200B ZERO WIDTH SPACE here, nothing there"),
        ("R\u0435de Comunitária São João", "R\u0435de", "U+0435 CYRILLIC SMALL LETTER IE here, U+0065 LATIN SMALL"),
        # A variation selector is printed as it is (it changes how a letter is drawn, not whether).
        ("Rede Comunitária\ufe0f São João", None, "U+FE0F VARIATION SELECTOR-16 here, nothing there"),
    ],
)
def test_initiative_names_that_differ_invisibly_say_where(
    tmp_path: Path, other: str, shown: str | None, difference: str
) -> None:
    """Two names that still differ, but look alike, are refused with the difference spelled out:
    the message alone must let a person see what to correct."""
    name = "Rede Comunitária São João"
    team = _county_team(tmp_path / "team", other, name)
    result = subprocess.run(
        [*civdata_command(), "report", team, "-f", "json"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    problem = next(line for line in result.stderr.splitlines() if "lead.yaml:6:13:" in line)
    assert shown is None or shown in problem, problem
    assert difference in problem, problem


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "other", "one"),
    [
        # Unicode's full case folding, as multi-respondent.md says: ß is ss, and a ligature its letters.
        ("Marlow Reentry Data O\ufb03ce", "MARLOW REENTRY DATA OFFICE", True),
        ("Datenhaus Straße", "DATENHAUS STRASSE", True),
        # No other compatibility form: full-width letters, superscripts.
        ("Marlow Reentry Data \uff2fffice", "Marlow Reentry Data Office", False),
        ("Marlow Reentry Data Office\u00b2", "Marlow Reentry Data Office2", False),
    ],
)
def test_case_folding_equates_what_unicode_folds_and_no_other_form(
    tmp_path: Path, name: str, other: str, one: bool
) -> None:
    """Before: the module's docstring and multi-respondent.md said the ligature ﬁ made another
    name, but `Oﬃce` and `Office` were combined without a word (full case folding expands
    ligatures). Names are compared by Unicode's canonical caseless matching, and the documents now
    say which compatibility characters it folds."""
    team = _county_team(tmp_path / "team", name, other)
    result = subprocess.run(
        [*civdata_command(), "report", team, "-f", "json"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == (0 if one else 2), result.stderr
    if not one:
        assert "must name the same initiative" in result.stderr


def test_files_of_another_patch_version_combine_and_of_another_minor_version_are_refused_once(
    tmp_path: Path,
) -> None:
    """Expectation changed on purpose: a file of 1.2.1 beside two of 1.2.0 was refused ('these
    answers are for version 1.2.1 of the rubric, but 2 other files ... are for 1.2.0'). A PATCH
    release changes no question (docs/rubric-format.md); report read one such file as it is, and
    `import --report` combined submissions of several PATCH versions, so the refusal only stopped
    a team whose members had answered before and after a wording fix. They combine now, the file
    of 1.2.1 said to be read as it is. A file of another MINOR version is refused once, at its own
    version, with how to bring it up to date (it was refused twice there, the second time for
    being outnumbered)."""
    other = fixture("mismatch/other-version.yaml")
    result = invoke(fixture("lead-amara.yaml"), fixture("lead-bo.yaml"), other, "-r", RUBRIC)
    assert result.exit_code == 0, result.output
    assert (  # a warning, as a newer PATCH than the rubric's (since 2026-11-29, on purpose)
        "civdata: warning: 1 answers file was made with version 1.2.1 of the rubric, not 1.2.0: a PATCH release "
        "changes no question, so its answers are read as they are, with the severities"
    ) in result.output
    older = tmp_path / "older.yaml"
    older.write_text(other.read_text(encoding="utf-8").replace("version: 1.2.1", "version: 1.1.0"), encoding="utf-8")
    refused = invoke(fixture("lead-amara.yaml"), fixture("lead-bo.yaml"), older, "-r", RUBRIC)
    assert refused.exit_code == 2
    problems = [line for line in refused.output.splitlines() if line.startswith(f"{older}:")]
    assert len(problems) == 1, refused.output
    made = rf"{re.escape(str(older))}:2:\d+: these answers were made for version 1\.1\.0 of 'mini'"
    assert re.match(made, problems[0]), problems[0]


def test_every_problem_in_every_file_is_reported_together(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = fixture("partner-eastside.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("voice: consulted", "voice: nobody"), encoding="utf-8")
    result = invoke(MULTI, broken, fixture("mismatch/other-initiative.yaml"), "-r", RUBRIC)
    assert result.exit_code == 2
    assert f"{broken}:" in result.stderr and "'nobody' is not an answer to 'voice'" in result.stderr
    assert "other-initiative.yaml:3:13:" in result.stderr


def test_the_same_file_twice_is_refused() -> None:
    result = invoke(MULTI, fixture("lead-amara.yaml"), "-r", RUBRIC)
    assert result.exit_code == 2
    assert "lead-amara.yaml is given more than once" in result.stderr
    assert "each respondent's file may count only once" in result.stderr


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(tmp_path, "-r", RUBRIC)
    assert result.exit_code == 2
    assert "has no .yaml answers files" in result.stderr


# --- A real process ------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_process_exit_codes_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "combined.json"
    ok = run(MULTI, "-r", RUBRIC, "-o", target)
    assert ok.returncode == 0, ok.stderr
    assert report_document(target.read_text(encoding="utf-8"))["kind"] == "combined"
    assert (target.stat().st_mode & 0o777) == 0o600

    gate = run(MULTI, "-r", RUBRIC, "-f", "markdown", "--fail-on", "critical")
    assert gate.returncode == 1
    assert gate.stdout.startswith("# Combined readiness and risk report: Riverside legal aid data hub")
    assert "gate failed:" in gate.stderr

    invalid = run(MULTI, fixture("mismatch/other-initiative.yaml"), "-r", RUBRIC)
    assert invalid.returncode == 2
    assert re.search(r"other-initiative\.yaml:3:13: ", invalid.stderr)
    assert "Traceback" not in invalid.stderr


@pytest.mark.slow
def test_real_process_anonymized_text_has_no_names() -> None:
    result = run(MULTI, "-r", RUBRIC, "-f", "text", "--anonymize")
    assert result.returncode == 0, result.stderr
    assert leaked(result.stdout) == []
    assert "(names, notes and written answers hidden)" in result.stdout


def test_fixture_folder_holds_the_respondents_the_tests_describe() -> None:
    roles = [
        yaml.safe_load(p.read_text(encoding="utf-8"))["respondent"]["role"] for p in (FIXTURES / "multi").glob("*.yaml")
    ]
    assert sorted(roles) == ["community", "lead", "lead", "partner", "partner"]


@pytest.mark.slow
def test_a_large_group_from_the_command_line_is_counted_not_listed(tmp_path: Path) -> None:
    """docs/multi-respondent.md, "Large groups": thirty answers files, each with the same note on a
    few answers. The report names nobody outside its list of respondents, tallies multiple-choice
    questions by option, and shows a note many wrote once, with how many wrote it."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_combine import write_answers

    from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
    from civdata.rubric_loader import load_rubric

    folder = tmp_path / "group"
    write_answers(load_rubric(find_rubric(DEFAULT_RUBRIC_ID)), folder, 30, 7)
    note = "We talked about this at the Tuesday meeting; see minutes."
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for question in ("security-measures", "consent-basis", "community-voice"):
            if question in data["answers"]:
                data["answers"][question] = {"value": data["answers"][question], "note": note}
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert run(folder, "-o", tmp_path / "report.md").returncode in (0, 1)
    assert run(folder, "-o", tmp_path / "report.json").returncode in (0, 1)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    body, appendix = markdown.split("\n## Respondents\n")
    assert "Respondent 1" in appendix
    assert not re.search(r"Respondent \d", body), re.search(r".*Respondent \d.*", body)
    assert "| Option | Its score ticked alone | How many ticked it | By role |" in body
    assert "Note written by" in body and "Note by " not in body
    document = report_document((tmp_path / "report.json").read_text(encoding="utf-8"))
    document.pop("respondents")
    assert not re.search(r"Respondent \d", json.dumps(document))
    for question in document["divergence"]["questions"]:
        if question["question"] in ("security-measures", "consent-basis"):
            assert question["tallied_by"] == "option"
    for finding in document["findings"]:
        texts = [(item["question"], item["text"]) for item in finding["notes"]]
        assert len(texts) == len(set(texts)), finding["id"]


# --- JSON: anonymity and --detail ------------------------------------------------------------------

#: The fields every JSON report has whatever it is about: who wrote it, when, with which rubric.
ENVELOPE = ("report_format", "kind", "tool", "generated_on", "rubric", "gates", "content_sha256")


def _people_fields(node: object, path: str = "") -> list[tuple[str, object]]:
    """Every ``name`` and ``organisation`` in a JSON document, with where it is."""
    if isinstance(node, dict):
        found = [(f"{path}/{key}", value) for key, value in node.items() if key in ("name", "organisation")]
        inner = [item for key, value in node.items() for item in _people_fields(value, f"{path}/{key}")]
        return found + inner
    if isinstance(node, list):
        return [item for index, value in enumerate(node) for item in _people_fields(value, f"{path}/{index}")]
    return []


def _json_report(tmp_path: Path, *args: object) -> dict:
    output = tmp_path / "report.json"
    result = run(*args, "-r", RUBRIC, "-o", output)
    assert result.returncode == 0, result.stderr
    return report_document(output.read_text(encoding="utf-8"))


@pytest.mark.parametrize("inputs", [(fixture("partner-chen.yaml"),), (MULTI,)], ids=["single", "combined"])
def test_anonymized_json_names_nobody_not_even_by_role(tmp_path: Path, inputs: tuple[Path, ...]) -> None:
    """json-report.md: with --anonymize every `name` and `organisation` is null; the role label is
    the respondent's `label` (in `respondents[]` and `detail[]`)."""
    document = _json_report(tmp_path, *inputs, "--anonymize", "--detail")
    people = [item for item in _people_fields(document) if not item[0].startswith(("/tool", "/method"))]
    assert people, "the report names nobody at all: the test looks in the wrong place"
    assert [path for path, value in people if value is not None] == []
    labels = [row["label"] for row in document["respondents"]]
    assert all(re.fullmatch(r".+ \d+", label) for label in labels), labels
    assert [item["label"] for item in document.get("detail", [])] == (labels if len(labels) > 1 else [])


def test_each_detail_item_is_the_body_of_that_respondents_own_report(tmp_path: Path) -> None:
    """multi-respondent.md: `detail[]` holds, for each respondent, `label` and exactly the fields
    of a single-respondent report; so a tool reads one with what reads a single report."""
    combined = _json_report(tmp_path, MULTI, "--detail")
    files = sorted(MULTI.glob("*.yaml"))
    assert len(combined["detail"]) == len(files) > 1
    for item, path in zip(combined["detail"], files, strict=True):
        single = _json_report(tmp_path, path)
        body = {key: value for key, value in single.items() if key not in ENVELOPE}
        assert item["label"] == single["respondents"][0]["label"]
        assert {key: value for key, value in item.items() if key != "label"} == body, path
        # and it validates as a single report, given a single report's envelope
        report_document(json.dumps({key: single[key] for key in ENVELOPE} | body))


@pytest.mark.slow
def test_a_large_groups_disagreement_names_the_roles_with_the_lowest_and_highest_median(tmp_path: Path) -> None:
    """multi-respondent.md: in a large group, where someone in nearly every role gave the lowest
    answer and someone the highest, an alignment finding names the roles whose median score for
    the question is lowest and highest (its `role_medians`), so no role is on both sides."""


def test_a_note_typed_in_another_unicode_form_or_spacing_is_the_same_note(tmp_path: Path) -> None:
    """docs/multi-respondent.md, "Large groups": "a note many people wrote is shown once, with how
    many wrote it". Fourteen people wrote "Le café de la réunion a été annulé", half with each
    accent as one character (NFC) and half as a letter and a combining accent (NFD, as macOS gives
    it), one with two spaces. Before, the note was shown twice, "written by 7 respondents" each.
    Expected: one note under each finding, with how many of those behind it wrote it (all 14 under
    one), as most of them typed it; case is kept apart (a note is not a name, and capitals may say
    something)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_combine import write_answers

    from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
    from civdata.rubric_loader import load_rubric

    folder = tmp_path / "big"
    write_answers(load_rubric(find_rubric(DEFAULT_RUBRIC_ID)), folder, 50, 7)
    assert run(folder, "-o", tmp_path / "big.json").returncode in (0, 1)
    document = report_document((tmp_path / "big.json").read_text(encoding="utf-8"))
    label = {role["id"]: role["label"] for role in document["roles"]}
    recommendation = {finding["id"]: finding["recommendation"] for finding in document["findings"]}
    questions = document["divergence"]["questions"]
    assert questions, "the group disagrees nowhere: the test checks nothing"
    compared = 0
    for question in questions:
        medians = question["role_medians"]
        if min(medians.values()) == max(medians.values()):
            assert "disagree within their roles" in recommendation[question["finding"]]
            continue
        named = re.search(r"lowest \(([^)]*)\) and highest \(([^)]*)\)", recommendation[question["finding"]])
        assert named, recommendation[question["finding"]]
        lowest, highest = (set(part.split(", ")) for part in named.groups())
        compared += 1
        assert lowest == {label[role] for role, value in medians.items() if value == min(medians.values())}
        assert highest == {label[role] for role, value in medians.items() if value == max(medians.values())}
        assert not lowest & highest, question["question"]
    assert compared, "no question's roles differ in median: the test checks nothing"

    folder = tmp_path / "group"
    write_answers(load_rubric(find_rubric(DEFAULT_RUBRIC_ID)), folder, 14, 7)
    note = "Le café de la réunion a été annulé"
    noted = 0
    for index, path in enumerate(sorted(folder.glob("*.yaml"))):
        typed = note if index % 2 == 0 else unicodedata.normalize("NFD", note)
        typed = typed.replace(" de ", "  de ") if index == 3 else typed
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "community-voice" in data["answers"]:
            data["answers"]["community-voice"] = {"value": data["answers"]["community-voice"], "note": typed}
            noted += 1
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert noted == 14
    result = run(folder, "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)["findings"]
    per_finding = [[item for item in finding["notes"] if item["question"] == "community-voice"] for finding in findings]
    assert all(len(notes) <= 1 for notes in per_finding), per_finding
    shown = [item for notes in per_finding for item in notes]
    assert {unicodedata.normalize("NFC", " ".join(item["text"].split())) for item in shown} == {note}
    # Under the finding all fourteen raise, as most of them wrote it (seven in NFC); under another,
    # as most of those behind it did: the text is shown as someone wrote it, not rewritten.
    assert [item["text"] for item in shown if item["count"] == 14] == [note]
    markdown = run(folder, "-f", "markdown").stdout
    prose = " ".join(markdown.split())
    assert sum(prose.count(form) for form in {note, unicodedata.normalize("NFD", note)}) == len(shown)
    assert "Note written by 14 respondents" in prose


def test_a_group_all_in_roles_of_weight_0_is_told_why_it_has_no_combined_score(tmp_path: Path) -> None:
    """An outside methodologist gave the lead role weight 0 and reported on two leads: every
    answer was scored (97.8 each), yet the gate said "no answer could be scored" and the report
    showed "n/a" with no reason. multi-respondent.md: roles of weight 0 are shown but do not count."""
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(MINI_RUBRIC.read_text(encoding="utf-8").replace("    weight: 2\n", "    weight: 0\n", 1))
    team = tmp_path / "team"
    team.mkdir()
    answers = (FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8")
    for name in ("Ada", "Grace"):
        (team / f"{name}.yaml").write_text(answers.replace("Ada <b>Lovelace</b>", name), encoding="utf-8")
    because = "every role that answered (Lead organisation) weighs 0 in the rubric"
    for format_name in ("markdown", "html", "summary", "text"):
        result = subprocess.run(
            [*civdata_command(), "report", team, "-r", rubric, "-f", format_name, "--fail-under", "50"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert f"--fail-under 50: {because}, and a role of weight 0 does not count" in result.stderr
        assert because in " ".join(result.stdout.split()), (format_name, result.stdout)
        # The table's "–" and the picture's words agree with the score line (a hostile tester).
        assert "no answer counted" not in result.stdout, format_name
        if format_name in ("markdown", "html"):
            assert "– means not counted: every role that answered weighs 0" in " ".join(result.stdout.split())
    result = subprocess.run(
        [*civdata_command(), "report", team, "-r", rubric, "-f", "json"], capture_output=True, text=True, check=False
    )
    overall = json.loads(result.stdout)["overall"]
    assert overall["percent"] is None and overall["unscored_reason"].startswith(because), overall
    # A group whose answers count, with no score for another reason, is not told about weights.
    result = subprocess.run(
        [*civdata_command(), "report", team, "-r", MINI_RUBRIC, "-f", "summary"], capture_output=True, text=True
    )
    assert "weighs 0" not in result.stdout


def _half_blank_group(folder: Path, people: int) -> Path:
    """``people`` community representatives of the county example; every other one left the
    questions of the first area blank, as in the reviewer's group (cov50)."""
    from civdata.inputs import load_rubric_spec

    source = yaml.safe_load((ROOT / "examples" / "county-justice" / "community.yaml").read_text(encoding="utf-8"))
    rubric = load_rubric_spec(source["rubric"]["id"])
    first_area = {question.id for question in rubric.areas[0].questions}
    folder.mkdir()
    for index in range(people):
        data = json.loads(json.dumps(source))
        data["respondent"]["name"] = f"Person {index + 1}"
        if index % 2:
            data["answers"] = {key: value for key, value in data["answers"].items() if key not in first_area}
        (folder / f"p{index + 1}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


ROLE_OVERALL = (
    "in an area, the mean of its respondents' scores there; overall, the mean of the role's area scores weighted "
    "by each area's weight, as the combined Overall is, not the mean of its respondents' overall scores"
)


@pytest.mark.parametrize("people", [4, 10])
def test_a_roles_overall_is_said_to_come_from_its_area_scores(tmp_path: Path, people: int) -> None:
    """The caption said a role's Overall was "the mean of its respondents": with some respondents
    leaving questions blank it is not (Community 90.3 where its eight respondents average 87.3).
    It says how the Overall is computed, which the JSON report's numbers bear out."""
    from tests.conftest import unwrapped

    folder = _half_blank_group(tmp_path / "group", people)
    result = run(folder, "-o", tmp_path / "r.md")
    assert result.returncode == 0, result.stderr
    markdown = unwrapped((tmp_path / "r.md").read_text(encoding="utf-8"))
    if people > 8:  # no column per respondent
        expected = f"The combined score, then each role: {ROLE_OVERALL} (those are under “Respondents”). The number"
    else:
        expected = f"The combined score, then each role ({ROLE_OVERALL}), then each respondent. The number"
    # (Since 2026-11-29 the caption also says what the number after a role is, before "Scores are".)
    assert expected in markdown, markdown[:3000]
    assert "the mean of its respondents)" not in markdown and "the mean of its respondents;" not in markdown
    document = report_document(run(folder, "-f", "json").stdout)
    role = document["roles"][0]
    weights = {area["id"]: area["weight"] for area in document["areas"]}
    scored = [(weights[area["id"]], area["percent"]) for area in role["areas"] if area["percent"] is not None]
    from_areas = sum(weight * percent for weight, percent in scored) / sum(weight for weight, _ in scored)
    assert abs(role["overall"]["percent"] - from_areas) < 0.1
    of_respondents = sum(person["overall"] for person in document["respondents"]) / people
    assert abs(role["overall"]["percent"] - of_respondents) > 0.5  # 23.9 and 23.15 here


# --- Disagreements on gate questions, on each question's own range --------------------------------

DIVERGENCE = Path("tests/fixtures/divergence")


def test_a_disagreement_on_what_the_initiative_is_is_reported_in_json_and_markdown() -> None:
    """An outside reviewer's case: the lead says one organisation, nothing automated, totals only;
    the technical team says five or more organisations, a tool that decides without a person, and
    record-level releases. These questions have weight 0 (they set the stakes and are not scored),
    and the report said `divergences: []`."""
    result = run(DIVERGENCE / "gate-disagree", "-f", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    document = report_document(result.stdout)
    found = [
        (item["question"], item["weight"], item["severity_weight"], item["range"], item["spread"], item["severity"])
        for item in document["divergence"]["questions"]
    ]
    assert found == [
        ("partner-count", 0.0, 1.5, {"low": 0.0, "high": 1.0}, 1.0, "high"),
        ("automated-decisions", 0.0, 1.5, {"low": 0.0, "high": 1.0}, 1.0, "high"),
        ("outputs-shared", 0.0, 1.5, {"low": 0.0, "high": 1.0}, 1.0, "high"),
    ]
    assert [item["options_apart"] for item in document["divergence"]["questions"]] == [[], [], ["record-level"]]
    assert {item["spread_of"] for item in document["divergence"]["questions"]} == {"scores"}
    shared = next(item for item in document["findings"] if item["id"] == "divergence:outputs-shared")
    assert shared["severity"] == "high"
    assert shared["explanation"] == (
        "Answers score from 0 to 100 out of 100; this question's answers can score from 0 to 100, so the spread "
        "is 100% of its range. It is a gate question (weight 0): it is not scored, but which other questions and "
        "rules apply depends on it, so its severity is that of a question of weight 1.5. “Record-level data given "
        "to researchers or others” was ticked by some respondents and not by others, and the rubric's conditions "
        "test it. People who answer it differently are assessing different initiatives."
    )
    result = run(DIVERGENCE / "gate-disagree", "-f", "markdown", "-o", "-")
    assert result.returncode == 0, result.stderr
    markdown = unwrapped(result.stdout)
    assert "### 1. HIGH: Organisations contributing data (`partner-count`)" in markdown
    assert "### 3. HIGH: What leaves the initiative (`outputs-shared`)" in markdown
    assert (
        "Spread 100% of the question's range (0 to 100), question weight 0: a gate question, counted as weight "
        "1.5 for severity. Median score by role: Lead organisation 100, Technical team 0. Ticked by some "
        "respondents and not by others: Record-level data given to researchers or others.\n"
    ) in markdown
    assert "| high | Respondents disagree on: Scores, models and automated decisions |" in markdown


def test_a_complete_disagreement_on_authorities_access_is_high() -> None:
    """The reviewer's refugee case, in two answers: the funder says a lawyer advised there is no
    legal route, the partner that the donor's staff log in directly. The question scores from 0.3
    to 1, so its widest spread was 0.7, and on a question of weight 2 that was only medium."""
    result = run(DIVERGENCE / "authority-access", "-f", "json", "-o", "-")
    assert result.returncode == 0, result.stderr
    (item,) = report_document(result.stdout)["divergence"]["questions"]
    assert (item["question"], item["range"], item["spread"], item["severity"]) == (
        "authority-access",
        {"low": 0.3, "high": 1.0},
        1.0,
        "high",
    )
    markdown = unwrapped(run(DIVERGENCE / "authority-access", "-f", "markdown", "-o", "-").stdout)
    assert (
        "Spread 100% of the question's range (30 to 100), question weight 2. "
        "Median score by role: Funder 100, Partner organisation 30."
    ) in markdown
