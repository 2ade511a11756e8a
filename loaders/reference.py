"""Reference data shipped in geodata/: the official unit list, census, district polygons.

Codes are read as text from the first read ("00001", "001") and never padded later.
"""

from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
UNITS_CSV = GEODATA / "hanoi_units_2023.csv"
POPULATION_CSV = GEODATA / "hanoi_population_2019_by_commune_2023.csv"
DISTRICTS_GEOJSON = GEODATA / "hanoi_districts_2023.geojson"
POINTS_CSV = GEODATA / "hanoi_commune_points_2023.csv"
DEFAULT_COMMUNES_GEOJSON = GEODATA / "hanoi_communes_approx_2023.geojson"

_CODES = {"province_code": str, "district_code": str, "commune_code": str}


@cache
def units() -> pd.DataFrame:
    """The official 2023 list: 579 communes with district and commune codes, names and types."""
    return pd.read_csv(UNITS_CSV, dtype=str)


@cache
def population() -> pd.DataFrame:
    """2019 census population per 2023 commune (pop_total_2019 etc. as integers)."""
    return pd.read_csv(POPULATION_CSV, dtype=_CODES)


@cache
def commune_points() -> pd.DataFrame:
    """One approximate point (lat, lon) per commune, after GADM locations (no geometry)."""
    return pd.read_csv(POINTS_CSV, dtype=_CODES)


@cache
def districts() -> gpd.GeoDataFrame:
    """The 30 district polygons (EPSG:4326), keyed by district_code."""
    frame = gpd.read_file(DISTRICTS_GEOJSON, columns=["district_code", "district_name"])
    return frame.set_crs(4326, allow_override=True)


@cache
def default_communes() -> gpd.GeoDataFrame:
    """The embedded approximate commune map built by geodata/build_default_map.py."""
    frame = gpd.read_file(DEFAULT_COMMUNES_GEOJSON)
    frame["commune_code"] = frame["commune_code"].astype(str)
    return frame.set_crs(4326, allow_override=True)
