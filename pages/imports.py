"""Load a day's reports: editors only. The files as people send them (one or several, a sheet
per district), the columns as guessed and as the editor changes them, a preview; nothing is
written until Commit."""

import streamlit as st

from loaders.errors import DataFileError
from ui.imports import actions, mapping
from ui.imports import widgets as imports
from ui.plain import plain
from ui.shell import lang, streamlit_texts

t = lang.current()
st.title(t("imports.title"))
imports.open_store(t)
editor = imports.signed_in_editor()
if editor is None:
    st.info(t("imports.viewer_info"))
    imports.sign_in_form(t)
    st.stop()

imports.sign_out_button(t)
st.caption(t("imports.signed_in", editor=plain(editor)))
actions.sample_notice(t, editor)
with st.expander(t("imports.templates")):
    imports.template_downloads(t)

uploads = mapping.as_list(
    streamlit_texts.file_uploader(
        t,
        t("importpage.upload"),
        mapping.TYPES,
        key=imports.upload_key(),
        accept_multiple_files=True,
    )
)
correction = st.checkbox(t("imports.correction"), key="correction")
if uploads:
    with mapping.saved(uploads) as files:
        try:
            sheet = mapping.sheet_choice(t, files)
            choice = mapping.column_choice(t, files, sheet)
            preview = mapping.preview(files, choice, correction)
        except DataFileError as problem:
            imports.unusable(t, problem)
        else:
            mapping.kept_columns(t, choice, preview)
            imports.show_preview(t, preview)
            actions.buttons(t, preview, files, choice, editor)
            actions.replace_offer(t, preview, files, choice, correction, editor)
else:
    mapping.forget_reads()

st.subheader(t("imports.history"))
imports.history_and_undo(t, editor)
