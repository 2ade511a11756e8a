"""The app's pages (declared in app.py), the widgets and cached entry points they share, and
the server's one middleware (page_shell.py).

Streamlit still runs a file of pages/ on its own (its old multipage mode) when the first visitor
of a freshly started server opens a page's own address, e.g. a shared /districts link, before
any run of app.py has declared the navigation: no wide layout, no offline map assets, file names
as the menu. Importing this package is the first thing every page does, so it sends such a run
back through app.py, which then opens the page the address names.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if PagesManager.uses_pages_directory:
    # The flag is what app.py's st.navigation call clears; clearing it here lets the rerun
    # execute app.py (with the same page address) instead of this file.
    PagesManager.uses_pages_directory = False
    st.rerun()
