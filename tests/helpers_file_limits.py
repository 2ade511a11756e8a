"""Report files past loaders.limits, written in the test that needs them (never committed):
the three of issue 17 and their variants.

- bomb_xlsx: a workbook of a few megabytes whose sheet XML unpacks to gigabytes. The deflate
  stream is one compressed piece repeated: after a full flush, deflate starts afresh, so the
  same input compresses to the same bytes, which can be laid end to end (seconds to write
  instead of a minute of compressing). `declared` may understate the size, as a lying header.
- many_rows_xlsx: a sheet of 1,048,575 rows, each one cell (a few hundred kilobytes zipped).
- far_cell_xlsx: two cells, A1 and a far one: calamine would build the table between them.
- commas_csv: one line of commas.
"""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_TAIL = b"</sheetData></worksheet>"
Member = tuple[str, bytes, int, int]  # name, raw deflate bytes, CRC-32, declared unpacked size


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip of deflated members, each declaring the size given (true or not)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, packed, crc, size in members:
        offset, encoded = out.tell(), name.encode()
        fields = (20, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded))
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded + packed)
        central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset)
        directory.write(central + encoded)
    start, entries, listing = out.tell(), len(members), directory.getvalue()
    out.write(listing)
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, entries, entries, len(listing), start, 0)
    )
    path.write_bytes(out.getvalue())
    return path


def _workbook_parts() -> list[Member]:
    """The parts of a one-sheet workbook written by openpyxl, its sheet left out."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.title = "Báo cáo"
    book.save(buffer)
    parts = []
    with zipfile.ZipFile(buffer) as archive:
        for name in archive.namelist():
            if name != SHEET:
                data = archive.read(name)
                parts.append((name, _raw_deflate(data), zlib.crc32(data), len(data)))
    return parts


def workbook_with_sheet(path: Path, xml: bytes) -> Path:
    """An .xlsx whose one sheet is `xml`."""
    return write_zip(
        path, [*_workbook_parts(), (SHEET, _raw_deflate(xml), zlib.crc32(xml), len(xml))]
    )


def _rows(first: int, count: int) -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Phuong %d</t></is></c><c r="B%d"><v>%d</v>'
        b"</c></row>" % (n, n, n * 7919 % 10007, n, n * 104729 % 99991)
        for n in range(first, first + count)
    )


def bomb_xlsx(path: Path, gigabytes: float = 3.3, declared: int | None = None) -> Path:
    """An .xlsx whose sheet XML unpacks to `gigabytes` of rows (the same one over and over);
    its header declares `declared` bytes (default: the truth)."""
    piece = _rows(1, 1) * 12_000  # ~1 MB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(_HEAD) + compressor.flush(zlib.Z_FULL_FLUSH)
    packed_piece = compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(_TAIL) + compressor.flush()
    count = int(gigabytes * 1e9 / len(piece))
    crc = zlib.crc32(_HEAD)
    for _ in range(count):
        crc = zlib.crc32(piece, crc)
    crc = zlib.crc32(_TAIL, crc)
    size = len(_HEAD) + count * len(piece) + len(_TAIL)
    sheet = (SHEET, head + packed_piece * count + tail, crc, size if declared is None else declared)
    return write_zip(path, [*_workbook_parts(), sheet])


def many_rows_xlsx(path: Path, rows: int = 1_048_575, numbered: bool = True) -> Path:
    """An .xlsx with `rows` rows of one number each; `numbered`: rows and cells carry their
    reference (as Excel writes them), else none (calamine then numbers them in order)."""
    if not numbered:
        return workbook_with_sheet(path, _HEAD + b"<row><c><v>1</v></c></row>" * rows + _TAIL)
    body = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, rows + 1)
    )
    return workbook_with_sheet(path, _HEAD + body + _TAIL)


def far_cell_xlsx(path: Path, far: str) -> Path:
    """An .xlsx with two cells: A1 and `far` (e.g. "XFD300000")."""
    row = int("".join(c for c in far if c.isdigit()))
    body = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="%d"><c r="%s"><v>1</v></c></row>'
    return workbook_with_sheet(path, _HEAD + body % (row, far.encode()) + _TAIL)


def commas_csv(path: Path, megabytes: float = 19) -> Path:
    """A CSV file that is one line of commas."""
    path.write_bytes(b"," * int(megabytes * 1e6))
    return path
