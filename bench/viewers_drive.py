"""Driving map viewers for bench/many_viewers.py: open a map, pick a district, time its redraw.

A change is timed in the browser, with the browser's clock at both ends: from the choice (the
pointerdown on the district box's option, or the call that changes the static floor page) to the
animation frame on which the map shows the district focused and settled: the veil (focus layer)
has a hole whose bounds are the district's, the 579 commune shapes are there, and the map's
centre and zoom are the district's view (cccd.mapview.view_for, as ui/map.map_view computes it)
with any zoom animation over. The frame on which the veil alone is there is kept too.

The check runs on the map's own events (a layer added to the veil's pane, the end of a move or
zoom), not on every animation frame: with 20 pages open, a check per frame took more CPU than
the district changes themselves.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from bench.browser_load import VIEWPORT, page_errors
from bench.common import COMMUNES, SHAPES

TIMEOUT_MS = 90_000

CHOICE_JS = """document.addEventListener('pointerdown', event => {
    if (event.target.closest && event.target.closest('[role="option"]'))
        window.__mvChosenAt = Date.now();
}, true);"""

# In the map's document, once: stamp the next animation frame (Date.now(), ms) at which the
# district of window.__mvExpect is veiled (__mvFocusAt) and at which the view has settled on it
# too (__mvSettledAt).
HOOK_JS = """() => {
    if (window.__mvHooked || !window.map) return !!window.__mvHooked;
    const map = window.map;
    const stamp = name => requestAnimationFrame(() => {
        window[name] = window[name] || Date.now();
    });
    const veilBox = () => {
        const rings = [];
        const flat = x => Array.isArray(x[0]) ? x.forEach(flat) : rings.push(x);
        map.eachLayer(layer => {
            if (layer.options && layer.options.pane === 'focus-veil' && layer.getLatLngs)
                flat(layer.getLatLngs());
        });
        const boxes = rings.map(ring => [
            Math.min(...ring.map(p => p.lng)), Math.min(...ring.map(p => p.lat)),
            Math.max(...ring.map(p => p.lng)), Math.max(...ring.map(p => p.lat))]);
        boxes.sort((a, b) => (b[2] - b[0]) - (a[2] - a[0]));  // the veil's outer box first
        const holes = boxes.slice(1);
        return holes.length ? [0, 1].map(i => Math.min(...holes.map(b => b[i])))
            .concat([2, 3].map(i => Math.max(...holes.map(b => b[i])))) : null;
    };
    const check = () => {
        const want = window.__mvExpect;
        if (!want || document.querySelectorAll(want.shapes).length < want.n) return;
        const hole = veilBox();
        if (!hole || want.box.length !== 4) return;
        if (hole.some((v, i) => !(Math.abs(v - want.box[i]) <= 1e-4))) return;
        stamp('__mvFocusAt');
        const c = map.getCenter();
        // A map narrower than the width the server fits for zooms out by the widths' ratio
        // (cccd/map_script.py); the static floor page sets the server's zoom as it is.
        const width = map.getContainer().clientWidth;
        const fitted = width > 0 && width < want.width
            ? Math.floor((want.zoom + Math.log2(width / want.width)) * 4 + 1e-9) / 4 : want.zoom;
        const zoom = map.getZoom();
        if (!map._animatingZoom
            && (Math.abs(zoom - want.zoom) < 1e-9 || Math.abs(zoom - fitted) < 1e-9)
            && Math.abs(c.lat - want.lat) < 1e-3 && Math.abs(c.lng - want.lng) < 1e-3)
            stamp('__mvSettledAt');
    };
    map.on('layeradd', e => {
        if (e.layer.options && e.layer.options.pane === 'focus-veil') check();
    });
    map.on('moveend zoomend', check);
    window.__mvHooked = true;
    return true;
}"""
EXPECT_JS = """([shapes, n, lat, lng, zoom, minx, miny, maxx, maxy, width]) => {
    window.__mvExpect = {shapes, n, lat, lng, zoom, box: [minx, miny, maxx, maxy], width};
    window.__mvFocusAt = 0;
    window.__mvSettledAt = 0;
}"""
SETTLED_JS = """() => window.__mvSettledAt
    && {focus: window.__mvFocusAt, settled: window.__mvSettledAt}"""


def district_views(codes: list[str]) -> dict[str, tuple[str, list[float]]]:
    """district code -> (name, [lat, lng, zoom, minx, miny, maxx, maxy, width]): the view the map
    page centres on (ui/map.map_view over ui/cached.map_extents), the district's bounds and the
    map width that view was fitted for (mapview.VIEW_WIDTH_PX)."""
    from cccd import mapview
    from loaders import reference

    units = reference.units()
    names = dict(zip(units["district_code"], units["district_name"], strict=True))
    shapes = reference.default_communes()[["commune_code", "geometry"]]
    joined = shapes.merge(units[["commune_code", "district_code"]], on="commune_code")
    extents = mapview.extents(joined.set_index("commune_code", drop=False))
    views = {}
    for code in codes:
        bounds = mapview.bounds_of(extents[extents["district_code"] == code])
        (lat, lng), zoom = mapview.view_for(bounds)
        views[code] = (names[code], [lat, lng, zoom, *bounds, mapview.VIEW_WIDTH_PX])
    return views


async def drawn_frame(page, in_iframe: bool, timeout_s: float = TIMEOUT_MS / 1000):
    """The frame holding the map once it has the commune shapes: the st_folium iframe (looked
    up again if Streamlit replaces it meanwhile), or the page itself."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        frames = [f for f in page.frames if "streamlit_folium" in f.url] if in_iframe else [page]
        for frame in frames:
            try:
                if await frame.evaluate(
                    "([s, n]) => document.querySelectorAll(s).length >= n", [SHAPES, COMMUNES]
                ):
                    return frame.main_frame if frame is page else frame
            except Exception:  # noqa: BLE001 - detached while Streamlit re-renders
                continue
        await asyncio.sleep(0.2)
    raise TimeoutError(f"{page.url}: no map with {COMMUNES} shapes after {timeout_s:.0f} s")


class AppTarget:
    """The app's /map (or bench/floor_map_district.py at "/"); a change is a pick in the
    sidebar's district box."""

    in_iframe = True

    def __init__(self, url: str, path: str = "/map") -> None:
        self.url = f"{url}{path}"

    async def ready(self, page) -> None:
        """Wait for the rest of the page: /map sends its map first, then (once the map has
        drawn) the controls, figures and table; a change timed before they are drawn would
        time the first visit's tail too."""
        await page.locator(".st-key-district input").wait_for(timeout=TIMEOUT_MS)
        await page.wait_for_timeout(500)

    async def choose(self, page, code: str, name: str, view: list[float]) -> None:
        """Click the district box, type the name, click its option."""
        box = page.locator(".st-key-district input")
        await box.click(timeout=TIMEOUT_MS)
        await box.fill(name, timeout=TIMEOUT_MS)
        await page.get_by_role("option", name=name, exact=True).click(timeout=TIMEOUT_MS)


async def open_page(context, target) -> tuple[object, list[str]]:
    """A new page of `context` on the target, its map drawn; (page, its error list)."""
    page = await context.new_page()
    seen = page_errors(page)
    await page.goto(target.url, wait_until="commit", timeout=TIMEOUT_MS)
    await drawn_frame(page, target.in_iframe)
    await target.ready(page)
    return page, seen


async def new_context(browser):
    """A browser context that stamps option choices (CHOICE_JS) in every document."""
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(CHOICE_JS)
    return context


async def change(target, page, code: str, name: str, view: list[float]) -> tuple[float, float]:
    """One timed district change; (s to the district's veil, s to the settled view)."""
    frame = await drawn_frame(page, target.in_iframe)
    if not await frame.evaluate(HOOK_JS):
        raise RuntimeError(f"{page.url}: the map's document has no window.map")
    await frame.evaluate(EXPECT_JS, [SHAPES, COMMUNES, *view])
    await page.evaluate("() => { window.__mvChosenAt = 0; }")
    await target.choose(page, code, name, view)
    marks = await frame.wait_for_function(SETTLED_JS, polling=100, timeout=TIMEOUT_MS)
    marks = await marks.json_value()
    chosen = await page.evaluate("() => window.__mvChosenAt")
    if not chosen:
        raise RuntimeError(f"{name}: the choice was not stamped")
    return (marks["focus"] - chosen) / 1000, (marks["settled"] - chosen) / 1000


def _descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, pending = [], list(parents.get(pid, []))
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(parents.get(current, []))
    return found


def _cpu_s(pid: int) -> float:
    """CPU seconds of a process and of its children it has reaped (utime+stime+cutime+cstime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def cpu_now(server_pid: int) -> tuple[float, float, float, float]:
    """(wall s, the server tree's CPU s, the browser's CPU s, this driver's CPU s): the
    browser is every descendant of this process but the server's tree (Playwright's node
    driver and Chromium's processes)."""
    server = {server_pid, *_descendants(server_pid)}
    browser = [pid for pid in _descendants(os.getpid()) if pid not in server]
    times = os.times()
    return (
        time.perf_counter(),
        sum(_cpu_s(pid) for pid in server),
        sum(_cpu_s(pid) for pid in browser),
        times.user + times.system,
    )
