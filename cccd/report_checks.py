"""Check a daily report, read as text, against the official communes and the stored reports.

Pure: frames in, a ReportPreview out. The raw frame is indexed by the row number the user sees
in the file (header = row 1) and holds text in our column names: as_of, commune_code,
commune_name, district_code, district_name, target, delivered, activated. A row with any problem
is left out of `rows`; delivered and activated are cumulative, so a fall needs `correction`.
What is wrong and how to fix it are Messages (locales/*/LC_MESSAGES/checks.po): the page shows
them in the reader's language, the command line in English (loaders.catalogue.english).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from cccd.messages import Message, message
from cccd.names import is_ambiguous, match_communes
from cccd.report_history import (
    COUNTS,
    CUMULATIVE,
    breaks,
    fall_reason,
    series_history,
    store_changes,
)
from cccd.report_problems import Checker, Problem, placed, problem_order
from cccd.report_sources import SourceSummary, TableSource
from cccd.report_values import (  # noqa: F401 - parse_count and parse_date are public here too
    EMPTY_CELL,
    LABELS,
    count_problem,
    distinct_rows,
    parse_count,
    parse_counts,
    parse_date,
    parse_dates,
)

ROW_COLUMNS = ["as_of", "commune_code", *COUNTS]
CHANGE_COLUMNS = ["as_of", "commune_code", "commune_name", "column", "old", "new", "kind"]
MISSING_COLUMNS = ["as_of", "commune_code", "commune_name", "district_name"]
CORRECTION_FIX = message("check.fix_correction")
THIS_COMMUNE = message("check.this_commune")


@dataclass(frozen=True)
class ReportPreview:
    """What loading a report would do: accepted rows, problems, gaps and changes to the store."""

    rows: pd.DataFrame  # as_of (datetime64 day), commune_code, target, delivered, activated
    problems: list[Problem]
    missing_communes: pd.DataFrame  # MISSING_COLUMNS: official communes with no row on a date
    # The first report_history.LISTED lines of the changes (CHANGE_COLUMNS; kind is "new",
    # "changed" or "correction"); change_counts counts all of them by kind.
    changes: pd.DataFrame
    dates: list[date]  # the dates the file reports on
    correction: bool
    source: str = ""  # file name(s), set by the loader
    sha256: str = ""
    encoding: str = ""
    decisions: list[Message] = field(default_factory=list)  # what the reader decided, and why
    ignored: list[str] = field(default_factory=list)  # headers of the columns left out
    columns: dict[str, str] = field(default_factory=dict)  # our column -> the file's header
    header_key: str = ""  # the headers' fingerprint, for a stored column mapping
    sources: list[SourceSummary] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)  # subtotals that disagree, ...
    rows_checked: int = 0  # the commune rows checked: each is in `rows` or has a problem
    # What the store was at when it was read for the checks (set by the loader); the commit
    # checks the figures again when the store has moved on since (loaders._store_recheck).
    store_version: tuple[object, ...] | None = None
    change_counts: dict[str, int] = field(default_factory=dict)
    rows_changed: int = 0  # the (date, commune) rows with at least one change

    @property
    def change_total(self) -> int:
        """How many counts the import would add or change (`changes` lists the first)."""
        return sum(self.change_counts.values())

    @property
    def ok(self) -> bool:
        """True when the file has no problem (it may still change nothing)."""
        return not self.problems

    @property
    def rows_with_problems(self) -> int:
        """How many rows have at least one problem (none of them is in `rows`)."""
        return len({(problem.source, problem.row) for problem in self.problems})


def _cells(raw: pd.DataFrame, column: str) -> pd.Series:
    """A column of the file, or empty cells when the file has no such column."""
    return raw[column] if column in raw.columns else pd.Series("", index=raw.index, dtype="str")


def _read_values(check: Checker, today: date, campaign_start: date) -> pd.DataFrame:
    """Dates and counts parsed per row (NA where unreadable), each bad cell reported."""
    as_of, troubles = parse_dates(_cells(check.raw, "as_of"), today, campaign_start)
    for row, trouble in troubles:
        check.add(row, "as_of", *trouble)
    values = {"as_of": as_of}
    for name in COUNTS:
        values[name], reasons = parse_counts(_cells(check.raw, name))
        for row, reason in reasons:
            check.add(row, name, *count_problem(reason, LABELS[name]))
    return pd.DataFrame(values, index=check.raw.index)


def _order_problems(
    check: Checker, values: pd.DataFrame, commune: Callable[[int], str | Message]
) -> None:
    """Delivered cannot exceed the target, nor activations the cards delivered."""
    target, delivered, activated = values["target"], values["delivered"], values["activated"]
    for row in values.index[(delivered > target).fillna(False)]:
        what = message("check.delivered_above_target", delivered=int(delivered[row]),
                       target=int(target[row]), commune=commune(row))  # fmt: skip
        check.add(row, "delivered", what, message("check.fix_delivered_above_target"))
    for row in values.index[(activated > delivered).fillna(False)]:
        what = message("check.activated_above_delivered", activated=int(activated[row]),
                       delivered=int(delivered[row]), commune=commune(row))  # fmt: skip
        check.add(row, "activated", what, message("check.fix_activated_above_delivered"))


def _present(value: object) -> bool:
    return value is not None and not pd.isna(value)


def _commune_trouble(
    given: dict[str, object],
    kind: object,
    note: Message | None,
    code: object,
    by_name: object,
    example: dict[str, str],
) -> tuple[str, Message, Message, str] | None:
    """(column, what, fix, value) when a row's commune is missing, unknown or contradictory;
    `example`: the code and name of an official commune, for the fix."""
    written_code, name = given.get("commune_code"), given.get("commune_name")
    if not _present(kind) and not _present(written_code) and not _present(name):
        return "commune", EMPTY_CELL, message("check.fix_fill_in", label=LABELS["commune"]), ""
    if not _present(kind) and is_ambiguous(note):
        what = message("check.commune_ambiguous", note=note)
        return "commune_name", what, message("check.fix_commune_ambiguous", **example), str(name)
    if not _present(kind):
        shown = written_code if _present(written_code) else name
        column = "commune_code" if _present(written_code) else "commune_name"
        what = message("check.commune_unknown", note=note)
        return column, what, message("check.fix_commune_unknown", **example), str(shown)
    if kind == "name" and note is not None:
        what = message("check.code_wrong_name_matches", note=note, name=str(name), code=code)
        return "commune_code", what, message("check.fix_code_or_empty"), str(written_code)
    if kind == "code" and _present(by_name) and by_name != code:
        what = message("check.code_name_disagree", code=code, name=str(name), by_name=by_name)
        return "commune_code", what, message("check.fix_code_or_name"), str(written_code)
    return None


def _commune_problems(check: Checker, units: pd.DataFrame) -> pd.Series:
    """Official code per row (NA when missing, unknown, ambiguous or contradictory).

    Matched once per distinct (code, name, district) written, then spread to the rows."""
    columns = [c for c in ("commune_code", "commune_name", "district_name") if c in check.raw]
    lines, given = distinct_rows(check.raw[columns], lambda cell: str(cell).strip() or None)
    if "district_name" in given:
        given["district_code"] = given["district_name"]
    matched = match_communes(given, units)
    codes = matched["commune_code"].where(matched["match"].notna()).to_numpy()
    named = [None] * len(given)  # the code each name alone gives, to compare with a code written
    if "commune_name" in given:
        by_name = match_communes(given.drop(columns="commune_code", errors="ignore"), units)
        named = by_name["commune_code"]
    kinds, notes = matched["match"].to_numpy(object), matched["match_message"].to_numpy(object)
    named = np.asarray(named, dtype=object)
    # A line matched by its code whose name, if any, names the same commune has nothing to say
    # (_commune_trouble would return None): only the others are looked at one by one.
    same = pd.Series(named).fillna("").to_numpy(object) == pd.Series(codes).fillna("").to_numpy()
    fine = (kinds == "code") & (pd.isna(named) | same)
    example = {"code": units["commune_code"].iloc[0], "name": units["commune_name"].iloc[0]}
    troubles = {}
    judged = np.flatnonzero(~fine)
    for line, record in zip(judged, given.iloc[judged].to_dict("records"), strict=True):
        trouble = _commune_trouble(record, kinds[line], notes[line], codes[line], named[line],
                                   example)  # fmt: skip
        if trouble:
            troubles[line], codes[line] = trouble, None
    for position in np.flatnonzero(np.isin(lines, list(troubles))):
        column, what, fix, value = troubles[lines[position]]
        row = check.raw.index[position]
        check.add(row, column if column in given else "commune", what, fix, value)
    return pd.Series(codes[lines], index=check.raw.index, dtype="str")


def _duplicate_problems(
    check: Checker, table: pd.DataFrame, commune: Callable[[int], str | Message]
) -> None:
    """Several rows for the same commune on the same day. With the same figures the first is
    kept and each repeat listed; with different figures none can be chosen, so every one of
    them is listed (none is ever left out without a word: issue 17)."""
    known = table.dropna(subset=["as_of", "commune_code"])
    repeated = known[known.duplicated(["as_of", "commune_code"], keep=False)]
    if repeated.empty:
        return
    figures = repeated[list(COUNTS)].astype("Float64").fillna(-1)  # an unreadable cell differs too
    for (day, _), group in repeated.groupby(["as_of", "commune_code"], sort=False):
        rows = [int(row) for row in group.index]
        same = len(figures.loc[rows].drop_duplicates()) == 1
        if same:
            for row in rows[1:]:
                what = message("check.duplicate", first=check.place(rows[0]),
                               row=check.place(row), commune=commune(row),
                               day=day.date())  # fmt: skip
                check.add(row, "commune", what, message("check.fix_duplicate"))
            continue
        places = ", ".join(check.place(row) for row in rows)
        for row in rows:
            what = message("hostile.duplicate_differs", rows=places, commune=commune(row),
                           day=day.date(), count=len(rows))  # fmt: skip
            check.add(row, "commune", what, message("hostile.fix_duplicate_differs"))


def _history_problems(
    check: Checker, table: pd.DataFrame, stored: pd.DataFrame, correction: bool
) -> set[tuple[int, str]]:
    """Falls in delivered or activated: problems, or with `correction` the cells corrected."""
    usable = table.dropna(subset=["as_of", "commune_code"])
    usable = usable[~usable.index.isin(check.bad)]
    history = series_history(usable, stored)
    corrected: set[tuple[int, str]] = set()
    for column in CUMULATIVE:
        for row, item in history[breaks(history, column)].iterrows():
            if correction:
                corrected.add((int(row), column))
            else:
                check.add(
                    int(row), column, placed(check, fall_reason(item, column)), CORRECTION_FIX
                )
    return corrected


def _missing(table: pd.DataFrame, units: pd.DataFrame, dates: list[date]) -> pd.DataFrame:
    """Official communes without a row for each date the file reports on, by date then in the
    units' order (a date × commune grid: a month of reports is ~17,000 cells)."""
    if not dates:
        return pd.DataFrame(columns=MISSING_COLUMNS)
    days = pd.DatetimeIndex(pd.to_datetime(dates))
    day = days.get_indexer(table["as_of"])
    commune = pd.Index(units["commune_code"]).get_indexer(table["commune_code"])
    reported = np.zeros((len(days), len(units)), dtype=bool)
    known = (day >= 0) & (commune >= 0)
    reported[day[known], commune[known]] = True
    day, commune = np.nonzero(~reported)
    missing = units[MISSING_COLUMNS[1:]].take(commune).reset_index(drop=True)
    missing.insert(0, "as_of", days[day])
    return missing


def check_report(
    raw: pd.DataFrame,
    units: pd.DataFrame,
    stored: pd.DataFrame,
    today: date,
    campaign_start: date,
    correction: bool = False,
    headers: Mapping[str, str] | None = None,
    sources: Sequence[TableSource] = (),
) -> ReportPreview:
    """Validate a report's text cells against the official units and the store's reports.

    raw: text in our column names, indexed by file row number; headers: our name -> the file's
    header text (for messages). stored: as_of, commune_code, target, delivered, activated.
    A report date after `today` or before `campaign_start` (the dataset's) is a problem.
    sources: the tables of a report read from several (raw indexed by table * ROW_BLOCK + row);
    each problem then names its table and its row in it.
    """
    check = Checker(raw, headers or {}, sources)
    values = _read_values(check, today, campaign_start)
    table = values.assign(commune_code=_commune_problems(check, units))
    commune = _commune_label(table["commune_code"], units)
    _order_problems(check, values, commune)
    _duplicate_problems(check, table, commune)
    stored = stored.astype({"as_of": "datetime64[s]"}) if len(stored) else _empty_store()
    corrected = _history_problems(check, table, stored, correction)
    rows = table[~table.index.isin(check.bad)].dropna(subset=["commune_code"])
    rows = rows.astype({name: "int64" for name in COUNTS})[ROW_COLUMNS]
    rows.index.name = "row"
    dates = sorted(pd.DatetimeIndex(table["as_of"].dropna().unique()).date)
    changes = store_changes(rows, stored, units, corrected)
    return ReportPreview(
        rows=rows,
        problems=sorted(check.problems, key=problem_order(sources)),
        missing_communes=_missing(table, units, dates),
        changes=changes.lines,
        dates=dates,
        correction=correction,
        rows_checked=len(raw),
        change_counts=changes.counts,
        rows_changed=changes.rows,
    )


def _commune_label(codes: pd.Series, units: pd.DataFrame) -> Callable[[int], str | Message]:
    """row -> 'Phường Phúc Xá (00001)' when its commune is known, else 'this commune' (a Message);
    asked only for the rows with a problem."""
    names = dict(zip(units["commune_code"], units["commune_name"], strict=True))

    def label(row: int) -> str | Message:
        code = codes.at[row]
        return f"{names[code]} ({code})" if pd.notna(code) else THIS_COMMUNE

    return label


def _empty_store() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype="int64") for name in ROW_COLUMNS})
    return frame.astype({"as_of": "datetime64[s]", "commune_code": "str"})
