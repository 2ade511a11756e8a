"""Maps that fill the window down to its bottom edge, a legend laid over the map, labels that
wrap rather than end in "…".

st_folium takes its size in pixels from Python, which does not know the window: a projector at
1366×768 and a screen at 1920×1080 need different heights and zooms. A small component in the
map's column reports the window's height, the column's top and its width; the page then draws
the map at that size (the first run, before the report, draws no map: st_folium does not resize
a drawn map's container when only its height changes, so a new height gets a new map key).
"""

from dataclasses import dataclass

import streamlit as st

from cccd import mapview

# Room the legend box takes at the map's right edge (its longest line, "At target: orange
# outline and ✓", is ~240 px at 1rem, in every language), kept free of the shapes.
LEGEND_PX = 280
PHONE_PX = 500  # a map column narrower than this is a phone's (the columns stack)

_JS = """
export default function (component) {
  const { parentElement, setStateValue } = component;
  const column = parentElement.closest('[data-testid="stColumn"]')
    || parentElement.closest('[data-testid="stVerticalBlock"]');
  let last = "";
  const report = () => {
    const box = column.getBoundingClientRect();
    const main = document.querySelector('[data-testid="stMain"]');
    const size = {
      window_height: window.innerHeight,
      top: Math.round(box.top + (main ? main.scrollTop : 0)),
      width: Math.round(box.width),
    };
    const text = JSON.stringify(size);
    if (text !== last) { last = text; setStateValue("size", size); }
  };
  report();
  const timer = setInterval(report, 500);
  return () => clearInterval(timer);
}
"""
_window_size = st.components.v2.component("cccd_window_size", js=_JS, isolate_styles=False)


@dataclass(frozen=True)
class MapBox:
    """The map's size in pixels, in its column, down to the window's bottom edge."""

    width: int
    height: int


def map_box(key: str, bottom_px: int, minimum_px: int = 360) -> MapBox | None:
    """Where the column this is called in (first, before the map) lets a map reach
    `bottom_px` above the window's bottom edge; on a phone (little room below the column's
    top, or a narrow column) 60 % of the window's height, at least `minimum_px`. None until
    the browser has reported."""
    st.html(f"<style>.st-key-{key} {{ display: none; }}</style>")
    size = _window_size(key=key, on_size_change=lambda: None).get("size")
    if not size:
        return None
    room = size["window_height"] - size["top"] - bottom_px
    if room < minimum_px or size["width"] < PHONE_PX:  # a phone: the figures follow the map
        room = max(minimum_px, int(0.6 * size["window_height"]))
    return MapBox(int(size["width"]), int(room))


def view_beside_legend(
    bounds: tuple[float, float, float, float], box: MapBox, legend_px: int = LEGEND_PX
) -> tuple[tuple[float, float], float]:
    """Centre and zoom that fit lon/lat `bounds` in the map left of the legend's strip: the
    shapes fit `box.width - legend_px` and the centre moves east by half the strip."""
    (lat, lon), zoom = mapview.view_for(bounds, max(box.width - legend_px, 200), box.height)
    degrees_per_px = 360 / (256 * 2**zoom)
    return (lat, lon + legend_px / 2 * degrees_per_px), zoom


def legend_over_map(legend: str, background: str = "rgba(255,255,255,.92)") -> None:
    """Lay a legend box (cccd.legend HTML) over the bottom right corner of the map drawn just
    before it in the same column: a map's key belongs on the map, and the figures beside it keep
    their room. The element itself takes no height (under the map on a phone)."""
    # On a phone the map is too small to share: the legend goes under it.
    phone = (
        "<style>@media (max-width: 640px) { .cccd-map-legend-anchor { height: auto !important; }"
        " .cccd-map-legend { position: static !important; box-shadow: none !important; } }"
        "</style>"
    )
    st.html(
        phone + '<div class="cccd-map-legend-anchor" style="position:relative;height:0">'
        '<div class="cccd-map-legend" style="position:absolute;right:12px;'
        f"bottom:calc(1rem + 26px);background:{background};padding:6px 12px;"
        f'border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.3);z-index:5">{legend}</div></div>'
    )


# Streamlit cuts a metric's or a button's label that does not fit its column with "…": at
# 1366 px the overview's deadline figure lost its year in French and its download buttons their
# names ("Télécharger le dossier …"). Such labels take a second line instead.
WRAP_LABELS_CSS = (
    "<style>:is([data-testid=stMetricLabel], [data-testid=stDownloadButton],"
    " [data-testid=stButton]) :is(.stMarkdownEllipsis, .stMarkdownEllipsis p)"
    " { white-space: normal !important; overflow: visible !important;"
    " text-overflow: clip !important; }</style>"
)


def wrap_labels() -> None:
    """Let the page's metric and button labels wrap onto a second line, never cut with "…"."""
    st.html(WRAP_LABELS_CSS)
