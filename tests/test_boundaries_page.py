"""The boundaries page (AppTest): the map is everyone's; only a signed-in editor changes it."""

from pathlib import Path

import pytest
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
    assert any("x.geojson" in box.value for box in app.success)
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
