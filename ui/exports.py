"""Downloads: tables as CSV and Excel, the map as a PNG and the one-click meeting pack (PDF).

File and sheet names are in the reader's language, as ASCII (export.file_name)."""

from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from cccd import export, meeting_pack, static_map, summary, tables, unit_projection
from cccd.classes import CLASSES, NO_DATA
from cccd.i18n import Translator
from cccd.progress import city_summary
from ui import cached, widgets
from ui.shell import lang


def notes(t: Translator, boundaries: cached.BoundarySource) -> tuple[str, ...]:
    """The synthetic / approximate notes that apply, as plain text (no Markdown)."""
    found = [t(widgets.SYNTHETIC_NOTE)] if cached.synthetic() else []
    if boundaries.approximate:
        found.append(t(widgets.APPROXIMATE_NOTE))
    return tuple(note.replace("**", "").replace("*", "") for note in found)


def map_labels(
    t: Translator, as_of: date, boundaries: cached.BoundarySource
) -> static_map.MapLabels:
    """Every text of the static map, in the user's language."""
    return static_map.MapLabels(
        title=t("export.map_title", region=cached.region_name(t.language)),
        as_of_text=t("export.as_of", date=t.day(as_of)),
        legend_title=t("legend.title.delivered"),
        class_labels=tuple(klass.label(t) for klass in (*CLASSES, NO_DATA)),
        at_target_label=t("export.at_target"),
        notes=notes(t, boundaries),
    )


@st.cache_data(show_spinner=False, max_entries=8)
def map_png(language: str, as_of: date) -> bytes:
    """The static map of `as_of` (cached per language and date)."""
    t, boundaries = lang.translator(language), cached.boundary_source()
    features = cached.map_features(as_of, "delivered", language)
    return static_map.map_png(features, cached.district_shapes(), map_labels(t, as_of, boundaries))


@st.cache_data(show_spinner=False, max_entries=8)
def pack_pdf(language: str, as_of: date) -> bytes:
    """The meeting pack of `as_of`: figures, map, districts behind, slowdowns, method."""
    t, boundaries = lang.translator(language), cached.boundary_source()
    features = cached.map_features(as_of, "delivered", language)
    labels = map_labels(t, as_of, boundaries)
    bare = static_map.MapLabels(
        "", "", labels.legend_title, labels.class_labels, labels.at_target_label
    )
    image = static_map.map_png(
        features, cached.district_shapes(), bare, size=meeting_pack.PACK_MAP_SIZE, dpi=200
    )
    districts = cached.projections(as_of)
    return meeting_pack.meeting_pack_pdf(
        meeting_pack.PackContent(
            title=t("export.pack_title", region=cached.region_name(t.language)),
            as_of_text=labels.as_of_text,
            headline=_headline(t, as_of),
            map_png=image,
            notes=labels.notes,
            at_risk_title=t("export.at_risk_title"),
            at_risk=_at_risk(t, districts),
            slowed_title=t("export.slowed_title"),
            slowed=_slowed(t, districts),
            empty_text=t("export.empty"),
            method_title=t("export.method_title"),
            method_text=t("export.method_text"),
        )
    )


def _headline(t: Translator, as_of: date) -> tuple[tuple[str, str], ...]:
    city = city_summary(cached.commune_progress(as_of), as_of)
    campaign = cached.campaign()
    return (
        (t("metric.city_completion", measure=t("noun.delivered")), t.percent(city.completion)),
        (t("metric.communes_at_target"), f"{city.communes_at_target} / {city.communes}"),
        (t("metric.districts_finished"), f"{city.districts_finished} / {city.districts}"),
        (t("summary.days_left", date=t.day(campaign.deadline)), str(campaign.days_left(as_of))),
    )


def _at_risk(t: Translator, districts: pd.DataFrame) -> pd.DataFrame:
    table = summary.behind_table(t, summary.behind_schedule(districts))
    ranges = tables.projection_table(t, districts).set_index(t(tables.NAME))[t(tables.RANGE)]
    table[t(tables.RANGE)] = table.iloc[:, 0].map(ranges).fillna("")
    return table.astype(str)


def _slowed(t: Translator, districts: pd.DataFrame) -> tuple[str, ...]:
    slowing = unit_projection.slowing(districts)  # the rule the pages name them by
    return tuple(
        f"{name} ({t.percent(change - 1, 0)})"
        for name, change in zip(slowing["district_name"], slowing["pace_change"], strict=True)
    )


def export_buttons(
    t: Translator, as_of: date, features: gpd.GeoDataFrame, boundaries: cached.BoundarySource
) -> None:
    """PNG of the map and the meeting pack, built when asked (a second or two each)."""
    day = f"{as_of:%Y-%m-%d}"
    files = (
        ("png", "export.png", map_png, "tables.file.map", "image/png"),
        ("pdf", "export.pdf", pack_pdf, "tables.file.pack", "application/pdf"),
    )
    for column, (kind, label, build, name, mime) in zip(st.columns(2), files, strict=True):
        column.download_button(
            t(label),
            lambda build=build: build(t.language, as_of),
            export.file_name(t(name, date=day)) + f".{kind}",
            mime,
            key=f"export_{kind}",
        )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_downloads(t: Translator, table: pd.DataFrame, name: str, sheet: str, key: str) -> None:
    """CSV and Excel downloads of a table (tables.projection_download): file `name` and
    `sheet` in the reader's language; formula-like cells neutralised, dates as dates."""
    base = export.file_name(name)
    left, right = st.columns(2)
    left.download_button(
        t("download.csv"), export.csv_bytes(table), f"{base}.csv", "text/csv", key=f"{key}_csv"
    )
    right.download_button(
        t("download.excel"),
        export.xlsx_bytes(table, sheet),
        f"{base}.xlsx",
        XLSX_MIME,
        key=f"{key}_xlsx",
    )
