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

The ratio is exact only where the width limits the view. The home view (the whole area, on
every visit's first paint) is known with its bounds: it is fitted to them at the map's real
size, as the map's own fitBounds did when it was created, so the map is not reset to another
zoom (~40 ms of redrawing 579 shapes on each load at 1366-1600 px) and a phone's city view is
no smaller than it needs to be.
"""

import json

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
    var HOME = {{ this.home_json }};
    function fitted(zoom) {
        var width = map.getContainer().clientWidth;
        if (!(width > 0) || width >= WIDTH) { return zoom; }
        return Math.floor((zoom + Math.log2(width / WIDTH)) * 4 + 1e-9) / 4;
    }
    function isHome(center, zoom) {
        var at = L.latLng(center);
        return HOME !== null && zoom === HOME.zoom
            && Math.abs(at.lat - HOME.center[0]) < 1e-9 && Math.abs(at.lng - HOME.center[1]) < 1e-9;
    }
    // [centre, zoom] for a view st_folium asked for: the home view fitted to its bounds at
    // the map's size (no closer than the server's zoom), any other by the ratio of widths.
    function target(view) {
        if (!view.home || !(map.getSize().x > 0)) { return [view.center, fitted(view.zoom)]; }
        var bounds = L.latLngBounds(HOME.bounds);
        var zoom = Math.min(view.zoom, map.getBoundsZoom(bounds));
        var middle = map.project(bounds.getSouthWest(), zoom)
            .add(map.project(bounds.getNorthEast(), zoom)).divideBy(2);
        return [map.unproject(middle, zoom), zoom];
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
            asked = {center: center, zoom: zoom, home: isHome(center, zoom)};
            var view = target(asked);
            center = view[0];
            zoom = asked.got = view[1];
        }
        if (!mapVisible()) {
            options = Object.assign({}, options, {animate: false});
        }
        return setView.call(this, center, zoom, options);
    };
    map.on("resize", function () {
        if (!asked || map.getZoom() !== asked.got) { return; }
        var view = target(asked);
        if (view[1] !== asked.got) {
            asked.got = view[1];
            setView.call(map, view[0], view[1], {animate: false});
        }
    });
})({{ this._parent.get_name() }});
{% endmacro %}
"""


class ViewAtOnceWhileHidden(MacroElement):
    """Leaflet view changes are not animated while the map's frame does not show all of it,
    and st_folium's views fit the map's real width (see the module's docstring)."""

    _template = Template(_SCRIPT)

    def __init__(self, assumed_width: int, home: dict | None = None) -> None:
        super().__init__()
        self._name = "ViewAtOnceWhileHidden"
        self.assumed_width = int(assumed_width)
        self.home_json = json.dumps(home)


def add_view_fix(fmap: folium.Map, assumed_width: int, home: dict | None = None) -> folium.Map:
    """`fmap` with ViewAtOnceWhileHidden added (returns the map for chaining). `home`: the
    view the pages ask for the whole area, {"bounds": [[s, w], [n, e]], "center": [lat, lon],
    "zoom": z}, as mapview.view_for gives it for those bounds."""
    ViewAtOnceWhileHidden(assumed_width, home).add_to(fmap)
    return fmap
