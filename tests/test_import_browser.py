"""Loading a day's report in headless Chromium: viewers cannot, an editor previews and commits."""

import pandas as pd
import pytest
from helpers_reports import write_may_30_report

from browser_support import block_remote_requests, streamlit_app
from loaders import editors, store

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app on its own store with one editor, and a good report for 30/05/2023."""
    folder = tmp_path_factory.mktemp("imports")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    engine = store.connect(url)
    editors.add_editor(engine, "lan", PASSWORD)
    report = write_may_30_report(engine, folder / "bao-cao-30-05.csv")
    with streamlit_app("app.py", env={"DATABASE_URL": url}) as base:
        yield base, report, url


def open_imports(page, base):
    block_remote_requests(page)
    page.goto(f"{base}/imports")
    page.get_by_role("heading", name="Nhập báo cáo ngày").wait_for(timeout=60_000)
    page.get_by_label("Mật khẩu").wait_for(timeout=30_000)


def test_a_viewer_gets_a_sign_in_form_and_no_upload(page, app):
    base, _, _ = app
    open_imports(page, base)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.get_by_role("button", name="Hoàn tác").count() == 0


def test_an_editor_previews_commits_and_the_map_moves_to_the_new_day(page, app):
    base, report, url = app
    open_imports(page, base)
    page.get_by_label("Tên biên tập viên").fill("lan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(report))
    commit = page.get_by_role("button", name="Ghi vào kho số liệu")
    try:
        commit.wait_for(timeout=60_000)
    finally:
        page.screenshot(path="/tmp/import_preview.png", full_page=True)
    metrics = page.locator('[data-testid="stMetric"]')
    assert "579" in metrics.first.inner_text()  # rows accepted
    page.screenshot(path="/tmp/import_preview.png", full_page=True)
    commit.click()
    page.get_by_text("Đã ghi 579 dòng").wait_for(timeout=60_000)
    assert pd.Timestamp("2023-05-30") in set(store.read_reports(store.connect(url))["as_of"])

    page.get_by_role("link", name="Bản đồ tiến độ").click()
    page.get_by_text("30/05/2023").first.wait_for(timeout=60_000)
