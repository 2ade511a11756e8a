"""The app on the synthetic nationwide dataset in headless Chromium, offline: the country view
draws its 705 districts; choosing a province draws that province's communes instead."""

import shutil

import pytest

from browser_support import (
    SHAPES,
    block_remote_requests,
    drawn_map,
    map_frame,
    record_console_errors,
    streamlit_app,
)
from loaders import reference, store

pytestmark = pytest.mark.browser

DISTRICTS = 705


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app with CCCD_DATASET=nationwide on its own seeded store."""
    folder = tmp_path_factory.mktemp("nationwide")
    mp = pytest.MonkeyPatch()
    mp.setenv(reference.DATASET_VARIABLE, "nationwide")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    store.connect(url).dispose()
    mp.undo()
    env = {"DATABASE_URL": url, reference.DATASET_VARIABLE: "nationwide"}
    with streamlit_app("app.py", env=env, timeout=120) as app:
        yield app
    shutil.rmtree(folder, ignore_errors=True)


def province_communes(province_name: str) -> int:
    units = reference._units("nationwide")
    return int((units["province_name"] == province_name).sum())


def wait_for_exactly(frame, n: int, timeout: float = 60_000) -> None:
    frame.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === n",
        arg=[SHAPES, n],
        timeout=timeout,
    )


def test_country_view_then_a_province(page, app_url):
    blocked = block_remote_requests(page)
    errors = record_console_errors(page)
    page.goto(f"{app_url}/map")
    frame = drawn_map(page, DISTRICTS, timeout=120_000)
    assert frame.locator(SHAPES).count() == DISTRICTS
    page.screenshot(path="/tmp/nationwide_country.png")

    name = sorted(set(reference._units("nationwide")["province_name"]))[20]
    box = page.get_by_label("Tỉnh/thành phố")
    box.click()
    box.fill(name)
    page.get_by_role("option", name=name).click()
    frame = map_frame(page, timeout=60_000)
    wait_for_exactly(frame, province_communes(name))
    page.wait_for_timeout(1_000)  # let the zoom animation end before the picture
    page.screenshot(path="/tmp/nationwide_province.png")
    assert blocked == [], f"the page asked the internet for: {blocked}"
    assert not [e for e in errors if "leaflet" in e.lower() or "uncaught" in e]
