"""The app's store: daily reports, what they are, and one user boundary set (SQLAlchemy Core).

SQLite at var/cccd.sqlite by default; PostgreSQL (postgresql+psycopg://) through DATABASE_URL
with the same code. On first use the store is seeded with the synthetic sample reports.
`python -m loaders.store` prints what the store holds; `--sample-csv FILE` writes the sample.
"""

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import StaticPool
from sqlalchemy.schema import CreateTable

from cccd.sample import generate_sample_reports
from loaders import reference
from loaders.errors import DataFileError

DEFAULT_DATABASE_PATH = Path(__file__).resolve().parent.parent / "var" / "cccd.sqlite"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DATABASE_PATH}"
SUPPORTED_URLS = "use sqlite:///path/to/file.sqlite or postgresql+psycopg://user:pass@host/db"
SAMPLE_DESCRIPTION = (
    "Synthetic sample: daily reports 15–29 May 2023 generated to reproduce the 29 May 2023 "
    "progress report (Tây Hồ finished, Long Biên ~90 %, Hà Đông ~70 %, 45 communes at target). "
    "Not real issuance data."
)
USER_DESCRIPTION = "Reports loaded by the user."
BUSY_TIMEOUT_MS = 10_000
SCHEMA_LOCK_KEY = 20230630  # any fixed number: the advisory lock for creating the schema
COUNTS = ["target", "delivered", "activated"]
COLUMNS = ["as_of", "commune_code", *COUNTS]

metadata = MetaData()
reports_table = Table(
    "reports",
    metadata,
    Column("as_of", Date, primary_key=True),
    Column("commune_code", String(5), primary_key=True),
    *(Column(name, Integer, nullable=False) for name in COUNTS),
    CheckConstraint(
        "target >= 0 AND delivered >= 0 AND activated >= 0", name="reports_counts_not_negative"
    ),
)
dataset_table = Table(
    "dataset",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
boundaries_table = Table(
    "commune_boundaries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("source_name", Text, nullable=False),
    Column("loaded_at", DateTime, nullable=False),
    Column("geojson", Text, nullable=False),
)


def database_url() -> str:
    """The DATABASE_URL environment variable if set, else the SQLite file under var/."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def _parse_url(text: str) -> URL:
    """A supported SQLAlchemy URL; plain postgresql:// is read as postgresql+psycopg://."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise DataFileError(
            f"DATABASE_URL {text!r} is not a database URL; {SUPPORTED_URLS}."
        ) from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DataFileError(
            f"DATABASE_URL {url.render_as_string(hide_password=True)!r} uses "
            f"{url.drivername!r}, which this app does not support; {SUPPORTED_URLS}."
        )
    return url


def _sqlite_engine(url: URL) -> Engine:
    """A SQLite engine with WAL journal, foreign keys and a busy timeout on every connection."""
    database = url.database or ":memory:"
    in_memory = database == ":memory:" or "mode=memory" in database
    if not in_memory and not database.startswith("file:"):
        path = Path(database)
        if path.resolve() == DEFAULT_DATABASE_PATH:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise DataFileError(
                f"The folder {path.parent} for the SQLite database does not exist; create it "
                "or point DATABASE_URL at an existing folder."
            )
    engine = create_engine(url, poolclass=StaticPool) if in_memory else create_engine(url)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    return engine


def _engine(url: URL) -> Engine:
    """An engine for a parsed, supported URL."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _open_failure(url: URL, error: DBAPIError) -> str:
    """What went wrong opening the store, and what to check."""
    reason = " ".join(str(error.orig).split())
    if url.get_backend_name() == "sqlite":
        hint = "Check that the path names a SQLite database file (or a new one) you can write"
    else:
        hint = "Check that the server runs and is reachable, and the user, password and database"
    shown = url.render_as_string(hide_password=True)
    return f"Cannot open the database {shown} ({reason}). {hint}; DATABASE_URL: {SUPPORTED_URLS}."


def _open(conn: Connection) -> None:
    """Create missing tables and, in the same transaction, seed an empty store with the sample."""
    if conn.dialect.name == "postgresql":
        # CREATE TABLE IF NOT EXISTS races between PostgreSQL sessions: serialise first runs.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
    for table in metadata.sorted_tables:
        conn.execute(CreateTable(table, if_not_exists=True))
    if conn.execute(select(func.count()).select_from(reports_table)).scalar_one():
        return
    sample = generate_sample_reports(reference.units(), reference.population())
    _write_reports(conn, _report_rows(sample), synthetic=True, description=SAMPLE_DESCRIPTION)


def connect(url: str | None = None) -> Engine:
    """Open the store (DATABASE_URL or var/cccd.sqlite), create the schema, seed the sample once."""
    parsed = _parse_url(url or database_url())
    engine = _engine(parsed)
    try:
        with engine.begin() as conn:
            _open(conn)
    except DBAPIError as error:
        engine.dispose()
        raise DataFileError(_open_failure(parsed, error)) from error
    return engine


def _report_rows(reports: pd.DataFrame) -> list[dict[str, object]]:
    """Rows for executemany: dates, code text, Python ints; None where a value is missing."""
    missing = [name for name in COLUMNS if name not in reports.columns]
    if missing:
        raise DataFileError(
            f"The reports lack the column(s) {', '.join(missing)}; expected {COLUMNS}."
        )
    duplicated = reports[reports.duplicated(["as_of", "commune_code"], keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        raise DataFileError(
            f"The reports hold {len(duplicated)} rows for the same day and commune, e.g. "
            f"{first['commune_code']} on {pd.Timestamp(first['as_of']).date()}; keep one per day."
        )
    try:
        columns = {
            "as_of": pd.to_datetime(reports["as_of"]).dt.date,
            "commune_code": reports["commune_code"].astype(str),
            **{name: reports[name].astype("Int64") for name in COUNTS},
        }
    except (TypeError, ValueError) as error:
        raise DataFileError(
            f"The reports hold a value that is not a date or a count: {error}"
        ) from error
    table = pd.DataFrame(columns).astype(object)
    return table.where(table.notna(), None).to_dict("records")


def _write_reports(
    conn: Connection, rows: list[dict[str, object]], synthetic: bool, description: str
) -> None:
    """Replace all reports with `rows` and record what they are, inside the caller's transaction."""
    values = {"synthetic": "1" if synthetic else "0", "description": description}
    conn.execute(delete(reports_table))
    conn.execute(insert(reports_table), rows)
    conn.execute(delete(dataset_table).where(dataset_table.c.key.in_(list(values))))
    conn.execute(insert(dataset_table), [{"key": k, "value": v} for k, v in values.items()])


def replace_reports(
    engine: Engine, reports: pd.DataFrame, synthetic: bool, description: str | None = None
) -> None:
    """Replace every stored report with `reports`, all or nothing (DataFileError if refused)."""
    rows = _report_rows(reports)
    if not rows:
        raise DataFileError("The reports are empty; the store was left unchanged.")
    description = description or (SAMPLE_DESCRIPTION if synthetic else USER_DESCRIPTION)
    try:
        with engine.begin() as conn:
            _write_reports(conn, rows, synthetic, description)
    except DBAPIError as error:
        raise DataFileError(
            f"The reports were not saved, the store is unchanged: {str(error.orig).strip()}"
        ) from error


def read_reports(engine: Engine) -> pd.DataFrame:
    """All stored reports sorted by as_of, commune_code (as_of datetime64 day, counts int64)."""
    query = select(reports_table).order_by(reports_table.c.as_of, reports_table.c.commune_code)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=COLUMNS)
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["commune_code"] = frame["commune_code"].astype(str)
    return frame.astype({name: "int64" for name in COUNTS})


def is_synthetic(engine: Engine) -> bool:
    """True when the stored reports are the generated sample, not real reports."""
    query = select(dataset_table.c.value).where(dataset_table.c.key == "synthetic")
    with engine.connect() as conn:
        return conn.execute(query).scalar_one_or_none() == "1"


def save_boundaries(engine: Engine, geojson_text: str, source_name: str) -> None:
    """Keep `geojson_text` (matched, simplified communes) as the one user boundary set."""
    row = {
        "id": 1,
        "source_name": source_name,
        "loaded_at": datetime.now(UTC).replace(tzinfo=None),
        "geojson": geojson_text,
    }
    with engine.begin() as conn:
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
    with engine.begin() as conn:
        conn.execute(delete(boundaries_table))


def main(argv: list[str] | None = None) -> None:
    """Print what the store holds, or write the synthetic sample reports as CSV."""
    parser = argparse.ArgumentParser(prog="python -m loaders.store", description=main.__doc__)
    parser.add_argument("--sample-csv", type=Path, help="write the sample reports to this CSV")
    args = parser.parse_args(argv)
    if args.sample_csv:
        sample = generate_sample_reports(reference.units(), reference.population())
        sample.to_csv(args.sample_csv, index=False, date_format="%Y-%m-%d")
        print(f"{len(sample)} rows written to {args.sample_csv}")
        return
    engine = connect()
    reports = read_reports(engine)
    kind = "synthetic sample" if is_synthetic(engine) else "user reports"
    print(f"{engine.url.render_as_string(hide_password=True)}: {len(reports)} rows ({kind})")
    boundaries = read_boundaries(engine)
    print(f"boundaries: {boundaries[1] if boundaries else 'default approximate map'}")


if __name__ == "__main__":
    main()
