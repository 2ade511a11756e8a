"""The import's inner steps, as facts: cells read as columns, neighbours in a commune's series,
the changes listed, and rows written through the driver exactly as SQLAlchemy writes them."""

import csv
from pathlib import Path

import helpers_store
import pandas as pd
import pytest
from helpers_store import daily_reports
from sqlalchemy import Engine, delete, insert, select, text

from cccd.report_checks import _missing
from cccd.report_history import series_history, store_changes
from loaders import reference, reports, store
from loaders._report_files import read_csv_cells
from loaders._store_engine import write_transaction
from loaders._store_rows import PARTITION_ROWS, driver_insert, frame_of, normalise_reports
from loaders._store_schema import COLUMNS, report_versions_table, reports_table
from loaders.errors import DataFileError

store_url = helpers_store.store_url  # fixtures
engine = helpers_store.engine


@pytest.mark.parametrize(
    "data, numbers, columns",
    [
        (b"a,b\r\n1,2\r\n", [1, 2], [["a", "1"], ["b", "2"]]),
        (b"a,b\r\n\r\n , \r\n1,2\r\n", [1, 4], [["a", "1"], ["b", "2"]]),  # blank rows out
        (b"a,b\r\n1\r\n2,3,4\r\n", [1, 2, 3], [["a", "1", "2"], ["b", "", "3"], ["", "", "4"]]),
        (b'a,b\r\n"x\ny", 1 \r\nz,2\r\n', [1, 2, 3], [["a", "x\ny", "z"], ["b", "1", "2"]]),
        (b"a;b\r\n 1 ;2\r\n", [1, 2], [["a", "1"], ["b", "2"]]),
    ],
    ids=["plain", "blank rows", "ragged", "quoted newline", "semicolons"],
)
def test_csv_cells_are_columns_of_the_rows_with_text_numbered_as_in_the_file(
    data: bytes, numbers: list[int], columns: list[list[str]]
) -> None:
    cells = read_csv_cells(data)
    assert (cells.numbers, cells.columns, cells.encoding) == (numbers, columns, "utf-8-sig")


def test_a_cell_too_long_for_the_csv_reader_is_refused_by_its_length() -> None:
    data = b"a,b\r\n" + b"x" * (csv.field_size_limit() + 1) + b",1\r\n"
    with pytest.raises(DataFileError, match="row 2: a cell holds 131,073 characters"):
        read_csv_cells(data)


def test_a_ragged_report_under_title_lines_keeps_its_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(
        "BÁO CÁO\n\ndate,commune_code,target,delivered,activated\n"
        "30/05/2023,00001,5,3\n\n30/05/2023,00004,5,3,2,note\n",
        encoding="utf-8",
    )
    frame = reports.read_report(path).frame
    assert frame.index.tolist() == [4, 6]
    assert frame.loc[4].tolist() == ["30/05/2023", "00001", "5", "3", ""]
    assert frame.loc[6].tolist() == ["30/05/2023", "00004", "5", "3", "2"]


def _days(*days: str) -> pd.DatetimeIndex:
    return pd.to_datetime(list(days)).astype("datetime64[s]")


def test_each_file_row_sees_its_neighbours_from_the_file_or_the_store() -> None:
    stored = pd.DataFrame(
        {"as_of": _days("2023-05-28", "2023-05-30"), "commune_code": ["00001", "00001"],
         "target": 5000, "delivered": [3000, 3500], "activated": [2000, 2500]}
    )  # fmt: skip
    table = pd.DataFrame(
        {"as_of": _days("2023-05-31", "2023-05-29", "2023-05-30", "2023-05-29"),
         "commune_code": ["00001", "00001", "00001", "00004"], "target": 5000,
         "delivered": [3600, 3100, 3400, 10], "activated": [2600, 2100, 2400, 5]},
        index=pd.Index([2, 3, 4, 5], name="row"),
    ).astype({name: "Int64" for name in ("target", "delivered", "activated")})  # fmt: skip
    history = series_history(table, stored)
    assert history.index.tolist() == [2, 3, 4, 5]
    assert history["prev_row"].tolist() == [4, pd.NA, 3, pd.NA]
    assert history["prev_delivered"].tolist() == [3400, 3000, 3100, pd.NA]
    assert history["next_row"].tolist() == [pd.NA, 4, 2, pd.NA]
    days = [None if pd.isna(day) else day.day for day in history["next_as_of"]]
    assert days == [None, 30, 31, None]
    assert history["delivered_same"].tolist() == [pd.NA, pd.NA, 3500, pd.NA]


def test_changes_are_listed_by_date_and_commune_then_target_delivered_activated() -> None:
    stored = pd.DataFrame(
        {"as_of": _days("2023-05-30"), "commune_code": ["00001"], "target": [5000],
         "delivered": [3500], "activated": [2500]}
    )  # fmt: skip
    rows = pd.DataFrame(
        {"as_of": _days("2023-05-31", "2023-05-30", "2023-05-30"),
         "commune_code": ["00001", "00004", "00001"], "target": [5000, 1604, 5000],
         "delivered": [3600, 1210, 3400], "activated": [2600, 840, 2500]},
        index=pd.Index([2, 3, 4], name="row"),
    )  # fmt: skip
    changes = store_changes(rows, stored, reference.units(), {(4, "delivered")}).lines
    assert changes.drop(columns=["as_of", "commune_name"]).values.tolist() == [
        ["00001", "delivered", 3500, 3400, "correction"],
        ["00004", "target", pd.NA, 1604, "new"],
        ["00004", "delivered", pd.NA, 1210, "new"],
        ["00004", "activated", pd.NA, 840, "new"],
        ["00001", "target", pd.NA, 5000, "new"],
        ["00001", "delivered", pd.NA, 3600, "new"],
        ["00001", "activated", pd.NA, 2600, "new"],
    ]
    assert changes["commune_name"].iloc[1] == "Phường Trúc Bạch"


def test_missing_communes_are_listed_by_date_in_the_official_order() -> None:
    units = reference.units().iloc[:3]
    codes = units["commune_code"].tolist()
    table = pd.DataFrame(
        {"as_of": _days("2023-05-30", "2023-05-31", "2023-05-31"),
         "commune_code": [codes[1], codes[0], None]}
    )  # fmt: skip
    missing = _missing(table, units, sorted(table["as_of"].dt.date.unique()))
    assert missing["commune_code"].tolist() == [codes[0], codes[2], codes[1], codes[2]]
    assert missing["as_of"].dt.day.tolist() == [30, 30, 31, 31]


def _reports_dump(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        query = select(reports_table).order_by(reports_table.c.as_of, reports_table.c.commune_code)
        return [tuple(row) for row in conn.execute(query)]


def test_rows_sent_through_the_driver_are_stored_as_sqlalchemy_stores_them(
    engine: Engine,
) -> None:
    frame = normalise_reports(daily_reports("2023-06-01", 2))
    with write_transaction(engine) as conn:
        conn.execute(delete(reports_table))
        rows = frame.assign(import_id=1).to_dict("records")
        conn.execute(insert(reports_table), rows)
    by_sqlalchemy = _reports_dump(engine)
    with write_transaction(engine) as conn:
        conn.execute(delete(reports_table))
        driver_insert(conn, insert(reports_table), frame, import_id=1).execute(conn)
    assert _reports_dump(engine) == by_sqlalchemy
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT as_of, typeof(as_of) FROM reports")).first()
        assert tuple(stored) == ("2023-06-01", "text")


def test_an_import_keeps_exactly_the_rows_it_wrote_in_the_history(engine: Engine) -> None:
    """New rows are written once (reports); the history still lists each of them, and the values
    a later import replaces move to report_versions, replaced_by that import."""
    new = daily_reports("2023-05-30", 3)
    meta = {"sha256": "0" * 64, "editor": "lan", "progress": None}
    record = store.commit_import(engine, new, file_name="a.csv", **meta)
    history = store.report_history(engine)
    written = history.loc[history["import_id"] == record.id, COLUMNS]
    written["as_of"] = written["as_of"].dt.date
    expected = normalise_reports(new)
    assert sorted(written.itertuples(index=False, name=None)) == sorted(
        expected.itertuples(index=False, name=None)
    )
    corrected = new.assign(delivered=new["delivered"] + 1)
    later = store.commit_import(engine, corrected, file_name="b.csv", correction=True, **meta)
    versions = report_versions_table
    with engine.connect() as conn:
        kept = conn.execute(select(versions.c.import_id, versions.c.replaced_by)).all()
    assert sorted(set(kept)) == [(record.id, later.id)] and len(kept) == len(new)


def test_a_result_larger_than_a_partition_reads_back_whole(engine: Engine) -> None:
    assert len(store.read_reports(engine)) > PARTITION_ROWS
    with engine.connect() as conn:
        query = select(reports_table.c.commune_code, reports_table.c.target)
        rows = conn.execute(query).all()
        frame = frame_of(conn.execute(query), ["commune_code", "target"])
    assert list(frame.itertuples(index=False, name=None)) == [tuple(row) for row in rows]
