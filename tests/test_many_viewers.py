"""bench/many_viewers: its percentile, and its redraw check on the static floor page: a change
counts as drawn only when the map shows the district expected, for both ways of redrawing.

Speed is the benchmark's business; here only that what it times is the right event.
"""

import asyncio
import threading

import pytest

from bench import viewers_drive as drive
from bench.browser_load import http_site
from bench.many_viewers import percentile
from bench.viewers_floor import FloorTarget, build_site
from browser_support import CHROMIUM_ARGS, chromium_or_skip

DISTRICTS = ["001", "271"]


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1.0], 0.95, 1.0),
        ([1.0, 2.0], 0.5, 1.5),
        ([3.0, 1.0, 2.0], 0.95, 2.9),
        ([float(i) for i in range(1, 101)], 0.95, 95.05),
        ([5.0, 5.0, 5.0], 0.95, 5.0),
    ],
)
def test_percentile_is_linear_between_ranks(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


async def _seen(url: str, mode: str) -> dict[str, object]:
    """On the floor page: time a change to 271; then expect 001 but show 271 again."""
    from playwright.async_api import async_playwright

    views = drive.district_views(DISTRICTS)
    target = FloorTarget(url, mode)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(chromium_or_skip()), headless=True, args=CHROMIUM_ARGS
        )
        context = await drive.new_context(browser)
        page, errors = await drive.open_page(context, target)
        focus, settled = await drive.change(target, page, "271", *views["271"])
        await page.evaluate(drive.EXPECT_JS, [drive.SHAPES, drive.COMMUNES, *views["001"][1]])
        await target.choose(page, "271", *views["271"])
        await page.wait_for_timeout(1500)
        wrong = await page.evaluate("() => [window.__mvFocusAt, window.__mvSettledAt]")
        await browser.close()
    return {"focus": focus, "settled": settled, "wrong": wrong, "errors": errors}


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["redraw", "veil"])
def test_a_change_counts_only_when_the_expected_district_is_drawn(mode):
    chromium_or_skip()
    site = build_site(DISTRICTS)
    seen: dict[str, object] = {}
    with http_site(site) as url:
        # In a thread of its own: the browser tests' sync Playwright may hold this one's loop.
        thread = threading.Thread(target=lambda: seen.update(asyncio.run(_seen(url, mode))))
        thread.start()
        thread.join(timeout=180)
    assert 0 <= seen["focus"] <= seen["settled"] < 30
    assert seen["wrong"] == [0, 0]
    assert seen["errors"] == []
