"""Where a report's rows come from when it was read from several tables (files, sheets)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from cccd.messages import Message, message

# Rows of several tables checked together: table k's rows are indexed k * ROW_BLOCK + the row
# number in its file, so every row keeps where it came from (a file has far fewer rows).
ROW_BLOCK = 10_000_000


@dataclass(frozen=True)
class TableSource:
    """One table of a report read from several: its name ("file › sheet") and its headers."""

    label: str
    headers: Mapping[str, str]  # our column -> this table's header text


@dataclass(frozen=True)
class SourceSummary:
    """What one file or sheet gave: rows read and accepted, its dates and district."""

    file: str
    sheet: str | None
    rows_read: int  # every row under the header that holds any text
    rows_accepted: int = 0
    rows_set_aside: int = 0  # headings, subtotals, totals, signature: listed in the decisions
    dates: tuple[date, ...] = ()
    district: str = ""  # the district found for the whole table (sheet, title), else ""


def rows_added_up(sources: Sequence[SourceSummary], accepted: int, with_problems: int) -> Message:
    """ "rows read: 580 = 578 accepted + 2 with a problem + 0 set aside (...)": every row read is
    accepted, listed with a problem, or set aside as not a commune (listed in the decisions)."""
    return message(
        "hostile.rows_added_up",
        read=sum(source.rows_read for source in sources),
        accepted=accepted,
        problems=with_problems,
        aside=sum(source.rows_set_aside for source in sources),
    )
