"""Districts: projections with their range and status; one district's chart, communes, what-if."""

import streamlit as st

from cccd import charts, tables
from cccd.campaign import DEADLINE
from cccd.fmt import fmt_date, fmt_int
from pages import cached, widgets
from pages import forecast_widgets as forecast

widgets.require_store()
with st.sidebar:
    as_of, metric = forecast.projection_controls(cached.report_dates())
districts = cached.projections(as_of, metric)
names = cached.district_names()

st.title("Quận/huyện: dự kiến hoàn thành")
widgets.synthetic_notice()
forecast.projection_headline(districts, as_of, cached.typical_error(metric, "commune"))

st.subheader("30 quận/huyện")
st.caption(
    "Bấm tiêu đề cột để sắp xếp; chọn một dòng (hoặc dùng ô chọn bên dưới) để xem chi tiết. "
    "Khoảng dự kiến: ngày hoàn thành với tuần nhanh nhất và chậm nhất gần đây."
)
table = tables.projection_table(districts)
widgets.projection_dataframe(
    table, key="district_rows", on_select=lambda: forecast.select_district_row(table)
)
widgets.downloads(table, f"quan-huyen-{as_of:%Y-%m-%d}", key="districts_download")
widgets.slowing_districts(districts)

code = st.selectbox(
    "Xem chi tiết quận/huyện", list(names), format_func=names.get, key="detail_district"
)
row = districts.set_index("district_code").loc[code]
series, targets = cached.district_series(as_of, metric)
projection = forecast.district_projection(series[code], targets[code], as_of)

chart_col, side_col = st.columns([2, 1])
with chart_col:
    lines = charts.projection_frame(
        as_of,
        projection.value,
        projection.target,
        projection.finish,
        projection.finish_early,
        projection.finish_late,
    )
    title = f"{names[code]}: {widgets.METRIC_NOUNS[metric]} lũy kế và dự kiến"
    st.altair_chart(
        charts.district_chart(series[code].dropna(), targets[code], lines, DEADLINE, title),
        width="stretch",
    )
with side_col:
    forecast.projection_facts(projection)
    forecast.what_if(projection)

st.subheader(f"Các xã/phường của {names[code]}")
communes = cached.projections(as_of, metric, "commune")
commune_table = tables.projection_table(communes[communes["district_code"] == code], "commune")
widgets.projection_dataframe(commune_table, key="commune_rows")
widgets.downloads(commune_table, f"xa-phuong-{code}-{as_of:%Y-%m-%d}", key="communes_download")
st.caption(
    f"Hạn chót: {fmt_date(DEADLINE)} · chỉ tiêu quận/huyện: {fmt_int(row['target'])} · "
    "Cách tính: trang *Phương pháp*."
)
