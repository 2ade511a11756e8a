"""Goal 5: many viewers at once: 20 browser sessions change the district on /map together.

One app server (app.py on a fresh copy of the seeded store) and one Chromium. The two cores
run the server, Chromium's renderers and this driver alike: what one small machine would see if
it served a meeting room and also ran the room's browsers.

1. Warm-up (untimed): one session opens /map and picks each of the DISTRICTS once, so the
   server's caches (each district's focus layer) are warm for every later session.
2. Alone: one session (a fresh browser context) opens /map, then makes ALONE_CHANGES changes.
3. Many: SESSIONS sessions (CONTEXTS browser contexts of SESSIONS / CONTEXTS pages; each page
   its own Streamlit session) open /map, OPEN_WAVE at a time, until each has drawn its 579
   shapes; then all start together: each makes CHANGES changes (districts of DISTRICTS in its
   own seeded order) with a think time of THINK_S after each redraw.
4. Alone again, as 2 (so the alone figures straddle the crowded ones).
5. The floors, the same 2–4 (a) on bench/floor_map_district.py, /map's map and its district
   box alone in a Streamlit page ("streamlit": the stack's own floor), and (b) on a static page
   with no server that only swaps the focus layer and sets the view (bench/viewers_floor.py,
   "veil": the least a browser can do for a change).

A session counts as open once its map has drawn and the rest of /map (sent after the map) is
there. A change is a pick in the sidebar's district box, timed in the browser
(bench/viewers_drive.py) from the option's pointerdown to the animation frame on which the map
is focused and settled on the district. Goal: p95 with SESSIONS sessions ≤ GOAL × p95 alone,
no errors. Also reported: CPU seconds of the server and of Chromium per change (/proc), the
renderer's main-thread time per change (Chromium's TaskDuration), the server tree's peak RSS
(VmHWM) idle, after one session and after the many; errors (console errors, uncaught
exceptions, HTTP ≥ 400, exception boxes, changes never drawn).

Takes ~4 min on a quiet machine, most of it the 20 sessions opening /map and the Streamlit
floor (~30 s each) and their changes (~50 s and ~40 s); run(floors=(), crowd_floors=()) leaves
the floors out. "redraw", the static page redrawing the map as /map's frame did before the
commune layer was kept, is timed on demand (`python -m bench.many_viewers streamlit redraw
veil`: those floors alone, the crowd on the default ones). BENCH_VIEWERS_SERVER_NICE=-15 runs
the server's threads at that priority, an experiment for "the server as if it had its own
cores": on 2026-12-04 it changed nothing (p95 18.2 s vs 18.1 s the run before).
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from bench import viewers_drive as drive
from bench.browser_load import beside_static, http_site
from bench.common import CHROMIUM, CHROMIUM_ARGS, Row, fresh_store_url, server, tree_vmhwm_kb

SESSIONS = 20
CONTEXTS = 4
CHANGES = 5
ALONE_CHANGES = 5  # before the crowd, and as many again after it
# Opening 20 /map pages at once on 2 cores took over 90 s (every renderer compiling Streamlit's
# and Leaflet's scripts together); the opening is not what goal 5 times, so they open in waves.
OPEN_WAVE = 5
THINK_S = (0.5, 1.5)  # uniform, seeded: a viewer looks at the map before the next choice
GOAL = 3.0
# Ten districts of the Hanoi dataset: inner-city wards and large rural districts alike.
DISTRICTS = ["001", "002", "005", "008", "016", "018", "268", "271", "277", "282"]


@dataclass(frozen=True)
class Change:
    """One district change: seconds from the choice to the veil, and to the settled view."""

    phase: str
    session: int
    district: str
    focus_s: float
    settled_s: float


@dataclass
class ViewersResult:
    """Every timed change, CPU per phase, the server's peak memory, errors, the load."""

    changes: list[Change] = field(default_factory=list)
    # phase -> [wall s, server CPU s, browser CPU s, driver CPU s] while its changes ran
    cpu: dict[str, list[float]] = field(default_factory=dict)
    # phase -> the renderer main thread's seconds per change, per alone session
    renderer_s: dict[str, list[float]] = field(default_factory=dict)
    idle_mb: float = 0.0
    one_mb: float = 0.0
    many_mb: float = 0.0
    open_s: float = 0.0  # the SESSIONS sessions' /map loads, in waves
    errors: list[str] = field(default_factory=list)
    load: list[str] = field(default_factory=list)

    def times(self, phase: str, which: str = "settled_s") -> list[float]:
        """The changes' seconds of one phase ("app alone", "app many", "redraw many", ...)."""
        return [getattr(c, which) for c in self.changes if c.phase == phase]

    def p95(self, phase: str, which: str = "settled_s") -> float:
        """95th percentile (linear between ranks) of one phase's changes."""
        return percentile(self.times(phase, which), 0.95)

    def ratio(self, target: str = "app", which: str = "settled_s") -> float:
        """p95 with SESSIONS sessions / p95 alone, for one target."""
        return self.p95(f"{target} many", which) / self.p95(f"{target} alone", which)

    def cpu_per_change(self, phase: str) -> tuple[float, float]:
        """(server CPU s, browser CPU s) per timed change of a phase."""
        _, server_s, browser_s, _ = self.cpu.get(phase, [0.0] * 4)
        count = max(1, len(self.times(phase)))
        return server_s / count, browser_s / count


def percentile(values: list[float], q: float) -> float:
    """The q-quantile of values, linear between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


class _Phase:
    """Adds the CPU and wall seconds spent inside the block to result.cpu[phase]."""

    def __init__(self, result: ViewersResult, phase: str, server_pid: int) -> None:
        self.result, self.phase, self.pid = result, phase, server_pid

    def __enter__(self) -> None:
        self.start = drive.cpu_now(self.pid)

    def __exit__(self, *exc: object) -> None:
        spent = [b - a for a, b in zip(self.start, drive.cpu_now(self.pid), strict=True)]
        total = self.result.cpu.setdefault(self.phase, [0.0] * 4)
        self.result.cpu[self.phase] = [a + b for a, b in zip(total, spent, strict=True)]


async def _changes(target, page, index: int, phase: str, codes, views, result, think=True):
    """The session's district changes in order, each timed; a think time after each."""
    rng = random.Random(index)
    for code in codes:
        name, view = views[code]
        try:
            focus, settled = await drive.change(target, page, code, name, view)
            result.changes.append(Change(phase, index, code, focus, settled))
        except Exception as error:  # noqa: BLE001 - counted as an error, the others go on
            result.errors.append(f"{phase} session {index} → {name}: {error}"[:300])
        if think:
            await asyncio.sleep(rng.uniform(*THINK_S))


async def _checked(page, seen: list[str], label: str, result: ViewersResult) -> None:
    """Count the page's exception boxes and errors."""
    if await page.locator('[data-testid="stException"]').count():
        seen.append("exception box")
    result.errors.extend(f"{label}: {error}" for error in [*seen, *page._bench_failed])


async def _alone(browser, target, name: str, index: int, codes, views, result, pid, think=True):
    """One session by itself in a fresh context: open the map, make the changes, close; the
    renderer's main-thread seconds per change (Chromium's TaskDuration) are kept too."""
    phase = f"{name} alone" if think else f"{name} warm-up"
    context = await drive.new_context(browser)
    try:
        page, seen = await drive.open_page(context, target)
        cdp = await context.new_cdp_session(page)
        await cdp.send("Performance.enable")
        before = await _task_s(cdp)
        with _Phase(result, phase, pid):
            await _changes(target, page, index, phase, codes, views, result, think)
        result.renderer_s.setdefault(phase, []).append((await _task_s(cdp) - before) / len(codes))
        await _checked(page, seen, f"{name} alone {index}", result)
    finally:
        await context.close()


async def _task_s(cdp) -> float:
    metrics = (await cdp.send("Performance.getMetrics"))["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


async def _open_all(browser, target, result: ViewersResult):
    """SESSIONS pages over CONTEXTS contexts, opened OPEN_WAVE at a time; (contexts, pages)."""
    contexts = [await drive.new_context(browser) for _ in range(CONTEXTS)]
    opened: list = []
    for first in range(0, SESSIONS, OPEN_WAVE):
        wave = range(first, min(first + OPEN_WAVE, SESSIONS))
        opened += await asyncio.gather(
            *(drive.open_page(contexts[i % CONTEXTS], target) for i in wave),
            return_exceptions=True,
        )
    pages = []
    for index, item in enumerate(opened):
        if isinstance(item, BaseException):
            result.errors.append(f"session {index}: the map did not draw: {item}"[:300])
        else:
            pages.append((index, *item))
    return contexts, pages


async def _crowd(browser, target, name: str, views, result: ViewersResult, pid: int) -> float:
    """SESSIONS sessions open the map; when all have drawn, all change districts at once.
    Returns the seconds the opening took."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    contexts, pages = await _open_all(browser, target, result)
    opened_s = loop.time() - start
    try:
        with _Phase(result, f"{name} many", pid):
            await asyncio.gather(
                *(
                    _changes(target, page, i, f"{name} many", _order(i), views, result)
                    for i, page, _ in pages
                )
            )
        for index, page, seen in pages:
            await _checked(page, seen, f"{name} many {index}", result)
    finally:
        for context in contexts:
            await context.close()
    return opened_s


def _order(index: int, count: int = CHANGES) -> list[str]:
    """The districts session `index` picks, in its own seeded order (never twice running)."""
    return random.Random(1000 + index).sample(DISTRICTS, count)


async def _round(browser, target, name: str, views, result, pid: int, crowd=True) -> None:
    """Alone, then (if `crowd`) many and alone again, on one target."""
    await _alone(browser, target, name, 1, _order(-1, ALONE_CHANGES), views, result, pid)
    if name == "app":
        result.one_mb = tree_vmhwm_kb(pid) / 1024
    if not crowd:  # a floor timed alone only, for the work one change costs the browser
        return
    opened_s = await _crowd(browser, target, name, views, result, pid)
    if name == "app":
        result.open_s, result.many_mb = opened_s, tree_vmhwm_kb(pid) / 1024
    await _alone(browser, target, name, 2, _order(-2, ALONE_CHANGES), views, result, pid)


async def _run(floors: tuple[str, ...], crowd_floors: tuple[str, ...]) -> ViewersResult:
    from playwright.async_api import async_playwright

    from bench.viewers_floor import FloorTarget, build_site

    views, result = drive.district_views(DISTRICTS), ViewersResult()
    site = build_site(DISTRICTS)
    result.load.append(Path("/proc/loadavg").read_text()[:14])
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            with server("app.py", {"DATABASE_URL": fresh_store_url("many_viewers")}) as app:
                pid = app.process.pid
                result.idle_mb = tree_vmhwm_kb(pid) / 1024
                _renice(pid, int(os.environ.get("BENCH_VIEWERS_SERVER_NICE", "0")))
                target = drive.AppTarget(app.url)
                await _alone(browser, target, "app", 0, DISTRICTS, views, result, pid, False)
                await _round(browser, target, "app", views, result, pid)
                with http_site(site) as url:
                    for mode in (m for m in floors if m != "streamlit"):
                        floor = FloorTarget(url, mode)
                        await _round(browser, floor, mode, views, result, pid, mode in crowd_floors)
            if "streamlit" in floors:
                await _streamlit_floor(browser, views, result, "streamlit" in crowd_floors)
        finally:
            await browser.close()
    result.load.append(Path("/proc/loadavg").read_text()[:14])
    return result


async def _streamlit_floor(browser, views, result: ViewersResult, crowd: bool) -> None:
    """The map and its district box alone in a Streamlit page, on a server of its own."""
    script = beside_static("floor_map_district.py", "floor")
    with server(script, {"DATABASE_URL": fresh_store_url("many_viewers_floor")}) as floor:
        target = drive.AppTarget(floor.url, "/")
        pid = floor.process.pid
        await _alone(browser, target, "streamlit", 0, DISTRICTS, views, result, pid, False)
        await _round(browser, target, "streamlit", views, result, pid, crowd)


def _renice(pid: int, nice: int) -> None:
    """An experiment, not the default: every thread of the server at `nice` (as if it had cores
    of its own, the browsers elsewhere); nice is per thread on Linux, new threads inherit it."""
    if nice:
        for task in Path(f"/proc/{pid}/task").iterdir():
            os.setpriority(os.PRIO_PROCESS, int(task.name), nice)


def run(
    floors: tuple[str, ...] = ("streamlit", "veil"),
    crowd_floors: tuple[str, ...] = ("streamlit", "veil"),
) -> ViewersResult:
    """Warm-up, then alone / many / alone on /map; then alone (and many, for crowd_floors) on
    the floors ("streamlit": the map and its district box alone in a Streamlit page; on the
    static page, "redraw": what /map's frame does today on a district change, "veil": only the
    focus layer swapped)."""
    return asyncio.run(_run(floors, crowd_floors))


def _passed(result: ViewersResult) -> bool:
    complete = len(result.times("app many")) == SESSIONS * CHANGES
    return complete and not result.errors and result.ratio() <= GOAL


def _renderer_ms(result: ViewersResult, phase: str) -> float:
    """Mean main-thread milliseconds of the page's renderer per change, alone sessions."""
    values = result.renderer_s.get(phase, [])
    return 1000 * statistics.mean(values) if values else float("nan")


def _crowd_cpu(result: ViewersResult, phase: str) -> str:
    wall, server_s, browser_s, driver_s = result.cpu.get(phase, [0.0] * 4)
    return (
        f"the crowd's changes took {wall:.0f} s wall, server {server_s:.1f} s CPU, Chromium "
        f"+ Playwright {browser_s:.0f} s CPU, this driver {driver_s:.1f} s"
    )


def _goal_row(result: ViewersResult) -> Row:
    many, alone = result.times("app many"), result.times("app alone")
    return Row(
        f"18.5 {SESSIONS} viewers at once ({CONTEXTS} browser contexts of {SESSIONS // CONTEXTS} "
        f"pages, one Chromium; server and browsers share the 2 cores): all open /map "
        f"({result.open_s:.0f} s, {OPEN_WAVE} at a time), then start together, {CHANGES} "
        f"district changes each in the sidebar box, {THINK_S[0]}–{THINK_S[1]} s think time; "
        f"p95 from the option's click to the map focused and settled on the district "
        f"({len(many)} changes, median {statistics.median(many):.2f} s; alone: {len(alone)} "
        f"changes before and after, median {statistics.median(alone):.2f} s; "
        f"{_crowd_cpu(result, 'app many')}; load {' → '.join(result.load)})",
        f"{result.p95('app many'):.2f} s",
        f"{result.p95('app alone'):.2f} s (alone)",
        f"{result.ratio():.2f}×",
        f"≤ {GOAL}×, no errors",
        _passed(result),
    )


FLOOR_LABELS = {
    "streamlit": "bench/floor_map_district.py, /map's map and its district box alone in a "
    "Streamlit page",
    "redraw": "a static page that redraws the map as /map's frame did until the commune layer "
    "was kept (all feature groups out, the 0.5 MB commune layer + the focus layer evaluated "
    "again, setView), no server",
    "veil": "a static page that only swaps the focus layer and sets the view (what /map's frame "
    "does on a district change, the commune layer kept), no Streamlit, no server",
}


def _floor_row(result: ViewersResult, mode: str) -> Row:
    return Row(
        f"18.5 floor: the same {SESSIONS} sessions × {CHANGES} changes on {FLOOR_LABELS[mode]} "
        f"(median {statistics.median(result.times(f'{mode} many')):.2f} s vs "
        f"{statistics.median(result.times(f'{mode} alone')):.2f} s alone; "
        f"{_crowd_cpu(result, f'{mode} many')})",
        f"{result.p95(f'{mode} many'):.2f} s",
        f"{result.p95(f'{mode} alone'):.2f} s (alone)",
        f"{result.ratio(mode):.2f}×",
        "— (floor)",
        None,
    )


def _work_row(result: ViewersResult) -> Row:
    """What one change costs each side, alone: the work 20 viewers multiply on 2 cores."""
    server_s, app_s = result.cpu_per_change("app alone")
    veil_s = result.cpu_per_change("veil alone")[1]
    others = [
        f"{label}: Chromium {result.cpu_per_change(f'{mode} alone')[1]:.2f} s, renderer "
        f"{_renderer_ms(result, f'{mode} alone'):.0f} ms"
        for mode, label in (
            ("streamlit", "the map and its box alone in Streamlit"),
            ("redraw", "the static page redrawing as /map's frame does"),
        )
        if result.times(f"{mode} alone")
    ]
    return Row(
        "18.5 work per district change, one session alone: Chromium's CPU (all its processes, "
        "/proc) on /map vs on the static page that only swaps the veil (renderer main thread, "
        f"Chromium's TaskDuration: /map {_renderer_ms(result, 'app alone'):.0f} ms, veil "
        f"{_renderer_ms(result, 'veil alone'):.0f} ms; {'; '.join([*others, ''])}the server's "
        f"CPU per change {1000 * server_s:.0f} ms; {SESSIONS} sessions × (browser + server) / "
        f"2 cores = {SESSIONS * (app_s + server_s) / 2:.1f} s for a round of changes started "
        "together)",
        f"{app_s:.2f} s",
        f"{veil_s:.2f} s (veil floor)",
        f"{app_s / veil_s:.1f}×" if veil_s else "—",
        "— (profile)",
        None,
    )


def rows(result: ViewersResult) -> list[Row]:
    """RESULTS.md lines for goal 5: p95 crowded vs alone, its floors, errors, peak memory."""
    floors = [m for m in FLOOR_LABELS if result.times(f"{m} many")]
    return [
        _goal_row(result),
        *(_floor_row(result, mode) for mode in floors),
        _work_row(result),
        Row(
            f"18.5 errors in the {SESSIONS} + 3 sessions on /map (console errors, uncaught "
            "exceptions, HTTP ≥ 400, exception boxes, changes never drawn)",
            str(len(result.errors)),
            "0",
            "—",
            "no errors",
            not result.errors,
        ),
        Row(
            f"18.5 server peak RSS (VmHWM of its process tree) after {SESSIONS} sessions changed "
            f"districts vs after 1 (idle server: {result.idle_mb:.0f} MB)",
            f"{result.many_mb:.0f} MB",
            f"{result.one_mb:.0f} MB",
            f"{result.many_mb / result.one_mb:.2f}×",
            "report MB and ratio",
            None,
        ),
    ]


def details(result: ViewersResult) -> list[str]:
    """Every timed change by phase (session:district settled s), CPU per phase, errors."""
    lines = []
    for phase in dict.fromkeys(c.phase for c in result.changes):
        runs = [c for c in result.changes if c.phase == phase]
        text = ", ".join(f"{c.session}:{c.district} {c.settled_s:.2f}" for c in runs)
        lines.append(f"- many viewers, {phase} (session:district settled s): {text}")
    for phase, (wall, server_s, browser_s, driver_s) in result.cpu.items():
        lines.append(
            f"- many viewers, {phase}: {wall:.1f} s wall, CPU server {server_s:.1f} s, "
            f"browser {browser_s:.1f} s, driver {driver_s:.1f} s"
        )
    for phase, values in result.renderer_s.items():
        text = ", ".join(f"{1000 * v:.0f}" for v in values)
        lines.append(f"- many viewers, {phase}: renderer main thread ms per change {text}")
    lines.append(f"- many viewers: load average {' → '.join(result.load)}")
    lines += [f"- many viewers error: {error}" for error in result.errors[:10]]
    return lines


if __name__ == "__main__":
    import sys

    from bench.common import REPO

    os.chdir(REPO)
    # python -m bench.many_viewers [floor ...]: also time those floors alone (the crowd on
    # the default ones), e.g. `streamlit redraw veil` for the profile paragraph's figures.
    measured = run(tuple(sys.argv[1:]) or ("streamlit", "veil"))
    for line in details(measured):
        print(line)
    for row in rows(measured):
        print(f"{row.measure}: {row.value} vs {row.baseline} = {row.ratio} [{row.goal}]")
