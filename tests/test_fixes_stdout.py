"""Fixes of the review of the environments users run civdata in ("env"): standard output, folders
that cannot be written, and ASCII-only terminals. Each test was written before its fix and seen
to fail."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
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


def _as_another_user() -> list[str] | None:
    """The words that run civdata as a user for whom permissions apply: as it is when this process
    is not root's; as ``nobody`` (with ``setpriv``, and a Python that user can start) when it is,
    as in a container, since root writes in any folder. None when neither can be done."""
    import shutil
    import sysconfig

    if os.geteuid() != 0:
        return civdata_command()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    path = f"PYTHONPATH={ROOT}{os.pathsep}{sysconfig.get_paths()['purelib']}"
    become = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "env", path, "HOME=/tmp"]
    for python in dict.fromkeys([sys.executable, shutil.which("python3"), "/usr/bin/python3"]):
        if python is None:
            continue
        probe = [
            *become,
            python,
            "-c",
            f"import sys, civdata.cli; assert sys.version_info[:2] == {sys.version_info[:2]!r}",
        ]
        if subprocess.run(probe, capture_output=True, check=False, timeout=60).returncode == 0:
            return [*become, python, "-m", "civdata"]
    return None


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A folder nobody may write in, holding an answers file, somewhere another user can reach
    (pytest's own folders are root's alone)."""
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="civdata-ro-"))
    base.chmod(0o755)
    folder = base / "ro"
    folder.mkdir()
    (folder / "answers.yaml").write_bytes((COUNTY / "lead.yaml").read_bytes())
    (folder / "answers.yaml").chmod(0o644)
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)


FOLDER_NOT_WRITABLE = {
    "report": (["report", "answers.yaml", "-o", "r.md"], "-o r.md"),
    "template": (["template", "-o", "t.yaml"], "-o t.yaml"),
    "import": (
        ["import", ROOT / "examples" / "community-consultation" / "submissions.csv", "-o", "answers"],
        "-o answers",
    ),
    "import --report": (
        ["import", ROOT / "examples" / "community-consultation" / "submissions.csv", "--report", "r.md"],
        "--report r.md",
    ),
}


@pytest.mark.parametrize("case", sorted(FOLDER_NOT_WRITABLE))
def test_a_read_only_folder_is_said_alike_naming_the_output_asked_for(read_only_folder: Path, case: str) -> None:
    """A report into a read-only folder named only its picture (``cannot write picture of the
    scores by area r.areas.svg: Permission denied``), and template and import said only
    ``Permission denied``, where assess said that the folder is not writable (the review of the
    environments). Each names the output asked for, and the folder, in the same words."""
    from civdata.files import folder_not_writable

    runner = _as_another_user()
    if runner is None:
        pytest.skip("permissions cannot be made to apply here (root, without setpriv or a Python for another user)")
    command, output = FOLDER_NOT_WRITABLE[case]
    option, given = output.split(" ")
    done = _run_as(runner, read_only_folder, *command)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1] == f"civdata: {folder_not_writable(option, given, Path('.'))}"
    assert sorted(path.name for path in read_only_folder.iterdir()) == ["answers.yaml"]


def test_the_words_for_a_folder_that_cannot_be_written() -> None:
    from civdata.files import folder_not_writable

    assert folder_not_writable("-o", "reports/r.md", Path("reports")) == (
        "cannot write -o reports/r.md: the folder reports is not writable; choose a folder you can write in, "
        "or make this one writable"
    )


def test_assess_says_a_read_only_folder_as_the_other_commands_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """assess checks its answers file with the others' words, before the first question (the
    folder is made read-only for root here by saying so where civdata asks)."""
    import typer

    from civdata import files
    from civdata.cli.assess import _check_answers_target
    from civdata.inputs import load_rubric_spec

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files, "writable_folder", lambda folder: False)
    files.start_run()
    with pytest.raises(typer.Exit):
        _check_answers_target(Path("a.yaml"), None, load_rubric_spec(None))
    assert capsys.readouterr().err.strip() == f"civdata: {files.folder_not_writable('-o', 'a.yaml', Path('.'))}"


def _run_as(
    runner: list[str], cwd: Path, *args: object, umask: int | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*runner, *(str(arg) for arg in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **PINNED, **env},
        preexec_fn=None if umask is None else lambda: os.umask(umask),
    )


def test_the_job_summary_is_added_to_in_a_folder_that_is_not_writable(read_only_folder: Path) -> None:
    """The summary page is added to in place: an existing one needs no folder civdata can write in."""
    runner = _as_another_user()
    if runner is None:
        pytest.skip("permissions cannot be made to apply here")
    summary = read_only_folder / "summary.md"
    read_only_folder.chmod(0o755)
    summary.write_text("", encoding="utf-8")
    summary.chmod(0o666)
    read_only_folder.chmod(0o555)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    done = _run_as(runner, read_only_folder, "report", "answers.yaml", "-o", "-", **env)
    assert done.returncode == 0, done.stderr
    assert summary.read_text(encoding="utf-8").startswith("#")
    summary.unlink()


def test_a_form_under_a_umask_that_takes_the_owners_write_says_so(tmp_path: Path) -> None:
    """Under ``umask 277`` every output works (civdata makes them 0600) but a form: openpyxl's
    temporary files became read-only, and civdata advised to "free some space" in a folder with
    room (the review of the environments). It says what is wrong: the umask."""
    pytest.importorskip("openpyxl")
    import tempfile

    runner = _as_another_user()
    if runner is None:
        pytest.skip("permissions cannot be made to apply here")
    folder = Path(tempfile.mkdtemp(prefix="civdata-umask-"))
    try:
        folder.chmod(0o777)
        done = _run_as(runner, folder, "export", "xlsform", "-o", "f.xlsx", umask=0o277)
        assert done.returncode == 2, done.stderr
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith("civdata: cannot write -o f.xlsx: "), last
        assert "umask 0277" in last and "space" not in last, last
    finally:
        import shutil

        shutil.rmtree(folder)


@pytest.mark.slow
def test_an_ascii_only_terminal_reads_the_keys_of_assess_in_ascii(tmp_path: Path) -> None:
    """In a terminal whose encoding is ASCII (a legacy 8-bit locale, ``PYTHONIOENCODING=ascii``)
    every ``·``, ``↑↓`` and ``✓`` became ``?``: the legend read ``Keys: ?? and Enter to choose ?
    Tab to add a note ? ? help ...``, the real ``?`` key lost among them (the review of the
    environments). ASCII stands in for them: ``^v``, ``|``."""
    from tests.test_assess_pty import CTRL_C, ENTER, Terminal

    (tmp_path / "res.yaml").write_bytes((ROOT / "examples" / "newsroom-leak" / "answers.yaml").read_bytes())
    command = ["env", "PYTHONIOENCODING=ascii", *civdata_command()]
    terminal = Terminal(["assess", "--resume", "res.yaml"], tmp_path, command=command)
    try:
        legend = terminal.expect(r"Keys: [^\n]*")
        assert legend.group().startswith("Keys: ^v and Enter to choose | Tab to add a note | ? help | < back"), legend
        terminal.expect("Press Enter to continue")
        terminal.send(ENTER)  # to the review of every answer, drawn by prompt_toolkit
        terminal.expect(r"\^v move \(the list scrolls[^\n]*\) \| Enter choose")
        terminal.send(CTRL_C)
        assert terminal.finish() == 130
        assert "??" not in terminal.text and " ? " not in terminal.text.replace(" ? help", ""), terminal.text[-1500:]
    finally:
        terminal.close()
