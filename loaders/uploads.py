"""Boundary files uploaded through the browser: saved to a temporary folder, then loaded."""

import tempfile
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd

from cccd.cells import simplify_coverage
from loaders.boundaries import BoundaryLoad, load_boundaries
from loaders.errors import DataFileError

MAIN_SUFFIXES = (".zip", ".gpkg", ".geojson", ".json", ".shp")
# Same simplification as the default map: keeps the browser payload small (TECH_NOTES.md).
TOLERANCE_M = 30.0


def load_boundary_upload(files: Sequence[tuple[str, bytes]]) -> BoundaryLoad:
    """Load uploaded (name, content) pairs: one zip, GeoPackage or GeoJSON, or a .shp + sidecars."""
    with tempfile.TemporaryDirectory(prefix="cccd-upload-") as folder:
        paths = []
        for name, content in files:
            # Only the last part of a name: an upload called "../x.shp" stays in the folder.
            path = Path(folder) / Path(name).name
            path.write_bytes(content)
            paths.append(path)
        return load_boundaries(_main_file(paths))


def _main_file(paths: Sequence[Path]) -> Path:
    mains = [path for path in paths if path.suffix.lower() in MAIN_SUFFIXES]
    if len(mains) == 1:
        return mains[0]
    names = ", ".join(path.name for path in paths) or "nothing"
    if not mains:
        raise DataFileError(
            f"None of the uploaded files ({names}) is a boundary file. Upload a .zip of a "
            "shapefile, a .shp with its .shx, .dbf and .prj, a .gpkg or a .geojson."
        )
    raise DataFileError(
        f"Several boundary files were uploaded together ({names}). Upload one at a time."
    )


def geojson_for_store(communes: gpd.GeoDataFrame) -> str:
    """The matched communes, simplified as a coverage and rounded, as GeoJSON text to store."""
    keep = communes[["commune_code", "commune_name", "district_code", "geometry"]]
    return simplify_coverage(keep, TOLERANCE_M, decimals=5).to_json(drop_id=True)
