"""The browser's floor for goal 5: /map's district change with no server, in a static page.

One HTML file holds what streamlit-folium's iframe holds for /map (the base map's header and
script from ui/folium_render.render_map, Leaflet from static/) and, as JavaScript strings, the
feature groups a district change sends it: the commune layer (ui/folium_render.render_layer,
idx 0) and each district's focus layer (idx 1), built with the same cccd.mapview calls as
ui/cached.py. `showDistrict` does what the component's render does on a district change:

- "redraw" (what /map did until 2026-12-05): every feature group out, commune layer + focus
  layer evaluated again, then setView on the district;
- "veil" (what /map's frame does since, the commune layer kept: ui/folium_render._kept): only
  the focus layer swapped, then setView.

No Streamlit, no websocket, no server rerun: what is left is the browser's own work, so the same
20 sessions on this page say how much of the crowd's time the browser alone takes on this
machine's two cores.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import OUT, REPO

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
{css}
{header}
{js}
</head><body>
<div id="map_div" style="width: {width}px; height: {height}px;"></div>
<script>
{script}
window.map = map_div;
const LAYERS = {layers};
window.feature_group = [];
eval(LAYERS.communes + LAYERS.focus[""]);
window.showDistrict = (code, lat, lng, zoom, mode) => {{
    window.__mvChosenAt = Date.now();
    if (mode === "redraw") {{
        window.feature_group.forEach(layer => map_div.removeLayer(layer));
        window.feature_group = [];
        eval(LAYERS.communes + LAYERS.focus[code]);
    }} else {{
        map_div.removeLayer(window.feature_group.pop());
        eval(LAYERS.focus[code]);
    }}
    map_div.setView([lat, lng], zoom);
}};
</script>
</body></html>
"""
MAP_WIDTH_PX = 1000  # about the st_folium iframe's width in /map's map column at 1600 px


def build_site(codes: list[str]) -> Path:
    """bench/out/viewers_floor/ with index.html and a static/ link; the folder."""
    from bench.payload import map_objects
    from cccd import mapview
    from cccd.offline import use_local_assets
    from loaders import reference
    from ui import folium_render

    use_local_assets("/static")
    base, layer, _ = map_objects()
    rendered = folium_render.render_map(base)
    units = reference.units()[["commune_code", "district_code"]]
    communes = reference.default_communes()[["commune_code", "geometry"]].merge(units)
    communes = communes.set_index("commune_code", drop=False)
    focus = {
        code or "": folium_render.render_layer(
            mapview.focus_layer(communes, mapview.LayerView(district_code=code)), 1
        )["script"]
        for code in [None, *codes]
    }
    layers = {"communes": folium_render.render_layer(layer, 0)["script"], "focus": focus}
    html = PAGE.format(
        css="\n".join(f'<link rel="stylesheet" href="{href}">' for href in rendered["css_links"]),
        js="\n".join(f'<script src="{src}"></script>' for src in rendered["js_links"]),
        header=rendered["header"],
        script=rendered["script"],
        layers=json.dumps(layers).replace("</", "<\\/"),
        width=MAP_WIDTH_PX,
        height=mapview.MAP_HEIGHT,
    )
    site = OUT / "viewers_floor"
    site.mkdir(parents=True, exist_ok=True)
    link = site / "static"
    if not link.exists():
        link.symlink_to(REPO / "static")
    (site / "index.html").write_text(html, encoding="utf-8")
    return site


class FloorTarget:
    """The static floor page; a change calls showDistrict in the page ("redraw" or "veil")."""

    in_iframe = False

    def __init__(self, url: str, mode: str) -> None:
        self.url, self.mode = f"{url}/index.html", mode

    async def ready(self, page) -> None:
        """Nothing follows the map on this page."""

    async def choose(self, page, code: str, name: str, view: list[float]) -> None:
        """showDistrict(code, lat, lng, zoom, mode), which stamps the choice itself."""
        lat, lng, zoom = view[:3]
        await page.evaluate(
            "([c, lat, lng, z, m]) => window.showDistrict(c, lat, lng, z, m)",
            [code, lat, lng, zoom, self.mode],
        )
