"""Read a user's boundary file (shapefile, zipped shapefile, GeoPackage, GeoJSON) into EPSG:4326."""

import re
import tempfile
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pyogrio
import pyogrio.errors
import shapely

from cccd.messages import message
from loaders import reference
from loaders._dbf_text import TextChoice, decode_text
from loaders.errors import DataFileError, listing

# ".zip (a zipped shapefile), .shp (with its .shx, .dbf and .prj), .gpkg, .geojson, .json"
ACCEPTED = message("error.boundary_formats")
# "usually VN-2000 in a TM-3 zone such as EPSG:9210, or WGS 84 / EPSG:4326"
CRS_HINT = message("error.crs_hint")
# Added on each side of the dataset's district polygons: a file in the right place may reach a
# little past them (other sources, coarser shapes), a file in the wrong CRS lies far away.
AREA_MARGIN_DEGREES = 0.1
MAX_UNZIPPED_BYTES = 1_000_000_000
_READ_ERRORS = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError,
    pyogrio.errors.FeatureError,
    pyogrio.errors.CRSError,
)


@dataclass(frozen=True)
class Features:
    """A boundary file's features and, for a .dbf without .cpg, the encoding chosen for it."""

    frame: gpd.GeoDataFrame
    text: TextChoice | None = None


def read_features(path: Path) -> Features:
    """All features of a boundary file, in EPSG:4326, polygons only (not yet repaired)."""
    if not path.is_file():
        raise DataFileError("error.no_such_file", path=str(path))
    if path.stat().st_size == 0:
        raise DataFileError("error.boundary_empty", file=path.name)
    suffix, text = path.suffix.lower(), None
    if suffix == ".zip":
        with tempfile.TemporaryDirectory(prefix="boundaries-") as folder:
            frame, text = _read_shapefile(_shapefile_in_zip(path, Path(folder)), path.name)
    elif suffix == ".shp":
        frame, text = _read_shapefile(path, path.name)
    elif suffix == ".gpkg":
        frame = _read(path, path.name, layer=_polygon_layer(path))
    elif suffix in (".geojson", ".json"):
        frame = _read(path, path.name)
    else:
        raise DataFileError(
            "error.boundary_extension",
            file=path.name,
            extension=path.suffix or message("error.no_extension_shown"),
            accepted=ACCEPTED,
        )
    return Features(_to_wgs84(_check_polygons(frame, path.name), path.name), text)


# GDAL reads "!" (and a few other characters) in a path as an archive separator or option:
# "a!b.geojson" became "b.geojson: No such file". Such files are read through a plain link.
_GDAL_UNSAFE = re.compile(r"[!?#*\[\]{}]")


@contextmanager
def _gdal_safe(path: Path) -> Iterator[Path]:
    """path itself, or a link to it (and to its sidecars) under a name GDAL reads literally."""
    if not _GDAL_UNSAFE.search(str(path.resolve())):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="boundary-name-") as folder:
        for sibling in path.parent.glob("*"):
            if sibling.stem == path.stem and sibling.is_file():
                (Path(folder) / f"boundary{sibling.suffix}").symlink_to(sibling.resolve())
        yield Path(folder) / f"boundary{path.suffix}"


def _read(path: Path, source: str, **options: object) -> gpd.GeoDataFrame:
    try:
        with warnings.catch_warnings():
            # GeoJSON properties mixing numbers and text stay text, which is what codes need.
            warnings.filterwarnings("ignore", "Could not parse column", UserWarning)
            with _gdal_safe(path) as readable:
                return gpd.read_file(readable, engine="pyogrio", **options)
    except _READ_ERRORS as error:
        raise DataFileError(
            "error.boundary_unreadable", file=source, problem=str(error), accepted=ACCEPTED
        ) from error


def _safe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return not (name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]))


def _shapefile_in_zip(path: Path, folder: Path) -> Path:
    """Extract a zip into folder, refusing unsafe entries, and return the one .shp inside."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise DataFileError("error.zip_invalid", file=path.name) from error
    with archive:
        members = archive.infolist()
        unsafe = [m.filename for m in members if not _safe_member(m.filename)]
        if unsafe:
            raise DataFileError("error.zip_unsafe", file=path.name, entries=str(unsafe))
        if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
            raise DataFileError(
                "error.zip_too_large", file=path.name, limit=MAX_UNZIPPED_BYTES // 1_000_000_000
            )
        archive.extractall(folder)
    shapefiles = sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".shp")
    polygons = [p for p in shapefiles if "Polygon" in _geometry_type(p)]
    if len(shapefiles) == 1 or len(polygons) == 1:
        return (polygons or shapefiles)[0]
    held = listing([m.filename for m in members if not m.is_dir()], message("error.nothing"))
    if not shapefiles:
        raise DataFileError("error.zip_no_shapefile", file=path.name, files=held)
    raise DataFileError(
        "error.zip_several_shapefiles", file=path.name, count=len(shapefiles), files=held
    )


def _geometry_type(shp: Path) -> str:
    with _gdal_safe(shp) as readable:
        return str(pyogrio.read_info(readable)["geometry_type"])


def _sidecar(shp: Path, suffix: str) -> Path | None:
    found = [p for p in shp.parent.glob(f"{shp.stem}.*") if p.suffix.lower() == suffix]
    return found[0] if found else None


def _read_shapefile(shp: Path, source: str) -> tuple[gpd.GeoDataFrame, TextChoice | None]:
    if _sidecar(shp, ".prj") is None:
        if source == shp.name:
            raise DataFileError("error.no_prj", file=shp.name, crs_hint=CRS_HINT)
        raise DataFileError("error.no_prj_in", file=shp.name, archive=source, crs_hint=CRS_HINT)
    if _sidecar(shp, ".cpg") is not None:
        return _read(shp, source), None
    # Without a .cpg GDAL assumes Latin-1: read it so (every byte kept as one character) and
    # decode the text in the encoding under which its names match the official list.
    return decode_text(_read(shp, source, encoding="latin1"), reference.units())


def _polygon_layer(path: Path) -> str:
    try:
        with _gdal_safe(path) as readable:
            layers = pyogrio.list_layers(readable)
    except _READ_ERRORS as error:
        raise DataFileError("error.gpkg_unreadable", file=path.name, problem=str(error)) from error
    for name, geometry_type in layers:
        if geometry_type and "Polygon" in geometry_type:
            return str(name)
    shown = [
        message("error.layer", name=str(name), kind=kind or message("error.no_geometry"))
        for name, kind in layers
    ]
    raise DataFileError(
        "error.gpkg_no_polygons", file=path.name, layers=listing(shown, message("error.none"))
    )


def _looks_like_lon_lat(frame: gpd.GeoDataFrame) -> bool:
    west, south, east, north = frame.total_bounds
    return -180 <= west <= east <= 180 and -90 <= south <= north <= 90


def _to_wgs84(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326; refuse coordinates that cannot be lon/lat or lie outside the
    active dataset's area (area_bounds)."""
    if frame.geometry.notna().any() and not frame.geometry.is_empty.all():
        if (frame.crs is None or frame.crs.is_geographic) and not _looks_like_lon_lat(frame):
            x, y = frame.total_bounds[:2]
            raise DataFileError(
                "error.not_lon_lat", file=source, x=f"{x:.0f}", y=f"{y:.0f}", crs_hint=CRS_HINT
            )
    frame = frame.set_crs(4326) if frame.crs is None else frame.to_crs(4326)
    area = area_bounds()
    if len(frame) and not shapely.intersects(shapely.box(*frame.total_bounds), shapely.box(*area)):
        # Coordinates as written in GIS tools (decimal point, no grouping), in every language.
        found = _degrees("", frame.total_bounds)
        raise DataFileError(
            "error.outside_area", file=source, **found, **_degrees("area_", area), crs_hint=CRS_HINT
        )
    return frame


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


def _check_polygons(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    if frame.empty:
        raise DataFileError("error.no_features", file=source)
    kinds = frame.geom_type.dropna()
    others = sorted(set(kinds) - {"Polygon", "MultiPolygon"})
    if others:
        raise DataFileError("error.not_polygons", file=source, kinds=", ".join(others))
    if kinds.empty:
        raise DataFileError("error.no_geometries", file=source)
    return frame


def repair_geometries(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    """(frame with 2-D valid polygons, how many were invalid and repaired with make_valid)."""
    geometry = shapely.force_2d(frame.geometry.values)
    invalid = ~shapely.is_valid(geometry) & ~shapely.is_missing(geometry)
    geometry[invalid] = shapely.make_valid(
        geometry[invalid], method="structure", keep_collapsed=False
    )
    return frame.set_geometry(gpd.GeoSeries(geometry, index=frame.index, crs=frame.crs)), int(
        invalid.sum()
    )
