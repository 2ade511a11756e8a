"""Landing page: the commune map, headline figures, commune details and the district table.

The map comes first: the page's containers are laid out in their order, and on a browser
session's first run the map is sent alone into its place, its view read from the URL and the
session (map_widgets.planned_controls), with the title and headline figures above it as one
block of HTML (cccd.headline). The rest (sidebar controls, details, legend, district table)
follows in the run the map starts when it has been drawn (map_widgets.map_first): rendering
those elements held the map's frame back by ~0.3-0.5 s.
"""

from datetime import date

import streamlit as st

from cccd import legend, mapview
from cccd.headline import headline_html
from cccd.i18n import Translator
from ui import cached, widgets
from ui import map as map_widgets
from ui.shell import lang


def headline(t: Translator, view: map_widgets.MapControls) -> None:
    """Title, data notices and the four headline figures, as one block of HTML that looks as
    Streamlit's title, alerts and metrics do (cccd.headline: those would hold the map back)."""
    summary = cached.city_summary(view.as_of, view.metric)
    figures = [
        (
            widgets.completion_label(t, t(widgets.METRIC_NOUNS[view.metric])),
            t.percent(summary.completion),
        ),
        (
            t("metric.communes_at_target"),
            t.fraction(summary.communes_at_target, summary.communes),
        ),
        (
            t("metric.districts_finished"),
            t.fraction(summary.districts_finished, summary.districts),
        ),
        (t("metric.as_of"), t.day(summary.as_of)),
    ]
    title = t("map.title", region=cached.region_name(t.language))
    notices = widgets.data_notice_texts(cached.boundary_source())
    st.html(headline_html(title, notices, figures))


def commune_map(
    t: Translator, view: map_widgets.MapControls, newly_done: frozenset, report_drawn: bool
) -> None:
    """The map at the view the controls give (a searched commune, a district, the area)."""
    center, zoom = map_widgets.map_view(
        cached.map_extents(), view.district_code, view.province_code
    )
    selected = st.session_state.get("selected_commune")
    layer_view = mapview.LayerView(view.district_code, selected, newly_done, view.mode)
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
        report_drawn=report_drawn,
    )


def beside_map(t: Translator, view: map_widgets.MapControls, newly_done: frozenset) -> None:
    """The selected commune's details, the legend and the newly-at-target line."""
    communes = cached.commune_progress(view.as_of)
    map_widgets.commune_details(t, communes, st.session_state.get("selected_commune"))
    if view.mode == "remaining":
        # The circles are scaled on what the map draws: districts in a country view.
        remaining = cached.layer_features(view.as_of, view.metric, t.language, scope(view))[
            "remaining"
        ]
        scale = mapview.radius_scale(remaining)
        html = legend.remaining_legend_html(t, remaining.max(), scale, view.metric)
    else:
        html = legend.legend_html(t, view.metric, view.since)
    # st.html, not st.markdown(unsafe_allow_html=True): the same box without the HTML-in-
    # markdown parser (~190 KB of JavaScript) the browser would load before drawing the map.
    st.html(html)
    if view.since is not None:
        st.caption(t("map.newly_done", count=len(newly_done), date=t.day(view.since)))


def scope(view: map_widgets.MapControls) -> str | None:
    """What the map draws: None for the whole area, else a province (cached.map_scope)."""
    return cached.map_scope(
        view.province_code, view.district_code, st.session_state.get("focus_commune")
    )


def district_table(t: Translator, view: map_widgets.MapControls) -> None:
    """The district table and the districts that slowed down."""
    st.subheader(t("map.districts_heading"))
    st.caption(t("map.districts_caption", deadline=t.day(cached.campaign().deadline)))
    # Plain HTML, not st.dataframe: the table is read here and worked with on the Districts
    # page (sorting, selection, downloads), and the data grid's JavaScript would hold up the map.
    st.html(cached.district_table_html(view.as_of, view.metric, t.language, view.province_code))
    widgets.slowing_districts(
        t, cached.slowing_districts(view.as_of, view.metric, view.province_code)
    )


def newly_at_target(view: map_widgets.MapControls) -> frozenset:
    """Communes at target on view.as_of that were not on view.since."""
    return frozenset(cached.newly_at_target(view.as_of, view.since, view.metric))


t = lang.current()
widgets.require_store()
dates: list[date] = cached.report_dates()
district_names = cached.district_names()
map_first = map_widgets.map_first()
# The page's places, in its order; each is filled below, the map's first.
controls = st.sidebar.container()
head = st.container()
map_col, side_col = st.columns([3, 1])
if map_first:
    lang.picker_later()
    view = map_widgets.planned_controls(dates, district_names)
    map_widgets.rest_if_map_silent()
else:
    with controls:
        view = map_widgets.map_controls(dates, district_names)
# The title and figures come with the map even on the first run: sent after it, they pushed the
# drawn map ~250 px down. In the page's own order, so that on a rerun they change with the map.
with head:
    headline(t, view)
newly_done = newly_at_target(view)
with map_col:
    commune_map(t, view, newly_done, report_drawn=map_first)
if not map_first:
    with map_col:
        if cached.overview() and scope(view) is None:
            st.caption(t("map.overview_hint"))
    with side_col:
        beside_map(t, view, newly_done)
    district_table(t, view)
