"""Undoing the last editor's import: the values it overwrote back, the rows it added removed.

Undo never reaches back past a system import (the seed, replace_reports); undoing a removal of
the synthetic sample puts its removed rows back where no report has taken their place since.
"""

import pandas as pd
from sqlalchemy import Connection, Engine, delete, exists, insert, select, tuple_

from loaders._store_engine import write_transaction
from loaders._store_imports import ImportRecord, import_record, set_outcome
from loaders._store_rows import driver_insert
from loaders._store_schema import (
    COUNTS,
    KEY,
    SYSTEM_EDITOR,
    imports_table,
    report_versions_table,
    reports_table,
)
from loaders.errors import DataFileError


def _undo_target(conn: Connection) -> ImportRecord:
    """The most recent committed import, if an editor's import may be undone."""
    query = select(imports_table.c.id).where(imports_table.c.outcome == "committed")
    last = conn.execute(query.order_by(imports_table.c.id.desc()).limit(1)).scalar()
    if last is None:
        raise DataFileError("error.nothing_to_undo")
    record = import_record(conn, last)
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
        return import_record(conn, target.id)
