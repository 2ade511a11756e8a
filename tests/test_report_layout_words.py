"""Reading a report the way a person does, as tables of facts: what a heading means, where the
header is, which date a title gives, which district a sheet or title names, which rows are not
communes."""

from datetime import date

import pytest

from cccd.report_dates import labelled_texts, name_date, title_date
from cccd.report_layout import IGNORED, find_header, header_role, is_numbering_row
from cccd.report_rows import FOOTER, GROUP, HEADING, SUBTOTAL, TOTAL, district_in_text, row_kind
from loaders import reference

D = date(2023, 5, 25)


@pytest.mark.parametrize(
    "heading, ours",
    [
        # cards delivered, however it is worded
        ("Số thẻ đã trả", "delivered"), ("Số CCCD đã cấp", "delivered"),
        ("SL thẻ trả dân", "delivered"), ("Đã giao thẻ", "delivered"),
        ("Trả thẻ Căn cước cho công dân", "delivered"), ("Cards delivered", "delivered"),
        ("Issued", "delivered"), ("Kết quả / Đã trả", "delivered"), ("delivered", "delivered"),
        # activations
        ("Đã kích hoạt VNeID", "activated"), ("Số TK định danh mức 2", "activated"),
        ("ĐDĐT", "activated"), ("Định danh điện tử", "activated"), ("e-ID activated", "activated"),
        # target
        ("Chỉ tiêu", "target"), ("Kế hoạch", "target"), ("KH", "target"),
        ("Số dân phải cấp", "target"), ("Dân số cần cấp", "target"),
        ("Tổng số công dân", "target"), ("Plan", "target"), ("target", "target"),
        # places
        ("Mã xã", "commune_code"), ("Mã đơn vị", "commune_code"), ("MA_DV", "commune_code"),
        ("MaXa", "commune_code"), ("commune_code", "commune_code"),
        ("Phường/Xã", "commune_name"), ("Đơn vị hành chính", "commune_name"),
        ("Đơn vị", "commune_name"), ("Xã/Phường/TT", "commune_name"), ("Ward", "commune_name"),
        ("Địa bàn", "commune_name"), ("Đơn vị cấp xã", "commune_name"),
        ("Quận/Huyện", "district_name"), ("Huyện/Thị xã", "district_name"),
        ("Mã huyện", "district_name"), ("district", "district_name"),
        # dates
        ("Ngày báo cáo", "as_of"), ("Ngày", "as_of"), ("Cập nhật đến", "as_of"),
        ("Ngày cập nhật", "as_of"), ("date", "as_of"), ("As of", "as_of"),
        # meaningless to us: never a refusal
        ("STT", IGNORED), ("TT", IGNORED), ("Ghi chú", IGNORED), ("Tỷ lệ (%)", IGNORED),
        ("Kết quả / Tỷ lệ", IGNORED), ("Đạt %", IGNORED), ("Số đã trả trong ngày", IGNORED),
        ("Số còn phải cấp", IGNORED), ("Thu nhận hồ sơ", IGNORED), ("Note", IGNORED),
        ("Đã trả trong kỳ", IGNORED), ("Phát sinh", IGNORED), ("Lũy kế đã trả", "delivered"),
        ("Số lượng", None), ("Chữ ký", None),
    ],
)  # fmt: skip
def test_a_heading_is_read_by_its_words(heading: str, ours: str | None) -> None:
    assert header_role(heading) == ours


TITLE = ["BÁO CÁO KẾT QUẢ"]
HEADER = ["STT", "Đơn vị", "Chỉ tiêu", "Đã trả", "Đã kích hoạt", "Ghi chú"]
DATA = ["1", "Phúc Xá", "4984", "3910", "2950", ""]


@pytest.mark.parametrize(
    "rows, position, depth, numbering, texts",
    [
        ([HEADER, DATA], 0, 1, 0, HEADER),
        ([TITLE + [""] * 5, [""] * 6, HEADER, DATA], 2, 1, 0, HEADER),
        ([HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"], DATA], 0, 1, 1, HEADER),
        (
            [["STT", "Đơn vị", "Chỉ tiêu", "Kết quả", "", "Ghi chú"],
             ["", "", "", "Đã trả", "Tỷ lệ", ""],
             ["1", "2", "3", "4", "5=4/3", "6"], DATA],
            0, 2, 1,
            ["STT", "Đơn vị", "Chỉ tiêu", "Kết quả / Đã trả", "Kết quả / Tỷ lệ", "Ghi chú"],
        ),
        (
            [["Đơn vị", "Chỉ tiêu", "Kết quả cấp, trả thẻ", "Kết quả cấp, trả thẻ", "VNeID"],
             ["", "", "Đã trả", "Tỷ lệ (%)", ""], DATA[1:]],
            0, 2, 0,
            ["Đơn vị", "Chỉ tiêu", "Kết quả cấp, trả thẻ / Đã trả",
             "Kết quả cấp, trả thẻ / Tỷ lệ (%)"],
        ),
        ([HEADER, ["", "Huyện Đan Phượng", "", "", "", ""], DATA], 0, 1, 0, HEADER),
        ([["Ngày báo cáo:", "", "2023-05-30", "", "", ""], HEADER, DATA], 1, 1, 0, HEADER),
    ],
    ids=["first row", "under a title", "numbering row", "group row and numbering",
         "merged group that names a figure too", "a district heading row under the header",
         "a labelled date above the header"],
)  # fmt: skip
def test_the_header_is_the_row_naming_most_of_our_columns(
    rows: list[list[str]], position: int, depth: int, numbering: int, texts: list[str]
) -> None:
    header = find_header(rows)
    assert header is not None
    assert (header.position, header.depth, header.numbering) == (position, depth, numbering)
    assert header.texts[: len(texts)] == texts


def test_data_rows_alone_are_no_header() -> None:
    rows = [["30/05/2023", "00001", "Phường Phúc Xá", "Quận Ba Đình", "4984", "3910", "2950"]] * 2
    assert find_header(rows) is None


@pytest.mark.parametrize(
    "cells, numbering",
    [(["(1)", "(2)", "(3)=(2)/(1)"], True), (["1", "2", "3", "4"], True), (["A", "B", "C"], True),
     (["1", "Phúc Xá", "4984"], False), (["1", "00001", "4984", "3910"], False)],
)  # fmt: skip
def test_a_numbering_row_is_told_from_data(cells: list[str], numbering: bool) -> None:
    assert is_numbering_row(cells) is numbering


@pytest.mark.parametrize(
    "texts, day",
    [
        (["(Số liệu tính đến ngày 25/05/2023)"], D),
        (["(Tính đến 17h00 ngày 25/5/2023)"], D),
        (["Ngày 25 tháng 5 năm 2023"], D),
        (["tính đến 25-5-2023"], D),
        (["Cập nhật đến 25.05.2023"], D),
        (["Hà Nội, ngày 26 tháng 5 năm 2023", "(Số liệu tính đến ngày 25/05/2023)"], D),
        (["(Số liệu tính đến ngày 25/05/2023)", "Hà Nội, ngày 26 tháng 5 năm 2023"], D),
        (["Từ ngày 01/5/2023 đến ngày 25/5/2023"], D),
        (["As of 25 May 2023"], D),
        (["Data as of May 25, 2023"], D),
        (["Hà Nội, ngày 26 tháng 5 năm 2023"], None),  # the signing date is not the data date
        (["Số: 123/BC-CAQ", "BÁO CÁO KẾT QUẢ CẤP CCCD"], None),
    ],
)
def test_the_data_date_is_read_from_the_title(texts: list[str], day: date | None) -> None:
    found = title_date(texts)
    assert (found.day if found else None) == day


@pytest.mark.parametrize(
    "name, day",
    [("bao-cao-25-05-2023.xlsx", D), ("BC_25.5.2023.csv", D), ("2023-05-25.csv", D),
     ("tong_hop_20230525.xlsx", D), ("report.csv", None), ("missing_date.csv", None)],
)  # fmt: skip
def test_a_date_in_a_file_name(name: str, day: date | None) -> None:
    assert name_date(name) == day


@pytest.mark.parametrize(
    "text, initials, code",
    [
        ("Ba Đình", True, "001"), ("BD", True, "001"), ("Q.BĐ", True, "001"),
        ("HBT", True, "007"), ("Thị xã Sơn Tây", False, "269"), ("BaDinh", True, "001"),
        ("TT", True, None),  # Thanh Trì, Thường Tín, Thạch Thất: initials that say nothing
        ("Sheet1", True, None), ("Tổng hợp", True, None), ("Quận 1", True, None),
        ("CÔNG AN QUẬN BA ĐÌNH", False, "001"), ("UBND HUYỆN THƯỜNG TÍN", False, "279"),
        ("CÔNG AN THÀNH PHỐ HÀ NỘI", False, None),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False, None),
    ],
)  # fmt: skip
def test_the_district_a_sheet_or_title_names(text: str, initials: bool, code: str | None) -> None:
    assert district_in_text(text, reference.units(), initials=initials) == code


@pytest.mark.parametrize(
    "label, kind",
    [
        ("I. Khối quận", GROUP), ("II. Khối huyện, thị xã", GROUP), ("Quận Ba Đình", HEADING),
        ("Huyện Thường Tín", HEADING), ("Cộng", SUBTOTAL), ("Cộng quận Ba Đình", SUBTOTAL),
        ("Cộng huyện Thường Tín", SUBTOTAL), ("Tổng quận Hoàn Kiếm", SUBTOTAL),
        ("TỔNG CỘNG", TOTAL), ("Tổng", TOTAL), ("Toàn thành phố", TOTAL), ("Toàn TP", TOTAL),
        ("Total", TOTAL), ("Nơi nhận:", FOOTER), ("NGƯỜI LẬP BIỂU", FOOTER),
        ("KT. TRƯỞNG CÔNG AN QUẬN", FOOTER), ("Hà Nội, ngày 26 tháng 5 năm 2023", FOOTER),
        ("Phường Phúc Xá", None), ("Phúc Xá", None), ("Các huyện, thị xã", GROUP),
    ],
)  # fmt: skip
def test_rows_that_are_not_communes(label: str, kind: str | None) -> None:
    assert row_kind(label)[0] == kind


@pytest.mark.parametrize(
    "rows, day",
    [
        ([["Ngày báo cáo:", "25/05/2023"]], D),
        ([["Số: 12/BC", "", "Hà Nội, ngày 26 tháng 5 năm 2023"],
          ["Số liệu đến:", "2023-05-25"]], D),
        ([["Ngày in:", "26/05/2023"], ["Số liệu tính đến:", "25/05/2023"]], D),
        ([["Ngày báo cáo", "45071"]], D),  # an Excel day number
    ],
)  # fmt: skip
def test_a_labelled_date_cell_above_the_header(rows: list[list[str]], day: date) -> None:
    assert title_date(labelled_texts(rows)).day == day


@pytest.mark.parametrize(
    "heading, ours",
    [("Tổng số công dân đủ điều kiện cấp", "target"), ("Số người thuộc diện cấp", "target"),
     ("Ward code", "commune_code"), ("District name", "district_name"),
     ("Cards issued", "delivered"), ("Population", "target")],
)  # fmt: skip
def test_more_wordings(heading: str, ours: str) -> None:
    assert header_role(heading) == ours


def test_a_number_above_the_header_is_no_date() -> None:
    assert title_date(labelled_texts([["Tổng số", "45071"]])) is None
