"""The map builder: classes, styles, escaping, check marks and the fitted view."""

import math
from datetime import date

import folium
import geopandas as gpd
import pandas as pd
import pytest
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


def test_at_target_is_outlined_and_dimmed_communes_fade():
    at_target = mapview.commune_style(1.0, True, dimmed=False, selected=False)
    assert at_target["color"] == classes.AT_TARGET_OUTLINE and at_target["weight"] >= 3
    dimmed = mapview.commune_style(1.0, True, dimmed=True, selected=False)
    assert dimmed["fillOpacity"] < 0.3 and dimmed["color"] != classes.AT_TARGET_OUTLINE
    no_data = mapview.commune_style(math.nan, False, dimmed=False, selected=False)
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


def test_filtering_a_district_dims_the_others_and_keeps_their_marks_out():
    layer = mapview.commune_layer(T, features(), mapview.LayerView(district_code="002"))
    geojson = next(child for child in layer._children.values() if isinstance(child, folium.GeoJson))
    styles = {f["id"]: geojson.style_function(f) for f in geojson.data["features"]}
    assert styles["00001"]["fillOpacity"] < 0.3 and styles["00003"]["fillOpacity"] > 0.5
    assert not [c for c in layer._children.values() if type(c) is folium.Marker]


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
