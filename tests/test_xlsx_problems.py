"""A workbook that cannot be opened is explained in the reader's language, not in the words of
the zip, XML or calamine libraries (issue 17: "Bad CRC-32 for file …", "not a zip file")."""

import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
import test_bad_files
from test_bad_files import TRUTH

from cccd.i18n import LANGUAGES
from loaders import catalogue, reports
from loaders._xlsx_problems import xlsx_problem
from loaders.errors import DataFileError

corpus = test_bad_files.corpus  # the corpus written once per module (fixture)

LIBRARY_WORDS = ("crc", "zip file", "relationships", "calamine", "keyerror", "xml", "archive:")


@pytest.mark.parametrize(
    "error, key",
    [
        (zipfile.BadZipFile("File is not a zip file"), "xlsx_problem.not_zip"),
        (
            zipfile.BadZipFile("Bad CRC-32 for file 'xl/worksheets/sheet1.xml'"),
            "xlsx_problem.damaged",
        ),
        (zlib.error("Error -3 while decompressing data"), "xlsx_problem.damaged"),
        (EOFError("Compressed file ended before the end-of-stream marker"), "xlsx_problem.damaged"),
        (RuntimeError("File is encrypted, password required"), "xlsx_problem.encrypted"),
        (ElementTree.ParseError("not well-formed"), "xlsx_problem.part"),
        (KeyError("There is no item named 'xl/workbook.xml' in the archive"), "xlsx_problem.part"),
        (ValueError("Relationships"), "xlsx_problem.unreadable"),
    ],
)
def test_each_kind_of_damage_has_its_own_words(error: BaseException, key: str) -> None:
    assert xlsx_problem(error).key == key


XLSX = [name for name, (kind, _) in TRUTH.items() if kind == "report" and name.endswith(".xlsx")]


@pytest.mark.parametrize("name", XLSX)
def test_a_broken_workbook_is_explained_without_library_words(name: str, corpus: Path) -> None:
    try:
        reports.read_report(corpus / name)
    except DataFileError as error:
        for language in LANGUAGES:
            text = catalogue.translator(language, strict=True).render(error.message)
            text = text.replace(name, "").lower()  # the file's own name may hold any word
            assert not any(word in text for word in LIBRARY_WORDS), (language, text)
    else:
        pytest.skip("reads")


def test_a_file_that_is_no_text_is_named() -> None:
    """Issue 17 (the limits helper's note): "The file is not text…" did not say which file."""
    from loaders._report_files import read_csv_cells

    with pytest.raises(DataFileError) as refused:
        read_csv_cells(b"\x81\x8d\x8f\x90\x9d", "bao_cao.csv")
    assert str(refused.value).startswith("bao_cao.csv is not text in UTF-8")
