"""Completion classes for the choropleth and its legend.

ColorBrewer YlGnBu (5 classes) is sequential and colour-blind safe; "at target" also gets an
orange outline and a check mark on the map, so it never relies on colour alone.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class CompletionClass:
    """One legend class: completion in [lower, upper), its colour and label."""

    lower: float
    upper: float
    colour: str
    label: str


NO_DATA = CompletionClass(math.nan, math.nan, "#d9d9d9", "Không có số liệu")
CLASSES = (
    CompletionClass(0.0, 0.5, "#ffffcc", "Dưới 50 %"),
    CompletionClass(0.5, 0.7, "#a1dab4", "50 – 70 %"),
    CompletionClass(0.7, 0.9, "#41b6c4", "70 – 90 %"),
    CompletionClass(0.9, 1.0, "#2c7fb8", "90 – 100 %"),
    CompletionClass(1.0, math.inf, "#253494", "Đạt chỉ tiêu (≥ 100 %)"),
)
AT_TARGET_OUTLINE = "#e66100"
# Remaining-work circles: a dark purple that stands apart from the blue-green fills.
REMAINING_COLOUR = "#5e3c99"


def completion_class(completion: float | None) -> CompletionClass:
    """The legend class of a completion ratio (0–1+); NO_DATA for None or NaN."""
    if completion is None or math.isnan(completion):
        return NO_DATA
    for klass in CLASSES:
        if completion < klass.upper:
            return klass
    return CLASSES[-1]
