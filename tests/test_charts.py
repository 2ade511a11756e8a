"""The district chart: projection lines, the band between the fastest and slowest weeks."""

from datetime import date

import pandas as pd
import pytest

from cccd import charts
from loaders import catalogue

T = catalogue.translator("vi", strict=True)

AS_OF = date(2023, 5, 29)
DEADLINE = date(2023, 6, 30)
SERIES = pd.Series(
    [100, 300, 800], index=pd.to_datetime(["2023-05-15", "2023-05-22", "2023-05-29"])
)


def test_projection_lines_run_from_today_to_the_target_at_each_finish():
    lines = charts.projection_frame(
        AS_OF, 800, 1000, date(2023, 6, 10), date(2023, 6, 5), date(2023, 6, 20)
    )
    ends = lines.groupby("line")["date"].max().dt.date.to_dict()
    assert ends == {
        "projected": date(2023, 6, 10),
        "early": date(2023, 6, 5),
        "late": date(2023, 6, 20),
    }
    assert set(lines["value"]) == {800, 1000}


@pytest.mark.parametrize(
    "finish, early, late, lines",
    [
        (None, None, None, set()),
        (date(2023, 6, 10), date(2023, 6, 5), None, {"projected", "early"}),
    ],
)
def test_a_missing_date_draws_no_line(finish, early, late, lines):
    frame = charts.projection_frame(AS_OF, 800, 1000, finish, early, late)
    assert set(frame["line"]) == lines


def test_chart_has_the_band_only_with_both_ends_of_the_range():
    full = charts.projection_frame(
        AS_OF, 800, 1000, date(2023, 6, 10), date(2023, 6, 5), date(2023, 6, 20)
    )
    with_band = charts.district_chart(T, SERIES, 1000, full, DEADLINE).to_dict()
    marks = [layer["mark"]["type"] for layer in with_band["layer"]]
    assert "area" in marks
    no_range = charts.projection_frame(AS_OF, 800, 1000, date(2023, 6, 10), None, None)
    marks = [
        layer["mark"]["type"]
        for layer in charts.district_chart(T, SERIES, 1000, no_range, DEADLINE).to_dict()["layer"]
    ]
    assert "area" not in marks and marks.count("line") == 2


def test_band_spans_the_slow_line_while_the_fast_one_reaches_the_target():
    full = charts.projection_frame(
        AS_OF, 800, 1000, date(2023, 6, 10), date(2023, 6, 8), date(2023, 6, 18)
    )
    band = charts._band(full).data
    assert band["low"].tolist() == [800, pytest.approx(900), 1000]
    assert band["high"].tolist() == [800, 1000, 1000]


def test_axis_titles_and_marks_follow_the_language():
    en = catalogue.translator("en", strict=True)
    lines = pd.DataFrame(columns=["line", "date", "value"])
    spec = charts.district_chart(en, SERIES, 1000, lines, DEADLINE).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Date"
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Cumulative count"
    texts = [layer["mark"].get("text") for layer in spec["layer"] if "text" in layer["mark"]]
    assert texts == ["Target", "Deadline 30/06"]


def test_the_deadline_rule_stands_on_the_campaigns_deadline():
    lines = pd.DataFrame(columns=["line", "date", "value"])
    spec = charts.district_chart(T, SERIES, 1000, lines, date(2023, 7, 31)).to_dict()
    texts = [layer["mark"].get("text") for layer in spec["layer"] if "text" in layer["mark"]]
    assert texts[-1].endswith("31/07")
    rule = next(
        layer for layer in spec["layer"] if layer["mark"].get("color") == charts.DEADLINE_COLOUR
    )
    assert spec["datasets"][rule["data"]["name"]] == [{"deadline": "2023-07-31T00:00:00"}]


@pytest.mark.parametrize("language, thousands", [("vi", "."), ("en", ","), ("fr", "\u202f")])
def test_axis_numbers_follow_the_language(language, thousands):
    from cccd.i18n import Translator
    from loaders.catalogue import translator

    t: Translator = translator(language, strict=True)
    lines = charts.projection_frame(AS_OF, 800, 1000, None, None, None)
    spec = charts.district_chart(t, SERIES, 1000, lines, DEADLINE).to_dict()
    assert spec["config"]["locale"]["number"]["thousands"] == thousands
