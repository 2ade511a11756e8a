"""Imports: migrations, all-or-nothing, idempotent, corrections kept in the history, undo.

Runs on a temporary SQLite file; also on PostgreSQL when TEST_POSTGRES_URL is set.
"""

import helpers_store
import pandas as pd
import pytest
from alembic import command
from alembic.config import Config
from helpers_store import daily_reports, without_imports
from sqlalchemy import Column, Date, DateTime, Engine, Integer, MetaData, String, Table, Text, text

from cccd.sample import generate_sample_reports
from loaders import reference, store
from loaders._store_engine import write_transaction
from loaders.errors import DataFileError

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine
HEAD = "0004"
NEW_DAYS = daily_reports("2023-05-30", 2)  # after the sample's last day


def commit(engine: Engine, rows: pd.DataFrame, **meta: object) -> store.ImportRecord:
    values = {"file_name": "bao_cao.xlsx", "sha256": "ab" * 32, "editor": "lan", **meta}
    return store.commit_import(engine, rows, **values)


def test_a_fresh_store_is_at_the_head_migration_with_the_seed_as_import_1(engine: Engine) -> None:
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    seed = store.list_imports(engine).iloc[0]
    assert (seed["id"], seed["file_name"], seed["editor"]) == (1, "synthetic sample", "system")
    assert (seed["rows"], seed["changed"], seed["outcome"]) == (8685, 8685, "committed")
    dump = store.dump_store(engine)
    assert dump["report_versions"] == []  # only values no longer current are versions
    assert {row[-1] for row in dump["reports"]} == {1}


def create_legacy_store(url: str) -> None:
    """A store as the code before migrations left it: create_all, the sample, dataset rows."""
    old = MetaData()
    reports = Table(
        "reports",
        old,
        Column("as_of", Date, primary_key=True),
        Column("commune_code", String(5), primary_key=True),
        *(Column(name, Integer, nullable=False) for name in store.COUNTS),
    )
    dataset = Table("dataset", old, Column("key", String(64), primary_key=True),
                    Column("value", Text, nullable=False))  # fmt: skip
    Table("commune_boundaries", old, Column("id", Integer, primary_key=True),
          Column("source_name", Text), Column("loaded_at", DateTime),
          Column("geojson", Text))  # fmt: skip
    legacy = store._engine(store._parse_url(url))
    sample = generate_sample_reports(reference.units(), reference.population())
    sample["as_of"] = sample["as_of"].dt.date
    with legacy.begin() as conn:
        old.create_all(conn)
        conn.execute(reports.insert(), sample.to_dict("records"))
        conn.execute(dataset.insert(), [{"key": "synthetic", "value": "1"}])
    legacy.dispose()


def test_a_store_made_before_migrations_upgrades_and_keeps_its_data(store_url: str) -> None:
    create_legacy_store(store_url)
    engine = store.connect(store_url)
    sample = generate_sample_reports(reference.units(), reference.population())
    pd.testing.assert_frame_equal(store.read_reports(engine), sample)
    assert store.is_synthetic(engine)
    imports = store.list_imports(engine)
    assert imports[["id", "file_name", "editor"]].values.tolist() == [
        [1, "synthetic sample", "system"]
    ]
    assert len(store.report_history(engine)) == len(sample)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    engine.dispose()


def migrate_to(engine: Engine, revision: str) -> None:
    """Upgrade or downgrade the store to `revision`."""
    config = Config()
    config.set_main_option("script_location", str(store.MIGRATIONS))
    with write_transaction(engine) as conn:
        config.attributes["connection"] = conn
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        move = command.downgrade if current and current > revision else command.upgrade
        move(config, revision)


def test_a_store_at_0002_gains_skipped_rows_and_keeps_its_log(
    engine: Engine, store_url: str
) -> None:
    commit(engine, NEW_DAYS)
    migrate_to(engine, "0002")
    with engine.connect() as conn:
        columns = conn.execute(text("SELECT * FROM imports")).keys()
    assert "skipped" not in columns
    again = store.connect(store_url)
    log = store.list_imports(again)
    assert log[["id", "skipped", "outcome"]].values.tolist() == [[2, 0, "committed"],
                                                                [1, 0, "committed"]]  # fmt: skip
    assert store.remove_sample(again, "lan").removed_import == 1
    again.dispose()


def test_an_import_adds_new_days_and_records_each_value(engine: Engine) -> None:
    record = commit(engine, NEW_DAYS)
    assert (record.id, record.rows, record.changed, record.outcome) == (2, 1158, 1158, "committed")
    assert record.finished_at >= record.started_at
    stored = store.read_reports(engine)
    pd.testing.assert_frame_equal(stored[stored["as_of"] >= "2023-05-30"].reset_index(drop=True),
                                  NEW_DAYS)  # fmt: skip
    assert len(store.report_history(engine, as_of="2023-05-30")) == 579
    assert store.is_synthetic(engine)  # the sample's days are still there


def test_the_same_rows_twice_change_nothing_but_are_logged(engine: Engine) -> None:
    commit(engine, NEW_DAYS)
    before = store.dump_store(engine)
    again = commit(engine, NEW_DAYS, file_name="lai.xlsx")
    assert (again.outcome, again.changed, again.rows) == ("unchanged", 0, 1158)
    after = store.dump_store(engine)
    assert without_imports(after) == without_imports(before)
    assert after["imports"][:-1] == before["imports"]


def test_a_correction_replaces_the_values_and_the_history_keeps_the_old_ones(
    engine: Engine,
) -> None:
    commit(engine, NEW_DAYS)
    corrected = NEW_DAYS.copy()
    corrected.loc[0, "delivered"] += 7
    record = commit(engine, corrected, correction=True, file_name="dinh_chinh.xlsx")
    assert (record.changed, record.correction) == (1, True)
    code, day = corrected.loc[0, "commune_code"], corrected.loc[0, "as_of"]
    history = store.report_history(engine, commune_code=code, as_of=day)
    assert history["delivered"].tolist() == [
        NEW_DAYS.loc[0, "delivered"],
        corrected.loc[0, "delivered"],
    ]
    assert history["file_name"].tolist() == ["bao_cao.xlsx", "dinh_chinh.xlsx"]
    assert store.read_reports(engine).iloc[-1158]["delivered"] == corrected.loc[0, "delivered"]


def with_bad_row(rows: pd.DataFrame, **values: object) -> pd.DataFrame:
    rows = rows.astype(object)
    for column, value in values.items():
        rows.loc[len(rows) // 2, column] = value
    return rows


BAD = {
    "negative": lambda rows: with_bad_row(rows, delivered=-5),
    "missing": lambda rows: with_bad_row(rows, activated=None),
    "not a number": lambda rows: with_bad_row(rows, target="nhiều"),
    "duplicate key": lambda rows: pd.concat([rows, rows.iloc[[3]]]),
    "missing column": lambda rows: rows.drop(columns="target"),
    "empty": lambda rows: rows.iloc[:0],
}


@pytest.mark.parametrize("make_bad", BAD.values(), ids=BAD.keys())
def test_a_bad_row_in_the_middle_writes_nothing(engine: Engine, make_bad) -> None:
    before = store.dump_store(engine)
    with pytest.raises(DataFileError, match="reports"):
        commit(engine, make_bad(NEW_DAYS))
    assert store.dump_store(engine) == before


def test_a_failure_half_way_through_the_writes_rolls_everything_back(engine: Engine) -> None:
    before = store.dump_store(engine)

    def fail_at_half(fraction: float) -> None:
        if fraction >= 0.5:
            raise RuntimeError("lost the connection")

    with pytest.raises(RuntimeError):
        commit(engine, daily_reports("2023-06-01", 4), progress=fail_at_half)
    assert store.dump_store(engine) == before


def test_progress_is_reported_in_chunks_up_to_one(engine: Engine) -> None:
    seen: list[float] = []
    commit(engine, NEW_DAYS, progress=seen.append)
    assert seen == sorted(seen) and len(seen) == 3 and seen[-1] == 1.0


def test_undo_restores_exactly_the_store_before_the_import(engine: Engine) -> None:
    commit(engine, NEW_DAYS)
    before = store.dump_store(engine)
    corrected = NEW_DAYS.assign(delivered=NEW_DAYS["delivered"] + 1)
    extra = daily_reports("2023-06-01", 1)
    last = commit(engine, pd.concat([corrected, extra], ignore_index=True), correction=True)
    undone = store.undo_last_import(engine, editor="minh")
    assert (undone.id, undone.outcome) == (last.id, "undone")
    after = store.dump_store(engine)
    history = without_imports(after).pop("report_versions")
    assert without_imports(after) | {"report_versions": history} == without_imports(before) | {
        "report_versions": history
    }
    assert len(history) == len(before["report_versions"]) + len(corrected) + len(extra)
    assert after["imports"][:-1] == before["imports"]
    log = store.list_imports(engine).iloc[0]
    assert (log["outcome"], log["undone_by"]) == ("undone", "minh")


def test_undo_twice_goes_back_one_import_each_time(engine: Engine) -> None:
    seeded = store.read_reports(engine)
    commit(engine, NEW_DAYS)
    commit(engine, NEW_DAYS.assign(target=9999))
    store.undo_last_import(engine, "minh")
    store.undo_last_import(engine, "minh")
    pd.testing.assert_frame_equal(store.read_reports(engine), seeded)


def test_undo_refuses_the_seed(engine: Engine) -> None:
    before = store.dump_store(engine)
    with pytest.raises(DataFileError, match="made by the system.*cannot be undone"):
        store.undo_last_import(engine, "minh")
    assert store.dump_store(engine) == before


def test_a_full_replacement_is_a_system_import_that_undo_will_not_cross(engine: Engine) -> None:
    commit(engine, NEW_DAYS)
    store.replace_reports(engine, NEW_DAYS, synthetic=False)
    assert not store.is_synthetic(engine)
    with pytest.raises(DataFileError, match="baseline"):
        store.undo_last_import(engine, "minh")
