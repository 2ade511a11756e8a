"""The headings boundary files commonly give their columns, and a heading's comparable form.

Columns are chosen by what they hold (loaders._boundary_columns); these headings only break a
tie between columns that hold the same, and name a column when no column's content convinces.
"""

import re
import unicodedata
from collections.abc import Iterable

from cccd.messages import message
from loaders.errors import DataFileError, listing

# In priority order; DBF cuts names to 10 characters, hence commune_co, district_c, ...
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "commune_code": (
        "commune_code", "commune_co", "ma_xa", "ma_px", "ma_phuong", "xa_code", "code",
    ),
    "commune_name": (
        "commune_name", "commune_na", "ten_xa", "ten_phuong", "ten_px", "name",
    ),
    "district_code": ("district_code", "district_c", "ma_huyen", "ma_quan"),
    "district_name": ("district_name", "district_n", "ten_huyen", "ten_quan"),
}  # fmt: skip


def field_key(name: str) -> str:
    """Case-, accent- and separator-free form of a field name: "Mã_Xã" and "MaXa" -> "maxa"."""
    decomposed = unicodedata.normalize("NFD", str(name).lower().replace("đ", "d"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", plain)


def require_commune_fields(mapping: dict[str, str], columns: Iterable[str], source: str) -> None:
    """Raise DataFileError unless the file has a commune code or a commune name column.

    Superseded by loaders._boundary_columns ("boundaries.error.no_columns", which says how to
    name the column with --field); kept only while errors.po still holds its key."""
    if "commune_code" in mapping or "commune_name" in mapping:
        return
    raise DataFileError(
        "error.no_commune_fields",
        file=source,
        found=listing([str(c) for c in columns if c != "geometry"], message("error.none")),
        codes=", ".join(FIELD_ALIASES["commune_code"]),
        names=", ".join(FIELD_ALIASES["commune_name"]),
    )
