"""Writing reports: imports that are logged, versioned, all-or-nothing, idempotent and undoable.

Every value an import writes is kept in report_versions, so a corrected report replaces the
current value without losing the old one. System imports (editor "system": the seed and
replace_reports) replace the whole reports table; undo never reaches back past one.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, Insert, delete, exists, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from loaders._store_engine import write_transaction
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

CHUNK_ROWS = 500
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


def _record(conn: Connection, import_id: int) -> ImportRecord:
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
    return _record(conn, import_id)


def _upsert(conn: Connection) -> Insert:
    """Insert or overwrite reports rows (values and import_id) by (as_of, commune_code)."""
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(reports_table)
    columns = [*COUNTS, "import_id"]
    return statement.on_conflict_do_update(
        index_elements=KEY, set_={name: statement.excluded[name] for name in columns}
    )


def write_versions(
    conn: Connection,
    frame: pd.DataFrame,
    import_id: int,
    progress: Progress | None,
    replacing: bool = False,
) -> None:
    """Write `frame` into reports in chunks, and with the last one into report_versions,
    reporting the fraction done.

    `replacing`: reports was emptied first, so plain inserts in one batch (faster than upserts).
    """
    size = max(len(frame), 1) if replacing else CHUNK_ROWS
    statement = insert(reports_table) if replacing else _upsert(conn)
    rows = driver_insert(conn, statement, frame, import_id=import_id)
    for start in range(0, len(frame), size):
        rows.execute(conn, start, start + size)
        if start + size >= len(frame):  # with the last chunk, so that 1.0 means all written
            _copy_versions(conn, import_id, sorted(set(frame["as_of"])))
        if progress:
            progress(min(1.0, (start + size) / len(frame)))


def _copy_versions(conn: Connection, import_id: int, dates: list[object]) -> None:
    """Keep the reports rows `import_id` has just written (on `dates`) in report_versions.

    Copied inside the database: sending the same rows a second time took as long as writing
    them. `dates` lets the database find them through the (as_of, commune_code) key.
    """
    columns = list(report_versions_table.c.keys())
    written = select(*(reports_table.c[name] for name in columns)).where(
        reports_table.c.import_id == import_id, reports_table.c.as_of.in_(dates)
    )
    conn.execute(insert(report_versions_table).from_select(columns, written))


def _current(conn: Connection, dates: list[object]) -> pd.DataFrame:
    """Stored reports on `dates` (as_of as datetime.date)."""
    query = select(*(reports_table.c[name] for name in [*KEY, *COUNTS])).where(
        reports_table.c.as_of.in_(dates)
    )
    return frame_of(conn.execute(query), [*KEY, *COUNTS])


def changed_rows(conn: Connection, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of `frame` that are new or differ from the stored values."""
    current = _current(conn, sorted(set(frame["as_of"])))
    merged = frame.merge(current, on=KEY, how="left", suffixes=("", "_stored"))
    differs = pd.Series(False, index=merged.index)
    for name in COUNTS:
        stored = merged[f"{name}_stored"]
        differs |= stored.isna() | (stored.astype("Int64") != merged[name]).fillna(True)
    return frame[differs.to_numpy()]


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
) -> ImportRecord:
    """Write the new or changed rows of a report file in one transaction and log the import.

    `skipped`: the file's rows the editor chose to leave out, each {"row", "column", "value",
    "reason"} (and optionally "source"), kept with the import (store.skipped_rows).
    """
    frame = checked_rows(rows)
    meta = {"file_name": file_name, "sha256": sha256, "editor": editor, "correction": correction}
    meta |= skipped_record(skipped)
    try:
        with write_transaction(engine) as conn:
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
    conn.execute(delete(reports_table))
    import_id = start_import(conn, editor=SYSTEM_EDITOR, **meta)
    write_versions(conn, frame, import_id, None, replacing=True)
    return finish_import(conn, import_id, len(frame), len(frame))


def _undo_target(conn: Connection) -> ImportRecord:
    """The most recent committed import, if an editor's import may be undone."""
    query = select(imports_table.c.id).where(imports_table.c.outcome == "committed")
    last = conn.execute(query.order_by(imports_table.c.id.desc()).limit(1)).scalar()
    if last is None:
        raise DataFileError("error.nothing_to_undo")
    record = _record(conn, last)
    if record.editor == SYSTEM_EDITOR:
        # The import number is an identifier (#1234), not a count: shown without grouping.
        raise DataFileError("error.undo_system", id=str(record.id), file=repr(record.file_name))
    return record


def _previous_versions(conn: Connection, target: int) -> pd.DataFrame:
    """For each key `target` wrote, the value before it (latest earlier committed version)."""
    versions, imports = report_versions_table, imports_table
    since = select(imports.c.id).where(imports.c.editor == SYSTEM_EDITOR, imports.c.id < target)
    barrier = conn.execute(since.order_by(imports.c.id.desc()).limit(1)).scalar() or 0
    written = select(versions.c.as_of, versions.c.commune_code).where(
        versions.c.import_id == target
    )
    query = (
        select(versions)
        .join(imports, imports.c.id == versions.c.import_id)
        .where(imports.c.outcome == "committed", imports.c.id >= barrier, imports.c.id < target)
        .where(tuple_(versions.c.as_of, versions.c.commune_code).in_(written))
    )
    earlier = pd.DataFrame(conn.execute(query).all(), columns=list(versions.c.keys()))
    return earlier.sort_values("import_id").drop_duplicates(KEY, keep="last")


def _revert(conn: Connection, target: int) -> None:
    """Put back the values import `target` overwrote and remove the rows it added."""
    previous = _previous_versions(conn, target)
    written = select(report_versions_table.c.as_of, report_versions_table.c.commune_code)
    conn.execute(
        delete(reports_table).where(
            tuple_(reports_table.c.as_of, reports_table.c.commune_code).in_(
                written.where(report_versions_table.c.import_id == target)
            )
        )
    )
    driver_insert(conn, insert(reports_table), previous).execute(conn)


def set_outcome(conn: Connection, import_id: int, outcome: str, editor: str | None) -> None:
    """Mark an import undone by `editor` now (or committed again, editor None)."""
    when = utc_now() if editor else None
    conn.execute(
        update(imports_table)
        .where(imports_table.c.id == import_id)
        .values(outcome=outcome, undone_by=editor, undone_at=when)
    )


def _restore_sample(conn: Connection, sample: int) -> None:
    """Undo a sample removal: the sample's rows back where no other report has taken their
    place since, and the sample import committed again."""
    versions, reports = report_versions_table, reports_table
    names = [*KEY, *COUNTS, "import_id"]
    taken = exists().where(
        reports.c.as_of == versions.c.as_of, reports.c.commune_code == versions.c.commune_code
    )
    kept = select(*(versions.c[name] for name in names)).where(
        versions.c.import_id == sample, ~taken
    )
    conn.execute(insert(reports).from_select(names, kept))
    set_outcome(conn, sample, "committed", None)


def undo_last_import(engine: Engine, editor: str) -> ImportRecord:
    """Revert the last committed editor's import: earlier values back, its new rows removed;
    for a removal of the synthetic sample, the sample's removed rows back."""
    with write_transaction(engine) as conn:
        target = _undo_target(conn)
        if target.removed_import is not None:
            _restore_sample(conn, target.removed_import)
        else:
            _revert(conn, target.id)
        set_outcome(conn, target.id, "undone", editor)
        return _record(conn, target.id)
