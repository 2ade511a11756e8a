"""A boundary file's coordinates in EPSG:4326, or why they cannot be: not longitude/latitude and
no CRS said, a CRS that cannot be converted, or features outside the active dataset's area."""

import math
from collections.abc import Sequence

import geopandas as gpd
import pyproj.exceptions
import shapely

from cccd.messages import message
from loaders import reference
from loaders.errors import DataFileError

# "usually VN-2000 in a TM-3 zone such as EPSG:9210, or WGS 84 / EPSG:4326"
CRS_HINT = message("error.crs_hint")
# Added on each side of the dataset's district polygons: a file in the right place may reach a
# little past them (other sources, coarser shapes), a file in the wrong CRS lies far away.
AREA_MARGIN_DEGREES = 0.1


def _looks_like_lon_lat(frame: gpd.GeoDataFrame) -> bool:
    west, south, east, north = frame.total_bounds
    if not all(map(math.isfinite, (west, south, east, north))):
        return True  # no coordinates to judge (NaN): the area check below says so
    return -180 <= west <= east <= 180 and -90 <= south <= north <= 90


def to_wgs84(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326; refuse coordinates that cannot be lon/lat or lie outside the
    active dataset's area (area_bounds)."""
    if (frame.crs is None or frame.crs.is_geographic) and not _looks_like_lon_lat(frame):
        _refuse_swapped(frame, source)
        x, y = frame.total_bounds[:2]
        raise DataFileError("error.not_lon_lat", file=source, x=_coordinate(x),
                            y=_coordinate(y), crs_hint=CRS_HINT)  # fmt: skip
    try:
        frame = frame.set_crs(4326) if frame.crs is None else frame.to_crs(4326)
    except (pyproj.exceptions.CRSError, pyproj.exceptions.ProjError) as error:
        raise DataFileError("hostile.crs_unusable", file=source, crs=str(frame.crs.name),
                            crs_hint=CRS_HINT) from error  # fmt: skip
    area = area_bounds()
    bounds = frame.total_bounds
    if not all(map(math.isfinite, bounds)) or not shapely.intersects(
        shapely.box(*bounds), shapely.box(*area)
    ):
        # Coordinates as written in GIS tools (decimal point, no grouping), in every language.
        found = _degrees("", bounds)
        raise DataFileError(
            "error.outside_area", file=source, **found, **_degrees("area_", area), crs_hint=CRS_HINT
        )
    return frame


def _refuse_swapped(frame: gpd.GeoDataFrame, source: str) -> None:
    """Latitude written before longitude (a common export slip): the shapes, swapped back,
    fall in the map's area."""
    south, west, north, east = frame.total_bounds
    lon_lat = -180 <= west <= east <= 180 and -90 <= south <= north <= 90
    if lon_lat and shapely.intersects(
        shapely.box(west, south, east, north), shapely.box(*area_bounds())
    ):
        raise DataFileError("hostile.lat_lon_swapped", file=source)


def _coordinate(value: float) -> str:
    """A coordinate as GIS tools write it; a huge one (1e300) shortened, not 300 digits."""
    return f"{value:.0f}" if abs(value) < 1e9 else f"{value:.3g}"


def area_bounds() -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees: the active dataset's district polygons, with a
    margin of AREA_MARGIN_DEGREES (Hanoi: about 105.19, 20.46, 106.12, 21.49)."""
    west, south, east, north = map(float, reference.districts().total_bounds)
    margin = AREA_MARGIN_DEGREES
    return (west - margin, south - margin, east + margin, north + margin)


def _degrees(prefix: str, bounds: Sequence[float]) -> dict[str, str]:
    west, south, east, north = bounds
    values = {"west": west, "south": south, "east": east, "north": north}
    return {prefix + side: f"{value:.2f}" for side, value in values.items()}
