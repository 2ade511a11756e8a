"""Write the boundary-file corpus: files laid out as others publish them, and their truth.

    python tests/data/boundaries/make_boundaries.py [FOLDER]   # default: beside this script

Geometry is the app's approximate commune map (loaders.reference.default_communes()); the
layouts, field names, CRSs and encodings are those of files people send: a published ward
GeoJSON, a GeoPackage, VN-2000 shapefiles in Windows-1258 or TCVN3 with no .cpg, HDX-style
ADM3 columns, codes stored as integers, names only, extra GIS columns. truth.json says what
each must give when loaded with no flags; broken/ holds files that must be refused, and
broken.json the words their message must hold. Seeded: the same files every run.
"""

import json
import random
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from loaders import reference  # noqa: E402
from loaders._dbf_text import _TCVN3_TABLE  # noqa: E402

SEED = 14
HERE = Path(__file__).resolve().parent
ZIP_TIME = (2023, 5, 25, 0, 0, 0)  # fixed, so a zip is the same bytes every run
VN2000_TM3_105 = 9210  # VN-2000 / TM-3 zone 105-45 ... as pyproj knows it (see test)
ALL = None  # every district


def communes(districts: list[str] | None) -> gpd.GeoDataFrame:
    """The approximate map joined to the official names, for some districts (or all)."""
    units = reference.units().set_index("commune_code")
    frame = reference.default_communes()[["commune_code", "geometry"]]
    frame = frame.join(units, on="commune_code")
    if districts is not None:
        frame = frame[frame["district_code"].isin(districts)]
    # 5 decimals (~1 m), as the map itself is stored: small files, readable diffs.
    frame = frame.set_geometry(shapely.set_precision(frame.geometry.values, 1e-5))
    return frame.reset_index(drop=True)


def shuffled(frame: gpd.GeoDataFrame, rng: random.Random) -> gpd.GeoDataFrame:
    order = list(range(len(frame)))
    rng.shuffle(order)
    return frame.iloc[order].reset_index(drop=True)


def ascii_name(text: str) -> str:
    """ "Phường Phúc Xá" -> "Phuong Phuc Xa", as English-language datasets write names."""
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c))


_TCVN3_OF = {char: chr(byte) for byte, char in _TCVN3_TABLE.items() if byte >= 0xA1}


def tcvn3_as_latin1(text: str) -> str:
    """Text as TCVN3 bytes, each byte as one Latin-1 character (to be written as Latin-1).

    TCVN3 has no code for most accented capitals: ABC users type them in lower case with an
    upper-case font, so the bytes are those of the lower-case letter."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 0x80:
            out.append(char)
        else:
            out.append(_TCVN3_OF.get(char) or _TCVN3_OF[char.lower()])
    return "".join(out)


def write_shapefile_zip(
    frame: gpd.GeoDataFrame, target: Path, encoding: str, keep_cpg: bool, text: Callable = str
) -> None:
    """frame as xa.shp + sidecars in `encoding`, zipped; without the .cpg unless keep_cpg."""
    folder = target.parent / f".{target.stem}-parts"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    written = frame.copy()
    for column in written.columns:
        if column != "geometry" and written[column].dtype in (object, "str"):
            written[column] = written[column].map(text)
    written.to_file(folder / "xa.shp", engine="pyogrio", encoding=encoding)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(folder.iterdir()):
            if part.suffix == ".cpg" and not keep_cpg:
                continue
            info = zipfile.ZipInfo(part.name, ZIP_TIME)
            data = part.read_bytes()
            if part.suffix == ".dbf":  # GDAL dates the header (bytes 1-3) with today
                year, month, day = ZIP_TIME[:3]
                data = data[:1] + bytes([year - 1900, month, day]) + data[4:]
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    for part in folder.iterdir():
        part.unlink()
    folder.rmdir()


def geojson(frame: gpd.GeoDataFrame, target: Path) -> None:
    target.write_text(frame.to_json(drop_id=True, ensure_ascii=False), encoding="utf-8")


def truth(features: int, by_code: int, by_name: int, columns: dict, **extra) -> dict:
    """What a file must give when loaded with no flags."""
    return {
        "features": features,
        "matched_by_code": by_code,
        "matched_by_name": by_name,
        "communes": by_code + by_name,
        "columns": columns,
        "encoding": extra.pop("encoding", None),
        "ignored": extra.pop("ignored", []),
        **extra,
    }


def no_spaces(text: str) -> str:
    return text.replace(" ", "")


def published_wards(folder: Path, rng: random.Random) -> dict:
    """A published ward GeoJSON: ids with the province prefix, names without spaces."""
    frame = shuffled(communes(["001", "002", "003", "006"]), rng)
    out = gpd.GeoDataFrame(
        {
            "id": "VN-01-" + frame["commune_code"],
            "ward": frame["commune_name_short"].map(no_spaces),
            "district": frame["district_name_short"].map(no_spaces),
        },
        geometry=frame.geometry,
        crs=4326,
    )
    geojson(out, folder / "published_wards.geojson")
    columns = {"commune_code": "id", "commune_name": "ward", "district_name": "district"}
    return truth(len(out), len(out), 0, columns)


def ma_dv_geopackage(folder: Path, rng: random.Random) -> dict:
    """A GeoPackage in UTM 48N whose code column is MA_DV, with a level and a population."""
    frame = shuffled(communes(["004", "005"]), rng)
    out = gpd.GeoDataFrame(
        {
            "MA_DV": frame["commune_code"],
            "TEN_DV": frame["commune_name"],
            "CAP": frame["commune_type"],
            "DAN_SO": [rng.randrange(8_000, 60_000) for _ in range(len(frame))],
        },
        geometry=frame.geometry,
        crs=4326,
    ).to_crs(32648)
    path = folder / "ma_dv.gpkg"
    path.unlink(missing_ok=True)
    out.to_file(path, layer="don_vi_hanh_chinh", engine="pyogrio")
    columns = {"commune_code": "MA_DV", "commune_name": "TEN_DV"}
    return truth(len(out), len(out), 0, columns, ignored=["CAP", "DAN_SO"])


def vn2000_cp1258(folder: Path, rng: random.Random) -> dict:
    """Every commune, names only, Windows-1258 with no .cpg, VN-2000 TM-3: the issue's file."""
    frame = shuffled(communes(ALL), rng)
    out = gpd.GeoDataFrame(
        {
            "TEN": frame["commune_name"],
            "HUYEN": frame["district_name"],
            "DIENTICH": frame.to_crs(32648).area.round(-2) / 1e6,
        },
        geometry=frame.geometry,
        crs=4326,
    ).to_crs(VN2000_TM3_105)
    write_shapefile_zip(out, folder / "vn2000_cp1258.zip", "cp1258", keep_cpg=False)
    columns = {"commune_name": "TEN", "district_name": "HUYEN"}
    return truth(len(out), 0, len(out), columns, encoding="Windows-1258", ignored=["DIENTICH"])


def utf8_with_cpg(folder: Path, rng: random.Random) -> dict:
    """A shapefile in VN-2000 / UTM 48N, UTF-8 and saying so in its .cpg."""
    frame = shuffled(communes(["016"]), rng)
    out = gpd.GeoDataFrame(
        {"XA": frame["commune_name"], "MA": frame["commune_code"]},
        geometry=frame.geometry,
        crs=4326,
    ).to_crs(3405)
    write_shapefile_zip(out, folder / "utf8_cpg.zip", "utf-8", keep_cpg=True)
    return truth(len(out), len(out), 0, {"commune_code": "MA", "commune_name": "XA"})


def integer_codes(folder: Path, rng: random.Random) -> dict:
    """Codes stored as numbers: the leading zeros are lost (460, not 00460; 17, not 017)."""
    frame = shuffled(communes(["017", "018"]), rng)
    out = gpd.GeoDataFrame(
        {
            "ID": frame["commune_code"].astype(int),
            "TEN": frame["commune_name"],
            "QH": frame["district_code"].astype(int),
        },
        geometry=frame.geometry,
        crs=4326,
    )
    geojson(out, folder / "integer_codes.geojson")
    columns = {"commune_code": "ID", "commune_name": "TEN", "district_code": "QH"}
    return truth(len(out), len(out), 0, columns)


def hdx_adm3(folder: Path, rng: random.Random) -> dict:
    """HDX-style administrative boundaries: ADMn_PCODE / ADMn_EN, names without diacritics."""
    frame = shuffled(communes(["007", "008", "009"]), rng)
    out = gpd.GeoDataFrame(
        {
            "ADM3_EN": frame["commune_name_short"].map(ascii_name),
            "ADM3_PCODE": "VN-01-" + frame["commune_code"],
            "ADM2_EN": frame["district_name_short"].map(ascii_name),
            "ADM2_PCODE": "VN-01-" + frame["district_code"],
            "ADM1_EN": "Ha Noi",
            "ADM1_PCODE": "VN-01",
            "ADM0_EN": "Viet Nam",
            "ADM0_PCODE": "VN",
        },
        geometry=frame.geometry,
        crs=4326,
    )
    geojson(out, folder / "hdx_adm3.geojson")
    columns = {
        "commune_code": "ADM3_PCODE",
        "commune_name": "ADM3_EN",
        "district_code": "ADM2_PCODE",
        "district_name": "ADM2_EN",
    }
    ignored = ["ADM1_EN", "ADM1_PCODE", "ADM0_EN", "ADM0_PCODE"]
    return truth(len(out), len(out), 0, columns, ignored=ignored)


def written_as_people_do(name: str, kind: str, rng: random.Random) -> str:
    """ "Xã Hà Hồi" as "X. Hà Hồi", "xa ha hoi", "Hà Hồi" or as it is."""
    short = re.sub(r"^(Phường|Xã|Thị trấn) ", "", name)
    prefix = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT."}[kind]
    forms = [name, f"{prefix} {short}", ascii_name(name).lower(), short]
    return rng.choice(forms)


def names_only(folder: Path, rng: random.Random) -> dict:
    """No codes at all: commune and district names, written in several ways."""
    frame = shuffled(communes(["279", "280"]), rng)
    names = [
        written_as_people_do(n, k, rng)
        for n, k in zip(frame["commune_name"], frame["commune_type"], strict=True)
    ]
    out = gpd.GeoDataFrame(
        {"xa": names, "huyen": frame["district_name_short"]}, geometry=frame.geometry, crs=4326
    )
    geojson(out, folder / "names_only.geojson")
    return truth(len(out), 0, len(out), {"commune_name": "xa", "district_name": "huyen"})


def tcvn3_shapefile(folder: Path, rng: random.Random) -> dict:
    """An old office's shapefile: names in TCVN3 (ABC fonts), no .cpg."""
    frame = shuffled(communes(["271", "281"]), rng)
    out = gpd.GeoDataFrame(
        {"TENDV": frame["commune_name"], "HUYEN": frame["district_name"]},
        geometry=frame.geometry,
        crs=4326,
    ).to_crs(VN2000_TM3_105)
    write_shapefile_zip(out, folder / "tcvn3.zip", "latin1", keep_cpg=False, text=tcvn3_as_latin1)
    columns = {"commune_name": "TENDV", "district_name": "HUYEN"}
    return truth(len(out), 0, len(out), columns, encoding="TCVN3")


def extra_columns(folder: Path, rng: random.Random) -> dict:
    """The urban districts, with what GIS tools and people add: OBJECTID, Shape_Leng,
    Shape_Area, notes. A running OBJECTID must not be taken for codes."""
    frame = shuffled(communes([f"{n:03d}" for n in range(1, 10)]), rng)
    metric = frame.to_crs(32648)
    notes = ["", "Đã đối soát 2023", "Ranh giới tạm", "Chờ xác nhận"]
    out = gpd.GeoDataFrame(
        {
            "OBJECTID": range(1, len(frame) + 1),
            "MaXa": frame["commune_code"],
            "TenXa": frame["commune_name"],
            "Shape_Leng": metric.length.round(1),
            "Shape_Area": metric.area.round(1),
            "Ghi_chu": [rng.choice(notes) for _ in range(len(frame))],
        },
        geometry=frame.geometry,
        crs=4326,
    )
    geojson(out, folder / "extra_columns.geojson")
    ignored = ["OBJECTID", "Shape_Leng", "Shape_Area", "Ghi_chu"]
    columns = {"commune_code": "MaXa", "commune_name": "TenXa"}
    return truth(len(out), len(out), 0, columns, ignored=ignored)


def exclamation_name(folder: Path, rng: random.Random) -> dict:
    """A file whose name holds "!" (which GDAL reads as an archive separator)."""
    frame = shuffled(communes(["003"]), rng)
    out = gpd.GeoDataFrame(
        {"ma": frame["commune_code"], "ten": frame["commune_name"]},
        geometry=frame.geometry,
        crs=4326,
    )
    geojson(out, folder / "tay_ho!2023.geojson")
    return truth(len(out), len(out), 0, {"commune_code": "ma", "commune_name": "ten"})


def broken(folder: Path, rng: random.Random) -> dict[str, list[str]]:
    """Files that must be refused, and words their message must hold."""
    (folder / "broken").mkdir(exist_ok=True)
    frame = communes(["001"])
    nothing = gpd.GeoDataFrame(
        {
            "OBJECTID": range(1001, 1001 + len(frame)),
            "Shape_Area": frame.to_crs(32648).area.round(1),
            "ghi_chu": "chưa đối soát",
        },
        geometry=frame.geometry,
        crs=4326,
    )
    geojson(nothing, folder / "broken" / "no_columns.geojson")
    codes = frame["commune_code"].tolist()
    rotated = codes[1:] + codes[:1]  # the same codes, given to other shapes
    tie = gpd.GeoDataFrame({"ma_cu": rotated, "ma_moi": codes}, geometry=frame.geometry, crs=4326)
    geojson(tie, folder / "broken" / "tie_differs.geojson")
    return {
        "no_columns.geojson": [
            "(columns found: OBJECTID, Shape_Area, ghi_chu)",
            "--field commune_code=COLUMN",
        ],
        "tie_differs.geojson": [
            "columns 'ma_cu', 'ma_moi' could each be the commune code",
            "--field commune_code=COLUMN",
        ],
    }


BUILDERS = [
    published_wards, ma_dv_geopackage, vn2000_cp1258, utf8_with_cpg, integer_codes, hdx_adm3,
    names_only, tcvn3_shapefile, extra_columns, exclamation_name,
]  # fmt: skip
FILE_OF = {
    "published_wards": "published_wards.geojson", "ma_dv_geopackage": "ma_dv.gpkg",
    "vn2000_cp1258": "vn2000_cp1258.zip", "utf8_with_cpg": "utf8_cpg.zip",
    "integer_codes": "integer_codes.geojson", "hdx_adm3": "hdx_adm3.geojson",
    "names_only": "names_only.geojson", "tcvn3_shapefile": "tcvn3.zip",
    "extra_columns": "extra_columns.geojson", "exclamation_name": "tay_ho!2023.geojson",
}  # fmt: skip


def main(folder: Path = HERE) -> None:
    """Write every corpus file, truth.json and broken.json into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    truths = {FILE_OF[build.__name__]: build(folder, rng) for build in BUILDERS}
    refusals = broken(folder, rng)
    for name, content in (("truth.json", truths), ("broken.json", refusals)):
        text = json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
