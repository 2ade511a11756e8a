"""Load a day's report: editors only. Preview first; nothing is written until Commit."""

import streamlit as st

from loaders.errors import DataFileError
from pages import import_widgets as imports
from pages import lang, streamlit_texts, widgets

t = lang.current()
st.title(t("imports.title"))
widgets.require_store()
editor = imports.signed_in_editor()
if editor is None:
    st.info(t("imports.viewer_info"))
    imports.sign_in_form(t)
    st.stop()

imports.sign_out_button(t)
st.caption(t("imports.signed_in", editor=editor))
with st.expander(t("imports.templates")):
    imports.template_downloads(t)

upload = streamlit_texts.file_uploader(
    t, t("imports.upload"), ["xlsx", "csv"], key=imports.upload_key()
)
correction = st.checkbox(t("imports.correction"), key="correction")
if upload is not None:
    try:
        sheet = imports.sheet_choice(t, upload)
        preview, sha256 = imports.preview_upload(upload, sheet, correction)
    except DataFileError as problem:
        st.error(t("imports.unusable", reason=t.render(problem.message)))
    else:
        imports.show_preview(t, preview)
        ready = not preview.problems and len(preview.rows) > 0
        commit_col, cancel_col = st.columns([1, 4])
        if commit_col.button(t("imports.commit"), type="primary", disabled=not ready):
            imports.commit(t, preview, upload.name, sha256, editor)
        cancel_col.button(t("imports.cancel"), on_click=imports.cancel)

st.subheader(t("imports.history"))
imports.history_and_undo(t, editor)
