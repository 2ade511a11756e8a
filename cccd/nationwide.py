"""A SYNTHETIC country: 63 provinces, 705 districts, 10,599 communes, all generated from a seed.

Made to try the app at national scale; nothing in it is real. Names say so ("Tỉnh Mẫu 07",
"Xã Tổng hợp 00123"); codes look like GSO codes (province 2 digits, district 3, commune 5, unique
nationwide, rising with the hierarchy) but are drawn at random. Provinces and districts are
Voronoi cells in an invented outline, warped (cccd.synthetic_land); commune cells are built from
the commune points exactly like the default Hanoi map (cccd.cells.commune_cells). The frames
returned have the columns of the Hanoi reference files, so loaders and the app read them alike.
"""

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cccd import synthetic_land as land
from cccd.cells import GEOGRAPHIC_CRS, METRIC_CRS, commune_cells

SEED = 20231001
PROVINCES, DISTRICTS, COMMUNES = 63, 705, 10_599
MIN_DISTRICTS, MIN_COMMUNES = 4, 5
# Share of communes that are wards (phường) in a province's city, and in a town (thị xã).
CITY_WARDS, TOWN_WARDS = 0.7, 0.5
TOWN_SHARE = 0.08  # districts that are towns (thị xã); each province's first is its city
POPULATION_MEDIAN = {"Phường": 11_000, "Thị trấn": 9_000, "Xã": 7_500}
POPULATION_SIGMA = 0.45
POINT_DECIMALS = 5


@dataclass(frozen=True)
class SyntheticCountry:
    """The generated reference data, in the shapes of the files under geodata/."""

    units: pd.DataFrame
    population: pd.DataFrame
    districts: gpd.GeoDataFrame
    points: pd.DataFrame


def generate(seed: int = SEED) -> SyntheticCountry:
    """The synthetic country for `seed` (same seed, same frames, on any machine)."""
    rng = np.random.default_rng(seed)
    country = land.outline()
    province_xy = land.spread_points(country, PROVINCES, rng)
    province_cells = _cells_in(country, province_xy)
    district_counts = land.split_counts(
        DISTRICTS, rng.uniform(0.6, 1.4, PROVINCES) * shapely.area(province_cells), MIN_DISTRICTS
    )
    district_xy = [
        land.spread_points(cell, n, rng)
        for cell, n in zip(province_cells, district_counts, strict=True)
    ]
    straight = np.concatenate(
        [_cells_in(cell, xy) for cell, xy in zip(province_cells, district_xy, strict=True)]
    )
    district_shapes = land.warp_coverage(straight, seed)
    commune_counts = land.split_counts(COMMUNES, rng.lognormal(0.0, 0.35, DISTRICTS), MIN_COMMUNES)
    units = _units(np.repeat(np.arange(PROVINCES), district_counts), commune_counts, rng)
    districts = _district_frame(units, district_shapes)
    points = _points(units, district_shapes, commune_counts, rng)
    return SyntheticCountry(units, _population(units, rng), districts, points)


def _cells_in(region: shapely.Geometry, xy: np.ndarray) -> np.ndarray:
    """Voronoi cells of the points clipped to `region`, in the order of the points."""
    if len(xy) == 1:
        return np.array([region], dtype=object)
    cells = shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=region, ordered=True)
    return shapely.intersection(shapely.get_parts(cells), region)


def _codes(n: int, top: int, width: int, rng: np.random.Generator) -> list[str]:
    """n distinct sorted codes between 1 and `top`, zero-padded text of `width` digits."""
    numbers = np.sort(rng.choice(np.arange(1, top + 1), n, replace=False))
    return [f"{number:0{width}d}" for number in numbers]


def _units(
    district_province: np.ndarray, commune_counts: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """The unit list: one row per commune, columns as geodata/hanoi_units_2023.csv."""
    province_codes = _codes(PROVINCES, 96, 2, rng)
    district_codes = _codes(DISTRICTS, 999, 3, rng)
    commune_codes = _codes(COMMUNES, 32_999, 5, rng)
    first = np.r_[True, district_province[1:] != district_province[:-1]]
    district_types = np.where(
        first, "Thành phố", np.where(rng.random(DISTRICTS) < TOWN_SHARE, "Thị xã", "Huyện")
    )
    district_of = np.repeat(np.arange(DISTRICTS), commune_counts)
    first_commune = np.r_[True, district_of[1:] != district_of[:-1]]
    draw = rng.random(COMMUNES)
    kind = district_types[district_of]
    commune_types = np.select(
        [
            (kind == "Thành phố") & (draw < CITY_WARDS),
            (kind == "Thị xã") & (draw < TOWN_WARDS),
            (kind == "Huyện") & first_commune,
        ],
        ["Phường", "Phường", "Thị trấn"],
        "Xã",
    )
    province = np.array(province_codes)[district_province][district_of]
    district = np.array(district_codes)[district_of]
    short_district = np.char.add("Mẫu ", district)
    short_commune = np.char.add("Tổng hợp ", np.array(commune_codes))
    return pd.DataFrame(
        {
            "province_code": province,
            "province_name": np.char.add("Tỉnh Mẫu ", province),
            "district_code": district,
            "district_name": np.char.add(
                np.char.add(district_types[district_of], " "), short_district
            ),
            "district_name_short": short_district,
            "district_type": district_types[district_of],
            "commune_code": commune_codes,
            "commune_name": np.char.add(np.char.add(commune_types, " "), short_commune),
            "commune_name_short": short_commune,
            "commune_type": commune_types,
        }
    ).astype(str)


def _population(units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """2019-style population per commune (synthetic), columns as the Hanoi population file."""
    median = units["commune_type"].map(POPULATION_MEDIAN).to_numpy()
    total = np.rint(median * rng.lognormal(0.0, POPULATION_SIGMA, len(units))).astype("int64")
    urban = np.where(units["commune_type"].eq("Xã"), 0, total)
    frame = units[["commune_code", "commune_name", "district_code", "district_name"]].copy()
    frame["pop_total_2019"] = total
    frame["pop_urban_2019"] = urban
    frame["pop_rural_2019"] = total - urban
    return frame


def _district_frame(units: pd.DataFrame, shapes: np.ndarray) -> gpd.GeoDataFrame:
    """District polygons (EPSG:4326) with code, name, type and province code."""
    columns = ["district_code", "district_name", "district_type", "province_code"]
    table = units[columns].drop_duplicates("district_code", ignore_index=True)
    frame = gpd.GeoDataFrame(table, geometry=list(shapes), crs=METRIC_CRS)
    return frame.to_crs(GEOGRAPHIC_CRS)


def _points(
    units: pd.DataFrame, shapes: np.ndarray, counts: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """One point per commune inside its district (lat, lon rounded), as the Hanoi points file."""
    xy = np.concatenate(
        [land.spread_points(shape, n, rng) for shape, n in zip(shapes, counts, strict=True)]
    )
    lonlat = gpd.GeoSeries(gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=METRIC_CRS).to_crs(
        GEOGRAPHIC_CRS
    )
    frame = units[["commune_code", "commune_name", "district_code", "district_name"]].copy()
    frame["lat"] = np.round(lonlat.y.to_numpy(), POINT_DECIMALS)
    frame["lon"] = np.round(lonlat.x.to_numpy(), POINT_DECIMALS)
    return frame


def communes(country: SyntheticCountry) -> gpd.GeoDataFrame:
    """Commune cells (EPSG:4326, unsimplified) grown from the points, as for the Hanoi map."""
    return commune_cells(country.districts, country.points)
