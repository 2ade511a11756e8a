"""A CSV report's text as columns of stripped cells, with each kept row's line number.

Two readers give the same result: pandas' C parser, which reads a nationwide month (~318,000
lines) about five times faster than the csv module's row loop, and the csv module, kept for the
text the first cannot number exactly: a quoted cell holding a line break makes one row of two
lines, and the user must see the row numbers their editor shows. The caller picks neither:
`csv_rows` tries pandas and falls back.

Both stop at loaders.limits before they build cells: lines are counted in the text first, the
widest line's cells from its delimiters, and the csv module's row loop checks as it goes.
"""

import csv
import io
from itertools import compress, repeat, zip_longest

import pandas as pd

from cccd.messages import Message, message
from loaders import limits

Rows = tuple[list[int], list[list[str]]]  # (line numbers, columns of text)
Name = str | Message  # the file's name in messages
THE_FILE = message("limits.the_file")  # when the caller has no name for it

# Line breaks str.splitlines() knows and the csv module does not (a form feed is text in a cell),
# NUL, which the two readers treat differently, and a byte order mark, which pandas drops.
_UNSAFE = "\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\ufeff"


def csv_rows(text: str, delimiter: str, name: Name = THE_FILE) -> Rows:
    """The lines holding text (numbered from 1) as columns of stripped cells, padded with "" to
    the widest of them; csv.Error when the csv module cannot read the text; DataFileError past
    loaders.limits (`name` is the file's, for the message)."""
    # Counted before splitting: a file of line breaks alone would make millions of lines.
    limits.check_rows(max(text.count("\n"), text.count("\r")), name)
    fast = pandas_rows(text, delimiter, name)
    return fast if fast is not None else module_rows(text, delimiter, name)


def module_rows(text: str, delimiter: str, name: Name = THE_FILE) -> Rows:
    """csv_rows through the csv module, one row at a time (any text)."""
    numbers: list[int] = []
    columns: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, row in enumerate(reader, 1):
        _check_row(row, number, len(numbers), name)
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        for _ in range(len(cells) - len(columns)):  # a row wider than any before it
            columns.append([""] * len(numbers))
        numbers.append(number)
        for column, cell in zip_longest(columns, cells, fillvalue=""):
            column.append(cell)
    return numbers, columns


def _check_row(row: list[str], number: int, kept: int, name: str) -> None:
    """DataFileError when row `number` crosses a limit (it or the rows before it)."""
    limits.check_rows(number, name)
    limits.check_columns(len(row), number, name)
    limits.check_cell_length(max(map(len, row), default=0), number, name)
    limits.check_cells((kept + 1) * len(row), name)


def pandas_rows(text: str, delimiter: str, name: Name = THE_FILE) -> Rows | None:
    """csv_rows through pandas' C parser, or None when its rows might not be the file's lines
    (a quoted cell spanning lines, a line break or character the readers see differently, a
    cell too long for the csv module, which must then say so) or pandas cannot parse the text."""
    if any(character in text for character in _UNSAFE):
        return None
    lines = text.splitlines()  # the csv module's lines, now that no other line break is left
    quoted = '"' in text
    widest = _width(lines, delimiter, quoted)
    if widest is None:
        return None
    longest = max(map(len, lines), default=0)
    _check_lines(lines, delimiter, widest, longest, name)
    if longest > csv.field_size_limit():
        return None
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=delimiter, header=None, names=range(max(widest, 1)),
            index_col=False, dtype=object, keep_default_na=False, na_filter=False,
            skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL, engine="c",
        )  # fmt: skip
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    if len(frame) != len(lines):  # a quoted cell held a line break
        return None
    # Python strings, stripped in Python: faster than Arrow strings turned back into lists.
    columns = [list(map(str.strip, frame[i].tolist())) for i in frame.columns]
    keep = list(map(any, zip(*columns, strict=True)))
    if all(keep):
        return list(range(1, len(keep) + 1)), columns[:widest]
    # As the csv module reads it, a line with no text does not widen the table.
    widest = _width(list(compress(lines, keep)), delimiter, quoted) or 0
    numbers = [number for number, kept in enumerate(keep, 1) if kept]
    return numbers, [list(compress(column, keep)) for column in columns[:widest]]


def _check_lines(lines: list[str], delimiter: str, widest: int, longest: int, name: str) -> None:
    """DataFileError when the widest line has too many cells, a cell is too long, or all the
    lines make too many cells; the first line at fault is named."""
    if widest > limits.MAX_COLUMNS or longest > limits.MAX_CELL_CHARS:
        for number, line in enumerate(lines, 1):
            if len(line) > limits.MAX_CELL_CHARS or line.count(delimiter) >= limits.MAX_COLUMNS:
                _check_row(_line_cells(line, delimiter, number, name), number, 0, name)
    limits.check_cells(len(lines) * widest, name)


def _line_cells(line: str, delimiter: str, number: int, name: str) -> list[str]:
    """The cells of one long or wide line; DataFileError, without splitting it, when it has no
    quotes and too many delimiters (a quoted one is split: quotes may hide delimiters, and a
    file's longest line, at most limits.MAX_FILE_BYTES / 3 cells, fits in memory)."""
    if '"' not in line:
        limits.check_columns(line.count(delimiter) + 1, number, name)
        return line.split(delimiter)
    return next(csv.reader([line], delimiter=delimiter), [])


def _width(lines: list[str], delimiter: str, quoted: bool) -> int | None:
    """The most cells any of `lines` holds as the csv module splits it (0 for no line), None if
    it cannot tell."""
    if not quoted:
        return max(map(str.count, lines, repeat(delimiter)), default=-1) + 1
    plain = [line for line in lines if '"' not in line]
    try:  # a delimiter between quotes is text: count those lines' cells as csv does
        cells = [
            len(next(csv.reader([line], delimiter=delimiter), [])) for line in lines if '"' in line
        ]
    except csv.Error:
        return None
    return max([max(map(str.count, plain, repeat(delimiter)), default=-1) + 1, *cells])
