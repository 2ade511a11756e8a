"""What a report's header cells mean, read from their words, and where the header row is.

No list of exact headings: a heading is folded (case, accents, "đ", punctuation gone) and read
by rules on its words ("đã trả", "giao", "cấp" → cards delivered unless it is a rate or a
daily figure; "kích hoạt", "VNeID", "mức 2" → activations; ...). The header row is the row
among the first ones whose cells name the most of our columns; a group row above it ("Kết quả"
over "Đã trả" and "Tỷ lệ", merged cells empty to the right) is read into its sub-headings, and a
numbering row under it ("(1)", "(2)", "(3)=(2)/(1)") is not data. Pure: lists of text in and out.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

OURS = ("as_of", "commune_code", "commune_name", "district_name", "target", "delivered",
        "activated")  # fmt: skip
COUNTS = ("target", "delivered", "activated")
IGNORED = "ignored"
HEADER_SEARCH_ROWS = 30

ROW_NUMBER_HEADINGS = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu", "no", "nr", "n", "#"})
# Words that make any heading meaningless to us: rates, notes, daily (not cumulative) figures,
# what is still to do, applications received (an earlier stage than a card delivered).
_IGNORED_WORDS = (
    "ty le", "ti le", "ghi chu", "note", "notes", "remark", "remarks", "comment", "rate", "ratio",
    "percent", "percentage", "signature", "ky ten", "trong ngay", "hom nay", "trong tuan",
    "con lai", "con phai", "chua", "chenh lech", "tang", "giam", "so voi", "thu nhan",
    "tiep nhan", "ho so", "trong ky", "phat sinh", "tuan nay", "remaining", "daily", "today",
    "difference", "change", "xep hang", "xep loai", "rank", "danh gia",
)  # fmt: skip
_DATE_FIRST = ("ngay", "date", "thoi diem", "thoi gian", "cap nhat", "tinh den", "as of",
               "report date", "updated", "den ngay")  # fmt: skip
_DATE_WORDS = (*_DATE_FIRST, "as_of")
_CODE_WORDS = ("ma", "code", "id", "ma so", "pcode", "gid")
_COMMUNE_WORDS = ("xa", "phuong", "thi tran", "ward", "commune", "px", "xa phuong", "phuong xa")
_UNIT_WORDS = ("don vi", "dvhc", "dv", "dia ban", "ten", "name", "unit", "co so", "dia phuong")
_DISTRICT_WORDS = ("quan", "huyen", "thi xa", "district", "cap huyen", "qh", "tx")
_ACTIVATED_WORDS = ("kich hoat", "vneid", "vne id", "dinh danh", "dddt", "ddt", "muc 2", "muc ii",
                    "activated", "activation", "activations", "e id", "eid", "tk")  # fmt: skip
_TARGET_WORDS = ("chi tieu", "ke hoach", "kh", "phai cap", "can cap", "phai tra", "target",
                 "targets", "plan", "planned", "du kien", "du dieu kien", "thuoc dien",
                 "do tuoi")  # fmt: skip
_PEOPLE_WORDS = ("dan so", "cong dan", "so dan", "nhan khau", "doi tuong", "population")
_DELIVERED_WORDS = ("tra", "giao", "cap", "delivered", "delivery", "issued", "issue", "handed",
                    "phat", "nhan the", "da nhan")  # fmt: skip
# "cấp xã", "cấp huyện": the level of a unit, not a card issued.
_LEVELS = re.compile(r"\bcap (xa|huyen|phuong|tinh|quan)\b")
_COMPACT_CODE = re.compile(r"(ma|code|id)(xa|px|phuong|phuongxa|xaphuong|dv|dvhc|donvi|dvi)")
_COMPACT_NAME = re.compile(r"(ten)(xa|px|phuong|phuongxa|xaphuong|dv|dvhc|donvi|dvi)")
_COMPACT_DISTRICT = re.compile(r"(ma|ten)?(quan|huyen|qh|quanhuyen)")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case, no accents, one space between words: "Số CCCD đã cấp" -> "so cccd da cap"."""
    lowered = unicodedata.normalize("NFD", str(text).lower().replace("đ", "d"))
    plain = "".join(c for c in lowered if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+|#", plain))


def _has(words: str, phrases: Sequence[str]) -> bool:
    padded = f" {words} "
    return any(f" {phrase} " in padded for phrase in phrases)


def _place_role(words: str) -> str | None:
    """commune_code, commune_name or district_name when the words name a place, else None."""
    compact = words.replace(" ", "")
    if _COMPACT_CODE.fullmatch(compact):
        return "commune_code"
    if _COMPACT_NAME.fullmatch(compact):
        return "commune_name"
    if _COMPACT_DISTRICT.fullmatch(compact):
        return "district_name"
    without_town = words.replace("thi xa", "")
    commune = _has(without_town, _COMMUNE_WORDS)
    district = _has(words, _DISTRICT_WORDS)
    if not (commune or district or _has(words, _UNIT_WORDS)):
        return None
    if district and not commune:
        return "district_name"  # a district's code is read as its name (the matcher takes both)
    return "commune_code" if _has(words, _CODE_WORDS) else "commune_name"


def _count_role(words: str) -> str | None:
    """target, delivered or activated when the words name one of the counts, else None."""
    if _has(words, _ACTIVATED_WORDS):
        return "activated"
    if _has(words, _TARGET_WORDS):
        return "target"
    delivered = _has(words.replace("cap nhat", ""), _DELIVERED_WORDS)
    if _has(words, _PEOPLE_WORDS) and not delivered:
        return "target"
    return "delivered" if delivered else None


def names_target(text: str) -> bool:
    """True when a heading says target ("Chỉ tiêu", "Số phải cấp"), not only people ("Dân số")."""
    return _has(fold(text), _TARGET_WORDS)


@lru_cache(maxsize=4096)
def header_role(text: str) -> str | None:
    """Our column a heading names ("as_of", "commune_code", ..., "activated"), IGNORED for a
    heading that means nothing to us (row numbers, notes, rates, daily figures), else None."""
    words = fold(text)
    if words in ROW_NUMBER_HEADINGS or not words or "%" in str(text) or _has(words, _IGNORED_WORDS):
        return IGNORED
    if words.replace(" ", "") in ("asof", "reportdate", "ngaybaocao", "ngaybc"):
        return "as_of"
    first = _has(" ".join(words.split()[:2]), _DATE_FIRST)
    counted = _count_role(_LEVELS.sub(" ", words))
    if first and not counted:
        return "as_of"
    return counted or _place_role(words) or ("as_of" if _has(words, _DATE_WORDS) else None)


@dataclass(frozen=True)
class Header:
    """Where a table's header is and what its columns are called."""

    position: int  # the header's first row, counted from the table's first row with text
    depth: int  # 1, or 2 when a group row sits above the sub-headings
    texts: list[str]  # one heading per column ("Kết quả / Đã trả" under a group), "" if none
    roles: list[str | None]  # header_role of each heading
    numbering: int = 0  # numbering rows under the header ("(1)", "(2)", ...), not data

    @property
    def data_start(self) -> int:
        """The position of the first row after the header (and its numbering row)."""
        return self.position + self.depth + self.numbering


_NUMERIC = re.compile(r"[\d.,/\-\s:]+")
_NUMBERING = re.compile(r"\(?[0-9A-Za-z]{1,3}\)?(\s*[-=*/+x:]\s*[\s()0-9A-Za-z*/+=x:-]*)?")


def _numeric(cell: str) -> bool:
    return bool(cell) and _NUMERIC.fullmatch(cell) is not None and any(map(str.isdigit, cell))


def _combined(group: Sequence[str], sub: Sequence[str]) -> list[str]:
    """Headings of a two-row header: each sub-heading under its group (a merged group cell is
    empty to its right, so its text is carried right over the columns that have a sub-heading)."""
    texts, carried = [], ""
    for above, below in zip(group, sub, strict=True):
        if above:
            carried = above if below else ""  # a group has sub-headings under its own cell
            texts.append(f"{above} / {below}" if below else above)
        elif below:
            texts.append(f"{carried} / {below}" if carried else below)
        else:
            carried = ""
            texts.append("")
    return texts


def _roles(texts: Sequence[str], sub: Sequence[str] | None = None) -> list[str | None]:
    """Each heading's role; under a group, the sub-heading's own role when it has one."""
    roles = [header_role(text) if text else None for text in texts]
    if sub is not None:
        roles = [
            (header_role(own) if own else None) or role
            for own, role in zip(sub, roles, strict=True)
        ]
    return roles


def _score(roles: Sequence[str | None], rows: Sequence[Sequence[str]]) -> float:
    """Our columns named (a header names a count and one more), less a half per number cell."""
    named = {role for role in roles if role not in (None, IGNORED)}
    if len(named) < 2 or not named & set(COUNTS):
        return 0.0
    return len(named) - 0.5 * sum(_numeric(cell) for row in rows for cell in row)


def _sub_headings(row: Sequence[str]) -> bool:
    """True for a row of sub-headings under groups: some cell names a figure or a rate ("Đã
    trả", "Tỷ lệ"), none is a number (a district heading row "Huyện Đan Phượng" is not)."""
    filled = [cell for cell in row if cell]
    figures = any(header_role(cell) in (*COUNTS, IGNORED) for cell in filled)
    return figures and not any(map(_numeric, filled))


def is_numbering_row(cells: Sequence[str]) -> bool:
    """True for the column-numbering row under a header: "(1)", "(2)", "(3)=(2)/(1)", "A", "1"."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) < 2 or any(len(cell) > 24 for cell in filled):
        return False
    return all(_NUMBERING.fullmatch(cell) for cell in filled) and not any(
        len(re.sub(r"\D", "", cell)) > 3 for cell in filled
    )


def find_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The header among the first HEADER_SEARCH_ROWS rows (each padded to the same width):
    the row, or group row + sub-heading row, naming the most of our columns; None if none."""
    best: tuple[float, Header] | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        candidates = [Header(i, 1, list(row), _roles(row))]
        below = rows[i + 1] if i + 1 < len(rows) else None
        # A group row holds words only, in two cells or more ("Kết quả", "VNeID").
        if below is not None and sum(map(bool, row)) >= 2 and not any(map(_numeric, row)):
            texts = _combined(row, below)
            candidates.append(Header(i, 2, texts, _roles(texts, below)))
        for header in candidates:
            score = _score(header.roles, rows[i : i + header.depth])
            if header.depth == 2 and score > 0 and _sub_headings(below):
                score += 0.5  # the row below names columns ("Đã trả", "Tỷ lệ"): not data
            if score > 0 and (best is None or score > best[0]):
                best = (score, header)
    if best is None:
        return None
    header = best[1]
    after = header.position + header.depth
    numbering = int(after < len(rows) and is_numbering_row(rows[after]))
    return Header(header.position, header.depth, header.texts, header.roles, numbering)
