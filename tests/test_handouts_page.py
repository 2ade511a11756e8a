"""ui.handouts: the deck and the map file built from the pages' cached figures, and the two
buttons as a page draws them."""

import io
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from ui import handouts

AS_OF = date(2023, 5, 29)
APP = Path(__file__).resolve().parent / "apps" / "handouts_app.py"


@pytest.fixture(autouse=True)
def fresh_store(app_store):
    """Each test gets its own SQLite store, seeded with the sample on first use."""


def test_deck_from_the_cache_is_in_the_language_asked():
    deck = Presentation(io.BytesIO(handouts.deck_bytes("en", AS_OF)))
    first = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Hanoi" in first and "Data up to 29/05/2023" in first
    assert deck.slides[1].shapes.title.text == "CCCD card delivery – Hanoi"


def test_map_file_from_the_cache_is_one_page():
    page = handouts.map_file_bytes("fr", AS_OF).decode("utf-8")
    assert '<html lang="fr">' in page and "Hanoï" in page and "Données au 29/05/2023" in page


@pytest.mark.parametrize(
    "language, labels",
    [
        ("vi", ["Trình chiếu (PowerPoint)", "Bản đồ dạng tệp (HTML)"]),
        ("en", ["Slides (PowerPoint)", "Map as a file (HTML)"]),
        ("fr", ["Diaporama (PowerPoint)", "Carte en un seul fichier (HTML)"]),
    ],
)
def test_page_draws_two_buttons_in_its_language(language, labels):
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["lang"] = language
    app.run()
    assert not app.exception
    buttons = app.get("download_button")
    assert [button.proto.label for button in buttons] == labels


@pytest.mark.parametrize(
    "provinces, districts, expected",
    [
        ({"01": "Hà Nội"}, {"001": "01", "002": "01"}, {}),  # a city: no groups
        (
            {"01": "Tỉnh A", "02": "Tỉnh B"},
            {"001": "01", "101": "02"},
            {"001": "Tỉnh A", "101": "Tỉnh B"},
        ),
    ],
)
def test_a_countrys_districts_carry_their_province(monkeypatch, provinces, districts, expected):
    monkeypatch.setattr(handouts.cached, "province_names", lambda: provinces)
    monkeypatch.setattr(handouts.cached, "province_of_district", lambda: districts)
    assert handouts._district_provinces() == expected
