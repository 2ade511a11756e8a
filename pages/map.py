"""Landing page: the commune map, headline figures, commune details and the district table."""

import streamlit as st
from streamlit_folium import st_folium

from cccd import mapview, tables
from cccd.fmt import fmt_date, fmt_pct
from cccd.legend import legend_html
from cccd.progress import city_summary
from pages import cached, widgets

CITY = "Toàn thành phố"

widgets.require_store()
as_of = cached.report_dates()[-1]
communes = cached.commune_progress(as_of)
districts = cached.district_progress(as_of)
summary = city_summary(communes, districts, as_of)
boundaries = cached.boundaries()

st.title("Tiến độ cấp thẻ CCCD gắn chip – Hà Nội")
widgets.data_notices(boundaries)

with st.sidebar:
    district_names = dict(zip(districts["district_code"], districts["district_name"], strict=True))
    district_code = st.selectbox(
        "Quận/huyện",
        [None, *district_names],
        format_func=lambda code: CITY if code is None else district_names[code],
        key="district",
        on_change=widgets.forget_focus,
    )
    widgets.commune_search(communes)
    basemap = st.radio(
        "Nền bản đồ",
        list(mapview.BASEMAPS),
        format_func=widgets.BASEMAP_LABELS.get,
        key="basemap",
        help="“Không nền” vẽ bản đồ không cần Internet (phòng họp, ngoại tuyến).",
    )

cols = st.columns(4)
cols[0].metric("Hoàn thành toàn thành phố", fmt_pct(summary.completion))
cols[1].metric("Xã/phường đạt chỉ tiêu", f"{summary.communes_at_target} / {summary.communes}")
cols[2].metric("Quận/huyện hoàn thành", f"{summary.districts_finished} / {summary.districts}")
cols[3].metric("Số liệu đến ngày", fmt_date(summary.as_of))

map_col, side_col = st.columns([3, 1])
with map_col:
    features = cached.map_features(as_of)
    selected = st.session_state.get("selected_commune")
    center, zoom = widgets.map_view(features, district_code)
    st_folium(
        mapview.base_map(cached.district_shapes(), basemap),
        feature_group_to_add=mapview.commune_layer(features, district_code, selected),
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
    st.markdown(legend_html(), unsafe_allow_html=True)

st.subheader("Quận/huyện: tiến độ và ngày dự kiến hoàn thành")
st.caption(
    "Tốc độ: số thẻ trả thêm trung bình mỗi ngày trong 7 ngày báo cáo gần nhất. "
    "Dự kiến hoàn thành: nếu giữ tốc độ đó. Xanh: kịp hạn 30/06/2023; cam: trễ hạn."
)
table = tables.district_table(districts)
st.dataframe(
    table.style.apply(tables.finish_colours, axis=None),
    hide_index=True,
    width="stretch",
    column_config={
        "Hoàn thành (%)": st.column_config.ProgressColumn(
            "Hoàn thành (%)", min_value=0, max_value=100, format="%.1f %%"
        ),
        "Tốc độ 7 ngày (thẻ/ngày)": st.column_config.NumberColumn(format="%d"),
    },
    height=(len(table) + 1) * 35 + 3,
)
