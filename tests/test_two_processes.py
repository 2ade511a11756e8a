"""Scale-out: two app servers on one database; a report imported through one shows in the other.

On PostgreSQL when TEST_POSTGRES_URL is set (the scale-out path; CI sets it), else on SQLite.
"""

import pytest
from helpers_reports import write_may_30_report
from helpers_store import POSTGRES_URL, fresh_database

from browser_support import block_remote_requests, streamlit_app
from loaders import editors, store

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


def latest_date_shown(page, base) -> None:
    page.goto(f"{base}/map")
    page.get_by_text("Số liệu đến ngày").first.wait_for(timeout=60_000)


def test_an_import_through_one_server_shows_in_the_other(browser, tmp_path):
    backend = "postgresql" if POSTGRES_URL else "sqlite"
    with fresh_database(backend, tmp_path) as url:
        engine = store.connect(url)
        editors.add_editor(engine, "lan", PASSWORD)
        report = tmp_path / "bao-cao-30-05.csv"
        write_may_30_report(engine, report, more_cards=5)
        env = {"DATABASE_URL": url}
        with streamlit_app("app.py", env=env) as first, streamlit_app("app.py", env=env) as second:
            viewer = browser.new_page()
            block_remote_requests(viewer)
            latest_date_shown(viewer, second)  # the second server caches the store's frames
            viewer.get_by_text("29/05/2023").first.wait_for(timeout=30_000)

            editor = browser.new_page()
            block_remote_requests(editor)
            editor.goto(f"{first}/imports")
            editor.get_by_label("Tên biên tập viên").fill("lan")
            editor.get_by_label("Mật khẩu").fill(PASSWORD)
            editor.get_by_role("button", name="Đăng nhập").click()
            upload = editor.locator('[data-testid="stFileUploader"] input[type="file"]')
            upload.set_input_files(str(report))
            editor.get_by_role("button", name="Ghi vào kho số liệu").click()
            editor.get_by_text("Đã ghi 579 dòng").wait_for(timeout=60_000)

            latest_date_shown(viewer, second)
            viewer.get_by_text("30/05/2023").first.wait_for(timeout=30_000)
        engine.dispose()
