"""Completion, pace and projection on small frames built in code."""

from datetime import date

import pandas as pd
import pytest

from cccd import progress

UNITS = pd.DataFrame(
    {
        "commune_code": ["00001", "00002", "00003"],
        "commune_name": ["Phường A", "Phường B", "Xã C"],
        "district_code": ["001", "001", "002"],
        "district_name": ["Quận Một", "Quận Một", "Huyện Hai"],
    }
)


def reports(rows: list[tuple[str, str, int, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["as_of", "commune_code", "target", "delivered", "activated"]
    )
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    return frame


def daily(code: str, target: int, start: int, step: int, days: int, first: str = "2023-05-15"):
    dates = pd.date_range(first, periods=days)
    return [
        (str(d.date()), code, target, start + step * i, (start + step * i) // 2)
        for i, d in enumerate(dates)
    ]


def test_commune_progress_takes_the_last_report_on_or_before_as_of():
    frame = reports(daily("00001", 100, 10, 10, 5))
    rows = progress.commune_progress(frame, UNITS, date(2023, 5, 17)).set_index("commune_code")
    assert rows.loc["00001", "delivered"] == 30
    assert rows.loc["00001", "completion"] == pytest.approx(0.3)
    assert rows.loc["00001", "activation"] == pytest.approx(0.15)
    assert rows.loc["00001", "last_report"] == pd.Timestamp("2023-05-17")


def test_a_commune_without_reports_has_no_data_not_zero():
    frame = reports(daily("00001", 100, 10, 10, 5))
    rows = progress.commune_progress(frame, UNITS, date(2023, 5, 19)).set_index("commune_code")
    assert pd.isna(rows.loc["00002", "completion"])
    assert not rows.loc["00002", "at_target"]


@pytest.mark.parametrize(
    "delivered, target, at_target",
    [(99, 100, False), (100, 100, True), (120, 100, True), (0, 0, False)],
)
def test_at_target_means_delivered_reaches_a_positive_target(delivered, target, at_target):
    frame = reports([("2023-05-15", "00001", target, delivered, 0)])
    rows = progress.commune_progress(frame, UNITS, date(2023, 5, 15)).set_index("commune_code")
    assert rows.loc["00001", "at_target"] == at_target


def test_city_summary_counts():
    rows = daily("00001", 100, 100, 0, 3) + daily("00002", 100, 50, 0, 3)
    as_of = date(2023, 5, 17)
    frame = reports(rows)
    summary = progress.city_summary(progress.commune_progress(frame, UNITS, as_of), as_of)
    assert summary.completion == pytest.approx(0.75)
    assert (summary.communes_at_target, summary.communes, summary.communes_with_data) == (1, 3, 2)
    assert (summary.districts_finished, summary.districts) == (0, 2)
    activation = progress.city_summary(
        progress.commune_progress(frame, UNITS, as_of), as_of, "activated"
    )
    assert activation.completion == pytest.approx(0.375)
    assert activation.communes_at_target == 0


def test_newly_at_target_lists_communes_that_crossed_since_the_earlier_date():
    frame = reports(daily("00001", 30, 10, 10, 3) + daily("00002", 10, 10, 0, 3))
    then = progress.commune_progress(frame, UNITS, date(2023, 5, 15))
    now = progress.commune_progress(frame, UNITS, date(2023, 5, 17))
    assert progress.newly_at_target(now, then) == {"00001"}
