"""Landing page: the commune map, headline figures, commune details and the district table."""

import streamlit as st
from streamlit_folium import st_folium

from cccd import legend, mapview, tables
from cccd.fmt import fmt_date, fmt_pct
from cccd.progress import city_summary
from pages import cached, widgets

widgets.require_store()
boundaries = cached.boundaries()
with st.sidebar:
    view = widgets.map_controls(cached.report_dates(), cached.district_names())

communes = cached.commune_progress(view.as_of)
summary = city_summary(communes, view.as_of, view.metric)
newly_done = cached.newly_at_target(view.as_of, view.since, view.metric)

st.title("Tiến độ cấp thẻ CCCD gắn chip – Hà Nội")
widgets.data_notices(boundaries)

cols = st.columns(4)
cols[0].metric(f"Toàn thành phố: {widgets.METRIC_NOUNS[view.metric]}", fmt_pct(summary.completion))
cols[1].metric("Xã/phường đạt chỉ tiêu", f"{summary.communes_at_target} / {summary.communes}")
cols[2].metric("Quận/huyện hoàn thành", f"{summary.districts_finished} / {summary.districts}")
cols[3].metric("Số liệu đến ngày", fmt_date(summary.as_of))

map_col, side_col = st.columns([3, 1])
with map_col:
    features = cached.map_features(view.as_of, view.metric)
    selected = st.session_state.get("selected_commune")
    center, zoom = widgets.map_view(features, view.district_code)
    layer_view = mapview.LayerView(view.district_code, selected, frozenset(newly_done), view.mode)
    st_folium(
        mapview.base_map(cached.district_shapes(), view.basemap),
        feature_group_to_add=mapview.commune_layer(features, layer_view),
        center=center,
        zoom=zoom,
        returned_objects=["last_active_drawing"],
        key="map",
        on_change=widgets.select_clicked_commune,
        height=mapview.MAP_HEIGHT,
        use_container_width=True,
    )
with side_col:
    widgets.commune_details(communes, selected)
    if view.mode == "remaining":
        scale = mapview.radius_scale(features["remaining"])
        html = legend.remaining_legend_html(features["remaining"].max(), scale, view.metric)
    else:
        html = legend.legend_html(view.metric, view.since)
    st.markdown(html, unsafe_allow_html=True)
    if view.since is not None:
        st.caption(f"{len(newly_done)} xã/phường mới đạt chỉ tiêu từ sau {fmt_date(view.since)}.")

st.subheader("Quận/huyện: tiến độ và ngày dự kiến hoàn thành")
st.caption(
    "Tốc độ: số tăng thêm trung bình mỗi ngày trong 7 ngày báo cáo gần nhất. Dự kiến hoàn "
    "thành: nếu giữ tốc độ đó. Xanh: kịp hạn 30/06/2023; cam: trễ hạn. Chi tiết, khoảng dự "
    "kiến và giả định thêm đội lưu động ở trang *Quận/huyện*."
)
districts = cached.projections(view.as_of, view.metric)
widgets.projection_dataframe(
    tables.projection_table(districts)[widgets.SUMMARY_COLUMNS], key="district_table"
)
widgets.slowing_districts(districts)
