"""Fixes of the session of 2026-11-29 (seventh): each test was written before its fix and seen to fail."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from civdata.inputs import load_rubric_spec
from tests.conftest import ROOT
from tests.test_ci_review_1129 import run

RUBRIC_ID = "civil-society-data-readiness"
AREA = "funding-and-lifecycle"


def _people_leaving_an_area_blank(folder: Path) -> None:
    """Seven people in each of the six roles; every funder but one, and one lead, leave every
    question of :data:`AREA` blank."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_combine import write_answers

    rubric = load_rubric_spec(RUBRIC_ID)
    write_answers(rubric, folder, 42, 3)
    in_area = {question.id for area in rubric.areas if area.id == AREA for question in area.questions}
    blanked = {"funder": 6, "lead": 1}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        role = data["respondent"]["role"]
        if blanked.get(role, 0) > 0:
            blanked[role] -= 1
            data["answers"] = {key: value for key, value in data["answers"].items() if key not in in_area}
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert blanked == {"funder": 0, "lead": 0}


def test_a_role_spread_says_how_many_it_rests_on_and_is_not_given_for_a_handful(tmp_path: Path) -> None:
    """A role of seven whose area score rests on one member's showed ``27.1 (27.1-27.1)``, read as
    seven people in tight agreement (the review of the seal). The spread is given where more than a
    handful scored, with how many of the role when not all; otherwise only how many scored."""
    _people_leaving_an_area_blank(tmp_path / "people")
    area_title = next(area.title for area in load_rubric_spec(RUBRIC_ID).areas if area.id == AREA)
    markdown = run("report", "people", "-o", "r.md", cwd=tmp_path)
    assert markdown.returncode == 0, markdown.stderr
    section = (tmp_path / "r.md").read_text(encoding="utf-8").split("## Spread of scores within each role")[1]
    row = next(line for line in section.splitlines() if line.startswith(f"| {area_title}"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    header = next(line for line in section.splitlines() if line.startswith("| Area |"))
    roles = [cell.strip() for cell in header.strip("|").split("|")][1:]
    by_role = dict(zip(roles, cells[1:], strict=True))
    assert by_role["*Funder* (7)"] == "1 of 7 scored", row
    assert re.fullmatch(r"[\d.]+ \([\d.]+-[\d.]+\), 6 of 7", by_role["*Lead organisation* (7)"]), row
    assert re.fullmatch(r"[\d.]+ \([\d.]+-[\d.]+\)", by_role["*Partner organisation* (7)"]), row
    assert "how many do" in section.split("|")[0], section[:400]
    text = run("report", "people", "-f", "text", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    area_row = max(index for index, line in enumerate(lines) if line.startswith(area_title))
    funder = lines[area_row + 1]
    assert funder.strip().startswith("Funder (7)") and funder.rstrip().endswith("1 of 7 scored"), lines
    html = run("report", "people", "-o", "r.html", cwd=tmp_path)
    assert html.returncode == 0 and ">1 of 7 scored</td>" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_broken_seal_is_placed_at_its_line_even_where_yaml_cannot_read_the_report(tmp_path: Path) -> None:
    """A sealed report edited to hold a lone surrogate escape (``"\\ud800"``, which JSON reads and
    YAML refuses) was refused without a line and column: the seal was placed by reading the file
    again as YAML (the review of the seal). It is placed where JSON has it, as every other edit is."""
    answers = ROOT / "examples" / "county-justice" / "lead.yaml"
    made = run("report", str(answers), "-o", "then.json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "then.json").read_text(encoding="utf-8")
    edited = text.replace('{\n  "report_format"', '{\n  "x_extra": "\\ud800",\n  "report_format"', 1)
    assert edited != text
    (tmp_path / "then.json").write_text(edited, encoding="utf-8")
    seal_line = next(number for number, line in enumerate(edited.splitlines(), 1) if '"content_sha256"' in line)
    compared = run("report", str(answers), "--baseline", "then.json", "-o", "now.md", cwd=tmp_path)
    assert compared.returncode == 2, compared.stderr
    assert f"then.json:{seal_line}:21: the report's content is not what civdata wrote" in compared.stderr, (
        compared.stderr
    )
    assert not (tmp_path / "now.md").exists()


LEAD = ROOT / "examples" / "county-justice" / "lead.yaml"


def test_a_csv_plan_is_never_written_over_a_file_that_is_not_a_plan(tmp_path: Path) -> None:
    """``--plan NAME.csv`` replaced whatever NAME.csv was, through a link to an answers file, or a
    submissions export itself (the review of CI use): a YAML plan was already refused over a file
    that is not a plan, and a CSV plan now is too, whatever the link leads to."""
    (tmp_path / "assessment").mkdir()
    answers = tmp_path / "assessment" / "lead.yaml"
    answers.write_bytes(LEAD.read_bytes())
    (tmp_path / "plan.csv").symlink_to(answers)
    export = ROOT / "examples" / "community-consultation" / "submissions.csv"
    (tmp_path / "submissions.csv").write_bytes(export.read_bytes())
    for plan in ("plan.csv", "submissions.csv"):
        done = run("report", str(LEAD), "-o", "r.md", "--plan", plan, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert f"--plan {plan}: this CSV file is not an action plan civdata wrote" in done.stderr, done.stderr
        assert not (tmp_path / "r.md").exists()
    assert answers.read_bytes() == LEAD.read_bytes()
    assert (tmp_path / "submissions.csv").read_bytes() == export.read_bytes()


def test_a_plan_the_team_has_ticked_is_not_written_over(tmp_path: Path) -> None:
    """Writing ``--plan plan.yaml`` again threw away the actions the team had marked done and the
    owners and dates it had set, without a word (the review of CI use). A plan that holds nothing
    a person set is still written again, as CI does at every run."""
    for name in ("plan.yaml", "plan.csv"):
        first = run("report", str(LEAD), "-o", "r.md", "--plan", name, cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        again = run("report", str(LEAD), "-o", "r.md", "--plan", name, cwd=tmp_path)
        assert again.returncode == 0, again.stderr  # nothing set by a person: written again
        plan = tmp_path / name
        text = plan.read_text(encoding="utf-8")
        if name.endswith(".yaml"):
            ticked = text.replace("    done: false", "    done: true", 1)
        else:
            ticked = re.sub(r",false\r?\n", ",true\n", text, count=1)
        assert ticked != text
        plan.write_text(ticked, encoding="utf-8")
        refused = run("report", str(LEAD), "-o", "r2.md", "--plan", name, cwd=tmp_path)
        assert refused.returncode == 2, refused.stderr
        assert f"--plan {name}: 1 action in this plan is marked done" in refused.stderr, refused.stderr
        assert plan.read_text(encoding="utf-8") == ticked and not (tmp_path / "r2.md").exists()
    assert run("report", str(LEAD), "-o", "r.md", "--plan", "owned.yaml", cwd=tmp_path).returncode == 0
    refused = _set_in_plan(tmp_path / "owned.yaml", "owner", "Dana", "r2.md")
    assert refused.returncode == 2 and "an owner or date your team set" in refused.stderr, refused.stderr


def _set_in_plan(plan: Path, key: str, value: str, report: str) -> subprocess.CompletedProcess[str]:
    """The first action's ``key`` of a YAML plan set to ``value`` by hand, then the report on
    :data:`LEAD` written again with that plan as ``--plan`` (the report to ``report``)."""
    text = plan.read_text(encoding="utf-8")
    edited = re.sub(rf"(?m)^    {key}: .*$", f"    {key}: {value}", text, count=1)
    assert edited != text
    plan.write_text(edited, encoding="utf-8")
    return run("report", str(LEAD), "-o", report, "--plan", plan.name, cwd=plan.parent)


def test_an_empty_path_is_refused_not_read_as_the_current_folder(tmp_path: Path) -> None:
    """``civdata report "$DIR" --fail-on critical`` with DIR unset reported on whatever answers files
    were in the current folder, and could pass its gate; ``check ""`` walked the whole tree (the
    review of CI use). Every path civdata is given, as an argument or an option, may not be empty."""
    (tmp_path / "lead.yaml").write_bytes(LEAD.read_bytes())
    for args in (
        ("report", "", "--fail-on", "critical", "-o", "r.md"),
        ("check", ""),
        ("report", "lead.yaml", "-o", ""),
        ("report", "lead.yaml", "--baseline", "", "-o", "r.md"),
        ("report", "lead.yaml", "--rubric=", "-o", "r.md"),
        ("template", "--from", "", "-o", "t.yaml"),
        # commands inside a command (the review of the fix: the bundled rubric's form was exported)
        ("export", "xlsform", "-r", "", "-o", "form.xlsx"),
        ("rubric", "docs", "-r", "", "-o", "docs.md"),
        ("rubric", "validate", ""),
    ):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "an empty path" in done.stderr, (args, done.stderr)
        assert sorted(path.name for path in tmp_path.iterdir()) == ["lead.yaml"], args


def test_check_reads_answers_saved_as_json_as_report_does(tmp_path: Path) -> None:
    """``civdata report bad.json`` refused a wrong answer at its place, and ``civdata check
    bad.json`` said "0 files checked, no problems", exit 0 (the review of CI use). A JSON file
    named to check is checked as answers when it is answers; a JSON report is still left out."""
    import json

    data = yaml.safe_load(LEAD.read_text(encoding="utf-8"))
    (tmp_path / "good.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    data["answers"]["people-at-risk"] = {"value": "perhaps"}
    (tmp_path / "bad.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    reported = run("report", "bad.json", "-o", "r.md", cwd=tmp_path)
    assert reported.returncode == 2 and "'perhaps' is not an answer to 'people-at-risk'" in reported.stderr
    located = reported.stderr.split(": ", 1)[0]
    checked = run("check", "bad.json", cwd=tmp_path)
    assert checked.returncode == 2, checked.stderr
    assert f"{located}: 'perhaps' is not an answer to 'people-at-risk'" in checked.stderr, checked.stderr
    good = run("check", "good.json", cwd=tmp_path)
    assert good.returncode == 0 and "1 file checked, no problems" in good.stdout + good.stderr, good
    made = run("report", str(LEAD), "-o", "report.json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    report = run("check", "report.json", "good.json", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "skipped report.json: a JSON report civdata wrote, not answers" in report.stderr, report.stderr


def test_a_gate_says_its_threshold_as_given(tmp_path: Path) -> None:
    """``--fail-under 55.50001`` failed with "overall score 55.5 is below 55.5", and the JSON
    report recorded a threshold of 55.5: thresholds were rounded to six digits (the review of CI
    use). A number from the command line is said with every digit it has."""
    import json

    gates = ("--fail-under", "55.50001", "--min-coverage", "12.345678")
    done = run("report", str(LEAD), "-o", "r.json", *gates, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "overall score 55.5 is below 55.50001" in done.stderr, done.stderr
    written = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    checks = {check["gate"]: check["threshold"] for check in written["gates"]["checks"]}
    assert checks["--fail-under"] == "55.50001" and checks["--min-coverage"] == "12.345678", checks


def test_a_link_to_no_file_is_told_so_not_suggested_its_own_name(tmp_path: Path) -> None:
    """``check team/dangling.yaml``, a link to a file that is gone, said "no such file or folder;
    did you mean 'dangling.yaml'?", the name typed (the review of CI use)."""
    (tmp_path / "dangling.yaml").symlink_to("nowhere.yaml")
    for args in (("check", "dangling.yaml"), ("report", "dangling.yaml", "-o", "r.md")):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert "dangling.yaml: a link to nowhere.yaml, where there is no file" in done.stderr, done.stderr
        assert "did you mean" not in done.stderr, done.stderr


def test_ci_locations_name_the_file_a_link_leads_to(tmp_path: Path) -> None:
    """Annotations, SARIF and Code Quality named ``latest/lead.yaml`` where ``latest`` is a link to
    a folder, a path git keeps as a link with no line 79; a link out of the repository got none of
    the warning the same file by its own path gets (the review of CI use)."""
    import json
    import os

    repo, outside = tmp_path / "repo", tmp_path / "elsewhere"
    (repo / "assessment").mkdir(parents=True)
    outside.mkdir()
    (repo / "assessment" / "lead.yaml").write_bytes(LEAD.read_bytes())
    (outside / "lead.yaml").write_bytes(LEAD.read_bytes())
    (repo / "latest").symlink_to("assessment")
    (repo / "ext").symlink_to(outside)
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(repo)}
    env.pop("GITHUB_STEP_SUMMARY", None)
    command = [sys.executable, "-m", "civdata", "report"]
    linked = subprocess.run(
        [*command, "latest/lead.yaml", "--fail-on", "critical", "-o", "r.sarif"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "file=assessment/lead.yaml," in linked.stderr and "file=latest/" not in linked.stderr, linked.stderr
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for run_ in json.loads((repo / "r.sarif").read_text(encoding="utf-8"))["runs"]
        for result in run_["results"]
        for location in result.get("locations", ())
    }
    assert uris == {"assessment/lead.yaml"}, uris
    out = subprocess.run(
        [*command, "ext/lead.yaml", "-o", "e.sarif"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert "is outside that folder" in out.stderr, out.stderr


def test_code_quality_gives_a_file_name_that_is_not_utf8_as_unicode(tmp_path: Path) -> None:
    """A file name that is not UTF-8 made Code Quality's ``path`` hold ``\\udcff``, which a strict
    JSON reader refuses; SARIF percent-encoded it (the review of CI use)."""
    import json
    import os

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"l\xffe.yaml"), "wb") as written:
        written.write(LEAD.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "civdata", "report", ".", "-f", "codequality", "-o", "cq.json"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    raw = (tmp_path / "cq.json").read_bytes()
    raw.decode("utf-8")  # strict
    paths = {issue["location"]["path"] for issue in json.loads(raw)}
    assert paths == {"l\ufffde.yaml"}, paths
    assert b"\\udcff" not in raw


def test_a_huge_whole_number_is_said_without_its_binary_noise() -> None:
    """A rubric's weight of 1e15 times a million points printed "1000001999999999934464", digits
    past the 16th that are the float's binary noise, as if exact (the review of rubric authoring)."""
    from civdata.render.common import number
    from civdata.wording import number_words

    huge = 1_000_000 * 1e15 + 2e15
    assert str(int(huge)) == "1000001999999999934464"
    assert number(huge) == number_words(huge) == "1000002000000000000000"
    assert number(62.5) == "62.5" and number(3.0) == "3" and number_words(2.0**53) == "9007199254740992"
    assert number_words(123456789012345678) == "123456789012345678"  # an int is exact


def test_rubric_validate_takes_a_bundled_rubric_by_its_id(tmp_path: Path) -> None:
    """Every command takes a bundled rubric's id; ``rubric validate civil-society-data-readiness``
    said "no such file or folder" (the review of rubric authoring). A file of that name still wins."""
    done = run("rubric", "validate", RUBRIC_ID, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"bundled: {RUBRIC_ID}.yaml: ok ({RUBRIC_ID} "), done.stdout
    (tmp_path / RUBRIC_ID).write_text("format: 1\n", encoding="utf-8")
    own = run("rubric", "validate", RUBRIC_ID, cwd=tmp_path)
    assert own.returncode == 2 and own.stderr.startswith(f"{RUBRIC_ID}:"), own.stderr


def test_a_score_test_written_as_a_share_is_refused(tmp_path: Path) -> None:
    """``{score: a, lt: 0.4}`` in a rule holds only below 0.4%, so the rule never raised its
    finding; a band's bounds written so were refused, a score test was not. 0 is kept."""
    from tests.test_fixes_options import HEAD, STEPS

    rubric = (
        HEAD
        + STEPS
        + (
            "rules:\n"
            "  - id: low-a\n"
            "    when: {score: a, lt: 0.4}\n"
            "    finding: {severity: high, title: Area a is low, recommendation: Look at it this month.}\n"
            "  - id: any-a\n"
            "    when: {score: a, gt: 0}\n"
            "    finding: {severity: info, title: Area a scores, recommendation: Keep it up this year.}\n"
            "verdicts:\n"
            "  - {id: ok, label: OK, min_score: 50}\n"
            "  - {id: bad, label: Bad}\n"
        )
    )
    (tmp_path / "r.yaml").write_text(rubric, encoding="utf-8")
    line = rubric.splitlines().index("    when: {score: a, lt: 0.4}") + 1
    done = run("rubric", "validate", "r.yaml", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(
        f"r.yaml:{line}:26: a score test's lt: 0.4 is a percentage from 0 to 100, not a share: did you mean lt: 40?"
    ), done.stderr
    assert done.stderr.count("r.yaml:") == 1, done.stderr  # gt: 0 is 0 either way


def test_an_option_value_mixing_look_alike_scripts_in_a_word_is_refused(tmp_path: Path) -> None:
    """``fuІl`` (a Cyrillic І) beside ``full`` was a second option that looks the same: an answer
    typed ``full`` scored as one or the other by bytes nobody sees (the review of today's fixes).
    Words of different scripts side by side, and a word in one script, are fine."""
    from tests.test_fixes_options import HEAD, PLACE, VERDICTS

    options = (
        "          - {value: full, label: Full, score: 1}\n"
        "          - {value: fu\u0406l, label: Fully, score: 0}\n"
        "          - {value: \u043f\u043e\u043b\u043d\u044b\u0439 full, label: Both, score: 0.5}\n"
        "          - {value: \u03c0\u03bb\u03ae\u03c1\u03b7\u03c2, label: Greek, score: 0.5}\n"
    )
    rubric = HEAD + PLACE.replace("OPTIONS\n", options) + VERDICTS
    (tmp_path / "r.yaml").write_text(rubric, encoding="utf-8")
    line = next(number for number, text in enumerate(rubric.splitlines(), 1) if "fu\u0406l" in text)
    done = run("rubric", "validate", "r.yaml", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(
        f"r.yaml:{line}:21: option value 'fu\u0406l' of question 'place' mixes Latin and Cyrillic letters in one word "
        "('fu\u0406l': U+0406 CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I), which look alike"
    ), done.stderr
    assert done.stderr.count("r.yaml:") == 1, done.stderr


def test_a_history_names_the_areas_of_a_report_that_the_rubric_no_longer_has(tmp_path: Path) -> None:
    """A report made before an area was renamed had its old area's scores dropped from the history
    with only "not in the rubric version ..." beside the new one; its old name was said nowhere."""
    text = (ROOT / "rubrics" / f"{RUBRIC_ID}.yaml").read_text(encoding="utf-8")
    renamed = text.replace("id: funding-and-lifecycle", "id: sustainability").replace(
        "version: 1.2.3\nlanguage", "version: 1.2.4\nlanguage", 1
    )
    renamed = renamed.replace(
        "changes:\n", "changes:\n  - version: 1.2.4\n    summary: The funding area is renamed.\n", 1
    )
    assert "funding-and-lifecycle" not in renamed
    (tmp_path / "r2.yaml").write_text(renamed, encoding="utf-8")
    later = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
    (tmp_path / "later.yaml").write_text(
        later.read_text(encoding="utf-8").replace('version: "1.2.3"', 'version: "1.2.4"'), encoding="utf-8"
    )
    assert run("report", str(LEAD), "-o", "then.json", cwd=tmp_path).returncode == 0
    now = run("report", "later.yaml", "--rubric", "r2.yaml", "-o", "now.json", cwd=tmp_path)
    assert now.returncode == 0, now.stderr
    done = run("history", "then.json", "now.json", "--rubric", "r2.yaml", "-o", "h.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    said = re.sub(r"\s+", " ", (tmp_path / "h.md").read_text(encoding="utf-8"))
    assert (
        "then.json has scores for 'funding-and-lifecycle', an area rubric 1.2.4 does not have (renamed or removed "
        "since?), so they are not shown"
    ) in said, said


def test_a_template_from_an_earlier_file_says_its_date_is_the_earlier_ones(tmp_path: Path) -> None:
    """``template --from`` keeps the earlier file's date (right for an upgrade to a new rubric
    version), and nothing said so: answers given again kept the old day, and a comparison with
    the earlier report took them for that day's."""
    done = run("template", "--from", str(LEAD), "-o", "new.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    before_date = re.sub(r"\s*#\s*", " ", text.split('\ndate: "2026-10-14"')[0].rsplit("organisation:", 1)[1])
    assert "Kept from the earlier file: write the date of your new answers if you answer again" in before_date
    fresh = run("template", "-o", "fresh.yaml", cwd=tmp_path)
    assert fresh.returncode == 0 and "Kept from the earlier file" not in (tmp_path / "fresh.yaml").read_text()


LATER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"


def test_a_plan_that_cannot_be_read_back_is_told_not_written_over(tmp_path: Path) -> None:
    """A plan a person edited so that it no longer reads (a date as a spreadsheet saves it, a
    colon in a YAML value) was taken for an empty plan and written over, its ticks lost, exit 0
    (the review of the fix). Refused, with the reader's problems at their places."""
    import csv

    assert run("report", str(LEAD), "-o", "r.md", "--plan", "plan.csv", cwd=tmp_path).returncode == 0
    plan = tmp_path / "plan.csv"
    with plan.open(newline="", encoding="utf-8") as opened:
        rows = list(csv.reader(opened))
    header = rows[0]
    rows[1][header.index("done")] = "TRUE"
    rows[2][header.index("act_by")] = "31/03/2027"
    with plan.open("w", newline="", encoding="utf-8") as opened:
        csv.writer(opened).writerows(rows)
    kept = plan.read_bytes()
    done = run("report", str(LEAD), "-o", "r2.md", "--plan", "plan.csv", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "plan.csv:3:5: `act_by` is '31/03/2027'" in done.stderr, done.stderr
    assert "--plan: plan.csv cannot be read back" in done.stderr, done.stderr
    assert plan.read_bytes() == kept and not (tmp_path / "r2.md").exists()


def test_a_csv_of_ones_own_with_id_and_done_columns_is_not_taken_for_a_plan(tmp_path: Path) -> None:
    """``--plan tasks.csv`` replaced a team's own task list (``id,task,assignee,done``): an ``id``
    and a ``done`` column made it a plan (the review of the fix)."""
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("id,task,assignee,done\n1,Book the venue,Ana,no\n", encoding="utf-8")
    done = run("report", str(LEAD), "-o", "r.md", "--plan", "tasks.csv", cwd=tmp_path)
    assert done.returncode == 2 and "this CSV file is not an action plan civdata wrote" in done.stderr, done.stderr
    assert tasks.read_text(encoding="utf-8").startswith("id,task,assignee,done")


def test_a_plan_nobody_touched_is_written_again_when_the_answers_change(tmp_path: Path) -> None:
    """civdata works out each action's owner and date from the answers: a plan nobody touched was
    refused as holding "an owner or date your team set" once the answers changed (the review of
    the fix). Only values civdata never writes (a person's name, a day) count as set by a person."""
    assert run("report", str(LEAD), "-o", "r.md", "--plan", "plan.yaml", cwd=tmp_path).returncode == 0
    again = run("report", str(LATER), "-o", "r.md", "--plan", "plan.yaml", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    refused = _set_in_plan(tmp_path / "plan.yaml", "act_by", "2027-03-31", "r.md")
    assert refused.returncode == 2 and "1 action has an owner or date your team set" in refused.stderr, refused.stderr


def test_a_usage_error_told_to_a_reader_that_left_exits_2(tmp_path: Path) -> None:
    """A mistake on the command line that the option parser finds, written to a standard error
    whose reader had gone (``2>&1 | true``), exited 3, "a bug in civdata" (the review of the fix:
    ``-o ""`` became one of them). It exits 2, as a problem in a file told so does."""
    for args in (("-o", ""), ("--fail-on", "critica")):
        child = subprocess.Popen(
            [sys.executable, "-m", "civdata", "report", str(LEAD), *args],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert child.stderr is not None
        child.stderr.close()  # the reader leaves before civdata says anything
        assert child.wait(timeout=60) == 2, args


def test_check_refuses_an_emptied_json_answers_file_as_report_does(tmp_path: Path) -> None:
    """An emptied ``.json`` named to ``check`` was skipped, "no problems", exit 0, where ``report``
    refuses it (the review of the fix); an emptied ``.yaml`` beside answers is checked."""
    (tmp_path / "lead.json").write_text("", encoding="utf-8")
    assert run("report", "lead.json", "-o", "r.md", cwd=tmp_path).returncode == 2
    done = run("check", "lead.json", cwd=tmp_path)
    assert done.returncode == 2 and "lead.json" in done.stderr, (done.stdout, done.stderr)


def test_a_verdict_band_on_a_closed_follow_up_left_unanswered_is_refused(tmp_path: Path) -> None:
    """The check of rules that read a closed follow-up as unanswered did not look at verdicts: a
    band ``when: {question: biometric-sharing, answered: false}`` gave "no biometrics" at 100/100
    the band meant for those who left it blank (the review of the fix)."""
    from tests.test_fixes_followups import BIO

    head = BIO.split("rules:")[0]
    bands = (
        "verdicts:\n"
        "  - {id: ok, label: OK, min_score: 50, max_severity: medium, "
        "when: {not: {question: biometric-sharing, answered: false}}}\n"
        "  - {id: provisional, label: Provisional, min_score: 50, "
        "when: {question: biometric-sharing, answered: false}}\n"
        "  - {id: bad, label: Bad}\n"
    )
    (tmp_path / "bio.yaml").write_text(head + bands, encoding="utf-8")
    line = (head + bands).splitlines().index(next(text for text in bands.splitlines() if "provisional" in text)) + 1
    done = run("rubric", "validate", "bio.yaml", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert (
        f"bio.yaml:{line}:" in done.stderr
        and "verdict 'provisional' tests whether 'biometric-sharing' was left" in (done.stderr)
    ), done.stderr
    assert "so the verdict gives its band for that answer too" in done.stderr, done.stderr
