"""Exported CSV and Excel cells beginning with = + - @ are neutralised; numbers stay numbers."""

import io

import openpyxl
import pandas as pd
import pytest

from cccd import export


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84 912", "'+84 912"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Phường Phúc Xá", "Phường Phúc Xá"),
        ("", ""),
        (-5, -5),
        (1.5, 1.5),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert export.neutralise(value) == expected


FRAME = pd.DataFrame({"Đơn vị": ["=1+1", "Quận Ba Đình"], "Đã đạt": [-3, 12]})


def test_csv_is_utf8_with_bom_and_has_no_live_formula():
    data = export.csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert frame["Đơn vị"].tolist() == ["'=1+1", "Quận Ba Đình"]
    assert frame["Đã đạt"].tolist() == [-3, 12]


def test_excel_cells_are_text_not_formulas_and_numbers_stay_numbers():
    sheet = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(FRAME))).active
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -3 and sheet["B2"].data_type == "n"
