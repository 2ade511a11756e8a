"""The import log, every value ever written (report_versions), editors, reports.import_id.

Reports already in the store become import 1 (editor "system"), so undo and history have a
baseline: "synthetic sample" when the dataset says so, else "reports before the import log".

Revision ID: 0002
Revises: 0001
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COUNTS = ("target", "delivered", "activated")


def _sign_in_columns() -> list[sa.Column]:
    """Failed sign-in counter columns."""
    return [
        sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_failed_at", sa.DateTime),
    ]


def _create_tables() -> None:
    """imports, report_versions, editors, unknown_sign_ins."""
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("editor", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("changed", sa.Integer, nullable=False),
        sa.Column("correction", sa.Boolean, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("undone_by", sa.Text),
        sa.Column("undone_at", sa.DateTime),
        sa.CheckConstraint(
            "outcome IN ('committed', 'unchanged', 'undone')", name="imports_outcome_known"
        ),
    )
    op.create_table(
        "report_versions",
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), primary_key=True),
        sa.Column("as_of", sa.Date, primary_key=True),
        sa.Column("commune_code", sa.String(5), primary_key=True),
        *(sa.Column(name, sa.Integer, nullable=False) for name in COUNTS),
        sa.CheckConstraint(
            "target >= 0 AND delivered >= 0 AND activated >= 0",
            name="report_versions_counts_not_negative",
        ),
    )
    op.create_table(
        "editors",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        *_sign_in_columns(),
    )
    op.create_table(
        "unknown_sign_ins", sa.Column("name", sa.String(100), primary_key=True), *_sign_in_columns()
    )


def _record_existing_reports() -> None:
    """Log reports written before this migration as import 1, with their versions."""
    bind = op.get_bind()
    count = bind.execute(sa.text("SELECT count(*) FROM reports")).scalar_one()
    if not count:
        return
    flag = bind.execute(sa.text("SELECT value FROM dataset WHERE key = 'synthetic'")).scalar()
    now = datetime.now(UTC).replace(tzinfo=None)
    imports = sa.table(
        "imports",
        *(
            sa.column(name)
            for name in (
                "id",
                "file_name",
                "sha256",
                "editor",
                "started_at",
                "finished_at",
                "rows",
                "changed",
                "correction",
                "outcome",
            )
        ),
    )
    file_name = "synthetic sample" if flag == "1" else "reports before the import log"
    row = {
        "file_name": file_name,
        "sha256": "",
        "editor": "system",
        "started_at": now,
        "finished_at": now,
        "rows": count,
        "changed": count,
        "correction": False,
        "outcome": "committed",
    }
    bind.execute(sa.insert(imports).values(row))
    import_id = bind.execute(sa.text("SELECT max(id) FROM imports")).scalar_one()
    bind.execute(
        sa.text(
            "INSERT INTO report_versions (import_id, as_of, commune_code, target, delivered, "
            "activated) SELECT :id, as_of, commune_code, target, delivered, activated FROM reports"
        ),
        {"id": import_id},
    )
    bind.execute(sa.text("UPDATE reports SET import_id = :id"), {"id": import_id})


def upgrade() -> None:
    """Add the import log, versions, editors and reports.import_id; log existing reports."""
    _create_tables()
    # Inline REFERENCES works on both backends; SQLite cannot ALTER TABLE ADD CONSTRAINT.
    op.execute("ALTER TABLE reports ADD COLUMN import_id INTEGER REFERENCES imports (id)")
    _record_existing_reports()


def downgrade() -> None:
    """Drop what upgrade added (the log and history are lost)."""
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("import_id")
    for name in ("unknown_sign_ins", "editors", "report_versions", "imports"):
        op.drop_table(name)
