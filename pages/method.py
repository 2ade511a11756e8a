"""How the figures and projections are made, in plain words, with their limits."""

import streamlit as st

from ui import cached, widgets
from ui.shell import lang

t = lang.current()
st.title(t("method.title"))
st.markdown(t("method.body", deadline=t.day(cached.campaign().deadline)))
st.subheader(t("method.data_heading"))
st.markdown(t(widgets.SYNTHETIC_NOTE))
st.markdown(t(widgets.APPROXIMATE_NOTE))
