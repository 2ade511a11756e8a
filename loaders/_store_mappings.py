"""Column roles an editor confirmed for a set of report headers, offered again for the next file.

The report reader computes header_key (a stable hash of a file's header texts) and the mapping
(role -> the file's header text, e.g. {"delivered": "Số thẻ đã trả"}); the store only keeps
the latest one per key, with who saved it and when.
"""

import json

from sqlalchemy import Engine, delete, insert, select

from loaders._store_engine import write_transaction
from loaders._store_imports import utc_now
from loaders._store_schema import column_mappings_table


def save_column_mapping(
    engine: Engine, header_key: str, columns: dict[str, str], editor: str
) -> None:
    """Keep `columns` (role -> header text) for files whose headers hash to `header_key`,
    replacing any mapping saved before for them."""
    table = column_mappings_table
    row = {
        "header_key": header_key,
        "mapping": json.dumps(dict(columns), ensure_ascii=False, sort_keys=True),
        "editor": editor,
        "saved_at": utc_now(),
    }
    # The writers' lock makes delete + insert an upsert on both backends.
    with write_transaction(engine) as conn:
        conn.execute(delete(table).where(table.c.header_key == header_key))
        conn.execute(insert(table), [row])


def column_mapping(engine: Engine, header_key: str) -> dict[str, str] | None:
    """The mapping saved for `header_key` (role -> header text), or None."""
    table = column_mappings_table
    query = select(table.c.mapping).where(table.c.header_key == header_key)
    with engine.connect() as conn:
        text = conn.execute(query).scalar()
    return None if text is None else dict(json.loads(text))
