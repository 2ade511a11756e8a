"""The map page sends its map first (issue 18): the view it plans before drawing the controls is
the view the controls then give (AppTest), and in a browser the rest of the page follows the
map, or comes anyway when the map never reports that it is drawn."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from browser_support import block_remote_requests, drawn_map

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DEEP_LINKS = [
    {},
    {"date": "2023-05-22", "metric": "activated", "district": "268", "mode": "remaining"},
    {"district": "003"},
    {"date": "1999-01-01", "metric": "cards", "district": "999", "mode": "dots"},  # all ignored
]


def planned_then_chosen() -> None:
    """A page that plans the view as the map page's first run does, then draws the controls."""
    import streamlit as st

    from ui import cached
    from ui import map as map_widgets

    dates, names = cached.report_dates(), cached.district_names()
    st.session_state["planned"] = map_widgets.planned_controls(dates, names)
    with st.sidebar:
        st.session_state["chosen"] = map_widgets.map_controls(dates, names)


@pytest.mark.parametrize("link", DEEP_LINKS, ids=["none", "full", "district", "bad values"])
def test_the_planned_view_is_the_view_the_controls_give(app_store, link):
    app = AppTest.from_function(planned_then_chosen, default_timeout=60)
    for name, value in link.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception
    assert app.session_state["planned"] == app.session_state["chosen"]
    if link.get("date") == "2023-05-22":
        assert app.session_state["planned"].as_of == date(2023, 5, 22)
        assert app.session_state["planned"].district_code == "268"


@pytest.mark.browser
@pytest.mark.parametrize("map_reports", [True, False], ids=["map reports", "map frame blocked"])
def test_the_rest_of_the_page_follows_the_map(page, app_url, map_reports):
    block_remote_requests(page)
    if not map_reports:
        # No component page: the map never draws, so it never reports; the rest comes anyway.
        page.route("**/component/streamlit_folium*/**", lambda route: route.abort())
    page.goto(f"{app_url}/map?lang=en")
    frame = page.locator(MAP_FRAME)
    if map_reports:
        drawn_map(page, 579, timeout=90_000)
        drawn_at = frame.bounding_box()["y"]
    page.get_by_text("Report date").first.wait_for(timeout=60_000)
    page.get_by_role("heading", name="Districts: progress and projected finish").wait_for()
    # The language picker comes with the rest, at the top of the sidebar.
    picker = page.locator('[data-testid="stSidebarUserContent"] [data-testid="stSelectbox"]')
    assert picker.first.inner_text().startswith("Language")
    if map_reports:
        # The title, notices and figures came with the map: what follows it does not move it.
        assert abs(frame.bounding_box()["y"] - drawn_at) <= 2
    assert page.locator(".cccd-head .value").count() == 4
    assert not page.locator('[data-testid="stException"]').count()
