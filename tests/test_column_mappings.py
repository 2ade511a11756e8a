"""Column mappings an editor confirmed, kept per set of headers and offered again.

Runs on a temporary SQLite file; also on PostgreSQL when TEST_POSTGRES_URL is set.
"""

import helpers_store
from sqlalchemy import Engine

from loaders import store

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine
KEY = "3f1c0a" * 10 + "beef"  # the reader's hash of a file's headers (64 hex digits)
MAPPING = {"delivered": "Số thẻ đã trả", "commune_name": "Đơn vị", "target": "Kế hoạch"}


def test_a_saved_mapping_is_read_back(engine: Engine) -> None:
    store.save_column_mapping(engine, KEY, MAPPING, "lan")
    assert store.column_mapping(engine, KEY) == MAPPING


def test_an_unknown_header_set_has_no_mapping(engine: Engine) -> None:
    store.save_column_mapping(engine, KEY, MAPPING, "lan")
    assert store.column_mapping(engine, "other") is None


def test_saving_again_replaces_the_mapping(engine: Engine) -> None:
    store.save_column_mapping(engine, KEY, MAPPING, "lan")
    store.save_column_mapping(engine, KEY, {"delivered": "Đã giao thẻ"}, "minh")
    assert store.column_mapping(engine, KEY) == {"delivered": "Đã giao thẻ"}
    rows = store.dump_store(engine)["column_mappings"]
    assert [(row[0], row[2]) for row in rows] == [(KEY, "minh")]


def test_a_mapping_survives_reconnecting(store_url: str, engine: Engine) -> None:
    store.save_column_mapping(engine, KEY, MAPPING, "lan")
    again = store.connect(store_url)
    assert store.column_mapping(again, KEY) == MAPPING
    again.dispose()


def test_mappings_are_not_reports(engine: Engine) -> None:
    before = store.data_version(engine)
    store.save_column_mapping(engine, KEY, MAPPING, "lan")
    assert store.data_version(engine) == before and store.holds_only_sample(engine)
