"""Generated land for synthetic datasets: an invented outline, nested Voronoi regions, a warp.

Nothing here is real geography. The outline is a hand-made S-shaped polygon of roughly
Vietnam's size; provinces and districts are Voronoi cells of seeded random points, and a smooth
seeded warp of the whole plane makes their straight edges wiggle like surveyed boundaries.
All work is in metres (cells.METRIC_CRS) and deterministic for a given numpy Generator.
"""

import geopandas as gpd
import numpy as np
import shapely

from cccd.cells import GEOGRAPHIC_CRS, METRIC_CRS

# An invented S-shaped outline (lon, lat), clockwise from the north-west. Not a coastline.
OUTLINE_LONLAT = [
    (102.3, 22.6), (103.6, 22.9), (105.2, 23.3), (106.6, 22.9), (107.9, 21.6),
    (106.9, 20.6), (106.0, 19.7), (105.9, 18.9), (106.5, 17.9), (107.3, 16.6),
    (108.3, 15.8), (108.9, 14.8), (109.3, 13.2), (109.2, 12.0), (108.7, 11.0),
    (107.6, 10.5), (106.8, 10.2), (106.3, 9.6), (105.3, 8.6), (104.8, 8.9),
    (104.6, 10.3), (105.3, 10.9), (106.4, 11.6), (107.4, 12.4), (107.6, 13.6),
    (107.4, 14.7), (106.7, 15.6), (105.8, 16.6), (105.0, 17.6), (104.4, 18.7),
    (104.9, 19.6), (104.1, 19.9), (103.4, 20.8), (102.4, 21.3), (102.1, 22.0),
]  # fmt: skip
# Warp octaves: (wavelength m, amplitude m). The steepest the warp can get,
# √2·Σ 2π·amplitude/wavelength ≈ 0.82, stays below 1: it folds nothing, a coverage stays one.
WARP_OCTAVES = [(180_000, 6_000), (60_000, 1_500), (20_000, 400), (7_000, 100)]
WARP_SPACING_M = 500.0  # boundaries are densified to this before warping
_LLOYD_STEPS = 3


def outline() -> shapely.Polygon:
    """The invented country outline in metres (EPSG:32648)."""
    lonlat = gpd.GeoSeries([shapely.Polygon(OUTLINE_LONLAT)], crs=GEOGRAPHIC_CRS)
    return lonlat.to_crs(METRIC_CRS).iloc[0]


def random_points(region: shapely.Geometry, n: int, rng: np.random.Generator) -> np.ndarray:
    """n points (x, y) drawn uniformly inside `region`, by rejection from its bounding box."""
    minx, miny, maxx, maxy = region.bounds
    shapely.prepare(region)
    found = np.empty((0, 2))
    while len(found) < n:
        batch = rng.uniform((minx, miny), (maxx, maxy), (max(4 * n, 16), 2))
        inside = shapely.contains_xy(region, batch[:, 0], batch[:, 1])
        found = np.vstack([found, batch[inside]])
    return found[:n]


def spread_points(region: shapely.Geometry, n: int, rng: np.random.Generator) -> np.ndarray:
    """n random points inside `region`, evened out by a few Lloyd steps (cells of similar size)."""
    points = random_points(region, n, rng)
    if n < 2:
        return points
    for _ in range(_LLOYD_STEPS):
        cells = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(points), extend_to=region)
        )
        # voronoi_polygons orders cells by input point only with ordered=True; match by location.
        tree = shapely.STRtree(cells)
        owner = tree.query(shapely.points(points), predicate="within")
        centroids = points.copy()
        for point_i, cell_i in zip(*owner, strict=True):
            clipped = cells[cell_i].intersection(region)
            centre = clipped.centroid if not clipped.is_empty else None
            if centre is not None and region.contains(centre):
                centroids[point_i] = (centre.x, centre.y)
        points = centroids
    return points


def split_counts(total: int, weights: np.ndarray, minimum: int) -> np.ndarray:
    """Integers ≥ minimum, proportional to `weights`, summing to `total` (largest remainders)."""
    spare = total - minimum * len(weights)
    share = spare * weights / weights.sum()
    counts = np.floor(share).astype(int)
    order = np.argsort(-(share - counts), kind="stable")
    counts[order[: spare - counts.sum()]] += 1
    return counts + minimum


def warp_waves(seed: int) -> list[tuple[np.ndarray, float, float, float]]:
    """The warp's sine waves: (unit direction, wavenumber, phase, amplitude), two per octave."""
    rng = np.random.default_rng(seed)
    waves = []
    for wavelength, amplitude in WARP_OCTAVES:
        for _ in range(2):
            angle = rng.uniform(0, 2 * np.pi)
            direction = np.array([np.cos(angle), np.sin(angle)])
            phase = rng.uniform(0, 2 * np.pi)
            waves.append((direction, 2 * np.pi / wavelength, phase, amplitude / 2))
    return waves


def warp_xy(xy: np.ndarray, seed: int) -> np.ndarray:
    """The seeded smooth warp applied to metric coordinates (n × 2)."""
    moved = xy.astype(float).copy()
    for direction, k, phase, amplitude in warp_waves(seed):
        along = k * (xy @ direction) + phase
        # x and y move by the same wave with different phases, so the shift is not 1-D.
        moved[:, 0] += amplitude * np.sin(along)
        moved[:, 1] += amplitude * np.sin(along + 1.7)
    return moved


def warp_coverage(polygons: np.ndarray, seed: int) -> np.ndarray:
    """The polygons (a coverage, metres) with all shared edges warped alike: still a coverage."""
    network = shapely.union_all(shapely.boundary(polygons), grid_size=1.0)
    lines = shapely.segmentize(shapely.get_parts(shapely.line_merge(network)), WARP_SPACING_M)
    warped = shapely.transform(lines, lambda xy: warp_xy(xy, seed))
    faces = shapely.get_parts(shapely.polygonize(warped))
    labels = shapely.transform(shapely.point_on_surface(polygons), lambda xy: warp_xy(xy, seed))
    label_i, face_i = shapely.STRtree(faces).query(labels, predicate="within")
    if len(faces) != len(polygons) or sorted(label_i) != list(range(len(polygons))):
        raise ValueError(f"the warp folded: {len(faces)} faces for {len(polygons)} polygons")
    result = np.empty(len(polygons), dtype=object)
    result[label_i] = faces[face_i]
    return result
