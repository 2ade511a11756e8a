"""Level of detail: a country-wide map shows districts; a province's communes when it is chosen.

Drawing 10,000 communes at once sends megabytes the eye cannot read at that scale. Above
OVERVIEW_ABOVE communes, the whole-area view colours district polygons (dissolved from the
communes, so they match the commune map exactly) by the district's own completion, and draws
province lines instead of district lines; choosing a province sends its communes only. A map of
one city (Hanoi's 579 communes) stays as it is: every commune, every district line.
"""

import html

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cccd import mapview
from cccd.cells import simplify_coverage
from cccd.i18n import Translator

OVERVIEW_ABOVE = 2_000  # communes; more than this and the whole-area view shows districts
# Outlines at country scale (~1 km per pixel at zoom 6): 400 m drops nothing a reader sees.
OVERVIEW_TOLERANCE_M = 400.0
OVERVIEW_DECIMALS = 4


def needs_overview(communes: int) -> bool:
    """Whether a map of this many communes shows districts until a province is chosen."""
    return communes > OVERVIEW_ABOVE


def dissolve(shapes: gpd.GeoDataFrame, key: str) -> gpd.GeoDataFrame:
    """One polygon per `key` value from a coverage, in code order (coverage union: no slivers)."""
    usable = shapes[~(shapes.geometry.is_empty | shapes.geometry.isna())]
    groups = usable.groupby(key, sort=True).geometry
    parts = [shapely.coverage_union_all(geoms.to_numpy()) for _, geoms in groups]
    return gpd.GeoDataFrame({key: list(groups.groups)}, geometry=parts, crs=shapes.crs).reset_index(
        drop=True
    )


def overview_shapes(
    communes: gpd.GeoDataFrame, units: pd.DataFrame, key: str = "district_code"
) -> gpd.GeoDataFrame:
    """District (or province, key="province_code") polygons dissolved from the commune map,
    simplified for the country view, with their name."""
    codes = units[["commune_code", key]]
    joined = communes[["commune_code", "geometry"]].merge(codes, on="commune_code")
    light = simplify_coverage(dissolve(joined, key), OVERVIEW_TOLERANCE_M, OVERVIEW_DECIMALS)
    name = key.replace("_code", "_name")
    names = units[[key, name]].drop_duplicates(key)
    return light.merge(names, on=key, how="left")


def district_progress(communes: pd.DataFrame, province_names: pd.Series) -> pd.DataFrame:
    """Per district, from a commune_progress frame: target, delivered, activated, completion,
    activation, communes and communes at target, at_target (every commune at target), the
    earliest last report, and the province name (province_names: district_code → name)."""
    groups = communes.groupby("district_code", sort=True)
    frame = groups.agg(
        district_name=("district_name", "first"),
        target=("target", "sum"),
        delivered=("delivered", "sum"),
        activated=("activated", "sum"),
        communes=("commune_code", "size"),
        communes_at_target=("at_target", "sum"),
        at_target=("at_target", "all"),
        activation_at_target=("activation_at_target", "all"),
        last_report=("last_report", "min"),
    )
    target = frame["target"].where(frame["target"] > 0)
    frame["completion"] = frame["delivered"] / target
    frame["activation"] = frame["activated"] / target
    frame["province_name"] = province_names.reindex(frame.index).to_numpy()
    return frame.reset_index()


def overview_features(
    t: Translator, shapes: gpd.GeoDataFrame, districts: pd.DataFrame, metric: str = "delivered"
) -> gpd.GeoDataFrame:
    """District shapes with their figures and tooltip text, in the columns commune_layer draws
    (label: district, district_name: its province). commune_code is empty: a click on a
    district selects no commune."""
    joined = shapes[["district_code", "geometry"]].merge(
        districts, on="district_code", how="left", validate="one_to_one"
    )
    joined["commune_code"] = ""
    joined["label"] = joined["district_name"].fillna(joined["district_code"]).map(html.escape)
    joined["district_name"] = joined["province_name"].fillna("").map(html.escape)
    return mapview.figure_columns(t, joined, metric).set_index("district_code", drop=False)


def in_scope(features: gpd.GeoDataFrame, units: pd.DataFrame, province: str) -> np.ndarray:
    """Mask of the features (indexed by commune code) whose commune is in `province`."""
    codes = units.loc[units["province_code"] == province, "commune_code"]
    return features.index.isin(codes)
