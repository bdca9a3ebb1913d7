"""Load the inputs of a command: answers files and the rubric they were made for.

Every file is read and every problem across all of them is collected before anything is scored,
so one run shows a person everything to fix.
"""

from __future__ import annotations

from pathlib import Path

from civdata.answers_loader import answers_from_document, answers_shape_problems, rubric_reference
from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.model import AnswerSet, Rubric
from civdata.problems import InputError, Problem
from civdata.rubric_loader import load_rubric
from civdata.yamlsource import YamlDocument, read_yaml_file


def load_rubric_spec(spec: str | None) -> Rubric:
    """The rubric named by ``--rubric`` (a path or a bundled id), or the default bundled one."""
    return load_rubric(find_rubric(spec or DEFAULT_RUBRIC_ID))


def load_answer_sets(paths: list[Path], rubric_spec: str | None) -> tuple[Rubric, list[AnswerSet]]:
    """Read every answers file, find the rubric, check every answer; raise with all problems."""
    problems: list[Problem] = []
    documents: list[YamlDocument] = []
    for path in paths:
        document, found = read_yaml_file(path)
        if document.data is not None or not found:
            found.extend(answers_shape_problems(document))
        problems.extend(found)
        if not found:
            documents.append(document)
    if problems:
        raise InputError(problems)

    spec = rubric_spec
    if spec is None:
        named = {rubric_reference(document)[0] for document in documents}
        if len(named) > 1:
            raise InputError(
                [
                    document.problem(
                        ("rubric", "id"),
                        f"these answers name rubric '{rubric_reference(document)[0]}', "
                        "but other files name another; pass --rubric or assess them separately",
                    )
                    for document in documents
                ]
            )
        spec = named.pop() if named else DEFAULT_RUBRIC_ID
    rubric = load_rubric(find_rubric(spec, source=documents[0].source if rubric_spec is None else "--rubric"))

    answer_sets: list[AnswerSet] = []
    for document in documents:
        try:
            answer_sets.append(answers_from_document(document, rubric))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return rubric, answer_sets
