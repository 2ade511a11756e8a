"""One cell of a daily report: counts and dates, and what to say when they cannot be read."""

import re
from datetime import date, datetime

from cccd.campaign import CAMPAIGN_START

LABELS = {
    "as_of": "the report date",
    "commune": "the commune code or name",
    "target": "the target",
    "delivered": "the number of cards delivered",
    "activated": "the number of VNeID activations",
}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
# "1.234" is how Vietnamese write a thousand and more: a separator before each group of three.
_GROUPED = re.compile(r"\d{1,3}([.,\s])\d{3}(?:\1\d{3})*")
_ZERO_DECIMALS = re.compile(r"(\d+)[.,]0+")


def parse_count(text: str) -> int | str:
    """A whole, non-negative count from cell text ("1234", "1.234", "1,234", "12.0"), else why not.

    Returns the int, or "empty", "negative", "decimal" or "not a number".
    """
    value = str(text).strip().replace("\u00a0", " ")
    if not value:
        return "empty"
    if value.isdecimal() and value.isascii():
        return int(value)
    if _GROUPED.fullmatch(value):
        return int(re.sub(r"\D", "", value))
    if match := _ZERO_DECIMALS.fullmatch(value):
        return int(match.group(1))
    if re.fullmatch(r"[-−]\s*\d[\d.,\s]*", value):
        return "negative"
    if re.fullmatch(r"\d[\d.,\s]*", value):
        return "decimal"
    return "not a number"


def parse_date(text: str) -> date | None:
    """A report date from "29/05/2023", "2023-05-29", "29-05-2023", "29.05.2023"; None if not."""
    value = re.sub(r"[ T]00:00(:00)?$", "", str(text).strip())
    for layout in DATE_FORMATS:
        try:
            return datetime.strptime(value, layout).date()
        except ValueError:
            continue
    return None


def fmt_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def count_problem(reason: str, label: str) -> tuple[str, str]:
    """(what, fix) for a count that could not be read."""
    digits = f"Write {label} as digits only, e.g. 1234 or 1.234"
    return {
        "empty": ("empty cell", f"Fill in {label}, or delete the row"),
        "negative": ("negative count", f"{digits}; a count cannot be below zero"),
        "decimal": ("not a whole number (it has a decimal part)", f"{digits}, without decimals"),
        "not a number": ("not a whole number", f"{digits}, without letters or units"),
    }[reason]


def date_problem(text: str, today: date) -> tuple[date | None, tuple[str, str] | None]:
    """(the date or None, (what, fix) or None) for a date cell."""
    if not str(text).strip():
        return None, ("empty cell", f"Fill in {LABELS['as_of']}, or delete the row")
    day = parse_date(text)
    if day is None:
        return None, ("not a date", "Write the date as DD/MM/YYYY (e.g. 29/05/2023) or YYYY-MM-DD")
    if day > today:
        return day, (f"date is after today ({fmt_day(today)})", "Check the day, month and year")
    if day < CAMPAIGN_START:
        what = f"date is before the campaign started ({fmt_day(CAMPAIGN_START)})"
        return day, (what, "Check the day, month and year")
    return day, None
