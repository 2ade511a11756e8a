"""Load a day's report: editors only. Preview first; nothing is written until Commit."""

import streamlit as st

from loaders.errors import DataFileError
from pages import import_widgets as imports
from pages import widgets

st.title("Nhập báo cáo ngày")
widgets.require_store()
editor = imports.signed_in_editor()
if editor is None:
    st.info(
        "Ai có đường dẫn đều xem được bản đồ và bảng số liệu. Nhập, đính chính và hoàn tác "
        "số liệu cần đăng nhập biên tập viên (tài khoản do quản trị tạo bằng "
        "`python -m loaders.editors add TÊN`)."
    )
    imports.sign_in_form()
    st.stop()

imports.sign_out_button()
st.caption(f"Đăng nhập: **{editor}**")
with st.expander("Tải mẫu báo cáo"):
    imports.template_downloads()

upload = st.file_uploader(
    "Báo cáo (.xlsx hoặc .csv)", type=["xlsx", "csv"], key=imports.upload_key()
)
correction = st.checkbox(
    "Đây là báo cáo đính chính (cho phép số lũy kế giảm so với trước)", key="correction"
)
if upload is not None:
    try:
        sheet = imports.sheet_choice(upload)
        preview, sha256 = imports.preview_upload(upload, sheet, correction)
    except DataFileError as problem:
        st.error(f"Không dùng được tệp này; chưa có gì được ghi. {problem}")
    else:
        imports.show_preview(preview)
        ready = not preview.problems and len(preview.rows) > 0
        commit_col, cancel_col = st.columns([1, 4])
        if commit_col.button("Ghi vào kho số liệu", type="primary", disabled=not ready):
            imports.commit(preview, upload.name, sha256, editor)
        cancel_col.button("Huỷ", on_click=imports.cancel)

st.subheader("Lịch sử nhập")
imports.history_and_undo(editor)
