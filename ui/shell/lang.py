"""The language of this session: ?lang=vi|en|fr in the URL, a picker in the sidebar.

`t = lang.current()` gives the pages their Translator; texts come from locales/*.po.
Set CCCD_I18N_STRICT=1 (the tests do) to raise on a missing key instead of showing the key.
"""

import os

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cccd.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator
from loaders import catalogue

KEY = "lang"
STRICT = os.environ.get("CCCD_I18N_STRICT") == "1"


_LATER_KEY = "language_picker_later"


def language() -> str:
    """The session's language code; on a first run it comes from ?lang=, else the default."""
    if st.session_state.get(KEY) not in LANGUAGES:
        asked = st.query_params.get(KEY)
        st.session_state[KEY] = asked if asked in LANGUAGES else DEFAULT_LANGUAGE
    return st.session_state[KEY]


def translator(code: str) -> Translator:
    """The Translator of a language code (strict under the tests)."""
    return catalogue.translator(code, strict=STRICT)


def current() -> Translator:
    """The Translator of this session's language."""
    return translator(language())


def picker_later() -> None:
    """This run leaves the picker out (the map page's first paint: its map comes first, the
    picker with the rest of the page, as the sidebar's other controls do)."""
    st.session_state[_LATER_KEY] = True


def language_picker(place: DeltaGenerator) -> None:
    """A language choice in `place` (the sidebar), unless picker_later was called in this run;
    the URL keeps it (?lang=) so a copied link does too."""
    code = language()
    if not st.session_state.pop(_LATER_KEY, False):
        place.selectbox(
            current()("lang.picker"),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            key=KEY,
            on_change=_remember_in_url,
        )
    # st.navigation drops query parameters on a page switch: put the choice back.
    if st.query_params.get(KEY) != code and (code != DEFAULT_LANGUAGE or KEY in st.query_params):
        st.query_params[KEY] = code


def _remember_in_url() -> None:
    st.query_params[KEY] = st.session_state[KEY]
