"""What a projector or a leader's screen shows, measured in headless Chromium: presenter mode's
and the overview's maps fill the window and carry the legend, the tour says whether it plays,
headings sit at the top of every page, the overview fits a 390 px phone."""

import pytest

from browser_support import block_remote_requests, drawn_map

pytestmark = pytest.mark.browser

MAP = 'iframe[title*="streamlit_folium"]'
PAGES = ["", "map", "districts", "imports", "boundaries", "present", "method", "sources"]


def _open(browser, app_url: str, path: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    block_remote_requests(page)
    page.goto(f"{app_url}/{path}")
    return page


def _map_share(page) -> float:
    """The map frame's share of the window's area (the part of it inside the window)."""
    return page.evaluate(
        """sel => {
            const r = document.querySelector(sel).getBoundingClientRect();
            const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
            const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
            return Math.max(w, 0) * Math.max(h, 0) / (innerWidth * innerHeight);
        }""",
        MAP,
    )


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_presenter_mode_map_takes_most_of_the_window_with_its_legend(
    browser, app_url, width, height
):
    page = _open(browser, app_url, "present?lang=en", width, height)
    drawn_map(page, 579, timeout=60_000)
    page.wait_for_timeout(1_000)  # the frame settles at the size the page asked for
    assert _map_share(page) >= 0.70
    legend = page.locator(".cccd-map-legend")
    assert "CCCD cards delivered / target" in legend.inner_text()
    box, frame = legend.bounding_box(), page.locator(MAP).bounding_box()
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    metric = page.locator('[data-testid="stMetricValue"]').first.bounding_box()
    assert metric["height"] >= 40  # figures that read from the back of the room
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


def _state(page) -> str:
    return page.locator(".st-key-tour_state").inner_text()


def _press_space_when_ready(page) -> None:
    """Space once the page has settled (map drawn, buttons there) and holds the focus."""
    page.locator(MAP).wait_for(timeout=60_000)  # the run after the window's size is known
    page.locator('kbd[aria-label="Shortcut Space"]').wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    _space(page)


def _space(page) -> None:
    """Space with the focus on the page, not on a button (a focused button would also take
    Space as its own click)."""
    page.locator('[data-testid="stAppViewContainer"]').click(position={"x": 5, "y": 5})
    page.keyboard.press("Space")


def test_space_shows_and_switches_the_tour_state(browser, app_url):
    page = _open(browser, app_url, "present?lang=fr", 1366, 768)
    page.get_by_role("heading", name="Toute la ville").wait_for(timeout=60_000)
    page.get_by_text("Pas de défilement automatique").wait_for(timeout=60_000)
    hint = page.locator('kbd[aria-label="Shortcut Space"]').evaluate(
        "k => getComputedStyle(k, '::after').content"
    )
    assert hint == '"Espace"'
    _press_space_when_ready(page)  # no timer chosen: Space starts the default one
    page.get_by_text("Étape suivante dans").wait_for(timeout=60_000)
    first = _state(page)
    page.wait_for_timeout(2_500)
    assert _state(page) != first  # the seconds count down
    _space(page)
    page.get_by_text("⏸ En pause").wait_for(timeout=60_000)
    _space(page)
    page.get_by_text("Étape suivante dans").wait_for(timeout=60_000)
    page.context.close()


def test_a_timer_chosen_after_a_pause_plays(browser, app_url):
    page = _open(browser, app_url, "present?lang=en", 1366, 768)
    page.get_by_text("No auto-advance: ← → to move").wait_for(timeout=60_000)
    _press_space_when_ready(page)
    page.get_by_text("Next stop in").wait_for(timeout=60_000)
    _space(page)
    page.get_by_text("⏸ Paused").wait_for(timeout=60_000)
    chooser = page.locator(".st-key-tour_timer input")
    chooser.click()
    chooser.fill("10")
    page.get_by_role("option", name="10 s").click()
    page.get_by_text("Next stop in").wait_for(timeout=60_000)
    page.get_by_role("heading", name="Quận Hà Đông").wait_for(timeout=60_000)  # it advanced
    page.context.close()


def test_dark_presenter_mode_has_no_white_select(browser, app_url):
    page = _open(browser, app_url, "present?lang=vi", 1920, 1080)
    page.get_by_role("heading", name="Toàn thành phố").wait_for(timeout=60_000)
    page.get_by_text("Nền tối").click()
    page.wait_for_timeout(1_500)
    background = page.locator('.st-key-tour_timer [role="group"]').evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    red, green, blue = (int(part) for part in background[4:-1].split(",")[:3])
    assert max(red, green, blue) < 80, background
    page.screenshot(path="/tmp/present_dark.png")
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
