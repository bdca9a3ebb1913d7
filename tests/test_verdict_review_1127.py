"""Found by an outside review of the verdicts (2026-11-27), each checked to fail before its fix.

- A rule's finding that only may hold (one of its questions left blank) took in the finding a
  known answer shows by itself: "the threat model is missing", said in so many words, read as
  "may hold: find out first", and one blank kept it from ``--fail-on-regression high``.
- A rule's finding that the answers show for certain (in a combined report, one respondent's
  answers hold it whatever the others left blank) was not counted as new because some other
  respondent left one of its questions blank: ``--fail-on-regression critical`` passed on it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import MINI_RUBRIC, civdata_command, civdata_in, unwrapped

HEADER = "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\n"
REST = "  voice: consulted\n  safeguards: [encryption]\n  confidence: 2\n  months: 18\n  deletion-plan: Archived\n"


def answers(folder: Path, name: str, role: str, date: str, given: str) -> None:
    folder.mkdir(exist_ok=True)
    text = f"{HEADER}respondent: {{name: {name}, role: {role}}}\ndate: '{date}'\nanswers:\n{given}{REST}"
    (folder / f"{name.lower()}.yaml").write_text(text, encoding="utf-8")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, "report", "-q", "-r", MINI_RUBRIC, *args, timeout=180)


def test_a_known_answer_stays_a_finding_of_its_own_beside_a_rule_that_may_hold(tmp_path: Path) -> None:
    # Whether the data is sensitive left blank: the rule "sensitive data without a threat model"
    # only may hold. That there is no threat model is what the person said.
    answers(tmp_path, "Ada", "lead", "2026-11-01", '  threat-model: "no"\n')
    document = json.loads(run("ada.yaml", "-f", "json", "-o", "-", cwd=tmp_path).stdout)
    found = {finding["id"]: finding for finding in document["findings"]}
    assert found["rule:sensitive-no-threat-model"]["source"]["possibly"] is True
    # It takes in the blank's own finding (which may hold as it does), not the known answer's.
    assert found["rule:sensitive-no-threat-model"]["covers"] == ["sensitive:unsure"]
    assert found["threat-model:no"]["source"]["possibly"] is False
    actions = {action["findings"][0]: action for action in document["actions"]}
    assert actions["threat-model:no"]["possibly"] is False


def test_one_blank_does_not_keep_a_new_known_finding_from_the_regression_gate(tmp_path: Path) -> None:
    answers(tmp_path / "then", "Ada", "lead", "2026-06-01", '  threat-model: "yes"\n')
    answers(tmp_path / "now", "Ada", "lead", "2026-11-01", '  threat-model: "no"\n')
    result = run("now", "--baseline", "then", "--fail-on-regression", "high", "-o", "now.md", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    # Written as "1 new finding ... high: No threat model". Since a later review (2026-11-27) the
    # rule that may hold now on the blank (whether the data is sensitive) is new too, as "I don't
    # know" both times would make it (docs/scoring.md section 2): the blank then could not have
    # raised it, the threat model "yes" ruled it out. Two facts, both named.
    assert "--fail-on-regression high: 2 new findings at or above 'high': " in result.stderr
    assert " and high: No threat model" in result.stderr


def test_a_rule_the_answers_show_is_new_though_someone_left_one_of_its_questions_blank(tmp_path: Path) -> None:
    for folder, threat in (("then", "yes"), ("now", "no")):
        date = "2026-06-01" if folder == "then" else "2026-11-01"
        answers(tmp_path / folder, "Lena", "lead", date, f'  sensitive: "yes"\n  threat-model: "{threat}"\n')
        tom = f'  sensitive: "yes"\n  threat-model: "{threat}"\n' if folder == "then" else '  threat-model: "no"\n'
        answers(tmp_path / folder, "Tom", "partner", date, tom)
    result = run("now", "--baseline", "then", "--fail-on-regression", "critical", "-o", "now.md", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "--fail-on-regression critical: 1 new finding at or above 'critical': critical: Sensitive data about people "
        "at risk with no threat model"
    ) in result.stderr


def test_a_finding_listed_on_its_own_names_those_whose_rule_took_it_in_too(tmp_path: Path) -> None:
    """Raised on its own by one respondent and taken into a rule's finding for another, a finding
    is listed once, naming both: "1 of 2" would say that one person alone saw it."""
    answers(tmp_path / "team", "Lena", "lead", "2026-11-01", '  sensitive: "yes"\n  threat-model: "no"\n')
    answers(tmp_path / "team", "Tom", "partner", "2026-11-01", '  sensitive: unsure\n  threat-model: "no"\n')
    document = json.loads(run("team", "-f", "json", "-o", "-", cwd=tmp_path).stdout)
    [own] = [finding for finding in document["findings"] if finding["id"] == "threat-model:no"]
    assert own["source"]["respondents"] == ["Lena", "Tom"] and own["source"]["count"] == 2
    assert own["source"]["possibly"] is False


REDRESS = Path(__file__).parent / "fixtures" / "blanks"


def bundled(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), "report", *map(str, args)], capture_output=True, text=True, check=False, timeout=180
    )


def test_a_blank_never_earns_the_band_i_dont_know_would_not(tmp_path: Path) -> None:
    """The reviewer's files: one question, complaints and redress, left blank or answered "I don't
    know", the rest the same. "I don't know" scores as the worst answer: 74.9, Ready with
    conditions, and --fail-under 75 fails. Left blank it is not scored: 76.3, which gave Ready
    and passed the gate. Expected before civdata was run: the same verdict as "I don't know", the
    gate failing, and the report saying why the score shown is not enough."""
    unsure = json.loads(bundled(REDRESS / "redress-unsure.yaml", "-f", "json", "-o", "-").stdout)
    blank = json.loads(bundled(REDRESS / "redress-blank.yaml", "-f", "json", "-o", "-").stdout)
    assert (unsure["verdict"]["id"], unsure["overall"]["percent"]) == ("ready-with-conditions", 74.9)
    assert unsure["overall"]["open"] is None
    # The score shown is still the answers' own (a blank is never scored); the verdict is not.
    assert (blank["verdict"]["id"], blank["overall"]["percent"]) == ("ready-with-conditions", 76.3)
    # low is the "I don't know" score; high (the question at its best) was read from civdata's output.
    assert blank["overall"]["open"] == {"low": 74.9, "high": 76.5, "held_back": "ready"}
    for name in ("redress-unsure.yaml", "redress-blank.yaml"):
        gated = bundled(REDRESS / name, "--fail-under", "75", "-o", tmp_path / "r.md")
        assert gated.returncode == 1, gated.stderr
    gated = bundled(REDRESS / "redress-blank.yaml", "--fail-under", "75", "-o", tmp_path / "r.md")
    assert (
        "--fail-under 75: overall score 76.3, but 74.9 with the questions left blank answered at their worst "
        '(as "I don\'t know" scores), is below 75'
    ) in gated.stderr
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert (
        "- Held back: not “Ready”, which the score shown alone would give: the questions you left blank, "
        "answered at their worst (as “I don't know” scores), would bring the score down to 74.9, below the 75 "
        "it needs. Answer them to settle the verdict.\n"
    ) in unwrapped(markdown)


def test_a_finding_listed_on_its_own_and_stated_in_a_rule_gives_its_advice_once(tmp_path: Path) -> None:
    """One finding per fact, as a reader counts them: the rule's finding said the recommendation of
    a finding the same report lists on its own (for another respondent), and the JSON report's
    covered findings held one entry per rule that states it."""
    for name, role, sensitive in (
        ("Lena", "lead", '"yes"'),
        ("Tom", "partner", "unsure"),
        ("Ada", "community", '"yes"'),
    ):
        answers(tmp_path / "team", name, role, "2026-11-01", f'  sensitive: {sensitive}\n  threat-model: "no"\n')
    markdown = " ".join(run("team", "-o", "-", cwd=tmp_path).stdout.split())
    assert "- high: No threat model (`threat-model`). Listed on its own too, with everyone who raised it." in markdown
    assert "(`threat-model`). Write one this month." not in markdown
    document = json.loads(run("team", "-f", "json", "-o", "-", cwd=tmp_path).stdout)
    covered = [finding["id"] for finding in document["covered_findings"]]
    assert len(covered) == len(set(covered)) and "threat-model:no" in covered
