"""Where the data comes from, its licences and its limits."""

import streamlit as st

from loaders import sources
from ui import cached, widgets
from ui.shell import lang

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
        with st.container(border=True):
            st.markdown(f"**{t(f'sources.{source.id}.data')}**")
            st.markdown(
                "  \n".join(
                    [
                        f"{t('sourcelist.label.source')} {t(f'sources.{source.id}.source')}",
                        f"{t('sourcelist.label.licence')} {t(f'sourcelist.licence.{source.id}')}",
                        t("sourcelist.cite", text=source.attribution),
                        f"{t('sourcelist.label.file')} `geodata/{source.file}` "
                        f"({t('sourcelist.rows', rows=t.number(source.rows))})",
                        f"{t('sourcelist.label.note')} {t(f'sources.{source.id}.note')}",
                    ]
                )
            )
    st.subheader(t("sources.default_map"))
    st.markdown(t(widgets.APPROXIMATE_NOTE))
    st.subheader(t("sources.issuance"))
    st.markdown(t(widgets.SYNTHETIC_NOTE))
st.markdown(t("sources.targets"))
