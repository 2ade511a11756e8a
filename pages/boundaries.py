"""Replace the approximate commune map with the user's own (official) boundary file."""

import streamlit as st

from loaders import store, uploads
from loaders.boundaries import BoundaryLoad
from loaders.errors import DataFileError
from pages import cached, import_widgets, lang, streamlit_texts, widgets


def use_boundaries(loaded: BoundaryLoad) -> None:
    """Button callback: store the matched communes before the page reruns and reads them."""
    if import_widgets.signed_in_editor() is None:  # signed out in another tab meanwhile
        return
    store.save_boundaries(
        cached.engine(), uploads.geojson_for_store(loaded.communes), loaded.source_name
    )
    cached.forget_data()


def use_default_map() -> None:
    """Button callback: forget the user's boundaries; the approximate map is back."""
    if import_widgets.signed_in_editor() is None:
        return
    store.clear_boundaries(cached.engine())
    cached.forget_data()


t = lang.current()
st.title(t("boundaries.title"))
widgets.require_store()
# Callbacks run before this line, so the notice already shows a set saved by the last click.
current = cached.boundaries()
if current.approximate:
    st.info(t(widgets.APPROXIMATE_NOTE), icon=":material/polyline:")
else:
    st.success(t("boundaries.in_use", name=current.source_name))

# The map is everyone's: changing it takes the same editor sign-in as loading reports.
editor = import_widgets.signed_in_editor()
if editor is None:
    st.info(t("boundaries.viewer_info"))
    import_widgets.sign_in_form(t)
    st.stop()
import_widgets.sign_out_button(t)
if not current.approximate:
    st.button(t("boundaries.back_to_default"), on_click=use_default_map)

st.markdown(t("boundaries.intro"))
uploaded = streamlit_texts.file_uploader(
    t,
    t("boundaries.upload"),
    ["zip", "shp", "shx", "dbf", "prj", "cpg", "gpkg", "geojson", "json"],
    accept_multiple_files=True,
)
if not uploaded:
    st.stop()

try:
    loaded = uploads.load_boundary_upload([(file.name, file.getvalue()) for file in uploaded])
except DataFileError as problem:
    st.error(t("boundaries.unusable", reason=t.render(problem.message)))
    st.stop()

cols = st.columns(4)
cols[0].metric(t("boundaries.features_read"), loaded.features_read)
cols[1].metric(t("boundaries.by_code"), loaded.matched_by_code)
cols[2].metric(t("boundaries.by_name"), loaded.matched_by_name)
cols[3].metric(t("boundaries.missing_metric"), len(loaded.missing_codes))
if loaded.unmatched:
    st.warning(t("boundaries.unmatched", count=len(loaded.unmatched)))
    unmatched = [t.render(item) for item in loaded.unmatched_messages]
    st.dataframe({t("boundaries.unmatched_column"): unmatched}, width="stretch")
if loaded.missing_codes:
    st.warning(t("boundaries.missing", count=len(loaded.missing_codes)))
    st.dataframe(
        uploads.missing_communes(loaded.missing_codes),
        hide_index=True,
        width="stretch",
        column_config={
            "commune_code": t("column.commune_code"),
            "commune_name": t("column.commune"),
            "district_name": t("column.district"),
        },
    )
if loaded.notes:
    st.info(t("boundaries.merged"))
    notes = [t.render(item) for item in loaded.note_messages]
    st.dataframe({t("boundaries.merged_column"): notes}, width="stretch")
if loaded.repaired:
    st.info(t("boundaries.repaired", count=loaded.repaired))
if st.button(t("boundaries.use"), type="primary", on_click=use_boundaries, args=(loaded,)):
    st.success(t("boundaries.saved"))
