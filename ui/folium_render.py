"""st_folium with its expensive half cached: the map's HTML and JavaScript, rendered once per view.

st_folium renders the folium map and the commune layer to JavaScript on every run: GeoJSON of
579 shapes, one style per commune and a few dozen Jinja templates, ~0.45 s of a 0.55 s rerun.
Those strings depend only on what the map shows, so `render_map` and `render_layer` compute
them (with streamlit-folium's own helpers, the way st_folium does) for ui/cached.py to keep,
the base map, the commune layer and the small focus layer apart, and `show` sends them to
streamlit-folium's component. The commune layer is sent "kept" (`render_layer(kept=True)`): the
map builds it once and keeps it while it is unchanged, so a district change or a click redraws
only the focus layer in the browser too. streamlit-folium is pinned in
requirements.txt; tests/test_folium_render.py checks that `show` sends exactly what st_folium
sends, so an upgrade that changes st_folium fails there first.
"""

import hashlib
from collections.abc import Callable, Iterator

import folium
import folium.elements
import streamlit as st
import streamlit_folium as sf


def render_map(fmap: folium.Map) -> dict[str, object]:
    """The map's own strings, as st_folium computes them before it adds any feature group."""
    fmap.get_root().render()
    fmap.render()
    html, header = sf._get_html(fmap), sf._get_header(fmap)  # before _get_map_string alters fmap
    script = sf._get_map_string(fmap)
    (south, west), (north, east) = fmap.get_bounds()
    css_links, js_links = _links(fmap)
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": sf.get_full_id(fmap),
        "css_links": css_links,
        "js_links": js_links,
        "bounds": {
            "_southWest": {"lat": south, "lng": west},
            "_northEast": {"lat": north, "lng": east},
        },
        "zoom": fmap.options.get("zoom"),
    }


def render_layer(layer: folium.FeatureGroup, idx: int, kept: bool = False) -> dict[str, object]:
    """The JavaScript that adds `layer` as st_folium's feature group number `idx`.

    st_folium writes the map's variable as `map_div` in it, so the layer can be rendered on a
    throwaway map and cached apart from the map it will be shown on. `kept`: the layer stays on
    the map while its script is unchanged (see `_kept`).
    """
    script = sf._get_feature_group_string(layer, map=folium.Map(tiles=None), idx=idx)
    if kept:
        script = _kept(script, idx)
    css_links, js_links = _links(layer)
    return {"script": script, "css_links": css_links, "js_links": js_links}


def _kept(script: str, idx: int) -> str:
    """`script` rewritten to build its layer only when the map does not hold it yet.

    streamlit-folium removes every feature group and evaluates the whole feature-group string
    again whenever any part of it changes: a district change re-parsed the ~0.5 MB commune layer
    and Leaflet rebuilt its 579 paths (~50 of ~350 ms of the renderer's main thread a change,
    bench/README.md "Issue 18"). Here the layer is built inside a function, which the browser
    only pre-parses unless it is called; the built layer is kept under its script's hash and is
    not in st_folium's list of groups to remove, so an unchanged layer stays on the map and a
    changed one replaces it.
    """
    own = f"feature_group_feature_group_{idx}"
    suffix = f"map_div.addLayer({own});"
    body = script[: script.rindex(suffix)]
    digest = hashlib.sha1(script.encode()).hexdigest()[:16]
    return (
        f"function build_{own}() {{\n{body}\nreturn {own};\n}}\n"
        "(function (map, idx, key, build) {\n"
        "    var kept = window.__kept_layers || (window.__kept_layers = {});\n"
        "    var mine = kept[idx];\n"
        "    if (!mine || mine.key !== key) {\n"
        "        if (mine) { map.removeLayer(mine.layer); }\n"
        "        mine = kept[idx] = {key: key, layer: build()};\n"
        "    }\n"
        "    if (!map.hasLayer(mine.layer)) { map.addLayer(mine.layer); }\n"
        f'}})(map_div, {idx}, "{digest}", build_{own});\n'
    )


def show(
    rendered: dict[str, object],
    layers: list[dict[str, object]],
    *,
    key: str,
    height: int,
    returned_objects: list[str],
    center: tuple[float, float] | None = None,
    zoom: float | None = None,
    on_change: Callable[[], None] | None = None,
) -> object:
    """st_folium(map, feature_group_to_add=layers, use_container_width=True), from the strings
    `render_map` and `render_layer` produced (layers in their idx order)."""
    defaults = {
        "last_clicked": None,
        "last_object_clicked": None,
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "all_drawings": None,
        "last_active_drawing": None,
        "bounds": rendered["bounds"],
        "zoom": rendered["zoom"],
        "last_circle_radius": None,
        "last_circle_polygon": None,
        "selected_layers": None,
        "selected_tags": None,
        "last_geocoder_result": None,
    }
    hash_key = sf.generate_js_hash(rendered["script"], key, False)

    def changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(
        script=rendered["script"],
        header=rendered["header"],
        html=rendered["html"],
        id=rendered["id"],
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default={name: value for name, value in defaults.items() if name in returned_objects},
        zoom=zoom,
        center=center,
        feature_group="".join(layer["script"] for layer in layers),
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=_merged("css_links", rendered, layers),
        js_links=_merged("js_links", rendered, layers),
        on_change=changed,
        wrap_longitude=False,
    )


def _links(element: object) -> tuple[list[str], list[str]]:
    css: list[str] = []
    js: list[str] = []
    for item in _walk(element):
        css.extend(href for _, href in getattr(item, "default_css", []))
        js.extend(src for _, src in getattr(item, "default_js", []))
    return css, js


def _merged(name: str, rendered: dict[str, object], layers: list[dict[str, object]]) -> list[str]:
    """The links of the map then of each layer, first occurrence kept (as st_folium does)."""
    links = [*rendered[name], *(link for layer in layers for link in layer[name])]
    return list(dict.fromkeys(links))


def _walk(element: object) -> Iterator[object]:
    """Every element under `element` that brings CSS or JS links (as st_folium walks them).

    st_folium also adds d3 from a CDN for a branca ColorMap; our maps have none (legends are
    HTML beside the map) and must not depend on a CDN.
    """
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
