"""Reports as people send them, built from a seeded store's 29/05/2023 figures plus one card
delivered, dated 30/05/2023: unfamiliar headers, one CSV per district, one sheet per district."""

from pathlib import Path

import openpyxl
import pandas as pd
from helpers_reports import HEADERS
from sqlalchemy import Engine

from loaders import reference, store

# Headings from real reports that are not in the template (issue 14).
UNFAMILIAR = {
    "commune_name": "Đơn vị hành chính",
    "commune_code": "Mã đơn vị",
    "target": "Số dân phải cấp",
    "delivered": "SL thẻ trả dân",
    "activated": "Số TK định danh mức 2",
    "as_of": "Cập nhật đến",
}


def may_30_figures(engine: Engine, day: str = "2023-05-29", more_cards: int = 1) -> pd.DataFrame:
    """Every commune's figures of `day` with `more_cards` delivered (up to target), as of
    30/05/2023, with its names; in the order of the official list."""
    stored = store.read_reports(engine)
    last = stored[stored["as_of"] == pd.Timestamp(day)]
    units = reference.units()[["commune_code", "commune_name", "district_code", "district_name"]]
    frame = units.merge(last, on="commune_code", validate="one_to_one")
    frame["delivered"] = (frame["delivered"] + more_cards).clip(upper=frame["target"])
    frame["as_of"] = "30/05/2023"
    return frame


def write_unfamiliar_report(engine: Engine, path: Path) -> Path:
    """A CSV whose headers are worded as in real reports, with a numbering and a notes column."""
    frame = may_30_figures(engine)[list(UNFAMILIAR)].rename(columns=UNFAMILIAR)
    frame.insert(0, "STT", range(1, len(frame) + 1))
    frame["Ghi chú"] = ""
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def districts(engine: Engine, count: int = 3) -> list[tuple[str, pd.DataFrame]]:
    """The first `count` districts' figures, as (district name, template-shaped frame)."""
    frame = may_30_figures(engine)
    chosen = frame["district_code"].drop_duplicates().sort_values().head(count)
    return [
        (group["district_name"].iloc[0], group[list(HEADERS)].rename(columns=HEADERS))
        for _, group in frame[frame["district_code"].isin(chosen)].groupby("district_code")
    ]


def write_district_csvs(engine: Engine, folder: Path, count: int = 3) -> list[Path]:
    """One template CSV per district, named after the district (with its diacritics)."""
    paths = []
    for name, frame in districts(engine, count):
        path = folder / f"{name} 30-05-2023.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        paths.append(path)
    return paths


def write_district_workbook(engine: Engine, path: Path, count: int = 3) -> Path:
    """One workbook, one sheet per district (named after it), codes stored as text."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, frame in districts(engine, count):
        sheet = book.create_sheet(name[:31])
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append(list(row))
    book.save(path)
    return path


def rows_of(engine: Engine, day: str = "2023-05-30") -> pd.DataFrame:
    """The store's rows of `day`."""
    stored = store.read_reports(engine)
    return stored[stored["as_of"] == pd.Timestamp(day)]
