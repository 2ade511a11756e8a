"""Translate a daily report's column headers (Vietnamese or English) into our vocabulary, once."""

from collections.abc import Sequence

from cccd.messages import Message, message
from loaders._fields import field_key
from loaders.errors import DataFileError, listing

# Our column -> the headers people write; compared without case, accents, spaces or punctuation.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "as_of": ("Ngày báo cáo", "Ngày", "Ngày BC", "date", "as_of", "report_date"),
    "commune_code": (
        "Mã xã", "Mã phường/xã", "Mã xã/phường", "Mã phường", "Mã PX", "commune_code",
    ),
    "commune_name": (
        "Phường/Xã", "Xã/Phường", "Tên xã", "Tên phường/xã", "Tên xã/phường", "Tên phường",
        "commune", "commune_name",
    ),
    "district_name": (
        "Quận/Huyện", "Huyện/Quận", "Tên quận/huyện", "Tên huyện", "Tên quận", "Mã huyện",
        "Mã quận", "Mã quận/huyện", "district", "district_code", "district_name",
    ),
    "target": ("Chỉ tiêu", "target"),
    "delivered": ("Số thẻ đã trả", "Đã trả", "Số đã trả", "delivered", "cards_delivered"),
    "activated": (
        "Đã kích hoạt VNeID", "Kích hoạt VNeID", "Đã kích hoạt", "activated", "vneid_activated",
    ),
}  # fmt: skip
# Row-number columns ("STT" = số thứ tự) are common in police spreadsheets and carry no data.
IGNORED = ("STT", "TT", "No", "No.", "#")
REQUIRED = ("as_of", "target", "delivered", "activated")
TEMPLATE_HINT = message("error.template_hint")  # "Download the report template for the ..."
_KEYS = {field_key(alias): ours for ours, aliases in HEADER_ALIASES.items() for alias in aliases}
_IGNORED_KEYS = {field_key(name) for name in IGNORED}


def known_header(text: str) -> bool:
    """True when a header cell names one of our columns (used to find the header row)."""
    return field_key(text) in _KEYS


def accepted_names() -> str:
    """The accepted headers, one group per column, for error messages."""
    return "; ".join(f"{ours}: {', '.join(aliases)}" for ours, aliases in HEADER_ALIASES.items())


def map_headers(header: Sequence[str], source: str) -> dict[str, int]:
    """{our column: position in the row} for a header row; DataFileError naming what is wrong."""
    mapping: dict[str, int] = {}
    unknown: list[str] = []
    for position, text in enumerate(header):
        key = field_key(text)
        if not key or key in _IGNORED_KEYS:
            continue
        ours = _KEYS.get(key)
        if ours is None:
            unknown.append(str(text))
        elif ours in mapping:
            raise DataFileError(
                "error.duplicate_column",
                file=source,
                first=str(header[mapping[ours]]),
                second=str(text),
                column=ours,
                hint=TEMPLATE_HINT,
            )
        else:
            mapping[ours] = position
    missing: list[Message | str] = [name for name in REQUIRED if name not in mapping]
    if "commune_code" not in mapping and "commune_name" not in mapping:
        missing.append(message("error.code_or_name"))  # "commune_code or commune_name"
    if unknown or missing:
        raise _header_error(source, header, unknown, missing)
    return mapping


def _header_error(
    source: str, header: Sequence[str], unknown: list[str], missing: list[Message | str]
) -> DataFileError:
    """What is wrong with a header row: missing and/or unknown columns, and what is accepted."""
    found = [f"'{text}'" for text in header if str(text).strip()]
    params = {
        "file": source,
        "found": listing(found, message("error.none")),
        "accepted": message("error.accepted_headers", names=accepted_names(), hint=TEMPLATE_HINT),
        "missing": listing(missing),
        "unknown": ", ".join(repr(text) for text in unknown),
    }
    if missing and unknown:
        return DataFileError("error.header_missing_unknown", **params)
    if missing:
        return DataFileError("error.header_missing", **params)
    return DataFileError("error.header_unknown", **params)
