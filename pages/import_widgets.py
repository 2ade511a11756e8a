"""Widgets of the import page: editor sign-in, the report preview, commit, history and undo."""

import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from cccd import tables
from loaders import editors, reports, store
from loaders.errors import DataFileError
from pages import cached

EDITOR = "editor"


def signed_in_editor() -> str | None:
    """The editor signed in in this browser session, if any."""
    return st.session_state.get(EDITOR)


def sign_in_form() -> None:
    """Name and password; a success keeps the editor for this session only."""
    with st.form("sign_in"):
        name = st.text_input("Tên biên tập viên", key="sign_in_name")
        password = st.text_input("Mật khẩu", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Đăng nhập", type="primary")
    if not submitted:
        return
    if _secret_hashes() and editors.verify_from_hashes(_secret_hashes(), name, password):
        st.session_state[EDITOR] = name
        st.rerun()
    answer = editors.verify_editor(cached.engine(), name, password)
    if answer.ok:
        st.session_state[EDITOR] = name
        st.rerun()
    st.error(answer.message)


def _secret_hashes() -> dict[str, str]:
    try:
        return dict(st.secrets.get("editors", {}))
    except FileNotFoundError:  # no secrets.toml: editors live in the database only
        return {}


def sign_out_button() -> None:
    """Forget the editor of this session."""
    if st.sidebar.button("Đăng xuất"):
        st.session_state.pop(EDITOR, None)
        st.rerun()


def template_downloads() -> None:
    """The report template in Vietnamese and English, as Excel and CSV."""
    cols = st.columns(4)
    for col, (language, fmt) in zip(
        cols, [("vi", "xlsx"), ("vi", "csv"), ("en", "xlsx"), ("en", "csv")], strict=True
    ):
        col.download_button(
            f"Mẫu {fmt.upper()} ({language})",
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


def sheet_choice(upload) -> str | None:
    """For a workbook with several sheets, let the user pick one."""
    if not upload.name.lower().endswith(".xlsx"):
        return None
    with tempfile.TemporaryDirectory(prefix="cccd-report-") as folder:
        path = Path(folder) / "report.xlsx"
        path.write_bytes(upload.getvalue())
        names = reports.sheet_names(path)
    return st.selectbox("Trang tính", names, key="sheet") if len(names) > 1 else None


def show_preview(preview) -> None:
    """Accepted rows, problems with their fixes, communes without a row, changes."""
    cols = st.columns(4)
    cols[0].metric("Dòng hợp lệ", len(preview.rows))
    cols[1].metric("Dòng có lỗi", len({problem.row for problem in preview.problems}))
    cols[2].metric("Xã/phường thiếu", len(preview.missing_communes))
    changed_rows = preview.changes[["as_of", "commune_code"]].drop_duplicates()
    cols[3].metric("Dòng thay đổi so với kho", len(changed_rows))
    if preview.problems:
        st.error("Tệp có lỗi; sửa theo gợi ý rồi tải lại. Chưa có gì được ghi.")
        st.dataframe(_problem_table(preview.problems), hide_index=True, width="stretch")
    if len(preview.missing_communes):
        with st.expander("Xã/phường không có dòng nào"):
            st.dataframe(pd.DataFrame(preview.missing_communes), hide_index=True)
    if len(preview.changes):
        with st.expander("Thay đổi so với số liệu đang có", expanded=True):
            st.dataframe(tables.changes_table(preview.changes), hide_index=True, width="stretch")
    elif not preview.problems:
        st.info("Tệp giống hệt số liệu đang có: nhập lại sẽ không thay đổi gì.")


def _problem_table(problems) -> pd.DataFrame:
    return pd.DataFrame(
        [(p.row, p.column, p.value, p.what, p.fix) for p in problems],
        columns=["Dòng", "Cột", "Giá trị", "Lỗi", "Cách sửa"],
    )


def upload_key() -> str:
    """The uploader's key; a new key empties it (Cancel)."""
    return f"report_{st.session_state.get('uploads', 0)}"


def cancel() -> None:
    """Button callback: drop the uploaded file and its preview; nothing was written."""
    st.session_state["uploads"] = st.session_state.get("uploads", 0) + 1


def commit(preview, file_name: str, sha256: str, editor: str) -> None:
    """Write the accepted rows in one transaction, with a progress bar; then refresh caches."""
    bar = st.progress(0.0, text="Đang ghi…")
    try:
        record = store.commit_import(
            cached.engine(),
            preview.rows,
            file_name=file_name,
            sha256=sha256,
            editor=editor,
            correction=preview.correction,
            progress=lambda done: bar.progress(min(done, 1.0), text="Đang ghi…"),
        )
    except DataFileError as problem:
        st.error(f"Không ghi được; kho số liệu không thay đổi. {problem}")
        return
    cached.forget_data()
    bar.progress(1.0, text="Xong")
    if record.outcome == "unchanged":
        st.info("Không có gì mới: số liệu đã có sẵn trong kho.")
    else:
        st.success(f"Đã ghi {record.changed} dòng (lần nhập số {record.id}).")


def history_and_undo(editor: str) -> None:
    """The import log, newest first, and undo of the last committed import."""
    log = store.list_imports(cached.engine())
    st.dataframe(tables.imports_table(log), hide_index=True, width="stretch")
    confirm = st.checkbox("Tôi muốn hoàn tác lần nhập gần nhất", key="confirm_undo")
    if st.button("Hoàn tác", disabled=not confirm, key="undo"):
        try:
            record = store.undo_last_import(cached.engine(), editor)
        except DataFileError as problem:
            st.error(str(problem))
            return
        cached.forget_data()
        st.success(f"Đã hoàn tác lần nhập số {record.id} ({record.file_name}).")
