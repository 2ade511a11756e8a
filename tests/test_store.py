"""The store: migrated and seeded once, atomic replacement, one boundary set, errors that name
the fix.

Runs on a temporary SQLite file; also on PostgreSQL when TEST_POSTGRES_URL is set.
"""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import helpers_store
import pandas as pd
import pytest
from sqlalchemy import Engine, select

from cccd.sample import generate_sample_reports
from loaders import reference, store
from loaders.errors import DataFileError

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine


def sample() -> pd.DataFrame:
    return generate_sample_reports(reference.units(), reference.population())


@pytest.fixture
def url(store_url: str) -> str:
    return store_url


def dump(engine: Engine) -> dict[str, list[tuple]]:
    """Every table's rows: reports, versions, the import log, dataset, boundaries, editors."""
    return store.dump_store(engine)


def test_first_connect_seeds_the_sample(engine: Engine) -> None:
    pd.testing.assert_frame_equal(store.read_reports(engine), sample())
    assert store.is_synthetic(engine)


def test_connecting_again_does_not_duplicate(url: str, engine: Engine) -> None:
    before = dump(engine)
    again = store.connect(url)
    after = dump(again)
    again.dispose()
    assert after == before
    assert len(after["reports"]) == 579 * 15 and after["report_versions"] == []
    assert len(after["imports"]) == 1


def test_sqlite_store_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = store.connect(f"sqlite:///{tmp_path / 'wal.sqlite'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_replace_reports_stores_user_reports(engine: Engine) -> None:
    user = sample().iloc[:579].copy()
    user["delivered"] = user["target"]
    store.replace_reports(engine, user, synthetic=False)
    pd.testing.assert_frame_equal(store.read_reports(engine), user)
    assert not store.is_synthetic(engine)


def test_bulk_replace_writes_every_row(engine: Engine) -> None:
    # How fast is bench/'s business; here only that the bulk path writes everything.
    frame = sample()
    store.replace_reports(engine, frame, synthetic=True)
    assert len(store.read_reports(engine)) == len(frame)


def with_last_row(frame: pd.DataFrame, **values: object) -> pd.DataFrame:
    frame = frame.astype({"delivered": object})
    for column, value in values.items():
        frame.loc[frame.index[-1], column] = value
    return frame


BAD_FRAMES = {
    # The database refuses the last row, after thousands were inserted: all must roll back.
    "negative count": lambda frame: with_last_row(frame, delivered=-1),
    "missing count": lambda frame: with_last_row(frame, delivered=None),
    "not a number": lambda frame: with_last_row(frame, delivered="many"),
    "same day and commune twice": lambda frame: pd.concat([frame, frame.iloc[[0]]]),
    # Distinct timestamps, one day: only the database's primary key sees the duplicate.
    "same day at another hour": lambda frame: pd.concat(
        [frame, frame.iloc[[0]].assign(as_of=lambda f: f["as_of"] + pd.Timedelta(hours=10))]
    ),
    "missing column": lambda frame: frame.drop(columns="activated"),
    "empty": lambda frame: frame.iloc[:0],
}


@pytest.mark.parametrize("make_bad", BAD_FRAMES.values(), ids=BAD_FRAMES.keys())
def test_replace_reports_is_all_or_nothing(
    engine: Engine, make_bad: Callable[[pd.DataFrame], pd.DataFrame]
) -> None:
    before = dump(engine)
    bad = make_bad(sample().assign(target=lambda f: f["target"] + 1))
    with pytest.raises(DataFileError, match="reports"):
        store.replace_reports(engine, bad, synthetic=False)
    assert dump(engine) == before


def test_a_seed_that_fails_half_way_leaves_an_empty_store_seeded_next_time(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = with_last_row(sample(), delivered=-1)
    monkeypatch.setattr(
        store, "generate_sample_reports", lambda units, population, campaign: broken
    )
    with pytest.raises(DataFileError, match="reports_counts_not_negative"):
        store.connect(url)
    monkeypatch.undo()
    engine = store.connect(url)
    pd.testing.assert_frame_equal(store.read_reports(engine), sample())
    engine.dispose()


def test_boundaries_save_read_replace_clear(engine: Engine) -> None:
    assert store.read_boundaries(engine) is None
    store.save_boundaries(engine, '{"type": "FeatureCollection", "features": []}', "old.shp")
    store.save_boundaries(engine, '{"type": "FeatureCollection", "n": "Xã Thuỵ Lâm"}', "xa.geojson")
    assert store.read_boundaries(engine) == (
        '{"type": "FeatureCollection", "n": "Xã Thuỵ Lâm"}',
        "xa.geojson",
    )
    with engine.connect() as conn:
        assert len(conn.execute(select(store.boundaries_table)).all()) == 1
    store.clear_boundaries(engine)
    assert store.read_boundaries(engine) is None


def test_database_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/cccd")
    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    assert store.database_url() == "postgresql+psycopg://u:p@db/cccd"


@pytest.mark.parametrize(
    "dataset, file", [(None, "var/cccd.sqlite"), ("nationwide", "var/cccd-nationwide.sqlite")]
)
def test_each_dataset_defaults_to_its_own_sqlite_file(
    monkeypatch: pytest.MonkeyPatch, dataset: str | None, file: str
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv(reference.DATASET_VARIABLE, raising=False)
    if dataset:
        monkeypatch.setenv(reference.DATASET_VARIABLE, dataset)
    assert store.database_url() == f"sqlite:///{reference.REPO / file}"


def test_the_sample_says_what_it_reproduces(engine: Engine, monkeypatch) -> None:
    with engine.connect() as conn:
        stored = dict(conn.execute(select(store.dataset_table)).all())
    assert (
        stored["description"]
        == store.sample_description()
        == (
            "Synthetic sample: daily reports 15–29 May 2023 generated to reproduce the 29 May 2023 "
            "progress report (Tây Hồ finished, Long Biên ~90 %, Hà Đông ~70 %, 45 communes at "
            "target). Not real issuance data."
        )
    )
    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    assert store.sample_description() == (
        "Synthetic sample: daily reports 15–29 May 2023 generated for the 10599 communes of "
        "Whole country (synthetic); no published report to reproduce. Not real issuance data."
    )


@pytest.mark.parametrize(
    "url, message",
    [
        ("foo", "DATABASE_URL 'foo' is not a database URL; use sqlite:///"),
        ("mysql://u@h/db", "uses 'mysql', which this app does not support; use sqlite:///"),
        ("postgresql+psycopg2://u@h/db", "does not support; use sqlite:///"),
        ("sqlite:////no/such/folder/cccd.sqlite", "folder /no/such/folder for the SQLite"),
        ("postgresql://u:secret@127.0.0.1:1/db", "Check that the server runs and is reachable"),
    ],
)
def test_a_bad_url_says_what_is_wrong_and_how_to_fix_it(url: str, message: str) -> None:
    with pytest.raises(DataFileError) as raised:
        store.connect(url)
    assert message in str(raised.value)
    assert "secret" not in str(raised.value)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database " * 100)
    with pytest.raises(DataFileError, match="names a SQLite database file"):
        store.connect(f"sqlite:///{path}")


def test_the_store_is_a_plain_sqlite_file_other_tools_can_read(engine: Engine, url: str) -> None:
    if not url.startswith("sqlite"):
        pytest.skip("SQLite only")
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (8685,)


def test_cli_writes_the_sample_csv(tmp_path: Path) -> None:
    out = tmp_path / "sample.csv"
    store.main(["--sample-csv", str(out)])
    written = pd.read_csv(out, dtype={"commune_code": str}, parse_dates=["as_of"])
    assert len(written) == 8685
    assert written["as_of"].iloc[0] == pd.Timestamp("2023-05-15")
    assert written["commune_code"].iloc[0] == "00001"


def test_the_default_store_creates_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "var" / "cccd.sqlite"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(reference, "default_database_path", lambda: default)
    store.connect().dispose()
    assert default.is_file()
