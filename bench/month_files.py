"""The nationwide month for issue 14's speed row: 30 days × 10,599 communes, CSV and XLSX.

The figures rise from the nationwide store's last day (29/05/2023, the seeded synthetic sample)
so that every row is new and clean, and the check compares each commune with its stored history:
delivered never falls and stays ≤ target, activated ≤ delivered. The files carry the template's
Vietnamese headers (cccd.template.HEADERS) written the way loaders.reports.template_bytes writes
them: CSV in UTF-8 with BOM and CRLF; XLSX with codes as text cells ("@", so 00001 keeps its
zeros) and counts as numbers. The name columns are left out, as the template allows (a code
alone); with them the CSV is ~23 MB, which loaders.limits accepts since issue 17, and
tests/test_file_limits.py reads.

The files are written once into bench/out/, named after a hash of what they are made from, so a
re-seeded store gives new files and an unchanged one reuses them (the XLSX takes ~1 min).
"""

from __future__ import annotations

import csv
import hashlib
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import OUT

DAYS = 30
FIRST_DAY = date(2023, 5, 30)  # the day after the sample's last report date
COLUMNS = ["as_of", "commune_code", "target", "delivered", "activated"]
COUNTS = ["target", "delivered", "activated"]
DATE_LAYOUT = "%d/%m/%Y"  # the Vietnamese template's
SEED = 14


def month_frame(stored: pd.DataFrame) -> pd.DataFrame:
    """30 days of rising figures for every commune of `stored`'s last day, in our column names
    (as_of as dd/mm/yyyy text, code text, counts int)."""
    last = stored[stored["as_of"] == stored["as_of"].max()].sort_values("commune_code")
    rng = np.random.default_rng(SEED)
    target = last["target"].to_numpy()
    delivered, activated = last["delivered"].to_numpy(), last["activated"].to_numpy()
    frames = []
    for day in range(DAYS):
        delivered = np.minimum(
            np.maximum(target, delivered), delivered + rng.integers(0, 60, len(last))
        )
        activated = np.minimum(delivered, activated + rng.integers(0, 50, len(last)))
        frames.append(pd.DataFrame({
            "as_of": (FIRST_DAY + timedelta(days=day)).strftime(DATE_LAYOUT),
            "commune_code": last["commune_code"].to_numpy(),
            "target": target,
            "delivered": delivered,
            "activated": activated,
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def _headers() -> dict[str, str]:
    from cccd.template import HEADERS

    return {name: HEADERS["vi"][name] for name in COLUMNS}


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """The frame as the template CSV: Vietnamese headers, UTF-8 with BOM, CRLF, minimal quoting."""
    text = frame.rename(columns=_headers()).to_csv(
        index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    path.write_bytes(text.encode("utf-8-sig"))


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """The frame as the template XLSX: one sheet "Báo cáo", codes as text cells, counts as ints.

    openpyxl's write-only mode (the same cells as loaders.reports._template_xlsx writes, without
    holding 1.6 M cell objects)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Báo cáo")
    for letter in "ABCDE":
        sheet.column_dimensions[letter].width = 20
    sheet.append(list(_headers().values()))
    for day, code, *counts in frame[COLUMNS].itertuples(index=False, name=None):
        cell = WriteOnlyCell(sheet, value=code)
        cell.number_format = "@"
        sheet.append([day, cell, *(int(v) for v in counts)])
    book.save(path)


def month_files(stored: pd.DataFrame) -> dict[str, Path]:
    """{"csv": path, "xlsx": path} of the month built from `stored`, written once per content."""
    frame = month_frame(stored)
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).to_numpy()).hexdigest()
    OUT.mkdir(parents=True, exist_ok=True)
    paths = {fmt: OUT / f"month_{digest[:10]}.{fmt}" for fmt in ("csv", "xlsx")}
    writers = {"csv": write_csv, "xlsx": write_xlsx}
    for fmt, path in paths.items():
        if not path.exists():
            partial = path.with_suffix(f".partial.{fmt}")
            writers[fmt](frame, partial)
            partial.replace(path)
    return paths
