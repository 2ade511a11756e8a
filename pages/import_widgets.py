"""Widgets of the import page: editor sign-in, the report preview, commit, history and undo."""

import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from cccd import tables
from cccd.i18n import Translator
from loaders import editors, reports, store
from loaders.errors import DataFileError
from pages import cached

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


def preview_upload(upload, sheet: str | None, correction: bool):
    """(preview, sha256) of an uploaded report; the file is read from a temporary copy."""
    content = upload.getvalue()
    with tempfile.TemporaryDirectory(prefix="cccd-report-") as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(content)
        preview = reports.preview_report(path, cached.engine(), sheet=sheet, correction=correction)
    return preview, hashlib.sha256(content).hexdigest()


def sheet_choice(t: Translator, upload) -> str | None:
    """For a workbook with several sheets, let the user pick one."""
    if not upload.name.lower().endswith(".xlsx"):
        return None
    with tempfile.TemporaryDirectory(prefix="cccd-report-") as folder:
        path = Path(folder) / "report.xlsx"
        path.write_bytes(upload.getvalue())
        names = reports.sheet_names(path)
    return st.selectbox(t("preview.sheet"), names, key="sheet") if len(names) > 1 else None


def show_preview(t: Translator, preview) -> None:
    """Accepted rows, problems with their fixes, communes without a row, changes."""
    cols = st.columns(4)
    cols[0].metric(t("preview.valid_rows"), len(preview.rows))
    cols[1].metric(t("preview.problem_rows"), len({problem.row for problem in preview.problems}))
    cols[2].metric(t("boundaries.missing_metric"), len(preview.missing_communes))
    changed_rows = preview.changes[["as_of", "commune_code"]].drop_duplicates()
    cols[3].metric(t("preview.changed_rows"), len(changed_rows))
    if preview.problems:
        st.error(t("preview.has_problems"))
        st.dataframe(_problem_table(t, preview.problems), hide_index=True, width="stretch")
    if len(preview.missing_communes):
        with st.expander(t("preview.no_rows")):
            st.dataframe(pd.DataFrame(preview.missing_communes), hide_index=True)
    if len(preview.changes):
        with st.expander(t("preview.changes"), expanded=True):
            st.dataframe(tables.changes_table(t, preview.changes), hide_index=True, width="stretch")
    elif not preview.problems:
        st.info(t("preview.identical"))


PROBLEM_COLUMNS = ["problem.row", "problem.column", "problem.value", "problem.what", "problem.fix"]


def _problem_table(t: Translator, problems) -> pd.DataFrame:
    """One line per problem, what is wrong and the fix in the reader's language."""
    return pd.DataFrame(
        [(p.row, p.column, p.value, t.render(p.what), t.render(p.fix)) for p in problems],
        columns=[t(column) for column in PROBLEM_COLUMNS],
    )


def upload_key() -> str:
    """The uploader's key; a new key empties it (Cancel)."""
    return f"report_{st.session_state.get('uploads', 0)}"


def cancel() -> None:
    """Button callback: drop the uploaded file and its preview; nothing was written."""
    st.session_state["uploads"] = st.session_state.get("uploads", 0) + 1


def commit(t: Translator, preview, file_name: str, sha256: str, editor: str) -> None:
    """Write the accepted rows in one transaction, with a progress bar; then refresh caches."""
    bar = st.progress(0.0, text=t("commit.saving"))
    try:
        record = store.commit_import(
            cached.engine(),
            preview.rows,
            file_name=file_name,
            sha256=sha256,
            editor=editor,
            correction=preview.correction,
            progress=lambda done: bar.progress(min(done, 1.0), text=t("commit.saving")),
        )
    except DataFileError as problem:
        st.error(t("commit.failed", reason=t.render(problem.message)))
        return
    cached.forget_data()
    bar.progress(1.0, text=t("commit.finished"))
    if record.outcome == "unchanged":
        st.info(t("commit.unchanged"))
    else:
        st.success(t("commit.saved", rows=t.number(record.changed), id=record.id))


def history_and_undo(t: Translator, editor: str) -> None:
    """The import log, newest first, and undo of the last committed import."""
    log = store.list_imports(cached.engine())
    st.dataframe(tables.imports_table(t, log), hide_index=True, width="stretch")
    confirm = st.checkbox(t("undo.confirm"), key="confirm_undo")
    if st.button(t("undo.button"), disabled=not confirm, key="undo"):
        try:
            record = store.undo_last_import(cached.engine(), editor)
        except DataFileError as problem:
            st.error(t.render(problem.message))
            return
        cached.forget_data()
        st.success(t("undo.done", id=record.id, file=record.file_name))
