"""The districts page's chart title is page text above the chart, not a Vega title: Vega cut a
title wider than its chart with "…" ("Quận Ba Đình : cartes remises, cumul et pré…" on a 390 px
phone). Headless (AppTest), in vi, en and fr."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")

TITLES = {
    "vi": "Quận Hà Đông: thẻ đã trả lũy kế và dự kiến",
    "en": "Quận Hà Đông: cards delivered, cumulative and projected",
    "fr": "Quận Hà Đông : cartes remises, cumul et prévision",
}


@pytest.fixture(autouse=True)
def fresh_store(app_store):
    """Each test gets its own SQLite store, seeded with the sample on first use."""


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_the_charts_title_is_page_text_that_wraps(language):
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = language
    app.run()
    app.switch_page("pages/districts.py")
    app.run()
    app.selectbox(key="detail_district").select("268").run()
    assert not app.exception, app.exception
    shown = [md.value.replace("\\", "") for md in app.markdown]  # plain() escapes ':'
    assert f"**{TITLES[language]}**" in shown
    (chart,) = app.get("vega_lite_chart")
    assert not json.loads(chart.proto.spec).get("title")
