"""The rows of a report table that are not communes, the district of the rest, and subtotals.

Group, heading, subtotal and total rows and the signature block are set aside (and listed);
a row with no figures and no known commune is not data either. Each kind is judged once per
distinct label, never row by row, so a nationwide month (318,000 rows) costs a few
column operations. A district missing from the columns is taken from heading or subtotal rows,
else the sheet's name, else the title. A subtotal that disagrees with its communes is a warning.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cccd.messages import Message, message
from cccd.names import _index, clean_code
from cccd.report_layout import COUNTS
from cccd.report_rows import FOOTER, GROUP, HEADING, SUBTOTAL, TOTAL, district_in_text, row_kind
from cccd.report_values import holds_figure, parse_counts
from loaders._report_layout import role_label

NO_FIGURES = "no_figures"
HEADER_AGAIN = "header_again"
KIND_LABELS = {
    TOTAL: message("layout.kind_total"),
    SUBTOTAL: message("layout.kind_subtotal"),
    HEADING: message("layout.kind_heading"),
    GROUP: message("layout.kind_group"),
    NO_FIGURES: message("layout.kind_no_figures"),
    HEADER_AGAIN: message("layout.kind_header_again"),
    FOOTER: message("layout.kind_footer"),
}
MARKERS = (TOTAL, SUBTOTAL, HEADING, GROUP)


@dataclass
class RowPlan:
    """Which rows are communes, the district found for them, and what was set aside."""

    kinds: pd.Series  # per row: None for a commune, else TOTAL, SUBTOTAL, ..., NO_FIGURES
    districts: pd.Series  # per row: district code from heading/subtotal rows, or None
    labels: pd.Series  # per row: the text that told its kind
    notes: list[Message] = field(default_factory=list)

    @property
    def kept(self) -> np.ndarray:
        """True for the rows that are communes."""
        return self.kinds.isna().to_numpy()


def _labels(frame: pd.DataFrame, others: pd.DataFrame) -> pd.Series:
    """Each row's label: its commune name, else its code, else the first text of its other
    columns (asked only for the rows with neither)."""
    label = pd.Series("", index=frame.index, dtype="str")
    for column in ("commune_code", "commune_name"):
        if column in frame:
            label = frame[column].where(frame[column].str.len() > 0, label)
    empty = np.flatnonzero(label.str.len().to_numpy() == 0)
    if len(empty) and len(others.columns):
        rows = others.iloc[empty]
        first = rows.apply(lambda row: next((t for t in row if t), ""), axis=1)
        label.iloc[empty] = first.to_numpy() if len(first) else ""
    return label


def _kind_of(label: str, units: pd.DataFrame) -> tuple[str | None, str | None]:
    """(kind, district code) of one distinct label. A heading or subtotal naming a district is
    one ("Huyện Đông Anh" is not Thị trấn Đông Anh); otherwise a known commune is a commune
    ("Cộng Hòa", "Tòng Bạt" are communes, not subtotals)."""
    if label.isdigit():  # a commune code: the usual label of a system export
        return None, None
    kind, rest = row_kind(label)
    if kind is None:
        return None, None
    district = district_in_text(rest or label, units) if kind in (HEADING, SUBTOTAL) else None
    if district is not None:
        return kind, district
    index = _index(units)
    if clean_code(label, 5) in index.commune_codes or index.lookup(label, None):
        return None, None
    return (GROUP if kind == HEADING else kind), None  # "Quận ..." naming no district: a group


def plan_rows(
    frame: pd.DataFrame,
    others: pd.DataFrame,
    units: pd.DataFrame,
    roman: np.ndarray | None = None,
) -> RowPlan:
    """Kinds and districts of a table's rows (frame: our columns; others: the rest, as text;
    roman: rows numbered "I", "II", "A" in the row-number column, group rows unless their
    label is a commune)."""
    labels = _labels(frame, others)
    codes, distinct = pd.factorize(labels)
    judged = [_kind_of(label, units) for label in distinct] or [(None, None)]
    kind_of = np.array([kind for kind, _ in judged], dtype=object)
    district_of = np.array([district for _, district in judged], dtype=object)
    kinds = pd.Series(kind_of[codes], index=frame.index, dtype=object)
    districts = pd.Series(district_of[codes], index=frame.index, dtype=object)
    counts = [frame[c] for c in COUNTS if c in frame]
    no_figures = (
        np.logical_and.reduce([c.str.len().to_numpy() == 0 for c in counts])
        if counts
        else np.zeros(len(frame), bool)
    )
    commune = kinds.isna().to_numpy()
    has_code = frame["commune_code"].str.len().to_numpy() > 0 if "commune_code" in frame else False
    empty_rows = np.flatnonzero(no_figures & commune & ~has_code)
    index = _index(units)
    for position in empty_rows:
        if not index.lookup(labels.iloc[position], None):
            kinds.iloc[position] = NO_FIGURES
    for position in np.flatnonzero(roman & kinds.isna().to_numpy()) if roman is not None else []:
        if not index.lookup(labels.iloc[position], None):
            kinds.iloc[position] = GROUP
    _footer(kinds, frame, others)
    return RowPlan(kinds, districts, labels)


def mark_headers_again(plan: RowPlan, frame: pd.DataFrame, headers: dict[str, str]) -> None:
    """The header (or its numbering row) repeated inside the table, as printed pages repeat it:
    a row whose count cells hold their column's heading, or "(4)"-like numbers."""
    again = np.zeros(len(frame), dtype=bool)
    for column in (c for c in COUNTS if c in frame):
        words = np.flatnonzero(~holds_figure(frame[column]))  # few rows: only those are looked at
        parts = {part.strip() for part in headers[column].split(" / ")}
        cells = frame[column].iloc[words].str.strip()
        found = cells.isin(parts) | cells.str.fullmatch(r"\(\d{1,2}\)").fillna(False)
        again[words[found.to_numpy(bool)]] = True
    plan.kinds[again & plan.kinds.isna().to_numpy()] = HEADER_AGAIN


def _footer(kinds: pd.Series, frame: pd.DataFrame, others: pd.DataFrame) -> None:
    """The signature block and everything under it, once a commune row came before it: the
    first row with no number among its counts whose text opens a signature ("NGƯỜI LẬP
    BIỂU", "Nơi nhận:", "KT. TRƯỞNG ..."), in whichever column it is written."""
    communes = np.flatnonzero(kinds.isna().to_numpy())
    if not len(communes):
        return
    counts = [frame[c] for c in COUNTS if c in frame]
    numbers = [holds_figure(column) for column in counts]  # once per distinct text
    figureless = ~np.logical_or.reduce(numbers) if numbers else np.ones(len(frame), bool)
    candidates = np.flatnonzero(figureless | (kinds == FOOTER).to_numpy())
    for position in candidates[candidates > communes[0]]:
        texts = [*frame.iloc[position].tolist(), *others.iloc[position].tolist()]
        if any(text and row_kind(str(text))[0] == FOOTER for text in texts):
            kinds.iloc[position:] = FOOTER
            return


def row_districts(plan: RowPlan) -> pd.Series | None:
    """A district code for each commune row from heading rows (for the rows under them) or
    named subtotals (for the rows before them, or after when they come first); None if none."""
    marked = plan.districts.where(plan.kinds.isin([HEADING, SUBTOTAL]))
    if marked.isna().all():
        return None
    if (plan.kinds == HEADING).any():
        return plan.districts.where(plan.kinds == HEADING).ffill()
    first_commune = np.flatnonzero(plan.kept)
    first_marker = np.flatnonzero(marked.notna().to_numpy())
    if len(first_commune) and first_marker[0] < first_commune[0]:
        return marked.ffill()
    return marked.bfill()


def subtotal_warnings(
    frame: pd.DataFrame, plan: RowPlan, districts: pd.Series | None, source: str
) -> list[Message]:
    """Subtotal and total rows whose figures differ from the sum of their communes."""
    figures = np.logical_or.reduce(
        [frame[c].str.len().to_numpy() > 0 for c in COUNTS if c in frame]
    )
    headings = plan.kinds.eq(HEADING).to_numpy() & figures & plan.districts.notna().to_numpy()
    marks = np.flatnonzero(plan.kinds.isin([TOTAL, SUBTOTAL]).to_numpy() | headings)
    if not len(marks):
        return []
    kept = plan.kept
    warnings = []
    for column in (c for c in COUNTS if c in frame):
        values = parse_counts(frame[column])[0].fillna(0).to_numpy(dtype="int64")
        for position in marks:
            given = parse_counts(frame[column].iloc[[position]])[0].iloc[0]
            expected = _expected(values, kept, plan, districts, position)
            if pd.notna(given) and expected is not None and int(given) != expected:
                warnings.append(message(
                    "layout.subtotal_differs", source=source, row=str(frame.index[position]),
                    label=plan.labels.iloc[position], column=role_label(column),
                    given=int(given), total=expected))  # fmt: skip
    return warnings


def _expected(
    values: np.ndarray, kept: np.ndarray, plan: RowPlan, districts: pd.Series | None, at: int
) -> int | None:
    """The sum a subtotal or total row should show."""
    kind, district = plan.kinds.iloc[at], plan.districts.iloc[at]
    if kind == TOTAL:
        return int(values[kept].sum())
    if district is not None and districts is not None:
        return int(values[kept & (districts == district).to_numpy()].sum())
    markers = np.flatnonzero(plan.kinds.isin(MARKERS).to_numpy())
    before = markers[markers < at]
    start = before[-1] + 1 if len(before) else 0
    segment = kept[start:at]
    if not segment.any():  # subtotals written above their communes
        after = markers[markers > at]
        end = after[0] if len(after) else len(kept)
        return int(values[at + 1 : end][kept[at + 1 : end]].sum())
    return int(values[start:at][segment].sum())


def skipped_notes(plan: RowPlan, source: str) -> list[Message]:
    """One note per kind of row set aside, naming the rows."""
    notes = []
    for kind in (TOTAL, SUBTOTAL, HEADING, GROUP, NO_FIGURES, HEADER_AGAIN, FOOTER):
        rows = plan.kinds.index[(plan.kinds == kind).to_numpy()]
        if len(rows):
            shown = ", ".join(map(str, rows[:10])) + (", …" if len(rows) > 10 else "")
            notes.append(message("layout.rows_skipped", source=source, count=len(rows),
                                 rows=shown, kind=KIND_LABELS[kind]))  # fmt: skip
    return notes
