"""commune_cells and simplify_coverage on small districts drawn in code (metres, UTM 48N)."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import MultiPolygon, box

from cccd.cells import METRIC_CRS, commune_cells, commune_sites, simplify_coverage

ORIGIN = (580_000, 2_320_000)  # near Hanoi, so EPSG:4326 round trips stay realistic

DISTRICTS = {
    "001": box(0, 0, 2000, 2000),
    "002": box(2000, 0, 4000, 2000),  # shares an edge with 001
    "003": MultiPolygon([box(0, 3000, 2000, 4000), box(2500, 3200, 2800, 3500)]),  # + island
    "004": box(5000, 0, 8000, 3000).difference(box(6000, 1000, 7000, 3000)),  # a U
    "005": box(4000, 0, 5000, 2000),  # one commune only
}

# commune_code, commune_name, district_code, x, y (metres from ORIGIN)
POINTS = [
    ("00001", "A1", "001", 500, 500),
    ("00002", "A2", "001", 1500, 500),
    ("00003", "A3", "001", 1000, 1500),
    ("00004", "B1", "002", 3000, 1000),
    ("00005", "B2 stray", "002", 1900, 1000),  # 100 m outside its district, inside 001
    ("00006", "C1", "003", 500, 3500),
    ("00007", "C2", "003", 1500, 3500),
    ("00008", "U1", "004", 6500, 900),
    ("00009", "U2", "004", 5500, 2900),  # its raw Voronoi cell also reaches the far arm
    ("00010", "U3", "004", 7500, 100),
    ("00011", "D1", "005", 4500, 1000),
]


def _metric(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.affinity.translate(geom, *ORIGIN)


@pytest.fixture(scope="module")
def districts() -> gpd.GeoDataFrame:
    shapes = [_metric(g) for g in DISTRICTS.values()]
    frame = gpd.GeoDataFrame({"district_code": list(DISTRICTS)}, geometry=shapes, crs=METRIC_CRS)
    return frame.to_crs(4326)


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    xy = gpd.GeoSeries(
        gpd.points_from_xy([p[3] + ORIGIN[0] for p in POINTS], [p[4] + ORIGIN[1] for p in POINTS]),
        crs=METRIC_CRS,
    ).to_crs(4326)
    frame = pd.DataFrame(
        POINTS, columns=["commune_code", "commune_name", "district_code", "x", "y"]
    )
    return frame.drop(columns=["x", "y"]).assign(lon=xy.x.to_numpy(), lat=xy.y.to_numpy())


@pytest.fixture(scope="module")
def cells(districts: gpd.GeoDataFrame, points: pd.DataFrame) -> gpd.GeoDataFrame:
    return commune_cells(districts, points)


def _metric_shape(cells: gpd.GeoDataFrame, name: str) -> shapely.Geometry:
    metric = cells.to_crs(METRIC_CRS).set_index("commune_name").geometry[name]
    return shapely.affinity.translate(metric, -ORIGIN[0], -ORIGIN[1])


def test_one_valid_polygon_per_commune(cells: gpd.GeoDataFrame, points: pd.DataFrame) -> None:
    assert list(cells.columns) == ["commune_code", "commune_name", "district_code", "geometry"]
    assert cells["commune_code"].tolist() == points["commune_code"].tolist()
    assert cells.crs.to_epsg() == 4326
    assert set(cells.geom_type) <= {"Polygon", "MultiPolygon"}
    assert cells.is_valid.all() and not cells.is_empty.any()


def test_cells_form_a_valid_coverage(cells: gpd.GeoDataFrame) -> None:
    assert shapely.coverage_is_valid(cells.geometry.to_numpy())


def test_union_of_cells_is_union_of_districts(
    cells: gpd.GeoDataFrame, districts: gpd.GeoDataFrame
) -> None:
    ours = cells.to_crs(METRIC_CRS).union_all()
    theirs = districts.to_crs(METRIC_CRS).union_all()
    assert ours.symmetric_difference(theirs).area < 1e-3  # m², rounding only


@pytest.mark.parametrize("district_code", list(DISTRICTS))
def test_each_district_is_split_among_its_own_communes(
    cells: gpd.GeoDataFrame, districts: gpd.GeoDataFrame, district_code: str
) -> None:
    metric = cells.to_crs(METRIC_CRS)
    district = districts.to_crs(METRIC_CRS).set_index("district_code").geometry[district_code]
    own = metric[metric["district_code"] == district_code].union_all()
    assert own.symmetric_difference(district).area < 1e-3


@pytest.mark.parametrize(
    "name, area_m2, parts",
    [
        ("A1", 1_125_000, 1),  # Voronoi halves of the lower band of a square
        ("A3", 1_750_000, 1),
        ("D1", 2_000_000, 1),  # sole commune: the whole district
        ("C1", 1_000_000, 1),
        ("C2", 1_090_000, 2),  # the island goes to the nearest point's commune
        ("U2", 1_350_000, 1),  # the piece across the notch went to a neighbour
    ],
)
def test_cell_areas_and_parts(cells: gpd.GeoDataFrame, name: str, area_m2: int, parts: int) -> None:
    shape = _metric_shape(cells, name)
    assert shape.area == pytest.approx(area_m2, rel=1e-6)
    assert shapely.get_num_geometries(shape) == parts


def test_stray_point_is_moved_into_its_district(
    cells: gpd.GeoDataFrame, districts: gpd.GeoDataFrame, points: pd.DataFrame
) -> None:
    sites = commune_sites(districts, points).to_numpy()
    district_of = districts.set_index("district_code").geometry
    assert all(
        district_of[code].contains(site)
        for code, site in zip(points.district_code, sites, strict=True)
    )
    assert shapely.contains(cells.geometry.to_numpy(), sites).all()
    stray = _metric_shape(cells, "B2 stray")
    assert stray.bounds[0] == pytest.approx(2000, abs=1e-6)  # starts at the district line


@pytest.mark.parametrize("tolerance_m, decimals", [(0, 6), (20, 5), (200, 5), (500, 4)])
def test_simplified_cells_stay_a_coverage(
    cells: gpd.GeoDataFrame, tolerance_m: float, decimals: int
) -> None:
    simple = simplify_coverage(cells, tolerance_m, decimals)
    geoms = simple.geometry.to_numpy()
    assert simple.crs.to_epsg() == 4326
    assert simple["commune_code"].tolist() == cells["commune_code"].tolist()
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    assert shapely.coverage_is_valid(geoms)
    coords = shapely.get_coordinates(geoms)
    assert (np.round(coords, decimals) == coords).all()


def test_simplify_does_its_best_on_a_messy_file() -> None:
    messy = gpd.GeoDataFrame(
        {"commune_code": ["a", "b", "c", "d"]},
        geometry=[
            _metric(box(0, 0, 1000, 1000)),
            _metric(box(900, 0, 2000, 1000)),  # overlaps "a" by 100 m
            _metric(shapely.Polygon([(0, 2000), (1000, 3000), (1000, 2000), (0, 3000)])),  # bowtie
            None,
        ],
        crs=METRIC_CRS,
    ).to_crs(4326)
    simple = simplify_coverage(messy, 50, 5)
    assert simple["commune_code"].tolist() == ["a", "b", "c", "d"]
    assert simple.geometry.iloc[:3].is_valid.all()
    assert not simple.geometry.iloc[:3].is_empty.any()
    assert simple.geometry.iloc[3] is None


def test_coinciding_points_are_refused(districts: gpd.GeoDataFrame, points: pd.DataFrame) -> None:
    twin = points.iloc[[0]].assign(commune_code="00099", commune_name="A1 twin")
    with pytest.raises(ValueError, match="00099"):
        commune_cells(districts, pd.concat([points, twin], ignore_index=True))
