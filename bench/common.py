"""Shared helpers for the benchmarks: paths, medians, a seeded temp store, the machine, servers.

The Streamlit server launcher and Chromium flags come from tests/browser_support.py so the
benchmarks drive the app exactly as the browser tests do.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from browser_support import (  # noqa: E402
    CHROMIUM,
    MAP_IFRAME,
    SHAPES,
    RunningApp,
    is_remote,
    record_console_errors,
    streamlit_process,
)
from browser_support import CHROMIUM_ARGS as TEST_CHROMIUM_ARGS  # noqa: E402

__all__ = [
    "CHROMIUM", "CHROMIUM_ARGS", "MAP_IFRAME", "OUT", "REPO", "SHAPES", "COMMUNES",
    "watch_remote_requests", "record_console_errors", "median_time", "seeded_store",
    "fresh_store_url", "server", "RunningApp", "machine", "tree_vmhwm_kb", "tree_pss_kb",
    "PeakSampler",
]  # fmt: skip
# Chromium's resolver refuses every host but this machine, so nothing loads from the internet.
# The browser tests block remote requests with Playwright routing instead; here that would
# send each request through this process and turn off the HTTP cache: a round trip added to
# each of a Streamlit page's ~130 requests and to 4 of the static page's, which would skew the
# ratios, and no returning visitor to measure.
CHROMIUM_ARGS = [
    *TEST_CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
COMMUNES = 579
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))


def watch_remote_requests(target) -> list[str]:
    """The URLs of requests a Page or BrowserContext makes to any host but this machine (the
    resolver rules in CHROMIUM_ARGS make them fail); a list the caller can check."""
    remote: list[str] = []

    def seen(request) -> None:
        if is_remote(request.url):
            remote.append(request.url)

    target.on("request", seen)
    return remote


def median_time(action: Callable[[], object], repeats: int = REPEATS) -> tuple[float, list[float]]:
    """Median wall time in seconds of `repeats` calls of action, and all the times."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def seeded_store() -> Path:
    """A SQLite store under bench/out/ created and seeded once (the app's own connect())."""
    from loaders import store

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "seeded.sqlite"
    if not path.exists():
        store.connect(f"sqlite:///{path}").dispose()
    return path


def fresh_store_url(name: str) -> str:
    """A copy of the seeded store at bench/out/<name>.sqlite (old copy and WAL files removed)."""
    source = seeded_store()
    target = OUT / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


@contextmanager
def server(script: str | Path, env: Mapping[str, str] | None = None) -> Iterator[RunningApp]:
    """browser_support.streamlit_process with a longer start-up allowance (a loaded machine)."""
    with streamlit_process(script, env, timeout=90) as app:
        yield app


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def tree_vmhwm_kb(pid: int) -> int:
    """Sum of VmHWM (peak RSS, kB) of a process and all its descendants."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
        pending.extend(_children(current))
    return total


def _tree(pid: int) -> list[int]:
    """pid and all its descendants alive now."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(_children(current))
    return found


def tree_pss_kb(pid: int) -> int:
    """Sum of Pss (kB) over a process and its descendants now: each shared page counted once,
    split between the processes that share it (a forked child shares its parent's pages, which a
    sum of VmHWM counts twice)."""
    total = 0
    for current in _tree(pid):
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total


class PeakSampler:
    """In a thread: the highest tree_pss_kb(pid) seen, sampled every `every` seconds, so that
    short-lived children (a reading child lives a second or two) are counted while they run."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every, self.peak_kb = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))


def machine(chromium_version: str = "") -> dict[str, str]:
    """CPU model, cores, RAM, Python, Chromium, date: the facts RESULTS.md states."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    if not chromium_version:
        try:
            chromium_version = subprocess.run(
                [str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30
            ).stdout.strip()
        except OSError:
            chromium_version = "not found"
    import folium
    import streamlit

    return {
        "CPU": model,
        "cores": str(os.cpu_count()),
        "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Chromium": chromium_version,
        "streamlit / folium": f"{streamlit.__version__} / {folium.__version__}",
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "load average at the start": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "commit": commit(),
    }


def commit() -> str:
    """The checked-out commit, and whether the working tree differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        changed = git(
            "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md"
        )
    except OSError:
        return "unknown (no git)"
    return f"{head}{' + uncommitted changes' if changed else ''}"


@dataclass(frozen=True)
class Row:
    """One line of RESULTS.md."""

    measure: str
    value: str
    baseline: str
    ratio: str
    goal: str
    passed: bool | None  # None: informational / not measured
