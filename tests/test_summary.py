"""The leadership summary: who is behind, and what changed since the last meeting."""

from datetime import date

import pandas as pd

from cccd import summary
from loaders import catalogue

T = catalogue.translator("vi", strict=True)

DISTRICTS_NOW = pd.DataFrame(
    {
        "district_code": ["001", "002", "003"],
        "district_name": ["Quận A", "Quận B", "Huyện C"],
        "status": ["done", "off_track", "stalled"],
        "finish": pd.to_datetime(["2023-05-29", "2023-08-02", None]),
        "pace": [10.0, 5.0, 0.0],
    }
)
DISTRICTS_THEN = DISTRICTS_NOW.assign(
    status=["on_track", "off_track", "at_risk"], pace=[12.0, 4.0, None]
)
COMMUNES_THEN = pd.DataFrame({"at_target": [False, True, False]})
COMMUNES_NOW = pd.DataFrame({"at_target": [True, True, False]})


def test_behind_lists_stalled_first_then_latest_finish():
    table = summary.behind_table(T, summary.behind_schedule(DISTRICTS_NOW))
    assert table["Quận/huyện"].tolist() == ["Huyện C", "Quận B"]
    assert table["Dự kiến xong"].tolist() == ["Đứng yên", "02/08/2023"]


def test_since_counts_new_finishers_and_slowdowns():
    news = summary.since(COMMUNES_NOW, COMMUNES_THEN, DISTRICTS_NOW, DISTRICTS_THEN)
    assert news.communes_finished == 1
    assert news.districts_finished == ["Quận A"]
    assert news.districts_slowed == ["Quận A"]  # 12 → 10 a day; C had no pace before
    text = summary.since_text(T, news, date(2023, 5, 22))
    assert "**1** xã/phường" in text and "Quận A" in text
