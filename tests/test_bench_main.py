"""bench/__main__: which benchmarks one `python -m bench` runs, and the order of RESULTS.md."""

from bench import __main__ as bench_main
from bench.common import Row


def row(measure: str) -> Row:
    return Row(measure, "v", "b", "r", "g", None)


def test_rows_come_in_goal_order_with_17_and_18_after_7():
    measures = ["18.3 presenter", "2a/b. browser", "17. busy", "7. month", "1. payload", "18.1 x"]
    ordered = sorted((row(m) for m in measures), key=bench_main._goal)
    assert [r.measure for r in ordered] == [
        "1. payload", "2a/b. browser", "7. month", "17. busy", "18.3 presenter", "18.1 x",
    ]  # fmt: skip


def test_the_default_run_leaves_out_the_retired_benchmarks_only():
    assert set(bench_main.RETIRED) <= set(bench_main.BENCHMARKS)
    assert {"presenter_steps", "many_viewers", "browser", "busy_import"} <= set(
        bench_main.BENCHMARKS
    )
