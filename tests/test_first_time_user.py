"""Defects an outside reviewer found following README and every page of docs/ literally, as a
first-time user, each pinned by a scenario run as a user runs it (a real subprocess) where it can be.

Every expected outcome here was written from the documentation before the fix was made, and each
test failed on the code before it.
"""

from __future__ import annotations

import json
from pathlib import Path

from civdata.answers_loader import load_answers
from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import FIXTURES, MINI_RUBRIC, civdata_in, problem_lines
from tests.kobo_layout import Submission, csv_text, kobo_rows

MINI_ANSWERS = FIXTURES / "mini-answers.yaml"


run = civdata_in


def mini_answers(tmp_path: Path, old: str, new: str, name: str = "answers.yaml") -> Path:
    """The mini rubric's answers fixture with one line changed, in ``tmp_path``."""
    text = MINI_ANSWERS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- Several choices typed in one line -------------------------------------------------------------

SAFEGUARDS = "choose from 'encryption', 'access-log', 'dpia' or 'none'"


def test_several_choices_written_in_one_line_are_shown_as_a_list_not_as_one_of_them(tmp_path: Path) -> None:
    """`safeguards: encryption, access-log` read as 'did you mean encryption?' would drop a choice
    (in the bundled rubric, the group that opens the protective questions): the hint names every
    choice the line holds, as the list an answers file writes (docs/answers-format.md)."""
    for typed, listed in [
        ("encryption, access-log", "[encryption, access-log]"),
        ("encryption;access-log", "[encryption, access-log]"),
        ("encryption and dpia", "[encryption, dpia]"),
        ("encryption access-log dpia", "[encryption, access-log, dpia]"),
    ]:
        mini_answers(tmp_path, "safeguards: [encryption, access-log]", f"safeguards: {typed}")
        result = run(tmp_path, "check", "-r", MINI_RUBRIC, "answers.yaml")
        assert result.returncode == 2
        assert problem_lines(result.stderr) == [
            f"answers.yaml:17:15: '{typed}' is not an option of 'safeguards'; {SAFEGUARDS}; several choices are "
            f"written as a list: {listed}"
        ], typed


def test_a_line_of_several_words_never_gets_one_option_as_its_hint(tmp_path: Path) -> None:
    """A line with an option and a typo, or with choices that cannot go together (one that must
    stand alone), is told how several choices are written, and offered no list the check would
    refuse in turn; a single word is still offered the closest option."""
    several = "; several choices are written as a list, in square brackets"
    for typed, hint in [
        ("encryption, acess-log", several),
        ("none, encryption", several),
        ("encrypton", "; did you mean 'encryption'?"),
        ("Access log", "; did you mean 'access-log'?"),
    ]:
        mini_answers(tmp_path, "safeguards: [encryption, access-log]", f"safeguards: {typed}")
        result = run(tmp_path, "check", "-r", MINI_RUBRIC, "answers.yaml")
        assert problem_lines(result.stderr) == [
            f"answers.yaml:17:15: '{typed}' is not an option of 'safeguards'; {SAFEGUARDS}{hint}"
        ], typed


def test_an_export_cell_of_choices_parted_by_commas_says_they_are_parted_by_spaces(tmp_path: Path) -> None:
    """A spreadsheet cell of a select_multiple edited by hand may hold `encryption, access-log`:
    the platforms part choices by spaces. One problem at the cell names every choice it holds,
    as the column writes them, not one problem per word with a hint that drops a choice."""
    rubric = load_rubric(MINI_RUBRIC)
    layout = FormLayout(rubric)
    rows = kobo_rows(layout, [Submission(load_answers(MINI_ANSWERS, rubric))])
    column = rows[0].index("people/safeguards")
    assert rows[1][column] == "encryption access-log"
    rows[1][column] = "encryption, access-log"
    (tmp_path / "export.csv").write_text(csv_text(rows), encoding="utf-8")
    result = run(tmp_path, "import", "export.csv", "-r", MINI_RUBRIC, "-o", "answers")
    assert result.returncode == 2
    assert problem_lines(result.stderr) == [
        f"export.csv:2:{column + 1}: 'encryption, access-log' is not an option of 'safeguards'; {SAFEGUARDS}; "
        "several choices are parted by spaces in this column: encryption access-log"
    ]


def test_an_export_cell_with_commas_and_a_typo_says_both(tmp_path: Path) -> None:
    """The cell's problem says how the column parts choices; the word that is no option gets its own,
    with the closest option, as a word of a cell written well does."""
    rubric = load_rubric(MINI_RUBRIC)
    rows = kobo_rows(FormLayout(rubric), [Submission(load_answers(MINI_ANSWERS, rubric))])
    column = rows[0].index("people/safeguards")
    rows[1][column] = "encryption,acess-log"
    (tmp_path / "export.csv").write_text(csv_text(rows), encoding="utf-8")
    result = run(tmp_path, "import", "export.csv", "-r", MINI_RUBRIC, "-o", "answers")
    at = f"export.csv:2:{column + 1}: "
    assert problem_lines(result.stderr)[:2] == [
        f"{at}'acess-log' is not an option of 'safeguards'; {SAFEGUARDS}; did you mean 'access-log'?",
        f"{at}'encryption,acess-log' is not an option of 'safeguards'; {SAFEGUARDS}; several choices are parted "
        "by spaces in this column",
    ]


# --- A tie in "did you mean" -----------------------------------------------------------------------


def test_did_you_mean_names_every_option_as_close_as_the_closest() -> None:
    """`written` is as close to `written-reviewed` as to `written-internal`: naming one would talk
    the answer up (or down) for the person, who then picks the one named."""
    from civdata.problems import did_you_mean

    options = ["not-done", "written-internal", "written-reviewed", "unsure"]
    assert did_you_mean("written", options) == "; did you mean 'written-internal' or 'written-reviewed'?"
    assert did_you_mean("writen-internal", options) == "; did you mean 'written-internal'?"
    assert did_you_mean("Unsure", options) == "; did you mean 'unsure'?"
    assert did_you_mean("maybe", options) == ""


def test_an_answer_as_close_to_two_options_names_both(tmp_path: Path) -> None:
    rubric = MINI_RUBRIC.read_text(encoding="utf-8")
    rubric = rubric.replace("{value: consulted,", "{value: written-internal,").replace(
        "{value: decide,", "{value: written-reviewed,"
    )
    (tmp_path / "rubric.yaml").write_text(rubric, encoding="utf-8")
    mini_answers(tmp_path, "voice: consulted", "voice: written")
    result = run(tmp_path, "check", "-r", "rubric.yaml", "answers.yaml")
    assert problem_lines(result.stderr) == [
        "answers.yaml:16:10: 'written' is not an answer to 'voice'; choose 'none', 'written-internal' or "
        "'written-reviewed'; did you mean 'written-internal' or 'written-reviewed'?"
    ]


# --- A note YAML reads as a number or a boolean --------------------------------------------------


def test_a_note_yaml_reads_as_a_number_or_true_is_kept_as_written(tmp_path: Path) -> None:
    """docs/answers-format.md: "A text answer or a note is kept exactly as written, even when YAML
    would read it as a number or a boolean". Text answers were; notes were refused by the schema."""
    text = MINI_ANSWERS.read_text(encoding="utf-8")
    text = text.replace("  voice: consulted\n", "  voice: {value: consulted, note: 1e3}\n")
    text = text.replace("  confidence: 2\n", "  confidence: {value: 2, note: true}\n")
    text = text.replace("  months: 8\n", "  months: {value: 8, note: 012}\n")
    (tmp_path / "answers.yaml").write_text(text, encoding="utf-8")
    checked = run(tmp_path, "check", "-r", MINI_RUBRIC, "answers.yaml")
    assert (checked.returncode, checked.stderr) == (0, ""), checked.stderr
    report = run(tmp_path, "report", "-r", MINI_RUBRIC, "answers.yaml", "-f", "json")
    assert report.returncode == 0, report.stderr
    notes = {
        question["id"]: question["note"]
        for area in json.loads(report.stdout)["areas"]
        for question in area["questions"]
        if question["id"] in {"voice", "confidence", "months"}
    }
    assert notes == {"voice": "1e3", "confidence": "true", "months": "012"}


# --- Numbers written with a comma --------------------------------------------------------------

#: What a number written with a comma gets at the prompt of `assess`, on the mini rubric's
#: `months` (a whole number from 0 to 120) and on the same question taking any number.
COMMA_PROMPT_HINTS = [
    ("1,5", "Type a whole number from 0 to 120.", "Write it with a point for decimals: 1.5, not 1,5."),
    ("12,0", "Type a whole number from 0 to 120.", "Write it with a point for decimals: 12.0, not 12,0."),
    (
        "1,000",
        # It said "Type a whole number from 0 to 120, without a comma.": following it gave 1000, outside
        # the range too; what it would be is said first (a facilitator's review).
        "1,000 would be 1000, more than 120. Type a whole number from 0 to 120.",
        "Type a number, with a point for decimals and nothing between thousands.",
    ),
    (
        "1,000,000",
        # It said "Type a whole number from 0 to 120, without the commas between its digits.", which
        # gave 1000000 (a facilitator's review).
        "1,000,000 would be 1000000, more than 120. Type a whole number from 0 to 120.",
        "Write it without the commas between its digits: 1000000, not 1,000,000.",
    ),
    ("-2,5", "Type a whole number from 0 to 120.", "Write it with a point for decimals: -2.5, not -2,5."),
]


def test_a_number_typed_with_a_comma_gets_a_hint_true_for_the_question() -> None:
    """`1,5` on a whole-number question was told "Use a point for decimals, such as 2.5." (a point
    would not do either); `1,000` on a question of 0 to 120 "No thousands separators, please: 1500,
    not 1,500.", a number the person did not type, and no answer to the question either. `1,000` is
    a thousand in English and one in much of Europe: no number is suggested for it."""
    from dataclasses import replace

    from civdata.questionnaire.prompts import parse_number

    months = load_rubric(MINI_RUBRIC).question("months")
    free = replace(months, minimum=None, maximum=None, integer=False, unit=None)
    for typed, whole, any_number in COMMA_PROMPT_HINTS:
        assert parse_number(months, typed) == whole, typed
        assert parse_number(free, typed) == any_number, typed


def test_a_number_written_with_a_comma_in_a_file_gets_the_same_hint(tmp_path: Path) -> None:
    rubric = MINI_RUBRIC.read_text(encoding="utf-8")
    assert rubric.count("\n        integer: true\n") == 1
    (tmp_path / "whole.yaml").write_text(rubric, encoding="utf-8")
    (tmp_path / "decimal.yaml").write_text(rubric.replace("\n        integer: true\n", "\n"), encoding="utf-8")
    start = "answers.yaml:19:11: the answer to 'months' must be a number of months, not"
    for written, rubric_file, hint in [
        ("1,5", "whole.yaml", "write a whole number from 0 to 120"),
        ("1,5", "decimal.yaml", "write 1.5 with a point for decimals"),
        # As at the prompt: the way of writing it led to a number outside the range, so that is said
        # first (it said "write a whole number from 0 to 120 without a comma"; a facilitator's review).
        ("1,000", "whole.yaml", "without a comma it would be 1000, more than 120: write a whole number from 0 to 120"),
        (
            "1,000,000",
            "whole.yaml",
            "without the commas between its digits it would be 1000000, more than 120: write a whole number from 0 "
            "to 120",
        ),
        ("0,100", "whole.yaml", "write a whole number from 0 to 120 without a comma"),
    ]:
        mini_answers(tmp_path, "months: 8", f"months: '{written}'")
        result = run(tmp_path, "check", "-r", rubric_file, "answers.yaml")
        assert problem_lines(result.stderr) == [f"{start} '{written}'; {hint}"], (written, rubric_file)


# --- `check -r FOLDER` -------------------------------------------------------------------------------


def test_check_with_a_folder_as_rubric_is_one_problem_and_counts_no_file(tmp_path: Path) -> None:
    """`check -r initiative-b/ initiative-b/answers/with-gaps.yaml` counted the folder as a file
    checked ("is a folder, not a file") and blamed the answers for naming a rubric nobody gave,
    the same mistake twice. docs/in-a-repository.md: a path that is not a file is not counted."""
    answers = tmp_path / "b" / "answers"
    answers.mkdir(parents=True)
    (tmp_path / "b" / "rubric.yaml").write_bytes(MINI_RUBRIC.read_bytes())
    (answers / "a.yaml").write_bytes(MINI_ANSWERS.read_bytes())
    skipped = (
        "civdata: skipped b/answers/a.yaml: not checked: these answers are for rubric 'mini', and the --rubric "
        "that would give it could not be read"
    )
    folder = run(tmp_path, "check", "-r", "b/", "b/answers/a.yaml")
    assert (folder.returncode, folder.stdout) == (2, "")
    assert folder.stderr.splitlines() == [
        skipped,
        "b/: --rubric takes a rubric file, not a folder; name the file (--rubric b/rubric.yaml), or give the "
        "folder as a path to check, where rubrics are found by their content",
        "civdata: 1 problem; no file was checked",
    ]
    missing = run(tmp_path, "check", "-r", "b/rubrc.yaml", "b/answers/a.yaml")
    assert missing.stderr.splitlines() == [
        skipped,
        "b/rubrc.yaml: no such file or folder; did you mean 'rubric.yaml'?",
        "civdata: 1 problem; no file was checked",
    ]
    right = run(tmp_path, "check", "-r", "b/rubric.yaml", "b/answers/a.yaml")
    assert (right.returncode, right.stdout) == (0, "2 files checked, no problems\n"), right.stderr


# --- Messages that say what to do next ---------------------------------------------------------------


def test_a_question_written_at_the_top_level_is_told_to_go_under_answers(tmp_path: Path) -> None:
    mini_answers(tmp_path, '  comments: "Nothing | more"\n', 'comments: "Nothing | more"\n')
    result = run(tmp_path, "check", "-r", MINI_RUBRIC, "answers.yaml")
    assert problem_lines(result.stderr) == [
        "answers.yaml:20:1: unknown key 'comments' at the top level; allowed keys are 'format', 'rubric', "
        "'initiative', 'respondent', 'date' or 'answers'; if 'comments' is a question, indent it under 'answers:'"
    ]
    mini_answers(tmp_path, "answers:\n", "answer:\n")  # a typo of a key still gets the key
    typo = run(tmp_path, "check", "-r", MINI_RUBRIC, "answers.yaml")
    assert "unknown key 'answer' at the top level; did you mean 'answers'?" in typo.stderr


def test_a_language_code_in_capitals_is_given_the_code_the_rubric_has(tmp_path: Path) -> None:
    # Changed on 2026-11-28 (afternoon): --lang FR was refused with "did you mean 'fr'?"; language
    # tags are case-insensitive, so it is now read as 'fr' (tests/test_lang_1128.py). A slip that
    # is no code of the rubric's in any case is still refused with the code meant.
    rubric = FIXTURES / "translations" / "arabic.yaml"
    answers = FIXTURES / "translations" / "arabic-answers.yaml"
    result = run(tmp_path, "report", "-r", rubric, answers, "--lang", "FR", "-o", "r.json")
    assert result.returncode == 0, result.stderr
    assert '"language": "fr"' in (tmp_path / "r.json").read_text(encoding="utf-8")
    slip = run(tmp_path, "report", "-r", rubric, answers, "--lang", "frr")
    assert slip.returncode == 2
    assert (
        "this rubric has no text in 'frr'; it is written in 'fr', 'ar' or 'es': choose one with --lang; "
        "did you mean 'fr'?"
    ) in slip.stderr


def test_a_roles_label_written_for_its_id_is_given_the_id(tmp_path: Path) -> None:
    mini_answers(tmp_path, "  role: lead\n", '  role: "lead organisation"\n')
    result = run(tmp_path, "check", "-r", MINI_RUBRIC, "answers.yaml")
    assert problem_lines(result.stderr) == [
        "answers.yaml:6:9: role 'lead organisation' is not one of the rubric's roles 'lead', 'partner' or "
        "'community'; did you mean 'lead', the id of 'Lead organisation'?"
    ]
    template = run(tmp_path, "template", "-r", MINI_RUBRIC, "--role", "Community representative", "-o", "t.yaml")
    assert template.returncode == 2
    assert (
        "--role 'Community representative' is not a role of this rubric (lead, partner, community); did you mean "
        "'community', the id of 'Community representative'?"
    ) in template.stderr


def test_a_date_written_day_first_is_given_as_yyyy_mm_dd_when_it_can_only_be_one_day(tmp_path: Path) -> None:
    start = "answers.yaml:8:7: 'date' is not valid"
    for written, hint in [
        ("14/10/2026", ": 2026-10-14"),
        ("10/14/2026", ": 2026-10-14"),
        ("14.10.2026", ": 2026-10-14"),
        ("10/11/2026", ": 2026-11-10 or 2026-10-11, whichever it is"),
        ("next week", ""),
        ("31/02/2026", ""),
    ]:
        mini_answers(tmp_path, 'date: "2026-11-01"', f'date: "{written}"')
        result = run(tmp_path, "check", "-r", MINI_RUBRIC, "answers.yaml")
        assert problem_lines(result.stderr) == [f"{start} ('{written}'): write it as YYYY-MM-DD{hint}"], written
