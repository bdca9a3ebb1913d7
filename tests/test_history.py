"""`civdata history` as a team meets it when a report is not what the others are: an assessment
left incomplete, a JSON report edited by hand, a history or a Markdown report given back to it, a
rubric older than the reports, a renamed initiative, a folder, and reports in another language.

Every expectation is written from docs/progress.md ("History: `civdata history`").
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, civdata_command, resealed, resealed_text, unwrapped

BEFORE = ROOT / "examples" / "county-justice" / "lead.yaml"
AFTER = ROOT / "examples" / "county-justice-three-months-later" / "lead.yaml"
UPGRADE = FIXTURES / "upgrade"
AIA = ROOT / "examples" / "rubrics" / "aia-style-impact.yaml"
AIA_ANSWERS = ROOT / "examples" / "rubrics" / "answers"
FUNDING = "Funding, sustainability and lifecycle"


def run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
        env=env,
    )


def report(answers: Path, target: Path, *args: str | Path) -> Path:
    result = run("report", answers, *args, "-o", target)
    assert result.returncode == 0, result.stderr
    return target


def without_area(answers: Path, area_title: str, date: str, target: Path) -> Path:
    """``answers`` dated ``date`` with every answer of one area taken out, saved as JSON answers."""
    from civdata.inputs import load_rubric_spec

    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    rubric = load_rubric_spec(data["rubric"]["id"])
    area = next(area for area in rubric.areas if area.title == area_title)
    for question in area.questions:
        data["answers"].pop(question.id, None)
    data["date"] = date
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def row(markdown: str, name: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {name} |"))


# --- 1. An incomplete point is the one marked ----------------------------------------------------


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("county")
    first = report(BEFORE, folder / "r1.json")
    second = report(AFTER, folder / "r2.json")
    partial = without_area(AFTER, FUNDING, "2027-07-10", folder / "later.json")
    return first, second, report(partial, folder / "r4.json")


def test_an_overall_score_of_fewer_areas_is_the_one_marked(county: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """The newest report left an area blank: its overall score averages four areas, the others
    five. Only it is marked, with that reason; the complete ones, of the same rubric version, are
    never said to be not comparable with their own version, and stay in the picture."""
    out = tmp_path / "h.md"
    result = run("history", *county, "-o", out)
    assert result.returncode == 0, result.stderr
    text = unwrapped(out.read_text(encoding="utf-8"))
    assert re.fullmatch(r"\| \*\*Overall\*\* \| 55\.5 \| 58 \| [0-9.]+\* \|", row(text, "**Overall**"))
    assert "cannot be set beside those of rubric" not in text
    assert f"averages 4 of 5 areas; {FUNDING} left blank" in text
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", (tmp_path / "h.history.svg").read_text(encoding="utf-8"), re.S)
    assert desc is not None
    assert "Overall: 55.5 on 2026-10-14, 58 on 2027-01-14," in desc.group(1)
    overall = desc.group(1).split("Overall:")[1]
    # The newest overall score exists; it is left out of the lines for being marked, and the
    # description says so, not that no answer was counted then.
    assert re.search(r"not drawn on 2027-07-10 \([0-9.]+\*, marked", overall), overall
    assert "no answer counted on 2027-07-10" not in overall
    assert run("history", *county, "-o", tmp_path / "h.json").returncode == 0
    points = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))["points"]
    assert [point["scores"]["overall"]["comparable"] for point in points] == [True, True, False]
    assert points[2]["scores"]["overall"]["reason"] == f"averages 4 of 5 areas; {FUNDING} left blank"


def test_an_incomplete_point_among_rubric_versions(tmp_path: Path) -> None:
    """1.0.0, then 1.1.0 complete, then 1.1.0 with People blank: the first is marked for the
    rubric's changes, the last for averaging one area of two; the complete 1.1.0 one is not."""
    old = report(UPGRADE / "lead-1.0.0.yaml", tmp_path / "m1.json", "-r", UPGRADE / "rubric-1.0.0.yaml")
    partial = (UPGRADE / "lead-1.1.0-partial.yaml").read_text(encoding="utf-8")
    complete = tmp_path / "complete.yaml"
    complete.write_text(
        partial.replace('"2026-05-20"', '"2026-09-14"').replace("  retention:\n", "  retention: 18\n"),
        encoding="utf-8",
    )
    later = tmp_path / "later.yaml"
    later.write_text(partial.replace('"2026-05-20"', '"2027-09-14"'), encoding="utf-8")
    rubric = ("-r", UPGRADE / "rubric-1.1.0.yaml")
    middle = report(complete, tmp_path / "m2.json", *rubric)
    newest = report(later, tmp_path / "m4.json", *rubric)
    result = run("history", old, middle, newest, *rubric, "-o", tmp_path / "h.json")
    assert result.returncode == 0, result.stderr
    points = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))["points"]
    overall = [point["scores"]["overall"] for point in points]
    assert [cell["comparable"] for cell in overall] == [False, True, False]
    assert "could not be compared" in overall[0]["reason"]
    assert overall[2]["reason"] == "averages 1 of 2 areas; People left blank"


# --- 2. Dates written by hand --------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2027-1-14", "14/01/2027", "2027-02-30"])
def test_a_report_dated_other_than_yyyy_mm_dd_is_a_located_problem(
    county: tuple[Path, Path, Path], tmp_path: Path, written: str
) -> None:
    first, second, _ = county
    edited = tmp_path / "edited.json"
    edited.write_text(second.read_text(encoding="utf-8").replace('"2027-01-14"', json.dumps(written)), "utf-8")
    lines = edited.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines, 1) if f'"answered_on": "{written}"' in line)
    column = lines[number - 1].index(f'"{written}"') + 1
    result = run("history", first, edited)
    assert result.returncode == 2
    problems = result.stderr.splitlines()
    assert problems[0].startswith(f"{edited}:{number}:{column}: 'answered_on' is '{written}'"), problems
    assert "YYYY-MM-DD" in problems[0]
    assert problems[-1] == "civdata: 1 problem found; nothing was written"


# --- 3. A history, a Markdown or an HTML report given back ---------------------------------------


def test_a_history_or_a_report_for_people_is_one_problem(county: tuple[Path, Path, Path], tmp_path: Path) -> None:
    first, second, _ = county
    for name in ("h.json", "h.md", "h.html", "h.txt"):
        assert run("history", first, second, "-o", tmp_path / name).returncode == 0
    report(BEFORE, tmp_path / "r1.md")
    report(BEFORE, tmp_path / "r1.html")
    report(BEFORE, tmp_path / "sum.md", "-f", "summary")
    expected = {
        "h.json": "this is a history (civdata history), not a JSON report; give the JSON reports it lines up",
        "h.txt": "this is a history (civdata history), not a JSON report; give the JSON reports it lines up",
        "sum.md": "this is a job summary (-f summary), which is for people to read, not a JSON report; give the "
        "JSON report",
        "h.md": "this is a history (civdata history), not a JSON report; give the JSON reports it lines up",
        "h.html": "this is a history (civdata history), not a JSON report; give the JSON reports it lines up",
        "r1.md": "this is a Markdown report, which is for people to read, not a JSON report; give the JSON report",
        "r1.html": "this is an HTML report, which is for people to read, not a JSON report; give the JSON report",
    }
    for name, start in expected.items():
        for args in (("history", first, tmp_path / name), ("report", AFTER, "--baseline", tmp_path / name)):
            result = run(*args)
            assert result.returncode == 2, (name, args[0])
            problems = result.stderr.splitlines()
            assert len(problems) == 2, (name, args[0], problems)
            assert problems[0].startswith(f"{tmp_path / name}:1:1: {start}"), problems
            assert "`civdata report ANSWERS -f json -o report.json`" in problems[0]
            assert problems[1] == "civdata: 1 problem found; nothing was written"


# --- 4. A rubric older than the reports ----------------------------------------------------------


def test_a_rubric_older_than_a_report_is_refused(tmp_path: Path) -> None:
    old = report(UPGRADE / "lead-1.0.0.yaml", tmp_path / "m1.json", "-r", UPGRADE / "rubric-1.0.0.yaml")
    newer = report(UPGRADE / "lead-1.1.0-partial.yaml", tmp_path / "m2.json", "-r", UPGRADE / "rubric-1.1.0.yaml")
    result = run("history", old, newer, "-r", UPGRADE / "rubric-1.0.0.yaml")
    assert result.returncode == 2
    lines = newer.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines, 1) if '"version": "1.1.0"' in line)
    problems = result.stderr.splitlines()
    assert re.match(rf"{re.escape(str(newer))}:{number}:\d+: ", problems[0]), problems
    assert "1.1.0" in problems[0] and "1.0.0" in problems[0] and "--rubric" in problems[0]
    assert problems[1:] == ["civdata: 1 problem found; nothing was written"]


# --- 5. -q, whole verdicts, a renamed initiative, a folder ---------------------------------------


def test_history_takes_q_as_every_command_does(county: tuple[Path, Path, Path], tmp_path: Path) -> None:
    loud = run("history", *county[:2], "-o", tmp_path / "loud.md")
    assert loud.returncode == 0 and "Wrote" in loud.stderr
    quiet = run("history", *county[:2], "-o", tmp_path / "quiet.md", "-q")
    assert (quiet.returncode, quiet.stderr) == (0, "")


def test_a_verdict_is_never_cut_in_text(county: tuple[Path, Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "h.txt"
    assert run("history", *county[:2], "-o", out).returncode == 0
    verdicts = next(line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("Verdict"))
    assert verdicts.count("Ready with conditions") == 2, verdicts


def test_a_renamed_initiative_is_told_where_it_is_named(county: tuple[Path, Path, Path], tmp_path: Path) -> None:
    first, second, _ = county
    renamed = tmp_path / "renamed.json"
    renamed.write_text(
        resealed_text(
            first.read_text(encoding="utf-8").replace(
                '"initiative": "Marlow County Reentry Data Collaborative"', '"initiative": "Marlow County Reentry Data"'
            )
        ),
        encoding="utf-8",
    )
    lines = renamed.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines, 1) if '"initiative": "Marlow County Reentry Data"' in line)
    column = lines[number - 1].index('"Marlow County Reentry Data"') + 1
    result = run("history", renamed, second)
    assert result.returncode == 2
    problems = result.stderr.splitlines()
    assert problems[0].startswith(f"{renamed}:{number}:{column}: "), problems
    assert problems[0].endswith("(or, if the initiative was renamed, correct its name where it is wrong)")
    assert problems[1:] == ["civdata: 1 problem found; nothing was written"]


def test_a_folder_is_refused_alone_or_with_files(county: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """docs/progress.md: history lines up JSON report files (`reports/*.json`), so a folder is one
    problem that says so, whether given alone or with files."""
    folder = tmp_path / "reps"
    folder.mkdir()
    for path in county[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    for args in ((folder,), (folder, county[2])):
        result = run("history", *args)
        assert result.returncode == 2, args
        assert result.stderr.splitlines()[0] == (
            f"{folder}: this is a folder; a history takes JSON report files: give those in it "
            f"(civdata history {folder}/*.json)"
        ), result.stderr


# --- 6. One language per document ----------------------------------------------------------------


@pytest.fixture(scope="module")
def aia(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("aia")
    made = {}
    for lang in ("en", "fr"):
        for level in ("low", "high"):
            target = report(AIA_ANSWERS / f"aia-{level}-impact.yaml", folder / f"{level}-{lang}.json", "-r", AIA)
            if lang == "fr":
                report(AIA_ANSWERS / f"aia-{level}-impact.yaml", target, "-r", AIA, "--lang", "fr")
            data = json.loads(target.read_text(encoding="utf-8"))
            data["initiative"] = "Emergency housing benefit eligibility engine"
            target.write_text(json.dumps(resealed(data), ensure_ascii=False, indent=2), encoding="utf-8")
            made[f"{level}-{lang}"] = target
    return made


def _verdict_labels(rubric_lang: str) -> set[str]:
    data = yaml.safe_load(AIA.read_text(encoding="utf-8"))
    return {verdict["label"][rubric_lang] for verdict in data["verdicts"]}


def test_a_history_of_french_reports_is_in_french(aia: dict[str, Path], tmp_path: Path) -> None:
    result = run("history", aia["low-fr"], aia["high-fr"], "-r", AIA, "-o", tmp_path / "h.json")
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert {point["verdict"] for point in document["points"]} <= _verdict_labels("fr")
    titles = yaml.safe_load(AIA.read_text(encoding="utf-8"))["areas"][0]["title"]
    assert document["lines"][0]["title"] == titles["fr"]


def test_a_history_of_reports_in_two_languages_is_in_one(aia: dict[str, Path], tmp_path: Path) -> None:
    mixed = run("history", aia["low-fr"], aia["high-en"], "-r", AIA, "-o", tmp_path / "mixed.json")
    assert mixed.returncode == 0, mixed.stderr
    points = json.loads((tmp_path / "mixed.json").read_text(encoding="utf-8"))["points"]
    assert {point["verdict"] for point in points} <= _verdict_labels("en")
    chosen = run("history", aia["low-fr"], aia["high-en"], "-r", AIA, "--lang", "fr", "-o", tmp_path / "fr.json")
    assert chosen.returncode == 0, chosen.stderr
    points = json.loads((tmp_path / "fr.json").read_text(encoding="utf-8"))["points"]
    assert {point["verdict"] for point in points} <= _verdict_labels("fr")
    unknown = run("history", aia["low-fr"], aia["high-en"], "-r", AIA, "--lang", "xx")
    assert unknown.returncode == 2
    assert "has no text in 'xx'" in unknown.stderr
    assert unknown.stderr == run("report", AIA_ANSWERS / "aia-low-impact.yaml", "-r", AIA, "--lang", "xx").stderr


def test_a_baseline_in_another_language_is_shown_in_the_reports(aia: dict[str, Path]) -> None:
    result = run(
        "report",
        AIA_ANSWERS / "aia-high-impact.yaml",
        "-r",
        AIA,
        "--lang",
        "fr",
        "--baseline",
        aia["low-en"],
        "-f",
        "json",
    )
    assert result.returncode == 0, result.stderr
    verdict = json.loads(result.stdout)["progress"]["verdict"]
    assert {verdict["before"], verdict["after"]} <= _verdict_labels("fr")


def test_history_to_dev_null_is_written_as_markdown_and_discarded(county: tuple[Path, Path, Path]) -> None:
    """docs/files-and-safety.md: for every command, -o /dev/null discards, and a device or pipe
    without a format-naming ending is written as Markdown (as when standard output is piped)."""
    result = run("history", *county[:2], "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert "cannot tell" not in result.stderr
    assert not Path("/dev/null.history.svg").exists()  # a device gets no picture beside it


def test_the_command_a_folder_is_refused_with_runs_as_printed(tmp_path: Path) -> None:
    """A folder whose name has a space or starts with a dash: the suggested command quotes the
    folder, and keeps the glob outside the quotes, where the shell expands it."""
    cases = [("my reports", "'my reports'/*.json"), ("-reps", "./-reps/*.json")]
    cases.append(("we\nird", "FOLDER/*.json, FOLDER being this folder, whose name cannot be printed here"))
    for name, suggested in cases:
        (tmp_path / name).mkdir()
        result = run("history", "--", name, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.splitlines()[0].endswith(f"(civdata history {suggested})"), result.stderr
