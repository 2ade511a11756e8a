"""Check a daily report, read as text, against the official communes and the stored reports.

Pure: frames in, a ReportPreview out. The raw frame is indexed by the row number the user sees
in the file (header = row 1) and holds text in our column names: as_of, commune_code,
commune_name, district_code, district_name, target, delivered, activated. A row with any problem
is left out of `rows`; delivered and activated are cumulative, so a fall needs `correction`.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cccd.names import match_communes
from cccd.report_history import COUNTS, CUMULATIVE, fall_reason, series_history, store_changes
from cccd.report_values import (  # noqa: F401 - parse_count and parse_date are public here too
    LABELS,
    count_problem,
    date_problem,
    fmt_day,
    parse_count,
    parse_date,
)

ROW_COLUMNS = ["as_of", "commune_code", *COUNTS]
CHANGE_COLUMNS = ["as_of", "commune_code", "commune_name", "column", "old", "new", "kind"]
MISSING_COLUMNS = ["as_of", "commune_code", "commune_name", "district_name"]
CODE_HELP = "the 5-digit GSO commune code (e.g. 00001 for Phường Phúc Xá)"
CORRECTION_FIX = (
    "Cumulative counts never go down: check the figure; if the earlier figure was wrong, "
    "load this file as a correction"
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one cell (or row) of the file, and how to fix it."""

    row: int  # 1-based row number as the user sees it; the header is row 1
    column: str  # the file's own header text
    value: str
    what: str
    fix: str

    def __str__(self) -> str:
        return (
            f"row {self.row}, column '{self.column}', value '{self.value}': {self.what}. "
            f"Fix: {self.fix}."
        )


@dataclass(frozen=True)
class ReportPreview:
    """What loading a report would do: accepted rows, problems, gaps and changes to the store."""

    rows: pd.DataFrame  # as_of (datetime64 day), commune_code, target, delivered, activated
    problems: list[Problem]
    missing_communes: pd.DataFrame  # MISSING_COLUMNS: official communes with no row on a date
    changes: pd.DataFrame  # CHANGE_COLUMNS; kind is "new", "changed" or "correction"
    dates: list[date]  # the dates the file reports on
    correction: bool
    source: str = ""  # file name, set by the loader
    sha256: str = ""
    encoding: str = ""

    @property
    def ok(self) -> bool:
        """True when the file has no problem (it may still change nothing)."""
        return not self.problems


class _Checker:
    """Collects problems, and the rows they rule out, while the checks run."""

    def __init__(self, raw: pd.DataFrame, headers: dict[str, str]) -> None:
        self.raw = raw
        self.headers = headers
        self.problems: list[Problem] = []
        self.bad: set[int] = set()

    def header(self, column: str) -> str:
        if column == "commune":
            for name in ("commune_code", "commune_name"):
                if name in self.raw.columns:
                    return self.headers.get(name, name)
        return self.headers.get(column, column)

    def add(self, row: int, column: str, what: str, fix: str, value: str | None = None) -> None:
        if value is None:
            value = str(self.raw.at[row, column]) if column in self.raw.columns else ""
        self.problems.append(Problem(int(row), self.header(column), value, what, fix))
        self.bad.add(int(row))


def _read_values(check: _Checker, today: date) -> pd.DataFrame:
    """Dates and counts parsed per row (NA where unreadable), each bad cell reported."""
    values: dict[str, list[object]] = {name: [] for name in ("as_of", *COUNTS)}
    for row, record in zip(check.raw.index, check.raw.to_dict("records"), strict=True):
        day, trouble = date_problem(record.get("as_of", ""), today)
        if trouble:
            check.add(row, "as_of", *trouble)
        values["as_of"].append(pd.Timestamp(day) if day and not trouble else pd.NaT)
        for name in COUNTS:
            count = parse_count(record.get(name, ""))
            if isinstance(count, str):
                check.add(row, name, *count_problem(count, LABELS[name]))
                count = None
            values[name].append(count)
    frame = pd.DataFrame(values, index=check.raw.index)
    return frame.astype({"as_of": "datetime64[s]", **{name: "Int64" for name in COUNTS}})


def _order_problems(check: _Checker, values: pd.DataFrame, names: dict[str, str]) -> None:
    """Delivered cannot exceed the target, nor activations the cards delivered."""
    for row, item in values.iterrows():
        commune = names.get(row, "this commune")
        target, delivered, activated = item["target"], item["delivered"], item["activated"]
        if pd.notna(delivered) and pd.notna(target) and delivered > target:
            check.add(
                row,
                "delivered",
                f"cards delivered ({delivered:,}) exceed the target ({target:,}) for {commune}",
                "Check the figure or raise the target",
            )
        if pd.notna(activated) and pd.notna(delivered) and activated > delivered:
            check.add(
                row,
                "activated",
                f"VNeID activations ({activated:,}) exceed cards delivered ({delivered:,}) "
                f"for {commune}",
                "Activations are counted among delivered cards: check both figures",
            )


def _present(value: object) -> bool:
    return value is not None and not pd.isna(value)


def _commune_trouble(
    given: dict[str, object], kind: object, note: object, code: object, by_name: object
) -> tuple[str, str, str, str] | None:
    """(column, what, fix, value) when a row's commune is missing, unknown or contradictory."""
    written_code, name = given.get("commune_code"), given.get("commune_name")
    if not _present(kind) and not _present(written_code) and not _present(name):
        return "commune", "empty cell", f"Fill in {LABELS['commune']}", ""
    if not _present(kind) and (" districts (" in str(note) or " communes in " in str(note)):
        fix = "Add a district column (Quận/Huyện) or give " + CODE_HELP
        return "commune_name", f"the name matches more than one commune: {note}", fix, str(name)
    if not _present(kind):
        fix = "Check the spelling against the official list, or give " + CODE_HELP
        shown = written_code if _present(written_code) else name
        column = "commune_code" if _present(written_code) else "commune_name"
        return column, f"unknown commune: {note}", fix, str(shown)
    if kind == "name" and _present(note):
        what = f"{note}, although the name '{name}' matches a commune ({code})"
        fix = "Correct the code, or leave it empty to match by name"
        return "commune_code", what, fix, str(written_code)
    if kind == "code" and _present(by_name) and by_name != code:
        what = f"code {code} and the name '{name}' ({by_name}) are different communes"
        return "commune_code", what, "Correct the code or the name", str(written_code)
    return None


def _commune_problems(check: _Checker, units: pd.DataFrame) -> pd.Series:
    """Official code per row (NA when missing, unknown, ambiguous or contradictory)."""
    columns = [c for c in ("commune_code", "commune_name", "district_name") if c in check.raw]
    given = check.raw[columns].astype(object).map(lambda v: str(v).strip() or None)
    if "district_name" in given:
        given["district_code"] = given["district_name"]
    matched = match_communes(given, units)
    by_name = match_communes(given.drop(columns="commune_code", errors="ignore"), units)
    codes = matched["commune_code"].where(matched["match"].notna())
    for row, record in zip(given.index, given.to_dict("records"), strict=True):
        trouble = _commune_trouble(
            record,
            matched.at[row, "match"],
            matched.at[row, "match_note"],
            codes.at[row],
            by_name.at[row, "commune_code"] if "commune_name" in given else None,
        )
        if trouble:
            column, what, fix, value = trouble
            check.add(row, column if column in given else "commune", what, fix, value)
            codes.at[row] = None
    return codes


def _duplicate_problems(check: _Checker, table: pd.DataFrame, names: dict[str, str]) -> None:
    """Two rows for the same commune on the same day: both are left out."""
    known = table.dropna(subset=["as_of", "commune_code"])
    for (day, _code), group in known.groupby(["as_of", "commune_code"]):
        rows = list(group.index)
        for row in rows[1:]:
            check.add(
                row,
                "commune",
                f"duplicate: rows {rows[0]} and {row} both report {names[row]} for "
                f"{fmt_day(day.date())}",
                "Keep one row per commune and date; delete the other",
            )
        if len(rows) > 1:
            check.bad.add(int(rows[0]))


def _history_problems(
    check: _Checker, table: pd.DataFrame, stored: pd.DataFrame, correction: bool
) -> set[tuple[int, str]]:
    """Falls in delivered or activated: problems, or with `correction` the cells corrected."""
    usable = table.dropna(subset=["as_of", "commune_code"])
    usable = usable[~usable.index.isin(check.bad)]
    history = series_history(usable, stored)
    corrected: set[tuple[int, str]] = set()
    for _, item in history[history["row"].notna()].iterrows():
        for column in CUMULATIVE:
            why = fall_reason(item, column)
            if why and correction:
                corrected.add((int(item["row"]), column))
            elif why:
                check.add(int(item["row"]), column, why, CORRECTION_FIX)
    return corrected


def _missing(table: pd.DataFrame, units: pd.DataFrame, dates: list[date]) -> pd.DataFrame:
    """Official communes without a row for each date the file reports on."""
    present = set(zip(table["as_of"], table["commune_code"], strict=True))
    parts = []
    for day in dates:
        stamp = pd.Timestamp(day)
        absent = units[[(stamp, code) not in present for code in units["commune_code"]]]
        parts.append(absent.assign(as_of=stamp)[MISSING_COLUMNS])
    if not parts:
        return pd.DataFrame(columns=MISSING_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def check_report(
    raw: pd.DataFrame,
    units: pd.DataFrame,
    stored: pd.DataFrame,
    today: date,
    correction: bool = False,
    headers: dict[str, str] | None = None,
) -> ReportPreview:
    """Validate a report's text cells against the official units and the store's reports.

    raw: text in our column names, indexed by file row number; headers: our name -> the file's
    header text (for messages). stored: as_of, commune_code, target, delivered, activated.
    """
    check = _Checker(raw, headers or {})
    values = _read_values(check, today)
    table = values.assign(commune_code=_commune_problems(check, units))
    names = _commune_labels(table, units)
    _order_problems(check, values, names)
    _duplicate_problems(check, table, names)
    stored = stored.astype({"as_of": "datetime64[s]"}) if len(stored) else _empty_store()
    corrected = _history_problems(check, table, stored, correction)
    rows = table[~table.index.isin(check.bad)].dropna(subset=["commune_code"])
    rows = rows.astype({name: "int64" for name in COUNTS})[ROW_COLUMNS]
    rows.index.name = "row"
    dates = sorted({stamp.date() for stamp in table["as_of"].dropna()})
    return ReportPreview(
        rows=rows,
        problems=sorted(check.problems, key=lambda problem: problem.row),
        missing_communes=_missing(table, units, dates),
        changes=store_changes(rows, stored, units, corrected),
        dates=dates,
        correction=correction,
    )


def _commune_labels(table: pd.DataFrame, units: pd.DataFrame) -> dict[int, str]:
    """'Phường Phúc Xá (00001)' per row whose commune is known, 'this commune' otherwise."""
    names = dict(zip(units["commune_code"], units["commune_name"], strict=True))
    return {
        row: f"{names[code]} ({code})" if pd.notna(code) else "this commune"
        for row, code in table["commune_code"].items()
    }


def _empty_store() -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype="int64") for name in ROW_COLUMNS})
    return frame.astype({"as_of": "datetime64[s]", "commune_code": "str"})
