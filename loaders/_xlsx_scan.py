"""A workbook checked against loaders.limits before python-calamine opens it.

An .xlsx is a zip of XML parts, and a few megabytes of zip can unpack to gigabytes of XML;
calamine would unpack and hold it all. So each part is first unpacked here as a stream, in
chunks, never held whole: its declared size is checked first, then the bytes actually unpacked
are counted (a header that understates the size cannot pass: the zip reader stops at the
declared size and the checksum then fails). In the sheets, row and cell tags are counted and
cell references far down or far right are found: calamine builds a dense table from the first
to the last cell, so two cells at A1 and XFD1048576 would ask for 17 billion. The same pass
notes which sheets hold formulas, so that only those are read again for formulas with no
saved result (loaders._report_xlsx).
"""

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from loaders import limits
from loaders._xlsx_problems import NOT_ZIP, xlsx_problem
from loaders.errors import DataFileError

CHUNK = 1 << 20
_END_OF_DIRECTORY = b"PK\x05\x06"
_TAIL = 22 + 65_535  # the end record and the longest zip comment
_SHEETS = "xl/worksheets/"
_OVERLAP = 32  # bytes kept from the previous chunk: a tag or reference may straddle two chunks
_PREFIX = re.compile(
    rb"<(\w+:)?worksheet[\s>]"
)  # "x:" in a workbook written with a namespace prefix
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_WIDE_CELL = re.compile(rb' r="([A-Z]{2,3})(\d+)"')  # column AA or further right


def _round_number_or_more(limit: int) -> bytes:
    """A regex for the whole numbers >= `limit`, a digit followed by zeros (400000)."""
    text = str(limit)
    if text[1:].strip("0"):
        raise ValueError(f"{limit} is not a digit followed by zeros")
    return rb"(?:[%s-9]\d{%d}|[1-9]\d{%d,})" % (text[:1].encode(), len(text) - 1, len(text))


# A cell further down than its row tag says (calamine places a cell by its own reference).
_FAR_CELL = re.compile(rb' r="[A-Z]{1,3}(%s)"' % _round_number_or_more(limits.MAX_ROWS))


@dataclass
class SheetCounts:
    """What one sheet part holds, counted while it streams.

    One pass of bytes.count per tag: a regex over every cell would cost seconds on a month's
    80 MB sheet. Excel writes rows in ascending order, so the last row tag of each piece gives
    the sheet's last row.
    """

    prefix: bytes = b""  # the XML namespace prefix of the sheet's tags, "x:" or none
    rows: int = 0
    cells: int = 0
    last_row: int = 0  # the highest row number of a row tag
    widest: int = 0  # the furthest column of a cell past Z (27 for AA)
    formulas: bool = False

    def add(self, tail: bytes, chunk: bytes, name: str) -> None:
        """Count the tags of `chunk`, the next piece of the part after `tail` (the end of the
        previous piece); DataFileError at a reference beyond the limits."""
        if not tail and (found := _PREFIX.search(chunk)):
            self.prefix = found.group(1) or b""
        both = tail + chunk  # a tag wholly in `tail` was counted with the previous piece
        row_tag, cell_tag = b"<%srow" % self.prefix, b"<%sc" % self.prefix
        self.rows += both.count(row_tag) - tail.count(row_tag)
        limits.check_rows(self.rows, name)  # stop at the first piece past the limit
        # With a few other tags (<rowBreaks>, <cols>, <col>): counted at most, never fewer.
        self.cells += both.count(cell_tag) - tail.count(cell_tag)
        formula_tag = b"<%sf" % self.prefix
        if not self.formulas and formula_tag in both:
            self.formulas = _FORMULA.search(both) is not None
        last = both.rfind(b'%s r="' % row_tag)
        if last >= 0:
            digits = re.match(rb'<[\w:]+ r="(\d+)"', both[last : last + 40])
            self.last_row = max(self.last_row, int(digits.group(1)) if digits else 0)
        if far := _FAR_CELL.search(both):
            limits.check_reach(int(far.group(1)), name)
        for letters, row in _WIDE_CELL.findall(both):
            column = _column_number(letters)
            limits.check_columns(column, int(row), name)
            self.widest = max(self.widest, column)
            self.last_row = max(self.last_row, int(row))

    def check(self, name: str) -> None:
        """DataFileError when the whole sheet holds too many rows or cells, or its cells span
        a table (calamine's, from A1 to the last cell) of more than limits.MAX_CELLS."""
        limits.check_rows(self.rows, name)
        limits.check_reach(self.last_row, name)
        limits.check_cells(self.cells, name)
        limits.check_cells(self.last_row * self.widest, name)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass(frozen=True)
class WorkbookScan:
    """A workbook that passed the limits: the parts of its sheets that hold formulas."""

    formula_parts: frozenset[str]


def scan_workbook(path: Path, name: str) -> WorkbookScan:
    """Check every part of the .xlsx at `path` (shown as `name`) against loaders.limits,
    streaming; DataFileError at the first limit crossed, or when the zip is damaged."""
    _check_part_count(path, name)
    formulas, total = set(), 0
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            declared = 0
            for member in members:
                declared += member.file_size
                limits.check_part(member.filename, member.file_size, declared, name)
            for member in members:
                counts = _stream_part(archive, member, total, name)
                total += member.file_size
                if counts is not None and counts.formulas:
                    formulas.add(member.filename)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as error:
        raise DataFileError(
            "error.xlsx_unreadable", file=name, problem=xlsx_problem(error)
        ) from error
    return WorkbookScan(frozenset(formulas))


def _stream_part(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, before: int, name: str
) -> SheetCounts | None:
    """Unpack one part chunk by chunk, counting its bytes (and a sheet's tags)."""
    sheet = member.filename.startswith(_SHEETS) and member.filename.endswith(".xml")
    counts = SheetCounts() if sheet else None
    unpacked, tail = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            unpacked += len(chunk)
            limits.check_part(member.filename, unpacked, before + unpacked, name)
            if counts is not None:
                counts.add(tail, chunk, name)
                tail = chunk[-_OVERLAP:]
    if counts is not None:
        counts.check(name)
    return counts


def _check_part_count(path: Path, name: str) -> None:
    """DataFileError when the zip's directory lists more than limits.MAX_PARTS parts (read
    from its end record: Python's zip reader would build an object for every one first)."""
    with path.open("rb") as file:
        size = file.seek(0, 2)
        file.seek(max(size - _TAIL, 0))
        tail = file.read()
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) < at + 22:
        raise DataFileError("error.xlsx_unreadable", file=name, problem=NOT_ZIP)
    (entries,) = struct.unpack_from("<H", tail, at + 10)
    if entries > limits.MAX_PARTS:  # 0xFFFF too: a zip64 directory, never an Excel workbook's
        raise DataFileError(
            "limits.too_many_parts", file=name, parts=entries, limit=limits.MAX_PARTS
        )
