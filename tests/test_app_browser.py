"""The real app in headless Chromium, offline: shapes drawn, click, search, escaped tooltip."""

import geopandas as gpd
import pytest

from browser_support import (
    MAP_IFRAME,
    block_remote_requests,
    drawn_map,
    mark_commune,
    record_console_errors,
    streamlit_app,
)
from loaders import reference, store

pytestmark = pytest.mark.browser

DETAILS = ".st-key-commune_details"
TAGGED_NAME = "Phúc Xá <b>tags</b>"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app on a store whose commune map names Phúc Xá with HTML tags in it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.sqlite'}"
    communes = gpd.GeoDataFrame(reference.default_communes().copy())
    communes.loc[communes["commune_code"] == "00001", "commune_name"] = TAGGED_NAME
    store.save_boundaries(store.connect(url), communes.to_json(drop_id=True), "tagged.geojson")
    with streamlit_app("app.py", env={"DATABASE_URL": url}) as app:
        yield app


def open_map(page, app_url):
    blocked = block_remote_requests(page)
    errors = record_console_errors(page)
    page.goto(f"{app_url}/map")
    frame = drawn_map(page, 579, timeout=60_000)
    return frame, blocked, errors


def test_map_draws_all_579_communes_offline(page, app_url):
    frame, blocked, errors = open_map(page, app_url)
    assert frame.locator("path.leaflet-interactive").count() == 579
    assert frame.locator(".at-target-mark").count() == 45
    page.screenshot(path="/tmp/app_map.png")
    assert blocked == [], f"the page asked the internet for: {blocked}"
    assert not [e for e in errors if "leaflet" in e.lower() or "uncaught" in e]


def click_inside(page, frame, lat: float, lon: float) -> None:
    """Click the map where a person would: on the screen point of a location."""
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator(MAP_IFRAME).first.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_click_on_a_commune_shows_its_details(page, app_url):
    communes = reference.default_communes().to_crs(32648)
    largest = communes.loc[communes.area.idxmax()]
    point = gpd.GeoSeries([largest.geometry], crs=32648).representative_point().to_crs(4326)[0]
    frame, _, _ = open_map(page, app_url)
    click_inside(page, frame, point.y, point.x)
    details = page.locator(DETAILS)
    details.wait_for(timeout=30_000)
    assert largest.commune_name in details.inner_text()


def test_search_finds_phuc_xa_without_diacritics(page, app_url):
    open_map(page, app_url)
    search = page.get_by_label("Tìm xã/phường")
    search.fill("phuc xa")
    search.press("Enter")
    details = page.locator(DETAILS)
    details.wait_for(timeout=30_000)
    assert "Phường Phúc Xá" in details.inner_text()


def test_tooltip_shows_tags_from_the_file_as_text(page, app_url):
    frame, _, _ = open_map(page, app_url)
    frame.locator(mark_commune(frame, "00001")).hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    assert TAGGED_NAME in tooltip.inner_text()
    assert tooltip.locator("b").count() == 0


def requests_of(page) -> list[str]:
    """Every URL the page asks for from now on."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    return asked


def test_a_deep_link_goes_straight_to_the_server(page, app_url):
    """/map: the page shell says where the server is (ui/shell/page_shell.py), so the frontend
    does not first try /map as the app's base (two 404s and a retry)."""
    asked = requests_of(page)
    open_map(page, app_url)
    assert page.evaluate("window.__streamlit.BACKEND_BASE_URL") == f"{app_url}/"
    assert f"{app_url}/_stcore/health" in asked
    assert not [url for url in asked if "/map/_stcore/" in url]


def test_a_first_visitors_deep_link_runs_the_declared_navigation(page, tmp_path):
    """A fresh server whose first request is /map (app.py's `uses_pages_directory = False`):
    the page runs inside app.py's navigation, with its translated menu, wide layout and the
    offline map, not as a bare pages/map.py with file names for a menu."""
    store_url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with streamlit_app("app.py", env={"DATABASE_URL": store_url}) as url:
        blocked = block_remote_requests(page)
        page.goto(f"{url}/map?lang=en")
        drawn_map(page, 579, timeout=90_000)
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        menu = [text.strip().splitlines()[-1] for text in links]  # after the icon's name
        width = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"]
    assert blocked == []
    assert len(menu) == 8 and "Progress map" in menu and "map" not in menu, menu
    assert width > 0.8 * page.viewport_size["width"] - 400  # layout="wide", beside the sidebar


def test_under_a_base_path_the_map_draws_from_the_apps_own_assets(page, tmp_path):
    """server.baseUrlPath (an app behind a proxy at /cccd/): Leaflet comes from /cccd/app/static
    and the shell points the frontend at /cccd/."""
    store_url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with streamlit_app("app.py", env={"DATABASE_URL": store_url}, base_url_path="cccd") as url:
        blocked = block_remote_requests(page)
        asked = requests_of(page)
        page.goto(f"{url}/map")
        drawn_map(page, 579, timeout=90_000)
        assert page.evaluate("window.__streamlit.BACKEND_BASE_URL") == f"{url}/"
    assert blocked == []
    assert f"{url}/app/static/leaflet/leaflet.js" in asked
    assert not [u for u in asked if "/map/_stcore/" in u]
