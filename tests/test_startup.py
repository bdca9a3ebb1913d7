"""What keeps civdata quick to start, tested as behaviour (docs/performance.md).

The times themselves are measured by ``bench/bench_ratios.py``, not here: a timing in a test
suite is noise. What is tested is what makes civdata fast, so that a change undoing it fails:
each command imports only what it needs (no jsonschema for a valid file, no rich for a Markdown
or JSON report, no pydantic, no other command; nothing heavy beyond what ``import typer``
brings), ``civdata --help`` lists the commands without
loading them and exactly as typer would, and a bundled rubric is trusted by its hash while any
other file is checked in full.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.cli import app
from civdata.cli.app import COMMANDS, LazyCommands
from civdata.problems import InputError
from civdata.rubric_loader import load_rubric
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT

ANSWERS = FIXTURES / "mini-answers.yaml"
EXAMPLE = ROOT / "examples" / "county-justice" / "lead.yaml"
HEAVY = ("jsonschema", "rich", "questionary", "prompt_toolkit", "pydantic", "openpyxl", "pyxform", "lxml")
COMMAND_MODULES = {entry.module for entry in COMMANDS.values()}

#: Runs civdata in a fresh interpreter, then names every module it imported on the last line of stderr.
IMPORTS = """
import sys
from civdata.cli import main
try:
    main(sys.argv[1:])
finally:
    print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def imported(*args: object, cwd: Path = ROOT) -> tuple[int, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", IMPORTS, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=60
    )
    return result.returncode, set(result.stderr.strip().splitlines()[-1].split())


@functools.cache
def imported_by_typer() -> frozenset[str]:
    """What ``import typer`` itself imports: older typer versions import rich with it."""
    code = "import sys, typer; print(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return frozenset(result.stdout.split())


def heavy_in(modules: set[str]) -> list[str]:
    """The heavy libraries among ``modules``, beyond those ``import typer`` brings anyway."""
    return sorted(module for module in modules - imported_by_typer() if module.split(".")[0] in HEAVY)


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--version"], ["--help"], []])
def test_starting_imports_no_command_and_no_heavy_library(args: list[str]) -> None:
    _, modules = imported(*args)
    assert heavy_in(modules) == []
    assert modules.isdisjoint(COMMAND_MODULES | {"civdata.model", "yaml"})
    # Only a command that writes a file needs tempfile (and the random module it imports).
    assert "tempfile" not in modules - imported_by_typer()


@pytest.mark.slow
def test_a_report_on_the_bundled_rubric_imports_only_its_own_command(tmp_path: Path) -> None:
    code, modules = imported("report", EXAMPLE, "-o", tmp_path / "report.md")
    assert code == 0
    assert heavy_in(modules) == []
    assert modules & COMMAND_MODULES == {"civdata.cli.report"}
    # A bundled rubric is trusted by its content hash: its checks are not even imported.
    assert not modules & {"civdata.rubric_checks", "civdata.possible_answers"}
    assert "civdata.plan" not in modules  # only a file that says what kind it is could be a plan
    # The comparison with an earlier assessment loads only with --baseline.
    assert not modules & {"civdata.progress", "civdata.snapshot", "civdata.baseline"}


def test_a_report_with_a_baseline_loads_the_comparison(tmp_path: Path) -> None:
    # A copy: the answers as their own baseline are refused since 2026-11-28 (tests/test_review_1128.py).
    (tmp_path / "then.yaml").write_bytes(Path(EXAMPLE).read_bytes())
    code, modules = imported("report", EXAMPLE, "--baseline", tmp_path / "then.yaml", "-o", tmp_path / "report.md")
    assert code == 0
    assert {"civdata.progress", "civdata.snapshot", "civdata.baseline"} <= modules


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["report", ANSWERS, "-r", MINI_RUBRIC, "-f", "json", "-o", "{tmp}/report.json"],
        ["report", ANSWERS, "-r", MINI_RUBRIC, "-o", "{tmp}/report.md"],
        ["template", "-o", "{tmp}/answers.yaml"],
        ["rubric", "validate", MINI_RUBRIC],
        ["rubric", "docs", "-o", "{tmp}/rubric.md"],
        ["import", "examples/community-consultation/submissions.csv", "--report", "{tmp}/report.md"],
        ["check", ANSWERS, "-r", MINI_RUBRIC],
        ["check", EXAMPLE.parent],
    ],
)
def test_valid_files_are_handled_without_jsonschema_rich_or_pydantic(args: list[object], tmp_path: Path) -> None:
    code, modules = imported(*(str(arg).replace("{tmp}", str(tmp_path)) for arg in args))
    assert code == 0
    assert heavy_in(modules) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "pictures", "page"),
    [
        (["-f", "json", "-o", "{tmp}/report.json"], False, False),
        (["-o", "-"], False, False),
        (["-o", "{tmp}/report.md"], True, False),
        (["-o", "{tmp}/report.html"], True, True),
    ],
    ids=["json", "markdown to stdout", "markdown file", "html"],
)
def test_pictures_and_the_html_renderer_are_imported_only_when_drawn(
    args: list[str], pictures: bool, page: bool, tmp_path: Path
) -> None:
    code, modules = imported(
        "report", ANSWERS, "-r", MINI_RUBRIC, *(arg.replace("{tmp}", str(tmp_path)) for arg in args)
    )
    assert code == 0
    assert ("civdata.charts" in modules) is pictures
    assert ("civdata.render.html" in modules) is page
    assert heavy_in(modules) == []


@pytest.mark.slow
def test_a_file_that_is_not_valid_is_explained_by_jsonschema(tmp_path: Path) -> None:
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(ANSWERS.read_text(encoding="utf-8").replace("format: 1", "format: 2"), encoding="utf-8")
    code, modules = imported("report", invalid, "-r", MINI_RUBRIC, "-f", "json")
    assert code == 2
    assert "jsonschema" in modules


def test_the_command_list_is_the_one_typer_prints_with_every_command_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = CliRunner().invoke(app, ["--help"])
    monkeypatch.setattr(LazyCommands, "format_commands", TyperGroup.format_commands)
    loaded = CliRunner().invoke(app, ["--help"])
    assert lazy.exit_code == loaded.exit_code == 0
    assert lazy.output == loaded.output
    assert all(name in lazy.output for name in COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_summary_is_the_first_paragraph_of_the_commands_own_help(name: str) -> None:
    command = typer.main.get_command(importlib.import_module(COMMANDS[name].module).command)
    first_paragraph = inspect.cleandoc(command.help or "").split("\n\n")[0]
    assert COMMANDS[name].summary == " ".join(first_paragraph.split())


def test_an_unknown_command_is_still_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["reprot"])
    assert result.exit_code == 2
    assert "No such command 'reprot'" in result.output


def test_the_bytes_of_a_bundled_rubric_are_trusted_and_any_other_file_is_checked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The checks are replaced by one that always finds a problem, and the YAML parser by one that
    counts, to see when they run."""
    from civdata import rubric_loader, yamlsource

    parsed: list[str] = []
    real_parse = yamlsource.parse_yaml
    monkeypatch.setattr(
        yamlsource, "parse_yaml", lambda text, source: parsed.append(source) or real_parse(text, source)
    )
    monkeypatch.setattr(rubric_loader, "problems_before_building", lambda document: [document.problem((), "checked")])
    bundled = find_rubric(DEFAULT_RUBRIC_ID)
    assert load_rubric(bundled).id == DEFAULT_RUBRIC_ID
    same_bytes = tmp_path / "copy.yaml"
    same_bytes.write_bytes(bundled.read_bytes())
    assert load_rubric(same_bytes).id == DEFAULT_RUBRIC_ID
    one_more_line = tmp_path / "changed.yaml"
    one_more_line.write_bytes(bundled.read_bytes() + b"# a comment changes nothing, but the bytes\n")
    assert parsed == [], "the bytes of a bundled rubric are read from their parsed, checked copy"
    with pytest.raises(InputError, match="checked"):
        load_rubric(one_more_line)
    with pytest.raises(InputError, match="checked"):
        load_rubric(MINI_RUBRIC)
    assert parsed == [str(one_more_line), str(MINI_RUBRIC)]


def test_the_parsed_copy_builds_the_same_rubric_as_the_yaml() -> None:
    from civdata.rubric_loader import rubric_from_document
    from civdata.yamlsource import parse_yaml

    bundled = find_rubric(DEFAULT_RUBRIC_ID)
    document, problems = parse_yaml(bundled.read_text(encoding="utf-8"), str(bundled))
    assert problems == []
    from_yaml = rubric_from_document(document, label="bundled: civil-society-data-readiness.yaml")
    # The flag that it is a bundled rubric comes from where load_rubric read it, not from its text.
    assert load_rubric(bundled) == replace(from_yaml, sha256=load_rubric(bundled).sha256, bundled=True)


@pytest.mark.slow
def test_a_changed_copy_of_the_bundled_rubric_gets_every_check(tmp_path: Path) -> None:
    text = find_rubric(DEFAULT_RUBRIC_ID).read_text(encoding="utf-8")
    assert "severity: high" in text
    broken = tmp_path / "rubric.yaml"
    broken.write_text(text.replace("severity: high", "severity: huge", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "civdata", "rubric", "validate", str(broken)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "'huge', which is not one of" in result.stderr


@pytest.mark.parametrize(
    ("rubric", "lang"),
    [
        (MINI_RUBRIC, None),
        (FIXTURES / "translations" / "full.yaml", None),
        (FIXTURES / "translations" / "full.yaml", "es"),
    ],
    ids=["mini", "own-language", "translated"],
)
def test_a_rubric_of_ones_own_is_built_once_per_load(
    monkeypatch: pytest.MonkeyPatch, rubric: Path, lang: str | None
) -> None:
    """Every command given --rubric loads it on its way to an answer: the model is built once, and
    the scores no answers reach are judged on that same model (not on a second one built for the
    check). The scores-out-of-reach check still runs: its cases are in tests/cases/rubrics/bad."""
    from civdata import rubric_loader

    built: list[str] = []
    real_build = rubric_loader._build_rubric

    def counting_build(*args: object, **kwargs: object) -> object:
        built.append(str(kwargs.get("lang")))
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rubric_loader, "_build_rubric", counting_build)
    loaded = load_rubric(rubric, lang=lang)
    assert built == [loaded.lang], built


def test_loading_a_rubric_still_refuses_scores_no_answers_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scores no answers reach are judged on the model built for use: loading the rubric
    refuses it with each of them, as `civdata rubric validate` does."""
    monkeypatch.chdir(ROOT / "tests" / "cases")
    bad = Path("rubrics/bad/scores-out-of-reach.yaml")
    with pytest.raises(InputError) as raised:
        load_rubric(bad)
    expected = bad.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(problem) for problem in raised.value.problems] == expected
