"""Goal 1: bytes the browser receives for the map page's map, built exactly as pages/map.py does.

pages/map.py sends, through streamlit-folium's component, the base map's Leaflet script and the
feature-group scripts of commune_layer(...) and focus_layer(...) (empty in the default view); we
build them with streamlit_folium's own functions, from the same calls ui/cached.py wraps.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import date

import folium

from bench.common import Row, median_time, seeded_store

RAW_GOAL = 600 * 1024
GZIP_GOAL = 150 * 1024


@dataclass(frozen=True)
class PayloadResult:
    """Sizes in bytes of the two scripts st_folium sends, and of header + html it also sends."""

    communes: int
    base_raw: int
    group_raw: int
    raw: int
    gzipped: int
    extra_raw: int  # header + html strings (CSS, small)
    build_s: float = 0.0  # median time to render the focus layer (what a district change redoes)


def map_objects(language: str = "vi") -> tuple[folium.Map, folium.FeatureGroup, int]:
    """The base map and the commune layer of the default /map view (latest date, delivered)."""
    from cccd import cells, mapview, progress
    from loaders import catalogue, reference, store

    engine = store.connect(f"sqlite:///{seeded_store()}")
    reports = store.read_reports(engine)
    engine.dispose()
    as_of: date = progress.report_dates(reports)[-1]
    t = catalogue.translator(language)
    communes = progress.commune_progress(reports, reference.units(), as_of)
    features = mapview.map_features(t, reference.default_communes(), communes, "delivered", as_of)
    districts = cells.simplify_coverage(reference.districts(), 100.0, decimals=5)
    base = mapview.base_map(districts, "none")
    layer = mapview.commune_layer(t, features, mapview.LayerView())
    _FEATURES.update(features=features, districts=districts)
    return base, layer, len(features)


def st_folium_strings(base: folium.Map, layer: folium.FeatureGroup) -> tuple[str, str, str]:
    """(map script, feature-group script, header + html) as st_folium 0.27 builds them."""
    import streamlit_folium as sf

    base.get_root().render()
    base.render()
    extra = sf._get_html(base) + sf._get_header(base)
    script = sf._get_map_string(base)
    group = sf._get_feature_group_string(layer, map=base, idx=0)
    return script, group, extra


def _rebuild() -> None:
    """What a district change redoes on the map page: only the focus layer (the base map and
    the commune layer are cached strings, see ui/folium_render.py)."""
    from cccd import mapview
    from ui import folium_render

    view = mapview.LayerView(district_code="001")
    folium_render.render_layer(mapview.focus_layer(_FEATURES["features"], view), 1)


_FEATURES: dict[str, object] = {}


def run() -> PayloadResult:
    """Build the map of the default view and measure what st_folium would send."""
    from cccd.offline import use_local_assets

    use_local_assets()
    base, layer, communes = map_objects()
    script, group, extra = st_folium_strings(base, layer)
    body = (script + group).encode()
    build_s, _ = median_time(_rebuild)
    return PayloadResult(
        build_s=build_s,
        communes=communes,
        base_raw=len(script.encode()),
        group_raw=len(group.encode()),
        raw=len(body),
        gzipped=len(gzip.compress(body, compresslevel=6)),
        extra_raw=len(extra.encode()),
    )


def rows(result: PayloadResult) -> list[Row]:
    """RESULTS.md lines for goal 1."""
    detail = (
        f"base {result.base_raw / 1024:.0f} KB + communes {result.group_raw / 1024:.0f} KB; "
        f"a district change re-renders only the focus layer: {result.build_s * 1000:.0f} ms"
    )
    return [
        Row(
            f"1. map payload raw ({result.communes} communes; {detail})",
            f"{result.raw / 1024:.1f} KB ({result.raw:,} bytes)",
            "goal 600 KB",
            f"{result.raw / RAW_GOAL:.2f} of goal",
            "≤ 600 KB",
            result.raw <= RAW_GOAL,
        ),
        Row(
            "1. map payload gzipped (gzip level 6; KB = 1024 bytes throughout)",
            f"{result.gzipped / 1024:.1f} KB ({result.gzipped:,} bytes)",
            "goal 150 KB",
            f"{result.gzipped / GZIP_GOAL:.2f} of goal",
            "≤ 150 KB",
            result.gzipped <= GZIP_GOAL,
        ),
    ]


if __name__ == "__main__":
    print(run())
