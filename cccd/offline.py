"""Serve folium's JavaScript and CSS from static/ instead of CDNs, so maps draw offline.

folium 0.20 puts CDN links in class attributes (folium.Map.default_js / default_css);
streamlit-folium reads the same attributes to load scripts into its iframe, and when one
script fails to load it draws nothing. The copies live in static/ (see static/README.md)
and Streamlit serves them at /app/static/ when server.enableStaticServing is on.
"""

import re

import branca.colormap
import folium
import folium.elements

# (folium's name for the asset, path under static/) in folium's load order.
MAP_JS: tuple[tuple[str, str], ...] = (
    ("leaflet", "leaflet/leaflet.js"),
    ("jquery", "jquery/jquery.min.js"),
    ("bootstrap", "bootstrap/js/bootstrap.bundle.min.js"),
    ("awesome_markers", "leaflet.awesome-markers/leaflet.awesome-markers.js"),
)
MAP_CSS: tuple[tuple[str, str], ...] = (
    ("leaflet_css", "leaflet/leaflet.css"),
    ("bootstrap_css", "bootstrap/css/bootstrap.min.css"),
    ("awesome_markers_font_css", "fontawesome/css/all.min.css"),
    ("awesome_markers_css", "leaflet.awesome-markers/leaflet.awesome-markers.css"),
    ("awesome_rotate_css", "folium/leaflet.awesome.rotate.css"),
)
# Bootstrap 3 glyphicons only draw icons on folium.Icon(prefix="glyphicon"); our maps have no
# such markers, so the link is dropped rather than vendored. Use prefix="fa" for icons.
DROPPED_CSS: frozenset[str] = frozenset({"glyphicons_css"})

# Our maps draw GeoJSON, DivIcon marks and circles: Leaflet alone. jQuery, Bootstrap and Font
# Awesome serve folium.Icon markers and Bootstrap-styled popups, and loading those seven files
# one after another costs the map's iframe ~0.3 s; use_local_assets(leaflet_only=False) if a map
# ever needs them.
LEAFLET_ONLY: frozenset[str] = frozenset({"leaflet", "leaflet_css"})

# folium's own lists, kept so tests can check that every asset is vendored or dropped.
FOLIUM_MAP_JS: tuple[tuple[str, str], ...] = tuple(folium.Map.default_js)
FOLIUM_MAP_CSS: tuple[tuple[str, str], ...] = tuple(folium.Map.default_css)

# st_folium adds these two whenever a branca colormap is anywhere in the map.
_COLORMAP_JS = (
    "https://d3js.org/d3.v4.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
)
_TAG_URL = re.compile(
    r"<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*[\"']((?:https?:)?//[^\"']+)[\"']",
    re.IGNORECASE,
)


def use_local_assets(prefix: str = "/app/static", leaflet_only: bool = True) -> None:
    """Point folium.Map's JS/CSS at the copies under static/, served at `prefix`.

    Idempotent. Call before st_folium renders a map (maps built earlier are covered too:
    folium reads the lists at render time). Behind server.baseUrlPath=X use "/X/app/static".
    leaflet_only: load Leaflet alone (see LEAFLET_ONLY), not folium's icon and popup assets.
    """
    base = prefix.rstrip("/")
    wanted = LEAFLET_ONLY if leaflet_only else {name for name, _ in (*MAP_JS, *MAP_CSS)}
    folium.Map.default_js = [(name, f"{base}/{path}") for name, path in MAP_JS if name in wanted]
    folium.Map.default_css = [(n, f"{base}/{path}") for n, path in MAP_CSS if n in wanted]


def cdn_urls_in(html: str) -> list[str]:
    """http(s) or protocol-relative URLs of <script src> / <link href> tags, in order, once each.

    Tile URL templates inside the map's JavaScript are data, not tags, and are not listed.
    """
    return list(dict.fromkeys(_TAG_URL.findall(html)))


def cdn_assets_of(element: folium.Element) -> list[str]:
    """Remote JS/CSS that st_folium would load into its iframe for this map, once each.

    Mirrors streamlit-folium 0.27's walk over the map: each element's default_js/default_css,
    plus two d3 builds for any branca colormap (a legend), which has no offline copy here.
    """
    urls: list[str] = []
    pending: list[folium.Element] = [element]
    while pending:
        node = pending.pop(0)
        if isinstance(node, branca.colormap.ColorMap):
            urls.extend(_COLORMAP_JS)
        if isinstance(node, folium.elements.JSCSSMixin):
            urls.extend(url for _, url in [*node.default_js, *node.default_css])
        pending.extend(getattr(node, "_children", {}).values())
    remote = (url for url in urls if re.match(r"(?:https?:)?//", url, re.IGNORECASE))
    return list(dict.fromkeys(remote))
