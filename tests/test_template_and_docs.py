"""`civdata template` and `civdata rubric docs`: derived from the rubric, usable as they come."""

from __future__ import annotations

import stat
from pathlib import Path

from typer.testing import CliRunner

from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
from civdata.cli import app
from civdata.inputs import load_answer_sets
from civdata.results import QuestionStatus
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess
from civdata.yamlsource import read_yaml_file
from tests.conftest import MINI_RUBRIC, comment_prose, unwrapped

runner = CliRunner()


def test_blank_template_loads_back_with_every_question_unanswered(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    result = runner.invoke(app, ["template", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rubric, (answers,) = load_answer_sets([target], None)
    assert rubric.id == DEFAULT_RUBRIC_ID
    document, _ = read_yaml_file(target)
    assert list(document.data["answers"]) == [question.id for question in rubric.questions]
    assessment = assess(rubric, answers)
    statuses = {result.status for area in assessment.areas for result in area.questions}
    assert statuses <= {QuestionStatus.UNANSWERED, QuestionStatus.SKIPPED_CONDITION}
    assert assessment.coverage.answered == 0 and assessment.coverage.expected > 0


def test_template_filled_in_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    runner.invoke(
        app,
        ["template", "-r", str(MINI_RUBRIC), "-o", str(target), "--initiative", "Food bank: intake", "--role", "lead"],
    )
    text = target.read_text(encoding="utf-8").replace("  voice:\n", "  voice: decide\n")
    target.write_text(text, encoding="utf-8")
    _, (answers,) = load_answer_sets([target], str(MINI_RUBRIC))
    assert answers.initiative == "Food bank: intake" and answers.respondent.role == "lead"
    assert answers.value("voice") == "decide"


def test_template_shows_prompts_options_conditions_and_help() -> None:
    text = runner.invoke(app, ["template", "-r", str(MINI_RUBRIC)]).stdout
    assert "  # Have you written down who could be harmed if the data leaked?" in text
    # Since 2026-11-29 the sentence says a blank asks the follow-up too (a methodologist's review:
    # a template's reader skipped follow-ups a report then counted as left blank).
    follow_up = "  # Asked only if “Sensitive data” (sensitive) is “Yes” or “Unsure”, or if that\n  # answer is left"
    assert follow_up in text
    assert "  #   consulted  They are consulted once" in text
    assert " Why it matters: Data about people at risk raises the stakes of every other answer." in comment_prose(text)
    assert "  # Answer: a whole number from 0 to 120 (months)." in text
    assert "  # Asked of: Lead organisation, Partner organisation." in text


def test_template_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text("my answers\n", encoding="utf-8")
    refused = runner.invoke(app, ["template", "-o", str(target)])
    assert refused.exit_code == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "my answers\n"
    assert runner.invoke(app, ["template", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Answers to")


def test_template_rejects_an_unknown_role() -> None:
    result = runner.invoke(app, ["template", "--role", "funders"])
    assert result.exit_code == 2
    assert "did you mean 'funder'?" in result.stderr


def test_rubric_docs_describe_every_question_and_rule() -> None:
    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    result = runner.invoke(app, ["rubric", "docs"])
    assert result.exit_code == 0
    for question in rubric.questions:
        assert f"`{question.id}`" in result.stdout
    for rule in rubric.rules:
        assert f"(`{rule.id}`)" in result.stdout
    assert result.stdout.count("\n### ") >= len(rubric.questions) + len(rubric.rules)


def test_rubric_docs_of_a_file(tmp_path: Path) -> None:
    target = tmp_path / "mini.md"
    result = runner.invoke(app, ["rubric", "docs", "-r", str(MINI_RUBRIC), "-o", str(target)])
    assert result.exit_code == 0
    text = unwrapped(target.read_text(encoding="utf-8"))
    assert text.startswith("# Mini rubric for tests")
    assert "| `none` | None of these *(only on its own)* | 0 | **critical**: No safeguards |" in text
    # A band's label is shown with its range beside it (it was the label alone, which hid a label
    # that does not fit its range: tests/test_rubric_review_method.py).
    assert "| under a year (below 12) | 0 | **medium**: Less than a year of funding |" in text
    assert "- When all of: “Sensitive data” (sensitive) is “Yes”; “Threat model” (threat-model) is “No”." in text
    # The mini rubric asks `threat-model` only after `sensitive: yes`: a closed follow-up counts.
    assert (
        "An area's score is the weighted mean of its answered questions, with each follow-up that an earlier "
        "answer made unnecessary counted as met (full marks); the overall score" in text
    )


def test_rubric_docs_refuses_to_overwrite_the_rubric(tmp_path: Path) -> None:
    copy = tmp_path / "rubric.yaml"
    copy.write_bytes(MINI_RUBRIC.read_bytes())
    result = runner.invoke(app, ["rubric", "docs", "-r", str(copy), "-o", str(copy)])
    assert result.exit_code == 2
    assert copy.read_bytes() == MINI_RUBRIC.read_bytes()


ONE_QUESTION_RUBRIC = """\
format: 1
id: one
version: 1.0.0
title: One question
description: A rubric of one question in one area, as a pilot might start.
license: CC0-1.0
authors: [civdata maintainers]
roles:
  - id: lead
    label: Lead organisation
areas:
  - id: only
    title: Only area
    questions:
      - id: map
        title: Stakeholder map
        prompt: Is there a stakeholder map?
        type: yes_no
        options:
          - {value: "yes", score: 1}
          - {value: "no", score: 0}
verdicts:
  - id: ready
    label: Ready
    min_score: 75
  - id: not-ready
    label: Not ready
"""


def test_a_rubric_of_one_question_in_one_area_is_said_in_the_singular(tmp_path: Path) -> None:
    """Counts of one read "1 question" and "1 area" in the rubric's document and on the
    questionnaire's first screen, as `civdata rubric validate` already says them."""
    import io

    from rich.console import Console

    from civdata.questionnaire.display import welcome

    rubric = tmp_path / "one.yaml"
    rubric.write_text(ONE_QUESTION_RUBRIC, encoding="utf-8")
    target = tmp_path / "one.md"
    result = runner.invoke(app, ["rubric", "docs", "-r", str(rubric), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = unwrapped(target.read_text(encoding="utf-8"))
    assert "| Questions | 1 in 1 area |" in text
    assert "weighted mean of its answered questions; the overall score" in text, "no follow-ups to count"
    assert "1. Only area (1 question, weight 1)" in text
    buffer = io.StringIO()
    Console(file=buffer, width=200, highlight=False).print(welcome(load_rubric(rubric), tmp_path / "a.yaml"))
    assert "Up to 1 question in 1 area: your role" in buffer.getvalue()
