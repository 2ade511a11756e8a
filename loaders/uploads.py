"""Boundary files uploaded through the browser: saved to a temporary folder, then loaded."""

import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pandas as pd

from cccd.cells import simplify_coverage
from cccd.messages import message
from loaders import reference
from loaders._boundary_columns import NO_COLUMN
from loaders.boundaries import BoundaryLoad, load_boundaries
from loaders.errors import DataFileError, listing

MAIN_SUFFIXES = (".zip", ".gpkg", ".geojson", ".json", ".shp")
SHAPEFILE_PARTS = (".shx", ".dbf")  # without these GDAL cannot read a .shp; .prj: see loader
# Coarser than the default map's 20 m: an official file has far more vertices, and the stored
# GeoJSON goes to the browser on every map view.
TOLERANCE_M = 30.0


def load_boundary_upload(
    files: Sequence[tuple[str, bytes]],
    *,
    fields: Mapping[str, str] | None = None,
    allow_partial: bool = False,
) -> BoundaryLoad:
    """Load uploaded (name, content) pairs: one zip, GeoPackage or GeoJSON, or a .shp + sidecars;
    fields and allow_partial as in load_boundaries."""
    with tempfile.TemporaryDirectory(prefix="cccd-upload-") as folder:
        paths = []
        for position, (name, content) in enumerate(files):
            path = Path(folder) / _file_name(name, position)
            path.write_bytes(content)
            paths.append(path)
        main = _main_file(paths)
        if main.suffix.lower() == ".shp":
            _require_shapefile_parts(main, paths)
        return load_boundaries(main, fields=fields, allow_partial=allow_partial)


def upload_signature(files: Sequence[tuple[str, bytes]]) -> str:
    """A short fingerprint of uploaded (name, content) pairs: the same files, the same text."""
    digest = hashlib.sha256()
    for name, content in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()[:16]


def chosen_fields(detected: Mapping[str, str], chosen: Mapping[str, str | None]) -> dict[str, str]:
    """The fields to load with: none while every choice is the detected column; once one
    differs, every role as chosen (NO_COLUMN where none), so what is shown is what is used."""
    wanted = {role: column or NO_COLUMN for role, column in chosen.items()}
    if all(column == detected.get(role, NO_COLUMN) for role, column in wanted.items()):
        return {}
    return wanted


def columns_of(problem: DataFileError) -> list[str]:
    """The attribute columns of a file that was read but not matched (for choosing columns)."""
    return [str(column) for column in problem.message.params.get("attribute_columns", ())]


def _file_name(name: str, position: int) -> str:
    """The last part of an uploaded name, so "../x.shp" or "C:\\x.shp" stays in the folder."""
    last = PurePosixPath(name.replace("\\", "/").replace("\0", "")).name
    # "", "." and ".." would name the folder itself or its parent.
    return last if last not in ("", ".", "..") else f"upload-{position + 1}"


def _main_file(paths: Sequence[Path]) -> Path:
    mains = [path for path in paths if path.suffix.lower() in MAIN_SUFFIXES]
    if len(mains) == 1:
        return mains[0]
    names = listing([path.name for path in paths], message("error.nothing"))
    if not mains:
        raise DataFileError("error.upload_no_boundary_file", files=names)
    raise DataFileError("error.upload_several", files=names)


def _require_shapefile_parts(shp: Path, paths: Sequence[Path]) -> None:
    """Name the sidecars a .shp came without (GDAL's own message shows our temporary path)."""
    present = {path.suffix.lower() for path in paths if path.stem == shp.stem}
    missing = [f"{shp.stem}{suffix}" for suffix in SHAPEFILE_PARTS if suffix not in present]
    if missing:
        raise DataFileError("error.upload_without_parts", file=shp.name, missing=", ".join(missing))


def geojson_for_store(communes: gpd.GeoDataFrame) -> str:
    """The matched communes, simplified as a coverage and rounded, as GeoJSON text to store."""
    keep = communes[["commune_code", "commune_name", "district_code", "geometry"]]
    return simplify_coverage(keep, TOLERANCE_M, decimals=5).to_json(drop_id=True)


def missing_communes(codes: Sequence[str]) -> pd.DataFrame:
    """commune_code, commune_name, district_name of official communes, in the order given."""
    units = reference.units().set_index("commune_code")
    return units.loc[list(codes), ["commune_name", "district_name"]].reset_index()
