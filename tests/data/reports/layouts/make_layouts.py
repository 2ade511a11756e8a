"""Write the layouts corpus: daily reports as offices send them, each with its truth.

    python tests/data/reports/layouts/make_layouts.py

writes the good files, TRUTH.csv (file, as_of, commune_code, target, delivered, activated:
exactly the rows each file must put in the store) and SHAPES.csv (what each file tests), then
the broken variants under broken/ (make_broken.py). Seeded: the same files every run.
Layouts follow /work/shared/REPORT_LAYOUTS.md; none is our template.
"""

import csv
import random
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[3])]

from layout_kit import (  # noqa: E402
    FIELDS,
    MAY_30,
    MAY_31,
    Builder,
    abbreviated,
    count,
    district,
    joined,
    numbered,
    other_tone,
    plain,
    rate,
    registrar,
    rise,
    short,
    signature_block,
    table,
    title_block,
    totals,
    write_csv,
    write_xlsx,
)
from layouts_extra import EXTRA  # noqa: E402
from layouts_more import MORE  # noqa: E402

GOOD: list[tuple[str, str, Builder]] = []
good = registrar(GOOD)


@good(
    "ba_dinh_cong_an_quan.xlsx",
    "title block (body, motto, signing date 31/05 not the data "
    "date), '(Số liệu tính đến ngày 30/05/2023)', STT, short names, district only in the "
    "title, 'Ghi chú', 'Tổng cộng' at the bottom, signature block",
)
def ba_dinh(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("001"), MAY_30, rng)
    head = ["STT", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt VNeID", "Ghi chú"]
    lines = [
        "BÁO CÁO",
        "Kết quả cấp, trả thẻ Căn cước công dân và kích hoạt tài khoản định danh điện tử",
        "(Số liệu tính đến ngày 30/05/2023)",
    ]
    body = table(
        rows,
        [
            numbered(),
            short,
            count("target"),
            count("delivered"),
            count("activated"),
            lambda r: "Đạt chỉ tiêu" if r["delivered"] == r["target"] else "",
        ],
    )
    sums = totals(rows)
    total = ["", "Tổng cộng", sums["target"], sums["delivered"], sums["activated"], ""]
    sheet = [
        *title_block(["CÔNG AN THÀNH PHỐ HÀ NỘI", "CÔNG AN QUẬN BA ĐÌNH"], 6, lines),
        head,
        *body,
        total,
        *signature_block(6, "CÔNG AN QUẬN"),
    ]
    write_xlsx(path, [("Báo cáo", sheet, ["A1:B1", "A2:B2"])])
    return rows


@good(
    "tay_ho_merged_header.xlsx",
    "two-row merged header ('Kết quả' over 'Đã trả' + 'Tỷ lệ (%)', "
    "'Kích hoạt' over 'Số TK định danh mức 2' + 'Tỷ lệ (%)'), numbering row '(1) (2) "
    "(5)=(4)/(3)', 'P.' names, '(Tính đến 17h00 ngày 30/5/2023)', 'Cộng quận Tây Hồ' after",
)
def tay_ho(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("003"), MAY_30, rng)
    lines = ["BIỂU TỔNG HỢP KẾT QUẢ CẤP CĂN CƯỚC CÔNG DÂN", "(Tính đến 17h00 ngày 30/5/2023)"]
    top = title_block(["CÔNG AN QUẬN TÂY HỒ", "ĐỘI CẢNH SÁT QLHC VỀ TTXH"], 7, lines)
    n = len(top) + 1  # the header's first row
    head = [
        ["STT", "Đơn vị", "Chỉ tiêu", "Kết quả", "", "Kích hoạt", ""],
        ["", "", "", "Đã trả", "Tỷ lệ (%)", "Số TK định danh mức 2", "Tỷ lệ (%)"],
        ["(1)", "(2)", "(3)", "(4)", "(5)=(4)/(3)", "(6)", "(7)=(6)/(4)"],
    ]
    merged = [f"A{n}:A{n + 1}", f"B{n}:B{n + 1}", f"C{n}:C{n + 1}", f"D{n}:E{n}", f"F{n}:G{n}"]
    body = table(
        rows,
        [
            numbered(),
            abbreviated,
            count("target"),
            count("delivered"),
            lambda r: round(100 * r["delivered"] / r["target"], 1),
            count("activated"),
            lambda r: round(100 * r["activated"] / r["delivered"], 1),
        ],
    )
    s = totals(rows)
    total = [
        "",
        "Cộng quận Tây Hồ",
        s["target"],
        s["delivered"],
        round(100 * s["delivered"] / s["target"], 1),
        s["activated"],
        round(100 * s["activated"] / s["delivered"], 1),
    ]
    write_xlsx(path, [("Tây Hồ", [*top, *head, *body, total], merged)])
    return rows


def _city_rows(rows: pd.DataFrame) -> list[list[object]]:
    """The city's compiled table: grand total first, groups I/II, each district heading row
    holding its sums before its communes."""

    def summed(label: object, name: str, part: pd.DataFrame) -> list[object]:
        s = totals(part)
        return [
            label,
            name,
            s["target"],
            s["delivered"],
            rate(s["delivered"], s["target"]),
            s["activated"],
            "",
        ]

    lines = [summed("", "TOÀN THÀNH PHỐ", rows)]
    urban = rows["district_name"].str.startswith("Quận")
    for roman, group, part in (
        ("I", "Khối quận", rows[urban]),
        ("II", "Khối huyện, thị xã", rows[~urban]),
    ):
        lines.append(summed(roman, group.upper(), part))
        for _, communes in part.groupby("district_code", sort=True):
            lines.append(summed("", communes["district_name"].iloc[0], communes))
            lines += table(
                communes,
                [
                    numbered(),
                    lambda r: r["commune_name"],
                    count("target"),
                    count("delivered"),
                    lambda r: rate(r["delivered"], r["target"]),
                    count("activated"),
                    lambda r: "Đạt" if r["delivered"] == r["target"] else "",
                ],
            )
    return lines


@good(
    "toan_thanh_pho.xlsx",
    "the city's compiled summary: all 579 communes, grand total "
    "'TOÀN THÀNH PHỐ' first, Roman group rows 'I Khối quận' / 'II Khối huyện, thị xã', district "
    "heading rows holding their sums before their communes (same names in several districts), "
    "'Dân số cần cấp', 'Số CCCD đã trả', 'Tỷ lệ (%)' as '78,4', 'Đã kích hoạt ĐDĐT', 31/05",
)
def whole_city(path: Path, rng: random.Random) -> pd.DataFrame:
    from layout_kit import BASE

    rows = rise(BASE, MAY_31, rng)
    lines = [
        "BIỂU TỔNG HỢP TIẾN ĐỘ CẤP CĂN CƯỚC CÔNG DÂN VÀ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ",
        "(Số liệu tính đến ngày 31/05/2023)",
    ]
    top = title_block(["CÔNG AN THÀNH PHỐ HÀ NỘI", "PHÒNG CẢNH SÁT QLHC VỀ TTXH"], 7, lines)
    head = [
        "TT",
        "Đơn vị",
        "Dân số cần cấp",
        "Số CCCD đã trả",
        "Tỷ lệ (%)",
        "Đã kích hoạt ĐDĐT",
        "Ghi chú",
    ]
    sheet = [*top, head, *_city_rows(rows), *signature_block(7, "PHÒNG")]
    write_xlsx(path, [("TH toàn TP", sheet, [])])
    return rows


def _district_sheet(rows: pd.DataFrame, head: list[str], lines: list[str]) -> list[list]:
    body = table(rows, [numbered(), short, count("target"), count("delivered"), count("activated")])
    return [*([line] for line in lines), [], head, *body]


@good(
    "theo_quan_nhieu_sheet.xlsx",
    "one sheet per district named 'Ba Đình', 'Q.Tây Hồ', "
    "'Cầu Giấy' (district only from the sheet name) + an empty leftover 'Sheet1', "
    "'Tên phường', 'Số thẻ đã trả', date line above each table",
)
def per_district(path: Path, rng: random.Random) -> pd.DataFrame:
    head = ["TT", "Tên phường", "Chỉ tiêu", "Số thẻ đã trả", "Kích hoạt VNeID"]
    lines = ["BÁO CÁO TIẾN ĐỘ CẤP CCCD", "Số liệu tính đến ngày 30/05/2023"]
    parts, sheets = [], []
    for code, name in (("001", "Ba Đình"), ("003", "Q.Tây Hồ"), ("005", "Cầu Giấy")):
        rows = rise(district(code), MAY_30, rng)
        parts.append(rows)
        sheets.append((name, _district_sheet(rows, head, lines), []))
    write_xlsx(path, [*sheets, ("Sheet1", [], [])])
    return pd.concat(parts)


@good(
    "tong_hop_va_quan.xlsx",
    "a summary sheet 'Tổng hợp' of district totals only (no commune: "
    "nothing to import) before the district sheets 'BD' and 'Tay Ho' (abbreviated, no "
    "diacritics), 'KH' for the target, '(Số liệu đến ngày 31/5/2023)'",
)
def summary_and_districts(path: Path, rng: random.Random) -> pd.DataFrame:
    head = ["STT", "Phường", "KH", "Đã trả", "Kích hoạt VNeID"]
    lines = ["KẾT QUẢ CẤP CCCD", "(Số liệu đến ngày 31/5/2023)"]
    ba_dinh_, tay_ho_ = rise(district("001"), MAY_31, rng), rise(district("003"), MAY_31, rng)
    summary = [
        ["BIỂU TỔNG HỢP THEO QUẬN"],
        ["(Số liệu đến ngày 31/5/2023)"],
        [],
        ["STT", "Quận", "KH", "Đã trả", "Kích hoạt VNeID"],
    ]
    for number, (name, rows) in enumerate(
        (("Quận Ba Đình", ba_dinh_), ("Quận Tây Hồ", tay_ho_)), 1
    ):
        summary.append([number, name, *totals(rows).values()])
    summary.append(["", "Tổng cộng", *totals(pd.concat([ba_dinh_, tay_ho_])).values()])
    write_xlsx(
        path,
        [
            ("Tổng hợp", summary, []),
            ("BD", _district_sheet(ba_dinh_, head, lines), []),
            ("Tay Ho", _district_sheet(tay_ho_, head, lines), []),
        ],
    )
    return pd.concat([ba_dinh_, tay_ho_])


@good(
    "he_thong_xuat_hoan_kiem.csv",
    "system export: ';', UTF-8 with BOM, '.' thousands "
    "('17.557'), codes '01.002.00037', 'Mã ĐVHC', 'Tên ĐVHC', 'Cấp huyện', 'SL thẻ trả dân', "
    "'TK định danh mức 2', date column 'Cập nhật đến'",
)
def system_export(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("002"), MAY_30, rng)
    head = [
        "Mã ĐVHC",
        "Tên ĐVHC",
        "Cấp huyện",
        "Chỉ tiêu",
        "SL thẻ trả dân",
        "TK định danh mức 2",
        "Cập nhật đến",
    ]
    body = table(
        rows,
        [
            lambda r: f"01.{r['district_code']}.{r['commune_code']}",
            lambda r: r["commune_name"],
            lambda r: r["district_name"],
            count("target", "."),
            count("delivered", "."),
            count("activated", "."),
            lambda r: "30/05/2023",
        ],
    )
    write_csv(path, [head, *body], ";", "utf-8-sig")
    return rows


@good(
    "wards_english.csv",
    "English headers 'Ward', 'District', 'Target', 'Cards delivered', "
    "'Activated e-IDs', 'Date'; names and districts without diacritics; ',' thousands in "
    "quoted cells ('4,984'); UTF-8 without BOM; ISO dates; two districts",
)
def english(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = pd.concat([rise(district("001"), MAY_30, rng), rise(district("009"), MAY_30, rng)])
    head = ["Ward", "District", "Target", "Cards delivered", "Activated e-IDs", "Date"]
    body = table(
        rows,
        [
            lambda r: plain(r["commune_name_short"]),
            lambda r: plain(r["district_name_short"]),
            count("target", ","),
            count("delivered", ","),
            count("activated", ","),
            lambda r: "2023-05-30",
        ],
    )
    write_csv(path, [head, *body], ",", "utf-8")
    return rows


@good(
    "unicode_text_thuong_tin.txt",
    "Excel 'Unicode Text': UTF-16 with BOM, tab-separated, "
    "title block with 'UBND HUYỆN THƯỜNG TÍN', 'Số liệu tính đến ngày 31/05/2023', full "
    "official names (several also in other districts), 'Kế hoạch', 'Đã giao thẻ', "
    "'Kích hoạt định danh điện tử'",
)
def unicode_text(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("279"), MAY_31, rng)
    top = title_block(
        ["UBND HUYỆN THƯỜNG TÍN", "CÔNG AN HUYỆN"],
        5,
        ["BÁO CÁO TIẾN ĐỘ CẤP CCCD", "Số liệu tính đến ngày 31/05/2023"],
    )
    head = ["STT", "Đơn vị", "Kế hoạch", "Đã giao thẻ", "Kích hoạt định danh điện tử"]
    body = table(
        rows,
        [
            numbered(),
            lambda r: r["commune_name"],
            count("target"),
            count("delivered"),
            count("activated"),
        ],
    )
    write_csv(path, [*top, head, *body], "\t", "utf-16")
    return rows


@good(
    "bao-cao-30-05-2023.csv",
    "date only in the file name; codes as integers ('124' for "
    "00124); 'Mã xã', 'Đã trả', 'Kích hoạt'; nothing else",
)
def date_in_name(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("004"), MAY_30, rng)
    body = table(
        rows,
        [
            lambda r: str(int(r["commune_code"])),
            count("target"),
            count("delivered"),
            count("activated"),
        ],
    )
    write_csv(path, [["Mã xã", "Chỉ tiêu", "Đã trả", "Kích hoạt"], *body], ",", "utf-8-sig")
    return rows


@good(
    "ung_hoa_cp1258.csv",
    "Windows-1258 (tone marks as combining characters), ';', '.' "
    "thousands, old tone placement ('Hoà Lâm', title 'CÔNG AN HUYỆN ỨNG HOÀ'), header 'Xã, "
    "thị trấn' with a comma, 'Số dân phải cấp', 'Số CCCD đã cấp', 'Số TK định danh mức 2', "
    "'Ghi chú', '(Số liệu tính đến ngày 30/5/2023)'",
)
def windows_1258(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("281"), MAY_30, rng)
    top = title_block(
        ["CÔNG AN HUYỆN ỨNG HOÀ", ""], 6, ["BÁO CÁO KẾT QUẢ", "(Số liệu tính đến ngày 30/5/2023)"]
    )
    head = [
        "STT",
        "Xã, thị trấn",
        "Số dân phải cấp",
        "Số CCCD đã cấp",
        "Số TK định danh mức 2",
        "Ghi chú",
    ]
    body = table(
        rows,
        [
            numbered(),
            lambda r: other_tone(r["commune_name_short"]),
            count("target", "."),
            count("delivered", "."),
            count("activated", "."),
            lambda r: "",
        ],
    )
    write_csv(path, [*top, head, *body], ";", "cp1258")
    return rows


@good(
    "cau_giay_serial_dates.xlsx",
    "date column of Excel serial day numbers (45076), codes "
    "as numbers (157 for 00157), 'Mã đơn vị', 'Tên đơn vị', no title",
)
def serial_dates(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("005"), MAY_30, rng)
    head = ["Ngày", "Mã đơn vị", "Tên đơn vị", "Chỉ tiêu", "Đã trả", "Kích hoạt"]
    body = table(
        rows,
        [
            lambda r: 45076,
            lambda r: int(r["commune_code"]),
            short,
            count("target"),
            count("delivered"),
            count("activated"),
        ],
    )
    write_xlsx(path, [("Sheet1", [head, *body], [])])
    return rows


@good(
    "thanh_xuan_date_cells.xlsx",
    "English headers 'Report date', 'Ward', 'District', "
    "'Target', 'Cards delivered', 'Activated e-IDs'; real Excel date cells (31/05/2023); full "
    "Vietnamese names",
)
def date_cells(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("009"), MAY_31, rng)
    head = ["Report date", "Ward", "District", "Target", "Cards delivered", "Activated e-IDs"]
    body = table(
        rows,
        [
            lambda r: MAY_31,
            lambda r: r["commune_name"],
            lambda r: r["district_name"],
            count("target"),
            count("delivered"),
            count("activated"),
        ],
    )
    write_xlsx(path, [("Report", [head, *body], [])])
    return rows


@good(
    "no_spaces_export.csv",
    "dataset export: names and districts without diacritics or "
    "spaces ('PhucXa', 'BaDinh', 'DichVongHau'), headers 'ward', 'district', 'plan', "
    "'cards_delivered', 'vneid_activated', 'report_date'",
)
def no_spaces(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = pd.concat([rise(district(code), MAY_30, rng) for code in ("001", "003", "005")])
    head = ["ward", "district", "plan", "cards_delivered", "vneid_activated", "report_date"]
    body = table(
        rows,
        [
            lambda r: joined(r["commune_name_short"]),
            lambda r: joined(r["district_name_short"]),
            count("target"),
            count("delivered"),
            count("activated"),
            lambda r: "30/05/2023",
        ],
    )
    write_csv(path, [head, *body], ",", "utf-8")
    return rows


@good(
    "long_bien_space_thousands.txt",
    "tab-separated UTF-8 .txt, space and no-break space "
    "thousands ('12 776'), title 'CÔNG AN QUẬN LONG BIÊN' (a name also in Hoài Đức), "
    "'Tổng số công dân', 'Trả cho công dân', 'Định danh mức 2', 'Tính đến ngày 30/05/2023'",
)
def space_thousands(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("004"), MAY_30, rng)
    top = [["CÔNG AN QUẬN LONG BIÊN"], ["KẾT QUẢ CẤP CCCD"], ["Tính đến ngày 30/05/2023"], []]
    head = ["STT", "Phường", "Tổng số công dân", "Trả cho công dân", "Định danh mức 2"]
    body = table(
        rows,
        [
            numbered(),
            short,
            count("target", " "),
            count("delivered", "\u00a0"),
            count("activated", " "),
        ],
    )
    write_csv(path, [*top, head, *body], "\t", "utf-8")
    return rows


GOOD.extend(MORE)
GOOD.extend(EXTRA)


def main() -> None:
    """Write every good file, TRUTH.csv and SHAPES.csv, then the broken variants."""
    truths, shapes = [], []
    for name, shape, builder in GOOD:
        rows = builder(HERE / name, random.Random(name))
        truth = rows[FIELDS].astype({"target": int, "delivered": int, "activated": int})
        truths.append(truth.assign(file=name))
        shapes.append({"file": name, "shape": shape})
    truth = pd.concat(truths)[["file", *FIELDS]].sort_values(["file", "as_of", "commune_code"])
    truth.to_csv(HERE / "TRUTH.csv", index=False)
    pd.DataFrame(shapes).to_csv(HERE / "SHAPES.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    from make_broken import main as broken

    broken()
    print(f"{len(GOOD)} good files, {len(truth)} truth rows")


if __name__ == "__main__":
    main()
