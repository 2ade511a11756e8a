"""The app's pages (declared in app.py), the widgets and cached entry points they share, and
the server's one middleware (page_shell.py).

A file of pages/ never runs on its own (Streamlit's old multipage mode, which would serve
pages/*.py with file names as the menu): app.py tells Streamlit that st.navigation declares the
pages when the server imports it.
"""
