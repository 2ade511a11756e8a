"""Presenter mode: the tour as one page that runs in the browser, framed to fill the window.

Every step (city, districts behind, city) is in the page the browser gets (cccd.tour_page),
so ← → Space, the buttons and the timer draw steps with no server round trip, and the tour
goes on if the server goes away. Streamlit keeps what needs the server: the handouts' downloads
and the way out to the map page, under the tour (the tour's own links lead to them).
"""

from datetime import date

import streamlit as st

from cccd import tour_page
from cccd.i18n import Translator
from loaders import handouts as handout_files
from ui import handouts
from ui.shell import lang

# The frame is sized by the style below (the window's height), not by this first guess.
FRAME_PX = 720
_LIGHT = {"bg": "#ffffff", "fg": "#111111", "field": "#ffffff"}
_DARK = {"bg": "#101418", "fg": "#f5f5f5", "field": "#1c232b"}


@st.cache_data(show_spinner=False, max_entries=6)
def tour_page_html(language: str, as_of: date) -> str:
    """The tour of `as_of` in `language` (cached per language and date)."""
    return tour_page.tour_html(
        lang.translator(language),
        handouts.handout_data(language, as_of),
        handout_files.leaflet_assets(),
    )


def tour(page: str) -> None:
    """The tour's frame, as tall as the window."""
    with st.container(key="present_tour"):
        st.iframe(page, height=FRAME_PX)


def take_away(t: Translator, as_of: date) -> None:
    """Under the tour: the slide deck and the HTML map to download, and the way out."""
    with st.container(key="present_handouts"):
        st.caption(t("tour_page.take_away"))
        handouts.handout_downloads(t, as_of, key="present_handout")
        st.page_link("pages/map.py", label=t("present.exit"))


def presenter_css() -> str:
    """Hide the sidebar, the toolbar and the connection-error box; the tour's frame fills the
    window from its top edge;
    the page around it follows the tour's dark mode (the tour sets html.cccd-dark)."""
    light, dark = _LIGHT, _DARK
    return f"""<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
    [data-testid="stHeader"], [data-testid="stToolbar"] {{ display: none; }}
    /* Streamlit's "Connection error" box would cover the map while the tour goes on; the
       tour says it itself, in the reader's language (presenter mode opens no other dialog). */
    [data-testid="stDialog"] {{ display: none !important; }}
    .block-container {{ padding: 0 !important; max-width: 100%; }}
    :has(> .st-key-present_tour), .st-key-present_tour, .st-key-present_tour > div,
    .st-key-present_tour iframe {{
        height: 100vh !important; }}
    .st-key-present_tour iframe {{ display: block; border: 0; }}
    .st-key-present_handouts {{ padding: 12px 16px 24px; }}
    .stApp, [data-testid="stMain"] {{ background: {light["bg"]}; color: {light["fg"]}; }}
    html.cccd-dark .stApp, html.cccd-dark [data-testid="stMain"] {{
        background: {dark["bg"]}; color: {dark["fg"]}; }}
    html.cccd-dark .st-key-present_handouts p, html.cccd-dark .st-key-present_handouts a *,
    html.cccd-dark .st-key-present_handouts button * {{ color: {dark["fg"]} !important; }}
    html.cccd-dark .st-key-present_handouts button {{
        background: {dark["field"]} !important; }}
    </style>"""
