"""Read, validate and preview daily reports (CSV or .xlsx, one or several files, every sheet
that holds a report) before they go into the store.

Columns are found by the words of their headings and confirmed by their values, the date and
district by the title, sheet or file name when no column holds them (loaders._report_tables);
what was decided, and why, comes back with the rows. A person can always decide instead:
`columns` (our column -> heading) and `as_of`, or on the command line (loaders._report_cli):

python -m loaders.reports FILE... [--column delivered="Số thẻ đã trả"] [--date 2023-05-25]
    [--sheet NAME] [--correction] [--skip-bad-rows] [--commit] [--editor NAME]
    prints the decisions and the preview; exit 0 when clean, 1 when rows have problems
    (nothing written), 2 when the files cannot be used at all.
"""

import csv
import hashlib
import io
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from sqlalchemy import Engine

from cccd.messages import Message
from cccd.report_checks import ReportPreview, check_report
from cccd.report_sources import ROW_BLOCK, SourceSummary, TableSource
from cccd.template import HEADERS, template_frame
from loaders import reference, store
from loaders._gc import collector_paused
from loaders._report_content import refuse_wrong_content
from loaders._report_files import MAX_BYTES, check_size, excel_sheet_names, read_cells, read_tables
from loaders._report_layout import header_key
from loaders._report_tables import TableRead, read_table
from loaders._report_usable import usable_tables
from loaders.catalogue import english
from loaders.errors import DataFileError

__all__ = [
    "MAX_BYTES",
    "ColumnGuess",
    "RawReport",
    "format_preview",
    "guess_columns",
    "main",
    "preview_report",
    "read_report",
    "sheet_names",
    "skipped_rows",
    "template_bytes",
]
Paths = str | Path | Sequence[str | Path]


@dataclass(frozen=True)
class RawReport:
    """A report's cells as text in our column names: one file's rows indexed by their row
    numbers, or several tables' rows indexed table * ROW_BLOCK + row (see `tables`)."""

    frame: pd.DataFrame  # as_of, commune_code/commune_name, district_name?, target, ... (text)
    headers: dict[str, str]  # our column -> the (first) table's header text
    encoding: str  # "utf-8-sig", "utf-16", "cp1258", "cp1252" or "xlsx" (several: joined)
    file_name: str  # the file names, joined with ", "
    sha256: str  # of all the files' bytes, in order
    sheet: str | None = None  # the sheet read, when one sheet was read
    decisions: list[Message] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    header_key: str = ""
    tables: list[TableSource] = field(default_factory=list)  # several tables: each one's name
    summaries: list[SourceSummary] = field(default_factory=list)


@dataclass(frozen=True)
class ColumnGuess:
    """What the reader would take each column for, and why; never refused for ambiguity."""

    headers: list[str]  # every heading found, for select boxes
    columns: dict[str, str]  # our column -> heading guessed
    reasons: dict[str, Message]  # our column -> why
    conflicts: dict[str, list[str]]  # our column -> the headings that could each be it
    ignored: list[str]
    header_key: str  # fingerprint of the headings, for a stored mapping
    as_of: date | None
    as_of_source: Message | None


def _paths(paths: Paths, names: Sequence[str] | None) -> list[tuple[Path, str]]:
    listed = [paths] if isinstance(paths, str | Path) else list(paths)
    shown = list(names) if names is not None else [Path(p).name for p in listed]
    return [(Path(path), name) for path, name in zip(listed, shown, strict=True)]


def _tables(
    paths: Paths,
    sheet: str | None,
    names: Sequence[str] | None,
    columns: Mapping[str, str] | None = None,
    as_of: date | None = None,
) -> tuple[list[TableRead], list[str], str]:
    """(every table of every file read, each file's encoding, the SHA-256 of all the bytes)."""
    units, digest = reference.units(), hashlib.sha256()
    tables, encodings = [], []
    for path, name in _paths(paths, names):
        if path.is_dir():
            raise DataFileError("hostile.report_folder", file=name)
        data = check_size(path)
        refuse_wrong_content(path, data, name)
        digest.update(data)
        found = [read_cells(path, data, sheet)] if sheet else read_tables(path, data)
        if not any(cells.numbers for cells in found):
            raise DataFileError("error.report_no_rows", file=name)
        encodings.append(found[0].encoding)
        for cells in found:
            label = f"{name} › {cells.sheet}" if cells.sheet else name
            table = TableRead(name, cells.sheet, label)
            tables.append(read_table(cells, table, units, columns or {}, as_of))
    return tables, encodings, digest.hexdigest()


def read_report(
    paths: Paths,
    *,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
    as_of: date | None = None,
    names: Sequence[str] | None = None,
) -> RawReport:
    """Read one or several .csv/.xlsx reports (every sheet that holds a report) as text in our
    columns; DataFileError when they cannot be used, saying how to fix or choose."""
    tables, encodings, sha256 = _tables(paths, sheet, names, columns, as_of)
    used, notes = usable_tables(tables)
    several = len(used) > 1
    frames = [
        table.frame.set_axis(table.frame.index + k * ROW_BLOCK) if several else table.frame
        for k, table in enumerate(used)
    ]
    frame = pd.concat(frames).fillna("") if several else frames[0]
    texts = list(dict.fromkeys(t for table in used for t in table.columns.texts if t))
    return RawReport(
        frame=frame,
        headers=used[0].columns.headers,
        encoding=", ".join(dict.fromkeys(encodings)),
        file_name=", ".join(dict.fromkeys(table.file for table in tables)),
        sha256=sha256,
        sheet=used[0].sheet if not several else None,
        decisions=[m for table in used for m in table.decisions] + notes,
        ignored=list(dict.fromkeys(i for table in used for i in table.columns.ignored)),
        warnings=[w for table in used for w in table.warnings],
        header_key=header_key(texts),
        tables=[TableSource(t.label, t.columns.headers) for t in used] if several else [],
        summaries=[_summary(table) for table in used],
    )


def _summary(table: TableRead) -> SourceSummary:
    """What a table gave, before the check: its rows, its dates, its district."""
    dates = (table.as_of,) if table.as_of else table.dates
    communes = len(table.frame) if table.frame is not None else 0
    return SourceSummary(table.file, table.sheet, table.rows_read, dates=dates,
                         district=table.district,
                         rows_set_aside=table.rows_read - communes)  # fmt: skip


def guess_columns(
    paths: Paths, *, sheet: str | None = None, names: Sequence[str] | None = None
) -> ColumnGuess:
    """The columns the reader would take, their reasons and ambiguities, the date it found;
    DataFileError only when a file cannot be read at all."""
    tables, _, _ = _tables(paths, sheet, names)
    found = [table for table in tables if table.columns is not None]
    texts = list(dict.fromkeys(t for table in found for t in table.columns.texts if t))
    if not found:  # no row reads as a header: offer the first row's cells to choose from
        texts = list(dict.fromkeys(tables[0].first_row)) if tables else []
    columns: dict[str, str] = {}
    reasons: dict[str, Message] = {}
    conflicts: dict[str, list[str]] = {}
    for table in found:
        for ours, header in table.columns.headers.items():
            columns.setdefault(ours, header)
            reasons.setdefault(ours, table.columns.reasons[ours])
        for ours, candidates in table.columns.conflicts.items():
            conflicts.setdefault(ours, candidates)
    dated = next((table for table in found if table.as_of_source is not None), None)
    return ColumnGuess(
        headers=texts,
        columns=columns,
        reasons=reasons,
        conflicts={ours: c for ours, c in conflicts.items() if ours not in columns},
        ignored=list(dict.fromkeys(i for table in found for i in table.columns.ignored)),
        header_key=header_key(texts),
        as_of=dated.as_of if dated else None,
        as_of_source=dated.as_of_source if dated else None,
    )


def preview_report(
    paths: Paths,
    engine: Engine,
    *,
    sheet: str | None = None,
    correction: bool = False,
    today: date | None = None,
    columns: Mapping[str, str] | None = None,
    as_of: date | None = None,
    names: Sequence[str] | None = None,
) -> ReportPreview:
    """Read and check reports against the official communes, the store and the dataset's
    campaign (no report date before its start); writes nothing."""
    with collector_paused():
        return _preview(paths, engine, sheet, correction, today, columns, as_of, names)


def _preview(
    paths: Paths,
    engine: Engine,
    sheet: str | None,
    correction: bool,
    today: date | None,
    columns: Mapping[str, str] | None,
    as_of: date | None,
    names: Sequence[str] | None,
) -> ReportPreview:
    """preview_report's work, while the cyclic collector is paused (loaders._gc)."""
    raw = read_report(paths, sheet=sheet, columns=columns, as_of=as_of, names=names)
    # Before the rows: an import landing in between makes the commit check again, not trust.
    version = store.store_version(engine)
    preview = check_report(
        raw.frame,
        reference.units(),
        # Only the stored rows the checks compare with: the file's dates on, and each commune's
        # last row before them (a month into a long campaign reads ~1/10 of the store).
        store.reports_for_check(engine, store.report_dates(raw.frame)),
        today or date.today(),
        reference.campaign().start,
        correction=correction,
        headers=raw.headers,
        sources=raw.tables,
    )
    return replace(
        preview,
        source=raw.file_name,
        sha256=raw.sha256,
        encoding=raw.encoding,
        decisions=raw.decisions,
        ignored=raw.ignored,
        columns=dict(raw.headers),
        header_key=raw.header_key,
        sources=_summaries(raw, preview),
        warnings=raw.warnings,
        store_version=version,
    )


def _summaries(raw: RawReport, preview: ReportPreview) -> list[SourceSummary]:
    """Each table's summary with the rows accepted from it and the dates they report on."""
    rows = preview.rows
    block = (rows.index // ROW_BLOCK if raw.tables else pd.Index([0] * len(rows))).to_numpy()
    days = pd.DatetimeIndex(rows["as_of"])
    out = []
    for k, summary in enumerate(raw.summaries):
        mine = block == k
        # The distinct days first: a nationwide month is 318,000 rows on 30 days.
        dates = set(days[mine].unique().date) | set(summary.dates)
        out.append(replace(summary, rows_accepted=int(np.count_nonzero(mine)),
                           dates=tuple(sorted(dates))))  # fmt: skip
    return out


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


def skipped_rows(preview: ReportPreview) -> list[dict[str, object]]:
    """A preview's problems as the import log records skipped rows (reasons in English, as in
    the log's other texts); the file (and sheet) each is in, also when only one was read."""
    return [
        {"row": p.row, "column": p.column, "value": p.value, "reason": english(p.what),
         "source": p.source or preview.source}
        for p in preview.problems
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Command line: print a report's decisions and preview; exit 1 on problems, 2 unusable."""
    from loaders._report_cli import run  # the command line builds on this module

    return run(argv)


def format_preview(preview: ReportPreview, limit: int = 20) -> str:
    """Plain-text preview in English (see loaders._report_cli.format_preview)."""
    from loaders._report_cli import format_preview as formatted

    return formatted(preview, limit)


if __name__ == "__main__":
    sys.exit(main())
