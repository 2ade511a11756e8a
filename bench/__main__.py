"""`python -m bench`: run the benchmarks of the goals in force and write bench/RESULTS.md.

Options: BENCH_REPEATS=N (default 5) timed runs per measure; `python -m bench payload rerun`
runs only the named benchmarks (any key of BENCHMARKS, including the retired ones) and still
writes RESULTS.md with what ran; BENCH_MONTH_FORMATS=csv (or xlsx) times one format of
import_month only.
"""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import (
    browser_load,
    busy_import,
    handouts,
    import_month,
    imports,
    many_viewers,
    memory,
    nationwide,
    payload,
    presenter_steps,
    rerun,
)
from bench.common import OUT, REPEATS, REPO, Row, machine

RESULTS = REPO / "bench" / "RESULTS.md"
BENCHMARKS: dict[str, tuple[Callable[[], object], Callable[[object], list[Row]]]] = {
    "payload": (payload.run, payload.rows),
    "rerun": (rerun.run, rerun.rows),
    "imports": (imports.run, imports.rows),
    "browser": (browser_load.run, browser_load.rows),
    "memory": (memory.run, memory.rows),
    "nationwide": (nationwide.run, nationwide.rows),
    "import_month": (import_month.run, import_month.rows),
    "handouts": (handouts.run, handouts.rows),
    "busy_import": (busy_import.run, busy_import.rows),
    "presenter_steps": (presenter_steps.run, presenter_steps.rows),
    "many_viewers": (many_viewers.run, many_viewers.rows),
}
# Not in the default run: their goals were replaced by issue 18's (the 30-day import against a
# bare read_csv: import_month is the import's goal now; 20 idle sessions' memory: many_viewers
# reports it for 20 sessions at work). Run them by name.
RETIRED = ("imports", "memory")
# Benchmarks whose module lists its own runs under the table.
DETAILED = {
    "busy_import": busy_import.details,
    "presenter_steps": presenter_steps.details,
    "many_viewers": many_viewers.details,
}


def _verdict(passed: bool | None) -> str:
    return "—" if passed is None else ("**pass**" if passed else "**FAIL**")


def _table(rows: list[Row]) -> list[str]:
    lines = [
        "| measure | value | baseline | ratio | goal | pass/fail |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.measure} | {r.value} | {r.baseline} | {r.ratio} | {r.goal} | {_verdict(r.passed)} |"
        for r in rows
    ]
    return lines


def _details(results: dict[str, object]) -> list[str]:
    """Every timed run, the errors seen and the import profile, below the table."""
    lines = ["", "## Runs (seconds, in order; the table shows their median)", ""]
    if r := results.get("browser"):
        lines += browser_load.details(r)
        lines += [f"- blocked remote request: {u}" for u in sorted(set(r.blocked))[:10]]
    for name, details in DETAILED.items():
        if r := results.get(name):
            lines += details(r)
    if r := results.get("rerun"):
        lines.append(f"- rerun cold: {', '.join(f'{x:.2f}' for x in r.cold_runs)}")
        lines.append(f"- rerun warm: {', '.join(f'{x:.2f}' for x in r.warm_runs)}")
    if r := results.get("imports"):
        lines.append(f"- import: {', '.join(f'{x:.2f}' for x in r.import_runs)}")
        lines.append(
            f"- import floor (sqlite3.executemany): {', '.join(f'{x:.3f}' for x in r.floor_runs)}"
        )
    if r := results.get("memory"):
        lines += [f"- memory-run error: {e}" for e in r.errors[:10]]
    if r := results.get("nationwide"):
        for name, runs in r.runs.items():
            lines.append(
                f"- browser {name} (nationwide run): {', '.join(f'{x:.2f}' for x in runs)}"
            )
        lines += [f"- nationwide-run error: {e}" for e in r.errors[:10]]
    if r := results.get("import_month"):
        lines += import_month.details(r)
    if r := results.get("imports"):
        lines += ["", "## Import profile (cProfile, one import, sorted by cumulative time)", ""]
        lines += ["```", *r.profile, "```"]
    if (r := results.get("import_month")) and r.profile:
        lines += ["", "## Nationwide month profile (cProfile, one CSV import)", ""]
        lines += ["```", *r.profile, "```"]
    return lines


def _goal(row: Row) -> int:
    """The goal's number a row starts with ("18.3 …" → 18, "2a/b. …" → 2)."""
    number = re.match(r"\d+", row.measure)
    return int(number.group()) if number else 0


def write(
    results: dict[str, object], failures: dict[str, str], seconds: float, info: dict[str, str]
) -> Path:
    """Write RESULTS.md from the results of the benchmarks that ran."""
    rows = [row for name, res in results.items() for row in BENCHMARKS[name][1](res)]
    rows.sort(key=_goal)  # goal order; stable within a goal
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench` in {seconds:.0f} s. Timed measures are the **median of "
        f"{REPEATS} runs** (after one discarded warm-up); see bench/README.md for the method.",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in info.items()),
        "",
        *_table(rows),
    ]
    if failures:
        lines += ["", "## Not measured (the benchmark raised)", ""]
        lines += [f"- {name}: `{message}`" for name, message in failures.items()]
    lines += _details(results)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return RESULTS


def main(argv: list[str]) -> int:
    """Run the chosen benchmarks (all by default), write RESULTS.md, print it."""
    os.chdir(REPO)
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = argv or [name for name in BENCHMARKS if name not in RETIRED]
    results: dict[str, object] = {}
    failures: dict[str, str] = {}
    start, info = time.perf_counter(), machine()  # the load average before the run
    for name in chosen:
        began = time.perf_counter()
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        try:
            results[name] = BENCHMARKS[name][0]()
        except Exception as error:  # noqa: BLE001 - report and go on with the others
            traceback.print_exc()
            failures[name] = f"{type(error).__name__}: {str(error)[:300]}"
        print(f"[bench] {name} done in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    path = write(results, failures, time.perf_counter() - start, info)
    print(path.read_text())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
