"""Leadership summary: one screen at 1920×1080 — headline figures, the map, who is behind."""

import streamlit as st

from cccd import mapview, summary, table_html
from cccd.legend import legend_html
from cccd.progress import city_summary
from ui import cached, handouts, screen_fit, widgets
from ui import exports as export_widgets
from ui import map as map_widgets
from ui.shell import lang

t = lang.current()
widgets.require_store()
dates = cached.report_dates()
as_of = dates[-1]
communes = cached.commune_progress(as_of)
city = city_summary(communes, as_of)
districts = cached.projections(as_of)
boundaries = cached.boundary_source()
# Up to 15 districts are listed whole; more scroll in a box (never on a phone, see below).
LISTED_WHOLE = 15

# On a phone the districts behind are read whole, not in a box scrolled inside the page.
st.html(
    "<style>@media (max-width: 640px) { .st-key-summary_behind .scroll "
    "{ max-height: none !important; overflow: visible !important; } }"
    ".cccd-legend-beside .legend { columns: 250px; line-height: 1.7 !important; }</style>"
)
screen_fit.wrap_labels()  # a long label (French at 1366 px) wraps, never ends in "…"
region = cached.region_name(t.language)
st.markdown(f"## {t('summary.heading', region=region, date=t.day(as_of))}")
widgets.compact_notices(t, boundaries)
cols = st.columns(4, vertical_alignment="bottom")  # figures in line when a label wraps
cols[0].metric(widgets.completion_label(t, t("noun.delivered")), t.percent(city.completion))
cols[1].metric(t("metric.communes_at_target"), t.fraction(city.communes_at_target, city.communes))
cols[2].metric(t("metric.districts_finished"), t.fraction(city.districts_finished, city.districts))
campaign = cached.campaign()
cols[3].metric(t("summary.days_left", date=t.day(campaign.deadline)), campaign.days_left(as_of))

map_col, side_col = st.columns([3, 2])
with map_col:
    features = cached.map_features(as_of, "delivered", t.language)
    # The map reaches the window's bottom edge (one screen at 1920×1080 and 1366×768).
    box = screen_fit.map_box("summary_window", bottom_px=24)
    if box is not None:  # the first run, before the browser reports the window, draws no map
        center, zoom = mapview.view_for(
            mapview.bounds_of(cached.map_extents()), box.width, box.height
        )
        map_widgets.commune_map(
            t,
            as_of,
            "delivered",
            mapview.LayerView(),
            key=f"summary_map_{box.width}x{box.height}",
            height=box.height,
            center=center,
            zoom=zoom,
        )
with side_col:
    # The legend beside the map, not over it: here the city fills the map's width.
    st.html(f'<div class="cccd-legend-beside">{legend_html(t)}</div>')
    behind = summary.behind_schedule(districts)
    with st.container(key="summary_behind"):
        st.markdown(f"**{t('summary.behind', count=len(behind))}**")
        # Plain HTML like the map page's table: read here, worked with on the Districts page.
        box_px = None if len(behind) <= LISTED_WHOLE else 560
        st.html(table_html.text_table_html(summary.behind_table(t, behind), height_px=box_px))
    earlier = [day for day in dates if day < as_of]
    since = st.selectbox(
        t("summary.since_meeting"),
        earlier[::-1],
        format_func=t.day,
        index=min(6, len(earlier) - 1) if earlier else None,
        key="since_meeting",
    )
    if since is not None:
        news = summary.since(
            communes, cached.commune_progress(since), districts, cached.projections(since)
        )
        st.markdown(summary.since_text(t, news, since))
    export_widgets.export_buttons(t, as_of, features, boundaries)
    handouts.handout_downloads(t, as_of)  # the deck and the one-file map, for meetings
