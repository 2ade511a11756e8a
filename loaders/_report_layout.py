"""One table of a report (a CSV file, a sheet) read the way a person reads it.

The header row is found by its words (cccd.report_layout), each column's meaning confirmed by
its values against the official unit list (cccd.column_roles: codes of the list, names of the
list; counts are whole numbers), and a column whose heading says nothing but whose values are
commune codes or names is taken for them. What was decided is kept as Messages, so the command
line and the import page can say it. Rows that are not communes are set aside by
loaders._report_rows.
"""

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import pyarrow as pa

from cccd.column_roles import THRESHOLD, Score, score_values
from cccd.messages import Message, message
from cccd.report_layout import (
    COUNTS,
    OURS,
    Header,
    find_header,
    fold,
    header_role,
    is_numbering_row,
    names_target,
)
from cccd.report_values import parse_count, parse_date
from loaders._report_files import Cells
from loaders.errors import DataFileError

SAMPLE = 1000  # values per column judged for its content: enough, and quick on 318,000 rows
DATE_SAMPLE = 300  # a date is slower to read than a count, and a column holds few of them
PLACES = ("commune_code", "commune_name", "district_name")
_CONTENT = {  # our column -> the unit-list roles whose share confirms it
    "commune_code": ("commune_code",),
    "commune_name": ("commune_name",),
    "district_name": ("district_name", "district_code"),
}


ROLE_LABELS = {
    "as_of": message("layout.role_as_of"),
    "commune_code": message("layout.role_commune_code"),
    "commune_name": message("layout.role_commune_name"),
    "district_name": message("layout.role_district_name"),
    "target": message("layout.role_target"),
    "delivered": message("layout.role_delivered"),
    "activated": message("layout.role_activated"),
}


def role_label(ours: str) -> Message:
    """Our column in words ("cards delivered")."""
    return ROLE_LABELS[ours]


@dataclass
class Columns:
    """What a table's columns are: our column -> position, and why."""

    texts: list[str]  # each column's heading, unique ("" when it has none)
    chosen: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, Message] = field(default_factory=dict)
    conflicts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        """Our column -> the file's heading."""
        return {ours: self.texts[position] for ours, position in self.chosen.items()}

    @property
    def ignored(self) -> list[str]:
        """The headings of the columns we do not read."""
        used = set(self.chosen.values())
        return [text for i, text in enumerate(self.texts) if text and i not in used]


def unique_texts(texts: Sequence[str]) -> list[str]:
    """Headings made unique: a repeated heading gets its column letter ("Đã trả (F)")."""
    seen: dict[str, int] = {}
    for text in texts:
        seen[text] = seen.get(text, 0) + 1
    return [
        f"{text} ({_letter(i)})" if text and seen[text] > 1 else text
        for i, text in enumerate(texts)
    ]


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_key(texts: Sequence[str]) -> str:
    """A stable fingerprint of a set of headings (folded, in order), for stored mappings."""
    folded = "|".join(fold(text) for text in texts if text)
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def locate_header(cells: Cells, given: Mapping[str, str] | None = None) -> Header | None:
    """The table's header (cccd.report_layout.find_header on its first rows), or None; a merged
    group cell ("Kết quả" over "Đã trả" and "Tỷ lệ") is spread over the columns it spans. When
    no row reads as a header, the row holding the most of the headings the user `given` is."""
    rows = [cells.row(i) for i in range(min(len(cells.numbers), 34))]
    at = {number: i for i, number in enumerate(cells.numbers[: len(rows)])}
    for first, left, _, right in cells.merged:
        row = rows[at[first]] if first in at else None
        # A title merged across the whole table is not a group: other cells of its row are empty.
        if row is None or right <= left or not any(row[:left] + row[right + 1 :]):
            continue
        row[left + 1 : right + 1] = [row[left]] * (min(right, len(row) - 1) - left)
    return find_header(rows) or _given_header(rows, given or {})


def _given_header(rows: list[list[str]], given: Mapping[str, str]) -> Header | None:
    wanted = {fold(text) for text in given.values()}
    hits = [sum(fold(cell) in wanted for cell in row if cell) for row in rows]
    if not wanted or not hits or max(hits) == 0:
        return None
    position = hits.index(max(hits))
    numbering = int(position + 1 < len(rows) and is_numbering_row(rows[position + 1]))
    row = rows[position]
    roles = [header_role(text) if text else None for text in row]
    return Header(position, 1, row, roles, numbering)


def fill_merged_down(frame: pd.DataFrame, cells: Cells, position: int, ours: str) -> None:
    """Spread a cell merged down a column (a district written once beside its communes) over
    the rows it spans; `position`: the column's position in the table."""
    for first, left, last, right in cells.merged:
        if left <= position <= right and last > first and first in frame.index:
            rows = frame.index[(frame.index >= first) & (frame.index <= last)]
            frame.loc[rows, ours] = frame.at[first, ours]


def _sample(values: list[str]) -> list[str]:
    return [value for value in values[: SAMPLE * 2] if value][:SAMPLE]


def _count_score(values: list[str]) -> Score:
    sample = _sample(values)
    return Score(sum(isinstance(parse_count(v), int) or v == "-" for v in sample), len(sample))


def _date_score(values: list[str]) -> Score:
    sample = _sample(values)[:DATE_SAMPLE]
    return Score(sum(parse_date(v) is not None for v in sample), len(sample))


def _content(ours: str, values: list[str], units: pd.DataFrame) -> tuple[Score, str]:
    """(how many sampled values fit our column, the catalogue word for what they are)."""
    if ours in COUNTS:
        return _count_score(values), "layout.values_counts"
    if ours == "as_of":
        return _date_score(values), "layout.values_dates"
    scores = score_values(_sample(values), units, _CONTENT[ours])  # only the roles it needs
    best = max((scores[role] for role in _CONTENT[ours]), key=lambda score: score.share)
    kind = "layout.values_codes" if ours == "commune_code" else "layout.values_names"
    return best, kind


def _place_by_content(values: list[str], units: pd.DataFrame) -> tuple[str, Score] | None:
    """The place column a column's values are (codes, names, districts), if most of them are."""
    scores = score_values(_sample(values), units)
    fits = [
        (ours, max((scores[r] for r in _CONTENT[ours]), key=lambda s: s.share)) for ours in PLACES
    ]
    ours, score = max(fits, key=lambda pair: pair[1].share)
    return (ours, score) if score.share >= THRESHOLD else None


def _reason(key: str, text: str, ours: str, score: Score, kind: str) -> Message:
    return message(key, header=text, role=role_label(ours), matched=score.matched,
                   values=score.values, what=message(kind))  # fmt: skip


def _override(columns: Columns, given: Mapping[str, str], source: str) -> set[int]:
    """Apply the user's mapping (our column -> heading); the positions it took."""
    taken = set()
    for ours, text in given.items():
        if ours not in OURS:
            raise DataFileError("layout.unknown_role", column=ours, ours=", ".join(OURS))
        wanted = fold(text)
        found = [i for i, own in enumerate(columns.texts) if own and fold(own) == wanted]
        found = found or [
            i for i, own in enumerate(columns.texts) if own and fold(own.split(" / ")[-1]) == wanted
        ]
        if len(found) != 1:
            shown = ", ".join(f"'{own}'" for own in columns.texts if own)
            raise DataFileError(
                "layout.unknown_heading", column=ours, header=text, file=source, found=shown
            )
        columns.chosen[ours] = found[0]
        columns.reasons[ours] = message(
            "layout.column_given", header=columns.texts[found[0]], role=role_label(ours)
        )
        taken.add(found[0])
    return taken


def choose_columns(
    header: Header, data: Cells, units: pd.DataFrame, given: Mapping[str, str], source: str
) -> Columns:
    """Our columns in a table: the user's choice, else the heading confirmed by the values, else
    (commune and district) the values alone; ties are left in `conflicts` for the user."""
    columns = Columns(unique_texts(header.texts))
    taken = _override(columns, given, source)
    candidates: dict[str, list[tuple[int, Score, str]]] = {}
    unnamed = []
    for position, role in enumerate(header.roles):
        if position in taken or position >= len(data.columns):
            continue
        values = data.columns[position]
        if role in OURS and role not in columns.chosen:
            role, score, kind = _confirmed_role(role, values, units)
            candidates.setdefault(role, []).append((position, score, kind))
        elif role is None and any(values[:SAMPLE]):
            unnamed.append(position)
    for ours, found in candidates.items():
        _settle(columns, ours, found)
    for position in unnamed:
        if (fit := _place_by_content(data.columns[position], units)) and fit[
            0
        ] not in columns.chosen:
            ours, score = fit
            columns.chosen[ours] = position
            kind = "layout.values_codes" if ours == "commune_code" else "layout.values_names"
            columns.reasons[ours] = _reason(
                "layout.column_content",
                columns.texts[position] or _letter(position),
                ours,
                score,
                kind,
            )
    return columns


def _confirmed_role(role: str, values: list[str], units: pd.DataFrame) -> tuple[str, Score, str]:
    """A place column's role corrected by its values ("Mã đơn vị" holding names is a name)."""
    score, kind = _content(role, values, units)
    if role in PLACES and score.share < 0.5 and (fit := _place_by_content(values, units)):
        role, score = fit
        kind = "layout.values_codes" if role == "commune_code" else "layout.values_names"
    return role, score, kind


def _settle(columns: Columns, ours: str, found: list[tuple[int, Score, str]]) -> None:
    """One column for `ours`: the only candidate, or the only one whose values fit; else a
    conflict the user settles."""
    if len(found) > 1:
        fitting = [item for item in found if item[1].share >= THRESHOLD]
        if ours == "target" and len(fitting) > 1:  # "Chỉ tiêu" beside "Dân số": the target
            named = [item for item in fitting if names_target(columns.texts[item[0]])]
            fitting = named if len(named) == 1 else fitting
        if len(fitting) != 1:
            columns.conflicts[ours] = [columns.texts[position] for position, _, _ in found]
            return
        found = fitting
    position, score, kind = found[0]
    columns.chosen[ours] = position
    key = "layout.column_heading" if score.values else "layout.column_heading_empty"
    columns.reasons[ours] = _reason(key, columns.texts[position], ours, score, kind)


def missing_columns(columns: Columns, has_date: bool) -> list[str]:
    """Our columns a report needs and this table lacks ("commune" for code and name both)."""
    chosen = set(columns.chosen) | set(columns.conflicts)
    missing = [] if has_date or "as_of" in chosen else ["as_of"]
    if not chosen & {"commune_code", "commune_name"}:
        missing.append("commune")
    return missing + [ours for ours in COUNTS if ours not in chosen]


TEXT = pd.StringDtype("pyarrow", na_value=float("nan"))  # pandas' default "str" dtype


def text_array(cells: list[str]) -> pd.api.extensions.ExtensionArray:
    """A column of cells (Python strings) as a "str" array, made by Arrow: pandas' own
    constructor checks each value in Python first, most of the time a nationwide month's five
    columns took to become a frame."""
    return pd.array(pa.array(cells, type=pa.large_string()), dtype=TEXT)


def frame_of(columns: Columns, data: Cells) -> pd.DataFrame:
    """The table's text in our column names, indexed by the file's row numbers."""
    return pd.DataFrame(
        {ours: text_array(data.columns[position]) for ours, position in columns.chosen.items()},
        index=pd.Index(data.numbers, name="row"),
    )


def fixed_date(day: date) -> str:
    """A report date as the text a date column would hold."""
    return day.isoformat()
