"""Tables as plain HTML, for pages that show them without sorting or selection: the map page's
district table and the summary's districts behind schedule.

These tables are read, not worked with (that is the Districts page). As HTML they
cost the browser nothing more than the legend already does: Streamlit's data grid would load
~1.2 MB of JavaScript before the map's frame mounts, draws on a canvas (no Ctrl+F, no screen
reader) and its Styler took a third of the page's run after a district change. Here the
percentages are written the page language's way too ("87,6 %"), which the grid cannot.
"""

import html

import pandas as pd

from cccd import tables
from cccd.i18n import Translator

BAR_COLOUR = "#1f5f99"  # the theme's primary colour (.streamlit/config.toml)
STATUS_TEXT = "#1a1a1a"  # dark text on the light status colours, whatever the page theme
NUMERIC = (tables.AT_TARGET, tables.PACE, tables.TARGET, tables.VALUE)
# Past this many rows (a country's 705 districts) the table scrolls in a box of about as many.
SCROLL_AFTER = 40
SCROLL_HEIGHT_PX = 1100
CARDS_BELOW_PX = 640  # viewport width under which a district table shows as cards
STYLE = (
    "<style>"
    ".cccd-table table{width:100%;border-collapse:collapse;font-size:.95rem}"
    ".cccd-table th,.cccd-table td{padding:.35rem .6rem;border-bottom:1px solid "
    "rgba(128,128,128,.3);text-align:left;vertical-align:middle}"
    ".cccd-table thead th{font-weight:600;border-bottom:2px solid rgba(128,128,128,.5)}"
    ".cccd-table .n{text-align:right;white-space:nowrap}"
    ".cccd-table .bar{display:inline-block;width:5rem;height:.7rem;margin-right:.5rem;"
    "background:rgba(128,128,128,.25);vertical-align:middle}"
    f".cccd-table .bar span{{display:block;height:100%;background:{BAR_COLOUR}}}"
    # Opaque header over the scrolled rows: the app's light theme (.streamlit/config.toml).
    ".cccd-table.scroll{overflow-y:auto}"
    ".cccd-table.scroll thead th{position:sticky;top:0;background:#fff;color:#31333f}"
    # Never wider than the page: a table too wide scrolls in its own box, not the page.
    ".cccd-table{max-width:100%;overflow-x:auto}"
    # A phone: each district a card, one "label  value" line per column (the cells carry
    # their column's name), so pace, finish and status stay on screen without scrolling.
    f"@media (max-width:{CARDS_BELOW_PX}px){{"
    ".cccd-table.cards thead{display:none}"
    ".cccd-table.cards table,.cccd-table.cards tbody,.cccd-table.cards tr{display:block}"
    ".cccd-table.cards tr{border:1px solid rgba(128,128,128,.35);border-radius:.4rem;"
    "margin-bottom:.6rem;overflow:hidden}"
    ".cccd-table.cards th,.cccd-table.cards td{display:flex;justify-content:flex-end;"
    "align-items:center;gap:.5rem;border-bottom:1px solid rgba(128,128,128,.15);text-align:right}"
    ".cccd-table.cards th[scope=row]{font-weight:600;justify-content:flex-start}"
    ".cccd-table.cards td::before{content:attr(data-label);margin-right:auto;text-align:left;"
    "font-weight:600;opacity:.75}"
    ".cccd-table.cards .bar{width:3.5rem}"
    "}"
    "</style>"
)


def projection_table_html(t: Translator, table: pd.DataFrame, columns: list[str]) -> str:
    """`columns` (message keys) of a tables.projection_table frame, in its order (worst first):
    completion with a bar, numbers in the language's format, status and finish coloured."""
    headers = "".join(
        f'<th scope="col"{_numeric(key)}>{html.escape(t(key))}</th>' for key in columns
    )
    styles = tables.status_colours(t, table)
    body = []
    for index in table.index:
        cells = []
        for key in columns:
            name = t(key)
            value = table.at[index, name]
            style = styles.at[index, name]
            style = f' style="{style};color:{STATUS_TEXT}"' if style else ""
            if key == tables.NAME:  # the row's header, for screen readers
                cells.append(f'<th scope="row"{style}>{_cell(t, key, value)}</th>')
            else:
                label = f' data-label="{html.escape(name)}"'
                cells.append(f"<td{_numeric(key)}{label}{style}>{_cell(t, key, value)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    height = SCROLL_HEIGHT_PX if len(table) > SCROLL_AFTER else None
    return _wrap(headers, body, height, cards=True)


def text_table_html(frame: pd.DataFrame, height_px: int | None = None) -> str:
    """A frame of text as it is (headers and cells escaped), the first column naming each row;
    given `height_px`, the rows scroll in a box that high."""
    headers = "".join(f'<th scope="col">{html.escape(str(name))}</th>' for name in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        head, *rest = (html.escape(str(value)) for value in row)
        cells = "".join(f"<td>{text}</td>" for text in rest)
        body.append(f'<tr><th scope="row">{head}</th>{cells}</tr>')
    return _wrap(headers, body, height_px)


def _wrap(headers: str, rows: list[str], height_px: int | None, cards: bool = False) -> str:
    box = f' scroll" style="max-height:{height_px}px' if height_px else ""
    return (
        f'{STYLE}<div class="cccd-table{" cards" if cards else ""}{box}"><table>'
        f"<thead><tr>{headers}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _numeric(key: str) -> str:
    return ' class="n"' if key in NUMERIC else ""


def _cell(t: Translator, key: str, value: object) -> str:
    if key == tables.COMPLETION:
        if pd.isna(value):
            return t.percent(None)
        width = min(max(float(value), 0.0), 100.0)
        return (
            f'<span class="bar"><span style="width:{width:.1f}%"></span></span>'
            f"{html.escape(t.percent(float(value) / 100))}"
        )
    if key in (tables.PACE, tables.TARGET, tables.VALUE):
        return html.escape(t.number(None if pd.isna(value) else float(value)))
    return html.escape(str(value))
