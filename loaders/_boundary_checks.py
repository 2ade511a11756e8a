"""Why a boundary file cannot be read, said in the reader's language and without our paths.

GDAL's own messages are English and name the temporary folder a file was unpacked into
('/tmp/boundaries-x1/xa.shp' not recognized ...); the user needs to know what is wrong with
their file and what to do. These checks look at the bytes themselves: what a file really is (a
PNG renamed .geojson), a shapefile's header, length and sidecars, a GeoJSON's text.
"""

import codecs
import json
import math
import sqlite3
import struct
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from cccd.messages import Message, message
from loaders.errors import DataFileError

SHAPEFILE_CODE = 9994  # the first four bytes of every .shp and .shx, big-endian
SHAPEFILE_HEADER = 100
DBF_VERSIONS = {0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B, 0xCB, 0xF5, 0xFB}
# (leading bytes, what they are): files people pick by mistake or rename.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "hostile.content.image"),
    (b"\xff\xd8\xff", "hostile.content.image"),
    (b"GIF8", "hostile.content.image"),
    (b"%PDF", "hostile.content.pdf"),
    (b"PK\x03\x04", "hostile.content.zip"),
    (b"PK\x05\x06", "hostile.content.zip"),
    (b"SQLite format 3\x00", "hostile.content.sqlite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "hostile.content.office"),
    (b"Rar!", "hostile.content.archive"),
    (b"7z\xbc\xaf\x27\x1c", "hostile.content.archive"),
    (b"\x1f\x8b", "hostile.content.archive"),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table")


def head(path: Path, size: int = 512) -> bytes:
    """The first bytes of a file (fewer when it is shorter)."""
    with path.open("rb") as file:
        return file.read(size)


def content_of(data: bytes) -> Message | None:
    """What a file's first bytes say it is (an image, a PDF, a zip, ...), or None."""
    for signature, key in _SIGNATURES:
        if data.startswith(signature):
            return message(key)
    text = data.lstrip(codecs.BOM_UTF8 + b" \t\r\n").lower()
    if text.startswith(_HTML_STARTS):
        return message("hostile.content.html")
    return None


def refuse_other_content(
    path: Path, source: str, expected: Message, allowed: str | None = None
) -> None:
    """DataFileError when the file is plainly something else (a PNG named .geojson); `allowed`:
    the content key the expected format itself has (a GeoPackage is a SQLite database)."""
    found = content_of(head(path))
    if found is not None and found.key != allowed:
        raise DataFileError("hostile.wrong_content", file=source, content=found, expected=expected)


def _sidecar(shp: Path, suffix: str) -> Path | None:
    found = [p for p in shp.parent.glob("*") if p.stem == shp.stem and p.suffix.lower() == suffix]
    return found[0] if found else None


def where(name: str, source: str) -> Message | str:
    """A file as the user knows it: its name, or "xa.shp (in xa.zip)" for one inside a zip."""
    inside = source.lower().endswith(".zip")
    return name if not inside else message("hostile.in_archive", file=name, archive=source)


def check_shapefile(shp: Path, source: str) -> None:
    """A .shp with its .shx and .dbf, a shapefile's header and its whole length; DataFileError
    naming what is missing or damaged (source: the file the user gave, e.g. the zip)."""
    missing = [f"{shp.stem}{s}" for s in (".shx", ".dbf") if _sidecar(shp, s) is None]
    if missing:
        raise DataFileError(
            "hostile.shapefile_parts", file=where(shp.name, source), missing=", ".join(missing)
        )
    for part in (shp, _sidecar(shp, ".shx")):
        _check_shape_header(part, source)
    dbf = _sidecar(shp, ".dbf")
    start = head(dbf, 32)
    if len(start) < 32 or start[0] not in DBF_VERSIONS:
        raise DataFileError("hostile.dbf_damaged", file=where(dbf.name, source))


def _check_shape_header(part: Path, source: str) -> None:
    start = head(part, SHAPEFILE_HEADER)
    shown = where(part.name, source)
    if len(start) < SHAPEFILE_HEADER or struct.unpack(">i", start[:4])[0] != SHAPEFILE_CODE:
        found = content_of(start) or message("hostile.content.unknown")
        raise DataFileError("hostile.not_shapefile", file=shown, content=found)
    expected = struct.unpack(">i", start[24:28])[0] * 2  # in 16-bit words
    size = part.stat().st_size
    if size < expected:
        raise DataFileError("hostile.shapefile_cut", file=shown, size=size, expected=expected)


def geojson_bytes(path: Path) -> bytes | None:
    """A GeoJSON saved as UTF-16 (Windows Notepad's "Unicode"), as UTF-8 bytes to read from
    memory; None for any other file (read from its path)."""
    start = head(path, 2)
    if start not in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return None
    try:
        return path.read_bytes().decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        return None


def geojson_problem(path: Path, source: str) -> DataFileError:
    """Why GDAL could not read a .geojson/.json: not UTF-8, not JSON (where), numbers JSON
    does not allow, or JSON that is not GeoJSON."""
    refuse_other_content(path, source, message("hostile.expected.geojson"))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return DataFileError("hostile.json_encoding", file=source)
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        where = message("hostile.reason.json_syntax", line=str(error.lineno),
                        column=str(error.colno))  # fmt: skip
        return DataFileError("error.boundary_unreadable", file=source, problem=where,
                             accepted=message("error.boundary_formats"))  # fmt: skip
    except RecursionError:  # json-c, GDAL's parser, stops sooner: that is why it failed
        return DataFileError("hostile.json_too_deep", file=source)
    except ValueError:
        return DataFileError("hostile.json_numbers", file=source)
    if _has_infinite(data):
        return DataFileError("hostile.json_numbers", file=source)
    kind = data.get("type") if isinstance(data, dict) else None
    if kind not in ("FeatureCollection", "Feature"):
        return DataFileError("hostile.json_not_geojson", file=source)
    return DataFileError("hostile.json_features", file=source)


def _refuse_constant(name: str) -> float:
    raise ValueError(name)  # NaN, Infinity: not JSON, and GDAL refuses them


def _has_infinite(data: object) -> bool:
    """A number too large for a double (1e999): JSON allows it, GDAL does not."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def geopackage_problem(path: Path, source: str) -> DataFileError:
    """Why GDAL could not open a .gpkg: not a database at all, a database that is not a
    GeoPackage, or a damaged one."""
    refuse_other_content(path, source, message("hostile.expected.gpkg"), "hostile.content.sqlite")
    if not head(path, 16).startswith(b"SQLite format 3\x00"):
        return DataFileError("hostile.gpkg_not_database", file=source)
    damaged = DataFileError(
        "error.gpkg_unreadable", file=source, problem=message("hostile.reason.gpkg_damaged")
    )
    try:
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as database:
            tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
            if "gpkg_contents" not in tables:
                return DataFileError("hostile.gpkg_not_geopackage", file=source)
            (layers,) = database.execute("SELECT count(*) FROM gpkg_contents").fetchone()
    except sqlite3.DatabaseError:
        return damaged
    if layers == 0:
        return DataFileError("error.gpkg_no_polygons", file=source, layers=message("error.none"))
    return damaged
