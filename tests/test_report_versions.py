"""Values written once (0004): current ones in reports, the rest in report_versions.

Whatever the editors do (imports, corrections, undo, removing the sample and undoing that), the
store against a model of what was written: reports holds the current values, reports ∪
report_versions holds every value ever written once each, and the history lists exactly those.
A store migrated down to 0003's layout (every value in report_versions) and up again is the
same store.
"""

import helpers_store
import pandas as pd
from helpers_store import daily_reports
from sqlalchemy import Engine, select, text
from test_imports import migrate_to

from loaders import store
from loaders._store_schema import COUNTS, report_versions_table, reports_table

store_url, engine = helpers_store.store_url, helpers_store.engine  # fixtures
Key = tuple[str, str]


class Model:
    """What the store must hold: each key's current (import, counts); every (import, key)
    ever written; the current values before each committed editor's import (for undo)."""

    def __init__(self, engine: Engine) -> None:
        self.current = _reports(engine)
        self.written = {(imp, key): counts for key, (imp, counts) in self.current.items()}
        self.before: list[dict] = []

    def commit(self, import_id: int, rows: pd.DataFrame) -> None:
        self.before.append(dict(self.current))
        for row in rows.itertuples(index=False):
            key = (str(pd.Timestamp(row.as_of).date()), row.commune_code)
            counts = tuple(int(getattr(row, name)) for name in COUNTS)
            if key not in self.current or self.current[key][1] != counts:
                self.current[key] = (import_id, counts)
                self.written[(import_id, key)] = counts

    def remove(self, sample: int) -> None:
        self.before.append(dict(self.current))
        self.current = {k: v for k, v in self.current.items() if v[0] != sample}

    def undo(self) -> None:
        self.current = self.before.pop()


def _reports(engine: Engine) -> dict[Key, tuple[int, tuple[int, ...]]]:
    table = reports_table
    query = select(table.c.as_of, table.c.commune_code, table.c.import_id,
                   *(table.c[name] for name in COUNTS))  # fmt: skip
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return {(str(row[0]), row[1]): (row[2], tuple(row[3:])) for row in rows}


def assert_matches(engine: Engine, model: Model) -> None:
    assert _reports(engine) == model.current
    history = store.report_history(engine)
    ever = {
        (row.import_id, (str(row.as_of.date()), row.commune_code)): tuple(
            int(getattr(row, name)) for name in COUNTS
        )
        for row in history.itertuples(index=False)
    }
    assert len(history) == len(ever), "a value is listed twice"
    assert ever == model.written
    versions = report_versions_table
    with engine.connect() as conn:
        kept = conn.execute(select(versions.c.import_id, versions.c.as_of,
                                   versions.c.commune_code)).all()  # fmt: skip
    current = {(imp, key) for key, (imp, _) in model.current.items()}
    assert not {(row[0], (str(row[1]), row[2])) for row in kept} & current


def commit(engine: Engine, rows: pd.DataFrame, model: Model, **meta: object) -> int:
    values = {"file_name": "bc.csv", "sha256": "0" * 64, "editor": "lan", **meta}
    record = store.commit_import(engine, rows, **values)
    model.commit(record.id, rows)
    return record.id


def run_scenario(engine: Engine) -> Model:
    """Imports, a correction, undo, the sample removed and put back, removed again."""
    model = Model(engine)
    new = daily_reports("2023-05-30", 2)
    commit(engine, new, model)
    assert_matches(engine, model)
    corrected = pd.concat(
        [new.assign(delivered=new["delivered"] + 7), daily_reports("2023-06-01", 1)]
    )
    commit(engine, corrected, model, correction=True)
    assert_matches(engine, model)
    store.undo_last_import(engine, "minh")
    model.undo()
    assert_matches(engine, model)
    commit(engine, new.assign(activated=new["activated"] + 3), model, correction=True)
    sample_day = daily_reports("2023-05-20", 1, extra=50)
    commit(engine, sample_day, model)
    assert_matches(engine, model)
    store.remove_sample(engine, "lan")
    model.remove(1)
    assert_matches(engine, model)
    store.undo_last_import(engine, "lan")
    model.undo()
    assert_matches(engine, model)
    store.remove_sample(engine, "lan")
    model.remove(1)
    assert_matches(engine, model)
    return model


def test_every_value_is_written_once_and_undo_puts_back_what_it_replaced(engine: Engine) -> None:
    model = run_scenario(engine)
    store.undo_last_import(engine, "lan")  # the second removal
    model.undo()
    store.undo_last_import(engine, "lan")  # the day over the sample
    model.undo()
    assert_matches(engine, model)


def test_a_store_in_0003s_layout_migrates_to_the_same_store(engine: Engine) -> None:
    """0003 kept every value in report_versions; the upgrade keeps only the values no longer
    current, each with the import that replaced it, so undo goes on as before."""
    model = run_scenario(engine)
    before = store.dump_store(engine)
    migrate_to(engine, "0003")
    with engine.connect() as conn:
        versions = set(conn.execute(text(
            "SELECT import_id, as_of, commune_code, target, delivered, activated"
            " FROM report_versions")).all())  # fmt: skip
        current = conn.execute(text(
            "SELECT import_id, as_of, commune_code, target, delivered, activated FROM reports"
        )).all()  # fmt: skip
    assert set(current) <= versions and len(versions) == len(model.written)
    migrate_to(engine, "head")
    assert store.dump_store(engine) == before
    store.undo_last_import(engine, "lan")
    model.undo()
    assert_matches(engine, model)
