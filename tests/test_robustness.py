"""No input file, however mangled, makes civdata raise anything but a list of located problems.

Each case mutates a valid rubric or answers file at random (seeded, so failures reproduce): lines
deleted, duplicated or re-indented, values replaced by lists, mappings, aliases, tags or blanks.
"""

from __future__ import annotations

import random

import pytest

from civdata.answers_loader import answers_from_document, check_answers_shape
from civdata.problems import InputError
from civdata.rubric_loader import load_rubric, rubric_from_document
from civdata.scoring import assess
from civdata.yamlsource import parse_yaml, worth_checking
from tests.conftest import FIXTURES, MINI_RUBRIC, ROOT

REPLACEMENTS = [
    "",
    "x",
    "1",
    "-1",
    "[]",
    "{}",
    "null",
    "true",
    "no",
    "[a, b]",
    "{value: 1}",
    "1.5",
    "'?'",
    "!!str 3",
    "&a x",
    "*a",
    "{all: []}",
    "{not: {question: x}}",
    "!!python/name:os.system",
    "[[1]]",
]
SOURCES = {
    "mini rubric": MINI_RUBRIC.read_text(encoding="utf-8"),
    "bundled rubric": (ROOT / "rubrics" / "civil-society-data-readiness.yaml").read_text(encoding="utf-8"),
    "answers": (FIXTURES / "mini-answers.yaml").read_text(encoding="utf-8"),
}


def mutate(text: str, chooser: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(chooser.randint(1, 4)):
        index = chooser.randrange(len(lines))
        roll = chooser.random()
        if roll < 0.3:
            del lines[index]
        elif roll < 0.7 and ":" in lines[index]:
            lines[index] = lines[index].split(":")[0] + ": " + chooser.choice(REPLACEMENTS)
        elif roll < 0.85:
            lines.insert(index, lines[chooser.randrange(len(lines))])
        else:
            lines[index] = " " * chooser.randint(0, 6) + lines[index].lstrip()
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_mangled_files_give_problems_not_exceptions(source: str) -> None:
    chooser = random.Random(f"civdata-{source}")
    mini = load_rubric(MINI_RUBRIC)
    refused = 0
    for _ in range(400 if source != "bundled rubric" else 60):
        document, problems = parse_yaml(mutate(SOURCES[source], chooser), "mangled.yaml")
        try:
            if source.endswith("rubric"):
                rubric_from_document(document, problems)
            elif worth_checking(document) and not problems:
                shape = check_answers_shape(document)
                if shape.usable:
                    assess(mini, answers_from_document(document, mini, shape.reported))
        except InputError as error:
            refused += 1
            assert all(problem.line >= 1 and problem.message for problem in error.problems)
    assert refused > 0, "the mutations should produce invalid files"
