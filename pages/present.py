"""Presenter mode: full screen, large type, a keyboard-driven tour of the districts behind."""

import time

import streamlit as st

from cccd import mapview, tour
from cccd.progress import city_summary
from ui import cached, widgets
from ui import map as map_widgets
from ui import present as present_widgets
from ui.shell import lang

TIMERS = [None, 10, 20, 30, 60]

t = lang.current()
widgets.require_store()
dates = cached.report_dates()
as_of = dates[-1]
districts = cached.projections(as_of)
steps = tour.tour_steps(
    districts, t("control.country" if len(cached.province_names()) > 1 else "present.city")
)
step = st.session_state.setdefault("tour_step", 0) % len(steps)
stop = steps[step]
dark = st.session_state.get("present_dark", False)
st.html(present_widgets.presenter_css(dark))

# Room for the buttons' labels with their key hints (fr "Pause/lecture  Space") from 1280 px.
controls = st.columns([1.3, 1.6, 1.3, 1.8, 1.2, 0.8], vertical_alignment="center")
controls[0].button(
    t("present.prev"), shortcut="Left", on_click=present_widgets.tour_move, args=(len(steps), False)
)
controls[1].button(t("present.pause"), shortcut="Space", on_click=present_widgets.tour_toggle)
controls[2].button(
    t("present.next"), shortcut="Right", on_click=present_widgets.tour_move, args=(len(steps), True)
)
timer = controls[3].selectbox(
    t("present.timer"),
    TIMERS,
    format_func=lambda s: (
        t("present.timer_off") if s is None else t("present.timer_seconds", seconds=s)
    ),
    key="tour_timer",
    label_visibility="collapsed",
)
controls[4].toggle(t("present.dark"), key="present_dark")
controls[5].page_link("pages/map.py", label=t("present.exit"))


@st.fragment(run_every=timer if timer and st.session_state.get("tour_playing", True) else None)
def auto_advance() -> None:
    """Every `timer` seconds, move to the next stop (the first run only starts the clock)."""
    now = time.monotonic()
    started = st.session_state.setdefault("tour_tick", now)
    if timer and now - started >= timer:
        st.session_state["tour_tick"] = now
        present_widgets.tour_move(len(steps), True)
        st.rerun(scope="app")


auto_advance()

st.title(stop.title)
deadline = t.day(cached.campaign().deadline)
st.caption(t("present.step", step=step + 1, steps=len(steps), date=t.day(as_of), deadline=deadline))
communes = cached.commune_progress(as_of)
map_col, side_col = st.columns([3, 2])
with map_col:
    center, zoom = map_widgets.map_view(cached.map_extents(), stop.district_code)
    map_widgets.commune_map(
        t,
        as_of,
        "delivered",
        mapview.LayerView(stop.district_code),
        key="present_map",
        height=700,
        center=center,
        zoom=zoom,
    )
with side_col:
    if stop.district_code is None:
        city = city_summary(communes, as_of)
        measure = t("noun.delivered")
        st.metric(widgets.completion_label(t, measure), t.percent(city.completion))
        st.metric(
            t("metric.communes_at_target"), t.fraction(city.communes_at_target, city.communes)
        )
        st.metric(
            t("metric.districts_finished"), t.fraction(city.districts_finished, city.districts)
        )
        st.metric(t("present.districts_behind"), len(steps) - 2)
    else:
        row = districts.set_index("district_code").loc[stop.district_code]
        st.metric(t("present.completion"), t.percent(row["completion"]))
        st.metric(t("present.finish"), t.day(row["finish"]))
        unfinished = tour.unfinished_communes(
            cached.projections(as_of, level="commune"), stop.district_code, limit=8
        )
        st.markdown(f"**{t('present.unfinished')}**")
        for _, commune in unfinished.iterrows():
            line = t(
                "present.commune_line",
                name=commune["commune_name"],
                percent=t.percent(commune["completion"], 0),
                remaining=t.number(commune["remaining"]),
            )
            st.markdown(line)
