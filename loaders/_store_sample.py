"""Starting with real data: remove the synthetic sample, or replace it with the first real report.

The sample is the system import named SYNTHETIC_FILE_NAME (import 1 of a fresh store). Removing
it deletes the reports rows that still come from it, that is every sample value no real report
has overwritten; rows real reports wrote stay. The removal is an import of its own in the log
(file SAMPLE_REMOVED_FILE_NAME, by the editor, rows = rows removed, removed_import = the sample)
and the sample import is marked undone by that editor; the sample's values move to
report_versions (replaced_by = the removal), so undo_last_import can put them back. Every step
runs in one write transaction, so concurrent writers see the store before or after, never
half-way.
"""

import functools
from collections.abc import Mapping, Sequence

import pandas as pd
from sqlalchemy import Connection, Engine, delete, exists, func, or_, select
from sqlalchemy.exc import DBAPIError

from loaders._store_engine import write_transaction
from loaders._store_imports import (
    ImportRecord,
    Progress,
    commit_rows,
    finish_import,
    keep_current,
    set_outcome,
    start_import,
)
from loaders._store_reads import sample_imports
from loaders._store_rows import skipped_record
from loaders._store_schema import (
    SAMPLE_REMOVED_FILE_NAME,
    reports_table,
)
from loaders.errors import DataFileError


def holds_only_sample(engine: Engine) -> bool:
    """True when the store has reports and every one of them comes from the synthetic sample."""
    reports, sample = reports_table, sample_imports()
    some_sample = exists().where(reports.c.import_id.in_(sample))
    other = exists().where(or_(reports.c.import_id.is_(None), reports.c.import_id.not_in(sample)))
    with engine.connect() as conn:
        return bool(conn.execute(select(some_sample & ~other)).scalar())


def _live_sample(conn: Connection) -> tuple[int | None, int]:
    """(the sample import whose rows are in reports, how many rows), or (None, 0)."""
    reports = reports_table
    query = (
        select(reports.c.import_id, func.count())
        .where(reports.c.import_id.in_(sample_imports()))
        .group_by(reports.c.import_id)
        .order_by(reports.c.import_id.desc())
    )
    found = conn.execute(query).first()
    return (None, 0) if found is None else (int(found[0]), int(found[1]))


def remove_sample_rows(conn: Connection, editor: str) -> ImportRecord | None:
    """Remove the sample's remaining rows as an import by `editor`, in the caller's
    transaction; None when no sample rows remain."""
    sample, count = _live_sample(conn)
    if sample is None:
        return None
    meta = {"file_name": SAMPLE_REMOVED_FILE_NAME, "sha256": "", "correction": False}
    import_id = start_import(conn, editor=editor, removed_import=sample, **meta)
    from_sample = reports_table.c.import_id == sample
    keep_current(conn, import_id, from_sample)
    conn.execute(delete(reports_table).where(from_sample))
    set_outcome(conn, sample, "undone", editor)
    return finish_import(conn, import_id, count, count)


def remove_sample(engine: Engine, editor: str) -> ImportRecord:
    """Delete every report row that still comes from the synthetic sample, logged as an import
    by `editor` (undo_last_import puts the rows back); DataFileError when none remain."""
    try:
        with write_transaction(engine) as conn:
            record = remove_sample_rows(conn, editor)
            if record is None:
                raise DataFileError("error.sample_nothing_to_remove")
    except DBAPIError as error:
        raise DataFileError("error.not_saved", problem=str(error.orig).strip()) from error
    return record


def replace_sample_with(
    engine: Engine,
    rows: pd.DataFrame,
    *,
    file_name: str,
    sha256: str,
    editor: str,
    skipped: Sequence[Mapping[str, object]] = (),
    progress: Progress | None = None,
) -> ImportRecord:
    """Remove the sample and commit a report's rows in one transaction; the report's import.

    Two entries in the log: the removal, then the import. When no sample rows remain (another
    editor removed them meanwhile), only the import is made, which is what the editor asked for.
    """
    meta = {"file_name": file_name, "sha256": sha256, "editor": editor, "correction": False}
    removal = functools.partial(remove_sample_rows, editor=editor)
    return commit_rows(engine, rows, meta | skipped_record(skipped), progress, first=removal)
