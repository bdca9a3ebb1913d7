"""Answers are checked file by file, even where checking them shares work across files.

An option of a single choice written alone (nearly every answer) is taken at once, as one answer
object the question keeps for every respondent who gives it (:attr:`civdata.model.Question.option_answers`).
These tests hold that shortcut to what the full check finds: an answer written differently, with
spaces around it, with a note, as a list, or to a question of another type is checked in full, in
its own file, with its own problems and positions.
"""

from __future__ import annotations

import pytest

from civdata.answers_loader import answers_from_document
from civdata.model import Answer, AnswerSet, Location, Rubric
from civdata.problems import InputError
from civdata.yamlsource import parse_yaml


def answers_file(source: str, entries: str, *, lines_before: int = 0) -> tuple[str, str]:
    """An answers file for the mini rubric with ``entries`` (indented YAML) as its answers."""
    comments = "".join(f"# line {line}\n" for line in range(lines_before))
    header = "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: X\nrespondent: {role: lead}\n"
    return source, f"{comments}{header}answers:\n{entries}"


def checked(rubric: Rubric, source: str, text: str) -> AnswerSet:
    document, problems = parse_yaml(text, source)
    assert problems == []
    return answers_from_document(document, rubric)


def problems_of(rubric: Rubric, source: str, text: str) -> list[tuple[str, int, int, str]]:
    with pytest.raises(InputError) as raised:
        checked(rubric, source, text)
    return [(problem.source, problem.line, problem.column, problem.message) for problem in raised.value.problems]


def test_the_same_options_written_plainly_or_quoted_give_equal_answers_each_at_its_own_place(
    mini_rubric: Rubric,
) -> None:
    plain = checked(mini_rubric, *answers_file("plain.yaml", "  voice: consulted\n  sensitive: 'no'\n"))
    quoted = checked(
        mini_rubric, *answers_file("quoted.yaml", '  sensitive: "no"\n  voice: "consulted"\n', lines_before=3)
    )
    assert plain.answers == quoted.answers == {"voice": Answer("consulted"), "sensitive": Answer("no")}
    assert plain.location("voice") == Location("plain.yaml", 6, 3)
    assert plain.location("sensitive") == Location("plain.yaml", 7, 3)
    assert quoted.location("sensitive") == Location("quoted.yaml", 9, 3)
    assert quoted.location("voice") == Location("quoted.yaml", 10, 3)


def test_an_option_with_spaces_around_it_is_refused_in_its_own_file_after_one_written_well(
    mini_rubric: Rubric,
) -> None:
    checked(mini_rubric, *answers_file("good.yaml", "  voice: consulted\n"))
    assert problems_of(mini_rubric, *answers_file("spaced.yaml", "  voice: 'consulted '\n", lines_before=1)) == [
        (
            "spaced.yaml",
            7,
            10,
            "'consulted ' is not an answer to 'voice'; choose 'none', 'consulted' or 'decide'; "
            "write 'consulted' without the spaces or line breaks around it",
        )
    ]


@pytest.mark.parametrize(
    ("entry", "answer"),
    [
        ("voice: {value: consulted, note: ' why '}", Answer("consulted", "why")),
        ("safeguards: encryption", Answer(("encryption",))),  # a multiple choice answer is a list
        ("safeguards: [dpia, 'encryption']", Answer(("dpia", "encryption"))),
        ("safeguards: []", Answer(None)),  # no option chosen: no answer
        ("safeguards: [none]", Answer(("none",))),  # an option that must stand alone, alone
        ("confidence: '3'", Answer(3)),  # a scale point written as text is a number
        ("sensitive: ' '", Answer(None)),  # blank: no answer
        ("deletion-plan: consulted", Answer("consulted")),  # text, whatever it says
    ],
)
def test_only_an_option_of_a_single_choice_alone_is_taken_as_written(
    mini_rubric: Rubric, entry: str, answer: Answer
) -> None:
    question_id = entry.split(":")[0]
    assert checked(mini_rubric, *answers_file("a.yaml", f"  {entry}\n")).answers[question_id] == answer


def test_the_answer_an_option_alone_gives_is_that_option_and_no_note(mini_rubric: Rubric) -> None:
    voice = mini_rubric.question("voice")
    assert voice.option_answers == {option.value: Answer(option.value) for option in voice.options}
    first = checked(mini_rubric, *answers_file("a.yaml", "  voice: decide\n")).answers["voice"]
    second = checked(mini_rubric, *answers_file("b.yaml", "  voice: 'decide'\n")).answers["voice"]
    assert first is second is voice.option_answers["decide"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("[dpia, dpia]", "'dpia' is listed twice in the answer to 'safeguards'"),
        ("[dpia, none]", "'none' (None of these) cannot be chosen together with other options of 'safeguards'"),
        (
            "[dpia, 'encryption ']",
            "'encryption ' is not an option of 'safeguards'; choose from 'encryption', "
            "'access-log', 'dpia' or 'none'; write 'encryption' without the spaces or line breaks around it",
        ),
    ],
)
def test_a_multiple_choice_answer_that_is_not_options_each_once_and_alone_is_refused(
    mini_rubric: Rubric, entry: str, message: str
) -> None:
    checked(mini_rubric, *answers_file("good.yaml", "  safeguards: [dpia, encryption]\n"))
    (problem,) = problems_of(mini_rubric, *answers_file("bad.yaml", f"  safeguards: {entry}\n"))
    assert problem[0] == "bad.yaml" and problem[1] == 6 and problem[3] == message
