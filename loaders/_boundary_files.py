"""Read a user's boundary file (shapefile, zipped shapefile, GeoPackage, GeoJSON) into EPSG:4326."""

import io
import re
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd
import pyogrio
import pyogrio.errors
import pyproj.exceptions
import shapely
import shapely.errors

from cccd.messages import Message, message
from loaders import reference
from loaders._boundary_checks import (
    check_shapefile,
    geojson_bytes,
    geojson_problem,
    geopackage_problem,
    refuse_other_content,
    where,
)
from loaders._boundary_crs import (  # noqa: F401 - area_bounds: public here too
    CRS_HINT,
    area_bounds,
    to_wgs84,
)
from loaders._boundary_zip import boundary_in, unpack
from loaders._dbf_text import TextChoice, decode_text
from loaders.errors import DataFileError, listing

# ".zip (a zipped shapefile), .shp (with its .shx, .dbf and .prj), .gpkg, .geojson, .json"
ACCEPTED = message("error.boundary_formats")
FORMATS = (".shp", ".gpkg", ".geojson", ".json")  # read as they are; a .zip is unpacked first
_READ_ERRORS = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError,
    pyogrio.errors.FeatureError,
    pyogrio.errors.CRSError,
)
# What GDAL, GEOS, PROJ and the file system raise on a file no check above foresaw.
_LIBRARY_ERRORS = (
    *_READ_ERRORS,
    shapely.errors.GEOSException,
    pyproj.exceptions.CRSError,
    pyproj.exceptions.ProjError,
    OSError,
    UnicodeError,
)


@dataclass(frozen=True)
class Features:
    """A boundary file's features and, for a .dbf without .cpg, the encoding chosen for it."""

    frame: gpd.GeoDataFrame
    text: TextChoice | None = None
    rings_closed: int = 0  # polygons whose ring was not closed (GEOS refuses them), closed
    decisions: tuple[Message, ...] = ()  # the GeoPackage layer chosen among several


def read_features(path: Path) -> Features:
    """All features of a boundary file, in EPSG:4326, polygons only (not yet repaired)."""
    if path.is_dir():
        raise DataFileError("hostile.folder", file=path.name, accepted=ACCEPTED)
    if not path.is_file():
        raise DataFileError("error.no_such_file", path=str(path))
    if path.stat().st_size == 0:
        raise DataFileError("error.boundary_empty", file=path.name)
    suffix = path.suffix.lower()
    if suffix not in (".zip", *FORMATS):
        raise DataFileError(
            "error.boundary_extension",
            file=path.name,
            extension=path.suffix or message("error.no_extension_shown"),
            accepted=ACCEPTED,
        )
    try:
        with warnings.catch_warnings():
            # GDAL's warnings name the temporary folder a zip was unpacked into; GEOS's
            # ("invalid value encountered") are about shapes repaired or refused below.
            warnings.filterwarnings("ignore", category=RuntimeWarning)
            return _features(path, suffix)
    except _LIBRARY_ERRORS as error:  # none should get here; if one does, no raw text shown
        raise DataFileError("error.boundary_unreadable", file=path.name,
                            problem=message("hostile.reason.unknown"),
                            accepted=ACCEPTED) from error  # fmt: skip


def _features(path: Path, suffix: str) -> Features:
    if suffix != ".zip":
        found = _read_file(path, path.name)
    else:
        with tempfile.TemporaryDirectory(prefix="boundaries-") as folder:
            found = _read_file(_file_in_zip(path, Path(folder)), path.name)
    frame = to_wgs84(_check_polygons(found.frame, path.name), path.name)
    return replace(found, frame=frame)


def _read_file(path: Path, source: str) -> Features:
    """The features of a .shp/.gpkg/.geojson as written (any CRS); source is the name the user
    gave (the zip's, for a file inside one)."""
    suffix = path.suffix.lower()
    if suffix == ".shp":
        frame, text, fixed = _read_shapefile(path, source)
        return Features(frame, text, fixed)
    if suffix == ".gpkg":
        layer, decisions = _polygon_layer(path, source)
        frame, fixed = _read(path, source, layer=layer)
        return Features(frame, None, fixed, decisions)
    refuse_other_content(path, source, message("hostile.expected.geojson"))
    frame, fixed = _read(geojson_bytes(path) or path, source)
    return Features(frame, None, fixed)


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


def _read(path: Path | bytes, source: str, **options: object) -> tuple[gpd.GeoDataFrame, int]:
    """(features, how many rings had to be closed); a file GDAL cannot read is explained by
    what is wrong with it (loaders._boundary_checks), never by GDAL's text."""
    try:
        return _read_fixing(path, **options)
    except _READ_ERRORS as error:
        raise _why_unreadable(path, source) from error
    except UnicodeDecodeError as error:  # attribute text in another encoding than it says
        raise DataFileError("hostile.text_encoding", file=source) from error


def _read_fixing(path: Path | bytes, **options: object) -> tuple[gpd.GeoDataFrame, int]:
    """Read; a ring that is not closed (GEOS refuses it) is closed, as GIS programs do."""
    with warnings.catch_warnings():
        # GeoJSON properties mixing numbers and text stay text, which is what codes need.
        warnings.filterwarnings("ignore", "Could not parse column", UserWarning)
        if isinstance(path, bytes):
            return _frame(path, options)
        with _gdal_safe(path) as readable:
            return _frame(readable, options)


def _frame(readable: Path | bytes, options: dict) -> tuple[gpd.GeoDataFrame, int]:
    source = io.BytesIO(readable) if isinstance(readable, bytes) else readable
    try:
        return gpd.read_file(source, engine="pyogrio", **options), 0
    except shapely.errors.GEOSException:
        fixed = gpd.read_file(source, engine="pyogrio", on_invalid="fix", **options)
        dropped = gpd.read_file(source, engine="pyogrio", on_invalid="ignore", **options)
        closed = int((dropped.geometry.isna() & fixed.geometry.notna()).sum())
        return fixed, closed


def _why_unreadable(path: Path | bytes, source: str) -> DataFileError:
    if isinstance(path, bytes):
        return DataFileError("hostile.json_features", file=source)
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return geojson_problem(path, source)
    if suffix == ".gpkg":
        return geopackage_problem(path, source)
    if suffix == ".shp":  # its header, length and sidecars were checked: the records are not
        return DataFileError("hostile.shapefile_damaged", file=where(path.name, source))
    return DataFileError("error.boundary_unreadable", file=source,
                         problem=message("hostile.reason.unknown"), accepted=ACCEPTED)  # fmt: skip


def _file_in_zip(path: Path, folder: Path) -> Path:
    """Unpack a zip into folder and return the one .shp (or GeoJSON/GeoPackage) inside."""
    members = unpack(path, folder, path.name)
    found = boundary_in(folder, members, path.name)
    if len(found) == 1:
        return found[0]
    for shp in found:
        check_shapefile(shp, path.name)
    polygons = [p for p in found if "Polygon" in _geometry_type(p, path.name)]
    if len(polygons) == 1:
        return polygons[0]
    held = listing([m.filename for m in members if not m.is_dir()], message("error.nothing"))
    raise DataFileError(
        "error.zip_several_shapefiles", file=path.name, count=len(found), files=held
    )


def _geometry_type(shp: Path, source: str) -> str:
    try:
        with _gdal_safe(shp) as readable:
            return str(pyogrio.read_info(readable)["geometry_type"])
    except _READ_ERRORS as error:
        raise _why_unreadable(shp, source) from error


def _sidecar(shp: Path, suffix: str) -> Path | None:
    found = [p for p in shp.parent.glob(f"{shp.stem}.*") if p.suffix.lower() == suffix]
    return found[0] if found else None


def _read_shapefile(shp: Path, source: str) -> tuple[gpd.GeoDataFrame, TextChoice | None, int]:
    check_shapefile(shp, source)
    if _sidecar(shp, ".prj") is None:
        if source == shp.name:
            raise DataFileError("error.no_prj", file=shp.name, crs_hint=CRS_HINT)
        raise DataFileError("error.no_prj_in", file=shp.name, archive=source, crs_hint=CRS_HINT)
    if _sidecar(shp, ".cpg") is not None:
        frame, fixed = _read(shp, source)
        return frame, None, fixed
    # Without a .cpg GDAL assumes Latin-1: read it so (every byte kept as one character) and
    # decode the text in the encoding under which its names match the official list.
    frame, fixed = _read(shp, source, encoding="latin1")
    return (*decode_text(frame, reference.units()), fixed)


def _polygon_layer(path: Path, source: str) -> tuple[str, tuple[Message, ...]]:
    """The GeoPackage layer of polygons: the only one, else the one with the most features
    (communes outnumber districts, said as a decision); DataFileError when none, or two tie."""
    try:
        with _gdal_safe(path) as readable:
            layers = pyogrio.list_layers(readable)
            polygons = [
                (str(name), pyogrio.read_info(readable, layer=str(name))["features"])
                for name, kind in layers
                if kind and "Polygon" in kind
            ]
    except _READ_ERRORS as error:
        raise geopackage_problem(path, source) from error
    polygons.sort(key=lambda item: -item[1])
    if len(polygons) == 1:
        return polygons[0][0], ()
    if len(polygons) > 1 and polygons[0][1] > polygons[1][1]:
        (name, count), others = polygons[0], ", ".join(f"'{n}' ({c})" for n, c in polygons[1:])
        said = message("hostile.decision.layer", layer=name, count=count, others=others)
        return name, (said,)
    shown = [
        message("error.layer", name=str(name), kind=kind or message("error.no_geometry"))
        for name, kind in layers
    ]
    key = "hostile.gpkg_layers_tie" if polygons else "error.gpkg_no_polygons"
    raise DataFileError(key, file=source, layers=listing(shown, message("error.none")))


def _check_polygons(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    if frame.empty:
        raise DataFileError("error.no_features", file=source)
    shaped = frame.geometry.notna() & ~frame.geometry.is_empty
    kinds = frame.geom_type[shaped]
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
