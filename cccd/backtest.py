"""Back-test: how far were the finish dates projected in the past from what happened?

For each unit and each report date d from the 7th on, project_units(..., as_of=d) gives the
finish projected at d. actual is the first report date on which the unit was done (value ≥ target,
the same aggregation as project_units); NaT when it was not done by the last report L. Each
(unit, d) row gets one outcome:

- already_done: done at d, so nothing was projected;
- no_date: insufficient_data or stalled at d, so no date was shown;
- known: actual is known; error_days = finish − actual (negative = the projection was too early);
- contradicted: not done on L although the projected finish was ≤ L. The earliest the unit can
  finish is L + 1, so the error is at least (L + 1 − finish) days: error_at_least_days;
- open: projected after L and not done yet: it cannot be judged.

typical_error summarises known cases and, because units that finished are the fast ones, also
gives a lower bound that counts contradicted cases at their least error. Cases are (unit, d)
pairs: a unit projected on 8 report days counts 8 times.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cccd.campaign import PACE_WINDOW_DAYS
from cccd.projection import Status
from cccd.unit_projection import UNIT_COLUMNS, project_units

OUTCOMES = ("already_done", "no_date", "known", "contradicted", "open")
DAY = pd.Timedelta(days=1)
_KEPT = ["as_of", "status", "finish", "finish_early", "finish_late"]


def _projections(
    reports: pd.DataFrame, units: pd.DataFrame, deadline: date, metric: str, level: str
) -> tuple[pd.DataFrame, list[pd.Timestamp]]:
    """project_units on every report date (unit columns + _KEPT), and the dates, oldest first."""
    dates = sorted(pd.to_datetime(reports["as_of"]).unique())
    if not dates:
        raise ValueError("no reports to back-test")
    frames = [project_units(reports, units, day.date(), deadline, metric, level) for day in dates]
    return pd.concat([f[UNIT_COLUMNS[level] + _KEPT] for f in frames], ignore_index=True), dates


def backtest(
    reports: pd.DataFrame,
    units: pd.DataFrame,
    deadline: date,
    metric: str = "delivered",
    level: str = "district",
) -> pd.DataFrame:
    """One row per unit and report date d from the 7th on: unit columns, as_of (d), status,
    finish, finish_early, finish_late, actual, outcome, error_days, error_at_least_days.

    `deadline` (the campaign's) sets each status; the finish dates and outcomes do not depend on it.

    Dates are datetime64 (NaT = none); error columns are days, NaN where the outcome has none.
    Empty (same columns) with fewer than 7 report days; ValueError without any report.
    """
    history, dates = _projections(reports, units, deadline, metric, level)
    code = UNIT_COLUMNS[level][0]
    done = history[history["status"] == Status.DONE]
    actual = done.groupby(code)["as_of"].min().rename("actual")
    first = dates[PACE_WINDOW_DAYS - 1] if len(dates) >= PACE_WINDOW_DAYS else dates[-1] + DAY
    frame = history[history["as_of"] >= first].join(actual, on=code).reset_index(drop=True)
    last = dates[-1]
    outcome = np.select(
        [
            frame["status"] == Status.DONE,
            frame["finish"].isna(),
            frame["actual"].notna(),
            frame["finish"] <= last,
        ],
        OUTCOMES[:4],
        OUTCOMES[4],
    )
    frame["outcome"] = outcome
    frame["error_days"] = (frame["finish"] - frame["actual"]).dt.days.where(outcome == "known")
    least = (last + DAY - frame["finish"]).dt.days
    frame["error_at_least_days"] = least.where(outcome == "contradicted")
    return frame.astype({"error_days": float, "error_at_least_days": float})


@dataclass(frozen=True)
class TypicalError:
    """Back-test summary in days; None where there is no case to take a median of."""

    median_abs_days: float | None
    median_days: float | None
    cases: int
    contradicted: int
    open: int
    median_abs_days_at_least: float | None


def _median(values: pd.Series) -> float | None:
    return float(values.median()) if len(values) else None


def typical_error(frame: pd.DataFrame) -> TypicalError:
    """Median |error| and signed median error over known cases (days; negative = too early),
    counts, and a lower bound of the median |error| that adds contradicted cases at their least."""
    known = frame.loc[frame["outcome"] == "known", "error_days"]
    least = frame.loc[frame["outcome"] == "contradicted", "error_at_least_days"]
    return TypicalError(
        median_abs_days=_median(known.abs()),
        median_days=_median(known),
        cases=len(known),
        contradicted=len(least),
        open=int((frame["outcome"] == "open").sum()),
        median_abs_days_at_least=_median(pd.concat([known.abs(), least])),
    )
