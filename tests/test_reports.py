"""Reading report files: encodings, workbooks, formulas, limits, the template and the command."""

import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import reference, reports, store
from loaders._report_files import MAX_BYTES, decode
from loaders.errors import DataFileError

ROOT = Path(__file__).resolve().parent.parent
TONES = "\u0300\u0301\u0303\u0309\u0323"
HEADER = "Ngày báo cáo,Mã xã,Phường/Xã,Quận/Huyện,Chỉ tiêu,Số thẻ đã trả,Đã kích hoạt VNeID"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store seeded with the synthetic sample (15–29 May 2023), shared by read-only tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 's.sqlite'}"
    store.connect(url).dispose()
    return url


def day_30(url: str) -> pd.DataFrame:
    """A clean report for 30 May: every commune, one more card delivered than on the 29th."""
    stored = store.read_reports(store.connect(url))
    last = stored[stored["as_of"] == pd.Timestamp("2023-05-29")]
    units = reference.units().set_index("commune_code")
    return pd.DataFrame(
        {
            "as_of": "30/05/2023",
            "code": last["commune_code"].to_numpy(),
            "name": last["commune_code"].map(units["commune_name"]).to_numpy(),
            "district": last["commune_code"].map(units["district_name"]).to_numpy(),
            "target": last["target"].to_numpy(),
            "delivered": (last["delivered"] + 1).clip(upper=last["target"]).to_numpy(),
            "activated": last["activated"].to_numpy(),
        }
    )


def csv_text(frame: pd.DataFrame, header: str = HEADER) -> str:
    lines = [",".join(map(str, row)) for row in frame.itertuples(index=False)]
    return "\r\n".join([header, *lines]) + "\r\n"


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes: base letters precomposed, tone marks as combining characters."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out.append((base + "".join(c for c in parts if c in TONES)).encode("cp1258"))
    return b"".join(out)


def ascii_only(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if not unicodedata.combining(c))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258", "cp1252"])
def test_the_same_report_in_each_encoding_previews_cleanly(
    encoding: str, seeded: str, tmp_path: Path
) -> None:
    text = csv_text(day_30(seeded))
    if encoding == "cp1252":  # cannot hold Vietnamese: names without accents match by name
        data = ascii_only(text).encode("cp1252")
    elif encoding == "cp1258":
        data = cp1258(text)
    else:
        data = text.encode(encoding)
    path = tmp_path / "report.csv"
    path.write_bytes(data)
    preview = reports.preview_report(path, store.connect(seeded))
    assert preview.problems == []
    assert len(preview.rows) == 579 and preview.missing_communes.empty
    expected = {"utf-8": "utf-8-sig", "utf-8-sig": "utf-8-sig", "cp1258": "cp1258"}
    assert preview.encoding == expected.get(encoding, "utf-8-sig")


def test_encodings_are_tried_in_order() -> None:
    assert decode("Xã".encode("utf-8-sig")) == ("Xã", "utf-8-sig")
    assert decode(cp1258("Xã Thụy Lâm")) == ("Xã Thụy Lâm", "cp1258")
    assert decode("Šá".encode("cp1252")) == ("Šá", "cp1252")  # 0x8A is not in Windows-1258


def test_codes_stay_text_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Báo cáo ngày 29/5\n\n" + HEADER + "\n29/05/2023,00001,,,5,1,0\n\n"
                    "29/05/2023,4,,,5,1,0\n", encoding="utf-8")  # fmt: skip
    raw = reports.read_report(path)
    assert list(raw.frame.index) == [4, 6]
    assert list(raw.frame["commune_code"]) == ["00001", "4"]
    assert raw.headers["delivered"] == "Số thẻ đã trả"


def test_semicolon_separated_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("date;commune_code;target;delivered;activated\n2023-05-29;00001;5;1;0\n")
    assert reports.read_report(path).frame.to_dict("records")[0]["delivered"] == "1"


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


ROWS = [["date", "commune_code", "target", "delivered", "activated"],
        [pd.Timestamp("2023-05-29").to_pydatetime(), "00001", 5000, 3905.0, 2941]]  # fmt: skip


def test_xlsx_with_one_sheet_reads_dates_and_numbers_as_text(tmp_path: Path) -> None:
    raw = reports.read_report(write_xlsx(tmp_path / "r.xlsx", {"Data": ROWS}))
    assert raw.encoding == "xlsx" and raw.sheet == "Data"
    assert raw.frame.to_dict("records") == [{"as_of": "2023-05-29", "commune_code": "00001",
        "target": "5000", "delivered": "3905", "activated": "2941"}]  # fmt: skip


def test_xlsx_with_several_sheets_reads_them_all_or_the_one_chosen(tmp_path: Path) -> None:
    other = [ROWS[0], [ROWS[1][0], "00004", 1604, 1206, 831]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Quận 1": ROWS, "Quận 2": other, "Trống": []})
    assert reports.sheet_names(path) == ["Quận 1", "Quận 2", "Trống"]
    raw = reports.read_report(path)  # every sheet with a report, rows keep their sheet
    assert list(raw.frame["commune_code"]) == ["00001", "00004"]
    assert [table.label for table in raw.tables] == ["r.xlsx › Quận 1", "r.xlsx › Quận 2"]
    assert reports.read_report(path, sheet="Quận 2").sheet == "Quận 2"
    with pytest.raises(DataFileError, match="no sheet 'X'. Its sheets: 'Quận 1'"):
        reports.read_report(path, sheet="X")


def test_only_sheet_with_data_is_chosen(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", {"Ghi chú": [], "Số liệu": ROWS})
    assert reports.read_report(path).sheet == "Số liệu"


def test_formulas_are_named_with_the_fix(tmp_path: Path) -> None:
    rows = [ROWS[0], [*ROWS[1][:3], "=C2-1000", "=D2/2"]]
    path = write_xlsx(tmp_path / "r.xlsx", {"Data": rows})
    with pytest.raises(DataFileError, match="cells D2, E2 hold formulas.*Paste Special > Values"):
        reports.read_report(path)


def test_files_above_the_size_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    with pytest.raises(DataFileError, match=f"limited to {MAX_BYTES // 1_000_000} MB. Split it"):
        reports.read_report(path)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_previews_cleanly(
    language: str, fmt: str, seeded: str, tmp_path: Path
) -> None:
    data = reports.template_bytes(language, fmt)
    path = tmp_path / f"template.{fmt}"
    path.write_bytes(data)
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
    preview = reports.preview_report(path, store.connect(seeded))
    assert preview.problems == [] and len(preview.rows) == 2
    assert preview.changes.empty  # the examples are the sample's own figures
    assert list(preview.rows["commune_code"]) == ["00001", "00004"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "loaders.reports", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_cli_exit_codes(seeded: str, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(csv_text(day_30(seeded)), encoding="utf-8")
    result = run_cli(str(good), "--database-url", seeded)
    assert result.returncode == 0, result.stderr
    assert "rows accepted: 579" in result.stdout and "problems: 0" in result.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\n30/05/2023,00001,,,5000,12a,0\n", encoding="utf-8")
    result = run_cli(str(bad), "--database-url", seeded, "--commit")
    assert result.returncode == 1
    assert "row 2, column 'Số thẻ đã trả', value '12a': not a whole number. Fix:" in result.stdout
    assert "Nothing was written" in result.stdout
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = run_cli(str(empty), "--database-url", seeded)
    assert result.returncode == 2 and "empty.csv is empty" in result.stderr


@pytest.mark.skipif(not hasattr(store, "commit_import"), reason="store.commit_import not written")
def test_cli_commit_writes_a_clean_report(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    good = tmp_path / "good.csv"
    good.write_text(csv_text(day_30(url)), encoding="utf-8")
    result = run_cli(str(good), "--database-url", url, "--commit", "--editor", "test")
    assert result.returncode == 0, result.stderr
    assert ": committed, 579 rows" in result.stdout
    again = run_cli(str(good), "--database-url", url)
    assert "nothing new" in again.stdout
    assert len(store.read_reports(store.connect(url))) == 16 * 579
