"""Reports in layouts nobody on the team wrote, built here as people send them: administrative
workbooks with titles, two-row headers and signatures, one sheet per district, a city summary
with district headings and subtotals, system exports, several files at once. Each reads with no
flags and gives its figures; where a person must decide, the message says how."""

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import Engine

from loaders import reference, reports, store
from loaders.catalogue import english
from loaders.errors import DataFileError

ROOT = Path(__file__).resolve().parent.parent
MAY_30 = date(2023, 5, 30)


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store seeded with the synthetic sample (15–29 May 2023)."""
    address = f"sqlite:///{tmp_path_factory.mktemp('layouts') / 's.sqlite'}"
    store.connect(address).dispose()
    return address


@pytest.fixture(scope="module")
def engine(url: str) -> Engine:
    return store.connect(url)


@pytest.fixture(scope="module")
def figures(engine: Engine) -> pd.DataFrame:
    """Every commune's figures for 30 May (29 May's, one more card delivered), with names."""
    stored = store.read_reports(engine)
    last = stored[stored["as_of"] == pd.Timestamp("2023-05-29")]
    last = last.assign(delivered=(last["delivered"] + 1).clip(upper=last["target"]))
    return last.merge(reference.units(), on="commune_code").reset_index(drop=True)


def dotted(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def admin_sheet(book: openpyxl.Workbook, name: str, rows: pd.DataFrame, off: int = 0) -> None:
    """A district's report as an administrative document: issuer, motto, signing date, title
    with the data date, a two-row header with a numbering row, a subtotal, a signature block."""
    sheet = book.create_sheet(name)
    for line in (
        ["CÔNG AN THÀNH PHỐ HÀ NỘI", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["CÔNG AN QUẬN", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
        [None, None, None, None, "Hà Nội, ngày 31 tháng 5 năm 2023"],
        ["BÁO CÁO KẾT QUẢ CẤP, TRẢ THẺ CĂN CƯỚC CÔNG DÂN"],
        ["(Số liệu tính đến 17h00 ngày 30/5/2023)"],
        [],
        ["STT", "Đơn vị", "Chỉ tiêu", "Kết quả", None, "VNeID", None, "Ghi chú"],
        [None, None, None, "Đã trả", "Tỷ lệ (%)", "Đã kích hoạt", "Tỷ lệ", None],
        ["(1)", "(2)", "(3)", "(4)", "(5)=(4)/(3)", "(6)", "(7)", "(8)"],
    ):
        sheet.append(line)
    for number, row in enumerate(rows.itertuples(), 1):
        share = f"{row.delivered / row.target * 100:.1f}".replace(".", ",")
        sheet.append([number, row.commune_name_short, dotted(row.target), row.delivered, share,
                      row.activated, None, None])  # fmt: skip
    sums = rows[["target", "delivered", "activated"]].sum()
    sheet.append([None, "Cộng", int(sums["target"]), int(sums["delivered"]) + off,
                  None, int(sums["activated"])])  # fmt: skip
    sheet.append([])
    sheet.append(["Nơi nhận:", None, None, None, "KT. TRƯỞNG CÔNG AN QUẬN"])
    sheet.append(["- Như trên;", None, None, None, "PHÓ TRƯỞNG CÔNG AN QUẬN"])
    sheet.append([None, None, None, None, "Nguyễn Văn An"])


def test_a_workbook_with_one_administrative_sheet_per_district(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    ba_dinh, tay_ho = (figures[figures["district_code"] == code] for code in ("001", "003"))
    admin_sheet(book, "BD", ba_dinh)
    admin_sheet(book, "Tây Hồ", tay_ho, off=5)  # a subtotal that disagrees: a warning only
    book.create_sheet("Sheet1")
    book.create_sheet("Biểu đồ").append(["Biểu đồ tiến độ"])
    path = tmp_path / "bao_cao.xlsx"
    book.save(path)
    preview = reports.preview_report(path, engine)
    assert preview.problems == []
    expected = pd.concat([ba_dinh, tay_ho]).set_index("commune_code")
    rows = preview.rows.set_index("commune_code")
    assert rows.index.sort_values().tolist() == expected.index.sort_values().tolist()
    for column in ("target", "delivered", "activated"):
        assert (rows[column] == expected.loc[rows.index, column]).all()
    assert preview.dates == [MAY_30]
    said = [english(line) for line in preview.decisions + preview.warnings]
    assert "bao_cao.xlsx › BD: district Quận Ba Đình from the sheet name 'BD'" in said
    assert any("date 30/05/2023 from the title ('Số liệu tính đến 17h00" in s for s in said)
    assert any("bao_cao.xlsx › Biểu đồ: not a report" in s for s in said)
    assert any("column 'Kết quả / Đã trả' → cards delivered" in s for s in said)
    assert any("Tây Hồ, row" in s and "'Cộng' gives" in s and "add up to" in s for s in said)
    assert not any("BD, row" in s for s in said)  # Ba Đình's subtotal is right
    assert {"STT", "Kết quả / Tỷ lệ (%)", "Ghi chú"} <= set(preview.ignored)
    sources = {(s.sheet, s.rows_accepted, s.district) for s in preview.sources}
    assert sources == {("BD", 14, "Quận Ba Đình"), ("Tây Hồ", 8, "Quận Tây Hồ")}


def test_a_city_summary_with_district_headings_and_subtotals(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    """Names only (some shared by two districts), the district from heading rows."""
    chosen = figures[figures["district_code"].isin(["017", "274"])]  # Kim Chung in both
    lines = [["TỔNG HỢP KẾT QUẢ CẤP CCCD TOÀN THÀNH PHỐ"], ["Ngày 30 tháng 5 năm 2023"],
             ["TT", "Địa bàn", "Số dân cần cấp", "Đã trả thẻ", "TK định danh mức 2"],
             ["I", "Khối huyện", "", "", ""]]  # fmt: skip
    for _, district in chosen.groupby("district_code"):
        lines.append(["", district["district_name"].iloc[0], "", "", ""])
        lines += [["", r.commune_name_short, r.target, r.delivered, r.activated]
                  for r in district.itertuples()]  # fmt: skip
        sums = district[["target", "delivered", "activated"]].sum().tolist()
        lines.append(["", f"Cộng {district['district_name'].iloc[0].lower()}", *sums])
    lines.append(["", "TỔNG CỘNG", *chosen[["target", "delivered", "activated"]].sum().tolist()])
    path = tmp_path / "tong_hop.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and preview.warnings == []
    assert sorted(preview.rows["commune_code"]) == sorted(chosen["commune_code"])
    said = [english(line) for line in preview.decisions]
    assert any("districts from the heading and subtotal rows (2 districts)" in s for s in said)
    assert any("total rows skipped (1)" in s for s in said)
    assert any("subtotal rows skipped (2)" in s for s in said)


def test_a_system_export_with_semicolons_dotted_numbers_and_prefixed_codes(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    header = "Mã đơn vị;Tên đơn vị;Kế hoạch;Số CCCD đã cấp;Số TK định danh mức 2;Tỷ lệ (%)"
    lines = [header] + [
        f"01.{r.district_code}.{r.commune_code};{r.commune_name};{dotted(r.target)};"
        f"{dotted(r.delivered)};{r.activated};43,1"
        for r in figures.itertuples()
    ]
    path = tmp_path / "BC_30.5.2023.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == 579
    said = [english(line) for line in preview.decisions]
    assert "BC_30.5.2023.csv: date 30/05/2023 from the file name 'BC_30.5.2023.csv'" in said
    assert any("'Mã đơn vị' → commune code (579 of 579 values are codes" in s for s in said)
    assert preview.ignored == ["Tỷ lệ (%)"]


def test_a_code_column_whose_heading_says_nothing_is_found_by_its_values(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    frame = figures[["commune_code", "target", "delivered", "activated"]].set_axis(
        ["Số hiệu", "Chỉ tiêu", "Đã trả", "Đã kích hoạt"], axis=1
    )
    path = tmp_path / "2023-05-30.csv"
    frame.to_csv(path, index=False)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == 579
    said = [english(line) for line in preview.decisions]
    assert any("column 'Số hiệu' → commune code: its heading says nothing, but 579 of 579" in s
               for s in said)  # fmt: skip


def district_files(figures: pd.DataFrame, folder: Path, codes: list[str]) -> list[Path]:
    paths = []
    for code in codes:
        rows = figures[figures["district_code"] == code]
        path = folder / f"{rows['district_name_short'].iloc[0]}.csv"
        rows[["commune_code", "target", "delivered", "activated"]].set_axis(
            ["Mã xã", "Chỉ tiêu", "Số thẻ đã trả", "Kích hoạt VNeID"], axis=1
        ).assign(**{"Ngày": "30/05/2023"}).to_csv(path, index=False)
        paths.append(path)
    return paths


def test_several_files_combine_with_a_summary_each_and_duplicates_named_by_place(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    paths = district_files(figures, tmp_path, ["001", "002", "003"])
    preview = reports.preview_report(paths, engine, names=["a.csv", "b.csv", "c.csv"])
    assert preview.problems == [] and len(preview.rows) == 14 + 18 + 8
    assert [(s.file, s.rows_read, s.rows_accepted) for s in preview.sources] == [
        ("a.csv", 14, 14), ("b.csv", 18, 18), ("c.csv", 8, 8)]  # fmt: skip
    assert preview.source == "a.csv, b.csv, c.csv"
    twice = reports.preview_report([paths[0], paths[0]], engine, names=["x.csv", "y.csv"])
    sentence = english(twice.problems[0].sentence)
    assert sentence.startswith("y.csv: row 2, column 'Mã xã'")
    assert "rows 2 (x.csv) and 2 (y.csv) both report Phường Phúc Xá (00001)" in sentence


def conflicting(figures: pd.DataFrame, path: Path) -> Path:
    frame = figures[["commune_code", "target", "delivered", "delivered", "activated"]]
    frame.set_axis(["Mã xã", "Chỉ tiêu", "Số CCCD đã cấp", "Số CCCD đã trả", "Kích hoạt"],
                   axis=1).to_csv(path, index=False)  # fmt: skip
    return path


def test_two_columns_that_could_mean_the_same_are_left_to_a_person(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    path = conflicting(figures, tmp_path / "bc-30-05-2023.csv")
    with pytest.raises(DataFileError) as error:
        reports.preview_report(path, engine)
    assert "'Số CCCD đã cấp', 'Số CCCD đã trả' could each be cards delivered" in str(error.value)
    assert '--column delivered="Số CCCD đã cấp"' in str(error.value)
    guess = reports.guess_columns(path)  # the page's select boxes: no refusal
    assert guess.conflicts == {"delivered": ["Số CCCD đã cấp", "Số CCCD đã trả"]}
    assert "delivered" not in guess.columns and guess.columns["target"] == "Chỉ tiêu"
    assert guess.as_of == MAY_30 and guess.headers[:2] == ["Mã xã", "Chỉ tiêu"]
    assert guess.header_key == reports.guess_columns(path).header_key
    chosen = reports.preview_report(path, engine, columns={"delivered": "số cccd đã trả"})
    assert chosen.problems == [] and chosen.columns["delivered"] == "Số CCCD đã trả"
    assert "Số CCCD đã cấp" in chosen.ignored


def test_no_date_anywhere_is_asked_for(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "report.csv"
    figures[["commune_code", "target", "delivered", "activated"]].to_csv(path, index=False)
    with pytest.raises(DataFileError, match="no report date found.*--date YYYY-MM-DD"):
        reports.preview_report(path, engine)
    assert reports.guess_columns(path).as_of is None
    preview = reports.preview_report(path, engine, as_of=MAY_30)
    assert preview.problems == [] and preview.dates == [MAY_30]
    assert "report.csv: date 30/05/2023 given by you" in map(english, preview.decisions)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loaders.reports", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_the_command_line_says_what_it_decided_and_takes_a_persons_choice(
    figures: pd.DataFrame, url: str, tmp_path: Path
) -> None:
    path = conflicting(figures, tmp_path / "report.csv")
    refused = run_cli(str(path), "--database-url", url)
    assert refused.returncode == 2 and "could each be cards delivered" in refused.stderr
    chosen = run_cli(str(path), "--database-url", url, "--column", "delivered=Số CCCD đã trả",
                     "--date", "2023-05-30")  # fmt: skip
    assert chosen.returncode == 0, chosen.stderr
    assert "column 'Số CCCD đã trả' → cards delivered (your choice)" in chosen.stdout
    assert "date 30/05/2023 given by you" in chosen.stdout
    assert "columns ignored: 'Số CCCD đã cấp'" in chosen.stdout
    files = district_files(figures, tmp_path, ["001", "003"])
    both = run_cli(*map(str, files), "--database-url", url)
    assert both.returncode == 0, both.stderr
    assert "Ba Đình.csv: 14 rows read, 14 accepted, dates 30/05/2023" in both.stdout


def test_subtotals_above_their_communes_give_the_district(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    chosen = figures[figures["district_code"].isin(["017", "274"])]  # Kim Chung in both
    lines = [["Đơn vị", "Chỉ tiêu", "Đã trả", "Đã kích hoạt", "Ngày"]]
    for _, district in chosen.groupby("district_code"):
        sums = district[["target", "delivered", "activated"]].sum().tolist()
        lines.append([f"Tổng {district['district_name'].iloc[0]}", *sums, ""])
        lines += [[r.commune_name_short, r.target, r.delivered, r.activated, "30/05/2023"]
                  for r in district.itertuples()]  # fmt: skip
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and preview.warnings == []
    assert sorted(preview.rows["commune_code"]) == sorted(chosen["commune_code"])


def test_skip_bad_rows_loads_the_good_ones_and_records_the_bad(
    figures: pd.DataFrame, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'own.sqlite'}"
    path = district_files(figures, tmp_path, ["001"])[0]
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace(text[2].split(",")[2], "12a", 1)  # row 3: delivered unreadable
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    refused = run_cli(str(path), "--database-url", url, "--commit")
    assert refused.returncode == 1 and "Nothing was written" in refused.stdout
    loaded = run_cli(str(path), "--database-url", url, "--commit", "--skip-bad-rows")
    assert loaded.returncode == 0, loaded.stderr
    assert "13 rows" in loaded.stdout and "1 problems skipped" in loaded.stdout
    number = int(loaded.stdout.split("import ")[1].split(":")[0])
    skipped = store.skipped_rows(store.connect(url), number)
    assert skipped[["row", "column", "value"]].values.tolist() == [[3, "Số thẻ đã trả", "12a"]]
    assert skipped["source"].tolist() == [path.name]  # which file, as the page records it too


def test_merged_group_headings_and_a_district_merged_down_its_communes(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    """A title merged across the table, a group merged over two sub-headings whose first is
    empty, a district cell merged down beside its communes (shared names: Kim Chung)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["BÁO CÁO TIẾN ĐỘ (tính đến 30/05/2023)"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Quận/Huyện", "Xã/Phường", "Chỉ tiêu", "Số lượng thẻ", None, "Kích hoạt"])
    sheet.append([None, None, None, "Đã trả", "Tỷ lệ", None])
    sheet.merge_cells("D2:E2")
    chosen = figures[figures["district_code"].isin(["017", "274"])]
    for _, district in chosen.groupby("district_code"):
        top = sheet.max_row + 1
        for number, row in enumerate(district.itertuples()):
            name = row.district_name if number == 0 else None
            sheet.append([name, row.commune_name_short, row.target, row.delivered, 0.5,
                          row.activated])  # fmt: skip
        sheet.merge_cells(f"A{top}:A{sheet.max_row}")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    preview = reports.preview_report(path, engine)
    assert preview.problems == []
    assert sorted(preview.rows["commune_code"]) == sorted(chosen["commune_code"])
    assert preview.columns["delivered"] == "Số lượng thẻ / Đã trả"


def test_summary_sheets_beside_the_district_sheets_are_set_aside(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    """A sheet of districts and a sheet repeating every commune of the district sheets."""
    book = openpyxl.Workbook()
    by_district = book.active
    by_district.title = "Tổng hợp quận"
    by_district.append(["Ngày báo cáo: 30/05/2023"])
    by_district.append(["Đơn vị", "Chỉ tiêu", "Đã trả", "Đã kích hoạt"])
    for name, group in figures.groupby("district_name"):
        by_district.append([name, *group[["target", "delivered", "activated"]].sum().tolist()])
    chosen = figures[figures["district_code"].isin(["001", "003"])]
    everything = book.create_sheet("Tổng hợp xã")
    for name, rows in [("Tổng hợp xã", chosen), *chosen.groupby("district_name_short")]:
        sheet = everything if name == "Tổng hợp xã" else book.create_sheet(name)
        sheet.append(["(Số liệu tính đến ngày 30/05/2023)"])
        sheet.append(["Mã xã", "Chỉ tiêu", "Đã trả", "Đã kích hoạt"])
        for row in rows.itertuples():
            sheet.append([row.commune_code, row.target, row.delivered, row.activated])
    path = tmp_path / "so_lieu.xlsx"
    book.save(path)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == 22
    assert [s.sheet for s in preview.sources] == ["Ba Đình", "Tây Hồ"]
    said = [english(line) for line in preview.decisions]
    assert "so_lieu.xlsx › Tổng hợp quận: a table of districts (no commune column), skipped" in said
    assert any(s.startswith("so_lieu.xlsx › Tổng hợp xã: repeats the communes") for s in said)


def test_an_empty_date_column_gives_way_to_the_title(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    rows = figures[figures["district_code"] == "001"]
    lines = [["Báo cáo tính đến ngày 30/05/2023"], ["Ngày", "Mã xã", "Chỉ tiêu", "Đã trả", "VNeID"]]
    lines += [["", r.commune_code, r.target, r.delivered, r.activated] for r in rows.itertuples()]
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and preview.dates == [MAY_30] and len(preview.rows) == 14
    assert "Ngày" in preview.ignored


def test_roman_numbered_groups_and_district_headings_with_figures(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    """'I', 'II' group rows with any wording, heading rows that carry their district's sums
    (one of them wrong: a warning naming it)."""
    chosen = figures[figures["district_code"].isin(["001", "003"])]
    lines = [["Số liệu tính đến ngày 30/05/2023"], ["STT", "Tên đơn vị", "KH", "Đã giao", "Mức 2"]]
    lines.append(["I", "Các đơn vị nội thành", "", "", ""])
    for number, (_, district) in enumerate(chosen.groupby("district_code")):
        sums = district[["target", "delivered", "activated"]].sum().tolist()
        sums[0] += number  # Tây Hồ's heading is 1 off
        lines.append(["", district["district_name"].iloc[0], *sums])
        lines += [[n, r.commune_name, r.target, r.delivered, r.activated]
                  for n, r in enumerate(district.itertuples(), 1)]  # fmt: skip
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == 22
    (warning,) = map(english, preview.warnings)
    assert "'Quận Tây Hồ' gives" in warning and "for target" in warning


def test_a_district_written_once_for_its_communes(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    chosen = figures[figures["district_code"].isin(["017", "274"])]  # Kim Chung in both
    lines = [["Ngày", "Quận/Huyện", "Xã", "Chỉ tiêu", "Đã trả", "VNeID"]]
    for _, district in chosen.groupby("district_code"):
        lines += [["30/05/2023", district["district_name"].iloc[0] if n == 0 else "",
                   r.commune_name_short, r.target, r.delivered, r.activated]
                  for n, r in enumerate(district.itertuples())]  # fmt: skip
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == len(chosen)
    said = list(map(english, preview.decisions))
    assert (
        f"r.csv: {len(chosen) - 2} empty district cells take the district of the row above" in said
    )


def test_a_target_beside_the_population_is_the_target(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    frame = figures[["commune_code", "target", "target", "delivered", "activated"]]
    frame = frame.set_axis(["Mã xã", "Dân số", "Chỉ tiêu", "Đã trả", "VNeID"], axis=1)
    frame = frame.assign(**{"Dân số": frame["Chỉ tiêu"] * 2})
    path = tmp_path / "2023-05-30.csv"
    frame.to_csv(path, index=False)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and preview.columns["target"] == "Chỉ tiêu"
    assert "Dân số" in preview.ignored


@pytest.mark.parametrize("layout", ["title", "subtotals after"])
def test_the_district_from_a_title_or_from_subtotals_after_the_communes(
    layout: str, figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    """Names only, some shared with other districts (Vân Tảo, Hồng Vân...): the district tells."""
    codes = ["279"] if layout == "title" else ["279", "017"]
    chosen = figures[figures["district_code"].isin(codes)]
    lines = (
        [["UBND HUYỆN THƯỜNG TÍN"], ["Số liệu tính đến ngày 30/05/2023"]]
        if layout == "title"
        else []
    )
    lines.append(["Xã, thị trấn", "Chỉ tiêu", "Đã trả", "VNeID", "Ngày"][: 4 if lines else 5])
    for _, district in chosen.groupby("district_code"):
        day = [] if layout == "title" else ["30/05/2023"]
        lines += [[r.commune_name_short, r.target, r.delivered, r.activated, *day]
                  for r in district.itertuples()]  # fmt: skip
        if layout != "title":
            sums = district[["target", "delivered", "activated"]].sum().tolist()
            lines.append([f"Cộng {district['district_name'].iloc[0]}", *sums, ""])
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and preview.warnings == []
    assert sorted(preview.rows["commune_code"]) == sorted(chosen["commune_code"])
    said = " ".join(map(english, preview.decisions))
    expected = "district Huyện Thường Tín from the title" if layout == "title" else "(2 districts)"
    assert expected in said


def test_a_header_repeated_on_every_printed_page_is_not_data(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    rows = figures[figures["district_code"] == "002"]
    header = ["Mã xã", "Chỉ tiêu", "Đã trả", "Kích hoạt", "Ngày"]
    lines = [header, ["(1)", "(2)", "(3)", "(4)", "(5)"]]
    for number, r in enumerate(rows.itertuples()):
        if number == 9:
            lines += [header, ["(1)", "(2)", "(3)", "(4)", "(5)"]]
        lines.append([r.commune_code, r.target, r.delivered, r.activated, "30/05/2023"])
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == len(rows)
    assert "r.csv: header rows repeated skipped (2): rows 12, 13" in map(english, preview.decisions)


def test_headings_nobody_could_guess_are_named_by_a_person(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    frame = figures[["commune_code", "target", "delivered", "activated"]]
    path = tmp_path / "2023-05-30.csv"
    frame.set_axis(["A", "B", "C", "D"], axis=1).to_csv(path, index=False)
    with pytest.raises(DataFileError, match="no header row found"):
        reports.preview_report(path, engine)
    assert reports.guess_columns(path).headers == ["A", "B", "C", "D"]
    given = {"commune_code": "A", "target": "B", "delivered": "C", "activated": "D"}
    preview = reports.preview_report(path, engine, columns=given)
    assert preview.problems == [] and len(preview.rows) == 579


def test_a_signature_block_written_across_the_figure_columns_is_not_data(
    figures: pd.DataFrame, engine: Engine, tmp_path: Path
) -> None:
    rows = figures[figures["district_code"] == "003"]
    lines = [["Số liệu tính đến ngày 30/05/2023"], ["Phường", "Chỉ tiêu", "Đã trả", "VNeID"]]
    lines += [[r.commune_name_short, r.target, r.delivered, r.activated] for r in rows.itertuples()]
    lines += [["NGƯỜI LẬP BIỂU", "", "KT. TRƯỞNG CÔNG AN QUẬN", ""],
              ["", "", "PHÓ TRƯỞNG CÔNG AN QUẬN", ""],
              ["Nguyễn Thị Lan", "", "Trần Văn Bình", ""]]  # fmt: skip
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(lines)
    preview = reports.preview_report(path, engine)
    assert preview.problems == [] and len(preview.rows) == len(rows)
    assert "r.csv: signature block rows skipped (3): rows 11, 12, 13" in map(
        english, preview.decisions
    )
