"""civdata in CI as GitHub and GitLab see it: annotations, the job summary, SARIF, Code Quality, the Action.

GitHub and GitLab cannot run here, so their side is played by what they publish: workflow
commands are parsed as the Actions runner parses them (``parse_command``, after the runner's
``ActionCommand.TryParseV2``), SARIF and Code Quality files are validated against the schemas
GitHub's and GitLab's formats publish (``tests/data/schemas``, with their sources), and the Action
and the documented workflow and GitLab job against GitHub's and GitLab's schemas as
check-jsonschema vendors them. Every run is a real subprocess on real files; hostile text from
``tests/payloads.py`` goes into every value and every file name.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft4Validator, Draft7Validator

from civdata.annotations import CODE_QUALITY_SEVERITIES, SARIF_LEVELS, workflow_command
from civdata.escape import terminal_text, visible_text
from civdata.inputs import load_answer_sets
from civdata.model import Severity
from civdata.reporting import build_report
from civdata.yamlsource import parse_yaml
from tests.conftest import MINI_RUBRIC, ROOT, civdata_command, unwrapped
from tests.payloads import PAYLOADS, assert_log_lines_safe, assert_markdown_safe, benign, generated, raw_invisible
from tests.platform_schemas import check_jsonschema
from tests.test_output_safety import write_inputs

SCHEMAS = ROOT / "tests" / "data" / "schemas"
EXAMPLE = ROOT / "examples" / "county-justice"
LEAD = "examples/county-justice/lead.yaml"
TEAM = [f"examples/county-justice/{name}.yaml" for name in ("lead", "community", "funder")]
ANNOTATION_LEVELS = {"error", "warning", "notice"}


# --- The runner's side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    name: str
    properties: dict[str, str]
    message: str


def _unescape(text: str, mappings: tuple[tuple[str, str], ...]) -> str:
    for token, replacement in mappings:
        text = text.replace(replacement, token)
    return text


_DATA = (("\r", "%0D"), ("\n", "%0A"), ("%", "%25"))
_PROPERTY = (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25"))


def parse_command(line: str) -> Command | None:
    """A log line as the GitHub Actions runner reads it (``ActionCommand.TryParseV2``): a command
    when, after leading spaces, it starts with ``::`` and has a second ``::``."""
    trimmed = line.lstrip()
    if not trimmed.startswith("::"):
        return None
    end = trimmed.find("::", 2)
    if end < 0:
        return None
    info, data = trimmed[2:end], trimmed[end + 2 :]
    name, _, listed = info.partition(" ")
    properties = {}
    for pair in filter(None, listed.split(",")):
        key, equals, value = pair.partition("=")
        if equals:
            properties[key] = _unescape(value, _PROPERTY)
    return Command(name, properties, _unescape(data, _DATA))


def path_shown(name: str) -> str:
    """A file's name as ``file=`` decodes to: as it is, line breaks included (the runner decodes
    them), but each control or invisible character spelled out, as everywhere a person reads."""
    shown = "".join(
        part if part in "\r\n" else visible_text(part, multiline=False) for part in re.split("([\r\n])", name)
    )
    return shown.replace("##[", "#\\x23[")  # see test_any_value_is_one_message_or_one_property


def commands_in(stderr: str) -> list[Command]:
    """Every workflow command in ``stderr``; every other line is a plain one that runs nothing."""
    found = []
    for line in stderr.splitlines():
        command = parse_command(line)
        if command is None:
            assert_log_lines_safe(line + "\n")
            continue
        assert command.name in ANNOTATION_LEVELS, line
        assert set(command.properties) <= {"file", "line", "col", "title"}, line
        assert not raw_invisible(line, allowed="\t"), line
        found.append(command)
    return found


# --- Running civdata -----------------------------------------------------------------------------


def run(
    *args: object, expect: int = 0, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    environment = {"SOURCE_DATE_EPOCH": "1793836800", "PATH": os.environ.get("PATH", ""), "PYTHONUTF8": "1"}
    environment["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [*civdata_command(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment | (env or {}),
        cwd=cwd,
        check=False,
        timeout=120,
    )
    assert result.returncode == expect, result.stderr
    return result


GITHUB = {"GITHUB_ACTIONS": "true"}


def report_model(*paths: str, **options: Any):
    rubric, sets = load_answer_sets([ROOT / path for path in paths], None)
    return build_report(rubric, sets, **options).model


def line_at(path: str | Path, line: int) -> str:
    return (ROOT / path).read_text(encoding="utf-8").splitlines()[line - 1]


# --- Annotations ---------------------------------------------------------------------------------


def test_every_finding_is_an_annotation_at_the_answer_that_raised_it() -> None:
    result = run("report", LEAD, "-o", "/dev/null", env=GITHUB)
    commands = commands_in(result.stderr)
    findings = report_model(LEAD).findings
    assert len(commands) == len(findings) > 20
    question_ids = set(yaml.safe_load((ROOT / LEAD).read_text(encoding="utf-8"))["answers"])
    for command, finding in zip(commands, findings, strict=True):
        assert command.properties["file"] == LEAD
        entry = line_at(LEAD, int(command.properties["line"]))[int(command.properties["col"]) - 1 :]
        key = entry.split(":")[0]
        assert key in question_ids, entry
        if finding.source.question_id is not None:
            assert key == finding.source.question_id
        assert command.name == {"critical": "error", "high": "error", "medium": "warning"}.get(
            finding.severity.value, "notice"
        )
        assert command.properties["title"] == f"{finding.severity.value}: {finding.title}"
        assert command.message == f"{finding.title}\n{finding.recommendation}"


def test_a_rule_points_at_the_first_answer_that_makes_it_hold() -> None:
    finding = next(f for f in report_model(LEAD).findings if f.id == "rule:short-funding-no-end-plan")
    assert finding.location is not None
    # when: all of funded-months, not authority-access, any of end-of-life or after-funding; the
    # first of these the rubric asks is funded-months.
    assert line_at(LEAD, finding.location.line).strip().split(":")[0] == "funded-months"


def test_a_fail_on_gate_makes_what_fails_it_errors_and_nothing_else() -> None:
    result = run("report", LEAD, "-o", "/dev/null", "--fail-on", "medium", env=GITHUB, expect=1)
    gate, *commands = commands_in(result.stderr)
    findings = report_model(LEAD).findings
    for command, finding in zip(commands, findings, strict=False):
        expected = "error" if finding.severity.rank >= Severity.MEDIUM.rank else "notice"
        assert command.name == expected, (command, finding.severity)
    assert gate.name == "error" and gate.properties == {"title": "civdata gate failed: --fail-on medium"}
    assert "file" not in gate.properties
    high_only = commands_in(run("report", LEAD, "-o", "/dev/null", "--fail-on", "critical", env=GITHUB).stderr)
    assert {command.name for command in high_only} == {"warning", "notice"}


def test_failed_gates_come_first_within_githubs_ten_errors_then_findings_most_severe_first() -> None:
    """docs/ci.md: GitHub shows at most ten annotations of each level per step, and civdata writes
    the most severe first. A failed gate is why the job is red, so its error comes before every
    finding's; a combined report has far more than ten errors of its own."""
    result = run(
        "report",
        "examples/county-justice/",
        "--fail-on",
        "high",
        "--fail-on-verdict",
        "not-ready",
        "-o",
        "/dev/null",
        env=GITHUB,
        expect=1,
    )
    commands = commands_in(result.stderr)
    errors = [command for command in commands if command.name == "error"]
    assert len(errors) > 10
    titles = [command.properties.get("title", "") for command in commands]
    gates = [index for index, title in enumerate(titles) if title.startswith("civdata gate failed: ")]
    assert [titles[index] for index in gates] == [
        "civdata gate failed: --fail-on high",
        "civdata gate failed: --fail-on-verdict not-ready",
    ]
    assert gates == [0, 1]
    ranks = [Severity(title.split(":")[0]).rank for title in titles[2:] if not title.startswith("unanswered: ")]
    assert len(ranks) == len(report_model(*TEAM).findings) and ranks == sorted(ranks, reverse=True)


def test_combined_reports_point_at_each_respondents_file_and_missing_voices_at_the_first() -> None:
    pair = [TEAM[2], TEAM[0]]  # the funder and the lead: the community's expected voice is missing
    result = run("report", *pair, "-o", "/dev/null", env=GITHUB)
    commands = commands_in(result.stderr)
    report = report_model(*pair)
    assert len(commands) == len(report.findings)
    files = {command.properties["file"] for command in commands}
    assert files == set(pair)
    missing = [c for c, f in zip(commands, report.findings, strict=True) if f.id.startswith("role:")]
    assert missing and all(c.properties["file"] == pair[0] and c.properties["line"] == "1" for c in missing)
    disagreements = [c for c, f in zip(commands, report.findings, strict=True) if f.id.startswith("divergence:")]
    assert disagreements
    for command, finding in zip(commands, report.findings, strict=True):
        if finding.id.startswith("divergence:"):
            entry = line_at(command.properties["file"], int(command.properties["line"])).strip()
            assert entry.startswith(finding.id.split(":", 1)[1] + ":")


def test_unanswered_questions_are_notices_at_their_entry_or_the_answers_line(tmp_path: Path) -> None:
    """A question left out is noted at the `answers:` line, where it is to be added (before the
    sixth session of 2026-11-27, at the file's first line, the YAML's `format:`)."""
    answers = yaml.safe_load((ROOT / LEAD).read_text(encoding="utf-8"))
    del answers["answers"]["people-at-risk"]
    answers["answers"]["community-voice"] = None
    path = tmp_path / "half.yaml"
    path.write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")
    result = run("report", path.name, "-o", "/dev/null", env=GITHUB, cwd=tmp_path)
    notices = [c for c in commands_in(result.stderr) if c.properties["title"].startswith("unanswered: ")]
    by_question = {re.findall(r"'([\w-]+)'", c.message)[0]: c for c in notices}
    assert set(by_question) == {"people-at-risk", "community-voice"}
    assert all(c.name == "notice" and c.properties["file"] == "half.yaml" for c in notices)
    assert line_at(path, int(by_question["people-at-risk"].properties["line"])) == "answers:"
    assert line_at(path, int(by_question["community-voice"].properties["line"])).startswith("  community-voice:")


def test_a_finding_on_a_question_left_out_points_at_the_answers_line(tmp_path: Path) -> None:
    """A required question left out raises the finding of its riskiest answer (docs/scoring.md,
    section 2); in SARIF it points where the answer is to be added, not at the file's first line."""
    blank = ROOT / "tests" / "fixtures" / "blanks" / "authority-blank.yaml"
    result = run("report", blank, "-f", "sarif", "-o", "r.sarif", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    results = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    item = next(item for item in results if item["ruleId"] == "authority-access:unsure")
    assert line_at(blank, item["locations"][0]["physicalLocation"]["region"]["startLine"]) == "answers:"


def test_findings_of_imported_submissions_point_at_their_row_and_cell(tmp_path: Path) -> None:
    """Before the sixth session of 2026-11-27, every finding of `civdata import --report r.sarif`
    pointed at the export's first line, its header: the positions of a submission's cells never
    reached its answers. Now an answer's finding points at the row of the first submission that
    raised it, and the cell of that answer."""
    export = ROOT / "examples" / "community-consultation" / "submissions.csv"
    result = run("import", export, "--report", "r.sarif", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(export.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    header = rows[0]
    results = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    answered = [
        item
        for item in results
        if ":" in item["ruleId"] and item["ruleId"].split(":")[0] not in ("rule", "role", "divergence")
    ]
    assert len(answered) > 10
    for item in answered:
        region = item["locations"][0]["physicalLocation"]["region"]
        question = item["ruleId"].split(":")[0]
        assert region["startLine"] > 1, item["ruleId"]
        column = header[region["startColumn"] - 1]
        assert column.rsplit("/", 1)[-1] == question, (item["ruleId"], column)
        assert rows[region["startLine"] - 1][region["startColumn"] - 1], item["ruleId"]  # an answer there
    rules = [item for item in results if item["ruleId"].startswith("rule:")]
    assert rules and all(item["locations"][0]["physicalLocation"]["region"]["startLine"] > 1 for item in rules)


def test_input_problems_are_errors_at_their_line_and_column(tmp_path: Path) -> None:
    text = (ROOT / LEAD).read_text(encoding="utf-8").replace('value: "yes"', "value: maybe", 1)
    text = text.replace("demand-minimisation:", "demand-minimisaton:", 1)
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    plain = run("report", "bad.yaml", expect=2, cwd=tmp_path).stderr.splitlines()
    annotated = run("report", "bad.yaml", expect=2, cwd=tmp_path, env=GITHUB).stderr.splitlines()
    commands = commands_in("\n".join(annotated))
    assert len(commands) == 2 and annotated[-1] == plain[-1]
    for command, line in zip(commands, plain, strict=False):
        assert command.name == "error" and command.message == line
        where = re.match(r"bad\.yaml:(\d+):(\d+): ", line)
        assert where is not None
        assert command.properties == {"file": "bad.yaml", "line": where[1], "col": where[2]}


def test_an_input_problems_annotation_says_exactly_what_the_plain_line_says(tmp_path: Path) -> None:
    """docs/ci.md: the message is the same, and control characters are shown as escapes as in the
    terminal: a line break in a value is ``\\n`` in both, never a line break in the annotation."""
    hostile = r'value: "x::error::boom%0Aline\nnext::notice::z"'
    text = (ROOT / LEAD).read_text(encoding="utf-8").replace('value: "yes"', hostile, 1)
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    plain = run("report", "bad.yaml", expect=2, cwd=tmp_path).stderr.splitlines()
    annotated = run("report", "bad.yaml", expect=2, cwd=tmp_path, env=GITHUB).stderr.splitlines()
    assert len(plain) == 2 and "line\\nnext" in plain[0]
    commands = commands_in("\n".join(annotated))
    assert [command.message for command in commands] == plain[:1]
    assert annotated[-1] == plain[-1]


def test_annotations_are_off_outside_github_or_when_turned_off(tmp_path: Path) -> None:
    assert "::" not in run("report", LEAD, "-o", "/dev/null").stderr
    assert "::" not in run("report", LEAD, "-o", "/dev/null", "--annotations", "none", env=GITHUB).stderr
    assert commands_in(run("report", LEAD, "-o", "/dev/null", "--annotations", "github").stderr)
    assert "::" not in run("report", LEAD, "-o", "/dev/null", env={"GITHUB_ACTIONS": "false"}).stderr


def _broken_lead(folder: Path) -> Path:
    """The example's lead answers with one answer that is not one of the question's options."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (ROOT / LEAD).read_text(encoding="utf-8").replace('value: "yes"', "value: perhaps", 1)
    (folder / "lead.yaml").write_text(text, encoding="utf-8")
    return folder / "lead.yaml"


def test_check_writes_its_problems_as_errors_at_their_line_and_column(tmp_path: Path) -> None:
    """docs/ci.md: in GitHub Actions civdata writes every mistake in a file as an error at its line
    and column; docs/in-a-repository.md's "In CI" runs `civdata check .` first."""
    _broken_lead(tmp_path / "bad")
    plain = run("check", "bad/", expect=2, cwd=tmp_path).stderr.splitlines()
    annotated = run("check", "bad/", expect=2, cwd=tmp_path, env=GITHUB).stderr.splitlines()
    commands = commands_in("\n".join(annotated))
    assert plain[0].startswith("bad/lead.yaml:15:12: 'perhaps' is not an answer")
    assert [command.message for command in commands] == plain[:-1]
    assert [command.name for command in commands] == ["error"] * len(commands)
    assert commands[0].properties == {"file": "bad/lead.yaml", "line": "15", "col": "12"}
    assert annotated[-1] == plain[-1] == "civdata: 1 problem in 1 of 1 file checked"
    assert "::" not in run("check", "bad/", "--annotations", "none", expect=2, cwd=tmp_path, env=GITHUB).stderr
    assert commands_in(run("check", "bad/", "--annotations", "github", expect=2, cwd=tmp_path).stderr)


@pytest.mark.parametrize(
    ("arguments", "plain_line"),
    [
        (["lead.yaml", "lead.yaml"], "civdata: lead.yaml is given more than once; each respondent's file may count"),
        (["sub::warning::x%0Ay/"], "civdata: the folder sub:\\x3awarning:\\x3ax%0Ay has no .yaml answers files"),
    ],
)
def test_problems_without_a_place_are_errors_without_a_file(
    tmp_path: Path, arguments: list[str], plain_line: str
) -> None:
    """A problem with no file location (a file given twice, a folder without answers files) is an
    error annotation too, with no file or line, saying exactly what the plain line says."""
    shutil.copy(ROOT / LEAD, tmp_path / "lead.yaml")
    (tmp_path / "sub::warning::x%0Ay" / "2025").mkdir(parents=True)
    plain = run("report", *arguments, "-o", "/dev/null", expect=2, cwd=tmp_path).stderr.splitlines()
    annotated = run("report", *arguments, "-o", "/dev/null", expect=2, cwd=tmp_path, env=GITHUB).stderr
    assert len(plain) == 1 and plain[0].startswith(plain_line)
    commands = commands_in(annotated)
    assert [(command.name, command.properties, command.message) for command in commands] == [("error", {}, plain[0])]
    assert annotated.splitlines() == [workflow_command("error", plain[0])]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_an_output_that_cannot_be_written_is_an_error_without_a_file() -> None:
    """Exit 2 without a place in a file: an error annotation too, saying what the plain line says."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        plain, annotated = (
            subprocess.run(
                [*civdata_command(), "report", LEAD, "-f", "json", "--annotations", annotations],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                check=False,
                timeout=120,
            )
            for annotations in ("none", "github")
        )
    assert plain.returncode == annotated.returncode == 2
    assert plain.stderr.splitlines() == ["civdata: cannot write to standard output: No space left on device"]
    assert workflow_command("error", plain.stderr.strip()) in annotated.stderr.splitlines()


BROKEN_RUBRIC = "broken-rubric.yaml"

#: Every command that reads a file, run on a rubric with a mistake at line 26, column 13.
READING_COMMANDS = [
    ["check", BROKEN_RUBRIC],
    ["rubric", "validate", BROKEN_RUBRIC],
    ["rubric", "docs", "-r", BROKEN_RUBRIC],
    ["schema", "answers", "--rubric", BROKEN_RUBRIC],
    ["template", "-r", BROKEN_RUBRIC, "-o", "t.yaml"],
    ["export", "xlsform", "-r", BROKEN_RUBRIC, "-o", "f.xlsx"],
    ["import", "subs.csv", "-r", BROKEN_RUBRIC, "-o", "out/"],
    ["report", "lead.yaml", "-r", BROKEN_RUBRIC, "-o", "/dev/null"],
    ["history", "a.json", "b.json", "-r", BROKEN_RUBRIC],
]


@pytest.mark.parametrize("arguments", READING_COMMANDS, ids=lambda arguments: " ".join(arguments[:2]))
def test_every_command_writes_its_problems_as_annotations_in_github(tmp_path: Path, arguments: list[str]) -> None:
    """docs/ci.md promises annotations of "civdata", so every command that reads files gives them,
    turned on and off the same way."""
    text = MINI_RUBRIC.read_text(encoding="utf-8").splitlines()
    assert text[25] == "    weight: 2"
    text[25] = "    weight: heavy"
    (tmp_path / BROKEN_RUBRIC).write_text("\n".join(text) + "\n", encoding="utf-8")
    shutil.copy(ROOT / LEAD, tmp_path / "lead.yaml")
    (tmp_path / "subs.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    json_report = run("report", LEAD, "-f", "json").stdout
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(json_report, encoding="utf-8")
    annotated = run(*arguments, expect=2, cwd=tmp_path, env=GITHUB).stderr
    commands = commands_in(annotated)
    assert [(command.name, command.properties) for command in commands] == [
        ("error", {"file": BROKEN_RUBRIC, "line": "26", "col": "13"})
    ]
    assert "::" not in run(*arguments, "--annotations", "none", expect=2, cwd=tmp_path, env=GITHUB).stderr
    assert commands_in(run(*arguments, "--annotations", "github", expect=2, cwd=tmp_path).stderr)


def test_every_command_that_reads_files_has_the_one_annotations_option() -> None:
    """The same choices, default and help everywhere, from one definition."""
    import importlib

    import typer

    from civdata.cli.app import COMMANDS

    options = {}
    for name, entry in COMMANDS.items():
        command = typer.main.get_command(importlib.import_module(entry.module).command)
        for sub, leaf in getattr(command, "commands", {name: command}).items():
            found = [param for param in leaf.params if "--annotations" in getattr(param, "opts", ())]
            options[f"{name} {sub}" if sub != name else name] = found[0] if found else None
    without = sorted(name for name, option in options.items() if option is None)
    assert without == ["rubric list"], "only rubric list reads no file"
    described = {
        (tuple(option.type.choices), str(option.default), option.help, option.metavar)
        for option in options.values()
        if option is not None
    }
    assert len(described) == 1, described
    ((choices, default, help_text, _),) = described
    assert set(choices) == {"auto", "github", "none"} and default.endswith("auto")
    assert "GITHUB_ACTIONS" in help_text and "problems" in help_text


# --- Workflow commands: values never form commands -----------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_any_value_is_one_message_or_one_property(seed: int) -> None:
    texts = [*PAYLOADS, *generated(seed, 200)]
    for message, name, title in zip(texts, texts[1:] + texts[:1], texts[2:] + texts[:2], strict=True):
        line = workflow_command("warning", message, {"file": name, "line": 3, "col": 1, "title": title})
        assert "\n" not in line and "\r" not in line
        command = parse_command(line)
        assert command is not None and command.name == "warning"
        # Changed by the review of 2026-11-28: `file=` decodes to the very name (GitHub finds the
        # file by it) but for its control and invisible characters, still escaped; and a title is
        # not broken up as a log line is (`:\x3a`), since a property never starts a line.
        # Changed by the second review of 2026-11-28: `##[`, which the runner honours anywhere in a
        # line, is broken up (`#\x23[`) in every property too, as docs/output-safety.md promises of
        # every line on standard error (in `file=` as well, like a control character).
        assert command.properties == {
            "file": path_shown(name),
            "line": "3",
            "col": "1",
            "title": visible_text(title, multiline=False).replace("##[", "#\\x23["),
        }
        assert command.message == terminal_text(message)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Path]]]:
    """The payload rubric and answers (see test_output_safety), the answers under hostile names."""
    root = tmp_path_factory.mktemp("ci-payloads")
    made = {"hostile": write_inputs(root / "hostile", lambda text: text), "plain": write_inputs(root / "plain", benign)}
    names = ["a,b:c%0A.yaml", "::error::x.yaml", "line\nbreak %25.yaml"]
    for kind, (_, answers) in made.items():
        for index, path in enumerate(answers[:3]):
            renamed = path.with_name(names[index] if kind == "hostile" else f"plain-{index}.yaml")
            path.rename(renamed)
            answers[index] = renamed
    return made


def test_hostile_files_and_names_give_exactly_their_annotations(hostile, tmp_path: Path) -> None:
    rubric, answers = hostile["hostile"]
    folder = answers[0].parent
    names = [path.name for path in answers[:3]]
    summary = tmp_path / "summary.md"
    env = GITHUB | {"GITHUB_STEP_SUMMARY": str(summary)}
    result = run("report", "--rubric", rubric, *names, "-o", "/dev/null", env=env, cwd=folder)
    commands = commands_in(result.stderr)
    # The very names since the review of 2026-11-28 (GitHub attaches an annotation to the file
    # whose path `file=` decodes to), but for their control and invisible characters, escaped.
    assert {command.properties["file"] for command in commands} <= {path_shown(name) for name in names}
    assert len(commands) >= 3
    plain_rubric, plain_answers = hostile["plain"]
    plain_summary = tmp_path / "plain.md"
    run(
        "report",
        "--rubric",
        plain_rubric,
        *[path.name for path in plain_answers[:3]],
        "-o",
        "/dev/null",
        env=GITHUB | {"GITHUB_STEP_SUMMARY": str(plain_summary)},
        cwd=plain_answers[0].parent,
    )
    assert_markdown_safe(summary.read_text(encoding="utf-8"), plain_summary.read_text(encoding="utf-8"))


def test_problems_in_hostile_files_are_single_error_commands(tmp_path: Path) -> None:
    name = "bad,name:%0A\u202e::error::x.yaml"
    (tmp_path / name).write_text("rubric: {id: civil-society-data-readiness, version: 1.1.0}\nanswers: [\n", "utf-8")
    result = run("report", name, expect=2, cwd=tmp_path, env=GITHUB)
    commands = commands_in(result.stderr)
    assert len(commands) == 1
    assert commands[0].properties["file"] == path_shown(name)  # see the test above


# --- The job summary -----------------------------------------------------------------------------


def test_the_summary_is_appended_never_replacing_what_other_steps_wrote(tmp_path: Path) -> None:
    summary = tmp_path / "step_summary"
    summary.write_text("# Build\n\nearlier step\n", encoding="utf-8")
    env = GITHUB | {"GITHUB_STEP_SUMMARY": str(summary)}
    run("report", LEAD, "-o", "/dev/null", env=env)
    run("report", LEAD, "-o", "/dev/null", "--fail-on", "high", env=env, expect=1)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Build\n\nearlier step\n## civdata: ")
    assert text.count("## civdata: Marlow County Reentry Data Collaborative") == 2
    assert "Verdict: **Ready with conditions**" in text and "### Scores by area" in text
    assert "- CI gates: failed: --fail-on high:" in text
    # The lead's first action: the one before a stage (results informing a decision) of its severity.
    assert "1. **HIGH**: Decisions may rest on matched records whose error rate is not known (at examples/county" in (
        unwrapped(text)
    )


def test_a_new_summary_file_is_private_and_an_input_is_never_one(tmp_path: Path) -> None:
    summary = tmp_path / "new.md"
    run("report", LEAD, "-o", "/dev/null", env=GITHUB | {"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.stat().st_mode & 0o777 == 0o600
    copy = tmp_path / "answers.yaml"
    shutil.copyfile(ROOT / LEAD, copy)
    before = copy.read_bytes()
    result = run("report", copy, env=GITHUB | {"GITHUB_STEP_SUMMARY": str(copy)}, expect=2)
    assert "GITHUB_STEP_SUMMARY" in result.stderr and "refusing to overwrite" in result.stderr
    assert copy.read_bytes() == before
    result = run("report", LEAD, env=GITHUB | {"GITHUB_STEP_SUMMARY": str(tmp_path)}, expect=2)
    assert "is a folder" in result.stderr
    no_summary = run(
        "report", LEAD, "-o", "/dev/null", "--annotations", "none", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert no_summary.returncode == 0


# --- SARIF ---------------------------------------------------------------------------------------


@cache
def schema(name: str, sha256: str) -> dict[str, Any]:
    """A published schema from tests/data/schemas, as recorded in its README."""
    raw = (SCHEMAS / name).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == sha256, f"{name} is not the published file the README names"
    return json.loads(raw)


def sarif_schema() -> dict[str, Any]:
    return schema("sarif-schema-2.1.0.json", "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e")


def valid_sarif(text: str) -> dict[str, Any]:
    document = json.loads(text)
    errors = [error.message for error in Draft4Validator(sarif_schema()).iter_errors(document)]
    assert not errors, errors[:5]
    return document


@pytest.mark.parametrize(
    "arguments",
    [[LEAD], TEAM, [*TEAM, "--anonymize"], [LEAD, "--fail-on", "high", "--fail-on-verdict", "not-ready"]],
    ids=["single", "combined", "anonymized", "gated"],
)
def test_sarif_is_valid_against_the_published_schema(arguments: list[str], tmp_path: Path) -> None:
    target = tmp_path / "findings.sarif"
    gated = "--fail-on" in arguments
    run("report", *arguments, "-o", target, expect=1 if gated else 0)
    document = valid_sarif(target.read_text(encoding="utf-8"))
    run_ = document["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert len({rule["id"] for rule in rules}) == len(rules)
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in set(SARIF_LEVELS.values())
    if "--anonymize" in arguments:
        assert all("locations" not in result for result in run_["results"])
    else:
        for result in run_["results"]:
            where = result["locations"][0]["physicalLocation"]
            assert where["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
            assert line_at(where["artifactLocation"]["uri"], where["region"]["startLine"]).strip()
    if gated:
        invocation = run_["invocations"][0]
        assert invocation["properties"]["gates"]["passed"] is False
        assert invocation["toolExecutionNotifications"][0]["level"] == "error"
        levels = {(result["properties"]["severity"], result["level"]) for result in run_["results"]}
        assert ("high", "error") in levels and ("medium", "warning") in levels and ("low", "note") in levels


def test_sarif_rules_carry_the_recommendation_as_help() -> None:
    document = valid_sarif(run("report", LEAD, "--format", "sarif").stdout)
    finding = report_model(LEAD).findings[0]
    rule = document["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["id"] == finding.id and rule["help"]["text"] == finding.recommendation
    assert rule["shortDescription"]["text"] == finding.title


def test_fingerprints_stay_when_lines_move_and_differ_between_files(tmp_path: Path) -> None:
    moved = tmp_path / "examples" / "county-justice"
    moved.mkdir(parents=True)
    text = (ROOT / LEAD).read_text(encoding="utf-8")
    (moved / "lead.yaml").write_text("# a comment\n# and another\n" + text, encoding="utf-8")
    first = valid_sarif(run("report", LEAD, "--format", "sarif").stdout)["runs"][0]["results"]
    again = valid_sarif(run("report", LEAD, "--format", "sarif").stdout)["runs"][0]["results"]
    shifted = valid_sarif(run("report", LEAD, "--format", "sarif", cwd=tmp_path).stdout)["runs"][0]["results"]
    assert first == again
    assert [r["partialFingerprints"] for r in first] == [r["partialFingerprints"] for r in shifted]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in first]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in shifted] == [n + 2 for n in lines]
    prints = [r["partialFingerprints"]["civdataFinding/v1"] for r in first]
    assert len(set(prints)) == len(prints)
    combined = valid_sarif(run("report", *TEAM, "--format", "sarif").stdout)["runs"][0]["results"]
    combined_prints = [r["partialFingerprints"]["civdataFinding/v1"] for r in combined]
    assert len(set(combined_prints)) == len(combined_prints)


def _fingerprints_by_finding(folder: Path, *names: str) -> tuple[dict[str, str], dict[str, str]]:
    """Code Quality's and SARIF's fingerprints of a report on ``names`` (files, or folders, in
    ``folder``), by finding id; each unique within its report."""
    quality = valid_code_quality(run("report", *names, "--format", "codequality", cwd=folder).stdout)
    results = valid_sarif(run("report", *names, "--format", "sarif", cwd=folder).stdout)["runs"][0]["results"]
    sarif = {result["ruleId"]: result["partialFingerprints"]["civdataFinding/v1"] for result in results}
    assert len(set(sarif.values())) == len(sarif) == len(results)
    return {issue["check_name"]: issue["fingerprint"] for issue in quality}, sarif


def test_a_combined_findings_fingerprint_is_the_same_whatever_the_files_order_or_who_else_answered(
    tmp_path: Path,
) -> None:
    """docs/ci.md: a fingerprint stays the same while the finding does. A combined report has one
    finding per id, whichever respondents raised it and in whatever order their files are given."""
    for source in EXAMPLE.glob("*.yaml"):
        (tmp_path / "county").mkdir(exist_ok=True)
        shutil.copy(source, tmp_path / "county" / source.name)
    funder = tmp_path / "county" / "funder.yaml"  # the same initiative, typed differently
    text = funder.read_text(encoding="utf-8")
    funder.write_text(text.replace("initiative: Marlow County", "initiative: MARLOW   county"), encoding="utf-8")
    assert funder.read_text(encoding="utf-8") != text
    lead_first = _fingerprints_by_finding(tmp_path, "county/lead.yaml", "county/funder.yaml")
    funder_first = _fingerprints_by_finding(tmp_path, "county/funder.yaml", "county/lead.yaml")
    everyone = _fingerprints_by_finding(tmp_path, "county/")
    for before, swapped, added in zip(lead_first, funder_first, everyone, strict=True):
        assert "role:community" in before and "role:community" not in added  # the community answered
        assert swapped == before
        shared = before.keys() & added.keys()
        assert len(shared) > 20
        assert {id_: added[id_] for id_ in shared} == {id_: before[id_] for id_ in shared}
    # A report on one respondent is about that respondent's answers: the same finding in another
    # respondent's report is another one.
    for lead, funder in zip(
        _fingerprints_by_finding(tmp_path, "county/lead.yaml"),
        _fingerprints_by_finding(tmp_path, "county/funder.yaml"),
        strict=True,
    ):
        shared = lead.keys() & funder.keys()
        assert shared and all(lead[id_] != funder[id_] for id_ in shared)


def test_hostile_values_and_names_in_sarif_are_kept_exactly(hostile) -> None:
    rubric, answers = hostile["hostile"]
    names = [path.name for path in answers[:3]]
    document = valid_sarif(run("report", "--rubric", rubric, *names, "--format", "sarif", cwd=answers[0].parent).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]}
    from urllib.parse import unquote

    assert {unquote(uri) for uri in uris} <= set(names)
    messages = {r["message"]["text"] for r in document["runs"][0]["results"]}
    assert any(payload in message for message in messages for payload in PAYLOADS if len(payload) > 8)


# --- GitLab Code Quality -------------------------------------------------------------------------


def valid_code_quality(text: str) -> list[dict[str, Any]]:
    """Valid as GitLab reads it: each entry against GitLab's own schema, and what its documentation
    adds (an array; check_name; a severity GitLab knows; a relative path and a line)."""
    entry_schema = schema("gitlab-codeclimate.json", "66b43685a7569ad97e773a552f0d9d98e35b45c03fbe31b6a478c1af8d737a92")
    issues = json.loads(text)
    assert isinstance(issues, list)
    validator = Draft7Validator(entry_schema)
    for issue in issues:
        assert not list(validator.iter_errors(issue)), issue
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert not Path(issue["location"]["path"]).is_absolute()
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    return issues


@pytest.mark.parametrize("arguments", [[LEAD], TEAM], ids=["single", "combined"])
def test_code_quality_is_valid_as_gitlab_reads_it(arguments: list[str], tmp_path: Path) -> None:
    target = tmp_path / "gl-code-quality-report.json"
    run("report", *arguments, "--format", "codequality", "-o", target)
    issues = valid_code_quality(target.read_text(encoding="utf-8"))
    report = report_model(*arguments)
    assert len(issues) == len(report.findings)
    for issue, finding in zip(issues, report.findings, strict=True):
        assert issue["check_name"] == finding.id
        assert issue["severity"] == CODE_QUALITY_SEVERITIES[finding.severity]
        assert line_at(issue["location"]["path"], issue["location"]["lines"]["begin"]).strip()


def test_code_quality_is_chosen_by_format_never_by_its_json_name(tmp_path: Path) -> None:
    target = tmp_path / "gl-code-quality-report.json"
    run("report", LEAD, "-o", target)
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), dict)  # the JSON report
    assert valid_code_quality(run("report", *TEAM, "--anonymize", "--format", "codequality").stdout) == []


# --- The Action and the documented examples, against the platforms' schemas ----------------------


def test_the_action_is_valid_against_githubs_schema() -> None:
    check_jsonschema("vendor.github-actions", (ROOT / "action.yml").read_text(encoding="utf-8"))
    with pytest.raises(AssertionError):
        check_jsonschema("vendor.github-actions", "name: x\nruns: {using: composite}\n")  # the schema bites


def documented_examples() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(r"<!-- example: schema: ([\w.-]+) -->\n```yaml\n(.*?)```", text, flags=re.DOTALL)


def test_the_documented_workflow_and_gitlab_job_are_valid_against_their_schemas() -> None:
    examples = documented_examples()
    assert sorted(name for name, _ in examples) == ["vendor.github-workflows", "vendor.gitlab-ci"]
    for name, body in examples:
        check_jsonschema(name, body)
    workflow = parse_yaml(dict(examples)["vendor.github-workflows"], "workflow")[0].data
    steps = workflow["jobs"]["civdata"]["steps"]
    inputs = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    assert set(steps[1]["with"]) <= set(inputs)
    assert steps[1]["with"]["output"] == steps[2]["with"]["sarif_file"]


#: The official Python images that hold git: the default ones (``python:3.12``, ``-bookworm``...),
#: built on buildpack-deps, which installs git. The ``-slim`` and ``-alpine`` ones leave it out, so
#: ``pip install "git+https://..."`` fails there with "Cannot find command 'git'".
PYTHON_IMAGES_WITH_GIT = re.compile(r"python:3\.\d+(\.\d+)?(-(bookworm|bullseye|trixie))?")


def test_the_documented_gitlab_job_runs_in_its_image_as_written() -> None:
    """docs/ci.md installs civdata from its git repository, as the README does: the job's image must
    hold git, and every line of the script must run a program the image has (python) or that the
    install put there (civdata)."""
    job = yaml.safe_load(dict(documented_examples())["vendor.gitlab-ci"])["civdata"]
    install, *runs = job["script"]
    assert install.startswith("python -m pip install ") and '"git+https://' in install, install
    assert PYTHON_IMAGES_WITH_GIT.fullmatch(job["image"]), (
        f"{job['image']} has no git, which pip needs for {install}; use a default python image such as python:3.12"
    )
    assert runs and all(line.startswith("civdata ") for line in runs), runs


def action_script() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(step for step in action["runs"]["steps"] if step.get("name") == "Report")
    assert "${{" not in step["run"], "inputs must reach the script through env, never pasted into it"
    return step["run"]


def run_action(
    tmp_path: Path, inputs: dict[str, str], summary: Path, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """The Action's report step, as the runner runs it (``bash -e -o pipefail``), with civdata
    installed where the install step puts it, in ``cwd`` (the workspace)."""
    venv = tmp_path / "runner" / "civdata-venv" / "bin"
    venv.mkdir(parents=True, exist_ok=True)
    launcher = venv / "civdata"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m civdata "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    script = tmp_path / "report.sh"
    script.write_text(action_script(), encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "SOURCE_DATE_EPOCH": "1793836800",
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "GITHUB_STEP_SUMMARY": str(summary),
        **{f"CIVDATA_{key.upper().replace('-', '_')}": value for key, value in inputs.items()},
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=120,
    )


def test_the_actions_report_step_annotates_gates_and_writes_the_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    inputs = {"paths": f"{TEAM[0]}\n{TEAM[1]} {TEAM[2]}", "rubric": "", "fail-on": "critical", "fail-on-verdict": ""}
    result = run_action(tmp_path, inputs | {"output": str(tmp_path / "findings.sarif")}, summary)
    assert result.returncode == 1, result.stderr
    commands = commands_in(result.stderr)
    assert {command.properties.get("file") for command in commands} >= set(TEAM)
    assert "civdata gate failed: --fail-on critical" in {command.properties.get("title") for command in commands}
    valid_sarif((tmp_path / "findings.sarif").read_text(encoding="utf-8"))
    assert "## civdata: Marlow County" in summary.read_text(encoding="utf-8")
    passing = run_action(
        tmp_path, {"paths": LEAD, "rubric": "", "fail-on": "", "fail-on-verdict": "", "output": ""}, summary
    )
    assert passing.returncode == 0, passing.stderr


def test_the_action_writes_the_report_to_output_instead_of_the_log_as_its_inputs_say(tmp_path: Path) -> None:
    """A report in the job's log is long (a combined Markdown report is thousands of lines), so with
    ``output`` it goes to that file alone: the log keeps the annotations and says where the report
    is. action.yml's description of ``output`` and docs/ci.md's table say so, not "also"."""
    inputs = {"paths": LEAD, "rubric": "", "fail-on": "", "fail-on-verdict": ""}
    target = tmp_path / "readiness.md"
    to_file = run_action(tmp_path, inputs | {"output": str(target)}, tmp_path / "summary.md")
    assert to_file.returncode == 0, to_file.stderr
    assert to_file.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert f"Wrote {target}" in to_file.stderr.splitlines()
    to_log = run_action(tmp_path, inputs | {"output": ""}, tmp_path / "summary.md")
    assert to_log.returncode == 0, to_log.stderr
    assert to_log.stdout.startswith("# ")
    said = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]["output"]["description"]
    row = re.search(r"^\| `output` \| (.*) \|$", (ROOT / "docs" / "ci.md").read_text(encoding="utf-8"), re.M)
    assert row, "docs/ci.md's table of inputs has no row for output"
    for where, text in (("action.yml", said), ("docs/ci.md", row.group(1))):
        assert "instead of the job's log" in text and "also" not in text.lower(), (where, text)


def test_action_inputs_are_never_run_as_shell_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    hostile = f"$(touch {marker}) `touch {marker}` ; touch {marker}"
    inputs = {"paths": LEAD, "rubric": hostile, "fail-on": "", "fail-on-verdict": hostile, "output": ""}
    result = run_action(tmp_path, inputs, tmp_path / "summary.md")
    assert result.returncode == 2
    assert not marker.exists()
    globbed = run_action(
        tmp_path,
        {"paths": "examples/*/lead.yaml", "rubric": "", "fail-on": "", "fail-on-verdict": "", "output": ""},
        tmp_path / "summary.md",
    )
    assert globbed.returncode == 2 and "examples/*/lead.yaml" in globbed.stderr


# --- Run from another folder than the repository root ------------------------------------------


def test_locations_that_would_point_at_the_wrong_files_are_warned_of(tmp_path: Path) -> None:
    """An outside review: run from a subfolder (a step's working-directory), annotations and SARIF
    named files by paths GitHub reads from the repository root, so every location pointed
    elsewhere, silently. One warning line now says so; run from the root, nothing is said."""
    for folder in ("assessment", "elsewhere"):
        (tmp_path / folder).mkdir()
        shutil.copy(ROOT / "examples/county-justice/lead.yaml", tmp_path / folder / "lead.yaml")
    workspace = {"GITHUB_WORKSPACE": str(tmp_path)}
    # Cut short by the review of 2026-11-28: the two warnings now differ after "by" (the one for a
    # file outside says which folder it is outside of), and every "not in" below means either.
    warning = "civdata: warning: CI locations name files by"
    from_sub = run("report", "lead.yaml", "-o", "r.sarif", env=workspace, cwd=tmp_path / "assessment")
    assert from_sub.stderr.startswith(
        f"{warning} the paths given, which GitHub reads from the repository root ({tmp_path}), but civdata runs in "
        f"{tmp_path / 'assessment'}: run it from the repository root\n"
    )
    # Changed by the review of 2026-11-28: ../assessment/lead.yaml run from assessment/ was warned
    # of, though the file is inside the folder (it is now named lead.yaml, tests/test_ci_review_1128.py);
    # a file truly outside is warned of, in words that say which folder it is outside of.
    # Changed in the session of 2026-11-28 (afternoon): with annotations on, a warning is a warning
    # annotation (docs/ci.md), so this one, about no one place, is `::warning::civdata: ...`, in
    # the same words.
    annotated = warning.replace("civdata: warning: ", "::warning::civdata: ")
    climbing = run("report", "../elsewhere/lead.yaml", "--annotations", "github", cwd=tmp_path / "assessment")
    assert climbing.stderr.startswith(
        f"{annotated} their paths from the folder civdata runs in ({tmp_path / 'assessment'}), which GitHub and "
        "GitLab read from the repository root, and ../elsewhere/lead.yaml is outside that folder: run civdata from "
        "the repository root on files inside it\n"
    )
    from_root = run("report", "assessment/lead.yaml", "-o", "r.sarif", env=workspace, cwd=tmp_path)
    assert warning not in from_root.stderr
    plain = run("report", "../elsewhere/lead.yaml", "-o", "r.md", cwd=tmp_path / "assessment")
    assert warning not in plain.stderr, "a Markdown report points nowhere: no warning"
    returning = run("report", "assessment/../assessment/lead.yaml", "-o", "r.sarif", env=workspace, cwd=tmp_path)
    assert warning not in returning.stderr, "a path that climbs back in stays inside"
    # A mistake in the file is annotated by the same path as a finding: the warning comes first.
    broken = tmp_path / "assessment" / "broken.yaml"
    broken.write_text(
        (ROOT / "examples/county-justice/lead.yaml")
        .read_text(encoding="utf-8")
        .replace("initiative:", "initiativ:", 1),
        encoding="utf-8",
    )
    refused = run(
        "report", "broken.yaml", "--annotations", "github", env=workspace, cwd=tmp_path / "assessment", expect=2
    )
    lines = refused.stderr.splitlines()
    assert lines[0].startswith(annotated) and lines[1].startswith("::error file=broken.yaml,"), lines


def test_an_anonymized_report_says_nothing_of_where_its_locations_point(tmp_path: Path) -> None:
    """An anonymized report's annotations, SARIF and Code Quality name no file, so the warning that
    their locations would point elsewhere only put an answers file's name, often a person's, in
    the CI log."""
    (tmp_path / "assessment").mkdir()
    shutil.copy(ROOT / "examples/county-justice/lead.yaml", tmp_path / "assessment" / "dana-okafor.yaml")
    workspace = {"GITHUB_WORKSPACE": str(tmp_path)}
    climbing = run(
        "report", "../assessment/dana-okafor.yaml", "--annotations", "github", "--anonymize",
        cwd=tmp_path / "assessment",
    )  # fmt: skip
    from_sub = run(
        "report", "dana-okafor.yaml", "-o", "r.sarif", "--anonymize", env=workspace, cwd=tmp_path / "assessment"
    )  # fmt: skip
    for result in (climbing, from_sub):
        assert "CI locations" not in result.stderr, result.stderr
        assert "dana-okafor" not in result.stdout + result.stderr
    assert "dana-okafor" not in (tmp_path / "assessment" / "r.sarif").read_text(encoding="utf-8")
