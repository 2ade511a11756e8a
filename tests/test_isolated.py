"""loaders.isolated: a reading run in a child process comes back as its result or as the one
error type, and is stopped, with a message saying so, when it needs too much memory or time;
its temporary files never outlive it."""

import os
import tempfile
import time
from pathlib import Path

import pytest

from loaders.catalogue import translator
from loaders.errors import DataFileError
from loaders.isolated import run_isolated


def add(a: int, b: int, *, times: int = 1) -> int:
    return (a + b) * times


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "awake"


def refuse(file: str) -> None:
    raise DataFileError("error.report_empty", file=file)


def fail() -> None:
    raise KeyError("a bug")


def temporary_file_then_sleep(seconds: float, marker: str) -> None:
    """Write a temporary file, say where, then sleep (to be killed)."""
    handle, path = tempfile.mkstemp()
    os.close(handle)
    Path(marker).write_text(path)
    time.sleep(seconds)


def temporary_file_then_allocate(megabytes: int, marker: str) -> int:
    handle, path = tempfile.mkstemp()
    os.close(handle)
    Path(marker).write_text(path)
    return allocate(megabytes)


def die(code: int) -> None:
    os._exit(code)


def test_the_result_comes_back() -> None:
    assert run_isolated(add, 2, 3, times=4, seconds=60) == 20


def test_a_data_file_error_comes_back_with_its_key_and_values() -> None:
    with pytest.raises(DataFileError) as raised:
        run_isolated(refuse, "báo cáo.csv", seconds=60)
    assert raised.value.message.key == "error.report_empty"
    assert raised.value.message.params == {"file": "báo cáo.csv"}


def test_another_error_comes_back_as_itself() -> None:
    with pytest.raises(KeyError, match="a bug"):
        run_isolated(fail, seconds=60)


@pytest.mark.parametrize("language, words", [("en", "more than 200 MB of memory"),
                                             ("vi", "hơn 200 MB bộ nhớ"),
                                             ("fr", "plus de 200 Mo de mémoire")])  # fmt: skip
def test_too_much_memory_is_stopped_with_a_message(language: str, words: str) -> None:
    with pytest.raises(DataFileError) as raised:
        run_isolated(allocate, 2_000, memory_mb=200, seconds=60, subject="month.xlsx")
    assert raised.value.message.key == "limits.out_of_memory"
    text = translator(language).render(raised.value.message)
    assert words in text and "month.xlsx" in text


def test_within_its_memory_a_child_allocates_freely() -> None:
    assert run_isolated(allocate, 100, memory_mb=400, seconds=60) == 100 * 1024 * 1024


def test_too_much_time_is_stopped_with_a_message() -> None:
    with pytest.raises(DataFileError) as raised:
        run_isolated(sleep, 60, seconds=1, subject="month.csv")
    assert raised.value.message.key == "limits.out_of_time"
    assert str(raised.value).startswith("Reading month.csv took more than 1 seconds")


def test_a_child_that_dies_is_explained() -> None:
    with pytest.raises(DataFileError) as raised:
        run_isolated(die, 3, seconds=60)
    assert raised.value.message.key == "limits.stopped"
    assert "Reading the file stopped unexpectedly (code 3)" in str(raised.value)


@pytest.mark.parametrize(
    "fn, args, key",
    [(temporary_file_then_sleep, (60,), "limits.out_of_time"),
     (temporary_file_then_allocate, (2_000,), "limits.out_of_memory")],
    ids=["killed at the timeout", "out of memory"],
)  # fmt: skip
def test_the_childs_temporary_files_are_removed(fn, args, key, tmp_path: Path) -> None:
    marker = tmp_path / "where"
    with pytest.raises(DataFileError) as raised:
        run_isolated(fn, *args, str(marker), memory_mb=200, seconds=3)
    assert raised.value.message.key == key
    written = Path(marker.read_text())
    assert written.name and not written.exists() and not written.parent.exists()
