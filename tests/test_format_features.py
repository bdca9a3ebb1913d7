"""Format 1.1 features through the command line, on tests/cases/rubrics/good/points-risk-languages.yaml.

Expected numbers were worked out by hand from that file before running civdata:

- affectedGroups (multiple choice, summed without a cap): children 3, migrants 3, other 2; its
  maximum is 3 + 3 + 2 = 8 (the exclusive "nobody" is 0).
- reversibility: easily 0, hardly 4; "I don't know" counts as the worst, 4 points. Maximum 4.
- impact (risk) = points / 12. Mitigation (readiness, weight 0) is reported but not in the overall.
- Verdicts, best first: Level I when impact <= 25 (or <= 29.41 with mitigation >= 80), Level II
  when the overall risk is at most 50, else Level III.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, unwrapped
from tests.report_schema import report_document
from tests.test_cli import run

RUBRIC = ROOT / "tests" / "cases" / "rubrics" / "good" / "points-risk-languages.yaml"


def answers(tmp_path: Path, groups: list[str], reversibility: str, review: str = "yes") -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "format: 1\n"
        "rubric: {id: points_risk_languages, version: 1.1.0}\n"
        "initiative: Eligibility screening\n"
        "respondent: {role: projectLead, name: Ana}\n"
        "answers:\n"
        f"  affectedGroups: [{', '.join(groups)}]\n"
        f"  reversibility: {reversibility}\n"
        f'  human_review: "{review}"\n',
        encoding="utf-8",
    )
    return path


def report_json(path: Path, *options: str) -> dict:
    result = run("report", str(path), "-r", str(RUBRIC), "-f", "json", *options)
    assert result.returncode == 0, result.stderr
    return report_document(result.stdout)


@pytest.mark.parametrize(
    ("groups", "reversibility", "overall", "verdict"),
    [
        (["children", "other"], "hardly", 75.0, "levelIII"),  # (5 + 4) / 12
        (["nobody"], "easily", 0.0, "levelI"),  # 0 / 12
        (["children"], "easily", 25.0, "levelI"),  # 3 / 12, exactly at the band's edge
        (["children", "migrants"], "easily", 50.0, "levelII"),  # 6 / 12, exactly at Level II's edge
        (["children", "migrants", "other"], "dont_know", 100.0, "levelIII"),  # (8 + 4) / 12
    ],
)
def test_risk_points_and_levels_by_hand(
    tmp_path: Path, groups: list[str], reversibility: str, overall: float, verdict: str
) -> None:
    document = report_json(answers(tmp_path, groups, reversibility))
    # thin_coverage: whether the score rests on too few answers, in JSON too since the review "formats".
    expected = {"percent": overall, "direction": "risk", "unscored_reason": None, "thin_coverage": False, "open": None}
    assert document["overall"] == expected
    assert document["verdict"]["id"] == verdict
    mitigation = next(area for area in document["areas"] if area["id"] == "mitigation")
    assert (mitigation["direction"], mitigation["weight"], mitigation["score"]["percent"]) == ("readiness", 0.0, 100.0)


def test_i_dont_know_counts_as_the_worst_answer_and_says_so(tmp_path: Path) -> None:
    document = report_json(answers(tmp_path, ["nobody"], "dont_know"))
    reversibility = document["areas"][0]["questions"][1]
    assert (reversibility["points"], reversibility["max_points"], reversibility["unknown"]) == (4.0, 4.0, True)
    assert document["coverage"]["unknown"] == ["reversibility"]
    assert [finding["title"] for finding in document["findings"]] == [
        "Nobody knows whether a wrong decision can be undone"
    ]


def test_markdown_reads_as_risk_with_points_owner_and_strength(tmp_path: Path) -> None:
    result = run("report", str(answers(tmp_path, ["children", "other"], "hardly")), "-r", str(RUBRIC), "-f", "markdown")
    text = unwrapped(result.stdout)
    assert "- Overall risk score: **75 / 100** (higher means more risk), from 3 of 3 required questions" in text
    assert "| Groups affected (`affectedGroups`) | Children; Others (say who) | 5 / 8 |" in text
    assert "- For: Project lead (you)" in text
    assert "- A person reviews each decision." in text


def test_lang_picks_the_translation_and_refuses_a_missing_one(tmp_path: Path) -> None:
    path = answers(tmp_path, ["children", "other"], "hardly")
    french = run("report", str(path), "-r", str(RUBRIC), "-f", "markdown", "--lang", "fr").stdout
    assert "### 1. HIGH: Les erreurs seraient difficiles à corriger" in french
    assert "Vérification de l'incidence" in french
    english = run("report", str(path), "-r", str(RUBRIC), "-f", "markdown").stdout
    assert "Wrong decisions would be hard to undo" in english
    missing = run("report", str(path), "-r", str(RUBRIC), "--lang", "de")
    assert missing.returncode == 2
    assert "this rubric has no text in 'de'; it is written in 'en' or 'fr'" in missing.stderr


def test_score_gates_follow_the_direction(tmp_path: Path) -> None:
    path = answers(tmp_path, ["children", "other"], "hardly")
    assert run("report", str(path), "-r", str(RUBRIC), "--fail-over", "80").returncode == 0
    over = run("report", str(path), "-r", str(RUBRIC), "--fail-over", "70")
    assert over.returncode == 1 and "overall score 75 is above 70" in over.stderr
    wrong = run("report", str(path), "-r", str(RUBRIC), "--fail-under", "50")
    assert wrong.returncode == 2 and "scores risk, where a higher score is worse; use --fail-over" in wrong.stderr
    level = run("report", str(path), "-r", str(RUBRIC), "--fail-on-verdict", "levelII")
    assert level.returncode == 1 and "the verdict is 'Level III', at or below 'levelII'" in level.stderr
    unknown = run("report", str(path), "-r", str(RUBRIC), "--fail-on-verdict", "level2")
    assert unknown.returncode == 2
    assert (
        "--fail-on-verdict: 'level2' is not a verdict of rubric 'points_risk_languages'; choose 'levelI'"
        in unknown.stderr
    )


def test_the_json_report_carries_the_gate_outcome(tmp_path: Path) -> None:
    document = report_json(answers(tmp_path, ["nobody"], "easily"), "--fail-on", "high", "--fail-on-verdict", "levelII")
    assert document["gates"]["passed"] is True
    # This rubric's verdicts set no coverage, so the default floor applies (since 2026-11-26: a
    # custom rubric without one let an empty answers file pass its gates).
    assert [check["gate"] for check in document["gates"]["checks"]] == [
        "coverage floor",
        "--fail-on",
        "--fail-on-verdict",
    ]
    assert report_json(answers(tmp_path, ["nobody"], "easily"))["gates"] is None


def test_the_small_example_in_the_rubric_format_page_validates(tmp_path: Path) -> None:
    import re

    page = (ROOT / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    example = re.search(r"## A small example\n\n```yaml\n(.*?)```", page, re.S)
    assert example is not None
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    result = run("rubric", "validate", str(path))
    assert result.returncode == 0, result.stderr


def test_the_readme_ci_gate_fails_a_half_filled_answers_file(tmp_path: Path) -> None:
    """The README's CI line, run as written on a folder with one answers file to the bundled
    rubric in which only the first half of the questions are answered (with their best options,
    so that nothing but the missing answers can fail it)."""
    import re
    import shlex

    from civdata.answers_writer import dump_answers
    from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
    from civdata.model import Answer, AnswerSet, Respondent
    from civdata.rubric_loader import load_rubric

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### In CI") :]
    command = re.search(r"```sh\n(civdata report .*)\n```", section)
    assert command is not None
    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    half = rubric.questions[: len(rubric.questions) // 2]
    answers = {
        question.id: Answer(max((o for o in question.options if o.score is not None), key=lambda o: o.score).value)
        for question in half
        if question.options
        and any(o.score is not None for o in question.options)
        and question.type.value != "multiple_choice"
    }
    folder = tmp_path / "assessment"
    folder.mkdir()
    answer_set = AnswerSet(rubric.id, rubric.version, "Half done", Respondent("lead"), answers)
    (folder / "lead.yaml").write_text(dump_answers(answer_set, rubric), encoding="utf-8")
    args = shlex.split(command.group(1))[1:]
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "is below" in result.stderr and "coverage" in result.stderr
    assert (tmp_path / "readiness.md").exists()
