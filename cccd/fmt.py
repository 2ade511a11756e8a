"""Number and date formats for labels, per language (vi by default: 1.234; 95,4 %; 29/05/2023).

Thin wrappers over cccd.i18n.Translator's formats, kept for callers that only need numbers:
pass the page's Translator (`t`) for its language; without one the format is Vietnamese.
"""

from datetime import date

import pandas as pd

from cccd.i18n import Translator, number_formats


def fmt_int(value: float | None, t: Translator | None = None) -> str:
    """Whole number with the language's thousands separator; '–' when missing."""
    return (t or number_formats()).number(value)


def fmt_pct(ratio: float | None, decimals: int = 1, t: Translator | None = None) -> str:
    """A 0–1 ratio as a percentage (vi "95,4 %", en "95.4%", fr "95,4 %"); '–' when missing."""
    return (t or number_formats()).percent(ratio, decimals)


def fmt_date(day: date | pd.Timestamp | None, t: Translator | None = None) -> str:
    """dd/mm/yyyy; '–' when missing."""
    return (t or number_formats()).day(day)
