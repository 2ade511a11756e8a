"""The cumulative chart of one district: reports, target, projection with its range, deadline.

Altair builds a Vega-Lite spec that Streamlit draws with its own bundled Vega: no CDN involved.
"""

from datetime import date

import altair as alt
import pandas as pd

from cccd.i18n import Translator

ACTUAL = "#1f5f99"
PROJECTED = "#e66100"
# d3-format locales, so the axis reads 100.000 (vi), 100,000 (en), 100 000 (fr).
NUMBER_LOCALES = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
    "fr": {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", " €"]},
}
DEADLINE_COLOUR = "#b2182b"


def projection_frame(
    as_of: date,
    value: float,
    target: float,
    finish: date | None,
    early: date | None,
    late: date | None,
) -> pd.DataFrame:
    """Straight lines from (as_of, value) to the target at the finish, earliest and latest dates.

    A missing date (no pace, or the slowest week made no progress) draws no line.
    """
    rows = []
    for line, end in (("projected", finish), ("early", early), ("late", late)):
        if end is None or pd.isna(end):
            continue
        rows += [(line, pd.Timestamp(as_of), value), (line, pd.Timestamp(end), max(value, target))]
    return pd.DataFrame(rows, columns=["line", "date", "value"])


def district_chart(
    t: Translator,
    series: pd.Series,
    target: float,
    projection: pd.DataFrame,
    deadline: date,
    title: str = "",
) -> alt.LayerChart:
    """Reported cumulative values, the target line, the projection and its band, the campaign's
    `deadline`.

    Axis titles and marks are in t's language.
    """
    actual = pd.DataFrame({"date": pd.to_datetime(series.index), "value": series.to_numpy()})
    base = alt.Chart(actual).encode(
        x=alt.X("date:T", title=t("chart.date"), axis=alt.Axis(format="%d/%m")),
        y=alt.Y("value:Q", title=t("chart.cumulative")),
    )
    layers = [
        base.mark_line(point=True, color=ACTUAL, strokeWidth=3),
        alt.Chart(pd.DataFrame({"target": [target]}))
        .mark_rule(color="#333", strokeDash=[6, 3])
        .encode(y="target:Q"),
        alt.Chart(pd.DataFrame({"target": [target], "date": [actual["date"].min()]}))
        .mark_text(text=t("chart.target"), align="left", dy=-8, color="#333")
        .encode(x="date:T", y="target:Q"),
        alt.Chart(pd.DataFrame({"deadline": [pd.Timestamp(deadline)]}))
        .mark_rule(color=DEADLINE_COLOUR, strokeWidth=2)
        .encode(x="deadline:T"),
        alt.Chart(pd.DataFrame({"deadline": [pd.Timestamp(deadline)], "value": [0]}))
        .mark_text(
            text=t("chart.deadline", date=f"{deadline:%d/%m}"),
            align="left",
            dx=4,
            dy=-6,
            color=DEADLINE_COLOUR,
        )
        .encode(x="deadline:T", y="value:Q"),
    ]
    band = _band(projection)
    if band is not None:
        layers.append(band)
    middle = projection[projection["line"] == "projected"]
    if not middle.empty:
        layers.append(
            alt.Chart(middle)
            .mark_line(color=PROJECTED, strokeDash=[8, 4], strokeWidth=3)
            .encode(x="date:T", y="value:Q")
        )
    chart = alt.layer(*layers).properties(title=title, height=380)
    return chart.configure(locale={"number": NUMBER_LOCALES[t.language]})


def _band(projection: pd.DataFrame) -> alt.Chart | None:
    """The area between the fastest and slowest projected lines (the range of recent paces).

    Both start at today's value; the fast line reaches the target first, then the band runs
    along the target until the slow line reaches it too.
    """
    early = projection[projection["line"] == "early"]
    late = projection[projection["line"] == "late"]
    if early.empty or late.empty:
        return None
    (start, early_end), (value, target) = early["date"], early["value"]
    corners = pd.DataFrame(
        {
            "date": [start, early_end, late["date"].iloc[1]],
            "low": [value, _interpolate(late, early_end), target],
            "high": [value, target, target],
        }
    )
    return (
        alt.Chart(corners)
        .mark_area(color=PROJECTED, opacity=0.18)
        .encode(x="date:T", y="low:Q", y2="high:Q")
    )


def _interpolate(line: pd.DataFrame, when: pd.Timestamp) -> float:
    (t0, v0), (t1, v1) = zip(line["date"], line["value"], strict=True)
    span = (t1 - t0).days
    return float(v1 if span <= 0 else v0 + (v1 - v0) * min((when - t0).days / span, 1.0))
