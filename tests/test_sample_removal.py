"""Starting with real data: the synthetic sample removed, replaced by the first real report,
put back by undo; the app's calculations on the empty store that removal leaves.

Runs on a temporary SQLite file; also on PostgreSQL when TEST_POSTGRES_URL is set.
"""

import math
import threading
from datetime import date

import helpers_store
import pandas as pd
import pytest
from helpers_store import daily_reports, without_imports
from sqlalchemy import Engine

from cccd import progress, unit_projection
from loaders import reference, store
from loaders.errors import DataFileError

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine
SAMPLE_ROWS = 579 * 15
NEW_DAYS = daily_reports("2023-05-30", 2)  # after the sample's last day
SAMPLE_DAYS = daily_reports("2023-05-20", 3, extra=-1000)  # on the sample's days, other values


def commit(engine: Engine, rows: pd.DataFrame, **meta: object) -> store.ImportRecord:
    values = {"file_name": "bao_cao.xlsx", "sha256": "ab" * 32, "editor": "lan", **meta}
    return store.commit_import(engine, rows, **values)


def replace(engine: Engine, rows: pd.DataFrame, **meta: object) -> store.ImportRecord:
    values = {"file_name": "bao_cao.xlsx", "sha256": "ab" * 32, "editor": "lan", **meta}
    return store.replace_sample_with(engine, rows, **values)


def test_a_fresh_store_holds_only_the_sample(engine: Engine) -> None:
    assert store.holds_only_sample(engine) and store.is_synthetic(engine)
    commit(engine, NEW_DAYS)
    assert not store.holds_only_sample(engine) and store.is_synthetic(engine)


def test_removing_the_sample_empties_the_store_and_is_logged(engine: Engine) -> None:
    record = store.remove_sample(engine, "lan")
    assert store.read_reports(engine).empty
    assert not store.is_synthetic(engine) and not store.holds_only_sample(engine)
    assert (record.id, record.file_name, record.editor) == (2, "synthetic sample removed", "lan")
    assert (record.rows, record.changed, record.outcome) == (SAMPLE_ROWS, SAMPLE_ROWS, "committed")
    assert record.removed_import == 1
    log = store.list_imports(engine).set_index("id")
    assert (log.loc[1, "outcome"], log.loc[1, "undone_by"]) == ("undone", "lan")
    # The sample's values stay in the history, under an import marked undone.
    assert len(store.report_history(engine)) == SAMPLE_ROWS


def test_a_store_without_its_sample_is_not_seeded_again(store_url: str, engine: Engine) -> None:
    store.remove_sample(engine, "lan")
    before = store.dump_store(engine)
    again = store.connect(store_url)
    assert store.dump_store(again) == before and store.read_reports(again).empty
    again.dispose()


def test_removing_twice_is_refused_and_changes_nothing(engine: Engine) -> None:
    store.remove_sample(engine, "lan")
    before = store.dump_store(engine)
    with pytest.raises(DataFileError, match="no synthetic sample reports to remove"):
        store.remove_sample(engine, "minh")
    assert store.dump_store(engine) == before


@pytest.mark.parametrize(
    "day, code, source",
    [
        ("2023-05-15", "00001", None),  # sample only: removed
        ("2023-05-20", "00001", "real"),  # the sample's day that a real report overwrote: kept
        ("2023-05-21", "00004", "real"),
        ("2023-05-29", "00001", None),
        ("2023-05-30", "00001", "real"),  # a day after the sample's
    ],
)
def test_removal_keeps_what_real_reports_wrote(
    engine: Engine, day: str, code: str, source: str | None
) -> None:
    commit(engine, SAMPLE_DAYS, correction=True)
    commit(engine, NEW_DAYS)
    record = store.remove_sample(engine, "lan")
    assert record.rows == SAMPLE_ROWS - len(SAMPLE_DAYS)
    stored = store.read_reports(engine).set_index(["as_of", "commune_code"])
    real = pd.concat([SAMPLE_DAYS, NEW_DAYS]).set_index(["as_of", "commune_code"])
    pd.testing.assert_frame_equal(stored, real.sort_index())
    key = (pd.Timestamp(day), code)
    assert (key in stored.index) == (source == "real")


def test_reports_without_the_sample_are_what_a_removal_leaves(engine: Engine) -> None:
    assert store.read_reports(engine, without_sample=True).empty
    commit(engine, SAMPLE_DAYS, correction=True)
    commit(engine, NEW_DAYS)
    expected = store.read_reports(engine, without_sample=True)
    assert len(expected) == len(SAMPLE_DAYS) + len(NEW_DAYS)
    store.remove_sample(engine, "lan")
    pd.testing.assert_frame_equal(store.read_reports(engine), expected)


def test_undo_puts_the_sample_back_exactly(engine: Engine) -> None:
    commit(engine, SAMPLE_DAYS, correction=True)
    before = store.dump_store(engine)
    store.remove_sample(engine, "lan")
    undone = store.undo_last_import(engine, "minh")
    assert (undone.file_name, undone.outcome) == ("synthetic sample removed", "undone")
    after = store.dump_store(engine)
    assert without_imports(after) == without_imports(before)
    log = store.list_imports(engine).set_index("id")
    assert log.loc[1, "outcome"] == "committed" and pd.isna(log.loc[1, "undone_by"])
    assert store.is_synthetic(engine)


def test_undo_after_removal_never_brings_back_sample_values(engine: Engine) -> None:
    store.remove_sample(engine, "lan")
    commit(engine, SAMPLE_DAYS)  # on the sample's days, into the empty store
    store.undo_last_import(engine, "minh")
    assert store.read_reports(engine).empty  # not the sample's values for those days
    store.undo_last_import(engine, "minh")  # the removal itself
    assert len(store.read_reports(engine)) == SAMPLE_ROWS and store.holds_only_sample(engine)


def test_the_first_real_report_replaces_the_sample_in_one_import(engine: Engine) -> None:
    record = replace(engine, SAMPLE_DAYS, skipped=[{"row": 7, "column": "Mã xã", "value": "x",
                                                    "reason": "unknown commune"}])  # fmt: skip
    pd.testing.assert_frame_equal(store.read_reports(engine), SAMPLE_DAYS)
    assert (record.id, record.changed, record.skipped) == (3, len(SAMPLE_DAYS), 1)
    log = store.list_imports(engine)
    assert log["file_name"].tolist() == [
        "bao_cao.xlsx",
        "synthetic sample removed",
        "synthetic sample",
    ]
    assert not store.is_synthetic(engine)


def test_a_replacement_that_fails_half_way_leaves_the_sample(engine: Engine) -> None:
    before = store.dump_store(engine)

    def fail_at_half(fraction: float) -> None:
        if fraction >= 0.5:
            raise RuntimeError("lost the connection")

    with pytest.raises(RuntimeError):
        replace(engine, daily_reports("2023-05-20", 4), progress=fail_at_half)
    assert store.dump_store(engine) == before


def test_replacing_when_the_sample_is_gone_only_imports(engine: Engine) -> None:
    store.remove_sample(engine, "minh")
    record = replace(engine, NEW_DAYS)
    assert record.id == 3 and len(store.list_imports(engine)) == 3
    pd.testing.assert_frame_equal(store.read_reports(engine), NEW_DAYS)


def test_removal_and_undo_change_the_data_version(engine: Engine) -> None:
    versions = [store.data_version(engine)]
    store.remove_sample(engine, "lan")
    versions.append(store.data_version(engine))
    store.undo_last_import(engine, "lan")
    versions.append(store.data_version(engine))
    assert len(set(versions)) == 3


def _at_once(store_url: str, *jobs) -> list[object]:
    """Run each job(engine) in its own thread with its own engine, started together."""
    start = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(k: int) -> None:
        own = store.connect(store_url)
        try:
            start.wait()
            results[k] = jobs[k](own)
        except Exception as error:  # compared in the test's thread
            results[k] = error
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_removals_at_once_remove_once(store_url: str, engine: Engine) -> None:
    results = _at_once(store_url, *[lambda e: store.remove_sample(e, "lan")] * 2)
    kinds = sorted(type(result).__name__ for result in results)
    assert kinds == ["DataFileError", "ImportRecord"]
    assert store.read_reports(engine).empty and len(store.list_imports(engine)) == 2


def test_a_replacement_beside_another_import_keeps_both_reports(
    store_url: str, engine: Engine
) -> None:
    results = _at_once(store_url, lambda e: replace(e, SAMPLE_DAYS), lambda e: commit(e, NEW_DAYS))
    assert all(isinstance(result, store.ImportRecord) for result in results)
    expected = pd.concat([SAMPLE_DAYS, NEW_DAYS], ignore_index=True)
    pd.testing.assert_frame_equal(store.read_reports(engine), expected)


def test_cli_removes_the_sample_then_says_there_is_none(
    store_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("DATABASE_URL", store_url)
    store.main(["--remove-sample", "--editor", "lan"])
    assert f"{SAMPLE_ROWS} synthetic sample rows removed by lan" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="no synthetic sample reports to remove"):
        store.main(["--remove-sample", "--editor", "lan"])
    store.main([])
    assert "0 rows (user reports)" in capsys.readouterr().out


def test_an_empty_store_reads_as_an_empty_frame_with_the_usual_types(engine: Engine) -> None:
    store.remove_sample(engine, "lan")
    frame = store.read_reports(engine)
    assert frame.empty and list(frame.columns) == store.COLUMNS
    assert str(frame["as_of"].dtype).startswith("datetime64")
    assert all(frame[name].dtype == "int64" for name in store.COUNTS)


def test_the_calculations_accept_an_empty_store(engine: Engine) -> None:
    """What the pages compute from the store, on the empty store a removal leaves.

    (cccd.backtest.backtest refuses an empty store with ValueError: its callers must not ask.)
    """
    store.remove_sample(engine, "lan")
    reports, units = store.read_reports(engine), reference.units()
    day, deadline = date(2023, 5, 29), reference.campaign().deadline
    assert progress.report_dates(reports) == []
    communes = progress.commune_progress(reports, units, day)
    assert len(communes) == len(units) and communes["target"].isna().all()
    summary = progress.city_summary(communes, day)
    assert (summary.communes_with_data, summary.communes_at_target) == (0, 0)
    assert math.isnan(summary.completion)
    districts = unit_projection.project_units(reports, units, day, deadline)
    assert len(districts) == units["district_code"].nunique()
    assert set(districts["status"]) == {"insufficient_data"}
