"""Python's cyclic garbage collector paused while a report is read, checked or written.

Reading a nationwide month makes millions of small objects (cells, rows, parameters) and none
of them is part of a reference cycle, so the collector's passes over them free nothing: they
took ~0.1 s of a CSV month's import and ~1.1 s of an XLSX one (bench/README.md). Reference
counting still frees everything as usual; the collector runs again afterwards. The files are
bounded by loaders.limits before they are read, so pausing it cannot let memory run away.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (if it was running), restore it after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
