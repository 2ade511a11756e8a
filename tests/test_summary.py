"""The leadership summary: who is behind, and what changed since the last meeting."""

from datetime import date

import pandas as pd
import pytest

from cccd import summary
from loaders import catalogue

T = catalogue.translator("vi", strict=True)

DISTRICTS_NOW = pd.DataFrame(
    {
        "district_code": ["001", "002", "003"],
        "district_name": ["Quận A", "Quận B", "Huyện C"],
        "status": ["done", "off_track", "stalled"],
        "finish": pd.to_datetime(["2023-05-29", "2023-08-02", None]),
        "pace": [10.0, 5.0, 0.0],
        "required_pace": [0.0, 9.0, 4.0],
    }
)
DISTRICTS_THEN = DISTRICTS_NOW.assign(
    status=["on_track", "off_track", "at_risk"], pace=[12.0, 4.0, None]
)
COMMUNES_THEN = pd.DataFrame({"at_target": [False, True, False]})
COMMUNES_NOW = pd.DataFrame({"at_target": [True, True, False]})


def test_behind_lists_stalled_first_then_latest_finish():
    table = summary.behind_table(T, summary.behind_schedule(DISTRICTS_NOW))
    assert table["Quận/huyện"].tolist() == ["Huyện C", "Quận B"]
    assert table["Dự kiến xong"].tolist() == ["Đứng yên", "02/08/2023"]


def test_since_counts_new_finishers_and_slowdowns():
    news = summary.since(COMMUNES_NOW, COMMUNES_THEN, DISTRICTS_NOW, DISTRICTS_THEN)
    assert news.communes_finished == 1
    assert news.districts_finished == ["Quận A"]
    # A is done (needs no pace), B sped up, C had no pace before: nobody is slowing.
    assert news.districts_slowed == []
    text = summary.since_text(T, news, date(2023, 5, 22))
    assert "**1** xã/phường" in text and "Quận A" in text and "Chậm lại" not in text


def _pair(rows: list[tuple[str, float | None, float, float | None]]):
    """(status, pace then, pace now, required pace now) per district → (now, then) frames."""
    codes = [f"{i:03d}" for i in range(len(rows))]
    now = pd.DataFrame(
        {
            "district_code": codes,
            "district_name": [f"D{i}" for i in range(len(rows))],
            "status": [row[0] for row in rows],
            "pace": [row[2] for row in rows],
            "required_pace": [row[3] for row in rows],
        }
    )
    then = now.assign(pace=[row[1] for row in rows])
    return now, then


@pytest.mark.parametrize(
    "status, then, now, needed, slowing",
    [
        ("at_risk", 100.0, 70.0, 120.0, True),  # fell 30 %, 42 % short of the pace needed
        ("at_risk", 100.0, 75.0, 120.0, True),  # fell exactly a quarter
        ("at_risk", 100.0, 80.0, 120.0, False),  # fell 20 %: an ordinary wobble
        ("on_track", 100.0, 60.0, 50.0, False),  # fell 40 % but still faster than needed
        ("at_risk", 100.0, 60.0, 64.0, False),  # below the pace needed by less than a tenth
        ("at_risk", 100.0, 60.0, 66.7, True),  # a tenth short of the pace needed
        ("stalled", 100.0, 0.0, 50.0, True),  # stopped
        ("at_risk", None, 50.0, 80.0, False),  # no earlier pace: unknown, never a fall
        ("at_risk", 0.0, 0.0, 80.0, False),  # nothing then either: no fall
        ("insufficient_data", 100.0, None, 80.0, False),  # no pace now
        ("off_track", 100.0, 50.0, None, False),  # past the deadline: no required pace
        ("done", 100.0, 10.0, 0.0, False),  # finished
    ],
)
def test_slowing_means_a_clear_fall_and_short_of_the_pace_needed(
    status, then, now, needed, slowing
):
    districts_now, districts_then = _pair([(status, then, now, needed)])
    picked = summary.slowing(districts_now, districts_then)
    assert (len(picked) == 1) is slowing


def test_slowing_lists_the_sharpest_fall_first_with_its_change():
    now, then = _pair(
        [("at_risk", 100.0, 70.0, 120.0), ("at_risk", 100.0, 40.0, 120.0), ("on_track", 9, 9, 1)]
    )
    picked = summary.slowing(now, then)
    assert picked["district_name"].tolist() == ["D1", "D0"]
    assert picked["pace_change"].tolist() == pytest.approx([0.4, 0.7])


@pytest.mark.parametrize(
    "picked, districts, shown",
    [(0, 30, False), (1, 30, True), (7, 30, True), (8, 30, False), (29, 30, False), (1, 2, True)],
)
def test_the_slowing_line_shows_only_when_it_picks_out_a_few(picked, districts, shown):
    news = summary.SinceMeeting(0, [], [f"Quận {i}" for i in range(picked)], districts)
    text = summary.since_text(T, news, date(2023, 5, 22))
    assert ("Chậm lại" in text) is shown
