"""The one-file HTML map in headless Chromium, opened from file:// with every other request
aborted: the communes drawn, the district select zooms and dims, tooltips, the measure toggle,
names with markup shown as text, a phone's width; in vi, en and fr."""

import pytest
from helpers_handouts import LANGUAGES, MARKUP_NAME, hanoi, with_markup_name

from cccd import html_map, tables
from loaders import handouts
from loaders.catalogue import translator

pytestmark = pytest.mark.browser

SHAPES = "path.leaflet-interactive"
COMMUNES = 579
# Leaflet animates a zoom over 250 ms: points are read once it has settled.
ZOOM_ANIMATION_MS = 700
SCREENSHOTS = "/tmp/html_map_{language}_{width}.png"


def _write(tmp_path, language: str, data=None) -> str:
    t = translator(language, strict=True)
    path = tmp_path / f"map-{language}.html"
    path.write_text(
        html_map.map_html(t, data or hanoi(), handouts.leaflet_assets()), encoding="utf-8"
    )
    return path.as_uri()


def _open(browser, url: str, width: int = 1920, height: int = 1080, phone: bool = False):
    """A page on `url` with every request that is not file: aborted and recorded."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    asked: list[str] = []

    def handle(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context.route("**/*", handle)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.goto(url)
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[SHAPES, COMMUNES]
    )
    return context, page, asked, errors


def _inside(code: str) -> list[float]:
    """[lat, lon] of a point inside the commune."""
    shapes = hanoi().shapes.set_index("commune_code")
    point = shapes.geometry[code].representative_point()
    return [point.y, point.x]


def _hover(page, lat_lon: list[float]) -> str:
    """Move the pointer over a point of the map; the tooltip's text."""
    point = page.evaluate("p => cccdMap.latLngToContainerPoint(p)", lat_lon)
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=5_000)
    return tooltip.inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_file_works_offline(browser, tmp_path, language):
    t = translator(language, strict=True)
    context, page, asked, errors = _open(browser, _write(tmp_path, language))
    try:
        assert page.locator(SHAPES).count() == COMMUNES
        # The district table worst first, as the map page's.
        names = page.locator("#table-delivered tbody th").all_inner_texts()
        expected = tables.projection_table(t, hanoi().districts)[t(tables.NAME)].tolist()
        assert names == expected
        page.screenshot(path=SCREENSHOTS.format(language=language, width=1920))
        city_zoom = page.evaluate("cccdMap.getZoom()")

        data = html_map.payload(t, hanoi())
        district = "268"  # Hà Đông
        inside = [c for c in data["communes"] if c["d"] == district]
        page.select_option("#district", district)
        page.wait_for_function(f"cccdMap.getZoom() > {city_zoom}")
        page.wait_for_timeout(ZOOM_ANIMATION_MS)
        centre = page.evaluate(
            "(() => { const c = cccdMap.getCenter(); return [c.lat, c.lng]; })()"
        )
        (south, west), (north, east) = next(d["b"] for d in data["districts"] if d["c"] == district)
        assert south < centre[0] < north and west < centre[1] < east
        dimmed = page.locator(f'{SHAPES}[fill-opacity="0.15"]').count()
        assert dimmed == COMMUNES - len(inside)

        text = _hover(page, _inside(inside[0]["c"]))
        assert inside[0]["n"] in text and t("details.completion") in text

        assert page.locator("#legend-activated").is_hidden()
        page.check("input[value=activated]")
        assert page.locator("#legend-activated").is_visible()
        assert page.locator("#table-activated").is_visible()
        assert page.locator("#table-delivered").is_hidden()
        page.screenshot(path=SCREENSHOTS.format(language=language, width="1920-district"))
    finally:
        context.close()
    assert asked == [], f"the file asked the network for: {asked}"
    assert errors == [], f"console errors: {errors}"


def test_names_with_markup_show_as_text(browser, tmp_path):
    url = _write(tmp_path, "en", with_markup_name(hanoi(), "00001"))
    context, page, asked, errors = _open(browser, url)
    try:
        t = translator("en", strict=True)
        commune = next(c for c in html_map.payload(t, hanoi())["communes"] if c["c"] == "00001")
        page.select_option("#district", commune["d"])
        page.wait_for_timeout(ZOOM_ANIMATION_MS)
        assert MARKUP_NAME in _hover(page, _inside("00001"))
        assert page.locator(".leaflet-tooltip b, .leaflet-tooltip script").count() == 0
        page.mouse.click(*_pointer(page, _inside("00001")))
        assert page.locator("#details h3").inner_text() == MARKUP_NAME
        assert page.locator("#details b").count() == 0
    finally:
        context.close()
    assert asked == [] and errors == []


def _pointer(page, lat_lon: list[float]) -> tuple[float, float]:
    point = page.evaluate("p => cccdMap.latLngToContainerPoint(p)", lat_lon)
    box = page.locator("#map").bounding_box()
    return box["x"] + point["x"], box["y"] + point["y"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_finds_a_district_without_scrolling_sideways(browser, tmp_path, language):
    t = translator(language, strict=True)
    context, page, asked, errors = _open(
        browser, _write(tmp_path, language), width=390, height=844, phone=True
    )
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("#district").is_visible()
        zoom = page.evaluate("cccdMap.getZoom()")
        page.select_option("#district", "001")
        page.wait_for_function(f"cccdMap.getZoom() > {zoom}")
        page.wait_for_timeout(ZOOM_ANIMATION_MS)
        # The map is brought on screen after the choice, under the select that names it.
        box = page.locator("#map").bounding_box()
        assert box["y"] < 844 / 2
        select = page.locator("#district").bounding_box()
        assert 0 <= select["y"] and select["y"] + select["height"] <= box["y"]
        page.screenshot(path=SCREENSHOTS.format(language=language, width=390))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # A tap shows the commune in the details box; no tooltip (it stuck at the map's edge).
        commune = next(c for c in html_map.payload(t, hanoi())["communes"] if c["d"] == "001")
        page.touchscreen.tap(*_pointer(page, _inside(commune["c"])))
        page.locator("#details h3").wait_for(timeout=5_000)
        assert page.locator("#details h3").inner_text() == commune["n"]
        assert page.locator(".leaflet-tooltip").count() == 0
    finally:
        context.close()
    assert asked == [] and errors == []


def test_district_lines_thin_out_at_a_country_zoom(browser, tmp_path):
    """705 district lines at full weight hid a country's colours: thin below LINE_ZOOM."""
    context, page, asked, errors = _open(browser, _write(tmp_path, "vi"))
    lines = ".leaflet-district-lines-pane path"
    try:
        weights = page.locator(lines).evaluate_all(
            "ps => ps.map(p => p.getAttribute('stroke-width'))"
        )
        assert len(weights) == 30 and set(weights) == {"2.2"}
        page.evaluate("cccdMap.setZoom(6, {animate: false})")
        page.wait_for_function(
            f"document.querySelector('{lines}').getAttribute('stroke-width') == '0.6'"
        )
    finally:
        context.close()
    assert asked == [] and errors == []
