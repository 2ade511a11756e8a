"""Projections for every official district or commune from the long reports frame.

The engine (one matrix of cumulative series) is cccd.projection.project_matrix; this module turns
reports into those matrices — communes as reported, districts as sums of their communes — and
attaches unit names, counts and the flags a district inherits from its communes.
"""

from datetime import date

import numpy as np
import pandas as pd

from cccd.projection import Flag, Status, project_wide

UNIT_COLUMNS = {
    "commune": ["commune_code", "commune_name", "district_code", "district_name"],
    "district": ["district_code", "district_name"],
}
METRICS = ("delivered", "activated")
# Commune data problems that a district sum would otherwise hide.
_SPREAD_TO_DISTRICT = (Flag.CORRECTION, Flag.GAPS, Flag.STALE)


def commune_series(
    reports: pd.DataFrame, units: pd.DataFrame, as_of: date, metric: str
) -> tuple[pd.DataFrame, pd.Series]:
    """Cumulative `metric` (report days × official communes, NaN = no report that day) up to
    `as_of`, and each commune's latest target (NaN = never reported). Unknown codes are dropped."""
    upto = reports[reports["as_of"] <= pd.Timestamp(as_of)]
    wide = upto.pivot(index="as_of", columns="commune_code", values=[metric, "target"])
    codes = pd.Index(units["commune_code"], name="commune_code")
    values = wide[metric].reindex(columns=codes) if len(wide) else pd.DataFrame(columns=codes)
    targets = wide["target"].reindex(columns=codes).ffill() if len(wide) else values
    latest = targets.iloc[-1] if len(targets) else pd.Series(np.nan, index=codes)
    return values.astype(float), latest.astype(float)


def district_series(
    values: pd.DataFrame, targets: pd.Series, district_of: pd.Series
) -> tuple[pd.DataFrame, pd.Series]:
    """District sums of commune_series: each commune forward-filled (a late report is not a fall)
    and back-filled (a first report is not a surge); NaN on days none of its communes reported."""
    group = district_of.reindex(values.columns).to_numpy()
    sums = values.ffill().bfill().T.groupby(group).sum(min_count=1).T
    reported = values.notna().T.groupby(group).any().T
    return sums.where(reported), targets.groupby(group).sum(min_count=1)


def _district_rows(
    communes: pd.DataFrame, values: pd.DataFrame, targets: pd.Series, units: pd.DataFrame, **kw
) -> pd.DataFrame:
    """District projections with communes, communes_at_target, stale_communes and spread flags."""
    sums, totals = district_series(
        values, targets, units.set_index("commune_code")["district_code"]
    )
    own = project_wide(sums, totals, **kw)
    counts = communes.assign(
        at_target=communes["status"].eq(Status.DONE),
        stale=[Flag.STALE in flags for flags in communes["flags"]],
    ).groupby("district_code")
    names = units[UNIT_COLUMNS["district"]].drop_duplicates("district_code")
    frame = names.assign(
        communes=names["district_code"].map(counts.size()),
        communes_at_target=names["district_code"].map(counts["at_target"].sum()),
        stale_communes=names["district_code"].map(counts["stale"].sum()),
    ).join(own, on="district_code")
    spread = communes[["district_code", "flags"]].explode("flags")
    spread = spread[spread["flags"].isin(_SPREAD_TO_DISTRICT)].groupby("district_code")["flags"]
    extra = spread.agg(set).to_dict()
    frame["flags"] = [
        tuple(f.value for f in Flag if f in mine or f in extra.get(code, ()))
        for code, mine in zip(frame["district_code"], frame["flags"], strict=True)
    ]
    return frame.sort_values("district_code", ignore_index=True)


def project_units(
    reports: pd.DataFrame,
    units: pd.DataFrame,
    as_of: date,
    deadline: date,
    metric: str = "delivered",
    level: str = "district",
) -> pd.DataFrame:
    """One row per official district or commune on `as_of`, for a campaign ending on `deadline`:
    unit columns, every Projection field, pace_change (last weekly pace / the one before;
    NaN = fewer than 2 full weeks) and weekly_paces.

    Counts are floats, NaN for a unit with no report up to as_of (status insufficient_data).
    Districts also get communes, communes_at_target and stale_communes.
    """
    if metric not in METRICS or level not in UNIT_COLUMNS:
        raise ValueError(f"metric must be one of {METRICS} and level one of {list(UNIT_COLUMNS)}")
    values, targets = commune_series(reports, units, as_of, metric)
    projected = project_wide(values, targets, as_of, deadline)
    communes = units[UNIT_COLUMNS["commune"]].join(projected, on="commune_code")
    if level == "commune":
        return communes.reset_index(drop=True)
    return _district_rows(communes, values, targets, units, as_of=as_of, deadline=deadline)


# "Slowing down" must pick out the few districts that matter, not nearly all of them (in a
# campaign's last weeks nearly all slow down as the easy cases are done): the pace fell by at
# least a quarter AND is now at least a tenth short of the pace the deadline needs.
SLOWED_BY = 0.25
SHORT_BY = 0.10


def slowing_rule(
    change: np.ndarray, pace: np.ndarray, needed: np.ndarray, done: np.ndarray
) -> np.ndarray:
    """Which districts are slowing: pace / earlier pace (`change`) ≤ 1 − SLOWED_BY and pace
    ≤ (1 − SHORT_BY) × the pace needed; an unknown pace never counts, a done one needs none."""
    with np.errstate(invalid="ignore"):
        fell = change <= 1 - SLOWED_BY
        short = (needed > 0) & (pace <= (1 - SHORT_BY) * needed)
    return fell & short & ~done


def slowing(projected: pd.DataFrame) -> pd.DataFrame:
    """The rows of a project_units frame whose weekly pace fell (pace_change, against the week
    before) as slowing_rule says, the sharpest fall first: the map and districts pages and the
    meeting pack name these, as the overview names those of cccd.summary.slowing."""
    picked = slowing_rule(
        projected["pace_change"].to_numpy(dtype=float),
        projected["pace"].to_numpy(dtype=float),
        projected["required_pace"].to_numpy(dtype=float),
        (projected["status"] == Status.DONE).to_numpy(),
    )
    return projected[picked].sort_values("pace_change", kind="stable")
