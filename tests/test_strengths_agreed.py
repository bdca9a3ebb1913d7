"""What a combined report counts as in place.

An evaluator's review found a combined report saying "What is in place" of whatever anyone's
answers showed: a refugee-services pool listed twenty strengths resting on the funder's answers
alone, one of them on the question where the community's answer raised a critical finding. And a
multiple choice's strengths were one joined text per set of ticked options, so two people who
ticked different options shared none, and a consultation of forty could never agree on one.

Now each ticked option shows its own strength, and a combined report counts a strength as in place
only when more than half of those who answered its question show it, on a question they do not
disagree on; the others are listed apart, "said by some, not agreed", with how many of those who
answered say it. The expected verdicts of the scenarios below were written before civdata was run.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from civdata.answers_loader import load_answers
from civdata.combine import compared
from civdata.model import AnswerSet, Rubric
from civdata.reporting import build_report
from civdata.results import Report
from civdata.rubric_loader import load_rubric
from civdata.scoring import assess
from tests.conftest import MINI_RUBRIC, ROOT, civdata_command

#: The mini rubric, with a strength for encryption too: a multiple choice with two strengths.
RUBRIC_TEXT = MINI_RUBRIC.read_text(encoding="utf-8").replace(
    "{value: encryption, label: Encryption at rest, score: 0.4}",
    "{value: encryption, label: Encryption at rest, score: 0.4, strength: Stored data is encrypted.}",
)
ENCRYPTED = "Stored data is encrypted."
DPIA = "A data protection impact assessment was done."
THREAT_MODEL = "A threat model is written down."
VOICE = "The people described share decisions about their data."
FUNDED = "Funding is committed for three years or more."


def _answers(name: str, role: str, voice: str, safeguards: list[str]) -> str:
    return (
        f"format: 1\nrubric: {{id: mini, version: 1.2.0}}\ninitiative: Riverside\n"
        f"respondent: {{name: {name}, role: {role}}}\ndate: '2026-10-02'\nanswers:\n"
        f"  sensitive: 'yes'\n  threat-model: 'yes'\n  voice: {voice}\n  safeguards: [{', '.join(safeguards)}]\n"
        "  confidence: 4\n  months: 36\n  deletion-plan: Deleted after the project.\n"
    )


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path]:
    """Three people: all wrote a threat model and have three years of funding; one says the
    people described share decisions, two that they do not; all did a DPIA, two of them encrypt
    (each ticked a different set)."""
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(RUBRIC_TEXT, encoding="utf-8")
    folder = tmp_path / "team"
    folder.mkdir()
    people = [
        ("Amara", "lead", "decide", ["encryption", "dpia"]),
        ("Bo", "partner", "none", ["access-log", "dpia"]),
        ("Dara", "community", "none", ["dpia", "encryption"]),
    ]
    for name, role, voice, safeguards in people:
        (folder / f"{name.lower()}.yaml").write_text(_answers(name, role, voice, safeguards), encoding="utf-8")
    return rubric, folder


def _report(rubric_file: Path, files: list[Path]) -> Report:
    rubric = load_rubric(rubric_file)
    return build_report(rubric, [load_answers(path, rubric) for path in files]).model


def _by_text(report: Report) -> dict[str, tuple[bool, int, int]]:
    return {s.text: (s.in_place, len(s.respondents), s.answered) for s in report.strengths}


def test_a_strength_is_in_place_when_most_of_those_asked_show_it(team: tuple[Path, Path]) -> None:
    rubric, folder = team
    report = _report(rubric, sorted(folder.iterdir()))
    assert not {divergence.question.id for divergence in report.divergences} & {"threat-model", "safeguards"}
    assert _by_text(report) == {
        THREAT_MODEL: (True, 3, 3),
        DPIA: (True, 3, 3),
        ENCRYPTED: (True, 2, 3),  # two ticked it, each beside other options: one strength, not two texts
        FUNDED: (True, 3, 3),
        VOICE: (False, 1, 3),  # Amara alone
    }
    assert [s.text for s in report.in_place] == [THREAT_MODEL, DPIA, FUNDED, ENCRYPTED]
    assert [s.text for s in report.said_by_some] == [VOICE]


def test_one_of_two_is_said_by_some_and_one_alone_asked_is_in_place(team: tuple[Path, Path]) -> None:
    """Half is not most: the lead's word against the community's is not "in place". One person
    alone, in a report on one, shows what is in place, as before."""
    rubric, folder = team
    two = _report(rubric, [folder / "amara.yaml", folder / "dara.yaml"])
    assert _by_text(two)[ENCRYPTED] == (True, 2, 2)
    assert _by_text(two)[VOICE] == (False, 1, 2)
    alone = _report(rubric, [folder / "amara.yaml"])
    assert all(strength.in_place for strength in alone.strengths)
    # One strength per ticked option in a report on one person too, each with its option's words.
    assert {(s.text, s.answer) for s in alone.strengths if s.question_id == "safeguards"} == {
        (ENCRYPTED, "Encryption at rest"),
        (DPIA, "A data protection impact assessment"),
    }


def test_a_strength_on_a_question_they_disagree_on_is_not_in_place(tmp_path: Path) -> None:
    """Two of three say the people described share decisions, the third that they have no voice
    (a high finding): most show the strength, but the question is disputed."""
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(RUBRIC_TEXT, encoding="utf-8")
    files = []
    for name, role, voice in (("Amara", "lead", "decide"), ("Bo", "partner", "decide"), ("Dara", "community", "none")):
        files.append(tmp_path / f"{name}.yaml")
        files[-1].write_text(_answers(name, role, voice, ["dpia"]), encoding="utf-8")
    report = _report(rubric, files)
    assert "voice" in {divergence.question.id for divergence in report.divergences}
    assert _by_text(report)[VOICE] == (False, 2, 3)


def test_every_format_shows_what_is_in_place_apart_from_what_some_said(team: tuple[Path, Path]) -> None:
    rubric, folder = team
    outputs = {}
    for ending in ("md", "html", "json", "txt"):
        target = folder.parent / f"report.{ending}"
        command = [*civdata_command(), "report", "-r", str(rubric), str(folder), "-o", str(target)]
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
        assert result.returncode == 0, result.stderr
        outputs[ending] = target.read_text(encoding="utf-8")
    markdown = outputs["md"]
    in_place = markdown[markdown.index("## What is in place (4)") : markdown.index("### Said by some, not agreed (1)")]
    assert THREAT_MODEL in in_place and ENCRYPTED in in_place and VOICE not in in_place
    said = markdown[markdown.index("### Said by some, not agreed (1)") :]
    assert f"- {VOICE} (“They share decisions” to *Voice of data subjects*; Amara (Lead organisation), 1 of 3 who" in (
        said.replace("\n  ", " ")
    )
    html = outputs["html"]
    assert "<h2>What is in place (4)</h2>" in html
    assert "<h3><bdi>Said by some, not agreed</bdi> (1)</h3>" in html
    assert "<bdi>1 of 3 who answered</bdi>" in html
    strengths = {s["text"]: s for s in json.loads(outputs["json"])["strengths"]}
    assert (strengths[VOICE]["in_place"], strengths[VOICE]["count"], strengths[VOICE]["answered"]) == (False, 1, 3)
    assert (strengths[ENCRYPTED]["in_place"], strengths[ENCRYPTED]["answered"]) == (True, 3)
    assert "In place (4):" in outputs["txt"]
    assert "1 more said by some, not agreed" in outputs["txt"]


def _compared_answers(rubric: Rubric, answer_sets: list[AnswerSet], question_id: str) -> int:
    """How many of these respondents gave ``question_id`` an answer a combined report compares,
    worked out from each one's own assessment, apart from the combiner."""
    count = 0
    for answer_set in answer_sets:
        results = {r.question.id: r for area in assess(rubric, answer_set).areas for r in area.questions}
        count += compared(results[question_id])
    return count


@pytest.mark.parametrize("seed", range(4))
def test_in_place_follows_the_rule_on_generated_consultations_of_the_bundled_rubric(seed: int) -> None:
    """Over the bundled rubric and random respondents: each strength's ``answered`` is the number
    of compared answers to its question, counted apart from the combiner; in place exactly when
    more than half of them show it on a question without a disagreement; each ticked option's
    strength is its own."""
    from tests.test_form_import import generated

    rubric = load_rubric(ROOT / "rubrics" / "civil-society-data-readiness.yaml")
    answer_sets = generated(rubric, random.Random(seed).randint(2, 12), seed=seed)
    report = build_report(rubric, answer_sets).model
    disputed = {divergence.question.id for divergence in report.divergences}
    strengths_of = {(q.id, option.strength) for q in rubric.questions for option in q.options if option.strength}
    strengths_of |= {(q.id, band.strength) for q in rubric.questions for band in q.bands if band.strength}
    assert report.strengths
    for strength in report.strengths:
        assert (strength.question_id, strength.text) in strengths_of  # never several joined
        assert strength.answered == _compared_answers(rubric, answer_sets, strength.question_id)
        expected = 2 * len(strength.respondents) > strength.answered and strength.question_id not in disputed
        assert strength.in_place is expected, strength


def test_one_answer_among_many_blanks_is_no_strength_in_place(team: tuple[Path, Path]) -> None:
    """An outside review (2026-11-28): one respondent of 120 answered a question, 119 left it
    blank, and "What is in place" said the safeguard existed, beside the high finding the blanks
    raised that nobody knows. Those asked are the base, blanks included. Written before running:
    Amara's threat model, the two others leaving the question blank, is said by one of three."""
    rubric, folder = team
    for name in ("bo", "dara"):
        path = folder / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        assert "  threat-model: 'yes'\n" in text
        path.write_text(text.replace("  threat-model: 'yes'\n", ""), encoding="utf-8")
    report = _report(rubric, sorted(folder.iterdir()))
    assert _by_text(report)[THREAT_MODEL] == (False, 1, 1)
    assert THREAT_MODEL in [s.text for s in report.said_by_some]
    # Two of three answering, one blank: most of those asked show it, but the blank reads as "I
    # don't know" where a disagreement is measured, and "I don't know" beside a known answer is
    # one, so the strength is not counted as in place. Changed on purpose in the fifth session of
    # 2026-11-29 (it was in place): a blank must not do better than "I don't know", which would
    # have kept it out (tests/test_session_1129e.py, the review of combined verdicts).
    path = folder / "bo.yaml"
    path.write_text(_answers("Bo", "partner", "none", ["access-log", "dpia"]), encoding="utf-8")
    report = _report(rubric, sorted(folder.iterdir()))
    assert _by_text(report)[THREAT_MODEL] == (False, 2, 2)
    assert "threat-model" in [d.question.id for d in report.divergences]


def test_each_roles_count_is_out_of_those_in_it_who_answered(team: tuple[Path, Path]) -> None:
    """An outside review (2026-11-28): a role's count of those who show a strength was out of the
    role's size ("Lead organisation: 4 of 14") while the total beside it was out of those who
    answered. Written before running: fourteen leads, ten of whom hold no sensitive data and so
    are never asked about a threat model; the four asked, the partner and the community member
    all wrote one. Each role's count is out of those in it who answered, adding up to the total."""
    rubric, folder = team
    for index in range(13):
        text = _answers(f"Lead{index}", "lead", "decide", ["dpia"])
        if index < 10:
            text = text.replace("  sensitive: 'yes'\n  threat-model: 'yes'\n", "  sensitive: 'no'\n")
        (folder / f"lead{index}.yaml").write_text(text, encoding="utf-8")
    report = _report(rubric, sorted(folder.iterdir()))
    assert report.large
    strength = next(s for s in report.strengths if s.text == THREAT_MODEL)
    assert (strength.in_place, len(strength.respondents), strength.answered) == (True, 6, 6)
    assert strength.answered_by_role == (("lead", 4), ("partner", 1), ("community", 1))
    result = subprocess.run(
        [*civdata_command(), "report", "-r", rubric, folder, "-f", "markdown"],
        capture_output=True,
        text=True,
        check=False,
    )
    line = next(line for line in " ".join(result.stdout.split()).split("- ") if line.startswith(THREAT_MODEL))
    assert "(Lead organisation: 4 of 4; Partner organisation: 1 of 1; " in line, line
    assert "Community representative: 1 of 1), 6 of 6 who answered)" in line, line
    command = [*civdata_command(), "report", "-r", rubric, folder, "-f", "json"]
    document = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    found = next(s for s in document["strengths"] if s["text"] == THREAT_MODEL)
    assert found["answered_by_role"] == {"lead": 4, "partner": 1, "community": 1}
    assert found["by_role"] == found["answered_by_role"]
