"""Shared store fixtures: a fresh store per test on SQLite, and on PostgreSQL when
TEST_POSTGRES_URL is set (a new database per test, dropped afterwards)."""

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, create_engine

from loaders import reference, store

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql", marks=pytest.mark.skipif(not POSTGRES_URL, reason="TEST_POSTGRES_URL not set")
    ),
]


@contextmanager
def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database that is removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'cccd.sqlite'}"
        return
    server = store._parse_url(POSTGRES_URL or "")
    name = f"cccd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """A connected, seeded store."""
    engine = store.connect(store_url)
    yield engine
    engine.dispose()


def daily_reports(first_day: str, days: int, extra: int = 0) -> pd.DataFrame:
    """Reports for every commune on `days` days from `first_day`; `extra` shifts every count."""
    codes = reference.units()["commune_code"].sort_values().tolist()
    dates = pd.date_range(first_day, periods=days)
    frame = pd.MultiIndex.from_product([dates, codes], names=["as_of", "commune_code"])
    frame = frame.to_frame(index=False)
    step = frame.groupby("commune_code").cumcount()
    return frame.assign(
        target=5000 + extra, delivered=3000 + 10 * step + extra, activated=1500 + 5 * step + extra
    ).astype({"as_of": "datetime64[s]", **{name: "int64" for name in store.COUNTS}})


def without_imports(dump: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """A dump_store result without the import log."""
    return {name: rows for name, rows in dump.items() if name != "imports"}


def child_env() -> dict[str, str]:
    """The environment for a Python subprocess that imports loaders and these helpers."""
    root = Path(__file__).resolve().parent.parent
    paths = [str(root), str(root / "tests"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def commit_at_once(
    store_url: str, frames: dict[str, pd.DataFrame]
) -> dict[str, store.ImportRecord]:
    """Commit each file's rows from a thread of its own, each with its own engine, released
    together; {file name: its import}. Any error in a thread fails the test here."""
    start = threading.Barrier(len(frames))
    records: dict[str, store.ImportRecord] = {}
    errors: list[BaseException] = []

    def run(file_name: str, rows: pd.DataFrame) -> None:
        own = store.connect(store_url)
        try:
            start.wait()
            records[file_name] = store.commit_import(
                own, rows, file_name=file_name, sha256="0" * 64, editor="lan"
            )
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=item) for item in frames.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return records
