"""Display frames: commune search and the district table."""

from datetime import date

import pandas as pd
import pytest

from cccd import tables
from loaders import reference


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


def test_district_table_puts_the_furthest_behind_first_and_says_why_there_is_no_date():
    districts = pd.DataFrame(
        {
            "district_name": ["Quận A", "Quận B", "Huyện C"],
            "completion": [1.0, 0.5, 0.7],
            "communes_at_target": [3, 0, 1],
            "communes": [3, 4, 5],
            "pace": [0.0, 0.0, 12.4],
            "projected_finish": [date(2023, 5, 29), None, date(2023, 7, 2)],
            "finished": [True, False, False],
            "on_time": [True, None, False],
        }
    )
    table = tables.district_table(districts)
    assert table["Quận/huyện"].tolist() == ["Quận B", "Huyện C", "Quận A"]
    assert table["Dự kiến hoàn thành"].tolist() == [
        tables.NO_PROGRESS,
        "02/07/2023",
        "Đã hoàn thành",
    ]
    assert table["Kịp hạn"].tolist() == [tables.NO_PROGRESS, tables.LATE, tables.ON_TIME]
    styles = tables.finish_colours(table)
    assert tables.ON_TIME_COLOUR in styles.loc[2, "Kịp hạn"]
    assert tables.LATE_COLOUR in styles.loc[1, "Kịp hạn"]
