"""The map page's district table as HTML: what it shows, in which format, and that it escapes."""

import pandas as pd
from html_tables import html_table

from cccd import table_html, tables
from cccd.i18n import Translator
from cccd.projection import Status
from loaders import catalogue

T = catalogue.translator("vi", strict=True)
EN = catalogue.translator("en", strict=True)
COLUMNS = tables.SUMMARY_COLUMNS


def display(rows: list[dict], t: Translator = T) -> pd.DataFrame:
    """A frame shaped like tables.projection_table's (translated headers)."""
    defaults = {
        tables.NAME: "Quận Tây Hồ",
        tables.COMPLETION: 100.0,
        tables.AT_TARGET: "8 / 8",
        tables.PACE: 774.0,
        tables.FINISH: t("finish.done"),
        tables.STATUS: t(tables.STATUS_LABELS[Status.DONE]),
    }
    return pd.DataFrame([{t(k): row.get(k, v) for k, v in defaults.items()} for row in rows])


def test_cells_are_written_the_languages_way():
    frame = display([{tables.COMPLETION: 87.6, tables.PACE: 1846.0}])
    vi = html_table(table_html.projection_table_html(T, frame, COLUMNS))
    assert list(vi.columns) == [T(key) for key in COLUMNS]
    row = vi.iloc[0]
    assert row[T(tables.COMPLETION)] == "87,6 %"
    assert row[T(tables.PACE)] == "1.846"
    assert row[T(tables.AT_TARGET)] == "8 / 8"
    en_frame = display([{tables.COMPLETION: 87.6, tables.PACE: 1846.0}], EN)
    en = html_table(table_html.projection_table_html(EN, en_frame, COLUMNS)).iloc[0]
    assert (en[EN(tables.COMPLETION)], en[EN(tables.PACE)]) == ("87.6%", "1,846")


def test_rows_keep_the_tables_order_and_missing_figures_show_a_dash():
    frame = display(
        [
            {tables.NAME: "Quận Hà Đông", tables.COMPLETION: 70.0},
            {tables.NAME: "Huyện Mới", tables.COMPLETION: float("nan"), tables.PACE: float("nan")},
        ]
    )
    shown = html_table(table_html.projection_table_html(T, frame, COLUMNS))
    assert list(shown[T(tables.NAME)]) == ["Quận Hà Đông", "Huyện Mới"]
    assert shown.iloc[1][T(tables.COMPLETION)] == "–"
    assert shown.iloc[1][T(tables.PACE)] == "–"


def test_status_and_finish_cells_carry_the_status_colour():
    late = T(tables.STATUS_LABELS[Status.OFF_TRACK])
    frame = display([{tables.STATUS: late, tables.FINISH: "02/08/2023"}])
    markup = table_html.projection_table_html(T, frame, COLUMNS)
    assert markup.count(f"background-color: {tables.LATE_COLOUR}") == 2
    assert tables.ON_TIME_COLOUR not in markup


def test_the_bar_is_as_long_as_the_completion_and_stays_in_its_box():
    markup = table_html.projection_table_html(
        T, display([{tables.COMPLETION: 70.0}, {tables.COMPLETION: 112.5}]), COLUMNS
    )
    assert 'style="width:70.0%"' in markup
    assert 'style="width:100.0%"' in markup  # over target: a full bar, the text says 112,5 %
    assert "112,5 %" in markup


def test_names_are_escaped():
    frame = display([{tables.NAME: '<img src=x onerror="alert(1)">'}])
    markup = table_html.projection_table_html(T, frame, COLUMNS)
    assert "<img" not in markup
    assert html_table(markup).iloc[0][T(tables.NAME)] == '<img src=x onerror="alert(1)">'


def test_only_a_long_table_scrolls_in_a_box():
    short = table_html.projection_table_html(T, display([{}] * 30), COLUMNS)
    long = table_html.projection_table_html(T, display([{}] * 705), COLUMNS)
    assert 'class="cccd-table cards"' in short
    assert 'class="cccd-table cards scroll"' in long
    assert len(html_table(long)) == 705


def test_a_text_table_shows_its_cells_escaped_and_scrolls_in_the_height_given():
    frame = pd.DataFrame({"Quận/huyện": ["Quận Hà Đông", "<b>x</b>"], "Trạng thái": ["Chậm", "–"]})
    markup = table_html.text_table_html(frame, height_px=280)
    assert "<b>" not in markup
    assert 'style="max-height:280px"' in markup
    assert html_table(markup).to_dict("list") == frame.to_dict("list")
    assert "max-height" not in table_html.text_table_html(frame)
