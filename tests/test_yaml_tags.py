"""Explicit YAML tags hold exactly what the YAML 1.2 core schema writes for them, nothing more.

PyYAML's constructor reads ``!!int``, ``!!float``, ``!!bool`` and ``!!null`` by YAML 1.1, which
no reader of the file expects: ``!!int 1:30`` is 90 (and a long chain of such parts takes
minutes), ``!!int 1_000`` and ``!!int 0x10`` are numbers, Unicode digits are digits, ``!!bool
yes`` is true and ``!!null`` turns any text into nothing. These tests write every tag with a
corpus of texts, plain and double-quoted, into an answers file and a rubric, and run civdata as a
user would. The oracle is the YAML 1.2 spec's core schema (its decimal forms), written here
independently of civdata: a tagged value either gives exactly the report its plain canonical
form gives, or is refused with a located problem and exit 2.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civdata.cli import app
from tests.conftest import FIXTURES, MINI_RUBRIC, civdata_command

ANSWERS = (FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8")
SLOT = "  months: 8\n"  # a number answer: every value type reaches its validation and the report
assert SLOT in ANSWERS
SLOT_LINE = ANSWERS[: ANSWERS.index(SLOT)].count("\n") + 1
SLOT_COLUMN = len("  months: ") + 1

#: The YAML 1.2.2 core schema (section 10.3.2), as the spec writes it, decimal forms only.
SPEC = {
    "null": re.compile(r"null|Null|NULL|~|", re.ASCII),
    "bool": re.compile(r"true|True|TRUE|false|False|FALSE", re.ASCII),
    "int": re.compile(r"[-+]?[0-9]+", re.ASCII),
    "float": re.compile(
        r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)", re.ASCII
    ),
}

SIGNS = ["", "+", "-", "--", "+-"]
NUMBER_BODIES = [
    "0", "1", "12", "012", "007", "1_000", "1,000", "1 000", "0x10", "0X1F", "0o17", "0b101", "1:30", "1:2:3",
    "190:20:30", "١٢", "１２", "²", "𝟙𝟚", "٣.٥", "१२", "1.5", ".5", "1.", "5.0", "1e3", "1E+3", "1e-3", ".5e3",
    "1e", "e3", "1.2.3", "0.1e1", "inf", "Infinity", ".inf", ".Inf", ".INF", ".iNf", "nan", "NaN", ".nan",
    ".NaN", ".NAN", "1e309", "9" * 400, "1" + "0" * 16, "1e15", "999999999999999", "1" * 2000,
]  # fmt: skip
WORDS = [
    "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes", "Yes", "no", "NO", "on", "off", "y", "n",
    "null", "Null", "NULL", "nULL", "~", "", "None", "none", "text", "null text", "0 ", "T", "F", "1:30" * 20000,
]  # fmt: skip
TEXTS = sorted({sign + body for sign in SIGNS for body in NUMBER_BODIES} | set(WORDS))


def canonical(tag: str, text: str) -> str | None:
    """The plain scalar the core schema gives for ``!!tag text``, or None when it gives none.

    A number that is not finite or beyond 10^15 also gives None: civdata refuses it wherever it
    is written.
    """
    if not SPEC[tag].fullmatch(text):
        return None
    if tag == "null":
        return "null"
    if tag == "bool":
        return text.lower()
    if tag == "int" and len(text) < 1000:
        number: float = int(text)
    else:
        number = float(text.replace(".", "", 1) if "n" in text.lower() else text)
    if abs(number) > 10**15 or not math.isfinite(number):
        return None
    return str(number) if tag == "int" else repr(float(number))


def written(tag: str, text: str, quoted: bool) -> str:
    """``!!tag text`` as YAML: plain when the text can be, or double-quoted."""
    return f"!!{tag} {json.dumps(text, ensure_ascii=False) if quoted else text}"


def plain_possible(text: str) -> bool:
    """Whether ``text`` can be written as a plain scalar and read back unchanged."""
    return text == text.strip() and not re.search(r"[:#,\[\]{}\"']|^[&*!|>%@`?]", text)


def run(folder: Path, answers: str) -> subprocess.CompletedProcess[str]:
    """``civdata report`` on ``answers``, written as answers.yaml in a folder of its own."""
    folder.mkdir()
    (folder / "answers.yaml").write_text(answers, encoding="utf-8")
    command = [*civdata_command(), "report", "-r", str(MINI_RUBRIC), "-f", "json", "answers.yaml"]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=folder)


def cases() -> Iterator[tuple[str, str, bool]]:
    for tag in SPEC:
        for text in TEXTS:
            if plain_possible(text):
                yield tag, text, False
            yield tag, text, True


def test_a_tagged_value_is_its_core_schema_value_or_a_located_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An accepted value is run once, plain when it can be (quoting makes no difference to a tag:
    # the refused ones below show that for every text).
    accepted = sorted({case[:2]: case for case in [*cases()][::-1] if canonical(case[0], case[1]) is not None}.values())
    assert len(accepted) > 70

    # Every accepted tagged value reads exactly like its plain canonical form (the same report,
    # the same problems, the same exit code), whether or not that value is valid for the question.
    # The report is made in this process (typer's test runner), each file from a folder of its
    # own as a person runs it: a hundred processes took 20 seconds, and `civdata check` below runs
    # the real command on all of them.
    plains = sorted({canonical(tag, text) or "" for tag, text, _ in accepted})
    tagged = [written(*case) for case in accepted]

    def one(name: str, months: str) -> tuple[int, str, str]:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "answers.yaml").write_text(ANSWERS.replace(SLOT, f"  months: {months}\n"), encoding="utf-8")
        monkeypatch.chdir(folder)
        result = CliRunner().invoke(app, ["report", "-r", str(MINI_RUBRIC), "-f", "json", "answers.yaml"])
        assert result.exception is None or isinstance(result.exception, SystemExit), months
        return result.exit_code, result.stdout, result.stderr

    plain_runs = {plain: one(f"plain-{index}", plain) for index, plain in enumerate(plains)}
    for index, ((tag, text, _), value) in enumerate(zip(accepted, tagged, strict=True)):
        assert one(f"tagged-{index}", value) == plain_runs[canonical(tag, text) or ""], f"months: {value}"

    # `civdata check` reads them the same way: a folder of the tagged files and one of their plain
    # forms give the same problems, file by file.
    for folder, values in (("tagged", tagged), ("plain", [canonical(tag, text) for tag, text, _ in accepted])):
        (tmp_path / folder).mkdir()
        for index, value in enumerate(values):
            (tmp_path / folder / f"{index:03}.yaml").write_text(ANSWERS.replace(SLOT, f"  months: {value}\n"))
    checked = [check(tmp_path, folder) for folder in ("tagged", "plain")]
    assert checked[0].returncode == checked[1].returncode
    assert checked[0].stderr.replace("tagged", "plain") == checked[1].stderr


def check(folder: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    command = [*civdata_command(), "check", "-r", str(MINI_RUBRIC), *paths]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=folder)


def test_every_refused_tagged_value_is_a_located_problem(tmp_path: Path) -> None:
    # Every refused one is a problem at its own line and column, all of them in one run, and
    # nothing else: the chain `1:30:...` of 100,000 characters is refused at once, not computed.
    refused = [case for case in cases() if canonical(case[0], case[1]) is None]
    assert len(refused) > 1900
    lines = "".join(f"    - {written(*case)}\n" for case in refused)
    first = SLOT_LINE + 1
    answers = ANSWERS.replace(SLOT, "  months:\n" + lines)
    reported = run(tmp_path / "report", answers)
    assert reported.stderr.splitlines()[-1] == f"civdata: {len(refused)} problems found; nothing was written"
    checked = check(tmp_path / "report", "answers.yaml")
    assert checked.stderr.splitlines()[-1] == f"civdata: {len(refused)} problems in 1 of 2 files checked"
    for result in (reported, checked):
        assert result.returncode == 2, result.stderr[-2000:]
        assert result.stdout == ""
        located = re.findall(r"^answers\.yaml:(\d+):(\d+): (.*)$", result.stderr, re.MULTILINE)
        assert [(int(line), int(column)) for line, column, _ in located] == [
            (first + index, 7) for index in range(len(refused))
        ]
        for (tag, text, _), (_, _, message) in zip(refused, located, strict=True):
            assert f"!!{tag} tag" in message or "the number" in message, (tag, text, message)


def test_tags_on_a_rubric_are_read_the_same_way(tmp_path: Path) -> None:
    rubric = MINI_RUBRIC.read_text(encoding="utf-8")
    slot = "    weight: 2\n    questions:\n"
    assert slot in rubric
    line = rubric[: rubric.index(slot)].count("\n") + 1
    (tmp_path / "a.yaml").write_text(ANSWERS, encoding="utf-8")
    good = {"int": "2", "float": "2.0", "bool": "true", "null": ""}
    bad = {"int": "0x2", "float": "2,0", "bool": "on", "null": "two"}
    for tag in SPEC:
        for value, ok in ((good[tag], True), (bad[tag], False)):
            path = tmp_path / "rubric.yaml"
            path.write_text(rubric.replace(slot, f"    weight: !!{tag} {value}\n    questions:\n"), encoding="utf-8")
            plain = good[tag] if tag != "null" else "null"
            command = [*civdata_command(), "report", "-r", str(path), "a.yaml"]
            tagged = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
            if ok:
                path.write_text(rubric.replace(slot, f"    weight: {plain}\n    questions:\n"), encoding="utf-8")
                expected = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
                hashed = re.compile(r"sha256[ :\"`]+[0-9a-f]+")
                assert tagged.returncode == expected.returncode, (tag, value, tagged.stderr)
                assert hashed.sub("", tagged.stdout) == hashed.sub("", expected.stdout), (tag, value)
                assert tagged.stderr == expected.stderr, (tag, value)
            else:
                assert tagged.returncode == 2 and tagged.stdout == ""
                assert tagged.stderr.startswith(f"{path}:{line}:13: '{value}' is not "), tagged.stderr


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("x: !!int {a: 1}\n", "1:4: the tag !!int cannot be given to a mapping"),
        ("x: !!str [1]\n", "1:4: the tag !!str cannot be given to a list"),
        ("x: !!seq {a: 1}\n", "1:4: the tag !!seq cannot be given to a mapping"),
        ("x: !!map [1]\n", "1:4: the tag !!map cannot be given to a list"),
        ("x: !!map text\n", "1:4: the tag !!map cannot be given to a single value"),
        ("x: !!seq\n", "1:4: the tag !!seq cannot be given to a single value"),
        ("!!python/name:os.system x: 1\n", "1:1: the YAML tag 'tag:yaml.org,2002:python/name:os.system'"),
        ("!local x: 1\n", "1:1: the YAML tag '!local' is not supported"),
    ],
)
def test_a_tag_that_does_not_fit_its_node_is_a_located_problem(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    command = [*civdata_command(), "report", "-r", str(MINI_RUBRIC), "answers.yaml"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"answers.yaml:{message}"), result.stderr
