"""The headings boundary files commonly give their columns, and a heading's comparable form.

Columns are chosen by what they hold (loaders._boundary_columns); these headings only break a
tie between columns that hold the same, and name a column when no column's content convinces.
"""

import re
import unicodedata

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
