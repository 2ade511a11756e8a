"""Display frames for the pages: projection tables and the commune search results.

Column names and labels are message keys; the functions take the page's Translator (`t`).
"""

import pandas as pd

from cccd.i18n import MISSING, Translator
from cccd.names import normalise_name
from cccd.projection import Flag, Status

ON_TIME_COLOUR = "#d6eaf8"  # light blue: projected on or before the deadline
LATE_COLOUR = "#fbe3c8"  # light orange: after it (blue/orange stays apart for colour-blind eyes)
UNKNOWN_COLOUR = "#eeeeee"  # grey: no date (stalled, too few reports)
STATUS_LABELS = {
    Status.DONE: "status.done",
    Status.ON_TRACK: "status.on_track",
    Status.AT_RISK: "status.at_risk",
    Status.OFF_TRACK: "status.off_track",
    Status.STALLED: "status.stalled",
    Status.INSUFFICIENT_DATA: "status.insufficient_data",
}
STATUS_COLOURS = {
    Status.DONE: ON_TIME_COLOUR,
    Status.ON_TRACK: ON_TIME_COLOUR,
    Status.AT_RISK: LATE_COLOUR,
    Status.OFF_TRACK: LATE_COLOUR,
}
# Worst first: the table opens on what needs attention.
STATUS_ORDER = [
    Status.OFF_TRACK,
    Status.STALLED,
    Status.AT_RISK,
    Status.INSUFFICIENT_DATA,
    Status.ON_TRACK,
    Status.DONE,
]
FLAG_LABELS = {
    Flag.CORRECTION: "flag.correction",
    Flag.GAPS: "flag.gaps",
    Flag.OVER_TARGET: "flag.over_target",
    Flag.STALE: "flag.stale",
}
# Column keys of the projection table (its headers are t(key)).
CODE, NAME, STATUS, FINISH = "column.code", "column.name", "column.status", "column.finish"
TARGET, VALUE, COMPLETION = "column.target", "column.value", "column.completion"
PACE, REQUIRED_PACE, GAP_RATIO = "column.pace", "column.required_pace", "column.gap_ratio"
RANGE, FLAGS, AT_TARGET = "column.finish_range", "column.flags", "column.communes_at_target"
# The columns of the map page's short district table (cccd.table_html).
SUMMARY_COLUMNS = [NAME, COMPLETION, AT_TARGET, PACE, FINISH, STATUS]


def projection_table(t: Translator, frame: pd.DataFrame, level: str = "district") -> pd.DataFrame:
    """A project_units frame for display: worst status first, dates and flags as text."""
    columns = {
        CODE: frame[f"{level}_code"],
        NAME: frame[f"{level}_name"],
        TARGET: frame["target"],
        VALUE: frame["value"],
        COMPLETION: (frame["completion"] * 100).round(1),
        PACE: frame["pace"].astype(float).round(0),
        REQUIRED_PACE: frame["required_pace"].astype(float).round(0),
        GAP_RATIO: frame["gap_ratio"].astype(float).round(2),
        FINISH: [
            _finish_text(t, f, s) for f, s in zip(frame["finish"], frame["status"], strict=True)
        ],
        RANGE: [
            _range_text(t, early, late)
            for early, late in zip(frame["finish_early"], frame["finish_late"], strict=True)
        ],
        STATUS: frame["status"].map(lambda status: t(STATUS_LABELS[status])),
        FLAGS: frame["flags"].map(lambda flags: ", ".join(t(FLAG_LABELS[f]) for f in flags)),
    }
    table = pd.DataFrame({t(key): values for key, values in columns.items()}, index=frame.index)
    if level == "district":
        table.insert(5, t(AT_TARGET), _at_target_text(frame))
    rank = frame["status"].map({status: i for i, status in enumerate(STATUS_ORDER)})
    order = pd.DataFrame({"rank": rank, "completion": frame["completion"].fillna(-1)})
    return table.loc[order.sort_values(["rank", "completion"], kind="stable").index].reset_index(
        drop=True
    )


FINISH_EARLY, FINISH_LATE = "tables.column.finish_early", "tables.column.finish_late"
COMMUNES = "tables.column.communes"


def projection_download(
    t: Translator, frame: pd.DataFrame, level: str = "district"
) -> pd.DataFrame:
    """A project_units frame for a spreadsheet, in the grid's order: counts as whole numbers,
    dates as dates (empty when there is none: the status says why), headers in t's language."""
    display = projection_table(t, frame, level)
    rows = frame.set_index(f"{level}_code").loc[display[t(CODE)]]
    columns = {
        CODE: display[t(CODE)],
        NAME: display[t(NAME)],
        TARGET: rows["target"].round().astype("Int64"),
        VALUE: rows["value"].round().astype("Int64"),
        COMPLETION: display[t(COMPLETION)],
        PACE: display[t(PACE)].round().astype("Int64"),
        REQUIRED_PACE: display[t(REQUIRED_PACE)].round().astype("Int64"),
        GAP_RATIO: display[t(GAP_RATIO)],
        FINISH: _days(rows["finish"].where(rows["status"] != Status.DONE)),
        FINISH_EARLY: _days(rows["finish_early"]),
        FINISH_LATE: _days(rows["finish_late"]),
        STATUS: display[t(STATUS)],
        FLAGS: display[t(FLAGS)],
    }
    table = pd.DataFrame(
        {t(key): pd.Series(values).reset_index(drop=True) for key, values in columns.items()}
    )
    if level == "district":
        table.insert(5, t(AT_TARGET), rows["communes_at_target"].astype(int).to_numpy())
        table.insert(6, t(COMMUNES), rows["communes"].astype(int).to_numpy())
    return table


def _days(values: pd.Series) -> list:
    """Days as datetime.date (None when missing), which spreadsheets store as dates."""
    return [None if pd.isna(value) else pd.Timestamp(value).date() for value in values]


def _at_target_text(frame: pd.DataFrame) -> list[str]:
    return [
        f"{int(at)} / {int(n)}"
        for at, n in zip(frame["communes_at_target"], frame["communes"], strict=True)
    ]


def _finish_text(t: Translator, finish: pd.Timestamp, status: str) -> str:
    if status == Status.DONE:
        return t("finish.done")
    if pd.isna(finish):
        return t(STATUS_LABELS[status])
    return t.day(finish)


def _range_text(t: Translator, early: pd.Timestamp, late: pd.Timestamp) -> str:
    if pd.isna(early):
        return ""
    return f"{t.day(early)} – {t.day(late) if pd.notna(late) else t('finish.unknown')}"


def status_colours(t: Translator, table: pd.DataFrame) -> pd.DataFrame:
    """Cell styles: status and finish coloured by the status, which already says whether the
    finish beats the deadline (done, on track: blue; at risk, off track: orange; else grey)."""
    statuses = {t(label): status for status, label in STATUS_LABELS.items()}
    colours = table[t(STATUS)].map(lambda label: STATUS_COLOURS.get(statuses.get(label), None))
    colours = colours.fillna(UNKNOWN_COLOUR)
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    for column in (STATUS, FINISH):
        styles[t(column)] = "background-color: " + colours
    return styles


def search_communes(communes: pd.DataFrame, query: str) -> pd.DataFrame:
    """Communes whose name contains the query, ignoring accents, tone marks, case and prefixes."""
    key = normalise_name(query)
    if not key:
        return communes.iloc[0:0]
    keys = communes["commune_name"].map(normalise_name)
    hits = communes[keys.str.contains(key, regex=False)]
    # Exact names first ("Phúc Xá" before "Phúc Xá 2"), then alphabetical by district.
    exact = keys[hits.index] == key
    return (
        hits.assign(_exact=exact)
        .sort_values(["_exact", "district_name"], ascending=[False, True])
        .drop(columns="_exact")
    )


COUNT_LABELS = {
    "target": "count.target",
    "delivered": "count.delivered",
    "activated": "count.activated",
}
CHANGE_KINDS = {"new": "change.new", "changed": "change.changed", "correction": "change.correction"}
OUTCOMES = {
    "committed": "outcome.committed",
    "unchanged": "outcome.unchanged",
    "undone": "outcome.undone",
}


def whole_numbers(t: Translator, counts: pd.Series) -> pd.Series:
    """Counts as text grouped the language's way ("17.557" in vi), "–" where missing (a new
    row had no old value: the grid would write "None"). Formatted by str.format, not Babel: a
    month's preview holds ~1 million figures."""
    group = t.group_symbol
    return counts.map(lambda n: MISSING if pd.isna(n) else f"{int(n):,}".replace(",", group))


def changes_table(t: Translator, changes: pd.DataFrame) -> pd.DataFrame:
    """A preview's changes for display: labels in t's language, dates as dd/mm/yyyy."""
    return pd.DataFrame(
        {
            t("column.date"): changes["as_of"].map(t.day),
            t("column.commune_code"): changes["commune_code"],
            t("column.commune"): changes["commune_name"],
            t("column.figure"): changes["column"].map(lambda column: t(COUNT_LABELS[column])),
            t("column.old"): whole_numbers(t, changes["old"]),
            t("column.new"): whole_numbers(t, changes["new"]),
            t("column.kind"): changes["kind"].map(lambda kind: t(CHANGE_KINDS[kind])),
        }
    )


def imports_table(t: Translator, log: pd.DataFrame) -> pd.DataFrame:
    """The import log for display, newest first as given."""
    return pd.DataFrame(
        {
            t("column.import_id"): log["id"],
            t("column.file"): log["file_name"],
            t("column.editor"): log["editor"],
            t("column.at"): log["finished_at"].map(t.moment),
            t("column.rows"): log["rows"],
            t("column.changed"): log["changed"],
            t("column.skipped"): log["skipped"] if "skipped" in log else 0,
            t("column.correction"): log["correction"],
            t("column.outcome"): log["outcome"].map(lambda outcome: t(OUTCOMES[outcome])),
            "SHA-256": log["sha256"],
        }
    )
