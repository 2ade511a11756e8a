"""loaders.limits: any report file is refused or read within limits known before it is parsed.

The three files of issue 17 (a workbook whose XML unpacks to gigabytes, a sheet of 1,048,575
rows, a CSV that is one row of commas) are written here, then given to the command line as a
user would: each is refused with a message saying what to do, no traceback, within 5 s of
processor time and 300 MB above the command's own footprint on a small file (its peak resident
memory as the kernel counts it for that one process). A nationwide month with
names (~25 MB) is still read.
"""

import codecs
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from helpers_file_limits import (
    bomb_xlsx,
    commas_csv,
    far_cell_xlsx,
    many_rows_xlsx,
    workbook_with_sheet,
    write_zip,
)

from loaders import _report_files, limits, reports, store, uploads
from loaders.errors import DataFileError
from loaders.isolated import run_isolated

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_SECONDS = 5.0
HOSTILE_MEGABYTES = 300


@dataclass(frozen=True)
class Run:
    """One run of the command line: its exit code, output, wall and processor seconds, and
    its peak resident memory in MB."""

    code: int
    out: str
    err: str
    wall: float
    cpu: float
    peak_mb: float


# The command is started by a small Python process that reports its child's usage: a child's
# peak resident memory (ru_maxrss) includes the memory of the process it was forked from, and
# pytest's is larger than the command's.
_MEASURE = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(f'\\n@usage {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}', file=sys.stderr); "
    "sys.exit(code)"
)


def run_command(path: Path, database_url: str) -> Run:
    """`python -m loaders.reports PATH`, run in the file's folder, measured on its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "loaders.reports", path.name]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=path.parent, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    wall = time.perf_counter() - start
    err, _, usage = done.stderr.rpartition("\n@usage ")
    peak_kb, cpu = usage.split()
    return Run(done.returncode, done.stdout, err, wall, float(cpu), int(peak_kb) / 1024)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store seeded once, so that each run measures the reading, not the seeding."""
    url = f"sqlite:///{tmp_path_factory.mktemp('limits') / 'store.sqlite'}"
    store.connect(url).dispose()
    return url


@pytest.fixture(scope="module")
def baseline(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The command on the template: what it costs to start, read a small file and answer."""
    path = tmp_path_factory.mktemp("template") / "template.csv"
    path.write_bytes(reports.template_bytes("vi", "csv"))
    run = run_command(path, database_url)
    assert run.code == 0, run.err
    return run


HOSTILE = [
    ("bomb.xlsx", bomb_xlsx, "bomb.xlsx is compressed and unpacks to more than 400 MB"),
    ("lying.xlsx", partial(bomb_xlsx, declared=50_000), "the file is damaged"),
    ("rows.xlsx", many_rows_xlsx, "rows.xlsx has more than 400,000 rows"),
    ("bare.xlsx", partial(many_rows_xlsx, numbered=False), "has more than 400,000 rows"),
    ("far.xlsx", partial(far_cell_xlsx, far="XFD300000"), "row 300,000: 16,384 columns"),
    ("down.xlsx", partial(far_cell_xlsx, far="Z1048576"), "as far down as row 1,048,576"),
    ("commas.csv", commas_csv, "commas.csv, row 1: 19,000,001 columns; a report has at most 300"),
]  # fmt: skip


@pytest.mark.parametrize("name, write, words", HOSTILE, ids=[name for name, _, _ in HOSTILE])
def test_a_hostile_file_is_refused_quickly_in_little_memory(
    name: str, write, words: str, baseline: Run, database_url: str, tmp_path: Path
) -> None:
    run = run_command(write(tmp_path / name), database_url)
    assert run.code == 2, run.err
    assert run.err.startswith("error: ") and words in run.err
    assert "Traceback" not in run.err + run.out and str(tmp_path) not in run.err
    # Processor time, not the wall clock: the machine is shared; unbounded, these took 49-70 s.
    assert run.cpu < HOSTILE_SECONDS
    assert run.peak_mb - baseline.peak_mb < HOSTILE_MEGABYTES


def test_the_hostile_files_are_what_issue_17_describes(tmp_path: Path) -> None:
    assert 5e6 < bomb_xlsx(tmp_path / "b.xlsx").stat().st_size < 15e6
    assert commas_csv(tmp_path / "c.csv").stat().st_size == 19_000_000


# --- each limit, in the readers themselves -------------------------------------------------


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits small enough to cross with a few lines."""
    for name, value in {"MAX_ROWS": 10, "MAX_COLUMNS": 5, "MAX_CELLS": 40,
                        "MAX_CELL_CHARS": 20}.items():  # fmt: skip
        monkeypatch.setattr(limits, name, value)


LINE = "a,b,c\r\n"
CSV_CASES = [
    ("rows", LINE * 11, "limits.too_many_rows", {"rows": 11}),
    ("rows of breaks alone", "\n" * 11, "limits.too_many_rows", {"rows": 11}),
    ("columns", LINE * 3 + "a,b,c,d,e,f\r\n", "limits.too_many_columns", {"row": 4, "columns": 6}),
    ("quoted columns", LINE + '"a",b,c,d,e,f\r\n', "limits.too_many_columns", {"row": 2}),
    ("csv module's columns", "a\x0cb,c\r\n" * 2 + "a,b,c,d,e,f\r\n", "limits.too_many_columns",
     {"row": 3}),
    ("cell length", LINE + "a," + "x" * 21 + ",c\r\n", "limits.cell_too_long",
     {"row": 2, "length": 21}),
    ("quoted cell length", LINE * 2 + '"' + "x, " * 7 + '",b\r\n', "limits.cell_too_long",
     {"row": 3, "length": 21}),
    ("cells", "a,b,c,d,e\r\n" * 9, "limits.too_many_cells", {"cells": 45}),
]  # fmt: skip


@pytest.mark.parametrize(
    "text, key, values", [case[1:] for case in CSV_CASES], ids=[case[0] for case in CSV_CASES]
)
@pytest.mark.usefixtures("small_limits")
def test_a_csv_past_a_limit_is_refused_at_the_row_at_fault(text: str, key: str, values) -> None:
    with pytest.raises(DataFileError) as raised:
        _report_files.read_csv_cells(text.encode(), "quan.csv")
    assert raised.value.message.key == key
    assert raised.value.message.params["file"] == "quan.csv"
    assert values.items() <= raised.value.message.params.items()


@pytest.mark.usefixtures("small_limits")
def test_a_long_cell_of_a_sheet_is_refused_at_its_row(tmp_path: Path) -> None:
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="B3" '
        b't="inlineStr"><is><t>%s</t></is></c></row></sheetData></worksheet>' % (b"x" * 21)
    )
    path = workbook_with_sheet(tmp_path / "x.xlsx", xml)  # fmt: skip
    with pytest.raises(DataFileError, match="x.xlsx, row 3: a cell holds 21 characters"):
        _report_files.read_excel_tables(path)


@pytest.mark.usefixtures("small_limits")
def test_a_csv_within_the_limits_is_read() -> None:
    cells = _report_files.read_csv_cells((LINE * 10).encode(), "quan.csv")
    assert len(cells.numbers) == 10 and len(cells.columns) == 3


@pytest.mark.parametrize(
    "far, key",
    [("XFD5", "limits.too_many_columns"), ("KO2", "limits.too_many_columns"),
     ("A400001", "limits.sheet_too_long"), ("B1048576", "limits.sheet_too_long"),
     ("Z1048576", "limits.sheet_too_long"),
     ("KN399999", "limits.too_many_cells")],
)  # fmt: skip
def test_a_sheet_reaching_far_is_refused_before_calamine_builds_it(
    far: str, key: str, tmp_path: Path
) -> None:
    path = far_cell_xlsx(tmp_path / "xa.xlsx", far)
    with pytest.raises(DataFileError) as raised:
        _report_files.read_excel_tables(path, name="Xã.xlsx")
    assert raised.value.message.key == key and raised.value.message.params["file"] == "Xã.xlsx"


def test_a_sheet_as_wide_as_a_report_may_be_is_read(tmp_path: Path) -> None:
    path = far_cell_xlsx(tmp_path / "xa.xlsx", "KN20")  # column 300
    (table,) = _report_files.read_excel_tables(path)
    assert table.numbers == [1, 20] and len(table.columns) == 300


def test_a_zip_of_too_many_parts_is_refused(tmp_path: Path) -> None:
    members = [(f"x/{n}.xml", b"\x03\x00", 0, 0) for n in range(limits.MAX_PARTS + 1)]
    path = write_zip(tmp_path / "parts.xlsx", members)
    with pytest.raises(DataFileError, match="holds 1,001 parts; an Excel workbook has at most"):
        _report_files.read_excel_tables(path)


def test_a_workbook_with_a_prefixed_namespace_is_counted(tmp_path: Path) -> None:
    rows = b"".join(b'<x:row r="%d"><x:c r="A%d"><x:v>1</x:v></x:c></x:row>' % (n, n)
                    for n in range(1, 400_002))  # fmt: skip
    xml = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b"<x:sheetData>" + rows + b"</x:sheetData></x:worksheet>")  # fmt: skip
    path = workbook_with_sheet(tmp_path / "x.xlsx", xml)
    with pytest.raises(DataFileError, match="more than 400,000 rows"):
        _report_files.read_excel_tables(path)


# --- a nationwide month is still read ------------------------------------------------------


def nationwide_month_csv(path: Path) -> Path:
    """30 days of 10,599 communes with their names and districts' names, as the template's
    CSV (UTF-8 with BOM, CRLF): ~318,000 rows, ~25 MB."""
    communes = pd.RangeIndex(1, 10_600)
    day = pd.DataFrame({
        "Mã xã": communes.map("{:05d}".format),
        "Phường/Xã": communes.map("Xã Tổng hợp {:05d}".format),
        "Quận/Huyện": (communes // 15).map("Huyện Mẫu {:03d}".format),
        "Chỉ tiêu": communes * 7 % 9000 + 1000,
        "Số thẻ đã trả": communes * 5 % 900 + 100,
        "Đã kích hoạt VNeID": communes * 3 % 90 + 10,
    })  # fmt: skip
    month = pd.concat([day.assign(**{"Ngày báo cáo": f"{d:02d}/06/2023"}) for d in range(1, 31)])
    text = month.to_csv(index=False, lineterminator="\r\n")
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def test_a_nationwide_month_with_names_is_read(tmp_path: Path) -> None:
    path = nationwide_month_csv(tmp_path / "thang-6.csv")
    assert 20e6 < path.stat().st_size < limits.MAX_FILE_BYTES
    (cells,) = _report_files.read_tables(path, _report_files.check_size(path))
    assert len(cells.numbers) == 30 * 10_599 + 1 and len(cells.columns) == 7
    assert cells.row(1)[:2] == ["00001", "Xã Tổng hợp 00001"]


# --- UTF-16 and the file's own name --------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, prefix",
    [("utf-16", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-le", b""),
     ("utf-16-be", b"")],
    ids=["bom (Excel's Unicode text)", "le with bom", "le without bom", "be without bom"],
)  # fmt: skip
def test_a_utf16_report_reads_like_its_utf8_twin(
    encoding: str, prefix: bytes, tmp_path: Path
) -> None:
    text = reports.template_bytes("vi", "csv").decode("utf-8-sig")
    twin = tmp_path / "utf8.csv"
    twin.write_text(text, encoding="utf-8")
    path = tmp_path / "utf16.txt"
    path.write_bytes(prefix + text.replace(",", "\t").encode(encoding))
    read, expected = reports.read_report(path), reports.read_report(twin)
    assert read.encoding == "utf-16" and "\x00" not in "".join(read.headers.values())
    assert read.headers == expected.headers
    assert read.frame.to_dict("records") == expected.frame.to_dict("records")


OWN_NAME = "Báo cáo quận Ba Đình (30-05) #1!.xlsx"


def test_an_upload_is_saved_under_its_own_name_and_named_so_in_messages() -> None:
    with uploads.saved_uploads([(OWN_NAME, b"not a workbook"), (OWN_NAME, b"")]) as saved:
        assert [path.name for path in saved.paths] == [OWN_NAME, OWN_NAME]
        assert saved.names == [OWN_NAME, OWN_NAME] and saved.file_name.count(OWN_NAME) == 2
        with pytest.raises(DataFileError, match=r"^Báo cáo quận Ba Đình \(30-05\) #1!\.xlsx can"):
            reports.read_report(saved.paths[0])
        with pytest.raises(DataFileError, match=r"^Báo cáo quận Ba Đình \(30-05\) #1!\.xlsx is"):
            reports.read_report(saved.paths[1])


@pytest.mark.parametrize(
    "name, content, words",
    [("30.05.xlsx", b"not a workbook", "30.05.xlsx cannot be opened"),
     ("30.05.csv", b"", "30.05.csv is empty"),
     ("30.05.csv", b",,,," * 1000, "30.05.csv, row 1: 4,001 columns")],
)  # fmt: skip
def test_the_readers_name_the_file_as_the_user_named_it(
    name: str, content: bytes, words: str, tmp_path: Path
) -> None:
    path = tmp_path / "upload-1" / Path(name).with_stem("tmp123").name
    path.parent.mkdir()
    path.write_bytes(content)
    with pytest.raises(DataFileError, match=words):
        _report_files.read_tables(path, _report_files.check_size(path, name), name)


# --- temporary files go, however the reading ends ------------------------------------------


def slow_read(paths: list[Path]) -> None:
    time.sleep(60)


def test_uploads_are_removed_when_the_reading_fails() -> None:
    with pytest.raises(DataFileError):
        with uploads.saved_uploads([("a.csv", b"")]) as saved:
            folder = saved.paths[0].parent.parent
            reports.read_report(saved.paths)
    assert not folder.exists()


def test_uploads_are_removed_when_the_reading_child_is_killed() -> None:
    with pytest.raises(DataFileError, match="took more than 1 seconds"):
        with uploads.saved_uploads([(OWN_NAME, b"a,b\r\n")]) as saved:
            folder = saved.paths[0].parent.parent
            run_isolated(slow_read, saved.paths, seconds=1, subject=saved.file_name)
    assert not folder.exists()


def test_folders_left_by_a_killed_server_are_removed_on_the_next_upload() -> None:
    old = Path(tempfile.mkdtemp(prefix=uploads.REPORT_PREFIX))
    (old / "a.csv").write_bytes(b"a")
    os.utime(old, (time.time() - 25 * 3600,) * 2)
    recent = Path(tempfile.mkdtemp(prefix=uploads.REPORT_PREFIX))  # another session's, reading
    with uploads.saved_uploads([("b.csv", b"b")]) as saved:
        assert saved.paths[0].exists()
    assert not old.exists() and recent.exists()
    recent.rmdir()


def test_an_isolated_preview_refuses_a_bomb_and_leaves_nothing(
    database_url: str, tmp_path: Path
) -> None:
    data = bomb_xlsx(tmp_path / "b.xlsx").read_bytes()
    with pytest.raises(DataFileError) as raised:
        with uploads.saved_uploads([("bom.xlsx", data)]) as saved:
            folder = saved.paths[0].parent.parent
            uploads.preview_report(saved, database_url, memory_mb=600, seconds=60)
    assert raised.value.message.key == "limits.workbook_unpacks_too_large"
    assert raised.value.message.params["file"] == "bom.xlsx"
    assert not folder.exists()


def read_without_limits(path: Path) -> int:
    """What the limits spare the server: calamine reading a sheet as it is."""
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())


def test_a_reading_that_a_limit_missed_is_stopped_by_its_memory(tmp_path: Path) -> None:
    # Two cells, at A1 and Z1048576: calamine builds the 27 million cells between them.
    path = far_cell_xlsx(tmp_path / "xa.xlsx", "Z1048576")
    with pytest.raises(DataFileError) as raised:
        run_isolated(read_without_limits, path, memory_mb=300, seconds=120, subject="xa.xlsx")
    assert raised.value.message.key == "limits.out_of_memory"


def test_an_isolated_preview_of_a_good_upload_comes_back(database_url: str) -> None:
    data = reports.template_bytes("vi", "xlsx")
    with uploads.saved_uploads([("mau.xlsx", data)]) as saved:
        assert uploads.sheet_names(saved) == ["Báo cáo"]
        guess = uploads.guess_columns(saved)
        preview = uploads.preview_report(saved, database_url, correction=True)
    assert guess.columns["delivered"] == "Số thẻ đã trả"
    assert preview.source == "mau.xlsx" and len(preview.rows) == 2
