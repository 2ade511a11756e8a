"""The naive map page goal 2(c) compares against: full-precision geometry through folium.Choropleth.

No caching, no simplification: every run reads the densified commune file (written by
bench/browser_load.py, path in BENCH_FULL_GEOJSON), reads the store, and sends every vertex to
the browser through st_folium. The branca colormap folium.Choropleth adds would pull d3 from a
CDN (blocked offline), so it is removed: the shapes draw with the app's local Leaflet assets.
"""

import os

import branca.colormap
import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from cccd import progress
from cccd.offline import use_local_assets
from loaders import reference, store

use_local_assets()
st.title("Naive map: full-precision communes via folium.Choropleth")
communes = gpd.read_file(os.environ["BENCH_FULL_GEOJSON"])
engine = store.connect()
reports = store.read_reports(engine)
as_of = progress.report_dates(reports)[-1]
figures = progress.commune_progress(reports, reference.units(), as_of)
fmap = folium.Map(location=[21.0, 105.7], zoom_start=10, tiles=None)
choropleth = folium.Choropleth(
    geo_data=communes,
    data=figures,
    columns=["commune_code", "completion"],
    key_on="feature.properties.commune_code",
    fill_color="YlGnBu",
    legend_name=None,
    highlight=True,
)
for name, child in list(choropleth._children.items()):
    if isinstance(child, branca.colormap.ColorMap):
        del choropleth._children[name]
choropleth.color_scale = None
choropleth.add_to(fmap)
st_folium(fmap, height=680, use_container_width=True, returned_objects=[], key="naive")
