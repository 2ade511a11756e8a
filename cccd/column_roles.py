"""Which unit-list column a file's column holds, judged by its values, not by its heading.

A boundary file's "MA_DV" or a report's "Mã đơn vị" holds commune codes when most of its values
are codes of the official list once prefixes and separators are stripped and zeros padded
("1", "01.001.00001", "VN-01-00001"); a column holds commune names when most of its values name
an official commune (case, accents, tone placement, type prefixes and spaces ignored). Both
boundary and report readers score columns here, so they agree on what a column is.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from cccd.names import _index, _name_keys, clean_code

ROLES = ("commune_code", "commune_name", "district_code", "district_name")
CODE_WIDTHS = {"commune_code": 5, "district_code": 3}
THRESHOLD = 0.8  # "most of its values": a column of OBJECTIDs 1..579 hits far fewer codes
TIE = 0.02  # two columns this close for one role: the reader must say so, not pick silently
MAX_DISTINCT = 20_000  # enough to judge a column; a country has ~10,600 communes


@dataclass(frozen=True)
class Score:
    """How many of a column's non-blank values were recognised as one role."""

    matched: int
    values: int

    @property
    def share(self) -> float:
        """Recognised values / non-blank values (0 for an empty column)."""
        return self.matched / self.values if self.values else 0.0


@dataclass(frozen=True)
class RoleChoice:
    """The column chosen for a role, its score, and the columns that scored as well."""

    role: str
    column: str
    score: Score
    tied_with: tuple[str, ...] = ()
    by_hint: bool = False  # chosen by the user (or a stored mapping), not by content


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip()


def score_values(
    values: Iterable[object], units: pd.DataFrame, roles: Sequence[str] = ROLES
) -> dict[str, Score]:
    """{role: Score} for one column's values against the official unit list, for `roles` (all
    four by default); each distinct value is judged once per role."""
    counts = pd.Series([v for v in values if not _blank(v)], dtype=object).astype(str)
    counts = counts.str.strip().value_counts().head(MAX_DISTINCT)
    total = int(counts.sum())
    index = _index(units)
    known = {
        "commune_code": lambda v: clean_code(v, 5) in index.commune_codes,
        "district_code": lambda v: clean_code(v, 3) in index.district_codes,
        "commune_name": lambda v: bool(index.lookup(v, None)),
        "district_name": lambda v: any(key in index.districts for key in _name_keys(v)),
    }
    return {
        role: Score(int(sum(n for value, n in counts.items() if known[role](value))), total)
        for role in roles
    }


def score_frame(frame: pd.DataFrame, units: pd.DataFrame) -> dict[str, dict[str, Score]]:
    """{column: {role: Score}} for every column of a frame except geometry."""
    return {
        str(column): score_values(frame[column].tolist(), units)
        for column in frame.columns
        if column != "geometry"
    }


def choose_columns(
    scores: Mapping[str, Mapping[str, Score]],
    hints: Mapping[str, str] | None = None,
    roles: Sequence[str] = ROLES,
    threshold: float = THRESHOLD,
) -> list[RoleChoice]:
    """One column per role, best share first, each column used once.

    hints: role -> column the user (or a stored mapping) chose; taken as given. Otherwise the
    column with the highest share at or above `threshold` wins; columns within TIE of it are
    named in `tied_with`, so the caller can ask the user instead of guessing.
    """
    hints = dict(hints or {})
    used = set(hints.values())
    choices = [
        RoleChoice(role, column, scores.get(column, {}).get(role, Score(0, 0)), by_hint=True)
        for role, column in hints.items()
        if role in roles
    ]
    for role in roles:
        if role in hints:
            continue
        ranked = sorted(
            ((scores[c][role], c) for c in scores if c not in used and role in scores[c]),
            key=lambda pair: -pair[0].share,
        )
        ranked = [(score, column) for score, column in ranked if score.share >= threshold]
        if not ranked:
            continue
        best, column = ranked[0]
        tied = tuple(c for s, c in ranked[1:] if best.share - s.share <= TIE)
        choices.append(RoleChoice(role, column, best, tied))
        used.add(column)
    return choices
