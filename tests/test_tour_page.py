"""The tour page (cccd.tour_page): its steps, figures and texts in vi, en and fr, names as text,
no request to the network; and in headless Chromium from file://, a name with markup shown as
text."""

import json
import re
from dataclasses import replace

import pytest
from helpers_handouts import LANGUAGES, MARKUP_NAME, hanoi, with_markup_name

from cccd import tour, tour_page
from cccd.html_map import LeafletAssets
from loaders import handouts
from loaders.catalogue import translator

CITY = {"vi": "Toàn thành phố", "en": "The whole city", "fr": "Toute la ville"}


def _page(language: str, data=None, assets=None) -> str:
    return tour_page.tour_html(
        translator(language, strict=True), data or hanoi(), assets or handouts.leaflet_assets()
    )


def _data_of(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="tour-data">(.*?)</script>', page)
    return json.loads(found.group(1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_steps_are_the_tour_city_districts_behind_city(language):
    data = hanoi()
    steps = tour_page.tour_steps(translator(language, strict=True), data)
    expected = tour.tour_steps(data.districts, CITY[language])
    assert [step["d"] for step in steps] == [step.district_code or "" for step in expected]
    assert [step["title"] for step in steps] == [step.title for step in expected]
    assert steps[0]["title"] == steps[-1]["title"] == CITY[language]
    assert all(f"{n} / {len(steps)}" in step["caption"] for n, step in enumerate(steps, 1))


@pytest.mark.parametrize(
    "language, city_figures, district_figures",
    [
        ("vi", ["0 / 579", "0 / 30", "12"], ["Hoàn thành", "Dự kiến hoàn thành"]),
        ("en", ["0 / 579", "0 / 30", "12"], ["Completion", "Projected finish"]),
        ("fr", ["0 / 579", "0 / 30", "12"], ["Avancement", "Fin prévue"]),
    ],
)
def test_each_step_carries_the_figures_the_page_showed(language, city_figures, district_figures):
    steps = tour_page.tour_steps(translator(language, strict=True), hanoi())
    assert [value for _, value in steps[0]["figures"][1:]] == city_figures
    assert len(steps[0]["figures"]) == 4 and steps[0]["lines"] == []
    worst = steps[1]
    assert [label for label, _ in worst["figures"]] == district_figures
    assert worst["d"] == "268" and len(worst["lines"]) == 6
    assert all(line.startswith(("Phường", "Xã", "Thị trấn")) for line in worst["lines"])


def test_the_page_carries_every_commune_once_and_asks_nothing_of_the_network():
    data = _data_of(_page("en"))
    assert len(data["communes"]) == 579
    assert len({commune["c"] for commune in data["communes"]}) == 579
    # Leaflet is inlined (its own text names its web site); around it, no address at all.
    page = _page("en", assets=LeafletAssets(script="", style=""))
    assert re.search(r"""(src|href)=["']?(https?:)?//""", page) is None
    assert "<script src" not in page and "<link" not in page
    assert "Server unreachable — figures as of {time}" in data["texts"]["offline"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_state_texts_are_in_the_language_with_the_seconds_left_to_the_script(language):
    texts = _data_of(_page(language))["texts"]
    assert "{seconds}" in texts["playing"]
    assert str(tour.DEFAULT_TIMER) in texts["action_manual"]
    assert set(texts) >= {"manual", "paused", "action_playing", "action_paused"}


def test_names_with_markup_travel_as_text():
    data = with_markup_name(hanoi())
    districts = data.projections["delivered"].copy()
    districts.loc[districts["district_code"] == "268", "district_name"] = MARKUP_NAME
    data = replace(data, projections={**data.projections, "delivered": districts})
    page = _page("vi", data)
    assert "<b>tags</b>" not in page and "<script>alert" not in page
    steps = _data_of(page)["steps"]
    assert MARKUP_NAME in [step["title"] for step in steps]


@pytest.mark.browser
def test_a_district_named_with_markup_shows_as_text_in_the_browser(browser, tmp_path):
    districts = hanoi().projections["delivered"].copy()
    districts.loc[districts["district_code"] == "268", "district_name"] = MARKUP_NAME
    data = replace(hanoi(), projections={**hanoi().projections, "delivered": districts})
    path = tmp_path / "tour.html"
    path.write_text(_page("en", data), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(dialog.message))
    page.goto(path.as_uri())
    page.wait_for_function("document.body.dataset.drawn >= 1")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.body.dataset.drawn >= 2")
    assert page.locator("#title").inner_text() == MARKUP_NAME
    assert page.locator("#title b").count() == 0
    assert not errors, errors
    page.close()
