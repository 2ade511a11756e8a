"""report_versions keeps only values that are no longer current, and who replaced them.

Until 0003 every value an import wrote went into both reports and report_versions; writing a
nationwide month (318k rows) spent a quarter of its time on the copy. From 0004 a value lives
in reports while it is current and moves to report_versions when it stops being current:
replaced by a later import (`replaced_by` = that import), removed with the synthetic sample
(`replaced_by` = the removal), replaced by a system import (`replaced_by` = it), or withdrawn
by an undo (`replaced_by` NULL). reports ∪ report_versions is still every value ever written,
each once, so the history reads the same.

The upgrade removes from report_versions the rows reports still holds, and gives every other
row the import that replaced it, as undo (0003's rules) would have found it: for a value of a
committed import, the next committed import that wrote the same day and commune; for the
sample's values, the removal that took them out.

Revision ID: 0004
Revises: 0003
"""

import pandas as pd
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEY = ["as_of", "commune_code"]
CURRENT = (
    "EXISTS (SELECT 1 FROM reports r WHERE r.import_id = report_versions.import_id"
    " AND r.as_of = report_versions.as_of AND r.commune_code = report_versions.commune_code)"
)


def _frame(bind: sa.Connection, sql: str) -> pd.DataFrame:
    result = bind.execute(sa.text(sql))
    columns = list(result.keys())
    # Plain tuples: pandas probing each SQLAlchemy Row took 5 s for a nationwide store.
    return pd.DataFrame.from_records([tuple(row) for row in result], columns=columns)


def _next_committed(written: pd.DataFrame, committed: set[int]) -> pd.DataFrame:
    """`written` (import_id, as_of, commune_code) with `next`: the first committed import after
    it that wrote the same day and commune (NaN if none)."""
    ordered = written.sort_values([*KEY, "import_id"]).reset_index(drop=True)
    own = ordered["import_id"].where(ordered["import_id"].isin(committed))
    after = own.groupby([ordered[name] for name in KEY]).shift(-1)
    ordered["next"] = after.groupby([ordered[name] for name in KEY]).bfill()
    return ordered


def _replaced_by(bind: sa.Connection) -> pd.DataFrame:
    """(import_id, as_of, commune_code, replaced_by) for the rows left in report_versions:
    a committed import's value was replaced by the next committed import that wrote its day
    and commune (or else the next system import, which replaced everything); the sample's
    values by such an import before its removal, or else by the removal; an undone import's
    values by no one (withdrawn)."""
    versions = _frame(bind, "SELECT import_id, as_of, commune_code FROM report_versions")
    current = _frame(bind, "SELECT import_id, as_of, commune_code FROM reports"
                     " WHERE import_id IS NOT NULL")  # fmt: skip
    imports = _frame(bind, "SELECT id, editor, outcome, removed_import FROM imports")
    live = imports[imports["outcome"] == "committed"]
    found = _next_committed(pd.concat([versions, current]), set(live["id"]))
    found = versions.merge(found, on=["import_id", *KEY], how="left")
    systems = sorted(live.loc[live["editor"] == "system", "id"])
    system_after = found["import_id"].map(lambda i: next((s for s in systems if s > i), None))
    system_after = system_after.astype("float64")
    removals = live.dropna(subset=["removed_import"])
    removal = found["import_id"].map(dict(zip(removals["removed_import"].astype(int),
                                              removals["id"], strict=True)))  # fmt: skip
    outcome = found["import_id"].map(dict(zip(imports["id"], imports["outcome"], strict=True)))
    by = found["next"].where(found["next"] < removal.fillna(float("inf")), removal)
    by = by.where((outcome == "committed") | removal.notna(), None)
    found["replaced_by"] = by.fillna(system_after.where(outcome == "committed"))
    return found.dropna(subset=["replaced_by"])[["import_id", *KEY, "replaced_by"]].astype(
        {"replaced_by": int}
    )


def upgrade() -> None:
    """Add replaced_by, drop the current values from report_versions, fill in the rest."""
    op.add_column("report_versions", sa.Column("replaced_by", sa.Integer))
    bind = op.get_bind()
    bind.execute(sa.text(f"DELETE FROM report_versions WHERE {CURRENT}"))
    rows = _replaced_by(bind)
    if rows.empty:
        return
    bind.execute(
        sa.text(
            "UPDATE report_versions SET replaced_by = :replaced_by WHERE import_id = :import_id"
            " AND as_of = :as_of AND commune_code = :commune_code"
        ),
        rows.to_dict("records"),
    )


def downgrade() -> None:
    """Copy the current values back into report_versions and drop replaced_by."""
    op.execute(
        "INSERT INTO report_versions (import_id, as_of, commune_code, target, delivered,"
        " activated, replaced_by) SELECT import_id, as_of, commune_code, target, delivered,"
        " activated, NULL FROM reports WHERE import_id IS NOT NULL"
    )
    op.execute("ALTER TABLE report_versions DROP COLUMN replaced_by")
