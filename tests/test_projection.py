"""Pace, projected finish, range, status and flags on series and frames built in code."""

from dataclasses import fields
from datetime import date

import numpy as np
import pandas as pd
import pytest

from cccd import unit_projection
from cccd.campaign import HANOI_2023
from cccd.projection import (
    PROJECTION_COLUMNS,
    Projection,
    Status,
    project_series,
    weekly_paces,
    what_if_finish,
)
from cccd.sample import generate_sample_reports
from cccd.unit_projection import project_units
from loaders import reference

DEADLINE, REPORT_DATE = HANOI_2023.deadline, HANOI_2023.report_date
AS_OF = date(2023, 5, 29)  # 32 days before the deadline


def series(values: list[int], last: str = "2023-05-29") -> pd.Series:
    """Daily cumulative values ending on `last`."""
    return pd.Series(values, index=pd.date_range(end=last, periods=len(values)), dtype="int64")


def steps(*runs: tuple[int, int], start: int = 0) -> list[int]:
    """Cumulative values from `start` after runs of (days, daily increase)."""
    values = [start]
    for days, step in runs:
        values += [values[-1] + step * (i + 1) for i in range(days)]
    return values


LINEAR = steps((14, 10))  # 0 … 140 over 15 days
CORRECTED = steps((10, 10)) + [80, 90, 100, 110]  # falls by 20 on 26 May
STALE = series(steps((10, 10)), last="2023-05-25")  # 4 days old on 29 May


def case(
    name: str,
    values: pd.Series,
    target: int,
    status: str,
    pace: float | None,
    finish: str | None,
    early: str | None = None,
    late: str | None = None,
    flags: tuple[str, ...] = (),
    as_of: date = AS_OF,
) -> object:
    """One row of the table (ISO dates); early/late None: the range collapses to the point."""
    finish = finish and date.fromisoformat(finish)
    early, late = (date.fromisoformat(x) if x else finish for x in (early, late))
    return pytest.param(values, target, as_of, status, pace, finish, early, late, flags, id=name)


# fmt: off
CASES = [
    case("linear", series(LINEAR), 400, "on_track", 10, "2023-06-24"),
    case("at_risk", series(LINEAR), 540, "at_risk", 10, "2023-07-08"),
    case("off_track", series(LINEAR), 780, "off_track", 10, "2023-08-01"),
    case("accelerating", series(steps((7, 5), (7, 10))), 425, "on_track", 10, "2023-06-30",
         early="2023-06-30", late="2023-08-01"),
    case("three_weeks", series(steps((7, 20), (7, 5), (7, 10))), 565, "on_track", 10,
         "2023-06-30", early="2023-06-14", late="2023-08-01"),
    case("stalled", series(steps((7, 10), (7, 0))), 400, "stalled", 0, None),
    case("correction", series(CORRECTED), 400, "on_track", 10, "2023-06-27",
         flags=("correction",)),
    case("old_correction_not_flagged", series([0, 50] + steps((21, 10), start=40)), 600,
         "at_risk", 10, "2023-07-03"),
    case("gaps", series(LINEAR).drop(pd.Timestamp("2023-05-25")), 400, "on_track", 10,
         "2023-06-24", flags=("gaps",)),
    case("done", series(LINEAR), 140, "done", 10, "2023-05-29"),
    case("over_target", series(LINEAR), 120, "done", 10, "2023-05-29", flags=("over_target",)),
    case("six_days", series(steps((5, 10))), 400, "insufficient_data", None, None),
    case("seven_days", series(steps((6, 10))), 400, "at_risk", 10, "2023-07-02"),
    case("stale", STALE, 400, "on_track", 10, "2023-06-28", flags=("stale",)),
    case("three_days_old_is_not_stale", series(steps((11, 10)), last="2023-05-26"), 400,
         "on_track", 10, "2023-06-27"),
    case("reports_after_as_of_ignored", series(LINEAR + [1000, 2000], last="2023-05-31"), 400,
         "on_track", 10, "2023-06-24"),
    case("past_deadline", series(LINEAR, last="2023-07-05"), 400, "off_track", 10, "2023-07-31",
         as_of=date(2023, 7, 5)),
]
# fmt: on


@pytest.mark.parametrize("values, target, as_of, status, pace, finish, early, late, flags", CASES)
def test_projection_table(values, target, as_of, status, pace, finish, early, late, flags):
    projected = project_series(values, target, as_of, DEADLINE)
    assert projected.status == status
    assert isinstance(projected.status, Status)
    assert projected.pace == (None if pace is None else pytest.approx(pace))
    assert projected.finish == finish
    assert (projected.finish_early, projected.finish_late) == (early, late)
    assert projected.flags == flags


@pytest.mark.parametrize(
    "values, target, as_of, remaining, required, gap, completion",
    [
        (series(LINEAR), 400, AS_OF, 260, 8.125, 0.8125, 0.35),
        (series(LINEAR), 540, AS_OF, 400, 12.5, 1.25, 140 / 540),
        (series(steps((7, 5), (7, 10))), 425, AS_OF, 320, 10.0, 1.0, 105 / 425),
        (series(steps((7, 10), (7, 0))), 400, AS_OF, 330, 10.3125, None, 70 / 400),
        (series(steps((5, 10))), 400, AS_OF, 350, 10.9375, None, 50 / 400),
        (series(LINEAR), 120, AS_OF, 0, 0.0, 0.0, 1.0),
        (series(LINEAR, last="2023-06-30"), 400, DEADLINE, 260, None, None, 0.35),
    ],
    ids=["on_track", "at_risk", "gap_exactly_1", "stalled", "six_days", "over_target", "deadline"],
)
def test_required_pace_and_gap_ratio(values, target, as_of, remaining, required, gap, completion):
    projected = project_series(values, target, as_of, DEADLINE)
    assert projected.remaining == remaining
    assert projected.required_pace == required
    assert projected.gap_ratio == gap
    assert projected.completion == pytest.approx(completion)


@pytest.mark.parametrize(
    "deadline, required, status",
    [(date(2023, 6, 30), 12.5, "at_risk"), (date(2023, 7, 31), 400 / 63, "on_track")],
    ids=["hanoi_2023", "a_month_later"],
)
def test_the_deadline_is_the_campaigns_not_a_constant(deadline, required, status):
    projected = project_series(series(LINEAR), 540, AS_OF, deadline)  # pace 10, 400 left
    assert projected.required_pace == pytest.approx(required)
    assert projected.status == status
    assert projected.finish == date(2023, 7, 8)  # the finish does not depend on the deadline


def test_projection_carries_its_inputs():
    projected = project_series(STALE, 400, AS_OF, DEADLINE)
    assert (projected.as_of, projected.target, projected.value) == (AS_OF, 400, 100)
    assert projected.last_report == date(2023, 5, 25)
    assert [f.name for f in fields(Projection)] == PROJECTION_COLUMNS


def test_no_report_up_to_as_of_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="no report on or before 2023-05-14"):
        project_series(series(LINEAR), 400, date(2023, 5, 14), DEADLINE)


@pytest.mark.parametrize(
    "values, paces",
    [
        (series(steps((5, 10))), []),
        (series(steps((6, 10))), [10.0]),
        (series(steps((7, 5), (7, 10))), [5.0, 10.0]),
        (series(steps((7, 20), (7, 5), (7, 10))), [20.0, 5.0, 10.0]),
        (series(steps((14, 20), (7, 5), (7, 10))), [20.0, 5.0, 10.0]),
        (series(steps((7, 10), (7, 0))), [10.0, 0.0]),
    ],
    ids=["six_days", "one_week", "two_weeks", "three_weeks", "four_weeks_keeps_3", "stalled"],
)
def test_weekly_paces_oldest_first(values, paces):
    assert weekly_paces(values, AS_OF) == pytest.approx(paces)


LINEAR_PROJECTION = project_series(series(LINEAR), 400, AS_OF, DEADLINE)  # pace 10, 260 left
STALLED = project_series(series(steps((7, 10), (7, 0))), 400, AS_OF, DEADLINE)  # pace 0, 330 left
SIX_DAYS = project_series(series(steps((5, 10))), 400, AS_OF, DEADLINE)  # pace None, 350 left
DONE = project_series(series(LINEAR), 140, AS_OF, DEADLINE)


@pytest.mark.parametrize(
    "projected, teams, per_team, finish",
    [
        (LINEAR_PROJECTION, 0, 50, date(2023, 6, 24)),
        (LINEAR_PROJECTION, 2, 5, date(2023, 6, 11)),
        (LINEAR_PROJECTION, 3, 10, date(2023, 6, 5)),
        (STALLED, 1, 10, date(2023, 7, 1)),
        (STALLED, 0, 10, None),
        (SIX_DAYS, 2, 25, date(2023, 6, 5)),
        (DONE, 0, 0, AS_OF),
    ],
    ids=["no_extra", "two_teams", "three_teams", "stalled", "stalled_no_teams", "no_pace", "done"],
)
def test_what_if_finish(projected, teams, per_team, finish):
    assert what_if_finish(projected, teams, per_team) == finish


UNITS = pd.DataFrame(
    {
        "commune_code": ["00001", "00002", "00003"],
        "commune_name": ["Phường A", "Phường B", "Xã C"],
        "district_code": ["001", "001", "002"],
        "district_name": ["Quận Một", "Quận Một", "Huyện Hai"],
    }
)


def reports(*communes: tuple[str, int, pd.Series, pd.Series | None]) -> pd.DataFrame:
    """Long reports from (code, target, delivered, activated or None = delivered // 2)."""
    frames = [
        pd.DataFrame(
            {
                "as_of": delivered.index,
                "commune_code": code,
                "target": target,
                "delivered": delivered.to_numpy(),
                "activated": (delivered // 2 if activated is None else activated).to_numpy(),
            }
        )
        for code, target, delivered, activated in communes
    ]
    return pd.concat(frames, ignore_index=True).sort_values(["as_of", "commune_code"])


def test_activated_uses_the_same_logic_and_target():
    activated = series(steps((7, 5), (7, 10)))
    frame = reports(("00001", 425, series(LINEAR), activated))
    row = project_units(frame, UNITS, AS_OF, DEADLINE, metric="activated", level="commune").iloc[0]
    expected = project_series(activated, 425, AS_OF, DEADLINE)
    assert row["status"] == expected.status == "on_track"
    assert row["finish"] == pd.Timestamp(expected.finish) == pd.Timestamp("2023-06-30")
    assert row["finish_late"] == pd.Timestamp("2023-08-01")
    assert row["pace"] == expected.pace == 10


TINY = reports(
    ("00001", 400, series(LINEAR), None),
    ("00002", 600, series(steps((14, 20), start=100)).drop(pd.Timestamp("2023-05-25")), None),
    ("00003", 100, series(steps((14, 5))), None),
)


def test_district_forward_fills_a_missing_commune_day_without_a_false_correction():
    frame = project_units(TINY, UNITS, AS_OF, DEADLINE).set_index("district_code")
    assert list(frame.index) == ["001", "002"]
    one = frame.loc["001"]
    assert (one["value"], one["target"], one["pace"]) == (520, 1000, 30)
    assert one["finish"] == pd.Timestamp("2023-06-14")
    assert one["flags"] == ("gaps",)  # from commune 00002; no correction
    assert (one["communes"], one["communes_at_target"], one["stale_communes"]) == (2, 0, 0)
    two = frame.loc["002"]
    assert (two["pace"], two["finish"], two["flags"]) == (5, pd.Timestamp("2023-06-04"), ())


def test_commune_level_keeps_each_communes_own_report_days():
    frame = project_units(TINY, UNITS, AS_OF, DEADLINE, level="commune").set_index("commune_code")
    assert frame.loc["00002", "pace"] == 20
    assert frame.loc["00002", "finish"] == pd.Timestamp("2023-06-09")
    assert frame.loc["00002", "flags"] == ("gaps",)
    assert frame.loc["00001", "flags"] == ()


def test_a_communes_late_first_report_is_not_a_surge():
    late = series(steps((4, 20), start=200))  # first report on 25 May
    frame = project_units(reports(("00001", 400, series(LINEAR), None), ("00002", 600, late, None)),
                          UNITS, AS_OF, DEADLINE).set_index("district_code")  # fmt: skip
    assert frame.loc["001", "pace"] == pytest.approx(150 / 7)


def test_a_unit_without_reports_has_no_data_not_zero():
    frame = project_units(
        TINY[TINY["commune_code"] != "00003"], UNITS, AS_OF, DEADLINE, level="commune"
    )
    row = frame.set_index("commune_code").loc["00003"]
    assert row["status"] == "insufficient_data"
    assert pd.isna(row["value"]) and pd.isna(row["finish"]) and pd.isna(row["last_report"])


def test_frame_columns():
    districts = project_units(TINY, UNITS, AS_OF, DEADLINE)
    communes = project_units(TINY, UNITS, AS_OF, DEADLINE, level="commune")
    extra = ["pace_change", "weekly_paces"]
    unit = ["district_code", "district_name", "communes", "communes_at_target", "stale_communes"]
    assert list(districts.columns) == unit + PROJECTION_COLUMNS + extra
    assert list(communes.columns) == list(UNITS.columns) + PROJECTION_COLUMNS + extra


@pytest.mark.parametrize("metric, level", [("cards", "district"), ("delivered", "city")])
def test_unknown_metric_or_level_is_refused(metric, level):
    with pytest.raises(ValueError, match="metric must be one of"):
        project_units(TINY, UNITS, AS_OF, DEADLINE, metric=metric, level=level)


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    units = reference.units()
    return units, generate_sample_reports(units, reference.population())


def test_sample_districts(sample):
    units, frame = sample
    districts = project_units(frame, units, REPORT_DATE, DEADLINE).set_index("district_code")
    assert len(districts) == 30
    assert districts.loc["003", "status"] == "done"  # Tây Hồ
    assert districts.loc["268", "status"] in ("off_track", "at_risk")  # Hà Đông
    assert districts["communes"].sum() == 579
    assert districts["communes_at_target"].sum() == 45


def test_sample_pace_is_the_7_day_difference_on_complete_daily_data(sample):
    units, frame = sample
    ours = project_units(frame, units, REPORT_DATE, DEADLINE).set_index("district_code")
    daily = frame.merge(units[["commune_code", "district_code"]], on="commune_code")
    totals = daily.pivot_table(
        index="as_of", columns="district_code", values="delivered", aggfunc="sum"
    )
    expected = (totals.iloc[-1] - totals.iloc[-8]) / 7
    assert ours["pace"].to_dict() == pytest.approx(expected.to_dict())
    remaining = (ours["target"] - ours["value"]).clip(lower=0)
    days = np.ceil(remaining / ours["pace"]).astype(int)
    finish = pd.Timestamp(REPORT_DATE) + pd.to_timedelta(days, unit="D")
    assert ours["finish"].to_dict() == finish.to_dict()


def test_sample_communes(sample):
    units, frame = sample
    communes = project_units(
        frame, units, REPORT_DATE, DEADLINE, metric="activated", level="commune"
    )
    assert len(communes) == 579
    assert communes["status"].isin([s.value for s in Status]).all()


def test_commune_problems_are_not_hidden_by_the_district_sum():
    corrected = series(CORRECTED)
    stale = series(steps((10, 20), start=100), last="2023-05-25")
    frame = project_units(reports(("00001", 400, corrected, None), ("00002", 600, stale, None)),
                          UNITS, AS_OF, DEADLINE).set_index("district_code")  # fmt: skip
    assert frame.loc["001", "flags"] == ("correction", "stale")
    assert frame.loc["001", "stale_communes"] == 1


def test_slowing_names_the_few_whose_pace_fell_well_below_the_need_sharpest_first():
    """The pages' and the pack's rule is the overview's (cccd.summary.slowing): a fall of a
    quarter or more AND a pace a tenth or more short of the need; not done, pace known."""
    frame = pd.DataFrame(
        {
            "district_code": ["a", "b", "c", "d", "e", "f", "g", "h"],
            "pace_change": [1.2, 0.5, float("nan"), 0.7, 0.9, 0.6, 0.5, 0.75],
            "pace": [10, 10, 10, 10, 10, 10, 10, 10],
            "required_pace": [20, 20, 20, 20, 20, 10.5, 20, 20],
            "status": [Status.AT_RISK] * 6 + [Status.DONE, Status.AT_RISK],
        }
    )
    assert list(unit_projection.slowing(frame)["district_code"]) == ["b", "d", "h"]
