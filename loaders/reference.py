"""Reference data of the active dataset: the official unit list, census, district polygons.

A dataset is data: a manifest geodata/<name>.json names its region, its files (unit list,
population, district polygons, commune points, commune map), its campaign dates and its default
store. CCCD_DATASET chooses it (a name such as "nationwide", or the path of a manifest); the
default is Hanoi. A manifest with "build" names a module whose build(folder, seed) generates
the files on first use (the synthetic nationwide set, into var/datasets/, git-ignored).

Codes are read as text from the first read ("00001", "001") and never padded later.
"""

import importlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from cccd.campaign import Campaign

REPO = Path(__file__).resolve().parent.parent
GEODATA = REPO / "geodata"
DATASET_VARIABLE = "CCCD_DATASET"
DEFAULT_DATASET = "hanoi"
BUILD_STAMP = "BUILD"  # in a generated dataset's folder: which generator, version and seed
FILE_KEYS = ("units", "population", "districts", "commune_points", "communes")
CAMPAIGN_KEYS = ("start", "report_date", "deadline")  # ISO dates in the manifest's "campaign"


class DatasetError(ValueError):
    """CCCD_DATASET or a manifest is wrong: the operator's set-up, not a user's file."""


_CODES = {"province_code": str, "district_code": str, "commune_code": str}


@dataclass(frozen=True)
class Dataset:
    """One dataset's manifest, with its file paths resolved."""

    name: str
    region: dict[str, str]
    files: dict[str, Path]
    campaign: Campaign
    store: Path
    synthetic_units: bool = False
    build: str | None = None
    seed: int | None = None

    def region_name(self, language: str) -> str:
        """The region's name in `language` (Vietnamese when that language is missing)."""
        return self.region.get(language) or self.region["vi"]


def read_manifest(path: Path) -> Dataset:
    """A dataset from its manifest; relative paths are from its "folder" or the manifest's."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        folder = REPO / raw["folder"] if "folder" in raw else path.parent
        return Dataset(
            name=raw["name"],
            region=dict(raw["region"]),
            files={key: folder / raw["files"][key] for key in FILE_KEYS},
            campaign=_campaign(path, raw["campaign"]),
            store=REPO / raw.get("store", f"var/cccd-{raw['name']}.sqlite"),
            synthetic_units=bool(raw.get("synthetic_units", False)),
            build=raw.get("build"),
            seed=raw.get("seed"),
        )
    except DatasetError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatasetError(
            f"Dataset manifest {path}: {error!r}. See geodata/hanoi.json for the fields."
        ) from error


def _campaign(path: Path, dates: dict[str, str]) -> Campaign:
    """The manifest's campaign: any ISO dates with start ≤ report_date ≤ deadline."""
    try:
        return Campaign(*(date.fromisoformat(dates[key]) for key in CAMPAIGN_KEYS))
    except ValueError as error:
        raise DatasetError(
            f'{path}, "campaign": {error}. Write ISO dates ("2023-06-30") with '
            "start ≤ report_date ≤ deadline."
        ) from error


def known_datasets() -> list[str]:
    """Names of the manifests in geodata/."""
    return sorted(path.stem for path in GEODATA.glob("*.json"))


def dataset_name() -> str:
    """The active dataset: CCCD_DATASET (a name or a manifest path), default Hanoi."""
    return os.environ.get(DATASET_VARIABLE) or DEFAULT_DATASET


@cache
def _dataset(name: str) -> Dataset:
    path = Path(name) if name.endswith(".json") else GEODATA / f"{name}.json"
    if not path.is_file():
        raise DatasetError(
            f"{DATASET_VARIABLE}={name!r}: no manifest {path}. Known datasets: "
            f"{', '.join(known_datasets())}; or give the path of a manifest (.json)."
        )
    return read_manifest(path)


def dataset() -> Dataset:
    """The active dataset's manifest (its files built first if it is generated and missing)."""
    return _built(dataset_name())


@cache
def _built(name: str) -> Dataset:
    found = _dataset(name)
    _ensure_built(found)
    return found


def _ensure_built(found: Dataset) -> None:
    """Generate a built dataset's files once (again when the generator's VERSION changes)."""
    if found.build is None:
        return
    builder = importlib.import_module(found.build)
    folder = found.files["units"].parent
    stamp = f"{found.build} version {builder.VERSION} seed {found.seed}\n"
    if _stamp(folder) == stamp and all(path.is_file() for path in found.files.values()):
        return
    scratch = folder.with_name(f"{folder.name}.building-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    builder.build(scratch, found.seed)
    (scratch / BUILD_STAMP).write_text(stamp, encoding="utf-8")
    if folder.exists():
        # Out of date: move it aside first (another process may still be reading it).
        old = folder.with_name(f"{folder.name}.old-{os.getpid()}")
        folder.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    try:
        scratch.rename(folder)  # atomic: readers see no folder or a complete one
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)  # another process finished first
        if _stamp(folder) != stamp:
            raise


def _stamp(folder: Path) -> str | None:
    try:
        return (folder / BUILD_STAMP).read_text(encoding="utf-8")
    except OSError:
        return None


_DEFAULT = read_manifest(GEODATA / f"{DEFAULT_DATASET}.json")
# The default (Hanoi) files, for geodata/build_default_map.py and its tests.
UNITS_CSV = _DEFAULT.files["units"]
POPULATION_CSV = _DEFAULT.files["population"]
DISTRICTS_GEOJSON = _DEFAULT.files["districts"]
POINTS_CSV = _DEFAULT.files["commune_points"]
DEFAULT_COMMUNES_GEOJSON = _DEFAULT.files["communes"]


def campaign() -> Campaign:
    """The active dataset's campaign dates (from its manifest: no generated file is needed)."""
    return _dataset(dataset_name()).campaign


def default_database_path() -> Path:
    """The active dataset's own SQLite file (var/cccd.sqlite for Hanoi), so stores never mix."""
    return dataset().store


def units() -> pd.DataFrame:
    """The official unit list: one row per commune with province, district and commune codes,
    names and types (Hanoi: 579 communes in 30 districts)."""
    return _units(dataset_name())


def population() -> pd.DataFrame:
    """2019 census population per commune (pop_total_2019 etc. as integers)."""
    return _population(dataset_name())


def commune_points() -> pd.DataFrame:
    """One approximate point (lat, lon) per commune (Hanoi: after GADM locations, no geometry)."""
    return _commune_points(dataset_name())


def districts() -> gpd.GeoDataFrame:
    """The district polygons (EPSG:4326), keyed by district_code."""
    return _districts(dataset_name())


def default_communes() -> gpd.GeoDataFrame:
    """The dataset's approximate commune map (Hanoi: built by geodata/build_default_map.py)."""
    return _default_communes(dataset_name())


@cache
def _units(name: str) -> pd.DataFrame:
    return pd.read_csv(_built(name).files["units"], dtype=str)


@cache
def _population(name: str) -> pd.DataFrame:
    return pd.read_csv(_built(name).files["population"], dtype=_CODES)


@cache
def _commune_points(name: str) -> pd.DataFrame:
    return pd.read_csv(_built(name).files["commune_points"], dtype=_CODES)


@cache
def _districts(name: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(
        _built(name).files["districts"], columns=["district_code", "district_name"]
    )
    return frame.set_crs(4326, allow_override=True)


@cache
def _default_communes(name: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(_built(name).files["communes"])
    frame["commune_code"] = frame["commune_code"].astype(str)
    return frame.set_crs(4326, allow_override=True)
