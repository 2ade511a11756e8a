"""Build the embedded default commune map: geodata/hanoi_communes_approx_2023.geojson.

APPROXIMATE, NOT OFFICIAL BOUNDARIES. Each commune is the Voronoi cell of its approximate
location (after GADM commune locations, points only) inside its district, clipped to the
government district polygons (gis.chinhphu.vn). District lines are official; lines between
communes of one district are not. Users with the official commune file load it instead.

Run from the repository root:  python geodata/build_default_map.py
(another province's map: CCCD_DATASET=path/to/its/manifest.json python geodata/build_default_map.py)
The output is deterministic: rerunning gives the same bytes (tests/test_default_map.py checks).
"""

import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely

# Run as a script, Python puts geodata/ on the path, not the repository root.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from cccd.cells import commune_cells, simplify_coverage  # noqa: E402
from loaders import reference  # noqa: E402

# The district lines are already coarse (~8 k vertices): 20 m only drops near-collinear
# vertices. 5 decimals is ~1 m, finer than anything these approximate cells can claim.
TOLERANCE_M = 20.0
DECIMALS = 5
MAX_BYTES = 600_000  # the browser gets this file on every map page
PROPERTIES = ["commune_code", "commune_name", "district_code"]


def build() -> gpd.GeoDataFrame:
    """The approximate commune map (EPSG:4326), one feature per commune, sorted by code."""
    points = reference.commune_points().sort_values("commune_code", ignore_index=True)
    cells = commune_cells(reference.districts(), points)
    return simplify_coverage(cells, TOLERANCE_M, DECIMALS)[[*PROPERTIES, "geometry"]]


def to_geojson(frame: gpd.GeoDataFrame, properties: list[str] = PROPERTIES) -> bytes:
    """RFC 7946 GeoJSON, one feature per line, compact and byte-for-byte reproducible."""
    # RFC 7946 asks for counter-clockwise outer rings; reordering keeps every vertex.
    geometries = shapely.orient_polygons(frame.geometry.to_numpy(), exterior_cw=False)
    lines = []
    for row, geometry in zip(frame[properties].itertuples(index=False), geometries, strict=True):
        feature = {
            "type": "Feature",
            "properties": dict(zip(properties, row, strict=True)),
            "geometry": shapely.geometry.mapping(geometry),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    return text.encode("utf-8")


def main() -> None:
    """Write the default map next to this script and report its size."""
    data = to_geojson(build())
    if len(data) > MAX_BYTES:
        raise SystemExit(f"{len(data):,} bytes exceeds {MAX_BYTES:,}: raise TOLERANCE_M")
    # The active dataset's commune map (CCCD_DATASET; Hanoi's by default).
    target = reference.dataset().files["communes"]
    target.write_bytes(data)
    print(f"wrote {target} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
