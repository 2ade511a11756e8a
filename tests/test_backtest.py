"""Back-test of projected finish dates on a handmade dataset and on the sample."""

import pandas as pd
import pytest
from test_projection import DEADLINE, UNITS, reports, series, steps

from cccd.backtest import OUTCOMES, TypicalError, backtest, typical_error
from cccd.campaign import HANOI_2023
from cccd.sample import generate_sample_reports
from loaders import reference

LAST = "2023-05-26"  # 12 daily reports from 15 May
FINISHES = series(steps((6, 5), (5, 20)), last=LAST)  # 30 on 21 May, then +20/day: 110 on 25 May
NEVER = series(steps((11, 10)), last=LAST)  # 10/day against a target of 1,000
STOPS = series(steps((6, 10), (5, 0)), last=LAST)  # 60 on 21 May, then nothing
TINY = reports(
    ("00001", 100, FINISHES, None), ("00002", 1000, NEVER, None), ("00003", 100, STOPS, None)
)


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return backtest(TINY, UNITS, DEADLINE, level="commune").set_index(["commune_code", "as_of"])


@pytest.mark.parametrize(
    "code, as_of, finish, outcome, error, at_least",
    [
        # pace 5 → 70 left in 14 days; target reached on 25 May
        ("00001", "2023-05-21", "2023-06-04", "known", 10, None),
        ("00001", "2023-05-22", "2023-05-29", "known", 4, None),  # 50/7 a day
        ("00001", "2023-05-23", "2023-05-27", "known", 2, None),  # 65/7 a day
        ("00001", "2023-05-24", "2023-05-25", "known", 0, None),  # 80/7 a day
        ("00001", "2023-05-25", "2023-05-25", "already_done", None, None),
        ("00002", "2023-05-21", "2023-08-23", "open", None, None),
        # projected for 25 May, not done by 26 May: finishes 27 May at the earliest
        ("00003", "2023-05-21", "2023-05-25", "contradicted", None, 2),
        ("00003", "2023-05-22", "2023-05-27", "open", None, None),
    ],
)
def test_backtest_rows(communes, code, as_of, finish, outcome, error, at_least):
    row = communes.loc[(code, day(as_of))]
    assert row["finish"] == day(finish)
    assert row["outcome"] == outcome
    assert (None if pd.isna(row["error_days"]) else row["error_days"]) == error
    assert (None if pd.isna(row["error_at_least_days"]) else row["error_at_least_days"]) == at_least


def test_backtest_starts_on_the_seventh_report_day(communes):
    dates = communes.index.get_level_values("as_of").unique()
    assert list(dates) == list(pd.date_range("2023-05-21", LAST))
    assert communes.loc[("00001", day("2023-05-21")), "actual"] == day("2023-05-25")
    assert communes.loc[("00002", day("2023-05-21")), "actual"] is pd.NaT


def test_typical_error(communes):
    assert typical_error(communes.reset_index()) == TypicalError(
        median_abs_days=3.0,  # of 10, 4, 2, 0
        median_days=3.0,
        cases=4,
        contradicted=1,
        open=11,
        median_abs_days_at_least=2.0,  # of 10, 4, 2, 0 and at least 2
    )


def test_district_backtest_sums_communes():
    frame = backtest(TINY, UNITS, DEADLINE).set_index(["district_code", "as_of"])
    assert frame.loc[("002", day("2023-05-21")), "outcome"] == "contradicted"  # only 00003
    assert set(frame.loc["001", "outcome"]) == {"open"}
    alone = reports(("00001", 100, FINISHES, None), ("00003", 100, FINISHES, None))
    errors = backtest(alone, UNITS, DEADLINE).dropna(subset="error_days")
    assert errors.groupby("district_code")["error_days"].agg(list).to_dict() == {
        "001": [10, 4, 2, 0],  # 00002 has no reports: it adds nothing, not zero
        "002": [10, 4, 2, 0],
    }


def test_fewer_than_seven_report_days_give_an_empty_backtest():
    short = reports(("00001", 100, series(steps((5, 10))), None))
    frame = backtest(short, UNITS, DEADLINE, level="commune")
    assert frame.empty
    assert typical_error(frame) == TypicalError(None, None, 0, 0, 0, None)


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    units = reference.units()
    return units, generate_sample_reports(units, reference.population())


@pytest.mark.parametrize("level, units_count", [("district", 30), ("commune", 579)])
def test_backtest_on_the_sample(sample, level, units_count):
    units, frame = sample
    result = backtest(frame, units, DEADLINE, level=level)
    assert len(result) == units_count * 9  # report days 21–29 May
    assert set(result["outcome"]) <= set(OUTCOMES)
    summary = typical_error(result)
    assert summary.cases > 0 and summary.median_abs_days is not None
    known = result[result["outcome"] == "known"]
    assert (known["actual"] > known["as_of"]).all()
    assert (known["actual"] >= pd.Timestamp("2023-05-27")).all()  # the last three report days
    assert known["actual"].max() <= pd.Timestamp(HANOI_2023.report_date)


def test_sample_backtest_cases(sample):
    units, frame = sample
    districts = typical_error(backtest(frame, units, DEADLINE))
    communes = typical_error(backtest(frame, units, DEADLINE, level="commune"))
    assert districts.cases >= 6  # Tây Hồ alone, projected daily from 21 May until it finished
    assert communes.cases > 100  # 45 communes at target, each projected on several days
