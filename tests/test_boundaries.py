"""Boundary files as users bring them: zipped shapefiles, GeoPackages, GeoJSON, any CRS.

Fixtures are built in tmp_path: a small square around each official commune point.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from loaders import reference
from loaders._boundary_files import area_bounds
from loaders._dbf_text import _TCVN3_TABLE, decode_tcvn3
from loaders.boundaries import load_boundaries, main
from loaders.catalogue import english
from loaders.errors import DataFileError
from loaders.reference import DEFAULT_COMMUNES_GEOJSON, commune_points, units

ROOT = Path(__file__).resolve().parent.parent
# VN-2000 / Hanoi 3° TM as local offices export it: datum shift in the .prj, no EPSG code.
VN2000_HANOI_PRJ = (
    'PROJCS["VN_2000_Hanoi_TM3",GEOGCS["VN-2000",DATUM["Vietnam_2000",'
    'SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[-191.90441429,-39.30318279,'
    "-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278]],"
    'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],'
    'PARAMETER["central_meridian",105],PARAMETER["scale_factor",0.9999],'
    'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]'
)


def _communes() -> gpd.GeoDataFrame:
    """579 official communes as 200 m squares, EPSG:4326, official column names."""
    points = commune_points()
    squares = shapely.box(
        points.lon - 0.001, points.lat - 0.001, points.lon + 0.001, points.lat + 0.001
    )
    columns = ["commune_code", "commune_name", "district_code", "district_name"]
    return gpd.GeoDataFrame(points[columns], geometry=squares, crs=4326)


def _vietnamese_fields(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """As official shapefiles often are: Vietnamese field names, codes stored as numbers."""
    return gpd.GeoDataFrame(
        {
            "MaXa": communes["commune_code"].astype(int),
            "TenXa": communes["commune_name"],
            "MaHuyen": communes["district_code"].astype(int),
            "TenHuyen": communes["district_name"],
        },
        geometry=communes.geometry,
    )


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return target


def _shapefile_zip(frame: gpd.GeoDataFrame, tmp_path: Path, name: str = "xa") -> Path:
    folder = tmp_path / "shp"
    folder.mkdir()
    frame.to_file(folder / f"{name}.shp", engine="pyogrio")
    return _zip(folder, tmp_path / f"{name}.zip")


def _max_shift(loaded: gpd.GeoDataFrame, original: gpd.GeoDataFrame) -> float:
    expected = original.set_index("commune_code").geometry.loc[loaded["commune_code"]]
    return float(shapely.hausdorff_distance(loaded.geometry.values, expected.values).max())


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _geojson(path: Path, features: list[tuple[dict, list]]) -> Path:
    """A GeoJSON file with no "crs" member, one polygon per (properties, ring)."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": p,
                "geometry": {"type": "Polygon", "coordinates": [r]},
            }
            for p, r in features
        ],
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def _ring(x: float, y: float, d: float = 0.001) -> list:
    return [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]


def test_zipped_vn2000_shapefile_with_vietnamese_fields_and_numeric_codes(tmp_path: Path) -> None:
    communes = _communes()
    path = _shapefile_zip(_vietnamese_fields(communes).to_crs(9210), tmp_path)
    load = load_boundaries(path)
    assert (load.features_read, load.matched_by_code, load.matched_by_name) == (579, 579, 0)
    assert load.unmatched == [] and load.missing_codes == [] and load.source_name == "xa.zip"
    assert list(load.communes.columns) == [
        "commune_code",
        "commune_name",
        "district_code",
        "geometry",
    ]
    assert load.communes.crs.to_epsg() == 4326
    assert load.communes["commune_code"].iloc[0] == "00001"
    assert load.communes["commune_name"].iloc[0] == "Phường Phúc Xá"
    assert load.communes["district_code"].iloc[0] == "001"
    assert _max_shift(load.communes, communes) < 1e-6


@pytest.mark.filterwarnings("ignore:Normalized/laundered field name")
def test_truncated_dbf_field_names(tmp_path: Path) -> None:
    communes = _communes()
    with pytest.warns(UserWarning, match="truncated"):
        path = _shapefile_zip(communes.rename(columns={"district_name": "district_n"}), tmp_path)
    with zipfile.ZipFile(path) as archive:
        dbf = archive.read("xa.dbf")
    assert b"commune_co" in dbf and b"commune_na" in dbf
    load = load_boundaries(path)
    assert (load.matched_by_code, len(load.communes)) == (579, 579)


def test_custom_vn2000_hanoi_tm_prj_with_towgs84(tmp_path: Path) -> None:
    communes = _communes()
    local = _vietnamese_fields(communes).to_crs(VN2000_HANOI_PRJ)
    local.to_file(tmp_path / "xa.shp", engine="pyogrio")
    (tmp_path / "xa.prj").write_text(VN2000_HANOI_PRJ)
    load = load_boundaries(tmp_path / "xa.shp")
    assert load.matched_by_code == 579
    assert _max_shift(load.communes, communes) < 1e-6


def test_geopackage_in_utm_takes_the_polygon_layer(tmp_path: Path) -> None:
    communes = _communes()
    path = tmp_path / "hanoi.gpkg"
    centres = communes.set_geometry(communes.representative_point())
    centres.to_crs(32648).to_file(path, layer="centres", engine="pyogrio")
    communes.to_crs(32648).to_file(path, layer="communes", engine="pyogrio")
    load = load_boundaries(path)
    assert (load.features_read, load.matched_by_code) == (579, 579)
    assert _max_shift(load.communes, communes) < 1e-6


def test_geojson_matched_by_names_without_accents_and_with_prefixes(tmp_path: Path) -> None:
    official = units().set_index("commune_code")
    rows = [
        ({"Ten_Phuong": "P. Phuc Xa", "Ten_Quan": "Ba Dinh"}, "00001"),
        ({"Ten_Phuong": "Xã Thụy Lâm", "Ten_Quan": "Huyện Đông Anh"}, "00460"),
        ({"Ten_Phuong": "xa duc hoa", "Ten_Quan": "soc son"}, "00430"),
        ({"Ten_Phuong": "Minh Khai", "Ten_Quan": "Q. Hai Bà Trưng"}, "00295"),
    ]
    points = commune_points().set_index("commune_code")
    path = _geojson(
        tmp_path / "names.geojson",
        [(p, _ring(points.at[c, "lon"], points.at[c, "lat"])) for p, c in rows],
    )
    load = load_boundaries(path)
    assert (load.matched_by_code, load.matched_by_name, load.unmatched) == (0, 4, [])
    assert load.communes["commune_code"].tolist() == ["00001", "00295", "00430", "00460"]
    assert load.communes["commune_name"].tolist() == ["P. Phuc Xa", "Minh Khai", "xa duc hoa",
                                                      "Xã Thụy Lâm"]  # fmt: skip
    assert len(load.missing_codes) == 575 and "00004" in load.missing_codes
    assert official.at["00460", "commune_name"] == "Xã Thuỵ Lâm"


def test_ambiguous_and_unknown_names_are_reported_by_name(tmp_path: Path) -> None:
    path = _geojson(
        tmp_path / "names.json",
        [
            ({"name": "Phúc Xá"}, _ring(105.849, 21.047)),
            ({"name": "Minh Khai"}, _ring(105.86, 21.0)),
            ({"name": "Atlantis"}, _ring(105.8, 21.0)),
        ],
    )
    load = load_boundaries(path)
    assert load.matched_by_name == 1
    assert load.unmatched == [
        "feature 2 'Minh Khai': 'Minh Khai' is in 3 districts (Huyện Hoài Đức, "
        "Quận Bắc Từ Liêm, Quận Hai Bà Trưng); give the district",
        "feature 3 'Atlantis': no commune named 'Atlantis' in the official list",
    ]


def test_shapefile_without_cpg_is_read_as_utf8(tmp_path: Path) -> None:
    communes = (
        _communes().head(3)[["commune_name", "geometry"]].rename(columns={"commune_name": "TenXa"})
    )
    communes.to_file(tmp_path / "xa.shp", engine="pyogrio", encoding="utf-8")
    (tmp_path / "xa.cpg").unlink()
    load = load_boundaries(tmp_path / "xa.shp")
    assert load.communes["commune_name"].tolist() == ["Phường Phúc Xá", "Phường Trúc Bạch",
                                                      "Phường Vĩnh Phúc"]  # fmt: skip


def test_invalid_geometry_is_repaired_and_duplicates_merged(tmp_path: Path) -> None:
    bowtie = [[105.848, 21.046], [105.850, 21.048], [105.850, 21.046], [105.848, 21.048],
              [105.848, 21.046]]  # fmt: skip
    path = _geojson(
        tmp_path / "x.geojson",
        [({"ma_xa": "00004"}, bowtie), ({"ma_xa": "1"}, _ring(105.849, 21.047)),
         ({"ma_xa": 1}, _ring(105.86, 21.047))],
    )  # fmt: skip
    load = load_boundaries(path)
    assert load.repaired == 1 and load.communes.is_valid.all()
    assert load.notes == ["Phường Phúc Xá (00001): 2 features merged into one"]
    assert load.communes.set_index("commune_code").geometry["00001"].geom_type == "MultiPolygon"


def test_missing_prj_asks_for_the_crs(tmp_path: Path) -> None:
    _vietnamese_fields(_communes().head(3)).to_file(tmp_path / "xa.shp", engine="pyogrio")
    (tmp_path / "xa.prj").unlink()
    with pytest.raises(DataFileError) as error:
        load_boundaries(tmp_path / "xa.shp")
    assert str(error.value) == (
        "xa.shp has no .prj file, so its coordinate system is unknown. Add the .prj that came "
        "with the file, or re-export it with a CRS (usually VN-2000 in a TM-3 zone such as "
        "EPSG:9210, or WGS 84 / EPSG:4326)."
    )


def test_zip_without_a_shapefile_lists_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "data.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
        archive.writestr("xa/bao_cao.csv", "a,b")
    with pytest.raises(DataFileError) as error:
        load_boundaries(path)
    assert str(error.value) == (
        "data.zip holds no shapefile (.shp); it holds: readme.txt, xa/bao_cao.csv. Zip the .shp "
        "together with its .shx, .dbf and .prj files."
    )


@pytest.mark.parametrize("entry", ["../evil.txt", "/tmp/evil.txt", "a/../../evil.txt"])
def test_zip_with_entries_outside_the_archive_is_refused(tmp_path: Path, entry: str) -> None:
    path = _shapefile_zip(_vietnamese_fields(_communes().head(2)), tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(entry, "pwned")
    with pytest.raises(DataFileError, match=r"was refused: entries \[.*evil\.txt'\] point outside"):
        load_boundaries(path)
    for folder in (tmp_path, tmp_path.parent, Path(tempfile.gettempdir()), Path("/tmp")):
        assert not (folder / "evil.txt").exists()


def test_geojson_without_crs_is_lon_lat_but_projected_numbers_are_refused(tmp_path: Path) -> None:
    assert (
        load_boundaries(
            _geojson(tmp_path / "ok.geojson", [({"code": "1"}, _ring(105.849, 21.047))])
        ).matched_by_code
        == 1
    )
    path = _geojson(tmp_path / "utm.geojson", [({"code": "1"}, _ring(585000.0, 2327000.0, 100))])
    with pytest.raises(DataFileError) as error:
        load_boundaries(path)
    assert str(error.value) == (
        "utm.geojson: coordinates such as (584900, 2326900) are not longitude/latitude, but the "
        "file does not say which projected coordinate system they are in. Re-export it with "
        "its CRS (usually VN-2000 in a TM-3 zone such as EPSG:9210, or WGS 84 / EPSG:4326)."
    )


def test_wrong_crs_that_puts_hanoi_elsewhere_is_refused(tmp_path: Path) -> None:
    communes = _vietnamese_fields(_communes().head(3))
    communes.set_crs(3857, allow_override=True).to_file(tmp_path / "xa.shp", engine="pyogrio")
    with pytest.raises(DataFileError) as error:
        load_boundaries(tmp_path / "xa.shp")
    assert str(error.value).startswith("xa.shp: the features lie at longitude 0.00–0.00, ")
    assert (
        ", outside the map's area (longitude 105.19–106.12, latitude 20.46–21.49). The "
        "coordinate system in the file is probably wrong; re-export it with the right one"
    ) in str(error.value)


def test_the_area_is_the_datasets_districts_with_a_margin(monkeypatch) -> None:
    hanoi = area_bounds()
    assert hanoi == pytest.approx((105.185, 20.464, 106.120, 21.486), abs=1e-3)
    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    west, south, east, north = area_bounds()
    assert west < hanoi[0] and south < 10.8 < 21.5 < north and east > hanoi[2]


# A file in Ho Chi Minh City: in the country, far outside Hanoi. One in Paris: in neither.
SAIGON, PARIS = (106.70, 10.78), (2.35, 48.86)


def test_a_file_in_the_south_is_refused_for_hanoi(tmp_path: Path) -> None:
    path = _geojson(tmp_path / "south.geojson", [({"code": "00001"}, _ring(*SAIGON))])
    with pytest.raises(DataFileError, match=r"longitude 106\.70–106\.70, latitude 10\.78–10\.78, "):
        load_boundaries(path)


def test_the_nationwide_dataset_takes_a_file_in_the_south_and_refuses_paris(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    south = _geojson(tmp_path / "south.geojson", [({"code": "00001"}, _ring(*SAIGON))])
    assert load_boundaries(south).communes["commune_code"].tolist() == ["00001"]
    paris = _geojson(tmp_path / "paris.geojson", [({"code": "00001"}, _ring(*PARIS))])
    with pytest.raises(DataFileError) as error:
        load_boundaries(paris)
    west, south_edge, east, north = area_bounds()
    assert (
        f"outside the map's area (longitude {west:.2f}–{east:.2f}, "
        f"latitude {south_edge:.2f}–{north:.2f})"
    ) in str(error.value)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("none.geojson", None, r"none\.geojson: no such file"),
        ("empty.geojson", b"", r"empty\.geojson is empty \(0 bytes\)"),
        ("map.kml", b"<kml/>", r"'\.kml' files are not supported\. Give one of: \.zip"),
        ("broken.geojson", b"{not json", r"broken\.geojson could not be read"),
        ("bad.zip", b"PK nope", r"bad\.zip is not a valid zip file"),
    ],
)
def test_files_that_cannot_be_read(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(DataFileError, match=message):
        load_boundaries(tmp_path / name)


def test_points_are_not_boundaries(tmp_path: Path) -> None:
    communes = _communes().head(3)
    communes.set_geometry(communes.representative_point()).to_file(
        tmp_path / "p.geojson", engine="pyogrio"
    )
    with pytest.raises(
        DataFileError,
        match="holds Point geometries; a boundary file must hold the communes as polygons",
    ):
        load_boundaries(tmp_path / "p.geojson")


def test_no_code_or_name_column_lists_what_was_found_and_how_to_say_which(tmp_path: Path) -> None:
    features = [
        ({"id": 100 + n, "dien_tich": 2.5}, _ring(105.849 + n / 100, 21.047)) for n in range(3)
    ]
    path = _geojson(tmp_path / "x.geojson", features)
    with pytest.raises(DataFileError) as error:
        load_boundaries(path)
    assert str(error.value) == (
        "x.geojson has no commune code or commune name column (columns found: id, dien_tich). "
        "No column holds codes or names of the official list. Say which column holds them: "
        "--field commune_code=COLUMN or --field commune_name=COLUMN on the command line, or the "
        "column select boxes on the page."
    )


def test_nothing_matched_is_an_error(tmp_path: Path) -> None:
    path = _geojson(tmp_path / "x.geojson", [({"MaXa": "77777"}, _ring(105.849, 21.047))])
    with pytest.raises(
        DataFileError,
        match=r"None of the 1 features in x\.geojson matched a commune of the official list "
        r"\(columns used: commune_code from 'MaXa'\)\. .* holds GSO commune codes \(e\.g\. 00001 "
        r"for Phường Phúc Xá\)\.$",
    ):
        load_boundaries(path)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders.boundaries", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_cli_prints_counts(tmp_path: Path) -> None:
    communes = _communes()
    frame = _vietnamese_fields(communes)
    frame.loc[0, "MaXa"] = 99999
    frame.loc[0, "TenXa"] = "Atlantis"
    result = _cli(str(_shapefile_zip(frame, tmp_path)))
    assert result.returncode == 1, result.stderr  # a partial match is not a success
    assert "decided: column 'MaXa' → commune code (578 of 579 values are codes of the list)\n" in (
        result.stdout
    )
    assert "ignored columns: none\nmatched by code: 578\nmatched by name: 0\n" in result.stdout
    assert (
        "  - feature 1 'Atlantis': code '99999' is not in the official commune list; "
        in result.stdout
    )
    assert "official communes with no feature: 1\n  - 00001 Phường Phúc Xá (Quận Ba Đình)\n" in (
        result.stdout
    )
    assert result.stdout.endswith(
        "Partial match: features matching no commune: 1; official "
        "communes with no boundary: 1. Fix the file, or accept partial "
        "coverage (--allow-partial, or the checkbox on the page).\n"
    )
    accepted = _cli(str(tmp_path / "xa.zip"), "--allow-partial")
    assert accepted.returncode == 0 and "Partial coverage accepted" in accepted.stdout


@pytest.mark.parametrize(
    "dataset, described",
    [
        ("hanoi", "579 official communes of the active dataset, Hanoi"),
        ("nationwide", "10599 official communes of the active dataset, Whole country (synthetic)"),
    ],
)
def test_cli_help_names_the_active_dataset(capsys, monkeypatch, dataset, described) -> None:
    monkeypatch.setenv(reference.DATASET_VARIABLE, dataset)
    monkeypatch.setenv("COLUMNS", "200")  # argparse wraps the description at the terminal width
    with pytest.raises(SystemExit):
        main(["--help"])
    assert described in capsys.readouterr().out


def test_cli_error_exit(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hi")
    result = _cli(str(tmp_path / "x.txt"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: x.txt: '.txt' files are not supported.")


@pytest.mark.skipif(not DEFAULT_COMMUNES_GEOJSON.exists(), reason="default map not built yet")
def test_the_embedded_default_map_loads_completely() -> None:
    load = load_boundaries(DEFAULT_COMMUNES_GEOJSON)
    assert (load.matched_by_code, load.unmatched, load.missing_codes) == (579, [], [])


def test_features_without_geometry_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"name": "Trúc Bạch"}, "geometry": null},'
        '{"type": "Feature", "properties": {"name": "Phúc Xá"}, "geometry": {"type": "Polygon",'
        ' "coordinates": [[[105.848, 21.046], [105.85, 21.046], [105.85, 21.048], '
        "[105.848, 21.046]]]}}]}"
    )
    load = load_boundaries(path)
    assert load.unmatched == ["feature 1 'Trúc Bạch': has no geometry"]
    assert load.communes["commune_code"].tolist() == ["00001"]


# --- text in the file's own encoding -----------------------------------------------------------


def test_a_windows_1258_dbf_without_cpg_is_decoded_by_its_names(tmp_path: Path) -> None:
    """The issue's file: GDAL alone reads "Hoàn Kiêìm" and 523 of 579 features match nothing."""
    communes = _communes()
    frame = gpd.GeoDataFrame(
        {"TenXa": communes["commune_name"], "TenHuyen": communes["district_name"]},
        geometry=communes.geometry,
    )
    frame.to_file(tmp_path / "xa.shp", engine="pyogrio", encoding="cp1258")
    (tmp_path / "xa.cpg").unlink()
    as_gdal_reads_it = gpd.read_file(tmp_path / "xa.shp", engine="pyogrio")
    assert "Quâòn Hoàn Kiêìm" in as_gdal_reads_it["TenHuyen"].tolist()
    load = load_boundaries(tmp_path / "xa.shp")
    assert (load.matched_by_name, load.unmatched, load.missing_codes) == (579, [], [])
    assert load.encoding == "Windows-1258"
    assert load.communes.set_index("commune_code").at["00460", "commune_name"] == "Xã Thuỵ Lâm"
    assert english(load.decisions[0]).startswith(
        "no .cpg file: text decoded as Windows-1258 (579 of 579 names match the list; "
        "other encodings: UTF-8: "
    )


@pytest.mark.parametrize(
    "raw, text",
    [(b"B\xb6o Th\xbeng", "Bảo Thắng"), (b"M\xad\xeang Kh\xad\xacng", "Mường Khương"),
     (b"\xa7\xabng Anh", "Đông Anh"), (b"Ph\xad\xeang Ph\xf3c X\xb8", "Phường Phúc Xá"),
     (b"Thu\xfe L\xa9m", "Thuỵ Lâm"), (b"\xf8ng H\xdfa", "ứng Hòa")],
)  # fmt: skip
def test_tcvn3_bytes_decode_to_vietnamese(raw: bytes, text: str) -> None:
    assert decode_tcvn3(raw) == text


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv to compare with")
def test_the_tcvn3_table_is_glibcs_tcvn5712() -> None:
    high = bytes(range(0x80, 0x100))
    glibc = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=high,
                           capture_output=True, check=True).stdout.decode()  # fmt: skip
    ours = "".join(_TCVN3_TABLE[byte] for byte in high)
    assert ours == glibc


def test_an_ascii_dbf_without_cpg_says_utf8(tmp_path: Path) -> None:
    frame = _vietnamese_fields(_communes().head(3)).drop(columns=["TenXa", "TenHuyen"])
    frame.to_file(tmp_path / "xa.shp", engine="pyogrio")
    (tmp_path / "xa.cpg").unlink(missing_ok=True)
    assert load_boundaries(tmp_path / "xa.shp").encoding == "UTF-8"


# --- what a read decides, and the user's say ---------------------------------------------------


def _published(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "OBJECTID": range(1, len(communes) + 1),
            "ward_id": "VN-01-" + communes["commune_code"],
            "ma_xa": communes["commune_code"],
            "ward": communes["commune_name"].str.replace(" ", ""),
            "huyen": communes["district_name"],
            "Shape_Area": 1.5,
        },
        geometry=communes.geometry,
        crs=4326,
    )


def test_two_code_columns_that_agree_are_a_tie_said_not_a_refusal(tmp_path: Path) -> None:
    path = tmp_path / "wards.geojson"
    _published(_communes()).to_file(path, engine="pyogrio")
    load = load_boundaries(path)
    assert load.columns == {"commune_code": "ma_xa", "commune_name": "ward",
                            "district_name": "huyen"}  # fmt: skip
    assert load.ignored == ["OBJECTID", "ward_id", "Shape_Area"]
    assert english(load.decisions[0]) == (
        "columns 'ma_xa', 'ward_id' hold the commune code equally well (579 of 579 values) and "
        "give the same communes; 'ma_xa' was used"
    )
    assert load.attribute_columns == ["OBJECTID", "ward_id", "ma_xa", "ward", "huyen",
                                      "Shape_Area"]  # fmt: skip


def test_the_users_fields_win(tmp_path: Path) -> None:
    path = tmp_path / "wards.geojson"
    _published(_communes()).to_file(path, engine="pyogrio")
    load = load_boundaries(path, fields={"commune_code": "", "district_name": "huyen"})
    assert load.columns == {"commune_name": "ward", "district_name": "huyen"}
    assert (load.matched_by_code, load.matched_by_name) == (0, 579)
    assert "column 'huyen' → district name, as you chose (579 of 579 values are names" in (
        " ".join(map(english, load.decisions))
    )


@pytest.mark.parametrize(
    "fields, words",
    [({"commune_code": "MA_DV"}, "wards.geojson has no column 'MA_DV' (chosen as commune_code); "
                                 "its columns are: OBJECTID, ward_id, ma_xa"),
     ({"ward": "ward"}, "wards.geojson: 'ward' is not a column role; give --field ROLE=COLUMN "
                        "with ROLE one of: commune_code, commune_name, district_code")],
)  # fmt: skip
def test_fields_that_do_not_exist_are_refused(tmp_path: Path, fields: dict, words: str) -> None:
    path = tmp_path / "wards.geojson"
    _published(_communes().head(3)).to_file(path, engine="pyogrio")
    with pytest.raises(DataFileError) as error:
        load_boundaries(path, fields=fields)
    assert words in str(error.value)


@pytest.mark.parametrize("name", ["a!b.geojson", "x!y.shp", "lỗi #1 [cũ].geojson"])
def test_a_file_name_with_gdal_special_characters_is_read(tmp_path: Path, name: str) -> None:
    communes = _vietnamese_fields(_communes().head(3)).set_crs(4326)
    communes.to_file(tmp_path / "safe.shp" if name.endswith(".shp") else tmp_path / "safe.json",
                     engine="pyogrio")  # fmt: skip
    stem, suffix = Path(name).stem, Path(name).suffix
    for part in tmp_path.glob("safe.*"):
        part.rename(tmp_path / (stem + (suffix if part.suffix == ".json" else part.suffix)))
    load = load_boundaries(tmp_path / name)
    assert (load.source_name, load.matched_by_code) == (name, 3)


def test_cli_field_overrides_and_exit_codes(tmp_path: Path) -> None:
    path = tmp_path / "wards.geojson"
    _published(_communes()).to_file(path, engine="pyogrio")
    full = _cli(str(path))
    assert full.returncode == 0, full.stderr
    assert "ignored columns: OBJECTID, ward_id, Shape_Area\n" in full.stdout
    assert full.stdout.endswith("Every feature matched and all 579 communes have a boundary: "
                                "the file can be used.\n")  # fmt: skip
    by_name = _cli(str(path), "--field", "commune_code=", "--field", "district_name=huyen")
    assert by_name.returncode == 0 and "matched by name: 579\n" in by_name.stdout
    unknown = _cli(str(path), "--field", "commune_code=MA_DV")
    assert unknown.returncode == 2 and "has no column 'MA_DV'" in unknown.stderr
