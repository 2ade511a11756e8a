"""Build the SYNTHETIC nationwide dataset (63 provinces, ~700 districts, ~10,600 communes).

Nothing in it is real: see cccd/nationwide.py. The app builds it on first use into
var/datasets/nationwide/ (git-ignored; loaders.reference calls build()); by hand:

    python geodata/build_nationwide.py [folder]

Deterministic: the same seed writes the same bytes. About 10 s on 2 cores.
"""

import sys
from pathlib import Path

import shapely

# Run as a script, Python puts geodata/ on the path, not the repository root.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from cccd import nationwide  # noqa: E402
from cccd.cells import simplify_coverage  # noqa: E402
from geodata.build_default_map import to_geojson  # noqa: E402  (same writer as Hanoi's map)

VERSION = 1  # raise when the output changes: the app then rebuilds its copy in var/
# Coarser than Hanoi's 20 m: the cells are bigger, and a province's communes still draw light.
TOLERANCE_M = 50.0
DECIMALS = 5
DISTRICT_DECIMALS = 6
COMMUNE_PROPERTIES = ["commune_code", "commune_name", "district_code"]
DISTRICT_PROPERTIES = ["district_code", "district_name", "district_type", "province_code"]


def build(folder: Path, seed: int | None = None) -> None:
    """Write units.csv, population.csv, districts.geojson, commune_points.csv, communes.geojson."""
    country = nationwide.generate(nationwide.SEED if seed is None else seed)
    folder.mkdir(parents=True, exist_ok=True)
    country.units.to_csv(folder / "units.csv", index=False)
    country.population.to_csv(folder / "population.csv", index=False)
    country.points.to_csv(folder / "commune_points.csv", index=False)
    districts = country.districts.copy()
    districts.geometry = shapely.set_precision(
        districts.geometry.to_numpy(), 10.0**-DISTRICT_DECIMALS
    )
    (folder / "districts.geojson").write_bytes(to_geojson(districts, DISTRICT_PROPERTIES))
    communes = simplify_coverage(nationwide.communes(country), TOLERANCE_M, DECIMALS)
    (folder / "communes.geojson").write_bytes(to_geojson(communes, COMMUNE_PROPERTIES))


def main() -> None:
    """Build into the folder given, or var/datasets/nationwide/."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT / "var/datasets/nationwide"
    build(folder)
    print(f"wrote {folder}")


if __name__ == "__main__":
    main()
