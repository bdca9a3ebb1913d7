"""No command writes over a file it read, by any name; special files are written through, never replaced.

Every command that writes (report -o, template -o, rubric docs -o, assess -o and --report) is
aimed at every input of its run (the rubric, answers files, the file being resumed, a colleague's
answers in the same folder), under every alias (the same name, another spelling of the path, a
hard link, a symbolic link). Each attempt must exit 2, say which input the target is, and leave
every input byte for byte as it was, with no temporary file left behind. Then the special
targets: ``-``, ``/dev/stdout``, ``/dev/null``, a named pipe with and without a reader, a link
to a regular file, a folder, a link to nothing.
"""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civdata.annotations import workflow_command
from civdata.cli import app
from tests.conftest import FIXTURES, MINI_RUBRIC, civdata_command

ANSWERS = FIXTURES / "mini-answers.yaml"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rubric, an answers file and a team folder with a colleague's answers, in the cwd."""
    from civdata.cli import assess as assess_command

    monkeypatch.setattr(assess_command, "not_a_terminal", lambda: None)  # refusals come before any question
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rubric.yaml").write_bytes(MINI_RUBRIC.read_bytes())
    (tmp_path / "answers.yaml").write_bytes(ANSWERS.read_bytes())
    team = tmp_path / "team"
    team.mkdir()
    (team / "lead.yaml").write_bytes(ANSWERS.read_bytes())
    colleague = ANSWERS.read_text(encoding="utf-8").replace("name: Ada <b>Lovelace</b>", "name: Colleague")
    (team / "colleague.yaml").write_text(colleague, encoding="utf-8")
    (tmp_path / "export.csv").write_text(_submissions_export(), encoding="utf-8")
    return tmp_path


def _submissions_export() -> str:
    """A KoboToolbox export of one submission to the mini rubric, for `civdata import`."""
    import random

    from civdata.form_layout import FormLayout
    from civdata.rubric_loader import load_rubric
    from tests.kobo_layout import Submission, csv_text, kobo_rows
    from tests.rubric_properties import random_answers

    rubric = load_rubric(MINI_RUBRIC)
    return csv_text(kobo_rows(FormLayout(rubric), [Submission(random_answers(rubric, random.Random(1)))]))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


#: Ways to name an input file other than the name it was read by. Each returns the name to use
#: for the output; ``suffix`` lets a report's format follow from the name.
def same_name(path: Path, suffix: str) -> str:
    return str(path.relative_to(Path.cwd()))


def other_spelling(path: Path, suffix: str) -> str:
    return str(Path.cwd() / path.parent.relative_to(Path.cwd()) / "." / path.name)


def hard_link(path: Path, suffix: str) -> str:
    alias = path.with_name(f"hard-{path.stem}{suffix}")
    os.link(path, alias)
    return alias.name if alias.parent == Path.cwd() else str(alias)


def symbolic_link(path: Path, suffix: str) -> str:
    alias = path.with_name(f"link-{path.stem}{suffix}")
    alias.symlink_to(path.name)
    return alias.name if alias.parent == Path.cwd() else str(alias)


ALIASES: list[Callable[[Path, str], str]] = [same_name, other_spelling, hard_link, symbolic_link]

#: (command line with {out} for the output, the input the output is aimed at, the words that
#: must name that input in the refusal).
ATTACKS = [
    (["report", "answers.yaml", "-r", "rubric.yaml", "-f", "markdown", "-o", "{out}"], "rubric.yaml", "the rubric"),
    (["report", "answers.yaml", "-r", "rubric.yaml", "-f", "json", "-o", "{out}"], "answers.yaml", "an answers file"),
    (["report", "team", "-r", "rubric.yaml", "-f", "markdown", "-o", "{out}"], "team/colleague.yaml", "answers file"),
    (["template", "-r", "rubric.yaml", "--force", "-o", "{out}"], "rubric.yaml", "the rubric"),
    (["rubric", "docs", "-r", "rubric.yaml", "-o", "{out}"], "rubric.yaml", "the rubric"),
    (["assess", "-r", "rubric.yaml", "-o", "{out}"], "rubric.yaml", "the rubric"),
    (["assess", "-r", "rubric.yaml", "-o", "new.yaml", "--report", "{out}"], "rubric.yaml", "the rubric"),
    (
        ["assess", "--resume", "answers.yaml", "-r", "rubric.yaml", "--report", "{out}"],
        "answers.yaml",
        "the answers file being resumed",
    ),
    (
        ["assess", "--resume", "answers.yaml", "-r", "rubric.yaml", "-o", "new.yaml", "--report", "{out}"],
        "rubric.yaml",
        "the rubric",
    ),
    *(
        (["report", "answers.yaml", "-r", "rubric.yaml", "-f", kind, "-o", "{out}"], "rubric.yaml", "the rubric")
        for kind in ("html", "sarif", "codequality", "summary", "text")
    ),
    (["schema", "answers", "-r", "rubric.yaml", "-o", "{out}"], "rubric.yaml", "the rubric"),
    (["export", "xlsform", "-r", "rubric.yaml", "--force", "-o", "{out}"], "rubric.yaml", "the rubric"),
    (
        ["import", "export.csv", "-r", "rubric.yaml", "-f", "markdown", "--report", "{out}"],
        "export.csv",
        "the submissions export",
    ),
    (["import", "export.csv", "-r", "rubric.yaml", "-f", "markdown", "--report", "{out}"], "rubric.yaml", "the rubric"),
]


@pytest.mark.parametrize("alias", ALIASES, ids=lambda alias: alias.__name__)
@pytest.mark.parametrize(("command", "victim", "role"), ATTACKS, ids=lambda value: str(value)[:60])
def test_no_command_writes_over_any_input(
    workspace: Path, command: list[str], victim: str, role: str, alias: Callable[[Path, str], str]
) -> None:
    suffix = ".xlsx" if "xlsform" in command else ".json" if "json" in command else ".md"
    target = alias(workspace / victim, suffix)
    before = snapshot(workspace)
    result = CliRunner().invoke(app, [part.replace("{out}", target) for part in command])
    assert result.exit_code == 2, result.output
    if "xlsform" in command and not target.endswith(".xlsx"):  # refused by its name before anything else
        assert "an XLSForm is an .xlsx file" in result.stderr, result.stderr
    else:
        assert role in result.stderr and "refusing to overwrite it" in result.stderr, result.stderr
    assert snapshot(workspace) == before
    assert not list(workspace.rglob("*.civdata-tmp"))


@pytest.mark.parametrize(
    "command",
    [
        ["report", "answers.yaml", "-r", "rubric.yaml", "-f", "markdown", "-o", "{out}"],
        ["rubric", "docs", "-r", "rubric.yaml", "-o", "{out}"],
        ["assess", "-r", "rubric.yaml", "-o", "new.yaml", "--report", "{out}"],
    ],
)
@pytest.mark.parametrize("target", ["team/colleague.yaml", "new.yaml", "NEW.YML", "link-to-colleague.md"])
def test_a_report_is_never_written_to_a_yaml_file(workspace: Path, command: list[str], target: str) -> None:
    """A colleague's answers file that this run never read is no place for a report; nor is a new
    .yaml file, which the next run over the folder would read as answers."""
    (workspace / "link-to-colleague.md").symlink_to("team/colleague.yaml")
    before = snapshot(workspace)
    result = CliRunner().invoke(app, [part.replace("{out}", target) for part in command])
    assert result.exit_code == 2
    assert "a report is never written to a .yaml or .yml file" in result.stderr
    assert snapshot(workspace) == before


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["schema", "answers", "-o", "{out}.json"], "a schema"),
        (["schema", "answers", "-r", "rubric.yaml", "-o", "{out}.json"], "a schema"),
        (["export", "xlsform", "--force", "-o", "{out}.xlsx"], "an XLSForm"),
        (["report", "answers.yaml", "-r", "rubric.yaml", "-o", "{out}.md"], "a report"),
        (["report", "answers.yaml", "-r", "rubric.yaml", "-o", "{out}.html"], "a report"),
        (["import", "export.csv", "-r", "rubric.yaml", "--report", "{out}.sarif"], "a report"),
    ],
)
def test_no_output_reaches_a_yaml_file_through_a_link_with_another_name(
    workspace: Path, command: list[str], what: str
) -> None:
    """A link named like a schema or a form (`out.json`, `form.xlsx`) to a colleague's answers file
    that this run never read: the file it leads to is named .yaml, so nothing is written there."""
    (workspace / "out.json").symlink_to("team/colleague.yaml")
    (workspace / "out.xlsx").symlink_to("team/colleague.yaml")
    (workspace / "out.md").symlink_to("team/colleague.yaml")
    (workspace / "out.html").symlink_to("team/colleague.yaml")
    (workspace / "out.sarif").symlink_to("team/colleague.yaml")
    before = snapshot(workspace)
    result = CliRunner().invoke(app, [part.replace("{out}", "out") for part in command])
    assert result.exit_code == 2, result.output
    assert f"{what} is never written to a .yaml or .yml file" in result.stderr, result.stderr
    assert snapshot(workspace) == before


@pytest.mark.parametrize("alias", [hard_link, symbolic_link], ids=lambda alias: alias.__name__)
@pytest.mark.parametrize("victim", ["rubric.yaml", "answers.yaml", "export.csv"])
def test_the_picture_beside_a_report_never_replaces_an_input(workspace: Path, alias: Callable, victim: str) -> None:
    """`-o NAME.md` also writes `NAME.areas.svg`: aimed at any input, by any link, nothing is written."""
    made = Path(alias(workspace / victim, ".areas.svg"))
    stem = made.name.removesuffix(".areas.svg")
    before = snapshot(workspace)
    command = ["report", "answers.yaml", "-r", "rubric.yaml", "-o", f"{stem}.md"]
    if victim == "export.csv":
        command = ["import", "export.csv", "-r", "rubric.yaml", "--report", f"{stem}.md"]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2, result.output
    assert f"picture of the scores by area {made.name}" in result.stderr and "refusing to overwrite it" in result.stderr
    assert snapshot(workspace) == before


def test_the_resumed_file_is_the_one_input_assess_may_replace(workspace: Path) -> None:
    """``--resume F`` saves to F by design: the answers target passes its check, and the command
    stops only at the next one (a --report that is a folder), before any question."""
    (workspace / "sub").mkdir()
    command = ["assess", "--resume", "answers.yaml", "-r", "rubric.yaml", "-o", "answers.yaml", "--report", "sub"]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    assert result.stderr.strip() == "civdata: --report sub is a folder; give a file name such as report.md"


def test_two_outputs_of_one_command_must_differ(workspace: Path) -> None:
    result = CliRunner().invoke(app, ["assess", "-r", "rubric.yaml", "-o", "a.txt", "--report", "./a.txt"])
    assert result.exit_code == 2 and "is also the answers file" in result.stderr


# --- Special targets, in a real process ---------------------------------------------------------

WRITERS = {
    "report": ["report", str(ANSWERS), "-r", str(MINI_RUBRIC)],
    "template": ["template", "-r", str(MINI_RUBRIC)],
    "rubric docs": ["rubric", "docs", "-r", str(MINI_RUBRIC)],
}
MARKERS = {"report": "# Readiness and risk report", "template": "format: 1", "rubric docs": "# Mini rubric for tests"}


def run(args: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_are_standard_output(tmp_path: Path, writer: str, name: str) -> None:
    was_link = os.path.islink("/dev/stdout")
    result = run([*WRITERS[writer], "-o", name], tmp_path)
    assert result.returncode == 0, result.stderr
    assert MARKERS[writer] in result.stdout
    assert list(tmp_path.iterdir()) == []
    assert os.path.islink("/dev/stdout") == was_link


@pytest.mark.slow
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_dev_null_is_written_through_not_replaced(tmp_path: Path, writer: str) -> None:
    before = os.stat("/dev/null")
    result = run([*WRITERS[writer], "-o", "/dev/null"], tmp_path)
    assert result.returncode == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


@pytest.mark.slow
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_named_pipe_with_a_reader_receives_the_text(tmp_path: Path, writer: str) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    # The reader may not have opened the pipe yet; a writer that finds nobody is told so (it
    # never waits), so try again until the reader is there.
    for _ in range(50):
        result = run([*WRITERS[writer], "-o", str(fifo)], tmp_path, timeout=30)
        if "no program is reading" not in result.stderr:
            break
        threading.Event().wait(0.1)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert MARKERS[writer] in received[0].decode("utf-8")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.slow
def test_a_named_pipe_without_a_reader_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = run([*WRITERS["report"], "-o", str(fifo)], tmp_path, timeout=30)
    assert result.returncode == 2
    assert "no program is reading from it" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.slow
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_link_stays_a_link_and_its_target_gets_the_text(tmp_path: Path, writer: str) -> None:
    real = tmp_path / "real.md"
    real.write_text("old text\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real.name)
    args = [*WRITERS[writer], "-o", str(link)] + (["--force"] if writer == "template" else [])
    result = run(args, tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == real.name
    assert MARKERS[writer] in real.read_text(encoding="utf-8")
    # A Markdown report's picture goes beside the name given, where its relative link is read.
    picture = ["link.areas.svg"] if writer == "report" else []
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(["link.md", "real.md", *picture])


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "sub", "is a folder"),
        (lambda folder: folder / "missing" / "x.md", "does not exist"),
        (lambda folder: folder / "dangling.md", "a link to a file that does not exist"),
    ],
    ids=["folder", "missing folder", "dangling link"],
)
def test_impossible_targets_are_refused_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, make: Callable[[Path], Path], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "dangling.md").symlink_to("nowhere.md")
    target = make(tmp_path)
    result = CliRunner().invoke(app, [*WRITERS[writer], "-o", str(target)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "nowhere.md").exists()


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("named", ["protected.md", "link.md"])
def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path, writer: str, named: str) -> None:
    # The docs promise that a read-only file is never replaced; the check asked the system
    # whether the file could be written, which always says yes to root (a Docker CI job): no
    # write bit for anyone is what read-only means.
    protected = tmp_path / "protected.md"
    protected.write_text("kept\n", encoding="utf-8")
    protected.chmod(0o444)
    (tmp_path / "link.md").symlink_to("protected.md")
    args = [*WRITERS[writer], "-o", named] + (["--force"] if writer == "template" else [])
    result = run(args, tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"civdata: cannot write -o {named}: it is read-only; make it writable, or choose another name\n"
    )
    assert protected.read_text(encoding="utf-8") == "kept\n"
    assert stat.S_IMODE(protected.stat().st_mode) == 0o444
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.md", "protected.md"]


@pytest.mark.parametrize("target", ["-", "/dev/stdout", "/dev/null", "pipe.yaml"])
def test_assess_saves_answers_only_to_a_regular_file(workspace: Path, target: str) -> None:
    """The answers are saved after every answer and resumed from the file: a device, a pipe or
    standard output would lose them, so they are refused before the first question."""
    os.mkfifo(workspace / "pipe.yaml")
    result = CliRunner().invoke(app, ["assess", "-r", "rubric.yaml", "-o", target])
    assert result.exit_code == 2
    assert "assess saves the answers to a file after every answer" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.lstat(workspace / "pipe.yaml").st_mode)


def test_a_name_near_the_length_limit_still_gets_a_temporary_file(workspace: Path) -> None:
    name = "r" * 250 + ".md"
    result = CliRunner().invoke(app, ["report", "answers.yaml", "-r", "rubric.yaml", "-o", name])
    assert result.exit_code == 0, result.stderr
    assert (workspace / name).read_text(encoding="utf-8").startswith("# Readiness and risk report")
    assert not list(workspace.rglob("*.civdata-tmp"))
    # The picture's name is shortened to fit the file system's limit, and the report links that name.
    (picture,) = workspace.glob("*.areas.svg")
    assert len(picture.name) == 255 and picture.name in (workspace / name).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_step_summary_pipe_without_a_reader_is_said_in_our_words(tmp_path: Path) -> None:
    # The same reason as for -o, not the system's "No such device or address".
    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    result = subprocess.run(
        [*civdata_command(), *WRITERS["report"], "--annotations", "github", "-o", str(tmp_path / "r.md")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
        check=False,
        env=os.environ | {"GITHUB_STEP_SUMMARY": str(fifo)},
    )
    assert result.returncode == 2
    # With annotations on, an error with no place in a file is an error annotation (docs/ci.md).
    said = f"civdata: cannot write GITHUB_STEP_SUMMARY {fifo}: no program is reading from it"
    assert result.stderr.splitlines()[-1] == workflow_command("error", said)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
