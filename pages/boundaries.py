"""Replace the approximate commune map with the user's own (official) boundary file."""

import streamlit as st

from cccd.column_roles import ROLES
from cccd.i18n import Translator
from loaders import store, uploads
from loaders.boundaries import BoundaryLoad
from loaders.errors import DataFileError
from ui import cached, widgets
from ui.imports import widgets as import_widgets
from ui.plain import plain
from ui.shell import lang, streamlit_texts

# Per uploaded file set (its signature): the columns found without the user's choices, and the
# loads already made (a rerun that changes nothing else must not read the file again).
DETECTED = "boundary_detected"
LOADS = "boundary_loads"
ROLE_LABELS = {
    "commune_code": "boundaries.role.commune_code",
    "commune_name": "boundaries.role.commune_name",
    "district_code": "boundaries.role.district_code",
    "district_name": "boundaries.role.district_name",
}


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


def _load(files: list[tuple[str, bytes]], signature: str, fields: dict[str, str]):
    """The load (or the DataFileError) for these files and fields, made once per session."""
    loads = st.session_state.setdefault(LOADS, {})
    key = (signature, tuple(sorted(fields.items())))
    if key not in loads:
        try:
            loads[key] = uploads.load_boundary_upload(files, fields=fields or None)
        except DataFileError as problem:
            loads[key] = problem
        while len(loads) > 8:  # old file sets and choices
            loads.pop(next(iter(loads)))
    return loads[key]


def load_with_choices(
    files: list[tuple[str, bytes]], signature: str
) -> tuple[BoundaryLoad | DataFileError, dict[str, str]]:
    """(the load with the columns chosen in the select boxes, or its error; the columns
    detected with no choice, which fill the boxes at first)."""
    first = _load(files, signature, {})
    detected = st.session_state.setdefault(DETECTED, {}).setdefault(
        signature, first.columns if isinstance(first, BoundaryLoad) else {}
    )
    chosen = {role: st.session_state.get(f"boundary_field_{signature}_{role}") for role in ROLES}
    fields = uploads.chosen_fields(detected, {r: c for r, c in chosen.items() if c is not None})
    return (_load(files, signature, fields) if fields else first), detected


def column_boxes(
    t: Translator, signature: str, columns: list[str], detected: dict[str, str]
) -> None:
    """One select box per role: "—" or one of the file's columns, the detected one first."""
    st.markdown(t("boundaries.page.columns"))
    options = ["", *columns]
    for box, role in zip(st.columns(len(ROLES)), ROLES, strict=True):
        box.selectbox(
            t(ROLE_LABELS[role]).capitalize(),
            options,
            index=options.index(detected.get(role, "")),
            format_func=lambda column: column or t("boundaries.page.no_column"),
            key=f"boundary_field_{signature}_{role}",
        )


def show_decisions(t: Translator, loaded: BoundaryLoad) -> None:
    """What the reader decided (columns, encoding) and the columns it did not use."""
    lines = [f"- {plain(t.render(item))}" for item in loaded.decisions]
    st.info(t("boundaries.page.decisions") + "\n\n" + "\n".join(lines))
    if loaded.ignored:
        ignored = plain(", ".join(loaded.ignored))
        st.caption(t("boundaries.page.ignored", columns=ignored))


t = lang.current()
st.title(t("boundaries.title"))
widgets.require_store(needs_reports=False)
# Callbacks run before this line, so the notice already shows a set saved by the last click.
current = cached.boundaries()
if current.approximate:
    st.info(t(widgets.APPROXIMATE_NOTE), icon=":material/polyline:")
else:
    st.success(t("boundaries.in_use", name=plain(current.source_name)))

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

files = [(file.name, file.getvalue()) for file in uploaded]
signature = uploads.upload_signature(files)
loaded, detected = load_with_choices(files, signature)
if isinstance(loaded, DataFileError):
    st.error(t("boundaries.unusable", reason=t.render(loaded.message)))
    columns = uploads.columns_of(loaded)
else:
    show_decisions(t, loaded)
    columns = loaded.attribute_columns
if columns:
    column_boxes(t, signature, columns, detected)
if isinstance(loaded, DataFileError):
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
accepted = loaded.complete
if not loaded.complete:
    st.warning(t("boundaries.page.partial"))
    accepted = st.checkbox(t("boundaries.page.accept_partial"), key="boundary_accept_partial")
if st.button(
    t("boundaries.use"),
    type="primary",
    on_click=use_boundaries,
    args=(loaded,),
    disabled=not accepted,
):
    st.success(t("boundaries.saved"))
