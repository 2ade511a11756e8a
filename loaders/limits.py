"""How much of a report file we read: fixed limits, known before a byte is parsed.

A report is at most a month of the whole country: 10,599 communes x 31 days = 328,569 rows of
about ten columns (bench/month_files.py writes 318,000 rows, ~25 MB as CSV with names). Each
limit sits above that with room to spare and far below what would exhaust the server: a file
past one is refused at the first limit it crosses, with what to do instead (split it). The
checks count what is cheap to count (lines, delimiters, XML tags, zip bytes) before the rows
are split into cells, so a hostile file costs what its counting costs.
"""

from pathlib import Path

from cccd.messages import Message
from loaders.errors import DataFileError

Name = str | Message  # a file's name in messages, or words for it ("the file")

MAX_FILE_BYTES = 64_000_000  # a file as uploaded (CSV text, or the compressed workbook)
MAX_ROWS = 400_000  # lines of a CSV, rows of a sheet
MAX_COLUMNS = 300  # cells of one row (a report has ten or so; a wide one a column per day)
MAX_CELLS = 6_000_000  # rows x columns of one table (the month: ~2.5 million)
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of a cell
# A workbook is a zip of XML parts; the month's sheet unpacks to ~80 MB (~130 MB with names).
MAX_PARTS = 1_000
MAX_PART_BYTES = 300_000_000
MAX_UNPACKED_BYTES = 400_000_000  # all the parts together


def check_file_size(path: Path, name: str) -> int:
    """The size of the file at `path` (shown as `name`); DataFileError when it is missing or
    larger than MAX_FILE_BYTES."""
    if not path.is_file():
        raise DataFileError("error.no_such_file", path=name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            "error.report_too_large",
            file=name,
            megabytes=round(size / 1e6, 1),
            limit=MAX_FILE_BYTES // 1_000_000,
        )
    return size


def check_rows(count: int, name: Name) -> None:
    """DataFileError when a table has more than MAX_ROWS rows (or lines)."""
    if count > MAX_ROWS:
        raise DataFileError("limits.too_many_rows", file=name, rows=count, limit=MAX_ROWS)


def check_reach(row: int, name: Name) -> None:
    """DataFileError when a sheet has a cell (or row) as far down as `row`, past MAX_ROWS, however
    few rows hold text: a reader builds the table down to its last cell."""
    if row > MAX_ROWS:
        raise DataFileError("limits.sheet_too_long", file=name, row=row, limit=MAX_ROWS)


def check_columns(count: int, row: int, name: Name) -> None:
    """DataFileError when row `row` (as the user numbers it) has more than MAX_COLUMNS cells."""
    if count > MAX_COLUMNS:
        raise DataFileError(
            "limits.too_many_columns", file=name, row=row, columns=count, limit=MAX_COLUMNS
        )


def check_cells(count: int, name: Name) -> None:
    """DataFileError when a table holds (or its cells span) more than MAX_CELLS cells."""
    if count > MAX_CELLS:
        raise DataFileError("limits.too_many_cells", file=name, cells=count, limit=MAX_CELLS)


def check_cell_length(length: int, row: int, name: Name) -> None:
    """DataFileError when a cell of row `row` holds more than MAX_CELL_CHARS characters."""
    if length > MAX_CELL_CHARS:
        raise DataFileError(
            "limits.cell_too_long", file=name, row=row, length=length, limit=MAX_CELL_CHARS
        )


def check_part(part: str, unpacked: int, total: int, name: str) -> None:
    """DataFileError when a workbook part unpacks to more than MAX_PART_BYTES or all its parts
    so far to more than MAX_UNPACKED_BYTES."""
    if unpacked > MAX_PART_BYTES or total > MAX_UNPACKED_BYTES:
        raise DataFileError(
            "limits.workbook_unpacks_too_large",
            file=name,
            part=part,
            limit=MAX_PART_BYTES // 1_000_000,
            total_limit=MAX_UNPACKED_BYTES // 1_000_000,
        )
