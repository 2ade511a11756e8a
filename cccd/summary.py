"""The leadership summary: districts behind schedule, and what changed since the last meeting."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from cccd.i18n import Translator
from cccd.tables import STATUS, STATUS_LABELS
from cccd.tour import BEHIND


def behind_schedule(districts: pd.DataFrame) -> pd.DataFrame:
    """Districts at risk, off track or stalled (project_units rows), latest finish first."""
    behind = districts[districts["status"].isin(BEHIND)]
    return behind.sort_values("finish", ascending=False, na_position="first")


def behind_table(t: Translator, behind: pd.DataFrame) -> pd.DataFrame:
    """District, projected finish (or why none) and status, for display in t's language."""
    return pd.DataFrame(
        {
            t("column.district"): behind["district_name"],
            t("summary.finish"): [
                t.day(finish) if pd.notna(finish) else t(STATUS_LABELS[status])
                for finish, status in zip(behind["finish"], behind["status"], strict=True)
            ],
            t(STATUS): behind["status"].map(lambda status: t(STATUS_LABELS[status])),
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


def since_text(t: Translator, news: SinceMeeting, day: date) -> str:
    """Two or three short lines for the summary panel, in t's language."""
    lines = [t("summary.since", date=t.day(day), count=t.number(news.communes_finished))]
    if news.districts_finished:
        lines.append(t("summary.finished", names=", ".join(news.districts_finished)))
    if news.districts_slowed:
        shown = ", ".join(news.districts_slowed[:6])
        more = len(news.districts_slowed) - 6
        if more > 0:
            lines.append(t("summary.slowed_more", names=shown, count=more))
        else:
            lines.append(t("summary.slowed", names=shown))
    return "  \n".join(lines)
