"""Goal 5's Streamlit floor: /map's map and its district box, nothing else on the page.

The same calls pages/map.py makes for the map (ui/cached, ui/map.commune_map, ui/map.map_view)
and the same district box (key "district", in the sidebar), with no other control, figure,
legend or table: bench/many_viewers.py times a district change here as on /map, to show what a
change costs in Streamlit with the map alone.
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
names = cached.district_names()
with st.sidebar:
    district = st.selectbox(
        "district",
        [None, *names],
        format_func=lambda code: "Toàn thành phố" if code is None else names[code],
        key="district",
    )
center, zoom = map_widgets.map_view(cached.map_extents(), district)
map_widgets.commune_map(
    t,
    as_of,
    "delivered",
    mapview.LayerView(district_code=district),
    key="map",
    center=center,
    zoom=zoom,
    returned_objects=("last_active_drawing",),
    on_change=map_widgets.select_clicked_commune,
)
