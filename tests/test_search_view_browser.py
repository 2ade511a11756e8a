"""The map page in headless Chromium: clearing a commune search gives the drawn map back the
view the search replaced (the whole city, or the district chosen), not only the view the page
plans (tests/test_map_view.py checks that headless)."""

import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from browser_support import block_remote_requests, drawn_map

pytestmark = pytest.mark.browser

PHUC_XA = (21.0449, 105.8517)  # where the map centres for the commune

VIEW = (
    "() => window.map && [window.map.getZoom(), window.map.getCenter().lat,"
    " window.map.getCenter().lng]"
)


def drawn_view(page) -> tuple[float, float, float]:
    """Zoom and centre of the map as drawn in the browser."""
    return tuple(drawn_map(page, 579, timeout=60_000).evaluate(VIEW))


def view_becomes(page, wanted, timeout_s: float = 30) -> tuple[float, float, float]:
    """Wait until the drawn view passes `wanted(view)`; the last view seen."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            view = drawn_view(page)
            if view and wanted(view):
                return view
        except PlaywrightError:  # the map's frame replaced while it was read: read it again
            view = None
        if time.monotonic() > deadline:
            return view
        page.wait_for_timeout(500)


def idle(page) -> None:
    """Wait until Streamlit's page is not running a script (its status widget is gone)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)


def on_phuc_xa(view) -> bool:
    """The map centred on Phúc Xá (the sample's commune 00001), zoomed in."""
    return view[0] >= 12 and abs(view[1] - PHUC_XA[0]) < 0.01 and abs(view[2] - PHUC_XA[1]) < 0.01


def near(a, b) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) < 0.005 and abs(a[2] - b[2]) < 0.005


@pytest.mark.parametrize("district", ["", "003"], ids=["whole city", "a district"])
def test_clearing_the_search_brings_back_the_drawn_view(browser, app_url, district):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    block_remote_requests(page)
    page.goto(f"{app_url}/map?lang=en" + (f"&district={district}" if district else ""))
    before = view_becomes(page, lambda view: True, timeout_s=60)
    # The sidebar follows the map (pages/map.py); search once the page has stopped running.
    page.locator(".st-key-district input").wait_for(timeout=60_000)
    idle(page)
    search = page.get_by_label("Find a commune/ward")
    search.fill("phuc xa")
    search.press("Enter")
    zoomed = view_becomes(page, lambda view: on_phuc_xa(view))
    assert on_phuc_xa(zoomed) and not near(zoomed, before), (before, zoomed)
    idle(page)  # a box cleared while the search's run still draws the page can be lost
    search.fill("")
    search.press("Enter")
    after = view_becomes(page, lambda view: near(view, before))
    assert near(after, before), (before, after)
    context.close()
