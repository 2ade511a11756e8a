"""Goal 5: peak memory (VmHWM, server process and its children) with 20 map sessions vs 1.

Two fresh servers (app.py, each on its own copy of the seeded store). On the first, one
Chromium page opens /map and waits for the 579 shapes; on the second, 20 pages (4 contexts of
5) open /map at once and each waits for its shapes. Peak RSS is read from /proc/<pid>/status
after the sessions drew. Also counted: exception boxes and console errors on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.browser_load import VIEWPORT, page_errors, wait_for_shapes
from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Row,
    fresh_store_url,
    server,
    tree_vmhwm_kb,
    watch_remote_requests,
)

SESSIONS = 20
PAGES_PER_CONTEXT = 5
GOAL = None  # no numeric goal was set: the ratio is reported with "no errors"


@dataclass
class MemoryResult:
    """Peak RSS in MB: idle server, with 1 session, with SESSIONS sessions; errors seen."""

    idle_mb: float
    one_mb: float
    many_mb: float
    sessions: int = SESSIONS
    errors: list[str] = field(default_factory=list)


def _sessions(browser, url: str, count: int, errors: list[str]) -> None:
    """Open `count` pages on url/map at once, wait until each has drawn the shapes."""
    contexts, pages = [], []
    for i in range(count):
        if i % PAGES_PER_CONTEXT == 0:
            contexts.append(browser.new_context(viewport=VIEWPORT))
            blocked = watch_remote_requests(contexts[-1])
        page = contexts[-1].new_page()
        pages.append((page, page_errors(page), blocked))
        page.goto(f"{url}/map", wait_until="commit")
    try:
        for page, seen, blocked in pages:
            wait_for_shapes(page, timeout_s=300)
            if page.locator('[data-testid="stException"]').count():
                seen.append("exception box")
            errors.extend([*seen, *page._bench_failed, *(f"blocked {u}" for u in blocked)])
    finally:
        for context in contexts:
            context.close()


def _peak(browser, count: int, errors: list[str]) -> tuple[float, float]:
    """(idle peak MB, peak MB after `count` sessions) of a fresh app server."""
    with server("app.py", {"DATABASE_URL": fresh_store_url(f"memory_{count}")}) as app:
        idle = tree_vmhwm_kb(app.process.pid) / 1024
        _sessions(browser, app.url, count, errors)
        return idle, tree_vmhwm_kb(app.process.pid) / 1024


def run() -> MemoryResult:
    """Measure the server's peak RSS with 1 and with SESSIONS map sessions."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            idle, one = _peak(browser, 1, errors)
            _, many = _peak(browser, SESSIONS, errors)
        finally:
            browser.close()
    return MemoryResult(idle, one, many, errors=errors)


def rows(result: MemoryResult) -> list[Row]:
    """RESULTS.md lines for goal 5."""
    return [
        Row(
            f"5. server peak RSS (VmHWM) with {result.sessions} map sessions vs 1 "
            f"(idle server: {result.idle_mb:.0f} MB)",
            f"{result.many_mb:.0f} MB",
            f"{result.one_mb:.0f} MB",
            f"{result.many_mb / result.one_mb:.2f}×",
            "report MB and ratio",
            None,
        ),
        Row(
            f"5. errors in the {result.sessions + 1} sessions (exception boxes, console errors)",
            str(len(result.errors)),
            "0",
            "—",
            "no errors",
            not result.errors,
        ),
    ]


if __name__ == "__main__":
    import os

    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    print(run())
