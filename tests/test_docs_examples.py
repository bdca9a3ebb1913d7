"""Every example in docs/ is run or validated, so the documentation cannot drift from civdata.

Each fenced block in YAML, JSON or shell is checked according to what it is. Most blocks say it
by their content; any other needs a marker, an HTML comment on the last line before the fence
(invisible when the page is rendered):

    <!-- example: KIND -->

- ``answers``: a whole answers file (the default for YAML with ``answers:``). ``civdata report``
  accepts it against its rubric, and so does the rubric's answers schema.
- ``rubric``: a whole rubric (the default for YAML with ``areas:``); ``civdata rubric validate``
  accepts it.
- ``report``: a whole JSON report (the default for JSON), valid against the report schema closed
  to undescribed fields.
- ``report-excerpt``: part of a JSON report, valid against the same schema less its required
  fields: every field shown exists, with the right type.
- ``excerpt: PATH``: lines copied from a file in the repository; they appear in it as written, in
  order (lines between may be left out, and a comment added at the end of a line).
- ``json-excerpt: PATH``: part of a JSON report committed at PATH, valid as a ``report-excerpt``,
  whose every value is the file's: a mapping shows some of its keys, a list its first items, and
  ``"…"`` stands for any text.
- ``run``: shell commands (the default for ``sh`` and ``console``). Each runs in a scratch folder
  with the examples, three respondents' files, a ``team/`` folder, ``my-rubric.yaml``, the
  ``initiative-a/`` and ``initiative-b/`` of docs/in-a-repository.md and ``consultation.csv``, and
  exits 0 or 1 (a failed gate), never 2 (a mistake in the command or a file).
- ``help-only``: commands too slow to run here; each runs with ``--help`` added, which fails on an
  option that does not exist.
- ``schema: vendor.NAME``: a CI platform's file (``vendor.github-workflows``,
  ``vendor.gitlab-ci``), valid against that platform's published schema as check-jsonschema ships it.
- ``pre-commit-config: NAME``: a ``.pre-commit-config.yaml``; ``pre-commit validate-config``
  accepts it (tests/test_precommit.py runs it, finding it by NAME).
- ``partial (why)``: a fragment that cannot be checked alone; the reason must be given.
- ``output``: what a command prints (the default for a ``console`` block with no ``$`` line).

In a ``console`` block only lines starting with ``$`` are commands; the rest is their output.
``civdata assess`` asks its questions in a terminal, so it is always run with ``--help``.
Blocks in other languages (or none) are output or illustrations and are not checked.
"""

from __future__ import annotations

import copy
import itertools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from civdata.answers_schema import answers_schema
from civdata.inputs import load_answer_sets
from civdata.rubric_loader import load_rubric
from civdata.schemacheck import strict_validator
from civdata.yamlsource import parse_yaml
from tests.conftest import MINI_RUBRIC, ROOT
from tests.platform_schemas import check_jsonschema
from tests.report_schema import closed_report_schema, report_document
from tests.two_initiatives import make_two_initiatives

DOCS = ROOT / "docs"
CHECKED_LANGUAGES = {"yaml", "yml", "json", "sh", "bash", "shell", "console"}
FENCE = re.compile(r"^(?P<indent> *)```(?P<language>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S)
MARKER = re.compile(r"<!--\s*example:\s*(?P<kind>[\w-]+)(?::\s*(?P<argument>[^ ]+?)|\s*\((?P<reason>[^)]+)\))?\s*-->")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    language: str
    body: str
    kind: str
    argument: str | None

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def _marker(text: str, start: int) -> re.Match[str] | None:
    before = [line for line in text[:start].splitlines() if line.strip()]
    return MARKER.fullmatch(before[-1].strip()) if before else None


def _default_kind(language: str, body: str) -> str:
    if language == "console" and not any(line.startswith("$ ") for line in body.splitlines()):
        return "output"
    if language in ("sh", "bash", "shell", "console"):
        return "run"
    if language == "json":
        return "report"
    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return "unmarked"
    if isinstance(data, dict) and "answers" in data and "format" in data:
        return "answers"
    if isinstance(data, dict) and "areas" in data and "format" in data:
        return "rubric"
    return "unmarked"


def blocks() -> list[Block]:
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            language = match["language"].lower()
            if language not in CHECKED_LANGUAGES:
                continue
            indent = len(match["indent"])
            body = "".join(line[indent:] for line in match["body"].splitlines(keepends=True))
            marker = _marker(text, match.start())
            kind = marker["kind"] if marker else _default_kind(language, body)
            if marker and kind == "partial":
                assert marker["reason"], f"{page}: a partial example says why: <!-- example: partial (why) -->"
            argument = marker["argument"] if marker else None
            found.append(Block(page, text[: match.start()].count("\n") + 1, language, body, kind, argument))
    return found


BLOCKS = blocks()


def test_the_docs_have_examples_of_every_checked_kind() -> None:
    kinds = {block.kind for block in BLOCKS}
    assert {"answers", "rubric", "report-excerpt", "excerpt", "run", "help-only"} <= kinds, kinds
    assert len(BLOCKS) >= 15


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.name)
def test_docs_example(block: Block, tmp_path: Path) -> None:
    check = CHECKS.get(block.kind)
    assert check is not None, (
        f"{block.name}: a {block.language} block civdata cannot check as it is; mark it with "
        f"<!-- example: KIND --> on the line before it (see tests/test_docs_examples.py for the kinds)"
    )
    check(block, tmp_path)


def check_answers(block: Block, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(block.body, encoding="utf-8")
    rubric, answer_sets = load_answer_sets([path], None)  # raises with every problem, as `civdata report`
    assert answer_sets
    document, problems = parse_yaml(block.body, "answers.yaml")
    assert not problems
    errors = [
        error.message
        for error in strict_validator(answers_schema(rubric), check_formats=True).iter_errors(document.data)
    ]
    assert not errors, errors


def check_rubric(block: Block, tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text(block.body, encoding="utf-8")
    load_rubric(path)


def check_report(block: Block, tmp_path: Path) -> None:
    report_document(block.body)


def _without_required(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _without_required(value) for key, value in node.items() if key != "required"}
    if isinstance(node, list):
        return [_without_required(item) for item in node]
    return node


def check_report_excerpt(block: Block, tmp_path: Path) -> None:
    import json

    schema = _without_required(copy.deepcopy(closed_report_schema()))
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
        for error in strict_validator(schema, check_formats=True).iter_errors(json.loads(block.body))
    ]
    assert not errors, errors
    _check_bundled_rubric(block, json.loads(block.body).get("rubric"))


def _check_bundled_rubric(block: Block, rubric: object) -> None:
    """An excerpt's bundled rubric is the one civdata ships: its version and SHA-256 as a real
    report gives them, so the example cannot go stale when the rubric changes."""
    if not isinstance(rubric, dict) or not str(rubric.get("file", "")).startswith("bundled: "):
        return
    from civdata.catalog import find_rubric
    from civdata.rubric_loader import load_rubric

    shipped = load_rubric(find_rubric(rubric["id"]))
    assert rubric["file"] == shipped.source, block.name
    assert (rubric.get("version"), rubric.get("sha256")) == (shipped.version, shipped.sha256), block.name


def check_json_excerpt(block: Block, tmp_path: Path) -> None:
    """A report excerpt (see :func:`check_report_excerpt`) whose values are those of the report
    it names, so its numbers cannot go stale when the example or the rubric changes."""
    import json

    assert block.argument, f"{block.name}: name the file: <!-- example: json-excerpt: PATH -->"
    check_report_excerpt(block, tmp_path)
    differences = _not_in(json.loads(block.body), json.loads((ROOT / block.argument).read_text(encoding="utf-8")))
    assert not differences, f"{block.name}: not as in {block.argument}: {differences[:5]}"


def _not_in(shown: Any, actual: Any, where: str = "") -> list[str]:
    """Where ``shown`` says otherwise than ``actual``: a mapping's keys shown must be there with
    their values, a list's items shown must be its first ones, ``"…"`` is any text."""
    if shown == "…" and isinstance(actual, str):
        return []
    if isinstance(shown, dict) and isinstance(actual, dict):
        return [
            difference
            for key, value in shown.items()
            for difference in (
                _not_in(value, actual[key], f"{where}/{key}") if key in actual else [f"{where}/{key}: not in the file"]
            )
        ]
    if isinstance(shown, list) and isinstance(actual, list) and len(shown) <= len(actual):
        return [
            difference
            for index, item in enumerate(shown)
            for difference in _not_in(item, actual[index], f"{where}/{index}")
        ]
    if shown == actual and type(shown) is type(actual):
        return []
    return [f"{where}: {shown!r} shown, {actual!r} in the file"]


_COMMENT = re.compile(r"\s+#\s.*$")


def check_excerpt(block: Block, tmp_path: Path) -> None:
    """The block's lines are in the file, in the same order (lines between may be left out, and
    a comment may be added at the end of a line to explain it)."""
    assert block.argument, f"{block.name}: name the file: <!-- example: excerpt: PATH -->"
    source = (ROOT / block.argument).read_text(encoding="utf-8")
    written = iter(_COMMENT.sub("", line).rstrip() for line in source.splitlines())
    missing = [
        line
        for line in (_COMMENT.sub("", line).rstrip() for line in block.body.splitlines())
        if line and not any(candidate == line for candidate in written)
    ]
    assert not missing, f"{block.name}: not in {block.argument} in this order: {missing[0]!r}"


def _commands(block: Block) -> list[str]:
    lines = block.body.splitlines()
    if block.language == "console":
        return [line[2:] for line in lines if line.startswith("$ ")]
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _environment() -> dict[str, str]:
    """civdata and the test tools of this Python first on PATH; dates fixed; colour off."""
    return os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}


def _workspace(tmp_path: Path) -> Path:
    """A folder as the docs imagine it: the examples, three respondents' files and a team folder,
    a rubric of one's own, the repository of two initiatives that docs/in-a-repository.md shows,
    and a field form's export as docs/field-collection.md downloads it."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples", work / "examples")
    make_two_initiatives(work)
    shutil.copy(ROOT / "examples" / "community-consultation" / "submissions.csv", work / "consultation.csv")
    (work / "team").mkdir()
    for name in ("lead", "community", "funder"):
        answers = (ROOT / "examples" / "county-justice" / f"{name}.yaml").read_bytes()
        (work / f"{name}.yaml").write_bytes(answers)
        (work / "team" / f"{name}.yaml").write_bytes(answers)
    shutil.copy(MINI_RUBRIC, work / "my-rubric.yaml")
    return work


def run_commands(block: Block, tmp_path: Path) -> None:
    commands = _commands(block)
    assert commands, f"{block.name}: no command to run"
    work = _workspace(tmp_path)
    for command in commands:
        if command.startswith("civdata assess"):
            _run_help(block, command)
            continue
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=work,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode in (0, 1), f"{block.name}: `{command}` exited {result.returncode}:\n{result.stderr}"


def _run_help(block: Block, command: str) -> None:
    words = command.split("#")[0].split()
    result = subprocess.run(
        [*words, "--help"], cwd=ROOT, env=_environment(), capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{block.name}: `{command}` is not a valid command line:\n{result.stderr}"


def run_help(block: Block, tmp_path: Path) -> None:
    for command in _commands(block):
        _run_help(block, command)


def check_pre_commit_config(block: Block, tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(block.body, encoding="utf-8")
    result = subprocess.run(
        ["pre-commit", "validate-config", str(config)],
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"{block.name}: pre-commit does not accept it:\n{result.stdout}{result.stderr}"


CHECKS = {
    "answers": check_answers,
    "rubric": check_rubric,
    "report": check_report,
    "report-excerpt": check_report_excerpt,
    "excerpt": check_excerpt,
    "json-excerpt": check_json_excerpt,
    "run": run_commands,
    "help-only": run_help,
    "schema": lambda block, tmp_path: check_jsonschema(block.argument or "", block.body),
    "pre-commit-config": check_pre_commit_config,
    "partial": lambda block, tmp_path: None,
    "output": lambda block, tmp_path: None,
}


#: A bundled rubric named with the start of its SHA-256, as a report's header names it.
_BUNDLED_HASH = re.compile(r"bundled: (?P<file>[\w.-]+\.yaml), sha256 (?P<hash>[0-9a-f]{6,64})")


def test_a_bundled_rubrics_hash_quoted_in_the_docs_is_the_one_civdata_gives() -> None:
    """docs/files-and-safety.md quotes a report's header (`bundled: NAME.yaml, sha256 ...`): the
    hash must be the rubric's as shipped, whatever changed in it since."""
    from civdata.catalog import find_rubric

    quoted = [
        (page, match)
        for page in sorted(DOCS.rglob("*.md"))
        for match in _BUNDLED_HASH.finditer(page.read_text(encoding="utf-8"))
    ]
    assert quoted
    for page, match in quoted:
        shipped = load_rubric(find_rubric(match["file"].removesuffix(".yaml")))
        assert shipped.sha256.startswith(match["hash"]), f"{page.name}: {match[0]}, but it is {shipped.sha256[:12]}"


#: The commands whose options a page lists in a table headed ``| Option | What it does |``.
OPTION_TABLES = {"assess.md": "assess", "field-collection.md": "export xlsform"}
#: Options every command has, explained once for all (docs/ci.md, docs/in-a-repository.md), not in each table.
COMMON_OPTIONS = {"--annotations", "--quiet", "--help"}
_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def _option_table(page: Path) -> set[str]:
    """The options the first column of the page's table of options names (``--role``, ``-r``)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    start = lines.index("| Option | What it does |")
    rows = itertools.takewhile(lambda line: line.startswith("|"), lines[start + 2 :])
    return {option for row in rows for option in _OPTION.findall(row.split("|")[1])}


def _command(words: str) -> Any:
    import typer

    from civdata.cli import app

    command = typer.main.get_command(app)
    context = command.context_class(command)
    for word in words.split():
        command = command.get_command(context, word)
    return command


def test_every_option_of_a_command_is_in_its_pages_table_of_options() -> None:
    """A table of options that leaves one out reads as all there is (`--lang` of assess and
    `--force` of export xlsform were missing); every such table is mapped to its command here."""
    tables = {
        page.name for page in DOCS.glob("*.md") if "| Option | What it does |" in page.read_text(encoding="utf-8")
    }
    assert tables == set(OPTION_TABLES)
    for page, words in OPTION_TABLES.items():
        listed = _option_table(DOCS / page)
        options = [parameter for parameter in _command(words).params if parameter.param_type_name == "option"]
        missing = [
            parameter.opts[0]
            for parameter in options
            if not getattr(parameter, "hidden", False)
            and not set(parameter.opts) & COMMON_OPTIONS
            and not set(parameter.opts) & listed
        ]
        assert not missing, f"docs/{page}: the table of options of `civdata {words}` lacks {missing}"
