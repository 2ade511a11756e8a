"""One cell of a daily report: counts and dates, and what to say when they cannot be read.

What to say is a Message (a key of locales/*/LC_MESSAGES/checks.po and its values), rendered
in the reader's language by the page, in English by the command line.
"""

import re
from datetime import date, datetime

from cccd.campaign import CAMPAIGN_START
from cccd.messages import Message, message

LABELS = {
    "as_of": message("check.label_as_of"),
    "commune": message("check.label_commune"),
    "target": message("check.label_target"),
    "delivered": message("check.label_delivered"),
    "activated": message("check.label_activated"),
}
EMPTY_CELL = message("check.empty_cell")
CHECK_DATE = message("check.fix_date_check")
_COUNT_PROBLEMS = {  # parse_count's reason -> (what, fix) keys
    "empty": ("check.empty_cell", "check.fix_fill_in_or_delete"),
    "negative": ("check.negative_count", "check.fix_digits_negative"),
    "decimal": ("check.decimal_count", "check.fix_digits_decimal"),
    "not a number": ("check.not_a_number", "check.fix_digits_letters"),
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


def count_problem(reason: str, label: Message) -> tuple[Message, Message]:
    """(what, fix) for a count that could not be read; `label` names the column."""
    what, fix = _COUNT_PROBLEMS[reason]
    return message(what), message(fix, label=label)


def date_problem(text: str, today: date) -> tuple[date | None, tuple[Message, Message] | None]:
    """(the date or None, (what, fix) or None) for a date cell."""
    if not str(text).strip():
        return None, (EMPTY_CELL, message("check.fix_fill_in_or_delete", label=LABELS["as_of"]))
    day = parse_date(text)
    if day is None:
        return None, (message("check.not_a_date"), message("check.fix_date_format"))
    if day > today:
        return day, (message("check.date_after_today", today=today), CHECK_DATE)
    if day < CAMPAIGN_START:
        return day, (message("check.date_before_campaign", start=CAMPAIGN_START), CHECK_DATE)
    return day, None
