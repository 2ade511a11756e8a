"""Districts: projections with their range and status; one district's chart, communes, what-if."""

import streamlit as st

from cccd import charts, tables
from ui import cached, district_grid, exports, forecast, screen_fit, widgets
from ui.plain import plain
from ui.shell import lang, url_state

t = lang.current()
widgets.require_store()
deadline = cached.campaign().deadline
names = cached.district_names()
with st.sidebar:
    as_of, metric = forecast.projection_controls(t, cached.report_dates(), names)
districts = cached.projections(as_of, metric)

st.title(t("districts.title"))
screen_fit.wrap_labels()  # a long label (French at 1366 px) wraps, never ends in "…"
widgets.synthetic_notice()
forecast.projection_headline(t, districts, as_of, cached.typical_error(metric, "commune"))

st.subheader(t("districts.table_heading", count=len(districts)))
st.caption(f"{t('districts.table_caption')} {t('tables.grid.caption')}")
table = tables.projection_download(t, districts)
district_grid.projection_grid(
    t, table, "district", "district_rows", on_select=lambda: forecast.select_district_row(table)
)
exports.table_downloads(
    t,
    table,
    t("download.districts_file", date=f"{as_of:%Y-%m-%d}"),
    t("tables.sheet.districts"),
    key="districts_download",
)
widgets.slowing_districts(t, cached.slowing_districts(as_of, metric, None))

code = st.selectbox(
    t("districts.detail"), list(names), format_func=names.get, key="detail_district"
)
url_state.remember(
    {"date": as_of, "metric": metric, "district": code},
    {"date": cached.report_dates()[-1], "metric": "delivered"},
)
row = districts.set_index("district_code").loc[code]
series, targets = cached.district_series(as_of, metric)
projection = forecast.district_projection(series[code], targets[code], as_of, deadline)

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
    title = t("chart.title", district=names[code], noun=t(widgets.METRIC_NOUNS[metric]))
    # Above the chart, not in it: Vega cuts a title wider than its chart with "…" (a phone's).
    st.markdown(f"**{plain(title)}**")
    st.altair_chart(
        charts.district_chart(t, series[code].dropna(), targets[code], lines, deadline),
        width="stretch",
    )
with side_col:
    forecast.projection_facts(t, projection)
    forecast.what_if(t, projection)

st.subheader(t("districts.communes_heading", district=names[code]))
communes = cached.projections(as_of, metric, "commune")
communes = communes[communes["district_code"] == code]
commune_table = tables.projection_download(t, communes, "commune")
district_grid.projection_grid(t, commune_table, "commune", "commune_rows")
exports.table_downloads(
    t,
    commune_table,
    t("download.communes_file", code=code, date=f"{as_of:%Y-%m-%d}"),
    t("tables.sheet.communes"),
    key="communes_download",
)
st.caption(t("districts.footer", deadline=t.day(deadline), target=t.number(row["target"])))
