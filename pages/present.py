"""Presenter mode: full screen, large type, a keyboard-driven tour of the districts behind.

The tour runs in the browser (ui.present, cccd.tour_page): a step is drawn there, not by a
rerun of this page, and the tour keeps going when the server goes away mid-meeting.
"""

import streamlit as st

from ui import cached, widgets
from ui import present as present_widgets
from ui.shell import lang

t = lang.current()
widgets.require_store()
as_of = cached.report_dates()[-1]
st.html(present_widgets.presenter_css())
present_widgets.tour(present_widgets.tour_page_html(t.language, as_of))
present_widgets.take_away(t, as_of)
