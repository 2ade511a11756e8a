"""The cached entry points the pages call: the only module below the pages that imports streamlit.

Everything here is a thin wrapper; the work is done in loaders (I/O) and cccd (pure logic).
A cache hit costs milliseconds, so a rerun after a click or a filter change redraws quickly.
"""

import json
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd
import sqlalchemy
import streamlit as st

from cccd import backtest, cells, detail, mapview, progress, table_html, tables, unit_projection
from cccd.campaign import Campaign
from cccd.i18n import DEFAULT_LANGUAGE
from loaders import reference, store
from ui import folium_render
from ui.shell import lang

# District lines only outline the map: 100 m keeps their shape at city zoom in a small payload.
DISTRICT_TOLERANCE_M = 100.0


@dataclass(frozen=True)
class Boundaries:
    """The commune map in use: the user's file from the store, or the approximate default."""

    communes: gpd.GeoDataFrame
    source_name: str
    approximate: bool


@st.cache_resource(show_spinner=False)
def engine() -> sqlalchemy.Engine:
    """The store (created and seeded with the synthetic sample on first run): DATABASE_URL, or
    the dataset's own SQLite file (var/cccd.sqlite for Hanoi), so two datasets never mix."""
    return store.connect(store.database_url())


@st.cache_data(show_spinner=False)
def reports() -> pd.DataFrame:
    """All daily reports in the store."""
    return store.read_reports(engine())


@st.cache_data(show_spinner=False)
def synthetic() -> bool:
    """Whether the store holds the generated sample rather than real reports."""
    return store.is_synthetic(engine())


@st.cache_data(show_spinner=False)
def report_dates() -> list[date]:
    """Report dates in the store, oldest first."""
    return progress.report_dates(reports())


@st.cache_data(show_spinner=False)
def boundaries() -> Boundaries:
    """The user's boundary set if one was loaded, else the embedded approximate map."""
    saved = store.read_boundaries(engine())
    if saved is None:
        return Boundaries(reference.default_communes(), "", approximate=True)
    geojson, source_name = saved
    features = json.loads(geojson)["features"]
    communes = gpd.GeoDataFrame.from_features(features, crs=4326)
    communes["commune_code"] = communes["commune_code"].astype(str)
    return Boundaries(communes, source_name, approximate=False)


@st.cache_data(show_spinner=False)
def district_shapes() -> gpd.GeoDataFrame:
    """District polygons simplified like the commune map, for the lines drawn over it."""
    return cells.simplify_coverage(reference.districts(), DISTRICT_TOLERANCE_M, decimals=5)


@st.cache_data(show_spinner=False)
def commune_progress(as_of: date) -> pd.DataFrame:
    """One row per official commune on `as_of`."""
    return progress.commune_progress(reports(), reference.units(), as_of)


def campaign() -> Campaign:
    """The active dataset's campaign dates (start, report date, deadline), from its manifest
    (read once per dataset: loaders.reference caches it)."""
    return reference.campaign()


@st.cache_data(show_spinner=False)
def projections(as_of: date, metric: str = "delivered", level: str = "district") -> pd.DataFrame:
    """One projection row per district (or commune) on `as_of` for `metric`, against the
    campaign's deadline."""
    deadline = campaign().deadline
    return unit_projection.project_units(
        reports(), reference.units(), as_of, deadline, metric, level
    )


@st.cache_data(show_spinner=False)
def projection_table(as_of: date, metric: str, language: str) -> pd.DataFrame:
    """The district projection table for display, in `language` (cccd.tables)."""
    return tables.projection_table(lang.translator(language), projections(as_of, metric))


@st.cache_data(show_spinner=False)
def district_projections(as_of: date, metric: str, province_code: str | None) -> pd.DataFrame:
    """projections(), only the chosen province's districts when one is chosen."""
    districts = projections(as_of, metric)
    if province_code is None:
        return districts
    return districts[districts["district_code"].isin(province_districts(province_code))]


@st.cache_data(show_spinner=False)
def district_table_html(as_of: date, metric: str, language: str, province_code: str | None) -> str:
    """The map page's district table as HTML (cccd.table_html): built once per view, as a
    district change on the map page leaves it as it is."""
    t = lang.translator(language)
    table = projection_table(as_of, metric, language)
    if province_code is not None:
        codes = district_projections(as_of, metric, province_code)["district_code"]
        table = table[table[t(tables.CODE)].isin(codes)]
    return table_html.projection_table_html(t, table, tables.SUMMARY_COLUMNS)


@st.cache_data(show_spinner=False)
def slowing_districts(as_of: date, metric: str, province_code: str | None) -> pd.DataFrame:
    """The districts whose weekly pace fell, sharpest first (a province's when one is chosen)."""
    slowing = unit_projection.slowing(district_projections(as_of, metric, province_code))
    return slowing[["district_code", "district_name", "pace_change"]]


@st.cache_data(show_spinner=False)
def city_summary(as_of: date, metric: str) -> progress.CitySummary:
    """Completion and counts city-wide (country-wide) on `as_of`."""
    return progress.city_summary(commune_progress(as_of), as_of, metric)


@st.cache_data(show_spinner=False)
def typical_error(metric: str, level: str) -> backtest.TypicalError:
    """How far past projections were from what the data later showed (all report dates)."""
    frame = backtest.backtest(reports(), reference.units(), campaign().deadline, metric, level)
    return backtest.typical_error(frame)


@st.cache_data(show_spinner=False)
def district_series(as_of: date, metric: str) -> tuple[pd.DataFrame, pd.Series]:
    """Cumulative `metric` per district and report day up to `as_of`, and district targets."""
    units = reference.units()
    values, targets = unit_projection.commune_series(reports(), units, as_of, metric)
    return unit_projection.district_series(
        values, targets, units.set_index("commune_code")["district_code"]
    )


@st.cache_data(show_spinner=False)
def map_features(
    as_of: date, metric: str = "delivered", language: str = DEFAULT_LANGUAGE
) -> gpd.GeoDataFrame:
    """Commune shapes joined with their figures and tooltip text (in `language`) on `as_of`."""
    t = lang.translator(language)
    return mapview.map_features(t, boundaries().communes, commune_progress(as_of), metric, as_of)


@st.cache_data(show_spinner=False)
def map_extents() -> pd.DataFrame:
    """mapview.extents of the commune map, for centring it: its shapes with their official
    district, joined as map_features joins them (no date or language needed)."""
    units = reference.units()[["commune_code", "district_code"]]
    shapes = boundaries().communes[["commune_code", "geometry"]]
    joined = shapes.merge(units, on="commune_code", how="left")
    return mapview.extents(joined.set_index("commune_code", drop=False))


@dataclass(frozen=True)
class BoundarySource:
    """What the pages' notices say about the commune map in use, without its shapes."""

    source_name: str
    approximate: bool


@st.cache_data(show_spinner=False)
def boundary_source() -> BoundarySource:
    """The commune map's source name and whether it is the approximate default: all a page's
    notices need (reading boundaries() copies every shape out of the cache)."""
    current = boundaries()
    return BoundarySource(current.source_name, current.approximate)


@st.cache_data(show_spinner=False)
def base_map_render(basemap: str = "none") -> dict[str, object]:
    """The base map's strings for st_folium (see ui/folium_render.py): district lines, or
    province lines for a country (cccd/detail.py)."""
    lines = province_shapes() if overview() else district_shapes()
    home = mapview.bounds_of(map_extents())  # what map_view centres the whole area on
    return folium_render.render_map(mapview.base_map(lines, basemap, home))


# ~0.5 MB of text each: dates × metrics × languages × modes an analyst or a meeting goes through.
@st.cache_data(show_spinner=False, max_entries=48)
def commune_layer_render(
    as_of: date,
    metric: str,
    language: str,
    mode: str,
    newly_done: frozenset[str],
    scope: str | None = None,
) -> dict[str, object]:
    """The coloured communes as st_folium's first feature group: all of them, or for a country
    the districts (scope None) or one province's communes (scope: its code)."""
    t = lang.translator(language)
    view = mapview.LayerView(newly_done=newly_done, mode=mode)
    features = layer_features(as_of, metric, language, scope)
    if overview() and scope is None:
        layer = mapview.commune_layer(t, features, view, mapview.DISTRICT_TOOLTIP_FIELDS)
    elif scope is not None:
        lines = district_shapes()
        lines = lines[lines["district_code"].isin(province_districts(scope))]
        layer = mapview.commune_layer(t, features, view, outlines=lines)
    else:
        layer = mapview.commune_layer(t, features, view)
    return folium_render.render_layer(layer, 0, kept=True)


@st.cache_data(show_spinner=False)
def layer_features(
    as_of: date, metric: str, language: str, scope: str | None = None
) -> gpd.GeoDataFrame:
    """What the coloured layer draws (see commune_layer_render), for its legend too."""
    if overview() and scope is None:
        t = lang.translator(language)
        return detail.overview_features(
            t, overview_district_shapes(), district_figures(as_of), metric
        )
    features = map_features(as_of, metric, language)
    if scope is None:
        return features
    return features[detail.in_scope(features, reference.units(), scope)]


def synthetic_units() -> bool:
    """Whether the dataset itself (units, names, shapes) is generated, not only the reports."""
    return reference.dataset().synthetic_units


def region_name(language: str) -> str:
    """The dataset's region ("Hà Nội") in `language`, for titles."""
    return reference.dataset().region_name(language)


@st.cache_data(show_spinner=False)
def overview() -> bool:
    """Whether the dataset is big enough for the whole-area map to show districts."""
    return detail.needs_overview(len(reference.units()))


def map_scope(
    province_code: str | None, district_code: str | None, commune_code: str | None = None
) -> str | None:
    """The province whose communes the map draws: the chosen one, or the chosen district's, or
    the searched commune's; None for the whole area (always None when every commune is drawn)."""
    if not overview():
        return None
    district = district_code or district_of_commune().get(commune_code)
    return province_code or province_of_district().get(district)


@st.cache_data(show_spinner=False)
def district_of_commune() -> dict[str, str]:
    """commune_code -> district_code."""
    units = reference.units()
    return dict(zip(units["commune_code"], units["district_code"], strict=True))


@st.cache_data(show_spinner=False)
def province_names() -> dict[str, str]:
    """province_code -> province_name, in the official order."""
    units = reference.units()
    return dict(zip(units["province_code"], units["province_name"], strict=True))


@st.cache_data(show_spinner=False)
def province_of_district() -> dict[str, str]:
    """district_code -> province_code."""
    units = reference.units()
    return dict(zip(units["district_code"], units["province_code"], strict=True))


def province_districts(province_code: str) -> list[str]:
    """The province's district codes, in the official order."""
    return [d for d, p in province_of_district().items() if p == province_code]


@st.cache_data(show_spinner=False)
def province_shapes() -> gpd.GeoDataFrame:
    """Province polygons dissolved from the commune map, light enough for a country view."""
    return detail.overview_shapes(boundaries().communes, reference.units(), "province_code")


@st.cache_data(show_spinner=False)
def overview_district_shapes() -> gpd.GeoDataFrame:
    """District polygons dissolved from the commune map, light enough for a country view."""
    return detail.overview_shapes(boundaries().communes, reference.units(), "district_code")


@st.cache_data(show_spinner=False)
def district_figures(as_of: date) -> pd.DataFrame:
    """Per-district sums and ratios on `as_of` (cccd.detail.district_progress)."""
    units = reference.units().drop_duplicates("district_code").set_index("district_code")
    return detail.district_progress(commune_progress(as_of), units["province_name"])


@st.cache_data(show_spinner=False, max_entries=256)
def focus_layer_render(district_code: str | None, selected: str | None) -> dict[str, object]:
    """The veil outside a district and the selected commune's outline: a few kilobytes."""
    view = mapview.LayerView(district_code=district_code, selected=selected)
    return folium_render.render_layer(mapview.focus_layer(commune_shapes(), view), 1)


@st.cache_data(show_spinner=False)
def commune_shapes() -> gpd.GeoDataFrame:
    """The commune shapes in use with their official district, indexed by commune code."""
    units = reference.units()[["commune_code", "district_code"]]
    shapes = boundaries().communes[["commune_code", "geometry"]].merge(units, on="commune_code")
    return shapes.set_index("commune_code", drop=False)


@st.cache_data(show_spinner=False)
def newly_at_target(as_of: date, since: date | None, metric: str) -> set[str]:
    """Communes at target on `as_of` that were not on `since` (empty without a `since`)."""
    if since is None:
        return set()
    return progress.newly_at_target(commune_progress(as_of), commune_progress(since), metric)


@st.cache_data(show_spinner=False)
def district_names() -> dict[str, str]:
    """district_code -> district_name, in the official order."""
    units = reference.units()
    return dict(zip(units["district_code"], units["district_name"], strict=True))


_SEEN: dict[str, tuple] = {}


def refresh_if_changed() -> None:
    """Drop cached frames when the store changed, here or in another app process.

    One small query per run; app processes behind a load balancer share one database, and a
    report imported through one must show in all of them.
    """
    version = store.data_version(engine())
    if _SEEN.get("version") not in (None, version):
        st.cache_data.clear()
    _SEEN["version"] = version


def forget_data() -> None:
    """Drop every cached frame after the store changed (new boundaries or reports)."""
    st.cache_data.clear()
