"""Run the reading of a file in a child process, with its memory and time bounded.

loaders.limits refuses the files we know to be too large before they are parsed; this is the
net under it, for what a limit misses (a reader's own blow-up, a file shaped in a way nobody
foresaw). The page's server keeps answering other sessions while the child works, and when the
child runs out of memory or time it is stopped, not the server: the editor gets a DataFileError
saying what happened and how to fix it.

The child is forked from a small server process ("forkserver": never a fork of the threaded
Streamlit server itself) that has the readers imported once, so a child starts in milliseconds.
Its address space is capped (RLIMIT_AS) at what it had on starting plus `memory_mb`: past that
an allocation fails (MemoryError, or an abort in native code) instead of swapping the machine.
Its temporary files go to a folder of its own, removed by the parent however the child ends.
"""

import copyreg
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import types
from collections.abc import Callable
from multiprocessing import spawn
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from cccd.messages import Message, message
from loaders.errors import DataFileError

DEFAULT_MEMORY_MB = 2_000  # a nationwide month's preview runs within 1,000 (XLSX), 500 (CSV)
DEFAULT_SECONDS = 120.0
PRELOAD = ["loaders.isolated", "loaders.reports", "loaders.uploads"]  # once, in the fork server
_NAME = "cccd-isolated"
ISOLATED_PREFIX = "cccd-isolated-"  # the children's temporary folders
_STOP_WAIT = 5.0  # seconds a stopped child has to exit before the parent stops waiting
_PAGE = os.sysconf("SC_PAGE_SIZE")
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)

T = TypeVar("T")


def _read_only(values: dict) -> types.MappingProxyType:
    return types.MappingProxyType(values)


def _mapping_proxy(proxy: types.MappingProxyType) -> tuple:
    return _read_only, (dict(proxy),)


# A Message's values are a read-only mapping, which pickle cannot copy by itself; results and
# errors carry Messages across the pipe.
copyreg.pickle(types.MappingProxyType, _mapping_proxy)
_preparation_data = spawn.get_preparation_data


def _without_main(name: str) -> dict:
    """multiprocessing's start data for a child, without the parent's main script for ours: a
    child runs it again before anything else (Streamlit's, importing all of Streamlit: ~2 s a
    child), and our functions live in modules."""
    data = _preparation_data(name)
    if name.startswith(_NAME):
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


spawn.get_preparation_data = _without_main


def run_isolated(
    fn: Callable[..., T],
    *args: Any,
    memory_mb: int = DEFAULT_MEMORY_MB,
    seconds: float = DEFAULT_SECONDS,
    subject: str | Message | None = None,
    **kwargs: Any,
) -> T:
    """fn(*args, **kwargs) run in a child process with at most `memory_mb` more memory than it
    starts with and `seconds` of time; its result, or the DataFileError (or other error) it
    raised. DataFileError when it runs out of memory or time or dies; `subject` names what was
    read in that message (the file's name), "the file" by default. `fn`, the arguments and the
    result must pickle (a module-level function, plain data)."""
    what = subject if subject is not None else message("limits.the_file")
    folder = tempfile.mkdtemp(prefix=ISOLATED_PREFIX)
    receive, send = _context.Pipe(duplex=False)
    child = _context.Process(
        target=_child, args=(send, folder, memory_mb, fn, args, kwargs), daemon=True, name=_NAME
    )
    try:
        child.start()
        send.close()  # the child holds the only writing end: its death ends the pipe
        if not receive.poll(seconds):
            raise DataFileError("limits.out_of_time", subject=what, seconds=round(seconds))
        outcome, value = _answer(receive, child)
    finally:
        _stop(child)
        receive.close()
        shutil.rmtree(folder, ignore_errors=True)
    if outcome == "memory":
        raise DataFileError("limits.out_of_memory", subject=what, limit=memory_mb)
    if outcome == "died":
        raise _death(value, what, memory_mb)
    if outcome == "raised":
        raise value
    return value


def _answer(receive: Connection, child: multiprocessing.Process) -> tuple[str, Any]:
    """What the child sent, or ("died", its exit code) when it ended without a word."""
    try:
        return receive.recv()
    except (EOFError, OSError):
        child.join(_STOP_WAIT)
        return "died", child.exitcode


def _death(code: int | None, what: str | Message, memory_mb: int) -> DataFileError:
    """The error for a child that ended without answering: killed for its memory (the kernel's
    SIGKILL, or native code aborting when an allocation failed), or something else."""
    if code in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV):
        return DataFileError("limits.out_of_memory", subject=what, limit=memory_mb)
    return DataFileError("limits.stopped", subject=what, code=str(code))


def _stop(child: multiprocessing.Process) -> None:
    """Kill the child if it still runs, and reap it."""
    if child.is_alive():
        child.kill()
    child.join(_STOP_WAIT)
    if child.exitcode is not None:
        child.close()


def _child(
    send: Connection, folder: str, memory_mb: int, fn: Callable, args: tuple, kwargs: dict
) -> None:
    """In the child: bound its memory, keep its temporary files in `folder`, run fn, send
    ("value", result), ("raised", error), or ("memory", None)."""
    os.environ["TMPDIR"] = tempfile.tempdir = folder
    _limit_memory(memory_mb)
    try:
        answer: tuple[str, Any] = ("value", fn(*args, **kwargs))
    except MemoryError:
        answer = ("memory", None)
    except Exception as error:  # noqa: BLE001 - any error goes back to the caller, as raised
        answer = ("raised", error)
    try:
        send.send(answer)
    except MemoryError:
        send.send(("memory", None))
    except Exception as error:  # noqa: BLE001 - an answer that does not pickle
        send.send(("raised", RuntimeError(f"{fn.__name__}: cannot send its answer: {error!r}")))
    finally:
        send.close()


def _limit_memory(memory_mb: int) -> None:
    """Cap the address space at its current size plus memory_mb."""
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[0]) * _PAGE
    limit = current + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
