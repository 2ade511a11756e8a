"""What an editor can do with a previewed report: commit it, load its good rows and skip the bad
ones, cancel; and, while the store holds only the synthetic sample, remove the sample or replace
it with the report."""

import streamlit as st

from cccd.i18n import Translator
from loaders import store
from loaders.errors import DataFileError
from ui import cached
from ui.imports import mapping, widgets
from ui.plain import plain

NOTICE = "import_notice"  # a success to show after a callback changed the store


def buttons(t: Translator, preview, files, choice, editor: str) -> None:
    """Commit (only a clean file) and Cancel side by side; with bad rows, below them: load the
    good rows and skip the bad ones, once confirmed."""
    bad, good = widgets.bad_rows(preview), len(preview.rows)
    row = st.container(horizontal=True)
    commit = row.button(
        t("imports.commit"), type="primary", disabled=bool(preview.problems) or not good
    )
    row.button(t("imports.cancel"), on_click=widgets.cancel)
    if commit:
        _commit(t, preview, files, choice, editor, skip_bad_rows=False)
    if not (preview.problems and good):
        return
    # Keyed by the files: a confirmation given for other files does not carry over.
    confirm = st.checkbox(
        t("importpage.skip_confirm", bad=t.number(bad)), key=f"confirm_skip_{files.sha256}"
    )
    if st.button(
        t("importpage.skip", good=t.number(good), bad=t.number(bad)),
        disabled=not confirm,
        key="skip_bad_rows",
    ):
        _commit(t, preview, files, choice, editor, skip_bad_rows=True)


def _commit(t: Translator, preview, files, choice, editor: str, skip_bad_rows: bool) -> None:
    """Commit, and keep the confirmed column mapping for the next file with these headers."""
    if widgets.commit(t, preview, files, editor, skip_bad_rows=skip_bad_rows):
        mapping.remember(choice, editor)


def holds_only_sample() -> bool:
    """Whether every report in the store is the generated sample (no real report yet)."""
    return store.holds_only_sample(cached.engine())


def sample_notice(t: Translator, editor: str) -> None:
    """Say that the store holds only the synthetic sample, and offer to remove it."""
    if NOTICE in st.session_state:
        st.success(st.session_state.pop(NOTICE))
    if not holds_only_sample():
        return
    st.info(t("importpage.sample_only"))
    row = st.container(horizontal=True, vertical_alignment="center")
    confirm = row.checkbox(t("importpage.remove_sample_confirm"), key="confirm_remove_sample")
    row.button(
        t("importpage.remove_sample"),
        disabled=not confirm,
        key="remove_sample",
        on_click=_remove_sample,
        args=(t, editor),
    )


def _remove_sample(t: Translator, editor: str) -> None:
    """Button callback: remove the sample (logged as an import), before the page is drawn."""
    try:
        record = store.remove_sample(cached.engine(), editor)
    except DataFileError as problem:
        st.session_state[NOTICE] = plain(t.render(problem.message))
        return
    cached.forget_data()
    st.session_state["confirm_remove_sample"] = False
    st.session_state[NOTICE] = t("importpage.sample_removed", id=record.id)


def replace_offer(t: Translator, preview, files, choice, correction: bool, editor: str) -> None:
    """While the store holds only the sample: replace it with this report, when the report is
    clean once the sample's own figures no longer stand in its way."""
    if not holds_only_sample():
        return
    # The sample's other figures for these dates show as falls; as a correction they do not,
    # so what is left are the file's own problems.
    candidate = preview
    if preview.problems and not correction:
        candidate = mapping.preview(files, choice, correction=True)
    if candidate.problems or candidate.rows.empty:
        return
    st.info(t("importpage.replace_info" if preview.problems else "importpage.replace_clean"))
    row = st.container(horizontal=True, vertical_alignment="center")
    confirm = row.checkbox(
        t("importpage.replace_confirm"), key=f"confirm_replace_sample_{files.sha256}"
    )
    if row.button(t("importpage.replace"), disabled=not confirm, key="replace_sample"):
        try:
            record = store.replace_sample_with(
                cached.engine(),
                candidate.rows,
                file_name=files.file_name,
                sha256=files.sha256,
                editor=editor,
            )
        except DataFileError as problem:
            st.error(plain(t.render(problem.message)))
            return
        cached.forget_data()
        mapping.remember(choice, editor)
        st.success(t("importpage.replaced", rows=t.number(record.rows), id=record.id))
