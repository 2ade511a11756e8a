"""The import page's files and columns: uploads written to a temporary folder under their own
names, the guessed column mapping shown as select boxes the editor can change, the report date,
and the preview of all files together with the editor's choices."""

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import streamlit as st

from cccd.i18n import Translator
from cccd.report_checks import ReportPreview
from loaders import reports, store, uploads
from loaders.errors import DataFileError
from loaders.uploads import SavedUploads, saved_uploads
from ui import cached
from ui.plain import plain

T = TypeVar("T")

TYPES = ["xlsx", "xlsm", "csv", "txt"]
LABELS = {  # our column -> its label
    "as_of": "importpage.col.as_of",
    "commune_code": "importpage.col.commune_code",
    "commune_name": "importpage.col.commune_name",
    "district_name": "importpage.col.district_name",
    "target": "importpage.col.target",
    "delivered": "importpage.col.delivered",
    "activated": "importpage.col.activated",
}
OUR_COLUMNS = list(LABELS)
NONE = "—"  # the select boxes' "no column of the file" choice
ALL_SHEETS = "*"
GUESS = "import_column_guess"  # session key: the last files' column guess
SHEETS = "import_sheet_names"  # session key: the last workbook's sheets
PREVIEW = "import_preview"  # session key prefix: the last preview (one plain, one correction)


@dataclass(frozen=True)
class ColumnChoice:
    """What the editor chose (or accepted): our column -> the file's header, the report date,
    the sheet; header_key names the set of headers, to remember the mapping for next time."""

    columns: dict[str, str] = field(default_factory=dict)
    as_of: date | None = None
    sheet: str | None = None
    header_key: str = ""
    guessed: dict[str, str] = field(default_factory=dict)  # what the reader took
    guessed_as_of: date | None = None

    def changed_columns(self) -> dict[str, str]:
        """The columns the editor (or a stored mapping) set otherwise than the reader's guess,
        and the guessed ones whose heading a change took too (else the reader would drop them)."""
        changed = {ours: h for ours, h in self.columns.items() if self.guessed.get(ours) != h}
        taken = set(changed.values())
        kept = {ours: h for ours, h in self.columns.items() if ours not in changed and h in taken}
        return changed | kept


def as_list(uploads: object) -> list:
    """The uploader's value as a list (one file, several, or none)."""
    if uploads is None:
        return []
    return list(uploads) if isinstance(uploads, list | tuple) else [uploads]


def saved(uploads: Sequence) -> AbstractContextManager[SavedUploads]:
    """The uploads written to a temporary folder under their own names, removed when the block
    ends, however it ends (loaders.uploads.saved_uploads)."""
    return saved_uploads([(upload.name, upload.getvalue()) for upload in uploads])


def _database_url() -> str:
    """The store's URL, for the child process that reads the files (an engine stays here)."""
    return cached.engine().url.render_as_string(hide_password=False)


def sheet_choice(t: Translator, files: SavedUploads) -> str | None:
    """For one workbook with several sheets: all sheets (combined) or one of them."""
    if len(files.paths) != 1:
        return None
    names = _read_once(SHEETS, files.sha256, lambda: uploads.sheet_names(files))
    if len(names) < 2:
        return None
    options = [ALL_SHEETS, *names]
    shown = {ALL_SHEETS: t("importpage.all_sheets")}
    chosen = st.selectbox(
        t("preview.sheet"),
        options,
        format_func=lambda s: shown.get(s, s),
        key=f"sheet_{files.sha256}",
    )
    return None if chosen == ALL_SHEETS else chosen


def column_choice(t: Translator, files: SavedUploads, sheet: str | None) -> ColumnChoice:
    """The guessed mapping with its reasons, one select box per column, the report date."""
    guess = _guess(files, sheet)
    stored = _stored_mapping(guess.header_key, guess.headers)
    with st.expander(t("importpage.mapping"), expanded=True):
        _decisions(t, guess, stored is not None)
        # Widgets keyed by the files' bytes: another file starts from its own guesses and date.
        columns = _column_boxes(t, guess, stored or guess.columns, files.sha256)
        as_of = _date_input(t, guess, columns, files.sha256)
    return ColumnChoice(columns, as_of, sheet, guess.header_key, guess.columns, guess.as_of)


def _guess(files: SavedUploads, sheet: str | None) -> reports.ColumnGuess:
    """The reader's guess for these files: it depends only on the files' bytes and the sheet."""
    return _read_once(GUESS, (files.sha256, sheet), lambda: uploads.guess_columns(files, sheet))


def forget_reads() -> None:
    """Drop the kept sheets, guess and previews (no file is uploaded any more)."""
    for slot in (SHEETS, GUESS, f"{PREVIEW}_False", f"{PREVIEW}_True"):
        st.session_state.pop(slot, None)


def _read_once(slot: str, key: object, read: Callable[[], T]) -> T:
    """read()'s answer (or the DataFileError it raised) for `key`, computed once and kept in the
    session's `slot` until the key changes. Every widget change reruns the page, and each read
    is a child process over the whole file; one answer a slot keeps the memory of one file's."""
    last = st.session_state.get(slot)
    if last is None or last[0] != key:
        try:
            last = (key, read(), None)
        except DataFileError as problem:
            last = (key, None, problem)
        st.session_state[slot] = last
    if last[2] is not None:
        raise last[2]
    return last[1]


def _stored_mapping(header_key: str, headers: list[str]) -> dict[str, str] | None:
    """The mapping an editor confirmed for these headers before, if any (and still valid)."""
    if not header_key:
        return None
    stored = store.column_mapping(cached.engine(), header_key)
    if not stored:
        return None
    return {ours: header for ours, header in stored.items() if header in headers}


def _decisions(t: Translator, guess: reports.ColumnGuess, stored: bool) -> None:
    """What the reader decided for each column and why; the columns it ignored."""
    if stored:
        st.info(t("importpage.mapping_stored"))
    # A list, not a table: the reasons are the point and must wrap on a phone too.
    reasons = [plain(t.render(reason)) for reason in guess.reasons.values()]
    if reasons:
        st.markdown("\n".join(f"- {reason}" for reason in reasons))
    # The candidates of an undecided column are not "ignored": the editor is asked about them.
    asked = {header for candidates in guess.conflicts.values() for header in candidates}
    ignored = [header for header in guess.ignored if header not in asked]
    if ignored:
        st.caption(plain(t("importpage.ignored", columns=", ".join(ignored))))
    for ours, candidates in guess.conflicts.items():
        st.warning(
            plain(
                t(
                    "importpage.conflict",
                    column=t(LABELS[ours]),
                    candidates=", ".join(f"“{c}”" for c in candidates),
                )
            )
        )


def _column_boxes(
    t: Translator, guess: reports.ColumnGuess, defaults: dict[str, str], files_key: str
) -> dict[str, str]:
    """One select box per column of ours, filled with the default; {ours: header} chosen."""
    options = [NONE, *guess.headers]
    chosen: dict[str, str] = {}
    # Places on one row, figures on the next: on a phone they stack in this same order.
    for group in (OUR_COLUMNS[:4], OUR_COLUMNS[4:]):
        for box, ours in zip(st.columns(4), group, strict=False):
            default = defaults.get(ours, NONE)
            header = box.selectbox(
                t(LABELS[ours]),
                options,
                index=options.index(default) if default in options else 0,
                key=f"column_{files_key}_{ours}",
            )
            if header != NONE:
                chosen[ours] = header
    return chosen


def _date_input(
    t: Translator, guess: reports.ColumnGuess, columns: dict[str, str], files_key: str
) -> date | None:
    """The report date when no column holds it: found in the file (and where), or asked for."""
    if "as_of" in columns:
        return None
    if guess.as_of_source is not None:
        st.caption(plain(t.render(guess.as_of_source)))
    else:
        st.warning(t("importpage.date_missing"))
    return st.date_input(
        t("importpage.date"),
        value=guess.as_of,
        format="DD/MM/YYYY",
        key=f"as_of_{files_key}",
    )


def preview(files: SavedUploads, choice: ColumnChoice, correction: bool) -> ReportPreview:
    """The preview of all the files together, with the columns and date the editor changed,
    read in a child process with bounded memory and time (loaders.uploads): the server's other
    sessions go on meanwhile, and a file that would take too much is refused with a message.

    Only the changes are passed: the reader keeps guessing the other columns, file by file, so
    district files whose headings are worded differently still combine.
    """
    columns = choice.changed_columns() or None
    as_of = choice.as_of if choice.as_of != choice.guessed_as_of else None
    # The reports' version is part of the key: an import or an undo since (from any session)
    # changes what the preview compares the file with (a new boundary map does not).
    version = store.store_version(cached.engine())
    key = (files.sha256, choice.sheet, correction, sorted((columns or {}).items()), as_of, version)
    return _read_once(
        f"{PREVIEW}_{correction}",
        key,
        lambda: uploads.preview_report(
            files,
            _database_url(),
            sheet=choice.sheet,
            correction=correction,
            columns=columns,
            as_of=as_of,
        ),  # fmt: skip
    )


def remember(choice: ColumnChoice, editor: str) -> None:
    """Keep the confirmed mapping for the next file with the same headers."""
    if choice.header_key and choice.columns:
        store.save_column_mapping(cached.engine(), choice.header_key, choice.columns, editor)


def kept_columns(t: Translator, choice: ColumnChoice, preview: ReportPreview) -> None:
    """Say so when the reader still reads a column the editor set to "—" (it cannot be told
    to read none; choosing another column replaces it)."""
    for ours, header in preview.columns.items():
        if ours in LABELS and ours not in choice.columns and choice.guessed.get(ours) == header:
            st.warning(plain(t("importpage.kept", column=t(LABELS[ours]), header=header)))
