"""An import killed with SIGKILL half-way leaves the store exactly as it was before."""

import signal
import subprocess
import sys
import textwrap

import helpers_store
from sqlalchemy import Engine

from loaders import store

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine

CHILD = textwrap.dedent(
    """
    import sys, time
    from helpers_store import daily_reports
    from loaders import store

    def report(fraction):
        print(fraction, flush=True)
        time.sleep(0.02)  # keep the transaction open long enough to be killed inside it

    engine = store.connect(sys.argv[1])
    rows = daily_reports("2023-06-01", 60)  # 60 days x 579 communes
    store.commit_import(engine, rows, file_name="big.xlsx", sha256="0" * 64, editor="lan",
                        progress=report)
    print("committed", flush=True)
    """
)


def test_a_killed_import_leaves_the_store_unchanged(store_url: str, engine: Engine) -> None:
    before = store.dump_store(engine)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, store_url],
        stdout=subprocess.PIPE,
        text=True,
        env=helpers_store.child_env(),
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "committed" or float(line) >= 0.3:
            child.send_signal(signal.SIGKILL)
            break
    assert child.wait(timeout=30) == -signal.SIGKILL
    assert line.strip() != "committed"
    assert store.dump_store(engine) == before
    # The lock died with the process: the next import goes through.
    record = store.commit_import(
        engine, helpers_store.daily_reports("2023-06-01", 1), file_name="next.xlsx",
        sha256="1" * 64, editor="lan",
    )  # fmt: skip
    assert record.outcome == "committed"
