"""Commune names and codes as reports write them, matched to the official GSO codes."""

import unicodedata

import pandas as pd
import pytest

from cccd.names import clean_code, match_communes, normalise_name
from loaders import catalogue, reference
from loaders.reference import units


@pytest.mark.parametrize(
    "raw, key",
    [
        ("P. Phúc Xá", "phuc xa"),
        ("P.Phúc Xá", "phuc xa"),
        ("P Phúc Xá", "phuc xa"),
        ("phuong phuc xa", "phuc xa"),
        ("Phường Phúc Xá", "phuc xa"),
        ("  Phúc   Xá, ", "phuc xa"),
        ("Xã Thuỵ Lâm", "thuy lam"),
        ("X. Thụy Lâm", "thuy lam"),
        ("thuy lam", "thuy lam"),
        (unicodedata.normalize("NFD", "Thuỵ Lâm"), "thuy lam"),
        ("Xã Đức Hoà", "duc hoa"),
        ("ĐỨC HÒA", "duc hoa"),
        ("Thị trấn Trâu Quỳ", "trau quy"),
        ("TT. Trâu Quỳ", "trau quy"),
        ("TT Trâu Quỳ", "trau quy"),
        ("Quận Ba Đình", "ba dinh"),
        ("Q. Ba Đình", "ba dinh"),
        ("Huyện Sóc Sơn", "soc son"),
        ("H.Sóc Sơn", "soc son"),
        ("Thị xã Sơn Tây", "son tay"),
        ("TX. Sơn Tây", "son tay"),
        ("Xuân La", "xuan la"),
        ("Xã Xuân Nộn", "xuan non"),
        ("Phương Liên", "phuong lien"),  # "Phương" is a name, "Phường" a unit
        ("Phường Phương Liên", "phuong lien"),
        ("Quán Thánh", "quan thanh"),
        ("Phường Mỹ Đình 1", "my dinh 1"),
        ("Phường 1", "1"),
        ("Phường", "phuong"),  # never stripped to nothing
        ("Xã", "xa"),
        ("", ""),
    ],
)
def test_normalise_name(raw: str, key: str) -> None:
    assert normalise_name(raw) == key


def _match_one(**row: object) -> pd.Series:
    return match_communes(pd.DataFrame([row]), units()).iloc[0]


@pytest.mark.parametrize(
    "row, code",
    [
        ({"commune_name": "P. Phúc Xá"}, "00001"),
        ({"commune_name": "phuong phuc xa"}, "00001"),
        ({"commune_name": "Thụy Lâm"}, "00460"),
        ({"commune_name": "Xã Thuỵ Lâm", "district_name": "Đông Anh"}, "00460"),
        ({"commune_name": "Duc Hoa", "district_name": "Sóc Sơn"}, "00430"),
        ({"commune_name": "Duc Hoa", "district_name": "huyen soc son"}, "00430"),
        ({"commune_name": "Duc Hoa", "district_code": 16}, "00430"),
        ({"commune_name": "Phúc Xá", "district_code": "1"}, "00001"),
        ({"commune_name": "Minh Khai", "district_name": "Q. Hai Bà Trưng"}, "00295"),
        ({"commune_name": "Minh Khai", "district_name": "Quan Bac Tu Liem"}, "00613"),
        ({"commune_name": "Minh Khai", "district_code": "274"}, "09838"),
        ({"commune_name": "Xã Minh Khai"}, "09838"),  # the only Xã of the three
        ({"commune_name": "Xã Yên Viên", "district_name": "Gia Lâm"}, "00532"),
        ({"commune_name": "TT Yên Viên", "district_name": "Gia Lâm"}, "00526"),
        ({"commune_name": "Đồng Xuân"}, "00040"),  # Đông Xuân is elsewhere
        ({"commune_name": "Quan Hoa"}, "00169"),
        ({"commune_name": "quan thanh"}, "00013"),
        ({"commune_name": "phuong lien"}, "00220"),
        ({"commune_name": "Mỹ Đình 1"}, "00625"),
    ],
)
def test_names_match_official_codes(row: dict, code: str) -> None:
    matched = _match_one(**row)
    assert (matched["commune_code"], matched["match"]) == (code, "name")


@pytest.mark.parametrize("raw", ["00001", "1", 1, 1.0, "1.0", " 00001 "])
def test_codes_that_lost_their_zeros_are_padded(raw: object) -> None:
    matched = _match_one(commune_code=raw)
    assert (matched["commune_code"], matched["match"]) == ("00001", "code")


def test_an_official_code_wins_over_the_name() -> None:
    matched = _match_one(commune_code="00001", commune_name="Minh Khai")
    assert (matched["commune_code"], matched["match"]) == ("00001", "code")


def test_a_wrong_code_falls_back_to_the_name_and_says_so() -> None:
    matched = _match_one(commune_code="99999", commune_name="Phúc Xá")
    assert (matched["commune_code"], matched["match"]) == ("00001", "name")
    assert catalogue.english(matched["match_message"]) == (
        "code '99999' is not in the official commune list"
    )


@pytest.mark.parametrize(
    "row, note",
    [
        (
            {"commune_name": "Minh Khai"},
            "'Minh Khai' is in 3 districts (Huyện Hoài Đức, Quận Bắc Từ Liêm, "
            "Quận Hai Bà Trưng); give the district",
        ),
        (
            {"commune_name": "dong xuan"},
            "'dong xuan' is in 3 districts (Huyện Quốc Oai, Huyện Sóc Sơn, Quận Hoàn Kiếm); "
            "give the district",
        ),
        (
            {"commune_name": "Yên Viên", "district_name": "Gia Lâm"},
            "'Yên Viên' matches 2 communes in Huyện Gia Lâm (Thị trấn Yên Viên, Xã Yên Viên); "
            "give the code",
        ),
        ({"commune_name": "Atlantis"}, "no commune named 'Atlantis' in the official list"),
        (
            {"commune_name": "Phúc Xá", "district_name": "Quận Hoàn Kiếm"},
            "no commune named 'Phúc Xá' in Quận Hoàn Kiếm (there is one in Quận Ba Đình)",
        ),
        (
            {"commune_name": "Phúc Xá", "district_name": "Nowhere"},
            "district 'Nowhere' is not in the official list",
        ),
        (
            {"commune_name": "Phúc Xá", "district_code": "999"},
            "district code '999' is not in the official list",
        ),
        ({"commune_code": "99999"}, "code '99999' is not in the official commune list"),
        ({"commune_code": "A1"}, "code 'A1' is not in the official commune list"),
        ({"commune_code": None, "commune_name": None}, "no commune code or name"),
    ],
)
def test_failures_say_why(row: dict, note: str) -> None:
    matched = _match_one(**row)
    assert pd.isna(matched["commune_code"]) and pd.isna(matched["match"])
    assert catalogue.english(matched["match_message"]) == note


@pytest.mark.parametrize(
    "row, language, note",
    [
        (
            {"commune_name": "Atlantis"},
            "vi",
            "danh mục chính thức không có xã/phường nào tên “Atlantis”",
        ),
        (
            {"commune_name": "Atlantis"},
            "fr",
            "aucune commune nommée «\xa0Atlantis\xa0» dans la liste officielle",
        ),
        (
            {"commune_name": "Phúc Xá", "district_name": "Nowhere"},
            "vi",
            "quận/huyện “Nowhere” không có trong danh mục chính thức",
        ),
        (
            {"commune_name": "Phúc Xá", "district_code": "999"},
            "vi",
            "mã quận/huyện “999” không có trong danh mục chính thức",
        ),
        (
            {"commune_code": "99999", "commune_name": "Minh Khai"},
            "vi",
            "mã “99999” không có trong danh mục xã/phường chính thức; “Minh Khai” có ở 3 "
            "quận/huyện (Huyện Hoài Đức, Quận Bắc Từ Liêm, Quận Hai Bà Trưng); hãy ghi rõ "
            "quận/huyện",
        ),
        (
            {"commune_name": "Yên Viên", "district_name": "Gia Lâm"},
            "fr",
            "«\xa0Yên Viên\xa0» correspond à 2 communes de Huyện Gia Lâm "
            "(Thị trấn Yên Viên, Xã Yên Viên)\xa0; indiquez le code",
        ),
    ],
)
def test_the_note_is_a_message_in_the_readers_language(row: dict, language: str, note: str):
    message = _match_one(**row)["match_message"]
    assert catalogue.translator(language, strict=True).render(message) == note


def test_a_match_has_no_note() -> None:
    matched = _match_one(commune_name="Phúc Xá")
    assert matched["match_message"] is None


@pytest.mark.parametrize(
    "row, language, note",
    [
        ({"commune_code": "99999"}, "en", "code '99999' is not in the official commune list"),
        (
            {"commune_code": "99999"},
            "vi",
            "mã “99999” không có trong danh mục xã/phường chính thức",
        ),
        ({"commune_name": "Atlantis"}, "en", "no commune named 'Atlantis' in the official list"),
        (
            {"commune_name": "Mẫu 001", "district_name": "Nowhere"},
            "en",
            "district 'Nowhere' is not in the official list",
        ),
    ],
)
def test_notes_speak_of_the_official_list_on_another_dataset(
    monkeypatch: pytest.MonkeyPatch, row: dict, language: str, note: str
) -> None:
    monkeypatch.setenv(reference.DATASET_VARIABLE, "nationwide")
    matched = match_communes(pd.DataFrame([row]), reference.units()).iloc[0]
    assert pd.isna(matched["commune_code"])
    assert catalogue.translator(language, strict=True).render(matched["match_message"]) == note


@pytest.mark.parametrize(
    "value, width, code",
    [(1, 5, "00001"), ("1", 5, "00001"), (1.0, 5, "00001"), ("12.00", 5, "00012"),
     ("00001", 5, "00001"), ("A1", 5, "A1"), ("123456", 5, "123456"), (7, 3, "007"),
     (None, 5, None), (float("nan"), 5, None), (pd.NA, 5, None), ("  ", 5, None),
     ("01.001.00001", 5, "00001"), ("VN-01-00001", 5, "00001"), ("xa_00001", 5, "00001"),
     ("VN-01-001", 3, "001"), ("12.5", 5, "12.5"), ("01.001.00001", 3, "01.001.00001")],
)  # fmt: skip
def test_clean_code(value: object, width: int, code: str | None) -> None:
    assert clean_code(value, width) == code


def test_every_official_name_matches_its_own_code_folded_to_ascii() -> None:
    official = units()
    frame = pd.DataFrame(
        {
            "commune_name": official["commune_name"].map(_ascii),
            "district_name": official["district_name"].map(_ascii),
        }
    )
    matched = match_communes(frame, official)
    assert matched["commune_code"].tolist() == official["commune_code"].tolist()


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def test_unique_short_names_match_without_a_district() -> None:
    official = units()
    unique = official.drop_duplicates("commune_name_short", keep=False)
    matched = match_communes(
        unique[["commune_name_short"]].set_axis(["commune_name"], axis=1), official
    )
    assert (matched["match"] == "name").mean() > 0.9  # folding merges a few more (Đông/Đồng)
    assert (
        matched["commune_code"].dropna() == unique["commune_code"][matched["match"].notna()]
    ).all()


def test_keeps_other_columns_index_and_input() -> None:
    frame = pd.DataFrame({"commune_name": ["Phúc Xá"], "target": [10]}, index=[7])
    matched = match_communes(frame, units())
    assert list(matched.columns) == [
        "commune_name",
        "target",
        "commune_code",
        "match",
        "match_message",
    ]
    assert matched.index.tolist() == [7] and "commune_code" not in frame


def test_ten_thousand_rows_all_match() -> None:
    # Speed is a benchmark's business (bench/), not a timed unit test's.
    official = units()
    frame = pd.DataFrame({"commune_name": official["commune_name"].tolist() * 18})
    matched = match_communes(frame, official)
    assert len(matched) == 579 * 18


@pytest.mark.parametrize(
    "name, district, code",
    [("PhúcXá", "BaĐình", "00001"), ("P.PhúcXá", None, "00001"), ("PhuongPhucXa", None, "00001"),
     ("phuc_xa", "QuanBaDinh", "00001"), ("Hàng Bột", "DongDa", "00196")],
)  # fmt: skip
def test_names_written_without_spaces_match(name: str, district: str | None, code: str) -> None:
    row = {"commune_name": name, "district_name": district}
    assert match_communes(pd.DataFrame([row]), units())["commune_code"].iloc[0] == code


@pytest.mark.parametrize(
    "row, language, note",
    [
        (
            {"commune_name": "Phuc Sa", "district_name": "Ba Đình"},
            "en",
            "no commune named 'Phuc Sa' in Quận Ba Đình (closest official names: Phường Phúc Xá)",
        ),
        (
            {"commune_name": "Hang Bach", "district_code": "002"},
            "en",
            "no commune named 'Hang Bach' in Quận Hoàn Kiếm (closest official names: "
            "Phường Hàng Bạc, Phường Hàng Bài)",
        ),
        (
            {"commune_name": "Dich Vong Hauu"},
            "en",
            "no commune named 'Dich Vong Hauu' in the official list (closest official "
            "names: Phường Dịch Vọng Hậu (Quận Cầu Giấy), Phường Dịch Vọng (Quận Cầu Giấy))",
        ),
        (
            {"commune_name": "Phuc Sa", "district_name": "Ba Đình"},
            "vi",
            "Quận Ba Đình không có xã/phường nào tên “Phuc Sa” (tên gần nhất trong danh mục: "
            "Phường Phúc Xá)",
        ),
        (
            {"commune_name": "Phuc Sa", "district_name": "Ba Đình"},
            "fr",
            "aucune commune nommée «\xa0Phuc Sa\xa0» dans Quận Ba Đình (noms officiels les "
            "plus proches\xa0: Phường Phúc Xá)",
        ),
        # Nothing close: the note without suggestions, as before.
        ({"commune_name": "Atlantis"}, "en", "no commune named 'Atlantis' in the official list"),
        (
            {"commune_name": "Atlantis", "district_code": "001"},
            "en",
            "no commune named 'Atlantis' in Quận Ba Đình",
        ),
        # The exact name in another district is the hint; no fuzzy guesses beside it.
        (
            {"commune_name": "Phúc Xá", "district_name": "Quận Hoàn Kiếm"},
            "en",
            "no commune named 'Phúc Xá' in Quận Hoàn Kiếm (there is one in Quận Ba Đình)",
        ),
    ],
)
def test_an_unknown_name_gets_the_closest_official_names(row: dict, language: str, note: str):
    matched = _match_one(**row)
    assert pd.isna(matched["commune_code"])
    assert catalogue.translator(language, strict=True).render(matched["match_message"]) == note


def test_only_the_first_unknown_names_are_searched_in_the_whole_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file whose names all fail stays fast: whole-list searches are limited per file."""
    from cccd import names

    monkeypatch.setattr(names, "WHOLE_LIST_SEARCHES", 2)
    written = ["Phuc Saa", "Hang Bachh", "Dich Vong Hauuu", "Phuc Saa"]
    matched = match_communes(pd.DataFrame({"commune_name": written}), units())
    keys = [note.key for note in matched["match_message"]]
    assert keys == [
        "match.not_in_list_suggest",
        "match.not_in_list_suggest",
        "match.not_in_list",  # over the limit
        "match.not_in_list_suggest",  # a name already searched costs nothing
    ]
