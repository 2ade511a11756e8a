"""Text of a shapefile whose .dbf came without a .cpg: decoded in the encoding its names match.

Older government shapefiles are written in Windows-1258 or in TCVN3 (the "ABC" fonts) and rarely
say so; GDAL then assumes Latin-1 and "Hoàn Kiếm" reads as "Hoàn Kiêìm". The reader reads the
.dbf once as Latin-1 (each byte one character, nothing lost) and this module re-decodes those
strings in memory under each candidate, keeping the one under which most names are names of the
official unit list.
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from cccd.column_roles import score_values

# TCVN 5712:1993 bytes 0x80-0xFF, as glibc's iconv "TCVN5712-1" decodes them (the standard's
# VN1 table; TCVN3/ABC files use its VN3 subset: the lower-case letters and Ă Â Ê Ô Ơ Ư Đ at
# 0xA1-0xA7, upper-case text being written with the same codes in an upper-case font). Bytes
# 0x00-0x7F are ASCII. 0xB0-0xB4 are combining tone marks, hence NFC after decoding.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
_TCVN3_TABLE = {0x80 + i: char for i, char in enumerate(_TCVN3_HIGH)}


def decode_tcvn3(raw: bytes) -> str:
    """TCVN3 (TCVN 5712, ABC fonts) bytes as NFC text: b"B\\xb6o Th\\xbeng" -> "Bảo Thắng"."""
    return unicodedata.normalize("NFC", raw.decode("latin-1").translate(_TCVN3_TABLE))


def _from_latin1(decode: Callable[[bytes], str]) -> Callable[[str], str]:
    return lambda text: decode(text.encode("latin-1"))


# In order of preference when names match equally well (e.g. plain ASCII text).
ENCODINGS: dict[str, Callable[[str], str]] = {
    "UTF-8": _from_latin1(lambda raw: raw.decode("utf-8", errors="replace")),
    # Windows-1258 writes tone marks as combining characters: NFC joins them to their letter.
    "Windows-1258": _from_latin1(
        lambda raw: unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    ),
    "TCVN3": lambda text: unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE)),
}


@dataclass(frozen=True)
class TextChoice:
    """The encoding a .dbf's text was decoded in, and how well its names matched in each."""

    encoding: str
    names_matched: int  # values of the best name column that name an official unit
    names: int  # non-blank values of that column
    others: dict[str, int]  # names matched under each other candidate


def _redecode(frame: gpd.GeoDataFrame, decode: Callable[[str], str]) -> gpd.GeoDataFrame:
    """frame with every text value and column name read as Latin-1 decoded again."""

    def value(item: object) -> object:
        return decode(item) if isinstance(item, str) else item

    out = frame.copy()
    for column in out.columns:
        if column != out.geometry.name and out[column].dtype in (object, "str", "string"):
            out[column] = pd.Series(
                [value(v) for v in out[column].tolist()], index=out.index, dtype=object
            )
    names = {c: value(c) for c in out.columns if c != out.geometry.name}
    return out.rename(columns=names)


def _names_matched(frame: gpd.GeoDataFrame, units: pd.DataFrame) -> tuple[int, int]:
    """(matched, values) of the text column whose values best name communes or districts."""
    best = (0, 0)
    for column in frame.columns:
        if column == frame.geometry.name or frame[column].dtype not in (object, "str", "string"):
            continue
        scores = score_values(frame[column].tolist(), units)
        for role in ("commune_name", "district_name"):
            best = max(best, (scores[role].matched, scores[role].values))
    return best


def decode_text(
    frame: gpd.GeoDataFrame, units: pd.DataFrame
) -> tuple[gpd.GeoDataFrame, TextChoice]:
    """A frame read as Latin-1, decoded in the candidate under which most names match."""
    results = {}
    for encoding, decode in ENCODINGS.items():
        decoded = _redecode(frame, decode)
        results[encoding] = (decoded, *_names_matched(decoded, units))
    # max keeps the first of equals: the order of ENCODINGS is the preference.
    encoding = max(results, key=lambda name: results[name][1])
    decoded, matched, values = results[encoding]
    others = {name: result[1] for name, result in results.items() if name != encoding}
    return decoded, TextChoice(encoding, matched, values, others)
