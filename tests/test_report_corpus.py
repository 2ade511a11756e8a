"""Every bad file in tests/data/reports/bad/ is refused with its own message, the store untouched.

The files and EXPECTED.csv are written by tests/data/reports/make_corpus.py.
"""

import csv
from pathlib import Path

import pandas as pd
import pytest
from helpers_reports import told
from sqlalchemy import Engine

from loaders import reference, reports, store

BAD = Path(__file__).resolve().parent / "data" / "reports" / "bad"
with (BAD / "EXPECTED.csv").open(encoding="utf-8", newline="") as _file:
    EXPECTED = {line["file"]: line["message"] for line in csv.DictReader(_file)}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The seeded sample store (15–29 May 2023, all communes)."""
    return store.connect(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 's.sqlite'}")


def test_the_corpus_is_large_and_complete() -> None:
    files = {path.name for path in BAD.iterdir()} - {"EXPECTED.csv"}
    assert len(EXPECTED) >= 40
    assert files == set(EXPECTED)
    assert {name.rsplit(".", 1)[-1] for name in files} >= {"csv", "xlsx"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_explained_and_nothing_is_written(name: str, engine: Engine) -> None:
    before = store.dump_store(engine)
    assert EXPECTED[name] in told(BAD / name, engine)
    assert store.dump_store(engine) == before


def test_a_good_report_for_the_next_day_has_no_problems(engine: Engine, tmp_path: Path) -> None:
    stored = store.read_reports(engine)
    last = stored[stored["as_of"] == pd.Timestamp("2023-05-29")]
    report = pd.DataFrame(
        {
            "date": "2023-05-30",
            "commune_code": last["commune_code"],
            "target": last["target"],
            "delivered": (last["delivered"] + 1).clip(upper=last["target"]),
            "activated": last["activated"],
        }
    )
    path = tmp_path / "good.csv"
    report.to_csv(path, index=False)
    before = store.dump_store(engine)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == len(reference.units())
    assert preview.missing_communes.empty and preview.dates == [pd.Timestamp("2023-05-30").date()]
    assert store.dump_store(engine) == before
