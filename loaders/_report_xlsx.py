"""Read the sheets of an .xlsx/.xlsm report with python-calamine, every cell as text.

calamine reads the values Excel saved (a formula gives its last computed result), an order of
magnitude faster than openpyxl's cell objects. A formula with no saved result (a file written by
a program and never opened in Excel) would read as an empty cell, which a report means as zero:
such cells are refused instead (found in the sheet's XML, which calamine does not expose).
"""

import re
import unicodedata
import zipfile
from collections.abc import Collection
from datetime import date, datetime, time
from itertools import zip_longest
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from loaders import limits
from loaders._xlsx_problems import xlsx_problem
from loaders.errors import DataFileError

MAX_FORMULA_CELLS_SHOWN = 10
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s")
_CELL_REFERENCE = re.compile(rb'\sr="([A-Z]+[0-9]+)"')
_CACHED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]|<(?:\w+:)?is>")
_TEXT_RESULT = re.compile(rb'\st="(?:str|e|inlineStr)"')


def cell_text(value: object) -> str:
    """Text for an Excel value: 1234.0 -> "1234", a date -> "2023-05-29", None -> ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.strip()
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def open_workbook(path: Path, name: str | None = None) -> CalamineWorkbook:
    """The workbook; DataFileError when it is not a readable .xlsx (`name`: the file's name for
    the user, else the path's). Check it with loaders._xlsx_scan first: calamine unpacks it."""
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as error:
        raise DataFileError(
            "error.xlsx_unreadable", file=name or path.name, problem=xlsx_problem(error)
        ) from error


def visible_sheet_names(book: CalamineWorkbook) -> list[str]:
    """The names of the sheets a person sees, in workbook order (hidden ones are left out: an
    older day or a lookup list kept out of sight is not part of the report)."""
    return [
        sheet.name for sheet in book.sheets_metadata if sheet.visible == SheetVisibleEnum.Visible
    ]


Merged = tuple[tuple[int, int, int, int], ...]  # (first row, first column, last row, last column)


def sheet_rows(
    book: CalamineWorkbook, name: str, source: str
) -> tuple[list[int], list[list[str]], Merged]:
    """(Excel row numbers, columns of text, merged ranges) of the rows of a sheet that hold any
    text; column 0 is Excel's column A; a merged range is given in Excel row numbers and column
    positions, its text in its first cell only. `source` is the file's name, for errors."""
    try:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        ranges = sheet.merged_cell_ranges or []
    except CalamineError as error:
        raise DataFileError(
            "error.xlsx_unreadable", file=source, problem=xlsx_problem(error)
        ) from error
    numbers: list[int] = []
    kept: list[list[str]] = []
    for number, row in enumerate(rows, 1):
        texts = [value if value == "" else cell_text(value) for value in row]
        if any(texts):
            numbers.append(number)
            kept.append(texts)
    columns = [list(column) for column in zip_longest(*kept, fillvalue="")]
    _check_cell_lengths(numbers, columns, source)
    merged = tuple(sorted((r0 + 1, c0, r1 + 1, c1) for (r0, c0), (r1, c1) in ranges))
    return numbers, columns, merged


def _check_cell_lengths(numbers: list[int], columns: list[list[str]], source: str) -> None:
    """DataFileError naming the first row of a cell longer than limits.MAX_CELL_CHARS (the
    sheet's size is bounded before it is read; this is the limit Excel itself keeps)."""
    for column in columns:
        if max(map(len, column), default=0) > limits.MAX_CELL_CHARS:
            position = next(k for k, text in enumerate(column) if len(text) > limits.MAX_CELL_CHARS)
            limits.check_cell_length(len(column[position]), numbers[position], source)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML part in the archive."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {link.get("Id"): link.get("Target", "") for link in links}
    parts = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_RELATIONSHIPS) in targets:
            target = targets[sheet.get(_RELATIONSHIPS)]
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[sheet.get("name", "")] = str(PurePosixPath(path))
    return parts


def uncomputed_formulas(xml: bytes) -> list[str]:
    """References of the cells of a sheet's XML that hold a formula with no saved result."""
    cells = []
    for found in _FORMULA.finditer(xml):
        before = _CELL_START.finditer(xml, max(found.start() - 400, 0), found.start())
        start = max((match.start() for match in before), default=None)
        if start is None:
            continue
        end = xml.find(b"c>", found.end())
        cell = xml[start : end if end >= 0 else len(xml)]
        opening = cell[: cell.find(b">") + 1]
        if _CACHED_VALUE.search(cell) or _TEXT_RESULT.search(opening):
            continue  # a saved number, or a text result (possibly "")
        if reference := _CELL_REFERENCE.search(opening):
            cells.append(reference.group(1).decode())
    return cells


def check_formulas(
    path: Path, sheets: list[str], name: str | None = None, parts: Collection[str] | None = None
) -> None:
    """DataFileError naming the cells of `sheets` that hold formulas with no saved result;
    only the sheets whose XML part is in `parts` are read (all when None)."""
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as archive:
            found = _sheet_parts(archive)
            for sheet in sheets:
                part = found.get(sheet)
                if part not in archive.namelist() or (parts is not None and part not in parts):
                    continue
                xml = archive.read(part)
                if _FORMULA.search(xml) and (cells := uncomputed_formulas(xml)):
                    _refuse_formulas(name, sheet, cells)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise DataFileError(
            "error.xlsx_unreadable", file=name, problem=xlsx_problem(error)
        ) from error


def _refuse_formulas(file: str, sheet: str, cells: list[str]) -> None:
    shown = ", ".join(cells[:MAX_FORMULA_CELLS_SHOWN])
    more = len(cells) - MAX_FORMULA_CELLS_SHOWN
    if more > 0:
        raise DataFileError("error.formulas_more", file=file, sheet=sheet, cells=shown, more=more)
    raise DataFileError("error.formulas", file=file, sheet=sheet, cells=shown)
