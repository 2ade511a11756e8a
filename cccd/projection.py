"""When will each commune and district finish? Pace, projected finish with a range, status, flags.

Inputs are cumulative series (cards delivered or e-IDs activated; the target is the same column
for both metrics). The method, for one series on `as_of`:

- Report days are the dates with a report on or before `as_of`. The increment of a report day is
  its value minus the previous report's, spanning the calendar days between them (2 when a day is
  missing). The first report has no increment.
- A weekly window is 7 report days (PACE_WINDOW_DAYS). Its pace is the sum of its increments over
  the sum of their calendar days. A fall (negative increment) is a correction: it is left out of
  both sums, so a pace is never negative. Windows are cut back from the last report: the last 7
  report days, the 7 before, the 7 before that (up to 3); a window counts only with all 7 report
  days, so the first window needs 7 reports (6 increments), the second 14, the third 21.
- pace is the latest window's; on complete daily data it equals (value − value 7 days ago) / 7,
  the usual 7-day difference.
- finish = as_of + ceil(remaining / pace) days. The range finish_early / finish_late uses the
  fastest / slowest weekly pace: what the unit did recently, not a statistical interval; one full
  window makes it the point. finish_late is None when the slowest week made no progress.
- status, first match wins: done (value ≥ target), insufficient_data (< 7 report days), stalled
  (no counted increase in the last 7 report days), then gap ratio = required pace / pace:
  on_track ≤ 1 < at_risk ≤ 1.5 < off_track. Past the deadline and not done is off_track.
- flags: correction (a fall in the last 21 report days, i.e. in any window the projection used);
  gaps (a missing calendar day inside the last 7 report days' increments); over_target
  (value > target; completion is clipped to 1); stale (last report > 3 days before as_of; the
  projection still starts at as_of from the last value).

Frames (project_units) hold dates as datetime64 days, NaT for none, and flags as a tuple of
strings, the type of Projection.flags, so `"stale" in row.flags` needs no parsing.
"""

import math
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum

import numpy as np
import pandas as pd

from cccd.campaign import PACE_WINDOW_DAYS

WEEKS = 3
STALE_AFTER_DAYS = 3
AT_RISK_GAP_RATIO = 1.5
EPOCH = pd.Timestamp("1970-01-01")


class Status(StrEnum):
    """Where a unit stands; the values are the strings the frames hold."""

    DONE = "done"
    INSUFFICIENT_DATA = "insufficient_data"
    STALLED = "stalled"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


class Flag(StrEnum):
    """A data problem that is handled, and shown, not hidden (see the module docstring)."""

    CORRECTION = "correction"
    GAPS = "gaps"
    OVER_TARGET = "over_target"
    STALE = "stale"


@dataclass(frozen=True)
class Projection:
    """One unit on one date: counts, pace (per calendar day), projected finish; None = unknown."""

    as_of: date
    target: float
    value: float
    completion: float
    pace: float | None
    remaining: float
    finish: date | None
    finish_early: date | None
    finish_late: date | None
    required_pace: float | None
    gap_ratio: float | None
    status: Status
    flags: tuple[str, ...]
    last_report: date | None


PROJECTION_COLUMNS = [field.name for field in fields(Projection)]
_DATE_COLUMNS = ["as_of", "finish", "finish_early", "finish_late", "last_report"]


def _day(when: date | pd.Timestamp) -> int:
    return (pd.Timestamp(when).normalize() - EPOCH).days


def _compact(values: np.ndarray, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column's reports moved to the bottom in date order, NaN above: row -k = k-th last."""
    values = np.vstack([np.full((1, values.shape[1]), np.nan), values])
    days = np.concatenate([[0], days])
    has = ~np.isnan(values)
    order = np.argsort(has, axis=0, kind="stable")
    compact_days = np.where(np.take_along_axis(has, order, 0), days[order], np.nan)
    return np.take_along_axis(values, order, 0), compact_days


def _window_pace(gain: np.ndarray, span: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Increase per calendar day over increments [start, stop), falls left out; NaN if none."""
    counted = gain[start:stop] >= 0
    days = np.where(counted, span[start:stop], 0).sum(axis=0)
    total = np.where(counted, gain[start:stop], 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(days > 0, total / days, np.nan)


def _weekly(gain: np.ndarray, span: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Weekly paces (WEEKS × units), oldest first; NaN where a window lacks 7 report days."""
    rows, window = gain.shape[0], PACE_WINDOW_DAYS
    weeks = []
    for week in range(WEEKS):
        stop = rows - window * week
        pace = _window_pace(gain, span, max(stop - window, 0), max(stop, 0))
        weeks.append(np.where(counts >= window * (week + 1), pace, np.nan))
    return np.array(weeks[::-1])


def _finish_days(remaining: np.ndarray, pace: np.ndarray) -> np.ndarray:
    """Days from as_of to the finish: 0 when nothing remains, NaN without a positive pace."""
    with np.errstate(invalid="ignore", divide="ignore"):
        days = np.where(pace > 0, np.ceil(remaining / pace), np.nan)
    return np.where(remaining == 0, 0.0, days)


def _status(
    value: np.ndarray, target: np.ndarray, counts: np.ndarray, pace: np.ndarray, gap: np.ndarray
) -> np.ndarray:
    conditions = [value >= target, counts < PACE_WINDOW_DAYS, ~(pace > 0), gap <= 1]
    conditions.append(gap <= AT_RISK_GAP_RATIO)
    choices = [Status.DONE, Status.INSUFFICIENT_DATA, Status.STALLED, Status.ON_TRACK]
    return np.select(conditions, [*choices, Status.AT_RISK], Status.OFF_TRACK)


def _flags(
    gain: np.ndarray, span: np.ndarray, value: np.ndarray, target: np.ndarray, stale: np.ndarray
) -> list[tuple[str, ...]]:
    raised = {
        Flag.CORRECTION: (gain[-WEEKS * PACE_WINDOW_DAYS :] < 0).any(axis=0),
        Flag.GAPS: (span[-PACE_WINDOW_DAYS:] > 1).any(axis=0),
        Flag.OVER_TARGET: value > target,
        Flag.STALE: stale,
    }
    return [tuple(f.value for f in Flag if raised[f][i]) for i in range(len(value))]


def _finishes(
    today: int, remaining: np.ndarray, weekly: np.ndarray, status: np.ndarray
) -> dict[str, np.ndarray]:
    """finish, finish_early, finish_late as days since 1970 (NaN = no date shown)."""
    dated = np.isin(status, [Status.INSUFFICIENT_DATA, Status.STALLED], invert=True)
    paces = [weekly[-1], np.fmax.reduce(weekly, axis=0), np.fmin.reduce(weekly, axis=0)]
    return {
        name: np.where(dated, today + _finish_days(remaining, pace), np.nan)
        for name, pace in zip(["finish", "finish_early", "finish_late"], paces, strict=True)
    }


def project_matrix(
    values: np.ndarray, days: np.ndarray, target: np.ndarray, as_of: date, deadline: date
) -> pd.DataFrame:
    """Projection columns + pace_change + weekly_paces for each column of `values`.

    values: cumulative counts (report days × units, NaN = no report that day); days: the rows'
    dates as days since 1970-01-01; target per unit (NaN = unknown). Dates come back as datetime64.
    """
    compact, when = _compact(values.astype(float), np.asarray(days, dtype=float))
    counts = (~np.isnan(compact)).sum(axis=0)
    gain, span = np.diff(compact, axis=0), np.diff(when, axis=0)
    weekly, value, today = _weekly(gain, span, counts), compact[-1], _day(as_of)
    target = np.asarray(target, dtype=float)
    remaining = np.maximum(target - value, 0)
    days_left = (deadline - pd.Timestamp(as_of).date()).days
    required = remaining / days_left if days_left > 0 else np.full_like(remaining, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(weekly[-1] > 0, required / weekly[-1], np.nan)
        completion = np.where(target > 0, np.clip(value / target, 0, 1), 1.0)
        pace_change = np.where(weekly[-2] > 0, weekly[-1] / weekly[-2], np.nan)
    status = _status(value, target, counts, weekly[-1], gap)
    frame = pd.DataFrame(
        {
            "as_of": float(today),
            "target": target,
            "value": value,
            "completion": np.where(np.isnan(value), np.nan, completion),
            "pace": weekly[-1],
            "remaining": remaining,
            **_finishes(today, remaining, weekly, status),
            "required_pace": required,
            "gap_ratio": gap,
            "status": status,
            "flags": _flags(gain, span, value, target, today - when[-1] > STALE_AFTER_DAYS),
            "last_report": when[-1],
            "pace_change": pace_change,
            "weekly_paces": [tuple(float(p) for p in w[~np.isnan(w)]) for w in weekly.T],
        }
    )
    frame[_DATE_COLUMNS] = frame[_DATE_COLUMNS].apply(pd.to_datetime, unit="D")
    return frame


def _as_projection(row: pd.Series) -> Projection:
    def plain(name: str) -> object:
        item = row[name]
        if name in _DATE_COLUMNS:
            return None if pd.isna(item) else item.date()
        if isinstance(item, float) and math.isnan(item):
            return None
        return float(item) if isinstance(item, np.floating) else item

    values = {name: plain(name) for name in PROJECTION_COLUMNS}
    return Projection(**{**values, "status": Status(values["status"])})


def project_wide(
    values: pd.DataFrame, targets: pd.Series, as_of: date, deadline: date
) -> pd.DataFrame:
    """project_matrix on a wide frame (report days × units), one row per unit column."""
    days = (pd.to_datetime(values.index) - EPOCH).days.to_numpy()
    target = targets.reindex(values.columns).to_numpy(dtype=float)
    frame = project_matrix(values.to_numpy(dtype=float), days, target, as_of, deadline)
    return frame.set_axis(values.columns, axis=0)


def _series_frame(series: pd.Series, target: float, as_of: date, deadline: date) -> pd.DataFrame:
    kept = series.set_axis(pd.to_datetime(series.index)).sort_index().dropna()
    kept = kept[kept.index <= pd.Timestamp(as_of)]
    if kept.empty:
        raise ValueError(f"no report on or before {as_of}: nothing to project")
    return project_wide(kept.to_frame("unit"), pd.Series({"unit": target}), as_of, deadline)


def project_series(series: pd.Series, target: float, as_of: date, deadline: date) -> Projection:
    """Projection of one cumulative series (indexed by report date) on `as_of` for a campaign
    ending on `deadline`; pace per day.

    Reports after `as_of` and NaN values are ignored; ValueError when none is left.
    """
    return _as_projection(_series_frame(series, target, as_of, deadline).iloc[0])


def weekly_paces(series: pd.Series, as_of: date) -> list[float]:
    """Mean daily increase of each full window of 7 report days up to `as_of`, oldest first.

    Up to 3 windows; a shorter list means fewer full windows (empty below 7 report days).
    """
    # The deadline only sets required_pace and status, not the paces: as_of stands in for it.
    return list(_series_frame(series, math.nan, as_of, as_of).iloc[0]["weekly_paces"])


def what_if_finish(
    projection: Projection, extra_teams: int, cards_per_team_per_day: float
) -> date | None:
    """Finish if extra teams add teams × cards per day to the pace (None or 0 pace: extra alone).

    as_of when nothing remains; None when the combined pace is still not positive.
    """
    if projection.remaining <= 0:
        return projection.as_of
    pace = (projection.pace or 0.0) + extra_teams * cards_per_team_per_day
    if pace <= 0:
        return None
    return projection.as_of + timedelta(days=math.ceil(projection.remaining / pace))
