"""Editors: hashed passwords, sign-in, the slow-down after failures, secrets, the command line."""

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import helpers_store
import pytest
from sqlalchemy import Engine

from loaders import editors, store
from loaders.errors import DataFileError

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine
PASSWORD = "bốn con mèo xanh"
T0 = datetime(2023, 6, 1, 8, 0, 0)


def test_passwords_are_stored_only_as_argon2_hashes(engine: Engine) -> None:
    editors.add_editor(engine, "lan", PASSWORD)
    dump = repr(store.dump_store(engine))
    assert PASSWORD not in dump and "$argon2id$" in dump
    assert editors.list_editors(engine)["name"].tolist() == ["lan"]
    assert "password_hash" not in editors.list_editors(engine).columns


@pytest.mark.parametrize(
    "name, password, message",
    [
        ("minh", "short", "too short"),
        ("lan", PASSWORD, "already an editor named 'lan'"),
        ("  ", PASSWORD, "1 to 100 characters"),
    ],
)
def test_bad_editors_are_refused(engine: Engine, name: str, password: str, message: str) -> None:
    editors.add_editor(engine, "lan", PASSWORD)
    with pytest.raises(DataFileError, match=message):
        editors.add_editor(engine, name, password)


def test_there_is_no_default_editor(engine: Engine) -> None:
    assert editors.list_editors(engine).empty
    assert not editors.verify_editor(engine, "admin", "admin").ok


def test_sign_in_ok_and_wrong(engine: Engine) -> None:
    editors.add_editor(engine, "lan", PASSWORD)
    assert editors.verify_editor(engine, "lan", PASSWORD, now=T0) == editors.SignIn(
        True, 0.0, "Signed in as lan."
    )
    assert editors.verify_editor(engine, "lan", "sai mật khẩu", now=T0) == editors.SignIn(
        False, 0.0, editors.WRONG
    )
    editors.remove_editor(engine, "lan")
    assert not editors.verify_editor(engine, "lan", PASSWORD, now=T0).ok
    with pytest.raises(DataFileError, match="no editor named 'lan'"):
        editors.remove_editor(engine, "lan")


@pytest.mark.parametrize("name", ["lan", "nobody"])
def test_failures_are_slowed_down_the_same_way_for_known_and_unknown_names(
    engine: Engine, name: str
) -> None:
    editors.add_editor(engine, "lan", PASSWORD)
    waits = [editors.verify_editor(engine, name, "wrong", now=T0).wait_seconds for _ in range(3)]
    assert waits == [0.0, 0.0, 1.0]  # the third failure starts the wait
    refused = editors.verify_editor(engine, name, PASSWORD, now=T0 + timedelta(seconds=0.5))
    assert (refused.ok, refused.wait_seconds) == (False, 0.5)
    assert "wait 0 seconds" in refused.message or "wait 1 seconds" in refused.message
    now = T0 + timedelta(seconds=1)
    assert editors.verify_editor(engine, name, "wrong", now=now).wait_seconds == 2.0
    later = editors.verify_editor(engine, name, PASSWORD, now=now + timedelta(seconds=2))
    assert later.ok is (name == "lan")


def test_the_schedule_doubles_up_to_fifteen_minutes() -> None:
    assert [editors.wait_after(n) for n in range(7)] == [0, 0, 0, 1, 2, 4, 8]
    assert editors.wait_after(40) == 15 * 60


def test_success_resets_the_counter(engine: Engine) -> None:
    editors.add_editor(engine, "lan", PASSWORD)
    for _ in range(3):
        editors.verify_editor(engine, "lan", "wrong", now=T0)
    assert editors.verify_editor(engine, "lan", PASSWORD, now=T0 + timedelta(seconds=1)).ok
    assert editors.list_editors(engine)["failed_attempts"].tolist() == [0]
    assert editors.verify_editor(engine, "lan", "wrong", now=T0).wait_seconds == 0.0


def test_hashes_from_streamlit_secrets() -> None:
    hashes = {"lan": editors.hash_password(PASSWORD), "broken": "not a hash"}
    assert editors.verify_from_hashes(hashes, "lan", PASSWORD)
    assert not editors.verify_from_hashes(hashes, "lan", "wrong password")
    assert not editors.verify_from_hashes(hashes, "broken", PASSWORD)
    assert not editors.verify_from_hashes(hashes, "nobody", PASSWORD)


def cli(*args: str, password: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "loaders.editors", *args]
    return subprocess.run(command, input=password + "\n", capture_output=True, text=True)


def test_the_command_line_adds_lists_removes_and_hashes(tmp_path: Path) -> None:
    store_url = f"sqlite:///{tmp_path / 'cccd.sqlite'}"  # the same code on PostgreSQL: above
    added = cli("add", "lan", "--password-stdin", "--database-url", store_url, password=PASSWORD)
    assert added.returncode == 0, added.stderr
    assert "lan" in cli("--database-url", store_url, "list").stdout
    short = cli("--database-url", store_url, "add", "minh", "--password-stdin", password="ngắn")
    assert short.returncode == 1 and "too short" in short.stderr
    engine = store.connect(store_url)
    assert editors.verify_editor(engine, "lan", PASSWORD).ok
    assert cli("--database-url", store_url, "remove", "lan").returncode == 0
    assert editors.list_editors(engine).empty
    engine.dispose()
    printed = cli("hash", "--password-stdin", password=PASSWORD).stdout.strip()
    assert editors.verify_from_hashes({"lan": printed}, "lan", PASSWORD)
