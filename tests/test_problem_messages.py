"""A report's problems are Messages: Vietnamese and French for the page, the old English for the
command line, numbers and dates written the reader's way (checks.po)."""

from datetime import date

import pandas as pd
import pytest

from cccd.messages import Message
from cccd.report_checks import Problem, ReportPreview, check_report
from loaders import catalogue, reference

TODAY = date(2023, 6, 1)
START = date(2023, 5, 15)  # Hanoi's 2023 campaign (geodata/hanoi.json)
HEADERS = {"as_of": "Ngày báo cáo", "commune_code": "Mã xã", "commune_name": "Phường/Xã",
           "target": "Chỉ tiêu", "delivered": "Số thẻ đã trả",
           "activated": "Đã kích hoạt VNeID"}  # fmt: skip
NNBSP = "\u202f"  # Babel's French thousands separator
NBSP = "\xa0"  # before a French ; or :, inside « »


def row(**cells: str) -> dict[str, str]:
    """A good row for 29/05/2023 with some cells changed."""
    good = {"as_of": "29/05/2023", "commune_code": "", "commune_name": "", "target": "5000",
            "delivered": "3100", "activated": "2100"}  # fmt: skip
    return {**good, **cells}


# File row -> its cells; each row but the duplicate pair has one problem.
ROWS = {
    2: row(as_of="02/06/2023", commune_code="00001"),  # after today
    3: row(commune_code="00004", delivered="-5"),
    4: row(commune_code="00006", target="12,5"),
    5: row(commune_code="00007", target="11950", delivered="12403"),
    6: row(commune_name="Atlantis"),
    7: row(commune_name="Kim Chung"),  # in Hoài Đức and in Đông Anh
    8: row(commune_code="00008"),
    9: row(commune_code="00008"),  # the same commune and day as row 8
    10: row(commune_code="00010", target="15000", delivered="12999", activated="100"),
}


@pytest.fixture(scope="module")
def preview() -> ReportPreview:
    """The report checked against a store holding 13,000 cards for 00010 on 28/05/2023."""
    raw = pd.DataFrame(ROWS.values(), index=list(ROWS), dtype="str")
    stored = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2023-05-28"]).astype("datetime64[s]"),
            "commune_code": ["00010"],
            "target": [15000],
            "delivered": [13000],
            "activated": [100],
        }
    )
    return check_report(raw, reference.units(), stored, TODAY, START, headers=HEADERS)


def problem(preview: ReportPreview, number: int) -> Problem:
    (found,) = [p for p in preview.problems if p.row == number]
    return found


def render(language: str, text: Message) -> str:
    return catalogue.translator(language, strict=True).render(text)


def test_each_row_has_its_one_problem(preview: ReportPreview) -> None:
    assert [(p.row, p.column) for p in preview.problems] == [
        (2, "Ngày báo cáo"), (3, "Số thẻ đã trả"), (4, "Chỉ tiêu"), (5, "Số thẻ đã trả"),
        (6, "Phường/Xã"), (7, "Phường/Xã"), (9, "Mã xã"), (10, "Số thẻ đã trả"),
    ]  # fmt: skip
    assert all(isinstance(p.what, Message) and isinstance(p.fix, Message) for p in preview.problems)


VIETNAMESE = [
    (2, "ngày báo cáo sau ngày hôm nay (01/06/2023)", "Kiểm tra lại ngày, tháng và năm"),
    (3, "số âm", "Chỉ dùng chữ số để ghi số thẻ đã trả, ví dụ 1234 hoặc 1.234; "
     "số lượng không thể nhỏ hơn 0"),
    (4, "không phải số nguyên (có phần thập phân)", "Chỉ dùng chữ số để ghi chỉ tiêu"),
    (5, "số thẻ đã trả (12.403) vượt chỉ tiêu (11.950) của Phường Cống Vị (00007)",
     "Kiểm tra lại số liệu hoặc nâng chỉ tiêu"),
    (6, "không tìm thấy xã/phường: danh mục chính thức không có xã/phường nào tên “Atlantis”",
     "Đối chiếu cách viết với danh mục chính thức"),
    (7, "tên này trùng với nhiều xã/phường: “Kim Chung” có ở 2 quận/huyện "
     "(Huyện Hoài Đức, Huyện Đông Anh); hãy ghi rõ quận/huyện", "Thêm cột quận/huyện"),
    (9, "trùng lặp: dòng 8 và dòng 9 cùng báo cáo Phường Liễu Giai (00008) ngày 29/05/2023",
     "Mỗi xã/phường chỉ giữ một dòng cho mỗi ngày; xóa dòng còn lại"),
    (10, "số thẻ đã trả giảm từ 13.000 ngày 28/05/2023 (đã lưu) xuống 12.999",
     "nếu số liệu trước đó sai, hãy tải tệp này lên dưới dạng báo cáo đính chính"),
]  # fmt: skip


@pytest.mark.parametrize("number, what, fix", VIETNAMESE)
def test_each_problem_in_vietnamese(preview: ReportPreview, number: int, what: str, fix: str):
    found = problem(preview, number)
    assert render("vi", found.what) == what
    assert fix in render("vi", found.fix)


FRENCH = [
    (2, "la date est postérieure à aujourd’hui (01/06/2023)", "Vérifiez le jour, le mois"),
    (3, "nombre négatif", f"en chiffres seulement, par exemple 1234 ou 1{NBSP}234{NBSP};"),
    (4, "pas un nombre entier (il a une partie décimale)", "Écrivez l’objectif en chiffres"),
    (5, f"les cartes remises (12{NNBSP}403) dépassent l’objectif (11{NNBSP}950) pour "
     "Phường Cống Vị (00007)", "relevez l’objectif"),
    (6, f"commune inconnue{NBSP}: aucune commune nommée «{NBSP}Atlantis{NBSP}» dans la liste "
     "officielle",
     "Vérifiez l’orthographe"),
    (7, f"le nom correspond à plusieurs communes{NBSP}: «{NBSP}Kim Chung{NBSP}» existe dans "
     f"2 districts (Huyện Hoài Đức, Huyện Đông Anh){NBSP}; indiquez le district",
     "Ajoutez une colonne de district"),
    (9, f"doublon{NBSP}: les lignes 8 et 9 portent toutes deux sur Phường Liễu Giai (00008) "
     "le 29/05/2023", "Gardez une ligne par commune et par date"),
    (10, f"cartes remises{NBSP}: baisse de 13{NNBSP}000 le 28/05/2023 (déjà enregistré) à "
     f"12{NNBSP}999", "chargez ce fichier comme rapport rectificatif"),
]  # fmt: skip


@pytest.mark.parametrize("number, what, fix", FRENCH)
def test_each_problem_in_french(preview: ReportPreview, number: int, what: str, fix: str):
    found = problem(preview, number)
    assert render("fr", found.what) == what
    assert fix in render("fr", found.fix)


# The texts the checks wrote before they were translated: the command line's and the tests'.
ENGLISH = [
    (2, "date is after today (01/06/2023)", "Check the day, month and year"),
    (3, "negative count", "Write the number of cards delivered as digits only, e.g. 1234 or "
     "1.234; a count cannot be below zero"),
    (4, "not a whole number (it has a decimal part)",
     "Write the target as digits only, e.g. 1234 or 1.234, without decimals"),
    (5, "cards delivered (12,403) exceed the target (11,950) for Phường Cống Vị (00007)",
     "Check the figure or raise the target"),
    (6, "unknown commune: no commune named 'Atlantis' in the official list",
     "Check the spelling against the official list, or give the 5-digit GSO commune code "
     "(e.g. 00001 for Phường Phúc Xá)"),
    (7, "the name matches more than one commune: 'Kim Chung' is in 2 districts "
     "(Huyện Hoài Đức, Huyện Đông Anh); give the district",
     "Add a district column (Quận/Huyện) or give the 5-digit GSO commune code "
     "(e.g. 00001 for Phường Phúc Xá)"),
    (9, "duplicate: rows 8 and 9 both report Phường Liễu Giai (00008) for 29/05/2023",
     "Keep one row per commune and date; delete the other"),
    (10, "delivered falls from 13,000 on 28/05/2023 (already stored) to 12,999",
     "Cumulative counts never go down: check the figure; if the earlier figure was wrong, "
     "load this file as a correction"),
]  # fmt: skip


@pytest.mark.parametrize("number, what, fix", ENGLISH)
def test_each_problem_in_english_is_the_old_text(
    preview: ReportPreview, number: int, what: str, fix: str
) -> None:
    found = problem(preview, number)
    assert (catalogue.english(found.what), catalogue.english(found.fix)) == (what, fix)


@pytest.mark.parametrize(
    "language, sentence",
    [
        ("en", "row 5, column 'Số thẻ đã trả', value '12403': cards delivered (12,403) exceed "
         "the target (11,950) for Phường Cống Vị (00007). Fix: Check the figure or raise the "
         "target."),
        ("vi", "dòng 5, cột “Số thẻ đã trả”, giá trị “12403”: số thẻ đã trả (12.403) vượt chỉ "
         "tiêu (11.950) của Phường Cống Vị (00007). Cách sửa: Kiểm tra lại số liệu hoặc nâng "
         "chỉ tiêu."),
    ],
)  # fmt: skip
def test_the_whole_problem_reads_as_one_sentence(
    preview: ReportPreview, language: str, sentence: str
) -> None:
    assert render(language, problem(preview, 5).sentence) == sentence


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_every_problem_renders_fully(preview: ReportPreview, language: str) -> None:
    for found in preview.problems:
        text = render(language, found.sentence)
        assert "{" not in text and "check." not in text and "match." not in text


def test_a_row_number_has_no_thousands_separator() -> None:
    raw = pd.DataFrame([row(commune_code="00001", delivered="12a")], index=[12345], dtype="str")
    store = pd.DataFrame(columns=["as_of", "commune_code", "target", "delivered", "activated"])
    found = check_report(raw, reference.units(), store, TODAY, START, headers=HEADERS).problems[0]
    assert catalogue.english(found.sentence).startswith("row 12345, column 'Số thẻ đã trả'")
    assert render("vi", found.sentence).startswith("dòng 12345, cột “Số thẻ đã trả”")


@pytest.mark.parametrize("figure", ["99999999999999999999", "1000000000", "1.000.000.000"])
def test_a_count_too_large_for_one_commune_is_a_problem_not_a_crash(figure: str) -> None:
    raw = pd.DataFrame(
        [row(commune_code="00001", target=figure), row(commune_code="00004")],
        index=[2, 3],
        dtype="str",
    )
    store = pd.DataFrame(columns=["as_of", "commune_code", "target", "delivered", "activated"])
    preview = check_report(raw, reference.units(), store, TODAY, START, headers=HEADERS)
    (found,) = preview.problems
    assert (found.row, found.column, found.value) == (2, "Chỉ tiêu", figure)
    assert render("vi", found.what) == "quá lớn để là số liệu của một xã (hơn 9 chữ số)"
    assert render("en", found.fix) == "Check the target: one commune's count has at most 9 digits"
    assert list(preview.rows.index) == [3]


def test_the_largest_count_a_commune_can_have_is_read() -> None:
    raw = pd.DataFrame(
        [row(commune_code="00001", target="999999999", delivered="999.999.999")],
        index=[2],
        dtype="str",
    )
    store = pd.DataFrame(columns=["as_of", "commune_code", "target", "delivered", "activated"])
    preview = check_report(raw, reference.units(), store, TODAY, START, headers=HEADERS)
    assert not preview.problems
    assert preview.rows.loc[2, "target"] == preview.rows.loc[2, "delivered"] == 999_999_999


def test_the_fix_for_an_unknown_commune_gives_an_example_from_the_units_in_use() -> None:
    units = reference.units().copy()
    units.loc[units.index[0], ["commune_code", "commune_name"]] = ["70001", "Xã Tổng hợp 70001"]
    raw = pd.DataFrame([row(commune_name="Atlantis")], index=[2], dtype="str")
    store = pd.DataFrame(columns=["as_of", "commune_code", "target", "delivered", "activated"])
    (found,) = check_report(raw, units, store, TODAY, START, headers=HEADERS).problems
    assert "(e.g. 70001 for Xã Tổng hợp 70001)" in catalogue.english(found.fix)
    assert "(ví dụ 70001 cho Xã Tổng hợp 70001)" in render("vi", found.fix)
