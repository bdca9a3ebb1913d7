"""Spreadsheets in and out: the XLSForm written as ``.xlsx``, submissions read from CSV or ``.xlsx``.

openpyxl is an optional dependency (``pip install 'civdata[forms]'``) imported only here, and only
when a spreadsheet is written or an ``.xlsx`` read, so no other command pays for it at start-up.

Every cell civdata writes is a text cell, whatever it starts with: a label ``=cmd|' /C calc'!A0``
stays that text and never becomes a formula (openpyxl would otherwise store any text starting with
``=`` as one). A submissions file is read as text: a formula cell in it is the text of its
formula, never its value, since KoboToolbox's exports store what a respondent typed starting with
``=`` as a formula (they are written by xlsxwriter), and nothing in a file is ever evaluated.
Rows are read one at a time, so a large export is never held whole.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import itertools
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from civdata.escape import escaped
from civdata.problems import InputError, Problem
from civdata.safe_read import SizeLimit
from civdata.wording import plural

#: How to install what ``export xlsform`` and ``import`` of a workbook need, for the two ways the
#: README installs civdata: from a clone, and from its git address (pipx, uv or pip).
INSTALL_HINT = (
    "in a clone of civdata, pip install '.[forms]'; installed from its git address, add [forms] to the name, "
    "such as pipx install 'civdata[forms] @ git+https://github.com/your-org/civdata@v0.1.0'"
)

#: A text cell in an export is at most this long (ODK's own limit for a text answer is far lower).
LONGEST_CELL = 100_000


#: A whole number written with a point and zeros after it, as a spreadsheet may write a number.
_WHOLE_WITH_POINT = re.compile(r"(-?[0-9]+)\.0+")


def whole_number_text(text: str) -> str:
    """``3`` for ``3.0``, and any other text as it is.

    A spreadsheet may write a whole number with a point (a workbook's number cell is a float, and a
    CSV file saved by a spreadsheet or a script may say ``3.0``). This is the one rule for reading a
    cell as a number, a scale point or a 1/0, so that a CSV file and a workbook are read alike; it
    is never applied to a text answer or a note, whose words are kept as written.
    """
    match = _WHOLE_WITH_POINT.fullmatch(text)
    return match.group(1) if match else text


class _RowsOutOfOrder(Exception):
    """A sheet's row numbered at or before the row read last: a spreadsheet writes its rows in order."""

    def __init__(self, row: int, previous: int) -> None:
        super().__init__(
            f"this row is numbered {row}, after row {previous} in the file: a spreadsheet writes its rows in "
            "order, so the file was made or changed by something else and rows may be lost; export the "
            "submissions again"
        )
        self.row = row


class MissingExtra(Exception):
    """openpyxl is not installed; the message says how to install it."""


def openpyxl_module() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtra(
            f"this needs the spreadsheet library openpyxl, which is not installed; install civdata's forms extra: "
            f"{INSTALL_HINT}"
        ) from None
    return openpyxl


#: Characters XML 1.0, and so a workbook, cannot hold at all (controls but tab and line breaks,
#: lone surrogates, U+FFFE and U+FFFF); openpyxl refuses a cell with any of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_bytes(sheets: dict[str, list[list[str]]]) -> bytes:
    """A workbook with one sheet per entry, every cell a text cell. A character no workbook can
    hold (a control such as ESC, from a rubric or an option such as ``--initiative``) is
    written spelled out (``\\x1b``), so any text can be written and none is lost unseen."""
    openpyxl = openpyxl_module()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row_number, row in enumerate(rows, start=1):
            for column_number, text in enumerate(row, start=1):
                if text == "":
                    continue
                cell = sheet.cell(row=row_number, column=column_number)
                cell.value = _XML_ILLEGAL.sub(lambda match: escaped(match.group()), text)
                cell.data_type = "s"  # text, never a formula, whatever the text starts with
    return _saved(workbook)


class TemporarySpace(Exception):
    """The temporary files a workbook is made with could not be written (the message says where
    and why): an output that cannot be written, like a full disk under ``-o``."""


def _saved(workbook: Any) -> bytes:
    """The workbook's bytes. openpyxl writes each sheet to a temporary file first (in TMPDIR);
    when that folder is full, the failure is a :class:`TemporarySpace`, not a crash."""
    import gc
    import sys
    import tempfile

    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
        return buffer.getvalue()
    except Exception as error:
        reason = _temporary_file_failure(error)
        if reason is None:
            raise
        refused = isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EPERM)
    # The sheet streams openpyxl abandoned complain again as they are let go: let them go quietly.
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        del workbook
        gc.collect()
    finally:
        sys.unraisablehook = hook
    raise TemporarySpace(_why_no_temporary_files(tempfile.gettempdir(), reason, refused=refused))


def _why_no_temporary_files(folder: str, reason: str, *, refused: bool) -> str:
    """What stopped the workbook's temporary files, and the way out: a umask that takes the
    owner's write permission (openpyxl's files then cannot be written even by their owner, where
    civdata's own outputs are made 0600 whatever the umask), or a full folder (Python's tempfile
    chooses a folder it can write in). Under ``umask 277`` this said "free some space" in a folder
    with room (the review of the environments)."""
    mask = os.umask(0o077)
    os.umask(mask)
    if refused and mask & stat.S_IWUSR:
        return (
            f"the umask {mask:04o} makes new files read-only even to you, so the workbook's temporary files "
            f"cannot be written ({reason}); set a umask that keeps your own write permission, such as umask 077, "
            "which keeps files private too"
        )
    return (
        f"the workbook's temporary files cannot be written in {folder} ({reason}); free some space there, "
        "or set TMPDIR to a folder with room"
    )


def _temporary_file_failure(error: Exception) -> str | None:
    """Why a temporary file could not be written: an OSError, or lxml's IO_ error (openpyxl writes
    through lxml when it is installed); None for any other error, which is a bug."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    text = str(error)
    if type(error).__module__.startswith("lxml") and text.startswith("IO_"):
        return text
    return None


def xform_warnings(data: bytes) -> list[str]:
    """What pyxform, the converter KoboToolbox and ODK Central use, says of an XLSForm: its
    warnings, or its error as the one item. Empty when the form converts cleanly."""
    try:
        from pyxform import xls2xform
        from pyxform.errors import PyXFormError
    except ImportError:
        raise MissingExtra(
            f"this needs pyxform, the XLSForm converter, which is not installed; install civdata's forms extra: "
            f"{INSTALL_HINT}"
        ) from None
    warnings: list[str] = []
    try:
        xls2xform.convert(xlsform=data, warnings=warnings, file_type=".xlsx")
    except PyXFormError as error:
        return [f"error: {error}"]
    return warnings


# --- Reading submissions -------------------------------------------------------------------------

#: The largest submissions export civdata reads: far more than any consultation's.
MAX_EXPORT_BYTES = 100 * 1024 * 1024
#: The most text the cells of a workbook may hold, all told: as much as the largest export could
#: hold as CSV. A workbook stores a text once and may name it from every cell.
MAX_TEXT_READ = MAX_EXPORT_BYTES
#: How :func:`civdata.safe_read.read_regular_file` refuses a larger one.
EXPORT_LIMIT = SizeLimit(
    MAX_EXPORT_BYTES, f"a submissions export of at most {MAX_EXPORT_BYTES >> 20} MiB, far more than any consultation's"
)


#: The last row a spreadsheet can have (Excel's limit). A sheet may number its rows as it likes,
#: and the rows it skips are read as blank ones: row 99,999,999 made the reader count for minutes.
MAX_SHEET_ROWS = 1_048_576
#: The most separators one line of a CSV export may hold: a spreadsheet's 16,384 columns, plus one
#: cell of :data:`LONGEST_CELL` characters that are all separators (inside its quotes). A line with
#: more cannot be an export, and each separator would cost a Python string (about 11 times the
#: file's size in memory) before the row could be refused.
MAX_LINE_SEPARATORS = 16_384 + LONGEST_CELL

#: A workbook is a zip archive of XML parts; a real export has a dozen or so.
MAX_WORKBOOK_PARTS = 1000


def blank_row(cells: list[str]) -> bool:
    """Whether a row of an export holds nothing: every cell empty or spaces only, as a spreadsheet
    shows it (a no-break space is one of them, a zero-width space is not). The one test of an
    empty row wherever the rows of an export are read, so that an empty row is passed over the
    same way right after the header, between submissions, or at the end."""
    return not any(cell.strip() for cell in cells)


def _check_unpacked_size(data: bytes, source: str) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_EXPORT_BYTES`.

    The size limit on the file read counts compressed bytes, and XML compresses a thousandfold:
    a workbook of 600 KB can hold a cell of 600 MB, and the spreadsheet library keeps shared texts
    whole in memory. Python's zip reader never yields more than the size each part declares, so
    the declared sizes bound what is unpacked.
    """
    declared = _declared_part_count(data)
    if declared is not None and declared > MAX_WORKBOOK_PARTS:  # before the zip reader lists them all
        message = (
            f"this .xlsx file has {declared} parts; a workbook has a few dozen at most; export the submissions again"
        )
        raise InputError([Problem(source, 0, 0, message)])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        message = f"this .xlsx file cannot be read ({type(error).__name__}); export the submissions again"
        raise InputError([Problem(source, 0, 0, message)]) from None
    names = [part.filename for part in parts]
    if "[Content_Types].xml" not in names:
        # Every Office Open XML file has that part. ODK Central's "download all" is a zip of CSV
        # files; any other zip is no export either.
        inside = [name for name in names if name.lower().endswith((".csv", ".xlsx"))]
        message = "this is a zip archive, not an .xlsx workbook"
        if inside:
            more = " and more" if len(inside) > 1 else ""
            message += f" (it holds '{inside[0]}'{more}): unzip it and import that file"
        else:
            message += ": import the submissions export itself (CSV or XLSX)"
        raise InputError([Problem(source, 0, 0, message)])
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_WORKBOOK_PARTS or unpacked > MAX_EXPORT_BYTES:
        message = (
            f"this .xlsx file unpacks to {unpacked // 2**20} MB in {len(parts)} parts, more than the "
            f"{MAX_EXPORT_BYTES // 2**20} MB civdata reads; export fewer submissions at a time, or as CSV"
        )
        raise InputError([Problem(source, 0, 0, message)])


def _declared_part_count(data: bytes) -> int | None:
    """How many parts the zip archive ``data`` says it has, read from its last record (within its
    last 64 KiB), without listing them: a 100 MiB archive can list a million empty parts, which
    takes the zip reader most of a gigabyte. 65535 stands for "more" (zip64)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    return int.from_bytes(data[end + 10 : end + 12], "little")


#: The separators a form export may use: KoboToolbox writes ';' by default and ',' when asked;
#: ODK Central writes ','.
DELIMITERS = ",;\t"
#: How many rows of a CSV file the choice of its separator reads.
_SAMPLE_ROWS = 6


def _delimiter(data: bytes, wanted: Callable[[list[str]], bool] | None) -> str:
    """The separator of a CSV export: the one its header row, split by it, has the columns
    ``wanted`` looks for; else one that splits the first rows into as many cells as the header;
    else the one the header line holds most of.

    Counting alone misreads a KoboToolbox export of labels with ';': a label such as "Could anyone
    be harmed (arrested, deported, evicted...)" holds more commas than the header holds
    semicolons, and no quotes, which only a ';' inside a cell would need (an outside review)."""
    sample = data[:65536]
    cut = len(data) > len(sample)
    text = sample.decode("utf-8", errors="replace").removeprefix("\ufeff")
    first_line = sample.split(b"\n", 1)[0]
    by_count = sorted(DELIMITERS, key=lambda candidate: -first_line.count(candidate.encode()))
    rows_by: dict[str, list[list[str]]] = {}
    for candidate in by_count:
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(text, newline=""), delimiter=candidate), _SAMPLE_ROWS))
        except csv.Error:
            continue
        if cut and len(rows) == _SAMPLE_ROWS:
            rows = rows[:-1]  # perhaps cut short by the sample's end
        rows_by[candidate] = [row for row in rows if row]
    for candidate, rows in rows_by.items():
        if wanted is not None and rows and len(rows[0]) > 1 and wanted(rows[0]):
            return candidate
    for candidate, rows in rows_by.items():
        if len(rows) > 1 and len(rows[0]) > 1 and all(len(row) == len(rows[0]) for row in rows):
            return candidate
    return by_count[0]


def _check_line_widths(data: bytes, delimiter: str, source: str) -> None:
    """Refuse a CSV export with a line of more than :data:`MAX_LINE_SEPARATORS` separators, before
    the csv module turns each of them into a cell. Only lines long enough to hold that many are
    looked at, found by one scan in C: no line is copied, and a file of short lines costs nothing.

    The pattern is anchored at the start of a line: unanchored, it was tried again from every
    character of every short line, each try reading to the line's end (120 ms for an export of
    500 submissions, the time of scoring 150 of them)."""
    separator = delimiter.encode()
    if data.count(separator) <= MAX_LINE_SEPARATORS:
        return
    for long_line in re.finditer(rb"(?m)^[^\n]{%d,}" % (MAX_LINE_SEPARATORS + 1), data):
        if data.count(separator, long_line.start(), long_line.end()) > MAX_LINE_SEPARATORS:
            line = data.count(b"\n", 0, long_line.start()) + 1
            message = (
                f"line {line} has more than {MAX_LINE_SEPARATORS:,} separators "
                f"({'tabs' if delimiter == chr(9) else repr(delimiter)}), which no form export has; export the "
                "submissions again"
            )
            raise InputError([Problem(source, line, 1, message)])


def _first_undecodable(data: bytes) -> int | None:
    """Where the first byte of ``data`` that is not UTF-8 is, or None; decoded a megabyte at a time
    and kept nowhere, so a large export costs no memory for it."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 2**20
    for start in range(0, len(data), step):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(data[start : start + step], final=start + step >= len(data))
        except UnicodeDecodeError as error:
            return start - pending + error.start
    return None


def _cell_at(data: bytes, offset: int, delimiter: str) -> tuple[int, int]:
    """The row and column (1-based) of the cell byte ``offset`` of a CSV export is in: the rows and
    cells before it, parsed as the export is. A row can span lines (a note of several lines), so
    the lines before it would not do."""
    text = io.TextIOWrapper(io.BytesIO(data[:offset] + b"X"), encoding="utf-8-sig", newline="")
    row, cells = 0, 1
    for row, record in enumerate(csv.reader(text, delimiter=delimiter), start=1):  # noqa: B007
        cells = len(record)
    return row, cells


class Table:
    """The rows of a CSV or ``.xlsx`` export as text cells, the header first, read one at a time.

    ``data`` is the file's bytes (read once, by :func:`civdata.safe_read.read_regular_file`).
    Cells that cannot be taken as values (formulas) are left blank and listed in ``problems``;
    so is the place from which a file cannot be read any further (a broken CSV line, a byte that
    is not UTF-8, a damaged workbook): the rows before it are read, so that their problems are
    reported with it. A file that cannot be read at all raises :class:`InputError`.

    From a workbook of several sheets, the first whose header row ``wanted`` accepts is read (a
    "Read me" sheet put in front of the submissions is passed over), else the first: ``sheet`` then
    names it and ``sheets`` counts them, for the caller to say which sheet it read. The other sheets
    ``wanted`` accepts are named in ``unread`` (with the one read, ``read``), for the caller to
    refuse: their rows would otherwise be dropped without a word.
    """

    def __init__(self, path: Path, data: bytes, source: str, wanted: Callable[[list[str]], bool] | None = None) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.wanted = wanted
        #: The sheet read when no sheet of a workbook of several had a header ``wanted`` accepts.
        self.sheet: str | None = None
        self.sheets = 0
        #: The sheet read, and the other sheets whose header row ``wanted`` accepts too.
        self.read: str | None = None
        self.unread: list[str] = []
        #: The name of the sheet read, of a workbook of any number of sheets, once reading started.
        self.title: str | None = None
        #: The header row's last named column, and its blank cells before it (:meth:`_unread_values`).
        self._named = 0
        #: Characters of text read from a workbook's cells so far: a workbook stores a text once and
        #: may name it from every cell, so 135 KB held 1.3 GB of answers (an outside review).
        self._text_read = 0
        self._blank: list[int] = []
        self.xlsx = data[:4] == b"PK\x03\x04"
        if not self.xlsx and path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            message = "this is not an .xlsx workbook (an old .xls file?); export the submissions as XLSX or CSV"
            raise InputError([Problem(source, 0, 0, message)])
        if self.xlsx:
            _check_unpacked_size(data, source)
        self.data = data

    def __iter__(self) -> Iterator[list[str]]:
        return self._xlsx_rows() if self.xlsx else self._csv_rows()

    def _csv_rows(self) -> Iterator[list[str]]:
        delimiter = _delimiter(self.data, self.wanted)
        # The csv module's own limit would stop the file at an overlong cell, with its own words and
        # no column: a cell can be no longer than the file (already read, and limited), and one
        # over LONGEST_CELL is a problem at its cell, as in a workbook, after which reading goes on.
        csv.field_size_limit(max(len(self.data), LONGEST_CELL))
        _check_line_widths(self.data, delimiter, self.source)
        # Only the bytes before the first that is not UTF-8 are read (the decoder reads ahead of
        # the rows, and would stop some rows early); that byte is a problem where it is.
        undecodable = _first_undecodable(self.data)
        data = self.data if undecodable is None else self.data[:undecodable]
        last_row, column = (None, 0) if undecodable is None else _cell_at(self.data, undecodable, delimiter)
        stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        row, width = 0, 0
        header: list[str] = []
        try:
            for row, cells in enumerate(reader, start=1):
                if row == last_row:  # the row of the byte, cut short at it
                    break
                width, header = width or len(cells), header or cells
                # A header pasted again with cells of its own at the end is the reader's to name.
                if len(cells) != width and not blank_row(cells) and not repeats_header(cells, header):
                    if self.wanted is not None and self.wanted(cells):
                        # Another form's export pasted below this one: its rows would each be
                        # "cut off", where one paste is what happened.
                        message = (
                            f"this row is the header row of another export, of {len(cells)} columns where this "
                            f"one has {width} (two exports pasted together?); import each export on its own"
                        )
                        self.problems.append(Problem(self.source, row, 1, message))
                        return
                    self.problems.append(self._ragged(row, len(cells), width))
                    yield []  # read as no row at all (its cells would be read under other headers)
                    continue
                self._unread_values(cells, row, _last_filled(cells))
                yield [self._within_limit(text, row, column) for column, text in enumerate(cells, start=1)]
        except csv.Error as error:
            if last_row is None or row + 1 < last_row:  # else the bytes read end inside the byte's cell
                message = f"this CSV file cannot be read from here on: {error}"
                self.problems.append(Problem(self.source, row + 1, 1, message))
                return
        if last_row is not None:
            message = (
                "this CSV file is not UTF-8 from here on (saved again by a spreadsheet as plain CSV?); download "
                'the export again (KoboToolbox and ODK Central write UTF-8), or save it as "CSV UTF-8"'
            )
            self.problems.append(Problem(self.source, last_row, column, message))

    def _ragged(self, row: int, cells: int, width: int) -> Problem:
        """A CSV row of more or fewer cells than the header row (``width``), where it ends or where
        it goes beyond the header. KoboToolbox and ODK Central write every cell of every row, blank
        or not, so such a row was cut off (a download or a copy stopped part way) or damaged (a
        separator added or lost in an edit): read as it is, its cells would be answers to other
        questions, or dropped. (A workbook's row ends at its last cell that holds something, and
        is not held to this.)"""
        column = cells if cells < width else width + 1
        message = (
            f"this row has {plural(cells, 'cell')} where the header has {width}: the export may be cut off or "
            "damaged; download the submissions again"
        )
        return Problem(self.source, row, column, message)

    def _xlsx_rows(self) -> Iterator[list[str]]:
        openpyxl = openpyxl_module()
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(self.data), read_only=True, data_only=False)
            sheet = self._chosen_sheet(workbook.worksheets)
            # The size a workbook declares for its sheet is only a hint, which the reader would
            # otherwise trust: rows beyond it would be dropped without a word.
            sheet.reset_dimensions()
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            message = f"this .xlsx file cannot be read ({type(error).__name__}); export the submissions again"
            raise InputError([Problem(self.source, 0, 0, message)]) from None
        row_number = 0
        try:
            for row_number, row in self._sheet_rows(workbook, sheet):
                if row_number > MAX_SHEET_ROWS:
                    message = f"this sheet has rows beyond row {MAX_SHEET_ROWS}, the last a spreadsheet can have"
                    self.problems.append(Problem(self.source, row_number, 1, message))
                    return
                cells, last = self._row_text(row, row_number)
                self._text_read += sum(map(len, cells))
                if self._text_read > MAX_TEXT_READ:
                    message = (
                        f"this workbook's cells hold more than {MAX_TEXT_READ:,} characters of text up to here, "
                        "more than an export civdata reads could (a text shared by many cells?); export the "
                        "submissions again"
                    )
                    self.problems.append(Problem(self.source, row_number, 1, message))
                    return
                self._unread_values(cells, row_number, last)
                yield cells
        except _RowsOutOfOrder as error:
            self.problems.append(Problem(self.source, error.row, 1, str(error)))
        except Exception as error:  # damaged XML part way through the sheet (a cut-off or hostile file)
            message = (
                f"this .xlsx file cannot be read from here on ({type(error).__name__}); export the submissions again"
            )
            self.problems.append(Problem(self.source, row_number + 1, 1, message))
        finally:
            workbook.close()

    @staticmethod
    def _sheet_rows(workbook: Any, sheet: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        """Each row of ``sheet`` by its number in the file (a row it does not hold: no cells),
        as the cells the sheet's XML gives (dicts: column, value, data_type), read by the parser
        openpyxl's read-only sheets use. Those sheets drop a row numbered at or before the one
        read last (rows out of order, a number given twice, row 0), and pad a row with an empty
        cell at column XFD to 16,384 cells: an export so made lost respondents without a word,
        and a 100 KB one took minutes and gigabytes (an outside review). A row out of order is
        a problem here, and a row is only as long as its cells."""
        from openpyxl.worksheet._reader import WorkSheetParser

        previous = 0
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=False,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                # openpyxl 3.1.0 has no durations of its own; a later 3.1 reads them as its sheets do.
                timedelta_formats=getattr(workbook, "_timedelta_formats", set()),
            )
            for index, cells in parser.parse():
                if index <= previous:
                    raise _RowsOutOfOrder(max(index, 1), previous)
                for missing in range(previous + 1, min(index, MAX_SHEET_ROWS + 1)):
                    yield missing, []
                previous = index
                yield index, cells

    def _row_text(self, cells: list[dict[str, Any]], row: int) -> tuple[list[str], int]:
        """A row's cells as text, by column, up to its last cell that holds something and no
        further than the header's last named column, and the column of that last cell (what
        :meth:`_unread_values` says lies beyond the header, at the column it is in)."""
        texts = {}
        for cell in cells:
            column = int(cell["column"])
            text = self._cell_text(cell.get("value"), cell.get("data_type"), row, column)
            if text:
                texts[column] = text
        last = max((column for column, text in texts.items() if text.strip()), default=0)
        width = max(texts, default=0) if row == 1 else min(max(texts, default=0), self._named)
        return [texts.get(column, "") for column in range(1, width + 1)], last

    def _unread_values(self, cells: list[str], row: int, last: int) -> None:
        """A value no header names would be dropped unread: one under a blank cell of the header
        row (a column inserted by hand), or past its last named column (a note typed beside the
        export), is a problem at its cell, the first of its row. The header row is the first."""
        if row == 1:
            self._named = _last_filled(cells)
            self._blank = [column for column in range(1, self._named + 1) if not cells[column - 1].strip()]
            return
        column = next((column for column in self._blank if column <= len(cells) and cells[column - 1].strip()), 0)
        if column:
            message = "this cell holds a value under a blank header: name its column in the header row, or clear it"
            self.problems.append(Problem(self.source, row, column, message))
            return
        if last > self._named:
            message = (
                f"this cell holds a value under no header (the header's last column is {self._named}): add a header "
                "for it, or clear it, or download the submissions again"
            )
            self.problems.append(Problem(self.source, row, last, message))

    def _chosen_sheet(self, sheets: list[Any]) -> Any:
        """The first of ``sheets`` whose header row :attr:`wanted` accepts (the others it accepts
        noted in :attr:`unread`), else the first (noted in :attr:`sheet`). A sheet whose first row
        cannot be read is not the one: reading the first sheet then says where it is damaged."""
        self.sheets = len(sheets)
        chosen = self._wanted_sheet(sheets)
        self.title = str(chosen.title)
        return chosen

    def _wanted_sheet(self, sheets: list[Any]) -> Any:
        if len(sheets) == 1 or self.wanted is None:
            return sheets[0]
        wanted = self.wanted
        accepted = [sheet for sheet in sheets if (header := _header_row(sheet)) is not None and wanted(header)]
        if not accepted:
            self.sheet = str(sheets[0].title)
            return sheets[0]
        self.read, self.unread = str(accepted[0].title), [str(sheet.title) for sheet in accepted[1:]]
        return accepted[0]

    def _cell_text(self, value: Any, data_type: str | None, row: int, column: int) -> str:
        if value is None:
            return ""
        if data_type == "f":
            # KoboToolbox writes its exports with xlsxwriter, which stores any text that starts with
            # "=" as a formula ("= same as the lead said"), and "{=...}" as an array formula: the
            # text a respondent typed, never evaluated, here or anywhere civdata writes it.
            text = getattr(value, "text", None)
            return self._within_limit(str(value) if text is None else f"{{{text}}}", row, column)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return whole_number_text(repr(value))
        if hasattr(value, "isoformat"):
            return str(value.isoformat())
        return self._within_limit(str(value), row, column)

    def _within_limit(self, text: str, row: int, column: int) -> str:
        """``text``, or nothing and a problem at its cell when it is longer than any answer can be
        (:data:`LONGEST_CELL`), in a CSV file as in a workbook."""
        if len(text) <= LONGEST_CELL:
            return text
        message = f"this cell holds {len(text)} characters, more than the {LONGEST_CELL} a text answer can have"
        self.problems.append(Problem(self.source, row, column, message))
        return ""


def _last_filled(cells: list[str]) -> int:
    """The column (1-based) of the last cell of a row that holds something; 0 for a blank row."""
    return next((column for column in range(len(cells), 0, -1) if cells[column - 1].strip()), 0)


def _header_row(sheet: Any) -> list[str] | None:
    """The first row of a workbook's sheet as text, or None when it cannot be read."""
    try:
        sheet.reset_dimensions()
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
    except Exception:  # a damaged part, as in Table._xlsx_rows
        return None
    return ["" if value is None else str(value) for value in first]


def repeats_header(cells: list[str], header: list[str]) -> bool:
    """Whether a row holds the header's cells again, blank cells at the end of either aside: two
    downloads pasted together (``cat a.csv b.csv``), or appended in a spreadsheet. Asked of every
    row, so a row whose first cell is not the header's is told at once.

    The second download may have been saved by Excel as "CSV UTF-8", which starts a file with a
    byte order mark: pasted after the first, that mark starts the header's first cell (and a
    quoted cell then keeps its quotes, which follow the mark), so it is taken off that cell."""
    if not cells or not header:
        return False
    row = [_without_byte_order_mark(cells[0]), *(cell.strip() for cell in cells[1:])]
    names = [_without_byte_order_mark(header[0]), *(cell.strip() for cell in header[1:])]
    if row[0] != names[0]:
        return False
    while row and not row[-1]:
        row.pop()
    while names and not names[-1]:
        names.pop()
    return bool(names) and row == names


def _without_byte_order_mark(cell: str) -> str:
    """The first cell of a row as the header's is compared with it: without the spaces around it,
    a byte order mark at its start, and the quotes a CSV writer put around it after that mark."""
    text = cell.strip()
    if not text.startswith("\ufeff"):
        return text
    text = text[1:].strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    return text.strip()
