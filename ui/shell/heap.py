"""Keep the garbage collector off the server's long-lived objects.

Streamlit runs a full collection after every script run (runner.postScriptGC). Once the app has
loaded geopandas, the reference data and its caches, that walks ~200,000 objects that never
become garbage: 50-100 ms with the interpreter lock held, during which the same process cannot
send the map to the browser or serve it the page's JavaScript. Freezing the heap once, after the
first run, moves those objects out of every later collection (reference counting still frees
them). Only what is alive then is frozen: the collection just before clears the garbage.
"""

import gc

_frozen = False


def freeze_after_first_run() -> None:
    """Collect, then freeze what survives; once per process (later calls do nothing)."""
    global _frozen
    if _frozen:
        return
    gc.collect()
    gc.freeze()
    _frozen = True
