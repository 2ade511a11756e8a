"""Where the data comes from, its licences and its limits."""

import pandas as pd
import streamlit as st

from ui import cached, widgets
from ui.shell import lang

t = lang.current()
st.title(t("sources.title"))
# One row per source of the real (Hanoi) dataset: message keys of its data, origin and note.
SOURCES = [
    ("sources.units.data", "sources.units.source", "sources.units.note"),
    ("sources.population.data", "sources.population.source", "sources.population.note"),
    ("sources.districts.data", "sources.districts.source", "sources.districts.note"),
    ("sources.points.data", "sources.points.source", "sources.points.note"),
]
COLUMNS = ["sources.column.data", "sources.column.source", "sources.column.note"]
if cached.synthetic_units():
    # A generated dataset has no outside source: say what made it, not Hanoi's sources.
    st.markdown(t(widgets.SYNTHETIC_UNITS_NOTE))
    st.markdown(t("sources.generated"))
else:
    st.table(
        pd.DataFrame(
            [[t(key) for key in row] for row in SOURCES], columns=[t(key) for key in COLUMNS]
        ),
        hide_index=True,
    )
    st.subheader(t("sources.default_map"))
    st.markdown(t(widgets.APPROXIMATE_NOTE))
    st.subheader(t("sources.issuance"))
    st.markdown(t(widgets.SYNTHETIC_NOTE))
st.markdown(t("sources.targets"))
