"""CI outputs found wrong by a DevOps review on 2026-11-28, each reproduced before the fix.

- a file named ``-bob.yaml`` was taken for an option in annotations, which lost its file and line;
- an annotation's ``file=`` carried the escapes meant for a log line (``:\\x3a``, ``\\n``), so
  GitHub attached it to a file that is not there;
- an absolute path inside the folder civdata runs in was warned of as outside, and named by its
  absolute path in annotations and a ``file:///`` uri in SARIF;
- an option given twice with two values was said plainly, not as ``::error::``, under annotations;
- the pre-commit hook, as docs/in-a-repository.md set it up, let a rubric-only commit through
  that broke the answers naming the rubric;
- the action split its ``paths`` on any white space and had no input for four of the gates;
- the README's exit-code table let ``--baseline`` alone seem to gate.

Every run is civdata as a person runs it, a real subprocess (``tests.conftest.civdata_in``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from civdata.escape import log_line
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT, civdata_in, then_and_now
from tests.test_ci_outputs import LEAD, commands_in, run_action

ANSWERS = FIXTURES / "mini-answers.yaml"


def _annotation_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("::error", "::warning", "::notice"))]


# --- A file whose name starts with a dash ----------------------------------------------------------


def test_a_file_named_with_a_leading_dash_keeps_its_place_in_annotations(tmp_path: Path) -> None:
    """``-bob.yaml`` is a file (given after ``--``): its findings and its mistakes are annotated at
    its file and line, as any other file's are; only a problem with an option names no file."""
    shutil.copy(MINI_RUBRIC, tmp_path / "rubric.yaml")
    shutil.copy(ANSWERS, tmp_path / "-bob.yaml")
    report = civdata_in(
        tmp_path, "report", "-r", "rubric.yaml", "--annotations", "github", "-o", "r.md", "--", "-bob.yaml"
    )
    assert report.returncode == 0, report.stderr
    findings = _annotation_lines(report.stderr)
    assert findings, report.stderr
    assert all(line.startswith("::") and " file=-bob.yaml,line=" in line for line in findings), findings

    broken = tmp_path / "-bob.yaml"
    broken.write_text(ANSWERS.read_text(encoding="utf-8").replace("voice: consulted", "voice: x"), encoding="utf-8")
    check = civdata_in(tmp_path, "check", "-r", "rubric.yaml", "--annotations", "github", "--", "-bob.yaml")
    assert check.returncode == 2
    assert (
        "::error file=-bob.yaml,line=16,col=10::-bob.yaml:16:10: 'x' is not an answer to 'voice'; "
        "choose 'none', 'consulted' or 'decide'"
    ) in check.stderr.splitlines(), check.stderr

    option = civdata_in(
        tmp_path, "report", "-r", "rubric.yaml", "--annotations", "github", "--fail-on-verdict", "nope", "-o", "r.md",
        "--", "-bob.yaml",
    )  # fmt: skip
    assert option.returncode == 2
    assert option.stderr.splitlines()[0].startswith("::error::--fail-on-verdict: 'nope' is not a verdict of rubric")
    rubric = civdata_in(tmp_path, "report", "-r", "nope", "--annotations", "github", "-o", "r.md", "--", "-bob.yaml")
    assert rubric.returncode == 2
    assert rubric.stderr.splitlines()[0].startswith("::error::--rubric: no bundled rubric has the id 'nope'")


# --- file= holds the file's path exactly -----------------------------------------------------------


@pytest.mark.parametrize("name", ["::x.yaml", "##[y.yaml", "n\nl.yaml", "a,b:c%0A.yaml", "r\u202el.yaml"])
def test_an_annotations_file_decodes_to_the_files_own_name(tmp_path: Path, name: str) -> None:
    """The runner attaches an annotation to the file whose path ``file=`` decodes to: escapes meant
    for a log line (``:\\x3a``, ``#\\x23[``, ``\\n``) named a file that is not there. The message
    still names the file as the plain line does, escaped."""
    shutil.copy(MINI_RUBRIC, tmp_path / "rubric.yaml")
    (tmp_path / name).write_text(
        ANSWERS.read_text(encoding="utf-8").replace("voice: consulted", "voice: x"), encoding="utf-8"
    )
    checked = civdata_in(tmp_path, "check", "-r", "rubric.yaml", "--annotations", "github", "--", name)
    assert checked.returncode == 2
    (problem,) = [command for command in commands_in(checked.stderr) if command.name == "error"]
    # A bidi override has no encoding the runner decodes: spelled out, as everywhere (it attaches
    # the annotation to no file, but never reaches a log raw). Changed by the second review of
    # 2026-11-28: so is `##[` (`#\x23[`), which the runner honours anywhere in a line and
    # docs/output-safety.md says is broken up in every line on standard error.
    shown = name.replace("\u202e", "\\u202e").replace("##[", "#\\x23[")
    assert problem.properties["file"] == shown
    assert (
        problem.message
        == f"{log_line(name)}:16:10: 'x' is not an answer to 'voice'; choose 'none', 'consulted' or 'decide'"
    )

    (tmp_path / name).write_text(ANSWERS.read_text(encoding="utf-8"), encoding="utf-8")
    report = civdata_in(tmp_path, "report", "-r", "rubric.yaml", "--annotations", "github", "-o", "r.md", "--", name)
    assert report.returncode == 0, report.stderr
    findings = commands_in(report.stderr)
    assert findings and {command.properties["file"] for command in findings} == {shown}


def test_a_title_is_not_broken_up_as_a_log_line_is(tmp_path: Path) -> None:
    """A property never starts a line, so a finding's title keeps its ``::`` (encoded as the runner
    decodes it); a bidi override in it is still escaped. Changed by the second review of
    2026-11-28: ``##[``, honoured anywhere in a line, is broken up (``#\\x23[``) as in the message."""
    title = "Short funding and no plan for the data"
    rubric = MINI_RUBRIC.read_text(encoding="utf-8")
    assert title in rubric
    (tmp_path / "rubric.yaml").write_text(
        rubric.replace(title, '"Funding :: no plan ##[group] for \u202edata"'), "utf-8"
    )
    shutil.copy(ANSWERS, tmp_path / "lead.yaml")
    report = civdata_in(tmp_path, "report", "-r", "rubric.yaml", "--annotations", "github", "-o", "r.md", "lead.yaml")
    assert report.returncode == 0, report.stderr
    titles = {command.properties["title"] for command in commands_in(report.stderr)}
    assert "high: Funding :: no plan #\\x23[group] for \\u202edata" in titles, titles


# --- A path inside the folder civdata runs in, given absolute ----------------------------------------


def _sarif_files(path: Path) -> set[tuple[str, str | None]]:
    results = json.loads(path.read_text(encoding="utf-8"))["runs"][0]["results"]
    return {
        (
            where["physicalLocation"]["artifactLocation"]["uri"],
            where["physicalLocation"]["artifactLocation"].get("uriBaseId"),
        )
        for result in results
        for where in result.get("locations", [])
    }


def _fingerprints(path: Path) -> list[str]:
    results = json.loads(path.read_text(encoding="utf-8"))["runs"][0]["results"]
    return [result["partialFingerprints"]["civdataFinding/v1"] for result in results]


def test_an_absolute_path_inside_the_workspace_is_named_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``${{ github.workspace }}/assessment`` gives absolute paths inside the folder civdata runs
    in: they were warned of as outside it, annotated as ``file=/abs/path`` and put in SARIF as a
    ``file:///`` uri, none of which GitHub finds in the repository. They are named as the
    relative path would be, with the same fingerprints, and nothing is warned of."""
    (tmp_path / "assessment").mkdir()
    shutil.copy(MINI_RUBRIC, tmp_path / "rubric.yaml")
    shutil.copy(ANSWERS, tmp_path / "assessment" / "lead.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    given = tmp_path / "assessment" / "lead.yaml"
    absolute = civdata_in(tmp_path, "report", "-r", "rubric.yaml", given, "-o", "abs.sarif")
    assert absolute.returncode == 0, absolute.stderr
    assert "warning" not in absolute.stderr, absolute.stderr
    annotated = commands_in(absolute.stderr)
    assert annotated and {command.properties["file"] for command in annotated} == {"assessment/lead.yaml"}
    assert _sarif_files(tmp_path / "abs.sarif") == {("assessment/lead.yaml", "%SRCROOT%")}
    relative = civdata_in(tmp_path, "report", "-r", "rubric.yaml", "assessment/lead.yaml", "-o", "rel.sarif")
    assert relative.returncode == 0, relative.stderr
    assert _fingerprints(tmp_path / "abs.sarif") == _fingerprints(tmp_path / "rel.sarif")
    quality = civdata_in(tmp_path, "report", "-r", "rubric.yaml", given, "-f", "codequality", "-o", "-")
    assert {issue["location"]["path"] for issue in json.loads(quality.stdout)} == {"assessment/lead.yaml"}


def test_a_path_inside_given_by_dot_dot_or_through_a_link_is_named_from_the_folder(tmp_path: Path) -> None:
    """Run from ``assessment/``, ``../assessment/lead.yaml`` is inside it, and so is a path through
    a link to the folder (``/tmp`` is a link to ``/private/tmp`` on macOS): no warning, and the
    file is named ``lead.yaml``."""
    (tmp_path / "assessment").mkdir()
    (tmp_path / "link").symlink_to("assessment")
    shutil.copy(ANSWERS, tmp_path / "assessment" / "lead.yaml")
    for given in ("../assessment/lead.yaml", tmp_path / "link" / "lead.yaml"):
        result = civdata_in(
            tmp_path / "assessment", "report", "-r", MINI_RUBRIC, given, "--annotations", "github", "-o", "r.md"
        )
        assert result.returncode == 0, result.stderr
        assert "warning" not in result.stderr, result.stderr
        assert {command.properties["file"] for command in commands_in(result.stderr)} == {"lead.yaml"}


def test_a_file_truly_outside_is_still_warned_of_and_named_as_given(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "elsewhere").mkdir()
    outside = tmp_path / "elsewhere" / "lead.yaml"
    shutil.copy(ANSWERS, outside)
    result = civdata_in(tmp_path / "repo", "report", "-r", MINI_RUBRIC, outside, "-o", "r.sarif")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "civdata: warning: CI locations name files by their paths from the folder civdata runs in "
        f"({tmp_path / 'repo'}), which GitHub and GitLab read from the repository root, and {outside} is outside "
        "that folder: run civdata from the repository root on files inside it"
    )
    assert _sarif_files(tmp_path / "repo" / "r.sarif") == {(outside.as_uri(), None)}


# --- A usage problem civdata finds itself, under annotations -----------------------------------------


@pytest.mark.parametrize(
    ("environment", "options", "annotated"),
    [
        ({"GITHUB_ACTIONS": "true"}, (), True),
        ({}, ("--annotations=github",), True),
        ({}, ("--annotations", "github"), True),
        ({"GITHUB_ACTIONS": "true"}, ("--annotations", "none"), False),
        ({}, (), False),
    ],
)
def test_an_option_given_twice_is_an_error_annotation_under_annotations(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    options: tuple[str, ...],
    annotated: bool,
) -> None:
    """docs/ci.md: a problem with no place in a file is written as ``::error::``. The one civdata
    finds in the command line itself, before the option parser reads ``--annotations``, was
    plain; it follows ``--annotations`` (and ``GITHUB_ACTIONS``) as every other one does."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    said = "civdata: --fail-on is given 2 times ('high', then 'low'); give it once"
    result = civdata_in(
        tmp_path, "report", "-r", MINI_RUBRIC, ANSWERS, "--fail-on", "high", *options, "--fail-on", "low", "-o", "r.md"
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"::error::{said}" if annotated else said]


# --- The action: what paths takes, and the gates docs/ci.md lists ----------------------------------


def _workspace(tmp_path: Path) -> Path:
    """A workspace of the county-justice example twice (tests.conftest.then_and_now): its answers
    of May in ``may round/`` (a folder with a space), October's in ``county justice/lead.yaml``
    and ``others/``, the funder's answer on the data custodian left out (so not all is answered)."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    then_and_now(workspace)
    (workspace / "then").rename(workspace / "may round")
    (workspace / "county justice").mkdir()
    (workspace / "now" / "lead.yaml").rename(workspace / "county justice" / "lead.yaml")
    (workspace / "now").rename(workspace / "others")
    funder = workspace / "others" / "funder.yaml"
    text = funder.read_text(encoding="utf-8")
    assert "\n  data-custodian: undecided\n" in text
    funder.write_text(text.replace("\n  data-custodian: undecided\n", "\n"), encoding="utf-8")
    return workspace


def test_the_actions_paths_take_one_path_per_line_and_still_split_a_line_at_spaces(tmp_path: Path) -> None:
    """A path with a space could not be given at all (every path was split at spaces). A line that
    is an existing file or folder as a whole is one path now; any other line is split as before."""
    workspace = _workspace(tmp_path)
    paths = "county justice/lead.yaml\n  others/community.yaml others/funder.yaml  \n\n"
    result = run_action(tmp_path, {"paths": paths, "output": "r.json"}, tmp_path / "summary.md", cwd=workspace)
    assert result.returncode == 0, result.stderr
    respondents = json.loads((workspace / "r.json").read_text(encoding="utf-8"))["respondents"]
    assert len(respondents) == 3
    files = {command.properties["file"] for command in commands_in(result.stderr)}
    assert files and files <= {"county justice/lead.yaml", "others/community.yaml", "others/funder.yaml"}, files
    folder = run_action(tmp_path, {"paths": "may round/", "output": "r.json"}, tmp_path / "summary.md", cwd=workspace)
    assert folder.returncode == 0, folder.stderr


@pytest.mark.parametrize(
    ("inputs", "given"),
    [
        ({"fail-under": "99"}, [("--fail-under", "99")]),
        ({"min-coverage": "100"}, [("--min-coverage", "100")]),
        (
            {"baseline": "may round/", "fail-on-regression": "scores, high"},
            [("--fail-on-regression", "scores"), ("--fail-on-regression", "high")],
        ),
    ],
)
def test_each_gate_of_the_action_reaches_civdata(
    tmp_path: Path, inputs: dict[str, str], given: list[tuple[str, str]]
) -> None:
    """docs/ci.md lists --fail-under, --min-coverage, --baseline and --fail-on-regression among the
    gates, and the action had no input for them. Each reaches civdata's gates now (the JSON
    report lists them), and one that fails fails the job with its annotation."""
    workspace = _workspace(tmp_path)
    paths = "county justice/lead.yaml\nothers/"
    result = run_action(tmp_path, {"paths": paths, "output": "r.json"} | inputs, tmp_path / "summary.md", cwd=workspace)
    assert result.returncode == 1, result.stderr
    report = json.loads((workspace / "r.json").read_text(encoding="utf-8"))
    checks = {(check["gate"], check["threshold"]): check["passed"] for check in report["gates"]["checks"]}
    assert set(given) <= set(checks), checks
    titles = {command.properties.get("title", "") for command in commands_in(result.stderr)}
    failed = {f"civdata gate failed: {gate} {threshold}" for (gate, threshold), passed in checks.items() if not passed}
    assert failed and failed <= titles, (failed, titles)
    assert ("progress" in report) is ("baseline" in inputs)


def test_the_actions_new_inputs_are_never_run_as_shell_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    hostile = f"$(touch {marker}) `touch {marker}` ; touch {marker}"
    for name in ("fail-under", "min-coverage", "baseline", "fail-on-regression"):
        result = run_action(tmp_path, {"paths": LEAD, name: hostile}, tmp_path / "summary.md")
        assert result.returncode == 2, (name, result.stderr)
        assert not marker.exists(), name


def test_every_input_of_the_action_is_in_the_docs_table() -> None:
    inputs = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    section = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8").split("## The GitHub Action", 1)[1]
    rows = dict(re.findall(r"^\| `([\w-]+)` \| (.*) \|$", section.split("\n## ", 1)[0], re.M))
    assert set(rows) == set(inputs)
    assert ".html" in inputs["output"]["description"] and ".html" in rows["output"]


# --- The README's exit codes --------------------------------------------------------------------------


def test_the_readme_says_a_baseline_alone_fails_nothing_as_civdata_does(tmp_path: Path) -> None:
    """README's row for exit code 1 listed "a score worse than the --baseline's" among the gates, as
    if --baseline alone gated; a worse score and a new finding fail only with --fail-on-regression."""
    then_and_now(tmp_path)
    compared = civdata_in(tmp_path, "report", "now/", "--baseline", "then/", "-o", "r.md")
    assert compared.returncode == 0, compared.stderr
    for gate in ("scores", "high"):
        gated = civdata_in(
            tmp_path, "report", "now/", "--baseline", "then/", "--fail-on-regression", gate, "-o", "r.md"
        )
        assert gated.returncode == 1, (gate, gated.stderr)
    row = re.search(r"^\| 1 \| (.*) \|$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert row, "README.md's exit-code table has no row for 1"
    assert "with `--fail-on-regression` beside a `--baseline`, a score worse than the baseline's" in row.group(1)
    assert "`--baseline` alone only compares, and fails nothing." in row.group(1)
