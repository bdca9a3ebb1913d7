"""Exit codes mean one thing each, whatever goes wrong, so a CI gate never passes or fails wrongly.

0 ok, 1 a gate failed, 2 invalid input or usage or an output that cannot be written, 3 a bug in
civdata, 130 Ctrl-C, 128+N signal N. Attacks: an exception injected into every command, standard
output closed, full or abandoned, SOURCE_DATE_EPOCH in every wrong shape, conditions and YAML
nested past every limit, files with nothing in them, signals in the middle of a save.
"""

from __future__ import annotations

import fnmatch
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civdata.cli import app
from civdata.problems import InputError
from civdata.rubric_checks import MAX_CONDITION_DEPTH
from civdata.rubric_loader import rubric_from_document
from civdata.yamlsource import MAX_DEPTH, parse_yaml
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT, civdata_command

ANSWERS = FIXTURES / "mini-answers.yaml"
LOCATED = re.compile(r"^.+:\d+:\d+: \S", re.M)
#: The note ``report`` gives for a folder's subfolders, which it does not enter (tests/fixtures/multi has one).
SUBFOLDER_NOTE = re.compile(r"^civdata: subfolders? .* not entered: .*\n?", re.M)


def errors_of(stderr: str) -> str:
    """Standard error without the note about subfolders not entered."""
    return SUBFOLDER_NOTE.sub("", stderr)


#: Commands that reach every part of civdata, with a function each one calls, to break.
COMMANDS = {
    "report": (["report", str(ANSWERS), "-r", str(MINI_RUBRIC), "--fail-on", "info"], "civdata.scoring", "assess"),
    "report folder": (
        ["report", str(FIXTURES / "multi"), "-r", str(MINI_RUBRIC), "--fail-on", "info"],
        "civdata.reporting",
        "Combiner",
    ),
    "template": (["template", "-r", str(MINI_RUBRIC)], "civdata.template", "render_template"),
    "rubric list": (["rubric", "list"], "civdata.catalog", "bundled_rubrics"),
    # load_rubric_to_publish since 2026-11-28 (afternoon): validate also checks what outputs would spell out.
    "rubric validate": (["rubric", "validate", str(MINI_RUBRIC)], "civdata.rubric_loader", "load_rubric_to_publish"),
    "rubric docs": (["rubric", "docs", "-r", str(MINI_RUBRIC)], "civdata.rubric_docs", "render_rubric_docs"),
    "schema": (["schema", "rubric"], "civdata.schemacheck", "load_schema"),
}


def python(code: str, *args: str, env: dict[str, str] | None = None, **options) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=options.pop("cwd", ROOT),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
        **options,
    )


BREAK_AND_RUN = """
    import importlib, sys
    module = importlib.import_module(sys.argv[1])
    def broken(*args, **kwargs):
        raise {error}
    setattr(module, sys.argv[2], broken)
    from civdata.cli import main
    main(sys.argv[3:])
"""


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(
    "error",
    ["ZeroDivisionError('boom')", "KeyError('x')", "RecursionError()", "OSError(5, 'I/O error')", "ValueError()"],
)
def test_an_internal_error_exits_3_with_one_line_that_says_it_is_a_bug(command: str, error: str) -> None:
    args, module, function = COMMANDS[command]
    result = python(BREAK_AND_RUN.format(error=error), module, function, *args)
    assert result.returncode == 3, result.stderr
    lines = errors_of(result.stderr).strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" in lines[0] and "bug in civdata" in lines[0]
    assert error.split("(")[0] in lines[0]
    assert "report it to the civdata maintainers with the command you ran" in lines[0]
    assert "CIVDATA_DEBUG=1" in lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("missing", ["typer", "civdata.cli.report", "rich", "yaml", "jsonschema"])
def test_a_broken_installation_exits_3_with_one_line(missing: str, tmp_path: Path) -> None:
    """A library that cannot be imported, at start-up or later in a command, is never a gate result.

    jsonschema is imported only to explain a file that is not valid, so that is the file it gets.
    """
    answers = ANSWERS
    if missing == "jsonschema":
        answers = tmp_path / "invalid.yaml"
        answers.write_text(ANSWERS.read_text(encoding="utf-8").replace("format: 1", "format: 2"), encoding="utf-8")
    code = f"import sys; sys.modules[{missing!r}] = None; from civdata.__main__ import run; run()"
    result = python(code, "report", str(answers), "-r", str(MINI_RUBRIC), "-f", "text", "--fail-on", "info")
    assert result.returncode == 3
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(("civdata: cannot start (ModuleNotFoundError: ", "civdata: internal error (ModuleNotFound"))
    assert "report it to the civdata maintainers" in line


@pytest.mark.slow
def test_civdata_debug_shows_the_traceback() -> None:
    args, module, function = COMMANDS["report"]
    result = python(
        BREAK_AND_RUN.format(error="ZeroDivisionError('boom')"), module, function, *args, env={"CIVDATA_DEBUG": "1"}
    )
    assert result.returncode == 3
    assert "Traceback (most recent call last)" in result.stderr and "ZeroDivisionError: boom" in result.stderr


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "-1", "100.5", "x"])
def test_a_fail_under_that_no_score_can_be_below_is_refused(value: str) -> None:
    """With nan, no score is ever below the gate: it would pass whatever the answers."""
    result = CliRunner().invoke(app, ["report", str(ANSWERS), "-r", str(MINI_RUBRIC), f"--fail-under={value}"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_usage_errors_keep_exit_2() -> None:
    for args in (
        ["report"],
        ["report", "--bogus"],
        ["schema", "nothing"],
        ["report", str(ANSWERS), "--fail-under", "x"],
    ):
        result = subprocess.run([*civdata_command(), *args], capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


# --- Standard output ------------------------------------------------------------------------------

STDOUT_COMMANDS = [
    ["report", str(ANSWERS), "-r", str(MINI_RUBRIC)],
    ["report", str(ANSWERS), "-r", str(MINI_RUBRIC), "-f", "json", "--fail-on", "info"],
    ["report", str(FIXTURES / "multi"), "-r", str(MINI_RUBRIC), "-f", "text"],
    ["template"],
    ["rubric", "docs"],
    ["rubric", "list"],
    ["rubric", "validate", str(MINI_RUBRIC)],
    ["schema", "rubric"],
    ["schema", "answers", "-f", "markdown"],
    ["--version"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", STDOUT_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("how", ["closed", "full"])
def test_a_closed_or_full_standard_output_exits_2_with_one_line(args: list[str], how: str) -> None:
    redirect = ">&-" if how == "closed" else "> /dev/full"
    command = " ".join(f"'{part}'" for part in [*civdata_command(), *args])
    result = subprocess.run(
        ["bash", "-c", f"{command} {redirect}"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2, result.stderr
    reason = "it is closed" if how == "closed" else "No space left on device"
    assert errors_of(result.stderr).strip() == f"civdata: cannot write to standard output: {reason}"


@pytest.mark.slow
@pytest.mark.parametrize("args", STDOUT_COMMANDS[:4], ids=" ".join)
def test_a_reader_that_goes_away_ends_civdata_quietly_with_exit_2(args: list[str]) -> None:
    with subprocess.Popen([*civdata_command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| head` that has read enough, before civdata writes
        stderr = errors_of(process.stderr.read().decode())
        code = process.wait(timeout=60)
    assert code == 2
    assert stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize("command", ["rubric docs", "combined report"])
def test_a_reader_that_leaves_in_the_middle_of_a_large_output_is_never_exit_0(tmp_path: Path, command: str) -> None:
    """The system takes part of a large write when the reader leaves; the rest must not vanish
    silently with exit 0 (Python's text layer drops it), but end as exit 2."""
    args = ["rubric", "docs"]
    if command == "combined report":
        source = ROOT / "examples" / "county-justice" / "lead.yaml"
        for index in range(40):
            text = source.read_text(encoding="utf-8").replace("name: Dana Okafor", f"name: Person {index}")
            (tmp_path / f"p{index}.yaml").write_text(text, encoding="utf-8")
        # JSON with every respondent's detail: a large group's summary alone now fits a pipe's buffer.
        args = ["report", str(tmp_path), "-f", "json", "--detail", "--fail-on", "critical"]
    with subprocess.Popen([*civdata_command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(100)
        process.stdout.close()
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert (code, stderr) == (2, "")


class PartialBuffer:
    """A pipe whose reader leaves: the first write takes part, the next fails."""

    def __init__(self) -> None:
        self.taken = b""

    def write(self, data: memoryview) -> int:
        if self.taken:
            raise BrokenPipeError(32, "Broken pipe")
        self.taken = bytes(data[:10])
        return 10

    def flush(self) -> None:
        pass


class PartialStream:
    encoding, errors, line_buffering = "ascii", "strict", False

    def __init__(self) -> None:
        self.buffer = PartialBuffer()

    def flush(self) -> None:
        pass


def test_a_partial_write_is_continued_and_its_failure_reported() -> None:
    from civdata.files import StdoutError, write_all

    stream = PartialStream()
    with pytest.raises(BrokenPipeError):
        write_all(stream, "é" + "x" * 100)
    assert stream.buffer.taken == b"?" + b"x" * 9  # unencodable characters become ?
    with pytest.raises(StdoutError) as error:
        from civdata.files import GuardedStdout

        GuardedStdout(PartialStream()).write("x" * 100)
    assert error.value.errno == 32


# --- SOURCE_DATE_EPOCH ------------------------------------------------------------------------------

BAD_EPOCHS = ["abc", "-1", "1e9", "1.5", "0x10", "99999999999999999999", "253402300800", "١٢٣", "12 34", "+5"]


@pytest.mark.parametrize("epoch", BAD_EPOCHS)
@pytest.mark.parametrize("command", ["report", "assess"])
def test_a_wrong_source_date_epoch_is_a_usage_problem_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, epoch: str
) -> None:
    from civdata.cli import assess as assess_command

    monkeypatch.setattr(assess_command, "not_a_terminal", lambda: None)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    args = (
        ["report", str(ANSWERS), "-r", str(MINI_RUBRIC)] if command == "report" else ["assess", "-r", str(MINI_RUBRIC)]
    )
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("civdata: SOURCE_DATE_EPOCH is '")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("epoch", "date"), [("0", "1970-01-01"), ("253402300799", "9999-12-31"), (" 86400 ", "1970-01-02")]
)
def test_source_date_epoch_at_its_limits_dates_the_report(
    monkeypatch: pytest.MonkeyPatch, epoch: str, date: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = CliRunner().invoke(app, ["report", str(ANSWERS), "-r", str(MINI_RUBRIC), "-f", "markdown"])
    assert result.exit_code == 0
    assert f", {date} |" in result.stdout


# --- Nesting ------------------------------------------------------------------------------------------

RULE_TAIL = "{question: sensitive, equals: 'yes'}"


def nested_condition(kind: str, depth: int) -> str:
    """A flow-style condition nesting ``kind`` ``depth`` times around one test."""
    text = RULE_TAIL
    for _ in range(depth):
        text = f"{{not: {text}}}" if kind == "not" else f"{{{kind}: [{text}]}}"
    return text


def rubric_with_rule(condition: str) -> str:
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    finding = "{severity: low, title: Deep, recommendation: Flatten it.}"
    rule = f"  - id: deep\n    when: {condition}\n    finding: {finding}\n"
    return text.replace("rules:\n", "rules:\n" + rule, 1)


@pytest.mark.parametrize("kind", ["not", "all", "any"])
@pytest.mark.parametrize("depth", [MAX_CONDITION_DEPTH, MAX_CONDITION_DEPTH + 1, 49, 250, 990, 5000])
def test_deeply_nested_conditions_are_located_problems_never_a_crash(kind: str, depth: int) -> None:
    assert "rules:\n" in MINI_RUBRIC.read_text(encoding="utf-8")
    document, problems = parse_yaml(rubric_with_rule(nested_condition(kind, depth)), "deep.yaml")
    if depth <= MAX_CONDITION_DEPTH:
        assert "deep" in [rule.id for rule in rubric_from_document(document, problems).rules]
        return
    with pytest.raises(InputError) as error:
        rubric_from_document(document, problems)
    assert all(problem.line >= 1 for problem in error.value.problems)
    assert any("nest" in problem.message for problem in error.value.problems), error.value.problems


@pytest.mark.slow
@pytest.mark.parametrize(("depth", "limit"), [(60, "more than 20 levels deep"), (250, "more than 100 levels deep")])
def test_a_rule_with_nested_nots_is_exit_2_in_a_real_process(tmp_path: Path, depth: int, limit: str) -> None:
    rubric = tmp_path / "deep.yaml"
    rubric.write_text(rubric_with_rule(nested_condition("not", depth)), encoding="utf-8")
    for args in (["rubric", "validate", str(rubric)], ["report", str(ANSWERS), "-r", str(rubric)]):
        result = subprocess.run([*civdata_command(), *args], capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2
        assert LOCATED.search(result.stderr) and limit in result.stderr


@pytest.mark.parametrize("depth", [MAX_DEPTH - 5, MAX_DEPTH + 1, 500, 998, 1200])
@pytest.mark.parametrize("style", ["flow list", "flow mapping", "block mapping"])
def test_yaml_nested_past_the_limit_anywhere_is_one_located_problem(style: str, depth: int) -> None:
    if style == "flow list":
        value = "[" * depth + "]" * depth
    elif style == "flow mapping":
        value = "{a: " * depth + "1" + "}" * depth
    else:
        value = "".join(f"\n{'  ' * (level + 2)}k{level}:" for level in range(depth)) + " 1"
    text = ANSWERS.read_text(encoding="utf-8") + f"  extra: {value}\n"
    _, problems = parse_yaml(text, "deep.yaml")
    if depth + 2 <= MAX_DEPTH:
        assert problems == []
        return
    assert len(problems) == 1 and problems[0].line >= 1
    assert "nest" in problems[0].message


# --- Blank and odd initiatives among combined respondents -------------------------------------------

INITIATIVES = ["", "~", "null", "'   '", "Riverside legal aid data hub", "'riverside  LEGAL aid data hub '", "Other"]
MULTI = sorted((FIXTURES / "multi").glob("*.yaml"))


@pytest.mark.parametrize("seed", range(12))
def test_any_mix_of_blank_and_named_initiatives_reports_or_refuses_never_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """The docs allow a blank initiative; combined with named ones it must give a report or a
    located problem, in every format, never an exception."""
    import random

    chooser = random.Random(f"initiative-{seed}")
    monkeypatch.chdir(tmp_path)
    for source in chooser.sample(MULTI, k=chooser.randint(2, len(MULTI))):
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^initiative:.*$", f"initiative: {chooser.choice(INITIATIVES)}", text)
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    for format_name in ("markdown", "json", "text"):
        result = CliRunner().invoke(app, ["report", ".", "-r", str(MINI_RUBRIC), "-f", format_name])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            assert LOCATED.search(result.stderr) and "initiative" in result.stderr


# --- Files with nothing in them -----------------------------------------------------------------------

EMPTY_FILES = ["", "\n\n", "# only a comment\n", "---\n", "--- \n...\n", "\ufeff", "null\n", "~\n", "   \n\t\n"]


@pytest.mark.parametrize("text", EMPTY_FILES)
@pytest.mark.parametrize("role", ["answers", "rubric", "validate", "resume"])
def test_an_empty_file_is_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, role: str
) -> None:
    from civdata.cli import assess as assess_command

    monkeypatch.setattr(assess_command, "not_a_terminal", lambda: None)
    empty = tmp_path / "empty.yaml"
    empty.write_text(text, encoding="utf-8")
    args = {
        "answers": ["report", str(empty), "-r", str(MINI_RUBRIC)],
        "rubric": ["report", str(ANSWERS), "-r", str(empty)],
        "validate": ["rubric", "validate", str(empty)],
        "resume": ["assess", "--resume", str(empty), "-r", str(MINI_RUBRIC)],
    }[role]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert LOCATED.search(result.stderr), result.stderr
    assert "0 problems" not in result.stderr


def test_every_refusal_names_at_least_one_problem() -> None:
    from civdata.cli.app import report_problems

    with pytest.raises(RuntimeError):
        report_problems([])


# --- Signals during a save --------------------------------------------------------------------------

SIGNAL_DURING_SAVE = """
    import os, signal, sys
    # Started in the background (as CI runs the suite on the lowest versions), a process ignores
    # SIGINT; one started at a terminal, whose Ctrl-C this stands for, does not.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    real_fsync = os.fsync
    def fsync(descriptor):
        real_fsync(descriptor)
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    os.fsync = fsync
    from civdata.cli import main
    main(sys.argv[2:])
"""


@pytest.mark.slow
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGINT", 130), ("SIGHUP", 129)])
@pytest.mark.parametrize("writer", ["report", "template", "rubric docs"])
def test_a_signal_during_a_save_leaves_no_temporary_file(tmp_path: Path, name: str, code: int, writer: str) -> None:
    target = tmp_path / "out.md"
    target.write_text("the earlier version\n", encoding="utf-8")
    args = {
        "report": ["report", str(ANSWERS), "-r", str(MINI_RUBRIC)],
        "template": ["template", "-r", str(MINI_RUBRIC), "--force"],
        "rubric docs": ["rubric", "docs", "-r", str(MINI_RUBRIC)],
    }[writer]
    result = python(SIGNAL_DURING_SAVE, name, *args, "-o", str(target), cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "the earlier version\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.md"]


@pytest.mark.slow
def test_a_temporary_file_left_by_sigkill_is_caught_by_the_documented_gitignore_line(tmp_path: Path) -> None:
    result = python(
        SIGNAL_DURING_SAVE, "SIGKILL", "report", str(ANSWERS), "-r", str(MINI_RUBRIC), "-o", "r.md", cwd=tmp_path
    )
    assert result.returncode == -signal.SIGKILL
    (left,) = [path.name for path in tmp_path.iterdir()]
    # The picture beside the report is written first, through the same temporary files.
    assert left.startswith((".r.md.", ".r.areas.svg.")) and left.endswith(".civdata-tmp")
    assert oct(os.stat(tmp_path / left).st_mode & 0o777) == "0o600"
    ignored = [
        line for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines() if line == "*.civdata-tmp"
    ]
    assert ignored and fnmatch.fnmatch(left, ignored[0])
    docs = (ROOT / "docs" / "files-and-safety.md").read_text(encoding="utf-8")
    assert "*.civdata-tmp" in docs
