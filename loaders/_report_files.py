"""Read a report file's cells as text: CSV in any of the encodings Hanoi offices export, or the
sheets of an .xlsx workbook.

Every cell becomes text on the first read, so codes keep their zeros ("00001"); each row keeps
the number the user sees in the file (the header is row 1 when it is the first row; in a
workbook, Excel's row number). Rows with no text at all are left out. CSV text is split by
loaders._report_csv (pandas' C parser when it numbers the rows exactly, else the csv module).
"""

import codecs
import csv
import functools
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cccd.messages import message
from loaders import limits
from loaders._report_csv import THE_FILE, Name, csv_rows
from loaders._report_headers import known_header
from loaders._report_xlsx import (
    cell_text,  # noqa: F401 - public here too
    check_formulas,
    open_workbook,
    sheet_rows,
    visible_sheet_names,
)
from loaders._xlsx_scan import WorkbookScan, scan_workbook
from loaders.errors import DataFileError

MAX_BYTES = limits.MAX_FILE_BYTES  # the rest of the limits (rows, columns, cells): loaders.limits
ENCODINGS = ("utf-8-sig", "cp1258", "cp1252")
CSV_SUFFIXES = (".csv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 10  # title lines above the header, as police spreadsheets often have
DELIMITERS = ",;\t"
DELIMITER_SAMPLE_LINES = 50  # title lines come first: judge the delimiter on the table's lines
_UTF16_SAMPLE = 4096
_HEAD_CHARS = 1_000_000  # the sample's 200 lines would need 5,000 characters each to pass it


@dataclass(frozen=True)
class Cells:
    """The rows of one table that hold any text, kept as columns of text, plus how they were read.

    Columns rather than a list per row: a month of reports is ~17,000 rows, and as many lists
    kept alive make Python's cyclic garbage collector walk every object of the process a few
    times while they are built (most of the read's time); a column holds only strings.
    """

    numbers: list[int]  # each row's number in the file, as the user sees it
    columns: list[list[str]]  # columns[i][k]: cell i of row numbers[k]; "" past that row's end
    encoding: str  # "utf-8-sig", "utf-16", "cp1258", "cp1252" or "xlsx"
    sheet: str | None = None
    # Merged cells of a sheet, (first row, first column, last row, last column) in row numbers
    # and column positions; the text is in the first cell only (a reader may spread it).
    merged: tuple[tuple[int, int, int, int], ...] = ()

    def row(self, position: int) -> list[str]:
        """The cells of the row at `position` (0 for the first row kept), padded with "" to the
        widest row's length."""
        return [column[position] for column in self.columns]

    def rows_from(self, position: int) -> "Cells":
        """The rows from `position` on."""
        columns = [column[position:] for column in self.columns]
        return Cells(self.numbers[position:], columns, self.encoding, self.sheet, self.merged)


def check_size(path: Path, name: str | None = None) -> bytes:
    """The file's bytes; DataFileError when it is missing, empty or larger than MAX_BYTES.
    `name` is the file's name for the user (an upload's own name), else the path's."""
    name = name or path.name
    limits.check_file_size(path, name)
    data = path.read_bytes()
    if not data.strip():
        raise DataFileError("error.report_empty", file=name)
    return data


def _utf16(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" for UTF-16 text (by its BOM, else by NUL bytes in the high half
    of most characters: report text is mostly digits and ASCII), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:_UTF16_SAMPLE]
    if b"\x00" not in sample or len(sample) < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= len(sample) // 4 and even < odd // 8:
        return "utf-16-le"
    if even >= len(sample) // 4 and odd < even // 8:
        return "utf-16-be"
    return None


def decode(data: bytes, name: Name = THE_FILE) -> tuple[str, str]:
    """(text in NFC, encoding): UTF-16 (by BOM or NUL pattern), UTF-8 (with or without BOM)
    strictly, else Windows-1258, cp1252. The encoding is "utf-16" for any UTF-16; `name` is
    the file's, for the message when it is none of them."""
    utf16 = _utf16(data)
    for encoding in (utf16,) if utf16 else ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Windows-1258 writes tone marks as separate combining characters.
        return unicodedata.normalize("NFC", text), "utf-16" if utf16 else encoding
    raise DataFileError("error.not_text", file=name)


def _delimiter(lines: list[str]) -> str:
    """The delimiter giving the most lines with the same number (> 1) of fields; a title line
    ("Hà Nội, ngày 31 tháng 5 năm 2023") splits on a comma, but the table's lines outvote it."""

    def score(delimiter: str) -> tuple[int, int]:
        try:
            widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        except csv.Error:  # the full read says what is wrong
            return 0, 0
        widths.pop(1, None)
        width, agreeing = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        return agreeing, width

    return max(DELIMITERS, key=score)


def read_csv_cells(data: bytes, name: Name = THE_FILE) -> Cells:
    """Rows of a CSV file (comma, semicolon or tab separated, judged on its first lines),
    numbered from 1; an Excel "sep=;" first line names the delimiter and is not a row.
    DataFileError past loaders.limits (`name` is the file's, for the message)."""
    text, encoding = decode(data, name)
    lines = _first_lines(text)
    first = lines[0].strip().strip('"') if lines else ""
    excel_sep = len(first) == 5 and first.lower().startswith("sep=")
    if excel_sep:
        delimiter, text = first[4], text[text.index("\n") + 1 :] if "\n" in text else ""
    else:
        sample = [line for line in lines[: DELIMITER_SAMPLE_LINES * 4] if line.strip()]
        delimiter = _delimiter(sample[:DELIMITER_SAMPLE_LINES])
    try:
        numbers, columns = csv_rows(text, delimiter, name)
    except csv.Error as error:
        raise DataFileError("error.csv_malformed", problem=str(error)) from error
    return Cells(numbers, columns, encoding)


def _first_lines(text: str) -> list[str]:
    """The lines of the text's first _HEAD_CHARS characters (all of a report's title and
    sample lines) without the last, which may be cut: splitting 20 MB would cost ~0.05 s."""
    lines = text[:_HEAD_CHARS].splitlines()
    return lines[:-1] if len(text) > _HEAD_CHARS else lines


def excel_sheet_names(path: Path, name: str | None = None) -> list[str]:
    """The sheet names of an .xlsx workbook, in workbook order (`name`: the file's, for
    messages); DataFileError past loaders.limits."""
    name = name or path.name
    check_size(path, name)
    _scan(path, name)
    with open_workbook(path, name) as book:
        return list(book.sheet_names)


def read_excel_tables(path: Path, sheet: str | None = None, name: str | None = None) -> list[Cells]:
    """One Cells per visible sheet holding any text (or only `sheet`), in workbook order;
    DataFileError when no sheet holds text, cells hold formulas with no saved result, or the
    workbook is past loaders.limits (checked before it is opened)."""
    name = name or path.name
    scan = _scan(path, name)
    with open_workbook(path, name) as book:
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            shown = ", ".join(f"'{title}'" for title in names)
            raise DataFileError("error.no_such_sheet", file=name, sheet=sheet, sheets=shown)
        tables = [
            _sheet_cells(*sheet_rows(book, title, name), title)
            for title in ([sheet] if sheet is not None else visible_sheet_names(book))
        ]
    tables = [table for table in tables if table.numbers]
    if not tables:
        shown = ", ".join(f"'{title}'" for title in names)
        raise DataFileError("error.no_sheet_with_data", file=name, sheets=shown)
    if scan.formula_parts:
        check_formulas(path, [table.sheet for table in tables], name, scan.formula_parts)
    return tables


@functools.lru_cache(maxsize=8)
def _scan_once(path: Path, name: str, size: int, modified: int) -> WorkbookScan:
    return scan_workbook(path, name)


def _scan(path: Path, name: str) -> WorkbookScan:
    """scan_workbook, once per file: the page asks for the sheet names, then reads the sheets."""
    status = path.stat()
    return _scan_once(path, name, status.st_size, status.st_mtime_ns)


def _sheet_cells(numbers: list[int], columns: list[list[str]], merged: tuple, name: str) -> Cells:
    return Cells(numbers, columns, "xlsx", name, merged)


def read_tables(path: Path, data: bytes, name: str | None = None) -> list[Cells]:
    """Every table of a report file: one Cells per sheet with text of an .xlsx/.xlsm workbook
    (in workbook order, `.sheet` set), or the one table of a CSV/TXT file (sheet None).
    `name` is the file's name for the user (an upload's own name), else the path's."""
    name = name or path.name
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return [read_csv_cells(data, name)]
    if suffix in EXCEL_SUFFIXES:
        return read_excel_tables(path, name=name)
    if suffix == ".xls":
        raise DataFileError("error.old_excel", file=name)
    raise DataFileError(
        "error.report_extension",
        file=name,
        extension=suffix or message("error.no_extension"),
    )


def read_cells(path: Path, data: bytes, sheet: str | None, name: str | None = None) -> Cells:
    """Text rows of a CSV or .xlsx report: the sheet asked for, else the only sheet with text
    (DataFileError when several sheets hold text)."""
    name = name or path.name
    if sheet is not None and path.suffix.lower() in EXCEL_SUFFIXES:
        return read_excel_tables(path, sheet, name)[0]
    tables = read_tables(path, data, name)
    if len(tables) > 1:
        names = ", ".join(repr(table.sheet) for table in tables)
        raise DataFileError("error.several_sheets", file=name, sheets=names)
    return tables[0]


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
