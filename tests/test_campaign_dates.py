"""Campaign dates are the dataset's: a manifest with another deadline or start is accepted, and
the projections, the pages and the report check use its dates, not Hanoi's 2023 ones."""

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from helpers_reports import HEADERS
from streamlit.testing.v1 import AppTest

from cccd import tables
from cccd.campaign import HANOI_2023, Campaign
from cccd.unit_projection import project_units
from loaders import catalogue, reference, reports, store
from loaders.catalogue import english

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
JULY = date(2023, 7, 31)  # a month after Hanoi's deadline
T = catalogue.translator("vi", strict=True)


def write_manifest(folder: Path, **campaign: str) -> Path:
    """A copy of geodata/hanoi.json in `folder`, pointing at Hanoi's files, with other dates."""
    raw = json.loads((reference.GEODATA / "hanoi.json").read_text(encoding="utf-8"))
    raw |= {"name": "hanoi-dates", "folder": "geodata", "store": str(folder / "own.sqlite")}
    raw["campaign"] = {**raw["campaign"], **campaign}
    path = folder / "hanoi-dates.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def forget_datasets() -> None:
    """Empty loaders.reference's caches (one entry per manifest read)."""
    for cached in (
        reference._dataset,
        reference._built,
        reference._units,
        reference._population,
        reference._commune_points,
        reference._districts,
        reference._default_communes,
    ):
        cached.cache_clear()  # fmt: skip


@pytest.fixture
def use_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """use_manifest(**campaign) makes a Hanoi copy with those dates the active dataset."""

    def use(**campaign: str) -> Path:
        path = write_manifest(tmp_path, **campaign)
        monkeypatch.setenv(reference.DATASET_VARIABLE, str(path))
        return path

    yield use
    forget_datasets()


@pytest.fixture
def july(use_manifest, app_store) -> None:
    """Hanoi with the deadline on 31 July 2023, on a fresh store with the sample."""
    use_manifest(deadline=JULY.isoformat())


def run(page: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.mark.parametrize(
    "as_of, days",
    [(date(2023, 5, 29), 32), (date(2023, 6, 29), 1), (date(2023, 6, 30), 0), (JULY, 0)],
)
def test_days_left_count_to_the_deadline_and_stop_at_zero(as_of: date, days: int):
    assert HANOI_2023.days_left(as_of) == days


def test_a_campaign_refuses_dates_out_of_order():
    with pytest.raises(ValueError, match="dates out of order: start 2023-05-15, report_date "):
        Campaign(date(2023, 5, 15), date(2023, 7, 1), date(2023, 6, 30))


def test_a_manifest_with_another_deadline_is_accepted(july):
    assert reference.campaign() == Campaign(HANOI_2023.start, HANOI_2023.report_date, JULY)
    assert len(reference.units()) == 579


@pytest.mark.parametrize(
    "dates",
    [
        {"start": "2023-05-30"},  # after the report date
        {"deadline": "2023-05-28"},  # before the report date
        {"report_date": "2023-07-01"},  # after the deadline
    ],
)
def test_dates_out_of_order_are_refused_with_the_rule(tmp_path: Path, dates: dict[str, str]):
    path = write_manifest(tmp_path, **dates)
    with pytest.raises(reference.DatasetError) as error:
        reference.read_manifest(path)
    message = str(error.value)
    assert str(path) in message and "start ≤ report_date ≤ deadline" in message
    assert next(iter(dates.values())) in message  # the wrong date is shown


def test_a_date_that_is_not_iso_is_refused(tmp_path: Path):
    path = write_manifest(tmp_path, deadline="31/07/2023")
    with pytest.raises(reference.DatasetError, match=r"'31/07/2023'.*ISO dates"):
        reference.read_manifest(path)


def test_districts_page_projects_against_the_manifests_deadline(july):
    app = run("pages/districts.py")
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Số ngày đến hạn 31/07/2023"] == "63"  # from 29/05/2023
    assert any(caption.value.startswith("Hạn chót: 31/07/2023") for caption in app.caption)
    stored = store.read_reports(store.connect(store.database_url()))
    expected = project_units(stored, reference.units(), HANOI_2023.report_date, JULY)
    shown = app.dataframe[0].value.set_index(T(tables.CODE))
    by_code = expected.set_index("district_code")
    assert shown[T(tables.REQUIRED_PACE)].to_dict() == by_code["required_pace"].round(0).to_dict()
    labels = by_code["status"].map(lambda status: T(tables.STATUS_LABELS[status]))
    assert shown[T(tables.STATUS)].to_dict() == labels.to_dict()
    assert (expected["required_pace"] * 63).round(6).equals(expected["remaining"].round(6))


def test_summary_and_presenter_count_days_to_the_manifests_deadline(july):
    summary = {metric.label: metric.value for metric in run("pages/summary.py").metric}
    assert summary["Số ngày đến hạn 31/07/2023"] == "63"
    (tour,) = run("pages/present.py").get("iframe")  # the tour runs in the browser
    assert "hạn 31/07/2023" in tour.proto.srcdoc


def test_map_page_caption_names_the_manifests_deadline(july):
    app = run("pages/map.py")
    assert any("31/07/2023" in caption.value for caption in app.caption)


def test_report_check_refuses_a_date_before_the_manifests_start(use_manifest, tmp_path: Path):
    """A report for 19/05/2023 (the sample's own figures) is fine for Hanoi's campaign (from
    15/05) and is refused when the dataset's campaign starts on 20/05."""
    engine = store.connect(f"sqlite:///{tmp_path / 'store.sqlite'}")
    stored = store.read_reports(engine)
    row = stored[
        (stored["as_of"] == pd.Timestamp("2023-05-19")) & (stored["commune_code"] == "00001")
    ]
    report = row.assign(as_of="19/05/2023")[list(HEADERS)].rename(columns=HEADERS)
    path = tmp_path / "report.csv"
    report.to_csv(path, index=False, encoding="utf-8-sig")
    assert reports.preview_report(path, engine, today=date(2023, 6, 1)).problems == []
    use_manifest(start="2023-05-20")
    (problem,) = reports.preview_report(path, engine, today=date(2023, 6, 1)).problems
    assert english(problem.what) == "date is before the campaign started (20/05/2023)"
