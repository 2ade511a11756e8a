"""Goal 3: a presenter step, → pressed to the next step's map drawn, app vs a static Leaflet page.

(a) the app: /present on a fresh app server (the tour runs in the browser, cccd.tour_page),
    the focus in the tour's frame, → pressed 15 times;
(b) the limit: a static page served by a local http.server with the same Leaflet (static/),
    the same communes (GeoJSON written from the same commune map, coloured by the same classes,
    at target outlined), the map the same size as the app's, and on → the same step in
    JavaScript: setStyle on every commune (focus bright, the rest dimmed) and fitBounds to the
    step's district (the tour's own order), no server round trip.
Both pages say a step is drawn the same way: after Leaflet's moveend and the next animation
frame they raise body[data-drawn]. The time of a press is read in the page: from the keydown
event's timestamp to the moment a MutationObserver sees data-drawn change (the bench's own
listeners, installed alike in both); Playwright's round trips are outside it (the wall time of
each press, with them, is in details()). Rounds alternate app and static, each in a fresh
browser context; the median and the 95th percentile of all presses of each are compared.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from bench.browser_load import http_site, page_errors
from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OUT,
    REPO,
    Row,
    fresh_store_url,
    server,
    watch_remote_requests,
)

PRESSES = 15
ROUNDS = int(os.environ.get("BENCH_PRESENTER_ROUNDS", "5"))
# A presenter presses → some seconds after the page opened, not while it still loads: both
# pages are left this long after their first step is drawn (Streamlit's page around the tour
# shares its main thread and is still busy for a second or so after the tour has drawn).
SETTLE_MS = 2_000
GOAL = 1.5
VIEWPORT = {"width": 1366, "height": 768}  # the usual projector
FRAME = ".st-key-present_tour iframe"
# The bench's own clock in a page: keydown's timestamp, and when data-drawn changes.
INSTRUMENT = """() => {
    window.benchTimes = [];
    document.addEventListener("keydown", e => { window.benchPressed = e.timeStamp; }, true);
    new MutationObserver(() => {
        window.benchTimes.push(performance.now() - window.benchPressed);
    }).observe(document.body, {attributes: true, attributeFilter: ["data-drawn"]});
}"""


@dataclass
class StepsResult:
    """Seconds per press (in the page) for the app and the static page, wall times, profile."""

    app: list[float] = field(default_factory=list)
    static: list[float] = field(default_factory=list)
    app_wall: list[float] = field(default_factory=list)
    static_wall: list[float] = field(default_factory=list)
    profile: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    load: list[str] = field(default_factory=list)
    # Goal 4: the steps after the server was stopped, as (focus, title, wall seconds); the
    # tour's notice, once shown (empty: never shown).
    offline: list[tuple[str, str, float]] = field(default_factory=list)
    notice: str = ""


def p95(values: list[float]) -> float:
    """The 95th percentile (inclusive method; the largest of fewer than 20 values is near it)."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def static_site(width: int, height: int) -> Path:
    """bench/out/presenter_static/: Leaflet, the communes as GeoJSON, the tour's steps and a
    page whose map is `width`×`height` px and steps on → in JavaScript."""
    from cccd import tour_page
    from loaders import handouts
    from loaders.catalogue import translator

    site = OUT / "presenter_static"
    shutil.rmtree(site, ignore_errors=True)
    (site / "leaflet").mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copyfile(REPO / "static" / "leaflet" / name, site / "leaflet" / name)
    data = handouts.load(language="en", url=fresh_store_url("presenter_static"))
    payload = tour_page.payload(translator("en"), data)
    shapes = data.shapes[["commune_code", "geometry"]].copy()
    rows = {row["c"]: row for row in payload["communes"]}  # as the tour page draws them
    for column, key in (("district_code", "d"), ("cl", "cl"), ("k", "k")):
        shapes[column] = [rows[code][key] for code in shapes["commune_code"]]
    shapes[["commune_code", "district_code", "cl", "k", "geometry"]].to_file(
        site / "communes.geojson", driver="GeoJSON", COORDINATE_PRECISION=5
    )
    setup = {
        "steps": [step["d"] for step in payload["steps"]],
        "colours": payload["colours"],
        "style": payload["style"],
        "done_style": payload["done_style"],
    }
    (site / "steps.json").write_text(json.dumps(setup), encoding="utf-8")
    page = (REPO / "bench" / "presenter_static.html").read_text(encoding="utf-8")
    page = page.replace("__WIDTH__", str(width)).replace("__HEIGHT__", str(height))
    (site / "index.html").write_text(page, encoding="utf-8")
    return site


def _press(page, frame, key_target) -> float:
    """Press → with the focus in `frame`; wall seconds until its data-drawn has moved on."""
    before = int(frame.evaluate("document.body.dataset.drawn"))
    start = time.perf_counter()
    key_target.press("ArrowRight")
    frame.wait_for_function(
        f"Number(document.body.dataset.drawn) > {before}", polling="raf", timeout=30_000
    )
    return time.perf_counter() - start


def _tour(page, frame, ready_js: str, result: StepsResult, side: str) -> None:
    """PRESSES presses in a page that is ready; the times into result.<side>."""
    frame.wait_for_function(ready_js, timeout=120_000)
    frame.evaluate(INSTRUMENT)
    page.wait_for_timeout(SETTLE_MS)
    walls = [_press(page, frame, page.keyboard) for _ in range(PRESSES)]
    page.wait_for_timeout(100)
    times = frame.evaluate("window.benchTimes")
    getattr(result, side).extend(ms / 1000 for ms in times[:PRESSES])
    getattr(result, f"{side}_wall").extend(walls)


def _app_round(browser, url: str, result: StepsResult) -> tuple[int, int]:
    """One tour on /present; the size of its map (for the static page)."""
    context = browser.new_context(viewport=VIEWPORT)
    remote = watch_remote_requests(context)
    page = context.new_page()
    seen = page_errors(page)
    page.goto(f"{url}/present?lang=en")
    frame = page.wait_for_selector(FRAME, timeout=120_000).content_frame()
    frame.wait_for_function("document.body.dataset.drawn >= 1", timeout=120_000)
    frame.locator("#story").click()  # the focus in the tour's frame, as a presenter's click
    _tour(page, frame, "document.body.dataset.drawn >= 1", result, "app")
    if not result.profile:
        result.profile = _profile(frame)
    size = frame.evaluate("[innerWidth, innerHeight, document.getElementById('map').offsetWidth]")
    result.errors += [*seen, *page._bench_failed, *(f"remote {u}" for u in remote)]
    context.close()
    return size[2], size[1]


def _offline_round(browser, app, result: StepsResult) -> None:
    """Goal 4: open /present, step twice, kill the server, press → three times; each step's
    focus, title and time, and the tour's notice (polled from the frame every 3 s)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(f"{app.url}/present?lang=en")
    frame = page.wait_for_selector(FRAME, timeout=120_000).content_frame()
    frame.wait_for_function("document.body.dataset.drawn >= 1", timeout=120_000)
    frame.locator("#story").click()
    for _ in range(2):
        _press(page, frame, page.keyboard)
    os.killpg(app.process.pid, signal.SIGKILL)  # the server is gone mid-meeting
    app.process.wait(timeout=30)
    for _ in range(3):
        wall = _press(page, frame, page.keyboard)
        focus = frame.evaluate("document.body.dataset.focus")
        result.offline.append((focus, frame.locator("#title").inner_text(), wall))
    notice = frame.locator("#offline")
    try:
        notice.wait_for(state="visible", timeout=20_000)
        result.notice = notice.inner_text()
    except PlaywrightError:
        result.notice = ""
    context.close()


def offline_passed(result: StepsResult) -> bool:
    """Steps 3-5 each drew a new focus and title, and the notice said since when."""
    steps = {(focus, title) for focus, title, _ in result.offline}
    return len(steps) == 3 and "figures as of" in result.notice


def _static_round(browser, url: str, result: StepsResult) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    seen = page_errors(page)
    page.goto(url)
    page.locator("#map").click()
    _tour(page, page.main_frame, "document.body.dataset.drawn >= 1", result, "static")
    result.errors += [*seen, *page._bench_failed]
    context.close()


def _profile(frame) -> list[str]:
    """Where a step's time went in the app's page: the tour's own timings of the presses just
    made (cccd.tour_page_script: texts, restyle, lines, fit, marks), means in ms."""
    means = frame.evaluate(
        """n => {
            const steps = window.cccdTour.timings.slice(-n), mean = {};
            for (const part of ["texts", "restyle", "lines", "fit", "marks", "all"])
                mean[part] = steps.reduce((sum, step) => sum + (step[part] || 0), 0) / n;
            return mean;
        }""",
        PRESSES,
    )
    parts = ", ".join(
        f"{part} {means[part]:.1f}" for part in ("texts", "restyle", "lines", "fit", "marks")
    )
    return [
        f"presenter step in the app's page, synchronous JavaScript (mean of {PRESSES} presses, "
        f"ms): {means['all']:.1f} in all: {parts}"
    ]


def run() -> StepsResult:
    """ROUNDS rounds of the app's tour and the static page's, interleaved."""
    from playwright.sync_api import sync_playwright

    result = StepsResult(load=[_load()])
    with (
        server("app.py", {"DATABASE_URL": fresh_store_url("presenter_steps")}) as app,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            width, height = _app_round(browser, app.url, result)  # warm-up: caches filled
            result.app.clear(), result.app_wall.clear()
            with http_site(static_site(width, height)) as site:
                for _ in range(ROUNDS):
                    _app_round(browser, app.url, result)
                    _static_round(browser, f"{site}/index.html", result)
            _offline_round(browser, app, result)  # last: it stops the server
        finally:
            browser.close()
    result.load.append(_load())
    return result


def rows(result: StepsResult) -> list[Row]:
    """RESULTS.md lines for goal 3: median and p95 of a step, app vs the static page."""
    lines = []
    for name, measure in (("median", statistics.median), ("p95", p95)):
        app, static = measure(result.app), measure(result.static)
        lines.append(
            Row(
                f"18.3 presenter step, → to the next step's map drawn ({name} of "
                f"{len(result.app)} presses), /present vs a static Leaflet page",
                f"{app * 1000:.0f} ms",
                f"{static * 1000:.0f} ms",
                f"{app / static:.2f}×",
                f"≤ {GOAL}×",
                app / static <= GOAL and not result.errors,
            )
        )
    walls = [wall for _, _, wall in result.offline]
    lines.append(
        Row(
            "18.4 the tour when the server stops mid-meeting (/present, → twice, the server "
            "killed, → three times): steps 3-5 drawn with a new focus and title each, and the "
            "tour says its figures are as of when it was loaded",
            f"{len({(f, t) for f, t, _ in result.offline})} of 3 steps drawn"
            + (f" (median {statistics.median(walls) * 1000:.0f} ms)" if walls else "")
            + ("; notice shown" if result.notice else "; no notice"),
            "—",
            "—",
            "3 of 3 and the notice",
            offline_passed(result),
        )
    )
    return lines


def details(result: StepsResult) -> list[str]:
    """Every press (ms, in the page and wall), the profile, errors and the load averages."""

    def listed(values: list[float]) -> str:
        return ", ".join(f"{value * 1000:.0f}" for value in values)

    return [
        f"- presenter steps, app (ms in the page): {listed(result.app)}",
        f"- presenter steps, static page (ms in the page): {listed(result.static)}",
        f"- presenter steps, app (ms wall, with Playwright): {listed(result.app_wall)}",
        f"- presenter steps, static page (ms wall, with Playwright): {listed(result.static_wall)}",
        *(f"- {line}" for line in result.profile),
        f"- presenter steps: load average {' → '.join(result.load)}",
        "- the tour after the server was killed: "
        + "; ".join(
            f"{title} ({focus or 'city'}, {wall * 1000:.0f} ms)"
            for focus, title, wall in result.offline
        )
        + f"; notice: {result.notice or 'not shown'}",
        *(f"- presenter steps error: {error}" for error in result.errors[:10]),
    ]


if __name__ == "__main__":
    os.chdir(REPO)
    measured = run()
    for line in details(measured):
        print(line)
    for row in rows(measured):
        print(f"{row.measure}: {row.value} vs {row.baseline} = {row.ratio} [{row.goal}]")
