"""Spreadsheets in and out: the XLSForm written as ``.xlsx``, submissions read from CSV or ``.xlsx``.

openpyxl is an optional dependency (``pip install 'civdata[forms]'``) imported only here, and only
when a spreadsheet is written or an ``.xlsx`` read, so no other command pays for it at start-up.

Every cell civdata writes is a text cell, whatever it starts with: a label ``=cmd|' /C calc'!A0``
stays that text and never becomes a formula (openpyxl would otherwise store any text starting with
``=`` as one). A submissions file is read as values: a formula cell in it is refused, since an
export of collected data holds none, and such a cell is how a spreadsheet is made to run
something. Rows are read one at a time, so a large export is never held whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from civdata.problems import InputError, Problem

#: How to install what ``export xlsform`` and ``import`` need.
INSTALL_HINT = "pip install 'civdata[forms]'"

#: A text cell in an export is at most this long (ODK's own limit for a text answer is far lower).
LONGEST_CELL = 100_000


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


def xlsx_bytes(sheets: dict[str, list[list[str]]]) -> bytes:
    """A workbook with one sheet per entry, every cell a text cell."""
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
                cell.value = text
                cell.data_type = "s"  # text, never a formula, whatever the text starts with
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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


class Table:
    """The rows of a CSV or ``.xlsx`` export as text cells, the header first, read one at a time.

    ``data`` is the file's bytes (read once, by :func:`civdata.safe_read.read_regular_file`).
    Cells that cannot be taken as values (formulas) are left blank and listed in ``problems``;
    a file that cannot be read at all raises :class:`InputError`.
    """

    def __init__(self, path: Path, data: bytes, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.xlsx = data[:4] == b"PK\x03\x04"
        if not self.xlsx and path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            message = "this is not an .xlsx workbook (an old .xls file?); export the submissions as XLSX or CSV"
            raise InputError([Problem(source, 0, 0, message)])
        self.data = data

    def __iter__(self) -> Iterator[list[str]]:
        return self._xlsx_rows() if self.xlsx else self._csv_rows()

    def _csv_rows(self) -> Iterator[list[str]]:
        first_line = self.data[:65536].split(b"\n", 1)[0]
        # KoboToolbox writes ';' by default and ',' when asked; ODK Central writes ','.
        delimiter = max(",;\t", key=lambda candidate: first_line.count(candidate.encode()))
        csv.field_size_limit(LONGEST_CELL)
        stream = io.TextIOWrapper(io.BytesIO(self.data), encoding="utf-8-sig", newline="")
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        try:
            yield from reader
        except UnicodeDecodeError:
            message = "this CSV file is not UTF-8; export it again as UTF-8 (KoboToolbox and ODK Central do)"
            raise InputError([Problem(self.source, reader.line_num + 1, 1, message)]) from None
        except csv.Error as error:
            message = f"this CSV file cannot be read from here on: {error}"
            raise InputError([Problem(self.source, reader.line_num, 1, message)]) from None

    def _xlsx_rows(self) -> Iterator[list[str]]:
        openpyxl = openpyxl_module()
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(self.data), read_only=True, data_only=False)
            sheet = workbook.worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            message = f"this .xlsx file cannot be read ({type(error).__name__}); export the submissions again"
            raise InputError([Problem(self.source, 0, 0, message)]) from None
        try:
            for row_number, row in enumerate(sheet.iter_rows(), start=1):
                yield [self._cell_text(cell, row_number, column) for column, cell in enumerate(row, start=1)]
        finally:
            workbook.close()

    def _cell_text(self, cell: Any, row: int, column: int) -> str:
        value = cell.value
        if value is None:
            return ""
        if getattr(cell, "data_type", None) == "f":
            message = "this cell holds a formula, which no export of submissions has; export the submissions again"
            self.problems.append(Problem(self.source, row, column, message))
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if hasattr(value, "isoformat"):
            return str(value.isoformat())
        return str(value)
