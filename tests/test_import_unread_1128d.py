"""What an import leaves out is said, where it is (left unsaid until the session of 2026-11-28).

1. A column that is neither civdata's form's nor the platform's (a consent question added to the
   form on KoboToolbox, a column typed into the export) was ignored without a word: a
   facilitator whose form asks for consent learnt nothing of a "no". One warning at the first
   such column names them all; the platforms' own columns are never named.
2. A submission answering a question its role is not asked (an export edited by hand, a role
   changed after the answers were given) had those answers dropped without a word. A warning at
   the first such answer names them, as `civdata check` and `civdata report` say it of a file.
"""

from __future__ import annotations

from pathlib import Path

from civdata.form_layout import FormLayout
from civdata.rubric_loader import load_rubric
from tests.conftest import MINI_RUBRIC
from tests.kobo_layout import Submission, csv_text, kobo_rows, odk_central_rows
from tests.test_ci_outputs import run
from tests.test_form_import import generated

PLATFORM_COLUMNS = [
    "formhub/uuid",
    "formhub.uuid",
    "meta/deprecatedID",
    "start",
    "end",
    "deviceid",
    "_attachments",
    "Edits",
    # KoboToolbox's meta fields when its headers leave groups out (an outside review found them warned of).
    "deprecatedID",
    "uuid",
    "instanceName",
    "start-geopoint-Latitude",
    "start-geopoint-Accuracy",
    "audit_URL",
]


def _rows(count: int = 4, *, layout: str = "kobo") -> list[list[str]]:
    rubric = load_rubric(MINI_RUBRIC)
    submissions = [
        Submission(answers, instance=f"uuid:7-{index}")
        for index, answers in enumerate(generated(rubric, count, seed=7))
    ]
    if layout == "odk":
        return odk_central_rows(FormLayout(rubric), submissions)
    return kobo_rows(FormLayout(rubric), submissions)


def _with_columns(rows: list[list[str]], columns: dict[str, str]) -> list[list[str]]:
    return [rows[0] + list(columns)] + [row + list(columns.values()) for row in rows[1:]]


def _import(folder: Path, rows: list[list[str]], delimiter: str = ";") -> list[str]:
    """The lines `civdata import -q` writes on standard error, importing ``rows`` in ``folder``."""
    folder.mkdir(exist_ok=True)
    export = folder / "consultation.csv"
    export.write_text(csv_text(rows, delimiter=delimiter), encoding="utf-8")
    result = run("import", export.name, "-r", MINI_RUBRIC, "-o", "out", "-q", cwd=folder)
    assert len(list((folder / "out").iterdir())) == len(rows) - 1
    return result.stderr.splitlines()


def test_columns_not_in_the_form_are_named_in_one_warning_at_the_first(tmp_path: Path) -> None:
    rows = _with_columns(_rows(), {"consent": "no", **dict.fromkeys(PLATFORM_COLUMNS, "x"), "village": "North"})
    first = rows[0].index("consent") + 1
    assert _import(tmp_path, rows) == [
        f"consultation.csv:1:{first}: warning: 2 columns of this export are not in the form civdata made for "
        f"rubric 'mini', and are not read: 'consent' (column {first}) and 'village' (column {len(rows[0])}). If what "
        "one of them says should leave a submission out (consent refused, a test), reject that submission on the "
        "platform, or delete its row, and import again"
    ]


def test_the_platforms_own_columns_are_read_or_left_without_a_word(tmp_path: Path) -> None:
    assert _import(tmp_path, _with_columns(_rows(), dict.fromkeys(PLATFORM_COLUMNS, "x"))) == []
    assert _import(tmp_path / "odk", _rows(layout="odk"), delimiter=",") == []


def test_one_column_is_said_in_the_singular_and_more_than_ten_are_counted(tmp_path: Path) -> None:
    [one] = _import(tmp_path / "one", _with_columns(_rows(), {"consent": "yes"}))
    assert ": warning: 1 column of this export is not in the form civdata made for rubric 'mini', and is not " in one
    assert "(column 39). If what it says should leave a submission out" in one, one
    extra = {f"added-{number}": "x" for number in range(1, 13)}
    [many] = _import(tmp_path / "many", _with_columns(_rows(), extra))
    assert "12 columns of this export are not in the form" in many
    assert "'added-10' (column" in many
    assert "'added-11'" not in many
    assert many.endswith(
        " and 2 more. If what one of them says should leave a submission out (consent refused, a test), reject "
        "that submission on the platform, or delete its row, and import again"
    )


def test_a_submission_answering_a_question_its_role_is_not_asked_is_warned_of_at_the_answer(tmp_path: Path) -> None:
    rubric = load_rubric(MINI_RUBRIC)
    rows = _rows()
    header = rows[0]
    role = header.index("civdata__role")
    # A question some role is not asked, and a row of that role that leaves it blank (the form
    # does not ask it): the row is edited to answer it, as a hand-edited export would.
    question = next(question for question in rubric.questions if question.roles)
    row_number, row = next(
        (number, row) for number, row in enumerate(rows[1:], start=2) if not question.asked_of(row[role])
    )
    column = next(index for index, text in enumerate(header) if text.endswith("/" + question.id))
    option = str(question.options[0].value)
    row[column] = option
    assert _import(tmp_path, rows) == [
        f"consultation.csv:{row_number}:{column + 1}: warning: role '{row[role]}' is not asked 1 question answered "
        f"here ('{question.id}'), so its answer is not counted: if the role is right, delete it; if not, correct the "
        "role"
    ]


def test_ten_rows_answering_unasked_questions_are_warned_of_each_and_the_rest_in_one_line(tmp_path: Path) -> None:
    rubric = load_rubric(MINI_RUBRIC)
    rows = _rows(36)
    header = rows[0]
    role = header.index("civdata__role")
    question = next(question for question in rubric.questions if question.roles)
    column = next(index for index, text in enumerate(header) if text.endswith("/" + question.id))
    edited = [number for number, row in enumerate(rows[1:], start=2) if not question.asked_of(row[role])]
    assert len(edited) >= 12
    for number in edited:
        rows[number - 1][column] = str(question.options[0].value)
    lines = _import(tmp_path, rows)
    assert [line.split(":")[1] for line in lines[:10]] == [str(number) for number in edited[:10]]
    rest = edited[10:]
    assert lines[10:] == [
        f"consultation.csv:{rest[0]}:{column + 1}: warning: {len(rest)} more submissions answer questions their "
        f"role is not asked, in rows {', '.join(map(str, rest[:-1]))} and {rest[-1]}: those answers are not "
        "counted either"
    ]
