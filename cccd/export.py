"""Tables as CSV or Excel files that are safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab, carriage return or line feed) is run as a formula by
Excel and LibreOffice: a name from a user's file could carry one (CSV injection). Spreadsheets
also skip leading spaces before a formula, and an East Asian input method types the full-width
and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) that Excel reads as the ASCII ones. Such text cells get
a leading apostrophe, the spreadsheet convention for "this is text". Numbers stay numbers:
whole ones as integers ("90353", not "90353.0"); dates are dates (Excel cells formatted
dd/mm/yyyy, so they sort by time; ISO yyyy-mm-dd in a CSV, which every spreadsheet reads as a
date whatever its locale).
"""

import io
import re
import unicodedata
from datetime import date

import pandas as pd
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# U+2212 MINUS SIGN is not folded to "-" by NFKC, but LibreOffice reads it as one.
_OTHER_STARTS = ("\u2212",)


def _formula_like(text: str) -> bool:
    """True when a spreadsheet could read the text as a formula: its first character, or its
    first one after whitespace, is a formula start in any of its width forms."""
    if text.startswith(FORMULA_STARTS):
        return True
    first = text.lstrip()[:1]  # str.strip's whitespace: spaces of every width, NBSP, U+3000
    folded = unicodedata.normalize("NFKC", first)
    return folded.startswith(FORMULA_STARTS) or first.startswith(_OTHER_STARTS)


def neutralise(value: object) -> object:
    """The value, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value and _formula_like(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (plain, string or categorical columns) and column names are
    neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            safe[column] = values.astype(object).map(neutralise)
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[column] = values.map(neutralise)
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    return safe


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose float columns holding only whole numbers (and gaps) are integers: a count
    that passed through a float (a NaN, a rounding) is written "90353", not "90353.0"."""
    whole = frame.copy()
    for column in whole.columns:
        values = whole[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            whole[column] = values.round().astype("Int64")
    return whole


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel shows Vietnamese text correctly; CRLF line
    ends, so a cell holding a lone CR is quoted too (with LF ends it split its row)."""
    table = safe_frame(whole_numbers(frame))
    return table.to_csv(index=False, lineterminator="\r\n", date_format="%Y-%m-%d").encode(
        "utf-8-sig"
    )


EXCEL_DATE_FORMAT = "dd/mm/yyyy"
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet name


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Sheet1") -> bytes:
    """An .xlsx workbook with one sheet named `sheet` (pass it in the reader's language); text cells
    neutralised, whole numbers as integers, dates as date cells shown dd/mm/yyyy."""
    buffer = io.BytesIO()
    name = SHEET_FORBIDDEN.sub(" ", sheet)[:31] or "1"
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(whole_numbers(frame)).to_excel(writer, index=False, sheet_name=name)
        _format_dates(writer.sheets[name], frame)
    return buffer.getvalue()


def _format_dates(sheet, frame: pd.DataFrame) -> None:
    """Date columns shown dd/mm/yyyy (openpyxl's default is yyyy-mm-dd hh:mm:ss), wide enough."""
    for position, column in enumerate(frame.columns, start=1):
        values = frame[column].dropna()
        dated = pd.api.types.is_datetime64_any_dtype(frame[column]) or (
            len(values) > 0 and values.map(lambda value: isinstance(value, date)).all()
        )
        if not dated:
            continue
        letter = get_column_letter(position)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
            cell.number_format = EXCEL_DATE_FORMAT
        sheet.column_dimensions[letter].width = max(12, len(str(column)) + 2)


def file_name(text: str) -> str:
    """`text` as a safe ASCII file name: diacritics dropped (đ -> d), anything but letters,
    digits, '.', '_' and '-' made a '-' ("Quận Ba Đình 2023" -> "Quan-Ba-Dinh-2023")."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-.") or "table"
