"""The schema the store had before migrations: reports, dataset, commune_boundaries.

Created only where missing, so stores made before Alembic (no alembic_version) keep their data.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

COUNTS = ("target", "delivered", "activated")


def upgrade() -> None:
    """Create the three original tables if they do not exist yet."""
    op.create_table(
        "reports",
        sa.Column("as_of", sa.Date, primary_key=True),
        sa.Column("commune_code", sa.String(5), primary_key=True),
        *(sa.Column(name, sa.Integer, nullable=False) for name in COUNTS),
        sa.CheckConstraint(
            "target >= 0 AND delivered >= 0 AND activated >= 0",
            name="reports_counts_not_negative",
        ),
        if_not_exists=True,
    )
    op.create_table(
        "dataset",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        if_not_exists=True,
    )
    op.create_table(
        "commune_boundaries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("source_name", sa.Text, nullable=False),
        sa.Column("loaded_at", sa.DateTime, nullable=False),
        sa.Column("geojson", sa.Text, nullable=False),
        if_not_exists=True,
    )


def downgrade() -> None:
    """Drop the original tables."""
    for name in ("commune_boundaries", "dataset", "reports"):
        op.drop_table(name)
