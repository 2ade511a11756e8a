"""Presenter mode helpers: the tour's buttons and clock, the full-screen, high-contrast style."""

import json

import streamlit as st

from cccd.i18n import Translator
from cccd.tour import DEFAULT_TIMER, TourClock, step_after

_LIGHT = {"bg": "#ffffff", "fg": "#111111", "muted": "#333333", "field": "#ffffff"}
_DARK = {"bg": "#101418", "fg": "#f5f5f5", "muted": "#d0d0d0", "field": "#1c232b"}
TIMERS = [None, 10, 20, 30, 60]
TIMER_KEY = "tour_timer"
PLAYING_KEY = "tour_playing"
# What Space does next, as the play/pause button says it (the state line says where it stands).
ACTION_KEYS = {
    "playing": "present.action.pause",
    "paused": "present.action.play",
    "manual": "present.action.start",
}
STATE_KEYS = {
    "playing": "present.state.playing",
    "paused": "present.state.paused",
    "manual": "present.state.manual",
}


def clock() -> TourClock:
    """The tour's clock as the session holds it (timer select and play state)."""
    return TourClock(st.session_state.get(TIMER_KEY), st.session_state.get(PLAYING_KEY, True))


def tour_move(count: int, forward: bool) -> None:
    """Button callback (also keys ← →): the previous or next stop; restarts the timer."""
    st.session_state["tour_step"] = step_after(st.session_state.get("tour_step", 0), count, forward)
    st.session_state.pop("tour_tick", None)


def tour_space() -> None:
    """Button callback (also Space): pause, resume, or start the default timer (TourClock)."""
    after = clock().after_space()
    st.session_state[TIMER_KEY] = after.timer
    st.session_state[PLAYING_KEY] = after.playing
    st.session_state.pop("tour_tick", None)


def timer_chosen() -> None:
    """Timer select callback: a timer chosen plays at once (never inherits an earlier pause)."""
    st.session_state[PLAYING_KEY] = True
    st.session_state.pop("tour_tick", None)


def state_text(t: Translator, tour: TourClock, seconds_left: int | None) -> str:
    """The tour's state for the state line: ▶ and the seconds left, ⏸, or how to start."""
    seconds = seconds_left if tour.state == "playing" else (tour.timer or DEFAULT_TIMER)
    return t(STATE_KEYS[tour.state], seconds=seconds)


def action_label(t: Translator, tour: TourClock) -> str:
    """The play/pause button's label: what Space will do."""
    return t(ACTION_KEYS[tour.state], seconds=DEFAULT_TIMER)


def controls(t: Translator, count: int) -> None:
    """Play/pause (Space), ◀ ▶ (keys ← →), the timer, dark mode and the way out."""
    st.button(action_label(t, clock()), shortcut="Space", on_click=tour_space, width="stretch")
    back, forward = st.columns(2)
    back.button(
        t("present.prev"),
        shortcut="Left",
        on_click=tour_move,
        args=(count, False),
        width="stretch",
    )
    forward.button(
        t("present.next"), shortcut="Right", on_click=tour_move, args=(count, True), width="stretch"
    )
    st.selectbox(
        t("present.timer"),
        TIMERS,
        format_func=lambda s: (
            t("present.timer_off") if s is None else t("present.timer_seconds", seconds=s)
        ),
        key=TIMER_KEY,
        on_change=timer_chosen,
    )
    dark, leave = st.columns(2, vertical_alignment="center")
    dark.toggle(t("present.dark"), key="present_dark")
    leave.page_link("pages/map.py", label=t("present.exit"))


def presenter_css(t: Translator, dark: bool) -> str:
    """Hide the sidebar and toolbar, use the whole window, enlarge type, light or dark high
    contrast (selects and their menus too), and the Space key's hint in t's language."""
    c = _DARK if dark else _LIGHT
    space = json.dumps(t("present.key.space"), ensure_ascii=False).replace("<", "\\3C ")
    return f"""<style>
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
    [data-testid="stHeader"], [data-testid="stToolbar"] {{ display: none; }}
    .stApp, [data-testid="stMain"] {{ background: {c["bg"]}; color: {c["fg"]}; }}
    .stApp p, .stApp li, .stApp label, [data-testid="stMarkdownContainer"] {{
        color: {c["fg"]}; font-size: 1.4rem; }}
    h1 {{ font-size: 2.6rem !important; line-height: 1.15 !important; padding: 0 !important;
        color: {c["fg"]} !important; }}
    [data-testid="stMetricLabel"] * {{ font-size: 1.45rem !important; color: {c["muted"]}; }}
    [data-testid="stMetricValue"] * {{ font-size: 3.2rem !important; color: {c["fg"]}; }}
    [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{
        font-size: 1.15rem !important; color: {c["muted"]} !important; }}
    .block-container {{ padding: 0.5rem 1rem !important; max-width: 100%; }}
    .st-key-tour_state p {{ font-size: 1.6rem !important; font-weight: 600; }}
    .stButton button, .st-key-tour_timer [role="group"], [data-testid="stPageLink"] a {{
        background: {c["field"]} !important; color: {c["fg"]};
        border: 2px solid {c["muted"]}; }}
    .stButton button p, .st-key-tour_timer input, .st-key-tour_timer svg,
    [data-testid="stPageLink"] * {{ color: {c["fg"]} !important; fill: {c["fg"]}; }}
    .st-key-tour_timer input {{ background: transparent !important; }}
    [role="listbox"], [role="listbox"] [role="option"] {{
        background: {c["field"]} !important; color: {c["fg"]} !important; }}
    kbd[aria-label="Shortcut Space"] {{ font-size: 0 !important; }}
    kbd[aria-label="Shortcut Space"]::after {{ content: {space}; font-size: 0.75rem; }}
    .cccd-map-legend, .cccd-map-legend * {{ color: {c["fg"]}; font-size: 1.05rem; }}
    </style>"""


def legend_background(dark: bool) -> str:
    """The legend box's background over the map, in the presenter's contrast mode."""
    return "rgba(16,20,24,.9)" if dark else "rgba(255,255,255,.92)"
