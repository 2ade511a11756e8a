"""Display frames for the pages: the district table and the commune search results."""

from datetime import date

import pandas as pd

from cccd.campaign import DEADLINE
from cccd.fmt import fmt_date
from cccd.names import normalise_name

ON_TIME_COLOUR = "#d6eaf8"  # light blue: projected on or before the deadline
LATE_COLOUR = "#fbe3c8"  # light orange: projected after it (blue/orange is colour-blind safe)
NO_PROGRESS = "Không có tiến triển"
ON_TIME = "Kịp hạn"
LATE = "Trễ hạn"


def district_table(districts: pd.DataFrame, deadline: date = DEADLINE) -> pd.DataFrame:
    """The 30 districts for display, furthest behind first, with the finish as text."""
    table = pd.DataFrame(
        {
            "Quận/huyện": districts["district_name"],
            "Hoàn thành (%)": (districts["completion"] * 100).round(1),
            "Xã đạt chỉ tiêu": [
                f"{at} / {n}"
                for at, n in zip(
                    districts["communes_at_target"], districts["communes"], strict=True
                )
            ],
            "Tốc độ 7 ngày (thẻ/ngày)": districts["pace"].astype(float).round(0),
            "Dự kiến hoàn thành": [
                _finish_text(finish, done)
                for finish, done in zip(
                    districts["projected_finish"], districts["finished"], strict=True
                )
            ],
            "Kịp hạn": [_deadline_text(on_time) for on_time in districts["on_time"]],
        }
    )
    order = districts["completion"].fillna(-1).argsort(kind="stable")
    return table.iloc[order].reset_index(drop=True)


def _finish_text(finish: date | None, finished: bool) -> str:
    if finished:
        return "Đã hoàn thành"
    return NO_PROGRESS if finish is None else fmt_date(finish)


def _deadline_text(on_time: bool | None) -> str:
    return {True: ON_TIME, False: LATE}.get(on_time, NO_PROGRESS)


def finish_colours(table: pd.DataFrame) -> pd.DataFrame:
    """Cell styles that colour each row's finish date by whether it beats the deadline."""
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    colours = table["Kịp hạn"].map({ON_TIME: ON_TIME_COLOUR}).fillna(LATE_COLOUR)
    styles["Dự kiến hoàn thành"] = "background-color: " + colours
    styles["Kịp hạn"] = "background-color: " + colours
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
