"""Widgets of the import page: editor sign-in, the report preview, commit, history and undo."""

import dataclasses

import pandas as pd
import streamlit as st

from cccd import tables
from cccd.i18n import Translator
from cccd.report_sources import rows_added_up
from loaders import editors, reports, store
from loaders.errors import DataFileError
from ui import cached
from ui.plain import plain

EDITOR = "editor"


def signed_in_editor() -> str | None:
    """The editor signed in in this browser session, if any."""
    return st.session_state.get(EDITOR)


def sign_in_form(t: Translator) -> None:
    """Name and password; a success keeps the editor for this session only."""
    with st.form("sign_in"):
        name = st.text_input(t("signin.name"), key="sign_in_name")
        password = st.text_input(t("signin.password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("signin.submit"), type="primary")
    if not submitted:
        return
    if _secret_hashes() and editors.verify_from_hashes(_secret_hashes(), name, password):
        st.session_state[EDITOR] = name
        st.rerun()
    answer = editors.verify_editor(cached.engine(), name, password)
    if answer.ok:
        st.session_state[EDITOR] = name
        st.rerun()
    st.error(t.render(answer.reason))


def _secret_hashes() -> dict[str, str]:
    try:
        return dict(st.secrets.get("editors", {}))
    except FileNotFoundError:  # no secrets.toml: editors live in the database only
        return {}


def sign_out_button(t: Translator) -> None:
    """Forget the editor of this session."""
    if st.sidebar.button(t("signin.sign_out")):
        st.session_state.pop(EDITOR, None)
        st.rerun()


def template_downloads(t: Translator) -> None:
    """The report template in Vietnamese and English, as Excel and CSV."""
    cols = st.columns(4)
    for col, (language, fmt) in zip(
        cols, [("vi", "xlsx"), ("vi", "csv"), ("en", "xlsx"), ("en", "csv")], strict=True
    ):
        col.download_button(
            t("imports.template_button", format=fmt.upper(), language=language),
            reports.template_bytes(language, fmt),
            f"mau-bao-cao-{language}.{fmt}",
            key=f"template_{language}_{fmt}",
        )


def open_store(t: Translator) -> None:
    """Stop the page with the store's message when the database cannot be opened (an empty
    store is fine here: this is where the first report is loaded)."""
    try:
        cached.engine()
        cached.refresh_if_changed()
    except DataFileError as problem:
        st.error(plain(t.render(problem.message)))
        st.stop()


def unusable(t: Translator, problem: DataFileError) -> None:
    """The files cannot be read at all: why, and that nothing was written."""
    st.error(plain(t("imports.unusable", reason=t.render(problem.message))))


def show_preview(t: Translator, preview) -> None:
    """Accepted rows, problems with their fixes, communes without a row, changes."""
    cols = st.columns(4)
    cols[0].metric(t("preview.valid_rows"), len(preview.rows))
    cols[1].metric(t("preview.problem_rows"), bad_rows(preview))
    cols[2].metric(t("boundaries.missing_metric"), len(preview.missing_communes))
    cols[3].metric(t("preview.changed_rows"), preview.rows_changed)
    # Every row read is accepted, listed with a problem, or set aside (headings, totals...).
    added_up = rows_added_up(preview.sources, len(preview.rows), preview.rows_with_problems)
    st.caption(plain(t.render(added_up)))
    _sources(t, preview)
    if preview.warnings:  # one box, however many subtotals disagree
        st.warning("\n".join(f"- {plain(t.render(w))}" for w in preview.warnings))
    if preview.problems:
        st.error(t("preview.has_problems"))
        # Rows tall enough that the grid wraps the message and its fix (one line cut them off).
        st.dataframe(
            _problem_table(t, preview.problems),
            hide_index=True,
            width="stretch",
            row_height=PROBLEM_ROW_HEIGHT,
            column_config={t(key): st.column_config.TextColumn(width="medium") for key in WRAPPED},
        )
        if len(preview.rows):
            st.caption(t("importpage.or_skip"))
    if len(preview.missing_communes):
        with st.expander(t("preview.no_rows")):
            missing = _missing_table(t, preview.missing_communes)
            st.dataframe(missing, hide_index=True, width="stretch")
    if preview.change_total:
        with st.expander(t("preview.changes"), expanded=True):
            # A month of reports changes ~1 million figures: the first lines say what it does.
            shown = preview.changes
            st.dataframe(tables.changes_table(t, shown), hide_index=True, width="stretch")
            if preview.change_total > len(shown):
                st.caption(t("preview.changes_first", shown=t.number(len(shown)),
                             total=t.number(preview.change_total)))  # fmt: skip
    elif not preview.problems:
        st.info(t("preview.identical"))


def bad_rows(preview) -> int:
    """How many rows of the files have a problem (a row counts once, per file)."""
    return len({(p.source, p.row) for p in preview.problems})


def _sources(t: Translator, preview) -> None:
    """One line per file (and sheet) read: rows read and accepted, dates, district; then the
    decisions the reader took (the date from a title, the district from a sheet name...)."""
    sources = preview.sources
    if sources:
        st.markdown(f"**{t('importpage.per_file')}**")
        # A plain table (all its text in the page), scrolling beyond a dozen files.
        height = "content" if len(sources) <= 12 else 460
        st.table(_source_table(t, sources), hide_index=True, height=height)
    decisions = preview.decisions
    if decisions:
        with st.expander(t("importpage.decisions")):
            st.markdown("\n".join(f"- {plain(t.render(line))}" for line in decisions))


SOURCE_FIELDS = {  # a file summary's field -> its column header
    "file": "importpage.source.file",
    "sheet": "importpage.source.sheet",
    "rows_read": "importpage.source.rows_read",
    "rows_accepted": "importpage.source.rows_accepted",
    "dates": "importpage.source.dates",
    "district": "importpage.source.district",
}


def _source_table(t: Translator, sources) -> pd.DataFrame:
    """The per-file summary with headers and dates in the reader's language."""
    records = [dataclasses.asdict(source) for source in sources]
    frame = pd.DataFrame(records)
    fields = [name for name in SOURCE_FIELDS if name in frame.columns]
    if "dates" in frame.columns:
        frame["dates"] = frame["dates"].map(lambda days: ", ".join(t.day(d) for d in days or []))
    for name in ("rows_read", "rows_accepted"):
        if name in frame.columns:
            frame[name] = frame[name].map(t.number)
    # A CSV has no sheet, a district file may name no district: no empty column for them.
    frame = frame.fillna("")
    for name in ("file", "sheet", "district"):  # st.table reads its cells as Markdown
        if name in frame.columns:
            frame[name] = frame[name].astype(str).map(plain)
    fields = [name for name in fields if (frame[name].astype(str) != "").any()]
    return frame[fields].rename(columns={name: t(SOURCE_FIELDS[name]) for name in fields})


PROBLEM_COLUMNS = ["problem.row", "problem.column", "problem.value", "problem.what", "problem.fix"]
WRAPPED = ("problem.what", "problem.fix")  # the long texts: stretched, on several lines
PROBLEM_ROW_HEIGHT = 100  # px; above 4rem the grid wraps text, 4 lines of 14 px text fit


def _problem_table(t: Translator, problems) -> pd.DataFrame:
    """One line per problem, what is wrong and the fix in the reader's language; the file (and
    sheet) it is in first, when the rows come from several."""
    frame = pd.DataFrame(
        [(p.row, p.column, p.value, t.render(p.what), t.render(p.fix)) for p in problems],
        columns=[t(column) for column in PROBLEM_COLUMNS],
    )
    sources = [p.source for p in problems]
    if any(sources):
        frame.insert(0, t("importpage.source.file"), sources)
    return frame


MISSING_FIELDS = {  # a missing commune's field -> its column header
    "as_of": "column.date",
    "commune_code": "column.commune_code",
    "commune_name": "column.commune",
    "district_name": "column.district",
}


def _missing_table(t: Translator, missing) -> pd.DataFrame:
    """The communes without a row, headers in the reader's language and days as dd/mm/yyyy
    (the raw frame showed 'as_of' and '2023-05-30 00:00:00')."""
    frame = pd.DataFrame(missing)
    if "as_of" in frame.columns:
        frame["as_of"] = frame["as_of"].map(t.day)
    fields = [name for name in MISSING_FIELDS if name in frame.columns]
    return frame[fields].rename(columns={name: t(MISSING_FIELDS[name]) for name in fields})


def upload_key() -> str:
    """The uploader's key; a new key empties it (Cancel)."""
    return f"report_{st.session_state.get('uploads', 0)}"


def cancel() -> None:
    """Button callback: drop the uploaded files and their preview; nothing was written."""
    st.session_state["uploads"] = st.session_state.get("uploads", 0) + 1


def commit(t: Translator, preview, files, editor: str, skip_bad_rows: bool = False) -> bool:
    """Write the accepted rows in one transaction, with a progress bar; then refresh caches.
    With skip_bad_rows, the rows with problems are left out and recorded with the import."""
    bar = st.progress(0.0, text=t("commit.saving"))
    extra = {"skipped": reports.skipped_rows(preview)} if skip_bad_rows else {}
    try:
        record = store.commit_import(
            cached.engine(),
            preview.rows,
            file_name=files.file_name,
            sha256=files.sha256,
            editor=editor,
            correction=preview.correction,
            progress=lambda done: bar.progress(min(done, 1.0), text=t("commit.saving")),
            checked_at=preview.store_version,  # checked again if another import landed since
            **extra,
        )
    except DataFileError as problem:
        st.error(plain(t("commit.failed", reason=t.render(problem.message))))
        return False
    cached.forget_data()
    bar.progress(1.0, text=t("commit.finished"))
    if record.outcome == "unchanged":
        st.info(t("commit.unchanged"))
    else:
        st.success(t("commit.saved", rows=t.number(record.changed), id=record.id))
    return True


UNDONE = "import_undone"  # session key: what the last undo said, shown after its rerun


def history_and_undo(t: Translator, editor: str) -> None:
    """The import log, newest first, and undo of the last committed import."""
    log = store.list_imports(cached.engine())
    st.dataframe(tables.imports_table(t, log), hide_index=True, width="stretch")
    confirm = st.checkbox(t("undo.confirm"), key="confirm_undo")
    # A callback: it runs before the page does, so the preview above it and the log are drawn
    # from the store as the undo left it (a file previewed before the undo is previewed again).
    st.button(t("undo.button"), disabled=not confirm, key="undo", on_click=_undo, args=(editor,))
    said = st.session_state.pop(UNDONE, None)
    if isinstance(said, DataFileError):
        st.error(plain(t.render(said.message)))
    elif said is not None:
        st.success(t("undo.done", id=said.id, file=plain(said.file_name)))


def _undo(editor: str) -> None:
    """Undo the last import; what happened is kept for the run that follows."""
    try:
        st.session_state[UNDONE] = store.undo_last_import(cached.engine(), editor)
    except DataFileError as problem:
        st.session_state[UNDONE] = problem
        return
    cached.forget_data()
    st.session_state["confirm_undo"] = False
