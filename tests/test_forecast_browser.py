"""Progress over time in headless Chromium: the date slider redraws the map; a district opens."""

import pytest

from browser_support import block_remote_requests, drawn_map, streamlit_app

pytestmark = pytest.mark.browser


def fills(frame) -> list[str]:
    return frame.eval_on_selector_all(
        "path.leaflet-interactive", "paths => paths.map(p => p.getAttribute('fill'))"
    )


def test_first_visit_to_a_page_address_gets_the_app_navigation(page, tmp_path):
    # A fresh server: nobody has run app.py yet when the shared link is opened.
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with streamlit_app("app.py", env={"DATABASE_URL": url}) as fresh:
        block_remote_requests(page)
        page.goto(f"{fresh}/districts")
        page.get_by_role("heading", name="Quận/huyện: dự kiến hoàn thành").wait_for(timeout=60_000)
        nav = page.locator('[data-testid="stSidebarNav"]')
        assert "Bản đồ tiến độ" in nav.inner_text()
        assert "cached" not in nav.inner_text()


def test_date_slider_changes_the_map(page, app_url):
    block_remote_requests(page)
    page.goto(f"{app_url}/map")
    frame = drawn_map(page, 579, timeout=60_000)
    assert frame.locator(".at-target-mark").count() == 45
    before = fills(frame)

    handle = page.locator('.st-key-as_of input[type="range"]')
    handle.focus()
    handle.press("Home")  # the first report day: nobody at target yet
    page.wait_for_function(
        "() => document.querySelector('iframe[title*=\"streamlit_folium\"]')"
        ".contentDocument.querySelectorAll('.at-target-mark').length === 0",
        timeout=60_000,
    )
    assert "15/05/2023" in page.locator(".cccd-head .value").all_inner_texts()[-1]
    assert fills(frame) != before


def test_a_district_opens_its_chart_and_communes(page, app_url):
    block_remote_requests(page)
    page.goto(f"{app_url}/districts")
    page.get_by_role("heading", name="30 quận/huyện").wait_for(timeout=60_000)
    chooser = page.locator(".st-key-detail_district input")
    chooser.scroll_into_view_if_needed()
    chooser.click()
    chooser.fill("Hà Đông")
    page.get_by_role("option", name="Quận Hà Đông").click()
    page.get_by_role("heading", name="Các xã/phường của Quận Hà Đông").wait_for(timeout=30_000)
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    chart.wait_for(timeout=30_000)
    assert chart.bounding_box()["height"] > 200
    assert "02/08/2023" in page.locator('[data-testid="stMetric"]').all_inner_texts()[-2]
    page.screenshot(path="/tmp/district_chart.png")
