"""The synthetic nationwide dataset: generated deterministically, the right size, a valid
coverage, readable through loaders.reference like Hanoi's; its reports and its light country map.

The dataset is built once into var/datasets/nationwide/ (git-ignored) and reused by later runs.
"""

import gzip
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from cccd import detail, mapview, nationwide, progress, synthetic_land
from cccd.cells import METRIC_CRS
from cccd.sample import HANOI_MAY_2023, NO_NAMED_FACTS, facts_for, generate_sample_reports
from geodata import build_nationwide
from loaders import catalogue, reference

GZIP_GOAL = 3 * 1024 * 1024


@pytest.fixture(scope="module")
def dataset() -> reference.Dataset:
    """The nationwide manifest with its files built (once per machine, cached on disk)."""
    mp = pytest.MonkeyPatch()
    mp.setenv(reference.DATASET_VARIABLE, "nationwide")
    yield reference.dataset()
    mp.undo()


@pytest.fixture
def use_nationwide(dataset, monkeypatch) -> None:
    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")


@pytest.fixture(scope="module")
def communes(dataset) -> gpd.GeoDataFrame:
    return gpd.read_file(dataset.files["communes"])


def test_a_rebuild_writes_the_same_bytes(dataset, tmp_path: Path) -> None:
    # Fails after a change to the generator that left build_nationwide.VERSION as it was: the
    # copy in var/ is then stale. Raise VERSION (the app rebuilds its copy on the next run).
    build_nationwide.build(tmp_path, dataset.seed)
    for path in dataset.files.values():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_another_seed_gives_another_country() -> None:
    region = synthetic_land.outline()
    one, other = (
        synthetic_land.spread_points(region, 5, np.random.default_rng(seed)) for seed in (1, 2)
    )
    assert not (one == other).all()


def test_the_country_has_the_size_of_vietnam(use_nationwide) -> None:
    units = reference.units()
    assert units["province_code"].nunique() == nationwide.PROVINCES == 63
    assert units["district_code"].nunique() == nationwide.DISTRICTS == 705
    assert len(units) == units["commune_code"].nunique() == nationwide.COMMUNES == 10_599
    assert list(units.columns) == list(reference._units("hanoi").columns)


def test_codes_look_like_gso_codes_and_rise_with_the_hierarchy(use_nationwide) -> None:
    units = reference.units()
    assert units["province_code"].str.fullmatch(r"\d{2}").all()
    assert units["district_code"].str.fullmatch(r"\d{3}").all()
    assert units["commune_code"].str.fullmatch(r"\d{5}").all()
    assert units["commune_code"].is_monotonic_increasing
    assert units["district_code"].is_monotonic_increasing
    assert (units.groupby("district_code")["province_code"].nunique() == 1).all()


def test_names_say_they_are_synthetic(use_nationwide) -> None:
    units = reference.units()
    assert units["province_name"].str.startswith("Tỉnh Mẫu ").all()
    assert units["district_name"].str.contains(" Mẫu ").all()
    assert units["commune_name"].str.contains(" Tổng hợp ").all()
    assert set(units["commune_type"]) == {"Phường", "Xã", "Thị trấn"}


def test_population_is_plausible(use_nationwide) -> None:
    population = reference.population()["pop_total_2019"]
    assert 80e6 <= population.sum() <= 110e6
    assert population.min() > 1_000


def test_commune_map_is_a_valid_coverage_of_the_districts(use_nationwide, communes) -> None:
    geoms = communes.geometry.to_numpy()
    assert len(communes) == 10_599 and communes["commune_code"].is_unique
    assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
    assert shapely.coverage_is_valid(communes.to_crs(METRIC_CRS).geometry.to_numpy())
    country = reference.districts().to_crs(METRIC_CRS).union_all()
    ours = communes.to_crs(METRIC_CRS).union_all()
    assert ours.symmetric_difference(country).area < 0.001 * country.area


def test_each_commune_holds_its_point(use_nationwide, communes) -> None:
    points = reference.commune_points().set_index("commune_code").loc[communes["commune_code"]]
    located = gpd.points_from_xy(points["lon"], points["lat"])
    assert shapely.contains(communes.geometry.to_numpy(), located).mean() > 0.999


def test_reference_keeps_hanoi_the_default(monkeypatch) -> None:
    monkeypatch.delenv(reference.DATASET_VARIABLE, raising=False)
    assert reference.dataset_name() == "hanoi"
    assert len(reference.units()) == 579
    assert reference.dataset().region_name("en") == "Hanoi"
    assert reference.default_database_path().name == "cccd.sqlite"
    assert reference.dataset().files["units"] == reference.UNITS_CSV


def test_each_dataset_has_its_own_store(use_nationwide) -> None:
    assert reference.default_database_path().name == "cccd-nationwide.sqlite"
    assert reference.dataset().synthetic_units
    assert reference.campaign() == reference._dataset("hanoi").campaign


def test_an_unknown_dataset_names_the_known_ones(monkeypatch) -> None:
    monkeypatch.setenv(reference.DATASET_VARIABLE, "atlantis")
    with pytest.raises(reference.DatasetError, match="hanoi, nationwide"):
        reference.units()


def test_hanoi_keeps_its_report_facts_and_others_get_none(use_nationwide, monkeypatch) -> None:
    assert facts_for(reference.units()) is NO_NAMED_FACTS
    monkeypatch.delenv(reference.DATASET_VARIABLE)
    assert facts_for(reference.units()) is HANOI_MAY_2023


@pytest.fixture(scope="module")
def reports(dataset):
    mp = pytest.MonkeyPatch()
    mp.setenv(reference.DATASET_VARIABLE, "nationwide")
    frame = generate_sample_reports(reference.units(), reference.population())
    mp.undo()
    return frame


def test_reports_cover_every_commune_and_day_with_hanois_shares(reports) -> None:
    assert len(reports) == 10_599 * 15
    last = reports[reports["as_of"] == reports["as_of"].max()]
    at_target = (last["delivered"] >= last["target"]).sum()
    assert at_target == round(10_599 * 45 / 579)
    assert 0.70 <= last["delivered"].sum() / last["target"].sum() <= 0.80
    assert (last["activated"] <= last["delivered"]).all()


def test_country_view_payload_is_light(use_nationwide, reports) -> None:
    units, communes = reference.units(), reference.default_communes()
    as_of = progress.report_dates(reports)[-1]
    t = catalogue.translator("vi")
    names = units.drop_duplicates("district_code").set_index("district_code")["province_name"]
    figures = detail.district_progress(progress.commune_progress(reports, units, as_of), names)
    shapes = detail.overview_shapes(communes, units)
    features = detail.overview_features(t, shapes, figures)
    assert len(features) == 705
    assert shapely.coverage_is_valid(shapes.to_crs(METRIC_CRS).geometry.to_numpy())
    layer = mapview.commune_layer(t, features, fields=mapview.DISTRICT_TOOLTIP_FIELDS)
    base = mapview.base_map(detail.overview_shapes(communes, units, "province_code"))
    layer.add_to(base)
    page = base.get_root().render().encode()  # the whole map page: more than st_folium sends
    assert len(gzip.compress(page, 6)) <= GZIP_GOAL


@pytest.mark.parametrize(
    "total, weights, minimum, counts",
    [(10, [1, 1], 0, [5, 5]), (10, [3, 1], 2, [7, 3]), (7, [1, 1, 1], 2, [3, 2, 2])],
)
def test_split_counts_keep_the_total_and_the_minimum(total, weights, minimum, counts) -> None:
    found = synthetic_land.split_counts(total, np.array(weights, dtype=float), minimum)
    assert list(found) == counts


def test_the_warp_keeps_a_coverage_a_coverage() -> None:
    grid = np.array(
        [shapely.box(x, y, x + 50_000, y + 50_000) for x in range(0, 200_000, 50_000)
         for y in range(0, 200_000, 50_000)],
        dtype=object,
    )  # fmt: skip
    warped = synthetic_land.warp_coverage(grid, seed=3)
    assert shapely.coverage_is_valid(warped)
    assert shapely.get_num_coordinates(warped).sum() > 10 * shapely.get_num_coordinates(grid).sum()
    assert np.isclose(shapely.area(warped).sum(), 200_000**2, rtol=0.05)
