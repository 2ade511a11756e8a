"""In Chromium, with every non-local request aborted, st_folium draws the map from static/."""

import pytest

from browser_support import (
    block_remote_requests,
    map_frame,
    record_console_errors,
    streamlit_app,
    wait_for_shapes,
)

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/offline_map.png"
LEAFLET_CDN = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"


@pytest.fixture(scope="module")
def offline_app_url():
    with streamlit_app("tests/apps/offline_map_app.py") as url:
        yield url


def test_map_draws_without_internet(page, offline_app_url):
    blocked = block_remote_requests(page)
    errors = record_console_errors(page)
    page.goto(offline_app_url)

    frame = map_frame(page)
    assert wait_for_shapes(frame, 3) == 3
    assert frame.evaluate("typeof L !== 'undefined' && L.version") == "1.9.4"
    assert frame.locator(".leaflet-control-attribution").is_visible()
    page.screenshot(path=SCREENSHOT, full_page=True)

    assert blocked == [], f"the page asked the internet for: {blocked}"
    assert errors == [], f"console errors: {errors}"


def test_tooltip_shows_on_hover(page, offline_app_url):
    block_remote_requests(page)
    page.goto(offline_app_url)
    frame = map_frame(page)
    wait_for_shapes(frame, 3)

    frame.locator("path.leaflet-interactive").first.hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert "Ô số" in tooltip.inner_text()


def test_control_with_cdn_assets_stays_blank(page, start_app):
    url = start_app("tests/apps/offline_map_app.py", env={"MAP_ASSETS": "cdn"})
    blocked = block_remote_requests(page)
    page.goto(url)
    frame = map_frame(page)
    for _ in range(300):
        if LEAFLET_CDN in blocked:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(1_000)

    assert LEAFLET_CDN in blocked
    assert frame.locator("path.leaflet-interactive").count() == 0
