"""Boundary files uploaded through the browser, and the GeoJSON kept in the store.

Fixtures are built in tmp_path from the default map, renamed and reprojected like an official
file: MaXa / TenXa / MaHuyen in VN-2000 (EPSG:9210).
"""

import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from loaders import reference
from loaders.errors import DataFileError
from loaders.uploads import geojson_for_store, load_boundary_upload, missing_communes

MAX_STORED_BYTES = 600_000


@pytest.fixture(scope="module")
def official() -> gpd.GeoDataFrame:
    """The default map as an official file would hold it: Vietnamese fields, VN-2000."""
    communes = reference.default_communes()
    return gpd.GeoDataFrame(
        {
            "MaXa": communes["commune_code"],
            "TenXa": communes["commune_name"],
            "MaHuyen": communes["district_code"],
        },
        geometry=communes.geometry,
        crs=4326,
    ).to_crs(9210)


def shapefile_parts(frame: gpd.GeoDataFrame, folder: Path) -> dict[str, bytes]:
    """{file name: bytes} of `frame` written as xa.shp and its sidecars."""
    folder.mkdir()
    frame.to_file(folder / "xa.shp", engine="pyogrio")
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def zipped(parts: dict[str, bytes]) -> bytes:
    """The parts zipped together, as a user zips a shapefile."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def assert_all_matched_by_code(loaded, source_name: str) -> None:
    assert loaded.source_name == source_name
    assert (loaded.features_read, loaded.matched_by_code, loaded.matched_by_name) == (579, 579, 0)
    assert loaded.unmatched == [] and loaded.missing_codes == []
    assert loaded.communes.crs.to_epsg() == 4326
    first = loaded.communes.set_index("commune_code").loc["00001"]
    assert first.commune_name == "Phường Phúc Xá"
    assert first.district_code == "001"


def test_a_zipped_shapefile_in_vn2000_loads_as_one_upload(official, tmp_path):
    parts = shapefile_parts(official, tmp_path / "shp")
    assert_all_matched_by_code(load_boundary_upload([("xa.zip", zipped(parts))]), "xa.zip")


def test_shp_shx_dbf_prj_uploaded_as_four_files_load_together(official, tmp_path):
    parts = shapefile_parts(official, tmp_path / "shp")
    four = [(name, parts[name]) for name in ("xa.shp", "xa.shx", "xa.dbf", "xa.prj")]
    assert_all_matched_by_code(load_boundary_upload(four), "xa.shp")


def test_a_geojson_loads(official, tmp_path):
    text = official.to_crs(4326).to_json(drop_id=True).encode()
    assert_all_matched_by_code(load_boundary_upload([("xa.geojson", text)]), "xa.geojson")


@pytest.mark.parametrize(
    "name", ["../../evil.geojson", "..\\..\\evil.geojson", "/tmp/evil.geojson", "a/../evil.geojson"]
)
def test_an_upload_named_with_a_path_stays_in_the_temporary_folder(
    official, tmp_path, monkeypatch, name
):
    uploads_root = tmp_path / "tmp" / "inner"
    uploads_root.mkdir(parents=True)
    monkeypatch.setattr("tempfile.tempdir", str(uploads_root))
    text = official.to_crs(4326).to_json(drop_id=True).encode()
    loaded = load_boundary_upload([(name, text)])
    assert loaded.source_name == "evil.geojson"
    assert len(loaded.communes) == 579
    # The temporary folder is gone and nothing was written beside or above it.
    assert list(uploads_root.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "tmp").iterdir()) == ["inner"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]


@pytest.mark.parametrize("name", ["", ".", "..", "a/.."])
def test_an_upload_whose_name_is_a_folder_is_refused_as_not_a_boundary_file(name):
    with pytest.raises(DataFileError, match="is a boundary file"):
        load_boundary_upload([(name, b"{}")])


def test_sidecars_alone_are_not_a_boundary_file():
    with pytest.raises(DataFileError) as raised:
        load_boundary_upload([("xa.dbf", b"not read")])
    assert str(raised.value) == (
        "None of the uploaded files (xa.dbf) is a boundary file. Upload a .zip of a "
        "shapefile, a .shp with its .shx, .dbf and .prj, a .gpkg or a .geojson."
    )


def test_two_boundary_files_at_once_are_refused():
    with pytest.raises(DataFileError) as raised:
        load_boundary_upload([("a.geojson", b"{}"), ("b.zip", b"PK")])
    assert str(raised.value) == (
        "Several boundary files were uploaded together (a.geojson, b.zip). Upload one at a time."
    )


@pytest.mark.parametrize(
    "left_out, named",
    [(("xa.shx",), "xa.shx"), (("xa.dbf",), "xa.dbf"), (("xa.shx", "xa.dbf"), "xa.shx, xa.dbf")],
)
def test_a_shp_without_its_shx_or_dbf_names_the_missing_files(official, tmp_path, left_out, named):
    parts = shapefile_parts(official, tmp_path / "shp")
    upload = [(name, content) for name, content in parts.items() if name not in left_out]
    with pytest.raises(DataFileError) as raised:
        load_boundary_upload(upload)
    assert str(raised.value) == (
        f"xa.shp was uploaded without {named}. Upload the .shp together with its .shx, .dbf "
        "and .prj files (all with the same name), or zip them together."
    )


def test_a_shp_without_its_prj_says_the_coordinate_system_is_unknown(official, tmp_path):
    parts = shapefile_parts(official, tmp_path / "shp")
    upload = [(name, content) for name, content in parts.items() if name != "xa.prj"]
    with pytest.raises(DataFileError, match="xa.shp has no .prj file"):
        load_boundary_upload(upload)


def test_communes_left_out_of_a_file_are_listed_by_name(official, tmp_path):
    kept = official[~official["MaXa"].isin(["00001", "00460"])].to_crs(4326)
    loaded = load_boundary_upload([("xa.geojson", kept.to_json(drop_id=True).encode())])
    assert loaded.missing_codes == ["00001", "00460"]
    missing = missing_communes(loaded.missing_codes)
    assert missing.to_dict("records") == [
        {
            "commune_code": "00001",
            "commune_name": "Phường Phúc Xá",
            "district_name": "Quận Ba Đình",
        },
        {"commune_code": "00460", "commune_name": "Xã Thuỵ Lâm", "district_name": "Huyện Đông Anh"},
    ]


@pytest.fixture(scope="module")
def stored_default() -> str:
    return geojson_for_store(reference.default_communes())


def test_stored_geojson_holds_579_communes_with_codes_as_text(stored_default):
    features = json.loads(stored_default)["features"]
    assert len(features) == 579
    codes = [feature["properties"]["commune_code"] for feature in features]
    assert all(isinstance(code, str) and len(code) == 5 for code in codes)
    assert set(codes) == set(reference.units()["commune_code"])
    assert {"commune_name", "district_code"} <= set(features[0]["properties"])


def test_stored_geojson_of_the_default_map_is_small(stored_default):
    assert len(stored_default.encode()) <= MAX_STORED_BYTES


def test_stored_geojson_of_the_default_map_is_still_a_valid_coverage(stored_default):
    features = json.loads(stored_default)["features"]
    stored = gpd.GeoDataFrame.from_features(features, crs=4326)
    assert stored.is_valid.all()
    assert shapely.coverage_is_valid(stored.geometry.values)
