"""Broken variants of the layouts corpus, written by make_layouts.py into broken/.

broken/EXPECTED.csv: file, kind, contains. kind "refused": the file must not load and what the
user is told (the error, or the problems) contains every "|"-separated part of `contains`,
naming the row and/or the column. kind "warning": the file loads (its rows in broken/TRUTH.csv)
but a warning contains those parts.
"""

import random
from pathlib import Path

import pandas as pd
from layout_kit import (
    FIELDS,
    MAY_30,
    count,
    district,
    grouped,
    numbered,
    plain,
    rise,
    short,
    table,
    title_block,
    totals,
    write_csv,
    write_xlsx,
)

BROKEN = Path(__file__).resolve().parent / "broken"


def letter_in_count(rng: random.Random) -> tuple[str, str]:
    rows = rise(district("001"), MAY_30, rng)
    top = title_block(
        ["CÔNG AN QUẬN BA ĐÌNH", ""], 5, ["BÁO CÁO", "(Số liệu tính đến ngày 30/05/2023)"]
    )
    body = table(rows, [numbered(), short, count("target"), count("delivered"), count("activated")])
    body[3][3] = "3.9l0"  # a letter l typed for a one
    row = len(top) + 1 + 4  # the header, then the fourth commune
    head = ["STT", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt VNeID"]
    write_xlsx(BROKEN / "letter_in_count.xlsx", [("BC", [*top, head, *body], [])])
    return "letter_in_count.xlsx", f"row {row}|Đã trả|3.9l0"


def unknown_name(rng: random.Random) -> tuple[str, str]:
    rows = rise(district("001"), MAY_30, rng)
    body = table(
        rows,
        [
            lambda r: plain(r["commune_name_short"]),
            lambda r: "Ba Dinh",
            count("target"),
            count("delivered"),
            count("activated"),
            lambda r: "30/05/2023",
        ],
    )
    body[0][0] = "Phuc Sa"
    head = ["Phuong", "Quan", "Chi tieu", "Da tra", "Kich hoat", "Ngay"]
    write_csv(BROKEN / "phuc_sa.csv", [head, *body], ",", "utf-8")
    return "phuc_sa.csv", "row 2|Phuc Sa"


def no_date(rng: random.Random) -> tuple[str, str]:
    rows = rise(district("003"), MAY_30, rng)
    top = [["CÔNG AN QUẬN TÂY HỒ"], ["BÁO CÁO KẾT QUẢ CẤP CCCD"], []]
    body = table(rows, [numbered(), short, count("target"), count("delivered"), count("activated")])
    head = ["STT", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt"]
    write_csv(BROKEN / "bao_cao_tay_ho.csv", [*top, head, *body], ",", "utf-8-sig")
    return "bao_cao_tay_ho.csv", "date"


def two_delivered(rng: random.Random) -> tuple[str, str]:
    rows = rise(district("005"), MAY_30, rng)
    head = ["STT", "Phường", "Chỉ tiêu", "Số CCCD đã cấp", "Số CCCD đã trả", "Kích hoạt VNeID"]
    body = table(
        rows,
        [
            numbered(),
            short,
            count("target"),
            lambda r: int(r["delivered"]) + 40,
            count("delivered"),
            count("activated"),
        ],
    )
    lines = [["CÔNG AN QUẬN CẦU GIẤY"], ["(Số liệu tính đến ngày 30/05/2023)"], [], head, *body]
    write_xlsx(BROKEN / "two_delivered.xlsx", [("BC", lines, [])])
    return "two_delivered.xlsx", "Số CCCD đã cấp|Số CCCD đã trả"


def letter_in_target(rng: random.Random) -> tuple[str, str]:
    rows = rise(district("009"), MAY_30, rng)
    head = ["STT", "Phường", "Kế hoạch", "Đã trả", "Kích hoạt"]
    body = table(
        rows,
        [numbered(), short, count("target", "."), count("delivered", "."), count("activated", ".")],
    )
    body[5][2] = grouped(int(rows["target"].iloc[5]), ".")[:-1] + "O"
    lines = [["CÔNG AN QUẬN THANH XUÂN"], ["Số liệu tính đến ngày 30/05/2023"], [], head, *body]
    write_csv(BROKEN / "letter_in_target.csv", lines, ";", "utf-8-sig")
    return "letter_in_target.csv", "row 10|Kế hoạch"


def unknown_code(rng: random.Random) -> tuple[str, str]:
    rows = rise(district("019"), MAY_30, rng)
    head = ["Mã đơn vị", "Chỉ tiêu", "Đã trả", "Kích hoạt", "Ngày"]
    body = table(
        rows,
        [
            lambda r: f"01.019.{r['commune_code']}",
            count("target"),
            count("delivered"),
            count("activated"),
            lambda r: MAY_30,
        ],
    )
    body[2][0] = "01.019.99999"
    write_xlsx(BROKEN / "unknown_code.xlsx", [("NTL", [head, *body], [])])
    return "unknown_code.xlsx", "row 4|99999"


def delivered_falls(rng: random.Random) -> tuple[str, str]:
    rows = rise(district("002"), MAY_30, rng)
    rows.loc[6, "delivered"] = rows.loc[6, "delivered"] - 200  # below 29/05's stored figure
    rows.loc[6, "activated"] = min(rows.loc[6, "activated"], rows.loc[6, "delivered"])
    head = ["TT", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt"]
    body = table(rows, [numbered(), short, count("target"), count("delivered"), count("activated")])
    lines = [["CÔNG AN QUẬN HOÀN KIẾM"], ["(Số liệu tính đến ngày 30/05/2023)"], [], head, *body]
    write_csv(BROKEN / "delivered_falls.csv", lines, ",", "utf-8-sig")
    return "delivered_falls.csv", "row 11|falls"


def subtotal_disagrees(rng: random.Random) -> tuple[str, str, pd.DataFrame]:
    rows = rise(district("003"), MAY_30, rng)
    head = ["STT", "Phường", "Chỉ tiêu", "Đã trả", "Kích hoạt"]
    body = table(rows, [numbered(), short, count("target"), count("delivered"), count("activated")])
    s = totals(rows)
    wrong = ["", "Cộng quận Tây Hồ", s["target"], s["delivered"] + 100, s["activated"]]
    lines = [
        ["CÔNG AN QUẬN TÂY HỒ"],
        ["(Số liệu tính đến ngày 30/05/2023)"],
        [],
        head,
        *body,
        wrong,
    ]
    write_xlsx(BROKEN / "subtotal_disagrees.xlsx", [("Tây Hồ", lines, [])])
    return "subtotal_disagrees.xlsx", f"row {len(lines)}|Cộng quận Tây Hồ", rows


REFUSED = [
    letter_in_count,
    unknown_name,
    no_date,
    two_delivered,
    letter_in_target,
    unknown_code,
    delivered_falls,
]


def main() -> None:
    """Write the broken files, EXPECTED.csv and TRUTH.csv (rows of the warning-only files)."""
    BROKEN.mkdir(exist_ok=True)
    expected, truths = [], []
    for make in REFUSED:
        name, contains = make(random.Random(make.__name__))
        expected.append({"file": name, "kind": "refused", "contains": contains})
    name, contains, rows = subtotal_disagrees(random.Random("subtotal_disagrees"))
    expected.append({"file": name, "kind": "warning", "contains": contains})
    truths.append(rows[FIELDS].assign(file=name))
    pd.DataFrame(expected).to_csv(BROKEN / "EXPECTED.csv", index=False)
    truth = pd.concat(truths)[["file", *FIELDS]].sort_values(["file", "as_of", "commune_code"])
    truth.to_csv(BROKEN / "TRUTH.csv", index=False)
