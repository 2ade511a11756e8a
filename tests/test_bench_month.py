"""bench/import_month's nationwide month, on Hanoi's 579 communes: the files it writes are clean
template files that import in full, and the peer stores the same rows as the import.

Speed is the benchmark's business; here only that the comparison is fair (same rows, no problem
found, the check reads real history).
"""

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from bench.import_month import peer_once
from bench.month_files import COLUMNS, DAYS, FIRST_DAY, month_frame, write_csv, write_xlsx
from cccd.template import HEADERS
from loaders import reports, store

TODAY = date(2023, 6, 30)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store seeded with the Hanoi sample (15–29 May 2023)."""
    path = tmp_path_factory.mktemp("month") / "seeded.sqlite"
    store.connect(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="module")
def stored(seeded: Path) -> Iterator[pd.DataFrame]:
    """What the seeded store holds."""
    engine = store.connect(f"sqlite:///{seeded}")
    yield store.read_reports(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def month(stored: pd.DataFrame) -> pd.DataFrame:
    """The benchmark's month built on the Hanoi store."""
    return month_frame(stored)


def _copy(seeded: Path, tmp_path: Path) -> str:
    target = tmp_path / "store.sqlite"
    target.write_bytes(seeded.read_bytes())
    return f"sqlite:///{target}"


def test_month_follows_the_store_and_never_falls(stored: pd.DataFrame, month: pd.DataFrame):
    communes = stored["commune_code"].nunique()
    assert len(month) == DAYS * communes
    days = pd.to_datetime(month["as_of"], format="%d/%m/%Y")
    assert days.min().date() == FIRST_DAY > stored["as_of"].max().date()
    series = month.assign(day=days).sort_values(["commune_code", "day"])
    for column in ("delivered", "activated"):
        steps = series.groupby("commune_code")[column].diff().dropna()
        assert (steps >= 0).all(), column
    last = stored[stored["as_of"] == stored["as_of"].max()]
    already_over = set(last.loc[last["delivered"] > last["target"], "commune_code"])
    over = month.loc[month["delivered"] > month["target"], "commune_code"]
    assert set(over) <= already_over  # never pushed above the target by the month itself
    assert (month["activated"] <= month["delivered"]).all()


@pytest.mark.parametrize("writer, suffix", [(write_csv, ".csv"), (write_xlsx, ".xlsx")])
def test_month_file_imports_in_full(writer, suffix, month, seeded, tmp_path):
    path = tmp_path / f"month{suffix}"
    writer(month, path)
    engine = store.connect(_copy(seeded, tmp_path))
    try:
        preview = reports.preview_report(path, engine, today=TODAY)
        assert preview.problems == []
        assert len(preview.rows) == len(month)
        record = store.commit_import(
            engine, preview.rows, file_name=path.name, sha256=preview.sha256, editor="test"
        )
        assert record.changed == len(month)
    finally:
        engine.dispose()


def test_csv_has_the_template_headers_in_order(month, tmp_path):
    path = tmp_path / "month.csv"
    write_csv(month, path)
    first = path.read_bytes().split(b"\r\n", 1)[0].decode("utf-8-sig")
    assert first.split(",") == [HEADERS["vi"][name] for name in COLUMNS]


def test_peer_stores_the_rows_the_import_stores(month, seeded, tmp_path):
    path = tmp_path / "month.csv"
    write_csv(month, path)
    with sqlite3.connect(seeded) as source:
        ddl = source.execute("SELECT sql FROM sqlite_master WHERE name = 'reports'").fetchone()[0]
    peer_once(path, ddl, tmp_path)
    url = _copy(seeded, tmp_path)
    engine = store.connect(url)
    try:
        preview = reports.preview_report(path, engine, today=TODAY)
        store.commit_import(engine, preview.rows, file_name="m", sha256="x", editor="test")
    finally:
        engine.dispose()
    query = "SELECT as_of, commune_code, target, delivered, activated FROM reports"
    with sqlite3.connect(tmp_path / "month_peer.sqlite") as peer:
        theirs = sorted(peer.execute(query).fetchall())
    with sqlite3.connect(url.removeprefix("sqlite:///")) as ours:
        mine = sorted(ours.execute(f"{query} WHERE as_of >= '2023-05-30'").fetchall())
    assert theirs == mine
