"""A report's rows against the stored series: falls in cumulative counts, and what would change.

Pure: the file's parsed rows (indexed by file row number) and the store's reports frame in.
"""

import numpy as np
import pandas as pd

from cccd.messages import Message, message

COUNTS = ("target", "delivered", "activated")
NAT = np.datetime64("NaT", "s").view("int64")
CUMULATIVE = ("delivered", "activated")
KINDS = ("new", "changed", "correction")  # of a change to the store
# A cumulative column as a fall reason names it ("delivered falls from ...").
COLUMN_NAMES = {
    "delivered": message("check.count_delivered"),
    "activated": message("check.count_activated"),
}


def _series(table: pd.DataFrame, stored: pd.DataFrame) -> dict[str, np.ndarray]:
    """The stored reports and the file's rows as arrays, sorted by commune then date, without the
    stored reports the file replaces: code (factorised), day (seconds), in_file, row (the file
    row number), position (in `table`), CUMULATIVE, and for the file's rows that replace one,
    `replacing` and the stored values as <column>_same."""
    both = {
        "code": pd.factorize(
            pd.concat([stored["commune_code"], table["commune_code"]], ignore_index=True)
        )[0],
        "day": np.concatenate([_seconds(stored["as_of"]), _seconds(table["as_of"])]),
        "in_file": np.repeat([False, True], [len(stored), len(table)]),
        "row": np.concatenate([np.zeros(len(stored), "int64"), table.index.to_numpy("int64")]),
        "position": np.concatenate([np.zeros(len(stored), "int64"), np.arange(len(table))]),
        **{
            column: np.concatenate(
                [stored[column].to_numpy("int64"), table[column].to_numpy("int64")]
            )
            for column in CUMULATIVE
        },
    }
    # On a date both hold, the stored report sorts just before the file's row that replaces it.
    order = np.lexsort((both["in_file"], both["day"], both["code"]))
    both = {name: values[order] for name, values in both.items()}
    code, day = both["code"], both["day"]
    same_key = (code[1:] == code[:-1]) & (day[1:] == day[:-1])
    replaced, both["replacing"] = np.zeros(len(code), bool), np.zeros(len(code), bool)
    replaced[:-1], both["replacing"][1:] = same_key, same_key
    both |= {f"{column}_same": np.roll(both[column], 1) for column in CUMULATIVE}
    return {name: values[~replaced] for name, values in both.items()}


def series_history(table: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The file's rows with their neighbours in each commune's series of reports by date.

    The series is the stored reports the file does not replace plus the file's rows. One line
    per row of `table`, on its index (the file row number): CUMULATIVE, the previous and next
    report's as_of, row (NA for a stored report) and CUMULATIVE as prev_*/next_* (all NA when
    there is none), and <column>_same, the stored value the row replaces (NA when none).
    Worked out on arrays sorted once: a month of reports is ~17,000 rows.
    """
    series = _series(table, stored)
    code, in_file = series["code"], series["in_file"]
    at = np.empty(len(table), "int64")  # where each of the table's rows sits in the series
    at[series["position"][in_file]] = np.flatnonzero(in_file)
    lines: dict[str, object] = {column: table[column] for column in CUMULATIVE}
    for prefix, step in (("prev", -1), ("next", 1)):
        near = np.clip(at + step, 0, max(len(code) - 1, 0))
        found = (at + step >= 0) & (at + step < len(code)) & (code[near] == code[at])
        lines[f"{prefix}_as_of"] = np.where(found, series["day"][near], NAT).view("datetime64[s]")
        from_file = found & in_file[near]
        lines[f"{prefix}_row"] = pd.arrays.IntegerArray(series["row"][near], ~from_file)
        for column in CUMULATIVE:
            lines[f"{prefix}_{column}"] = pd.arrays.IntegerArray(series[column][near], ~found)
    replacing = series["replacing"][at]
    for column in CUMULATIVE:
        lines[f"{column}_same"] = pd.arrays.IntegerArray(series[f"{column}_same"][at], ~replacing)
    return pd.DataFrame(lines, index=table.index)


def _seconds(dates: pd.Series) -> np.ndarray:
    """Dates as int64 seconds (they hold no NaT here)."""
    return dates.to_numpy("datetime64[s]").view("int64")


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
    """One line per count the store would gain or change; empty when it holds them already.

    By date and commune, then in COUNTS order; built from (row, count) matrices, since a month of
    new reports is ~52,000 lines.
    """
    keys = ["as_of", "commune_code"]
    merged = rows.reset_index(names="row").merge(
        stored[[*keys, *COUNTS]], on=keys, how="left", suffixes=("", "_old")
    )
    merged = merged.sort_values(keys, kind="stable", ignore_index=True)
    names = dict(zip(units["commune_code"], units["commune_name"], strict=True))
    merged["commune_name"] = merged["commune_code"].map(names).astype("str")
    old = [merged[f"{column}_old"].astype("Int64") for column in COUNTS]
    missing = np.column_stack([values.isna().to_numpy(bool) for values in old])
    old_values = np.column_stack([values.to_numpy("int64", na_value=0) for values in old])
    new_values = merged[list(COUNTS)].to_numpy("int64")
    fixed = np.column_stack(
        [merged["row"].isin([row for row, name in corrected if name == c]) for c in COUNTS]
    )
    kinds = np.where(fixed, 2, np.where(missing, 0, 1))  # positions in KINDS
    line, count = np.nonzero(missing | (old_values != new_values))  # row by row
    changes = merged[[*keys, "commune_name"]].take(line).reset_index(drop=True)
    return changes.assign(
        column=pd.array(COUNTS, dtype="str").take(count),
        old=pd.arrays.IntegerArray(old_values[line, count], missing[line, count]),
        new=pd.arrays.IntegerArray(new_values[line, count], np.zeros(len(line), bool)),
        kind=pd.array(KINDS, dtype="str").take(kinds[line, count]),
    )
