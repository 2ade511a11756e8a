"""Goal 2(d), the Streamlit floor: a page whose only element is one line of text.

bench/browser_load.py times goto → this text in the DOM. No app code, no store read, no
set_page_config: what any Streamlit page costs before it shows anything of its own.
"""

import streamlit as st

TEXT = "bench floor: hello"  # browser_load.HELLO_TEXT waits for this exact text

st.write(TEXT)
