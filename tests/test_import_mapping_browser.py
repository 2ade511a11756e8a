"""Reports as people send them, loaded in headless Chromium (issue 14): the column select boxes
filled with the reader's guesses, several district files at once, a workbook with one sheet per
district; each from a fresh store seeded with the sample, with 29/05 + 1 card dated 30/05."""

import helpers_import_files as files
import pytest
from playwright.sync_api import expect

from browser_support import block_remote_requests, streamlit_app
from loaders import editors, store

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
UPLOADER = '[data-testid="stFileUploader"] input[type="file"]'


@pytest.fixture
def app(tmp_path):
    """The app on a fresh seeded store with one editor: (base URL, engine, a folder)."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = store.connect(url)
    editors.add_editor(engine, "lan", PASSWORD)
    with streamlit_app("app.py", env={"DATABASE_URL": url}) as base:
        yield base, engine, tmp_path


def sign_in(page, base: str) -> None:
    block_remote_requests(page)
    page.goto(f"{base}/imports")
    page.get_by_label("Tên biên tập viên").fill("lan", timeout=60_000)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.locator(UPLOADER).wait_for(state="attached", timeout=30_000)


def metric(page, label: str):
    """The value element of the metric labelled `label`."""
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return box.locator('[data-testid="stMetricValue"]')


def select_box(page, label: str):
    return page.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator("label", has_text=label)
    )


def summary_lines(page, count: int) -> list[list[str]]:
    """The per-file summary table's `count` body rows, as the text of their cells."""
    table = page.locator('[data-testid="stTable"]').filter(has_text="Số dòng hợp lệ")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(count, timeout=60_000)  # drawn just after the metrics
    return [
        [cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_the_select_boxes_show_the_guesses_and_a_change_changes_the_preview(page, app):
    base, engine, folder = app
    report = files.write_unfamiliar_report(engine, folder / "bao cao 30-05.csv")
    sign_in(page, base)
    page.locator(UPLOADER).set_input_files(str(report))
    delivered = select_box(page, "Số thẻ đã trả")
    try:
        expect(delivered.locator("input")).to_have_value("SL thẻ trả dân", timeout=60_000)
    finally:
        page.screenshot(path="/tmp/import_mapping.png", full_page=True)
    activated = select_box(page, "Đã kích hoạt VNeID").locator("input")
    expect(activated).to_have_value("Số TK định danh mức 2")
    expect(select_box(page, "Quận/huyện").locator("input")).to_have_value("—")
    # The preview comes after the boxes in the same run: on a busy machine, seconds later.
    expect(metric(page, "Dòng có lỗi")).to_have_text("0", timeout=60_000)

    delivered.locator("input").click()
    delivered.locator("input").fill("Số TK")
    page.get_by_role("option", name="Số TK định danh mức 2").click()
    expect(metric(page, "Dòng có lỗi")).to_have_text("579", timeout=60_000)
    # Expect, not assert: the button of the run before may still be on screen for a moment.
    expect(page.get_by_role("button", name="Ghi vào kho số liệu")).to_be_disabled(timeout=60_000)


def test_three_district_files_at_once_make_one_import_with_a_line_per_file(page, app):
    base, engine, folder = app
    paths = files.write_district_csvs(engine, folder)
    expected = sum(len(frame) for _, frame in files.districts(engine))
    sign_in(page, base)
    page.locator(UPLOADER).set_input_files([str(path) for path in paths])
    expect(metric(page, "Dòng hợp lệ")).to_have_text(str(expected), timeout=60_000)
    sizes = [str(len(frame)) for _, frame in files.districts(engine)]
    assert summary_lines(page, len(paths)) == [
        [path.name, size, size, "30/05/2023"] for path, size in zip(paths, sizes, strict=True)
    ]

    page.get_by_role("button", name="Ghi vào kho số liệu").click()
    page.get_by_text(f"Đã ghi {expected} dòng").wait_for(timeout=60_000)
    assert len(files.rows_of(engine)) == expected


def test_a_workbook_with_a_sheet_per_district_is_read_as_one_report(page, app):
    base, engine, folder = app
    book = files.write_district_workbook(engine, folder / "bao-cao-cac-quan.xlsx")
    expected = sum(len(frame) for _, frame in files.districts(engine))
    sign_in(page, base)
    page.locator(UPLOADER).set_input_files(str(book))
    expect(metric(page, "Dòng hợp lệ")).to_have_text(str(expected), timeout=60_000)
    sheets = [name for name, _ in files.districts(engine)]
    lines = summary_lines(page, len(sheets))
    assert [line[:2] for line in lines] == [[book.name, sheet] for sheet in sheets]
    page.get_by_role("button", name="Ghi vào kho số liệu").click()
    page.get_by_text(f"Đã ghi {expected} dòng").wait_for(timeout=60_000)
    assert len(files.rows_of(engine)) == expected
