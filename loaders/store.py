"""The app's store: daily reports and their import log, history and one user boundary set.

SQLite in the active dataset's own file by default (var/cccd.sqlite for Hanoi); PostgreSQL
(postgresql+psycopg://) through DATABASE_URL with the same code. connect() brings the schema to
the head Alembic migration (loaders/migrations) and seeds an empty store with the synthetic
sample, recorded as import 1.
Writes go through imports (commit_import) that can be listed, traced and undone; a real
deployment removes the sample (remove_sample) or replaces it with its first report
(replace_sample_with), and the store is never seeded again once it has an import log.
read_reports gives every stored report; reports_for_check(engine, report_dates(raw)) only those
a report's checks compare it with (its cost does not grow with the campaign).
`python -m loaders.store` prints what the store holds; `--sample-csv FILE` writes the sample;
`--remove-sample --editor NAME` removes it.
"""

import argparse
import getpass
import os
from datetime import date
from pathlib import Path

import pandas as pd
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, delete, exists, func, insert, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from cccd.report_history import report_dates
from cccd.sample import HANOI_MAY_2023, facts_for, generate_sample_reports
from loaders import reference
from loaders._store_engine import (
    SUPPORTED_URLS,
    engine_for,
    open_failure,
    parse_url,
    write_transaction,
)
from loaders._store_history import dump_store, list_imports, report_history, skipped_rows
from loaders._store_imports import ImportRecord, commit_import, replace_all
from loaders._store_imports import utc_now as _utc_now
from loaders._store_mappings import column_mapping, save_column_mapping
from loaders._store_reads import read_reports, reports_for_check
from loaders._store_reads import store_version as _store_version
from loaders._store_rows import frame_sha256, normalise_reports
from loaders._store_sample import (
    holds_only_sample,
    remove_sample,
    replace_sample_with,
)
from loaders._store_schema import (
    COLUMNS,
    COUNTS,
    SYNTHETIC_FILE_NAME,
    SYSTEM_EDITOR,
    boundaries_table,
    dataset_table,
    imports_table,
    metadata,
    reports_table,
)
from loaders._store_undo import undo_last_import
from loaders.errors import DataFileError

__all__ = [
    "ImportRecord", "clear_boundaries", "column_mapping", "commit_import", "connect",
    "database_url", "dump_store", "holds_only_sample", "is_synthetic", "list_imports",
    "read_boundaries", "read_reports", "remove_sample", "replace_reports", "replace_sample_with",
    "report_dates", "report_history", "reports_for_check", "sample_description", "save_boundaries",
    "save_column_mapping", "skipped_rows", "undo_last_import",
]  # fmt: skip
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HANOI_SAMPLE_PURPOSE = (
    "to reproduce the 29 May 2023 progress report (Tây Hồ finished, Long Biên ~90 %, "
    "Hà Đông ~70 %, 45 communes at target)"
)
NOT_REAL = "Not real issuance data."
USER_DESCRIPTION = "Reports loaded by the user."
_ = (SUPPORTED_URLS, metadata, COLUMNS, COUNTS)  # re-exported for callers and tests


def database_url() -> str:
    """The DATABASE_URL environment variable if set, else the active dataset's own SQLite file
    (reference.default_database_path(): var/cccd.sqlite for Hanoi), so datasets never mix."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{reference.default_database_path()}"


def sample_description() -> str:
    """What the synthetic sample of the active dataset is, stored with its import."""
    units = reference.units()
    if facts_for(units) is HANOI_MAY_2023:
        purpose = HANOI_SAMPLE_PURPOSE
    else:
        region = reference.dataset().region_name("en")
        purpose = f"for the {len(units)} communes of {region}; no published report to reproduce"
    days = _span(reference.campaign().start, reference.campaign().report_date)
    return f"Synthetic sample: daily reports {days} generated {purpose}. {NOT_REAL}"


def _span(first: date, last: date) -> str:
    """'15–29 May 2023', or '25 May 2023 – 3 June 2023' across months."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def _parse_url(text: str) -> URL:
    """A supported SQLAlchemy URL (see loaders._store_engine.parse_url)."""
    return parse_url(text)


def _engine(url: URL) -> Engine:
    """An engine for a parsed, supported URL (the folder of the dataset's default SQLite file
    is created when missing)."""
    return engine_for(url, reference.default_database_path())


def migrate(conn: Connection) -> None:
    """Upgrade the schema to the head migration, inside the caller's transaction."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def _replace(conn: Connection, frame: pd.DataFrame, synthetic: bool, description: str) -> None:
    """Replace all reports (one system import) and record what they are; caller's transaction."""
    file_name = SYNTHETIC_FILE_NAME if synthetic else description
    meta = {"file_name": file_name, "sha256": frame_sha256(frame), "correction": False}
    replace_all(conn, frame, meta)
    values = {"synthetic": "1" if synthetic else "0", "description": description}
    conn.execute(delete(dataset_table).where(dataset_table.c.key.in_(list(values))))
    conn.execute(insert(dataset_table), [{"key": k, "value": v} for k, v in values.items()])


def _open(conn: Connection) -> None:
    """Migrate and, in the same transaction, seed a new store with the sample (import 1).

    Only a store with no reports and no import log is new: one whose sample was removed stays
    empty until its first real report.
    """
    migrate(conn)
    for table in (reports_table, imports_table):
        if conn.execute(select(exists().select_from(table))).scalar():
            return
    sample = generate_sample_reports(
        reference.units(), reference.population(), campaign=reference.campaign()
    )
    _replace(conn, normalise_reports(sample), synthetic=True, description=sample_description())


def connect(url: str | None = None) -> Engine:
    """Open the store (url, else database_url()), migrate it, seed the sample once."""
    parsed = _parse_url(url or database_url())
    engine = _engine(parsed)
    try:
        # The writers' lock (SQLite file lock, PostgreSQL advisory lock) serialises first runs.
        with write_transaction(engine) as conn:
            _open(conn)
    except DBAPIError as error:
        engine.dispose()
        raise open_failure(parsed, error) from error
    return engine


def replace_reports(
    engine: Engine, reports: pd.DataFrame, synthetic: bool, description: str | None = None
) -> None:
    """Replace every stored report with `reports`, all or nothing (DataFileError if refused)."""
    frame = normalise_reports(reports)
    if frame.empty:
        raise DataFileError("error.reports_empty")
    description = description or (sample_description() if synthetic else USER_DESCRIPTION)
    try:
        with write_transaction(engine) as conn:
            _replace(conn, frame, synthetic, description)
    except DBAPIError as error:
        raise DataFileError("error.not_saved", problem=str(error.orig).strip()) from error


def is_synthetic(engine: Engine) -> bool:
    """True while any stored report still comes from the generated sample, not real reports."""
    sample = select(imports_table.c.id).where(
        imports_table.c.file_name == SYNTHETIC_FILE_NAME, imports_table.c.editor == SYSTEM_EDITOR
    )
    query = select(exists().where(reports_table.c.import_id.in_(sample)))
    with engine.connect() as conn:
        return bool(conn.execute(query).scalar())


def save_boundaries(engine: Engine, geojson_text: str, source_name: str) -> None:
    """Keep `geojson_text` (matched, simplified communes) as the one user boundary set."""
    row = {"id": 1, "source_name": source_name, "loaded_at": _utc_now(), "geojson": geojson_text}
    with write_transaction(engine) as conn:
        conn.execute(delete(boundaries_table))
        conn.execute(insert(boundaries_table), [row])


def read_boundaries(engine: Engine) -> tuple[str, str] | None:
    """The stored user boundary set as (geojson text, source name), or None."""
    query = select(boundaries_table.c.geojson, boundaries_table.c.source_name)
    with engine.connect() as conn:
        row = conn.execute(query.order_by(boundaries_table.c.id.desc()).limit(1)).first()
    return None if row is None else (row.geojson, row.source_name)


def clear_boundaries(engine: Engine) -> None:
    """Forget the user boundary set (the app falls back to the default map)."""
    with write_transaction(engine) as conn:
        conn.execute(delete(boundaries_table))


def store_version(engine: Engine) -> tuple[object, ...]:
    """What the reports are at (loaders._store_reads.store_version): give it back to
    commit_import as checked_at, and the commit checks the figures again if it has changed."""
    with engine.connect() as conn:
        return _store_version(conn)


def data_version(engine: Engine) -> tuple:
    """A cheap fingerprint of what the app shows: the last import, undos, the boundary set.

    It changes whenever any process imports, undoes or replaces boundaries, so app processes
    sharing one database know when their cached frames are stale.
    """
    boundaries = select(func.max(boundaries_table.c.loaded_at))
    with engine.connect() as conn:
        return (*_store_version(conn), str(conn.execute(boundaries).scalar()))


def main(argv: list[str] | None = None) -> None:
    """Print what the store holds, or write the synthetic sample reports as CSV."""
    parser = argparse.ArgumentParser(prog="python -m loaders.store", description=main.__doc__)
    parser.add_argument("--sample-csv", type=Path, help="write the sample reports to this CSV")
    parser.add_argument(
        "--remove-sample",
        action="store_true",
        help="delete the synthetic sample's reports (logged as an import; undo puts them back)",
    )
    parser.add_argument("--editor", default=None, help="who removes it (default: user)")
    args = parser.parse_args(argv)
    if args.remove_sample:
        _remove_sample_command(args.editor or getpass.getuser())
        return
    if args.sample_csv:
        sample = generate_sample_reports(
            reference.units(), reference.population(), campaign=reference.campaign()
        )
        sample.to_csv(args.sample_csv, index=False, date_format="%Y-%m-%d")
        print(f"{len(sample)} rows written to {args.sample_csv}")
        return
    engine = connect()
    reports = read_reports(engine)
    kind = "synthetic sample" if is_synthetic(engine) else "user reports"
    print(f"{engine.url.render_as_string(hide_password=True)}: {len(reports)} rows ({kind})")
    print(f"imports: {len(list_imports(engine))}")
    boundaries = read_boundaries(engine)
    print(f"boundaries: {boundaries[1] if boundaries else 'default approximate map'}")


def _remove_sample_command(editor: str) -> None:
    """Remove the sample from the store and say what was done; exit 1 when refused."""
    engine = connect()
    try:
        record = remove_sample(engine, editor)
        remaining = len(read_reports(engine))
    except DataFileError as error:
        raise SystemExit(str(error)) from None
    finally:
        engine.dispose()
    print(
        f"import {record.id}: {record.rows} synthetic sample rows removed by {record.editor}; "
        f"{remaining} report rows remain (the import page's undo puts the sample back)"
    )


if __name__ == "__main__":
    main()
