"""The commune details' status line as HTML, its "at target" mark drawn, not typed.

The mark was the emoji ✅, which a meeting-room PC without an emoji font shows as an empty box.
A shape drawn in CSS needs no font: the map's own mark (orange ring and tick) on every machine.
"""

import html
import re
from datetime import date

from cccd.classes import AT_TARGET_OUTLINE
from cccd.i18n import Translator

# Pictographs a text font may lack: the emoji blocks, dingbats and symbols, variation selector
# 16 (emoji presentation) and the zero-width joiner of emoji sequences.
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]")
# A ring and a tick drawn with CSS borders: st.html sanitises <svg> away, keeps inline styles.
RING = (
    "display:inline-block;position:relative;box-sizing:border-box;width:15px;height:15px;"
    f"border:2px solid {AT_TARGET_OUTLINE};border-radius:50%;vertical-align:-2px;"
    "margin-right:.4rem"
)
TICK = (
    "position:absolute;left:3.6px;top:1px;width:3.6px;height:7px;box-sizing:content-box;"
    f"border:solid {AT_TARGET_OUTLINE};border-width:0 2px 2px 0;transform:rotate(45deg)"
)
AT_TARGET_MARK = (
    f'<span class="cccd-at-target" aria-hidden="true" style="{RING}">'
    f'<span style="{TICK}"></span></span>'
)


def without_emoji(text: str) -> str:
    """`text` with emoji (and the space after one) removed."""
    return EMOJI.sub("", text).strip()


def status_html(t: Translator, at_target: bool, last_report: date | None) -> str:
    """The status line ("<mark> At target · report of 29/05/2023"), escaped; a CSS mark."""
    # The catalogue's text may still carry an emoji (details.at_target had ✅): the mark is ours.
    status = without_emoji(t("details.at_target" if at_target else "details.not_at_target"))
    line = html.escape(t("details.status_line", status=status, date=t.day(last_report)))
    mark = AT_TARGET_MARK if at_target else ""
    return f'<p class="cccd-commune-status" style="margin:0">{mark}{line}</p>'
