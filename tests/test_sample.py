"""The synthetic sample reproduces the 29 May 2023 progress report, exactly and reproducibly."""

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from cccd.campaign import HANOI_2023, PACE_WINDOW_DAYS
from cccd.sample import (
    AGED_14_PLUS_SHARE,
    SAMPLE_SEED,
    SHARE_TO_SERVE,
    generate_sample_reports,
)
from loaders import reference

TAY_HO, LONG_BIEN, HA_DONG, THUONG_TIN = "003", "004", "268", "279"
CAMPAIGN_START, REPORT_DATE, DEADLINE = (
    HANOI_2023.start,
    HANOI_2023.report_date,
    HANOI_2023.deadline,
)
WEEKENDS = [date(2023, 5, 20), date(2023, 5, 21), date(2023, 5, 27), date(2023, 5, 28)]


def sample(seed: int = SAMPLE_SEED) -> pd.DataFrame:
    return generate_sample_reports(reference.units(), reference.population(), seed)


def district_facts(reports: pd.DataFrame) -> pd.DataFrame:
    """Per district on REPORT_DATE: communes, at target, completion, pace, projected finish."""
    district_of = reference.units().set_index("commune_code")["district_code"]
    frame = reports.assign(district_code=reports["commune_code"].map(district_of))
    frame["at_target"] = frame["delivered"] >= frame["target"]
    day = frame.groupby(["as_of", "district_code"])
    totals = day.agg(
        communes=("commune_code", "size"),
        at_target=("at_target", "sum"),
        target=("target", "sum"),
        delivered=("delivered", "sum"),
    )
    last = totals.loc[pd.Timestamp(REPORT_DATE)]
    before = totals.loc[pd.Timestamp(REPORT_DATE - timedelta(days=PACE_WINDOW_DAYS))]
    last = last.assign(completion=last["delivered"] / last["target"])
    last["pace"] = (last["delivered"] - before["delivered"]) / PACE_WINDOW_DAYS
    remaining = (last["target"] - last["delivered"]).clip(lower=0)
    last["finish"] = [
        REPORT_DATE + timedelta(days=math.ceil(rest / pace))
        for rest, pace in zip(remaining, last["pace"], strict=True)
    ]
    last["late"] = last["finish"] > DEADLINE
    return last


@pytest.fixture(scope="module")
def reports() -> pd.DataFrame:
    return sample()


@pytest.fixture(scope="module")
def districts(reports: pd.DataFrame) -> pd.DataFrame:
    return district_facts(reports)


def test_one_row_per_commune_per_report_day_sorted(reports: pd.DataFrame) -> None:
    days = pd.date_range(CAMPAIGN_START, REPORT_DATE)
    assert len(days) == 15
    assert list(reports.columns) == ["as_of", "commune_code", "target", "delivered", "activated"]
    assert len(reports) == 579 * 15
    assert (reports["as_of"].unique() == days).all()
    assert reports.groupby("as_of")["commune_code"].nunique().eq(579).all()
    assert set(reports["commune_code"]) == set(reference.units()["commune_code"])
    assert reports.equals(reports.sort_values(["as_of", "commune_code"], ignore_index=True))


def test_columns_have_the_vocabulary_types(reports: pd.DataFrame) -> None:
    assert pd.api.types.is_datetime64_dtype(reports["as_of"])
    assert (reports["as_of"] == reports["as_of"].dt.normalize()).all()
    assert pd.api.types.is_string_dtype(reports["commune_code"])
    assert reports["commune_code"].str.fullmatch(r"\d{5}").all()
    for name in ["target", "delivered", "activated"]:
        assert reports[name].dtype == "int64"


def test_same_seed_same_frame_other_seed_other_frame() -> None:
    pd.testing.assert_frame_equal(sample(), sample())
    assert not sample().equals(sample(SAMPLE_SEED + 1))


def test_input_order_does_not_change_the_frame(reports: pd.DataFrame) -> None:
    units = reference.units().sample(frac=1.0, random_state=1)
    population = reference.population().iloc[::-1]
    pd.testing.assert_frame_equal(generate_sample_reports(units, population), reports)


@pytest.mark.parametrize("code", ["00001", "00004", "10417"])
def test_target_is_the_share_of_census_residents_still_to_serve(
    reports: pd.DataFrame, code: str
) -> None:
    population = reference.population().set_index("commune_code")["pop_total_2019"]
    targets = reports.loc[reports["commune_code"] == code, "target"]
    assert targets.nunique() == 1
    assert targets.iloc[0] == round(population[code] * AGED_14_PLUS_SHARE * SHARE_TO_SERVE)


def test_targets_are_a_few_thousand_per_commune(reports: pd.DataFrame) -> None:
    targets = reports.groupby("commune_code")["target"].first()
    assert 2_000 <= targets.median() <= 5_000
    assert targets.min() > 0


def wide(reports: pd.DataFrame, column: str) -> pd.DataFrame:
    return reports.pivot(index="commune_code", columns="as_of", values=column)


@pytest.mark.parametrize("column", ["delivered", "activated"])
def test_cumulative_counts_never_fall(reports: pd.DataFrame, column: str) -> None:
    assert (wide(reports, column).diff(axis=1).iloc[:, 1:] >= 0).all().all()


def test_delivered_never_exceeds_target_and_activated_never_exceeds_delivered(
    reports: pd.DataFrame,
) -> None:
    assert (reports["delivered"] <= reports["target"]).all()
    assert (reports["activated"] <= reports["delivered"]).all()


def test_activation_is_a_rising_plausible_share_of_delivered(reports: pd.DataFrame) -> None:
    share = reports["activated"] / reports["delivered"]
    assert share.between(0.39, 0.80).all()
    city = reports.groupby("as_of")[["activated", "delivered"]].sum()
    city_share = city["activated"] / city["delivered"]
    assert city_share.is_monotonic_increasing
    assert city_share.iloc[-1] - city_share.iloc[0] > 0.1


def test_work_before_the_campaign_counts_from_the_first_report(reports: pd.DataFrame) -> None:
    first = reports[reports["as_of"] == pd.Timestamp(CAMPAIGN_START)]
    completion = first["delivered"] / first["target"]
    assert completion.between(0.2, 0.99).all()


def test_weekends_deliver_less_than_any_weekday(reports: pd.DataFrame) -> None:
    daily = reports.groupby("as_of")["delivered"].sum().diff().iloc[1:]
    weekend = daily.index.isin(pd.to_datetime(WEEKENDS))
    assert daily[weekend].max() < daily[~weekend].min()


def test_a_commune_at_target_stops_at_exactly_target(reports: pd.DataFrame) -> None:
    delivered, target = wide(reports, "delivered"), wide(reports, "target")
    reached = delivered >= target
    assert (delivered[reached] == target[reached]).sum().sum() == reached.sum().sum()


@pytest.mark.parametrize(
    "district, low, high",
    [(TAY_HO, 1.0, 1.0), (LONG_BIEN, 0.88, 0.92), (HA_DONG, 0.68, 0.72)],
)
def test_reported_district_completion(
    districts: pd.DataFrame, district: str, low: float, high: float
) -> None:
    assert low <= districts.loc[district, "completion"] <= high


@pytest.mark.parametrize("district, communes, at_target", [(TAY_HO, 8, 8), (THUONG_TIN, 29, 9)])
def test_reported_communes_at_target(
    districts: pd.DataFrame, district: str, communes: int, at_target: int
) -> None:
    assert districts.loc[district, "communes"] == communes
    assert districts.loc[district, "at_target"] == at_target


def test_45_communes_at_target_and_tay_ho_the_only_finished_district(
    districts: pd.DataFrame,
) -> None:
    assert districts["at_target"].sum() == 45
    finished = districts.index[districts["at_target"] == districts["communes"]]
    assert list(finished) == [TAY_HO]


def test_ha_dong_is_the_laggard(districts: pd.DataFrame) -> None:
    assert districts["completion"].idxmin() == HA_DONG
    assert districts["finish"].idxmax() == HA_DONG


@pytest.mark.parametrize("district, late", [(TAY_HO, False), (LONG_BIEN, False), (HA_DONG, True)])
def test_reported_districts_project_on_time_or_late(
    districts: pd.DataFrame, district: str, late: bool
) -> None:
    assert districts.loc[district, "late"] == late


def test_some_districts_project_on_time_and_some_late(districts: pd.DataFrame) -> None:
    assert (~districts["late"]).sum() >= 8
    assert districts["late"].sum() >= 8
    assert districts.loc[TAY_HO, "finish"] == REPORT_DATE


@pytest.mark.parametrize("seed", [0, 1, 2, 12345])
def test_the_report_facts_hold_for_any_seed(seed: int) -> None:
    facts = district_facts(sample(seed))
    assert facts["at_target"].sum() == 45
    assert list(facts.index[facts["at_target"] == facts["communes"]]) == [TAY_HO]
    assert facts.loc[THUONG_TIN, "at_target"] == 9
    assert 0.88 <= facts.loc[LONG_BIEN, "completion"] <= 0.92
    assert 0.68 <= facts.loc[HA_DONG, "completion"] <= 0.72
    assert facts["late"].sum() >= 8 and (~facts["late"]).sum() >= 8
    assert facts.loc[HA_DONG, "late"] and not facts.loc[LONG_BIEN, "late"]
    assert np.isfinite(facts["pace"]).all() and (facts["pace"] > 0).all()
