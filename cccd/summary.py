"""The leadership summary: districts behind schedule, and what changed since the last meeting."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cccd.fmt import fmt_date
from cccd.tables import STATUS_LABELS
from cccd.tour import BEHIND


def behind_schedule(districts: pd.DataFrame) -> pd.DataFrame:
    """Districts at risk, off track or stalled (project_units rows), latest finish first."""
    behind = districts[districts["status"].isin(BEHIND)]
    return behind.sort_values("finish", ascending=False, na_position="first")


def behind_table(behind: pd.DataFrame) -> pd.DataFrame:
    """District, projected finish (or why none) and status, for display."""
    return pd.DataFrame(
        {
            "Quận/huyện": behind["district_name"],
            "Dự kiến xong": [
                fmt_date(finish) if pd.notna(finish) else STATUS_LABELS[status]
                for finish, status in zip(behind["finish"], behind["status"], strict=True)
            ],
            "Trạng thái": behind["status"].map(STATUS_LABELS),
        }
    )


@dataclass(frozen=True)
class SinceMeeting:
    """What happened between two report dates."""

    communes_finished: int
    districts_finished: list[str]
    districts_slowed: list[str]


def since(
    communes_now: pd.DataFrame,
    communes_then: pd.DataFrame,
    districts_now: pd.DataFrame,
    districts_then: pd.DataFrame,
) -> SinceMeeting:
    """Communes and districts that reached target since then; districts whose pace fell.

    Paces compare the 7-report-day pace now with the one at the earlier date (None = unknown,
    never counted as a fall).
    """
    newly = communes_now["at_target"] & ~communes_then["at_target"].to_numpy()
    done_now = set(districts_now.loc[districts_now["status"] == "done", "district_name"])
    done_then = set(districts_then.loc[districts_then["status"] == "done", "district_name"])
    paces = districts_now.set_index("district_code")["pace"]
    before = districts_then.set_index("district_code")["pace"].reindex(paces.index)
    slowed = paces[(paces < before) & before.notna()].index
    names = districts_now.set_index("district_code")["district_name"]
    return SinceMeeting(int(newly.sum()), sorted(done_now - done_then), sorted(names[slowed]))


def since_text(news: SinceMeeting, day: date) -> str:
    """Two or three short lines for the summary panel."""
    lines = [f"Từ {fmt_date(day)}: **{news.communes_finished}** xã/phường mới đạt chỉ tiêu."]
    if news.districts_finished:
        lines.append(f"Quận/huyện mới hoàn thành: {', '.join(news.districts_finished)}.")
    if news.districts_slowed:
        shown = ", ".join(news.districts_slowed[:6])
        more = len(news.districts_slowed) - 6
        lines.append(f"Chậm lại: {shown}" + (f" và {more} nơi khác." if more > 0 else "."))
    return "  \n".join(lines)
