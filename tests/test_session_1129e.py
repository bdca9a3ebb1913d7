"""Defects found in the fifth session of 2026-11-29, by outside reviews, each as a user meets it.
Every expectation was written before its fix and seen to fail without it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT
from tests.test_ci_review_1129 import run

RUBRICS = ROOT / "examples" / "rubrics"

# --- Combined reports (the review of combined verdicts) -------------------------------------------


def test_the_most_cautious_combination_takes_the_highest_risk_and_the_lowest_readiness(tmp_path: Path) -> None:
    """``combine: min``, "the most cautious view", took the lowest score whatever the area's
    direction: on the AIA example, one person's answers at impact level IV and another's at I gave
    level I, and --fail-over 50 passed (the review of combined verdicts)."""
    rubric = (RUBRICS / "aia-style-impact.yaml").read_text(encoding="utf-8")
    assert "\ndivergence:" not in rubric
    (tmp_path / "aia.yaml").write_text(rubric + "\ndivergence:\n  combine: min\n", encoding="utf-8")
    high = (RUBRICS / "answers" / "aia-high-impact.yaml").read_text(encoding="utf-8")
    low = (RUBRICS / "answers" / "aia-low-impact.yaml").read_text(encoding="utf-8")
    low = low.replace("Lakeview parks permit scheduling assistant", "Emergency housing benefit eligibility engine")
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "marc.yaml").write_text(high, encoding="utf-8")
    (tmp_path / "team" / "priya.yaml").write_text(low, encoding="utf-8")
    alone = {}
    for name in ("marc", "priya"):
        done = run("report", f"team/{name}.yaml", "-r", "aia.yaml", "-o", f"{name}.json", "-q", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        alone[name] = {
            area["id"]: area["percent"] for area in json.loads((tmp_path / f"{name}.json").read_text())["areas"]
        }
    done = run("report", "team", "-r", "aia.yaml", "--fail-over", "50", "-o", "both.json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    both = json.loads((tmp_path / "both.json").read_text(encoding="utf-8"))
    combined = {area["id"]: area["percent"] for area in both["areas"]}
    assert combined["impact"] == max(alone["marc"]["impact"], alone["priya"]["impact"])  # risk: the highest
    assert combined["mitigation"] == min(alone["marc"]["mitigation"], alone["priya"]["mitigation"])  # readiness
    assert both["method"]["combine"] == "min"
    text = run("report", "team", "-r", "aia.yaml", "-f", "markdown", cwd=tmp_path).stdout
    assert "Combined by the most cautious score (in each area, the score of the respondent whose answers read" in (
        re.sub(r"\s+", " ", text)
    )


# --- Rubric versions (the review of a rubric kept over two years) --------------------------------


def test_a_patch_version_that_lists_a_question_is_refused_before_publishing(tmp_path: Path) -> None:
    """A PATCH that added a question passed ``rubric validate`` though its own ``changes`` entry
    listed it; a report then read answers of the earlier PATCH "as they are" and the new, blank
    question failed --fail-on high with nobody told it was new."""
    text = (ROOT / "rubrics" / "civil-society-data-readiness.yaml").read_text(encoding="utf-8")
    text = text.replace("\nversion: 1.2.3\n", "\nversion: 1.2.4\n", 1)
    entry = (
        "changes:\n  - version: 1.2.4\n    summary: Asks about in-house skills again.\n"
        "    questions: [in-house-skills]\n"
    )
    assert text.count("\nchanges:\n") == 1
    text = text.replace("\nchanges:\n", "\n" + entry, 1)
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("    questions: [in-house-skills]") + 1
    refused = run("rubric", "validate", "r.yaml", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        f"r.yaml:{line}:16: version 1.2.4 is a PATCH, which changes no question, but lists 'in-house-skills': answers "
        "made for an earlier 1.2 version are read as they are, so it is never asked again; make it version 1.3.0 (a "
        "new or changed question needs a new MINOR version), or remove the list if only wording changed",
        "civdata: 1 problem found; nothing was written",
    ]
    fixed = text.replace("    questions: [in-house-skills]\n", "", 1)
    (tmp_path / "r.yaml").write_text(fixed, encoding="utf-8")
    assert run("rubric", "validate", "r.yaml", cwd=tmp_path).returncode == 0


def test_the_same_person_is_told_whatever_the_case_or_spacing_of_their_name(tmp_path: Path) -> None:
    """ "Dana Okafor" of "County research office" and "dana  okafor" of "County Research Office" were two
    people, both counted with no word, where a baseline matches them as one (the review of combined
    verdicts)."""
    team = tmp_path / "team"
    team.mkdir()
    lead = (ROOT / "examples" / "county-justice" / "lead.yaml").read_text(encoding="utf-8")
    name = re.search(r"(?m)^  name: (.+)$", lead).group(1)  # type: ignore[union-attr]
    organisation = re.search(r"(?m)^  organisation: (.+)$", lead).group(1)  # type: ignore[union-attr]
    (team / "lead.yaml").write_text(lead, encoding="utf-8")
    earlier = lead.replace(f"  name: {name}", f"  name: {name.lower().replace(' ', '  ')}", 1)
    earlier = earlier.replace(f"  organisation: {organisation}", f"  organisation: {organisation.upper()}", 1)
    (team / "lead-2026-04.yaml").write_text(earlier, encoding="utf-8")
    done = run("report", "team", "-o", "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "one respondent by role, name and organisation" in done.stderr, done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(report["same_person"]) == 1 and len(report["same_person"][0]) == 2


def test_a_blank_form_beside_one_answered_file_is_a_missing_voice_that_gates(tmp_path: Path) -> None:
    """The lead's file and a community member's blank one made a single report ("One voice ...
    report on their answers files together with this one", files already given) with no missing
    voice, and --fail-on high passed; adding a second lead whose answers were all positive made the
    same gate fail (the review of combined verdicts). A report on several files is combined."""
    county = ROOT / "examples" / "county-justice"
    lead = (county / "lead.yaml").read_text(encoding="utf-8")
    initiative = re.search(r"(?m)^initiative: (.+)$", lead).group(1)  # type: ignore[union-attr]
    team = tmp_path / "team"
    team.mkdir()
    (team / "lead.yaml").write_text(lead, encoding="utf-8")
    (team / "community.yaml").write_text(
        'format: 1\nrubric: {id: civil-society-data-readiness, version: "1.2.3"}\n'
        f"initiative: {initiative}\nrespondent: {{role: community, name: Marcus, organisation: B}}\nanswers:\n",
        encoding="utf-8",
    )
    done = run("report", "team", "--fail-on", "high", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "high: Missing voice: nobody answered as Community / data-subject representative" in done.stderr
    report = re.sub(r"\s+", " ", (tmp_path / "r.md").read_text(encoding="utf-8"))
    assert "Answered nothing: 1 respondent answers no question: Marcus" in report
    assert "together with this one" not in report
    alone = run("report", "team/lead.yaml", "-o", "alone.md", cwd=tmp_path)  # one file: one voice, as before
    assert "One voice" in re.sub(r"\s+", " ", (tmp_path / "alone.md").read_text(encoding="utf-8")), alone.stderr


TINY = """format: 1
id: tiny
version: 1.0.0
title: Tiny
description: Two questions, two expected roles.
license: CC-BY-4.0
authors: [reviewer]
roles:
  - {id: lead, label: Lead, expected: true}
  - {id: community, label: Community, expected: true, weight: 1.5}
areas:
  - id: a
    title: Area
    questions:
      - id: basics
        title: Basics
        prompt: Are the basics in place?
        type: yes_no
        weight: 10
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0, finding: {severity: medium, title: No basics, recommendation: Do them.}}
          - {value: unsure, finding: {severity: medium, title: Basics not known, recommendation: Find out.}}
      - id: complaints
        title: Complaints and redress
        prompt: Can people harmed by the data complain?
        type: single_choice
        weight: 1.5
        options:
          - value: none
            label: No route
            score: 0.1
            finding: {severity: medium, title: No complaint route, recommendation: Set one up.}
          - {value: data-route, label: A route for the data, score: 1}
          - value: unsure
            label: I don't know
            unknown: true
            finding: {severity: medium, title: How people can complain is not known, recommendation: Find out.}
verdicts:
  - {id: ready, label: Ready, min_score: 75, max_severity: medium, min_coverage: 50}
  - {id: conditional, label: Ready with conditions, min_score: 55, max_severity: high}
  - {id: not-ready, label: Not ready}
"""


def _tiny_team(folder: Path, lead: str, community: str) -> Path:
    """The lead and a community member, each answering ``basics`` yes and ``complaints`` as given
    (an empty text leaves it blank)."""
    folder.mkdir(parents=True)
    for role, name, answer in (("lead", "Dana", lead), ("community", "Marcus", community)):
        (folder / f"{role}.yaml").write_text(
            "format: 1\nrubric: {id: tiny, version: 1.0.0}\ninitiative: Hub\n"
            f"respondent: {{role: {role}, name: {name}, organisation: A}}\n"
            f'answers:\n  basics: "yes"\n  complaints: {answer}\n',
            encoding="utf-8",
        )
    return folder


def test_a_blank_beside_a_known_answer_is_no_better_than_i_dont_know(tmp_path: Path) -> None:
    """The community's "I don't know" beside the lead's known answer raised a high disagreement and
    failed --fail-on high; leaving the same question blank raised none, gave "Ready" and passed
    (the review of combined verdicts; docs/scoring.md, section 2, promises the opposite)."""
    (tmp_path / "tiny.yaml").write_text(TINY, encoding="utf-8")
    outcomes = {}
    for name, community in (("unsure", "unsure"), ("blank", "")):
        _tiny_team(tmp_path / name, "data-route", community)
        done = run("report", name, "-r", "tiny.yaml", "--fail-on", "high", "-o", f"{name}.json", cwd=tmp_path)
        report = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        outcomes[name] = (done.returncode, report["verdict"]["id"], [f["id"] for f in report["findings"]])
    assert outcomes["unsure"][0] == 1 and "divergence:complaints" in outcomes["unsure"][2]
    assert outcomes["blank"][0] == 1, outcomes
    assert "divergence:complaints" in outcomes["blank"][2]
    assert outcomes["blank"][1] == outcomes["unsure"][1] == "conditional"
    text = run("report", "blank", "-r", "tiny.yaml", "-f", "markdown", cwd=tmp_path).stdout
    assert "left blank (read as “I don't know”)" in text


EVOLVING = """format: 1
id: mini
version: "1.0.0"
title: Mini
description: Mini rubric.
license: CC-BY-4.0
authors: [Reviewer]
roles:
  - {id: lead, label: Lead}
areas:
  - id: power
    title: Power
    questions:
      - id: map
        title: Stakeholder map
        prompt: Is there a stakeholder map?
        type: single_choice
        options:
          - value: none
            label: No map
            score: 0
            finding: {severity: medium, title: No map, recommendation: Draft one.}
          - {value: informal, label: Informal, score: 0.5}
          - {value: written, label: Written, score: 1}
  - id: governance
    title: Governance
    questions:
      - id: agreement
        title: Agreement
        prompt: Is there a data-sharing agreement?
        type: single_choice
        options:
          - value: none
            label: None
            score: 0
            finding: {severity: high, title: No agreement, recommendation: Draft one.}
          - {value: signed, label: Signed, score: 1}
verdicts:
  - {id: ready, label: Ready, min_score: 75, max_severity: medium}
  - {id: conditional, label: Ready with conditions, min_score: 50, max_severity: high}
  - {id: not-ready, label: Not ready}
"""

THEN = """format: 1
rubric: {id: mini, version: "VERSION"}
initiative: Eastside pool
respondent: {name: Dana Okafor, role: lead}
date: DATE
answers:
  map: informal
  agreement: signed
"""


def _evolved(tmp_path: Path, version: str, edit: tuple[str, str], summary: str) -> str:
    """The mini rubric at ``version`` with one edit, recorded in ``changes`` as the docs ask; the
    same answers then (1.0.0, a JSON report) and now (``version``)."""
    (tmp_path / "base.yaml").write_text(EVOLVING, encoding="utf-8")
    text = EVOLVING.replace('version: "1.0.0"', f'version: "{version}"').replace(*edit)
    assert text.count(edit[1]) == 1
    text += f'changes:\n  - version: "{version}"\n    summary: {summary}\n'
    (tmp_path / "new.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "then.yaml").write_text(THEN.replace("VERSION", "1.0.0").replace("DATE", "2026-10-10"), "utf-8")
    (tmp_path / "now.yaml").write_text(THEN.replace("VERSION", version).replace("DATE", "2027-01-10"), "utf-8")
    assert run("rubric", "validate", "new.yaml", cwd=tmp_path).returncode == 0
    assert run("report", "then.yaml", "-r", "base.yaml", "-o", "then.json", "-q", cwd=tmp_path).returncode == 0
    done = run(
        "report", "now.yaml", "-r", "new.yaml", "--baseline", "then.json", "--fail-on-regression", "scores",
        "-o", "now.json", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr  # the same answers: nothing got worse
    return json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))["progress"]


def test_an_area_weighed_otherwise_is_not_the_team_getting_worse(tmp_path: Path) -> None:
    """A MINOR version that only weighed one area three times as much, recorded as the docs ask,
    showed "Overall 75 to 62.5, worse" and "Ready to Ready with conditions, worse" on the same
    answers, and --fail-on-regression scores failed (the review of a rubric kept over two years)."""
    progress = _evolved(
        tmp_path,
        "1.1.0",
        ("  - id: power\n    title: Power\n", "  - id: power\n    title: Power\n    weight: 3\n"),
        "Power now weighs three times as much as governance.",
    )  # fmt: skip
    overall = progress["overall"]
    assert overall["trend"] == "not-compared"
    assert overall["reason"] == "the areas weigh otherwise now (Power 1 then, 3 now)"
    assert progress["verdict"]["trend"] == "not-compared"
    assert any(
        "the overall score they rest on weighs the areas otherwise now" in line for line in progress["not_compared"]
    )


def test_a_verdict_band_raised_is_not_the_team_getting_worse(tmp_path: Path) -> None:
    """A MAJOR version that only raised "Ready" from 75 to 80 showed the verdict worse on the same
    answers, and the scores gate failed on it."""
    progress = _evolved(
        tmp_path,
        "2.0.0",
        ("{id: ready, label: Ready, min_score: 75,", "{id: ready, label: Ready, min_score: 80,"),
        "Ready now needs a score of 80.",
    )  # fmt: skip
    assert progress["verdict"]["trend"] == "not-compared"
    assert (
        "The verdicts are not compared: this rubric's verdict bands give the baseline's own figures “Ready with "
        "conditions”, not the “Ready” it was given, so the bands changed since version 1.0.0"
    ) in progress["not_compared"]
    assert progress["overall"]["trend"] == "same"


# --- Field collection (the review of issue 12) ------------------------------------------------------


def test_a_form_for_one_initiative_says_which_and_has_an_id_of_its_own(tmp_path: Path) -> None:
    """A form made with --initiative kept it in a hidden field only: the title and form_id were the
    rubric's, so a respondent never saw what they were judging, and ODK Central refused the form for
    a second initiative (the same form_id in one project)."""
    import openpyxl

    settings = {}
    for name, initiative in (("a", "Eastside tenants' data project"), ("b", "Westside food bank"), ("c", "مشروع")):
        assert (
            run("export", "xlsform", "--initiative", initiative, "-o", f"{name}.xlsx", "-q", cwd=tmp_path).returncode
            == 0
        )
        sheet = openpyxl.load_workbook(tmp_path / f"{name}.xlsx")["settings"]
        header, row = ([cell.value for cell in line] for line in sheet.iter_rows())
        settings[name] = dict(zip(header, row, strict=True))
    assert settings["a"]["form_title"] == "Civil-society data readiness and risk: Eastside tenants' data project"
    assert re.fullmatch(
        r"civil-society-data-readiness-eastside-tenants-data-project-[0-9a-f]{8}", settings["a"]["form_id"]
    )
    assert re.fullmatch(r"civil-society-data-readiness-[0-9a-f]{8}", settings["c"]["form_id"])
    assert len({entry["form_id"] for entry in settings.values()}) == 3
    assert run("export", "xlsform", "-o", "any.xlsx", "-q", cwd=tmp_path).returncode == 0
    sheet = openpyxl.load_workbook(tmp_path / "any.xlsx")["settings"]
    assert [cell.value for cell in list(sheet.iter_rows())[1]][:2] == [
        "Civil-society data readiness and risk",
        "civil-society-data-readiness",
    ]


def test_a_combined_report_gives_what_people_wrote(tmp_path: Path) -> None:
    """No combined report showed any answer to a text question, and a note on a question that
    raised nothing was dropped: the community's "nobody has said no in writing" was in none of the
    county's combined reports, though the form tells respondents their words are "shown in
    reports" (the review of issue 12). Each is given once, under its question, with who wrote it;
    --anonymize leaves them out and says so."""
    county = ROOT / "examples" / "county-justice"
    said = "nobody has said no in writing"
    custodian = "independent custodian that only releases totals"
    for name in ("md", "html", "json"):
        done = run("report", county, "-o", f"r.{name}", "-q", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        text = (tmp_path / f"r.{name}").read_text(encoding="utf-8").replace("\n> ", " ")  # a quote's lines
        text = re.sub(r"\s+", " ", text)
        assert said in text and custodian in text, name
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "\n## What people wrote (" in markdown
    section = markdown[markdown.index("\n## What people wrote (") :]
    section = section[: section.index("\n## ", 5)]
    assert "Written answer by Marcus Bell on `decision-described`:" in section, section
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    entries = [entry for entry in report["written"] if entry["question"] == "decision-described"]
    assert {entry["kind"] for entry in entries} == {"answer"}
    assert any(
        said in re.sub(r"\s+", " ", entry["text"]) and entry["respondents"] == ["Marcus Bell"] for entry in entries
    )
    done = run("report", county, "--anonymize", "-o", "a.md", "-q", cwd=tmp_path)
    anonymized = re.sub(r"\s+", " ", (tmp_path / "a.md").read_text(encoding="utf-8"))
    assert said not in anonymized and custodian not in anonymized
    assert "## What people wrote" in anonymized and "left out: --anonymize" in anonymized


def test_a_band_whose_condition_holds_for_everyone_is_the_groups(tmp_path: Path) -> None:
    """A verdict band whose `when` tests an answer was never given in a combined report, even when
    everyone gave that answer: each respondent "Ready", the group "Ready with conditions" with no
    reason, and --fail-on-verdict could not pass (the review of combined verdicts). A test on
    answers is now true for the group when it is true for every respondent, false when false for
    every one, else only possibly true (the band is then not given, as before)."""
    plain = "{id: ready, label: Ready, min_score: 75, max_severity: medium, min_coverage: 50}"
    assert plain in TINY
    for name, when in (
        ("equals", '{question: basics, equals: "yes"}'),
        ("not", '{not: {question: basics, equals: "no"}}'),
    ):
        rubric = TINY.replace(plain, plain[:-1] + f", when: {when}}}")
        (tmp_path / f"{name}.yaml").write_text(rubric, encoding="utf-8")
        assert run("rubric", "validate", f"{name}.yaml", cwd=tmp_path).returncode == 0
        team = _tiny_team(tmp_path / f"team-{name}", "data-route", "data-route")
        done = run(
            "report", team.name, "-r", f"{name}.yaml", "--fail-on-verdict", "conditional", "-o", "r.json", cwd=tmp_path
        )
        assert done.returncode == 0, (name, done.stderr)
        assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["verdict"]["id"] == "ready"
        community = team / "community.yaml"
        community.write_text(community.read_text(encoding="utf-8").replace('basics: "yes"', 'basics: "no"'), "utf-8")
        done = run("report", team.name, "-r", f"{name}.yaml", "-o", "r.json", cwd=tmp_path)
        assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["verdict"]["id"] != "ready", name


def test_a_large_group_counts_those_who_answered_nothing_by_role(tmp_path: Path) -> None:
    """In a consultation of 500 with 42 forms sent back blank, the verdict section named 10 of them
    and "32 more", where a large group names nobody outside its list of respondents (the review
    of issue 10)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_combine import write_answers

    from civdata.inputs import load_rubric_spec

    write_answers(load_rubric_spec("civil-society-data-readiness"), tmp_path / "people", 30, 7)
    for index, path in enumerate(sorted((tmp_path / "people").glob("*.yaml"))):
        if index % 2:
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"(?ms)^answers:.*", "answers:\n", text), encoding="utf-8")
    done = run("report", "people", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = re.sub(r"\s+", " ", (tmp_path / "r.md").read_text(encoding="utf-8"))
    start = text.index("Answered nothing:")
    line = text[start : text.index(" - ", start)]
    assert re.match(r"Answered nothing: 15 respondents \([^)]*\) answer no question\.", line), line
    assert "Respondent " not in line


def test_check_uses_the_rubric_of_the_version_each_round_was_answered_for(tmp_path: Path) -> None:
    """A repository kept each round in a folder and the rubric of each version beside the newest;
    civdata check chose among files of one id by folder only, refused every earlier round, and
    advised giving the rubrics different ids, which the docs forbid once answers exist (the review
    of a rubric kept over two years)."""
    repo = tmp_path / "repo"
    (repo / "2026-10").mkdir(parents=True)
    (repo / "2027-01").mkdir()
    (repo / "rubric-1.0.0.yaml").write_text(EVOLVING, encoding="utf-8")
    newer = EVOLVING.replace('version: "1.0.0"', 'version: "1.1.0"').replace(
        "  - id: power\n    title: Power\n", "  - id: power\n    title: Power\n    weight: 3\n"
    )
    newer += 'changes:\n  - version: "1.1.0"\n    summary: Power weighs three times as much.\n'
    (repo / "rubric.yaml").write_text(newer, encoding="utf-8")
    (repo / "2026-10" / "lead.yaml").write_text(THEN.replace("VERSION", "1.0.0").replace("DATE", "2026-10-10"), "utf-8")
    (repo / "2027-01" / "lead.yaml").write_text(THEN.replace("VERSION", "1.1.0").replace("DATE", "2027-01-10"), "utf-8")
    done = run("check", "repo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (repo / "rubric-1.0.0.yaml").unlink()  # without the rubric of its version, the earlier round is told
    done = run("check", "repo", cwd=tmp_path)
    assert done.returncode == 2 and "repo/2026-10/lead.yaml:2:" in done.stderr, done.stderr


def test_an_answer_the_rubric_came_to_score_otherwise_unlisted_is_not_compared(tmp_path: Path) -> None:
    """A methodologist forgot to list a question in ``changes``: the same answer, scored 0.4 then
    and 0.1 now, read as the team getting worse and failed --fail-on-regression scores; an option
    renamed read as "1 answer changed" and a finding replaced. The baseline's JSON report records
    each answer's score: it is the record of what the answer meant then."""
    verbal = "          - {value: verbal, label: Verbal only, score: 0.4}\n"
    base = EVOLVING.replace(
        "          - {value: signed, label: Signed, score: 1}\n",
        verbal + "          - {value: signed, label: Signed, score: 1}\n",
    )
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    then = (
        THEN.replace("VERSION", "1.0.0").replace("DATE", "2026-10-10").replace("agreement: signed", "agreement: verbal")
    )
    (tmp_path / "then.yaml").write_text(then, encoding="utf-8")
    assert run("report", "then.yaml", "-r", "base.yaml", "-o", "then.json", "-q", cwd=tmp_path).returncode == 0
    entry = 'changes:\n  - version: "1.1.0"\n    summary: Wording.\n'
    newer = base.replace('version: "1.0.0"', 'version: "1.1.0"')
    cases = {
        "rescored": (newer.replace("score: 0.4", "score: 0.1") + entry, "verbal"),
        "renamed": (
            newer.replace("value: verbal, label: Verbal only", "value: informal, label: Verbal or informal") + entry,
            "informal",
        ),
    }
    for name, (rubric, answer) in cases.items():
        (tmp_path / f"{name}.yaml").write_text(rubric, encoding="utf-8")
        now = then.replace('"1.0.0"', '"1.1.0"').replace("2026-10-10", "2027-01-10").replace("verbal", answer)
        (tmp_path / f"now-{name}.yaml").write_text(now, encoding="utf-8")
        done = run(
            "report", f"now-{name}.yaml", "-r", f"{name}.yaml", "--baseline", "then.json",
            "--fail-on-regression", "scores", "--fail-on-regression", "medium", "-o", f"{name}.json", cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, (name, done.stderr)
        progress = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))["progress"]
        assert any(
            "this rubric scores the baseline's answers to 'agreement' otherwise, or no longer offers them" in line
            for line in progress["not_compared"]
        ), (name, progress["not_compared"])
        assert progress["answers"] == [] and progress["findings"]["replaced"] == [], name


def test_an_export_of_two_major_versions_is_imported_once_with_each_rubric(tmp_path: Path) -> None:
    """After a MAJOR version uploaded with KoboToolbox's "Replace form" (as the docs advise), the
    export holds the submissions of both versions, and neither rubric imported it: every row of the
    other version was a problem, and a problem anywhere means nothing is written (the review of a
    rubric kept over two years). Refused still by default (a newer version's row may mean civdata
    is out of date), the refusal names --other-versions-left-out, which imports each version alone."""
    (tmp_path / "v1.yaml").write_text(EVOLVING, encoding="utf-8")
    v2 = EVOLVING.replace('version: "1.0.0"', 'version: "2.0.0"').replace("min_score: 75,", "min_score: 80,")
    (tmp_path / "v2.yaml").write_text(v2 + 'changes:\n  - version: "2.0.0"\n    summary: Ready needs 80.\n', "utf-8")
    header = (
        "civdata__rubric;civdata__rubric_version;civdata__initiative;civdata__role;civdata__name;"
        "civdata__organisation;power/map;power/map__note;governance/agreement;governance/agreement__note;"
        "_id;_uuid;_submission_time;_status"
    )
    rows = [
        "mini;1.0.0;Eastside pool;lead;Amina Yusuf;Tenants union;informal;;signed;;100001;"
        "00000000-0000-0000-0000-000000000001;2026-12-20T09:40:00;submitted_via_web",
        "mini;2.0.0;Eastside pool;lead;Lee Park;Youth club;written;;signed;;100002;"
        "00000000-0000-0000-0000-000000000002;2027-01-12T09:40:00;submitted_via_web",
        "mini;2.0.0;Eastside pool;lead;Sam Ortiz;Library;none;;signed;;100003;"
        "00000000-0000-0000-0000-000000000003;2027-01-13T09:40:00;submitted_via_web",
    ]
    (tmp_path / "mixed.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    for rubric, kept, left_out in (("v2.yaml", 2, "row 2"), ("v1.yaml", 1, "rows 3 and 4")):
        out = tmp_path / f"out-{rubric[:2]}"
        refused = run("import", "mixed.csv", "-r", rubric, "-o", out.name, cwd=tmp_path)
        assert refused.returncode == 2 and "or leave it out with --other-versions-left-out" in refused.stderr
        done = run("import", "mixed.csv", "-r", rubric, "-o", out.name, "--other-versions-left-out", cwd=tmp_path)
        assert done.returncode == 0, (rubric, done.stderr)
        assert len(list(out.glob("*.yaml"))) == kept, rubric
        assert f"of that version ({left_out}) " in done.stderr and "left out of this import" in done.stderr, done.stderr
    only_old = "\n".join([header, rows[0]]) + "\n"
    (tmp_path / "old.csv").write_text(only_old, encoding="utf-8")
    done = run("import", "old.csv", "-r", "v2.yaml", "-o", "none", "--other-versions-left-out", cwd=tmp_path)
    assert done.returncode == 2 and "a MAJOR version the rubric given (2.0.0) cannot take answers from" in done.stderr
    assert not (tmp_path / "none").exists()


def test_one_respondent_who_stated_no_role_among_many_is_an_outlier_not_a_role(tmp_path: Path) -> None:
    """One respondent who left the role blank, among 49 leads, raised a HIGH disagreement and an
    action to bring "Role not stated" together with the leads; the same person with the role
    filled in raised nothing (the review of issue 10: a single outlier among 50 never raises one)."""
    lead = (ROOT / "examples" / "county-justice" / "lead.yaml").read_text(encoding="utf-8")
    for name, role in (("with-role", "lead"), ("without-role", '""')):
        folder = tmp_path / name
        folder.mkdir()
        for index in range(50):
            text = re.sub(r"(?m)^  name: .*$", f"  name: Person {index}", lead, count=1)
            text = re.sub(r"(?m)^  organisation: .*$", f"  organisation: Org {index}", text, count=1)
            if index == 49:
                text = re.sub(r"(?m)^  role: .*$", f"  role: {role}", text, count=1)
                text, count = re.subn(r"(\n  partner-count:\n    value: )\S+", r"\g<1>one", text)
                assert count == 1
            (folder / f"p{index:02d}.yaml").write_text(text, encoding="utf-8")
        done = run("report", name, "-o", f"{name}.json", "-q", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        report = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert "divergence:partner-count" not in [finding["id"] for finding in report["findings"]], name


def test_check_says_to_add_the_rubric_of_the_version_the_answers_name(tmp_path: Path) -> None:
    """With the rubric files of 1.0.0 and 1.1.0 side by side, answers made for 0.9.0 were told to
    give the rubrics different ids, which the docs forbid once answers exist (the review of the
    day's changes)."""
    repo = tmp_path / "repo"
    (repo / "2026").mkdir(parents=True)
    (repo / "rubric-1.0.0.yaml").write_text(EVOLVING, encoding="utf-8")
    newer = EVOLVING.replace('version: "1.0.0"', 'version: "1.1.0"')
    (repo / "rubric.yaml").write_text(newer + 'changes:\n  - version: "1.1.0"\n    summary: Wording.\n', "utf-8")
    (repo / "2026" / "lead.yaml").write_text(THEN.replace("VERSION", "0.9.0").replace("DATE", "2026-01-10"), "utf-8")
    done = run("check", "repo", cwd=tmp_path)
    assert done.returncode == 2
    assert "these answers are for version 0.9.0 of 'mini', and no rubric file checked here is of that version" in (
        done.stderr
    )
    assert "add the rubric file of version 0.9.0 beside the others" in done.stderr
    assert "give the rubrics different ids" not in done.stderr


def test_a_combined_baseline_without_detail_of_another_rubric_file_says_what_it_cannot_tell(tmp_path: Path) -> None:
    """A combined baseline written without --detail holds no answers: an answer a newer rubric
    scores otherwise without listing it in changes read as a regression with no word of why (the
    review of the day's changes). The comparison now says it cannot tell, and how to keep baselines."""
    (tmp_path / "base.yaml").write_text(EVOLVING, encoding="utf-8")
    team = tmp_path / "then"
    team.mkdir()
    for name in ("Dana Okafor", "Lee Park"):
        text = THEN.replace("VERSION", "1.0.0").replace("DATE", "2026-10-10").replace("Dana Okafor", name)
        (team / f"{name.split()[0].lower()}.yaml").write_text(text, encoding="utf-8")
    assert run("report", "then", "-r", "base.yaml", "-o", "then.json", "-q", cwd=tmp_path).returncode == 0
    newer = EVOLVING.replace('version: "1.0.0"', 'version: "1.1.0"').replace("score: 0.5", "score: 0.2")
    (tmp_path / "new.yaml").write_text(newer + 'changes:\n  - version: "1.1.0"\n    summary: Wording.\n', "utf-8")
    now = tmp_path / "now"
    now.mkdir()
    for path in team.iterdir():
        text = path.read_text(encoding="utf-8").replace('"1.0.0"', '"1.1.0"').replace("2026-10-10", "2027-01-10")
        (now / path.name).write_text(text, encoding="utf-8")
    done = run("report", "now", "-r", "new.yaml", "--baseline", "then.json", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "The baseline is a combined report written without --detail, made with another rubric file" in done.stderr
