"""Approximate commune polygons grown from commune points, and coverage-safe simplification.

A "coverage" is a set of polygons that neither overlap nor leave gaps and whose shared edges
have identical vertices. Everything here keeps that property so the map has no slivers.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

# UTM 48N: metres over all of Hanoi; across the whole country (zones 48–49) its scale error
# stays under 0.2 %, plenty for simplifying and for Voronoi cells.
METRIC_CRS = 32648
GEOGRAPHIC_CRS = 4326

# A point outside its own district is moved to somewhere inside the district within this
# distance of the district boundary point nearest to it: near where it fell, not on the line.
_NUDGE_M = 50.0
# Voronoi edges are kept slightly beyond their district so that they surely cross its boundary
# when everything is noded together; the overshoot leaves only dangles, which polygonize drops.
_OVERSHOOT_M = 1.0
_NODING_GRID_M = 0.001  # see _faces


def commune_cells(districts: gpd.GeoDataFrame, points: pd.DataFrame) -> gpd.GeoDataFrame:
    """One polygon per commune: Voronoi cells of the points clipped to their district."""
    district_shapes = districts.to_crs(METRIC_CRS).set_index("district_code").geometry
    sites = _sites_inside_districts(points, district_shapes)
    faces = _faces(district_shapes, sites, points["district_code"].to_numpy())
    owners = _face_owners(faces, district_shapes, sites, points["district_code"].to_numpy())
    owners = _reattach_fragments(faces, owners, sites, points["district_code"].to_numpy())
    shapes = [shapely.coverage_union_all(faces[owners == i]) for i in range(len(points))]
    empty = points["commune_code"].to_numpy()[shapely.is_empty(shapes)]
    if len(empty):
        # Only two points at the same place leave a commune without a cell.
        raise ValueError(f"communes {', '.join(empty)} got no cell: do their points coincide?")
    cells = gpd.GeoDataFrame(
        points[["commune_code", "commune_name", "district_code"]].reset_index(drop=True),
        geometry=shapes,
        crs=METRIC_CRS,
    )
    return cells.to_crs(GEOGRAPHIC_CRS)


def commune_sites(districts: gpd.GeoDataFrame, points: pd.DataFrame) -> gpd.GeoSeries:
    """The commune points (EPSG:4326), each moved inside its own district if it lay outside."""
    district_shapes = districts.to_crs(METRIC_CRS).set_index("district_code").geometry
    sites = _sites_inside_districts(points, district_shapes)
    return gpd.GeoSeries(sites, crs=METRIC_CRS).to_crs(GEOGRAPHIC_CRS)


def simplify_coverage(
    communes: gpd.GeoDataFrame, tolerance_m: float, decimals: int
) -> gpd.GeoDataFrame:
    """Simplify all polygons together (EPSG:32648), return EPSG:4326 rounded to `decimals`."""
    metric = communes.to_crs(METRIC_CRS).geometry.to_numpy()
    usable = ~(shapely.is_missing(metric) | shapely.is_empty(metric))
    polygonal = _polygonal(metric[usable])
    simplified = metric.copy()
    # Simplified as one coverage: polygon by polygon would open gaps and overlaps between
    # neighbours. A user's file that is not a clean coverage still gets its best effort.
    simplified[usable] = shapely.coverage_simplify(polygonal, tolerance_m)
    simplified = _to_geographic(simplified)
    rounded = _round(simplified, decimals)
    # A polygon thinner than the grid collapses when rounded; keep it unsimplified instead of
    # losing a commune from the map.
    original = _to_geographic(metric)
    lost = usable & shapely.is_empty(rounded)
    rounded[lost] = _round(original[lost], decimals)
    still_lost = usable & shapely.is_empty(rounded)
    rounded[still_lost] = original[still_lost]
    result = communes.to_crs(GEOGRAPHIC_CRS).copy()
    result.geometry = gpd.GeoSeries(rounded, index=result.index, crs=GEOGRAPHIC_CRS)
    return result


def _sites_inside_districts(points: pd.DataFrame, district_shapes: gpd.GeoSeries) -> np.ndarray:
    """Metric points, each stray one moved just inside its district near where it fell."""
    xy = gpd.GeoSeries(gpd.points_from_xy(points["lon"], points["lat"]), crs=GEOGRAPHIC_CRS)
    sites = xy.to_crs(METRIC_CRS).to_numpy()
    for i, code in enumerate(points["district_code"]):
        district = district_shapes[code]
        if not district.contains(sites[i]):
            sites[i] = _nudge_inside(sites[i], district)
    return sites


def _nudge_inside(point: BaseGeometry, district: BaseGeometry) -> BaseGeometry:
    """A point inside `district` within _NUDGE_M of its boundary point nearest to `point`."""
    nearest = shapely.shortest_line(point, district).coords[-1]
    near_part = district.intersection(shapely.Point(nearest).buffer(_NUDGE_M))
    candidate = near_part.point_on_surface() if not near_part.is_empty else None
    if candidate is None or not district.contains(candidate):
        candidate = district.point_on_surface()
    return candidate


def _faces(
    district_shapes: gpd.GeoSeries, sites: np.ndarray, site_districts: np.ndarray
) -> np.ndarray:
    """Polygons formed by district boundaries and each district's own Voronoi edges."""
    lines = [shapely.boundary(district_shapes.to_numpy())]
    for code, district in district_shapes.items():
        own = sites[site_districts == code]
        if len(own) < 2:
            continue
        edges = shapely.voronoi_polygons(
            shapely.multipoints(own), extend_to=district, only_edges=True
        )
        lines.append([edges.intersection(district.buffer(_OVERSHOOT_M))])
    # Noding all lines together once gives every shared edge the same vertices on both sides;
    # snapping to a millimetre grid also nodes a district corner that sits a hair off its
    # neighbour's edge, which exact floating-point noding would leave as a T-junction.
    noded = shapely.union_all(
        np.concatenate([np.asarray(part) for part in lines]), grid_size=_NODING_GRID_M
    )
    return shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))


def _face_owners(
    faces: np.ndarray,
    district_shapes: gpd.GeoSeries,
    sites: np.ndarray,
    site_districts: np.ndarray,
) -> np.ndarray:
    """Index of the commune owning each face (-1 outside every district)."""
    owners = np.full(len(faces), -1)
    inner = shapely.point_on_surface(faces)
    tree = shapely.STRtree(district_shapes.to_numpy())
    face_idx, district_idx = tree.query(inner, predicate="within")
    codes = district_shapes.index.to_numpy()
    for face, district in zip(face_idx, district_idx, strict=True):
        candidates = np.flatnonzero(site_districts == codes[district])
        # Inside one district the Voronoi cell holding a point is that of the nearest site.
        distances = shapely.distance(sites[candidates], inner[face])
        owners[face] = candidates[np.argmin(distances)]
    return owners


def _reattach_fragments(
    faces: np.ndarray, owners: np.ndarray, sites: np.ndarray, site_districts: np.ndarray
) -> np.ndarray:
    """Give each piece cut off from its commune's point to the neighbour sharing most border."""
    owners = owners.copy()
    pieces, piece_owner = _pieces(faces, owners, len(sites))
    home = shapely.contains(pieces, sites[piece_owner])
    home_pieces, home_owner = pieces[home], piece_owner[home]
    tree = shapely.STRtree(home_pieces)
    inner = shapely.point_on_surface(faces)
    for piece, owner in zip(pieces[~home], piece_owner[~home], strict=True):
        # Stay inside the district: only neighbours grown from the same district's points.
        near = [
            j
            for j in tree.query(piece, predicate="touches")
            if site_districts[home_owner[j]] == site_districts[owner]
        ]
        shared = [
            shapely.intersection(piece.boundary, home_pieces[j].boundary).length for j in near
        ]
        # A piece touching no neighbour (an island) stays with the nearest point's commune.
        if shared and max(shared) > 0:
            moved = (owners == owner) & shapely.within(inner, piece)
            owners[moved] = home_owner[near[int(np.argmax(shared))]]
    return owners


def _pieces(faces: np.ndarray, owners: np.ndarray, communes: int) -> tuple[np.ndarray, np.ndarray]:
    """Connected pieces of each commune's faces, with the owning commune of each piece."""
    pieces, piece_owner = [], []
    for i in range(communes):
        parts = shapely.get_parts(shapely.coverage_union_all(faces[owners == i]))
        pieces.extend(parts)
        piece_owner.extend([i] * len(parts))
    return np.array(pieces, dtype=object), np.array(piece_owner, dtype=int)


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Valid polygonal geometries: invalid ones repaired, stray lines and points dropped."""
    repaired = geoms.copy()
    invalid = ~shapely.is_valid(repaired)
    repaired[invalid] = shapely.make_valid(repaired[invalid], method="structure")
    for i in np.flatnonzero(~np.isin(shapely.get_type_id(repaired), [3, 6])):
        parts = shapely.get_parts(shapely.get_parts(repaired[i]))
        repaired[i] = shapely.multipolygons(parts[np.isin(shapely.get_type_id(parts), [3])])
    return repaired


def _to_geographic(metric: np.ndarray) -> np.ndarray:
    """Metric geometries reprojected to EPSG:4326."""
    return gpd.GeoSeries(metric, crs=METRIC_CRS).to_crs(GEOGRAPHIC_CRS).to_numpy()


def _round(geoms: np.ndarray, decimals: int) -> np.ndarray:
    """Geometries on a 10**-decimals grid, valid, with coordinates that print short."""
    on_grid = shapely.set_precision(geoms, 10.0**-decimals)
    # set_precision may leave 105.84900000000001; np.round gives the double nearest the decimal.
    return shapely.transform(on_grid, lambda xy: np.round(xy, decimals))
