"""Widgets of the districts page: controls, headline, one district's facts and the what-if."""

from datetime import date

import pandas as pd
import streamlit as st

from cccd import tables
from cccd.backtest import TypicalError
from cccd.i18n import Translator
from cccd.projection import Projection, Status, project_series, what_if_finish
from ui import cached
from ui.shell import lang, url_state
from ui.widgets import METRIC_LABELS, metric_choice

CARDS_PER_TEAM_PER_DAY = 150  # a starting guess the user changes; not a measured figure


URL_KEYS = {"date": "d_as_of", "metric": "d_metric", "district": "detail_district"}


def projection_controls(
    t: Translator, dates: list[date], district_names: dict[str, str]
) -> tuple[date, str]:
    """Report date and metric for the projections (the URL's, on a first visit)."""
    url_state.restore(
        URL_KEYS, {"date": dates, "metric": METRIC_LABELS, "district": district_names}
    )
    as_of = st.select_slider(
        t("control.as_of"),
        options=dates,
        format_func=t.day,
        key="d_as_of",
        **({} if "d_as_of" in st.session_state else {"value": dates[-1]}),
    )
    return as_of, metric_choice(t, key="d_metric")


def projection_headline(
    t: Translator, districts: pd.DataFrame, as_of: date, error: TypicalError
) -> None:
    """Days to the deadline, how many districts are on time or behind, the typical error."""
    on_time = districts["status"].isin([Status.DONE, Status.ON_TRACK]).sum()
    behind = districts["status"].isin([Status.AT_RISK, Status.OFF_TRACK]).sum()
    campaign = cached.campaign()
    cols = st.columns(4, vertical_alignment="bottom")  # a label on two lines keeps its figure level
    cols[0].metric(
        t("headline.days_left", deadline=t.day(campaign.deadline)), campaign.days_left(as_of)
    )
    cols[1].metric(t("headline.on_time"), f"{on_time} / {len(districts)}")
    cols[2].metric(t("headline.behind"), f"{behind} / {len(districts)}")
    if error.median_abs_days is None:
        cols[3].metric(t("headline.typical_error"), t("headline.not_enough_data"))
        return
    cols[3].metric(
        t("headline.typical_error"),
        # Singular only for exactly one day ("± 1 day"); Vietnamese has one form for both.
        t(
            "headline.error_days_one"
            if round(error.median_abs_days) == 1
            else "headline.error_days",
            days=t.number(error.median_abs_days),
        ),
        help=t(
            "headline.error_help",
            cases=t.number(error.cases),
            contradicted=t.number(error.contradicted),
            at_least=t.number(error.median_abs_days_at_least or 0),
        ),
    )


def select_district_row(table: pd.DataFrame) -> None:
    """Table callback: a selected row opens that district below."""
    rows = st.session_state["district_rows"].selection.rows
    if rows:
        st.session_state["detail_district"] = table.iloc[rows[0]][lang.current()(tables.CODE)]


def district_projection(
    series: pd.Series, target: float, as_of: date, deadline: date
) -> Projection:
    """The district's projection from its own cumulative series (the chart's numbers)."""
    return project_series(series.dropna(), target, as_of, deadline)


def projection_facts(t: Translator, projection: Projection) -> None:
    """Finish date with its range, required pace, gap ratio and status, in words."""
    st.metric(t(tables.STATUS), t(tables.STATUS_LABELS[projection.status]))
    if projection.finish is not None:
        low, high = projection.finish_early, projection.finish_late
        st.metric(t(tables.FINISH), t.day(projection.finish))
        late = t.day(high) if high else t("finish.unknown")
        st.caption(t("facts.range", early=t.day(low), late=late))
    st.write(
        t(
            "facts.pace",
            pace=t.number(projection.pace),
            required=t.number(projection.required_pace),
            remaining=t.number(projection.remaining),
        )
    )


def what_if(t: Translator, projection: Projection) -> None:
    """Extra mobile teams × cards per team per day → the new projected date beside today's."""
    with st.container(border=True, key="what_if"):
        st.markdown(f"**{t('whatif.heading')}**")
        teams = st.number_input(t("whatif.teams"), 0, 200, 0, key="extra_teams")
        per_team = st.number_input(
            t("whatif.per_team"), 1, 5000, CARDS_PER_TEAM_PER_DAY, key="per_team"
        )
        new_finish = what_if_finish(projection, int(teams), float(per_team))
        now = t("whatif.now", date=t.day(projection.finish))
        st.metric(
            t("whatif.new_finish"),
            t.day(new_finish) if new_finish else t("whatif.no_progress"),
            help=now,
        )
        st.caption(now)
