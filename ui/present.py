"""Presenter mode helpers: the tour's step buttons and the full-screen, high-contrast style."""

import streamlit as st

from cccd.tour import step_after

_LIGHT = {"bg": "#ffffff", "fg": "#111111", "muted": "#333333"}
_DARK = {"bg": "#101418", "fg": "#f5f5f5", "muted": "#d0d0d0"}


def tour_move(count: int, forward: bool) -> None:
    """Button callback (also keys ← →): the previous or next stop; restarts the timer."""
    st.session_state["tour_step"] = step_after(st.session_state.get("tour_step", 0), count, forward)
    st.session_state.pop("tour_tick", None)


def tour_toggle() -> None:
    """Button callback (also Space): pause or resume the automatic tour."""
    st.session_state["tour_playing"] = not st.session_state.get("tour_playing", True)
    st.session_state.pop("tour_tick", None)


def presenter_css(dark: bool) -> str:
    """Hide the sidebar and toolbar, enlarge type, light or dark high contrast."""
    colours = _DARK if dark else _LIGHT
    return f"""<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
    [data-testid="stHeader"], [data-testid="stToolbar"] {{ display: none; }}
    .stApp, [data-testid="stMain"] {{ background: {colours["bg"]}; color: {colours["fg"]}; }}
    .stApp p, .stApp li, .stApp label, [data-testid="stMarkdownContainer"] {{
        color: {colours["fg"]}; font-size: 1.35rem; }}
    h1 {{ font-size: 3.2rem !important; color: {colours["fg"]} !important; }}
    [data-testid="stMetricLabel"] * {{ font-size: 1.5rem !important; color: {colours["muted"]}; }}
    [data-testid="stMetricValue"] * {{ font-size: 3.2rem !important; color: {colours["fg"]}; }}
    [data-testid="stCaptionContainer"] {{ font-size: 1.2rem; color: {colours["muted"]}; }}
    .block-container {{ padding-top: 1rem; max-width: 100%; }}
    .stButton button, [data-baseweb="select"] > div, [data-testid="stPageLink"] a {{
        background: {colours["bg"]}; color: {colours["fg"]};
        border: 2px solid {colours["muted"]}; }}
    .stButton button p, [data-baseweb="select"] *, [data-testid="stPageLink"] * {{
        color: {colours["fg"]} !important; }}
    </style>"""
