"""Reports frames checked and put in the shape the store writes: one row per day and commune."""

import hashlib

import pandas as pd

from loaders._store_schema import COLUMNS, COUNTS, KEY
from loaders.errors import DataFileError


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
    frame["as_of"] = frame["as_of"].dt.date
    return frame


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


def records(frame: pd.DataFrame, **extra: object) -> list[dict[str, object]]:
    """Rows for executemany: Python ints, None where missing, plus `extra` columns.

    Converted column by column (to_dict("records") boxes every cell: 10× slower on a month of
    reports).
    """
    names = [*frame.columns, *extra]
    columns = [
        frame[name].astype(object).where(frame[name].notna(), None).tolist()
        for name in frame.columns
    ]
    tail = tuple(extra.values())
    return [dict(zip(names, (*row, *tail), strict=True)) for row in zip(*columns, strict=True)]


def frame_of(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A frame from query result rows, built column by column (3× faster than from rows)."""
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame({name: list(column) for name, column in zip(columns, values, strict=True)})


def frame_sha256(frame: pd.DataFrame) -> str:
    """A fingerprint of a reports frame (for imports that do not come from a file)."""
    text = frame[COLUMNS].to_csv(index=False, date_format="%Y-%m-%d")
    return hashlib.sha256(text.encode()).hexdigest()
