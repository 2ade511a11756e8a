"""Reports in the layouts offices really send (issue 14) import with no flags and give exactly
their truth; broken variants are refused with a message naming the row and column.

The files, TRUTH.csv, SHAPES.csv and broken/EXPECTED.csv are written by
tests/data/reports/layouts/make_layouts.py, from the layouts in REPORT_LAYOUTS.md (not from the
reader's code). Each test runs on a fresh copy of the seeded sample store (15-29 May 2023).
"""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers_reports import problem_text, told
from sqlalchemy import Engine

from cccd.messages import Message
from loaders import reports, store
from loaders.catalogue import english

LAYOUTS = Path(__file__).resolve().parent / "data" / "reports" / "layouts"
BROKEN = LAYOUTS / "broken"
FIELDS = ["as_of", "commune_code", "target", "delivered", "activated"]
TRUTH = pd.read_csv(LAYOUTS / "TRUTH.csv", dtype={"commune_code": str})
SHAPES = pd.read_csv(LAYOUTS / "SHAPES.csv").set_index("file")["shape"].to_dict()
EXPECTED = pd.read_csv(BROKEN / "EXPECTED.csv").set_index("file")
BROKEN_TRUTH = pd.read_csv(BROKEN / "TRUTH.csv", dtype={"commune_code": str})
REFUSED = sorted(EXPECTED.index[EXPECTED["kind"] == "refused"])
WARNED = sorted(EXPECTED.index[EXPECTED["kind"] == "warning"])
NOT_REPORTS = {"TRUTH.csv", "SHAPES.csv", "EXPECTED.csv"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded sample store, closed, to copy for each test."""
    path = tmp_path_factory.mktemp("layouts") / "seeded.sqlite"
    store.connect(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def engine(seeded: Path, tmp_path: Path) -> Engine:
    """A fresh copy of the seeded store."""
    for part in seeded.parent.glob(f"{seeded.name}*"):
        shutil.copy(part, tmp_path / part.name)
    engine = store.connect(f"sqlite:///{tmp_path / seeded.name}")
    yield engine
    engine.dispose()


def truth_of(name: str, table: pd.DataFrame = TRUTH) -> list[tuple]:
    rows = table[table["file"] == name]
    return sorted(rows[FIELDS].itertuples(index=False, name=None))


def as_tuples(rows: pd.DataFrame) -> list[tuple]:
    """(ISO date, code, target, delivered, activated) per row, sorted."""
    frame = pd.DataFrame(
        {
            "as_of": pd.to_datetime(rows["as_of"]).dt.strftime("%Y-%m-%d"),
            "commune_code": rows["commune_code"].astype(str),
            **{name: rows[name].astype("int64") for name in FIELDS[2:]},
        }
    )
    return sorted(frame.itertuples(index=False, name=None))


def text_of(item: object) -> str:
    """A warning in English, whatever it is (a Message, a Problem, text)."""
    if isinstance(item, Message):
        return english(item)
    if hasattr(item, "sentence"):
        return problem_text(item)
    return str(item)


def stored_rows(engine: Engine, days: set[str]) -> list[tuple]:
    stored = store.read_reports(engine)
    return as_tuples(stored[stored["as_of"].dt.strftime("%Y-%m-%d").isin(days)])


def test_the_corpus_is_large_and_every_file_has_a_truth() -> None:
    files = {p.name for p in LAYOUTS.iterdir() if p.is_file() and p.suffix != ".py"}
    good = files - NOT_REPORTS
    assert len(good) >= 25
    assert good == set(SHAPES) == set(TRUTH["file"])
    assert {name.rsplit(".", 1)[-1] for name in good} >= {"csv", "xlsx", "txt"}
    broken = {p.name for p in BROKEN.iterdir()} - NOT_REPORTS
    assert broken == set(EXPECTED.index) and len(REFUSED) >= 6 and WARNED
    assert set(BROKEN_TRUTH["file"]) == set(WARNED)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_a_report_as_offices_send_it_imports_exactly_its_truth(name: str, engine: Engine) -> None:
    preview = reports.preview_report(LAYOUTS / name, engine)
    assert [problem_text(problem) for problem in preview.problems] == [], SHAPES[name]
    truth = truth_of(name)
    assert as_tuples(preview.rows) == truth, SHAPES[name]
    store.commit_import(
        engine, preview.rows, file_name=name, sha256=preview.sha256, editor="corpus"
    )
    assert stored_rows(engine, {row[0] for row in truth}) == truth


@pytest.mark.parametrize("name", REFUSED)
def test_a_broken_report_is_refused_naming_its_row_and_column(name: str, engine: Engine) -> None:
    before = store.dump_store(engine)
    message = told(BROKEN / name, engine)
    for part in EXPECTED.loc[name, "contains"].split("|"):
        assert part in message, f"{part!r} not in {message!r}"
    assert store.dump_store(engine) == before


@pytest.mark.parametrize("name", WARNED)
def test_a_subtotal_that_disagrees_loads_its_communes_with_a_warning(
    name: str, engine: Engine
) -> None:
    preview = reports.preview_report(BROKEN / name, engine)
    assert [problem_text(problem) for problem in preview.problems] == []
    assert as_tuples(preview.rows) == truth_of(name, BROKEN_TRUTH)
    warnings = "\n".join(map(text_of, getattr(preview, "warnings", None) or []))
    for part in EXPECTED.loc[name, "contains"].split("|"):
        assert part in warnings, f"{part!r} not in the warnings {warnings!r}"
