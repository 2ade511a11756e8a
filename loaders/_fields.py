"""Translate the attribute names found in boundary files into our vocabulary, once."""

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


def map_fields(columns: Iterable[str]) -> dict[str, str]:
    """{our column: the file's column} for each of our four columns found in the file."""
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(field_key(column), column)
    mapping: dict[str, str] = {}
    for ours, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            column = by_key.get(field_key(alias))
            if column is not None and column not in mapping.values():
                mapping[ours] = column
                break
    return mapping


def require_commune_fields(mapping: dict[str, str], columns: Iterable[str], source: str) -> None:
    """Raise DataFileError unless the file has a commune code or a commune name column."""
    if "commune_code" in mapping or "commune_name" in mapping:
        return
    raise DataFileError(
        "error.no_commune_fields",
        file=source,
        found=listing([str(c) for c in columns if c != "geometry"], message("error.none")),
        codes=", ".join(FIELD_ALIASES["commune_code"]),
        names=", ".join(FIELD_ALIASES["commune_name"]),
    )
