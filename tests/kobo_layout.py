"""Submissions exports written as KoboToolbox and ODK Central write them, for tests and benchmarks.

Built from answers (``AnswerSet``) and the form's names (:class:`civdata.form_layout.FormLayout`),
in the column layout the platforms use: KoboToolbox's ``start``/``end``, then every field with its
group path (``group/question``), a select_multiple as one space-separated column followed by one
``group/question/choice`` column of 1 and 0 per choice ("both"), then ``_id``, ``_uuid``,
``_submission_time``, ``_validation_status``, ``_notes``, ``_status``, ``_submitted_by``,
``__version__``, ``_tags`` and ``_index``. ODK Central's: ``SubmissionDate``, ``meta-instanceID``,
groups joined by ``-``, then ``KEY`` and its review columns.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from civdata.answers_writer import float_text
from civdata.form_layout import (
    INITIATIVE_FIELD,
    NAME_FIELD,
    ORGANISATION_FIELD,
    ROLE_FIELD,
    RUBRIC_FIELD,
    VERSION_FIELD,
    FormLayout,
)
from civdata.model import AnswerSet, AnswerValue, Question, QuestionType

KOBO_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by"]
KOBO_TAIL = ["__version__", "_tags", "_index"]
ODK_TAIL = ["KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState"]


@dataclass(frozen=True)
class Submission:
    answers: AnswerSet
    instance: str = ""
    time: str = "2026-10-12T09:30:00"


def cell(question: Question, layout: FormLayout, value: AnswerValue | None) -> str:
    if value is None:
        return ""
    if question.type is QuestionType.MULTIPLE_CHOICE:
        assert isinstance(value, tuple)
        return " ".join(layout.choice(question, item) for item in value)
    if question.type.has_options:
        assert isinstance(value, str | int)
        return layout.choice(question, value)
    if isinstance(value, float):
        return float_text(value)
    return str(value)


def kobo_rows(layout: FormLayout, submissions: Iterable[Submission], *, separator: str = "/") -> list[list[str]]:
    """A KoboToolbox export (header first) with groups in the headers joined by ``separator``."""
    header = ["start", "end", RUBRIC_FIELD, VERSION_FIELD, INITIATIVE_FIELD, ROLE_FIELD, NAME_FIELD, ORGANISATION_FIELD]
    fields: list[tuple[str, Question, str | None]] = []
    for question in layout.questions:
        group = layout.group(question.area_id) + separator
        header.append(group + layout.field(question.id))
        fields.append(("answer", question, None))
        if question.type is QuestionType.MULTIPLE_CHOICE:
            for name in layout.choice_names(question).values():
                header.append(f"{group}{layout.field(question.id)}/{name}")
                fields.append(("choice", question, name))
        header.append(group + layout.note_field(question.id))
        fields.append(("note", question, None))
    header += [*KOBO_META, *KOBO_TAIL]
    rows = [header]
    for index, submission in enumerate(submissions, start=1):
        rows.append(_kobo_row(layout, submission, fields, index))
    return rows


def _kobo_row(
    layout: FormLayout, submission: Submission, fields: list[tuple[str, Question, str | None]], index: int
) -> list[str]:
    answers = submission.answers
    respondent = answers.respondent
    row = [
        submission.time + ".000+02:00",
        submission.time + ".000+02:00",
        answers.rubric_id,
        answers.rubric_version,
        answers.initiative,
        respondent.role,
        respondent.name or "",
        respondent.organisation or "",
    ]
    for kind, question, name in fields:
        value = answers.value(question.id)
        if kind == "answer":
            row.append(cell(question, layout, value))
        elif kind == "choice":
            chosen = value is not None and name in cell(question, layout, value).split()
            row.append("" if value is None else ("1" if chosen else "0"))
        else:
            row.append(answers.note(question.id) or "")
    instance = submission.instance or str(uuid.UUID(int=index))
    row += [
        str(100000 + index),
        instance,
        submission.time,
        "",
        "[]",
        "submitted_via_web",
        "",
        "vX7sQ2a",
        "[]",
        str(index),
    ]
    return row


def odk_central_rows(layout: FormLayout, submissions: Iterable[Submission]) -> list[list[str]]:
    """An ODK Central export: ``-`` between group and field, select_multiple in one column."""
    header = [
        "SubmissionDate",
        RUBRIC_FIELD,
        VERSION_FIELD,
        INITIATIVE_FIELD,
        ROLE_FIELD,
        NAME_FIELD,
        ORGANISATION_FIELD,
    ]
    for question in layout.questions:
        group = layout.group(question.area_id) + "-"
        header += [group + layout.field(question.id), group + layout.note_field(question.id)]
    header += ["meta-instanceID", *ODK_TAIL, "FormVersion"]
    rows = [header]
    for index, submission in enumerate(submissions, start=1):
        answers = submission.answers
        instance = "uuid:" + (submission.instance or str(uuid.UUID(int=index)))
        row = [
            submission.time + ".000Z",
            answers.rubric_id,
            answers.rubric_version,
            answers.initiative,
            answers.respondent.role,
            answers.respondent.name or "",
            answers.respondent.organisation or "",
        ]
        for question in layout.questions:
            row += [cell(question, layout, answers.value(question.id)), answers.note(question.id) or ""]
        row += [instance, instance, "5", "Field team", "0", "0", "", "", answers.rubric_version]
        rows.append(row)
    return rows


def csv_text(rows: list[list[str]], delimiter: str = ";") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def xlsx_data(rows: list[list[str]]) -> bytes:
    """The rows as KoboToolbox's XLSX export: numbers as numbers, text as text."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "consultation"
    for row in rows:
        sheet.append([_typed(value) for value in row])
    for row in sheet.iter_rows():
        for item in row:
            if isinstance(item.value, str):
                item.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(value: str) -> object:
    if value.lstrip("-").isdigit() and len(value) < 15 and str(int(value)) == value:
        return int(value)
    return value or None
