"""Two imports at the same time, each with its own engine, both land completely."""

import helpers_store
import pandas as pd
from sqlalchemy import Engine

from loaders import store

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine


def test_two_imports_at_once_both_land(store_url: str, engine: Engine) -> None:
    frames = {
        "a.xlsx": helpers_store.daily_reports("2023-06-01", 5),
        "b.xlsx": helpers_store.daily_reports("2023-06-06", 5, extra=3),
    }
    records = helpers_store.commit_at_once(store_url, frames)
    assert sorted(record.id for record in records.values()) == [2, 3]
    assert {record.outcome for record in records.values()} == {"committed"}
    stored = store.read_reports(engine)
    expected = pd.concat(frames.values(), ignore_index=True)
    pd.testing.assert_frame_equal(
        stored[stored["as_of"] >= "2023-06-01"].reset_index(drop=True), expected
    )
    assert len(store.report_history(engine)) == 8685 + len(expected)
