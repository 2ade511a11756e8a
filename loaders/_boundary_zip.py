"""Unpack a zipped boundary file safely and find the file to read inside it.

Refused with a DataFileError, never a raw exception: entries that point outside the archive or
are links (a link named xa.shp read /etc/passwd, and GDAL's error named our temporary folder),
archives that unpack too large, encrypted ones, and damaged ones (a header that understates an
entry's size fails its CRC check). Files a Mac adds to a zip (__MACOSX/, "._xa.shp") are not
the user's data and are left out.
"""

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from cccd.messages import message
from loaders.errors import DataFileError, listing

MAX_UNZIPPED_BYTES = 1_000_000_000
# A shapefile is at most 8 files; 20,000 empty entries took 20 s to unpack.
MAX_ENTRIES = 1_000
INNER_FORMATS = (".geojson", ".json", ".gpkg")  # read from a zip when it holds no shapefile


def _safe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return not (name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]))


def _is_link(member: zipfile.ZipInfo) -> bool:
    return member.create_system == 3 and stat.S_ISLNK(member.external_attr >> 16)


def _is_clutter(name: str) -> bool:
    """Resource forks and folders a Mac or Windows adds to a zip: not the user's data."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    last = parts[-1] if parts else ""
    return "__MACOSX" in parts or last.startswith("._") or last in ("Thumbs.db", ".DS_Store")


def _members(archive: zipfile.ZipFile, source: str) -> list[zipfile.ZipInfo]:
    """The entries to unpack; DataFileError for unsafe, linked, encrypted or too large ones."""
    members = [m for m in archive.infolist() if not _is_clutter(m.filename)]
    if len(members) > MAX_ENTRIES:
        raise DataFileError(
            "hostile.zip_many_entries", file=source, count=len(members), limit=MAX_ENTRIES
        )
    unsafe = [m.filename for m in members if not _safe_member(m.filename)]
    if unsafe:
        raise DataFileError("error.zip_unsafe", file=source, entries=str(unsafe))
    links = [m.filename for m in members if _is_link(m)]
    if links:
        raise DataFileError("hostile.zip_link", file=source, entries=", ".join(links))
    if any(m.flag_bits & 0x1 for m in members):
        raise DataFileError("hostile.zip_encrypted", file=source)
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise DataFileError(
            "error.zip_too_large", file=source, limit=MAX_UNZIPPED_BYTES // 1_000_000_000
        )
    return members


def unpack(path: Path, folder: Path, source: str) -> list[zipfile.ZipInfo]:
    """Extract the zip at path into folder (its user-facing name: source); the entries kept."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise DataFileError("error.zip_invalid", file=source) from error
    with archive:
        members = _members(archive, source)
        for member in members:
            try:
                archive.extract(member, folder)
            except (zipfile.BadZipFile, zlib.error, EOFError) as error:
                raise DataFileError(
                    "hostile.zip_damaged", file=source, entry=member.filename
                ) from error
            except NotImplementedError as error:  # Deflate64, bzip2 from old tools, ...
                raise DataFileError(
                    "hostile.zip_method", file=source, entry=member.filename
                ) from error
    return members


def boundary_in(folder: Path, members: list[zipfile.ZipInfo], source: str) -> list[Path]:
    """The .shp files unpacked into folder; else the one GeoJSON or GeoPackage; DataFileError
    when there is neither."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    shapefiles = sorted(p for p in files if p.suffix.lower() == ".shp")
    if shapefiles:
        return shapefiles
    others = sorted(p for p in files if p.suffix.lower() in INNER_FORMATS)
    if len(others) == 1:
        return others
    held = listing([m.filename for m in members if not m.is_dir()], message("error.nothing"))
    raise DataFileError("error.zip_no_shapefile", file=source, files=held)
