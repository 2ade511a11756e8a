"""The districts page's projection grids: columns that fit a 1366 px screen in every language.

The grid (glide-data-grid) draws on a canvas and never wraps: a column narrower than its text
cuts it ("Dans les te…"), and columns wider than the page scroll sideways. So the grid shows the
columns a reader compares, each at a width its longest text fits in vi, en and fr, under a short
header whose full wording is its tooltip; the codes and counts are in the downloads.
"""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from cccd import tables
from cccd.i18n import Translator

# Column key -> (short header key, width in px). The widths hold the longest text of each
# column in the three languages at the grid's 14 px font (tests/test_district_grid_browser.py
# measures them); their sum with the row-selection box stays under the 904 px the page's main
# column has at 1366 px with the sidebar open.
DISTRICT_COLUMNS = {
    tables.NAME: ("tables.grid.name", 134),
    tables.COMPLETION: ("tables.grid.completion", 76),
    tables.AT_TARGET: ("tables.grid.at_target", 84),
    tables.PACE: ("tables.grid.pace", 70),
    tables.REQUIRED_PACE: ("tables.grid.required_pace", 70),
    tables.GAP_RATIO: ("tables.grid.gap_ratio", 58),
    tables.FINISH: ("tables.grid.finish", 88),
    tables.STATUS: ("tables.grid.status", 148),
    tables.FLAGS: ("tables.grid.flags", 136),
}
COMMUNE_COLUMNS = {
    tables.NAME: ("tables.grid.name", 180),
    **{
        key: spec
        for key, spec in DISTRICT_COLUMNS.items()
        if key not in (tables.NAME, tables.AT_TARGET)
    },
}
SELECTION_BOX = 34  # px: the grid's row-selection column
ROW_HEIGHT = 35  # px: Streamlit's default row


def grid_columns(level: str, table_has_flags: bool) -> dict[str, tuple[str, int]]:
    """The columns shown for `level`, the flags column only when some row has a flag."""
    columns = DISTRICT_COLUMNS if level == "district" else COMMUNE_COLUMNS
    return {key: spec for key, spec in columns.items() if key != tables.FLAGS or table_has_flags}


def display_formats(t: Translator) -> dict[str, Callable[[float], str]]:
    """Column header -> how its numbers are written: one rule for completion in every language,
    one decimal with the language's decimal mark (Streamlit's printf formats write a point)."""
    return {
        t(tables.COMPLETION): lambda value: t.percent(value / 100),
        t(tables.PACE): t.number,
        t(tables.REQUIRED_PACE): t.number,
        t(tables.GAP_RATIO): lambda ratio: t.number(ratio, 2),
    }


def projection_grid(
    t: Translator, table: pd.DataFrame, level: str, key: str, on_select=None
) -> object:
    """A projection table (tables.projection_download) as a sortable grid; rows selectable if
    asked. Finish dates are dates (sorted by time, empty when there is none: the status says
    why); completion, pace and the gap ratio are shown as the Translator writes them (vi
    "87,8 %", en "87.8%", fr "87,8 %": one decimal everywhere); sorting uses the numbers."""
    columns = grid_columns(level, bool(table[t(tables.FLAGS)].str.len().gt(0).any()))
    shown = table.copy()
    if level == "district":  # "3 / 31": communes at target out of the district's communes
        at, of = table[t(tables.AT_TARGET)], table[t(tables.COMMUNES)]
        shown[t(tables.AT_TARGET)] = [f"{a} / {o}" for a, o in zip(at, of, strict=True)]
    styled = shown.style.apply(lambda frame: tables.status_colours(t, frame), axis=None).format(
        {column: fmt for column, fmt in display_formats(t).items() if column in shown}
    )
    # The name stays in view when a phone scrolls the grid sideways inside its box.
    config = {
        t(column): st.column_config.Column(
            label=t(short), help=t(column), width=width, pinned=column == tables.NAME
        )
        for column, (short, width) in columns.items()
    }
    config[t(tables.FINISH)] = st.column_config.DateColumn(
        label=t("tables.grid.finish"),
        help=t(tables.FINISH),
        width=columns[tables.FINISH][1],
        format="DD/MM/YYYY",
    )
    selection = {"on_select": on_select, "selection_mode": "single-row"} if on_select else {}
    return st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_order=list(config),
        column_config=config,
        height=min(len(table) + 1, 31) * ROW_HEIGHT + 3,
        key=key,
        **selection,
    )
