"""Completion classes for the choropleth and its legend.

ColorBrewer YlGnBu (5 classes) is sequential and colour-blind safe; "at target" also gets an
orange outline and a check mark on the map, so it never relies on colour alone.
"""

import math
from dataclasses import dataclass

from cccd.i18n import Translator


@dataclass(frozen=True)
class CompletionClass:
    """One legend class: completion in [lower, upper), its colour and its label's message key."""

    lower: float
    upper: float
    colour: str
    key: str

    def label(self, t: Translator) -> str:
        """The class's label in t's language ("Dưới 50 %", "Below 50%")."""
        return t(self.key)


NO_DATA = CompletionClass(math.nan, math.nan, "#d9d9d9", "class.no_data")
CLASSES = (
    CompletionClass(0.0, 0.5, "#ffffcc", "class.below_50"),
    CompletionClass(0.5, 0.7, "#a1dab4", "class.50_70"),
    CompletionClass(0.7, 0.9, "#41b6c4", "class.70_90"),
    CompletionClass(0.9, 1.0, "#2c7fb8", "class.90_100"),
    CompletionClass(1.0, math.inf, "#253494", "class.at_target"),
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
