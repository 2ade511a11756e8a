"""Export cells that a spreadsheet would run as a formula, however they are dressed (issue 17):
after leading whitespace (space, tab, CR, LF, no-break or ideographic space) and in the
full-width and small forms an input method types (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫), in CSV and in XLSX."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

from cccd import export

LIVE = [
    " =1+1",
    '  =HYPERLINK("http://192.0.2.9")',
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\r\n@SUM(A1)",
    " +84 912",
    " -1+1",
    " @SUM(A1)",
    "\u00a0=1+1",  # no-break space
    "\u3000=1+1",  # ideographic space
    "\u2003+1",  # em space
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
    ' ＝HYPERLINK("http://192.0.2.9")',
    "\u3000＋1",
    "\t＠SUM(A1)",
    "﹦1+1",
    "﹢1",
    "﹣1",
    "﹫SUM(A1)",
    "\u22121+1",  # minus sign
    "=1+1",
    "+1",
    "-1",
    "@A1",
]
INERT = ["Phường Phúc Xá", "a =1", "1=1", "Xã ＝", " Quận Ba Đình", "  ", "", "(=1)", "'=1"]


@pytest.mark.parametrize("text", LIVE)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text: str) -> None:
    assert export.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", INERT)
def test_other_text_is_unchanged(text: str) -> None:
    assert export.neutralise(text) == text


def _frame() -> pd.DataFrame:
    names = LIVE + INERT
    return pd.DataFrame(
        {
            "Đơn vị": names,
            "Mã": pd.Series(names, dtype="str"),
            "Nhóm": pd.Categorical(names),
            "Số": range(len(names)),
            "＝cột": [-1] * len(names),
        }
    )


def _expected(text: str) -> str:
    return "'" + text if text in LIVE else text


def test_csv_cells_and_headers_are_neutralised_in_every_text_column() -> None:
    data = export.csv_bytes(_frame()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0] == ["Đơn vị", "Mã", "Nhóm", "Số", "'＝cột"]
    names = LIVE + INERT
    for row, text in zip(rows[1:], names, strict=True):
        assert row[:3] == [_expected(text)] * 3, repr(text)
        assert row[3].isdigit()


def test_xlsx_cells_are_text_never_formulas() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(_frame()))).active
    names = LIVE + INERT
    assert sheet["E1"].value == "'＝cột"
    for number, text in enumerate(names, start=2):
        for column in "ABC":
            cell = sheet[f"{column}{number}"]
            assert cell.data_type != "f", (column, repr(text))

            # A line break may come back as LF (XML reads a raw CR as one) or as written.
            def lines(text: str) -> str:
                return text.replace("\r\n", "\n").replace("\r", "\n")

            assert lines(cell.value or "") == lines(_expected(text)), (column, repr(text))
        assert sheet[f"D{number}"].data_type == "n"
