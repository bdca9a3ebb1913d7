"""Found by an outside review of hostile input (2026-11-27), each checked to fail before its fix.

- The noncharacters U+FFFE and U+FFFF, which a YAML file can hold through an escape, were written
  raw into the comments of files civdata writes (an import's answers files, a YAML plan, a
  template), which then no YAML reader, civdata included, would read.
- The CSV action plan carried terminal escapes and bidi controls raw from a rubric's text.
- A weight (or any number) too close to 0 to be held at full precision (``5e-324``) was taken,
  and multiplied by a share it became 0: the overall score fell below every area's.
- In HTML, a zero-width non-joiner beside U+FFFF stayed raw once U+FFFF was spelled out.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from tests.conftest import MINI_RUBRIC, civdata_command
from tests.payloads import raw_invisible

ANSWERS = MINI_RUBRIC.parent / "mini-answers.yaml"
CONSULTATION = Path(__file__).parent.parent / "examples" / "community-consultation" / "submissions.csv"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*civdata_command(), *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False, timeout=180
    )


def rubric_with(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rubric.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_template_of_a_rubric_with_a_noncharacter_reads_back(tmp_path: Path) -> None:
    rubric = rubric_with(tmp_path, "title: Sensitive data\n", 'title: "Sensitive\\ufffe data"\n')
    made = run("template", "-r", rubric, "-o", "t.yaml", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "t.yaml").read_text(encoding="utf-8")
    assert "Sensitive\\ufffe data" in text and not raw_invisible(text)
    assert yaml.safe_load(text)["answers"]["sensitive"] is None
    checked = run("check", "-r", rubric, "t.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_yaml_plan_of_an_initiative_with_a_noncharacter_is_read_back(tmp_path: Path) -> None:
    text = ANSWERS.read_text(encoding="utf-8")
    answers = tmp_path / "i.yaml"
    answers.write_text(
        "\n".join(
            'initiative: "Clinic \\uffff intake"' if line.startswith("initiative:") else line
            for line in text.splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    made = run(
        "report", "-q", "-r", MINI_RUBRIC, "i.yaml", "-f", "json", "-o", "then.json", "--plan", "p.yaml", cwd=tmp_path
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    plan = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert not raw_invisible(plan)
    yaml.safe_load(plan)
    again = run(
        "report", "-q", "-r", MINI_RUBRIC, "i.yaml", "--baseline", "then.json", "--baseline-plan", "p.yaml",
        "-o", "now.md", cwd=tmp_path,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr


def test_answers_imported_from_an_export_whose_name_has_a_noncharacter_are_read_back(tmp_path: Path) -> None:
    export = tmp_path / "sub\uffff.csv"
    shutil.copy(CONSULTATION, export)
    made = run("import", export.name, "-q", "-o", "out", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    written = sorted((tmp_path / "out").glob("*.yaml"))
    assert written
    for path in written:
        assert not raw_invisible(path.read_text(encoding="utf-8")), path
    reported = run("report", "out", "-q", "-o", "r.md", cwd=tmp_path)
    assert reported.returncode == 0, reported.stderr


def test_a_csv_plan_spells_out_terminal_escapes_and_bidi_controls(tmp_path: Path) -> None:
    old = "recommendation: Stop collecting until a threat model is written and reviewed with the community."
    rubric = rubric_with(tmp_path, old, 'recommendation: "\\x1b[2J\\x1b[HAll clear \\u202eevil\\u202c \\x9b31m red"')
    made = run("report", "-q", "-r", rubric, ANSWERS, "-o", "r.md", "--plan", "plan.csv", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    plan = (tmp_path / "plan.csv").read_text(encoding="utf-8")
    assert not raw_invisible(plan), raw_invisible(plan)
    assert "\\x1b[2J\\x1b[HAll clear \\u202eevil\\u202c \\x9b31m red" in plan


def test_a_weight_too_close_to_0_to_be_held_whole_is_refused_where_it_is(tmp_path: Path) -> None:
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(text.replace("    weight: 2\n", "    weight: 5e-324\n", 2), encoding="utf-8")
    lines = rubric.read_text(encoding="utf-8").splitlines()
    at = [number for number, line in enumerate(lines, 1) if line == "    weight: 5e-324"]
    assert len(at) == 2
    result = run("report", "-q", "-r", rubric, ANSWERS, "-f", "json", "-o", "-", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(rubric))]
    assert problems == [
        f"{rubric}:{line}:13: the number 5e-324 is too small to be told from 0; write 0 if 0 is meant; if it is "
        "meant as text, put it in quotes"  # as for 1e-400, which YAML reads as 0
        for line in at
    ]


def test_an_answer_too_close_to_0_to_be_held_whole_is_refused(tmp_path: Path) -> None:
    text = ANSWERS.read_text(encoding="utf-8")
    answers = tmp_path / "a.yaml"
    line = next(line for line in text.splitlines() if line.strip().startswith("months:"))
    answers.write_text(text.replace(line, line.split(":")[0] + ": 5e-324"), encoding="utf-8")
    result = run("report", "-q", "-r", MINI_RUBRIC, "a.yaml", "-o", "-", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "is too small to be told from 0; write 0 if 0 is meant" in result.stderr


def test_html_spells_out_a_joiner_beside_a_noncharacter(tmp_path: Path) -> None:
    text = ANSWERS.read_text(encoding="utf-8")
    answers = tmp_path / "z.yaml"
    answers.write_text(text.replace('"Nothing | more"', '"ab\\uffff\\u200c\\u0647c"'), encoding="utf-8")
    made = run("report", "-q", "-r", MINI_RUBRIC, "z.yaml", "-o", "z.html", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    page = (tmp_path / "z.html").read_text(encoding="utf-8")
    assert "ab\\uffff\\u200c\u0647c" in page
    assert not raw_invisible(page)
