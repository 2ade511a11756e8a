"""python -m loaders.reports FILE... : check (and load) daily reports from the command line.

    python -m loaders.reports FILE... [--column delivered="Số thẻ đã trả"] [--date 2023-05-25]
        [--sheet NAME] [--correction] [--skip-bad-rows] [--commit] [--editor NAME]

prints what the reader decided (columns, date, district, rows set aside) and why, the columns
ignored, one line per file or sheet, the problems, the communes with no row and the changes;
exit 0 when clean, 1 when rows have problems (nothing written unless --skip-bad-rows with
--commit), 2 when the files cannot be used at all.
"""

import argparse
import getpass
import sys
import warnings
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from cccd.report_checks import ReportPreview
from cccd.report_sources import rows_added_up
from loaders import reports, store
from loaders.catalogue import english
from loaders.errors import DataFileError

SHOWN = 20  # problems, missing communes and changes listed


def _sources(preview: ReportPreview) -> list[str]:
    lines = [f"files and sheets read: {len(preview.sources)}"] if len(preview.sources) > 1 else []
    for item in preview.sources if len(preview.sources) > 1 else []:
        where = f"{item.file} › {item.sheet}" if item.sheet else item.file
        days = ", ".join(day.strftime("%d/%m/%Y") for day in item.dates) or "none"
        district = f", district {item.district}" if item.district else ""
        lines.append(
            f"  {where}: {item.rows_read} rows read, {item.rows_accepted} accepted, "
            f"dates {days}{district}"
        )
    return lines


def format_preview(preview: ReportPreview, limit: int = SHOWN) -> str:
    """Plain-text preview in English: decisions, files, problems, missing communes, changes."""
    dates = ", ".join(day.strftime("%d/%m/%Y") for day in preview.dates) or "none"
    lines = [f"{preview.source} ({preview.encoding}): dates {dates}"]
    lines += [f"  {english(decision)}" for decision in preview.decisions]
    if preview.ignored:
        lines.append(f"columns ignored: {', '.join(repr(text) for text in preview.ignored)}")
    lines += _sources(preview)
    lines += [f"warning: {english(warning)}" for warning in preview.warnings]
    lines += [f"rows accepted: {len(preview.rows)}", f"problems: {len(preview.problems)}"]
    lines.append(english(rows_added_up(preview.sources, len(preview.rows),
                                       preview.rows_with_problems)))  # fmt: skip
    lines += [f"  {english(problem.sentence)}" for problem in preview.problems[:limit]]
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
    lines += _more(preview.change_total, limit)
    return "\n".join(lines)


def _shown(value: object) -> str:
    return "none" if pd.isna(value) else str(value)


def _more(total: int, limit: int) -> list[str]:
    return [f"  ... and {total - limit} more"] if total > limit else []


def _changes_line(preview: ReportPreview) -> str:
    if preview.ok and not preview.change_total:
        return "changes to the store: none (nothing new: the store already holds these figures)"
    corrections = preview.change_counts.get("correction", 0)
    extra = f", of which {corrections} corrections" if corrections else ""
    return f"changes to the store: {preview.change_total}{extra}"


def _column(text: str) -> tuple[str, str]:
    ours, sep, header = text.partition("=")
    if not sep or not ours.strip() or not header.strip():
        raise argparse.ArgumentTypeError(f"expected OUR_COLUMN=HEADING, not {text!r}")
    return ours.strip(), header.strip().strip('"')


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m loaders.reports",
        description="Check daily CCCD reports (.csv, .xlsx, several at once); --commit loads them.",
    )
    parser.add_argument("paths", type=Path, nargs="+", metavar="FILE", help=".csv or .xlsx report")
    parser.add_argument("--column", type=_column, action="append", default=[],
                        metavar='OURS="HEADING"',
                        help="which heading holds one of our columns (as_of, commune_code, "
                        "commune_name, district_name, target, delivered, activated)")  # fmt: skip
    parser.add_argument("--date", type=date.fromisoformat, default=None,
                        help="the report date (YYYY-MM-DD) if the file lacks it")  # fmt: skip
    parser.add_argument("--sheet", help="read only this sheet of a workbook")
    parser.add_argument(
        "--correction", action="store_true", help="accept figures lower than earlier reports"
    )
    parser.add_argument("--skip-bad-rows", action="store_true",
                        help="with --commit: load the good rows, record the bad ones")  # fmt: skip
    parser.add_argument("--commit", action="store_true", help="write the rows when clean")
    parser.add_argument("--editor", default=None, help="who loads the file (default: user)")
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL")
    return parser.parse_args(argv)


def run(argv: list[str] | None = None) -> int:
    """Command line: print the preview; exit 1 on problems, 2 when unusable."""
    args = _arguments(argv)
    # Library warnings (openpyxl, calamine) are not for the user and name files inside them.
    warnings.simplefilter("ignore")
    try:
        engine = store.connect(args.database_url or store.database_url())
        preview = reports.preview_report(
            args.paths, engine, sheet=args.sheet, correction=args.correction,
            columns=dict(args.column) or None, as_of=args.date,
        )  # fmt: skip
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_preview(preview))
    if preview.problems and not (args.skip_bad_rows and args.commit):
        print("Nothing was written: fix the problems above and load the file again"
              " (or --skip-bad-rows --commit to load the good rows).")  # fmt: skip
        return 1
    if args.commit:
        return _commit(engine, preview, args.editor or getpass.getuser())
    return 0


def _commit(engine: Engine, preview: ReportPreview, editor: str) -> int:
    """Write the accepted rows through the store's import; 2 when the store refuses."""
    try:
        record = store.commit_import(engine, preview.rows, file_name=preview.source,
                                     sha256=preview.sha256, editor=editor,
                                     correction=preview.correction,
                                     skipped=reports.skipped_rows(preview),
                                     checked_at=preview.store_version)  # fmt: skip
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    skipped = f", {len(preview.problems)} problems skipped" if preview.problems else ""
    print(f"import {record.id}: {record.outcome}, {record.rows} rows, {record.changed} changed"
          f"{skipped}")  # fmt: skip
    return 0
