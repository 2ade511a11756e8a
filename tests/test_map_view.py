"""The map page's view and details, headless (AppTest): clearing a search gives back the view
it replaced; the "at target" mark needs no emoji font."""

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cccd import commune_status
from loaders import catalogue

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def fresh_store(app_store):
    """Each test gets its own SQLite store, seeded with the sample on first use."""


def map_page(language: str = "vi") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = language
    app.run()
    app.switch_page("pages/map.py")
    app.run()
    assert not app.exception, app.exception
    return app


def view(app: AppTest) -> tuple:
    """The centre and zoom the page asks the map for."""
    component = next(el for el in app.main if type(el).__name__ == "UnknownElement")
    args = json.loads(component.proto.json_args)
    return tuple(args["center"]), args["zoom"]


def search(app: AppTest, text: str) -> None:
    app.sidebar.text_input(key="search").input(text).run()
    assert not app.exception, app.exception


@pytest.mark.parametrize("district", [None, "003"], ids=["whole city", "a district"])
def test_clearing_the_search_restores_the_view_it_replaced(district):
    app = map_page()
    if district:
        app.sidebar.selectbox(key="district").select(district).run()
    before = view(app)
    search(app, "phuc xa")
    assert view(app)[1] == 13.0 and view(app) != before  # zoomed on Phúc Xá
    search(app, "")
    assert view(app) == before
    assert app.session_state["selected_commune"] == "00001"  # still the one picked


def test_whole_city_after_a_search_shows_the_city():
    app = map_page()
    city = view(app)
    app.sidebar.selectbox(key="district").select("001").run()
    search(app, "phuc xa")
    search(app, "")
    app.sidebar.selectbox(key="district").select(None).run()
    assert view(app) == city


def _details_html(app: AppTest) -> str:
    return "\n".join(
        el.proto.body for el in app.get("html") if "cccd-commune-status" in el.proto.body
    )


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_at_target_mark_is_drawn_not_an_emoji(language):
    app = map_page(language)
    app.session_state["selected_commune"] = "00061"  # Hàng Bạc is at target in the sample
    app.run()
    details = _details_html(app)
    assert 'class="cccd-at-target"' in details
    assert not commune_status.EMOJI.search(details)
    texts = [md.value for md in app.markdown] + [c.value for c in app.caption]
    assert not [text for text in texts if commune_status.EMOJI.search(text)]


@pytest.mark.parametrize(
    "at_target, language, expected, mark",
    [
        (True, "vi", "Đạt chỉ tiêu · báo cáo ngày 29/05/2023", True),
        (True, "en", "At target · report of 29/05/2023", True),
        (True, "fr", "Objectif atteint", True),
        (False, "en", "Not yet at target · report of 29/05/2023", False),
    ],
)
def test_status_line(at_target, language, expected, mark):
    t = catalogue.translator(language, strict=True)
    line = commune_status.status_html(t, at_target, date(2023, 5, 29))
    assert expected in line
    assert ("cccd-at-target" in line) is mark
    assert not commune_status.EMOJI.search(line)


@pytest.mark.parametrize(
    "text, expected",
    [("✅ At target", "At target"), ("Đạt ✔\ufe0f", "Đạt"), ("🎉 xong", "xong"), ("Xá", "Xá")],
)
def test_without_emoji(text, expected):
    assert commune_status.without_emoji(text) == expected
