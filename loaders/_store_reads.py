"""Reading reports: the whole store, or only the rows a new report's checks compare it with."""

from collections.abc import Sequence
from datetime import date

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    false,
    func,
    or_,
    select,
    union_all,
)

from loaders._store_rows import frame_of
from loaders._store_schema import (
    COLUMNS,
    COUNTS,
    SYNTHETIC_FILE_NAME,
    SYSTEM_EDITOR,
    imports_table,
    reports_table,
)


def sample_imports() -> Select:
    """The ids of the synthetic sample's imports (seeded, or written by replace_reports)."""
    imports = imports_table
    return select(imports.c.id).where(
        imports.c.file_name == SYNTHETIC_FILE_NAME, imports.c.editor == SYSTEM_EDITOR
    )


def store_version(conn: Connection) -> tuple[object, ...]:
    """What the reports are at: the last import, how many are undone and the last undo.

    Any import, undo or sample removal changes it (undoing a removal marks one import undone
    and the sample committed again, so the time of the last undo is part of it)."""
    imports = imports_table
    query = select(
        func.max(imports.c.id),
        func.count().filter(imports.c.outcome == "undone"),
        func.max(imports.c.undone_at),
    )
    last, undone, undone_at = conn.execute(query).one()
    return (last, undone, str(undone_at))


def _kept(without_sample: bool) -> list[ColumnElement[bool]]:
    """The conditions on reports rows to read: none, or not from the synthetic sample."""
    if not without_sample:
        return []
    import_id = reports_table.c.import_id
    return [or_(import_id.is_(None), import_id.not_in(sample_imports()))]


def _reports_frame(source: Engine | Connection, query: Select) -> pd.DataFrame:
    """The reports `query` selects (COLUMNS) with read_reports' dtypes; `source` an engine, or
    a connection whose transaction the read is to be part of."""
    if isinstance(source, Connection):
        frame = frame_of(source.execute(query), COLUMNS)
    else:
        with source.connect() as conn:
            frame = frame_of(conn.execute(query), COLUMNS)
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["commune_code"] = frame["commune_code"].astype(str)
    return frame.astype({name: "int64" for name in COUNTS})


def read_reports(engine: Engine, without_sample: bool = False) -> pd.DataFrame:
    """All stored reports sorted by as_of, commune_code (as_of datetime64 day, counts int64).

    `without_sample`: leave out the synthetic sample's rows, i.e. the store as it will be once
    the sample is removed (to preview a report that is to replace it).
    """
    columns = [reports_table.c[name] for name in COLUMNS]
    query = select(*columns).where(*_kept(without_sample))
    return _reports_frame(engine, query.order_by(*columns[:2]))


def _check_query(first: date, kept: list[ColumnElement[bool]]) -> Select:
    """The rows on or after `first`, and each commune's last row before it, by date and code."""
    reports = reports_table
    columns = [reports.c[name] for name in COLUMNS]
    later = select(*columns).where(reports.c.as_of >= first, *kept)
    last = (
        select(reports.c.commune_code, func.max(reports.c.as_of).label("as_of"))
        .where(reports.c.as_of < first, *kept)
        .group_by(reports.c.commune_code)
        .subquery()
    )
    # Through the (as_of, commune_code) key: a commune's last date picks exactly one row.
    on_last = and_(reports.c.as_of == last.c.as_of, reports.c.commune_code == last.c.commune_code)
    before = select(*columns).join(last, on_last)
    both = union_all(later, before).subquery()
    return select(*(both.c[name] for name in COLUMNS)).order_by(both.c.as_of, both.c.commune_code)


def reports_for_check(
    source: Engine | Connection, dates: Sequence[date], without_sample: bool = False
) -> pd.DataFrame:
    """The stored reports a report on `dates` is checked against, as read_reports gives them.

    A cumulative figure may not fall below the commune's report before it nor rise above the
    one after it, and the changes compare it with the stored value on its date: so the rows on
    or after the earliest of `dates` and each commune's last row before that date give the
    checks (cccd.report_checks.check_report) exactly the results the whole store gives, at a
    cost that does not grow with the campaign. Any date on or before the file's earliest one
    will do; no dates: no rows.
    """
    if not dates:
        nothing = select(*(reports_table.c[name] for name in COLUMNS)).where(false())
        return _reports_frame(source, nothing)
    first = pd.Timestamp(min(dates)).date()
    return _reports_frame(source, _check_query(first, _kept(without_sample)))
