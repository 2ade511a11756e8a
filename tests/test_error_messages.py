"""The loaders' errors and sign-in answers speak the reader's language; str() stays English.

Each case makes a loader fail for real (a bad file, a bad store URL, a wrong editor name) and
renders the DataFileError's Message in Vietnamese and French.
"""

import json
import pickle
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from cccd.messages import message
from loaders import catalogue, editors, reports, store
from loaders._store_rows import normalise_reports
from loaders.boundaries import load_boundaries
from loaders.errors import DataFileError, listing
from loaders.uploads import load_boundary_upload

ROOT = Path(__file__).resolve().parent.parent
BAD_REPORTS = ROOT / "tests" / "data" / "reports" / "bad"
PASSWORD = "correct horse battery"
T0 = datetime(2023, 5, 30, 8, 0)
VI = catalogue.translator("vi", strict=True)
FR = catalogue.translator("fr", strict=True)
NNBSP = "\u202f"  # French thousands separator (CLDR)


def raised(action: Callable[[], object]) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        action()
    return caught.value


def geojson(path: Path, properties: list[dict]) -> Path:
    """One small square near Phúc Xá per feature, no "crs" member (lon/lat)."""
    ring = [[105.848, 21.046], [105.85, 21.046], [105.85, 21.048], [105.848, 21.046]]
    features = [
        {"type": "Feature", "properties": p, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for p in properties
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = store.connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield engine
    engine.dispose()


# --- boundary files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, english, vi, fr",
    [
        (
            "map.kml",
            b"<kml/>",
            "map.kml: '.kml' files are not supported. Give one of: .zip (a zipped shapefile)",
            "map.kml: không hỗ trợ tệp “.kml”. Hãy dùng một trong các loại: .zip (shapefile",
            "map.kml\xa0: les fichiers «\xa0.kml\xa0» ne sont pas pris en charge.",
        ),
        (
            "empty.geojson",
            b"",
            "empty.geojson is empty (0 bytes).",
            "empty.geojson trống (0 byte).",
            "empty.geojson est vide (0 octet).",
        ),
        (
            "bad.zip",
            b"PK nope",
            "bad.zip is not a valid zip file. Zip it again.",
            "bad.zip không phải là tệp zip hợp lệ. Hãy nén lại.",
            "bad.zip n’est pas un fichier zip valide.",
        ),
        (
            "none",
            b"x",
            "none: '(no extension)' files are not supported.",
            "none: không hỗ trợ tệp “(không có phần mở rộng)”.",
            "none\xa0: les fichiers «\xa0(sans extension)\xa0» ne sont pas pris en charge.",
        ),
    ],
)
def test_a_bad_boundary_file_is_explained_in_every_language(
    tmp_path: Path, name: str, content: bytes, english: str, vi: str, fr: str
) -> None:
    (tmp_path / name).write_bytes(content)
    error = raised(lambda: load_boundaries(tmp_path / name))
    assert str(error).startswith(english)
    assert VI.render(error.message).startswith(vi)
    assert FR.render(error.message).startswith(fr)


def test_a_zip_without_a_shapefile_lists_its_files_and_says_nothing_in_vietnamese(tmp_path):
    path = tmp_path / "data.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = raised(lambda: load_boundaries(path))
    assert VI.render(error.message) == (
        "data.zip không chứa shapefile (.shp) nào; trong đó có: readme.txt. Hãy nén tệp .shp "
        "cùng các tệp .shx, .dbf và .prj của nó."
    )


def test_nothing_matched_names_the_columns_and_examples_in_french(tmp_path: Path) -> None:
    path = geojson(tmp_path / "x.geojson", [{"MaXa": "77777", "TenXa": "Nowhere"}])
    error = raised(lambda: load_boundaries(path))
    assert str(error).startswith(
        "None of the 1 features in x.geojson matched a commune of the official list (columns "
        "used: commune_code from 'MaXa', commune_name from 'TenXa'). For example: feature 1 "
        "'Nowhere': "
    )
    assert FR.render(error.message).startswith(
        "Aucune des 1 entités de x.geojson ne correspond à une commune de la liste officielle "
        "(colonnes utilisées\xa0: commune_code tirée de «\xa0MaXa\xa0», commune_name tirée de "
        "«\xa0TenXa\xa0»). Par exemple\xa0: entité 1 «\xa0Nowhere\xa0»\xa0: "
    )


def test_nothing_matched_gives_an_example_code_of_the_active_dataset(tmp_path, monkeypatch):
    monkeypatch.setenv("CCCD_DATASET", "nationwide")
    path = geojson(tmp_path / "x.geojson", [{"MaXa": "77777"}])
    error = raised(lambda: load_boundaries(path))
    assert str(error).endswith("(e.g. 00001 for Phường Tổng hợp 00001).")
    assert VI.render(error.message).startswith(
        "Không đối tượng nào trong 1 đối tượng của x.geojson khớp với một xã/phường trong danh "
        "mục chính thức (các cột đã dùng: commune_code lấy từ “MaXa”). Ví dụ: đối tượng 1 "
        "“77777”: mã “77777” không có trong danh mục xã/phường chính thức."
    )
    assert VI.render(error.message).endswith("(ví dụ 00001 là Phường Tổng hợp 00001).")


def test_no_commune_column_says_none_found_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "x.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
        '"geometry": {"type": "Polygon", "coordinates": [[[105.848, 21.046], [105.85, 21.046], '
        "[105.85, 21.048], [105.848, 21.046]]]}}]}"
    )
    error = raised(lambda: load_boundaries(path))
    assert "(columns found: none)" in str(error)
    assert VI.render(error.message).startswith(
        "x.geojson không có cột mã xã hay cột tên xã (các cột tìm thấy: không có)."
    )


def test_what_a_load_reports_is_rendered_per_language(tmp_path: Path) -> None:
    path = tmp_path / "x.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "properties": {"name": "Trúc Bạch"}, "geometry": null},'
        '{"type": "Feature", "properties": {"name": "Phúc Xá"}, "geometry": {"type": "Polygon",'
        ' "coordinates": [[[105.848, 21.046], [105.85, 21.046], [105.85, 21.048], '
        "[105.848, 21.046]]]}},"
        '{"type": "Feature", "properties": {"name": "P. Phúc Xá"}, "geometry": {"type": "Polygon",'
        ' "coordinates": [[[105.85, 21.046], [105.852, 21.046], [105.852, 21.048], '
        "[105.85, 21.046]]]}}]}"
    )
    load = load_boundaries(path)
    assert load.unmatched == ["feature 1 'Trúc Bạch': has no geometry"]
    assert [VI.render(m) for m in load.unmatched_messages] == [
        "đối tượng 1 “Trúc Bạch”: không có hình học"
    ]
    assert load.notes == ["Phường Phúc Xá (00001): 2 features merged into one"]
    assert [FR.render(m) for m in load.note_messages] == [
        "Phường Phúc Xá (00001)\xa0: 2 entités fusionnées en une seule"
    ]


def test_an_upload_without_a_boundary_file_is_explained_in_vietnamese() -> None:
    error = raised(lambda: load_boundary_upload([("xa.dbf", b"not read")]))
    assert str(error).startswith("None of the uploaded files (xa.dbf) is a boundary file.")
    assert VI.render(error.message).startswith(
        "Không tệp nào trong các tệp đã tải lên (xa.dbf) là tệp ranh giới."
    )


# --- report files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, english, vi, fr",
    [
        (
            "no_header.csv",
            "no header row found in its first 30 rows",
            "không tìm thấy dòng tiêu đề",
            "aucune ligne d’en-tête",
        ),
        ("empty.csv", "empty.csv is empty.", "empty.csv trống.", "empty.csv est vide."),
        (
            "notes.txt.pdf",
            "notes.txt.pdf: reports must be .csv or .xlsx files, not '.pdf'.",
            "notes.txt.pdf: báo cáo phải là tệp .csv hoặc .xlsx, không phải “.pdf”.",
            "notes.txt.pdf\xa0: les rapports doivent être des fichiers .csv ou .xlsx, pas "
            "«\xa0.pdf\xa0».",
        ),
        (
            "old_excel.xls",
            "old_excel.xls is an old Excel 97-2003 workbook.",
            "old_excel.xls là sổ tính Excel 97-2003 kiểu cũ.",
            "old_excel.xls est un ancien classeur Excel 97-2003.",
        ),
    ],
)
def test_a_bad_report_file_is_explained_in_every_language(
    name: str, english: str, vi: str, fr: str
) -> None:
    error = raised(lambda: reports.read_report(BAD_REPORTS / name))
    assert english in str(error)
    assert vi in VI.render(error.message)
    assert fr in FR.render(error.message)


def test_a_missing_column_is_named_with_how_to_point_at_it() -> None:
    # Columns we do not know are ignored now; a column we need and cannot find is named,
    # with the way to say which heading holds it.
    error = raised(lambda: reports.read_report(BAD_REPORTS / "missing_activated.csv"))
    assert "Missing: activated" in str(error) and '--column activated="heading"' in str(error)
    vi = VI.render(error.message)
    assert "Thiếu: activated" in vi and '--column activated="tên cột"' in vi
    assert "--column" not in str(error).split("Missing")[0]


@pytest.mark.parametrize(
    "language, phrase",
    [
        ("vi", "Số liệu báo cáo có 1.234 dòng trùng ngày và xã/phường"),
        ("fr", f"Les rapports contiennent 1{NNBSP}234 lignes pour le même jour"),
        ("en", "The reports hold 1,234 rows for the same day and commune"),
    ],
)
def test_counts_in_a_message_follow_the_language(language: str, phrase: str) -> None:
    rows = pd.DataFrame(
        {
            "as_of": ["2023-05-30"] * 1234,
            "commune_code": [f"{n // 2:05d}" for n in range(1234)],
            "target": 10,
            "delivered": 5,
            "activated": 1,
        }
    )
    error = raised(lambda: normalise_reports(rows))
    assert phrase in catalogue.translator(language, strict=True).render(error.message)


# --- the store ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, vi, fr",
    [
        (
            "sqlite:////no/such/folder/cccd.sqlite",
            "Thư mục /no/such/folder dành cho cơ sở dữ liệu SQLite không tồn tại",
            "Le dossier /no/such/folder de la base SQLite n’existe pas\xa0;",
        ),
        (
            "foo",
            "DATABASE_URL 'foo' không phải là URL cơ sở dữ liệu; hãy dùng sqlite:///",
            "DATABASE_URL 'foo' n’est pas une URL de base de données\xa0; utilisez sqlite:///",
        ),
    ],
)
def test_a_bad_store_url_is_explained_in_every_language(url: str, vi: str, fr: str) -> None:
    error = raised(lambda: store.connect(url))
    assert VI.render(error.message).startswith(vi)
    assert FR.render(error.message).startswith(fr)


def test_a_store_that_cannot_be_opened_keeps_the_system_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database " * 100)
    error = raised(lambda: store.connect(f"sqlite:///{path}"))
    assert "names a SQLite database file" in str(error)
    vi = VI.render(error.message)
    assert vi.startswith(f"Không mở được cơ sở dữ liệu sqlite:///{path} (")
    assert "file is not a database" in vi  # SQLite's own words, as a value


# --- editors and sign-in --------------------------------------------------------------------


def test_a_wrong_editor_name_is_explained_in_every_language(engine: Engine) -> None:
    error = raised(lambda: editors.remove_editor(engine, "nobody"))
    assert str(error) == "There is no editor named 'nobody'; `list` shows the editors."
    assert VI.render(error.message) == (
        "Không có biên tập viên nào tên 'nobody'; lệnh `list` liệt kê các biên tập viên."
    )
    assert FR.render(error.message) == (
        "Il n’y a aucun éditeur nommé 'nobody'\xa0; la commande `list` affiche les éditeurs."
    )


def test_a_short_password_gives_its_length_in_vietnamese() -> None:
    error = raised(lambda: editors.hash_password("ngắn"))
    assert VI.render(error.message).startswith("Mật khẩu quá ngắn (4 ký tự); hãy dùng ít nhất 10")


def test_sign_in_answers_carry_a_message_to_render(engine: Engine) -> None:
    editors.add_editor(engine, "lan", PASSWORD)
    ok = editors.verify_editor(engine, "lan", PASSWORD, now=T0)
    assert (ok.message, VI.render(ok.reason)) == ("Signed in as lan.", "Đã đăng nhập với tên lan.")
    wrong = editors.verify_editor(engine, "lan", "wrong", now=T0)
    assert wrong.message == editors.WRONG == catalogue.english(message("signin.wrong"))
    assert FR.render(wrong.reason) == "Nom ou mot de passe incorrect."
    editors.verify_editor(engine, "lan", "wrong", now=T0)
    third = editors.verify_editor(engine, "lan", "wrong", now=T0)
    assert third.message == (
        "Wrong name or password. Too many failed sign-ins under this name: wait 1 seconds and "
        "try again."
    )
    assert VI.render(third.reason) == (
        "Sai tên hoặc mật khẩu. Tên này đã đăng nhập sai quá nhiều lần: hãy chờ 1 giây rồi thử lại."
    )


@pytest.mark.parametrize(
    "seconds, english, vi",
    [
        (0.4, "wait 0 seconds", "hãy chờ 0 giây"),
        (90, "wait 90 seconds", "hãy chờ 90 giây"),
        (900, "wait 15 minutes", "hãy chờ 15 phút"),
    ],
)
def test_the_wait_is_in_seconds_then_minutes(seconds: float, english: str, vi: str) -> None:
    wait = editors._wait_message(seconds)
    assert english in catalogue.english(wait)
    assert vi in VI.render(wait)


# --- the error type -------------------------------------------------------------------------


def test_an_error_survives_pickling_with_its_values() -> None:
    error = DataFileError("error.report_empty", file="a.csv")
    copy = pickle.loads(pickle.dumps(error))
    assert copy.message == error.message
    assert str(copy) == "a.csv is empty. Export the report again, with its header row."


@pytest.mark.parametrize(
    "items, english, vi",
    [
        ([], "nothing", "không có gì"),
        (["a.shp", "b.dbf"], "a.shp, b.dbf", "a.shp, b.dbf"),
        (
            ["x", message("error.code_or_name"), "y"],
            "x, commune_code or commune_name, y",
            "x, commune_code hoặc commune_name, y",
        ),
    ],
)
def test_listing_joins_with_commas_and_renders_each_item(items, english, vi) -> None:
    joined = listing(items, message("error.nothing"))
    assert (catalogue.english(joined), VI.render(joined)) == (english, vi)


# --- pages (AppTest) ------------------------------------------------------------------------


def open_page(page: str, language: str, editor: str | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = language
    app.run()
    if editor is not None:  # as if signed in (the boundaries upload is for editors)
        app.session_state["editor"] = editor
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_boundaries_page_shows_an_unusable_upload_in_vietnamese(app_store) -> None:
    app = open_page("pages/boundaries.py", "vi", editor="lan")
    app.get("file_uploader")[0].set_value(("xa.dbf", b"not read", "application/octet-stream"))
    app.run()
    assert not app.exception, app.exception
    assert [error.value for error in app.error] == [
        "Không dùng được tệp này. Không tệp nào trong các tệp đã tải lên (xa.dbf) là tệp ranh "
        "giới. Hãy tải lên một tệp .zip chứa shapefile, một tệp .shp kèm các tệp .shx, .dbf và "
        ".prj, một tệp .gpkg hoặc một tệp .geojson."
    ]


def test_a_store_that_cannot_be_opened_is_explained_in_french(app_store, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////no/such/folder/cccd.sqlite")
    app = open_page("pages/boundaries.py", "fr")
    assert [error.value for error in app.error] == [
        "Le dossier /no/such/folder de la base SQLite n’existe pas\xa0; créez-le ou faites "
        "pointer DATABASE_URL vers un dossier existant."
    ]
