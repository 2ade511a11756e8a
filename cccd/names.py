"""Match commune names and codes as people write them to the official GSO codes.

Reports write "P. Phúc Xá", "phuong phuc xa", "Thụy Lâm" or "Duc Hoa"; the official list writes
"Phường Phúc Xá", "Xã Thuỵ Lâm", "Xã Đức Hoà". A code from the official list always wins; else
the name is matched within its district, or in the whole official list when it is unique there.
Why a row did not match is a Message (keys "match.*" of locales/*/LC_MESSAGES/checks.po; those
with the closest official names, "match.*_suggest", in store_sample.po), which the caller renders
in the reader's language.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from cccd import suggest
from cccd.messages import Message, message

# A name that matches several communes: a district (or the code) would settle it.
AMBIGUOUS = frozenset({"match.in_districts", "match.in_communes"})
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ABBREVIATIONS = {
    "p": ["phường"], "x": ["xã"], "tt": ["thị", "trấn"],
    "q": ["quận"], "h": ["huyện"], "tx": ["thị", "xã"],
}  # fmt: skip
SUGGESTIONS_KEPT = 10_000  # names already looked up, per official list
# Searching the whole list costs ~2 ms a name against 10,599 communes: a file whose names all
# fail (a wrong column, a wrong encoding) gets suggestions for its first names only.
WHOLE_LIST_SEARCHES = 200
_PREFIXES = (("thị", "trấn"), ("thị", "xã"), ("phường",), ("xã",), ("quận",), ("huyện",))


@lru_cache(maxsize=65536)  # the same few thousand words recur in every file
def _fold(word: str) -> str:
    """Drop every diacritic: "thuỵ" -> "thuy", "đức" -> "duc"."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _tone_key(word: str) -> str:
    """Keep accents but move the tone mark to the end, so "thuỵ" and "thụy" are equal."""
    decomposed = unicodedata.normalize("NFD", word)
    base = "".join(c for c in decomposed if c not in _TONES)
    tones = "".join(c for c in decomposed if c in _TONES)
    return unicodedata.normalize("NFC", base) + tones


def _tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFC", str(name)).lower().replace("_", " ")
    return re.findall(r"\w+", text)


def _is_prefix_word(word: str, prefix: str) -> bool:
    # "Phương Liên" is a name, "Phường" a unit: a word written with accents must carry the
    # prefix's own accents; only a word written with none may stand for it ("phuong").
    return _tone_key(word) == _tone_key(prefix) or (word == _fold(word) == _fold(prefix))


def _strip_prefix(tokens: list[str]) -> list[str]:
    if len(tokens) > 1 and tokens[0] in _ABBREVIATIONS:
        return tokens[1:]
    for prefix in _PREFIXES:
        n = len(prefix)
        head = tokens[:n]
        if len(tokens) > n and all(map(_is_prefix_word, head, prefix)):
            return tokens[n:]
    return tokens


def normalise_name(name: str) -> str:
    """Matching key: prefix stripped, lower case, diacritics folded ("P. Phúc Xá" -> "phuc xa").

    One leading prefix is stripped (Phường/P./Xã/X./Thị trấn/TT./Quận/Q./Huyện/H./Thị xã/TX.),
    never leaving an empty key. A word written with accents is stripped only when they are the
    prefix's accents, so "Phương Liên" survives; an unaccented word is stripped when it spells a
    prefix ("phuong phuc xa"), which is why the matcher also tries the unstripped name.
    """
    return " ".join(_fold(word) for word in _strip_prefix(_tokens(name)))


@lru_cache(maxsize=1 << 16)
def _name_keys(name: str) -> tuple[str, ...]:
    """Keys to look up, strictest first: accented (tone placement free), then folded.

    The unit type, when written ("TT Yên Viên"), tells apart same-named communes of a district.
    Cached: one report asks for the same names several times (which rows are communes, the
    commune check, a code against its name), and a district's name once per commune row.
    """
    tokens = _tokens(name)
    stripped = _strip_prefix(tokens)
    if len(tokens) > 1 and tokens[0] in _ABBREVIATIONS:
        tokens = _ABBREVIATIONS[tokens[0]] + tokens[1:]
    keys = [
        " ".join(map(_tone_key, tokens)),
        " ".join(map(_tone_key, stripped)),
        " ".join(map(_fold, tokens)),
        " ".join(map(_fold, stripped)),
        # Last, the spaces gone too: exported datasets write "DongDa" or "Đống_Đa".
        "".join(map(_fold, tokens)),
        "".join(map(_fold, stripped)),
    ]
    return tuple(key for key in dict.fromkeys(keys) if key)


# A code with a dataset's prefix: "01.001.00001", "VN-01-00001", "xa_00001", "HN 00001".
_PREFIXED_CODE = re.compile(
    r"(?:[A-Za-z]+[-_. /]*)?(?:[0-9]+[-_. /]+)+([0-9]+)|[A-Za-z]+[-_. /]+([0-9]+)"
)


def clean_code(value: object, width: int) -> str | None:
    """Official code text from a cell: 1, "1", 1.0 or "1.0" -> "00001" (width 5); None if blank.

    Digits-only values are padded (the source lost the zeros); a code written after a prefix
    and separators ("01.001.00001", "VN-01-00001", "xa_00001") is its last group of digits,
    when that group has exactly `width` digits. Other text ("A1", "12.5") is kept as is.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    text = re.sub(r"^([0-9]+)\.0*$", r"\1", text)
    if re.fullmatch(r"[0-9]+", text):
        return text.zfill(width)
    if (match := _PREFIXED_CODE.fullmatch(text)) and len(digits := match[1] or match[2]) == width:
        return digits
    return text or None


class _Index:
    """Lookup tables over the official unit list."""

    def __init__(self, units: pd.DataFrame) -> None:
        self.commune_codes = set(units["commune_code"])
        self.district_codes = set(units["district_code"])
        self.commune_name = dict(zip(units["commune_code"], units["commune_name"], strict=True))
        self.district_of = dict(zip(units["commune_code"], units["district_code"], strict=True))
        self.district_name = dict(zip(units["district_code"], units["district_name"], strict=False))
        self.anywhere: dict[str, set[str]] = defaultdict(set)
        self.local: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.districts: dict[str, set[str]] = defaultdict(set)
        # Keys for suggestions: every commune (None), and each district's own.
        self.folded: dict[str | None, dict[str, str]] = defaultdict(dict)
        self.suggested: dict[tuple[str, str | None], list[str]] = {}
        for row in units.itertuples(index=False):
            folded = suggest.suggestion_key(normalise_name(row.commune_name))
            self.folded[None][row.commune_code] = folded
            self.folded[row.district_code][row.commune_code] = folded
            for key in _keys_of(row.commune_name, row.commune_name_short):
                self.anywhere[key].add(row.commune_code)
                self.local[(row.district_code, key)].add(row.commune_code)
            for key in _keys_of(row.district_name, row.district_name_short):
                self.districts[key].add(row.district_code)

    def lookup(self, name: str, district: str | None) -> set[str]:
        """Codes for a name (in a district, or anywhere), by the strictest key that hits."""
        for key in _name_keys(name):
            found = self.anywhere.get(key) if district is None else self.local.get((district, key))
            if found:
                return found
        return set()


_INDEX_COLUMNS = ("commune_code", "commune_name", "commune_name_short", "district_code",
                  "district_name", "district_name_short")  # fmt: skip


def _index(units: pd.DataFrame) -> _Index:
    """The lookup tables for an official list, built once per distinct list (they take ~30 ms)."""
    return _cached_index(tuple(tuple(units[column].tolist()) for column in _INDEX_COLUMNS))


@lru_cache(maxsize=4)
def _cached_index(columns: tuple[tuple[object, ...], ...]) -> _Index:
    return _Index(pd.DataFrame(dict(zip(_INDEX_COLUMNS, map(list, columns), strict=True))))


def _keys_of(*names: str) -> Iterable[str]:
    for name in names:
        tokens = _tokens(name)
        yield " ".join(map(_tone_key, tokens))
        yield " ".join(map(_fold, tokens))
        yield "".join(map(_fold, tokens))


def _resolve_district(
    index: _Index, code: object, name: object
) -> tuple[str | None, Message | None]:
    """(district code, note): the code if official, else the name; note when given but unknown."""
    cleaned = clean_code(code, 3)
    if cleaned in index.district_codes:
        return cleaned, None
    if _present(name):
        for key in _name_keys(str(name)):
            found = index.districts.get(key, set())
            if len(found) == 1:
                return next(iter(found)), None
    if cleaned is None and not _present(name):
        return None, None
    if _present(name):
        return None, message("match.district_unknown", name=str(name))
    return None, message("match.district_code_unknown", code=str(cleaned))


def _present(value: object) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and pd.isna(value))
        and str(value).strip() not in ("", "nan", "<NA>")
    )


class _Suggester:
    """The closest official names for the unknown names of one file (cccd.suggest)."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        self.whole_list_searches = WHOLE_LIST_SEARCHES

    def closest(self, name: str, district: str | None) -> list[str]:
        """Codes of the official names closest to `name` (in its district, else anywhere)."""
        key = (normalise_name(name), district)
        known = self.index.suggested
        if key in known:  # a bad name tends to recur on every day of a file, and in the next
            return known[key]
        if district is None:
            if self.whole_list_searches <= 0:
                return []
            self.whole_list_searches -= 1
        if len(known) > SUGGESTIONS_KEPT:
            known.clear()
        known[key] = suggest.closest(key[0], self.index.folded.get(district, {}))
        return known[key]


def _match_name(
    index: _Index, name: str, district: str | None, suggester: _Suggester
) -> tuple[str | None, Message | None]:
    """(code, note) for a name, within a district when one is given."""
    found = index.lookup(name, district)
    if len(found) == 1:
        return next(iter(found)), None
    if found and district is None:
        places = sorted({index.district_name[index.district_of[c]] for c in found})
        return None, message(
            "match.in_districts", name=name, count=len(places), districts=", ".join(places)
        )
    if found:
        names = ", ".join(sorted(index.commune_name[c] for c in found))
        where = index.district_name[district]
        return None, message(
            "match.in_communes", name=name, count=len(found), district=where, communes=names
        )
    if district is not None and (elsewhere := index.lookup(name, None)):
        # The exact name in another district is the best hint: no fuzzy guesses beside it.
        places = sorted({index.district_name[index.district_of[c]] for c in elsewhere})
        return None, message(
            "match.not_in_district_elsewhere",
            name=name,
            district=index.district_name[district],
            elsewhere=", ".join(places),
        )
    return None, _not_found(index, name, district, suggester)


def _not_found(index: _Index, name: str, district: str | None, suggester: _Suggester) -> Message:
    """Why `name` matched nothing, with the closest official names when some are close."""
    near = suggester.closest(name, district)
    if district is None:
        labels = [
            f"{index.commune_name[c]} ({index.district_name[index.district_of[c]]})" for c in near
        ]
        key = "match.not_in_list_suggest" if near else "match.not_in_list"
        return message(key, name=name, **_suggestions(labels))
    labels = [index.commune_name[c] for c in near]
    key = "match.not_in_district_suggest" if near else "match.not_in_district"
    return message(key, name=name, district=index.district_name[district], **_suggestions(labels))


def _suggestions(labels: list[str]) -> dict[str, str]:
    """The suggestions parameter, or none (the plain keys have no {suggestions})."""
    return {"suggestions": ", ".join(labels)} if labels else {}


def _notes(*notes: Message | None) -> Message:
    """One note, or several joined ("code '99999' is not ...; district 'X' is not ...")."""
    given = [note for note in notes if note is not None]
    return given[0] if len(given) == 1 else message("match.notes", notes=tuple(given))


def _match_row(
    index: _Index, row: dict[str, object], suggester: _Suggester
) -> tuple[str | None, str | None, Message | None]:
    """(commune code, match kind, note) for one row."""
    code = clean_code(row.get("commune_code"), 5)
    if code in index.commune_codes:
        return code, "code", None
    bad_code = message("match.code_unknown", code=code) if code else None
    name = row.get("commune_name")
    if not _present(name):
        return None, None, bad_code or message("match.no_code_or_name")
    district, district_note = _resolve_district(
        index, row.get("district_code"), row.get("district_name")
    )
    if district_note:
        return None, None, _notes(bad_code, district_note)
    matched, note = _match_name(index, str(name).strip(), district, suggester)
    if matched:
        return matched, "name", bad_code
    return None, None, _notes(bad_code, note)


def is_ambiguous(note: Message | None) -> bool:
    """True when a note says the name matches several communes (a district would settle it)."""
    if note is None:
        return False
    if note.key == "match.notes":
        return any(part.key in AMBIGUOUS for part in note.params["notes"])
    return note.key in AMBIGUOUS


def match_communes(frame: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Copy of frame with commune_code set to the official code (or NaN), match and
    match_message.

    frame may hold commune_code, commune_name, district_code, district_name (any, possibly NaN).
    match is "code", "name" or missing; match_message (a Message, or None) says why a row did not
    match (or that a code given was wrong and the name was used).
    """
    index = _index(units)
    columns = ["commune_code", "commune_name", "district_code", "district_name"]
    given = frame.reindex(columns=columns)
    # A cell that already is an official code matches by code, as _match_row would find it
    # after clean_code: a nationwide month has ~10,000 of them, most of the matching's time.
    official = given["commune_code"].isin(index.commune_codes).to_numpy(bool)
    codes = given["commune_code"].astype(object).to_numpy(copy=True)
    kinds = np.where(official, "code", None).astype(object)
    notes = np.full(len(given), None, dtype=object)
    others = np.flatnonzero(~official)
    if len(others):
        records = given.iloc[others].astype(object).to_dict("records")
        suggester = _Suggester(index)
        results = [_match_row(index, record, suggester) for record in records]
        codes[others] = [r[0] for r in results]
        kinds[others] = [r[1] for r in results]
        notes[others] = [r[2] for r in results]
    out = frame.copy()
    out["commune_code"] = pd.Series(codes, index=frame.index, dtype="str")
    out["match"] = pd.Series(kinds, index=frame.index, dtype="str")
    out["match_message"] = pd.Series(notes, index=frame.index, dtype=object)
    return out
