"""Fixes from the review of `civdata assess` in a real terminal (a facilitator's, pty angle): each
test was written before its fix and seen to fail. They drive civdata in a pseudo-terminal, as a
facilitator would, and read the answers files back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.test_assess_pty import (
    CTRL_C,
    DOWN,
    ENTER,
    PAUSE,
    REVIEW,
    TAB,
    Terminal,
    at_question,
    start,
)
from tests.test_assess_pty import terminals as terminals  # the fixture that closes every terminal started

#: The reviewer's rubric: a yes/no with a follow-up, a multiple choice with an exclusive None, a
#: number, a scale then a text question, and French for some of its texts.
RUBRIC = """\
format: 1
id: pty-check
version: 1.0.0
language: en
title: {en: Pooled data check, fr: Vérification des données mises en commun}
description: Before several organisations pool records about the same people.
license: CC-BY-4.0
authors: [Review]
roles:
  - {id: lead, label: {en: Lead organisation, fr: Organisation principale}, expected: true}
  - {id: community, label: Community representative, expected: true}
areas:
  - id: power
    title: {en: Stakeholders and power, fr: Parties prenantes et pouvoir}
    questions:
      - id: sensitive
        title: {en: People at risk, fr: Personnes à risque}
        prompt: {en: Do the records describe people who could be harmed?, fr: Décrivent-ils des personnes ?}
        type: yes_no
        required: true
        options:
          - {value: "yes", score: 0}
          - {value: "no", score: 1}
          - {value: unsure, finding: {severity: high, title: Nobody knows, recommendation: List the fields.}}
      - id: threat-model
        title: Threat model
        prompt: Have you written down who could be harmed, and how?
        type: yes_no
        when: {question: sensitive, in: ["yes", unsure]}
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0, finding: {severity: critical, title: No threat model, recommendation: Write one.}}
      - id: safeguards
        title: Safeguards
        prompt: Which safeguards are in place?
        type: multiple_choice
        scoring: min
        options:
          - {value: encryption, label: Encryption at rest, score: 1}
          - {value: log, label: An access log, score: 1}
          - {value: none, label: None, exclusive: true, score: 0}
      - id: months
        title: Retention
        prompt: How many months are records kept?
        type: number
        min: 0
        max: 120
        unit: months
        bands:
          - {max: 24, score: 1}
          - {min: 24, score: 0}
  - id: voice
    title: Community voice
    questions:
      - id: consulted
        title: Consulted
        prompt: How much were communities consulted?
        type: scale
        options:
          - {value: 1, label: Not at all, score: 0}
          - {value: 2, label: A little, score: 0.5}
          - {value: 3, label: Fully, score: 1}
      - id: story
        title: Story
        prompt: Tell us in your own words.
        type: text
verdicts:
  - {id: ready, label: Ready, min_score: 75, max_severity: medium, min_coverage: 90}
  - {id: not-ready, label: {en: Not ready, fr: Pas prêt}}
"""


def the_rubric(folder: Path) -> str:
    (folder / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    return "r.yaml"


def answers_of(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["answers"] or {}


def one_line(terminal: Terminal) -> str:
    """What the terminal showed, its lines joined: a long message wraps at the terminal's width."""
    return " ".join(terminal.text.split())


def sign_in(terminal: Terminal, initiative: str, name: str) -> None:
    """A workshop's initiative and one participant's name and organisation: at the role prompt."""
    terminal.expect(r"Which initiative are you assessing\?")
    terminal.send(initiative + ENTER)
    terminal.expect(r"Participant 1: name")
    terminal.send(name + ENTER)
    terminal.expect(r"organisation:")
    terminal.send(ENTER)
    terminal.expect(r"Which role do you answer for\?")


def details(terminal: Terminal) -> None:
    """A single run's initiative, name and organisation: at the role prompt."""
    terminal.expect(r"Which initiative are you assessing\?")
    terminal.send("Riverside" + ENTER)
    terminal.expect(r"Your name:")
    terminal.send(ENTER)
    terminal.expect(r"Your organisation:")
    terminal.send(ENTER)
    terminal.expect(r"Which role do you answer for\?")


# --- Finding 1: a workshop wrote over a participant's file that appeared after it started ------------


@pytest.mark.slow
def test_a_file_put_in_the_workshop_folder_at_the_role_prompt_is_not_written_over(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """The file names were decided from a listing taken once at the start, and the first save
    replaced whatever had appeared since: a colleague's answered ``lead.yaml`` dropped in while
    the facilitator chose the role became an empty file. It is left as it is; the participant's
    answers go to the next free name, and the screen says so."""
    example = ROOT / "examples" / "county-justice" / "lead.yaml"
    terminal = start(terminals, tmp_path, "assess", "--workshop", "ws")
    sign_in(terminal, "Riverside", "Lead")
    shutil.copyfile(example, tmp_path / "ws" / "lead.yaml")  # meanwhile
    terminal.send(DOWN + ENTER)  # Lead organisation
    terminal.expect(r"Participant 2: name")
    assert (tmp_path / "ws" / "lead.yaml").read_bytes() == example.read_bytes()
    assert sorted(path.name for path in (tmp_path / "ws").iterdir()) == ["lead-2.yaml", "lead.yaml"]
    made = yaml.safe_load((tmp_path / "ws" / "lead-2.yaml").read_text(encoding="utf-8"))
    assert (made["initiative"], made["respondent"]["name"]) == ("Riverside", "Lead")
    said = one_line(terminal)
    assert "ws/lead.yaml appeared in the folder after this workshop started" in said, said
    assert "Lead's answers are saved in ws/lead-2.yaml" in said, said
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    assert (tmp_path / "ws" / "lead.yaml").read_bytes() == example.read_bytes()


@pytest.mark.slow
def test_two_facilitators_on_one_folder_keep_each_others_answers(tmp_path: Path, terminals: list[Terminal]) -> None:
    """Two facilitators on one folder each register an Ana; B waits at the role prompt while A's
    Ana answers. B choosing the role wrote over A's file, answers and note gone, and A's next
    answer then stopped with a message saying the file was not written over. B's Ana now gets
    ``ana-2.yaml``, and A goes on saving to ``ana.yaml``."""
    rubric = the_rubric(tmp_path)
    second = start(terminals, tmp_path, "assess", "-r", rubric, "--workshop", "ws")
    sign_in(second, "Init B", "Ana")
    first = start(terminals, tmp_path, "assess", "-r", rubric, "--workshop", "ws")
    sign_in(first, "Init A", "Ana")
    first.send(ENTER)  # Lead organisation
    first.expect(r"Participant 2: name")
    first.send(ENTER)  # nobody more
    first.expect(at_question("sensitive"))
    first.send("yes" + ENTER)
    first.expect(at_question("threat-model"))
    first.send("no" + ENTER)
    first.expect(r"Note \(needed\)")
    first.send("A's important note" + ENTER)
    first.expect(at_question("safeguards"))
    before = (tmp_path / "ws" / "ana.yaml").read_text(encoding="utf-8")
    assert "A's important note" in before

    second.send(ENTER)  # B's Ana: Lead organisation
    second.expect(r"Participant 2: name")
    assert (tmp_path / "ws" / "ana.yaml").read_text(encoding="utf-8") == before
    assert yaml.safe_load((tmp_path / "ws" / "ana-2.yaml").read_text(encoding="utf-8"))["initiative"] == "Init B"
    said = one_line(second)
    assert "ws/ana.yaml appeared in the folder after this workshop started" in said, said
    assert "Ana's answers are saved in ws/ana-2.yaml" in said, said

    first.send(" " + ENTER)  # encryption: saved to A's own file, which nobody wrote over
    first.expect(at_question("months"))
    kept = answers_of(tmp_path / "ws" / "ana.yaml")
    assert kept["threat-model"] == {"value": "no", "note": "A's important note"}
    assert kept["safeguards"] == ["encryption"]
    for terminal in (first, second):
        terminal.send(CTRL_C)
        assert terminal.finish() == 130


@pytest.mark.slow
def test_a_single_runs_file_made_by_something_else_before_its_first_save_is_left_and_said_truly(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """``-o a.yaml`` is refused when the file exists; one made while the person is at the role
    prompt is not written over either, and the message says what is true then: nothing of this
    session is in it (it said "the last answer given here is not in it"), how to continue that
    file, or to choose another."""
    rubric = the_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "-r", rubric, "-o", "a.yaml")
    details(terminal)
    theirs = "# a colleague's file\nformat: 1\n"
    (tmp_path / "a.yaml").write_text(theirs, encoding="utf-8")
    terminal.send(ENTER)
    assert terminal.finish() == 2
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == theirs
    said = one_line(terminal)
    assert (
        "civdata: a.yaml was made by something else after this session started (another civdata assess, or an "
        "editor): it was not written over, and nothing given in this session is in it." in said
    ), said
    assert "To continue it: civdata assess --resume a.yaml --rubric r.yaml." in said, said
    assert "To start afresh, choose another file with -o" in said, said
    assert "the last answer given here" not in said


@pytest.mark.parametrize("hard_links", [True, False])
def test_a_new_file_is_made_whole_and_never_over_one_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    """How the first save makes a file (files.create_private): whole, owner-only, and refused with
    the file there left as it is, with hard links or (FAT) without, leaving no temporary file."""
    from civdata import files

    if not hard_links:

        def no_link(*args: object, **kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(files.os, "link", no_link)
    path = tmp_path / "ana.yaml"
    files.create_private(path, "mine\n")
    assert path.read_text(encoding="utf-8") == "mine\n" and path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(FileExistsError):
        files.create_private(path, "theirs\n")
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["ana.yaml"]


# --- Finding 5: the message of a file changed during a session gives a command that works -----------


@pytest.mark.slow
def test_a_file_changed_during_a_session_says_how_to_continue_it_as_it_was_started(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """A file changed by something else during a session stops the next save; the message ended
    with a bare ``civdata assess --resume``, which names no file and finds no rubric of one's own.
    It now gives the command that continues this file, with --rubric and --lang, and it works."""
    rubric = the_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "-r", rubric, "-o", "b.yaml", "--lang", "fr")
    details(terminal)
    terminal.send(ENTER)
    terminal.expect(at_question("sensitive"))
    terminal.send("non" + ENTER)
    terminal.expect(at_question("safeguards"))
    with (tmp_path / "b.yaml").open("a", encoding="utf-8") as file:
        file.write("# a colleague's comment during the break\n")
    changed = (tmp_path / "b.yaml").read_text(encoding="utf-8")
    terminal.send(" " + ENTER)
    assert terminal.finish() == 2
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == changed
    said = one_line(terminal)
    assert (
        "b.yaml was changed by something else since this session last saved it (another civdata assess on the same "
        "file, or an editor): it was not written over, so it holds what was saved there, without the last change "
        "made here. Look at the file, then continue it with: civdata assess --resume b.yaml --rubric r.yaml --lang fr"
        in said
    ), said
    command = said.split("continue it with: ")[1].split()[:8]
    again = start(terminals, tmp_path, *command[1:])
    again.expect(PAUSE)
    again.send(ENTER)
    again.expect(at_question("safeguards"))
    again.send(CTRL_C)
    assert again.finish() == 130


@pytest.mark.slow
def test_in_a_workshop_a_changed_file_says_to_continue_the_workshop(tmp_path: Path, terminals: list[Terminal]) -> None:
    """In a workshop, the file changed is one participant's: the way on is to continue the
    workshop's folder (``--workshop FOLDER``), not ``--resume`` of one file."""
    rubric = the_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "-r", rubric, "--workshop", "ws", "--in-turn")
    sign_in(terminal, "Riverside", "Ana")
    terminal.send(ENTER)
    terminal.expect(r"Participant 2: name")
    terminal.send(ENTER)
    terminal.expect(at_question("sensitive"))
    terminal.send("no" + ENTER)
    terminal.expect(at_question("safeguards"))
    with (tmp_path / "ws" / "ana.yaml").open("a", encoding="utf-8") as file:
        file.write("# a colleague's comment during the break\n")
    terminal.send(" " + ENTER)
    assert terminal.finish() == 2
    said = one_line(terminal)
    assert (
        "ws/ana.yaml was changed by something else since this session last saved it" in said
        and "Look at the file, then continue it with: civdata assess --workshop ws --in-turn --rubric r.yaml" in said
    ), said


# --- Finding 2: "<" first in a text answer or a note re-answered the previous question ---------------


def at_story(terminal: Terminal) -> None:
    """A single run with the review's rubric, answered up to the text question after the scale
    (``consulted: 3``)."""
    details(terminal)
    terminal.send(ENTER)
    terminal.expect(at_question("sensitive"))
    terminal.send("no" + ENTER)
    terminal.expect(at_question("safeguards"))
    terminal.send(DOWN * 2 + " " + ENTER)  # None
    terminal.expect(at_question("months"))
    terminal.send("3" + ENTER)
    terminal.expect(at_question("consulted"))
    terminal.send("3" + ENTER)
    terminal.expect(at_question("story"))


@pytest.mark.slow
def test_a_text_answer_starting_with_less_than_is_saved_as_typed(tmp_path: Path, terminals: list[Terminal]) -> None:
    """ "<1" typed for a text answer went back at once, and the "1" then re-answered the scale
    before it (``consulted: 3`` became ``1``), the story still unanswered. In a typed answer,
    ``<`` is back only as the whole line given with Enter."""
    rubric = the_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "-r", rubric, "-o", "a.yaml")
    at_story(terminal)
    terminal.send("<1" + ENTER)  # "less than one", as a person writes it
    terminal.expect(REVIEW)
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    answers = answers_of(tmp_path / "a.yaml")
    assert (answers["consulted"], answers["story"]) == (3, "<1"), answers


@pytest.mark.slow
def test_a_note_or_a_number_starting_with_less_than_is_not_taken_for_back(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """The same in a note ("<2 years" kept as the note) and in a number ("<5" is not a number:
    refused, saying what to type, at the same question; before, it went back and "5" was typed
    into the list of safeguards)."""
    rubric = the_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "-r", rubric, "-o", "a.yaml")
    details(terminal)
    terminal.send(ENTER)
    terminal.expect(at_question("sensitive"))
    terminal.send("no" + ENTER)
    terminal.expect(at_question("safeguards"))
    terminal.send(DOWN * 2 + " " + TAB)  # None, and a note
    terminal.expect(r"Note \(optional\)")
    terminal.send("<2 years of logs were kept" + ENTER)
    terminal.expect(at_question("months"))
    terminal.send("<5" + ENTER)
    terminal.expect(r"Type a number")
    terminal.send("\x15" + "5" + ENTER)  # Ctrl-U: the line typed again
    terminal.expect(at_question("consulted"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    answers = answers_of(tmp_path / "a.yaml")
    assert answers["safeguards"] == {"value": ["none"], "note": "<2 years of logs were kept"}, answers
    assert answers["months"] == 5, answers


@pytest.mark.slow
def test_less_than_then_enter_goes_back_from_a_typed_answer_and_a_note_and_at_once_from_a_list(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    """Going back still works as docs/assess.md says: ``<`` then Enter in a typed answer or a
    note, ``<`` alone in a list."""
    rubric = the_rubric(tmp_path)
    terminal = start(terminals, tmp_path, "assess", "-r", rubric, "-o", "a.yaml")
    at_story(terminal)
    terminal.send("<" + ENTER)  # from the story back to the scale
    terminal.expect(at_question("consulted"))
    terminal.send("<")  # a list: at once, back to the months
    terminal.expect(at_question("months"))
    terminal.send(ENTER)  # 3, kept
    terminal.expect(at_question("consulted"))
    terminal.send(TAB)  # Fully, and a note
    terminal.expect(r"Note \(optional\)")
    terminal.send("<" + ENTER)  # back from the note to the answer
    terminal.expect(at_question("consulted"))
    terminal.send(ENTER)
    terminal.expect(at_question("story"))
    terminal.send(CTRL_C)
    assert terminal.finish() == 130
    answers = answers_of(tmp_path / "a.yaml")
    assert (answers["months"], answers["consulted"]) == (3, 3), answers
    assert "story" not in answers
