"""Submissions collected with a civdata form (KoboToolbox or ODK Central) read back as answers.

An export is a table: a header row, then one row per submission. Each row is turned into the
same data an answers file holds, with the row and column of every value standing in for a line
and column, and then checked by the answers loader exactly as a file is
(:func:`civdata.answers_loader.answers_from_document`). So a submission is accepted exactly when
the answers file written for it would be, and a mistake is reported as ``file:row:column``.

Layouts read (the names are those of :mod:`civdata.form_layout`):

* KoboToolbox CSV (``;`` or ``,``) and XLSX (its sheet with civdata's columns, wherever it is;
  a second sheet with them is refused), "XML values and headers", with or without group
  names in the headers (``group/question``, or another group separator such as ``.``); a
  select_multiple as one column of space-separated choices, or as one ``question/choice``
  column of 1 and 0 per choice, or both (which must agree); ``_uuid``, ``_submission_time``, ``_id``,
  ``__version__`` and Kobo's other columns.
* ODK Central CSV: groups joined by ``-`` (``group-question``), ``meta-instanceID`` (or
  ``meta/instanceID``), ``KEY``, ``SubmissionDate``, ``FormVersion``; select_multiple split into
  ``question/choice`` columns when asked.

A submission's id is the one that stays when it is edited (KoboToolbox's ``meta/rootUuid``, ODK
Central's ``KEY``), else its instance id (``meta/instanceID`` or ``_uuid``; a column of the group
``meta`` with any group separator, see :func:`meta_name`), without the ``uuid:`` prefix: the
first of those cells that is not blank, row by row (KoboToolbox leaves ``meta/rootUuid`` blank in
a submission never edited). Rows with the same id are one submission: exported twice (or
re-sent by a device), counted once, the first time; or an earlier version and its edit (an edit's
root id is its original's instance id), of which the edit is read wherever it is. The rows left out
are counted and named. The id is never written: an answers file is named after a one-way hash of
it (:func:`civdata.imported_files.answers_file_name`), the same in every export, so a newer export
imported into the same folder finds the files of the submissions already there.

A facilitator reviews submissions on the platform, and throws out those that must not count: ODK
Central's ``ReviewState`` ``rejected``, KoboToolbox's ``_validation_status`` "not approved" (see
:data:`REVIEW_COLUMNS`). Such a row is skipped before it is read (a rejected test submission may
hold anything), and named in the summary, and so is every other row of its submission (copies and
versions: :class:`KeptRows`), whatever their order; a row marked as having issues or on hold is read and
counted, and named too, as is one whose review cell holds a value the platform does not write.

Submissions made with an older MINOR version of the rubric are upgraded as an answers file is
(:func:`civdata.answers_loader.load_for_upgrade`): kept answers stay, changed questions are left
blank with the previous answer set beside them, and the questions that changed are listed. After
"Replace form" an export also has the columns of questions only an older version asked (see
:func:`former_fields`): their answers and notes are read too, and set aside as comments, never
dropped. A question moved to another area since has its columns under both groups; each row's
answer is read from those it fills.

``anonymize`` drops, before anything is checked or kept: the respondent's name and organisation,
the words of every answer to a text question (a written answer becomes :data:`ANONYMIZED_TEXT`,
so that it still counts as answered) and every note (the respondent's own words). The role, the
initiative, the date (the day only) and the chosen options stay, since the report is made of them:
scores, findings and coverage are the same with and without it.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from civdata.answers_loader import (
    UpgradePlan,
    answers_from_document,
    check_answers_shape,
    choice_hint,
    choice_words,
    load_for_upgrade,
    unasked_answers,
    upgradable,
)
from civdata.catalog import bundled_rubric_file
from civdata.dates import ISO_DATE
from civdata.form_layout import (
    INITIATIVE_FIELD,
    NAME_FIELD,
    NOTE_SUFFIX,
    ORGANISATION_FIELD,
    ROLE_FIELD,
    RUBRIC_FIELD,
    VERSION_FIELD,
    FormLayout,
    question_id,
    xml_name,
)
from civdata.imported_files import submission_key
from civdata.inputs import counted_answers, disagreement_problems, load_rubric_spec, other_rows
from civdata.model import ANONYMIZED_TEXT, AnswerSet, Question, QuestionType, Rubric
from civdata.problems import InputError, Problem, quoted_list
from civdata.records import record
from civdata.rubric_loader import load_rubric
from civdata.safe_read import ReadRefused, read_regular_file
from civdata.spreadsheet import EXPORT_LIMIT, Table, blank_row, repeats_header, whole_number_text
from civdata.values import number_from_text
from civdata.versions import is_version, same_questions, version_key
from civdata.wording import and_list, first_listed, plural, verb
from civdata.yamlsource import DataPath, Position, YamlDocument, number_problem

#: Group separators an export may use in its headers: KoboToolbox's default and choices, ODK's.
SEPARATORS = ("/", "-", ".", ":")
#: The group the platforms put a form's meta fields in (``meta/rootUuid``, ``meta-instanceID``).
#: Every column of the platform's that civdata reads is named below without it: see :func:`meta_name`.
META_GROUP = "meta"
#: Columns holding the id a submission keeps when it is edited (its first version's instance id):
#: KoboToolbox's ``meta/rootUuid``, blank in a submission never edited, and ODK Central's ``KEY``.
ROOT_COLUMNS = ("rootUuid", "KEY")
#: Columns holding the id of one version of a submission, new with every edit (``meta/instanceID``).
INSTANCE_COLUMNS = ("instanceID", "_uuid")
#: Every column of a submission's id, the one to read first first: each row's id is the first of
#: them that is not blank in it (see :func:`row_id`).
ID_COLUMNS = ROOT_COLUMNS + INSTANCE_COLUMNS
#: Columns holding when the submission was made, the one to read first first: each row's date is
#: taken from the first of them that holds one (a spreadsheet may have rewritten another).
DATE_COLUMNS = ("_submission_time", "SubmissionDate", "end", "today", "start")
#: How many of the columns not read a warning names (:meth:`SubmissionStream.warnings`).
UNREAD_NAMED = 10
#: How many rows answering questions their role is not asked have a warning each; the rest, one.
UNASKED_NAMED = 10
#: ODK Central's column for the form version, when the rubric version field is missing.
FORM_VERSION_COLUMNS = ("FormVersion",)
#: ODK Central's column that says, in the CSV download of an encrypted form, which submissions it
#: could not decrypt: their cells are blank but for the platform's own, so each would be read as
#: a submission that answered nothing, without a role. What it writes there, and why.
ENCRYPTION_COLUMN = "Status"
NOT_DECRYPTED = {
    "not decrypted": (
        "this submission is encrypted and was downloaded without the form's passphrase (ODK Central: "
        "'not decrypted'), so none of its answers are in the export; download the submissions again "
        "with the passphrase"
    ),
    "missing encrypted form data": (
        "ODK Central holds no data for this encrypted submission ('missing encrypted form data': it "
        "arrived incomplete), so none of its answers are in the export; have it sent again from ODK "
        "Collect, or reject it in ODK Central"
    ),
}
#: Columns a platform adds to an export that civdata has no use for, beside those above: ODK
#: Central's own, and the metadata fields of XLSForm a form may have (``start``, ``deviceid``).
#: KoboToolbox's own all start with ``_`` (``_id``, ``_notes``, ``__version__``), and both platforms
#: put a form's meta fields in the group :data:`META_GROUP` (older KoboToolbox forms also in
#: ``formhub``). See :func:`platform_column`.
PLATFORM_COLUMNS = frozenset(
    {
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "DeviceID",
        "Edits",
        "deviceid",
        "phonenumber",
        "username",
        "email",
        "simserial",
        "subscriberid",
        "audit",
        "start-geopoint",
        # ODK Central splits a geopoint into four columns; KoboToolbox adds the audit file's address.
        "start-geopoint-Latitude",
        "start-geopoint-Longitude",
        "start-geopoint-Altitude",
        "start-geopoint-Accuracy",
        "audit_URL",
        "background-audio",
        # The meta fields KoboToolbox writes without their group when headers leave groups out
        # (``formhub/uuid`` as ``uuid``); those civdata reads (``rootUuid``) are in ID_COLUMNS.
        "deprecatedID",
        "instanceName",
        "uuid",
    }
)


@record
class ReviewColumn:
    """A platform's column of what a facilitator decided about each submission: its values
    (casefolded, spaces collapsed) that throw a submission out and that flag one for review, the
    others it writes, and the words that say so."""

    platform: str
    rejecting: frozenset[str]
    flagging: frozenset[str]
    accepting: frozenset[str]
    rejected: str
    flagged: str
    #: What the platform calls the column's value, how a facilitator throws a submission out
    #: there, and the values the platform writes.
    state_name: str
    how_to_reject: str
    written: tuple[str, ...]


#: The review columns civdata reads, by header. ODK Central's CSV download includes rejected
#: submissions unless filtered out; its ``ReviewState`` is blank until a submission is reviewed
#: (``received`` in newer versions), then ``hasIssues``, ``edited``, ``approved`` or ``rejected``.
#: KoboToolbox writes ``_validation_status`` as the status's id in an export with XML values
#: (``validation_status_not_approved``) and as its label in one with labels (``Not Approved``;
#: the web page spells it ``Not approved``), blank when none was set.
REVIEW_COLUMNS = {
    "ReviewState": ReviewColumn(
        "ODK Central",
        rejecting=frozenset({"rejected"}),
        flagging=frozenset({"hasissues"}),
        accepting=frozenset({"", "received", "edited", "approved"}),
        rejected="rejected in ODK Central",
        flagged="marked as having issues in ODK Central",
        state_name="review state",
        how_to_reject="reject it in ODK Central",
        written=("received", "hasIssues", "edited", "approved", "rejected"),
    ),
    "_validation_status": ReviewColumn(
        "KoboToolbox",
        rejecting=frozenset({"validation_status_not_approved", "not approved"}),
        flagging=frozenset({"validation_status_on_hold", "on hold"}),
        accepting=frozenset({"", "validation_status_approved", "approved"}),
        rejected="not approved in KoboToolbox",
        flagged="on hold in KoboToolbox",
        state_name="validation status",
        how_to_reject="set its validation status to Not approved in KoboToolbox",
        written=("validation_status_approved", "validation_status_not_approved", "validation_status_on_hold"),
    ),
}

#: The platform's columns civdata reads that an export may have once: a second could say
#: otherwise than the first of whether a row counts, and of which. (A date is read from the first
#: of the date columns that holds one: a repeated one changes nothing.)
_READ_ONCE_COLUMNS = frozenset((*ID_COLUMNS, *FORM_VERSION_COLUMNS, ENCRYPTION_COLUMN, *REVIEW_COLUMNS))


#: Another row of a submission thrown out on the platform: its row, whether it is thrown out too,
#: and whether it is a copy of the row it is named with (the same instance id), not another version.
OtherRow = tuple[int, bool, bool]


@record
class Review:
    """A row's review cell that says something: the submission was thrown out (``rejected``),
    flagged for review (``flagged``), or holds a value its platform does not write (``unknown``).
    A row skipped because another row of its submission was thrown out has the review of its own
    cell in that column, which may say the submission is ``accepted``."""

    row: int
    #: The cell's column, 1-based, and its header (a key of :data:`REVIEW_COLUMNS`).
    column: int
    header: str
    value: str
    kind: str  # "rejected", "flagged", "unknown"
    #: :func:`~civdata.imported_files.submission_key` of the row's id, or empty: to find an earlier import's file of it.
    key: str = ""
    #: For a row of a submission thrown out: its other rows (copies and versions), all skipped too.
    others: tuple[OtherRow, ...] = ()

    @property
    def platform(self) -> ReviewColumn:
        return REVIEW_COLUMNS[self.header]


def review_of(header: str, value: str) -> str | None:
    """What a review cell under ``header`` says: ``rejected``, ``flagged``, ``unknown``, or None for
    a submission accepted or not reviewed. Case and spacing are ignored: a spreadsheet or a person
    may have retyped the cell."""
    column = REVIEW_COLUMNS[header]
    text = " ".join(value.split()).casefold()
    if text in column.rejecting:
        return "rejected"
    if text in column.flagging:
        return "flagged"
    return None if text in column.accepting else "unknown"


def _another_form(header: Header, layout: FormLayout, sheet_read: str) -> str | None:
    """Why an export read with ``--rubric`` is taken for another form's: none of the fields every
    civdata form fills in (its rubric, version and role), and fewer than half of the rubric's
    questions. A field review: an intake form's export sharing one column name ('retention')
    with the rubric was imported, read as the current version, with no role, exit 0, by
    following the advice to pass --rubric for an export without the rubric's column. One with no
    question at all is :func:`read_header`'s to say."""
    if not header.questions or header.fixed.keys() & {RUBRIC_FIELD, VERSION_FIELD, ROLE_FIELD}:
        return None
    if 2 * len(header.questions) >= len(layout.questions):
        return None
    named = quoted_list(sorted(header.questions))
    return (
        f"this export{sheet_read} has none of the columns every civdata form writes ('{RUBRIC_FIELD}', "
        f"'{VERSION_FIELD}', '{ROLE_FIELD}'), and {len(header.questions)} of the {len(layout.questions)} "
        f"questions of rubric '{layout.rubric.id}' ({named}): it looks like the export of another form; "
        "import the submissions of the form `civdata export xlsform` made from this rubric"
    )


def row_reviews(header: Header, row: int, cells: list[str], key: str) -> list[Review]:
    """What a row's review cells say, those that say anything (see :func:`review_of`)."""
    found = []
    for name, index in header.reviews.items():
        value = _cell(cells, index)
        kind = review_of(name, value)
        if kind is not None:
            found.append(Review(row, index + 1, name, value, kind, key))
    return found


#: What a 1/0 column of a choice holds, read by :func:`_choice_cell` (``1.0`` is ``1``).
_CHOSEN = frozenset({"1", "true", "True", "TRUE"})
_NOT_CHOSEN = frozenset({"", "0", "false", "False", "FALSE"})
#: A choice name in the header of a select_multiple's 1/0 column (see :mod:`civdata.form_layout`).
_CHOICE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_FIXED = (RUBRIC_FIELD, VERSION_FIELD, INITIATIVE_FIELD, ROLE_FIELD, NAME_FIELD, ORGANISATION_FIELD)


@record
class Column:
    """What a header names: a question's answer, one choice of it (``choice``), its note, or a
    field civdata adds (``question`` is then that field's name); and where the question is."""

    kind: str  # "answer", "choice", "note", "fixed"
    question: str
    choice: str | None = None
    #: "current": in its group on the rubric's form (or in none); "moved": in another group, one an
    #: older version of the form had it in (``group``); "former": a question only an older version had.
    place: str = "current"
    group: str = ""


#: The fields civdata adds to every form, outside any group, by header.
_FIXED_COLUMNS = {name: Column("fixed", name) for name in _FIXED}


def _spellings(path: str, group: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """Every header an export may give the field ``path`` of ``group`` (with each group separator,
    or without the group), each with what may join a choice's name to it (``/``, or the group
    separator too) in the header of a 1/0 column."""
    spellings = [(f"{group}{separator}{path}", separator) for separator in SEPARATORS] if group else []
    spellings.append((path, "/"))
    return [(spelling, tuple(dict.fromkeys(("/", separator)))) for spelling, separator in spellings]


#: How an export may spell the columns of a form's questions: with their group joined by one of
#: :data:`SEPARATORS`, or without it (None: KoboToolbox's "include groups in headers" turned off).
#: An export spells every column one way, decided from its header as a whole (:func:`header_style`).
STYLES: tuple[str | None, ...] = (*SEPARATORS, None)
#: The fields of the group ``meta`` an export may have without their group (see :func:`meta_name`).
_META_FIELDS = frozenset({"instanceID", "rootUuid", "deprecatedID", "instanceName"})


def spelled_names(layout: FormLayout, style: str | None) -> dict[str, dict[Column, str | None]]:
    """The header of each column of the form's questions, spelled as ``style`` says (see
    :data:`STYLES`), with what it names, and how (``style``, or None for a question in no group).
    Two questions may be spelled alike (``data-use`` of no group, and ``use`` of group ``data``
    joined by ``-``): the header then names both."""
    names: dict[str, dict[Column, str | None]] = {}

    def add(path: str, column: Column, group: str | None, choices: Iterable[str] = ()) -> None:
        joined = style if group else None
        spelling = f"{group}{style}{path}" if joined else path
        names.setdefault(spelling, {})[column] = joined
        for choice in choices:
            for joiner in dict.fromkeys(("/", joined or "/")):
                names.setdefault(f"{spelling}{joiner}{choice}", {})[Column("choice", column.question, choice)] = joined

    for question in layout.questions:
        group = layout.group(question.area_id)
        multiple = question.type is QuestionType.MULTIPLE_CHOICE
        choices = layout.choice_names(question).values() if multiple else ()
        add(layout.field(question.id), Column("answer", question.id), group, choices)
        add(layout.note_field(question.id), Column("note", question.id), group)
    return names


def header_style(
    cells: Iterable[str], spelled: dict[str | None, dict[str, dict[Column, str | None]]]
) -> list[str | None]:
    """How an export spells its columns (:data:`STYLES`), from its header as a whole: the way that
    names the most of its columns, each column of the group ``meta`` (``meta-instanceID``, or
    ``instanceID`` without its group) counting for the way it is spelled. Several when they tie:
    a column they read as different questions is then a problem (:func:`read_header`)."""
    votes = dict.fromkeys(STYLES, 0)
    for cell in cells:
        text = cell.strip()
        for style in STYLES:
            votes[style] += text in spelled[style]
        meta = next((sep for sep in SEPARATORS if text.startswith(META_GROUP + sep)), "")
        if meta:
            votes[meta] += 1
        elif text in _META_FIELDS:
            votes[None] += 1
    best = max(votes.values())
    return [style for style in STYLES if votes[style] == best]


def _what(column: Column) -> str:
    """What a column of a question holds, in words: ``the answer to 'months'``."""
    return {
        "answer": f"the answer to '{column.question}'",
        "note": f"the note of '{column.question}'",
        "choice": f"choice '{column.choice}' of '{column.question}'",
    }[column.kind]


def _spelled_otherwise(
    text: str,
    styles: list[str | None],
    spelled: dict[str | None, dict[str, dict[Column, str | None]]],
    layout: FormLayout,
) -> str | None:
    """Why a header the export's own spelling (``styles``) does not name is a problem when another
    spelling names a question's column (``months`` in an export of ``lifecycle/months``): a value
    under it would be dropped unread, and the report would count the question as left blank. None
    when no spelling names it (a column of the platform's, say)."""
    others = [
        (column, style)
        for style in STYLES
        if style not in styles
        for column, style in spelled[style].get(text, {}).items()
    ]
    if not others:
        return None
    column, style = others[0]
    ours = next((name for name, columns in spelled[styles[0]].items() if column in columns), None)
    if ours is None:
        return None
    how = "spelled without its group" if style is None else f"spelled with its group joined by '{style}'"
    if styles[0] is None:
        theirs = "are spelled without their group"
    else:
        theirs = "have their group" if style is None else f"have their group joined by '{styles[0]}'"
    return (
        f"column '{text}' is {_what(column)} {how}, but this export's columns {theirs} ('{ours}'): an answer "
        f"in it would be dropped unread; move its answers into column '{ours}', or export again with the "
        "same header settings"
    )


def _described(column: Column, style: str | None, layout: FormLayout) -> str:
    """What a header is read as when it names ``column`` spelled with ``style`` (see :func:`spelled_names`)."""
    what = _what(column)
    if style is None:
        return f"{what} (a header without its group)"
    group = layout.group(layout.rubric.question(column.question).area_id)
    return f"{what} (group '{group}' and its name joined by '{style}')"


def _ambiguous(text: str, found: dict[Column, str | None], source: str, index: int, layout: FormLayout) -> Problem:
    """That the header ``text`` may name each column of ``found``, and how to make it say which."""
    read = [_described(column, style, layout) for column, style in found.items()]
    message = (
        f"column '{text}' could be {quoted_list(read, quote='')}: the export's headers do not say which, and "
        "civdata does not guess; export the submissions again with group names in the headers joined by '/' "
        "(KoboToolbox's default)"
    )
    return Problem(source, 1, index + 1, message)


def choice_column_starts(layout: FormLayout) -> dict[str, tuple[str, str]]:
    """How the header of a 1/0 column of each select_multiple starts, in the question's own group
    (or none), whatever the choice: each with the question's id and field, longest first. A column
    of a choice the rubric does not have (one a newer form dropped, or a spreadsheet added) is
    still a column of the question's, and a tick in it is an answer the loader explains."""
    starts: dict[str, tuple[str, str]] = {}
    for question in layout.questions:
        if question.type is not QuestionType.MULTIPLE_CHOICE:
            continue
        field_name = layout.field(question.id)
        for spelling, joiners in _spellings(field_name, layout.group(question.area_id)):
            for joiner in joiners:
                starts.setdefault(spelling + joiner, (question.id, field_name))
    return dict(sorted(starts.items(), key=lambda item: -len(item[0])))


def _unknown_choice_column(
    text: str, starts: dict[str, tuple[str, str]], elsewhere: dict[str, Elsewhere]
) -> Column | None:
    """The column of a choice the rubric does not have of a select_multiple under its own group
    (see :func:`choice_column_starts`); not when what follows the group is the field of another
    question, such as a removed one whose id starts with this one's (``safeguards-old``)."""
    for start, (qid, field_name) in starts.items():
        if not text.startswith(start):
            continue
        choice = text[len(start) :]
        after_group = text[len(start) - len(field_name) - 1 :]
        longer = any(len(name) > len(field_name) and after_group.startswith(name) for name in elsewhere)
        if _CHOICE_NAME.fullmatch(choice) and not longer:
            return Column("choice", qid, choice)
    return None


def former_fields(layout: FormLayout, cells: Iterable[str]) -> dict[str, str]:
    """The fields of questions an older version of the form had and the rubric no longer has, each
    with its question id, longest first: those the rubric's ``changes`` list and it no longer has,
    and those whose note column (``ID__note``, a field only a civdata form has) is in the export but
    is no question's of the rubric (a removal the rubric does not record). Their group is unknown
    (the area may be gone too): a note column's group is taken off when it is one of the rubric's,
    else what follows the last ``/`` or ``:`` is the field, unless it ends in a question's field
    after a separator (``old-area-question``): that is a question moved from a group the rubric no
    longer has, whose answers are the question's own."""
    rubric = layout.rubric
    found = {
        xml_name(qid): qid for change in rubric.changes for qid in change.questions if not rubric.has_question(qid)
    }
    known = {name for style in STYLES for name in spelled_names(layout, style)}
    current = moved_fields(layout)
    groups = sorted({layout.group(area.id) for area in rubric.areas}, key=len, reverse=True)
    for cell in cells:
        text = cell.strip()
        if not text.endswith(NOTE_SUFFIX) or text in known:
            continue
        stem = text.removesuffix(NOTE_SUFFIX)
        prefix = next((f"{group}{sep}" for group in groups for sep in SEPARATORS if stem.startswith(group + sep)), "")
        name = stem.removeprefix(prefix) if prefix else _last_part(stem)
        qid = question_id(name)
        if qid is not None and not rubric.has_question(qid) and _suffix_column(name, current) is None:
            found.setdefault(name, qid)
    return dict(sorted(found.items(), key=lambda item: -len(item[0])))


#: A field of a question found outside its place: its question id, "moved" or "former", and for a
#: moved question its own group, under which a header is never another version's.
Elsewhere = tuple[str, str, str]


def moved_fields(layout: FormLayout) -> dict[str, Elsewhere]:
    """The field of every question on the form, as a question an older form may have had in another
    group, longest first."""
    fields = {
        layout.field(question.id): (question.id, "moved", layout.group(question.area_id))
        for question in layout.questions
    }
    return dict(sorted(fields.items(), key=lambda item: -len(item[0])))


def _suffix_column(text: str, fields: dict[str, Elsewhere]) -> Column | None:
    """What a header names of a question in another group than its own: one of ``fields`` (longest
    first), as its answer, note, or one choice (``question/choice``), after a group and separator.
    A moved question needs a group, and another than its own: without one, or under its own (the
    column of a choice the form no longer has), its header is not another version's."""
    for name, (qid, place, own_group) in fields.items():
        start = text.rfind(name)
        while start >= 0:
            separator = text[start - 1] if start else "/"
            group = text[: max(start - 1, 0)]
            if separator in SEPARATORS and (place == "former" or (start and group != own_group)):
                rest = text[start + len(name) :]
                if not rest:
                    return Column("answer", qid, place=place, group=group)
                if rest == NOTE_SUFFIX:
                    return Column("note", qid, place=place, group=group)
                if rest[0] in ("/", separator) and _CHOICE_NAME.fullmatch(rest[1:]):
                    return Column("choice", qid, rest[1:], place=place, group=group)
            start = text.rfind(name, 0, start)
    return None


@dataclass
class Columns:
    """Where the answer to one question is (0-based): its column, or its 1/0 columns of one choice
    each, and its note."""

    answer: int | None = None
    choices: dict[str, int] = field(default_factory=dict)
    note: int | None = None

    def put(self, column: Column, index: int) -> None:
        if column.kind == "answer":
            self.answer = index
        elif column.kind == "note":
            self.note = index
        else:
            assert column.choice is not None
            self.choices[column.choice] = index

    def filled(self, cells: list[str]) -> int | None:
        """The first of these columns that holds something in this row (a choice column: a chosen
        choice, or a cell that is not 1 or 0), if any."""
        for index in (self.answer, self.note):
            if _cell(cells, index):
                return index
        return next((index for index in self.choices.values() if _choice_cell(cells, index) not in _NOT_CHOSEN), None)


@dataclass
class Header:
    """Where each thing is in the export's columns (0-based)."""

    questions: dict[str, Columns] = field(default_factory=dict)
    #: The columns of a question in each other group an older version of the form had it in.
    moved: dict[str, dict[str, Columns]] = field(default_factory=dict)
    fixed: dict[str, int] = field(default_factory=dict)
    #: The columns of questions only an older version of the form had.
    former: dict[str, Columns] = field(default_factory=dict)
    #: The column of each of :data:`ID_COLUMNS` the export has, by its place in that list.
    ids: dict[int, int] = field(default_factory=dict)
    #: The column of each of :data:`DATE_COLUMNS` the export has, by its place in that list.
    dates: dict[int, int] = field(default_factory=dict)
    form_version: int | None = None
    #: ODK Central's :data:`ENCRYPTION_COLUMN`, in the export of an encrypted form.
    encryption: int | None = None
    #: The columns that are neither the form's nor the platform's (a question added to the form
    #: on the platform, a column added to the export), left unread: (column, header).
    unread: list[tuple[int, str]] = field(default_factory=list)

    def shows_edits(self) -> bool:
        """Whether a row can be told to be an edit: the export has a column of the id that stays
        (:data:`ROOT_COLUMNS`) and one of the id of each version (:data:`INSTANCE_COLUMNS`)."""
        return any(rank < len(ROOT_COLUMNS) for rank in self.ids) and any(
            rank >= len(ROOT_COLUMNS) for rank in self.ids
        )

    #: The column of each of :data:`REVIEW_COLUMNS` the export has, by its header.
    reviews: dict[str, int] = field(default_factory=dict)

    def answer_columns(self) -> tuple[int, ...]:
        """Every column of the form's the export has: the respondent's, the answers and notes of
        every question (also those of an older version of the form). Two copies of a submission
        hold the same in these; the platform's own columns (its row number) may differ."""
        groups = [*self.questions.values(), *self.former.values()]
        groups += [columns for moved in self.moved.values() for columns in moved.values()]
        indices = set(self.fixed.values())
        for columns in groups:
            indices.update(index for index in (columns.answer, columns.note) if index is not None)
            indices.update(columns.choices.values())
        return tuple(sorted(indices))

    def groups_rows(self) -> bool:
        """Whether what becomes of a row may depend on a later row of its submission: an edit
        after the version it replaces (:meth:`shows_edits`), or a copy thrown out on the platform
        after one that is not (a review column and an id column)."""
        return self.shows_edits() or bool(self.reviews and self.ids)


def read_header(cells: list[str], layout: FormLayout, source: str, sheet: str = "") -> tuple[Header, list[Problem]]:
    """The columns of an export, and the problems with its header row (row 1). ``sheet`` says why
    that sheet of a workbook was read (`` in this sheet (the first of 2; ...)``), when that is in
    question."""
    spelled = {style: spelled_names(layout, style) for style in STYLES}
    styles = header_style(cells, spelled)
    elsewhere: dict[str, Elsewhere] = {name: (qid, "former", "") for name, qid in former_fields(layout, cells).items()}
    elsewhere |= {name: moved for name, moved in moved_fields(layout).items() if name not in elsewhere}
    elsewhere = dict(sorted(elsewhere.items(), key=lambda item: -len(item[0])))
    starts = choice_column_starts(layout)
    header = Header()
    problems: list[Problem] = []
    seen: dict[Column, int] = {}
    platform_seen: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = cell.strip()
        found = {column: style for style in styles for column, style in spelled[style].get(text, {}).items()}
        if len(found) > 1:
            problems.append(_ambiguous(text, found, source, index, layout))
            continue
        column = next(iter(found), None) or _FIXED_COLUMNS.get(text)
        if column is None and (repeated := _repeated_platform_column(text, index, platform_seen)) is not None:
            problems.append(Problem(source, 1, index + 1, repeated))
            continue
        meta = column is None and _meta_column(header, text, index)
        if column is None and not meta:
            column = _unknown_choice_column(text, starts, elsewhere) or _suffix_column(text, elsewhere)
        if column is None:
            if not meta and (unread := _spelled_otherwise(text, styles, spelled, layout)) is not None:
                problems.append(Problem(source, 1, index + 1, unread))
            elif not meta and text and not platform_column(text):
                header.unread.append((index, text))
            continue
        if column in seen:
            problems.append(
                Problem(
                    source,
                    1,
                    index + 1,
                    f"column '{text}' is column {seen[column] + 1} of the form again (the same header, "
                    "whatever each holds); keep the one that holds the answers, and delete the other",
                )
            )
            continue
        seen[column] = index
        _place(header, column, index)
    if not problems and not any(columns.answer is not None or columns.choices for columns in header.questions.values()):
        problems.append(
            Problem(
                source,
                1,
                1,
                f"no column of this export{sheet} is a question of rubric '{layout.rubric.id}'; export the "
                "submissions of a "
                "form made by `civdata export xlsform` for this rubric, with XML values and headers (not labels)",
            )
        )
    return header, problems


def _place(header: Header, column: Column, index: int) -> None:
    """Note that ``column`` is at ``index``."""
    if column.kind == "fixed":
        header.fixed[column.question] = index
    elif column.place == "current":
        header.questions.setdefault(column.question, Columns()).put(column, index)
    elif column.place == "moved":
        header.moved.setdefault(column.question, {}).setdefault(column.group, Columns()).put(column, index)
    else:
        header.former.setdefault(column.question, Columns()).put(column, index)


def meta_name(text: str) -> str:
    """The name a column of the collecting platform's has in this module's lists (:data:`ID_COLUMNS`,
    :data:`DATE_COLUMNS`, :data:`FORM_VERSION_COLUMNS`, :data:`REVIEW_COLUMNS`): its header without
    the group :data:`META_GROUP` and the separator that joins it, whichever of :data:`SEPARATORS`
    the export uses (``meta/rootUuid``, ``meta-rootUuid``, ``meta.rootUuid``), as a form's own
    fields are matched with any separator (:func:`spelled_names`). The one rule for every such
    column: one matched by a list of spellings misses the separator nobody wrote down."""
    for separator in SEPARATORS:
        if text.startswith(META_GROUP + separator):
            return text[len(META_GROUP) + len(separator) :]
    return text


def platform_column(text: str) -> bool:
    """Whether the column ``text``, which civdata does not read (those :func:`_meta_column` notes are
    told apart before), is one a platform adds to exports (:data:`PLATFORM_COLUMNS`): left without
    a word."""
    formhub = tuple(f"formhub{separator}" for separator in SEPARATORS)
    return text.startswith(("_", *formhub)) or meta_name(text) != text or text in PLATFORM_COLUMNS


def _repeated_platform_column(text: str, index: int, seen: dict[str, int]) -> str | None:
    """Why column ``index`` cannot be read, when it repeats a column of the platform's that
    civdata reads (a submission's id, form version or review state, :func:`_meta_column`);
    None otherwise, noting it in ``seen``. Only the first would be read: a second review column
    saying a submission was rejected (an export put together by hand) would let it count without
    a word."""
    name = meta_name(text)
    if name not in _READ_ONCE_COLUMNS:
        return None
    if name not in seen:
        seen[name] = index
        return None
    return (
        f"column '{text}' repeats column {seen[name] + 1}, the platform's '{name}', which civdata reads: one "
        "submission would have two; keep the column the platform wrote, and delete the other"
    )


def _meta_column(header: Header, text: str, index: int) -> bool:
    """Note the columns of the collecting platform that civdata uses, and say whether ``text`` is
    one of them (named as :func:`meta_name` says); every other one is left alone. Every one of
    :data:`ID_COLUMNS` and of :data:`DATE_COLUMNS` is kept, since a row may leave the first blank
    (a submission never edited has no ``meta/rootUuid``) or hold a date there that cannot be read,
    and have its id or its date in the next."""
    name = meta_name(text)
    if name in ID_COLUMNS:
        header.ids.setdefault(ID_COLUMNS.index(name), index)
    elif name in DATE_COLUMNS:
        header.dates.setdefault(DATE_COLUMNS.index(name), index)
    elif name in FORM_VERSION_COLUMNS:
        header.form_version = index
    elif name == ENCRYPTION_COLUMN:
        header.encryption = index
    elif name in REVIEW_COLUMNS:
        header.reviews.setdefault(name, index)
    else:
        return False
    return True


@record
class RowId:
    """The ids of one row: its submission's (empty when the row has none) and its version's (its
    instance id, empty when the export has no column of it or the cell is blank)."""

    submission: str
    instance: str

    @property
    def edited(self) -> bool:
        """Whether the row is an edit of its submission: it has a version of its own, other than
        the first (whose instance id is the submission's)."""
        return bool(self.instance) and self.instance != self.submission


def row_id(header: Header, cells: list[str]) -> RowId:
    """The ids of a row, each the first of its columns (in :data:`ID_COLUMNS` order) that is not
    blank in it, without the ``uuid:`` prefix: a blank ``meta/rootUuid`` (a submission never
    edited) leaves the id to ``_uuid`` beside it, row by row."""
    cells_by_rank = [(rank, _cell(cells, index).removeprefix("uuid:")) for rank, index in sorted(header.ids.items())]
    submission = next((value for _, value in cells_by_rank if value), "")
    instance = next((value for rank, value in cells_by_rank if value and rank >= len(ROOT_COLUMNS)), "")
    return RowId(submission, instance)


@dataclass
class KeptRows:
    """Which row of each submission is read: the first of its rows, unless a later one is an edit
    of it and the first is not (the edit is the newer: docs/field-collection.md). Two edits of one
    submission cannot be ordered from the export: the first read is kept.

    A submission any row of which was thrown out on the platform is read from none of them,
    wherever that row is: its copies (two downloads pasted together, one older) may disagree, and
    one that must not count must not count because a copy that says otherwise came first."""

    rows: dict[str, tuple[int, RowId]] = field(default_factory=dict)
    #: Every row of each submission, with its instance id and whether it was thrown out.
    members: dict[str, list[tuple[int, str, bool]]] = field(default_factory=dict)
    #: The first row thrown out of each submission that has one.
    thrown_out: dict[str, Review] = field(default_factory=dict)

    def offer(self, row: int, ids: RowId, rejected: Review | None = None) -> None:
        kept = self.rows.get(ids.submission)
        if kept is None or (ids.edited and not kept[1].edited):
            self.rows[ids.submission] = (row, ids)
        self.members.setdefault(ids.submission, []).append((row, ids.instance, rejected is not None))
        if rejected is not None:
            self.thrown_out.setdefault(ids.submission, rejected)

    def kept(self, ids: RowId) -> tuple[int, RowId]:
        return self.rows[ids.submission]

    def skipped(self, header: Header, row: int, ids: RowId, cells: list[str], key: str) -> Review | None:
        """The review of a row of a submission thrown out (in this row or another), naming its
        other rows; None when no row of its submission was thrown out."""
        first = self.thrown_out.get(ids.submission)
        if first is None:
            return None
        value = _cell(cells, header.reviews[first.header])
        kind = review_of(first.header, value) or "accepted"
        others = tuple(
            (other, rejected, instance == ids.instance)
            for other, instance, rejected in self.members[ids.submission]
            if other != row
        )
        return Review(row, first.column, first.header, value, kind, key, others)


class _Copies:
    """The answers of the first row of each version of a submission, to tell a copy of it (the
    same instance id: two downloads pasted together) that holds other answers than the row read,
    an export edited by hand, from a copy that is one: the first is named, the second is not."""

    def __init__(self, header: Header) -> None:
        self.header = header
        columns = header.answer_columns()
        #: The form's cells of a row, taken in one call (a row is read once more for this).
        self._cells_of: Callable[[list[str]], Iterable[str]] = (
            operator.itemgetter(*columns) if len(columns) > 1 else lambda cells: [_cell(cells, i) for i in columns]
        )
        #: A row ends at its last cell that holds something, in a workbook: shorter ones are filled.
        self._width = columns[-1] + 1 if columns else 0
        #: Each version's first row, and a digest of its answers.
        self.firsts: dict[str, tuple[int, int]] = {}

    def _digest(self, cells: list[str]) -> int:
        """What the row answers, as it is read: spaces around a cell left out, and ``1.0`` in a
        copy a spreadsheet saved is ``1`` (:func:`whole_number_text`, only where there is a point:
        every row of an export is digested)."""
        if len(cells) < self._width:
            cells = [*cells, *[""] * (self._width - len(cells))]
        return hash(tuple(whole_number_text(c.strip()) if "." in c else c.strip() for c in self._cells_of(cells)))

    def first(self, row: int, ids: RowId, cells: list[str]) -> tuple[int, int]:
        """The first row of the version ``ids`` names, and the digest of its answers (this row's,
        when it is the first)."""
        return self.firsts.setdefault(ids.instance or ids.submission, (row, self._digest(cells)))

    def differing_column(self, cells: list[str], first: tuple[int, int]) -> int | None:
        """The column (1-based) of the id cell of a copy of ``first``'s version whose answers are
        other than that row's; None when they are the same."""
        if self._digest(cells) == first[1]:
            return None
        return next((index for _, index in sorted(self.header.ids.items()) if _cell(cells, index)), 0) + 1


@record
class Imported:
    """One submission read back: its checked answers, its row, and its upgrade when it was made
    with an older version of the rubric."""

    row: int
    answers: AnswerSet
    upgrade: UpgradePlan | None = None
    #: :func:`~civdata.imported_files.submission_key` of its id; empty when the export has no id for it.
    key: str = ""


@dataclass
class ImportSummary:
    """What the import counted: duplicates skipped, and submissions upgraded by version."""

    rows: int = 0
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (row, the row first read)
    #: Of those, the rows whose answers differ from those of the row read (an export edited by
    #: hand): (row, the row read, the column of the row's instance id).
    differing_copies: list[tuple[int, int, int]] = field(default_factory=list)
    #: Rows left out for another version of their submission: (row, the row read), the row read
    #: being an edit made since (``superseded``), or another edit (``other_edits``).
    superseded: list[tuple[int, int]] = field(default_factory=list)
    other_edits: list[tuple[int, int]] = field(default_factory=list)
    #: Rows whose role cell is blank, though the form asks it: an edit of the export. (row, column)
    no_role: list[tuple[int, int]] = field(default_factory=list)
    #: Rows without a role because the export has no role column at all (deleted in an edit).
    no_role_column: int = 0
    #: A warning at each row that answers questions its role is not asked: not counted
    #: (:func:`~civdata.answers_loader.unasked_answers`).
    unasked: list[Problem] = field(default_factory=list)
    #: Rows that answer no question (a form sent before it was filled in, or every answer
    #: cleared): imported, but no voice of their role in a report (``combine``), so said.
    blank: list[int] = field(default_factory=list)
    #: The export's columns that are not read (:attr:`Header.unread`).
    unread: list[tuple[int, str]] = field(default_factory=list)
    #: Rows with date cells of which none could be read (a spreadsheet rewrote them), each with
    #: the first of those columns: their answers files have no date.
    undated: list[tuple[int, str]] = field(default_factory=list)
    upgraded: dict[str, list[int]] = field(default_factory=dict)  # version -> rows
    #: Rows made with a version of the rubric whose answers it cannot read (another MAJOR, or a
    #: newer one), left out of this import, each with the problem it would be alone: an export of
    #: a form replaced by a new MAJOR version holds both, and is imported once with each rubric.
    other_versions: list[Problem] = field(default_factory=list)
    #: Rows made with another PATCH version of the rubric, read as they are: version -> rows.
    same_questions: dict[str, list[int]] = field(default_factory=dict)
    #: For each older version, the questions whose answers were left blank in some submission
    #: (changed since, or no longer a valid answer), with what was answered then in a comment.
    reasked: dict[str, set[str]] = field(default_factory=dict)
    #: Rows skipped because the facilitator threw them out on the platform, or threw out another
    #: row of their submission (see :class:`Review`).
    rejected: list[Review] = field(default_factory=list)
    #: Rows read and counted whose review cell flags them, or holds a value civdata does not know.
    flagged: list[Review] = field(default_factory=list)
    #: Without a report: the submissions that could not be combined in one (another initiative).
    disagreements: list[Problem] = field(default_factory=list)
    #: :func:`~civdata.imported_files.submission_key` of every submission with an id in the export, whatever became of
    #: its rows (read, repeated, left out for another version, thrown out): an earlier import's
    #: file of any other is of a submission this export does not have (:func:`files_of_others`).
    keys: set[str] = field(default_factory=set)

    @property
    def submissions(self) -> int:
        """How many submissions were taken: the rows less those repeated, left out for another
        version of their submission, or rejected."""
        return self.rows - self.left_out - len(self.rejected) - len(self.other_versions)

    @property
    def thrown_out(self) -> int:
        """How many submissions were thrown out on the platform (each in one row or more)."""
        return len({review.key or f"row {review.row}" for review in self.rejected})

    @property
    def left_out(self) -> int:
        """Rows left out for another row of their submission: repeated, an earlier version, another edit."""
        return len(self.duplicates) + len(self.superseded) + len(self.other_edits)


class SubmissionStream:
    """The submissions of one export, read and checked one row at a time (see the module docstring).

    Iterating yields each submission as it is read, so an export of thousands of rows is never held
    as answers. Every problem in every row is collected, and raised together once the last row is
    read: a caller that writes files as it goes must be able to take them all back.
    """

    def __init__(
        self,
        path: Path,
        rubric_spec: str | None = None,
        *,
        lang: str | None = None,
        anonymize: bool = False,
        initiative: str | None = None,
        source: str | None = None,
        combine: bool = False,
        other_versions_left_out: bool = False,
    ) -> None:
        self.path = path
        #: ``--other-versions-left-out``: a submission of a version the rubric cannot read (another
        #: MAJOR, or a newer one) is left out with a warning, not a problem (an export of a form
        #: replaced by a new MAJOR version, imported once with each version's rubric).
        self.other_versions_left_out = other_versions_left_out
        #: Whether the submissions are combined in one report (``--report``): then they must be
        #: about one initiative, as answers files in a report must (:func:`disagreement_problems`).
        #: Otherwise those differences are only noted (:attr:`ImportSummary.disagreements`).
        self.combine = combine
        self.facts: list[YamlDocument] = []
        self.source = source if source is not None else str(path)
        self.rubric_spec = rubric_spec
        self.lang = lang
        self.anonymize = anonymize
        self.initiative = initiative
        self.problems: list[Problem] = []
        self.summary = ImportSummary()
        self._rubric: Rubric | None = None
        self._rows: Iterator[list[str]] | None = None
        self._table: Table | None = None
        self._header_cells: list[str] = []
        #: The first row that is not blank after the header, and how many blank rows come before it.
        self._first: list[str] | None = None
        self._blank_before = 0
        #: The rows after the first read while looking for the rubric's (:meth:`_rubric_row`).
        self._ahead: list[list[str]] = []
        #: The row whose rubric cell chose the rubric, when no --rubric did (:meth:`_named_rubric`).
        self.rubric_row: int | None = None
        #: The bundled rubric file that row named, to load it in another language (:meth:`_rubric_in`).
        self._rubric_file: Path | None = None

    def rubric(self) -> Rubric:
        """The rubric: ``--rubric``, else the bundled one the first submission not thrown out names."""
        try:
            return self._read_rubric()
        except InputError as error:
            raise InputError(self.in_sheet(error.problems)) from None

    @property
    def sheet(self) -> str | None:
        """The name of the workbook's sheet the submissions are read from; None for a CSV file, or
        before reading started."""
        return self._table.title if self._table is not None else None

    def in_sheet(self, problems: list[Problem]) -> list[Problem]:
        """``problems``, each of a row of the export's sheet naming that sheet (see :class:`Problem`):
        a workbook has several, and the row and column alone do not say which one they are in. The
        one way a problem or warning about a row is given its sheet, here and in the command."""
        title = self.sheet
        if title is None:
            return problems
        return [
            replace(problem, sheet=title) if problem.source == self.source and problem.line > 0 else problem
            for problem in problems
        ]

    def _read_rubric(self) -> Rubric:
        if self._rubric is not None:
            return self._rubric
        try:
            data = read_regular_file(self.path, role="the submissions export", limit=EXPORT_LIMIT)
        except ReadRefused as refused:
            raise InputError([Problem(self.source, 0, 0, refused.reason)]) from None
        self._table = Table(self.path, data, self.source, wanted=_has_civdata_fields)
        self._rows = iter(self._table)
        self._header_cells = next(self._rows, [])
        self._first = next(self._rows, None)
        while self._first is not None and blank_row(self._first):
            self._blank_before += 1
            self._first = next(self._rows, None)
        if self._table.problems and self._first is None:  # unreadable before the first submission
            raise InputError(self._table.problems)
        not_an_export = _not_an_export(self.path)
        if not_an_export is not None and not _has_civdata_fields(self._header_cells):
            raise InputError([Problem(self.source, 0, 0, not_an_export)])
        if blank_row(self._header_cells):
            raise InputError([Problem(self.source, 0, 0, "the export is empty: it has no header row")])
        self.problems.extend(self._unread_sheets())
        try:
            if self.rubric_spec is not None:
                self._rubric = load_rubric_spec(self.rubric_spec, lang=self.lang)
            else:
                self._rubric_file = self._named_rubric()
                self._rubric = load_rubric(self._rubric_file, lang=self.lang)
        except InputError as error:  # said with the sheets left unread, all at once
            raise InputError([*self.problems, *error.problems]) from None
        return self._rubric

    def _rubric_in(self, lang: str) -> Rubric:
        """The rubric in another of its languages, found as it was (``--rubric``, or the bundled
        rubric the export names): to tell an export of labels in that language (:class:`LabelCells`)."""
        if self._rubric_file is not None:
            return load_rubric(self._rubric_file, lang=lang)
        return load_rubric_spec(self.rubric_spec, lang=lang)

    def _named_rubric(self) -> Path:
        cells = [cell.strip() for cell in self._header_cells]
        column = next((index for index, cell in enumerate(cells) if _last_part(cell) == RUBRIC_FIELD), None)
        if column is None and {"type", "name"} <= set(cells):
            message = (
                "this is a form (an XLSForm's questions), not the submissions made with it: upload it to "
                "KoboToolbox or ODK Central, collect, then import the submissions downloaded from there"
            )
            raise InputError([Problem(self.source, 1, 1, message)])
        # One sheet of several, none with civdata's columns, may be a read-me before the data.
        if column is None and not self._sheet_read() and not _names_a_question(cells):
            message = (
                f"no column '{RUBRIC_FIELD}', nor any named after a question of civdata's "
                "bundled rubric: this looks like the export of another form. Import the submissions of the form "
                "`civdata export xlsform` made (if it was made from a rubric of your own, pass that rubric with "
                "--rubric)"
            )
            raise InputError([Problem(self.source, 1, 1, message)])
        if column is None:
            message = (
                f"no column '{RUBRIC_FIELD}'{self._sheet_read()}, which every form made by "
                "`civdata export xlsform` has; "
                "pass the rubric with --rubric, or export the submissions with XML values and headers (not labels)"
            )
            raise InputError([Problem(self.source, 1, 1, message)])
        if self._first is None:
            raise InputError([Problem(self.source, 1, 1, "the export has no submissions, only its header row")])
        row, cells = self._rubric_row()
        self.rubric_row = row
        rubric_id = _cell(cells, column)
        return bundled_rubric_file(rubric_id, lambda message: Problem(self.source, row, column + 1, message))

    def _rubric_row(self) -> tuple[int, list[str]]:
        """The first row that is not blank and not thrown out on the platform, and its number: a
        rejected test submission, made with a form replaced since, may name a rubric that is not
        bundled, and stops nothing (docs/field-collection.md). The rows read past are kept for
        :meth:`_submissions`. When every row was thrown out, the first (the import then says that
        there is nothing to import, if its rubric can be read)."""
        assert self._first is not None and self._rows is not None
        meta = Header()
        for index, cell in enumerate(self._header_cells):
            _meta_column(meta, cell.strip(), index)
        number, cells = 2 + self._blank_before, self._first
        while any(review.kind == "rejected" for review in row_reviews(meta, number, cells, "")):
            following = next(self._rows, None)
            if following is None:
                return 2 + self._blank_before, self._first
            self._ahead.append(following)
            if not blank_row(following):
                number, cells = 2 + self._blank_before + len(self._ahead), following
        return number, cells

    def _unread_sheets(self) -> list[Problem]:
        """A problem naming the other sheets of a workbook that have civdata's columns too: one
        sheet is read, and the submissions on the others would be dropped without a word. (A
        KoboToolbox export's sheets of repeat groups have other columns, and are left alone.)"""
        table = self._table
        if table is None or not table.unread:
            return []
        names = [f"'{name}'" for name in table.unread]
        listed = and_list(names)
        several = len(names) > 1
        message = (
            f"{'sheets' if several else 'sheet'} {listed} {'have' if several else 'has'} civdata's columns too, "
            f"and civdata reads one sheet (here '{table.read}'): put {'their' if several else 'its'} rows under "
            f"those of '{table.read}', or save each sheet as a CSV file and import each one into the same folder "
            "(-o FOLDER, with --force after the first)"
        )
        return [Problem(self.source, 0, 0, message)]

    def _sheet_read(self) -> str:
        """That the sheet of a workbook read is the first, because none of several has civdata's
        columns (to say with a problem of the header, which names the sheet); nothing otherwise."""
        table = self._table
        if table is None or table.sheet is None:
            return ""
        return f" in this sheet (the first of {table.sheets}; none has civdata's columns)"

    def __iter__(self) -> Iterator[Imported]:
        try:
            yield from self._submissions()
        except InputError as error:
            raise InputError(self.in_sheet(error.problems)) from None

    def _submissions(self) -> Iterator[Imported]:
        rubric = self.rubric()
        assert self._rows is not None and self._table is not None
        layout = FormLayout(rubric)
        sheet_read = self._sheet_read()
        header, problems = read_header(self._header_cells, layout, self.source, sheet_read)
        if (another := _another_form(header, layout, sheet_read)) is not None:  # the one thing to say
            raise InputError([*self.problems, Problem(self.source, 1, 1, another)])
        # An export with none of the form's columns is one problem; each of its columns is not news.
        self.summary.unread = header.unread if header.questions else []
        self.problems.extend(problems)
        if RUBRIC_FIELD not in header.fixed and self.rubric_spec is None:
            self.problems.append(Problem(self.source, 1, 1, f"no column '{RUBRIC_FIELD}'"))
        if problems:
            raise InputError(self.problems)
        reader = _RowReader(self, layout, header)
        labels = LabelCells(rubric, header, layout)
        start = 2 + self._blank_before
        rows: Iterable[list[str]] = (
            self._rows if self._first is None else itertools.chain([self._first], self._ahead, self._rows)
        )
        # Which row of each submission is read is known before the first is, when a later row may
        # be an edit of an earlier one, or a copy thrown out on the platform: the rows, parsed once,
        # are kept for a first pass over their ids and review cells (an export is at most
        # MAX_EXPORT_BYTES). Else it is the first, decided as rows come.
        known = None
        if header.groups_rows():
            rows = list(rows)
            known = _kept_rows(header, rows, start)
        kept = known or KeptRows()
        copies = _Copies(header)
        for row_number, cells in enumerate(rows, start=start):
            if self._not_a_submission(row_number, cells):
                continue
            self.summary.rows += 1
            ids = row_id(header, cells)
            key = submission_key(ids.submission) if ids.submission else ""
            if ids.submission:
                self.summary.keys.add(key)
                if known is None:
                    kept.offer(row_number, ids)
                skipped = kept.skipped(header, row_number, ids, cells, key)
                if skipped is not None:
                    self.summary.rejected.append(skipped)
                    continue
                first_copy = copies.first(row_number, ids, cells)
                if self._left_out(row_number, ids, kept.kept(ids), partial(copies.differing_column, cells, first_copy)):
                    continue
            if self._rejected(row_reviews(header, row_number, cells, key)):
                continue
            if self._not_decrypted(header, row_number, cells):
                continue
            labels.count(row_number, cells)
            imported = reader.read(row_number, cells, key)
            if imported is not None:
                yield imported
        self._finish(labels)

    def _finish(self, labels: LabelCells) -> None:
        """Once every row is read: the problems of the export as a whole, and those of its rows,
        all at once; or, for an export of labels, the one problem that says so (every label would
        be a problem of its own, and each word of an option's, none saying what happened)."""
        assert self._table is not None
        export_of_labels = labels.problem(self.source, self._rubric_in)
        if export_of_labels is not None:
            self.problems[:] = [export_of_labels]
        self.problems.extend(self._table.problems)
        if self.summary.rows == 0:
            self.problems.append(Problem(self.source, 1, 1, "the export has no submissions, only its header row"))
        elif self.summary.other_versions and self.summary.submissions == 0:
            self.problems.extend(self.summary.other_versions)  # none of this rubric's version: each says why
        elif self.summary.rejected and self.summary.submissions == 0:
            self.problems.append(self._all_rejected())
        self._check_combination()
        if self.problems:
            raise InputError(self.problems)

    def _not_a_submission(self, row: int, cells: list[str]) -> bool:
        """Whether a row holds no submission: it is blank, or repeats the header (a problem)."""
        if blank_row(cells):
            return True
        if repeats_header(cells, self._header_cells):
            self.problems.append(Problem(self.source, row, 1, REPEATED_HEADER))
            return True
        return False

    def _left_out(
        self, row: int, ids: RowId, kept: tuple[int, RowId], differing_column: Callable[[], int | None]
    ) -> bool:
        """Whether the row is left out for another row of its submission (``kept``), noted in the
        summary: the same version again (its answers compared with the row read's only then, by
        ``differing_column``), an earlier version of an edit, or another edit."""
        kept_row, kept_ids = kept
        if kept_row == row:
            return False
        if kept_ids.instance == ids.instance:
            self.summary.duplicates.append((row, kept_row))
            if (column := differing_column()) is not None:
                self.summary.differing_copies.append((row, kept_row, column))
        elif ids.edited:
            self.summary.other_edits.append((row, kept_row))
        else:
            self.summary.superseded.append((row, kept_row))
        return True

    def warnings(self) -> list[Problem]:
        """What is read, or not, but should be looked at, where it is: the columns not read; each
        submission without a role, which the form asks (a role cell left blank by an edit of the
        export); each copy of a submission whose answers differ from the copy read; each that
        answers no question; and each that answers questions its role is not asked, which are not
        counted."""
        roles = quoted_list(role.id for role in self.rubric().roles)
        message = (
            "warning: this submission has no role, which the form asks of everyone (was the export edited?); "
            f"it is read as a respondent without a role, asked every question: write its role ({roles}) here"
        )
        no_role = [Problem(self.source, row, column, message) for row, column in self.summary.no_role]
        if self.summary.no_role_column:
            count = self.summary.no_role_column
            no_role.append(
                Problem(
                    self.source,
                    1,
                    1,
                    f"warning: this export has no column '{ROLE_FIELD}', which every form civdata makes has (was it "
                    f"deleted?), so {plural(count, 'submission')} {verb(count, 'is', 'are')} read as "
                    f"{verb(count, 'a respondent', 'respondents')} without a role, asked every question, and no role "
                    "is heard: export the submissions again "
                    "with every column",
                )
            )
        differing = [
            Problem(
                self.source,
                row,
                column,
                f"warning: this row repeats the submission of row {read} (the same instance id), but its answers "
                f"differ from that row's (was the export edited?); row {read} is read, this one is not: check which "
                "is right, and delete the other row",
            )
            for row, read, column in self.summary.differing_copies
        ]
        return self.in_sheet(
            self._unread_columns()
            + sorted(no_role + differing + self._other_versions() + self._blank() + self._unasked())
        )

    def _other_versions(self) -> list[Problem]:
        """One warning per version of the rubric whose rows were left out (another MAJOR version,
        or a newer one), at its first row: how many, which rows, and to import them with that
        version's rubric. After a MAJOR version, KoboToolbox's "Replace form" keeps every
        submission in one export: its earlier rows were refused, and nothing could be imported."""
        by_version: dict[str, list[Problem]] = {}
        for problem in self.summary.other_versions:
            by_version.setdefault(problem.message, []).append(problem)
        warnings = []
        for message, problems in by_version.items():
            rows = [problem.line for problem in problems]
            shown = first_listed([str(row) for row in rows], 10)
            first = problems[0]
            warnings.append(
                replace(
                    first,
                    message=(
                        f"warning: {message}: {plural(len(rows), 'submission')} of that version "
                        f"(row{'s' if len(rows) > 1 else ''} {shown}) {verb(len(rows), 'is', 'are')} left out of "
                        "this import"
                    ),
                )
            )
        return warnings

    def _blank(self) -> list[Problem]:
        """The warning of each submission that answers no question. Such a submission is imported
        (it is what was sent), but a report lists it apart and counts nothing of it, not even a voice
        of its role, which the person who collected it should know before the report says a role is
        missing."""
        message = (
            "warning: this submission answers no question (was the form sent before it was filled in?): a report "
            "lists it apart and counts nothing of it, not even a voice of its role; if it was a mistake, reject it on "
            "the platform and export again"
        )
        return self._first_named(
            [Problem(self.source, row, 1, message) for row in self.summary.blank],
            lambda count, rows: (
                f"warning: {plural(count, 'more submission')} {verb(count, 'answers', 'answer')} no question, in "
                f"{verb(count, 'row', 'rows')} {rows}: counted in nothing either"
            ),
        )

    def _unasked(self) -> list[Problem]:
        """The warning of each row that answers questions its role is not asked."""
        return self._first_named(
            self.summary.unasked,
            lambda count, rows: (
                f"warning: {plural(count, 'more submission')} {verb(count, 'answers', 'answer')} questions "
                f"{verb(count, 'its', 'their')} role is not asked, in {verb(count, 'row', 'rows')} {rows}: those "
                "answers are not counted either"
            ),
        )

    def _first_named(self, warnings: list[Problem], of_the_rest: Callable[[int, str], str]) -> list[Problem]:
        """The first :data:`UNASKED_NAMED` of ``warnings``, then one at the first of the others,
        worded by ``of_the_rest`` from their count and their rows: an export edited by hand may
        hold hundreds, and each would say the same."""
        if len(warnings) <= UNASKED_NAMED:
            return warnings
        rest = warnings[UNASKED_NAMED:]
        rows = and_list([str(problem.line) for problem in rest[:UNASKED_NAMED]], more=max(len(rest) - UNASKED_NAMED, 0))
        first = rest[0]
        return [*warnings[:UNASKED_NAMED], Problem(self.source, first.line, first.column, of_the_rest(len(rest), rows))]

    def _unread_columns(self) -> list[Problem]:
        """One warning at the first column not read, naming them all: a question added to the form
        on the platform is not part of the assessment, and one that should leave a submission out
        (consent refused, a test) does not, unless the facilitator acts on it."""
        unread = self.summary.unread
        if not unread:
            return []
        count = len(unread)
        columns = first_listed([f"'{text}' (column {index + 1})" for index, text in unread], UNREAD_NAMED)
        message = (
            f"warning: {plural(count, 'column')} of this export {verb(count, 'is', 'are')} not in the form civdata "
            f"made for rubric '{self.rubric().id}', and {verb(count, 'is', 'are')} not read: {columns}. If what "
            f"{verb(count, 'it', 'one of them')} says should leave a submission out (consent refused, a test), "
            "reject that submission on the platform, or delete its row, and import again"
        )
        return [Problem(self.source, 1, unread[0][0] + 1, message)]

    def _check_combination(self) -> None:
        """The submissions read are combined as ``civdata report`` combines answers files: about one
        initiative, for one rubric version (after older versions were brought to the current one).
        Each one apart is a problem at its cell when they make one report; else it is noted, since
        a report on the answers files written would refuse them."""
        rename = "correct the name where it is wrong, give every submission one name with --initiative NAME, or "
        disagreements = disagreement_problems(
            self.facts, others=other_rows, rename=rename + "report on them separately"
        )
        if self.combine:
            self.problems.extend(disagreements)
        else:
            self.summary.disagreements = disagreements

    def _not_decrypted(self, header: Header, row: int, cells: list[str]) -> bool:
        """Whether the row is a submission ODK Central could not decrypt (:data:`NOT_DECRYPTED`): a
        problem at its cell, since a person's answers are missing, not a submission that answered
        nothing (a rejected one was skipped before)."""
        if header.encryption is None:
            return False
        message = NOT_DECRYPTED.get(" ".join(_cell(cells, header.encryption).split()).casefold())
        if message is not None:
            self.problems.append(Problem(self.source, row, header.encryption + 1, message))
        return message is not None

    def _rejected(self, reviews: list[Review]) -> bool:
        """Note what a row's review cells say, and whether the row was thrown out (then it is
        skipped unread: a facilitator rejects a test submission or a wrong one, whatever it holds)."""
        rejected = next((review for review in reviews if review.kind == "rejected"), None)
        if rejected is not None:
            self.summary.rejected.append(rejected)
            return True
        self.summary.flagged.extend(reviews)
        return False

    def _all_rejected(self) -> Problem:
        """That nothing is left to import, in the words of the platform the export came from (its
        :class:`ReviewColumn`): KoboToolbox's validation status, ODK Central's review state."""
        platforms = [review.platform for review in self.summary.rejected]
        words = quoted_list(sorted({platform.rejected for platform in platforms}), quote="")
        states = quoted_list(sorted({platform.state_name for platform in platforms}), quote="")
        return Problem(
            self.source,
            0,
            0,
            f"every submission of the export ({self.summary.thrown_out}) was {words}: "
            f"there is nothing to import; if some should count, change their {states} on the platform and "
            "download the submissions again",
        )


#: How many different texts of the role's and choice questions' cells that are not values
#: :class:`LabelCells` keeps (each with how many cells hold it and its first row), to be told
#: against the labels of every language once the export is read. An export of labels has a few per
#: column (a multiple choice's combinations, at most one per row), so its every label is counted;
#: an export of any size keeps no more than this, its rows never kept.
LABEL_TEXTS = 5000


class LabelCells:
    """Whether an export was downloaded with the options' labels instead of their values.

    KoboToolbox asks for a "value and header format" when it exports; with "Labels" (or a
    language) every role and option is written as its label (``Lead organisation``, ``I don't
    know``), which no check of a value accepts: each cell would be a problem, and each word of an
    option of a multiple choice, hundreds for a few rows, none saying why. A form made from a
    rubric with translations has a label per language, and the export's may be in any of them,
    not only the one the rubric was loaded in. So the role's and the choice questions' cells are
    counted as they are read: those that are values, and those that are not, whose different texts
    are kept (at most :data:`LABEL_TEXTS`). Only when those outnumber the values, once the export
    is read, are the texts told against the labels of each language of the rubric (loading it in
    the others): an export of values, the common case, never pays for that. More labels of one
    language than values is an export of labels, said once, at its first label; a label typed into
    an export of values (an edit) stays the problem of its cell.
    """

    def __init__(self, rubric: Rubric, header: Header, layout: FormLayout) -> None:
        self.rubric = rubric
        self.layout = layout
        #: Each column of a role (question None) or a choice question, and what the form writes in it.
        self.columns: list[tuple[int, Question | None, frozenset[str]]] = []
        role = header.fixed.get(ROLE_FIELD)
        if role is not None:
            self.columns.append((role, None, frozenset(r.id for r in rubric.roles)))
        for question in rubric.questions:
            index = header.questions.get(question.id, Columns()).answer
            if index is not None and question.type.has_options:
                names = layout.choice_names(question)
                values = frozenset(str(option.value) for option in question.options) | frozenset(names.values())
                self.columns.append((index, question, values))
        self.values = 0
        self.others = 0
        #: The different texts of the cells that are not values, by their column's place in
        #: :attr:`columns`: how many cells hold each, and the first row (in the order first read).
        self.texts: dict[tuple[int, str], list[int]] = {}

    def count(self, row: int, cells: list[str]) -> None:
        """Count the cells of one row that are values, and keep the text of those that are not."""
        for place, (index, _, values) in enumerate(self.columns):
            cell = _cell(cells, index)
            if not cell:
                continue
            if cell in values or all(part in values for part in cell.split()):
                self.values += 1
                continue
            self.others += 1
            seen = self.texts.get((place, cell))
            if seen is not None:
                seen[0] += 1
            elif len(self.texts) < LABEL_TEXTS:
                self.texts[(place, cell)] = [1, row]

    def problem(self, source: str, rubric_in: Callable[[str], Rubric]) -> Problem | None:
        """The one problem of an export of labels, at its first label, with the fix; None when the
        export is not one. The rubric's languages are tried, the one it was loaded in first, each
        other (``rubric_in``, loaded only when the texts are not all labels of the first) for the
        language with the most labels: several languages may share a label (``No``)."""
        if self.others <= self.values:
            return None
        best = self.labels(self.rubric, self.rubric.lang)
        for lang in self.rubric.languages:
            if best.cells == self.others:
                break
            if lang != self.rubric.lang:
                found = self._labels_in(rubric_in, lang)
                best = found if found.cells > best.cells else best
        if best.cells <= self.values or best.first is None:
            return None
        return best.problem(source, several=len(self.rubric.languages) > 1)

    def _labels_in(self, rubric_in: Callable[[str], Rubric], lang: str) -> FoundLabels:
        """:meth:`labels` in another language; none when the rubric cannot be loaded in it (it was
        in one: the import's problems are the export's, not a language's the form may not offer)."""
        try:
            return self.labels(rubric_in(lang), lang)
        except InputError:
            return FoundLabels(lang)

    def labels(self, rubric: Rubric, lang: str) -> FoundLabels:
        """How many of the cells kept hold a label of ``rubric`` in ``lang``, and the first."""
        found = FoundLabels(lang)
        by_place = [self._labels_of(rubric, question, lang) for _, question, _ in self.columns]
        for (place, text), (cells, row) in self.texts.items():
            labels = by_place[place]
            label = next((label for label in labels if text == label or text.startswith(label + " ")), None)
            if label is None:
                continue
            found.cells += cells
            if found.first is None:
                found.first = (row, self.columns[place][0] + 1, label, labels[label])
        return found

    def _labels_of(self, rubric: Rubric, question: Question | None, lang: str) -> dict[str, str]:
        """Each label of the role (``question`` None) or of a question's options in ``lang``, and
        what the form writes for it: the label the form shows, civdata's word in that language for
        a yes/no answer the rubric gives none for (``Oui``), as `civdata export xlsform` writes it."""
        if question is None:
            return {role.label: role.id for role in rubric.roles}
        names = self.layout.choice_names(question)
        return {option.label_in(lang): names[option.value] for option in rubric.question(question.id).options}


@dataclass
class FoundLabels:
    """The labels of one language found in an export's cells: how many, and the first (its row,
    column from 1, the label and what the form writes for it)."""

    lang: str
    cells: int = 0
    first: tuple[int, int, str, str] | None = None

    def problem(self, source: str, *, several: bool) -> Problem:
        """The problem at the first label, naming the language when the form has ``several``:
        KoboToolbox then offers each as a value and header format, beside 'Labels'."""
        assert self.first is not None
        row, column, label, value = self.first
        language = f" in '{self.lang}'" if several else ""
        chosen = f"'Labels' or the language '{self.lang}'" if several else "'Labels'"
        return Problem(
            source,
            row,
            column,
            f"this export holds the labels of the options{language} ('{label}', where the form writes '{value}'), "
            f"not their values, in {self.cells} cells: it was downloaded with {chosen} as its value and header "
            "format; download it again with 'XML values and headers' (KoboToolbox: Data, Downloads)",
        )


#: A row that repeats the header: two downloads pasted together (``cat a.csv b.csv``) or appended
#: in a spreadsheet. Each of its cells would be a problem of its own, none saying what is wrong.
REPEATED_HEADER = (
    "this row repeats the header row (two exports pasted together?): delete it; a submission in both "
    "exports is counted once"
)


#: What a file of these endings is, where a submissions export was expected.
_NOT_EXPORTS = {
    ".yaml": "a YAML file (answers or a rubric?)",
    ".yml": "a YAML file (answers or a rubric?)",
    ".md": "a report",
    ".html": "a report",
    ".json": "a JSON file (a report?)",
    ".sarif": "a report",
    ".svg": "a picture",
    ".xml": "an XML file (a form converted to XForm?)",
}


def _not_an_export(path: Path) -> str | None:
    """What is wrong with importing ``path``, when its ending says it is no submissions export
    (CSV or XLSX) and its first line has none of a form's fields: a facilitator who passes the
    answers written, or the report, told what it is and what to do, rather than that it lacks a
    column."""
    what = _NOT_EXPORTS.get(path.suffix.lower())
    if what is None:
        return None
    return (
        f"this is {what}, not a submissions export: import the CSV or XLSX file downloaded from KoboToolbox or "
        "ODK Central (answers files are reported on with `civdata report`)"
    )


def _has_civdata_fields(cells: list[str]) -> bool:
    """Whether a header row has one of the fields every civdata form has (``civdata__rubric`` ...):
    the sheet of a workbook that holds the submissions."""
    return any(_last_part(cell.strip()) in _FIXED for cell in cells)


def _kept_rows(header: Header, rows: list[list[str]], start: int) -> KeptRows:
    """Which row of each submission is read, from the ids and review cells of every row (``rows``,
    numbered from ``start``): an edit may come after the version it replaces, and a copy thrown out
    on the platform after one that is not."""
    kept = KeptRows()
    for row_number, cells in enumerate(rows, start=start):
        if blank_row(cells):
            continue
        ids = row_id(header, cells)
        if ids.submission:
            reviews = row_reviews(header, row_number, cells, "")
            kept.offer(row_number, ids, next((review for review in reviews if review.kind == "rejected"), None))
    return kept


def _names_a_question(cells: list[str]) -> bool:
    """Whether any column of a header is named after a question of the bundled rubric (under a
    group or not), or holds a label of one: an export of a civdata form whose fields were lost
    (labels for headers, a form edited on the platform) rather than the export of another form.
    Read only when the rubric field is missing, so the bundled rubric is loaded only then."""
    from civdata.catalog import DEFAULT_RUBRIC_ID, find_rubric
    from civdata.rubric_loader import load_rubric

    rubric = load_rubric(find_rubric(DEFAULT_RUBRIC_ID))
    names = {question.id for question in rubric.questions}
    labels = {" ".join(question.title.split()).casefold() for question in rubric.questions}
    return any(_last_part(cell) in names or " ".join(cell.split()).casefold() in labels for cell in cells)


def _last_part(header: str) -> str:
    return re.split(r"[/:]", header)[-1]


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _choice_cell(cells: list[str], index: int | None) -> str:
    """A 1/0 column's cell, a whole number written ``1.0`` as ``1`` (see :func:`whole_number_text`)."""
    return whole_number_text(_cell(cells, index))


class _RowReader:
    """Turns one row into an answers document and checks it."""

    def __init__(self, stream: SubmissionStream, layout: FormLayout, header: Header) -> None:
        self.stream = stream
        self.source = stream.source
        self.rubric = layout.rubric
        self.layout = layout
        self.header = header
        self._values: dict[str, dict[str, str | int]] = {
            question.id: {name: value for value, name in layout.choice_names(question).items()}
            for question in layout.questions
            if question.type.has_options
        }
        #: The form's own words, which a problem quotes whatever --anonymize hides: no one's.
        self._form_words = _form_words(self.rubric, self._values) if stream.anonymize else frozenset()

    def _said(self, message: str, *cells: str) -> str:
        """``message``, which quotes ``cells`` of a row: with --anonymize, without their values
        (:func:`values_left_out`)."""
        for cell in cells if self.stream.anonymize else ():
            message = values_left_out(message, cell, self._form_words)
        return message

    def read(self, row: int, cells: list[str], key: str) -> Imported | None:
        document = self.document(row, cells)
        named = document.data["rubric"]["id"]
        if not named:
            # The form fills its rubric's id in every submission: a blank cell is an edited export
            # (or another form's row), refused as a blank version cell is; the rest is still checked.
            message = (
                f"the rubric is missing: the form writes its rubric's id here, '{self.rubric.id}'; "
                "export the submissions again"
            )
            self.stream.problems.append(document.problem(("rubric", "id"), message))
            document.data["rubric"]["id"] = named = self.rubric.id
        if named != self.rubric.id and self.stream.rubric_row is not None:
            # Its version and answers mean nothing against another rubric: which rubric is the one
            # thing to say, naming the row that chose it (no --rubric was given).
            self.stream.problems.append(document.problem(("rubric", "id"), self._other_rubric(named)))
            return None
        version = document.data["rubric"]["version"]
        if not is_version(version):
            # Said at its cell, and the rest of the row is checked against the rubric as for its
            # version, so that every problem of the row is said at once; nothing of it is kept.
            self.stream.problems.append(document.problem(("rubric", "version"), self._bad_version(version)))
            document.data["rubric"]["version"] = self.rubric.version
            self._check_only(document)
            return None
        shape = check_answers_shape(document)
        if not shape.usable:
            self.stream.problems.extend(shape.problems)
            return None
        upgrade = document.data["rubric"]["id"] == self.rubric.id and upgradable(version, self.rubric.version)
        if not upgrade and self._other_major(version):
            problem = document.problem(("rubric", "version"), self._major_message(version))
            if self.stream.other_versions_left_out:
                # Left out, not refused: the rows of the other version are for an import with its
                # rubric (a problem only when no row is of this one: SubmissionStream._finish).
                self.stream.summary.other_versions.append(problem)
            else:
                self.stream.problems.append(problem)
            return None
        self.stream.problems.extend(shape.problems)
        read = counted_answers(
            document, self.stream.facts, self.stream.problems, lambda: self._answers(document, shape.reported, upgrade)
        )
        if read is None:
            return None
        answers, plan = read
        if not answers.answers:
            self.stream.summary.blank.append(row)
        if (warning := unasked_answers(self.rubric, answers)) is not None:
            self.stream.summary.unasked.append(warning)
        if plan is not None:
            self.stream.summary.upgraded.setdefault(version, []).append(row)
            self.stream.summary.reasked.setdefault(version, set()).update(plan.changed)
        elif version != self.rubric.version:  # another PATCH, read as it is: counted for the import to say so
            self.stream.summary.same_questions.setdefault(version, []).append(row)
        return Imported(row, answers, plan, key)

    def _check_only(self, document: YamlDocument) -> None:
        """Add the problems of a row that cannot be imported whatever they are (a version cell
        that is no version) to the import's, checked as a row of the rubric's version is."""
        shape = check_answers_shape(document)
        self.stream.problems.extend(shape.problems)
        if shape.usable:
            counted_answers(
                document,
                self.stream.facts,
                self.stream.problems,
                lambda: self._answers(document, shape.reported, upgrade=False),
            )

    def _answers(
        self, document: YamlDocument, reported: frozenset[str], upgrade: bool
    ) -> tuple[AnswerSet, UpgradePlan | None]:
        """A submission's answers at the rubric's current version, and the plan of its upgrade
        when it was made with an older MINOR version."""
        if upgrade:
            return load_for_upgrade(document, self.rubric)
        return self._at_current_version(answers_from_document(document, self.rubric, reported)), None

    def _at_current_version(self, answers: AnswerSet) -> AnswerSet:
        """Answers of another PATCH version of the rubric (the same questions: a PATCH release
        changes wording only), taken as they are for the current one, as an older MINOR version's
        are brought to it by :func:`load_for_upgrade`: every submission the import yields is for
        the rubric's version, so its answers file is written for it and a report combines it with
        the others, whether it is made from the files or at once with ``--report``."""
        if answers.rubric_version == self.rubric.version:
            return answers
        return replace(answers, rubric_version=self.rubric.version)

    def _other_rubric(self, named: str) -> str:
        first = self.stream.rubric_row
        return (
            f"this submission is for rubric '{named}', but the first submission (row {first}) is for "
            f"'{self.rubric.id}', and one import reads the submissions of one rubric's form: download each "
            "form's submissions on their own and import each"
        )

    def _other_major(self, version: str) -> bool:
        return not same_questions(version, self.rubric.version) and not upgradable(version, self.rubric.version)

    def _bad_version(self, version: str) -> str:
        what = f"'{version}' is not a version of '{self.rubric.id}'" if version else "the version is missing"
        return (
            f"{what}: the form writes the version of its rubric here, such as {self.rubric.version}; export the "
            "submissions again"
        )

    def _major_message(self, version: str) -> str:
        """Why a submission of another version cannot be read, naming the rubric as the person chose it:
        with --rubric, or the one bundled with civdata that the submissions name."""
        given = self.stream.rubric_spec is not None
        rubric = "the rubric given" if given else "the rubric bundled with this civdata"
        how = "import it with that version of the rubric" + ("" if given else " (--rubric)")
        start = f"this submission was made with version {version} of '{self.rubric.id}'"
        # Refused (not left out): say how to import the others alone, as a form replaced by a new
        # MAJOR version leaves both in one export.
        alone = "" if self.stream.other_versions_left_out else "; or leave it out with --other-versions-left-out"
        if version_key(version) > version_key(self.rubric.version):
            newer = "" if given else ", or with a newer civdata"
            return f"{start}, newer than {rubric} ({self.rubric.version}); {how}{newer}{alone}"
        return f"{start}, a MAJOR version {rubric} ({self.rubric.version}) cannot take answers from; {how}{alone}"

    # --- The answers document of a row ----------------------------------------------------------

    def document(self, row: int, cells: list[str]) -> YamlDocument:
        positions: dict[DataPath, Position] = {(): Position(row, 1)}
        fixed = self.header.fixed

        def take(name: str, path: DataPath) -> str:
            index = fixed.get(name)
            if index is not None:
                positions[path] = Position(row, index + 1)
            return _cell(cells, index)

        rubric_id = take(RUBRIC_FIELD, ("rubric", "id"))
        if RUBRIC_FIELD not in fixed:
            rubric_id = self.rubric.id  # a form without civdata's fields, read with the rubric given
        version = take(VERSION_FIELD, ("rubric", "version"))
        if not version and self.header.form_version is not None:
            version = _cell(cells, self.header.form_version)
            positions[("rubric", "version")] = Position(row, self.header.form_version + 1)
        if not version and VERSION_FIELD not in fixed and self.stream.rubric_spec is not None:
            version = self.rubric.version  # a form without civdata's fields, read with the rubric given
        respondent: dict[str, Any] = {"role": take(ROLE_FIELD, ("respondent", "role")) or None}
        if respondent["role"] is None and ROLE_FIELD in fixed:
            self.stream.summary.no_role.append((row, fixed[ROLE_FIELD] + 1))
        elif respondent["role"] is None:
            self.stream.summary.no_role_column += 1
        name = take(NAME_FIELD, ("respondent", "name"))
        organisation = take(ORGANISATION_FIELD, ("respondent", "organisation"))
        if not self.stream.anonymize:
            respondent.update({"name": name or None, "organisation": organisation or None})
        initiative = self.stream.initiative
        if initiative is None:
            initiative = take(INITIATIVE_FIELD, ("initiative",)) or None
        data: dict[str, Any] = {
            "format": 1,
            "rubric": {"id": rubric_id, "version": version},
            "initiative": initiative,
            "respondent": {key: value for key, value in respondent.items() if value is not None or key == "role"},
            "answers": self.answers(row, cells, positions),
        }
        date = self.date(row, cells)
        if date is not None:
            data["date"], positions[("date",)] = date
        if not self.stream.anonymize:
            return YamlDocument(self.source, data, value_positions=positions)
        return _RowDocument(
            self.source, data, value_positions=positions, said=lambda at, text: self._said(text, _cell(cells, at - 1))
        )

    def date(self, row: int, cells: list[str]) -> tuple[str, Position] | None:
        """The day of the first date cell of this row that starts with one as the platforms write
        it (``2026-10-02T10:13:00.000+02:00``, or a workbook's date cell), and where it is. A row
        whose date cells hold none civdata reads (``10/2/2026 10:13``, rewritten by a spreadsheet)
        is noted in the summary, with the first of those columns: dates are optional in an answers
        file, so the row is read without one, but never silently. A day that does not exist
        (``2026-02-30``) is taken, for the answers loader to refuse at its cell."""
        unread = None
        for rank, index in sorted(self.header.dates.items()):
            text = _cell(cells, index)
            if ISO_DATE.fullmatch(text[:10]):
                return text[:10], Position(row, index + 1)
            if text and unread is None:
                unread = DATE_COLUMNS[rank]
        if unread is not None:
            self.stream.summary.undated.append((row, unread))
        return None

    def answers(self, row: int, cells: list[str], positions: dict[DataPath, Position]) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for question in self.layout.questions:
            path = ("answers", question.id)
            columns = self.columns(question.id, row, cells)
            value = self.value(question, columns, row, cells, positions, path)
            note = None if self.stream.anonymize else (_cell(cells, columns.note) or None)
            if note is not None:
                assert columns.note is not None
                positions[("answers", question.id, "note")] = Position(row, columns.note + 1)
                answers[question.id] = {"value": value, "note": note}
            elif value is not None:
                answers[question.id] = value
        for qid, former in self.header.former.items():
            self.former_answer(qid, former, row, cells, positions, answers)
        return answers

    def columns(self, qid: str, row: int, cells: list[str]) -> Columns:
        """The columns that hold the answer to ``qid`` in this row: its own, or those of the group
        an older version of the form had it in when the row fills those (a submission of that
        version). A row that answers it in two of them is a problem at the second."""
        own = self.header.questions.get(qid, Columns())
        moved = self.header.moved.get(qid)
        if not moved:
            return own
        candidates = (own, *moved.values())
        filled = [(columns, index) for columns in candidates if (index := columns.filled(cells)) is not None]
        for _, index in filled[1:]:
            self.stream.problems.append(
                Problem(
                    self.source,
                    row,
                    index + 1,
                    f"'{qid}' is answered in column {filled[0][1] + 1} too (the question's column in another "
                    "version of the form); keep the answer in one of them",
                )
            )
        return filled[0][0] if filled else own

    def former_answer(
        self,
        qid: str,
        former: Columns,
        row: int,
        cells: list[str],
        positions: dict[DataPath, Position],
        answers: dict[str, Any],
    ) -> None:
        """The answer to a question only an older version of the form had, as the row holds it, to
        be set aside by the upgrade (a submission of the current version cannot have one: the loader
        says so at its column). Its kind is unknown, so ``anonymize`` keeps only that it was given."""
        if former.answer is not None:
            value: str | None = _cell(cells, former.answer) or None
        else:
            value = " ".join(name for name, column in former.choices.items() if _choice_cell(cells, column) in _CHOSEN)
        note = None if self.stream.anonymize else (_cell(cells, former.note) or None)
        if self.stream.anonymize and value:
            value = ANONYMIZED_TEXT
        if not value and note is None:
            return
        columns = [former.answer, *former.choices.values(), former.note]
        first = next(column for column in columns if column is not None)
        positions[("answers", qid)] = Position(row, first + 1)
        answers[qid] = (value or None) if note is None else {"value": value or None, "note": note}

    def value(
        self,
        question: Question,
        columns: Columns,
        row: int,
        cells: list[str],
        positions: dict[DataPath, Position],
        path: DataPath,
    ) -> Any:
        index = columns.answer
        if index is not None:
            positions[path] = Position(row, index + 1)
        if question.type is QuestionType.TEXT and self.stream.anonymize:
            # The words go, but not the fact that they were written: coverage and the rules that
            # ask whether something was written come out as without --anonymize.
            return ANONYMIZED_TEXT if _cell(cells, index).strip() else None
        if question.type is QuestionType.MULTIPLE_CHOICE:
            return self.choices(question, columns, row, cells, positions, path)
        text = _cell(cells, index)
        if not text:
            return None
        if question.type.has_options:
            return self.option(question, text)
        if question.type is QuestionType.TEXT:
            return cells[index] if index is not None else None  # exactly as written; the loader trims it
        # A number as the platform (or a spreadsheet: 30.0) wrote it; anything else the loader
        # explains, quoting the cell as written: 1e400 is no number civdata accepts, not "inf".
        number = number_from_text(whole_number_text(text))
        return text if number is None or number_problem(number) is not None else number

    def option(self, question: Question, name: str) -> str | int:
        """The option a choice name in a cell stands for (a scale point written ``3.0`` is ``3``),
        or the name itself, for the loader to explain."""
        values = self._values[question.id]
        return values.get(name, values.get(whole_number_text(name), name))

    def choices(
        self,
        question: Question,
        columns: Columns,
        row: int,
        cells: list[str],
        positions: dict[DataPath, Position],
        path: DataPath,
    ) -> list[str | int] | None:
        """The choices made, from the column of space-separated choices, else from the 1/0 columns.
        When the export has both, they must agree: a 1/0 column that says otherwise is a problem
        at its cell (a spreadsheet edit made in one of them only), and so is one that is not 1 or 0."""
        ticked = self.ticked(question, columns, row, cells)
        if columns.answer is None:
            if columns.choices:
                positions.setdefault(path, Position(row, min(columns.choices.values()) + 1))
            names = [name for name, chosen in ticked.items() if chosen]
            for item, name in enumerate(names):  # a choice the loader refuses is refused at its cell
                where = Position(row, columns.choices[name] + 1)
                for item_path in ((*path, item), (*path, "value", item)):  # the second when it has a note
                    positions[item_path] = where
        else:
            names = self.written_choices(question, row, _cell(cells, columns.answer), columns.answer)
            self.disagreements(question, columns, ticked, row, cells, names)
        return [self.option(question, name) for name in names] or None

    def written_choices(self, question: Question, row: int, written: str, column: int) -> list[str]:
        """The choice names of a column of space-separated choices. A cell edited by hand may part
        them otherwise (``a, b``): that is a problem at the cell saying how the column parts them,
        and its words are the choices read, so a word that is no option is pointed at on its own."""
        names = written.split()
        words = choice_words(written)
        if words != names:
            choices = [option.value for option in question.options]
            hint = choice_hint(question, written, choices, read=lambda name: self.option(question, name), column=True)
            message = f"'{written}' is not an option of '{question.id}'; choose from {quoted_list(choices)}{hint}"
            self._cell_problem(row, column, message, written)
        return words

    def ticked(self, question: Question, columns: Columns, row: int, cells: list[str]) -> dict[str, bool | None]:
        """Whether each 1/0 column of ``question`` says its choice was made; None (and a problem at
        the cell) for a cell that is neither."""
        ticked: dict[str, bool | None] = {}
        for name, column in columns.choices.items():
            cell = _choice_cell(cells, column)
            ticked[name] = True if cell in _CHOSEN else False if cell in _NOT_CHOSEN else None
            if ticked[name] is None:
                self._cell_problem(
                    row,
                    column,
                    f"'{_cell(cells, column)}' is not 1 or 0: a column of one choice of '{question.id}' "
                    f"says whether it was chosen ({quoted_list(['1', '0'])})",
                    _cell(cells, column),
                )
        return ticked

    def disagreements(
        self,
        question: Question,
        columns: Columns,
        ticked: dict[str, bool | None],
        row: int,
        cells: list[str],
        names: list[str],
    ) -> None:
        """A problem at each 1/0 column of ``question`` that says otherwise than its column of
        space-separated choices (at ``columns.answer``), which names the choices ``names``."""
        assert columns.answer is not None
        written = _cell(cells, columns.answer)
        for name, chosen in ticked.items():
            if chosen is None or chosen == (name in names):
                continue
            column = columns.choices[name]
            said = f"'{name}' was chosen" if chosen else f"'{name}' was not chosen"
            other = f"column {columns.answer + 1}"
            if written:
                other += f" says what was chosen for '{question.id}' {'without' if chosen else 'with'} it ('{written}')"
            else:
                other += f", which says what was chosen for '{question.id}', is blank"
            self._cell_problem(
                row,
                column,
                f"this column says {said} ('{_cell(cells, column)}'), but {other}; export the submissions "
                "again, or make the two agree",
                _cell(cells, column),
                written,
            )

    def _cell_problem(self, row: int, column: int, message: str, *quoted: str) -> None:
        """A problem at a row's cell (``column`` counted from 0), with the values ``quoted`` in it
        left out under ``--anonymize`` (:meth:`_said`)."""
        self.stream.problems.append(Problem(self.source, row, column + 1, self._said(message, *quoted)))


#: What a problem says instead of a value of the export, with ``--anonymize``.
VALUE_LEFT_OUT = "[value left out: --anonymize]"


def values_left_out(message: str, cell: str, kept: frozenset[str]) -> str:
    """``message`` without the value of ``cell`` it quotes: the whole cell, as written or trimmed,
    or one word of it (a choice of several, split as the check splits it: at spaces, commas,
    semicolons, slashes, ``and``...), each said as :data:`VALUE_LEFT_OUT`. A person's words typed
    into the wrong column were quoted whole into the terminal and the CI log, also with
    ``--anonymize``; the problem's place and how to fix it stay. The form's own words (``kept``:
    option values and choice names, question and role ids) are no one's, and stay, so a fix such
    as ``write 'yes' without the spaces`` still says what to write."""
    pieces = {cell, cell.strip(), *cell.split(), *choice_words(cell)} - kept - {""}
    for piece in sorted(pieces, key=len, reverse=True):
        message = message.replace(f"'{piece}'", VALUE_LEFT_OUT)
    return message


def _form_words(rubric: Rubric, choice_names: dict[str, dict[str, str | int]]) -> frozenset[str]:
    """Every word of the form a problem may quote: option values, their names in an export,
    question and role ids (see :func:`values_left_out`)."""
    words = {question.id for question in rubric.questions} | {role.id for role in rubric.roles} | {"1", "0"}
    for question in rubric.questions:
        words.update(str(option.value) for option in question.options)
    for names in choice_names.values():
        words.update(names)
    return frozenset(words)


@dataclass
class _RowDocument(YamlDocument):
    """The answers document of a row read with ``--anonymize``: every problem located in it says
    its message through ``said`` (the column, the message), which leaves out the values of the
    cell it is at before the message is ever shortened or shown."""

    said: Callable[[int, str], str] = field(default=lambda _column, message: message, repr=False, compare=False)

    def problem(self, path: DataPath, message: str, *, key: bool = False) -> Problem:
        where = self.position(path, key=key)
        return Problem(self.source, where.line, where.column, self.said(where.column, message))
