"""Completion per commune and for the city; projections live in cccd.projection.

Inputs are the long reports frame (as_of, commune_code, target, delivered, activated: cumulative
counts, one row per commune per report day) and the official unit list. A commune with no report
on or before `as_of` has no data (NaN), never zero.
"""

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

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
