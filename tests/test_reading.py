"""civdata reads only regular files, within a size limit, and only the files a person named.

Attacks: a data file that names a path as its rubric id (``/dev/zero``, ``/dev/stdin``, a file
next to it), a rubric id that matches a local file, every kind of non-regular file given as a
rubric or answers file, an oversized file, and folders generated with every kind of thing a
shared drive can hold. Every case runs with a timeout: hanging is a failure like any other.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from civdata.catalog import DEFAULT_RUBRIC_ID, bundled_dir
from civdata.safe_read import MAX_INPUT_BYTES, ReadRefused, answers_files_in, read_regular_file
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT, civdata_command
from tests.report_schema import report_document

ANSWERS = FIXTURES / "mini-answers.yaml"

EXAMPLE = ROOT / "examples" / "newsroom-leak" / "answers.yaml"
BUNDLED = bundled_dir() / f"{DEFAULT_RUBRIC_ID}.yaml"
TIMEOUT = 30


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """civdata in a real process whose standard input stays open and silent: reading it would hang."""
    with subprocess.Popen(
        [*civdata_command(), *args],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError(f"civdata {' '.join(args)} hung") from None
        return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


# --- The rubric an answers file names -----------------------------------------------------------

RUBRIC_IDS_THAT_ARE_PATHS = [
    "/dev/zero",
    "/dev/stdin",
    "/dev/urandom",
    "/etc/passwd",
    "/proc/self/environ",
    "rubric.yaml",
    "./rubric.yaml",
    "../outside.yaml",
    str(MINI_RUBRIC),
    f"{DEFAULT_RUBRIC_ID}.yaml",
    "rubric-folder",
    "fifo",
]


@pytest.mark.slow
@pytest.mark.parametrize("rubric_id", RUBRIC_IDS_THAT_ARE_PATHS)
def test_the_rubric_id_in_an_answers_file_is_never_opened_as_a_path(tmp_path: Path, rubric_id: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "rubric.yaml").write_bytes(MINI_RUBRIC.read_bytes())
    (tmp_path / "outside.yaml").write_bytes(MINI_RUBRIC.read_bytes())
    (work / "rubric-folder").mkdir()
    os.mkfifo(work / "fifo")
    text = ANSWERS.read_text(encoding="utf-8").replace("rubric: {id: mini,", f"rubric: {{id: {json.dumps(rubric_id)},")
    (work / "answers.yaml").write_text(text, encoding="utf-8")
    result = run(["report", "answers.yaml"], work)
    assert result.returncode == 2
    assert f"answers.yaml:2:14: no bundled rubric has the id '{rubric_id}'" in result.stderr
    assert "--rubric PATH" in result.stderr
    assert "root:" not in result.stderr + result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("local", [DEFAULT_RUBRIC_ID, f"{DEFAULT_RUBRIC_ID}.yaml"])
@pytest.mark.parametrize("how", ["--rubric id", "named in the answers"])
def test_a_local_file_named_like_a_bundled_rubric_never_replaces_it(tmp_path: Path, local: str, how: str) -> None:
    """A permissive local copy would turn a failing gate into a pass; the bundled rubric is used,
    and the report says so, with its hash."""
    permissive = BUNDLED.read_text(encoding="utf-8").replace("min_score: 75", "min_score: 0")
    (tmp_path / local).write_text(permissive, encoding="utf-8")
    (tmp_path / f"{DEFAULT_RUBRIC_ID}.yml").mkdir()
    args = ["report", str(EXAMPLE), "-f", "json"] + (["--rubric", DEFAULT_RUBRIC_ID] if how == "--rubric id" else [])
    result = run(args, tmp_path)
    assert result.returncode == 0, result.stderr
    rubric = report_document(result.stdout)["rubric"]
    assert rubric["file"] == f"bundled: {DEFAULT_RUBRIC_ID}.yaml"
    assert rubric["sha256"] == hashlib.sha256(BUNDLED.read_bytes()).hexdigest()


@pytest.mark.slow
def test_every_report_format_names_the_rubric_file_and_its_hash(tmp_path: Path) -> None:
    digest = hashlib.sha256(MINI_RUBRIC.read_bytes()).hexdigest()
    local = tmp_path / "my rubric.yaml"
    local.write_bytes(MINI_RUBRIC.read_bytes())
    for format_name, expected in (
        ("markdown", f"| Rubric file | my rubric.yaml, sha256 `{digest[:12]}` |"),
        ("text", f"rubric file: my rubric.yaml · sha256 {digest[:12]}"),
        ("json", f'"sha256": "{digest}"'),
    ):
        result = run(["report", str(ANSWERS), "--rubric", "my rubric.yaml", "-f", format_name], tmp_path)
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout


@pytest.mark.parametrize("name", ["Mini.YAML", "mini.Yml"])
def test_a_rubric_file_ending_in_capitals_is_a_path_not_a_bundled_id(tmp_path: Path, name: str) -> None:
    """docs/files-and-safety.md: a name ending in .yaml or .yml is a path; Windows and macOS save `.YAML`."""
    (tmp_path / name).write_bytes(MINI_RUBRIC.read_bytes())
    result = run(["report", str(ANSWERS), "--rubric", name, "-f", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert report_document(result.stdout)["rubric"]["file"] == name


# --- Files that are not regular files, and files too large ---------------------------------------


def special_files(folder: Path) -> dict[str, Path]:
    """One of every kind of thing that is not a regular file, made in ``folder``."""
    os.mkfifo(folder / "fifo.yaml")
    (folder / "folder.yaml").mkdir()
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "random.yaml").symlink_to("/dev/urandom")
    (folder / "stdin.yaml").symlink_to("/dev/stdin")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.yaml"))
    return {
        "a named pipe": folder / "fifo.yaml",
        "a folder": folder / "folder.yaml",
        "/dev/zero": folder / "zero.yaml",
        "/dev/urandom": folder / "random.yaml",
        "standard input": folder / "stdin.yaml",
        "a socket": folder / "socket.yaml",
        "/dev/zero by name": Path("/dev/zero"),
        "/dev/stdin by name": Path("/dev/stdin"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("role", ["rubric", "answers", "resume-less validate"])
def test_no_special_file_is_read_as_a_rubric_or_answers(tmp_path: Path, role: str) -> None:
    for kind, path in special_files(tmp_path).items():
        if role == "rubric":
            args = ["report", str(ANSWERS), "--rubric", str(path)]
        elif role == "answers":
            args = ["report", str(path), "--rubric", str(MINI_RUBRIC)]
        else:
            args = ["rubric", "validate", str(path)]
        result = run(args, tmp_path)
        assert result.returncode == 2, (kind, result.stderr)
        if role == "answers" and kind == "a folder":  # a folder of answers files, and this one has none
            assert "has no .yaml answers files" in result.stderr
            continue
        assert f"{path}: " in result.stderr, (kind, result.stderr)
        assert "not a regular file" in result.stderr or "is a folder" in result.stderr, (kind, result.stderr)
        assert "Traceback" not in result.stderr


def test_the_reader_refuses_without_blocking_and_says_what_it_found(tmp_path: Path) -> None:
    kinds = special_files(tmp_path)
    expected = {
        "a named pipe": "is a named pipe (FIFO), not a regular file",
        "a folder": "is a folder, not a file",
        "/dev/zero": "is a device, not a regular file",
        "/dev/urandom": "is a device, not a regular file",
        "/dev/zero by name": "is a device, not a regular file",
        "a socket": "is a socket, not a regular file",
    }
    for kind, reason in expected.items():
        with pytest.raises(ReadRefused) as refused:
            read_regular_file(kinds[kind], "the rubric")
        assert reason in refused.value.reason, kind


@pytest.mark.slow
@pytest.mark.parametrize("size", [MAX_INPUT_BYTES + 1, 50 * MAX_INPUT_BYTES, 1 << 40])
def test_oversized_files_are_refused_before_they_are_read(tmp_path: Path, size: int) -> None:
    """Sparse files: they claim the size without using the disk."""
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(size)
    for args in (["report", str(big), "--rubric", str(MINI_RUBRIC)], ["report", str(ANSWERS), "--rubric", str(big)]):
        result = run(args, tmp_path)
        assert result.returncode == 2
        assert f"{big}: is " in result.stderr and "at most 10 MiB" in result.stderr


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    edge = tmp_path / "edge.yaml"
    edge.write_bytes(b"#" * MAX_INPUT_BYTES)
    assert len(read_regular_file(edge, "an answers file")) == MAX_INPUT_BYTES
    edge.write_bytes(b"#" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(ReadRefused):
        read_regular_file(edge, "an answers file")


def _padded_report(report: Path, size: int) -> None:
    """``report`` grown to ``size`` bytes with the blanks JSON allows between values, as the
    ``--detail`` report of a consultation of hundreds of respondents is (19.8 MB at 300)."""
    text = report.read_bytes().rstrip()
    assert text.endswith(b"}")
    report.write_bytes(text[:-1] + b" " * (size - len(text)) + b"}")


def test_a_detail_report_over_the_answers_limit_is_read_back_as_a_baseline_and_by_history(tmp_path: Path) -> None:
    """civdata reads back any report it writes: the --detail JSON report of a large consultation
    is far over the 10 MiB of answers files, and was refused as a baseline and by history."""
    later = tmp_path / "later.yaml"
    later.write_text(ANSWERS.read_text(encoding="utf-8").replace('date: "2026-11-01"', 'date: "2027-02-01"'))
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    for answers, target in ((ANSWERS, old), (later, new)):
        result = run(["report", str(answers), "-r", str(MINI_RUBRIC), "--detail", "-o", str(target)], tmp_path)
        assert result.returncode == 0, result.stderr
    _padded_report(old, MAX_INPUT_BYTES + 1_000_000)
    compared = run(["report", str(later), "-r", str(MINI_RUBRIC), "--baseline", str(old), "-o", "p.md"], tmp_path)
    assert compared.returncode == 0, compared.stderr
    assert "Since the last assessment" in (tmp_path / "p.md").read_text(encoding="utf-8")
    history = run(["history", str(old), str(new), "-r", str(MINI_RUBRIC), "-o", "h.md"], tmp_path)
    assert history.returncode == 0, history.stderr


def test_answers_over_their_limit_stay_refused_as_a_baseline_with_a_true_reason(tmp_path: Path) -> None:
    """Only a valid JSON report may be larger than 10 MiB: answers given as a baseline keep their
    limit, as YAML or saved as JSON, and the message says why the file was not read."""
    big = tmp_path / "old.yaml"
    big.write_bytes(ANSWERS.read_bytes() + b"#" * MAX_INPUT_BYTES)
    as_json = tmp_path / "old.json"
    as_json.write_text(json.dumps(yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))) + " " * MAX_INPUT_BYTES)
    expected = {
        big: f"{big}: is 10.0 MiB; civdata reads files of at most 10 MiB, which is far more than any rubric or "
        "answers file needs",
        as_json: f"{as_json}: is 10.0 MiB and not a valid JSON report written by civdata (which is read up to "
        "512 MiB); civdata reads files of at most 10 MiB, which is far more than any rubric or answers file needs",
    }
    for baseline, message in expected.items():
        args = ["report", str(ANSWERS), "-r", str(MINI_RUBRIC), "--baseline", str(baseline), "-o", "p.md"]
        result = run(args, tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith(message + "\n"), result.stderr


@pytest.mark.slow
def test_a_report_over_its_own_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A sparse file claiming more than any report civdata writes: refused unread, with the limit
    of reports, and that of the answers the file might be instead."""
    big = tmp_path / "old.json"
    with big.open("wb") as handle:
        handle.truncate(512 * 1024 * 1024 + 1)
    result = run(["history", str(big), str(big), "-r", str(MINI_RUBRIC)], tmp_path)
    assert result.returncode == 2
    assert (
        f"{big}: is 512.0 MiB; civdata reads a JSON report of at most 512 MiB, more than the --detail report "
        "of 5,000 respondents needs, and other files (answers, rubrics) of at most 10 MiB"
    ) in result.stderr


# --- Folders -------------------------------------------------------------------------------------

#: Things a folder of answers files may hold, each with the reason it is skipped (None: it is read).
ENTRY_KINDS = {
    "answers": None,
    "answers ending in capitals": None,
    "hidden": "a hidden file",
    "hidden ending in capitals": "a hidden file",
    "resource fork": "a hidden file",
    "fifo": "a named pipe (FIFO), not a regular file",
    "link to /dev/zero": "a link to a file outside the folder",
    "link out of the folder": "a link to a file outside the folder",
    "link to a sibling": "the same file as",
    "hard link": "the same file as",
    "dangling link": "a link that leads to no file",
    "folder": "a folder, not a regular file",
    "not yaml": None,
    "backup": None,
}


def make_entry(folder: Path, kind: str, index: int, outside: Path) -> tuple[str, str | None]:
    """Make one entry of ``kind``; return its name and why it is skipped (None: read)."""
    name = f"{index:02d}-{kind.replace(' ', '-').replace('/', '')}.yaml"
    path = folder / name
    if kind in ("answers", "answers ending in capitals"):
        text = ANSWERS.read_text(encoding="utf-8").replace("name: Ada <b>Lovelace</b>", f"name: Person {index}")
        name = name if kind == "answers" else name.replace(".yaml", ".YAML")  # as Windows and macOS save it
        (folder / name).write_text(text, encoding="utf-8")
    elif kind in ("hidden", "hidden ending in capitals", "resource fork"):
        name = name.replace(".yaml", ".Yml") if kind == "hidden ending in capitals" else name
        name = ("._" if kind == "resource fork" else ".") + name
        (folder / name).write_bytes(ANSWERS.read_bytes())
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "link out of the folder":
        path.symlink_to(outside)
    elif kind in ("link to a sibling", "hard link"):
        sibling = folder / f"{index:02d}-0-original.yaml"
        sibling.write_text(ANSWERS.read_text(encoding="utf-8").replace("Ada", f"Original {index}"), encoding="utf-8")
        if kind == "hard link":
            os.link(sibling, path)
        else:
            path.symlink_to(sibling.name)
    elif kind == "dangling link":
        path.symlink_to("nowhere.yaml")
    elif kind == "folder":
        path.mkdir()
        (path / "inside.yaml").write_bytes(ANSWERS.read_bytes())
    elif kind in ("not yaml", "backup"):  # other endings are not candidates, and not mentioned
        name = name.replace(".yaml", ".txt") if kind == "not yaml" else f"{name}.bak"
        (folder / name).write_bytes(b"not answers\n" if kind == "not yaml" else ANSWERS.read_bytes())
        return name, "not listed"
    return name, ENTRY_KINDS[kind]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_generated_folders_read_only_their_answers_files_and_say_what_was_skipped(tmp_path: Path, seed: int) -> None:
    chooser = random.Random(f"folder-{seed}")
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(ANSWERS.read_bytes())
    folder = tmp_path / "team"
    folder.mkdir()
    kinds = ["answers", *chooser.sample(sorted(ENTRY_KINDS), k=chooser.randint(3, len(ENTRY_KINDS)))]
    made = [make_entry(folder, kind, index, outside) for index, kind in enumerate(kinds)]
    read = sorted(
        [name for name, reason in made if reason is None]
        + [path.name for path in folder.glob("*-0-original.yaml")]  # the first name of a linked file
    )
    skipped = {name: reason for name, reason in made if reason not in (None, "not listed")}

    result = run(["report", "team", "--rubric", str(MINI_RUBRIC), "-f", "json"], tmp_path)
    assert result.returncode == 0, result.stderr
    for name, reason in skipped.items():
        assert f"civdata: skipped team/{name}: {reason}" in result.stderr, (name, result.stderr)
    assert result.stderr.count("civdata: skipped") == len(skipped)
    report = report_document(result.stdout)
    sources = sorted(Path(item["source"]).name for item in report.get("respondents", [report]))
    assert sources == read


def test_folder_listing_is_the_same_without_the_command_line(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(ANSWERS.read_bytes())
    folder = tmp_path / "team"
    folder.mkdir()
    made = [make_entry(folder, kind, index, outside) for index, kind in enumerate(sorted(ENTRY_KINDS))]
    listing = answers_files_in(folder)
    reasons = {path.name: reason for path, reason in listing.skipped}
    for name, reason in made:
        if reason is None:
            assert folder / name in listing.files
        elif reason != "not listed":
            assert reasons[name].startswith(reason), (name, reasons[name])


def test_a_large_file_that_cannot_be_a_report_is_refused_unparsed(tmp_path: Path) -> None:
    """A hostile review: any file up to 512 MiB given as a baseline was parsed in full as JSON, and
    '[[],[],...]' takes 29 times its size once parsed (100 MiB: 2.9 GB, or an internal error under a
    memory limit). A file over the answers limit is parsed only if it starts as a report does and
    holds no more values than one of its size could; the child's peak memory shows it was not."""
    bombs = {
        "list.json": b"[" + b"[]," * (MAX_INPUT_BYTES // 3 + 1_000_000) + b"[]]",
        "report-like.json": b'{"report_format": 2, "x": [' + b"[]," * (MAX_INPUT_BYTES // 3 + 1_000_000) + b"[]]}",
    }
    for name, content in bombs.items():
        (tmp_path / name).write_bytes(content)
        args = [*civdata_command(), "report", str(ANSWERS), "-r", str(MINI_RUBRIC), "--baseline", name, "-o", "p.md"]
        # Started from a small Python of its own: a child's peak memory counts from its fork, and
        # the test process, forked, may already hold hundreds of MiB.
        probe = [sys.executable, "-c", _PEAK_PROBE, *args]
        result = subprocess.run(probe, cwd=tmp_path, capture_output=True, text=True, check=False)
        code, peak_mib = result.stdout.split()
        assert int(code) == 2, result.stderr
        expected = f"{name}: is {len(content) / 1048576:.1f} MiB and not a valid JSON report written by civdata"
        assert expected in result.stderr, result.stderr
        assert float(peak_mib) < 150, f"{name}: {float(peak_mib):.0f} MiB at its peak: parsed (that takes about 400)"


#: Runs a command and prints its exit code and its peak resident memory in MiB; its standard error
#: passes through.
_PEAK_PROBE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
unit = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes there, else in KiB
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss / unit)
"""
