"""Undoing the last editor's import: the values it replaced back, the rows it added removed.

An import's own values move to report_versions (replaced by no one), the values it replaced
(report_versions rows with replaced_by = the import) move back to reports.

Undo never reaches back past a system import (the seed, replace_reports); undoing a removal of
the synthetic sample puts its removed rows back where no report has taken their place since.
"""

from sqlalchemy import Connection, Engine, delete, exists, insert, select

from loaders._store_engine import write_transaction
from loaders._store_imports import ImportRecord, import_record, keep_current, set_outcome
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


def _put_back(conn: Connection, replaced_by: int, *where: object) -> None:
    """The values `replaced_by` moved to report_versions back into reports (where `where`
    holds), and out of report_versions: they are current again."""
    versions = report_versions_table
    names = [*KEY, *COUNTS, "import_id"]
    chosen = versions.c.replaced_by == replaced_by
    kept = select(*(versions.c[name] for name in names)).where(chosen, *where)
    conn.execute(insert(reports_table).from_select(names, kept))
    back = exists().where(
        reports_table.c.import_id == versions.c.import_id,
        reports_table.c.as_of == versions.c.as_of,
        reports_table.c.commune_code == versions.c.commune_code,
    )
    conn.execute(delete(versions).where(chosen, back))


def _revert(conn: Connection, target: int) -> None:
    """Withdraw import `target`'s values (kept in report_versions, replaced by no one) and put
    back the ones it replaced."""
    written = reports_table.c.import_id == target
    keep_current(conn, None, written)
    conn.execute(delete(reports_table).where(written))
    _put_back(conn, target)


def _restore_sample(conn: Connection, sample: int, removal: int) -> None:
    """Undo a sample removal: the sample's rows back where no other report has taken their
    place since, and the sample import committed again."""
    versions, reports = report_versions_table, reports_table
    taken = exists().where(
        reports.c.as_of == versions.c.as_of, reports.c.commune_code == versions.c.commune_code
    )
    _put_back(conn, removal, versions.c.import_id == sample, ~taken)
    set_outcome(conn, sample, "committed", None)


def undo_last_import(engine: Engine, editor: str) -> ImportRecord:
    """Revert the last committed editor's import: earlier values back, its new rows removed;
    for a removal of the synthetic sample, the sample's removed rows back."""
    with write_transaction(engine) as conn:
        target = _undo_target(conn)
        if target.removed_import is not None:
            _restore_sample(conn, target.removed_import, target.id)
        else:
            _revert(conn, target.id)
        set_outcome(conn, target.id, "undone", editor)
        return import_record(conn, target.id)
