"""The map page's title, notices and headline figures as one block of HTML.

A browser's first run of /map sends the map before the rest of the page (issue 18). The title,
the notices and the four figures come with it, since sent later they pushed the drawn map down.
As Streamlit elements (st.title, st.warning, st.info, st.metric) they made the browser fetch and
run the Heading, Alert, Metric and Markdown modules before it asked for the map's frame; as one
st.html block they need none of them. The block looks as those elements do (Streamlit 1.67's
sizes and colours, measured in Chromium; the app's theme is light), on every run, so nothing is
swapped or moves when the rest of the page follows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Literal

NoticeKind = Literal["warning", "info", "caption"]
# Each box's icon, a ligature of the Material Symbols font Streamlit serves (as st.warning's
# icon=":material/science:" draws it).
ICONS = {"warning": "science", "info": "polyline"}

# Streamlit's own: h1 44px/1.2 with 20px above and 16px below, pulled up 16px by the heading's
# negative margin; an alert 16px padding, 8px radius, a 20px icon and 8px gap before its
# 24px-high lines; a metric's 14px label in a 24px row, its 36px value in 52px; 16px between
# elements, and the four figures one per row under 640px, as Streamlit's columns do.
STYLE = """<style>
.cccd-head{display:flex;flex-direction:column;gap:1rem;color:rgb(47,45,43)}
.cccd-head h1{font-size:2.75rem;font-weight:700;line-height:1.2;padding:1.25rem 0 1rem;
margin:0 0 -1rem;color:inherit;letter-spacing:normal}
.cccd-head .note{padding:16px;border-radius:8px;font-size:1rem;line-height:24px;display:flex;
gap:8px}
.cccd-head .icon{font-family:"Material Symbols Rounded";font-size:20px;line-height:20px;
flex:0 0 20px;height:20px;margin-top:2px;overflow:hidden;font-weight:400;font-style:normal;
white-space:nowrap;user-select:none}
.cccd-head .note p{margin:0;padding-bottom:3px}
.cccd-head .warning{background:rgb(255,250,229);color:rgb(149,107,15)}
.cccd-head .info{background:rgb(237,245,255);color:rgb(36,79,180)}
.cccd-head .caption{font-size:.875rem;line-height:1.6;color:rgba(49,51,63,.6)}
.cccd-head .figures{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:1rem}
.cccd-head .label{font-size:.875rem;height:24px;line-height:24px;white-space:nowrap;
overflow:hidden;text-overflow:ellipsis}
.cccd-head .value{font-size:2.25rem;height:48px;line-height:48px;padding-bottom:4px;
white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
@media (max-width:640px){.cccd-head .figures{grid-template-columns:1fr}}
</style>"""


# A backslash-escaped character (ui.plain escapes a user's text so) is that character.
_ESCAPED = re.compile(r"\\(.)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


# Where st.title puts its link icon (16px after an 8px margin): the title wraps where it does.
ANCHOR = '<span style="display:inline-block;width:16px;margin-left:8px"></span>'


def inline_markdown(text: str) -> str:
    """`text` as HTML: its **bold** and *italic* drawn as Streamlit would (the only Markdown
    the catalogue's notices use), everything else, escaped characters included, as text."""
    held: list[str] = []

    def hold(match: re.Match) -> str:
        held.append(match.group(1))
        return f"\x00{len(held) - 1}\x00"

    marked = _ESCAPED.sub(hold, text.replace("\x00", ""))
    marked = html.escape(marked, quote=False)
    marked = _BOLD.sub(r"<strong>\1</strong>", marked)
    marked = _ITALIC.sub(r"<em>\1</em>", marked)
    return re.sub("\x00(\\d+)\x00", lambda m: html.escape(held[int(m.group(1))]), marked)


def headline_html(
    title: str,
    notices: Sequence[tuple[NoticeKind, str]],
    figures: Sequence[tuple[str, str]],
) -> str:
    """The block: `title` as text, each notice (its kind, its Markdown text) and the figures
    as (label, value), all escaped."""
    boxes = [
        f'<div class="note {kind}"><span class="icon" aria-hidden="true" translate="no">'
        f"{ICONS[kind]}</span><p>{inline_markdown(text)}</p></div>"
        if kind != "caption"
        else f'<div class="caption">{inline_markdown(text)}</div>'
        for kind, text in notices
    ]
    cells = [
        f'<div><div class="label">{html.escape(label)}</div>'
        f'<div class="value">{html.escape(value)}</div></div>'
        for label, value in figures
    ]
    return (
        f'{STYLE}<div class="cccd-head"><h1>{html.escape(title)}{ANCHOR}</h1>{"".join(boxes)}'
        f'<div class="figures">{"".join(cells)}</div></div>'
    )
