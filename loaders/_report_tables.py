"""One table of a report read into our columns, with what was decided and why.

A table is a CSV file or one sheet of a workbook. Its header, columns, communes, date and
district are worked out here (loaders._report_layout, loaders._report_rows); combining tables
and checking the rows are loaders.reports' business.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from cccd.messages import Message, message
from cccd.report_dates import labelled_texts, name_date, title_date
from cccd.report_layout import ROW_NUMBER_HEADINGS, Header, fold
from cccd.report_rows import district_in_text
from cccd.report_values import parse_date
from loaders._report_files import Cells
from loaders._report_layout import (
    Columns,
    choose_columns,
    fill_merged_down,
    fixed_date,
    frame_of,
    locate_header,
    missing_columns,
)
from loaders._report_rows import (
    mark_headers_again,
    plan_rows,
    row_districts,
    skipped_notes,
    subtotal_warnings,
)


@dataclass
class TableRead:
    """What one table gave: its rows in our columns (communes only) and the decisions."""

    file: str
    sheet: str | None
    label: str  # "file" or "file › sheet", as problems name it
    header: Header | None = None  # None: no report header in the table's first rows
    columns: Columns | None = None
    frame: pd.DataFrame | None = None  # text in our columns, indexed by the file's row numbers
    rows_read: int = 0
    as_of: date | None = None  # the one date of the table when no column holds dates
    dates: tuple[date, ...] = ()  # the dates its rows report on (those that can be read)
    as_of_source: Message | None = None
    district: str = ""  # the district found for the whole table (sheet name, title)
    decisions: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    first_row: list[str] = field(default_factory=list)  # with no header: its first row's cells


def read_table(
    cells: Cells,
    table: TableRead,
    units: pd.DataFrame,
    given_columns: Mapping[str, str],
    given_date: date | None,
) -> TableRead:
    """Fill `table` from its cells; DataFileError only for a --column naming no heading."""
    header = locate_header(cells, given_columns)
    if header is None:
        table.first_row = [cell for cell in cells.row(0) if cell] if cells.numbers else []
        return table
    data = cells.rows_from(header.data_start)
    columns = choose_columns(header, data, units, given_columns, table.file)
    table.header, table.columns, table.rows_read = header, columns, len(data.numbers)
    first = cells.numbers[header.position]
    key = "layout.header_row" if header.depth == 1 else "layout.header_rows"
    table.decisions.append(message(key, source=table.label, row=str(first)))
    above = labelled_texts(cells.row(i) for i in range(header.position))
    empty = "as_of" not in given_columns and _empty_column(columns, data, "as_of")
    _date(table, columns, above, given_date, empty)
    table.decisions += [
        message("layout.in", source=table.label, what=r) for r in columns.reasons.values()
    ]
    if table.as_of is not None:
        table.decisions.append(message("layout.in", source=table.label, what=table.as_of_source))
    table.missing = missing_columns(columns, table.as_of is not None)
    if not (table.missing or columns.conflicts or not data.numbers):
        table.frame = _communes(table, cells, header, data, units, above)
    return table


def _communes(
    table: TableRead,
    cells: Cells,
    header: Header,
    data: Cells,
    units: pd.DataFrame,
    above: list[str],
) -> pd.DataFrame:
    """The table's commune rows in our columns, with their date and district."""
    columns = table.columns
    frame = frame_of(columns, data)
    if "district_name" in columns.chosen:
        fill_merged_down(frame, cells, columns.chosen["district_name"], "district_name")
    used = set(columns.chosen.values())
    others = pd.DataFrame(
        {i: data.columns[i] for i in range(len(data.columns)) if i not in used},
        index=frame.index, dtype="str",
    )  # fmt: skip
    plan = plan_rows(frame, others, units, _roman_numbers(header, data))
    mark_headers_again(plan, frame, columns.headers)
    districts = None if "district_name" in frame else row_districts(plan)
    table.warnings = subtotal_warnings(frame, plan, districts, table.label)
    table.decisions += skipped_notes(plan, table.label)
    frame = frame[plan.kept]
    if "as_of" in frame:
        table.dates = tuple(sorted({d for d in map(parse_date, frame["as_of"].unique()) if d}))
    if "district_name" in frame:
        frame = _district_above(table, frame)
    if table.as_of is not None:
        frame = frame.assign(as_of=fixed_date(table.as_of))
    return _district(table, frame, districts, above, units)


def _district_above(table: TableRead, frame: pd.DataFrame) -> pd.DataFrame:
    """District cells left empty under a filled one take the district above them (a district
    written once for its communes, as merged or grouped cells are exported)."""
    column = frame["district_name"]
    empty = column.str.strip() == ""
    if not empty.any() or empty.all() or not (~empty).cummax()[empty].any():
        return frame
    filled = column.where(~empty).ffill().fillna("")
    count = int((filled != column).sum())
    what = message("layout.district_above", count=count)
    table.decisions.append(message("layout.in", source=table.label, what=what))
    return frame.assign(district_name=filled.astype("str"))


def _roman_numbers(header: Header, data: Cells) -> np.ndarray | None:
    """Rows numbered with a Roman numeral or a capital letter in the row-number column."""
    for position, text in enumerate(header.texts):
        if fold(text) in ROW_NUMBER_HEADINGS and position < len(data.columns):
            numbers = pd.Series(data.columns[position], dtype="str")
            return numbers.str.fullmatch(r"(?:[IVX]{1,5}|[A-D])\.?").fillna(False).to_numpy(bool)
    return None


def _empty_column(columns: Columns, data: Cells, ours: str) -> bool:
    """True when our column `ours` was found but holds no text at all."""
    position = columns.chosen.get(ours)
    return position is not None and bool(data.numbers) and not any(data.columns[position])


def _unbracketed(text: str) -> str:
    """A title line as quoted in a decision: "(Số liệu tính đến …)" without its own brackets,
    which the message already puts around it."""
    text = text.strip()
    return text[1:-1].strip() if text[:1] == "(" and text[-1:] == ")" else text


def _found_date(table: TableRead, above: list[str]) -> tuple[date, Message] | None:
    """The date of the title, else of the sheet name, else of the file name."""
    if found := title_date(above):
        text = _unbracketed(found.text)
        return found.day, message("layout.date_title", day=found.day, text=text)
    if table.sheet and (day := name_date(table.sheet)):
        return day, message("layout.date_sheet", day=day, sheet=table.sheet)
    if day := name_date(table.file):
        return day, message("layout.date_file", day=day, file=table.file)
    return None


def _date(
    table: TableRead, columns: Columns, above: list[str], given: date | None, empty: bool
) -> None:
    """The table's one date (given, title, sheet name, file name) when no column holds dates;
    a date column left empty gives way to a date found elsewhere."""
    found = None if given is not None else _found_date(table, above)
    if given is not None:
        table.as_of, table.as_of_source = given, message("layout.date_given", day=given)
    elif "as_of" in columns.chosen and not (empty and found):
        header = columns.texts[columns.chosen["as_of"]]
        table.as_of_source = message("layout.date_column", header=header)
    elif found:
        table.as_of, table.as_of_source = found
        if "as_of" in columns.chosen:  # empty: the date found elsewhere fills it
            del columns.chosen["as_of"]
            del columns.reasons["as_of"]


def _district(
    table: TableRead,
    frame: pd.DataFrame,
    districts: pd.Series | None,
    above: list[str],
    units: pd.DataFrame,
) -> pd.DataFrame:
    """The communes' district when no column holds it: from heading or subtotal rows, else the
    sheet's name, else the title; unchanged when none is found."""
    if "district_name" in frame:
        return frame
    names = dict(zip(units["district_code"], units["district_name"], strict=False))
    if districts is not None:
        found = districts[frame.index].map(names).fillna("").astype("str")
        what = message("layout.district_rows", count=int(found[found != ""].nunique()))
        table.decisions.append(message("layout.in", source=table.label, what=what))
        return frame.assign(district_name=found)
    code, what = None, None
    if table.sheet and (code := district_in_text(table.sheet, units, initials=True)):
        what = message("layout.district_sheet", district=names[code], sheet=table.sheet)
    else:
        for text in above:
            if code := district_in_text(text, units):
                shown = _unbracketed(text)
                what = message("layout.district_title", district=names[code], text=shown)
                break
    if code is None:
        return frame
    table.district = names[code]
    table.decisions.append(message("layout.in", source=table.label, what=what))
    return frame.assign(district_name=names[code])
