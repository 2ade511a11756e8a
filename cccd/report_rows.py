"""Which rows of a report are not communes, and which district a sheet, title or row names.

Reports dressed as administrative documents carry rows that are not communes: group rows
("I. Khối quận"), district heading rows ("Quận Ba Đình"), subtotals ("Cộng", "Cộng quận Ba
Đình", "Tổng huyện Thường Tín"), the grand total ("TỔNG CỘNG", "Toàn thành phố") and, at the
bottom, the signature block ("Nơi nhận:", "NGƯỜI LẬP BIỂU", "KT. TRƯỞNG CÔNG AN ..."). A district
is also named by a sheet ("Ba Đình", "BD", "Q.BĐ") or a title ("CÔNG AN QUẬN BA ĐÌNH"). Pure:
text and the official unit list in, kinds and district codes out.
"""

import re
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from cccd.names import _index, _name_keys
from cccd.report_layout import fold

TOTAL, SUBTOTAL, HEADING, GROUP, FOOTER = "total", "subtotal", "heading", "group", "footer"
_ROMAN = re.compile(r"^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)( |$)(.*)")
_TOTAL = re.compile(
    r"^(tong cong|tong so|tong|cong|toan thanh pho|toan tp|toan tinh|toan quoc|toan quan|"
    r"toan huyen|total|grand total|subtotal|sum|tc)( |$)(.*)"
)
_SUBTOTAL_WORDS = ("cong", "subtotal", "toan quan", "toan huyen")
_DISTRICT_PREFIX = re.compile(r"^(quan|huyen|thi xa|q|h|tx)( |$)(.*)")
_FOOTER = re.compile(
    r"^(noi nhan|nguoi lap|nguoi lap bieu|nguoi ky|truong phong|pho truong phong|truong cong an|"
    r"kt|tm|tl|thu truong|giam doc|pho giam doc|chu tich|xac nhan|ky ten|luu vt|luu van thu|"
    r"chi huy truong|"
    r"doi truong|lanh dao|can bo)( |$)"
)
_SIGNING = re.compile(r"^[a-z ]{2,40} ngay \d{1,2} thang \d{1,2} nam \d{4}")


def row_kind(text: str) -> tuple[str | None, str]:
    """(kind, the words after the keyword) for a row's label, kind None for a commune (as far
    as words tell: the caller first checks that the label is not an official commune's name,
    since "Cộng Hòa" and "Tòng Bạt" are communes)."""
    words = fold(text)
    if not words:
        return None, ""
    if _FOOTER.match(words) or _SIGNING.match(words):
        return FOOTER, words
    if match := _ROMAN.match(words):
        rest = match.group(3)
        return (HEADING if _DISTRICT_PREFIX.match(rest) else GROUP), rest
    if match := _TOTAL.match(words):
        rest = match.group(3)
        named = bool(rest) and not rest.startswith(("khoi", "so", "cong"))
        subtotal = match.group(1) in _SUBTOTAL_WORDS or named
        return (SUBTOTAL if subtotal else TOTAL), rest
    if words.startswith(("khoi ", "cac quan", "cac huyen", "cac thi xa", "cac phuong", "cac xa")):
        return GROUP, words
    if _DISTRICT_PREFIX.match(words):
        return HEADING, words
    return None, ""


def district_initials(units: pd.DataFrame) -> dict[str, str]:
    """Initials -> district code, for the initials only one district has ("bd" -> Ba Đình)."""
    found: dict[str, set[str]] = defaultdict(set)
    districts = units.drop_duplicates("district_code")
    for code, short in zip(
        districts["district_code"], districts["district_name_short"], strict=True
    ):
        found["".join(word[0] for word in fold(short).split())].add(code)
    return {initials: next(iter(codes)) for initials, codes in found.items() if len(codes) == 1}


def _district_by_name(text: str, units: pd.DataFrame) -> str | None:
    index = _index(units)
    for key in _name_keys(text):
        codes = index.districts.get(key, set())
        if len(codes) == 1:
            return next(iter(codes))
    return None


def district_in_text(text: str, units: pd.DataFrame, initials: bool = False) -> str | None:
    """The district code a text names: a whole name ("Ba Đình", "Quận Ba Đình", "BaDinh"), a
    name after quận/huyện/thị xã inside a longer text ("CÔNG AN QUẬN BA ĐÌNH", "Cộng huyện
    Thường Tín"), or with `initials` (sheet names) unambiguous initials ("BD", "Q.BĐ")."""
    if not str(text).strip():
        return None
    if found := _district_by_name(str(text), units):
        return found
    words = fold(text).split()
    for start, word in enumerate(words):
        if word in ("quan", "huyen", "xa") and (
            word != "xa" or words[start - 1 : start] == ["thi"]
        ):
            for end in range(len(words), start + 1, -1):
                if found := _district_by_name(" ".join(words[start + 1 : end]), units):
                    return found
    if initials and 1 <= len(words) <= 2:
        letters = words[-1] if len(words) == 1 or words[0] in ("q", "h", "tx") else "".join(words)
        return district_initials(units).get(letters)
    return None


def footer_start(texts: Iterable[tuple[int, str]]) -> int | None:
    """The position of the first row whose text opens a signature block, or None;
    `texts`: (position, a cell's text) for the rows with no figures."""
    for position, text in texts:
        if row_kind(text)[0] == FOOTER:
            return position
    return None
