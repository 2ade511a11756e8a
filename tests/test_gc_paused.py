"""The cyclic collector is paused while a report is read, checked and written (loaders._gc),
and comes back afterwards however the block ends."""

import contextlib
import gc

import pytest

from loaders import reports
from loaders._gc import collector_paused


@pytest.mark.parametrize("fails", [False, True])
def test_the_collector_is_back_after_the_block(fails: bool) -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError) if fails else contextlib.nullcontext():
        with collector_paused():
            assert not gc.isenabled()
            if fails:
                raise RuntimeError("the read failed")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_preview_runs_with_the_collector_paused(monkeypatch, tmp_path) -> None:
    seen = []

    def read_report(*args, **kwargs):
        seen.append(gc.isenabled())
        raise reports.DataFileError("error.reports_empty")

    monkeypatch.setattr(reports, "read_report", read_report)
    with pytest.raises(reports.DataFileError):
        reports.preview_report(tmp_path / "x.csv", engine=None)
    assert seen == [False] and gc.isenabled()
