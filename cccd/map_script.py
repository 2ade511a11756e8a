"""JavaScript added to the folium map itself, for what only the browser shows.

A link such as /map?district=268 opens with st_folium applying the district's view (setView)
right after it creates the map, while its iframe is still 0 px tall. Leaflet then animates the
zoom in a frame the browser is not painting, and Chromium kept the shapes painted for the old
frame: the lower third of the map stayed an empty grey block until the map was dragged
(measured: 240 of 680 rows grey, the DOM's paths all in place). Choosing the district from the
sidebar animates a visible map and drew fully. So a view change is animated only while the
whole map is visible in its frame; otherwise it is applied at once.

The view st_folium sets (a district, the city, a commune found) is fitted on the server for a
map `assumed_width` px wide (mapview.view_for), since the server does not know the window. A
narrower map (~670 px at 1366, ~360 on a phone) would cut the district's sides off, so such a
view is zoomed out by the ratio of the widths: the same area stays in view. st_folium's calls
are told from Leaflet's own (zoom buttons, the wheel, fitBounds) by their two arguments; Leaflet
passes its options. When only the centre changes, st_folium passes the map's current zoom.
"""

import folium
from branca.element import MacroElement
from jinja2 import Template

_SCRIPT = """
{% macro script(this, kwargs) %}
(function (map) {
    function mapVisible() {
        var box = map.getContainer().getBoundingClientRect();
        return box.height > 0 && window.innerHeight >= box.bottom && !document.hidden;
    }
    var WIDTH = {{ this.assumed_width }};
    function fitted(zoom) {
        var width = map.getContainer().clientWidth;
        if (!(width > 0) || width >= WIDTH) { return zoom; }
        return Math.floor((zoom + Math.log2(width / WIDTH)) * 4 + 1e-9) / 4;
    }
    // st_folium's last view, and the zoom it got; fitted again when the frame's width changes
    // (a phone lays the frame out narrow first), unless someone has zoomed since.
    var asked = null;
    var setView = map.setView;
    map.setView = function (center, zoom, options) {
        if (arguments.length === 2) {
            // When only the centre changes (a district as wide as the last one), st_folium
            // passes the map's current zoom, already fitted: fit the server's zoom, which it
            // keeps as last_zoom, not that one again.
            var server = (window.__GLOBAL_DATA__ || {}).last_zoom;
            if (typeof server === "number") { zoom = server; }
            asked = {center: center, zoom: zoom, got: fitted(zoom)};
            zoom = asked.got;
        }
        if (!mapVisible()) {
            options = Object.assign({}, options, {animate: false});
        }
        return setView.call(this, center, zoom, options);
    };
    map.on("resize", function () {
        if (!asked || map.getZoom() !== asked.got) { return; }
        var zoom = fitted(asked.zoom);
        if (zoom !== asked.got) {
            asked.got = zoom;
            setView.call(map, asked.center, zoom, {animate: false});
        }
    });
})({{ this._parent.get_name() }});
{% endmacro %}
"""


class ViewAtOnceWhileHidden(MacroElement):
    """Leaflet view changes are not animated while the map's frame does not show all of it,
    and st_folium's views fit the map's real width (see the module's docstring)."""

    _template = Template(_SCRIPT)

    def __init__(self, assumed_width: int) -> None:
        super().__init__()
        self._name = "ViewAtOnceWhileHidden"
        self.assumed_width = int(assumed_width)


def add_view_fix(fmap: folium.Map, assumed_width: int) -> folium.Map:
    """`fmap` with ViewAtOnceWhileHidden added (returns the map for chaining)."""
    ViewAtOnceWhileHidden(assumed_width).add_to(fmap)
    return fmap
