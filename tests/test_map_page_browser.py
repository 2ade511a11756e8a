"""The map page in headless Chromium: a deep link to a district draws all of it (no grey block),
and on a 390 px phone the page never scrolls sideways (the district table turns into cards)."""

import io

import pytest
from PIL import Image

from browser_support import MAP_IFRAME, SHAPES, drawn_map, mark_commune
from cccd import commune_status
from loaders import reference

pytestmark = pytest.mark.browser

CONTAINER_GREY = (221, 221, 221)  # Leaflet's container background: where nothing is painted
DEEP_LINK = "/map?district=268&metric=activated&lang=en"


@pytest.fixture
def viewport(browser):
    """open(path, width, height) -> page of the app at that size, its map drawn."""
    contexts = []

    def open_page(url: str, width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()


def settled_map(page, shapes: int = 579):
    """The map's frame once its shapes are drawn and no zoom animation runs."""
    frame = drawn_map(page, shapes, timeout=90_000)
    frame.wait_for_function(
        "() => window.map && !window.map._animatingZoom"
        " && !document.querySelector('.leaflet-zoom-anim')"
    )
    # The grey block appeared a moment after the zoom ended, when the browser painted again.
    page.wait_for_timeout(1_500)
    return frame


def unpainted_rows(page) -> float:
    """Share of the map's pixel rows that are the bare container grey across their middle."""
    box = page.locator(MAP_IFRAME).first.bounding_box()
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    image = image.crop(
        (int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"]))
    )
    width, height = image.size
    columns = range(width // 4, 3 * width // 4, 17)
    grey = [
        y for y in range(height) if all(image.getpixel((x, y)) == CONTAINER_GREY for x in columns)
    ]
    return len(grey) / height


@pytest.mark.parametrize(
    "size", [(1920, 1080), (1366, 768), (390, 844)], ids=["1920", "1366", "390"]
)
def test_a_deep_link_to_a_district_draws_all_of_it(viewport, app_url, size):
    page = viewport(app_url + DEEP_LINK, *size)
    frame = settled_map(page)
    sizes = frame.evaluate(
        """() => { const m = window.map, box = m.getContainer().getBoundingClientRect();
        return {container: [Math.round(box.width), Math.round(box.height)],
                leaflet: [m.getSize().x, m.getSize().y], zoom: m.getZoom()}; }"""
    )
    assert sizes["container"] == sizes["leaflet"] and sizes["container"][1] >= 600
    assert sizes["zoom"] > 11  # zoomed on the district, not the city (≤ 10 at any width)
    units = reference.units()
    codes = sorted(units.loc[units["district_code"] == "268", "commune_code"])
    # Wholly in view, however narrow the map (it was fitted for VIEW_WIDTH_PX on the server).
    drawn = frame.evaluate(
        """(codes) => {
        const box = window.map.getContainer().getBoundingClientRect(), seen = {};
        window.map.eachLayer(layer => {
            const code = layer.feature && (layer.feature.properties || {}).commune_code;
            if (!codes.includes(code) || !layer._path) return;
            const r = layer._path.getBoundingClientRect();
            const inside = r.left >= box.left - 2 && r.right <= box.right + 2
                && r.top >= box.top - 2 && r.bottom <= box.bottom + 2;
            seen[code] = r.width > 0 && inside;
        });
        return seen; }""",
        codes,
    )
    assert drawn == dict.fromkeys(codes, True), "every commune of the district, in view"
    # What the eye sees: before the fix 240 of 680 rows stayed grey until the map was dragged.
    assert unpainted_rows(page) < 0.02


def test_a_district_as_wide_as_the_last_gets_the_same_view_as_its_own_link(viewport, app_url):
    """Sóc Sơn then Gia Lâm: the server gives both zoom 12, so st_folium moves only the centre
    and passes the map's zoom, already fitted to a 1366 px map; fitted again, the district
    shrank and the map never showed the view the link to Gia Lâm shows."""
    linked = viewport(app_url + "/map?district=018&lang=vi", 1366, 768)
    wanted = settled_map(linked).evaluate("window.map.getZoom()")
    page = viewport(app_url + "/map?district=016&lang=vi", 1366, 768)
    frame = settled_map(page)
    box = page.locator(".st-key-district input")
    box.click()
    box.fill("Huyện Gia Lâm")
    page.get_by_role("option", name="Huyện Gia Lâm", exact=True).click()
    frame.wait_for_function(
        "() => Math.abs(window.map.getCenter().lat - 21.024) < 0.01 && !window.map._animatingZoom",
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    assert frame.evaluate("window.map.getZoom()") == wanted


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_on_a_phone_the_page_never_scrolls_sideways(viewport, app_url, language):
    page = viewport(f"{app_url}/map?lang={language}", 390, 844)
    settled_map(page)
    table = page.locator(".cccd-table.cards").first
    table.scroll_into_view_if_needed()
    # Streamlit scrolls its <main>, not the document: both must fit the window (before the
    # cards, <main> was 645 px wide in a 390 px window while the document stayed at 390).
    widths = page.evaluate(
        """() => [document.scrollingElement.scrollWidth,
                  document.querySelector('main.stMain').scrollWidth, window.innerWidth]"""
    )
    assert max(widths[:2]) <= widths[2], f"page {widths[:2]} px wide in a {widths[2]} px window"
    # Every figure of a district is on screen: its status is the card's last line.
    status = table.locator("tbody tr").first.locator("td").last.bounding_box()
    assert status["x"] >= 0 and status["x"] + status["width"] <= 390


def test_the_at_target_mark_survives_the_page_and_needs_no_font(viewport, app_url):
    """st.html sanitises what it shows (an <svg> was dropped): the mark must reach the page."""
    page = viewport(f"{app_url}/map?lang=en", 1366, 768)
    settled_map(page)
    search = page.get_by_label("Find a commune/ward")
    search.fill("hang bac")
    search.press("Enter")
    details = page.locator(".st-key-commune_details")
    details.wait_for(timeout=30_000)
    mark = details.locator(".cccd-at-target")
    mark.wait_for(timeout=30_000)
    box = mark.bounding_box()
    assert box["width"] >= 12 and box["height"] >= 12
    assert "At target" in details.inner_text()
    assert not commune_status.EMOJI.search(details.inner_text())


def test_a_district_change_keeps_the_commune_layer_and_a_recolour_replaces_it(viewport, app_url):
    """streamlit-folium evaluates its feature groups again on every change: the commune layer
    (579 shapes, ~0.5 MB of script) is built once and kept while it is unchanged
    (ui/folium_render._kept); a metric change replaces it, never adds a second one."""
    page = viewport(app_url + "/map?lang=vi", 1366, 768)
    frame = settled_map(page)
    marked = mark_commune(frame, "00001")
    built = frame.evaluate("window.__kept_layers[0].key")
    box = page.locator(".st-key-district input")
    box.click()
    box.fill("Huyện Gia Lâm")
    page.get_by_role("option", name="Huyện Gia Lâm", exact=True).click()
    frame.wait_for_function(
        "() => Math.abs(window.map.getCenter().lat - 21.024) < 0.01", timeout=30_000
    )
    assert frame.locator(marked).count() == 1  # the same SVG path: not rebuilt
    assert frame.locator(SHAPES).count() == 579
    page.locator(".st-key-metric [role=radiogroup] label").nth(1).click()  # e-ID activated
    frame.wait_for_function(f"() => window.__kept_layers[0].key !== '{built}'", timeout=30_000)
    assert frame.locator(marked).count() == 0  # rebuilt in the new colours
    assert frame.locator(SHAPES).count() == 579  # the old layer is gone, not doubled


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["1366", "390"])
def test_the_whole_city_fills_a_narrow_map(viewport, app_url, size):
    """The city view is fitted to its bounds at the map's real width (cccd/map_script): on a
    phone it was zoomed out by the ratio of widths, 8.5 where 9.25 shows all of it."""
    frame = settled_map(viewport(app_url + "/map?lang=vi", *size))
    fit = frame.evaluate(
        """() => { const m = window.map, city = window.__kept_layers[0].layer.getBounds();
        return {zoom: m.getZoom(), best: m.getBoundsZoom(city), shown: m.getBounds().contains(city),
                server: window.__GLOBAL_DATA__.last_zoom}; }"""
    )
    assert fit["shown"], fit
    assert fit["zoom"] >= min(fit["server"], fit["best"]) - 0.25, fit
