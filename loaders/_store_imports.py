"""Writing reports: imports that are logged, versioned, all-or-nothing, idempotent and undoable.

A value an import writes lives in reports; the stored value it replaces moves to
report_versions with `replaced_by` = the import, so a corrected report replaces the current
value without losing the old one, and undo knows what to put back. New rows, most of an import,
are written once. System imports (editor "system": the seed and replace_reports) replace the
whole reports table (the rows they replace kept the same way); undo (loaders._store_undo) never
reaches back past one.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    Insert,
    Integer,
    delete,
    insert,
    literal,
    null,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from loaders._gc import collector_paused
from loaders._store_engine import write_transaction
from loaders._store_recheck import recheck
from loaders._store_rows import (
    check_counts,
    driver_insert,
    frame_of,
    normalise_reports,
    skipped_record,
)
from loaders._store_schema import (
    COUNTS,
    KEY,
    SYSTEM_EDITOR,
    imports_table,
    report_versions_table,
    reports_table,
)
from loaders.errors import DataFileError

CHUNK_ROWS = 500  # rows per executemany, at least: the progress bar moves after each
PROGRESS_STEPS = 50  # at most: a nationwide month's 636 calls of 500 rows cost 0.05 s more
Progress = Callable[[float], None]


@dataclass(frozen=True)
class ImportRecord:
    """One row of the import log."""

    id: int
    file_name: str
    sha256: str
    editor: str
    started_at: datetime
    finished_at: datetime
    rows: int
    changed: int
    correction: bool
    outcome: str
    skipped: int = 0  # rows of the file the editor chose to leave out (store.skipped_rows)
    removed_import: int | None = None  # the sample import a "sample removed" entry emptied


def utc_now() -> datetime:
    """Now in UTC, without tzinfo (how the store keeps times)."""
    return datetime.now(UTC).replace(tzinfo=None)


def import_record(conn: Connection, import_id: int) -> ImportRecord:
    """The import log row `import_id` as an ImportRecord."""
    row = conn.execute(select(imports_table).where(imports_table.c.id == import_id)).one()
    values = {name: row._mapping[name] for name in ImportRecord.__dataclass_fields__}
    return ImportRecord(**{**values, "correction": bool(values["correction"])})


def start_import(conn: Connection, **values: object) -> int:
    """Insert an import log row (finished later by finish_import); its id."""
    now = utc_now()
    row = {"started_at": now, "finished_at": now, "rows": 0, "changed": 0, **values}
    result = conn.execute(insert(imports_table).values(outcome="committed", **row))
    return int(result.inserted_primary_key[0])


def finish_import(conn: Connection, import_id: int, rows: int, changed: int) -> ImportRecord:
    """Complete the log row: counts, finish time, outcome by whether anything changed."""
    outcome = "committed" if changed else "unchanged"
    conn.execute(
        update(imports_table)
        .where(imports_table.c.id == import_id)
        .values(rows=rows, changed=changed, outcome=outcome, finished_at=utc_now())
    )
    return import_record(conn, import_id)


def _upsert(conn: Connection) -> Insert:
    """Insert or overwrite reports rows (values and import_id) by (as_of, commune_code)."""
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(reports_table)
    columns = [*COUNTS, "import_id"]
    return statement.on_conflict_do_update(
        index_elements=KEY, set_={name: statement.excluded[name] for name in columns}
    )


@dataclass(frozen=True)
class Changes:
    """The rows an import writes: `new` ones (no stored row on their date and commune) and
    those `replacing` a stored row whose values differ; `replaced`: those stored rows (with
    their import_id), which move to report_versions."""

    new: pd.DataFrame
    replacing: pd.DataFrame
    replaced: pd.DataFrame | None = None

    def __len__(self) -> int:
        return len(self.new) + len(self.replacing)

    def dates(self) -> list[object]:
        """The dates the rows are on, sorted."""
        return sorted(set(self.new["as_of"]) | set(self.replacing["as_of"]))


def write_versions(
    conn: Connection,
    changes: Changes,
    import_id: int,
    progress: Progress | None,
    chunk_rows: int = CHUNK_ROWS,
) -> None:
    """Keep the values the changes replace in report_versions, then write the changes into
    reports in chunks, reporting the fraction done.

    New rows go in as plain INSERTs, a third faster than the upsert the replacing rows need;
    the caller's write transaction holds the writers' lock since it read the stored rows, so
    no other import can have written a "new" key in between.
    """
    _keep_replaced(conn, changes.replaced, import_id)
    parts = [
        driver_insert(conn, insert(reports_table), changes.new, import_id=import_id),
        driver_insert(conn, _upsert(conn), changes.replacing, import_id=import_id),
    ]
    total, first = len(changes), len(changes.new)
    chunk_rows = max(chunk_rows, -(-total // PROGRESS_STEPS))
    for start in range(0, total, chunk_rows):
        stop = start + chunk_rows
        parts[0].execute(conn, start, min(stop, first))
        parts[1].execute(conn, max(start - first, 0), max(stop - first, 0))
        if progress:
            progress(min(1.0, stop / total))


def _keep_replaced(conn: Connection, replaced: pd.DataFrame | None, import_id: int) -> None:
    """The stored values `import_id` replaces, into report_versions (replaced_by = it).

    Only replaced values are copied: copying every row written (0003) took a quarter of a
    nationwide month's import. A stored row without an import (none since 0002) has no version.
    """
    if replaced is None or replaced.empty:
        return
    kept = replaced.dropna(subset=["import_id"]).astype({"import_id": "int64"})
    statement = insert(report_versions_table)
    driver_insert(conn, statement, kept, replaced_by=import_id).execute(conn)


def keep_current(conn: Connection, replaced_by: int | None, *where: object) -> None:
    """Move the reports rows matching `where` into report_versions (replaced_by), inside the
    caller's transaction; the caller deletes or overwrites them in reports."""
    names = [*KEY, *COUNTS, "import_id"]
    by = null() if replaced_by is None else literal(replaced_by, Integer)
    rows = select(*(reports_table.c[name] for name in names), by)
    rows = rows.where(reports_table.c.import_id.is_not(None), *where)
    conn.execute(insert(report_versions_table).from_select([*names, "replaced_by"], rows))


def _current(conn: Connection, dates: list[object]) -> pd.DataFrame:
    """Stored reports on `dates` (as_of as datetime.date), with their import_id."""
    names = [*KEY, *COUNTS, "import_id"]
    query = select(*(reports_table.c[name] for name in names)).where(
        reports_table.c.as_of.in_(dates)
    )
    return frame_of(conn.execute(query), names)


def changed_rows(conn: Connection, frame: pd.DataFrame) -> Changes:
    """The rows of `frame` that are new or differ from the stored values."""
    current = _current(conn, sorted(set(frame["as_of"])))
    if current.empty:  # days the store does not hold yet: every row is new
        return Changes(new=frame, replacing=frame.iloc[:0])
    merged = frame.merge(current, on=KEY, how="left", suffixes=("", "_stored"))
    new = merged[f"{COUNTS[0]}_stored"].isna().to_numpy()  # stored counts are never missing
    differs = pd.Series(False, index=merged.index)
    for name in COUNTS:
        stored = merged[f"{name}_stored"]
        differs |= (stored.astype("Int64") != merged[name]).fillna(False)
    replacing = ~new & differs.to_numpy()
    stored_names = {f"{name}_stored": name for name in COUNTS}
    replaced = merged.loc[replacing, [*KEY, *stored_names, "import_id"]].rename(
        columns=stored_names
    )
    return Changes(new=frame[new], replacing=frame[replacing], replaced=replaced)


def checked_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Normalised rows with complete, non-negative counts (DataFileError otherwise)."""
    frame = normalise_reports(rows)
    if frame.empty:
        raise DataFileError("error.reports_empty")
    check_counts(frame)
    return frame


def commit_import(
    engine: Engine,
    rows: pd.DataFrame,
    *,
    file_name: str,
    sha256: str,
    editor: str,
    correction: bool = False,
    progress: Progress | None = None,
    skipped: Sequence[Mapping[str, object]] = (),
    checked_at: tuple[object, ...] | None = None,
) -> ImportRecord:
    """Write the new or changed rows of a report file in one transaction and log the import.

    `skipped`: the file's rows the editor chose to leave out, each {"row", "column", "value",
    "reason"} (and optionally "source"), kept with the import (store.skipped_rows).
    `checked_at`: the store_version the rows were checked against (ReportPreview.store_version);
    when the store has moved on since, the figures are checked again inside the write
    transaction (_store_recheck), so a file checked before another import landed cannot lower
    what that import wrote.
    """
    meta = {"file_name": file_name, "sha256": sha256, "editor": editor, "correction": correction}
    return commit_rows(
        engine, rows, meta | skipped_record(skipped), progress, checked_at=checked_at
    )


def commit_rows(
    engine: Engine,
    rows: pd.DataFrame,
    meta: dict[str, object],
    progress: Progress | None,
    first: Callable[[Connection], object] | None = None,
    checked_at: tuple[object, ...] | None = None,
) -> ImportRecord:
    """Check the rows, then in one write transaction run `first` (e.g. remove the sample),
    check the figures against the store as it is now unless it is still as `checked_at`, and
    write the import logged with `meta`; DataFileError when the database refuses."""
    with collector_paused():
        return _commit_rows(engine, rows, meta, progress, first, checked_at)


def _commit_rows(
    engine: Engine,
    rows: pd.DataFrame,
    meta: dict[str, object],
    progress: Progress | None,
    first: Callable[[Connection], object] | None,
    checked_at: tuple[object, ...] | None,
) -> ImportRecord:
    frame = checked_rows(rows)
    try:
        with write_transaction(engine) as conn:
            if first is not None:
                first(conn)
            if not meta["correction"]:
                recheck(conn, frame, checked_at)
            record = write_import(conn, frame, meta, progress)
    except DBAPIError as error:
        raise DataFileError("error.not_saved", problem=str(error.orig).strip()) from error
    if progress and record.changed == 0:
        progress(1.0)
    return record


def write_import(
    conn: Connection, frame: pd.DataFrame, meta: dict[str, object], progress: Progress | None
) -> ImportRecord:
    """Log an import and write its new or changed rows, inside the caller's transaction."""
    import_id = start_import(conn, **meta)
    changed = changed_rows(conn, frame)
    write_versions(conn, changed, import_id, progress)
    return finish_import(conn, import_id, len(frame), len(changed))


def replace_all(conn: Connection, frame: pd.DataFrame, meta: dict[str, object]) -> ImportRecord:
    """Replace every report with `frame` as one system import, inside the caller's transaction."""
    import_id = start_import(conn, editor=SYSTEM_EDITOR, **meta)
    keep_current(conn, import_id)
    conn.execute(delete(reports_table))
    # reports was emptied: every row is new, written in one batch
    changes = Changes(new=frame, replacing=frame.iloc[:0])
    write_versions(conn, changes, import_id, None, chunk_rows=max(len(frame), 1))
    return finish_import(conn, import_id, len(frame), len(frame))


def set_outcome(conn: Connection, import_id: int, outcome: str, editor: str | None) -> None:
    """Mark an import undone by `editor` now (or committed again, editor None)."""
    when = utc_now() if editor else None
    conn.execute(
        update(imports_table)
        .where(imports_table.c.id == import_id)
        .values(outcome=outcome, undone_by=editor, undone_at=when)
    )
