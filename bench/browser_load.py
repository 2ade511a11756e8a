"""Goal 2: time until Chromium has drawn the 579 commune shapes, app vs static HTML vs naive page.

(a) the app's /map page: goto → 579 `path.leaflet-interactive` inside the st_folium iframe;
(b) the same folium map (base map + commune layer) saved as one HTML file, served by a local
    http.server thread with the app's static/ assets: goto → 579 paths;
(c) bench/naive_app.py: full-density geometry through folium.Choropleth inside st_folium;
floors, what the stack costs before the app's own page:
(d) bench/floor_hello.py, a Streamlit page with one line of text: goto → that text in the DOM;
(e) bench/floor_map.py, the /map map alone in a Streamlit page (same cached calls, same
    payload): goto → 579 paths.
Each target gets one discarded warm-up load (server caches, Python imports), then REPEATS timed
loads, each in a fresh browser context (no HTTP cache); the median is reported. The app, the
static page and the naive page are also timed for a returning visitor: in a fresh context, one
untimed load, a blank page, then the timed load (HTTP and compiled-script caches warm), as
leaders and presenters who open the map every day see it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import shapely

from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    COMMUNES,
    OUT,
    REPEATS,
    REPO,
    SHAPES,
    Row,
    fresh_store_url,
    server,
    watch_remote_requests,
)

TARGET_VERTICES = 300_000
GOAL_STATIC = 1.5  # 2a: app ≤ 1.5× static
VIEWPORT = {"width": 1600, "height": 1000}
WAIT_JS = "([sel, n]) => document.querySelectorAll(sel).length >= n"
TEXT_JS = "text => !!document.body && document.body.textContent.includes(text)"
HELLO_TEXT = "bench floor: hello"  # what bench/floor_hello.py writes


@dataclass
class LoadResult:
    """Median seconds to shapes drawn for each target, with every timed run and the geometry."""

    app_s: float
    static_s: float
    naive_s: float
    app_warm_s: float = 0.0  # returning visitor: second load in the same context
    static_warm_s: float = 0.0
    naive_warm_s: float = 0.0
    hello_s: float = 0.0  # (d) Streamlit floor: one text element
    map_alone_s: float = 0.0  # (e) the same map alone in a Streamlit page
    runs: dict[str, list[float]] = field(default_factory=dict)
    naive_vertices: int = 0
    naive_spacing_m: float = 0.0
    naive_geojson_bytes: int = 0
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def full_precision_geojson() -> tuple[Path, int, float]:
    """Densify the default communes (segmentize in UTM 48N) to ~300k vertices; no rounding."""
    from loaders import reference

    communes = reference.default_communes()[["commune_code", "commune_name", "geometry"]]
    metric = communes.to_crs(32648)
    spacing = float(metric.length.sum()) / TARGET_VERTICES
    dense = metric.set_geometry(shapely.segmentize(metric.geometry.values, spacing)).to_crs(4326)
    path = OUT / "communes_full_precision.geojson"
    path.unlink(missing_ok=True)
    dense.to_file(path, driver="GeoJSON", COORDINATE_PRECISION=15)
    vertices = int(shapely.get_num_coordinates(dense.geometry.values).sum())
    return path, vertices, spacing


def beside_static(name: str, folder: str) -> Path:
    """bench/<name> copied to bench/out/<folder>/ beside a link to static/.

    Streamlit serves /app/static/ from the folder of the script it runs, so a bench page
    needs static/ next to it to get the same local Leaflet assets as the app.
    """
    target = OUT / folder
    target.mkdir(parents=True, exist_ok=True)
    link = target / "static"
    if not link.exists():
        link.symlink_to(REPO / "static")
    script = target / name
    shutil.copyfile(REPO / "bench" / name, script)
    return script


def naive_script() -> Path:
    """bench/naive_app.py copied to bench/out/naive/ beside a link to static/."""
    return beside_static("naive_app.py", "naive")


def static_html() -> Path:
    """The /map page's folium map (base + commune layer) as one HTML file using /static/ assets."""
    from bench.payload import map_objects
    from cccd.offline import use_local_assets

    use_local_assets("/static")
    base, layer, _ = map_objects()
    layer.add_to(base)
    site = OUT / "static_site"
    site.mkdir(parents=True, exist_ok=True)
    link = site / "static"
    if not link.exists():
        link.symlink_to(REPO / "static")
    base.save(str(site / "index.html"))
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # noqa: D102
        pass


@contextmanager
def http_site(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 from a thread; yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def page_errors(page) -> list[str]:
    """Console errors, uncaught exceptions and failed responses of a page and its frames.

    Streamlit's frontend probes <page path>/_stcore/health and /host-config before the root
    ones; those two 404s are its normal start-up, not errors, and are left out.
    """
    errors: list[str] = []
    failed: list[str] = []

    def on_console(msg) -> None:
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            errors.append(msg.text)

    def on_response(response) -> None:
        if response.status >= 400 and "/_stcore/" not in response.url:
            failed.append(f"HTTP {response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on("response", on_response)
    errors_and_failed = errors
    page._bench_failed = failed  # read back after the load
    return errors_and_failed


def shapes_drawn(page, n: int = COMMUNES) -> bool:
    """True when any frame of the page (the map iframe, or the page itself) has n shapes."""
    for frame in page.frames:
        try:
            if frame.evaluate(WAIT_JS, [SHAPES, n]):
                return True
        except Exception:  # noqa: BLE001 - a frame detached while Streamlit re-renders
            continue
    return False


def _count(frame) -> int:
    try:
        return int(frame.evaluate("sel => document.querySelectorAll(sel).length", SHAPES))
    except Exception:  # noqa: BLE001
        return -1


def wait_for_shapes(page, timeout_s: float, poll_s: float = 0.02) -> None:
    """Poll every frame (the st_folium iframe may be replaced during start-up) for the shapes."""
    deadline = time.perf_counter() + timeout_s
    while not shapes_drawn(page):
        if time.perf_counter() > deadline:
            counts = [_count(frame) for frame in page.frames]
            raise TimeoutError(f"{page.url}: shapes per frame {counts} after {timeout_s:.0f} s")
        page.wait_for_timeout(poll_s * 1000)


def _has_text(page, text: str) -> bool:
    try:
        return bool(page.evaluate(TEXT_JS, text))
    except Exception:  # noqa: BLE001 - the document is being replaced during start-up
        return False


def wait_for_text(page, text: str, timeout_s: float, poll_s: float = 0.02) -> None:
    """Poll the page's own document until `text` is in it."""
    deadline = time.perf_counter() + timeout_s
    while not _has_text(page, text):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{page.url}: no {text!r} after {timeout_s:.0f} s")
        page.wait_for_timeout(poll_s * 1000)


def time_to_shapes(
    browser,
    url: str,
    result: LoadResult,
    timeout_s: float = 180,
    text: str | None = None,
    returning: bool = False,
) -> float:
    """Seconds from goto(url) in a fresh context until COMMUNES shapes exist in some frame
    (or, given `text`, until that text is in the page's document). `returning`: load the page
    once first (untimed) in the same context, then leave it for a blank page."""
    context = browser.new_context(viewport=VIEWPORT)
    result.blocked.extend(watch_remote_requests(context))
    page = context.new_page()
    errors = page_errors(page)
    try:
        if returning:
            page.goto(url, wait_until="commit")
            wait_for_shapes(page, timeout_s)
            page.goto("about:blank")
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        try:
            if text is None:
                wait_for_shapes(page, timeout_s)
            else:
                wait_for_text(page, text, timeout_s)
        except TimeoutError as timeout:
            boxes = page.locator('[data-testid="stException"]')
            if boxes.count():
                message = f"{timeout}; exception box: {boxes.first.inner_text()[:300]}"
                raise TimeoutError(message) from timeout
            raise
        elapsed = time.perf_counter() - start
        if page.locator('[data-testid="stException"]').count():
            errors.append("exception box")
        result.errors.extend(f"{url}: {e}" for e in [*errors, *page._bench_failed])
        return elapsed
    finally:
        context.close()


def _series(
    browser,
    url: str,
    result: LoadResult,
    name: str,
    n: int,
    text: str | None = None,
    returning: bool = False,
) -> float:
    timed = functools.partial(time_to_shapes, browser, url, result, text=text, returning=returning)
    warm = timed()  # warm-up, discarded
    runs = [timed() for _ in range(n)]
    print(f"  {name}: warm-up {warm:.2f} s, runs {', '.join(f'{r:.2f}' for r in runs)}", flush=True)
    result.runs[name] = runs
    return statistics.median(runs)


def run(repeats: int = REPEATS) -> LoadResult:
    """Measure (a) app, (b) static HTML, (c) naive page, (d) and (e) the Streamlit floors;
    `repeats` timed loads each."""
    from playwright.sync_api import sync_playwright

    dense, vertices, spacing = full_precision_geojson()
    site = static_html()
    result = LoadResult(0.0, 0.0, 0.0, naive_vertices=vertices, naive_spacing_m=spacing)
    result.naive_geojson_bytes = dense.stat().st_size
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            env = {"DATABASE_URL": fresh_store_url("browser_app")}
            with server("app.py", env) as app:
                result.app_s = _series(browser, f"{app.url}/map", result, "app", repeats)
                result.app_warm_s = _series(
                    browser, f"{app.url}/map", result, "app returning", repeats, returning=True
                )
            with http_site(site) as url:
                page = f"{url}/index.html"
                result.static_s = _series(browser, page, result, "static", repeats)
                result.static_warm_s = _series(
                    browser, page, result, "static returning", repeats, returning=True
                )
            env = {"DATABASE_URL": fresh_store_url("browser_floor_hello")}
            with server(beside_static("floor_hello.py", "floor"), env) as hello:
                result.hello_s = _series(
                    browser, hello.url, result, "floor hello", repeats, text=HELLO_TEXT
                )
            env = {"DATABASE_URL": fresh_store_url("browser_floor_map")}
            with server(beside_static("floor_map.py", "floor"), env) as alone:
                result.map_alone_s = _series(browser, alone.url, result, "map alone", repeats)
            env = {"DATABASE_URL": fresh_store_url("browser_naive"),
                   "BENCH_FULL_GEOJSON": str(dense)}  # fmt: skip
            with server(naive_script(), env) as naive:
                result.naive_s = _series(browser, naive.url, result, "naive", repeats)
                result.naive_warm_s = _series(
                    browser, naive.url, result, "naive returning", repeats, returning=True
                )
        finally:
            browser.close()
    return result


def _floor_row(label: str, seconds: float, result: LoadResult) -> Row:
    ratio = seconds / result.static_s
    side = "above" if ratio > GOAL_STATIC else "within"
    return Row(
        f"{label} ({side} the 2a goal of {GOAL_STATIC}× static)",
        f"{seconds:.2f} s",
        f"{result.static_s:.2f} s",
        f"{ratio:.2f}×",
        "— (floor)",
        None,
    )


def _returning_rows(result: LoadResult) -> list[Row]:
    """2a and 2c again for a returning visitor (caches warm); none when not measured."""
    if not (result.app_warm_s and result.static_warm_s and result.naive_warm_s):
        return []
    ratio_static = result.app_warm_s / result.static_warm_s
    speedup = result.naive_warm_s / result.app_warm_s
    return [
        Row(
            "2a′. returning visitor (second load in the same browser context): /map vs static",
            f"{result.app_warm_s:.2f} s",
            f"{result.static_warm_s:.2f} s",
            f"{ratio_static:.2f}×",
            f"app ≤ {GOAL_STATIC}× static",
            ratio_static <= GOAL_STATIC,
        ),
        Row(
            "2c′. returning visitor: naive Choropleth page vs /map page",
            f"{result.naive_warm_s:.2f} s",
            f"{result.app_warm_s:.2f} s (app)",
            f"app {speedup:.1f}× faster",
            "app ≥ 5× faster",
            speedup >= 5,
        ),
    ]


def rows(result: LoadResult) -> list[Row]:
    """RESULTS.md lines for goal 2, with the floors (d) and (e)."""
    ratio_static = result.app_s / result.static_s
    speedup = result.naive_s / result.app_s
    clean = not result.errors and not result.blocked
    floors = ""
    if result.hello_s and result.map_alone_s:
        floors = (
            f" (of the app's time, Streamlit's own start-up to one text element, 2d, is "
            f"{result.hello_s / result.app_s:.0%}; the same map alone in Streamlit, 2e, "
            f"{result.map_alone_s / result.app_s:.0%}; the goal allows "
            f"{GOAL_STATIC * result.static_s:.2f} s)"
        )
    alone = ""
    if result.map_alone_s:
        alone = (
            f" (the same map alone in Streamlit, 2e, is {result.naive_s / result.map_alone_s:.1f}×"
            " faster than the naive page: what /map would be with no controls, figures or table)"
        )
    return [
        Row(
            "2a/b. browser: /map page to 579 shapes vs static HTML of the same folium map" + floors,
            f"{result.app_s:.2f} s",
            f"{result.static_s:.2f} s",
            f"{ratio_static:.2f}×",
            "app ≤ 1.5× static",
            ratio_static <= GOAL_STATIC,
        ),
        Row(
            f"2c. browser: naive Choropleth page ({result.naive_vertices:,} vertices, "
            f"{result.naive_geojson_bytes / 1e6:.1f} MB GeoJSON) vs /map page" + alone,
            f"{result.naive_s:.2f} s",
            f"{result.app_s:.2f} s (app)",
            f"app {speedup:.1f}× faster",
            "app ≥ 5× faster",
            speedup >= 5,
        ),
        *_returning_rows(result),
        _floor_row(
            "2d. browser floor: a Streamlit page with one text element vs static HTML map",
            result.hello_s,
            result,
        ),
        _floor_row(
            "2e. browser floor: the same map alone in a Streamlit page vs static HTML",
            result.map_alone_s,
            result,
        ),
        Row(
            "2. browser loads: console errors / exception boxes / blocked remote requests",
            f"{len(result.errors)} / {len(set(result.blocked))} blocked",
            "0",
            "—",
            "none",
            clean,
        ),
    ]


if __name__ == "__main__":
    os.chdir(REPO)
    measured = run(int(os.environ.get("BENCH_REPEATS", "2")))
    print(measured)
    for row in rows(measured):
        print(f"{row.measure}: {row.value} vs {row.baseline} = {row.ratio} [{row.goal}]")
