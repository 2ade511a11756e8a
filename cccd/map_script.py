"""JavaScript added to the folium map itself, for what only the browser shows.

A link such as /map?district=268 opens with st_folium applying the district's view (setView)
right after it creates the map, while its iframe is still 0 px tall. Leaflet then animates the
zoom in a frame the browser is not painting, and Chromium kept the shapes painted for the old
frame: the lower third of the map stayed an empty grey block until the map was dragged
(measured: 240 of 680 rows grey, the DOM's paths all in place). Choosing the district from the
sidebar animates a visible map and drew fully. So a view change is animated only while the
whole map is visible in its frame; otherwise it is applied at once.
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
    var setView = map.setView;
    map.setView = function (center, zoom, options) {
        if (!mapVisible()) {
            options = Object.assign({}, options, {animate: false});
        }
        return setView.call(this, center, zoom, options);
    };
})({{ this._parent.get_name() }});
{% endmacro %}
"""


class ViewAtOnceWhileHidden(MacroElement):
    """Leaflet view changes are not animated while the map's frame does not show all of it
    (see the module's docstring)."""

    _template = Template(_SCRIPT)

    def __init__(self) -> None:
        super().__init__()
        self._name = "ViewAtOnceWhileHidden"


def add_view_fix(fmap: folium.Map) -> folium.Map:
    """`fmap` with ViewAtOnceWhileHidden added (returns the map for chaining)."""
    ViewAtOnceWhileHidden().add_to(fmap)
    return fmap
