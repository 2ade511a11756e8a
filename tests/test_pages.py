"""One headless smoke test per page (streamlit.testing AppTest: no JavaScript, no browser)."""

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from html_tables import district_table, html_table
from page_headline import headline
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def fresh_store(app_store):
    """Each test gets its own SQLite store, seeded with the sample on first use."""


def run(page: str | None = "pages/map.py", language: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    if language is not None:
        app.query_params["lang"] = language
    app.run()
    if page is not None:
        app.switch_page(page)
        app.run()
    assert not app.exception, app.exception
    return app


def legend_html(app: AppTest) -> list[str]:
    """The HTML of the page's st.html boxes with the map legend."""
    return [el.proto.body for el in app.get("html") if 'class="legend"' in el.proto.body]


def map_component(app: AppTest):
    return next(el for el in app.main if type(el).__name__ == "UnknownElement")


def test_map_page_shows_headline_figures_and_notices():
    app = run()
    head = headline(app)
    assert head.metrics["Xã/phường đạt chỉ tiêu"] == "45 / 579"
    assert head.metrics["Quận/huyện hoàn thành"] == "1 / 30"
    assert head.metrics["Số liệu đến ngày"] == "29/05/2023"
    assert "mô phỏng" in head.notices["warning"]
    assert "gần đúng" in head.notices["info"]
    # The district table is plain HTML here (the data grid is the Districts page's).
    assert not app.dataframe
    assert len(district_table(app)) == 30


def test_district_table_reports_the_progress_report_facts():
    app = run()
    table = district_table(app).set_index("Đơn vị")
    assert table.loc["Quận Tây Hồ", "Dự kiến hoàn thành"] == "Đã hoàn thành"
    assert table.loc["Quận Tây Hồ", "Hoàn thành (%)"] == "100,0 %"
    assert 88 <= float(table.loc["Quận Long Biên", "Hoàn thành (%)"][:-2].replace(",", ".")) <= 92
    assert 68 <= float(table.loc["Quận Hà Đông", "Hoàn thành (%)"][:-2].replace(",", ".")) <= 72
    assert table.loc["Huyện Thường Tín", "Xã đạt chỉ tiêu"] == "9 / 29"
    assert table.loc["Quận Long Biên", "Trạng thái"] == "Đúng tiến độ"
    assert table.loc["Quận Hà Đông", "Trạng thái"] == "Chậm tiến độ"
    assert table.index[0] == "Quận Hà Đông"  # the worst first


def test_search_without_diacritics_selects_the_commune():
    app = run()
    app.sidebar.text_input(key="search").input("phuc xa").run()
    assert not app.exception
    assert app.session_state["selected_commune"] == "00001"
    assert any(md.value == "#### Phường Phúc Xá" for md in app.markdown)


def test_district_filter_zooms_in():
    app = run()
    city_zoom = map_component(app).proto.json_args
    app.sidebar.selectbox(key="district").select("003").run()
    assert not app.exception
    assert map_component(app).proto.json_args != city_zoom


def test_boundaries_page_offers_the_upload():
    app = run("pages/boundaries.py")
    assert app.title[0].value == "Ranh giới xã/phường"
    assert any("gần đúng" in info.value for info in app.info)


def test_sources_page_names_the_sources():
    app = run("pages/sources.py")
    assert any("Nguồn: Tổng cục Thống kê" in md.value for md in app.markdown)
    assert any("gần đúng" in md.value for md in app.markdown)


def test_an_earlier_report_date_shows_earlier_figures():
    app = run()
    app.sidebar.select_slider(key="as_of").set_value(date(2023, 5, 15)).run()
    metrics = headline(app).metrics
    assert metrics["Số liệu đến ngày"] == "15/05/2023"
    assert metrics["Xã/phường đạt chỉ tiêu"] == "0 / 579"


def test_metric_toggle_switches_to_e_id_activation():
    app = run()
    app.sidebar.radio(key="metric").set_value("activated").run()
    assert not app.exception
    assert "Toàn thành phố: VNeID đã kích hoạt" in headline(app).metrics
    assert any("VNeID" in html for html in legend_html(app))


def test_since_date_marks_communes_that_reached_target_after_it():
    app = run()
    app.sidebar.selectbox(key="since").select_index(1).run()
    assert not app.exception
    assert any("xã/phường mới đạt chỉ tiêu" in caption.value for caption in app.caption)


def test_remaining_view_draws_circles_with_a_size_legend():
    app = run()
    app.sidebar.radio(key="mode").set_value("remaining").run()
    assert not app.exception
    assert any("diện tích hình tròn" in html for html in legend_html(app))


def test_districts_page_opens_a_district_with_chart_and_what_if():
    app = run("pages/districts.py")
    assert app.title[0].value == "Quận/huyện: dự kiến hoàn thành"
    table = app.dataframe[0].value.set_index("Đơn vị")
    assert len(table) == 30
    assert table.loc["Quận Hà Đông", "Trạng thái"] == "Chậm tiến độ"
    app.selectbox(key="detail_district").select("268").run()
    assert not app.exception
    facts = {metric.label: metric.value for metric in app.metric}
    assert facts["Dự kiến hoàn thành"] == "02/08/2023"
    assert len(app.get("vega_lite_chart")) == 1
    communes = app.dataframe[1].value
    assert len(communes) == 17  # Hà Đông's communes
    app.number_input(key="extra_teams").set_value(20).run()
    new = {metric.label: metric.value for metric in app.metric}["Dự kiến mới"]
    assert new != "02/08/2023" and new.endswith("/2023")


def test_districts_page_offers_csv_and_excel_downloads():
    app = run("pages/districts.py")
    assert len(app.get("download_button")) == 4  # districts and communes, CSV and Excel


def test_districts_page_headline_shows_the_typical_error():
    app = run("pages/districts.py")
    facts = {metric.label: metric.value for metric in app.metric}
    assert facts["Sai số điển hình của dự kiến"].startswith("± ")
    assert facts["Số ngày đến hạn 30/06/2023"] == "32"


def test_method_page_gives_the_formulas():
    app = run("pages/method.py")
    assert any("Tỉ số chênh lệch" in md.value for md in app.markdown)


def test_map_page_in_english_from_the_link():
    app = run(language="en")
    head = headline(app)
    assert head.title == "Chip-based ID card (CCCD) delivery – Hanoi"
    metrics = head.metrics
    assert metrics["Communes/wards at target"] == "45 / 579"
    assert metrics["Figures as of"] == "29/05/2023"
    assert metrics["City-wide: cards delivered"].endswith("%")
    assert not metrics["City-wide: cards delivered"].endswith(" %")
    table = district_table(app).set_index("Name")
    assert table.loc["Quận Hà Đông", "Status"] == "Behind schedule"
    assert table.loc["Huyện Sóc Sơn", "Pace (/day)"] == "1,846"  # en groups with a comma


def test_picking_french_translates_the_page_and_keeps_it_in_the_link():
    app = run(page=None)
    app.sidebar.selectbox(key="lang").set_value("fr").run()
    assert not app.exception
    assert app.query_params["lang"] in ("fr", ["fr"])
    app.switch_page("pages/map.py").run()
    head = headline(app)
    assert head.title == "Remise des cartes d’identité à puce (CCCD) – Hanoï"
    metrics = head.metrics
    assert metrics["Communes ayant atteint l’objectif"] == "45 / 579"
    assert metrics["Toute la ville : cartes remises"].endswith("\xa0%")
    assert app.query_params["lang"] in ("fr", ["fr"])


def test_districts_page_in_french():
    app = run("pages/districts.py", language="fr")
    assert app.title[0].value == "Districts : achèvement prévu"
    facts = {metric.label: metric.value for metric in app.metric}
    assert facts["Jours avant l’échéance du 30/06/2023"] == "32"
    assert facts["Erreur typique des prévisions"] == "± 1 jour"


@pytest.mark.parametrize(
    "language, pace, completion",
    [("vi", "1.846", "75,7 %"), ("en", "1,846", "75.7%"), ("fr", "1\u202f846", "75,7\xa0%")],
)
def test_table_numbers_are_written_the_pages_way_not_the_browsers(language, pace, completion):
    """Pace grouped and completion with one decimal and the language's decimal mark (Streamlit's
    printf writes a point, "localized" follows the browser): the Translator writes them."""
    app = run("pages/districts.py", language=language)
    styler = app.dataframe[0].proto.arrow_data.styler
    shown = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    row = shown[shown.isin(["Huyện Sóc Sơn"]).any(axis=1)].iloc[0].tolist()
    assert pace in row and completion in row
    columns = json.loads(app.dataframe[0].proto.columns)
    formats = {spec.get("type_config", {}).get("format") for spec in columns.values()}
    assert "localized" not in formats


@pytest.mark.parametrize("language, ratio", [("vi", "2,02"), ("en", "2.02"), ("fr", "2,02")])
def test_the_gap_ratio_shows_the_pages_decimal_separator(language, ratio):
    app = run("pages/districts.py", language=language)
    styler = app.dataframe[0].proto.arrow_data.styler
    shown = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    column = next(name for name in shown.columns if shown[name].iloc[0] == ratio)
    assert shown[column].str.fullmatch(r"\d+[.,]\d\d").all()


@pytest.mark.parametrize(
    "page",
    ["pages/boundaries.py", "pages/sources.py", "pages/method.py", "pages/imports.py"],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_other_pages_run_in_every_language(page, language):
    app = run(page, language=language)
    assert app.title[0].value


def test_summary_is_the_landing_view_with_figures_map_and_districts_behind():
    app = run(page=None)
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Xã/phường đạt chỉ tiêu"] == "45 / 579"
    assert metrics["Số ngày đến hạn 30/06/2023"] == "32"
    assert not app.dataframe  # the districts behind are a plain HTML table
    (behind,) = [html_table(html.value) for html in app.html if "cccd-table" in html.value]
    assert "Quận Hà Đông" in behind.iloc[:, 0].tolist()
    assert any("mới đạt chỉ tiêu" in md.value for md in app.markdown)
    labels = [button.label for button in app.get("download_button")]
    assert len(labels) == 4, labels  # PNG, meeting pack, slides, map as a file


def _tour_page(app: AppTest) -> str:
    """Presenter mode's tour: the page its frame holds (cccd.tour_page)."""
    (frame,) = app.get("iframe")
    return frame.proto.srcdoc


def test_presenter_mode_holds_the_whole_tour_and_the_handouts():
    app = run("pages/present.py")
    page = _tour_page(app)
    steps = json.loads(page.split('id="tour-data">')[1].split("</script>")[0])["steps"]
    assert [step["title"] for step in steps[:2]] == ["Toàn thành phố", "Quận Hà Đông"]
    assert steps[-1]["title"] == "Toàn thành phố"  # the worst district first, the city last
    assert "Tiếp ▶" in page and "Thoát" in page
    labels = [button.label for button in app.get("download_button")]
    assert len(labels) == 2, labels  # slides and the map as a file


def test_presenter_mode_speaks_english():
    page = _tour_page(run("pages/present.py", language="en"))
    assert '<h1 id="title">The whole city</h1>' in page and "Next ▶" in page


def deep_link(page: str, **params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_deep_link_restores_the_map_view():
    app = deep_link("pages/map.py", date="2023-05-22", metric="activated", district="268")
    assert app.sidebar.select_slider(key="as_of").value == date(2023, 5, 22)
    assert app.sidebar.radio(key="metric").value == "activated"
    assert app.sidebar.selectbox(key="district").value == "268"
    assert headline(app).metrics["Số liệu đến ngày"] == "22/05/2023"


def test_a_deep_link_opens_a_district_and_a_bad_value_is_ignored():
    app = deep_link("pages/districts.py", district="268", date="2023-13-45")
    assert app.selectbox(key="detail_district").value == "268"
    assert app.sidebar.select_slider(key="d_as_of").value == date(2023, 5, 29)


def test_a_province_link_on_a_one_province_dataset_opens_the_city_and_leaves_the_link():
    app = deep_link("pages/map.py", province="01", district="268")
    assert not [box for box in app.sidebar.selectbox if box.key == "province"]
    assert app.sidebar.selectbox(key="district").value == "268"
    assert "province" not in app.query_params


def test_choices_are_written_into_the_link():
    app = run()
    app.sidebar.selectbox(key="district").select("003").run()
    assert app.query_params["district"] in ("003", ["003"])
