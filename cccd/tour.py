"""The presenter's tour: the city, then each district behind schedule, then the city again."""

from dataclasses import dataclass

import pandas as pd

from cccd.projection import Status

# Worst first, so a short meeting still sees the districts that need decisions.
BEHIND = (Status.OFF_TRACK, Status.STALLED, Status.AT_RISK)


@dataclass(frozen=True)
class TourStep:
    """One stop: the whole city (district_code None) or one district."""

    district_code: str | None
    title: str


def tour_steps(districts: pd.DataFrame, city_title: str) -> list[TourStep]:
    """City → districts at risk, off track or stalled (worst first) → city."""
    rank = {status: i for i, status in enumerate(BEHIND)}
    behind = districts[districts["status"].isin(BEHIND)].assign(
        rank=lambda frame: frame["status"].map(rank)
    )
    behind = behind.sort_values(["rank", "completion"], kind="stable")
    stops = [
        TourStep(code, name)
        for code, name in zip(behind["district_code"], behind["district_name"], strict=True)
    ]
    return [TourStep(None, city_title), *stops, TourStep(None, city_title)]


def step_after(step: int, count: int, forward: bool = True) -> int:
    """The next (or previous) stop, wrapping around at the ends."""
    return (step + (1 if forward else -1)) % count


def unfinished_communes(
    communes: pd.DataFrame, district_code: str, limit: int = 12
) -> pd.DataFrame:
    """A district's communes not yet at target, most work remaining first (project_units rows)."""
    mine = communes[
        (communes["district_code"] == district_code) & (communes["status"] != Status.DONE)
    ]
    return mine.sort_values("remaining", ascending=False).head(limit)
