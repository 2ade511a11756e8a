"""The deck's district table: worst first, split over slides, in type a room can read.

At 18 pt a slide holds TABLE_ROWS_PER_SLIDE rows of five columns; the projected range (on each
district's own slide and in the app's downloads) stays off it so that every cell holds its text
on one line. A country's 705 districts made 89 table slides: the deck shows the MAX_TABLE_ROWS
worst and says on the last table slide where the full table is.
"""

import math

import pandas as pd
from pptx.presentation import Presentation as Deck

from cccd import tables
from cccd.i18n import Translator
from cccd.slide_parts import BODY_TOP, MARGIN, MIN_TYPE, MUTED, WIDTH, Line, table, text, title

TITLE_ONLY_LAYOUT = 5  # python-pptx's default template
TABLE_ROWS_PER_SLIDE = 8  # a 2-line header and 8 rows of 0.55 in end above the footer
# The worst this many districts (at most 5 slides); the last slide then has room for the note.
MAX_TABLE_ROWS = 36
# The district table's columns on a slide (message keys of tables.projection_table), inches.
TABLE_COLUMNS = (
    (tables.NAME, 3.4),
    (tables.COMPLETION, 2.0),
    (tables.AT_TARGET, 2.2),
    (tables.FINISH, 2.2),
    (tables.STATUS, 2.6),  # "Behind schedule" on one line
)
ROW_HEIGHT = 0.55  # inches: one line of 18 pt with the cell's margins
HEADER_HEIGHT = 0.85  # two lines ("Communes à l’objectif" wraps)


def table_rows(t: Translator, data_districts: pd.DataFrame) -> pd.DataFrame:
    """The whole district table as the deck's columns show it: tables.projection_table
    (worst first), TABLE_COLUMNS, every cell as text in t's language."""
    full = tables.projection_table(t, data_districts)
    shown = full[[t(key) for key, _ in TABLE_COLUMNS]].copy()
    completion = t(tables.COMPLETION)
    shown[completion] = [
        t.percent(None if pd.isna(value) else value / 100) for value in full[completion]
    ]
    return shown.astype(str)


def is_cut(rows: pd.DataFrame) -> bool:
    """True when the deck shows only the worst MAX_TABLE_ROWS of the districts."""
    return len(rows) > MAX_TABLE_ROWS


def where(t: Translator) -> dict[str, str]:
    """Where the full table is: the app's districts page and its Excel download, named as the
    app names them (the messages' {page} and {button})."""
    return {"page": t("nav.districts"), "button": t("download.excel")}


def table_slides(t: Translator, deck: Deck, rows: pd.DataFrame) -> None:
    """The worst MAX_TABLE_ROWS rows, TABLE_ROWS_PER_SLIDE a slide; when some are left out,
    a closing line on the last slide says how many are shown and where the rest are."""
    shown = rows.head(MAX_TABLE_ROWS)
    pages = max(1, math.ceil(len(shown) / TABLE_ROWS_PER_SLIDE))
    for page in range(pages):
        chunk = shown.iloc[page * TABLE_ROWS_PER_SLIDE : (page + 1) * TABLE_ROWS_PER_SLIDE]
        slide = _table_slide(t, deck, chunk, page, pages)
    if is_cut(rows):
        note = t(
            "deck18.table_cut",
            shown=t.number(len(shown)),
            count=t.number(len(rows)),
            **where(t),
        )
        top = BODY_TOP + HEADER_HEIGHT + ROW_HEIGHT * len(chunk) + 0.3
        box = (MARGIN, top, WIDTH - 2 * MARGIN, 6.9 - top)
        text(slide, box, [Line(note, MIN_TYPE, italic=True, colour=MUTED)])


def _table_slide(t: Translator, deck: Deck, rows: pd.DataFrame, page: int, pages: int):
    heading = t("map.districts_heading")
    if pages > 1:
        heading = t("handouts.part", heading=heading, part=page + 1, parts=pages)
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    title(slide, heading)
    widths = [width for _, width in TABLE_COLUMNS]
    table(slide, rows, widths, _fills(t, rows), size=MIN_TYPE, heights=(HEADER_HEIGHT, ROW_HEIGHT))
    return slide


def _fills(t: Translator, rows: pd.DataFrame) -> pd.DataFrame:
    """The status and finish cells coloured as in the app (tables.status_colours)."""
    styles = tables.status_colours(t, rows)
    return styles.apply(lambda column: column.str.replace("background-color: ", "", regex=False))
