"""Where the data comes from, its licences and its limits."""

import streamlit as st

from loaders import sources
from ui import cached, widgets
from ui.shell import lang

# Per source of the real (Hanoi) dataset (geodata/SOURCES.toml): message keys of its data,
# origin, licence and note.
TEXTS = {
    "units": (
        "sources.units.data",
        "sources.units.source",
        "sourcelist.licence.units",
        "sources.units.note",
    ),
    "population": (
        "sources.population.data",
        "sources.population.source",
        "sourcelist.licence.population",
        "sources.population.note",
    ),
    "districts": (
        "sources.districts.data",
        "sources.districts.source",
        "sourcelist.licence.districts",
        "sources.districts.note",
    ),
    "points": (
        "sources.points.data",
        "sources.points.source",
        "sourcelist.licence.points",
        "sources.points.note",
    ),
}
LABELS = ("sources.column.source", "sourcelist.label.licence", "sources.column.note")

t = lang.current()
st.title(t("sources.title"))
if cached.synthetic_units():
    # A generated dataset has no outside source: say what made it, not Hanoi's sources.
    st.markdown(t(widgets.SYNTHETIC_UNITS_NOTE))
    st.markdown(t("sources.generated"))
else:
    st.caption(t("sourcelist.intro"))
    # One block per source, not a wide table: it reads on a phone as on a projector.
    for source in sources.sources():
        data, *facts = TEXTS[source.id]
        lines = [
            t("sourcelist.field", label=t(label), value=t(fact))
            for label, fact in zip(LABELS, facts, strict=True)
        ]
        lines.insert(2, t("sourcelist.cite", text=source.attribution))
        file = f"`geodata/{source.file}` ({t('sourcelist.rows', rows=t.number(source.rows))})"
        lines.append(t("sourcelist.field", label=t("sourcelist.label.file"), value=file))
        with st.container(border=True):
            heading = t("sourcelist.field", label=t("sources.column.data"), value=t(data))
            st.markdown(f"**{heading}**")
            st.markdown("  \n".join(lines))
    st.subheader(t("sources.default_map"))
    st.markdown(t(widgets.APPROXIMATE_NOTE))
    st.subheader(t("sources.issuance"))
    st.markdown(t(widgets.SYNTHETIC_NOTE))
st.markdown(t("sources.targets"))
