"""`civdata assess` as a person meets it: in a real pseudo-terminal (pexpect), plus its refusals.

The terminal tests wait for what civdata prints before each prompt (the question header, the note
prompt, the review) and only then press keys, so they do not depend on timing. Escape sequences
are stripped before matching.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from typer.testing import CliRunner, Result

from civdata.answers_loader import load_answers
from civdata.catalog import DEFAULT_RUBRIC_ID, bundled_rubrics
from civdata.cli import app
from civdata.model import Answer, QuestionType, Rubric
from civdata.results import QuestionStatus
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess, question_statuses
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT, civdata_command, printed_commands
from tests.workshop_steps import sign_in_the_room

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
CTRL_C = "\x03"
TIMEOUT = 10
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]|\x1b[=>78]|\r")
TAB = "\t"
HEADER = r"(\d+) of (\d+) answered in all\b.*\n.*?\[([A-Za-z0-9_.-]+)\]"


#: How a continued workshop says it goes on with one answer for the group (not in turn).
CONSENSUS = r"one answer for the group \(without --in-turn\)"


def at(answered: int | str, total: int | str, question_id: str) -> str:
    """The header of question ``question_id``, with ``answered`` of ``total`` questions answered."""
    return rf"{answered} of {total} answered in all\b.*\n.*?\[{re.escape(question_id)}\]"


def at_question(question_id: str) -> str:
    return at(r"\d+", r"\d+", question_id)


class Terminal:
    """A civdata process in a pseudo-terminal, read as plain text."""

    def __init__(self, args: list[str], cwd: Path, command: list[str] | None = None) -> None:
        command = command or civdata_command()
        env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "200"}
        self.child = pexpect.spawn(
            command[0], [*command[1:], *args], cwd=str(cwd), env=env, dimensions=(50, 200), encoding="utf-8"
        )
        self.raw = ""
        self.position = 0

    @property
    def text(self) -> str:
        return _ESCAPES.sub("", self.raw)

    def expect(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        """Wait until ``pattern`` appears after the previous match; return the match."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            text = self.text
            found = regex.search(text, self.position)
            if found:
                self.position = found.end()
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {pattern!r}; the screen ended with:\n{text[-1500:]}")
            try:
                self.raw += self.child.read_nonblocking(65536, timeout=0.2)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                if regex.search(self.text, self.position) is None:
                    raise AssertionError(f"civdata ended before {pattern!r}:\n{self.text[-1500:]}") from None

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> int:
        """Wait for the process to end and return its exit code."""
        deadline = time.monotonic() + TIMEOUT
        while self.child.isalive() and time.monotonic() < deadline:
            with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
                self.raw += self.child.read_nonblocking(65536, timeout=0.2)
        self.child.close()
        assert self.child.exitstatus is not None or self.child.signalstatus is not None
        return self.child.exitstatus if self.child.exitstatus is not None else 128 + self.child.signalstatus

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for terminal in started:
        terminal.close()


def start(terminals: list[Terminal], cwd: Path, *args: str) -> Terminal:
    terminal = Terminal([str(arg) for arg in args], cwd)
    terminals.append(terminal)
    return terminal


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """civdata without a terminal, as a workshop's set-up does before the questionnaire starts."""
    return subprocess.run([*civdata_command(), *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=60)


def give_details(terminal: Terminal, role_downs: int = 0) -> None:
    terminal.expect(r"Which initiative are you assessing\?")
    terminal.send("Food bank" + ENTER)
    terminal.expect(r"Your name:")
    terminal.send("Ada" + ENTER)
    terminal.expect(r"Your organisation:")
    terminal.send("Harbour Trust" + ENTER)
    terminal.expect(r"Which role do you answer for\?")
    terminal.send(DOWN * role_downs + ENTER)


def answer(terminal: Terminal, question_id: str, keys: str, note: str = "") -> None:
    """Wait for the question and press ``keys``; then give ``note`` at the note prompt, which
    follows when the answer needs a note or ``keys`` end with Tab (a note on demand)."""
    terminal.expect(at_question(question_id))
    terminal.send(keys)
    if note:
        terminal.expect(r"Note \((optional|needed)\)")
        terminal.send(note + ENTER)


PAUSE = r"Press Enter to continue"
REVIEW = r"Choose an answer to change it"


def answer_all(terminal: Terminal, replies: dict[str, tuple[str, str]]) -> list[str]:
    """Answer every question shown until the review with ``replies[id]`` (keys, then a note:
    asked for with Tab instead of Enter, or given where the answer needs one); return the ids of
    the questions shown, in order. A summary that waits for Enter gets it."""
    shown: list[str] = []
    note: str | None = None
    while True:
        found = terminal.expect(HEADER + "|" + REVIEW + "|" + PAUSE + r"|Note \((?:optional|needed)\)")
        text = found.group(0)
        if text.startswith("Choose"):
            return shown
        if text.startswith("Press"):
            terminal.send(ENTER)
        elif text.startswith("Note"):
            if note is not None:  # otherwise, the note prompt drawn again as the note is typed
                terminal.send(note + ENTER)
                note = None
        elif shown[-1:] != [found.group(3)]:  # otherwise, the prompt drawn again as the answer is typed
            shown.append(found.group(3))
            keys, note = replies[found.group(3)]
            terminal.send(keys[: -len(ENTER)] + TAB if note and keys.endswith(ENTER) else keys)
            note = note or ""


def finish_review(terminal: Terminal) -> None:
    terminal.expect(r"Choose an answer to change it")
    terminal.send(ENTER)


# The same answers to the mini rubric, given in one run or across an interruption.
MINI_SCRIPT: list[tuple[str, str, str]] = [
    ("sensitive", ENTER, ""),  # yes
    ("threat-model", DOWN + ENTER, "Planned for March"),  # no: a high finding needs a note
    ("voice", DOWN + ENTER, ""),  # consulted
    ("safeguards", " " + DOWN + " " + TAB, "Since 2025"),  # with a note: Tab instead of Enter
    ("confidence", DOWN + ENTER, ""),
    ("months", "18" + ENTER, ""),
    ("deletion-plan", "Archived with the county" + ENTER, ""),
    ("comments", ENTER, ""),  # skipped
]


def run_script(terminal: Terminal, script: list[tuple[str, str, str]]) -> None:
    for question_id, keys, note in script:
        answer(terminal, question_id, keys, note)


# --- In a real terminal --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_full_run_through_the_bundled_rubric(tmp_path: Path, terminals: list[Terminal]) -> None:
    """Answers whatever the bundled rubric asks, by its question types, and finishes with a report."""
    rubric_path = next(entry.path for entry in bundled_rubrics() if entry.id == DEFAULT_RUBRIC_ID)
    rubric = load_rubric(rubric_path)
    terminal = start(terminals, tmp_path, "assess", "--report", "report.md")
    give_details(terminal, role_downs=1)
    role = rubric.roles[1].id
    asked: list[str] = []
    noted: set[str] = set()
    while True:
        found = terminal.expect(HEADER + r"|Choose an answer to change it|Note \(needed\)")
        if found.group(0).startswith("Choose"):
            break
        if found.group(0).startswith("Note"):
            if asked[-1] not in noted:  # otherwise, the note prompt drawn again as the note is typed
                noted.add(asked[-1])
                terminal.send("Agreed with partners" + ENTER)
            continue
        if found.group(3) in asked[-1:]:
            continue  # the prompt drawn again as the answer is typed
        assert int(found.group(1)) == len(asked), (asked, found.group(0))
        asked.append(found.group(3))
        question = rubric.question(found.group(3))
        terminal.send(_generic_keys(rubric, question.id))
    terminal.send(ENTER)
    terminal.expect(r"Verdict: ")
    assert terminal.finish() == 0

    saved = load_answers(tmp_path / "answers.yaml", rubric)
    assert saved.respondent.role == role
    assessment = assess(rubric, saved)
    assert assessment.coverage.percent == 100.0
    assert len(saved.answers) == len(asked)
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("#")
    for written in ("answers.yaml", "report.md"):
        assert (tmp_path / written).stat().st_mode & 0o777 == 0o600


def _generic_keys(rubric: Rubric, question_id: str) -> str:
    """A valid answer to any question: the first option, the first tick, a number in range, text."""
    question = rubric.question(question_id)
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return " " + ENTER
    if question.type.has_options:
        return ENTER
    if question.type is QuestionType.NUMBER:
        number = question.minimum if question.minimum is not None else 0
        if question.maximum is not None:
            number = min(number, question.maximum)
        return f"{number:g}" + ENTER
    return "Written in the test" + ENTER


@pytest.mark.slow
def test_going_back_and_changing_an_answer_hides_its_follow_up(tmp_path: Path, terminals: list[Terminal]) -> None:
    terminal = start(terminals, tmp_path, "assess", "--rubric", MINI_RUBRIC)
    give_details(terminal)
    answer(terminal, "sensitive", ENTER)  # yes: the threat model follows
    answer(terminal, "threat-model", DOWN + ENTER, "Planned")
    terminal.expect(at(2, 8, "voice"))
    terminal.send("<")
    terminal.expect(at(2, 8, "threat-model"))
    terminal.send("<")
    terminal.expect(at(2, 8, "sensitive"))
    terminal.send(DOWN + ENTER)  # no: the threat model no longer applies (and no note is asked)
    terminal.expect(at(1, 7, "voice"))
    terminal.send(ENTER)
    terminal.expect(r"Note \(needed\)")  # "They do not" raises a high finding
    terminal.send("Board seat from May" + ENTER)
    run_script(terminal, MINI_SCRIPT[3:])
    finish_review(terminal)
    assert terminal.finish() == 0

    rubric = load_rubric(MINI_RUBRIC)
    saved = load_answers(tmp_path / "answers.yaml", rubric)
    # The hidden follow-up's answer stays in the file with its note, and is not scored.
    assert saved.answers["threat-model"] == Answer("no", "Planned")
    assert question_statuses(rubric, saved)["threat-model"] is QuestionStatus.SKIPPED_CONDITION
    assert saved.answers["sensitive"] == Answer("no")
    assert saved.answers["voice"] == Answer("none", "Board seat from May")


@pytest.mark.slow
def test_the_review_edits_answers_and_asks_a_revealed_follow_up(tmp_path: Path, terminals: list[Terminal]) -> None:
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "-o", "lead.yaml")
    give_details(terminal)
    answer(terminal, "sensitive", DOWN + ENTER)  # no
    run_script(terminal, MINI_SCRIPT[2:])
    terminal.expect(r"Choose an answer to change it")
    terminal.expect(r"Review: 6 of 7 questions answered")
    terminal.send(DOWN * 2 + ENTER)  # Finish, details, then the first question: sensitive
    terminal.expect(at(6, 7, "sensitive"))
    terminal.send(UP + ENTER)  # from "no" up to "yes"
    terminal.expect(at(6, 8, "threat-model"))  # revealed by the edit, asked at once
    terminal.send(ENTER)
    terminal.expect(r"Choose an answer to change it")
    terminal.expect(r"Review: 7 of 8 questions answered")
    terminal.send(DOWN * 7 + ENTER)  # from Finish down to months
    terminal.expect(at(7, 8, "months"))
    terminal.send("\x15" + "40" + ENTER)
    terminal.expect(r"Choose an answer to change it")
    terminal.expect(r"Funded months: 40 months")
    terminal.send(ENTER)  # the pointer is back on Finish
    terminal.expect(r"Verdict: ")
    assert terminal.finish() == 0

    saved = load_answers(tmp_path / "lead.yaml", load_rubric(MINI_RUBRIC))
    assert saved.answers["sensitive"] == Answer("yes")
    assert saved.answers["threat-model"] == Answer("yes")
    assert saved.answers["months"] == Answer(40)


@pytest.mark.slow
def test_ctrl_c_then_resume_writes_the_same_file_as_one_run(tmp_path: Path, terminals: list[Terminal]) -> None:
    whole, split = tmp_path / "whole", tmp_path / "split"
    whole.mkdir()
    split.mkdir()

    terminal = start(terminals, whole, "assess", "-r", MINI_RUBRIC)
    give_details(terminal)
    run_script(terminal, MINI_SCRIPT)
    finish_review(terminal)
    assert terminal.finish() == 0

    terminal = start(terminals, split, "assess", "-r", MINI_RUBRIC)
    give_details(terminal)
    run_script(terminal, MINI_SCRIPT[:4])
    terminal.expect(at_question("confidence"))
    terminal.send(CTRL_C)
    terminal.expect(r"Continue where you stopped with: civdata assess --resume answers\.yaml")
    assert terminal.finish() == 130
    partial = load_answers(split / "answers.yaml", load_rubric(MINI_RUBRIC))
    assert list(partial.answers) == ["sensitive", "threat-model", "voice", "safeguards"]
    assert not list(split.glob("*.civdata-tmp"))

    terminal = start(terminals, split, "assess", "--resume", "answers.yaml", "--rubric", MINI_RUBRIC)
    terminal.expect(r"People and power: 4 of 4 answered")
    terminal.expect(r"Lifecycle: 0 of 4 answered")
    terminal.expect(r"Continuing at question 5 of 8")
    terminal.expect(r"Press Enter to continue")
    terminal.send(ENTER)
    run_script(terminal, MINI_SCRIPT[4:])
    finish_review(terminal)
    assert terminal.finish() == 0

    one_run = (whole / "answers.yaml").read_text(encoding="utf-8")
    assert (split / "answers.yaml").read_text(encoding="utf-8") == one_run
    assert 'date: "2026-11-05"' in one_run


@pytest.mark.slow
def test_a_closed_terminal_leaves_a_valid_file(tmp_path: Path, terminals: list[Terminal]) -> None:
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC)
    give_details(terminal)
    run_script(terminal, MINI_SCRIPT[:2])
    terminal.expect(at_question("voice"))
    terminal.child.kill(signal.SIGHUP)
    assert terminal.finish() == 129
    saved = load_answers(tmp_path / "answers.yaml", load_rubric(MINI_RUBRIC))
    assert saved.answers["threat-model"] == Answer("no", "Planned for March")
    assert not list(tmp_path.glob(".*.tmp"))


# --- Without a terminal, and refusals before any question ------------------------------------------


def test_without_a_terminal_it_points_to_template_and_report(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "civdata", "assess"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "civdata template" in result.stderr and "civdata report" in result.stderr
    assert "Traceback" not in result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "questionary" not in imported and "prompt_toolkit" not in imported
    assert not (tmp_path / "answers.yaml").exists()


def test_without_a_terminal_an_empty_language_is_refused_before_any_command_is_suggested(tmp_path: Path) -> None:
    """`echo | civdata assess --lang ''` suggested `civdata template -o answers.yaml`, which dropped
    the empty language, instead of refusing it as every other command does."""
    result = subprocess.run(
        [*civdata_command(), "assess", "--lang", ""],
        cwd=tmp_path,
        input="\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "bundled: civil-society-data-readiness.yaml: this rubric has no text in ''; it is written in 'en': "
        "choose one with --lang",
        "civdata: 1 problem found; nothing was written",
    ]
    assert list(tmp_path.iterdir()) == []


def test_version_does_not_load_the_questionnaire() -> None:
    code = "import sys; from civdata.cli import main; sys.argv = ['civdata', '--version']\n"
    code += "try:\n    main()\nexcept SystemExit:\n    pass\n"
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] in ('questionary', 'prompt_toolkit')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip().splitlines()[-1] == "[]"


SIGNAL_ON_THIRD_SAVE = """
import os, signal, sys
# Started in the background (as CI runs the suite on the lowest versions), a process ignores
# SIGINT; one started at a terminal, whose Ctrl-C this stands for, does not.
signal.signal(signal.SIGINT, signal.default_int_handler)
real_fsync, calls = os.fsync, []
def fsync(descriptor):
    real_fsync(descriptor)
    calls.append(descriptor)
    if len(calls) == 3:
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
os.fsync = fsync
from civdata.cli import main
main(sys.argv[2:])
"""


@pytest.mark.slow
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_signal_in_the_middle_of_a_save_keeps_the_last_save_and_no_temporary_file(
    tmp_path: Path, terminals: list[Terminal], name: str, code: int
) -> None:
    """Saves: the details, the first answer, then its note. The third is stopped after its temporary
    file is written and before it is renamed: the file keeps the answer without the note, and the
    temporary file is gone."""
    command = [sys.executable, "-c", SIGNAL_ON_THIRD_SAVE, name]
    terminal = Terminal(["assess", "-r", str(MINI_RUBRIC)], tmp_path, command=command)
    terminals.append(terminal)
    give_details(terminal)
    answer(terminal, "sensitive", TAB, "a note that is never saved")  # yes, with a note
    assert terminal.finish() == code
    saved = load_answers(tmp_path / "answers.yaml", load_rubric(MINI_RUBRIC))
    assert saved.answers == {"sensitive": Answer("yes")}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["answers.yaml"]


@pytest.fixture
def in_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Run the command in-process as if stdin were a terminal; the checks before the first
    question need no real one."""
    from civdata.cli import assess as assess_command

    monkeypatch.setattr(assess_command, "not_a_terminal", lambda: None)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: object) -> Result:
    return CliRunner().invoke(app, [str(arg) for arg in args])


def test_an_existing_answers_file_is_never_overwritten(in_a_terminal: Path) -> None:
    existing = in_a_terminal / "answers.yaml"
    existing.write_text("keep me\n", encoding="utf-8")
    result = invoke("assess", "-r", MINI_RUBRIC)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "already exists" in result.output and "--resume answers.yaml" in result.output  # type: ignore[attr-defined]
    result = invoke("assess", "-r", MINI_RUBRIC, "-o", existing)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert existing.read_text(encoding="utf-8") == "keep me\n"


def test_a_broken_resume_file_is_reported_with_its_place(in_a_terminal: Path) -> None:
    broken = in_a_terminal / "broken.yaml"
    broken.write_text(
        'format: 1\nrubric: {id: mini, version: "1.2.0"}\ninitiative: x\nrespondent: {role: lead}\n'
        "answers:\n  voice: maybe\n",
        encoding="utf-8",
    )
    result = invoke("assess", "--resume", broken, "--rubric", MINI_RUBRIC)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert f"{broken}:6:10: 'maybe' is not an answer to 'voice'" in result.output  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_a_missing_resume_file_and_bad_targets_are_refused(in_a_terminal: Path) -> None:
    result = invoke("assess", "--resume", "nowhere.yaml")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "nowhere.yaml" in result.output and "no such file or folder" in result.output  # type: ignore[attr-defined]
    result = invoke("assess", "-r", MINI_RUBRIC, "-o", in_a_terminal)
    assert result.exit_code == 2 and "is a folder" in result.output  # type: ignore[attr-defined]
    result = invoke("assess", "-r", MINI_RUBRIC, "-o", "missing/answers.yaml")
    assert result.exit_code == 2 and "does not exist" in result.output  # type: ignore[attr-defined]
    result = invoke("assess", "-r", MINI_RUBRIC, "-o", "a.txt", "--report", "a.txt")
    assert result.exit_code == 2 and "is also the answers file" in result.output  # type: ignore[attr-defined]
    assert not (in_a_terminal / "a.txt").exists()


def test_resuming_into_another_existing_file_is_refused(in_a_terminal: Path) -> None:
    source = Path(__file__).parent / "fixtures" / "mini-answers.yaml"
    other = in_a_terminal / "other.yaml"
    other.write_text("keep\n", encoding="utf-8")
    result = invoke("assess", "--resume", source, "-r", MINI_RUBRIC, "-o", other)
    assert result.exit_code == 2 and "already exists" in result.output  # type: ignore[attr-defined]


# --- A workshop folder --------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_workshop_folder_with_its_action_plan_beside_the_answers_continues(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """docs/progress.md: the YAML plan "may sit beside the answers"; report and check skip it, and
    so does continuing the workshop, saying so as report does."""
    room = tmp_path / "ws"
    room.mkdir()
    (room / "ada.yaml").write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: X\nrespondent: {name: Ada, role: lead}\n"
        'answers:\n  sensitive: "yes"\n  threat-model: "yes"\n  voice: consulted\n  safeguards: [encryption]\n'
        "  confidence: 2\n  months: 18\n  deletion-plan: Archived\n",
        encoding="utf-8",
    )
    made = run(tmp_path, "report", "ws", "-r", str(MINI_RUBRIC), "-o", "ws.md", "--plan", "ws/plan.yaml")
    assert made.returncode == 0, made.stderr
    terminal = start(terminals, tmp_path, "assess", "--workshop", "ws", "-r", MINI_RUBRIC)
    terminal.expect(r"civdata: skipped ws/plan\.yaml: an action plan \(--plan\), not answers")
    terminal.expect(rf"Continuing the workshop in ws, {CONSENSUS}: ada\.yaml\n")
    terminal.expect(at_question("comments"))
    terminal.send("Nothing more" + ENTER)
    terminal.expect(REVIEW)  # a workshop ends on its review, as a single run does
    terminal.send(ENTER)
    terminal.expect(r"Verdict: ")
    assert terminal.finish() == 0
    assert load_answers(room / "ada.yaml", load_rubric(MINI_RUBRIC)).answers["comments"] == Answer("Nothing more")
    assert "kind: civdata-action-plan" in (room / "plan.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_continued_workshop_leaves_out_a_participants_file_saved_twice(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """A download saved twice (``ada (1).yaml``) is one person: report counts Ada once, and so does
    continuing the workshop, saying so as report does. Before 2026-11-28 Ada was resumed twice,
    and the workshop's report counted her twice."""
    room = tmp_path / "ws"
    room.mkdir()
    ada = (
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: X\nrespondent: {name: Ada, role: lead}\n"
        'answers:\n  sensitive: "yes"\n  threat-model: "yes"\n  voice: consulted\n  safeguards: [encryption]\n'
        "  confidence: 2\n  months: 18\n  deletion-plan: Archived\n"
    )
    (room / "ada.yaml").write_text(ada, encoding="utf-8")
    (room / "ada (1).yaml").write_text(ada, encoding="utf-8")
    terminal = start(terminals, tmp_path, "assess", "--workshop", "ws", "-r", MINI_RUBRIC, "--report", "ws.json")
    terminal.expect(r"civdata: skipped ws/ada \(1\)\.yaml: the same bytes as ws/ada\.yaml, so one person counted once")
    terminal.expect(rf"Continuing the workshop in ws, {CONSENSUS}: ada\.yaml\n")
    terminal.expect(at_question("comments"))
    terminal.send("Nothing more" + ENTER)
    terminal.expect(REVIEW)
    terminal.send(ENTER)
    terminal.expect(r"Verdict: ")
    assert terminal.finish() == 0
    assert (room / "ada (1).yaml").read_text(encoding="utf-8") == ada
    assert json.loads((tmp_path / "ws.json").read_text(encoding="utf-8"))["respondents"][0]["label"] == "Ada"


@pytest.mark.slow
def test_a_workshop_folder_with_its_rubric_beside_the_answers_continues(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """docs/multi-respondent.md: the --rubric file may sit in the folder of answers; continuing the
    workshop leaves it out and says so, as report does, and another rubric there is one problem."""
    room = tmp_path / "ws"
    room.mkdir()
    (room / "ada.yaml").write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: X\nrespondent: {name: Ada, role: lead}\n"
        'answers:\n  sensitive: "yes"\n  threat-model: "yes"\n  voice: consulted\n  safeguards: [encryption]\n'
        "  confidence: 2\n  months: 18\n  deletion-plan: Archived\n",
        encoding="utf-8",
    )
    shutil.copyfile(MINI_RUBRIC, room / "rubric.yaml")
    terminal = start(terminals, tmp_path, "assess", "--workshop", "ws", "-r", "ws/rubric.yaml")
    terminal.expect(r"civdata: skipped ws/rubric\.yaml: the rubric given with --rubric, not answers")
    terminal.expect(rf"Continuing the workshop in ws, {CONSENSUS}: ada\.yaml\n")
    terminal.expect(at_question("comments"))
    terminal.send(CTRL_C)
    terminal.finish()
    shutil.copyfile(ROOT / "examples" / "rubrics" / "deon-checklist.yaml", room / "deon.yaml")
    refused = start(terminals, tmp_path, "assess", "--workshop", "ws", "-r", "ws/rubric.yaml")
    refused.expect(r"ws/deon\.yaml:\d+:\d+: this file is a rubric, not an answers file; give it with --rubric")
    refused.expect(r"civdata: 1 problem found")
    assert refused.finish() == 2


@pytest.mark.slow
def test_a_late_arrival_joins_a_continued_workshop_as_docs_assess_says(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """Continuing a workshop asks for no new participant: docs/assess.md gives a newcomer a file of
    their own with `civdata template` first. Run as documented, the newcomer is then asked from the
    first question, for them alone where the room has already answered it."""
    room = tmp_path / "workshop"
    room.mkdir()
    (room / "ada.yaml").write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Riverside Food Network\n"
        'respondent: {name: Ada, role: lead}\nanswers:\n  sensitive: "yes"\n  threat-model: "yes"\n'
        "  voice: consulted\n  safeguards: [encryption]\n  confidence: 2\n  months: 18\n",
        encoding="utf-8",
    )
    page = (ROOT / "docs" / "assess.md").read_text(encoding="utf-8")
    documented = next(line for line in page.splitlines() if line.startswith("civdata template -o workshop/"))
    made = run(tmp_path, *shlex.split(documented)[1:], "-r", str(MINI_RUBRIC))
    assert made.returncode == 0, made.stderr
    assert "civdata assess --workshop workshop/\n" in page
    terminal = start(terminals, tmp_path, "assess", "--workshop", "workshop/", "-r", MINI_RUBRIC)
    terminal.expect(rf"Continuing the workshop in workshop/?, {CONSENSUS}: ada\.yaml, sam\.yaml\n")
    terminal.expect(r"The group's answer, for Sam\n")
    terminal.expect(at_question("sensitive"))
    terminal.send(ENTER)  # Yes, for Sam
    terminal.expect(r"The group's answer, for Sam\n")
    terminal.expect(at_question("threat-model"))
    terminal.send(CTRL_C)
    terminal.finish()
    answers = load_answers(room / "sam.yaml", load_rubric(MINI_RUBRIC))
    assert (answers.initiative, answers.respondent.role, answers.respondent.name) == (
        "Riverside Food Network",
        "partner",
        "Sam",
    )
    assert answers.answers["sensitive"] == Answer("yes")


def test_continuing_a_workshop_reports_the_problems_of_every_participants_file_at_once(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """Errors all at once: two participants' files with a wrong answer each are both located in one
    run (before, the first broken file ended it, and the second was found only once it was fixed)."""
    room = tmp_path / "ws"
    room.mkdir()
    for name, answer in (("ada", "maybe"), ("ben", "perhaps")):
        (room / f"{name}.yaml").write_text(
            f"format: 1\nrubric: {{id: mini, version: 1.2.0}}\ninitiative: X\n"
            f"respondent: {{name: {name}, role: lead}}\nanswers:\n  voice: {answer}\n",
            encoding="utf-8",
        )
    terminal = start(terminals, tmp_path, "assess", "--workshop", "ws", "-r", MINI_RUBRIC)
    terminal.expect(r"ws/ada\.yaml:6:10: 'maybe' is not an answer to 'voice'")
    terminal.expect(r"ws/ben\.yaml:6:10: 'perhaps' is not an answer to 'voice'")
    terminal.expect(r"civdata: 2 problems found")
    assert terminal.finish() == 2


def name_the_room(terminal: Terminal, participants: tuple[tuple[str, int], ...]) -> None:
    """A workshop's initiative, then each participant's name and role (by downs from the first)."""
    sign_in_the_room(terminal.expect, terminal.send, participants)


def sam_disagrees_at_sensitive(terminal: Terminal) -> None:
    """The group answers Yes; Sam (the second participant) disagrees: No, "because"."""
    sam_answers_no_at_sensitive(terminal)
    terminal.send("because" + ENTER)
    terminal.expect(r"≠ Sam: No")


def sam_answers_no_at_sensitive(terminal: Terminal) -> None:
    """The group answers Yes; Sam (the second participant) answers No, and is asked why."""
    terminal.expect(at_question("sensitive"))
    terminal.send("!")  # Yes, for the group, but someone disagrees
    terminal.expect(r"Who disagrees")
    terminal.send(DOWN + " " + ENTER)  # Sam
    terminal.expect(r"Sam's own answer")
    terminal.expect(at_question("sensitive"))
    terminal.send(DOWN + ENTER)  # no
    terminal.expect(r"Why does Sam see it differently\?")


DISSENT = Answer("no", "Disagreed with the group's answer (Yes): because")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stop_at", "stop"),
    [
        ("who disagrees", "Ctrl-C"),
        ("their own answer", "Ctrl-C"),
        ("their own answer", "SIGHUP"),
        ("who disagrees", "SIGTERM"),
    ],
)
def test_stopped_before_a_disagreement_is_recorded_keeps_no_answer_for_those_about_to_disagree(
    tmp_path: Path, terminals: list[Terminal], stop_at: str, stop: str
) -> None:
    """An outside review: Ctrl-C after "!" and before Sam's own answer was given left the group's
    answer in Sam's file, and the workshop continued with the disagreement gone, without a word.
    Stopped while the facilitator ticks who disagrees, nobody keeps the group's answer; stopped at
    Sam's own answer, Ada keeps it and Sam does not. The screen says so, and the question is asked
    again of those who have no answer when the workshop continues. A closed terminal (SIGHUP) or a
    laptop shutting down (SIGTERM) stops it alike (the next review: Sam's file said he agreed)."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ada", 0), ("Sam", 1)))
    terminal.expect(at_question("sensitive"))
    terminal.send("!")  # Yes, for the group, but someone disagrees
    terminal.expect(r"Who disagrees")
    if stop_at == "their own answer":
        terminal.send(DOWN + " " + ENTER)  # Sam
        terminal.expect(r"Sam's own answer")
        terminal.expect(at_question("sensitive"))
    if stop == "Ctrl-C":
        terminal.send(CTRL_C)
        terminal.expect(
            r"Stopped before every disagreement on Sensitive data was recorded: the group's answer is not kept "
            + ("for Sam," if stop_at == "their own answer" else "for Ada and Sam,")
        )
        assert terminal.finish() == 130
    else:
        time.sleep(0.3)  # the prompt is drawn: the signal comes while it waits for a key
        terminal.child.kill(getattr(signal, stop))
        assert terminal.finish() == 128 + getattr(signal, stop)
    rubric = load_rubric(MINI_RUBRIC)
    ada, sam = (load_answers(tmp_path / "room" / f"{name}.yaml", rubric) for name in ("ada", "sam"))
    assert "sensitive" not in sam.answers
    assert ("sensitive" in ada.answers) is (stop_at == "their own answer")

    again = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    again.expect(r"The group's answer, for Sam\b" if stop_at == "their own answer" else r"for Ada, Sam\b")
    if stop_at == "their own answer":  # the facilitator sees what the room said (a later session's review)
        again.expect(r"= Ada, answered before: Yes\b")
    again.expect(at_question("sensitive"))
    again.send(CTRL_C)
    assert again.finish() == 130


@pytest.mark.slow
def test_going_back_re_decides_a_question_for_the_whole_room(tmp_path: Path, terminals: list[Terminal]) -> None:
    """Sam disagreed at "sensitive" (so the threat model is asked of Ada only); back from there,
    the room answers "sensitive" again, all of it, and now agrees on No: Sam's note about
    disagreeing with "Yes" would be false, so it goes."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ada", 0), ("Sam", 1)))
    sam_disagrees_at_sensitive(terminal)
    terminal.expect(r"The group's answer, for Ada\n")  # Ada alone: no ! to offer
    terminal.expect(at_question("threat-model"))
    terminal.send("<")
    terminal.expect(r"The group's answer, for Ada, Sam ·")
    terminal.expect(r"≠ Sam: No · Disagreed with the group's answer \(Yes\): because")
    terminal.expect(at_question("sensitive"))
    terminal.send(DOWN + ENTER)  # the room now says No
    terminal.expect(r"= Sam now agrees with the group's answer; the note saying they disagreed is removed")
    terminal.expect(at_question("voice"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    rubric = load_rubric(MINI_RUBRIC)
    for name in ("ada", "sam"):
        assert load_answers(tmp_path / "room" / f"{name}.yaml", rubric).answers["sensitive"] == Answer("no")


@pytest.mark.slow
def test_walking_back_through_a_question_keeps_who_disagreed(tmp_path: Path, terminals: list[Terminal]) -> None:
    """Back two questions and forward again with the group's answer unchanged: Sam's disagreement
    still stands, with Sam's own answer and note."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ada", 0), ("Sam", 1)))
    sam_disagrees_at_sensitive(terminal)
    terminal.expect(at_question("threat-model"))
    terminal.send(ENTER)  # yes, for Ada
    terminal.expect(r"The group's answer, for Ada, Sam ·")
    terminal.expect(at_question("voice"))
    terminal.send("<")  # the previous round: the threat model, Ada's only
    terminal.expect(r"The group's answer, for Ada\n")  # Ada alone: no ! to offer
    terminal.expect(at_question("threat-model"))
    terminal.send("<")
    terminal.expect(r"The group's answer, for Ada, Sam ·")
    terminal.expect(at_question("sensitive"))
    terminal.send(ENTER)  # Yes again: preselected from the group's answer, not Sam's
    terminal.expect(r"≠ Sam: No")
    terminal.expect(at_question("threat-model"))
    terminal.send(ENTER)
    terminal.expect(at_question("voice"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    rubric = load_rubric(MINI_RUBRIC)
    ada, sam = (load_answers(tmp_path / "room" / f"{name}.yaml", rubric) for name in ("ada", "sam"))
    assert ada.answers["sensitive"] == Answer("yes")
    assert ada.answers["threat-model"] == Answer("yes")
    assert sam.answers["sensitive"] == DISSENT


@pytest.mark.slow
def test_a_report_name_without_a_known_ending_says_which_endings_assess_writes(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """assess has no --format: docs/assess.md says the --report format comes from the file's
    extension, so the refusal names the endings that work, not an option assess does not have."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "-o", "z.yaml", "--report", "r.xyz")
    terminal.expect(
        r"--report r\.xyz: cannot tell the report format from 'r\.xyz'; the format comes from how the name ends: "
        r"\.md or \.markdown \(markdown\), \.json \(json\), \.txt \(text\), \.html or \.htm "
        r"\(html\), \.sarif \(sarif\); such as --report report\.md"
    )
    assert terminal.finish() == 2
    assert "--format" not in terminal.text
    assert not (tmp_path / "z.yaml").exists() and not (tmp_path / "r.xyz").exists()


# --- Typing to jump, and the commands assess prints -------------------------------------------------


@pytest.mark.slow
def test_typing_an_options_whole_label_answers_that_option(tmp_path: Path, terminals: list[Terminal]) -> None:
    """docs/assess.md: typing jumps to the option that starts with what you type. The apostrophe
    of "I don't know" is part of it: the "n" of "know" must not land on "No"."""
    terminal = start(terminals, tmp_path, "assess", "-o", "eng.yaml")
    give_details(terminal, role_downs=1)  # Lead organisation
    terminal.expect(at_question("people-at-risk"))
    terminal.send("i don't know" + ENTER)
    terminal.expect(r"✓ .*I don't know")
    terminal.expect(HEADER)  # the next question: a Ctrl-C between two prompts can be lost (CI, 2026-11-27)
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    saved = load_answers(tmp_path / "eng.yaml", load_rubric(next(entry.path for entry in bundled_rubrics())))
    assert saved.answers["people-at-risk"].value == "unsure"


#: A rubric of one's own, under a name that needs quoting in a shell.
OWN_RUBRIC = "my rubric.yaml"


def own_rubric(folder: Path) -> Rubric:
    shutil.copy(ROOT / "examples" / "rubrics" / "deon-checklist.yaml", folder / OWN_RUBRIC)
    return load_rubric(folder / OWN_RUBRIC, lang="pt-BR")


def header_commands(path: Path) -> list[str]:
    """The commands the answers file's header comment gives for the file, each on a line of its own."""
    return printed_commands(path.read_text(encoding="utf-8").split("\n---\n")[0])


def run_printed(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command)
    assert words[0] == "civdata", command
    return subprocess.run(
        [*civdata_command(), *words[1:]], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.slow
def test_the_commands_printed_for_a_rubric_file_work_as_printed(tmp_path: Path, terminals: list[Terminal]) -> None:
    """With a rubric file and --lang, "continue with" (Ctrl-C, the file's header) and "make the
    report" (the last screen) name both, quoted for a shell, so they work as printed."""
    rubric = own_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "--rubric", OWN_RUBRIC, "--lang", "pt-BR", "-o", "deon.yaml")
    give_details(terminal)
    terminal.expect(at_question("A.1"))
    terminal.send("não sei" + ENTER)
    terminal.expect(r"✓ .*Não sei")
    terminal.expect(at_question("A.2"))  # a Ctrl-C between two prompts can be lost (CI, 2026-11-27)
    terminal.send(CTRL_C)
    continue_with = terminal.expect(r"Continue where you stopped with: (.+)\n").group(1).strip()
    assert terminal.finish() == 130
    assert load_answers(tmp_path / "deon.yaml", rubric).answers["A.1"].value == "unsure"
    assert shlex.split(continue_with) == [
        "civdata", "assess", "--resume", "deon.yaml", "--rubric", OWN_RUBRIC, "--lang", "pt-BR"
    ]  # fmt: skip
    resume, report = header_commands(tmp_path / "deon.yaml")
    assert resume == continue_with
    made = run_printed(report, tmp_path)
    assert made.returncode == 0, made.stderr
    assert "Checklist de Ética" in made.stdout  # in the language the answers were given in

    terminal = start(terminals, tmp_path, *shlex.split(continue_with)[1:])
    terminal.expect(PAUSE)
    terminal.send(ENTER)
    replies = {question.id: (ENTER, "") for question in rubric.questions}
    answer_all(terminal, replies)  # up to the review
    terminal.send(ENTER)  # Finish
    make_report = terminal.expect(r"The full report, with what to do: (.+?)\s*\n").group(1)
    assert terminal.finish() == 0
    made = run_printed(make_report, tmp_path)
    assert made.returncode == 0, made.stderr
    assert "Checklist de Ética" in (tmp_path / "report.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_commands_printed_in_a_workshop_with_a_rubric_file_work_as_printed(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    own_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "--workshop", "wd", "--rubric", OWN_RUBRIC, "--lang", "pt-BR")
    combine = terminal.expect(r"`(civdata report [^`]+)` combines them").group(1)
    sign_in_the_room(terminal.expect, terminal.send, (("Ann", 0),))
    terminal.expect(at_question("A.1"))
    terminal.send(ENTER)
    terminal.expect(at_question("A.2"))
    terminal.send(CTRL_C)
    continue_with = terminal.expect(r"Continue where you stopped with: (.+)\n").group(1).strip()
    assert terminal.finish() == 130
    made = run_printed(combine, tmp_path)
    assert made.returncode == 0, made.stderr
    assert "Checklist de Ética" in made.stdout

    terminal = start(terminals, tmp_path, *shlex.split(continue_with)[1:])
    terminal.expect(rf"Continuing the workshop in wd, {CONSENSUS}: ann\.yaml")
    terminal.expect(at_question("A.2"))


@pytest.mark.slow
def test_a_workshop_in_turn_goes_on_in_turn_as_printed(tmp_path: Path, terminals: list[Terminal]) -> None:
    """An outside review: the command printed to continue a workshop answered in turn left out
    --in-turn, and run as printed, the partners' workshop went on as one answer for the room,
    without a word. The command keeps it, and a continued workshop says how it goes on."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room", "--in-turn")
    name_the_room(terminal, (("Ada", 0), ("Sam", 1)))
    terminal.expect(r"Ada answers \(1 of 2\)")
    terminal.expect(at_question("sensitive"))
    terminal.send(ENTER)  # Ada: yes
    terminal.expect(r"Sam answers \(2 of 2\)")
    terminal.send(CTRL_C)
    continue_with = terminal.expect(r"Continue where you stopped with: (.+)\n").group(1).strip()
    assert terminal.finish() == 130
    assert shlex.split(continue_with)[:5] == ["civdata", "assess", "--workshop", "room", "--in-turn"]
    again = start(terminals, tmp_path, *shlex.split(continue_with)[1:])
    again.expect(r"Continuing the workshop in room, each in turn \(--in-turn\): ada\.yaml, sam\.yaml")
    again.expect(r"Sam answers \(1 of 1\)")
    again.send(CTRL_C)
    assert again.finish() == 130


@pytest.mark.slow
def test_stopped_at_why_someone_disagrees_the_screen_says_what_was_kept(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """An outside review: stopped while Sam's reason was typed, the screen said the question would
    be asked again when the workshop went on; Sam's own answer was kept and nothing was asked,
    so the reason was lost on a promise. The screen says what was kept and what was not."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ada", 0), ("Sam", 1)))
    sam_answers_no_at_sensitive(terminal)
    terminal.send("becau")
    terminal.send(CTRL_C)
    terminal.expect(
        r"Stopped before every disagreement on Sensitive data was recorded: Sam's own answer is kept, without "
        r"why they see it differently: add the reason to the note of this question in their answers file"
    )
    assert terminal.finish() == 130
    assert "asked of them again" not in terminal.text
    sam = load_answers(tmp_path / "room" / "sam.yaml", load_rubric(MINI_RUBRIC))
    assert sam.answers["sensitive"] == Answer("no", "Disagreed with the group's answer (Yes).")


# --- A workshop's review, its disagreements, and changed answers on screen -------------------------


ROOM_REPLIES: dict[str, tuple[str, str]] = {
    "threat-model": (ENTER, ""),  # yes (asked while "sensitive" is unanswered: it may apply)
    "voice": (DOWN + ENTER, ""),  # consulted
    "safeguards": (" " + ENTER, ""),  # encryption
    "confidence": (ENTER, ""),
    "months": ("18" + ENTER, ""),
    "deletion-plan": ("Archived" + ENTER, ""),
    "comments": ("None" + ENTER, ""),
}


@pytest.mark.slow
def test_a_workshop_ends_on_a_review_where_the_room_answers_what_it_skipped(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """docs/assess.md: "skip questions that need someone who is not in the room and answer them in
    the review". A skipped required question is named before the workshop finishes, and the room
    answers it in the review; a finished workshop folder,
    continued, reaches the review again, where the room can change an answer."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ada", 0), ("Sam", 1)))
    terminal.expect(at_question("sensitive"))
    terminal.send(DOWN * 5 + ENTER)  # past Yes, No, Unsure, Back and Help: Skip
    terminal.expect(r"Skipped\. This question is required: .* You can answer it in the review at the end\.")
    answer_all(terminal, ROOM_REPLIES)
    terminal.expect(r"Review: 7 of 8 questions answered, 1 required unanswered")
    terminal.expect(r"Sensitive data: — not answered \(required\)")
    terminal.send(ENTER)  # Finish
    terminal.expect(r"1 required question is unanswered: Sensitive data\.")
    terminal.expect(r"Finish with required questions unanswered\?")
    terminal.send(ENTER)  # back to the review (preselected)
    terminal.expect(REVIEW)
    terminal.send(DOWN + ENTER)  # from Finish to the first question
    terminal.expect(r"The group's answer, for Ada, Sam ·")
    terminal.expect(at_question("sensitive"))
    terminal.send(ENTER)  # yes
    terminal.expect(r"✓ Sensitive data: Yes\n\s*↺ replaces the answer above: skipped")
    terminal.expect(r"Review: 8 of 8 questions answered")
    terminal.send(ENTER)  # the pointer is back on Finish
    terminal.expect(r"Verdict: ")
    assert terminal.finish() == 0
    rubric = load_rubric(MINI_RUBRIC)
    for name in ("ada", "sam"):
        saved = load_answers(tmp_path / "room" / f"{name}.yaml", rubric)
        assert saved.answers["sensitive"] == Answer("yes") and saved.answers["threat-model"] == Answer("yes")

    again = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    again.expect(rf"Continuing the workshop in room, {CONSENSUS}: ada\.yaml, sam\.yaml")
    again.expect(REVIEW)
    again.send(DOWN + ENTER)
    again.expect(at_question("sensitive"))
    again.send(DOWN + ENTER)  # no: the threat model no longer applies
    again.expect(r"Review: 7 of 7 questions answered")
    again.send(ENTER)
    again.expect(r"Verdict: ")
    assert again.finish() == 0
    for name in ("ada", "sam"):
        assert load_answers(tmp_path / "room" / f"{name}.yaml", rubric).answers["sensitive"] == Answer("no")


@pytest.mark.slow
def test_a_participant_given_the_groups_own_answer_is_not_recorded_as_disagreeing(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """docs/assess.md: with ``!``, "give each of them their own answer". The group's own answer is
    not a disagreement: it is refused, saying why; ``<`` then leaves Bo with the group's answer,
    the room's note kept in his file, and nobody shown as disagreeing."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ann", 0), ("Bo", 1)))
    terminal.expect(at_question("sensitive"))
    terminal.send(DOWN + TAB)  # No, with the room's note
    terminal.expect(r"Note \(optional\)")
    terminal.send("Room note: ask legal" + ENTER)
    terminal.expect(at_question("voice"))
    terminal.send("<")
    terminal.expect(at_question("sensitive"))
    terminal.send("!")  # No again, but someone disagrees
    terminal.expect(r"Who disagrees")
    terminal.send(DOWN + " " + ENTER)  # Bo
    terminal.expect(r"Bo's own answer")
    terminal.expect(at_question("sensitive"))
    terminal.send(ENTER)  # No, preselected: the group's own answer
    terminal.expect(r"No is the group's answer: choose another for Bo, or < to leave Bo agreeing")
    terminal.expect(at_question("sensitive"))
    terminal.send("<")
    terminal.expect(at_question("voice"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    assert "≠ Bo" not in terminal.text
    assert "see it differently" not in terminal.text
    rubric = load_rubric(MINI_RUBRIC)
    for name in ("ann", "bo"):
        saved = load_answers(tmp_path / "room" / f"{name}.yaml", rubric)
        assert saved.answers["sensitive"] == Answer("no", "Room note: ask legal")


@pytest.mark.slow
def test_participants_of_the_same_name_are_told_apart_as_the_report_tells_them_apart(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """docs/multi-respondent.md: "A repeated label gets ` (2)` ... so no two respondents ever share
    a label". The reviewer's two partners called Ana looked the same in the workshop ("Who
    disagrees" showed two identical rows), while ``civdata report`` named them ``Ana`` and
    ``Ana (2)``: the workshop names them as the report does, each the same person in both."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ana", 1), ("Ana", 1), ("Bo", 2)))
    terminal.expect(r"The group's answer, for Ana, Ana \(2\), Bo ·")
    terminal.expect(at_question("sensitive"))
    terminal.send("!")  # Yes, for the group, but someone disagrees
    terminal.expect(r"Who disagrees")
    terminal.expect(r"\[ \] Ana\s*\n.*\[ \] Ana \(2\)\s*\n.*\[ \] Bo\b")  # the report's labels
    terminal.send(DOWN + " " + ENTER)  # the second row
    terminal.expect(r"Ana \(2\)'s own answer")
    terminal.expect(at_question("sensitive"))
    terminal.send(DOWN + ENTER)  # no
    terminal.expect(r"Why does Ana \(2\) see it differently\?")
    terminal.send(ENTER)
    terminal.expect(r"≠ Ana \(2\): No")
    terminal.expect(at_question("threat-model"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    report = invoke("report", tmp_path / "room", "-r", MINI_RUBRIC, "--format", "json")
    assert report.exit_code == 0, report.output
    rubric = load_rubric(MINI_RUBRIC)
    labelled = {
        respondent["label"]: load_answers(Path(respondent["source"]), rubric).answers["sensitive"].value
        for respondent in json.loads(report.stdout)["respondents"]
    }
    assert labelled == {"Ana": "yes", "Ana (2)": "no", "Bo": "yes"}


@pytest.mark.slow
def test_direction_marks_typed_around_a_name_are_left_out(tmp_path: Path, terminals: list[Terminal]) -> None:
    """A right-to-left keyboard types marks around a name (U+200F): they change nothing on screen,
    but every report spelled them out, ``\\u200fمحمد الأحمد\\u200f`` in each table and heading
    (an outside reviewer's workshop, 2026-11-28). Typed at the ends of a name, they are left out."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("\u200fمحمد الأحمد\u200f", 1), ("Bo", 2)))
    terminal.expect(at_question("sensitive"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    names = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["respondent"]["name"] for path in (tmp_path / "room").iterdir()
    }
    assert names == {"محمد الأحمد", "Bo"}


@pytest.mark.slow
def test_a_workshops_file_names_keep_accented_and_non_latin_names(tmp_path: Path, terminals: list[Terminal]) -> None:
    """The reviewer's room: ``Aïcha Benali-Ñúñez``, ``محمد الأحمد`` and ``דוד כהן`` got
    ``a-cha-benali-ez.yaml``, ``participant.yaml`` and ``participant-2.yaml``, which nobody could
    tell apart three months later. docs/assess.md says how names become file names."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Aïcha Benali-Ñúñez", 0), ("محمد الأحمد", 1), ("דוד כהן", 2)))
    terminal.expect(at_question("sensitive"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    names = {path.name for path in (tmp_path / "room").iterdir()}
    assert names == {"aicha-benali-nunez.yaml", "محمد-الأحمد.yaml", "דוד-כהן.yaml"}
    again = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    again.expect(rf"Continuing the workshop in room, {CONSENSUS}: aicha-benali-nunez\.yaml, ")
    again.expect(at_question("sensitive"))
    again.send(CTRL_C)
    assert again.finish() == 130


#: Ctrl-C at a workshop's note prompt: how to reach it (keys at "sensitive", then at "threat-model"
#: when that is where the note is asked), and the answers then in Lea's and Bo's files.
STOPPED_AT_THE_NOTE = {
    "consensus, a note asked for": ((), TAB, None, Answer("yes"), Answer("yes")),
    "consensus, a note needed": ((), ENTER, DOWN + ENTER, Answer("no"), Answer("no")),
    # In turn, Bo answers first: the room is in its files' order (bo.yaml, lea.yaml), as the report's.
    "in turn, a note asked for": (("--in-turn",), TAB, None, None, Answer("yes")),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", STOPPED_AT_THE_NOTE, ids=list(STOPPED_AT_THE_NOTE))
def test_ctrl_c_at_a_workshops_note_keeps_the_answer_just_given(
    tmp_path: Path, terminals: list[Terminal], case: str
) -> None:
    """docs/assess.md: "The answer itself is saved at once, so stopping at the note (Ctrl-C) ...
    keeps it", and in a workshop "Ctrl-C keeps every file". The reviewer's files kept
    ``answers: {}``: the room's answer was written only after its note."""
    mode, at_sensitive, at_threat_model, lea, bo = STOPPED_AT_THE_NOTE[case]
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room", *mode)
    name_the_room(terminal, (("Lea", 0), ("Bo", 2)))  # the lead, then the community
    terminal.expect(at_question("sensitive"))
    terminal.send(at_sensitive)
    if at_threat_model is not None:  # a "No" to the threat model (Lea's only) needs a note
        terminal.expect(at_question("threat-model"))
        terminal.send(at_threat_model)
    terminal.expect(r"Note \((optional|needed)\)")
    terminal.send(CTRL_C)
    terminal.expect(r"Stopped\. The answers so far are saved")
    assert terminal.finish() == 130
    rubric = load_rubric(MINI_RUBRIC)
    question = "sensitive" if at_threat_model is None else "threat-model"
    for name, expected in (("lea", lea), ("bo", bo)):
        assert load_answers(tmp_path / "room" / f"{name}.yaml", rubric).answers.get(question) == expected


@pytest.mark.slow
def test_ctrl_c_at_a_dissenters_reason_keeps_the_groups_answer_and_theirs(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """Ctrl-C while typing why someone disagrees lost both the group's answer and the dissenter's
    own. Both are kept, the dissenter's with the note saying they disagreed (no reason given yet),
    so the workshop continued shows the disagreement."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    name_the_room(terminal, (("Ada", 0), ("Sam", 1)))
    sam_answers_no_at_sensitive(terminal)
    terminal.send("beca" + CTRL_C)
    assert terminal.finish() == 130
    rubric = load_rubric(MINI_RUBRIC)
    ada, sam = (load_answers(tmp_path / "room" / f"{name}.yaml", rubric) for name in ("ada", "sam"))
    assert ada.answers["sensitive"] == Answer("yes")
    assert sam.answers["sensitive"] == Answer("no", "Disagreed with the group's answer (Yes).")

    again = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    again.expect(at_question("threat-model"))  # Ada's only: Sam disagreed at "sensitive"
    again.send("<")
    again.expect(r"≠ Sam: No · Disagreed with the group's answer \(Yes\)\.")
    again.expect(at_question("sensitive"))
    again.send(CTRL_C)
    assert again.finish() == 130


@pytest.mark.slow
def test_an_answer_changed_by_going_back_is_marked_as_replacing_the_one_above(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """docs/assess.md: "After each answer, the answer stays on screen in full". Going back and
    choosing another answer must not leave the old one on screen as if it were still current."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC)
    give_details(terminal)
    answer(terminal, "sensitive", TAB, "Names and addresses")  # yes, with a note
    terminal.expect(r"✓ Sensitive data: Yes\n\s*✎ Names and addresses\n")
    terminal.expect(at_question("threat-model"))
    terminal.send("<")
    terminal.expect(at_question("sensitive"))
    terminal.send(DOWN + ENTER)  # no
    terminal.expect(r"✓ Sensitive data: No\n\s*✎ Names and addresses\n\s*↺ replaces the answer above: Yes\n")
    terminal.expect(at_question("voice"))
    terminal.send("<")
    terminal.expect(at_question("sensitive"))
    terminal.send(ENTER)  # no again: nothing replaced
    found = terminal.expect(r"✓ Sensitive data: No\n\s*✎ Names and addresses\n(.*)\n")
    assert "replaces" not in found.group(1)
    terminal.expect(at_question("voice"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130


# --- A workshop's progress line ---------------------------------------------------------------------

ROLES_RUBRIC = FIXTURES / "roles-rubric.yaml"
#: The bar and the line under a question's area line: ``▰▰▱▱▱▱▱▱▱▱ 2 of 9 answered in all``.
PROGRESS = r"([▰▱]+) (\d+) of (\d+) answered in all\b.*\n.*?\[([A-Za-z0-9_.-]+)\]"


def progress_through_the_room(terminal: Terminal) -> list[tuple[str, int, int, int]]:
    """Enter at every question until the review; for each question shown (each turn, in turn):
    its id, the answered count, the total and the filled segments of the bar."""
    shown: list[tuple[str, int, int, int]] = []
    while True:
        found = terminal.expect(PROGRESS + "|" + REVIEW)
        if found.group(0).startswith("Choose"):
            return shown
        bar, answered, total, question_id = found.groups()
        shown.append((question_id, int(answered), int(total), bar.count("▰")))
        terminal.send(ENTER)  # Yes
        terminal.expect(r": Yes\n")  # its echo: the prompt is done, so its last drawing is passed


@pytest.mark.slow
@pytest.mark.parametrize("mode", [(), ("--in-turn",)], ids=["consensus", "in-turn"])
def test_a_workshops_progress_is_the_rooms_and_never_goes_backwards(
    tmp_path: Path, terminals: list[Terminal], mode: tuple[str, ...]
) -> None:
    """docs/assess.md: the figures above a question never jump backwards (the total can shrink as
    the room answers); in a workshop they count the room's questions, the same whoever's turn it
    is. The funder is the first participant, the lead organisation is asked questions the funder
    is not: the line must not switch between the funder's count and the lead's."""
    terminal = start(terminals, tmp_path, "assess", "-r", ROLES_RUBRIC, "--workshop", "room", *mode)
    name_the_room(terminal, (("Fay", 0), ("Lee", 1)))  # Funder, then Lead organisation
    shown = progress_through_the_room(terminal)
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    for (before_id, *before), (after_id, *after) in itertools.pairwise(shown):
        answered, total, filled = before
        assert after[0] >= answered, f"answered went back from {before_id} to {after_id}: {shown}"
        assert after[2] >= filled, f"the bar went back from {before_id} to {after_id}: {shown}"
        assert after[1] <= total, f"the total grew from {before_id} to {after_id}: {shown}"
    # Nine questions apply to someone or may follow (the follow-up of "origin" until Yes hides it);
    # the room answers them in order, each asked once of the room, or in turn of each it applies to.
    lead_only = {"matching", "matching-review", "documentation", "legal-basis"}
    order = [
        "pressures",
        "matching",
        "matching-review",
        "feedback",
        "documentation",
        "cadence",
        "legal-basis",
        "origin",
    ]
    expected = [
        (question_id, answered, 9)
        for answered, question_id in enumerate(order)
        for _turn in range(1 if not mode or question_id in lead_only else 2)
    ]
    assert [(question_id, answered, total) for question_id, answered, total, _ in shown] == expected


@pytest.mark.slow
@pytest.mark.parametrize("room", [(("Ada", 0),), (("Fay", 0), ("Lee", 1))], ids=["alone", "one role's question"])
def test_the_disagree_key_is_offered_only_where_someone_can_disagree(
    tmp_path: Path, terminals: list[Terminal], room: tuple[tuple[str, int], ...]
) -> None:
    """docs/assess.md: "Every prompt repeats the keys that work there on its instruction line".
    ``!`` works only when the question is asked of more than one participant; the header offered
    it to one participant alone (then ``!`` only typed into the option jump)."""
    rubric = MINI_RUBRIC if len(room) == 1 else ROLES_RUBRIC
    terminal = start(terminals, tmp_path, "assess", "-r", rubric, "--workshop", "room")
    name_the_room(terminal, room)
    if len(room) > 1:  # Fay (funder) and Lee (lead): the first question is both's
        terminal.expect(r"The group's answer, for Fay, Lee · ! instead of Enter: someone disagrees\n")
        terminal.expect(at_question("pressures"))
        terminal.send(ENTER)
        terminal.expect(r": Yes\n")
    alone = room[-1][0]  # the lead's question, or the only participant's
    found = terminal.expect(rf"The group's answer, for {alone}([^\n]*)\n")
    terminal.expect(at_question("matching" if len(room) > 1 else "sensitive"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    assert found.group(1) == ""


# --- Commands naming a file whose name cannot be printed as words a shell reads back -------------

#: A file name with a line break: printed as it is, it would end the line; folded into a space, it
#: names a colleague's file ("Ana Lima.yaml"); escaped inside shell quotes, it names yet another.
BROKEN_NAME = "Ana\nLima.yaml"
#: The line that says what the stand-in is (docs/assess.md).
FILE_NOTE = r"FILE is the name of the (?:file|folder) above, which cannot be printed here as words a shell reads back"


def _stand_in_command(pattern: str, text: str) -> str:
    """The command printed after ``pattern``, read as a shell reads it."""
    found = re.search(pattern + r"(civdata [^\n]+?)\s*(?:\n|$)", text)
    assert found is not None, text[-1500:]
    return shlex.join(shlex.split(found.group(1)))


@pytest.mark.slow
def test_ctrl_c_and_the_last_screen_never_print_a_file_name_a_shell_would_misread(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """The rule of the answers file's header holds on the terminal too: a name that cannot be
    printed as words a shell reads back is printed as FILE, with a line saying so, both in the
    Ctrl-C message and in the last screen's command to make the report. The rubric by a short
    name: the checkout's own path, however long, would wrap the last screen's line."""
    shutil.copy(MINI_RUBRIC, tmp_path / "r.yaml")
    terminal = start(terminals, tmp_path, "assess", "-r", "r.yaml", "-o", BROKEN_NAME)
    give_details(terminal)
    run_script(terminal, MINI_SCRIPT[:1])
    terminal.expect(at_question("threat-model"))
    terminal.send(CTRL_C)
    terminal.expect(r"Continue where you stopped with: ")
    terminal.expect(FILE_NOTE)
    assert terminal.finish() == 130
    stopped = terminal.text
    assert _stand_in_command(r"Continue where you stopped with: ", stopped) == shlex.join(
        ["civdata", "assess", "--resume", "FILE", "--rubric", "r.yaml"]
    )
    assert "Ana Lima" not in stopped and "Ana\\nLima" not in stopped.split("Continue where")[1]
    assert (tmp_path / BROKEN_NAME).exists()

    terminal = start(terminals, tmp_path, "assess", "--resume", BROKEN_NAME, "--rubric", "r.yaml")
    terminal.expect(PAUSE)
    terminal.send(ENTER)
    run_script(terminal, MINI_SCRIPT[1:])
    finish_review(terminal)
    terminal.expect(r"The full report, with what to do: ")
    terminal.expect(FILE_NOTE)
    assert terminal.finish() == 0
    shown = terminal.text
    assert _stand_in_command(r"The full report, with what to do: ", shown) == shlex.join(
        ["civdata", "report", "FILE", "-o", "report.md", "--rubric", "r.yaml"]
    )
    assert "Ana Lima" not in shown


@pytest.mark.slow
def test_a_workshop_never_prints_a_folder_name_a_shell_would_misread(tmp_path: Path, terminals: list[Terminal]) -> None:
    """The same for a workshop's folder: the welcome's command that combines the files and the
    Ctrl-C message print FOLDER, with a line saying which folder that is."""
    # The rubric by a short name: the checkout's own path, however long, would wrap the line.
    shutil.copy(MINI_RUBRIC, tmp_path / "r.yaml")
    terminal = start(terminals, tmp_path, "assess", "-r", "r.yaml", "--workshop", "room\x1b]0;owned\x07")
    terminal.expect(r"` combines them")
    sign_in_the_room(terminal.expect, terminal.send, (("Ann", 0),))
    terminal.expect(at_question("sensitive"))
    terminal.send(CTRL_C)
    terminal.expect(r"Continue where you stopped with: ")
    assert terminal.finish() == 130
    text = terminal.text
    combine = re.search(r"`(civdata report [^`]+)` combines them", text)
    assert combine is not None, text[-1500:]
    assert combine.group(1) == shlex.join(["civdata", "report", "FOLDER", "--rubric", "r.yaml"])
    assert _stand_in_command(r"Continue where you stopped with: ", text) == shlex.join(
        ["civdata", "assess", "--workshop", "FOLDER", "--rubric", "r.yaml"]
    )
    assert re.search(r"FOLDER is the name of the folder above, which cannot be printed here", text), text[-1500:]
    assert "\x1b]0;owned" not in terminal.raw


def test_an_existing_file_whose_name_cannot_be_printed_is_named_file(tmp_path: Path, terminals: list[Terminal]) -> None:
    """assess refuses to overwrite an answers file and says how to continue it: with FILE, and
    why, where the name would not run as printed."""
    (tmp_path / BROKEN_NAME).write_text("keep me\n", encoding="utf-8")
    terminal = Terminal(["assess", "-r", str(MINI_RUBRIC), "-o", BROKEN_NAME], tmp_path)
    terminals.append(terminal)
    terminal.expect(r"already exists")
    assert terminal.finish() == 2
    said = re.search(
        r"To continue it: (civdata .+?)\. (FILE is that file's name, which cannot be printed)", terminal.text
    )
    assert said is not None, terminal.text
    assert shlex.split(said.group(1)) == ["civdata", "assess", "--resume", "FILE", "--rubric", str(MINI_RUBRIC)]
    assert (tmp_path / BROKEN_NAME).read_text(encoding="utf-8") == "keep me\n"


def without_a_terminal(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *args],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_a_terminal_a_rubric_name_that_cannot_be_printed_is_named_rubric_yaml(tmp_path: Path) -> None:
    """The commands that replace assess without a terminal name the rubric given: RUBRIC.yaml, and
    why, when its name would not run as printed."""
    result = without_a_terminal(tmp_path, "assess", "--rubric", "my\nrubric.yaml")
    assert result.returncode == 2
    commands = re.findall(r"`(civdata [^`]+)`", result.stderr)
    assert commands == [
        "civdata template -o answers.yaml --rubric RUBRIC.yaml",
        "civdata report answers.yaml --rubric RUBRIC.yaml",
    ], result.stderr
    assert "RUBRIC.yaml is the rubric file given to --rubric" in result.stderr


@pytest.mark.parametrize(
    ("output", "named"), [("lead.yaml", "lead.yaml"), ("my lead.yaml", "'my lead.yaml'"), ("a\nb.yaml", "answers.yaml")]
)
def test_without_a_terminal_the_commands_name_the_file_given_with_o(tmp_path: Path, output: str, named: str) -> None:
    """A reviewer following the docs: `assess -o lead.yaml` without a terminal suggested writing
    answers.yaml. The file given with -o, when its name prints as it runs; else answers.yaml."""
    result = without_a_terminal(tmp_path, "assess", "-o", output)
    assert result.returncode == 2
    assert re.findall(r"`(civdata [^`]+)`", result.stderr) == [
        f"civdata template -o {named}",
        f"civdata report {named}",
    ], result.stderr


def test_a_file_resumed_on_a_later_day_is_dated_the_day_its_answers_changed(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """A lead who resumed last round's file to re-assess kept its old date: the comparison with
    the baseline then said the two were of the same day (a facilitator's review, 2026-11-29)."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC)
    give_details(terminal)
    run_script(terminal, MINI_SCRIPT[:4])
    terminal.expect(at_question("confidence"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    path = tmp_path / "answers.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'date: "2026-11-05"' in text
    path.write_text(text.replace('date: "2026-11-05"', 'date: "2026-08-01"'), encoding="utf-8")

    terminal = start(terminals, tmp_path, "assess", "--resume", "answers.yaml", "--rubric", MINI_RUBRIC)
    terminal.expect(r"Press Enter to continue")
    terminal.send(ENTER)
    run_script(terminal, MINI_SCRIPT[4:])
    finish_review(terminal)
    assert terminal.finish() == 0
    assert 'date: "2026-11-05"' in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_file_changed_by_something_else_during_a_session_is_not_written_over(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """An outside review: a note added in an editor during a break, or a second session on the
    same file, was written over by the next save without a word. The save stops instead, says
    so, and leaves the file as the other one wrote it."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "-o", "a.yaml")
    give_details(terminal)
    answer(terminal, "sensitive", DOWN + ENTER)  # no
    terminal.expect(at_question("voice"))
    edited = (tmp_path / "a.yaml").read_text(encoding="utf-8") + "# Checked with the county lawyer on 3 May\n"
    (tmp_path / "a.yaml").write_text(edited, encoding="utf-8")
    terminal.send(ENTER)
    terminal.expect(r"a\.yaml was changed by something else since this session last saved it")
    assert terminal.finish() == 2
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == edited
    assert "The last saved answers are intact" not in terminal.text


@pytest.mark.slow
def test_assess_with_its_output_redirected_says_so_at_once(tmp_path: Path, terminals: list[Terminal]) -> None:
    """An outside review: `civdata assess -o a.yaml > session.log` drew every question into the
    log and waited for keys on a blank screen. It refuses, exit 2, and writes nothing."""
    line = shlex.join([*civdata_command(), "assess", "-r", str(MINI_RUBRIC), "-o", "a.yaml"]) + " > session.log"
    terminal = Terminal([], tmp_path, command=["bash", "-c", line])
    terminals.append(terminal)
    terminal.expect(r"assess draws its questions on standard output, and that is not a terminal here")
    assert terminal.finish() == 2
    assert not (tmp_path / "a.yaml").exists()
    assert (tmp_path / "session.log").read_text(encoding="utf-8") == ""


def test_without_a_terminal_a_resumed_file_is_to_be_filled_in_not_started_again(tmp_path: Path) -> None:
    """An outside review: `assess --resume a.yaml` without a terminal told someone with a
    half-answered file to start a new template; it says to fill in the file they have."""
    result = without_a_terminal(tmp_path, "assess", "--resume", "a.yaml", "-r", str(MINI_RUBRIC))
    assert result.returncode == 2
    assert "fill in the rest of it in an editor (`civdata check a.yaml --rubric " in result.stderr, result.stderr
    assert "template" not in result.stderr


@pytest.mark.slow
def test_a_name_typed_where_python_reads_ascii_is_saved_as_typed(tmp_path: Path, terminals: list[Terminal]) -> None:
    """An outside review: with LC_ALL=C (and Python's UTF-8 mode off) beside a terminal sending
    UTF-8, a typed "Zoë" came in as lone surrogates, was saved as ``Zo\\udcc3\\udcab``, and
    neither report nor --resume could read the file again. It is saved as typed."""
    command = ["env", "LC_ALL=C", "PYTHONUTF8=0", *civdata_command()]
    terminal = Terminal(["assess", "-r", str(MINI_RUBRIC), "-o", "a.yaml"], tmp_path, command=command)
    terminals.append(terminal)
    terminal.expect(r"Which initiative are you assessing\?")
    terminal.send("Food bank" + ENTER)
    terminal.expect(r"Your name:")
    terminal.send("Zoë" + ENTER)
    terminal.expect(r"Your organisation:")
    terminal.send(ENTER)
    terminal.expect(r"Which role do you answer for\?")
    terminal.send(ENTER)
    answer(terminal, "sensitive", DOWN + ENTER)  # no
    terminal.expect(at_question("voice"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    answers = load_answers(tmp_path / "a.yaml", load_rubric(MINI_RUBRIC))
    assert answers.respondent.name == "Zoë"
