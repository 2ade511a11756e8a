"""A report's rows against the stored series: falls in cumulative counts, and what would change.

Pure: the file's parsed rows (indexed by file row number) and the store's reports frame in.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cccd.messages import Message, message
from cccd.report_values import distinct_cells, parse_date

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


def report_dates(raw: pd.DataFrame) -> list[date]:
    """The dates a report's text cells name in its as_of column, sorted (none unreadable).

    What the store must hold for the checks starts at the earliest of them
    (loaders.store.reports_for_check); each distinct text is read once.
    """
    if "as_of" not in raw.columns:
        return []
    _, texts = distinct_cells(raw["as_of"])
    return sorted({day for text in texts if (day := parse_date(text)) is not None})


def _ranks(rows: pd.Series, stored: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Both columns' values as their rank among the values of either (NA last, as a sort puts
    it): for rows, for stored, and the distinct values in that order."""
    both = pd.concat([rows, stored], ignore_index=True)
    ranks, values = pd.factorize(both, sort=True, use_na_sentinel=False)
    return ranks[: len(rows)], ranks[len(rows) :], pd.Index(values)


def _stored_at(
    rows: pd.DataFrame, stored: pd.DataFrame, units: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows' order by date and code (stable), and for each row in that order the position
    of the stored report on its date and commune and of its commune in `units` (-1: none)."""
    day, stored_day, _ = _ranks(rows["as_of"], stored["as_of"])
    code, stored_code, codes = _ranks(rows["commune_code"], stored["commune_code"])
    order = np.lexsort((code, day))
    key = day[order].astype("int64") * len(codes) + code[order]
    stored_key = stored_day.astype("int64") * len(codes) + stored_code
    unit = pd.Index(units["commune_code"]).get_indexer(codes)  # once per code
    return order, pd.Index(stored_key).get_indexer(key), unit[code[order]]


@dataclass(frozen=True)
class StoreChanges:
    """What a report would change in the store: the first `LISTED` lines (one per count gained
    or changed, by date and commune, then in COUNTS order) and the totals of all of them.

    A nationwide month of new reports is ~950,000 lines: the page and the command line show
    the first few thousand and the totals, so only those lines are built."""

    lines: pd.DataFrame  # CHANGE_COLUMNS
    counts: dict[str, int]  # kind -> how many lines of that kind, all of them
    rows: int  # the (date, commune) rows with at least one line

    @property
    def total(self) -> int:
        """How many lines there are in all (`lines` holds the first of them)."""
        return sum(self.counts.values())


LISTED = 5_000


def store_changes(
    rows: pd.DataFrame,
    stored: pd.DataFrame,
    units: pd.DataFrame,
    corrected: set[tuple[int, str]],
    listed: int = LISTED,
) -> StoreChanges:
    """The counts the store would gain or change (none when it holds them already): the first
    `listed` lines and the totals; worked out on (row, count) matrices."""
    order, at, unit = _stored_at(rows, stored, units)
    missing = np.repeat((at < 0)[:, np.newaxis], len(COUNTS), axis=1)
    old_values = np.zeros(missing.shape, "int64")
    old_values[at >= 0] = stored[list(COUNTS)].to_numpy("int64")[at[at >= 0]]
    new_values = rows[list(COUNTS)].to_numpy("int64")[order]
    numbers = rows.index.to_numpy()[order]
    fixed = np.zeros(missing.shape, bool)
    for count, column in enumerate(COUNTS):
        fixed[:, count] = np.isin(numbers, [row for row, name in corrected if name == column])
    kinds = np.where(fixed, 2, np.where(missing, 0, 1))  # positions in KINDS
    changed = missing | (old_values != new_values)
    counts = np.bincount(kinds[changed], minlength=len(KINDS))
    line, count = np.nonzero(changed)  # row by row
    line, count = line[:listed], count[:listed]
    source = order[line]  # each line's position in rows
    names = units["commune_name"].astype("str").array
    lines = pd.DataFrame(
        {
            "as_of": rows["as_of"].array.take(source),
            "commune_code": rows["commune_code"].array.take(source),
            "commune_name": names.take(unit[line], allow_fill=True),
            "column": pd.array(COUNTS, dtype="str").take(count),
            "old": pd.arrays.IntegerArray(old_values[line, count], missing[line, count]),
            "new": pd.arrays.IntegerArray(new_values[line, count], np.zeros(len(line), bool)),
            "kind": pd.array(KINDS, dtype="str").take(kinds[line, count]),
        }
    )
    totals = {kind: int(n) for kind, n in zip(KINDS, counts, strict=True)}
    return StoreChanges(lines, totals, int(changed.any(axis=1).sum()))
