"""Translations and number/date formats per language: pure lookups in a message dict.

The messages come from gettext PO files (`locales/<lang>/LC_MESSAGES/messages.po`, read by
`loaders.catalogue`); here they are plain data, so every text function is testable with a dict.
Message ids are stable keys ("map.title"); placeholders are str.format fields ("{count}").
Numbers and dates follow the language (Babel, CLDR data): vi 1.234,5 · en (en_GB) 1,234.5 ·
fr 1 234,5 (a narrow no-break space, U+202F, between thousands); dates dd/mm/yyyy in all three.
"""

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent, get_group_symbol

from cccd.messages import Message

LANGUAGES = {"vi": "Tiếng Việt", "en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "vi"
# English in the British style: day before month, as in the other two.
BABEL_LOCALES = {"vi": "vi", "en": "en_GB", "fr": "fr"}
# CLDR's vi pattern has no space before %; the app has always written "95,4 %", kept here.
# fr: CLDR's no-break space (U+00A0) before the sign.
PERCENT_PATTERNS = {
    "vi": "#,##0{decimals} %",
    "en": "#,##0{decimals}%",
    "fr": "#,##0{decimals}\xa0%",
}
DATE_PATTERN = "dd/MM/yyyy"
MISSING = "–"


@dataclass(frozen=True)
class Translator:
    """Texts and formats of one language. `t("map.title")`, `t("key", count=3)`.

    strict: a missing key (or a placeholder the message needs but was not given) raises
    KeyError; otherwise the key itself is shown, so a gap in a catalogue never stops the app.
    """

    language: str
    messages: Mapping[str, str] = field(repr=False, compare=False)
    strict: bool = True

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language {self.language!r} is not one of {sorted(LANGUAGES)}")

    def __call__(self, key: str, **params: object) -> str:
        """The message `key` with its {placeholders} filled from `params`."""
        message = self.messages.get(key)
        if not message:
            if self.strict:
                raise KeyError(f"no {self.language!r} message for {key!r}")
            return key
        try:
            return message.format(**params)
        except (KeyError, IndexError, ValueError):
            if self.strict:
                raise
            return message

    def render(self, message: Message | str) -> str:
        """A Message in this language: numbers with the language's separators (floats to one
        place), dates dd/mm/yyyy, nested Messages rendered, a list of Messages joined with "; ".
        A plain str is returned as it is (text from the user's file, a file name)."""
        if isinstance(message, str):
            return message
        return self(message.key, **{k: self._value(v) for k, v in message.params.items()})

    def _value(self, value: object) -> object:
        if isinstance(value, Message):
            return self.render(value)
        if isinstance(value, (list, tuple)) and all(isinstance(v, Message) for v in value):
            return "; ".join(self.render(v) for v in value)
        if isinstance(value, bool):
            return value
        if isinstance(value, numbers.Integral):  # numpy ints too
            return self.number(int(value))
        if isinstance(value, numbers.Real):
            return self.number(float(value), 1)
        if isinstance(value, datetime) and not isinstance(value, pd.Timestamp):
            return self.moment(value)
        if isinstance(value, (date, pd.Timestamp)):  # a report day: dd/mm/yyyy
            return self.day(value)
        return value

    @property
    def locale(self) -> str:
        """The Babel locale used for numbers and dates."""
        return BABEL_LOCALES[self.language]

    def number(self, value: float | None, decimals: int = 0) -> str:
        """A number with the language's separators and `decimals` places; '–' when missing."""
        if _missing(value):
            return MISSING
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    @property
    def group_symbol(self) -> str:
        """The thousands separator: vi ".", en ",", fr a narrow no-break space."""
        return get_group_symbol(self.locale)

    def fraction(self, part: float | None, whole: float | None) -> str:
        """ "45 / 579", "824 / 10.599" (vi): a count out of a total, both formatted."""
        return f"{self.number(part)} / {self.number(whole)}"

    def percent(self, ratio: float | None, decimals: int = 1) -> str:
        """A 0–1 ratio as a percentage: vi "95,4 %", en "95.4%", fr "95,4 %"; '–' if missing."""
        if _missing(ratio):
            return MISSING
        fraction = "." + "0" * decimals if decimals > 0 else ""
        pattern = PERCENT_PATTERNS[self.language].format(decimals=fraction)
        return format_percent(ratio, format=pattern, locale=self.locale)

    def day(self, day: date | pd.Timestamp | None) -> str:
        """dd/mm/yyyy in every language; '–' when missing."""
        if day is None or pd.isna(day):
            return MISSING
        return format_date(day, DATE_PATTERN, locale=self.locale)

    def moment(self, at: datetime | pd.Timestamp | None) -> str:
        """dd/mm/yyyy HH:MM (24-hour clock, the time as given); '–' when missing."""
        if at is None or pd.isna(at):
            return MISSING
        return f"{self.day(at)} {at:%H:%M}"


def _missing(value: float | None) -> bool:
    return value is None or pd.isna(value) or math.isinf(value)
