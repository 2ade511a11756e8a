"""More good layouts of the corpus (see make_layouts.py): formulas, shifted and blank rows,
date wordings, subtotals before their communes, prefixes, merged district cells."""

import random
from pathlib import Path

import pandas as pd
from layout_kit import (
    BASE,
    MAY_30,
    MAY_31,
    Builder,
    abbreviated,
    count,
    district,
    grouped,
    numbered,
    plain,
    rate,
    registrar,
    rise,
    save_results,
    short,
    signature_block,
    table,
    title_block,
    totals,
    write_csv,
    write_xlsx,
)

MORE: list[tuple[str, str, Builder]] = []
good = registrar(MORE)


def full(row: pd.Series) -> str:
    return row["commune_name"]


@good(
    "gia_lam_prefixes.xlsx",
    "'TT.'/'X.' prefixes that tell apart 'TT. Yên Viên' and "
    "'X. Yên Viên' of the same district, district column 'H. Gia Lâm', 'Xã/Thị trấn', "
    "date column as text '30/05/2023'",
)
def gia_lam(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("018"), MAY_30, rng)
    head = ["STT", "Xã/Thị trấn", "Huyện", "Chỉ tiêu", "Đã trả", "Kích hoạt", "Ngày"]
    body = table(
        rows,
        [
            numbered(),
            abbreviated,
            lambda r: "H. Gia Lâm",
            count("target"),
            count("delivered"),
            count("activated"),
            lambda r: "30/05/2023",
        ],
    )
    write_xlsx(path, [("Gia Lâm", [head, *body], [])])
    return rows


@good(
    "dong_da_formulas.xlsx",
    "formulas with the results Excel saved: 'Tỷ lệ (%)' =D/C*100 "
    "per row and a 'Tổng cộng' row of =SUM(...); title 'CÔNG AN QUẬN ĐỐNG ĐA', "
    "'(Số liệu tính đến ngày 30/05/2023)', full names (Quang Trung is also in Hà Đông)",
)
def dong_da(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("006"), MAY_30, rng)
    top = title_block(
        ["CÔNG AN THÀNH PHỐ HÀ NỘI", "CÔNG AN QUẬN ĐỐNG ĐA"],
        7,
        ["BÁO CÁO KẾT QUẢ CẤP CCCD", "(Số liệu tính đến ngày 30/05/2023)"],
    )
    first = len(top) + 2
    head = ["STT", "Phường", "Chỉ tiêu", "Đã trả", "Tỷ lệ (%)", "Kích hoạt", "Ghi chú"]
    body, results = [], {}
    for k, (_, r) in enumerate(rows.iterrows()):
        n = first + k
        body.append(
            [
                k + 1,
                full(r),
                int(r["target"]),
                int(r["delivered"]),
                f"=D{n}/C{n}*100",
                int(r["activated"]),
                "",
            ]
        )
        results[f"E{n}"] = 100 * r["delivered"] / r["target"]
    last, end = first + len(rows), first + len(rows) - 1
    s = totals(rows)
    body.append(
        [
            "",
            "Tổng cộng",
            f"=SUM(C{first}:C{end})",
            f"=SUM(D{first}:D{end})",
            f"=D{last}/C{last}*100",
            f"=SUM(F{first}:F{end})",
            "",
        ]
    )
    results |= {
        f"C{last}": s["target"],
        f"D{last}": s["delivered"],
        f"E{last}": 100 * s["delivered"] / s["target"],
        f"F{last}": s["activated"],
    }
    write_xlsx(path, [("Đống Đa", [*top, head, *body, *signature_block(7, "CÔNG AN QUẬN")], [])])
    save_results(path, {"sheet1": results})
    return rows


@good(
    "ha_dong_shifted_blank.csv",
    "table shifted right by two empty columns, blank rows "
    "between blocks of communes, one title line 'KẾT QUẢ CẤP CCCD QUẬN HÀ ĐÔNG ĐẾN NGÀY "
    "31/05/2023' naming district and date (Vạn Phúc, Nguyễn Trãi, Quang Trung exist elsewhere)",
)
def ha_dong(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("268"), MAY_31, rng)
    head = ["STT", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt"]
    body = table(rows, [numbered(), full, count("target"), count("delivered"), count("activated")])
    lines: list[list[object]] = [["KẾT QUẢ CẤP CCCD QUẬN HÀ ĐÔNG ĐẾN NGÀY 31/05/2023"], [], head]
    for k, line in enumerate(body):
        lines += [[]] * (k > 0 and k % 5 == 0) + [line]
    write_csv(path, [["", "", *line] if line else [] for line in lines], ",", "utf-8-sig")
    return rows


@good(
    "hai_ba_trung_tu_ngay.xlsx",
    "'Từ ngày 15/05/2023 đến ngày 30/05/2023' (the data date "
    "is the end), 'Chỉ tiêu được giao', 'Số thẻ đã trả cho công dân', 'Số tài khoản đã kích "
    "hoạt', 'Cộng' subtotal at the bottom, title names the district (Minh Khai, Đồng Tâm "
    "exist elsewhere)",
)
def hai_ba_trung(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("007"), MAY_30, rng)
    top = title_block(
        ["CÔNG AN QUẬN HAI BÀ TRƯNG", ""],
        5,
        ["BÁO CÁO KẾT QUẢ CẤP, TRẢ THẺ CCCD", "Từ ngày 15/05/2023 đến ngày 30/05/2023"],
    )
    head = [
        "TT",
        "Phường",
        "Chỉ tiêu được giao",
        "Số thẻ đã trả cho công dân",
        "Số tài khoản đã kích hoạt",
    ]
    body = table(rows, [numbered(), full, count("target"), count("delivered"), count("activated")])
    s = totals(rows)
    write_xlsx(path, [("BC", [*top, head, *body, ["", "Cộng", *s.values()]], [])])
    return rows


@good(
    "hoang_mai_ngay_bang_chu.xlsx",
    "data date in words in the title ('ĐẾN NGÀY 30 THÁNG 5 "
    "NĂM 2023') beside a signing date also in words (31 tháng 5), district column "
    "'Quận/huyện', 'P.' names (Hoàng Văn Thụ, Trần Phú, Yên Sở exist elsewhere)",
)
def hoang_mai(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("008"), MAY_30, rng)
    top = title_block(
        ["CÔNG AN QUẬN HOÀNG MAI", ""],
        6,
        ["KẾT QUẢ CẤP CĂN CƯỚC CÔNG DÂN ĐẾN NGÀY 30 THÁNG 5 NĂM 2023"],
    )
    head = ["STT", "Quận/huyện", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt VNeID"]
    body = table(
        rows,
        [
            numbered(),
            lambda r: r["district_name"],
            abbreviated,
            count("target"),
            count("delivered"),
            count("activated"),
        ],
    )
    write_xlsx(path, [("Hoàng Mai", [*top, head, *body], [])])
    return rows


@good(
    "hoan_kiem_english_two_row.xlsx",
    "English two-row header ('Results' over 'Cards "
    "delivered' + 'Rate (%)'), 'No.', 'Code' (text '00037'), 'Ward', 'Activated e-IDs', "
    "'Notes'; English title 'Figures as of 31/05/2023'",
)
def hoan_kiem_english(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("002"), MAY_31, rng)
    top = [
        ["HOAN KIEM DISTRICT POLICE"],
        [],
        ["CCCD CARD DELIVERY PROGRESS"],
        ["Figures as of 31/05/2023"],
        [],
    ]
    n = len(top) + 1
    head = [
        ["No.", "Code", "Ward", "Target", "Results", "", "Activated e-IDs", "Notes"],
        ["", "", "", "", "Cards delivered", "Rate (%)", "", ""],
    ]
    merged = [f"{c}{n}:{c}{n + 1}" for c in "ABCDGH"] + [f"E{n}:F{n}"]
    body = table(
        rows,
        [
            numbered(),
            lambda r: r["commune_code"],
            short,
            count("target"),
            count("delivered"),
            lambda r: rate(r["delivered"], r["target"], False),
            count("activated"),
            lambda r: "",
        ],
    )
    write_xlsx(path, [("Progress", [*top, *head, *body], merged)])
    return rows


@good(
    "ba_vi_khong_dau.csv",
    "everything without diacritics: title 'CONG AN HUYEN BA VI', "
    "'So lieu tinh den ngay 30/05/2023', headers 'Ten xa', 'Chi tieu', 'Da tra', 'Kich hoat'; "
    "a commune named like its district (xa Ba Vi, numbered like the others); Phu Cuong and "
    "Tien Phong also exist elsewhere",
)
def ba_vi(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("271"), MAY_30, rng)
    top = [
        ["CONG AN HUYEN BA VI"],
        ["BAO CAO KET QUA CAP CCCD"],
        ["So lieu tinh den ngay 30/05/2023"],
        [],
    ]
    head = ["STT", "Ten xa", "Chi tieu", "Da tra", "Kich hoat"]
    body = table(
        rows,
        [
            numbered(),
            lambda r: plain(r["commune_name_short"]),
            count("target"),
            count("delivered"),
            count("activated"),
        ],
    )
    write_csv(path, [*top, head, *body], ",", "utf-8")
    return rows


@good(
    "chuong_my_numbering.xlsx",
    "numbering row '(1) (2) (3) (4) (5)=(4)/(3) (6)' under the "
    "header, 'Tổng cộng' before the communes, 'Xã, thị trấn', 'Số dân phải cấp', 'Đã giao "
    "thẻ', 'Tỷ lệ', 'Đã kích hoạt ĐDĐT', '(Tính đến 17h00 ngày 31/5/2023)', district in title",
)
def chuong_my(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("277"), MAY_31, rng)
    top = title_block(
        ["CÔNG AN THÀNH PHỐ HÀ NỘI", "CÔNG AN HUYỆN CHƯƠNG MỸ"],
        6,
        ["TIẾN ĐỘ CẤP CCCD", "(Tính đến 17h00 ngày 31/5/2023)"],
    )
    head = ["STT", "Xã, thị trấn", "Số dân phải cấp", "Đã giao thẻ", "Tỷ lệ", "Đã kích hoạt ĐDĐT"]
    numbers = ["(1)", "(2)", "(3)", "(4)", "(5)=(4)/(3)", "(6)"]
    s = totals(rows)
    total = [
        "",
        "Tổng cộng",
        s["target"],
        s["delivered"],
        rate(s["delivered"], s["target"]),
        s["activated"],
    ]
    body = table(
        rows,
        [
            numbered(),
            full,
            count("target"),
            count("delivered"),
            lambda r: rate(r["delivered"], r["target"]),
            count("activated"),
        ],
    )
    write_xlsx(path, [("Chương Mỹ", [*top, head, numbers, total, *body], [])])
    return rows


@good(
    "soc_son_cong_van.xlsx",
    "a full official letter: document number 'Số: 123/BC-CAH', "
    "'Kính gửi:' line, the header in row 13, 'Nơi nhận:' list and signatures below, 'X.'/'TT.' "
    "names (Tân Minh, Phú Cường… exist elsewhere), district in the body 'UBND HUYỆN SÓC SƠN'",
)
def soc_son(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("016"), MAY_30, rng)
    top = title_block(
        ["UBND HUYỆN SÓC SƠN", "CÔNG AN HUYỆN"],
        5,
        [
            "Số: 123/BC-CAH",
            "Kính gửi: Công an thành phố Hà Nội",
            "BÁO CÁO",
            "Kết quả cấp, trả thẻ Căn cước công dân",
            "(Số liệu tính đến ngày 30/05/2023)",
        ],
    )
    head = ["STT", "Đơn vị", "Chỉ tiêu", "Đã trả", "Kích hoạt VNeID"]
    body = table(
        rows, [numbered(), abbreviated, count("target"), count("delivered"), count("activated")]
    )
    tail = [
        [],
        ["Nơi nhận:"],
        ["- Như trên;"],
        ["- Lưu: VT."],
        *signature_block(5, "CÔNG AN HUYỆN"),
    ]
    write_xlsx(path, [("Sóc Sơn", [*top, head, *body, *tail], [])])
    return rows


@good(
    "sep_line_thanh_tri.csv",
    "Excel 'sep=;' first line, ';', 'Ngày báo cáo' with one-digit "
    "month '30/5/2023', codes and names",
)
def sep_line(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("020"), MAY_30, rng)
    head = ["Mã xã", "Tên xã", "Chỉ tiêu", "Đã trả", "Kích hoạt", "Ngày báo cáo"]
    body = table(
        rows,
        [
            lambda r: r["commune_code"],
            full,
            count("target"),
            count("delivered"),
            count("activated"),
            lambda r: "30/5/2023",
        ],
    )
    write_csv(path, [head, *body], ";", "utf-8", first="sep=;")
    return rows


@good(
    "tay_ho_hai_ngay.csv",
    "two days in one file (date column '30/5/2023' then "
    "'31/5/2023'), codes with a prefix 'VN-01-00091', 'Mã', 'Kế hoạch', 'Định danh mức 2'",
)
def two_days(path: Path, rng: random.Random) -> pd.DataFrame:
    first = rise(district("003"), MAY_30, rng)
    second = rise(first, MAY_31, rng)
    head = ["Ngày", "Mã", "Kế hoạch", "Đã trả", "Định danh mức 2"]
    lines = []
    for rows, text in ((first, "30/5/2023"), (second, "31/5/2023")):
        lines += table(
            rows,
            [
                lambda r, t=text: t,
                lambda r: f"VN-01-{r['commune_code']}",
                count("target"),
                count("delivered"),
                count("activated"),
            ],
        )
    write_csv(path, [head, *lines], ",", "utf-8-sig")
    return pd.concat([first, second])


@good(
    "me_linh_cong_truoc.xlsx",
    "district only from the subtotal row 'Cộng huyện Mê Linh' "
    "placed before the communes (Liên Mạc, Tiền Phong exist elsewhere), two-row header "
    "'Kết quả cấp, trả thẻ CCCD' over 'Đã trả' + 'Tỷ lệ (%)', 'Đơn vị hành chính'",
)
def me_linh(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("250"), MAY_30, rng)
    top = [["BÁO CÁO TIẾN ĐỘ CẤP CCCD"], ["(Số liệu tính đến ngày 30/05/2023)"], []]
    n = len(top) + 1
    head = [
        [
            "STT",
            "Đơn vị hành chính",
            "Chỉ tiêu",
            "Kết quả cấp, trả thẻ CCCD",
            "",
            "Kích hoạt VNeID",
        ],
        ["", "", "", "Đã trả", "Tỷ lệ (%)", ""],
    ]
    merged = [f"{c}{n}:{c}{n + 1}" for c in "ABCF"] + [f"D{n}:E{n}"]
    s = totals(rows)
    subtotal = [
        "",
        "Cộng huyện Mê Linh",
        s["target"],
        s["delivered"],
        rate(s["delivered"], s["target"]),
        s["activated"],
    ]
    body = table(
        rows,
        [
            numbered(),
            short,
            count("target"),
            count("delivered"),
            lambda r: rate(r["delivered"], r["target"]),
            count("activated"),
        ],
    )
    write_xlsx(path, [("Sheet1", [*top, *head, subtotal, *body], merged)])
    return rows


@good(
    "dan_phuong_tieu_de_huyen.csv",
    "Windows-1258 ';' with a district heading row 'Huyện Đan "
    "Phượng' (no figures) above its communes (Liên Hà exists in Đông Anh), '.' thousands, "
    "'Tính đến ngày 31-5-2023'",
)
def dan_phuong(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("273"), MAY_31, rng)
    head = ["STT", "Tên đơn vị", "Chỉ tiêu", "Đã trả", "Kích hoạt"]
    body = table(
        rows,
        [numbered(), full, count("target", "."), count("delivered", "."), count("activated", ".")],
    )
    lines = [
        ["BÁO CÁO TIẾN ĐỘ CẤP CCCD"],
        ["Tính đến ngày 31-5-2023"],
        [],
        head,
        ["", "Huyện Đan Phượng"],
        *body,
    ]
    write_csv(path, lines, ";", "cp1258")
    return rows


@good(
    "nam_tu_liem_cap_nhat.xlsx",
    "codes as text '01.019.00xxx', date cells in a column "
    "'Cập nhật đến', 'Tỷ lệ (%)' as text '92,4%', 'Ghi chú' with '-' and words, 'Số CCCD đã "
    "cấp' for delivered, 'Số TK định danh mức 2'",
)
def nam_tu_liem(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("019"), MAY_30, rng)
    head = [
        "Mã đơn vị",
        "Đơn vị",
        "Kế hoạch",
        "Số CCCD đã cấp",
        "Tỷ lệ (%)",
        "Số TK định danh mức 2",
        "Cập nhật đến",
        "Ghi chú",
    ]
    body = table(
        rows,
        [
            lambda r: f"01.019.{r['commune_code']}",
            short,
            count("target"),
            count("delivered"),
            lambda r: rate(r["delivered"], r["target"]) + "%",
            count("activated"),
            lambda r: MAY_30,
            lambda r: "Hoàn thành" if r["delivered"] == r["target"] else "-",
        ],
    )
    write_xlsx(path, [("NTL", [head, *body], [])])
    return rows


@good(
    "thach_that_so_dang_chu.xlsx",
    "counts stored as text cells with '.' thousands "
    "('17.557'), title 'CÔNG AN HUYỆN THẠCH THẤT', '(Số liệu tính đến ngày 31/05/2023)', short "
    "names (Phùng Xá also in Mỹ Đức)",
)
def thach_that(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("276"), MAY_31, rng)
    top = title_block(
        ["CÔNG AN HUYỆN THẠCH THẤT", ""], 5, ["BÁO CÁO", "(Số liệu tính đến ngày 31/05/2023)"]
    )
    head = ["STT", "Xã", "Chỉ tiêu", "Đã trả", "Kích hoạt VNeID"]
    body = table(
        rows,
        [numbered(), short, count("target", "."), count("delivered", "."), count("activated", ".")],
    )
    write_xlsx(path, [("Thạch Thất", [*top, head, *body], [])])
    return rows


@good(
    "toan_tp_cot_quan.csv",
    "whole city, one line per commune with a district column "
    "'Quận/Huyện' and 'Phường/Xã' (full names: same names in several districts), UTF-8 BOM, "
    "'Ngày' column '31/05/2023'",
)
def city_csv(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(BASE, MAY_31, rng)
    head = ["Quận/Huyện", "Phường/Xã", "Chỉ tiêu", "Đã trả", "Kích hoạt", "Ngày"]
    body = table(
        rows,
        [
            lambda r: r["district_name"],
            full,
            count("target"),
            count("delivered"),
            count("activated"),
            lambda r: "31/05/2023",
        ],
    )
    write_csv(path, [head, *body], ",", "utf-8-sig")
    return rows


@good(
    "quoc_oai_phuc_tho_gop_o.xlsx",
    "two districts in one sheet, the district column a "
    "merged cell down each district's rows (value in its first row only; Đông Xuân, Tam "
    "Hiệp, Vân Hà… exist elsewhere), '(Số liệu tính đến ngày 30/05/2023)', comma thousands "
    "in text cells",
)
def merged_districts(path: Path, rng: random.Random) -> pd.DataFrame:
    parts = [rise(district(code), MAY_30, rng) for code in ("275", "272")]
    top = [["KẾT QUẢ CẤP CCCD"], ["(Số liệu tính đến ngày 30/05/2023)"], []]
    head = ["Huyện", "STT", "Xã, thị trấn", "Chỉ tiêu", "Đã trả", "Kích hoạt"]
    lines, merged, n = [], [], len(top) + 2
    for rows in parts:
        body = table(
            rows,
            [
                lambda r: "",
                numbered(),
                short,
                count("target", ","),
                count("delivered", ","),
                count("activated", ","),
            ],
        )
        body[0][0] = rows["district_name"].iloc[0]
        merged.append(f"A{n}:A{n + len(body) - 1}")
        lines += body
        n += len(body)
    write_xlsx(path, [("Sheet1", [*top, head, *lines], merged)])
    return pd.concat(parts)


_ = grouped  # kept for layouts that write other separators
