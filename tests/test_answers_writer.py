"""The answers file `civdata assess` writes: read back identically by civdata and by YAML 1.1 tools."""

from __future__ import annotations

import random

import pytest
import yaml

from civdata import __version__
from civdata.answers_loader import answers_from_document, answers_shape_problems, load_answers
from civdata.answers_writer import dump_answers, float_text, quoted, scalar, value_text
from civdata.model import Answer, AnswerSet, Respondent, Rubric
from civdata.yamlsource import parse_yaml
from tests.conftest import FIXTURES

# Strings that YAML 1.1 or 1.2 would read as something else, or that need escaping to survive.
TRICKY = [
    "yes", "no", "No", "NO", "on", "Off", "y", "N", "true", "False", "null", "Null", "~", "",
    "123", "-7", "1.5", "1e3", ".inf", ".NaN", "0x1F", "0o17", "1_000", "1:20", "2026-01-01",
    "# not a comment", "a: b", "a #b", "- dash", "? key", "&anchor", "*alias", "!tag", "%YAML",
    "@at", "`tick", "{brace", "[bracket", "|pipe", ">fold", "'single'", '"double"', "back\\slash",
    "  leading", "trailing  ", "multi\nline\n", "tab\there", "cr\r\nlf", "line\u2028separator",
    "next\x85line", "bom\ufeff", "bell\x07", "del\x7f", "é ü ß 中文 🙂", "=", "<<", "---", "...",
]  # fmt: skip


def answer_set(answers: dict[str, Answer], **overrides: object) -> AnswerSet:
    fields: dict[str, object] = {
        "rubric_id": "mini",
        "rubric_version": "1.2.0",
        "initiative": "Food bank data",
        "respondent": Respondent(role="lead", name="Ada", organisation="Org"),
        "answers": answers,
        "date": "2026-11-05",
    }
    fields.update(overrides)
    return AnswerSet(**fields)  # type: ignore[arg-type]


def reload(text: str, rubric: Rubric) -> AnswerSet:
    document, problems = parse_yaml(text, "written.yaml")
    assert problems == []
    assert answers_shape_problems(document) == []
    return answers_from_document(document, rubric)


@pytest.mark.parametrize("text", TRICKY)
def test_every_string_reads_back_the_same_in_yaml_1_2_and_1_1(text: str) -> None:
    written = f"key: {scalar(text)}\n"
    assert parse_yaml(written, "x")[0].data == {"key": text}
    assert yaml.safe_load(written) == {"key": text}


def test_random_strings_read_back_the_same() -> None:
    alphabet = [chr(code) for code in range(0, 0x300)] + ["\u2028", "\u2029", "\ufeff", "\ufffe", "🙂", "中"]
    generator = random.Random(4)
    for _ in range(400):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 12)))
        written = f"key: {scalar(text)}\n"
        assert parse_yaml(written, "x")[0].data == {"key": text}, repr(text)
        assert yaml.safe_load(written) == {"key": text}, repr(text)


@pytest.mark.parametrize("number", [0.0, 2.5, -3.0, 0.1, 1e-05, 1e14, 123456.789, 1 / 3])
def test_floats_read_back_as_the_same_float_everywhere(number: float) -> None:
    written = f"key: {float_text(number)}\n"
    assert parse_yaml(written, "x")[0].data == {"key": number}
    assert yaml.safe_load(written) == {"key": number}
    assert isinstance(yaml.safe_load(written)["key"], float)


def test_simple_words_stay_plain_and_reserved_words_are_quoted() -> None:
    assert scalar("access-log") == "access-log"
    assert scalar("yes") == '"yes"'
    assert scalar("Off") == '"Off"'
    assert scalar("1.2.0") == '"1.2.0"'
    assert quoted("a\u2028b") == '"a\\u2028b"'
    assert value_text(("encryption", "no")) == '[encryption, "no"]'
    assert value_text(3) == "3"
    with pytest.raises(TypeError):
        value_text(True)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        float_text(float("nan"))


def test_the_mini_answers_round_trip(mini_rubric: Rubric) -> None:
    original = load_answers(FIXTURES / "mini-answers.yaml", mini_rubric)
    written = dump_answers(original, mini_rubric)
    again = reload(written, mini_rubric)
    assert again.answers == original.answers
    assert again.respondent == original.respondent
    assert (again.initiative, again.date) == (original.initiative, original.date)
    assert dump_answers(again, mini_rubric) == written


def test_layout_header_order_and_notes(mini_rubric: Rubric) -> None:
    answers = {
        "months": Answer(8),
        "comments": Answer("All: fine"),
        "sensitive": Answer("yes"),
        "safeguards": Answer(("encryption", "access-log"), "Since March"),
        "voice": Answer(None, "Ask the community board"),
        "confidence": Answer(None),
    }
    written = dump_answers(answer_set(answers), mini_rubric)
    header = [line for line in written.splitlines() if line.startswith("#")]
    assert any("civdata assess" in line for line in header)
    assert any("sensitive" in line for line in header)
    body = written.split("answers:\n", 1)[1]
    assert body == (
        '  sensitive: "yes"\n'
        "  voice:\n"
        "    value: null\n"
        '    note: "Ask the community board"\n'
        "  safeguards:\n"
        "    value: [encryption, access-log]\n"
        '    note: "Since March"\n'
        "  months: 8\n"
        '  comments: "All: fine"\n'
    )
    assert 'date: "2026-11-05"' in written
    again = reload(written, mini_rubric)
    assert again.answers["voice"] == Answer(None, "Ask the community board")
    assert "confidence" not in again.answers


def test_no_answers_and_no_name_still_load(mini_rubric: Rubric) -> None:
    written = dump_answers(answer_set({}, respondent=Respondent(role="community")), mini_rubric)
    assert "answers: {}" in written
    assert "name:" not in written
    again = reload(written, mini_rubric)
    assert again.answers == {}
    assert again.respondent == Respondent(role="community")


def test_a_rubric_title_with_a_line_break_cannot_break_out_of_the_comment(mini_rubric: Rubric) -> None:
    from dataclasses import replace

    odd = replace(mini_rubric, title="Two\nlines: {x}\u2028and more")
    written = dump_answers(answer_set({"sensitive": Answer("no")}), odd)
    header = written[: written.index("\n---\n")].splitlines()
    assert header[:3] == [
        "# Answers to 'Two",
        "# lines: {x}",
        f"# and more' (mini 1.2.0), written by `civdata assess` (civdata {__version__}).",
    ]
    assert all(line.startswith("# ") for line in header)
    assert reload(written, mini_rubric).answers == {"sensitive": Answer("no")}
