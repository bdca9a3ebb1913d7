"""Hostile text from files, in every text field, through every output civdata writes.

The payload corpus (``tests/payloads.py``) is put into every text field of a rubric (titles,
prompts, help, labels, descriptions, findings, recommendations, verdicts, changes, authors) and of
answers files (initiative, names, organisations, text answers, notes). Every output is then
checked for its medium: Markdown must have exactly the structure of the same report with plain
text, and nothing GitHub would link; terminal and text output must hold no raw control or
invisible character; every line on standard error must be one line that no CI runner executes;
JSON and the YAML civdata writes must read back as exactly what was written; HTML reports and the
SVG pictures must have exactly the tags and attributes of the same report with plain text.
Generated strings over the same alphabet attack the same outputs.
"""

from __future__ import annotations

import html
import io
import itertools
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from civdata.answers_loader import load_answers
from civdata.answers_writer import dump_answers, fitted, quoted
from civdata.combine import combine
from civdata.render import render
from civdata.render.common import ReportMeta, area_chart_svg
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess
from civdata.yamlsource import parse_yaml
from tests.conftest import MINI_RUBRIC, ROOT, civdata_command, unwrapped
from tests.payloads import (
    PAYLOADS,
    assert_html_safe,
    assert_log_lines_safe,
    assert_markdown_safe,
    assert_svg_safe,
    assert_terminal_safe,
    benign,
    generated,
    raw_invisible,
)
from tests.report_schema import report_document, strings_in

META = ReportMeta("0.0.0-test", "2026-11-05")
TEXT_KEYS = frozenset({"title", "description", "label", "prompt", "help", "recommendation", "explanation", "summary"})


def yaml_text(value: Any) -> str:
    """``value`` as one line of flow-style YAML; strings double-quoted by civdata's own writer."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{quoted(str(key))}: {yaml_text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_text(item) for item in value) + "]"
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else repr(value)


def _fill(data: Any, texts: Iterator[str]) -> Any:
    """``data`` with every text field replaced by the next of ``texts``."""
    if isinstance(data, dict):
        filled = {}
        for key, value in data.items():
            if key in TEXT_KEYS and isinstance(value, str):
                filled[key] = next(texts)
            elif key == "authors":
                filled[key] = [next(texts)]
            else:
                filled[key] = _fill(value, texts)
        return filled
    if isinstance(data, list):
        return [_fill(item, texts) for item in data]
    return data


def rubric_data(transform: Callable[[str], str]) -> dict[str, Any]:
    document, problems = parse_yaml(MINI_RUBRIC.read_text(encoding="utf-8"), "mini")
    assert not problems
    return _fill(document.data, (transform(text) for text in itertools.cycle(PAYLOADS)))


def answers_data(transform: Callable[[str], str], who: int) -> dict[str, Any]:
    """One of three respondents; the first two share a name, all write payloads everywhere. The
    first leaves the safeguards blank, so that the words of the answer a blank is read as (an
    option's label) are in every output too. The third has a threat model, so that their answers
    rule out the rule the others raise, and who rules it out is in every output too."""
    texts = (transform(text) for text in itertools.cycle(PAYLOADS[who * 7 :] + PAYLOADS[: who * 7]))
    shared_name = transform("Sam \u202eevil\u202c ::error::x")
    return {
        "format": 1,
        "rubric": {"id": "mini", "version": "1.2.0"},
        "initiative": transform("# Initiative\n===\n\x1b[2J <script> @all #1"),
        "respondent": {
            "name": shared_name if who < 2 else next(texts),
            "role": ["lead", "community", "partner"][who],
            "organisation": next(texts),
        },
        "date": "2026-11-01",
        "answers": {
            "sensitive": "yes",
            "threat-model": {"value": "no" if who < 2 else "yes", "note": next(texts)},
            # The third disagrees, so that the action of a disagreement, which names the question,
            # is in every output (test_a_disagreements_action_names_its_question_as_written).
            "voice": {"value": "none" if who < 2 else "decide", "note": next(texts)},
            "safeguards": {"value": ["none"] if who else None, "note": next(texts)},
            "months": {"value": 8, "note": next(texts)},
            "deletion-plan": next(texts),
            "comments": {"value": next(texts), "note": next(texts)},
        },
    }


def write_inputs(folder: Path, transform: Callable[[str], str]) -> tuple[Path, list[Path]]:
    folder.mkdir()
    rubric = folder / "rubric.yaml"
    rubric.write_text(yaml_text(rubric_data(transform)) + "\n", encoding="utf-8")
    answers = []
    for who in range(3):
        path = folder / f"answers-{who}.yaml"
        path.write_text(yaml_text(answers_data(transform, who)) + "\n", encoding="utf-8")
        answers.append(path)
    return rubric, answers


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Path]]]:
    root = tmp_path_factory.mktemp("payloads")
    return {"hostile": write_inputs(root / "hostile", lambda text: text), "plain": write_inputs(root / "plain", benign)}


def run(*args: str | Path, expect: int = 0, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env_args = [str(arg) for arg in args]
    result = subprocess.run(
        [*civdata_command(), *env_args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="strict",
        env={"SOURCE_DATE_EPOCH": "1793836800", "PATH": "/usr/bin:/bin", "PYTHONUTF8": "1"},
        cwd=cwd,
        check=False,
    )
    assert result.returncode == expect, result.stderr
    return result


def test_the_hostile_rubric_and_answers_hold_every_payload_exactly(inputs) -> None:
    rubric, answers = inputs["hostile"]
    loaded = load_rubric(rubric)
    texts = {loaded.title, loaded.description, *(question.title for question in loaded.questions)}
    assert texts <= set(PAYLOADS)
    notes = {answer.note for path in answers for answer in load_answers(path, loaded).answers.values()}
    assert len(notes - {None}) >= 12 and notes - {None} <= {payload.strip() for payload in PAYLOADS}


@pytest.mark.parametrize(
    "options",
    [
        ["answers-0.yaml"],
        ["answers-0.yaml", "answers-1.yaml", "answers-2.yaml"],
        ["--anonymize", "answers-0.yaml", "answers-1.yaml", "answers-2.yaml"],
    ],
    ids=["single", "combined", "anonymized"],
)
def test_markdown_reports_have_the_structure_of_plain_ones(inputs, options: list[str]) -> None:
    outputs = {}
    for kind, (rubric, answers) in inputs.items():
        files = [answers[0].parent / option if option.endswith(".yaml") else option for option in options]
        outputs[kind] = run("report", "--rubric", rubric, "--format", "markdown", *files).stdout
    assert_markdown_safe(outputs["hostile"], outputs["plain"])


@pytest.mark.parametrize(
    "options",
    [
        ["answers-0.yaml"],
        ["answers-0.yaml", "answers-1.yaml", "answers-2.yaml"],
        ["--anonymize", "answers-0.yaml", "answers-1.yaml", "answers-2.yaml"],
    ],
    ids=["single", "combined", "anonymized"],
)
def test_html_reports_have_the_structure_of_plain_ones(inputs, options: list[str]) -> None:
    outputs = {}
    for kind, (rubric, answers) in inputs.items():
        files = [answers[0].parent / option if option.endswith(".yaml") else option for option in options]
        outputs[kind] = run("report", "--rubric", rubric, "--format", "html", *files).stdout
    reader = assert_html_safe(outputs["hostile"], outputs["plain"])
    # The values are there, as text: the initiative (in the title, the h1 and the header table).
    initiative = "# Initiative\\n===\\n\\x1b[2J <script> @all #1"
    assert "".join(reader.text).count(initiative) == 3
    # A workflow command typed in a value is shown as typed (a reviewer saw a note's '::' turned into
    # ':\\x3a' in the report emailed to partners), while the source, which a CI job's log shows with
    # -o -, holds none where a line could start.
    shown = html.unescape(outputs["hostile"])
    assert ":\\x3a" not in shown
    if "--anonymize" not in options:  # the names that start with '::' are left out when anonymized
        assert re.search(r"(?<!\S)::", shown)
    assert not re.search(r"(?<!\S)::|##\[", outputs["hostile"])


def test_the_picture_beside_a_markdown_report_has_the_structure_of_a_plain_one(inputs, tmp_path: Path) -> None:
    pictures, reports = {}, {}
    for kind, (rubric, answers) in inputs.items():
        target = tmp_path / kind / "report.md"
        target.parent.mkdir()
        run("report", "--rubric", rubric, "-o", target, *answers)
        pictures[kind] = (tmp_path / kind / "report.areas.svg").read_text(encoding="utf-8")
        reports[kind] = target.read_text(encoding="utf-8")
    root = assert_svg_safe(pictures["hostile"], pictures["plain"])
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Scores by area, by role and combined"
    assert_markdown_safe(reports["hostile"], reports["plain"])
    assert "![Bar chart of the scores by area](report.areas.svg)" in reports["hostile"]


def test_rubric_docs_have_the_structure_of_plain_ones(inputs) -> None:
    hostile = run("rubric", "docs", "-r", inputs["hostile"][0]).stdout
    plain = run("rubric", "docs", "-r", inputs["plain"][0]).stdout
    assert_markdown_safe(hostile, plain)


@pytest.mark.parametrize("count", [1, 3], ids=["single", "combined"])
def test_text_reports_and_their_gate_messages_hold_no_raw_control(inputs, count: int) -> None:
    rubric, answers = inputs["hostile"]
    result = run("report", "--rubric", rubric, "--format", "text", "--fail-on", "info", *answers[:count], expect=1)
    assert_terminal_safe(result.stdout)
    lines = assert_log_lines_safe(result.stderr)
    assert lines and all(line.startswith("gate failed: ") for line in lines)


def test_json_reports_keep_every_value_exactly(inputs) -> None:
    rubric, answers = inputs["hostile"]
    # --detail: a combined report gives every answer one by one only when asked to.
    text = run("report", "--rubric", rubric, "--format", "json", "--detail", *answers).stdout
    assert not raw_invisible(text)
    # Written to a CI log (-o -), no line holds the old workflow-command marker; '##[group]' in a
    # value still reads back exactly (below).
    assert "##[" not in text

    found = set(strings_in(report_document(text)))
    for path in answers:
        data = parse_yaml(path.read_text(encoding="utf-8"), "x")[0].data
        # Exactly as written, less the spaces around it (which every loader strips).
        assert data["initiative"].strip() in found and data["respondent"]["organisation"].strip() in found
        assert {answer["note"].strip() for answer in data["answers"].values() if isinstance(answer, dict)} <= found
        assert data["answers"]["deletion-plan"].strip() in found
    assert {question.title for question in load_rubric(rubric).questions} <= found


def test_a_disagreements_action_names_its_question_as_written(inputs) -> None:
    """A disagreement's action names its question by the rubric's title (tests/test_plan_rows.py):
    every test above checks the action plans that hold it; the JSON report keeps it exactly."""
    rubric, answers = inputs["hostile"]
    document = report_document(run("report", "--rubric", rubric, "--format", "json", *answers).stdout)
    title = load_rubric(rubric).question("voice").title
    texts = [action["text"] for action in document["actions"] if action["id"] == "finding:divergence:voice"]
    assert len(texts) == 1 and texts[0].startswith(f"Before acting on the answers to “{title}”, "), texts


def test_who_rules_a_rule_out_is_named_in_the_outputs_checked_above(inputs) -> None:
    """The third respondent, named by a payload, rules out the rule the others raise (docs/scoring.md,
    section 8): every test above checks the outputs that name them there; the JSON report keeps
    them exactly."""
    rubric, answers = inputs["hostile"]
    document = report_document(run("report", "--rubric", rubric, "--format", "json", *answers).stdout)
    rule = next(finding for finding in document["findings"] if finding["id"] == "rule:sensitive-no-threat-model")
    third = document["respondents"][2]["label"]
    assert rule["source"]["ruled_out"] == {"count": 1, "respondents": [third], "by_role": {"partner": 1}}
    markdown = run("report", "--rubric", rubric, "--format", "markdown", *answers).stdout
    assert unwrapped(markdown).count("rule it out:") == 1


def test_problems_on_standard_error_are_one_line_each_and_run_no_workflow_command(tmp_path: Path, inputs) -> None:
    rubric = inputs["hostile"][0]
    answers = {
        "format": 1,
        "rubric": {"id": "mini", "version": "1.2.0"},
        "initiative": "x",
        "respondent": {"name": "n", "role": PAYLOADS[12]},
        "answers": dict.fromkeys(PAYLOADS[:20], "yes")
        | {"voice": PAYLOADS[2], "safeguards": [PAYLOADS[13], PAYLOADS[15]], "confidence": PAYLOADS[8]},
    }
    path = tmp_path / "::error::bad\u202e.yaml"
    path.write_text(yaml_text(answers) + "\n", encoding="utf-8")
    result = run("report", "--rubric", rubric, path, expect=2)
    lines = assert_log_lines_safe(result.stderr)
    assert lines[-1] == f"civdata: {len(lines) - 1} problems found; nothing was written"
    assert len(lines) - 1 == 20 + 1 + 1 + 2 + 1  # unknown questions, role, voice, safeguards, confidence


def test_rubric_problems_and_validation_lines_are_safe(tmp_path: Path, inputs) -> None:
    # Changed on 2026-11-28 (afternoon): `rubric validate` passed the hostile rubric; it now names
    # each invisible character in its text, spelled out, where it is (tests/test_lang_1128.py),
    # while every other command uses the rubric as it is, escaping each (the tests below).
    validated = run("rubric", "validate", inputs["hostile"][0], expect=2)
    assert validated.stdout == ""
    assert "this text holds right-to-left override (\\u202e)" in validated.stderr
    assert_log_lines_safe(validated.stderr)
    data = rubric_data(lambda text: text)
    data["areas"][0]["questions"][0]["type"] = PAYLOADS[13]
    data["verdicts"][0]["max_severity"] = PAYLOADS[2]
    data["roles"][0]["id"] = PAYLOADS[0]
    path = tmp_path / "bad\n::warning::rubric.yaml"
    path.write_text(yaml_text(data) + "\n", encoding="utf-8")
    lines = assert_log_lines_safe(run("rubric", "validate", path, expect=2).stderr)
    assert len(lines) >= 4


def test_the_template_of_a_hostile_rubric_reads_back_as_a_blank_answers_file(inputs) -> None:
    rubric = inputs["hostile"][0]
    text = run("template", "--rubric", rubric).stdout
    assert not raw_invisible(text)
    loaded = load_rubric(rubric)
    document, problems = parse_yaml(text, "template")
    assert not problems
    assert set(document.data) == {"format", "rubric", "initiative", "respondent", "date", "answers"}
    assert document.data["answers"] == {question.id: None for question in loaded.questions}
    assert yaml.safe_load(text)["answers"] == document.data["answers"]


def test_the_answers_writer_keeps_hostile_values_exactly_and_visibly(inputs) -> None:
    rubric, answers = inputs["hostile"]
    loaded = load_rubric(rubric)
    for path in answers:
        original = load_answers(path, loaded)
        written = dump_answers(original, loaded)
        assert not raw_invisible(written), raw_invisible(written)
        assert_no_workflow_command(written)
        back = parse_yaml(written, "written")[0].data
        assert back["respondent"]["name"] == original.respondent.name
        assert {key: value.get("note") for key, value in back["answers"].items() if isinstance(value, dict)} == {
            key: answer.note for key, answer in original.answers.items() if answer.note is not None
        }


def test_coloured_terminal_reports_hold_no_control_but_colour(inputs) -> None:
    rubric, answers = inputs["hostile"]
    loaded = load_rubric(rubric)
    scored = [assess(loaded, load_answers(path, loaded)) for path in answers]
    for model in (combine(loaded, scored[:1]), combine(loaded, scored), combine(loaded, scored, anonymize=True)):
        assert_terminal_safe(render("text", model, META, color=True, width=80), colour=True)


def test_questionnaire_screens_hold_no_control_but_colour(inputs) -> None:
    from civdata.questionnaire import display
    from civdata.questionnaire.prompts import option_title
    from civdata.questionnaire.session import Session

    rubric, answers = inputs["hostile"]
    loaded = load_rubric(rubric)
    session = Session.resumed(loaded, load_answers(answers[0], loaded), "2026-11-05")
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=80, highlight=False, emoji=False)
    console.print(display.welcome(loaded, answers[0]))
    console.print(display.resume_summary(session, answers[0]))
    from civdata.questionnaire.flow import keys_for
    from civdata.reporting import build_report

    def drawn(fragments: Any) -> str:
        """What prompt_toolkit would draw of a prompt's header: its text."""
        return "".join(text for _, text in fragments)

    for question in loaded.questions:
        console.print(display.area_banner(loaded, question.area_id))
        buffer.write(drawn(display.question_header(question, session.progress(), keys_for(question))))
        buffer.write(drawn(display.help_lines(question)))
        for option in question.options:
            console.print(option_title(question, option))
        value = session.value(question.id)
        console.print(display.echo(question, value, session.note(question.id)))
        console.print(display.dissent_echo("Ada", question, value))
    buffer.write(drawn(display.review_header(session)))
    for choice in display.review_choices(session, 80):
        console.print(str(getattr(choice, "title", None) or getattr(choice, "line", "")))
    console.print(display.missing_required(loaded.questions))
    findings = list(assess(loaded, session.answer_set()).findings)
    buffer.write(drawn(display.note_needed(findings)))
    report = build_report(loaded, [session.answer_set()]).model
    console.print(display.final_screen(report, str(answers[0]), console, 24, 79, full_report=str(answers[0])))
    assert_terminal_safe(buffer.getvalue(), colour=True)


# --- Generated attacks ---------------------------------------------------------------------------


def _with_texts(texts: list[str]) -> dict[str, Any]:
    return {
        "format": 1,
        "rubric": {"id": "mini", "version": "1.2.0"},
        "initiative": texts[0],
        "respondent": {"name": texts[1], "role": "lead", "organisation": texts[2]},
        "answers": {
            "sensitive": "yes",
            "voice": {"value": "none", "note": texts[3]},
            "threat-model": {"value": "no", "note": texts[4]},
            "comments": texts[5],
        },
    }


@pytest.mark.parametrize("seed", range(12))
def test_generated_text_in_answers_cannot_escape_any_output(tmp_path: Path, mini_rubric, seed: int) -> None:
    texts = list(generated(seed, 6))
    models = {}
    for kind, transform in (("hostile", lambda text: text), ("plain", benign)):
        path = tmp_path / f"{kind}.yaml"
        path.write_text(yaml_text(_with_texts([transform(text) for text in texts])) + "\n", encoding="utf-8")
        models[kind] = combine(mini_rubric, [assess(mini_rubric, load_answers(path, mini_rubric))])
    assert_markdown_safe(render("markdown", models["hostile"], META), render("markdown", models["plain"], META))
    assert_html_safe(render("html", models["hostile"], META), render("html", models["plain"], META))
    assert_svg_safe(area_chart_svg(models["hostile"]), area_chart_svg(models["plain"]))
    assert_terminal_safe(render("text", models["hostile"], META, color=True), colour=True)
    assert_terminal_safe(render("text", models["hostile"], META, color=False, width=60))
    document = report_document(render("json", models["hostile"], META))
    assert document["initiative"] == texts[0].strip() and document["respondent"]["name"] == texts[1].strip()
    notes = [question["note"] for area in document["areas"] for question in area["questions"] if question["note"]]
    assert notes == [texts[4].strip(), texts[3].strip()] or notes == [texts[3].strip(), texts[4].strip()]


def test_the_form_of_a_hostile_rubric_holds_every_text_visibly_and_nothing_raw(inputs, tmp_path: Path) -> None:
    # A control character in a rubric's text made `export xlsform` crash (a workbook cannot hold
    # one); bidi overrides reached the form's labels raw.
    import openpyxl

    shapes = {}
    for kind in ("hostile", "plain"):
        target = tmp_path / f"{kind}.xlsx"
        initiative = "\x1b]0;owned\x07 \u202eevil\u202c ::error::x" if kind == "hostile" else "Initiative"
        run("export", "xlsform", "-r", inputs[kind][0], "--initiative", initiative, "-o", target)
        workbook = openpyxl.load_workbook(target)
        cells = [
            (sheet.title, str(sheet.cell(1, cell.column).value), cell.coordinate, str(cell.value))
            for sheet in workbook
            for row in sheet
            for cell in row
        ]
        shapes[kind] = [(title, coordinate) for title, _, coordinate, _ in cells]
        for title, header, coordinate, text in cells:
            # What a person reads in the form; a calculation holds --initiative as given, but a
            # workbook cannot hold a control character, so that is spelled out there too.
            shown = header.startswith(("label", "hint", "constraint_message", "form_title"))
            assert not raw_invisible(text, allowed="\n\t" if shown else "\n\t\u202e\u202c"), (title, coordinate, text)
    assert shapes["hostile"] == shapes["plain"]


def test_the_answers_schema_of_a_hostile_rubric_keeps_its_text_with_nothing_raw(inputs) -> None:
    import json

    text = run("schema", "answers", "-r", inputs["hostile"][0]).stdout
    assert not raw_invisible(text), "raw invisible characters in the schema"
    assert_terminal_safe(text)
    titles = set(strings_in(json.loads(text)))
    rubric = load_rubric(inputs["hostile"][0])
    assert all(question.title in titles for question in rubric.questions)


@pytest.mark.parametrize(
    ("command", "annotated"), [("check", False), ("report", False), ("report --annotations github", True)]
)
def test_a_value_of_any_length_is_quoted_in_part_and_the_fix_is_kept(
    tmp_path: Path, command: str, annotated: bool
) -> None:
    # A 300,000-character answer used to be repeated whole in its message, on the terminal, in the
    # CI log and in the GitHub annotation: 600 KB of output for one mistake.
    long = "x" * 300_000
    answers = {
        "format": 1,
        "rubric": {"id": "mini", "version": "1.2.0"},
        "initiative": "x",
        "respondent": {"role": "lead"},
        "answers": {"voice": long, "safeguards": ["encryption", long]},
    }
    path = tmp_path / "long.yaml"
    path.write_text(yaml_text(answers) + "\n", encoding="utf-8")
    # From the file's folder, as a CI job runs from its repository's root: the name is all it needs.
    result = run(*command.split(), "--rubric", MINI_RUBRIC, path.name, expect=2, cwd=tmp_path)
    lines = result.stderr.splitlines() if annotated else assert_log_lines_safe(result.stderr)
    problems = [line for line in lines if "long.yaml" in line]
    assert len(problems) == 2, result.stderr[:5000]
    assert all(line.startswith("::error file=") for line in problems) is annotated
    for line in problems:
        assert len(line) < 1000 + 2 * len(str(path)) + 60, len(line)
        assert "... (299," in line and " characters left out) ..." in line, line[:300]
    voice = next(line for line in problems if "'voice'" in line)
    assert voice.endswith("is not an answer to 'voice'; choose 'none', 'consulted' or 'decide'"), voice[-200:]


@pytest.mark.parametrize("length", [0, 999, 1000, 1001, 5000, 10**6])
def test_a_problem_message_is_at_most_the_limit_and_keeps_its_start_and_end(length: int) -> None:
    from civdata.problems import MESSAGE_LIMIT, Problem

    message = "start" + "m" * max(length - 8, 0) + "end"
    problem = Problem("f.yaml", 1, 1, message)
    assert len(problem.message) <= MESSAGE_LIMIT
    assert (problem.message == message) is (len(message) <= MESSAGE_LIMIT)
    assert problem.message.startswith(message[:400]) and problem.message.endswith(message[-400:])


@pytest.mark.parametrize(
    ("command", "annotated"), [("check", False), ("report", False), ("report --annotations github", True)]
)
def test_a_space_that_is_not_a_space_is_spelled_out_in_a_quoted_value(
    tmp_path: Path, command: str, annotated: bool
) -> None:
    # An answer pasted from a word processor ends in a no-break space, and the message said
    # `'yes ' is not an answer to 'sensitive'; ... did you mean 'yes'?`: the person sees 'yes'
    # twice. Such a space is spelled out where a message quotes a value (as invisible characters
    # already were), on the terminal and in the CI annotation alike; the answer is still refused,
    # as one with an ordinary space around it is (docs/answers-format.md: choices are matched as
    # written), and the message says how to fix it.
    path = tmp_path / "pasted.yaml"
    path.write_text(
        "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: x\nrespondent: {role: lead}\nanswers:\n"
        "  sensitive: yes\u00a0\n"  # a plain scalar: to YAML, a no-break space is text
        '  voice: "decide "\n'
        "  safeguards: [dpia\u2007access-log, none\u202f]\n"
        "  threat-model: no\u200b\n",  # not a space at all, and already spelled out
        encoding="utf-8",
    )
    result = run(*command.split(), "--rubric", MINI_RUBRIC, path.name, expect=2, cwd=tmp_path)
    lines = result.stderr.splitlines() if annotated else assert_log_lines_safe(result.stderr)
    problems = [line for line in lines if "pasted.yaml" in line]
    assert not any(character in result.stderr for character in "\u00a0\u2007\u202f\u200b"), result.stderr
    fix = "without the spaces or line breaks around it"
    expected = [
        f"{path.name}:6:14: 'yes\\xa0' is not an answer to 'sensitive'; choose 'yes', 'no' or 'unsure'; write "
        f"'yes' {fix}",
        f"{path.name}:7:10: 'decide ' is not an answer to 'voice'; choose 'none', 'consulted' or 'decide'; write "
        f"'decide' {fix}",
        f"{path.name}:8:16: 'dpia\\u2007access-log' is not an option of 'safeguards'; choose from 'encryption', "
        "'access-log', 'dpia' or 'none'; several choices are written as a list: [dpia, access-log]",
        f"{path.name}:8:33: 'none\\u202f' is not an option of 'safeguards'; choose from 'encryption', 'access-log', "
        f"'dpia' or 'none'; write 'none' {fix}",
        f"{path.name}:9:17: 'no\\u200b' is not an answer to 'threat-model'; choose 'yes', 'no', 'unsure' or 'na'; did "
        "you mean 'no'?",
    ]
    if annotated:
        assert all(line.startswith(f"::error file={path.name},line=") for line in problems), problems
        problems = [line.split("::", 2)[2] for line in problems]
    assert problems == expected, result.stderr


def test_an_initiative_named_with_a_no_break_space_is_quoted_as_written(tmp_path: Path) -> None:
    """A hostile tester: two files about different initiatives, one named 'Other<NBSP>Project': the
    message quoted 'Other Project', its spacing evened out before the space could be spelled."""
    from tests.conftest import ROOT, civdata_command

    for name in ("lead.yaml", "community.yaml"):
        text = (ROOT / "examples" / "county-justice" / name).read_text(encoding="utf-8")
        if name == "community.yaml":
            text = "\n".join(
                'initiative: "Other\\u00a0Project"' if line.startswith("initiative:") else line
                for line in text.splitlines()
            )
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [*civdata_command(), "report", tmp_path, "-o", tmp_path / "r.md"], capture_output=True, text=True
    )
    assert result.returncode == 2, result.stderr
    assert "names 'Other\\xa0Project'" in result.stderr, result.stderr


def assert_no_workflow_command(text: str) -> None:
    """No line of ``text`` is one GitHub Actions runs as a command when the file is printed in a
    job (``template -o -``, ``git diff``): the runner trims every kind of white space from a line's
    start before it looks for ``::``, and honours ``##[`` anywhere."""
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u3000", "\u2003"])
def test_a_folded_value_starts_no_line_with_a_workflow_command(space: str) -> None:
    """An outside review (2026-11-28): a note folded at its spaces started a line with a no-break
    space and ``::error::``, which the runner trims to a command; ``##[`` was written raw. Every
    cut of every payload is tried, and each value reads back exactly."""
    for payload in [*PAYLOADS, f"{space}::error::pwned ##[warning]old", f"a{space}::notice::x"]:
        for length in range(40, 81, 3):
            text = "x" * length + " " + payload
            lines = fitted("    note: ", quoted(text), "      ")
            written = "\n".join(lines) + "\n"
            assert_no_workflow_command(written)
            assert yaml.safe_load(written)["note"] == text, written


def test_template_from_answers_holding_workflow_commands_prints_none(tmp_path: Path) -> None:
    source = (ROOT / "examples" / "county-justice" / "lead.yaml").read_text(encoding="utf-8")
    note = "x" * 60 + " \u00a0::error::pwned ##[warning]old"
    assert "  threat-model:" in source
    hostile = tmp_path / "lead.yaml"
    data = yaml.safe_load(source)
    data["answers"]["threat-model"]["note"] = note
    hostile.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    printed = run("template", "--from", hostile, "-o", "-", cwd=tmp_path).stdout
    assert_no_workflow_command(printed)
    assert yaml.safe_load(printed)["answers"]["threat-model"]["note"] == note


@pytest.mark.parametrize("text", ["$\\Huge READY$", "$$x^2$$ and $`y`$", "costs $5, not $50", "a\n$$\nb\n$$"])
def test_no_dollar_sign_from_a_file_opens_githubs_maths(text: str) -> None:
    """An outside review (2026-11-28): a note written `$\\Huge READY$` reached the Markdown report as
    written, and GitHub renders it as maths, a verdict-sized READY in the middle of a finding."""
    from civdata.render.common import md_block, md_text

    for written in (md_text(text), md_block(text)):
        assert written.count("$") == text.count("$"), written
        assert re.search(r"(?<!\\)\$", written) is None, written
