"""Write the corpus of bad report files in bad/ and their expected messages in bad/EXPECTED.csv.

python tests/data/reports/make_corpus.py   # rerun after changing a case; commit the output
Figures are consistent with the seeded sample for 00001 (Phúc Xá) and 00004 (Trúc Bạch) on
29 May 2023: target 4984 / 1604, delivered 3905 / 1206, activated 2941 / 831.
"""

import csv
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent / "bad"
VI = ["Ngày báo cáo", "Mã xã", "Phường/Xã", "Quận/Huyện", "Chỉ tiêu", "Số thẻ đã trả",
      "Đã kích hoạt VNeID"]  # fmt: skip
EN = ["date", "commune_code", "commune_name", "district", "target", "delivered", "activated"]
A = ["30/05/2023", "00001", "Phường Phúc Xá", "Quận Ba Đình", "4984", "3910", "2950"]
B = ["30/05/2023", "00004", "Phường Trúc Bạch", "Quận Ba Đình", "1604", "1210", "840"]


def row(base: list[str], **change: str) -> list[str]:
    out = list(base)
    for name, value in change.items():
        out[EN.index(name)] = value
    return out


# file name -> (rows including the header, substring of the expected message)
CASES: dict[str, tuple[list[list[str]], str]] = {
    "empty.csv": ([], "is empty"),
    "blank_lines.csv": ([[""], [""]], "has no rows"),
    "header_only.csv": ([VI], "has a header row but no data rows"),
    "missing_delivered.csv": ([VI[:5] + VI[6:], A[:5] + A[6:]], "Missing: delivered"),
    "missing_date.csv": ([VI[1:], A[1:]], "no report date found"),
    "missing_activated.csv": ([VI[:6], A[:6]], "Missing: activated"),
    "missing_commune.csv": ([[VI[0], *VI[3:]], [A[0], *A[3:]]],
                            "Missing: commune_code or commune_name"),
    "two_delivered_columns.csv": ([[*VI, "delivered"], [*A, "1"]],
                                  "the columns 'Số thẻ đã trả', 'delivered' could each be"),
    "no_header.csv": ([A, B], "no header row found"),
    "unknown_code.csv": ([VI, row(A, commune_code="99999", commune_name="")], "unknown commune"),
    "unknown_name.csv": ([VI, row(A, commune_code="", commune_name="Phường Hồ Gươm")],
                         "no commune named 'Phường Hồ Gươm'"),
    "wrong_district.csv": ([VI, row(A, commune_code="", district="Quận Hoàn Kiếm")],
                           "no commune named 'Phường Phúc Xá' in Quận Hoàn Kiếm"),
    "ambiguous_name.csv": ([VI, row(A, commune_code="", commune_name="Kim Chung", district="")],
                           "in 2 districts (Huyện Hoài Đức, Huyện Đông Anh)"),
    "code_name_disagree.csv": ([VI, row(A, commune_name="Trúc Bạch")], "are different communes"),
    "bad_code_good_name.csv": ([VI, row(A, commune_code="00002")],
                               "code '00002' is not in the official commune list"),
    "empty_commune.csv": ([VI, row(A, commune_code="", commune_name="", district="")],
                          "value '': empty cell"),
    "duplicate.csv": ([VI, A, B, A], "rows 2 and 4 both report Phường Phúc Xá (00001)"),
    "duplicate_by_name.csv": ([VI, A, row(A, commune_code="")], "rows 2 and 3 both report"),
    "letters_in_count.csv": ([VI, row(A, delivered="3910a")], "not a whole number"),
    "decimal_count.csv": ([VI, row(A, delivered="3.910,5")], "it has a decimal part"),
    "decimal_point.csv": ([VI, row(A, activated="2950.5")], "it has a decimal part"),
    "negative.csv": ([VI, row(A, activated="-1")], "negative count"),
    "unit_in_count.csv": ([VI, row(A, target="4984 người")], "not a whole number"),
    "delivered_above_target.csv": ([VI, row(A, delivered="4985")],
                                   "cards delivered (4,985) exceed the target (4,984)"),
    "activated_above_delivered.csv": ([VI, row(A, activated="3911")],
                                      "VNeID activations (3,911) exceed cards delivered (3,910)"),
    "future_date.csv": ([VI, row(A, date="01/01/2099")], "date is after today"),
    "before_campaign.csv": ([VI, row(A, date="14/05/2023")], "before the campaign started"),
    "american_date.csv": ([VI, row(A, date="05/30/2023")], "not a date"),
    "words_date.csv": ([VI, row(A, date="hôm nay")], "not a date"),
    "empty_date.csv": ([VI, row(A, date="")], "'Ngày báo cáo', value '': empty cell"),
    "empty_target.csv": ([VI, row(A, target="")], "'Chỉ tiêu', value '': empty cell"),
    "falls_vs_store.csv": ([VI, row(A, delivered="3900")],
                           "delivered falls from 3,905 on 29/05/2023 (already stored)"),
    "activated_falls.csv": ([VI, row(A, activated="2900")],
                            "activated falls from 2,941 on 29/05/2023 (already stored)"),
    "falls_in_file.csv": ([VI, A, row(A, date="31/05/2023", delivered="3909")],
                          "delivered falls from 3,910 on 30/05/2023 (row 2)"),
    "above_later_stored.csv": ([VI, row(A, date="28/05/2023", delivered="3906")],
                               "above the 3,905 already stored for 29/05/2023"),
    "lowers_same_date.csv": ([VI, row(A, date="29/05/2023", delivered="3904")],
                             "already stored for this date"),
    "good_and_bad.csv": ([VI, A, B, row(B, commune_code="", commune_name="Xã Không Tên")],
                         "unknown commune"),
    "english_bad.csv": ([EN, row(A, delivered="lots")], "column 'delivered', value 'lots'"),
    "old_excel.xls": ([VI, A], "old Excel 97-2003 workbook"),
    "notes.txt.pdf": ([VI, A], "reports must be .csv or .xlsx"),
    "formulas.xlsx": ([VI, row(A, delivered="=E2-1000")], "hold formulas, not values"),
    "two_sheets.xlsx": ([VI, A],
                        "rows 2 (two_sheets.xlsx › Sheet) and 2 (two_sheets.xlsx › Quận 2) both"),
    "empty_book.xlsx": ([], "has no data in any sheet"),
    "header_only.xlsx": ([VI], "has a header row but no data rows"),
    "bad_count.xlsx": ([VI, row(A, activated="12a")], "not a whole number"),
    "not_a_workbook.xlsx": ([VI, A], "cannot be opened as an Excel .xlsx workbook"),
}  # fmt: skip


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for values in rows:
        sheet.append([int(v) if v.isdigit() and len(v) > 0 and v[0] != "0" else v for v in values])
    if path.name == "two_sheets.xlsx":
        other = book.create_sheet("Quận 2")
        for values in rows:
            other.append(values)
    book.save(path)


def main() -> None:
    """Write every case and EXPECTED.csv."""
    HERE.mkdir(exist_ok=True)
    for name, (rows, _) in CASES.items():
        path = HERE / name
        if name.endswith(".xlsx") and name != "not_a_workbook.xlsx":
            write_xlsx(path, rows)
        else:
            with path.open("w", encoding="utf-8", newline="") as file:
                csv.writer(file, lineterminator="\r\n").writerows(rows)
    with (HERE / "EXPECTED.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["file", "message"])
        writer.writerows((name, message) for name, (_, message) in CASES.items())


if __name__ == "__main__":
    main()
