"""Which of a boundary file's columns hold commune and district codes and names, by content.

Every attribute column is scored against the official unit list (cccd.column_roles). The user's
choices (`--field commune_code=MA_DV`, the page's select boxes) win; then the column whose values
are codes or names of the list; the old heading list (loaders._fields) only breaks ties, and
names a column when no column's content is convincing (a file of three names, one unknown).
Each choice is said as a Message; columns used for nothing are listed, never refused.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from cccd.column_roles import ROLES, RoleChoice, Score, choose_columns, score_frame
from cccd.messages import Message, message
from cccd.names import match_communes
from loaders._fields import FIELD_ALIASES, field_key
from loaders.errors import DataFileError, listing

NO_COLUMN = ""  # a role the user chose to leave out (the page's "—")
ROLE_LABELS = {
    "commune_code": "boundaries.role.commune_code",
    "commune_name": "boundaries.role.commune_name",
    "district_code": "boundaries.role.district_code",
    "district_name": "boundaries.role.district_name",
}
# (how the column was chosen, what its values are) -> what to say
DECISIONS = {
    ("content", "codes"): "boundaries.decision.content_codes",
    ("content", "names"): "boundaries.decision.content_names",
    ("given", "codes"): "boundaries.decision.given_codes",
    ("given", "names"): "boundaries.decision.given_names",
    ("heading", "codes"): "boundaries.decision.heading_codes",
    ("heading", "names"): "boundaries.decision.heading_names",
}


@dataclass(frozen=True)
class Columns:
    """role -> the file's column, why each was chosen, and the columns used for nothing."""

    columns: dict[str, str]
    decisions: list[Message]
    ignored: list[str]
    attribute_columns: list[str]


def role_label(role: str) -> Message:
    """ "commune code", "district name", ... in the reader's language."""
    return message(ROLE_LABELS[role])


def _alias_rank(role: str, column: str) -> int:
    """Position of the column's heading in our list for the role (len of the list if absent)."""
    keys = [field_key(alias) for alias in FIELD_ALIASES[role]]
    key = field_key(column)
    return keys.index(key) if key in keys else len(keys)


def _check_fields(fields: Mapping[str, str], found: list[str], source: str) -> None:
    for role, column in fields.items():
        if role not in ROLES:
            raise DataFileError(
                "boundaries.error.unknown_role", file=source, role=role, roles=", ".join(ROLES)
            )
        if column != NO_COLUMN and column not in found:
            raise DataFileError(
                "boundaries.error.unknown_column",
                file=source,
                role=role,
                column=column,
                found=listing(found, message("error.none")),
            )


def _attributes(frame: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({role: frame[column] for role, column in columns.items()})


def _distinct(frame: pd.DataFrame, role: str, column: str) -> int:
    """Different values in the column, for a commune role (0 for a district role).

    A district column can name communes too (most districts have a township of their name:
    "Thường Tín"), but it repeats: the column of communes has the most different values."""
    return int(frame[column].nunique()) if role.startswith("commune_") else 0


def _settle_tie(
    choice: RoleChoice,
    frame: pd.DataFrame,
    chosen: dict[str, str],
    units: pd.DataFrame,
    source: str,
) -> tuple[str, Message]:
    """The column taken among equals (the most different values, then our heading list), or a
    refusal when equally good candidates would match different communes."""
    role = choice.role
    candidates = sorted(
        (choice.column, *choice.tied_with),
        key=lambda column: (-_distinct(frame, role, column), _alias_rank(role, column)),
    )
    quoted = listing([f"'{c}'" for c in candidates])
    distinct = [_distinct(frame, role, c) for c in candidates]
    if distinct[0] > distinct[1]:
        return candidates[0], message(
            "boundaries.decision.tie_distinct",
            columns=quoted,
            role=role_label(role),
            column=candidates[0],
            distinct=distinct[0],
            others=distinct[1],
        )
    results = [
        match_communes(_attributes(frame, {**chosen, role: c}), units)["commune_code"]
        for c in candidates
    ]
    if any(not result.equals(results[0]) for result in results[1:]):
        raise DataFileError(
            "boundaries.error.tie",
            file=source,
            columns=quoted,
            role=role_label(role),
            field=role,
            attribute_columns=tuple(str(c) for c in frame.columns),
        )
    return candidates[0], message(
        "boundaries.decision.tie",
        columns=quoted,
        role=role_label(role),
        column=candidates[0],
        matched=choice.score.matched,
        values=choice.score.values,
    )


def _said(choice: RoleChoice, column: str, how: str) -> Message:
    """ "column 'MA_DV' → commune code (579 of 579 values are codes of the list)"."""
    kind = "codes" if choice.role.endswith("_code") else "names"
    return message(
        DECISIONS[(how, kind)],
        column=column,
        role=role_label(choice.role),
        matched=choice.score.matched,
        values=choice.score.values,
    )


def _by_content(
    frame: pd.DataFrame,
    scores: Mapping[str, Mapping[str, Score]],
    fields: Mapping[str, str],
    units: pd.DataFrame,
    source: str,
) -> tuple[dict[str, str], list[Message]]:
    """Role by role: the user's column, else the best by content (ties settled or refused)."""
    hints = {role: column for role, column in fields.items() if column != NO_COLUMN}
    roles = [role for role in ROLES if fields.get(role) != NO_COLUMN]
    decisions: list[Message] = []
    for role in roles:
        chosen = {c.role: c for c in choose_columns(scores, hints, roles)}
        choice = chosen.get(role)
        if choice is None:
            continue
        column, how = choice.column, "given" if choice.by_hint else "content"
        if choice.tied_with and not choice.by_hint:
            column, tie = _settle_tie(choice, frame, hints, units, source)
            decisions.append(tie)
        hints[role] = column
        taken = RoleChoice(role, column, scores[column][role])  # a tie may take another column
        decisions.append(_said(taken, column, how))
    return hints, decisions


def _by_heading(
    scores: Mapping[str, Mapping[str, Score]], columns: dict[str, str], fields: Mapping[str, str]
) -> list[Message]:
    """Roles no column's content settled: a column headed as in our list, if any (in place)."""
    decisions = []
    for role in ROLES:
        if role in columns or role in fields:
            continue
        free = [c for c in scores if c not in columns.values()]
        ranked = sorted((_alias_rank(role, c), c) for c in free)
        headed = [c for rank, c in ranked if rank < len(FIELD_ALIASES[role])]
        if headed:
            columns[role] = headed[0]
            choice = RoleChoice(role, headed[0], scores[headed[0]][role])
            decisions.append(_said(choice, headed[0], "heading"))
    return decisions


def choose_boundary_columns(
    frame: pd.DataFrame, units: pd.DataFrame, fields: Mapping[str, str] | None, source: str
) -> Columns:
    """The columns of a boundary file's attribute table that hold each role, and why.

    fields: role -> column given by the user ("" leaves the role out). Raises DataFileError for
    a role or column that does not exist, for two equally good columns that would match
    different communes, and when no column holds commune codes or names.
    """
    found = [str(c) for c in frame.columns if c != "geometry"]
    fields = dict(fields or {})
    _check_fields(fields, found, source)
    scores = score_frame(frame[found], units)
    columns, decisions = _by_content(frame[found], scores, fields, units, source)
    decisions += _by_heading(scores, columns, fields)
    if "commune_code" not in columns and "commune_name" not in columns:
        raise DataFileError(
            "boundaries.error.no_columns",
            file=source,
            found=listing(found, message("error.none")),
            attribute_columns=tuple(found),
        )
    ordered = {role: columns[role] for role in ROLES if role in columns}
    ignored = [c for c in found if c not in ordered.values()]
    return Columns(ordered, decisions, ignored, found)
