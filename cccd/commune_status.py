"""The commune details' status line as HTML, its "at target" mark drawn, not typed.

The mark was the emoji ✅, which a meeting-room PC without an emoji font shows as an empty box.
An inline SVG needs no font: the map's own mark (orange ring and tick) on every machine.
"""

import html
import re
from datetime import date

from cccd.classes import AT_TARGET_OUTLINE
from cccd.i18n import Translator

# Pictographs a text font may lack: the emoji blocks, dingbats and symbols, variation selector
# 16 (emoji presentation) and the zero-width joiner of emoji sequences.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]")
TICK_SVG = (
    '<svg class="cccd-at-target" width="16" height="16" viewBox="0 0 16 16" role="img" '
    'aria-hidden="true" style="vertical-align:-3px;margin-right:.35rem">'
    f'<circle cx="8" cy="8" r="6.8" fill="#fff" stroke="{AT_TARGET_OUTLINE}" stroke-width="2.2"/>'
    f'<path d="M4.6 8.3 7.1 10.7 11.4 5.6" fill="none" stroke="{AT_TARGET_OUTLINE}" '
    'stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>'
)


def without_emoji(text: str) -> str:
    """`text` with emoji (and the space after one) removed."""
    return EMOJI.sub("", text).strip()


def status_html(t: Translator, at_target: bool, last_report: date | None) -> str:
    """The status line ("<mark> At target · report of 29/05/2023"), escaped; the mark an SVG."""
    # The catalogue's text may still carry an emoji (details.at_target had ✅): the mark is ours.
    status = without_emoji(t("details.at_target" if at_target else "details.not_at_target"))
    line = html.escape(t("details.status_line", status=status, date=t.day(last_report)))
    mark = TICK_SVG if at_target else ""
    return f'<p class="cccd-commune-status" style="margin:0">{mark}{line}</p>'
