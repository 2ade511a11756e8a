"""Facts about the committed default map, geodata/hanoi_communes_approx_2023.geojson."""

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from cccd.cells import METRIC_CRS, commune_sites
from geodata import build_default_map
from loaders import reference

PATH = reference.DEFAULT_COMMUNES_GEOJSON


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    # Read straight from disk: reference.default_communes() is cached for the app.
    return gpd.read_file(PATH).set_index("commune_code", drop=False)


@pytest.fixture(scope="module")
def district_shapes() -> gpd.GeoSeries:
    return reference.districts().to_crs(METRIC_CRS).set_index("district_code").geometry


def test_file_is_small_enough_for_the_browser() -> None:
    assert PATH.stat().st_size <= build_default_map.MAX_BYTES


def test_features_carry_only_text_codes_and_names() -> None:
    features = json.loads(PATH.read_bytes())["features"]
    assert len(features) == 579
    for feature in features:
        properties = feature["properties"]
        assert list(properties) == ["commune_code", "commune_name", "district_code"]
        assert isinstance(properties["commune_code"], str) and len(properties["commune_code"]) == 5
        assert (
            isinstance(properties["district_code"], str) and len(properties["district_code"]) == 3
        )
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_one_feature_per_official_commune(communes: gpd.GeoDataFrame) -> None:
    units = reference.units().set_index("commune_code")
    assert communes["commune_code"].is_unique
    assert sorted(communes["commune_code"]) == sorted(units.index)
    matched = units.loc[communes.index]
    assert (communes["commune_name"] == matched["commune_name"]).all()
    assert (communes["district_code"] == matched["district_code"]).all()


def test_stored_geometry_is_a_valid_coverage(communes: gpd.GeoDataFrame) -> None:
    geoms = communes.geometry.to_numpy()
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    assert shapely.coverage_is_valid(geoms)
    assert shapely.coverage_is_valid(communes.to_crs(METRIC_CRS).geometry.to_numpy())


def test_communes_cover_hanoi_without_gaps(
    communes: gpd.GeoDataFrame, district_shapes: gpd.GeoSeries
) -> None:
    ours = communes.to_crs(METRIC_CRS).union_all()
    hanoi = district_shapes.union_all()
    assert ours.symmetric_difference(hanoi).area < 0.001 * hanoi.area  # simplified outline
    assert shapely.get_num_geometries(ours) == shapely.get_num_geometries(hanoi)
    assert shapely.get_num_interior_rings(ours) == shapely.get_num_interior_rings(hanoi)


def test_each_commune_lies_in_its_own_district(
    communes: gpd.GeoDataFrame, district_shapes: gpd.GeoSeries
) -> None:
    metric = communes.to_crs(METRIC_CRS)
    slack = build_default_map.TOLERANCE_M  # simplification moves the outline this much
    outside = [
        code
        for code, district, cell in zip(
            metric.index, metric.district_code, metric.geometry, strict=True
        )
        if not district_shapes[district].buffer(slack).contains(cell)
    ]
    assert outside == []


def test_each_commune_holds_its_own_point(communes: gpd.GeoDataFrame) -> None:
    points = reference.commune_points().set_index("commune_code").loc[communes.index]
    located = gpd.points_from_xy(points["lon"], points["lat"])
    # SOURCES.md: a few GADM points fall just outside their government district polygon.
    assert shapely.contains(communes.geometry.to_numpy(), located).sum() >= 575
    sites = commune_sites(reference.districts(), points.reset_index())
    assert shapely.contains(communes.geometry.to_numpy(), sites.to_numpy()).all()


def test_script_regenerates_the_committed_file(tmp_path: Path) -> None:
    regenerated = tmp_path / PATH.name
    regenerated.write_bytes(build_default_map.to_geojson(build_default_map.build()))
    assert regenerated.read_bytes() == PATH.read_bytes()
