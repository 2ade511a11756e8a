"""Widgets shared by the pages: notices, headline labels, projection tables, downloads.

The map's own controls, view and commune details are in ui/map.py."""

import pandas as pd
import streamlit as st

from cccd.i18n import Translator
from loaders.errors import DataFileError
from ui import cached
from ui.plain import plain
from ui.shell import lang

# Choices -> message keys of their labels.
METRIC_LABELS = {"delivered": "measure.delivered", "activated": "measure.activated"}
METRIC_NOUNS = {"delivered": "noun.delivered", "activated": "noun.activated"}
APPROXIMATE_NOTE = "notice.approximate"
UPLOAD_HINT = "notice.upload_hint"
SYNTHETIC_NOTE = "notice.synthetic"
SYNTHETIC_UNITS_NOTE = "notice.synthetic_dataset"


def completion_label(t: Translator, measure: str) -> str:
    """ "City-wide: …" or, with several provinces, "Country-wide: …"."""
    several = len(cached.province_names()) > 1
    return t("metric.country_completion" if several else "metric.city_completion", measure=measure)


def metric_choice(t: Translator, key: str) -> str:
    """Cards delivered or e-IDs activated."""
    return st.radio(
        t("control.metric"),
        list(METRIC_LABELS),
        format_func=lambda metric: t(METRIC_LABELS[metric]),
        key=key,
    )


SLOWING_SHOWN = 8


def slowing_districts(t: Translator, slowing: pd.DataFrame) -> None:
    """Say which districts slowed down: `slowing` is cached.slowing_districts(...)."""
    if slowing.empty:
        return
    shown = slowing.head(SLOWING_SHOWN)
    names = ", ".join(
        f"{name} ({t.percent(change - 1, 0)})"
        for name, change in zip(shown["district_name"], shown["pace_change"], strict=True)
    )
    hidden = len(slowing) - len(shown)
    more = t("slowing.more", count=hidden) if hidden > 0 else ""
    st.warning(t("slowing.warning", count=len(slowing), names=names, more=more))


def require_store(needs_reports: bool = True) -> None:
    """Stop the page with the store's message when the database cannot be opened, or (when
    `needs_reports`) when it holds no report yet: a store whose sample was removed is empty
    until its first real report, and the boundaries can be loaded before that."""
    try:
        cached.engine()
        cached.refresh_if_changed()
        if needs_reports and not cached.report_dates():
            st.info(lang.current()("notice.store_empty"))
            st.stop()
    except DataFileError as problem:
        st.error(lang.current().render(problem.message))
        st.stop()


def synthetic_notice() -> None:
    """Say so when the store holds the generated sample, or the whole dataset is generated."""
    if cached.synthetic_units():
        st.warning(lang.current()(SYNTHETIC_UNITS_NOTE), icon=":material/science:")
    elif cached.synthetic():
        st.warning(lang.current()(SYNTHETIC_NOTE), icon=":material/science:")


def compact_notices(t: Translator, boundaries: cached.BoundarySource) -> None:
    """The synthetic / approximate notices as one caption line, for one-screen views."""
    if cached.synthetic_units():
        st.caption(t(SYNTHETIC_UNITS_NOTE))
        return
    notes = [t(SYNTHETIC_NOTE)] if cached.synthetic() else []
    if boundaries.approximate:
        notes.append(t(APPROXIMATE_NOTE))
    if notes:
        st.caption(" · ".join(notes))


def data_notice_texts(boundaries: cached.BoundarySource) -> list[tuple[str, str]]:
    """The data notices as (kind, Markdown text): "warning" when the data is synthetic,
    "info" when the commune map is approximate, else a "caption" naming its source."""
    t = lang.current()
    notices = []
    if cached.synthetic_units():
        notices.append(("warning", t(SYNTHETIC_UNITS_NOTE)))
        if boundaries.approximate:
            return notices  # the synthetic-dataset notice already says the shapes are generated
    elif cached.synthetic():
        notices.append(("warning", t(SYNTHETIC_NOTE)))
    if boundaries.approximate:
        notices.append(("info", f"{t(APPROXIMATE_NOTE)} {t(UPLOAD_HINT)}"))
    else:
        notices.append(("caption", t("notice.boundary_source", name=plain(boundaries.source_name))))
    return notices
