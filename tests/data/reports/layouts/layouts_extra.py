"""Yet more good layouts of the corpus (see make_layouts.py): several districts with headings
and subtotals after them, a date cell labelled above the header, a CSV of Excel day numbers."""

import random
from pathlib import Path

import pandas as pd
from layout_kit import (
    MAY_30,
    MAY_31,
    Builder,
    Percent,
    abbreviated,
    count,
    district,
    numbered,
    other_tone,
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

EXTRA: list[tuple[str, str, Builder]] = []
good = registrar(EXTRA)


def _left(row: pd.Series) -> str:
    missing = int(row["target"] - row["delivered"])
    return f"Còn {missing} thẻ chưa trả" if missing else "Hoàn thành"


@good(
    "hoan_kiem_thuong_tin_cong_sau.xlsx",
    "two districts, each a heading row ('Quận Hoàn Kiếm', 'Huyện Thường Tín', no figures) then "
    "its communes then 'Cộng quận Hoàn Kiếm' / 'Cộng huyện Thường Tín', 'Tổng cộng' last "
    "(Chương Dương is in both districts); columns in another order (activations before "
    "deliveries), 'Tỷ lệ đã trả (%)' as Excel percentage cells, 'Ghi chú' with numbers in words",
)
def two_districts(path: Path, rng: random.Random) -> pd.DataFrame:
    parts = [rise(district(code), MAY_31, rng) for code in ("002", "279")]
    top = title_block(
        ["CÔNG AN THÀNH PHỐ HÀ NỘI", "PHÒNG PC06"],
        7,
        ["BÁO CÁO KẾT QUẢ CẤP CCCD", "(Số liệu tính đến ngày 31/05/2023)"],
    )
    head = ["STT", "Đơn vị", "Chỉ tiêu", "Đã kích hoạt VNeID", "Đã trả thẻ", "Tỷ lệ đã trả (%)",
            "Ghi chú"]  # fmt: skip
    lines: list[list[object]] = []
    for rows in parts:
        name = rows["district_name"].iloc[0]
        s = totals(rows)
        lines.append(["", name])
        lines += table(
            rows,
            [numbered(), short, count("target"), count("activated"), count("delivered"),
             lambda r: Percent(r["delivered"] / r["target"]), _left],
        )  # fmt: skip
        lines.append(["", f"Cộng {name[0].lower()}{name[1:]}", s["target"], s["activated"],
                      s["delivered"], Percent(s["delivered"] / s["target"]), ""])  # fmt: skip
    s = totals(pd.concat(parts))
    lines.append(["", "Tổng cộng", s["target"], s["activated"], s["delivered"],
                  Percent(s["delivered"] / s["target"]), ""])  # fmt: skip
    sheet = [*top, head, *lines, *signature_block(7, "PHÒNG")]
    write_xlsx(path, [("PC06", sheet, [])])
    return pd.concat(parts)


@good(
    "son_tay_o_ngay_bao_cao.xlsx",
    "the date in a labelled cell above the header ('Ngày báo cáo:' then a real date cell), "
    "title 'CÔNG AN THỊ XÃ SƠN TÂY' (Lê Lợi, Quang Trung, Kim Sơn, Sơn Đông exist elsewhere), "
    "'P.'/'X.' names in the old tone placement where it differs, 'Chỉ tiêu giao'",
)
def labelled_date(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("269"), MAY_30, rng)
    top = [["CÔNG AN THỊ XÃ SƠN TÂY"], ["BÁO CÁO TIẾN ĐỘ CẤP CCCD"], [],
           ["Ngày báo cáo:", "", MAY_30], []]  # fmt: skip
    head = ["STT", "Đơn vị", "Chỉ tiêu giao", "Đã trả", "Kích hoạt VNeID"]
    body = table(
        rows,
        [numbered(), lambda r: other_tone(abbreviated(r)), count("target"), count("delivered"),
         count("activated")],
    )  # fmt: skip
    write_xlsx(path, [("Sơn Tây", [*top, head, *body], [])])
    return rows


@good(
    "bac_tu_liem_ngay_so.csv",
    "a CSV whose date column holds Excel day numbers ('45076', a General-formatted date "
    "column saved as CSV), district column 'Quận' as 'Bắc Từ Liêm', names with a digit "
    "('Cổ Nhuế 1'), Minh Khai and Liên Mạc exist elsewhere, 'Đã kích hoạt'",
)
def serial_csv(path: Path, rng: random.Random) -> pd.DataFrame:
    rows = rise(district("021"), MAY_30, rng)
    head = ["Ngày cập nhật", "Quận", "Phường", "Chỉ tiêu", "Đã trả", "Đã kích hoạt"]
    body = table(
        rows,
        [lambda r: "45076", lambda r: r["district_name_short"], short, count("target"),
         count("delivered"), count("activated")],
    )  # fmt: skip
    write_csv(path, [head, *body], ",", "utf-8-sig")
    return rows
