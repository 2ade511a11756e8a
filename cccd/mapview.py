"""Folium map of commune completion: a fixed base (basemap + district lines) and a coloured layer.

The page passes the coloured layer and the focus layer to st_folium as `feature_group_to_add`,
so a recolour or a filter change redraws them without re-creating the map and resetting the
user's zoom; a district filter or a click changes only the small focus layer.
"""

import html
import math
from dataclasses import dataclass
from datetime import date

import folium
import geopandas as gpd
import pandas as pd
import shapely
import shapely.geometry

from cccd import map_script
from cccd.classes import AT_TARGET_OUTLINE, REMAINING_COLOUR, completion_class
from cccd.i18n import Translator
from cccd.progress import METRICS
from cccd.projection import STALE_AFTER_DAYS

BASEMAPS = {
    "none": None,
    "osm": "OpenStreetMap",
    "light": "CartoDB positron",
}
# Tooltip property -> message key of its alias.
TOOLTIP_FIELDS = {
    "label": "column.commune",
    "district_name": "column.district",
    "delivered_text": "details.delivered",
    "completion_text": "details.completion",
    "activation_text": "details.activation",
    "last_report_text": "tooltip.last_report",
}
# The country view's shapes are districts: the same figures, other labels.
DISTRICT_TOOLTIP_FIELDS = {
    **TOOLTIP_FIELDS,
    "label": "column.district",
    "district_name": "column.province",
}
MAP_HEIGHT = 680
# The map width view_for fits a district into: the map column at 1920 px is ~1090 px wide; a
# narrower map (a 1366 px projector: ~670 px) zooms out in the browser (map_script).
VIEW_WIDTH_PX = 1000
MIN_ZOOM = 4.0  # a whole country fits at about 5; a city at 10–11
_DISTRICT_PANE = "district-lines"
# Above the marks (markerPane 600), below tooltips (650).
_VEIL_PANE = "focus-veil"
_VEIL_STYLE = {"fillColor": "#ffffff", "fillOpacity": 0.72, "stroke": False}
_SELECTED_STYLE = {"color": "#000000", "weight": 4, "fill": False}


def map_features(
    t: Translator,
    boundaries: gpd.GeoDataFrame,
    communes: pd.DataFrame,
    metric: str = "delivered",
    as_of: date | None = None,
) -> gpd.GeoDataFrame:
    """Boundaries joined to commune_progress rows, with escaped tooltip text (t's language).

    The label is the name as written in the boundary file (escaped: it may hold any text); the
    district name and figures come from the official list and the reports. ratio, done and
    remaining follow `metric` ("delivered" cards or "activated" e-ID accounts). A last report
    more than STALE_AFTER_DAYS before `as_of` is marked stale in the tooltip.
    """
    shapes = boundaries[["commune_code", "commune_name", "geometry"]]
    progress = communes.drop(columns=["commune_name"])
    joined = shapes.merge(progress, on="commune_code", how="left", validate="one_to_one")
    joined["label"] = joined["commune_name"].fillna(joined["commune_code"]).map(html.escape)
    joined["district_name"] = joined["district_name"].fillna("").map(html.escape)
    return figure_columns(t, joined, metric, as_of).set_index("commune_code", drop=False)


def figure_columns(
    t: Translator, joined: pd.DataFrame, metric: str, as_of: date | None = None
) -> pd.DataFrame:
    """Adds the tooltip's figures as text in t's language, and ratio, done and remaining for
    `metric`, to rows holding target, delivered, activated, completion, activation and
    last_report (communes, or districts in a country view)."""
    joined["delivered_text"] = [
        f"{t.number(done)} / {t.number(target)}"
        for done, target in zip(joined["delivered"], joined["target"], strict=True)
    ]
    joined["completion_text"] = joined["completion"].map(t.percent)
    joined["activation_text"] = joined["activation"].map(t.percent)
    joined["last_report_text"] = joined["last_report"].map(t.day)
    if as_of is not None:
        stale = joined["last_report"] < pd.Timestamp(as_of) - pd.Timedelta(days=STALE_AFTER_DAYS)
        joined.loc[stale, "last_report_text"] = joined.loc[stale, "last_report_text"].map(
            lambda day: t("tooltip.stale", date=day)
        )
    ratio, done = METRICS[metric]
    joined["ratio"] = joined[ratio]
    joined["done"] = joined[done].fillna(False).astype(bool)
    joined["remaining"] = (joined["target"] - joined[metric]).clip(lower=0)
    return joined


def commune_style(completion: float, at_target: bool) -> dict[str, object]:
    """Leaflet path style: fill by class; at target gets a thick orange outline."""
    style: dict[str, object] = {
        "fillColor": completion_class(completion).colour,
        "fillOpacity": 0.85,
        "color": "#ffffff",
        "weight": 0.6,
    }
    if at_target:
        style.update(color=AT_TARGET_OUTLINE, weight=3)
    return style


@dataclass(frozen=True)
class LayerView:
    """What the map shows: a district in focus, a selected commune, recent finishers, a mode.

    mode "ratio" colours communes by completion; "remaining" greys them and draws circles whose
    area is the work still to do (dense wards hold most of it, rural communes most of the area).
    """

    district_code: str | None = None
    selected: str | None = None
    newly_done: frozenset[str] = frozenset()
    mode: str = "ratio"


def commune_layer(
    t: Translator,
    features: gpd.GeoDataFrame,
    view: LayerView = LayerView(),
    fields: dict[str, str] = TOOLTIP_FIELDS,
    outlines: gpd.GeoDataFrame | None = None,
) -> folium.FeatureGroup:
    """The communes with tooltips in t's language, at-target marks (or remaining-work circles).

    Depends on view.mode and view.newly_done only: the district in focus and the selected
    commune are drawn over it by `focus_layer`, so changing them re-sends a few kilobytes, not
    the ~500 KB of commune shapes. `fields` names the tooltip's aliases (districts in a
    country view: DISTRICT_TOOLTIP_FIELDS); `outlines`, if given, are drawn as district lines
    (a province's, when the base map has only province lines).
    """
    ratio = features["ratio"] if view.mode == "ratio" else pd.Series(math.nan, features.index)
    done = features["done"] & (view.mode == "ratio")
    styles = {
        code: commune_style(value, at_target)
        for code, value, at_target in zip(features.index, ratio, done, strict=True)
    }
    group = folium.FeatureGroup(name=t("column.commune"))
    _geojson(t, features, styles, fields).add_to(group)
    if outlines is not None:
        _lines(outlines).add_to(group)
    if view.mode == "remaining":
        _add_remaining_circles(group, features, radius_scale(features["remaining"]))
        return group
    for code, point in features[features["done"]].geometry.representative_point().items():
        mark = _NEW_MARK if code in view.newly_done else _CHECK_MARK
        folium.Marker(
            location=[point.y, point.x],
            icon=folium.DivIcon(html=mark, icon_size=(18, 18), icon_anchor=(9, 9)),
            interactive=False,
        ).add_to(group)
    return group


def focus_layer(features: gpd.GeoDataFrame, view: LayerView) -> folium.FeatureGroup:
    """A veil over everything outside view.district_code, and the selected commune's outline.

    The veil lies in a pane above the marks and below the tooltips that lets the pointer
    through, so communes outside the district fade but still answer a hover or a click.
    """
    group = folium.FeatureGroup(name="focus", control=False)  # not listed: no layer control
    inside = features[features["district_code"] == view.district_code]
    if view.district_code is not None and not inside.empty:
        district = shapely.union_all(inside.geometry.buffer(0).to_numpy())
        veil = shapely.box(*features.total_bounds).buffer(1.0).difference(district)
        folium.GeoJson(
            shapely.geometry.mapping(veil),
            name="veil",
            style_function=lambda feature: _VEIL_STYLE,
            interactive=False,
            pane=_VEIL_PANE,
        ).add_to(group)
    if view.selected in features.index:
        folium.GeoJson(
            shapely.geometry.mapping(features.geometry[view.selected]),
            name="selected",
            style_function=lambda feature: _SELECTED_STYLE,
            interactive=False,
            pane=_VEIL_PANE,
        ).add_to(group)
    return group


def _geojson(
    t: Translator,
    features: gpd.GeoDataFrame,
    styles: dict[str, dict],
    fields: dict[str, str] = TOOLTIP_FIELDS,
) -> folium.GeoJson:
    keep = ["commune_code", *fields, "geometry"]
    return folium.GeoJson(
        features[keep],
        name="communes",
        style_function=lambda feature: styles[feature["id"]],
        highlight_function=lambda feature: {"weight": 4, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=list(fields),
            aliases=[t(key) for key in fields.values()],
            sticky=True,
            style="font-size: 15px;",
        ),
    )


MAX_CIRCLE_PX = 22.0


def radius_scale(remaining: pd.Series) -> float:
    """Pixels per sqrt(card): the largest remaining amount city-wide gets MAX_CIRCLE_PX.

    Scaled on the whole city, not the filtered district, so circles compare across views.
    """
    largest = remaining.max()
    return MAX_CIRCLE_PX / math.sqrt(largest) if largest and largest > 0 else 0.0


def _add_remaining_circles(group: folium.FeatureGroup, features: gpd.GeoDataFrame, scale: float):
    points = features.geometry.representative_point()
    for code, left in features["remaining"].dropna().items():
        if left <= 0:
            continue
        folium.CircleMarker(
            location=[points[code].y, points[code].x],
            radius=scale * math.sqrt(left),
            color=REMAINING_COLOUR,
            weight=1,
            fill=True,
            fill_color=REMAINING_COLOUR,
            fill_opacity=0.55,
            interactive=False,
            class_name="remaining-circle",
        ).add_to(group)


_CHECK_MARK = (
    '<div class="at-target-mark" style="width:18px;height:18px;border-radius:9px;'
    f"background:#fff;border:2px solid {AT_TARGET_OUTLINE};color:{AT_TARGET_OUTLINE};"
    'font:bold 13px/14px sans-serif;text-align:center">✓</div>'
)
# Reached target since the comparison date: the same mark, inverted, so it reads without colour.
_NEW_MARK = (
    '<div class="at-target-mark new-at-target" style="width:18px;height:18px;'
    f"border-radius:9px;background:{AT_TARGET_OUTLINE};border:2px solid #fff;color:#fff;"
    'font:bold 13px/14px sans-serif;text-align:center">✓</div>'
)


def base_map(
    districts: gpd.GeoDataFrame,
    basemap: str = "none",
    home_bounds: tuple[float, float, float, float] | None = None,
) -> folium.Map:
    """City-wide map with the chosen basemap (or none) and district lines above the communes
    (or province lines: `districts` may be keyed by province_code in a country view).
    `home_bounds`: what the pages' view of the whole area fits (view_for), if not the lines'."""
    minx, miny, maxx, maxy = districts.total_bounds
    fmap = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2],
        zoom_start=10,
        tiles=BASEMAPS[basemap],
        control_scale=True,
        zoom_snap=0.25,
        # Leaflet's keyboard handler focuses the map on mousedown; when the map is partly off
        # screen the page scrolls to it between mousedown and mouseup and the click is lost.
        keyboard=False,
    )
    # Fits the city to whatever width the map gets (a phone or a wall screen); pages that pass
    # an explicit centre and zoom to st_folium override it. Not animated: st_folium's view
    # comes in the same task, and a zoom animation started after it would undo it.
    fit = folium.map.FitBounds([[miny, minx], [maxy, maxx]])
    fit.options["animate"] = False
    fit.add_to(fmap)
    folium.map.CustomPane(_DISTRICT_PANE, z_index=450, pointer_events=False).add_to(fmap)
    folium.map.CustomPane(_VEIL_PANE, z_index=620, pointer_events=False).add_to(fmap)
    _lines(districts).add_to(fmap)
    return map_script.add_view_fix(
        fmap, VIEW_WIDTH_PX, home_view(home_bounds or (minx, miny, maxx, maxy))
    )


def home_view(bounds: tuple[float, float, float, float]) -> dict:
    """The view of the whole area for the map's script (map_script): its bounds and the centre
    and zoom view_for gives them, as st_folium will pass them."""
    minx, miny, maxx, maxy = (float(value) for value in bounds)
    (lat, lon), zoom = view_for((minx, miny, maxx, maxy))
    return {"bounds": [[miny, minx], [maxy, maxx]], "center": [lat, lon], "zoom": zoom}


def _lines(shapes: gpd.GeoDataFrame) -> folium.GeoJson:
    """District (or province) lines in their own pane above the communes; not interactive."""
    key = "district_code" if "district_code" in shapes else "province_code"
    return folium.GeoJson(
        shapes[[key, "geometry"]],
        name="districts",
        style_function=lambda feature: {"color": "#1a1a1a", "weight": 2.2, "fill": False},
        interactive=False,
        pane=_DISTRICT_PANE,
    )


def extents(features: gpd.GeoDataFrame) -> pd.DataFrame:
    """Each shape's bounds (minx, miny, maxx, maxy), a point inside it (x, y) and its
    district_code, on the features' index: what centring the map needs, small enough for a page
    to read on every run (a filter change would otherwise copy every shape out of the cache)."""
    points = features.geometry.representative_point()
    return features.geometry.bounds.assign(
        x=points.x, y=points.y, district_code=features["district_code"].to_numpy()
    )


def bounds_of(extents: pd.DataFrame) -> tuple[float, float, float, float]:
    """The lon/lat bounds around every row of an extents frame."""
    return (
        float(extents["minx"].min()),
        float(extents["miny"].min()),
        float(extents["maxx"].max()),
        float(extents["maxy"].max()),
    )


def view_for(
    bounds: tuple[float, float, float, float],
    width: int = VIEW_WIDTH_PX,
    height: int = MAP_HEIGHT,
) -> tuple[tuple[float, float], float]:
    """(centre lat/lon, zoom) that fits lon/lat bounds in a width × height pixel map."""
    minx, miny, maxx, maxy = bounds
    zoom_x = math.log2(width / 256 * 360 / max(maxx - minx, 1e-6))
    span_y = _mercator_y(maxy) - _mercator_y(miny)
    zoom_y = math.log2(height / 256 * 2 * math.pi / max(span_y, 1e-9))
    zoom = max(MIN_ZOOM, min(16.0, math.floor(min(zoom_x, zoom_y) * 4) / 4))
    return ((miny + maxy) / 2, (minx + maxx) / 2), zoom


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
