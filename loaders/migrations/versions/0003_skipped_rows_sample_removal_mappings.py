"""Skipped rows kept with their import, the sample removal in the log, stored column mappings.

imports gains `skipped` (how many rows of the file the editor chose to leave out),
`skipped_rows` (them, as JSON text) and `removed_import` (for a "remove the synthetic sample"
entry: the sample import whose rows it removed, so that undo can put them back). The outcome
check stays as it is: SQLite can change a CHECK only by rebuilding the table, which the
foreign keys into imports forbid inside the migration's transaction.
column_mappings keeps the column roles an editor confirmed for a set of report headers.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the imports columns and the column_mappings table."""
    op.add_column("imports", sa.Column("skipped", sa.Integer, nullable=False, server_default="0"))
    op.add_column("imports", sa.Column("skipped_rows", sa.Text))
    # No foreign key: SQLite can drop a column (downgrade) only when no constraint names it.
    op.add_column("imports", sa.Column("removed_import", sa.Integer))
    op.create_table(
        "column_mappings",
        sa.Column("header_key", sa.String(128), primary_key=True),
        sa.Column("mapping", sa.Text, nullable=False),
        sa.Column("editor", sa.Text, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    """Drop what upgrade added (skipped rows, removal links and mappings are lost)."""
    op.drop_table("column_mappings")
    # Plain DROP COLUMN (SQLite 3.35+): rebuilding imports, as batch mode would, fails on the
    # foreign keys that point at it.
    for name in ("removed_import", "skipped_rows", "skipped"):
        op.execute(f"ALTER TABLE imports DROP COLUMN {name}")
