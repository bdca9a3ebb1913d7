"""Steps a workshop's facilitator takes at the start, shared by the terminal tests whatever drives
the terminal (pexpect's ``expect`` in test_assess_pty, the pyte screen's ``wait`` in
test_assess_screen): each passes its own ``wait`` and ``send``."""

from __future__ import annotations

from collections.abc import Callable

DOWN, ENTER = "\x1b[B", "\r"


def sign_in_the_room(
    wait: Callable[[str], object], send: Callable[[str], object], participants: tuple[tuple[str, int], ...]
) -> None:
    """A workshop's initiative, then each participant's name and role (by downs from the first),
    then an empty name to start."""
    wait(r"Which initiative are you assessing\?")
    send("Food bank" + ENTER)
    for name, downs in participants:
        wait(r"Participant \d: name")
        send(name + ENTER)
        wait(r"organisation:")
        send(ENTER)
        wait(r"Which role do you answer for\?")
        send(DOWN * downs + ENTER)
    wait(rf"Participant {len(participants) + 1}: name")
    send(ENTER)
