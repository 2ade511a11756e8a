"""Where a nationwide month's import spends its time, stage by stage, by the wall clock.

`python -m bench.month_stages [csv|xlsx] [runs]` imports the month of bench/import_month.py
(preview_report + commit_import on a fresh copy of the seeded nationwide store) `runs` times
(default 4, the first discarded) with timers around the loaders' and checks' stages, and prints
the median seconds of each, and the time Python's garbage collector ran. Unlike cProfile it adds
next to nothing (a timer per call of a few dozen functions), so the shares are the real ones.
Stages nest: read_report holds read_cells, check_report holds store_changes, and so on. A stage
the code no longer has is left out (the loaders change often).
"""

from __future__ import annotations

import functools
import gc
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench.month_files import month_files
from bench.nationwide import nationwide_env, nationwide_store_url

STAGES = {
    "loaders.reports": ["read_report", "read_cells", "split_header", "check_report"],
    "loaders._report_files": ["read_csv_cells", "read_excel_tables", "check_formulas"],
    "loaders._report_xlsx": ["check_formulas"],
    "loaders._report_tables": ["read_table", "_communes"],
    "loaders.store": ["read_reports", "reports_for_check"],
    "cccd.report_checks": [
        "_read_values", "parse_counts", "_commune_problems", "_order_problems",
        "_duplicate_problems", "_history_problems", "_missing", "store_changes",
    ],
    "loaders._store_imports": [
        "_checked", "checked_rows", "changed_rows", "write_versions", "driver_insert",
        "_copy_versions",
    ],
}  # fmt: skip


def _timed(seconds: dict[str, float], label: str, function):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[label] += time.perf_counter() - start

    return timed


def install_timers(seconds: dict[str, float]) -> None:
    """Wrap every stage of STAGES (where its callers look it up) and the driver's executemany."""
    import importlib

    from loaders import _store_rows

    for module_name, names in STAGES.items():
        module = importlib.import_module(module_name)
        for name in names:
            if hasattr(module, name):
                label = f"{module_name.split('.')[-1]}.{name}"
                setattr(module, name, _timed(seconds, label, getattr(module, name)))
    execute = _store_rows.DriverInsert.execute
    _store_rows.DriverInsert.execute = _timed(seconds, "executemany (DriverInsert)", execute)


def _watch_gc(seconds: dict[str, float]) -> None:
    """Add the collector's running time to seconds["garbage collector"]."""
    began = [0.0]

    def callback(phase: str, _info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            seconds["garbage collector"] += time.perf_counter() - began[0]

    gc.callbacks.append(callback)


def import_stages(path: Path, seconds: dict[str, float]) -> None:
    """One preview + commit of `path` on a fresh store; totals in seconds["PREVIEW"/"COMMIT"]."""
    from bench.imports import TODAY
    from loaders import reports, store

    engine = store.connect(nationwide_store_url("month_stages"))
    try:
        start = time.perf_counter()
        preview = reports.preview_report(path, engine, today=TODAY)
        middle = time.perf_counter()
        store.commit_import(
            engine, preview.rows, file_name=path.name, sha256=preview.sha256, editor="bench"
        )
        seconds["PREVIEW"], seconds["COMMIT"] = middle - start, time.perf_counter() - middle
    finally:
        engine.dispose()


def main(fmt: str = "csv", runs: int = 4) -> None:
    """Print the median seconds per stage over `runs` imports, the first discarded."""
    seconds: dict[str, float] = defaultdict(float)
    install_timers(seconds)
    _watch_gc(seconds)
    samples = []
    with nationwide_env():
        from loaders import store

        engine = store.connect(nationwide_store_url("month_source"))
        path = month_files(store.read_reports(engine))[fmt]
        engine.dispose()
        for _ in range(runs):
            seconds.clear()
            import_stages(path, seconds)
            samples.append(dict(seconds))
    kept = samples[1:] or samples
    total = statistics.median(s["PREVIEW"] + s["COMMIT"] for s in kept)
    print(f"{path.name}: median of {len(kept)} imports, {total:.2f} s (preview + commit)")
    medians = {k: statistics.median(s.get(k, 0.0) for s in kept) for k in kept[0]}
    for label, value in sorted(medians.items(), key=lambda item: -item[1]):
        print(f"{value:7.3f} s {value / total:5.0%}  {label}")


if __name__ == "__main__":
    main(*(sys.argv[1:2] or ["csv"]), *(int(n) for n in sys.argv[2:3]))
