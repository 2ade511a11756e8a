"""Presenter mode: full screen, large type, a keyboard-driven tour of the districts behind."""

import time

import streamlit as st

from cccd import mapview, tour
from cccd.legend import legend_html
from cccd.progress import city_summary
from ui import cached, handouts, screen_fit, widgets
from ui import map as map_widgets
from ui import present as present_widgets
from ui.shell import lang

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
st.html(present_widgets.presenter_css(t, dark))
tour_clock = present_widgets.clock()


@st.fragment(run_every=1 if tour_clock.running else None)
def tour_state() -> None:
    """The state line (▶ seconds left / ⏸ / how to start), ticking each second; moves to the
    next stop when the time is up (the first run only starts the clock)."""
    now = time.monotonic()
    clock = present_widgets.clock()
    left = clock.seconds_left(now - st.session_state.setdefault("tour_tick", now))
    if left == 0:
        st.session_state["tour_tick"] = now
        present_widgets.tour_move(len(steps), True)
        st.rerun(scope="app")
    with st.container(key="tour_state"):
        st.markdown(present_widgets.state_text(t, clock, left))


# The map takes three quarters of the width and the window's height (≥ 70 % of a 1920×1080 or
# 1366×768 window); the figures, in large type, and the controls stand beside it.
map_col, side_col = st.columns([3, 1], gap="small")
communes = cached.commune_progress(as_of)
with map_col:
    box = screen_fit.map_box("present_window", bottom_px=8)
    if box is not None:  # the first run, before the browser reports the window, draws no map
        shapes = cached.map_extents()
        if stop.district_code is not None:
            shapes = shapes[shapes["district_code"] == stop.district_code]
        center, zoom = screen_fit.view_beside_legend(mapview.bounds_of(shapes), box)
        map_widgets.commune_map(
            t,
            as_of,
            "delivered",
            mapview.LayerView(stop.district_code),
            key=f"present_map_{box.width}x{box.height}",
            height=box.height,
            center=center,
            zoom=zoom,
        )
        screen_fit.legend_over_map(legend_html(t), present_widgets.legend_background(dark))
with side_col:
    st.title(stop.title)
    deadline = t.day(cached.campaign().deadline)
    st.caption(
        t("present.step", step=step + 1, steps=len(steps), date=t.day(as_of), deadline=deadline)
    )
    tour_state()
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
            cached.projections(as_of, level="commune"), stop.district_code, limit=6
        )
        st.markdown(f"**{t('present.unfinished')}**")
        lines = [
            t(
                "present.commune_line",
                name=commune["commune_name"],
                percent=t.percent(commune["completion"]),
                remaining=t.number(commune["remaining"]),
            )
            for _, commune in unfinished.iterrows()
        ]
        st.markdown("  \n".join(lines))
    present_widgets.controls(t, len(steps))
    handouts.handout_downloads(t, as_of, key="present_handout")
