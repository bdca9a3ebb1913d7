"""The per-rubric answers schema (``civdata schema answers --rubric``) agrees with the loader.

For every rubric in the repository (the bundled ones, examples/rubrics, the good test rubrics and
the test fixtures), answers files are generated, valid ones and ones broken in one or several
ways, written as YAML and read back as civdata reads them. The schema's verdict (jsonschema, with
patterns read as editors read them and ``format`` checked as check-jsonschema does) must be the
loader's verdict on every one. The few things JSON Schema cannot say are listed in
:data:`civdata.answers_schema.DIFFERENCES` and in docs/editors.md; each is shown below to be a
real difference, in the direction documented (the schema is more lenient, never stricter).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from civdata.answers_loader import answers_from_document, check_answers_shape
from civdata.answers_schema import DIFFERENCES, answers_schema, value_schema
from civdata.catalog import bundled_rubrics
from civdata.model import Question, QuestionType, Rubric
from civdata.problems import InputError
from civdata.rubric_loader import load_rubric
from civdata.schemacheck import strict_validator
from civdata.yamlsource import parse_yaml
from tests.conftest import ROOT, civdata_command
from tests.platform_schemas import run_check_jsonschema

RUBRIC_FILES = sorted(
    [entry.path for entry in bundled_rubrics()]
    + list((ROOT / "examples" / "rubrics").glob("*.yaml"))
    + list((ROOT / "tests" / "cases" / "rubrics" / "good").glob("*.yaml"))
    + [ROOT / "tests" / "cases" / "rubric.yaml", ROOT / "tests" / "fixtures" / "mini-rubric.yaml"]
)
#: Files generated per rubric; each is checked by the loader and the schema.
FILES_PER_RUBRIC = 400


def loader_accepts(text: str, rubric: Rubric) -> bool:
    """Whether civdata accepts ``text`` as an answers file for ``rubric``, as `civdata report` does."""
    document, problems = parse_yaml(text, "generated.yaml")
    if problems:
        return False
    shape = check_answers_shape(document)
    if shape.problems:
        return False
    try:
        answers_from_document(document, rubric)
    except InputError:
        return False
    return True


def schema_accepts(validator: Any, text: str) -> bool:
    """The schema's verdict on ``text`` read as civdata (and an editor with YAML 1.2) reads it."""
    document, problems = parse_yaml(text, "generated.yaml")
    assert not problems or document.data is not None, problems
    return bool(validator.is_valid(document.data))


def validator_for(rubric: Rubric) -> Any:
    schema = answers_schema(rubric)
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    return strict_validator(schema, check_formats=True)


# --- Generating answers ----------------------------------------------------------------------------


class Generator:
    """Answers files for one rubric: valid ones, and ones broken in ways the loader refuses."""

    def __init__(self, rubric: Rubric, rng: random.Random) -> None:
        self.rubric = rubric
        self.rng = rng

    def valid_value(self, question: Question) -> Any:
        rng = self.rng
        kind = question.type
        if kind is QuestionType.TEXT:
            return rng.choice(["We have a plan.", "1e3", 42, True, "  padded  ", "no", "2026-01-01", -3.5])
        if kind is QuestionType.NUMBER:
            low = question.minimum if question.minimum is not None else -1000
            high = question.maximum if question.maximum is not None else low + 1000
            number: float = rng.randint(int(low) + 1, int(high)) if high - low >= 2 else low
            if not question.integer and rng.random() < 0.3:
                number = (low + high) / 2
            return rng.choice([number, number, str(number)])
        if kind is QuestionType.SCALE:
            point = int(rng.choice(question.options).value)
            return rng.choice([point, point, str(point), f"+0{point}" if point > 0 else str(point)])
        if kind is QuestionType.MULTIPLE_CHOICE:
            plain = [option.value for option in question.options if not option.exclusive]
            alone = [option.value for option in question.options if option.exclusive]
            if alone and rng.random() < 0.2:
                return rng.choice([[rng.choice(alone)], rng.choice(alone)])
            chosen = rng.sample(plain, rng.randint(0, min(3, len(plain))))
            return chosen[0] if len(chosen) == 1 and rng.random() < 0.3 else chosen
        value = rng.choice(question.options).value
        if kind is QuestionType.YES_NO and value in ("yes", "no") and rng.random() < 0.3:
            return value == "yes"
        return value

    def blank(self) -> Any:
        return self.rng.choice([None, "", "   "])

    def entry(self, question: Question) -> Any:
        rng = self.rng
        value = self.blank() if rng.random() < 0.15 else self.valid_value(question)
        roll = rng.random()
        if roll < 0.2:
            return {"value": value, "note": rng.choice(["Because.", None, "Planned for January"])}
        if roll < 0.25:
            return {"note": "Only a note."}
        return value

    def valid(self) -> dict[str, Any]:
        rng = self.rng
        rubric = self.rubric
        patch = rng.randint(0, 3)
        major, minor, _ = rubric.version.split(".")
        questions = rng.sample(list(rubric.questions), rng.randint(0, len(rubric.questions)))
        role = rng.choice([*(role.id for role in rubric.roles), "", None])
        if role and rng.random() < 0.2:
            role = f"  {role} "
        data: dict[str, Any] = {
            "format": 1,
            "rubric": {"id": rubric.id, "version": rng.choice([rubric.version, f"{major}.{minor}.{patch}"])},
            "initiative": rng.choice(["Riverside data hub", None, ""]),
            "respondent": {"role": role},
            "answers": {question.id: self.entry(question) for question in questions} or rng.choice([None, {}]),
        }
        if rng.random() < 0.5:
            data["respondent"]["name"] = "Dana Okafor"
        if rng.random() < 0.5:
            data["date"] = rng.choice(["2026-10-14", "2024-02-29", None])
        return data

    # Each way of breaking a valid file returns False when it does not apply to this rubric.

    def break_answer(self, data: dict[str, Any]) -> bool:
        question = self.rng.choice(list(self.rubric.questions))
        wrong = self.wrong_value(question)
        if wrong is _NOT_APPLICABLE:
            return False
        _answers(data)[question.id] = {"value": wrong, "note": "x"} if self.rng.random() < 0.3 else wrong
        return True

    def wrong_value(self, question: Question) -> Any:
        rng = self.rng
        kind = question.type
        if kind is QuestionType.TEXT:
            return rng.choice([["a", "b"], {"value": "nested"}, [1]])
        if kind is QuestionType.NUMBER:
            # A number written as text is the number alone: no spaces or line break around it.
            inside = question.minimum if question.minimum is not None else 0
            wrong: list[Any] = ["about ten", True, [3], "1,000", "٣", f" {inside} ", f"{inside}\n"]
            if question.minimum is not None:
                wrong.append(question.minimum - 1)
            if question.maximum is not None:
                wrong.append(question.maximum + 1)
            if question.integer:
                wrong.append((question.minimum or 0) + 0.5)
            return rng.choice(wrong)
        if kind is QuestionType.SCALE:
            top = max(int(option.value) for option in question.options)
            # A scale point written as text is the digits alone, as a number is (since 2026-11-26).
            return rng.choice([True, top + 1, str(top + 1), "three", "²", [top], "1 000", f" {top} ", f"{top}\n"])
        if kind is QuestionType.MULTIPLE_CHOICE:
            values = [option.value for option in question.options]
            alone = [option.value for option in question.options if option.exclusive]
            others = [value for value in values if value not in alone]
            wrong = [["not-an-option"], "not-an-option", [values[0], values[0]], [[values[0]]], {"a": 1}]
            if alone and others:
                wrong.append([alone[0], others[0]])
            return rng.choice(wrong)
        wrong = ["not-an-option", ["yes"], {"a": 1}, " yes", 7]
        if kind is QuestionType.YES_NO:
            wrong += [value for value in ("unsure", "na") if question.option(value) is None]
            if question.option("yes") is None:
                wrong.append(True)
        return rng.choice(wrong)

    def break_note(self, data: dict[str, Any]) -> bool:
        question = self.rng.choice(list(self.rubric.questions))
        note = self.rng.choice([12, ["a"], True, {"a": 1}])
        _answers(data)[question.id] = {"value": None, "note": note}
        return True

    def break_mapping(self, data: dict[str, Any]) -> bool:
        question = self.rng.choice(list(self.rubric.questions))
        _answers(data)[question.id] = {"value": None, "comment": "extra key"}
        return True

    def break_question_id(self, data: dict[str, Any]) -> bool:
        first = self.rubric.questions[0].id
        _answers(data)[self.rng.choice(["no-such-question", first + "x"])] = None
        return True

    def break_role(self, data: dict[str, Any]) -> bool:
        if not isinstance(data.get("respondent"), dict):  # another breaker took it away
            return False
        data["respondent"]["role"] = self.rng.choice(["no-such-role", 3, ["lead"], "lead lead"])
        return "lead lead" not in [role.id for role in self.rubric.roles]

    def break_rubric(self, data: dict[str, Any]) -> bool:
        major, minor, _ = (int(part) for part in self.rubric.version.split("."))
        data["rubric"] = self.rng.choice(
            [
                {"id": "another-rubric", "version": self.rubric.version},
                {"id": self.rubric.id, "version": f"{major}.{minor + 1}.0"},
                {"id": self.rubric.id, "version": f"{major + 1}.{minor}.0"},
                {"id": self.rubric.id, "version": f"{major}.{minor}"},
                {"id": self.rubric.id, "version": f"{major}.0{minor}.0"},
                {"id": self.rubric.id},
            ]
            + ([{"id": self.rubric.id, "version": f"{major}.{minor - 1}.0"}] if minor else [])
            + ([{"id": self.rubric.id, "version": f"{major - 1}.{minor}.0"}] if major else [])
        )
        return True

    def break_top(self, data: dict[str, Any]) -> bool:
        broken = self.rng.choice(
            [
                {"date": "2026-02-31"},
                {"date": "2026-2-1"},
                {"date": "2026-02-01\n"},
                {"date": 20261014},
                {"format": 2},
                {"extra": "key"},
                {"initiative": ["a"]},
                {"respondent": {"role": "lead", "email": "x@example.org"}},
                {"answers": ["a list"]},
            ]
        )
        data.update(broken)
        if self.rng.random() < 0.1:
            del data[self.rng.choice(["format", "rubric", "respondent", "answers", "initiative"])]
        return True


_NOT_APPLICABLE = object()


def _answers(data: dict[str, Any]) -> dict[str, Any]:
    """The answers mapping of a generated file, made one if it is blank or broken."""
    if not isinstance(data.get("answers"), dict):
        data["answers"] = {}
    return data["answers"]


BREAKERS: list[Callable[[Generator, dict[str, Any]], bool]] = [
    Generator.break_answer,
    Generator.break_answer,
    Generator.break_answer,
    Generator.break_note,
    Generator.break_mapping,
    Generator.break_question_id,
    Generator.break_role,
    Generator.break_rubric,
    Generator.break_top,
]


def generated_files(rubric: Rubric, seed: int) -> list[tuple[str, bool]]:
    """(YAML text, whether it was broken) for FILES_PER_RUBRIC files."""
    rng = random.Random(seed)
    generator = Generator(rubric, rng)
    files = []
    for _ in range(FILES_PER_RUBRIC):
        data = generator.valid()
        broken = False
        if rng.random() < 0.6:
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                broken = rng.choice(BREAKERS)(generator, data) or broken
        files.append((yaml.safe_dump(data, sort_keys=False, allow_unicode=True), broken))
    return files


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_schema_and_loader_agree_on_generated_answers(path: Path) -> None:
    rubric = load_rubric(path)
    validator = validator_for(rubric)
    disagreements = []
    verdicts = {True: 0, False: 0}
    for text, broken in generated_files(rubric, seed=len(rubric.questions) * 7919 + len(rubric.id)):
        loader = loader_accepts(text, rubric)
        verdicts[loader] += 1
        if not broken:
            assert loader, f"the generator wrote an answers file the loader refuses:\n{text}"
        if schema_accepts(validator, text) != loader:
            disagreements.append(f"loader {'accepts' if loader else 'refuses'}:\n{text}")
    assert not disagreements, f"{len(disagreements)} disagreements; the first:\n{disagreements[0]}"
    # Both verdicts are well represented, so agreement is not agreement on one easy case.
    assert min(verdicts.values()) > FILES_PER_RUBRIC // 5, verdicts


CASES = ROOT / "tests" / "cases"


@pytest.mark.parametrize(
    "path", sorted((CASES / "answers").glob("*/*.yaml")), ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_schema_and_loader_agree_on_the_answers_corpus(path: Path) -> None:
    """The hand-written good and bad answers files of tests/cases: the schema's verdict is the
    loader's, except where the file cannot be read as YAML at all (not the schema's business)."""
    rubric = load_rubric(CASES / "rubric.yaml")
    text = path.read_text(encoding="utf-8")
    document, problems = parse_yaml(text, path.name)
    loader = loader_accepts(text, rubric)
    assert loader == (path.parent.name == "good")
    if problems:
        return
    assert bool(validator_for(rubric).is_valid(document.data)) == loader


# --- The documented differences are real, and go one way ---------------------------------------


def test_every_documented_difference_is_listed_in_the_docs() -> None:
    page = " ".join((ROOT / "docs" / "editors.md").read_text(encoding="utf-8").split())
    for difference in DIFFERENCES:
        assert " ".join(difference.split()) in page, difference


def _answers_file(rubric: Rubric, question_id: str, value: str, date: str = "2026-10-14") -> str:
    return (
        f"format: 1\nrubric: {{id: {rubric.id}, version: {rubric.version}}}\ninitiative: x\n"
        f"respondent: {{role: }}\ndate: '{date}'\nanswers:\n  {question_id}: {value}\n"
    )


def test_the_documented_differences_happen_and_only_make_the_schema_more_lenient(tmp_path: Path) -> None:
    """Each documented difference, shown on a rubric that has it: the schema accepts a file
    civdata refuses (and never the other way round)."""
    (tmp_path / "rubric.yaml").write_text(
        """format: 1
id: differences
version: 1.0.0
title: Differences
description: Questions where JSON Schema cannot say all civdata says.
license: CC-BY-4.0
authors: [tests]
roles: [{id: lead, label: Lead}]
areas:
  - id: area
    title: Area
    questions:
      - {id: size, title: Size, prompt: How many?, type: number, min: 0, max: 100, weight: 0}
      - id: level
        title: Level
        prompt: Which level?
        type: scale
        options: [{value: 1, label: Low, score: 0}, {value: 3, label: High, score: 1}]
      - id: share
        title: Share
        prompt: Which share?
        type: single_choice
        options: [{value: "1.5", label: One and a half, score: 1}, {value: "3", label: Three, score: 0}]
      - id: codes
        title: Codes
        prompt: Which codes?
        type: multiple_choice
        options: [{value: "1", label: One, score: 1}, {value: "2", label: Two, score: 0}]
verdicts: [{id: done, label: Done}]
""",
        encoding="utf-8",
    )
    rubric = load_rubric(tmp_path / "rubric.yaml")
    validator = validator_for(rubric)
    lenient = [
        ("size", '"250"'),  # 1: a number written as text, out of range
        ("level", "3.0"),  # 2: a scale point with a decimal point
        ("share", "1.50"),  # 3: a number spelled differently from the option
        ("share", "+3"),
        ("codes", '[1, "1"]'),  # 4: the same option, quoted and not
    ]
    for question_id, value in lenient:
        text = _answers_file(rubric, question_id, value)
        assert schema_accepts(validator, text), (question_id, value)
        assert not loader_accepts(text, rubric), (question_id, value)
    # 5: a day that does not exist, only with format checking.
    text = _answers_file(rubric, "size", "5", date="2026-02-31")
    assert not loader_accepts(text, rubric)
    assert not schema_accepts(validator, text)
    document, _ = parse_yaml(text, "x.yaml")
    assert strict_validator(answers_schema(rubric)).is_valid(document.data)
    # The written forms civdata does accept are accepted by the schema too.
    for question_id, value in [
        ("size", '"25"'),
        ("level", '"3"'),
        ("share", "1.5"),
        ("share", "3"),
        ("codes", "[1]"),
    ]:
        text = _answers_file(rubric, question_id, value)
        assert loader_accepts(text, rubric), (question_id, value)
        assert schema_accepts(validator, text), (question_id, value)


def test_value_schemas_refuse_booleans_for_scales_and_numbers(mini_rubric: Rubric) -> None:
    """`true` is never scale point 1 nor the number 1, for the loader or the schema."""
    definitions = answers_schema(mini_rubric)["$defs"]
    checked = 0
    for question in mini_rubric.questions:
        if question.type in (QuestionType.SCALE, QuestionType.NUMBER):
            assert definitions[f"value-of-{question.id}"] == value_schema(question)
            value = strict_validator({"$defs": definitions, "$ref": f"#/$defs/value-of-{question.id}"})
            assert not value.is_valid(True), question.id
            assert value.is_valid(None), question.id
            checked += 1
    assert checked >= 2


# --- The command ------------------------------------------------------------------------------------


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*civdata_command(), *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_schema_answers_for_a_rubric_is_the_core_function_output() -> None:
    result = run("schema", "answers", "--rubric", "civil-society-data-readiness")
    assert result.returncode == 0, result.stderr
    rubric = load_rubric(bundled_rubrics()[0].path)
    assert json.loads(result.stdout) == answers_schema(rubric)
    assert "$id" not in json.loads(result.stdout)


# --- In an editor's place: check-jsonschema, offline -------------------------------------------------

#: Each rubric with the example answers files written for it.
EXAMPLE_ANSWERS = {
    "civil-society-data-readiness": sorted(
        path for path in (ROOT / "examples").glob("*/*.yaml") if path.parent.name != "rubrics"
    ),
    str(ROOT / "examples" / "rubrics" / "deon-checklist.yaml"): sorted(
        (ROOT / "examples" / "rubrics" / "answers").glob("deon-*.yaml")
    ),
    str(ROOT / "examples" / "rubrics" / "aia-style-impact.yaml"): sorted(
        (ROOT / "examples" / "rubrics" / "answers").glob("aia-*.yaml")
    ),
    str(ROOT / "tests" / "cases" / "rubric.yaml"): sorted(
        (ROOT / "tests" / "cases" / "answers" / "good").glob("*.yaml")
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("rubric", list(EXAMPLE_ANSWERS), ids=lambda spec: Path(spec).stem)
def test_templates_and_examples_validate_against_the_rubric_schema_with_check_jsonschema(
    rubric: str, tmp_path: Path
) -> None:
    """The two documented steps, then check-jsonschema as an editor would check: the template (with
    its modeline), a template filled in from each example (`--from`) and every example pass; a
    file with a mistake fails, at the answer that is wrong."""
    schema = tmp_path / "answers.schema.json"
    assert run("schema", "answers", "--rubric", rubric, "-o", str(schema)).returncode == 0
    template = tmp_path / "answers.yaml"
    written = run("template", "--rubric", rubric, "--schema", "answers.schema.json", "-o", str(template))
    assert written.returncode == 0, written.stderr
    assert template.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=answers.schema.json"
    filled = []
    for number, example in enumerate(EXAMPLE_ANSWERS[rubric]):
        target = tmp_path / f"filled-{number}.yaml"
        result = run("template", "--rubric", rubric, "--from", str(example), "--schema", "x.json", "-o", str(target))
        assert result.returncode == 0, result.stderr
        filled.append(target)
    result = run_check_jsonschema(schema, template, *filled, *EXAMPLE_ANSWERS[rubric])
    assert result.returncode == 0, result.stdout + result.stderr
    question = load_rubric(bundled_rubrics()[0].path if "/" not in rubric else Path(rubric)).questions[0]
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        template.read_text(encoding="utf-8").replace(f"  {question.id}:\n", f"  {question.id}: [[not an answer]]\n"),
        encoding="utf-8",
    )
    result = run_check_jsonschema(schema, wrong)
    assert result.returncode == 1, result.stdout
    assert f"$.answers['{question.id}']" in result.stdout or f"$.answers.{question.id}:" in result.stdout, result.stdout


def test_template_refuses_a_schema_reference_that_cannot_be_one_line(tmp_path: Path) -> None:
    for reference in ("two words.json", "line\nbreak.json", "", "schéma.json"):
        result = run("template", "--schema", reference, "-o", str(tmp_path / "a.yaml"))
        assert result.returncode == 2, reference
        assert "--schema" in result.stderr
        assert not (tmp_path / "a.yaml").exists()


def test_template_without_schema_has_no_modeline() -> None:
    result = run("template")
    assert result.returncode == 0, result.stderr
    assert "yaml-language-server" not in result.stdout


def test_schema_output_follows_the_file_rules(tmp_path: Path) -> None:
    """`-o` goes through civdata's writer: never over an input (the rubric), `-` is standard output."""
    rubric = tmp_path / "rubric.yaml"
    rubric.write_bytes((ROOT / "tests" / "fixtures" / "mini-rubric.yaml").read_bytes())
    before = rubric.read_bytes()
    other_name = tmp_path / "rubric.json"
    other_name.hardlink_to(rubric)  # the rubric read, by another name that is not .yaml
    result = run("schema", "answers", "--rubric", str(rubric), "-o", str(other_name))
    assert result.returncode == 2
    assert "never writes over a file it read" in result.stderr
    assert rubric.read_bytes() == before
    result = run("schema", "answers", "--rubric", str(rubric), "-o", str(rubric))
    assert result.returncode == 2
    assert rubric.read_bytes() == before
    result = run("schema", "report", "-o", "-")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "civdata JSON report"
    target = tmp_path / "s.json"
    assert run("schema", "answers", "--rubric", str(rubric), "-o", str(target)).returncode == 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("civdata answers to")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["schema", "rubric", "--rubric", "x"], "--rubric applies to `civdata schema answers` only"),
        (["schema", "answers", "--lang", "fr"], "--lang applies only with --rubric"),
        (["schema", "answers", "--rubric", "civil-society-data-readiness", "-f", "markdown"], "civdata rubric docs"),
        (["schema", "answers", "--rubric", "no-such-rubric"], "no-such-rubric"),
        (["schema", "answers", "-o", "answers.yaml"], "never written to a .yaml or .yml file"),
    ],
)
def test_schema_usage_errors(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_schema_ids_are_real_or_absent() -> None:
    """A `$id` is an address where the schema can be fetched: only one under the project's own URLs
    (pyproject's [project.urls]) could be that; no invented address such as civdata.invalid."""
    import re

    # The [project.urls] table, read without tomllib (Python 3.11+): `Name = "https://..."` lines.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    table = re.search(r"^\[project\.urls\]\n(.*?)(?:^\[|\Z)", pyproject, re.M | re.S)
    urls = re.findall(r'^\S.*?=\s*"([^"]+)"', table.group(1), re.M) if table else []
    for path in sorted((ROOT / "civdata" / "schemas").glob("*.schema.json")):
        identifier = json.loads(path.read_text(encoding="utf-8")).get("$id")
        if identifier is not None:
            assert any(identifier.startswith(url.rstrip("/") + "/") for url in urls), (path.name, identifier)
            assert identifier.endswith(f"civdata/schemas/{path.name}"), (path.name, identifier)
    assert "$id" not in answers_schema(load_rubric(bundled_rubrics()[0].path))


@pytest.mark.parametrize("name", ["rubric", "answers", "report"])
def test_markdown_field_reference_shows_code_as_code(name: str) -> None:
    result = run("schema", name, "-f", "markdown")
    assert result.returncode == 0, result.stderr
    assert "\\`" not in result.stdout
    assert result.stdout.count("`") % 2 == 0
    assert "`civdata" in result.stdout or name == "rubric"


def test_every_space_python_strips_is_in_the_blank_pattern() -> None:
    """The blank pattern lists the spaces of Unicode's first plane; there are none beyond it."""
    import re

    from civdata.answers_schema import _space_class

    assert not any(chr(code).isspace() for code in range(0x10000, sys.maxunicode + 1))
    spaces = re.compile(f"{_space_class()}+")
    for code in range(0x10000):
        assert (spaces.fullmatch(chr(code)) is not None) == chr(code).isspace(), hex(code)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("initiative", ".inf"),
        ("initiative", "-.inf"),
        ("initiative", ".nan"),
        ("name", ".nan"),
        ("text", ".inf"),
        ("note", ".NaN"),
    ],
)
def test_plain_inf_and_nan_where_text_is_expected_are_refused_by_both(where: str, value: str) -> None:
    """`.inf` and `.nan` unquoted are numbers in YAML 1.1 and in the YAML 1.2 core schema, as an
    editor's YAML language server and check-jsonschema read them: the schema refuses a number
    where text is expected, so civdata must refuse it too (editors.md: the schema only ever
    accepts more), and says to put it in quotes. In quotes, both accept the text."""
    rubric = load_rubric(CASES / "rubric.yaml")
    fields = {"initiative": "x", "name": "Sam", "text": "fine", "note": "ok"}

    def answers_file(written: str) -> str:
        given = fields | {where: written}
        return (
            f"format: 1\nrubric: {{id: {rubric.id}, version: {rubric.version}}}\ninitiative: {given['initiative']}\n"
            f"respondent: {{name: {given['name']}, role: lead}}\nanswers:\n"
            f"  deletion-plan: {given['text']}\n  comments: {{value: fine, note: {given['note']}}}\n"
        )

    validator = validator_for(rubric)
    plain = answers_file(value)
    as_an_editor_reads = yaml.safe_load(plain)  # PyYAML reads YAML 1.1: here the same as 1.2 core
    # A text answer or a note may be a number for the schema, as `1e3` is text for civdata.
    if where not in ("text", "note"):
        assert not validator.is_valid(as_an_editor_reads)
    assert not loader_accepts(plain, rubric)
    _, problems = parse_yaml(plain, "answers.yaml")
    why = (
        "is not a number (NaN)"
        if "nan" in value.lower()
        else ("is infinite or too large; civdata accepts numbers up to 10^15 in size")
    )
    assert [problem.message for problem in problems] == [
        f"the number {value} {why}; if it is meant as text, put it in quotes"
    ]
    quoted = answers_file(f'"{value}"')
    assert loader_accepts(quoted, rubric)
    assert validator.is_valid(yaml.safe_load(quoted))
