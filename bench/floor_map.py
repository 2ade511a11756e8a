"""Issue 18's floor (bench 2e): the app's /map map alone in a Streamlit page, nothing else on it.

The same calls pages/map.py makes for its default view (latest date, "delivered", ratio mode,
no district, no basemap, whole-city view, Vietnamese), through the same cached entry points,
so st_folium gets the same payload as on /map. No sidebar widgets, metrics, legend or district
table, no navigation: bench/browser_load.py times goto → 579 shapes drawn, to show what the map
costs in Streamlit without the rest of the page; /map's goal is 1.15× this, first visit and
returning.
"""

import streamlit as st

from cccd import mapview
from cccd.offline import use_local_assets
from loaders import catalogue
from ui import cached
from ui import map as map_widgets

st.set_page_config(layout="wide")
use_local_assets()
t = catalogue.translator("vi")
as_of = cached.report_dates()[-1]
features = cached.map_features(as_of, "delivered", t.language)
center, zoom = mapview.view_for(tuple(features.total_bounds))
map_widgets.commune_map(
    t,
    as_of,
    "delivered",
    mapview.LayerView(),
    key="map",
    center=center,
    zoom=zoom,
    returned_objects=("last_active_drawing",),
    on_change=map_widgets.select_clicked_commune,
)
