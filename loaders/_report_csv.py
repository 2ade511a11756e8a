"""A CSV report's text as columns of stripped cells, with each kept row's line number.

Two readers give the same result: pandas' C parser, which reads a nationwide month (~318,000
lines) about five times faster than the csv module's row loop, and the csv module, kept for the
text the first cannot number exactly: a quoted cell holding a line break makes one row of two
lines, and the user must see the row numbers their editor shows. The caller picks neither:
`csv_rows` tries pandas and falls back.
"""

import csv
import io
from itertools import compress, repeat, zip_longest

import pandas as pd

Rows = tuple[list[int], list[list[str]]]  # (line numbers, columns of text)

# Line breaks str.splitlines() knows and the csv module does not (a form feed is text in a cell),
# NUL, which the two readers treat differently, and a byte order mark, which pandas drops.
_UNSAFE = "\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\ufeff"


def csv_rows(text: str, delimiter: str) -> Rows:
    """The lines holding text (numbered from 1) as columns of stripped cells, padded with "" to
    the widest of them; csv.Error when the csv module cannot read the text."""
    fast = pandas_rows(text, delimiter)
    return fast if fast is not None else module_rows(text, delimiter)


def module_rows(text: str, delimiter: str) -> Rows:
    """csv_rows through the csv module, one row at a time (any text)."""
    numbers: list[int] = []
    columns: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, row in enumerate(reader, 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        for _ in range(len(cells) - len(columns)):  # a row wider than any before it
            columns.append([""] * len(numbers))
        numbers.append(number)
        for column, cell in zip_longest(columns, cells, fillvalue=""):
            column.append(cell)
    return numbers, columns


def pandas_rows(text: str, delimiter: str) -> Rows | None:
    """csv_rows through pandas' C parser, or None when its rows might not be the file's lines
    (a quoted cell spanning lines, a line break or character the readers see differently, a
    cell too long for the csv module, which must then say so) or pandas cannot parse the text."""
    if any(character in text for character in _UNSAFE):
        return None
    lines = text.splitlines()  # the csv module's lines, now that no other line break is left
    quoted = '"' in text
    widest = _width(lines, delimiter, quoted)
    if widest is None or max(map(len, lines), default=0) > csv.field_size_limit():
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
