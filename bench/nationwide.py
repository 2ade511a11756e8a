"""Issue 6: the synthetic nationwide dataset (10,599 communes) on the map page.

(1) payload: the scripts st_folium gets for /map in the whole-country view (base map with
    province lines + the coloured layer of 705 districts), built from the same cccd / loaders
    calls as ui/cached.py; raw and gzip level 6; goal ≤ 3 MB gzipped.
(2) browser: goto /map → the coloured shapes drawn (705 districts nationwide, 579 communes for
    Hanoi), both apps started in this run, REPEATS timed loads each after a discarded warm-up,
    a fresh browser context per load; goal nationwide ≤ 4× Hanoi.
The nationwide store is seeded once under bench/out/ with CCCD_DATASET=nationwide; the dataset
itself is built on first use into var/datasets/nationwide/ (loaders.reference).
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OUT,
    REPEATS,
    SHAPES,
    Row,
    fresh_store_url,
    server,
    watch_remote_requests,
)

GZIP_GOAL = 3 * 1024 * 1024
RATIO_GOAL = 4.0
DATASET = "nationwide"
VIEWPORT = {"width": 1600, "height": 1000}
WAIT_JS = "([sel, n]) => document.querySelectorAll(sel).length >= n"


@dataclass
class NationwideResult:
    """Payload sizes of the country view and browser medians, with every timed run."""

    communes: int = 0
    districts: int = 0
    base_raw: int = 0
    layer_raw: int = 0
    raw: int = 0
    gzipped: int = 0
    province_communes: int = 0  # the province with the most communes, chosen in the sidebar
    province_gzipped: int = 0
    nationwide_s: float = 0.0
    hanoi_s: float = 0.0
    runs: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@contextmanager
def nationwide_env():
    """CCCD_DATASET=nationwide for this process, restored afterwards."""
    old = os.environ.get("CCCD_DATASET")
    os.environ["CCCD_DATASET"] = DATASET
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("CCCD_DATASET", None)
        else:
            os.environ["CCCD_DATASET"] = old


def nationwide_store_url(name: str) -> str:
    """A fresh copy of a nationwide store seeded once at bench/out/nationwide_seeded.sqlite."""
    from loaders import store

    seeded = OUT / "nationwide_seeded.sqlite"
    if not seeded.exists():
        with nationwide_env():
            store.connect(f"sqlite:///{seeded}").dispose()
    target = OUT / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(seeded, target)
    return f"sqlite:///{target}"


def country_view_strings(result: NationwideResult) -> tuple[str, str]:
    """(map script, coloured-layer script) of /map's whole-country view, as st_folium gets."""
    import streamlit_folium as sf

    from cccd import detail, mapview, progress
    from cccd.offline import use_local_assets
    from loaders import catalogue, reference, store

    use_local_assets()
    with nationwide_env():
        engine = store.connect(nationwide_store_url("nationwide_payload"))
        reports = store.read_reports(engine)
        engine.dispose()
        units, communes = reference.units(), reference.default_communes()
    as_of = progress.report_dates(reports)[-1]
    t = catalogue.translator("vi")
    provinces = detail.overview_shapes(communes, units, "province_code")
    districts = detail.overview_shapes(communes, units, "district_code")
    names = units.drop_duplicates("district_code").set_index("district_code")["province_name"]
    figures = detail.district_progress(progress.commune_progress(reports, units, as_of), names)
    features = detail.overview_features(t, districts, figures, "delivered")
    layer = mapview.commune_layer(t, features, mapview.LayerView(), mapview.DISTRICT_TOOLTIP_FIELDS)
    base = mapview.base_map(provinces, "none")
    base.get_root().render()
    base.render()
    script = sf._get_map_string(base)
    group = sf._get_feature_group_string(layer, map=base, idx=0)
    result.communes, result.districts = len(units), len(features)
    _province_view(result, t, reports, as_of)
    return script, group


def _province_view(result: NationwideResult, t, reports, as_of) -> None:
    """Gzipped size of the coloured layer when the largest province is chosen (its communes
    and district lines), as ui/cached.commune_layer_render builds it."""
    import streamlit_folium as sf

    from cccd import cells, detail, mapview, progress
    from loaders import reference

    with nationwide_env():
        units, communes = reference.units(), reference.default_communes()
        lines = cells.simplify_coverage(reference.districts(), 100.0, decimals=5)
    province = units["province_code"].value_counts().idxmax()
    figures = progress.commune_progress(reports, units, as_of)
    features = mapview.map_features(t, communes, figures, "delivered", as_of)
    features = features[detail.in_scope(features, units, province)]
    own = units.loc[units["province_code"] == province, "district_code"]
    layer = mapview.commune_layer(
        t, features, mapview.LayerView(), outlines=lines[lines["district_code"].isin(own)]
    )
    group = sf._get_feature_group_string(layer, map=mapview.base_map(lines), idx=0)
    result.province_communes = len(features)
    result.province_gzipped = len(gzip.compress(group.encode(), compresslevel=6))


def _time_to_shapes(browser, url: str, shapes: int, result: NationwideResult) -> float:
    """Seconds from goto(url), in a fresh context, until some frame holds `shapes` shapes."""
    from bench.browser_load import page_errors

    context = browser.new_context(viewport=VIEWPORT)
    blocked = watch_remote_requests(context)
    page = context.new_page()
    errors = page_errors(page)
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        while not any(_holds(frame, shapes) for frame in page.frames):
            if time.perf_counter() - start > 300:
                raise TimeoutError(f"{url}: fewer than {shapes} shapes after 300 s")
            page.wait_for_timeout(20)
        elapsed = time.perf_counter() - start
        if page.locator('[data-testid="stException"]').count():
            errors.append("exception box")
        result.errors.extend(f"{url}: {e}" for e in [*errors, *page._bench_failed, *blocked])
        return elapsed
    finally:
        context.close()


def _holds(frame, shapes: int) -> bool:
    try:
        return bool(frame.evaluate(WAIT_JS, [SHAPES, shapes]))
    except Exception:  # noqa: BLE001 - a frame detached while Streamlit re-renders
        return False


def _series(browser, url: str, shapes: int, name: str, result: NationwideResult) -> float:
    warm = _time_to_shapes(browser, url, shapes, result)  # warm-up: server caches, discarded
    runs = [_time_to_shapes(browser, url, shapes, result) for _ in range(REPEATS)]
    print(f"  {name}: warm-up {warm:.2f} s, runs {', '.join(f'{r:.2f}' for r in runs)}")
    result.runs[name] = runs
    return statistics.median(runs)


def run() -> NationwideResult:
    """Payload of the country view, then browser time to map: Hanoi and nationwide."""
    from playwright.sync_api import sync_playwright

    result = NationwideResult()
    script, group = country_view_strings(result)
    body = (script + group).encode()
    result.base_raw, result.layer_raw = len(script.encode()), len(group.encode())
    result.raw, result.gzipped = len(body), len(gzip.compress(body, compresslevel=6))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            env = {"DATABASE_URL": fresh_store_url("nationwide_hanoi"), "CCCD_DATASET": "hanoi"}
            with server("app.py", env) as app:
                result.hanoi_s = _series(browser, f"{app.url}/map", 579, "hanoi", result)
            env = {"DATABASE_URL": nationwide_store_url("nationwide_app"), "CCCD_DATASET": DATASET}
            with server("app.py", env) as app:
                result.nationwide_s = _series(
                    browser, f"{app.url}/map", result.districts, "nationwide", result
                )
        finally:
            browser.close()
    return result


def rows(result: NationwideResult) -> list[Row]:
    """RESULTS.md lines for the nationwide dataset."""
    ratio = result.nationwide_s / result.hanoi_s
    view = (
        f"{result.communes:,} communes shown as {result.districts} districts; base "
        f"{result.base_raw / 1024:.0f} KB + districts {result.layer_raw / 1024:.0f} KB"
    )
    return [
        Row(
            f"6. nationwide map payload raw ({view})",
            f"{result.raw / 1024:.1f} KB ({result.raw:,} bytes)",
            "—",
            "—",
            "report",
            None,
        ),
        Row(
            f"6. nationwide map payload gzipped (gzip level 6; a province chosen, its "
            f"{result.province_communes} communes: {result.province_gzipped / 1024:.0f} KB)",
            f"{result.gzipped / 1024:.1f} KB ({result.gzipped:,} bytes)",
            "goal 3 MB",
            f"{result.gzipped / GZIP_GOAL:.2f} of goal",
            "≤ 3 MB",
            result.gzipped <= GZIP_GOAL,
        ),
        Row(
            f"6. browser: nationwide /map to {result.districts} district shapes vs Hanoi /map to "
            f"579 communes (same run; errors: {len(result.errors)})",
            f"{result.nationwide_s:.2f} s",
            f"{result.hanoi_s:.2f} s",
            f"{ratio:.2f}×",
            "≤ 4× Hanoi",
            ratio <= RATIO_GOAL and not result.errors,
        ),
    ]
