"""Write the bad-file corpus: broken and hostile boundary files and daily reports, and their truth.

    python tests/data/bad_files/make_bad_files.py FOLDER   # writes the files and truth.json

Each fixture is what a careless user or an attacker gives the app: a zip whose header understates
an entry's size, a .shp that is a link or not a shapefile, a PNG renamed .geojson, a GeoJSON cut
short, a workbook protected by a password, HTML saved as .xls, binary garbage named .csv...
TRUTH says what each must give: the key of the DataFileError it must raise (its message in the
reader's language), or "loads" for a file that must load (the map then covers only the few
communes the fixture holds). The tests (tests/test_bad_files.py) write the corpus into a
temporary folder, so nothing binary is committed.

To add a fixture: write a function `name(folder) -> None` that writes it under `folder`, and add
a line to TRUTH: the path (a shapefile set: "folder/xa.shp"), the kind ("boundary" or
"report"), and the expected key or "loads". Then run this script to refresh truth.json.
"""

import io
import json
import sqlite3
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import openpyxl
import shapely

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from loaders import reference  # noqa: E402

HERE = Path(__file__).resolve().parent
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2040)  # Office 97-2003 / encrypted OOXML
HTML = "<html><head><meta charset='utf-8'></head><body><table><tr><td>Mã xã</td>" + (
    "<td>Đã trả</td></tr><tr><td>00001</td><td>5</td></tr></table></body></html>"
)
GARBAGE = bytes((i * 7919 + 13) % 256 for i in range(4096))  # the same bytes every run
ZIP_TIME = (2023, 5, 25, 0, 0, 0)


def communes(count: int = 5) -> gpd.GeoDataFrame:
    """A few communes of the approximate map: code, name and polygon, in EPSG:4326."""
    frame = reference.default_communes().head(count)
    geometry = shapely.set_precision(frame.geometry.values, 1e-5)
    return gpd.GeoDataFrame(
        {"MaXa": frame["commune_code"], "TenXa": frame["commune_name"]}, geometry=geometry, crs=4326
    )


def geojson_text(frame: gpd.GeoDataFrame | None = None) -> str:
    return (communes() if frame is None else frame).to_json(drop_id=True, ensure_ascii=False)


def geojson_data() -> dict:
    return json.loads(geojson_text())


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def shapefile_parts(frame: gpd.GeoDataFrame | None = None, stem: str = "xa") -> dict[str, bytes]:
    """A shapefile's files (name -> bytes), written through a scratch folder (as xa.*: GDAL
    would take the "!" of a stem such as "a!b" for an archive separator)."""
    scratch = HERE / ".scratch-shapefile"
    scratch.mkdir(exist_ok=True)
    try:
        (communes() if frame is None else frame).to_file(
            scratch / "xa.shp", engine="pyogrio", encoding="utf-8"
        )
        return {stem + p.suffix: p.read_bytes() for p in sorted(scratch.iterdir())}
    finally:
        for part in scratch.iterdir():
            part.unlink()
        scratch.rmdir()


def write_zip(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, method)


def write_set(folder: Path, parts: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in parts.items():
        (folder / name).write_bytes(data)


# --- boundary files: GeoJSON ------------------------------------------------------------------


def geojson_files(folder: Path) -> None:
    text = geojson_text()
    (folder / "empty.geojson").write_bytes(b"")
    (folder / "not_json.geojson").write_text("hello {", encoding="utf-8")
    (folder / "cut_short.geojson").write_text(text[: len(text) // 2], encoding="utf-8")
    write_json(folder / "json_list.geojson", [1, 2, 3])
    write_json(folder / "json_not_geojson.json", {"name": "Hà Nội", "wards": 579})
    write_json(folder / "no_features.geojson", {"type": "FeatureCollection", "features": []})
    data = geojson_data()
    for feature in data["features"]:
        feature["geometry"] = None
    write_json(folder / "null_geometries.geojson", data)
    frame = communes()
    points = frame.set_geometry(frame.representative_point())
    (folder / "points.geojson").write_text(geojson_text(points), encoding="utf-8")
    data = geojson_data()
    data["features"][0]["geometry"] = {
        "type": "LineString",
        "coordinates": [[105.8, 21], [105.9, 21]],
    }
    write_json(folder / "lines_and_polygons.geojson", data)
    data = geojson_data()
    first = data["features"][0]
    first["geometry"] = {"type": "GeometryCollection", "geometries": [first["geometry"]]}
    write_json(folder / "geometry_collection.geojson", data)
    for name, number in (("nan.geojson", "NaN"), ("infinite.geojson", "1e999")):
        data = geojson_data()
        data["features"][0]["geometry"]["coordinates"][0][1][0] = 12345.678
        placed = json.dumps(data, ensure_ascii=False).replace("12345.678", number)
        (folder / name).write_text(placed, encoding="utf-8")
    data = geojson_data()
    data["features"][0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[-1e300, -1e300], [1e300, -1e300], [1e300, 1e300], [-1e300, -1e300]]],
    }
    write_json(folder / "huge_coordinates.geojson", data)
    utm = frame.to_crs(32648)
    (folder / "projected_no_crs.geojson").write_text(
        geojson_text(utm.set_crs(None, allow_override=True)), encoding="utf-8"
    )
    swapped = frame.set_geometry(shapely.transform(frame.geometry.values, lambda xy: xy[:, ::-1]))
    (folder / "lat_lon_swapped.geojson").write_text(geojson_text(swapped), encoding="utf-8")
    latin = text.replace('"TenXa"', '"TênXã"')
    (folder / "latin1_text.geojson").write_bytes(latin.encode("cp1258", errors="replace"))
    (folder / "utf16.geojson").write_bytes(text.encode("utf-16"))
    data = geojson_data()
    ring = data["features"][0]["geometry"]["coordinates"][0]
    ring.pop()  # the last point no longer closes the ring
    write_json(folder / "unclosed_ring.geojson", data)
    three_d = frame.set_geometry(shapely.force_3d(frame.geometry.values, 12.5))
    (folder / "three_d.geojson").write_text(geojson_text(three_d), encoding="utf-8")
    (folder / "a!b.geojson").write_text(text, encoding="utf-8")
    (folder / "tên có dấu cách !và #1 [cũ].geojson").write_text(text, encoding="utf-8")
    (folder / "deep_nesting.geojson").write_text("[" * 100_000 + "]" * 100_000)
    only_shapes = gpd.GeoDataFrame(geometry=frame.geometry, crs=4326)
    (folder / "no_columns.geojson").write_text(geojson_text(only_shapes), encoding="utf-8")
    unknown = frame.assign(MaXa="99999", TenXa="Atlantis")
    (folder / "nothing_matches.geojson").write_text(geojson_text(unknown), encoding="utf-8")


def renamed_files(folder: Path) -> None:
    (folder / "image_renamed.geojson").write_bytes(PNG)
    (folder / "pdf_renamed.json").write_bytes(PDF)
    write_zip(folder / "zip_renamed.geojson", shapefile_parts())
    (folder / "image_renamed.gpkg").write_bytes(PNG)
    (folder / "folder.geojson").mkdir(exist_ok=True)
    (folder / "folder.geojson" / "inside.txt").write_text("not a boundary file\n")
    (folder / "map.kml").write_text("<kml/>", encoding="utf-8")
    (folder / "no_extension").write_text(geojson_text(), encoding="utf-8")


# --- boundary files: zips and shapefiles ----------------------------------------------------------


def _patched(
    data: bytes, find: bytes, offset: int, pack: Callable[[bytearray, int], None]
) -> bytes:
    raw = bytearray(data)
    position = raw.find(find)
    while position >= 0:
        pack(raw, position + offset)
        position = raw.find(find, position + 4)
    return bytes(raw)


def zip_files(folder: Path) -> None:
    parts = shapefile_parts()
    write_zip(folder / "crc_mismatch.zip", parts, zipfile.ZIP_STORED)
    raw = bytearray((folder / "crc_mismatch.zip").read_bytes())
    raw[raw.find(b"xa.dbf") + 60] ^= 0xFF  # a byte of the stored .dbf changes, its CRC does not
    (folder / "crc_mismatch.zip").write_bytes(bytes(raw))
    write_zip(folder / "understated_size.zip", parts)

    def halve(raw: bytearray, at: int) -> None:  # central directory: uncompressed size
        struct.pack_into("<I", raw, at, max(struct.unpack_from("<I", raw, at)[0] // 2, 1))

    data = (folder / "understated_size.zip").read_bytes()
    (folder / "understated_size.zip").write_bytes(_patched(data, b"PK\x01\x02", 24, halve))
    write_zip(folder / "encrypted.zip", parts)

    def encrypt(raw: bytearray, at: int) -> None:  # general purpose flag bit 0: encrypted
        raw[at] |= 0x01

    data = (folder / "encrypted.zip").read_bytes()
    data = _patched(data, b"PK\x03\x04", 6, encrypt)
    (folder / "encrypted.zip").write_bytes(_patched(data, b"PK\x01\x02", 8, encrypt))
    (folder / "not_a_zip.zip").write_text("hello", encoding="utf-8")
    write_zip(folder / "good.zip", parts)
    (folder / "cut_short.zip").write_bytes((folder / "good.zip").read_bytes()[:300])
    (folder / "good.zip").unlink()
    write_zip(folder / "empty.zip", {})
    write_zip(folder / "nested.zip", {"inner.zip": b"PK\x05\x06" + bytes(18)})
    write_zip(folder / "shp_not_shapefile.zip", {**parts, "xa.shp": b"not a shapefile " * 20})
    with zipfile.ZipFile(folder / "shp_symlink.zip", "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            if name == "xa.shp":
                info.create_system, info.external_attr = 3, 0o120777 << 16
                data = b"/etc/passwd"
            archive.writestr(info, data)
    write_zip(folder / "zip_slip.zip", {"../../xa.shp": parts["xa.shp"], "xa.dbf": parts["xa.dbf"]})
    write_zip(folder / "no_shx.zip", {k: v for k, v in parts.items() if not k.endswith(".shx")})
    write_zip(folder / "no_dbf.zip", {k: v for k, v in parts.items() if not k.endswith(".dbf")})
    write_zip(folder / "no_prj.zip", {k: v for k, v in parts.items() if not k.endswith(".prj")})
    write_zip(folder / "dbf_garbage.zip", {**parts, "xa.dbf": GARBAGE})
    write_zip(folder / "shp_cut_short.zip", {**parts, "xa.shp": parts["xa.shp"][:200]})
    more_zips(folder, parts)


def more_zips(folder: Path, parts: dict[str, bytes]) -> None:
    frame = communes()
    points = shapefile_parts(frame.set_geometry(frame.representative_point()), "a")
    lines = shapefile_parts(frame.set_geometry(frame.boundary), "b")
    write_zip(folder / "two_shapefiles_no_polygons.zip", {**points, **lines})
    clutter = {"__MACOSX/._xa.shp": GARBAGE[:82], "__MACOSX/._xa.dbf": GARBAGE[:82]}
    write_zip(folder / "mac_clutter.zip", {**parts, **clutter, ".DS_Store": GARBAGE[:64]})
    write_zip(folder / "geojson_inside.zip", {"ranh_gioi/xa.geojson": geojson_text().encode()})
    write_zip(folder / "a!b.zip", shapefile_parts(stem="a!b"))
    projected = shapefile_parts(frame.to_crs(32648))
    write_zip(folder / "prj_garbage.zip", {**projected, "xa.prj": b"NOT A PROJECTION"})
    many = {f"notes/{i:05}.txt": b"" for i in range(1500)}
    write_zip(folder / "many_entries.zip", {**parts, **many})
    index = parts["xa.shx"][:100] + b"\xff" * (len(parts["xa.shx"]) - 100)
    write_zip(folder / "shx_garbage.zip", {**parts, "xa.shx": index})
    records = parts["xa.shp"][:100] + GARBAGE[: len(parts["xa.shp"]) - 100]
    write_zip(folder / "shp_records_garbage.zip", {**parts, "xa.shp": records})
    dbf = bytearray(parts["xa.dbf"])
    struct.pack_into("<I", dbf, 4, 10**9)  # the header claims a billion records
    write_zip(folder / "dbf_claims_too_many.zip", {**parts, "xa.dbf": bytes(dbf)})
    write_zip(folder / "cpg_unknown.zip", {**parts, "xa.cpg": b"XYZ-123"})
    local = 'LOCAL_CS["Nowhere",LOCAL_DATUM["x",0],UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]'
    write_zip(folder / "local_crs.zip", {**projected, "xa.prj": local.encode()})


def shapefile_sets(folder: Path) -> None:
    parts = shapefile_parts()
    write_set(folder / "shp_no_dbf", {k: v for k, v in parts.items() if not k.endswith(".dbf")})
    write_set(folder / "shp_no_shx", {k: v for k, v in parts.items() if not k.endswith(".shx")})
    write_set(folder / "shp_cut_short", {**parts, "xa.shp": parts["xa.shp"][:300]})
    write_set(folder / "shp_empty", {**parts, "xa.shp": b""})
    write_set(folder / "shp_is_png", {**parts, "xa.shp": PNG})
    write_set(folder / "set !name", shapefile_parts(stem="a!b"))


# --- boundary files: GeoPackages --------------------------------------------------------------


def geopackages(folder: Path) -> None:
    (folder / "not_sqlite.gpkg").write_text("not a database", encoding="utf-8")
    with sqlite3.connect(folder / "sqlite_not_gpkg.gpkg") as database:
        database.execute("CREATE TABLE xa (ma TEXT)")
    frame = communes()
    frame.to_file(folder / "whole.gpkg", layer="xa", engine="pyogrio")
    data = (folder / "whole.gpkg").read_bytes()
    (folder / "cut_short.gpkg").write_bytes(data[: len(data) // 3])
    (folder / "whole.gpkg").rename(folder / "no_layers.gpkg")
    with sqlite3.connect(folder / "no_layers.gpkg") as database:
        database.execute("DELETE FROM gpkg_contents")
        database.execute("DELETE FROM gpkg_geometry_columns")
        database.execute("DROP TABLE xa")
    points = frame.set_geometry(frame.representative_point())
    points.to_file(folder / "points_only.gpkg", layer="diem", engine="pyogrio")
    frame.to_file(folder / "two_layers_tie.gpkg", layer="a", engine="pyogrio")
    frame.to_file(folder / "two_layers_tie.gpkg", layer="b", engine="pyogrio")
    path = folder / "districts_and_communes.gpkg"
    frame.head(2).dissolve().to_file(path, layer="huyen", engine="pyogrio")
    frame.to_file(path, layer="xa", engine="pyogrio")


# --- daily reports ----------------------------------------------------------------------------


def good_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ngày báo cáo", "Mã xã", "Chỉ tiêu", "Số thẻ đã trả", "Đã kích hoạt VNeID"])
    sheet.append(["25/05/2023", "00001", 5000, 3100, 2100])
    scratch = HERE / ".scratch.xlsx"
    book.save(scratch)
    data = scratch.read_bytes()
    scratch.unlink()
    return data


def reports(folder: Path) -> None:
    (folder / "not_a_spreadsheet.xlsx").write_text("Mã xã,Đã trả\n00001,5\n", encoding="utf-8")
    (folder / "image_renamed.xlsx").write_bytes(PNG)
    (folder / "protected.xlsx").write_bytes(OLE2)
    workbook = good_workbook()
    with zipfile.ZipFile(folder / "damaged.xlsx", "w", zipfile.ZIP_STORED) as archive:
        with zipfile.ZipFile(io.BytesIO(workbook)) as source:
            for name in source.namelist():
                archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), source.read(name))
    raw = bytearray((folder / "damaged.xlsx").read_bytes())
    raw[raw.find(b"<sheetData") + 3] ^= 0x20  # the sheet's bytes change, its CRC does not
    (folder / "damaged.xlsx").write_bytes(bytes(raw))
    (folder / "cut_short.xlsx").write_bytes(workbook[: len(workbook) // 2])
    write_zip(folder / "zip_not_workbook.xlsx", {"readme.txt": b"hello"})
    (folder / "old_format.xls").write_bytes(OLE2)
    (folder / "html_saved_as.xls").write_text(HTML, encoding="utf-8")
    (folder / "html_saved_as.xlsx").write_text(HTML, encoding="utf-8")
    (folder / "empty.csv").write_bytes(b"")
    (folder / "blank_lines.csv").write_text("\n \n\t\n", encoding="utf-8")
    (folder / "binary_garbage.csv").write_bytes(GARBAGE)
    (folder / "workbook_renamed.csv").write_bytes(workbook)
    (folder / "pdf_renamed.csv").write_bytes(PDF)
    (folder / "folder.csv").mkdir(exist_ok=True)
    (folder / "nul_bytes.csv").write_bytes(bytes(1000))
    (folder / "report.pdf").write_bytes(PDF)
    (folder / "bom_only.csv").write_bytes(b"\xef\xbb\xbf")
    (folder / "excel_sep_line_only.csv").write_text("sep=;\n", encoding="utf-8")
    (folder / "one_cell.csv").write_text("x\n", encoding="utf-8")
    broken_parts(folder, workbook)


def broken_parts(folder: Path, workbook: bytes) -> None:
    """Workbooks whose zip is whole but whose parts are broken or missing."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    write_zip(folder / "sheet_xml_cut.xlsx", {**parts, sheet: parts[sheet][:120]})
    write_zip(folder / "no_workbook_part.xlsx",
              {k: v for k, v in parts.items() if k != "xl/workbook.xml"})  # fmt: skip
    rels = {k: b"garbage" for k in parts if k.endswith(".rels")}
    write_zip(folder / "relationships_garbage.xlsx", {**parts, **rels})


WRITERS = (geojson_files, renamed_files, zip_files, shapefile_sets, geopackages, reports)
LOADS = "loads"
B, R = "boundary", "report"
TRUTH: dict[str, tuple[str, str]] = {  # path -> (kind, expected error key or LOADS)
    "empty.geojson": (B, "error.boundary_empty"),
    "not_json.geojson": (B, "error.boundary_unreadable"),
    "cut_short.geojson": (B, "error.boundary_unreadable"),
    "json_list.geojson": (B, "hostile.json_not_geojson"),
    "json_not_geojson.json": (B, "hostile.json_not_geojson"),
    "no_features.geojson": (B, "error.no_features"),
    "null_geometries.geojson": (B, "error.no_geometries"),
    "points.geojson": (B, "error.not_polygons"),
    "lines_and_polygons.geojson": (B, "error.not_polygons"),
    "geometry_collection.geojson": (B, "error.not_polygons"),
    "nan.geojson": (B, LOADS),  # GDAL reads NaN; the shape is repaired
    "infinite.geojson": (B, "hostile.json_numbers"),
    "huge_coordinates.geojson": (B, "error.not_lon_lat"),
    "projected_no_crs.geojson": (B, "error.not_lon_lat"),
    "lat_lon_swapped.geojson": (B, "hostile.lat_lon_swapped"),
    "latin1_text.geojson": (B, "hostile.text_encoding"),
    "utf16.geojson": (B, LOADS),
    "unclosed_ring.geojson": (B, LOADS),
    "three_d.geojson": (B, LOADS),
    "a!b.geojson": (B, LOADS),
    "tên có dấu cách !và #1 [cũ].geojson": (B, LOADS),
    "deep_nesting.geojson": (B, "hostile.json_too_deep"),
    "no_columns.geojson": (B, "boundaries.error.no_columns"),
    "nothing_matches.geojson": (B, "error.nothing_matched"),
    "image_renamed.geojson": (B, "hostile.wrong_content"),
    "pdf_renamed.json": (B, "hostile.wrong_content"),
    "zip_renamed.geojson": (B, "hostile.wrong_content"),
    "image_renamed.gpkg": (B, "hostile.wrong_content"),
    "folder.geojson": (B, "hostile.folder"),
    "map.kml": (B, "error.boundary_extension"),
    "no_extension": (B, "error.boundary_extension"),
    "crc_mismatch.zip": (B, "hostile.zip_damaged"),
    "understated_size.zip": (B, "hostile.zip_damaged"),
    "encrypted.zip": (B, "hostile.zip_encrypted"),
    "not_a_zip.zip": (B, "error.zip_invalid"),
    "cut_short.zip": (B, "error.zip_invalid"),
    "empty.zip": (B, "error.zip_no_shapefile"),
    "nested.zip": (B, "error.zip_no_shapefile"),
    "shp_not_shapefile.zip": (B, "hostile.not_shapefile"),
    "shp_symlink.zip": (B, "hostile.zip_link"),
    "zip_slip.zip": (B, "error.zip_unsafe"),
    "no_shx.zip": (B, "hostile.shapefile_parts"),
    "no_dbf.zip": (B, "hostile.shapefile_parts"),
    "no_prj.zip": (B, "error.no_prj_in"),
    "dbf_garbage.zip": (B, "hostile.dbf_damaged"),
    "shp_cut_short.zip": (B, "hostile.shapefile_cut"),
    "two_shapefiles_no_polygons.zip": (B, "error.zip_several_shapefiles"),
    "mac_clutter.zip": (B, LOADS),
    "geojson_inside.zip": (B, LOADS),
    "a!b.zip": (B, LOADS),
    "prj_garbage.zip": (B, "error.not_lon_lat"),
    "local_crs.zip": (B, "hostile.crs_unusable"),
    "many_entries.zip": (B, "hostile.zip_many_entries"),
    "shx_garbage.zip": (B, "hostile.shapefile_damaged"),
    "shp_records_garbage.zip": (B, "error.no_geometries"),
    "dbf_claims_too_many.zip": (B, LOADS),
    "cpg_unknown.zip": (B, LOADS),
    "shp_no_dbf/xa.shp": (B, "hostile.shapefile_parts"),
    "shp_no_shx/xa.shp": (B, "hostile.shapefile_parts"),
    "shp_cut_short/xa.shp": (B, "hostile.shapefile_cut"),
    "shp_empty/xa.shp": (B, "error.boundary_empty"),
    "shp_is_png/xa.shp": (B, "hostile.not_shapefile"),
    "set !name/a!b.shp": (B, LOADS),
    "not_sqlite.gpkg": (B, "hostile.gpkg_not_database"),
    "sqlite_not_gpkg.gpkg": (B, "hostile.gpkg_not_geopackage"),
    "cut_short.gpkg": (B, "error.gpkg_unreadable"),
    "no_layers.gpkg": (B, "error.gpkg_no_polygons"),
    "points_only.gpkg": (B, "error.gpkg_no_polygons"),
    "two_layers_tie.gpkg": (B, "hostile.gpkg_layers_tie"),
    "districts_and_communes.gpkg": (B, LOADS),
    "not_a_spreadsheet.xlsx": (R, "error.xlsx_unreadable"),
    "image_renamed.xlsx": (R, "hostile.wrong_content"),
    "protected.xlsx": (R, "hostile.report_protected"),
    "damaged.xlsx": (R, "error.xlsx_unreadable"),
    "cut_short.xlsx": (R, "error.xlsx_unreadable"),
    "zip_not_workbook.xlsx": (R, "error.xlsx_unreadable"),
    "old_format.xls": (R, "error.old_excel"),
    "html_saved_as.xls": (R, "hostile.report_html"),
    "html_saved_as.xlsx": (R, "hostile.report_html"),
    "empty.csv": (R, "error.report_empty"),
    "blank_lines.csv": (R, "error.report_empty"),
    "binary_garbage.csv": (R, "error.not_text"),
    "workbook_renamed.csv": (R, "hostile.wrong_content"),
    "pdf_renamed.csv": (R, "hostile.wrong_content"),
    "folder.csv": (R, "hostile.report_folder"),
    "nul_bytes.csv": (R, "layout.no_header"),
    "report.pdf": (R, "error.report_extension"),
    "bom_only.csv": (R, "error.report_no_rows"),
    "excel_sep_line_only.csv": (R, "error.report_no_rows"),
    "one_cell.csv": (R, "layout.no_header"),
    "sheet_xml_cut.xlsx": (R, "error.xlsx_unreadable"),
    "no_workbook_part.xlsx": (R, "error.no_sheet_with_data"),
    "relationships_garbage.xlsx": (R, "error.xlsx_unreadable"),
}


def write_corpus(folder: Path) -> dict[str, dict[str, str]]:
    """Write every fixture under folder and truth.json; return the truth."""
    folder.mkdir(parents=True, exist_ok=True)
    for writer in WRITERS:
        writer(folder)
    truth = {path: {"kind": kind, "expect": expect} for path, (kind, expect) in TRUTH.items()}
    text = json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (folder / "truth.json").write_text(text, encoding="utf-8")
    return truth


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "out")
