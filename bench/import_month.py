"""Issue 14 (speed): check and commit a nationwide month vs the script an analyst would write.

The month (bench/month_files.py): 30 days × 10,599 communes of the synthetic country
(CCCD_DATASET=nationwide), 317,970 rows, as the template CSV and as the template XLSX, rising from
the figures of the seeded nationwide store (the synthetic sample, 15–29 May 2023), so the check
compares every row with the stored history and finds nothing wrong.

Ours: loaders.reports.preview_report + loaders.store.commit_import of preview.rows on a fresh
copy of the seeded store (copy and connect not timed), as bench/imports.py does for Hanoi.
Peer: pandas.read_csv (read_excel for XLSX, engine="calamine") with the code column as text,
the headers renamed to the table's columns, the dd/mm/yyyy dates turned into ISO dates, then
DataFrame.to_sql(if_exists="append") through a sqlite3 connection into a fresh SQLite file (WAL,
like the store) holding one table created with the store's own `reports` DDL (key on as_of,
commune_code; check constraint). Creating the file and the table is not timed.
REPEATS runs of each, ours and peer interleaved (the order alternating), after one discarded
pair; medians; goal: ours ≤ 2× peer. One more import of the CSV runs under cProfile.
BENCH_MONTH_FORMATS=xlsx (or csv) runs one format only.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sqlite3
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bench.common import OUT, REPEATS, Row
from bench.month_files import COLUMNS, month_files
from bench.nationwide import nationwide_env, nationwide_store_url

GOAL = 2.0
FORMATS = ("csv", "xlsx")
EXCEL_ENGINE = "calamine"  # pandas 3.1's default is still openpyxl, and warns it will change
PROFILED_FILES = ("/loaders/", "/cccd/")


@dataclass
class FormatRuns:
    """Every timed run of one format: ours (with its two stages) and the peer's."""

    file_bytes: int
    rows: int = 0
    ours: list[float] = field(default_factory=list)
    preview: list[float] = field(default_factory=list)
    commit: list[float] = field(default_factory=list)
    peer: list[float] = field(default_factory=list)
    peer_read: list[float] = field(default_factory=list)  # read + rename + dates
    peer_write: list[float] = field(default_factory=list)  # to_sql

    def median(self, name: str) -> float:
        """Median seconds of one series ("ours", "preview", "peer", ...)."""
        return statistics.median(getattr(self, name))


@dataclass
class MonthResult:
    """The runs per format, the CSV import's profile and the benchmark's own wall time."""

    formats: dict[str, FormatRuns] = field(default_factory=dict)
    profile: list[str] = field(default_factory=list)
    seconds: float = 0.0


def reports_ddl() -> str:
    """The store's CREATE TABLE reports, read from the seeded nationwide store."""
    url = nationwide_store_url("month_ddl")
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        sql = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'reports'"
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def _fresh_peer_file(ddl: str, folder: Path = OUT) -> sqlite3.Connection:
    """A new SQLite file in WAL mode holding only an empty `reports` table."""
    path = folder / "month_peer.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(ddl)
    connection.commit()
    return connection


def _peer_frame(path: Path) -> pd.DataFrame:
    """The analyst's read: the code as text, our column names, ISO dates."""
    from cccd.template import HEADERS

    code = HEADERS["vi"]["commune_code"]
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype={code: str})
    else:
        frame = pd.read_excel(path, dtype={code: str}, engine=EXCEL_ENGINE)
    frame = frame.rename(columns={HEADERS["vi"][name]: name for name in COLUMNS})
    frame["as_of"] = pd.to_datetime(frame["as_of"], format="%d/%m/%Y").dt.strftime("%Y-%m-%d")
    return frame


def peer_once(path: Path, ddl: str, folder: Path = OUT) -> tuple[float, float]:
    """(read seconds, to_sql seconds) of the peer into a fresh file in `folder`; checks the row
    count."""
    connection = _fresh_peer_file(ddl, folder)
    try:
        start = time.perf_counter()
        frame = _peer_frame(path)
        middle = time.perf_counter()
        frame.to_sql("reports", connection, if_exists="append", index=False)
        end = time.perf_counter()
        stored = connection.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        connection.close()
    if stored != len(frame):
        raise RuntimeError(f"the peer stored {stored} of {len(frame)} rows")
    return middle - start, end - middle


def ours_once(path: Path) -> tuple[int, float, float]:
    """(rows changed, preview seconds, commit seconds) on a fresh copy of the seeded store."""
    from bench.imports import import_once

    changed, stages = import_once(path, nationwide_store_url("month_store"))
    return changed, stages["preview_report"], stages["commit_import"]


def _time_format(path: Path, ddl: str, repeats: int) -> FormatRuns:
    """One discarded pair, then `repeats` interleaved pairs (ours, peer; order alternating)."""
    runs = FormatRuns(file_bytes=path.stat().st_size)
    ours_once(path)
    peer_once(path, ddl)
    for i in range(repeats):
        for turn in ("ours", "peer") if i % 2 == 0 else ("peer", "ours"):
            if turn == "ours":
                runs.rows, preview_s, commit_s = ours_once(path)
                runs.preview.append(preview_s)
                runs.commit.append(commit_s)
                runs.ours.append(preview_s + commit_s)
            else:
                read_s, write_s = peer_once(path, ddl)
                runs.peer_read.append(read_s)
                runs.peer_write.append(write_s)
                runs.peer.append(read_s + write_s)
    return runs


def run(repeats: int = REPEATS) -> MonthResult:
    """Write the month files once, time both formats, profile one CSV import."""
    began = time.perf_counter()
    chosen = os.environ.get("BENCH_MONTH_FORMATS", ",".join(FORMATS)).split(",")
    result = MonthResult()
    with nationwide_env():
        from loaders import store

        engine = store.connect(nationwide_store_url("month_source"))
        paths = month_files(store.read_reports(engine))
        engine.dispose()
        ddl = reports_ddl()
        for fmt in [f.strip() for f in chosen if f.strip() in FORMATS]:
            print(f"[bench] import_month {fmt}: {paths[fmt].name}", flush=True)
            result.formats[fmt] = _time_format(paths[fmt], ddl, repeats)
        if "csv" in result.formats:
            result.profile = profile_import(paths["csv"])
    result.seconds = time.perf_counter() - began
    return result


def _stage_lines(profiler: cProfile.Profile, stage: str, limit: int) -> list[str]:
    """The stage's project functions by cumulative time, then all functions by own time."""
    stats = pstats.Stats(profiler)
    total = max(entry[3] for entry in stats.stats.values())  # the stage's entry point

    def line(key: tuple, entry: tuple) -> str:
        file, number, name = key
        where = file.split("/site-packages/")[-1].replace(str(Path.cwd()) + "/", "")
        calls, own, cumulative = entry[1], entry[2], entry[3]
        share = f"{cumulative / total:4.0%}"
        return f"{cumulative:6.2f} {own:6.2f} {share} {calls:>8} {where}:{number}({name})"

    items = list(stats.stats.items())
    ours = sorted(
        (item for item in items if any(part in item[0][0] for part in PROFILED_FILES)),
        key=lambda item: -item[1][3],
    )
    own = sorted(items, key=lambda item: -item[1][2])
    head = f"{stage}: {total:.2f} s under cProfile  (cum s, own s, % of stage, calls, function)"
    return [
        head,
        "  by cumulative time, loaders/ and cccd/:",
        *(f"  {line(*item)}" for item in ours[:limit]),
        "  by own time, everything:",
        *(f"  {line(*item)}" for item in own[:limit]),
    ]


def profile_import(path: Path, limit: int = 14) -> list[str]:
    """cProfile of one preview and one commit of `path` on a fresh store (tables as text)."""
    from bench.imports import TODAY
    from loaders import reports, store

    engine = store.connect(nationwide_store_url("month_profile"))
    try:
        preview_profiler, commit_profiler = cProfile.Profile(), cProfile.Profile()
        preview = preview_profiler.runcall(reports.preview_report, path, engine, today=TODAY)
        commit_profiler.runcall(
            store.commit_import,
            engine,
            preview.rows,
            file_name=path.name,
            sha256=preview.sha256,
            editor="bench",
        )
    finally:
        engine.dispose()
    return [
        *_stage_lines(preview_profiler, "preview_report", limit),
        "",
        *_stage_lines(commit_profiler, "commit_import", limit),
    ]


def rows(result: MonthResult) -> list[Row]:
    """RESULTS.md lines: one per format, ours vs the peer, goal ≤ 2×."""
    lines = []
    for fmt, runs in result.formats.items():
        ratio = runs.median("ours") / runs.median("peer")
        reader = "read_csv" if fmt == "csv" else f'read_excel(engine="{EXCEL_ENGINE}")'
        peer = f"read {runs.median('peer_read'):.2f} s + to_sql {runs.median('peer_write'):.2f} s"
        lines.append(
            Row(
                f"7. nationwide month import, {fmt.upper()} ({runs.rows:,} rows, 30 days × "
                f"10,599 communes, {runs.file_bytes / 1e6:.1f} MB; preview_report "
                f"{runs.median('preview'):.2f} s + commit_import {runs.median('commit'):.2f} s) "
                f"vs pandas.{reader} + DataFrame.to_sql into a fresh SQLite file, same table "
                f"({peer})",
                f"{runs.median('ours'):.2f} s",
                f"{runs.median('peer'):.2f} s",
                f"{ratio:.2f}×",
                f"≤ {GOAL:.0f}× peer",
                ratio <= GOAL,
            )
        )
    return lines


def details(result: MonthResult) -> list[str]:
    """Every timed run of each format, the benchmark's wall time, and (separately) the profile."""
    lines = [f"- nationwide month benchmark: {result.seconds:.0f} s in all (files, runs, profile)"]
    for fmt, runs in result.formats.items():
        for name in ("ours", "preview", "commit", "peer", "peer_read", "peer_write"):
            values = ", ".join(f"{x:.2f}" for x in getattr(runs, name))
            lines.append(f"- month {fmt} {name.replace('_', ' ')}: {values}")
    return lines


if __name__ == "__main__":
    outcome = run(int(os.environ.get("BENCH_REPEATS", str(REPEATS))))
    for row in rows(outcome):
        print(f"{row.measure}: {row.value} vs {row.baseline} = {row.ratio} [{row.goal}]")
    print("\n".join(details(outcome)))
    print("\n".join(outcome.profile))
