"""Fixes of the first session of 2026-11-30 (the review of verdicts): each test was written before
its fix and seen to fail."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest
import yaml

from civdata import combine
from civdata.model import Answer, AnswerSet, QuestionType, Respondent, Rubric
from civdata.render import render
from civdata.render.common import ReportMeta
from civdata.reporting import build_report
from civdata.results import NAMED_LIMIT, NOTE_EXCERPT, Note, Report
from tests.conftest import ROOT, civdata_in
from tests.payloads import assert_markdown_safe, assert_terminal_safe, benign
from tests.test_ci_review_1129 import PINNED
from tests.test_properties import possible_answers

CLOSED_FOLLOW_UP = ROOT / "tests" / "fixtures" / "verdicts" / "closed-follow-up.yaml"


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args, env=PINNED)


def _answers(folder: Path, name: str, sensitive: str) -> Path:
    """One lead's answers to the closed-follow-up rubric: ``sensitive`` opens the threat model
    (answered "yes", written) or closes it; ``consent``, the People area's one other scored
    question, left blank; ``skills`` "no"."""
    path = folder / f"{name}.yaml"
    path.write_text(
        "format: 1\nrubric: {id: fu, version: 1.0.0}\ninitiative: X\nrespondent: {name: A, role: lead}\n"
        f'answers:\n  sensitive: "{sensitive}"\n  tm: "yes"\n  skills: "no"\n',
        encoding="utf-8",
    )
    return path


def _report(tmp_path: Path, sensitive: str, *gates: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    answers = _answers(tmp_path, sensitive, sensitive)
    out = tmp_path / f"{sensitive}.json"
    result = run("report", answers, "--rubric", CLOSED_FOLLOW_UP, "-f", "json", "-o", out, *gates, cwd=tmp_path)
    return result, json.loads(out.read_text(encoding="utf-8"))


def test_a_safe_answer_that_closes_an_areas_follow_up_is_not_judged_on_a_score_no_answers_give(
    tmp_path: Path,
) -> None:
    """ "Nobody in the data could be harmed" closes the threat model, the People area's follow-up;
    its other scored question left blank, the area has no score and the score shown, 40, leaves it
    out, below every score the blank leaves open (57.5 to 70). The verdict and --fail-under read
    40: "Not acceptable" and exit 1, where the riskier "yes" with a threat model written was
    "Acceptable" and passed, on the same range (the review of verdicts, finding 2). Both are now
    judged on what the blank leaves open."""
    safe, safe_report = _report(tmp_path, "no", "--fail-under", "50")
    risky, risky_report = _report(tmp_path, "yes", "--fail-under", "50")
    safe_open, risky_open = safe_report["overall"]["open"], risky_report["overall"]["open"]
    assert (safe_open["low"], safe_open["high"]) == (risky_open["low"], risky_open["high"]) == (57.5, 70.0)
    assert safe_open["shown_outside"] is True and "shown_outside" not in risky_open
    assert safe_report["verdict"]["id"] == risky_report["verdict"]["id"] == "ok"
    assert safe_open["held_back"] is None  # 40 alone gives a worse band, not a better one held back
    assert (safe.returncode, risky.returncode) == (0, 0), safe.stderr + risky.stderr
    # The gate says why a shown 40 passes a gate of 50.
    [score_gate] = [gate for gate in safe_report["gates"]["checks"] if gate["gate"] == "--fail-under"]
    assert score_gate["passed"] and "57.5 to 70" in score_gate["reason"] and "reaches 50" in score_gate["reason"]
    # A gate above the lowest open score fails both, as it failed "I don't know".
    assert _report(tmp_path, "no", "--fail-under", "60")[0].returncode == 1
    assert _report(tmp_path, "yes", "--fail-under", "60")[0].returncode == 1


def test_the_report_says_why_its_score_shown_lies_outside_what_the_blanks_leave_open(tmp_path: Path) -> None:
    """A reader sees 40 and "Acceptable" from 50 up: the report says the 40 leaves out an area
    whose scored questions were all left blank, which any answer would score."""
    answers = _answers(tmp_path, "no", "no")
    result = run("report", answers, "--rubric", CLOSED_FOLLOW_UP, "-o", tmp_path / "r.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = " ".join((tmp_path / "r.md").read_text(encoding="utf-8").split())
    assert "between 57.5 and 70" in text
    assert "the score shown, 40, leaves out People" in text, text


def test_a_comparison_does_not_call_closing_the_follow_up_a_worse_verdict(tmp_path: Path) -> None:
    """Finding out that nobody in the data is at risk was reported as a regression of the verdict
    ("Acceptable to Not acceptable") and failed --fail-on-regression scores."""
    before = _answers(tmp_path, "before", "yes")
    after = _answers(tmp_path, "after", "no")
    result = run(
        "report", after, "--rubric", CLOSED_FOLLOW_UP, "--baseline", before, "--fail-on-regression", "scores",
        "-o", tmp_path / "r.md", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "the verdict is worse" not in result.stderr


def _rubric_titled(folder: Path, title: str) -> Path:
    """The closed-follow-up rubric with the People area titled ``title``."""
    data = yaml.safe_load(CLOSED_FOLLOW_UP.read_text(encoding="utf-8"))
    data["areas"][0]["title"] = title
    path = folder / "rubric.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "payload",
    [
        "\x1b[2J\x1b[HREADY: no findings",
        "bidi \u202eevil.exe\u202c",
        "::error::injected annotation",
        "a note\n===",
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        "ping @someone and fixes #12",
    ],
)
def test_the_area_the_score_shown_leaves_out_is_named_safely_in_every_format(tmp_path: Path, payload: str) -> None:
    """The sentence beside the verdict names the area from the rubric: escaped for each format, as
    every other value from a file (payloads from tests/payloads.py, against the same report with
    the title in plain letters)."""
    answers = _answers(tmp_path, "no", "no")
    outputs = {}
    for name, title in (("hostile", payload), ("plain", benign(payload))):
        folder = tmp_path / name
        folder.mkdir()
        rubric = _rubric_titled(folder, title)
        for suffix in ("md", "html", "txt"):
            fmt = {"md": "markdown", "html": "html", "txt": "text"}[suffix]
            done = run("report", answers, "--rubric", rubric, "-f", fmt, "-o", folder / f"r.{suffix}", cwd=folder)
            assert done.returncode == 0, done.stderr
            outputs[name, suffix] = (folder / f"r.{suffix}").read_text(encoding="utf-8")
    assert "leaves out" in outputs["hostile", "md"]
    assert_markdown_safe(outputs["hostile", "md"], outputs["plain", "md"])
    assert_terminal_safe(outputs["hostile", "txt"])
    assert "<script>" not in outputs["hostile", "html"]
    left_open = [line for line in outputs["hostile", "txt"].splitlines() if "Left open" in line]
    assert left_open and not any("\x1b" in line for line in left_open)


# --- What a large group's report keeps of what people wrote -------------------------------------

_WORDS = ["partners", "met", "twice", "agreed", "unclear", "records", "later", "the", "community", "data"]


def _noted_group(rubric: Rubric, count: int) -> list[AnswerSet]:
    """``count`` respondents, roles in turn, every question asked answered at random with a note
    drawn from a few: long notes, distinct in their first characters, some written by many, some
    the same words spaced otherwise (one note, two spellings), some short; text answers too."""
    rng = random.Random(3)
    pool = []
    for index in range(6):
        start = f"Note {index}: " + " ".join(rng.choice(_WORDS) for _ in range(80))
        pool += [start, start.replace(" ", "  ", 3), start + " and more", f"short {index}"]
    sets = []
    for who in range(count):
        role = rubric.roles[who % len(rubric.roles)].id
        answers = {}
        for question in rubric.questions:
            if not question.asked_of(role):
                continue
            text = question.type is QuestionType.TEXT
            value = rng.choice(pool) if text else rng.choice(possible_answers(question))
            answers[question.id] = Answer(value, rng.choice(pool) if rng.random() < 0.7 else None)
        sets.append(AnswerSet(rubric.id, rubric.version, "I", Respondent(role, f"P{who}", f"O{who}"), answers))
    return sets


def _notes_of(report: Report) -> list[Note]:
    notes = [note for finding in report.findings for note in finding.notes]
    notes += [note for finding in report.findings for covered in finding.covers for note in covered.notes]
    notes += [note for divergence in report.divergences for note in divergence.notes]
    return notes + list(report.written)


def test_a_large_group_keeps_of_each_note_what_its_report_quotes(mini_rubric: Rubric) -> None:
    """At 5,000 respondents writing a page on one answer in three, the notes kept whole took the
    report to 264 MiB, over the 250 of issue 10 (an outside audit), where a large group's report
    quotes each note up to NOTE_EXCERPT characters. Past the people a report names, a note is kept
    as it is quoted; the first NAMED_LIMIT keep theirs whole (a group that small shows them so)."""
    report = build_report(mini_rubric, _noted_group(mini_rubric, 40)).model
    notes = _notes_of(report)
    assert report.large and len(notes) > 100
    late = [note for note in notes if note.respondent is not None and note.respondent >= NAMED_LIMIT]
    assert late and all(len(note.text) <= NOTE_EXCERPT for note in late)
    assert any(note.cut is not None for note in late)
    assert any(len(note.text) > NOTE_EXCERPT for note in notes if note.respondent < NAMED_LIMIT)


@pytest.mark.parametrize("fmt", ["markdown", "json", "html", "text"])
def test_notes_kept_cut_give_the_report_whole_notes_give(
    mini_rubric: Rubric, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """What a large group's report says of its notes (which are shown, in which order, the
    spelling quoted, how many wrote each, per role, how many characters are left out) is the same
    from notes kept cut as from whole ones, on notes written alike, spelled otherwise and longer
    than the excerpt. (Notes alike in their first NOTE_EXCERPT characters and written by as many
    are ordered by a digest of the rest, not its letters: docs/multi-respondent.md.)"""
    group = _noted_group(mini_rubric, 40)
    meta = ReportMeta("x", "2026-11-30")
    cut = render(fmt, build_report(mini_rubric, group).model, meta)
    monkeypatch.setattr(combine, "kept_note", lambda note: note)
    whole = render(fmt, build_report(mini_rubric, group).model, meta)
    assert cut == whole
    assert "Shortened here" in whole or "characters_left_out" in whole or fmt == "text"


def test_a_safe_answer_with_nothing_else_scored_is_judged_on_what_the_blanks_leave_open(tmp_path: Path) -> None:
    """The property test over the closed-follow-up rubric, after the fix above: "no" (the threat
    model closed) with consent and skills left blank scored nothing, and was "Not acceptable" and
    failed --fail-under for having no score, where "yes" with a threat model written scored 100 and
    was "Acceptable", on the same blanks (57.5 to 100 either way)."""
    verdicts = {}
    for sensitive in ("no", "yes"):
        answers = tmp_path / f"{sensitive}.yaml"
        answers.write_text(
            "format: 1\nrubric: {id: fu, version: 1.0.0}\ninitiative: X\nrespondent: {name: A, role: lead}\n"
            f'answers:\n  sensitive: "{sensitive}"\n  tm: "yes"\n',
            encoding="utf-8",
        )
        out = tmp_path / f"{sensitive}.json"
        result = run(
            "report", answers, "--rubric", CLOSED_FOLLOW_UP, "-f", "json", "-o", out, "--fail-under", "50",
            "--min-coverage", "50", cwd=tmp_path,
        )  # fmt: skip
        report = json.loads(out.read_text(encoding="utf-8"))
        verdicts[sensitive] = (report["verdict"]["id"], result.returncode)
        if sensitive == "no":
            assert report["overall"]["percent"] is None and report["overall"]["open"]["shown_outside"] is True
            [gate] = [gate for gate in report["gates"]["checks"] if gate["gate"] == "--fail-under"]
            assert gate["passed"] and gate["reason"].startswith("no answer given could be scored"), gate
            text = run("report", answers, "--rubric", CLOSED_FOLLOW_UP, "-f", "text", "-o", "-", cwd=tmp_path)
            assert "no answer given could be scored, so the verdict and the gates read the range" in " ".join(
                text.stdout.replace("│", " ").split()
            )
    assert verdicts == {"no": ("ok", 0), "yes": ("ok", 0)}
