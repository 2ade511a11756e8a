"""Read a user's boundary file (shapefile, zipped shapefile, GeoPackage, GeoJSON) into EPSG:4326."""

import tempfile
import warnings
import zipfile
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pyogrio
import pyogrio.errors
import shapely

from loaders.errors import DataFileError

ACCEPTED = ".zip (a zipped shapefile), .shp (with its .shx, .dbf and .prj), .gpkg, .geojson, .json"
CRS_HINT = "for Hanoi usually VN-2000 / EPSG:9210 or WGS 84 / EPSG:4326"
HANOI_BOUNDS = (105.2, 20.5, 106.1, 21.5)  # lon/lat box around the city, with a margin
MAX_UNZIPPED_BYTES = 1_000_000_000
_READ_ERRORS = (
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError,
    pyogrio.errors.FeatureError,
    pyogrio.errors.CRSError,
)


def read_features(path: Path) -> gpd.GeoDataFrame:
    """All features of a boundary file, in EPSG:4326, polygons only (not yet repaired)."""
    if not path.is_file():
        raise DataFileError(f"{path}: no such file. Check the path.")
    if path.stat().st_size == 0:
        raise DataFileError(f"{path.name} is empty (0 bytes). Export or download it again.")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with tempfile.TemporaryDirectory(prefix="boundaries-") as folder:
            frame = _read_shapefile(_shapefile_in_zip(path, Path(folder)), path.name)
    elif suffix == ".shp":
        frame = _read_shapefile(path, path.name)
    elif suffix == ".gpkg":
        frame = _read(path, path.name, layer=_polygon_layer(path))
    elif suffix in (".geojson", ".json"):
        frame = _read(path, path.name)
    else:
        raise DataFileError(
            f"{path.name}: '{path.suffix or '(no extension)'}' files are not supported. "
            f"Give one of: {ACCEPTED}."
        )
    return _to_wgs84(_check_polygons(frame, path.name), path.name)


def _read(path: Path, source: str, **options: object) -> gpd.GeoDataFrame:
    try:
        with warnings.catch_warnings():
            # GeoJSON properties mixing numbers and text stay text, which is what codes need.
            warnings.filterwarnings("ignore", "Could not parse column", UserWarning)
            return gpd.read_file(path, engine="pyogrio", **options)
    except _READ_ERRORS as error:
        raise DataFileError(
            f"{source} could not be read ({error}). Check that the file is complete and "
            f"is one of: {ACCEPTED}."
        ) from error


def _safe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return not (name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]))


def _shapefile_in_zip(path: Path, folder: Path) -> Path:
    """Extract a zip into folder, refusing unsafe entries, and return the one .shp inside."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise DataFileError(f"{path.name} is not a valid zip file. Zip it again.") from error
    with archive:
        members = archive.infolist()
        unsafe = [m.filename for m in members if not _safe_member(m.filename)]
        if unsafe:
            raise DataFileError(
                f"{path.name} was refused: entries {unsafe} point outside the archive. "
                "Zip the shapefile's files themselves (.shp, .shx, .dbf, .prj, .cpg)."
            )
        if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
            raise DataFileError(f"{path.name} unpacks to more than 1 GB; zip only the shapefile.")
        archive.extractall(folder)
    shapefiles = sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".shp")
    polygons = [p for p in shapefiles if "Polygon" in str(pyogrio.read_info(p)["geometry_type"])]
    if len(shapefiles) == 1 or len(polygons) == 1:
        return (polygons or shapefiles)[0]
    listing = ", ".join(m.filename for m in members if not m.is_dir()) or "nothing"
    if not shapefiles:
        raise DataFileError(
            f"{path.name} holds no shapefile (.shp); it holds: {listing}. Zip the .shp together "
            "with its .shx, .dbf and .prj files."
        )
    raise DataFileError(
        f"{path.name} holds {len(shapefiles)} shapefiles ({listing}); zip only the one with "
        "the commune polygons."
    )


def _sidecar(shp: Path, suffix: str) -> Path | None:
    found = [p for p in shp.parent.glob(f"{shp.stem}.*") if p.suffix.lower() == suffix]
    return found[0] if found else None


def _read_shapefile(shp: Path, source: str) -> gpd.GeoDataFrame:
    if _sidecar(shp, ".prj") is None:
        where = "" if source == shp.name else f" (in {source})"
        raise DataFileError(
            f"{shp.name}{where} has no .prj file, so its coordinate system is unknown. "
            "Add the .prj that came with the file, or re-export it with a CRS "
            f"({CRS_HINT})."
        )
    if _sidecar(shp, ".cpg") is None:
        # Without a .cpg GDAL assumes Latin-1, which garbles the Vietnamese names most tools
        # write in UTF-8; try UTF-8 first and fall back when the bytes are not UTF-8.
        try:
            return gpd.read_file(shp, engine="pyogrio", encoding="utf-8")
        except (UnicodeDecodeError, *_READ_ERRORS):
            pass
    return _read(shp, source)


def _polygon_layer(path: Path) -> str:
    try:
        layers = pyogrio.list_layers(path)
    except _READ_ERRORS as error:
        raise DataFileError(f"{path.name} is not a readable GeoPackage ({error}).") from error
    for name, geometry_type in layers:
        if geometry_type and "Polygon" in geometry_type:
            return str(name)
    listing = ", ".join(f"{name} ({kind or 'no geometry'})" for name, kind in layers) or "none"
    raise DataFileError(
        f"{path.name} has no polygon layer (layers: {listing}). Save the commune polygons "
        "into the GeoPackage."
    )


def _looks_like_lon_lat(frame: gpd.GeoDataFrame) -> bool:
    west, south, east, north = frame.total_bounds
    return -180 <= west <= east <= 180 and -90 <= south <= north <= 90


def _to_wgs84(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326; refuse coordinates that cannot be lon/lat or lie outside Hanoi."""
    if frame.geometry.notna().any() and not frame.geometry.is_empty.all():
        if (frame.crs is None or frame.crs.is_geographic) and not _looks_like_lon_lat(frame):
            x, y = frame.total_bounds[:2]
            raise DataFileError(
                f"{source}: coordinates such as ({x:.0f}, {y:.0f}) are not longitude/latitude, "
                "but the file does not say which projected coordinate system they are in. "
                f"Re-export it with its CRS ({CRS_HINT})."
            )
    frame = frame.set_crs(4326) if frame.crs is None else frame.to_crs(4326)
    if len(frame) and not shapely.intersects(shapely.box(*frame.total_bounds), _hanoi_box()):
        west, south, east, north = frame.total_bounds
        raise DataFileError(
            f"{source}: the features lie at longitude {west:.2f}–{east:.2f}, latitude "
            f"{south:.2f}–{north:.2f}, outside Hanoi. The coordinate system in the file is "
            f"probably wrong; re-export it with the right one ({CRS_HINT})."
        )
    return frame


def _hanoi_box() -> shapely.Polygon:
    return shapely.box(*HANOI_BOUNDS)


def _check_polygons(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    if frame.empty:
        raise DataFileError(f"{source} holds no features. Export the commune polygons into it.")
    kinds = frame.geom_type.dropna()
    others = sorted(set(kinds) - {"Polygon", "MultiPolygon"})
    if others or kinds.empty:
        raise DataFileError(
            f"{source} holds {', '.join(others) or 'no'} geometries; a boundary file must hold "
            "the communes as polygons. Export the commune polygon layer instead."
        )
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
