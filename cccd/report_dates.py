"""The date a report's figures are for, when no column holds it: from its title, its file name.

Vietnamese documents write dates day first ("25/5/2023", "25-05-2023", "25.5.2023") or in words
("ngày 25 tháng 5 năm 2023"). A title may hold several: the data date ("Số liệu tính đến ngày
25/05/2023", "(Tính đến 17h00 ngày 25/5/2023)", "Từ ngày 1/5 đến ngày 25/5/2023") is preferred
over a plain date, and the signing line ("Hà Nội, ngày 26 tháng 5 năm 2023") is never taken:
it says when the report was signed, not what day its figures describe. Pure.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cccd.report_layout import fold

_NUMERIC = r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"
_ISO = r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"
_WORDS = r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_ENGLISH = [  # "25 May 2023", "May 25, 2023" (folded: "may 25 2023")
    (re.compile(rf"(?<!\d)(\d{{1,2}}) {_MONTH} (\d{{4}})(?!\d)"), (0, 1, 2)),
    (re.compile(rf"\b{_MONTH} (\d{{1,2}}) (\d{{4}})(?!\d)"), (1, 0, 2)),
]
# Folded text keeps digits and words only: "25/05/2023" folds to "25 05 2023".
_FOLDED_NUMERIC = re.compile(r"(?<!\d)(\d{1,2}) (\d{1,2}) (\d{4})(?!\d)")
_DATE_PATTERNS = [(re.compile(_ISO), (2, 1, 0)), (re.compile(_NUMERIC), (0, 1, 2))]
_FILE_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{4})[-_. ](\d{1,2})[-_. ](\d{1,2})(?!\d)"), (2, 1, 0)),
    (re.compile(r"(?<!\d)(\d{1,2})[-_. ](\d{1,2})[-_. ](\d{4})(?!\d)"), (0, 1, 2)),
    (re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)"), (2, 1, 0)),
    (re.compile(r"(?<!\d)(\d{2})(\d{2})(20\d{2})(?!\d)"), (0, 1, 2)),
]
_DATA_DATE_WORDS = ("tinh den", "den ngay", "so lieu", "cap nhat", "den het", "den", "as of",
                    "bao cao", "report date", "ngay bc")  # fmt: skip
_SIGNING = re.compile(r"^[a-z ]{2,40} ngay \d{1,2} thang \d{1,2} nam \d{4}")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, and how sure we are that it is the data date (higher: surer)."""

    day: date
    rank: int  # 3 "tính đến"/"số liệu", 2 a plain date, 1 the start of a range, 0 signing line
    text: str  # the text it was found in


def _day(parts: tuple[str, ...], order: tuple[int, int, int]) -> date | None:
    try:
        return date(int(parts[order[2]]), int(parts[order[1]]), int(parts[order[0]]))
    except ValueError:
        return None


def _rank(before: str, signing: bool) -> int:
    """How surely a date is the data date, from the folded words just before it."""
    if signing:
        return 0
    near = " ".join(before.split()[-6:])
    if re.search(r"\btu( ngay)?$", near):
        return 1
    return 3 if any(f" {word} " in f" {near} " for word in _DATA_DATE_WORDS) else 2


def dates_in_text(text: str) -> list[FoundDate]:
    """Every date written in a cell or title, with its rank."""
    words = fold(text)
    signing = bool(_SIGNING.match(words)) and "," in str(text)
    found = []
    for match in re.finditer(_WORDS, words):
        if day := _day(match.groups(), (0, 1, 2)):
            found.append((match.start(), day))
    for match in _FOLDED_NUMERIC.finditer(words):
        if day := _day(match.groups(), (0, 1, 2)):
            found.append((match.start(), day))
    for pattern, order in _ENGLISH:
        for match in pattern.finditer(words):
            parts = [str(_MONTHS.index(p) + 1) if p in _MONTHS else p for p in match.groups()]
            if day := _day(tuple(parts), order):
                found.append((match.start(), day))
    for pattern, order in _DATE_PATTERNS[:1]:  # ISO dates fold to "2023 05 25"
        for match in pattern.finditer(str(text)):
            if day := _day(match.groups(), order):
                found.append((len(fold(str(text)[: match.start()])), day))
    return [FoundDate(day, _rank(words[:at], signing), str(text)) for at, day in sorted(found)]


def title_date(cells: Iterable[str]) -> FoundDate | None:
    """The data date among the texts above a header: the best-ranked, the first among equals;
    None when there is none (or only a signing date)."""
    found = [item for cell in cells if cell for item in dates_in_text(cell) if item.rank > 0]
    if not found:
        return None
    best = max(item.rank for item in found)
    return next(item for item in found if item.rank == best)


def _serial_day(text: str) -> str:
    """An Excel day number (45071) as an ISO date, other text unchanged; only numbers of the
    years 2000-2050, so a count is never taken for a date."""
    value = text.strip().removesuffix(".0")
    if value.isdigit() and 36526 <= int(value) <= 54789:
        return (date(1899, 12, 30) + timedelta(days=int(value))).isoformat()
    return text


def labelled_texts(rows: Iterable[Iterable[str]]) -> list[str]:
    """The texts of the rows above a header, one per cell, plus each label joined to the cell
    after it ("Ngày báo cáo:" | "25/05/2023" -> "Ngày báo cáo: 25/05/2023"; a day number after
    a label that speaks of a date, 45071, is read as the Excel date it is)."""
    texts = []
    for row in rows:
        cells = [cell for cell in row if cell]
        texts += cells
        for label, value in zip(cells, cells[1:], strict=False):
            if any(map(str.isdigit, label)):
                continue
            if re.search(r"\b(ngay|date|den|so lieu)\b", fold(label)):
                value = _serial_day(value)
            if dates_in_text(value):
                texts.append(f"{label} {value}")
    return texts


def name_date(name: str) -> date | None:
    """A date written in a file or sheet name: "bao-cao-25-05-2023.xlsx", "BC_25.5.2023.csv",
    "2023-05-25", "20230525"; None if none."""
    for pattern, order in _FILE_PATTERNS:
        for match in pattern.finditer(name):
            if day := _day(match.groups(), order):
                return day
    return None
