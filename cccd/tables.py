"""Display frames for the pages: projection tables and the commune search results."""

from datetime import date

import pandas as pd

from cccd.campaign import DEADLINE
from cccd.fmt import fmt_date
from cccd.names import normalise_name
from cccd.projection import Flag, Status

ON_TIME_COLOUR = "#d6eaf8"  # light blue: projected on or before the deadline
LATE_COLOUR = "#fbe3c8"  # light orange: after it (blue/orange stays apart for colour-blind eyes)
UNKNOWN_COLOUR = "#eeeeee"  # grey: no date (stalled, too few reports)
STATUS_LABELS = {
    Status.DONE: "Hoàn thành",
    Status.ON_TRACK: "Đúng tiến độ",
    Status.AT_RISK: "Có nguy cơ",
    Status.OFF_TRACK: "Chậm tiến độ",
    Status.STALLED: "Đứng yên",
    Status.INSUFFICIENT_DATA: "Chưa đủ số liệu",
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
    Flag.CORRECTION: "đính chính",
    Flag.GAPS: "thiếu ngày",
    Flag.OVER_TARGET: "vượt chỉ tiêu",
    Flag.STALE: "báo cáo cũ",
}
CODE, NAME, STATUS, FINISH = "Mã", "Đơn vị", "Trạng thái", "Dự kiến hoàn thành"


def projection_table(frame: pd.DataFrame, level: str = "district") -> pd.DataFrame:
    """A project_units frame for display: worst status first, dates and flags as text."""
    table = pd.DataFrame(
        {
            CODE: frame[f"{level}_code"],
            NAME: frame[f"{level}_name"],
            "Chỉ tiêu": frame["target"],
            "Đã đạt": frame["value"],
            "Hoàn thành (%)": (frame["completion"] * 100).round(1),
            "Tốc độ (/ngày)": frame["pace"].astype(float).round(0),
            "Tốc độ cần (/ngày)": frame["required_pace"].astype(float).round(0),
            "Tỉ số chênh": frame["gap_ratio"].astype(float).round(2),
            FINISH: [
                _finish_text(f, s) for f, s in zip(frame["finish"], frame["status"], strict=True)
            ],
            "Khoảng dự kiến": [
                _range_text(early, late)
                for early, late in zip(frame["finish_early"], frame["finish_late"], strict=True)
            ],
            STATUS: frame["status"].map(STATUS_LABELS),
            "Cờ dữ liệu": frame["flags"].map(
                lambda flags: ", ".join(FLAG_LABELS[f] for f in flags)
            ),
        },
        index=frame.index,
    )
    if level == "district":
        table.insert(5, "Xã đạt chỉ tiêu", _at_target_text(frame))
    rank = frame["status"].map({status: i for i, status in enumerate(STATUS_ORDER)})
    order = pd.DataFrame({"rank": rank, "completion": frame["completion"].fillna(-1)})
    return table.loc[order.sort_values(["rank", "completion"], kind="stable").index].reset_index(
        drop=True
    )


def _at_target_text(frame: pd.DataFrame) -> list[str]:
    return [
        f"{int(at)} / {int(n)}"
        for at, n in zip(frame["communes_at_target"], frame["communes"], strict=True)
    ]


def _finish_text(finish: pd.Timestamp, status: str) -> str:
    if status == Status.DONE:
        return "Đã hoàn thành"
    if pd.isna(finish):
        return STATUS_LABELS[status]
    return fmt_date(finish)


def _range_text(early: pd.Timestamp, late: pd.Timestamp) -> str:
    if pd.isna(early):
        return ""
    return f"{fmt_date(early)} – {fmt_date(late) if pd.notna(late) else 'không rõ'}"


def status_colours(table: pd.DataFrame, deadline: date = DEADLINE) -> pd.DataFrame:
    """Cell styles: status and finish coloured by whether the finish beats the deadline."""
    statuses = {label: status for status, label in STATUS_LABELS.items()}
    colours = table[STATUS].map(lambda label: STATUS_COLOURS.get(statuses.get(label), None))
    colours = colours.fillna(UNKNOWN_COLOUR)
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    for column in (STATUS, FINISH):
        styles[column] = "background-color: " + colours
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


COUNT_LABELS = {"target": "Chỉ tiêu", "delivered": "Thẻ đã trả", "activated": "VNeID kích hoạt"}
CHANGE_KINDS = {"new": "mới", "changed": "thay đổi", "correction": "đính chính"}
OUTCOMES = {"committed": "đã ghi", "unchanged": "không có gì mới", "undone": "đã hoàn tác"}


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    """A preview's changes for display: Vietnamese labels, dates as dd/mm/yyyy."""
    return pd.DataFrame(
        {
            "Ngày": changes["as_of"].map(fmt_date),
            "Mã xã": changes["commune_code"],
            "Xã/phường": changes["commune_name"],
            "Số liệu": changes["column"].map(COUNT_LABELS),
            "Cũ": changes["old"],
            "Mới": changes["new"],
            "Loại": changes["kind"].map(CHANGE_KINDS),
        }
    )


def imports_table(log: pd.DataFrame) -> pd.DataFrame:
    """The import log for display, newest first as given."""
    return pd.DataFrame(
        {
            "Lần": log["id"],
            "Tệp": log["file_name"],
            "Người nhập": log["editor"],
            "Lúc": log["finished_at"].map(lambda at: at.strftime("%d/%m/%Y %H:%M")),
            "Số dòng": log["rows"],
            "Thay đổi": log["changed"],
            "Đính chính": log["correction"],
            "Kết quả": log["outcome"].map(OUTCOMES),
            "SHA-256": log["sha256"],
        }
    )
