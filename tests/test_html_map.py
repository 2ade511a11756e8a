"""The one-file HTML map without a browser: its size, that it asks the network for nothing,
that names with markup stay text, the coordinates' encoding."""

import html
import json
import re
from dataclasses import replace

import pytest
import shapely
from helpers_handouts import LANGUAGES, MARKUP_NAME, hanoi, with_markup_name

from cccd import handout_data, html_map
from loaders import handouts
from loaders.catalogue import translator

HANOI_LIMIT = 1_500_000  # bytes (issue 19)


def _page(language: str, data=None) -> str:
    t = translator(language, strict=True)
    return html_map.map_html(t, data or hanoi(), handouts.leaflet_assets())


@pytest.mark.parametrize("language", LANGUAGES)
def test_hanoi_file_is_small_enough_to_send(language):
    size = len(_page(language).encode("utf-8"))
    assert size <= HANOI_LIMIT, f"{size:,} bytes"


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_loads_nothing_from_anywhere(language):
    page = _page(language)
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)
    # Leaflet's old-IE rule "behavior: url(#default#VML)" names no file.
    assert not re.search(r"url\(\s*['\"]?(?!data:|#default#VML)", page), "a url() not inline"
    assert "@import" not in page
    assert f'<html lang="{language}">' in page


def test_page_is_in_the_chosen_language():
    for language in LANGUAGES:
        t = translator(language, strict=True)
        page = _page(language)
        for key in ("control.district", "control.metric", "map.districts_heading"):
            assert t(key).replace("'", "&#x27;") in page
        assert t("export.as_of", date="25/05/2023") in page
        notes = handout_data.notes(t, hanoi().labels)
        assert len(notes) == 2  # synthetic reports, approximate commune map
        for note in notes:
            assert html.escape(note) in page


def test_names_with_markup_stay_text():
    page = _page("en", with_markup_name(hanoi()))
    assert "<b>tags" not in page and "<script>alert" not in page
    data = json.loads(re.search(r'id="cccd-data">(.*?)</script>', page, re.S).group(1))
    assert MARKUP_NAME in [commune["n"] for commune in data["communes"]]


def test_a_countrys_districts_are_listed_under_their_province():
    codes = hanoi().districts["district_code"].tolist()
    provinces = {code: "Tỉnh A" if i < 10 else "Tỉnh <B>" for i, code in enumerate(codes)}
    page = _page("en", replace(hanoi(), district_provinces=provinces))
    select = re.search(r'<select id="district">(.*?)</select>', page, re.S).group(1)
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    assert [label for label, _ in groups] == ["Tỉnh A", "Tỉnh &lt;B&gt;"]
    values = [re.findall(r'<option value="(\d+)">', options) for _, options in groups]
    assert [len(found) for found in values] == [10, 20]
    assert sorted(values[0] + values[1]) == sorted(codes)
    assert "<optgroup" not in _page("en")  # a city: one plain list


@pytest.mark.parametrize(
    "geometry",
    [
        shapely.box(105.123456, 21.012344, 105.2, 21.1),
        shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)]),
        shapely.box(0, 0, 4, 4).difference(shapely.box(1, 1, 2, 2)),  # a hole
    ],
)
def test_coordinates_come_back_to_five_decimals(geometry):
    encoded = html_map.encode(geometry)
    parts = geometry.geoms if hasattr(geometry, "geoms") else [geometry]
    assert len(encoded) == len(parts)
    for rings, part in zip(encoded, parts, strict=True):
        originals = [part.exterior, *part.interiors]
        assert len(rings) == len(originals)
        for flat, ring in zip(rings, originals, strict=True):
            x = y = 0
            points = []
            for dx, dy in zip(flat[::2], flat[1::2], strict=True):
                x, y = x + dx, y + dy
                points += [x / html_map.SCALE, y / html_map.SCALE]
            expected = [round(value, 5) for point in list(ring.coords)[:-1] for value in point]
            assert points == pytest.approx(expected, abs=1e-9)


def test_every_commune_and_district_is_in_the_data():
    data = html_map.payload(translator("vi", strict=True), hanoi())
    assert len(data["communes"]) == 579
    assert len({commune["d"] for commune in data["communes"]}) == 30
    assert len(data["districts"]) == 30


def test_at_target_communes_carry_a_point_for_their_mark():
    data = html_map.payload(translator("vi", strict=True), hanoi())
    for commune in data["communes"]:
        assert ("p" in commune) == any(commune["k"])


COUNTRY_LIMIT = 3_000_000  # bytes (issue 19)


@pytest.mark.parametrize("language", ["vi", "fr"])  # the longest texts
def test_country_file_is_small_enough_to_send(language, tmp_path, monkeypatch):
    from loaders import reference

    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    data = handouts.load(None, language, url=f"sqlite:///{tmp_path / 'country.sqlite'}")
    assert data.labels.synthetic_units and len(data.communes) == 10_599
    page = html_map.map_html(translator(language, strict=True), data, handouts.leaflet_assets())
    size = len(page.encode("utf-8"))
    assert size <= COUNTRY_LIMIT, f"{size:,} bytes"
    assert page.count('"g":') == 10_599 + 705  # every commune, every district line
    assert page.count("<optgroup ") == data.provinces == 63  # the select by province
