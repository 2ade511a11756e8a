"""ui/shell/heap.py: the long-lived heap is frozen once, after the first run."""

import gc

from ui.shell import heap


def test_the_heap_is_frozen_once_and_later_objects_stay_collectable(monkeypatch):
    monkeypatch.setattr(heap, "_frozen", False)
    try:
        heap.freeze_after_first_run()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        later = [[] for _ in range(1000)]
        for item in later:
            item.append(item)  # cycles: garbage only the collector can free
        heap.freeze_after_first_run()
        assert gc.get_freeze_count() == frozen  # the second call froze nothing more
        del later, item
        assert gc.collect() >= 1000
    finally:
        gc.unfreeze()
