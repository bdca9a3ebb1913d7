"""Shared fixtures. Golden files are rewritten, instead of compared, with CIVDATA_UPDATE_GOLDEN=1."""

from __future__ import annotations

import compileall
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINI_RUBRIC = FIXTURES / "mini-rubric.yaml"
UPDATE_GOLDEN = os.environ.get("CIVDATA_UPDATE_GOLDEN") == "1"


def pytest_configure(config: pytest.Config) -> None:
    """Compile this clone's civdata once, before any test starts it. A process started in the
    clone (``cwd=ROOT``) imports civdata from it rather than from the installed copy, and where
    PYTHONDONTWRITEBYTECODE is set, as on some CI machines, each such process compiled every module
    again: about 0.2 s of CPU each, hundreds of times. (Once, by the controller, not by each worker.)"""
    if not hasattr(config, "workerinput"):
        compileall.compile_dir(ROOT / "civdata", quiet=1)


@pytest.fixture
def mini_rubric_path() -> Path:
    return MINI_RUBRIC


@pytest.fixture
def mini_rubric():
    from civdata.rubric_loader import load_rubric

    return load_rubric(MINI_RUBRIC, "tests/fixtures/mini-rubric.yaml")  # as reports name it, wherever tests run


@pytest.fixture(autouse=True)
def _reproducible_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports state their date; tests pin it so golden files do not change every day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793836800")  # 2026-11-05
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    # Run inside GitHub Actions, civdata would add annotations and a job summary to every report.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def assert_golden(actual: str, golden: Path) -> None:
    """Compare ``actual`` with the committed file ``golden`` (or rewrite it when updating)."""
    if UPDATE_GOLDEN or not golden.exists():
        if not UPDATE_GOLDEN:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(actual, encoding="utf-8")
            pytest.fail(f"{golden} did not exist; it was written now, check it and commit it")
        golden.write_text(actual, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{golden} differs; rerun with CIVDATA_UPDATE_GOLDEN=1 if the change is intended"


def then_and_now(folder: Path) -> None:
    """``folder``/then: the county-justice example answered in May; ``folder``/now: the same three
    people in October, the funder's data custodian now undecided (one answer changed)."""
    for side in ("then", "now"):
        (folder / side).mkdir()
    for path in sorted((ROOT / "examples" / "county-justice").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        (folder / "then" / path.name).write_text(answered_in_may(text), encoding="utf-8")
        if path.name == "funder.yaml":
            text, count = re.subn(r"(?m)^  data-custodian: partner-with-mandate$", "  data-custodian: undecided", text)
            assert count == 1
        (folder / "now" / path.name).write_text(text, encoding="utf-8")


def answered_in_may(text: str) -> str:
    """An example answers file (answered in October 2026) as if answered in May: the earlier side
    of a comparison with --baseline, which must be dated before the answers compared with it."""
    changed, count = re.subn(r'(?m)^date: "2026-10-', 'date: "2026-05-', text)
    assert count == 1
    return changed


def civdata_command() -> list[str]:
    """How tests start civdata as a real subprocess: the installed console script's module."""
    return [sys.executable, "-m", "civdata"]


def civdata_in(
    cwd: Path, *args: object, timeout: float = 120, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """civdata run as a real subprocess from ``cwd``, as a person runs it from a folder, with
    nothing on standard input; its output captured as text, its exit code left to the test.
    ``env`` is set on top of this process's environment (``GITHUB_ACTIONS``, ``SOURCE_DATE_EPOCH``)."""
    return subprocess.run(
        [*civdata_command(), *(str(arg) for arg in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env} if env else None,
    )


def problem_lines(stderr: str) -> list[str]:
    """The ``file:line:col: message`` lines of standard error (not the closing count)."""
    return [line for line in stderr.splitlines() if re.match(r"[^:\s]+:\d+:\d+: ", line)]


#: A line break inside a paragraph or list item: the next line starts no block of its own.
_CONTINUATION = re.compile(r"\n(?![ ]*(?:[-*+] |\d{1,9}[.)] |#|\||>|<|`{3}|~{3}|\n|$))[ ]*")


def unwrapped(markdown: str) -> str:
    """Markdown with each paragraph and list item on one line again, as civdata's renderers write
    them before :func:`civdata.mdlayout.lay_out` wraps them at 80 characters."""
    return _CONTINUATION.sub(" ", markdown)


def comment_prose(yaml_text: str) -> str:
    """The comments of a YAML file civdata wrote, run together, so a sentence wrapped over
    several comment lines can be found whole."""
    return re.sub(r"\n *#(?: +|$)", " ", yaml_text)


def printed_commands(header: str) -> list[str]:
    """The commands a header comment gives on lines of their own (``#   civdata ...``), each read
    as a shell reads it once the ``# `` a person leaves out is gone: a line ending in ``\\`` goes
    on on the next."""
    commands: list[str] = []
    going_on = False
    for line in header.splitlines():
        text = line.removeprefix("#").removeprefix(" ")
        if going_on:
            commands[-1] = commands[-1].removesuffix("\\") + text
        elif re.match(r"#\s+civdata ", line):
            commands.append(text.strip())
        else:
            continue
        going_on = commands[-1].endswith("\\")
    return [shlex.join(shlex.split(command)) for command in commands]  # the words, as the shell reads them


def resealed(report: Mapping[str, object]) -> dict[str, object]:
    """A JSON report edited in a test, sealed again as civdata seals the reports it writes
    (:mod:`civdata.report_seal`): what someone who computes the seal again can write, so that a
    test of what comes after the seal (scoring its answers again, escaping its text) reaches it."""
    from civdata.report_seal import SEAL_KEY, sealed

    return sealed({key: value for key, value in report.items() if key != SEAL_KEY})


def unsealed(report: Mapping[str, object]) -> dict[str, object]:
    """A JSON report without its seal, as civdata wrote them before it sealed them."""
    from civdata.report_seal import SEAL_KEY

    return {key: value for key, value in report.items() if key != SEAL_KEY}


def resealed_text(text: str) -> str:
    """The text of a JSON report edited in place in a test, with its seal made again for what it
    now says (see :func:`resealed`): its lines and columns stay where they were."""
    import json

    from civdata.report_seal import SEAL_KEY, seal

    written = json.loads(text).get(SEAL_KEY)
    return text.replace(written, seal(json.loads(text))) if written else text
