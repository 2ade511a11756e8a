"""Tables as CSV or Excel files that are safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab, carriage return or line feed) is run as a formula by
Excel and LibreOffice: a name from a user's file could carry one (CSV injection). Spreadsheets
also skip leading spaces before a formula, and an East Asian input method types the full-width
and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) that Excel reads as the ASCII ones. Such text cells get
a leading apostrophe, the spreadsheet convention for "this is text". Numbers stay numbers.
"""

import io
import unicodedata

import pandas as pd

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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel shows Vietnamese text correctly; CRLF line
    ends, so a cell holding a lone CR is quoted too (with LF ends it split its row)."""
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "Bảng") -> bytes:
    """An .xlsx workbook with one sheet; text cells neutralised, numbers kept as numbers."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
