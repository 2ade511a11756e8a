"""The map builder: classes, styles, escaping, check marks and the fitted view."""

import math
import re
from datetime import date

import folium
import geopandas as gpd
import pandas as pd
import pytest
import shapely.geometry
from shapely.geometry import box

from cccd import classes, mapview
from loaders import catalogue

T = catalogue.translator("vi", strict=True)


@pytest.mark.parametrize(
    "completion, label",
    [
        (None, "Không có số liệu"),
        (math.nan, "Không có số liệu"),
        (0.0, "Dưới 50 %"),
        (0.4999, "Dưới 50 %"),
        (0.5, "50 – 70 %"),
        (0.89, "70 – 90 %"),
        (0.9999, "90 – 100 %"),
        (1.0, "Đạt chỉ tiêu (≥ 100 %)"),
        (1.3, "Đạt chỉ tiêu (≥ 100 %)"),
    ],
)
def test_completion_class(completion, label):
    assert classes.completion_class(completion).label(T) == label


def test_palette_is_distinct_and_no_data_is_its_own_class():
    colours = [klass.colour for klass in classes.CLASSES] + [classes.NO_DATA.colour]
    assert len(set(colours)) == len(colours)


BOUNDARIES = gpd.GeoDataFrame(
    {
        "commune_code": ["00001", "00002", "00003"],
        "commune_name": ["Phúc Xá <b>tags</b>", "Trúc Bạch", "Xã Lạ"],
        "district_code": ["001", "001", "002"],
    },
    geometry=[
        box(105.80, 21.00, 105.81, 21.01),
        box(105.81, 21.00, 105.82, 21.01),
        box(105.9, 21.1, 105.95, 21.15),
    ],
    crs=4326,
)
COMMUNES = pd.DataFrame(
    {
        "commune_code": ["00001", "00002", "00003"],
        "commune_name": ["Phường Phúc Xá", "Phường Trúc Bạch", "Xã Lạ"],
        "district_code": ["001", "001", "002"],
        "district_name": ["Quận Ba Đình", "Quận Ba Đình", "Huyện Hai"],
        "target": [1000, 2000, None],
        "delivered": [1000, 1500, None],
        "activated": [600, 700, None],
        "completion": [1.0, 0.75, math.nan],
        "activation": [0.6, 0.35, math.nan],
        "at_target": [True, False, False],
        "activation_at_target": [False, False, False],
        "last_report": pd.to_datetime(["2023-05-29", "2023-05-28", None]),
    }
)


def features():
    return mapview.map_features(T, BOUNDARIES, COMMUNES)


def test_tooltip_text_is_escaped_and_formatted():
    rows = features()
    assert rows.loc["00001", "label"] == "Phúc Xá &lt;b&gt;tags&lt;/b&gt;"
    assert rows.loc["00002", "delivered_text"] == "1.500 / 2.000"
    assert rows.loc["00002", "completion_text"] == "75,0 %"
    assert rows.loc["00002", "last_report_text"] == "28/05/2023"
    assert rows.loc["00003", "completion_text"] == "–"


def test_a_last_report_older_than_3_days_is_marked_stale():
    rows = mapview.map_features(T, BOUNDARIES, COMMUNES, as_of=date(2023, 6, 1))
    assert rows.loc["00001", "last_report_text"] == "29/05/2023"
    assert rows.loc["00002", "last_report_text"] == "28/05/2023 (cũ)"
    assert rows.loc["00003", "last_report_text"] == "–"


def test_at_target_is_outlined_and_no_data_has_its_colour():
    at_target = mapview.commune_style(1.0, True)
    assert at_target["color"] == classes.AT_TARGET_OUTLINE and at_target["weight"] >= 3
    assert mapview.commune_style(0.95, False)["color"] != classes.AT_TARGET_OUTLINE
    no_data = mapview.commune_style(math.nan, False)
    assert no_data["fillColor"] == classes.NO_DATA.colour


def test_layer_marks_each_commune_at_target_with_a_check():
    layer = mapview.commune_layer(T, features())
    markers = [child for child in layer._children.values() if isinstance(child, folium.Marker)]
    assert len(markers) == 1
    assert markers[0].location == pytest.approx([21.005, 105.805])


def test_communes_that_reached_target_since_a_date_get_the_inverted_mark():
    layer = mapview.commune_layer(T, features(), mapview.LayerView(newly_done=frozenset({"00001"})))
    marker = next(c for c in layer._children.values() if isinstance(c, folium.Marker))
    assert "new-at-target" in marker.icon.options["html"]


def test_activation_metric_colours_by_activation_and_has_its_own_target():
    rows = mapview.map_features(T, BOUNDARIES, COMMUNES, metric="activated")
    assert rows.loc["00001", "ratio"] == pytest.approx(0.6)
    assert not rows.loc["00001", "done"]
    assert rows.loc["00002", "remaining"] == 1300


def test_remaining_view_draws_circles_by_area_not_marks():
    layer = mapview.commune_layer(T, features(), mapview.LayerView(mode="remaining"))
    circles = [c for c in layer._children.values() if isinstance(c, folium.CircleMarker)]
    assert len(circles) == 1  # 00001 is done, 00003 has no data
    assert circles[0].options["radius"] == pytest.approx(mapview.MAX_CIRCLE_PX)
    assert not [c for c in layer._children.values() if type(c) is folium.Marker]


@pytest.mark.parametrize("remaining, largest_px", [([0, 400, 100], 22.0), ([0, 0], 0.0)])
def test_circle_area_is_proportional_to_remaining_work(remaining, largest_px):
    scale = mapview.radius_scale(pd.Series(remaining, dtype=float))
    assert scale * math.sqrt(max(remaining)) == pytest.approx(largest_px)


def test_filtering_a_district_veils_the_others_but_lets_the_pointer_through():
    rows = features()
    layer = mapview.focus_layer(rows, mapview.LayerView(district_code="002"))
    veil = next(child for child in layer._children.values() if isinstance(child, folium.GeoJson))
    shape = shape_of(veil)
    assert not shape.intersects(rows.geometry["00003"].buffer(-1e-6))  # the district is clear
    assert shape.contains(rows.geometry["00001"]) and shape.contains(rows.geometry["00002"])
    assert veil.style_function(None)["fillOpacity"] > 0.5
    assert veil.options["pane"] == "focus-veil"
    page = mapview.base_map(BOUNDARIES.assign(district_code="1")).get_root().render()
    veil_pane = r"createPane\(\s*\"focus-veil\"\);[^;]*zIndex = 620;\s*\S+pointerEvents = 'none'"
    assert re.search(veil_pane, page)


def test_the_selected_commune_is_outlined_and_no_district_means_no_veil():
    rows = features()
    layer = mapview.focus_layer(rows, mapview.LayerView(selected="00002"))
    (outline,) = [c for c in layer._children.values() if isinstance(c, folium.GeoJson)]
    assert shape_of(outline).equals(rows.geometry["00002"])
    assert outline.style_function(None)["weight"] >= 4
    assert not mapview.focus_layer(rows, mapview.LayerView())._children


def test_the_commune_layer_does_not_depend_on_the_focus():
    plain = mapview.commune_layer(T, features())
    focused = mapview.commune_layer(T, features(), mapview.LayerView("002", "00001"))
    assert len(plain._children) == len(focused._children)  # the same marks, all districts


def shape_of(geojson: folium.GeoJson):
    data = geojson.data
    return shapely.geometry.shape(data["features"][0]["geometry"] if "features" in data else data)


def test_layer_sends_only_the_tooltip_properties():
    layer = mapview.commune_layer(T, features())
    geojson = next(child for child in layer._children.values() if isinstance(child, folium.GeoJson))
    properties = geojson.data["features"][0]["properties"]
    assert set(properties) == {"commune_code", *mapview.TOOLTIP_FIELDS}


def test_view_for_fits_a_district_closer_than_the_city():
    (lat, lon), city_zoom = mapview.view_for((105.29, 20.56, 106.02, 21.39))
    assert 20.9 < lat < 21.0 and 105.6 < lon < 105.7
    assert 9 <= city_zoom <= 11
    _, ward_zoom = mapview.view_for((105.84, 21.03, 105.86, 21.05))
    assert ward_zoom > city_zoom + 3


def test_extents_hold_what_centring_needs_without_the_shapes():
    shapes = features()
    extents = mapview.extents(shapes)
    assert "geometry" not in extents
    assert mapview.bounds_of(extents) == tuple(shapes.total_bounds)
    district = extents[extents["district_code"] == "002"]
    assert mapview.bounds_of(district) == tuple(shapes.loc[["00003"]].total_bounds)
    point = shapes.loc["00001"].geometry.representative_point()
    assert (extents.at["00001", "x"], extents.at["00001", "y"]) == (point.x, point.y)


def test_tooltip_speaks_the_translators_language():
    fr = catalogue.translator("fr", strict=True)
    rows = mapview.map_features(fr, BOUNDARIES, COMMUNES, as_of=date(2023, 6, 1))
    assert rows.loc["00002", "delivered_text"] == "1\u202f500 / 2\u202f000"
    assert rows.loc["00002", "completion_text"] == "75,0\xa0%"
    assert rows.loc["00002", "last_report_text"] == "28/05/2023 (ancien)"
    layer = mapview.commune_layer(fr, rows)
    geojson = next(child for child in layer._children.values() if isinstance(child, folium.GeoJson))
    tooltip = next(c for c in geojson._children.values() if isinstance(c, folium.GeoJsonTooltip))
    assert "Dernier rapport" in tooltip.aliases
