"""Rows an editor chose to skip are recorded with the import: how many, and each one.

Runs on a temporary SQLite file; also on PostgreSQL when TEST_POSTGRES_URL is set.
"""

import helpers_store
import pandas as pd
import pytest
from helpers_store import daily_reports
from sqlalchemy import Engine

from loaders import store
from loaders.errors import DataFileError

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine
NEW_DAYS = daily_reports("2023-05-30", 1)
SKIPPED = [
    {"row": 12, "column": "Phường/Xã", "value": "Phuc Sa", "reason": "unknown commune"},
    {"row": 40, "column": "Số thẻ đã trả", "value": "12a", "reason": "not a whole number",
     "source": "ba_dinh.xlsx / Ba Đình"},
    {"row": 41, "column": "Chỉ tiêu", "value": None, "reason": "empty cell"},
]  # fmt: skip


def commit(engine: Engine, **meta: object) -> store.ImportRecord:
    values = {"file_name": "bao_cao.xlsx", "sha256": "ab" * 32, "editor": "lan", **meta}
    return store.commit_import(engine, NEW_DAYS, **values)


def test_the_skipped_rows_are_kept_with_their_import(engine: Engine) -> None:
    record = commit(engine, skipped=SKIPPED)
    assert (record.skipped, record.rows, record.outcome) == (3, len(NEW_DAYS), "committed")
    expected = pd.DataFrame(
        {
            "source": pd.Series([None, "ba_dinh.xlsx / Ba Đình", None], dtype=object),
            "row": [12, 40, 41],
            "column": ["Phường/Xã", "Số thẻ đã trả", "Chỉ tiêu"],
            "value": ["Phuc Sa", "12a", ""],
            "reason": ["unknown commune", "not a whole number", "empty cell"],
        }
    )
    pd.testing.assert_frame_equal(store.skipped_rows(engine, record.id), expected)


@pytest.mark.parametrize("skipped", [(), []], ids=["default", "empty list"])
def test_an_import_without_skipped_rows_says_none(engine: Engine, skipped) -> None:
    record = commit(engine, skipped=skipped)
    assert record.skipped == 0
    frame = store.skipped_rows(engine, record.id)
    assert frame.empty and list(frame.columns) == ["source", "row", "column", "value", "reason"]


def test_the_log_shows_how_many_rows_were_skipped(engine: Engine) -> None:
    commit(engine, skipped=SKIPPED)
    commit(engine, file_name="lai.xlsx", skipped=SKIPPED[:1])  # unchanged, still logged
    log = store.list_imports(engine)
    assert log[["id", "skipped", "outcome"]].values.tolist() == [
        [3, 1, "unchanged"], [2, 3, "committed"], [1, 0, "committed"]
    ]  # fmt: skip


def test_the_seed_skipped_nothing(engine: Engine) -> None:
    assert store.skipped_rows(engine, 1).empty


def test_an_unknown_import_is_named(engine: Engine) -> None:
    with pytest.raises(DataFileError, match="no import number 99"):
        store.skipped_rows(engine, 99)


def test_a_refused_import_records_nothing(engine: Engine) -> None:
    before = store.dump_store(engine)
    with pytest.raises(DataFileError):
        store.commit_import(
            engine, NEW_DAYS.iloc[:0], file_name="x.csv", sha256="0", editor="lan", skipped=SKIPPED
        )
    assert store.dump_store(engine) == before


def test_undo_keeps_the_record_of_skipped_rows(engine: Engine) -> None:
    record = commit(engine, skipped=SKIPPED)
    store.undo_last_import(engine, "minh")
    assert len(store.skipped_rows(engine, record.id)) == 3
