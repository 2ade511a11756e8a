"""Reports frames checked and put in the shape the store writes: one row per day and commune."""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Column, Connection, Dialect, Insert, Result

from loaders._store_schema import COLUMNS, COUNTS, KEY
from loaders.errors import DataFileError

PARTITION_ROWS = 1000  # rows read from a query result at a time
SKIPPED_COLUMNS = ["source", "row", "column", "value", "reason"]


def normalise_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """as_of as datetime.date, codes as text, counts as Int64 (<NA> where missing); one per key."""
    missing = [name for name in COLUMNS if name not in reports.columns]
    if missing:
        raise DataFileError(
            "error.reports_columns", missing=", ".join(missing), expected=str(COLUMNS)
        )
    try:
        frame = pd.DataFrame(
            {
                "as_of": pd.to_datetime(reports["as_of"]).dt.normalize(),
                "commune_code": reports["commune_code"].astype(str),
                **{name: reports[name].astype("Int64") for name in COUNTS},
            }
        ).reset_index(drop=True)
    except (TypeError, ValueError) as error:
        raise DataFileError("error.reports_value", problem=str(error)) from error
    duplicated = frame[frame.duplicated(KEY, keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        raise DataFileError(
            "error.reports_duplicates",
            count=len(duplicated),
            code=str(first["commune_code"]),
            day=first["as_of"].date().isoformat(),
        )
    frame["as_of"] = _dates(frame["as_of"])
    return frame


def _dates(days: pd.Series) -> pd.Series:
    """Days as datetime.date objects (NaT stays NaT), as .dt.date gives them: made once per
    distinct day (a month of reports has 30 in 318,000 rows; .dt.date makes one a row)."""
    positions, distinct = pd.factorize(days, use_na_sentinel=False)
    made = np.array([pd.NaT if pd.isna(day) else day.date() for day in distinct], object)
    return pd.Series(made[positions], index=days.index, dtype=object, name=days.name)


def check_counts(frame: pd.DataFrame) -> None:
    """Refuse missing or negative counts, naming the first such row."""
    for name in COUNTS:
        bad = frame[frame[name].isna() | (frame[name].fillna(0) < 0)]
        if len(bad):
            row = bad.iloc[0]
            raise DataFileError(
                "error.reports_counts",
                count=len(bad),
                column=name,
                value=str(row[name]),
                code=str(row["commune_code"]),
                day=str(row["as_of"]),
            )


def _python_values(column: pd.Series) -> list[object]:
    """A column as Python objects (int, str, date), None where missing.

    Converted column by column (to_dict("records") boxes every cell: 10× slower on a month of
    reports); whole numbers with none missing through int64, 5× faster than through objects.
    """
    if pd.api.types.is_integer_dtype(column.dtype) and not column.hasnans:
        return column.to_numpy("int64").tolist()
    return column.to_numpy(dtype=object, na_value=None).tolist()


def _bound(column: Column, values: list[object], dialect: Dialect) -> list[object]:
    """Values as the column's type hands them to the driver (SQLite's Date: '2023-05-29')."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return values
    once = {value: process(value) for value in set(values)}  # a month of reports: 30 dates
    return list(map(once.__getitem__, values))


@dataclass(frozen=True)
class DriverInsert:
    """An INSERT compiled once, and every row's parameters already in the driver's format."""

    sql: str
    rows: list[tuple] | list[dict[str, object]]

    def execute(self, conn: Connection, start: int = 0, stop: int | None = None) -> None:
        """executemany of rows[start:stop] through the driver (nothing when there are none)."""
        rows = self.rows[start:stop]
        if rows:
            conn.exec_driver_sql(self.sql, rows)


def driver_insert(
    conn: Connection, statement: Insert, frame: pd.DataFrame, **extra: object
) -> DriverInsert:
    """`statement` (an INSERT into one table, upserts too) for every row of `frame`, plus
    `extra` columns with one value for all rows.

    conn.execute(statement, list_of_dicts) has SQLAlchemy process each row's parameters in
    Python, most of an import's time (~15 µs a row); here the statement is compiled once for
    the connection's database and only the columns' own bind processors run, once per
    distinct value, so the rows are stored exactly as SQLAlchemy would store them.
    conn.exec_driver_sql keeps SQLAlchemy's transaction, events and DBAPIError wrapping.
    """
    dialect = conn.dialect
    names = [*frame.columns, *extra]
    compiled = statement.compile(dialect=dialect, column_keys=names)
    columns = {name: _python_values(frame[name]) for name in frame.columns}
    columns |= {name: [value] * len(frame) for name, value in extra.items()}
    table = statement.table
    bound = {name: _bound(table.c[name], values, dialect) for name, values in columns.items()}
    if compiled.positional:  # SQLite: "?" in the compiled order
        order = compiled.positiontup or []
        return DriverInsert(
            compiled.string, list(zip(*(bound[name] for name in order), strict=True))
        )
    values = zip(*(bound[name] for name in names), strict=True)
    rows = [dict(zip(names, row, strict=True)) for row in values]
    return DriverInsert(compiled.string, rows)  # PostgreSQL (psycopg): "%(name)s"


def frame_of(result: Result, columns: list[str]) -> pd.DataFrame:
    """A frame from a query's result, built column by column (3× faster than from rows).

    Read a partition of rows at a time, so that tens of thousands of row objects never exist at
    once: kept together, they make Python's garbage collector walk the whole process.
    """
    values: list[list[object]] = [[] for _ in columns]
    for rows in result.partitions(PARTITION_ROWS):
        for column, part in zip(values, zip(*rows, strict=True), strict=True):
            column.extend(part)
    return pd.DataFrame(dict(zip(columns, values, strict=True)))


def frame_sha256(frame: pd.DataFrame) -> str:
    """A fingerprint of a reports frame (for imports that do not come from a file)."""
    text = frame[COLUMNS].to_csv(index=False, date_format="%Y-%m-%d")
    return hashlib.sha256(text.encode()).hexdigest()


def _text(value: object) -> str:
    """A cell as text for the log: "" for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def skipped_record(skipped: Sequence[Mapping[str, object]]) -> dict[str, object]:
    """The imports columns for the rows an editor chose to skip: their count and them as JSON.

    Each item has row (int), column, value, reason (English) and optionally source (a file or
    sheet); a missing key is the caller's bug and raises KeyError.
    """
    items = [
        {
            **({"source": _text(item["source"])} if item.get("source") else {}),
            "row": int(item["row"]),  # type: ignore[call-overload]
            "column": _text(item["column"]),
            "value": _text(item["value"]),
            "reason": _text(item["reason"]),
        }
        for item in skipped
    ]
    text = json.dumps(items, ensure_ascii=False) if items else None
    return {"skipped": len(items), "skipped_rows": text}


def skipped_frame(text: str | None) -> pd.DataFrame:
    """The skipped rows stored as JSON, one per line (source None when not given)."""
    items = json.loads(text) if text else []
    frame = pd.DataFrame(items, columns=SKIPPED_COLUMNS).astype({"row": "int64"})
    source = frame["source"].astype(object)
    return frame.assign(source=source.where(source.notna(), None))
