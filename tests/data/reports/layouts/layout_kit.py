"""Tools to write report files as Hanoi offices send them, and the truth each must give.

Figures start from the seeded sample store's last day (29/05/2023) and rise a little (never
above the target, activations never above deliveries), so every file imports cleanly after the
sample. Names and numbers are written in the ways real reports write them.
"""

import csv
import io
import random
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font

from loaders import reference, store

FIELDS = ["as_of", "commune_code", "target", "delivered", "activated"]
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
MAY_30, MAY_31 = date(2023, 5, 30), date(2023, 5, 31)
SIGNED = "Hà Nội, ngày 31 tháng 5 năm 2023"  # the signing date: never the data date
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def sample_last_day() -> pd.DataFrame:
    """The seeded sample store's 29/05/2023 figures, one row per commune, with its unit fields."""
    with tempfile.TemporaryDirectory() as folder:
        engine = store.connect(f"sqlite:///{folder}/sample.sqlite")
        stored = store.read_reports(engine)
        engine.dispose()
    last = stored[stored["as_of"] == pd.Timestamp("2023-05-29")]
    units = reference.units()
    return units.merge(last[["commune_code", "target", "delivered", "activated"]], how="left")


BASE = sample_last_day()


def district(code: str) -> pd.DataFrame:
    """The communes of a district (GSO code "001"), in the official order."""
    return BASE[BASE["district_code"] == code].reset_index(drop=True)


def rise(units: pd.DataFrame, day: date, rng: random.Random) -> pd.DataFrame:
    """The communes' figures on `day`: a few more cards and activations than before."""
    rows = units.copy()
    more = [rng.randint(0, 80) for _ in range(len(rows))]
    rows["delivered"] = (rows["delivered"] + more).clip(upper=rows["target"])
    rows["activated"] = [
        min(a + rng.randint(0, 60), d)
        for a, d in zip(rows["activated"], rows["delivered"], strict=True)
    ]
    rows["as_of"] = day.isoformat()
    return rows


# Names as people write them.
def plain(text: str) -> str:
    """Without any diacritic: "Phường Phúc Xá" -> "Phuong Phuc Xa"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def joined(text: str) -> str:
    """Without diacritics or spaces, as exported datasets write: "Phúc Xá" -> "PhucXa"."""
    return "".join(word[:1].upper() + word[1:] for word in plain(text).split())


def abbreviated(row: pd.Series) -> str:
    """With the type abbreviated: "P. Phúc Xá", "X. Ninh Sở", "TT. Thường Tín"."""
    short = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT."}[row["commune_type"]]
    return f"{short} {row['commune_name_short']}"


def other_tone(text: str) -> str:
    """The other tone-mark placement of words ending in oa, oe, uy: "Hòa" <-> "Hoà"."""

    def swap(word: str) -> str:
        parts = unicodedata.normalize("NFD", word)
        if m := re.fullmatch(rf"(.*[oOuU])([{TONE_MARKS}])([aAeEyY])", parts):
            parts = m.group(1) + m.group(3) + m.group(2)
        elif m := re.fullmatch(rf"(.*[oOuU])([aAeEyY])([{TONE_MARKS}])", parts):
            parts = m.group(1) + m.group(3) + m.group(2)
        return unicodedata.normalize("NFC", parts)

    return " ".join(swap(word) for word in text.split(" "))


def grouped(count: int, separator: str) -> str:
    """A count with a thousands separator: grouped(17557, ".") -> "17.557"."""
    return f"{count:,}".replace(",", separator)


def rate(part: int, whole: int, comma: bool = True) -> str:
    """A percentage as Vietnamese reports write it: "78,4" (or "78.4")."""
    text = f"{100 * part / whole:.1f}" if whole else "0.0"
    return text.replace(".", ",") if comma else text


# Table parts.
def short(row: pd.Series) -> str:
    """The name without its type: "Phúc Xá"."""
    return row["commune_name_short"]


def count(name: str, separator: str = "") -> Callable[[pd.Series], object]:
    """A count cell: an int, or text with a thousands separator."""
    return (
        (lambda row: int(row[name]))
        if not separator
        else (lambda row: grouped(int(row[name]), separator))
    )


def numbered() -> Callable[[pd.Series], object]:
    """1, 2, 3… down the rows (the STT column)."""
    counter = iter(range(1, 10_000))
    return lambda row: next(counter)


def title_block(body: Sequence[str], width: int, lines: Sequence[str]) -> list[list[object]]:
    """Issuing body top left, motto top right, signing date, then the title lines."""
    right = max(width - 3, 2)
    rows: list[list[object]] = []
    for left, motto in zip([*body, ""][:2], MOTTO, strict=True):
        rows.append([left] + [""] * (right - 1) + [motto])
    rows.append([""] * right + [SIGNED])
    rows.append([])
    rows.extend([line] for line in lines)
    rows.append([])
    return rows


def signature_block(width: int, office: str) -> list[list[object]]:
    """The signatures under the table: none of it is data."""
    right = max(width - 3, 2)
    return [
        [],
        ["", "NGƯỜI LẬP BIỂU"] + [""] * (right - 2) + [f"KT. TRƯỞNG {office}"],
        [""] * right + ["PHÓ TRƯỞNG"],
        [],
        ["", "Nguyễn Thị Lan"] + [""] * (right - 2) + ["Trần Văn Bình"],
    ]


def table(rows: pd.DataFrame, columns: Sequence[Callable[[pd.Series], object]]) -> list[list]:
    """One line per commune, each cell from a function of its row."""
    return [[column(row) for column in columns] for _, row in rows.iterrows()]


def totals(rows: pd.DataFrame) -> dict[str, int]:
    """The sums a subtotal row shows."""
    return {name: int(rows[name].sum()) for name in ("target", "delivered", "activated")}


# Writers.
def write_csv(
    path: Path, rows: Sequence[Sequence[object]], delimiter: str, encoding: str, first: str = ""
) -> None:
    """A CSV as Excel or a system export writes it (CRLF, minimal quoting), after an unquoted
    `first` line (Excel's "sep=;") when given."""
    buffer = io.StringIO()
    buffer.write(f"{first}\r\n" if first else "")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    text = buffer.getvalue()
    path.write_bytes(windows_1258(text) if encoding == "cp1258" else text.encode(encoding))


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: â, ơ… precomposed, each tone mark a separate character."""
    letters = []
    for letter in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", letter)
        tones = "".join(part for part in parts if part in TONE_MARKS)
        base = "".join(part for part in parts if part not in TONE_MARKS)
        letters.append(unicodedata.normalize("NFC", base) + tones)
    return "".join(letters).encode("cp1258")


class Percent(float):
    """A fraction shown as a percentage in Excel (0.784 -> 78.4%)."""


Sheet = tuple[str, Sequence[Sequence[object]], Sequence[str]]  # name, rows, merged ranges


def write_xlsx(path: Path, sheets: Sequence[Sheet], first_column: int = 1) -> None:
    """A workbook: each sheet's rows from `first_column` (1 = A), ranges merged, dates shown
    as dd/mm/yyyy, text that starts with "=" written as a formula."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows, merged in sheets:
        sheet = book.create_sheet(name)
        for number, row in enumerate(rows, 1):
            for offset, value in enumerate(row):
                if value is None or value == "":
                    continue
                cell = sheet.cell(number, first_column + offset, value)
                if isinstance(value, date):
                    cell.number_format = "dd/mm/yyyy"
                if isinstance(value, Percent):
                    cell.number_format = "0.0%"
                if isinstance(value, str) and value.isupper():
                    cell.font = Font(bold=True)
        for cells in merged:
            sheet.merge_cells(cells)
            sheet[cells.split(":")[0]].alignment = Alignment(horizontal="center", wrap_text=True)
    book.save(path)
    _fixed_times(path)


def save_results(path: Path, results: dict[str, dict[str, object]]) -> None:
    """Give formula cells the results Excel saves with them (openpyxl saves none):
    results[sheet part, e.g. "sheet1"][cell reference] = value."""
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    for part, cells in results.items():
        name = f"xl/worksheets/{part}.xml"
        xml = parts[name].decode()
        for reference_, value in cells.items():
            pattern = rf'(<c r="{reference_}"[^>]*>)(<f>[^<]*</f>)<v\s*/>'
            xml, found = re.subn(pattern, rf"\g<1>\g<2><v>{value}</v>", xml)
            assert found == 1, (path.name, reference_)
        parts[name] = xml.encode()
    _write_parts(path, parts)


def _write_parts(path: Path, parts: dict[str, bytes]) -> None:
    """The archive again, with fixed times, so the same workbook gives the same bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            if name == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2023-05-31T08:00:00Z", data)
            info = zipfile.ZipInfo(name, (2023, 5, 31, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


def _fixed_times(path: Path) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    _write_parts(path, parts)


Builder = Callable[[Path, random.Random], pd.DataFrame]


def registrar(files: list[tuple[str, str, Builder]]) -> Callable[[str, str], Callable]:
    """A `good(name, shape)` decorator that adds each file's builder to `files`."""

    def good(name: str, shape: str) -> Callable[[Builder], Builder]:
        def register(builder: Builder) -> Builder:
            files.append((name, shape, builder))
            return builder

        return register

    return good
