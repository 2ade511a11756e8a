"""What a projector or a leader's screen shows, measured in headless Chromium: presenter mode's
and the overview's maps fill the window and carry the legend, headings sit at the top of every
page, the overview fits a 390 px phone. (The tour's keys, timer and states:
test_present_browser.py.)"""

import pytest

from browser_support import block_remote_requests, drawn_map

pytestmark = pytest.mark.browser

MAP = 'iframe[title*="streamlit_folium"]'
TOUR = ".st-key-present_tour iframe"  # presenter mode's tour (its heading is checked there)
PAGES = ["", "map", "districts", "imports", "boundaries", "method", "sources"]


def _open(browser, app_url: str, path: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    block_remote_requests(page)
    page.goto(f"{app_url}/{path}")
    return page


def _map_share(page, frame: str = MAP, inner: str = "") -> float:
    """The map's share of the window's area (the part of it inside the window): the frame
    `frame`, or the element `inner` inside it."""
    return page.evaluate(
        """([sel, inner]) => {
            const frame = document.querySelector(sel), outer = frame.getBoundingClientRect();
            let r = outer;
            if (inner) {
                const box = frame.contentDocument.querySelector(inner).getBoundingClientRect();
                r = {left: outer.left + box.left, right: outer.left + box.right,
                     top: outer.top + box.top, bottom: outer.top + box.bottom};
            }
            const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
            const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
            return Math.max(w, 0) * Math.max(h, 0) / (innerWidth * innerHeight);
        }""",
        [frame, inner],
    )


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_presenter_mode_map_takes_most_of_the_window_with_its_legend(
    browser, app_url, width, height
):
    page = _open(browser, app_url, "present?lang=en", width, height)
    tour = page.wait_for_selector(TOUR, timeout=90_000).content_frame()
    tour.wait_for_function("document.body.dataset.drawn >= 1", timeout=90_000)
    assert tour.locator("path.leaflet-interactive").count() == 579
    frame = page.locator(TOUR).bounding_box()
    assert frame["y"] <= 1 and frame["height"] >= height - 1  # the tour fills the window
    assert _map_share(page, TOUR, "#map") >= 0.70
    legend = tour.locator(".cccd-map-legend")
    assert "CCCD cards delivered / target" in legend.inner_text()
    box, drawn = legend.bounding_box(), tour.locator("#map").bounding_box()
    assert drawn["x"] <= box["x"] and box["x"] + box["width"] <= drawn["x"] + drawn["width"]
    assert drawn["y"] <= box["y"] and box["y"] + box["height"] <= drawn["y"] + drawn["height"]
    figure = tour.locator(".figure strong").first.bounding_box()
    assert figure["height"] >= 40  # figures that read from the back of the room
    controls = tour.locator("#controls").bounding_box()
    assert controls["y"] + controls["height"] <= height  # the buttons on the screen
    assert tour.locator("#title").bounding_box()["y"] < 30  # the heading at the top
    page.screenshot(path=f"/tmp/present_{width}.png")
    page.context.close()


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_the_overview_map_reaches_the_bottom_of_the_screen_beside_its_legend(
    browser, app_url, width, height
):
    page = _open(browser, app_url, "?lang=fr", width, height)
    drawn_map(page, 579, timeout=60_000)
    page.wait_for_timeout(1_000)
    frame = page.locator(MAP).bounding_box()
    assert frame["y"] + frame["height"] >= height - 40  # no empty bottom quarter
    assert frame["y"] + frame["height"] <= height  # and the whole map on the screen
    legend = page.locator(".cccd-legend-beside .legend")
    assert "Cartes CCCD remises / objectif" in legend.inner_text()
    assert legend.bounding_box()["y"] < height  # beside the map, not below the fold
    page.screenshot(path=f"/tmp/overview_{width}.png")
    page.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_the_heading_sits_at_the_top_of_every_page(browser, app_url, path):
    page = _open(browser, app_url, f"{path}?lang=en", 1920, 1080)
    heading = page.locator('[data-testid="stMain"] :is(h1, h2)').first
    heading.wait_for(timeout=60_000)
    top = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["y"]
    assert heading.bounding_box()["y"] - top < 60
    page.context.close()


def test_the_overview_on_a_phone_lists_every_district_behind_without_sideways_scroll(
    browser, app_url
):
    page = _open(browser, app_url, "?lang=vi", 390, 844)
    drawn_map(page, 579, timeout=60_000)
    table = page.locator(".st-key-summary_behind .cccd-table")
    rows = table.locator("tbody tr")
    assert rows.count() >= 10
    assert table.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # no box to scroll in
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth") <= 390
    page.screenshot(path="/tmp/overview_390.png", full_page=True)
    page.context.close()


# Texts Streamlit cut with "…" because they did not fit their box.
CUT_TEXTS = """() => [...document.querySelectorAll('[data-testid=stMain] *')]
    .filter(e => getComputedStyle(e).textOverflow === 'ellipsis'
                 && e.innerText.trim() && e.scrollWidth > e.clientWidth)
    .map(e => e.innerText)"""


@pytest.mark.parametrize("path, language", [("", "fr"), ("", "en"), ("districts", "fr")])
def test_no_figure_or_button_label_is_cut_on_a_projector(browser, app_url, path, language):
    """At 1366 px the overview's deadline label lost its year in French ("…du 30/06/2…") and
    its download buttons their names ("Télécharger le dossier …"): labels wrap instead."""
    page = _open(browser, app_url, f"{path}?lang={language}", 1366, 768)
    page.locator('[data-testid="stDownloadButton"]').first.wait_for(timeout=60_000)
    page.locator('[data-testid="stMetricLabel"]').first.wait_for(timeout=60_000)
    page.wait_for_timeout(1_000)
    assert page.evaluate(CUT_TEXTS) == []
    page.context.close()
