"""One cell of a daily report: counts and dates, and what to say when they cannot be read.

What to say is a Message (a key of locales/*/LC_MESSAGES/checks.po and its values), rendered
in the reader's language by the page, in English by the command line. parse_counts and
parse_dates read a whole column with the same verdicts, at the cost of pandas operations plus
one call per distinct value the fast path cannot read.
"""

import re
from collections.abc import Callable, Hashable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cccd.messages import Message, message

if TYPE_CHECKING:  # imported where a column is known to be stored in Arrow
    import pyarrow as pa

LABELS = {
    "as_of": message("check.label_as_of"),
    "commune": message("check.label_commune"),
    "target": message("check.label_target"),
    "delivered": message("check.label_delivered"),
    "activated": message("check.label_activated"),
}
EMPTY_CELL = message("check.empty_cell")
CHECK_DATE = message("check.fix_date_check")
_COUNT_PROBLEMS = {  # parse_count's reason -> (what, fix) keys
    "empty": ("check.empty_cell", "check.fix_fill_in_or_delete"),
    "negative": ("check.negative_count", "check.fix_digits_negative"),
    "decimal": ("check.decimal_count", "check.fix_digits_decimal"),
    "not a number": ("check.not_a_number", "check.fix_digits_letters"),
    "too large": ("check.count_too_large", "check.fix_count_too_large"),
}
# One commune's count has at most 9 digits (Hanoi's largest wards have ~100,000 people); a
# longer number is a typo or a pasted total, and would not fit the store's integers anyway.
MAX_COUNT = 999_999_999
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
# "1.234" is how Vietnamese write a thousand and more: a separator before each group of three.
_GROUPED = re.compile(r"\d{1,3}([.,\s])\d{3}(?:\1\d{3})*")
_ZERO_DECIMALS = re.compile(r"(\d+)[.,]0+")
# No-break, narrow no-break and thin spaces group thousands as a plain space does ("17 557").
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u202f\u2009\u2007", " "))
_DASHES = {"-", "\u2013", "\u2014", "\u2212"}  # hyphen, en and em dash, minus sign
# Excel stores dates as day numbers from 30/12/1899; a text cell may show one ("45071"). Only
# days of 2000-2099 are read as dates, so a stray count is not taken for one.
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")
_SERIAL_RANGE = ((date(2000, 1, 1) - _EXCEL_EPOCH).days, (date(2099, 12, 31) - _EXCEL_EPOCH).days)
_TIME_OF_DAY = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def parse_count(text: str) -> int | str:
    """A whole, non-negative count from cell text ("1234", "1.234", "1,234", "12.0"), else why not.

    Returns the int, or "empty", "negative", "decimal", "not a number" or "too large".
    """
    count = _parse_count(text)
    return "too large" if isinstance(count, int) and count > MAX_COUNT else count


def _parse_count(text: str) -> int | str:
    value = str(text).translate(_SPACES).strip()
    if not value:
        return "empty"
    if value in _DASHES:  # a report's "-" in a count cell means none
        return 0
    if value.isdecimal() and value.isascii():
        return int(value)
    if _GROUPED.fullmatch(value):
        return int(re.sub(r"\D", "", value))
    if match := _ZERO_DECIMALS.fullmatch(value):
        return int(match.group(1))
    if re.fullmatch(r"[-−]\s*\d[\d.,\s]*", value):
        return "negative"
    if re.fullmatch(r"\d[\d.,\s]*", value):
        return "decimal"
    return "not a number"


def parse_date(text: str) -> date | None:
    """A report date from "29/05/2023", "29/5/2023", "2023-05-29", "29-05-2023", "29.05.2023"
    (day first, never month first), or an Excel day number of 2000-2099 ("45075"); None if not.
    A time of day after the date ("2023-05-29 17:00:00") is dropped."""
    value = _TIME_OF_DAY.sub("", str(text).strip())
    if serial := _SERIAL.fullmatch(value):
        days = int(serial.group(1))
        in_range = _SERIAL_RANGE[0] <= days <= _SERIAL_RANGE[1]
        return _EXCEL_EPOCH + timedelta(days=days) if in_range else None
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(value, layout).date()
        except ValueError:
            continue
    return None


def count_problem(reason: str, label: Message) -> tuple[Message, Message]:
    """(what, fix) for a count that could not be read; `label` names the column."""
    what, fix = _COUNT_PROBLEMS[reason]
    return message(what), message(fix, label=label)


def date_problem(
    text: str, today: date, campaign_start: date
) -> tuple[date | None, tuple[Message, Message] | None]:
    """(the date or None, (what, fix) or None) for a date cell; a date after `today` or before
    `campaign_start` is a problem."""
    if not str(text).strip():
        return None, (EMPTY_CELL, message("check.fix_fill_in_or_delete", label=LABELS["as_of"]))
    day = parse_date(text)
    if day is None:
        return None, (message("check.not_a_date"), message("check.fix_date_format"))
    if day > today:
        return day, (message("check.date_after_today", today=today), CHECK_DATE)
    if day < campaign_start:
        return day, (message("check.date_before_campaign", start=campaign_start), CHECK_DATE)
    return day, None


# A cell a signature or title line never is: digits among dots, commas and spaces.
FIGURE = re.compile(r"[\d.,\s]*\d[\d.,\s]*")
# Plain digits up to MAX_COUNT are read column-wise; the rest goes through parse_count.
_PLAIN = r"[0-9]{1,9}"  # at most MAX_COUNT


def distinct_cells(column: pd.Series) -> tuple[np.ndarray, list[object]]:
    """(per row: the position of its value in the list, the distinct values in order met).

    Text columns are factorised; any other column keeps one value per row, since 1, 1.0 and
    True are equal keys, and None and NaN both missing, but their cells read differently.
    """
    if not isinstance(column.dtype, pd.StringDtype):
        return np.arange(len(column)), column.tolist()
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return codes, uniques.tolist()


def distinct_rows(
    frame: pd.DataFrame, clean: Callable[[object], object]
) -> tuple[np.ndarray, pd.DataFrame]:
    """(per row: its line in the result, one line per distinct row of clean(cell) values, in the
    order met). clean runs once per distinct cell of each column; the result holds objects."""
    keys, cleaned = np.zeros(len(frame), dtype="int64"), {}
    for column in frame.columns:
        codes, values = distinct_cells(frame[column])
        recode, distinct = pd.factorize(
            pd.Series([clean(value) for value in values], dtype=object), use_na_sentinel=False
        )
        cleaned[column] = (recode[codes], np.asarray(distinct, dtype=object))
        keys = pd.factorize(keys * len(distinct) + recode[codes])[0]
    _, first = np.unique(keys, return_index=True)  # keys are line numbers, in the order met
    lines = {name: pd.Series(text[at[first]], dtype=object) for name, (at, text) in cleaned.items()}
    return keys, pd.DataFrame(lines, index=pd.RangeIndex(len(first)))


def parse_counts(column: pd.Series) -> tuple[pd.Series, list[tuple[Hashable, str]]]:
    """parse_count over a column: (Int64 counts, NA where unreadable; (row, reason) per bad
    cell). A column of plain digits is cast at once, any other reads its plain digits
    column-wise and the rest once per distinct text."""
    plain = _all_plain(column)
    if plain is not None:
        counts = pd.arrays.IntegerArray(plain, np.zeros(len(plain), dtype=bool))
        return pd.Series(counts, index=column.index), []
    text = column.astype("str")
    plain = text.str.fullmatch(_PLAIN).fillna(False).to_numpy(dtype=bool)
    counts = np.zeros(len(column), dtype="int64")
    counts[plain] = text[plain].astype("int64").to_numpy()
    unread = ~plain
    rest = np.flatnonzero(unread)
    codes, values = distinct_cells(column.iloc[rest])
    parsed = [parse_count(value) for value in values]
    failed = np.array([isinstance(count, str) for count in parsed], dtype=bool)
    read = np.array([0 if isinstance(count, str) else count for count in parsed], dtype="int64")
    counts[rest], unread[rest] = read[codes], failed[codes]
    reasons = [(column.index[rest[i]], parsed[codes[i]]) for i in np.flatnonzero(failed[codes])]
    return pd.Series(pd.arrays.IntegerArray(counts, unread), index=column.index), reasons


def _all_plain(column: pd.Series) -> np.ndarray | None:
    """The int64 counts when every cell of an Arrow text column is plain digits (1 to 9 of
    them, as _PLAIN), else None: a nationwide month's column in ~2 ms instead of ~90 ms."""
    cells = _digit_cells(column)
    if cells is None:
        return None
    import pyarrow as pa  # installed: the column is stored in it
    import pyarrow.compute as pc

    if pc.max(pc.binary_length(cells)).as_py() > len(str(MAX_COUNT)):
        return None
    return pc.cast(cells, pa.int64()).to_numpy()


def _digit_cells(column: pd.Series) -> "pa.Array | None":
    """The column's Arrow array when it is stored in Arrow and every cell is one or more ASCII
    digits (no NA, no empty cell), else None."""
    dtype = column.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow") or column.empty:
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = pa.array(column.array)
    if cells.null_count or not pc.all(pc.ascii_is_decimal(cells)).as_py():
        return None
    return cells


def holds_figure(column: pd.Series) -> np.ndarray:
    """Per cell, whether it is written as a figure: digits, perhaps with dots, commas and spaces
    among them ("4.984", "17 557", "12,5"), as `column.str.fullmatch(FIGURE)` says (NA: False),
    but a column of plain digits at once and any other once per distinct text."""
    if _digit_cells(column) is not None:
        return np.ones(len(column), dtype=bool)
    codes, values = pd.factorize(column, use_na_sentinel=True)
    # The last place is for NA (code -1).
    fits = [isinstance(value, str) and bool(FIGURE.fullmatch(value)) for value in values]
    return np.array([*fits, False], dtype=bool)[codes]


def parse_dates(
    column: pd.Series, today: date, campaign_start: date
) -> tuple[pd.Series, list[tuple[Hashable, tuple[Message, Message]]]]:
    """date_problem over a column, once per distinct text: (datetime64[s] dates, NaT where
    unreadable or out of range; (row, (what, fix)) per bad cell)."""
    codes, values = distinct_cells(column)
    checked = [date_problem(value, today, campaign_start) for value in values]
    days = np.array(
        [np.datetime64(day, "s") if day and not trouble else np.datetime64("NaT")
         for day, trouble in checked],
        dtype="datetime64[s]",
    )  # fmt: skip
    bad = np.array([trouble is not None for _, trouble in checked], dtype=bool)
    troubles = [
        (column.index[position], checked[codes[position]][1])
        for position in np.flatnonzero(bad[codes])
    ]
    return pd.Series(days[codes], index=column.index), troubles
