"""Read, validate and preview a daily report file (CSV or .xlsx) before it goes into the store.

python -m loaders.reports PATH [--sheet NAME] [--correction] [--commit] [--editor NAME]
    prints the preview; exit 0 when clean, 1 when rows have problems (nothing written),
    2 when the file cannot be used at all.
"""

import argparse
import csv
import dataclasses
import getpass
import hashlib
import io
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
from sqlalchemy import Engine

from cccd.report_checks import ReportPreview, check_report
from cccd.template import HEADERS, template_frame
from loaders import reference, store
from loaders._report_files import (
    MAX_BYTES,
    check_size,
    excel_sheet_names,
    read_cells,
    split_header,
)
from loaders._report_headers import map_headers
from loaders.catalogue import english
from loaders.errors import DataFileError

__all__ = [
    "MAX_BYTES",
    "RawReport",
    "format_preview",
    "main",
    "preview_report",
    "read_report",
    "sheet_names",
    "template_bytes",
]
SHOWN = 20  # problems, missing communes and changes listed by the command line


@dataclass(frozen=True)
class RawReport:
    """A report file's cells as text, in our column names, indexed by the file's row numbers."""

    frame: pd.DataFrame  # as_of, commune_code/commune_name, district_name?, target, ... (text)
    headers: dict[str, str]  # our column -> the file's header text
    encoding: str  # "utf-8-sig", "cp1258", "cp1252" or "xlsx"
    file_name: str
    sha256: str  # of the file's bytes
    sheet: str | None = None  # the sheet read, for .xlsx


def read_report(path: str | Path, sheet: str | None = None) -> RawReport:
    """Read a .csv or .xlsx report as text; DataFileError when the file cannot be used."""
    path = Path(path)
    data = check_size(path)
    cells = read_cells(path, data, sheet)
    _, header, rows = split_header(cells, path.name)
    mapping = map_headers(header, path.name)
    frame = pd.DataFrame(
        {ours: rows.columns[i] for ours, i in mapping.items()},
        index=pd.Index(rows.numbers, name="row"),
        dtype="str",
    )
    return RawReport(
        frame=frame,
        headers={ours: str(header[i]) for ours, i in mapping.items()},
        encoding=cells.encoding,
        file_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        sheet=cells.sheet,
    )


def preview_report(
    path: str | Path,
    engine: Engine,
    *,
    sheet: str | None = None,
    correction: bool = False,
    today: date | None = None,
) -> ReportPreview:
    """Read and check a report against the official communes, the store and the dataset's
    campaign (no report date before its start); writes nothing."""
    raw = read_report(path, sheet)
    preview = check_report(
        raw.frame,
        reference.units(),
        store.read_reports(engine),
        today or date.today(),
        reference.campaign().start,
        correction=correction,
        headers=raw.headers,
    )
    return dataclasses.replace(
        preview, source=raw.file_name, sha256=raw.sha256, encoding=raw.encoding
    )


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of an .xlsx report (for the UI to offer); [] for a CSV file."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return []
    return excel_sheet_names(path)


def template_bytes(language: str = "vi", fmt: str = "xlsx") -> bytes:
    """The downloadable report template: headers in "vi" or "en", as "csv" (UTF-8 BOM) or "xlsx"."""
    frame = template_frame(language)
    if fmt == "csv":
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        return buffer.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        return _template_xlsx(frame, language)
    raise ValueError(f"fmt must be 'csv' or 'xlsx', not {fmt!r}")


def _template_xlsx(frame: pd.DataFrame, language: str) -> bytes:
    """An .xlsx with codes stored as text (so Excel keeps 00001) and figures as numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Báo cáo" if language == "vi" else "Report"
    sheet.append(list(frame.columns))
    headers = HEADERS[language]
    counts = {headers[name] for name in ("target", "delivered", "activated")}
    for record in frame.to_dict("records"):
        sheet.append([int(v) if k in counts else v for k, v in record.items()])
    for cell in sheet["B"][1:]:
        cell.number_format = "@"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 20
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def format_preview(preview: ReportPreview, limit: int = SHOWN) -> str:
    """Plain-text preview in English: counts, each problem, communes with no row, changes."""
    dates = ", ".join(day.strftime("%d/%m/%Y") for day in preview.dates) or "none"
    lines = [
        f"{preview.source} ({preview.encoding}): dates {dates}",
        f"rows accepted: {len(preview.rows)}",
        f"problems: {len(preview.problems)}",
        *(f"  {english(problem.sentence)}" for problem in preview.problems[:limit]),
    ]
    lines += _more(len(preview.problems), limit)
    missing = preview.missing_communes
    lines.append(f"communes with no row: {len(missing)}")
    lines += [
        f"  {day:%d/%m/%Y} {code} {name} ({district})"
        for day, code, name, district in missing.head(limit).itertuples(index=False)
    ]
    lines += _more(len(missing), limit)
    lines.append(_changes_line(preview))
    lines += [
        f"  {day:%d/%m/%Y} {code} {name} {column}: {_shown(old)} -> {new} ({kind})"
        for day, code, name, column, old, new, kind in preview.changes.head(limit).itertuples(
            index=False
        )
    ]
    lines += _more(len(preview.changes), limit)
    return "\n".join(lines)


def _shown(value: object) -> str:
    return "none" if pd.isna(value) else str(value)


def _more(total: int, limit: int) -> list[str]:
    return [f"  ... and {total - limit} more"] if total > limit else []


def _changes_line(preview: ReportPreview) -> str:
    if preview.ok and preview.changes.empty:
        return "changes to the store: none (nothing new: the store already holds these figures)"
    corrections = int((preview.changes["kind"] == "correction").sum())
    extra = f", of which {corrections} corrections" if corrections else ""
    return f"changes to the store: {len(preview.changes)}{extra}"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m loaders.reports",
        description="Check a daily CCCD report (.csv or .xlsx); --commit loads it.",
    )
    parser.add_argument("path", type=Path, help=".csv or .xlsx report")
    parser.add_argument("--sheet", help="the sheet to read from an .xlsx workbook")
    parser.add_argument(
        "--correction", action="store_true", help="accept figures lower than earlier reports"
    )
    parser.add_argument("--commit", action="store_true", help="write the rows when clean")
    parser.add_argument("--editor", default=None, help="who loads the file (default: user)")
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Command line: print a report's preview; exit 1 on problems, 2 when unusable."""
    args = _arguments(argv)
    try:
        engine = store.connect(args.database_url or store.database_url())
        preview = preview_report(args.path, engine, sheet=args.sheet, correction=args.correction)
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_preview(preview))
    if preview.problems:
        print("Nothing was written: fix the problems above and load the file again.")
        return 1
    if args.commit:
        return _commit(engine, preview, args.editor or getpass.getuser())
    return 0


def _commit(engine: Engine, preview: ReportPreview, editor: str) -> int:
    """Write the accepted rows through the store's import; 2 when the store refuses."""
    try:
        record = store.commit_import(
            engine,
            preview.rows,
            file_name=preview.source,
            sha256=preview.sha256,
            editor=editor,
            correction=preview.correction,
        )
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"import {record.id}: {record.outcome}, {record.rows} rows, {record.changed} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
