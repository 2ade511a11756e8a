"""The boundaries page (AppTest): the map is everyone's; only a signed-in editor changes it."""

import json
from pathlib import Path

import pytest
from page_headline import headline
from streamlit.testing.v1 import AppTest

from loaders import editors, reference, store, uploads

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"


@pytest.fixture
def store_url(app_store):
    """The test's store, with one editor."""
    editors.add_editor(store.connect(app_store), "lan", PASSWORD)
    return app_store


def save_a_users_map(engine) -> None:
    """A stored boundary set named x.geojson (the default communes stand in for it)."""
    store.save_boundaries(
        engine, uploads.geojson_for_store(reference.default_communes()), "x.geojson"
    )


def boundaries_page(session: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/boundaries.py")
    for key, value in (session or {}).items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_viewer_sees_which_map_is_in_use_and_a_sign_in_form_but_no_upload(store_url):
    app = boundaries_page()
    assert any("gần đúng" in info.value for info in app.info)
    assert any("đăng nhập biên tập viên" in info.value for info in app.info)
    assert [field.label for field in app.text_input] == ["Tên biên tập viên", "Mật khẩu"]
    assert not app.get("file_uploader")


def test_a_viewer_cannot_go_back_to_the_default_map(store_url):
    save_a_users_map(store.connect(store_url))
    app = boundaries_page()
    assert any("x.geojson" in box.value.replace("\\", "") for box in app.success)  # as text
    assert not [b for b in app.button if b.label == "Quay về bản đồ gần đúng mặc định"]


def test_an_editor_signs_in_and_gets_the_upload(store_url):
    app = boundaries_page()
    app.text_input(key="sign_in_name").input("lan")
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert app.get("file_uploader")
    assert not [field for field in app.text_input if field.label == "Mật khẩu"]


def test_a_signed_in_editor_may_go_back_to_the_default_map(store_url):
    engine = store.connect(store_url)
    save_a_users_map(engine)
    app = boundaries_page({"editor": "lan"})
    (back,) = [b for b in app.button if b.label == "Quay về bản đồ gần đúng mặc định"]
    back.click().run()
    assert store.read_boundaries(engine) is None


# --- a file with columns nobody told us about ------------------------------------------------


def unlisted_geojson(drop: str | None = None) -> bytes:
    """The default map with field names that are in no list: MA_DV (codes), ten (names), and
    a running OBJECTID; without the commune `drop` when given (a partial file)."""
    communes = reference.default_communes()
    if drop is not None:
        communes = communes[communes["commune_code"] != drop]
    frame = communes.assign(OBJECTID=range(1, len(communes) + 1)).rename(
        columns={"commune_code": "MA_DV", "commune_name": "ten"}
    )
    return frame[["OBJECTID", "MA_DV", "ten", "geometry"]].to_json(drop_id=True).encode()


def uploaded(app: AppTest, name: str, content: bytes) -> AppTest:
    app.get("file_uploader")[0].set_value((name, content, "application/geo+json"))
    app.run()
    assert not app.exception, app.exception
    return app


def boxes(app: AppTest) -> dict[str, str]:
    return {box.label: box.value for box in app.selectbox}


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def use_button(app: AppTest):
    (button,) = [b for b in app.button if b.label == "Dùng bản đồ này"]
    return button


def test_the_columns_found_by_content_fill_the_select_boxes(store_url):
    app = uploaded(boundaries_page({"editor": "lan"}), "phuong.geojson", unlisted_geojson())
    assert boxes(app) == {"Mã xã": "MA_DV", "Tên xã": "ten", "Mã quận/huyện": "",
                          "Tên quận/huyện": ""}  # fmt: skip
    decisions = app.info[-1].value.replace("\\", "")
    assert "- cột “MA_DV” → mã xã (579 trên 579 giá trị là mã trong danh mục)" in decisions
    assert "- cột “ten” → tên xã (579 trên 579 giá trị là tên trong danh mục)" in decisions
    assert app.caption[-1].value.replace("\\", "") == "Các cột không dùng đến: OBJECTID"
    assert metrics(app)["Khớp theo mã"] == "579"
    assert not app.checkbox and not use_button(app).disabled


def test_choosing_no_code_column_matches_by_name_instead(store_url):
    app = uploaded(boundaries_page({"editor": "lan"}), "phuong.geojson", unlisted_geojson())
    (code_box,) = [box for box in app.selectbox if box.label == "Mã xã"]
    code_box.set_value("").run()
    assert not app.exception, app.exception
    # 27 names recur in several districts, and this file has no district column to tell them apart
    assert (metrics(app)["Khớp theo mã"], metrics(app)["Khớp theo tên"]) == ("0", "552")
    assert boxes(app)["Mã xã"] == ""
    assert "theo lựa chọn của bạn" in app.info[-1].value.replace("\\", "")


def test_a_partial_file_needs_partial_coverage_accepted_before_use(store_url):
    engine = store.connect(store_url)
    app = uploaded(boundaries_page({"editor": "lan"}), "thieu.geojson", unlisted_geojson("00001"))
    assert metrics(app)["Xã/phường thiếu"] == "1"
    assert use_button(app).disabled
    app.checkbox[0].check().run()
    assert not use_button(app).disabled
    use_button(app).click().run()
    assert store.read_boundaries(engine)[1] == "thieu.geojson"


def test_a_file_whose_columns_convince_nobody_can_be_read_by_choosing_them(store_url):
    ring = [[105.848, 21.046], [105.85, 21.046], [105.85, 21.048], [105.848, 21.046]]
    names = ["Phúc Xá", "Chỗ tạm 1", "Chỗ tạm 2"]  # one name of the list in three: no guess
    features = [
        {"type": "Feature", "properties": {"dia_danh": name},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}
        for name in names
    ]  # fmt: skip
    content = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    app = uploaded(boundaries_page({"editor": "lan"}), "tam.geojson", content)
    assert "không có cột mã xã hay cột tên xã" in app.error[0].value
    assert boxes(app)["Tên xã"] == ""
    (name_box,) = [box for box in app.selectbox if box.label == "Tên xã"]
    name_box.set_value("dia_danh").run()
    assert not app.exception and not app.error
    assert (metrics(app)["Khớp theo tên"], metrics(app)["Đối tượng đọc được"]) == ("1", "3")
    assert use_button(app).disabled


def test_an_editor_loads_boundaries_into_a_store_whose_sample_was_removed(store_url):
    # A real deployment removes the sample first; its map can be loaded before any report.
    store.remove_sample(store.connect(store_url), "lan")
    app = boundaries_page({"editor": "lan"})
    assert not any("chưa có báo cáo" in info.value.lower() for info in app.info)
    assert app.get("file_uploader")


@pytest.mark.parametrize("name", ["![i](https:192.0.2.9).geojson", "[a](http://x.example).zip"])
def test_a_file_name_in_markdown_is_shown_as_text(store_url, name):
    """Issue 17: the name of the map in use was read as Markdown (a remote image, a link)."""
    store.save_boundaries(
        store.connect(store_url), uploads.geojson_for_store(reference.default_communes()), name
    )
    app = boundaries_page()
    (said,) = [s.value for s in app.success]
    assert "\\[" in said and "\\(" in said  # escaped: Streamlit shows the brackets as text
    assert "](" not in said  # no link or image left to read


def test_the_map_page_names_a_markdown_file_as_text(store_url):
    """Issue 17: the map's caption ("boundary map in use: …") read the name as Markdown."""
    name = "![i](https:192.0.2.9) [a](http://x.example).geojson"
    store.save_boundaries(
        store.connect(store_url), uploads.geojson_for_store(reference.default_communes()), name
    )
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/map.py")
    app.run()
    assert not app.exception, app.exception
    # The caption is part of the headline's HTML (cccd.headline): the name as written, no
    # image or link made of it.
    assert name in headline(app).notices["caption"]
    (block,) = [el.proto.body for el in app.get("html") if "cccd-head" in el.proto.body]
    assert "<img" not in block and "<a " not in block
