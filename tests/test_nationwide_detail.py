"""cccd.detail: when a map shows districts, and what a district shape says (tiny data in code)."""

import math
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cccd import detail
from cccd.i18n import Translator


@pytest.mark.parametrize("communes, overview", [(579, False), (2_000, False), (10_599, True)])
def test_only_a_big_area_starts_with_districts(communes: int, overview: bool) -> None:
    assert detail.needs_overview(communes) is overview


def squares() -> gpd.GeoDataFrame:
    """Four unit squares in a row (lon 105–105.04): communes 1, 2 in district A; 3, 4 in B."""
    boxes = [shapely.box(105 + i / 100, 21, 105 + (i + 1) / 100, 21.01) for i in range(4)]
    return gpd.GeoDataFrame(
        {"commune_code": ["00001", "00002", "00003", "00004"], "district": list("AABB")},
        geometry=boxes,
        crs=4326,
    )


def test_dissolve_merges_each_districts_communes_without_slivers() -> None:
    districts = detail.dissolve(squares(), "district")
    assert list(districts["district"]) == ["A", "B"]
    assert districts.geometry.iloc[0].equals(shapely.box(105, 21, 105.02, 21.01))
    assert shapely.coverage_is_valid(districts.geometry.to_numpy())


def progress_rows() -> pd.DataFrame:
    """commune_progress-like rows: district 001 half done with one commune at target."""
    return pd.DataFrame(
        {
            "commune_code": ["00001", "00002", "00003"],
            "district_code": ["001", "001", "002"],
            "district_name": ["Quận Một", "Quận Một", "Huyện Hai"],
            "target": [100, 300, 50],
            "delivered": [100, 100, 50],
            "activated": [60, 40, 10],
            "at_target": [True, False, True],
            "activation_at_target": [False, False, False],
            "last_report": pd.to_datetime(["2023-05-29", "2023-05-28", "2023-05-29"]),
        }
    )


def test_district_figures_are_sums_and_ratios_of_sums() -> None:
    names = pd.Series({"001": "Tỉnh Mẫu 01", "002": "Tỉnh Mẫu 01"})
    frame = detail.district_progress(progress_rows(), names).set_index("district_code")
    assert frame.loc["001", "target"] == 400 and frame.loc["001", "delivered"] == 200
    assert math.isclose(frame.loc["001", "completion"], 0.5)
    assert math.isclose(frame.loc["001", "activation"], 0.25)
    assert frame.loc["001", "communes_at_target"] == 1
    assert not frame.loc["001", "at_target"] and frame.loc["002", "at_target"]
    assert frame.loc["001", "last_report"] == pd.Timestamp("2023-05-28")  # the oldest
    assert frame.loc["002", "province_name"] == "Tỉnh Mẫu 01"


def test_district_shapes_carry_escaped_tooltips_and_select_no_commune() -> None:
    shapes = gpd.GeoDataFrame(
        {"district_code": ["001", "002"]},
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
        crs=4326,
    )
    names = pd.Series({"001": "Tỉnh <b>X</b>", "002": "Tỉnh Y"})
    figures = detail.district_progress(progress_rows(), names)
    features = detail.overview_features(Translator("en", {}), shapes, figures, "delivered")
    assert list(features.index) == ["001", "002"]
    assert (features["commune_code"] == "").all()
    assert features.loc["001", "label"] == "Quận Một"
    assert features.loc["001", "district_name"] == "Tỉnh &lt;b&gt;X&lt;/b&gt;"
    assert features.loc["001", "delivered_text"] == "200 / 400"
    assert features.loc["002", "done"] and features.loc["001", "remaining"] == 200


def test_in_scope_picks_the_provinces_communes() -> None:
    units = pd.DataFrame({"commune_code": ["00001", "00002"], "province_code": ["01", "02"]})
    features = pd.DataFrame(index=pd.Index(["00001", "00002"]))
    assert list(detail.in_scope(features, units, "02")) == [False, True]


def test_last_report_is_shown_as_a_day() -> None:
    shapes = gpd.GeoDataFrame({"district_code": ["002"]}, geometry=[shapely.box(0, 0, 1, 1)])
    figures = detail.district_progress(progress_rows(), pd.Series({"002": "P"}))
    features = detail.overview_features(Translator("vi", {}), shapes, figures)
    assert features.loc["002", "last_report_text"] == Translator("vi", {}).day(date(2023, 5, 29))
