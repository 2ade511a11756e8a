"""Opening the store: URLs, engines per backend, and the one way to write (a locked transaction)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import StaticPool

from cccd.messages import message
from loaders.errors import DataFileError

DEFAULT_DATABASE_PATH = Path(__file__).resolve().parent.parent / "var" / "cccd.sqlite"
# "use sqlite:///path/to/file.sqlite or postgresql+psycopg://user:pass@host/db"
SUPPORTED_URLS = message("error.supported_urls")
BUSY_TIMEOUT_MS = 10_000
WRITE_LOCK_KEY = 20230630  # any fixed number: the advisory lock every store writer takes
_BEGIN_OPTION = "cccd_sqlite_begin"


def parse_url(text: str) -> URL:
    """A supported SQLAlchemy URL; plain postgresql:// is read as postgresql+psycopg://."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise DataFileError("error.url_invalid", url=repr(text), supported=SUPPORTED_URLS) from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DataFileError(
            "error.url_unsupported",
            url=repr(url.render_as_string(hide_password=True)),
            driver=repr(url.drivername),
            supported=SUPPORTED_URLS,
        )
    return url


def _check_sqlite_folder(database: str, default_path: Path) -> None:
    """Create var/ for the default store; refuse a path whose folder does not exist."""
    path = Path(database)
    if path.resolve() == default_path:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise DataFileError("error.sqlite_folder_missing", folder=str(path.parent))


def sqlite_engine(url: URL, default_path: Path = DEFAULT_DATABASE_PATH) -> Engine:
    """A SQLite engine: WAL, foreign keys, busy timeout, and transactions we begin ourselves."""
    database = url.database or ":memory:"
    in_memory = database == ":memory:" or "mode=memory" in database
    if not in_memory and not database.startswith("file:"):
        _check_sqlite_folder(database, default_path)
    engine = create_engine(url, poolclass=StaticPool) if in_memory else create_engine(url)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite would begin only before DML and never IMMEDIATE: we emit BEGIN ourselves so
        # DDL is transactional and writers queue for the file lock instead of failing mid-way.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get(_BEGIN_OPTION, '')}")

    return engine


def engine_for(url: URL, default_path: Path = DEFAULT_DATABASE_PATH) -> Engine:
    """An engine for a parsed, supported URL."""
    if url.get_backend_name() == "sqlite":
        return sqlite_engine(url, default_path)
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def open_failure(url: URL, error: DBAPIError) -> DataFileError:
    """The error to raise when the store cannot be opened: what went wrong, what to check."""
    key = "error.open_sqlite" if url.get_backend_name() == "sqlite" else "error.open_server"
    return DataFileError(
        key,
        url=url.render_as_string(hide_password=True),
        reason=" ".join(str(error.orig).split()),
        supported=SUPPORTED_URLS,
    )


@contextmanager
def write_transaction(engine: Engine, lock: bool = True) -> Iterator[Connection]:
    """One transaction that may write: SQLite BEGIN IMMEDIATE; PostgreSQL the writers' lock.

    Writers queue (SQLite busy timeout, PostgreSQL advisory lock) rather than fail half-way;
    `lock=False` skips the PostgreSQL lock for small row updates (sign-in counters).
    """
    with engine.connect() as conn:
        conn.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        with conn.begin():
            if lock and conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
            yield conn
