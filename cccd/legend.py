"""The map legend as HTML (drawn by Streamlit, not branca: branca pulls d3 from a CDN)."""

import html
import math
from datetime import date

from cccd.classes import AT_TARGET_OUTLINE, CLASSES, NO_DATA, REMAINING_COLOUR
from cccd.i18n import Translator

METRIC_TITLES = {"delivered": "legend.title.delivered", "activated": "legend.title.activated"}
REMAINING_TITLES = {
    "delivered": "legend.remaining.delivered",
    "activated": "legend.remaining.activated",
}
_MARK = (
    "display:inline-block;width:18px;height:18px;border-radius:9px;text-align:center;"
    "font-weight:bold;line-height:15px;margin-right:8px;"
)


def legend_html(t: Translator, metric: str = "delivered", since: date | None = None) -> str:
    """Swatches for each completion class, the no-data class and the at-target marks."""
    rows = [_swatch(klass.colour, klass.label(t)) for klass in (*CLASSES, NO_DATA)]
    rows.append(
        f'<span style="{_MARK}border:2px solid {AT_TARGET_OUTLINE};color:{AT_TARGET_OUTLINE}">'
        f"✓</span>{html.escape(t('legend.at_target'))}"
    )
    if since is not None:
        rows.append(
            f'<span style="{_MARK}background:{AT_TARGET_OUTLINE};color:#fff">✓</span>'
            + html.escape(t("legend.new_since", date=t.day(since)))
        )
    return _box(t(METRIC_TITLES[metric]), rows)


def remaining_legend_html(
    t: Translator, largest: float, scale: float, metric: str = "delivered"
) -> str:
    """Reference circles (same scale as the map) for the remaining-work view."""
    rows = []
    for amount in _reference_amounts(largest):
        diameter = 2 * scale * math.sqrt(amount)
        rows.append(
            f'<span style="display:inline-block;width:{2 * scale * math.sqrt(largest):.0f}px;'
            f'text-align:center;margin-right:8px"><span style="display:inline-block;'
            f"width:{diameter:.0f}px;height:{diameter:.0f}px;border-radius:50%;"
            f'background:{REMAINING_COLOUR};opacity:.6;vertical-align:middle"></span></span>'
            f"{t.number(amount)}"
        )
    return _box(t(REMAINING_TITLES[metric]), rows)


def _reference_amounts(largest: float) -> list[float]:
    """Round amounts for the legend: the largest power-of-ten multiple below it, and smaller."""
    if not largest or largest <= 0:
        return []
    top = 10 ** math.floor(math.log10(largest))
    top *= 5 if largest >= 5 * top else 2 if largest >= 2 * top else 1
    return [top, top / 5] if top >= 5 else [top]


def _box(title: str, rows: list[str]) -> str:
    return (
        '<div class="legend" style="font-size:1rem;line-height:1.9">'
        f"<strong>{html.escape(title)}</strong><br>{'<br>'.join(rows)}</div>"
    )


def _swatch(colour: str, label: str) -> str:
    return (
        f'<span style="display:inline-block;width:26px;height:16px;background:{colour};'
        f'border:1px solid #777;vertical-align:middle;margin-right:8px"></span>'
        f"{html.escape(label)}"
    )
