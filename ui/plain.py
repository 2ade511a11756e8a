"""Text that came from a user (a file name, a heading, an editor's name) shown as it is.

Streamlit reads the text of st.caption, st.success, st.markdown... as Markdown: a file named
`![i](https://…)` would make every viewer's browser fetch a remote image, `[a](…)` would be a
live link. Every such string goes through plain() before it reaches those calls.
"""

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")


def plain(text: str) -> str:
    """`text` with every character Markdown (or Streamlit's :colour[] and $math$) would read
    escaped, so it shows as written."""
    return _MARKDOWN.sub(r"\\\1", text)
