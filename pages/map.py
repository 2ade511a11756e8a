"""Landing page: the commune map, headline figures, commune details and the district table."""

import streamlit as st

from cccd import legend, mapview
from ui import cached, widgets
from ui import map as map_widgets
from ui.shell import lang

t = lang.current()
widgets.require_store()
boundaries = cached.boundary_source()
with st.sidebar:
    view = map_widgets.map_controls(cached.report_dates(), cached.district_names())

communes = cached.commune_progress(view.as_of)
summary = cached.city_summary(view.as_of, view.metric)
newly_done = cached.newly_at_target(view.as_of, view.since, view.metric)

st.title(t("map.title", region=cached.region_name(t.language)))
widgets.data_notices(boundaries)

cols = st.columns(4)
cols[0].metric(
    widgets.completion_label(t, t(widgets.METRIC_NOUNS[view.metric])),
    t.percent(summary.completion),
)
cols[1].metric(
    t("metric.communes_at_target"), t.fraction(summary.communes_at_target, summary.communes)
)
cols[2].metric(
    t("metric.districts_finished"), t.fraction(summary.districts_finished, summary.districts)
)
cols[3].metric(t("metric.as_of"), t.day(summary.as_of))

map_col, side_col = st.columns([3, 1])
with map_col:
    selected = st.session_state.get("selected_commune")
    center, zoom = map_widgets.map_view(
        cached.map_extents(), view.district_code, view.province_code
    )
    layer_view = mapview.LayerView(view.district_code, selected, frozenset(newly_done), view.mode)
    map_widgets.commune_map(
        t,
        view.as_of,
        view.metric,
        layer_view,
        key="map",
        basemap=view.basemap,
        center=center,
        zoom=zoom,
        returned_objects=("last_active_drawing",),
        on_change=map_widgets.select_clicked_commune,
        province_code=view.province_code,
    )
    scope = cached.map_scope(
        view.province_code, view.district_code, st.session_state.get("focus_commune")
    )
    if cached.overview() and scope is None:
        st.caption(t("map.overview_hint"))
with side_col:
    map_widgets.commune_details(t, communes, selected)
    if view.mode == "remaining":
        # The circles are scaled on what the map draws: districts in a country view.
        remaining = cached.layer_features(view.as_of, view.metric, t.language, scope)["remaining"]
        scale = mapview.radius_scale(remaining)
        html = legend.remaining_legend_html(t, remaining.max(), scale, view.metric)
    else:
        html = legend.legend_html(t, view.metric, view.since)
    # st.html, not st.markdown(unsafe_allow_html=True): the same box without the HTML-in-
    # markdown parser (~190 KB of JavaScript) the browser would load before drawing the map.
    st.html(html)
    if view.since is not None:
        st.caption(t("map.newly_done", count=len(newly_done), date=t.day(view.since)))

st.subheader(t("map.districts_heading"))
st.caption(t("map.districts_caption", deadline=t.day(cached.campaign().deadline)))
# Plain HTML, not st.dataframe: the table is read here and worked with on the Districts page
# (sorting, selection, downloads), and the data grid's JavaScript would hold up the map.
st.html(cached.district_table_html(view.as_of, view.metric, t.language, view.province_code))
widgets.slowing_districts(t, cached.slowing_districts(view.as_of, view.metric, view.province_code))
