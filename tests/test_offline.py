"""cccd.offline: folium maps reference only the copies under static/."""

import re
from pathlib import Path

import branca.colormap
import folium
import pytest

from cccd import offline

STATIC = Path(__file__).resolve().parents[1] / "static"


@pytest.fixture
def local_assets():
    """Switch folium to the vendored assets for one test, then restore its CDN lists."""
    saved = folium.Map.default_js, folium.Map.default_css
    offline.use_local_assets()
    yield
    folium.Map.default_js, folium.Map.default_css = saved


def squares_map() -> folium.Map:
    """The kind of map the app draws: no tiles, a GeoJson layer with tooltips, layer control."""
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"Xã {i}"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[i, 0], [i + 0.9, 0], [i + 0.9, 0.9], [i, 0.9], [i, 0]]],
            },
        }
        for i in range(3)
    ]
    m = folium.Map(location=[0.5, 1.5], zoom_start=7, tiles=None)
    folium.TileLayer("OpenStreetMap", name="Basemap", show=False).add_to(m)
    group = folium.FeatureGroup(name="Communes").add_to(m)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        tooltip=folium.GeoJsonTooltip(fields=["name"]),
    ).add_to(group)
    folium.LayerControl().add_to(m)
    return m


def test_rendered_map_links_no_cdn(local_assets):
    html = squares_map().get_root().render()
    assert offline.cdn_urls_in(html) == []
    assert "tile.openstreetmap.org" in html  # tiles are data in the JS, not asset tags


@pytest.mark.parametrize("leaflet_only, files", [(True, 2), (False, 9)])
def test_every_local_asset_path_exists(local_assets, leaflet_only, files):
    offline.use_local_assets(leaflet_only=leaflet_only)
    html = squares_map().get_root().render()
    paths = re.findall(r"""(?:src|href)=["']/app/static/([^"']+)["']""", html)
    assert len(paths) == files
    assert [p for p in paths if not (STATIC / p).is_file()] == []


def test_the_apps_maps_load_leaflet_alone(local_assets):
    html = squares_map().get_root().render()
    assert "leaflet/leaflet.js" in html and "leaflet/leaflet.css" in html
    assert "jquery" not in html and "bootstrap" not in html and "fontawesome" not in html


def test_css_references_resolve():
    for _, path in offline.MAP_CSS:
        css = STATIC / path
        for ref in re.findall(r"url\(['\"]?([^'\")]+)['\"]?\)", css.read_text()):
            if ref.startswith(("data:", "#")) or ref.endswith(".ttf"):
                continue  # .ttf: fallback after .woff2, not vendored (see static/README.md)
            assert (css.parent / ref).is_file(), f"{path} references missing {ref}"


def test_every_folium_asset_is_vendored_or_deliberately_dropped():
    assert [name for name, _ in offline.FOLIUM_MAP_JS] == [name for name, _ in offline.MAP_JS]
    folium_css = {name for name, _ in offline.FOLIUM_MAP_CSS}
    assert folium_css == {name for name, _ in offline.MAP_CSS} | offline.DROPPED_CSS


def test_use_local_assets_is_idempotent_and_takes_a_prefix(local_assets):
    offline.use_local_assets("/base/app/static/")
    offline.use_local_assets("/base/app/static/")
    assert dict(folium.Map.default_js)["leaflet"] == "/base/app/static/leaflet/leaflet.js"
    assert [name for name, _ in folium.Map.default_css] == ["leaflet_css"]


def test_what_st_folium_would_load_is_local(local_assets):
    assert offline.cdn_assets_of(squares_map()) == []


def test_a_colormap_legend_needs_the_internet(local_assets):
    m = squares_map()
    branca.colormap.LinearColormap(["white", "red"], vmin=0, vmax=1).add_to(m)
    assert "https://d3js.org/d3.v4.min.js" in offline.cdn_assets_of(m)
    assert offline.cdn_urls_in(m.get_root().render()) == [
        "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js"
    ]


@pytest.mark.parametrize(
    "html, urls",
    [
        ('<script src="https://a.example/x.js"></script>', ["https://a.example/x.js"]),
        ("<link rel='stylesheet' href='//b.example/y.css'/>", ["//b.example/y.css"]),
        ('<script src="/app/static/leaflet/leaflet.js"></script>', []),
        ('<a href="https://osm.org/copyright">OSM</a>', []),
        ('<script>L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png")</script>', []),
        ('<script src="http://c.example/z.js"></script>' * 2, ["http://c.example/z.js"]),
    ],
)
def test_cdn_urls_in(html, urls):
    assert offline.cdn_urls_in(html) == urls
