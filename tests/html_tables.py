"""Read back the HTML tables the pages draw (cccd.table_html), as a reader would see them."""

from html.parser import HTMLParser

import pandas as pd


class _Cells(HTMLParser):
    """Text of every th/td, row by row; header rows (in thead) kept apart."""

    def __init__(self) -> None:
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self._in_head = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self._in_head = False
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell).strip()
            (self.header if self._in_head else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_table(markup: str) -> pd.DataFrame:
    """The table in `markup` as text cells under its header."""
    cells = _Cells()
    cells.feed(markup)
    return pd.DataFrame(cells.rows, columns=cells.header)


def district_table(app) -> pd.DataFrame:
    """The map page's district table (an AppTest after a run)."""
    (markup,) = [html.value for html in app.html if "cccd-table" in html.value]
    return html_table(markup)
