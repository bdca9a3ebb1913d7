"""Fixes of the review of the environments users run civdata in ("env"): standard output, folders
that cannot be written, and ASCII-only terminals. Each test was written before its fix and seen
to fail."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import ROOT, civdata_command

COUNTY = ROOT / "examples" / "county-justice"
LATER = ROOT / "examples" / "county-justice-three-months-later"
PINNED = {"SOURCE_DATE_EPOCH": "1795000000"}  # 2026-11-18
NAME = "Zoë Ñúñez عائشة"


def run_bytes(cwd: Path, *args: object, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """civdata as a real subprocess, its standard output kept as the bytes it wrote."""
    return subprocess.run(
        [*civdata_command(), *(str(arg) for arg in args)],
        cwd=cwd,
        capture_output=True,
        check=False,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **PINNED, **(env or {})},
    )


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``ar.yaml``: the community answers of the county example, its respondent,
    organisation and a note in accented, Arabic and other letters no single-byte code page holds;
    and two reports of the county example, for a history, under names with accents."""
    folder = tmp_path_factory.mktemp("people")
    text = (COUNTY / "community.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("name: Marcus Bell", f'name: "{NAME}"'),
        ("organisation: Second Chance Collective", 'organisation: "Société d’entraide — الأمل"'),
        ("If a map exists, we have never seen it.", '"لم نرَ أي خريطة. Élément clé: «aucun» ✓"'),
    ]:
        assert old in text
        text = text.replace(old, new)
    (folder / "ar.yaml").write_text(text, encoding="utf-8")
    reports = [(COUNTY / "lead-report.json", "avant-été.json"), (LATER / "progress-report.json", "après.json")]
    for report, copy in reports:
        (folder / copy).write_bytes(report.read_bytes())  # a history names its reports
    return folder


#: Commands that write a file format, as ``(the command with -o - at its end, the file name it
#: would have, whether that file holds the very same bytes)``. A Markdown report or history in a
#: file links to its picture, and a template's header says who made the file private: those are
#: compared with what a UTF-8 standard output receives.
TO_STDOUT = {
    "json": (["report", "ar.yaml", "--format", "json", "-o"], "r.json", True),
    "sarif": (["report", "ar.yaml", "--format", "sarif", "-o"], "r.sarif", True),
    "codequality": (["report", "ar.yaml", "--format", "codequality", "-o"], "gl.json", True),
    "html": (["report", "ar.yaml", "--format", "html", "-o"], "r.html", True),
    "markdown": (["report", "ar.yaml", "--format", "markdown", "-o"], "r.md", False),
    "template": (["template", "--from", "ar.yaml", "-o"], "t.yaml", False),
    "schema": (["schema", "answers", "-r", "civil-society-data-readiness", "-o"], "s.json", True),
    "schema markdown": (["schema", "report", "-f", "markdown", "-o"], "s.md", True),
    "rubric docs": (["rubric", "docs", "-o"], "docs.md", True),
    "history": (["history", "avant-été.json", "après.json", "-o"], "h.md", False),
    "import report": (
        ["import", ROOT / "examples" / "community-consultation" / "submissions.csv", "--format", "json", "--report"],
        "i.json",
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(TO_STDOUT))
def test_a_file_format_on_standard_output_is_the_utf8_of_the_file_whatever_its_encoding(
    people: Path, case: str, tmp_path: Path
) -> None:
    """``civdata report ... --format json -o - > report.json`` on Windows (whose redirected standard
    output is in the ANSI code page, cp1252) wrote cp1252, and ``?`` for every letter it lacks,
    with exit 0: not JSON, and the names lost (the review of the environments). A file format is
    the same UTF-8 bytes on standard output as in a file, whatever standard output's encoding."""
    command, name, same_as_file = TO_STDOUT[case]
    utf8 = run_bytes(people, *command, "-", env={"PYTHONIOENCODING": "utf-8"})
    assert utf8.returncode == 0, utf8.stderr
    assert any(byte > 127 for byte in utf8.stdout), "the test needs letters outside ASCII"
    utf8.stdout.decode("utf-8")
    if case in ("json", "markdown", "template", "html"):
        assert NAME in utf8.stdout.decode("utf-8")
    for encoding, output in [("cp1252", "-"), ("ascii", "-"), ("cp1252", "/dev/stdout")]:
        done = run_bytes(people, *command, output, env={"PYTHONIOENCODING": encoding})
        assert done.returncode == 0, done.stderr
        assert done.stdout == utf8.stdout, f"{encoding}, -o {output}"
    if same_as_file:
        written = run_bytes(people, *command, tmp_path / name)
        assert written.returncode == 0, written.stderr
        assert (tmp_path / name).read_bytes() == utf8.stdout


def test_a_report_piped_with_no_output_named_is_utf8_markdown(people: Path) -> None:
    """With no ``-o``, a report piped on is Markdown, a file format: UTF-8 as well."""
    utf8 = run_bytes(people, "report", "ar.yaml", env={"PYTHONIOENCODING": "utf-8"})
    cp1252 = run_bytes(people, "report", "ar.yaml", env={"PYTHONIOENCODING": "cp1252"})
    assert utf8.returncode == cp1252.returncode == 0, cp1252.stderr
    assert NAME in cp1252.stdout.decode("utf-8")
    assert cp1252.stdout == utf8.stdout


def test_the_job_summary_sent_to_standard_output_is_utf8(people: Path) -> None:
    """The summary a GitHub job shows is Markdown: UTF-8 too when ``GITHUB_STEP_SUMMARY`` is
    standard output, after the report written there."""
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "/dev/stdout"}
    utf8 = run_bytes(people, "report", "ar.yaml", "-f", "json", "-o", "-", env={**env, "PYTHONIOENCODING": "utf-8"})
    ascii = run_bytes(people, "report", "ar.yaml", "-f", "json", "-o", "-", env={**env, "PYTHONIOENCODING": "ascii"})
    assert utf8.returncode == ascii.returncode == 0, ascii.stderr
    assert ascii.stdout == utf8.stdout
    assert b"?" * 3 not in ascii.stdout


def test_the_terminal_report_keeps_to_what_standard_output_can_show(people: Path) -> None:
    """The report for a person at a terminal (``text``) is the one output in standard output's
    encoding, ``?`` for what it cannot show, as docs/files-and-safety.md says."""
    done = run_bytes(people, "report", "ar.yaml", "-f", "text", "-o", "-", env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii()
    assert "Zo? ???ez" in done.stdout.decode("ascii")


def test_text_printed_before_a_file_format_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line printed on standard output, still in its text buffer, comes before the bytes of a
    file format written after it, not after them."""
    import io
    import sys

    from civdata.files import write_stdout

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="replace")
    monkeypatch.setattr(sys, "stdout", stream)
    print("first é")
    write_stdout("second é\n")
    stream.flush()
    assert raw.getvalue() == "first ?\nsecond é\n".encode()


def test_a_template_on_standard_output_asks_to_make_the_file_private(tmp_path: Path) -> None:
    """``civdata template -o - > t.yaml`` said in its header that civdata created the file readable
    by you only, when the shell created it, readable by everyone (umask 022; the review of the
    environments). On standard output it asks the reader to make the file private; a file civdata
    writes still says it did."""
    from tests.conftest import civdata_in, comment_prose

    piped = civdata_in(tmp_path, "template", "-o", "-")
    assert piped.returncode == 0, piped.stderr
    header = comment_prose(piped.stdout.split("\n---\n")[0])
    assert "civdata created it" not in header
    assert "make it readable by you only" in header, header
    written = civdata_in(tmp_path, "template", "-o", "t.yaml")
    assert written.returncode == 0, written.stderr
    header = comment_prose((tmp_path / "t.yaml").read_text(encoding="utf-8").split("\n---\n")[0])
    assert "(civdata created it readable by you only)" in header, header
