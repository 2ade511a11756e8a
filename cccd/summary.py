"""The leadership summary: districts behind schedule, and what changed since the last meeting."""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cccd.i18n import Translator
from cccd.projection import Status
from cccd.tables import STATUS, STATUS_LABELS
from cccd.tour import BEHIND
from cccd.unit_projection import slowing_rule


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


# "Slowing" names the few districts a leader should call, not every district whose pace wobbled
# (in a campaign's last weeks nearly all slow down as the easy cases are done): the pace fell
# by at least a quarter since the earlier date AND is now at least a tenth short of the pace the
# deadline needs. Naming more than a quarter of the districts says the whole city slowed, which
# the headline figures show better, so the line is left out then.
FEW_SHARE = 0.25


@dataclass(frozen=True)
class SinceMeeting:
    """What happened between two report dates; districts_slowed by `slowing`, sharpest first."""

    communes_finished: int
    districts_finished: list[str]
    districts_slowed: list[str]
    districts: int = 0


def slowing(districts_now: pd.DataFrame, districts_then: pd.DataFrame) -> pd.DataFrame:
    """The districts (project_units rows of now) whose pace fell since then as
    unit_projection.slowing_rule says (by SLOWED_BY or more, and now SHORT_BY or more below
    their required pace), with pace_change = now / then,
    sharpest fall first. An unknown pace (NaN) or required pace never counts; a done district
    needs no pace."""
    then = districts_then.set_index("district_code")["pace"]
    before = then.reindex(districts_now["district_code"]).to_numpy(dtype=float)
    now = districts_now["pace"].to_numpy(dtype=float)
    needed = districts_now["required_pace"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(before > 0, now / before, np.nan)
    rule = slowing_rule(change, now, needed, (districts_now["status"] == Status.DONE).to_numpy())
    picked = districts_now[rule]
    return picked.assign(pace_change=change[rule]).sort_values("pace_change", kind="stable")


def few(picked: int, districts: int) -> bool:
    """Whether naming `picked` of `districts` picks out a few (at most FEW_SHARE, at least 1)."""
    return 0 < picked <= max(1, FEW_SHARE * districts)


def since(
    communes_now: pd.DataFrame,
    communes_then: pd.DataFrame,
    districts_now: pd.DataFrame,
    districts_then: pd.DataFrame,
) -> SinceMeeting:
    """Communes and districts that reached target since then; districts slowing (see slowing)."""
    newly = communes_now["at_target"] & ~communes_then["at_target"].to_numpy()
    done_now = set(districts_now.loc[districts_now["status"] == "done", "district_name"])
    done_then = set(districts_then.loc[districts_then["status"] == "done", "district_name"])
    slowed = slowing(districts_now, districts_then)["district_name"].tolist()
    return SinceMeeting(int(newly.sum()), sorted(done_now - done_then), slowed, len(districts_now))


def since_text(t: Translator, news: SinceMeeting, day: date) -> str:
    """Two or three short lines for the summary panel, in t's language; the slowing line only
    when it names a few districts."""
    lines = [t("summary.since", date=t.day(day), count=t.number(news.communes_finished))]
    if news.districts_finished:
        lines.append(t("summary.finished", names=", ".join(news.districts_finished)))
    if few(len(news.districts_slowed), news.districts):
        lines.append(t("summary.slowing", names=", ".join(news.districts_slowed)))
    return "  \n".join(lines)
