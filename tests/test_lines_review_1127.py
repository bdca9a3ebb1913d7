"""Review of 2026-11-27: lines counted as git, editors, GitHub and GitLab count them, and broken
answers files that ``check`` let through as other tools' files.

What is attacked:

* A U+2028, U+2029, U+0085 or a carriage return without a line feed after it is a line break to
  YAML and to no one else. Inside quotes it is text, and every later ``file:line:col``,
  annotation, SARIF ``startLine`` and Code Quality line still counts lines ended by ``\\n`` (CRLF
  as one) and columns in characters of that line. Outside quotes (a comment, a plain value), or
  where it breaks the YAML, it is a problem at its own line and column that names it.
* ``civdata check`` (and so the pre-commit hook) tells a broken answers file by its keys whatever
  its line endings (CRLF, CR), indentation, byte order mark or document start, and reports its
  YAML mistake with exit 2; other tools' YAML files are still skipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from civdata.checking import NOT_CIVDATA
from tests.conftest import ROOT, civdata_command

LEAD = ROOT / "examples" / "county-justice" / "lead.yaml"
HEADER = (
    'format: 1\nrubric: {id: civil-society-data-readiness, version: "1.2.2"}\ninitiative: X\nrespondent: {role: lead}\n'
)
#: What every message about such a character says to do.
FIX = "replace it with a space or a real new line"


def run(args: list[object], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    return subprocess.run(
        [*civdata_command(), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment | (env or {}),
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("civdata: ")]


def physical_lines(text: str) -> list[str]:
    """The lines of ``text`` as git, editors, GitHub and GitLab show them."""
    return [line.removesuffix("\r") for line in text.split("\n")]


# --- 1. Lines as git and editors count them ------------------------------------------------------


@pytest.mark.parametrize("pasted", ["\u2028", "\u2029", "\x85", "\r", "\u2028\x85\r"])
def test_a_line_break_only_yaml_sees_inside_a_quoted_note_moves_no_later_position(tmp_path: Path, pasted: str) -> None:
    """The reviewer's file: a note pasted from a web page and a PDF; the mistake is on line 10."""
    write(
        tmp_path / "a.yaml",
        f'{HEADER}answers:\n  people-at-risk:\n    value: "yes"\n'
        f'    note: "pasted{pasted}from a web page{pasted}and a PDF"\n'
        "  stakeholder-map: written-internal\n  retention: written-schedul\n",
    )
    result = run(["check", "a.yaml"], tmp_path)
    assert result.returncode == 2, result.stderr
    assert problem_lines(result.stderr) == [
        "a.yaml:10:14: 'written-schedul' is not an answer to 'retention'; choose 'indefinite', 'written-schedule', "
        "'enforced-schedule' or 'unsure'; did you mean 'written-schedule'?"
    ]
    annotated = run(["check", "a.yaml", "--annotations", "github"], tmp_path)
    assert "::error file=a.yaml,line=10,col=14::a.yaml:10:14: " in annotated.stderr


def test_a_column_counts_the_characters_of_its_own_line(tmp_path: Path) -> None:
    """A quoted text with a line separator before the value on the same line: the column is in
    characters from the start of the line as editors show it."""
    write(
        tmp_path / "a.yaml",
        f'{HEADER}answers: {{people-at-risk: {{value: "yes", note: "a\u2028b\x85c"}}, retention: written-schedul}}\n',
    )
    result = run(["check", "a.yaml"], tmp_path)
    line = physical_lines((tmp_path / "a.yaml").read_text(encoding="utf-8"))[4]
    assert problem_lines(result.stderr)[0].startswith(f"a.yaml:5:{line.index('written-schedul') + 1}: "), result.stderr


def test_duplicate_keys_and_syntax_errors_name_lines_as_editors_count_them(tmp_path: Path) -> None:
    write(
        tmp_path / "dup.yaml",
        f'{HEADER}answers:\n  people-at-risk: {{value: "yes", note: "a\u2028b"}}\n  retention: indefinite\n'
        "  retention: unsure\n",
    )
    result = run(["check", "dup.yaml"], tmp_path)
    assert problem_lines(result.stderr)[0].startswith(
        "dup.yaml:8:3: duplicate key 'retention' (first written on line 7)"
    ), result.stderr
    write(
        tmp_path / "broken.yaml",
        f'{HEADER}answers:\n  people-at-risk: {{value: "yes", note: "a\u2028b\u2029c"}}\n  retention: [unsure\n',
    )
    result = run(["check", "broken.yaml"], tmp_path)
    assert problem_lines(result.stderr) == [
        "broken.yaml:8:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence on line 7)"
    ], result.stderr


@pytest.mark.parametrize("output", ["sarif", "codequality"])
def test_report_findings_point_at_their_answer_as_editors_count_lines(tmp_path: Path, output: str) -> None:
    text = LEAD.read_text(encoding="utf-8")
    for written, pasted in (
        ("Booking and court records", "Booking\u2028and court\x85records"),
        ("Families of people coming home", "Families\u2029of people\rcoming home"),
    ):
        assert written in text
        text = text.replace(written, pasted, 1)
    write(tmp_path / "lead.yaml", text)
    result = run(["report", "lead.yaml", "-f", output, "-o", "r.json"], tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    if output == "sarif":
        lines = [
            item["locations"][0]["physicalLocation"]["region"]["startLine"] for item in document["runs"][0]["results"]
        ]
    else:
        lines = [item["location"]["lines"]["begin"] for item in document]
    rows = physical_lines(text)
    answers = rows.index("answers:") + 1
    keys = set(re.findall(r"(?m)^  ([a-z0-9-]+):", text.split("\nanswers:\n", 1)[1]))
    assert len(lines) > 20
    for line in lines:
        row = rows[line - 1]
        assert line == answers or row.strip().split(":")[0] in keys, (line, row)
    # and where the text is not changed, findings are where they are in the unchanged file
    assert len(rows) == len(physical_lines(LEAD.read_text(encoding="utf-8")))


def test_a_line_separator_in_a_comment_that_breaks_the_yaml_is_reported_at_itself(tmp_path: Path) -> None:
    """The reviewer's second file: line 3 is fine, the cause is the U+2028 on line 1."""
    write(tmp_path / "b.yaml", f"# Answers\u2028from the workshop\n{HEADER}answers:\n")
    result = run(["check", "b.yaml"], tmp_path)
    assert result.returncode == 2
    lines = problem_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("b.yaml:1:10: "), lines
    assert "U+2028 LINE SEPARATOR" in lines[0] and FIX in lines[0], lines


@pytest.mark.parametrize(
    ("pasted", "named"),
    [
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
        ("\x85", "U+0085 NEXT LINE"),
        ("\r", "U+000D CARRIAGE RETURN"),
    ],
)
@pytest.mark.parametrize(
    "where",
    [
        "# workshop notes{}taken by Ana\n",  # in a comment, harmless to YAML
        "answers:\n  retention: indefinite # agreed{}in May\n",  # in a comment after a value
        "answers:\n  retention:\n    value: unsure\n    note: agreed in{} May\n",  # in a plain text
        "answers:\n  retention:\n    value: unsure\n    note: |\n      agreed in{}      May\n",  # in a block of text
    ],
)
def test_such_a_character_outside_quotes_is_a_problem_at_its_own_line_and_column(
    tmp_path: Path, pasted: str, named: str, where: str
) -> None:
    text = f"{HEADER}{where.format(pasted)}"
    write(tmp_path / "c.yaml", text)
    result = run(["check", "c.yaml"], tmp_path)
    assert result.returncode == 2, result.stderr
    rows = physical_lines(text)
    line = next(number for number, row in enumerate(rows, 1) if pasted in row)
    column = rows[line - 1].index(pasted) + 1
    found = [row for row in problem_lines(result.stderr) if row.startswith(f"c.yaml:{line}:{column}: ")]
    assert len(found) == 1, result.stderr
    assert named in found[0] and FIX in found[0], found
    for row in problem_lines(result.stderr):  # nothing else is blamed on a line that is not there
        assert int(row.split(":")[1]) <= len(rows), result.stderr


def test_a_file_with_only_quoted_such_characters_is_valid(tmp_path: Path) -> None:
    write(
        tmp_path / "ok.yaml",
        f'{HEADER}answers:\n  retention:\n    value: unsure\n    note: "a\u2028b\x85c\rd\u2029e"\n'
        "  stakeholder-map: {value: written-internal, note: 'x\u2028y'}\n",
    )
    result = run(["check", "ok.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 file checked, no problems\n"), result.stderr


def test_crlf_line_endings_count_as_one_line_break(tmp_path: Path) -> None:
    text = f'{HEADER}answers:\n  people-at-risk: {{value: "yes", note: "a\u2028b"}}\n  retention: written-schedul\n'
    write(tmp_path / "crlf.yaml", text.replace("\n", "\r\n"))
    result = run(["check", "crlf.yaml"], tmp_path)
    assert problem_lines(result.stderr)[0].startswith("crlf.yaml:7:14: 'written-schedul'"), result.stderr


def test_doubled_carriage_returns_are_one_problem_not_one_per_line(tmp_path: Path) -> None:
    """Left open by the first fix: CR CR LF line ends (a wrong git autocrlf setting) gave up to
    twenty lone-CR problems; they are one, at the first, saying how to save the file."""
    text = f"{HEADER}answers:\n  retention: written-schedule\n".replace("\n", "\r\r\n")
    write(tmp_path / "doubled.yaml", text)
    result = run(["check", "doubled.yaml"], tmp_path)
    assert result.returncode == 2
    assert problem_lines(result.stderr) == [
        "doubled.yaml:1:10: the lines of this file end in two carriage returns and a line feed (CR CR LF), as a "
        "wrong git autocrlf setting or a copy between systems leaves them: YAML reads two line breaks where git, "
        "editors, GitHub and GitLab read one; save it with LF (or CRLF) line endings"
    ]


# --- 2. Broken answers files that check passed as other tools' files ----------------------------

BROKEN_CRLF = (
    'format: 1\r\nrubric:\r\n  id: civil-society-data-readiness\r\n  version: "1.2.2"\r\ninitiative:\r\n'
    "respondent:\r\n  role: lead\r\nanswers:\r\n  people-at-risk: [yes\r\n  stakeholder-map: nope\r\n"
)
BROKEN_LF = BROKEN_CRLF.replace("\r\n", "\n")
INDENTED = "".join(f"  {line}\n" for line in BROKEN_LF.splitlines())
CLOSING = "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence on line 9)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BROKEN_CRLF, f"lead.yaml:10:18: {CLOSING}"),  # the reviewer's file
        (INDENTED, "lead.yaml:10:20: invalid YAML"),  # the reviewer's second file
        ("\ufeff" + BROKEN_CRLF, f"lead.yaml:10:18: {CLOSING}"),  # a byte order mark too
        (BROKEN_LF.replace("\n", "\r"), "lead.yaml:1:"),  # old Mac line endings: one line to git
        ("--- # answers of the lead\r\n" + BROKEN_CRLF, f"lead.yaml:11:18: {CLOSING.replace('9', '10')}"),
        ("%YAML 1.2\n---\n" + INDENTED, "lead.yaml:12:20: invalid YAML"),
        (" " + BROKEN_LF, "lead.yaml:"),  # a stray space before the first key
        ("format: 1\r\nrubric:\r\n\tid: civil-society-data-readiness\r\nanswers:\r\n", "lead.yaml:3:1: invalid YAML"),
        ("{format: 1, rubric: {id: x}, answers: [yes}\r\n", "lead.yaml:1:"),  # in braces on one line
        ('{"format": 1,\r\n "answers": {"a": "b"\r\n}\r\n', "lead.yaml:4:1: invalid YAML"),
    ],
)
def test_a_broken_answers_file_is_checked_whatever_its_line_endings_and_indentation(
    tmp_path: Path, text: str, expected: str
) -> None:
    write(tmp_path / "lead.yaml", text)
    result = run(["check", "lead.yaml"], tmp_path)
    assert result.returncode == 2, result.stderr
    assert "skipped" not in result.stderr, result.stderr
    assert problem_lines(result.stderr)[0].startswith(expected), result.stderr


def test_a_broken_crlf_answers_file_beside_a_valid_one_fails_the_check_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "funder.yaml").write_bytes(LEAD.read_bytes())
    write(tmp_path / "team" / "lead.yaml", BROKEN_CRLF)
    result = run(["check", "."], tmp_path)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert problem_lines(result.stderr) == [f"team/lead.yaml:10:18: {CLOSING}"]
    assert result.stderr.splitlines()[-1] == "civdata: 1 problem in 1 of 2 files checked"


def test_a_broken_crlf_rubric_is_checked_as_one(tmp_path: Path) -> None:
    write(tmp_path / "rubric.yaml", "format: 1\r\nid: mine\r\nareas:\r\n  - [\r\n")
    result = run(["check", "rubric.yaml"], tmp_path)
    assert result.returncode == 2, result.stderr
    assert problem_lines(result.stderr)[0].startswith("rubric.yaml:5:1: invalid YAML"), result.stderr
    # and answers naming it are told their rubric has problems, not that no rubric has its id
    write(
        tmp_path / "lead.yaml",
        "format: 1\nrubric: {id: mine, version: 1.0.0}\ninitiative: x\nrespondent: {role: lead}\nanswers: {}\n",
    )
    result = run(["check", "."], tmp_path)
    assert problem_lines(result.stderr)[0].startswith(
        "lead.yaml:2:14: these answers are for rubric 'mine', whose file 'rubric.yaml' has problems of its own"
    ), result.stderr


@pytest.mark.parametrize(
    "text",
    [
        # A workflow that runs civdata, CRLF and broken: its `rubric:` is an input, not a top-level key.
        "name: civdata\r\non: [push\r\njobs:\r\n  check:\r\n    steps:\r\n      - uses: org/civdata@v1\r\n"
        "        with:\r\n          rubric: rubrics/ours.yaml\r\n          answers: team/\r\n",
        # docker-compose, indented under its first key as always
        "services:\r\n  survey:\r\n    image: x\r\n    environment:\r\n      answers: /data\r\n    ports: [80\r\n",
        # a whole file indented, and not civdata's
        "  name: x\n  on: [push\n  jobs:\n    answers: 1\n",
        "\ufeffname: x\r\nvalue: {{ .Values.answers }}\r\n",
        "key: value\rother: [x\r  answers: 1\r",
    ],
)
def test_other_tools_broken_yaml_is_still_skipped_whatever_its_line_endings(tmp_path: Path, text: str) -> None:
    write(tmp_path / "other.yaml", text)
    result = run(["check", "other.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (0, "0 files checked, no problems\n"), result.stderr
    assert result.stderr == f"civdata: skipped other.yaml: {NOT_CIVDATA}\n"
