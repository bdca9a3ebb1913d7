"""Found by an outside reviewer on 2026-11-28 (second round); each checked to fail before its fix.
Expected positions and words were written before civdata was run.
"""

from __future__ import annotations

import html
import os
import pty
import re
import subprocess
from pathlib import Path

from tests.conftest import MINI_RUBRIC, ROOT, civdata_command, civdata_in, problem_lines, unwrapped

EXAMPLES = ROOT / "examples"


def run(cwd: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return civdata_in(cwd, *args)


# --- 1. A value reached through an alias is located at the alias --------------------------------

ANSWERS_HEAD = (
    "format: 1\nrubric: {id: mini, version: 1.2.0}\ninitiative: Clinic\n"
    'respondent: {name: Lena, role: lead}\ndate: "2026-11-01"\nanswers:\n'
)


def _problems(tmp_path: Path, answers: str, *args: object) -> list[str]:
    (tmp_path / "a.yaml").write_text(ANSWERS_HEAD + answers, encoding="utf-8")
    result = run(tmp_path, "report", "a.yaml", "-r", MINI_RUBRIC, "-q", "-o", "r.md", *args)
    assert result.returncode == 2, result.stderr
    return problem_lines(result.stderr)


def test_an_answer_given_by_an_alias_is_wrong_where_the_alias_is(tmp_path: Path) -> None:
    # `voice: &v consulted` is a valid answer on line 7; `sensitive: *v` on line 8 is the mistake,
    # and the problem pointed at line 7, column 10 (the anchor).
    problems = _problems(tmp_path, "  voice: &v consulted\n  sensitive: *v\n  safeguards: [dpia]\n")
    assert len(problems) == 1, problems
    assert problems[0].startswith("a.yaml:8:14: 'consulted' is not an answer to 'sensitive'"), problems


def test_an_alias_inside_a_list_is_where_its_problem_is(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "  voice: &v consulted\n  safeguards: [dpia, *v]\n")
    assert len(problems) == 1, problems
    assert problems[0].startswith("a.yaml:8:22: "), problems
    assert "'consulted'" in problems[0], problems


def test_a_value_inside_an_aliased_mapping_is_located_at_the_alias(tmp_path: Path) -> None:
    # threat-model's answer, written with a note, is valid; given to voice, its value "no" is not
    # an answer to voice: the line to change is voice's, where the alias is.
    answers = '  sensitive: "yes"\n  threat-model: &n {value: "no", note: ran out of time}\n  voice: *n\n'
    problems = _problems(tmp_path, answers + "  safeguards: [dpia]\n")
    assert len(problems) == 1, problems
    assert problems[0].startswith("a.yaml:9:10: "), problems
    assert "'voice'" in problems[0], problems


def test_a_merge_key_is_refused_at_itself_not_at_what_it_merges(tmp_path: Path) -> None:
    answers = '  sensitive: "yes"\n  threat-model: &n {value: "no"}\n  voice: {<<: *n}\n  safeguards: [dpia]\n'
    problems = _problems(tmp_path, answers)
    assert [line.split(": ", 1)[0] for line in problems] == ["a.yaml:9:11"], problems
    assert "merge keys (<<) are not supported" in problems[0], problems


def test_a_rubric_value_given_by_an_alias_is_wrong_where_the_alias_is(tmp_path: Path) -> None:
    # The area's id `people` is valid as an area's; as the question of a condition it names no
    # question, and the problem belongs to the condition's line.
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    text = text.replace("  - id: people\n", "  - id: &area people\n", 1)
    text = text.replace("when: {question: sensitive,", "when: {question: *area,", 1)
    (tmp_path / "rubric.yaml").write_text(text, encoding="utf-8")
    alias_line = next(number for number, line in enumerate(text.splitlines(), 1) if "*area" in line)
    alias_column = text.splitlines()[alias_line - 1].index("*area") + 1
    result = run(tmp_path, "rubric", "validate", "rubric.yaml")
    assert result.returncode == 2, result.stderr
    problems = problem_lines(result.stderr)
    assert problems, result.stderr
    assert all(line.startswith(f"rubric.yaml:{alias_line}:{alias_column}: ") for line in problems), problems


def test_an_annotation_of_a_problem_through_an_alias_is_at_the_alias(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        ANSWERS_HEAD + "  voice: &v consulted\n  sensitive: *v\n  safeguards: [dpia]\n", encoding="utf-8"
    )
    result = run(tmp_path, "report", "a.yaml", "-r", MINI_RUBRIC, "--annotations", "github", "-q", "-o", "r.md")
    assert result.returncode == 2, result.stderr
    commands = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    assert len(commands) == 1, result.stderr
    assert "file=a.yaml,line=8,col=14" in commands[0], commands


def test_a_finding_raised_through_an_alias_is_annotated_at_its_answer(tmp_path: Path) -> None:
    # The positions of findings (for CI annotations) are those of the answers' keys: an answer
    # given by an alias is annotated at its own line (8), not at the anchor's (7).
    answers = '  comments: &y "yes"\n  sensitive: *y\n  threat-model: "no"\n  voice: consulted\n  safeguards: [dpia]\n'
    (tmp_path / "a.yaml").write_text(ANSWERS_HEAD + answers, encoding="utf-8")
    result = run(tmp_path, "report", "a.yaml", "-r", MINI_RUBRIC, "--annotations", "github", "-q", "-o", "r.md")
    assert result.returncode == 0, result.stderr
    command = next(line for line in result.stderr.splitlines() if "no threat model::" in line)
    assert command.startswith("::error file=a.yaml,line=8,col=3,"), command


# --- 2. Every format of a history has the same rows ---------------------------------------------

HISTORY_REPORTS = (
    EXAMPLES / "county-justice" / "lead-report.json",
    EXAMPLES / "county-justice-three-months-later" / "progress-report.json",
)


def _markdown_rows(markdown: str) -> list[list[str]]:
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and not re.fullmatch(r"[|:\- ]+", line)]
    return [[cell.strip().strip("*") for cell in row.strip("|").split("|")] for row in rows]


def _on_a_terminal(cwd: Path, *args: object) -> str:
    """What civdata prints with its standard output on a terminal (a pseudo-terminal), as text."""
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1"}
    command = [*civdata_command(), *(str(arg) for arg in args)]
    with subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=follower, env=env) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed: civdata has exited
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_history_as_text_has_every_row_of_the_markdown_one(tmp_path: Path) -> None:
    # Markdown and HTML had "Rubric version" and "Report" rows and said what rubric the history is
    # lined up against; the text file and the terminal had none of it.
    markdown = run(tmp_path, "history", *HISTORY_REPORTS, "-q", "-o", "h.md")
    text = run(tmp_path, "history", *HISTORY_REPORTS, "-q", "-o", "h.txt")
    for result in (markdown, text):
        assert result.returncode == 0, result.stderr
    terminal = _on_a_terminal(tmp_path, "history", *HISTORY_REPORTS, "-q")
    rows = _markdown_rows((tmp_path / "h.md").read_text(encoding="utf-8"))
    names = [row[0] for row in rows[1:]]
    assert "Rubric version" in names and "Report" in names, names
    page = unwrapped((tmp_path / "h.md").read_text(encoding="utf-8"))
    intro = next(line for line in page.splitlines() if " assessments against " in line)
    for shown in ((tmp_path / "h.txt").read_text(encoding="utf-8"), terminal):
        lines = shown.splitlines()
        assert intro.replace("`", "") in " ".join(shown.split()), shown
        for row in rows[1:]:
            pattern = r"\s+".join(re.escape(cell) for cell in row)
            assert any(re.fullmatch(pattern, line.strip()) for line in lines), (row, shown)


def test_a_history_in_html_has_the_rows_of_the_markdown_one_in_the_same_order(tmp_path: Path) -> None:
    for name in ("h.md", "h.html"):
        assert run(tmp_path, "history", *HISTORY_REPORTS, "-q", "-o", name).returncode == 0
    rows = _markdown_rows((tmp_path / "h.md").read_text(encoding="utf-8"))
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    names = [html.unescape(re.sub("<[^>]+>", "", name)) for name in re.findall(r'<th scope="row">(.*?)</th>', page)]
    assert names == [row[0] for row in rows[1:]], names


# --- 3. A kept JSON report is told of as JSON ---------------------------------------------------


def _kept_report(tmp_path: Path, change: str) -> Path:
    text = (EXAMPLES / "county-justice" / "lead-report.json").read_text(encoding="utf-8")
    match = re.search(r'"percent": [0-9.]+', text)
    assert match is not None
    changed = {
        "duplicate": text[: match.end()] + ', "percent": 99' + text[match.end() :],
        "nan": text[: match.start()] + '"percent": NaN' + text[match.end() :],
        "infinity": text[: match.start()] + '"percent": -Infinity' + text[match.end() :],
    }[change]
    path = tmp_path / f"{change}.json"
    path.write_text(changed, encoding="utf-8")
    return path


def _baseline_problems(tmp_path: Path, baseline: Path) -> list[str]:
    now = EXAMPLES / "county-justice-three-months-later" / "lead.yaml"
    result = run(tmp_path, "report", now, "--baseline", baseline.name, "-q", "-f", "json", "-o", "r.json")
    assert result.returncode == 2, result.stderr
    return problem_lines(result.stderr)


def test_a_duplicate_key_in_a_json_report_is_told_of_as_json(tmp_path: Path) -> None:
    problems = _baseline_problems(tmp_path, _kept_report(tmp_path, "duplicate"))
    assert len(problems) == 1, problems
    # Line 30 since 2026-11-29: the verdict above gained two lines (verdict.held_back_by_answers, _by_coverage).
    assert problems[0].startswith("duplicate.json:30:22: duplicate key 'percent' (first written on line 30); "), (
        problems
    )
    assert "JSON" in problems[0] and "YAML" not in problems[0], problems


def test_nan_and_infinity_in_a_json_report_are_told_of_as_numbers_json_has_not(tmp_path: Path) -> None:
    # NaN was "'percent' must be a number or blank, not text": it is not text to whoever wrote it.
    for change, written in (("nan", "NaN"), ("infinity", "-Infinity")):
        problems = _baseline_problems(tmp_path, _kept_report(tmp_path, change))
        assert len(problems) == 1, problems
        # Line 30 since 2026-11-29: the verdict above gained two lines (verdict.held_back_by_answers, _by_coverage).
        assert problems[0].startswith(f"{change}.json:30:16: {written} is not a number JSON allows"), problems
        # Not told it is text; the advice names text in quotes as one thing a field may hold
        # (2026-11-28, adversarial review: NaN in a text field was told to become a number).
        assert "not text" not in problems[0] and "YAML" not in problems[0], problems


def test_nan_in_a_yaml_file_is_still_text_as_yaml_reads_it(tmp_path: Path) -> None:
    # Only in a JSON document is an unquoted NaN a number gone wrong: in YAML it is the text NaN.
    problems = _problems(tmp_path, "  voice: NaN\n  safeguards: [dpia]\n")
    assert len(problems) == 1 and problems[0].startswith("a.yaml:7:10: 'NaN' is not an answer to 'voice'"), problems


# --- 4. ##[ is broken up in the properties of a workflow command too -----------------------------


def test_an_annotation_title_breaks_up_the_old_command_syntax(tmp_path: Path) -> None:
    # The message had `#\x23[error]`, the title= property `##[error]` raw.
    text = MINI_RUBRIC.read_text(encoding="utf-8")
    old = "title: Data subjects have no voice,"
    assert old in text
    (tmp_path / "rubric.yaml").write_text(text.replace(old, 'title: "Data subjects ##[error]have no voice",'), "utf-8")
    (tmp_path / "a.yaml").write_text(
        ANSWERS_HEAD + '  sensitive: "no"\n  voice: none\n  safeguards: [dpia]\n', encoding="utf-8"
    )
    result = run(tmp_path, "report", "a.yaml", "-r", "rubric.yaml", "--annotations", "github", "-q", "-o", "r.md")
    assert result.returncode == 0, result.stderr
    command = next(line for line in result.stderr.splitlines() if "have no voice" in line)
    assert "title=high%3A Data subjects #\\x23[error]have no voice::" in command, command
    assert "##[" not in result.stderr, result.stderr
