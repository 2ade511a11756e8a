"""Smallest page that draws a folium map through st_folium from the vendored assets.

Run by tests/test_offline_browser.py. Streamlit serves static/ next to the main script, so
tests/apps/static is a symlink to the repository's static/. With MAP_ASSETS=cdn the page keeps
folium's CDN links: the control case, whose map must stay blank offline.
"""

import os

import folium
import streamlit as st
from streamlit_folium import st_folium

from cccd.offline import use_local_assets


def square(index: int) -> dict:
    """A 0.9° square GeoJSON feature east of the previous one, named for its tooltip."""
    west = 105.0 + index
    ring = [[west, 21.0], [west + 0.9, 21.0], [west + 0.9, 21.9], [west, 21.9], [west, 21.0]]
    return {
        "type": "Feature",
        "properties": {"name": f"Ô số {index + 1}"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


if os.environ.get("MAP_ASSETS") != "cdn":
    use_local_assets()
st.title("Offline map")
m = folium.Map(location=[21.45, 106.45], zoom_start=7, tiles=None)
folium.GeoJson(
    {"type": "FeatureCollection", "features": [square(i) for i in range(3)]},
    style_function=lambda _: {"fillColor": "#d9480f", "color": "#333", "weight": 1},
    tooltip=folium.GeoJsonTooltip(fields=["name"], aliases=["Ô"]),
).add_to(m)
st_folium(m, height=500, returned_objects=[], key="map")
