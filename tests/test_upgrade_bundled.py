"""Upgrading a real answers file to the bundled rubric's current version, as a user meets it.

The fixture is the county lead's answers from examples/county-justice, exactly as they were made
for version 1.0.0 of the bundled rubric. What the upgrade must do is read here from the rubric file
itself (its `changes` entry for 1.1.0) and from the old file, not from civdata, so that a wrong
changelog reading, a lost answer or a question asked out of turn fails these tests:

- `civdata report` refuses the old file at the line and column of its version, and says how to
  upgrade;
- `civdata template --from` blanks exactly the listed questions the old file answered, with the
  previous answer in a comment, and keeps every other answer and note;
- `civdata assess --resume`, in a real terminal, asks only the new and changed questions that apply,
  in rubric order, and keeps every unchanged answer whether it is finished or stopped with Ctrl-C.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from civdata.answers_loader import load_answers
from civdata.catalog import DEFAULT_RUBRIC_ID, bundled_rubrics
from civdata.model import Answer, AnswerSet, Rubric
from civdata.rubric_loader import load_rubric
from civdata.scoring import question_statuses
from civdata.wording import plural
from tests.conftest import FIXTURES, civdata_command
from tests.test_answers_editor import comments
from tests.test_assess_pty import CTRL_C, ENTER, HEADER, PAUSE, REVIEW, Terminal, start
from tests.test_assess_pty import terminals as terminals  # the fixture that closes every terminal started

OLD = FIXTURES / "upgrade" / "county-lead-1.0.0.yaml"


def _bundled_path() -> Path:
    return next(entry.path for entry in bundled_rubrics() if entry.id == DEFAULT_RUBRIC_ID)


BUNDLED = _bundled_path()
RUBRIC_DATA: dict[str, Any] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
OLD_DATA: dict[str, Any] = yaml.safe_load(OLD.read_text(encoding="utf-8"))
#: The questions the rubric's changelog lists since 1.0.0: added, removed and changed, in its order.
LISTED: list[str] = [
    qid for change in RUBRIC_DATA["changes"] if change["version"] != "1.0.0" for qid in change.get("questions", [])
]
QUESTION_IDS: list[str] = [question["id"] for area in RUBRIC_DATA["areas"] for question in area["questions"]]
#: The latest version whose changelog entry lists each question: what "this question changed in" names.
CHANGED_IN: dict[str, str] = {
    qid: change["version"]
    for change in reversed(RUBRIC_DATA["changes"])
    if change["version"] != "1.0.0"
    for qid in change.get("questions", [])
}
OLD_ANSWERS: dict[str, Any] = OLD_DATA["answers"]
TO_ASK = [qid for qid in QUESTION_IDS if qid in LISTED]  # changed or new, in rubric order
UNCHANGED = [qid for qid in QUESTION_IDS if qid not in LISTED]
REMOVED = [qid for qid in LISTED if qid not in QUESTION_IDS]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(BUNDLED)


def old_answer(qid: str) -> Answer:
    """The old file's answer to ``qid`` as a loader reads it: value and note."""
    raw = OLD_ANSWERS[qid]
    value, note = (raw.get("value"), raw.get("note")) if isinstance(raw, dict) else (raw, None)
    return Answer(tuple(value) if isinstance(value, list) else value, note)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*civdata_command(), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_fixture_is_the_county_lead_made_for_1_0_0_and_the_changelog_covers_it() -> None:
    assert OLD_DATA["rubric"] == {"id": DEFAULT_RUBRIC_ID, "version": "1.0.0"}
    assert OLD_DATA["respondent"]["role"] == "lead"
    # 1.1.0 changed questions; 1.1.1 only added act_by to findings (its changes entry lists none);
    # 1.2.0 gave in-house-skills an "I don't know"; 1.2.1 made the stakes finding of people at
    # risk one for information (a PATCH: no question changed, its changes entry lists none); 1.2.2
    # reworded after-funding and recorded the rules each version changed (a PATCH too); 1.2.3
    # changed three rules' conditions and added one (a PATCH: no question changed).
    assert RUBRIC_DATA["version"] == "1.2.3"
    assert CHANGED_IN["in-house-skills"] == "1.2.0" and CHANGED_IN["people-at-risk"] == "1.1.0"
    # Every question the old file answered is either still in the rubric or listed as removed, so the
    # tests below see every kind of carry-over: kept, asked again, set aside.
    assert set(OLD_ANSWERS) <= set(QUESTION_IDS) | set(REMOVED)
    assert {qid for qid in OLD_ANSWERS if qid in UNCHANGED} == {"decision-described", "other-notes"}
    assert {qid for qid in OLD_ANSWERS if qid in REMOVED}


# --- civdata report: refused, with the way to upgrade ----------------------------------------------


@pytest.mark.slow
def test_report_refuses_the_old_file_at_its_version_and_names_the_upgrade(tmp_path: Path) -> None:
    shutil.copy(OLD, tmp_path / "lead.yaml")
    result = run(tmp_path, "report", "lead.yaml", "-o", "report.md")
    assert result.returncode == 2
    assert result.stdout == ""
    assert not (tmp_path / "report.md").exists()
    lines = OLD.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("rubric:"))
    column = lines[line - 1].index("1.0.0") + 1
    named = ", ".join(f"'{qid}'" for qid in LISTED[:30]) + f" and {len(LISTED) - 30} more"
    assert result.stderr.splitlines() == [
        f"lead.yaml:{line}:{column}: these answers were made for version 1.0.0 of '{DEFAULT_RUBRIC_ID}', but the "
        f"rubric is {RUBRIC_DATA['version']}; questions changed since then: {named}. To upgrade: "
        "`civdata assess --resume lead.yaml` "
        f"asks only the {len(TO_ASK)} changed or new questions and keeps your other answers, or `civdata template "
        "--from lead.yaml -o new.yaml` writes a new file to review by hand",
        "civdata: 1 problem found; nothing was written",
    ]


# --- civdata template --from: a file to review by hand -----------------------------------------------


@pytest.mark.slow
def test_template_from_blanks_exactly_the_changed_answers_and_keeps_the_rest(tmp_path: Path, rubric: Rubric) -> None:
    shutil.copy(OLD, tmp_path / "lead.yaml")
    result = run(tmp_path, "template", "--from", "lead.yaml", "-o", "new.yaml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "lead.yaml").read_bytes() == OLD.read_bytes(), "the file read is never changed"
    written = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    text = written.replace("\n  #   ", " ")  # a long comment goes on under its first line
    new = load_answers(tmp_path / "new.yaml", rubric)
    assert (new.rubric_id, new.rubric_version) == (DEFAULT_RUBRIC_ID, RUBRIC_DATA["version"])
    assert (new.initiative, new.date, new.respondent.name) == (
        OLD_DATA["initiative"],
        OLD_DATA["date"],
        OLD_DATA["respondent"]["name"],
    )

    asked_again = [qid for qid in TO_ASK if qid in OLD_ANSWERS]
    for qid in asked_again:
        before = old_answer(qid)
        assert new.value(qid) is None, qid
        assert new.note(qid) == before.note, qid
        remark = re.search(
            rf"^  # Previously \(1\.0\.0\): (.+) — this question changed in {re.escape(CHANGED_IN[qid])}: review it\n"
            rf"  {re.escape(qid)}:",
            text,
            re.M,
        )
        assert remark is not None, qid
        raw = OLD_ANSWERS[qid]
        assert yaml.safe_load(remark.group(1)) == (raw["value"] if isinstance(raw, dict) else raw), qid
    for qid in REMOVED:
        if qid in OLD_ANSWERS:
            found = re.search(
                rf"^  # previous answer \(question removed in 1\.1\.0\): ({re.escape(qid)}: .+)$", text, re.M
            )
            assert found is not None, qid
            assert yaml.safe_load(found.group(1)) == {qid: OLD_ANSWERS[qid]}
            assert qid not in new.answers

    kept = [qid for qid in OLD_ANSWERS if qid in UNCHANGED]
    assert {qid: new.answers[qid] for qid in kept} == {qid: old_answer(qid) for qid in kept}
    answered = {qid for qid, answer in new.answers.items() if answer.value is not None}
    assert answered == set(kept), "only the unchanged answers are filled in; every changed or new one is blank"
    assert remark_count(text) == len(asked_again)


def remark_count(text: str) -> int:
    return len(re.findall(r"^  # Previously \(1\.0\.0\): ", text, re.M))


# --- civdata assess --resume, in a real terminal ------------------------------------------------------


def answer_until_review(terminal: Terminal, stop_after: int | None = None) -> list[str]:
    """Take the answer civdata offers at every question (the previous answer when it still fits,
    else the first option; for a list with nothing ticked, tick the first) and keep the note shown.
    Return the ids of the questions shown, in order, up to the review; or ``stop_after`` of them
    answered and the one shown next."""
    shown: list[str] = []
    while True:
        found = terminal.expect(HEADER + "|" + REVIEW + "|" + PAUSE + r"|Note \(needed\)")
        if found.group(0).startswith("Choose"):
            return shown
        if found.group(0).startswith(("Press", "Note")):
            terminal.send(ENTER)  # past the summary; or the needed note, as it stands
            continue
        if shown[-1:] == [found.group(3)]:
            continue  # the prompt drawn again
        shown.append(found.group(3))
        if len(shown) > (stop_after if stop_after is not None else len(shown)):
            return shown  # the question it stops at, unanswered, is the last
        hint = terminal.expect(r"Enter choose|Space tick")
        options_end = terminal.expect(r"← Back")
        options = terminal.text[hint.end() : options_end.start()]
        terminal.send(" " + ENTER if hint.group(0) == "Space tick" and "[x]" not in options else ENTER)


def assert_unchanged_answers_kept(path: Path, rubric: Rubric) -> AnswerSet:
    saved = load_answers(path, rubric)
    assert saved.rubric_version == RUBRIC_DATA["version"]
    # Answers given on resuming date the file today (pinned: 2026-11-05), since 2026-11-29; the
    # file's own date was kept before, which made a re-assessment look as old as the baseline.
    assert saved.date == "2026-11-05" != OLD_DATA["date"]
    for qid in OLD_ANSWERS:
        if qid in UNCHANGED:
            assert saved.answers[qid] == old_answer(qid), qid
    text = path.read_text(encoding="utf-8")
    for comment in comments(OLD.read_text(encoding="utf-8")):
        assert comment in text
    return saved


@pytest.mark.slow
def test_assess_resume_asks_only_the_new_and_changed_questions_in_order(
    tmp_path: Path, terminals: list[Terminal], rubric: Rubric
) -> None:
    path = tmp_path / "lead.yaml"
    shutil.copy(OLD, path)
    terminal = start(terminals, tmp_path, "assess", "--resume", "lead.yaml")
    answered_before = [qid for qid in OLD_ANSWERS if qid in QUESTION_IDS]
    changed = [qid for qid in TO_ASK if qid in OLD_ANSWERS]
    kept = plural(len(answered_before) - len(changed), "answer")
    asked = f"{plural(len(changed), 'changed question')}, {plural(len(TO_ASK) - len(changed), 'new one')}"
    terminal.expect(
        re.escape(
            f"Upgrading from version 1.0.0 to {RUBRIC_DATA['version']} of the rubric: {kept} kept; "
            f"asked (where they apply to you): {asked}."
        )
    )
    shown = answer_until_review(terminal)
    first = ["people-at-risk", "people-described", "stakeholder-map", "affected-outside-data", "partner-count"]
    assert shown[:5] == first
    assert not set(shown) & set(UNCHANGED), "no unchanged question is asked again"
    terminal.send(ENTER)
    terminal.expect(r"Answers saved in lead\.yaml")
    assert terminal.finish() == 0

    saved = assert_unchanged_answers_kept(path, rubric)
    statuses = question_statuses(rubric, saved)
    # Exactly the changed and new questions that apply to a lead, given the answers taken, in rubric order.
    assert shown == [qid for qid in TO_ASK if statuses[qid].applies]
    assert all(saved.value(qid) is not None for qid in shown)
    assert "record-linkage" in shown and "funded-months" in shown, "questions for the lead's role are asked"


@pytest.mark.slow
def test_an_upgrade_stopped_with_ctrl_c_keeps_every_unchanged_answer(
    tmp_path: Path, terminals: list[Terminal], rubric: Rubric
) -> None:
    path = tmp_path / "lead.yaml"
    shutil.copy(OLD, path)
    terminal = start(terminals, tmp_path, "assess", "--resume", "lead.yaml")
    shown = answer_until_review(terminal, stop_after=3)
    assert shown == TO_ASK[:4]  # three answered, and the fourth's prompt is drawn
    terminal.send(CTRL_C)
    terminal.expect(r"Continue where you stopped with: civdata assess --resume lead\.yaml")
    assert terminal.finish() == 130
    assert not re.search(r"\[(" + "|".join(map(re.escape, UNCHANGED)) + r")\]", terminal.text)

    saved = assert_unchanged_answers_kept(path, rubric)
    assert saved.answers["people-at-risk"] == old_answer("people-at-risk")
    assert set(saved.value("people-described")) == set(OLD_ANSWERS["people-described"])  # in option order now
    assert saved.answers["stakeholder-map"] == old_answer("stakeholder-map")
    assert saved.value(TO_ASK[3]) is None
