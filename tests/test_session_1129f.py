"""Fixes of the session of 2026-11-29 (sixth): each test was written before its fix and seen to fail."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from civdata import report_seal
from civdata.inputs import AnswerStream, load_rubric_spec
from civdata.render.common import number
from civdata.reporting import build_report
from tests.conftest import ROOT

RUBRIC_ID = "civil-society-data-readiness"


def _write_people(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` synthetic answers files, as the benchmark writes them."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_combine import write_answers

    write_answers(load_rubric_spec(RUBRIC_ID), folder, count, seed)
    return sorted(folder.glob("*.yaml"))


#: Run in a Python of its own, so that what other tests left cached in this one is not measured:
#: the most memory Python held (allocations traced, not timed) while making the report on the
#: answers files ``now`` alone, reading the baseline ``then``, and making the report compared with it.
MEASURE = """
import gc, json, sys, tracemalloc
from pathlib import Path
from civdata.baseline import Baseline, read_baseline
from civdata.inputs import AnswerStream, load_rubric_spec
from civdata.reporting import build_report

now, then = (sorted(Path(folder).glob("*.yaml")) for folder in sys.argv[1:3])
rubric = load_rubric_spec("civil-society-data-readiness")

def plain():
    return build_report(rubric, AnswerStream(now, None))

def read():
    return read_baseline(then, rubric, None, lang=None)

def compared():
    built = build_report(rubric, AnswerStream(now, None), baseline=Baseline(read(), "then"))
    assert built.model.progress is not None and not built.model.detail
    return built

compared()  # once untraced: the modules a comparison imports, and what they cache, are not its memory
peaks = {}
for name, call in {"plain": plain, "read": read, "compared": compared}.items():
    gc.collect()
    tracemalloc.start()
    call()
    peaks[name] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
print(json.dumps(peaks))
"""


def test_comparing_with_a_baseline_of_answers_keeps_what_it_compares_not_every_assessment(tmp_path: Path) -> None:
    """`--baseline` on a large consultation kept every whole assessment of both sides, and every
    baseline file parsed with the place of each value: 193 MiB at 500 respondents where the report
    alone takes 40, and 512 MiB at 5,000 (the review of issue 10). The comparison needs each
    person's answers, so its memory is the report's and a share more, not a multiple of it."""
    _write_people(tmp_path / "now", 100, 7)
    _write_people(tmp_path / "then", 100, 8)
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tmp_path / "now"), str(tmp_path / "then")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    peaks = json.loads(done.stdout)
    # Measured with 100 people then and now (Python 3.11): reading the baseline 1.73x the report's
    # peak and the whole comparison 2.30x; 3.87x and 3.86x before; 3.73x and 3.72x with every
    # baseline file kept parsed; 2.28x and 2.91x with every assessment kept.
    assert peaks["read"] < 2.0 * peaks["plain"], {name: peak >> 10 for name, peak in peaks.items()}
    # Python 3.13 takes less for the report alone and the same for the comparison: 1.72x and 2.76x
    # there (3.79x and 3.79x before), so its bound is its own (the review of environments).
    bound = 2.9 if sys.version_info >= (3, 13) else 2.6
    assert peaks["compared"] < bound * peaks["plain"], {name: peak >> 10 for name, peak in peaks.items()}


def test_the_text_report_gives_each_large_role_its_median_and_middle_half(tmp_path: Path) -> None:
    """The Markdown, HTML and JSON reports give a role of more than a handful of people the spread
    of its scores; the text report gave only each role's mean (the review of issue 10)."""
    from tests.test_ci_review_1129 import run

    _write_people(tmp_path / "many", 42, 3)  # seven in each of the six roles
    _write_people(tmp_path / "few", 12, 3)  # two in each
    many = run("report", "many", "-f", "text", cwd=tmp_path)
    assert many.returncode == 0, many.stderr
    built = build_report(load_rubric_spec(RUBRIC_ID), AnswerStream(sorted((tmp_path / "many").glob("*.yaml")), None))
    lines = many.stdout.splitlines()
    assert any("Median (middle half)" in line for line in lines), many.stdout
    for role in built.model.roles:
        spread = role.distributions["stakeholders-and-power"]
        assert spread is not None
        # median (lower quartile-upper quartile), on the role's line under the area
        shown = f"{number(spread.median)} ({number(spread.lower_quartile)}-{number(spread.upper_quartile)})"
        assert any(line.strip().startswith(f"{role.role.label} (7)") and shown in line for line in lines), shown
    assert "the middle half of the role's scores" in re.sub(r"\s+", " ", many.stdout)
    few = run("report", "few", "-f", "text", cwd=tmp_path)
    assert few.returncode == 0 and "Median (middle half)" not in few.stdout, few.stdout


@pytest.mark.parametrize("rubric_file", sorted((ROOT / "rubrics").glob("*.yaml")), ids=lambda path: path.stem)
def test_every_finding_id_a_rubric_can_raise_is_read_back_as_what_raised_it(rubric_file: Path) -> None:
    """A comparison with an earlier report has its findings' ids only; they were read by splitting
    at ':' and comparing with bare strings in nine places of progress.py (the review of issue 10).
    One function reads them now, and reads every id that the functions writing them give."""
    from civdata.model import option_finding_id, rule_finding_id
    from civdata.results import FindingKind, divergence_finding_id, finding_subject, missing_voice_id
    from civdata.rubric_loader import load_rubric

    rubric = load_rubric(rubric_file)
    for question in rubric.questions:
        assert finding_subject(divergence_finding_id(question.id)) == (FindingKind.DIVERGENCE, question.id)
        for option in question.options:
            found = finding_subject(option_finding_id(question.id, option.value))
            assert found == (FindingKind.ANSWER, question.id)
    for rule in rubric.rules:
        assert finding_subject(rule_finding_id(rule.id)) == (FindingKind.RULE, rule.id)
    for role in rubric.roles:
        assert finding_subject(missing_voice_id(role.id)) == (FindingKind.ROLE, role.id)
    # A question may be named after a kind that no finding's id starts with: its findings are its own.
    assert finding_subject(option_finding_id("answer", "yes")) == (FindingKind.ANSWER, "answer")


def _combined_baseline(tmp_path: Path) -> Path:
    """The county example's combined JSON report, written without --detail (the default): it holds
    no answers, so nothing in it can be scored again."""
    done = run_civdata("report", ROOT / "examples" / "county-justice", "-q", "-o", "then.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "then.json"


def run_civdata(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    from tests.test_ci_review_1129 import run

    return run(*args, cwd=cwd)


NOW = ROOT / "examples" / "county-justice-three-months-later"


def test_a_combined_baseline_edited_by_hand_is_refused_where_its_seal_is(tmp_path: Path) -> None:
    """A combined report written without --detail holds no answers to score again, and one whose
    overall score was lowered by hand was compared as written, exit 0 (the review of the day's
    changes, 2026-11-29). Every JSON report now carries a seal of its content."""
    baseline = _combined_baseline(tmp_path)
    text = baseline.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["content_sha256"] == report_seal.seal(data) and list(data)[-1] == "content_sha256"
    edited, count = re.subn(r'("overall": \{\n    "percent": )[0-9.]+', r"\g<1>20.0", text)
    assert count == 1
    baseline.write_text(edited, encoding="utf-8")
    done = run_civdata(
        "report", NOW, "--baseline", "then.json", "--fail-on-regression", "scores", "-o", "r.md", cwd=tmp_path
    )
    assert done.returncode == 2, done.stderr
    lines = text.splitlines()
    line = next(number for number, written in enumerate(lines, 1) if written.startswith('  "content_sha256": "'))
    column = len('  "content_sha256": ') + 1  # at the seal written
    assert done.stderr.startswith(f"then.json:{line}:{column}: the report's content is not what civdata wrote"), (
        done.stderr
    )
    assert not (tmp_path / "r.md").exists()
    later = run_civdata("report", NOW, "-q", "-o", "now.json", cwd=tmp_path)
    assert later.returncode == 0, later.stderr
    history = run_civdata("history", "then.json", "now.json", cwd=tmp_path)
    assert history.returncode == 2 and "no longer matches it" in history.stderr, history.stderr


def test_a_sealed_report_laid_out_otherwise_is_compared_and_one_without_a_seal_is_warned_of(tmp_path: Path) -> None:
    """The seal is of the content, not of the bytes: a report indented and sorted by another tool
    is still civdata's. A report without a seal (written before civdata sealed them, or with it
    taken out) is compared as written, and the run says that an edit cannot be told."""
    baseline = _combined_baseline(tmp_path)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    baseline.write_text(json.dumps(data, indent=4, sort_keys=True), encoding="utf-8")
    done = run_civdata("report", NOW, "--baseline", "then.json", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "content_sha256" not in done.stderr
    del data["content_sha256"]
    baseline.write_text(json.dumps(data), encoding="utf-8")
    done = run_civdata("report", NOW, "--baseline", "then.json", "-o", "r2.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "civdata: warning: then.json holds no content_sha256" in done.stderr
    assert "an edit since it was written cannot be told" in re.sub(r"\s+", " ", done.stderr)


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("examples/**/*.json")), ids=lambda path: str(path.relative_to(ROOT / "examples"))
)
def test_every_json_report_in_the_examples_carries_the_seal_of_its_content(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    if "report_format" in data:
        assert data["content_sha256"] == report_seal.seal(data)


def _register_rubric(folder: Path) -> None:
    """The tiny rubric of the review of combined verdicts, whose "Ready" also needs the data listed
    in a public register (a question that scores nothing)."""
    from tests.test_session_1129e import TINY

    rubric = TINY.replace(
        "verdicts:\n  - {id: ready, label: Ready, min_score: 75, max_severity: medium, min_coverage: 50}",
        "      - id: register\n        title: Public register\n"
        "        prompt: Is the data listed in a public register?\n"
        "        type: yes_no\n        weight: 0\n"
        '        options:\n          - {value: "yes"}\n          - {value: "no"}\n'
        "verdicts:\n  - {id: ready, label: Ready, min_score: 75, max_severity: medium, min_coverage: 50,"
        ' when: {question: register, equals: "yes"}}',
    )
    assert "when: {question: register" in rubric
    (folder / "tiny.yaml").write_text(rubric, encoding="utf-8")


def _answers(folder: Path, role: str, register: str | None) -> str:
    given = "" if register is None else f'  register: "{register}"\n'
    (folder / f"{role}.yaml").write_text(
        "format: 1\nrubric: {id: tiny, version: 1.0.0}\ninitiative: Hub\n"
        f"respondent: {{role: {role}, name: {role.title()}, organisation: A}}\n"
        f'answers:\n  basics: "yes"\n  complaints: data-route\n{given}',
        encoding="utf-8",
    )
    return f"{role}.yaml"


@pytest.mark.parametrize(
    ("lead", "community", "verdict", "held"),
    [
        ("yes", "yes", "ready", None),  # everyone answered alike: the band is given
        ("yes", "no", "conditional", "ready"),  # not alike: held back, and said why
        ("no", "no", "conditional", None),  # alike, and it does not hold: nothing is held back
        ("yes", None, "conditional", "ready"),  # a blank could be any answer
    ],
)
def test_a_band_held_back_by_answers_that_only_may_hold_says_so_beside_the_verdict(
    tmp_path: Path, lead: str, community: str | None, verdict: str, held: str | None
) -> None:
    """A combined report on a rubric whose "Ready" tests an answer gave "Ready with conditions",
    every other condition met, and said nothing of why: a team gating on the verdict could not
    find out what stood in its way (the review of combined verdicts, 2026-11-29). Expectations
    written before the change."""
    _register_rubric(tmp_path)
    files = [_answers(tmp_path, "lead", lead), _answers(tmp_path, "community", community)]
    done = run_civdata("report", *files, "-r", "tiny.yaml", "-q", "-o", "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (report["verdict"]["id"], report["verdict"]["held_back_by_answers"]) == (verdict, held)
    for format_name in ("markdown", "text", "html"):
        shown = run_civdata("report", *files, "-r", "tiny.yaml", "-q", "-f", format_name, cwd=tmp_path).stdout
        said = "its condition on the answers" in re.sub(r"[\s│]+", " ", shown)  # the text report's box too
        assert said == (held is not None), (format_name, shown)
    if held is not None:
        markdown = run_civdata("report", *files, "-r", "tiny.yaml", "-q", "-f", "markdown", cwd=tmp_path).stdout
        assert (
            "Held back: not “Ready”, whose other conditions the answers given meet: its condition on the answers "
            "(“Public register” (register) is “Yes”) is not known to hold for every respondent"
        ) in re.sub(r"\s+", " ", markdown)


def test_one_respondent_s_blank_that_holds_a_band_back_is_said_to_be_one(tmp_path: Path) -> None:
    _register_rubric(tmp_path)
    done = run_civdata("report", _answers(tmp_path, "lead", None), "-r", "tiny.yaml", "-f", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        "its condition on the answers (“Public register” (register) is “Yes”) is not known to hold: an answer it "
        "tests is “I don't know” or left blank, which could be any answer. Settle those answers to settle the verdict."
    ) in re.sub(r"\s+", " ", done.stdout)


def _lead_alone(folder: Path, rubric: str, answers: str) -> dict[str, object]:
    """The JSON report on the lead alone (``answers``, lines under ``answers:``) with ``rubric``,
    each written as a file in ``folder`` (tiny.yaml and lead.yaml)."""
    (folder / "tiny.yaml").write_text(rubric, encoding="utf-8")
    (folder / "lead.yaml").write_text(
        "format: 1\nrubric: {id: tiny, version: 1.0.0}\ninitiative: Hub\n"
        f"respondent: {{role: lead, name: Dana, organisation: A}}\nanswers:\n{answers}",
        encoding="utf-8",
    )
    done = run_civdata("report", "lead.yaml", "-r", "tiny.yaml", "-f", "json", cwd=folder)
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


def test_a_blank_both_tested_by_a_band_and_leaving_the_score_open_is_said_to_hold_it_back(tmp_path: Path) -> None:
    """A blank that a better band's `when` tests, and that leaves the score open too: each
    explanation left the case to the other, and the report said nothing beside "Ready with
    conditions" at 100/100 (the review of the day's changes, 2026-11-29)."""
    from tests.test_session_1129e import TINY

    rubric = TINY.replace(
        "{id: ready, label: Ready, min_score: 75, max_severity: medium, min_coverage: 50}",
        "{id: ready, label: Ready, min_score: 75, max_severity: medium, min_coverage: 50,"
        ' when: {question: basics, equals: "yes"}}',
    )
    report = _lead_alone(tmp_path, rubric, "  complaints: data-route\n")
    # Answered at its worst, the blank takes the score below "Ready with conditions" too: both
    # bands are held back, each said once, each for its own reason.
    assert (report["overall"]["percent"], report["verdict"]["id"]) == (100.0, "not-ready")
    assert report["verdict"]["held_back_by_answers"] == "ready"
    assert report["overall"]["open"]["held_back"] == "conditional"
    markdown = re.sub(r"\s+", " ", run_civdata("report", "lead.yaml", "-r", "tiny.yaml", cwd=tmp_path).stdout)
    assert "Held back: not “Ready”, whose other conditions the answers given meet" in markdown
    assert "Held back: not “Ready with conditions”, which the score shown alone would give" in markdown


def _whole_numbers_as_jq_writes_them(value: object) -> object:
    """``value`` as jq and JavaScript write it back: a whole number without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_numbers_as_jq_writes_them(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers_as_jq_writes_them(item) for item in value]
    return value


def test_a_report_rewritten_by_jq_or_javascript_keeps_its_seal(tmp_path: Path) -> None:
    """`jq .`, `jq -S .` and JavaScript's JSON.stringify write 100.0 as 100: a report passed through
    them was refused as edited, and nothing but the old answers could make it again (the review of
    the day's changes). The seal is of the content, whole numbers written either way."""
    baseline = _combined_baseline(tmp_path)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert any(isinstance(area["percent"], float) for area in data["areas"])
    rewritten = _whole_numbers_as_jq_writes_them(data)
    assert json.dumps(rewritten) != json.dumps(data)
    baseline.write_text(json.dumps(rewritten, sort_keys=True, indent=2), encoding="utf-8")
    done = run_civdata("report", NOW, "--baseline", "then.json", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "content_sha256" not in done.stderr


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_jq_itself_keeps_the_seal(tmp_path: Path) -> None:
    baseline = _combined_baseline(tmp_path)
    for jq in (["jq", "."], ["jq", "-S", "."]):
        written = subprocess.run([*jq, str(baseline)], capture_output=True, text=True, check=True).stdout
        (tmp_path / "jq.json").write_text(written, encoding="utf-8")
        done = run_civdata("report", NOW, "--baseline", "jq.json", "-o", "r.md", cwd=tmp_path)
        assert done.returncode == 0 and "content_sha256" not in done.stderr, (jq, done.stderr)
        (tmp_path / "r.md").unlink()
        (tmp_path / "r.areas.svg").unlink(missing_ok=True)
        (tmp_path / "r.progress.svg").unlink(missing_ok=True)


def test_a_report_edited_by_hand_on_standard_input_is_told_so(tmp_path: Path) -> None:
    """Given on standard input, an edited report was read again as answers, and refused for giving
    standard input twice, which says nothing of what is wrong (the review of the day's changes)."""
    baseline = _combined_baseline(tmp_path)
    edited = re.sub(r'("overall": \{\n    "percent": )[0-9.]+', r"\g<1>20.0", baseline.read_text(encoding="utf-8"))
    done = subprocess.run(
        [sys.executable, "-m", "civdata", "report", str(NOW), "--baseline", "-", "-o", str(tmp_path / "r.md")],
        input=edited,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    # Placed at the seal since the next session (it was told without a place: standard input
    # cannot be read again to place it, and the place is now found in the bytes already read).
    seal_line = next(number for number, line in enumerate(edited.splitlines(), 1) if '"content_sha256"' in line)
    assert done.stderr.startswith(f"<stdin>:{seal_line}:21: the report's content is not what civdata wrote"), (
        done.stderr
    )
    assert not (tmp_path / "r.md").exists()


def test_a_band_held_back_by_the_questions_left_blank_says_so_beside_the_verdict(tmp_path: Path) -> None:
    """A band whose min_coverage the questions left blank keep the answers from was held back with
    nothing beside the verdict to say so (the review of the day's changes, 2026-11-29)."""
    from tests.test_session_1129e import TINY

    rubric = TINY.replace("max_severity: medium, min_coverage: 50}", "max_severity: medium, min_coverage: 90}")
    assert "min_coverage: 90" in rubric
    verdict = _lead_alone(tmp_path, rubric, '  basics: "yes"\n')["verdict"]
    assert (verdict["id"], verdict["held_back_by_coverage"], verdict["held_back_by_answers"]) == (
        "conditional",
        "ready",
        None,
    )
    markdown = re.sub(r"\s+", " ", run_civdata("report", "lead.yaml", "-r", "tiny.yaml", cwd=tmp_path).stdout)
    assert (
        "Held back: not “Ready”, whose other conditions the answers given meet: it needs 90% of the required "
        "questions that apply answered, and 50% are. Settle those answers to settle the verdict."
    ) in markdown
