"""The history rule, once more inside the write transaction: figures never fall.

A report is checked (loaders.reports.preview_report) against the store as it was then, and
committed later; another import (or an undo) may land in between. Writers queue for the write
transaction (SQLite BEGIN IMMEDIATE, PostgreSQL the writers' advisory lock), so a check made
inside it sees exactly the store the import will change. It is only made again when the store
has moved on since the preview (store_version), which costs one query otherwise.
"""

import pandas as pd
from sqlalchemy import Connection

from cccd.report_history import CUMULATIVE, breaks, series_history
from loaders._store_reads import reports_for_check, store_version
from loaders.errors import DataFileError


def recheck(conn: Connection, frame: pd.DataFrame, checked_at: tuple[object, ...] | None) -> None:
    """DataFileError when a cumulative figure of `frame` (normalised rows) would fall below the
    commune's report before it, rise above the one after it, or fall below the value it
    replaces, in the store as it is now; nothing when the store is still as `checked_at`.

    `checked_at` None: the rows were not checked (tests, scripts that write rows as they are),
    and are not checked here either."""
    if checked_at is None or store_version(conn) == checked_at:
        return
    table = frame.assign(as_of=pd.to_datetime(frame["as_of"]))
    days = sorted(set(table["as_of"].dt.date))
    history = series_history(table, reports_for_check(conn, days))
    fallen = pd.Series(False, index=frame.index)
    for column in CUMULATIVE:
        fallen |= breaks(history, column)
    if not fallen.any():
        return
    first = table[fallen.to_numpy(bool)].iloc[0]
    raise DataFileError(
        "error.changed_since_check",
        count=int(fallen.sum()),
        commune=str(first["commune_code"]),
        day=first["as_of"].date(),
    )
