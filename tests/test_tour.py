"""The presenter's tour over the districts behind schedule."""

import pandas as pd
import pytest

from cccd import tour

DISTRICTS = pd.DataFrame(
    {
        "district_code": ["001", "002", "003", "004", "005"],
        "district_name": ["A", "B", "C", "D", "E"],
        "status": ["on_track", "at_risk", "off_track", "done", "stalled"],
        "completion": [0.8, 0.7, 0.75, 1.0, 0.6],
    }
)


def test_tour_goes_city_then_worst_districts_then_city():
    steps = tour.tour_steps(DISTRICTS, "Hà Nội")
    assert [step.district_code for step in steps] == [None, "003", "005", "002", None]
    assert steps[1].title == "C"


@pytest.mark.parametrize("step, forward, expected", [(0, True, 1), (4, True, 0), (0, False, 4)])
def test_steps_wrap_around(step, forward, expected):
    assert tour.step_after(step, 5, forward) == expected


def test_unfinished_communes_most_work_first():
    communes = pd.DataFrame(
        {
            "district_code": ["001", "001", "001", "002"],
            "commune_name": ["x", "y", "z", "w"],
            "status": ["on_track", "done", "off_track", "on_track"],
            "remaining": [10.0, 0.0, 50.0, 99.0],
        }
    )
    assert tour.unfinished_communes(communes, "001")["commune_name"].tolist() == ["z", "x"]


@pytest.mark.parametrize(
    "timer, playing, state, after",
    [
        (None, True, "manual", (tour.DEFAULT_TIMER, True)),  # Space starts the default timer
        (None, False, "manual", (tour.DEFAULT_TIMER, True)),  # an old pause is not inherited
        (20, True, "playing", (20, False)),  # Space pauses
        (20, False, "paused", (20, True)),  # and resumes
    ],
)
def test_space_does_what_the_state_says(timer, playing, state, after):
    clock = tour.TourClock(timer, playing)
    assert clock.state == state
    moved = clock.after_space()
    assert (moved.timer, moved.playing) == after


@pytest.mark.parametrize(
    "timer, playing, elapsed, left",
    [
        (20, True, 0.0, 20),
        (20, True, 7.2, 13),  # rounded up: "13 s" until the 13th second has passed
        (20, True, 19.99, 1),
        (20, True, 20.0, 0),  # time to move on
        (20, True, 31.0, 0),
        (20, False, 5.0, None),  # paused: no countdown
        (None, True, 5.0, None),  # no timer
    ],
)
def test_seconds_left_to_the_next_stop(timer, playing, elapsed, left):
    assert tour.TourClock(timer, playing).seconds_left(elapsed) == left
