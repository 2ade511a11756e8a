"""A report's rows against the stored series: falls in cumulative counts, and what would change.

Pure: the file's parsed rows (indexed by file row number) and the store's reports frame in.
"""

import pandas as pd

from cccd.messages import Message, message

COUNTS = ("target", "delivered", "activated")
CUMULATIVE = ("delivered", "activated")
# A cumulative column as a fall reason names it ("delivered falls from ...").
COLUMN_NAMES = {
    "delivered": message("check.count_delivered"),
    "activated": message("check.count_activated"),
}


def series_history(table: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """Stored reports the file does not replace, plus the file's rows, in date order per commune.

    Column `row` is the file row number (NA for stored rows); prev_*/next_* are the neighbours.
    """
    keys = ["as_of", "commune_code"]
    rows = table.reset_index(names="row")
    replaced = stored.set_index(keys).index.isin(rows.set_index(keys).index)
    kept = stored.loc[~replaced, [*keys, *CUMULATIVE]].assign(row=pd.NA)
    history = pd.concat([kept, rows[["row", *keys, *CUMULATIVE]]], ignore_index=True)
    history = history.sort_values([*keys]).reset_index(drop=True)
    by_commune = history.groupby("commune_code", sort=False)
    for column in ("as_of", "row", *CUMULATIVE):
        history[f"prev_{column}"] = by_commune[column].shift(1)
        history[f"next_{column}"] = by_commune[column].shift(-1)
    same_day = rows.merge(stored, on=keys, how="inner", suffixes=("", "_same"))
    same = same_day.set_index("row")[[f"{c}_same" for c in CUMULATIVE]]
    return history.join(same, on="row")


def breaks(history: pd.DataFrame, column: str) -> pd.Series:
    """True on the lines of series_history for which fall_reason names a break, column-wise."""
    value = history[column]
    falls = value < history[f"prev_{column}"]
    above_later = history["next_row"].isna() & (value > history[f"next_{column}"])
    below_same = value < history[f"{column}_same"]
    return falls.fillna(False) | above_later.fillna(False) | below_same.fillna(False)


def fall_reason(item: pd.Series, column: str) -> Message | None:
    """Why a file row's cumulative figure breaks the series, or None."""
    value, name = item[column], COLUMN_NAMES[column]
    previous, before = item[f"prev_{column}"], item["prev_as_of"]
    if pd.notna(previous) and value < previous:
        falls = dict(column=name, previous=int(previous), before=before.date(), value=int(value))
        if pd.isna(item["prev_row"]):
            return message("check.falls_after_stored", **falls)
        return message("check.falls_after_row", row=str(int(item["prev_row"])), **falls)
    following, after = item[f"next_{column}"], item["next_as_of"]
    if pd.notna(following) and pd.isna(item["next_row"]) and value > following:
        return message(
            "check.above_later_stored",
            column=name,
            value=int(value),
            following=int(following),
            after=after.date(),
        )
    same = item[f"{column}_same"]
    if pd.notna(same) and value < same:
        return message("check.falls_same_day", column=name, same=int(same), value=int(value))
    return None


def store_changes(
    rows: pd.DataFrame, stored: pd.DataFrame, units: pd.DataFrame, corrected: set[tuple[int, str]]
) -> pd.DataFrame:
    """One line per count the store would gain or change; empty when it holds them already."""
    keys = ["as_of", "commune_code"]
    merged = rows.reset_index(names="row").merge(
        stored[[*keys, *COUNTS]], on=keys, how="left", suffixes=("", "_old")
    )
    names = dict(zip(units["commune_code"], units["commune_name"], strict=True))
    parts = []
    for column in COUNTS:
        old, new = merged[f"{column}_old"].astype("Int64"), merged[column].astype("Int64")
        differs = (old.isna() | (old != new)).fillna(True).to_numpy(dtype=bool)
        kind = pd.Series("changed", index=merged.index).where(old.notna(), "new")
        fixed = merged["row"].isin([row for row, name in corrected if name == column])
        kind = kind.where(~fixed, "correction")
        part = pd.DataFrame(
            {"as_of": merged["as_of"], "commune_code": merged["commune_code"], "column": column}
        ).assign(old=old, new=new, kind=kind)
        parts.append(part[differs])
    changes = pd.concat(parts, ignore_index=True)
    changes.insert(2, "commune_name", changes["commune_code"].map(names).astype("str"))
    return changes.sort_values(["as_of", "commune_code"], kind="stable").reset_index(drop=True)
