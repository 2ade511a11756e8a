"""The import's fast paths give exactly what the slow ones gave: the checks against only the stored
rows they need, the changes built from arrays, new rows inserted without an upsert."""

from datetime import date

import helpers_store
import numpy as np
import pandas as pd
import pytest
from helpers_reports import problem_text
from helpers_store import daily_reports
from sqlalchemy import Engine, insert

from cccd.report_checks import ReportPreview, check_report
from cccd.report_history import COUNTS, KINDS, report_dates, store_changes
from loaders import reference, store
from loaders._store_rows import driver_insert, normalise_reports
from loaders._store_schema import reports_table

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine
TODAY = date(2023, 7, 1)
JUNE = daily_reports("2023-06-01", 3)  # committed before some files: history after May


def _raw(frame: pd.DataFrame) -> pd.DataFrame:
    """A report as the reader gives it: text cells, indexed by file row number."""
    text = frame.assign(as_of=pd.to_datetime(frame["as_of"]).dt.strftime("%d/%m/%Y"))
    text = text[["as_of", "commune_code", *COUNTS]].astype("str")
    return text.set_axis(range(2, 2 + len(text)))


def _day(stored: pd.DataFrame, day: str, shift: int = 0) -> pd.DataFrame:
    """Every commune's stored figures on `day`, delivered and activated moved by `shift`."""
    rows = stored[stored["as_of"] == pd.Timestamp(day)].reset_index(drop=True)
    return rows.assign(delivered=rows["delivered"] + shift, activated=rows["activated"] + shift)


def _later(stored: pd.DataFrame) -> pd.DataFrame:
    """30/05: a day after the sample, a few communes falling below the 29th."""
    rows = _day(stored, "2023-05-29", 5).assign(as_of="2023-05-30")
    rows.loc[:3, "delivered"] -= 50
    return rows


def _middle(stored: pd.DataFrame) -> pd.DataFrame:
    """20/05 between stored days: some below the 19th, some above the 21st, some changed."""
    rows = _day(stored, "2023-05-20")
    after, before = _day(stored, "2023-05-21"), _day(stored, "2023-05-19")
    rows.loc[:4, "delivered"] = before.loc[:4, "delivered"] - 1
    rows.loc[5:9, "activated"] = after.loc[5:9, "activated"] + 1
    rows.loc[10:30, "target"] += 7
    return rows


def _several(stored: pd.DataFrame) -> pd.DataFrame:
    """24–26/05, a bad date, an unknown commune, a duplicate row and a missing commune."""
    days = [_day(stored, day, shift) for day, shift in (("2023-05-24", 0), ("2023-05-25", 2),
                                                        ("2023-05-26", -3))]  # fmt: skip
    rows = pd.concat(days, ignore_index=True).iloc[1:]
    extra = rows.iloc[:3].assign(as_of=["2023-13-45", "2023-05-25", "2023-05-25"])
    extra.iloc[1, extra.columns.get_loc("commune_code")] = "99999"
    text = _raw(pd.concat([rows, extra.iloc[1:]], ignore_index=True))
    text.iloc[-3, 0] = "45/13/2023"
    return text


def _june(stored: pd.DataFrame) -> pd.DataFrame:
    """02/06 within the committed June days, a few communes above the 3rd."""
    rows = _day(stored, "2023-06-02", 1)
    rows.loc[:5, "delivered"] += 100
    return rows


def _first(stored: pd.DataFrame) -> pd.DataFrame:
    """15/05, the first stored day: nothing stored before it."""
    return _day(stored, "2023-05-15", -1)


FILES = {"later": _later, "middle": _middle, "several": _several, "june": _june, "first": _first}


def _same_preview(whole: ReportPreview, part: ReportPreview) -> None:
    pd.testing.assert_frame_equal(whole.rows, part.rows)
    assert [problem_text(p) for p in whole.problems] == [problem_text(p) for p in part.problems]
    pd.testing.assert_frame_equal(whole.missing_communes, part.missing_communes)
    pd.testing.assert_frame_equal(whole.changes, part.changes)
    assert (whole.change_counts, whole.rows_changed) == (part.change_counts, part.rows_changed)
    assert whole.dates == part.dates


@pytest.mark.parametrize("correction", [False, True], ids=["check", "correction"])
@pytest.mark.parametrize("name", FILES)
def test_checks_against_the_rows_they_need_match_the_whole_store(
    engine: Engine, name: str, correction: bool
) -> None:
    store.commit_import(engine, JUNE, file_name="june.xlsx", sha256="0" * 64, editor="lan")
    stored = store.read_reports(engine)
    made = FILES[name](stored)
    raw = made if made["as_of"].dtype == "str" and "/" in made["as_of"].iloc[0] else _raw(made)
    units, start = reference.units(), reference.campaign().start
    whole, part = (
        check_report(raw, units, stored_rows, TODAY, start, correction=correction)
        for stored_rows in (stored, store.reports_for_check(engine, report_dates(raw)))
    )
    assert whole.problems or whole.changes.size  # each file has something to say
    _same_preview(whole, part)


@pytest.mark.parametrize("without_sample", [False, True])
@pytest.mark.parametrize("first", ["2023-05-15", "2023-05-20", "2023-05-30", "2023-06-02"])
def test_the_rows_read_for_a_check_are_those_after_and_each_communes_last_before(
    engine: Engine, first: str, without_sample: bool
) -> None:
    partial = JUNE[JUNE["commune_code"] < "00100"]  # some communes' last day is later
    store.commit_import(engine, partial, file_name="june.xlsx", sha256="0" * 64, editor="lan")
    whole = store.read_reports(engine, without_sample=without_sample)
    day = pd.Timestamp(first)
    before = whole[whole["as_of"] < day].groupby("commune_code").tail(1)
    expected = pd.concat([before, whole[whole["as_of"] >= day]])
    expected = expected.sort_values(["as_of", "commune_code"], ignore_index=True)
    dates = [day.date(), date(2023, 6, 30)]
    got = store.reports_for_check(engine, dates, without_sample=without_sample)
    pd.testing.assert_frame_equal(got, expected)


def test_no_dates_read_nothing_in_the_same_shape(engine: Engine) -> None:
    empty = store.reports_for_check(engine, [])
    assert empty.empty
    pd.testing.assert_series_equal(empty.dtypes, store.read_reports(engine).dtypes)


@pytest.mark.parametrize(
    "cells, dates",
    [
        (["29/05/2023", "30/05/2023", "29/05/2023"], [date(2023, 5, 29), date(2023, 5, 30)]),
        (["2023-05-30", "", "không rõ", "28/05/2023"], [date(2023, 5, 28), date(2023, 5, 30)]),
        ([], []),
    ],
)
def test_report_dates_are_the_readable_dates_of_the_file(cells: list, dates: list) -> None:
    raw = pd.DataFrame({"as_of": pd.Series(cells, dtype="str")})
    assert report_dates(raw) == dates
    assert report_dates(raw.drop(columns="as_of")) == []


def _changes_by_merge(rows, stored, units, corrected) -> pd.DataFrame:
    """The changes as a merge of the file's rows with the store defines them (the slow way)."""
    keys = ["as_of", "commune_code"]
    merged = rows.reset_index(names="row").merge(
        stored[[*keys, *COUNTS]], on=keys, how="left", suffixes=("", "_old")
    )
    merged = merged.sort_values(keys, kind="stable", ignore_index=True)
    names = dict(zip(units["commune_code"], units["commune_name"], strict=True))
    merged["commune_name"] = merged["commune_code"].map(names).astype("str")
    lines = []
    for item in merged.itertuples(index=False):
        for column in COUNTS:
            old, new = getattr(item, f"{column}_old"), getattr(item, column)
            if pd.isna(old) or old != new:
                kind = "correction" if (item.row, column) in corrected else KINDS[pd.notna(old)]
                old = pd.NA if pd.isna(old) else int(old)
                lines.append([item.as_of, item.commune_code, item.commune_name, column, old, new,
                              kind])  # fmt: skip
    frame = pd.DataFrame(lines, columns=["as_of", "commune_code", "commune_name", "column",
                                         "old", "new", "kind"])  # fmt: skip
    types = {"commune_code": "str", "commune_name": "str", "column": "str", "kind": "str"}
    return frame.astype({**types, "old": "Int64", "new": "Int64", "as_of": "datetime64[s]"})


def _random_reports(rng: np.random.Generator, codes: list[str], size: int) -> pd.DataFrame:
    days = pd.date_range("2023-05-20", periods=6).astype("datetime64[s]")
    keys = pd.MultiIndex.from_product([days, codes]).to_frame(index=False)
    keys = keys.sample(n=min(size, len(keys)), random_state=int(rng.integers(1000)))
    values = {column: rng.integers(0, 3, len(keys)) for column in COUNTS}
    frame = pd.DataFrame({"as_of": keys[0].to_numpy(), "commune_code": keys[1], **values})
    frame = frame.astype({"commune_code": "str"})
    return frame.set_axis(pd.Index(rng.permutation(len(frame)) * 2 + 2, name="row"))


def test_store_changes_are_the_merge_of_the_rows_with_the_store() -> None:
    rng = np.random.default_rng(14)
    units = reference.units().iloc[:30]
    codes = [*units["commune_code"], "99999"]  # one code outside the units: no name
    for _ in range(40):
        rows = _random_reports(rng, codes, int(rng.integers(0, 50)))
        stored = _random_reports(rng, codes, int(rng.integers(0, 150))).reset_index(drop=True)
        picked = [int(row) for row in rng.choice(rows.index, min(len(rows), 4))]
        corrected = {(row, "delivered") for row in picked} | {
            (row, "activated") for row in picked[:1]
        }
        expected = _changes_by_merge(rows, stored, units, corrected)
        got = store_changes(rows, stored, units, corrected)
        pd.testing.assert_frame_equal(got.lines, expected)
        assert got.counts == {kind: int((expected["kind"] == kind).sum()) for kind in got.counts}
        assert got.rows == len(expected[["as_of", "commune_code"]].drop_duplicates())
        listed = store_changes(rows, stored, units, corrected, listed=7)
        pd.testing.assert_frame_equal(listed.lines, expected.head(7))
        assert (listed.counts, listed.rows) == (got.counts, got.rows)


def _commit(engine: Engine, rows: pd.DataFrame, **options) -> store.ImportRecord:
    return store.commit_import(engine, rows, file_name="f.xlsx", sha256="0" * 64, editor="lan",
                               **options)  # fmt: skip


def test_new_changed_and_unchanged_rows_in_one_import(engine: Engine) -> None:
    _commit(engine, daily_reports("2023-06-01", 1))
    seen: list[float] = []
    again = daily_reports("2023-06-01", 2)  # 579 stored, 579 new
    again.loc[:399, "delivered"] += 1  # 400 replace a stored row, 179 are as stored
    before = store.dump_store(engine)
    record = _commit(engine, again, progress=seen.append)
    assert (record.rows, record.changed) == (1158, 979)
    assert seen == [500 / 979, 1.0]
    stored = store.read_reports(engine)
    june = stored[stored["as_of"] >= "2023-06-01"].reset_index(drop=True)
    pd.testing.assert_frame_equal(june, again)
    history = store.report_history(engine)
    written = history[history["import_id"] == record.id]
    assert len(written) == 979 and set(written["as_of"].dt.day) == {1, 2}
    store.undo_last_import(engine, editor="minh")  # the values before back, the new rows gone
    assert store.dump_store(engine)["reports"] == before["reports"]


def test_two_imports_of_the_same_new_days_at_once_both_land(store_url: str, engine: Engine) -> None:
    frames = {"a.xlsx": daily_reports("2023-06-01", 3), "b.xlsx": daily_reports("2023-06-01", 3, 5)}
    records = helpers_store.commit_at_once(store_url, frames)
    # Whichever came second found the first's rows stored and replaced every one of them.
    assert [record.changed for record in records.values()] == [3 * 579, 3 * 579]
    last = max(records, key=lambda name: records[name].id)
    stored = store.read_reports(engine)
    june = stored[stored["as_of"] >= "2023-06-01"].reset_index(drop=True)
    pd.testing.assert_frame_equal(june, frames[last])
    assert len(store.report_history(engine)) == 8685 + 2 * 3 * 579


def test_rows_reach_the_driver_as_plain_python_values(engine: Engine) -> None:
    reports = pd.DataFrame({
        "as_of": ["2023-06-02", None, "2023-06-01"], "commune_code": ["00001", "00004", "00006"],
        "target": [5, None, 7], "delivered": [3, 2, 1],
        "activated": pd.array([1, 2, None], "Int64"),
    })  # fmt: skip
    frame = normalise_reports(reports)
    assert frame["as_of"].tolist()[::2] == [date(2023, 6, 2), date(2023, 6, 1)]
    assert frame["as_of"].isna().tolist() == [False, True, False]
    with engine.connect() as conn:
        rows = driver_insert(conn, insert(reports_table), frame, import_id=7).rows
    values = [row if isinstance(row, tuple) else tuple(row.values()) for row in rows]
    assert {type(value) for row in values for value in row} <= {int, str, date, type(None)}
    assert sorted(map(str, values[0])) == sorted(["2023-06-02", "00001", "5", "3", "1", "7"])
    assert sum(value is None for value in values[1] + values[2]) == 3


def test_a_large_import_moves_the_progress_bar_at_most_fifty_times(engine: Engine) -> None:
    """Chunks of 500 rows at least, and no more than PROGRESS_STEPS of them: a nationwide
    month's 636 calls of 500 rows cost time for a bar no one reads that finely."""
    seen: list[float] = []
    rows = daily_reports("2023-06-01", 52)  # 30,108 rows: 50 chunks of 603
    _commit(engine, rows, progress=seen.append)
    assert len(seen) == 50 and seen == sorted(seen) and seen[-1] == 1.0
    assert len(store.read_reports(engine)) == 8685 + len(rows)
