"""Completion, pace and projected finish per commune, district and city.

Inputs are the long reports frame (as_of, commune_code, target, delivered, activated: cumulative
counts, one row per commune per report day) and the official unit list. A commune with no report
on or before `as_of` has no data (NaN), never zero.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from cccd.campaign import DEADLINE, PACE_WINDOW_DAYS

# metric -> (ratio column, at-target column) in commune_progress frames.
METRICS = {
    "delivered": ("completion", "at_target"),
    "activated": ("activation", "activation_at_target"),
}


def latest_reports(reports: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Each commune's last report on or before `as_of`, with its date as last_report."""
    upto = reports[reports["as_of"] <= pd.Timestamp(as_of)]
    last = upto.sort_values("as_of").groupby("commune_code", as_index=False).last()
    return last.rename(columns={"as_of": "last_report"})


def commune_progress(reports: pd.DataFrame, units: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per official commune: counts, completion, activation, at_target, last_report.

    completion = delivered / target and activation = activated / target (0–1, NaN when the
    commune has no report or no target). at_target is delivered ≥ target.
    """
    unit_cols = ["commune_code", "commune_name", "district_code", "district_name"]
    latest = latest_reports(reports, as_of)
    frame = units[unit_cols].merge(latest, on="commune_code", how="left", validate="one_to_one")
    target = frame["target"].where(frame["target"] > 0)
    frame["completion"] = frame["delivered"] / target
    frame["activation"] = frame["activated"] / target
    frame["at_target"] = (frame["delivered"] >= target).fillna(False).astype(bool)
    frame["activation_at_target"] = (frame["activated"] >= target).fillna(False).astype(bool)
    return frame


def newly_at_target(now: pd.DataFrame, then: pd.DataFrame, metric: str = "delivered") -> set[str]:
    """Codes of communes at target in `now` but not in `then` (two commune_progress frames)."""
    done = METRICS[metric][1]
    before = set(then.loc[then[done], "commune_code"])
    return set(now.loc[now[done], "commune_code"]) - before


def daily_totals(reports: pd.DataFrame, as_of: date, group: pd.Series) -> pd.DataFrame:
    """Cumulative delivered per group and report day up to `as_of`, wide (days × groups).

    A commune missing on a report day keeps its previous cumulative figure (forward fill), so a
    late report does not look like a fall.
    """
    upto = reports[reports["as_of"] <= pd.Timestamp(as_of)]
    wide = upto.pivot_table(index="as_of", columns="commune_code", values="delivered")
    wide = wide.sort_index().ffill().fillna(0)
    return wide.T.groupby(group.reindex(wide.columns)).sum().T


def pace_per_day(cumulative: pd.Series, window: int = PACE_WINDOW_DAYS) -> float | None:
    """Mean daily increase over the last `window` report days (cumulative series by date).

    Uses the calendar days between the first and last of the last window+1 reports, so a
    missing day does not inflate the pace. None with fewer than two reports.
    """
    tail = cumulative.sort_index().iloc[-(window + 1) :]
    if len(tail) < 2:
        return None
    days = (tail.index[-1] - tail.index[0]).days
    return float(tail.iloc[-1] - tail.iloc[0]) / days if days > 0 else None


def projected_finish(remaining: float, pace: float | None, as_of: date) -> date | None:
    """as_of + remaining / pace days, rounded up; as_of when nothing remains; None at no pace."""
    if remaining <= 0:
        return as_of
    if pace is None or pace <= 0:
        return None
    return as_of + timedelta(days=math.ceil(remaining / pace))


def district_progress(
    reports: pd.DataFrame, units: pd.DataFrame, as_of: date, deadline: date = DEADLINE
) -> pd.DataFrame:
    """One row per district: totals, completion, communes at target, pace and projected finish."""
    communes = commune_progress(reports, units, as_of)
    grouped = communes.groupby(["district_code", "district_name"], as_index=False)
    frame = grouped.agg(
        communes=("commune_code", "size"),
        communes_at_target=("at_target", "sum"),
        target=("target", "sum"),
        delivered=("delivered", "sum"),
        activated=("activated", "sum"),
    )
    frame["completion"] = frame["delivered"] / frame["target"].where(frame["target"] > 0)
    frame["activation"] = frame["activated"] / frame["target"].where(frame["target"] > 0)
    frame["finished"] = frame["communes_at_target"] == frame["communes"]
    district_of = units.set_index("commune_code")["district_code"]
    totals = daily_totals(reports, as_of, district_of)
    frame["pace"] = [
        pace_per_day(totals[code]) if code in totals else None for code in frame["district_code"]
    ]
    remaining = (frame["target"] - frame["delivered"]).clip(lower=0)
    frame["projected_finish"] = [
        projected_finish(rest, pace, as_of)
        for rest, pace in zip(remaining, frame["pace"], strict=True)
    ]
    frame["on_time"] = [
        None if finish is None else finish <= deadline for finish in frame["projected_finish"]
    ]
    return frame


@dataclass(frozen=True)
class CitySummary:
    """Headline figures for the whole city on one report date, for one metric."""

    as_of: date
    completion: float
    communes: int
    communes_at_target: int
    communes_with_data: int
    districts: int
    districts_finished: int


def city_summary(communes: pd.DataFrame, as_of: date, metric: str = "delivered") -> CitySummary:
    """City-wide ratio and counts for `metric` from a commune_progress frame.

    A district is finished when every one of its communes is at target.
    """
    done = communes[METRICS[metric][1]]
    target = communes["target"].sum()
    finished = done.groupby(communes["district_code"]).all()
    return CitySummary(
        as_of=as_of,
        completion=float(communes[metric].sum() / target) if target else math.nan,
        communes=len(communes),
        communes_at_target=int(done.sum()),
        communes_with_data=int(communes["target"].notna().sum()),
        districts=len(finished),
        districts_finished=int(finished.sum()),
    )


def report_dates(reports: pd.DataFrame) -> list[date]:
    """The distinct report dates, oldest first."""
    return sorted(pd.to_datetime(reports["as_of"]).dt.date.unique())
