"""Who may change the store: editors with argon2 password hashes, and slowed-down guessing.

After FREE_FAILURES failed sign-ins under a name, each further attempt must wait
2 ** (failures - FREE_FAILURES) seconds (at most MAX_WAIT_SECONDS) after the last failure;
attempts during the wait are refused without checking the password. Names that are not editors
get the same answers, the same argon2 work and the same schedule (their failures are counted per
attempted name in unknown_sign_ins), so sign-in does not reveal who the editors are.
There is no default editor. `python -m loaders.editors --help` manages them.
"""

import argparse
import getpass
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, Table, delete, insert, select, update

from cccd.messages import Message, message
from loaders import store
from loaders._store_engine import write_transaction
from loaders._store_schema import editors_table, unknown_sign_ins_table
from loaders.catalogue import english
from loaders.errors import DataFileError

MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = 100
FREE_FAILURES = 3
MAX_WAIT_SECONDS = 15 * 60
WRONG = "Wrong name or password."  # the English text of signin.wrong
_hasher = PasswordHasher()


@dataclass(frozen=True)
class SignIn:
    """The answer to a sign-in: ok, or how long to wait before the next attempt and why.

    `reason` is what to tell the user, for the page to render in the reader's language;
    `message` is the same text in English (command lines, logs).
    """

    ok: bool
    wait_seconds: float
    message: str
    reason: Message | None = field(default=None, compare=False)


def _answer(ok: bool, wait_seconds: float, reason: Message) -> SignIn:
    return SignIn(ok, wait_seconds, english(reason), reason)


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (refused when shorter than MIN_PASSWORD_LENGTH)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DataFileError(
            "error.password_short", length=len(password), minimum=MIN_PASSWORD_LENGTH
        )
    return _hasher.hash(password)


@cache
def _decoy_hash() -> str:
    """A hash to check unknown names against, so they cost the same time as real ones."""
    return _hasher.hash("not an editor's password")


def _matches(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches the hash; a missing hash still costs one verification."""
    try:
        return _hasher.verify(password_hash or _decoy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def _clean_name(name: str) -> str:
    """The name without surrounding spaces; refused when empty or too long."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise DataFileError("error.editor_name_length", maximum=MAX_NAME_LENGTH)
    return name


def add_editor(engine: Engine, name: str, password: str) -> None:
    """Add an editor who may change the store (DataFileError: short password, existing name)."""
    name = _clean_name(name)
    row = {"name": name, "password_hash": hash_password(password), "created_at": store._utc_now()}
    with write_transaction(engine, lock=False) as conn:
        known = select(editors_table.c.name).where(editors_table.c.name == name)
        if conn.execute(known).first():
            raise DataFileError("error.editor_exists", name=repr(name))
        conn.execute(insert(editors_table).values(failed_attempts=0, **row))


def remove_editor(engine: Engine, name: str) -> None:
    """Remove an editor (DataFileError if there is none by that name)."""
    with write_transaction(engine, lock=False) as conn:
        removed = conn.execute(delete(editors_table).where(editors_table.c.name == name))
    if not removed.rowcount:
        raise DataFileError("error.editor_unknown", name=repr(name))


def list_editors(engine: Engine) -> pd.DataFrame:
    """Editors by name with when they were added and their failed sign-ins (no hashes)."""
    columns = ["name", "created_at", "failed_attempts", "last_failed_at"]
    query = select(*(editors_table.c[c] for c in columns)).order_by(editors_table.c.name)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=columns)


def wait_after(failures: int) -> float:
    """Seconds to wait after the last failure, given the failures so far under a name."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS))


def _utc(now: datetime | None) -> datetime:
    """`now` (default: the clock) as naive UTC, how the store keeps times."""
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now


def _counter(conn: Connection, table: Table, name: str) -> tuple[int, datetime | None]:
    """Failed attempts and the last failure's time under `name` in `table`."""
    query = select(table.c.failed_attempts, table.c.last_failed_at).where(table.c.name == name)
    row = conn.execute(query).first()
    return (0, None) if row is None else (row.failed_attempts, row.last_failed_at)


def _count_failure(conn: Connection, table: Table, name: str, failures: int, now: datetime) -> None:
    """Store failures + 1 at `now` for `name` (inserting the unknown name's row if needed)."""
    values = {"failed_attempts": failures + 1, "last_failed_at": now}
    changed = conn.execute(update(table).where(table.c.name == name).values(**values))
    if not changed.rowcount:
        conn.execute(insert(table).values(name=name, **values))


def _wait_message(seconds: float) -> Message:
    """How long to wait, in words: seconds under two minutes, else minutes (rounded)."""
    if seconds < 120:
        return message("signin.wait_seconds", seconds=round(seconds))
    return message("signin.wait_minutes", minutes=round(seconds / 60))


def verify_editor(engine: Engine, name: str, password: str, now: datetime | None = None) -> SignIn:
    """Check an editor's password against the store, slowing down repeated failures."""
    now, name = _utc(now), name.strip()[:MAX_NAME_LENGTH]
    with write_transaction(engine, lock=False) as conn:
        query = select(editors_table.c.password_hash).where(editors_table.c.name == name)
        stored = conn.execute(query).scalar()
        table = editors_table if stored else unknown_sign_ins_table
        failures, last = _counter(conn, table, name)
        if last is not None and failures >= FREE_FAILURES:
            remaining = wait_after(failures) - (now - last).total_seconds()
            if remaining > 0:
                return _answer(False, remaining, _wait_message(remaining))
        if _matches(stored, password):
            conn.execute(update(table).where(table.c.name == name).values(failed_attempts=0))
            return _answer(True, 0.0, message("signin.ok", name=name))
        _count_failure(conn, table, name, failures, now)
    wait = wait_after(failures + 1)
    if wait:
        return _answer(False, wait, message("signin.wrong_wait", wait=_wait_message(wait)))
    return _answer(False, wait, message("signin.wrong"))


def verify_from_hashes(hashes: Mapping[str, str], name: str, password: str) -> bool:
    """Check a password against name → argon2 hash pairs, e.g. st.secrets["editors"]."""
    return _matches(hashes.get(name.strip()), password)


def _read_password(from_stdin: bool) -> str:
    """The new password: one line of stdin, or typed twice at a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != password:
        raise DataFileError("error.passwords_differ")
    return password


def _parser() -> argparse.ArgumentParser:
    """The command line: add, remove, list, hash."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", default=argparse.SUPPRESS, help="default: DATABASE_URL")
    parser = argparse.ArgumentParser(
        prog="python -m loaders.editors", description=__doc__.split("\n")[0], parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for command, text in [("add", "add an editor"), ("hash", "print a hash for secrets.toml")]:
        sub = commands.add_parser(command, help=text, parents=[common])
        if command == "add":
            sub.add_argument("name")
        sub.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    commands.add_parser("remove", help="remove an editor", parents=[common]).add_argument("name")
    commands.add_parser("list", help="list the editors", parents=[common])
    return parser


def _run(args: argparse.Namespace) -> str:
    """Carry out one command; what to print."""
    if args.command == "hash":
        return hash_password(_read_password(args.password_stdin))
    engine = store.connect(getattr(args, "database_url", None))
    try:
        if args.command == "add":
            add_editor(engine, args.name, _read_password(args.password_stdin))
            return f"Editor {args.name.strip()!r} added."
        if args.command == "remove":
            remove_editor(engine, args.name)
            return f"Editor {args.name!r} removed."
        editors = list_editors(engine)
        return editors.to_string(index=False) if len(editors) else "No editors yet."
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    """Manage editors from the command line; exits 1 with the reason when refused."""
    parser = _parser()
    try:
        print(_run(parser.parse_args(argv)))
    except DataFileError as error:
        parser.exit(1, f"error: {error}\n")


if __name__ == "__main__":
    main()
