"""Files uploaded through the browser: boundary files saved to a temporary folder, then loaded;
reports saved under their own names (saved_uploads) and read in a child process with bounded
memory and time (sheet_names, guess_columns, preview_report: loaders.isolated)."""

import hashlib
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pandas as pd

from cccd.cells import simplify_coverage
from cccd.messages import message
from cccd.report_checks import ReportPreview
from loaders import reference, reports, store
from loaders._boundary_columns import NO_COLUMN
from loaders.boundaries import BoundaryLoad, load_boundaries
from loaders.errors import DataFileError, listing
from loaders.isolated import ISOLATED_PREFIX, run_isolated

MAIN_SUFFIXES = (".zip", ".gpkg", ".geojson", ".json", ".shp")
SHAPEFILE_PARTS = (".shx", ".dbf")  # without these GDAL cannot read a .shp; .prj: see loader
REPORT_PREFIX = "cccd-report-"
STALE_HOURS = 24.0
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


def remove_stale_folders(hours: float = STALE_HOURS) -> list[Path]:
    """Remove the temporary folders of uploads and isolated reads older than `hours`: left by a
    server that was itself killed (its own `finally` never ran); no reading lasts that long."""
    root, now, removed = Path(tempfile.gettempdir()), time.time(), []
    for prefix in (REPORT_PREFIX, ISOLATED_PREFIX):
        for folder in root.glob(f"{prefix}*"):
            try:
                if folder.is_dir() and now - folder.stat().st_mtime > hours * 3600:
                    shutil.rmtree(folder)
                    removed.append(folder)
            except OSError:  # another process removed it first, or it is not ours to remove
                continue
    return removed


@dataclass(frozen=True)
class SavedUploads:
    """Uploaded files written to a temporary folder; `names` are the user's own names."""

    paths: list[Path]
    names: list[str]
    sha256: str  # of the one file, or of the files' digests in order

    @property
    def file_name(self) -> str:
        """The name written in the import log: the file's, or the files' joined."""
        return ", ".join(self.names)


@contextmanager
def saved_uploads(files: Sequence[tuple[str, bytes]]) -> Iterator[SavedUploads]:
    """Uploaded (name, content) pairs written to a temporary folder, each in a folder of its own
    under its own name (so two files may share a name, and messages read from the path name
    it as the user does), removed when the block ends however it ends."""
    remove_stale_folders()
    with tempfile.TemporaryDirectory(prefix=REPORT_PREFIX) as folder:
        paths, digests = [], []
        for position, (name, content) in enumerate(files):
            own = Path(folder) / str(position + 1)
            own.mkdir()
            path = own / _file_name(name, position)[:200]  # a file name has at most 255 bytes
            path.write_bytes(content)
            paths.append(path)
            digests.append(hashlib.sha256(content).hexdigest())
        joined = hashlib.sha256("".join(digests).encode()).hexdigest()
        sha256 = digests[0] if len(digests) == 1 else joined
        yield SavedUploads(paths, [name for name, _ in files], sha256)


def sheet_names(uploads: SavedUploads, **limits: float) -> list[str]:
    """The sheets of the one uploaded workbook ([] for a CSV), read in a child process;
    `limits`: memory_mb and seconds of loaders.isolated.run_isolated."""
    return run_isolated(reports.sheet_names, uploads.paths[0], subject=uploads.file_name, **limits)


def guess_columns(
    uploads: SavedUploads, sheet: str | None = None, **limits: float
) -> reports.ColumnGuess:
    """reports.guess_columns of the uploads, in a child process."""
    return run_isolated(
        reports.guess_columns, uploads.paths, sheet=sheet, names=uploads.names,
        subject=uploads.file_name, **limits,
    )  # fmt: skip


def preview_report(
    uploads: SavedUploads,
    database_url: str,
    *,
    sheet: str | None = None,
    correction: bool = False,
    columns: Mapping[str, str] | None = None,
    as_of: date | None = None,
    **limits: float,
) -> ReportPreview:
    """reports.preview_report of the uploads against the store at `database_url`, in a child
    process (which opens the store itself: an engine does not cross processes)."""
    options = {"sheet": sheet, "correction": correction, "columns": columns, "as_of": as_of}
    return run_isolated(
        _preview, database_url, uploads.paths, uploads.names, options,
        subject=uploads.file_name, **limits,
    )  # fmt: skip


def _preview(
    database_url: str, paths: list[Path], names: list[str], options: dict
) -> ReportPreview:
    """In the child: open the store and preview."""
    engine = store.connect(database_url)
    try:
        return reports.preview_report(paths, engine, names=names, **options)
    finally:
        engine.dispose()
