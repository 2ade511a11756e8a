"""Read a report file's cells as text: CSV in any of the encodings Hanoi offices export, or .xlsx.

Every cell becomes text on the first read, so codes keep their zeros ("00001"); each row keeps
the number the user sees in the file (the header is row 1 when it is the first row). Rows with
no text at all are left out.
"""

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import zip_longest
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from cccd.messages import message
from loaders._report_headers import known_header
from loaders.errors import DataFileError

MAX_BYTES = 20_000_000
ENCODINGS = ("utf-8-sig", "cp1258", "cp1252")
CSV_SUFFIXES = (".csv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10  # title lines above the header, as police spreadsheets often have
MAX_FORMULA_CELLS_SHOWN = 10


@dataclass(frozen=True)
class Cells:
    """The rows of one table that hold any text, kept as columns of text, plus how they were read.

    Columns rather than a list per row: a month of reports is ~17,000 rows, and as many lists
    kept alive make Python's cyclic garbage collector walk every object of the process a few
    times while they are built (most of the read's time); a column holds only strings.
    """

    numbers: list[int]  # each row's number in the file, as the user sees it
    columns: list[list[str]]  # columns[i][k]: cell i of row numbers[k]; "" past that row's end
    encoding: str  # "utf-8-sig", "cp1258", "cp1252" or "xlsx"
    sheet: str | None = None

    def row(self, position: int) -> list[str]:
        """The cells of the row at `position` (0 for the first row kept), padded with "" to the
        widest row's length."""
        return [column[position] for column in self.columns]

    def rows_from(self, position: int) -> "Cells":
        """The rows from `position` on."""
        columns = [column[position:] for column in self.columns]
        return Cells(self.numbers[position:], columns, self.encoding, self.sheet)


class _TableBuilder:
    """Collects rows one at a time into Cells' columns, skipping rows with no text."""

    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.columns: list[list[str]] = []

    def add(self, number: int, cells: list[str]) -> None:
        if not any(cells):
            return
        for _ in range(len(cells) - len(self.columns)):  # a row wider than any before it
            self.columns.append([""] * len(self.numbers))
        self.numbers.append(number)
        for column, cell in zip_longest(self.columns, cells, fillvalue=""):
            column.append(cell)

    def cells(self, encoding: str, sheet: str | None = None) -> Cells:
        return Cells(self.numbers, self.columns, encoding, sheet)


def check_size(path: Path) -> bytes:
    """The file's bytes; DataFileError when it is missing, empty or larger than MAX_BYTES."""
    if not path.is_file():
        raise DataFileError("error.no_such_file", path=path.name)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataFileError(
            "error.report_too_large",
            file=path.name,
            megabytes=round(size / 1e6, 1),
            limit=MAX_BYTES // 1_000_000,
        )
    data = path.read_bytes()
    if not data.strip():
        raise DataFileError("error.report_empty", file=path.name)
    return data


def decode(data: bytes) -> tuple[str, str]:
    """(text in NFC, encoding): UTF-8 (with or without BOM) strictly, else Windows-1258, cp1252."""
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Windows-1258 writes tone marks as separate combining characters.
        return unicodedata.normalize("NFC", text), encoding
    raise DataFileError("error.not_text")


def read_csv_cells(data: bytes) -> Cells:
    """Rows of a CSV file (comma, semicolon or tab separated), numbered from 1."""
    text, encoding = decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = _TableBuilder()
    try:
        for number, row in enumerate(reader, 1):
            table.add(number, [cell.strip() for cell in row])
    except csv.Error as error:
        raise DataFileError("error.csv_malformed", problem=str(error)) from error
    return table.cells(encoding)


def _workbook(path: Path) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(path, read_only=False, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DataFileError("error.xlsx_unreadable", file=path.name, problem=str(error)) from error


def excel_sheet_names(path: Path) -> list[str]:
    """The sheet names of an .xlsx workbook, in workbook order."""
    check_size(path)
    return list(_workbook(path).sheetnames)


def _has_data(sheet: object) -> bool:
    return any(cell is not None and str(cell).strip() != "" for row in sheet.values for cell in row)


def _choose_sheet(book: openpyxl.Workbook, sheet: str | None, source: str) -> str:
    """The sheet to read: the one asked for, else the only one with data."""
    names = ", ".join(f"'{name}'" for name in book.sheetnames)
    if sheet is not None:
        if sheet not in book.sheetnames:
            raise DataFileError("error.no_such_sheet", file=source, sheet=sheet, sheets=names)
        return sheet
    with_data = [name for name in book.sheetnames if _has_data(book[name])]
    if len(with_data) == 1:
        return with_data[0]
    if not with_data:
        raise DataFileError("error.no_sheet_with_data", file=source, sheets=names)
    raise DataFileError("error.several_sheets", file=source, sheets=", ".join(map(repr, with_data)))


def _is_formula(cell: object) -> bool:
    value = cell.value
    return (
        cell.data_type == "f"
        or isinstance(value, ArrayFormula | DataTableFormula)
        or (isinstance(value, str) and value.startswith("="))
    )


def cell_text(value: object) -> str:
    """Text for an Excel value: 1234.0 -> "1234", a date -> "2023-05-29", None -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_excel_cells(path: Path, sheet: str | None) -> Cells:
    """Rows of one sheet of an .xlsx workbook; DataFileError when cells hold formulas."""
    book = _workbook(path)
    name = _choose_sheet(book, sheet, path.name)
    table = _TableBuilder()
    formulas: list[str] = []
    for row in book[name].iter_rows():
        formulas.extend(cell.coordinate for cell in row if _is_formula(cell))
        table.add(row[0].row, [cell_text(cell.value) for cell in row])
    if formulas:
        shown = ", ".join(formulas[:MAX_FORMULA_CELLS_SHOWN])
        more = len(formulas) - MAX_FORMULA_CELLS_SHOWN
        if more > 0:
            raise DataFileError(
                "error.formulas_more", file=path.name, sheet=name, cells=shown, more=more
            )
        raise DataFileError("error.formulas", file=path.name, sheet=name, cells=shown)
    return table.cells("xlsx", name)


def read_cells(path: Path, data: bytes, sheet: str | None) -> Cells:
    """Text rows of a CSV or .xlsx report, chosen by the file's extension."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return read_csv_cells(data)
    if suffix in EXCEL_SUFFIXES:
        return read_excel_cells(path, sheet)
    if suffix == ".xls":
        raise DataFileError("error.old_excel", file=path.name)
    raise DataFileError(
        "error.report_extension",
        file=path.name,
        extension=suffix or message("error.no_extension"),
    )


def split_header(cells: Cells, source: str) -> tuple[int, list[str], Cells]:
    """(header row number, header, data rows): the header is the first row naming two or more
    of our columns within the first rows, else the first non-empty row."""
    if not cells.numbers:
        raise DataFileError("error.report_no_rows", file=source)
    candidates = min(len(cells.numbers), HEADER_SEARCH_ROWS)
    position = next((i for i in range(candidates) if sum(map(known_header, cells.row(i))) >= 2), 0)
    data = cells.rows_from(position + 1)
    if not data.numbers:
        raise DataFileError("error.report_no_data_rows", file=source)
    return cells.numbers[position], cells.row(position), data
