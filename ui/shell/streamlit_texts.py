"""Streamlit's own widget texts in the reader's language.

Streamlit writes "Upload", "200MB per file • CSV, XLSX" and "Press Enter to apply" in English
whatever the page's language, and offers no setting for them. We hide those texts and draw ours
in their place with CSS generated content; the texts come from the catalogue
(locales/*/streamlit.po).
"""

import json

import streamlit as st

from cccd.i18n import Translator

_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {button}; font-size: 0.875rem;
}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: {limit}; font-size: 0.8125rem;
}}
</style>"""


_INPUT_CSS = """<style>
[data-testid="InputInstructions"] {{ font-size: 0 !important; }}
[data-testid="InputInstructions"]::after {{ content: {hint}; font-size: 0.75rem; }}
</style>"""


def widget_texts(t: Translator) -> None:
    """Every page: the hint under a text input being typed in ("Press Enter to apply")."""
    st.html(input_hint_css(t))


def input_hint_css(t: Translator) -> str:
    return _INPUT_CSS.format(hint=_css_string(t("input.press_enter")))


def file_uploader(t: Translator, label: str, types: list[str], **kwargs: object) -> object:
    """st.file_uploader(label, type=types, **kwargs) whose button and size note are in t's
    language (one uploader per page: the note names `types`)."""
    st.html(uploader_css(t, types, st.get_option("server.maxUploadSize")))
    return st.file_uploader(label, type=types, **kwargs)


def uploader_css(t: Translator, types: list[str], limit_mb: int) -> str:
    """The style sheet that replaces the uploader's English texts."""
    note = t("uploader.limit", size=limit_mb, types=", ".join(kind.upper() for kind in types))
    # json.dumps gives a double-quoted string with quotes and backslashes escaped, which CSS
    # reads the same way; "<" is escaped too so the text cannot close the <style> element.
    return _CSS.format(button=_css_string(t("uploader.button")), limit=_css_string(note))


def _css_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3C ")
