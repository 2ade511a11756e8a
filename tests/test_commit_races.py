"""The store's rules hold when writers race (issue 17): a report checked against the store as it
was must not commit figures that fall below what another import wrote in the meantime.

Deterministic cases first (a check, another import, then the commit), then real command-line
processes started together, several trials, on SQLite and (when TEST_POSTGRES_URL is set)
PostgreSQL.
"""

import subprocess
import sys
from pathlib import Path

import helpers_store
import pandas as pd
import pytest
from helpers_reports import write_may_30_report
from helpers_store import child_env, fresh_database
from sqlalchemy import Engine

from loaders import store
from loaders._store_reads import store_version
from loaders.errors import DataFileError

store_url, engine = helpers_store.store_url, helpers_store.engine  # fixtures
ROOT = Path(__file__).resolve().parent.parent
META = {"sha256": "0" * 64, "editor": "lan"}


def version(engine: Engine) -> tuple[object, ...]:
    with engine.connect() as conn:
        return store_version(conn)


def may_30(engine: Engine, more_cards: int) -> pd.DataFrame:
    """Every commune's 29/05 figures plus `more_cards` delivered, dated 30/05."""
    stored = store.read_reports(engine)
    last = stored[stored["as_of"] == pd.Timestamp("2023-05-29")].copy()
    last["delivered"] = last["delivered"] + more_cards
    return last.assign(as_of=pd.Timestamp("2023-05-30")).reset_index(drop=True)


def test_a_lower_report_checked_before_a_higher_one_landed_is_refused(engine: Engine) -> None:
    low, high = may_30(engine, 1), may_30(engine, 5)
    checked_at = version(engine)  # both checked against the same store
    store.commit_import(engine, high, file_name="high.csv", **META)
    before = store.dump_store(engine)
    with pytest.raises(DataFileError) as refused:
        store.commit_import(engine, low, file_name="low.csv", checked_at=checked_at, **META)
    assert refused.value.message.key == "error.changed_since_check"
    assert refused.value.message.params["count"] == len(low)
    assert "Nothing was saved" in str(refused.value)
    assert store.dump_store(engine) == before


def test_a_day_checked_before_a_higher_earlier_day_landed_is_refused(engine: Engine) -> None:
    """Consecutive dates: 31/05 checked while 30/05 was lower; 30/05 is raised first."""
    checked_at = version(engine)
    store.commit_import(engine, may_30(engine, 50), file_name="30.csv", **META)
    day_31 = may_30(engine, 0).assign(as_of=pd.Timestamp("2023-05-31"))
    day_31["delivered"] += 2  # above 29/05, below the new 30/05
    with pytest.raises(DataFileError):
        store.commit_import(engine, day_31, file_name="31.csv", checked_at=checked_at, **META)


def test_nothing_changed_since_the_check_commits_without_checking_again(engine: Engine) -> None:
    checked_at = version(engine)
    record = store.commit_import(engine, may_30(engine, 5), file_name="a.csv",
                                 checked_at=checked_at, **META)  # fmt: skip
    assert record.outcome == "committed"


def test_a_correction_may_lower_what_another_import_wrote(engine: Engine) -> None:
    checked_at = version(engine)
    store.commit_import(engine, may_30(engine, 5), file_name="high.csv", **META)
    low = may_30(engine, 1)
    record = store.commit_import(engine, low, file_name="low.csv", correction=True,
                                 checked_at=checked_at, **META)  # fmt: skip
    assert record.changed == len(low)


def test_an_undo_since_the_check_counts_as_a_change(engine: Engine) -> None:
    """An undo since the check changes the store's version: the figures are read again (and
    here still hold, so the import commits)."""
    store.commit_import(engine, may_30(engine, 9), file_name="x", **META)
    checked_at = version(engine)
    store.undo_last_import(engine, "lan")
    assert version(engine) != checked_at
    record = store.commit_import(engine, may_30(engine, 5), file_name="a.csv",
                                 checked_at=checked_at, **META)  # fmt: skip
    assert record.outcome == "committed"


def cli_commit(url: str, path: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "loaders.reports", str(path), "--commit", "--editor", "lan"]
    env = child_env() | {"DATABASE_URL": url}
    return subprocess.Popen(command, cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip


@pytest.mark.parametrize("backend", helpers_store.BACKENDS)
def test_two_command_lines_at_once_never_lower_the_figures(backend, tmp_path: Path) -> None:
    """The issue's case: +5 and +1 on the same date, committed by two processes at once; in
    2 of 3 trials both committed and the lower won. Now the +5 figures stay, every trial."""
    for trial in range(4):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        with fresh_database(backend, folder) as url:
            engine = store.connect(url)
            files = {more: write_may_30_report(engine, folder / f"plus{more}.csv", more)
                     for more in (5, 1)}  # fmt: skip
            processes = {more: cli_commit(url, path) for more, path in files.items()}
            said = {more: p.communicate(timeout=240)[0] for more, p in processes.items()}
            assert processes[5].returncode == 0, said[5]
            assert "Traceback" not in said[1], said[1]
            day = store.read_reports(engine)
            day = day[day["as_of"] == pd.Timestamp("2023-05-30")].set_index("commune_code")
            before = may_30(engine, 5).set_index("commune_code")  # 29/05 as stored, +5
            raised = before["delivered"].clip(upper=before["target"]).reindex(day.index)
            assert len(day) == len(before) and (day["delivered"] == raised).all(), said
            engine.dispose()
