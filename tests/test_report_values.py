"""Counts and dates as Vietnamese reports write them (cccd.report_values)."""

from datetime import date

import pandas as pd
import pytest

from cccd.report_values import FIGURE, holds_figure, parse_count, parse_counts, parse_date


@pytest.mark.parametrize(
    "text, count",
    [("17.557", 17557), ("17,557", 17557), ("17 557", 17557), ("17\u00a0557", 17557),
     ("17\u202f557", 17557), ("17\u2009557", 17557), ("1.234.567", 1234567),
     ("-", 0), ("–", 0), ("—", 0), (" - ", 0), ("--", "not a number"), ("-5", "negative"),
     ("– 5", "not a number"), ("", "empty"), ("43,1%", "not a number"), ("17.5", "decimal")],
)  # fmt: skip
def test_counts_with_any_thousands_separator_and_a_dash_for_none(
    text: str, count: int | str
) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    "text, day",
    [("45071", date(2023, 5, 25)), ("45076", date(2023, 5, 30)), ("45076.70833", date(2023, 5, 30)),
     ("36526", date(2000, 1, 1)), ("73050", date(2099, 12, 31)), ("36525", None),
     ("73051", None), ("12345", None), ("4507", None), ("450711", None),
     ("25/5/2023", date(2023, 5, 25)), ("5/6/2023", date(2023, 6, 5)),
     ("5-6-2023", date(2023, 6, 5)), ("05/29/2023", None), ("5.6.2023", date(2023, 6, 5)),
     ("2023-05-30 17:00:00", date(2023, 5, 30)), ("2023-05-30 17:00", date(2023, 5, 30)),
     ("2023-05-30T00:00:00", date(2023, 5, 30)), ("30/05/2023 08:30", date(2023, 5, 30))],
)  # fmt: skip
def test_dates_day_first_or_as_excel_day_numbers(text: str, day: date | None) -> None:
    assert parse_date(text) == day


COLUMNS = {  # cells of one count column, as a file gives them
    "plain digits": ["0", "17557", "00042", "999999999"],
    "ten digits": ["1", "1000000000", "0000000001"],
    "grouped, dashed, empty": ["4.984", "-", "", "17 557", "12.0"],
    "unreadable": ["-5", "17.5", "43,1%", "abc", " 12 "],
    "other digits": ["١٢٣", "１２", "12"],
    "nothing": [],
}


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", "string[python]", object])
@pytest.mark.parametrize("cells", COLUMNS.values(), ids=COLUMNS.keys())
def test_a_column_of_counts_reads_as_each_of_its_cells(cells: list[str], dtype: object) -> None:
    column = pd.Series(cells, index=pd.RangeIndex(2, 2 + len(cells), name="row"), dtype=dtype)
    counts, reasons = parse_counts(column)
    one_by_one = [parse_count(cell) for cell in cells]
    assert counts.dtype == "Int64" and counts.index.equals(column.index)
    assert counts.tolist() == [pd.NA if isinstance(c, str) else c for c in one_by_one]
    assert reasons == [
        (row, c) for row, c in zip(column.index, one_by_one, strict=True) if isinstance(c, str)
    ]


def test_a_missing_cell_is_not_a_number() -> None:
    counts, reasons = parse_counts(pd.Series(["12", None], dtype="str"))
    assert counts.tolist() == [12, pd.NA] and reasons == [(1, "not a number")]


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", "string[python]", object])
@pytest.mark.parametrize(
    "cells",
    [*COLUMNS.values(), ["NGƯỜI LẬP BIỂU", "12 ", "1.2,3", None, "", " ", "(4)", "Ⅻ"]],
    ids=[*COLUMNS.keys(), "signature and odd cells"],
)
def test_a_cell_holds_a_figure_as_the_figure_pattern_says(cells: list, dtype: object) -> None:
    column = pd.Series(cells, dtype=dtype)
    expected = column.str.fullmatch(FIGURE.pattern).fillna(False).to_numpy(dtype=bool)
    assert holds_figure(column).tolist() == expected.tolist()
