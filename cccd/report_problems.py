"""A report's problems: each with its row, column, value, what is wrong and the fix, and the
table it is in when the report was read from several (files, sheets)."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cccd.messages import Message, message
from cccd.report_sources import ROW_BLOCK, TableSource


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one cell (or row) of the file, and how to fix it."""

    row: int  # 1-based row number as the user sees it; the header is row 1
    column: str  # the file's own header text
    value: str  # the cell's text as written
    what: Message
    fix: Message
    source: str = ""  # "file › sheet" when the report was read from several tables

    @property
    def sentence(self) -> Message:
        """The whole problem in one sentence: "row 2, column 'X', value '12a': ... Fix: ....",
        after "file › sheet: " when the row's table is named."""
        # str(row): a row number is written without thousands separators ("row 12345").
        key = "layout.problem_at" if self.source else "check.problem"
        extra = {"source": self.source} if self.source else {}
        return message(key, row=str(self.row), column=self.column, value=self.value,
                       what=self.what, fix=self.fix, **extra)  # fmt: skip


class Checker:
    """Collects problems, and the rows they rule out, while the checks run (raw: the report's
    text, indexed by row, or table * ROW_BLOCK + row when `sources` names several tables)."""

    def __init__(
        self, raw: pd.DataFrame, headers: Mapping[str, str], sources: Sequence[TableSource] = ()
    ) -> None:
        self.raw = raw
        self.headers = headers
        self.sources = sources
        self.problems: list[Problem] = []
        self.bad: set[int] = set()

    def header(self, column: str, row: int) -> str:
        headers = self.sources[row // ROW_BLOCK].headers if self.sources else self.headers
        if column == "commune":
            for name in ("commune_code", "commune_name"):
                if name in self.raw.columns and name in headers:
                    return headers[name]
        return headers.get(column, column)

    def place(self, row: int) -> str:
        """A row as the user finds it: "12", or "12 (file.xlsx › Ba Đình)" among several tables."""
        if not self.sources:
            return str(row)
        return f"{row % ROW_BLOCK} ({self.sources[row // ROW_BLOCK].label})"

    def add(
        self, row: int, column: str, what: Message, fix: Message, value: str | None = None
    ) -> None:
        if value is None:
            value = str(self.raw.at[row, column]) if column in self.raw.columns else ""
        row = int(row)
        source = self.sources[row // ROW_BLOCK].label if self.sources else ""
        header = self.header(column, row)
        self.problems.append(Problem(row % ROW_BLOCK, header, value, what, fix, source))
        self.bad.add(row)


def placed(check: Checker, what: Message | None) -> Message | None:
    """A message naming another row of the file, with that row's table when there are several."""
    if what is None or "row" not in what.params or not check.sources:
        return what
    return message(what.key, **{**what.params, "row": check.place(int(what.params["row"]))})


def problem_order(sources: Sequence[TableSource]) -> Callable[[Problem], tuple[int, int]]:
    """Problems in the order of the tables, then of their rows."""
    order = {source.label: position for position, source in enumerate(sources)}
    return lambda problem: (order.get(problem.source, 0), problem.row)
