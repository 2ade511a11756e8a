"""Reading the import log and the history of every value (and a full dump for tests)."""

from datetime import date

import pandas as pd
from sqlalchemy import Engine, select, union_all

from loaders._store_rows import skipped_frame
from loaders._store_schema import (
    COUNTS,
    imports_table,
    metadata,
    report_versions_table,
    reports_table,
)
from loaders.errors import DataFileError

# The skipped rows themselves can be thousands: read one import's with skipped_rows().
IMPORT_COLUMNS = [name for name in imports_table.c.keys() if name != "skipped_rows"]


def list_imports(engine: Engine) -> pd.DataFrame:
    """The import log, newest first: one row per import, every column but the skipped rows
    (`skipped` says how many)."""
    columns = [imports_table.c[name] for name in IMPORT_COLUMNS]
    query = select(*columns).order_by(imports_table.c.id.desc())
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=IMPORT_COLUMNS)
    return frame.astype({"correction": bool})


def skipped_rows(engine: Engine, import_id: int) -> pd.DataFrame:
    """The rows import `import_id` left out: source, row, column, value, reason (English).

    source is None where the caller gave none; empty when nothing was skipped. DataFileError
    when there is no such import.
    """
    query = select(imports_table.c.skipped_rows).where(imports_table.c.id == import_id)
    with engine.connect() as conn:
        found = conn.execute(query).first()
    if found is None:
        raise DataFileError("error.import_unknown", id=str(import_id))
    return skipped_frame(found.skipped_rows)


def report_history(
    engine: Engine, commune_code: str | None = None, as_of: date | str | None = None
) -> pd.DataFrame:
    """Every value ever written (optionally for one commune / day) with its import's metadata:
    the current ones (reports) and those no longer current (report_versions)."""
    versions, reports, imports = report_versions_table, reports_table, imports_table
    names = ["import_id", "as_of", "commune_code", *COUNTS]
    written = union_all(
        select(*(versions.c[name] for name in names)),
        select(*(reports.c[name] for name in names)).where(reports.c.import_id.is_not(None)),
    ).subquery()
    meta = [imports.c[name] for name in IMPORT_COLUMNS if name != "id"]
    query = select(written, *meta).join(imports, imports.c.id == written.c.import_id)
    if commune_code is not None:
        query = query.where(written.c.commune_code == commune_code)
    if as_of is not None:
        query = query.where(written.c.as_of == pd.Timestamp(as_of).date())
    query = query.order_by(written.c.as_of, written.c.commune_code, written.c.import_id)
    with engine.connect() as conn:
        result = conn.execute(query)
        frame = pd.DataFrame(result.all(), columns=list(result.keys()))
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame.astype({"correction": bool})


def dump_store(engine: Engine) -> dict[str, list[tuple]]:
    """Every table's rows sorted by primary key (to compare a store before and after)."""
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))
            ]
            for table in metadata.sorted_tables
        }
