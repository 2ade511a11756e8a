"""Goal 4: importing 30 days × 579 communes (preview_report + commit_import) vs pandas.read_csv.

The CSV has the template's Vietnamese headers and dates 30/05–28/06/2023 after the sample's
last day (29/05/2023), with figures rising from the stored ones (never falling, delivered ≤
target, activated ≤ delivered), so every row is clean and new. Each timed import runs on a
fresh copy of the seeded store (copying is not timed). Baseline: a bare pandas.read_csv of the
same file. REPEATS of each, medians reported; one extra import is profiled with cProfile.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import OUT, REPEATS, Row, fresh_store_url, median_time, seeded_store

DAYS = 30
FIRST_DAY = date(2023, 5, 30)
TODAY = date(2023, 6, 30)
GOAL = 3.0


@dataclass
class ImportResult:
    """Median seconds of the import and of read_csv, the file, and the profile's top lines."""

    import_s: float
    read_csv_s: float
    rows: int
    file_bytes: int
    import_runs: list[float] = field(default_factory=list)
    profile: list[str] = field(default_factory=list)
    stage_s: dict[str, float] = field(default_factory=dict)


def report_csv() -> Path:
    """Write the 30-day report for every commune, rising from the stored 29/05 figures."""
    from loaders import store

    engine = store.connect(f"sqlite:///{seeded_store()}")
    stored = store.read_reports(engine)
    engine.dispose()
    last = stored[stored["as_of"] == stored["as_of"].max()].set_index("commune_code")
    rng = np.random.default_rng(7)
    frames = []
    delivered, activated = last["delivered"].to_numpy(), last["activated"].to_numpy()
    target = last["target"].to_numpy()
    for day in range(DAYS):
        step = rng.integers(0, 60, len(last))
        delivered = np.minimum(np.maximum(target, delivered), delivered + step)
        activated = np.minimum(delivered, activated + rng.integers(0, 50, len(last)))
        frames.append(pd.DataFrame({
            "Ngày báo cáo": (FIRST_DAY + timedelta(days=day)).strftime("%d/%m/%Y"),
            "Mã xã": last.index,
            "Chỉ tiêu": target,
            "Số thẻ đã trả": delivered,
            "Đã kích hoạt VNeID": activated,
        }))  # fmt: skip
    path = OUT / "report_30_days.csv"
    pd.concat(frames).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def import_once(path: Path, url: str) -> tuple[int, dict[str, float]]:
    """preview_report + commit_import on the store at `url`; (rows changed, stage seconds)."""
    from loaders import reports, store

    engine = store.connect(url)
    try:
        start = time.perf_counter()
        preview = reports.preview_report(path, engine, today=TODAY)
        middle = time.perf_counter()
        if preview.problems:
            raise RuntimeError(f"the bench report has problems: {preview.problems[:3]}")
        record = store.commit_import(
            engine, preview.rows, file_name=path.name, sha256=preview.sha256, editor="bench"
        )
        end = time.perf_counter()
    finally:
        engine.dispose()
    return record.changed, {"preview_report": middle - start, "commit_import": end - middle}


def _profile(path: Path) -> list[str]:
    """The 12 functions with the most cumulative time in one import (cProfile)."""
    url = fresh_store_url("import_profile")
    profiler = cProfile.Profile()
    profiler.runcall(import_once, path, url)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    return lines[start : start + 26]


def run(repeats: int = REPEATS) -> ImportResult:
    """Time the import and read_csv `repeats` times each; profile one more import."""
    path = report_csv()
    runs, stages = [], []
    import_once(path, fresh_store_url("import_warmup"))  # imports, discarded
    for i in range(repeats):
        url = fresh_store_url(f"import_{i}")
        start = time.perf_counter()
        changed, stage = import_once(path, url)
        runs.append(time.perf_counter() - start)
        stages.append(stage)
    read_s, _ = median_time(lambda: pd.read_csv(path), repeats)
    return ImportResult(
        import_s=statistics.median(runs),
        read_csv_s=read_s,
        rows=changed,
        file_bytes=path.stat().st_size,
        import_runs=runs,
        profile=_profile(path),
        stage_s={k: statistics.median(s[k] for s in stages) for k in stages[0]},
    )


def rows(result: ImportResult) -> list[Row]:
    """RESULTS.md line for goal 4."""
    ratio = result.import_s / result.read_csv_s
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in result.stage_s.items())
    return [
        Row(
            f"4. import {DAYS} days × 579 communes ({result.rows:,} rows, "
            f"{result.file_bytes / 1024:.0f} KB CSV; {stages}) vs pandas.read_csv",
            f"{result.import_s:.2f} s",
            f"{result.read_csv_s * 1000:.1f} ms",
            f"{ratio:.0f}×",
            "≤ 3×",
            ratio <= GOAL,
        )
    ]


if __name__ == "__main__":
    result = run(int(os.environ.get("BENCH_REPEATS", "2")))
    print(result.import_s, result.read_csv_s, result.stage_s, result.rows)
    print("\n".join(result.profile))
