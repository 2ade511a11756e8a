"""Closest official names for a name that matched nothing (cccd.suggest, rapidfuzz)."""

import pytest

from cccd.names import normalise_name
from cccd.suggest import MAX_SUGGESTIONS, closest, suggestion_key
from loaders.reference import units


def _keys(district_code: str | None = None) -> dict[str, str]:
    """commune_code -> suggestion key, for one district or the whole list."""
    frame = units()
    if district_code is not None:
        frame = frame[frame["district_code"] == district_code]
    keys = frame["commune_name"].map(lambda name: suggestion_key(normalise_name(name)))
    return dict(zip(frame["commune_code"], keys, strict=True))


def _names(codes: list[str]) -> list[str]:
    name = dict(zip(units()["commune_code"], units()["commune_name"], strict=True))
    return [name[code] for code in codes]


@pytest.mark.parametrize(
    "written, district, expected",
    [
        ("Phuc Sa", "001", ["Phường Phúc Xá"]),
        ("PhucSa", "001", ["Phường Phúc Xá"]),  # spaces do not count
        ("phuong phuc sa", "001", ["Phường Phúc Xá"]),  # nor the unit prefix
        ("Hang Bach", "002", ["Phường Hàng Bạc", "Phường Hàng Bài"]),  # best first
        ("Dich Vong Hau", None, ["Phường Dịch Vọng Hậu", "Phường Dịch Vọng"]),
        ("Atlantis", None, []),
        ("Mẫu 001", None, []),
        ("", None, []),
    ],
)
def test_closest_names_best_first(written: str, district: str | None, expected: list[str]):
    assert _names(closest(normalise_name(written), _keys(district))) == expected


def test_at_most_three_and_each_above_the_cutoff() -> None:
    found = closest("trung", _keys(), cutoff=50)
    assert len(found) == MAX_SUGGESTIONS
    assert closest("trung", _keys(), cutoff=99) == []


def test_no_candidates_no_suggestions() -> None:
    assert closest("phuc xa", {}) == []
