"""Vietnamese number and date formats for labels (1.234; 95,4 %; 29/05/2023)."""

import math
from datetime import date

import pandas as pd


def fmt_int(value: float | None) -> str:
    """Whole number with '.' between thousands; '–' when missing."""
    if value is None or pd.isna(value):
        return "–"
    return f"{round(value):,}".replace(",", ".")


def fmt_pct(ratio: float | None, decimals: int = 1) -> str:
    """A 0–1 ratio as a percentage with a decimal comma ("95,4 %"); '–' when missing."""
    if ratio is None or pd.isna(ratio) or math.isinf(ratio):
        return "–"
    return f"{ratio * 100:.{decimals}f} %".replace(".", ",")


def fmt_date(day: date | pd.Timestamp | None) -> str:
    """dd/mm/yyyy; '–' when missing."""
    if day is None or pd.isna(day):
        return "–"
    return day.strftime("%d/%m/%Y")
