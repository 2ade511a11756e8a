"""The import page (AppTest): viewers get a sign-in form only; editors get upload and undo."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from loaders import editors, store

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"


@pytest.fixture
def store_url(app_store):
    """The test's store, with one editor."""
    editors.add_editor(store.connect(app_store), "lan", PASSWORD)
    return app_store


def import_page(session: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/imports.py")
    for key, value in (session or {}).items():
        app.session_state[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def kinds(app: AppTest) -> set[str]:
    return {
        type(element).__name__ + ":" + str(getattr(element, "type", "")) for element in app.main
    }


def test_viewer_sees_only_the_sign_in_form(store_url):
    app = import_page()
    assert [field.label for field in app.text_input] == ["Tên biên tập viên", "Mật khẩu"]
    assert not app.get("file_uploader")
    assert not [button for button in app.button if button.label == "Hoàn tác"]


def test_wrong_password_is_refused_with_a_message(store_url):
    app = import_page()
    app.text_input(key="sign_in_name").input("lan")
    app.text_input(key="sign_in_password").input("not the password")
    app.get("form")[0].children  # noqa: B018 - the form exists
    app.button[0].click().run()
    assert [error.value for error in app.error] == ["Sai tên hoặc mật khẩu."]
    assert "editor" not in app.session_state
    assert not app.get("file_uploader")


def test_right_password_opens_upload_history_and_undo(store_url):
    app = import_page()
    app.text_input(key="sign_in_name").input("lan")
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button[0].click().run()
    assert app.session_state["editor"] == "lan"
    assert app.get("file_uploader")
    assert any(button.label == "Hoàn tác" for button in app.button)
    assert len(app.dataframe) == 1  # the import log, with the synthetic seed


class Upload:
    """What st.file_uploader returns: AppTest cannot upload a file, so the test hands one over."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data

    def getvalue(self) -> bytes:
        return self.data


def test_problems_are_shown_in_the_readers_language(store_url, monkeypatch):
    report = (
        "Ngày báo cáo,Mã xã,Chỉ tiêu,Số thẻ đã trả,Đã kích hoạt VNeID\n"
        "30/05/2023,00001,4984,4985,3000\n"  # Phúc Xá's target is 4,984
        "30/05/2023,00004,1604,12a,900\n"
    ).encode()
    monkeypatch.setattr(st, "file_uploader", lambda *args, **kwargs: Upload("bc.csv", report))
    app = import_page({"editor": "lan"})  # the page speaks Vietnamese unless told otherwise
    (table,) = [frame.value for frame in app.dataframe if "Lỗi" in frame.value.columns]
    assert table["Lỗi"].tolist() == [
        "số thẻ đã trả (4.985) vượt chỉ tiêu (4.984) của Phường Phúc Xá (00001)",
        "không phải số nguyên",
    ]
    assert table["Cách sửa"].iloc[1].startswith("Chỉ dùng chữ số để ghi số thẻ đã trả")
    (commit,) = [button for button in app.button if button.label == "Ghi vào kho số liệu"]
    assert app.error and commit.disabled
