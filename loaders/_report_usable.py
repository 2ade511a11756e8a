"""Which tables of a report can be used, and the error that says why when none (or one) cannot.

A leftover sheet (no report header, or a header and no rows beside other sheets that have
rows) is set aside and listed; a report table whose columns are ambiguous or missing, or that
has no date, stops the read with a message that says how to choose (--column, --date, or the
boxes of the import page).
"""

import pandas as pd

from cccd.messages import Message, message
from cccd.report_layout import COUNTS
from loaders._report_layout import role_label
from loaders._report_tables import TableRead
from loaders.errors import DataFileError, listing

EXAMPLE_HEADER = "Mã xã, Phường/Xã, Chỉ tiêu, Số thẻ đã trả, Đã kích hoạt VNeID"


def usable_tables(tables: list[TableRead]) -> tuple[list[TableRead], list[Message]]:
    """(the tables holding report rows, notes on the tables set aside); DataFileError when a
    report table cannot be read as it is, or none holds a report."""
    notes: list[Message] = []
    reports = [table for table in tables if table.header is not None]
    for table in tables:
        if table.header is None and len(tables) > 1:
            notes.append(message("layout.sheet_skipped", source=table.label))
    if not reports:
        _no_report(tables)
    districts_only = [table for table in reports if _districts_only(table)]
    if len(districts_only) < len(reports):  # beside commune sheets, a district summary
        notes += [message("layout.sheet_districts", source=t.label) for t in districts_only]
        reports = [table for table in reports if table not in districts_only]
    for table in reports:
        _refuse_unclear(table)
    with_rows = [table for table in reports if table.rows_read]
    if not with_rows:
        raise DataFileError("error.report_no_data_rows", file=reports[0].label)
    notes += [message("layout.sheet_empty", source=t.label) for t in reports if not t.rows_read]
    summaries = [table for table in with_rows if _repeats_others(table, with_rows)]
    notes += [message("layout.sheet_repeats", source=t.label) for t in summaries]
    return [table for table in with_rows if table not in summaries], notes


def _districts_only(table: TableRead) -> bool:
    """A table of districts (a city summary sheet): a district column and no commune column."""
    chosen = table.columns.chosen
    return "district_name" in chosen and not chosen.keys() & {"commune_code", "commune_name"}


def _figures(table: TableRead) -> pd.MultiIndex:
    frame = table.frame[[c for c in COUNTS if c in table.frame]]
    return pd.MultiIndex.from_frame(frame.apply(lambda column: column.str.replace(r"\D", "",
                                                                          regex=True)))  # fmt: skip


def _repeats_others(table: TableRead, tables: list[TableRead]) -> bool:
    """A summary sheet that lists the communes of the other sheets again, with the same
    figures (larger than any one of them, so two copies of one sheet stay duplicates)."""
    others = [other for other in tables if other is not table and other.frame is not None]
    if not others or table.frame is None or not len(table.frame):
        return False
    if len(table.frame) <= max(len(other.frame) for other in others):
        return False
    known = _figures(others[0]).append([_figures(other) for other in others[1:]])
    return bool(_figures(table).isin(known).mean() >= 0.95)


def _no_report(tables: list[TableRead]) -> None:
    if len(tables) == 1:
        raise DataFileError("layout.no_header", file=tables[0].label, example=EXAMPLE_HEADER,
                            hint=message("error.template_hint"))  # fmt: skip
    sheets = ", ".join(f"'{table.sheet or table.file}'" for table in tables)
    raise DataFileError("layout.no_report_sheet", file=tables[0].file, sheets=sheets,
                        example=EXAMPLE_HEADER)  # fmt: skip


def _refuse_unclear(table: TableRead) -> None:
    """A conflict, a missing column or a missing date: the user's choice is needed."""
    columns = table.columns
    for ours, candidates in columns.conflicts.items():
        raise DataFileError(
            "layout.conflict",
            file=table.label,
            columns=", ".join(f"'{text}'" for text in candidates),
            role=role_label(ours),
            column=ours,
            example=candidates[0],
        )
    if table.missing == ["as_of"]:
        raise DataFileError("layout.no_date", file=table.label)
    if table.missing:
        missing: list[Message | str] = [
            message("error.code_or_name") if ours == "commune" else ours for ours in table.missing
        ]
        found = [f"'{text}'" for text in columns.texts if text]
        example = next((ours for ours in table.missing if ours in COUNTS), "commune_name")
        raise DataFileError(
            "layout.missing",
            file=table.label,
            found=listing(found, message("error.none")),
            missing=listing(missing),
            column=example,
        )
