"""For leaders and presenters, in headless Chromium: deep links, the keyboard tour, the PNG
download and a 390 px phone screen."""

import io

import pytest
from PIL import Image

from browser_support import block_remote_requests, download, map_frame, wait_for_shapes

pytestmark = pytest.mark.browser


def test_a_deep_link_restores_page_district_metric_and_language(page, app_url):
    block_remote_requests(page)
    page.goto(f"{app_url}/map?district=268&metric=activated&lang=en")
    page.get_by_role("heading", name="Chip-based ID card (CCCD) delivery – Hanoi").wait_for(
        timeout=60_000
    )
    # The sidebar follows the map (pages/map.py: the map comes first), its boxes filled a
    # moment after they appear.
    page.locator(".st-key-district input").wait_for(timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.st-key-district').textContent.length > 0", timeout=30_000
    )
    shown = page.locator(".st-key-district").evaluate(
        "e => e.textContent + [...e.querySelectorAll('input')].map(i => i.value).join(' ')"
    )
    assert "Quận Hà Đông" in shown
    assert page.get_by_role("radio", name="e-ID (VNeID) accounts activated").is_checked()


def test_arrow_keys_step_through_the_tour(page, app_url):
    block_remote_requests(page)
    page.goto(f"{app_url}/present")
    tour = page.wait_for_selector(".st-key-present_tour iframe", timeout=90_000).content_frame()
    tour.get_by_role("heading", name="Toàn thành phố").wait_for(timeout=60_000)
    tour.wait_for_function("document.body.dataset.drawn >= 1", timeout=60_000)
    page.keyboard.press("ArrowRight")
    tour.get_by_role("heading", name="Quận Hà Đông").wait_for(timeout=10_000)
    page.keyboard.press("ArrowLeft")
    tour.get_by_role("heading", name="Toàn thành phố").wait_for(timeout=10_000)


def test_the_map_downloads_as_a_png(page, app_url):
    block_remote_requests(page)
    page.goto(app_url)
    button = page.get_by_role("button", name="Tải bản đồ (PNG)")
    button.wait_for(timeout=60_000)
    image = Image.open(io.BytesIO(open(download(page, button).path(), "rb").read()))
    assert image.format == "PNG" and image.width > 1000


def test_a_390_px_screen_stacks_the_figures_and_nothing_overflows(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    block_remote_requests(page)
    page.goto(app_url)
    wait_for_shapes(map_frame(page, timeout=60_000), 579, timeout=60_000)
    overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert overflow <= 390
    lefts = [
        box["x"]
        for box in map(lambda m: m.bounding_box(), page.locator('[data-testid="stMetric"]').all())
    ]
    assert len(set(round(x) for x in lefts)) == 1  # one column: stacked, not squeezed side by side
    page.screenshot(path="/tmp/mobile_390.png", full_page=False)
    context.close()
