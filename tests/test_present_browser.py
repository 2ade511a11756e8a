"""Presenter mode in headless Chromium: the tour runs in the browser (cccd.tour_page) inside the
page's frame: keys and buttons step it and wrap around, the timer advances it, Space does what
the state line says in every state, dark mode, the shapes drawn and the district in focus, no
console errors, no request leaves the machine; and when the server stops mid-meeting the tour
goes on and says since when its figures date. In vi, en and fr where the text matters."""

import os
import signal

import pytest

from browser_support import block_remote_requests, record_console_errors, streamlit_process

pytestmark = pytest.mark.browser

FRAME = ".st-key-present_tour iframe"
SHAPES = "path.leaflet-interactive"
COMMUNES = 579
CITY = {"vi": "Toàn thành phố", "en": "The whole city", "fr": "Toute la ville"}
WORST = "Quận Hà Đông"  # the first district behind schedule in the sample
WORST_CODE = "268"
AT_TARGET = 45  # communes at target on the sample's last day


def open_tour(browser, url: str, language: str, width: int = 1366, height: int = 768):
    """The page on /present and the tour's Frame once its first step is drawn, with the remote
    requests and console errors recorded."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    blocked = block_remote_requests(page)
    errors = record_console_errors(page)
    page.goto(f"{url}/present?lang={language}")
    tour = page.wait_for_selector(FRAME, timeout=90_000).content_frame()
    tour.wait_for_function("document.body.dataset.drawn >= 1", timeout=90_000)
    return page, tour, blocked, errors


def drawn(tour) -> int:
    return int(tour.evaluate("document.body.dataset.drawn"))


def press(page, tour, key: str) -> None:
    """Press `key` and wait until the step it leads to is drawn."""
    before = drawn(tour)
    page.keyboard.press(key)
    tour.wait_for_function(f"document.body.dataset.drawn > {before}", timeout=10_000)


def click(tour, selector: str) -> None:
    before = drawn(tour)
    tour.locator(selector).click()
    tour.wait_for_function(f"document.body.dataset.drawn > {before}", timeout=10_000)


def title(tour) -> str:
    return tour.locator("#title").inner_text()


def marks(tour) -> int:
    """How many ✓ marks (communes at target) the step shows."""
    return tour.locator(".leaflet-marker-icon:not([hidden]) .at-target-mark").count()


def focus_share(tour) -> dict:
    """How many communes are bright and dimmed, and whether the view holds the focus."""
    return tour.evaluate(
        """() => {
            const map = window.cccdTour.map, focus = document.body.dataset.focus;
            let bright = 0, dim = 0, inside = 0;
            map.eachLayer(layer => {
                if (!(layer instanceof L.Polygon) || layer.options.interactive === false) return;
                if (layer.options.fillOpacity < 0.5) { dim += 1; return; }
                bright += 1;
                if (map.getBounds().pad(0.01).contains(layer.getBounds())) inside += 1;
            });
            return {focus, bright, dim, inside};
        }"""
    )


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_keys_and_buttons_step_the_tour_and_wrap_around(browser, app_url, language):
    page, tour, blocked, errors = open_tour(browser, app_url, language)
    assert tour.locator(SHAPES).count() == COMMUNES
    assert title(tour) == CITY[language]
    city = focus_share(tour)
    assert city["bright"] == COMMUNES and city["inside"] == COMMUNES
    assert marks(tour) == AT_TARGET  # every ✓ on the city's step
    press(page, tour, "ArrowRight")  # the focus is on the page around the frame
    assert title(tour) == WORST
    district = focus_share(tour)
    assert district["focus"] == WORST_CODE
    assert 0 < district["bright"] == district["inside"] < COMMUNES  # its communes, all in view
    assert district["dim"] == COMMUNES - district["bright"]
    assert tour.locator("#lines li").count() == 6
    assert marks(tour) < AT_TARGET  # only the district's own
    press(page, tour, "ArrowLeft")
    assert title(tour) == CITY[language]
    press(page, tour, "ArrowLeft")  # from the first step back to the last: the city again
    count = tour.evaluate("window.cccdTour.step()") + 1
    assert title(tour) == CITY[language]
    assert f"{count} / {count}" in tour.locator("#caption").inner_text()
    click(tour, "#next")  # and on to the first
    assert tour.evaluate("window.cccdTour.step()") == 0
    click(tour, "#next")
    assert title(tour) == WORST
    tour.locator("#story").click()  # the focus in the frame: keys still work
    press(page, tour, "ArrowRight")
    click(tour, "#prev")
    assert title(tour) == WORST
    assert not errors, errors
    assert not blocked, blocked
    page.context.close()


STATES = {
    "en": ("No auto-advance: ← → to move", "▶ Next stop in", "⏸ Paused"),
    "fr": ("Pas de défilement automatique", "Étape suivante dans", "⏸ En pause"),
    "vi": ("Không tự chuyển", "▶ Tự chuyển sau", "⏸ Đang tạm dừng"),
}


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_space_does_what_the_state_line_says_in_every_state(browser, app_url, language):
    manual, playing, paused = STATES[language]
    page, tour, _, errors = open_tour(browser, app_url, language)
    state = tour.locator("#state")
    assert manual in state.inner_text()
    hint = tour.locator("#play kbd").inner_text()
    assert hint == {"fr": "Espace", "vi": "Phím cách"}[language]
    page.keyboard.press("Space")  # no timer: Space starts the default one
    tour.get_by_text(playing).wait_for(timeout=5_000)
    first = state.inner_text()
    page.wait_for_timeout(2_200)
    assert state.inner_text() != first  # the seconds count down
    page.keyboard.press("Space")
    tour.get_by_text(paused).wait_for(timeout=5_000)
    page.keyboard.press("Space")
    tour.get_by_text(playing).wait_for(timeout=5_000)
    tour.locator("#play").click()  # the button does what Space does
    tour.get_by_text(paused).wait_for(timeout=5_000)
    assert tour.evaluate("window.cccdTour.step()") == 0  # none of it moved the tour
    assert not errors, errors
    page.context.close()


def test_a_timer_chosen_after_a_pause_plays_and_advances(browser, app_url):
    page, tour, _, errors = open_tour(browser, app_url, "en")
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    tour.get_by_text("⏸ Paused").wait_for(timeout=5_000)
    tour.locator("#timer").select_option(label="10 s")
    tour.get_by_text("▶ Next stop in").wait_for(timeout=5_000)
    tour.wait_for_function("document.body.dataset.step === '1'", timeout=15_000)
    assert title(tour) == WORST
    assert "▶ Next stop in" in tour.locator("#state").inner_text()  # and goes on playing
    tour.locator("#timer").select_option(label="No auto-advance")
    tour.get_by_text("No auto-advance: ← → to move").wait_for(timeout=5_000)
    assert not errors, errors
    page.context.close()


def test_dark_mode_darkens_the_tour_and_the_page_around_it(browser, app_url):
    page, tour, _, _ = open_tour(browser, app_url, "vi", 1920, 1080)
    tour.get_by_text("Nền tối").click()
    colours = tour.evaluate(
        """() => [document.body, document.getElementById('timer'), document.getElementById('next')]
            .map(e => getComputedStyle(e).backgroundColor)"""
    )
    for colour in colours:
        red, green, blue = (int(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])
        assert max(red, green, blue) < 80, colours
    assert page.evaluate("document.documentElement.classList.contains('cccd-dark')")
    page.screenshot(path="/tmp/present_dark.png")
    tour.get_by_text("Nền tối").click()
    assert not tour.evaluate("document.body.classList.contains('dark')")
    page.context.close()


def test_the_tour_leads_to_the_handouts_and_out_to_the_map(browser, app_url):
    page, tour, _, _ = open_tour(browser, app_url, "fr", 1920, 1080)
    tour.get_by_text("Diaporama et carte à emporter").click()
    downloads = page.locator(".st-key-present_handouts")
    page.wait_for_function(
        "() => document.querySelector('.st-key-present_handouts').getBoundingClientRect().top"
        " < innerHeight",
        timeout=10_000,
    )
    assert downloads.get_by_role("button", name="Diaporama (PowerPoint)").count() == 1
    tour.get_by_text("Quitter").click()
    page.wait_for_url("**/map**", timeout=30_000)
    page.locator('iframe[title*="streamlit_folium"]').wait_for(timeout=60_000)
    page.keyboard.press("Space")  # the tour's keys left with it: nothing breaks on the map
    page.context.close()


def test_the_tour_goes_on_when_the_server_stops(browser, tmp_path):
    store = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with streamlit_process("app.py", env={"DATABASE_URL": store}) as app:
        page, tour, _, _ = open_tour(browser, app.url, "en")
        press(page, tour, "ArrowRight")
        press(page, tour, "ArrowRight")
        notice = tour.locator("#offline")
        assert notice.is_hidden()
        os.killpg(app.process.pid, signal.SIGKILL)  # the server is gone mid-meeting
        app.process.wait(timeout=10)
        seen = []
        for _ in range(3):
            press(page, tour, "ArrowRight")
            seen.append((tour.evaluate("document.body.dataset.focus"), title(tour)))
        assert len(set(seen)) == 3, seen  # steps 3 to 5: each a new focus and title
        assert tour.locator(SHAPES).count() == COMMUNES
        notice.wait_for(state="visible", timeout=15_000)
        assert "Server unreachable — figures as of" in notice.inner_text()
        assert "when this page was loaded" in notice.inner_text()
        # Streamlit raises its own "Connection error" box: it must not cover the tour.
        page.wait_for_selector('[data-testid="stDialog"]', state="attached", timeout=60_000)
        assert page.locator('[data-testid="stDialog"]').is_hidden()
        press(page, tour, "ArrowRight")  # and it still steps, the notice up
        assert notice.is_visible()
        page.screenshot(path="/tmp/present_offline.png")
        page.context.close()
