"""Issue 17: another viewer's map while an editor's hostile import runs on the same server.

One server (app.py on a copy of the seeded store, with one editor). A viewer opens /map in a
fresh browser context and waits for the 579 shapes, REPEATS times alone, then REPEATS times
while an editor, in a browser process of its own, signs in and uploads issue 17's workbook of
1,048,575 rows on the import page again and again (each upload is read in a child process of
the server with capped memory and time, and refused). Goal: the viewer's median within 1.5×
of alone. Also reported: how many uploads the editor made and saw refused meanwhile, and the
server's peak memory (VmHWM of it and its children) against the idle server's.
"""

from __future__ import annotations

import multiprocessing
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.browser_load import VIEWPORT, page_errors, wait_for_shapes
from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OUT,
    REPEATS,
    PeakSampler,
    Row,
    fresh_store_url,
    server,
    tree_pss_kb,
    tree_vmhwm_kb,
)

GOAL = 1.5  # the viewer's median load while the editor imports, at most this × alone
MEMORY_GOAL_MB = 300  # the server's peak above idle while it reads the workbook
EDITOR, PASSWORD = "bench", "correct horse battery staple"


@dataclass
class BusyResult:
    """Seconds to the viewer's shapes alone and during the imports; the editor's uploads."""

    alone: list[float] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    uploads: int = 0
    refused: int = 0
    idle_mb: float = 0.0
    peak_mb: float = 0.0
    idle_pss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    errors: list[str] = field(default_factory=list)

    def ratio(self) -> float:
        """Median during the imports / median alone."""
        return statistics.median(self.busy) / statistics.median(self.alone)


def _editor(url: str, workbook: str, stop, counts) -> None:
    """In a process of its own: sign in, upload the workbook, wait for its refusal; again,
    until `stop` is set. counts[0]: uploads made, counts[1]: refusals seen."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        while not stop.is_set():
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.goto(f"{url}/imports?lang=en")
            page.locator(".st-key-sign_in_name input").fill(EDITOR, timeout=120_000)
            page.locator(".st-key-sign_in_password input").fill(PASSWORD)
            page.locator(".st-key-sign_in_password input").press("Enter")
            upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
            upload.set_input_files(workbook, timeout=60_000)
            counts[0] += 1
            alert = page.locator('[data-testid="stAlert"]').filter(has_text=Path(workbook).name)
            alert.first.wait_for(timeout=120_000)
            counts[1] += 1
            context.close()
        browser.close()


def _viewer_load(browser, url: str, errors: list[str]) -> float:
    """Seconds from goto(url/map) in a fresh context until the shapes are drawn."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    seen = page_errors(page)
    start = time.perf_counter()
    page.goto(f"{url}/map", wait_until="commit")
    wait_for_shapes(page, timeout_s=180)
    elapsed = time.perf_counter() - start
    errors.extend(seen)
    context.close()
    return elapsed


def _workbook() -> Path:
    """Issue 17's workbook of 1,048,575 rows (383 KB compressed), written once."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from helpers_file_limits import many_rows_xlsx

    path = OUT / "rows.xlsx"
    return path if path.exists() else many_rows_xlsx(path)


def run(repeats: int = REPEATS) -> BusyResult:
    """The viewer alone, then while the editor's process uploads; one server for both."""
    from playwright.sync_api import sync_playwright

    from loaders import editors, store

    result, workbook = BusyResult(), _workbook()
    url = fresh_store_url("busy_import")
    editors.add_editor(store.connect(url), EDITOR, PASSWORD)
    spawn = multiprocessing.get_context("spawn")
    with server("app.py", {"DATABASE_URL": url}) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        _viewer_load(browser, app.url, result.errors)  # warm-up, discarded
        result.alone = [_viewer_load(browser, app.url, result.errors) for _ in range(repeats)]
        # Idle: the server with the viewer's sessions of the alone runs, before any upload.
        result.idle_mb = tree_vmhwm_kb(app.process.pid) / 1024
        result.idle_pss_mb = tree_pss_kb(app.process.pid) / 1024
        stop, counts = spawn.Event(), spawn.Array("i", 2)
        editor = spawn.Process(target=_editor, args=(app.url, str(workbook), stop, counts))
        editor.start()
        while counts[0] < 1 and editor.is_alive():  # the first upload is under way
            time.sleep(0.2)
        with PeakSampler(app.process.pid) as sampler:
            result.busy = [_viewer_load(browser, app.url, result.errors) for _ in range(repeats)]
            stop.set()
            editor.join(timeout=300)
        result.peak_pss_mb = sampler.peak_kb / 1024
        result.uploads, result.refused = counts[0], counts[1]
        if editor.exitcode not in (0, None) or not result.refused:
            result.errors.append(f"the editor's process ended with {editor.exitcode}")
        result.peak_mb = tree_vmhwm_kb(app.process.pid) / 1024
        browser.close()
    return result


def rows(result: BusyResult) -> list[Row]:
    """RESULTS.md line for issue 17's responsiveness goal."""
    ratio = result.ratio()
    errors = f"; errors: {', '.join(result.errors)}" if result.errors else ""
    above = result.peak_pss_mb - result.idle_pss_mb
    return [
        Row(
            "17. another viewer's /map (579 shapes) while an editor uploads the 1,048,575-row "
            f"workbook again and again ({result.uploads} uploads, {result.refused} refused; "
            f"server peak {result.peak_mb:.0f} MB, idle {result.idle_mb:.0f} MB{errors})",
            f"{statistics.median(result.busy):.2f} s",
            f"{statistics.median(result.alone):.2f} s (alone)",
            f"{ratio:.2f}×",
            f"≤ {GOAL}×",
            ratio <= GOAL and not result.errors and result.refused > 0,
        ),
        Row(
            "17. the server's peak memory while it reads and refuses those uploads, above the "
            "idle server (proportional set size of the server, its fork server and the reading "
            "child, sampled every 50 ms, shared pages counted once; the sum of their VmHWM, "
            f"which counts the pages a child shares with its parent twice: {result.peak_mb:.0f} MB "
            f"against {result.idle_mb:.0f} MB)",
            f"{result.peak_pss_mb:.0f} MB",
            f"{result.idle_pss_mb:.0f} MB (idle)",
            f"+{above:.0f} MB",
            f"≤ +{MEMORY_GOAL_MB} MB",
            above <= MEMORY_GOAL_MB and result.refused > 0,
        ),
    ]


def details(result: BusyResult) -> list[str]:
    """Every timed run, for RESULTS.md's runs section."""
    alone = ", ".join(f"{s:.2f}" for s in result.alone)
    busy = ", ".join(f"{s:.2f}" for s in result.busy)
    return [f"- busy import: viewer alone {alone}; while the editor imports {busy}"]
