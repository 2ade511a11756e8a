"""Widgets of the districts page: controls, headline, one district's facts and the what-if."""

from datetime import date

import pandas as pd
import streamlit as st

from cccd import tables
from cccd.backtest import TypicalError
from cccd.campaign import DEADLINE
from cccd.fmt import fmt_date, fmt_int
from cccd.projection import Projection, Status, project_series, what_if_finish
from pages.widgets import METRIC_LABELS

CARDS_PER_TEAM_PER_DAY = 150  # a starting guess the user changes; not a measured figure


def projection_controls(dates: list[date]) -> tuple[date, str]:
    """Report date and metric for the projections."""
    as_of = st.select_slider(
        "Ngày số liệu", options=dates, value=dates[-1], format_func=fmt_date, key="d_as_of"
    )
    metric = st.radio("Chỉ số", list(METRIC_LABELS), format_func=METRIC_LABELS.get, key="d_metric")
    return as_of, metric


def projection_headline(districts: pd.DataFrame, as_of: date, error: TypicalError) -> None:
    """Days to the deadline, how many districts are on time or behind, the typical error."""
    on_time = districts["status"].isin([Status.DONE, Status.ON_TRACK]).sum()
    behind = districts["status"].isin([Status.AT_RISK, Status.OFF_TRACK]).sum()
    cols = st.columns(4)
    cols[0].metric("Số ngày đến hạn 30/06/2023", max((DEADLINE - as_of).days, 0))
    cols[1].metric("Quận/huyện kịp hạn", f"{on_time} / {len(districts)}")
    cols[2].metric("Có nguy cơ hoặc chậm", f"{behind} / {len(districts)}")
    if error.median_abs_days is None:
        cols[3].metric("Sai số điển hình của dự kiến", "chưa đủ dữ liệu")
        return
    cols[3].metric(
        "Sai số điển hình của dự kiến",
        f"± {error.median_abs_days:.0f} ngày",
        help=(
            f"Trung vị độ lệch giữa ngày dự kiến trước đây và ngày thực tế đạt chỉ tiêu, "
            f"{error.cases} lần kiểm tra ở cấp xã. {error.contradicted} dự kiến khác đã bị số "
            f"liệu sau đó bác bỏ; tính cả chúng, sai số ít nhất "
            f"{error.median_abs_days_at_least or 0:.0f} ngày."
        ),
    )


def select_district_row(table: pd.DataFrame) -> None:
    """Table callback: a selected row opens that district below."""
    rows = st.session_state["district_rows"].selection.rows
    if rows:
        st.session_state["detail_district"] = table.iloc[rows[0]][tables.CODE]


def district_projection(series: pd.Series, target: float, as_of: date) -> Projection:
    """The district's projection from its own cumulative series (the chart's numbers)."""
    return project_series(series.dropna(), target, as_of)


def projection_facts(projection: Projection) -> None:
    """Finish date with its range, required pace, gap ratio and status, in words."""
    st.metric("Trạng thái", tables.STATUS_LABELS[projection.status])
    if projection.finish is not None:
        low, high = projection.finish_early, projection.finish_late
        st.metric("Dự kiến hoàn thành", fmt_date(projection.finish))
        st.caption(f"Khoảng: {fmt_date(low)} – {fmt_date(high) if high else 'không rõ'}")
    pace, required = fmt_int(projection.pace), fmt_int(projection.required_pace)
    st.write(
        f"Tốc độ hiện tại: **{pace}**/ngày · cần: **{required}**/ngày · "
        f"còn lại: **{fmt_int(projection.remaining)}**"
    )


def what_if(projection: Projection) -> None:
    """Extra mobile teams × cards per team per day → the new projected date beside today's."""
    with st.container(border=True, key="what_if"):
        st.markdown("**Giả định: thêm đội lưu động**")
        teams = st.number_input("Số đội thêm", 0, 200, 0, key="extra_teams")
        per_team = st.number_input(
            "Thẻ mỗi đội trả một ngày", 1, 5000, CARDS_PER_TEAM_PER_DAY, key="per_team"
        )
        new_finish = what_if_finish(projection, int(teams), float(per_team))
        st.metric(
            "Dự kiến mới",
            fmt_date(new_finish) if new_finish else "không có tiến triển",
            help=f"Hiện nay: {fmt_date(projection.finish)}",
        )
        st.caption(f"Hiện nay: {fmt_date(projection.finish)}")
