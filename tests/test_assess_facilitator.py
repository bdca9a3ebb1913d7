"""`civdata assess` as a facilitator's review met it, driving it through a real pseudo-terminal.

Each test replays one of the reviewer's cases: what Ctrl-C says before anything is saved, what
``--high-contrast`` draws, an escape sequence typed or pasted at a prompt, and the message for a
number outside the question's range. They use the terminal helpers of ``test_assess_pty`` (text)
and ``test_assess_screen`` (the screen as a terminal emulator draws it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civdata.answers_loader import load_answers
from civdata.rubric_loader import load_rubric
from tests.conftest import MINI_RUBRIC
from tests.test_assess_pty import CTRL_C, ENTER, MINI_SCRIPT, Terminal, at_question, give_details, run_script, start
from tests.test_assess_pty import terminals as terminals  # the fixture that closes every terminal started
from tests.test_assess_screen import Screen
from tests.test_assess_screen import screens as screens  # the fixture that closes every screen started
from tests.test_assess_screen import start as start_screen

# --- Ctrl-C before anything is saved --------------------------------------------------------------


def _name_the_first_participant(terminal: Terminal) -> None:
    """A new workshop's initiative and its first participant's name and organisation: the
    participant is not recorded until their role is chosen."""
    terminal.expect(r"Which initiative are you assessing\?")
    terminal.send("Riverside Data Hub" + ENTER)
    terminal.expect(r"Participant 1: name")
    terminal.send("Ana" + ENTER)
    terminal.expect(r"organisation:")
    terminal.send("Food Bank" + ENTER)
    terminal.expect(r"Which role do you answer for\?")


@pytest.mark.slow
def test_ctrl_c_before_anyone_in_the_room_is_recorded_says_nothing_was_saved(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """The reviewer's room was told "The answers so far are saved in room" and how to continue
    it, with the folder empty: continuing asked everything again."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    _name_the_first_participant(terminal)
    terminal.send(CTRL_C)
    terminal.expect(r"Stopped before the first participant was recorded; nothing was saved in room\.")
    assert terminal.finish() == 130
    assert "answers so far are saved" not in terminal.text
    assert "Continue where you stopped" not in terminal.text
    assert not (tmp_path / "room").exists()  # the empty folder this run made is not left behind


@pytest.mark.slow
def test_ctrl_c_once_a_participant_is_recorded_says_how_to_continue(tmp_path: Path, terminals: list[Terminal]) -> None:
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "--workshop", "room")
    _name_the_first_participant(terminal)
    terminal.send(ENTER)  # Ana's role: her file is written
    terminal.expect(r"Participant 2: name")
    terminal.send(CTRL_C)
    terminal.expect(r"Stopped\. The answers so far are saved in room\.")
    terminal.expect(r"Continue where you stopped with: civdata assess --workshop room")
    assert terminal.finish() == 130
    assert load_answers(tmp_path / "room" / "ana.yaml", load_rubric(MINI_RUBRIC)).initiative == "Riverside Data Hub"


@pytest.mark.slow
def test_ctrl_c_before_the_single_file_is_written_says_nothing_was_saved(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """The single-person run already told the truth here; kept so it stays so."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "-o", "x.yaml")
    terminal.expect(r"Which initiative are you assessing\?")
    terminal.send("Riverside Data Hub" + ENTER)
    terminal.expect(r"Your name:")
    terminal.send("Ana" + ENTER)
    terminal.expect(r"Your organisation:")
    terminal.send("Food Bank" + ENTER)
    terminal.expect(r"Which role do you answer for\?")
    terminal.send(CTRL_C)
    terminal.expect(r"Stopped before the first answer; nothing was saved\.")
    assert terminal.finish() == 130
    assert "Continue where you stopped" not in terminal.text
    assert not (tmp_path / "x.yaml").exists()


# --- --high-contrast and NO_COLOR: no colour anywhere -----------------------------------------------


def _colours(screen: Screen) -> set[str]:
    """Every foreground and background colour on the screen, blanks included (a toolbar's
    background colours the blanks of its row)."""
    cells = [char for row in screen.screen.buffer.values() for char in row.values()]
    return {char.fg for char in cells} | {char.bg for char in cells}


@pytest.mark.slow
@pytest.mark.parametrize("setting", ["--high-contrast", "NO_COLOR"])
def test_without_colour_a_typed_answers_marker_and_its_message_have_none(
    tmp_path: Path, screens: list[Screen], setting: str
) -> None:
    """docs/assess.md: --high-contrast means no colour. questionary's own style still drew the
    ``›`` before a typed answer in colour (ESC[0;38;5;67;1m), and prompt_toolkit's its refusal."""
    env = {"NO_COLOR": "1"} if setting == "NO_COLOR" else {}
    args = ["assess", "-r", MINI_RUBRIC, *([setting] if setting.startswith("--") else [])]
    screen = start_screen(screens, tmp_path, *args, size=(24, 80), **env)
    screen.wait(r"Which initiative are you assessing\?")
    screen.wait(r"›")
    assert _colours(screen) == {"default"}
    screen.send(ENTER)  # nothing typed: refused, with a message under the line
    screen.wait(r"This is needed; type a name\.")
    assert _colours(screen) == {"default"}
    screen.send(CTRL_C)
    screen.finish()


# --- An escape sequence typed or pasted at a prompt ------------------------------------------------

#: What a terminal sends when coloured text is typed or pasted without bracketed paste: prompt_toolkit
#: reads ``ESC [ digits m`` as a mouse report.
COLOURED = "Evil\x1b[31mRED"


@pytest.mark.slow
def test_an_escape_sequence_typed_at_a_prompt_is_kept_as_typed_and_never_a_traceback(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """The reviewer saw "Unhandled exception in event loop: ... mouse.py ... not enough values to
    unpack (expected 3, got 1) Press ENTER to continue...", and the value was stored half-eaten."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "-o", "a.yaml")
    terminal.expect(r"Which initiative are you assessing\?")
    terminal.send(COLOURED)
    terminal.expect(r"Evil\^\[\[31mRED")  # in the line as typed, the ESC shown as prompt_toolkit shows one
    terminal.send(ENTER)
    terminal.expect(r"Your name:")
    terminal.send("Ana" + ENTER)
    terminal.expect(r"Your organisation:")
    terminal.send(ENTER)
    terminal.expect(r"Which role do you answer for\?")
    terminal.send(ENTER)
    terminal.expect(at_question("sensitive"))
    terminal.send("\x1b[1;31m" + ENTER)  # in a list: not an option, not a key; Enter chooses Yes
    terminal.expect(at_question("threat-model"))
    terminal.send(CTRL_C)
    terminal.expect(r"Stopped\.")
    assert terminal.finish() == 130
    assert "Unhandled exception" not in terminal.text
    assert "Press ENTER to continue" not in terminal.text
    assert "\x1b[31m" not in terminal.raw  # never written back raw: the terminal would turn red
    saved = load_answers(tmp_path / "a.yaml", load_rubric(MINI_RUBRIC))
    assert saved.initiative == COLOURED
    assert saved.answers["sensitive"].value == "yes"


# --- A number outside the question's range -----------------------------------------------------------

#: What a number typed at the mini rubric's ``months`` (a whole number from 0 to 120) is told:
#: first that it is outside the range and what it was read as; how to write it only when writing
#: it so would answer the question.
OUT_OF_RANGE = [
    ("1,000", "1,000 would be 1000, more than 120. Type a whole number from 0 to 120."),
    ("1 000", "1 000 would be 1000, more than 120. Type a whole number from 0 to 120."),
    ("150", "150 is more than 120. Type a whole number from 0 to 120."),
    ("0,100", "Type a whole number from 0 to 120, without a comma."),
]


@pytest.mark.slow
def test_a_number_outside_the_range_is_told_so_before_how_to_write_it(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """`1,000` was told "... without a comma" and `1 000` "... without the spaces between its
    digits": following the hint gave 1000, refused in turn. `150` was not told it was more than 120."""
    terminal = start(terminals, tmp_path, "assess", "-r", MINI_RUBRIC, "-o", "a.yaml")
    give_details(terminal)
    run_script(terminal, MINI_SCRIPT[:5])
    terminal.expect(at_question("months"))
    for typed, said in OUT_OF_RANGE:
        terminal.send(typed + ENTER)
        terminal.expect(re.escape(said))
        terminal.send("\x15")  # Ctrl-U empties the line
    terminal.send("18" + ENTER)
    terminal.expect(at_question("deletion-plan"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    assert load_answers(tmp_path / "a.yaml", load_rubric(MINI_RUBRIC)).answers["months"].value == 18
