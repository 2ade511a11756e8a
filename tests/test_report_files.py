"""Report files become tables of text cells: every sheet of a workbook with Excel's row numbers,
CSV files in any delimiter and encoding Hanoi offices export (loaders._report_files)."""

import codecs
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from cccd.report_values import parse_date
from loaders import _report_files
from loaders._report_csv import csv_rows, module_rows, pandas_rows
from loaders._report_files import (
    decode,
    excel_sheet_names,
    read_cells,
    read_csv_cells,
    read_tables,
)
from loaders.errors import DataFileError

TITLE = ["CÔNG AN QUẬN BA ĐÌNH", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
HEADER = ["STT", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt"]


def workbook(path: Path, sheets: dict[str, dict[str, object]]) -> Path:
    """An .xlsx with the given cells ({"B5": value}) per sheet, in order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, cells in sheets.items():
        sheet = book.create_sheet(name)
        for reference, value in cells.items():
            sheet[reference] = value
    book.save(path)
    return path


def tables_of(path: Path) -> list:
    return read_tables(path, path.read_bytes())


def test_a_per_district_workbook_gives_one_table_per_sheet_with_text(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "book.xlsx",
        {"Ba Đình": {"A1": "CÔNG AN QUẬN BA ĐÌNH", "B4": "Phường", "B5": "Phúc Xá", "C5": 4984},
         "Sheet1": {},
         "Q.Tây Hồ": {"C3": "  Phường  ", "C7": "Nhật Tân", "D7": 12.0},
         "blank": {"B2": "   "}},
    )  # fmt: skip
    tables = tables_of(path)
    assert [table.sheet for table in tables] == ["Ba Đình", "Q.Tây Hồ"]
    first, second = tables
    assert first.numbers == [1, 4, 5] and first.encoding == "xlsx"
    assert first.row(2) == ["", "Phúc Xá", "4984"]  # column 0 is Excel's A
    assert second.numbers == [3, 7]
    assert second.row(0) == ["", "", "Phường", ""] and second.row(1) == ["", "", "Nhật Tân", "12"]


def test_hidden_and_chart_sheets_are_not_part_of_the_report(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Phường", "Đã trả"])
    hidden = book.create_sheet("29-05")
    hidden["A1"], hidden.sheet_state = "an older day", "hidden"
    chart = book.create_chartsheet("Biểu đồ")
    bars = BarChart()
    bars.add_data(Reference(book.active, min_col=2, min_row=1, max_row=1))
    chart.add_chart(bars)
    book.save(tmp_path / "book.xlsx")
    assert [table.sheet for table in tables_of(tmp_path / "book.xlsx")] == ["Sheet"]
    assert excel_sheet_names(tmp_path / "book.xlsx") == ["Sheet", "29-05", "Biểu đồ"]


def test_read_cells_keeps_one_sheet_and_asks_when_several_hold_text(tmp_path: Path) -> None:
    path = workbook(tmp_path / "two.xlsx", {"A": {"A1": "x"}, "B": {"A2": "y"}})
    with pytest.raises(DataFileError, match="several sheets with data"):
        read_cells(path, path.read_bytes(), None)
    assert read_cells(path, path.read_bytes(), "B").numbers == [2]
    with pytest.raises(DataFileError, match="has no sheet 'C'"):
        read_cells(path, path.read_bytes(), "C")


def test_merged_cells_are_listed_in_row_numbers_and_column_positions(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["D3"], sheet["A5"] = "BÁO CÁO", "Kết quả", "Huyện Quốc Oai"
    for cells in ("A1:G1", "D3:E3", "A5:A9"):
        sheet.merge_cells(cells)
    sheet["B9"] = "Sài Sơn"
    book.save(tmp_path / "merged.xlsx")
    (table,) = tables_of(tmp_path / "merged.xlsx")
    assert table.merged == ((1, 0, 1, 6), (3, 3, 3, 4), (5, 0, 9, 0))
    assert table.rows_from(2).merged == table.merged
    assert table.numbers == [1, 3, 5, 9] and table.row(3)[:2] == ["", "Sài Sơn"]


def test_excel_values_become_the_text_a_person_sees(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "values.xlsx",
        {"S": {"A1": "00001", "B1": 1234.0, "C1": datetime(2023, 5, 30), "D1": 0.431,
               "E1": 45076, "F1": "Thuỵ Lâm", "G1": datetime(2023, 5, 30, 17, 0)}},
    )  # fmt: skip
    (table,) = tables_of(path)
    assert table.row(0) == ["00001", "1234", "2023-05-30", "0.431", "45076", "Thuỵ Lâm",
                            "2023-05-30 17:00:00"]  # fmt: skip
    assert parse_date(table.row(0)[4]) == parse_date(table.row(0)[2])


def test_a_formula_with_no_saved_result_is_refused_not_read_as_empty(tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", {"S": {"A1": "Đã trả", "A2": 5, "B2": "=A2*2"}})
    with pytest.raises(DataFileError, match="cells B2 hold formulas"):
        tables_of(path)


def test_a_formula_saved_with_its_result_reads_as_the_result(tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", {"S": {"A1": "Đã trả", "A2": 5, "B2": "=A2*2"}})
    saved = tmp_path / "saved.xlsx"  # as Excel writes it: the formula and its cached value
    import zipfile

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(saved, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes "<v />" or, with lxml installed, "<v></v>"
                data = re.sub(rb"<f>A2\*2</f><v\s*/>|<f>A2\*2</f><v></v>",
                              b"<f>A2*2</f><v>10</v>", data)  # fmt: skip
                assert b"<v>10</v>" in data
            target.writestr(item, data)
    (table,) = tables_of(saved)
    assert table.row(1) == ["5", "10"]


def test_a_workbook_with_no_text_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "empty.xlsx", {"Sheet1": {}, "Sheet2": {"A1": " "}})
    with pytest.raises(DataFileError, match="has no data in any sheet"):
        tables_of(path)


ROWS = [
    ["BÁO CÁO KẾT QUẢ CẤP CCCD"],
    ["Hà Nội, ngày 31 tháng 5 năm 2023"],
    [],
    HEADER,
    ["1", "Phúc Xá", "4.984", "3.910", "2.941"],
    ["2", "Trúc Bạch", "17.557", "-", ""],
    ["3", "Vĩnh Phúc", "12.001", "11.000", "10.000"],
]


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: â, ê, ơ… precomposed, the tone mark a separate character."""
    letters = []
    for letter in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", letter)
        tones = "".join(part for part in parts if part in TONE_MARKS)
        base = "".join(part for part in parts if part not in TONE_MARKS)
        letters.append(unicodedata.normalize("NFC", base) + tones)
    return "".join(letters).encode("cp1258")


def csv_bytes(delimiter: str, encoding: str, rows: list[list[str]] = ROWS) -> bytes:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    return windows_1258(text) if encoding == "cp1258" else text.encode(encoding)


@pytest.mark.parametrize(
    "encoding, data",
    [("utf-8-sig", csv_bytes(";", "utf-8-sig")), ("utf-8-sig", csv_bytes(";", "utf-8")),
     ("utf-16", csv_bytes(";", "utf-16")), ("utf-16", csv_bytes("\t", "utf-16-le")),
     ("utf-16", csv_bytes(";", "utf-16-be")),
     ("utf-16", codecs.BOM_UTF16_BE + csv_bytes(";", "utf-16-be")),
     ("cp1258", csv_bytes(";", "cp1258")), ("cp1258", csv_bytes("\t", "cp1258"))],
    ids=["utf-8 bom", "utf-8", "utf-16 bom", "utf-16-le tab", "utf-16-be no bom",
         "utf-16-be bom", "cp1258", "cp1258 tab"],
)  # fmt: skip
def test_csv_in_each_encoding_and_delimiter_reads_under_its_title_rows(
    encoding: str, data: bytes
) -> None:
    cells = read_csv_cells(data)
    assert cells.encoding == encoding and cells.numbers == [1, 2, 4, 5, 6, 7]
    assert cells.row(2) == HEADER and cells.row(4) == ["2", "Trúc Bạch", "17.557", "-", ""]
    assert cells.row(1)[0] == "Hà Nội, ngày 31 tháng 5 năm 2023"


def test_windows_1258_tone_marks_are_composed() -> None:
    text, encoding = decode(windows_1258("Phường Thuỵ Khuê"))
    assert (text, encoding) == ("Phường Thuỵ Khuê", "cp1258")


def test_a_comma_in_the_title_does_not_outvote_the_table_semicolons() -> None:
    rows = [["Hà Nội, ngày 31, tháng 5, năm 2023, (ký)"], *ROWS[3:]]
    cells = read_csv_cells(csv_bytes(";", "utf-8", rows))
    assert cells.row(1) == HEADER


def test_quoted_thousands_with_commas_stay_one_cell() -> None:
    rows = [HEADER, ["1", "Phúc Xá", '"4,984"', '"3,910"', '"2,941"']]
    assert read_csv_cells(csv_bytes(",", "utf-8", rows)).row(1)[2:] == ["4,984", "3,910", "2,941"]


def test_an_excel_sep_line_names_the_delimiter_and_is_not_a_row() -> None:
    data = b"sep=,\r\n" + csv_bytes(",", "utf-8", ROWS[3:])
    cells = read_csv_cells(data)
    assert cells.numbers == [1, 2, 3, 4] and cells.row(0) == HEADER


def test_read_tables_of_a_csv_is_one_table_without_a_sheet(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao-30-05-2023.csv"
    path.write_bytes(csv_bytes(";", "utf-16"))
    (table,) = read_tables(path, path.read_bytes())
    assert table.sheet is None and table.encoding == "utf-16" and len(table.numbers) == 6


CSV_SHAPES = {  # text -> whether pandas' C parser may read it (its rows are the file's lines)
    "title rows": ("BÁO CÁO\r\nHà Nội, ngày 31 tháng 5\r\n\r\nSTT;Phường\r\n1;Phúc Xá\r\n", True),
    "ragged rows": ("a,b\n1\n2,3,4\n,,,,,,\n5,6,\n", True),
    "blank lines": ("\n\na,b\n \n , \n\t\n1,2\n\n\n", True),
    "old Mac lines": ("a;b\r1;2\r\r3;4", True),
    "no line at the end": ("a,b\n1,2", True),
    "codes and words pandas could take for numbers or NA": (
        "00001,NA,nan,NULL,N/A,1e5,1.0,True,-\n", True
    ),
    "spaces": ("  a , b\u00a0\n\u3000 1,2 \u2009\n", True),
    "quoted delimiters": ('STT,Phường,Chỉ tiêu\n1,"Phúc Xá, Ba Đình","4,984"\n', True),
    "quoted quotes": ('a,"b ""c"" d"\n"x"y,z\n"ab"c"d",e\nu,  "v"\n"",""\n', True),
    "quoted empty cells, then wider plain rows": ('"",""\n\n,,,\nx,y,z,\n', True),
    "quoted line break": ('a,b\n"x\ny", 1 \nz,2\n', False),
    "quoted old Mac line break": ('a,b\r"x\ry",1\rz,2\r', False),
    "unclosed quote": ('a,b\n"x,1\nz,2\n', False),
    "form feed in a cell": ("a,b\nx\x0cy,1\n", False),
    "line separator in a cell": ("a,b\nx\u2028y,1\n", False),
    "byte order mark": ("\ufeffa,b\n1,2\n", False),
    "NUL": ("a,b\nx\x00,1\n", False),
    "only blank lines": ("\n \n,\n", True),
    "nothing": ("", True),
}  # fmt: skip


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
@pytest.mark.parametrize("shape", CSV_SHAPES)
def test_pandas_reads_csv_as_the_csv_module_does_or_leaves_it_to_it(
    shape: str, delimiter: str
) -> None:
    text, fast = CSV_SHAPES[shape]
    text = text.replace(",", delimiter) if "," in text and ";" not in text else text
    rows = pandas_rows(text, delimiter)
    assert (rows is not None) == fast
    assert csv_rows(text, delimiter) == (rows if fast else module_rows(text, delimiter))
    if fast:
        assert rows == module_rows(text, delimiter)


@pytest.mark.parametrize(
    "prefix, encoding", [(b"sep=;\r\n", "utf-8"), (b"", "utf-16"), (b"", "cp1258")]
)
@pytest.mark.parametrize("rows", [ROWS, [HEADER, ["1", '"Phúc Xá; Ba Đình"', "4.984"]]])
def test_csv_files_in_each_encoding_read_the_same_both_ways(
    prefix: bytes, encoding: str, rows: list[list[str]]
) -> None:
    data = prefix + csv_bytes(";", encoding, rows)
    text, _ = decode(data)
    cells = read_csv_cells(data)
    text = text[len("sep=;\r\n") :] if prefix else text
    assert pandas_rows(text, ";") == module_rows(text, ";") == (cells.numbers, cells.columns)


@pytest.mark.parametrize("head", [1, 3, 4, 5, 7, 9, 100])
@pytest.mark.parametrize("text", ["ab\r\ncd\ref\n", "ab\ncd", "\n\nab"])
def test_the_delimiter_sample_holds_whole_lines_only(
    text: str, head: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_report_files, "_HEAD_CHARS", head)
    lines = _report_files._first_lines(text)
    assert lines == text.splitlines()[: len(lines)]
    assert (lines == text.splitlines()) == (head >= len(text))
