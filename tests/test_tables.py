"""Display frames: commune search and the district table."""

import pandas as pd
import pytest

from cccd import tables
from loaders import catalogue, reference

T = catalogue.translator("vi", strict=True)


@pytest.mark.parametrize(
    "query, first_code",
    [
        ("phuc xa", "00001"),
        ("Phúc Xá", "00001"),
        ("P. Phúc Xá", "00001"),
        ("PHUC XA", "00001"),
        ("thuy lam", "00460"),
        ("Thụy Lâm", "00460"),
        ("Thuỵ Lâm", "00460"),
    ],
)
def test_search_ignores_accents_tone_marks_case_and_prefixes(query, first_code):
    hits = tables.search_communes(reference.units(), query)
    assert hits.iloc[0]["commune_code"] == first_code


@pytest.mark.parametrize("query, count", [("minh khai", 3), ("", 0), ("   ", 0), ("zzz", 0)])
def test_search_lists_every_commune_with_the_name(query, count):
    assert len(tables.search_communes(reference.units(), query)) == count


def projections() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "district_code": ["001", "002", "003", "004"],
            "district_name": ["Quận A", "Quận B", "Huyện C", "Huyện D"],
            "target": [300.0, 400.0, 500.0, 100.0],
            "value": [300.0, 200.0, 350.0, 10.0],
            "completion": [1.0, 0.5, 0.7, 0.1],
            "communes_at_target": [3.0, 0.0, 1.0, 0.0],
            "communes": [3.0, 4.0, 5.0, 1.0],
            "pace": [10.0, 0.0, 12.4, None],
            "required_pace": [None, 6.2, 4.8, 2.8],
            "gap_ratio": [None, None, 0.39, None],
            "finish": pd.to_datetime(["2023-05-29", None, "2023-06-10", None]),
            "finish_early": pd.to_datetime(["2023-05-29", None, "2023-06-08", None]),
            "finish_late": pd.to_datetime(["2023-05-29", None, None, None]),
            "status": ["done", "stalled", "on_track", "insufficient_data"],
            "flags": [("over_target",), (), ("correction", "stale"), ()],
        }
    )


def test_projection_table_puts_what_needs_attention_first_and_says_why_there_is_no_date():
    table = tables.projection_table(T, projections())
    assert table[T(tables.NAME)].tolist() == ["Quận B", "Huyện D", "Huyện C", "Quận A"]
    assert table[T(tables.FINISH)].tolist() == [
        "Đứng yên",
        "Chưa đủ số liệu",
        "10/06/2023",
        "Đã hoàn thành",
    ]
    assert table["Khoảng dự kiến"].tolist() == [
        "",
        "",
        "08/06/2023 – không rõ",
        "29/05/2023 – 29/05/2023",
    ]
    assert table["Cờ dữ liệu"].tolist() == ["", "", "đính chính, báo cáo cũ", "vượt chỉ tiêu"]
    assert table["Xã đạt chỉ tiêu"].tolist() == ["0 / 4", "0 / 1", "1 / 5", "3 / 3"]


def test_status_colours_follow_the_deadline():
    table = tables.projection_table(T, projections())
    styles = tables.status_colours(T, table).set_index(table[T(tables.NAME)])
    assert tables.ON_TIME_COLOUR in styles.loc["Huyện C", T(tables.STATUS)]
    assert tables.UNKNOWN_COLOUR in styles.loc["Quận B", T(tables.FINISH)]


def test_commune_level_has_no_commune_count_column():
    frame = projections().rename(
        columns={"district_name": "commune_name", "district_code": "commune_code"}
    )
    assert "Xã đạt chỉ tiêu" not in tables.projection_table(T, frame, level="commune")


def test_projection_table_speaks_the_translators_language():
    en = catalogue.translator("en", strict=True)
    table = tables.projection_table(en, projections())
    assert table["Projected finish"].tolist() == [
        "Stalled",
        "Not enough data",
        "10/06/2023",
        "Finished",
    ]
    assert table["Projected range"].tolist()[2] == "08/06/2023 – unknown"
    assert table["Data flags"].tolist()[2] == "correction, old report"
    styles = tables.status_colours(en, table).set_index(table["Name"])
    assert tables.ON_TIME_COLOUR in styles.loc["Huyện C", "Status"]


@pytest.mark.parametrize(
    "language, old, new", [("vi", "–", "17.557"), ("en", "–", "17,557"), ("fr", "–", "17\u202f557")]
)
def test_a_new_row_has_no_old_figure_and_figures_are_grouped(
    language: str, old: str, new: str
) -> None:
    changes = pd.DataFrame(
        {"as_of": pd.to_datetime(["2023-05-30"]), "commune_code": ["00001"],
         "commune_name": ["Phường Phúc Xá"], "column": ["delivered"], "old": [None],
         "new": [17557], "kind": ["new"]}
    )  # fmt: skip
    table = tables.changes_table(catalogue.translator(language), changes)
    assert table.iloc[0, 4:6].tolist() == [old, new]
