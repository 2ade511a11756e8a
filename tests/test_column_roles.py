"""Columns are recognised by what they hold: codes and names of the official unit list."""

import pandas as pd
import pytest

from cccd.column_roles import Score, choose_columns, score_frame, score_values
from loaders import reference


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return reference.units()


def published(units: pd.DataFrame) -> pd.DataFrame:
    """A ward file as a published dataset writes it: no spaces, prefixed ids, bare districts."""
    return pd.DataFrame(
        {
            "OBJECTID": range(1, len(units) + 1),
            "ward_id": "VN-01-" + units["commune_code"],
            "ward": units["commune_name"].str.replace(" ", ""),
            "district": units["district_name"].str.replace(
                r"^(Quận|Huyện|Thị xã) ", "", regex=True
            ),
            "dist_no": units["district_code"].astype(int).astype(str),
            "area_km2": 1.5,
        }
    )


def test_each_role_goes_to_the_column_that_holds_it(units: pd.DataFrame) -> None:
    chosen = {c.role: c.column for c in choose_columns(score_frame(published(units), units))}
    assert chosen == {
        "commune_code": "ward_id",
        "commune_name": "ward",
        "district_code": "dist_no",
        "district_name": "district",
    }


def test_a_running_number_is_not_taken_for_codes(units: pd.DataFrame) -> None:
    scores = score_frame(published(units)[["OBJECTID", "area_km2"]], units)
    assert scores["OBJECTID"]["commune_code"].share < 0.8
    assert choose_columns(scores) == []


def test_two_columns_with_the_same_content_are_named_as_a_tie(units: pd.DataFrame) -> None:
    frame = published(units)[["ward_id"]].assign(ma_xa=units["commune_code"])
    (choice,) = [c for c in choose_columns(score_frame(frame, units)) if c.role == "commune_code"]
    assert {choice.column, *choice.tied_with} == {"ward_id", "ma_xa"}


def test_a_hint_wins_over_content(units: pd.DataFrame) -> None:
    scores = score_frame(published(units), units)
    choices = choose_columns(scores, hints={"commune_name": "district"})
    by_role = {c.role: c for c in choices}
    assert by_role["commune_name"].column == "district" and by_role["commune_name"].by_hint
    assert "district_name" not in by_role  # its only column was taken by the hint


@pytest.mark.parametrize(
    "values, role, matched",
    [(["1", "00004", "01.001.00006", None, ""], "commune_code", 3),
     (["ĐốngĐa", "dong da", "Q. Đống Đa", "Atlantis"], "district_name", 3),
     (["P.PhúcXá", "phuc xa", "Xã Thuỵ Lâm", "Xã Thụy Lâm"], "commune_name", 4)],
)  # fmt: skip
def test_values_scored(values: list, role: str, matched: int, units: pd.DataFrame) -> None:
    score = score_values(values, units)[role]
    assert score == Score(matched, len([v for v in values if v]))
