"""The store's tables as the code sees them at the head migration (loaders/migrations).

The migrations create these tables; this module only describes them for queries. Changing a
table here means adding a migration under loaders/migrations/versions.
"""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

COUNTS = ["target", "delivered", "activated"]
COLUMNS = ["as_of", "commune_code", *COUNTS]
KEY = ["as_of", "commune_code"]
OUTCOMES = ("committed", "unchanged", "undone")
SYSTEM_EDITOR = "system"
SYNTHETIC_FILE_NAME = "synthetic sample"
SAMPLE_REMOVED_FILE_NAME = "synthetic sample removed"

metadata = MetaData()
imports_table = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("editor", Text, nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("changed", Integer, nullable=False),
    Column("correction", Boolean, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("undone_by", Text),
    Column("undone_at", DateTime),
    # Rows of the file the editor chose to leave out: how many, and them as JSON (0003).
    Column("skipped", Integer, nullable=False, default=0),
    Column("skipped_rows", Text),
    # On a "remove the synthetic sample" entry: the sample import whose rows it removed.
    Column("removed_import", Integer),
)
reports_table = Table(
    "reports",
    metadata,
    Column("as_of", Date, primary_key=True),
    Column("commune_code", String(5), primary_key=True),
    *(Column(name, Integer, nullable=False) for name in COUNTS),
    Column("import_id", Integer, ForeignKey("imports.id")),
    CheckConstraint(
        "target >= 0 AND delivered >= 0 AND activated >= 0", name="reports_counts_not_negative"
    ),
)
# Values that are no longer current (0004): a value lives in reports while it is current and
# moves here when a later import replaces it (replaced_by = that import), when the sample is
# removed or a system import replaces everything (replaced_by = that entry), or when its own
# import is undone (replaced_by NULL). reports ∪ report_versions is every value ever written,
# each once; new rows, most of an import, are written once.
report_versions_table = Table(
    "report_versions",
    metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), primary_key=True),
    Column("as_of", Date, primary_key=True),
    Column("commune_code", String(5), primary_key=True),
    *(Column(name, Integer, nullable=False) for name in COUNTS),
    Column("replaced_by", Integer),
)
dataset_table = Table(
    "dataset",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
boundaries_table = Table(
    "commune_boundaries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("source_name", Text, nullable=False),
    Column("loaded_at", DateTime, nullable=False),
    Column("geojson", Text, nullable=False),
)

# Column roles an editor confirmed for a set of report headers (header_key: the reader's hash).
column_mappings_table = Table(
    "column_mappings",
    metadata,
    Column("header_key", String(128), primary_key=True),
    Column("mapping", Text, nullable=False),
    Column("editor", Text, nullable=False),
    Column("saved_at", DateTime, nullable=False),
)


def _sign_in_columns() -> list[Column]:
    """The failed sign-in counter shared by editors and unknown names."""
    return [
        Column("failed_attempts", Integer, nullable=False, default=0),
        Column("last_failed_at", DateTime),
    ]


editors_table = Table(
    "editors",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    *_sign_in_columns(),
)
# Failed sign-ins under names that are not editors, kept apart so list_editors stays clean.
unknown_sign_ins_table = Table(
    "unknown_sign_ins",
    metadata,
    Column("name", String(100), primary_key=True),
    *_sign_in_columns(),
)
