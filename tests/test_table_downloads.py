"""The districts page's numbers and downloads: one percent rule in every language; spreadsheets
with real dates, whole numbers and sheet and file names in the reader's language."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from test_tables import projections

from cccd import export, tables
from loaders import catalogue
from ui import district_grid


@pytest.mark.parametrize(
    "language, completion, shown",
    [
        ("vi", 87.8, "87,8 %"),
        ("vi", 88.0, "88,0 %"),
        ("en", 87.8, "87.8%"),
        ("en", 88.0, "88.0%"),
        ("fr", 87.8, "87,8\xa0%"),
        ("fr", 88.0, "88,0\xa0%"),
        ("fr", 100.0, "100,0\xa0%"),
        ("vi", float("nan"), "–"),
    ],
)
def test_completion_has_one_decimal_and_the_languages_mark(language, completion, shown):
    t = catalogue.translator(language)
    assert district_grid.display_formats(t)[t(tables.COMPLETION)](completion) == shown


def _download(language: str):
    t = catalogue.translator(language)
    return t, tables.projection_download(t, projections())


def test_download_holds_counts_as_whole_numbers_and_dates_as_dates():
    t, table = _download("en")
    assert table[t(tables.NAME)].tolist() == ["Quận B", "Huyện D", "Huyện C", "Quận A"]
    assert table[t(tables.TARGET)].tolist() == [400, 100, 500, 300]
    assert table[t(tables.AT_TARGET)].tolist() == [0, 0, 1, 3]
    assert table[t(tables.COMMUNES)].tolist() == [4, 1, 5, 3]
    # Done: no finish date (the status says so); a missing end of the range stays empty.
    assert table[t(tables.FINISH)].tolist() == [None, None, date(2023, 6, 10), None]
    assert table[t(tables.FINISH_LATE)].tolist() == [None, None, None, date(2023, 5, 29)]
    assert table[t(tables.STATUS)].tolist() == ["Stalled", "Not enough data", "On track", "Done"]


@pytest.mark.parametrize(
    "language, sheet", [("vi", "Quận huyện"), ("en", "Districts"), ("fr", "Districts")]
)
def test_excel_sheet_is_named_in_the_language_with_date_and_integer_cells(language, sheet):
    t, table = _download(language)
    data = export.xlsx_bytes(table, t("tables.sheet.districts"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [sheet]
    rows = list(book.active.iter_rows())
    header = [cell.value for cell in rows[0]]
    on_track = {name: cell for name, cell in zip(header, rows[3], strict=True)}
    finish = on_track[t(tables.FINISH)]
    assert finish.is_date and finish.value == datetime(2023, 6, 10)
    assert finish.number_format == "dd/mm/yyyy"
    assert on_track[t(tables.FINISH_LATE)].value is None
    for key in (tables.TARGET, tables.VALUE, tables.AT_TARGET, tables.PACE):
        cell = on_track[t(key)]
        assert cell.data_type == "n" and isinstance(cell.value, int), key
    assert on_track[t(tables.COMPLETION)].value == 70.0


def test_csv_writes_whole_numbers_without_a_decimal_and_iso_dates():
    t, table = _download("fr")
    text = export.csv_bytes(table).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    on_track = rows[2]
    assert on_track[t(tables.TARGET)] == "500" and on_track[t(tables.VALUE)] == "350"
    assert on_track[t(tables.PACE)] == "12" and on_track[t(tables.FINISH)] == "2023-06-10"
    assert rows[1][t(tables.PACE)] == ""  # no pace yet: empty, not "nan"
    counts = [t(key) for key in (tables.TARGET, tables.VALUE, tables.AT_TARGET, tables.COMMUNES)]
    assert not any(row[column].endswith(".0") for row in rows for column in counts)


@pytest.mark.parametrize(
    "text, name",
    [
        ("ban-do-2023-05-29", "ban-do-2023-05-29"),
        ("Quận Ba Đình 2023", "Quan-Ba-Dinh-2023"),
        ("dossier-réunion/29:05", "dossier-reunion-29-05"),
        ("Đống Đa", "Dong-Da"),
        ("///", "table"),
    ],
)
def test_file_names_are_ascii(text, name):
    assert export.file_name(text) == name


@pytest.mark.parametrize(
    "language, png, pdf, districts",
    [
        ("vi", "ban-do-2023-05-29", "hop-giao-ban-2023-05-29", "quan-huyen-2023-05-29"),
        ("en", "map-2023-05-29", "meeting-pack-2023-05-29", "districts-2023-05-29"),
        ("fr", "carte-2023-05-29", "dossier-reunion-2023-05-29", "districts-2023-05-29"),
    ],
)
def test_download_file_names_are_in_the_language(language, png, pdf, districts):
    t = catalogue.translator(language)
    day = "2023-05-29"
    assert export.file_name(t("tables.file.map", date=day)) == png
    assert export.file_name(t("tables.file.pack", date=day)) == pdf
    assert export.file_name(t("download.districts_file", date=day)) == districts


def test_sheet_names_drop_what_excel_refuses():
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(projections(), "a/b:c*d?[e]")))
    assert book.sheetnames == ["a b c d  e "]
