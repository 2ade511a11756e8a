"""The presenter's tour: the city, then each district behind schedule, then the city again."""

import math
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


DEFAULT_TIMER = 20  # seconds: Space with no timer chosen starts the tour at this pace


@dataclass(frozen=True)
class TourClock:
    """The automatic tour: seconds between stops (None = no auto-advance) and whether it runs.

    Space always does what the state line says it will: a running tour pauses, a paused one
    resumes, and with no timer it starts at DEFAULT_TIMER (never a silent pause that a timer
    chosen afterwards would inherit). Presenter mode's tour runs in the browser: its script
    (cccd.tour_page_script) follows these rules, and tests/test_present_browser.py checks it
    does."""

    timer: int | None
    playing: bool = True

    @property
    def running(self) -> bool:
        """Whether the tour moves by itself."""
        return self.timer is not None and self.playing

    @property
    def state(self) -> str:
        """ "playing", "paused" or "manual" (no timer chosen)."""
        if self.timer is None:
            return "manual"
        return "playing" if self.playing else "paused"

    def after_space(self) -> "TourClock":
        """The clock after Space (or the play/pause button)."""
        if self.timer is None:
            return TourClock(DEFAULT_TIMER, True)
        return TourClock(self.timer, not self.playing)

    def seconds_left(self, elapsed: float) -> int | None:
        """Whole seconds (rounded up) to the next stop after `elapsed` seconds on this one;
        0 = time to move on; None when the tour does not run."""
        if not self.running:
            return None
        return max(0, math.ceil(self.timer - elapsed))
