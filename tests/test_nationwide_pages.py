"""The app on the synthetic nationwide dataset, headless (AppTest): districts first, then a
province's communes; the synthetic notice; Hanoi's own views are checked in test_pages.py."""

import json
import re
from pathlib import Path

import pytest
import streamlit as st
from html_tables import district_table
from page_headline import headline
from streamlit.testing.v1 import AppTest

from loaders import reference

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def nationwide_store(tmp_path_factory) -> str:
    """One seeded nationwide store for the module (seeding 159,000 rows takes a few seconds)."""
    from loaders import store

    mp = pytest.MonkeyPatch()
    mp.setenv(reference.DATASET_VARIABLE, "nationwide")
    url = f"sqlite:///{tmp_path_factory.mktemp('nationwide') / 'store.sqlite'}"
    store.connect(url).dispose()
    yield url
    mp.undo()


@pytest.fixture(autouse=True)
def nationwide(nationwide_store, monkeypatch):
    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    monkeypatch.setenv("DATABASE_URL", nationwide_store)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def run(page: str = "pages/map.py", **query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params.update(query)
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def layer_script(app: AppTest) -> str:
    """The coloured layer's JavaScript that st_folium gets (the map component's arguments)."""
    component = next(el for el in app.main if type(el).__name__ == "UnknownElement")
    return json.loads(component.proto.json_args)["feature_group"]


def escaped(text: str) -> str:
    """`text` as folium writes it in its script (non-ASCII as \\u escapes)."""
    return json.dumps(text)[1:-1]


def drawn_codes(script: str) -> list[str]:
    """commune_code of every coloured shape ("" for a district in the country view)."""
    return re.findall(r'"commune_code": ?"(\d*)"', script)


def test_country_view_colours_districts_and_says_it_is_synthetic():
    app = run()
    head = headline(app)
    assert head.metrics["Xã/phường đạt chỉ tiêu"].endswith("/ 10.599")
    assert head.title.endswith("Cả nước (dữ liệu tổng hợp)")
    assert "tổng hợp" in head.notices["warning"]
    assert "info" not in head.notices  # the synthetic-dataset notice says the shapes are made up
    assert drawn_codes(layer_script(app)) == [""] * 705
    assert escaped("Tỉnh/thành phố") in layer_script(app)  # the tooltip names the province


def test_choosing_a_province_draws_its_communes():
    app = run()
    province = sorted(set(reference.units()["province_code"]))[10]
    app.sidebar.selectbox(key="province").select(province).run()
    assert not app.exception, app.exception
    units = reference.units()
    communes = units[units["province_code"] == province]
    assert sorted(drawn_codes(layer_script(app))) == sorted(communes["commune_code"])
    district = communes["district_code"].iloc[0]
    app.sidebar.selectbox(key="district").select(district).run()
    assert not app.exception, app.exception
    # The same layer; a veil over the rest of the province.
    assert sorted(drawn_codes(layer_script(app))) == sorted(communes["commune_code"])
    assert len(district_table(app)) == communes["district_code"].nunique()


def test_a_district_link_opens_its_province():
    units = reference.units()
    district = units["district_code"].iloc[5000]
    province = units.loc[units["district_code"] == district, "province_code"].iloc[0]
    app = run(district=district)
    assert app.sidebar.selectbox(key="province").value == province
    assert app.sidebar.selectbox(key="district").value == district
    communes = units.loc[units["province_code"] == province, "commune_code"]
    assert sorted(drawn_codes(layer_script(app))) == sorted(communes)


def test_a_province_link_opens_that_province_and_stays_in_the_link():
    units = reference.units()
    province = sorted(set(units["province_code"]))[30]
    app = run(province=province)
    assert app.sidebar.selectbox(key="province").value == province
    assert app.sidebar.selectbox(key="district").value is None
    communes = units.loc[units["province_code"] == province, "commune_code"]
    assert sorted(drawn_codes(layer_script(app))) == sorted(communes)
    assert app.query_params["province"] in (province, [province])


def test_a_district_link_wins_over_another_province_and_a_bad_province_is_ignored():
    units = reference.units()
    district = units["district_code"].iloc[5000]
    own = units.loc[units["district_code"] == district, "province_code"].iloc[0]
    other = next(code for code in sorted(set(units["province_code"])) if code != own)
    assert run(province=other, district=district).sidebar.selectbox(key="province").value == own
    assert run(province="99").sidebar.selectbox(key="province").value is None


def test_sources_page_describes_the_generated_dataset_not_hanoi():
    app = run("pages/sources.py")
    assert not app.table  # the Hanoi dataset's sources do not apply
    shown = " ".join(md.value for md in app.markdown)
    assert "geodata/build_nationwide.py" in shown and "tổng hợp" in shown
    assert "CCCD_DATASET=hanoi" in shown  # where the real sources are used


def test_a_searched_commune_is_drawn_with_its_province():
    units = reference.units()
    commune = units.iloc[7000]
    app = run()
    app.sidebar.text_input(key="search").input(commune["commune_name"]).run()
    assert not app.exception, app.exception
    assert app.session_state["selected_commune"] == commune["commune_code"]
    drawn = drawn_codes(layer_script(app))
    assert commune["commune_code"] in drawn
    assert len(drawn) == (units["province_code"] == commune["province_code"]).sum()


def test_remaining_work_circles_stand_on_districts_at_country_scale():
    app = run()
    app.sidebar.radio(key="mode").set_value("remaining").run()
    assert not app.exception, app.exception
    script = layer_script(app)
    assert drawn_codes(script) == [""] * 705
    assert 0 < script.count("remaining-circle") <= 705


@pytest.mark.parametrize("page", ["pages/summary.py", "pages/present.py", "pages/districts.py"])
def test_other_pages_run(page):
    run(page)
