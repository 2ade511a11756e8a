"""The map legend as HTML (drawn by Streamlit, not branca: branca pulls d3 from a CDN)."""

import html

from cccd.classes import AT_TARGET_OUTLINE, CLASSES, NO_DATA


def legend_html(title: str = "Tỉ lệ thẻ đã trả / chỉ tiêu") -> str:
    """Swatches for each completion class, the no-data class and the at-target mark."""
    rows = [_swatch(klass.colour, klass.label) for klass in (*CLASSES, NO_DATA)]
    mark = (
        f'<span style="display:inline-block;width:18px;height:18px;border-radius:9px;'
        f"border:2px solid {AT_TARGET_OUTLINE};color:{AT_TARGET_OUTLINE};text-align:center;"
        f'font-weight:bold;line-height:15px;margin-right:8px">✓</span>'
        f"Đạt chỉ tiêu: viền cam và dấu ✓"
    )
    return (
        f'<div class="legend" style="font-size:1rem;line-height:1.9">'
        f"<strong>{html.escape(title)}</strong><br>{'<br>'.join(rows)}<br>{mark}</div>"
    )


def _swatch(colour: str, label: str) -> str:
    return (
        f'<span style="display:inline-block;width:26px;height:16px;background:{colour};'
        f'border:1px solid #777;vertical-align:middle;margin-right:8px"></span>'
        f"{html.escape(label)}"
    )
