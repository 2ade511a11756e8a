"""The map as one self-contained HTML file: opens by double-click, with no server and no internet.

Leaflet's script and style are inlined (LeafletAssets, read by the caller), the communes and
their figures travel as JSON in the page, and a small script (cccd.html_map_page) draws them as
the app does: coloured by class, at target outlined with a ✓, tooltips and click details, the
legend, a district select that zooms and dims the rest, the measure toggle, the district table
worst first. Every text is in the caller's language; every name is text, never markup: the page
escapes what it writes itself and the script writes names with textContent.

Coordinates travel as whole numbers of 1e-5 degree (5 decimals, about 1 m), each ring's points
as differences from the one before, which keeps Hanoi's map near 0.1 MB.
"""

import html
import itertools
import json
import math
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from cccd import detail, handout_data, legend, mapview, table_html, tables
from cccd.classes import CLASSES, NO_DATA, completion_class
from cccd.handout_data import HandoutData
from cccd.html_map_page import PAGE_SCRIPT, PAGE_STYLE
from cccd.i18n import Translator
from cccd.progress import METRICS

SCALE = 100_000  # coordinates as integers of 1e-5 degree
# A country (cccd.detail's overview size) travels at 1e-4 degree (~11 m), as the app's country
# view does: 10,599 communes at 5 decimals made a 3.1 MB file, at 4 about 2.8 MB.
COUNTRY_SCALE = 10_000
CLASS_ORDER = (*CLASSES, NO_DATA)
MEASURES = ("delivered", "activated")
MEASURE_LABELS = {"delivered": "measure.delivered", "activated": "measure.activated"}
# The tooltip's and the details' rows: figure column -> message key of its label.
FIGURES = {
    "delivered_text": "details.delivered",
    "completion_text": "details.completion",
    "activation_text": "details.activation",
    "last_report_text": "tooltip.last_report",
}


@dataclass(frozen=True)
class LeafletAssets:
    """Leaflet's JavaScript and CSS as text (its images already inlined in the CSS)."""

    script: str
    style: str


def map_html(t: Translator, data: HandoutData, assets: LeafletAssets) -> str:
    """The whole page, in t's language."""
    title = t("handouts.deck_title", region=data.region)
    return (
        f'<!DOCTYPE html><html lang="{t.language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_text(title)}</title>"
        f"<style>{assets.style}</style><style>{PAGE_STYLE}</style></head><body>"
        f"{_header(t, data, title)}{_controls(t, data)}"
        '<div class="layout"><div id="map" role="region" '
        f'aria-label="{_text(title)}"></div><aside>'
        f'<div id="details" aria-live="polite"><p class="hint">{_text(t("handouts.html.hint"))}'
        f"</p></div>{_per_measure('legend', lambda m: legend.legend_html(t, m))}</aside></div>"
        f'<noscript><p class="note">{_text(t("handouts.html.no_map"))}</p></noscript>'
        f"<section><h2>{_text(t('map.districts_heading'))}</h2>{table_html.STYLE}"
        f"{_per_measure('table', lambda m: '')}</section>"
        f"<footer>{_text(t('handouts.html.made'))}</footer>"
        f"<script>{assets.script}</script>"
        f'<script type="application/json" id="cccd-data">{_json(payload(t, data))}</script>'
        f"<script>{PAGE_SCRIPT}</script></body></html>"
    )


def _text(value: object) -> str:
    return html.escape(str(value))


def _json(value: object) -> str:
    """JSON that cannot end its <script> element early: '<', '>' and '&' as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _header(t: Translator, data: HandoutData, title: str) -> str:
    days = data.campaign.days_left(data.as_of)
    when = " · ".join(
        (
            t("export.as_of", date=t.day(data.as_of)),
            t("handouts.days_left", days=t.number(days), date=t.day(data.campaign.deadline)),
        )
    )
    notes = "".join(
        f'<p class="note">{_text(note)}</p>' for note in handout_data.notes(t, data.labels)
    )
    figures = "".join(
        f'<div class="figure"><strong>{_text(value)}</strong><span>{_text(label)}</span></div>'
        for label, value in handout_data.headline(t, data)
    )
    return (
        f'<header><h1>{_text(title)}</h1><p class="when">{_text(when)}</p>{notes}'
        f'<div class="figures">{figures}</div></header>'
    )


def _controls(t: Translator, data: HandoutData) -> str:
    whole = t("control.country" if data.provinces > 1 else "control.city")
    return (
        f'<div class="controls"><label class="district">{_text(t("control.district"))} '
        f'<select id="district"><option value="">{_text(whole)}</option>{_options(data)}'
        f'</select></label><fieldset id="metric"><legend>{_text(t("control.metric"))}</legend>'
        f"{_radios(t)}</fieldset></div>"
    )


def _options(data: HandoutData) -> str:
    """The districts in the units' order; a country's under their province (optgroup): a phone
    lists 705 names otherwise, many of them alike."""
    names = data.communes.drop_duplicates("district_code")
    pairs = zip(names["district_code"], names["district_name"], strict=True)
    grouped = itertools.groupby(pairs, key=lambda pair: data.district_provinces.get(pair[0], ""))
    html_parts = []
    for province, members in grouped:
        options = "".join(
            f'<option value="{_text(code)}">{_text(name)}</option>' for code, name in members
        )
        html_parts.append(
            f'<optgroup label="{_text(province)}">{options}</optgroup>' if province else options
        )
    return "".join(html_parts)


def _radios(t: Translator) -> str:
    return "".join(
        f'<label><input type="radio" name="metric" value="{metric}"'
        f"{' checked' if metric == 'delivered' else ''}> {_text(t(MEASURE_LABELS[metric]))}"
        "</label>"
        for metric in MEASURES
    )


def _per_measure(kind: str, build) -> str:
    """One block per measure; the script shows the chosen one."""
    return "".join(
        f'<div id="{kind}-{metric}" class="by-measure"{"" if metric == "delivered" else " hidden"}>'
        f"{build(metric)}</div>"
        for metric in MEASURES
    )


def table_rows(t: Translator, data: HandoutData, metric: str) -> list[list]:
    """The map page's district table for `metric`, worst first (tables.projection_table), as
    the script builds it: name, bar width (None: no figure), then completion, communes at
    target, pace, finish and status as text, and the index of the status colour (STATUS_FILLS;
    -1 none). Sent as data, not HTML: a country's 705 rows × 2 measures were 0.6 MB of HTML."""
    table = tables.projection_table(t, data.projections[metric])
    fills = tables.status_colours(t, table)[t(tables.STATUS)].str.replace(_FILL, "")
    rows = []
    for index, row in table.iterrows():
        completion = row[t(tables.COMPLETION)]
        missing = pd.isna(completion)
        pace = row[t(tables.PACE)]
        rows.append(
            [
                str(row[t(tables.NAME)]),
                None if missing else round(min(max(float(completion), 0.0), 100.0), 1),
                t.percent(None if missing else float(completion) / 100),
                str(row[t(tables.AT_TARGET)]),
                t.number(None if pd.isna(pace) else float(pace)),
                str(row[t(tables.FINISH)]),
                str(row[t(tables.STATUS)]),
                STATUS_FILLS.index(fills[index]) if fills[index] in STATUS_FILLS else -1,
            ]
        )
    return rows


_FILL = "background-color: "
STATUS_FILLS = (tables.ON_TIME_COLOUR, tables.LATE_COLOUR, tables.UNKNOWN_COLOUR)


def payload(t: Translator, data: HandoutData) -> dict:
    """What the page's script draws: communes, district lines and bounds, texts and styles."""
    scale = COUNTRY_SCALE if detail.needs_overview(len(data.communes)) else SCALE
    return {
        "scale": scale,
        "communes": commune_rows(t, data, scale),
        "districts": district_rows(data, scale),
        "colours": [klass.colour for klass in CLASS_ORDER],
        "labels": [t(key) for key in FIGURES.values()],
        "last_report": t.day(data.as_of),
        "table": {
            "headers": [t(key) for key in tables.SUMMARY_COLUMNS],
            "numeric": [key in table_html.NUMERIC for key in tables.SUMMARY_COLUMNS],
            "fills": list(STATUS_FILLS),
            "text": table_html.STATUS_TEXT,
            "scroll_after": table_html.SCROLL_AFTER,
            "scroll_px": table_html.SCROLL_HEIGHT_PX,
            "rows": {metric: table_rows(t, data, metric) for metric in MEASURES},
        },
        "at_target": [t("details.not_at_target"), t("details.at_target")],
        "style": mapview.commune_style(math.nan, False),
        "done_style": mapview.commune_style(math.nan, True),
    }


def commune_rows(t: Translator, data: HandoutData, scale: int = SCALE) -> list[dict]:
    """Per commune: code, name (as the boundary file writes it), district, the shape, class
    (index of CLASS_ORDER) and at-target flag per measure, the tooltip's figures (the last
    report's date only when it is not the report date), a point for the ✓ (at target only)."""
    shapes = data.shapes[["commune_code", "commune_name", "geometry"]]
    joined = shapes.merge(
        data.communes.drop(columns=["commune_name"]),
        on="commune_code",
        how="left",
        validate="one_to_one",
    )
    joined = mapview.figure_columns(t, joined, "delivered", data.as_of)
    points = joined.geometry.representative_point()
    measures = [METRICS[metric] for metric in MEASURES]
    today = t.day(data.as_of)
    rows = []
    for index, row in joined.iterrows():
        figures = [str(row[column]) for column in FIGURES]
        commune = {
            "c": row["commune_code"],
            "n": row["commune_name"] if pd.notna(row["commune_name"]) else row["commune_code"],
            "d": row["district_code"] if pd.notna(row["district_code"]) else "",
            "g": encode(row.geometry, scale),
            "cl": [CLASS_ORDER.index(completion_class(_ratio(row[r]))) for r, _ in measures],
            "k": [int(bool(row[done])) for _, done in measures],
            "f": figures[:-1] if figures[-1] == today else figures,
        }
        if any(commune["k"]):
            commune["p"] = [round(points[index].y, 5), round(points[index].x, 5)]
        rows.append(commune)
    return rows


def _ratio(value: object) -> float:
    return math.nan if value is None or pd.isna(value) else float(value)


def district_rows(data: HandoutData, scale: int = SCALE) -> list[dict]:
    """Per district: code, name, bounds [[south, west], [north, east]] and its line."""
    lines: gpd.GeoDataFrame = data.district_shapes
    names = data.communes.drop_duplicates("district_code").set_index("district_code")
    rows = []
    for code, geometry in zip(lines["district_code"], lines.geometry, strict=True):
        minx, miny, maxx, maxy = geometry.bounds
        rows.append(
            {
                "c": code,
                "n": names["district_name"].get(code, ""),
                "b": [[round(miny, 5), round(minx, 5)], [round(maxy, 5), round(maxx, 5)]],
                "g": encode(geometry, scale),
            }
        )
    return rows


def encode(geometry: shapely.Geometry, scale: int = SCALE) -> list[list[list[int]]]:
    """A Polygon or MultiPolygon as polygons → rings → [x0, y0, dx1, dy1, …] in 1/scale degree
    (the ring's closing point left out: Leaflet closes rings itself)."""
    if geometry is None or geometry.is_empty:
        return []
    parts = geometry.geoms if hasattr(geometry, "geoms") else [geometry]
    return [
        [_ring(ring.coords, scale) for ring in (part.exterior, *part.interiors)]
        for part in parts
        if part.geom_type == "Polygon"
    ]


def _ring(coords, scale: int) -> list[int]:
    flat: list[int] = []
    last_x = last_y = 0
    for x, y in list(coords)[:-1]:
        ix, iy = round(x * scale), round(y * scale)
        if flat and ix == last_x and iy == last_y:
            continue  # two points that round to one add nothing
        flat += [ix - last_x, iy - last_y]
        last_x, last_y = ix, iy
    return flat
