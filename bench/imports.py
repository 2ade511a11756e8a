"""Goal 4: importing 30 days × 579 communes (preview_report + commit_import) vs pandas.read_csv.

The CSV has the template's Vietnamese headers and dates 30/05–28/06/2023 after the sample's
last day (29/05/2023), with figures rising from the stored ones (never falling, delivered ≤
target, activated ≤ delivered), so every row is clean and new. Each timed import runs on a
fresh copy of the seeded store (copying is not timed). Baseline: a bare pandas.read_csv of the
same file. REPEATS of each, medians reported; one extra import is profiled with cProfile.

Floor (4b): the same rows, parsed once by pandas (not timed), written by a bare sqlite3
executemany into one table keyed on (as_of, commune_code) in a fresh SQLite file (WAL, like the
store), in one transaction: what storing them costs with no checks, no history, no ORM. Only
BEGIN … executemany … COMMIT is timed, not the file or the CREATE TABLE.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sqlite3
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
    floor_s: float = 0.0  # 4b: bare sqlite3 executemany of the same rows
    floor_rows: int = 0
    floor_runs: list[float] = field(default_factory=list)


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
            engine, preview.rows, file_name=path.name, sha256=preview.sha256, editor="bench",
            checked_at=preview.store_version,  # as the page and the command line commit
        )  # fmt: skip
        end = time.perf_counter()
    finally:
        engine.dispose()
    return record.changed, {"preview_report": middle - start, "commit_import": end - middle}


FLOOR_TABLE = """
CREATE TABLE reports (
    as_of TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    target INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    activated INTEGER NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (as_of, commune_code)
)
"""
FLOOR_INSERT = "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?)"


def floor_records(path: Path, import_id: int = 1) -> list[tuple]:
    """The CSV's rows as sqlite3 parameters: ISO date text, code text, int counts, import id."""
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype={1: str})
    frame.columns = ["as_of", "commune_code", "target", "delivered", "activated"]
    frame["as_of"] = pd.to_datetime(frame["as_of"], format="%d/%m/%Y").dt.strftime("%Y-%m-%d")
    frame["import_id"] = import_id
    return list(frame.itertuples(index=False, name=None))


def floor_once(records: list[tuple], name: str) -> float:
    """Seconds of BEGIN, executemany, COMMIT into a fresh keyed table (setup not timed)."""
    path = OUT / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(FLOOR_TABLE)
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany(FLOOR_INSERT, records)
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - start
        stored = connection.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        connection.close()
    if stored != len(records):
        raise RuntimeError(f"floor stored {stored} of {len(records)} rows")
    return elapsed


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
    """Time the import, read_csv and the sqlite3 floor `repeats` times each; profile one more
    import."""
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
    records = floor_records(path)
    floor_once(records, "import_floor_warmup")  # discarded
    floor_runs = [floor_once(records, f"import_floor_{i}") for i in range(repeats)]
    return ImportResult(
        import_s=statistics.median(runs),
        read_csv_s=read_s,
        rows=changed,
        file_bytes=path.stat().st_size,
        import_runs=runs,
        profile=_profile(path),
        stage_s={k: statistics.median(s[k] for s in stages) for k in stages[0]},
        floor_s=statistics.median(floor_runs),
        floor_rows=len(records),
        floor_runs=floor_runs,
    )


def rows(result: ImportResult) -> list[Row]:
    """RESULTS.md lines for goal 4 and its floor (4b)."""
    ratio = result.import_s / result.read_csv_s
    floor = result.floor_s / result.read_csv_s
    side = "above" if floor > GOAL else "within"
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
        ),
        Row(
            f"4b. floor: sqlite3.executemany of the same {result.floor_rows:,} rows into one "
            f"keyed table (no checks, no history) vs pandas.read_csv ({side} the goal of "
            f"{GOAL:.0f}×)",
            f"{result.floor_s * 1000:.1f} ms",
            f"{result.read_csv_s * 1000:.1f} ms",
            f"{floor:.1f}×",
            "— (floor)",
            None,
        ),
    ]


if __name__ == "__main__":
    result = run(int(os.environ.get("BENCH_REPEATS", "2")))
    print(result.import_s, result.read_csv_s, result.stage_s, result.rows)
    for row in rows(result):
        print(f"{row.measure}: {row.value} vs {row.baseline} = {row.ratio} [{row.goal}]")
    print("floor runs:", ", ".join(f"{x * 1000:.1f} ms" for x in result.floor_runs))
    print("\n".join(result.profile))
