"""Goal 3: server run time of the map page after a district filter change (warm) vs a cold run.

streamlit.testing AppTest on app.py → pages/map.py, in this process, on a copy of the seeded
store. cold = the map page's first run after st.cache_data.clear() + st.cache_resource.clear()
(the store file exists; the landing page ran first, then the caches were dropped);
warm = the rerun after choosing another district in the sidebar selectbox (key "district").
One discarded cold+warm cycle first (imports), then REPEATS of each; medians are reported.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass, field

from bench.common import REPEATS, REPO, Row, fresh_store_url

GOAL = 0.10


@dataclass
class RerunResult:
    """Median cold and warm run times in seconds, and every run."""

    cold_s: float
    warm_s: float
    cold_runs: list[float] = field(default_factory=list)
    warm_runs: list[float] = field(default_factory=list)
    exceptions: int = 0


def _cycle(districts: list[str]) -> tuple[float, list[float], int]:
    """One cold map-page run, then a warm rerun per district; (cold s, warm s list, errors)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.run()
    app.switch_page("pages/map.py")
    st.cache_data.clear()
    st.cache_resource.clear()
    start = time.perf_counter()
    app.run()
    cold = time.perf_counter() - start
    errors = len(app.exception)
    warm = []
    for code in districts:
        box = app.sidebar.selectbox(key="district").select(code)
        start = time.perf_counter()
        box.run()
        warm.append(time.perf_counter() - start)
        errors += len(app.exception)
    return cold, warm, errors


def run(repeats: int = REPEATS) -> RerunResult:
    """Cold and warm map-page runs, `repeats` of each (warm: a different district each time)."""
    os.environ["DATABASE_URL"] = fresh_store_url("rerun")
    from loaders import reference

    codes = list(dict.fromkeys(reference.units()["district_code"]))
    _cycle(codes[:1])  # warm-up: imports, discarded
    result = RerunResult(0.0, 0.0)
    for i in range(repeats):
        cold, warm, errors = _cycle([codes[(2 * i + 1) % len(codes)]])
        result.cold_runs.append(cold)
        result.warm_runs.extend(warm)
        result.exceptions += errors
    result.cold_s = statistics.median(result.cold_runs)
    result.warm_s = statistics.median(result.warm_runs)
    return result


def rows(result: RerunResult) -> list[Row]:
    """RESULTS.md line for goal 3."""
    ratio = result.warm_s / result.cold_s
    return [
        Row(
            "3. map page server run: district change (warm caches) vs cold run (AppTest)",
            f"{result.warm_s:.2f} s",
            f"{result.cold_s:.2f} s",
            f"{ratio:.1%}",
            "warm ≤ 10 % of cold",
            ratio <= GOAL and result.exceptions == 0,
        )
    ]


if __name__ == "__main__":
    print(run(int(os.environ.get("BENCH_REPEATS", "2"))))
